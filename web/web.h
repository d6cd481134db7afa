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

#include "jixiao/error.h"
#include "jixiao/limits.h"
#include "jixiao/model.h"
#include "jixiao/rules.h"
#include "jixiao/store.h"
#include "jixiao/util.h"

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
} web_options;

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
} web_request;

typedef struct web_response {
    int status;
    const char *content_type;     /* static string */
    jx_buf body;
    char *disposition;            /* Content-Disposition, malloc'd or NULL */
    const char *allow;            /* Allow header of a 405 */
    char *location;               /* Location of a redirect, malloc'd or NULL */
} web_response;

/* The server state the handlers share (read-only once serving, but for the lock). */
typedef struct web_server {
    const web_options *opt;
    jx_review_config *config;     /* the review configuration the store keeps (defaults) */
    pthread_key_t store_key;      /* each worker thread's own jx_store */
    pthread_mutex_t write_lock;   /* one import at a time */
} web_server;

/* The calling thread's store connection, opened on first use. NULL with err set on failure. */
jx_store *web_store(web_server *srv, jx_error *err);

/* ---- routes (server.c) ---------------------------------------------------- */

typedef void (*web_handler)(web_server *srv, const web_request *req, web_response *res);

/* What a route needs before its handler runs. */
enum {
    WEB_NEEDS_UPLOAD = 1,   /* a POST body collected up to the upload limit */
    WEB_NEEDS_STORE = 2,    /* a read snapshot of the store: answers carry its ETag */
    WEB_NEEDS_AUTH = 4      /* a signed-in user (reserved: no route needs it yet) */
};

/* How a route's errors look: JSON, an HTML page, or plain text (assets). */
typedef enum web_face { WEB_FACE_API, WEB_FACE_PAGE, WEB_FACE_ASSET } web_face;

typedef struct web_route {
    const char *allow;      /* methods, as the Allow header lists them */
    const char *path;       /* exact path, or a prefix when prefix is 1 */
    int prefix;
    web_handler handler;
    unsigned needs;
    web_face face;
} web_route;

/* The route table (server.c), terminated by path NULL. */
extern const web_route web_routes[];

/* The route of a path, or NULL. */
const web_route *web_route_find(const char *path);

/* An error answer in a face's form (JSON error, HTML page, or text). */
void web_api_error(web_response *res, int status, const char *message);
void web_page_error(web_response *res, int status, const char *title, const char *message);

/* Value of query parameter key, or NULL. */
const char *web_param_get(const web_request *req, const char *key);

/*
** Check that every query parameter is one of the NULL-terminated allowed
** keys. Returns the first unknown key, or NULL when all are known.
*/
const char *web_param_unknown(const web_request *req, const char *const *allowed);

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
    long page;              /* 1-based */
    long per_page;
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
} web_finding_filter;

const char *web_finding_filter_parse(const web_request *req, web_finding_filter *f, char *msg,
                                     size_t msgsize);

/* The store query of a findings filter (the page included). */
jx_finding_query web_finding_query(const web_finding_filter *f);

/*
** Import an uploaded file: read and stored exactly as `jixiao import` does,
** and the review of the result stored with it, all in one write transaction
** under write_lock (on error the database is unchanged). On success *forms
** holds the stored forms. The name is checked first (JX_EUSAGE for a bad one).
*/
jx_status web_import_upload(web_server *srv, const char *name, const char *data, size_t len,
                            jx_form_list *forms, jx_error *err);

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
