/*
** eval_drift.c - rule eval-drift: an indicator whose target in the
** evaluation differs from the one the project declared (linked by name):
** another sign, value or unit, or for a qualitative target another text.
** Targets quietly lowered between declaration and evaluation are how a
** generous self-score is made.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eval_util.h"
#include "jixiao/util.h"
#include "text.h"

/* 1 when two parsed targets say the same. */
static int same_target(const char *ta, const jx_value *a, const char *tb, const jx_value *b)
{
    if (a->kind != b->kind) return 0;
    if (a->kind == JX_KIND_QUANTITATIVE)
        return a->op == b->op && fabs(a->value - b->value) < 1e-9 &&
               fabs(a->value_max - b->value_max) < 1e-9 && !strcmp(a->unit, b->unit);
    char *ka = jx_text_key(ta ? ta : ""), *kb = jx_text_key(tb ? tb : "");
    int same = !strcmp(ka, kb);
    free(ka);
    free(kb);
    return same;
}

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    jx_eval_prepare(ctx, forms);
    for (size_t i = 0; i < forms->nevaluations; i++) {
        const jx_evaluation *e = forms->evaluations[i];
        if (!e->form) continue;
        for (size_t k = 0; k < e->nindicators; k++) {
            const jx_eval_indicator *x = &e->indicators[k];
            if (x->declared < 0) continue;
            const jx_indicator *d = &e->form->indicators[x->declared];
            if (same_target(x->target, &x->target_value, d->target, &d->value)) continue;
            jx_eval_report_indicator(ctx, e, x,
                                     "指标“%s”的目标值“%s”与申报表（%s第%ld行）的“%s”不一致",
                                     x->name ? x->name : "", x->target ? x->target : "",
                                     e->form->file, d->line, d->target ? d->target : "");
            jx_suggest(ctx, "按申报的目标值“%s”评价；目标确需调整的，附调整批复", d->target ? d->target : "");
        }
    }
}

const jx_rule jx_rule_eval_drift = {
    "eval-drift", JX_SEV_WARNING, JX_DIM_RELEVANCE,
    "自评的目标值与申报的不一致",
    "财预〔2020〕10号：绩效评价以批复的绩效目标为依据；目标调整须按程序报批",
    {{NULL, 0, NULL}},
    NULL, check, JX_SCOPE_DISCLOSURE,
};
