/*
** rows.c - the row model and the two text readers: lines (markdown/TSV)
** and one cell per line. The reader table is readers.c.
**
** The line reader covers the two layouts converters produce most: markdown
** pipe tables ("| a | b |") and tab-separated rows. It decides per line, so a
** document mixing both (titles as plain lines, tables as pipes) reads as one
** sequence of rows. Plain lines become one-cell rows; blank lines and table
** separator lines ("|---|---|", "--\t----") carry no data and are skipped.
*/
#include "read.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "jixiao/limits.h"
#include "jixiao/util.h"

void jx_rows_push(jx_rows *rows, long line, char **cells, int ncells)
{
    if (rows->count == rows->cap) {
        rows->cap = rows->cap ? rows->cap * 2 : 64;
        rows->items = jx_xrealloc(rows->items, rows->cap * sizeof *rows->items);
    }
    jx_row *r = &rows->items[rows->count++];
    r->line = line;
    r->page = 0;
    r->cells = cells;
    r->ncells = ncells;
    r->prose = 0;
    memset(r->box, 0, sizeof r->box);
    r->keys = NULL;
    r->xs = NULL;
    r->nxs = 0;
    r->flow = JX_FLOW_GRID;
    r->page = 0;
    r->section = rows->nsections ? rows->sections[rows->nsections - 1] : NULL;
}

void jx_rows_begin_section(jx_rows *rows, const char *name)
{
    rows->sections = jx_xrealloc(rows->sections, (rows->nsections + 1) * sizeof *rows->sections);
    rows->sections[rows->nsections++] = jx_strdup(name ? name : "");
}

void jx_rows_free(jx_rows *rows)
{
    for (size_t i = 0; i < rows->count; i++) {
        jx_row *r = &rows->items[i];
        for (int c = 0; c < r->ncells; c++) {
            free(r->cells[c]);
            if (r->keys) free(r->keys[c]);
        }
        free(r->cells);
        free(r->keys);
        free(r->xs);
    }
    free(rows->items);
    rows->items = NULL;
    rows->count = rows->cap = 0;
    for (size_t i = 0; i < rows->nsections; i++) free(rows->sections[i]);
    free(rows->sections);
    rows->sections = NULL;
    rows->nsections = 0;
}

const char *jx_row_key(const jx_row *row, int c)
{
    jx_row *r = (jx_row *)row;   /* the cache is not part of the row's value */
    if (!r->keys) r->keys = jx_xcalloc((size_t)r->ncells, sizeof *r->keys);
    if (!r->keys[c]) r->keys[c] = jx_text_key(r->cells[c]);
    return r->keys[c];
}

int jx_rows_page_of(const jx_rows *rows, long line)
{
    size_t lo = 0, hi = rows->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rows->items[mid].line < line) lo = mid + 1;
        else hi = mid;
    }
    return lo < rows->count && rows->items[lo].line == line ? rows->items[lo].page : 0;
}

int jx_row_filled(const jx_row *row)
{
    int n = 0;
    for (int c = 0; c < row->ncells; c++) n += row->cells[c][0] != '\0';
    return n;
}

/* 1 when a raw cell is only dashes, colons and spaces (a table rule). */
static int is_rule_cell(const char *s, size_t n)
{
    int dashes = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '-') dashes++;
        else if (s[i] != ':' && s[i] != ' ' && s[i] != '\t') return 0;
    }
    return dashes > 0;
}

/*
** Split one line into raw cells [start, end) pairs. Markdown when the line
** starts with '|' (after spaces): the outer pipes are dropped and "\|" is not
** a separator. Otherwise cells are separated by tabs. Returns the number of
** cells; above JX_MAX_ROW_CELLS nothing is set (*starts, *lens NULL). Up to
** SPLIT_LOCAL cells the pairs go in the caller's local_starts/local_lens (most
** lines: no allocation), else in malloc'd arrays the caller frees when they
** are not its own.
*/
#define SPLIT_LOCAL 32
static int split_line(const char *s, size_t n, const char ***starts, size_t **lens,
                      const char **local_starts, size_t *local_lens)
{
    size_t i = 0;
    while (i < n && s[i] == ' ') i++;
    int md = i < n && s[i] == '|';
    char sep = md ? '|' : '\t';
    if (md) {
        i++;
        while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
        if (n > i && s[n - 1] == '|' && !(n >= 2 && s[n - 2] == '\\')) n--;
    } else {
        i = 0;
    }
    int count = 1;
    for (size_t k = i; k < n; k++)
        if (s[k] == sep && !(md && k > 0 && s[k - 1] == '\\')) count++;
    if (count > JX_MAX_ROW_CELLS) { *starts = NULL; *lens = NULL; return count; }
    if (count <= SPLIT_LOCAL) {
        *starts = local_starts;
        *lens = local_lens;
    } else {
        *starts = jx_xmalloc((size_t)count * sizeof **starts);
        *lens = jx_xmalloc((size_t)count * sizeof **lens);
    }
    int c = 0;
    size_t from = i;
    for (size_t k = i; k <= n; k++) {
        if (k == n || (s[k] == sep && !(md && k > 0 && s[k - 1] == '\\'))) {
            (*starts)[c] = s + from;
            (*lens)[c] = k - from;
            c++;
            from = k + 1;
        }
    }
    return count;
}

/* Every text can be read line by line: a middling score others can beat. */
int jx_lines_probe(const char *text, size_t len)
{
    (void)text; (void)len;
    return 50;
}

/* Read markdown-pipe and tab-separated rows, one row per non-blank line. */
jx_status jx_lines_read(const char *text, size_t len, const char *file,
                        jx_rows *rows, jx_error *err)
{
    long lineno = 0;
    size_t pos = 0;
    while (pos < len) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + 1;
        lineno++;
        if (n > JX_MAX_LINE_BYTES)
            return jx_error_set(err, JX_EINPUT, file, lineno,
                                "line is %zu bytes long, more than the %d allowed: not a form document",
                                n, JX_MAX_LINE_BYTES);
        const char **starts, *local_starts[SPLIT_LOCAL];
        size_t *lens, local_lens[SPLIT_LOCAL];
        int count = split_line(line, n, &starts, &lens, local_starts, local_lens);
        if (count > JX_MAX_ROW_CELLS) {   /* refused unless it is only separators */
            for (size_t k = 0; k < n; k++)
                if (!strchr(" \t\r|-:", line[k]))
                    return jx_error_set(err, JX_EINPUT, file, lineno,
                                        "row has %d cells, more than the %d a table row may have",
                                        count, JX_MAX_ROW_CELLS);
            continue;
        }
        /* A rule line has only dash cells and blanks; a blank line nothing. */
        int data = 0, rules = 0;
        for (int c = 0; c < count; c++) {
            if (is_rule_cell(starts[c], lens[c])) { rules++; continue; }
            for (size_t k = 0; k < lens[c]; k++)
                if (starts[c][k] != ' ' && starts[c][k] != '\t' && starts[c][k] != '\r') { data++; break; }
        }
        int blank = data == 0 && rules == 0, rule = data == 0 && rules > 0;
        if (!blank && !rule) {
            char **cells = jx_xmalloc((size_t)count * sizeof *cells);
            for (int c = 0; c < count; c++) cells[c] = jx_text_plain_n(starts[c], lens[c]);
            int filled = 0;
            for (int c = 0; c < count; c++) filled |= cells[c][0] != '\0';
            if (filled) {   /* cells of only U+3000 and the like are blank too */
                jx_rows_push(rows, lineno, cells, count);
                rows->items[rows->count - 1].prose = count == 1 && !memchr(line, '|', n);
            } else {
                for (int c = 0; c < count; c++) free(cells[c]);
                free(cells);
            }
        }
        if (starts != local_starts) {
            free(starts);
            free(lens);
        }
    }
    return JX_OK;
}

/*
** One cell per line: what PDF and Word converters leave of a table. Each
** cell is a line indented by a tab (a tab alone is an empty cell); a blank
** line ends the row. An unindented line continues the last cell of an open
** row (a wrapped cell: CJK fragments join without a space, since converters
** break CJK text anywhere, other fragments with one); between rows it is
** prose, a row of its own. The probe wants most non-blank lines that are
** not such continuations to be a single indented cell. jx_cells_tally counts
** one piece's lines for it (the tally carries a row open at the piece's end).
*/
void jx_cells_tally(jx_layout_tally *t, const char *text, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + 1;
        if (n == 0 || (n == 1 && line[0] == '\r')) { t->cell_in_row = 0; continue; }
        if (line[0] != '\t' && t->cell_in_row) continue;   /* a wrapped cell's continuation */
        t->cell_in_row = line[0] == '\t';
        t->cell_lines++;
        size_t tabs = 0;
        for (size_t k = 0; k < n; k++) tabs += line[k] == '\t';
        if (line[0] == '\t' && tabs == 1) t->cell_single++;
        else if (tabs > 1) t->cell_multi++;
    }
}

/* The cell-per-line score of the counts: 80, or 0. */
int jx_cells_score(const jx_layout_tally *t)
{
    if (t->cell_lines < 20 || t->cell_multi * 20 > t->cell_lines) return 0;
    return t->cell_single * 2 > t->cell_lines ? 80 : 0;
}

/* The cell-per-line probe of a whole text. */
int jx_cells_probe(const char *text, size_t len)
{
    jx_layout_tally t = {0};
    jx_cells_tally(&t, text, len);
    return jx_cells_score(&t);
}

/*
** Rejoin rows a converter split: a blank line sometimes stands for a wrapped
** cell's second line, cutting a table row in two. When a row has fewer
** cells than the table's width (the last row of two or more cells) and the
** next row has exactly the missing number, they are one row. Then push the
** rows that carry text to out; a row of one cell is a paragraph (prose).
** Takes ownership of every row of raw.
*/
static void rejoin_rows(jx_rows *raw, jx_rows *out)
{
    int width = 0;
    for (size_t i = 0; i < raw->count; i++) {
        jx_row *r = &raw->items[i];
        if (!r->prose && width > 1 && r->ncells < width && i + 1 < raw->count &&
            !raw->items[i + 1].prose && r->ncells + raw->items[i + 1].ncells == width) {
            jx_row *next = &raw->items[i + 1];
            r->cells = jx_xrealloc(r->cells, (size_t)width * sizeof *r->cells);
            memcpy(r->cells + r->ncells, next->cells, (size_t)next->ncells * sizeof *next->cells);
            r->ncells = width;
            free(next->cells);
            next->cells = NULL;
            next->ncells = 0;
            i++;
        }
        if (!r->prose && r->ncells >= 2) width = r->ncells;
        int filled = 0;
        for (int c = 0; c < r->ncells; c++) filled |= r->cells[c][0] != '\0';
        if (filled) {
            jx_rows_push(out, r->line, r->cells, r->ncells);
            out->items[out->count - 1].prose = r->prose || r->ncells == 1;
        } else {
            for (int c = 0; c < r->ncells; c++) free(r->cells[c]);
            free(r->cells);
        }
    }
    free(raw->items);
    raw->items = NULL;
    raw->count = raw->cap = 0;
}

/* 1 when s starts with a wide character (CJK, fullwidth forms: 3- and 4-byte UTF-8). */
static int wide_char(const char *s)
{
    return (unsigned char)s[0] >= 0xE0;
}

/* 1 when the last character of s[0..n) is wide. */
static int wide_end(const char *s, size_t n)
{
    size_t i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) i--;
    return i > 0 && wide_char(s + i - 1);
}

/* Read rows of indented cells separated by blank lines. */
jx_status jx_cells_read(const char *text, size_t len, const char *file,
                        jx_rows *rows, jx_error *err)
{
    long lineno = 0, row_line = 0;
    size_t pos = 0, count = 0, cap = 0;
    char **cells = NULL;
    jx_rows raw = {0};
    jx_buf wrap = {0};   /* the last cell while continuation lines extend it */
    jx_status st = JX_OK;
    while (pos <= len) {
        const char *line = text + pos;
        const char *nl = pos < len ? memchr(line, '\n', len - pos) : NULL;
        size_t n = pos < len ? (nl ? (size_t)(nl - line) : len - pos) : 0;
        int at_end = pos >= len;
        pos += n + 1;
        lineno++;
        if (n > JX_MAX_LINE_BYTES) {
            st = jx_error_set(err, JX_EINPUT, file, lineno,
                              "line is %zu bytes long, more than the %d allowed: not a form document",
                              n, JX_MAX_LINE_BYTES);
            break;
        }
        while (n && line[n - 1] == '\r') n--;
        int blank = n == 0, indented = n > 0 && line[0] == '\t';
        /* An unindented line inside a row continues its last cell (a wrapped cell). */
        if (!blank && !indented && count) {
            char *rawline = jx_strndup(line, n);
            char *plain = jx_text_plain(rawline);
            free(rawline);
            if (plain[0]) {   /* appended in place: linear in the cell, not quadratic */
                if (!wrap.data) jx_buf_puts(&wrap, cells[count - 1]);
                if (wrap.len && !(wide_end(wrap.data, wrap.len) && wide_char(plain)))
                    jx_buf_putc(&wrap, ' ');
                jx_buf_puts(&wrap, plain);
            }
            free(plain);
            continue;
        }
        if (wrap.data) {   /* the wrapped cell is complete */
            free(cells[count - 1]);
            cells[count - 1] = jx_buf_take(&wrap);
        }
        if ((blank || at_end) && count) {   /* the row ends */
            jx_rows_push(&raw, row_line, cells, (int)count);
            cells = NULL;
            count = cap = 0;
        }
        if (at_end) break;
        if (blank) continue;
        char *rawline = jx_strndup(indented ? line + 1 : line, indented ? n - 1 : n);
        char *plain = jx_text_plain(rawline);
        free(rawline);
        if (!indented) {          /* prose between rows: a row of one cell */
            char **one = jx_xmalloc(sizeof *one);
            one[0] = plain;
            jx_rows_push(&raw, lineno, one, 1);
            raw.items[raw.count - 1].prose = 1;
            continue;
        }
        if (count == cap) {
            cap = cap ? cap * 2 : 8;
            cells = jx_xrealloc(cells, cap * sizeof *cells);
        }
        if (count == 0) row_line = lineno;
        cells[count++] = plain;
        if (count > JX_MAX_ROW_CELLS) {
            st = jx_error_set(err, JX_EINPUT, file, row_line,
                              "row has more than the %d cells a table row may have",
                              JX_MAX_ROW_CELLS);
            break;
        }
    }
    jx_buf_free(&wrap);
    for (size_t c = 0; c < count; c++) free(cells[c]);
    free(cells);
    if (st != JX_OK) { jx_rows_free(&raw); return st; }
    rejoin_rows(&raw, rows);
    return JX_OK;
}
