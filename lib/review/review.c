/*
** review.c - the stored review (see review.h): the configuration key, the
** refresh that recomputes and stores findings and grades when they are not
** current, and the JSON of findings and briefs shared by the CLI and the API.
**
** Invariant: the review is computed on one snapshot of the forms, read at
** forms generation g, and stored only if the forms are still at g
** (jx_store_save_review checks it inside its write transaction), so a stored
** review never mixes two states of the forms.
*/
#include "jixiao/review.h"

#include <jansson.h>
#include <math.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/disclosure.h"
#include "jixiao/evaluation.h"
#include "jixiao/util.h"
#include "jixiao/workflow.h"

/* Bump when a rule's logic changes in a way its table row does not show. */
#define JX_REVIEW_REVISION 2   /* 2: disclosures without forms reviewed (issue 11) */

/* Feed a string (with its terminating NUL, so fields cannot run together). */
static void feed_str(struct sha256_ctx *h, const char *s)
{
    if (!s) s = "";
    sha256_update(h, strlen(s) + 1, (const uint8_t *)s);
}

/* Feed a number as its shortest exact text. */
static void feed_num(struct sha256_ctx *h, double v)
{
    char b[64];
    snprintf(b, sizeof b, "%.17g", v);
    feed_str(h, b);
}

void jx_review_config_key(const jx_review_config *c, char out[65])
{
    struct sha256_ctx h;
    sha256_init(&h);
    feed_num(&h, JX_REVIEW_REVISION);
    for (size_t i = 0; jx_rules[i]; i++) {
        const jx_rule *r = jx_rules[i];
        feed_str(&h, r->id);
        feed_num(&h, r->severity);
        feed_num(&h, r->dimension);
        feed_str(&h, r->title);
        feed_str(&h, r->reason);
        feed_num(&h, c ? c->enabled[i] : 1);
        feed_num(&h, c ? c->severity[i] : r->severity);
        for (int k = 0; k < JX_RULE_MAX_PARAMS && r->params[k].name; k++) {
            feed_str(&h, r->params[k].name);
            feed_num(&h, c ? c->params[i][k] : r->params[k].value);
        }
    }
    for (int k = 0; c && k < 3; k++) {
        feed_num(&h, c->penalty[k]);
        feed_num(&h, c->grade_min[k]);
    }
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(&h, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++) snprintf(out + 2 * i, 3, "%02x", d[i]);
}

const char **jx_review_verdict_files(const jx_form_list *forms, size_t *n)
{
    const char **files = jx_xcalloc(forms->ndisclosures + forms->nevaluations + 1, sizeof *files);
    *n = 0;
    for (size_t i = 0; i < forms->ndisclosures; i++) files[(*n)++] = forms->disclosures[i]->file;
    for (size_t i = 0; i < forms->nevaluations; i++) {
        const char *f = forms->evaluations[i]->file;
        int seen = 0;
        for (size_t k = 0; k < *n && !seen; k++) seen = !strcmp(files[k], f);
        if (!seen) files[(*n)++] = f;
    }
    return files;
}

/*
** The findings a form's grade counts: all of them but those a reviewer
** dismissed (不采纳), by the form's identity, the rule and the place. A
** shallow copy (the strings stay the findings'); *kept is fs itself when
** nothing is dismissed.
*/
static jx_status graded_findings(jx_store *store, const jx_findings *fs, jx_findings *copy,
                                 const jx_findings **kept, jx_error *err)
{
    *kept = fs;
    memset(copy, 0, sizeof *copy);
    jx_dispositions ds;
    jx_status rc = jx_store_dispositions(store, NULL, &ds, err);
    if (rc) return rc;
    size_t dismissed = 0;
    for (size_t i = 0; i < ds.count; i++) dismissed += ds.items[i].decision == JX_DECISION_DISMISS;
    if (dismissed) {
        copy->items = jx_xcalloc(fs->count ? fs->count : 1, sizeof *copy->items);
        const jx_form *last = NULL;
        char *key = NULL;
        for (size_t i = 0; i < fs->count; i++) {
            const jx_finding *x = &fs->items[i];
            if (x->form && x->form != last) {
                free(key);
                key = jx_form_key(x->form);
                last = x->form;
            }
            const jx_disposition *d = x->form ? jx_dispositions_find(&ds, key, x->rule, x->where) : NULL;
            if (d && d->decision == JX_DECISION_DISMISS) continue;
            copy->items[copy->count++] = *x;
        }
        free(key);
        copy->cap = copy->count;
        *kept = copy;
    }
    jx_dispositions_free(&ds);
    return JX_OK;
}

jx_status jx_review_save(jx_store *store, const jx_review_config *c, long long gen,
                         const jx_form_list *forms, const jx_findings *fs, jx_error *err)
{
    char key[65];
    jx_review_config_key(c, key);
    jx_findings copy;
    const jx_findings *graded;
    jx_status rc = graded_findings(store, fs, &copy, &graded, err);
    if (rc) return rc;
    jx_store_finding *rows = jx_xcalloc(fs->count ? fs->count : 1, sizeof *rows);
    for (size_t i = 0; i < fs->count; i++) {
        const jx_finding *x = &fs->items[i];
        rows[i] = (jx_store_finding){x->form_id, x->rule, (int)x->severity, x->line, x->where, x->message,
                                     x->suggestion, (int)x->scope, x->disclosure, x->page};
    }
    jx_store_grade *grades = jx_xcalloc(forms->count ? forms->count : 1, sizeof *grades);
    for (size_t i = 0; i < forms->count; i++) {
        double score;
        const char *g = jx_review_grade(c, graded, forms->items[i]->id, &score);
        grades[i] = (jx_store_grade){forms->items[i]->id, score, g};
    }
    size_t nv;
    const char **files = jx_review_verdict_files(forms, &nv);
    jx_store_verdict *verdicts = jx_xcalloc(nv ? nv : 1, sizeof *verdicts);
    for (size_t i = 0; i < nv; i++) {
        double score;
        const char *file = files[i];
        const char *g = jx_review_grade_disclosure(c, fs, file, &score);
        verdicts[i] = (jx_store_verdict){file, score, g};
    }
    rc = jx_store_save_review(store, key, gen, rows, fs->count, grades, forms->count,
                              verdicts, nv, err);
    free(rows);
    free(grades);
    free(verdicts);
    free(files);
    free(copy.items);
    return rc;
}

jx_status jx_review_regrade(jx_store *store, const jx_review_config *c, const jx_form *form,
                            jx_error *err)
{
    jx_finding_rows rows;
    jx_finding_query q = {0};
    q.severity = -1;
    q.form = form->id;
    q.limit = -1;
    jx_status rc = jx_store_query_findings(store, &q, &rows, err);
    if (rc) return rc;
    jx_findings fs = {0};
    fs.items = jx_xcalloc(rows.count ? rows.count : 1, sizeof *fs.items);
    for (size_t i = 0; i < rows.count; i++) fs.items[fs.count++] = jx_finding_of_row(&rows.items[i], form);
    fs.cap = fs.count;
    jx_findings copy;
    const jx_findings *graded;
    if ((rc = graded_findings(store, &fs, &copy, &graded, err)) == JX_OK) {
        double score;
        const char *g = jx_review_grade(c, graded, form->id, &score);
        rc = jx_store_set_grade(store, form->id, score, g, err);
    }
    free(copy.items);
    free(fs.items);
    jx_finding_rows_free(&rows);
    return rc;
}

/* Forms per batch of the review's walk: whole files up to this many forms. */
#define REVIEW_BATCH 1000
/* Evaluations per page of the walk (with the declared forms each can link to). */
#define REVIEW_EVAL_PAGE 200

/*
** The walk (review.h): first what belongs to no form (the disclosures of
** files without forms: their findings have form id 0 and come first), then
** the cursor's batches, then the stored evaluations page by page, each page
** with only the declared forms its evaluations can link to
** (jx_evaluations_load_linked: an index on the name key, never every form).
** view is what the callers see of the batch: a file's continuation without
** its disclosures, which its first batch carried; a page of evaluations
** without the forms (they are not the page's to grade).
*/
struct jx_review_walk {
    jx_store *store;
    const jx_review_config *config;
    jx_review_pass *pass;
    jx_store_cursor *cur;
    jx_form_list rest, batch, view, page;
    int stage;              /* 0: rest next, 1: batches, 2: evaluations, 3: done */
    int evaluations;        /* evaluations are stored (and the walk sees them: no unit's scope) */
    long long after;        /* the evaluations' keyset: the next page's ids are above it */
    int last_page;          /* the page read was the last */
};

/* Some evaluation is stored (in *any); every one gathered for eval-disclosure, page by page. */
static jx_status gather_evaluations(jx_store *store, jx_review_pass *pass, int *any, jx_error *err)
{
    *any = 0;
    jx_status rc = JX_OK;
    for (long long after = 0; rc == JX_OK;) {
        jx_form_list page = {0};
        rc = jx_store_load_evaluations(store, 0, after, REVIEW_EVAL_PAGE, &page, err);
        size_t n = page.nevaluations;
        if (rc == JX_OK && n) {
            *any = 1;
            jx_review_pass_gather_evaluations(pass, &page);
            after = page.evaluations[n - 1]->id;
        }
        jx_form_list_free(&page);
        if (n < REVIEW_EVAL_PAGE) break;
    }
    return rc;
}

jx_status jx_review_walk_open(jx_store *store, const jx_review_config *c, jx_review_walk **out, jx_error *err)
{
    *out = NULL;
    jx_review_walk *w = jx_xcalloc(1, sizeof *w);
    w->store = store;
    w->config = c;
    w->pass = jx_review_pass_new(c);
    jx_status rc = JX_OK;
    /* the first pass: what the copy rules keep of every form (the copy index walks them twice) */
    for (int again = jx_review_pass_gathers(w->pass); again && rc == JX_OK;) {
        jx_store_cursor *cur;
        if ((rc = jx_store_cursor_open_copies(store, REVIEW_BATCH, &cur, err)) == JX_OK) {
            jx_form_list batch = {0};
            int continues;
            while ((rc = jx_store_cursor_next(cur, &batch, &continues, err)) == JX_OK && batch.count)
                jx_review_pass_gather(w->pass, &batch);
            jx_form_list_free(&batch);
            jx_store_cursor_close(cur);
        }
        again = jx_review_pass_gather_end(w->pass);
    }
    /* and what eval-disclosure compares the final accounts with (a unit's view sees no evaluation) */
    if (rc == JX_OK && !jx_store_scope(store)) rc = gather_evaluations(store, w->pass, &w->evaluations, err);
    if (rc == JX_OK) rc = jx_store_cursor_open(store, &(jx_filter){0}, REVIEW_BATCH, &w->cur, err);
    if (rc == JX_OK) rc = jx_store_load_unattached(store, 0, &w->rest, err);
    if (rc != JX_OK) {
        jx_review_walk_close(w);
        return rc;
    }
    *out = w;
    return JX_OK;
}

/* The next page of evaluations with their declared forms, checked; view empty at the end. */
static jx_status next_evaluations(jx_review_walk *w, jx_findings *out, jx_error *err)
{
    jx_form_list_free(&w->page);
    memset(&w->page, 0, sizeof w->page);
    if (w->last_page) { w->stage = 3; return JX_OK; }
    jx_eval_scoring sc;
    jx_eval_scoring_from_config(w->config, &sc);
    long long next = 0;
    jx_status rc = jx_evaluations_load_linked(w->store, &(jx_eval_query){.after = w->after, .limit = REVIEW_EVAL_PAGE},
                                              &sc, &w->page, &next, err);
    if (rc != JX_OK) return rc;
    if (!w->page.nevaluations) { w->stage = 3; return JX_OK; }
    w->after = next;
    w->last_page = !next;
    jx_review_pass_check_evaluations(w->pass, &w->page, out);
    w->view.evaluations = w->page.evaluations;
    w->view.nevaluations = w->page.nevaluations;
    return JX_OK;
}

jx_status jx_review_walk_next(jx_review_walk *w, const jx_form_list **batch, int *unattached, jx_findings *out,
                              jx_error *err)
{
    *batch = &w->view;
    *unattached = 0;
    memset(&w->view, 0, sizeof w->view);
    if (w->stage == 0) {
        w->stage = 1;
        if (w->rest.ndisclosures) {
            *unattached = 1;
            w->view = w->rest;
            w->view.notes = NULL;   /* the rules read no notes */
            w->view.nnotes = 0;
            jx_review_pass_check(w->pass, &w->view, out);
            return JX_OK;
        }
    }
    if (w->stage == 2) return next_evaluations(w, out, err);
    if (w->stage == 3) return JX_OK;
    int continues;
    jx_status rc = jx_store_cursor_next(w->cur, &w->batch, &continues, err);
    if (rc != JX_OK) return rc;
    if (!w->batch.count) {
        jx_form_list_free(&w->batch);   /* the last batch's forms: not needed by the evaluations */
        memset(&w->batch, 0, sizeof w->batch);
        if (!w->evaluations) { w->stage = 3; return JX_OK; }
        w->stage = 2;
        return next_evaluations(w, out, err);
    }
    w->view = w->batch;
    if (continues) {   /* the file's disclosures went with its first batch */
        w->view.disclosures = NULL;
        w->view.ndisclosures = 0;
    }
    jx_review_pass_check(w->pass, &w->view, out);
    return JX_OK;
}

void jx_review_walk_close(jx_review_walk *w)
{
    if (!w) return;
    jx_store_cursor_close(w->cur);
    jx_form_list_free(&w->batch);
    jx_form_list_free(&w->rest);
    jx_form_list_free(&w->page);
    jx_review_pass_free(w->pass);
    free(w);
}

jx_status jx_review_walk_each(jx_store *store, const jx_review_config *c, jx_review_batch_fn fn, void *ctx,
                              jx_error *err)
{
    jx_review_walk *w = NULL;
    jx_status rc = jx_review_walk_open(store, c, &w, err);
    while (rc == JX_OK) {
        const jx_form_list *batch;
        int unattached;
        jx_findings fs = {0};
        rc = jx_review_walk_next(w, &batch, &unattached, &fs, err);
        /* the end: a batch of nothing (a page of evaluations is a batch without forms) */
        int end = rc == JX_OK && !batch->count && !batch->ndisclosures && !batch->nevaluations;
        if (rc == JX_OK && !end) rc = fn(ctx, batch, unattached, &fs, err);
        jx_findings_free(&fs);
        if (end) break;
    }
    jx_review_walk_close(w);
    return rc;
}

/* Store one walked batch's findings fs and its forms' grades through writer w. */
static jx_status store_batch(jx_store *store, jx_store_review_writer *w, const jx_review_config *c,
                             const jx_form_list *batch, const jx_findings *fs, jx_error *err)
{
    /* the grades count the findings a reviewer did not dismiss (不采纳) */
    jx_findings copy;
    const jx_findings *graded;
    jx_status grc = graded_findings(store, fs, &copy, &graded, err);
    if (grc) return grc;
    jx_store_finding *findings = jx_xcalloc(fs->count + 1, sizeof *findings);
    jx_store_grade *grades = jx_xcalloc(batch->count + 1, sizeof *grades);
    for (size_t i = 0; i < fs->count; i++) {
        const jx_finding *x = &fs->items[i];
        findings[i] = (jx_store_finding){x->form_id, x->rule, (int)x->severity, x->line, x->where, x->message,
                                         x->suggestion, (int)x->scope, x->disclosure, x->page};
    }
    for (size_t i = 0; i < batch->count; i++) {
        double score;
        const char *g = jx_review_grade(c, graded, batch->items[i]->id, &score);
        grades[i] = (jx_store_grade){batch->items[i]->id, score, g};
    }
    jx_status rc = jx_store_review_add(w, findings, fs->count, grades, batch->count, NULL, 0, err);
    free(copy.items);
    free(findings);
    free(grades);
    return rc;
}

/* What refresh_batch stores to: the review being written and the verdicts summed for the end. */
typedef struct refresh_walk {
    jx_store *store;
    jx_store_review_writer *out;
    const jx_review_config *c;
    jx_verdict_tally *verdicts;
} refresh_walk;

/* One batch of the walk stored: its findings and grades; its files' verdicts summed for the end. */
static jx_status refresh_batch(void *ctx, const jx_form_list *batch, int unattached, const jx_findings *fs,
                               jx_error *err)
{
    refresh_walk *r = ctx;
    jx_verdict_tally_add(r->verdicts, batch, unattached, fs);
    return store_batch(r->store, r->out, r->c, batch, fs, err);
}

/* The verdicts summed over the walk, stored after every finding (jx_store_review_add's order). */
static jx_status store_verdicts(jx_store_review_writer *out, const jx_verdict_tally *t, jx_error *err)
{
    size_t n = jx_verdict_tally_count(t);
    jx_store_verdict *v = jx_xcalloc(n + 1, sizeof *v);
    for (size_t i = 0; i < n; i++) v[i].file = jx_verdict_tally_get(t, i, &v[i].score, &v[i].grade);
    jx_status rc = jx_store_review_add(out, NULL, 0, NULL, 0, v, n, err);
    free(v);
    return rc;
}

jx_status jx_review_refresh(jx_store *store, const jx_review_config *c, int *recomputed,
                            jx_error *err)
{
    char key[65];
    jx_review_config_key(c, key);
    int current = 0;
    if (recomputed) *recomputed = 0;
    jx_status rc = jx_store_review_current(store, key, &current, err);
    if (rc || current) return rc;
    /*
     * One write transaction (or the caller's) from the generation to the
     * last batch: the forms are walked batch by batch and each batch's
     * findings stored as it goes, so memory holds one batch and the copy
     * index, never every form nor every finding.
     */
    int own = !jx_store_in_transaction(store);
    if (own && (rc = jx_store_begin(store, err))) return rc;
    long long gen;
    jx_store_review_writer *out = NULL;
    refresh_walk walk = {store, NULL, c, jx_verdict_tally_new(c)};
    if ((rc = jx_store_forms_generation(store, &gen, err)) == JX_OK &&
        (rc = jx_store_review_begin(store, gen, &out, err)) == JX_OK) {
        walk.out = out;
        rc = jx_review_walk_each(store, c, refresh_batch, &walk, err);
    }
    if (rc == JX_OK) rc = store_verdicts(out, walk.verdicts, err);
    jx_verdict_tally_free(walk.verdicts);
    if (rc == JX_OK) {
        rc = jx_store_review_finish(out, key, err);
        out = NULL;
    }
    jx_store_review_abort(out);
    if (own) {
        if (rc == JX_OK) rc = jx_store_commit(store, err);
        else jx_store_rollback(store);
    }
    if (rc == JX_OK && recomputed) *recomputed = 1;
    return rc;
}

/* A JSON string or null. */
static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

void *jx_finding_row_json(const jx_finding_row *x, int api)
{
    const jx_rule *r = jx_rule_find(x->rule);
    json_t *o = json_object();
    json_object_set_new(o, "rule", json_string(x->rule));
    if (api) json_object_set_new(o, "title", str_or_null(r ? r->title : NULL));
    json_object_set_new(o, "severity", json_string(jx_severity_name((jx_severity)x->severity)));
    json_object_set_new(o, "dimension", str_or_null(r ? jx_dimension_name(r->dimension) : NULL));
    json_object_set_new(o, "form_id", json_integer(x->form_id));
    if (api) json_object_set_new(o, "form_name", str_or_null(x->form_name));
    json_t *src = json_object();
    json_object_set_new(src, "file", str_or_null(x->file));
    json_object_set_new(src, "line", json_integer(x->line));
    if (x->page) json_object_set_new(src, "page", json_integer(x->page));   /* a PDF source */
    if (x->page && x->has_box) {   /* where on the page: [x0, y0, x1, y1] in points, to 0.1 */
        json_t *bb = json_array();
        for (int k = 0; k < 4; k++) json_array_append_new(bb, json_real(round(x->box[k] * 10) / 10));
        json_object_set_new(src, "bbox", bb);
    }
    json_object_set_new(o, "source", src);
    json_object_set_new(o, "where", str_or_null(x->where));
    json_object_set_new(o, "message", str_or_null(x->message));
    json_object_set_new(o, "reason", str_or_null(r ? r->reason : NULL));
    json_object_set_new(o, "suggestion", str_or_null(x->suggestion));
    json_object_set_new(o, "scope", json_string(jx_scope_name((jx_scope)x->scope)));
    if (x->disclosure) json_object_set_new(o, "disclosure", json_string(x->disclosure));
    return o;
}

/* Money in fen as yuan, null when absent. */
static json_t *yuan(long long fen)
{
    return fen == JX_NO_AMOUNT ? json_null() : json_real(jx_money_yuan(fen));
}

void *jx_brief_json(const jx_brief *b)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(b->id));
    json_object_set_new(o, "year", b->year ? json_integer(b->year) : json_null());
    json_object_set_new(o, "name", str_or_null(b->name));
    json_object_set_new(o, "unit", str_or_null(b->unit));
    json_object_set_new(o, "department", str_or_null(b->department));
    json_object_set_new(o, "category", str_or_null(b->category));
    json_object_set_new(o, "framework", str_or_null(b->framework));
    json_object_set_new(o, "budget_total", yuan(b->budget_total));
    json_object_set_new(o, "indicator_count", json_integer(b->indicators));
    json_object_set_new(o, "finding_count", json_integer(b->findings));
    json_object_set_new(o, "grade", str_or_null(b->grade));
    json_object_set_new(o, "status", json_string(jx_wf_status_name(b->status)));
    json_t *src = json_object();
    json_object_set_new(src, "file", str_or_null(b->file));
    json_object_set_new(src, "line", json_integer(b->line));
    json_object_set_new(o, "source", src);
    return o;
}

jx_finding_row jx_finding_row_of(const jx_finding *x)
{
    jx_finding_row r;
    memset(&r, 0, sizeof r);
    r.form_id = x->form_id;
    r.form_name = x->form ? x->form->name : NULL;
    r.file = x->form ? x->form->file : (char *)x->disclosure;   /* a disclosure without forms */
    r.rule = (char *)x->rule;
    r.severity = (int)x->severity;
    r.line = x->line;
    r.where = x->where;
    r.message = x->message;
    r.suggestion = x->suggestion;
    r.scope = (int)x->scope;
    r.disclosure = (char *)x->disclosure;
    r.page = x->page;
    return r;
}

jx_finding jx_finding_of_row(const jx_finding_row *r, const jx_form *form)
{
    const jx_rule *rule = jx_rule_find(r->rule);
    jx_finding x;
    memset(&x, 0, sizeof x);
    x.rule = rule ? rule->id : r->rule;
    x.severity = (jx_severity)r->severity;
    x.dimension = rule ? rule->dimension : JX_DIM_COMPLETENESS;
    x.form_id = r->form_id;
    x.form = form;
    x.line = r->line;
    x.where = r->where;
    x.message = r->message;
    x.reason = rule ? rule->reason : "";
    x.suggestion = r->suggestion;
    x.scope = (jx_scope)r->scope;
    x.disclosure = r->disclosure;
    x.page = r->page;   /* a PDF source: 第P页 and its page region */
    return x;
}

/* What jx_json_write_nested's callback writes to. */
typedef struct nested_out {
    FILE *out;
    int depth;
    int failed;
} nested_out;

/* Copy jansson's output, indenting after each newline. */
static int nested_cb(const char *buf, size_t size, void *data)
{
    nested_out *n = data;
    size_t start = 0;
    for (size_t i = 0; i < size; i++) {
        if (buf[i] != '\n') continue;
        if (fwrite(buf + start, 1, i + 1 - start, n->out) != i + 1 - start) n->failed = 1;
        for (int k = 0; k < 2 * n->depth; k++) putc(' ', n->out);
        start = i + 1;
    }
    if (start < size && fwrite(buf + start, 1, size - start, n->out) != size - start) n->failed = 1;
    return n->failed ? -1 : 0;
}

int jx_json_write_nested(void *json, FILE *out, size_t flags, int depth)
{
    nested_out n = {out, depth, 0};
    if (json_dump_callback(json, nested_cb, &n, flags) != 0) return -1;
    return ferror(out) ? -1 : 0;
}
