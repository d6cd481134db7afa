/*
** web.h - `jixiao serve`: the HTTP server (libmicrohttpd), its JSON API and
** its server-rendered pages. Internal to the jixiao binary.
**
** Threading: libmicrohttpd's thread pool (one thread per core by default,
** --threads N). Each worker thread has its own store connection (web_store),
** opened on its first request and closed when the thread ends, so no
** connection is ever shared; SQLite's WAL lets them read while one writes.
** Imports are serialised by write_lock and run in one write transaction
** together with the review of their result, so a reader sees the store
** before or after an import, never in between. The main thread only starts
** the daemon, waits for SIGINT/SIGTERM and stops it.
**
** Every request reads the store's answers (jx_store_query_*: prepared
** statements, filters as bound parameters, one page at a time) inside one
** read transaction, whose change counter is the answer's ETag.
*/
#ifndef JIXIAO_WEB_H
#define JIXIAO_WEB_H

#include <pthread.h>
#include <stddef.h>

#include "jixiao/auth.h"
#include "jixiao/error.h"
#include "jixiao/limits.h"
#include "jixiao/model.h"
#include "jixiao/rules.h"
#include "jixiao/store.h"
#include "jixiao/util.h"
#include "jixiao/workflow.h"

/* Default largest upload accepted, in bytes (413 above it): the limits table's. */
#define WEB_DEFAULT_MAX_UPLOAD JX_HTTP_MAX_UPLOAD

/* Options of `jixiao serve`. */
typedef struct web_options {
    const char *db_path;
    const char *bind;        /* numeric IPv4 or IPv6 address */
    int port;                /* 0: any free port */
    long max_upload;         /* bytes */
    int quiet;               /* no request log on stderr */
    int threads;             /* worker threads; 0: one per core */
    int timeout;             /* idle seconds before a connection closes; 0: JX_HTTP_TIMEOUT_SECONDS */
    int auth;                /* --auth: login required (forced on for a non-loopback --bind) */
    const char *tls_cert;    /* --tls-cert/--tls-key: PEM files; HTTPS (GnuTLS) and Secure cookies */
    const char *tls_key;
    int session_idle;        /* seconds a session lives without a request; 0: WEB_SESSION_IDLE */
    int session_max;         /* seconds a session lives at most; 0: WEB_SESSION_MAX */
} web_options;

/* Session lifetimes (seconds) and the failed-login limits: so many failures per WEB_LOGIN_WINDOW
   for one user name, for one client address. */
#define WEB_SESSION_IDLE (30 * 60)
#define WEB_SESSION_MAX (12 * 60 * 60)
#define WEB_LOGIN_FAILURES 5
#define WEB_LOGIN_FAILURES_ADDRESS 20   /* one address may be an office's gateway: more, still bounded */
#define WEB_LOGIN_WINDOW (15 * 60)

/*
** Serve until SIGINT or SIGTERM. Prints "serving http://ADDR:PORT/" on
** stdout (flushed) once the socket listens. Returns 0 after a clean stop,
** 1 when the store or the socket cannot be opened (reported on stderr).
*/
int web_serve(const web_options *opt);

/* ---- requests and responses (server.c) ---------------------------------- */

/* One query parameter. */
typedef struct web_param {
    const char *key;
    const char *value;
} web_param;

/*
** Who is asking (auth.c): every request carries one, filled before its
** handler runs. Without --auth (loopback single-user mode) the user is
** "local" with role admin and no session. Under --auth a handler only runs
** for a signed-in user whom its route admits (the route table's needs), but
** for the public routes (user_id 0 there when nobody is signed in).
*/
typedef struct web_auth {
    int on;                  /* the server requires login (serve --auth) */
    long long user_id;       /* 0: no user signed in */
    char user[72];           /* the user's name ("local" without --auth): the audit log's actor */
    jx_role role;
    char unit[208];          /* a unit user's 申报单位, "" for the other roles */
    char address[64];        /* the client's numeric address */
    char csrf[72];           /* the session's CSRF token, "" without a session */
    char session[72];        /* the session's key (its token's hash), "" without a session */
} web_auth;

/* The auth of the request the calling thread is answering (the pages' header reads it), or NULL. */
const web_auth *web_auth_current(void);

/* A request as the handlers see it. */
typedef struct web_request {
    const char *method;       /* "GET", "HEAD", "POST" */
    const char *path;         /* decoded path, without the query */
    const char *rest;         /* the path after a prefix route's prefix ("" for exact routes) */
    web_param *params;        /* query parameters, in order */
    size_t nparams;
    /* The uploaded file of a POST (multipart part with a filename, or the
    ** raw body): NULL name when the request carried none. */
    const char *upload_name;
    const char *upload_data;
    size_t upload_len;
    const char *upload_problem;  /* set when the upload was malformed */
    int upload_too_large;        /* the body passed the upload limit: answer 413 */
    const web_auth *auth;        /* who is asking; never NULL */
    const char *body;            /* a WEB_NEEDS_BODY route's body (NUL-terminated), "" when none */
    size_t body_len;
} web_request;

typedef struct web_response {
    int status;
    const char *content_type;     /* static string */
    jx_buf body;
    char *disposition;            /* Content-Disposition, malloc'd or NULL */
    const char *allow;            /* Allow header of a 405 */
    char *location;               /* Location of a redirect, malloc'd or NULL */
    char *set_cookie;             /* Set-Cookie, malloc'd or NULL */
    int retry_after;              /* Retry-After seconds of a 429, 0: none */
} web_response;

/* The server state the handlers share (read-only once serving, but for the lock). */
/* A rendered page region (GET /api/region.png), keyed by its file's content hash and line. */
typedef struct web_region {
    char key[96];                 /* sha256:line */
    char *png;                    /* owned */
    size_t len;
    unsigned long long used;      /* the cache's clock at the last hit (least recently used goes) */
} web_region;

typedef struct web_server {
    const web_options *opt;
    jx_review_config *config;     /* the review configuration the store keeps (defaults) */
    pthread_key_t store_key;      /* each worker thread's own jx_store */
    pthread_mutex_t write_lock;   /* one import at a time */
    struct web_auth_state *auth;  /* sessions and failed logins (auth.c); NULL without --auth */
    /* the rendered page regions: at most JX_HTTP_REGION_CACHE of them and
       JX_HTTP_REGION_CACHE_BYTES together, under region_lock */
    pthread_mutex_t region_lock;
    web_region regions[JX_HTTP_REGION_CACHE];
    size_t region_bytes;
    unsigned long long region_clock;
} web_server;

/* The calling thread's store connection, opened on first use. NULL with err set on failure. */
jx_store *web_store(web_server *srv, jx_error *err);

/* ---- routes (server.c) ---------------------------------------------------- */

typedef void (*web_handler)(web_server *srv, const web_request *req, web_response *res);

/*
** What a route needs before its handler runs, and (under --auth) who may
** call it. The one gate in auth.c (web_auth_gate) reads these bits; no
** handler checks a role or a CSRF token itself. Under --auth:
**   - every route needs a signed-in user but the WEB_PUBLIC ones (401 for
**     the API, a redirect to /login for pages);
**   - WEB_NEEDS_REVIEWER admits reviewers and admins, WEB_NEEDS_ADMIN only
**     admins (403 with a Chinese message for the others);
**   - every method but GET and HEAD needs the session's CSRF token in the
**     X-CSRF-Token header (or, from a page's form, a csrf field), but on
**     WEB_PUBLIC routes (the login itself): 403 without it;
**   - a unit user's WEB_NEEDS_STORE routes read the store scoped to its unit
**     (jx_store_set_scope), and on a WEB_NEEDS_FORM route (the path after the
**     prefix starts with a form id) another unit's form is 403.
*/
enum {
    WEB_NEEDS_UPLOAD = 1,   /* a POST body collected up to the upload limit */
    WEB_NEEDS_STORE = 2,    /* a read snapshot of the store: answers carry its ETag */
    WEB_NEEDS_AUTH = 4,     /* a signed-in user: what every route but WEB_PUBLIC needs (no-op flag) */
    WEB_NEEDS_REVIEWER = 8, /* a reviewer or an admin */
    WEB_NEEDS_ADMIN = 16,   /* an admin */
    WEB_NEEDS_FORM = 32,    /* req->rest starts with a form id: a unit user's own forms only */
    WEB_NEEDS_BODY = 64,    /* a request body (JSON, form fields) up to WEB_MAX_BODY, in req->body */
    WEB_PUBLIC = 128        /* served without login (the login page and API, assets) */
};

/* Largest WEB_NEEDS_BODY body, in bytes (413 above it). */
#define WEB_MAX_BODY (64 * 1024)

/* How a route's errors look: JSON, an HTML page, or plain text (assets). */
typedef enum web_face { WEB_FACE_API, WEB_FACE_PAGE, WEB_FACE_ASSET } web_face;

typedef struct web_route web_route;
struct web_route {
    const char *allow;      /* methods, as the Allow header lists them */
    const char *path;       /* exact path, or a prefix when prefix is 1 */
    int prefix;
    web_handler handler;
    unsigned needs;
    web_face face;
};

/* GET /api/region.png?file=NAME&line=L: the page region of a PDF source's row, as PNG (api.c). */
void web_api_region(web_server *srv, const web_request *req, web_response *res);

/* The department disclosures (disclosures.c): API list and one, pages list and one. */
void web_api_disclosures(web_server *srv, const web_request *req, web_response *res);
void web_api_disclosure(web_server *srv, const web_request *req, web_response *res);
void web_page_disclosures(web_server *srv, const web_request *req, web_response *res);
void web_page_disclosure(web_server *srv, const web_request *req, web_response *res);

/* The head (with the 公开文件 tab active) and the end of an HTML page (pages.c). */
void web_html_begin(jx_buf *b, const char *title);
void web_html_end(jx_buf *b);

/* The route table (server.c), terminated by path NULL. */
extern const web_route web_routes[];

/*
** The one access check (auth.c), run by the dispatcher before every handler
** and driven by the route's needs: fills *who and returns 1 to run the
** handler, else fills res (401, 403, a redirect to the login page) and
** returns 0. csrf_field: a csrf form field of the body, or NULL. The gate
** sets the store's unit scope for a unit user; web_auth_done clears it.
*/
struct MHD_Connection;
int web_auth_gate(web_server *srv, struct MHD_Connection *c, const struct web_route *r,
                  const web_request *req, const char *csrf_field, web_auth *who, web_response *res);
void web_auth_done(web_server *srv, web_auth *who);

/* Set up (auth on) and free the sessions and failure counts of a server. */
void web_auth_init(web_server *srv);
void web_auth_free(web_server *srv);

/*
** Append an audit log entry (jixiao/auth.h) for the request: the actor and
** the address are the request's (req->auth). Uses the calling thread's
** store connection, so inside the caller's jx_store_begin on it the entry
** commits with the change. form_id, versions: 0 when none; detail_json: a
** JSON object or NULL.
*/
jx_status web_audit(web_server *srv, const web_request *req, const char *action, long long form_id,
                    long long version_before, long long version_after, const char *detail_json,
                    jx_error *err);

/*
** Set res to status and the JSON value (a json_t*, consumed; NULL answers
** null), dumped straight into res->body (indented by 2, keys in their
** order, reals with 15 digits) and a final newline: every JSON answer of the
** API goes through here.
*/
void web_json_answer(web_response *res, int status, void *value);

/* The route of a path, or NULL. */
const web_route *web_route_find(const char *path);

/* An error answer in a face's form (JSON error, HTML page, or text). */
void web_api_error(web_response *res, int status, const char *message);
void web_page_error(web_response *res, int status, const char *title, const char *message);

/* Value of key in an application/x-www-form-urlencoded body, decoded (owned), or NULL. */
char *web_form_field(const char *body, const char *key);

/* The frame of a page (pages.c): header with the navigation and the user, and the footer. */
void web_page_open(jx_buf *b, const char *title);
void web_page_close(jx_buf *b);

/* Value of query parameter key, or NULL. */
const char *web_param_get(const web_request *req, const char *key);

/*
** Check that every query parameter is one of the NULL-terminated allowed
** keys. Returns the first unknown key, or NULL when all are known.
*/
const char *web_param_unknown(const web_request *req, const char *const *allowed);

/* A decimal number (digits only) in [lo, hi] into *out; 0 when s is not one (pages.c). */
int web_parse_num(const char *s, long lo, long hi, long *out);

/*
** A list's paging (pages.c), numbered (page) or by keyset (after, the last
** id of the page before; 0: numbered): what the lists of disclosures and of
** evaluations read from the query, and their pager.
*/
typedef struct web_paging {
    long page, per_page;
    long after;
} web_paging;
/*
** Read page, per_page (1..max, default per) and after from req; every other
** parameter must be one of the NULL-terminated extra. item names what after
** counts in its message ("公开文件"). NULL, or a 400's message (static, or
** in msg).
*/
const char *web_paging_parse(const web_request *req, const char *const *extra, long per, long max,
                             const char *item, web_paging *out, char *msg, size_t size);
/*
** The pager under a list at path ("/disclosures") of total items: on a
** keyset page 第一页 and, when next_after > 0, 下一页 (after=next_after); on
** a numbered one 上一页, 第 P / N 页, 下一页 (nothing when one page holds all).
*/
void web_pager(jx_buf *o, const char *path, const web_paging *p, long long total, long long next_after);

/* ---- what the handlers read (api.c) -------------------------------------- */

/*
** One form for its page and its API answer: the form with indicators, its
** stored findings (as jx_finding borrowing the strings of rows) and grade.
*/
typedef struct web_form_view {
    jx_form_list forms;         /* the one form */
    jx_finding_rows rows;       /* its stored findings */
    jx_findings findings;       /* the same, pointing into rows and forms */
    char *grade;                /* NULL when the form has no stored review */
    double score;
} web_form_view;

/* Load form id; *found 0 when there is none. */
jx_status web_form_view_load(web_server *srv, long long id, web_form_view *v, int *found,
                             jx_error *err);
void web_form_view_free(web_form_view *v);

/* The list filters shared by the API and the pages. */
typedef struct web_form_filter {
    int year;               /* 0: any */
    const char *unit;       /* substring, NULL: any */
    const char *category;   /* exact 项目类别, NULL: any */
    const char *q;          /* substring of name, unit, department, goal, file, indicators */
    const char *status;     /* workflow status name ("submitted"), NULL: any */
    long page;              /* 1-based */
    long per_page;
    long long after;        /* keyset: forms with an id above this, 0: none (page counts) */
} web_form_filter;

/*
** Read the list filters from the query. Returns NULL when valid, else a
** message (static or in msg) for the 400 answer.
*/
const char *web_form_filter_parse(const web_request *req, web_form_filter *f, char *msg,
                                  size_t msgsize);

/* The store query of a list filter (the page included). */
jx_form_query web_form_query(const web_form_filter *f);

/* The findings filters shared by the API and the pages. */
typedef struct web_finding_filter {
    const char *rule;           /* rule id, NULL: any */
    int severity;               /* -1: any, else jx_severity */
    long long form;             /* 0: any */
    const char *project;        /* substring of the project's name, NULL: any */
    long page;                  /* 1-based */
    long per_page;
    int keyset;                 /* after=FORM-SEQ given: the findings after that one */
    long long after_form;       /* 0 for a disclosure's own findings */
    long long after_seq;
} web_finding_filter;

/*
** A finding's id "FORM-SEQ" (its form's id, 0 for a disclosure's own
** findings; its place among them from 0) into *form, *seq: 1, or 0 when s
** is not one.
*/
int web_finding_id_parse(const char *s, long long *form, long long *seq);

const char *web_finding_filter_parse(const web_request *req, web_finding_filter *f, char *msg,
                                     size_t msgsize);

/* The store query of a findings filter (the page included). */
jx_finding_query web_finding_query(const web_finding_filter *f);

/*
** Import an uploaded file: read and stored exactly as `jixiao import` does,
** and the review of the result stored with it, all in one write transaction
** under write_lock (on error the database is unchanged), with its audit log
** entry (action "import", by req's user). On success *forms holds the stored
** forms. The name is checked first (JX_EUSAGE for a bad one). A unit user's
** file must hold only that unit's forms: else *forbidden is 1 (JX_EUSAGE,
** nothing stored).
*/
jx_status web_import_upload(web_server *srv, const web_request *req, const char *name, const char *data,
                            size_t len, jx_form_list *forms, int *forbidden, jx_error *err);

/* The message of a 413 answer, naming the limit. */
void web_too_large_message(const web_server *srv, char *buf, size_t size);

/* ---- summary figures (api.c), drawn by the pages and served as JSON ----- */

typedef struct web_count {
    char *label;            /* owned */
    long long count;        /* forms, indicators or findings */
    long long money;        /* fen (money by unit) */
} web_count;

typedef struct web_counts {
    web_count *items;
    size_t count, cap;
} web_counts;

typedef struct web_summary {
    size_t forms, indicators, quantitative, findings_by_severity[3];
    long long money_total;       /* fen, over forms that state it */
    web_counts by_unit;          /* label unit, count forms, money fen; by money desc */
    web_counts by_level1;        /* label level 1, count indicators; by count desc */
    web_counts by_category;      /* label national category, count indicators */
    web_counts by_rule;          /* label rule id, count findings; by count desc */
    web_counts by_year;          /* label year, count forms, money fen; by year */
} web_summary;

/* The dashboard's figures, aggregated by the store. */
jx_status web_summary_compute(web_server *srv, web_summary *out, jx_error *err);
void web_summary_free(web_summary *s);

/* ---- handlers (api.c, pages.c), named in the route table ---------------- */

void web_api_index(web_server *srv, const web_request *req, web_response *res);
void web_api_forms(web_server *srv, const web_request *req, web_response *res);
void web_api_form(web_server *srv, const web_request *req, web_response *res);
void web_api_findings(web_server *srv, const web_request *req, web_response *res);
void web_api_summary(web_server *srv, const web_request *req, web_response *res);
void web_api_import(web_server *srv, const web_request *req, web_response *res);
void web_api_export(web_server *srv, const web_request *req, web_response *res);
void web_page_list(web_server *srv, const web_request *req, web_response *res);
void web_page_form(web_server *srv, const web_request *req, web_response *res);
void web_page_findings(web_server *srv, const web_request *req, web_response *res);
void web_page_summary(web_server *srv, const web_request *req, web_response *res);
void web_page_import(web_server *srv, const web_request *req, web_response *res);
void web_page_asset(web_server *srv, const web_request *req, web_response *res);
/* 绩效自评 pages (evaluations.c): the list, and one evaluation beside its declared targets. */
void web_page_evaluations(web_server *srv, const web_request *req, web_response *res);
void web_page_evaluation(web_server *srv, const web_request *req, web_response *res);
/* /evaluations/history?name=: a project's declared targets across the years, its changes. */
void web_page_evaluation_history(web_server *srv, const web_request *req, web_response *res);
/* The JSON of the same (a unit user: its own unit's): GET /api/evaluations[?year=],
   /api/evaluations/{id}, /api/evaluations/history?name=. */
void web_api_evaluations(web_server *srv, const web_request *req, web_response *res);
void web_api_evaluation(web_server *srv, const web_request *req, web_response *res);
void web_api_evaluation_history(web_server *srv, const web_request *req, web_response *res);
/* The frame of the evaluation pages (pages.c): the 绩效自评 tab active. */
void web_page_evaluations_begin(jx_buf *b, const char *title);
/* auth.c: login, logout, who am I, the audit log and the users. */
void web_api_login(web_server *srv, const web_request *req, web_response *res);
void web_api_logout(web_server *srv, const web_request *req, web_response *res);
void web_api_me(web_server *srv, const web_request *req, web_response *res);
void web_api_audit(web_server *srv, const web_request *req, web_response *res);
void web_api_users(web_server *srv, const web_request *req, web_response *res);
void web_page_login(web_server *srv, const web_request *req, web_response *res);
void web_page_logout(web_server *srv, const web_request *req, web_response *res);
void web_page_admin(web_server *srv, const web_request *req, web_response *res);

/* ---- the workflow and editing (workflow.c, edit.c) ------------------------ */

/*
** Who is asking. Until the auth layer says otherwise this is loopback
** single-user mode: no name, every role, any unit.
*/
typedef struct web_actor {
    const char *user;       /* NULL in single-user mode */
    unsigned roles;         /* JX_WF_ROLE_* */
    const char *unit;       /* a unit user's unit, NULL: any */
} web_actor;
web_actor web_actor_of(web_server *srv, const web_request *req);

/*
** The API answer of one form, 200, written into res: the export contract's
** JSON (jx_form_json_write) plus review {grade, score} and findings (each
** with its id "FORM-SEQ" and its disposition, null when none).
*/
void web_form_json_answer(web_server *srv, const web_form_view *v, web_response *res);

/*
** Load form id (the whole model) into *list for a read of a handler of
** face (the API: JSON errors; a page: HTML): the form, or NULL with the 500
** or the 404 answered. The caller frees list either way.
*/
jx_form *web_load_form(web_server *srv, long long id, jx_form_list *list, web_response *res,
                       web_face face);

/* A form with its key and its versions or its workflow history, for the pages and the API. */
typedef struct web_form_record {
    jx_form_list list;
    jx_form *form;              /* list.items[0] */
    char *key;                  /* jx_form_key of the form */
    jx_versions versions;       /* WEB_RECORD_VERSIONS */
    jx_wf_events history;       /* WEB_RECORD_HISTORY */
} web_form_record;
enum { WEB_RECORD_VERSIONS, WEB_RECORD_HISTORY };

/*
** Load form id and what (WEB_RECORD_*) into *r: 1, or 0 with the 404/500
** answered in face's form. web_form_record_free either way.
*/
int web_load_record(web_server *srv, long long id, int what, web_form_record *r, web_response *res,
                    web_face face);
void web_form_record_free(web_form_record *r);

/* /api/forms/{id}/SUB (sub "" for the form itself: PUT) other than GET of the form. */
void web_wf_api(web_server *srv, const web_request *req, web_response *res, long long id,
                const char *sub);
/*
** The diff of versions from and to of form id (json_t* as void*, the
** caller's), or NULL with the error answered (as a page when page is 1).
*/
void *web_wf_diff(web_server *srv, long long id, int from, int to, web_response *res, int page);
/* POST /api/findings/{id}/disposition */
void web_api_finding_post(web_server *srv, const web_request *req, web_response *res);

/* /forms/{id}/SUB pages: edit, versions, diff, history. */
void web_wf_page(web_server *srv, const web_request *req, web_response *res, long long id,
                 const char *sub);
/* The form page's workflow parts: status and actions; dispositions; history. */
void web_wf_form_status(jx_buf *b, web_server *srv, const web_form_view *v);
void web_wf_form_sections(jx_buf *b, web_server *srv, const web_form_view *v);

/* The page frame of pages.c for the pages of other files. */
void web_page_begin(jx_buf *b, const char *title);
void web_page_end(jx_buf *b);

/*
** An importer diagnostic (English, see lib/) in Chinese for the pages and the
** API (messages.c): a static string, or buf filled. Never NULL.
*/
const char *web_error_zh(const char *message, char *buf, size_t size);

/* ---- embedded static assets (generated from web/assets/ at build time) -- */

typedef struct web_asset {
    const char *name;              /* path under /assets/ */
    const char *content_type;
    const unsigned char *data;
    size_t len;
} web_asset;

extern const web_asset web_assets[];   /* terminated by name NULL */

/* The asset with exactly this name, or NULL (no path is ever resolved). */
const web_asset *web_asset_find(const char *name);

/*
** Append the JSON text of value (a json_t*; NULL writes null) to b: byte for
** byte json_dumps with JSON_INDENT(2) | JSON_PRESERVE_ORDER |
** JSON_REAL_PRECISION(15), faster (json_out.c).
*/
void web_json_write(jx_buf *b, const void *value);

/* ---- HTML and text helpers (html.c) ------------------------------------- */

/* Append s HTML-escaped (& < > " ' ), for text and attribute values. NULL appends nothing. */
void html_text(jx_buf *b, const char *s);

/* Append s, or fallback (escaped) when s is NULL or empty. */
void html_text_or(jx_buf *b, const char *s, const char *fallback);

/* Append s percent-encoded for a URL query value. */
void url_encode(jx_buf *b, const char *s);

/* 1 when s is valid UTF-8 with no control characters other than tab/newline. */
int web_text_ok(const char *s);

/* Money in fen as 万元 with two decimals ("245.00"), "-" when absent. */
void web_format_wan(long long fen, char *buf, size_t size);

/* Money in fen as yuan JSON number (NULL when absent) – returns a json_t* as void*. */
void *web_json_yuan(long long fen);

/* Horizontal bar chart as inline SVG: one bar per item, value printed after it. */
void svg_bar_chart(jx_buf *b, const char *title, const char *const *labels,
                   const double *values, const char *const *value_texts, size_t n,
                   const char *css_class);

#endif
