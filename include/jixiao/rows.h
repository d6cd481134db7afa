/*
** rows.h - a document as a sequence of table rows, and the layout readers
** that produce it.
**
** Whatever converter produced a file (markdown pipe tables, tab-separated
** text, one cell per line, a workbook), the form logic sees only rows of
** plain-text cells with their source line. A layout reader is pluggable: it
** says how well it recognises a text (probe) and turns it into rows (read).
*/
#ifndef JIXIAO_ROWS_H
#define JIXIAO_ROWS_H

#include <stddef.h>
#include "jixiao/error.h"

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

#endif
