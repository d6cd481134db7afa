/*
** render.h - a form written back out in every layout the importer reads.
** Private to lib/ (the export module and the tests).
**
** One description of the official 申报表 block (jx_render_block) builds a
** grid of cells with merged ranges; every writer lays that grid out in its
** own way: markdown pipe rows, tab-separated rows, one text run per line
** (a blank line ends the row), layout-preserving lines (cells padded to
** columns, long cells wrapped and interleaved with their neighbours), an
** XLSX worksheet (libxlsxwriter) and a DOCX table (libzip + our own XML).
** The XLSX and DOCX exports use exactly these writers, so what the test of
** the renderer proves about a layout holds for the exported files.
**
** Perturbations (jx_render_perturb) change the grid the way converters
** change a document: a page break before a row (with a repeated header, a
** repeated 一级 label or a stray page label), merged labels printed on the
** middle row of their block or as a row of their own there, level labels
** split into pieces, an outer label column, rows shifted by one column; wrapping at a width is a writer
** option. All of it is deterministic from a seed.
**
** Ownership: a jx_grid owns its cells' text; free it with jx_grid_free.
** Writers append to a caller-owned jx_buf.
*/
#ifndef JIXIAO_RENDER_H
#define JIXIAO_RENDER_H

#include <stdint.h>
#include <xlsxwriter.h>

#include "jixiao/error.h"
#include "jixiao/model.h"
#include "jixiao/util.h"

typedef enum jx_rstyle {
    JX_RS_TEXT = 0,  /* a value */
    JX_RS_TITLE,     /* the form's title (a one-cell row spanning the grid) */
    JX_RS_SUBTITLE,  /* （2019年度） */
    JX_RS_LABEL,     /* a field label */
    JX_RS_MONEY,     /* an amount: fen holds it, text its printed form */
    JX_RS_HEAD,      /* a column head (一级指标 …, 子项目名称 …) */
    JX_RS_LEVEL      /* a level-1/level-2 cell of the indicator tree */
} jx_rstyle;

typedef struct jx_rcell {
    char *text;          /* owned; NULL when empty or covered by a merge */
    long long fen;       /* JX_RS_MONEY: the amount, JX_NO_AMOUNT when blank */
    int rowspan, colspan;/* >= 1 at a range's first cell; 0 on cells it covers */
    jx_rstyle style;
} jx_rcell;

/* Row flags. */
enum {
    JX_RR_BREAK = 1,       /* a page break precedes the row */
    JX_RR_HEAD = 2,        /* the indicator table's header row */
    JX_RR_INDICATOR = 4,   /* a row of the indicator tree */
    JX_RR_WRAP = 8         /* a long text row (the goal): height grows with it */
};

typedef struct jx_grid {
    int nrows, ncols, caprows;
    jx_rcell *cells;     /* nrows * ncols, row-major */
    int *flags;          /* per row */
    double *widths;      /* per column, in characters (XLSX, DOCX) */
    int col_level1;      /* column of 一级指标 (moves with an outer label column) */
    int money_wan;       /* amounts printed in 万元 (else 元) */
} jx_grid;

/* The cell at (r, c). */
jx_rcell *jx_grid_at(const jx_grid *g, int r, int c);
void jx_grid_free(jx_grid *g);

/*
** The official 申报表 block of form f: title, year, header fields in
** label | value pairs, amounts, components, annual goal, and the indicator
** tree with merged 一级/二级 cells where the parser carries them. Amounts
** are printed in 万元 when money_wan (exact: up to six decimals), else in
** 元 with two decimals. Every label is one the form parser knows, so the
** grid reads back as the same form.
*/
void jx_render_block(const jx_form *f, int money_wan, jx_grid *g);

/* 1 when a label key's value lives in fields[] only (no typed field): the block writes it as written. */
int jx_render_kept_label(const char *key);

typedef enum jx_render_layout {
    JX_RL_MARKDOWN = 0, JX_RL_TSV, JX_RL_RUNS, JX_RL_COLUMNS, JX_RL_XLSX, JX_RL_DOCX,
    JX_RL_COUNT
} jx_render_layout;

typedef enum jx_perturb {
    JX_PT_NONE = 0,
    JX_PT_BREAK_HEADER,    /* page break before an indicator row, header repeated */
    JX_PT_BREAK_LEVEL1,    /* page break, the 一级 label repeated on the new page */
    JX_PT_BREAK_LABEL,     /* page break, a stray page label (绩效 指标) on the new page */
    JX_PT_BREAK_ANY,       /* a page break before any row after the title, nothing repeated */
    JX_PT_WRAP,            /* long cells wrapped at a random width (text layouts) */
    JX_PT_MIDDLE,          /* merged 一级 labels printed on the middle row of their block */
    JX_PT_SPLIT_LEVEL,     /* level labels split before 指标/目标 (产出 / 指标, 效益 指标) */
    JX_PT_OUTER_LABEL,     /* an outer label column (项目绩效目标, 绩效 / 指标) */
    JX_PT_SHIFT,           /* the rows after a page break shifted by one column */
    JX_PT_LEVEL1_ROW,      /* merged 一级 labels printed as a row of their own at the middle of their block */
    JX_PT_COUNT
} jx_perturb;

/* Names for messages and the test's table ("markdown", "break-header", …). */
const char *jx_render_layout_name(jx_render_layout l);
const char *jx_perturb_name(jx_perturb p);

/* 1 when perturbation p means something in layout l (wrapping only in text). */
int jx_perturb_applies(jx_render_layout l, jx_perturb p);

/*
** Apply p to g, choices drawn from seed. The grid stays a valid rendering
** of the same form: only what a converter changes is changed. Returns the
** wrap width to give the text writer (0: no wrapping).
*/
int jx_render_perturb(jx_grid *g, jx_perturb p, uint64_t seed);

/*
** Append the grid as text in layout l (one of the four text layouts) to out,
** long cells wrapped at wrap characters of display width (0: never). A page
** break is a form feed on a line of its own.
*/
void jx_render_text(const jx_grid *g, jx_render_layout l, int wrap, jx_buf *out);

/* The cell formats of a form sheet, made once per workbook. */
typedef struct jx_render_formats {
    lxw_format *title, *subtitle, *label, *text, *center, *money, *head;
} jx_render_formats;

void jx_render_xlsx_formats(lxw_workbook *wb, jx_render_formats *fm);

/* Write the grid to a worksheet: merged ranges, amounts as numbers in 万元, A4. */
void jx_render_xlsx_sheet(lxw_worksheet *ws, const jx_render_formats *fm, const jx_grid *g);

/*
** A Word document (.docx, in memory, appended to out) of the grids in
** order, one table per page, a page break between forms.
*/
jx_status jx_render_docx(const jx_grid *const *grids, size_t n, jx_buf *out, jx_error *err);

/*
** The same document grid by grid in bounded memory: begin, add each grid
** (copied out at once: the caller may free it), end writes the package to
** file (a path: the caller's temporary file, see jx_atomic_temp) and frees
** the stream, whatever the outcome; abort frees it without writing.
*/
typedef struct jx_docx_stream jx_docx_stream;
jx_status jx_render_docx_begin(jx_docx_stream **out, jx_error *err);
void jx_render_docx_add(jx_docx_stream *d, const jx_grid *g);
jx_status jx_render_docx_end(jx_docx_stream *d, const char *file, jx_error *err);
void jx_render_docx_abort(jx_docx_stream *d);

/* End d as jx_render_docx_end into a temporary file beside path, then put it at path (atomic). */
jx_status jx_render_docx_place(jx_docx_stream *d, const char *path, jx_error *err);

#endif
