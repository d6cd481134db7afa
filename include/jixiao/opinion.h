/*
** opinion.h - the 审核意见书: what a finance office sends back for one
** project after reviewing its performance targets (绩效目标审核意见).
**
** One opinion per form, built from the form and its own findings (those of
** scope form; a disclosure's findings are the disclosure's): unit, project,
** amounts, the suggested grade and score with how they were reached, and the
** problems grouped by review dimension (完整性/相关性/适当性/可行性), each
** with its place, reason, grounds and suggestion. Written as plain text, as
** JSON, as an HTML fragment (the printable web page and `--format html`) and
** as DOCX through the renderer's Word writer (the office exports' writer).
**
** Ownership: every function returns or appends caller-owned memory; the
** form and findings are borrowed.
*/
#ifndef JIXIAO_OPINION_H
#define JIXIAO_OPINION_H

#include "jixiao/error.h"
#include "jixiao/model.h"
#include "jixiao/rules.h"
#include "jixiao/util.h"

/* The opinion as text (Chinese, a letter in the finance office's register). */
char *jx_opinion_text(const jx_review_config *c, const jx_form *f, const jx_findings *all);

/* The opinion as a JSON object (json_t* as void*): see README, Review. */
void *jx_opinion_json(const jx_review_config *c, const jx_form *f, const jx_findings *all);

/* Append the opinion as an HTML fragment (an <article>, every text escaped). */
void jx_opinion_html(const jx_review_config *c, const jx_form *f, const jx_findings *all,
                     jx_buf *out);

/*
** The same document opinion by opinion in bounded memory: begin, add each
** form's (its findings among all), end writes it to path atomically (and
** frees d whatever the outcome); abort frees it without writing.
*/
typedef struct jx_docx_opinions jx_docx_opinions;
jx_status jx_opinion_docx_begin(jx_docx_opinions **out, jx_error *err);
void jx_opinion_docx_add(jx_docx_opinions *d, const jx_review_config *c, const jx_form *f,
                         const jx_findings *all);
jx_status jx_opinion_docx_end(jx_docx_opinions *d, const char *path, jx_error *err);
void jx_opinion_docx_abort(jx_docx_opinions *d);

/* Write the opinions of forms (one per page) as a Word document to path, atomically. */
jx_status jx_opinion_docx(const jx_review_config *c, const jx_form *const *forms, size_t n,
                          const jx_findings *all, const char *path, jx_error *err);

#endif
