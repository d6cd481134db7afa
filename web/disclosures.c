/*
** disclosures.c - the department disclosures (部门预算/部门决算 公开) on the
** web: one per imported file that holds budget or final-accounts tables.
**
**   GET /api/disclosures?page=&per_page=&after=   the list, a page of it (after=ID: a keyset
**                                          page, those above ID), and the total
**   GET /api/disclosures/{id}              one: its tables, statements, findings, forms
**   /disclosures, /disclosures/{id}        the same as pages (Simplified Chinese)
**
** A disclosure's id is its file's (the store keeps one disclosure a file).
** Its findings are the stored findings of the disclosure as a whole (scope
** disclosure); on the page each stands beside the 情况说明 statement of its
** line, the rest below.
*/
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/disclosure.h"
#include "jixiao/review.h"
#include "jixiao/rules.h"
#include "web.h"

#define DISCLOSURES_PER_PAGE 50
#define DISCLOSURES_MAX_PER_PAGE 500

/* The paging of a list request (web_paging_parse); NULL, or the message of a 400 (in msg). */
static const char *list_params(const web_request *req, web_paging *pg, char *msg, size_t size)
{
    return web_paging_parse(req, NULL, DISCLOSURES_PER_PAGE, DISCLOSURES_MAX_PER_PAGE, "公开文件", pg, msg, size);
}

/* One page of the list (one more than per_page: whether a next page exists); 0 with err set. */
static int list_query(jx_store *store, long page, long per_page, long after, jx_disclosure_briefs *b,
                      jx_error *err)
{
    long long offset = after ? 0 : (long long)(page - 1) * per_page;
    return jx_store_query_disclosures(store, offset, after, per_page + 1, b, err) == JX_OK;
}

/* A JSON error answer. */
static void api_error(web_response *res, int status, const char *message)
{
    web_api_error(res, status, message);
}

/* A JSON answer (takes v). */
static void api_answer(web_response *res, json_t *v)
{
    web_json_answer(res, 200, v);
}

/* The calling thread's store, or a 500 (JSON or page). */
static jx_store *store_or_error(web_server *srv, web_response *res, int page)
{
    jx_error err;
    jx_error_clear(&err);
    jx_store *s = web_store(srv, &err);
    if (!s) {
        if (page) web_page_error(res, 500, "数据库错误", err.message);
        else api_error(res, 500, err.message);
    }
    return s;
}

/* "部门决算" or "部门预算". */
static const char *kind_label(const jx_disclosure_brief *d)
{
    return d->final ? "部门决算" : "部门预算";
}

/* A disclosure brief as JSON. */
static json_t *brief_json(const jx_disclosure_brief *d)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(d->id));
    json_object_set_new(o, "file", json_string(d->file ? d->file : ""));
    json_object_set_new(o, "kind", json_string(d->final ? "final" : "budget"));
    json_object_set_new(o, "unit", d->unit ? json_string(d->unit) : json_null());
    json_object_set_new(o, "year", d->year ? json_integer(d->year) : json_null());
    json_object_set_new(o, "template", json_boolean(d->template_doc));
    json_object_set_new(o, "tables", json_integer(d->tables));
    json_object_set_new(o, "forms", json_integer(d->forms));
    json_object_set_new(o, "findings", json_integer(d->findings));
    json_object_set_new(o, "imported_at", d->imported_at ? json_string(d->imported_at) : json_null());
    return o;
}

void web_api_disclosures(web_server *srv, const web_request *req, web_response *res)
{
    web_paging pg;
    char msg[256];
    const char *bad = list_params(req, &pg, msg, sizeof msg);
    if (bad) { api_error(res, 400, bad); return; }
    long page = pg.page, per_page = pg.per_page, after = pg.after;
    jx_store *store = store_or_error(srv, res, 0);
    if (!store) return;
    jx_disclosure_briefs b;
    jx_error err;
    jx_error_clear(&err);
    if (!list_query(store, page, per_page, after, &b, &err)) {
        api_error(res, 500, err.message);
        return;
    }
    size_t shown = b.count > (size_t)per_page ? (size_t)per_page : b.count;
    json_t *arr = json_array();
    for (size_t i = 0; i < shown; i++) json_array_append_new(arr, brief_json(&b.items[i]));
    json_t *root = json_object();
    json_object_set_new(root, "total", json_integer(b.total));
    json_object_set_new(root, "page", after ? json_null() : json_integer(page));
    json_object_set_new(root, "per_page", json_integer(per_page));
    json_object_set_new(root, "after", after ? json_integer(after) : json_null());
    /* the keyset of the next page: the last id shown, null on the last page */
    json_object_set_new(root, "next_after", b.count > shown ? json_integer(b.items[shown - 1].id) : json_null());
    json_object_set_new(root, "disclosures", arr);
    api_answer(res, root);
    jx_disclosure_briefs_free(&b);
}

/* One disclosure loaded for a page or the API. */
typedef struct view {
    jx_disclosure_brief brief;
    jx_form_list list;        /* list.disclosures[0] is the disclosure */
    jx_briefs forms;
    jx_finding_rows findings; /* the disclosure's own (scope disclosure) */
} view;

static void view_free(view *v)
{
    free(v->brief.file), free(v->brief.imported_at), free(v->brief.unit);
    jx_form_list_free(&v->list);
    jx_briefs_free(&v->forms);
    jx_finding_rows_free(&v->findings);
}

/*
** Load disclosure rest (the path after the prefix) into *v. Returns the HTTP
** status: 200, or 400/404/500 with msg set.
*/
static int view_load(web_server *srv, const char *rest, view *v, char *msg, size_t size)
{
    memset(v, 0, sizeof *v);
    long id;
    if (!web_parse_num(rest, 1, LONG_MAX, &id)) {
        snprintf(msg, size, "公开文件编号应为正整数");
        return 400;
    }
    jx_error err;
    jx_error_clear(&err);
    jx_store *store = web_store(srv, &err);
    int found = 0;
    if (!store || jx_store_load_disclosure(store, id, &v->brief, &v->list, &v->forms, &found, &err) != JX_OK) {
        snprintf(msg, size, "%s", err.message);
        return 500;
    }
    if (!found || !v->list.ndisclosures) {
        snprintf(msg, size, "没有编号为 %ld 的公开文件", id);
        return 404;
    }
    jx_finding_query q = {.severity = -1, .disclosure = v->brief.file, .limit = -1};
    if (jx_store_query_findings(store, &q, &v->findings, &err) != JX_OK) {
        snprintf(msg, size, "%s", err.message);
        return 500;
    }
    return 200;
}

void web_api_disclosure(web_server *srv, const web_request *req, web_response *res)
{
    if (req->nparams) { api_error(res, 400, "此地址不接受查询参数"); return; }
    view v;
    char msg[1024];
    int status = view_load(srv, req->rest, &v, msg, sizeof msg);
    if (status != 200) {
        api_error(res, status, msg);
        view_free(&v);
        return;
    }
    json_t *root = brief_json(&v.brief);
    jx_disclosure_export_json(&v.list, root);   /* budget_tables, final_accounts, narratives */
    json_t *forms = json_array();
    for (size_t i = 0; i < v.forms.count; i++) {
        const jx_brief *f = &v.forms.items[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(f->id));
        json_object_set_new(o, "name", json_string(f->name ? f->name : ""));
        json_object_set_new(o, "unit", f->unit ? json_string(f->unit) : json_null());
        json_object_set_new(o, "year", f->year ? json_integer(f->year) : json_null());
        json_object_set_new(o, "line", json_integer(f->line));
        json_array_append_new(forms, o);
    }
    json_object_set_new(root, "form_list", forms);
    json_t *arr = json_array();
    for (size_t i = 0; i < v.findings.count; i++)
        json_array_append_new(arr, jx_finding_row_json(&v.findings.items[i], 1));
    json_object_set_new(root, "finding_list", arr);
    api_answer(res, root);
    view_free(&v);
}

/* ---- pages ---------------------------------------------------------------- */

void web_page_disclosures(web_server *srv, const web_request *req, web_response *res)
{
    web_paging pg;
    char msg[256];
    const char *bad = list_params(req, &pg, msg, sizeof msg);
    if (bad) { web_page_error(res, 400, "请求有误", bad); return; }
    long page = pg.page, per_page = pg.per_page, after = pg.after;
    jx_store *store = store_or_error(srv, res, 1);
    if (!store) return;
    jx_disclosure_briefs b;
    jx_error err;
    jx_error_clear(&err);
    if (!list_query(store, page, per_page, after, &b, &err)) {
        web_page_error(res, 500, "数据库错误", err.message);
        return;
    }
    size_t shown = b.count > (size_t)per_page ? (size_t)per_page : b.count;
    jx_buf *o = &res->body;
    web_html_begin(o, "公开文件");
    jx_buf_printf(o, "<h1>部门预算、决算公开文件</h1><p class=\"counts\">共 %lld 份</p>", b.total);
    if (shown) {
        jx_buf_puts(o, "<table class=\"list disclosures\"><thead><tr><th>文件</th><th>类型</th>"
                       "<th>单位</th><th>年度</th><th>表</th><th>项目</th><th>审核意见</th></tr></thead><tbody>");
        for (size_t i = 0; i < shown; i++) {
            const jx_disclosure_brief *d = &b.items[i];
            jx_buf_printf(o, "<tr><td><a href=\"/disclosures/%lld\">", d->id);
            html_text(o, d->file);
            jx_buf_printf(o, "</a></td><td>%s%s</td><td>", kind_label(d), d->template_doc ? "（模板）" : "");
            html_text_or(o, d->unit, "—");
            if (d->year) jx_buf_printf(o, "</td><td>%d", d->year);
            else jx_buf_puts(o, "</td><td>—");
            jx_buf_printf(o, "</td><td>%lld</td><td>%lld</td><td>%lld</td></tr>", d->tables, d->forms,
                          d->findings);
        }
        jx_buf_puts(o, "</tbody></table>");
    } else {
        jx_buf_puts(o, b.total ? "<p class=\"empty\">这一页没有公开文件。</p>"
                               : "<p class=\"empty\">还没有导入部门预算或决算公开文件。</p>");
    }
    web_pager(o, "/disclosures", &pg, b.total, b.count > shown ? b.items[shown - 1].id : 0);
    web_html_end(o);
    res->status = 200;
    res->content_type = "text/html; charset=utf-8";
    jx_disclosure_briefs_free(&b);
}

/* One finding of the disclosure as a list item. */
static void finding_li(jx_buf *o, const jx_finding_row *x)
{
    jx_buf_printf(o, "<div class=\"finding sev-%s\"><span class=\"sev\">%s</span> ",
                  jx_severity_name((jx_severity)x->severity), jx_severity_label((jx_severity)x->severity));
    if (x->page) jx_buf_printf(o, "<span class=\"page\">第%d页</span> ", x->page);
    jx_buf_puts(o, "<span class=\"msg\">");
    html_text(o, x->message);
    jx_buf_puts(o, "</span> <span class=\"rule\">");
    html_text(o, x->rule);
    jx_buf_puts(o, "</span>");
    if (x->page && x->has_box && x->file) {
        jx_buf_puts(o, " <a class=\"region\" href=\"/api/region.png?file=");
        url_encode(o, x->file);
        jx_buf_printf(o, "&amp;line=%ld\">查看原文第%d页</a>", x->line, x->page);
    }
    jx_buf_puts(o, "</div>");
}

/*
** The statement a finding stands beside: one of the statements of its line
** (a line of the 情况说明 often holds several: a figure, its share, its
** change), the one whose subject the message quotes (“subject”) and whose
** kind the rule judges, else the first of the line with the rule's kind,
** else the line's first; -1 when no statement is on its line. Each finding
** is shown once.
*/
static long statement_of(const jx_disclosure *d, const jx_finding_row *x)
{
    long best = -1;
    int best_score = -1, kind = jx_rule_statement_kind(x->rule);
    for (size_t s = 0; s < d->nstatements; s++) {
        const jx_statement *st = &d->statements[s];
        if (st->line != x->line) continue;
        int score = 0;
        if (kind >= 0 && (int)st->kind == kind) score += 1;
        if (st->subject && *st->subject && x->message) {
            size_t n = strlen(st->subject);
            char *q = jx_xmalloc(n + 7);
            snprintf(q, n + 7, "“%s”", st->subject);
            if (strstr(x->message, q)) score += 2;
            free(q);
        }
        if (score > best_score) { best = (long)s; best_score = score; }
    }
    return best;
}

/* A budget or final table: its title, page, columns and rows (万元). */
static void table_html(jx_buf *o, const jx_budget_table *t)
{
    jx_buf_puts(o, "<section class=\"btable\"><h3>");
    html_text(o, t->title);
    jx_buf_puts(o, "</h3><p class=\"muted\">");
    if (t->page) jx_buf_printf(o, "第%d页 · ", t->page);
    jx_buf_printf(o, "%zu 行 · 单位：万元%s</p>", t->nrows, t->empty_note ? " · 有空表说明" : "");
    jx_buf_puts(o, "<div class=\"scroll\"><table class=\"list\"><thead><tr><th>编码</th><th>项目</th>");
    for (size_t c = 0; c < t->ncolumns; c++) {
        jx_buf_puts(o, "<th>");
        html_text(o, t->columns[c]);
        jx_buf_puts(o, "</th>");
    }
    jx_buf_puts(o, "</tr></thead><tbody>");
    for (size_t r = 0; r < t->nrows; r++) {
        const jx_budget_row *row = &t->rows[r];
        jx_buf_puts(o, "<tr><td>");
        html_text(o, row->code);
        jx_buf_puts(o, "</td><td>");
        html_text(o, row->name);
        jx_buf_puts(o, "</td>");
        for (size_t c = 0; c < t->ncolumns; c++) {
            char m[48];
            if (row->values[c] == JX_NO_AMOUNT) snprintf(m, sizeof m, "%s", "");
            else web_format_wan(row->values[c], m, sizeof m);
            jx_buf_printf(o, "<td class=\"num\">%s</td>", m);
        }
        jx_buf_puts(o, "</tr>");
    }
    jx_buf_puts(o, "</tbody></table></div></section>");
}

void web_page_disclosure(web_server *srv, const web_request *req, web_response *res)
{
    if (req->nparams) { web_page_error(res, 400, "请求有误", "此地址不接受查询参数"); return; }
    view v;
    char msg[1024];
    int status = view_load(srv, req->rest, &v, msg, sizeof msg);
    if (status != 200) {
        web_page_error(res, status, status == 404 ? "没有这份公开文件" : "请求有误", msg);
        view_free(&v);
        return;
    }
    const jx_disclosure *d = v.list.disclosures[0];
    jx_buf *o = &res->body;
    web_html_begin(o, v.brief.file);
    jx_buf_puts(o, "<h1>");
    html_text(o, v.brief.file);
    jx_buf_printf(o, "</h1><p class=\"counts\">%s%s · 单位：", kind_label(&v.brief),
                  v.brief.template_doc ? "（模板，不审核）" : "");
    html_text_or(o, v.brief.unit, "—");
    if (v.brief.year) jx_buf_printf(o, " · %d年度", v.brief.year);
    jx_buf_printf(o, " · %zu 张表 · %zu 条审核意见</p>", d->ntables, v.findings.count);
    /* its forms */
    jx_buf_puts(o, "<h2>申报项目</h2>");
    if (v.forms.count) {
        jx_buf_puts(o, "<ul class=\"forms\">");
        for (size_t i = 0; i < v.forms.count; i++) {
            jx_buf_printf(o, "<li><a href=\"/forms/%lld\">", v.forms.items[i].id);
            html_text_or(o, v.forms.items[i].name, "（未命名项目）");
            jx_buf_puts(o, "</a></li>");
        }
        jx_buf_puts(o, "</ul>");
    } else {
        jx_buf_puts(o, "<p class=\"empty\">本文件没有绩效目标申报表。</p>");
    }
    /* the 情况说明's statements, each with the findings it is the statement of */
    long *at = jx_xcalloc(v.findings.count ? v.findings.count : 1, sizeof *at);
    for (size_t i = 0; i < v.findings.count; i++)
        at[i] = statement_of(d, &v.findings.items[i]);
    if (d->nstatements) {
        jx_buf_puts(o, "<h2>情况说明中的数字与表述</h2><ol class=\"statements\">");
        for (size_t s = 0; s < d->nstatements; s++) {
            const jx_statement *st = &d->statements[s];
            jx_buf_puts(o, "<li>");
            if (st->page) jx_buf_printf(o, "<span class=\"page\">第%d页</span> ", st->page);
            html_text(o, st->text);
            for (size_t i = 0; i < v.findings.count; i++)
                if (at[i] == (long)s) finding_li(o, &v.findings.items[i]);
            jx_buf_puts(o, "</li>");
        }
        jx_buf_puts(o, "</ol>");
    }
    size_t rest = 0;
    for (size_t i = 0; i < v.findings.count; i++) rest += at[i] < 0;
    if (rest) {
        jx_buf_puts(o, "<h2>其他审核意见</h2>");
        for (size_t i = 0; i < v.findings.count; i++)
            if (at[i] < 0) finding_li(o, &v.findings.items[i]);
    }
    free(at);
    /* its tables */
    jx_buf_printf(o, "<h2>%s表</h2>", v.brief.final ? "决算" : "预算");
    for (size_t t = 0; t < d->ntables; t++) table_html(o, &d->tables[t]);
    if (!d->ntables) jx_buf_puts(o, "<p class=\"empty\">没有读到表。</p>");
    web_html_end(o);
    res->status = 200;
    res->content_type = "text/html; charset=utf-8";
    view_free(&v);
}
