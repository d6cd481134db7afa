/*
** store.h - the SQLite store of imported forms.
**
** WAL, foreign keys on, schema versioned by PRAGMA user_version with
** forward-only migrations. Every import of a file is one transaction; a file
** whose content hash is already stored is replaced, never duplicated.
*/
#ifndef JIXIAO_STORE_H
#define JIXIAO_STORE_H

#include "jixiao/error.h"
#include "jixiao/model.h"

typedef struct jx_store jx_store;

/* Open (creating and migrating if needed) the database at path. */
jx_status jx_store_open(const char *path, jx_store **out, jx_error *err);
void jx_store_close(jx_store *store);

/*
** Store the forms read from one file in a single transaction. file is the
** base name, sha256_hex the content hash: an earlier import with the same
** hash (its forms, indicators, components) is deleted first. On success each
** form's id is set. On failure the database is exactly as before.
*/
jx_status jx_store_import(jx_store *store, const char *file,
                          const char *sha256_hex, jx_form_list *forms,
                          jx_error *err);

/* Filter for jx_store_load. Zero/NULL fields do not filter. */
typedef struct jx_filter {
    int year;
    const char *unit;       /* substring of the unit */
    long long id;           /* one form */
} jx_filter;

/* Load the forms matching filter, ordered by id, into *forms (appended). */
jx_status jx_store_load(jx_store *store, const jx_filter *filter,
                        jx_form_list *forms, jx_error *err);

#endif
