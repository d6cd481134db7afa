/*
** review_store.c - the store's answers to queries: the change counter, the
** stored review (findings and grades) and the lists with filters and pages.
**
** Invariants:
**   - store_state has exactly one row: `changes` counts every commit that
**     changes what the store answers, `forms_changes` those that change the
**     forms; review_key/review_at say under which configuration and at which
**     forms_changes the stored findings and grades were computed. A review is
**     current iff review_key = the asked key and review_at = forms_changes;
**   - findings(form_id, seq) keeps the review's order within a form; a form's
**     findings and grade go with it (ON DELETE CASCADE);
**   - every query is constant SQL with bound parameters; text filters use
**     instr(), so % and _ are plain characters;
**   - a page reads only the rows it shows (a keyset or LIMIT/OFFSET over an
**     index order), and its total comes from the same snapshot;
**   - store_state.forms_count is the number of forms, counted again by
**     every commit that changes the forms (jx_store_count_change).
*/
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "jixiao/store.h"
#include "jixiao/util.h"
#include "jixiao/workflow.h"

const char jx_review_migration[] =
    "CREATE TABLE store_state ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1), changes INTEGER NOT NULL,"
    "  forms_changes INTEGER NOT NULL, review_key TEXT, review_at INTEGER);"
    "INSERT INTO store_state (id, changes, forms_changes) VALUES (1, 0, 0);"
    "CREATE TABLE findings ("
    "  form_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE, seq INTEGER NOT NULL,"
    "  rule TEXT NOT NULL, severity INTEGER NOT NULL, line INTEGER NOT NULL,"
    "  place TEXT NOT NULL, message TEXT NOT NULL, suggestion TEXT,"
    "  scope INTEGER NOT NULL DEFAULT 0, disclosure TEXT, PRIMARY KEY (form_id, seq));"
    "CREATE INDEX findings_rule ON findings(rule, severity);"
    "CREATE INDEX findings_severity ON findings(severity);"
    "CREATE TABLE reviews ("
    "  form_id INTEGER PRIMARY KEY REFERENCES forms(id) ON DELETE CASCADE,"
    "  score REAL NOT NULL, grade TEXT NOT NULL, findings INTEGER NOT NULL);"
    "CREATE TABLE disclosure_reviews ("
    "  seq INTEGER PRIMARY KEY, file TEXT NOT NULL, score REAL NOT NULL, grade TEXT NOT NULL);"
    "CREATE INDEX forms_category ON forms(category);";

/* Run constant SQL without rows. */
static jx_status run(jx_store *s, const char *sql, jx_error *err)
{
    if (jx_db_exec(jx_store_db(s), sql) == JX_DB_OK) return JX_OK;
    return jx_store_db_error(s, err, "updating the store state");
}

/* Prepare constant SQL, JX_ESYS naming what on failure. */
static jx_status prepare(jx_store *s, const char *sql, jx_stmt **st, const char *what,
                         jx_error *err)
{
    if (jx_db_prepare_to(jx_store_db(s), sql, 0, st) == JX_DB_OK) return JX_OK;
    *st = NULL;
    return jx_store_db_error(s, err, what);
}

/* forms: the forms changed, and forms_count (an unfiltered list's total) is counted again. */
jx_status jx_store_count_change(jx_store *s, int forms, jx_error *err)
{
    return run(s, forms ? "UPDATE store_state SET changes = changes + 1, forms_changes = forms_changes + 1,"
                          " forms_count = (SELECT count(*) FROM forms)"
                        : "UPDATE store_state SET changes = changes + 1", err);
}

/* forms_ids: the ids alone, so that an unfiltered page=P skips its rows in a narrow index
   (a few MB at 100,000 forms), not in the table's wide rows. */
const char jx_forms_count_migration[] =
    "ALTER TABLE store_state ADD COLUMN forms_count INTEGER;"
    "UPDATE store_state SET forms_count = (SELECT count(*) FROM forms);"
    "CREATE INDEX forms_ids ON forms(id);";

/* Read one integer column of store_state. */
static jx_status state_int(jx_store *s, const char *sql, long long *out, jx_error *err)
{
    jx_stmt *st;
    jx_status rc = prepare(s, sql, &st, "reading the store state", err);
    if (rc) return rc;
    int r = jx_stmt_step(st);
    *out = r == JX_DB_ROW ? jx_stmt_int64(st, 0) : 0;
    if (r != JX_DB_ROW) rc = jx_store_db_error(s, err, "reading the store state");
    jx_stmt_finalize(st);
    return rc;
}

jx_status jx_store_generation(jx_store *s, long long *out, jx_error *err)
{
    return state_int(s, "SELECT changes FROM store_state", out, err);
}

jx_status jx_store_forms_generation(jx_store *s, long long *out, jx_error *err)
{
    return state_int(s, "SELECT forms_changes FROM store_state", out, err);
}

jx_status jx_store_review_current(jx_store *s, const char *key, int *current, jx_error *err)
{
    jx_stmt *st;
    *current = 0;
    jx_status rc = prepare(s, "SELECT review_key = ?1 AND review_at = forms_changes FROM store_state",
                           &st, "reading the review state", err);
    if (rc) return rc;
    jx_stmt_bind_text(st, 1, key);
    int r = jx_stmt_step(st);
    if (r == JX_DB_ROW) *current = jx_stmt_int(st, 0) == 1;
    else rc = jx_store_db_error(s, err, "reading the review state");
    jx_stmt_finalize(st);
    return rc;
}

/* Bind text or NULL; record the first failure in *b. */
static void bind_str(jx_stmt *st, int i, const char *v, int *b)
{
    int r = v ? jx_stmt_bind_text(st, i, v) : jx_stmt_bind_null(st, i);
    if (r != JX_DB_OK && *b == JX_DB_OK) *b = r;
}

/* Step an insert, then reset it and clear its bindings. */
static jx_status step_reset(jx_store *s, jx_stmt *st, int b, const char *what, jx_error *err)
{
    jx_status rc = JX_OK;
    if (b != JX_DB_OK || jx_stmt_step(st) != JX_DB_DONE) rc = jx_store_db_error(s, err, what);
    jx_stmt_reset(st);
    jx_stmt_clear(st);
    return rc;
}

/*
** The writer of a stored review (store.h): the statements reused for every
** batch, and where the findings' per-form sequence stands. It holds the
** write transaction it began (own) or joins the caller's.
*/
struct jx_store_review_writer {
    jx_store *s;
    int own;
    long long generation;
    jx_stmt *fi, *gi, *vi;
    long long form, seq, nverdicts;
    long long seq0;   /* where form 0's sequence stands while another form's is written */
};

jx_status jx_store_review_begin(jx_store *s, long long generation, jx_store_review_writer **out, jx_error *err)
{
    *out = NULL;
    if (jx_store_scope(s))
        return jx_error_set(err, JX_EUSAGE, NULL, 0, "database %s: a connection scoped to one unit cannot "
                            "store the review of all forms", jx_store_path(s));
    jx_store_review_writer *w = jx_xcalloc(1, sizeof *w);
    w->s = s;
    w->generation = generation;
    jx_status rc = jx_store_tx(s, 1, &w->own, err);
    if (rc) { free(w); return rc; }
    long long now;
    if ((rc = jx_store_forms_generation(s, &now, err))) goto fail;
    if (now != generation) {
        rc = jx_error_set(err, JX_EUSAGE, NULL, 0,
                          "database %s: the forms changed while they were reviewed; run the review again",
                          jx_store_path(s));
        goto fail;
    }
    if ((rc = run(s, "DELETE FROM findings; DELETE FROM reviews; DELETE FROM disclosure_reviews", err)) ||
        (rc = prepare(s, "INSERT INTO findings (form_id, seq, rule, severity, line, place, message,"
                         " suggestion, scope, disclosure, page) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                      &w->fi, "storing findings", err)) ||
        (rc = prepare(s, "INSERT INTO reviews (form_id, score, grade, findings) VALUES (?,?,?,?)",
                      &w->gi, "storing grades", err)) ||
        (rc = prepare(s, "INSERT INTO disclosure_reviews (seq, file, score, grade) VALUES (?,?,?,?)",
                      &w->vi, "storing verdicts", err)))
        goto fail;
    *out = w;
    return JX_OK;
fail:
    jx_store_review_abort(w);
    return rc;
}

jx_status jx_store_review_add(jx_store_review_writer *w, const jx_store_finding *fs, size_t nf,
                              const jx_store_grade *gs, size_t ng, const jx_store_verdict *vs, size_t nv,
                              jx_error *err)
{
    jx_store *s = w->s;
    jx_status rc = JX_OK;
    for (size_t i = 0; i < nf; i++) {
        const jx_store_finding *x = &fs[i];
        if (x->form_id != w->form) {
            /* forms come in id order, once each; what belongs to no form (id 0: disclosures,
               evaluations) may come in several batches, its sequence going on */
            if (w->form == 0) w->seq0 = w->seq;
            w->form = x->form_id;
            w->seq = x->form_id ? 0 : w->seq0;
        }
        int b = JX_DB_OK;
        b |= jx_stmt_bind_int64(w->fi, 1, x->form_id);
        b |= jx_stmt_bind_int64(w->fi, 2, w->seq++);
        bind_str(w->fi, 3, x->rule, &b);
        b |= jx_stmt_bind_int64(w->fi, 4, x->severity);
        b |= jx_stmt_bind_int64(w->fi, 5, x->line);
        bind_str(w->fi, 6, x->where ? x->where : "", &b);
        bind_str(w->fi, 7, x->message ? x->message : "", &b);
        bind_str(w->fi, 8, x->suggestion, &b);
        b |= jx_stmt_bind_int64(w->fi, 9, x->scope);
        bind_str(w->fi, 10, x->disclosure, &b);
        b |= jx_stmt_bind_int64(w->fi, 11, x->page);
        if ((rc = step_reset(s, w->fi, b, "storing a finding", err))) return rc;
    }
    for (size_t i = 0; i < nv; i++) {
        int b = JX_DB_OK;
        b |= jx_stmt_bind_int64(w->vi, 1, w->nverdicts++);
        bind_str(w->vi, 2, vs[i].file, &b);
        b |= jx_stmt_bind_double(w->vi, 3, vs[i].score);
        bind_str(w->vi, 4, vs[i].grade, &b);
        if ((rc = step_reset(s, w->vi, b, "storing a verdict", err))) return rc;
    }
    /* Findings per form, counted from the (form-ordered) findings of the same call. */
    size_t k = 0;
    for (size_t i = 0; i < ng; i++) {
        long long n = 0;
        while (k < nf && fs[k].form_id < gs[i].form_id) k++;
        while (k < nf && fs[k].form_id == gs[i].form_id) { k++; n++; }
        int b = JX_DB_OK;
        b |= jx_stmt_bind_int64(w->gi, 1, gs[i].form_id);
        b |= jx_stmt_bind_double(w->gi, 2, gs[i].score);
        bind_str(w->gi, 3, gs[i].grade, &b);
        b |= jx_stmt_bind_int64(w->gi, 4, n);
        if ((rc = step_reset(s, w->gi, b, "storing a grade", err))) return rc;
    }
    return JX_OK;
}

jx_status jx_store_review_finish(jx_store_review_writer *w, const char *key, jx_error *err)
{
    jx_store *s = w->s;
    jx_stmt *up = NULL;
    jx_status rc = prepare(s, "UPDATE store_state SET review_key = ?1, review_at = ?2, changes = changes + 1",
                           &up, "recording the review", err);
    if (rc == JX_OK) {
        int b = JX_DB_OK;
        bind_str(up, 1, key, &b);
        b |= jx_stmt_bind_int64(up, 2, w->generation);
        rc = step_reset(s, up, b, "recording the review", err);
    }
    jx_stmt_finalize(up);
    jx_stmt_finalize(w->fi);
    jx_stmt_finalize(w->gi);
    jx_stmt_finalize(w->vi);
    rc = jx_store_tx_end(s, w->own, rc, err);
    free(w);
    return rc;
}

void jx_store_review_abort(jx_store_review_writer *w)
{
    if (!w) return;
    jx_stmt_finalize(w->fi);
    jx_stmt_finalize(w->gi);
    jx_stmt_finalize(w->vi);
    jx_store_tx_end(w->s, w->own, JX_ESYS, NULL);
    free(w);
}

/* Replace the stored review in one call: the writer over one batch. */
jx_status jx_store_save_review(jx_store *s, const char *key, long long generation,
                               const jx_store_finding *fs, size_t nf,
                               const jx_store_grade *gs, size_t ng,
                               const jx_store_verdict *vs, size_t nv, jx_error *err)
{
    jx_store_review_writer *w;
    jx_status rc = jx_store_review_begin(s, generation, &w, err);
    if (rc) return rc;
    if ((rc = jx_store_review_add(w, fs, nf, gs, ng, vs, nv, err))) {
        jx_store_review_abort(w);
        return rc;
    }
    return jx_store_review_finish(w, key, err);
}

/* ---- queries ------------------------------------------------------------------ */

/* Column text as an owned copy, NULL for SQL NULL. */
static char *col_str(jx_stmt *st, int i)
{
    const char *t = jx_stmt_text(st, i);
    return t ? jx_strdup((const char *)t) : NULL;
}

/* "" and NULL do not filter. */
static const char *filter_text(const char *s)
{
    return s && *s ? s : NULL;
}

/* The WHERE of the form lists (forms f joined with files): ?1 year ?2 unit ?3 category ?4 q. */
#define FORMS_COND                                                                                \
    " (?1 = 0 OR f.year = ?1) AND (CAST(?2 AS TEXT) IS NULL OR instr(f.unit, ?2) > 0)"                    \
    " AND (CAST(?3 AS TEXT) IS NULL OR f.category = ?3)"                                                        \
    " AND (CAST(?4 AS TEXT) IS NULL OR instr(f.name, ?4) > 0 OR instr(f.unit, ?4) > 0"                          \
    "   OR instr(f.department, ?4) > 0 OR instr(f.goal, ?4) > 0 OR instr(files.name, ?4) > 0"    \
    "   OR instr(f.category, ?4) > 0 OR EXISTS (SELECT 1 FROM indicators i WHERE i.form_id = f.id" \
    "   AND (instr(i.name, ?4) > 0 OR instr(i.target, ?4) > 0)))"                                \
    " AND (?7 = 0 OR f.id = ?7) AND (CAST(?10 AS TEXT) IS NULL OR f.unit = ?10)"                \
    " AND (CAST(?8 AS TEXT) IS NULL OR COALESCE(w.status, 'draft') = ?8)"

/* The workflow status of forms f, by identity (workflow_store.c): a draft when none is recorded. */
#define FORMS_STATUS " LEFT JOIN form_status w ON w.form_key = " JX_FORM_KEY_SQL("f")

/* Bind the connection's scope (jx_store_set_scope) to parameter i: NULL sees every unit. */
static void bind_scope(jx_store *s, jx_stmt *st, int i)
{
    const char *scope = jx_store_scope(s);
    if (scope) jx_stmt_bind_text(st, i, scope);
    else jx_stmt_bind_null(st, i);
}

/* Bind ?1..?4, ?7 and the scope ?10 of FORMS_COND. */
static void bind_form_query(jx_store *s, jx_stmt *st, const jx_form_query *q)
{
    bind_scope(s, st, 10);
    jx_stmt_bind_int64(st, 1, q->year);
    const char *t[3] = {filter_text(q->unit), filter_text(q->category), filter_text(q->q)};
    for (int i = 0; i < 3; i++) {
        if (t[i]) jx_stmt_bind_text(st, 2 + i, t[i]);
        else jx_stmt_bind_null(st, 2 + i);
    }
    jx_stmt_bind_int64(st, 7, q->id);
    if (filter_text(q->status)) jx_stmt_bind_text(st, 8, q->status);
    else jx_stmt_bind_null(st, 8);
}

/* Run a count query with one result; *out the count. */
static jx_status count_rows(jx_store *s, jx_stmt *st, long long *out, jx_error *err)
{
    int r = jx_stmt_step(st);
    *out = r == JX_DB_ROW ? jx_stmt_int64(st, 0) : 0;
    return r == JX_DB_ROW ? JX_OK : jx_store_db_error(s, err, "counting");
}

jx_status jx_store_query_forms(jx_store *s, const jx_form_query *q, jx_briefs *out, jx_error *err)
{
    /* [0] any filter, [1] one form (an indexed equality first), [2] no filter at all. */
#define FORMS_FROM " FROM forms f JOIN files ON files.id = f.file_id" FORMS_STATUS
#define PAGE_HEAD                                                                                 \
    "SELECT f.id, f.year, f.name, f.unit, f.department, f.category, f.framework, files.name,"    \
    " f.line, f.total, (SELECT count(*) FROM indicators i WHERE i.form_id = f.id),"               \
    " r.findings, r.grade, r.score, w.status" FORMS_FROM " LEFT JOIN reviews r ON r.form_id = f.id"
    /* No filter: the count kept in store_state, not a count(*) of every form. */
    static const char *const count_sqls[3] = {
        "SELECT count(*)" FORMS_FROM " WHERE" FORMS_COND,
        "SELECT count(*)" FORMS_FROM " WHERE f.id = ?7 AND" FORMS_COND,
        "SELECT COALESCE(forms_count, (SELECT count(*) FROM forms)) FROM store_state"};
    /* f.id > ?9: the keyset (0 from the first), a range of the primary key, not a scan */
    static const char *const page_sqls[3] = {
        PAGE_HEAD " WHERE f.id > ?9 AND" FORMS_COND " ORDER BY f.id LIMIT ?5 OFFSET ?6",
        PAGE_HEAD " WHERE f.id = ?7 AND f.id > ?9 AND" FORMS_COND " ORDER BY f.id LIMIT ?5 OFFSET ?6",
        PAGE_HEAD " WHERE f.id > ?9 AND" FORMS_COND " ORDER BY f.id LIMIT ?5 OFFSET ?6"};
    int v = q->id ? 1 : !q->year && !filter_text(q->unit) && !filter_text(q->category) &&
                             !filter_text(q->q) && !jx_store_scope(s) && !filter_text(q->status) ? 2 : 0;
    const char *count_sql = count_sqls[v], *page_sql = page_sqls[v];
    memset(out, 0, sizeof *out);
    int own;
    jx_status rc = jx_store_tx(s, 0, &own, err);
    if (rc) return rc;
    jx_stmt *cq = NULL, *pq = NULL;
    if ((rc = prepare(s, count_sql, &cq, "listing forms", err))) goto done;
    bind_form_query(s, cq, q);   /* binds past a statement's parameters fail harmlessly */
    if ((rc = count_rows(s, cq, &out->total, err))) goto done;
    if (q->limit <= 0) goto done;
    long long after = q->after > 0 ? q->after : 0, offset = q->offset > 0 ? q->offset : 0;
    if (v == 2 && offset > 0) {
        /* No filter: the page's first id from the primary key alone, then a keyset
           page, so the skipped rows are not joined with their files and reviews.
           When the ids are contiguous (max - min + 1 is the count: nothing was ever
           deleted between them, as after imports alone) it is min + offset at once;
           else the key is walked to the offset. */
        long long first = 0, lo = 0, hi = 0;
        jx_stmt *sk = NULL;
        if (!after) {
            /* two subqueries: each an end of the key (min and max in one SELECT scan every row) */
            if ((rc = prepare(s, "SELECT (SELECT min(id) FROM forms), (SELECT max(id) FROM forms)", &sk,
                              "listing forms", err))) goto done;
            int r = jx_stmt_step(sk);
            if (r == JX_DB_ROW) {
                lo = jx_stmt_int64(sk, 0);
                hi = jx_stmt_int64(sk, 1);
            } else {
                rc = jx_store_db_error(s, err, "listing forms");
            }
            jx_stmt_finalize(sk);
            sk = NULL;
            if (rc) goto done;
        }
        if (!after && lo > 0 && hi - lo + 1 == out->total) {
            if (offset >= out->total) goto done;   /* past the last form: an empty page */
            first = lo + offset;
        } else {
            if ((rc = prepare(s, "SELECT id FROM forms WHERE id > ?1 ORDER BY id LIMIT 1 OFFSET ?2", &sk,
                              "listing forms", err)))
                goto done;
            jx_stmt_bind_int64(sk, 1, after);
            jx_stmt_bind_int64(sk, 2, offset);
            int r = jx_stmt_step(sk);
            if (r == JX_DB_ROW) first = jx_stmt_int64(sk, 0);
            else if (r != JX_DB_DONE) rc = jx_store_db_error(s, err, "listing forms");
            jx_stmt_finalize(sk);
            if (rc || !first) goto done;   /* past the last form: an empty page */
        }
        after = first - 1;
        offset = 0;
    }
    if ((rc = prepare(s, page_sql, &pq, "listing forms", err))) goto done;
    bind_form_query(s, pq, q);
    jx_stmt_bind_int64(pq, 5, q->limit);
    jx_stmt_bind_int64(pq, 6, offset);
    jx_stmt_bind_int64(pq, 9, after);
    size_t cap = 0;
    int r;
    while ((r = jx_stmt_step(pq)) == JX_DB_ROW) {
        out->items = jx_grow(out->items, &cap, out->count, sizeof *out->items);
        jx_brief *b = &out->items[out->count++];
        memset(b, 0, sizeof *b);
        b->id = jx_stmt_int64(pq, 0);
        b->year = jx_stmt_int(pq, 1);
        b->name = col_str(pq, 2);
        b->unit = col_str(pq, 3);
        b->department = col_str(pq, 4);
        b->category = col_str(pq, 5);
        b->framework = col_str(pq, 6);
        b->file = col_str(pq, 7);
        b->line = (long)jx_stmt_int64(pq, 8);
        b->budget_total = jx_stmt_is_null(pq, 9) ? JX_NO_AMOUNT
                                                                    : jx_stmt_int64(pq, 9);
        b->indicators = jx_stmt_int64(pq, 10);
        b->findings = jx_stmt_int64(pq, 11);
        b->grade = col_str(pq, 12);
        b->score = jx_stmt_double(pq, 13);
        int status = jx_wf_status_from_name(jx_stmt_text(pq, 14));
        b->status = status < 0 ? 0 : status;
    }
    if (r != JX_DB_DONE) rc = jx_store_db_error(s, err, "listing forms");
done:
    jx_stmt_finalize(cq);
    jx_stmt_finalize(pq);
    rc = jx_store_tx_end(s, own, rc, err);
    if (rc) jx_briefs_free(out);
    return rc;
}

void jx_briefs_free(jx_briefs *b)
{
    for (size_t i = 0; i < b->count; i++) {
        jx_brief *x = &b->items[i];
        free(x->name), free(x->unit), free(x->department), free(x->category);
        free(x->framework), free(x->file), free(x->grade);
    }
    free(b->items);
    memset(b, 0, sizeof *b);
}

/* The WHERE of the findings lists (findings x joined with forms f): ?1 rule ?2 severity ?3 form ?4 project. */
#define FINDINGS_COND                                                                             \
    " (CAST(?1 AS TEXT) IS NULL OR x.rule = ?1) AND (?2 < 0 OR x.severity = ?2) AND (?3 = 0 OR x.form_id = ?3)" \
    " AND (CAST(?4 AS TEXT) IS NULL OR instr(f.name, ?4) > 0) AND (?5 = 0 OR x.form_id >= ?5)"                 \
    " AND (?6 = 0 OR x.form_id <= ?6)"                                                           \
    " AND (CAST(?9 AS TEXT) IS NULL OR (x.scope = 1 AND x.disclosure = ?9))"                      \
    " AND (CAST(?10 AS TEXT) IS NULL OR f.unit = ?10)"

/* Bind ?1..?6, ?9 and the scope ?10 of FINDINGS_COND. */
static void bind_finding_query(jx_store *s, jx_stmt *st, const jx_finding_query *q)
{
    bind_scope(s, st, 10);
    const char *rule = filter_text(q->rule), *project = filter_text(q->project);
    if (rule) jx_stmt_bind_text(st, 1, rule);
    else jx_stmt_bind_null(st, 1);
    jx_stmt_bind_int64(st, 2, q->severity);
    jx_stmt_bind_int64(st, 3, q->form);
    if (project) jx_stmt_bind_text(st, 4, project);
    else jx_stmt_bind_null(st, 4);
    jx_stmt_bind_int64(st, 5, q->form_from);
    jx_stmt_bind_int64(st, 6, q->form_to);
    if (q->disclosure) jx_stmt_bind_text(st, 9, q->disclosure);
    else jx_stmt_bind_null(st, 9);
}

jx_status jx_store_form_review(jx_store *s, long long form_id, char **grade, double *score, jx_error *err)
{
    *grade = NULL;
    *score = 0;
    jx_stmt *st;
    jx_status rc = prepare(s, "SELECT grade, score FROM reviews WHERE form_id = ?1", &st, "reading a grade", err);
    if (rc) return rc;
    jx_stmt_bind_int64(st, 1, form_id);
    int r = jx_stmt_step(st);
    if (r == JX_DB_ROW) {
        *grade = col_str(st, 0);
        *score = jx_stmt_double(st, 1);
    } else if (r != JX_DB_DONE) {
        rc = jx_store_db_error(s, err, "reading a grade");
    }
    jx_stmt_finalize(st);
    return rc;
}

jx_status jx_store_query_findings(jx_store *s, const jx_finding_query *q, jx_finding_rows *out,
                                  jx_error *err)
{
    /* [0] any filter, [1] one form, [2] a range of forms: an indexed term on form_id first. */
#define FINDINGS_FROM " FROM findings x LEFT JOIN forms f ON f.id = x.form_id"
#define FINDINGS_HEAD                                                                             \
    "SELECT x.form_id, f.name, coalesce(files.name, x.disclosure), x.rule, x.severity, x.line,"  \
    " x.place, x.message, x.suggestion, x.scope, x.disclosure, x.page,"                          \
    " b.x0, b.y0, b.x1, b.y1, x.seq" FINDINGS_FROM                                               \
    " LEFT JOIN files ON files.id = f.file_id"                                                   \
    " LEFT JOIN source_boxes b ON b.line = x.line AND b.file_id = coalesce(f.file_id,"           \
    " (SELECT max(d.id) FROM files d WHERE d.name = x.disclosure))"
/* The keyset ?11-?12: a range of the primary key (form_id, seq) led by form_id >= ?11. */
#define FINDINGS_AFTER " x.form_id >= ?11 AND (x.form_id > ?11 OR x.seq > ?12) AND"
#define FINDINGS_KEYS(lead)                                                                       \
    {"SELECT x.severity, count(*)" FINDINGS_FROM " WHERE" lead FINDINGS_COND " GROUP BY x.severity", \
     FINDINGS_HEAD " WHERE" lead FINDINGS_COND " ORDER BY x.form_id, x.seq LIMIT ?7 OFFSET ?8",   \
     FINDINGS_HEAD " WHERE" lead FINDINGS_AFTER FINDINGS_COND " ORDER BY x.form_id, x.seq LIMIT ?7 OFFSET ?8"}
    static const char *const sqls[3][3] = {
        FINDINGS_KEYS(""), FINDINGS_KEYS(" x.form_id = ?3 AND"),
        FINDINGS_KEYS(" x.form_id BETWEEN ?5 AND ?6 AND")};
    int v = q->form ? 1 : q->form_from && q->form_to ? 2 : 0;
    int keyset = q->keyset != 0;
    const char *count_sql = sqls[v][0], *page_sql = sqls[v][keyset ? 2 : 1];
    memset(out, 0, sizeof *out);
    int own;
    jx_status rc = jx_store_tx(s, 0, &own, err);
    if (rc) return rc;
    jx_stmt *cq = NULL, *pq = NULL;
    int r;
    /* Every matching row from the first (a form's findings): counted as they are read, no count query. */
    int whole = q->limit < 0 && q->offset <= 0 && !keyset;
    if (!whole && !q->uncounted) {
        if ((rc = prepare(s, count_sql, &cq, "listing findings", err))) goto done;
        bind_finding_query(s, cq, q);
        while ((r = jx_stmt_step(cq)) == JX_DB_ROW) {
            int sev = jx_stmt_int(cq, 0);
            long long n = jx_stmt_int64(cq, 1);
            if (sev >= 0 && sev < 3) out->by_severity[sev] = n;
            out->total += n;
        }
        if (r != JX_DB_DONE) { rc = jx_store_db_error(s, err, "counting findings"); goto done; }
    }
    if (q->limit == 0) goto done;
    if ((rc = prepare(s, page_sql, &pq, "listing findings", err))) goto done;
    bind_finding_query(s, pq, q);
    jx_stmt_bind_int64(pq, 7, q->limit < 0 ? JX_NO_LIMIT : q->limit);
    jx_stmt_bind_int64(pq, 8, q->offset > 0 && !keyset ? q->offset : 0);
    if (keyset) {
        jx_stmt_bind_int64(pq, 11, q->after_form);
        jx_stmt_bind_int64(pq, 12, q->after_seq);
    }
    size_t cap = 0;
    while ((r = jx_stmt_step(pq)) == JX_DB_ROW) {
        out->items = jx_grow(out->items, &cap, out->count, sizeof *out->items);
        jx_finding_row *x = &out->items[out->count++];
        x->form_id = jx_stmt_int64(pq, 0);
        x->form_name = col_str(pq, 1);
        x->file = col_str(pq, 2);
        x->rule = col_str(pq, 3);
        x->severity = jx_stmt_int(pq, 4);
        x->line = (long)jx_stmt_int64(pq, 5);
        x->where = col_str(pq, 6);
        x->message = col_str(pq, 7);
        x->suggestion = col_str(pq, 8);
        x->scope = jx_stmt_int(pq, 9);
        x->disclosure = col_str(pq, 10);
        x->page = jx_stmt_int(pq, 11);
        x->has_box = !jx_stmt_is_null(pq, 12);
        for (int k = 0; k < 4 && x->has_box; k++) x->box[k] = jx_stmt_double(pq, 12 + k);
        x->seq = jx_stmt_int64(pq, 16);
        if (whole) {
            if (x->severity >= 0 && x->severity < 3) out->by_severity[x->severity]++;
            out->total++;
        }
    }
    if (r != JX_DB_DONE) rc = jx_store_db_error(s, err, "listing findings");
done:
    jx_stmt_finalize(cq);
    jx_stmt_finalize(pq);
    rc = jx_store_tx_end(s, own, rc, err);
    if (rc) jx_finding_rows_free(out);
    return rc;
}

void jx_finding_rows_free(jx_finding_rows *r)
{
    for (size_t i = 0; i < r->count; i++) {
        jx_finding_row *x = &r->items[i];
        free(x->form_name), free(x->file), free(x->rule), free(x->where), free(x->message);
        free(x->suggestion), free(x->disclosure);
    }
    free(r->items);
    memset(r, 0, sizeof *r);
}

jx_status jx_store_distinct(jx_store *s, const char *field, size_t max, char ***out, jx_error *err)
{
    /* One constant statement per field: no SQL is built from the argument. */
    static const struct { const char *field, *sql; } queries[] = {
        {"year", "SELECT DISTINCT year FROM forms WHERE (CAST(?2 AS TEXT) IS NULL OR unit = ?2)"
                 " AND year IS NOT NULL ORDER BY year LIMIT ?1"},
        {"unit", "SELECT DISTINCT unit FROM forms WHERE (CAST(?2 AS TEXT) IS NULL OR unit = ?2)"
                 " AND unit <> '' ORDER BY unit LIMIT ?1"},
        {"category", "SELECT DISTINCT category FROM forms WHERE (CAST(?2 AS TEXT) IS NULL OR unit = ?2)"
                     " AND category <> '' ORDER BY category LIMIT ?1"},
    };
    *out = NULL;
    const char *sql = NULL;
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++)
        if (!strcmp(field, queries[i].field)) sql = queries[i].sql;
    if (!sql) return jx_error_set(err, JX_EUSAGE, NULL, 0, "no list of distinct values for '%s'", field);
    jx_stmt *st;
    jx_status rc = prepare(s, sql, &st, "listing values", err);
    if (rc) return rc;
    jx_stmt_bind_int64(st, 1, max ? (long long)max : JX_NO_LIMIT);
    bind_scope(s, st, 2);
    char **v = jx_xcalloc(1, sizeof *v);
    size_t n = 0;
    int r;
    while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
        v = jx_xrealloc(v, (n + 2) * sizeof *v);
        v[n++] = col_str(st, 0);
        v[n] = NULL;
    }
    if (r != JX_DB_DONE) {
        rc = jx_store_db_error(s, err, "listing values");
        jx_strings_free(v);
        v = NULL;
    }
    jx_stmt_finalize(st);
    *out = v;
    return rc;
}

void jx_strings_free(char **v)
{
    if (!v) return;
    for (size_t i = 0; v[i]; i++) free(v[i]);
    free(v);
}

jx_status jx_store_count_by_rule(jx_store *s, jx_rule_count **out, size_t *n, jx_error *err)
{
    *out = NULL;
    *n = 0;
    jx_stmt *st;
    jx_status rc = prepare(s, "SELECT x.rule, count(*) AS c FROM findings x LEFT JOIN forms f ON f.id = x.form_id"
                              " WHERE (CAST(?1 AS TEXT) IS NULL OR f.unit = ?1)"
                              " GROUP BY x.rule ORDER BY c DESC, x.rule",
                           &st, "counting findings", err);
    if (rc) return rc;
    bind_scope(s, st, 1);
    int r;
    while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
        *out = jx_xrealloc(*out, (*n + 1) * sizeof **out);
        (*out)[*n].rule = col_str(st, 0);
        (*out)[*n].count = jx_stmt_int64(st, 1);
        (*n)++;
    }
    if (r != JX_DB_DONE) rc = jx_store_db_error(s, err, "counting findings");
    jx_stmt_finalize(st);
    return rc;
}

void jx_rule_counts_free(jx_rule_count *c, size_t n)
{
    for (size_t i = 0; i < n; i++) free(c[i].rule);
    free(c);
}

/* ---- aggregates ----------------------------------------------------------------- */

/* The group key of each `by`, as SQL over forms f (constant text: no SQL from arguments). */
static const struct { const char *by, *key; } agg_keys[] = {
    {NULL, "NULL"}, {"unit", "f.unit"}, {"department", "f.department"},
    {"year", "CAST(f.year AS TEXT)"}, {"category", "f.category"},
};
#define NKEYS (sizeof agg_keys / sizeof *agg_keys)

/* The statements of jx_store_aggregate, [what][key], each written out once. */
/* The scope of every aggregate: ?1, the connection's unit (jx_store_set_scope) or NULL. */
#define AGG_SCOPE " (CAST(?1 AS TEXT) IS NULL OR f.unit = ?1)"
#define AGG_FORMS(K) "SELECT " K ", NULL, count(*), sum(f.total), count(f.total), sum(f.year_amount)," \
                     " count(f.year_amount) FROM forms f WHERE" AGG_SCOPE " GROUP BY 1 ORDER BY 1 NULLS FIRST"
#define AGG_INDICATORS(K) "SELECT " K ", i.category, count(*),"                                  \
                          " sum(CASE WHEN i.kind = 'quantitative' THEN 1 ELSE 0 END)"              \
                          " FROM indicators i JOIN forms f ON f.id = i.form_id WHERE" AGG_SCOPE " GROUP BY 1, 2"      \
                          " ORDER BY 1 NULLS FIRST, 2 NULLS FIRST"
#define AGG_FINDINGS(K) "SELECT " K ", NULL, x.severity, count(*)"                               \
                        " FROM findings x JOIN forms f ON f.id = x.form_id WHERE" AGG_SCOPE " GROUP BY 1, 3"         \
                        " ORDER BY 1 NULLS FIRST, 3"
#define AGG_ROW(M) {M("NULL"), M("f.unit"), M("f.department"), M("CAST(f.year AS TEXT)"), M("f.category")}
static const char *const agg_sql[3][NKEYS] = {AGG_ROW(AGG_FORMS), AGG_ROW(AGG_INDICATORS),
                                             AGG_ROW(AGG_FINDINGS)};
static const char agg_level1_sql[] =
    "SELECT i.level1, NULL, count(*) FROM indicators i JOIN forms f ON f.id = i.form_id WHERE" AGG_SCOPE
    " GROUP BY 1 ORDER BY 1 NULLS FIRST";

jx_status jx_store_aggregate(jx_store *s, jx_agg what, const char *by,
                             void (*row)(void *arg, const jx_agg_row *r), void *arg, jx_error *err)
{
    size_t k = NKEYS;
    for (size_t i = 0; i < NKEYS; i++)
        if ((!by && !agg_keys[i].by) || (by && agg_keys[i].by && !strcmp(by, agg_keys[i].by))) k = i;
    if (k == NKEYS) return jx_error_set(err, JX_EUSAGE, NULL, 0, "no grouping by '%s'", by);
    const char *sql = what == JX_AGG_LEVEL1 ? agg_level1_sql
                      : (int)what >= 0 && what <= JX_AGG_FINDINGS ? agg_sql[what][k] : NULL;
    if (!sql) return jx_error_set(err, JX_EUSAGE, NULL, 0, "unknown aggregate");
    jx_stmt *st;
    jx_status rc = prepare(s, sql, &st, "summing up", err);
    if (rc) return rc;
    bind_scope(s, st, 1);
    int r;
    while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
        int ncols = jx_stmt_columns(st);
        jx_agg_row a;
        memset(&a, 0, sizeof a);
        a.key = jx_stmt_text(st, 0);
        a.sub = jx_stmt_text(st, 1);
        for (int c = 2; c < ncols && c < 7; c++) a.n[c - 2] = jx_stmt_int64(st, c);
        row(arg, &a);
    }
    if (r != JX_DB_DONE) rc = jx_store_db_error(s, err, "summing up");
    jx_stmt_finalize(st);
    return rc;
}

jx_status jx_store_verdicts(jx_store *s, jx_verdict **out, size_t *n, jx_error *err)
{
    *out = NULL;
    *n = 0;
    jx_stmt *st;
    jx_status rc = prepare(s, "SELECT file, score, grade FROM disclosure_reviews ORDER BY seq", &st,
                           "reading verdicts", err);
    if (rc) return rc;
    int r;
    while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
        *out = jx_xrealloc(*out, (*n + 1) * sizeof **out);
        (*out)[*n].file = col_str(st, 0);
        (*out)[*n].score = jx_stmt_double(st, 1);
        (*out)[*n].grade = col_str(st, 2);
        (*n)++;
    }
    if (r != JX_DB_DONE) rc = jx_store_db_error(s, err, "reading verdicts");
    jx_stmt_finalize(st);
    return rc;
}

void jx_verdicts_free(jx_verdict *v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i].file), free(v[i].grade);
    free(v);
}
