/*
** export_json.c - the JSON export contract, version 1 (see README).
** Fields may be added, never renamed or removed. Money leaves in yuan.
*/
#include "jixiao/export.h"

#include <jansson.h>

#include "jixiao/value.h"

/* Text or null. */
static json_t *text_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* An amount in fen as yuan, or null. */
static json_t *yuan(long long fen)
{
    return fen == JX_NO_AMOUNT ? json_null() : json_real((double)fen / 100.0);
}

/* The target of an indicator: text, op, value, unit, kind. */
static json_t *target_json(const jx_indicator *ind)
{
    const jx_value *v = &ind->value;
    int quant = v->kind == JX_KIND_QUANTITATIVE;
    json_t *t = json_object();
    json_object_set_new(t, "text", text_or_null(ind->target));
    json_object_set_new(t, "op", text_or_null(jx_op_name(v->op)));
    json_object_set_new(t, "value", quant ? json_real(v->value) : json_null());
    if (v->op == JX_OP_RANGE) json_object_set_new(t, "value_max", json_real(v->value_max));
    json_object_set_new(t, "unit", v->unit[0] ? json_string(v->unit) : json_null());
    json_object_set_new(t, "kind", json_string(quant ? "quantitative" : "qualitative"));
    return t;
}

void *jx_form_to_json(const jx_form *f)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(f->id));
    json_t *src = json_object();
    json_object_set_new(src, "file", json_string(f->file ? f->file : ""));
    json_object_set_new(src, "line", json_integer(f->line));
    json_object_set_new(o, "source", src);
    json_object_set_new(o, "year", f->year ? json_integer(f->year) : json_null());
    json_object_set_new(o, "name", text_or_null(f->name));
    json_object_set_new(o, "unit", text_or_null(f->unit));
    json_object_set_new(o, "department", text_or_null(f->department));
    json_object_set_new(o, "nature", text_or_null(f->nature));
    json_object_set_new(o, "category", text_or_null(f->category));
    json_object_set_new(o, "framework", text_or_null(f->framework));
    json_t *period = json_object();
    json_object_set_new(period, "start", text_or_null(f->period_start));
    json_object_set_new(period, "end", text_or_null(f->period_end));
    json_object_set_new(o, "period", period);
    json_t *b = json_object();
    json_object_set_new(b, "total", yuan(f->budget.total));
    json_object_set_new(b, "year", yuan(f->budget.year));
    json_object_set_new(b, "carryover", yuan(f->budget.carryover));
    json_object_set_new(b, "other", yuan(f->budget.other));
    json_object_set_new(b, "project_total", yuan(f->budget.project_total));
    json_object_set_new(b, "prev_budget", yuan(f->budget.prev_budget));
    json_object_set_new(b, "prev_exec", yuan(f->budget.prev_exec));
    json_object_set_new(o, "budget", b);
    json_t *comps = json_array();
    for (size_t i = 0; i < f->ncomponents; i++) {
        json_t *c = json_object();
        json_object_set_new(c, "name", text_or_null(f->components[i].name));
        json_object_set_new(c, "amount", yuan(f->components[i].amount));
        json_array_append_new(comps, c);
    }
    json_object_set_new(o, "components", comps);
    json_object_set_new(o, "goal", text_or_null(f->goal));
    json_t *inds = json_array();
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        json_t *x = json_object();
        json_object_set_new(x, "level1", text_or_null(ind->level1));
        json_object_set_new(x, "level2", text_or_null(ind->level2));
        json_object_set_new(x, "name", text_or_null(ind->name));
        json_object_set_new(x, "category", text_or_null(ind->category));
        json_object_set_new(x, "target", target_json(ind));
        json_object_set_new(x, "line", json_integer(ind->line));
        json_array_append_new(inds, x);
    }
    json_object_set_new(o, "indicators", inds);
    return o;
}

void *jx_export_json(const jx_form_list *forms)
{
    json_t *root = json_object();
    json_object_set_new(root, "version", json_integer(1));
    json_t *arr = json_array();
    for (size_t i = 0; i < forms->count; i++) json_array_append_new(arr, jx_form_to_json(forms->items[i]));
    json_object_set_new(root, "forms", arr);
    return root;
}
