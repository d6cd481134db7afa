/*
** engine.c - running the rules, their configuration and the grade.
*/
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_util.h"
#include "rule_util.h"
#include "text.h"
#include "jixiao/disclosure.h"
#include "jixiao/rules.h"
#include "jixiao/util.h"

void jx_findings_free(jx_findings *f)
{
    for (size_t i = 0; i < f->count; i++) {
        free(f->items[i].where);
        free(f->items[i].message);
        free(f->items[i].suggestion);
    }
    free(f->items);
    f->items = NULL;
    f->count = f->cap = 0;
}

const jx_rule *jx_rule_find(const char *id)
{
    for (size_t i = 0; jx_rules[i]; i++)
        if (!strcmp(jx_rules[i]->id, id)) return jx_rules[i];
    return NULL;
}

/* Index of a rule in jx_rules. */
static size_t rule_index(const jx_rule *r)
{
    size_t i = 0;
    while (jx_rules[i] && jx_rules[i] != r) i++;
    return i;
}

jx_review_config *jx_review_config_new(void)
{
    jx_review_config *c = jx_xcalloc(1, sizeof *c);
    while (jx_rules[c->nrules]) c->nrules++;
    c->enabled = jx_xcalloc(c->nrules, sizeof *c->enabled);
    c->severity = jx_xcalloc(c->nrules, sizeof *c->severity);
    c->params = jx_xcalloc(c->nrules, sizeof *c->params);
    for (size_t i = 0; i < c->nrules; i++) {
        c->enabled[i] = 1;
        c->severity[i] = jx_rules[i]->severity;
        for (int k = 0; k < JX_RULE_MAX_PARAMS && jx_rules[i]->params[k].name; k++)
            c->params[i][k] = jx_rules[i]->params[k].value;
    }
    /* 财预〔2020〕10号 grades: 优 ≥ 90, 良 80–89, 中 60–79, 差 < 60. */
    c->penalty[JX_SEV_ERROR] = 15;
    c->penalty[JX_SEV_WARNING] = 5;
    c->penalty[JX_SEV_INFO] = 0;
    c->grade_min[0] = 90;
    c->grade_min[1] = 80;
    c->grade_min[2] = 60;
    return c;
}

void jx_review_config_free(jx_review_config *c)
{
    if (!c) return;
    free(c->enabled);
    free(c->severity);
    free(c->params);
    free(c);
}

const char *jx_severity_name(jx_severity s)
{
    return s == JX_SEV_ERROR ? "error" : s == JX_SEV_WARNING ? "warning" : "info";
}

const char *jx_severity_label(jx_severity s)
{
    return s == JX_SEV_ERROR ? "错误" : s == JX_SEV_WARNING ? "警告" : "提示";
}

int jx_severity_parse(const char *s, jx_severity *out)
{
    if (!strcmp(s, "error")) *out = JX_SEV_ERROR;
    else if (!strcmp(s, "warning")) *out = JX_SEV_WARNING;
    else if (!strcmp(s, "info")) *out = JX_SEV_INFO;
    else return 0;
    return 1;
}

const char *jx_dimension_name(jx_dimension d)
{
    static const char *const names[] = {"完整性", "相关性", "适当性", "可行性"};
    return names[d];
}

/* Apply one rule setting: "off", "on" or a severity name. */
static jx_status set_rule_state(jx_review_config *c, const char *id, const char *state,
                                const char *origin, jx_error *err)
{
    const jx_rule *r = jx_rule_find(id);
    if (!r) return jx_error_set(err, JX_EUSAGE, origin, 0, "unknown rule '%s' (see 'jixiao rules')", id);
    size_t i = rule_index(r);
    jx_severity sev;
    if (!strcmp(state, "off")) c->enabled[i] = 0;
    else if (!strcmp(state, "on")) c->enabled[i] = 1;
    else if (jx_severity_parse(state, &sev)) { c->enabled[i] = 1; c->severity[i] = sev; }
    else return jx_error_set(err, JX_EUSAGE, origin, 0,
                             "rule '%s': '%s' is not off, on, error, warning or info", id, state);
    return JX_OK;
}

jx_status jx_review_config_set(jx_review_config *c, const char *assignment, jx_error *err)
{
    const char *eq = strchr(assignment, '=');
    if (!eq || eq == assignment)
        return jx_error_set(err, JX_EUSAGE, NULL, 0, "--rule wants ID=off|on|error|warning|info, not '%s'", assignment);
    char *id = jx_strndup(assignment, (size_t)(eq - assignment));
    jx_status st = set_rule_state(c, id, eq + 1, NULL, err);
    free(id);
    return st;
}

/* Set parameter name of rule index i; 0 when the rule has no such parameter. */
static int set_param(jx_review_config *c, size_t i, const char *name, double v)
{
    for (int k = 0; k < JX_RULE_MAX_PARAMS && jx_rules[i]->params[k].name; k++)
        if (!strcmp(jx_rules[i]->params[k].name, name)) { c->params[i][k] = v; return 1; }
    return 0;
}

/* Apply a parsed configuration document (consumed) to c; base names it in errors. */
static jx_status config_apply(jx_review_config *c, const char *base, json_t *root, jx_error *err);

jx_status jx_review_config_load_json(jx_review_config *c, const char *path, jx_error *err)
{
    const char *base = jx_basename(path);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root)
        return jx_error_set(err, JX_EINPUT, base, jerr.line > 0 ? jerr.line : 0,
                            "config is not valid JSON: %s", jerr.text);
    return config_apply(c, base, root, err);
}

jx_status jx_review_config_parse_json(jx_review_config *c, const char *name, const char *text,
                                      size_t len, jx_error *err)
{
    json_error_t jerr;
    json_t *root = json_loadb(text, len, 0, &jerr);
    if (!root)
        return jx_error_set(err, JX_EINPUT, name, jerr.line > 0 ? jerr.line : 0,
                            "config is not valid JSON: %s", jerr.text);
    return config_apply(c, name, root, err);
}

static jx_status config_apply(jx_review_config *c, const char *base, json_t *root, jx_error *err)
{
    jx_status st = JX_OK;
    if (!json_is_object(root)) {
        st = jx_error_set(err, JX_EINPUT, base, 1, "config must be a JSON object");
        goto out;
    }
    const char *key;
    json_t *val;
    json_object_foreach(root, key, val) {
        if (strcmp(key, "rules") && strcmp(key, "grade")) {
            st = jx_error_set(err, JX_EINPUT, base, 0, "unknown config key '%s' (known: rules, grade)", key);
            goto out;
        }
    }
    json_t *rules = json_object_get(root, "rules");
    if (rules && !json_is_object(rules)) {
        st = jx_error_set(err, JX_EINPUT, base, 0, "\"rules\" must be an object of rule id → setting");
        goto out;
    }
    json_object_foreach(rules, key, val) {
        if (json_is_string(val)) {
            st = set_rule_state(c, key, json_string_value(val), base, err);
            if (st) goto out;
            continue;
        }
        const jx_rule *r = jx_rule_find(key);
        if (!r) { st = jx_error_set(err, JX_EINPUT, base, 0, "unknown rule '%s'", key); goto out; }
        if (!json_is_object(val)) {
            st = jx_error_set(err, JX_EINPUT, base, 0, "rule '%s': setting must be a string or an object", key);
            goto out;
        }
        const char *pk;
        json_t *pv;
        json_object_foreach(val, pk, pv) {
            if (!strcmp(pk, "severity") || !strcmp(pk, "state")) {
                if (!json_is_string(pv)) {
                    st = jx_error_set(err, JX_EINPUT, base, 0, "rule '%s': \"%s\" must be a string", key, pk);
                    goto out;
                }
                st = set_rule_state(c, key, json_string_value(pv), base, err);
                if (st) goto out;
            } else if (json_is_number(pv)) {
                if (!set_param(c, rule_index(r), pk, json_number_value(pv))) {
                    st = jx_error_set(err, JX_EINPUT, base, 0, "rule '%s' has no threshold '%s'", key, pk);
                    goto out;
                }
            } else {
                st = jx_error_set(err, JX_EINPUT, base, 0, "rule '%s': threshold '%s' must be a number", key, pk);
                goto out;
            }
        }
    }
    json_t *grade = json_object_get(root, "grade");
    json_object_foreach(grade, key, val) {
        if (!json_is_number(val)) {
            st = jx_error_set(err, JX_EINPUT, base, 0, "grade '%s' must be a number", key);
            goto out;
        }
        double v = json_number_value(val);
        jx_severity sev;
        if (jx_severity_parse(key, &sev)) c->penalty[sev] = v;
        else if (!strcmp(key, "优")) c->grade_min[0] = v;
        else if (!strcmp(key, "良")) c->grade_min[1] = v;
        else if (!strcmp(key, "中")) c->grade_min[2] = v;
        else { st = jx_error_set(err, JX_EINPUT, base, 0, "unknown grade key '%s' (error, warning, info, 优, 良, 中)", key); goto out; }
    }
out:
    json_decref(root);
    return st;
}

double jx_rule_param_value(const jx_rule_ctx *ctx, const char *name)
{
    size_t i = rule_index(ctx->rule);
    for (int k = 0; k < JX_RULE_MAX_PARAMS && ctx->rule->params[k].name; k++)
        if (!strcmp(ctx->rule->params[k].name, name))
            return ctx->config ? ctx->config->params[i][k] : ctx->rule->params[k].value;
    fprintf(stderr, "jixiao: rule %s has no parameter %s\n", ctx->rule->id, name);
    abort();
}

/* Add a finding of severity sev (va_list form of jx_report). */
static void vreport(const jx_rule_ctx *ctx, jx_severity sev, const jx_form *form, long line,
                    const char *where, const char *fmt, va_list ap)
{
    jx_findings *out = ctx->out;
    out->items = jx_grow(out->items, &out->cap, out->count, sizeof *out->items);
    jx_finding *f = &out->items[out->count++];
    memset(f, 0, sizeof *f);
    f->rule = ctx->rule->id;
    f->severity = sev;
    f->dimension = ctx->rule->dimension;
    f->form = form;
    f->form_id = form ? form->id : 0;
    f->line = line ? line : form ? form->line : 0;
    if (form && form->page) {   /* a PDF source: the page of the indicator at that line */
        f->page = form->page;
        for (size_t i = 0; i < form->nindicators; i++)
            if (form->indicators[i].line == f->line && form->indicators[i].page) f->page = form->indicators[i].page;
    }
    f->where = jx_strdup(where ? where : "");
    f->reason = ctx->rule->reason;
    f->scope = ctx->rule->scope;
    if (f->scope == JX_SCOPE_DISCLOSURE && form) f->disclosure = form->file;
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    f->message = jx_xmalloc((size_t)n + 1);
    vsnprintf(f->message, (size_t)n + 1, fmt, ap);
}

void jx_report(const jx_rule_ctx *ctx, const jx_form *form, long line, const char *where,
               const char *fmt, ...)
{
    jx_severity sev = ctx->config ? ctx->config->severity[rule_index(ctx->rule)] : ctx->rule->severity;
    va_list ap;
    va_start(ap, fmt);
    vreport(ctx, sev, form, line, where, fmt, ap);
    va_end(ap);
}

void jx_report_disclosure(const jx_rule_ctx *ctx, const struct jx_disclosure *d, int page,
                          long line, const char *where, const char *fmt, ...)
{
    jx_severity sev = ctx->config ? ctx->config->severity[rule_index(ctx->rule)] : ctx->rule->severity;
    va_list ap;
    va_start(ap, fmt);
    vreport(ctx, sev, NULL, line, where, fmt, ap);
    va_end(ap);
    jx_finding *f = &ctx->out->items[ctx->out->count - 1];
    f->page = page;
    f->scope = JX_SCOPE_DISCLOSURE;
    f->disclosure = d->file;
}

void jx_report_indicator(const jx_rule_ctx *ctx, const jx_form *form, const jx_indicator *ind,
                         const char *fmt, ...)
{
    jx_buf where = {0};
    jx_buf_printf(&where, "%s/%s/%s", ind->level1 ? ind->level1 : "-",
                  ind->level2 ? ind->level2 : "-", ind->name ? ind->name : "-");
    jx_severity sev = ctx->config ? ctx->config->severity[rule_index(ctx->rule)] : ctx->rule->severity;
    va_list ap;
    va_start(ap, fmt);
    vreport(ctx, sev, form, ind->line, where.data, fmt, ap);
    va_end(ap);
    jx_buf_free(&where);
}

void jx_report_info(const jx_rule_ctx *ctx, const jx_form *form, long line, const char *where,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(ctx, JX_SEV_INFO, form, line, where, fmt, ap);
    va_end(ap);
}

/* The finding ctx's rule reported last, or NULL. */
static jx_finding *last_of_rule(const jx_rule_ctx *ctx)
{
    jx_findings *out = ctx->out;
    if (!out->count || out->items[out->count - 1].rule != ctx->rule->id) return NULL;
    return &out->items[out->count - 1];
}

void jx_suggest(const jx_rule_ctx *ctx, const char *fmt, ...)
{
    jx_finding *f = last_of_rule(ctx);
    if (!f) return;
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    free(f->suggestion);
    f->suggestion = jx_xmalloc((size_t)n + 1);
    vsnprintf(f->suggestion, (size_t)n + 1, fmt, ap);
    va_end(ap);
}

void jx_report_scope_disclosure(const jx_rule_ctx *ctx, const char *file)
{
    jx_finding *f = last_of_rule(ctx);
    if (!f) return;
    f->scope = JX_SCOPE_DISCLOSURE;
    f->disclosure = file;
}

const char *jx_scope_name(jx_scope s)
{
    return s == JX_SCOPE_DISCLOSURE ? "disclosure" : "form";
}

/* Order findings by form id, line, then rule id. */
static int finding_cmp(const void *a, const void *b)
{
    const jx_finding *x = a, *y = b;
    if (x->form_id != y->form_id) return x->form_id < y->form_id ? -1 : 1;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return strcmp(x->rule, y->rule);
}

/* A review in two passes (rules.h). copies is NULL when no enabled rule needs it. */
struct jx_review_pass {
    const jx_review_config *config;
    jx_copy_index *copies;
    jx_eval_tally *evals;   /* jx_review_pass_gather_evaluations' */
};

jx_review_pass *jx_review_pass_new(const jx_review_config *c)
{
    jx_review_pass *p = jx_xcalloc(1, sizeof *p);
    p->config = c;
    for (size_t i = 0; jx_copy_rules[i] && !p->copies; i++)
        if (!c || c->enabled[rule_index(jx_copy_rules[i])]) p->copies = jx_copy_index_new();
    return p;
}

int jx_review_pass_gathers(const jx_review_pass *p)
{
    return p->copies != NULL;
}

void jx_review_pass_gather(jx_review_pass *p, const jx_form_list *batch)
{
    if (!p->copies) return;
    for (size_t k = 0; k < batch->count; k++) jx_copy_index_add(p->copies, batch->items[k]);
}

int jx_review_pass_gather_end(jx_review_pass *p)
{
    return p->copies ? jx_copy_index_round_end(p->copies) : 0;
}

void jx_review_pass_check(jx_review_pass *p, const jx_form_list *batch, jx_findings *out)
{
    const jx_review_config *c = p->config;
    if (p->copies) jx_copy_index_seal(p->copies);
    size_t first = out->count, nind = 0;
    for (size_t k = 0; k < batch->count; k++) nind += batch->items[k]->nindicators;
    jx_measure_memo_begin(nind);   /* each indicator classified once (measure.c) */
    for (size_t i = 0; jx_rules[i]; i++) {
        if (c && !c->enabled[i]) continue;
        jx_rule_ctx ctx = {jx_rules[i], c, out, p->copies, p->evals};
        if (jx_rules[i]->check_form)
            for (size_t k = 0; k < batch->count; k++) jx_rules[i]->check_form(&ctx, batch->items[k]);
        if (jx_rules[i]->check_all) jx_rules[i]->check_all(&ctx, batch);
    }
    jx_measure_memo_end();
    if (out->count - first > 1) qsort(out->items + first, out->count - first, sizeof *out->items, finding_cmp);
}

void jx_review_pass_free(jx_review_pass *p)
{
    if (!p) return;
    jx_copy_index_free(p->copies);
    jx_eval_tally_free(p->evals);
    free(p);
}

void jx_review_pass_gather_evaluations(jx_review_pass *p, const jx_form_list *page)
{
    if (!p->evals) p->evals = jx_eval_tally_new();
    jx_eval_scoring s;
    jx_eval_scoring_from_config(p->config, &s);
    for (size_t i = 0; i < page->nevaluations; i++) {
        jx_evaluation_score(page->evaluations[i], &s);   /* the page is the caller's own */
        jx_eval_tally_add(p->evals, page->evaluations[i]);
    }
}

void jx_review_pass_check_evaluations(jx_review_pass *p, const jx_form_list *page, jx_findings *out)
{
    const jx_review_config *c = p->config;
    size_t first = out->count;
    for (size_t i = 0; jx_evaluation_rules[i]; i++) {
        const jx_rule *r = jx_evaluation_rules[i];
        if (c && !c->enabled[rule_index(r)]) continue;
        jx_rule_ctx ctx = {r, c, out, NULL, p->evals};
        r->check_all(&ctx, page);
    }
    if (out->count - first > 1) qsort(out->items + first, out->count - first, sizeof *out->items, finding_cmp);
}

void jx_review(const jx_review_config *c, const jx_form_list *forms, jx_findings *out)
{
    jx_review_pass *p = jx_review_pass_new(c);
    do jx_review_pass_gather(p, forms);
    while (jx_review_pass_gather_end(p));
    jx_review_pass_gather_evaluations(p, forms);
    jx_review_pass_check(p, forms, out);
    jx_review_pass_free(p);
}

/* The grade of a score (clamped at 0), 优 ≥ grade_min[0] … 差. */
static const char *grade_of(const jx_review_config *c, double s, double *score)
{
    if (s < 0) s = 0;
    if (score) *score = s;
    if (s >= c->grade_min[0]) return "优";
    if (s >= c->grade_min[1]) return "良";
    if (s >= c->grade_min[2]) return "中";
    return "差";
}

const char *jx_review_grade(const jx_review_config *c, const jx_findings *all,
                            long long form_id, double *score)
{
    /* Findings are ordered by form id (jx_review sorts them): binary search
       the form's first finding, then read its run. O(log n + k) per form. */
    double s = 100;
    size_t lo = 0, hi = all->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (all->items[mid].form_id < form_id) lo = mid + 1;
        else hi = mid;
    }
    for (size_t i = lo; i < all->count && all->items[i].form_id == form_id; i++)
        if (all->items[i].scope == JX_SCOPE_FORM) s -= c->penalty[all->items[i].severity];
    return grade_of(c, s, score);
}

const char *jx_review_grade_disclosure(const jx_review_config *c, const jx_findings *all,
                                       const char *file, double *score)
{
    double s = 100;
    for (size_t i = 0; i < all->count; i++)
        if (all->items[i].scope == JX_SCOPE_DISCLOSURE && all->items[i].disclosure &&
            !strcmp(all->items[i].disclosure, file))
            s -= c->penalty[all->items[i].severity];
    return grade_of(c, s, score);
}

/* One file's verdict being summed: its score less the penalties of its disclosure findings so far. */
typedef struct verdict_row {
    char *file;
    double score;      /* 100 less the penalties so far, subtracted in order */
    int group;         /* listed by: 0 a disclosure's file with forms, 1 one without (the unattached
                          batch), 2 a file of evaluations alone -- as a review of every form at once lists them */
    unsigned stamp;    /* the last batch that carried the file */
} verdict_row;

struct jx_verdict_tally {
    const jx_review_config *config;
    verdict_row *rows;
    size_t count, cap;
    size_t *slots;     /* open addressing by file name: index + 1, 0 empty; at most half full */
    size_t nslots;
    size_t *order;     /* jx_verdict_tally_get's order, built on the first get */
    size_t norder;
    unsigned stamp;
};

jx_verdict_tally *jx_verdict_tally_new(const jx_review_config *c)
{
    jx_verdict_tally *t = jx_xcalloc(1, sizeof *t);
    t->config = c;
    return t;
}

/* The slot of file: its row's (index + 1 stored) or the empty one it goes in. */
static size_t *verdict_slot(jx_verdict_tally *t, const char *file)
{
    size_t h = jx_text_hash(file) & (t->nslots - 1);
    while (t->slots[h] && strcmp(t->rows[t->slots[h] - 1].file, file)) h = (h + 1) & (t->nslots - 1);
    return &t->slots[h];
}

/* The row of file, made when new; its stamp set to this batch's. */
static verdict_row *verdict_touch(jx_verdict_tally *t, const char *file, int group)
{
    if (2 * (t->count + 1) > t->nslots) {   /* grow and rehash */
        free(t->slots);
        t->nslots = t->nslots ? 2 * t->nslots : 64;
        t->slots = jx_xcalloc(t->nslots, sizeof *t->slots);
        for (size_t i = 0; i < t->count; i++) *verdict_slot(t, t->rows[i].file) = i + 1;
    }
    size_t *slot = verdict_slot(t, file);
    if (!*slot) {
        t->rows = jx_grow(t->rows, &t->cap, t->count, sizeof *t->rows);
        t->rows[t->count] = (verdict_row){jx_strdup(file), 100, group, 0};
        *slot = ++t->count;
    }
    verdict_row *r = &t->rows[*slot - 1];
    r->stamp = t->stamp;
    return r;
}

void jx_verdict_tally_add(jx_verdict_tally *t, const jx_form_list *batch, int unattached, const jx_findings *fs)
{
    t->stamp++;
    for (size_t i = 0; i < batch->ndisclosures; i++) verdict_touch(t, batch->disclosures[i]->file, unattached != 0);
    for (size_t i = 0; i < batch->nevaluations; i++) verdict_touch(t, batch->evaluations[i]->file, 2);
    if (!t->count) return;
    /* a finding counts where its batch carries its file (as jx_review_grade_disclosure over the batch) */
    for (size_t i = 0; i < fs->count; i++) {
        const jx_finding *x = &fs->items[i];
        if (x->scope != JX_SCOPE_DISCLOSURE || !x->disclosure) continue;
        size_t *slot = verdict_slot(t, x->disclosure);
        if (*slot && t->rows[*slot - 1].stamp == t->stamp) t->rows[*slot - 1].score -= t->config->penalty[x->severity];
    }
}

size_t jx_verdict_tally_count(const jx_verdict_tally *t)
{
    return t->count;
}

const char *jx_verdict_tally_get(const jx_verdict_tally *t, size_t i, double *score, const char **grade)
{
    jx_verdict_tally *m = (jx_verdict_tally *)t;   /* the order is a cache */
    if (!m->order) {
        m->order = jx_xcalloc(t->count + 1, sizeof *m->order);
        for (int group = 0; group < 3; group++)
            for (size_t k = 0; k < t->count; k++)
                if (t->rows[k].group == group) m->order[m->norder++] = k;
    }
    const verdict_row *r = &t->rows[m->order[i]];
    *grade = grade_of(t->config, r->score, score);
    return r->file;
}

void jx_verdict_tally_free(jx_verdict_tally *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->count; i++) free(t->rows[i].file);
    free(t->rows);
    free(t->slots);
    free(t->order);
    free(t);
}
