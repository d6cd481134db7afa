/*
** rate-unit: a rate (…率) whose target is a count, or a percentage above 100.
*/
#include "rule_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    double max = jx_rule_param_value(ctx, "max_percent");
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        const jx_value *v = &ind->value;
        if (v->kind != JX_KIND_QUANTITATIVE || !jx_rule_is_rate(ind)) continue;
        if (jx_rule_unit_is_count(v->unit))
            jx_report_indicator(ctx, f, ind, "比率指标“%s”的指标值“%s”使用了计数单位“%s”",
                      ind->name, ind->target, v->unit);
        else if (jx_rule_unit_is_percent(v->unit) && v->value_max > max)
            jx_report_indicator(ctx, f, ind, "比率指标“%s”的指标值“%s”超过%g%%",
                      ind->name, ind->target, max);
        else if (!v->unit[0] && v->value_max > max)
            jx_report_indicator(ctx, f, ind, "比率指标“%s”的指标值“%s”是大于%g的无单位数字，像是计数",
                      ind->name, ind->target, max);
    }
}

const jx_rule jx_rule_rate_unit = {
    "rate-unit", JX_SEV_WARNING, JX_DIM_APPROPRIATENESS,
    "比率指标的单位或数值不合理",
    "财预〔2021〕101号：指标值应与指标含义一致，比率以百分比表示且不超过100%",
    {{"max_percent", 100, "比率的上限（%）"}, {NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
