/*
** budget-cross: the same figure in two tables of one department disclosure
** must agree, exact in fen: 收支总表 against 收入总表/支出总表, 收入总表
** against 支出总表 per 科目, 财政拨款收入 against the three fiscal
** function tables together (财政拨款 = 一般公共预算 + 政府性基金 + 国有资本
** 经营预算), 财政拨款收支总表 against the 一般公共预算 table, its 基本支出
** against the 经济分类 table, and the 三公 table against the 经济分类 rows.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget_util.h"
#include "jixiao/util.h"

/* Compare two cells; report when both hold a figure and they differ. */
static void same(const jx_rule_ctx *ctx, const jx_bu_at *anchor,
                 const jx_budget_table *ta, const jx_budget_row *ra, int ca,
                 const jx_budget_table *tb, const jx_budget_row *rb, int cb)
{
    if (!ta || !tb || !ra || !rb || ca < 0 || cb < 0) return;
    long long a = ra->values[ca], b = rb->values[cb];
    if (a == JX_NO_AMOUNT || b == JX_NO_AMOUNT || a == b) return;
    char x[64], y[64], z[64];
    char *pa = jx_bu_place(ta, ra, ca), *pb = jx_bu_place(tb, rb, cb);
    jx_bu_report(ctx, anchor, ra->line, pa, "%s为%s，而%s为%s（差额%s）", pa,
              jx_bu_yuan(a, x, sizeof x), pb, jx_bu_yuan(b, y, sizeof y),
              jx_bu_yuan(a - b, z, sizeof z));
    free(pa);
    free(pb);
}

/* Per 科目 code: column ca of ta against column cb of tb. */
static void by_code(const jx_rule_ctx *ctx, const jx_bu_at *anchor, const jx_budget_table *ta,
                    int ca, const jx_budget_table *tb, int cb)
{
    if (!ta || !tb) return;
    for (size_t i = 0; i < ta->nrows; i++) {
        const jx_budget_row *r = &ta->rows[i];
        if (!r->code[0]) continue;
        same(ctx, anchor, ta, r, ca, tb, jx_bu_row_code(tb, r->code), cb);
    }
    same(ctx, anchor, ta, jx_bu_total_row(ta, ca), ca, tb, jx_bu_total_row(tb, cb), cb);
}

/* Rows of ta with a value in ca against the 类 rows of tb of the same name. */
static void by_name(const jx_rule_ctx *ctx, const jx_bu_at *anchor, const jx_budget_table *ta,
                    int ca, const jx_budget_table *tb, int cb)
{
    if (!ta || !tb || ca < 0) return;
    for (size_t i = 0; i < ta->nrows; i++) {
        const jx_budget_row *r = &ta->rows[i];
        if (r->values[ca] == JX_NO_AMOUNT || !r->name[0]) continue;
        const jx_budget_row *o = jx_bu_row_name(tb, r->name);
        if (o && strlen(o->code) == 3) same(ctx, anchor, ta, r, ca, tb, o, cb);
    }
}

/*
** The fiscal function tables whose 合计 together make 财政拨款: 一般公共预算,
** 政府性基金预算, 国有资本经营预算 (the 功能分类 table of each). A table
** the disclosure prints but leaves empty counts as zero.
*/
enum { FISCAL_PARTS = 3 };
static const char *const fiscal_part_word[FISCAL_PARTS] = {"一般公共预算", "政府性基金",
                                                           "国有资本经营"};

/*
** 财政拨款收入 of the 收入总表, per 科目 code and for the 合计 row, against the
** sum of that code's 合计 in the fiscal function tables. Skipped when a part's
** table is absent while the 财政拨款收支总表 gives that part money (the sum
** would miss it), and for a code no fiscal table carries.
*/
static void fiscal_sum(const jx_rule_ctx *ctx, const jx_bu_at *anchor, const jx_disclosure *dis,
                       const jx_budget_table *in, const jx_budget_table *fis)
{
    int ca = jx_bu_col(in, "财政拨款");
    if (!in || ca < 0) return;
    const jx_budget_table *part[FISCAL_PARTS];
    int nparts = 0;
    for (int k = 0; k < FISCAL_PARTS; k++) {
        part[k] = jx_bu_table(dis, (const char *const[]){fiscal_part_word[k], "功能分类", NULL}, NULL);
        if (part[k]) { nparts++; continue; }
        int fc = jx_bu_col(fis, fiscal_part_word[k]);
        const jx_budget_row *ft = jx_bu_total_row(fis, fc);
        if (ft && ft->values[fc] != 0) return;   /* money of a part we cannot see */
    }
    if (nparts == 0) return;
    for (size_t i = 0; i <= in->nrows; i++) {
        const jx_budget_row *r = i < in->nrows ? &in->rows[i] : jx_bu_total_row(in, ca);
        if (!r || (i < in->nrows && !r->code[0]) || r->values[ca] == JX_NO_AMOUNT) continue;
        long long sum = 0;
        int found = 0;
        jx_buf where = {0};
        for (int k = 0; k < FISCAL_PARTS; k++) {
            if (!part[k]) continue;
            int cb = jx_bu_col(part[k], "合计");
            const jx_budget_row *o = i < in->nrows ? jx_bu_row_code(part[k], r->code)
                                                   : jx_bu_total_row(part[k], cb);
            if (!o || cb < 0 || o->values[cb] == JX_NO_AMOUNT) continue;
            sum += o->values[cb];
            char *pb = jx_bu_place(part[k], o, cb);
            jx_buf_printf(&where, "%s%s", found ? "与" : "", pb);
            free(pb);
            found++;
        }
        if (found && sum != r->values[ca]) {
            char x[64], y[64], z[64];
            char *pa = jx_bu_place(in, r, ca);
            jx_bu_report(ctx, anchor, r->line, pa, "%s为%s，而%s%s为%s（差额%s）", pa,
                      jx_bu_yuan(r->values[ca], x, sizeof x), where.data, found > 1 ? "之和" : "",
                      jx_bu_yuan(sum, y, sizeof y), jx_bu_yuan(r->values[ca] - sum, z, sizeof z));
            free(pa);
        }
        jx_buf_free(&where);
    }
}

/* A row of t by name in column col (the row must hold a value there). */
static const jx_budget_row *named(const jx_budget_table *t, const char *name)
{
    return t ? jx_bu_row_name(t, name) : NULL;
}

/* Each disclosure's cross-table identities. */
static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t d = 0; d < forms->ndisclosures; d++) {
        const jx_disclosure *dis = forms->disclosures[d];
        jx_bu_at at, *anchor = &at;
        if (!jx_bu_at_of(forms, dis, &at)) continue;
        const jx_budget_table
            *all = jx_bu_table(dis, (const char *const[]){"收支", "总表", NULL}, "财政拨款"),
            *in = jx_bu_table(dis, (const char *const[]){"收入", "总表", NULL}, "收支"),
            *out = jx_bu_table(dis, (const char *const[]){"支出", "总表", NULL}, "收支"),
            *fis = jx_bu_table(dis, (const char *const[]){"财政拨款", "收支", NULL}, NULL),
            *pub = jx_bu_table(dis, (const char *const[]){"一般公共预算", "功能分类", NULL}, NULL),
            *eco = jx_bu_table(dis, (const char *const[]){"经济分类", NULL}, NULL),
            *sg = jx_bu_table(dis, (const char *const[]){"三公", NULL}, NULL);
        /* 收支总表 ↔ 收入总表 / 支出总表 */
        int all_in = jx_bu_col(all, "收入"), all_out = jx_bu_col(all, "支出");
        const jx_budget_row *in_tot = jx_bu_total_row(in, jx_bu_col(in, "合计"));
        const jx_budget_row *out_tot = jx_bu_total_row(out, jx_bu_col(out, "合计"));
        same(ctx, anchor, all, jx_bu_total_row(all, all_in), all_in, in, in_tot, jx_bu_col(in, "合计"));
        same(ctx, anchor, all, jx_bu_total_row(all, all_out), all_out, out, out_tot,
             jx_bu_col(out, "合计"));
        by_name(ctx, anchor, all, all_out, out, jx_bu_col(out, "合计"));
        if (all) {
            for (size_t i = 0; i < all->nrows; i++) {
                const jx_budget_row *r = &all->rows[i];
                if (all_in < 0 || r->values[all_in] == JX_NO_AMOUNT) continue;
                if (strstr(r->name, "财政拨款"))
                    same(ctx, anchor, all, r, all_in, in, in_tot, jx_bu_col(in, "财政拨款"));
                else if (strstr(r->name, "其他收入"))
                    same(ctx, anchor, all, r, all_in, in, in_tot, jx_bu_col(in, "其他收入"));
                else if (strstr(r->name, "事业收入"))
                    same(ctx, anchor, all, r, all_in, in, in_tot, jx_bu_col(in, "事业收入"));
            }
        }
        /* 收入总表 ↔ 支出总表, per 科目 */
        by_code(ctx, anchor, in, jx_bu_col(in, "合计"), out, jx_bu_col(out, "合计"));
        /* 财政拨款收入 ↔ 一般公共预算 + 政府性基金 + 国有资本经营预算 */
        fiscal_sum(ctx, anchor, dis, in, fis);
        /* 财政拨款收支总表 ↔ 一般公共预算 table */
        int fis_pub = jx_bu_col(fis, "一般公共预算");
        by_name(ctx, anchor, fis, fis_pub, pub, jx_bu_col(pub, "合计"));
        same(ctx, anchor, fis, jx_bu_total_row(fis, fis_pub), fis_pub, pub,
             jx_bu_total_row(pub, jx_bu_col(pub, "合计")), jx_bu_col(pub, "合计"));
        int fis_in = jx_bu_col(fis, "收入");
        same(ctx, anchor, fis, jx_bu_total_row(fis, fis_in), fis_in, in, in_tot, jx_bu_col(in, "财政拨款"));
        /* 一般公共预算 基本支出 ↔ 经济分类 合计 */
        same(ctx, anchor, pub, jx_bu_total_row(pub, jx_bu_col(pub, "基本支出")), jx_bu_col(pub, "基本支出"),
             eco, jx_bu_total_row(eco, jx_bu_col(eco, "合计")), jx_bu_col(eco, "合计"));
        /* 三公 ↔ 经济分类 */
        if (sg && sg->nrows > 0 && eco) {
            const jx_budget_row *s = &sg->rows[0];
            same(ctx, anchor, sg, s, jx_bu_col(sg, "公务接待费"), eco, named(eco, "*公务接待费"),
                 jx_bu_col(eco, "合计"));
            same(ctx, anchor, sg, s, jx_bu_col(sg, "/运行费"), eco, named(eco, "*公务用车运行维护费"),
                 jx_bu_col(eco, "合计"));
        }
    }
}

const jx_rule jx_rule_budget_cross = {
    "budget-cross", JX_SEV_ERROR, JX_DIM_APPROPRIATENESS,
    "同一数字在不同预算表中不一致",
    "部门预算公开各表之间数据应当衔接一致（收支总表、收入总表、支出总表、财政拨款收支总表、功能分类、经济分类、三公经费）",
    {{NULL, 0, NULL}}, NULL, check, JX_SCOPE_DISCLOSURE,
};
