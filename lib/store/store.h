/*
** store.h (private) - the SQLite side of department disclosures, called by
** store.c inside its transactions. Internal to lib/.
*/
#ifndef JIXIAO_STORE_PRIVATE_H
#define JIXIAO_STORE_PRIVATE_H

#include <sqlite3.h>
#include "jixiao/error.h"
#include "jixiao/model.h"

/* The schema migration of the disclosure tables (appended to store.c's list). */
extern const char jx_disclosure_migration[];

/* Save the disclosures of forms read from the file stored with this hash (forms have ids). */
jx_status jx_disclosure_save(sqlite3 *db, const char *sha256_hex, const char *file,
                             const jx_form_list *forms, jx_error *err);

/* Load the disclosures of the files of forms[first..count) and attach them to forms. */
jx_status jx_disclosure_load(sqlite3 *db, jx_form_list *forms, size_t first, jx_error *err);

#endif
