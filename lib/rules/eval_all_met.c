/*
** eval_all_met.c - rule eval-all-met: every indicator's actual value is
** exactly its target value (at least min_count quantitative indicators):
** actual values copied from the targets rather than measured.
*/
#include <math.h>
#include <string.h>

#include "eval_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    double min_count = jx_rule_param_value(ctx, "min_count");
    for (size_t i = 0; i < forms->nevaluations; i++) {
        const jx_evaluation *e = forms->evaluations[i];
        if (e->kind != JX_EVAL_SELF || (double)e->nindicators < min_count) continue;
        size_t exact = 0;
        for (size_t k = 0; k < e->nindicators; k++) {
            const jx_value *t = &e->indicators[k].target_value, *a = &e->indicators[k].actual_value;
            if (t->kind == JX_KIND_QUANTITATIVE && a->kind == JX_KIND_QUANTITATIVE &&
                fabs(t->value - a->value) < 1e-9 && (!a->unit[0] || !strcmp(a->unit, t->unit)))
                exact++;
        }
        if (exact != e->nindicators) continue;
        jx_eval_report(ctx, e, e->indicators[0].line, "",
                       "全部%zu项指标的实际完成值都恰好等于目标值，疑为照抄目标值", exact);
        jx_suggest(ctx, "填写实测的实际完成值及其来源");
    }
}

const jx_rule jx_rule_eval_all_met = {
    "eval-all-met", JX_SEV_WARNING, JX_DIM_FEASIBILITY,
    "全部指标恰好完成100%",
    "财预〔2020〕10号：实际完成值应有佐证；全部指标恰好等于目标值的自评缺乏可信度",
    {{"min_count", 3, "至少这么多项指标时检查"}},
    NULL, check, JX_SCOPE_DISCLOSURE,
};
