/*
** export.h - writing the store's forms out: the JSON contract, the official
** XLSX workbook, CSV files, and the atomic file writer they all use.
*/
#ifndef JIXIAO_EXPORT_H
#define JIXIAO_EXPORT_H

#include <stdio.h>
#include "jixiao/error.h"
#include "jixiao/model.h"
#include "jixiao/rules.h"
#include "jixiao/util.h"

/*
** The JSON export contract, version 1 (see README): {"version": 1,
** "forms": [...]}. Fields may be added later, never renamed or removed.
** Returns a new jansson json_t* (as void* to keep jansson out of this header);
** the caller json_decref()s it.
*/
void *jx_export_json(const jx_form_list *forms);
void *jx_form_to_json(const jx_form *form);

/*
** JSON text appended to a buffer, byte for byte what json_dumps with
** JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) prints,
** every line after the first indented by depth more levels (2 spaces each).
** jx_form_json_write writes jx_form_to_json(form) without building it;
** with open set the object is left open after its last key ("status") for
** the caller to add members (jx_json_buf_key with first 0 at depth + 1)
** and close (jx_json_buf_close(b, depth, '}')). jx_json_buf_value writes a
** jansson value (json_t*; NULL writes null); jx_json_buf_text a string, or
** null for NULL, each byte of invalid UTF-8 as U+FFFD (as the tree does).
*/
void jx_form_json_write(jx_buf *b, const jx_form *form, int depth, int open);
void jx_json_buf_value(jx_buf *b, const void *json, int depth);
void jx_json_buf_text(jx_buf *b, const char *s);
/* ",", a newline and depth's indentation (no "," when first), then "key": . */
void jx_json_buf_key(jx_buf *b, const char *key, int depth, int first);
/* A newline, depth's indentation and the closing bracket ('}' or ']'). */
void jx_json_buf_close(jx_buf *b, int depth, char bracket);
/* A newline and depth's indentation. */
void jx_json_buf_newline(jx_buf *b, int depth);

/*
** One form read back from the export contract's JSON (one element of
** "forms", or GET /api/forms/{id}'s answer): the reader of what an edit
** sends. name names the document in errors. On success *out is a new form
** the caller frees; on bad input JX_EINPUT and a message naming the JSON
** path and what is wrong ("$.indicators[2].target.text: expected a string
** or null, got a number"). Targets are parsed from their text.
*/
jx_status jx_form_from_json(const char *name, const char *text, size_t len, jx_form **out,
                            jx_error *err);

/*
** What changed from form JSON a to form JSON b (json_t* as void*, both the
** export contract's): {"fields": [{"field", "title", "from", "to"}],
** "components": {"added", "removed", "changed"}, "indicators": {"added",
** "removed", "changed", "moved"}}. A new JSON object the caller owns.
*/
void *jx_form_json_diff(const void *a, const void *b);

struct jx_store;
/*
** The same export of every stored form written to out form by form (the
** store's cursor), followed by a newline: byte for byte json_dumps of
** jx_export_json with JSON_INDENT(2) | JSON_PRESERVE_ORDER |
** JSON_REAL_PRECISION(15), in memory independent of the number of forms.
*/
jx_status jx_export_json_stream(struct jx_store *store, FILE *out, jx_error *err);


/*
** Write the forms as a workbook to path (temporary file + rename): 项目汇总,
** 指标汇总 (autofilter), 审核意见 (findings; may be NULL) and one sheet per
** form in the official layout. The form sheets carry every field of the
** JSON export, so importing the workbook gives the same forms back.
*/
jx_status jx_export_xlsx(const jx_form_list *forms, const jx_findings *findings,
                         const char *path, jx_error *err);

/*
** The form sheets one workbook holds (JX_XLSX_MAX_FORMS, or fewer by the
** environment's JIXIAO_XLSX_MAX_FORMS, for tests): more forms are refused
** with JX_EUSAGE before anything is written.
*/
size_t jx_export_xlsx_max_forms(void);

/*
** The same workbook of the stored forms matching filter (NULL: all; year,
** substring of the unit), a batch of forms at a time from the store's
** cursor: memory grows with the form sheets written, not with the store.
** jx_export_xlsx_store takes the stored review's findings (current: the
** caller refreshed it); jx_export_xlsx_walk those of the review under c of
** every stored form, computed batch by batch (jx_review_walk). More than
** JX_XLSX_MAX_FORMS forms, or more indicators or findings than a worksheet's
** rows, are refused (JX_EUSAGE, nothing written). Each reads a snapshot.
*/
struct jx_filter;
struct jx_review_config;
jx_status jx_export_xlsx_store(struct jx_store *store, const struct jx_filter *filter, const char *path,
                               jx_error *err);
jx_status jx_export_xlsx_walk(struct jx_store *store, const struct jx_review_config *c,
                              const struct jx_filter *filter, const char *path, jx_error *err);

/*
** Write the forms as a Word document (.docx) to path, atomically: each form
** the official 申报表 block on a page of its own (the same block as the
** XLSX form sheets), amounts in 万元. Importing it gives the same forms.
*/
jx_status jx_export_docx(const jx_form_list *forms, const char *path, jx_error *err);
/* The same of every stored form, form by form from the store's cursor. */
jx_status jx_export_docx_store(struct jx_store *store, const char *path, jx_error *err);

/*
** Write forms.csv, indicators.csv and findings.csv (findings may be NULL:
** header only) into dir, creating dir if needed. UTF-8 with BOM, CRLF,
** RFC 4180 quoting; each file written atomically.
*/
jx_status jx_export_csv(const jx_form_list *forms, const jx_findings *findings,
                        const char *dir, jx_error *err);

/*
** The same CSV files from the store, form by form (the cursor) and page by
** page (the stored review's findings), in memory independent of the number
** of forms: byte for byte what jx_export_csv writes for every stored form and
** the stored review. jx_export_csv_table writes one table ("forms",
** "indicators", "findings") to out; jx_export_csv_store all three into dir,
** each file atomically.
*/
jx_status jx_export_csv_table(struct jx_store *store, const char *table, FILE *out, jx_error *err);
jx_status jx_export_csv_store(struct jx_store *store, const char *dir, jx_error *err);
/* The same of a review under c computed batch by batch (jx_review_walk), not stored. */
jx_status jx_export_csv_review(struct jx_store *store, const struct jx_review_config *c, const char *dir,
                               jx_error *err);

/*
** A worksheet name Excel accepts, made from wanted: []:*?/\ replaced, no
** leading or trailing apostrophe, at most 31 characters, and different
** (case-insensitively) from the nused names in used. Written to out.
*/
void jx_xlsx_sheet_name(const char *wanted, const char *const *used, size_t nused,
                        char out[128]);

#endif
