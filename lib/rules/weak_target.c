/*
** weak-target: targets that any result meets: ≥0, >0, 大于0.
*/
#include "rule_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        const jx_value *v = &ind->value;
        if (v->kind != JX_KIND_QUANTITATIVE) continue;
        if (!((v->op == JX_OP_GE || v->op == JX_OP_GT) && v->value <= 0)) continue;
        jx_report_indicator(ctx, f, ind, "指标“%s”的指标值“%s”任何结果都能达到，不构成目标",
                  ind->name ? ind->name : "（无名称）", ind->target);
    }
}

const jx_rule jx_rule_weak_target = {
    "weak-target", JX_SEV_WARNING, JX_DIM_APPROPRIATENESS,
    "指标值形同虚设（≥0、>0）",
    "财预〔2015〕88号、〔2021〕101号：指标值应具有挑战性，不能设置无需努力即可达到的目标",
    {{NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
