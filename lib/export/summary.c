/*
** summary.c - 汇总 of the stored forms (see summary.h).
**
** One pass over the forms puts each in its group (found by key, linear:
** a province's round has hundreds of units, not millions); one pass over the
** findings adds them to the group of their form.
*/
#include "jixiao/summary.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/store.h"
#include "jixiao/util.h"

const char *const jx_summary_categories[JX_NCAT] = {"成本", "产出", "效益", "满意度", NULL};

static const char *const by_names[] = {NULL, "unit", "department", "year", "category"};

/* The grouping named by s. */
int jx_summary_by_parse(const char *s, jx_summary_by *out)
{
    for (int i = 1; i < (int)(sizeof by_names / sizeof *by_names); i++)
        if (s && !strcmp(s, by_names[i])) { *out = (jx_summary_by)i; return 1; }
    return 0;
}

/* The name of a grouping, NULL for none. */
const char *jx_summary_by_name(jx_summary_by by)
{
    return (int)by >= 0 && (size_t)by < sizeof by_names / sizeof *by_names ? by_names[by] : NULL;
}

/* The key of a form under by, as a new string or NULL when the form lacks it. */
static char *form_key(const jx_form *f, jx_summary_by by)
{
    switch (by) {
    case JX_BY_UNIT: return jx_strdup(f->unit);
    case JX_BY_DEPARTMENT: return jx_strdup(f->department);
    case JX_BY_CATEGORY: return jx_strdup(f->category);
    case JX_BY_YEAR: {
        if (!f->year) return NULL;
        char y[16];
        snprintf(y, sizeof y, "%d", f->year);
        return jx_strdup(y);
    }
    default: return NULL;
    }
}

/* Index of an indicator's category in per_category. */
static int category_index(const char *cat)
{
    for (int i = 0; i < JX_CAT_NONE; i++)
        if (cat && !strcmp(cat, jx_summary_categories[i])) return i;
    return JX_CAT_NONE;
}

/* Add one form to a group. */
static void add_form(jx_summary_group *g, const jx_form *f)
{
    g->projects++;
    if (f->budget.total != JX_NO_AMOUNT) { g->total += f->budget.total; g->total_forms++; }
    if (f->budget.year != JX_NO_AMOUNT) { g->year += f->budget.year; g->year_forms++; }
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        g->indicators++;
        g->per_category[category_index(ind->category)]++;
        g->quantitative += ind->value.kind == JX_KIND_QUANTITATIVE;
    }
}

/* The group of key (NULL: the keyless group), created when missing. */
static size_t group_of(jx_summary *s, size_t *cap, const char *key)
{
    for (size_t i = 0; i < s->count; i++) {
        const char *k = s->groups[i].key;
        if ((!k && !key) || (k && key && !strcmp(k, key))) return i;
    }
    s->groups = jx_grow(s->groups, cap, s->count, sizeof *s->groups);
    memset(&s->groups[s->count], 0, sizeof *s->groups);
    s->groups[s->count].key = jx_strdup(key);
    return s->count++;
}

/* 1 when s is all ASCII digits (a year key). */
static int all_digits(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

/* Order groups by key (years numerically), the keyless group last. */
static int cmp_group(const void *a, const void *b)
{
    const jx_summary_group *x = a, *y = b;
    if (!x->key || !y->key) return !x->key - !y->key;
    if (all_digits(x->key) && all_digits(y->key)) return atoi(x->key) - atoi(y->key);
    return strcmp(x->key, y->key);
}

/* A form id and the form's position, to find a finding's form by bsearch. */
typedef struct id_pos {
    long long id;
    size_t pos;
} id_pos;

/* Order id_pos by form id. */
static int cmp_id(const void *a, const void *b)
{
    const id_pos *x = a, *y = b;
    return (x->id > y->id) - (x->id < y->id);
}

/* Add forms and their findings (others' are skipped) to out, overall and per group. */
void jx_summarize_add(jx_summary *out, const jx_form_list *forms, const jx_findings *findings)
{
    jx_summary_by by = out->by;
    size_t *index = jx_xcalloc(forms->count ? forms->count : 1, sizeof *index);
    for (size_t i = 0; i < forms->count; i++) {
        const jx_form *f = forms->items[i];
        add_form(&out->all, f);
        if (by == JX_BY_NONE) continue;
        char *key = form_key(f, by);
        index[i] = group_of(out, &out->cap, key);
        free(key);
        add_form(&out->groups[index[i]], f);
    }
    id_pos *ids = jx_xcalloc(forms->count ? forms->count : 1, sizeof *ids);
    for (size_t i = 0; i < forms->count; i++) ids[i] = (id_pos){forms->items[i]->id, i};
    qsort(ids, forms->count, sizeof *ids, cmp_id);
    for (size_t k = 0; findings && k < findings->count; k++) {
        const jx_finding *x = &findings->items[k];
        if ((int)x->severity < 0 || x->severity > JX_SEV_ERROR) continue;
        id_pos want = {x->form_id, 0};
        const id_pos *hit = bsearch(&want, ids, forms->count, sizeof *ids, cmp_id);
        if (!hit) continue;
        out->all.findings[x->severity]++;
        if (by != JX_BY_NONE) out->groups[index[hit->pos]].findings[x->severity]++;
    }
    free(ids);
    free(index);
}

/* Order the groups (after the last jx_summarize_add). */
void jx_summarize_end(jx_summary *out)
{
    if (out->count > 1) qsort(out->groups, out->count, sizeof *out->groups, cmp_group);
}

/* Sum up forms and findings, overall and per group. */
void jx_summarize(const jx_form_list *forms, const jx_findings *findings,
                  jx_summary_by by, jx_summary *out)
{
    memset(out, 0, sizeof *out);
    out->by = by;
    jx_summarize_add(out, forms, findings);
    jx_summarize_end(out);
}

/* What the aggregate callbacks add to. */
typedef struct agg_ctx {
    jx_summary *out;
    size_t cap;
    int all;          /* rows are of the whole (by NULL): add to out->all */
} agg_ctx;

/* The group a row adds to. */
static jx_summary_group *agg_group(agg_ctx *a, const char *key)
{
    if (a->all) return &a->out->all;
    size_t i = group_of(a->out, &a->cap, key);   /* may move groups: index after */
    return &a->out->groups[i];
}

static void agg_forms(void *arg, const jx_agg_row *r)
{
    jx_summary_group *g = agg_group(arg, r->key);
    g->projects += (size_t)r->n[0];
    g->total += r->n[1];
    g->total_forms += (size_t)r->n[2];
    g->year += r->n[3];
    g->year_forms += (size_t)r->n[4];
}

static void agg_indicators(void *arg, const jx_agg_row *r)
{
    jx_summary_group *g = agg_group(arg, r->key);
    g->indicators += (size_t)r->n[0];
    g->per_category[category_index(r->sub)] += (size_t)r->n[0];
    g->quantitative += (size_t)r->n[1];
}

static void agg_findings(void *arg, const jx_agg_row *r)
{
    if (r->n[0] < 0 || r->n[0] > JX_SEV_ERROR) return;
    agg_group(arg, r->key)->findings[r->n[0]] += (size_t)r->n[1];
}

jx_status jx_summarize_store(struct jx_store *store, jx_summary_by by, jx_summary *out,
                             jx_error *err)
{
    memset(out, 0, sizeof *out);
    out->by = by;
    agg_ctx a = {out, 0, 1};
    void (*const fns[3])(void *, const jx_agg_row *) = {agg_forms, agg_indicators, agg_findings};
    const jx_agg what[3] = {JX_AGG_FORMS, JX_AGG_INDICATORS, JX_AGG_FINDINGS};
    int own = !jx_store_in_transaction(store);
    jx_status rc = own ? jx_store_begin_read(store, err) : JX_OK;
    for (int pass = 0; pass < 2 && rc == JX_OK; pass++) {
        if (pass == 1 && by == JX_BY_NONE) break;
        a.all = pass == 0;
        for (int w = 0; w < 3 && rc == JX_OK; w++)
            rc = jx_store_aggregate(store, what[w], pass ? jx_summary_by_name(by) : NULL, fns[w], &a, err);
    }
    if (own) jx_store_end_read(store);
    if (rc) { jx_summary_free(out); return rc; }
    if (out->count > 1) qsort(out->groups, out->count, sizeof *out->groups, cmp_group);
    return JX_OK;
}

/* Free the groups of a summary. */
void jx_summary_free(jx_summary *s)
{
    for (size_t i = 0; i < s->count; i++) free(s->groups[i].key);
    free(s->groups);
    s->groups = NULL;
    s->count = 0;
}

/* Fen as a JSON number of yuan; null when no form states the amount. */
static json_t *yuan(long long fen, size_t forms)
{
    return forms ? json_real(jx_money_yuan(fen)) : json_null();
}

/* One group as JSON. */
static json_t *group_json(const jx_summary_group *g, int keyed)
{
    json_t *o = json_object();
    if (keyed) json_object_set_new(o, "key", g->key ? json_string(g->key) : json_null());
    json_object_set_new(o, "projects", json_integer((json_int_t)g->projects));
    json_t *b = json_object();
    json_object_set_new(b, "total", yuan(g->total, g->total_forms));
    json_object_set_new(b, "year", yuan(g->year, g->year_forms));
    json_object_set_new(o, "budget", b);
    json_t *ind = json_object();
    json_object_set_new(ind, "total", json_integer((json_int_t)g->indicators));
    json_t *cats = json_object();
    for (int c = 0; c < JX_NCAT; c++)
        json_object_set_new(cats, jx_summary_categories[c] ? jx_summary_categories[c] : "none",
                            json_integer((json_int_t)g->per_category[c]));
    json_object_set_new(ind, "by_category", cats);
    json_object_set_new(ind, "quantitative", json_integer((json_int_t)g->quantitative));
    json_object_set_new(ind, "quantitative_share",
                        g->indicators ? json_real((double)g->quantitative / (double)g->indicators)
                                      : json_null());
    json_object_set_new(o, "indicators", ind);
    json_t *f = json_object();
    json_object_set_new(f, "error", json_integer((json_int_t)g->findings[JX_SEV_ERROR]));
    json_object_set_new(f, "warning", json_integer((json_int_t)g->findings[JX_SEV_WARNING]));
    json_object_set_new(f, "info", json_integer((json_int_t)g->findings[JX_SEV_INFO]));
    json_object_set_new(o, "findings", f);
    return o;
}

/* The summary as the JSON document of `jixiao summary --format json`. */
void *jx_summary_json(const jx_summary *s)
{
    json_t *root = json_object();
    json_object_set_new(root, "version", json_integer(1));
    const char *by = jx_summary_by_name(s->by);
    json_object_set_new(root, "by", by ? json_string(by) : json_null());
    json_t *groups = json_array();
    for (size_t i = 0; i < s->count; i++) json_array_append_new(groups, group_json(&s->groups[i], 1));
    json_object_set_new(root, "groups", groups);
    json_object_set_new(root, "all", group_json(&s->all, 0));
    return root;
}
