/*
** eval_score_cap.c - rule eval-score-cap: a 得分 above its 分值 (an indicator
** or a 项目资金 row).
*/
#include "eval_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t i = 0; i < forms->nevaluations; i++) {
        const jx_evaluation *e = forms->evaluations[i];
        if (e->kind != JX_EVAL_SELF) continue;
        const jx_eval_fund *f = &e->funds[JX_FUND_TOTAL];
        if (f->marks.has && f->score.has && f->score.v > f->marks.v + 1e-9)
            jx_eval_report(ctx, e, f->line, "预算执行率", "预算执行率得分%.2f分高于分值%.2f分",
                           f->score.v, f->marks.v);
        for (size_t k = 0; k < e->nindicators; k++) {
            const jx_eval_indicator *x = &e->indicators[k];
            if (x->marks.has && x->score.has && x->score.v > x->marks.v + 1e-9)
                jx_eval_report_indicator(ctx, e, x, "指标“%s”得分%.2f分高于分值%.2f分",
                                         x->name ? x->name : "", x->score.v, x->marks.v);
        }
    }
}

const jx_rule jx_rule_eval_score_cap = {
    "eval-score-cap", JX_SEV_ERROR, JX_DIM_APPROPRIATENESS,
    "自评得分高于分值",
    "财预〔2020〕10号：各指标得分不超过其分值",
    {{NULL, 0, NULL}},
    NULL, check, JX_SCOPE_DISCLOSURE,
};
