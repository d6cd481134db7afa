/*
** store.c - the SQLite store of imported forms (see store.h).
**
** Invariants: foreign keys are on, so deleting a files row removes its
** forms, components and indicators; every import is one IMMEDIATE
** transaction that either commits whole or rolls back; SQL text is constant
** and data goes only through bound parameters. The schema version is
** PRAGMA user_version = the number of migrations applied.
*/
#include "jixiao/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jixiao/util.h"
#include "jixiao/value.h"

struct jx_store {
    sqlite3 *db;
    char *path;
};

/* Forward-only migrations; migration i brings user_version from i to i+1. */
static const char *const migrations[] = {
    /* 1: the initial schema */
    "CREATE TABLE files ("
    "  id INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE,"
    "  imported_at TEXT NOT NULL);"
    "CREATE TABLE forms ("
    "  id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,"
    "  line INTEGER NOT NULL, year INTEGER, name TEXT NOT NULL, unit TEXT, department TEXT,"
    "  nature TEXT, category TEXT, framework TEXT, period_start TEXT, period_end TEXT, goal TEXT,"
    "  total INTEGER, year_amount INTEGER, carryover INTEGER, other INTEGER,"
    "  project_total INTEGER, prev_budget INTEGER, prev_exec INTEGER);"
    "CREATE TABLE components ("
    "  form_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE, seq INTEGER NOT NULL,"
    "  name TEXT, amount INTEGER, PRIMARY KEY (form_id, seq));"
    "CREATE TABLE indicators ("
    "  form_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE, seq INTEGER NOT NULL,"
    "  line INTEGER NOT NULL, level1 TEXT, level2 TEXT, name TEXT, category TEXT, target TEXT,"
    "  op TEXT, value REAL, value_max REAL, unit TEXT, kind TEXT NOT NULL,"
    "  PRIMARY KEY (form_id, seq));"
    "CREATE INDEX forms_file ON forms(file_id);"
    "CREATE INDEX forms_year ON forms(year);"
    "CREATE INDEX forms_unit ON forms(unit);",
};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof *migrations))

/* Record sqlite's current error as a jx_error. */
static jx_status db_error(jx_store *s, jx_error *err, const char *what)
{
    return jx_error_set(err, JX_ESYS, NULL, 0, "database %s: %s: %s", s->path, what,
                        sqlite3_errmsg(s->db));
}

/* Run SQL without results. */
static jx_status exec(jx_store *s, const char *sql, jx_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK) return JX_OK;
    jx_status st = jx_error_set(err, JX_ESYS, NULL, 0, "database %s: %s", s->path,
                                msg ? msg : sqlite3_errmsg(s->db));
    sqlite3_free(msg);
    return st;
}

/* Apply the migrations the database lacks, each in its own transaction. */
static jx_status migrate(jx_store *s, jx_error *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, "reading the schema version");
    int version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (version > NMIGRATIONS)
        return jx_error_set(err, JX_ESYS, NULL, 0,
                            "database %s has schema version %d, newer than this jixiao (%d)",
                            s->path, version, NMIGRATIONS);
    for (int v = version; v < NMIGRATIONS; v++) {
        if (exec(s, "BEGIN IMMEDIATE", err)) return err->status;
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (exec(s, migrations[v], err) || exec(s, pragma, err)) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return err->status;
        }
        if (exec(s, "COMMIT", err)) return err->status;
    }
    return JX_OK;
}

jx_status jx_store_open(const char *path, jx_store **out, jx_error *err)
{
    jx_store *s = jx_xcalloc(1, sizeof *s);
    s->path = jx_strdup(path);
    *out = NULL;
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        jx_status st = db_error(s, err, "opening");
        jx_store_close(s);
        return st;
    }
    sqlite3_busy_timeout(s->db, 5000);
    if (exec(s, "PRAGMA foreign_keys = ON", err) || exec(s, "PRAGMA journal_mode = WAL", err) ||
        exec(s, "PRAGMA synchronous = NORMAL", err) || migrate(s, err)) {
        jx_store_close(s);
        return err->status;
    }
    *out = s;
    return JX_OK;
}

void jx_store_close(jx_store *s)
{
    if (!s) return;
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

/* Bind text or NULL. */
static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
}

/* Bind an amount in fen or NULL. */
static void bind_amount(sqlite3_stmt *st, int i, long long v)
{
    if (v == JX_NO_AMOUNT) sqlite3_bind_null(st, i);
    else sqlite3_bind_int64(st, i, v);
}

/* Insert the forms of one file; the caller holds the transaction. */
static jx_status insert_forms(jx_store *s, long long file_id, jx_form_list *forms, jx_error *err)
{
    static const char *const sql[3] = {
        "INSERT INTO forms (file_id, line, year, name, unit, department, nature, category,"
        " framework, period_start, period_end, goal, total, year_amount, carryover, other,"
        " project_total, prev_budget, prev_exec)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        "INSERT INTO components (form_id, seq, name, amount) VALUES (?,?,?,?)",
        "INSERT INTO indicators (form_id, seq, line, level1, level2, name, category, target,"
        " op, value, value_max, unit, kind) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
    };
    sqlite3_stmt *st[3] = {NULL, NULL, NULL};
    jx_status rc = JX_OK;
    for (int i = 0; i < 3; i++)
        if (sqlite3_prepare_v2(s->db, sql[i], -1, &st[i], NULL) != SQLITE_OK) {
            rc = db_error(s, err, "preparing an insert");
            goto done;
        }
    for (size_t k = 0; k < forms->count; k++) {
        jx_form *f = forms->items[k];
        sqlite3_stmt *q = st[0];
        sqlite3_reset(q);
        sqlite3_bind_int64(q, 1, file_id);
        sqlite3_bind_int64(q, 2, f->line);
        if (f->year) sqlite3_bind_int(q, 3, f->year);
        else sqlite3_bind_null(q, 3);
        bind_text(q, 4, f->name);
        bind_text(q, 5, f->unit);
        bind_text(q, 6, f->department);
        bind_text(q, 7, f->nature);
        bind_text(q, 8, f->category);
        bind_text(q, 9, f->framework);
        bind_text(q, 10, f->period_start);
        bind_text(q, 11, f->period_end);
        bind_text(q, 12, f->goal);
        const jx_budget *b = &f->budget;
        long long amounts[7] = {b->total, b->year, b->carryover, b->other, b->project_total,
                                b->prev_budget, b->prev_exec};
        for (int a = 0; a < 7; a++) bind_amount(q, 13 + a, amounts[a]);
        if (sqlite3_step(q) != SQLITE_DONE) { rc = db_error(s, err, "inserting a form"); goto done; }
        f->id = sqlite3_last_insert_rowid(s->db);
        for (size_t c = 0; c < f->ncomponents; c++) {
            q = st[1];
            sqlite3_reset(q);
            sqlite3_bind_int64(q, 1, f->id);
            sqlite3_bind_int64(q, 2, (long long)c);
            bind_text(q, 3, f->components[c].name);
            bind_amount(q, 4, f->components[c].amount);
            if (sqlite3_step(q) != SQLITE_DONE) { rc = db_error(s, err, "inserting a component"); goto done; }
        }
        for (size_t i = 0; i < f->nindicators; i++) {
            const jx_indicator *ind = &f->indicators[i];
            q = st[2];
            sqlite3_reset(q);
            sqlite3_bind_int64(q, 1, f->id);
            sqlite3_bind_int64(q, 2, (long long)i);
            sqlite3_bind_int64(q, 3, ind->line);
            bind_text(q, 4, ind->level1);
            bind_text(q, 5, ind->level2);
            bind_text(q, 6, ind->name);
            bind_text(q, 7, ind->category);
            bind_text(q, 8, ind->target);
            bind_text(q, 9, jx_op_name(ind->value.op));
            int quant = ind->value.kind == JX_KIND_QUANTITATIVE;
            if (quant) {
                sqlite3_bind_double(q, 10, ind->value.value);
                sqlite3_bind_double(q, 11, ind->value.value_max);
            } else {
                sqlite3_bind_null(q, 10);
                sqlite3_bind_null(q, 11);
            }
            bind_text(q, 12, ind->value.unit[0] ? ind->value.unit : NULL);
            bind_text(q, 13, quant ? "quantitative" : "qualitative");
            if (sqlite3_step(q) != SQLITE_DONE) { rc = db_error(s, err, "inserting an indicator"); goto done; }
        }
    }
done:
    for (int i = 0; i < 3; i++) sqlite3_finalize(st[i]);
    return rc;
}

jx_status jx_store_import(jx_store *s, const char *file, const char *sha256_hex,
                          jx_form_list *forms, jx_error *err)
{
    if (exec(s, "BEGIN IMMEDIATE", err)) return err->status;
    jx_status rc = JX_OK;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "DELETE FROM files WHERE sha256 = ?", -1, &st, NULL) != SQLITE_OK) {
        rc = db_error(s, err, "preparing");
        goto fail;
    }
    sqlite3_bind_text(st, 1, sha256_hex, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE) { rc = db_error(s, err, "replacing an earlier import"); goto fail; }
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(s->db, "INSERT INTO files (name, sha256, imported_at) VALUES (?,?,?)",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = db_error(s, err, "preparing");
        goto fail;
    }
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    sqlite3_bind_text(st, 1, file, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, sha256_hex, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, stamp, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE) { rc = db_error(s, err, "recording the file"); goto fail; }
    sqlite3_finalize(st);
    st = NULL;
    rc = insert_forms(s, sqlite3_last_insert_rowid(s->db), forms, err);
    if (rc) goto fail;
    if (exec(s, "COMMIT", err)) { rc = err->status; goto fail; }
    return JX_OK;
fail:
    sqlite3_finalize(st);
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    for (size_t k = 0; k < forms->count; k++) forms->items[k]->id = 0;
    return rc;
}

/* Column text as a new string, NULL for SQL NULL. */
static char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? jx_strdup((const char *)t) : NULL;
}

static long long col_amount(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? JX_NO_AMOUNT : sqlite3_column_int64(st, i);
}

/* The WHERE clause shared by the three load queries (forms aliased f). */
#define FILTER_SQL \
    " (?1 = 0 OR f.year = ?1) AND (?2 IS NULL OR instr(f.unit, ?2) > 0) AND (?3 = 0 OR f.id = ?3)"

/* Bind the filter parameters ?1..?3. */
static void bind_filter(sqlite3_stmt *st, const jx_filter *flt)
{
    sqlite3_bind_int(st, 1, flt ? flt->year : 0);
    bind_text(st, 2, flt ? flt->unit : NULL);
    sqlite3_bind_int64(st, 3, flt ? flt->id : 0);
}

/* Index of form id among forms[first..] (ids ascend); -1 if absent. */
static long find_form(const jx_form_list *forms, size_t first, long long id, size_t *hint)
{
    size_t i = *hint;
    while (i < forms->count && forms->items[i]->id < id) i++;
    *hint = i;
    if (i < forms->count && forms->items[i]->id == id && i >= first) return (long)i;
    return -1;
}

jx_status jx_store_load(jx_store *s, const jx_filter *flt, jx_form_list *forms, jx_error *err)
{
    static const char *const form_sql =
        "SELECT f.id, files.name, f.line, f.year, f.name, f.unit, f.department, f.nature,"
        " f.category, f.framework, f.period_start, f.period_end, f.goal, f.total, f.year_amount,"
        " f.carryover, f.other, f.project_total, f.prev_budget, f.prev_exec"
        " FROM forms f JOIN files ON files.id = f.file_id WHERE" FILTER_SQL " ORDER BY f.id";
    static const char *const comp_sql =
        "SELECT c.form_id, c.name, c.amount FROM components c JOIN forms f ON f.id = c.form_id"
        " WHERE" FILTER_SQL " ORDER BY c.form_id, c.seq";
    static const char *const ind_sql =
        "SELECT i.form_id, i.line, i.level1, i.level2, i.name, i.category, i.target, i.op,"
        " i.value, i.value_max, i.unit, i.kind FROM indicators i JOIN forms f ON f.id = i.form_id"
        " WHERE" FILTER_SQL " ORDER BY i.form_id, i.seq";
    size_t first = forms->count;
    sqlite3_stmt *st = NULL;
    jx_status rc = JX_OK;
    /* A read transaction so the three queries see one snapshot. */
    if (exec(s, "BEGIN", err)) return err->status;
    if (sqlite3_prepare_v2(s->db, form_sql, -1, &st, NULL) != SQLITE_OK) { rc = db_error(s, err, "loading forms"); goto out; }
    bind_filter(st, flt);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        jx_form *f = jx_form_new((const char *)sqlite3_column_text(st, 1), sqlite3_column_int64(st, 2));
        f->id = sqlite3_column_int64(st, 0);
        f->year = sqlite3_column_int(st, 3);
        f->name = col_text(st, 4);
        f->unit = col_text(st, 5);
        f->department = col_text(st, 6);
        f->nature = col_text(st, 7);
        f->category = col_text(st, 8);
        f->framework = col_text(st, 9);
        f->period_start = col_text(st, 10);
        f->period_end = col_text(st, 11);
        f->goal = col_text(st, 12);
        long long *amounts[7] = {&f->budget.total, &f->budget.year, &f->budget.carryover,
                                 &f->budget.other, &f->budget.project_total,
                                 &f->budget.prev_budget, &f->budget.prev_exec};
        for (int a = 0; a < 7; a++) *amounts[a] = col_amount(st, 13 + a);
        jx_form_list_push(forms, f);
    }
    if (r != SQLITE_DONE) { rc = db_error(s, err, "loading forms"); goto out; }
    sqlite3_finalize(st);
    st = NULL;

    if (sqlite3_prepare_v2(s->db, comp_sql, -1, &st, NULL) != SQLITE_OK) { rc = db_error(s, err, "loading components"); goto out; }
    bind_filter(st, flt);
    size_t hint = first;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        long at = find_form(forms, first, sqlite3_column_int64(st, 0), &hint);
        if (at < 0) continue;
        jx_component *c = jx_form_add_component(forms->items[at]);
        c->name = col_text(st, 1);
        c->amount = col_amount(st, 2);
    }
    if (r != SQLITE_DONE) { rc = db_error(s, err, "loading components"); goto out; }
    sqlite3_finalize(st);
    st = NULL;

    if (sqlite3_prepare_v2(s->db, ind_sql, -1, &st, NULL) != SQLITE_OK) { rc = db_error(s, err, "loading indicators"); goto out; }
    bind_filter(st, flt);
    hint = first;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        long at = find_form(forms, first, sqlite3_column_int64(st, 0), &hint);
        if (at < 0) continue;
        jx_indicator *ind = jx_form_add_indicator(forms->items[at]);
        ind->line = sqlite3_column_int64(st, 1);
        ind->level1 = col_text(st, 2);
        ind->level2 = col_text(st, 3);
        ind->name = col_text(st, 4);
        ind->category = col_text(st, 5);
        ind->target = col_text(st, 6);
        ind->value.op = jx_op_from_name((const char *)sqlite3_column_text(st, 7));
        ind->value.value = sqlite3_column_double(st, 8);
        ind->value.value_max = sqlite3_column_double(st, 9);
        const unsigned char *unit = sqlite3_column_text(st, 10);
        snprintf(ind->value.unit, sizeof ind->value.unit, "%s", unit ? (const char *)unit : "");
        const unsigned char *kind = sqlite3_column_text(st, 11);
        ind->value.kind = kind && !strcmp((const char *)kind, "quantitative") ? JX_KIND_QUANTITATIVE
                                                                              : JX_KIND_QUALITATIVE;
    }
    if (r != SQLITE_DONE) { rc = db_error(s, err, "loading indicators"); goto out; }
out:
    sqlite3_finalize(st);
    sqlite3_exec(s->db, rc ? "ROLLBACK" : "COMMIT", NULL, NULL, NULL);
    if (rc) while (forms->count > first) jx_form_free(forms->items[--forms->count]);
    return rc;
}
