/*
** eval_indicator_set.c - rule eval-indicator-set: the evaluation's indicator
** set against the declared one: a declared indicator the evaluation leaves
** out, an indicator the declaration does not have; an evaluation without a
** declared form of the same project, year and unit is an info (nothing to
** compare with).
*/
#include <stdlib.h>

#include "eval_util.h"
#include "jixiao/util.h"

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    jx_eval_prepare(ctx, forms);
    for (size_t i = 0; i < forms->nevaluations; i++) {
        const jx_evaluation *e = forms->evaluations[i];
        if (!e->form) {
            jx_eval_report(ctx, e, e->line, "", "库中没有同一项目、年度（%d）和单位的申报表，未能与申报的绩效目标比对",
                           e->year);
            ctx->out->items[ctx->out->count - 1].severity = JX_SEV_INFO;
            continue;
        }
        char *seen = jx_xcalloc(e->form->nindicators + 1, 1);
        for (size_t k = 0; k < e->nindicators; k++) {
            const jx_eval_indicator *x = &e->indicators[k];
            if (x->declared >= 0) { seen[x->declared] = 1; continue; }
            jx_eval_report_indicator(ctx, e, x, "指标“%s”不在申报表（%s第%ld行）中",
                                     x->name ? x->name : "", e->form->file, e->form->line);
        }
        for (size_t k = 0; k < e->form->nindicators; k++) {
            if (seen[k]) continue;
            const jx_indicator *d = &e->form->indicators[k];
            jx_eval_report(ctx, e, e->line, d->name ? d->name : "",
                           "申报的指标“%s”（%s第%ld行，目标值“%s”）未在%s中评价", d->name ? d->name : "",
                           e->form->file, d->line, d->target ? d->target : "", jx_eval_kind_label(e->kind));
        }
        free(seen);
    }
}

const jx_rule jx_rule_eval_indicator_set = {
    "eval-indicator-set", JX_SEV_WARNING, JX_DIM_COMPLETENESS,
    "自评的指标与申报的指标不一致",
    "财预〔2020〕10号：自评指标应与批复的绩效目标一一对应",
    {{NULL, 0, NULL}},
    NULL, check, JX_SCOPE_DISCLOSURE,
};
