/*
** final-change: a year-on-year change the 情况说明 states (较上年增加/减少 X万元，
** 增长/下降 Y%) must agree with the two years it implies: this year's figure
** (its table's, else the one stated) minus the change is last year's, and
** Y = X ÷ last year, rounded to the printed decimals. When last year was 0
** the rate is undefined and not judged.
*/
#include <stdio.h>

#include "final_util.h"

/* Half a unit of the stated decimals of 万元, in fen. */
static long long half(int decimals)
{
    long long q = 1000000;
    for (int i = 0; i < decimals && q > 1; i++) q /= 10;
    return q / 2;
}

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        if (!jx_fu_checked(d)) continue;
        for (size_t i = 0; i < d->nstatements; i++) {
            const jx_statement *s = &d->statements[i];
            if (s->kind != JX_STMT_CHANGE || !s->has_share || s->sign == 0 || s->sign == 2) continue;
            long long hu = 0;
            long long cur = jx_final_subject_value(d, s->subject, &hu);
            long long ecur = hu;
            if (cur == JX_NO_AMOUNT) { cur = s->amount; ecur = half(s->decimals); }
            if (cur == JX_NO_AMOUNT || s->amount2 == JX_NO_AMOUNT) continue;
            long long prev = cur - s->sign * s->amount2;
            long long edelta = half(s->decimals2), eprev = ecur + edelta;
            if (prev - eprev <= 0) continue;   /* from nothing: the rate is not defined */
            if (jx_fu_pct_agrees(s->share, s->share_decimals, s->amount2, edelta, prev, eprev)) continue;
            char a[64], b[64], c[64];
            jx_report_disclosure(ctx, d, s->page, s->line, s->subject,
                                 "情况说明称“%s”较上年%s%s、%s%.*f%%，而本年%s%s推算上年为%s，变动率应为%.2f%%",
                                 s->subject, s->sign > 0 ? "增加" : "减少", jx_fu_wan(s->amount2, a, sizeof a),
                                 s->sign > 0 ? "增长" : "下降", s->share_decimals, s->share,
                                 jx_fu_wan(cur, b, sizeof b), s->sign > 0 ? "减去增加额" : "加上减少额",
                                 jx_fu_wan(prev, c, sizeof c), 100.0 * (double)s->amount2 / (double)prev);
        }
    }
}

const jx_rule jx_rule_final_change = {
    "final-change", JX_SEV_ERROR, JX_DIM_APPROPRIATENESS,
    "决算情况说明的增减额与增减率不相符",
    "部门决算公开：较上年增减率=增减额÷上年数，上年数=本年数∓增减额（按所印小数位舍入）",
    {{NULL, 0, NULL}}, NULL, check, JX_SCOPE_DISCLOSURE,
};
