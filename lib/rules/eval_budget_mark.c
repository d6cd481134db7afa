/*
** eval_budget_mark.c - rule eval-budget-mark: the 预算执行率 得分 is its 分值
** × the execution rate 全年执行数 ÷ 全年预算数 (at most 1); a unit that gives
** more (full marks with money left) or less is reported.
*/
#include <math.h>

#include "eval_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    double tol = jx_rule_param_value(ctx, "tolerance");
    for (size_t i = 0; i < forms->nevaluations; i++) {
        const jx_evaluation *e = forms->evaluations[i];
        const jx_eval_fund *f = &e->funds[JX_FUND_TOTAL];
        double rate = jx_eval_exec_rate(e);
        if (e->kind != JX_EVAL_SELF || rate < 0 || !f->marks.has || !f->score.has) continue;
        double want = f->marks.v * (rate > 1 ? 1 : rate);
        want = floor(want * 100 + 0.5) / 100;
        if (fabs(f->score.v - want) <= tol + 1e-9) continue;
        jx_eval_report(ctx, e, f->line, "预算执行率",
                       "预算执行率得分%.2f分，按执行率%.2f%%×分值%.2f分应为%.2f分", f->score.v,
                       rate * 100, f->marks.v, want);
        jx_suggest(ctx, "将预算执行率得分改为%.2f分", want);
    }
}

const jx_rule jx_rule_eval_budget_mark = {
    "eval-budget-mark", JX_SEV_WARNING, JX_DIM_APPROPRIATENESS,
    "预算执行率得分与执行率不符",
    "财预〔2020〕10号附件：预算执行率得分=分值×执行率（最高为满分）",
    {{"tolerance", 0.01, "容许误差（分）"}},
    NULL, check, JX_SCOPE_DISCLOSURE,
};
