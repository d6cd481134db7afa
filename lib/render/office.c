/*
** office.c - a grid written as an XLSX worksheet (libxlsxwriter) and as a
** DOCX document (libzip + WordprocessingML written here).
**
** XLSX: every range of the grid is a merged range, amounts are numbers in
** the grid's money unit shown with two decimals and as many more as they
** have (printed exactly), each row as tall as its longest text needs
** wrapped in its cell (a spreadsheet prints a row at its set height, the
** overflow drawn over the next row); A4 portrait, one page wide, the indicator header
** repeated on every printed page; a page break of the grid is a manual page
** break.
** DOCX: title and year are centred paragraphs, the rest one table per page
** (a page break of the grid ends the table, a paragraph with a page break,
** then a new table); a range is gridSpan across and vMerge down, so Word
** shows the merged cells and the reader (read/docx.c) sees them as the text
** layouts do. Forms are separated by page breaks.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "render.h"

/* ------------------------------------------------------------------ XLSX */

void jx_render_xlsx_formats(lxw_workbook *wb, jx_render_formats *fm)
{
    lxw_format **all[] = {&fm->title, &fm->subtitle, &fm->label, &fm->text, &fm->center,
                          &fm->money, &fm->head};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        *all[i] = workbook_add_format(wb);
        format_set_font_name(*all[i], "宋体");
        format_set_font_size(*all[i], 10.5);
        format_set_align(*all[i], LXW_ALIGN_VERTICAL_CENTER);
    }
    format_set_bold(fm->title);
    format_set_font_size(fm->title, 16);
    format_set_align(fm->title, LXW_ALIGN_CENTER);
    format_set_align(fm->subtitle, LXW_ALIGN_CENTER);
    lxw_format *boxed[] = {fm->label, fm->text, fm->center, fm->money, fm->head};
    for (size_t i = 0; i < sizeof boxed / sizeof *boxed; i++) {
        format_set_border(boxed[i], LXW_BORDER_THIN);
        format_set_text_wrap(boxed[i]);
    }
    format_set_bold(fm->label);
    format_set_align(fm->label, LXW_ALIGN_CENTER);
    format_set_bg_color(fm->label, 0xF2F2F2);
    format_set_align(fm->center, LXW_ALIGN_CENTER);
    format_set_num_format(fm->money, "0.00####");
    format_set_align(fm->money, LXW_ALIGN_RIGHT);
    format_set_bold(fm->head);
    format_set_align(fm->head, LXW_ALIGN_CENTER);
    format_set_bg_color(fm->head, 0xDDEBF7);
}

/* The format of a cell style. */
static lxw_format *format_of(const jx_render_formats *fm, jx_rstyle s)
{
    switch (s) {
    case JX_RS_TITLE: return fm->title;
    case JX_RS_SUBTITLE: return fm->subtitle;
    case JX_RS_LABEL: return fm->label;
    case JX_RS_MONEY: return fm->money;
    case JX_RS_HEAD: return fm->head;
    case JX_RS_LEVEL: return fm->center;
    default: return fm->text;
    }
}

/* Display width of s: CJK and other wide characters count 2. */
static size_t display_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x80) w++;
        else if ((*p & 0xC0) == 0xC0) w += 2;
    }
    return w;
}

/*
** Lines text s takes wrapped in a cell of width characters (a column width:
** digits of the default font; a CJK character is two): counted as if the
** cell held 90% of its width less one for its padding, so a printed row is
** never too low for its text (a line of white at worst).
*/
static size_t wrapped_lines(const char *s, double width)
{
    size_t w = display_width(s ? s : "");
    double room = width * 0.9 - 1;
    size_t per = room > 2 ? (size_t)room : 2;
    size_t lines = w ? (w + per - 1) / per : 1;
    return lines > 25 ? 25 : lines;
}

/* Row height (points) for a number of wrapped lines of 10.5 pt text. */
static double lines_height(size_t lines)
{
    return 16.0 * (double)lines + 4;
}

/* The amount of a money cell in the grid's unit (万元 or 元). */
static double amount(const jx_grid *g, long long fen)
{
    return jx_money_in(fen, g->money_wan ? 10000 : 1);
}

/*
** Rows are written in order, each whole before the next (so the sheet can be
** written in libxlsxwriter's constant_memory mode, which flushes a row when a
** later one is started and drops writes to earlier rows): a range's first
** cell gets its value at once, the cells it covers a formatted blank as
** their rows come, and a range spanning rows is declared merged
** (worksheet_merge_range) after its last row, where libxlsxwriter's own
** writes to the rows above are no-ops in constant_memory mode and rewrite
** the same values otherwise.
*/
void jx_render_xlsx_sheet(lxw_worksheet *ws, const jx_render_formats *fm, const jx_grid *g)
{
    for (int c = 0; c < g->ncols; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, g->widths[c], NULL);
    worksheet_set_paper(ws, 9);                /* A4 */
    worksheet_set_portrait(ws);
    worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
    worksheet_center_horizontally(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    lxw_row_t breaks[64];
    size_t nbreaks = 0;
    /* per column: the rows (from, to] a range from a row above covers, and its format */
    int *cover_from = jx_xcalloc((size_t)g->ncols + 1, sizeof *cover_from);
    int *cover_to = jx_xcalloc((size_t)g->ncols + 1, sizeof *cover_to);
    lxw_format **cover_fmt = jx_xcalloc((size_t)g->ncols + 1, sizeof *cover_fmt);
    for (int c = 0; c < g->ncols; c++) cover_to[c] = -1;
    /* the ranges begun and not yet declared (at most one per column: ranges do not overlap) */
    struct pending { int r, c; } *pend = jx_xcalloc((size_t)g->ncols + 1, sizeof *pend);
    size_t npend = 0;
    for (int r = 0; r < g->nrows; r++) {
        if ((g->flags[r] & JX_RR_BREAK) && nbreaks < 63) breaks[nbreaks++] = (lxw_row_t)r;
        if (g->flags[r] & JX_RR_HEAD) worksheet_repeat_rows(ws, (lxw_row_t)r, (lxw_row_t)r);
        lxw_row_t rr = (lxw_row_t)r;
        for (int c = 0; c < g->ncols; c++) {
            const jx_rcell *x = jx_grid_at(g, r, c);
            if (!x->rowspan) {   /* covered: by a range of a row above, or of this row (written below) */
                if (r > cover_from[c] && r <= cover_to[c]) worksheet_write_blank(ws, rr, (lxw_col_t)c, cover_fmt[c]);
                continue;
            }
            lxw_format *f = format_of(fm, x->style);
            lxw_col_t cc = (lxw_col_t)c;
            int money = x->style == JX_RS_MONEY && x->fen != JX_NO_AMOUNT;
            if (money) worksheet_write_number(ws, rr, cc, amount(g, x->fen), f);
            else if (x->text) worksheet_write_string(ws, rr, cc, x->text, f);
            else worksheet_write_blank(ws, rr, cc, f);
            for (int k = c + 1; k < c + x->colspan && k < g->ncols; k++)
                worksheet_write_blank(ws, rr, (lxw_col_t)k, f);
            if (x->rowspan > 1 || x->colspan > 1) pend[npend++] = (struct pending){r, c};
            for (int k = c; x->rowspan > 1 && k < c + x->colspan && k < g->ncols; k++) {
                cover_from[k] = r;
                cover_to[k] = r + x->rowspan - 1;
                cover_fmt[k] = f;
            }
        }
        /* the ranges whose last row this is */
        for (size_t i = 0; i < npend;) {
            const jx_rcell *x = jx_grid_at(g, pend[i].r, pend[i].c);
            if (pend[i].r + x->rowspan - 1 != r) { i++; continue; }
            lxw_format *f = format_of(fm, x->style);
            int money = x->style == JX_RS_MONEY && x->fen != JX_NO_AMOUNT;
            worksheet_merge_range(ws, (lxw_row_t)pend[i].r, (lxw_col_t)pend[i].c,
                                  (lxw_row_t)(pend[i].r + x->rowspan - 1), (lxw_col_t)(pend[i].c + x->colspan - 1),
                                  money ? "" : x->text ? x->text : "", f);
            if (money) worksheet_write_number(ws, (lxw_row_t)pend[i].r, (lxw_col_t)pend[i].c, amount(g, x->fen), f);
            pend[i] = pend[--npend];
        }
        if (jx_grid_at(g, r, 0)->style == JX_RS_TITLE) {
            worksheet_set_row(ws, (lxw_row_t)r, 28, NULL);
            continue;
        }
        /* the row as tall as its cell of most wrapped lines (cells of one row; a cell
           merged down shares the rows it covers) */
        size_t lines = 1;
        for (int c = 0; c < g->ncols; c++) {
            const jx_rcell *x = jx_grid_at(g, r, c);
            if (!x->rowspan || !x->text || x->style == JX_RS_SUBTITLE) continue;
            double w = 0;
            for (int k = c; k < c + x->colspan; k++) w += g->widths[k];
            size_t n = wrapped_lines(x->text, w);
            n = (n + (size_t)x->rowspan - 1) / (size_t)x->rowspan;
            if (n > lines) lines = n;
        }
        if (lines > 1 || (g->flags[r] & JX_RR_WRAP))
            worksheet_set_row(ws, (lxw_row_t)r, lines_height(lines), NULL);
    }
    free(cover_from);
    free(cover_to);
    free(cover_fmt);
    free(pend);
    if (nbreaks) {
        breaks[nbreaks] = 0;
        worksheet_set_h_pagebreaks(ws, breaks);
    }
}

/* ------------------------------------------------------------------ DOCX */

/* Append s with XML's special characters escaped. */
static void xml_text(jx_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': jx_buf_puts(b, "&lt;"); break;
        case '>': jx_buf_puts(b, "&gt;"); break;
        case '&': jx_buf_puts(b, "&amp;"); break;
        case '"': jx_buf_puts(b, "&quot;"); break;
        default:
            /* control characters are not allowed in XML 1.0 */
            if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n') jx_buf_putc(b, ' ');
            else jx_buf_putc(b, *s);
        }
    }
}

/* A paragraph of text, centred and bold for titles. */
static void docx_para(jx_buf *b, const char *text, jx_rstyle style)
{
    jx_buf_puts(b, "<w:p>");
    if (style == JX_RS_TITLE || style == JX_RS_SUBTITLE) {
        jx_buf_puts(b, "<w:pPr><w:jc w:val=\"center\"/></w:pPr>");
    }
    if (text && text[0]) {
        jx_buf_puts(b, "<w:r>");
        if (style == JX_RS_TITLE) jx_buf_puts(b, "<w:rPr><w:b/><w:sz w:val=\"32\"/></w:rPr>");
        else if (style == JX_RS_LABEL || style == JX_RS_HEAD) jx_buf_puts(b, "<w:rPr><w:b/></w:rPr>");
        jx_buf_puts(b, "<w:t xml:space=\"preserve\">");
        xml_text(b, text);
        jx_buf_puts(b, "</w:t></w:r>");
    }
    jx_buf_puts(b, "</w:p>");
}

/* A paragraph holding a page break. */
static void docx_page_break(jx_buf *b)
{
    jx_buf_puts(b, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
}

/* Open a table of the grid's columns. */
static void docx_table_open(jx_buf *b, const jx_grid *g)
{
    jx_buf_puts(b, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders>");
    static const char *const sides[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
    for (size_t i = 0; i < 6; i++)
        jx_buf_printf(b, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>", sides[i]);
    jx_buf_puts(b, "</w:tblBorders></w:tblPr><w:tblGrid>");
    for (int c = 0; c < g->ncols; c++)
        jx_buf_printf(b, "<w:gridCol w:w=\"%d\"/>", (int)(g->widths[c] * 110));
    jx_buf_puts(b, "</w:tblGrid>");
}

/*
** The row's cells: a range's first cell carries gridSpan and vMerge
** restart, the cells below it vMerge continuations; the columns a range
** covers to the right are not written (gridSpan covers them).
*/
static void docx_row(jx_buf *b, const jx_grid *g, int r, int table_top)
{
    jx_buf_puts(b, "<w:tr>");
    for (int c = 0; c < g->ncols;) {
        const jx_rcell *x = jx_grid_at(g, r, c);
        int span = 1, vm = 0;   /* vm: 1 restart, 2 continue */
        const jx_rcell *text_cell = x;
        if (x->rowspan) {
            span = x->colspan;
            if (x->rowspan > 1) vm = 1;
        } else {
            /* covered: find the range's first cell */
            int fr = r, fc = c;
            for (int i = r; i >= 0; i--) {
                int found = 0;
                for (int k = c; k >= 0; k--) {
                    const jx_rcell *y = jx_grid_at(g, i, k);
                    if (y->rowspan && i + y->rowspan > r && k + y->colspan > c) {
                        fr = i, fc = k, found = 1;
                        break;
                    }
                }
                if (found) break;
            }
            const jx_rcell *o = jx_grid_at(g, fr, fc);
            if (fr == r) { c++; continue; }   /* covered to the right: inside gridSpan */
            span = o->colspan;
            vm = fr >= table_top ? 2 : 1;      /* a range from the page before starts anew */
            text_cell = NULL;
            if (fc != c) { c++; continue; }
        }
        jx_buf_puts(b, "<w:tc><w:tcPr>");
        if (span > 1) jx_buf_printf(b, "<w:gridSpan w:val=\"%d\"/>", span);
        if (vm == 1) jx_buf_puts(b, "<w:vMerge w:val=\"restart\"/>");
        else if (vm == 2) jx_buf_puts(b, "<w:vMerge/>");
        jx_buf_puts(b, "</w:tcPr>");
        docx_para(b, text_cell ? text_cell->text : NULL, text_cell ? text_cell->style : JX_RS_TEXT);
        jx_buf_puts(b, "</w:tc>");
        c += span;
    }
    jx_buf_puts(b, "</w:tr>");
}

/* The body of one grid: title paragraphs, then its tables. */
static void docx_grid(jx_buf *b, const jx_grid *g)
{
    int open = 0, top = 0;
    for (int r = 0; r < g->nrows; r++) {
        int title = 0;
        for (int c = 0; c < g->ncols && c < 2; c++) {
            const jx_rcell *x = jx_grid_at(g, r, c);
            if (x->rowspan && (x->style == JX_RS_TITLE || x->style == JX_RS_SUBTITLE)) {
                title = 1;
                if (open) { jx_buf_puts(b, "</w:tbl>"); open = 0; }
                docx_para(b, x->text, x->style);
            }
        }
        if (title) continue;
        if ((g->flags[r] & JX_RR_BREAK) && open) {
            jx_buf_puts(b, "</w:tbl>");
            open = 0;
            docx_page_break(b);
        }
        if (!open) {
            docx_table_open(b, g);
            open = 1;
            top = r;
        }
        docx_row(b, g, r, top);
    }
    if (open) jx_buf_puts(b, "</w:tbl>");
}

/*
** The fixed parts of every document we write: the body's opening and its
** page setup (A4, the margins of the official form), the package's content
** types and its one relationship.
*/
static const char DOCX_HEAD[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:body>";
static const char DOCX_TAIL[] =
    "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
    "<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"850\" "
    "w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>";
static const char DOCX_TYPES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
static const char DOCX_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
    "2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

/* Add the package's fixed parts (content types, relationships) to the archive; -1 on failure. */
static int add_package_parts(zip_t *za)
{
    static const struct { const char *name, *data; size_t len; } parts[] = {
        {"[Content_Types].xml", DOCX_TYPES, sizeof DOCX_TYPES - 1},
        {"_rels/.rels", DOCX_RELS, sizeof DOCX_RELS - 1},
    };
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        zip_source_t *src = zip_source_buffer(za, parts[i].data, parts[i].len, 0);
        if (!src) return -1;
        if (zip_file_add(za, parts[i].name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
            zip_source_free(src);
            return -1;
        }
    }
    return 0;
}

/* Add a part to the archive from a buffer the archive then owns. */
static int add_part(zip_t *za, const char *name, jx_buf *b)
{
    size_t len = b->len;
    char *data = jx_buf_take(b);
    zip_source_t *src = zip_source_buffer(za, data, len, 1);
    if (!src) { free(data); return -1; }
    if (zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
        zip_source_free(src);
        return -1;
    }
    return 0;
}

jx_status jx_render_docx(const jx_grid *const *grids, size_t n, jx_buf *out, jx_error *err)
{
    jx_buf doc = {0};
    jx_buf_puts(&doc, DOCX_HEAD);
    for (size_t i = 0; i < n; i++) {
        if (i) docx_page_break(&doc);
        docx_grid(&doc, grids[i]);
    }
    jx_buf_puts(&doc, DOCX_TAIL);
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = mem ? zip_open_from_source(mem, ZIP_TRUNCATE, &ze) : NULL;
    jx_status st = JX_OK;
    if (!za) {
        if (mem) zip_source_free(mem);
        st = jx_error_set(err, JX_ESYS, NULL, 0, "cannot create a DOCX archive: %s", zip_error_strerror(&ze));
        goto out;
    }
    zip_source_keep(mem);
    if (add_package_parts(za) || add_part(za, "word/document.xml", &doc) || zip_close(za) != 0) {
        st = jx_error_set(err, JX_ESYS, NULL, 0, "cannot write the DOCX archive: %s", zip_strerror(za));
        zip_discard(za);
        zip_source_free(mem);
        goto out;
    }
    zip_stat_t zs;
    if (zip_source_stat(mem, &zs) != 0 || zip_source_open(mem) != 0) {
        zip_source_free(mem);
        st = jx_error_set(err, JX_ESYS, NULL, 0, "cannot read the DOCX archive back");
        goto out;
    }
    size_t start = out->len;
    char chunk[65536];
    zip_int64_t got;
    while ((got = zip_source_read(mem, chunk, sizeof chunk)) > 0) jx_buf_append(out, chunk, (size_t)got);
    zip_source_close(mem);
    zip_source_free(mem);
    if (got < 0 || out->len - start != (size_t)zs.size) {
        out->len = start;
        st = jx_error_set(err, JX_ESYS, NULL, 0, "cannot read the DOCX archive back");
    }
out:
    jx_buf_free(&doc);
    return st;
}

/*
** The same document written grid by grid (render.h): document.xml goes to
** an unlinked temporary file as the grids come, and is zipped from it into
** the file at the end, so memory holds one grid, not the document.
*/
struct jx_docx_stream {
    FILE *doc;       /* word/document.xml so far */
    size_t ngrids;
    int failed;      /* a write to doc failed */
};

jx_status jx_render_docx_begin(jx_docx_stream **out, jx_error *err)
{
    *out = NULL;
    FILE *doc = tmpfile();
    if (!doc) return jx_error_set(err, JX_ESYS, NULL, 0, "cannot create a temporary file for the DOCX document");
    jx_docx_stream *d = jx_xcalloc(1, sizeof *d);
    d->doc = doc;
    fputs(DOCX_HEAD, doc);
    *out = d;
    return JX_OK;
}

void jx_render_docx_add(jx_docx_stream *d, const jx_grid *g)
{
    jx_buf b = {0};
    if (d->ngrids++) docx_page_break(&b);
    docx_grid(&b, g);
    if (b.len && fwrite(b.data, 1, b.len, d->doc) != b.len) d->failed = 1;
    jx_buf_free(&b);
}

void jx_render_docx_abort(jx_docx_stream *d)
{
    if (!d) return;
    fclose(d->doc);
    free(d);
}

/* Add the part name from the temporary file fp (the archive then owns it). */
static int add_file_part(zip_t *za, const char *name, FILE *fp)
{
    zip_source_t *src = zip_source_filep(za, fp, 0, -1);
    if (!src) { fclose(fp); return -1; }
    if (zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
        zip_source_free(src);
        return -1;
    }
    return 0;
}

jx_status jx_render_docx_end(jx_docx_stream *d, const char *file, jx_error *err)
{
    FILE *doc = d->doc;
    int failed = d->failed;
    free(d);
    fputs(DOCX_TAIL, doc);
    if (failed || fflush(doc) != 0 || ferror(doc)) {
        fclose(doc);
        return jx_error_set(err, JX_ESYS, NULL, 0, "cannot write the DOCX document: %s", strerror(errno));
    }
    rewind(doc);
    int zerr = 0;
    zip_t *za = zip_open(file, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    jx_status st = JX_OK;
    if (!za) {
        fclose(doc);
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        st = jx_error_set(err, JX_ESYS, NULL, 0, "cannot create the DOCX archive: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
    } else {
        int added = 0;   /* the archive owns doc once offered (add_file_part) */
        int bad = add_package_parts(za);
        if (!bad) {
            added = 1;
            bad = add_file_part(za, "word/document.xml", doc);
        }
        if (!bad) bad = zip_close(za) != 0;
        if (bad) {
            st = jx_error_set(err, JX_ESYS, NULL, 0, "cannot write the DOCX archive: %s", zip_strerror(za));
            zip_discard(za);
        }
        if (!added) fclose(doc);
    }
    return st;
}

jx_status jx_render_docx_place(jx_docx_stream *d, const char *path, jx_error *err)
{
    char *tmp = jx_atomic_temp(path, err);
    if (!tmp) {
        jx_render_docx_abort(d);
        return JX_ESYS;
    }
    jx_status st = jx_render_docx_end(d, tmp, err);
    if (st == JX_OK) st = jx_atomic_place(tmp, path, err);
    else unlink(tmp);
    free(tmp);
    return st;
}
