/*
** db.h (private to lib/store) - the thin driver layer under the store: one
** connection to either SQLite (a file path) or PostgreSQL (a libpq connection
** string), prepared statements with bound parameters, rows read one at a
** time. Store code is written once against this and runs on both; the SQL it
** may use is the portable subset written down at the top of store.h.
**
** Semantics follow SQLite's, so that store code reads as it always did:
**   - jx_db_prepare compiles constant SQL with ? or ?N parameters (numbered
**     from 1; on PostgreSQL they become $N once, at prepare);
**   - binds copy their value (text is copied: the caller may free it at once);
**     a bind past the statement's parameters returns -1 and changes nothing;
**   - jx_stmt_step returns JX_DB_ROW (a row is readable with the column_*
**     calls until the next step, reset or finalize), JX_DB_DONE, or
**     JX_DB_ERROR (jx_db_errmsg says why);
**   - jx_stmt_reset makes the statement runnable again and keeps the
**     bindings; jx_stmt_clear also clears them (to NULL);
**   - the column of a SQL NULL reads as NULL text, 0 and 0.0 (jx_stmt_is_null
**     tells them apart); booleans read as 1 and 0.
** A statement that may return many rows (a load, a cursor) is prepared with
** JX_DB_STREAM: on PostgreSQL inside a transaction its rows come through a
** server-side cursor a few hundred at a time, so memory stays bounded however
** large the result and several such statements can be stepped side by side.
** Without it, PostgreSQL holds the whole result of one execution (fine for
** counts, pages and one-form reads). On SQLite the flag changes nothing.
**
** Transactions: jx_db_begin(write=1) takes the store's write lock at once
** (SQLite BEGIN IMMEDIATE with a 60 s busy timeout; PostgreSQL BEGIN and a
** transaction-scoped advisory lock, so writers queue exactly as on SQLite and
** never meet a serialization failure); write=0 opens a read snapshot (SQLite
** BEGIN; PostgreSQL REPEATABLE READ). Readers never wait for writers.
**
** A jx_db is one connection: one thread at a time.
*/
#ifndef JIXIAO_STORE_DB_H
#define JIXIAO_STORE_DB_H

#include "jixiao/error.h"

typedef struct jx_db jx_db;
typedef struct jx_stmt jx_stmt;

typedef enum { JX_DB_SQLITE, JX_DB_POSTGRES } jx_db_kind;

enum { JX_DB_ERROR = -1, JX_DB_OK = 0, JX_DB_DONE = 0, JX_DB_ROW = 1 };
#define JX_DB_STREAM 1   /* jx_db_prepare flag: a possibly large result (see above) */

/* 1 when target names a PostgreSQL database (postgresql://, postgres://, host=..., dbname=...). */
int jx_db_target_is_postgres(const char *target);

/*
** target for messages: a connection string with its password removed
** (written to buf, always NUL-terminated), a file path unchanged.
*/
const char *jx_db_display(const char *target, char *buf, size_t size);

/*
** Open a connection: SQLite for a path (created if missing; WAL, foreign
** keys, busy timeout), PostgreSQL for a connection string. On failure *out is
** NULL and err says why (JX_ESYS), naming target without its password.
*/
jx_status jx_db_open(const char *target, jx_db **out, jx_error *err);
void jx_db_close(jx_db *db);
jx_db_kind jx_db_kind_of(const jx_db *db);

/* The last error of the connection (valid until the next call on it). */
const char *jx_db_errmsg(jx_db *db);

/* Run constant SQL (one or more statements, no parameters, no rows wanted): 0, or -1. */
int jx_db_exec(jx_db *db, const char *sql);

/*
** Run schema SQL of a migration: on PostgreSQL the types are translated
** first (see store.h: INTEGER -> BIGINT, id INTEGER PRIMARY KEY -> identity,
** REAL -> DOUBLE PRECISION, BLOB -> BYTEA, TEXT -> TEXT COLLATE "C"). 0, or -1.
*/
int jx_db_exec_schema(jx_db *db, const char *sql);

/* Transactions (see above). 0, or -1. */
int jx_db_begin(jx_db *db, int write);
int jx_db_commit(jx_db *db);     /* fails (and rolls back) when the transaction had failed */
void jx_db_rollback(jx_db *db);  /* no-op outside a transaction */
int jx_db_in_transaction(jx_db *db);

/* The schema version (number of migrations applied): read, and set inside the migration's transaction. */
int jx_db_schema_version(jx_db *db, int *version);
int jx_db_set_schema_version(jx_db *db, int version);

/* Rows changed by the last INSERT, UPDATE or DELETE run on the connection. */
long long jx_db_changes(jx_db *db);

/* Statements. jx_db_prepare returns NULL on error (jx_db_errmsg). */
jx_stmt *jx_db_prepare(jx_db *db, const char *sql, int flags);
/* The same as a status: JX_DB_OK with *out set, or JX_DB_ERROR with *out NULL. */
int jx_db_prepare_to(jx_db *db, const char *sql, int flags, jx_stmt **out);
int jx_stmt_bind_int64(jx_stmt *st, int i, long long v);
int jx_stmt_bind_double(jx_stmt *st, int i, double v);
int jx_stmt_bind_text(jx_stmt *st, int i, const char *v);   /* NULL binds SQL NULL */
/* The same, but the statement borrows v (no copy where the backend can): v must
   stay valid until the statement has been stepped and reset or cleared. */
int jx_stmt_bind_text_borrowed(jx_stmt *st, int i, const char *v);
int jx_stmt_bind_null(jx_stmt *st, int i);
int jx_stmt_step(jx_stmt *st);
void jx_stmt_reset(jx_stmt *st);
void jx_stmt_clear(jx_stmt *st);   /* reset and clear the bindings */
void jx_stmt_finalize(jx_stmt *st);   /* NULL is a no-op */
int jx_stmt_columns(jx_stmt *st);     /* of the current row's result */
int jx_stmt_is_null(jx_stmt *st, int col);
long long jx_stmt_int64(jx_stmt *st, int col);
int jx_stmt_int(jx_stmt *st, int col);
double jx_stmt_double(jx_stmt *st, int col);
const char *jx_stmt_text(jx_stmt *st, int col);   /* NULL for SQL NULL */

/* Step a statement that returns one row (INSERT ... RETURNING id, a count) to its end; *out its first column. */
int jx_stmt_step_value(jx_stmt *st, long long *out);

/* ---- backends (db_sqlite.c, db_pg.c) ---------------------------------------- */

/* What each backend implements; db.c dispatches and keeps the shared parts. */
typedef struct jx_db_ops {
    /* Allocate *out (always, with jx_db_alloc) and connect: 0, or -1 with (*out)->errmsg set. */
    int (*open)(jx_db **out, const char *target);
    void (*close)(jx_db *db);
    int (*exec)(jx_db *db, const char *sql);
    int (*exec_schema)(jx_db *db, const char *sql);
    int (*begin)(jx_db *db, int write);
    int (*commit)(jx_db *db);
    void (*rollback)(jx_db *db);
    int (*in_transaction)(jx_db *db);
    int (*schema_version)(jx_db *db, int *version);
    int (*set_schema_version)(jx_db *db, int version);
    long long (*changes)(jx_db *db);
    jx_stmt *(*prepare)(jx_db *db, const char *sql, int flags);
    int (*bind)(jx_stmt *st, int i, int type, long long iv, double dv, const char *tv);
    int (*step)(jx_stmt *st);
    void (*reset)(jx_stmt *st, int clear);
    void (*finalize)(jx_stmt *st);
    int (*columns)(jx_stmt *st);
    int (*is_null)(jx_stmt *st, int col);
    long long (*int64)(jx_stmt *st, int col);
    double (*dbl)(jx_stmt *st, int col);
    const char *(*text)(jx_stmt *st, int col);
} jx_db_ops;

enum { JX_BIND_NULL, JX_BIND_INT, JX_BIND_DOUBLE, JX_BIND_TEXT, JX_BIND_TEXT_BORROWED };

/* The parts every connection and statement has; a backend's structs begin with them. */
struct jx_db {
    const jx_db_ops *ops;
    jx_db_kind kind;
    char errmsg[512];
};
struct jx_stmt {
    jx_db *db;
};

extern const jx_db_ops jx_db_sqlite_ops;
extern const jx_db_ops jx_db_pg_ops;
/* Allocate a backend's connection (size bytes, zeroed, header filled in). */
jx_db *jx_db_alloc(size_t size, const jx_db_ops *ops, jx_db_kind kind);
/* Set the connection's error text (printf-like; trailing newlines dropped). */
void jx_db_set_error(jx_db *db, const char *fmt, ...);

/*
** The PostgreSQL text of portable SQL: ?N and ? become $N (? numbered after
** the largest so far, as SQLite does), outside quotes and comments.
** *nparams the largest number; (*used)[n-1] is 1 when $n occurs (a number
** skipped, as ?5 when a count shares a page query's ?7, is still a
** parameter: PostgreSQL is told it is text). Returns a malloc'd string;
** *used is malloc'd too.
*/
char *jx_db_pg_params(const char *sql, int *nparams, char **used);
/* The PostgreSQL text of migration SQL (types translated, see jx_db_exec_schema). malloc'd. */
char *jx_db_pg_schema(const char *sql);

#endif
