/*
** workflow_store.c - the stored workflow (see jixiao/workflow.h): each
** form's status, its history of transitions and comments, and the
** reviewer's decisions on findings.
**
** Invariants:
**   - every table is keyed by the form's identity key (JX_FORM_KEY_SQL,
**     jx_form_key), never by a row id, and has no foreign key to forms: a
**     re-import deletes and re-inserts the forms rows, and what is recorded
**     here must outlive that;
**   - a form without a form_status row is a draft;
**   - form_events is append-only: rows are inserted, never updated or
**     deleted (but re-keyed when an edit changes the identity);
**   - SQL is the portable subset: ? placeholders, ON CONFLICT … DO UPDATE,
**     RETURNING, standard types; no SQLite-only function.
*/
#include "store.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jixiao/util.h"
#include "jixiao/workflow.h"

const char jx_workflow_migration[] =
    "CREATE TABLE form_status ("
    "  form_key TEXT PRIMARY KEY, status TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE TABLE form_events ("
    "  id INTEGER PRIMARY KEY, form_key TEXT NOT NULL, form_id INTEGER NOT NULL,"
    "  action TEXT NOT NULL, status_from TEXT NOT NULL, status_to TEXT NOT NULL,"
    "  comment TEXT, place TEXT, user_name TEXT, created_at TEXT NOT NULL,"
    "  version INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX form_events_key ON form_events(form_key, id);"
    "CREATE TABLE finding_dispositions ("
    "  form_key TEXT NOT NULL, rule TEXT NOT NULL, place TEXT NOT NULL, decision TEXT NOT NULL,"
    "  reason TEXT NOT NULL, user_name TEXT, created_at TEXT NOT NULL,"
    "  PRIMARY KEY (form_key, rule, place));"
    "CREATE TABLE form_versions ("
    "  form_key TEXT NOT NULL, version INTEGER NOT NULL, form_id INTEGER NOT NULL,"
    "  body TEXT NOT NULL, user_name TEXT, created_at TEXT NOT NULL, note TEXT,"
    "  PRIMARY KEY (form_key, version));";

/* The current time, UTC, ISO 8601 with seconds. */
static void now_utc(char out[32])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Prepare constant SQL; JX_ESYS naming what on failure. */
static jx_status prepare(jx_store *s, const char *sql, jx_stmt **st, const char *what,
                         jx_error *err)
{
    if (jx_db_prepare_to(jx_store_db(s), sql, 0, st) == JX_DB_OK) return JX_OK;
    *st = NULL;
    return jx_store_db_error(s, err, what);
}

/* Step a statement that returns no rows (or one to ignore); finalize it. */
static jx_status step_done(jx_store *s, jx_stmt *st, const char *what, jx_error *err)
{
    int r = jx_stmt_step(st);
    jx_stmt_finalize(st);
    return r == JX_DB_DONE || r == JX_DB_ROW ? JX_OK : jx_store_db_error(s, err, what);
}

jx_status jx_wf_status_get(jx_store *s, const char *key, int *status, jx_error *err)
{
    *status = JX_WF_DRAFT;
    jx_stmt *st;
    jx_status rc = prepare(s, "SELECT status FROM form_status WHERE form_key = ?", &st,
                           "reading a form's status", err);
    if (rc) return rc;
    jx_stmt_bind_text(st, 1, key);
    int r = jx_stmt_step(st);
    if (r == JX_DB_ROW) {
        int v = jx_wf_status_from_name(jx_stmt_text(st, 0));
        *status = v < 0 ? JX_WF_DRAFT : v;
    } else if (r != JX_DB_DONE) {
        rc = jx_store_db_error(s, err, "reading a form's status");
    }
    jx_stmt_finalize(st);
    return rc;
}

jx_status jx_wf_record(jx_store *s, const char *key, long long form_id, const char *action,
                       int from, int to, const char *comment, const char *place,
                       const char *user, int version, long long *id, jx_error *err)
{
    char at[32];
    now_utc(at);
    int own;
    jx_status rc = jx_store_tx(s, 1, &own, err);
    if (rc) return rc;
    jx_stmt *st = NULL;
    if ((rc = prepare(s,
                      "INSERT INTO form_events (form_key, form_id, action, status_from, status_to,"
                      " comment, place, user_name, created_at, version) VALUES (?,?,?,?,?,?,?,?,?,?)"
                      " RETURNING id",
                      &st, "recording the history", err)))
        goto done;
    jx_stmt_bind_text(st, 1, key);
    jx_stmt_bind_int64(st, 2, form_id);
    jx_stmt_bind_text(st, 3, action);
    jx_stmt_bind_text(st, 4, jx_wf_status_name(from));
    jx_stmt_bind_text(st, 5, jx_wf_status_name(to));
    jx_stmt_bind_text(st, 6, comment);
    jx_stmt_bind_text(st, 7, place);
    jx_stmt_bind_text(st, 8, user);
    jx_stmt_bind_text(st, 9, at);
    jx_stmt_bind_int64(st, 10, version);
    int r = jx_stmt_step(st);
    if (r == JX_DB_ROW && id) *id = jx_stmt_int64(st, 0);
    if (r == JX_DB_ROW) r = jx_stmt_step(st);
    jx_stmt_finalize(st);
    if (r != JX_DB_DONE) { rc = jx_store_db_error(s, err, "recording the history"); goto done; }
    if (from != to) {
        if ((rc = prepare(s,
                          "INSERT INTO form_status (form_key, status, updated_at) VALUES (?,?,?)"
                          " ON CONFLICT (form_key) DO UPDATE SET status = excluded.status,"
                          " updated_at = excluded.updated_at",
                          &st, "recording the status", err)))
            goto done;
        jx_stmt_bind_text(st, 1, key);
        jx_stmt_bind_text(st, 2, jx_wf_status_name(to));
        jx_stmt_bind_text(st, 3, at);
        rc = step_done(s, st, "recording the status", err);
    }
done:
    return jx_store_tx_end(s, own, rc, err);
}

jx_status jx_wf_history(jx_store *s, const char *key, jx_wf_events *out, jx_error *err)
{
    memset(out, 0, sizeof *out);
    jx_stmt *st;
    jx_status rc = prepare(s,
                           "SELECT id, form_id, action, status_from, status_to, comment, place,"
                           " user_name, created_at, version FROM form_events WHERE form_key = ?"
                           " ORDER BY id",
                           &st, "reading the history", err);
    if (rc) return rc;
    jx_stmt_bind_text(st, 1, key);
    size_t cap = 0;
    int r;
    while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
        out->items = jx_grow(out->items, &cap, out->count, sizeof *out->items);
        jx_wf_event *e = &out->items[out->count++];
        e->id = jx_stmt_int64(st, 0);
        e->form_id = jx_stmt_int64(st, 1);
        e->action = jx_col_text(st, 2);
        int from = jx_wf_status_from_name(jx_stmt_text(st, 3));
        int to = jx_wf_status_from_name(jx_stmt_text(st, 4));
        e->status_from = from < 0 ? 0 : from;
        e->status_to = to < 0 ? 0 : to;
        e->comment = jx_col_text(st, 5);
        e->place = jx_col_text(st, 6);
        e->user = jx_col_text(st, 7);
        e->at = jx_col_text(st, 8);
        e->version = jx_stmt_int(st, 9);
    }
    jx_stmt_finalize(st);
    if (r != JX_DB_DONE) {
        jx_wf_events_free(out);
        return jx_store_db_error(s, err, "reading the history");
    }
    return JX_OK;
}

void jx_wf_events_free(jx_wf_events *e)
{
    for (size_t i = 0; i < e->count; i++) {
        jx_wf_event *x = &e->items[i];
        free(x->action), free(x->comment), free(x->place), free(x->user), free(x->at);
    }
    free(e->items);
    memset(e, 0, sizeof *e);
}

jx_status jx_wf_rekey(jx_store *s, const char *old_key, const char *new_key, jx_error *err)
{
    if (!strcmp(old_key, new_key)) return JX_OK;
    static const char *const sql[] = {
        /* the new identity's own records, if it had any, give way to the moved ones */
        "DELETE FROM form_status WHERE form_key = ?2",
        "DELETE FROM finding_dispositions WHERE form_key = ?2",
        "DELETE FROM form_versions WHERE form_key = ?2",
        "UPDATE form_status SET form_key = ?2 WHERE form_key = ?1",
        "UPDATE form_events SET form_key = ?2 WHERE form_key = ?1",
        "UPDATE finding_dispositions SET form_key = ?2 WHERE form_key = ?1",
        "UPDATE form_versions SET form_key = ?2 WHERE form_key = ?1",
    };
    int own;
    jx_status rc = jx_store_tx(s, 1, &own, err);
    if (rc) return rc;
    for (size_t i = 0; i < sizeof sql / sizeof *sql && rc == JX_OK; i++) {
        jx_stmt *st;
        if ((rc = prepare(s, sql[i], &st, "moving a form's history", err))) break;
        jx_stmt_bind_text(st, 1, old_key);
        jx_stmt_bind_text(st, 2, new_key);
        rc = step_done(s, st, "moving a form's history", err);
    }
    return jx_store_tx_end(s, own, rc, err);
}

jx_status jx_wf_touch(jx_store *s, jx_error *err)
{
    int own;
    jx_status rc = jx_store_tx(s, 1, &own, err);
    if (rc) return rc;
    rc = jx_store_count_change(s, 0, err);
    return jx_store_tx_end(s, own, rc, err);
}

/* ---- dispositions ---------------------------------------------------------- */

jx_status jx_store_set_disposition(jx_store *s, const jx_disposition *d, jx_error *err)
{
    char at[32];
    now_utc(at);
    jx_stmt *st;
    jx_status rc = prepare(s,
                           "INSERT INTO finding_dispositions (form_key, rule, place, decision, reason,"
                           " user_name, created_at) VALUES (?,?,?,?,?,?,?)"
                           " ON CONFLICT (form_key, rule, place) DO UPDATE SET"
                           " decision = excluded.decision, reason = excluded.reason,"
                           " user_name = excluded.user_name, created_at = excluded.created_at",
                           &st, "recording a disposition", err);
    if (rc) return rc;
    jx_stmt_bind_text(st, 1, d->form_key);
    jx_stmt_bind_text(st, 2, d->rule);
    jx_stmt_bind_text(st, 3, d->place ? d->place : "");
    jx_stmt_bind_text(st, 4, jx_decision_name(d->decision));
    jx_stmt_bind_text(st, 5, d->reason ? d->reason : "");
    jx_stmt_bind_text(st, 6, d->user);
    jx_stmt_bind_text(st, 7, at);
    return step_done(s, st, "recording a disposition", err);
}

jx_status jx_store_dispositions(jx_store *s, const char *key, jx_dispositions *out, jx_error *err)
{
    memset(out, 0, sizeof *out);
    jx_stmt *st;
    jx_status rc = prepare(s,
                           key ? "SELECT form_key, rule, place, decision, reason, user_name, created_at"
                                 " FROM finding_dispositions WHERE form_key = ? ORDER BY rule, place"
                               : "SELECT form_key, rule, place, decision, reason, user_name, created_at"
                                 " FROM finding_dispositions ORDER BY form_key, rule, place",
                           &st, "reading dispositions", err);
    if (rc) return rc;
    if (key) jx_stmt_bind_text(st, 1, key);
    size_t cap = 0;
    int r;
    while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
        out->items = jx_grow(out->items, &cap, out->count, sizeof *out->items);
        jx_disposition *d = &out->items[out->count++];
        d->form_key = jx_col_text(st, 0);
        d->rule = jx_col_text(st, 1);
        d->place = jx_col_text(st, 2);
        d->decision = jx_decision_from_name(jx_stmt_text(st, 3));
        if (d->decision < 0) d->decision = JX_DECISION_ACCEPT;
        d->reason = jx_col_text(st, 4);
        d->user = jx_col_text(st, 5);
        d->at = jx_col_text(st, 6);
    }
    jx_stmt_finalize(st);
    if (r != JX_DB_DONE) {
        jx_dispositions_free(out);
        return jx_store_db_error(s, err, "reading dispositions");
    }
    return JX_OK;
}

void jx_dispositions_free(jx_dispositions *d)
{
    for (size_t i = 0; i < d->count; i++) {
        jx_disposition *x = &d->items[i];
        free(x->form_key), free(x->rule), free(x->place), free(x->reason), free(x->user), free(x->at);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}

const jx_disposition *jx_dispositions_find(const jx_dispositions *d, const char *key,
                                           const char *rule, const char *place)
{
    for (size_t i = 0; i < d->count; i++) {
        const jx_disposition *x = &d->items[i];
        if (!strcmp(x->form_key, key) && !strcmp(x->rule, rule) &&
            !strcmp(x->place, place ? place : ""))
            return x;
    }
    return NULL;
}

jx_status jx_store_finding_at(jx_store *s, long long form_id, long long seq, char **rule,
                              char **place, int *scope, int *found, jx_error *err)
{
    *rule = *place = NULL;
    *scope = 0;
    *found = 0;
    jx_stmt *st;
    jx_status rc = prepare(s, "SELECT rule, place, scope FROM findings WHERE form_id = ? AND seq = ?",
                           &st, "reading a finding", err);
    if (rc) return rc;
    jx_stmt_bind_int64(st, 1, form_id);
    jx_stmt_bind_int64(st, 2, seq);
    int r = jx_stmt_step(st);
    if (r == JX_DB_ROW) {
        *rule = jx_col_text(st, 0);
        *place = jx_col_text(st, 1);
        *scope = jx_stmt_int(st, 2);
        *found = 1;
    } else if (r != JX_DB_DONE) {
        rc = jx_store_db_error(s, err, "reading a finding");
    }
    jx_stmt_finalize(st);
    return rc;
}

jx_status jx_store_set_grade(jx_store *s, long long form_id, double score, const char *grade,
                             jx_error *err)
{
    int own;
    jx_status rc = jx_store_tx(s, 1, &own, err);
    if (rc) return rc;
    jx_stmt *st;
    if ((rc = prepare(s, "UPDATE reviews SET score = ?, grade = ? WHERE form_id = ?", &st,
                      "storing a grade", err)) == JX_OK) {
        jx_stmt_bind_double(st, 1, score);
        jx_stmt_bind_text(st, 2, grade);
        jx_stmt_bind_int64(st, 3, form_id);
        rc = step_done(s, st, "storing a grade", err);
    }
    if (rc == JX_OK) rc = jx_store_count_change(s, 0, err);
    return jx_store_tx_end(s, own, rc, err);
}

/* ---- versions ------------------------------------------------------------------ */

jx_status jx_store_versions(jx_store *s, const char *key, jx_versions *out, jx_error *err)
{
    memset(out, 0, sizeof *out);
    jx_stmt *st;
    jx_status rc = prepare(s,
                           "SELECT version, form_id, user_name, created_at, note FROM form_versions"
                           " WHERE form_key = ? ORDER BY version",
                           &st, "reading versions", err);
    if (rc) return rc;
    jx_stmt_bind_text(st, 1, key);
    size_t cap = 0;
    int r;
    while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
        out->items = jx_grow(out->items, &cap, out->count, sizeof *out->items);
        jx_version *v = &out->items[out->count++];
        memset(v, 0, sizeof *v);
        v->version = jx_stmt_int(st, 0);
        v->form_id = jx_stmt_int64(st, 1);
        v->user = jx_col_text(st, 2);
        v->at = jx_col_text(st, 3);
        v->note = jx_col_text(st, 4);
    }
    jx_stmt_finalize(st);
    if (r != JX_DB_DONE) {
        jx_versions_free(out);
        return jx_store_db_error(s, err, "reading versions");
    }
    return JX_OK;
}

jx_status jx_store_version_get(jx_store *s, const char *key, int version, jx_version *out,
                               int *found, jx_error *err)
{
    memset(out, 0, sizeof *out);
    *found = 0;
    jx_stmt *st;
    jx_status rc = prepare(s,
                           "SELECT version, form_id, user_name, created_at, note, body FROM form_versions"
                           " WHERE form_key = ? AND version = ?",
                           &st, "reading a version", err);
    if (rc) return rc;
    jx_stmt_bind_text(st, 1, key);
    jx_stmt_bind_int64(st, 2, version);
    int r = jx_stmt_step(st);
    if (r == JX_DB_ROW) {
        out->version = jx_stmt_int(st, 0);
        out->form_id = jx_stmt_int64(st, 1);
        out->user = jx_col_text(st, 2);
        out->at = jx_col_text(st, 3);
        out->note = jx_col_text(st, 4);
        out->json = jx_col_text(st, 5);
        *found = 1;
    } else if (r != JX_DB_DONE) {
        rc = jx_store_db_error(s, err, "reading a version");
    }
    jx_stmt_finalize(st);
    return rc;
}

jx_status jx_store_version_add(jx_store *s, const char *key, long long form_id, const char *json,
                               const char *user, const char *note, int *version, jx_error *err)
{
    char at[32];
    now_utc(at);
    int own;
    jx_status rc = jx_store_tx(s, 1, &own, err);
    if (rc) return rc;
    /* The next number, read inside the write transaction, so two saves cannot take the same. */
    jx_stmt *st;
    int next = 1;
    if ((rc = prepare(s, "SELECT COALESCE(MAX(version), 0) + 1 FROM form_versions WHERE form_key = ?",
                      &st, "storing a version", err)))
        goto done;
    jx_stmt_bind_text(st, 1, key);
    if (jx_stmt_step(st) == JX_DB_ROW) next = jx_stmt_int(st, 0);
    else rc = jx_store_db_error(s, err, "storing a version");
    jx_stmt_finalize(st);
    if (rc) goto done;
    if ((rc = prepare(s,
                      "INSERT INTO form_versions (form_key, version, form_id, body, user_name,"
                      " created_at, note) VALUES (?,?,?,?,?,?,?)",
                      &st, "storing a version", err)))
        goto done;
    jx_stmt_bind_text(st, 1, key);
    jx_stmt_bind_int64(st, 2, next);
    jx_stmt_bind_int64(st, 3, form_id);
    jx_stmt_bind_text(st, 4, json);
    jx_stmt_bind_text(st, 5, user);
    jx_stmt_bind_text(st, 6, at);
    jx_stmt_bind_text(st, 7, note);
    if ((rc = step_done(s, st, "storing a version", err)) == JX_OK) *version = next;
done:
    return jx_store_tx_end(s, own, rc, err);
}

void jx_version_free(jx_version *v)
{
    free(v->json), free(v->user), free(v->at), free(v->note);
    memset(v, 0, sizeof *v);
}

void jx_versions_free(jx_versions *v)
{
    for (size_t i = 0; i < v->count; i++) jx_version_free(&v->items[i]);
    free(v->items);
    memset(v, 0, sizeof *v);
}
