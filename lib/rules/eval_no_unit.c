/*
** eval_no_unit.c - rule eval-no-unit: a self-evaluation or monitoring report
** that names no 实施单位. It is linked by project name and year only when
** those match one unit's declared form (jx_evaluation_link), and it is no
** unit user's under --auth (scope is the evaluation's own unit): both are
** worth saying, and so is an evaluation left unlinked because several units
** declared a project of its name that year.
*/
#include "eval_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    jx_eval_prepare(ctx, forms);
    for (size_t i = 0; i < forms->nevaluations; i++) {
        const jx_evaluation *e = forms->evaluations[i];
        if (e->unit && e->unit[0]) continue;
        if (e->form)
            jx_eval_report(ctx, e, e->line, NULL, "未填写实施单位，仅按项目名称和年度关联到%s的申报表（编号%lld）",
                           e->form->unit && e->form->unit[0] ? e->form->unit : "未填写单位", e->form->id);
        else if (e->link_units > 1)
            jx_eval_report(ctx, e, e->line, NULL,
                           "未填写实施单位，库中有%d个单位申报了同名同年度的项目，无法确定其申报表，未关联",
                           e->link_units);
        else
            jx_eval_report(ctx, e, e->line, NULL, "未填写实施单位");
        jx_suggest(ctx, "填写实施单位，使其与申报表的申报单位一致");
    }
}

const jx_rule jx_rule_eval_no_unit = {
    "eval-no-unit", JX_SEV_WARNING, JX_DIM_COMPLETENESS,
    "绩效自评表或运行监控表未填写实施单位",
    "财预〔2020〕10号附件：自评表填写主管部门和实施单位；按单位关联申报的绩效目标",
    {{NULL, 0, NULL}},
    NULL, check, JX_SCOPE_DISCLOSURE,
};
