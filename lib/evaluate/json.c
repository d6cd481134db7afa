/*
** json.c - an evaluation as JSON (the export contract's "evaluations", and
** `jixiao evaluate show --format json`). Amounts in yuan, marks and rates as
** numbers, null where the cell was blank. The link and the scores are added
** only once computed (jx_evaluation_link / jx_evaluation_score): the export
** carries the evaluation as read.
*/
#include <jansson.h>

#include "jixiao/evaluation.h"
#include "jixiao/money.h"

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }
static json_t *fen_json(long long fen) { return fen == JX_NO_AMOUNT ? json_null() : json_real(jx_money_yuan(fen)); }
static json_t *num_json(jx_num n) { return n.has ? json_real(n.v) : json_null(); }

/* A target or actual value: {"text", "op", "value", "unit", "kind"} (value_max for ranges). */
static json_t *value_json(const char *text, const jx_value *v)
{
    json_t *o = json_object();
    json_object_set_new(o, "text", str_or_null(text));
    const char *op = jx_op_name(v->op);
    json_object_set_new(o, "op", str_or_null(op));
    json_object_set_new(o, "value", v->kind == JX_KIND_QUANTITATIVE ? json_real(v->value) : json_null());
    if (v->op == JX_OP_RANGE) json_object_set_new(o, "value_max", json_real(v->value_max));
    json_object_set_new(o, "unit", v->unit[0] ? json_string(v->unit) : json_null());
    json_object_set_new(o, "kind", json_string(v->kind == JX_KIND_QUANTITATIVE ? "quantitative"
                                                                                 : "qualitative"));
    return o;
}

void *jx_evaluation_to_json(const jx_evaluation *e, int scored)
{
    static const char *const fund_keys[JX_FUND_NROWS] = {"total", "year", "carryover", "other"};
    json_t *o = json_object();
    if (e->id) json_object_set_new(o, "id", json_integer(e->id));
    json_object_set_new(o, "kind", json_string(jx_eval_kind_name(e->kind)));
    json_t *src = json_object();
    json_object_set_new(src, "file", json_string(e->file));
    json_object_set_new(src, "line", json_integer(e->line));
    if (e->page) json_object_set_new(src, "page", json_integer(e->page));
    json_object_set_new(o, "source", src);
    json_object_set_new(o, "year", e->year ? json_integer(e->year) : json_null());
    if (e->kind == JX_EVAL_MONITOR)
        json_object_set_new(o, "months", e->months ? json_integer(e->months) : json_null());
    json_object_set_new(o, "name", str_or_null(e->name));
    json_object_set_new(o, "department", str_or_null(e->department));
    json_object_set_new(o, "unit", str_or_null(e->unit));
    json_t *funds = json_array();
    for (int r = 0; r < JX_FUND_NROWS; r++) {
        const jx_eval_fund *f = &e->funds[r];
        if (!f->line) continue;
        json_t *x = json_object();
        json_object_set_new(x, "row", json_string(fund_keys[r]));
        json_object_set_new(x, "label", json_string(jx_fund_row_label((jx_fund_row)r)));
        json_object_set_new(x, "line", json_integer(f->line));
        json_object_set_new(x, "budget_start", fen_json(f->budget_start));
        json_object_set_new(x, "budget_year", fen_json(f->budget_year));
        json_object_set_new(x, "exec", fen_json(f->exec));
        json_object_set_new(x, "marks", num_json(f->marks));
        json_object_set_new(x, "rate", num_json(f->rate));
        json_object_set_new(x, "score", num_json(f->score));
        json_array_append_new(funds, x);
    }
    json_object_set_new(o, "funds", funds);
    json_t *goal = json_object();
    json_object_set_new(goal, "target", str_or_null(e->goal_target));
    json_object_set_new(goal, "actual", str_or_null(e->goal_actual));
    json_object_set_new(o, "goal", goal);
    json_t *inds = json_array();
    for (size_t i = 0; i < e->nindicators; i++) {
        const jx_eval_indicator *x = &e->indicators[i];
        json_t *j = json_object();
        json_object_set_new(j, "line", json_integer(x->line));
        json_object_set_new(j, "level1", str_or_null(x->level1));
        json_object_set_new(j, "level2", str_or_null(x->level2));
        json_object_set_new(j, "name", str_or_null(x->name));
        json_object_set_new(j, "category", str_or_null(x->category));
        json_object_set_new(j, "target", value_json(x->target, &x->target_value));
        json_object_set_new(j, "actual", value_json(x->actual, &x->actual_value));
        if (e->kind == JX_EVAL_SELF) {
            json_object_set_new(j, "marks", num_json(x->marks));
            json_object_set_new(j, "score", num_json(x->score));
        }
        json_object_set_new(j, "reason", str_or_null(x->reason));
        if (e->kind == JX_EVAL_MONITOR) {
            json_object_set_new(j, "expected", str_or_null(x->expected));
            json_object_set_new(j, "possibility", str_or_null(x->possibility));
            json_object_set_new(j, "correction", str_or_null(x->correction));
            if (x->has_causes) {
                /* 偏差原因 by category (additive): each category's cell, null when blank */
                json_t *c = json_object();
                for (int k = 0; k < JX_CAUSE_COUNT; k++)
                    json_object_set_new(c, jx_deviation_cause_name((jx_deviation_cause)k),
                                        str_or_null(x->causes[k]));
                json_object_set_new(j, "causes", c);
            }
        }
        if (scored) {
            const jx_indicator *d = e->form && x->declared >= 0 ? &e->form->indicators[x->declared] : NULL;
            json_t *dj = json_null();
            if (d) {
                dj = json_object();
                json_object_set_new(dj, "line", json_integer(d->line));
                json_object_set_new(dj, "level1", str_or_null(d->level1));
                json_object_set_new(dj, "level2", str_or_null(d->level2));
                json_object_set_new(dj, "name", str_or_null(d->name));
                json_object_set_new(dj, "target", value_json(d->target, &d->value));
            }
            json_object_set_new(j, "declared", dj);
            json_object_set_new(j, "deviation", x->has_deviation ? json_real(x->deviation) : json_null());
            if (e->kind == JX_EVAL_SELF) {
                json_t *rs = json_object();
                json_object_set_new(rs, "marks", json_real(x->rmarks));
                json_object_set_new(rs, "score", json_real(x->recomputed));
                json_object_set_new(rs, "how", str_or_null(x->how));
                json_object_set_new(j, "recomputed", rs);
            }
        }
        json_array_append_new(inds, j);
    }
    json_object_set_new(o, "indicators", inds);
    if (e->kind == JX_EVAL_SELF) {
        json_t *t = json_object();
        json_object_set_new(t, "marks", num_json(e->total_marks));
        json_object_set_new(t, "score", num_json(e->total_score));
        json_object_set_new(t, "line", e->total_line ? json_integer(e->total_line) : json_null());
        json_object_set_new(o, "total", t);
    }
    if (scored) {
        json_object_set_new(o, "form_id", e->form_id ? json_integer(e->form_id) : json_null());
        if (e->kind == JX_EVAL_SELF) {
            json_t *s = json_object();
            json_object_set_new(s, "budget", json_real(e->recomputed_budget));
            json_object_set_new(s, "total", json_real(e->recomputed_total));
            json_object_set_new(s, "grade", str_or_null(e->grade));
            json_object_set_new(s, "unit_total", num_json(e->total_score));
            json_object_set_new(s, "unit_grade", str_or_null(e->unit_grade));
            json_object_set_new(o, "recomputed", s);
        }
    }
    return o;
}

void *jx_history_to_json(const char *name, const jx_form *const *seq, size_t n,
                         const jx_year_changes *ch)
{
    json_t *root = json_object(), *years = json_array(), *changes = json_array();
    json_object_set_new(root, "version", json_integer(1));
    json_object_set_new(root, "name", json_string(name));
    for (size_t i = 0; i < n; i++) {
        json_t *y = json_object();
        json_object_set_new(y, "form_id", json_integer(seq[i]->id));
        json_object_set_new(y, "year", seq[i]->year ? json_integer(seq[i]->year) : json_null());
        json_object_set_new(y, "unit", str_or_null(seq[i]->unit));
        json_object_set_new(y, "indicators", json_integer((json_int_t)seq[i]->nindicators));
        json_array_append_new(years, y);
    }
    for (size_t i = 0; i < ch->count; i++) {
        const jx_year_change *c = &ch->items[i];
        json_t *o = json_object();
        json_object_set_new(o, "from_year", json_integer(c->from_year));
        json_object_set_new(o, "to_year", json_integer(c->to_year));
        json_object_set_new(o, "change", json_string(c->kind));
        json_object_set_new(o, "indicator", json_string(c->name));
        json_object_set_new(o, "before", str_or_null(c->before));
        json_object_set_new(o, "after", str_or_null(c->after));
        json_array_append_new(changes, o);
    }
    json_object_set_new(root, "years", years);
    json_object_set_new(root, "changes", changes);
    return root;
}
