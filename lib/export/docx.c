/*
** docx.c - the forms as a Word document: each form the official 申报表
** block (the renderer's, lib/render/: the same description as the XLSX form
** sheets), written with libzip and our own WordprocessingML, one form per
** page, amounts in 万元. jixiao import reads it back as the same forms.
** The file is written atomically (temporary file + rename).
*/
#include <stdlib.h>

#include "jixiao/export.h"
#include "jixiao/util.h"
#include "render.h"

jx_status jx_export_docx(const jx_form_list *forms, const char *path, jx_error *err)
{
    jx_grid *grids = jx_xcalloc(forms->count ? forms->count : 1, sizeof *grids);
    const jx_grid **order = jx_xcalloc(forms->count ? forms->count : 1, sizeof *order);
    for (size_t i = 0; i < forms->count; i++) {
        jx_render_block(forms->items[i], 1, &grids[i]);
        order[i] = &grids[i];
    }
    jx_buf out = {0};
    jx_status st = jx_render_docx(order, forms->count, &out, err);
    if (st == JX_OK) st = jx_write_file_atomic(path, out.data, out.len, err);
    jx_buf_free(&out);
    for (size_t i = 0; i < forms->count; i++) jx_grid_free(&grids[i]);
    free(grids);
    free(order);
    return st;
}
