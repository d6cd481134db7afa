/*
** api.c - the JSON API under /api/ and what it shares with the pages: the
** snapshot of the store, the list and findings filters, uploads into the
** store, and the summary figures.
**
**   GET  /api                   the endpoints
**   GET  /api/forms             ?year=&unit=&category=&q=&page=&per_page=&after=
**   GET  /api/forms/{id}        the form (export contract) + findings + grade
**   GET  /api/findings          ?rule=&severity=&form=&project=&page=&per_page=&after=
**   GET  /api/summary           ?by=: `jixiao summary` as JSON, plus the dashboard's figures
**   POST /api/import            multipart (one file part) or raw body with ?filename=
**   GET  /api/export            ?format=json|xlsx|csv[&table=forms|indicators|findings]: a download
**
** Errors are {"error": {"message": …}} (in Chinese; an import error adds "detail", the
** English original the CLI prints, when it was translated, and "file" and
** "line") with 400 for a bad request, 404 for an unknown path or id, 405
** for a wrong method (with Allow), 413 for an oversized upload.
**
** Every answer is read from the store's queries (one page, one form), never
** from all forms in memory; the routes are in server.c's table.
*/
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jixiao/export.h"
#include "jixiao/import.h"
#include "jixiao/pdf.h"
#include "jixiao/review.h"
#include "jixiao/summary.h"
#include "web.h"

/* ---- one form ------------------------------------------------------------- */

jx_status web_form_view_load(web_server *srv, long long id, web_form_view *v, int *found,
                             jx_error *err)
{
    memset(v, 0, sizeof *v);
    *found = 0;
    jx_store *store = web_store(srv, err);
    if (!store) return err->status;
    jx_filter one = {0};
    one.id = id;
    jx_status st = jx_store_load(store, &one, &v->forms, err);
    if (st != JX_OK || v->forms.count == 0) return st;
    *found = 1;
    jx_form *f = v->forms.items[0];
    if ((st = jx_store_form_review(store, id, &v->grade, &v->score, err)) != JX_OK) return st;
    jx_finding_query fq = {0};
    fq.severity = -1;
    fq.form = id;
    fq.limit = -1;
    if ((st = jx_store_query_findings(store, &fq, &v->rows, err)) != JX_OK) return st;
    v->findings.items = jx_xcalloc(v->rows.count ? v->rows.count : 1, sizeof *v->findings.items);
    for (size_t i = 0; i < v->rows.count; i++)
        v->findings.items[v->findings.count++] = jx_finding_of_row(&v->rows.items[i], f);
    v->findings.cap = v->findings.count;
    return JX_OK;
}

void web_form_view_free(web_form_view *v)
{
    free(v->findings.items);   /* the strings are the rows' */
    jx_finding_rows_free(&v->rows);
    jx_form_list_free(&v->forms);
    free(v->grade);
    memset(v, 0, sizeof *v);
}

/* ---- filters --------------------------------------------------------------- */

/* Parse a decimal integer in [lo, hi]; 1 on success. */
static int parse_long(const char *s, long lo, long hi, long *out)
{
    if (!s || !*s) return 0;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9') return 0;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

/* An empty parameter (a form left blank) does not filter. */
static const char *nonempty(const char *s)
{
    return s && *s ? s : NULL;
}

const char *web_form_filter_parse(const web_request *req, web_form_filter *f, char *msg,
                                  size_t msgsize)
{
    static const char *const known[] = {"year", "unit", "category", "q", "status", "page", "per_page",
                                        "after", NULL};
    memset(f, 0, sizeof *f);
    f->page = 1;
    f->per_page = 50;
    const char *unknown = web_param_unknown(req, known);
    if (unknown) {
        snprintf(msg, msgsize,
                 "未知的查询参数“%s”（可用：year, unit, category, q, status, page, per_page, after）", unknown);
        return msg;
    }
    const char *v = nonempty(web_param_get(req, "year"));
    long n;
    if (v) {
        if (!parse_long(v, 1900, 2200, &n)) return "year 应为 1900 到 2200 之间的年份";
        f->year = (int)n;
    }
    f->unit = nonempty(web_param_get(req, "unit"));
    f->category = nonempty(web_param_get(req, "category"));
    f->q = nonempty(web_param_get(req, "q"));
    if ((v = nonempty(web_param_get(req, "status")))) {
        int st = jx_wf_status_from_name(v);
        if (st < 0) return "status 应为 draft、submitted、returned 或 approved（草稿、已提交、已退回、已通过）";
        f->status = jx_wf_status_name(st);
    }
    if ((v = nonempty(web_param_get(req, "page")))) {
        if (!parse_long(v, 1, 1000000, &n)) return "page 应为正整数";
        f->page = n;
    }
    if ((v = nonempty(web_param_get(req, "per_page")))) {
        if (!parse_long(v, 1, 500, &n)) return "per_page 应为 1 到 500 之间的整数";
        f->per_page = n;
    }
    if ((v = nonempty(web_param_get(req, "after")))) {
        if (!parse_long(v, 1, LONG_MAX, &n)) return "after 应为正整数（上一页最后一个项目的编号）";
        if (nonempty(web_param_get(req, "page"))) return "page 与 after 只能用其一";
        f->after = n;
    }
    return NULL;
}

jx_form_query web_form_query(const web_form_filter *f)
{
    jx_form_query q = {0};
    q.year = f->year;
    q.unit = f->unit;
    q.category = f->category;
    q.q = f->q;
    q.status = f->status;
    q.after = f->after;
    q.offset = f->after ? 0 : (long long)(f->page - 1) * f->per_page;
    q.limit = f->per_page;
    return q;
}

const char *web_finding_filter_parse(const web_request *req, web_finding_filter *f, char *msg,
                                     size_t msgsize)
{
    static const char *const known[] = {"rule", "severity", "form", "project", "page", "per_page", "after",
                                        NULL};
    memset(f, 0, sizeof *f);
    f->severity = -1;
    f->page = 1;
    f->per_page = 100;
    const char *unknown = web_param_unknown(req, known);
    if (unknown) {
        snprintf(msg, msgsize,
                 "未知的查询参数“%s”（可用：rule, severity, form, project, page, per_page, after）", unknown);
        return msg;
    }
    const char *v = nonempty(web_param_get(req, "rule"));
    if (v) {
        if (!jx_rule_find(v)) {
            snprintf(msg, msgsize, "没有名为“%s”的审核规则", v);
            return msg;
        }
        f->rule = v;
    }
    if ((v = nonempty(web_param_get(req, "severity")))) {
        jx_severity s;
        if (!jx_severity_parse(v, &s)) return "severity 应为 error、warning 或 info";
        f->severity = (int)s;
    }
    if ((v = nonempty(web_param_get(req, "form")))) {
        long n;
        if (!parse_long(v, 1, LONG_MAX, &n)) return "form 应为正整数（项目编号）";
        f->form = n;
    }
    f->project = nonempty(web_param_get(req, "project"));
    long n;
    if ((v = nonempty(web_param_get(req, "page")))) {
        if (!parse_long(v, 1, 1000000, &n)) return "page 应为正整数";
        f->page = n;
    }
    if ((v = nonempty(web_param_get(req, "per_page")))) {
        if (!parse_long(v, 1, 500, &n)) return "per_page 应为 1 到 500 之间的整数";
        f->per_page = n;
    }
    if ((v = nonempty(web_param_get(req, "after")))) {
        if (!(f->keyset = web_finding_id_parse(v, &f->after_form, &f->after_seq)))
            return "after 应为上一页最后一条审核意见的编号（项目编号-序号，如 12-3）";
        if (nonempty(web_param_get(req, "page"))) return "page 与 after 只能用其一";
    }
    return NULL;
}

int web_finding_id_parse(const char *s, long long *form, long long *seq)
{
    const char *dash = s ? strchr(s, '-') : NULL;
    if (!dash || dash == s || dash - s > 19) return 0;
    char head[24];
    memcpy(head, s, (size_t)(dash - s));
    head[dash - s] = '\0';
    long f, q;
    if (!parse_long(head, 0, LONG_MAX, &f) || !parse_long(dash + 1, 0, LONG_MAX, &q)) return 0;
    *form = f;
    *seq = q;
    return 1;
}

jx_finding_query web_finding_query(const web_finding_filter *f)
{
    jx_finding_query q = {0};
    q.rule = f->rule;
    q.severity = f->severity;
    q.form = f->form;
    q.project = f->project;
    q.keyset = f->keyset;
    q.after_form = f->after_form;
    q.after_seq = f->after_seq;
    q.offset = f->keyset ? 0 : (long long)(f->page - 1) * f->per_page;
    q.limit = f->per_page;
    return q;
}

/* ---- uploads ----------------------------------------------------------------- */

/* The base name of an uploaded file name (browsers may send a full path). */
static const char *upload_base(const char *name)
{
    const char *b = name;
    for (const char *p = name; *p; p++)
        if (*p == '/' || *p == '\\') b = p + 1;
    return b;
}

/* Remove every "dir/" from an error message, so no temporary path is shown. */
static void strip_dir(char *msg, const char *dir)
{
    size_t n = strlen(dir);
    char *p;
    while ((p = strstr(msg, dir)) != NULL) {
        size_t cut = n + (p[n] == '/');
        memmove(p, p + cut, strlen(p + cut) + 1);
    }
}

/* The import's audit detail: file, hash, form ids. */
static char *import_detail(const char *base, const char *sha, const jx_form_list *forms)
{
    json_t *ids = json_array();
    for (size_t k = 0; k < forms->count; k++) json_array_append_new(ids, json_integer(forms->items[k]->id));
    json_t *d = json_pack("{s:s, s:s, s:o}", "file", base, "sha256", sha, "forms", ids);
    char *dj = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(d);
    return dj;
}

jx_status web_import_upload(web_server *srv, const web_request *req, const char *name, const char *data,
                            size_t len, jx_form_list *forms, int *forbidden, jx_error *err)
{
    *forbidden = 0;
    const char *base = upload_base(name ? name : "");
    if (!*base || !strcmp(base, ".") || !strcmp(base, "..") || strlen(base) > 200 ||
        !web_text_ok(base) || strpbrk(base, "\t\r\n"))
        return jx_error_set(err, JX_EUSAGE, NULL, 0, "文件名无效：需要一个普通的文件名（如 2023_项目.md）");
    /* From memory through the one import pipeline: no temporary file. */
    char sha[65];
    jx_status st = jx_import_bytes(base, data, len, forms, sha, err);
    /* A unit user imports its own unit's forms only (申报单位 equal to its unit). */
    const web_auth *who = req->auth;
    if (st == JX_OK && who->on && who->role == JX_ROLE_UNIT) {
        for (size_t k = 0; k < forms->count && !*forbidden; k++) {
            const char *u = forms->items[k]->unit;
            if (!u || strcmp(u, who->unit) != 0) *forbidden = 1;
        }
        if (forms->ndisclosures && !forms->count) *forbidden = 1;
        if (*forbidden)
            st = jx_error_set(err, JX_EUSAGE, NULL, 0,
                              "没有权限：文件中有不属于本单位（%s）的项目，单位用户只能导入本单位的申报表", who->unit);
    }
    if (st == JX_OK) {
        /* The writer: the import and the review of its result in one transaction. */
        pthread_mutex_lock(&srv->write_lock);
        jx_store *store = web_store(srv, err);
        if (!store) st = err->status;
        else if ((st = jx_store_begin(store, err)) == JX_OK) {
            char *detail = NULL;
            if ((st = jx_store_import(store, base, sha, forms, err)) == JX_OK &&
                (st = jx_review_refresh(store, srv->config, NULL, err)) == JX_OK &&
                (st = web_audit(srv, req, "import", forms->count == 1 ? forms->items[0]->id : 0, 0, 0,
                                (detail = import_detail(base, sha, forms)), err)) == JX_OK)
                st = jx_store_commit(store, err);
            else
                jx_store_rollback(store);
            free(detail);
        }
        pthread_mutex_unlock(&srv->write_lock);
    }
    if (st != JX_OK) {
        jx_form_list_free(forms);
        memset(forms, 0, sizeof *forms);
    }
    return st;
}

/* ---- summary ----------------------------------------------------------------- */

static web_count *count_slot(web_counts *c, const char *label)
{
    for (size_t i = 0; i < c->count; i++)
        if (!strcmp(c->items[i].label, label)) return &c->items[i];
    c->items = jx_grow(c->items, &c->cap, c->count, sizeof *c->items);
    web_count *s = &c->items[c->count++];
    s->label = jx_strdup(label);
    s->count = 0;
    s->money = 0;
    return s;
}

static int by_money_desc(const void *a, const void *b)
{
    const web_count *x = a, *y = b;
    if (x->money != y->money) return x->money < y->money ? 1 : -1;
    return strcmp(x->label, y->label);
}

static int by_count_desc(const void *a, const void *b)
{
    const web_count *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return strcmp(x->label, y->label);
}

static int by_label(const void *a, const void *b)
{
    return strcmp(((const web_count *)a)->label, ((const web_count *)b)->label);
}

static void sort_counts(web_counts *c, int (*cmp)(const void *, const void *))
{
    if (c->count > 1) qsort(c->items, c->count, sizeof *c->items, cmp);
}

/* The aggregate rows' callbacks: each adds its row to the dashboard's counts. */
static void sum_forms(void *arg, const jx_agg_row *r)
{
    web_summary *out = arg;
    out->forms += (size_t)r->n[0];
    out->money_total += r->n[1];
}

static void sum_unit(void *arg, const jx_agg_row *r)
{
    web_count *u = count_slot(&((web_summary *)arg)->by_unit, r->key && *r->key ? r->key : "（未填写单位）");
    u->count += r->n[0];
    u->money += r->n[1];
}

static void sum_year(void *arg, const jx_agg_row *r)
{
    web_count *y = count_slot(&((web_summary *)arg)->by_year, r->key ? r->key : "（未知）");
    y->count += r->n[0];
    y->money += r->n[1];
}

static void sum_indicators(void *arg, const jx_agg_row *r)
{
    web_summary *out = arg;
    out->indicators += (size_t)r->n[0];
    out->quantitative += (size_t)r->n[1];
    count_slot(&out->by_category, r->sub ? r->sub : "（未归类）")->count += r->n[0];
}

static void sum_level1(void *arg, const jx_agg_row *r)
{
    count_slot(&((web_summary *)arg)->by_level1, r->key && *r->key ? r->key : "（无一级指标）")->count += r->n[0];
}

static void sum_findings(void *arg, const jx_agg_row *r)
{
    if (r->n[0] >= 0 && r->n[0] <= JX_SEV_ERROR) ((web_summary *)arg)->findings_by_severity[r->n[0]] += (size_t)r->n[1];
}

jx_status web_summary_compute(web_server *srv, web_summary *out, jx_error *err)
{
    memset(out, 0, sizeof *out);
    jx_store *store = web_store(srv, err);
    if (!store) return err->status;
    static const struct {
        jx_agg what;
        const char *by;
        void (*row)(void *, const jx_agg_row *);
    } parts[] = {
        {JX_AGG_FORMS, NULL, sum_forms}, {JX_AGG_FORMS, "unit", sum_unit},
        {JX_AGG_FORMS, "year", sum_year}, {JX_AGG_INDICATORS, NULL, sum_indicators},
        {JX_AGG_LEVEL1, NULL, sum_level1}, {JX_AGG_FINDINGS, NULL, sum_findings},
    };
    jx_status st = JX_OK;
    for (size_t i = 0; i < sizeof parts / sizeof *parts && st == JX_OK; i++)
        st = jx_store_aggregate(store, parts[i].what, parts[i].by, parts[i].row, out, err);
    jx_rule_count *rc = NULL;
    size_t n = 0;
    if (st == JX_OK) st = jx_store_count_by_rule(store, &rc, &n, err);
    for (size_t i = 0; i < n; i++) count_slot(&out->by_rule, rc[i].rule)->count += rc[i].count;
    jx_rule_counts_free(rc, n);
    if (st != JX_OK) { web_summary_free(out); return st; }
    sort_counts(&out->by_unit, by_money_desc);
    sort_counts(&out->by_level1, by_count_desc);
    sort_counts(&out->by_category, by_count_desc);
    sort_counts(&out->by_rule, by_count_desc);
    sort_counts(&out->by_year, by_label);
    return JX_OK;
}

static void counts_free(web_counts *c)
{
    for (size_t i = 0; i < c->count; i++) free(c->items[i].label);
    free(c->items);
    memset(c, 0, sizeof *c);
}

void web_summary_free(web_summary *s)
{
    counts_free(&s->by_unit);
    counts_free(&s->by_level1);
    counts_free(&s->by_category);
    counts_free(&s->by_rule);
    counts_free(&s->by_year);
}

/* ---- JSON answers -------------------------------------------------------------- */

static const char json_content_type[] = "application/json; charset=utf-8";

void web_json_answer(web_response *res, int status, void *value)
{
    res->status = status;
    res->content_type = json_content_type;
    web_json_write(&res->body, value);   /* straight into the answer's buffer */
    json_decref(value);
    jx_buf_putc(&res->body, '\n');
}

/* Set res to the JSON value (consumed) with status. */
static void json_answer(web_response *res, int status, json_t *v)
{
    web_json_answer(res, status, v);
}

/* {"error": {"message": …}} with status. */
static void json_error(web_response *res, int status, const char *message)
{
    json_t *e = json_object();
    json_object_set_new(e, "message", json_string(message));
    json_t *root = json_object();
    json_object_set_new(root, "error", e);
    json_answer(res, status, root);
}

/*
** The error of a failed import: message in Chinese (web_error_zh, as the 导入
** page says it), file, line (null when unknown), and when the message was
** translated, "detail": the library's English original, as the CLI prints it.
*/
static void json_import_error(web_response *res, const jx_error *err, const char *name)
{
    json_t *e = json_object();
    char zh[1024];
    /* a bad document: its Chinese; a bad request (JX_EUSAGE) is written in Chinese already */
    const char *msg = err->status == JX_EINPUT ? web_error_zh(err->message, zh, sizeof zh) : err->message;
    json_object_set_new(e, "message", json_string(msg));
    /* A problem with the request itself (no file, a bad name) names no file. */
    const char *file = err->file[0] ? err->file
                       : err->status != JX_EUSAGE && name && *name ? upload_base(name) : NULL;
    json_object_set_new(e, "file", file && web_text_ok(file) ? json_string(file) : json_null());
    json_object_set_new(e, "line", err->line > 0 ? json_integer(err->line) : json_null());
    if (msg != err->message) json_object_set_new(e, "detail", json_string(err->message));
    json_t *root = json_object();
    json_object_set_new(root, "error", e);
    json_answer(res, err->status == JX_EINPUT || err->status == JX_EUSAGE ? 400 : 500, root);
}

void web_api_error(web_response *res, int status, const char *message)
{
    json_error(res, status, message);
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* The calling thread's store, or a 500 answer. */
static jx_store *store_or_500(web_server *srv, web_response *res)
{
    jx_error err;
    jx_error_clear(&err);
    jx_store *store = web_store(srv, &err);
    if (!store) json_error(res, 500, err.message);
    return store;
}

void web_api_forms(web_server *srv, const web_request *req, web_response *res)
{
    web_form_filter f;
    char msg[256];
    const char *bad = web_form_filter_parse(req, &f, msg, sizeof msg);
    if (bad) { json_error(res, 400, bad); return; }
    jx_store *store = store_or_500(srv, res);
    if (!store) return;
    jx_form_query q = web_form_query(&f);
    q.limit++;   /* one more than the page: whether a next page exists */
    jx_briefs b;
    jx_error err;
    jx_error_clear(&err);
    if (jx_store_query_forms(store, &q, &b, &err) != JX_OK) { json_error(res, 500, err.message); return; }
    size_t shown = b.count > (size_t)f.per_page ? (size_t)f.per_page : b.count;
    json_t *arr = json_array();
    for (size_t i = 0; i < shown; i++) json_array_append_new(arr, jx_brief_json(&b.items[i]));
    json_t *root = json_object();
    json_object_set_new(root, "total", json_integer(b.total));
    json_object_set_new(root, "page", f.after ? json_null() : json_integer(f.page));
    json_object_set_new(root, "per_page", json_integer(f.per_page));
    json_object_set_new(root, "after", f.after ? json_integer(f.after) : json_null());
    /* the keyset of the next page: the last id shown, null on the last page */
    json_object_set_new(root, "next_after",
                        b.count > shown ? json_integer(b.items[shown - 1].id) : json_null());
    json_object_set_new(root, "forms", arr);
    json_answer(res, 200, root);
    jx_briefs_free(&b);
}

void web_api_form(web_server *srv, const web_request *req, web_response *res)
{
    /* {id} alone, or {id}/SUB: the workflow's (workflow.c) */
    char *end;
    errno = 0;
    const char *p = req->rest;
    long long id = *p >= '0' && *p <= '9' ? strtoll(p, &end, 10) : 0;
    if (id <= 0 || errno || (*end && *end != '/')) {
        json_error(res, 400, "项目编号应为正整数");
        return;
    }
    int get = !strcmp(req->method, "GET") || !strcmp(req->method, "HEAD");
    if (*end || !get) {
        web_wf_api(srv, req, res, id, end);
        return;
    }
    if (req->nparams) { json_error(res, 400, "此地址不接受查询参数"); return; }
    web_form_view v;
    int found;
    jx_error err;
    jx_error_clear(&err);
    if (web_form_view_load(srv, id, &v, &found, &err) != JX_OK) {
        json_error(res, 500, err.message);
    } else if (!found) {
        char m[96];
        snprintf(m, sizeof m, "没有编号为 %lld 的项目", id);
        json_error(res, 404, m);
    } else {
        web_form_json_answer(srv, &v, res);
    }
    web_form_view_free(&v);
}

/*
** A cached region's PNG copied into b; 1 when key was cached (and is now the
** most recently used).
*/
static int region_cached(web_server *srv, const char *key, jx_buf *b)
{
    int hit = 0;
    pthread_mutex_lock(&srv->region_lock);
    for (size_t i = 0; i < JX_HTTP_REGION_CACHE; i++) {
        web_region *r = &srv->regions[i];
        if (r->png && !strcmp(r->key, key)) {
            r->used = ++srv->region_clock;
            jx_buf_append(b, r->png, r->len);
            hit = 1;
            break;
        }
    }
    pthread_mutex_unlock(&srv->region_lock);
    return hit;
}

/*
** Keep a rendered region (png copied), evicting the least recently used ones
** while the cache is over JX_HTTP_REGION_CACHE entries or bytes. A region
** larger than the whole cache is not kept.
*/
static void region_keep(web_server *srv, const char *key, const char *png, size_t len)
{
    if (len > (size_t)JX_HTTP_REGION_CACHE_BYTES) return;
    pthread_mutex_lock(&srv->region_lock);
    for (size_t i = 0; i < JX_HTTP_REGION_CACHE; i++)   /* another thread rendered it meanwhile */
        if (srv->regions[i].png && !strcmp(srv->regions[i].key, key)) {
            pthread_mutex_unlock(&srv->region_lock);
            return;
        }
    for (;;) {
        size_t free_slot = JX_HTTP_REGION_CACHE, lru = JX_HTTP_REGION_CACHE;
        for (size_t i = 0; i < JX_HTTP_REGION_CACHE; i++) {
            if (!srv->regions[i].png) { if (free_slot == JX_HTTP_REGION_CACHE) free_slot = i; continue; }
            if (lru == JX_HTTP_REGION_CACHE || srv->regions[i].used < srv->regions[lru].used) lru = i;
        }
        if (free_slot < JX_HTTP_REGION_CACHE && srv->region_bytes + len <= (size_t)JX_HTTP_REGION_CACHE_BYTES) {
            web_region *r = &srv->regions[free_slot];
            snprintf(r->key, sizeof r->key, "%s", key);
            r->png = jx_xmalloc(len ? len : 1);
            memcpy(r->png, png, len);
            r->len = len;
            r->used = ++srv->region_clock;
            srv->region_bytes += len;
            break;
        }
        if (lru == JX_HTTP_REGION_CACHE) break;
        srv->region_bytes -= srv->regions[lru].len;
        free(srv->regions[lru].png);
        srv->regions[lru].png = NULL;
        srv->regions[lru].len = 0;
    }
    pthread_mutex_unlock(&srv->region_lock);
}

void web_api_region(web_server *srv, const web_request *req, web_response *res)
{
    static const char *const allowed[] = {"file", "line", NULL};
    const char *unknown = web_param_unknown(req, allowed);
    if (unknown) {
        char m[160];
        snprintf(m, sizeof m, "未知的查询参数：%.100s（可用：file、line）", unknown);
        json_error(res, 400, m);
        return;
    }
    const char *file = web_param_get(req, "file");
    long line;
    if (!file || !*file) { json_error(res, 400, "缺少 file（来源文件名）"); return; }
    if (!parse_long(web_param_get(req, "line"), 1, LONG_MAX, &line)) {
        json_error(res, 400, "line 应为正整数（来源行号）");
        return;
    }
    jx_store *store = store_or_500(srv, res);
    if (!store) return;
    jx_error err;
    jx_error_clear(&err);
    jx_page_region r;
    if (jx_store_page_region(store, file, line, &r, &err) != JX_OK) {
        json_error(res, 500, err.message);
        return;
    }
    if (!r.found) {
        json_error(res, 404, "该来源行没有页面区域（来源不是PDF，或PDF过大未保存）");
        return;
    }
    char key[96];
    snprintf(key, sizeof key, "%s:%ld", r.sha256, line);
    if (!region_cached(srv, key, &res->body)) {
        char *png = NULL;
        size_t len = 0;
        if (jx_pdf_render_region(r.pdf, r.pdf_len, r.page, r.box, &png, &len, &err) != JX_OK) {
            jx_page_region_free(&r);
            json_error(res, 500, err.message);
            return;
        }
        region_keep(srv, key, png, len);
        jx_buf_append(&res->body, png, len);
        free(png);
    }
    jx_page_region_free(&r);
    res->status = 200;
    res->content_type = "image/png";
}

/* A stored finding's id "FORM-SEQ" as a JSON string. */
static json_t *finding_id_json(const jx_finding_row *x)
{
    char id[48];
    snprintf(id, sizeof id, "%lld-%lld", x->form_id, x->seq);
    return json_string(id);
}

void web_api_findings(web_server *srv, const web_request *req, web_response *res)
{
    web_finding_filter f;
    char msg[256];
    const char *bad = web_finding_filter_parse(req, &f, msg, sizeof msg);
    if (bad) { json_error(res, 400, bad); return; }
    jx_store *store = store_or_500(srv, res);
    if (!store) return;
    jx_error err;
    jx_error_clear(&err);
    if (f.form) {
        jx_form_query one = {0};
        one.id = f.form;
        jx_briefs b;
        if (jx_store_query_forms(store, &one, &b, &err) != JX_OK) { json_error(res, 500, err.message); return; }
        long long n = b.total;
        jx_briefs_free(&b);
        if (!n) {
            char m[96];
            snprintf(m, sizeof m, "没有编号为 %lld 的项目", f.form);
            json_error(res, 404, m);
            return;
        }
    }
    jx_finding_query q = web_finding_query(&f);
    q.limit++;   /* one more than the page: whether a next page exists */
    jx_finding_rows rows;
    if (jx_store_query_findings(store, &q, &rows, &err) != JX_OK) { json_error(res, 500, err.message); return; }
    size_t shown = rows.count > (size_t)f.per_page ? (size_t)f.per_page : rows.count;
    json_t *arr = json_array();
    for (size_t i = 0; i < shown; i++) {
        json_t *x = jx_finding_row_json(&rows.items[i], 1);
        json_object_set_new(x, "id", finding_id_json(&rows.items[i]));
        json_array_append_new(arr, x);
    }
    json_t *root = json_object();
    json_object_set_new(root, "total", json_integer(rows.total));
    json_object_set_new(root, "page", f.keyset ? json_null() : json_integer(f.page));
    json_object_set_new(root, "per_page", json_integer(f.per_page));
    json_object_set_new(root, "after", f.keyset ? json_string(web_param_get(req, "after")) : json_null());
    /* the keyset of the next page: the id of the last finding shown, null on the last page */
    json_object_set_new(root, "next_after", rows.count > shown ? finding_id_json(&rows.items[shown - 1])
                                                               : json_null());
    json_object_set_new(root, "findings", arr);
    json_answer(res, 200, root);
    jx_finding_rows_free(&rows);
}

/* A summary breakdown as [{"<key>": label, "<what>": n, ("total": yuan)}]. */
static json_t *counts_json(const web_counts *c, const char *key, const char *what, int money)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < c->count; i++) {
        json_t *o = json_object();
        json_object_set_new(o, key, json_string(c->items[i].label));
        json_object_set_new(o, what, json_integer(c->items[i].count));
        if (money) json_object_set_new(o, "total", web_json_yuan(c->items[i].money));
        json_array_append_new(arr, o);
    }
    return arr;
}

void web_api_summary(web_server *srv, const web_request *req, web_response *res)
{
    static const char *const known[] = {"by", NULL};
    const char *unknown = web_param_unknown(req, known);
    if (unknown) { json_error(res, 400, "未知的查询参数（可用：by）"); return; }
    jx_summary_by by = JX_BY_NONE;
    const char *v = nonempty(web_param_get(req, "by"));
    if (v && !jx_summary_by_parse(v, &by)) {
        json_error(res, 400, "by 应为 unit、department、year 或 category");
        return;
    }
    jx_store *store = store_or_500(srv, res);
    if (!store) return;
    /* The summary of `jixiao summary --format json` (groups when by= is given) ... */
    jx_summary js;
    web_summary s;
    jx_error err;
    jx_error_clear(&err);
    if (jx_summarize_store(store, by, &js, &err) != JX_OK) { json_error(res, 500, err.message); return; }
    json_t *root = jx_summary_json(&js);
    jx_summary_free(&js);
    /* ... and the dashboard's figures beside it. */
    if (web_summary_compute(srv, &s, &err) != JX_OK) {
        json_decref(root);
        json_error(res, 500, err.message);
        return;
    }
    json_object_set_new(root, "forms", json_integer((json_int_t)s.forms));
    json_object_set_new(root, "indicators", json_integer((json_int_t)s.indicators));
    json_object_set_new(root, "quantitative", json_integer((json_int_t)s.quantitative));
    json_object_set_new(root, "quantitative_share",
                        s.indicators ? json_real((double)s.quantitative / (double)s.indicators)
                                     : json_null());
    json_object_set_new(root, "budget_total", json_real(jx_money_yuan(s.money_total)));
    json_t *sev = json_object();
    json_object_set_new(sev, "error", json_integer((json_int_t)s.findings_by_severity[JX_SEV_ERROR]));
    json_object_set_new(sev, "warning",
                        json_integer((json_int_t)s.findings_by_severity[JX_SEV_WARNING]));
    json_object_set_new(sev, "info", json_integer((json_int_t)s.findings_by_severity[JX_SEV_INFO]));
    json_object_set_new(root, "findings_by_severity", sev);
    json_object_set_new(root, "by_year", counts_json(&s.by_year, "year", "forms", 1));
    json_object_set_new(root, "by_unit", counts_json(&s.by_unit, "unit", "forms", 1));
    json_object_set_new(root, "by_level1", counts_json(&s.by_level1, "level1", "indicators", 0));
    json_object_set_new(root, "by_category", counts_json(&s.by_category, "category", "indicators", 0));
    json_t *rules = counts_json(&s.by_rule, "rule", "findings", 0);
    for (size_t i = 0; i < json_array_size(rules); i++) {
        const jx_rule *r = jx_rule_find(s.by_rule.items[i].label);
        json_object_set_new(json_array_get(rules, i), "title", str_or_null(r ? r->title : NULL));
    }
    json_object_set_new(root, "by_rule", rules);
    json_answer(res, 200, root);
    web_summary_free(&s);
}

/* The 413 message, naming the limit. */
void web_too_large_message(const web_server *srv, char *buf, size_t size)
{
    long max = srv->opt->max_upload;
    if (max >= 1024 * 1024 && max % (1024 * 1024) == 0)
        snprintf(buf, size, "上传的文件超过大小限制（%ld MiB）", max / (1024 * 1024));
    else
        snprintf(buf, size, "上传的文件超过大小限制（%ld 字节）", max);
}

void web_api_import(web_server *srv, const web_request *req, web_response *res)
{
    if (req->upload_too_large) {
        char msg[128];
        web_too_large_message(srv, msg, sizeof msg);
        json_t *e = json_object();
        json_object_set_new(e, "message", json_string(msg));
        json_object_set_new(e, "file", json_null());
        json_object_set_new(e, "line", json_null());
        json_t *root = json_object();
        json_object_set_new(root, "error", e);
        json_answer(res, 413, root);
        return;
    }
    if (req->upload_problem) {
        jx_error err;
        jx_error_clear(&err);
        jx_error_set(&err, JX_EUSAGE, NULL, 0, "%s", req->upload_problem);
        json_import_error(res, &err, req->upload_name);
        return;
    }
    jx_form_list forms = {0};
    jx_error err;
    jx_error_clear(&err);
    int forbidden = 0;
    if (web_import_upload(srv, req, req->upload_name, req->upload_data, req->upload_len, &forms,
                          &forbidden, &err) != JX_OK) {
        if (forbidden) json_error(res, 403, err.message);
        else json_import_error(res, &err, req->upload_name);
        return;
    }
    json_t *root = json_object();
    json_t *arr = json_array();
    size_t nind = 0;
    for (size_t i = 0; i < forms.count; i++) {
        const jx_form *f = forms.items[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(f->id));
        json_object_set_new(o, "name", str_or_null(f->name));
        json_object_set_new(o, "indicator_count", json_integer((json_int_t)f->nindicators));
        json_array_append_new(arr, o);
        nind += f->nindicators;
    }
    json_object_set_new(root, "file", json_string(upload_base(req->upload_name)));
    json_object_set_new(root, "forms", arr);
    json_object_set_new(root, "indicators", json_integer((json_int_t)nind));
    /* The parts that could not be read and were skipped (issue 11), as `jixiao import` lists them. */
    json_t *skipped = json_array();
    for (size_t i = 0; i < forms.nnotes; i++) {
        const jx_note *n = &forms.notes[i];
        json_array_append_new(skipped, json_pack("{s:o, s:s, s:s}", "line",
                                                 n->line ? json_integer(n->line) : json_null(),
                                                 "part", n->part, "why", n->why));
    }
    json_object_set_new(root, "skipped", skipped);
    json_answer(res, 200, root);
    jx_form_list_free(&forms);
}

/* Read a whole file into res's body; JX_OK or err set. */
static jx_status slurp(const char *path, jx_buf *out, jx_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) return jx_error_set(err, JX_ESYS, NULL, 0, "无法读取导出文件：%s", strerror(errno));
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) jx_buf_append(out, chunk, n);
    int bad = ferror(f);
    fclose(f);
    return bad ? jx_error_set(err, JX_ESYS, NULL, 0, "无法读取导出文件") : JX_OK;
}

/* Every form with its stored findings (the Office exporters take them whole). */
typedef struct everything {
    jx_form_list forms;
    jx_finding_rows rows;
    jx_findings findings;   /* pointing into rows and forms */
} everything;

static jx_status load_everything(web_server *srv, everything *e, jx_error *err)
{
    memset(e, 0, sizeof *e);
    jx_store *store = web_store(srv, err);
    if (!store) return err->status;
    jx_status st = jx_store_load(store, &(jx_filter){0}, &e->forms, err);
    jx_finding_query fq = {0};
    fq.severity = -1;
    fq.limit = -1;
    if (st == JX_OK) st = jx_store_query_findings(store, &fq, &e->rows, err);
    if (st != JX_OK) return st;
    e->findings.items = jx_xcalloc(e->rows.count ? e->rows.count : 1, sizeof *e->findings.items);
    size_t k = 0;
    for (size_t i = 0; i < e->rows.count; i++) {
        const jx_finding_row *r = &e->rows.items[i];
        while (k < e->forms.count && e->forms.items[k]->id < r->form_id) k++;
        e->findings.items[e->findings.count++] = jx_finding_of_row(
            r, k < e->forms.count && e->forms.items[k]->id == r->form_id ? e->forms.items[k] : NULL);
    }
    e->findings.cap = e->findings.count;
    return JX_OK;
}

static void everything_free(everything *e)
{
    free(e->findings.items);
    jx_finding_rows_free(&e->rows);
    jx_form_list_free(&e->forms);
}

/*
** xlsx: libxlsxwriter writes a file, so the workbook is written into a
** private temporary directory, read back and removed.
*/
static void export_xlsx(web_server *srv, web_response *res)
{
    everything snap;
    jx_error err;
    jx_error_clear(&err);
    /* more forms than a workbook holds: refused before anything is loaded (413) */
    jx_store *store = web_store(srv, &err);
    jx_briefs n = {0};
    if (!store || jx_store_query_forms(store, &(jx_form_query){.limit = 0}, &n, &err) != JX_OK) {
        json_error(res, 500, err.message);
        return;
    }
    long long total = n.total;
    jx_briefs_free(&n);
    if (total > (long long)jx_export_xlsx_max_forms()) {
        jx_buf m = {0};
        jx_buf_printf(&m, "共有 %lld 个项目，超过一个工作簿可容纳的 %zu 个项目表；请导出 CSV 或 JSON，"
                      "或用命令行 jixiao export --format xlsx --year/--unit 分批导出", total,
                      jx_export_xlsx_max_forms());
        json_error(res, 413, m.data);
        jx_buf_free(&m);
        return;
    }
    if (load_everything(srv, &snap, &err) != JX_OK) {
        json_error(res, 500, err.message);
        everything_free(&snap);
        return;
    }
    const char *tmp = getenv("TMPDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/jixiao-export-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        json_error(res, 500, "无法创建临时目录");
        everything_free(&snap);
        return;
    }
    jx_buf path = {0};
    jx_buf_printf(&path, "%s/jixiao.xlsx", dir);
    jx_status st = jx_export_xlsx(&snap.forms, &snap.findings, path.data, &err);
    everything_free(&snap);
    jx_buf body = {0};
    if (st == JX_OK) st = slurp(path.data, &body, &err);
    if (st != JX_OK) {
        strip_dir(err.message, dir);
        json_error(res, 500, err.message);
    } else {
        res->status = 200;
        res->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        jx_buf_append(&res->body, body.data ? body.data : "", body.len);
        res->disposition = jx_strdup("attachment; filename=\"jixiao.xlsx\"");
    }
    jx_buf_free(&body);
    unlink(path.data);
    rmdir(dir);
    jx_buf_free(&path);
}

void web_api_export(web_server *srv, const web_request *req, web_response *res)
{
    static const char *const known[] = {"format", "table", NULL};
    const char *unknown = web_param_unknown(req, known);
    if (unknown) { json_error(res, 400, "未知的查询参数（可用：format, table）"); return; }
    const char *format = nonempty(web_param_get(req, "format"));
    const char *table = nonempty(web_param_get(req, "table"));
    if (!format) format = "json";
    if (strcmp(format, "json") != 0 && strcmp(format, "xlsx") != 0 && strcmp(format, "csv") != 0) {
        json_error(res, 400, "未知的导出格式（可用：json, xlsx, csv）");
        return;
    }
    if (strcmp(format, "csv") != 0 && table) {
        json_error(res, 400, "table 只用于 format=csv");
        return;
    }
    if (!strcmp(format, "csv")) {
        if (!table) table = "forms";
        if (strcmp(table, "forms") != 0 && strcmp(table, "indicators") != 0 &&
            strcmp(table, "findings") != 0) {
            json_error(res, 400, "table 应为 forms、indicators 或 findings");
            return;
        }
    }
    if (!strcmp(format, "csv")) {
        /* One table, row by row from the store into the body: no temporary file. */
        jx_store *store = store_or_500(srv, res);
        if (!store) return;
        char *text = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&text, &len);
        jx_error err;
        jx_error_clear(&err);
        jx_status st = out ? jx_export_csv_table(store, table, out, &err)
                           : jx_error_set(&err, JX_ENOMEM, NULL, 0, "out of memory");
        if (out) fclose(out);
        if (st != JX_OK) {
            free(text);
            json_error(res, 500, err.message);
            return;
        }
        res->status = 200;
        res->content_type = "text/csv; charset=utf-8";
        jx_buf_free(&res->body);
        res->body.data = text;
        res->body.len = len;
        res->body.cap = len + 1;
        jx_buf d = {0};
        jx_buf_printf(&d, "attachment; filename=\"%s.csv\"", table);
        res->disposition = jx_buf_take(&d);
        return;
    }
    if (strcmp(format, "json") != 0) {
        export_xlsx(srv, res);
        return;
    }
    jx_store *store = store_or_500(srv, res);
    if (!store) return;
    /* Written form by form into the body: no tree of every form in memory. */
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    jx_error err;
    jx_error_clear(&err);
    jx_status st = out ? jx_export_json_stream(store, out, &err)
                       : jx_error_set(&err, JX_ENOMEM, NULL, 0, "out of memory");
    if (out) fclose(out);
    if (st != JX_OK) {
        free(text);
        json_error(res, 500, err.message);
        return;
    }
    res->status = 200;
    res->content_type = json_content_type;
    jx_buf_free(&res->body);
    res->body.data = text;
    res->body.len = len;
    res->body.cap = len + 1;
    res->disposition = jx_strdup("attachment; filename=\"jixiao.json\"");
}

/* GET /api: what is here. */
void web_api_index(web_server *srv, const web_request *req, web_response *res)
{
    (void)srv, (void)req;
    static const char *const lines[][2] = {
        {"GET /api/forms", "?year=&unit=&category=&q=&page=&per_page=&after="},
        {"GET /api/forms/{id}", "one form with its indicators, findings and grade"},
        {"GET /api/findings", "?rule=&severity=&form=&project=&page=&per_page=&after="},
        {"GET /api/summary", "?by=unit|department|year|category: totals, groups, money by unit, "
                             "indicators by level 1, findings by rule"},
        {"POST /api/import", "multipart/form-data with one file, or the raw file with ?filename="},
        {"GET /api/export", "?format=json|xlsx|csv (&table=forms|indicators|findings for csv)"},
        {"GET /api/region.png", "?file=NAME&line=L: the page region of a PDF source's row, PNG"},
        {"GET /api/disclosures", "?page=&per_page=&after=: the department disclosures (部门预算/决算公开)"},
        {"GET /api/disclosures/{id}", "one disclosure: its tables, statements, findings and forms"},
        {"GET /api/evaluations", "?year=: the self-evaluations (绩效自评表) and monitoring reports "
                                 "(绩效运行监控表), linked and scored"},
        {"GET /api/evaluations/{id}", "one evaluation beside its declared targets, with its scores"},
        {"GET /api/evaluations/history", "?name=: a project's declared targets across the years and "
                                         "what changed"},
    };
    json_t *o = json_object();
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        json_object_set_new(o, lines[i][0], json_string(lines[i][1]));
    json_t *root = json_object();
    json_object_set_new(root, "endpoints", o);
    json_answer(res, 200, root);
}
