/*
** final-cross: one figure printed in two tables of a final-accounts disclosure
** must be the same number (both are the same exact amount rounded the same
** way): 收入支出决算总表's 本年收入合计 = 收入决算表's 合计, its 本年支出合计 =
** 支出决算表's 合计, each of its expenditure 类 = the 支出决算表 类 of that
** name; 收入决算表's 财政拨款收入 = 财政拨款收入支出决算总表's 本年收入合计; the
** 财政拨款收入支出决算总表's 一般公共预算财政拨款 per 类 = the 一般公共预算财政
** 拨款支出决算表 类; that table's 基本支出 = 人员经费合计 + 公用经费合计 of the
** 基本支出决算表 (within the rounding of the two).
*/
#include <stdlib.h>
#include <string.h>

#include "final_util.h"
#include "text.h"

/* Report two printed cells that differ. */
static void same(const jx_rule_ctx *ctx, const jx_disclosure *d, const jx_budget_table *ta,
                 const jx_budget_row *ra, int ca, const jx_budget_table *tb, const jx_budget_row *rb,
                 int cb, long long tolerance)
{
    if (!ta || !tb || !ra || !rb || ca < 0 || cb < 0) return;
    long long a = ra->values[ca], b = rb->values[cb];
    if (a == JX_NO_AMOUNT || b == JX_NO_AMOUNT) return;
    long long diff = a > b ? a - b : b - a;
    if (diff <= tolerance) return;
    char x[64], y[64], z[64];
    char *pa = jx_fu_place(ta, ra, ca), *pb = jx_fu_place(tb, rb, cb);
    jx_report_disclosure(ctx, d, ra->page ? ra->page : ta->page, ra->line, pa,
                         "%s为%s，而%s为%s（差额%s）", pa, jx_fu_wan(a, x, sizeof x), pb,
                         jx_fu_wan(b, y, sizeof y), jx_fu_wan(a - b, z, sizeof z));
    free(pa);
    free(pb);
}

/* The 类 rows (ordinal names) of a 总表 column against the 3-digit rows of another table. */
static void classes(const jx_rule_ctx *ctx, const jx_disclosure *d, const jx_budget_table *ta,
                    int ca, const jx_budget_table *tb, int cb)
{
    if (!ta || !tb || ca < 0 || cb < 0) return;
    for (size_t i = 0; i < ta->nrows; i++) {
        const jx_budget_row *r = &ta->rows[i];
        if (r->values[ca] == JX_NO_AMOUNT || r->code[0]) continue;
        const char *name = strstr(r->name, "、");
        name = name ? name + strlen("、") : r->name;
        for (size_t k = 0; k < tb->nrows; k++) {
            const jx_budget_row *o = &tb->rows[k];
            if (strlen(o->code) != 3) continue;
            char *a = jx_text_key(name), *b = jx_text_key(o->name);
            int match = !strcmp(a, b);
            free(a);
            free(b);
            if (match) { same(ctx, d, ta, r, ca, tb, o, cb, 0); break; }
        }
    }
}

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        if (!jx_fu_checked(d)) continue;
        const jx_budget_table *all = jx_fu_table_except(d, "收入支出决算总表", "财政拨款");
        const jx_budget_table *inc = jx_fu_table_except(d, "收入决算表", "财政拨款");
        const jx_budget_table *exp = jx_fu_table_except(d, "支出决算表", "财政拨款");
        if (exp == all) exp = NULL;
        const jx_budget_table *fis = jx_fu_table_except(d, "财政拨款收入支出决算总表", NULL);
        const jx_budget_table *pub = jx_fu_table_except(d, "一般公共预算财政拨款支出决算", "基本支出");
        const jx_budget_table *bas = jx_fu_table_except(d, "基本支出决算", NULL);
        int all_in = jx_fu_col(all, "决算数", 0);
        int all_out = all ? jx_fu_col(all, "决算数", all_in + 1) : -1;
        if (all && all_in >= 0 && !jx_starts_with(all->columns[all_in], "收入")) all_out = all_in, all_in = -1;
        same(ctx, d, all, jx_fu_row_in(all, "本年收入合计", all_in), all_in, inc,
             jx_fu_row(inc, "合计"), jx_fu_col(inc, "本年收入合计", 0), 0);
        same(ctx, d, all, jx_fu_row_in(all, "本年支出合计", all_out), all_out, exp,
             jx_fu_row(exp, "合计"), jx_fu_col(exp, "本年支出合计", 0), 0);
        classes(ctx, d, all, all_out, exp, jx_fu_col(exp, "本年支出合计", 0));
        int fis_in = jx_fu_col(fis, "决算数", 0);
        same(ctx, d, inc, jx_fu_row(inc, "合计"), jx_fu_col(inc, "财政拨款收入", 0), fis,
             jx_fu_row_in(fis, "本年收入合计", fis_in), fis_in, 0);
        classes(ctx, d, fis, jx_fu_col(fis, "一般公共预算财政拨款", 0), pub, jx_fu_col(pub, "合计", 0));
        /* 基本支出 = 人员经费合计 + 公用经费合计 */
        if (pub && bas) {
            const jx_budget_row *tot = jx_fu_row(pub, "合计");
            const jx_budget_row *pe = jx_fu_row(bas, "人员经费合计"), *pu = jx_fu_row(bas, "公用经费合计");
            int cb = jx_fu_col(pub, "基本支出", 0);
            if (tot && pe && pu && cb >= 0 && tot->values[cb] != JX_NO_AMOUNT) {
                long long sum = 0;
                int n = 0;
                for (size_t c = 0; c < bas->ncolumns; c++) {
                    if (pe->values[c] != JX_NO_AMOUNT && !n) { sum += pe->values[c]; n = 1; }
                }
                for (size_t c = 0; c < bas->ncolumns; c++)
                    if (pu->values[c] != JX_NO_AMOUNT) { sum += pu->values[c]; n++; break; }
                if (n == 2 && !jx_fu_sum_agrees(pub, tot->values[cb], sum, 2)) {
                    char a[64], b[64];
                    char *pa = jx_fu_place(pub, tot, cb);
                    jx_report_disclosure(ctx, d, tot->page ? tot->page : pub->page, tot->line, pa,
                                         "%s为%s，而表「%s」人员经费合计与公用经费合计之和为%s", pa,
                                         jx_fu_wan(tot->values[cb], a, sizeof a), bas->title,
                                         jx_fu_wan(sum, b, sizeof b));
                    free(pa);
                }
            }
        }
    }
}

const jx_rule jx_rule_final_cross = {
    "final-cross", JX_SEV_ERROR, JX_DIM_APPROPRIATENESS,
    "决算表之间同一数字不一致",
    "部门决算公开：同一数字在各表中应一致（收入支出决算总表与收入、支出决算表，财政拨款收入支出决算总表与"
    "一般公共预算财政拨款支出决算表，基本支出=人员经费+公用经费）",
    {{NULL, 0, NULL}}, NULL, check, JX_SCOPE_DISCLOSURE,
};
