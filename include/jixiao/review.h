/*
** review.h - the stored review: findings and grades computed when the forms
** change and kept in the store with the key of the configuration they were
** computed under, and the one JSON writer of findings and form briefs that
** the CLI and the API share.
**
** A stored review is current when the forms have not changed since it was
** computed and its key equals jx_review_config_key of the configuration
** asked for; readers (check, the web) read it, and recompute only when it
** is not current.
*/
#ifndef JIXIAO_REVIEW_H
#define JIXIAO_REVIEW_H

#include <stdio.h>
#include "jixiao/error.h"
#include "jixiao/rules.h"
#include "jixiao/store.h"

/*
** The key of a configuration: hex SHA-256 of what decides the findings and
** grades -- the rule table (ids, severities, dimensions, titles, grounds,
** thresholds and JX_REVIEW_REVISION, bumped when a rule's logic changes)
** and the configuration's states, severities, thresholds and grade mapping.
*/
void jx_review_config_key(const jx_review_config *c, char out[65]);

/*
** Make the stored review current for configuration c: when it is not,
** load the forms, review them and store findings and grades (inside the
** caller's write transaction if one is open, else in one of its own).
** *recomputed (may be NULL) says whether it had to.
*/
jx_status jx_review_refresh(jx_store *store, const jx_review_config *c, int *recomputed,
                            jx_error *err);

/*
** The review of every stored form under c, walked batch by batch in one
** snapshot (open it inside jx_store_begin_read or the caller's transaction;
** no other call on the store until it is closed). Each jx_review_walk_next
** sets *batch to what it reviewed (borrowed until the next call): first, when
** there are any, the disclosures of files without forms (*unattached 1, no
** forms), then the forms a batch at a time, id order, whole files of up to
** 1,000 forms (a longer file's continuation without its disclosures, which
** its first batch carried); it appends that batch's findings to out, in
** jx_review's order. A batch with no form and no disclosure is the end.
** Memory: one batch, and a signature per indicator row of every form when
** the copy rules are on -- the same findings as jx_review over every form.
** With self-evaluations stored (their rules link each to the declared forms
** of any file) the walk is one batch of everything, as jx_review.
*/
typedef struct jx_review_walk jx_review_walk;
jx_status jx_review_walk_open(jx_store *store, const jx_review_config *c, jx_review_walk **out, jx_error *err);
jx_status jx_review_walk_next(jx_review_walk *w, const jx_form_list **batch, int *unattached, jx_findings *out,
                              jx_error *err);
void jx_review_walk_close(jx_review_walk *w);

/*
** The walk as one call: each batch of the review of every stored form
** under c (jx_review_walk_next's batches, the empty one that ends the walk
** excluded) handed to fn with its findings, both borrowed for the call.
** Stops at fn's first error and returns it. The caller holds the read (or
** write) transaction, as for jx_review_walk_open.
*/
typedef jx_status (*jx_review_batch_fn)(void *ctx, const jx_form_list *batch, int unattached,
                                        const jx_findings *findings, jx_error *err);
jx_status jx_review_walk_each(jx_store *store, const jx_review_config *c, jx_review_batch_fn fn, void *ctx,
                              jx_error *err);

/* Store findings and grades of forms reviewed under c at forms generation gen. */
jx_status jx_review_save(jx_store *store, const jx_review_config *c, long long gen,
                         const jx_form_list *forms, const jx_findings *findings, jx_error *err);

/*
** Recompute the stored grade of one stored form from its stored findings
** (after a reviewer's disposition): a finding dismissed (不采纳) leaves the
** grade, as it does in every stored review.
*/
jx_status jx_review_regrade(jx_store *store, const jx_review_config *c, const jx_form *form,
                            jx_error *err);

/*
** A finding as JSON (json_t* as void*): rule, [title,] severity, dimension,
** form_id, [form_name,] source {file, line}, where, message, reason -- the
** bracketed keys when api is 1 (the API's shape), without them `jixiao
** check --format json`'s.
*/
void *jx_finding_row_json(const jx_finding_row *x, int api);

/* A form's line in a list as JSON: id, year, name, unit, …, grade, source. */
void *jx_brief_json(const jx_brief *b);

/* A jx_finding as a jx_finding_row borrowing its strings (form_name/file from x->form). */
jx_finding_row jx_finding_row_of(const jx_finding *x);

/*
** The inverse: a stored finding as the review's jx_finding, borrowing r's
** strings and form (NULL when the form is not loaded). The rule id, its
** dimension and its grounds are the rule table's (a rule no longer in the
** table keeps r's id, 完整性 and no grounds). Valid while r and form live.
*/
jx_finding jx_finding_of_row(const jx_finding_row *r, const jx_form *form);

/*
** Write a JSON value (json_t* as void*) to out as json_dumpf with flags
** would if it were nested `depth` containers deep in a JSON_INDENT(2)
** document: each line after the first indented by 2*depth more spaces. The
** building block of the exports that write item by item.
*/
int jx_json_write_nested(void *json, FILE *out, size_t flags, int depth);

/*
** The files that get a verdict of their own: every disclosure's, then every
** file holding self-evaluations or monitoring reports (whose findings belong
** to their document), each once. A malloc'd array of borrowed names.
*/
const char **jx_review_verdict_files(const jx_form_list *forms, size_t *n);

#endif
