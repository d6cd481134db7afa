/*
** api.c - the JSON API under /api/ and what it shares with the pages: the
** snapshot of the store, the list and findings filters, uploads into the
** store, and the summary figures.
**
**   GET  /api                   the endpoints
**   GET  /api/forms             ?year=&unit=&category=&q=&page=&per_page=
**   GET  /api/forms/{id}        the form (export contract) + findings + grade
**   GET  /api/findings          ?rule=&severity=&form=
**   GET  /api/summary           ?by=: `jixiao summary` as JSON, plus the dashboard's figures
**   POST /api/import            multipart (one file part) or raw body with ?filename=
**   GET  /api/export            ?format=json|xlsx|csv[&table=forms|indicators|findings]: a download
**
** Errors are {"error": {"message": …}} (an import error adds "file" and
** "line") with 400 for a bad request, 404 for an unknown path or id, 405
** for a wrong method (with Allow), 413 for an oversized upload.
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
#include "jixiao/summary.h"
#include "web.h"

/* ---- snapshot ------------------------------------------------------------ */

jx_status web_snapshot_load(web_server *srv, web_snapshot *snap, jx_error *err)
{
    memset(snap, 0, sizeof *snap);
    snap->config = jx_review_config_new();
    jx_filter all = {0};
    jx_status st = jx_store_load(srv->store, &all, &snap->forms, err);
    if (st != JX_OK) return st;
    jx_review(snap->config, &snap->forms, &snap->findings);
    return JX_OK;
}

void web_snapshot_free(web_snapshot *snap)
{
    jx_findings_free(&snap->findings);
    jx_form_list_free(&snap->forms);
    jx_review_config_free(snap->config);
    memset(snap, 0, sizeof *snap);
}

const jx_form *web_snapshot_form(const web_snapshot *snap, long long id)
{
    for (size_t i = 0; i < snap->forms.count; i++)
        if (snap->forms.items[i]->id == id) return snap->forms.items[i];
    return NULL;
}

size_t web_snapshot_count_findings(const web_snapshot *snap, long long form_id)
{
    size_t n = 0;
    for (size_t i = 0; i < snap->findings.count; i++)
        if (snap->findings.items[i].form_id == form_id) n++;
    return n;
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
    static const char *const known[] = {"year", "unit", "category", "q", "page", "per_page", NULL};
    memset(f, 0, sizeof *f);
    f->page = 1;
    f->per_page = 50;
    const char *unknown = web_param_unknown(req, known);
    if (unknown) {
        snprintf(msg, msgsize, "未知的查询参数“%s”（可用：year, unit, category, q, page, per_page）",
                 unknown);
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
    if ((v = nonempty(web_param_get(req, "page")))) {
        if (!parse_long(v, 1, 1000000, &n)) return "page 应为正整数";
        f->page = n;
    }
    if ((v = nonempty(web_param_get(req, "per_page")))) {
        if (!parse_long(v, 1, 500, &n)) return "per_page 应为 1 到 500 之间的整数";
        f->per_page = n;
    }
    return NULL;
}

static int has(const char *hay, const char *needle)
{
    return hay && strstr(hay, needle) != NULL;
}

int web_form_matches(const jx_form *form, const web_form_filter *f)
{
    if (f->year && form->year != f->year) return 0;
    if (f->unit && !has(form->unit, f->unit)) return 0;
    if (f->category && (!form->category || strcmp(form->category, f->category) != 0)) return 0;
    if (f->q) {
        if (has(form->name, f->q) || has(form->unit, f->q) || has(form->department, f->q) ||
            has(form->goal, f->q) || has(form->file, f->q) || has(form->category, f->q))
            return 1;
        for (size_t i = 0; i < form->nindicators; i++)
            if (has(form->indicators[i].name, f->q) || has(form->indicators[i].target, f->q))
                return 1;
        return 0;
    }
    return 1;
}

const char *web_finding_filter_parse(const web_request *req, web_finding_filter *f, char *msg,
                                     size_t msgsize)
{
    static const char *const known[] = {"rule", "severity", "form", NULL};
    memset(f, 0, sizeof *f);
    f->severity = -1;
    const char *unknown = web_param_unknown(req, known);
    if (unknown) {
        snprintf(msg, msgsize, "未知的查询参数“%s”（可用：rule, severity, form）", unknown);
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
    return NULL;
}

int web_finding_matches(const jx_finding *x, const web_finding_filter *f)
{
    if (f->rule && strcmp(x->rule, f->rule) != 0) return 0;
    if (f->severity >= 0 && (int)x->severity != f->severity) return 0;
    if (f->form && x->form_id != f->form) return 0;
    return 1;
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

jx_status web_import_upload(web_server *srv, const char *name, const char *data, size_t len,
                            jx_form_list *forms, jx_error *err)
{
    const char *base = upload_base(name ? name : "");
    if (!*base || !strcmp(base, ".") || !strcmp(base, "..") || strlen(base) > 200 ||
        !web_text_ok(base) || strpbrk(base, "\t\r\n"))
        return jx_error_set(err, JX_EUSAGE, NULL, 0, "文件名无效：需要一个普通的文件名（如 2023_项目.md）");
    /* From memory through the one import pipeline: no temporary file. */
    char sha[65];
    jx_status st = jx_import_bytes(base, data, len, forms, sha, err);
    if (st == JX_OK) st = jx_store_import(srv->store, base, sha, forms, err);
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
    if (c->count == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 8;
        c->items = jx_xrealloc(c->items, c->cap * sizeof *c->items);
    }
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

void web_summary_compute(const web_snapshot *snap, web_summary *out)
{
    memset(out, 0, sizeof *out);
    out->forms = snap->forms.count;
    for (size_t i = 0; i < snap->forms.count; i++) {
        const jx_form *f = snap->forms.items[i];
        web_count *u = count_slot(&out->by_unit, f->unit && *f->unit ? f->unit : "（未填写单位）");
        char year[16];
        if (f->year) snprintf(year, sizeof year, "%d", f->year);
        else snprintf(year, sizeof year, "（未知）");
        web_count *y = count_slot(&out->by_year, year);
        u->count++;
        y->count++;
        if (f->budget.total != JX_NO_AMOUNT) {
            u->money += f->budget.total;
            y->money += f->budget.total;
            out->money_total += f->budget.total;
        }
        for (size_t k = 0; k < f->nindicators; k++) {
            const jx_indicator *ind = &f->indicators[k];
            out->indicators++;
            if (ind->value.kind == JX_KIND_QUANTITATIVE) out->quantitative++;
            count_slot(&out->by_level1, ind->level1 && *ind->level1 ? ind->level1 : "（无一级指标）")
                ->count++;
            count_slot(&out->by_category, ind->category ? ind->category : "（未归类）")->count++;
        }
    }
    for (size_t i = 0; i < snap->findings.count; i++) {
        const jx_finding *x = &snap->findings.items[i];
        out->findings_by_severity[x->severity]++;
        count_slot(&out->by_rule, x->rule)->count++;
    }
    sort_counts(&out->by_unit, by_money_desc);
    sort_counts(&out->by_level1, by_count_desc);
    sort_counts(&out->by_category, by_count_desc);
    sort_counts(&out->by_rule, by_count_desc);
    sort_counts(&out->by_year, by_label);
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

/* Set res to the JSON value (consumed) with status. */
static void json_answer(web_response *res, int status, json_t *v)
{
    res->status = status;
    res->content_type = json_content_type;
    char *text = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    json_decref(v);
    jx_buf_puts(&res->body, text ? text : "null");
    jx_buf_putc(&res->body, '\n');
    free(text);
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

/* The error of a failed import: message, file, line (null when unknown). */
static void json_import_error(web_response *res, const jx_error *err, const char *name)
{
    json_t *e = json_object();
    json_object_set_new(e, "message", json_string(err->message));
    /* A problem with the request itself (no file, a bad name) names no file. */
    const char *file = err->file[0] ? err->file
                       : err->status != JX_EUSAGE && name && *name ? upload_base(name) : NULL;
    json_object_set_new(e, "file", file && web_text_ok(file) ? json_string(file) : json_null());
    json_object_set_new(e, "line", err->line > 0 ? json_integer(err->line) : json_null());
    json_t *root = json_object();
    json_object_set_new(root, "error", e);
    json_answer(res, err->status == JX_EINPUT || err->status == JX_EUSAGE ? 400 : 500, root);
}

static void method_not_allowed(web_response *res, const char *allow)
{
    res->allow = allow;
    char msg[128];
    snprintf(msg, sizeof msg, "此地址只接受 %s 请求", allow);
    json_error(res, 405, msg);
}

static int is_get(const web_request *req)
{
    return !strcmp(req->method, "GET") || !strcmp(req->method, "HEAD");
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* One finding as JSON (the same fields as `jixiao check --format json`, plus title). */
static json_t *finding_json(const jx_finding *x)
{
    json_t *o = json_object();
    const jx_rule *r = jx_rule_find(x->rule);
    json_object_set_new(o, "rule", json_string(x->rule));
    json_object_set_new(o, "title", str_or_null(r ? r->title : NULL));
    json_object_set_new(o, "severity", json_string(jx_severity_name(x->severity)));
    json_object_set_new(o, "dimension", json_string(jx_dimension_name(x->dimension)));
    json_object_set_new(o, "form_id", json_integer(x->form_id));
    json_object_set_new(o, "form_name", str_or_null(x->form ? x->form->name : NULL));
    json_t *src = json_object();
    json_object_set_new(src, "file", str_or_null(x->form ? x->form->file : NULL));
    json_object_set_new(src, "line", json_integer(x->line));
    json_object_set_new(o, "source", src);
    json_object_set_new(o, "where", str_or_null(x->where));
    json_object_set_new(o, "message", str_or_null(x->message));
    json_object_set_new(o, "reason", str_or_null(x->reason));
    json_object_set_new(o, "suggestion", str_or_null(x->suggestion));
    json_object_set_new(o, "scope", json_string(jx_scope_name(x->scope)));
    return o;
}

/* A list entry: the form's header without its indicators. */
static json_t *form_brief_json(const web_snapshot *snap, const jx_form *f)
{
    json_t *o = json_object();
    double score;
    const char *grade = jx_review_grade(snap->config, &snap->findings, f->id, &score);
    json_object_set_new(o, "id", json_integer(f->id));
    json_object_set_new(o, "year", f->year ? json_integer(f->year) : json_null());
    json_object_set_new(o, "name", str_or_null(f->name));
    json_object_set_new(o, "unit", str_or_null(f->unit));
    json_object_set_new(o, "department", str_or_null(f->department));
    json_object_set_new(o, "category", str_or_null(f->category));
    json_object_set_new(o, "framework", str_or_null(f->framework));
    json_object_set_new(o, "budget_total", web_json_yuan(f->budget.total));
    json_object_set_new(o, "indicator_count", json_integer((json_int_t)f->nindicators));
    json_object_set_new(o, "finding_count",
                        json_integer((json_int_t)web_snapshot_count_findings(snap, f->id)));
    json_object_set_new(o, "grade", json_string(grade));
    json_t *src = json_object();
    json_object_set_new(src, "file", str_or_null(f->file));
    json_object_set_new(src, "line", json_integer(f->line));
    json_object_set_new(o, "source", src);
    return o;
}

/* Load the snapshot or answer 500. 1 when loaded. */
static int load(web_server *srv, web_snapshot *snap, web_response *res)
{
    jx_error err;
    jx_error_clear(&err);
    if (web_snapshot_load(srv, snap, &err) == JX_OK) return 1;
    web_snapshot_free(snap);
    json_error(res, 500, err.message);
    return 0;
}

static void api_forms(web_server *srv, const web_request *req, web_response *res)
{
    web_form_filter f;
    char msg[256];
    const char *bad = web_form_filter_parse(req, &f, msg, sizeof msg);
    if (bad) { json_error(res, 400, bad); return; }
    web_snapshot snap;
    if (!load(srv, &snap, res)) return;
    json_t *arr = json_array();
    long total = 0, first = (f.page - 1) * f.per_page;
    for (size_t i = 0; i < snap.forms.count; i++) {
        const jx_form *form = snap.forms.items[i];
        if (!web_form_matches(form, &f)) continue;
        if (total >= first && total < first + f.per_page)
            json_array_append_new(arr, form_brief_json(&snap, form));
        total++;
    }
    json_t *root = json_object();
    json_object_set_new(root, "total", json_integer(total));
    json_object_set_new(root, "page", json_integer(f.page));
    json_object_set_new(root, "per_page", json_integer(f.per_page));
    json_object_set_new(root, "forms", arr);
    json_answer(res, 200, root);
    web_snapshot_free(&snap);
}

static void api_form(web_server *srv, const web_request *req, web_response *res, const char *idtext)
{
    long id;
    if (req->nparams) { json_error(res, 400, "此地址不接受查询参数"); return; }
    if (!parse_long(idtext, 1, LONG_MAX, &id)) {
        json_error(res, 400, "项目编号应为正整数");
        return;
    }
    web_snapshot snap;
    if (!load(srv, &snap, res)) return;
    const jx_form *f = web_snapshot_form(&snap, id);
    if (!f) {
        char m[96];
        snprintf(m, sizeof m, "没有编号为 %ld 的项目", id);
        json_error(res, 404, m);
    } else {
        json_t *o = jx_form_to_json(f);
        double score;
        const char *grade = jx_review_grade(snap.config, &snap.findings, f->id, &score);
        json_t *review = json_object();
        json_object_set_new(review, "grade", json_string(grade));
        json_object_set_new(review, "score", json_real(score));
        json_object_set_new(o, "review", review);
        json_t *arr = json_array();
        for (size_t i = 0; i < snap.findings.count; i++)
            if (snap.findings.items[i].form_id == f->id)
                json_array_append_new(arr, finding_json(&snap.findings.items[i]));
        json_object_set_new(o, "findings", arr);
        json_answer(res, 200, o);
    }
    web_snapshot_free(&snap);
}

static void api_findings(web_server *srv, const web_request *req, web_response *res)
{
    web_finding_filter f;
    char msg[256];
    const char *bad = web_finding_filter_parse(req, &f, msg, sizeof msg);
    if (bad) { json_error(res, 400, bad); return; }
    web_snapshot snap;
    if (!load(srv, &snap, res)) return;
    if (f.form && !web_snapshot_form(&snap, f.form)) {
        char m[96];
        snprintf(m, sizeof m, "没有编号为 %lld 的项目", f.form);
        json_error(res, 404, m);
        web_snapshot_free(&snap);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < snap.findings.count; i++)
        if (web_finding_matches(&snap.findings.items[i], &f))
            json_array_append_new(arr, finding_json(&snap.findings.items[i]));
    json_t *root = json_object();
    json_object_set_new(root, "total", json_integer((json_int_t)json_array_size(arr)));
    json_object_set_new(root, "findings", arr);
    json_answer(res, 200, root);
    web_snapshot_free(&snap);
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

static void api_summary(web_server *srv, const web_request *req, web_response *res)
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
    web_snapshot snap;
    if (!load(srv, &snap, res)) return;
    /* The summary of `jixiao summary --format json` (groups when by= is given) ... */
    jx_summary js;
    jx_summarize(&snap.forms, &snap.findings, by, &js);
    json_t *root = jx_summary_json(&js);
    jx_summary_free(&js);
    /* ... and the dashboard's figures beside it. */
    web_summary s;
    web_summary_compute(&snap, &s);
    json_object_set_new(root, "forms", json_integer((json_int_t)s.forms));
    json_object_set_new(root, "indicators", json_integer((json_int_t)s.indicators));
    json_object_set_new(root, "quantitative", json_integer((json_int_t)s.quantitative));
    json_object_set_new(root, "quantitative_share",
                        s.indicators ? json_real((double)s.quantitative / (double)s.indicators)
                                     : json_null());
    json_object_set_new(root, "budget_total", json_real((double)s.money_total / 100.0));
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
    web_snapshot_free(&snap);
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

static void api_import(web_server *srv, const web_request *req, web_response *res)
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
    if (web_import_upload(srv, req->upload_name, req->upload_data, req->upload_len, &forms,
                          &err) != JX_OK) {
        json_import_error(res, &err, req->upload_name);
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

/*
** xlsx and csv: written by the Office exporter into a private temporary
** directory, read back, removed. csv is one table per request (?table=).
*/
static void export_office(web_server *srv, web_response *res, const char *format,
                          const char *table)
{
    web_snapshot snap;
    if (!load(srv, &snap, res)) return;
    const char *tmp = getenv("TMPDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/jixiao-export-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    jx_error err;
    jx_error_clear(&err);
    if (!mkdtemp(dir)) {
        json_error(res, 500, "无法创建临时目录");
        web_snapshot_free(&snap);
        return;
    }
    jx_buf path = {0};
    jx_status st;
    int xlsx = !strcmp(format, "xlsx");
    if (xlsx) {
        jx_buf_printf(&path, "%s/jixiao.xlsx", dir);
        st = jx_export_xlsx(&snap.forms, &snap.findings, path.data, &err);
    } else {
        jx_buf_printf(&path, "%s/csv", dir);
        st = jx_export_csv(&snap.forms, &snap.findings, path.data, &err);
    }
    jx_buf body = {0};
    if (st == JX_OK) {
        jx_buf file = {0};
        if (xlsx) jx_buf_puts(&file, path.data);
        else jx_buf_printf(&file, "%s/%s.csv", path.data, table);
        st = slurp(file.data, &body, &err);
        jx_buf_free(&file);
    }
    if (st != JX_OK) {
        strip_dir(err.message, dir);
        json_error(res, 500, err.message);
    } else {
        res->status = 200;
        res->content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                 : "text/csv; charset=utf-8";
        jx_buf_append(&res->body, body.data ? body.data : "", body.len);
        jx_buf d = {0};
        if (xlsx) jx_buf_puts(&d, "attachment; filename=\"jixiao.xlsx\"");
        else jx_buf_printf(&d, "attachment; filename=\"%s.csv\"", table);
        res->disposition = jx_buf_take(&d);
    }
    jx_buf_free(&body);
    /* Remove what the exporter wrote: the workbook, or the directory of CSV files. */
    if (xlsx) {
        unlink(path.data);
    } else {
        static const char *const files[] = {"forms.csv", "indicators.csv", "findings.csv"};
        for (size_t i = 0; i < 3; i++) {
            jx_buf f = {0};
            jx_buf_printf(&f, "%s/%s", path.data, files[i]);
            unlink(f.data);
            jx_buf_free(&f);
        }
        rmdir(path.data);
    }
    rmdir(dir);
    jx_buf_free(&path);
    web_snapshot_free(&snap);
}

static void api_export(web_server *srv, const web_request *req, web_response *res)
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
    if (strcmp(format, "json") != 0) {
        export_office(srv, res, format, table);
        return;
    }
    jx_form_list forms = {0};
    jx_filter all = {0};
    jx_error err;
    jx_error_clear(&err);
    if (jx_store_load(srv->store, &all, &forms, &err) != JX_OK) {
        json_error(res, 500, err.message);
        return;
    }
    json_answer(res, 200, jx_export_json(&forms));
    res->disposition = jx_strdup("attachment; filename=\"jixiao.json\"");
    jx_form_list_free(&forms);
}

/* GET /api: what is here. */
static void api_index(web_response *res)
{
    static const char *const lines[][2] = {
        {"GET /api/forms", "?year=&unit=&category=&q=&page=&per_page="},
        {"GET /api/forms/{id}", "one form with its indicators, findings and grade"},
        {"GET /api/findings", "?rule=&severity=&form="},
        {"GET /api/summary", "?by=unit|department|year|category: totals, groups, money by unit, "
                             "indicators by level 1, findings by rule"},
        {"POST /api/import", "multipart/form-data with one file, or the raw file with ?filename="},
        {"GET /api/export", "?format=json|xlsx|csv (&table=forms|indicators|findings for csv)"},
    };
    json_t *o = json_object();
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        json_object_set_new(o, lines[i][0], json_string(lines[i][1]));
    json_t *root = json_object();
    json_object_set_new(root, "endpoints", o);
    json_answer(res, 200, root);
}

void web_api(web_server *srv, const web_request *req, web_response *res)
{
    const char *p = req->path;
    if (!strcmp(p, "/api/import")) {
        if (strcmp(req->method, "POST") != 0) { method_not_allowed(res, "POST"); return; }
        api_import(srv, req, res);
        return;
    }
    int known = !strcmp(p, "/api") || !strcmp(p, "/api/") || !strcmp(p, "/api/forms") ||
                !strncmp(p, "/api/forms/", 11) || !strcmp(p, "/api/findings") ||
                !strcmp(p, "/api/summary") || !strcmp(p, "/api/export");
    if (!known) { json_error(res, 404, "没有这个 API 地址"); return; }
    if (!is_get(req)) { method_not_allowed(res, "GET, HEAD"); return; }
    if (!strcmp(p, "/api") || !strcmp(p, "/api/")) api_index(res);
    else if (!strcmp(p, "/api/forms")) api_forms(srv, req, res);
    else if (!strncmp(p, "/api/forms/", 11)) api_form(srv, req, res, p + 11);
    else if (!strcmp(p, "/api/findings")) api_findings(srv, req, res);
    else if (!strcmp(p, "/api/summary")) api_summary(srv, req, res);
    else api_export(srv, req, res);
}
