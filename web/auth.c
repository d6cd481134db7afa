/*
** auth.c - who is asking, and whether they may: sessions, the failed-login
** limit, the one access gate the dispatcher runs before every handler, the
** login and logout (API and page), and the audit log's and users' API and
** admin page.
**
** Sessions live in this process's memory (a restart signs everyone out):
** the token handed out in the cookie is 32 random bytes (getrandom) and
** only its SHA-256 is kept, so a dump of the table opens no session. Each
** request reads the session's user from the store again, so a disabled
** user (jixiao user disable) or a changed role takes effect at once. A
** session ends after WEB_SESSION_IDLE without a request or WEB_SESSION_MAX
** after the login, whichever comes first.
**
** Failed logins are counted per user name and per client address: the
** WEB_LOGIN_FAILURES-th failure of a name (WEB_LOGIN_FAILURES_ADDRESS-th of
** an address, which may be an office's gateway) within WEB_LOGIN_WINDOW
** locks it out until the oldest of them is WEB_LOGIN_WINDOW old; a
** locked login is answered 429 with Retry-After without checking the
** password. Both tables are bounded (AUTH_MAX_ENTRIES; the oldest go).
**
** Locking: one mutex over both tables; no store call is made under it.
*/
#include <arpa/inet.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "web.h"

#define AUTH_MAX_ENTRIES 10000
#define COOKIE_NAME "jixiao_session"

typedef struct session {
    char token_hash[65];     /* SHA-256 of the cookie's token */
    char csrf[65];
    long long user_id;
    long long created, seen; /* monotonic seconds */
} session;

typedef struct failure {
    char key[300];           /* "user:NAME" or "addr:ADDRESS" */
    long long at[WEB_LOGIN_FAILURES_ADDRESS];   /* the last failures' times, oldest first */
    int n;
} failure;

struct web_auth_state {
    pthread_mutex_t lock;
    session *sessions;
    size_t nsessions, capsessions;
    failure *failures;
    size_t nfailures, capfailures;
    int idle, max;           /* session lifetimes, seconds */
};

static _Thread_local const web_auth *current_auth;

const web_auth *web_auth_current(void) { return current_auth; }

/* Monotonic seconds: session ages do not jump with the wall clock. */
static long long now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec;
}

void web_auth_init(web_server *srv)
{
    if (!srv->opt->auth) return;
    struct web_auth_state *a = jx_xcalloc(1, sizeof *a);
    pthread_mutex_init(&a->lock, NULL);
    a->idle = srv->opt->session_idle > 0 ? srv->opt->session_idle : WEB_SESSION_IDLE;
    a->max = srv->opt->session_max > 0 ? srv->opt->session_max : WEB_SESSION_MAX;
    srv->auth = a;
}

void web_auth_free(web_server *srv)
{
    struct web_auth_state *a = srv->auth;
    if (!a) return;
    pthread_mutex_destroy(&a->lock);
    free(a->sessions);
    free(a->failures);
    free(a);
    srv->auth = NULL;
}

/* ---- sessions (under the lock) -------------------------------------------- */

static int session_live(const struct web_auth_state *a, const session *s, long long now)
{
    return now - s->seen <= a->idle && now - s->created <= a->max;
}

/* Drop the expired sessions; when still full, the least recently used one. */
static void sessions_prune(struct web_auth_state *a, long long now)
{
    size_t w = 0;
    for (size_t i = 0; i < a->nsessions; i++)
        if (session_live(a, &a->sessions[i], now)) a->sessions[w++] = a->sessions[i];
    a->nsessions = w;
    if (a->nsessions >= AUTH_MAX_ENTRIES) {
        size_t old = 0;
        for (size_t i = 1; i < a->nsessions; i++)
            if (a->sessions[i].seen < a->sessions[old].seen) old = i;
        a->sessions[old] = a->sessions[--a->nsessions];
    }
}

/* The live session of a token hash (touched), or NULL; an expired one is removed. */
static session *session_find(struct web_auth_state *a, const char *hash, long long now)
{
    for (size_t i = 0; i < a->nsessions; i++) {
        if (!jx_secret_equal(a->sessions[i].token_hash, hash)) continue;
        if (!session_live(a, &a->sessions[i], now)) {
            a->sessions[i] = a->sessions[--a->nsessions];
            return NULL;
        }
        a->sessions[i].seen = now;
        return &a->sessions[i];
    }
    return NULL;
}

static void session_remove(struct web_auth_state *a, const char *hash)
{
    for (size_t i = 0; i < a->nsessions; i++)
        if (!strcmp(a->sessions[i].token_hash, hash)) {
            a->sessions[i] = a->sessions[--a->nsessions];
            return;
        }
}

/* ---- failed logins (under the lock) ----------------------------------------- */

static failure *failure_find(struct web_auth_state *a, const char *key)
{
    for (size_t i = 0; i < a->nfailures; i++)
        if (!strcmp(a->failures[i].key, key)) return &a->failures[i];
    return NULL;
}

/* Seconds until key, allowed limit failures a window, may try again (0: it may now). */
static long long failure_wait(struct web_auth_state *a, const char *key, int limit, long long now)
{
    failure *f = failure_find(a, key);
    if (!f || f->n < limit) return 0;
    long long until = f->at[0] + WEB_LOGIN_WINDOW;
    return until > now ? until - now : 0;
}

/* Count a failure of key (limit failures a window) now; only the last limit are kept. */
static void failure_add(struct web_auth_state *a, const char *key, int limit, long long now)
{
    failure *f = failure_find(a, key);
    if (!f) {
        if (a->nfailures >= AUTH_MAX_ENTRIES) {
            /* Forget the entries whose last failure is out of the window; else the stalest. */
            size_t w = 0, stale = 0;
            for (size_t i = 0; i < a->nfailures; i++)
                if (now - a->failures[i].at[a->failures[i].n - 1] < WEB_LOGIN_WINDOW) a->failures[w++] = a->failures[i];
            a->nfailures = w;
            if (a->nfailures >= AUTH_MAX_ENTRIES) {
                for (size_t i = 1; i < a->nfailures; i++)
                    if (a->failures[i].at[a->failures[i].n - 1] < a->failures[stale].at[a->failures[stale].n - 1])
                        stale = i;
                a->failures[stale] = a->failures[--a->nfailures];
            }
        }
        if (a->nfailures == a->capfailures) {
            a->capfailures = a->capfailures ? a->capfailures * 2 : 16;
            a->failures = jx_xrealloc(a->failures, a->capfailures * sizeof *a->failures);
        }
        f = &a->failures[a->nfailures++];
        memset(f, 0, sizeof *f);
        snprintf(f->key, sizeof f->key, "%s", key);
    }
    /* Failures older than the window no longer count. */
    int keep = 0;
    for (int i = 0; i < f->n; i++)
        if (now - f->at[i] < WEB_LOGIN_WINDOW) f->at[keep++] = f->at[i];
    f->n = keep;
    if (f->n == limit) {
        memmove(f->at, f->at + 1, (size_t)(limit - 1) * sizeof *f->at);
        f->n--;
    }
    f->at[f->n++] = now;
}

static void failure_clear(struct web_auth_state *a, const char *key)
{
    failure *f = failure_find(a, key);
    if (f) *f = a->failures[--a->nfailures];
}

/* ---- the gate ---------------------------------------------------------------- */

/* The client's numeric address into buf. */
static void client_address(struct MHD_Connection *c, char *buf, size_t size)
{
    snprintf(buf, size, "?");
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr) return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf, (socklen_t)size);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf, (socklen_t)size);
}

/* Fill who from the request's session cookie, if it names a live session of an enabled user. */
static void who_from_session(web_server *srv, struct MHD_Connection *c, web_auth *who)
{
    const char *token = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, COOKIE_NAME);
    if (!token || strlen(token) != 64) return;
    char hash[65];
    jx_sha256_hex(token, 64, hash);
    hash[64] = '\0';
    struct web_auth_state *a = srv->auth;
    long long uid = 0;
    pthread_mutex_lock(&a->lock);
    session *s = session_find(a, hash, now_s());
    if (s) {
        uid = s->user_id;
        snprintf(who->csrf, sizeof who->csrf, "%s", s->csrf);
        snprintf(who->session, sizeof who->session, "%s", hash);
    }
    pthread_mutex_unlock(&a->lock);
    if (!uid) return;
    jx_error err;
    jx_error_clear(&err);
    jx_store *store = web_store(srv, &err);
    jx_user u;
    int found = 0;
    if (!store || jx_user_get(store, NULL, uid, &u, &found, &err) != JX_OK) found = 0;
    if (found && !u.disabled) {
        who->user_id = u.id;
        who->role = u.role;
        snprintf(who->user, sizeof who->user, "%s", u.name);
        snprintf(who->unit, sizeof who->unit, "%s", u.unit ? u.unit : "");
    } else {
        /* The user is gone or disabled: so is the session. */
        pthread_mutex_lock(&a->lock);
        session_remove(a, hash);
        pthread_mutex_unlock(&a->lock);
        who->csrf[0] = who->session[0] = '\0';
    }
    if (found) jx_user_free(&u);
}

/* A refusal in the route's face: JSON for the API, a page otherwise. */
static void deny(const web_route *r, web_response *res, int status, const char *title, const char *message)
{
    if (r->face == WEB_FACE_API) web_api_error(res, status, message);
    else web_page_error(res, status, title, message);
}

/* The form id at the start of rest ("12", "12/submit"), 0 when none. */
static long long leading_id(const char *rest)
{
    long long id = 0;
    for (const char *p = rest; *p >= '0' && *p <= '9'; p++) {
        if (id > (1LL << 53)) return 0;
        id = id * 10 + (*p - '0');
    }
    return id;
}

int web_auth_gate(web_server *srv, struct MHD_Connection *c, const web_route *r, const web_request *req,
                  const char *csrf_field, web_auth *who, web_response *res)
{
    memset(who, 0, sizeof *who);
    client_address(c, who->address, sizeof who->address);
    current_auth = who;
    if (!srv->auth) {
        /* Loopback single-user mode: the one local user may do everything, as before --auth. */
        snprintf(who->user, sizeof who->user, "local");
        who->role = JX_ROLE_ADMIN;
        return 1;
    }
    who->on = 1;
    who_from_session(srv, c, who);
    if (r->needs & WEB_PUBLIC) return 1;
    if (!who->user_id) {
        if (r->face == WEB_FACE_PAGE) {
            jx_buf loc = {0};
            jx_buf_puts(&loc, "/login?next=");
            url_encode(&loc, req->path);
            res->status = 303;
            res->content_type = "text/html; charset=utf-8";
            res->location = jx_buf_take(&loc);
            jx_buf_puts(&res->body, "<!doctype html><meta charset=\"utf-8\"><title>请先登录</title>"
                                    "<p>请先<a href=\"/login\">登录</a>。</p>\n");
        } else {
            web_api_error(res, 401, "请先登录（POST /api/login）");
        }
        return 0;
    }
    if ((r->needs & WEB_NEEDS_ADMIN) && who->role != JX_ROLE_ADMIN) {
        deny(r, res, 403, "没有权限", "没有权限：此功能仅限管理员使用");
        return 0;
    }
    if ((r->needs & WEB_NEEDS_REVIEWER) && who->role == JX_ROLE_UNIT) {
        deny(r, res, 403, "没有权限", "没有权限：此功能仅限审核人和管理员使用");
        return 0;
    }
    if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0) {
        const char *token = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
        if (!token) token = csrf_field;
        if (!token || !who->csrf[0] || !jx_secret_equal(token, who->csrf)) {
            deny(r, res, 403, "请求被拒绝",
                 "请求被拒绝：缺少或无效的 CSRF 令牌（请求头 X-CSRF-Token 应为登录时得到的 csrf）");
            return 0;
        }
    }
    if (who->role == JX_ROLE_UNIT) {
        jx_error err;
        jx_error_clear(&err);
        jx_store *store = web_store(srv, &err);
        if (!store) {
            deny(r, res, 500, "数据库错误", err.message);
            return 0;
        }
        long long id = (r->needs & WEB_NEEDS_FORM) ? leading_id(req->rest) : 0;
        if (id > 0) {
            jx_form_query q = {0};
            q.id = id;
            q.limit = 1;
            jx_briefs b;
            if (jx_store_query_forms(store, &q, &b, &err) != JX_OK) {
                deny(r, res, 500, "数据库错误", err.message);
                return 0;
            }
            int other = b.count == 1 && (!b.items[0].unit || strcmp(b.items[0].unit, who->unit) != 0);
            jx_briefs_free(&b);
            if (other) {
                deny(r, res, 403, "没有权限", "没有权限：此项目不属于本单位，单位用户只能查看和编辑本单位的项目");
                return 0;
            }
        }
        /* Every list, summary and export this request reads: the unit's forms alone. (Writers,
           such as an import, are not scoped: the review they store covers every form.) */
        if (r->needs & WEB_NEEDS_STORE) jx_store_set_scope(store, who->unit);
    }
    return 1;
}

void web_auth_done(web_server *srv, web_auth *who)
{
    current_auth = NULL;
    if (!who->on || who->role != JX_ROLE_UNIT) return;
    jx_error err;
    jx_error_clear(&err);
    jx_store *store = web_store(srv, &err);
    if (store) jx_store_set_scope(store, NULL);
}

jx_status web_audit(web_server *srv, const web_request *req, const char *action, long long form_id,
                    long long version_before, long long version_after, const char *detail_json,
                    jx_error *err)
{
    jx_store *store = web_store(srv, err);
    if (!store) return err->status;
    const web_auth *who = req->auth;
    jx_audit_entry e = {.actor = who && who->user[0] ? who->user : "?",
                        .address = who ? who->address : "",
                        .action = action,
                        .form_id = form_id,
                        .version_before = version_before,
                        .version_after = version_after,
                        .detail_json = detail_json};
    return jx_audit_append(store, &e, err);
}

/* ---- login and logout ---------------------------------------------------------- */

typedef enum login_result { LOGIN_OK, LOGIN_BAD, LOGIN_LIMITED, LOGIN_ERROR } login_result;

/* Append an audit entry, reporting (not failing on) a store error. */
static void audit_quietly(web_server *srv, const web_request *req, const char *actor, const char *action,
                          const char *detail)
{
    jx_error err;
    jx_error_clear(&err);
    jx_store *store = web_store(srv, &err);
    jx_audit_entry e = {.actor = actor, .address = req->auth->address, .action = action, .detail_json = detail};
    if (!store || jx_audit_append(store, &e, &err) != JX_OK)
        fprintf(stderr, "jixiao: serve: audit log: %s\n", err.message);
}

/*
** Check a login and open a session: *token (65 bytes) the cookie's token and
** *csrf its CSRF token, *u the user (freed by the caller on LOGIN_OK).
** LOGIN_LIMITED sets *retry. Every outcome but LOGIN_LIMITED is audited.
*/
static login_result login(web_server *srv, const web_request *req, const char *name, const char *password,
                          char token[65], char csrf[65], jx_user *u, long long *retry, jx_error *err)
{
    struct web_auth_state *a = srv->auth;
    char ukey[300], akey[300];
    snprintf(ukey, sizeof ukey, "user:%s", name);
    snprintf(akey, sizeof akey, "addr:%s", req->auth->address);
    long long now = now_s();
    pthread_mutex_lock(&a->lock);
    long long wu = failure_wait(a, ukey, WEB_LOGIN_FAILURES, now),
              wa = failure_wait(a, akey, WEB_LOGIN_FAILURES_ADDRESS, now);
    pthread_mutex_unlock(&a->lock);
    if (wu || wa) {
        *retry = wu > wa ? wu : wa;
        return LOGIN_LIMITED;
    }
    jx_store *store = web_store(srv, err);
    if (!store) return LOGIN_ERROR;
    int ok = 0;
    if (jx_user_login(store, name, password, u, &ok, err) != JX_OK) return LOGIN_ERROR;
    /* The actor of a failed login is the name tried, when it is text at all. */
    const char *actor = *name && strlen(name) <= 64 && web_text_ok(name) ? name : "?";
    if (!ok) {
        pthread_mutex_lock(&a->lock);
        failure_add(a, ukey, WEB_LOGIN_FAILURES, now);
        failure_add(a, akey, WEB_LOGIN_FAILURES_ADDRESS, now);
        pthread_mutex_unlock(&a->lock);
        json_t *d = json_pack("{s:s}", "reason", "wrong user name or password, or user disabled");
        char *dj = json_dumps(d, JSON_COMPACT);
        json_decref(d);
        audit_quietly(srv, req, actor, "login.failed", dj);
        free(dj);
        return LOGIN_BAD;
    }
    char raw[65];
    session s = {0};
    if (jx_random_hex(raw, 32, err) != JX_OK || jx_random_hex(s.csrf, 32, err) != JX_OK) {
        jx_user_free(u);
        return LOGIN_ERROR;
    }
    jx_sha256_hex(raw, 64, s.token_hash);
    s.token_hash[64] = '\0';
    s.user_id = u->id;
    s.created = s.seen = now;
    pthread_mutex_lock(&a->lock);
    failure_clear(a, ukey);
    sessions_prune(a, now);
    if (a->nsessions == a->capsessions) {
        a->capsessions = a->capsessions ? a->capsessions * 2 : 16;
        a->sessions = jx_xrealloc(a->sessions, a->capsessions * sizeof *a->sessions);
    }
    a->sessions[a->nsessions++] = s;
    pthread_mutex_unlock(&a->lock);
    memcpy(token, raw, 65);
    memcpy(csrf, s.csrf, 65);
    audit_quietly(srv, req, u->name, "login", NULL);
    return LOGIN_OK;
}

/* The Set-Cookie of a new session (Secure under TLS), or of its end (token NULL). */
static char *session_cookie(const web_server *srv, const char *token)
{
    jx_buf b = {0};
    jx_buf_printf(&b, COOKIE_NAME "=%s; Path=/; HttpOnly; SameSite=Strict", token ? token : "");
    if (!token) jx_buf_puts(&b, "; Max-Age=0");
    if (srv->opt->tls_cert) jx_buf_puts(&b, "; Secure");
    return jx_buf_take(&b);
}

static void json_send(web_response *res, int status, json_t *v)
{
    web_json_answer(res, status, v);
}

static const char limited_msg[] = "登录失败次数过多，请稍后再试";

void web_api_login(web_server *srv, const web_request *req, web_response *res)
{
    if (!srv->auth) {
        web_api_error(res, 400, "服务器未启用登录（jixiao serve --auth）");
        return;
    }
    json_error_t je;
    json_t *body = json_loadb(req->body, req->body_len, 0, &je);
    const char *name = body ? json_string_value(json_object_get(body, "user")) : NULL;
    const char *password = body ? json_string_value(json_object_get(body, "password")) : NULL;
    if (!name || !password) {
        json_decref(body);
        web_api_error(res, 400, "请求体应为 JSON：{\"user\": 用户名, \"password\": 密码}");
        return;
    }
    char token[65], csrf[65];
    jx_user u;
    long long retry = 0;
    jx_error err;
    jx_error_clear(&err);
    login_result lr = login(srv, req, name, password, token, csrf, &u, &retry, &err);
    json_decref(body);
    if (lr == LOGIN_LIMITED) {
        res->retry_after = (int)retry;
        web_api_error(res, 429, limited_msg);
    } else if (lr == LOGIN_BAD) {
        web_api_error(res, 401, "用户名或密码错误");
    } else if (lr == LOGIN_ERROR) {
        web_api_error(res, 500, err.message);
    } else {
        res->set_cookie = session_cookie(srv, token);
        json_send(res, 200, json_pack("{s:s, s:s, s:s, s:s?}", "csrf", csrf, "user", u.name, "role",
                                      jx_role_name(u.role), "unit", u.unit));
        jx_user_free(&u);
    }
}

/* End the request's session (its cookie is cleared), audited. */
static void logout(web_server *srv, const web_request *req, web_response *res)
{
    const web_auth *who = req->auth;
    if (srv->auth && who->session[0]) {
        pthread_mutex_lock(&srv->auth->lock);
        session_remove(srv->auth, who->session);
        pthread_mutex_unlock(&srv->auth->lock);
        audit_quietly(srv, req, who->user, "logout", NULL);
    }
    res->set_cookie = session_cookie(srv, NULL);
}

void web_api_logout(web_server *srv, const web_request *req, web_response *res)
{
    logout(srv, req, res);
    json_send(res, 200, json_pack("{s:b}", "ok", 1));
}

void web_api_me(web_server *srv, const web_request *req, web_response *res)
{
    (void)srv;
    const web_auth *w = req->auth;
    json_send(res, 200, json_pack("{s:b, s:s, s:s, s:s?}", "auth", w->on, "user", w->user, "role",
                                  jx_role_name(w->role), "unit", w->unit[0] ? w->unit : NULL));
}

/* ---- the login page --------------------------------------------------------------- */

/* Value of field key in an application/x-www-form-urlencoded body, decoded (owned), or NULL. */
static char *form_field(const char *body, const char *key)
{
    size_t klen = strlen(key);
    for (const char *p = body; p && *p;) {
        const char *amp = strchr(p, '&');
        size_t len = amp ? (size_t)(amp - p) : strlen(p);
        if (len > klen && !strncmp(p, key, klen) && p[klen] == '=') {
            jx_buf b = {0};
            for (size_t i = klen + 1; i < len; i++) {
                char ch = p[i];
                int hi, lo;
                if (ch == '+') ch = ' ';
                else if (ch == '%' && i + 2 < len + 1 && sscanf(p + i + 1, "%1x%1x", &hi, &lo) == 2) {
                    ch = (char)(hi * 16 + lo);
                    i += 2;
                }
                jx_buf_putc(&b, ch);
            }
            char *v = jx_buf_take(&b);
            return v ? v : jx_strdup("");
        }
        p = amp ? amp + 1 : NULL;
    }
    return NULL;
}

char *web_form_field(const char *body, const char *key) { return form_field(body, key); }

/* A local path to go back to after the login: "/..." but not "//..." (another site); else "/". */
static const char *safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || !web_text_ok(next) || strlen(next) > 500)
        return "/";
    return next;
}

static void login_page(web_response *res, int status, const char *message, const char *next)
{
    res->status = status;
    res->content_type = "text/html; charset=utf-8";
    jx_buf *b = &res->body;
    web_page_open(b, "登录");
    jx_buf_puts(b, "<h1>登录</h1>");
    if (message) {
        jx_buf_puts(b, "<p class=\"alert error\" role=\"alert\" id=\"login-error\">");
        html_text(b, message);
        jx_buf_puts(b, "</p>");
    }
    jx_buf_puts(b, "<form class=\"login\" method=\"post\" action=\"/login\">"
                   "<p><label for=\"user\">用户名</label><br><input id=\"user\" name=\"user\" "
                   "autocomplete=\"username\" required autofocus></p>"
                   "<p><label for=\"password\">密码</label><br><input id=\"password\" name=\"password\" "
                   "type=\"password\" autocomplete=\"current-password\" required></p>"
                   "<input type=\"hidden\" name=\"next\" value=\"");
    html_text(b, safe_next(next));
    jx_buf_puts(b, "\"><p><button type=\"submit\" id=\"login-submit\">登录</button></p></form>"
                   "<p class=\"muted\">账号由管理员用 <code>jixiao user add</code> 创建。</p>");
    web_page_close(b);
}

void web_page_login(web_server *srv, const web_request *req, web_response *res)
{
    if (!srv->auth) {
        web_page_error(res, 404, "找不到页面", "服务器未启用登录（jixiao serve --auth）。");
        return;
    }
    if (strcmp(req->method, "POST") != 0) {
        login_page(res, 200, NULL, web_param_get(req, "next"));
        return;
    }
    char *name = form_field(req->body, "user"), *password = form_field(req->body, "password");
    char *next = form_field(req->body, "next");
    if (!name || !password) {
        login_page(res, 400, "请填写用户名和密码", next);
    } else {
        char token[65], csrf[65];
        jx_user u;
        long long retry = 0;
        jx_error err;
        jx_error_clear(&err);
        login_result lr = login(srv, req, name, password, token, csrf, &u, &retry, &err);
        if (lr == LOGIN_LIMITED) {
            res->retry_after = (int)retry;
            login_page(res, 429, limited_msg, next);
        } else if (lr == LOGIN_BAD) {
            login_page(res, 401, "用户名或密码错误", next);
        } else if (lr == LOGIN_ERROR) {
            web_page_error(res, 500, "数据库错误", err.message);
        } else {
            jx_user_free(&u);
            res->set_cookie = session_cookie(srv, token);
            res->status = 303;
            res->content_type = "text/html; charset=utf-8";
            res->location = jx_strdup(safe_next(next));
            jx_buf_puts(&res->body, "<!doctype html><meta charset=\"utf-8\"><title>已登录</title><p>已登录。</p>\n");
        }
    }
    if (password) memset(password, 0, strlen(password));
    free(name), free(password), free(next);
}

void web_page_logout(web_server *srv, const web_request *req, web_response *res)
{
    logout(srv, req, res);
    res->status = 303;
    res->content_type = "text/html; charset=utf-8";
    res->location = jx_strdup(srv->auth ? "/login" : "/");
    jx_buf_puts(&res->body, "<!doctype html><meta charset=\"utf-8\"><title>已退出</title><p>已退出。</p>\n");
}

/* ---- the audit log and the users ------------------------------------------------------ */

/* A whole number in [lo, hi]; 1 on success. */
static int parse_num(const char *s, long long lo, long long hi, long long *out)
{
    char *end;
    if (!s || !*s || *s == '+' || *s == ' ') return 0;
    long long v = strtoll(s, &end, 10);
    if (*end || v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

/*
** The audit query of ?form=&user=&page=&per_page=&after= (newest first;
** after=SEQ a keyset: the entries older than SEQ); a message for a 400, or NULL.
*/
static const char *audit_params(const web_request *req, jx_audit_query *q, long long *page, long long *per)
{
    static const char *const known[] = {"form", "user", "page", "per_page", "after", NULL};
    if (web_param_unknown(req, known)) return "未知的查询参数（可用：form, user, page, per_page, after）";
    memset(q, 0, sizeof *q);
    *page = 1;
    *per = 100;
    const char *v;
    if ((v = web_param_get(req, "form")) && *v && !parse_num(v, 1, 1LL << 53, &q->form_id))
        return "form 应为项目编号（正整数）";
    if ((v = web_param_get(req, "user")) && *v) q->actor = v;
    if ((v = web_param_get(req, "page")) && *v && !parse_num(v, 1, 1000000, page)) return "page 应为正整数";
    if ((v = web_param_get(req, "per_page")) && *v && !parse_num(v, 1, 500, per))
        return "per_page 应为 1 到 500 之间的整数";
    if ((v = web_param_get(req, "after")) && *v) {
        if (!parse_num(v, 1, 1LL << 53, &q->after)) return "after 应为正整数（上一页最后一条记录的序号）";
        if ((v = web_param_get(req, "page")) && *v) return "page 与 after 只能用其一";
    }
    q->limit = (long)*per + 1;   /* one more than the page: whether a next page exists */
    q->offset = q->after ? 0 : (*page - 1) * *per;
    q->newest_first = 1;
    return NULL;
}

static json_t *audit_json(const jx_audit_row *r)
{
    json_t *d = r->detail ? json_loads(r->detail, 0, NULL) : NULL;
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:s}", "seq", (json_int_t)r->seq,
                     "at", r->at, "actor", r->actor, "address", r->address, "action", r->action,
                     "form_id", r->form_id ? json_integer(r->form_id) : json_null(),
                     "version_before", r->version_before ? json_integer(r->version_before) : json_null(),
                     "version_after", r->version_after ? json_integer(r->version_after) : json_null(),
                     "detail", d ? d : json_null(), "prev_hash", r->prev_hash, "hash", r->hash);
}

void web_api_audit(web_server *srv, const web_request *req, web_response *res)
{
    jx_audit_query q;
    long long page, per;
    const char *bad = audit_params(req, &q, &page, &per);
    if (bad) { web_api_error(res, 400, bad); return; }
    jx_error err;
    jx_error_clear(&err);
    jx_store *store = web_store(srv, &err);
    jx_audit_rows rows;
    if (!store || jx_audit_query_rows(store, &q, &rows, &err) != JX_OK) {
        web_api_error(res, 500, err.message);
        return;
    }
    size_t shown = rows.count > (size_t)per ? (size_t)per : rows.count;
    json_t *arr = json_array();
    for (size_t i = 0; i < shown; i++) json_array_append_new(arr, audit_json(&rows.items[i]));
    /* next_after: the keyset of the next page (the last seq shown), null on the last page */
    json_send(res, 200, json_pack("{s:I, s:o, s:I, s:o, s:o, s:o}", "total", (json_int_t)rows.total, "page",
                                  q.after ? json_null() : json_integer(page), "per_page", (json_int_t)per,
                                  "after", q.after ? json_integer(q.after) : json_null(), "next_after",
                                  rows.count > shown ? json_integer(rows.items[shown - 1].seq) : json_null(),
                                  "entries", arr));
    jx_audit_rows_free(&rows);
}

void web_api_users(web_server *srv, const web_request *req, web_response *res)
{
    if (req->nparams) { web_api_error(res, 400, "此地址不接受查询参数"); return; }
    jx_error err;
    jx_error_clear(&err);
    jx_store *store = web_store(srv, &err);
    jx_user *u;
    size_t n;
    if (!store || jx_user_list(store, &u, &n, &err) != JX_OK) {
        web_api_error(res, 500, err.message);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s?, s:b, s:s}", "name", u[i].name, "role",
                                             jx_role_name(u[i].role), "unit", u[i].unit, "disabled",
                                             u[i].disabled, "created_at", u[i].created_at));
    jx_users_free(u, n);
    json_send(res, 200, json_pack("{s:o}", "users", arr));
}

/* The 审计日志 action names in Chinese, for the admin page (the API keeps the codes). */
static const char *action_zh(const char *a)
{
    static const struct { const char *code, *zh; } names[] = {
        {"login", "登录"}, {"login.failed", "登录失败"}, {"logout", "退出"}, {"import", "导入"},
        {"user.add", "新增用户"}, {"user.passwd", "修改密码"}, {"user.disable", "停用用户"},
        {"form.edit", "编辑项目"}, {"form.submit", "提交"}, {"form.return", "退回"},
        {"form.approve", "通过"}, {"form.comment", "添加意见"}, {"finding.disposition", "审核意见处理"},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(a, names[i].code)) return names[i].zh;
    return a;
}

void web_page_admin(web_server *srv, const web_request *req, web_response *res)
{
    jx_audit_query q;
    long long page, per;
    const char *bad = audit_params(req, &q, &page, &per);
    if (bad) { web_page_error(res, 400, "请求有误", bad); return; }
    jx_error err;
    jx_error_clear(&err);
    jx_store *store = web_store(srv, &err);
    jx_user *u = NULL;
    size_t n = 0;
    jx_audit_rows rows = {0};
    if (!store || jx_user_list(store, &u, &n, &err) != JX_OK ||
        jx_audit_query_rows(store, &q, &rows, &err) != JX_OK) {
        jx_users_free(u, n);
        web_page_error(res, 500, "数据库错误", err.message);
        return;
    }
    res->status = 200;
    res->content_type = "text/html; charset=utf-8";
    jx_buf *b = &res->body;
    web_page_open(b, "用户与审计日志");
    jx_buf_printf(b, "<h1>用户与审计日志</h1><h2>用户（%zu）</h2>"
                     "<table class=\"users\" id=\"users\"><thead><tr><th>用户名</th><th>角色</th>"
                     "<th>申报单位</th><th>状态</th><th>创建时间（UTC）</th></tr></thead><tbody>", n);
    for (size_t i = 0; i < n; i++) {
        jx_buf_puts(b, "<tr><td>");
        html_text(b, u[i].name);
        jx_buf_printf(b, "</td><td>%s</td><td>", jx_role_label(u[i].role));
        html_text_or(b, u[i].unit, "—");
        jx_buf_printf(b, "</td><td>%s</td><td>", u[i].disabled ? "已停用" : "正常");
        html_text(b, u[i].created_at);
        jx_buf_puts(b, "</td></tr>");
    }
    jx_buf_puts(b, "</tbody></table><p class=\"muted\">用户由命令行管理：<code>jixiao user add|passwd|disable</code>。</p>");
    jx_buf_printf(b, "<h2>审计日志（共 %lld 条，最新的在前）</h2>"
                     "<table class=\"audit\" id=\"audit\"><thead><tr><th>序号</th><th>时间（UTC）</th>"
                     "<th>用户</th><th>地址</th><th>操作</th><th>项目</th><th>版本</th><th>详情</th>"
                     "</tr></thead><tbody>", rows.total);
    size_t shown = rows.count > (size_t)per ? (size_t)per : rows.count;
    for (size_t i = 0; i < shown; i++) {
        const jx_audit_row *r = &rows.items[i];
        jx_buf_printf(b, "<tr data-action=\"");
        html_text(b, r->action);
        jx_buf_printf(b, "\"><td>%lld</td><td>", r->seq);
        html_text(b, r->at);
        jx_buf_puts(b, "</td><td>");
        html_text(b, r->actor);
        jx_buf_puts(b, "</td><td>");
        html_text(b, r->address);
        jx_buf_puts(b, "</td><td>");
        html_text(b, action_zh(r->action));
        jx_buf_puts(b, "</td><td>");
        if (r->form_id) jx_buf_printf(b, "<a href=\"/forms/%lld\">%lld</a>", r->form_id, r->form_id);
        jx_buf_puts(b, "</td><td>");
        if (r->version_before || r->version_after)
            jx_buf_printf(b, "%lld → %lld", r->version_before, r->version_after);
        jx_buf_puts(b, "</td><td><code>");
        html_text(b, r->detail);
        jx_buf_puts(b, "</code></td></tr>");
    }
    jx_buf_puts(b, "</tbody></table>");
    if (q.after) {   /* a keyset page: the way on, and back to the newest */
        jx_buf_puts(b, "<nav class=\"pager\"><a href=\"/admin\">最新一页</a>");
        if (rows.count > shown)
            jx_buf_printf(b, " <a href=\"/admin?after=%lld&amp;per_page=%lld\">下一页</a>",
                          rows.items[shown - 1].seq, per);
        jx_buf_puts(b, "</nav>");
    } else if (rows.total > page * per || page > 1) {
        jx_buf_puts(b, "<nav class=\"pager\">");
        if (page > 1) jx_buf_printf(b, "<a href=\"/admin?page=%lld\">上一页</a> ", page - 1);
        if (rows.total > page * per) jx_buf_printf(b, "<a href=\"/admin?page=%lld\">下一页</a>", page + 1);
        jx_buf_puts(b, "</nav>");
    }
    jx_buf_puts(b, "<p class=\"muted\">每条记录带有与前一条相链的 SHA-256 散列；"
                   "<code>jixiao audit verify</code> 检查整条链未被改动。</p>");
    web_page_close(b);
    jx_users_free(u, n);
    jx_audit_rows_free(&rows);
}
