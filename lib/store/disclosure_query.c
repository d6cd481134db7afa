/*
** disclosure_query.c - the stored department disclosures as the web lists
** them (GET /api/disclosures, /disclosures): one per file, with counts, and
** one of them whole with the forms of its file.
*/
#include "store.h"
#include <stdlib.h>
#include <string.h>
#include "jixiao/disclosure.h"
#include "jixiao/util.h"

/* The columns of a disclosure brief, by file id ds.file_id; ?1 the connection's scope (a unit
   sees the disclosures of its unit: its final accounts, or a file with its forms). */
#define BRIEF_SELECT                                                                           \
    "SELECT ds.file_id, files.name, files.imported_at,"                                        \
    " CASE WHEN fa.file_id IS NULL THEN 0 ELSE 1 END, coalesce(fa.year, 0),"                   \
    " coalesce(fa.template, 0), fa.unit,"                                                      \
    " (SELECT count(*) FROM budget_tables t WHERE t.file_id = ds.file_id),"                    \
    " (SELECT count(*) FROM forms f WHERE f.file_id = ds.file_id),"                            \
    " (SELECT count(*) FROM findings x WHERE x.scope = 1 AND x.disclosure = files.name)"      \
    " FROM disclosures ds JOIN files ON files.id = ds.file_id"                                 \
    " LEFT JOIN final_accounts fa ON fa.file_id = ds.file_id"                                  \
    " WHERE (CAST(?1 AS TEXT) IS NULL OR fa.unit = ?1 OR EXISTS (SELECT 1 FROM forms f"        \
    " WHERE f.file_id = ds.file_id AND f.unit = ?1))"

/* Column text as a malloc'd string, NULL for SQL NULL. */
static char *col_dup(jx_stmt *st, int i)
{
    const char *t = jx_stmt_text(st, i);
    return t ? jx_strdup(t) : NULL;
}

/* Bind the connection's scope (jx_store_set_scope) to ?1: NULL sees every unit. */
static void bind_scope(jx_store *s, jx_stmt *st)
{
    const char *scope = jx_store_scope(s);
    if (scope) jx_stmt_bind_text(st, 1, scope);
    else jx_stmt_bind_null(st, 1);
}

/* Read one brief from the current row of a BRIEF_SELECT. */
static void brief_read(jx_stmt *st, jx_disclosure_brief *x)
{
    x->id = jx_stmt_int64(st, 0);
    x->file = col_dup(st, 1);
    x->imported_at = col_dup(st, 2);
    x->final = jx_stmt_int(st, 3);
    x->year = jx_stmt_int(st, 4);
    x->template_doc = jx_stmt_int(st, 5);
    x->unit = col_dup(st, 6);
    x->tables = jx_stmt_int64(st, 7);
    x->forms = jx_stmt_int64(st, 8);
    x->findings = jx_stmt_int64(st, 9);
}

/* Free the strings of one brief. */
static void brief_free(jx_disclosure_brief *x)
{
    free(x->file), free(x->imported_at), free(x->unit);
    memset(x, 0, sizeof *x);
}

jx_status jx_store_query_disclosures(jx_store *s, long long offset, long long after, long limit,
                                     jx_disclosure_briefs *out, jx_error *err)
{
    memset(out, 0, sizeof *out);
    int own;
    jx_status rc = jx_store_tx(s, 0, &own, err);
    if (rc) return rc;
    jx_db *db = jx_store_db(s);
    jx_stmt *c = NULL, *q = NULL;
    if (jx_db_prepare_to(db, "SELECT count(*) FROM (" BRIEF_SELECT ") n", 0, &c) != JX_DB_OK ||
        (bind_scope(s, c), jx_stmt_step(c)) != JX_DB_ROW) {
        rc = jx_store_db_error(s, err, "counting disclosures");
        goto done;
    }
    out->total = jx_stmt_int64(c, 0);
    if (limit <= 0) goto done;
    /* ds.file_id > ?4: the keyset (0 from the first), a range of the key, not a scan */
    if (jx_db_prepare_to(db, BRIEF_SELECT " AND ds.file_id > ?4 ORDER BY ds.file_id LIMIT ?2 OFFSET ?3", 0,
                         &q) != JX_DB_OK) {
        rc = jx_store_db_error(s, err, "listing disclosures");
        goto done;
    }
    bind_scope(s, q);
    jx_stmt_bind_int64(q, 2, limit);
    jx_stmt_bind_int64(q, 3, offset > 0 && after <= 0 ? offset : 0);
    jx_stmt_bind_int64(q, 4, after > 0 ? after : 0);
    int r;
    size_t cap = 0;
    while ((r = jx_stmt_step(q)) == JX_DB_ROW) {
        out->items = jx_grow(out->items, &cap, out->count, sizeof *out->items);
        brief_read(q, &out->items[out->count++]);
    }
    if (r != JX_DB_DONE) rc = jx_store_db_error(s, err, "listing disclosures");
done:
    jx_stmt_finalize(c);
    jx_stmt_finalize(q);
    rc = jx_store_tx_end(s, own, rc, err);
    if (rc) jx_disclosure_briefs_free(out);
    return rc;
}

void jx_disclosure_briefs_free(jx_disclosure_briefs *b)
{
    for (size_t i = 0; i < b->count; i++) brief_free(&b->items[i]);
    free(b->items);
    memset(b, 0, sizeof *b);
}

jx_status jx_store_load_disclosure(jx_store *s, long long id, jx_disclosure_brief *brief,
                                   jx_form_list *out, jx_briefs *forms, int *found, jx_error *err)
{
    *found = 0;
    memset(brief, 0, sizeof *brief);
    memset(forms, 0, sizeof *forms);
    int own;
    jx_status rc = jx_store_tx(s, 0, &own, err);
    if (rc) return rc;
    jx_db *db = jx_store_db(s);
    jx_stmt *q = NULL, *f = NULL;
    if (jx_db_prepare_to(db, BRIEF_SELECT " AND ds.file_id = ?2", 0, &q) != JX_DB_OK) {
        rc = jx_store_db_error(s, err, "finding a disclosure");
        goto done;
    }
    bind_scope(s, q);
    jx_stmt_bind_int64(q, 2, id);
    if (jx_stmt_step(q) != JX_DB_ROW) goto done;
    brief_read(q, brief);
    if ((rc = jx_disclosure_load_file(db, id, out, found, err)) || !*found) goto done;
    if (jx_db_prepare_to(db, "SELECT id, name, unit, coalesce(year, 0), line FROM forms"
                             " WHERE file_id = ? ORDER BY id", 0, &f) != JX_DB_OK) {
        rc = jx_store_db_error(s, err, "listing a disclosure's forms");
        goto done;
    }
    jx_stmt_bind_int64(f, 1, id);
    int r;
    size_t cap = 0;
    while ((r = jx_stmt_step(f)) == JX_DB_ROW) {
        forms->items = jx_grow(forms->items, &cap, forms->count, sizeof *forms->items);
        jx_brief *x = &forms->items[forms->count++];
        memset(x, 0, sizeof *x);
        x->id = jx_stmt_int64(f, 0);
        x->name = col_dup(f, 1);
        x->unit = col_dup(f, 2);
        x->year = jx_stmt_int(f, 3);
        x->line = (long)jx_stmt_int64(f, 4);
        x->file = jx_strdup(brief->file);
        x->budget_total = JX_NO_AMOUNT;
    }
    forms->total = (long long)forms->count;
    if (r != JX_DB_DONE) rc = jx_store_db_error(s, err, "listing a disclosure's forms");
done:
    jx_stmt_finalize(q);
    jx_stmt_finalize(f);
    rc = jx_store_tx_end(s, own, rc, err);
    if (rc || !*found) {
        brief_free(brief);
        jx_briefs_free(forms);
        *found = rc ? 0 : *found;
    }
    return rc;
}
