/*
** json.c - the JSON export contract, version 1 (see README).
**
** Invariants: fields may be added, never renamed or removed, and every key of
** the contract is always present (null when the form lacks the value), in the
** order written here (callers dump with JSON_PRESERVE_ORDER). Money leaves in
** yuan as a JSON real, jx_money_yuan (fen / 100.0), so 71387200 yuan prints as 71387200.0 and
** 0.1 yuan reads back as the double nearest 0.1. Every child is attached with
** json_object_set_new / json_array_append_new, which take the reference.
*/
#include "jixiao/export.h"
#include "jixiao/evaluation.h"
#include "jixiao/disclosure.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/fields.h"
#include "jixiao/rules.h"
#include "jixiao/util.h"
#include "jixiao/value.h"
#include "jixiao/workflow.h"
#include "text.h"

/*
** The additive "measure" of an indicator: its measure class as the review
** derives it from name, unit and operator (lib/rules/measure.c), so the
** export and the misfiled rule never disagree. Computed, not read: the
** stored fields it rests on are already in the export.
*/
static json_t *measure_json(const jx_indicator *ind)
{
    jx_measure m;
    jx_measure_classify(ind, &m);
    json_t *o = json_object();
    json_object_set_new(o, "class", json_string(jx_measure_name(m.cls)));
    json_object_set_new(o, "label", json_string(jx_measure_label(m.cls)));
    json_object_set_new(o, "confidence", json_real((double)(long)(m.confidence * 100 + 0.5) / 100));
    json_object_set_new(o, "head", m.head ? json_string(m.head) : json_null());
    return o;
}

/*
** A JSON string of s; NULL gives JSON null. Text that is not valid UTF-8
** (jansson refuses it, which would drop the key) has each bad byte replaced
** by U+FFFD, so the key is never missing and the output stays valid JSON.
*/
static json_t *text_or_null(const char *s)
{
    if (!s) return json_null();
    json_t *j = json_string(s);
    if (j) return j;
    jx_buf b = {0};
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t k = jx_text_utf8_len((const unsigned char *)s + i, n - i);
        if (k) { jx_buf_append(&b, s + i, k); i += k; }
        else { jx_buf_puts(&b, "\xEF\xBF\xBD"); i++; }
    }
    char *clean = jx_buf_take(&b);
    j = json_string(clean);
    free(clean);
    return j;
}

/* A finite number as a JSON real; null otherwise (jansson refuses NaN and inf). */
static json_t *real_or_null(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

/* An amount in fen as yuan (a real), or null for JX_NO_AMOUNT. */
static json_t *yuan(long long fen)
{
    return fen == JX_NO_AMOUNT ? json_null() : json_real(jx_money_yuan(fen));
}

/*
** The target of an indicator: text, op, value, [value_max,] unit, kind.
** value is null when qualitative; value_max is present only for a range.
*/
static json_t *target_json(const jx_indicator *ind)
{
    const jx_value *v = &ind->value;
    int quant = v->kind == JX_KIND_QUANTITATIVE;
    json_t *t = json_object();
    json_object_set_new(t, "text", text_or_null(ind->target));
    json_object_set_new(t, "op", text_or_null(jx_op_name(v->op)));
    json_object_set_new(t, "value", quant ? real_or_null(v->value) : json_null());
    if (v->op == JX_OP_RANGE) json_object_set_new(t, "value_max", real_or_null(v->value_max));
    json_object_set_new(t, "unit", v->unit[0] ? text_or_null(v->unit) : json_null());
    json_object_set_new(t, "kind", json_string(quant ? "quantitative" : "qualitative"));
    return t;
}

/* The components block: [{"name", "amount"}]. */
static json_t *components_json(const jx_form *f)
{
    json_t *comps = json_array();
    for (size_t i = 0; i < f->ncomponents; i++) {
        json_t *c = json_object();
        json_object_set_new(c, "name", text_or_null(f->components[i].name));
        json_object_set_new(c, "amount", yuan(f->components[i].amount));
        json_array_append_new(comps, c);
    }
    return comps;
}

/* The indicator table: [{"level1", "level2", "name", "category", "target", "line"}]. */
static json_t *indicators_json(const jx_form *f)
{
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
        json_object_set_new(x, "measure", measure_json(ind));
        if (ind->page) json_object_set_new(x, "page", json_integer(ind->page));
        json_array_append_new(inds, x);
    }
    return inds;
}

/* The value of one row of the field table as JSON. */
static json_t *field_json(const jx_form *f, const jx_field_def *d)
{
    switch (d->type) {
    case JX_FT_MONEY: return yuan(jx_field_money(f, d));
    case JX_FT_YEARS: {
        const jx_years *y = (const jx_years *)((const char *)f + d->offset);
        if (!y->start) return json_null();
        json_t *o = json_object();
        json_object_set_new(o, "start", json_integer(y->start));
        json_object_set_new(o, "end", json_integer(y->end ? y->end : y->start));
        return o;
    }
    case JX_FT_COMPONENTS: return components_json(f);
    case JX_FT_INDICATORS: return indicators_json(f);
    default: return text_or_null(jx_field_text(f, d));
    }
}

/*
** One form as a new JSON object (the caller owns the reference). After id,
** source and year, the keys are the exported rows of the field table in
** its order; "budget.total" goes into the object "budget". Then fields[].
*/
void *jx_form_to_json(const jx_form *f)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(f->id));
    json_t *src = json_object();
    json_object_set_new(src, "file", text_or_null(f->file ? f->file : ""));
    json_object_set_new(src, "line", json_integer(f->line));
    if (f->page) json_object_set_new(src, "page", json_integer(f->page));   /* PDF sources */
    json_object_set_new(o, "source", src);
    json_object_set_new(o, "year", f->year ? json_integer(f->year) : json_null());
    for (int i = 0; i < JX_NFIELDS; i++) {
        const jx_field_def *d = &jx_fields[i];
        if (!d->json) continue;
        const char *dot = strchr(d->json, '.');
        if (!dot) { json_object_set_new(o, d->json, field_json(f, d)); continue; }
        char group[32];
        snprintf(group, sizeof group, "%.*s", (int)(dot - d->json), d->json);
        json_t *g = json_object_get(o, group);
        if (!g) { g = json_object(); json_object_set_new(o, group, g); }
        json_object_set_new(g, dot + 1, field_json(f, d));
    }
    json_t *fields = json_array();
    for (size_t i = 0; i < f->nfields; i++) {
        json_t *e = json_object();
        json_object_set_new(e, "label", text_or_null(f->fields[i].label));
        json_object_set_new(e, "value", text_or_null(f->fields[i].value));
        json_object_set_new(e, "line", json_integer(f->fields[i].line));
        json_array_append_new(fields, e);
    }
    json_object_set_new(o, "fields", fields);
    /* The workflow status (issue 15), additive: "draft" until the form is submitted. */
    json_object_set_new(o, "status", json_string(jx_wf_status_name(f->status)));
    return o;
}

/* The whole export, {"version": 1, "forms": [...]}, as a new JSON object the caller owns. */
void *jx_export_json(const jx_form_list *forms)
{
    json_t *root = json_object();
    json_object_set_new(root, "version", json_integer(1));
    json_t *arr = json_array();
    for (size_t i = 0; i < forms->count; i++) json_array_append_new(arr, jx_form_to_json(forms->items[i]));
    json_object_set_new(root, "forms", arr);
    jx_disclosure_export_json(forms, root);   /* narratives, budget_tables (issue 4) */
    if (forms->nnotes) {   /* the parts that were skipped (issue 11); absent when none */
        json_t *notes = json_array();
        for (size_t i = 0; i < forms->nnotes; i++) {
            const jx_note *n = &forms->notes[i];
            json_t *o = json_object();
            json_object_set_new(o, "file", json_string(n->file));
            json_object_set_new(o, "line", n->line ? json_integer(n->line) : json_null());
            json_object_set_new(o, "part", json_string(n->part));
            json_object_set_new(o, "why", json_string(n->why));
            json_array_append_new(notes, o);
        }
        json_object_set_new(root, "skipped", notes);
    }
    if (forms->nevaluations) {   /* self-evaluations and monitoring (issue 17); absent when none */
        json_t *ev = json_array();
        for (size_t i = 0; i < forms->nevaluations; i++)
            json_array_append_new(ev, jx_evaluation_to_json(forms->evaluations[i], 0));
        json_object_set_new(root, "evaluations", ev);
    }
    return root;
}
