/*
** target-missing: an indicator with no target value cannot be monitored or scored.
*/
#include "rule_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        if (ind->target || !ind->name) continue;   /* a declared level 2 left empty: level-missing's */
        jx_report_indicator(ctx, f, ind, "指标“%s”未填写指标值", ind->name ? ind->name : "（无名称）");
    }
}

const jx_rule jx_rule_target_missing = {
    "target-missing", JX_SEV_ERROR, JX_DIM_COMPLETENESS,
    "指标未填写指标值",
    "财预〔2021〕101号：每项三级指标须设定指标值，作为监控和评价的依据",
    {{NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
