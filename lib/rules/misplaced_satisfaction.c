/*
** misplaced-satisfaction: a 满意度 section must hold satisfaction measures.
*/
#include <string.h>

#include "rule_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        if (!ind->category || strcmp(ind->category, "满意度") != 0 || !ind->name) continue;
        if (jx_rule_is_satisfaction(ind)) continue;
        jx_report_indicator(ctx, f, ind, "满意度指标下的“%s”不是满意度指标", ind->name);
    }
}

const jx_rule jx_rule_misplaced_satisfaction = {
    "misplaced-satisfaction", JX_SEV_WARNING, JX_DIM_RELEVANCE,
    "满意度指标下列入了非满意度指标",
    "财预〔2021〕101号：满意度指标反映服务对象对项目实施效果的满意程度",
    {{NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
