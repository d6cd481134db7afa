/*
** db.c - the driver layer's shared parts (see db.h): choosing the backend
** from the database string, dispatch, the password-free display of a
** connection string, and the two translations of portable SQL to
** PostgreSQL's (parameters at prepare, types in migrations).
*/
#include "db.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/util.h"

/* 1 when s begins with prefix, ignoring case. */
static int has_prefix(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* A URI, or a libpq keyword string beginning with one of the keywords a connection needs. */
int jx_db_target_is_postgres(const char *t)
{
    if (!t) return 0;
    if (has_prefix(t, "postgresql://") || has_prefix(t, "postgres://")) return 1;
    static const char *const keys[] = {"host", "hostaddr", "dbname", "user", "port", "service"};
    while (isspace((unsigned char)*t)) t++;
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        size_t n = strlen(keys[i]);
        if (strncmp(t, keys[i], n) != 0) continue;
        const char *p = t + n;
        while (*p == ' ' || *p == '\t') p++;
        if (*p == '=') return 1;
    }
    return 0;
}

/*
** Copy target to buf without its password: the userinfo's ":secret" of a
** URI, a password=... keyword (quoted or not) or a password= URI parameter.
*/
const char *jx_db_display(const char *t, char *buf, size_t size)
{
    if (!size) return "";
    buf[0] = 0;
    if (!t) return buf;
    if (!jx_db_target_is_postgres(t)) {
        snprintf(buf, size, "%s", t);
        return buf;
    }
    size_t o = 0;
#define PUT(c) do { if (o + 1 < size) buf[o++] = (c); } while (0)
    const char *p = t;
    if (has_prefix(t, "postgres")) {
        const char *scheme = strstr(t, "://") + 3;
        const char *end = scheme + strcspn(scheme, "/?");
        const char *at = NULL;
        for (const char *q = scheme; q < end; q++) if (*q == '@') at = q;
        for (const char *q = t; q < scheme; q++) PUT(*q);
        p = scheme;
        if (at) {
            const char *colon = memchr(scheme, ':', (size_t)(at - scheme));
            for (const char *q = scheme; q < (colon ? colon : at); q++) PUT(*q);
            p = at;
        }
        /* the rest, without a password=... parameter */
        while (*p) {
            if ((p[-1] == '?' || p[-1] == '&') && has_prefix(p, "password=")) {
                p += strcspn(p, "&");
                if (*p == '&') p++;
                continue;
            }
            PUT(*p);
            p++;
        }
    } else {
        while (*p) {
            const char *w = p;
            while (isspace((unsigned char)*w)) w++;
            int skip = (w == t || w > p) && !strncmp(w, "password", 8) &&
                       (w[8] == '=' || w[8] == ' ' || w[8] == '\t');
            if (skip) {
                const char *q = w + 8;
                while (*q == ' ' || *q == '\t') q++;
                if (*q == '=') q++;
                while (*q == ' ' || *q == '\t') q++;
                if (*q == '\'') {
                    for (q++; *q && *q != '\''; q++) if (*q == '\\' && q[1]) q++;
                    if (*q) q++;
                } else {
                    while (*q && !isspace((unsigned char)*q)) q++;
                }
                p = q;
                continue;
            }
            PUT(*p);
            p++;
        }
    }
    buf[o] = 0;
#undef PUT
    return buf;
}

jx_db *jx_db_alloc(size_t size, const jx_db_ops *ops, jx_db_kind kind)
{
    jx_db *db = jx_xcalloc(1, size);
    db->ops = ops;
    db->kind = kind;
    return db;
}

void jx_db_set_error(jx_db *db, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(db->errmsg, sizeof db->errmsg, fmt, ap);
    va_end(ap);
    /* one line: libpq's "...failed: X\n\tIs the server running..." joined with a space */
    for (char *p = db->errmsg; *p; p++)
        if ((*p == '\n' || *p == '\t') && p[1]) *p = ' ';
    size_t n = strlen(db->errmsg);
    while (n && (db->errmsg[n - 1] == '\n' || db->errmsg[n - 1] == ' ')) db->errmsg[--n] = 0;
}

jx_status jx_db_open(const char *target, jx_db **out, jx_error *err)
{
    *out = NULL;
    const jx_db_ops *ops = jx_db_target_is_postgres(target) ? &jx_db_pg_ops : &jx_db_sqlite_ops;
    jx_db *db = NULL;
    if (ops->open(&db, target) != 0) {
        char shown[512];
        jx_status rc = jx_error_set(err, JX_ESYS, NULL, 0, "database %s: %s",
                                    jx_db_display(target, shown, sizeof shown), db->errmsg);
        jx_db_close(db);
        return rc;
    }
    *out = db;
    return JX_OK;
}

void jx_db_close(jx_db *db)
{
    if (db) db->ops->close(db);
}

jx_db_kind jx_db_kind_of(const jx_db *db) { return db->kind; }
const char *jx_db_errmsg(jx_db *db) { return db->errmsg; }
int jx_db_exec(jx_db *db, const char *sql) { return db->ops->exec(db, sql); }
int jx_db_exec_schema(jx_db *db, const char *sql) { return db->ops->exec_schema(db, sql); }
int jx_db_begin(jx_db *db, int write) { return db->ops->begin(db, write); }
int jx_db_commit(jx_db *db) { return db->ops->commit(db); }
void jx_db_rollback(jx_db *db) { db->ops->rollback(db); }
int jx_db_in_transaction(jx_db *db) { return db->ops->in_transaction(db); }
int jx_db_schema_version(jx_db *db, int *v) { return db->ops->schema_version(db, v); }
int jx_db_set_schema_version(jx_db *db, int v) { return db->ops->set_schema_version(db, v); }
long long jx_db_changes(jx_db *db) { return db->ops->changes(db); }
jx_stmt *jx_db_prepare(jx_db *db, const char *sql, int flags) { return db->ops->prepare(db, sql, flags); }
int jx_db_prepare_to(jx_db *db, const char *sql, int flags, jx_stmt **out)
{
    *out = db->ops->prepare(db, sql, flags);
    return *out ? JX_DB_OK : JX_DB_ERROR;
}

int jx_stmt_bind_int64(jx_stmt *st, int i, long long v) { return st->db->ops->bind(st, i, JX_BIND_INT, v, 0, NULL); }
int jx_stmt_bind_double(jx_stmt *st, int i, double v) { return st->db->ops->bind(st, i, JX_BIND_DOUBLE, 0, v, NULL); }
int jx_stmt_bind_null(jx_stmt *st, int i) { return st->db->ops->bind(st, i, JX_BIND_NULL, 0, 0, NULL); }
int jx_stmt_bind_text(jx_stmt *st, int i, const char *v)
{
    return st->db->ops->bind(st, i, v ? JX_BIND_TEXT : JX_BIND_NULL, 0, 0, v);
}
int jx_stmt_bind_text_borrowed(jx_stmt *st, int i, const char *v)
{
    return st->db->ops->bind(st, i, v ? JX_BIND_TEXT_BORROWED : JX_BIND_NULL, 0, 0, v);
}
int jx_stmt_step(jx_stmt *st) { return st->db->ops->step(st); }
void jx_stmt_reset(jx_stmt *st) { st->db->ops->reset(st, 0); }
void jx_stmt_clear(jx_stmt *st) { st->db->ops->reset(st, 1); }
void jx_stmt_finalize(jx_stmt *st) { if (st) st->db->ops->finalize(st); }
int jx_stmt_columns(jx_stmt *st) { return st->db->ops->columns(st); }
int jx_stmt_is_null(jx_stmt *st, int c) { return st->db->ops->is_null(st, c); }
long long jx_stmt_int64(jx_stmt *st, int c) { return st->db->ops->int64(st, c); }
int jx_stmt_int(jx_stmt *st, int c) { return (int)st->db->ops->int64(st, c); }
double jx_stmt_double(jx_stmt *st, int c) { return st->db->ops->dbl(st, c); }
const char *jx_stmt_text(jx_stmt *st, int c) { return st->db->ops->text(st, c); }

int jx_stmt_step_value(jx_stmt *st, long long *out)
{
    int r = jx_stmt_step(st);
    if (r != JX_DB_ROW) {
        if (r == JX_DB_DONE) jx_db_set_error(st->db, "the statement returned no row");
        return JX_DB_ERROR;
    }
    *out = jx_stmt_int64(st, 0);
    while ((r = jx_stmt_step(st)) == JX_DB_ROW) {}
    return r == JX_DB_DONE ? JX_DB_DONE : JX_DB_ERROR;
}

/* ---- translations to PostgreSQL ------------------------------------------- */

/* A growing string. */
typedef struct { char *s; size_t n, cap; } sbuf;
static void sb_putn(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = jx_xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}
static void sb_puts(sbuf *b, const char *s) { sb_putn(b, s, strlen(s)); }

/*
** Length of the quoted part or comment at p ('...', "...", -- to end of
** line, slash-star comment, $tag$...$tag$), 0 when p starts none: copied as is.
*/
static size_t skip_quoted(const char *p)
{
    if (*p == '\'' || *p == '"') {
        const char *q = p + 1;
        for (;;) {
            if (!*q) return (size_t)(q - p);
            if (*q == *p) {
                if (q[1] == *p) { q += 2; continue; }   /* doubled quote */
                return (size_t)(q + 1 - p);
            }
            q++;
        }
    }
    if (p[0] == '-' && p[1] == '-') return strcspn(p, "\n");
    if (p[0] == '/' && p[1] == '*') {
        const char *e = strstr(p + 2, "*/");
        return e ? (size_t)(e + 2 - p) : strlen(p);
    }
    if (p[0] == '$' && (p[1] == '$' || isalpha((unsigned char)p[1]))) {
        size_t t = 1;
        while (isalnum((unsigned char)p[t]) || p[t] == '_') t++;
        if (p[t] != '$') return 0;
        t++;
        char tag[64];
        if (t >= sizeof tag) return 0;
        memcpy(tag, p, t);
        tag[t] = 0;
        const char *e = strstr(p + t, tag);
        return e ? (size_t)(e + t - p) : strlen(p);
    }
    return 0;
}

char *jx_db_pg_params(const char *sql, int *nparams, char **used)
{
    sbuf b = {0};
    sb_puts(&b, "");
    int max = 0;
    size_t cap = 8;
    char *u = jx_xcalloc(cap, 1);
    for (const char *p = sql; *p;) {
        size_t q = skip_quoted(p);
        if (q) { sb_putn(&b, p, q); p += q; continue; }
        if (*p == '?') {
            int n;
            p++;
            if (isdigit((unsigned char)*p)) {
                n = (int)strtol(p, (char **)&p, 10);
            } else {
                n = max + 1;
            }
            if (n > max) max = n;
            if (n < 1 || n > 32766) n = 32767;   /* out of range: PostgreSQL reports it */
            while ((size_t)n > cap) {
                u = jx_xrealloc(u, cap * 2);
                memset(u + cap, 0, cap);
                cap *= 2;
            }
            if (n <= 32766) u[n - 1] = 1;
            char num[16];
            snprintf(num, sizeof num, "$%d", n);
            sb_puts(&b, num);
            continue;
        }
        sb_putn(&b, p, 1);
        p++;
    }
    *nparams = max;
    *used = u;
    return b.s;
}

/* 1 when c can be part of an SQL word. */
static int word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* The word ending just before p (within start), copied to w (empty when none). */
static void prev_word(const char *start, const char *p, char *w, size_t size)
{
    const char *e = p;
    while (e > start && isspace((unsigned char)e[-1])) e--;
    const char *s = e;
    while (s > start && word_char(s[-1])) s--;
    size_t n = (size_t)(e - s) < size - 1 ? (size_t)(e - s) : size - 1;
    memcpy(w, s, n);
    w[n] = 0;
}

char *jx_db_pg_schema(const char *sql)
{
    sbuf b = {0};
    sb_puts(&b, "");
    for (const char *p = sql; *p;) {
        size_t q = skip_quoted(p);
        if (q) { sb_putn(&b, p, q); p += q; continue; }
        if (!word_char(*p) || (p > sql && word_char(p[-1]))) { sb_putn(&b, p, 1); p++; continue; }
        size_t n = 0;
        while (word_char(p[n])) n++;
        char before[32];
        prev_word(sql, p, before, sizeof before);
        if (n == 7 && !strncmp(p, "INTEGER", 7)) {
            static const char pk[] = " PRIMARY KEY";
            if (!strcmp(before, "id") && !strncmp(p + 7, pk, sizeof pk - 1) && !word_char(p[7 + sizeof pk - 1])) {
                sb_puts(&b, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
                p += 7 + sizeof pk - 1;
            } else {
                sb_puts(&b, "BIGINT");
                p += 7;
            }
        } else if (n == 4 && !strncmp(p, "REAL", 4)) {
            sb_puts(&b, "DOUBLE PRECISION");
            p += 4;
        } else if (n == 4 && !strncmp(p, "BLOB", 4)) {
            sb_puts(&b, "BYTEA");
            p += 4;
        } else if (n == 4 && !strncmp(p, "TEXT", 4) && strcmp(before, "AS") != 0) {
            sb_puts(&b, "TEXT COLLATE \"C\"");
            p += 4;
        } else {
            sb_putn(&b, p, n);
            p += n;
        }
    }
    return b.s;
}
