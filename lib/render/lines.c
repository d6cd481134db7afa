/*
** lines.c - a grid written as text, in the four text layouts the importer
** reads:
**   markdown  pipe rows, a rule after each table's first row, the title
**             and year as plain lines;
**   tsv       tab-separated rows, title and year as one-cell lines;
**   runs      one text run per line: each cell a tab-indented line (a tab
**             alone is an empty cell), a blank line ends the row, a wrapped
**             cell continues on unindented lines (seed 002, wild/..._cellperline);
**   columns   layout-preserving lines: cells padded with spaces to their
**             column, a cell longer than the wrap width broken over several
**             lines and centred vertically against its neighbours, so the
**             fragments of one cell interleave with the cells beside it
**             (wild/..._layout.txt, pdftotext -layout).
** A cell covered by a merge is empty; a page break is a form feed line.
*/
#include <string.h>

#include "render.h"
#include "text.h"

/* Display width of [s, s+n): the one rule of lib/text (jx_text_width). */
static int width_of(const char *s, size_t n)
{
    return jx_text_width(s, n, 0);
}

/* The text of cell (r, c) as the layouts see it ("" when empty or covered). */
static const char *cell_text(const jx_grid *g, int r, int c)
{
    const jx_rcell *x = jx_grid_at(g, r, c);
    return x->rowspan && x->text ? x->text : "";
}

/* 1 when the row is a title line: its only text is a range spanning all columns. */
static int title_row(const jx_grid *g, int r)
{
    const jx_rcell *x = jx_grid_at(g, r, 0);
    if (x->style != JX_RS_TITLE && x->style != JX_RS_SUBTITLE) {
        /* after an outer label column the title sits in column 1 */
        if (g->ncols < 2) return 0;
        x = jx_grid_at(g, r, 1);
        if (x->style != JX_RS_TITLE && x->style != JX_RS_SUBTITLE) return 0;
    }
    return 1;
}

/* The title text of a title row. */
static const char *title_text(const jx_grid *g, int r)
{
    for (int c = 0; c < g->ncols; c++)
        if (cell_text(g, r, c)[0]) return cell_text(g, r, c);
    return "";
}

/* Append s with the bytes that would end a cell of the layout replaced. */
static void put_clean(jx_buf *out, const char *s, jx_render_layout l)
{
    for (; *s; s++) {
        if (*s == '\n' || *s == '\r' || *s == '\t') jx_buf_putc(out, ' ');
        else if (*s == '|' && l == JX_RL_MARKDOWN) jx_buf_puts(out, "\\|");
        else jx_buf_putc(out, *s);
    }
}

/* Length of the UTF-8 sequence led by ch. */
static size_t seq_len(unsigned char ch)
{
    return ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC0 ? 2 : 1;
}

/* 1 when the character at s is wide (CJK, fullwidth punctuation, symbols). */
static int wide_at(const char *s)
{
    return (unsigned char)*s >= 0xE0;
}

/*
** Where a converter may break a line before s[i]: between two wide
** characters (CJK text breaks anywhere, without a space), or at a space
** beside a narrow character (the space is dropped). Never inside a run of
** ASCII (numbers, amounts, words) and never at a space between two wide
** characters, so joining the pieces (without a space between wide
** characters, with one otherwise) gives the text back.
*/
static int breakable(const char *s, size_t i, size_t prev)
{
    if (s[i] == ' ') return 0;
    if (s[prev] != ' ') return wide_at(s + prev) && wide_at(s + i);
    /* after a single space: the character before the space */
    if (prev == 0 || s[prev - 1] == ' ') return 0;
    size_t lead = prev - 1;
    while (lead > 0 && ((unsigned char)s[lead] & 0xC0) == 0x80) lead--;
    return !(wide_at(s + lead) && wide_at(s + i));
}

/*
** The first piece of s (n bytes): the longest at most w wide, cut where
** breakable, as a converter fills a line (a piece may run over w where it
** cannot be cut). *next gets the offset the next piece starts at (after a
** dropped space).
*/
static size_t fit(const char *s, size_t n, int w, size_t *next)
{
    size_t i = 0, prev = 0, last = 0;
    int used = 0;
    while (i < n) {
        size_t len = seq_len((unsigned char)s[i]);
        int cw = width_of(s + i, len);
        if (i > 0 && breakable(s, i, prev)) last = i;
        /* the line is full at a space: the break at that space, when it may be
           one, keeps everything before it on this line */
        if (i > 0 && s[i] == ' ' && used + cw > w && i + 1 < n && breakable(s, i + 1, i)) last = i + 1;
        if (i > 0 && used + cw > w && last > 0) break;
        used += cw;
        prev = i;
        i += len;
    }
    if (i >= n) { *next = n; return n; }
    size_t end = last, start = last;
    while (end > 0 && s[end - 1] == ' ') end--;
    while (start < n && s[start] == ' ') start++;
    *next = start;
    return end;
}

/* Cut s into pieces at most wrap wide where it can be cut (all of it when wrap is 0). */
static size_t pieces(const char *s, int wrap, const char **starts, size_t *lens, size_t max)
{
    size_t n = strlen(s), k = 0;
    if (!n) return 0;
    if (wrap <= 0) { starts[0] = s; lens[0] = n; return 1; }
    size_t i = 0;
    while (i < n && k < max) {
        size_t next;
        size_t m = fit(s + i, n - i, wrap, &next);
        if (k == max - 1) m = next = n - i;   /* the last piece takes the rest */
        starts[k] = s + i;
        lens[k] = m;
        k++;
        i += next;
    }
    return k;
}

#define MAX_PIECES 256

/* markdown and tsv: one line per row. */
static void table_lines(const jx_grid *g, jx_render_layout l, jx_buf *out)
{
    int in_table = 0;
    for (int r = 0; r < g->nrows; r++) {
        if (g->flags[r] & JX_RR_BREAK) { jx_buf_puts(out, "\f\n"); }
        if (title_row(g, r)) {
            if (in_table) jx_buf_putc(out, '\n');
            put_clean(out, title_text(g, r), l);
            jx_buf_puts(out, "\n\n");
            in_table = 0;
            continue;
        }
        for (int c = 0; c < g->ncols; c++) {
            if (l == JX_RL_MARKDOWN) jx_buf_puts(out, c ? " | " : "| ");
            else if (c) jx_buf_putc(out, '\t');
            put_clean(out, cell_text(g, r, c), l);
        }
        jx_buf_puts(out, l == JX_RL_MARKDOWN ? " |\n" : "\n");
        if (l == JX_RL_MARKDOWN && !in_table) {
            for (int c = 0; c < g->ncols; c++) jx_buf_puts(out, "|---");
            jx_buf_puts(out, "|\n");
        }
        in_table = 1;
    }
}

/* runs: a tab-indented line per cell, wrapped cells continued unindented. */
static void run_lines(const jx_grid *g, int wrap, jx_buf *out)
{
    const char *starts[MAX_PIECES];
    size_t lens[MAX_PIECES];
    for (int r = 0; r < g->nrows; r++) {
        if (g->flags[r] & JX_RR_BREAK) jx_buf_puts(out, "\f\n");
        int first = 0, last = g->ncols;
        if (title_row(g, r)) {
            for (first = 0; first < g->ncols && !cell_text(g, r, first)[0]; first++) {}
            last = first + 1;
        }
        for (int c = first; c < last && c < g->ncols; c++) {
            const char *t = cell_text(g, r, c);
            size_t k = pieces(t, wrap, starts, lens, MAX_PIECES);
            jx_buf_putc(out, '\t');
            for (size_t i = 0; i < k; i++) {
                if (i) jx_buf_putc(out, '\n');
                jx_buf_append(out, starts[i], lens[i]);
            }
            jx_buf_putc(out, '\n');
        }
        jx_buf_putc(out, '\n');
    }
}

/* Append n spaces. */
static void spaces(jx_buf *out, int n)
{
    for (int i = 0; i < n; i++) jx_buf_putc(out, ' ');
}

/* 1 when covered cell (r, c) lies inside a range that starts in row r to its left. */
static int spanned_from_left(const jx_grid *g, int r, int c)
{
    for (int k = c - 1; k >= 0; k--) {
        const jx_rcell *x = jx_grid_at(g, r, k);
        if (x->rowspan) return k + x->colspan > c;
    }
    return 0;
}

/*
** columns: cells padded to column widths, wrapped cells centred against their
** neighbours, two spaces between columns (as an extractor sets cells apart;
** a single space stays a space inside a cell's text).
*/
#define COLUMN_GAP 2
static void column_lines(const jx_grid *g, int wrap, jx_buf *out)
{
    int nc = g->ncols;
    int *w = jx_xcalloc((size_t)nc, sizeof *w);
    const char *starts[MAX_PIECES];
    size_t lens[MAX_PIECES];
    /* a column is as wide as its widest single-column cell, at most the wrap
       width unless a piece that cannot be broken (a date, an amount) is wider:
       a table widens a column rather than run text into the next cell */
    for (int r = 0; r < g->nrows; r++) {
        if (title_row(g, r)) continue;
        for (int c = 0; c < nc; c++) {
            const jx_rcell *x = jx_grid_at(g, r, c);
            if (!x->rowspan || x->colspan != 1) continue;
            const char *t = cell_text(g, r, c);
            int cw = width_of(t, strlen(t));
            if (wrap > 0 && cw > wrap) {
                size_t k = pieces(t, wrap, starts, lens, MAX_PIECES);
                cw = wrap;
                for (size_t i = 0; i < k; i++)
                    if (width_of(starts[i], lens[i]) > cw) cw = width_of(starts[i], lens[i]);
            }
            if (cw > w[c]) w[c] = cw;
        }
    }
    typedef struct { const char **s; size_t *l; size_t k; int width; } cellp;
    cellp *cp = jx_xcalloc((size_t)nc, sizeof *cp);
    for (int r = 0; r < g->nrows; r++) {
        if (g->flags[r] & JX_RR_BREAK) jx_buf_puts(out, "\f\n");
        if (title_row(g, r)) {
            jx_buf_puts(out, title_text(g, r));
            jx_buf_putc(out, '\n');
            continue;
        }
        /* the pieces of each cell at its (spanned) width */
        size_t height = 1;
        for (int c = 0; c < nc; c++) {
            const jx_rcell *x = jx_grid_at(g, r, c);
            cp[c].k = 0;
            cp[c].width = w[c];
            if (!x->rowspan) continue;
            for (int k = 1; k < x->colspan && c + k < nc; k++) cp[c].width += w[c + k] + COLUMN_GAP;
            const char *t = cell_text(g, r, c);
            size_t k = pieces(t, wrap > 0 ? cp[c].width : 0, starts, lens, MAX_PIECES);
            cp[c].s = jx_xmalloc((k ? k : 1) * sizeof *cp[c].s);
            cp[c].l = jx_xmalloc((k ? k : 1) * sizeof *cp[c].l);
            memcpy(cp[c].s, starts, k * sizeof *starts);
            memcpy(cp[c].l, lens, k * sizeof *lens);
            cp[c].k = k;
            if (k > height) height = k;
        }
        for (size_t line = 0; line < height; line++) {
            jx_buf text = {0};
            int pad = 0;
            for (int c = 0; c < nc; c++) {
                const jx_rcell *x = jx_grid_at(g, r, c);
                if (!x->rowspan) {
                    /* inside a span from the left: its width is the span's; under a
                       range from above: blank space of the column's width */
                    if (!spanned_from_left(g, r, c)) pad += (c ? COLUMN_GAP : 0) + w[c];
                    continue;
                }
                size_t top = (height - cp[c].k) / 2;   /* vertical centring */
                if (c) pad += COLUMN_GAP;
                if (cp[c].k && line >= top && line < top + cp[c].k) {
                    size_t i = line - top;
                    /* a cell wider than its column still stands apart from the one before
                       (as an extractor prints text at another position) */
                    if (text.len && pad < COLUMN_GAP) pad = COLUMN_GAP;
                    spaces(&text, pad);
                    pad = 0;
                    jx_buf_append(&text, cp[c].s[i], cp[c].l[i]);
                    pad = cp[c].width - width_of(cp[c].s[i], cp[c].l[i]);
                } else {
                    pad += cp[c].width;
                }
            }
            if (text.len) jx_buf_append(out, text.data, text.len);
            jx_buf_putc(out, '\n');
            jx_buf_free(&text);
        }
        for (int c = 0; c < nc; c++) {
            if (!jx_grid_at(g, r, c)->rowspan) continue;
            free(cp[c].s);
            free(cp[c].l);
            cp[c].s = NULL;
            cp[c].l = NULL;
        }
    }
    free(cp);
    free(w);
}

void jx_render_text(const jx_grid *g, jx_render_layout l, int wrap, jx_buf *out)
{
    switch (l) {
    case JX_RL_MARKDOWN:
    case JX_RL_TSV: table_lines(g, l, out); break;
    case JX_RL_RUNS: run_lines(g, wrap, out); break;
    case JX_RL_COLUMNS: column_lines(g, wrap, out); break;
    default: break;
    }
}
