/*
** store.h - the store of imported forms, on SQLite (a file, the default)
** or PostgreSQL (a server, for a bureau's shared system); the interface
** names no type of either.
**
** WAL, foreign keys on, schema versioned by PRAGMA user_version with
** forward-only migrations. Every import of a file is one transaction; a file
** whose content hash is already stored is replaced, never duplicated.
**
** The store answers the queries of the CLI and the web itself: lists of
** forms and of findings with filters, counts and pages, and the stored
** review (findings and grades computed when the forms change, kept with the
** key of the configuration they were computed under). One jx_store is one
** connection: use it from one thread at a time; open one per thread.
*/
#ifndef JIXIAO_STORE_H
#define JIXIAO_STORE_H

#include "jixiao/error.h"
#include "jixiao/model.h"

typedef struct jx_store jx_store;

/*
** Open (creating and migrating if needed) the database named by path: a
** file path is an SQLite database (created if missing); a PostgreSQL
** connection string (postgresql://..., postgres://..., or libpq keywords
** such as "host=... dbname=...") connects to that database, which must
** exist (createdb), and migrates it. Both backends answer every call below
** alike.
*/
jx_status jx_store_open(const char *path, jx_store **out, jx_error *err);
void jx_store_close(jx_store *store);

/*
** Set a connection up for serving reads (the server's worker threads): on
** SQLite the file is memory-mapped up to JX_STORE_READER_MMAP_BYTES (pages
** are read in place, without a read call and a copy each) and the page cache
** holds JX_STORE_READER_CACHE_KIB; the mapped pages are the operating
** system's file cache, shared by the connections. PostgreSQL: nothing to do.
** A failure leaves the connection as it was (it only reads slower).
*/
void jx_store_tune_reader(jx_store *store);

/* 1 when path is a PostgreSQL connection string rather than a file. */
int jx_store_is_server(const char *path);

/* path for messages: a connection string without its password (in buf). */
const char *jx_store_display(const char *path, char *buf, size_t size);

/*
** Scope the connection to one 申报单位 (a unit user's view, see auth.h):
** until it is set back to NULL, every query and load of this connection
** (forms, findings, aggregates, distinct values, counts, the cursor) sees
** only the forms whose unit equals it exactly, and nothing that belongs to
** no form; storing a review is refused (it would drop the other units').
** unit is copied.
*/
void jx_store_set_scope(jx_store *store, const char *unit);
/* The connection's scope: the one 申报单位 its queries see, NULL: all. */
const char *jx_store_scope(const jx_store *store);

/*
** Store the forms read from one file in a single transaction. file is the
** base name, sha256_hex the content hash: an earlier import with the same
** hash (its forms, indicators, components) is deleted first. On success each
** form's id is set. On failure the database is exactly as before.
*/
jx_status jx_store_import(jx_store *store, const char *file,
                          const char *sha256_hex, jx_form_list *forms,
                          jx_error *err);

/*
** The same import delivered in pieces (the streaming import of a large
** file, `jixiao import`): begin (the transaction -- the caller's when one is
** open -- the earlier import of these bytes deleted, the files row), then
** the forms batch by batch in document order (each form's id is set; the
** batch stays the caller's and may be freed at once), then end with the
** rest (forms not yet delivered, notes, disclosures, evaluations, a PDF's
** boxes), which commits when the importer began the transaction. The
** stored result is jx_store_import's of all the forms at once, ids
** included. On failure of _forms or _end the importer is gone and its
** transaction rolled back (inside the caller's, the caller rolls back);
** _abort drops an importer the caller no longer wants.
*/
typedef struct jx_store_importer jx_store_importer;
jx_status jx_store_import_begin(jx_store *store, const char *file, const char *sha256_hex,
                                jx_store_importer **out, jx_error *err);
jx_status jx_store_import_forms(jx_store_importer *im, jx_form_list *batch, jx_error *err);
jx_status jx_store_import_end(jx_store_importer *im, jx_form_list *rest, jx_error *err);
void jx_store_import_abort(jx_store_importer *im);

/*
** The stored self-evaluations and monitoring reports (every one for id 0),
** in id order, those with an id above after and at most limit of them (0:
** no limit: a keyset page), appended to out->evaluations (jixiao/evaluation.h); an
** unfiltered jx_store_load brings them too. Not linked: jx_evaluation_link.
*/
jx_status jx_store_load_evaluations(jx_store *store, long long id, long long after, long limit,
                                    jx_form_list *out, jx_error *err);

/*
** The same by a selection: zero fields do not filter. unit and year filter
** in SQL (the pages of a unit's list are full pages); count and offset_key
** are what a numbered page needs: how many unit and year select, and the
** keyset (the id before it) of the page at offset, 0 at offset 0 or past
** the end.
*/
typedef struct jx_eval_select {
    long long id;          /* that evaluation only */
    long long after;       /* keyset: only ids above it */
    long limit;            /* at most this many (0: no limit) */
    const char *unit;      /* only those whose 实施单位 is exactly unit */
    int year;              /* only those of the year */
    const char *name_key;  /* only those of the project-name key (jx_evaluation_name_key), found by
                              its index and each read by id (not counted by count, offset_key) */
} jx_eval_select;
jx_status jx_store_select_evaluations(jx_store *store, const jx_eval_select *sel, jx_form_list *out,
                                      jx_error *err);
jx_status jx_store_count_evaluations(jx_store *store, const jx_eval_select *sel, long long *n, jx_error *err);
jx_status jx_store_evaluations_offset_key(jx_store *store, const jx_eval_select *sel, long long offset,
                                          long long *after, jx_error *err);

/*
** The ids of the stored forms whose project-name key (forms.name_key, the
** key jx_evaluation_name_key computes) is key -- and, year not 0, whose year
** is year or unknown -- in id order, as a malloc'd
** array in *ids (the caller frees it; NULL when none) and their number in
** *n; under a scope only that unit's. An indexed look-up: what links a
** self-evaluation to its declared forms without reading every form.
*/
jx_status jx_store_form_ids_by_name_key(jx_store *store, const char *key, int year, long long **ids,
                                        size_t *n, jx_error *err);

/*
** The page region of a line of a PDF source: its page, the row's box (x0, y0,
** x1, y1 in points from the page's top-left) and the PDF's bytes (owned).
** found is 0 when the newest file of that name kept no PDF (not a PDF, or
** larger than JX_MAX_STORED_PDF_BYTES) or has no row at that line.
*/
typedef struct jx_page_region {
    int found;
    char sha256[65];
    int page;
    double box[4];
    char *pdf;
    size_t pdf_len;
} jx_page_region;

/* Look up the region of file's (base name) row at line into *out (jx_page_region_free). */
jx_status jx_store_page_region(jx_store *store, const char *file, long line, jx_page_region *out,
                               jx_error *err);
void jx_page_region_free(jx_page_region *r);

/* Filter for jx_store_load. Zero/NULL fields do not filter. */
typedef struct jx_filter {
    int year;
    const char *unit;       /* substring of the unit */
    long long id;           /* one form */
} jx_filter;

/*
** What belongs to no form, appended to *out: the disclosures of files that
** hold no form (a disclosure without target forms), the notes of the
** parts skipped in every file (out->notes) and, with evaluations, every
** stored evaluation (out->evaluations). out's forms are not touched.
*/
jx_status jx_store_load_unattached(jx_store *store, int evaluations, jx_form_list *out, jx_error *err);

/*
** Load the forms matching filter, ordered by id, into *forms (appended); an
** unfiltered load (NULL or all zero) also brings the disclosures of files
** without forms and the notes of every file's skipped parts.
*/
jx_status jx_store_load(jx_store *store, const jx_filter *filter,
                        jx_form_list *forms, jx_error *err);

/*
** Write transactions. jx_store_begin opens one (IMMEDIATE: the write lock is
** taken at once); jx_store_import and jx_store_save_review called inside it
** join it instead of committing on their own, so an import and the review
** of its result become visible together. On any failure inside, call
** jx_store_rollback. Not nestable.
*/
jx_status jx_store_begin(jx_store *store, jx_error *err);
jx_status jx_store_commit(jx_store *store, jx_error *err);
void jx_store_rollback(jx_store *store);

/*
** The change counter: incremented by every commit that changes what the
** store answers (an import, a replacement, a stored review). Readers use it to tell whether what they
** computed or cached is still current (the web's ETag).
*/
jx_status jx_store_generation(jx_store *store, long long *changes, jx_error *err);

/* The generation of the forms alone (what a stored review is computed at). */
jx_status jx_store_forms_generation(jx_store *store, long long *out, jx_error *err);

/*
** A read transaction: the queries between jx_store_begin_read and
** jx_store_end_read see one snapshot (a page and its total, a form and its
** findings). Without it each query reads its own snapshot.
*/
jx_status jx_store_begin_read(jx_store *store, jx_error *err);
/* 1 while the caller holds a transaction of jx_store_begin or jx_store_begin_read. */
int jx_store_in_transaction(const jx_store *store);
void jx_store_end_read(jx_store *store);

/* ---- the stored review ---------------------------------------------------- */

/* A finding to store (strings borrowed). severity/dimension are the review's enums. */
typedef struct jx_store_finding {
    long long form_id;
    const char *rule;
    int severity;
    long line;
    const char *where;
    const char *message;
    const char *suggestion; /* what to change, or NULL */
    int scope;              /* 0 the form's, 1 its disclosure's (not in the form's grade) */
    const char *disclosure; /* the disclosure's file for scope 1, else NULL */
    int page;               /* 1-based page of a PDF source, 0 when none */
} jx_store_finding;

/* A form's grade to store (grade borrowed, e.g. "优"). */
typedef struct jx_store_grade {
    long long form_id;
    double score;
    const char *grade;
} jx_store_grade;

/* A disclosure's verdict to store (strings borrowed). */
typedef struct jx_store_verdict {
    const char *file;
    double score;
    const char *grade;
} jx_store_verdict;

/*
** Replace the stored review with findings (in the order the review gives
** them), the forms' grades and the disclosures' verdicts (in their order), computed under the configuration key config_key at the
** store generation `generation`. Fails with JX_EUSAGE, storing nothing, when
** the forms changed since that generation. Inside jx_store_begin it joins
** that transaction; otherwise it is one transaction of its own.
*/
jx_status jx_store_save_review(jx_store *store, const char *config_key, long long generation,
                               const jx_store_finding *findings, size_t nfindings,
                               const jx_store_grade *grades, size_t ngrades,
                               const jx_store_verdict *verdicts, size_t nverdicts, jx_error *err);

/*
** The same, batch by batch, so that a review walked over the cursor never
** holds all its findings: jx_store_review_begin opens the write transaction
** (or joins the caller's), checks the generation and deletes the old review;
** each jx_store_review_add stores a batch (findings in the review's order,
** the grades of the forms whose findings are in the same call, verdicts in
** order); jx_store_review_finish records the key and commits; on any
** failure call jx_store_review_abort (rolls back what it began). Reading the
** forms meanwhile (the cursor) happens in the same transaction.
*/
typedef struct jx_store_review_writer jx_store_review_writer;
jx_status jx_store_review_begin(jx_store *store, long long generation, jx_store_review_writer **out,
                                jx_error *err);
jx_status jx_store_review_add(jx_store_review_writer *w, const jx_store_finding *findings, size_t nfindings,
                              const jx_store_grade *grades, size_t ngrades, const jx_store_verdict *verdicts,
                              size_t nverdicts, jx_error *err);
jx_status jx_store_review_finish(jx_store_review_writer *w, const char *config_key, jx_error *err);
void jx_store_review_abort(jx_store_review_writer *w);

/* The stored verdicts of the disclosures, in their order (owned strings). */
typedef struct jx_verdict { char *file; double score; char *grade; } jx_verdict;
jx_status jx_store_verdicts(jx_store *store, jx_verdict **out, size_t *n, jx_error *err);
void jx_verdicts_free(jx_verdict *v, size_t n);

/*
** 1 in *current when a stored review exists for configuration config_key
** and the forms have not changed since it was computed, else 0.
*/
jx_status jx_store_review_current(jx_store *store, const char *config_key, int *current,
                                  jx_error *err);

/* ---- queries --------------------------------------------------------------- */

/* A form's line in a list (owned strings; free the list with jx_briefs_free). */
typedef struct jx_brief {
    long long id;
    int year;               /* 0 unknown */
    char *name, *unit, *department, *category, *framework;
    char *file;             /* source file and line */
    long line;
    long long budget_total; /* fen or JX_NO_AMOUNT */
    long long indicators;
    long long findings;     /* stored findings of the form */
    char *grade;            /* stored grade; NULL when the form has no stored review */
    double score;
    int status;             /* workflow status (jixiao/workflow.h), 0 草稿 */
} jx_brief;

typedef struct jx_briefs {
    jx_brief *items;
    size_t count;
    long long total;        /* matching forms, all pages together */
} jx_briefs;

/* Filters and page of jx_store_query_forms. Zero/NULL/"" fields do not filter. */
typedef struct jx_form_query {
    int year;
    const char *unit;       /* substring of the unit */
    const char *category;   /* exact 项目类别 */
    const char *q;          /* substring of name, unit, department, category, goal, file,
                               or of an indicator's name or target */
    long long id;           /* one form, 0: any */
    const char *status;     /* workflow status name ("submitted"), NULL: any */
    long long after;        /* keyset: only forms with an id above this (0: from the first);
                               the total still counts every match */
    long long offset;       /* rows skipped (after `after`) */
    long limit;             /* rows returned; 0: none (only the total) */
} jx_form_query;

/* The matching forms ordered by id, one page of them, and their total. */
jx_status jx_store_query_forms(jx_store *store, const jx_form_query *query, jx_briefs *out,
                               jx_error *err);
void jx_briefs_free(jx_briefs *b);

/*
** A stored department disclosure (部门预算/部门决算 公开), one per file: its id
** is its file's. final: a final-accounts disclosure (year, unit, template
** from its cover); tables its budget/final tables, forms the target forms of
** its file, findings the stored findings of the disclosure as a whole.
*/
typedef struct jx_disclosure_brief {
    long long id;
    char *file;             /* base name */
    char *imported_at;
    int final, year, template_doc;
    char *unit;             /* NULL when the cover names none (or not final accounts) */
    long long tables, forms, findings;
} jx_disclosure_brief;

typedef struct jx_disclosure_briefs {
    jx_disclosure_brief *items;
    size_t count;
    long long total;        /* all stored disclosures */
} jx_disclosure_briefs;

/*
** One page of the stored disclosures, by id (import order), and their total:
** limit of them after offset, or (after > 0, a keyset) the first limit with
** an id above after.
*/
jx_status jx_store_query_disclosures(jx_store *store, long long offset, long long after, long limit,
                                     jx_disclosure_briefs *out, jx_error *err);
void jx_disclosure_briefs_free(jx_disclosure_briefs *b);

/*
** The disclosure with this id: *brief (as the list gives it), its tables,
** narratives and statements in out->disclosures[0], and the forms of its file
** (id, name, unit, year, line; in id order) in *forms. *found 0 when there is
** no such disclosure (nothing set).
*/
jx_status jx_store_load_disclosure(jx_store *store, long long id, jx_disclosure_brief *brief,
                                   jx_form_list *out, jx_briefs *forms, int *found, jx_error *err);

/* A stored finding with its form's name and source (owned strings). */
typedef struct jx_finding_row {
    long long form_id;
    char *form_name, *file;
    char *rule;
    int severity;
    long line;
    char *where, *message;
    char *suggestion;       /* NULL when none */
    int scope;              /* 0 the form's, 1 its disclosure's */
    char *disclosure;       /* the disclosure's file for scope 1 */
    int page;               /* 1-based page of a PDF source, 0 when none */
    int has_box;            /* a PDF source: box is the row's x0, y0, x1, y1 on the page */
    double box[4];          /* (points from the page's top-left), as source.bbox */
    long long seq;          /* its place among its form's findings from 0: the id "FORM-SEQ" */
} jx_finding_row;

typedef struct jx_finding_rows {
    jx_finding_row *items;
    size_t count;
    long long total;        /* matching findings, all pages together */
    long long by_severity[3];  /* matching findings per severity (the whole match, not the page) */
} jx_finding_rows;

/* Filters and page of jx_store_query_findings. */
typedef struct jx_finding_query {
    const char *rule;       /* rule id, NULL: any */
    int severity;           /* -1: any */
    long long form;         /* 0: any */
    const char *project;    /* substring of the form's name, NULL: any */
    long long form_from, form_to;   /* form ids in [from, to]; 0: unbounded */
    const char *disclosure; /* only the findings of this disclosure (scope 1), NULL: any */
    long long offset;
    long limit;             /* < 0: every row */
    /* keyset (when keyset is 1): only the findings after finding "after_form-after_seq" in
       (form, seq) order, a range of the primary key (offset is then 0); a disclosure's own
       findings have form 0 */
    int keyset;
    long long after_form, after_seq;
    int uncounted;          /* 1: total and by_severity left 0 (a walk of pages needs no count) */
} jx_finding_query;

/*
** The stored grade and score of form_id: *grade malloc'd, NULL (and *score
** 0) when the form has no stored review.
*/
jx_status jx_store_form_review(jx_store *store, long long form_id, char **grade, double *score,
                               jx_error *err);

/* The matching stored findings ordered by form, then the review's order. */
jx_status jx_store_query_findings(jx_store *store, const jx_finding_query *query,
                                  jx_finding_rows *out, jx_error *err);
void jx_finding_rows_free(jx_finding_rows *r);

/*
** The distinct non-empty values of a form field ("year", "unit" or
** "category"), sorted, as a NULL-terminated array of owned strings (free
** with jx_strings_free). At most max values (0: no limit).
*/
jx_status jx_store_distinct(jx_store *store, const char *field, size_t max, char ***out,
                            jx_error *err);
void jx_strings_free(char **v);

/* Count of stored findings per rule id, ordered by count descending then rule. */
typedef struct jx_rule_count { char *rule; long long count; } jx_rule_count;
jx_status jx_store_count_by_rule(jx_store *store, jx_rule_count **out, size_t *n, jx_error *err);
void jx_rule_counts_free(jx_rule_count *c, size_t n);

/*
** Aggregates for the summaries, computed by the store. Each row has a group
** key (NULL for forms without the value, or for everything when by is NULL),
** a sub key and counts; what the counts are depends on what:
**   JX_AGG_FORMS       sub NULL; n[0] forms, n[1] sum of budget.total (fen),
**                      n[2] forms stating it, n[3] sum of budget.year, n[4] forms stating it
**   JX_AGG_INDICATORS  sub the indicator's national category (NULL: none);
**                      n[0] indicators, n[1] of them quantitative
**   JX_AGG_FINDINGS    sub NULL; n[0] severity, n[1] stored findings
**   JX_AGG_LEVEL1      key the indicator's 一级指标 (by is ignored); n[0] indicators
** by is NULL, "unit", "department", "year" or "category" (of the form).
** Rows come in no particular order; strings are valid during the callback.
*/
typedef enum jx_agg { JX_AGG_FORMS, JX_AGG_INDICATORS, JX_AGG_FINDINGS, JX_AGG_LEVEL1 } jx_agg;
typedef struct jx_agg_row {
    const char *key;
    const char *sub;
    long long n[5];
} jx_agg_row;
jx_status jx_store_aggregate(jx_store *store, jx_agg what, const char *by,
                             void (*row)(void *arg, const jx_agg_row *r), void *arg, jx_error *err);

/*
** Walk the stored forms in id order, a batch at a time, without holding them
** all: each call of jx_store_cursor_next fills *batch (emptied first; the
** caller owns its forms until the next call) with the next forms of one
** file, at most `max` of them, with that file's disclosures attached; an
** empty batch means the end. *continues is 1 when the batch goes on with the
** same file as the one before. The cursor reads one snapshot (one read
** transaction from open to close); no other call on the store meanwhile.
*/
typedef struct jx_store_cursor jx_store_cursor;
jx_status jx_store_cursor_open(jx_store *store, const jx_filter *filter, size_t max,
                               jx_store_cursor **out, jx_error *err);
jx_status jx_store_cursor_next(jx_store_cursor *cur, jx_form_list *batch, int *continues,
                               jx_error *err);
void jx_store_cursor_close(jx_store_cursor *cur);
/*
** The same walk reading only what the copy rules keep of a form (its id,
** file, line, year and name; its indicators' line, name and target): the
** first pass of a review (jx_review_pass_gather). The batches' forms have
** nothing else: no components, fields, amounts, pages, statuses or
** disclosures.
*/
jx_status jx_store_cursor_open_copies(jx_store *store, size_t max, jx_store_cursor **out,
                                      jx_error *err);

#endif
