/*
** link.c - each self-evaluation and monitoring report to the declared form
** of the same project, and each of its indicators to the declared one.
**
** By names, never by order: the project name as a key (NFKC, no spaces, a
** trailing 项目/经费/项目经费 dropped, as the narrative linking does), the same
** year (when both state one) and the same unit (key equal, or one containing
** the other; a declared form without a unit does not decide). An evaluation
** that names no unit links only when the forms of its name and year are all
** one unit's (e->link_units says how many units declared it; the rule
** eval-no-unit reports both cases): never by guessing between units. Among
** several declared forms that fit, the one of the latest import (highest id,
** else last in the list) wins. Indicators: the same 三级 name key (brackets and spaces aside),
** each declared indicator taken once; failing that the same 二级 when that
** level 2 holds exactly one declared indicator and one evaluated one.
*/
#include <stdlib.h>
#include <string.h>

#include "evaluate.h"
#include "jixiao/util.h"
#include "text.h"

char *jx_evaluation_name_key(const char *name)
{
    return jx_text_name_key(name);
}

/* A unit key without a stamp note: 上海市X局（盖章） -> 上海市X局. */
static char *unit_key(const char *unit)
{
    char *k = jx_text_key(unit ? unit : "");
    char *p = strstr(k, "(盖章)");
    if (p) *p = '\0';
    return k;
}

/* An indicator name key: NFKC, no spaces, bracketed notes removed. */
static char *indicator_key(const char *name)
{
    char *k = jx_text_key(name ? name : "");
    char *w = k;
    int depth = 0;
    for (char *r = k; *r; r++) {
        if (*r == '(') { depth++; continue; }
        if (*r == ')' && depth) { depth--; continue; }
        if (!depth) *w++ = *r;
    }
    *w = '\0';
    return k;
}

/* 1 when two units are the same (or one is not stated). */
static int same_unit(const char *a, const char *b)
{
    if (!a || !b || !a[0] || !b[0]) return 1;
    char *ka = unit_key(a), *kb = unit_key(b);
    int same = !strcmp(ka, kb) || strstr(ka, kb) || strstr(kb, ka);
    free(ka);
    free(kb);
    return same;
}

/* Link the indicators of e to those of its form. */
static void link_indicators(jx_evaluation *e)
{
    const jx_form *f = e->form;
    char *used = jx_xcalloc(f->nindicators + 1, 1);
    char **fk = jx_xcalloc(f->nindicators + 1, sizeof *fk);
    for (size_t k = 0; k < f->nindicators; k++) fk[k] = indicator_key(f->indicators[k].name);
    for (size_t i = 0; i < e->nindicators; i++) {
        jx_eval_indicator *x = &e->indicators[i];
        x->declared = -1;
        char *key = indicator_key(x->name);
        for (size_t k = 0; k < f->nindicators && x->declared < 0; k++)
            if (!used[k] && key[0] && !strcmp(fk[k], key)) { x->declared = (long)k; used[k] = 1; }
        free(key);
    }
    /* by 二级: one declared and one evaluated indicator under the same level 2 */
    for (size_t i = 0; i < e->nindicators; i++) {
        jx_eval_indicator *x = &e->indicators[i];
        if (x->declared >= 0 || !x->level2) continue;
        char *l2 = jx_text_key(x->level2);
        long pick = -1;
        int declared_n = 0, evaluated_n = 0;
        for (size_t k = 0; k < f->nindicators; k++) {
            if (!f->indicators[k].level2) continue;
            char *k2 = jx_text_key(f->indicators[k].level2);
            if (!strcmp(k2, l2)) { declared_n++; if (!used[k]) pick = (long)k; }
            free(k2);
        }
        for (size_t j = 0; j < e->nindicators; j++) {
            if (!e->indicators[j].level2) continue;
            char *k2 = jx_text_key(e->indicators[j].level2);
            if (!strcmp(k2, l2)) evaluated_n++;
            free(k2);
        }
        free(l2);
        if (declared_n == 1 && evaluated_n == 1 && pick >= 0) { x->declared = pick; used[pick] = 1; }
    }
    for (size_t k = 0; k < f->nindicators; k++) free(fk[k]);
    free(fk);
    free(used);
}

void jx_evaluation_link(jx_form_list *list)
{
    char **keys = jx_xcalloc(list->count + 1, sizeof *keys);
    for (size_t k = 0; k < list->count; k++) keys[k] = jx_evaluation_name_key(list->items[k]->name);
    for (size_t i = 0; i < list->nevaluations; i++) {
        jx_evaluation *e = list->evaluations[i];
        char *key = jx_evaluation_name_key(e->name);
        const jx_form *best = NULL;
        int no_unit = !e->unit || !e->unit[0];
        /* the units that declared this name and year (an evaluation without a unit) */
        char *units[8];
        int nunits = 0;
        for (size_t k = 0; k < list->count; k++) {
            const jx_form *f = list->items[k];
            if (!key[0] || strcmp(keys[k], key)) continue;
            if (e->year && f->year && e->year != f->year) continue;
            if (!same_unit(e->unit, f->unit)) continue;
            if (no_unit) {
                char *u = unit_key(f->unit);
                int seen = 0;
                for (int j = 0; j < nunits && !seen; j++) seen = !strcmp(units[j], u);
                if (!seen && nunits < 8) units[nunits++] = u;
                else free(u);
            }
            if (!best || f->id >= best->id) best = f;
        }
        for (int j = 0; j < nunits; j++) free(units[j]);
        e->link_units = nunits;
        if (no_unit && nunits != 1) best = NULL;   /* several units' forms: no guessing */
        free(key);
        e->form = best;
        e->form_id = best ? best->id : 0;
        if (best) link_indicators(e);
        else for (size_t x = 0; x < e->nindicators; x++) e->indicators[x].declared = -1;
    }
    for (size_t k = 0; k < list->count; k++) free(keys[k]);
    free(keys);
}

int jx_evaluation_same_unit(const char *a, const char *b)
{
    return a && b && a[0] && b[0] && same_unit(a, b);
}

char *jx_evaluation_indicator_key(const char *name)
{
    return indicator_key(name);
}
