/*
** pdf.c - a PDF read by its page geometry (poppler-glib + cairo).
**
** A PDF has no cells, only characters at positions and lines drawn on the
** page. The lines are the truth of a ruled table: which cells exist and
** which are merged. Per page:
**
**  1. The characters with their boxes and font sizes (poppler's text layer:
**     poppler_page_get_text_layout gives one box per character of
**     poppler_page_get_text, the text attributes the font size).
**  2. The ruling lines, found from the page itself (camelot's lattice idea
**     without OpenCV): the page is rendered with cairo to a small grayscale
**     bitmap and scanned for long horizontal and vertical runs of dark
**     pixels. A run lying inside one character's box is a glyph stroke, not
**     a rule. Runs on adjacent pixel rows are one line; collinear lines with
**     a small gap are one line. A character with no ink in its box (but
**     ruling lines) is not shown -- clipped away, as office suites clip the
**     copies of a merged cell's text they draw on each page it spans -- and
**     is dropped (mark_undrawn).
**  3. Tables: lines that cross or touch form connected groups; a group with
**     at least two horizontal and two vertical lines is a table. Its grid is
**     every distinct rule position (the bounding box closes open sides).
**     A grid edge exists where a drawn line covers it; two neighbouring grid
**     cells without the edge between them are one merged cell. A merged
**     cell's text goes to its top-left grid cell and the cells it covers are
**     empty -- exactly the shape the DOCX and XLSX readers give merged cells,
**     so the form parser sees one shape whatever the format.
**  4. Each character goes to the cell holding its centre; a cell's
**     characters are grouped into lines (by their vertical centre) and the
**     lines joined, with no space where a CJK fragment meets another.
**  5. The characters outside tables become lines in reading order (top to
**     bottom, left to right). A line with wide gaps is split into cells, and
**     a block of consecutive split lines is aligned into common columns by
**     the whitespace between them (pages without rules). Lines of running
**     text that continue each other (the previous one reaches the right
**     margin, the next is not indented) are one paragraph, one row. Page
**     numbers in the top or bottom margin are dropped.
**
**  6. A table cut by a page break goes on (push_items): repeated header rows
**     are dropped, a row the break cut is joined (split_row), and a merged
**     cell the break cut gets back the text printed after it (cut_merged).
**
** Rows carry their page (1-based); line counts the document's rows, like the
** DOCX reader's paragraphs. Invariants: every row has a non-empty cell and
** no trailing empty cells; memory is bounded by one page's bitmap and text
** plus the rows (pages are freed as they are read); a document without any
** text layer (a scan) is refused, as are encrypted and damaged files and
** documents beyond JX_MAX_PDF_PAGES.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <poppler.h>

#include "read.h"
#include "jixiao/limits.h"
#include "jixiao/pdf.h"
#include "jixiao/util.h"

/* Render resolution, pixels per point (a larger page gets fewer: JX_MAX_PDF_RENDER_PIXELS). */
#define PDF_SCALE 2.0
/* Gray level (0..255) below which a pixel is ink. */
#define PDF_DARK 200
/* Shortest rule, in points; thickest line that is still a rule, in points. */
#define PDF_MIN_RULE 8.0
#define PDF_MAX_THICK 3.5
/* The width of a space typed between CJK characters, in font sizes (put_chars). */
#define PDF_CJK_SPACE_MIN 0.22
#define PDF_CJK_SPACE_MAX 0.30
/* Positions closer than this (points) are the same rule. */
#define PDF_TOL 2.0

/* One character of the text layer, in points, origin top-left. */
typedef struct pchar {
    double x0, y0, x1, y1;
    double size;          /* font size in points */
    uint32_t cp;          /* code point */
    char u[5];            /* its UTF-8 */
    int cell;             /* table cell index it went to, -1 outside tables, -2 not drawn
                             (no ink in its box: clipped away or painted over) */
} pchar;

/* A ruling line: horizontal (pos = y, a..b = x) or vertical (pos = x, a..b = y). */
typedef struct rule {
    double pos, a, b;
    int vert;
} rule;

typedef struct rules {
    rule *v;
    size_t n, cap;
} rules;

/*
** The geometry of one grid column of a table row: the x extent of the
** (merged) cell covering it, and where its text lies. A page break that cuts
** a row is told from these (see split_row).
*/
typedef struct cgeo {
    double l, r;          /* the covering cell's left and right rule */
    double x0, x1;        /* its text: leftmost start, end of its last line */
    double lx0;           /* start of its last line */
    double pad;           /* its text's least distance to a side rule (the cell padding where a
                             line is full, whatever the alignment); -1 without text */
    double size;          /* font size of its last line */
    double yb;            /* bottom of its last line */
    double gl, gr;        /* the grid column's own rules (x) */
    double top;           /* the covering cell's top rule (y) */
    int tall;             /* grid rows the covering cell spans on its page (> 1: merged down) */
    int own;              /* 1 when this row holds the cell's text (its top-left row) */
} cgeo;

/* One output item of a page, before ordering: a table row or a text line. */
typedef struct item {
    double top, bottom, x0, x1, size; /* vertical and horizontal extent, font size (text lines) */
    int text;                 /* 1 for a text line outside tables */
    int table;                /* table rows: the table's index on the page */
    int ncells;
    char **cells;
    double *cx;               /* text lines: each cell's left and right x (2 per cell) */
    cgeo *geo;                /* table rows: ngeo grid columns (ngeo >= ncells) */
    int ngeo;
} item;

typedef struct items {
    item *v;
    size_t n, cap;
} items;

/* Append a rule. */
static void rules_push(rules *r, rule x)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->v = jx_xrealloc(r->v, r->cap * sizeof *r->v);
    }
    r->v[r->n++] = x;
}

/* Append an item (takes ownership of its arrays). */
static void items_push(items *it, item x)
{
    if (it->n == it->cap) {
        it->cap = it->cap ? it->cap * 2 : 64;
        it->v = jx_xrealloc(it->v, it->cap * sizeof *it->v);
    }
    it->v[it->n++] = x;
}

/* Free the cells of every item. */
static void items_free(items *it)
{
    for (size_t i = 0; i < it->n; i++) {
        for (int c = 0; c < it->v[i].ncells; c++) free(it->v[i].cells[c]);
        free(it->v[i].cells);
        free(it->v[i].cx);
        free(it->v[i].geo);
    }
    free(it->v);
}

/* 1 for a code point of CJK text (ideographs, CJK and fullwidth punctuation). */
static int is_cjk(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
           (cp >= 0x20000 && cp <= 0x2FFFF) || cp == 0x201C || cp == 0x201D ||
           cp == 0x2018 || cp == 0x2019;
}

/* 1 for white space (ASCII, no-break and ideographic space). */
static int is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xA0 ||
           cp == 0x3000 || cp == 0x2002 || cp == 0x2003 || cp == 0x2009;
}

/* Decode one UTF-8 sequence at s; returns its length (1 for a bad byte). */
static int utf8_next(const unsigned char *s, uint32_t *cp)
{
    if (s[0] < 0x80) { *cp = s[0]; return 1; }
    int n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;
    if (n == 1) { *cp = 0xFFFD; return 1; }
    uint32_t v = s[0] & (0xFF >> (n + 1));
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) { *cp = 0xFFFD; return 1; }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = v;
    return n;
}

/* ------------------------------------------------------------ rules */

/* qsort: intervals (pairs of doubles) by start. */
static int iv_cmp(const void *pa, const void *pb)
{
    const double *x = pa, *y = pb;
    return (x[0] > y[0]) - (x[0] < y[0]);
}

/*
** The characters of a page sorted for the rule test: by the top of their
** glyph (horizontal rules) and by their left edge (vertical rules), with the
** tallest glyph and widest box, so a rule looks only at the characters it can
** cross (a binary search and a short scan, not every character of the page).
*/
typedef struct glyphs {
    const pchar **byy, **byx;
    size_t n;
    double h, w;        /* tallest glyph (top to bottom), widest box */
} glyphs;

/* The top of a character's glyph: up to a font size above its box's bottom (some boxes are flat). */
static double glyph_top(const pchar *c)
{
    return c->y0 < c->y1 - c->size ? c->y0 : c->y1 - c->size;
}

/* qsort: characters by glyph top. */
static int glyph_y_cmp(const void *pa, const void *pb)
{
    double a = glyph_top(*(const pchar *const *)pa), b = glyph_top(*(const pchar *const *)pb);
    return (a > b) - (a < b);
}

/* qsort: characters by left edge (for the glyph index). */
static int glyph_x_cmp(const void *pa, const void *pb)
{
    const pchar *a = *(const pchar *const *)pa, *b = *(const pchar *const *)pb;
    return (a->x0 > b->x0) - (a->x0 < b->x0);
}

/* Index the n characters ch (borrowed; free with glyphs_free). */
static void glyphs_init(glyphs *g, const pchar *ch, size_t n)
{
    g->n = n;
    g->h = g->w = 0;
    g->byy = jx_xmalloc((n ? n : 1) * sizeof *g->byy);
    g->byx = jx_xmalloc((n ? n : 1) * sizeof *g->byx);
    for (size_t i = 0; i < n; i++) {
        g->byy[i] = g->byx[i] = &ch[i];
        if (ch[i].y1 - glyph_top(&ch[i]) > g->h) g->h = ch[i].y1 - glyph_top(&ch[i]);
        if (ch[i].x1 - ch[i].x0 > g->w) g->w = ch[i].x1 - ch[i].x0;
    }
    qsort(g->byy, n, sizeof *g->byy, glyph_y_cmp);
    qsort(g->byx, n, sizeof *g->byx, glyph_x_cmp);
}

static void glyphs_free(glyphs *g)
{
    free(g->byy);
    free(g->byx);
}

/*
** 1 when the segment [a,b] at pos is text, not a rule: most of its length
** lies inside the boxes of characters it crosses (a glyph stroke, or strokes
** of stacked glyphs that touch). Some producers' boxes are flatter than the
** glyphs, so a box is taken at least 1.5 font sizes tall.
*/
static int inside_char(const glyphs *g, int vert, double pos, double a, double b)
{
    double *iv = NULL;
    size_t n = 0, cap = 0;
    /* the characters that can hold pos: key (glyph top or left edge) in (pos - extent, pos) */
    const pchar **v = vert ? g->byx : g->byy;
    size_t lo = 0, hi = g->n;
    while (lo < hi) {    /* first with key >= pos */
        size_t mid = lo + (hi - lo) / 2;
        double key = vert ? v[mid]->x0 : glyph_top(v[mid]);
        if (key < pos) lo = mid + 1; else hi = mid;
    }
    double reach = (vert ? g->w : g->h) + 1;
    for (size_t i = lo; i-- > 0;) {
        const pchar *c = v[i];
        if ((vert ? c->x0 : glyph_top(c)) < pos - reach) break;
        double y0 = glyph_top(c), y1 = c->y1 + 0.15 * c->size;
        double w = c->x1 - c->x0, x0 = c->x0, x1 = c->x1;
        double lo_, hi_;
        /* a stroke lies inside the glyph; a rule beside or under a glyph does not */
        if (!vert && pos > y0 + 0.05 * c->size && pos < c->y1 - 0.02 * c->size) { lo_ = x0 - 1; hi_ = x1 + 1; }
        else if (vert && pos > x0 + 0.08 * w && pos < x1 - 0.08 * w) { lo_ = y0 - 1; hi_ = y1 + 1; }
        else continue;
        if (hi_ < a || lo_ > b) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            iv = jx_xrealloc(iv, cap * 2 * sizeof *iv);
        }
        iv[2 * n] = lo_ < a ? a : lo_;
        iv[2 * n + 1] = hi_ > b ? b : hi_;
        n++;
    }
    double covered = 0, end = a;
    if (n) qsort(iv, n, 2 * sizeof *iv, iv_cmp);
    for (size_t i = 0; i < n; i++) {
        double lo2 = iv[2 * i] > end ? iv[2 * i] : end, hi2 = iv[2 * i + 1];
        if (hi2 > lo2) { covered += hi2 - lo2; end = hi2; }
    }
    free(iv);
    return covered >= 0.6 * (b - a);
}

/* A line being grown from runs on adjacent pixel rows (or columns). */
typedef struct grow {
    long first, last;   /* pixel rows (columns) it covers */
    long a, b;          /* extent along the line, pixels */
    int done;
} grow;

/* A run of dark pixels: on pixel row (column) o, from a to b inclusive. */
typedef struct prun {
    long o, a, b;
} prun;

typedef struct pruns {
    prun *v;
    size_t n, cap;
} pruns;

static void pruns_push(pruns *r, long o, long a, long b)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 256;
        r->v = jx_xrealloc(r->v, r->cap * sizeof *r->v);
    }
    r->v[r->n++] = (prun){o, a, b};
}

/* qsort: runs by row (column), then start. */
static int prun_cmp(const void *pa, const void *pb)
{
    const prun *x = pa, *y = pb;
    if (x->o != y->o) return (x->o > y->o) - (x->o < y->o);
    return (x->a > y->a) - (x->a < y->a);
}

/*
** The runs of at least minrun dark pixels of a w x h map (row-major, each
** pixel 0 or 1), both ways: along each pixel row into *hr, in row order,
** and down each column into *vr, in column order. One pass over the rows,
** in memory order (reading a column directly costs a cache miss a pixel); a
** row is mostly white, so memchr finds its dark pixels and the column runs
** are followed at those pixels only: top[x] is the row where the dark run
** of column x reaching the previous row began, -1 when that pixel was white.
*/
static void dark_runs(const unsigned char *dark, long w, long h, long minrun, pruns *hr, pruns *vr)
{
    long *top = jx_xmalloc((size_t)(w ? w : 1) * sizeof *top);
    for (long x = 0; x < w; x++) top[x] = -1;
    for (long y = 0; y <= h; y++) {
        const unsigned char *cur = y < h ? dark + (size_t)y * (size_t)w : NULL;
        /* column runs ending above this row: dark on the previous row, white here */
        if (y > 0) {
            const unsigned char *prev = dark + (size_t)(y - 1) * (size_t)w;
            for (const unsigned char *p = prev; (p = memchr(p, 1, (size_t)(w - (p - prev)))) != NULL; p++) {
                long x = p - prev;
                if (cur && cur[x]) continue;
                if (y - top[x] >= minrun) pruns_push(vr, x, top[x], y - 1);
                top[x] = -1;
            }
        }
        if (!cur) break;
        for (long i = 0; i < w;) {
            const unsigned char *p = memchr(cur + i, 1, (size_t)(w - i));
            if (!p) break;
            long a = p - cur, b = a;
            while (b + 1 < w && cur[b + 1]) b++;
            i = b + 1;
            for (long x = a; x <= b; x++) {
                if (top[x] < 0) top[x] = y;
            }
            if (b - a + 1 >= minrun) pruns_push(hr, y, a, b);
        }
    }
    free(top);
    if (vr->n > 1) qsort(vr->v, vr->n, sizeof *vr->v, prun_cmp);
}

/*
** Grow the runs r (in row order, on outer pixel rows; vert = 1: columns)
** into lines: a run continues a line of the previous row it overlaps by half
** of either's length; append the rules found.
*/
static void scan_runs(const pruns *r, long outer, double scale, int vert, const glyphs *gl, rules *out)
{
    grow *g = NULL;
    size_t ng = 0, cap = 0, live = 0, next = 0;
    for (long o = 0; o <= outer; o++) {
        /* lines that did not continue onto this row are finished */
        for (size_t k = live; k < ng; k++) {
            if (!g[k].done && g[k].last < o - 1) g[k].done = 1;
        }
        if (o == outer) break;
        for (; next < r->n && r->v[next].o == o; next++) {
            long a = r->v[next].a, b = r->v[next].b;
            size_t k;
            for (k = live; k < ng; k++) {
                if (g[k].done || g[k].last != o - 1) continue;
                long lo = a > g[k].a ? a : g[k].a, hi = b < g[k].b ? b : g[k].b;
                if (hi - lo + 1 >= (b - a + 1) / 2 || hi - lo + 1 >= (g[k].b - g[k].a + 1) / 2) break;
            }
            if (k < ng) {
                g[k].last = o;
                if (a < g[k].a) g[k].a = a;
                if (b > g[k].b) g[k].b = b;
            } else {
                if (ng == cap) {
                    cap = cap ? cap * 2 : 64;
                    g = jx_xrealloc(g, cap * sizeof *g);
                }
                g[ng++] = (grow){o, o, a, b, 0};
            }
        }
        while (live < ng && g[live].done) live++;
    }
    for (size_t k = 0; k < ng; k++) {
        double thick = (double)(g[k].last - g[k].first + 1) / scale;
        if (thick > PDF_MAX_THICK) continue;   /* a filled box, not a rule */
        rule r = {((double)(g[k].first + g[k].last) / 2 + 0.5) / scale,
                  (double)g[k].a / scale, (double)(g[k].b + 1) / scale, vert};
        if (inside_char(gl, vert, r.pos, r.a, r.b)) continue;
        rules_push(out, r);
    }
    free(g);
}

/* qsort: rules by direction, position, start. */
static int rule_cmp(const void *pa, const void *pb)
{
    const rule *a = pa, *b = pb;
    if (a->vert != b->vert) return a->vert - b->vert;
    if (fabs(a->pos - b->pos) > PDF_TOL / 2) return a->pos < b->pos ? -1 : 1;
    return (a->a > b->a) - (a->a < b->a);
}

/* Join collinear rules (same direction and position) whose gap is small. */
static void rules_join(rules *r)
{
    if (r->n < 2) return;
    qsort(r->v, r->n, sizeof *r->v, rule_cmp);
    size_t o = 0;
    for (size_t i = 0; i < r->n; i++) {
        size_t k;
        for (k = o; k-- > 0;) {
            rule *p = &r->v[k];
            if (p->vert != r->v[i].vert || fabs(p->pos - r->v[i].pos) > PDF_TOL / 2) {
                k = (size_t)-1;
                break;
            }
            if (r->v[i].a <= p->b + PDF_TOL) break;
        }
        if (k != (size_t)-1 && k < o) {
            rule *p = &r->v[k];
            if (r->v[i].b > p->b) p->b = r->v[i].b;
            if (r->v[i].a < p->a) p->a = r->v[i].a;
        } else {
            r->v[o++] = r->v[i];
        }
    }
    r->n = o;
}

/* ------------------------------------------------------------ text */

/* qsort: characters by vertical centre. */
static int char_cy_cmp(const void *pa, const void *pb)
{
    const pchar *a = *(const pchar *const *)pa, *b = *(const pchar *const *)pb;
    double ya = (a->y0 + a->y1) / 2, yb = (b->y0 + b->y1) / 2;
    return (ya > yb) - (ya < yb);
}

/* qsort: characters by left edge. */
static int char_x_cmp(const void *pa, const void *pb)
{
    const pchar *a = *(const pchar *const *)pa, *b = *(const pchar *const *)pb;
    return (a->x0 > b->x0) - (a->x0 < b->x0);
}

/* A line of characters (borrowed pointers), sorted left to right. */
typedef struct tline {
    const pchar **c;
    size_t n;
    double top, bottom, x0, x1, size;
} tline;

/*
** Group characters into lines by their vertical centre: a character whose
** centre is within half its size of the line's centre joins it. Returns the
** lines (caller frees each c and the array); each line sorted by x.
*/
static tline *group_lines(const pchar **cs, size_t n, size_t *nlines)
{
    qsort(cs, n, sizeof *cs, char_cy_cmp);
    tline *L = NULL;
    size_t nl = 0;
    double centre = 0;
    for (size_t i = 0; i < n; i++) {
        const pchar *c = cs[i];
        double cy = (c->y0 + c->y1) / 2, sz = c->size > 0 ? c->size : c->y1 - c->y0;
        if (nl == 0 || cy - centre > 0.5 * (sz > L[nl - 1].size ? sz : L[nl - 1].size)) {
            L = jx_xrealloc(L, (nl + 1) * sizeof *L);
            L[nl] = (tline){NULL, 0, c->y0, c->y1, c->x0, c->x1, sz};
            nl++;
            centre = cy;
        }
        tline *l = &L[nl - 1];
        l->c = jx_xrealloc(l->c, (l->n + 1) * sizeof *l->c);
        l->c[l->n++] = c;
        if (c->y0 < l->top) l->top = c->y0;
        if (c->y1 > l->bottom) l->bottom = c->y1;
        if (c->x0 < l->x0) l->x0 = c->x0;
        if (c->x1 > l->x1) l->x1 = c->x1;
        if (sz > l->size) l->size = sz;
        centre = (centre * (double)(l->n - 1) + cy) / (double)l->n;
    }
    for (size_t k = 0; k < nl; k++) qsort(L[k].c, L[k].n, sizeof *L[k].c, char_x_cmp);
    *nlines = nl;
    return L;
}

/* Free lines from group_lines. */
static void lines_free(tline *L, size_t n)
{
    for (size_t k = 0; k < n; k++) free(L[k].c);
    free(L);
}

/* 1 when neighbouring chars a and b of a line are set tight: a gap under a tenth of the font size. */
static int set_tight(const pchar *const *c, size_t a, size_t b)
{
    return c[b]->x0 - c[a]->x1 < 0.1 * c[b]->size;
}

/*
** Append chars [from, to) of a line to b: spaces collapse to one; a gap
** wider than a third of the font size between two non-CJK characters is a
** space. A space the text layer holds next to CJK text is kept only between
** two CJK characters, where a typed space is one that stands alone in text
** set tight (2023年将 继续: the characters around it tight, the gap
** PDF_CJK_SPACE_MIN..MAX font sizes -- 0.25 to 0.26 in LibreOffice's PDFs);
** gaps that justified or distributed alignment spreads (因 公 出 国: 0.41)
** or a glyph narrower than its advance leaves (信息 网络: 0.1) are spacing.
** Between CJK and Latin text no space is kept: word processors put a gap
** there themselves (Writer 0.20 of the font size, Word 0.25), as wide as a
** typed space, and the text layer shows it as one.
*/
static void put_chars(jx_buf *b, const pchar *const *c, size_t from, size_t to)
{
    uint32_t prev = 0;
    int pending = 0;
    double prev_x1 = 0;
    size_t pi = 0;   /* index of prev */
    for (size_t i = from; i < to; i++) {
        if (is_space(c[i]->cp)) { pending = 1; continue; }
        int cjk = is_cjk(prev) || is_cjk(c[i]->cp);
        if (prev && !cjk && c[i]->x0 - prev_x1 > c[i]->size / 3)
            pending = 1;
        if (pending && prev) {
            double gap = (c[i]->x0 - prev_x1) / c[i]->size;
            int alone = (pi == from || (!is_space(c[pi - 1]->cp) && set_tight(c, pi - 1, pi))) &&
                        (i + 1 >= to || (!is_space(c[i + 1]->cp) && set_tight(c, i, i + 1)));
            if (!cjk || (is_cjk(prev) && is_cjk(c[i]->cp) && gap >= PDF_CJK_SPACE_MIN &&
                         gap <= PDF_CJK_SPACE_MAX && alone))
                jx_buf_putc(b, ' ');
        }
        pending = 0;
        jx_buf_puts(b, c[i]->u);
        prev = c[i]->cp;
        prev_x1 = c[i]->x1;
        pi = i;
    }
}

/* Last non-space code point of b (0 when none). */
static uint32_t last_cp(const jx_buf *b)
{
    size_t i = b->len;
    while (i > 0) {
        size_t k = i - 1;
        while (k > 0 && ((unsigned char)b->data[k] & 0xC0) == 0x80) k--;
        uint32_t cp;
        utf8_next((const unsigned char *)b->data + k, &cp);
        if (!is_space(cp)) return cp;
        i = k;
    }
    return 0;
}

/* First non-space code point of chars [from, to). */
static uint32_t first_cp(const pchar *const *c, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (!is_space(c[i]->cp)) return c[i]->cp;
    return 0;
}

/*
** Join a continuation to b: nothing between CJK fragments, nor after a
** hyphen (a line broken at a word's own hyphen, "bathing-|assistance": office
** suites break there without hyphenating on their own), else one space.
*/
static void join_piece(jx_buf *b, uint32_t next)
{
    uint32_t prev = last_cp(b);
    if (prev && next && !is_cjk(prev) && !is_cjk(next) && prev != '-') jx_buf_putc(b, ' ');
}

/*
** 1 when a cell's line a was broken inside a word, so that line b continues
** that word with no space: the word wrappers of office suites move a word
** that does not fit to the next line and break a word only when it does
** not fit a line of its own, at the character that overflows. So a line
** broken inside a word holds no space, and it with the next line's first
** character is wider than the cell's text width (width: the cell between
** its rules less the padding on both sides). "=100(" over "%)" in a narrow
** target cell is one value; "bathing" over "assistance" in a wide one two
** words. A figure's unit in brackets follows it with no space in the
** family's values (=2.00(场)), and office suites break before that bracket
** when the cell is narrow: a line ending in a digit over one beginning with
** "(" is one value too.
*/
static int broken_word(const tline *a, const tline *b, double width)
{
    size_t i = 0, j = a->n;
    while (j > 0 && is_space(a->c[j - 1]->cp)) j--;
    while (i < j && is_space(a->c[i]->cp)) i++;
    if (i >= j) return 0;
    uint32_t open = first_cp(b->c, 0, b->n), end = a->c[j - 1]->cp;
    if (open == '(' && end >= '0' && end <= '9') return 1;
    for (size_t k = i; k < j; k++) if (is_space(a->c[k]->cp)) return 0;
    size_t f = 0;
    while (f < b->n && is_space(b->c[f]->cp)) f++;
    if (f >= b->n) return 0;
    double line = a->c[j - 1]->x1 - a->c[i]->x0, next = b->c[f]->x1 - b->c[f]->x0;
    return line + next > width;
}

/*
** The text of a set of characters (one table cell): lines joined (a line
** broken inside a word continues it with no space, broken_word). Sets g's
** text geometry (x0, x1, lx0, pad, size) from its lines; g->l and g->r are set.
*/
static char *cell_text(const pchar **cs, size_t n, cgeo *g)
{
    jx_buf b = {0};
    size_t nl;
    tline *L = group_lines(cs, n, &nl);
    for (size_t k = 0; k < nl; k++) {
        if (!first_cp(L[k].c, 0, L[k].n)) continue;
        double pad = fmin(L[k].x0 - g->l, g->r - L[k].x1);
        if (pad < 0) pad = 0;
        if (g->pad < 0 || pad < g->pad) g->pad = pad;
    }
    double width = g->r - g->l - 2 * (g->pad > 0 ? g->pad : 0);
    size_t last = nl;   /* the last line with text */
    for (size_t k = 0; k < nl; k++) {
        uint32_t f = first_cp(L[k].c, 0, L[k].n);
        if (!f) continue;
        if (b.len && !(last < nl && broken_word(&L[last], &L[k], width))) join_piece(&b, f);
        else if (!b.len) g->x0 = L[k].x0;
        put_chars(&b, L[k].c, 0, L[k].n);
        if (L[k].x0 < g->x0) g->x0 = L[k].x0;
        g->x1 = L[k].x1;
        g->lx0 = L[k].x0;
        g->size = L[k].size;
        g->yb = L[k].bottom;
        last = k;
    }
    lines_free(L, nl);
    return jx_buf_take(&b);
}

/* ------------------------------------------------------------ tables */

/* Union-find root. */
static int uf_find(int *p, int i)
{
    while (p[i] != i) { p[i] = p[p[i]]; i = p[i]; }
    return i;
}

/* Union-find join (the smaller index is the root, so it is the top-left cell). */
static void uf_join(int *p, int a, int b)
{
    a = uf_find(p, a);
    b = uf_find(p, b);
    if (a < b) p[b] = a;
    else if (b < a) p[a] = b;
}

/* 1 when horizontal h and vertical v cross or touch. */
static int rules_meet(const rule *h, const rule *v)
{
    return v->pos >= h->a - PDF_TOL && v->pos <= h->b + PDF_TOL &&
           h->pos >= v->a - PDF_TOL && h->pos <= v->b + PDF_TOL;
}

/* Add pos to a sorted set of positions unless one is within PDF_TOL. */
static void pos_add(double **v, size_t *n, double pos)
{
    for (size_t i = 0; i < *n; i++)
        if (fabs((*v)[i] - pos) <= PDF_TOL) return;
    *v = jx_xrealloc(*v, (*n + 1) * sizeof **v);
    size_t i = *n;
    while (i > 0 && (*v)[i - 1] > pos) { (*v)[i] = (*v)[i - 1]; i--; }
    (*v)[i] = pos;
    (*n)++;
}

/* 1 when a rule of direction vert at pos covers the middle of [lo, hi]. */
static int edge_drawn(const rules *r, const int *members, size_t nm, int vert, double pos,
                      double lo, double hi)
{
    double q = (hi - lo) / 4;
    for (size_t k = 0; k < nm; k++) {
        const rule *x = &r->v[members[k]];
        if (x->vert == vert && fabs(x->pos - pos) <= PDF_TOL && x->a <= lo + q && x->b >= hi - q)
            return 1;
    }
    return 0;
}

/* Index of the interval of sorted bounds v[0..n) holding x, or -1. */
static int interval_of(const double *v, size_t n, double x)
{
    if (n < 2 || x < v[0] || x > v[n - 1]) return -1;
    for (size_t i = 0; i + 1 < n; i++)
        if (x <= v[i + 1]) return (int)i;
    return (int)n - 2;
}

/*
** Find the tables of a page from its rules and turn each into items (one
** per grid row), consuming the characters inside (their cell is set).
*/
static void page_tables(rules *r, pchar *ch, size_t nch, items *out)
{
    int ntable = 0;
    size_t n = r->n;
    if (n < 4) return;
    int *p = jx_xmalloc(n * sizeof *p);
    for (size_t i = 0; i < n; i++) p[i] = (int)i;
    for (size_t i = 0; i < n; i++)
        for (size_t k = i + 1; k < n; k++)
            if (r->v[i].vert != r->v[k].vert &&
                rules_meet(r->v[i].vert ? &r->v[k] : &r->v[i], r->v[i].vert ? &r->v[i] : &r->v[k]))
                uf_join(p, (int)i, (int)k);
    int *members = jx_xmalloc(n * sizeof *members);
    for (size_t root = 0; root < n; root++) {
        if (uf_find(p, (int)root) != (int)root) continue;
        size_t nm = 0, nh = 0, nv = 0;
        for (size_t i = 0; i < n; i++)
            if (uf_find(p, (int)i) == (int)root) {
                members[nm++] = (int)i;
                if (r->v[i].vert) nv++; else nh++;
            }
        if (nh < 2 || nv < 2) continue;
        /* the grid: every rule position, the bounding box closing open sides */
        double *xs = NULL, *ys = NULL;
        size_t nx = 0, ny = 0;
        double bx0 = 1e9, bx1 = -1e9, by0 = 1e9, by1 = -1e9;
        for (size_t k = 0; k < nm; k++) {
            const rule *x = &r->v[members[k]];
            if (x->vert) {
                pos_add(&xs, &nx, x->pos);
                if (x->a < by0) by0 = x->a;
                if (x->b > by1) by1 = x->b;
            } else {
                pos_add(&ys, &ny, x->pos);
                if (x->a < bx0) bx0 = x->a;
                if (x->b > bx1) bx1 = x->b;
            }
        }
        pos_add(&xs, &nx, bx0);
        pos_add(&xs, &nx, bx1);
        pos_add(&ys, &ny, by0);
        pos_add(&ys, &ny, by1);
        int R = (int)ny - 1, C = (int)nx - 1;
        /* a grid wider than a row may be (JX_MAX_ROW_CELLS) or with more cells than a
           table has (JX_MAX_PDF_TABLE_CELLS) is not a table: its text stays text */
        if (R < 1 || C < 1 || C > JX_MAX_ROW_CELLS || (long)R * C > JX_MAX_PDF_TABLE_CELLS) {
            free(xs);
            free(ys);
            continue;
        }
        int *cell = jx_xmalloc((size_t)R * (size_t)C * sizeof *cell);
        for (int i = 0; i < R * C; i++) cell[i] = i;
        for (int i = 0; i < R; i++)
            for (int j = 0; j < C; j++) {
                /* right edge, unless the last column; bottom edge, unless the last row */
                if (j + 1 < C && !edge_drawn(r, members, nm, 1, xs[j + 1], ys[i], ys[i + 1]))
                    uf_join(cell, i * C + j, i * C + j + 1);
                if (i + 1 < R && !edge_drawn(r, members, nm, 0, ys[i + 1], xs[j], xs[j + 1]))
                    uf_join(cell, i * C + j, (i + 1) * C + j);
            }
        /* characters to the top-left cell of their merged cell */
        size_t *count = jx_xcalloc((size_t)R * (size_t)C, sizeof *count);
        int *own = jx_xmalloc((nch ? nch : 1) * sizeof *own);
        for (size_t k = 0; k < nch; k++) {
            own[k] = -1;
            if (ch[k].cell != -1) continue;   /* taken by an earlier table, or not drawn */
            double cx = (ch[k].x0 + ch[k].x1) / 2, cy = (ch[k].y0 + ch[k].y1) / 2;
            int i = interval_of(ys, ny, cy), j = interval_of(xs, nx, cx);
            if (i < 0 || j < 0) continue;
            own[k] = uf_find(cell, i * C + j);
            count[own[k]]++;
            ch[k].cell = own[k];
        }
        const pchar ***bycell = jx_xcalloc((size_t)R * (size_t)C, sizeof *bycell);
        size_t *fill = jx_xcalloc((size_t)R * (size_t)C, sizeof *fill);
        for (int a = 0; a < R * C; a++)
            if (count[a]) bycell[a] = jx_xmalloc(count[a] * sizeof **bycell);
        for (size_t k = 0; k < nch; k++)
            if (own[k] >= 0) bycell[own[k]][fill[own[k]]++] = &ch[k];
        free(own);
        /* the columns each merged cell spans (by its root) */
        int *jlo = jx_xmalloc((size_t)R * (size_t)C * sizeof *jlo);
        int *jhi = jx_xmalloc((size_t)R * (size_t)C * sizeof *jhi);
        int *ihi = jx_xmalloc((size_t)R * (size_t)C * sizeof *ihi);   /* its last grid row */
        for (int a = 0; a < R * C; a++) { jlo[a] = C; jhi[a] = -1; ihi[a] = -1; }
        for (int a = 0; a < R * C; a++) {
            int root = uf_find(cell, a);
            if (a % C < jlo[root]) jlo[root] = a % C;
            if (a % C > jhi[root]) jhi[root] = a % C;
            if (a / C > ihi[root]) ihi[root] = a / C;
        }
        for (int i = 0; i < R; i++) {
            char **cells = jx_xmalloc((size_t)C * sizeof *cells);
            cgeo *geo = jx_xcalloc((size_t)C, sizeof *geo);
            int last = -1;
            for (int j = 0; j < C; j++) {
                int a = i * C + j, root = uf_find(cell, a);
                geo[j].l = xs[jlo[root]];
                geo[j].r = xs[jhi[root] + 1];
                geo[j].own = root / C == i;
                geo[j].gl = xs[j];
                geo[j].gr = xs[j + 1];
                geo[j].top = ys[root / C];
                geo[j].tall = ihi[root] - root / C + 1;
                geo[j].pad = -1;
                if (root == a && fill[a]) {
                    cells[j] = cell_text(bycell[a], fill[a], &geo[j]);
                    if (cells[j][0]) last = j;
                } else {
                    cells[j] = jx_strdup("");
                }
            }
            if (last < 0) {
                for (int j = 0; j < C; j++) free(cells[j]);
                free(cells);
                free(geo);
                continue;
            }
            for (int j = last + 1; j < C; j++) free(cells[j]);
            items_push(out, (item){.top = ys[i], .bottom = ys[i + 1], .x0 = xs[0], .x1 = xs[C],
                                   .table = ntable, .ncells = last + 1, .cells = cells,
                                   .geo = geo, .ngeo = C});
        }
        ntable++;
        free(jlo);
        free(jhi);
        free(ihi);
        for (int a = 0; a < R * C; a++) free(bycell[a]);
        free(bycell);
        free(fill);
        free(count);
        free(cell);
        free(xs);
        free(ys);
    }
    free(members);
    free(p);
}

/* ------------------------------------------------------------ text lines */

/* 1 when a text is a page number: digits, dashes, 第…页, 共…页. */
static int page_number(const char *s)
{
    int digits = 0;
    for (const unsigned char *q = (const unsigned char *)s; *q;) {
        uint32_t cp;
        q += utf8_next(q, &cp);
        if (cp >= '0' && cp <= '9') digits++;
        else if (!(is_space(cp) || cp == '-' || cp == 0x2014 || cp == 0x2013 || cp == 0x7B2C ||
                   cp == 0x9875 || cp == 0x5171 || cp == '/' || cp == 0xFF0D))
            return 0;
    }
    return digits > 0 && digits <= 4;
}

/*
** Turn the characters outside tables into items: lines in reading order, a
** line split into cells at gaps wider than twice its font size, page numbers
** in the margins dropped.
*/
static void page_text(pchar *ch, size_t nch, double page_h, items *out)
{
    const pchar **cs = jx_xmalloc((nch ? nch : 1) * sizeof *cs);
    size_t n = 0;
    for (size_t k = 0; k < nch; k++)
        if (ch[k].cell == -1 && !is_space(ch[k].cp)) cs[n++] = &ch[k];
    /* spaces are kept for word gaps, but only inside lines of other characters */
    size_t nl;
    tline *L = group_lines(cs, n, &nl);
    for (size_t k = 0; k < nl; k++) {
        tline *l = &L[k];
        char **cells = NULL;
        double *cx = NULL;
        int nc = 0;
        size_t from = 0;
        for (size_t i = 1; i <= l->n; i++) {
            if (i < l->n && l->c[i]->x0 - l->c[i - 1]->x1 <= 2 * l->size) continue;
            jx_buf b = {0};
            put_chars(&b, l->c, from, i);
            cells = jx_xrealloc(cells, (size_t)(nc + 1) * sizeof *cells);
            cx = jx_xrealloc(cx, (size_t)(nc + 1) * 2 * sizeof *cx);
            cx[2 * nc] = l->c[from]->x0;
            cx[2 * nc + 1] = l->c[i - 1]->x1;
            cells[nc++] = jx_buf_take(&b);
            from = i;
        }
        if (nc == 1 && (l->top < page_h * 0.08 || l->bottom > page_h * 0.90) &&
            page_number(cells[0])) {
            free(cells[0]);
            free(cells);
            free(cx);
            continue;
        }
        items_push(out, (item){.top = l->top, .bottom = l->bottom, .x0 = l->x0, .x1 = l->x1,
                               .size = l->size, .text = 1, .table = -1, .ncells = nc,
                               .cells = cells, .cx = cx});
    }
    lines_free(L, nl);
    free(cs);
}

/* The top of an item's box: a text line's glyphs reach a font size above its bottom. */
static double item_top(const item *x)
{
    return x->text && x->bottom - x->size < x->top ? x->bottom - x->size : x->top;
}

/* qsort: items top to bottom, then left to right. */
static int item_cmp(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    double ta = item_top(a), tb = item_top(b);
    if (fabs(ta - tb) > 1.0) return ta < tb ? -1 : 1;
    return (a->x0 > b->x0) - (a->x0 < b->x0);
}

/*
** Align a block of consecutive multi-cell text lines [from, to) into common
** columns: the union of the cells' horizontal extents over the block gives
** the columns (whitespace alignment); each cell goes to the column holding
** its centre, cells falling in one column are joined, missing ones empty.
*/
static void align_block(items *it, size_t from, size_t to)
{
    double *iv = NULL;  /* merged intervals, pairs */
    size_t ni = 0;
    for (size_t k = from; k < to; k++)
        for (int c = 0; c < it->v[k].ncells; c++) {
            double a = it->v[k].cx[2 * c], b = it->v[k].cx[2 * c + 1];
            iv = jx_xrealloc(iv, (ni + 1) * 2 * sizeof *iv);
            iv[2 * ni] = a;
            iv[2 * ni + 1] = b;
            ni++;
        }
    /* sort intervals by start and merge overlapping ones */
    for (size_t i = 1; i < ni; i++)
        for (size_t k = i; k > 0 && iv[2 * (k - 1)] > iv[2 * k]; k--) {
            double t0 = iv[2 * k], t1 = iv[2 * k + 1];
            iv[2 * k] = iv[2 * (k - 1)];
            iv[2 * k + 1] = iv[2 * (k - 1) + 1];
            iv[2 * (k - 1)] = t0;
            iv[2 * (k - 1) + 1] = t1;
        }
    size_t ncol = 0;
    for (size_t i = 0; i < ni; i++) {
        if (ncol && iv[2 * i] <= iv[2 * (ncol - 1) + 1]) {
            if (iv[2 * i + 1] > iv[2 * (ncol - 1) + 1]) iv[2 * (ncol - 1) + 1] = iv[2 * i + 1];
        } else {
            iv[2 * ncol] = iv[2 * i];
            iv[2 * ncol + 1] = iv[2 * i + 1];
            ncol++;
        }
    }
    for (size_t k = from; k < to; k++) {
        item *x = &it->v[k];
        char **cells = jx_xcalloc(ncol, sizeof *cells);
        for (int c = 0; c < x->ncells; c++) {
            double mid = (x->cx[2 * c] + x->cx[2 * c + 1]) / 2;
            size_t col = 0;
            while (col + 1 < ncol && mid > iv[2 * col + 1]) col++;
            if (!cells[col]) {
                cells[col] = x->cells[c];
            } else {
                jx_buf b = {0};
                jx_buf_puts(&b, cells[col]);
                jx_buf_putc(&b, ' ');
                jx_buf_puts(&b, x->cells[c]);
                free(cells[col]);
                free(x->cells[c]);
                cells[col] = jx_buf_take(&b);
            }
        }
        size_t last = 0;
        for (size_t c = 0; c < ncol; c++) {
            if (!cells[c]) cells[c] = jx_strdup("");
            if (cells[c][0]) last = c + 1;
        }
        for (size_t c = last; c < ncol; c++) free(cells[c]);
        free(x->cells);
        x->cells = cells;
        x->ncells = (int)last;
    }
    free(iv);
}

/* ------------------------------------------------------------ a page */

/* The characters of a page's text layer. Returns the count, *out malloc'd. */
static size_t page_chars(PopplerPage *page, pchar **out)
{
    char *text = poppler_page_get_text(page);
    PopplerRectangle *rects = NULL;
    guint nrects = 0;
    if (!text || !poppler_page_get_text_layout(page, &rects, &nrects)) {
        g_free(text);
        *out = NULL;
        return 0;
    }
    GList *attrs = poppler_page_get_text_attributes(page);
    GList *at = attrs;
    size_t cap = nrects, n = 0;
    pchar *ch = jx_xmalloc((cap ? cap : 1) * sizeof *ch);
    const unsigned char *s = (const unsigned char *)text;
    for (guint idx = 0; *s && idx < nrects; idx++) {
        uint32_t cp;
        int len = utf8_next(s, &cp);
        while (at && ((PopplerTextAttributes *)at->data)->end_index < (int)idx) at = at->next;
        double size = at ? ((PopplerTextAttributes *)at->data)->font_size : 0;
        PopplerRectangle *rc = &rects[idx];
        if (cp != '\n' && cp != '\r' && rc->x2 > rc->x1 - 0.01) {
            pchar *c = &ch[n++];
            c->x0 = rc->x1;
            c->x1 = rc->x2;
            c->y0 = rc->y1 < rc->y2 ? rc->y1 : rc->y2;
            c->y1 = rc->y1 < rc->y2 ? rc->y2 : rc->y1;
            c->size = size > 0 ? size : c->y1 - c->y0;
            c->cp = cp;
            memcpy(c->u, s, (size_t)len);
            c->u[len] = '\0';
            c->cell = -1;
        }
        s += len;
    }
    poppler_page_free_text_attributes(attrs);
    g_free(rects);
    g_free(text);
    *out = ch;
    return n;
}

/*
** Mark the characters the page does not show (cell -2): no ink inside their
** box but on ruling lines. Office suites draw the text of a merged cell that
** a page break cuts on each page it spans, clipped to the cell's part there;
** the text layer keeps every copy, also those clipped away (and text painted
** over). dark: the rendering's ink, w x h pixels at scale (its rule pixels are
** cleared); r: the rules found in it. A box's ink is read from sums over the
** page (four reads whatever its size: a hostile page's boxes may be huge).
*/
static void mark_undrawn(unsigned char *dark, long w, long h, double scale, const rules *r,
                         pchar *ch, size_t nch)
{
    for (size_t i = 0; i < r->n; i++) {
        const rule *x = &r->v[i];
        long p = (long)floor(x->pos * scale), a = (long)floor(x->a * scale), b = (long)ceil(x->b * scale);
        for (long q = p - 2; q <= p + 2; q++)
            for (long t = a; t <= b; t++) {
                long px = x->vert ? q : t, py = x->vert ? t : q;
                if (px >= 0 && px < w && py >= 0 && py < h) dark[py * w + px] = 0;
            }
    }
    /* sum[y][x]: the ink of the pixels above and left of (x, y) */
    uint32_t *sum = jx_xcalloc((size_t)(w + 1) * (size_t)(h + 1), sizeof *sum);
    for (long y = 0; y < h; y++) {
        uint32_t run = 0;
        for (long x = 0; x < w; x++) {
            run += dark[y * w + x];
            sum[(y + 1) * (w + 1) + x + 1] = sum[y * (w + 1) + x + 1] + run;
        }
    }
    for (size_t k = 0; k < nch; k++) {
        pchar *c = &ch[k];
        if (is_space(c->cp) || c->cell != -1) continue;
        /* the glyph's whole height (some boxes are flatter than it, glyph_top), a little in from
           the sides (a neighbour's ink does not count) */
        double mx = (c->x1 - c->x0) * 0.1, top = fmin(c->y0, glyph_top(c));
        long x0 = (long)floor((c->x0 + mx) * scale), x1 = (long)ceil((c->x1 - mx) * scale);
        long y0 = (long)floor(top * scale), y1 = (long)ceil(c->y1 * scale);
        if (x0 < 0) x0 = 0;
        if (y0 < 0) y0 = 0;
        if (x1 > w) x1 = w;
        if (y1 > h) y1 = h;
        if (x0 >= x1 || y0 >= y1) continue;   /* off the page or flat: left alone */
        uint32_t ink = sum[y1 * (w + 1) + x1] - sum[y0 * (w + 1) + x1] - sum[y1 * (w + 1) + x0] +
                       sum[y0 * (w + 1) + x0];
        if (!ink) c->cell = -2;
    }
    free(sum);
}

/* The ruling lines of a page, from a grayscale rendering of it; the characters it
   does not show are marked (mark_undrawn). */
static void page_rules(PopplerPage *page, pchar *ch, size_t nch, rules *out)
{
    double pw, ph;
    poppler_page_get_size(page, &pw, &ph);
    double scale = PDF_SCALE;
    if (pw * ph * scale * scale > (double)JX_MAX_PDF_RENDER_PIXELS) scale = sqrt((double)JX_MAX_PDF_RENDER_PIXELS / (pw * ph));
    long w = (long)ceil(pw * scale), h = (long)ceil(ph * scale);
    if (w < 1 || h < 1) return;
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surf);
        return;
    }
    cairo_t *cr = cairo_create(surf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(surf);
    const unsigned char *data = cairo_image_surface_get_data(surf);
    int stride = cairo_image_surface_get_stride(surf);
    unsigned char *dark = jx_xmalloc((size_t)w * (size_t)h);
    for (long y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * (size_t)stride);
        for (long x = 0; x < w; x++) {
            uint32_t px = row[x];
            if ((px & 0xFFFFFF) == 0xFFFFFF) {   /* white, most of a page */
                dark[y * w + x] = 0;
                continue;
            }
            unsigned r = (px >> 16) & 0xFF, g = (px >> 8) & 0xFF, b = px & 0xFF;
            dark[y * w + x] = (r * 299 + g * 587 + b * 114) / 1000 < PDF_DARK;
        }
    }
    cairo_surface_destroy(surf);
    pruns hr = {0}, vr = {0};
    dark_runs(dark, w, h, (long)(PDF_MIN_RULE * scale), &hr, &vr);
    glyphs gl;
    glyphs_init(&gl, ch, nch);
    scan_runs(&hr, h, scale, 0, &gl, out);
    scan_runs(&vr, w, scale, 1, &gl, out);
    free(hr.v);
    free(vr.v);
    glyphs_free(&gl);
    rules_join(out);
    mark_undrawn(dark, w, h, scale, out, ch, nch);
    free(dark);
}

/* 1 for a Chinese numeral digit 一…十. */
static int cn_digit(uint32_t cp)
{
    static const uint32_t d[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
                                 0x516B, 0x4E5D, 0x5341};
    for (size_t i = 0; i < sizeof d / sizeof *d; i++)
        if (cp == d[i]) return 1;
    return 0;
}

/* 1 when a text starts with a heading number: 一、 （一） 1、 1. 第一部分. */
static int heading_start(const char *s)
{
    const unsigned char *q = (const unsigned char *)s;
    uint32_t cp;
    int k = utf8_next(q, &cp), n = 0;
    if (cp == 0x7B2C) return 1;                  /* 第…部分 */
    if (cp == 0xFF08 || cp == '(') {             /* （一） */
        q += k;
        k = utf8_next(q, &cp);
    }
    while (n < 4 && ((cp >= '0' && cp <= '9') || cn_digit(cp))) {
        q += k;
        n++;
        k = utf8_next(q, &cp);
    }
    if (!n) return 0;
    return cp == 0x3001 || cp == 0xFF09 || cp == ')' ||
           (cp == '.' && !(q[1] >= '0' && q[1] <= '9'));
}

/* Page geometry for paragraph joining. */
typedef struct margins {
    double left, right;
} margins;

/*
** About how wide the first word of a line is: one character of CJK text
** (which breaks anywhere), else the run of Latin letters and digits up to a
** space or CJK character (a wrapped line breaks before a word that does not fit).
*/
static double first_word_width(const char *s, double size)
{
    const unsigned char *q = (const unsigned char *)s;
    uint32_t cp;
    int k = utf8_next(q, &cp), n = 0;
    if (is_cjk(cp)) return size;
    while (*q && !is_space(cp) && !is_cjk(cp)) {
        n++;
        q += k;
        if (!*q) break;
        k = utf8_next(q, &cp);
    }
    return 0.6 * size * n;
}

/* 1 when text line nx continues the paragraph whose last line is cur. */
static int continues(const item *cur, const item *nx, margins m)
{
    if (!nx->text || nx->ncells != 1 || !cur->text) return 0;
    /* ended short: the next line's first word would have fitted after it */
    if (m.right - cur->x1 > first_word_width(nx->cells[0], nx->size) + 0.5 * cur->size) return 0;
    if (cur->x1 - cur->x0 < 0.6 * (m.right - m.left)) return 0; /* a short line */
    if (nx->x0 > cur->x0 + 0.8 * cur->size) return 0;           /* indented: a new paragraph */
    if (fabs(nx->size - cur->size) > 0.6) return 0;
    if (heading_start(nx->cells[0])) return 0;
    return 1;
}

/*
** What the end of a page leaves open for the next: a paragraph (its last
** line reached the margin) or a table (its last row ended the page). At most
** one of the two is open.
*/
typedef struct open_para {
    size_t row;     /* index in rows, valid when open */
    int open;
    item last;      /* geometry of its last line (cells not owned) */
    margins m;
    /* the table: its last row is rows[trow], its first rows[thead] (a repeated header
       is compared with the table's first rows); tgeo the last row's columns (owned) */
    int topen;
    size_t trow, thead;
    cgeo *tgeo;
    int ntgeo;
    int *tmerged;   /* per column of tgeo: 1 when the table holds a cell merged down in it */
    int *tcut;      /* per column of tgeo: 1 when a cut cell's text was printed below the
                       table in it (clipped_line) */
} open_para;

/* 1 when two rows' cells have the same extents (the same column grid, merges included). */
static int same_grid(const cgeo *a, int na, const cgeo *b, int nb)
{
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < na; i++) {
            int k;
            for (k = 0; k < nb; k++)
                if (fabs(a[i].l - b[k].l) <= PDF_TOL && fabs(a[i].r - b[k].r) <= PDF_TOL) break;
            if (k == nb) return 0;
        }
        const cgeo *t = a; a = b; b = t;
        int tn = na; na = nb; nb = tn;
    }
    return 1;
}

/* The column of geo whose cell has extent [l, r] and holds its text, or -1. */
static int column_at(const cgeo *geo, int n, double l, double r)
{
    for (int k = 0; k < n; k++)
        if (geo[k].own && fabs(geo[k].l - l) <= PDF_TOL && fabs(geo[k].r - r) <= PDF_TOL) return k;
    return -1;
}

/* 1 when a row's cells are exactly an item's (a repeated header row). */
static int row_is(const jx_row *r, const item *x)
{
    if (r->ncells != x->ncells) return 0;
    for (int c = 0; c < r->ncells; c++)
        if (strcmp(r->cells[c], x->cells[c])) return 0;
    return 1;
}

/*
** 1 when a cell's text was cut at the page break: its last line is full --
** it spans the cell between the padding pad on both sides so closely that
** next, the text the next page continues it with, would not have fitted
** after it. Whatever the alignment: a full line of a left-aligned, centred
** or right-aligned cell spans the same width. pad is the row's cell padding
** (the least distance of any of its lines to a side rule).
*/
static int cell_cut(const cgeo *g, const char *next, double pad)
{
    double size = g->size > 0 ? g->size : 10;
    if (pad > (size > 8 ? size : 8)) return 0;
    double room = (g->r - g->l - 2 * pad) - (g->x1 - g->lx0);
    return room <= first_word_width(next, size) + 0.5 * size;
}

/*
** A page break that cuts a table row in two (Writer splits a tall row): the
** first row x of the page, of the same column grid as the last row of the
** previous page, continues it when every non-empty cell of x continues a cut
** cell of that row (same extent) and some cell of that row has nothing on
** this page (a cell that fitted stays whole above the break; a new row fills
** its code or name). Then x's text is appended to the row and 1 returned.
*/
static int split_row(jx_rows *rows, open_para *op, const item *x)
{
    jx_row *r = &rows->items[op->trow];
    if (!x->geo || !same_grid(op->tgeo, op->ntgeo, x->geo, x->ngeo)) return 0;
    int any = 0, emptied = 0;
    double pad = -1;           /* the row's cell padding: its text's least distance to a rule */
    for (int k = 0; k < op->ntgeo; k++)
        if (op->tgeo[k].pad >= 0 && (pad < 0 || op->tgeo[k].pad < pad)) pad = op->tgeo[k].pad;
    for (int j = 0; j < x->ngeo; j++) {
        const char *t = j < x->ncells ? x->cells[j] : "";
        int k = column_at(op->tgeo, op->ntgeo, x->geo[j].l, x->geo[j].r);
        if (!x->geo[j].own) continue;
        const char *above = k >= 0 && k < r->ncells ? r->cells[k] : "";
        if (!t[0]) {
            if (above[0]) emptied = 1;
            continue;
        }
        if (!above[0] || !cell_cut(&op->tgeo[k], t, pad)) return 0;
        any = 1;
    }
    if (!any || !emptied) return 0;
    for (int j = 0; j < x->ncells; j++) {
        if (!x->geo[j].own || !x->cells[j][0]) continue;
        int k = column_at(op->tgeo, op->ntgeo, x->geo[j].l, x->geo[j].r);
        uint32_t cp;
        utf8_next((const unsigned char *)x->cells[j], &cp);
        jx_buf b = {0};
        jx_buf_puts(&b, r->cells[k]);
        join_piece(&b, cp);
        jx_buf_puts(&b, x->cells[j]);
        free(r->cells[k]);
        r->cells[k] = jx_buf_take(&b);
        if (r->keys) { free(r->keys[k]); r->keys[k] = NULL; }
        /* the cell now ends where its continuation ends */
        op->tgeo[k].x1 = x->geo[j].x1;
        op->tgeo[k].lx0 = x->geo[j].lx0;
        op->tgeo[k].size = x->geo[j].size;
    }
    return 1;
}

/* The column of geo whose covering cell has extent [l, r] (own or not), or -1. */
static int cover_at(const cgeo *geo, int n, double l, double r)
{
    for (int k = 0; k < n; k++)
        if (fabs(geo[k].l - l) <= PDF_TOL && fabs(geo[k].r - r) <= PDF_TOL) return k;
    return -1;
}

/* Set cell c of row r to text t (taken), growing the row with empty cells as needed. */
static void row_set(jx_row *r, int c, char *t)
{
    if (r->keys) {   /* label keys are recomputed on use */
        for (int q = 0; q < r->ncells; q++) free(r->keys[q]);
        free(r->keys);
        r->keys = NULL;
    }
    if (c >= r->ncells) {
        r->cells = jx_xrealloc(r->cells, (size_t)(c + 1) * sizeof *r->cells);
        for (int q = r->ncells; q <= c; q++) r->cells[q] = jx_strdup("");
        r->ncells = c + 1;
    }
    free(r->cells[c]);
    r->cells[c] = t;
}

/*
** A cell merged down across the page break (an 一级 or 二级 label over rows on
** both pages): office suites print its text where its middle falls, so the
** page that holds its top-left corner may show none of it (Calc), or its
** first lines only (Writer). The first row x of the next page continues the
** open table's cells: a cell of x with text, of the extent of the cell
** covering the previous page's last row, is that cell's text printed after
** the break when the cell is seen to be merged down -- x's cell spans more
** rows, or the cell above spans more rows and holds no text, or its text was
** printed below the table (op->tcut) -- and the cell above holds no text or
** cut text (its last line full and at the break: cell_cut). Then the text
** goes to the cell's top-left row above and x's cell is emptied (x keeps its
** other cells: it is a row of its own). head: rows index of the table's
** first row on the previous page.
*/
static void cut_merged(jx_rows *rows, open_para *op, item *x, size_t head)
{
    if (!x->geo || !op->tmerged || !op->ntgeo) return;
    int page = rows->items[op->trow].page;
    double pad = -1;
    for (int k = 0; k < op->ntgeo; k++)
        if (op->tgeo[k].pad >= 0 && (pad < 0 || op->tgeo[k].pad < pad)) pad = op->tgeo[k].pad;
    for (int j = 0; j < x->ncells && j < x->ngeo; j++) {
        if (!x->geo[j].own || !x->cells[j][0]) continue;
        int k = cover_at(op->tgeo, op->ntgeo, x->geo[j].l, x->geo[j].r);
        /* the cell is merged down: on this page, or above the break with no text, or its
           text was printed below the table there */
        if (k < 0) continue;
        int cut = x->geo[j].tall > 1 || (op->tcut && op->tcut[k]);
        /* the row holding the covering cell's top-left corner */
        size_t q = op->trow + 1;
        while (q-- > head && rows->items[q].page == page)
            if (fabs(rows->items[q].box[1] - op->tgeo[k].top) <= PDF_TOL) break;
        if (q + 1 == head || q > op->trow || rows->items[q].page != page ||
            fabs(rows->items[q].box[1] - op->tgeo[k].top) > PDF_TOL)
            continue;
        jx_row *r = &rows->items[q];
        const char *above = k < r->ncells ? r->cells[k] : "";
        if (!cut && !(op->tgeo[k].tall > 1 && !above[0])) continue;
        /* cut text fills its cell to the break: its last line full, the cell's part below it
           less than a line */
        if (above[0] && (!cell_cut(&op->tgeo[k], x->cells[j], pad) ||
                         rows->items[op->trow].box[3] - op->tgeo[k].yb > op->tgeo[k].size + pad))
            continue;
        jx_buf b = {0};
        jx_buf_puts(&b, above);
        if (above[0]) {
            uint32_t cp;
            utf8_next((const unsigned char *)x->cells[j], &cp);
            join_piece(&b, cp);
        }
        jx_buf_puts(&b, x->cells[j]);
        row_set(r, k, jx_buf_take(&b));
        free(x->cells[j]);
        x->cells[j] = jx_strdup("");
    }
    while (x->ncells > 0 && !x->cells[x->ncells - 1][0]) free(x->cells[--x->ncells]);
}

/* Keep the geometry of table row x (now rows[row]) as the open table's last row;
   merged: per grid column, 1 when the table merges cells down in it. */
static void table_keep(open_para *op, const item *x, size_t row, const int *merged, const int *cut)
{
    free(op->tcut);
    op->tcut = NULL;
    if (cut) {
        op->tcut = jx_xmalloc((size_t)x->ngeo * sizeof *op->tcut);
        memcpy(op->tcut, cut, (size_t)x->ngeo * sizeof *op->tcut);
    }
    free(op->tgeo);
    op->tgeo = jx_xmalloc((size_t)x->ngeo * sizeof *op->tgeo);
    memcpy(op->tgeo, x->geo, (size_t)x->ngeo * sizeof *op->tgeo);
    free(op->tmerged);
    op->tmerged = jx_xmalloc((size_t)x->ngeo * sizeof *op->tmerged);
    memcpy(op->tmerged, merged, (size_t)x->ngeo * sizeof *op->tmerged);
    op->ntgeo = x->ngeo;
    op->trow = row;
}

/* Append text line nx to the cell text of b (joined as a paragraph). */
static void append_line(jx_buf *b, const item *nx)
{
    uint32_t cp;
    utf8_next((const unsigned char *)nx->cells[0], &cp);
    join_piece(b, cp);
    jx_buf_puts(b, nx->cells[0]);
}

/* A row's box: the union of items x[0..n) (the lines of a paragraph, or one table row). */
static void set_box(jx_row *r, const item *x, size_t n)
{
    double x0 = x[0].x0, y0 = item_top(&x[0]), x1 = x[0].x1, y1 = x[0].bottom;
    for (size_t k = 1; k < n; k++) {
        if (x[k].x0 < x0) x0 = x[k].x0;
        if (item_top(&x[k]) < y0) y0 = item_top(&x[k]);
        if (x[k].x1 > x1) x1 = x[k].x1;
        if (x[k].bottom > y1) y1 = x[k].bottom;
    }
    r->box[0] = (float)x0;
    r->box[1] = (float)y0;
    r->box[2] = (float)x1;
    r->box[3] = (float)y1;
}

/*
** 1 when every cell of text line t lies within columns of geo (n columns)
** that merge cells down (merged[j], or the cell covering row geo is taller
** than a row): the text of a merged cell cut by the page break, printed
** again beyond the table (office suites draw such a cell's text on each
** page it spans, clipped to its part there; the text layer keeps it all).
*/
static int clipped_line(const item *t, const cgeo *geo, int n, const int *merged)
{
    if (!t->text || !t->ncells || !n) return 0;
    for (int c = 0; c < t->ncells; c++) {
        double a = t->cx ? t->cx[2 * c] : t->x0, b = t->cx ? t->cx[2 * c + 1] : t->x1;
        for (double pos = a; pos < b - PDF_TOL;) {
            int j;
            for (j = 0; j < n; j++)
                if ((merged[j] || geo[j].tall > 1) && geo[j].gl - PDF_TOL <= pos && pos < geo[j].gr) break;
            if (j == n) return 0;
            pos = geo[j].gr;
        }
    }
    return 1;
}

/*
** 1 when table row x repeats header row r: the same cells, but in a column
** that merges cells down (merged: per column of geo) either may hold other
** text -- a merged cell cut by the break drawn behind the header, or the
** label of a cell merged down from r -- as long as some other column holds
** the same text.
*/
static int header_is(const jx_row *r, const item *x, const cgeo *geo, int n, const int *merged)
{
    if (row_is(r, x)) return 1;
    if (!merged || !x->geo) return 0;
    int nc = r->ncells > x->ncells ? r->ncells : x->ncells, same = 0;
    for (int c = 0; c < nc; c++) {
        const char *a = c < r->ncells ? r->cells[c] : "", *b = c < x->ncells ? x->cells[c] : "";
        int k = c < x->ngeo ? cover_at(geo, n, x->geo[c].l, x->geo[c].r) : -1;
        if (k >= 0 && merged[k]) continue;
        if (strcmp(a, b)) return 0;
        same |= a[0] != 0;
    }
    return same;
}

/*
** 1 when table row x, at the top of a page, repeats a row of the open table
** above (a header an office suite prints again on every page, header_is);
** then x's cells in merged columns keep the header's text where they hold
** it, else none (the cut cells' text drawn behind the header dropped).
*/
static int repeated_row(const jx_rows *rows, const open_para *op, item *x)
{
    for (size_t q = op->thead; q <= op->trow && q < rows->count; q++) {
        const jx_row *r = &rows->items[q];
        if (!header_is(r, x, op->tgeo, op->ntgeo, op->tmerged)) continue;
        for (int c = 0; c < x->ncells; c++) {
            const char *a = c < r->ncells ? r->cells[c] : "";
            if (!strcmp(a, x->cells[c])) continue;
            char *t = jx_strdup(a[0] && strstr(x->cells[c], a) ? a : "");
            free(x->cells[c]);
            x->cells[c] = t;
        }
        while (x->ncells > 0 && !x->cells[x->ncells - 1][0]) free(x->cells[--x->ncells]);
        return 1;
    }
    return 0;
}

/* Free the cells of item x (it yields no row). */
static void item_drop(item *x)
{
    for (int c = 0; c < x->ncells; c++) free(x->cells[c]);
    x->ncells = 0;
}

/* Join paragraph lines and push a page's items as rows. */
static void push_items(items *it, int pageno, jx_rows *rows, long *line, open_para *op)
{
    if (it->n > 1) qsort(it->v, it->n, sizeof *it->v, item_cmp);
    /* align runs of multi-cell text lines into columns */
    for (size_t k = 0; k < it->n;) {
        if (!it->v[k].text || it->v[k].ncells < 2) { k++; continue; }
        size_t e = k;
        while (e < it->n && it->v[e].text && it->v[e].ncells >= 2) e++;
        align_block(it, k, e);
        k = e;
    }
    /* the text's margins: the widest extent of lines and tables on the page */
    margins m = {1e9, 0};
    for (size_t k = 0; k < it->n; k++) {
        if (it->v[k].x1 > m.right) m.right = it->v[k].x1;
        if (it->v[k].x0 < m.left) m.left = it->v[k].x0;
    }
    /* the page's last table row (only text lines after it): lines below it within its
       merged columns are its cut cells' text printed again (clipped_line) */
    size_t lt = it->n;
    while (lt > 0 && it->v[lt - 1].text) lt--;
    size_t live = it->n;      /* one past the last item that yields a row */
    int *cut = NULL;          /* the last row's columns with such lines (open_para.tcut) */
    if (lt > 0 && lt < it->n) {
        const item *t = &it->v[lt - 1];
        int *merged = jx_xcalloc((size_t)t->ngeo, sizeof *merged);
        for (size_t q = 0; q < lt; q++)
            if (!it->v[q].text && it->v[q].table == t->table && it->v[q].ngeo == t->ngeo)
                for (int j = 0; j < t->ngeo; j++) merged[j] |= it->v[q].geo[j].tall > 1;
        size_t q = lt;
        while (q < it->n && clipped_line(&it->v[q], t->geo, t->ngeo, merged) &&
               it->v[q].top < t->bottom && t->bottom < it->v[q].bottom)
            q++;
        if (q == it->n) {
            cut = jx_xcalloc((size_t)t->ngeo, sizeof *cut);
            for (q = lt; q < it->n; q++) {
                const item *y = &it->v[q];
                for (int c = 0; c < y->ncells; c++)
                    for (int j = 0; j < t->ngeo; j++)
                        if ((y->cx ? y->cx[2 * c] : y->x0) < t->geo[j].gr &&
                            (y->cx ? y->cx[2 * c + 1] : y->x1) > t->geo[j].gl)
                            cut[j] = 1;
                item_drop(&it->v[q]);
            }
            live = lt;
        }
        free(merged);
    }
    size_t k = 0;
    /* a table the previous page left open goes on when this page begins with a table of
       its width (lines above it within its merged columns are its cut cells' text):
       drop its repeated header rows, join a row the break cut, or a merged cell */
    int cont_table = -1;      /* this page's table continuing it */
    size_t head = 0;          /* rows index of the first row of the current table */
    int cur_table = -1;
    size_t f = 0;             /* the first table row after such lines */
    if (op->topen)
        while (f < it->n && clipped_line(&it->v[f], op->tgeo, op->ntgeo, op->tmerged) && f + 1 < it->n &&
               !it->v[f + 1].text && it->v[f].top < it->v[f + 1].top && it->v[f + 1].top < it->v[f].bottom)
            f++;
    if (op->topen && f < it->n && !it->v[f].text && it->v[f].geo && op->ntgeo &&
        fabs(it->v[f].x0 - op->tgeo[0].l) <= PDF_TOL &&
        fabs(it->v[f].x1 - op->tgeo[op->ntgeo - 1].r) <= PDF_TOL) {
        cont_table = it->v[f].table;
        k = f;
        while (k < it->n && !it->v[k].text && it->v[k].table == cont_table &&
               op->thead + (k - f) < op->trow &&
               header_is(&rows->items[op->thead + (k - f)], &it->v[k], op->tgeo, op->ntgeo, op->tmerged))
            k++;
        /* rows repeating others of the table above (a header repeated amid it) stay */
        size_t h = k;
        while (h < it->n && !it->v[h].text && it->v[h].table == cont_table && repeated_row(rows, op, &it->v[h]))
            h++;
        if (h < it->n && !it->v[h].text && it->v[h].table == cont_table) {
            if (h == k && split_row(rows, op, &it->v[k])) k++;
            else cut_merged(rows, op, &it->v[h], op->thead);
        }
        for (size_t q = 0; q < k; q++) item_drop(&it->v[q]);
        cur_table = cont_table;
        head = op->thead;
    }
    int table_last = k > 0 && k >= live;   /* the page held only the continuation */
    int *merged = NULL;       /* the current table's merged columns (see table_keep) */
    int nmerged = 0;
    op->topen = 0;
    /* a paragraph the previous page left open continues with this page's first line */
    if (op->open && it->n && continues(&op->last, &it->v[0], op->m) &&
        op->row < rows->count && rows->items[op->row].ncells == 1) {
        jx_row *r = &rows->items[op->row];
        jx_buf b = {0};
        jx_buf_puts(&b, r->cells[0]);
        append_line(&b, &it->v[0]);
        size_t e = 0;
        while (e + 1 < it->n && continues(&it->v[e], &it->v[e + 1], m)) append_line(&b, &it->v[++e]);
        free(r->cells[0]);
        r->cells[0] = jx_buf_take(&b);
        if (r->keys) { free(r->keys[0]); r->keys[0] = NULL; }
        for (size_t q = 0; q <= e; q++) {
            for (int c = 0; c < it->v[q].ncells; c++) free(it->v[q].cells[c]);
            it->v[q].ncells = 0;
        }
        op->last = it->v[e];
        op->m = m;
        k = e + 1;
        if (k < it->n) op->open = 0;
    } else {
        op->open = 0;
    }
    for (; k < it->n; k++) {
        item *x = &it->v[k];
        if (x->ncells == 0) continue;
        if (x->text && x->ncells == 1) {
            jx_buf b = {0};
            jx_buf_puts(&b, x->cells[0]);
            size_t e = k;
            while (e + 1 < it->n && continues(&it->v[e], &it->v[e + 1], m)) append_line(&b, &it->v[++e]);
            char **cells = jx_xmalloc(sizeof *cells);
            cells[0] = jx_buf_take(&b);
            jx_rows_push(rows, ++*line, cells, 1);
            rows->items[rows->count - 1].page = pageno;
            rows->items[rows->count - 1].prose = 1;
            set_box(&rows->items[rows->count - 1], it->v + k, e - k + 1);
            if (e + 1 == it->n) {   /* the page's last item: may go on overleaf */
                op->open = 1;
                op->row = rows->count - 1;
                op->last = it->v[e];
                op->m = m;
            }
            for (size_t q = k; q <= e; q++) {
                for (int c = 0; c < it->v[q].ncells; c++) free(it->v[q].cells[c]);
                it->v[q].ncells = 0;
            }
            k = e;
            continue;
        }
        op->open = 0;
        jx_rows_push(rows, ++*line, x->cells, x->ncells);
        rows->items[rows->count - 1].page = pageno;
        set_box(&rows->items[rows->count - 1], x, 1);
        x->cells = NULL;
        x->ncells = 0;
        if (!x->text && x->geo) {
            if (x->table != cur_table || !merged) {
                if (x->table != cur_table) head = rows->count - 1;
                free(merged);
                merged = jx_xcalloc((size_t)x->ngeo, sizeof *merged);
                nmerged = x->ngeo;
                /* a continued table keeps what its earlier pages merge */
                if (x->table == cont_table && op->tmerged && op->ntgeo == x->ngeo)
                    memcpy(merged, op->tmerged, (size_t)x->ngeo * sizeof *merged);
                cur_table = x->table;
            }
            for (int j = 0; j < x->ngeo && j < nmerged; j++) merged[j] |= x->geo[j].tall > 1;
            if (k + 1 >= live && nmerged == x->ngeo) {   /* the page ends with this table: it may go on overleaf */
                op->topen = 1;
                op->thead = head;
                table_keep(op, x, rows->count - 1, merged, cut);
            }
        }
    }
    free(merged);
    free(cut);
    if (table_last) op->topen = 1;   /* a cut row's continuation filled the page: still open */
}

/*
** Read one page into rows; *visible gets the number of characters of its text
** layer. A page beyond the limits of jixiao/limits.h (its size, characters
** or ruling lines) is refused, naming its page.
*/
static jx_status read_page(PopplerPage *page, int pageno, jx_rows *rows, long *line,
                           open_para *op, size_t *visible, const char *file, jx_error *err)
{
    double pw, ph;
    poppler_page_get_size(page, &pw, &ph);
    *visible = 0;
    if (!(pw <= JX_MAX_PDF_PAGE_POINTS && ph <= JX_MAX_PDF_PAGE_POINTS))
        return jx_error_set(err, JX_EINPUT, file, 0,
                            "page %d: the page is %.0f x %.0f pt, larger than the %.0f pt a PDF "
                            "page may be (JX_MAX_PDF_PAGE_POINTS)", pageno, pw, ph,
                            JX_MAX_PDF_PAGE_POINTS);
    pchar *ch;
    size_t nch = page_chars(page, &ch);
    if (nch > (size_t)JX_MAX_PDF_PAGE_CHARS) {
        free(ch);
        return jx_error_set(err, JX_EINPUT, file, 0,
                            "page %d: %zu characters, more than the %ld allowed on one page "
                            "(JX_MAX_PDF_PAGE_CHARS)", pageno, nch, JX_MAX_PDF_PAGE_CHARS);
    }
    for (size_t k = 0; k < nch; k++) *visible += !is_space(ch[k].cp);
    rules r = {0};
    items it = {0};
    jx_status st = JX_OK;
    if (!*visible) op->open = op->topen = 0;
    if (*visible) {
        page_rules(page, ch, nch, &r);
        if (r.n > (size_t)JX_MAX_PDF_PAGE_RULES) {
            st = jx_error_set(err, JX_EINPUT, file, 0,
                              "page %d: %zu ruling lines, more than the %ld allowed on one page "
                              "(JX_MAX_PDF_PAGE_RULES)", pageno, r.n, JX_MAX_PDF_PAGE_RULES);
        } else {
            page_tables(&r, ch, nch, &it);
            page_text(ch, nch, ph, &it);
            push_items(&it, pageno, rows, line, op);
        }
    }
    items_free(&it);
    free(r.v);
    free(ch);
    return st;
}

jx_status jx_pdf_read(const char *data, size_t len, const char *file,
                      jx_rows *rows, jx_error *err)
{
    GError *gerr = NULL;
    int encrypted = 0;
    jx_status zst = jx_pdf_scan(data, len, file, &encrypted, err);   /* pdf_scan.c */
    if (zst != JX_OK) return zst;
    GBytes *bytes = g_bytes_new(data, len);
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    g_bytes_unref(bytes);
    if (!doc) {
        jx_status st;
        if (gerr && g_error_matches(gerr, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
            st = jx_error_set(err, JX_EINPUT, file, 0,
                              "the PDF is encrypted (password-protected): save an unprotected copy");
        else
            st = jx_error_set(err, JX_EINPUT, file, 0,
                              "not a readable PDF (damaged or truncated?): %s",
                              gerr ? gerr->message : "unknown error");
        if (gerr) g_error_free(gerr);
        return st;
    }
    int npages = poppler_document_get_n_pages(doc);
    jx_status st = JX_OK;
    if (npages <= 0) {
        st = jx_error_set(err, JX_EINPUT, file, 0, "the PDF has no pages (damaged or truncated?)");
    } else if (npages > JX_MAX_PDF_PAGES) {
        st = jx_error_set(err, JX_EINPUT, file, 0,
                          "the PDF has %d pages, more than the %d allowed (JX_MAX_PDF_PAGES)",
                          npages, JX_MAX_PDF_PAGES);
    }
    size_t visible = 0, first = rows->count;
    rows->paged = 1;
    long line = 0;
    open_para op = {0};
    for (int i = 0; st == JX_OK && i < npages; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        if (!page) continue;
        size_t v = 0;
        st = read_page(page, i + 1, rows, &line, &op, &v, file, err);
        visible += v;
        g_object_unref(page);
    }
    g_object_unref(doc);
    free(op.tgeo);
    free(op.tmerged);
    free(op.tcut);
    if (st == JX_OK && visible == 0)
        st = jx_error_set(err, JX_EINPUT, file, 0,
                          "the PDF has no text layer (%d page%s of images only: a scan?): "
                          "run OCR on it or import the original document", npages,
                          npages == 1 ? "" : "s");
    (void)first;
    return st;
}

/* ------------------------------------------------------------ regions */

/* cairo's PNG writer into a jx_buf. */
static cairo_status_t png_write(void *closure, const unsigned char *data, unsigned int length)
{
    jx_buf *b = closure;
    jx_buf_append(b, (const char *)data, length);
    return CAIRO_STATUS_SUCCESS;
}

jx_status jx_pdf_render_region(const char *data, size_t len, int pageno, const double box[4],
                               char **png, size_t *png_len, jx_error *err)
{
    *png = NULL;
    *png_len = 0;
    GError *gerr = NULL;
    GBytes *bytes = g_bytes_new(data, len);
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    g_bytes_unref(bytes);
    if (!doc) {
        jx_status st = jx_error_set(err, JX_EINPUT, NULL, 0, "not a readable PDF: %s",
                                    gerr ? gerr->message : "unknown error");
        if (gerr) g_error_free(gerr);
        return st;
    }
    int npages = poppler_document_get_n_pages(doc);
    if (pageno < 1 || pageno > npages) {
        g_object_unref(doc);
        return jx_error_set(err, JX_EUSAGE, NULL, 0, "the PDF has no page %d", pageno);
    }
    PopplerPage *page = poppler_document_get_page(doc, pageno - 1);
    double pw, ph;
    poppler_page_get_size(page, &pw, &ph);
    /* the region: the box with a margin, the whole width of its table's lines */
    double x0 = 0, y0 = 0, x1 = pw, y1 = ph;
    int boxed = box && box[2] > box[0] && box[3] > box[1];
    if (boxed) {
        x0 = box[0] - JX_PDF_REGION_MARGIN;
        y0 = box[1] - JX_PDF_REGION_MARGIN;
        x1 = box[2] + JX_PDF_REGION_MARGIN;
        y1 = box[3] + JX_PDF_REGION_MARGIN;
        if (x0 < 0) x0 = 0;
        if (y0 < 0) y0 = 0;
        if (x1 > pw) x1 = pw;
        if (y1 > ph) y1 = ph;
    }
    double rw = x1 - x0, rh = y1 - y0;
    if (!(rw >= 1 && rh >= 1) || pw > JX_MAX_PDF_PAGE_POINTS || ph > JX_MAX_PDF_PAGE_POINTS) {
        g_object_unref(page);
        g_object_unref(doc);
        return jx_error_set(err, JX_EINPUT, NULL, 0, "page %d: no region to render", pageno);
    }
    /* 2 pixels a point, fewer for a wide or tall region (JX_PDF_REGION_MAX_SIDE) */
    double scale = 2.0;
    if (rw * scale > JX_PDF_REGION_MAX_SIDE) scale = JX_PDF_REGION_MAX_SIDE / rw;
    if (rh * scale > JX_PDF_REGION_MAX_SIDE) scale = JX_PDF_REGION_MAX_SIDE / rh;
    int w = (int)ceil(rw * scale), h = (int)ceil(rh * scale);
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(surf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    cairo_translate(cr, -x0, -y0);
    poppler_page_render(page, cr);
    if (boxed) {   /* the finding's rows, outlined */
        cairo_set_source_rgba(cr, 0.85, 0.1, 0.1, 0.9);
        cairo_set_line_width(cr, 1.2);
        cairo_rectangle(cr, box[0] - 1.5, box[1] - 1.5, box[2] - box[0] + 3, box[3] - box[1] + 3);
        cairo_stroke(cr);
    }
    cairo_destroy(cr);
    jx_buf b = {0};
    cairo_status_t cs = cairo_surface_write_to_png_stream(surf, png_write, &b);
    cairo_surface_destroy(surf);
    g_object_unref(page);
    g_object_unref(doc);
    if (cs != CAIRO_STATUS_SUCCESS) {
        jx_buf_free(&b);
        return jx_error_set(err, JX_ESYS, NULL, 0, "rendering page %d: %s", pageno,
                            cairo_status_to_string(cs));
    }
    *png_len = b.len;
    *png = jx_buf_take(&b);
    return JX_OK;
}
