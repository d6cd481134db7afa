/*
** narrative-amount: a project's narrative (…项目经费情况说明, 年度预算安排)
** and its target table must state the same money, exact in fen. A difference
** of exactly 10000 times says 元 and 万元 were mixed up.
*/
#include <stdlib.h>

#include "budget_util.h"

/* Each linked narrative against its form's own amount. */
static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        for (size_t i = 0; i < d->nnarratives; i++) {
            const jx_narrative *n = &d->narratives[i];
            if (!n->form) continue;
            if (n->amount == JX_NO_AMOUNT) {
                jx_report_info(ctx, n->form, n->line, "narrative.amount",
                               "经费情况说明「%s」（第%ld行）的年度预算安排未写明可识别的金额，无法与绩效目标表核对",
                               n->title, n->line);
                continue;
            }
            long long t = n->table_amount;
            if (t == JX_NO_AMOUNT || t == n->amount) continue;
            char a[64], b[64];
            const char *hint = (t != 0 && (n->amount == t * 10000 || t == n->amount * 10000))
                                   ? "，相差一万倍：疑为元与万元混用"
                                   : "";
            jx_report(ctx, n->form, n->amount_line, "budget.total",
                      "经费情况说明「%s」第%ld行的年度预算为%s，而绩效目标表（第%ld行）为%s%s", n->title,
                      n->amount_line, jx_bu_yuan(n->amount, a, sizeof a), n->form->line,
                      jx_bu_yuan(t, b, sizeof b), hint);
        }
    }
}

const jx_rule jx_rule_narrative_amount = {
    "narrative-amount", JX_SEV_ERROR, JX_DIM_APPROPRIATENESS,
    "项目经费情况说明的预算金额与绩效目标表不一致",
    "部门预算公开：项目经费情况说明的年度预算安排应与该项目绩效目标表的资金一致",
    {{NULL, 0, NULL}}, NULL, check, JX_SCOPE_FORM,
};
