/*
** auth.h - users and roles and the tamper-evident audit log, kept in the
** store (lib/store/auth_store.c); the secrets they rest on (random tokens,
** SHA-256, Argon2id) are jixiao/secret.h's.
**
** Roles: a unit user (单位用户) sees and edits only the forms whose 申报单位
** (the form's "unit" field) equals the user's unit; a reviewer (审核人)
** sees all forms and reviews; an admin (管理员) manages users and the rule
** configuration and sees all forms.
**
** Passwords are stored only as Argon2id encoded hashes (salt from
** getrandom); no function here logs or returns a password.
**
** The audit log is append-only: jx_audit_append is the only writer, entries
** are numbered 1, 2, ... without gaps, and each carries the SHA-256 of the
** previous entry's hash and its own canonical serialisation (auth_store.c,
** row_hash), so altering, inserting or removing an entry breaks
** the chain at that entry, which jx_audit_verify reports.
*/
#ifndef JIXIAO_AUTH_H
#define JIXIAO_AUTH_H

#include <stddef.h>

#include "jixiao/error.h"
#include "jixiao/secret.h"
#include "jixiao/store.h"

/* ---- roles ------------------------------------------------------------------- */

typedef enum jx_role { JX_ROLE_UNIT = 0, JX_ROLE_REVIEWER = 1, JX_ROLE_ADMIN = 2 } jx_role;

/* "unit", "reviewer", "admin". */
const char *jx_role_name(jx_role role);
/* The role's Chinese name: 单位用户, 审核人, 管理员. */
const char *jx_role_label(jx_role role);
/* Parse a role name; 0 on success, -1 for an unknown name. */
int jx_role_parse(const char *name, jx_role *out);

/* ---- users (lib/store/auth_store.c) ------------------------------------------ */

typedef struct jx_user {
    long long id;
    char *name;
    jx_role role;
    char *unit;             /* the 申报单位 of a unit user, NULL for the others */
    int disabled;
    char *created_at;       /* UTC, ISO 8601 */
} jx_user;

void jx_user_free(jx_user *u);   /* frees the strings, not u */
void jx_users_free(jx_user *u, size_t n);

/*
** Add a user. name: 1-64 characters of letters, digits, '.', '_', '-' or
** CJK; a unit user needs unit, the others must have none. JX_EUSAGE when
** the name is taken or anything is invalid (nothing stored).
*/
jx_status jx_user_add(jx_store *store, const char *name, jx_role role, const char *unit,
                      const char *password, jx_error *err);
/* Set a user's password (JX_EUSAGE when there is no such user). */
jx_status jx_user_set_password(jx_store *store, const char *name, const char *password, jx_error *err);
/* Disable a user: it can no longer log in, and its sessions end. */
jx_status jx_user_disable(jx_store *store, const char *name, jx_error *err);
/* All users ordered by name. */
jx_status jx_user_list(jx_store *store, jx_user **out, size_t *n, jx_error *err);
/* One user by name or (name NULL) by id; *found 0 when none. */
jx_status jx_user_get(jx_store *store, const char *name, long long id, jx_user *out, int *found,
                      jx_error *err);
/*
** Check a login: *ok 1 and *out filled when the user exists, is enabled and
** the password matches. An unknown user costs the same hashing time.
*/
jx_status jx_user_login(jx_store *store, const char *name, const char *password, jx_user *out,
                        int *ok, jx_error *err);
/* The number of enabled users (serve --auth warns when there is none). */
jx_status jx_user_count(jx_store *store, long long *n, jx_error *err);

/* ---- the audit log (lib/store/auth_store.c) ----------------------------------- */

/*
** One entry to append (strings borrowed). The action names what happened,
** lowercase words joined by '.', e.g. "login", "login.failed", "logout",
** "import", "user.add", "user.passwd", "user.disable", "form.edit",
** "form.submit", "form.return", "form.approve", "finding.disposition".
*/
typedef struct jx_audit_entry {
    const char *actor;          /* user name; "cli:LOGIN" for the command line; never NULL */
    const char *address;        /* client address, "local" for the command line; NULL: "" */
    const char *action;         /* never NULL */
    long long form_id;          /* the form concerned, 0: none */
    long long version_before;   /* the form's version before, 0: none */
    long long version_after;    /* and after, 0: none */
    const char *detail_json;    /* a JSON object with what else matters (comment, file, ...), or NULL */
} jx_audit_entry;

/*
** Append an entry (its time is now, UTC). Inside the caller's write
** transaction (jx_store_begin) it joins it, so an edit and its audit entry
** commit together; otherwise it is a transaction of its own. detail_json,
** when given, must be a JSON object (JX_EUSAGE otherwise: nothing stored).
*/
jx_status jx_audit_append(jx_store *store, const jx_audit_entry *e, jx_error *err);

/* A stored entry (owned strings). */
typedef struct jx_audit_row {
    long long seq;
    char *at;                   /* UTC, ISO 8601 "2026-12-01T12:00:00Z" */
    char *actor, *address, *action;
    long long form_id, version_before, version_after;
    char *detail;               /* JSON object text, NULL when none */
    char *prev_hash, *hash;     /* 64 hex digits each */
} jx_audit_row;

typedef struct jx_audit_rows {
    jx_audit_row *items;
    size_t count;
    long long total;            /* matching entries, all pages together */
} jx_audit_rows;

typedef struct jx_audit_query {
    long long form_id;          /* 0: any */
    const char *actor;          /* exact user name, NULL: any */
    long long offset;
    long limit;                 /* < 0: all */
    int newest_first;
    long long after;            /* keyset: only entries past seq after in the order asked
                                   (below it newest first), offset then 0; 0: none */
} jx_audit_query;

jx_status jx_audit_query_rows(jx_store *store, const jx_audit_query *q, jx_audit_rows *out,
                              jx_error *err);
void jx_audit_rows_free(jx_audit_rows *r);

/*
** Walk the whole chain in seq order. *bad_seq is 0 when every entry links
** to the one before (its prev_hash is that entry's hash, seq has no gap) and
** its hash is right over its stored fields; else the first bad entry's seq
** (for a gap, the first seq missing) and *why (static English text) says
** what is wrong. *count: the entries checked; head_hash: the last good hash.
*/
jx_status jx_audit_verify(jx_store *store, long long *count, long long *bad_seq, const char **why,
                          char head_hash[65], jx_error *err);

#endif
