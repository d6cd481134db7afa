/*
** prev-exec-low: last year's money of the same project barely spent: the
** new request needs a reason.
*/
#include "rule_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    const jx_budget *b = &f->budget;
    if (b->prev_budget == JX_NO_AMOUNT || b->prev_exec == JX_NO_AMOUNT || b->prev_budget <= 0) return;
    double min = jx_rule_param_value(ctx, "min_ratio");
    double ratio = (double)b->prev_exec / (double)b->prev_budget;
    if (ratio >= min) return;
    char x[48], y[48];
    jx_report(ctx, f, f->line, "budget.prev_exec", "同名项目上年预算%s，执行%s，执行率%.1f%%，低于%.0f%%",
              jx_rule_wan(b->prev_budget, x, sizeof x), jx_rule_wan(b->prev_exec, y, sizeof y),
              100.0 * ratio, 100.0 * min);
}

const jx_rule jx_rule_prev_exec_low = {
    "prev-exec-low", JX_SEV_WARNING, JX_DIM_FEASIBILITY,
    "同名项目上年预算执行率偏低",
    "预算与绩效结合：上年执行率低的项目，本年预算安排应压减或说明理由",
    {{"min_ratio", 0.8, "上年执行数/上年预算额低于此值即报告"}, {NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
