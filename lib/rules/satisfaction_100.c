/*
** satisfaction-100: a satisfaction target of 100% cannot be taken seriously.
*/
#include "rule_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    double cap = jx_rule_param_value(ctx, "max_percent");
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        const jx_value *v = &ind->value;
        if (v->kind != JX_KIND_QUANTITATIVE || !jx_rule_is_satisfaction(ind)) continue;
        if (!jx_rule_unit_is_percent(v->unit) || v->value < cap) continue;
        if (v->op == JX_OP_LE || v->op == JX_OP_LT) continue;
        jx_report_indicator(ctx, f, ind, "满意度指标“%s”的指标值为“%s”，目标不切实际",
                  ind->name, ind->target);
    }
}

const jx_rule jx_rule_satisfaction_100 = {
    "satisfaction-100", JX_SEV_WARNING, JX_DIM_APPROPRIATENESS,
    "满意度目标设为100%",
    "财预〔2021〕101号：满意度指标值一般不低于85%，但设为100%既不现实也无法区分绩效",
    {{"max_percent", 100, "不超过此值（%）"}, {NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
