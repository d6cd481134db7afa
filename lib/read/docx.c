/*
** docx.c - the body of a .docx (word/document.xml) as rows.
**
** A paragraph outside tables is a one-cell row (titles, "(2019年)",
** "申报单位名称：…"); a table row is a row. Merged cells are given the shape
** the text layouts have: a cell spanning n grid columns (gridSpan) is
** followed by n-1 empty cells, a vertically merged continuation (vMerge
** without "restart") is empty, and gridBefore adds leading empty cells.
** Nested tables and text boxes are flattened into the text of the cell or
** paragraph that holds them; mc:Fallback copies are skipped so text is not
** read twice. Deleted text (w:delText) and field codes are not text.
*/
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <stdio.h>

#include "read.h"
#include "jixiao/limits.h"
#include "jixiao/util.h"
#include "zipxml.h"

typedef struct docx_ctx {
    const char *file;
    jx_rows *rows;
    long line;            /* counts body paragraphs and table rows */
    int skip;             /* depth inside a skipped subtree (mc:Fallback) */
    int tbl;              /* table nesting depth */
    int pdepth;           /* paragraph nesting (text boxes hold paragraphs) */
    int in_t;
    jx_buf para;          /* text of the body-level paragraph */
    /* the depth-1 table row being read */
    char **cells;
    int ncells, capcells;
    jx_buf cell;          /* text of the current depth-1 cell */
    int in_tc, span, vcont;
    long materialised;    /* cells pushed so far (bounded by JX_MAX_SHEET_CELLS) */
    jx_error *err;
    jx_status st;         /* the first error; later events are ignored */
} docx_ctx;

/* Record the first error, naming the document row. */
static void docx_fail(docx_ctx *c, const char *what, long limit)
{
    if (c->st != JX_OK) return;
    c->st = jx_error_set(c->err, JX_EINPUT, c->file, c->line + 1,
                         "word/document.xml: %s %ld: out of proportion for a form", what, limit);
}

/* Where text goes now: the current top-level cell or the body paragraph. */
static jx_buf *sink(docx_ctx *c)
{
    return c->tbl > 0 ? &c->cell : &c->para;
}

/* Add a cell to the row being read (takes ownership of text, malloc'd). */
static void add_cell(docx_ctx *c, char *text)
{
    if (c->ncells >= JX_MAX_ROW_CELLS) {   /* spans cannot widen a row past the limit */
        free(text);
        docx_fail(c, "table row has more cells (columns spanned included) than JX_MAX_ROW_CELLS =",
                  JX_MAX_ROW_CELLS);
        return;
    }
    if (c->ncells == c->capcells) {
        c->capcells = c->capcells ? c->capcells * 2 : 16;
        c->cells = jx_xrealloc(c->cells, (size_t)c->capcells * sizeof *c->cells);
    }
    c->cells[c->ncells++] = text;
}

/* The character a Symbol/Wingdings glyph stands for, or NULL. */
static const char *sym_text(const char *font, const char *ch)
{
    static const struct { const char *font, *ch, *text; } syms[] = {
        {"Wingdings", "F0FE", "☑"}, {"Wingdings", "F0FD", "☒"}, {"Wingdings", "F078", "☒"},
        {"Wingdings", "F0A8", "☐"}, {"Wingdings", "F06F", "□"}, {"Wingdings", "F071", "☐"},
        {"Wingdings 2", "F052", "☑"}, {"Wingdings 2", "F053", "☒"}, {"Wingdings 2", "F054", "☒"},
        {"Wingdings 2", "F0A3", "□"}, {"Wingdings 2", "F02A", "□"}, {"Wingdings 2", "F0A2", "□"},
        {"Symbol", "F0B3", "≥"}, {"Symbol", "F0A3", "≤"}, {"Symbol", "F0B1", "±"},
    };
    if (!font || !ch) return NULL;
    for (size_t i = 0; i < sizeof syms / sizeof *syms; i++)
        if (!strcmp(font, syms[i].font) && !strcasecmp(ch, syms[i].ch)) return syms[i].text;
    return NULL;
}

/* Tables, rows, cells, spans, merges, paragraphs and text runs. */
static void docx_start(void *ud, jx_xml_ns ns, const char *name, const char **atts)
{
    docx_ctx *c = ud;
    if (c->st != JX_OK) return;
    if (c->skip) { c->skip++; return; }
    if (ns == JX_NS_MC && !strcmp(name, "Fallback")) { c->skip = 1; return; }
    if (ns != JX_NS_WORD) return;
    if (!strcmp(name, "tbl")) {
        if (c->tbl > 0) jx_buf_putc(&c->cell, ' ');
        c->tbl++;
    } else if (!strcmp(name, "tr") && c->tbl == 1) {
        for (int i = 0; i < c->ncells; i++) free(c->cells[i]);   /* an unclosed row */
        c->ncells = 0;
    } else if (!strcmp(name, "gridBefore") && c->tbl == 1 && !c->in_tc) {
        const char *v = jx_xml_attr(atts, "val");
        int n = v ? atoi(v) : 0;
        for (int i = 0; i < n && i < JX_MAX_SPAN; i++) add_cell(c, jx_strdup(""));
    } else if (!strcmp(name, "tc") && c->tbl == 1) {
        c->in_tc = 1;
        c->span = 1;
        c->vcont = 0;
        c->cell.len = 0;
        if (c->cell.data) c->cell.data[0] = '\0';
    } else if (!strcmp(name, "gridSpan") && c->tbl == 1 && c->in_tc) {
        const char *v = jx_xml_attr(atts, "val");
        int n = v ? atoi(v) : 1;
        c->span = n < 1 ? 1 : n > JX_MAX_SPAN ? JX_MAX_SPAN : n;
    } else if ((!strcmp(name, "vMerge") || !strcmp(name, "hMerge")) && c->tbl == 1 && c->in_tc) {
        const char *v = jx_xml_attr(atts, "val");
        c->vcont = !v || !strcmp(v, "continue");
    } else if (!strcmp(name, "p")) {
        c->pdepth++;
    } else if (!strcmp(name, "t")) {
        c->in_t = 1;
    } else if (!strcmp(name, "tab") || !strcmp(name, "br") || !strcmp(name, "cr")) {
        if (c->pdepth) jx_buf_putc(sink(c), ' ');
    } else if (!strcmp(name, "noBreakHyphen")) {
        if (c->pdepth) jx_buf_putc(sink(c), '-');
    } else if (!strcmp(name, "sym")) {
        const char *t = sym_text(jx_xml_attr(atts, "font"), jx_xml_attr(atts, "char"));
        if (t && c->pdepth) jx_buf_puts(sink(c), t);
    }
}

/* A paragraph or table row is complete: it becomes a row. */
static void docx_end(void *ud, jx_xml_ns ns, const char *name)
{
    docx_ctx *c = ud;
    if (c->st != JX_OK) return;
    if (c->skip) { c->skip--; return; }
    if (ns != JX_NS_WORD) return;
    if (!strcmp(name, "t")) {
        c->in_t = 0;
    } else if (!strcmp(name, "p")) {
        c->pdepth--;
        if (c->tbl > 0) { jx_buf_putc(&c->cell, ' '); return; }
        if (c->pdepth > 0) { jx_buf_putc(&c->para, ' '); return; }
        c->line++;
        char *text = jx_office_clean(c->para.data ? c->para.data : "", c->para.len);
        c->para.len = 0;
        if (c->para.data) c->para.data[0] = '\0';
        if (!text[0]) { free(text); return; }
        char **cells = jx_xmalloc(sizeof *cells);
        cells[0] = text;
        jx_rows_push(c->rows, c->line, cells, 1);
        c->rows->items[c->rows->count - 1].prose = 1;   /* running text, as a plain line */
    } else if (!strcmp(name, "tc") && c->tbl == 1 && c->in_tc) {
        c->in_tc = 0;
        char *text = c->vcont ? jx_strdup("")
                              : jx_office_clean(c->cell.data ? c->cell.data : "", c->cell.len);
        add_cell(c, text);
        for (int i = 1; i < c->span && c->st == JX_OK; i++) add_cell(c, jx_strdup(""));
    } else if (!strcmp(name, "tr") && c->tbl == 1) {
        c->line++;
        int last = -1;
        for (int i = 0; i < c->ncells; i++)
            if (c->cells[i][0]) last = i;
        if (last < 0) {
            for (int i = 0; i < c->ncells; i++) free(c->cells[i]);
        } else {
            for (int i = last + 1; i < c->ncells; i++) free(c->cells[i]);
            char **cells = jx_xmalloc((size_t)(last + 1) * sizeof *cells);
            memcpy(cells, c->cells, (size_t)(last + 1) * sizeof *cells);
            jx_rows_push(c->rows, c->line, cells, last + 1);
            c->materialised += last + 1;
            if (c->materialised > JX_MAX_SHEET_CELLS)
                docx_fail(c, "document has more table cells (columns spanned included) than "
                          "JX_MAX_SHEET_CELLS =", JX_MAX_SHEET_CELLS);
        }
        c->ncells = 0;
    } else if (!strcmp(name, "tbl")) {
        c->tbl--;
        if (c->tbl > 0) jx_buf_putc(&c->cell, ' ');
    }
}

/* Text of a <w:t> in a paragraph. */
static void docx_text(void *ud, const char *s, int len)
{
    docx_ctx *c = ud;
    if (c->st == JX_OK && c->in_t && !c->skip && c->pdepth) jx_buf_append(sink(c), s, (size_t)len);
}

/* Read the body of word/document.xml as rows. */
jx_status jx_docx_read(const char *data, size_t len, const char *file,
                       jx_rows *rows, jx_error *err)
{
    jx_zip *zip;
    jx_status st = jx_zip_open(data, len, file, &zip, err);
    if (st != JX_OK) return st;
    const char *part = "word/document.xml";
    char *xml = NULL;
    size_t xlen = 0;
    if (!jx_zip_has(zip, part))
        st = jx_error_set(err, JX_EINPUT, file, 0,
                          "not a Word document: the archive has no %s (is it a .docx?)", part);
    if (st == JX_OK) st = jx_zip_read(zip, part, &xml, &xlen, err);
    if (st == JX_OK) {
        docx_ctx c;
        memset(&c, 0, sizeof c);
        c.file = file;
        c.rows = rows;
        c.err = err;
        jx_xml_handler h = {&c, docx_start, docx_end, docx_text};
        st = jx_xml_parse(xml, xlen, file, part, &h, err);
        if (st == JX_OK) st = c.st;
        for (int i = 0; i < c.ncells; i++) free(c.cells[i]);
        free(c.cells);
        jx_buf_free(&c.para);
        jx_buf_free(&c.cell);
    }
    free(xml);
    jx_zip_close(zip);
    return st;
}
