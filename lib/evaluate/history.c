/*
** history.c - the same project's declared targets across years: what changed
** from one year's form to the next (jx_history_changes, evaluation.h).
** Indicators are compared by their 三级 name key, targets by their text key.
*/
#include <stdlib.h>
#include <string.h>

#include "jixiao/evaluation.h"
#include "jixiao/money.h"
#include "jixiao/util.h"
#include "text.h"

static void add(jx_year_changes *c, int from, int to, const char *kind, const char *name,
                const char *before, const char *after)
{
    c->items = jx_xrealloc(c->items, (c->count + 1) * sizeof *c->items);
    jx_year_change *x = &c->items[c->count++];
    x->from_year = from;
    x->to_year = to;
    x->kind = kind;
    x->name = jx_strdup(name ? name : "");
    x->before = before ? jx_strdup(before) : NULL;
    x->after = after ? jx_strdup(after) : NULL;
}

/* The index of the indicator of f named like key (jx_text_key of the name), -1 when none. */
static long find(const jx_form *f, const char *key)
{
    for (size_t i = 0; i < f->nindicators; i++) {
        char *k = jx_text_key(f->indicators[i].name ? f->indicators[i].name : "");
        int same = !strcmp(k, key);
        free(k);
        if (same) return (long)i;
    }
    return -1;
}

/*
** Each form is compared with the latest form before it of an earlier year and
** the same unit (jx_evaluation_same_unit, or either unit not stated): forms
** of one name by several units (宣传与推广 of five bureaus in 2020) are
** histories side by side, never compared with each other.
*/
void jx_history_changes(const jx_form *const *seq, size_t n, jx_year_changes *out)
{
    for (size_t s = 1; s < n; s++) {
        const jx_form *a = NULL, *b = seq[s];
        for (size_t j = s; j-- > 0;) {
            const jx_form *c = seq[j];
            int same = !c->unit || !b->unit || !c->unit[0] || !b->unit[0] ||
                       jx_evaluation_same_unit(c->unit, b->unit);
            if (same && c->year && b->year && c->year < b->year) { a = c; break; }
        }
        if (!a) continue;
        if (a->budget.total != b->budget.total) {
            char x[32], y[32];
            jx_money_format_wan(a->budget.total, x, sizeof x);
            jx_money_format_wan(b->budget.total, y, sizeof y);
            add(out, a->year, b->year, "年度资金", "年度资金总额（万元）", x, y);
        }
        for (size_t i = 0; i < b->nindicators; i++) {
            const jx_indicator *ib = &b->indicators[i];
            char *key = jx_text_key(ib->name ? ib->name : "");
            long k = key[0] ? find(a, key) : -1;
            free(key);
            if (k < 0) { add(out, a->year, b->year, "新增", ib->name, NULL, ib->target); continue; }
            const jx_indicator *ia = &a->indicators[k];
            char *ta = jx_text_key(ia->target ? ia->target : ""), *tb = jx_text_key(ib->target ? ib->target : "");
            if (strcmp(ta, tb)) add(out, a->year, b->year, "目标调整", ib->name, ia->target, ib->target);
            free(ta);
            free(tb);
        }
        for (size_t i = 0; i < a->nindicators; i++) {
            char *key = jx_text_key(a->indicators[i].name ? a->indicators[i].name : "");
            if (key[0] && find(b, key) < 0)
                add(out, a->year, b->year, "删除", a->indicators[i].name, a->indicators[i].target, NULL);
            free(key);
        }
    }
}

void jx_year_changes_free(jx_year_changes *c)
{
    for (size_t i = 0; i < c->count; i++) {
        free(c->items[i].name);
        free(c->items[i].before);
        free(c->items[i].after);
    }
    free(c->items);
    c->items = NULL;
    c->count = 0;
}

/* A form of a history and where it stood in the list (the tie-break that keeps the sort stable). */
typedef struct hist_item { const jx_form *form; size_t at; } hist_item;

static int by_year(const void *a, const void *b)
{
    const hist_item *x = a, *y = b;
    if (x->form->year != y->form->year) return x->form->year < y->form->year ? -1 : 1;
    return (x->at > y->at) - (x->at < y->at);
}

size_t jx_history_forms(const jx_form_list *list, const char *name, const jx_form ***out)
{
    char *key = jx_evaluation_name_key(name);
    hist_item *items = jx_xmalloc((list->count + 1) * sizeof *items);
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++) {
        char *k = jx_evaluation_name_key(list->items[i]->name);
        if (!strcmp(k, key)) items[n++] = (hist_item){list->items[i], i};
        free(k);
    }
    free(key);
    qsort(items, n, sizeof *items, by_year);   /* by year, import order within a year */
    *out = NULL;
    if (n) {
        *out = jx_xmalloc(n * sizeof **out);
        for (size_t i = 0; i < n; i++) (*out)[i] = items[i].form;
    }
    free(items);
    return n;
}
