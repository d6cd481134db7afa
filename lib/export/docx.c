/*
** docx.c - the forms as a Word document: each form the official 申报表
** block (the renderer's, lib/render/: the same description as the XLSX form
** sheets), written with libzip and our own WordprocessingML, one form per
** page, amounts in 万元. jixiao import reads it back as the same forms.
** The file is written atomically (temporary file + rename); the document is
** written form by form (jx_render_docx_begin), so memory holds one form's
** block, and from the store one batch of the cursor.
*/
#include <stdlib.h>

#include "jixiao/export.h"
#include "jixiao/store.h"
#include "jixiao/util.h"
#include "render.h"

/* Forms per batch of the cursor. */
#define DOCX_BATCH 256

/* Add each form of forms (n of them) to the document d. */
static void add_forms(jx_docx_stream *d, const jx_form *const *forms, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        jx_grid g;
        jx_render_block(forms[i], 1, &g);
        jx_render_docx_add(d, &g);
        jx_grid_free(&g);
    }
}

jx_status jx_export_docx(const jx_form_list *forms, const char *path, jx_error *err)
{
    jx_docx_stream *d;
    jx_status st = jx_render_docx_begin(&d, err);
    if (st) return st;
    add_forms(d, (const jx_form *const *)forms->items, forms->count);
    return jx_render_docx_place(d, path, err);
}

jx_status jx_export_docx_store(struct jx_store *store, const char *path, jx_error *err)
{
    jx_docx_stream *d;
    jx_status st = jx_render_docx_begin(&d, err);
    if (st) return st;
    jx_store_cursor *cur;
    if ((st = jx_store_cursor_open(store, &(jx_filter){0}, DOCX_BATCH, &cur, err)) == JX_OK) {
        jx_form_list batch = {0};
        int continues;
        while ((st = jx_store_cursor_next(cur, &batch, &continues, err)) == JX_OK && batch.count)
            add_forms(d, (const jx_form *const *)batch.items, batch.count);
        jx_form_list_free(&batch);
        jx_store_cursor_close(cur);
    }
    if (st != JX_OK) {
        jx_render_docx_abort(d);
        return st;
    }
    return jx_render_docx_place(d, path, err);
}
