/*
** bare-number: a number with no unit ("2", "≥2200") leaves the reader to
** guess what is counted. Zero is exempt: none of anything needs no unit.
*/
#include "rule_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        const jx_value *v = &ind->value;
        if (v->kind != JX_KIND_QUANTITATIVE || v->unit[0] || v->value == 0) continue;
        jx_report_indicator(ctx, f, ind, "指标“%s”的指标值“%s”没有计量单位",
                  ind->name ? ind->name : "（无名称）", ind->target);
    }
}

const jx_rule jx_rule_bare_number = {
    "bare-number", JX_SEV_WARNING, JX_DIM_APPROPRIATENESS,
    "指标值缺少计量单位",
    "财预〔2021〕101号：定量指标值应包含比较符号、数值和计量单位",
    {{NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
