/*
** columns.c - the small conversions every file of lib/store makes between C
** values and columns: owned text, fen with SQL NULL for JX_NO_AMOUNT, and a
** database error as a jx_error (declared in store.h).
*/
#include "store.h"
#include "jixiao/util.h"

/* Column text as a new malloc'd string (the caller owns it); NULL for SQL NULL. */
char *jx_col_text(jx_stmt *st, int col)
{
    const char *t = jx_stmt_text(st, col);
    return t ? jx_strdup(t) : NULL;
}

/* Column amount in fen; JX_NO_AMOUNT for SQL NULL. */
long long jx_col_fen(jx_stmt *st, int col)
{
    return jx_stmt_is_null(st, col) ? JX_NO_AMOUNT : jx_stmt_int64(st, col);
}

/* Bind an amount in fen; JX_NO_AMOUNT binds SQL NULL. Returns the bind's status. */
int jx_bind_fen(jx_stmt *st, int i, long long fen)
{
    return fen == JX_NO_AMOUNT ? jx_stmt_bind_null(st, i) : jx_stmt_bind_int64(st, i, fen);
}

/*
** Step a write statement (no result rows) once and clear it for the next
** row: JX_DB_OK when it ran to completion, JX_DB_ERROR otherwise.
*/
int jx_step_write(jx_stmt *st)
{
    int rc = jx_stmt_step(st);
    jx_stmt_clear(st);
    return rc == JX_DB_DONE ? JX_DB_OK : JX_DB_ERROR;
}

/* JX_ESYS "database: WHAT: <the database's message>" in err; returns JX_ESYS. */
jx_status jx_db_fail(jx_db *db, jx_error *err, const char *what)
{
    return jx_error_set(err, JX_ESYS, NULL, 0, "database: %s: %s", what, jx_db_errmsg(db));
}
