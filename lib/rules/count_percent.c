/*
** count-percent: a count (…人数, …次数, …数量) whose target is a percentage.
*/
#include "rule_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        if (ind->value.kind != JX_KIND_QUANTITATIVE || !jx_rule_is_count(ind)) continue;
        if (!jx_rule_unit_is_percent(ind->value.unit)) continue;
        jx_report_indicator(ctx, f, ind, "数量指标“%s”的指标值“%s”是百分比", ind->name, ind->target);
    }
}

const jx_rule jx_rule_count_percent = {
    "count-percent", JX_SEV_WARNING, JX_DIM_APPROPRIATENESS,
    "数量指标使用了百分比",
    "财预〔2021〕101号：数量指标反映产出的数量，应以计量单位表示",
    {{NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
