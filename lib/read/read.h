/*
** read.h - a document as a sequence of table rows, and the layout readers
** that produce it. Private to lib/: readers know rows and cells, never forms
** (lib/read/ cannot include lib/form/'s headers; see CMakeLists.txt).
**
** Whatever converter produced a file (markdown pipe tables, tab-separated
** text, one cell per line, a workbook), the form logic sees only rows of
** plain-text cells with their source line. A layout reader is pluggable: it
** says how well it recognises a text (probe) and turns it into rows (read).
*/
#ifndef JIXIAO_READ_H
#define JIXIAO_READ_H

#include <stddef.h>
#include "jixiao/error.h"

/* Longest line accepted, in bytes: longer lines are rejected as bad input. */
#define JX_MAX_LINE_BYTES (1024 * 1024)

typedef struct jx_row {
    long line;      /* 1-based source line of the row's first cell */
    int ncells;
    char **cells;   /* plain text (jx_text_plain), "" for an empty cell */
    int prose;      /* a line of running text, not a table row */
    char **keys;    /* label keys of the cells, computed on first use (jx_row_key) */
} jx_row;

typedef struct jx_rows {
    jx_row *items;
    size_t count;
    size_t cap;
} jx_rows;

/* Append a row; takes ownership of cells[0..ncells) and the cells array. */
void jx_rows_push(jx_rows *rows, long line, char **cells, int ncells);
void jx_rows_free(jx_rows *rows);

/*
** The label key (jx_text_key) of cell c, computed once and kept with the row:
** the form parser asks for the same cell's key many times (title, header,
** labels, vocabulary). The row owns the string. A cache, so const rows too.
*/
const char *jx_row_key(const jx_row *row, int c);

/* Number of non-empty cells of a row. */
int jx_row_filled(const jx_row *row);

typedef struct jx_layout {
    const char *name;
    /* 0..100: how sure the reader is that text is in its layout. */
    int (*probe)(const char *text, size_t len);
    /* Append the rows of text to *rows. */
    jx_status (*read)(const char *text, size_t len, const char *file,
                      jx_rows *rows, jx_error *err);
} jx_layout;

/* The registered layouts, NULL-terminated. */
extern const jx_layout *const jx_layouts[];

/* The layout whose probe scores highest for text. Never NULL. */
const jx_layout *jx_layout_detect(const char *text, size_t len);

/* One worksheet read as rows; line = the worksheet's 1-based row number. */
typedef struct jx_sheet {
    char *name;
    jx_rows rows;
} jx_sheet;

typedef struct jx_sheets {
    jx_sheet *items;
    size_t count, cap;
} jx_sheets;

void jx_sheets_free(jx_sheets *sheets);

/*
** The visible worksheets of an .xlsx in workbook order (appended to *out;
** the caller frees with jx_sheets_free, also on error). Shared strings,
** inline strings and cached formula results are read; numbers keep their
** value (15 significant digits), dates and percentages are shown as their
** format shows them (2019-01-01, 98.00%); a merged range keeps its value in
** the first cell only.
*/
jx_status jx_xlsx_read(const char *data, size_t len, const char *file,
                       jx_sheets *out, jx_error *err);

/*
** The body of a .docx as rows, appended to *rows: each paragraph outside a
** table is a one-cell row, each table row a row. A cell spanning columns
** (gridSpan) is followed by empty cells; a vertically merged continuation
** (vMerge) is empty. line counts the body's paragraphs and table rows.
*/
jx_status jx_docx_read(const char *data, size_t len, const char *file,
                       jx_rows *rows, jx_error *err);

#endif
