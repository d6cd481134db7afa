/*
** eval_disclosure.c - rule eval-disclosure: a final-accounts disclosure's
** 预算绩效管理情况 states how many projects of the year were self-evaluated,
** their money, their average score and the count per grade (绩效自评的2024
** 年度项目4个，涉及预算金额598.42万元，平均得分99.43分（其中，绩效评级为“优”的
** 项目4个…）); compared with the self-evaluations of the same unit and year
** in the store (the review's tally of every self-evaluation: ctx->evals).
** Without any such self-evaluation it reports nothing (the
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

/* A self-evaluation in brief: what the check compares (unit keys as same_unit's). */
typedef struct tally_row {
    int year;
    char *unit, *department;   /* jx_text_key, NULL when not stated */
    double score;              /* 单位自评总分, else the recomputed one */
    int grade;                 /* index in grades[], -1 */
    long long money;           /* 全年预算数 of 年度资金总额, JX_NO_AMOUNT */
} tally_row;

struct jx_eval_tally {
    tally_row *rows;
    size_t count, cap;
};

static const char *const grades[4] = {"优", "良", "中", "差"};

jx_eval_tally *jx_eval_tally_new(void)
{
    return jx_xcalloc(1, sizeof(jx_eval_tally));
}

void jx_eval_tally_add(jx_eval_tally *t, const jx_evaluation *e)
{
    if (e->kind != JX_EVAL_SELF) return;
    t->rows = jx_grow(t->rows, &t->cap, t->count, sizeof *t->rows);
    tally_row *r = &t->rows[t->count++];
    r->year = e->year;
    r->unit = e->unit ? jx_text_key(e->unit) : NULL;
    r->department = e->department ? jx_text_key(e->department) : NULL;
    r->score = e->total_score.has ? e->total_score.v : e->recomputed_total;
    const char *g = e->unit_grade ? e->unit_grade : e->grade;
    r->grade = -1;
    for (int k = 0; k < 4 && g; k++) if (!strcmp(g, grades[k])) r->grade = k;
    r->money = e->funds[JX_FUND_TOTAL].budget_year;
}

void jx_eval_tally_free(jx_eval_tally *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->count; i++) free(t->rows[i].unit), free(t->rows[i].department);
    free(t->rows);
    free(t);
}

/* 1 when a unit's key names the same body as the disclosure's (key kd). */
static int same_key(const char *ka, const char *kd)
{
    return ka && (!strcmp(ka, kd) || strstr(ka, kd) || strstr(kd, ka));
}

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    const jx_eval_tally *t = ctx->evals;
    if (!t || !t->count) return;
    for (size_t di = 0; di < forms->ndisclosures; di++) {
        const jx_disclosure *d = forms->disclosures[di];
        if (!d->final || d->template_doc || !d->unit || !d->year) continue;
        char *kd = jx_text_key(d->unit);
        for (size_t s = 0; s < d->nstatements; s++) {
            const jx_statement *st = &d->statements[s];
            if (st->kind != JX_STMT_COUNT || !st->has_score || strcmp(st->subject, JX_STMT_SUBJECT_SELF_EVAL))
                continue;
            size_t n = 0, by[4] = {0};
            double sum = 0;
            long long money = 0;
            int money_known = 1;
            for (size_t i = 0; i < t->count; i++) {
                const tally_row *e = &t->rows[i];
                if (e->year != d->year) continue;
                if (!same_key(e->unit, kd) && !same_key(e->department, kd)) continue;
                n++;
                sum += e->score;
                if (e->grade >= 0) by[e->grade]++;
                if (e->money == JX_NO_AMOUNT) money_known = 0;
                else money += e->money;
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
        free(kd);
    }
}

const jx_rule jx_rule_eval_disclosure = {
    "eval-disclosure", JX_SEV_WARNING, JX_DIM_COMPLETENESS,
    "决算公开的绩效自评情况与自评表不符",
    "部门决算公开：预算绩效管理情况说明应如实反映绩效自评的项目数、金额、平均得分和评级",
    {{NULL, 0, NULL}},
    NULL, check, JX_SCOPE_DISCLOSURE,
};
