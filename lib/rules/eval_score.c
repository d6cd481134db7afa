/*
** eval_score.c - rule eval-score: a self-evaluation rescored per 财预〔2020〕10号
** (lib/evaluate/score.c) whose total or grade differs from the unit's own.
** Its parameters are the scoring configuration: the category weights and the
** grade bands (jx_eval_scoring_from_config), so --config changes both.
*/
#include <math.h>
#include <string.h>

#include "eval_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    jx_eval_prepare(ctx, forms);
    double tol = jx_rule_param_value(ctx, "tolerance");
    for (size_t i = 0; i < forms->nevaluations; i++) {
        const jx_evaluation *e = forms->evaluations[i];
        if (e->kind != JX_EVAL_SELF || !e->total_score.has) continue;
        double d = e->total_score.v - e->recomputed_total;
        if (fabs(d) <= tol && !strcmp(e->unit_grade, e->grade)) continue;
        jx_eval_report(ctx, e, e->total_line ? e->total_line : e->line, "总分",
                       "单位自评总分%.2f分（%s），按财预〔2020〕10号复核为%.2f分（%s），相差%.2f分",
                       e->total_score.v, e->unit_grade, e->recomputed_total, e->grade, d);
        jx_suggest(ctx, "按实际完成值重新计分：未达到的指标按实际值÷目标值计分，预算执行率得分=分值×执行率");
    }
}

const jx_rule jx_rule_eval_score = {
    "eval-score", JX_SEV_WARNING, JX_DIM_APPROPRIATENESS,
    "自评得分与按规则复核的得分不一致",
    "财预〔2020〕10号《项目支出绩效评价管理办法》：产出50、效益30、满意度10、预算执行率10分；"
    "定量指标达成满分，未达成按实际值÷目标值计分；优≥90、良80-89、中60-79、差<60",
    {{"weight_output", 50, "产出指标权重（分）"},
     {"weight_benefit", 30, "效益指标权重（分）"},
     {"weight_satisfaction", 10, "满意度指标权重（分）"},
     {"weight_budget", 10, "预算执行率权重（分）"},
     {"grade_excellent", 90, "优的最低分"},
     {"grade_good", 80, "良的最低分"},
     {"grade_pass", 60, "中的最低分"},
     {"tolerance", 1, "容许的总分差（分）"}},
    NULL, check, JX_SCOPE_DISCLOSURE,
};

void jx_eval_scoring_from_config(const jx_review_config *c, jx_eval_scoring *s)
{
    jx_rule_ctx ctx = {&jx_rule_eval_score, c, NULL, NULL, NULL};
    s->weight_output = jx_rule_param_value(&ctx, "weight_output");
    s->weight_benefit = jx_rule_param_value(&ctx, "weight_benefit");
    s->weight_satisfaction = jx_rule_param_value(&ctx, "weight_satisfaction");
    s->weight_budget = jx_rule_param_value(&ctx, "weight_budget");
    s->grade_min[0] = jx_rule_param_value(&ctx, "grade_excellent");
    s->grade_min[1] = jx_rule_param_value(&ctx, "grade_good");
    s->grade_min[2] = jx_rule_param_value(&ctx, "grade_pass");
}
