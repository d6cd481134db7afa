/*
** json_diff.c - what changed between two versions of a form, both as the
** export contract's JSON (what the store keeps per version).
**
** Fields are compared field by field in the field table's order (year
** first); the indicator rows are paired up in passes, each pairing only
** rows the earlier passes left: the same (一级, 二级, 三级) path, then the
** same 三级 name (its levels changed), then the same levels and target (its
** name changed). A pair whose content differs is "changed" (with the keys
** that differ); the pairs outside a longest run that keeps its order are
** "moved" (one row moved to the top is one move, not a shift of all); the
** rows left are "removed" (from the older) and "added" (in the newer).
** Components are paired by name. Keys that are not content (id, source,
** fields, status, measure, line, page) are not compared.
*/
#include "jixiao/export.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/fields.h"
#include "jixiao/util.h"

/* The value at a contract key ("budget.total") of form o, or NULL. */
static json_t *at_key(const json_t *o, const char *key)
{
    const char *dot = strchr(key, '.');
    if (!dot) return json_object_get(o, key);
    char group[32];
    snprintf(group, sizeof group, "%.*s", (int)(dot - key), key);
    return json_object_get(json_object_get(o, group), dot + 1);
}

/* Equal JSON values, an absent value equal to null. */
static int same_value(const json_t *a, const json_t *b)
{
    if (!a) a = json_null();
    if (!b) b = json_null();
    return json_equal((json_t *)a, (json_t *)b);
}

/* A copy of v for the answer (null for NULL). */
static json_t *copy(const json_t *v)
{
    return v ? json_deep_copy(v) : json_null();
}

/* One field change: {"field", "title", "from", "to"}. */
static void field_change(json_t *out, const char *key, const char *title, const json_t *a, const json_t *b)
{
    json_t *c = json_object();
    json_object_set_new(c, "field", json_string(key));
    json_object_set_new(c, "title", json_string(title));
    json_object_set_new(c, "from", copy(a));
    json_object_set_new(c, "to", copy(b));
    json_array_append_new(out, c);
}

/* The text of an indicator's key, "" for null. */
static const char *ind_text(const json_t *ind, const char *key)
{
    const json_t *v = json_object_get(ind, key);
    if (!strcmp(key, "target")) v = json_is_object(v) ? json_object_get(v, "text") : v;
    return json_is_string(v) ? json_string_value(v) : "";
}

/* An indicator row for the answer: {"index", "level1", "level2", "name", "target"}. */
static json_t *row_json(const json_t *ind, size_t index)
{
    json_t *o = json_object();
    json_object_set_new(o, "index", json_integer((json_int_t)index));
    static const char *const keys[] = {"level1", "level2", "name", "target"};
    for (int k = 0; k < 4; k++) {
        const json_t *v = json_object_get(ind, keys[k]);
        if (k == 3 && json_is_object(v)) v = json_object_get(v, "text");
        json_object_set_new(o, keys[k], copy(v));
    }
    return o;
}

/* The keys of an indicator compared for "changed". */
static const char *const ind_keys[] = {"level1", "level2", "name", "target", "category"};
#define NIND_KEYS 5

/* Pairing pass: 0 same path, 1 same name, 2 same levels and target. */
static int pairs_in_pass(const json_t *a, const json_t *b, int pass)
{
    switch (pass) {
    case 0:
        return !strcmp(ind_text(a, "level1"), ind_text(b, "level1")) &&
               !strcmp(ind_text(a, "level2"), ind_text(b, "level2")) &&
               !strcmp(ind_text(a, "name"), ind_text(b, "name"));
    case 1:
        return *ind_text(a, "name") && !strcmp(ind_text(a, "name"), ind_text(b, "name"));
    default:
        return !strcmp(ind_text(a, "level1"), ind_text(b, "level1")) &&
               !strcmp(ind_text(a, "level2"), ind_text(b, "level2")) &&
               !strcmp(ind_text(a, "target"), ind_text(b, "target"));
    }
}

/* {"added", "removed", "changed", "moved"} of two indicator arrays. */
static json_t *indicators_diff(const json_t *a, const json_t *b)
{
    size_t na = json_array_size(a), nb = json_array_size(b);
    long *match_a = jx_xcalloc(na + 1, sizeof *match_a);   /* a row -> b row, -1 none */
    long *match_b = jx_xcalloc(nb + 1, sizeof *match_b);
    for (size_t i = 0; i < na; i++) match_a[i] = -1;
    for (size_t j = 0; j < nb; j++) match_b[j] = -1;
    for (int pass = 0; pass < 3; pass++)
        for (size_t j = 0; j < nb; j++) {
            if (match_b[j] >= 0) continue;
            for (size_t i = 0; i < na; i++)
                if (match_a[i] < 0 && pairs_in_pass(json_array_get(a, i), json_array_get(b, j), pass)) {
                    match_a[i] = (long)j;
                    match_b[j] = (long)i;
                    break;
                }
        }
    json_t *added = json_array(), *removed = json_array(), *changed = json_array(), *moved = json_array();
    for (size_t i = 0; i < na; i++)
        if (match_a[i] < 0) json_array_append_new(removed, row_json(json_array_get(a, i), i));
    /* The pairs that keep their order: a longest increasing run of a's
       indexes in b's order; the other pairs are the ones that moved. */
    long *lis = jx_xcalloc(nb + 1, sizeof *lis), *prev = jx_xcalloc(nb + 1, sizeof *prev);
    char *stays = jx_xcalloc(nb + 1, 1);
    long best = -1;
    for (size_t j = 0; j < nb; j++) {
        prev[j] = -1;
        lis[j] = match_b[j] >= 0 ? 1 : 0;
        if (match_b[j] < 0) continue;
        for (size_t k = 0; k < j; k++)
            if (match_b[k] >= 0 && match_b[k] < match_b[j] && lis[k] + 1 > lis[j]) {
                lis[j] = lis[k] + 1;
                prev[j] = (long)k;
            }
        if (best < 0 || lis[j] > lis[best]) best = (long)j;
    }
    for (long j = best; j >= 0; j = prev[j]) stays[j] = 1;
    for (size_t j = 0; j < nb; j++) {
        const json_t *y = json_array_get(b, j);
        if (match_b[j] < 0) { json_array_append_new(added, row_json(y, j)); continue; }
        size_t i = (size_t)match_b[j];
        const json_t *x = json_array_get(a, i);
        json_t *keys = json_array();
        for (int k = 0; k < NIND_KEYS; k++)
            if (strcmp(ind_text(x, ind_keys[k]), ind_text(y, ind_keys[k])))
                json_array_append_new(keys, json_string(ind_keys[k]));
        if (json_array_size(keys)) {
            json_t *c = json_object();
            json_object_set_new(c, "from", row_json(x, i));
            json_object_set_new(c, "to", row_json(y, j));
            json_object_set_new(c, "changes", keys);
            json_array_append_new(changed, c);
        } else {
            json_decref(keys);
        }
        if (!stays[j]) {
            json_t *m = json_object();
            json_object_set_new(m, "from", row_json(x, i));
            json_object_set_new(m, "to_index", json_integer((json_int_t)j));
            json_array_append_new(moved, m);
        }
    }
    free(lis), free(prev), free(stays);
    free(match_a), free(match_b);
    json_t *o = json_object();
    json_object_set_new(o, "added", added);
    json_object_set_new(o, "removed", removed);
    json_object_set_new(o, "changed", changed);
    json_object_set_new(o, "moved", moved);
    return o;
}

/* {"added", "removed", "changed"} of two component arrays, paired by name. */
static json_t *components_diff(const json_t *a, const json_t *b)
{
    size_t na = json_array_size(a), nb = json_array_size(b);
    char *used = jx_xcalloc(na + 1, 1);
    json_t *added = json_array(), *removed = json_array(), *changed = json_array();
    for (size_t j = 0; j < nb; j++) {
        const json_t *y = json_array_get(b, j);
        size_t i = 0;
        while (i < na && (used[i] || !same_value(json_object_get(json_array_get(a, i), "name"),
                                                 json_object_get(y, "name"))))
            i++;
        if (i == na) { json_array_append_new(added, json_deep_copy(y)); continue; }
        used[i] = 1;
        const json_t *x = json_array_get(a, i);
        if (!same_value(json_object_get(x, "amount"), json_object_get(y, "amount"))) {
            json_t *c = json_object();
            json_object_set_new(c, "name", copy(json_object_get(y, "name")));
            json_object_set_new(c, "from", copy(json_object_get(x, "amount")));
            json_object_set_new(c, "to", copy(json_object_get(y, "amount")));
            json_array_append_new(changed, c);
        }
    }
    for (size_t i = 0; i < na; i++)
        if (!used[i]) json_array_append_new(removed, json_deep_copy(json_array_get(a, i)));
    free(used);
    json_t *o = json_object();
    json_object_set_new(o, "added", added);
    json_object_set_new(o, "removed", removed);
    json_object_set_new(o, "changed", changed);
    return o;
}

void *jx_form_json_diff(const void *va, const void *vb)
{
    const json_t *a = va, *b = vb;
    json_t *fields = json_array();
    if (!same_value(json_object_get(a, "year"), json_object_get(b, "year")))
        field_change(fields, "year", "年度", json_object_get(a, "year"), json_object_get(b, "year"));
    for (int i = 0; i < JX_NFIELDS; i++) {
        const jx_field_def *d = &jx_fields[i];
        if (!d->json || d->type == JX_FT_COMPONENTS || d->type == JX_FT_INDICATORS) continue;
        const json_t *x = at_key(a, d->json), *y = at_key(b, d->json);
        if (!same_value(x, y)) field_change(fields, d->json, d->title, x, y);
    }
    json_t *o = json_object();
    json_object_set_new(o, "fields", fields);
    json_object_set_new(o, "components",
                        components_diff(json_object_get(a, "components"), json_object_get(b, "components")));
    json_object_set_new(o, "indicators",
                        indicators_diff(json_object_get(a, "indicators"), json_object_get(b, "indicators")));
    return o;
}
