/*
** model.c - constructors and destructors of the form model.
*/
#include "jixiao/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/disclosure.h"
#include "jixiao/evaluation.h"
#include "jixiao/fields.h"
#include "jixiao/util.h"

jx_form *jx_form_new(const char *file, long line)
{
    jx_form *f = jx_xcalloc(1, sizeof *f);
    f->file = jx_strdup(file ? file : "");
    f->line = line;
    long long *amounts[] = {&f->budget.total, &f->budget.year, &f->budget.carryover,
                            &f->budget.other, &f->budget.project_total,
                            &f->budget.prev_budget, &f->budget.prev_exec};
    for (size_t i = 0; i < sizeof amounts / sizeof *amounts; i++) *amounts[i] = JX_NO_AMOUNT;
    return f;
}

void jx_form_free(jx_form *f)
{
    if (!f) return;
    free(f->file);
    /* every text the field table says the form holds */
    for (int i = 0; i < JX_NFIELDS; i++) {
        char *const *slot = jx_field_text_slot(f, &jx_fields[i]);
        if (slot) free(*slot);
    }
    for (size_t i = 0; i < f->nfields; i++) { free(f->fields[i].label); free(f->fields[i].value); }
    free(f->fields);
    for (size_t i = 0; i < f->ncomponents; i++) free(f->components[i].name);
    free(f->components);
    for (size_t i = 0; i < f->nindicators; i++) {
        jx_indicator *ind = &f->indicators[i];
        free(ind->level1); free(ind->level2); free(ind->name);
        free(ind->category); free(ind->target);
    }
    free(f->indicators);
    free(f);
}

jx_indicator *jx_form_add_indicator(jx_form *f)
{
    /* Grow by doubling: capacity is the next power of two >= count. */
    if ((f->nindicators & (f->nindicators - 1)) == 0)
        f->indicators = jx_xrealloc(f->indicators,
                                    (f->nindicators ? f->nindicators * 2 : 1) * sizeof *f->indicators);
    jx_indicator *ind = &f->indicators[f->nindicators++];
    memset(ind, 0, sizeof *ind);
    return ind;
}

jx_component *jx_form_add_component(jx_form *f)
{
    if ((f->ncomponents & (f->ncomponents - 1)) == 0)
        f->components = jx_xrealloc(f->components,
                                    (f->ncomponents ? f->ncomponents * 2 : 1) * sizeof *f->components);
    jx_component *c = &f->components[f->ncomponents++];
    memset(c, 0, sizeof *c);
    c->amount = JX_NO_AMOUNT;
    return c;
}

jx_field *jx_form_add_field(jx_form *f, const char *label, const char *value, long line)
{
    if ((f->nfields & (f->nfields - 1)) == 0)
        f->fields = jx_xrealloc(f->fields, (f->nfields ? f->nfields * 2 : 1) * sizeof *f->fields);
    jx_field *e = &f->fields[f->nfields++];
    e->label = jx_strdup(label);
    e->value = jx_strdup(value);
    e->line = line;
    return e;
}

void jx_form_period_parts(const jx_form *f, char **start, char **end)
{
    static const char sep[] = " 至 ", lead[] = "至 ";
    const char *t = f->period_text;
    *start = *end = NULL;
    if (!t || !t[0]) return;
    const char *m = strstr(t, sep);
    if (m) {
        *start = jx_strndup(t, (size_t)(m - t));
        *end = jx_strdup(m + strlen(sep));
    } else if (jx_starts_with(t, lead)) {
        *end = jx_strdup(t + strlen(lead));
    } else {
        *start = jx_strdup(t);
    }
}

/* Field ids of findings and the labels of the official form (one table). */
static const struct { const char *where, *label; } field_labels[] = {
    {"name", "项目名称"}, {"unit", "申报单位"}, {"department", "主管部门"},
    {"nature", "项目性质"}, {"category", "项目类别"}, {"period", "项目期限"},
    {"period.start", "开始时间"}, {"period.end", "结束时间"}, {"budget", "项目资金"},
    {"budget.total", "年度资金总额"}, {"budget.year", "当年财政拨款"},
    {"budget.carryover", "上年结转"}, {"budget.other", "其他资金"},
    {"budget.project_total", "项目资金总额"}, {"budget.prev_budget", "上年预算数"},
    {"budget.prev_exec", "上年预算执行数"}, {"components", "项目当年投入资金构成"},
    {"goal", "年度绩效目标"}, {"framework", "指标体系"}, {"indicators", "绩效指标"},
    {"narrative", "项目经费情况说明"}, {"narrative.amount", "项目经费情况说明（预算金额）"},
    {"text.projects", "公开文本（绩效目标项目数）"},
};

const char *jx_field_label(const char *where)
{
    if (!where) return NULL;
    for (size_t i = 0; i < sizeof field_labels / sizeof *field_labels; i++)
        if (!strcmp(field_labels[i].where, where)) return field_labels[i].label;
    return where;
}

void jx_form_list_push(jx_form_list *list, jx_form *form)
{
    if (list->count == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 8;
        list->items = jx_xrealloc(list->items, list->cap * sizeof *list->items);
    }
    list->items[list->count++] = form;
}

void jx_form_list_free(jx_form_list *list)
{
    for (size_t i = 0; i < list->count; i++) jx_form_free(list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = list->cap = 0;
    for (size_t i = 0; i < list->ndisclosures; i++) jx_disclosure_free(list->disclosures[i]);
    free(list->disclosures);
    list->disclosures = NULL;
    list->ndisclosures = 0;
    for (size_t i = 0; i < list->nevaluations; i++) jx_evaluation_free(list->evaluations[i]);
    free(list->evaluations);
    list->evaluations = NULL;
    list->nevaluations = 0;
    for (size_t i = 0; i < list->nnotes; i++) {
        free(list->notes[i].file);
        free(list->notes[i].part);
        free(list->notes[i].why);
    }
    free(list->notes);
    list->notes = NULL;
    list->nnotes = 0;
    free(list->boxes);
    list->boxes = NULL;
    list->nboxes = 0;
    free(list->pdf);
    list->pdf = NULL;
    list->pdf_len = 0;
}

void jx_form_list_note(jx_form_list *list, const char *file, long line, const char *part,
                       const char *why)
{
    list->notes = jx_xrealloc(list->notes, (list->nnotes + 1) * sizeof *list->notes);
    jx_note *n = &list->notes[list->nnotes++];
    n->file = jx_strdup(file ? file : "");
    n->line = line;
    n->part = jx_strdup(part ? part : "");
    n->why = jx_strdup(why ? why : "");
}
