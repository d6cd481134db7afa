/*
** store.h (private) - what the files of lib/store share: the connection of a
** store, its transactions, and the database side of disclosures, notes,
** final accounts and the review, called by store.c inside its transactions.
** Internal to lib/store.
**
** PORTABLE SQL. Every statement in lib/store runs unchanged on SQLite and on
** PostgreSQL 15 (db.h is the driver; nothing outside lib/store sees SQL).
** Write new SQL in this subset and it works on both without a second copy:
**
**  1. Parameters are ? or ?N (N from 1), bound with jx_stmt_bind_*. SQL text
**     is constant; no value is ever formatted into it. Every parameter must
**     have a type PostgreSQL can infer from its use (compared with a column
**     or a literal, an argument of instr(), LIMIT) at its FIRST occurrence:
**     a parameter tested for NULL is written CAST(?N AS TEXT) IS NULL (or AS
**     INTEGER), never bare "?N IS NULL" (PostgreSQL cannot type that, and a
**     later typed use of ?N does not help: see FORMS_COND).
**  2. Schema (migrations): the types INTEGER, TEXT, REAL, BLOB, written in
**     capitals. On PostgreSQL they become BIGINT, TEXT COLLATE "C" (byte
**     order, as SQLite sorts), DOUBLE PRECISION, BYTEA. A row id is exactly
**     "id INTEGER PRIMARY KEY" (an identity column on PostgreSQL): to get a
**     new id, leave the column out of the INSERT (never insert NULL into it)
**     and read it back with "INSERT ... RETURNING id" (jx_stmt_step_value);
**     there is no last_insert_rowid. An id may be given explicitly only when
**     it came from the table (a kept id). CHECK, DEFAULT, REFERENCES ... ON
**     DELETE CASCADE / SET NULL, UNIQUE, CREATE INDEX, ALTER TABLE ADD
**     COLUMN / RENAME TO are portable. Triggers, functions and WITHOUT ROWID
**     are not: give the migration a sqlite and a pg tail (store.c's
**     migration list; migration 15 is a sqlite tail alone).
**     Migrations are numbered, forward only, never edited once landed.
**  3. Upserts: INSERT ... ON CONFLICT (cols) DO UPDATE SET x = excluded.x or
**     DO NOTHING. Never INSERT OR REPLACE / OR IGNORE, REPLACE INTO.
**  4. Functions: only those both have -- count, sum, min, max, avg,
**     coalesce, nullif, length, lower, upper, substr, abs, round(x, n), trim,
**     CAST(x AS TEXT / INTEGER / REAL) -- plus instr(a, b), which migration 1
**     defines on PostgreSQL. Not: ifnull, iif, typeof, printf/format,
**     group_concat/string_agg, datetime/strftime/now (pass a timestamp in
**     as text from C: jx_store_import's stamp), random, glob, the || of a
**     NULL. Scalar max(a, b)/min(a, b) are SQLite-only: use CASE.
**  5. Booleans: a comparison read as a column gives 1/0 through
**     jx_stmt_int on both. No arithmetic on comparisons (sum(x = 'a')):
**     write sum(CASE WHEN x = 'a' THEN 1 ELSE 0 END). Store flags as INTEGER
**     0/1, compare them with = 1.
**  6. Order: every result whose order matters has ORDER BY (PostgreSQL
**     returns GROUP BY and DISTINCT results in any order). Ordering by a
**     nullable column: write NULLS FIRST (SQLite's order) explicitly. Text
**     sorts by bytes on both (rule 2). Integer division truncates on both;
**     division of REALs as expected; no integer/text mixing in comparisons.
**  7. LIMIT takes a non-negative value: for "no limit" bind INT64_MAX
**     (JX_NO_LIMIT), never -1. OFFSET likewise.
**  8. Transactions only through jx_store_tx / jx_store_begin (never BEGIN
**     in SQL). A failed statement aborts a PostgreSQL transaction: return
**     the error, never carry on in the same transaction. No PRAGMA, no
**     sqlite_master, no ATTACH. Table and column names are plain lower-case
**     words that are not reserved in either (no "user", "order", "group").
**  9. A statement that can return many rows (grows with the store) is
**     prepared with JX_DB_STREAM (db.h), so PostgreSQL reads it through a
**     cursor; one that returns a page, a count or one form's rows need not.
** tests/cli_postgres.sh runs the store and the CLI against a real
** PostgreSQL; run it (it needs the postgresql package) after adding SQL.
*/
#ifndef JIXIAO_STORE_PRIVATE_H
#define JIXIAO_STORE_PRIVATE_H

#include <stdint.h>

#include "db.h"
#include "jixiao/error.h"
#include "jixiao/disclosure.h"
#include "jixiao/model.h"
#include "jixiao/store.h"

/*
** Column conversions shared by the files of lib/store (columns.c): owned text
** (NULL for SQL NULL), fen (JX_NO_AMOUNT <-> SQL NULL), a write step, a
** database error.
** Text binds need no wrapper: jx_stmt_bind_text binds NULL as SQL NULL.
*/
char *jx_col_text(jx_stmt *st, int col);
long long jx_col_fen(jx_stmt *st, int col);
int jx_bind_fen(jx_stmt *st, int i, long long fen);
int jx_step_write(jx_stmt *st);
jx_status jx_db_fail(jx_db *db, jx_error *err, const char *what);

/* LIMIT's "no limit" (portable rule 7). */
#define JX_NO_LIMIT INT64_MAX

/* The connection and the path of a store (for the other files of lib/store). */
jx_db *jx_store_db(jx_store *store);
const char *jx_store_path(jx_store *store);
/* Record the connection's current error as a JX_ESYS jx_error naming the database. */
jx_status jx_store_db_error(jx_store *store, jx_error *err, const char *what);

/*
** Open a transaction for a store function unless the caller holds one:
** *own is set to 1 when this call began it (the function then ends it with
** jx_store_tx_end). write: BEGIN IMMEDIATE, else BEGIN (a read snapshot).
*/
jx_status jx_store_tx(jx_store *store, int write, int *own, jx_error *err);
/* End a transaction begun by jx_store_tx: commit when ok, else roll back. */
jx_status jx_store_tx_end(jx_store *store, int own, jx_status ok, jx_error *err);

/* The schema migration of the stored review and the change counter (review_store.c). */
extern const char jx_review_migration[];
/* Count one change of the forms inside the caller's write transaction. */
jx_status jx_store_count_change(jx_store *store, int forms, jx_error *err);

/* The schema migration of the disclosure tables (appended to store.c's list). */
extern const char jx_disclosure_migration[];

/* Save the disclosures of forms read from the file stored with this hash (forms have ids). */
jx_status jx_disclosure_save(jx_db *db, const char *sha256_hex, const char *file,
                             const jx_form_list *forms, jx_error *err);

/*
** Load the disclosures of the files of forms[first..count) and attach them to
** forms; with all_files, also those of files that hold no form (a disclosure
** without target forms).
*/
jx_status jx_disclosure_load(jx_db *db, jx_form_list *forms, size_t first, int all_files,
                             jx_error *err);

/* The disclosure stored with file file_id attached to forms (*found 1), or nothing (*found 0). */
jx_status jx_disclosure_load_file(jx_db *db, long long file_id, jx_form_list *forms, int *found,
                                  jx_error *err);

/* The migration that turns disclosure_notes into document_notes (appended to store.c's list). */
extern const char jx_document_notes_migration[];

/* Save the notes of file (forms->notes whose file is file) under the files row with this hash. */
jx_status jx_notes_save(jx_db *db, const char *sha256_hex, const char *file,
                        const jx_form_list *forms, jx_error *err);

/*
** Load the skipped-part notes of the files of forms[first..count) (with
** all_files, of every file) into forms->notes, in file and document order.
*/
jx_status jx_notes_load(jx_db *db, jx_form_list *forms, size_t first, int all_files,
                        jx_error *err);

/* The schema migration of final accounts (final_store.c): table kind and pages, statements;
   its triggers differ by backend. */
extern const char jx_final_migration[], jx_final_migration_sqlite[], jx_final_migration_pg[];
extern const char jx_final_selfeval_migration[];

/* Save what a final-accounts disclosure adds, after its tables were saved under fid. */
jx_status jx_final_save(jx_db *db, long long fid, const struct jx_disclosure *d, jx_error *err);

/* Load it into d, whose tables were loaded (no-op for a budget disclosure). */
jx_status jx_final_load(jx_db *db, long long fid, struct jx_disclosure *d, jx_error *err);

/* Row boxes and bytes of a PDF source (source_store.c): the migration, saving them
   under the file's id, and the region of one line (jx_store_page_region). */
extern const char jx_source_migration[];
jx_status jx_source_save(jx_db *db, long long file_id, const jx_form_list *forms, jx_error *err);
jx_status jx_source_region(jx_db *db, const char *file, long line, const char *scope,
                           jx_page_region *out, jx_error *err);

/* Pages of PDF-sourced forms and indicators (stored forms have ids): save; load the
   indicators' pages of the forms whose own page (read with the form's row) is set. */
jx_status jx_pages_save(jx_db *db, const jx_form_list *forms, jx_error *err);
jx_status jx_pages_load(jx_db *db, jx_form_list *forms, size_t first, jx_error *err);

/* Self-evaluations and monitoring reports (evaluation_store.c): the migration, save, load. */
extern const char jx_evaluation_migration[], jx_evaluation_causes_migration[];
/* Save the evaluations of file (forms->evaluations whose file is file); sets their ids. */
jx_status jx_evaluations_save(jx_db *db, const char *sha256_hex, const char *file,
                              jx_form_list *forms, jx_error *err);
/*
** Load the stored evaluations sel selects (jixiao/store.h), in id order,
** into list->evaluations. NULL: every one.
*/
jx_status jx_evaluations_load(jx_db *db, const jx_eval_select *sel, jx_form_list *list, jx_error *err);
/* How many sel selects (its unit and year; not its id, keyset or limit). */
jx_status jx_evaluations_count(jx_db *db, const jx_eval_select *sel, long long *n, jx_error *err);
/* The keyset of the page at offset among what sel selects: the id before it (0 at offset 0 or past the end). */
jx_status jx_evaluations_offset_key(jx_db *db, const jx_eval_select *sel, long long offset, long long *after,
                                    jx_error *err);
/* The schema migration of users and the audit log (auth_store.c). */
extern const char jx_auth_migration[];

/* ---- the workflow (workflow_store.c, version_store.c) ---------------------- */

/*
** The identity key of a form (jx_form_key) computed in SQL for the forms
** row aliased a: "YEAR\tUNIT\tNAME". Both backends run it (|| and CAST).
*/
#define JX_FORM_KEY_SQL(a) \
    "(CAST(COALESCE(" a ".year, 0) AS TEXT) || '\t' || COALESCE(" a ".unit, '') || '\t' || " a ".name)"

/* The schema migration of the workflow: status, history, dispositions, versions. */
extern const char jx_workflow_migration[];
/* The schema migration of the kept form count (store_state.forms_count, review_store.c). */
extern const char jx_forms_count_migration[];


#endif
