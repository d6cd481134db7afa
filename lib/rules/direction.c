/*
** direction: the comparison points the wrong way for what the name measures:
** 投诉率 ≥ 95% asks for more complaints; 满意度 ≤ 90% caps satisfaction.
*/
#include "rule_util.h"

/* Things a project wants less of. */
static const char *const lower_is_better[] = {"投诉率", "投诉数", "投诉量", "流失率", "错误率",
                                              "差错率", "事故", "故障率", "失误率", "违规", "泄密",
                                              "逾期率", "不合格率", NULL};
/* Things a project wants more of. */
static const char *const higher_is_better[] = {"满意度", "满意率", "完成率", "合格率", "及时率",
                                               "达标率", "覆盖率", "知晓率", "通过率", "到位率",
                                               "执行率", NULL};

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        const jx_value *v = &ind->value;
        if (v->kind != JX_KIND_QUANTITATIVE || !ind->name) continue;
        int up = v->op == JX_OP_GE || v->op == JX_OP_GT;
        int down = v->op == JX_OP_LE || v->op == JX_OP_LT;
        const char *why = NULL;
        if (up && v->value > 0 && jx_rule_has_any(ind->name, lower_is_better))
            why = "该指标越低越好，却要求不低于目标值";
        else if (down && jx_rule_has_any(ind->name, higher_is_better) &&
                 !jx_rule_has_any(ind->name, lower_is_better))
            why = "该指标越高越好，却要求不高于目标值";
        if (!why) continue;
        jx_report_indicator(ctx, f, ind, "指标“%s”的指标值“%s”方向与指标含义相反：%s",
                  ind->name, ind->target, why);
    }
}

const jx_rule jx_rule_direction = {
    "direction", JX_SEV_WARNING, JX_DIM_APPROPRIATENESS,
    "指标值的比较方向与指标含义相反",
    "财预〔2021〕101号：指标值的比较符号应体现指标的正向或反向要求",
    {{NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
