/*
** amounts: the identities of a form's money block.
**   year-above-total: this year's appropriation above the money asked for;
**   total-identity:   total ≠ appropriation + carry-over + other funds.
*/
#include "rule_util.h"

static void check_year(const jx_rule_ctx *ctx, const jx_form *f)
{
    const jx_budget *b = &f->budget;
    if (b->year == JX_NO_AMOUNT || b->total == JX_NO_AMOUNT || b->year <= b->total) return;
    char x[48], y[48];
    jx_report(ctx, f, f->line, "budget.year", "当年财政拨款%s高于年度资金总额%s",
              jx_rule_wan(b->year, x, sizeof x), jx_rule_wan(b->total, y, sizeof y));
}

static void check_identity(const jx_rule_ctx *ctx, const jx_form *f)
{
    const jx_budget *b = &f->budget;
    if (b->total == JX_NO_AMOUNT || b->year == JX_NO_AMOUNT || b->carryover == JX_NO_AMOUNT ||
        b->other == JX_NO_AMOUNT)
        return;   /* fail closed: the identity needs all four */
    long long sum = b->year + b->carryover + b->other;
    if (sum == b->total) return;
    char t[48], s[48];
    jx_report(ctx, f, f->line, "budget.total", "年度资金总额%s不等于当年财政拨款+上年结转+其他资金=%s",
              jx_rule_wan(b->total, t, sizeof t), jx_rule_wan(sum, s, sizeof s));
}

const jx_rule jx_rule_year_above_total = {
    "year-above-total", JX_SEV_ERROR, JX_DIM_APPROPRIATENESS,
    "当年财政拨款高于年度资金总额",
    "预算编制要求：年度资金总额包含当年财政拨款",
    {{NULL, 0, NULL}}, check_year, NULL, JX_SCOPE_FORM,
};

const jx_rule jx_rule_total_identity = {
    "total-identity", JX_SEV_ERROR, JX_DIM_APPROPRIATENESS,
    "年度资金总额不等于各资金来源之和",
    "预算编制要求：年度资金总额 = 当年财政拨款 + 上年结转 + 其他资金",
    {{NULL, 0, NULL}}, check_identity, NULL, JX_SCOPE_FORM,
};
