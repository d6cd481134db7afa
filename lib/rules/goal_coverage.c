/*
** goal-coverage: a quantity the annual goal promises ("培训人次达到150人")
** that no indicator's target measures. Only numbers followed by a unit
** count; dates, document numbers and list markers are not promises.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rule_util.h"
#include "jixiao/util.h"

/* Units a promised quantity may carry, longest first where they share a prefix. */
static const char *const goal_units[] = {
    "%", "％", "万人次", "万人", "万册", "万元", "亿元", "人次", "个班次", "户次", "学时",
    "课时", "小时", "分钟", "人", "次", "个", "场", "项", "名", "套", "家", "册", "户", "件",
    "台", "篇", "期", "批", "轮", "班", "天", "元", "门", "所", "条", NULL};

/* Length of the unit at s, 0 when none; *scale gets 万/亿 multipliers of the unit. */
static size_t unit_at(const char *s, double *scale)
{
    *scale = 1;
    for (size_t i = 0; goal_units[i]; i++) {
        size_t n = strlen(goal_units[i]);
        if (strncmp(s, goal_units[i], n) != 0) continue;
        if (jx_starts_with(goal_units[i], "万")) *scale = 10000;
        if (jx_starts_with(goal_units[i], "亿")) *scale = 1e8;
        return n;
    }
    return 0;
}

/* 1 when some indicator's target value equals v. */
static int measured(const jx_form *f, double v)
{
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_value *x = &f->indicators[i].value;
        if (x->kind != JX_KIND_QUANTITATIVE) continue;
        if (fabs(x->value - v) < 1e-6 || fabs(x->value_max - v) < 1e-6) return 1;
    }
    return 0;
}

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    const char *g = f->goal;
    if (!g || f->nindicators == 0) return;
    size_t reported = 0, max_reports = (size_t)jx_rule_param_value(ctx, "max_per_form");
    for (const char *p = g; *p && reported < max_reports;) {
        if (!(*p >= '0' && *p <= '9') || (p > g && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '.'))) {
            p++;
            continue;
        }
        const char *start = p;
        double v = 0;
        while ((*p >= '0' && *p <= '9') || *p == ',') { if (*p != ',') v = v * 10 + (*p - '0'); p++; }
        if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
            double scale = 0.1;
            for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10) v += (*p - '0') * scale;
        }
        double unit_scale;
        size_t ulen = unit_at(p, &unit_scale);
        if (!ulen && jx_starts_with(p, "万")) {   /* 1.2万人次 */
            double s2;
            size_t u2 = unit_at(p + strlen("万"), &s2);
            if (u2) { ulen = strlen("万") + u2; unit_scale = 10000 * s2; }
        }
        /* Not a promise: no unit, a year or date, a document number (〔2018〕12号), 第N. */
        int preceded_by_di = start - g >= 3 && !strncmp(start - 3, "第", 3);
        if (!ulen || preceded_by_di) continue;
        double amount = v * unit_scale;
        if (measured(f, amount) || measured(f, v)) continue;
        char *quote = jx_strndup(start, (size_t)(p - start) + ulen);
        jx_report(ctx, f, f->line, "goal", "年度目标提出“%s”，但没有指标衡量这一数值", quote);
        free(quote);
        reported++;
        p += ulen;
    }
}

const jx_rule jx_rule_goal_coverage = {
    "goal-coverage", JX_SEV_WARNING, JX_DIM_RELEVANCE,
    "年度目标中的量化承诺没有对应指标",
    "财预〔2015〕88号：绩效指标是绩效目标的细化和量化，目标中的承诺都应有指标衡量",
    {{"max_per_form", 5, "每张表最多报告几处"}, {NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
