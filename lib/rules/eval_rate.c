/*
** eval_rate.c - rule eval-rate: a 项目资金 row whose stated 执行率 is not
** 全年执行数 ÷ 全年预算数 (compared at the printed two decimals, within the
** tolerance in percentage points).
*/
#include <math.h>

#include "eval_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    double tol = jx_rule_param_value(ctx, "tolerance");
    for (size_t i = 0; i < forms->nevaluations; i++) {
        const jx_evaluation *e = forms->evaluations[i];
        if (e->kind != JX_EVAL_SELF) continue;
        for (int r = 0; r < JX_FUND_NROWS; r++) {
            const jx_eval_fund *f = &e->funds[r];
            if (!f->line || !f->rate.has || f->budget_year == JX_NO_AMOUNT || f->budget_year <= 0 ||
                f->exec == JX_NO_AMOUNT)
                continue;
            double rate = 100.0 * (double)f->exec / (double)f->budget_year;
            if (fabs(rate - f->rate.v) <= tol + 1e-9) continue;
            jx_eval_report(ctx, e, f->line, jx_fund_row_label((jx_fund_row)r),
                           "%s执行率填报%.2f%%，按全年执行数%.2f万元÷全年预算数%.2f万元应为%.2f%%",
                           jx_fund_row_label((jx_fund_row)r), f->rate.v, (double)f->exec / 1e6,
                           (double)f->budget_year / 1e6, rate);
            jx_suggest(ctx, "将执行率改为%.2f%%", rate);
        }
    }
}

const jx_rule jx_rule_eval_rate = {
    "eval-rate", JX_SEV_ERROR, JX_DIM_APPROPRIATENESS,
    "自评表执行率与执行数、预算数不符",
    "财预〔2020〕10号附件：执行率=全年执行数÷全年预算数",
    {{"tolerance", 0.01, "容许误差（百分点）"}},
    NULL, check, JX_SCOPE_DISCLOSURE,
};
