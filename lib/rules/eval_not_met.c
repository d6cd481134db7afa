/*
** eval_not_met.c - rule eval-not-met: an indicator scored full marks whose
** actual value does not reach its target by the target's sign (≥, >, ≤, <,
** =) -- met on paper only. Targets and actual values are parsed by the
** value grammar; not comparable (qualitative, other units) reports nothing.
*/
#include "eval_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t i = 0; i < forms->nevaluations; i++) {
        const jx_evaluation *e = forms->evaluations[i];
        if (e->kind != JX_EVAL_SELF) continue;
        for (size_t k = 0; k < e->nindicators; k++) {
            const jx_eval_indicator *x = &e->indicators[k];
            if (!x->marks.has || !x->score.has || x->score.v < x->marks.v - 1e-9) continue;
            if (jx_eval_reaches(&x->target_value, &x->actual_value) != 0) continue;
            jx_eval_report_indicator(ctx, e, x, "指标“%s”目标值“%s”，实际完成值“%s”未达到目标，却得满分%.2f分",
                                     x->name ? x->name : "", x->target ? x->target : "",
                                     x->actual ? x->actual : "", x->marks.v);
            jx_suggest(ctx, "按实际完成值计分并说明偏差原因");
        }
    }
}

const jx_rule jx_rule_eval_not_met = {
    "eval-not-met", JX_SEV_WARNING, JX_DIM_APPROPRIATENESS,
    "指标未达到目标却得满分",
    "财预〔2020〕10号：定量指标完成目标值的记满分，未完成的按实际完成值÷目标值计分",
    {{NULL, 0, NULL}},
    NULL, check, JX_SCOPE_DISCLOSURE,
};
