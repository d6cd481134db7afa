/*
** eval_util.c - see eval_util.h.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "eval_util.h"
#include "jixiao/util.h"

void jx_eval_prepare(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    if (!forms->nevaluations) return;
    jx_form_list *list = (jx_form_list *)forms;   /* the review's own list: link fields only */
    jx_evaluation_link(list);
    jx_eval_scoring s;
    jx_eval_scoring_from_config(ctx->config, &s);
    for (size_t i = 0; i < list->nevaluations; i++) jx_evaluation_score(list->evaluations[i], &s);
}

/* Format and report with the evaluation's place. */
static void vreport(const jx_rule_ctx *ctx, const jx_evaluation *e, long line, const char *where,
                    const char *fmt, va_list ap)
{
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    jx_buf w = {0};
    jx_buf_printf(&w, "%s“%s”%s%s", jx_eval_kind_label(e->kind), e->name ? e->name : "",
                  where && where[0] ? "/" : "", where ? where : "");
    jx_report(ctx, NULL, line, w.data, "%s%d年度%s：%s", e->name ? e->name : "", e->year,
              jx_eval_kind_label(e->kind), msg);
    jx_buf_free(&w);
    jx_finding *f = &ctx->out->items[ctx->out->count - 1];
    f->scope = JX_SCOPE_DISCLOSURE;
    f->disclosure = e->file;
    f->page = e->page;
}

void jx_eval_report(const jx_rule_ctx *ctx, const jx_evaluation *e, long line, const char *where,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(ctx, e, line, where, fmt, ap);
    va_end(ap);
}

void jx_eval_report_indicator(const jx_rule_ctx *ctx, const jx_evaluation *e,
                              const jx_eval_indicator *x, const char *fmt, ...)
{
    jx_buf w = {0};
    jx_buf_printf(&w, "%s/%s/%s", x->level1 ? x->level1 : "-", x->level2 ? x->level2 : "-",
                  x->name ? x->name : "-");
    va_list ap;
    va_start(ap, fmt);
    vreport(ctx, e, x->line, w.data, fmt, ap);
    va_end(ap);
    jx_buf_free(&w);
}

double jx_eval_exec_rate(const jx_evaluation *e)
{
    const jx_eval_fund *f = &e->funds[JX_FUND_TOTAL];
    if (f->budget_year == JX_NO_AMOUNT || f->budget_year <= 0 || f->exec == JX_NO_AMOUNT) return -1;
    return (double)f->exec / (double)f->budget_year;
}
