/*
** vague-target: a measurable indicator (a rate or a count) given a wording
** such as 有所提高 or 较去年增加 where a number is possible.
*/
#include "rule_util.h"

static const char *const vague[] = {"有所", "进一步", "提升", "提高", "增加", "增长", "扩大",
                                    "减少", "降低", "较去年", "较上年", "较上届", "明显",
                                    "逐步", NULL};

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        if (ind->value.kind != JX_KIND_QUALITATIVE || !ind->target) continue;
        if (!jx_rule_is_rate(ind) && !jx_rule_is_count(ind)) continue;
        if (!jx_rule_has_any(ind->target, vague)) continue;
        jx_report_indicator(ctx, f, ind, "可量化的指标“%s”使用了模糊表述“%s”，应给出具体数值",
                  ind->name, ind->target);
    }
}

const jx_rule jx_rule_vague_target = {
    "vague-target", JX_SEV_WARNING, JX_DIM_APPROPRIATENESS,
    "可量化指标使用了模糊的定性表述",
    "财预〔2021〕101号：指标值优先定量表述，确实无法量化的才采用定性表述",
    {{NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
