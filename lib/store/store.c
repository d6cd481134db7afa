/*
** store.c - the SQLite store of imported forms (see store.h).
**
** Invariants:
**   - foreign keys are on, so deleting a files row removes its forms,
**     components and indicators (ON DELETE CASCADE);
**   - every import is one IMMEDIATE transaction that either commits whole or
**     rolls back, so the database never holds part of a file;
**   - SQL text is constant: data goes only through bound parameters (the one
**     formatted statement, PRAGMA user_version = N, formats an integer the
**     code itself computes);
**   - PRAGMA user_version = the number of migrations applied; migrations are
**     forward only and never edited once released (add a new one instead);
**   - amounts are INTEGER fen, NULL where the model holds JX_NO_AMOUNT; text
**     is NULL where the model holds NULL. forms.name is NOT NULL: the
**     importer rejects a form without 项目名称, and a form without a name
**     makes jx_store_import fail (and roll back) rather than store it;
**   - indicators(form_id) and components(form_id) are served by their
**     primary keys (form_id, seq), which are also the load order.
*/
#include "jixiao/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "store.h"
#include "text.h"
#include "jixiao/limits.h"
#include "jixiao/fields.h"
#include "jixiao/util.h"
#include "jixiao/value.h"
#include "jixiao/workflow.h"

struct jx_store {
    jx_db *db;       /* owned; closed by jx_store_close */
    char *path;      /* owned copy of the database string without its password, for messages */
    int tx;          /* 0 none, 1 the caller's read transaction, 2 the caller's write transaction */
    char *scope;     /* owned; the 申报单位 whose forms alone the queries see, NULL: all */
};

/*
** Forward-only migrations; migrations[i] brings the schema version from i
** to i+1. sql is portable (store.h) and runs on both backends (types
** translated on PostgreSQL); sqlite and pg are the rare dialect-only tails
** run after it, where no portable form exists (triggers, functions).
*/
typedef struct {
    const char *sql, *sqlite, *pg;   /* sql NULL: the migration is a dialect's tail alone */
} migration;

/* Migration 15's SQLite tail: each table rebuilt with its columns as migrations 1, 4 and 9
   left them (page: migration 6, final_store.c), its rows copied, the old one dropped. */
#define WITHOUT_ROWID(table, cols, defs, key) \
    "CREATE TABLE " table "_w (" defs ", PRIMARY KEY " key ") WITHOUT ROWID;" \
    "INSERT INTO " table "_w (" cols ") SELECT " cols " FROM " table ";" \
    "DROP TABLE " table ";" \
    "ALTER TABLE " table "_w RENAME TO " table ";"
static const char child_tables_without_rowid[] =
    WITHOUT_ROWID("indicators",
                  "form_id, seq, line, level1, level2, name, category, target, op, value,"
                  " value_max, unit, kind, page",
                  "form_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE,"
                  " seq INTEGER NOT NULL, line INTEGER NOT NULL, level1 TEXT, level2 TEXT,"
                  " name TEXT, category TEXT, target TEXT, op TEXT, value REAL, value_max REAL,"
                  " unit TEXT, kind TEXT NOT NULL, page INTEGER NOT NULL DEFAULT 0",
                  "(form_id, seq)")
    WITHOUT_ROWID("components", "form_id, seq, name, amount",
                  "form_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE,"
                  " seq INTEGER NOT NULL, name TEXT, amount INTEGER",
                  "(form_id, seq)")
    WITHOUT_ROWID("form_fields", "form_id, seq, label, value, line",
                  "form_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE,"
                  " seq INTEGER NOT NULL, label TEXT NOT NULL, value TEXT, line INTEGER NOT NULL",
                  "(form_id, seq)")
    WITHOUT_ROWID("form_values", "form_id, field, text, amount",
                  "form_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE,"
                  " field TEXT NOT NULL, text TEXT, amount INTEGER",
                  "(form_id, field)");
static const migration migrations[] = {
    /* 1: the initial schema; on PostgreSQL also instr(), the one SQLite function store SQL uses */
    {"CREATE TABLE files ("
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
     NULL,
     "CREATE FUNCTION instr(text, text) RETURNS integer LANGUAGE sql IMMUTABLE"
     "  AS 'SELECT strpos($1, $2)';"},
    /* 2: department disclosures: budget tables, narratives, stated figures (disclosure_store.c) */
    {jx_disclosure_migration, NULL, NULL},
    /* 3: the stored review (findings, grades) and the change counter (review_store.c) */
    {jx_review_migration, NULL, NULL},
    /* 4: every labelled field (form_fields) and the typed fields of the field table
       without a column of their own (form_values, keyed by their JSON key) */
    {"CREATE TABLE form_fields ("
    "  form_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE, seq INTEGER NOT NULL,"
    "  label TEXT NOT NULL, value TEXT, line INTEGER NOT NULL, PRIMARY KEY (form_id, seq));"
    "CREATE TABLE form_values ("
    "  form_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE, field TEXT NOT NULL,"
    "  text TEXT, amount INTEGER, PRIMARY KEY (form_id, field));", NULL, NULL},
    /* 5: disclosure_notes generalised to the notes of any document, keyed by file */
    {jx_document_notes_migration, NULL, NULL},
    /* 6: final accounts (部门决算): table kind and pages, unit, year, statements (final_store.c) */
    {jx_final_migration, jx_final_migration_sqlite, jx_final_migration_pg},
    /* 7: self-evaluations and monitoring reports (evaluation_store.c) */
    {jx_evaluation_migration, NULL, NULL},
    /* 8: users and the audit log (auth_store.c) */
    {jx_auth_migration, NULL, NULL},
    /* 9: where a PDF's rows are on their pages, and its bytes (source_store.c) */
    {jx_source_migration, NULL, NULL},
    /* 10: the workflow: status, history, dispositions of findings, versions (workflow_store.c) */
    {jx_workflow_migration, NULL, NULL},
    /* 11: a final-accounts statement's 绩效自评 figures (final_store.c) */
    {jx_final_selfeval_migration, NULL, NULL},
    /* 12: monitoring's 偏差原因 by category (evaluation_store.c) */
    {jx_evaluation_causes_migration, NULL, NULL},
    /* 13: the number of forms kept in store_state (review_store.c): a list's total without count(*) */
    {jx_forms_count_migration, NULL, NULL},
    /* 14: each form's project-name key (jx_text_name_key), indexed: linking a self-evaluation to
       its declared form and a project's history look the name up instead of reading every form;
       the rows already stored get theirs from name_key_fill below */
    {"ALTER TABLE forms ADD COLUMN name_key TEXT;"
     "CREATE INDEX forms_name_key ON forms(name_key);", NULL, NULL},
    /* 15: on SQLite the child tables of a form keyed by (form_id, seq | field) are WITHOUT
       ROWID: one B-tree each instead of a rowid table and its primary-key index (an import
       writes ~40 such rows a form); PostgreSQL has no such tables and nothing to do */
    {NULL, child_tables_without_rowid, NULL},
    /* 16: each evaluation's project-name key, indexed: a self-evaluation's page finds the
       others of its project (its monitoring report) by it instead of reading every evaluation;
       the rows already stored get theirs from evaluation_name_key_fill below */
    {"ALTER TABLE evaluations ADD COLUMN name_key TEXT;"
     "CREATE INDEX evaluations_name_key ON evaluations(name_key);", NULL, NULL},
};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof *migrations))

static jx_status name_key_fill(jx_store *s, jx_error *err);
static jx_status evaluation_name_key_fill(jx_store *s, jx_error *err);
/*
** The migrations whose new column is computed in C (a key SQL cannot
** compute on both backends): after migration `version` ran, fill runs in
** the same transaction.
*/
static const struct {
    int version;
    jx_status (*fill)(jx_store *s, jx_error *err);
} migration_fills[] = {
    {14, name_key_fill},
    {16, evaluation_name_key_fill},
};

/* Record the connection's current error as a JX_ESYS jx_error. */
static jx_status db_error(jx_store *s, jx_error *err, const char *what)
{
    return jx_error_set(err, JX_ESYS, NULL, 0, "database %s: %s: %s", s->path, what,
                        jx_db_errmsg(s->db));
}

jx_db *jx_store_db(jx_store *s) { return s->db; }
const char *jx_store_scope(const jx_store *s) { return s->scope; }

/* Restrict (unit) or widen (NULL) what the connection's queries see. */
void jx_store_set_scope(jx_store *s, const char *unit)
{
    free(s->scope);
    s->scope = unit ? jx_strdup(unit) : NULL;
}

jx_status jx_store_page_region(jx_store *s, const char *file, long line, jx_page_region *out,
                               jx_error *err)
{
    return jx_source_region(s->db, file, line, s->scope, out, err);
}

void jx_page_region_free(jx_page_region *r)
{
    free(r->pdf);
    r->pdf = NULL;
    r->pdf_len = 0;
}
const char *jx_store_path(jx_store *s) { return s->path; }
jx_status jx_store_db_error(jx_store *s, jx_error *err, const char *what) { return db_error(s, err, what); }

/* Begin a transaction (write: the write lock at once); JX_ESYS on failure. */
static jx_status begin(jx_store *s, int write, jx_error *err)
{
    if (jx_db_begin(s->db, write) == JX_DB_OK) return JX_OK;
    return jx_error_set(err, JX_ESYS, NULL, 0, "database %s: %s", s->path, jx_db_errmsg(s->db));
}

/* Commit; on failure it is rolled back and JX_ESYS says why. */
static jx_status commit(jx_store *s, jx_error *err)
{
    if (jx_db_commit(s->db) == JX_DB_OK) return JX_OK;
    return jx_error_set(err, JX_ESYS, NULL, 0, "database %s: %s", s->path, jx_db_errmsg(s->db));
}

/* Undo the open transaction, if any. Its own failure cannot be reported better than the first. */
static void rollback(jx_store *s)
{
    jx_db_rollback(s->db);
}

/* Open a transaction unless the caller holds one (see store.h). */
jx_status jx_store_tx(jx_store *s, int write, int *own, jx_error *err)
{
    *own = 0;
    if (s->tx) {
        if (write && s->tx != 2)
            return jx_error_set(err, JX_EUSAGE, NULL, 0, "database %s: a write inside a read transaction",
                                s->path);
        return JX_OK;
    }
    /* A read joins any transaction already open (a cursor's read snapshot). */
    if (!write && jx_db_in_transaction(s->db)) return JX_OK;
    jx_status rc = begin(s, write, err);
    if (rc == JX_OK) *own = 1;
    return rc;
}

/* End what jx_store_tx began: commit on success, else roll back; ok passes through. */
jx_status jx_store_tx_end(jx_store *s, int own, jx_status ok, jx_error *err)
{
    if (!own) return ok;
    if (ok != JX_OK) { rollback(s); return ok; }
    return commit(s, err);
}

/* Begin the caller's write transaction (IMMEDIATE); imports and reviews inside join it. */
jx_status jx_store_begin(jx_store *s, jx_error *err)
{
    if (s->tx) return jx_error_set(err, JX_EUSAGE, NULL, 0, "database %s: transaction already open", s->path);
    jx_status rc = begin(s, 1, err);
    if (rc == JX_OK) s->tx = 2;
    return rc;
}

/* Commit the caller's write transaction; on failure it is rolled back. */
jx_status jx_store_commit(jx_store *s, jx_error *err)
{
    s->tx = 0;
    return commit(s, err);
}

/* Roll back the caller's transaction (a no-op when none is open). */
void jx_store_rollback(jx_store *s)
{
    s->tx = 0;
    rollback(s);
}

/* Begin the caller's read transaction: one snapshot for the queries until jx_store_end_read. */
jx_status jx_store_begin_read(jx_store *s, jx_error *err)
{
    if (s->tx) return jx_error_set(err, JX_EUSAGE, NULL, 0, "database %s: transaction already open", s->path);
    jx_status rc = begin(s, 0, err);
    if (rc == JX_OK) s->tx = 1;
    return rc;
}

int jx_store_in_transaction(const jx_store *s) { return s->tx != 0; }

/* End the read transaction (nothing to commit). */
void jx_store_end_read(jx_store *s)
{
    s->tx = 0;
    if (jx_db_in_transaction(s->db)) jx_db_commit(s->db);
}

/* Read the schema version (the number of migrations applied) into *version. */
static jx_status schema_version(jx_store *s, int *version, jx_error *err)
{
    if (jx_db_schema_version(s->db, version) == JX_DB_OK) return JX_OK;
    return db_error(s, err, "reading the schema version");
}

/* Run one migration's SQL: the portable part, then this backend's tail if any. */
static jx_status run_migration(jx_store *s, const migration *m, jx_error *err)
{
    const char *tail = jx_db_kind_of(s->db) == JX_DB_POSTGRES ? m->pg : m->sqlite;
    if ((m->sql && jx_db_exec_schema(s->db, m->sql) != JX_DB_OK) ||
        (tail && jx_db_exec(s->db, tail) != JX_DB_OK))
        return db_error(s, err, "migrating the schema");
    return JX_OK;
}

/*
** Apply the migrations the database lacks, all in one write transaction.
** The version is read again once the write lock is held, so two processes
** opening a new database at once do not both run migration 1. A database
** newer than this program is refused rather than guessed at.
*/
static jx_status migrate(jx_store *s, jx_error *err)
{
    int version;
    jx_status rc = schema_version(s, &version, err);
    if (rc) return rc;
    if (version == NMIGRATIONS) return JX_OK;   /* the usual case: no write lock taken */
    if ((rc = begin(s, 1, err))) return rc;
    if ((rc = schema_version(s, &version, err))) goto fail;
    if (version > NMIGRATIONS) {
        rc = jx_error_set(err, JX_ESYS, NULL, 0,
                          "database %s has schema version %d, newer than this jixiao (%d)",
                          s->path, version, NMIGRATIONS);
        goto fail;
    }
    for (int v = version; v < NMIGRATIONS; v++) {
        if ((rc = run_migration(s, &migrations[v], err))) goto fail;
        for (size_t k = 0; k < sizeof migration_fills / sizeof *migration_fills; k++)
            if (migration_fills[k].version == v + 1 && (rc = migration_fills[k].fill(s, err))) goto fail;
        if (jx_db_set_schema_version(s->db, v + 1) != JX_DB_OK) {
            rc = db_error(s, err, "recording the schema version");
            goto fail;
        }
    }
    return commit(s, err);
fail:
    rollback(s);
    return rc;
}

/*
** Open the database (a file path: SQLite; a PostgreSQL connection string:
** PostgreSQL, see db.h) and migrate it. On success *out is a store the caller
** closes with jx_store_close; on failure *out is NULL and nothing stays open.
*/
jx_status jx_store_open(const char *path, jx_store **out, jx_error *err)
{
    *out = NULL;
    jx_db *db;
    jx_status rc = jx_db_open(path, &db, err);
    if (rc) return rc;
    jx_store *s = jx_xcalloc(1, sizeof *s);
    char shown[512];
    s->path = jx_strdup(jx_db_display(path, shown, sizeof shown));
    s->db = db;
    if ((rc = migrate(s, err))) {
        jx_store_close(s);
        return rc;
    }
    *out = s;
    return JX_OK;
}

void jx_store_tune_reader(jx_store *s)
{
    if (jx_db_kind_of(s->db) != JX_DB_SQLITE) return;
    char pragma[96];   /* formatted from the limits table's constants only */
    snprintf(pragma, sizeof pragma, "PRAGMA mmap_size = %lld", (long long)JX_STORE_READER_MMAP_BYTES);
    jx_db_exec(s->db, pragma);
    snprintf(pragma, sizeof pragma, "PRAGMA cache_size = -%d", JX_STORE_READER_CACHE_KIB);
    jx_db_exec(s->db, pragma);
}

int jx_store_is_server(const char *path) { return jx_db_target_is_postgres(path); }

const char *jx_store_display(const char *path, char *buf, size_t size)
{
    return jx_db_display(path, buf, size);
}

/* Close the connection and free the store. NULL is a no-op. */
void jx_store_close(jx_store *s)
{
    if (!s) return;
    if (s->tx) jx_store_rollback(s);
    jx_db_close(s->db);   /* every statement is finalized before its function returns */
    free(s->path);
    free(s->scope);
    free(s);
}

/*
** Binding helpers. Each records the first failing bind in *rc (sqlite keeps
** the previous row's value of a parameter whose bind failed, so a failed bind
** must fail the row rather than store stale data).
*/
static void bind_text(jx_stmt *st, int i, const char *v, int *rc)
{
    int r = v ? jx_stmt_bind_text(st, i, v) : jx_stmt_bind_null(st, i);
    if (r != JX_DB_OK && *rc == JX_DB_OK) *rc = r;
}

/*
** bind_text for the inserts of insert_forms: the statement borrows v, which
** outlives the step (the form's strings, a local buffer of the same block);
** step_insert_id clears the bindings after the step.
*/
static void bind_borrowed(jx_stmt *st, int i, const char *v, int *rc)
{
    int r = v ? jx_stmt_bind_text_borrowed(st, i, v) : jx_stmt_bind_null(st, i);
    if (r != JX_DB_OK && *rc == JX_DB_OK) *rc = r;
}

/* Bind an amount in fen, NULL for JX_NO_AMOUNT. */
static void bind_amount(jx_stmt *st, int i, long long v, int *rc)
{
    int r = v == JX_NO_AMOUNT ? jx_stmt_bind_null(st, i) : jx_stmt_bind_int64(st, i, v);
    if (r != JX_DB_OK && *rc == JX_DB_OK) *rc = r;
}

/* Bind an integer. */
static void bind_int(jx_stmt *st, int i, long long v, int *rc)
{
    int r = jx_stmt_bind_int64(st, i, v);
    if (r != JX_DB_OK && *rc == JX_DB_OK) *rc = r;
}

/* Bind a double, NULL when absent. */
static void bind_double(jx_stmt *st, int i, double v, int present, int *rc)
{
    int r = present ? jx_stmt_bind_double(st, i, v) : jx_stmt_bind_null(st, i);
    if (r != JX_DB_OK && *rc == JX_DB_OK) *rc = r;
}

/*
** Run one bound insert; with id, it ends RETURNING id and *id is that id.
** The statement is reset and its bindings cleared, ready for the next row.
*/
static jx_status step_insert_id(jx_store *s, jx_stmt *q, int bind_rc, const char *what,
                                long long *id, jx_error *err)
{
    jx_status rc = JX_OK;
    if (bind_rc != JX_DB_OK)
        rc = db_error(s, err, what);   /* the failed bind's message */
    else if (id ? jx_stmt_step_value(q, id) != JX_DB_DONE : jx_stmt_step(q) != JX_DB_DONE)
        rc = db_error(s, err, what);
    jx_stmt_clear(q);
    return rc;
}

/* Run one bound insert without rows. */
static jx_status step_insert(jx_store *s, jx_stmt *q, int bind_rc, const char *what, jx_error *err)
{
    return step_insert_id(s, q, bind_rc, what, NULL, err);
}

/* Bind indicator i of f as the row of parameters after base (13 of them). */
static void bind_indicator(jx_stmt *q, int base, const jx_form *f, size_t i, int *b)
{
    const jx_indicator *ind = &f->indicators[i];
    const jx_value *v = &ind->value;
    int quant = v->kind == JX_KIND_QUANTITATIVE;
    bind_int(q, base + 1, f->id, b);
    bind_int(q, base + 2, (long long)i, b);
    bind_int(q, base + 3, ind->line, b);
    bind_borrowed(q, base + 4, ind->level1, b);
    bind_borrowed(q, base + 5, ind->level2, b);
    bind_borrowed(q, base + 6, ind->name, b);
    bind_borrowed(q, base + 7, ind->category, b);
    bind_borrowed(q, base + 8, ind->target, b);
    bind_borrowed(q, base + 9, jx_op_name(v->op), b);        /* NULL for JX_OP_NONE */
    bind_double(q, base + 10, v->value, quant, b);        /* NULL when qualitative */
    bind_double(q, base + 11, v->value_max, quant, b);
    bind_borrowed(q, base + 12, v->unit[0] ? v->unit : NULL, b);
    bind_borrowed(q, base + 13, quant ? "quantitative" : "qualitative", b);
}

/* Bind labelled field i of f as the row of parameters after base (5 of them). */
static void bind_field(jx_stmt *q, int base, const jx_form *f, size_t i, int *b)
{
    bind_int(q, base + 1, f->id, b);
    bind_int(q, base + 2, (long long)i, b);
    bind_borrowed(q, base + 3, f->fields[i].label ? f->fields[i].label : "", b);
    bind_borrowed(q, base + 4, f->fields[i].value, b);
    bind_int(q, base + 5, f->fields[i].line, b);
}

/*
** Insert the forms of one file and set their ids; the caller holds the
** transaction and rolls it back on failure. Each statement is prepared once
** for the whole file (the hot path of a large import). Indicators and
** labelled fields, about 40 rows a form, go INSERT_ROWS rows to a statement
** (the rest one by one): a statement's start and end cost more than a row.
*/
#define INSERT_ROWS 8
#define ROWS_OF(r) r "," r "," r "," r "," r "," r "," r "," r   /* INSERT_ROWS times */
static jx_status insert_forms(jx_store *s, long long file_id, jx_form_list *forms,
                              const long long *keep, jx_error *err)
{
    /* A form that keeps its id names it; a new one leaves id out and the database assigns it. */
#define FORM_COLUMNS "file_id, line, year, name, unit, department, nature, category," \
        " framework, period_start, period_end, goal, total, year_amount, carryover, other," \
        " project_total, prev_budget, prev_exec, name_key)"
#define IND_INSERT "INSERT INTO indicators (form_id, seq, line, level1, level2, name, category," \
        " target, op, value, value_max, unit, kind) VALUES "
#define IND_ROW "(?,?,?,?,?,?,?,?,?,?,?,?,?)"
#define FIELD_INSERT "INSERT INTO form_fields (form_id, seq, label, value, line) VALUES "
#define FIELD_ROW "(?,?,?,?,?)"
    static const char form_sql[] =
        "INSERT INTO forms (" FORM_COLUMNS " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id";
    static const char kept_sql[] =
        "INSERT INTO forms (id, " FORM_COLUMNS " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id";
    static const char comp_sql[] =
        "INSERT INTO components (form_id, seq, name, amount) VALUES (?,?,?,?)";
    static const char ind_sql[] = IND_INSERT IND_ROW;
    static const char field_sql[] = FIELD_INSERT FIELD_ROW;
    static const char value_sql[] =
        "INSERT INTO form_values (form_id, field, text, amount) VALUES (?,?,?,?)";
    static const char inds_sql[] = IND_INSERT ROWS_OF(IND_ROW);
    static const char fields_sql[] = FIELD_INSERT ROWS_OF(FIELD_ROW);
    enum { FORM, COMP, IND, FIELD, VALUE, KEPT, INDS, FIELDS, NSQL };
    static const char *const sql[NSQL] = {form_sql, comp_sql, ind_sql, field_sql, value_sql,
                                          kept_sql, inds_sql, fields_sql};
    jx_stmt *st[NSQL] = {NULL};
    jx_status rc = JX_OK;
    for (int i = 0; i < NSQL; i++)
        if (jx_db_prepare_to(s->db, sql[i], 0, &st[i]) != JX_DB_OK) {
            rc = db_error(s, err, "preparing an insert");
            goto done;
        }
    for (size_t k = 0; k < forms->count; k++) {
        jx_form *f = forms->items[k];
        int o = keep && keep[k] ? 1 : 0;   /* parameter n of kept_sql is n - 1 + o of form_sql */
        jx_stmt *q = st[o ? KEPT : FORM];
        int b = JX_DB_OK;
        if (o) bind_int(q, 1, keep[k], &b);
        bind_int(q, 1 + o, file_id, &b);
        bind_int(q, 2 + o, f->line, &b);
        if (f->year) bind_int(q, 3 + o, f->year, &b);   /* 0 = unknown: left NULL */
        bind_borrowed(q, 4 + o, f->name, &b);
        bind_borrowed(q, 5 + o, f->unit, &b);
        bind_borrowed(q, 6 + o, f->department, &b);
        bind_borrowed(q, 7 + o, f->nature, &b);
        bind_borrowed(q, 8 + o, f->category, &b);
        bind_borrowed(q, 9 + o, f->framework, &b);
        bind_borrowed(q, 10 + o, f->period_start, &b);
        bind_borrowed(q, 11 + o, f->period_end, &b);
        bind_borrowed(q, 12 + o, f->goal, &b);
        const jx_budget *bu = &f->budget;
        const long long amounts[7] = {bu->total, bu->year, bu->carryover, bu->other,
                                      bu->project_total, bu->prev_budget, bu->prev_exec};
        for (int a = 0; a < 7; a++) bind_amount(q, 13 + o + a, amounts[a], &b);
        char *key = jx_text_name_key(f->name);
        bind_borrowed(q, 20 + o, key, &b);
        rc = step_insert_id(s, q, b, "inserting a form", &f->id, err);
        free(key);   /* after the step: a binding may borrow the text */
        if (rc) goto done;

        for (size_t c = 0; c < f->ncomponents; c++) {
            q = st[COMP];
            b = JX_DB_OK;
            bind_int(q, 1, f->id, &b);
            bind_int(q, 2, (long long)c, &b);
            bind_borrowed(q, 3, f->components[c].name, &b);
            bind_amount(q, 4, f->components[c].amount, &b);
            if ((rc = step_insert(s, q, b, "inserting a component", err))) goto done;
        }
        for (size_t i = 0; i < f->nindicators;) {
            int rows = f->nindicators - i >= INSERT_ROWS ? INSERT_ROWS : 1;
            q = st[rows > 1 ? INDS : IND];
            b = JX_DB_OK;
            for (int r = 0; r < rows; r++, i++) bind_indicator(q, 13 * r, f, i, &b);
            if ((rc = step_insert(s, q, b, "inserting an indicator", err))) goto done;
        }
        for (size_t i = 0; i < f->nfields;) {
            int rows = f->nfields - i >= INSERT_ROWS ? INSERT_ROWS : 1;
            q = st[rows > 1 ? FIELDS : FIELD];
            b = JX_DB_OK;
            for (int r = 0; r < rows; r++, i++) bind_field(q, 5 * r, f, i, &b);
            if ((rc = step_insert(s, q, b, "inserting a labelled field", err))) goto done;
        }
        /* the typed fields without a column: one row each that the form has */
        for (int i = 0; i < JX_NFIELDS; i++) {
            const jx_field_def *d = &jx_fields[i];
            if (!d->json || (d->flags & JX_FF_COLUMN) || !jx_field_is_value(d)) continue;
            char buf[64];
            long long fen = jx_field_money(f, d);
            const char *text = d->type == JX_FT_MONEY ? NULL : jx_field_format(f, d, buf, sizeof buf);
            if (!text && fen == JX_NO_AMOUNT) continue;
            q = st[VALUE];
            b = JX_DB_OK;
            bind_int(q, 1, f->id, &b);
            bind_borrowed(q, 2, d->json, &b);
            bind_borrowed(q, 3, text, &b);
            bind_amount(q, 4, fen, &b);
            if ((rc = step_insert(s, q, b, "inserting a field", err))) goto done;
        }
    }
done:
    for (int i = 0; i < NSQL; i++) jx_stmt_finalize(st[i]);
    return rc;
}

/* Run a one-shot bound statement over text parameters (NULL-terminated); id as step_insert_id. */
static jx_status run_bound(jx_store *s, const char *sql, const char *const *params,
                           const char *what, long long *id, jx_error *err)
{
    jx_stmt *st;
    if (jx_db_prepare_to(s->db, sql, 0, &st) != JX_DB_OK) return db_error(s, err, what);
    int b = JX_DB_OK;
    for (int i = 0; params[i]; i++) bind_text(st, i + 1, params[i], &b);
    jx_status rc = step_insert_id(s, st, b, what, id, err);
    jx_stmt_finalize(st);
    return rc;
}

/* 1 when two texts are equal, NULL equal to NULL. */
static int same_text(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* A form of the earlier import of a file: the id it may hand on, and its identity. */
typedef struct kept_form {
    long long id;
    char *unit, *name;
    int year;
    int given;            /* already handed to a form of the new import */
} kept_form;

/* A text order in which NULL comes first. */
static int cmp_text(const char *a, const char *b)
{
    if (!a || !b) return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

/* Identity order (unit, year, name), then id. */
static int cmp_kept(const void *pa, const void *pb)
{
    const kept_form *a = pa, *b = pb;
    int c = cmp_text(a->unit, b->unit);
    if (!c) c = (a->year > b->year) - (a->year < b->year);
    if (!c) c = cmp_text(a->name, b->name);
    if (!c) c = (a->id > b->id) - (a->id < b->id);
    return c;
}

/*
** A streaming import of one file (jx_store_import_begin/_forms/_end): the
** transaction, the new files row and the ids an earlier import of the same
** bytes hands on. The kept forms are sorted by identity, so that each new
** form finds its earlier namesake by binary search: the first not yet given
** in id order -- the pairing the old all-at-once matching made, for any
** number of forms delivered in any number of batches.
*/
struct jx_store_importer {
    jx_store *s;
    int own;                  /* the importer began the transaction */
    long long file_id;
    char *file, *sha256;
    kept_form *kept;
    size_t nkept;
    long long next_id;        /* SQLite: the id of the next new form (see new_ids); 0: the database's */
};

/* Free an importer's memory (its transaction is ended by the caller). */
static void importer_free(jx_store_importer *im)
{
    if (!im) return;
    for (size_t i = 0; i < im->nkept; i++) {
        free(im->kept[i].unit);
        free(im->kept[i].name);
    }
    free(im->kept);
    free(im->file);
    free(im->sha256);
    free(im);
}

/*
** The forms of the earlier import of the file with this hash, for kept ids:
** read before that import is deleted. JX_ESYS on a database error.
*/
static jx_status read_kept(jx_store_importer *im, jx_error *err)
{
    jx_stmt *st;
    if (jx_db_prepare_to(im->s->db,
                         "SELECT f.id, f.unit, f.year, f.name FROM forms f JOIN files ON files.id = f.file_id"
                         " WHERE files.sha256 = ? ORDER BY f.id", 0, &st) != JX_DB_OK)
        return db_error(im->s, err, "reading an earlier import");
    jx_stmt_bind_text(st, 1, im->sha256);
    size_t cap = 0;
    int r;
    while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
        if (im->nkept == cap) {
            cap = cap ? cap * 2 : 64;
            im->kept = jx_xrealloc(im->kept, cap * sizeof *im->kept);
        }
        kept_form *k = &im->kept[im->nkept++];
        k->id = jx_stmt_int64(st, 0);
        const char *unit = jx_stmt_text(st, 1), *name = jx_stmt_text(st, 3);
        k->unit = unit ? jx_strdup(unit) : NULL;
        k->year = jx_stmt_is_null(st, 2) ? 0 : jx_stmt_int(st, 2);
        k->name = name ? jx_strdup(name) : NULL;
        k->given = 0;
    }
    jx_stmt_finalize(st);
    if (r != JX_DB_DONE) return db_error(im->s, err, "reading an earlier import");
    if (im->nkept) qsort(im->kept, im->nkept, sizeof *im->kept, cmp_kept);
    return JX_OK;
}

/* The kept id for f: its earlier namesake's not yet given, else 0. */
static long long kept_id(jx_store_importer *im, const jx_form *f)
{
    size_t lo = 0, hi = im->nkept;
    kept_form key = {.id = 0, .unit = f->unit, .name = f->name, .year = f->year};
    while (lo < hi) {   /* the first entry not before (unit, year, name, id 0) */
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_kept(&im->kept[mid], &key) < 0) lo = mid + 1;
        else hi = mid;
    }
    for (size_t i = lo; i < im->nkept; i++) {
        kept_form *k = &im->kept[i];
        if (k->year != f->year || !same_text(k->unit, f->unit) || !same_text(k->name, f->name)) break;
        if (!k->given) { k->given = 1; return k->id; }
    }
    return 0;
}

/*
** Where the new forms' ids start. SQLite gives a row without an id max(id) + 1
** (forms.id has no AUTOINCREMENT): once the earlier import is deleted that can
** be an id a kept form is yet to take back (a new form stored before it), and
** the kept insert failed with UNIQUE. So on SQLite the importer numbers new
** forms itself, above every id now in forms and every id the earlier import
** held (a deleted form's id is not handed to another form of the file either);
** the write lock is held, so nobody else inserts meanwhile. PostgreSQL's
** identity never reissues a value, and every kept id was issued by it: its
** new ids are above them already.
*/
static jx_status new_ids(jx_store_importer *im, jx_error *err)
{
    if (jx_db_kind_of(im->s->db) != JX_DB_SQLITE) return JX_OK;
    jx_stmt *st;
    long long top = 0;
    if (jx_db_prepare_to(im->s->db, "SELECT coalesce(max(id), 0) FROM forms", 0, &st) != JX_DB_OK ||
        jx_stmt_step_value(st, &top) != JX_DB_DONE) {
        jx_stmt_finalize(st);
        return db_error(im->s, err, "numbering the new forms");
    }
    jx_stmt_finalize(st);
    for (size_t i = 0; i < im->nkept; i++)
        if (im->kept[i].id > top) top = im->kept[i].id;
    im->next_id = top + 1;
    return JX_OK;
}

jx_status jx_store_import_begin(jx_store *s, const char *file, const char *sha256_hex,
                                jx_store_importer **out, jx_error *err)
{
    *out = NULL;
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (!file || !sha256_hex)
        return jx_error_set(err, JX_EUSAGE, NULL, 0, "database %s: import needs a file name and a hash",
                            s->path);
    jx_store_importer *im = jx_xcalloc(1, sizeof *im);
    im->s = s;
    im->file = jx_strdup(file);
    im->sha256 = jx_strdup(sha256_hex);
    jx_status rc = jx_store_tx(s, 1, &im->own, err);
    if (rc) { importer_free(im); return rc; }
    const char *const del[] = {sha256_hex, NULL};
    const char *const ins[] = {file, sha256_hex, stamp, NULL};
    if ((rc = read_kept(im, err)) ||
        (rc = run_bound(s, "DELETE FROM files WHERE sha256 = ?", del,
                        "replacing an earlier import", NULL, err)) ||
        (rc = run_bound(s, "INSERT INTO files (name, sha256, imported_at) VALUES (?,?,?) RETURNING id", ins,
                        "recording the file", &im->file_id, err))) {
        jx_store_tx_end(s, im->own, rc, err);
        importer_free(im);
        return rc;
    }
    if ((rc = new_ids(im, err))) {
        jx_store_tx_end(s, im->own, rc, err);
        importer_free(im);
        return rc;
    }
    *out = im;
    return JX_OK;
}

/* Insert forms with their kept ids; on failure their ids are 0 again. */
static jx_status importer_insert(jx_store_importer *im, jx_form_list *forms, jx_error *err)
{
    if (!forms->count) return JX_OK;
    long long *keep = jx_xcalloc(forms->count, sizeof *keep);
    for (size_t k = 0; k < forms->count; k++) {
        keep[k] = kept_id(im, forms->items[k]);
        if (!keep[k] && im->next_id) keep[k] = im->next_id++;   /* new_ids */
    }
    jx_status rc = insert_forms(im->s, im->file_id, forms, keep, err);
    if (rc == JX_OK) rc = jx_pages_save(im->s->db, forms, err);
    free(keep);
    if (rc)
        for (size_t k = 0; k < forms->count; k++) forms->items[k]->id = 0;
    return rc;
}

jx_status jx_store_import_forms(jx_store_importer *im, jx_form_list *batch, jx_error *err)
{
    jx_status rc = importer_insert(im, batch, err);
    if (rc) jx_store_import_abort(im);
    return rc;
}

void jx_store_import_abort(jx_store_importer *im)
{
    if (!im) return;
    jx_error ignored;
    jx_error_clear(&ignored);
    /* Inside the caller's transaction the caller rolls back (jx_store_rollback). */
    jx_store_tx_end(im->s, im->own, JX_ESYS, &ignored);
    importer_free(im);
}

jx_status jx_store_import_end(jx_store_importer *im, jx_form_list *rest, jx_error *err)
{
    jx_store *s = im->s;
    jx_status rc;
    if ((rc = importer_insert(im, rest, err)) ||
        (rc = jx_disclosure_save(s->db, im->sha256, im->file, rest, err)) ||
        (rc = jx_notes_save(s->db, im->sha256, im->file, rest, err)) ||
        (rc = jx_evaluations_save(s->db, im->sha256, im->file, rest, err)) ||
        (rc = jx_source_save(s->db, im->file_id, rest, err)) ||
        (rc = jx_store_count_change(s, 1, err)) ||
        (rc = jx_store_tx_end(s, im->own, JX_OK, err))) {
        jx_store_tx_end(s, im->own, rc, err);
        for (size_t k = 0; k < rest->count; k++) rest->items[k]->id = 0;
        importer_free(im);
        return rc;
    }
    importer_free(im);
    return JX_OK;
}

/*
** Replace the import of one file: delete the files row with this hash (the
** cascade takes its forms, components and indicators), insert the new one and
** its forms, commit. A form that comes back (same unit, year and name as
** one of the replaced file's) keeps that form's id (kept_id); the others
** get new ids. On any failure everything is rolled back, the forms' ids
** are reset to 0 and JX_ESYS carries sqlite's message (JX_EUSAGE, with
** nothing touched, when file or sha256_hex is NULL). The forms stay the
** caller's; only their id fields are written.
*/
jx_status jx_store_import(jx_store *s, const char *file, const char *sha256_hex,
                          jx_form_list *forms, jx_error *err)
{
    jx_store_importer *im;
    jx_status rc = jx_store_import_begin(s, file, sha256_hex, &im, err);
    if (rc) {
        for (size_t k = 0; k < forms->count; k++) forms->items[k]->id = 0;
        return rc;
    }
    return jx_store_import_end(im, forms, err);
}

/* One integer of a one-row query with one bound integer; *found 0 when no row. */
static jx_status query_int(jx_store *s, const char *sql, long long arg, long long *out, int *found,
                           jx_error *err)
{
    jx_stmt *st;
    *found = 0;
    if (jx_db_prepare_to(s->db, sql, 0, &st) != JX_DB_OK) return db_error(s, err, "reading a form");
    jx_stmt_bind_int64(st, 1, arg);
    int r = jx_stmt_step(st);
    if (r == JX_DB_ROW) { *out = jx_stmt_int64(st, 0); *found = 1; r = jx_stmt_step(st); }
    jx_stmt_finalize(st);
    return r == JX_DB_DONE ? JX_OK : db_error(s, err, "reading a form");
}

/* Run a statement with integer parameters (n of them); JX_ESYS on failure. */
static jx_status run_ints(jx_store *s, const char *sql, const long long *v, int n, const char *what,
                          jx_error *err)
{
    jx_stmt *st;
    if (jx_db_prepare_to(s->db, sql, 0, &st) != JX_DB_OK) return db_error(s, err, what);
    for (int i = 0; i < n; i++) jx_stmt_bind_int64(st, i + 1, v[i]);
    int r = jx_stmt_step(st);
    jx_stmt_finalize(st);
    return r == JX_DB_DONE ? JX_OK : db_error(s, err, what);
}

/*
** Replace one stored form's content (an edit): the forms row and its
** children are deleted and inserted again under the same id and file, so
** every insert is insert_forms'. The narratives linked to the form (their
** link is ON DELETE SET NULL) are linked again afterwards.
*/
jx_status jx_store_replace_form(jx_store *s, jx_form *f, jx_error *err)
{
    int own, found;
    long long file_id = 0, id = f->id;
    jx_status rc = jx_store_tx(s, 1, &own, err);
    if (rc) return rc;
    long long *narr = NULL;   /* (file_id, seq) pairs of the linked narratives */
    size_t nnarr = 0, cap = 0;
    jx_stmt *st = NULL;
    if ((rc = query_int(s, "SELECT file_id FROM forms WHERE id = ?", id, &file_id, &found, err))) goto done;
    if (!found) {
        rc = jx_error_set(err, JX_EUSAGE, NULL, 0, "database %s: no form with id %lld", s->path, id);
        goto done;
    }
    if (jx_db_prepare_to(s->db, "SELECT file_id, seq FROM narratives WHERE form_id = ? ORDER BY file_id, seq",
                         0, &st) != JX_DB_OK) {
        rc = db_error(s, err, "reading a form's narratives");
        goto done;
    }
    jx_stmt_bind_int64(st, 1, id);
    int r;
    while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
        if (nnarr + 2 > cap) { cap = cap ? cap * 2 : 8; narr = jx_xrealloc(narr, cap * sizeof *narr); }
        narr[nnarr++] = jx_stmt_int64(st, 0);
        narr[nnarr++] = jx_stmt_int64(st, 1);
    }
    jx_stmt_finalize(st);
    if (r != JX_DB_DONE) { rc = db_error(s, err, "reading a form's narratives"); goto done; }
    jx_form *one[1] = {f};
    jx_form_list list = {0};
    list.items = one;
    list.count = list.cap = 1;
    long long keep[1] = {id};
    if ((rc = run_ints(s, "DELETE FROM forms WHERE id = ?", &id, 1, "replacing a form", err)) ||
        (rc = insert_forms(s, file_id, &list, keep, err)) ||
        (rc = jx_pages_save(s->db, &list, err)))
        goto done;
    for (size_t i = 0; i < nnarr && rc == JX_OK; i += 2) {
        long long v[3] = {id, narr[i], narr[i + 1]};
        rc = run_ints(s, "UPDATE narratives SET form_id = ? WHERE file_id = ? AND seq = ?", v, 3,
                      "linking a form's narratives", err);
    }
    if (rc == JX_OK) rc = jx_store_count_change(s, 1, err);
done:
    free(narr);
    f->id = id;
    return jx_store_tx_end(s, own, rc, err);
}

/* Column text as a new malloc'd string (the form owns it); NULL for SQL NULL. */
static char *col_text(jx_stmt *st, int i)
{
    const char *t = jx_stmt_text(st, i);
    return t ? jx_strdup((const char *)t) : NULL;
}

/* Column amount in fen; JX_NO_AMOUNT for SQL NULL. */
static long long col_amount(jx_stmt *st, int i)
{
    return jx_stmt_is_null(st, i) ? JX_NO_AMOUNT : jx_stmt_int64(st, i);
}

/*
** The WHERE clause shared by the three load queries (forms aliased f). unit
** is matched with instr(), so % and _ in it are plain characters.
*/
#define FILTER_SQL \
    " (?1 = 0 OR f.year = ?1) AND (CAST(?2 AS TEXT) IS NULL OR instr(f.unit, ?2) > 0) AND (?3 = 0 OR f.id = ?3)" \
    " AND (CAST(?4 AS TEXT) IS NULL OR f.unit = ?4)"

/* Bind the filter parameters ?1..?3 and the scope ?4; a NULL filter, 0 or "" does not filter. */
static void bind_filter(jx_stmt *st, const jx_filter *flt, const char *scope)
{
    if (scope) jx_stmt_bind_text(st, 4, scope);
    else jx_stmt_bind_null(st, 4);
    const char *unit = flt && flt->unit && flt->unit[0] ? flt->unit : NULL;
    jx_stmt_bind_int64(st, 1, flt ? flt->year : 0);
    if (unit) jx_stmt_bind_text(st, 2, unit);
    else jx_stmt_bind_null(st, 2);
    jx_stmt_bind_int64(st, 3, flt ? flt->id : 0);
}

/*
** The form with store id `id` among forms->items[*hint..]. Rows arrive
** ordered by form id and the loaded forms are ordered by id too, so *hint
** only moves forward: the merge of a query with the forms is linear.
*/
static jx_form *merge_form(const jx_form_list *forms, long long id, size_t *hint)
{
    size_t i = *hint;
    while (i < forms->count && forms->items[i]->id < id) i++;
    *hint = i;
    return i < forms->count && forms->items[i]->id == id ? forms->items[i] : NULL;
}

/*
** The queries of a load, ordered by form id (then seq): forms, components,
** indicators, labelled fields, typed fields without a column; [1] the same
** for one form, led by an indexed equality on the form id (SQLite uses no
** index under "?3 = 0 OR f.id = ?3": every form page scanned every row).
*/
#define FORMS_HEAD                                                                              \
    "SELECT f.id, files.name, f.line, f.year, f.name, f.unit, f.department, f.nature,"         \
    " f.category, f.framework, f.period_start, f.period_end, f.goal, f.total, f.year_amount,"  \
    " f.carryover, f.other, f.project_total, f.prev_budget, f.prev_exec, f.file_id, f.page,"   \
    " w.status FROM forms f JOIN files ON files.id = f.file_id"                                  \
    " LEFT JOIN form_status w ON w.form_key = " JX_FORM_KEY_SQL("f") " WHERE"
#define COMPONENTS_HEAD \
    "SELECT c.form_id, c.name, c.amount FROM components c JOIN forms f ON f.id = c.form_id WHERE"
#define INDICATORS_HEAD                                                                          \
    "SELECT i.form_id, i.line, i.level1, i.level2, i.name, i.category, i.target, i.op,"         \
    " i.value, i.value_max, i.unit, i.kind FROM indicators i JOIN forms f ON f.id = i.form_id WHERE"
#define FIELDS_HEAD \
    "SELECT x.form_id, x.label, x.value, x.line FROM form_fields x JOIN forms f ON f.id = x.form_id WHERE"
#define VALUES_HEAD \
    "SELECT x.form_id, x.field, x.text, x.amount FROM form_values x JOIN forms f ON f.id = x.form_id WHERE"
static const char *const load_sql[2][5] = {
    {FORMS_HEAD FILTER_SQL " ORDER BY f.id",
     COMPONENTS_HEAD FILTER_SQL " ORDER BY c.form_id, c.seq",
     INDICATORS_HEAD FILTER_SQL " ORDER BY i.form_id, i.seq",
     FIELDS_HEAD FILTER_SQL " ORDER BY x.form_id, x.seq",
     VALUES_HEAD FILTER_SQL " ORDER BY x.form_id, x.field"},
    /* One form: the filter is the form row's alone (load_forms); its rows need no join with it. */
    {FORMS_HEAD " f.id = ?3 AND" FILTER_SQL,
     "SELECT c.form_id, c.name, c.amount FROM components c WHERE c.form_id = ?3 ORDER BY c.seq",
     "SELECT i.form_id, i.line, i.level1, i.level2, i.name, i.category, i.target, i.op,"
     " i.value, i.value_max, i.unit, i.kind FROM indicators i WHERE i.form_id = ?3 ORDER BY i.seq",
     "SELECT x.form_id, x.label, x.value, x.line FROM form_fields x WHERE x.form_id = ?3 ORDER BY x.seq",
     "SELECT x.form_id, x.field, x.text, x.amount FROM form_values x WHERE x.form_id = ?3 ORDER BY x.field"},
};
/* The statement k (0 forms, 1 components, 2 indicators, 3 fields, 4 values) for a filter. */
#define LOAD_SQL(flt, k) load_sql[(flt) && (flt)->id ? 1 : 0][k]

/* The form of the current row of forms_sql (without components and indicators). */
static jx_form *form_from_row(jx_stmt *st)
{
    jx_form *f = jx_form_new(jx_stmt_text(st, 1), (long)jx_stmt_int64(st, 2));
    f->id = jx_stmt_int64(st, 0);
    f->year = jx_stmt_int(st, 3);   /* NULL -> 0, unknown */
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
    f->page = jx_stmt_int(st, 21);   /* 0 unless from a PDF: jx_pages_load adds its indicators' pages */
    const char *status = jx_stmt_text(st, 22);   /* no form_status row: a draft (workflow_store.c) */
    if (status) {
        int v = jx_wf_status_from_name(status);
        f->status = v < 0 ? JX_WF_DRAFT : v;
    }
    return f;
}

/* Add the component of the current row of components_sql to f. */
static void component_from_row(jx_stmt *st, jx_form *f)
{
    jx_component *c = jx_form_add_component(f);
    c->name = col_text(st, 1);
    c->amount = col_amount(st, 2);
}

/* Add the indicator of the current row of indicators_sql to f. */
static void indicator_from_row(jx_stmt *st, jx_form *f)
{
    jx_indicator *ind = jx_form_add_indicator(f);
    ind->line = (long)jx_stmt_int64(st, 1);
    ind->level1 = col_text(st, 2);
    ind->level2 = col_text(st, 3);
    ind->name = col_text(st, 4);
    ind->category = col_text(st, 5);
    ind->target = col_text(st, 6);
    ind->value.op = jx_op_from_name(jx_stmt_text(st, 7));  /* NULL -> NONE */
    ind->value.value = jx_stmt_double(st, 8);       /* NULL -> 0, as jx_value_parse leaves it */
    ind->value.value_max = jx_stmt_double(st, 9);
    const char *unit = jx_stmt_text(st, 10);
    snprintf(ind->value.unit, sizeof ind->value.unit, "%s", unit ? (const char *)unit : "");
    const char *kind = jx_stmt_text(st, 11);
    ind->value.kind = kind && !strcmp((const char *)kind, "quantitative") ? JX_KIND_QUANTITATIVE
                                                                          : JX_KIND_QUALITATIVE;
}

/* Read the matching forms (without components and indicators) and append them. */
static jx_status load_forms(jx_store *s, const jx_filter *flt, jx_form_list *forms, jx_error *err)
{
    jx_stmt *st;
    if (jx_db_prepare_to(s->db, LOAD_SQL(flt, 0), JX_DB_STREAM, &st) != JX_DB_OK) return db_error(s, err, "loading forms");
    bind_filter(st, flt, s->scope);
    int r;
    while ((r = jx_stmt_step(st)) == JX_DB_ROW) jx_form_list_push(forms, form_from_row(st));
    jx_status rc = r == JX_DB_DONE ? JX_OK : db_error(s, err, "loading forms");
    jx_stmt_finalize(st);
    return rc;
}

/* Read the components of the matching forms and merge them into forms[first..]. */
static jx_status load_components(jx_store *s, const jx_filter *flt, jx_form_list *forms,
                                 size_t first, jx_error *err)
{
    jx_stmt *st;
    if (jx_db_prepare_to(s->db, LOAD_SQL(flt, 1), JX_DB_STREAM, &st) != JX_DB_OK)
        return db_error(s, err, "loading components");
    bind_filter(st, flt, s->scope);
    size_t hint = first;
    int r;
    while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
        jx_form *f = merge_form(forms, jx_stmt_int64(st, 0), &hint);
        if (f) component_from_row(st, f);   /* always found within one snapshot: same filter */
    }
    jx_status rc = r == JX_DB_DONE ? JX_OK : db_error(s, err, "loading components");
    jx_stmt_finalize(st);
    return rc;
}

/* Read the indicators of the matching forms and merge them into forms[first..]. */
static jx_status load_indicators(jx_store *s, const jx_filter *flt, jx_form_list *forms,
                                 size_t first, jx_error *err)
{
    jx_stmt *st;
    if (jx_db_prepare_to(s->db, LOAD_SQL(flt, 2), JX_DB_STREAM, &st) != JX_DB_OK)
        return db_error(s, err, "loading indicators");
    bind_filter(st, flt, s->scope);
    size_t hint = first;
    int r;
    while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
        jx_form *f = merge_form(forms, jx_stmt_int64(st, 0), &hint);
        if (f) indicator_from_row(st, f);
    }
    jx_status rc = r == JX_DB_DONE ? JX_OK : db_error(s, err, "loading indicators");
    jx_stmt_finalize(st);
    return rc;
}

/* Years stored as "2024-2026" or "2024" back into the model. */
static void parse_years(const char *t, jx_years *y)
{
    char *end;
    y->start = (int)strtol(t, &end, 10);
    y->end = *end == '-' ? (int)strtol(end + 1, NULL, 10) : y->start;
}

/* Add the labelled field of the current row of fields_sql to f. */
static void field_from_row(jx_stmt *st, jx_form *f)
{
    jx_form_add_field(f, jx_stmt_text(st, 1),
                      jx_stmt_text(st, 2), (long)jx_stmt_int64(st, 3));
}

/* Set the typed field of the current row of values_sql in f, by its row of the field table. */
static void value_from_row(jx_stmt *st, jx_form *f)
{
    const jx_field_def *d = jx_field_by_json(jx_stmt_text(st, 1));
    if (!d) return;   /* a field this version does not know is left alone */
    const char *text = jx_stmt_text(st, 2);
    char **slot = (char **)jx_field_text_slot(f, d);
    if (d->type == JX_FT_MONEY)
        *(long long *)((char *)f + d->offset) = col_amount(st, 3);
    else if (d->type == JX_FT_YEARS && text)
        parse_years(text, (jx_years *)((char *)f + d->offset));
    else if (slot && text && !*slot)
        *slot = jx_strdup(text);
}

/* Read rows of one of the merged queries (fields_sql, values_sql) into forms[first..]. */
static jx_status load_merged(jx_store *s, const char *sql, void (*from_row)(jx_stmt *, jx_form *),
                             const jx_filter *flt, jx_form_list *forms, size_t first, jx_error *err)
{
    jx_stmt *st;
    if (jx_db_prepare_to(s->db, sql, JX_DB_STREAM, &st) != JX_DB_OK) return db_error(s, err, "loading fields");
    bind_filter(st, flt, s->scope);
    size_t hint = first;
    int r;
    while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
        jx_form *f = merge_form(forms, jx_stmt_int64(st, 0), &hint);
        if (f) from_row(st, f);
    }
    jx_stmt_finalize(st);
    return r == JX_DB_DONE ? JX_OK : db_error(s, err, "loading fields");
}

/* Read the labelled fields and the typed field values of the matching forms into forms[first..]. */
static jx_status load_fields(jx_store *s, const jx_filter *flt, jx_form_list *forms,
                             size_t first, jx_error *err)
{
    jx_status rc = load_merged(s, LOAD_SQL(flt, 3), field_from_row, flt, forms, first, err);
    return rc ? rc : load_merged(s, LOAD_SQL(flt, 4), value_from_row, flt, forms, first, err);
}

/* 1 when a filter selects everything: documents without forms are loaded too. */
static int unfiltered(const jx_store *s, const jx_filter *flt)
{
    if (s->scope) return 0;   /* a unit's view: documents without forms belong to no unit */
    return !flt || (!flt->year && !(flt->unit && flt->unit[0]) && !flt->id);
}

/*
** Load the matching forms with three queries (forms, then all their
** components, then all their indicators, each ordered by form id and merged
** in one pass) inside one read transaction, so they see one snapshot. The
** new forms are appended to *forms, which owns them; on failure none is left
** appended.
*/
jx_status jx_store_load(jx_store *s, const jx_filter *flt, jx_form_list *forms, jx_error *err)
{
    size_t first = forms->count;
    int own;
    jx_status rc = jx_store_tx(s, 0, &own, err);
    if (rc) return rc;
    if ((rc = load_forms(s, flt, forms, err)) == JX_OK && flt && flt->id && forms->count == first)
        return jx_store_tx_end(s, own, JX_OK, err);   /* no such form (in scope): nothing more to read */
    if (rc ||
        (rc = load_components(s, flt, forms, first, err)) ||
        (rc = load_indicators(s, flt, forms, first, err)) ||
        (rc = load_fields(s, flt, forms, first, err)) ||
        (rc = jx_pages_load(s->db, forms, first, err)) ||
        (rc = jx_disclosure_load(s->db, forms, first, unfiltered(s, flt), err)) ||
        (rc = jx_notes_load(s->db, forms, first, unfiltered(s, flt), err)) ||
        (unfiltered(s, flt) && (rc = jx_evaluations_load(s->db, NULL, forms, err))) ||
        (rc = jx_store_tx_end(s, own, JX_OK, err))) {
        jx_store_tx_end(s, own, rc, err);
        while (forms->count > first) jx_form_free(forms->items[--forms->count]);
        return rc;
    }
    return JX_OK;
}

/*
** The cursor: the load queries stepped side by side. Each statement
** is left on its next unread row (state ROW) or finished (DONE), so a batch
** takes the pending form rows up to its limit or the end of their file, then
** the component, indicator and field rows whose form id is within the batch.
** Invariant: the rows of each query are ordered by form id, so nothing read
** past a batch belongs to an earlier one.
*/
#define CURSOR_QUERIES 5   /* forms, components, indicators, fields, values */
struct jx_store_cursor {
    jx_store *store;
    jx_stmt *st[CURSOR_QUERIES];  /* forms, components, indicators, fields, values */
    int state[CURSOR_QUERIES];         /* JX_DB_ROW: a row is pending; JX_DB_DONE: finished */
    size_t max;
    long long last_file;     /* file id of the previous batch, 0 before the first */
    int own;                 /* the cursor began the read transaction */
    int copies;              /* jx_store_cursor_open_copies: forms and indicators' rows only */
};

/* Step query k of the cursor; JX_ESYS on a database error. */
static jx_status cursor_step(jx_store_cursor *c, int k, jx_error *err)
{
    c->state[k] = jx_stmt_step(c->st[k]);
    if (c->state[k] == JX_DB_ROW || c->state[k] == JX_DB_DONE) return JX_OK;
    return db_error(c->store, err, "reading forms");
}

/* Open a cursor over the forms matching filter, batches of at most max forms. */
jx_status jx_store_cursor_open(jx_store *s, const jx_filter *flt, size_t max,
                               jx_store_cursor **out, jx_error *err)
{
    *out = NULL;
    jx_store_cursor *c = jx_xcalloc(1, sizeof *c);
    c->store = s;
    c->max = max ? max : 1;
    jx_status rc = jx_store_tx(s, 0, &c->own, err);
    if (rc) { free(c); return rc; }
    const char *const sql[CURSOR_QUERIES] = {LOAD_SQL(flt, 0), LOAD_SQL(flt, 1), LOAD_SQL(flt, 2),
                                             LOAD_SQL(flt, 3), LOAD_SQL(flt, 4)};
    for (int k = 0; k < CURSOR_QUERIES && rc == JX_OK; k++) {
        if (jx_db_prepare_to(s->db, sql[k], JX_DB_STREAM, &c->st[k]) != JX_DB_OK) {
            rc = db_error(s, err, "reading forms");
            break;
        }
        bind_filter(c->st[k], flt, s->scope);
        rc = cursor_step(c, k, err);
    }
    if (rc) { jx_store_cursor_close(c); return rc; }
    *out = c;
    return JX_OK;
}

/* The indicators' line, name and target (copy rules), in the order of the full load. */
#define COPY_INDICATORS_SQL \
    "SELECT i.form_id, i.line, i.name, i.target FROM indicators i JOIN forms f ON f.id = i.form_id" \
    " WHERE" FILTER_SQL " ORDER BY i.form_id, i.seq"

/* Add the copy rules' part of the indicator of the current row of COPY_INDICATORS_SQL to f. */
static void copy_indicator_from_row(jx_stmt *st, jx_form *f)
{
    jx_indicator *ind = jx_form_add_indicator(f);
    ind->line = (long)jx_stmt_int64(st, 1);
    ind->name = col_text(st, 2);
    ind->target = col_text(st, 3);
}

jx_status jx_store_cursor_open_copies(jx_store *s, size_t max, jx_store_cursor **out, jx_error *err)
{
    *out = NULL;
    jx_store_cursor *c = jx_xcalloc(1, sizeof *c);
    c->store = s;
    c->max = max ? max : 1;
    c->copies = 1;
    for (int k = 0; k < CURSOR_QUERIES; k++) c->state[k] = JX_DB_DONE;
    jx_status rc = jx_store_tx(s, 0, &c->own, err);
    if (rc) { free(c); return rc; }
    const char *const sql[2] = {load_sql[0][0], COPY_INDICATORS_SQL};
    const int slot[2] = {0, 2};
    for (int q = 0; q < 2 && rc == JX_OK; q++) {
        int k = slot[q];
        if (jx_db_prepare_to(s->db, sql[q], JX_DB_STREAM, &c->st[k]) != JX_DB_OK) {
            rc = db_error(s, err, "reading forms");
            break;
        }
        bind_filter(c->st[k], NULL, s->scope);
        rc = cursor_step(c, k, err);
    }
    if (rc) { jx_store_cursor_close(c); return rc; }
    *out = c;
    return JX_OK;
}

/* The next batch (see store.h); an empty batch at the end. */
jx_status jx_store_cursor_next(jx_store_cursor *c, jx_form_list *batch, int *continues, jx_error *err)
{
    jx_form_list_free(batch);
    memset(batch, 0, sizeof *batch);
    *continues = 0;
    jx_status rc = JX_OK;
    long long file = 0;
    while (c->state[0] == JX_DB_ROW && batch->count < c->max) {
        long long fid = jx_stmt_int64(c->st[0], 20);
        if (batch->count && fid != file) break;
        file = fid;
        jx_form_list_push(batch, form_from_row(c->st[0]));
        if ((rc = cursor_step(c, 0, err))) return rc;
    }
    if (!batch->count) return JX_OK;
    *continues = file == c->last_file;
    c->last_file = file;
    long long last = batch->items[batch->count - 1]->id;
    static void (*const from_row[CURSOR_QUERIES])(jx_stmt *, jx_form *) = {
        NULL, component_from_row, indicator_from_row, field_from_row, value_from_row};
    for (int k = 1; k < CURSOR_QUERIES; k++) {
        size_t hint = 0;
        void (*add)(jx_stmt *, jx_form *) = c->copies ? copy_indicator_from_row : from_row[k];
        while (c->state[k] == JX_DB_ROW && jx_stmt_int64(c->st[k], 0) <= last) {
            jx_form *f = merge_form(batch, jx_stmt_int64(c->st[k], 0), &hint);
            if (f) add(c->st[k], f);
            if ((rc = cursor_step(c, k, err))) return rc;
        }
    }
    if (c->copies) return JX_OK;   /* the copy rules read nothing else */
    if ((rc = jx_pages_load(c->store->db, batch, 0, err))) return rc;
    return jx_disclosure_load(c->store->db, batch, 0, 0, err);
}

/*
** What belongs to no form: the disclosures of files without forms and the
** notes of the parts skipped in every file, appended to out (whose forms it
** does not touch), in one read snapshot (or the caller's transaction).
*/
/* Forms whose key one pass of name_key_fill reads before writing theirs. */
#define NAME_KEY_PAGE 1000
#define NAME_KEY_STR_(x) #x
#define NAME_KEY_STR(x) NAME_KEY_STR_(x)   /* the page size in the SQL text */

/*
** A C part of a migration: every row's name_key of a table, page by page of
** ids (the names of a page read, then their keys written: no statement
** reads the table while another writes it), by select (id, name of ids
** above ?, NAME_KEY_PAGE of them) and update (name_key ?1 of id ?2). Runs
** inside the migration's transaction; what names the rows in errors.
*/
static jx_status key_names(jx_store *s, const char *select, const char *update, const char *what, jx_error *err)
{
    jx_stmt *rd = NULL, *wr = NULL;
    long long ids[NAME_KEY_PAGE];
    char *keys[NAME_KEY_PAGE];
    size_t n = 0;
    jx_status rc = JX_OK;
    if (jx_db_prepare_to(s->db, select, 0, &rd) || jx_db_prepare_to(s->db, update, 0, &wr)) {
        rc = db_error(s, err, what);
        goto done;
    }
    for (long long after = 0;;) {
        n = 0;
        jx_stmt_bind_int64(rd, 1, after);
        int r;
        while ((r = jx_stmt_step(rd)) == JX_DB_ROW && n < NAME_KEY_PAGE) {
            ids[n] = jx_stmt_int64(rd, 0);
            keys[n++] = jx_text_name_key(jx_stmt_text(rd, 1));
        }
        jx_stmt_clear(rd);
        if (r != JX_DB_DONE && r != JX_DB_ROW) { rc = db_error(s, err, what); goto done; }
        for (size_t i = 0; i < n; i++) {
            if (jx_stmt_bind_text(wr, 1, keys[i]) || jx_stmt_bind_int64(wr, 2, ids[i]) ||
                jx_step_write(wr) != JX_DB_OK) {
                rc = db_error(s, err, what);
                goto done;
            }
        }
        for (size_t i = 0; i < n; i++) free(keys[i]);
        if (n < NAME_KEY_PAGE) { n = 0; break; }
        after = ids[n - 1];
        n = 0;
    }
done:
    for (size_t i = 0; i < n; i++) free(keys[i]);
    jx_stmt_finalize(rd);
    jx_stmt_finalize(wr);
    return rc;
}

/* Migration 14's C part: every stored form's name_key. */
static jx_status name_key_fill(jx_store *s, jx_error *err)
{
    return key_names(s, "SELECT id, name FROM forms WHERE id > ? ORDER BY id LIMIT " NAME_KEY_STR(NAME_KEY_PAGE),
                     "UPDATE forms SET name_key = ? WHERE id = ?", "keying the forms' names", err);
}

/* Migration 16's C part: every stored evaluation's name_key. */
static jx_status evaluation_name_key_fill(jx_store *s, jx_error *err)
{
    return key_names(s, "SELECT id, name FROM evaluations WHERE id > ? ORDER BY id LIMIT " NAME_KEY_STR(NAME_KEY_PAGE),
                     "UPDATE evaluations SET name_key = ? WHERE id = ?", "keying the evaluations' names", err);
}

jx_status jx_store_form_ids_by_name_key(jx_store *s, const char *key, int year, long long **ids,
                                        size_t *n, jx_error *err)
{
    *ids = NULL;
    *n = 0;
    int own;
    jx_status rc = jx_store_tx(s, 0, &own, err);
    if (rc) return rc;
    jx_stmt *st = NULL;
    size_t cap = 0;
    if (jx_db_prepare_to(s->db, "SELECT id FROM forms WHERE name_key = ?1"
                                " AND (CAST(?2 AS TEXT) IS NULL OR unit = ?2)"
                                " AND (?3 = 0 OR year IS NULL OR year = ?3) ORDER BY id", 0, &st) != JX_DB_OK) {
        rc = db_error(s, err, "looking up forms by name");
    } else {
        jx_stmt_bind_text(st, 1, key ? key : "");
        jx_stmt_bind_text(st, 2, s->scope);
        jx_stmt_bind_int64(st, 3, year);
        int r;
        while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
            if (*n == cap) { cap = cap ? cap * 2 : 8; *ids = jx_xrealloc(*ids, cap * sizeof **ids); }
            (*ids)[(*n)++] = jx_stmt_int64(st, 0);
        }
        if (r != JX_DB_DONE) rc = db_error(s, err, "looking up forms by name");
        jx_stmt_finalize(st);
    }
    if (rc) { free(*ids); *ids = NULL; *n = 0; }
    return jx_store_tx_end(s, own, rc, err);
}

jx_status jx_store_load_evaluations(jx_store *s, long long id, long long after, long limit,
                                    jx_form_list *out, jx_error *err)
{
    int own;
    jx_status rc = jx_store_tx(s, 0, &own, err);
    if (rc) return rc;
    rc = jx_evaluations_load(s->db, &(jx_eval_select){.id = id, .after = after, .limit = limit}, out, err);
    return jx_store_tx_end(s, own, rc, err);
}

jx_status jx_store_select_evaluations(jx_store *s, const jx_eval_select *sel, jx_form_list *out, jx_error *err)
{
    int own;
    jx_status rc = jx_store_tx(s, 0, &own, err);
    if (rc) return rc;
    rc = jx_evaluations_load(s->db, sel, out, err);
    return jx_store_tx_end(s, own, rc, err);
}

jx_status jx_store_count_evaluations(jx_store *s, const jx_eval_select *sel, long long *n, jx_error *err)
{
    return jx_evaluations_count(s->db, sel, n, err);
}

jx_status jx_store_evaluations_offset_key(jx_store *s, const jx_eval_select *sel, long long offset,
                                          long long *after, jx_error *err)
{
    return jx_evaluations_offset_key(s->db, sel, offset, after, err);
}

jx_status jx_store_load_unattached(jx_store *s, int evaluations, jx_form_list *out, jx_error *err)
{
    if (s->scope) return JX_OK;   /* a unit's view: documents without forms belong to no unit */
    int own;
    jx_status rc = jx_store_tx(s, 0, &own, err);
    if (rc) return rc;
    size_t end = out->count;
    if ((rc = jx_disclosure_load(s->db, out, end, 1, err)) ||
        (rc = jx_notes_load(s->db, out, end, 1, err)) ||
        (evaluations && (rc = jx_evaluations_load(s->db, NULL, out, err))) ||
        (rc = jx_store_tx_end(s, own, JX_OK, err))) {
        jx_store_tx_end(s, own, rc, err);
        return rc;
    }
    return JX_OK;
}

/* Finish the statements and end the cursor's read transaction. NULL is a no-op. */
void jx_store_cursor_close(jx_store_cursor *c)
{
    if (!c) return;
    for (int k = 0; k < CURSOR_QUERIES; k++) jx_stmt_finalize(c->st[k]);
    jx_store_tx_end(c->store, c->own, JX_OK, NULL);
    free(c);
}
