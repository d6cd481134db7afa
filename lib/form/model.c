/*
** model.c - constructors and destructors of the form model.
*/
#include "jixiao/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/disclosure.h"
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
    free(f->file); free(f->name); free(f->unit); free(f->department);
    free(f->nature); free(f->category); free(f->framework);
    free(f->period_start); free(f->period_end); free(f->goal);
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

void jx_format_wan(long long fen, char *buf, size_t size)
{
    if (fen == JX_NO_AMOUNT) { snprintf(buf, size, "-"); return; }
    long long unit = 10000;  /* fen per 0.01 万元 */
    long long q = (fen >= 0 ? fen + unit / 2 : fen - unit / 2) / unit;
    long long a = q < 0 ? -q : q;
    snprintf(buf, size, "%s%lld.%02lld", q < 0 ? "-" : "", a / 100, a % 100);
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
}
