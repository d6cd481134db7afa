/*
** store.h (private) - the SQLite side of department disclosures and of the
** notes of skipped parts, called by store.c inside its transactions.
** Internal to lib/.
*/
#ifndef JIXIAO_STORE_PRIVATE_H
#define JIXIAO_STORE_PRIVATE_H

#include <sqlite3.h>
#include "jixiao/error.h"
#include "jixiao/disclosure.h"
#include "jixiao/model.h"
#include "jixiao/store.h"

/* The connection and the path of a store (for the other files of lib/store). */
sqlite3 *jx_store_db(jx_store *store);
const char *jx_store_path(jx_store *store);

/* Record sqlite's current error as a JX_ESYS jx_error naming the database. */
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
jx_status jx_disclosure_save(sqlite3 *db, const char *sha256_hex, const char *file,
                             const jx_form_list *forms, jx_error *err);

/*
** Load the disclosures of the files of forms[first..count) and attach them to
** forms; with all_files, also those of files that hold no form (a disclosure
** without target forms).
*/
jx_status jx_disclosure_load(sqlite3 *db, jx_form_list *forms, size_t first, int all_files,
                             jx_error *err);

/* The migration that turns disclosure_notes into document_notes (appended to store.c's list). */
extern const char jx_document_notes_migration[];

/* Save the notes of file (forms->notes whose file is file) under the files row with this hash. */
jx_status jx_notes_save(sqlite3 *db, const char *sha256_hex, const char *file,
                        const jx_form_list *forms, jx_error *err);

/*
** Load the skipped-part notes of the files of forms[first..count) (with
** all_files, of every file) into forms->notes, in file and document order.
*/
jx_status jx_notes_load(sqlite3 *db, jx_form_list *forms, size_t first, int all_files,
                        jx_error *err);

/* The schema migration of final accounts (final_store.c): table kind and pages, statements. */
extern const char jx_final_migration[];

/* Save what a final-accounts disclosure adds, after its tables were saved under fid. */
jx_status jx_final_save(sqlite3 *db, long long fid, const struct jx_disclosure *d, jx_error *err);

/* Load it into d, whose tables were loaded (no-op for a budget disclosure). */
jx_status jx_final_load(sqlite3 *db, long long fid, struct jx_disclosure *d, jx_error *err);

/* Pages of PDF-sourced forms and indicators (stored forms have ids): save, load. */
jx_status jx_pages_save(sqlite3 *db, const jx_form_list *forms, jx_error *err);
jx_status jx_pages_load(sqlite3 *db, jx_form_list *forms, size_t first, jx_error *err);

#endif
