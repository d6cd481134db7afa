/*
** block.c - the official 申报表 block of a form as a grid, and the seeded
** perturbations converters apply to it.
**
** The block is four columns wide: label | value | label | value in the
** header, 一级指标 | 二级指标 | 三级指标 | 指标值 in the indicator tree.
** Invariant of the grid: every range's first cell has rowspan, colspan >= 1
** and the cells it covers have 0 and no text; a covered cell reads as empty
** in every layout (exactly what the readers give for a merged cell).
**
** The indicator tree merges a level-1 or level-2 cell only where the parser
** carries it (a run of level 1 restarts at a new level 1, at a row without
** level 2 after one with, or at a level 2 the vocabulary places under
** another level 1), so an unperturbed grid reads back as the same form.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/fields.h"
#include "render.h"
#include "text.h"
#include "vocab.h"

/* --------------------------------------------------------------- the grid */

jx_rcell *jx_grid_at(const jx_grid *g, int r, int c)
{
    return &g->cells[(size_t)r * (size_t)g->ncols + (size_t)c];
}

void jx_grid_free(jx_grid *g)
{
    for (int i = 0; i < g->nrows * g->ncols; i++) free(g->cells[i].text);
    free(g->cells);
    free(g->flags);
    free(g->widths);
    memset(g, 0, sizeof *g);
}

/* Insert an empty row before row at (at == nrows appends); returns at. */
static int insert_row(jx_grid *g, int at)
{
    if (g->nrows == g->caprows) {
        g->caprows = g->caprows ? g->caprows * 2 : 32;
        g->cells = jx_xrealloc(g->cells, (size_t)g->caprows * (size_t)g->ncols * sizeof *g->cells);
        g->flags = jx_xrealloc(g->flags, (size_t)g->caprows * sizeof *g->flags);
    }
    size_t w = (size_t)g->ncols;
    memmove(&g->cells[(size_t)(at + 1) * w], &g->cells[(size_t)at * w],
            (size_t)(g->nrows - at) * w * sizeof *g->cells);
    memmove(&g->flags[at + 1], &g->flags[at], (size_t)(g->nrows - at) * sizeof *g->flags);
    g->nrows++;
    for (size_t c = 0; c < w; c++)
        g->cells[(size_t)at * w + c] = (jx_rcell){NULL, JX_NO_AMOUNT, 1, 1, JX_RS_TEXT};
    g->flags[at] = 0;
    /* A range spanning the new row's place grows over it. */
    for (int r = 0; r < at; r++)
        for (int c = 0; c < g->ncols; c++) {
            jx_rcell *x = jx_grid_at(g, r, c);
            if (x->rowspan > 1 && r + x->rowspan > at) {
                x->rowspan++;
                for (int k = c; k < c + x->colspan; k++) jx_grid_at(g, at, k)->rowspan = 0,
                                                          jx_grid_at(g, at, k)->colspan = 0;
            }
        }
    return at;
}

/* Set cell (r, c) to a copy of text (NULL or "" leaves it empty). */
static void put(jx_grid *g, int r, int c, const char *text, jx_rstyle style)
{
    jx_rcell *x = jx_grid_at(g, r, c);
    free(x->text);
    x->text = text && text[0] ? jx_strdup(text) : NULL;
    x->style = style;
}

/* Merge the range (r1, c1)-(r2, c2) into its first cell. */
static void merge(jx_grid *g, int r1, int c1, int r2, int c2)
{
    for (int r = r1; r <= r2; r++)
        for (int c = c1; c <= c2; c++) {
            jx_rcell *x = jx_grid_at(g, r, c);
            if (r == r1 && c == c1) continue;
            free(x->text);
            x->text = NULL;
            x->rowspan = x->colspan = 0;
        }
    jx_grid_at(g, r1, c1)->rowspan = r2 - r1 + 1;
    jx_grid_at(g, r1, c1)->colspan = c2 - c1 + 1;
}

/* Break the range whose first cell is (r, c) into single cells, text kept in the first. */
static void unmerge(jx_grid *g, int r, int c)
{
    jx_rcell *x = jx_grid_at(g, r, c);
    int rows = x->rowspan, cols = x->colspan;   /* x's own spans change in the loop */
    for (int i = r; i < r + rows; i++)
        for (int k = c; k < c + cols; k++) {
            jx_rcell *y = jx_grid_at(g, i, k);
            y->rowspan = y->colspan = 1;
            if (i != r || k != c) y->style = x->style;
        }
}

/* ------------------------------------------------------------- the block */

/* A money label: base with its unit, 项目总预算（万元）. */
static void money_label(const char *base, int wan, char *buf, size_t size)
{
    snprintf(buf, size, "%s（%s）", base, wan ? "万元" : "元");
}

static void put_money(jx_grid *g, int r, int c, long long fen)
{
    char t[64];
    jx_money_format_exact(fen, g->money_wan, t, sizeof t);
    put(g, r, c, t, JX_RS_MONEY);
    jx_grid_at(g, r, c)->fen = fen;
}

/* One label | value | label | value row. */
static void pair_text(jx_grid *g, const char *l1, const char *v1, const char *l2, const char *v2)
{
    int r = insert_row(g, g->nrows);
    put(g, r, 0, l1, JX_RS_LABEL);
    put(g, r, 1, v1, JX_RS_TEXT);
    put(g, r, 2, l2, JX_RS_LABEL);
    put(g, r, 3, v2, JX_RS_TEXT);
}

/* One label | amount | label | amount row; l2 NULL leaves the right half blank (merged). */
static void pair_money(jx_grid *g, const char *l1, long long v1, const char *l2, long long v2)
{
    char a[96], b[96];
    int r = insert_row(g, g->nrows);
    money_label(l1, g->money_wan, a, sizeof a);
    put(g, r, 0, a, JX_RS_LABEL);
    put_money(g, r, 1, v1);
    if (l2) {
        money_label(l2, g->money_wan, b, sizeof b);
        put(g, r, 2, b, JX_RS_LABEL);
        put_money(g, r, 3, v2);
    } else {
        merge(g, r, 2, r, 3);
    }
}

/*
** Rows "label | value" (value merged over the rest) for the fields of the
** field table listed in ids (-1 ends), labelled by their title, which the
** parser reads back as the same field; a field the form lacks gets no row.
** 项目总目标 carries its years in the label, as forms write them.
*/
static void field_rows(jx_grid *g, const jx_form *f, const int *ids)
{
    for (; *ids >= 0; ids++) {
        const jx_field_def *d = &jx_fields[*ids];
        char buf[64], label[160];
        const char *v = jx_field_format(f, d, buf, sizeof buf);
        if (!v) continue;
        snprintf(label, sizeof label, "%s", d->title);
        const jx_years *y = &f->long_goal_years;
        if (d->id == JX_F_LONG_GOAL && y->start && y->end != y->start)
            snprintf(label, sizeof label, "%s（%d年-%d年）", d->title, y->start, y->end);
        else if (d->id == JX_F_LONG_GOAL && y->start)
            snprintf(label, sizeof label, "%s（%d年）", d->title, y->start);
        int r = insert_row(g, g->nrows);
        put(g, r, 0, label, JX_RS_LABEL);
        put(g, r, 1, v, JX_RS_TEXT);
        merge(g, r, 1, r, 3);
        g->flags[r] |= JX_RR_WRAP;
    }
}

/*
** 1 when a label key has no typed field of its own: the field table keeps its
** value in fields[] only (实施单位, 项目负责人, 联系电话, 其中：财政资金 …).
*/
int jx_render_kept_label(const char *key)
{
    int id = jx_field_by_label(key);
    return id == JX_F_KEPT || id == JX_F_IMPL_UNIT;
}

/*
** Rows "label | value" for the fields the form keeps in fields[] only, label
** and value as the document wrote them, so that re-reading the block loses
** no field the table knows.
*/
static void kept_rows(jx_grid *g, const jx_form *f)
{
    for (size_t i = 0; i < f->nfields; i++) {
        const jx_field *e = &f->fields[i];
        if (!e->label || !e->value || !e->value[0]) continue;
        char *key = jx_text_key(e->label);
        int kept = jx_render_kept_label(key);
        free(key);
        if (!kept) continue;
        int r = insert_row(g, g->nrows);
        put(g, r, 0, e->label, JX_RS_LABEL);
        put(g, r, 1, e->value, JX_RS_TEXT);
        merge(g, r, 1, r, 3);
    }
}

/* 1 when two optional strings are equal (both NULL counts). */
static int same(const char *a, const char *b)
{
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

/* 1 when the parser, carrying level 1 core l1core, keeps level 2 text under it. */
static int carried_admits(const char *fw, const char *l1core, const char *level2)
{
    if (!level2 || !l1core) return 0;
    char *core = jx_vocab_core(level2);
    int known = jx_vocab_level2(fw, core, NULL) != NULL;
    int ok = !known || jx_vocab_level2(fw, core, l1core) != NULL;
    free(core);
    return ok;
}

/* The indicator tree: level-1 and level-2 cells merged over their runs. */
static void indicator_tree(jx_grid *g, const jx_form *f)
{
    size_t n = f->nindicators, i = 0;
    const char *fw = f->framework;
    int r0 = g->nrows;
    for (size_t x = 0; x < n; x++) {
        int r = insert_row(g, g->nrows);
        g->flags[r] |= JX_RR_INDICATOR;
        put(g, r, 2, f->indicators[x].name, JX_RS_TEXT);
        put(g, r, 3, f->indicators[x].target, JX_RS_TEXT);
    }
    while (i < n) {
        const jx_indicator *a = &f->indicators[i];
        char *l1core = a->level1 ? jx_vocab_core(a->level1) : NULL;
        size_t j = i + 1;
        while (j < n) {
            const jx_indicator *b = &f->indicators[j], *prev = &f->indicators[j - 1];
            if (!same(b->level1, a->level1)) break;
            if (!b->level2 && prev->level2) break;
            if (b->level2 && !same(b->level2, prev->level2) && !carried_admits(fw, l1core, b->level2))
                break;
            j++;
        }
        free(l1core);
        put(g, r0 + (int)i, 0, a->level1, JX_RS_LEVEL);
        merge(g, r0 + (int)i, 0, r0 + (int)j - 1, 0);
        for (size_t k = i; k < j;) {
            size_t m = k + 1;
            while (m < j && same(f->indicators[m].level2, f->indicators[k].level2)) m++;
            put(g, r0 + (int)k, 1, f->indicators[k].level2, JX_RS_LEVEL);
            merge(g, r0 + (int)k, 1, r0 + (int)m - 1, 1);
            k = m;
        }
        i = j;
    }
}

void jx_render_block(const jx_form *f, int money_wan, jx_grid *g)
{
    /* where the official layout places the fields of issue 11 */
    static const int before_budget[] = {JX_F_FUND_USE, JX_F_PERF_TYPE, JX_F_GOV_PURCHASE,
                                        JX_F_OVERVIEW, JX_F_BASIS, JX_F_NECESSITY,
                                        JX_F_MEASURES, -1};
    static const int before_goal[] = {JX_F_PLAN, JX_F_LONG_GOAL, -1};
    static const int after_table[] = {JX_F_REMARK, -1};
    static const double widths[4] = {18, 20, 30, 24};
    memset(g, 0, sizeof *g);
    g->ncols = 4;
    g->money_wan = money_wan;
    g->widths = jx_xmalloc(sizeof widths);
    memcpy(g->widths, widths, sizeof widths);
    int r = insert_row(g, 0);
    put(g, r, 0, "项目支出绩效目标申报表", JX_RS_TITLE);
    merge(g, r, 0, r, 3);
    if (f->year) {
        char y[32];
        snprintf(y, sizeof y, "（%d年度）", f->year);
        r = insert_row(g, g->nrows);
        put(g, r, 0, y, JX_RS_SUBTITLE);
        merge(g, r, 0, r, 3);
    }
    r = insert_row(g, g->nrows);
    put(g, r, 0, "项目名称", JX_RS_LABEL);
    put(g, r, 1, f->name, JX_RS_TEXT);
    merge(g, r, 1, r, 3);
    pair_text(g, "申报单位", f->unit, "主管部门", f->department);
    pair_text(g, "项目性质", f->nature, "项目类别", f->category);
    /* the period as written, so that it reads back the same (period.text) */
    char *start, *end;
    jx_form_period_parts(f, &start, &end);
    pair_text(g, "开始时间", start ? start : f->period_start, "结束时间", end ? end : f->period_end);
    free(start);
    free(end);
    field_rows(g, f, before_budget);
    const jx_budget *b = &f->budget;
    pair_money(g, "项目总预算", b->total, "项目当年预算", b->year);
    pair_money(g, "上年结转", b->carryover, "其他资金", b->other);
    pair_money(g, "同名项目上年预算额", b->prev_budget, "同名项目上年预算执行数", b->prev_exec);
    pair_money(g, "项目资金总额", b->project_total, NULL, 0);
    if (f->ncomponents) {
        char head[64];
        int first = insert_row(g, g->nrows);
        put(g, first, 1, "子项目名称", JX_RS_HEAD);
        money_label("预算金额", money_wan, head, sizeof head);
        put(g, first, 2, head, JX_RS_HEAD);
        merge(g, first, 2, first, 3);
        for (size_t i = 0; i < f->ncomponents; i++) {
            r = insert_row(g, g->nrows);
            put(g, r, 1, f->components[i].name, JX_RS_TEXT);
            if (f->components[i].amount == JX_NO_AMOUNT) put(g, r, 2, "-", JX_RS_MONEY);
            else put_money(g, r, 2, f->components[i].amount);
            merge(g, r, 2, r, 3);
        }
        put(g, first, 0, "项目当年投入资金构成", JX_RS_LABEL);
        merge(g, first, 0, g->nrows - 1, 0);
    }
    field_rows(g, f, before_goal);
    kept_rows(g, f);
    r = insert_row(g, g->nrows);
    put(g, r, 0, "年度绩效目标", JX_RS_LABEL);
    put(g, r, 1, f->goal, JX_RS_TEXT);
    merge(g, r, 1, r, 3);
    g->flags[r] |= JX_RR_WRAP;
    static const char *const head[4] = {"一级指标", "二级指标", "三级指标", "指标值"};
    r = insert_row(g, g->nrows);
    for (int c = 0; c < 4; c++) put(g, r, c, head[c], JX_RS_HEAD);
    g->flags[r] |= JX_RR_HEAD;
    indicator_tree(g, f);
    field_rows(g, f, after_table);
}

/* ------------------------------------------------------- perturbations */

static const char *const layout_names[JX_RL_COUNT] = {"markdown", "tsv", "runs", "columns", "xlsx",
                                                      "docx"};
static const char *const perturb_names[JX_PT_COUNT] = {
    "none", "break-header", "break-level1", "break-label", "break-any", "wrap", "middle", "split-level",
    "outer-label", "shift", "level1-row"};

const char *jx_render_layout_name(jx_render_layout l)
{
    return l >= 0 && l < JX_RL_COUNT ? layout_names[l] : "?";
}

const char *jx_perturb_name(jx_perturb p)
{
    return p >= 0 && p < JX_PT_COUNT ? perturb_names[p] : "?";
}

int jx_perturb_applies(jx_render_layout l, jx_perturb p)
{
    /* Only text is wrapped; a workbook or a Word table keeps its cells whole. */
    if (p == JX_PT_WRAP) return l == JX_RL_RUNS || l == JX_RL_COLUMNS;
    return 1;
}

/* splitmix64 step: the seeded choices. */
static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* A number in [lo, hi] (lo when hi < lo). */
static int pick(uint64_t *s, int lo, int hi)
{
    return hi <= lo ? lo : lo + (int)(next(s) % (uint64_t)(hi - lo + 1));
}

/* First and one-past-last indicator rows of the grid. */
static void indicator_rows(const jx_grid *g, int *from, int *to)
{
    *from = *to = -1;
    for (int r = 0; r < g->nrows; r++)
        if (g->flags[r] & JX_RR_INDICATOR) {
            if (*from < 0) *from = r;
            *to = r + 1;
        }
}

/* The first cell of the range covering (r, c); *fr, *fc get its place. */
static jx_rcell *owner(const jx_grid *g, int r, int c, int *fr, int *fc)
{
    for (int i = r; i >= 0; i--)
        for (int k = c; k >= 0; k--) {
            jx_rcell *x = jx_grid_at(g, i, k);
            if (x->rowspan && i + x->rowspan > r && k + x->colspan > c) {
                if (fr) *fr = i;
                if (fc) *fc = k;
                return x;
            }
        }
    return jx_grid_at(g, r, c);
}

/*
** Split every vertical range crossing row at so that row at starts a range
** of its own; text_again repeats the range's text there (a header or label
** printed again on a new page), else the new range is empty.
*/
static void split_at(jx_grid *g, int at, int col_from, int col_to, int text_again)
{
    for (int c = col_from; c <= col_to; c++) {
        int fr = at, fc = c;
        jx_rcell *x = owner(g, at, c, &fr, &fc);
        if (fr == at || fc != c) continue;
        int span = x->rowspan, cs = x->colspan;
        x->rowspan = at - fr;
        jx_rcell *y = jx_grid_at(g, at, c);
        y->rowspan = fr + span - at;
        y->colspan = cs;
        y->style = x->style;
        free(y->text);
        y->text = text_again && x->text ? jx_strdup(x->text) : NULL;
    }
}

/* A page break before a random indicator row after the first; returns the row or -1. */
static int page_break(jx_grid *g, uint64_t *s)
{
    int from, to;
    indicator_rows(g, &from, &to);
    if (from < 0 || to - from < 2) return -1;
    int at = pick(s, from + 1, to - 1);
    g->flags[at] |= JX_RR_BREAK;
    return at;
}

/* The rows of the header block's indicator table header. */
static int head_row(const jx_grid *g)
{
    for (int r = 0; r < g->nrows; r++)
        if (g->flags[r] & JX_RR_HEAD) return r;
    return -1;
}

/*
** Merged 一级 labels printed on the middle row of their block (PDF vertical
** centring). Only level 1: the extent of a level-1 block can be told from
** the level-2 terms inside it, while a 二级 label moved into the middle of
** its block leaves rows nobody could place (above it, the rows of which
** block?).
*/
static void middle_rows(jx_grid *g)
{
    int from, to;
    indicator_rows(g, &from, &to);
    for (int r = from; from >= 0 && r < to; r++)
        for (int c = g->col_level1; c <= g->col_level1; c++) {
            jx_rcell *x = jx_grid_at(g, r, c);
            if (x->rowspan < 2 || !x->text) continue;
            int mid = r + (x->rowspan - 1) / 2 + (x->rowspan % 2 == 0);
            if (mid >= r + x->rowspan) mid = r + x->rowspan - 1;
            char *t = x->text;
            x->text = NULL;
            unmerge(g, r, c);
            jx_rcell *m = jx_grid_at(g, mid, c);
            m->text = t;
        }
}

/*
** Merged 一级 labels printed as a row of their own at the middle of their
** block (a converter that gives a vertically centred label its own line):
** a row holding only the label is inserted before the row middle_rows would
** print it on; the 二级 ranges crossing it grow over it.
*/
static void level1_rows(jx_grid *g)
{
    int from, to;
    indicator_rows(g, &from, &to);
    /* bottom up: an inserted row leaves the blocks above it in place */
    for (int r = to - 1; from >= 0 && r >= from; r--) {
        int c = g->col_level1;
        jx_rcell *x = jx_grid_at(g, r, c);
        if (x->rowspan < 2 || !x->text) continue;
        int mid = r + (x->rowspan - 1) / 2 + (x->rowspan % 2 == 0);
        char *t = x->text;
        x->text = NULL;
        insert_row(g, mid);
        g->flags[mid] = JX_RR_INDICATOR;
        unmerge(g, r, c);
        jx_rcell *m = jx_grid_at(g, mid, c);
        m->text = t;
        m->style = JX_RS_LEVEL;
    }
}

/*
** Where a converter cuts a level label: before its 指标/目标 suffix (产出 /
** 指标, 社会效益 指标), 0 when it has none (a label in the document's own
** words is not cut: nothing could tell its pieces from two cells).
*/
static size_t cut_point(const char *t)
{
    size_t n = strlen(t);
    static const char *const suffixes[] = {"指标", "目标", NULL};
    for (size_t i = 0; suffixes[i]; i++) {
        size_t k = strlen(suffixes[i]);
        if (n > k && jx_ends_with(t, suffixes[i])) return n - k;
    }
    return 0;
}

/*
** Level labels split into pieces: down the rows of a merged block (产出 /
** 指标), or with an inner space in a single cell (效益 指标).
*/
static void split_levels(jx_grid *g, uint64_t *s)
{
    int from, to;
    indicator_rows(g, &from, &to);
    for (int r = from; from >= 0 && r < to; r++)
        for (int c = g->col_level1; c <= g->col_level1 + 1; c++) {
            jx_rcell *x = jx_grid_at(g, r, c);
            if (!x->text || !x->rowspan) continue;
            size_t cut = cut_point(x->text);
            if (!cut || pick(s, 0, 2) == 0) continue;
            char *head = jx_strndup(x->text, cut), *tail = jx_strdup(x->text + cut);
            if (x->rowspan >= 2) {
                unmerge(g, r, c);
                free(x->text);
                x->text = head;
                jx_grid_at(g, r + 1, c)->text = tail;
            } else {
                jx_buf b = {0};
                jx_buf_printf(&b, "%s %s", head, tail);
                free(x->text);
                x->text = jx_buf_take(&b);
                free(head);
                free(tail);
            }
        }
}

/* Insert an empty column before column at, cells and widths. */
static void insert_column(jx_grid *g, int at)
{
    int w = g->ncols + 1;
    jx_rcell *cells = jx_xmalloc((size_t)(g->caprows ? g->caprows : 1) * (size_t)w * sizeof *cells);
    for (int r = 0; r < g->nrows; r++)
        for (int c = 0; c < w; c++) {
            jx_rcell *d = &cells[(size_t)r * (size_t)w + (size_t)c];
            if (c < at) *d = *jx_grid_at(g, r, c);
            else if (c > at) *d = *jx_grid_at(g, r, c - 1);
            else *d = (jx_rcell){NULL, JX_NO_AMOUNT, 1, 1, JX_RS_TEXT};
        }
    free(g->cells);
    g->cells = cells;
    g->ncols = w;
    /* A range spanning the new column's place grows over it. */
    for (int r = 0; r < g->nrows; r++)
        for (int c = 0; c < at; c++) {
            jx_rcell *x = jx_grid_at(g, r, c);
            if (x->colspan && c + x->colspan > at) {
                x->colspan++;
                for (int i = r; i < r + x->rowspan; i++) {
                    jx_rcell *y = jx_grid_at(g, i, at);
                    y->rowspan = y->colspan = 0;
                }
            }
        }
    g->widths = jx_xrealloc(g->widths, (size_t)w * sizeof *g->widths);
    memmove(&g->widths[at + 1], &g->widths[at], (size_t)(w - 1 - at) * sizeof *g->widths);
    g->widths[at] = 8;
    if (g->col_level1 >= at) g->col_level1++;
}

/*
** An outer label column: 项目绩效目标 beside the goal, 绩效 / 指标 down the
** middle of the indicator rows (vertical text a PDF breaks into pieces).
*/
static void outer_label(jx_grid *g)
{
    insert_column(g, 0);
    for (int r = 0; r < g->nrows; r++)
        if (g->flags[r] & JX_RR_WRAP) put(g, r, 0, "项目绩效目标", JX_RS_LABEL);
    int from, to;
    indicator_rows(g, &from, &to);
    if (from < 0) return;
    int mid = from + (to - from - 1) / 2;
    if (to - from >= 2) {
        put(g, mid, 0, "绩效", JX_RS_LABEL);
        put(g, mid + 1, 0, "指标", JX_RS_LABEL);
    } else {
        put(g, mid, 0, "绩效 指标", JX_RS_LABEL);
    }
}

/*
** The rows from a page break on shifted by one column: a leading empty
** cell dropped where the row has one (the converter lost a merged cell),
** else an empty cell pushed in front.
*/
static void shift_rows(jx_grid *g, uint64_t *s)
{
    int at = page_break(g, s);
    if (at < 0) return;
    int from, to;
    indicator_rows(g, &from, &to);
    /* the ranges crossing the break end at it: a new page starts new cells */
    split_at(g, at, 0, g->ncols - 1, 0);
    int right = pick(s, 0, 1);
    if (right) insert_column(g, g->ncols);
    for (int r = at; r < to; r++) {
        jx_rcell *row = jx_grid_at(g, r, 0);
        int w = g->ncols;
        /* vertical ranges inside the shifted rows keep their shape only if they
           move as a whole: turn them into single cells first */
        for (int c = 0; c < w; c++)
            if (row[c].rowspan > 1 || row[c].colspan > 1) unmerge(g, r, c);
        for (int c = 0; c < w; c++)
            if (!row[c].rowspan) row[c].rowspan = row[c].colspan = 1;
        if (right) {
            free(row[w - 1].text);
            memmove(&row[1], &row[0], (size_t)(w - 1) * sizeof *row);
            row[0] = (jx_rcell){NULL, JX_NO_AMOUNT, 1, 1, JX_RS_TEXT};
        } else if (!row[0].text) {
            memmove(&row[0], &row[1], (size_t)(w - 1) * sizeof *row);
            row[w - 1] = (jx_rcell){NULL, JX_NO_AMOUNT, 1, 1, JX_RS_TEXT};
        }
    }
}

/* Copy row src (texts only, single cells) into a new row inserted before at. */
static void repeat_row(jx_grid *g, int src, int at)
{
    insert_row(g, at);
    if (src >= at) src++;
    for (int c = 0; c < g->ncols; c++) {
        jx_rcell *a = jx_grid_at(g, src, c), *b = jx_grid_at(g, at, c);
        b->rowspan = b->colspan = 1;
        free(b->text);
        b->text = a->rowspan ? jx_strdup(a->text) : NULL;
        b->style = a->style;
    }
    g->flags[at] = g->flags[src] & JX_RR_HEAD;
}

int jx_render_perturb(jx_grid *g, jx_perturb p, uint64_t seed)
{
    uint64_t s = seed;
    int at;
    switch (p) {
    case JX_PT_NONE: break;
    case JX_PT_BREAK_HEADER:
        if ((at = page_break(g, &s)) < 0) break;
        split_at(g, at, 0, g->ncols - 1, 0);
        g->flags[at] &= ~JX_RR_BREAK;
        repeat_row(g, head_row(g), at);
        g->flags[at] |= JX_RR_BREAK;
        break;
    case JX_PT_BREAK_LEVEL1:
        if ((at = page_break(g, &s)) < 0) break;
        split_at(g, at, g->col_level1, g->col_level1, 1);
        break;
    case JX_PT_BREAK_LABEL: {
        if ((at = page_break(g, &s)) < 0) break;
        static const char *const labels[] = {"绩效 指标", "绩效指标", "项目绩效目标"};
        const char *label = labels[pick(&s, 0, 2)];
        if (pick(&s, 0, 1)) {
            /* a row of its own at the top of the page */
            g->flags[at] &= ~JX_RR_BREAK;
            insert_row(g, at);
            put(g, at, 0, label, JX_RS_LABEL);
            g->flags[at] |= JX_RR_BREAK;
        } else {
            /* in front of the first row of the page, as 003 prints it */
            split_at(g, at, 0, g->ncols - 1, 0);
            insert_column(g, 0);
            put(g, at, 0, label, JX_RS_LABEL);
        }
        break;
    }
    case JX_PT_BREAK_ANY:
        /* a page ends anywhere: the ranges crossing it end there, the new page's cells are empty */
        if (g->nrows < 3) break;
        at = pick(&s, 2, g->nrows - 1);
        split_at(g, at, 0, g->ncols - 1, 0);
        g->flags[at] |= JX_RR_BREAK;
        break;
    case JX_PT_WRAP: return pick(&s, 8, 30);
    case JX_PT_MIDDLE: middle_rows(g); break;
    case JX_PT_SPLIT_LEVEL: split_levels(g, &s); break;
    case JX_PT_OUTER_LABEL: outer_label(g); break;
    case JX_PT_SHIFT: shift_rows(g, &s); break;
    case JX_PT_LEVEL1_ROW: level1_rows(g); break;
    default: break;
    }
    return 0;
}
