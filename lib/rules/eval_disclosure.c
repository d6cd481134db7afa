/*
** eval_disclosure.c - rule eval-disclosure: a final-accounts disclosure's
** 预算绩效管理情况 states how many projects of the year were self-evaluated,
** their money, their average score and the count per grade (绩效自评的2024
** 年度项目4个，涉及预算金额598.42万元，平均得分99.43分（其中，绩效评级为“优”的
** 项目4个…）); compared with the self-evaluations of the same unit and year
** in the store. Without any such self-evaluation it reports nothing (the
** store may simply not hold them). The figures are the statement's
** (lib/disclosure/final.c reads them by the sentence's grammar: count,
** money, average, the count per grade); the stated 合格/不合格 are the
** store's 中/差.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_util.h"
#include "jixiao/disclosure.h"
#include "jixiao/util.h"
#include "text.h"

/* 1 when a unit names the same body as the disclosure's. */
static int same_unit(const char *a, const char *b)
{
    if (!a || !b) return 0;
    char *ka = jx_text_key(a), *kb = jx_text_key(b);
    int same = !strcmp(ka, kb) || strstr(ka, kb) || strstr(kb, ka);
    free(ka);
    free(kb);
    return same;
}

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    jx_eval_prepare(ctx, forms);
    static const char *const grades[4] = {"优", "良", "中", "差"};
    for (size_t di = 0; di < forms->ndisclosures; di++) {
        const jx_disclosure *d = forms->disclosures[di];
        if (!d->final || d->template_doc || !d->unit || !d->year) continue;
        for (size_t s = 0; s < d->nstatements; s++) {
            const jx_statement *st = &d->statements[s];
            if (st->kind != JX_STMT_COUNT || !st->has_score || strcmp(st->subject, JX_STMT_SUBJECT_SELF_EVAL))
                continue;
            size_t n = 0, by[4] = {0};
            double sum = 0;
            long long money = 0;
            int money_known = 1;
            for (size_t i = 0; i < forms->nevaluations; i++) {
                const jx_evaluation *e = forms->evaluations[i];
                if (e->kind != JX_EVAL_SELF || e->year != d->year) continue;
                if (!same_unit(e->unit, d->unit) && !same_unit(e->department, d->unit)) continue;
                n++;
                double score = e->total_score.has ? e->total_score.v : e->recomputed_total;
                sum += score;
                const char *g = e->unit_grade ? e->unit_grade : e->grade;
                for (int k = 0; k < 4; k++) if (!strcmp(g, grades[k])) by[k]++;
                if (e->funds[JX_FUND_TOTAL].budget_year == JX_NO_AMOUNT) money_known = 0;
                else money += e->funds[JX_FUND_TOTAL].budget_year;
            }
            if (!n) continue;
            const char *w = "预算绩效管理情况";
            if ((size_t)st->count != n)
                jx_report_disclosure(ctx, d, st->page, st->line, w,
                                     "决算说明称绩效自评项目%ld个，库中%s %d年度的绩效自评表有%zu个",
                                     st->count, d->unit, d->year, n);
            double avg = sum / (double)n;
            /* at the decimals the average is printed with (99.43: within half a hundredth) */
            double half = 0.5 * pow(10.0, -(st->score_decimals > 0 ? st->score_decimals : 0));
            if (fabs(st->score - avg) > half + 1e-9)
                jx_report_disclosure(ctx, d, st->page, st->line, w,
                                     "决算说明称平均得分%.2f分，库中%zu个绩效自评表的单位自评总分平均为%.2f分",
                                     st->score, n, avg);
            if (money_known && st->amount != JX_NO_AMOUNT && llabs(st->amount - money) > 50)
                jx_report_disclosure(ctx, d, st->page, st->line, w,
                                     "决算说明称涉及预算金额%.2f万元，库中绩效自评表的全年预算数合计%.2f万元",
                                     (double)st->amount / 1e6, (double)money / 1e6);
            for (int k = 0; k < JX_STATED_GRADES; k++) {
                if (st->grades[k] < 0 || (size_t)st->grades[k] == by[k]) continue;
                jx_report_disclosure(ctx, d, st->page, st->line, w,
                                     "决算说明称绩效评级为“%s”的项目%ld个，库中绩效自评表按单位自评总分评为“%s”的有%zu个",
                                     jx_stated_grade_names[k], st->grades[k], grades[k], by[k]);
            }
        }
    }
}

const jx_rule jx_rule_eval_disclosure = {
    "eval-disclosure", JX_SEV_WARNING, JX_DIM_COMPLETENESS,
    "决算公开的绩效自评情况与自评表不符",
    "部门决算公开：预算绩效管理情况说明应如实反映绩效自评的项目数、金额、平均得分和评级",
    {{NULL, 0, NULL}},
    NULL, check, JX_SCOPE_DISCLOSURE,
};
