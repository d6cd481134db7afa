/*
** mostly-qualitative: a form whose output and outcome indicators are nearly
** all qualitative cannot be scored against numbers.
*/
#include <string.h>

#include "rule_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    double share = jx_rule_param_value(ctx, "min_share");
    double min_count = jx_rule_param_value(ctx, "min_indicators");
    size_t n = 0, qual = 0;
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        if (!ind->category || (strcmp(ind->category, "产出") && strcmp(ind->category, "效益"))) continue;
        n++;
        qual += ind->value.kind == JX_KIND_QUALITATIVE;
    }
    if (n == 0 || (double)n < min_count || (double)qual / (double)n < share) return;
    jx_report(ctx, f, f->line, "indicators", "产出和效益指标共%zu项，其中%zu项为定性指标（%.0f%%）",
              n, qual, 100.0 * (double)qual / (double)n);
}

const jx_rule jx_rule_mostly_qualitative = {
    "mostly-qualitative", JX_SEV_WARNING, JX_DIM_APPROPRIATENESS,
    "产出和效益指标几乎全为定性指标",
    "财预〔2021〕101号：绩效指标以定量为主、定性为辅",
    {{"min_share", 0.8, "定性指标占比达到此值即报告"},
     {"min_indicators", 5, "产出和效益指标至少这么多项才判断"},
     {NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
