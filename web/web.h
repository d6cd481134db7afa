/*
** web.h - `jixiao serve`: the HTTP server (libmicrohttpd), its JSON API and
** its server-rendered pages. Internal to the jixiao binary.
**
** Threading: the daemon runs one internal polling thread, so every request
** handler runs on that one thread and the store is never used concurrently.
** The main thread only starts the daemon, waits for SIGINT/SIGTERM and stops
** it.
**
** Every request works on a snapshot: all stored forms loaded through the
** store (jx_store_load, prepared statements only) and reviewed with the
** default rule configuration. Filters are applied to the snapshot in memory,
** so no SQL is ever built from request text.
*/
#ifndef JIXIAO_WEB_H
#define JIXIAO_WEB_H

#include <stddef.h>

#include "jixiao/error.h"
#include "jixiao/model.h"
#include "jixiao/rules.h"
#include "jixiao/store.h"
#include "jixiao/util.h"

/* Default largest upload accepted, in bytes (413 above it). */
#define WEB_DEFAULT_MAX_UPLOAD (8L * 1024 * 1024)

/* Options of `jixiao serve`. */
typedef struct web_options {
    const char *db_path;
    const char *bind;        /* numeric IPv4 or IPv6 address */
    int port;                /* 0: any free port */
    long max_upload;         /* bytes */
    int quiet;               /* no request log on stderr */
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

/* The server state the handlers share. */
typedef struct web_server {
    jx_store *store;
    const web_options *opt;
} web_server;

/* Value of query parameter key, or NULL. */
const char *web_param_get(const web_request *req, const char *key);

/*
** Check that every query parameter is one of the NULL-terminated allowed
** keys. Returns the first unknown key, or NULL when all are known.
*/
const char *web_param_unknown(const web_request *req, const char *const *allowed);

/* ---- the snapshot every handler reads (api.c) --------------------------- */

typedef struct web_snapshot {
    jx_form_list forms;         /* all stored forms, by id */
    jx_findings findings;       /* review of all of them, by form, line, rule */
    jx_review_config *config;   /* the default review configuration */
} web_snapshot;

/* Load every form and review them. On failure err is set. */
jx_status web_snapshot_load(web_server *srv, web_snapshot *snap, jx_error *err);
void web_snapshot_free(web_snapshot *snap);

/* The form with this id, or NULL. */
const jx_form *web_snapshot_form(const web_snapshot *snap, long long id);

/* Number of findings of a form. */
size_t web_snapshot_count_findings(const web_snapshot *snap, long long form_id);

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

/* 1 when the form passes the filter (page aside). */
int web_form_matches(const jx_form *form, const web_form_filter *f);

/* The findings filters shared by the API and the pages. */
typedef struct web_finding_filter {
    const char *rule;           /* rule id, NULL: any */
    int severity;               /* -1: any, else jx_severity */
    long long form;             /* 0: any */
} web_finding_filter;

const char *web_finding_filter_parse(const web_request *req, web_finding_filter *f, char *msg,
                                     size_t msgsize);
int web_finding_matches(const jx_finding *x, const web_finding_filter *f);

/*
** Import an uploaded file: written under a private temporary directory with
** its base name, then read and stored exactly as `jixiao import` does (one
** transaction; on error the database is unchanged). On success *forms holds
** the stored forms. The name is checked first (JX_EUSAGE for a bad one).
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

void web_summary_compute(const web_snapshot *snap, web_summary *out);
void web_summary_free(web_summary *s);

/* ---- handlers ----------------------------------------------------------- */

/* /api/...: fills the response (JSON). */
void web_api(web_server *srv, const web_request *req, web_response *res);

/* Every other path: HTML pages and /assets/. */
void web_page(web_server *srv, const web_request *req, web_response *res);

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
