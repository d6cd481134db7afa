/*
** server.c - the HTTP side of `jixiao serve`: the libmicrohttpd daemon,
** reading requests (query, uploads with a size limit), handing them to the
** API or the pages, sending the answer, and stopping on SIGINT/SIGTERM.
**
** A request is answered on the first call of the access handler, before any
** body is read, unless it is a POST to an upload route: then the body is
** collected (multipart/form-data through MHD's post processor, anything else
** as the raw file) up to the limit, and answered on the last call. A body
** announced larger than the limit is refused at once with 413; one that
** grows past it without announcing its size is read to the end, discarded,
** and refused with 413. A request whose route reads no body (a GET) may still
** send one: it is discarded, up to WEB_MAX_BODY; past that (announced or
** not) it is answered 413 at once and the connection closed, not read on.
**
** Routing is one table (web_routes): each entry names its methods, its path
** or prefix, its handler and what it needs (an upload body, a store
** snapshot). A route that needs the store is answered inside one read
** transaction of the thread's connection; its ETag is the store's change
** counter, so a client's If-None-Match that still matches gets 304 without
** the handler running. Large answers are gzip'd for clients that accept it.
*/
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include "jixiao/review.h"
#include "web.h"

/* Per-request state, kept between calls of the access handler. */
typedef struct conn_state {
    jx_buf body;                    /* raw body, or the file part of a multipart body */
    struct MHD_PostProcessor *pp;   /* multipart parser, NULL for a raw body */
    char *upload_name;              /* file name of the part, or ?filename= */
    int file_parts;                 /* parts with a non-empty file name */
    size_t received;                /* body bytes seen */
    int too_large;
    const char *problem;            /* malformed upload */
    char *csrf;                     /* a multipart body's csrf field (a page's form under --auth) */
    int body_only;                  /* a WEB_NEEDS_BODY route: the raw body, up to WEB_MAX_BODY */
    int discard;                    /* a route that reads no body: one sent is counted, not kept */
    int answered;                   /* its 413 is queued: nothing more is read or answered */
} conn_state;

/* What the server shares with the handler callbacks. */
typedef struct daemon_ctx {
    web_server srv;
} daemon_ctx;

const char *web_param_get(const web_request *req, const char *key)
{
    for (size_t i = 0; i < req->nparams; i++)
        if (!strcmp(req->params[i].key, key)) return req->params[i].value;
    return NULL;
}

const char *web_param_unknown(const web_request *req, const char *const *allowed)
{
    for (size_t i = 0; i < req->nparams; i++) {
        size_t k = 0;
        while (allowed[k] && strcmp(allowed[k], req->params[i].key) != 0) k++;
        if (!allowed[k]) return req->params[i].key;
    }
    return NULL;
}

const web_asset *web_asset_find(const char *name)
{
    for (const web_asset *a = web_assets; a->name; a++)
        if (!strcmp(a->name, name)) return a;
    return NULL;
}

/*
** The routes, first match wins (exact paths before the prefixes that cover
** them). allow is also the Allow header of a 405.
*/
const web_route web_routes[] = {
    {"GET, HEAD", "/api", 0, web_api_index, 0, WEB_FACE_API},
    {"GET, HEAD", "/api/", 0, web_api_index, 0, WEB_FACE_API},
    {"POST", "/api/login", 0, web_api_login, WEB_NEEDS_BODY | WEB_PUBLIC, WEB_FACE_API},
    {"POST", "/api/logout", 0, web_api_logout, WEB_NEEDS_BODY, WEB_FACE_API},
    {"GET, HEAD", "/api/me", 0, web_api_me, 0, WEB_FACE_API},
    {"GET, HEAD", "/api/audit", 0, web_api_audit, WEB_NEEDS_REVIEWER, WEB_FACE_API},
    {"GET, HEAD", "/api/users", 0, web_api_users, WEB_NEEDS_ADMIN, WEB_FACE_API},
    {"GET, HEAD", "/api/forms", 0, web_api_forms, WEB_NEEDS_STORE, WEB_FACE_API},
    /* GET the form; PUT an edit, POST a transition or a comment (workflow.c: roles per action) */
    {"GET, HEAD, POST, PUT", "/api/forms/", 1, web_api_form, WEB_NEEDS_STORE | WEB_NEEDS_FORM | WEB_NEEDS_BODY,
     WEB_FACE_API},
    {"GET, HEAD", "/api/findings", 0, web_api_findings, WEB_NEEDS_STORE, WEB_FACE_API},
    {"POST", "/api/findings/", 1, web_api_finding_post, WEB_NEEDS_BODY | WEB_NEEDS_FORM | WEB_NEEDS_REVIEWER,
     WEB_FACE_API},
    {"GET, HEAD", "/api/summary", 0, web_api_summary, WEB_NEEDS_STORE, WEB_FACE_API},
    {"GET, HEAD", "/api/export", 0, web_api_export, WEB_NEEDS_STORE, WEB_FACE_API},
    {"GET, HEAD", "/api/region.png", 0, web_api_region, WEB_NEEDS_STORE, WEB_FACE_API},
    {"GET, HEAD", "/api/disclosures", 0, web_api_disclosures, WEB_NEEDS_STORE, WEB_FACE_API},
    {"GET, HEAD", "/api/disclosures/", 1, web_api_disclosure, WEB_NEEDS_STORE, WEB_FACE_API},
    {"POST", "/api/import", 0, web_api_import, WEB_NEEDS_UPLOAD, WEB_FACE_API},
    /* evaluations: a unit user's own unit's only (evaluations.c) */
    {"GET, HEAD", "/api/evaluations", 0, web_api_evaluations, WEB_NEEDS_STORE, WEB_FACE_API},
    {"GET, HEAD", "/api/evaluations/history", 0, web_api_evaluation_history, WEB_NEEDS_STORE, WEB_FACE_API},
    {"GET, HEAD", "/api/evaluations/", 1, web_api_evaluation, WEB_NEEDS_STORE, WEB_FACE_API},
    {"GET, HEAD", "/", 0, web_page_list, WEB_NEEDS_STORE, WEB_FACE_PAGE},
    {"GET, HEAD", "/forms/", 1, web_page_form, WEB_NEEDS_STORE | WEB_NEEDS_FORM, WEB_FACE_PAGE},
    {"GET, HEAD", "/findings", 0, web_page_findings, WEB_NEEDS_STORE, WEB_FACE_PAGE},
    {"GET, HEAD", "/disclosures", 0, web_page_disclosures, WEB_NEEDS_STORE, WEB_FACE_PAGE},
    {"GET, HEAD", "/disclosures/", 1, web_page_disclosure, WEB_NEEDS_STORE, WEB_FACE_PAGE},
    {"GET, HEAD", "/summary", 0, web_page_summary, WEB_NEEDS_STORE, WEB_FACE_PAGE},
    {"GET, HEAD", "/evaluations", 0, web_page_evaluations, WEB_NEEDS_STORE, WEB_FACE_PAGE},
    {"GET, HEAD", "/evaluations/history", 0, web_page_evaluation_history, WEB_NEEDS_STORE, WEB_FACE_PAGE},
    {"GET, HEAD", "/evaluations/", 1, web_page_evaluation, WEB_NEEDS_STORE, WEB_FACE_PAGE},
    {"GET, HEAD, POST", "/import", 0, web_page_import, WEB_NEEDS_UPLOAD, WEB_FACE_PAGE},
    {"GET, HEAD, POST", "/login", 0, web_page_login, WEB_NEEDS_BODY | WEB_PUBLIC, WEB_FACE_PAGE},
    {"POST", "/logout", 0, web_page_logout, WEB_NEEDS_BODY, WEB_FACE_PAGE},
    {"GET, HEAD", "/admin", 0, web_page_admin, WEB_NEEDS_ADMIN, WEB_FACE_PAGE},
    {"GET, HEAD", "/assets/", 1, web_page_asset, WEB_PUBLIC, WEB_FACE_ASSET},
    {NULL, NULL, 0, NULL, 0, WEB_FACE_PAGE},
};

const web_route *web_route_find(const char *path)
{
    for (const web_route *r = web_routes; r->path; r++) {
        size_t n = strlen(r->path);
        if (r->prefix ? !strncmp(path, r->path, n) : !strcmp(path, r->path)) return r;
    }
    return NULL;
}

/* 1 when method is one of the route's. */
static int route_allows(const web_route *r, const char *method)
{
    size_t n = strlen(method);
    for (const char *p = r->allow; (p = strstr(p, method)) != NULL; p += n)
        if ((p == r->allow || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0')) return 1;
    return 0;
}

/* The needs of the routes that read a body: a POSTed file, or a small body. */
static unsigned body_route(const char *url)
{
    const web_route *r = web_route_find(url);
    return r ? r->needs & (WEB_NEEDS_UPLOAD | WEB_NEEDS_BODY) : 0;
}

static int is_api(const char *url)
{
    return !strcmp(url, "/api") || !strncmp(url, "/api/", 5);
}

/* The calling thread's connection; the key's destructor closes it when the thread ends. */
jx_store *web_store(web_server *srv, jx_error *err)
{
    jx_store *s = pthread_getspecific(srv->store_key);
    if (s) return s;
    if (jx_store_open(srv->opt->db_path, &s, err) != JX_OK) return NULL;
    jx_store_tune_reader(s);
    pthread_setspecific(srv->store_key, s);
    return s;
}

static void close_thread_store(void *p)
{
    jx_store_close(p);
}

/* Query collection: the parameters, and the first problem found. */
typedef struct query {
    web_param *items;
    size_t count, cap;
    const char *problem;
} query;

static enum MHD_Result collect_param(void *cls, enum MHD_ValueKind kind, const char *key,
                                     size_t key_size, const char *value, size_t value_size)
{
    (void)kind;
    query *q = cls;
    if (!value) value = "";
    if (strlen(key) != key_size || strlen(value) != value_size) {
        q->problem = "查询参数中含有 NUL 字符";
        return MHD_YES;
    }
    if (!web_text_ok(key) || !web_text_ok(value)) {
        q->problem = "查询参数不是有效的 UTF-8 文本";
        return MHD_YES;
    }
    q->items = jx_grow(q->items, &q->cap, q->count, sizeof *q->items);
    q->items[q->count].key = key;
    q->items[q->count].value = value;
    q->count++;
    return MHD_YES;
}

/* Headers every answer carries: no sniffing, no framing, scripts only from /assets/. */
static void security_headers(struct MHD_Response *r)
{
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                            "img-src 'self' data:; form-action 'self'; base-uri 'none'; "
                            "frame-ancestors 'none'");
}

/* The answer buffer's first size: most answers (a form, a page of a list) fit. */
#define WEB_BODY_START (48 * 1024)

/* Bodies at least this long are gzip'd for clients that accept it. */
#define GZIP_MIN 2048

/* 1 when the Accept-Encoding header accepts gzip (a "gzip;q=0" refuses it). */
static int accepts_gzip(struct MHD_Connection *c)
{
    const char *ae = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding");
    const char *g = ae ? strstr(ae, "gzip") : NULL;
    if (!g) return 0;
    const char *q = g + 4;
    while (*q == ' ') q++;
    if (*q == ';') {
        q++;
        while (*q == ' ') q++;
        if (!strncmp(q, "q=0", 3) && (q[3] == '\0' || q[3] == ',' || q[3] == ' ' ||
                                      (q[3] == '.' && strspn(q + 4, "0") == strcspn(q + 4, ", "))))
            return 0;
    }
    return 1;
}

/*
** The thread's deflate stream, made on its first gzip'd answer and reset for
** each next one (deflateInit2 allocates and clears about 300 KB: more than
** compressing a form's answer). Freed when the thread ends (gzip_key's
** destructor). Level 1: a form's 20 KB answer in about a third of level 6's
** CPU for 13-17 % more bytes, on a server whose clients are mostly on the
** same network.
*/
static pthread_key_t gzip_key;
static pthread_once_t gzip_once = PTHREAD_ONCE_INIT;

/* gzip_key's destructor: the thread's stream ends with it. */
static void gzip_stream_free(void *p)
{
    deflateEnd(p);
    free(p);
}

static void gzip_key_make(void)
{
    pthread_key_create(&gzip_key, gzip_stream_free);
}

/* The calling thread's stream, ready for a new body; NULL when zlib fails. */
static z_stream *gzip_stream(void)
{
    pthread_once(&gzip_once, gzip_key_make);
    z_stream *z = pthread_getspecific(gzip_key);
    if (z) return deflateReset(z) == Z_OK ? z : NULL;
    z = jx_xcalloc(1, sizeof *z);
    if (deflateInit2(z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(z);
        return NULL;
    }
    if (pthread_setspecific(gzip_key, z) != 0) {
        gzip_stream_free(z);
        return NULL;
    }
    return z;
}

/* body gzip'd into a new buffer (*out, *outlen); 0 when zlib fails (send it plain). */
static int gzip_body(const char *body, size_t len, char **out, size_t *outlen)
{
    z_stream *z = gzip_stream();
    if (!z) return 0;
    size_t cap = deflateBound(z, (uLong)len);
    char *buf = jx_xmalloc(cap);
    z->next_in = (Bytef *)body;
    z->avail_in = (uInt)len;
    z->next_out = (Bytef *)buf;
    z->avail_out = (uInt)cap;
    int r = deflate(z, Z_FINISH);
    *outlen = cap - z->avail_out;
    if (r != Z_STREAM_END) { free(buf); return 0; }
    *out = buf;
    return 1;
}

/* Queue res on the connection; frees its parts. etag: the answer's ETag or NULL. */
static enum MHD_Result send_response(struct MHD_Connection *c, const char *method,
                                     const char *url, web_response *res, const web_options *opt,
                                     const char *etag)
{
    size_t len = res->body.len;
    char *data = jx_buf_take(&res->body);
    int gz = 0;
    if (len >= GZIP_MIN && res->status == 200 && accepts_gzip(c)) {
        char *z;
        size_t zlen;
        if (gzip_body(data ? data : "", len, &z, &zlen)) {
            free(data);
            data = z;
            len = zlen;
            gz = 1;
        }
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(data);
        free(res->disposition);
        free(res->location);
        free(res->set_cookie);
        return MHD_NO;
    }
    if (res->status != 304) MHD_add_response_header(r, "Content-Type", res->content_type);
    /* An answer with an ETag may be kept, but is revalidated on every use. */
    MHD_add_response_header(r, "Cache-Control", etag ? "no-cache" : "no-store");
    if (etag) MHD_add_response_header(r, "ETag", etag);
    MHD_add_response_header(r, "Vary", "Accept-Encoding");
    if (gz) MHD_add_response_header(r, "Content-Encoding", "gzip");
    security_headers(r);
    if (res->disposition) MHD_add_response_header(r, "Content-Disposition", res->disposition);
    if (res->allow) MHD_add_response_header(r, "Allow", res->allow);
    if (res->location) MHD_add_response_header(r, "Location", res->location);
    if (res->set_cookie) MHD_add_response_header(r, "Set-Cookie", res->set_cookie);
    if (res->retry_after > 0) {
        char ra[24];
        snprintf(ra, sizeof ra, "%d", res->retry_after);
        MHD_add_response_header(r, "Retry-After", ra);
    }
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)res->status, r);
    MHD_destroy_response(r);
    if (!opt->quiet) fprintf(stderr, "jixiao: serve: %s %s %d\n", method, url, res->status);
    free(res->disposition);
    free(res->location);
    free(res->set_cookie);
    return ret;
}

/* Answer a request whose query or path is not text, before dispatch. */
static void refuse(web_response *res, const char *url, int status, const char *message)
{
    res->status = status;
    if (is_api(url)) {
        res->content_type = "application/json; charset=utf-8";
        jx_buf_puts(&res->body, "{\"error\": {\"message\": \"");
        jx_buf_puts(&res->body, message);   /* static text without quotes */
        jx_buf_puts(&res->body, "\"}}\n");
    } else {
        res->content_type = "text/html; charset=utf-8";
        jx_buf_puts(&res->body, "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\">"
                                "<link rel=\"stylesheet\" href=\"/assets/style.css\">"
                                "<title>请求有误</title><main><h1>请求有误</h1><p class=\"error\">");
        html_text(&res->body, message);
        jx_buf_puts(&res->body, "</p><p><a href=\"/\">返回项目列表</a></p></main></html>\n");
    }
}

static const char too_large_msg[] = "上传的文件超过大小限制";


/* 1 when an If-None-Match header lists etag (weak comparison) or is "*". */
static int etag_matches(struct MHD_Connection *c, const char *etag)
{
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    if (!inm) return 0;
    const char *tag = etag + (etag[0] == 'W' ? 2 : 0);   /* the quoted part */
    size_t n = strlen(tag);
    for (const char *p = inm; *p;) {
        while (*p == ' ' || *p == ',') p++;
        if (*p == '*') return 1;
        if (p[0] == 'W' && p[1] == '/') p += 2;
        if (!strncmp(p, tag, n) && (p[n] == '\0' || p[n] == ',' || p[n] == ' ')) return 1;
        while (*p && *p != ',') p++;
    }
    return 0;
}

/* Answer an unknown path or a method the route does not take, in the route's face. */
static void refuse_route(web_response *res, const char *url, const web_route *r)
{
    web_face face = r ? r->face : is_api(url) ? WEB_FACE_API : WEB_FACE_PAGE;
    if (!r) {
        if (face == WEB_FACE_API) web_api_error(res, 404, "没有这个 API 地址");
        else web_page_error(res, 404, "找不到页面", "没有这个页面。");
        return;
    }
    res->allow = r->allow;
    if (face == WEB_FACE_API) {
        char msg[128];
        snprintf(msg, sizeof msg, "此地址只接受 %s 请求", r->allow);
        web_api_error(res, 405, msg);
    } else if (face == WEB_FACE_PAGE) {
        web_page_error(res, 405, "请求方法不允许", "此页面不接受这种请求方法。");
    } else {
        res->status = 405;
        res->content_type = "text/plain; charset=utf-8";
        jx_buf_puts(&res->body, "method not allowed\n");
    }
}

/*
** Run a route that needs the store: inside one read transaction of the
** thread's connection, whose change counter is the ETag (W/"g<N>"). When
** the client already holds that state, 304 and the handler does not run.
*/
static void run_with_store(daemon_ctx *d, struct MHD_Connection *c, const web_route *r,
                           const web_request *req, web_response *res, char *etag, size_t etag_size)
{
    /* Under --auth what a page shows depends on who asks: the user is part of the ETag. */
    long long uid = req->auth->on ? req->auth->user_id : 0;
    jx_error err;
    jx_error_clear(&err);
    jx_store *store = web_store(&d->srv, &err);
    long long gen = 0;
    if (!store || jx_store_begin_read(store, &err) != JX_OK) {
        if (r->face == WEB_FACE_API) web_api_error(res, 500, err.message);
        else web_page_error(res, 500, "数据库错误", err.message);
        return;
    }
    if (jx_store_generation(store, &gen, &err) == JX_OK) {
        if (uid) snprintf(etag, etag_size, "W/\"g%lld-u%lld\"", gen, uid);
        else snprintf(etag, etag_size, "W/\"g%lld\"", gen);
        if (etag_matches(c, etag)) {
            res->status = 304;
            jx_store_end_read(store);
            return;
        }
    }
    r->handler(&d->srv, req, res);
    jx_store_end_read(store);
    if (res->status != 200) etag[0] = '\0';   /* errors are not cached */
}

/* Build the request from the connection and state, route it, run the handler, send. */
static enum MHD_Result dispatch(daemon_ctx *d, struct MHD_Connection *c, const char *url,
                                const char *method, conn_state *st)
{
    web_response res = {0};
    res.status = 200;
    /* Room for a form's answer or page at once: growing it step by step cost a
       reallocation each, and each of the larger ones made malloc consolidate. */
    res.body.cap = WEB_BODY_START;
    res.body.data = jx_xmalloc(res.body.cap);
    res.body.data[0] = '\0';
    char etag[64] = "";
    query q = {0};
    MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, collect_param, &q);
    const web_route *route = web_text_ok(url) ? web_route_find(url) : NULL;
    if (q.problem || !web_text_ok(url)) {
        refuse(&res, url, MHD_HTTP_BAD_REQUEST, q.problem ? q.problem : "请求路径不是有效的 UTF-8 文本");
    } else if (!route || !route_allows(route, method)) {
        refuse_route(&res, url, route);
    } else {
        web_request req = {0};
        req.method = method;
        req.path = url;
        req.rest = route->prefix ? url + strlen(route->path) : "";
        req.params = q.items;
        req.nparams = q.count;
        const char *csrf_form = NULL;
        char *csrf_body = NULL;
        if (st && st->body_only) {
            req.body = st->body.data ? st->body.data : "";
            req.body_len = st->body.len;
            const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
            if (ct && !strncasecmp(ct, "application/x-www-form-urlencoded", 33))
                csrf_form = csrf_body = web_form_field(req.body, "csrf");
        } else if (st && !strcmp(method, "POST")) {
            csrf_form = st->csrf;
            req.upload_too_large = st->too_large;
            req.upload_problem = st->too_large ? too_large_msg : st->problem;
            if (st->pp && !st->problem && st->file_parts == 0)
                req.upload_problem = "请求中没有上传的文件";
            if (!st->pp && !st->upload_name) {
                /* A raw body names its file in the query. */
                const char *name = web_param_get(&req, "filename");
                if (name) st->upload_name = jx_strdup(name);
                else if (!req.upload_problem) req.upload_problem = "缺少文件名（filename 参数）";
            }
            req.upload_name = st->upload_name;
            req.upload_data = st->body.data ? st->body.data : "";
            req.upload_len = st->body.len;
        }
        if (!req.body) req.body = "";
        web_auth who;
        req.auth = &who;
        if (st && st->body_only && st->too_large) {
            jx_buf_free(&res.body);
            web_api_error(&res, 413, "请求体过大");
        } else if (web_auth_gate(&d->srv, c, route, &req, csrf_form, &who, &res)) {
            /* A write (PUT, POST to a store route) takes its own write transaction, not a snapshot. */
            int reads = !strcmp(method, "GET") || !strcmp(method, "HEAD");
            if ((route->needs & WEB_NEEDS_STORE) && reads)
                run_with_store(d, c, route, &req, &res, etag, sizeof etag);
            else route->handler(&d->srv, &req, &res);
        }
        web_auth_done(&d->srv, &who);
        free(csrf_body);
    }
    free(q.items);
    return send_response(c, method, url, &res, d->srv.opt, etag[0] ? etag : NULL);
}

/* Multipart parts: keep the one file, note anything wrong. */
static enum MHD_Result post_part(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *filename, const char *content_type,
                                 const char *transfer_encoding, const char *data, uint64_t off,
                                 size_t size)
{
    (void)kind, (void)key, (void)content_type, (void)transfer_encoding;
    conn_state *st = cls;
    if ((!filename || !*filename) && key && !strcmp(key, "csrf") && off == 0 && size < 128) {
        free(st->csrf);
        st->csrf = jx_strndup(data, size);   /* a page's form under --auth carries its CSRF token */
        return MHD_YES;
    }
    if (!filename || !*filename) return MHD_YES;   /* a plain field, or no file chosen */
    if (off == 0) {
        st->file_parts++;
        if (st->file_parts > 1) {
            st->problem = "一次只能上传一个文件";
            return MHD_YES;
        }
        st->upload_name = jx_strdup(filename);
    }
    if (st->file_parts == 1) jx_buf_append(&st->body, data, size);
    return MHD_YES;
}

/* The per-request state of a request without a body, between its first and second call. */
static conn_state no_body;

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)version;
    daemon_ctx *d = cls;
    conn_state *st = *con_cls;
    if (st == &no_body) {   /* a request that needs no body: a body sent anyway is discarded */
        if (*upload_data_size) {
            *upload_data_size = 0;
            return MHD_YES;
        }
        *con_cls = NULL;   /* the last call: answer it */
        return dispatch(d, c, url, method, NULL);
    }
    if (!st) {
        unsigned needs = strcmp(method, "GET") && strcmp(method, "HEAD") ? body_route(url) : 0;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (!needs && !(cl && strcmp(cl, "0")) &&
            !MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding")) {
            /* Answered on the next call, not this first one: libmicrohttpd (0.9.75) closes
               the connection after an answer queued in the first call, so every request of a
               keep-alive client (a browser, wrk) would pay a new TCP connection. */
            *con_cls = &no_body;
            return MHD_YES;
        }
        st = jx_xcalloc(1, sizeof *st);
        *con_cls = st;
        st->discard = !needs;                 /* a body nobody reads: counted against WEB_MAX_BODY */
        st->body_only = !(needs & WEB_NEEDS_UPLOAD);
        size_t limit = st->body_only ? WEB_MAX_BODY : (size_t)d->srv.opt->max_upload;
        if (cl) {
            char *end;
            unsigned long long n = strtoull(cl, &end, 10);
            if (*end || n > (unsigned long long)limit) {
                st->too_large = 1;
                return dispatch(d, c, url, method, st);
            }
        }
        const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
        if (!st->body_only && ct && !strncasecmp(ct, "multipart/form-data", 19)) {
            st->pp = MHD_create_post_processor(c, 64 * 1024, post_part, st);
            if (!st->pp) st->problem = "multipart 请求格式错误（缺少 boundary）";
        }
        return MHD_YES;
    }
    if (st->answered) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        st->received += n;
        if (st->received > (st->body_only ? (size_t)WEB_MAX_BODY : (size_t)d->srv.opt->max_upload)) {
            st->too_large = 1;
            jx_buf_free(&st->body);
            if (st->discard) {                                         /* 413 now, not read on */
                st->answered = 1;
                return dispatch(d, c, url, method, st);
            }
        }
        if (st->too_large || st->problem || st->discard) return MHD_YES;   /* read on, discard */
        if (st->pp) {
            if (MHD_post_process(st->pp, upload_data, n) != MHD_YES && !st->problem)
                st->problem = "multipart 请求格式错误";
        } else {
            jx_buf_append(&st->body, upload_data, n);
        }
        return MHD_YES;
    }
    return dispatch(d, c, url, method, st);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)c, (void)toe;
    conn_state *st = *con_cls;
    if (!st || st == &no_body) return;
    if (st->pp) MHD_destroy_post_processor(st->pp);
    jx_buf_free(&st->body);
    free(st->upload_name);
    free(st->csrf);
    free(st);
    *con_cls = NULL;
}

/* Value of a hex digit, -1 for another character. */
static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/*
** Percent-decoding of the path and of each query key and value, in place.
** %00 becomes the byte 0xFF, which is never valid UTF-8: a NUL can never
** cut a name short ("style.css%00.js"), the text check rejects it instead.
*/
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls, (void)c;
    char *w = s;
    for (const char *r = s; *r;) {
        int hi, lo;
        if (r[0] == '%' && (hi = hexval(r[1])) >= 0 && (lo = hexval(r[2])) >= 0) {
            int v = hi * 16 + lo;
            *w++ = v ? (char)v : (char)0xff;
            r += 3;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return (size_t)(w - s);
}

/* MHD's own diagnostics, on stderr with our prefix. */
static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    fputs("jixiao: serve: microhttpd: ", stderr);
    vfprintf(stderr, fmt, ap);
}

/* The stop signals' pipe: written by the handler, read by web_serve. */
static int stop_pipe[2] = {-1, -1};

static void on_stop_signal(int sig)
{
    int saved = errno;
    unsigned char c = (unsigned char)sig;
    ssize_t n = write(stop_pipe[1], &c, 1);   /* async-signal-safe */
    (void)n;
    errno = saved;
}

/* Put the earlier handlers back and close the pipe. */
static void stop_signals_restore(const struct sigaction *old_int, const struct sigaction *old_term)
{
    sigaction(SIGINT, old_int, NULL);
    sigaction(SIGTERM, old_term, NULL);
    close(stop_pipe[0]);
    close(stop_pipe[1]);
    stop_pipe[0] = stop_pipe[1] = -1;
}

/* Free what web_serve set up for the handlers. */
static void serve_state_free(daemon_ctx *d)
{
    web_auth_free(&d->srv);
    jx_review_config_free(d->srv.config);
    pthread_key_delete(d->srv.store_key);
    pthread_mutex_destroy(&d->srv.write_lock);
    pthread_mutex_destroy(&d->srv.region_lock);
    for (size_t i = 0; i < JX_HTTP_REGION_CACHE; i++) free(d->srv.regions[i].png);
}

/* A PEM file (key or certificate) into b, NUL-terminated; 0 after reporting why not. */
static int read_pem(const char *path, jx_buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "jixiao: serve: cannot read %s: %s\n", path, strerror(errno));
        return 0;
    }
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b->len < 1024 * 1024) jx_buf_append(b, chunk, n);
    int bad = ferror(f) || !b->len || !strstr(b->data, "-----BEGIN ");
    fclose(f);
    if (bad) fprintf(stderr, "jixiao: serve: %s: not a PEM file\n", path);
    return !bad;
}

int web_serve(const web_options *opt)
{
    union {
        struct sockaddr sa;
        struct sockaddr_in in4;
        struct sockaddr_in6 in6;
    } addr;
    memset(&addr, 0, sizeof addr);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    const char *bind = !strcmp(opt->bind, "localhost") ? "127.0.0.1" : opt->bind;
    int v6 = 0;
    if (inet_pton(AF_INET, bind, &addr.in4.sin_addr) == 1) {
        addr.in4.sin_family = AF_INET;
        addr.in4.sin_port = htons((uint16_t)opt->port);
    } else if (inet_pton(AF_INET6, bind, &addr.in6.sin6_addr) == 1) {
        addr.in6.sin6_family = AF_INET6;
        addr.in6.sin6_port = htons((uint16_t)opt->port);
        flags |= MHD_USE_IPv6;
        v6 = 1;
    } else {
        fprintf(stderr, "jixiao: serve: --bind wants a numeric address such as 127.0.0.1, not '%s'\n",
                opt->bind);
        return 2;
    }
    int loopback = v6 ? IN6_IS_ADDR_LOOPBACK(&addr.in6.sin6_addr)
                      : (ntohl(addr.in4.sin_addr.s_addr) >> 24) == 127;
    /* Off loopback, login is required: anyone who can reach the address could read and import. */
    web_options eff = *opt;
    if (!loopback && !eff.auth) {
        fprintf(stderr, "jixiao: serve: %s is not a loopback address: login required (--auth)\n", opt->bind);
        eff.auth = 1;
    }
    opt = &eff;
    if ((opt->tls_cert != NULL) != (opt->tls_key != NULL)) {
        fprintf(stderr, "jixiao: serve: --tls-cert and --tls-key go together\n");
        return 2;
    }
    jx_buf cert = {0}, key = {0};
    if (opt->tls_cert) {
        if (!read_pem(opt->tls_cert, &cert) || !read_pem(opt->tls_key, &key)) {
            jx_buf_free(&cert);
            jx_buf_free(&key);
            return 1;
        }
        flags |= MHD_USE_TLS;
    }

    /* SIGINT/SIGTERM, on whichever thread they land, only write to a pipe the main thread reads. */
    if (pipe(stop_pipe) != 0) {
        fprintf(stderr, "jixiao: serve: pipe: %s\n", strerror(errno));
        return 1;
    }
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    signal(SIGPIPE, SIG_IGN);

    daemon_ctx d;
    memset(&d, 0, sizeof d);
    d.srv.opt = opt;
    d.srv.config = jx_review_config_new();
    pthread_key_create(&d.srv.store_key, close_thread_store);
    pthread_mutex_init(&d.srv.write_lock, NULL);
    web_auth_init(&d.srv);
    pthread_mutex_init(&d.srv.region_lock, NULL);
    jx_error err;
    jx_error_clear(&err);
    /* Open (and migrate) once, and make the stored review current before the first request. */
    jx_store *first = NULL;
    if (jx_store_open(opt->db_path, &first, &err) != JX_OK ||
        jx_review_refresh(first, d.srv.config, NULL, &err) != JX_OK) {
        fprintf(stderr, "jixiao: serve: %s\n", err.message);   /* it names the database (without a password) */
        jx_store_close(first);
        serve_state_free(&d);
        stop_signals_restore(&old_int, &old_term);
        jx_buf_free(&cert);
        jx_buf_free(&key);
        return 1;
    }
    long long nusers = 0;
    if (opt->auth && jx_user_count(first, &nusers, &err) == JX_OK && nusers == 0)
        fprintf(stderr, "jixiao: serve: warning: login required but no user exists yet: "
                        "jixiao --db %s user add admin --role admin\n", opt->db_path);
    jx_store_close(first);
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = opt->threads > 0 ? (unsigned)opt->threads : ncpu > 0 ? (unsigned)ncpu : 1;
    struct MHD_Daemon *daemon = MHD_start_daemon(
        flags, (uint16_t)opt->port, NULL, NULL, on_request, &d,
        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
        MHD_OPTION_SOCK_ADDR, &addr.sa,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
        /* The limits table's bounds on what one client can hold (jixiao/limits.h). */
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(opt->timeout > 0 ? opt->timeout : JX_HTTP_TIMEOUT_SECONDS),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)JX_HTTP_MAX_CONNECTIONS,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)JX_HTTP_MAX_HEADER_BYTES,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        /* HTTPS (GnuTLS, when --tls-cert is given): the PEM key and certificate. */
        opt->tls_cert ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, key.data,
        MHD_OPTION_HTTPS_MEM_CERT, cert.data,
        MHD_OPTION_END);
    if (!daemon) {
        fprintf(stderr, "jixiao: serve: cannot listen on %s port %d (in use, or not an address "
                        "of this machine, or a TLS key and certificate that do not match)\n",
                opt->bind, opt->port);
        serve_state_free(&d);
        stop_signals_restore(&old_int, &old_term);
        jx_buf_free(&cert);
        jx_buf_free(&key);
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    int port = info ? info->port : opt->port;
    const char *scheme = opt->tls_cert ? "https" : "http";
    if (v6) printf("serving %s://[%s]:%d/\n", scheme, bind, port);
    else printf("serving %s://%s:%d/\n", scheme, bind, port);
    fflush(stdout);

    unsigned char sig = 0;
    while (read(stop_pipe[0], &sig, 1) != 1) {
        if (errno != EINTR) break;
    }
    fprintf(stderr, "jixiao: serve: %s received, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    MHD_stop_daemon(daemon);   /* joins the worker threads: their stores are closed */
    serve_state_free(&d);
    stop_signals_restore(&old_int, &old_term);
    jx_buf_free(&cert);
    jx_buf_free(&key);
    return 0;
}
