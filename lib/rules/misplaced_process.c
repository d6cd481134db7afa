/*
** misplaced-process: process measures (预算执行率, 资金到位率) filed as
** outputs, outcomes or satisfaction. They measure spending, not results.
** Which names are process measures is measure.c's lexicon (class process,
** confidence 0.9+: 预算执行率, 资金到位率, 资金拨付率, 资金使用率, 专款专用率).
*/
#include <string.h>

#include "rule_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        if (!ind->category) continue;
        jx_measure m;   /* the process words are measure.c's lexicon */
        jx_measure_classify(ind, &m);
        if (m.cls != JX_MEASURE_PROCESS || m.confidence < 0.9) continue;
        if (strcmp(ind->category, "产出") && strcmp(ind->category, "效益") &&
            strcmp(ind->category, "满意度"))
            continue;
        jx_report_indicator(ctx, f, ind, "过程性指标“%s”被列为%s指标（%s）", ind->name,
                  ind->category, ind->level2 ? ind->level2 : ind->level1 ? ind->level1 : "");
        jx_suggest(ctx, "将“%s”移出%s指标（列入投入和管理类，或删除）", ind->name, ind->category);
    }
}

const jx_rule jx_rule_misplaced_process = {
    "misplaced-process", JX_SEV_WARNING, JX_DIM_RELEVANCE,
    "过程性指标被用作产出或效益指标",
    "财预〔2021〕101号：预算执行率、资金到位率等反映资金管理过程，不应作为产出或效益指标",
    {{NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
