/*
** eval_util.h - what the rules on self-evaluations and monitoring reports
** share (eval_*.c): linking and scoring once per review, and reporting a
** finding that belongs to the evaluation's document (not to any form's grade).
*/
#ifndef JIXIAO_EVAL_UTIL_H
#define JIXIAO_EVAL_UTIL_H

#include "jixiao/evaluation.h"
#include "jixiao/rules.h"

/*
** Link the evaluations of forms to their declared forms and score them under
** the review's configuration. Idempotent: each eval rule calls it first (the
** list is the review's own; only the evaluations' link and score fields change).
*/
void jx_eval_prepare(const jx_rule_ctx *ctx, const jx_form_list *forms);

/*
** A finding about evaluation e at line: it belongs to e's document (scope
** disclosure, file e->file, page e->page), where = "绩效自评表“项目”/where".
*/
void jx_eval_report(const jx_rule_ctx *ctx, const jx_evaluation *e, long line, const char *where,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The same about one indicator: where = 一级/二级/三级. */
void jx_eval_report_indicator(const jx_rule_ctx *ctx, const jx_evaluation *e,
                              const jx_eval_indicator *x, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Execution rate 全年执行数 ÷ 全年预算数 of the 年度资金总额 row (0..), -1 when not computable. */
double jx_eval_exec_rate(const jx_evaluation *e);

/*
** The tally eval-disclosure reads (ctx->evals; eval_disclosure.c): add each
** scored evaluation once (only self-evaluations are kept).
*/
jx_eval_tally *jx_eval_tally_new(void);
void jx_eval_tally_add(jx_eval_tally *t, const jx_evaluation *e);
void jx_eval_tally_free(jx_eval_tally *t);

#endif
