/*
** auth_store.c - users and the audit log in the store (see jixiao/auth.h).
**
** Invariants:
**   - users.password_hash holds an Argon2id encoded hash, never a password;
**   - audit_log rows are only ever inserted (jx_audit_append is the only
**     writer), numbered seq 1, 2, ... without gaps: each seq is the last
**     one + 1 inside the write transaction, and seq is the primary key, so
**     two concurrent writers can never both append after the same entry
**     (one fails instead of forking the chain);
**   - audit_log.hash = SHA-256 of the canonical serialisation of the row
**     (canonical(), which includes prev_hash), and prev_hash is the hash of
**     the row before (64 zeros for seq 1);
**   - the stored detail is the compact, key-sorted form of the JSON object
**     given, so what is hashed is exactly what is stored;
**   - user ids come from the database (RETURNING id); audit seqs are
**     computed here (last + 1); the SQL is store.h's portable subset.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "jixiao/auth.h"
#include "jixiao/util.h"
#include "store.h"

/* Migration 8: users and the audit log. */
const char jx_auth_migration[] =
    "CREATE TABLE users ("
    "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, unit TEXT,"
    "  password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,"
    "  created_at TEXT NOT NULL, changed_at TEXT NOT NULL);"
    "CREATE TABLE audit_log ("
    "  seq INTEGER NOT NULL, at_utc TEXT NOT NULL, actor TEXT NOT NULL, address TEXT NOT NULL,"
    "  action TEXT NOT NULL, form_id INTEGER, version_before INTEGER, version_after INTEGER,"
    "  detail TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
    "CREATE UNIQUE INDEX audit_log_seq ON audit_log(seq);"
    "CREATE INDEX audit_log_form ON audit_log(form_id);"
    "CREATE INDEX audit_log_actor ON audit_log(actor);";

static const char genesis_hash[] = "0000000000000000000000000000000000000000000000000000000000000000";

/* ---- roles ------------------------------------------------------------------- */

static const struct { const char *name, *label; } roles[] = {
    [JX_ROLE_UNIT] = {"unit", "单位用户"},
    [JX_ROLE_REVIEWER] = {"reviewer", "审核人"},
    [JX_ROLE_ADMIN] = {"admin", "管理员"},
};

const char *jx_role_name(jx_role r) { return (unsigned)r < 3 ? roles[r].name : "?"; }
const char *jx_role_label(jx_role r) { return (unsigned)r < 3 ? roles[r].label : "?"; }

int jx_role_parse(const char *name, jx_role *out)
{
    for (int i = 0; i < 3; i++)
        if (name && !strcmp(name, roles[i].name)) { *out = (jx_role)i; return 0; }
    return -1;
}

/* ---- helpers ----------------------------------------------------------------- */

static jx_status prepare(jx_store *s, const char *sql, jx_stmt **st, const char *what, jx_error *err)
{
    if (jx_db_prepare_to(jx_store_db(s), sql, 0, st) == JX_DB_OK) return JX_OK;
    return jx_store_db_error(s, err, what);
}

static void bind_id(jx_stmt *st, int i, long long v)
{
    if (v) jx_stmt_bind_int64(st, i, v);
    else jx_stmt_bind_null(st, i);
}

/* Now, UTC, ISO 8601 with seconds. */
static void now_utc(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* 1 when name is 1-64 bytes of valid UTF-8: ASCII letters, digits, . _ - or any non-ASCII letter. */
static int valid_name(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len > 64) return 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)name;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
        if (n <= 0) return 0;
        if (cp < 0x80) {
            if (!((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
                  cp == '.' || cp == '_' || cp == '-'))
                return 0;
        } else {
            utf8proc_category_t c = utf8proc_category(cp);
            if (c < UTF8PROC_CATEGORY_LU || c > UTF8PROC_CATEGORY_LO) return 0;
        }
        p += n;
    }
    return 1;
}

/* 1 when a unit name is valid UTF-8 text without control characters, 1-200 bytes. */
static int valid_unit(const char *unit)
{
    size_t len = strlen(unit);
    if (len == 0 || len > 200) return 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)unit;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
        if (n <= 0 || cp < 0x20 || cp == 0x7f) return 0;
        p += n;
    }
    return 1;
}

/* ---- users ------------------------------------------------------------------- */

void jx_user_free(jx_user *u)
{
    if (!u) return;
    free(u->name);
    free(u->unit);
    free(u->created_at);
    memset(u, 0, sizeof *u);
}

void jx_users_free(jx_user *u, size_t n)
{
    for (size_t i = 0; i < n; i++) jx_user_free(&u[i]);
    free(u);
}

#define USER_COLS "id, name, role, unit, disabled, created_at"

static void user_from_row(jx_stmt *st, jx_user *u)
{
    memset(u, 0, sizeof *u);
    u->id = jx_stmt_int64(st, 0);
    u->name = jx_col_text(st, 1);
    const char *role = jx_stmt_text(st, 2);
    if (jx_role_parse(role, &u->role) != 0) u->role = JX_ROLE_UNIT;   /* least power */
    u->unit = jx_col_text(st, 3);
    u->disabled = jx_stmt_int(st, 4);
    u->created_at = jx_col_text(st, 5);
}

jx_status jx_user_add(jx_store *s, const char *name, jx_role role, const char *unit,
                      const char *password, jx_error *err)
{
    if (!name || !valid_name(name))
        return jx_error_set(err, JX_EUSAGE, NULL, 0,
                            "user name '%s' is not 1-64 letters, digits, '.', '_' or '-'",
                            name ? name : "");
    if ((unsigned)role > JX_ROLE_ADMIN) return jx_error_set(err, JX_EUSAGE, NULL, 0, "unknown role");
    if (role == JX_ROLE_UNIT && (!unit || !*unit))
        return jx_error_set(err, JX_EUSAGE, NULL, 0,
                            "a unit user needs --unit UNIT (the 申报单位 of its forms)");
    if (role != JX_ROLE_UNIT && unit)
        return jx_error_set(err, JX_EUSAGE, NULL, 0, "only a unit user has a --unit (a %s sees every form)",
                            jx_role_name(role));
    if (unit && !valid_unit(unit))
        return jx_error_set(err, JX_EUSAGE, NULL, 0, "--unit is not 1-200 bytes of text");
    char *hash = NULL;
    jx_status rc = jx_password_hash(password, &hash, err);
    if (rc) return rc;
    int own;
    if ((rc = jx_store_tx(s, 1, &own, err))) { free(hash); return rc; }
    jx_stmt *q = NULL;
    char now[32];
    now_utc(now);
    if ((rc = prepare(s, "SELECT count(*) FROM users WHERE name = ?1", &q, "adding a user", err))) goto done;
    jx_stmt_bind_text(q, 1, name);
    if (jx_stmt_step(q) != JX_DB_ROW) { rc = jx_store_db_error(s, err, "adding a user"); goto done; }
    if (jx_stmt_int64(q, 0) > 0) {
        rc = jx_error_set(err, JX_EUSAGE, NULL, 0, "user '%s' already exists", name);
        goto done;
    }
    jx_stmt_finalize(q);
    if ((rc = prepare(s,
                      "INSERT INTO users (name, role, unit, password_hash, disabled, created_at,"
                      " changed_at) VALUES (?1, ?2, ?3, ?4, 0, ?5, ?5) RETURNING id",
                      &q, "adding a user", err)))
        goto done;
    jx_stmt_bind_text(q, 1, name);
    jx_stmt_bind_text(q, 2, jx_role_name(role));
    jx_stmt_bind_text(q, 3, unit);
    jx_stmt_bind_text(q, 4, hash);
    jx_stmt_bind_text(q, 5, now);
    long long id;
    if (jx_stmt_step_value(q, &id) != JX_DB_OK) rc = jx_store_db_error(s, err, "adding a user");
done:
    jx_stmt_finalize(q);
    free(hash);
    return jx_store_tx_end(s, own, rc, err);
}

/* Run an UPDATE of one user by name (?1 the name, ?2 text, ?3 now); JX_EUSAGE when there is none. */
static jx_status update_user(jx_store *s, const char *sql, const char *name, const char *text,
                             const char *what, jx_error *err)
{
    int own;
    jx_status rc = jx_store_tx(s, 1, &own, err);
    if (rc) return rc;
    jx_stmt *q = NULL;
    char now[32];
    now_utc(now);
    if ((rc = prepare(s, sql, &q, what, err))) goto done;
    jx_stmt_bind_text(q, 1, name);
    jx_stmt_bind_text(q, 2, text);
    jx_stmt_bind_text(q, 3, now);
    if (jx_stmt_step(q) != JX_DB_DONE) { rc = jx_store_db_error(s, err, what); goto done; }
    if (jx_db_changes(jx_store_db(s)) == 0)
        rc = jx_error_set(err, JX_EUSAGE, NULL, 0, "no user '%s'", name);
done:
    jx_stmt_finalize(q);
    return jx_store_tx_end(s, own, rc, err);
}

jx_status jx_user_set_password(jx_store *s, const char *name, const char *password, jx_error *err)
{
    char *hash = NULL;
    jx_status rc = jx_password_hash(password, &hash, err);
    if (rc) return rc;
    rc = update_user(s, "UPDATE users SET password_hash = ?2, changed_at = ?3 WHERE name = ?1", name, hash,
                     "changing a password", err);
    free(hash);
    return rc;
}

jx_status jx_user_disable(jx_store *s, const char *name, jx_error *err)
{
    return update_user(s, "UPDATE users SET disabled = 1, changed_at = ?3 WHERE name = ?1",
                       name, NULL, "disabling a user", err);
}

jx_status jx_user_list(jx_store *s, jx_user **out, size_t *n, jx_error *err)
{
    *out = NULL;
    *n = 0;
    jx_stmt *q;
    jx_status rc = prepare(s, "SELECT " USER_COLS " FROM users ORDER BY name", &q, "listing users", err);
    if (rc) return rc;
    int r;
    while ((r = jx_stmt_step(q)) == JX_DB_ROW) {
        *out = jx_xrealloc(*out, (*n + 1) * sizeof **out);
        user_from_row(q, &(*out)[(*n)++]);
    }
    if (r != JX_DB_DONE) {
        rc = jx_store_db_error(s, err, "listing users");
        jx_users_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    jx_stmt_finalize(q);
    return rc;
}

/* One user row by name (or id when name is NULL); *hash its password hash when hash is given. */
static jx_status user_row(jx_store *s, const char *name, long long id, jx_user *out, char **hash,
                          int *found, jx_error *err)
{
    *found = 0;
    if (hash) *hash = NULL;
    jx_stmt *q;
    jx_status rc = prepare(s,
                           name ? "SELECT " USER_COLS ", password_hash FROM users WHERE name = ?1"
                                : "SELECT " USER_COLS ", password_hash FROM users WHERE id = ?2",
                           &q, "reading a user", err);
    if (rc) return rc;
    if (name) jx_stmt_bind_text(q, 1, name);
    else jx_stmt_bind_int64(q, 2, id);
    int r = jx_stmt_step(q);
    if (r == JX_DB_ROW) {
        user_from_row(q, out);
        if (hash) *hash = jx_col_text(q, 6);
        *found = 1;
    } else if (r != JX_DB_DONE) {
        rc = jx_store_db_error(s, err, "reading a user");
    }
    jx_stmt_finalize(q);
    return rc;
}

jx_status jx_user_get(jx_store *s, const char *name, long long id, jx_user *out, int *found,
                      jx_error *err)
{
    return user_row(s, name, id, out, NULL, found, err);
}

/* The hash of a password nobody knows, verified for unknown users so that they cost the same time. */
static const char dummy_hash[] =
    "$argon2id$v=19$m=19456,t=2,p=1$aml4aWFvLW5vLXVzZXIhIQ$"
    "/D5HM0Bk24okCr/eDj0zwDHTe4BO2Bvofm90D1P+qnM";

jx_status jx_user_login(jx_store *s, const char *name, const char *password, jx_user *out, int *ok,
                        jx_error *err)
{
    *ok = 0;
    memset(out, 0, sizeof *out);
    char *hash = NULL;
    int found = 0;
    jx_status rc = user_row(s, name, 0, out, &hash, &found, err);
    if (rc) return rc;
    int match = jx_password_verify(found ? hash : dummy_hash, password);
    free(hash);
    if (found && match && !out->disabled) *ok = 1;
    else if (found) jx_user_free(out);
    return JX_OK;
}

jx_status jx_user_count(jx_store *s, long long *n, jx_error *err)
{
    jx_stmt *q;
    jx_status rc = prepare(s, "SELECT count(*) FROM users WHERE disabled = 0", &q, "counting users", err);
    if (rc) return rc;
    if (jx_stmt_step(q) == JX_DB_ROW) *n = jx_stmt_int64(q, 0);
    else rc = jx_store_db_error(s, err, "counting users");
    jx_stmt_finalize(q);
    return rc;
}

/* ---- the audit log ----------------------------------------------------------- */

/* Append one field as "<length>:<bytes>\n", or "~\n" for NULL: no two rows serialise alike. */
static void put_field(jx_buf *b, const char *v)
{
    if (!v) { jx_buf_puts(b, "~\n"); return; }
    jx_buf_printf(b, "%zu:", strlen(v));
    jx_buf_puts(b, v);
    jx_buf_putc(b, '\n');
}

static void put_num(jx_buf *b, long long v)
{
    char t[32];
    snprintf(t, sizeof t, "%lld", v);
    put_field(b, v ? t : NULL);
}

/*
** The hash of a row: SHA-256 over "jixiao-audit-v1\n" and each field in
** this order: seq, at, actor, address, action, form_id, version_before,
** version_after, detail, prev_hash (0 ids as NULL).
*/
static void row_hash(const jx_audit_row *r, char out[65])
{
    jx_buf b = {0};
    jx_buf_puts(&b, "jixiao-audit-v1\n");
    put_num(&b, r->seq);
    put_field(&b, r->at);
    put_field(&b, r->actor);
    put_field(&b, r->address);
    put_field(&b, r->action);
    put_num(&b, r->form_id);
    put_num(&b, r->version_before);
    put_num(&b, r->version_after);
    put_field(&b, r->detail);
    put_field(&b, r->prev_hash);
    jx_sha256_hex(b.data ? b.data : "", b.len, out);
    out[64] = '\0';
    jx_buf_free(&b);
}

jx_status jx_audit_append(jx_store *s, const jx_audit_entry *e, jx_error *err)
{
    if (!e || !e->actor || !*e->actor || !e->action || !*e->action)
        return jx_error_set(err, JX_EUSAGE, NULL, 0, "audit entry without an actor or an action");
    char *detail = NULL;
    if (e->detail_json) {
        json_error_t je;
        json_t *j = json_loads(e->detail_json, 0, &je);
        if (!j || !json_is_object(j)) {
            json_decref(j);
            return jx_error_set(err, JX_EUSAGE, NULL, 0, "audit detail is not a JSON object: %s",
                                j ? "not an object" : je.text);
        }
        detail = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(j);
    }
    int own;
    jx_status rc = jx_store_tx(s, 1, &own, err);
    if (rc) { free(detail); return rc; }
    jx_stmt *q = NULL;
    char at[32], prev[65], hash[65];
    now_utc(at);
    jx_audit_row r = {0};
    if ((rc = prepare(s, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", &q,
                      "appending to the audit log", err)))
        goto done;
    int step = jx_stmt_step(q);
    if (step == JX_DB_ROW) {
        r.seq = jx_stmt_int64(q, 0) + 1;
        const char *h = jx_stmt_text(q, 1);
        snprintf(prev, sizeof prev, "%s", h ? h : "");
    } else if (step == JX_DB_DONE) {
        r.seq = 1;
        snprintf(prev, sizeof prev, "%s", genesis_hash);
    } else {
        rc = jx_store_db_error(s, err, "appending to the audit log");
        goto done;
    }
    jx_stmt_finalize(q);
    q = NULL;
    r.at = at;
    r.actor = (char *)e->actor;
    r.address = (char *)(e->address ? e->address : "");
    r.action = (char *)e->action;
    r.form_id = e->form_id;
    r.version_before = e->version_before;
    r.version_after = e->version_after;
    r.detail = detail;
    r.prev_hash = prev;
    row_hash(&r, hash);
    if ((rc = prepare(s,
                      "INSERT INTO audit_log (seq, at_utc, actor, address, action, form_id, version_before,"
                      " version_after, detail, prev_hash, hash) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
                      &q, "appending to the audit log", err)))
        goto done;
    jx_stmt_bind_int64(q, 1, r.seq);
    jx_stmt_bind_text(q, 2, r.at);
    jx_stmt_bind_text(q, 3, r.actor);
    jx_stmt_bind_text(q, 4, r.address);
    jx_stmt_bind_text(q, 5, r.action);
    bind_id(q, 6, r.form_id);
    bind_id(q, 7, r.version_before);
    bind_id(q, 8, r.version_after);
    jx_stmt_bind_text(q, 9, r.detail);
    jx_stmt_bind_text(q, 10, r.prev_hash);
    jx_stmt_bind_text(q, 11, hash);
    if (jx_stmt_step(q) != JX_DB_DONE) rc = jx_store_db_error(s, err, "appending to the audit log");
done:
    jx_stmt_finalize(q);
    free(detail);
    return jx_store_tx_end(s, own, rc, err);
}

#define AUDIT_COLS                                                                                 \
    "seq, at_utc, actor, address, action, coalesce(form_id, 0), coalesce(version_before, 0),"         \
    " coalesce(version_after, 0), detail, prev_hash, hash"

static void audit_from_row(jx_stmt *st, jx_audit_row *r)
{
    memset(r, 0, sizeof *r);
    r->seq = jx_stmt_int64(st, 0);
    r->at = jx_col_text(st, 1);
    r->actor = jx_col_text(st, 2);
    r->address = jx_col_text(st, 3);
    r->action = jx_col_text(st, 4);
    r->form_id = jx_stmt_int64(st, 5);
    r->version_before = jx_stmt_int64(st, 6);
    r->version_after = jx_stmt_int64(st, 7);
    r->detail = jx_col_text(st, 8);
    r->prev_hash = jx_col_text(st, 9);
    r->hash = jx_col_text(st, 10);
}

static void audit_row_free(jx_audit_row *r)
{
    free(r->at), free(r->actor), free(r->address), free(r->action);
    free(r->detail), free(r->prev_hash), free(r->hash);
}

void jx_audit_rows_free(jx_audit_rows *r)
{
    for (size_t i = 0; i < r->count; i++) audit_row_free(&r->items[i]);
    free(r->items);
    memset(r, 0, sizeof *r);
}

jx_status jx_audit_query_rows(jx_store *s, const jx_audit_query *qy, jx_audit_rows *out, jx_error *err)
{
#define AUDIT_COND " WHERE (?1 = 0 OR form_id = ?1) AND (CAST(?2 AS TEXT) IS NULL OR actor = ?2)"
    /* [keyset][newest first]: the keyset ?5 a range of the key seq, not a scan */
    static const char *const page_sql[2][2] = {
        {"SELECT " AUDIT_COLS " FROM audit_log" AUDIT_COND " ORDER BY seq LIMIT ?3 OFFSET ?4",
         "SELECT " AUDIT_COLS " FROM audit_log" AUDIT_COND " ORDER BY seq DESC LIMIT ?3 OFFSET ?4"},
        {"SELECT " AUDIT_COLS " FROM audit_log" AUDIT_COND " AND seq > ?5 ORDER BY seq LIMIT ?3 OFFSET ?4",
         "SELECT " AUDIT_COLS " FROM audit_log" AUDIT_COND " AND seq < ?5 ORDER BY seq DESC LIMIT ?3 OFFSET ?4"}};
    int keyset = qy->after > 0;
    memset(out, 0, sizeof *out);
    int own;
    jx_status rc = jx_store_tx(s, 0, &own, err);
    if (rc) return rc;
    jx_stmt *cq = NULL, *pq = NULL;
    if ((rc = prepare(s, "SELECT count(*) FROM audit_log" AUDIT_COND, &cq, "reading the audit log", err)))
        goto done;
    jx_stmt_bind_int64(cq, 1, qy->form_id);
    jx_stmt_bind_text(cq, 2, qy->actor && *qy->actor ? qy->actor : NULL);
    if (jx_stmt_step(cq) != JX_DB_ROW) { rc = jx_store_db_error(s, err, "reading the audit log"); goto done; }
    out->total = jx_stmt_int64(cq, 0);
    if (qy->limit == 0) goto done;
    if ((rc = prepare(s, page_sql[keyset][qy->newest_first ? 1 : 0], &pq, "reading the audit log", err)))
        goto done;
    jx_stmt_bind_int64(pq, 1, qy->form_id);
    jx_stmt_bind_text(pq, 2, qy->actor && *qy->actor ? qy->actor : NULL);
    jx_stmt_bind_int64(pq, 3, qy->limit < 0 ? JX_NO_LIMIT : qy->limit);
    jx_stmt_bind_int64(pq, 4, qy->offset > 0 && !keyset ? qy->offset : 0);
    if (keyset) jx_stmt_bind_int64(pq, 5, qy->after);
    int r;
    size_t cap = 0;
    while ((r = jx_stmt_step(pq)) == JX_DB_ROW) {
        out->items = jx_grow(out->items, &cap, out->count, sizeof *out->items);
        audit_from_row(pq, &out->items[out->count++]);
    }
    if (r != JX_DB_DONE) rc = jx_store_db_error(s, err, "reading the audit log");
done:
    jx_stmt_finalize(cq);
    jx_stmt_finalize(pq);
    rc = jx_store_tx_end(s, own, rc, err);
    if (rc) jx_audit_rows_free(out);
    return rc;
}

jx_status jx_audit_verify(jx_store *s, long long *count, long long *bad_seq, const char **why,
                          char head_hash[65], jx_error *err)
{
    *count = 0;
    *bad_seq = 0;
    *why = NULL;
    snprintf(head_hash, 65, "%s", genesis_hash);
    int own;
    jx_status rc = jx_store_tx(s, 0, &own, err);
    if (rc) return rc;
    jx_stmt *q = NULL;
    /* The whole log, row by row: streamed (a PostgreSQL cursor), never held at once. */
    if (jx_db_prepare_to(jx_store_db(s), "SELECT " AUDIT_COLS " FROM audit_log ORDER BY seq", JX_DB_STREAM,
                         &q) != JX_DB_OK) {
        rc = jx_store_db_error(s, err, "verifying the audit log");
        goto done;
    }
    char prev[65];
    snprintf(prev, sizeof prev, "%s", genesis_hash);
    long long expect = 1;
    int r;
    while ((r = jx_stmt_step(q)) == JX_DB_ROW) {
        jx_audit_row row;
        audit_from_row(q, &row);
        char h[65];
        const char *bad = NULL;
        if (row.seq != expect) bad = row.seq > expect ? "entries are missing before it" : "its number is out of order";
        else if (!row.prev_hash || strcmp(row.prev_hash, prev) != 0)
            bad = "its prev_hash is not the hash of the entry before (an entry before it was changed, "
                  "inserted or removed)";
        else {
            jx_audit_row c = row;
            row_hash(&c, h);
            if (!row.hash || strcmp(row.hash, h) != 0) bad = "its hash does not match its content (the entry was altered)";
        }
        if (bad) {
            *bad_seq = row.seq > expect ? expect : row.seq;
            *why = bad;
            audit_row_free(&row);
            break;
        }
        snprintf(prev, sizeof prev, "%s", row.hash);
        (*count)++;
        expect++;
        audit_row_free(&row);
    }
    if (!*bad_seq && r != JX_DB_DONE) rc = jx_store_db_error(s, err, "verifying the audit log");
    snprintf(head_hash, 65, "%s", prev);
done:
    jx_stmt_finalize(q);
    return jx_store_tx_end(s, own, rc, err);
}
