/*
** db_sqlite.c - the SQLite backend of the driver layer (see db.h): the
** embedded default. Portable SQL runs as written; the schema version is
** PRAGMA user_version.
*/
#include "db.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/util.h"

typedef struct sq_stmt sq_stmt;

/*
** Statements finished with (jx_stmt_finalize) are kept, reset and with
** their bindings cleared, for the next prepare of the same SQL text: a web
** request or an import prepares the same few dozen statements again and
** again, and compiling them was a large share of a form's request. At most
** SQ_CACHE are kept; the oldest goes when another is finished. A statement
** in use is never in the cache, so two of the same SQL can run side by side.
*/
#define SQ_CACHE 48

/* The transaction statements, prepared once per connection (sq_tx). */
enum { SQ_BEGIN, SQ_BEGIN_WRITE, SQ_COMMIT, SQ_ROLLBACK, SQ_NTX };
static const char *const sq_tx_sql[SQ_NTX] = {"BEGIN", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"};

typedef struct {
    jx_db base;
    sqlite3 *h;   /* owned */
    sq_stmt *cache[SQ_CACHE];   /* owned: idle statements, oldest first */
    int ncache;
    sqlite3_stmt *tx[SQ_NTX];   /* owned, prepared on first use */
} sq_db;

struct sq_stmt {
    jx_stmt base;
    sqlite3_stmt *st;   /* owned */
};

#define H(db) (((sq_db *)(db))->h)
#define ST(s) (((sq_stmt *)(s))->st)

/* Copy sqlite's current message into the connection's error; returns -1. */
static int fail(jx_db *db)
{
    jx_db_set_error(db, "%s", H(db) ? sqlite3_errmsg(H(db)) : "out of memory");
    return -1;
}

static int sq_exec(jx_db *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(H(db), sql, NULL, NULL, &msg) == SQLITE_OK) return 0;
    jx_db_set_error(db, "%s", msg ? msg : sqlite3_errmsg(H(db)));
    sqlite3_free(msg);
    return -1;
}

/*
** SQLite's memory statistics off, once, before its first connection: they put
** a global mutex around every allocation SQLite makes (a bound text, a row
** read), and nothing here reads them. Too late (SQLite already initialised by
** someone else in the process) is harmless: the statistics stay on.
*/
static pthread_once_t sq_config_once = PTHREAD_ONCE_INIT;
static void sq_config(void)
{
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/*
** Open the file (created if missing) and set the connection up: foreign
** keys, WAL, and a 60 s busy timeout, so a second writer (another import,
** the server) waits for the first one's transaction instead of failing --
** one file's transaction and its stored review can take tens of seconds on a
** loaded machine. The connection is opened without its own mutex (SQLITE_OPEN_NOMUTEX):
** a jx_db, like the jx_store that owns it, is used by one thread at a time
** (the server keeps one per thread, web_store), so the lock SQLite would take
** around every call (about 4 % of an import's instructions) guards nothing.
*/
static int sq_open(jx_db **out, const char *path)
{
    pthread_once(&sq_config_once, sq_config);
    jx_db *db = jx_db_alloc(sizeof(sq_db), &jx_db_sqlite_ops, JX_DB_SQLITE);
    *out = db;
    if (sqlite3_open_v2(path, &H(db), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK)
        return fail(db);
    sqlite3_busy_timeout(H(db), 60000);
    if (sq_exec(db, "PRAGMA foreign_keys = ON") || sq_exec(db, "PRAGMA journal_mode = WAL") ||
        sq_exec(db, "PRAGMA synchronous = NORMAL"))   /* WAL: durable enough, much faster */
        return -1;
    return 0;
}

/*
** Run transaction statement k: a prepared statement kept for the
** connection, not sqlite3_exec, which compiles its SQL anew each time (a
** read transaction per web request: compiling BEGIN and COMMIT was ~6 % of a
** form's answer). 0, or -1 with the error set.
*/
static int sq_tx(jx_db *db, int k)
{
    sq_db *d = (sq_db *)db;
    if (!d->tx[k] && sqlite3_prepare_v2(d->h, sq_tx_sql[k], -1, &d->tx[k], NULL) != SQLITE_OK) {
        d->tx[k] = NULL;
        return fail(db);
    }
    int r = sqlite3_step(d->tx[k]);
    if (r != SQLITE_DONE) jx_db_set_error(db, "%s", sqlite3_errmsg(d->h));
    sqlite3_reset(d->tx[k]);
    return r == SQLITE_DONE ? 0 : -1;
}

static void sq_close(jx_db *db)
{
    sq_db *d = (sq_db *)db;
    for (int k = 0; k < SQ_NTX; k++) sqlite3_finalize(d->tx[k]);
    for (int i = 0; i < d->ncache; i++) {
        sqlite3_finalize(d->cache[i]->st);
        free(d->cache[i]);
    }
    d->ncache = 0;
    sqlite3_close(H(db));   /* every other statement is finalized before its function returns */
    free(db);
}

static int sq_begin(jx_db *db, int write)
{
    return sq_tx(db, write ? SQ_BEGIN_WRITE : SQ_BEGIN);
}

static int sq_in_transaction(jx_db *db)
{
    return !sqlite3_get_autocommit(H(db));
}

static int sq_commit(jx_db *db)
{
    if (sq_tx(db, SQ_COMMIT) == 0) return 0;
    if (sq_in_transaction(db)) sqlite3_exec(H(db), "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

static void sq_rollback(jx_db *db)
{
    if (sq_in_transaction(db) && sq_tx(db, SQ_ROLLBACK) != 0)
        sqlite3_exec(H(db), "ROLLBACK", NULL, NULL, NULL);
}

static int sq_schema_version(jx_db *db, int *version)
{
    sqlite3_stmt *st;
    *version = 0;
    if (sqlite3_prepare_v2(H(db), "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) return fail(db);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return r == SQLITE_ROW ? 0 : fail(db);
}

static int sq_set_schema_version(jx_db *db, int version)
{
    char pragma[64];   /* the one formatted statement: an integer the code computes */
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version);
    return sq_exec(db, pragma);
}

static long long sq_changes(jx_db *db) { return sqlite3_changes(H(db)); }

static jx_stmt *sq_prepare(jx_db *db, const char *sql, int flags)
{
    (void)flags;
    sq_db *d = (sq_db *)db;
    for (int i = d->ncache; i-- > 0;) {   /* the most recently finished first */
        sq_stmt *c = d->cache[i];
        if (strcmp(sqlite3_sql(c->st), sql) == 0) {
            memmove(d->cache + i, d->cache + i + 1, (size_t)(d->ncache - i - 1) * sizeof *d->cache);
            d->ncache--;
            return &c->base;
        }
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(H(db), sql, -1, &st, NULL) != SQLITE_OK) {
        fail(db);
        return NULL;
    }
    sq_stmt *s = jx_xcalloc(1, sizeof *s);
    s->base.db = db;
    s->st = st;
    return &s->base;
}

static int sq_bind(jx_stmt *s, int i, int type, long long iv, double dv, const char *tv)
{
    int r;
    switch (type) {
    case JX_BIND_INT: r = sqlite3_bind_int64(ST(s), i, iv); break;
    case JX_BIND_DOUBLE: r = sqlite3_bind_double(ST(s), i, dv); break;
    case JX_BIND_TEXT: r = sqlite3_bind_text(ST(s), i, tv, -1, SQLITE_TRANSIENT); break;
    case JX_BIND_TEXT_BORROWED: r = sqlite3_bind_text(ST(s), i, tv, -1, SQLITE_STATIC); break;
    default: r = sqlite3_bind_null(ST(s), i); break;
    }
    if (r == SQLITE_OK) return 0;
    jx_db_set_error(s->db, "binding parameter %d: %s", i, sqlite3_errstr(r));
    return -1;
}

static int sq_step(jx_stmt *s)
{
    int r = sqlite3_step(ST(s));
    if (r == SQLITE_ROW) return JX_DB_ROW;
    if (r == SQLITE_DONE) return JX_DB_DONE;
    fail(s->db);
    return JX_DB_ERROR;
}

static void sq_reset(jx_stmt *s, int clear)
{
    sqlite3_reset(ST(s));
    if (clear) sqlite3_clear_bindings(ST(s));
}

/* Keep the statement for the next prepare of its SQL (see SQ_CACHE), reset and cleared. */
static void sq_finalize(jx_stmt *s)
{
    sq_db *d = (sq_db *)s->db;
    sqlite3_reset(ST(s));
    sqlite3_clear_bindings(ST(s));
    if (d->ncache == SQ_CACHE) {   /* the oldest goes */
        sqlite3_finalize(d->cache[0]->st);
        free(d->cache[0]);
        memmove(d->cache, d->cache + 1, (SQ_CACHE - 1) * sizeof *d->cache);
        d->ncache--;
    }
    d->cache[d->ncache++] = (sq_stmt *)s;
}

static int sq_columns(jx_stmt *s) { return sqlite3_column_count(ST(s)); }
static int sq_is_null(jx_stmt *s, int c) { return sqlite3_column_type(ST(s), c) == SQLITE_NULL; }
static long long sq_int64(jx_stmt *s, int c) { return sqlite3_column_int64(ST(s), c); }
static double sq_double(jx_stmt *s, int c) { return sqlite3_column_double(ST(s), c); }
static const char *sq_text(jx_stmt *s, int c) { return (const char *)sqlite3_column_text(ST(s), c); }

const jx_db_ops jx_db_sqlite_ops = {
    sq_open, sq_close, sq_exec, sq_exec, sq_begin, sq_commit, sq_rollback, sq_in_transaction,
    sq_schema_version, sq_set_schema_version, sq_changes, sq_prepare, sq_bind, sq_step, sq_reset,
    sq_finalize, sq_columns, sq_is_null, sq_int64, sq_double, sq_text,
};
