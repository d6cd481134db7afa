/*
** source_store.c - where the rows of a PDF source are on their pages, and the
** PDF's bytes, so that the page region of a finding can be rendered later
** (GET /api/region.png). Called by store.c inside jx_store_import's
** transaction; the rows go with their file (ON DELETE CASCADE).
**
** The bytes are kept base64-encoded in a TEXT column: portable SQL without a
** binary binding in the driver layer (db.h binds text and numbers), at 4/3
** of the size, and only for PDFs up to JX_MAX_STORED_PDF_BYTES.
*/
#include "store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jixiao/limits.h"
#include "jixiao/util.h"

const char jx_source_migration[] =
    "CREATE TABLE source_boxes ("
    "  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE, line INTEGER NOT NULL,"
    "  page INTEGER NOT NULL, x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL,"
    "  y1 REAL NOT NULL, PRIMARY KEY (file_id, line));"
    "CREATE TABLE source_pdfs ("
    "  file_id INTEGER NOT NULL UNIQUE REFERENCES files(id) ON DELETE CASCADE,"
    "  bytes INTEGER NOT NULL, data TEXT NOT NULL);";

jx_status jx_source_save(jx_db *db, long long file_id, const jx_form_list *forms, jx_error *err)
{
    if (!forms->nboxes && !forms->pdf) return JX_OK;
    jx_stmt *b = NULL;
    int rc = jx_db_prepare_to(db, "INSERT INTO source_boxes (file_id, line, page, x0, y0, x1, y1)"
                                  " VALUES (?,?,?,?,?,?,?) ON CONFLICT (file_id, line) DO NOTHING",
                              0, &b);
    for (size_t k = 0; k < forms->nboxes && rc == JX_DB_OK; k++) {
        const jx_source_box *x = &forms->boxes[k];
        jx_stmt_bind_int64(b, 1, file_id);
        jx_stmt_bind_int64(b, 2, x->line);
        jx_stmt_bind_int64(b, 3, x->page);
        jx_stmt_bind_double(b, 4, x->x0);
        jx_stmt_bind_double(b, 5, x->y0);
        jx_stmt_bind_double(b, 6, x->x1);
        jx_stmt_bind_double(b, 7, x->y1);
        rc = jx_step_write(b);
    }
    jx_stmt_finalize(b);
    if (rc == JX_DB_OK && forms->pdf && forms->pdf_len <= (size_t)JX_MAX_STORED_PDF_BYTES) {
        jx_stmt *p = NULL;
        rc = jx_db_prepare_to(db, "INSERT INTO source_pdfs (file_id, bytes, data) VALUES (?,?,?)", 0, &p);
        if (rc == JX_DB_OK) {
            char *text = jx_base64_encode(forms->pdf, forms->pdf_len);
            jx_stmt_bind_int64(p, 1, file_id);
            jx_stmt_bind_int64(p, 2, (long long)forms->pdf_len);
            jx_stmt_bind_text(p, 3, text);
            rc = jx_step_write(p);
            free(text);
        }
        jx_stmt_finalize(p);
    }
    return rc == JX_DB_OK ? JX_OK : jx_db_fail(db, err, "storing the page boxes of a PDF");
}

jx_status jx_source_region(jx_db *db, const char *file, long line, const char *scope,
                           jx_page_region *out, jx_error *err)
{
    memset(out, 0, sizeof *out);
    /* the newest file of that name that kept its PDF */
    jx_stmt *q = NULL;
    int rc = jx_db_prepare_to(db,
        "SELECT files.sha256, b.page, b.x0, b.y0, b.x1, b.y1, p.data, p.bytes"
        " FROM files JOIN source_pdfs p ON p.file_id = files.id"
        " JOIN source_boxes b ON b.file_id = files.id AND b.line = ?"
        " WHERE files.name = ? AND (CAST(? AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM forms f"
        " WHERE f.file_id = files.id AND f.unit = ?)) ORDER BY files.id DESC LIMIT 1", 0, &q);
    if (rc != JX_DB_OK) return jx_db_fail(db, err, "looking up a page region");
    jx_stmt_bind_int64(q, 1, line);
    jx_stmt_bind_text(q, 2, file);
    for (int i = 3; i <= 4; i++) {   /* a connection scoped to a unit: only files with its forms */
        if (scope) jx_stmt_bind_text(q, i, scope);
        else jx_stmt_bind_null(q, i);
    }
    rc = jx_stmt_step(q);
    if (rc == JX_DB_ROW) {
        const char *sha = jx_stmt_text(q, 0), *data = jx_stmt_text(q, 6);
        size_t n = 0;
        unsigned char *bytes = data ? jx_base64_decode(data, &n) : NULL;
        if (bytes && (long long)n == jx_stmt_int64(q, 7)) {
            snprintf(out->sha256, sizeof out->sha256, "%s", sha ? sha : "");
            out->page = jx_stmt_int(q, 1);
            for (int k = 0; k < 4; k++) out->box[k] = jx_stmt_double(q, 2 + k);
            out->pdf = (char *)bytes;
            out->pdf_len = n;
            out->found = 1;
        } else {
            free(bytes);
        }
    }
    jx_stmt_finalize(q);
    return rc == JX_DB_ROW || rc == JX_DB_DONE ? JX_OK : jx_db_fail(db, err, "reading a page region");
}
