/*
** score.c - a self-evaluation scored per 财预〔2020〕10号 (../shared/DOMAIN.md):
**   - an indicator's marks are the unit's 分值, else its category's weight
**     (产出 50, 效益 30, 满意度 10: configuration) shared by its indicators;
**   - a quantitative indicator that reaches its target scores full marks;
**     one that misses scores marks × actual ÷ target (target ÷ actual for a
**     ≤/< target), never below 0 nor above the marks;
**   - a qualitative one scores by degree of achievement, 80–100 % / 60–80 % /
**     0–60 % of the marks: the actual text says 未… (not reached), 基本…
**     (mostly) or neither; the unit's own score stands inside its band and is
**     capped at the band's top (the band's top without one);
**   - 预算执行率: its marks (the unit's 分值, else the weight, 10) × the
**     execution rate 全年执行数 ÷ 全年预算数, at most 1;
**   - the total is their sum, its grade 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below
**     (configuration).
*/
#include <math.h>
#include <string.h>

#include "jixiao/evaluation.h"
#include "jixiao/money.h"

void jx_eval_scoring_default(jx_eval_scoring *s)
{
    s->weight_output = 50;
    s->weight_benefit = 30;
    s->weight_satisfaction = 10;
    s->weight_budget = 10;
    s->grade_min[0] = 90;
    s->grade_min[1] = 80;
    s->grade_min[2] = 60;
}

const char *jx_eval_grade(const jx_eval_scoring *s, double total)
{
    if (total >= s->grade_min[0] - 1e-9) return "优";
    if (total >= s->grade_min[1] - 1e-9) return "良";
    if (total >= s->grade_min[2] - 1e-9) return "中";
    return "差";
}

/* Two units agree: equal, or one side names none. */
static int units_agree(const jx_value *a, const jx_value *b)
{
    return !a->unit[0] || !b->unit[0] || !strcmp(a->unit, b->unit);
}

int jx_eval_reaches(const jx_value *t, const jx_value *a)
{
    if (t->kind != JX_KIND_QUANTITATIVE || a->kind != JX_KIND_QUANTITATIVE || !units_agree(t, a))
        return -1;
    double tv = t->value, av = a->value, eps = 1e-9 * (fabs(tv) > 1 ? fabs(tv) : 1);
    /* An actual written as a bound (>97%, 低于5%) at the target's own figure says
       which side of it the actual lies: above for > and ≥, below for < and ≤. */
    int at = fabs(av - tv) <= eps;
    int above = a->op == JX_OP_GT, below = a->op == JX_OP_LT;
    switch (t->op) {
    case JX_OP_GE: return av > tv + eps || (at && !below);
    case JX_OP_GT: return av > tv + eps || (at && above);
    case JX_OP_LE: return av < tv - eps || (at && !above);
    case JX_OP_LT: return av < tv - eps || (at && below);
    case JX_OP_EQ: return fabs(av - tv) <= eps || (tv != 0 && av > tv);
    case JX_OP_APPROX: return av >= 0.95 * tv - eps;
    case JX_OP_RANGE: return av >= tv - eps;
    default: return -1;
    }
}

/* 1 for a lower-is-better target (≤, <). */
static int lower_better(const jx_value *t) { return t->op == JX_OP_LE || t->op == JX_OP_LT; }

/* The band top (share of the marks) an actual text claims: 未… 0.6, 基本… 0.8, else 1. */
static double band_top(const char *actual)
{
    if (!actual) return 1.0;
    static const char *const missed[] = {"未达到", "未完成", "未实现", "未达标", "没有完成", "未按期", NULL};
    for (int i = 0; missed[i]; i++) if (strstr(actual, missed[i])) return 0.6;
    if (strstr(actual, "基本")) return 0.8;
    return 1.0;
}

/* The weight of a national category under s, 0 for none. */
static double category_weight(const jx_eval_scoring *s, const char *cat)
{
    if (!cat) return 0;
    if (!strcmp(cat, "产出") || !strcmp(cat, "成本")) return s->weight_output;
    if (!strcmp(cat, "效益")) return s->weight_benefit;
    if (!strcmp(cat, "满意度")) return s->weight_satisfaction;
    return 0;
}

/* Round to cents of a mark (the forms print two decimals). */
static double round2(double v) { return floor(v * 100.0 + 0.5) / 100.0; }

void jx_evaluation_score(jx_evaluation *e, const jx_eval_scoring *s)
{
    double total = 0;
    for (size_t i = 0; i < e->nindicators; i++) {
        jx_eval_indicator *x = &e->indicators[i];
        double marks = x->marks.has ? x->marks.v : 0;
        if (!x->marks.has) {
            /* the category's weight, shared by its indicators (成本 counts with 产出) */
            double w = category_weight(s, x->category);
            int n = 0;
            for (size_t k = 0; k < e->nindicators; k++)
                if (category_weight(s, e->indicators[k].category) == w && w > 0 &&
                    !e->indicators[k].marks.has)
                    n++;
            marks = n ? w / n : 0;
        }
        x->rmarks = marks;
        const jx_value *t = &x->target_value, *a = &x->actual_value;
        int r = jx_eval_reaches(t, a);
        double got;
        if (r == 1) {
            got = marks;
            x->how = "达到目标：满分";
        } else if (r == 0) {
            double ratio = lower_better(t) ? (a->value > 0 ? t->value / a->value : 0)
                                           : (t->value > 0 ? a->value / t->value : 0);
            if (t->op == JX_OP_EQ && t->value == 0) ratio = 0;   /* =0 起: any is a miss */
            if (ratio < 0) ratio = 0;
            if (ratio > 1) ratio = 1;
            got = marks * ratio;
            x->how = lower_better(t) ? "未达到：分值×目标值÷实际值" : "未达到：分值×实际值÷目标值";
        } else {
            double top = band_top(x->actual) * marks;
            got = x->score.has && x->score.v < top ? x->score.v : top;
            if (got < 0) got = 0;
            x->how = top < marks * 0.7 ? "定性：未达到（0–60%）"
                     : top < marks * 0.9 ? "定性：基本达到（60–80%）"
                                         : "定性：达到（按单位得分，至多满分）";
        }
        x->recomputed = round2(got);
        total += x->recomputed;
        /* 偏离度 (DOMAIN.md): (actual − target) ÷ target */
        x->has_deviation = t->kind == JX_KIND_QUANTITATIVE && a->kind == JX_KIND_QUANTITATIVE &&
                           units_agree(t, a) && t->value > 0;
        x->deviation = x->has_deviation ? round2(100.0 * (a->value - t->value) / t->value) : 0;
    }
    /* 预算执行率 */
    const jx_eval_fund *f = &e->funds[JX_FUND_TOTAL];
    double marks = f->marks.has ? f->marks.v : s->weight_budget;
    double budget = 0;
    if (f->budget_year != JX_NO_AMOUNT && f->budget_year > 0 && f->exec != JX_NO_AMOUNT) {
        double rate = (double)f->exec / (double)f->budget_year;
        budget = marks * (rate > 1 ? 1 : rate < 0 ? 0 : rate);
    } else if (f->score.has) {
        budget = f->score.v;   /* no amounts to recompute from: the unit's own */
    }
    e->recomputed_budget = round2(budget);
    e->recomputed_total = round2(total + e->recomputed_budget);
    e->grade = jx_eval_grade(s, e->recomputed_total);
    e->unit_grade = e->total_score.has ? jx_eval_grade(s, e->total_score.v) : NULL;
}
