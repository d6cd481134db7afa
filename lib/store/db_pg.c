/*
** db_pg.c - the PostgreSQL backend of the driver layer (see db.h), on libpq.
**
** Invariants:
**   - a statement's SQL is translated once, at prepare (?N -> $N); the
**     server-side prepared statement is cached per connection by its text
**     (store SQL is constant, so the cache is bounded by the program's
**     statements) and reused by every later prepare of the same text;
**   - parameters go as text with the server inferring their types; a value
**     is copied at bind, so the caller's memory may go at once;
**   - a JX_DB_STREAM statement inside a transaction reads through a cursor
**     (DECLARE ... NO SCROLL CURSOR, FETCH FORWARD PG_BATCH): at most one
**     batch of rows is held, and several can be stepped side by side on one
**     connection. A cursor lives only in its transaction: it is closed only
**     in the transaction that opened it (txgen), never in a later one;
**   - a plain INSERT (no RETURNING, no ON CONFLICT) inside a transaction is
**     not waited for: it is sent in libpq's pipeline mode and its result read
**     with the others at the next synchronisation -- before any other call
**     that talks to the server, every PG_PIPELINE inserts, and at commit. An
**     import is hundreds of thousands of such rows; one round trip each made
**     PostgreSQL five times slower than SQLite. A failed insert makes that
**     next call fail with its message, and the transaction is rolled back as
**     ever (one changed row is all a plain INSERT can report);
**   - write transactions serialize on one transaction-scoped advisory lock
**     (JX_PG_WRITE_LOCK), read transactions are REPEATABLE READ snapshots;
**   - server notices (e.g. "relation already exists, skipping") are dropped,
**     never printed.
*/
#include "db.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/util.h"

#define PG_BATCH 256                  /* rows per FETCH of a streamed statement */
#define PG_PIPELINE 256               /* inserts sent before their results are read */
#define JX_PG_WRITE_LOCK 0x6A697869LL  /* "jixi": the advisory lock of every write transaction */
#define BOOLOID 16

typedef struct {
    char *sql;       /* translated text (owned) */
    char name[24];   /* the server's name of the prepared statement */
} pg_prep;

#define TEXTOID 25

typedef struct {
    jx_db base;
    PGconn *c;           /* owned */
    pg_prep *preps;      /* the cache of prepared statements (owned) */
    size_t nprep, capprep;
    long long changes;
    unsigned cursors;    /* cursor names handed out */
    unsigned txgen;      /* transactions begun with jx_db_begin */
    int pipeline;        /* in pipeline mode, with `queued` inserts whose results are unread */
    int queued;
} pg_db;

typedef struct {
    jx_stmt base;
    char *sql;           /* translated text (owned) */
    char name[24];       /* its prepared statement's name (copied: the cache moves), "" for a streamed one */
    int nparams;
    Oid *types;          /* nparams: 0 (inferred) for a parameter the SQL uses, text for one it skips (owned) */
    char **vals;         /* nparams bound values as text, NULL for SQL NULL (owned) */
    int stream;
    int deferrable;      /* a plain INSERT: sent in pipeline mode inside a transaction */
    PGresult *res;       /* the rows at hand (owned) */
    int row, nrows, started, exhausted;
    char cursor[24];
    int cursor_open;
    unsigned cursor_tx;  /* the txgen of the transaction the cursor lives in */
} pg_stmt;

#define DB(d) ((pg_db *)(d))
#define ST(s) ((pg_stmt *)(s))

/* Record a result's error (or the connection's) and clear the result; returns -1. */
static int fail_res(jx_db *db, PGresult *res)
{
    const char *m = res ? PQresultErrorMessage(res) : NULL;
    if (!m || !*m) m = PQerrorMessage(DB(db)->c);
    jx_db_set_error(db, "%s", m && *m ? m : "unknown PostgreSQL error");
    PQclear(res);
    return -1;
}

/* Server notices are not the user's business: a failure is reported by its statement. */
static void quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/*
** Read the results of the inserts sent in pipeline mode and leave it: 0, or
** -1 with the first failure's message (the transaction is then aborted).
** Every function below that talks to the server calls this first.
*/
static int sync_pipeline(jx_db *db)
{
    pg_db *p = DB(db);
    if (!p->pipeline) return 0;
    int rc = 0;
    if (!PQpipelineSync(p->c)) {
        jx_db_set_error(db, "%s", PQerrorMessage(p->c));
        rc = -1;
    }
    for (;;) {
        PGresult *r = PQgetResult(p->c);
        if (!r) {
            if (PQstatus(p->c) != CONNECTION_OK) break;   /* the connection is gone */
            continue;                                      /* the end of one insert's results */
        }
        ExecStatusType t = PQresultStatus(r);
        if (t == PGRES_PIPELINE_SYNC) { PQclear(r); break; }
        if (t == PGRES_FATAL_ERROR && rc == 0) {
            jx_db_set_error(db, "%s", PQresultErrorMessage(r));
            rc = -1;
        }
        PQclear(r);
    }
    PQexitPipelineMode(p->c);
    p->pipeline = p->queued = 0;
    return rc;
}

/*
** Connect with libpq. The database string may set anything libpq knows;
** jixiao only supplies defaults it may override: a 10 s connect timeout (an
** unreachable server fails instead of hanging) and the application name.
*/
static int pg_open(jx_db **out, const char *target)
{
    jx_db *db = jx_db_alloc(sizeof(pg_db), &jx_db_pg_ops, JX_DB_POSTGRES);
    *out = db;
    const char *const keys[] = {"connect_timeout", "fallback_application_name", "dbname", NULL};
    const char *const vals[] = {"10", "jixiao", target, NULL};
    DB(db)->c = PQconnectdbParams(keys, vals, 1);
    if (!DB(db)->c) {
        jx_db_set_error(db, "out of memory");
        return -1;
    }
    if (PQstatus(DB(db)->c) != CONNECTION_OK) {
        jx_db_set_error(db, "cannot connect to PostgreSQL: %s", PQerrorMessage(DB(db)->c));
        return -1;
    }
    PQsetNoticeProcessor(DB(db)->c, quiet, NULL);
    return 0;
}

static void pg_close(jx_db *db)
{
    pg_db *p = DB(db);
    if (p->c) {
        sync_pipeline(db);
        PQfinish(p->c);
    }
    for (size_t i = 0; i < p->nprep; i++) free(p->preps[i].sql);
    free(p->preps);
    free(p);
}

/* Run SQL without parameters; 0 when it succeeded (with or without rows). */
static int pg_exec(jx_db *db, const char *sql)
{
    if (sync_pipeline(db)) return -1;
    PGresult *r = PQexec(DB(db)->c, sql);
    ExecStatusType t = PQresultStatus(r);
    if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) return fail_res(db, r);
    DB(db)->changes = atoll(PQcmdTuples(r));
    PQclear(r);
    return 0;
}

static int pg_exec_schema(jx_db *db, const char *sql)
{
    char *t = jx_db_pg_schema(sql);
    int rc = pg_exec(db, t);
    free(t);
    return rc;
}

static int pg_in_transaction(jx_db *db)
{
    PGTransactionStatusType t = PQtransactionStatus(DB(db)->c);
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

/* A write waits for the write lock at most 60 s (SQLite's busy timeout), then fails. */
static int pg_begin(jx_db *db, int write)
{
    DB(db)->txgen++;
    if (!write) return pg_exec(db, "BEGIN ISOLATION LEVEL REPEATABLE READ");
    char sql[160];
    snprintf(sql, sizeof sql, "BEGIN; SET LOCAL lock_timeout = '60s'; SELECT pg_advisory_xact_lock(%lld)",
             JX_PG_WRITE_LOCK);
    if (pg_exec(db, sql) == 0) return 0;
    PQclear(PQexec(DB(db)->c, "ROLLBACK"));
    return -1;
}

static void pg_rollback(jx_db *db)
{
    sync_pipeline(db);   /* its failure is why we roll back, or is reported already */
    if (pg_in_transaction(db)) PQclear(PQexec(DB(db)->c, "ROLLBACK"));
}

/* COMMIT of a failed transaction only rolls back: report it as the failure it is. */
static int pg_commit(jx_db *db)
{
    if (sync_pipeline(db)) {
        pg_rollback(db);
        return -1;
    }
    if (PQtransactionStatus(DB(db)->c) == PQTRANS_INERROR) {
        pg_rollback(db);
        jx_db_set_error(db, "the transaction failed and was rolled back");
        return -1;
    }
    if (pg_exec(db, "COMMIT") == 0) return 0;
    pg_rollback(db);
    return -1;
}

/* The version lives in a one-row table jixiao_schema, written by each migration's transaction. */
static int pg_schema_version(jx_db *db, int *version)
{
    *version = 0;
    if (sync_pipeline(db)) return -1;
    PGresult *r = PQexec(DB(db)->c, "SELECT to_regclass('jixiao_schema') IS NOT NULL");
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) return fail_res(db, r);
    int exists = PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    if (!exists) return 0;   /* a fresh database */
    r = PQexec(DB(db)->c, "SELECT version FROM jixiao_schema");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) return fail_res(db, r);
    if (PQntuples(r) > 0) *version = atoi(PQgetvalue(r, 0, 0));
    PQclear(r);
    return 0;
}

static int pg_set_schema_version(jx_db *db, int version)
{
    char sql[200];
    snprintf(sql, sizeof sql, "CREATE TABLE IF NOT EXISTS jixiao_schema (version INTEGER NOT NULL);"
                              " DELETE FROM jixiao_schema; INSERT INTO jixiao_schema (version) VALUES (%d)",
             version);
    return pg_exec(db, sql);
}

static long long pg_changes(jx_db *db) { return DB(db)->changes; }

/* The cached prepared statement of translated sql, prepared now if new; NULL on error. */
static const char *prepared(jx_db *db, const char *sql, int nparams, const Oid *types)
{
    pg_db *p = DB(db);
    for (size_t i = 0; i < p->nprep; i++)
        if (!strcmp(p->preps[i].sql, sql)) return p->preps[i].name;
    if (p->nprep == p->capprep) {
        p->capprep = p->capprep ? p->capprep * 2 : 32;
        p->preps = jx_xrealloc(p->preps, p->capprep * sizeof *p->preps);
    }
    if (sync_pipeline(db)) return NULL;
    pg_prep *x = &p->preps[p->nprep];
    snprintf(x->name, sizeof x->name, "jx%zu", p->nprep);
    PGresult *r = PQprepare(p->c, x->name, sql, nparams, types);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        fail_res(db, r);
        return NULL;
    }
    PQclear(r);
    x->sql = jx_strdup(sql);
    p->nprep++;
    return x->name;
}

/* 1 when word occurs in sql, ignoring case (quotes not considered: a false 1 only costs speed). */
static int has_word(const char *sql, const char *word)
{
    size_t n = strlen(word);
    for (; *sql; sql++)
        if (strncasecmp(sql, word, n) == 0) return 1;
    return 0;
}

/* 1 for INSERT without RETURNING or ON CONFLICT: its one result says nothing but success. */
static int plain_insert(const char *sql)
{
    while (*sql == ' ' || *sql == '\n' || *sql == '\t') sql++;
    if (strncasecmp(sql, "INSERT", 6) != 0) return 0;
    return !has_word(sql, "RETURNING") && !has_word(sql, "CONFLICT");
}

static jx_stmt *pg_prepare(jx_db *db, const char *sql, int flags)
{
    int n;
    char *used;
    char *t = jx_db_pg_params(sql, &n, &used);
    Oid *types = jx_xcalloc(n ? (size_t)n : 1, sizeof *types);
    for (int i = 0; i < n; i++) types[i] = used[i] ? 0 : TEXTOID;
    free(used);
    const char *name = NULL;
    if (!(flags & JX_DB_STREAM) && !(name = prepared(db, t, n, types))) {
        free(t);
        free(types);
        return NULL;
    }
    pg_stmt *s = jx_xcalloc(1, sizeof *s);
    s->base.db = db;
    s->sql = t;
    snprintf(s->name, sizeof s->name, "%s", name ? name : "");
    s->nparams = n;
    s->types = types;
    s->vals = jx_xcalloc(n ? (size_t)n : 1, sizeof *s->vals);
    s->stream = flags & JX_DB_STREAM;
    s->deferrable = !s->stream && plain_insert(t);
    s->row = -1;
    return &s->base;
}

static int pg_bind(jx_stmt *st, int i, int type, long long iv, double dv, const char *tv)
{
    pg_stmt *s = ST(st);
    if (i < 1 || i > s->nparams) {
        jx_db_set_error(st->db, "binding parameter %d: column index out of range", i);
        return -1;
    }
    char num[40];
    free(s->vals[i - 1]);
    s->vals[i - 1] = NULL;
    switch (type) {
    case JX_BIND_INT: snprintf(num, sizeof num, "%lld", iv); s->vals[i - 1] = jx_strdup(num); break;
    case JX_BIND_DOUBLE: snprintf(num, sizeof num, "%.17g", dv); s->vals[i - 1] = jx_strdup(num); break;
    case JX_BIND_TEXT:
    case JX_BIND_TEXT_BORROWED: s->vals[i - 1] = jx_strdup(tv); break;   /* libpq sends at the step */
    default: break;
    }
    return 0;
}

/* Take a result of rows or of a command as the statement's; JX_DB_ERROR when it is an error. */
static int take(pg_stmt *s, PGresult *r)
{
    ExecStatusType t = PQresultStatus(r);
    if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) {
        fail_res(s->base.db, r);
        return JX_DB_ERROR;
    }
    DB(s->base.db)->changes = atoll(PQcmdTuples(r));
    PQclear(s->res);
    s->res = r;
    s->nrows = t == PGRES_TUPLES_OK ? PQntuples(r) : 0;
    s->row = -1;
    return JX_DB_DONE;
}

/* The next batch of the statement's cursor. */
static int fetch(pg_stmt *s)
{
    char sql[64];
    snprintf(sql, sizeof sql, "FETCH FORWARD %d FROM %s", PG_BATCH, s->cursor);
    if (sync_pipeline(s->base.db)) return JX_DB_ERROR;
    if (take(s, PQexec(DB(s->base.db)->c, sql)) == JX_DB_ERROR) return JX_DB_ERROR;
    s->exhausted = s->nrows < PG_BATCH;
    return JX_DB_DONE;
}

/* Run the statement (first step): a cursor for a stream inside a transaction, else the whole result. */
static int start(pg_stmt *s)
{
    pg_db *p = DB(s->base.db);
    PGconn *c = p->c;
    const char *const *vals = (const char *const *)s->vals;
    s->started = 1;
    s->exhausted = 1;
    if (s->deferrable && (p->pipeline || PQtransactionStatus(c) == PQTRANS_INTRANS)) {
        if (!p->pipeline && !PQenterPipelineMode(c)) return fail_res(s->base.db, NULL);
        p->pipeline = 1;
        if (!PQsendQueryPrepared(c, s->name, s->nparams, vals, NULL, NULL, 0)) {
            jx_db_set_error(s->base.db, "%s", PQerrorMessage(c));
            sync_pipeline(s->base.db);
            return JX_DB_ERROR;
        }
        p->changes = 1;
        s->nrows = 0;
        if (++p->queued >= PG_PIPELINE && sync_pipeline(s->base.db)) return JX_DB_ERROR;
        return JX_DB_DONE;
    }
    if (sync_pipeline(s->base.db)) return JX_DB_ERROR;
    if (!s->stream) return take(s, PQexecPrepared(c, s->name, s->nparams, vals, NULL, NULL, 0));
    if (PQtransactionStatus(c) != PQTRANS_INTRANS)
        return take(s, PQexecParams(c, s->sql, s->nparams, s->types, vals, NULL, NULL, 0));
    snprintf(s->cursor, sizeof s->cursor, "jxc%u", ++p->cursors);
    size_t n = strlen(s->sql) + 64;
    char *decl = jx_xmalloc(n);
    snprintf(decl, n, "DECLARE %s NO SCROLL CURSOR FOR %s", s->cursor, s->sql);
    int r = take(s, PQexecParams(c, decl, s->nparams, s->types, vals, NULL, NULL, 0));
    free(decl);
    if (r == JX_DB_ERROR) return r;
    s->cursor_open = 1;
    s->cursor_tx = p->txgen;
    return fetch(s);
}

static int pg_step(jx_stmt *st)
{
    pg_stmt *s = ST(st);
    if (!s->started && start(s) == JX_DB_ERROR) return JX_DB_ERROR;
    for (;;) {
        if (++s->row < s->nrows) return JX_DB_ROW;
        if (s->exhausted) {
            s->row = s->nrows;
            return JX_DB_DONE;
        }
        if (fetch(s) == JX_DB_ERROR) return JX_DB_ERROR;
    }
}

static void pg_reset(jx_stmt *st, int clear)
{
    pg_stmt *s = ST(st);
    PQclear(s->res);
    s->res = NULL;
    s->started = s->nrows = s->exhausted = 0;
    s->row = -1;
    if (s->cursor_open) {
        PGconn *c = DB(st->db)->c;
        if (s->cursor_tx == DB(st->db)->txgen && sync_pipeline(st->db) == 0 &&
            PQtransactionStatus(c) == PQTRANS_INTRANS) {
            char sql[48];
            snprintf(sql, sizeof sql, "CLOSE %s", s->cursor);
            PQclear(PQexec(c, sql));
        }
        s->cursor_open = 0;
    }
    if (clear)
        for (int i = 0; i < s->nparams; i++) {
            free(s->vals[i]);
            s->vals[i] = NULL;
        }
}

static void pg_finalize(jx_stmt *st)
{
    pg_stmt *s = ST(st);
    pg_reset(st, 1);
    free(s->vals);
    free(s->types);
    free(s->sql);
    free(s);
}

/* The current row's value of column c, NULL for SQL NULL or when there is no row. */
static const char *value(jx_stmt *st, int c)
{
    pg_stmt *s = ST(st);
    if (!s->res || s->row < 0 || s->row >= s->nrows || c < 0 || c >= PQnfields(s->res)) return NULL;
    if (PQgetisnull(s->res, s->row, c)) return NULL;
    return PQgetvalue(s->res, s->row, c);
}

static int pg_columns(jx_stmt *st) { return ST(st)->res ? PQnfields(ST(st)->res) : 0; }
static int pg_is_null(jx_stmt *st, int c) { return value(st, c) == NULL; }
static const char *pg_text(jx_stmt *st, int c) { return value(st, c); }

static long long pg_col_int64(jx_stmt *st, int c)
{
    const char *v = value(st, c);
    if (!v) return 0;
    if (PQftype(ST(st)->res, c) == BOOLOID) return v[0] == 't';
    char *end;
    long long n = strtoll(v, &end, 10);
    if (*end == '.' || *end == 'e' || *end == 'E') return (long long)strtod(v, NULL);   /* as SQLite: truncated */
    return n;
}

static double pg_col_double(jx_stmt *st, int c)
{
    const char *v = value(st, c);
    if (!v) return 0;
    if (PQftype(ST(st)->res, c) == BOOLOID) return v[0] == 't';
    return strtod(v, NULL);
}

const jx_db_ops jx_db_pg_ops = {
    pg_open, pg_close, pg_exec, pg_exec_schema, pg_begin, pg_commit, pg_rollback, pg_in_transaction,
    pg_schema_version, pg_set_schema_version, pg_changes, pg_prepare, pg_bind, pg_step, pg_reset,
    pg_finalize, pg_columns, pg_is_null, pg_col_int64, pg_col_double, pg_text,
};
