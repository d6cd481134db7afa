/*
** render.c - a self-evaluation or monitoring report as the official table:
** a grid (lib/render's jx_grid) that the renderer's writers lay out in every
** layout the importer reads. Every label is one lib/evaluate/parse.c knows,
** so a rendering reads back as the same evaluation (tests/test_evaluate.c).
**
** Self-evaluation, 9 columns: 项目名称 | name; 主管部门 | … | 实施单位 | …;
** 项目资金（万元）| row | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 |
** 得分; 年度总体目标 | 预期目标 | 实际完成情况; 绩效指标 | 一级指标 | 二级指标 |
** 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施; 总分.
** Monitoring, 10 columns: the money table to 执行进度 and the indicator table
** 全年目标值 | 1-N月实际完成值 | 全年预计完成情况 | 偏差原因 | 完成目标可能性 | 纠偏措施;
** 14 when its 偏差原因 is by category: 偏差原因分析 merged over 经费保障 | 制度保障 |
** 人员保障 | 硬件条件保障 | 其他 on a second heading row.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evaluate.h"
#include "jixiao/money.h"
#include "jixiao/util.h"

/* 1 when two texts are equal, NULL equal to NULL. */
static int jx_same_text(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* Append an empty row; returns its index. */
static int add_row(jx_grid *g)
{
    if (g->nrows == g->caprows) {
        g->caprows = g->caprows ? g->caprows * 2 : 32;
        g->cells = jx_xrealloc(g->cells, (size_t)g->caprows * (size_t)g->ncols * sizeof *g->cells);
        g->flags = jx_xrealloc(g->flags, (size_t)g->caprows * sizeof *g->flags);
    }
    int r = g->nrows++;
    for (int c = 0; c < g->ncols; c++) *jx_grid_at(g, r, c) = (jx_rcell){NULL, JX_NO_AMOUNT, 1, 1, JX_RS_TEXT};
    g->flags[r] = 0;
    return r;
}

static void put(jx_grid *g, int r, int c, const char *text, jx_rstyle style)
{
    jx_rcell *x = jx_grid_at(g, r, c);
    free(x->text);
    x->text = text && text[0] ? jx_strdup(text) : NULL;
    x->style = style;
}

static void merge(jx_grid *g, int r1, int c1, int r2, int c2)
{
    for (int r = r1; r <= r2; r++)
        for (int c = c1; c <= c2; c++) {
            if (r == r1 && c == c1) continue;
            jx_rcell *x = jx_grid_at(g, r, c);
            free(x->text);
            x->text = NULL;
            x->rowspan = x->colspan = 0;
        }
    jx_grid_at(g, r1, c1)->rowspan = r2 - r1 + 1;
    jx_grid_at(g, r1, c1)->colspan = c2 - c1 + 1;
}

/* A number as the forms print it: 10, 9.5, 95.00%. */
static void put_num(jx_grid *g, int r, int c, jx_num n, int percent)
{
    char t[64];
    if (!n.has) { put(g, r, c, "—", JX_RS_TEXT); return; }
    if (percent) snprintf(t, sizeof t, "%.2f%%", n.v);
    else snprintf(t, sizeof t, "%.15g", n.v);
    put(g, r, c, t, JX_RS_TEXT);
}

static void put_money(jx_grid *g, int r, int c, long long fen)
{
    if (fen == JX_NO_AMOUNT) { put(g, r, c, "—", JX_RS_TEXT); return; }
    char t[64];
    jx_money_format_exact(fen, 1, t, sizeof t);
    put(g, r, c, t, JX_RS_MONEY);
    jx_grid_at(g, r, c)->fen = fen;
}

void jx_render_evaluation(const jx_evaluation *e, jx_grid *g)
{
    int self = e->kind == JX_EVAL_SELF;
    int causes = 0;
    for (size_t i = 0; !self && i < e->nindicators; i++) causes |= e->indicators[i].has_causes;
    memset(g, 0, sizeof *g);
    g->ncols = self ? 9 : causes ? 10 + JX_CAUSE_COUNT - 1 : 10;
    g->money_wan = 1;
    g->col_level1 = 1;
    g->widths = jx_xmalloc((size_t)g->ncols * sizeof *g->widths);
    /* about a declaration form's block (92 characters: A4 portrait), 三级指标 the widest; the
       偏差原因 categories, a tick or a word each, narrow */
    for (int c = 0; c < g->ncols; c++)
        g->widths[c] = c == 3 ? (causes ? 12 : 16) : causes && c >= 7 && c < 7 + JX_CAUSE_COUNT ? 4
                                   : (92.0 - (causes ? 12 + 4 * JX_CAUSE_COUNT : 16)) /
                                         (g->ncols - 1 - (causes ? JX_CAUSE_COUNT : 0));
    int last = g->ncols - 1;
    int r = add_row(g);
    put(g, r, 0, self ? "项目支出绩效自评表" : "项目支出绩效运行监控表", JX_RS_TITLE);
    merge(g, r, 0, r, last);
    if (e->year) {
        char y[64];
        if (self) snprintf(y, sizeof y, "（%d年度）", e->year);
        else snprintf(y, sizeof y, "（%d年1-%d月）", e->year, e->months ? e->months : 6);
        r = add_row(g);
        put(g, r, 0, y, JX_RS_SUBTITLE);
        merge(g, r, 0, r, last);
    }
    r = add_row(g);
    put(g, r, 0, "项目名称", JX_RS_LABEL);
    put(g, r, 1, e->name, JX_RS_TEXT);
    merge(g, r, 1, r, last);
    r = add_row(g);
    put(g, r, 0, "主管部门", JX_RS_LABEL);
    put(g, r, 1, e->department, JX_RS_TEXT);
    merge(g, r, 1, r, 3);
    put(g, r, 4, "实施单位", JX_RS_LABEL);
    put(g, r, 5, e->unit, JX_RS_TEXT);
    merge(g, r, 5, r, last);
    /* 项目资金 */
    char exec_head[32];
    snprintf(exec_head, sizeof exec_head, "1-%d月执行数", e->months ? e->months : 6);
    const char *heads_self[] = {"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"};
    const char *heads_mon[] = {"年初预算数", "全年预算数", exec_head, "执行进度"};
    int nheads = self ? 6 : 4;
    int first = add_row(g);
    put(g, first, 0, "项目资金（万元）", JX_RS_LABEL);
    for (int k = 0; k < nheads; k++) put(g, first, 2 + k, self ? heads_self[k] : heads_mon[k], JX_RS_HEAD);
    for (int fr = 0; fr < JX_FUND_NROWS; fr++) {
        const jx_eval_fund *f = &e->funds[fr];
        r = add_row(g);
        put(g, r, 1, fr == JX_FUND_YEAR ? "其中：当年财政拨款" : jx_fund_row_label((jx_fund_row)fr),
            JX_RS_LABEL);
        put_money(g, r, 2, f->budget_start);
        put_money(g, r, 3, f->budget_year);
        put_money(g, r, 4, f->exec);
        if (self) {
            put_num(g, r, 5, f->marks, 0);
            put_num(g, r, 6, f->rate, 1);
            put_num(g, r, 7, f->score, 0);
        } else {
            put_num(g, r, 5, f->rate, 1);
        }
    }
    merge(g, first, 0, g->nrows - 1, 0);
    /* 年度总体目标 */
    r = add_row(g);
    put(g, r, 0, "年度总体目标", JX_RS_LABEL);
    put(g, r, 1, "预期目标", JX_RS_HEAD);
    merge(g, r, 1, r, 3);
    put(g, r, 4, self ? "实际完成情况" : "目标实际完成情况", JX_RS_HEAD);
    merge(g, r, 4, r, last);
    int t = add_row(g);
    put(g, t, 1, e->goal_target, JX_RS_TEXT);
    merge(g, t, 1, t, 3);
    put(g, t, 4, e->goal_actual, JX_RS_TEXT);
    merge(g, t, 4, t, last);
    g->flags[t] |= JX_RR_WRAP;
    merge(g, r, 0, t, 0);
    /* the indicator table */
    char actual_head[40];
    snprintf(actual_head, sizeof actual_head, "1-%d月实际完成值", e->months ? e->months : 6);
    const char *ih_self[] = {"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                             "偏差原因分析及改进措施"};
    const char *ih_mon[] = {"一级指标", "二级指标", "三级指标", "全年目标值", actual_head,
                            "全年预计完成情况", "偏差原因", "完成目标可能性", "纠偏措施"};
    r = add_row(g);
    put(g, r, 0, "绩效指标", JX_RS_LABEL);
    int head = r;
    if (causes) {
        /* two heading rows: 偏差原因分析 over its categories, the other heads merged down */
        int sub = add_row(g);
        int c = 1;
        for (int k = 0; k < 9; k++) {
            if (k == 6) {
                put(g, r, c, "偏差原因分析", JX_RS_HEAD);
                merge(g, r, c, r, c + JX_CAUSE_COUNT - 1);
                for (int q = 0; q < JX_CAUSE_COUNT; q++)
                    put(g, sub, c + q, jx_deviation_cause_label((jx_deviation_cause)q), JX_RS_HEAD);
                c += JX_CAUSE_COUNT;
                continue;
            }
            put(g, r, c, ih_mon[k], JX_RS_HEAD);
            merge(g, r, c, sub, c);
            c++;
        }
        g->flags[r] |= JX_RR_HEAD;
        head = sub;
    } else {
        for (int k = 0; k < (self ? 8 : 9); k++) put(g, r, 1 + k, self ? ih_self[k] : ih_mon[k], JX_RS_HEAD);
        g->flags[r] |= JX_RR_HEAD;
    }
    for (size_t i = 0; i < e->nindicators; i++) {
        const jx_eval_indicator *x = &e->indicators[i];
        r = add_row(g);
        g->flags[r] |= JX_RR_INDICATOR;
        put(g, r, 1, x->level1, JX_RS_LEVEL);
        put(g, r, 2, x->level2, JX_RS_LEVEL);
        put(g, r, 3, x->name, JX_RS_TEXT);
        put(g, r, 4, x->target, JX_RS_TEXT);
        put(g, r, 5, x->actual, JX_RS_TEXT);
        if (self) {
            if (x->marks.has) put_num(g, r, 6, x->marks, 0);
            if (x->score.has) put_num(g, r, 7, x->score, 0);
            put(g, r, 8, x->reason, JX_RS_TEXT);
        } else if (causes) {
            put(g, r, 6, x->expected, JX_RS_TEXT);
            for (int q = 0; q < JX_CAUSE_COUNT; q++) put(g, r, 7 + q, x->causes[q], JX_RS_TEXT);
            put(g, r, 7 + JX_CAUSE_COUNT, x->possibility, JX_RS_TEXT);
            put(g, r, 8 + JX_CAUSE_COUNT, x->correction, JX_RS_TEXT);
        } else {
            put(g, r, 6, x->expected, JX_RS_TEXT);
            put(g, r, 7, x->reason, JX_RS_TEXT);
            put(g, r, 8, x->possibility, JX_RS_TEXT);
            put(g, r, 9, x->correction, JX_RS_TEXT);
        }
    }
    /* level cells merged down their runs (the parser carries them): 一级 by its text,
       二级 by its text under the same 一级 */
    for (size_t i = 0; i < e->nindicators;) {
        size_t j = i + 1;
        while (j < e->nindicators && jx_same_text(e->indicators[j].level1, e->indicators[i].level1)) j++;
        for (size_t k = i; k < j;) {
            size_t m = k + 1;
            while (m < j && jx_same_text(e->indicators[m].level2, e->indicators[k].level2)) m++;
            if (m - k > 1 && e->indicators[k].level2)
                merge(g, head + 1 + (int)k, 2, head + (int)m, 2);
            k = m;
        }
        if (j - i > 1 && e->indicators[i].level1) merge(g, head + 1 + (int)i, 1, head + (int)j, 1);
        i = j;
    }
    if (e->nindicators) merge(g, causes ? head - 1 : head, 0, g->nrows - 1, 0);
    if (self && (e->total_marks.has || e->total_score.has)) {
        r = add_row(g);
        put(g, r, 0, "总分", JX_RS_LABEL);
        merge(g, r, 0, r, 5);
        put_num(g, r, 6, e->total_marks, 0);
        put_num(g, r, 7, e->total_score, 0);
    }
}
