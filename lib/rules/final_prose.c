/*
** final-prose: a figure the 情况说明 of a final-accounts disclosure states must
** be its table's figure (at the prose's printed decimals), and a share (占…%)
** must be the figure over its base (the 其中's parent, or the base it names),
** rounded to the printed decimals. Which table cell a subject is, is one data
** table (subjects[] below; 一般公共服务支出（类） → the 一般公共预算财政拨款支出
** 决算表's 类 row of that name).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "final_util.h"
#include "text.h"
#include "jixiao/util.h"

/* Subject → table cell. side: 0 the first 决算数 column (收入), 1 the second (支出). */
static const struct subject_cell {
    const char *subject;   /* the statement's subject key */
    const char *table;     /* title key contains */
    const char *not;       /* … and not this */
    const char *row;       /* row name */
    const char *col;       /* column leaf */
    int side;
} subjects[] = {
    {"收入支出总计", "收入支出决算总表", "财政拨款", "总计", "决算数", 0},
    {"本年收入合计", "收入支出决算总表", "财政拨款", "本年收入合计", "决算数", 0},
    {"本年支出合计", "收入支出决算总表", "财政拨款", "本年支出合计", "决算数", 1},
    {"财政拨款收入", "收入决算表", "财政拨款", "合计", "财政拨款收入", 0},
    {"上级补助收入", "收入决算表", "财政拨款", "合计", "上级补助收入", 0},
    {"事业收入", "收入决算表", "财政拨款", "合计", "事业收入", 0},
    {"经营收入", "收入决算表", "财政拨款", "合计", "经营收入", 0},
    {"附属单位上缴收入", "收入决算表", "财政拨款", "合计", "附属单位上缴收入", 0},
    {"其他收入", "收入决算表", "财政拨款", "合计", "其他收入", 0},
    {"基本支出", "支出决算表", "财政拨款", "合计", "基本支出", 0},
    {"项目支出", "支出决算表", "财政拨款", "合计", "项目支出", 0},
    {"上缴上级支出", "支出决算表", "财政拨款", "合计", "上缴上级支出", 0},
    {"经营支出", "支出决算表", "财政拨款", "合计", "经营支出", 0},
    {"对附属单位补助支出", "支出决算表", "财政拨款", "合计", "对附属单位补助支出", 0},
    {"财政拨款收入支出总计", "财政拨款收入支出决算总表", NULL, "总计", "决算数", 0},
    {"一般公共预算财政拨款支出", "一般公共预算财政拨款支出决算", "基本支出", "合计", "合计", 0},
    {"一般公共预算财政拨款基本支出", "一般公共预算财政拨款支出决算", "基本支出决算", "合计", "基本支出", 0},
    {"人员经费", "基本支出决算", NULL, "人员经费合计", NULL, 0},
    {"公用经费", "基本支出决算", NULL, "公用经费合计", NULL, 0},
};

/* A resolved table cell. */
typedef struct cell {
    const jx_budget_table *t;
    const jx_budget_row *r;
    int col;
} cell;

/* The table cell a subject names; 1 when found (the cell may be empty). */
static int resolve(const jx_disclosure *d, const char *subject, cell *out)
{
    memset(out, 0, sizeof *out);
    size_t sl = strlen(subject);
    if (sl > strlen("(类)") && jx_ends_with(subject, "(类)")) {
        const jx_budget_table *t = jx_fu_table_except(d, "一般公共预算财政拨款支出决算", "基本支出");
        int col = jx_fu_col(t, "合计", 0);
        if (!t || col < 0) return 0;
        char *name = jx_strndup(subject, sl - strlen("(类)"));
        for (size_t i = 0; i < t->nrows; i++) {
            if (strlen(t->rows[i].code) != 3) continue;
            char *k = jx_text_key(t->rows[i].name);
            int hit = !strcmp(k, name);
            free(k);
            if (hit) { out->t = t; out->r = &t->rows[i]; out->col = col; break; }
        }
        free(name);
        return out->t != NULL;
    }
    for (size_t i = 0; i < sizeof subjects / sizeof *subjects; i++) {
        if (strcmp(subjects[i].subject, subject)) continue;
        const jx_budget_table *t = jx_fu_table_except(d, subjects[i].table, subjects[i].not);
        if (!t) return 0;
        int col = -1;
        if (subjects[i].col) {
            col = jx_fu_col(t, subjects[i].col, 0);
            if (subjects[i].side == 1 && col >= 0) col = jx_fu_col(t, subjects[i].col, col + 1);
        }
        const jx_budget_row *r = col >= 0 ? jx_fu_row_in(t, subjects[i].row, col) : jx_fu_row(t, subjects[i].row);
        if (!r && col >= 0) r = jx_fu_row(t, subjects[i].row);
        if (!r) return 0;
        if (col < 0)
            for (size_t c = 0; c < t->ncolumns && col < 0; c++)
                if (r->values[c] != JX_NO_AMOUNT) col = (int)c;
        if (col < 0) return 0;
        out->t = t;
        out->r = r;
        out->col = col;
        return 1;
    }
    return 0;
}

/* The value of a resolved cell, JX_NO_AMOUNT when none. */
static long long value(const cell *c)
{
    return c->t && c->r && c->col >= 0 ? c->r->values[c->col] : JX_NO_AMOUNT;
}

/* Half a unit of the stated decimals of 万元, in fen. */
static long long half(int decimals)
{
    long long q = 1000000;
    for (int i = 0; i < decimals && q > 1; i++) q /= 10;
    return q / 2;
}

/* Compare one amount statement with its table cell and its share with its base. */
static void statement(const jx_rule_ctx *ctx, const jx_disclosure *d, size_t i)
{
    const jx_statement *s = &d->statements[i];
    cell c;
    int found = resolve(d, s->subject, &c);
    long long tv = found ? value(&c) : JX_NO_AMOUNT;
    if (found && tv != JX_NO_AMOUNT && !jx_fu_stated_agrees(s->amount, s->decimals, tv)) {
        char a[64], b[64];
        char *place = jx_fu_place(c.t, c.r, c.col);
        jx_report_disclosure(ctx, d, s->page, s->line, s->subject,
                             "情况说明称“%s”为%s，而%s为%s", s->subject, jx_fu_wan(s->amount, a, sizeof a),
                             place, jx_fu_wan(tv, b, sizeof b));
        free(place);
    }
    if (!s->has_share) return;
    /* the base: the subject it names, else the 其中's parent (the last figure without a share) */
    const jx_statement *base = NULL;
    cell bc;
    int bfound = 0;
    if (s->share_of) {
        char *k = jx_text_key(s->share_of);
        bfound = resolve(d, k, &bc);
        for (size_t j = i; j-- > 0 && !base;)
            if (d->statements[j].kind == JX_STMT_AMOUNT && !strcmp(d->statements[j].subject, k))
                base = &d->statements[j];
        free(k);
    }
    if (!base && !bfound)
        for (size_t j = i; j-- > 0;) {
            const jx_statement *p = &d->statements[j];
            if (p->line != s->line) break;
            if (p->kind == JX_STMT_AMOUNT && !p->has_share) { base = p; break; }
        }
    if (!base && !bfound) return;
    if (!bfound) bfound = resolve(d, base->subject, &bc);
    long long part = tv != JX_NO_AMOUNT ? tv : s->amount;
    long long epart = tv != JX_NO_AMOUNT ? jx_fu_half(c.t) : half(s->decimals);
    long long bv = bfound ? value(&bc) : JX_NO_AMOUNT;
    long long whole = bv != JX_NO_AMOUNT ? bv : base ? base->amount : JX_NO_AMOUNT;
    long long ewhole = bv != JX_NO_AMOUNT ? jx_fu_half(bc.t) : base ? half(base->decimals) : 0;
    if (whole == JX_NO_AMOUNT || part == JX_NO_AMOUNT) return;
    if (jx_fu_pct_agrees(s->share, s->share_decimals, part, epart, whole, ewhole)) return;
    char a[64], b[64];
    jx_report_disclosure(ctx, d, s->page, s->line, s->subject,
                         "情况说明称“%s”占%.*f%%，而%s÷%s（%s）=%.2f%%", s->subject, s->share_decimals,
                         s->share, jx_fu_wan(part, a, sizeof a), jx_fu_wan(whole, b, sizeof b),
                         base ? base->subject : (s->share_of ? s->share_of : ""),
                         100.0 * (double)part / (double)whole);
}

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        if (!jx_fu_checked(d)) continue;
        for (size_t i = 0; i < d->nstatements; i++)
            if (d->statements[i].kind == JX_STMT_AMOUNT) statement(ctx, d, i);
    }
}

/* Exported for final-change: the table figure of a subject, JX_NO_AMOUNT when none. */
long long jx_final_subject_value(const jx_disclosure *d, const char *subject, long long *half_unit)
{
    cell c;
    if (!resolve(d, subject, &c)) return JX_NO_AMOUNT;
    if (half_unit) *half_unit = jx_fu_half(c.t);
    return value(&c);
}

const jx_rule jx_rule_final_prose = {
    "final-prose", JX_SEV_ERROR, JX_DIM_APPROPRIATENESS,
    "决算情况说明的数字或占比与表格不一致",
    "部门决算公开：情况说明所述金额应与决算表一致，占比=该项÷其总数（按所印小数位舍入）",
    {{NULL, 0, NULL}}, NULL, check, JX_SCOPE_DISCLOSURE,
};
