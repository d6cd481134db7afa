/*
** required-fields: the header fields a reviewer cannot do without.
*/
#include "rule_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    if (!f->unit) jx_report(ctx, f, f->line, "unit", "未填写申报单位/实施单位");
    if (f->budget.total == JX_NO_AMOUNT)
        jx_report(ctx, f, f->line, "budget.total", "未填写年度资金申请总额（项目总预算/项目资金）");
    if (!f->goal) jx_report(ctx, f, f->line, "goal", "未填写年度绩效目标");
}

const jx_rule jx_rule_required_fields = {
    "required-fields", JX_SEV_WARNING, JX_DIM_COMPLETENESS,
    "申报表必填项缺失",
    "财预〔2015〕88号、〔2021〕101号：绩效目标应完整，申报单位、资金和年度目标须填写",
    {{NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
