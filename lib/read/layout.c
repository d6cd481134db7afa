/*
** layout.c - readers for the text a PDF extractor leaves: one text run per
** line (JX_FLOW_RUNS) and layout-preserving lines (JX_FLOW_LINES).
**
** Both readers see the same thing: lines, pages separated by form feeds
** (U+000C, possibly in the middle of a line), and on a line one or more text
** runs joined by spaces. They differ in what a line is: a run of one cell
** (RUNS: a wrapped cell goes on over the next lines, in order) or a row of
** cells side by side (LINES: a wrapped cell's other lines are printed above
** and below the row, interleaved with its neighbours' lines). Which one a
** document is comes from how many of its lines hold several runs.
**
** The algorithm, per document:
**   1. Cut the text into segments at newlines and form feeds; a form feed
**      starts a new page. Leading and trailing spaces (ASCII, U+3000, NBSP)
**      are dropped; blank segments carry nothing.
**   2. Text repeated across a page boundary: when the first k segments of a
**      page equal the last k segments of the page before (k as large as
**      possible, at least 30 bytes in all), the repetition is dropped.
**   2b. A page number alone on the first or last line of a page ("- 3 -",
**      "第3页 共10页") is dropped; a bare number is kept (it may be a cell).
**   3. Each segment becomes a row; its cells are the runs between spaces,
**      except that a space inside brackets ("(2024 年-2026 年)", closed
**      on the line) or after a
**      list ordinal ("1. 一般公共预算", "（一）…"), between a signed number
**      and its unit ("≥60 万页"), a year and its 年 ("2025 年部门…"), or in
**      running text a digit and a CJK character (an extractor's spacing:
**      "不少于 60 万页，") does not split, and a
**      grouped figure glued to the text after it ("47,483,458一、…") is two
**      cells.
** Invariants: a row's cells are non-empty plain text (jx_text_plain) in
** reading order; row->line is the physical line; row->page counts the form
** feeds before the segment. The readers know rows, never forms: putting the
** cells of a wrapped, interleaved table back together is the form layer's
** job (lib/form/regroup.c), by the class of each cell.
*/
#include "read.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "jixiao/util.h"

typedef struct seg {
    const char *s;
    size_t n;
    int col;        /* display column of s on its line (leading spaces trimmed) */
    long line;
    int page;
    int dropped;
} seg;

typedef struct segs {
    seg *items;
    size_t count, cap;
} segs;

/* Length of a space-like character at s (ASCII space, tab, CR, U+3000, NBSP), 0 if none. */
static size_t space_at(const char *s, size_t n)
{
    if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r')) return 1;
    if (n >= 3 && (unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
        (unsigned char)s[2] == 0x80) return 3;
    if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) return 2;
    return 0;
}

/* Display width of [s, s + n) from column col: the one rule of lib/text (jx_text_width). */
static int width_of(const char *s, size_t n, int col)
{
    return jx_text_width(s, n, col);
}

/* Trim space-like characters at both ends of [*s, *s + *n). */
static void trim(const char **s, size_t *n)
{
    size_t k;
    while (*n && (k = space_at(*s, *n)) != 0) { *s += k; *n -= k; }
    for (;;) {
        size_t back = 0;
        if (*n >= 1 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r')) back = 1;
        else if (*n >= 3 && space_at(*s + *n - 3, 3) == 3) back = 3;
        else if (*n >= 2 && space_at(*s + *n - 2, 2) == 2) back = 2;
        if (!back) break;
        *n -= back;
    }
}

/* Cut text into trimmed, non-blank segments at newlines and form feeds. */
static jx_status cut_segments(const char *text, size_t len, const char *file, segs *out,
                              jx_error *err)
{
    long line = 1;
    int page = 0;
    size_t from = 0;
    for (size_t i = 0; i <= len; i++) {
        int end = i == len || text[i] == '\n' || text[i] == '\f';
        if (!end) continue;
        const char *s = text + from;
        size_t n = i - from;
        if (n > JX_MAX_LINE_BYTES)
            return jx_error_set(err, JX_EINPUT, file, line,
                                "line is %zu bytes long, more than the %d allowed: not a form document",
                                n, JX_MAX_LINE_BYTES);
        trim(&s, &n);
        if (n) {
            if (out->count == out->cap) {
                out->cap = out->cap ? out->cap * 2 : 256;
                out->items = jx_xrealloc(out->items, out->cap * sizeof *out->items);
            }
            out->items[out->count++] = (seg){s, n, width_of(text + from, (size_t)(s - (text + from)), 0),
                                             line, page, 0};
        }
        if (i < len && text[i] == '\n') line++;
        if (i < len && text[i] == '\f') page++;
        from = i + 1;
    }
    return JX_OK;
}

static int seg_eq(const seg *a, const seg *b)
{
    return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

/* Longest run of segments a page repeats from the end of the page before. */
#define MAX_REPEAT 400

/* Step 2: drop the text a page repeats from the end of the page before. */
static void drop_page_repeats(segs *sg)
{
    size_t a = 0;   /* first segment of the previous page */
    for (size_t b = 1; b < sg->count; b++) {
        if (sg->items[b].page == sg->items[b - 1].page) continue;
        size_t c = b;
        while (c < sg->count && sg->items[c].page == sg->items[b].page) c++;
        size_t maxk = b - a < c - b ? b - a : c - b;
        if (maxk > MAX_REPEAT) maxk = MAX_REPEAT;
        for (size_t k = maxk; k >= 1; k--) {
            size_t bytes = 0, i;
            for (i = 0; i < k; i++) {
                if (!seg_eq(&sg->items[b - k + i], &sg->items[b + i])) break;
                bytes += sg->items[b + i].n;
            }
            if (i == k && bytes >= 30) {
                for (i = 0; i < k; i++) sg->items[b + i].dropped = 1;
                break;
            }
        }
        a = b;
    }
}

/* Bytes of a dash-like mark at s (-, —, –, －), 0 if none. */
static size_t dash_at(const char *s, size_t n)
{
    static const char *const dashes[] = {"-", "—", "–", "－", NULL};
    for (size_t i = 0; dashes[i]; i++) {
        size_t k = strlen(dashes[i]);
        if (n >= k && memcmp(s, dashes[i], k) == 0) return k;
    }
    return 0;
}

/*
** 1 when [s, s + n) is a page number as printed in a page's header or foot:
** "- 3 -", "— 12 —" (dashes on both sides), "第3页", "第 3 页 共 10 页",
** "共10页 第3页". A bare number is not one (it may be a cell of a table).
*/
static int is_page_number(const char *s, size_t n)
{
    size_t i = 0, k;
    int dashes_before = 0, dashes_after = 0, digits = 0, pages = 0, marks = 0;
    while (i < n) {
        if ((k = space_at(s + i, n - i))) { i += k; continue; }
        if ((k = dash_at(s + i, n - i))) { if (digits) dashes_after++; else dashes_before++; i += k; continue; }
        if (s[i] >= '0' && s[i] <= '9') {
            if (i == 0 || !(s[i - 1] >= '0' && s[i - 1] <= '9')) digits++;
            i++;
            continue;
        }
        if (n - i >= 3 && (!memcmp(s + i, "第", 3) || !memcmp(s + i, "共", 3))) { marks++; i += 3; continue; }
        if (n - i >= 3 && !memcmp(s + i, "页", 3)) { pages++; i += 3; continue; }
        return 0;
    }
    if (digits == 1 && !marks && !pages) return dashes_before > 0 && dashes_after > 0;
    return digits >= 1 && digits <= 2 && pages == digits && marks == digits &&
           !dashes_before && !dashes_after;
}

/*
** Step 2b: a page number printed as the first or last line of a page (or of
** the text) is the page's, not the document's: dropped.
*/
static void drop_page_numbers(segs *sg)
{
    for (size_t i = 0; i < sg->count; i++) {
        seg *g = &sg->items[i];
        int first = i == 0 || sg->items[i - 1].page != g->page;
        int last = i + 1 == sg->count || sg->items[i + 1].page != g->page;
        if ((first || last) && is_page_number(g->s, g->n)) g->dropped = 1;
    }
}

/* Length of an opening / closing bracket at s, with *delta +1 / -1. */
static size_t bracket_at(const char *s, size_t n, int *delta)
{
    static const char *const open[] = {"(", "（", "[", "【", NULL};
    static const char *const close[] = {")", "）", "]", "】", NULL};
    for (size_t i = 0; open[i]; i++) {
        size_t k = strlen(open[i]);
        if (n >= k && memcmp(s, open[i], k) == 0) { *delta = 1; return k; }
        k = strlen(close[i]);
        if (n >= k && memcmp(s, close[i], k) == 0) { *delta = -1; return k; }
    }
    return 0;
}

/* 1 when [s, s+n) is a list ordinal: "1.", "12、", "1．", "一、", "（一）", "(1)". */
static int is_ordinal(const char *s, size_t n)
{
    static const char *const numerals = "一二三四五六七八九十";
    size_t i = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i > 0 && i <= 2) {
        const char *rest = s + i;
        size_t m = n - i;
        return (m == 1 && rest[0] == '.') || (m == 3 && (!memcmp(rest, "．", 3) || !memcmp(rest, "、", 3)));
    }
    /* CJK numerals, each 3 bytes */
    size_t k = 0, opened = 0;
    if (n >= 3 && !memcmp(s, "（", 3)) { k = 3; opened = 1; }
    else if (n >= 1 && s[0] == '(') { k = 1; opened = 1; }
    size_t digits = 0;
    while (k + 3 <= n && strstr(numerals, (char[4]){s[k], s[k + 1], s[k + 2], 0})) { k += 3; digits++; }
    if (!digits) {
        while (k < n && s[k] >= '0' && s[k] <= '9') { k++; digits++; }
        if (!digits || !opened) return 0;
    }
    if (opened) return (k + 3 == n && !memcmp(s + k, "）", 3)) || (k + 1 == n && s[k] == ')');
    return k + 3 == n && !memcmp(s + k, "、", 3);
}

/* How far a bracketed note that stays together may run, in bytes. */
#define NOTE_BYTES 240

/* 1 when the bracket just opened closes within the next NOTE_BYTES of [s, s+n). */
static int closes(const char *s, size_t n)
{
    int depth = 1, delta;
    if (n > NOTE_BYTES) n = NOTE_BYTES;
    for (size_t i = 0; i < n;) {
        size_t b = bracket_at(s + i, n - i, &delta);
        if (!b) { i++; continue; }
        depth += delta;
        if (depth <= 0) return 1;
        i += b;
    }
    return 0;
}

/* Units and measure words a figure may be glued to without being a separate cell. */
static int unit_follows(const char *s, size_t n)
{
    static const char *const units[] = {"元", "万", "亿", "千", "%", "％", "人", "个", "次", "年",
                                        "月", "日", "米", "平", "户", "家", "项", "份", "天", NULL};
    for (size_t i = 0; units[i]; i++) {
        size_t k = strlen(units[i]);
        if (n >= k && memcmp(s, units[i], k) == 0) return 1;
    }
    return 0;
}

/*
** Length of a grouped figure ("47,483,458", "3,498,000.00") at the start of
** [s, s+n) that is glued to at least two characters of text which are not a
** unit; 0 otherwise.
*/
static size_t glued_figure(const char *s, size_t n)
{
    size_t i = 0, groups = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i == 0 || i > 3) return 0;
    while (i + 4 <= n && s[i] == ',' && s[i + 1] >= '0' && s[i + 1] <= '9' && s[i + 2] >= '0' &&
           s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9') { i += 4; groups++; }
    if (!groups) return 0;
    if (i + 1 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    }
    if (i >= n || (unsigned char)s[i] < 0x80 || unit_follows(s + i, n - i)) return 0;
    return n - i >= 6 ? i : 0;   /* at least two CJK characters after it */
}

/* Append the plain text of [s, s+n) as a cell. */
/* The cells of a segment being split, and the display column each starts at. */
typedef struct runs {
    char **cells;
    int *xs;
    int count, cap;
} runs;

static void add_cell(runs *r, const char *s, size_t n, int x)
{
    char *raw = jx_strndup(s, n);
    char *plain = jx_text_plain(raw);
    free(raw);
    if (!plain[0]) { free(plain); return; }
    if (r->count == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 8;
        r->cells = jx_xrealloc(r->cells, (size_t)r->cap * sizeof *r->cells);
        r->xs = jx_xrealloc(r->xs, (size_t)r->cap * sizeof *r->xs);
    }
    r->xs[r->count] = x;
    r->cells[r->count++] = plain;
}

/*
** 1 when [s, s + n) is a comparison sign and a number alone: "≥60", "=100.00",
** "＜4.97" -- a target value whose unit an extractor may print one space
** apart ("≥60 万页", "≥3000 人次": a change of font, not of cell).
*/
static int signed_number(const char *s, size_t n)
{
    static const char *const signs[] = {"≥", "≤", "＞", "＜", "＝", "≧", "≦", ">=", "<=",
                                        ">", "<", "=", NULL};
    size_t k = 0;
    for (size_t i = 0; signs[i] && !k; i++)
        if (n > strlen(signs[i]) && !memcmp(s, signs[i], strlen(signs[i]))) k = strlen(signs[i]);
    if (!k) return 0;
    int digits = 0;
    for (size_t i = k; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') digits = 1;
        else if (s[i] != '.' && s[i] != ',') return 0;
    }
    return digits;
}

/*
** Bytes of the run at s when it is a unit: one to four characters, none a
** digit, a space or a bracket (万页, 人次, 元/页, 个工作日); else 0.
*/
static size_t unit_run(const char *s, size_t n)
{
    size_t i = 0;
    int chars = 0, delta;
    while (i < n && !space_at(s + i, n - i)) {
        if ((s[i] >= '0' && s[i] <= '9') || bracket_at(s + i, n - i, &delta)) return 0;
        unsigned char c = (unsigned char)s[i];
        i += c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (++chars > 5) return 0;
    }
    return i <= n ? i : 0;
}

/* 1 when [s, s + n) holds the string pat. */
static int holds(const char *s, size_t n, const char *pat)
{
    size_t k = strlen(pat);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(s + i, pat, k)) return 1;
    return 0;
}

/* The first byte of the UTF-8 character that ends at s + i (i > 0). */
static unsigned char lead_before(const char *s, size_t i)
{
    size_t k = i - 1;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
    return (unsigned char)s[k];
}

/*
** 1 when the one space at s + i is an extractor's spacing inside a cell, not
** a cell boundary: between a year and its 年 ("2025 年部门收入预算总表",
** "2025 年 1 月"), or -- on a line of running text (it has ， or 。) --
** between a digit and a CJK character ("不少于 60 万页，", "本部门 1 个预算单位").
*/
static int inner_space(const char *s, size_t n, size_t from, size_t i, int prose)
{
    if (i == 0 || i + 1 >= n || s[i] != ' ' || space_at(s + i + 1, n - i - 1)) return 0;
    unsigned char before = lead_before(s, i), after = (unsigned char)s[i + 1];
    int digit_before = before >= '0' && before <= '9', digit_after = after >= '0' && after <= '9';
    const char *next = s + i + 1;
    if (digit_before && (n - i - 1 >= 3 && !memcmp(next, "年", 3))) {
        size_t d = 0;
        while (d < i - from && s[i - 1 - d] >= '0' && s[i - 1 - d] <= '9') d++;
        if (d == 4 && d == i - from) return 1;   /* a year alone, then 年 */
    }
    /* the month or day of a date: "2024 年 12 月底前" (年, its number, then 月) */
    if (digit_before && n - i - 1 >= 3 && (!memcmp(next, "月", 3) || !memcmp(next, "日", 3))) {
        size_t d = 0;
        while (d < i - from && d < 3 && s[i - 1 - d] >= '0' && s[i - 1 - d] <= '9') d++;
        size_t k = i - d;
        if (k > from && s[k - 1] == ' ') k--;
        if (d >= 1 && d <= 2 && k >= from + 3 && (!memcmp(s + k - 3, "年", 3) || !memcmp(s + k - 3, "月", 3)))
            return 1;
    }
    /* a date range's second date: "2024 年 3 月至 2025 年 6 月" (one cell, 至 then a year) */
    if (digit_after && i >= 3 && !memcmp(s + i - 3, "至", 3)) {
        size_t k = i + 1, d = 0;
        while (k < n && s[k] >= '0' && s[k] <= '9') k++, d++;
        if (d == 4 && (k == n || s[k] == ' ' || (n - k >= 3 && !memcmp(s + k, "年", 3)))) return 1;
    }
    if (digit_after && i >= 3 && (!memcmp(s + i - 3, "年", 3) || !memcmp(s + i - 3, "月", 3))) {
        size_t k = i + 1;
        while (k < n && s[k] >= '0' && s[k] <= '9') k++;
        while (k < n && s[k] == ' ') k++;
        if (n - k >= 3 && (!memcmp(s + k, "月", 3) || !memcmp(s + k, "日", 3))) return 1;
    }
    /* an ideograph (U+4E00-U+9FFF), not punctuation: "。 2.新增…" is two items; a
       number of the text (60, 120.00, 2025), not an amount cell (2,400,000.00) */
    int ideo_before = before >= 0xE4 && before <= 0xE9, ideo_after = after >= 0xE4 && after <= 0xE9;
    if (!prose) return 0;
    if (digit_before && ideo_after) {
        size_t d = 0;
        while (d < i - from && ((s[i - 1 - d] >= '0' && s[i - 1 - d] <= '9') || s[i - 1 - d] == '.')) d++;
        return d <= 8 && (d == i - from || s[i - 1 - d] != ',');
    }
    if (ideo_before && digit_after) {
        size_t k = i + 1;
        while (k < n && ((s[k] >= '0' && s[k] <= '9') || s[k] == '.')) k++;
        return k - i - 1 <= 8 && (k == n || s[k] != ',');
    }
    return 0;
}

/* Step 3: the cells of one segment (starting at display column col) into *out. */
static void split_runs(const char *s, size_t n, int col, runs *out)
{
    int depth = 0;
    size_t from = 0, i = 0;
    int prose = holds(s, n, "，") || holds(s, n, "。");
    while (i <= n) {
        size_t sp = i < n ? space_at(s + i, n - i) : 0;
        if (sp == 1 && inner_space(s, n, from, i, prose)) {
            i += sp;
            continue;
        }
        /* "≥60 万页": one space between a target's number and its unit */
        if (sp == 1 && s[i] == ' ' && i + 1 < n && !space_at(s + i + 1, n - i - 1) &&
            signed_number(s + from, i - from) && unit_run(s + i + 1, n - i - 1)) {
            i += sp;
            continue;
        }
        if (i == n || (sp && depth <= 0 && !is_ordinal(s + from, i - from))) {
            const char *cell = s + from;
            size_t len = i - from;
            size_t fig;
            if (len && (fig = glued_figure(cell, len)) != 0) {
                add_cell(out, cell, fig, width_of(s, (size_t)(cell - s), col));
                cell += fig;
                len -= fig;
            }
            if (len) add_cell(out, cell, len, width_of(s, (size_t)(cell - s), col));
            if (i == n) break;
            while (i < n && (sp = space_at(s + i, n - i)) != 0) i += sp;
            from = i;
            depth = 0;
            continue;
        }
        int delta;
        size_t b = bracket_at(s + i, n - i, &delta);
        if (b) {
            /* a bracket that does not close on the line (a wrapped cell's
               first line: 预算执行数（元) keeps nothing together */
            if (delta < 0 || depth > 0 || closes(s + i + b, n - i - b)) depth += delta;
            i += b;
            continue;
        }
        i += sp ? sp : 1;
    }
}

/* Read the segments as rows of runs, each marked with flow. */
static jx_status read_flow(const char *text, size_t len, const char *file, jx_rows *rows,
                           jx_error *err, jx_flow flow)
{
    segs sg = {0};
    jx_status st = cut_segments(text, len, file, &sg, err);
    if (st == JX_OK) {
        drop_page_repeats(&sg);
        drop_page_numbers(&sg);
        for (size_t i = 0; i < sg.count; i++) {
            const seg *g = &sg.items[i];
            if (g->dropped) continue;
            runs rs = {0};
            split_runs(g->s, g->n, g->col, &rs);
            if (!rs.count) { free(rs.cells); free(rs.xs); continue; }
            jx_rows_push(rows, g->line, rs.cells, rs.count);
            jx_row *r = &rows->items[rows->count - 1];
            if (flow == JX_FLOW_LINES) {
                r->xs = rs.xs;
                r->nxs = rs.count;
            } else {
                free(rs.xs);
            }
            r->flow = flow;
            r->page = g->page;
            r->prose = rs.count == 1;
        }
    }
    free(sg.items);
    return st;
}

/*
** 1 when a line is padded to columns: indented by two spaces or more, or two
** runs apart by two spaces or more (a converter that keeps the columns pads
** cells; one that joins runs puts one space between them).
*/
static int padded_line(const char *s, size_t n)
{
    if (n >= 2 && s[0] == ' ' && s[1] == ' ') {
        size_t i = 0;
        while (i < n && s[i] == ' ') i++;
        return i < n;
    }
    for (size_t i = 1; i + 2 < n; i++)
        if (s[i] == ' ' && s[i + 1] == ' ' && s[i - 1] != ' ') {
            size_t j = i;
            while (j < n && s[j] == ' ') j++;
            if (j < n && s[j] != '\r') return 1;
        }
    return 0;
}

/*
** Share of lines holding three or more runs or padded to columns, in
** percent; -1 when the text
** is not plain lines (tabs or pipe tables) or too short to tell.
*/
/* Count one piece's non-blank lines and its tabular ones (tabs, a leading '|'). */
void jx_flow_tally(jx_layout_tally *t, const char *text, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + 1;
        if (memchr(line, '\t', n)) t->flow_tabular++;
        trim(&line, &n);
        if (!n) continue;
        t->flow_lines++;
        if (line[0] == '|') t->flow_tabular++;
    }
}

/* 1 when the counts make the text tabular or too short to tell (multi_run_share's -1). */
int jx_flow_tabular(const jx_layout_tally *t)
{
    return t->flow_lines < 10 || t->flow_tabular * 50 > t->flow_lines;
}

static int multi_run_share(const char *text, size_t len)
{
    size_t lines = 0, multi = 0, tabular = 0, pos = 0;
    /* First the cheap counts: tabular text (markdown, TSV) is refused without
       splitting a single line into runs, which dominated importing it. */
    jx_layout_tally t = {0};
    jx_flow_tally(&t, text, len);
    if (jx_flow_tabular(&t)) return -1;
    while (pos < len) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + 1;
        if (memchr(line, '\t', n)) tabular++;
        int padded = padded_line(line, n);
        trim(&line, &n);
        if (!n) continue;
        lines++;
        if (line[0] == '|') tabular++;
        if (padded) { multi++; continue; }
        runs rs = {0};
        split_runs(line, n, 0, &rs);
        for (int c = 0; c < rs.count; c++) free(rs.cells[c]);
        free(rs.cells);
        free(rs.xs);
        multi += rs.count >= 3;
    }
    if (lines < 10 || tabular * 50 > lines) return -1;
    return (int)(multi * 100 / lines);
}

/* One text run per line: plain lines, few of them holding several runs. */
int jx_runs_probe(const char *text, size_t len)
{
    int share = multi_run_share(text, len);
    return share >= 0 && share < 15 ? 55 : 0;
}

/* Layout-preserving lines: many lines hold several runs side by side, or are padded to columns. */
int jx_spaced_probe(const char *text, size_t len)
{
    int share = multi_run_share(text, len);
    return share >= 15 ? 70 : 0;
}

jx_status jx_runs_read(const char *text, size_t len, const char *file, jx_rows *rows,
                       jx_error *err)
{
    return read_flow(text, len, file, rows, err, JX_FLOW_RUNS);
}

jx_status jx_spaced_read(const char *text, size_t len, const char *file, jx_rows *rows,
                         jx_error *err)
{
    return read_flow(text, len, file, rows, err, JX_FLOW_LINES);
}
