/*
** eval_total.c - rule eval-total: the 总分 row against its parts: 得分 =
** Σ indicator 得分 + 预算执行率 得分, and 分值 = Σ 分值 (100), both stated.
*/
#include <math.h>

#include "eval_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    double tol = jx_rule_param_value(ctx, "tolerance");
    for (size_t i = 0; i < forms->nevaluations; i++) {
        const jx_evaluation *e = forms->evaluations[i];
        if (e->kind != JX_EVAL_SELF || !e->total_line) continue;
        double marks = 0, score = 0;
        int all_marks = 1, all_scores = 1;
        const jx_eval_fund *f = &e->funds[JX_FUND_TOTAL];
        if (f->marks.has) marks += f->marks.v;
        if (f->score.has) score += f->score.v;
        for (size_t k = 0; k < e->nindicators; k++) {
            const jx_eval_indicator *x = &e->indicators[k];
            if (x->marks.has) marks += x->marks.v; else all_marks = 0;
            if (x->score.has) score += x->score.v; else all_scores = 0;
        }
        if (e->total_score.has && all_scores && fabs(score - e->total_score.v) > tol + 1e-9) {
            jx_eval_report(ctx, e, e->total_line, "总分",
                           "总分得分%.2f分，各指标与预算执行率得分合计%.2f分", e->total_score.v, score);
            jx_suggest(ctx, "将总分改为%.2f分", score);
        }
        if (e->total_marks.has && all_marks && fabs(marks - e->total_marks.v) > tol + 1e-9)
            jx_eval_report(ctx, e, e->total_line, "总分",
                           "总分分值%.2f分，各指标与预算执行率分值合计%.2f分", e->total_marks.v, marks);
    }
}

const jx_rule jx_rule_eval_total = {
    "eval-total", JX_SEV_ERROR, JX_DIM_APPROPRIATENESS,
    "自评总分不等于各项得分之和",
    "财预〔2020〕10号附件：总分为预算执行率与各绩效指标得分之和，满分100分",
    {{"tolerance", 0.01, "容许误差（分）"}},
    NULL, check, JX_SCOPE_DISCLOSURE,
};
