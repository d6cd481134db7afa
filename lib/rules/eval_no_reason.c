/*
** eval_no_reason.c - rule eval-no-reason: an indicator that lost marks or
** missed its target, with no 偏差原因分析及改进措施.
*/
#include "eval_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t i = 0; i < forms->nevaluations; i++) {
        const jx_evaluation *e = forms->evaluations[i];
        if (e->kind != JX_EVAL_SELF) continue;
        for (size_t k = 0; k < e->nindicators; k++) {
            const jx_eval_indicator *x = &e->indicators[k];
            if (x->reason) continue;
            int lost = x->marks.has && x->score.has && x->score.v < x->marks.v - 1e-9;
            int missed = jx_eval_reaches(&x->target_value, &x->actual_value) == 0;
            if (!lost && !missed) continue;
            jx_eval_report_indicator(ctx, e, x, "指标“%s”%s（目标值“%s”，实际完成值“%s”），未填写偏差原因分析及改进措施",
                                     x->name ? x->name : "", missed ? "未达到目标" : "未得满分",
                                     x->target ? x->target : "", x->actual ? x->actual : "");
            jx_suggest(ctx, "填写偏差原因分析及改进措施");
        }
    }
}

const jx_rule jx_rule_eval_no_reason = {
    "eval-no-reason", JX_SEV_WARNING, JX_DIM_COMPLETENESS,
    "有偏差而未说明原因",
    "财预〔2020〕10号附件：未完成目标的指标应分析偏差原因并提出改进措施",
    {{NULL, 0, NULL}},
    NULL, check, JX_SCOPE_DISCLOSURE,
};
