/*
** final-count: a count the 情况说明 states with its parts must add up: 共有车辆
** N辆，其中 a辆、b辆…; 绩效自评的项目N个 and the projects graded 优/良/合格/不合格.
*/
#include <string.h>

#include "final_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        if (!jx_fu_checked(d)) continue;
        for (size_t i = 0; i < d->nstatements; i++) {
            const jx_statement *s = &d->statements[i];
            if (s->kind != JX_STMT_COUNT || s->parts < 0 || s->parts == s->count) continue;
            jx_report_disclosure(ctx, d, s->page, s->line, s->subject,
                                 "情况说明称%s共%ld%s，而其分项之和为%ld", s->subject, s->count,
                                 strcmp(s->subject, "车辆") ? "个" : "辆", s->parts);
        }
    }
}

const jx_rule jx_rule_final_count = {
    "final-count", JX_SEV_ERROR, JX_DIM_COMPLETENESS,
    "决算情况说明的总数与分项之和不一致",
    "部门决算公开：车辆总数=各类车辆之和；绩效自评项目数=评级为优、良、合格、不合格的项目数之和",
    {{NULL, 0, NULL}}, NULL, check, JX_SCOPE_DISCLOSURE,
};
