/*
** eval_full_unspent.c - rule eval-full-unspent: every indicator scored full
** marks while much of the money was not spent (execution rate 全年执行数 ÷
** 全年预算数 below min_rate): outputs fully delivered with part of the money
** is possible, but is the classic generous self-score.
*/
#include "eval_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    double min_rate = jx_rule_param_value(ctx, "min_rate");
    for (size_t i = 0; i < forms->nevaluations; i++) {
        const jx_evaluation *e = forms->evaluations[i];
        double rate = jx_eval_exec_rate(e);
        if (e->kind != JX_EVAL_SELF || rate < 0 || rate >= min_rate || !e->nindicators) continue;
        size_t full = 0;
        for (size_t k = 0; k < e->nindicators; k++) {
            const jx_eval_indicator *x = &e->indicators[k];
            if (x->marks.has && x->score.has && x->score.v >= x->marks.v - 1e-9) full++;
        }
        if (full != e->nindicators) continue;
        jx_eval_report(ctx, e, e->funds[JX_FUND_TOTAL].line, "预算执行率",
                       "预算执行率仅%.2f%%（全年执行数%.2f万元，全年预算数%.2f万元），%zu项绩效指标却全部满分",
                       rate * 100, (double)e->funds[JX_FUND_TOTAL].exec / 1e6,
                       (double)e->funds[JX_FUND_TOTAL].budget_year / 1e6, full);
        jx_suggest(ctx, "说明资金未支出而目标全部完成的原因，或按实际完成情况计分");
    }
}

const jx_rule jx_rule_eval_full_unspent = {
    "eval-full-unspent", JX_SEV_WARNING, JX_DIM_APPROPRIATENESS,
    "资金未用完而指标全部满分",
    "财预〔2020〕10号：评价应综合预算执行与产出、效益；资金大量结余而目标全部满分的自评须说明理由",
    {{"min_rate", 0.9, "低于此执行率（全年执行数÷全年预算数）时检查"}},
    NULL, check, JX_SCOPE_DISCLOSURE,
};
