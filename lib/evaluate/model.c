/*
** model.c - the evaluation model (jixiao/evaluation.h): allocation, names,
** the list it lives in.
*/
#include <stdlib.h>
#include <string.h>

#include "jixiao/evaluation.h"
#include "jixiao/util.h"

jx_evaluation *jx_evaluation_new(jx_eval_kind kind, const char *file, long line)
{
    jx_evaluation *e = jx_xcalloc(1, sizeof *e);
    e->kind = kind;
    e->file = jx_strdup(file ? file : "");
    e->line = line;
    for (int r = 0; r < JX_FUND_NROWS; r++) {
        e->funds[r].budget_start = JX_NO_AMOUNT;
        e->funds[r].budget_year = JX_NO_AMOUNT;
        e->funds[r].exec = JX_NO_AMOUNT;
    }
    return e;
}

void jx_evaluation_free(jx_evaluation *e)
{
    if (!e) return;
    for (size_t i = 0; i < e->nindicators; i++) {
        jx_eval_indicator *x = &e->indicators[i];
        free(x->level1); free(x->level2); free(x->name); free(x->category);
        free(x->target); free(x->actual); free(x->reason); free(x->expected);
        free(x->possibility); free(x->correction);
        for (int c = 0; c < JX_CAUSE_COUNT; c++) free(x->causes[c]);
    }
    free(e->indicators);
    free(e->file); free(e->name); free(e->department); free(e->unit);
    free(e->goal_target); free(e->goal_actual);
    free(e);
}

jx_eval_indicator *jx_evaluation_add_indicator(jx_evaluation *e)
{
    e->indicators = jx_xrealloc(e->indicators, (e->nindicators + 1) * sizeof *e->indicators);
    jx_eval_indicator *x = &e->indicators[e->nindicators++];
    memset(x, 0, sizeof *x);
    x->declared = -1;
    return x;
}

const char *jx_eval_kind_name(jx_eval_kind k) { return k == JX_EVAL_MONITOR ? "monitor" : "self"; }
const char *jx_eval_kind_label(jx_eval_kind k)
{
    return k == JX_EVAL_MONITOR ? "绩效运行监控表" : "绩效自评表";
}

const char *jx_fund_row_label(jx_fund_row r)
{
    static const char *const labels[JX_FUND_NROWS] = {"年度资金总额", "当年财政拨款", "上年结转资金",
                                                      "其他资金"};
    return r < JX_FUND_NROWS ? labels[r] : "";
}

void jx_form_list_add_evaluation(jx_form_list *list, jx_evaluation *e)
{
    list->evaluations = jx_xrealloc(list->evaluations,
                                    (list->nevaluations + 1) * sizeof *list->evaluations);
    list->evaluations[list->nevaluations++] = e;
}

static const char *const cause_labels[JX_CAUSE_COUNT] = {"经费保障", "制度保障", "人员保障",
                                                         "硬件条件保障", "其他"};
static const char *const cause_names[JX_CAUSE_COUNT] = {"funding", "system", "staff", "hardware",
                                                        "other"};

const char *jx_deviation_cause_label(jx_deviation_cause c)
{
    return c < JX_CAUSE_COUNT ? cause_labels[c] : "";
}

const char *jx_deviation_cause_name(jx_deviation_cause c)
{
    return c < JX_CAUSE_COUNT ? cause_names[c] : "";
}
