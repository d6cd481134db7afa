/*
** pdf.h - what the PDF reader (lib/read/pdf.c, poppler + cairo) offers
** besides reading rows: the picture of a page region, the evidence a
** reviewer wants beside a finding.
*/
#ifndef JIXIAO_PDF_H
#define JIXIAO_PDF_H

#include <stddef.h>
#include "jixiao/error.h"

/*
** Render the region of page pageno (1-based) of the PDF data[0..len)
** (borrowed) around box (x0, y0, x1, y1 in points from the page's top-left,
** as the reader gives rows; NULL or empty: the whole page) to PNG: the box
** with JX_PDF_REGION_MARGIN points around it, 2 pixels a point and at most
** JX_PDF_REGION_MAX_SIDE pixels a side, the box outlined in red. *png
** (malloc'd, the caller frees it) and *png_len are set on success.
*/
jx_status jx_pdf_render_region(const char *data, size_t len, int pageno, const double box[4],
                               char **png, size_t *png_len, jx_error *err);

#endif
