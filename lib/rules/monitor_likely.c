/*
** monitor_likely.c - rule monitor-likely: a monitoring indicator marked
** 完成目标可能性 确定能 whose progress (1-N月实际完成值 ÷ 全年目标值, for a
** ≥/>/= quantitative target) is below ratio × the share of the year gone
** (N ÷ 12): far behind time, yet sure to be met.
*/
#include <string.h>

#include "eval_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    double ratio = jx_rule_param_value(ctx, "ratio");
    for (size_t i = 0; i < forms->nevaluations; i++) {
        const jx_evaluation *e = forms->evaluations[i];
        if (e->kind != JX_EVAL_MONITOR || e->months <= 0 || e->months > 12) continue;
        double time = e->months / 12.0;
        for (size_t k = 0; k < e->nindicators; k++) {
            const jx_eval_indicator *x = &e->indicators[k];
            const jx_value *t = &x->target_value, *a = &x->actual_value;
            if (!x->possibility || !strstr(x->possibility, "确定能")) continue;
            if (t->kind != JX_KIND_QUANTITATIVE || a->kind != JX_KIND_QUANTITATIVE || t->value <= 0) continue;
            if (t->op != JX_OP_GE && t->op != JX_OP_GT && t->op != JX_OP_EQ) continue;
            if (a->unit[0] && strcmp(a->unit, t->unit)) continue;
            double progress = a->value / t->value;
            if (progress >= ratio * time) continue;
            jx_eval_report_indicator(ctx, e, x,
                                     "指标“%s”1-%d月完成“%s”，仅为全年目标“%s”的%.1f%%（时间已过%.1f%%），完成目标可能性却填“%s”",
                                     x->name ? x->name : "", e->months, x->actual ? x->actual : "",
                                     x->target ? x->target : "", progress * 100, time * 100, x->possibility);
            jx_suggest(ctx, "如实评估完成可能性并填写纠偏措施");
        }
    }
}

const jx_rule jx_rule_monitor_likely = {
    "monitor-likely", JX_SEV_WARNING, JX_DIM_FEASIBILITY,
    "进度严重滞后却称“确定能”完成",
    "财预〔2019〕136号《中央部门预算绩效运行监控管理暂行办法》：对偏离绩效目标的，分析原因并及时纠偏",
    {{"ratio", 0.5, "进度低于时间进度的这一比例为严重滞后"}},
    NULL, check, JX_SCOPE_DISCLOSURE,
};
