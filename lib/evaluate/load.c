/*
** load.c - the stored evaluations with only the declared forms they can
** link to (jx_evaluations_load_linked, jixiao/evaluation.h): what the CLI's
** `evaluate` commands and the web's evaluation pages read. Never every
** form: the forms of each evaluation's name key (and year) are looked up in
** the store's name_key index and loaded by id.
*/
#include <stdlib.h>
#include <string.h>

#include "jixiao/evaluation.h"
#include "jixiao/store.h"
#include "jixiao/util.h"

/* Drop the evaluations from index `from` on that fail keep (unit, key); the order stays. */
static void keep_only(jx_form_list *list, size_t from, const char *unit, const char *key)
{
    size_t k = from;
    for (size_t i = from; i < list->nevaluations; i++) {
        jx_evaluation *e = list->evaluations[i];
        int keep = !unit || (e->unit && !strcmp(e->unit, unit));
        if (keep && key) {
            char *ek = jx_evaluation_name_key(e->name);
            keep = !strcmp(ek, key);
            free(ek);
        }
        if (keep) list->evaluations[k++] = e;
        else jx_evaluation_free(e);
    }
    list->nevaluations = k;
}

static int cmp_id(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

/* Add the ids of the forms of name's key (and year) to *ids. */
static jx_status add_ids(jx_store *store, const char *name, int year, long long **ids, size_t *n,
                         size_t *cap, jx_error *err)
{
    char *key = jx_evaluation_name_key(name);
    long long *got = NULL;
    size_t ngot = 0;
    jx_status st = key[0] ? jx_store_form_ids_by_name_key(store, key, year, &got, &ngot, err) : JX_OK;
    free(key);
    if (st != JX_OK) return st;
    if (*n + ngot > *cap) {
        *cap = (*n + ngot) * 2;
        *ids = jx_xrealloc(*ids, *cap * sizeof **ids);
    }
    if (ngot) memcpy(*ids + *n, got, ngot * sizeof *got);
    *n += ngot;
    free(got);
    return JX_OK;
}

jx_status jx_evaluations_load_linked(jx_store *store, const jx_eval_query *q, const jx_eval_scoring *sc,
                                     jx_form_list *out, long long *next, jx_error *err)
{
    *next = 0;
    jx_status st = JX_OK;
    const char *unit = q->unit && q->unit[0] ? q->unit : NULL;
    if (q->none) {
        /* a history: no evaluations */
    } else if (q->id > 0) {
        st = jx_store_load_evaluations(store, q->id, 0, 0, out, err);
        if (st == JX_OK) keep_only(out, 0, unit, NULL);
        if (st == JX_OK && q->project && out->nevaluations == 1) {
            /* the others of its project: by the indexed name key (and the unit) */
            char *want = jx_evaluation_name_key(out->evaluations[0]->name);
            jx_evaluation_free(out->evaluations[0]);
            out->nevaluations = 0;
            jx_eval_select sel = {.unit = unit, .name_key = want};
            st = jx_store_select_evaluations(store, &sel, out, err);
            if (st == JX_OK) keep_only(out, 0, unit, want);
            free(want);
        }
    } else {
        /* the unit and year in SQL: a unit's pages are full pages */
        jx_eval_select sel = {.after = q->after, .limit = q->limit, .unit = unit, .year = q->year};
        st = jx_store_select_evaluations(store, &sel, out, err);
        if (st == JX_OK && q->limit > 0 && out->nevaluations == (size_t)q->limit)
            *next = out->evaluations[out->nevaluations - 1]->id;
        if (st == JX_OK) keep_only(out, 0, unit, NULL);
    }
    if (st != JX_OK) return st;
    /* the declared forms: by name key and year, each once */
    long long *ids = NULL;
    size_t nids = 0, cap = 0;
    for (size_t i = 0; st == JX_OK && i < out->nevaluations; i++)
        st = add_ids(store, out->evaluations[i]->name, out->evaluations[i]->year, &ids, &nids, &cap, err);
    if (st == JX_OK && q->name) st = add_ids(store, q->name, 0, &ids, &nids, &cap, err);
    if (nids) qsort(ids, nids, sizeof *ids, cmp_id);
    for (size_t i = 0; st == JX_OK && i < nids; i++)
        if (!i || ids[i] != ids[i - 1]) st = jx_store_load(store, &(jx_filter){.id = ids[i]}, out, err);
    free(ids);
    if (st != JX_OK) return st;
    jx_evaluation_link(out);
    for (size_t i = 0; i < out->nevaluations; i++) jx_evaluation_score(out->evaluations[i], sc);
    return JX_OK;
}
