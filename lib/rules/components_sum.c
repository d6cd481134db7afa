/*
** components-sum: this year's components (子项目) must add up to this
** year's money, compared exactly in fen.
*/
#include "rule_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    if (f->ncomponents == 0) return;
    long long sum = 0;
    for (size_t i = 0; i < f->ncomponents; i++) {
        if (f->components[i].amount == JX_NO_AMOUNT) return;   /* fail closed */
        sum += f->components[i].amount;
    }
    long long want = f->budget.year != JX_NO_AMOUNT ? f->budget.year : f->budget.total;
    if (want == JX_NO_AMOUNT || sum == want) return;
    char a[48], b[48];
    jx_report(ctx, f, f->line, "components", "%zu个子项目合计%s，与当年预算%s不一致（差额%.2f元）",
              f->ncomponents, jx_rule_wan(sum, a, sizeof a), jx_rule_wan(want, b, sizeof b),
              (double)(sum - want) / 100.0);
}

const jx_rule jx_rule_components_sum = {
    "components-sum", JX_SEV_ERROR, JX_DIM_APPROPRIATENESS,
    "子项目金额合计与当年预算不一致",
    "预算编制要求：项目当年投入资金构成之和应等于项目当年预算",
    {{NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
