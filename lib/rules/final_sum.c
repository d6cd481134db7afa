/*
** final-sum: the identities inside each table of a final-accounts disclosure
** (部门决算, DOMAIN.md): a 类 = Σ its 款, a 款 = Σ its 项 (功能分类 3/5/7
** digits, 经济分类 3/5); the 合计 row = Σ the 类; in each row the total
** column = Σ its parts (本年支出合计 = 基本支出 + 项目支出 + …, 本年收入合计 =
** 财政拨款收入 + … + 其他收入, 合计 = 基本支出 + 项目支出, the 三公 合计 =
** 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费 and its 小计 =
** 购置费 + 运行维护费, for 预算数 and 决算数 alike); in the two 总表 本年收入合计
** = Σ the income items, 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和
** 结余, 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余 and 收入总计 = 支出总计;
** in the 基本支出 table 人员经费合计 = 301 + 303 and 公用经费合计 = 302 + 310
** (+ 307/309/399 where printed). Figures are printed in 万元 to 0.01: an
** identity holds within the rounding of the figures it adds (final_util.h).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "final_util.h"
#include "text.h"
#include "jixiao/util.h"

#define MAX_PARTS_GUARD 16

/* Report total ≠ sum (outside rounding). */
static void mismatch(const jx_rule_ctx *ctx, const jx_disclosure *d, const jx_budget_table *t,
                     const jx_budget_row *r, int col, long long total, long long sum, int n,
                     const char *parts)
{
    if (jx_fu_sum_agrees(t, total, sum, n)) return;
    char a[64], b[64], c[64];
    char *place = jx_fu_place(t, r, col);
    jx_report_disclosure(ctx, d, r->page ? r->page : t->page, r->line, place,
                         "%s为%s，而%s之和为%s（差额%s）", place, jx_fu_wan(total, a, sizeof a), parts,
                         jx_fu_wan(sum, b, sizeof b), jx_fu_wan(total - sum, c, sizeof c));
    free(place);
}

/* 类 = Σ 款, 款 = Σ 项 (children: code extended by two digits, anywhere in the table). */
static void codes(const jx_rule_ctx *ctx, const jx_disclosure *d, const jx_budget_table *t)
{
    for (size_t i = 0; i < t->nrows; i++) {
        const jx_budget_row *p = &t->rows[i];
        size_t pl = strlen(p->code);
        if (pl != 3 && pl != 5) continue;
        for (size_t c = 0; c < t->ncolumns; c++) {
            if (p->values[c] == JX_NO_AMOUNT) continue;
            long long sum = 0;
            int kids = 0, valued = 0;
            for (size_t k = 0; k < t->nrows; k++) {
                const jx_budget_row *q = &t->rows[k];
                if (strlen(q->code) != pl + 2 || strncmp(q->code, p->code, pl) != 0) continue;
                kids++;
                valued += q->values[c] != JX_NO_AMOUNT;
                sum += jx_fu_v(q->values[c]);
            }
            if (!valued) continue;
            char parts[64];
            snprintf(parts, sizeof parts, "其下%d个%s", kids, pl == 3 ? "款" : "项");
            mismatch(ctx, d, t, p, (int)c, p->values[c], sum, kids, parts);
        }
    }
}

/* The 合计 row = Σ 类 (3-digit codes) in each column. */
static void total_row(const jx_rule_ctx *ctx, const jx_disclosure *d, const jx_budget_table *t)
{
    const jx_budget_row *tot = jx_fu_row(t, "合计");
    if (!tot || tot->code[0]) return;
    for (size_t c = 0; c < t->ncolumns; c++) {
        if (tot->values[c] == JX_NO_AMOUNT) continue;
        long long sum = 0;
        int n = 0;
        for (size_t i = 0; i < t->nrows; i++)
            if (strlen(t->rows[i].code) == 3 && t->rows[i].values[c] != JX_NO_AMOUNT) {
                sum += t->rows[i].values[c];
                n++;
            }
        if (n) mismatch(ctx, d, t, tot, (int)c, tot->values[c], sum, n, "各类");
    }
}

/* Check column total = Σ columns parts[] in every row having figures. */
static void row_identity(const jx_rule_ctx *ctx, const jx_disclosure *d, const jx_budget_table *t,
                         int total, const int *parts, int np)
{
    if (total < 0 || np < 2) return;
    for (size_t i = 0; i < t->nrows; i++) {
        const jx_budget_row *r = &t->rows[i];
        if (r->values[total] == JX_NO_AMOUNT) continue;
        long long sum = 0;
        int any = 0;
        jx_buf names = {0};
        for (int k = 0; k < np; k++) {
            if (parts[k] < 0) continue;
            any |= r->values[parts[k]] != JX_NO_AMOUNT;
            sum += jx_fu_v(r->values[parts[k]]);
            jx_buf_printf(&names, "%s「%s」", names.len ? "+" : "", t->columns[parts[k]]);
        }
        if (any) mismatch(ctx, d, t, r, total, r->values[total], sum, np, names.data);
        jx_buf_free(&names);
    }
}

/* The leaf of a column name (after the last '/'). */
static const char *leaf(const char *name)
{
    const char *s = strrchr(name, '/');
    return s ? s + 1 : name;
}

/* Column identities: a …合计/小计 column = the following columns of its group. */
static void columns(const jx_rule_ctx *ctx, const jx_disclosure *d, const jx_budget_table *t)
{
    int sangong = strstr(t->title, "三公") != NULL;
    if (sangong) {
        static const char *const kinds[] = {"预算数", "决算数", NULL};
        for (int k = 0; kinds[k]; k++) {
            char name[160];
            int tot = -1, abroad = -1, car = -1, buy = -1, run = -1, rec = -1;
            for (size_t c = 0; c < t->ncolumns; c++) {
                const char *n = t->columns[c];
                if (strcmp(leaf(n), kinds[k])) continue;
                if (jx_starts_with(n, "合计/")) tot = (int)c;
                else if (strstr(n, "出国")) abroad = (int)c;
                else if (strstr(n, "小计")) car = (int)c;
                else if (strstr(n, "购置费")) buy = (int)c;
                else if (strstr(n, "运行")) run = (int)c;
                else if (strstr(n, "接待")) rec = (int)c;
            }
            int p1[3] = {abroad, car, rec}, p2[2] = {buy, run};
            if (abroad >= 0 && car >= 0 && rec >= 0) row_identity(ctx, d, t, tot, p1, 3);
            if (buy >= 0 && run >= 0) row_identity(ctx, d, t, car, p2, 2);
            (void)name;
        }
        return;
    }
    for (size_t c = 0; c < t->ncolumns; c++) {
        const char *n = t->columns[c], *l = leaf(n);
        if (!(jx_ends_with(l, "合计") || !strcmp(l, "小计"))) continue;
        size_t plen = (size_t)(l - n);
        int parts[MAX_PARTS_GUARD];
        int np = 0;
        for (size_t k = c + 1; k < t->ncolumns && np < MAX_PARTS_GUARD; k++) {
            const char *o = t->columns[k];
            if (strncmp(o, n, plen) != 0 || (plen == 0 && strchr(o, '/'))) break;
            if (jx_ends_with(leaf(o), "合计")) break;
            parts[np++] = (int)k;
        }
        row_identity(ctx, d, t, (int)c, parts, np);
    }
}

/* 1 when a row name starts with a Chinese ordinal (一、). */
static int ordinal_name(const char *s)
{
    static const char *const cn[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", NULL};
    size_t i = 0;
    for (int again = 1; again;) {
        again = 0;
        for (int k = 0; cn[k]; k++)
            if (jx_starts_with(s + i, cn[k])) { i += strlen(cn[k]); again = 1; }
    }
    return i > 0 && jx_starts_with(s + i, "、");
}

/*
** The two 总表, per value column: 本年X合计 = Σ the ordinal rows before it;
** 总计 = 本年X合计 + the rows between (a heading row without a figure stands
** for its ordinal rows). Returns the 总计 row of the column.
*/
static const jx_budget_row *totals_column(const jx_rule_ctx *ctx, const jx_disclosure *d,
                                          const jx_budget_table *t, int c)
{
    long long sum = 0;
    int n = 0;
    const jx_budget_row *year = NULL, *grand = NULL;
    long long after = 0;
    int nafter = 0, parent = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const jx_budget_row *r = &t->rows[i];
        char *k = jx_text_key(r->name);
        int is_year = jx_ends_with(k, "本年收入合计") || jx_ends_with(k, "本年支出合计");
        int is_grand = !strcmp(k, "总计");
        free(k);
        if (!year) {
            if (is_year) {
                if (r->values[c] == JX_NO_AMOUNT) { sum = 0; n = 0; continue; }
                year = r;
                if (n) mismatch(ctx, d, t, r, c, r->values[c], sum, n, "各收支项目");
                continue;
            }
            if (ordinal_name(r->name) && r->values[c] != JX_NO_AMOUNT) {
                sum += r->values[c];
                n++;
            }
            continue;
        }
        if (is_grand) {
            if (r->values[c] != JX_NO_AMOUNT) grand = r;
            break;
        }
        if (r->values[c] == JX_NO_AMOUNT) continue;
        /* 年初结转和结余 with a figure stands for its 一、二、三 rows; without, they count */
        if (ordinal_name(r->name)) {
            if (!parent) { after += r->values[c]; nafter++; }
            continue;
        }
        parent = 1;
        after += r->values[c];
        nafter++;
    }
    if (year && grand && year->values[c] != JX_NO_AMOUNT)
        mismatch(ctx, d, t, grand, c, grand->values[c], year->values[c] + after, nafter + 1,
                 "本年合计与结余、结转");
    return grand;
}

/* 收支总表, 财政拨款收支总表: both sides' totals, and 收入总计 = 支出总计. */
static void totals(const jx_rule_ctx *ctx, const jx_disclosure *d, const jx_budget_table *t)
{
    if (!strstr(t->title, "总表")) return;
    const jx_budget_row *in = NULL, *out = NULL;
    int cin = -1, cout = -1;
    for (size_t c = 0; c < t->ncolumns; c++) {
        const jx_budget_row *g = totals_column(ctx, d, t, (int)c);
        if (jx_starts_with(t->columns[c], "收入") && !in) { in = g; cin = (int)c; }
        if (jx_starts_with(t->columns[c], "支出") && !out) { out = g; cout = (int)c; }
    }
    if (in && out && in->values[cin] != out->values[cout]) {
        char a[64], b[64];
        char *pa = jx_fu_place(t, in, cin), *pb = jx_fu_place(t, out, cout);
        jx_report_disclosure(ctx, d, in->page ? in->page : t->page, in->line, pa,
                             "%s为%s，而%s为%s：收入总计应等于支出总计", pa, jx_fu_wan(in->values[cin], a, sizeof a),
                             pb, jx_fu_wan(out->values[cout], b, sizeof b));
        free(pa);
        free(pb);
    }
}

/* 基本支出: 人员经费合计 = 301 + 303, 公用经费合计 = 302 + 307 + 309 + 310 + 399. */
static void basic(const jx_rule_ctx *ctx, const jx_disclosure *d, const jx_budget_table *t)
{
    if (!strstr(t->title, "基本支出")) return;
    static const struct { const char *row; const char *codes[6]; const char *parts; } ids[] = {
        {"人员经费合计", {"301", "303", NULL}, "301+303"},
        {"公用经费合计", {"302", "307", "309", "310", "399", NULL}, "302+307+309+310+399"},
    };
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        const jx_budget_row *r = jx_fu_row(t, ids[i].row);
        if (!r) continue;
        int col = -1;
        for (size_t c = 0; c < t->ncolumns && col < 0; c++)
            if (r->values[c] != JX_NO_AMOUNT) col = (int)c;
        if (col < 0) continue;
        long long sum = 0;
        int n = 0;
        for (int k = 0; ids[i].codes[k]; k++) {
            const jx_budget_row *x = jx_fu_code(t, ids[i].codes[k]);
            if (!x) continue;
            for (size_t c = 0; c < t->ncolumns; c++)
                if (x->values[c] != JX_NO_AMOUNT) { sum += x->values[c]; n++; break; }
        }
        if (n) {
            char parts[64];
            snprintf(parts, sizeof parts, "经济分类%s", ids[i].parts);
            mismatch(ctx, d, t, r, col, r->values[col], sum, n, parts);
        }
    }
}

/* Every final table of every checked disclosure. */
static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        if (!jx_fu_checked(d)) continue;
        for (size_t i = 0; i < d->ntables; i++) {
            const jx_budget_table *t = &d->tables[i];
            if (t->kind != JX_TABLE_FINAL) continue;
            codes(ctx, d, t);
            total_row(ctx, d, t);
            columns(ctx, d, t);
            totals(ctx, d, t);
            basic(ctx, d, t);
        }
    }
}

const jx_rule jx_rule_final_sum = {
    "final-sum", JX_SEV_ERROR, JX_DIM_APPROPRIATENESS,
    "决算表内合计与其明细之和不一致",
    "部门决算公开表格：类=所属款之和，款=所属项之和，合计=各类之和，本年支出合计=基本支出+项目支出+…，"
    "收入总计=本年收入合计+使用非财政拨款结余+年初结转和结余，支出总计=本年支出合计+结余分配+年末结转和结余，"
    "“三公”合计=因公出国（境）费+公务用车购置及运行维护费+公务接待费（万元两位小数，允许舍入差）",
    {{NULL, 0, NULL}}, NULL, check, JX_SCOPE_DISCLOSURE,
};
