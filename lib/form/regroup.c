/*
** regroup.c - table rows back from layouts that lost the columns.
**
** A PDF extractor's text (JX_FLOW_RUNS: one text run per line; JX_FLOW_LINES:
** layout-preserving lines) keeps the reading order of a table's cells but not
** its columns. Inside each form (from its title to the end of its indicator
** table) this file rebuilds the rows the form parser expects. Where the
** layout-preserving text kept the columns (cells padded with spaces to
** them, as pdftotext -layout leaves a ruled table) the column geometry
** decides: see "aligned columns" below. Otherwise every cell is placed by
** what it is, never by where it sits:
**
**   class     what it is
**   label     a header label the parser knows (项目名称, 其中：当年财政拨款 …)
**   annot     a bracketed note alone: "（元）", "(2024 年-2026 年)"; joins a label
**   outer     pieces of a vertical outer label (项目/绩效/目标, 绩效/指标): dropped
**   level 1/2 a framework term (成本指标, 社会效益指标), after rejoining its pieces
**   value     anything else: a header value, an indicator's name or target
**
** Rejoining pieces (both flows): a piece that is the start of a vocabulary
** term or page label, continued by later pieces within a few lines (a
** wrapped cell, possibly interleaved with its neighbours: 可持续影+响指标,
** 服务对象+满意度指+标, 社会效益+指标), becomes the term; a term found whole is
** not extended. Outer labels are page labels so rebuilt, and dropped.
**
** Header (label/value pairs):
**   RUNS  - a cell's lines follow each other: labels then the value pieces
**           after them. One label takes all its pieces; k labels in a row
**           (项目总体目标, 年度总体目标 above their two texts) share them:
**           amounts are cells of their own, a quoted text ("…") is one cell,
**           otherwise the pieces split at sentence ends; the last labels
**           take the cells, the first ones (outer labels: 项目资金（元）) none.
**   LINES - a line with labels is a row; values after a label on it are its
**           own. A wrapped cell prints centred on its row, so the value-only
**           lines around a row are the other lines of its cells: the lines
**           below a row mirror those above it, the rest belong to the next
**           row. A value-only line's pieces go, in order, to the row's labels
**           without a value; else to a label whose inline value is as long
**           as the piece (a full wrapped line). Value lines after the last
**           row belong to its labels without a value, as columns (quoted
**           texts close a column; single lines alternate between columns).
** Indicators (rows 一级 | 二级 | 三级 | 指标值, every level written out):
**   RUNS  - merged level cells print at the top of their block: a level
**           term starts a block; then a name, then its target; a level 2
**           with neither name nor target is a declared category left empty
**           (emitted as a row with name and target empty; lib/form/indicators.c
**           decides what it is). A level 1 repeated
**           after a page break continues the level 2 above. The words of
**           the level 2 just read, worded otherwise, are the row's name.
**   LINES - a line with values is a row: its last value the target, the
**           others its name. Merged level cells print centred in their
**           block, so each level label gets the rows around it: block j
**           starts after block j-1 and ends at 2p - start (p its position
**           in rows), never reaching the next label's row. A level 1 whose
**           block does not admit a row's level 2 (by the vocabulary) is left
**           out: the parser then infers it from the level 2.
** Invariants: rows outside forms are copied unchanged and in order; no text
** of a form is dropped except outer labels, page labels and a repeated
** indicator header; every emitted row keeps the line of its first piece.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "jixiao/fields.h"
#include "jixiao/util.h"
#include "jixiao/value.h"
#include "vocab.h"
#include "form.h"

enum cls { C_VALUE = 0, C_LABEL, C_ANNOT, C_OUTER, C_L1, C_L2, C_HEADER };

typedef struct piece {
    char *text;
    long line;      /* source line */
    int row;        /* index of the input row within the zone */
    int page;
    double pos;     /* row position (mean of rejoined fragments) */
    int cls;
    int used;
} piece;

typedef struct pieces {
    piece *items;
    size_t count, cap;
} pieces;

static void pieces_push(pieces *ps, const char *text, long line, int row, int page)
{
    if (ps->count == ps->cap) {
        ps->cap = ps->cap ? ps->cap * 2 : 64;
        ps->items = jx_xrealloc(ps->items, ps->cap * sizeof *ps->items);
    }
    ps->items[ps->count++] = (piece){jx_strdup(text), line, row, page, row, C_VALUE, 0};
}

static void pieces_free(pieces *ps)
{
    for (size_t i = 0; i < ps->count; i++) free(ps->items[i].text);
    free(ps->items);
    ps->items = NULL;
    ps->count = ps->cap = 0;
}

/* Emit a row of n cells (copies) to out. */
static void emit(jx_rows *out, long line, int n, const char *const *cells)
{
    char **c = jx_xmalloc((size_t)(n ? n : 1) * sizeof *c);
    for (int i = 0; i < n; i++) c[i] = jx_strdup(cells[i] ? cells[i] : "");
    jx_rows_push(out, line, c, n);
}

/* Drop the rows of out from the n-th on. */
static void rows_truncate(jx_rows *out, size_t n)
{
    while (out->count > n) {
        jx_row *r = &out->items[--out->count];
        for (int c = 0; c < r->ncells; c++) {
            free(r->cells[c]);
            if (r->keys) free(r->keys[c]);
        }
        free(r->cells);
        free(r->keys);
        free(r->xs);
    }
}

/* Copy a row as it is. */
static void copy_row(jx_rows *out, const jx_row *r)
{
    emit(out, r->line, r->ncells, (const char *const *)r->cells);
    jx_row *o = &out->items[out->count - 1];
    o->prose = r->prose;
    o->flow = r->flow;
    o->page = r->page;
}

/* ---- classes ---------------------------------------------------------- */

/* 1 when s is only a bracketed note: "（元）", "(2024 年-2026 年)". */
static int is_annot(const char *s)
{
    int open = jx_starts_with(s, "(") || jx_starts_with(s, "（");
    int close = jx_ends_with(s, ")") || jx_ends_with(s, "）");
    return open && close;
}

/* Level of a vocabulary term written whole (1, 2; 0 when none). */
static int term_level(const char *text)
{
    char *core = jx_vocab_core(text);
    int level = 0;
    for (size_t i = 0; jx_vocab[i].framework && !level; i++)
        if (strcmp(jx_vocab[i].core, core) == 0) level = jx_vocab[i].level;
    /* a level 1 that is also a level 2 somewhere (成本) counts as level 1 */
    for (size_t i = 0; jx_vocab[i].framework; i++)
        if (strcmp(jx_vocab[i].core, core) == 0 && jx_vocab[i].level == 1) level = 1;
    free(core);
    return level;
}

/*
** How a key relates to the dictionary of rejoinable words (vocabulary terms
** written with 指标/目标, page labels): 2 when it is one, 1 when it is the
** start of one, 0 otherwise.
*/
static int dict_match(const char *key)
{
    static const char *const suffixes[] = {"指标", "目标", ""};
    int prefix = 0;
    size_t n = strlen(key);

    for (size_t i = 0; jx_page_label_keys[i]; i++) {
        if (!strcmp(key, jx_page_label_keys[i])) return 2;
        if (!strncmp(key, jx_page_label_keys[i], n)) prefix = 1;
    }
    char buf[256];
    for (size_t i = 0; jx_vocab[i].framework; i++) {
        for (size_t s = 0; s < 3; s++) {
            snprintf(buf, sizeof buf, "%s%s", jx_vocab[i].core, suffixes[s]);
            if (!strcmp(key, buf) && suffixes[s][0]) return 2;
            if (!strncmp(key, buf, n) && strlen(buf) > n) prefix = 1;
        }
    }
    return prefix;
}

/*
** The same for the field table's labels, cut by a narrow cell (计划开始日 +
** 期): 2 for a label, 1 for the start of one of three characters or more
** (a lone 项目 stays an outer label's piece), 0 otherwise.
*/
static int label_match(const char *key)
{
    size_t n = strlen(key);
    int prefix = 0;
    for (int f = 0; f < JX_NFIELDS; f++)
        for (const char *const *l = jx_fields[f].labels; l && *l; l++) {
            if (!strcmp(key, *l)) return 2;
            if (n >= 9 && !strncmp(key, *l, n)) prefix = 1;
        }
    return prefix;
}

/* How many rows ahead a wrapped piece may continue. */
#define JOIN_WINDOW 4

/*
** Rejoin pieces of words split over lines (see the header comment). Pieces
** [from, to) of ps; a joined piece keeps the first fragment's place and the
** mean row of its fragments; the others are marked used.
*/
static void rejoin_terms(pieces *ps, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        piece *p = &ps->items[i];
        if (p->used) continue;
        char *key = jx_text_key(p->text);
        int (*match)(const char *) = dict_match;
        int m = dict_match(key);
        if (m != 1 && label_match(key) == 1) { match = label_match; m = 1; }
        if (m != 1 || strlen(key) > 60) { free(key); continue; }
        jx_buf text = {0};
        jx_buf_puts(&text, p->text);
        size_t took[8];
        int ntook = 0;
        double rows = p->row;
        int done = 0;
        for (size_t j = i + 1; j < to && ntook < 8 && !done; j++) {
            piece *q = &ps->items[j];
            if (q->used) continue;
            if (q->row - p->row > JOIN_WINDOW) break;
            char *qkey = jx_text_key(q->text);
            size_t klen = strlen(key), qlen = strlen(qkey);
            char *cand = jx_xmalloc(klen + qlen + 1);
            memcpy(cand, key, klen);
            memcpy(cand + klen, qkey, qlen + 1);
            int cm = match(cand);
            free(qkey);
            if (cm) {
                free(key);
                key = cand;
                jx_buf_puts(&text, q->text);
                took[ntook++] = j;
                rows += q->row;
                if (cm == 2) done = 1;
            } else {
                free(cand);
            }
        }
        if (done) {
            for (int t = 0; t < ntook; t++) ps->items[took[t]].used = 1;
            free(p->text);
            p->text = jx_buf_take(&text);
            p->pos = rows / (ntook + 1);
        }
        jx_buf_free(&text);
        free(key);
    }
}

/*
** A label whose note wraps (项目总目标（2024 年- / 2025 年）): a piece that is a
** field label and an opened bracket takes the next pieces, within a few rows,
** up to the one that closes it.
*/
static void rejoin_notes(pieces *ps, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        piece *p = &ps->items[i];
        if (p->used) continue;
        char *key = jx_text_key(p->text);
        char *open = strchr(key, '(');
        int label = 0;
        if (open && !strchr(open, ')')) {
            *open = '\0';
            label = label_match(key) == 2;
        }
        free(key);
        if (!label) continue;
        size_t took[4];
        int ntook = 0, closed = 0;
        for (size_t j = i + 1; j < to && ntook < 4 && !closed; j++) {
            piece *q = &ps->items[j];
            if (q->used) continue;
            if (q->row - p->row > JOIN_WINDOW) break;
            char *qkey = jx_text_key(q->text);
            int shortp = strlen(qkey) <= 3 * 12 && !strchr(qkey, '(');   /* 12 wide characters */
            closed = shortp && strchr(qkey, ')') != NULL;   /* closed only by a piece it takes */
            free(qkey);
            if (!shortp) break;
            took[ntook++] = j;
        }
        if (!closed) continue;
        jx_buf b = {0};
        jx_buf_puts(&b, p->text);
        for (int t = 0; t < ntook; t++) {
            jx_buf_puts(&b, ps->items[took[t]].text);
            ps->items[took[t]].used = 1;
        }
        free(p->text);
        p->text = jx_buf_take(&b);
    }
}

/* 1 when a key is a page label (绩效指标, 项目绩效目标). */
static int is_page_label(const char *text)
{
    char *key = jx_text_key(text);
    int r = jx_key_listed(key, jx_page_label_keys);
    free(key);
    return r;
}

/* Class every unused piece of [from, to) in the header (1) or the indicator table (0). */
static void classify(pieces *ps, size_t from, size_t to, int header)
{
    for (size_t i = from; i < to; i++) {
        piece *p = &ps->items[i];
        if (p->used) continue;
        if (is_page_label(p->text)) p->cls = C_OUTER;
        else if (header && jx_form_is_label(p->text)) p->cls = C_LABEL;
        else if (header && is_annot(p->text)) p->cls = C_ANNOT;
        else if (!header) {
            int level = term_level(p->text);
            p->cls = level == 1 ? C_L1 : level == 2 ? C_L2 : C_VALUE;
        }
    }
}

/* ---- joining text ----------------------------------------------------- */

/* 1 when the byte is an ASCII letter or digit. */
static int alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Append a wrapped line's text to b: no space, except between ASCII words. */
static void join_into(jx_buf *b, const char *s)
{
    if (b->len && alnum(b->data[b->len - 1]) && alnum(s[0])) jx_buf_putc(b, ' ');
    jx_buf_puts(b, s);
}

/* A cell's text from its wrapped lines, enclosing ASCII quotes of a multi-line cell removed. */
static char *cell_text(jx_buf *b)
{
    char *s = jx_buf_take(b);
    size_t n = strlen(s);
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        memmove(s, s + 1, n - 2);
        s[n - 2] = '\0';
    }
    return s;
}

/* ---- header ----------------------------------------------------------- */

typedef struct slot {
    size_t label;       /* piece index of the label */
    jx_buf annot;       /* its bracketed notes */
    jx_buf above, inl, below;
    int nabove, ninl, nbelow;
    long line;
} slot;

typedef struct slots {
    slot *items;
    size_t count, cap;
} slots;

static slot *slot_add(slots *ss, size_t label, long line)
{
    if (ss->count == ss->cap) {
        ss->cap = ss->cap ? ss->cap * 2 : 32;
        ss->items = jx_xrealloc(ss->items, ss->cap * sizeof *ss->items);
    }
    slot *s = &ss->items[ss->count++];
    memset(s, 0, sizeof *s);
    s->label = label;
    s->line = line;
    return s;
}

/* Emit [label annot, value] for every slot, and free them. */
static void emit_slots(jx_rows *out, const pieces *ps, slots *ss)
{
    for (size_t i = 0; i < ss->count; i++) {
        slot *s = &ss->items[i];
        jx_buf label = {0};
        jx_buf_puts(&label, ps->items[s->label].text);
        if (s->annot.len) jx_buf_append(&label, s->annot.data, s->annot.len);
        jx_buf value = {0};
        if (s->above.len) join_into(&value, s->above.data);
        if (s->inl.len) join_into(&value, s->inl.data);
        if (s->below.len) join_into(&value, s->below.data);
        char *l = jx_buf_take(&label);
        char *v = value.len ? cell_text(&value) : NULL;
        const char *cells[2] = {l, v};
        emit(out, s->line, v ? 2 : 1, cells);
        free(l);
        free(v);
        jx_buf_free(&value);
        jx_buf_free(&s->annot);
        jx_buf_free(&s->above);
        jx_buf_free(&s->inl);
        jx_buf_free(&s->below);
    }
    free(ss->items);
    ss->items = NULL;
    ss->count = ss->cap = 0;
}

/* 1 when a text is a money amount (a cell of its own, never wrapped). */
static int is_amount(const char *s)
{
    long long fen;
    return jx_money_parse(s, 1, &fen);
}

/* 1 when a wrapped line ends a sentence (a cell may end after it). */
static int ends_sentence(const char *s)
{
    static const char *const ends[] = {"。", "；", ";", "！", "？", "\"", "”", NULL};
    for (size_t i = 0; ends[i]; i++)
        if (jx_ends_with(s, ends[i])) return 1;
    return 0;
}

/* Display width of a wide character (CJK), as jx_text_width counts it. */
#define WIDE_WIDTH 2

/* Display length of a text in characters (UTF-8 lead bytes). */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/*
** Split value pieces v[0..n) into at most k cells: returns the count and
** the start index of each cell in starts[]. Amounts are cells of their own;
** a quoted text runs to its closing quote; with fewer cells than k, texts
** split at sentence ends where the line width changes most.
*/
static int split_cells(piece *const *v, int n, int k, int *starts)
{
    int count = 0;
    int inquote = 0;
    for (int i = 0; i < n; i++) {
        const char *t = v[i]->text;
        int boundary = i == 0;
        if (!boundary && !inquote) {
            boundary = is_amount(t) || is_amount(v[i - 1]->text) || t[0] == '"' ||
                       jx_ends_with(v[i - 1]->text, "\"");
        }
        if (boundary) starts[count++] = i;
        if (t[0] == '"' && !(strlen(t) > 1 && jx_ends_with(t, "\"")) && !inquote) inquote = 1;
        else if (inquote && jx_ends_with(t, "\"")) inquote = 0;
    }
    if (count < k && count == 1 && n > 1) {
        /* one text for several labels: cut at the sentence end where widths change most */
        int best = -1;
        long bestscore = -1;
        for (int i = 1; i < n; i++) {
            if (!ends_sentence(v[i - 1]->text)) continue;
            size_t w1 = 0, w2 = 0;
            for (int j = 0; j < i; j++) if (chars(v[j]->text) > w1) w1 = chars(v[j]->text);
            for (int j = i; j < n; j++) if (chars(v[j]->text) > w2) w2 = chars(v[j]->text);
            long score = labs((long)w1 - (long)w2);
            if (score > bestscore) { bestscore = score; best = i; }
        }
        if (best > 0) starts[count++] = best;
    }
    return count;
}

/* Header of a RUNS form: label runs and the value pieces after them. */
static void header_runs(pieces *ps, size_t from, size_t to, jx_rows *out)
{
    slots ss = {0};
    size_t i = from;
    piece **v = jx_xmalloc((to - from + 1) * sizeof *v);
    int *starts = jx_xmalloc((to - from + 1) * sizeof *starts);
    while (i < to) {
        size_t first = ss.count;
        while (i < to && (ps->items[i].used || ps->items[i].cls == C_LABEL ||
                          ps->items[i].cls == C_ANNOT || ps->items[i].cls == C_OUTER)) {
            piece *p = &ps->items[i];
            if (!p->used && p->cls == C_LABEL) slot_add(&ss, i, p->line);
            else if (!p->used && p->cls == C_ANNOT && ss.count > first)
                jx_buf_puts(&ss.items[ss.count - 1].annot, p->text);
            i++;
        }
        int n = 0;
        while (i < to && (ps->items[i].used || ps->items[i].cls == C_VALUE)) {
            if (!ps->items[i].used) v[n++] = &ps->items[i];
            i++;
        }
        int k = (int)(ss.count - first);
        if (k == 0 || n == 0) continue;
        starts[0] = 0;
        int ncells = k == 1 ? 1 : split_cells(v, n, k, starts);
        if (ncells > k) ncells = k;
        starts[ncells] = n;
        for (int c = 0; c < ncells; c++) {
            slot *s = &ss.items[first + (size_t)(k - ncells + c)];
            int end = c + 1 < ncells ? starts[c + 1] : n;
            for (int j = starts[c]; j < end; j++) join_into(&s->inl, v[j]->text);
        }
    }
    free(v);
    free(starts);
    emit_slots(out, ps, &ss);
}

/* A line of a LINES header: its pieces [first, last) and its slots. */
typedef struct hline {
    size_t first, last;
    int main;           /* holds labels */
    size_t slot0, nslots;
} hline;

/* Give the value pieces of one line to the slots [s0, s0+n) of a row; where: 0 above, 2 below. */
static void distribute(pieces *ps, const hline *ln, slots *ss, size_t s0, size_t n, int where)
{
    piece *v[64];
    int m = 0;
    for (size_t i = ln->first; i < ln->last && m < 64; i++)
        if (!ps->items[i].used && ps->items[i].cls == C_VALUE) v[m++] = &ps->items[i];
    if (!m || !n) return;
    size_t target[64];
    size_t nvalueless = 0, valueless[64];
    for (size_t k = 0; k < n && nvalueless < 64; k++)
        if (!ss->items[s0 + k].ninl) valueless[nvalueless++] = s0 + k;
    if ((size_t)m == nvalueless) {
        for (int j = 0; j < m; j++) target[j] = valueless[j];
    } else if ((size_t)m == n) {
        for (int j = 0; j < m; j++) target[j] = s0 + (size_t)j;
    } else if ((size_t)m < nvalueless) {
        for (int j = 0; j < m; j++) target[j] = valueless[j];
    } else {
        /* a full wrapped line beside its row's inline part: match by width */
        for (int j = 0; j < m; j++) {
            size_t best = s0;
            long bestd = -1;
            for (size_t k = 0; k < n; k++) {
                slot *s = &ss->items[s0 + k];
                long d;
                if (where == 2 && s->nabove) d = 0;
                else if (s->ninl) d = labs((long)chars(s->inl.data) - (long)chars(v[j]->text)) + 1;
                else d = 1000;
                if (bestd < 0 || d < bestd) { bestd = d; best = s0 + k; }
            }
            target[j] = best;
        }
    }
    for (int j = 0; j < m; j++) {
        slot *s = &ss->items[target[j]];
        if (where == 0) { join_into(&s->above, v[j]->text); s->nabove++; }
        else { join_into(&s->below, v[j]->text); s->nbelow++; }
        v[j]->used = 1;
    }
}

/*
** Two columns of unquoted text after the last row, one line at a time: an
** extractor prints two wrapped cells side by side either interleaved (their
** lines alternate) or one after the other (pdftotext -raw). Alternating is
** the reading unless it leaves a column ending mid-sentence while a cut at
** a sentence end leaves both whole: then the lines up to that end are the
** first column's. The lines of a wrapped cell but its last are full (as wide
** as its first, short by less than one wide character the line could not
** hold), and a sentence end inside a cell ends a line only where the line is
** full: the cut is the first sentence end on a line short of the first
** line's width, or the only sentence end before the last line. 1 when so read.
*/
static int sequential_columns(pieces *ps, const hline *lines, size_t from, size_t to,
                              slots *ss, const size_t *cols, size_t ncols)
{
    piece *v[64];
    size_t m = 0;
    if (ncols != 2) return 0;
    for (size_t l = from; l < to; l++) {
        size_t k = 0;
        for (size_t i = lines[l].first; i < lines[l].last; i++) {
            piece *p = &ps->items[i];
            if (p->used || p->cls != C_VALUE) continue;
            if (k++ || m == 64 || p->text[0] == '"') return 0;
            v[m++] = p;
        }
    }
    if (m < 3 || !ends_sentence(v[m - 1]->text)) return 0;
    size_t last0 = (m - 1) / 2 * 2, last1 = m % 2 ? m - 2 : m - 1;   /* alternating: the columns' last lines */
    if (ends_sentence(v[last0]->text) && ends_sentence(v[last1]->text)) return 0;
    /* the first column's cell ends at a sentence end: the first one on a line
       short of the column's full width (a sentence end inside a cell ends a
       line only where the line is full), or the only one */
    size_t cut = 0, ncut = 0, only = 0;
    int full = jx_text_width(v[0]->text, strlen(v[0]->text), 0);
    for (size_t j = 1; j < m && !cut; j++) {
        if (!ends_sentence(v[j - 1]->text)) continue;
        ncut++;
        only = j;
        if (j > 1 && jx_text_width(v[j - 1]->text, strlen(v[j - 1]->text), 0) + WIDE_WIDTH < full) cut = j;
    }
    if (!cut && ncut == 1) cut = only;
    if (!cut) return 0;
    for (size_t j = 0; j < m; j++) {
        slot *s = &ss->items[cols[j < cut ? 0 : 1]];
        join_into(&s->below, v[j]->text);
        s->nbelow++;
        v[j]->used = 1;
    }
    return 1;
}

/* Value lines after the last row: columns of its labels without a value. */
static void trailing_columns(pieces *ps, const hline *lines, size_t from, size_t to,
                             slots *ss, const size_t *cols, size_t ncols)
{
    if (!ncols) return;
    if (sequential_columns(ps, lines, from, to, ss, cols, ncols)) return;
    int closed[16] = {0}, quoted[16] = {0}, started[16] = {0};
    size_t alt = 0;
    if (ncols > 16) ncols = 16;
    for (size_t l = from; l < to; l++) {
        piece *v[64];
        size_t m = 0;
        for (size_t i = lines[l].first; i < lines[l].last && m < 64; i++)
            if (!ps->items[i].used && ps->items[i].cls == C_VALUE) v[m++] = &ps->items[i];
        if (!m) continue;
        size_t open[16], nopen = 0;
        for (size_t c = 0; c < ncols; c++) if (!closed[c]) open[nopen++] = c;
        if (!nopen) { open[0] = ncols - 1; nopen = 1; }
        for (size_t j = 0; j < m; j++) {
            size_t c;
            if (m >= nopen) c = open[j < nopen ? j : nopen - 1];
            else { c = open[alt % nopen]; alt++; }
            slot *s = &ss->items[cols[c]];
            const char *t = v[j]->text;
            if (!started[c] && t[0] == '"') quoted[c] = 1;
            else if (quoted[c] && jx_ends_with(t, "\"")) closed[c] = 1;
            if (!started[c] && quoted[c] && strlen(t) > 1 && jx_ends_with(t, "\"")) closed[c] = 1;
            started[c] = 1;
            join_into(&s->below, t);
            s->nbelow++;
            v[j]->used = 1;
        }
        if (m >= nopen) alt = 0;
    }
}

/* 1 when a line of a LINES header still holds a value piece. */
static int value_line(const pieces *ps, const hline *ln)
{
    for (size_t i = ln->first; i < ln->last; i++)
        if (!ps->items[i].used && ps->items[i].cls == C_VALUE) return 1;
    return 0;
}

/* Header of a LINES form: rows of labels, their wrapped lines around them. */
static void header_lines(pieces *ps, size_t from, size_t to, jx_rows *out)
{
    slots ss = {0};
    size_t nlines = 0;
    hline *lines = jx_xcalloc(to - from + 1, sizeof *lines);
    for (size_t i = from; i < to;) {
        hline *ln = &lines[nlines++];
        ln->first = i;
        int row = ps->items[i].row;
        while (i < to && ps->items[i].row == row) i++;
        ln->last = i;
    }
    /* labels, inline values and notes */
    size_t last_valued = 0;
    for (size_t l = 0; l < nlines; l++) {
        hline *ln = &lines[l];
        ln->slot0 = ss.count;
        /*
        ** A value before a line's first label is the last cell of a wrapped
        ** label whose own lines end just above (计划开始日 / 期, then 2025-01-01
        ** 计划完成日期 …): it belongs to the last label without a value when
        ** that label closes the line above, and nothing else lies between.
        */
        int has_label = 0;
        for (size_t i = ln->first; i < ln->last; i++)
            has_label |= !ps->items[i].used && ps->items[i].cls == C_LABEL;
        if (has_label && l > 0 && ss.count > 0 && !ss.items[ss.count - 1].ninl) {
            slot *s = &ss.items[ss.count - 1];
            size_t after = s->label + 1, i = ln->first;
            int between = 0;
            for (size_t q = after; q < ln->first; q++) between |= !ps->items[q].used;
            for (; !between && i < ln->last && !ps->items[i].used && ps->items[i].cls == C_VALUE; i++) {
                join_into(&s->inl, ps->items[i].text);
                s->ninl++;
                ps->items[i].used = 1;
                last_valued = ss.count;
            }
        }
        for (size_t i = ln->first; i < ln->last; i++) {
            piece *p = &ps->items[i];
            if (p->used || p->cls == C_OUTER) continue;
            if (p->cls == C_LABEL) { slot_add(&ss, i, p->line); ln->main = 1; }
            else if (p->cls == C_ANNOT) {
                /* the earliest label without a value since the last one with a value */
                slot *to_slot = NULL;
                for (size_t k = last_valued; k < ss.count; k++)
                    if (!ss.items[k].ninl && !ss.items[k].annot.len) { to_slot = &ss.items[k]; break; }
                for (size_t k = ss.count; !to_slot && k-- > 0;)
                    if (!ss.items[k].ninl && !ss.items[k].annot.len) to_slot = &ss.items[k];
                if (to_slot) jx_buf_puts(&to_slot->annot, p->text);
                p->used = 1;
            } else if (ln->main && ss.count > ln->slot0) {
                slot *s = &ss.items[ss.count - 1];
                join_into(&s->inl, p->text);
                s->ninl++;
                p->used = 1;
                last_valued = ss.count;
            }
        }
        ln->nslots = ss.count - ln->slot0;
    }
    /* value lines around each row */
    size_t prev = (size_t)-1, pending = 0;
    int prev_above = 0;
    for (size_t l = 0; l <= nlines; l++) {
        if (l < nlines && !lines[l].main) continue;
        /* lines (pending, l) are value lines between row prev and row l */
        size_t first = prev == (size_t)-1 ? 0 : prev + 1;
        size_t below = 0;
        /*
        ** The lines cannot be row l's upper lines when too few value lines
        ** follow l to mirror them (a cell prints centred); if row prev has a
        ** label still without a value and no lines above, they are that
        ** label's cell printed after it (pdftotext -raw: 实施单位, then its
        ** two lines, then 主管部门 广州市…).
        */
        if (l < nlines && prev != (size_t)-1 && prev_above == 0) {
            size_t nvals = 0, after = 0, valueless = 0;
            for (size_t k = first; k < l; k++) nvals += value_line(ps, &lines[k]);
            for (size_t k = l + 1; k < nlines && !lines[k].main; k++) after += value_line(ps, &lines[k]);
            for (size_t s = 0; s < lines[prev].nslots; s++)
                valueless += !ss.items[lines[prev].slot0 + s].ninl;
            if (nvals && valueless && after < nvals) prev_above = (int)nvals;
        }
        for (size_t k = first; k < l; k++) {
            int values = 0;
            for (size_t i = lines[k].first; i < lines[k].last; i++)
                values |= !ps->items[i].used && ps->items[i].cls == C_VALUE;
            if (!values) continue;
            if (prev != (size_t)-1 && (int)below < prev_above) {
                distribute(ps, &lines[k], &ss, lines[prev].slot0, lines[prev].nslots, 2);
                below++;
            } else if (l < nlines) {
                distribute(ps, &lines[k], &ss, lines[l].slot0, lines[l].nslots, 0);
            } else {
                /* after the last row: the columns of the labels still without a value */
                size_t cols[16], ncols = 0;
                for (size_t s = last_valued; s < ss.count && ncols < 16; s++)
                    if (!ss.items[s].ninl && !ss.items[s].nabove) cols[ncols++] = s;
                trailing_columns(ps, lines, k, l, &ss, cols, ncols);
                break;
            }
        }
        if (l < nlines) {
            int above = 0;
            for (size_t s = 0; s < lines[l].nslots; s++)
                if (ss.items[lines[l].slot0 + s].nabove > above)
                    above = ss.items[lines[l].slot0 + s].nabove;
            prev_above = above;
            prev = l;
        }
        (void)pending;
    }
    free(lines);
    emit_slots(out, ps, &ss);
}

/* ---- indicators ------------------------------------------------------- */

typedef struct irow {
    char *l1, *l2, *name, *target;
    long line;
    double pos;     /* LINES: the row's place among the lines */
    int empty;      /* a declared category left empty */
} irow;

typedef struct irows {
    irow *items;
    size_t count, cap;
} irows;

static irow *irow_add(irows *rs, long line, double pos)
{
    if (rs->count == rs->cap) {
        rs->cap = rs->cap ? rs->cap * 2 : 32;
        rs->items = jx_xrealloc(rs->items, rs->cap * sizeof *rs->items);
    }
    irow *r = &rs->items[rs->count++];
    memset(r, 0, sizeof *r);
    r->line = line;
    r->pos = pos;
    return r;
}

static void emit_irows(jx_rows *out, irows *rs)
{
    for (size_t i = 0; i < rs->count; i++) {
        irow *r = &rs->items[i];
        const char *cells[4] = {r->l1, r->l2, r->name, r->target};
        emit(out, r->line, 4, cells);
        free(r->l1); free(r->l2); free(r->name); free(r->target);
    }
    free(rs->items);
    rs->items = NULL;
    rs->count = rs->cap = 0;
}

static char *dup_or_null(const char *s)
{
    return s ? jx_strdup(s) : NULL;
}

/* Indicators of a RUNS table: blocks start at their level terms. */
/* 1 when piece i is the only one left on its line. */
static int alone(const pieces *ps, size_t from, size_t to, size_t i)
{
    for (size_t k = from; k < to; k++)
        if (k != i && !ps->items[k].used && ps->items[k].row == ps->items[i].row) return 0;
    return 1;
}

static void indicators_runs(pieces *ps, size_t from, size_t to, jx_rows *out)
{
    irows rs = {0};
    /* cells joined on a line where they fit (pdftotext -raw): a piece alone on its
       line is then a wrapped cell's line, not a cell (one run per line has none) */
    int joined = 0;
    for (size_t i = from; i + 1 < to && !joined; i++)
        joined = !ps->items[i].used && !ps->items[i + 1].used && ps->items[i].row == ps->items[i + 1].row &&
                 ps->items[i].cls != C_HEADER && ps->items[i + 1].cls == C_VALUE;
    int cur_row = -1;   /* the line of cur's name, when alone on it */
    const char *l1 = NULL, *l2 = NULL;
    int l2_used = 1;      /* the carried level 2 has rows */
    irow *cur = NULL;     /* the row being read (has a name) */
    for (size_t i = from; i < to; i++) {
        piece *p = &ps->items[i];
        if (p->used || p->cls == C_OUTER || p->cls == C_HEADER) continue;
        if (p->cls == C_L2 && l2 && !l2_used && strcmp(p->text, l2)) {
            /* the words of the level 2 just read, worded otherwise: the name (服务对象满意度) */
            char *a = jx_vocab_core(l2), *b = jx_vocab_core(p->text);
            if (!strcmp(a, b)) p->cls = C_VALUE;
            free(a);
            free(b);
        }
        if (p->cls == C_L1 || p->cls == C_L2) {
            cur = NULL;
            if (!l2_used && l2) {   /* the level 2 before had no row: declared, left empty */
                irow *e = irow_add(&rs, p->line, 0);
                e->l1 = dup_or_null(l1);
                e->l2 = jx_strdup(l2);
                e->empty = 1;
            }
            if (p->cls == C_L1) {
                /* a level 1 repeated at the top of a page continues the level 2 above */
                int repeat = l1 && i > from && ps->items[i - 1].page != p->page;
                if (repeat) {
                    char *a = jx_vocab_core(l1), *b = jx_vocab_core(p->text);
                    repeat = !strcmp(a, b);
                    free(a);
                    free(b);
                }
                l1 = p->text;
                if (!repeat) { l2 = NULL; l2_used = 1; }
            } else {
                l2 = p->text;
                l2_used = 0;
            }
            continue;
        }
        if (joined && cur && !cur->target && cur_row >= 0 && p->row == cur_row + 1 && alone(ps, from, to, i)) {
            /* 楼本体节能改造面 / 积 / ≥12 万平方米: a name's next line, when a value alone
               on the line after it follows (the target) */
            size_t q = i + 1;
            while (q < to && (ps->items[q].used || ps->items[q].cls == C_OUTER)) q++;
            jx_value val;
            jx_value_parse(p->text, &val);
            if (val.kind != JX_KIND_QUANTITATIVE && q < to && ps->items[q].cls == C_VALUE &&
                ps->items[q].row == p->row + 1 && alone(ps, from, to, q)) {
                jx_buf name = {0};
                jx_buf_puts(&name, cur->name);
                join_into(&name, p->text);
                free(cur->name);
                cur->name = jx_buf_take(&name);
                cur_row = p->row;
                continue;
            }
        }
        if (!cur || cur->target) {
            cur_row = alone(ps, from, to, i) ? p->row : -1;
            cur = irow_add(&rs, p->line, 0);
            cur->l1 = dup_or_null(l1);
            cur->l2 = dup_or_null(l2);
            cur->name = jx_strdup(p->text);
            l2_used = 1;
        } else {
            cur->target = jx_strdup(p->text);
        }
    }
    if (!l2_used && l2) {
        irow *e = irow_add(&rs, to > from ? ps->items[to - 1].line : 0, 0);
        e->l1 = dup_or_null(l1);
        e->l2 = jx_strdup(l2);
        e->empty = 1;
    }
    emit_irows(out, &rs);
}

/* A level label of a LINES table and its place among the rows. */
typedef struct label {
    const char *text;
    double p;
} label;

/* Row position of a line position x, given the lines of the rows (ascending). */
static double row_place(double x, const irows *rs)
{
    if (!rs->count) return 0;
    if (x <= rs->items[0].pos) return 0;
    for (size_t i = 0; i + 1 < rs->count; i++) {
        if (x == rs->items[i].pos) return (double)i;
        if (x < rs->items[i + 1].pos) {
            /* nearer one row than the midpoint: that row */
            double a = rs->items[i].pos, b = rs->items[i + 1].pos;
            double t = (x - a) / (b - a);
            return t < 0.34 ? (double)i : t > 0.66 ? (double)(i + 1) : i + 0.5;
        }
    }
    return (double)(rs->count - 1);
}

/* Give each row the label whose centred block holds it; which[] gets label indexes, -1 none. */
static void blocks(const label *ls, size_t n, size_t nrows, int *which)
{
    for (size_t r = 0; r < nrows; r++) which[r] = -1;
    long s = 0;
    for (size_t j = 0; j < n && s < (long)nrows; j++) {
        double p = ls[j].p;
        long e = (long)llround(2 * p - (double)s);
        long emin = (long)ceil(p);
        long emax = j + 1 < n ? (long)floor(ls[j + 1].p) - 1 : (long)nrows - 1;
        if (e > emax) e = emax;
        if (e < emin) e = emin;
        if (e >= (long)nrows) e = (long)nrows - 1;
        for (long r = s; r <= e; r++) which[r] = (int)j;
        s = e + 1;
    }
}

/* Indicators of a LINES table: rows are lines with values; levels centred on their blocks. */
static void indicators_lines(pieces *ps, size_t from, size_t to, jx_rows *out)
{
    irows rs = {0};
    size_t n1 = 0, n2 = 0, cap = to - from + 1;
    label *l1s = jx_xmalloc(cap * sizeof *l1s), *l2s = jx_xmalloc(cap * sizeof *l2s);
    /* rows: lines with values */
    for (size_t i = from; i < to;) {
        int row = ps->items[i].row;
        size_t j = i, nv = 0;
        piece *v[64];
        for (; j < to && ps->items[j].row == row; j++)
            if (!ps->items[j].used && ps->items[j].cls == C_VALUE && nv < 64) v[nv++] = &ps->items[j];
        if (nv >= 2) {
            irow *r = irow_add(&rs, v[0]->line, row);
            jx_buf name = {0};
            for (size_t k = 0; k + 1 < nv; k++) {
                if (name.len) jx_buf_putc(&name, ' ');
                jx_buf_puts(&name, v[k]->text);
            }
            r->name = jx_buf_take(&name);
            r->target = jx_strdup(v[nv - 1]->text);
        } else if (nv == 1) {
            jx_value val;
            jx_value_parse(v[0]->text, &val);
            irow *prev = rs.count ? &rs.items[rs.count - 1] : NULL;
            if (prev && !prev->target && val.kind == JX_KIND_QUANTITATIVE) {
                prev->target = jx_strdup(v[0]->text);
            } else if (prev && prev->target && row - prev->pos <= 1 && val.kind != JX_KIND_QUANTITATIVE) {
                /* the next line of a wrapped name */
                jx_buf name = {0};
                jx_buf_puts(&name, prev->name);
                join_into(&name, v[0]->text);
                free(prev->name);
                prev->name = jx_buf_take(&name);
            } else {
                irow *r = irow_add(&rs, v[0]->line, row);
                r->name = jx_strdup(v[0]->text);
            }
        }
        i = j;
    }
    for (size_t i = from; i < to; i++) {
        piece *p = &ps->items[i];
        if (p->used) continue;
        if (p->cls == C_L1) l1s[n1++] = (label){p->text, p->pos};
        else if (p->cls == C_L2) l2s[n2++] = (label){p->text, p->pos};
    }
    for (size_t j = 0; j < n1; j++) l1s[j].p = row_place(l1s[j].p, &rs);
    for (size_t j = 0; j < n2; j++) l2s[j].p = row_place(l2s[j].p, &rs);
    int *w1 = jx_xmalloc((rs.count + 1) * sizeof *w1), *w2 = jx_xmalloc((rs.count + 1) * sizeof *w2);
    blocks(l1s, n1, rs.count, w1);
    blocks(l2s, n2, rs.count, w2);
    for (size_t r = 0; r < rs.count; r++) {
        irow *row = &rs.items[r];
        if (w2[r] >= 0) row->l2 = jx_strdup(l2s[w2[r]].text);
        if (w1[r] >= 0) {
            int fits = 1;
            if (row->l2) {
                char *c1 = jx_vocab_core(l1s[w1[r]].text), *c2 = jx_vocab_core(row->l2);
                int known = 0;
                fits = 0;
                for (size_t i = 0; jx_vocab[i].framework; i++) {
                    if (jx_vocab[i].level != 2 || strcmp(jx_vocab[i].core, c2)) continue;
                    known = 1;
                    if (!strcmp(jx_vocab[i].parent, c1)) fits = 1;
                }
                if (!known) fits = 1;
                free(c1);
                free(c2);
            }
            if (fits) row->l1 = jx_strdup(l1s[w1[r]].text);
        }
    }
    free(w1);
    free(w2);
    free(l1s);
    free(l2s);
    emit_irows(out, &rs);
}

/* ---- zones ------------------------------------------------------------ */

/* Keys of an indicator table header's cells (年度(/项目)指标值 too, not a goal's text). */
static int header_word(const char *text)
{
    char *key = jx_text_key(text);
    jx_table_heading h = jx_vocab_heading(key);
    int r = h == JX_HEADING_LEVEL1 || h == JX_HEADING_LEVEL || h == JX_HEADING_TARGET;
    free(key);
    return r;
}

/*
** The indicator header starting at row i (one row, or in RUNS a few rows of
** header words): returns the number of rows it spans, 0 when none. *hdr
** gets the header as one row (the caller frees its cells).
*/
static size_t find_header(const jx_rows *rows, size_t i, size_t end, char ***hdr, int *nhdr)
{
    size_t k = i;
    int n = 0;
    while (k < end && k - i < 8) {
        const jx_row *r = &rows->items[k];
        int all = r->ncells > 0;
        for (int c = 0; c < r->ncells; c++) all &= header_word(r->cells[c]);
        if (!all) break;
        n += r->ncells;
        k++;
    }
    if (k == i) return 0;
    char **cells = jx_xmalloc((size_t)n * sizeof *cells);
    int m = 0;
    for (size_t j = i; j < k; j++)
        for (int c = 0; c < rows->items[j].ncells; c++) cells[m++] = rows->items[j].cells[c];
    jx_row tmp = {.line = rows->items[i].line, .ncells = n, .cells = cells};
    int ok = jx_form_is_table_header(&tmp);
    if (tmp.keys) { for (int c = 0; c < n; c++) free(tmp.keys[c]); free(tmp.keys); }
    if (!ok) { free(cells); return 0; }
    *hdr = cells;
    *nhdr = n;
    return k - i;
}

/* 1 when a one-cell row is running text that ends an indicator table. */
static int ends_table(const jx_row *r)
{
    if (r->ncells != 1) return 0;
    const char *s = r->cells[0];
    return chars(s) >= 25 && (strstr(s, "，") || strstr(s, "。"));
}

/* Collect the pieces of rows [from, to) into ps, row numbers relative to from. */
static void gather(const jx_rows *rows, size_t from, size_t to, pieces *ps)
{
    for (size_t i = from; i < to; i++) {
        const jx_row *r = &rows->items[i];
        for (int c = 0; c < r->ncells; c++)
            if (r->cells[c][0]) pieces_push(ps, r->cells[c], r->line, (int)(i - from), r->page);
    }
}

/* ---- aligned columns -------------------------------------------------- */

/*
** Layout-preserving text that kept the columns (a ruled table as
** pdftotext -layout leaves it: cells padded with spaces to their column, a
** long cell wrapped inside its column over several lines, each cell centred
** vertically in its row). There the column geometry outranks content:
**   1. Columns: the display columns where the zone's pieces start after
**      padding (the reader's row->xs), the left margin and the cells of the
**      indicator header, and a padded piece beyond the last column after
**      a piece of that column (a shifted row alone on its page). The zone
**      is aligned when nearly every piece starts
**      at a column other pieces start at too, and there are few of them:
**      text joined by single spaces (wild/) is not. A piece belongs to the
**      column at or left of its start; the pieces of one line in one column
**      are one cell written with inner spaces (效益 指标, ≤ 90 分钟).
**   2. Wrapped cells: a piece continues into the piece below it in its
**      column when the converter had to break there -- its width plus the
**      next piece's start up to where a line may break (and the space the
**      converter dropped, unless between wide characters) is more than the
**      widest piece of that column and span (a piece reaching into the two
**      spaces before a column's start spans that column: a merged cell) --
**      strongly when so for every span the cell may have (up to the first
**      column filled on either line), weakly when only for the columns the
**      piece reaches (a short value of a cell that may span the row, as
**      项目名称's does) -- unless the classes forbid it, judged on the cell
**      so far: an amount never wraps, nor does a complete value above a
**      complete value or a vocabulary term above a term; a form label or an
**      indicator header word starts a cell; a label or header word written
**      whole goes on only into its bracketed note or a longer label, and
**      the note closes it; a date cut at a space goes on into the rest of
**      it (2019. 1. + 1). In the indicator table the value grammar holds:
**      a comparison sign opens a target value (≤411元/人次 below ≤420元/人次,
**      ≥93.00% below 较上届扩大), a closed value (>592.00(人次), 84%以上)
**      goes on only into a bound word, and a value ending in its unit
**      written whole (延期不超过2个月) only into more unit (个 + 月) or such
**      a word, not into the next row's target (良好); a qualitative target
**      written whole (有效, 按年度计划: the vocabulary's) above a target
**      (合规, 100%) is two cells, as a level term above a term.
**   3. Rows: the lines are cut into rows so that the pieces of each column
**      in a row are one wrapped cell centred in the row (its first line
**      (h-k)/2 down, rounded down, h the row's lines, k the cell's),
**      a page break ends a row, and the fewest forced breaks are cut (a
**      strong one outweighs any number of weak ones), then the fewest rows:
**      dynamic programming over the lines.
**   4. Each row becomes a grid row, cells in their columns (a wrapped cell's
**      pieces joined without a space between two wide characters, with one
**      otherwise, as the converter dropped it): the parser reads it as it
**      reads a TSV table, merged cells and perturbations alike.
** When the zone is not aligned, or no cut satisfies 3, nothing is emitted
** and the class rules above apply.
*/

#define ALIGN_MAX_COLS 16
#define ALIGN_MAX_ROW_LINES 240

typedef struct apiece {
    char *text;
    int x, w, col, endcol;
    int line;           /* line index within the zone */
} apiece;

/* Display width of a UTF-8 text, as the reader counts (lib/text: jx_text_width). */
static int text_width(const char *s)
{
    return jx_text_width(s, strlen(s), 0);
}

/* 1 when the character starting at s is wide. */
static int wide_char(const char *s)
{
    return (unsigned char)*s >= 0xE0;
}

/* 1 when the last character of s is wide. */
static int wide_last(const char *s)
{
    size_t n = strlen(s);
    if (!n) return 0;
    size_t i = n - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    return wide_char(s + i);
}

/*
** Width the converter needed to keep the start of s on the line above: the
** run up to the first place a line may break (between two wide characters,
** at a space beside a narrow one; a space between two wide characters is
** no break, as joining the pieces without a space there would lose it).
*/
static int lead_width(const char *s)
{
    int w = 0, prev_wide = -1;
    while (*s) {
        if (*s == ' ') {
            if (prev_wide != 1 || !wide_char(s + 1)) break;
            w++;
            s++;
            prev_wide = -1;   /* the wide character after the space goes with it */
            continue;
        }
        int wide = wide_char(s);
        if (prev_wide == 1 && wide) break;
        w += wide ? 2 : 1;
        prev_wide = wide;
        s++;
        while (*s && ((unsigned char)*s & 0xC0) == 0x80) s++;
    }
    return w;
}

/* 1 when s is written as an amount: digits with separators, or a lone dash. */
static int figure_text(const char *s)
{
    if (!strcmp(s, "-")) return 1;
    int digits = 0;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') digits++;
        else if (*s != ',' && *s != '.' && *s != '-') return 0;
    }
    return digits > 0;
}

/* 1 when s is a short complete quantitative value (≥98%, =100%), not a sentence with figures. */
static int quantitative(const char *s)
{
    if (chars(s) > 16 || strstr(s, "，") || strstr(s, "。") || strstr(s, "；")) return 0;
    jx_value v;
    jx_value_parse(s, &v);
    return v.kind == JX_KIND_QUANTITATIVE;
}

/*
** How a text relates to the field table's label keys: 2 when its key is one,
** 1 when it is the start of one, 0 otherwise.
*/
static int label_key_match(const char *text)
{
    char *key = jx_text_key(text);
    char *note = strchr(key, '(');   /* a label is found by the part before its note */
    if (note) *note = '\0';
    size_t n = strlen(key);
    int m = 0;
    for (size_t f = 0; f < JX_NFIELDS && m < 2 && n; f++)
        for (const char *const *l = jx_fields[f].labels; l && *l && m < 2; l++) {
            if (!strcmp(*l, key)) m = 2;
            else if (!strncmp(*l, key, n)) m = 1;
        }
    free(key);
    return m;
}

/* 1 when s starts with an opening bracket (a label's unit note: （万元）). */
static int opens_note(const char *s)
{
    return jx_starts_with(s, "（") || jx_starts_with(s, "(");
}

/* A new string: a followed by b. */
static char *concat(const char *a, const char *b)
{
    char *joined = jx_xmalloc(strlen(a) + strlen(b) + 1);
    strcpy(joined, a);
    strcat(joined, b);
    return joined;
}

/* 1 when s begins with a comparison sign: it opens a target value (≥95%, ＜3天). */
static int opens_value(const char *s)
{
    static const char *const signs[] = {"≥", "≤", ">", "<", "=", "＞", "＜", "＝", "≧", "≦", "⩾", "⩽", NULL};
    for (size_t i = 0; signs[i]; i++)
        if (jx_starts_with(s, signs[i])) return 1;
    return 0;
}

/*
** 1 when s is a complete quantitative value by the value grammar: its unit
** closed by a bracket or a percent sign, or by a bound word (84%以上).
*/
static int closed_value(const char *s)
{
    static const char *const ends[] = {")", "）", "%", "％", "‰", "以上", "以下", "以内", "左右", NULL};
    if (!quantitative(s)) return 0;
    for (size_t i = 0; ends[i]; i++)
        if (jx_ends_with(s, ends[i])) return 1;
    return 0;
}

/*
** 1 when s is a quantitative value ending in its unit written whole in
** measure words (延期不超过2个月, ≤253元/人次): it goes on only into more of
** its unit or a word that may follow one (jx_value_unit_goes_on).
*/
static int unit_final(const char *s)
{
    if (!quantitative(s)) return 0;
    jx_value v;
    jx_value_parse(s, &v);
    return jx_value_unit_whole(v.unit) && jx_ends_with(s, v.unit);
}

/* 1 when cell and b, joined as a converter broke them at a space, are one date. */
static int continues_date(const char *cell, const char *b)
{
    char *joined = jx_xmalloc(strlen(cell) + strlen(b) + 2), iso[16];
    sprintf(joined, "%s %s", cell, b);
    int date = jx_text_date_iso(joined, iso, sizeof iso);
    free(joined);
    return date;
}

/*
** 1 when the classes allow piece a, the end of the cell text so far, to
** continue into piece b (step 2): labels and level terms are judged by the
** cell so far, values by the piece. In the indicator table (table 1) the
** value grammar holds too: a comparison sign opens a target value, and a
** closed value (≥95%, >592.00(人次)) goes on only into a bound word, a
** value ending in its whole unit only into more unit, a whole qualitative
** target not into another target.
*/
static int may_continue(const char *cell, const char *a, const char *b, int table)
{
    if (table && opens_value(b)) return 0;
    if (table && closed_value(cell) && !jx_starts_with(b, "以") && !jx_starts_with(b, "左右") &&
        !jx_starts_with(b, "及以"))
        return 0;
    if (table && unit_final(cell) && !jx_value_unit_goes_on(b)) return 0;
    /* a date cut at a space goes on into the rest of it (2019. 1. + 1) */
    if (continues_date(cell, b)) return 1;
    /* a qualitative target written whole above a target is two cells */
    if (table && jx_vocab_target_term(cell) && (jx_vocab_target_term(b) || quantitative(b))) return 0;
    if (figure_text(a) || figure_text(b)) return 0;
    /* a label written whole goes on only with its note or into a longer label */
    if (label_key_match(cell) == 2 && !opens_note(b)) {
        char *joined = concat(cell, b);
        int longer = label_key_match(joined);
        free(joined);
        if (!longer) return 0;
    }
    /* a label's note closes it: what follows is the next label */
    if ((jx_ends_with(a, "）") || jx_ends_with(a, ")")) && label_key_match(b)) return 0;
    if (header_word(b)) return 0;
    if (jx_form_is_label(b) || is_page_label(b)) {
        char *joined = concat(cell, b);
        int label = jx_form_is_label(joined) || is_page_label(joined);
        free(joined);
        if (!label) return 0;
    }
    /* an indicator header word is a whole cell */
    if (header_word(cell) && !opens_note(b)) return 0;
    if (quantitative(a) && quantitative(b)) return 0;
    if (term_level(cell) && term_level(b)) return 0;
    return 1;
}

/* Join a wrapped cell's next piece: no space between two wide characters. */
static void join_piece(jx_buf *b, const char *s)
{
    if (b->len && !(wide_last(b->data) && wide_char(s))) jx_buf_putc(b, ' ');
    jx_buf_puts(b, s);
}

static int int_cmp(const void *pa, const void *pb)
{
    int a = *(const int *)pa, b = *(const int *)pb;
    return (a > b) - (a < b);
}

/*
** Rows [from, to) read by their columns (see above), row head the indicator
** table's header (its cells start columns); emits grid rows and returns 1,
** or returns 0 having emitted nothing.
*/
static int aligned_zone(const jx_rows *rows, size_t from, size_t to, size_t head, jx_rows *out)
{
    size_t nlines = to - from, total = 0;
    if (nlines < 4) return 0;
    for (size_t i = from; i < to; i++) {
        if (!rows->items[i].xs || rows->items[i].flow != JX_FLOW_LINES) return 0;
        total += (size_t)rows->items[i].ncells;
    }
    /* 1. the columns: where cells start after padding (a gap of two or more
       spaces, or the first cell of an indented line), shared by two pieces;
       the left margin and the indicator header's cells */
    int *xs = jx_xmalloc((3 * total + 1) * sizeof *xs);
    size_t m = 0, padding = 0;
    for (size_t i = from; i < to; i++) {
        const jx_row *r = &rows->items[i];
        for (int c = 0; c < r->ncells; c++) {
            int padded = c ? r->xs[c] - (r->xs[c - 1] + text_width(r->cells[c - 1])) >= 2 : r->xs[c] > 0;
            if (padded || c == 0) xs[m++] = r->xs[c];
            if (i == head) { xs[m++] = r->xs[c]; xs[m++] = r->xs[c]; }   /* the indicator header: columns */
            padding += padded;
        }
    }
    qsort(xs, m, sizeof *xs, int_cmp);
    int starts[ALIGN_MAX_COLS];
    int nstarts = 0, ok = 1;
    for (size_t i = 0; i < m && ok;) {
        size_t j = i;
        while (j < m && xs[j] == xs[i]) j++;
        if (j - i >= 2 || xs[i] == 0) {   /* the left margin is always a column's start */
            if (nstarts == ALIGN_MAX_COLS) ok = 0;
            else starts[nstarts++] = xs[i];
        }
        i = j;
    }
    free(xs);
    /* a padded cell beyond the last column, after a cell of that column on its
       line (a row a converter shifted right by one, alone on its page): a
       column of its own, as two such cells would make it */
    for (size_t i = from; i < to && ok && nstarts > 0; i++) {
        const jx_row *r = &rows->items[i];
        for (int c = 1; c < r->ncells; c++) {
            int last = starts[nstarts - 1];
            int padded = r->xs[c] - (r->xs[c - 1] + text_width(r->cells[c - 1])) >= 2;
            if (!padded || r->xs[c - 1] < last || r->xs[c] <= last) continue;
            if (nstarts == ALIGN_MAX_COLS) { ok = 0; break; }
            starts[nstarts++] = r->xs[c];
        }
    }
    size_t placed = 0, strays = 0;
    for (size_t i = from; i < to; i++) {
        const jx_row *r = &rows->items[i];
        for (int c = 0; c < r->ncells; c++) {
            int at = 0;
            for (int k = 0; k < nstarts && !at; k++) at = starts[k] == r->xs[c];
            placed += at;
            /* padded away from the cell before it, yet at no column: a cell of a
               layout whose columns drift from line to line */
            strays += !at && c && r->xs[c] - (r->xs[c - 1] + text_width(r->cells[c - 1])) >= 2;
        }
    }
    /* at least three columns, cells padded to them: not runs joined by single
       spaces, nor a table whose columns drift (pdftotext -layout of a
       LibreOffice table places a line's cells by its own text's widths, a
       few columns off those of the lines around it: 数量指标 at 24 below
       二级指标 at 28) -- there the class rules read it */
    if (!ok || nstarts < 3 || padding < 3 || placed * 2 < total || strays * 4 > padding) return 0;

    /* the pieces, one per line and column */
    apiece *ps = jx_xcalloc(total ? total : 1, sizeof *ps);
    size_t np = 0;
    for (size_t i = from; i < to; i++) {
        const jx_row *r = &rows->items[i];
        for (int c = 0; c < r->ncells; c++) {
            int x = r->xs[c], col = 0, at_start = 0;
            for (int k = 0; k < nstarts; k++) {
                if (starts[k] <= x) col = k;
                at_start |= starts[k] == x;
            }
            apiece *last = np ? &ps[np - 1] : NULL;
            /* a cell starts at a column two spaces or more after the text before it */
            int padded = !c || x - (r->xs[c - 1] + text_width(r->cells[c - 1])) >= 2;
            if (last && last->line == (int)(i - from) && (last->col == col || !at_start || !padded)) {
                /* one cell with an inner space */
                size_t a = strlen(last->text), b = strlen(r->cells[c]);
                last->text = jx_xrealloc(last->text, a + b + 2);
                last->text[a] = ' ';
                memcpy(last->text + a + 1, r->cells[c], b + 1);
                continue;
            }
            ps[np++] = (apiece){jx_strdup(r->cells[c]), x, 0, col, col, (int)(i - from)};
        }
    }
    /* the widest piece per column and span (a converter gives a column one width);
       a piece that reaches into the gap before the next column's start (two
       spaces set cells apart) spans it too: 实施单位's value across the row */
    int cap[ALIGN_MAX_COLS][ALIGN_MAX_COLS];
    memset(cap, 0, sizeof cap);
    for (size_t k = 0; k < np; k++) {
        apiece *p = &ps[k];
        p->w = text_width(p->text);
        p->endcol = p->col;
        for (int s = p->col + 1; s < nstarts; s++) if (starts[s] <= p->x + p->w) p->endcol = s;
        int span = p->endcol;
        while (span + 1 < nstarts && starts[span + 1] < p->x + p->w + 2) span++;
        if (p->w > cap[p->col][span]) cap[p->col][span] = p->w;
    }
    /* 2. per column: the piece on each line, and whether it continues below */
    size_t nc = (size_t)nstarts, nl = nlines;
    int *at = jx_xmalloc(nc * nl * sizeof *at);
    int *chain = jx_xmalloc(nc * nl * sizeof *chain);
    int *cnt = jx_xcalloc(nc * (nl + 1), sizeof *cnt);
    int *nextp = jx_xmalloc(nc * (nl + 1) * sizeof *nextp);
    int *prevp = jx_xmalloc(nc * (nl + 1) * sizeof *prevp);
    unsigned char *cont = jx_xcalloc(nc * nl, 1);
    for (size_t i = 0; i < nc * nl; i++) at[i] = -1;
    for (size_t k = 0; k < np; k++) at[(size_t)ps[k].col * nl + (size_t)ps[k].line] = (int)k;
    int chains = 0;
    jx_buf sofar = {0};   /* the text of the cell the piece on line l ends so far */
    for (size_t c = 0; c < nc; c++) {
        int *A = at + c * nl;
        for (size_t l = 0; l < nl; l++) {
            cnt[c * (nl + 1) + l + 1] = cnt[c * (nl + 1) + l] + (A[l] >= 0);
            if (A[l] >= 0) {
                if ((!l || !cont[c * nl + l - 1]) && sofar.data) sofar.data[sofar.len = 0] = '\0';
                join_piece(&sofar, ps[A[l]].text);
            }
            if (A[l] < 0 || l + 1 >= nl || A[l + 1] < 0) continue;
            const apiece *p = &ps[A[l]], *q = &ps[A[l + 1]];
            if (rows->items[from + l].page != rows->items[from + l + 1].page) continue;
            /* the cell may span to the first column filled on either line; it
               spans at least the columns either piece reaches (a short piece
               above a long one: the long one's lead did not fit), and a piece
               that ends short of that span's width is a cell's last */
            int pe = p->endcol > q->endcol ? p->endcol : q->endcol;
            size_t e = c + 1;
            while (e < nc && at[e * nl + l] < 0 && at[e * nl + l + 1] < 0) e++;
            if ((size_t)pe >= e) continue;   /* the cell reaches a column filled beside it */
            int width = cap[c][pe], wide = 0;
            for (size_t k = (size_t)pe; k < e; k++)
                if (cap[c][k] > wide) wide = cap[c][k];
            /* a break at a space dropped it: the line needed that space too */
            int need = p->w + !(wide_last(p->text) && wide_char(q->text)) + lead_width(q->text);
            if (need <= width) continue;
            /* strong: the piece fills every span the cell may have; weak: only
               its narrowest (a short value of a cell that may span the row) */
            if (may_continue(sofar.data, p->text, q->text, (size_t)from + l > head)) cont[c * nl + l] = need > wide ? 2 : 1;
        }
        for (size_t l = 0; l < nl; l++) {
            if (A[l] < 0) { chain[c * nl + l] = -1; continue; }
            if (l == 0 || !cont[c * nl + l - 1]) chains++;
            chain[c * nl + l] = chains;
        }
        /* nextp[l]: first line >= l with a piece (nl if none); prevp[l]: last line < l (-1) */
        nextp[c * (nl + 1) + nl] = (int)nl;
        for (size_t l = nl; l-- > 0;) nextp[c * (nl + 1) + l] = A[l] >= 0 ? (int)l : nextp[c * (nl + 1) + l + 1];
        prevp[c * (nl + 1)] = -1;
        for (size_t l = 0; l < nl; l++) prevp[c * (nl + 1) + l + 1] = A[l] >= 0 ? (int)l : prevp[c * (nl + 1) + l];
    }
    jx_buf_free(&sofar);
    /* 3. the cut into rows */
    long *best = jx_xmalloc((nl + 1) * sizeof *best);
    int *back = jx_xmalloc((nl + 1) * sizeof *back);
    const long inf = 1L << 60;
    best[0] = 0;
    for (size_t b = 1; b <= nl; b++) {
        best[b] = inf;
        back[b] = -1;
        for (size_t a = b; a-- > 0;) {
            if (b - a > ALIGN_MAX_ROW_LINES) break;
            if (rows->items[from + a].page != rows->items[from + b - 1].page) break;
            int h = (int)(b - a), valid = 1, broken = 0;
            for (size_t c = 0; c < nc && valid; c++) {
                int k = cnt[c * (nl + 1) + b] - cnt[c * (nl + 1) + a];
                if (!k) continue;
                int first = nextp[c * (nl + 1) + a], last = prevp[c * (nl + 1) + b];
                if (chain[c * nl + (size_t)first] != chain[c * nl + (size_t)last]) { broken = 1; break; }
                int t = first - (int)a;
                if (t != (h - k) / 2) valid = 0;
            }
            if (broken) break;   /* two cells in one column: so for every longer row */
            if (!valid || best[a] == inf) continue;
            long cost = best[a] + 1;
            if (a > 0)
                for (size_t c = 0; c < nc; c++)
                    cost += cont[c * nl + a - 1] == 2 ? 1000 : cont[c * nl + a - 1] ? 10 : 0;
            if (cost < best[b]) { best[b] = cost; back[b] = (int)a; }
        }
    }
    int done = best[nl] < inf;
    if (done) {
        /* 4. the rows, in order */
        size_t nrows = 0;
        int *cuts = jx_xmalloc((nl + 1) * sizeof *cuts);
        for (int b = (int)nl; b > 0; b = back[b]) cuts[nrows++] = b;
        jx_buf *cell = jx_xcalloc(nc, sizeof *cell);
        for (size_t r = nrows; r-- > 0;) {
            int b = cuts[r], a = back[b];
            for (int l = a; l < b; l++)
                for (size_t c = 0; c < nc; c++)
                    if (at[c * nl + (size_t)l] >= 0) join_piece(&cell[c], ps[at[c * nl + (size_t)l]].text);
            int n = 0;
            for (size_t c = 0; c < nc; c++) if (cell[c].len) n = (int)c + 1;
            char **cells = jx_xmalloc((size_t)(n ? n : 1) * sizeof *cells);
            for (int c = 0; c < n; c++) cells[c] = cell[c].len ? jx_buf_take(&cell[c]) : jx_strdup("");
            for (size_t c = 0; c < nc; c++) jx_buf_free(&cell[c]);
            const jx_row *src = &rows->items[from + (size_t)a];
            jx_rows_push(out, src->line, cells, n);
            jx_row *o = &out->items[out->count - 1];
            o->page = src->page;
            o->prose = 0;
        }
        free(cell);
        free(cuts);
    }
    free(best);
    free(back);
    free(at);
    free(chain);
    free(cnt);
    free(nextp);
    free(prevp);
    free(cont);
    for (size_t k = 0; k < np; k++) free(ps[k].text);
    free(ps);
    return done;
}

/*
** The end of the indicator rows from t0: the next form, a header label,
** running text, or a narrative's or disclosure section's heading.
*/
static size_t table_end(const jx_rows *rows, size_t t0)
{
    size_t t1 = t0;
    while (t1 < rows->count) {
        const jx_row *r = &rows->items[t1];
        if (jx_form_is_title(r) || ends_table(r) || jx_form_narrative_row(r)) break;
        if (r->ncells >= 1 && jx_form_is_label(r->cells[0])) break;
        t1++;
    }
    return t1;
}

/*
** Where a form ends for the aligned reading: the indicator table's end (t1,
** as the class rules find it) and the rows after it that go on in the
** form's columns (备注 and its wrapped value, indented lines).
*/
static size_t aligned_end(const jx_rows *rows, size_t t1)
{
    while (t1 < rows->count) {
        const jx_row *r = &rows->items[t1];
        if (jx_form_is_title(r) || !r->xs || r->flow != JX_FLOW_LINES) break;
        int indented = r->ncells > 0;
        for (int c = 0; c < r->ncells; c++) indented &= r->xs[c] > 0;
        if (!indented && !(r->ncells >= 1 && jx_form_is_label(r->cells[0]))) break;
        t1++;
    }
    return t1;
}

/* Regroup one form's rows [title+1, end) with the flow of its rows. */
static size_t regroup_form(const jx_rows *rows, size_t start, jx_rows *out)
{
    jx_flow flow = rows->items[start].flow;
    size_t n = rows->count, i = start;
    /* the header zone: up to the indicator header */
    size_t hdr_at = n, hdr_rows = 0;
    char **hdr = NULL;
    int nhdr = 0;
    for (size_t k = start; k < n; k++) {
        if (k > start && jx_form_is_title(&rows->items[k])) break;
        if ((hdr_rows = find_header(rows, k, n, &hdr, &nhdr)) != 0) { hdr_at = k; break; }
    }
    if (hdr_at == n) {
        /* no indicator table: leave the rows as they are (the parser reports it) */
        size_t k = start;
        while (k < n && (k == start || !jx_form_is_title(&rows->items[k]))) copy_row(out, &rows->items[k++]);
        return k;
    }
    /* title and year rows stay as they are */
    while (i < hdr_at && (jx_form_is_title(&rows->items[i]) || i == start)) copy_row(out, &rows->items[i++]);
    if (flow == JX_FLOW_LINES) {
        /* text that kept the columns: read by them (the header's geometry outranks content) */
        size_t end = aligned_end(rows, table_end(rows, hdr_at + hdr_rows)), top = i;
        /* one-cell lines above the table's first label (the year) are not in its columns */
        while (top < hdr_at && rows->items[top].ncells == 1 && !jx_form_is_label(rows->items[top].cells[0]))
            top++;
        size_t mark = out->count;
        for (size_t k = i; k < top; k++) copy_row(out, &rows->items[k]);
        if (top < hdr_at && aligned_zone(rows, top, end, hdr_at, out)) {
            free(hdr);
            return end;
        }
        rows_truncate(out, mark);
    }
    pieces ps = {0};
    gather(rows, i, hdr_at, &ps);
    rejoin_notes(&ps, 0, ps.count);
    rejoin_terms(&ps, 0, ps.count);
    classify(&ps, 0, ps.count, 1);
    /* a year row ("（2026年度）") passes as a row of its own */
    for (size_t k = 0; k < ps.count; k++) {
        piece *p = &ps.items[k];
        if (p->used || p->cls != C_ANNOT) continue;
        char *key = jx_text_key(p->text);
        int year = (strstr(key, "年度") || strstr(key, "年)")) && strlen(key) < 24 && !strchr(key, '-');
        free(key);
        if (year && (k == 0 || ps.items[k - 1].row != p->row) &&
            (k + 1 >= ps.count || ps.items[k + 1].row != p->row)) {
            const char *cells[1] = {p->text};
            emit(out, p->line, 1, cells);
            out->items[out->count - 1].prose = 1;
            p->used = 1;
        }
    }
    if (flow == JX_FLOW_LINES) header_lines(&ps, 0, ps.count, out);
    else header_runs(&ps, 0, ps.count, out);
    pieces_free(&ps);

    emit(out, rows->items[hdr_at].line, nhdr, (const char *const *)hdr);
    free(hdr);
    /* the indicator zone: to the next form, a header label or running text */
    size_t t0 = hdr_at + hdr_rows, t1 = table_end(rows, t0);
    gather(rows, t0, t1, &ps);
    /* a header repeated after a page break */
    for (size_t k = 0; k < ps.count; k++)
        if (header_word(ps.items[k].text)) ps.items[k].cls = C_HEADER;
    rejoin_terms(&ps, 0, ps.count);
    classify(&ps, 0, ps.count, 0);
    for (size_t k = 0; k < ps.count; k++)
        if (header_word(ps.items[k].text)) ps.items[k].cls = C_HEADER;
    if (flow == JX_FLOW_LINES) indicators_lines(&ps, 0, ps.count, out);
    else indicators_runs(&ps, 0, ps.count, out);
    pieces_free(&ps);
    return t1;
}

int jx_regroup(const jx_rows *rows, jx_rows *out)
{
    int any = 0;
    for (size_t i = 0; i < rows->count && !any; i++) any = rows->items[i].flow != JX_FLOW_GRID;
    if (!any) return 0;
    size_t i = 0;
    while (i < rows->count) {
        const jx_row *r = &rows->items[i];
        if (r->flow != JX_FLOW_GRID && jx_form_is_title(r)) {
            i = regroup_form(rows, i, out);
            continue;
        }
        copy_row(out, r);
        i++;
    }
    return 1;
}
