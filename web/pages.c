/*
** pages.c - the server-rendered HTML pages (Simplified Chinese) and the
** embedded static assets.
**
**   /                 项目列表: filters (year, unit, category, text) and pages of forms
**   /forms/{id}       项目详情: the form laid out like the official 申报表, each
**                     finding beside the row or field it concerns
**   /findings         审核意见 across all forms, filtered by rule, severity, form
**   /summary          汇总: totals and SVG bar charts drawn here
**   /import           导入: upload one file (POST shows the result or the error)
**   /assets/NAME      an embedded asset, looked up by exact name
**
** Rule of this file: document text is written only through html_text() (or
** url_encode() inside an attribute); jx_buf_printf() gets numbers and static
** markup only.
*/
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/fields.h"
#include "jixiao/summary.h"
#include "web.h"
#include "jixiao/opinion.h"

static const char html_type[] = "text/html; charset=utf-8";

/* ---- frame ------------------------------------------------------------------ */

enum nav { NAV_NONE, NAV_LIST, NAV_FINDINGS, NAV_SUMMARY, NAV_IMPORT, NAV_ADMIN, NAV_DISCLOSURES,
           NAV_EVALUATIONS };

/* Under --auth, an admin's link to the admin page (in the navigation). */
static void admin_link(jx_buf *b, enum nav active)
{
    const web_auth *w = web_auth_current();
    if (!w || !w->on || !w->user_id || w->role != JX_ROLE_ADMIN) return;
    jx_buf_printf(b, "<a href=\"/admin\"%s>管理</a>",
                  active == NAV_ADMIN ? " class=\"active\" aria-current=\"page\"" : "");
}

/* Under --auth: who is signed in, their role and unit, and the logout button. */
static void user_box(jx_buf *b)
{
    const web_auth *w = web_auth_current();
    if (!w || !w->on || !w->user_id) return;
    jx_buf_puts(b, "<form class=\"user\" method=\"post\" action=\"/logout\"><span id=\"current-user\">");
    html_text(b, w->user);
    jx_buf_printf(b, "（%s", jx_role_label(w->role));
    if (w->unit[0]) {
        jx_buf_puts(b, "，");
        html_text(b, w->unit);
    }
    jx_buf_puts(b, "）</span><input type=\"hidden\" name=\"csrf\" value=\"");
    html_text(b, w->csrf);
    jx_buf_puts(b, "\"><button type=\"submit\" id=\"logout\">退出</button></form>");
}

/* The hidden csrf field of a page's POST form under --auth (nothing without a session). */
static void csrf_field(jx_buf *b)
{
    const web_auth *w = web_auth_current();
    if (!w || !w->csrf[0]) return;
    jx_buf_puts(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
    html_text(b, w->csrf);
    jx_buf_puts(b, "\">");
}

static void page_begin(jx_buf *b, const char *title, enum nav active)
{
    static const struct { enum nav id; const char *href, *text; } items[] = {
        {NAV_LIST, "/", "项目列表"},
        {NAV_FINDINGS, "/findings", "审核意见"},
        {NAV_DISCLOSURES, "/disclosures", "公开文件"},
        {NAV_EVALUATIONS, "/evaluations", "绩效自评"},
        {NAV_SUMMARY, "/summary", "汇总"},
        {NAV_IMPORT, "/import", "导入"},
    };
    jx_buf_puts(b, "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                   "<title>");
    html_text(b, title);
    jx_buf_puts(b, " · 绩效目标管理</title>"
                   "<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">"
                   "<link rel=\"stylesheet\" href=\"/assets/style.css\">"
                   "<script src=\"/assets/app.js\" defer></script>"
                   "<script src=\"/assets/workflow.js\" defer></script></head>\n<body>"
                   "<header class=\"top\"><a class=\"brand\" href=\"/\">绩效目标管理</a><nav>");
    for (size_t i = 0; i < sizeof items / sizeof *items; i++)
        jx_buf_printf(b, "<a href=\"%s\"%s>%s</a>", items[i].href,
                      items[i].id == active ? " class=\"active\" aria-current=\"page\"" : "",
                      items[i].text);
    admin_link(b, active);
    jx_buf_puts(b, "</nav>");
    user_box(b);
    jx_buf_puts(b, "</header>\n<main>");
}

void web_page_open(jx_buf *b, const char *title)
{
    page_begin(b, title, !strcmp(title, "用户与审计日志") ? NAV_ADMIN : NAV_NONE);
}


static void page_end(jx_buf *b)
{
    jx_buf_puts(b, "</main>\n<footer>jixiao · 项目支出绩效目标申报表的导入、审核与汇总 · "
                   "<a href=\"/api\">JSON API</a></footer></body></html>\n");
}

void web_page_close(jx_buf *b) { page_end(b); }
/* The frame for the pages of other files (workflow.c): under 项目列表. */
void web_page_begin(jx_buf *b, const char *title) { page_begin(b, title, NAV_LIST); }
void web_page_end(jx_buf *b) { page_end(b); }

void web_page_evaluations_begin(jx_buf *b, const char *title)
{
    page_begin(b, title, NAV_EVALUATIONS);
}

void web_html_begin(jx_buf *b, const char *title)
{
    page_begin(b, title, NAV_DISCLOSURES);
}

void web_html_end(jx_buf *b)
{
    page_end(b);
}

static void html_answer(web_response *res, int status)
{
    res->status = status;
    res->content_type = html_type;
}

/* A whole page that only says what went wrong. */
static void error_page(web_response *res, int status, const char *title, const char *message)
{
    html_answer(res, status);
    page_begin(&res->body, title, NAV_NONE);
    jx_buf_puts(&res->body, "<h1>");
    html_text(&res->body, title);
    jx_buf_puts(&res->body, "</h1><p class=\"alert error\" role=\"alert\">");
    html_text(&res->body, message);
    jx_buf_puts(&res->body, "</p><p><a href=\"/\">返回项目列表</a></p>");
    page_end(&res->body);
}

void web_page_error(web_response *res, int status, const char *title, const char *message)
{
    error_page(res, status, title, message);
}

/* The calling thread's store, or a 500 page. */
static jx_store *store_or_500(web_server *srv, web_response *res)
{
    jx_error err;
    jx_error_clear(&err);
    jx_store *store = web_store(srv, &err);
    if (!store) error_page(res, 500, "数据库错误", err.message);
    return store;
}

static void money_cell(jx_buf *b, long long fen)
{
    char m[40];
    web_format_wan(fen, m, sizeof m);
    jx_buf_puts(b, m);
}

/* A <option> with value and text, selected when value equals current. */
static void option(jx_buf *b, const char *value, const char *text, const char *current)
{
    jx_buf_puts(b, "<option value=\"");
    html_text(b, value);
    jx_buf_putc(b, '"');
    if (current && !strcmp(value, current)) jx_buf_puts(b, " selected");
    jx_buf_putc(b, '>');
    html_text(b, text);
    jx_buf_puts(b, "</option>");
}

/* The findings as a list of badges with messages (nothing when none). */
static void finding_item(jx_buf *b, const jx_finding *x, int with_form)
{
    jx_buf_printf(b, "<div class=\"finding sev-%s\"><span class=\"sev\">%s</span> ",
                  jx_severity_name(x->severity), jx_severity_label(x->severity));
    if (with_form && x->form) {
        jx_buf_printf(b, "<a href=\"/forms/%lld\">", x->form_id);
        html_text(b, x->form->name);
        jx_buf_puts(b, "</a>：");
    }
    if (with_form && !x->form && x->disclosure) {   /* a finding of a whole disclosure */
        html_text(b, x->disclosure);
        jx_buf_puts(b, "：");
    }
    if (x->page) jx_buf_printf(b, "<span class=\"page\">第%d页</span> ", x->page);
    jx_buf_puts(b, "<span class=\"msg\">");
    html_text(b, x->message);
    if (x->suggestion) {
        jx_buf_puts(b, "</span> <span class=\"suggestion\">建议：");
        html_text(b, x->suggestion);
    }
    jx_buf_puts(b, "</span> <span class=\"rule\" title=\"");
    html_text(b, x->reason);
    jx_buf_puts(b, "\">");
    html_text(b, x->rule);
    jx_buf_puts(b, "</span>");
    /* a PDF source: the page region of the finding's rows, rendered on demand */
    const char *file = x->form ? x->form->file : x->disclosure;
    if (x->page && file && x->line > 0) {
        jx_buf_puts(b, "<figure class=\"region\"><img loading=\"lazy\" src=\"/api/region.png?file=");
        url_encode(b, file);
        jx_buf_printf(b, "&amp;line=%ld\" alt=\"原文第%d页\"><figcaption>原文第%d页（第%ld行）</figcaption></figure>",
                      x->line, x->page, x->page, x->line);
    }
    jx_buf_puts(b, "</div>");
}

/* ---- 项目列表 ---------------------------------------------------------------- */

/* Append the list URL for filter f at page (filters kept). */
static void list_url(jx_buf *b, const web_form_filter *f, long page)
{
    jx_buf_printf(b, "/?page=%ld", page);
    if (f->year) jx_buf_printf(b, "&amp;year=%d", f->year);
    const struct { const char *key, *value; } kv[] = {
        {"unit", f->unit}, {"category", f->category}, {"q", f->q}, {"status", f->status}};
    for (size_t i = 0; i < 4; i++) {
        if (!kv[i].value) continue;
        jx_buf_printf(b, "&amp;%s=", kv[i].key);
        url_encode(b, kv[i].value);
    }
}

/* Values a filter list offers at most (the unit box is a search field with suggestions). */
#define DISTINCT_MAX 500

/* The distinct values of a form field; an empty list on failure. */
static char **distinct(jx_store *store, const char *field)
{
    char **v = NULL;
    jx_error err;
    jx_error_clear(&err);
    if (jx_store_distinct(store, field, DISTINCT_MAX, &v, &err) != JX_OK || !v) v = jx_xcalloc(1, sizeof *v);
    return v;
}

void web_page_list(web_server *srv, const web_request *req, web_response *res)
{
    web_form_filter f;
    char msg[256];
    const char *bad = web_form_filter_parse(req, &f, msg, sizeof msg);
    jx_store *store = store_or_500(srv, res);
    if (!store) return;
    if (bad) {
        memset(&f, 0, sizeof f);
        f.page = 1;
        f.per_page = 50;
    }
    jx_form_query q = web_form_query(&f);
    jx_briefs list;
    jx_error err;
    jx_error_clear(&err);
    long long stored = 0;
    if (jx_store_query_forms(store, &q, &list, &err) != JX_OK) {
        error_page(res, 500, "数据库错误", err.message);
        return;
    }
    if (list.total == 0) {
        jx_form_query none = {0};
        jx_briefs all;
        if (jx_store_query_forms(store, &none, &all, &err) == JX_OK) stored = all.total;
        jx_briefs_free(&all);
    }
    html_answer(res, bad ? 400 : 200);
    jx_buf *b = &res->body;
    page_begin(b, "项目列表", NAV_LIST);
    jx_buf_puts(b, "<h1>项目列表</h1>");
    if (bad) {
        jx_buf_puts(b, "<p class=\"alert error\" role=\"alert\">查询条件有误：");
        html_text(b, bad);
        jx_buf_puts(b, "</p>");
    }
    /* Filters. */
    char **years = distinct(store, "year"), **cats = distinct(store, "category"),
         **units = distinct(store, "unit");
    char cur_year[16] = "";
    if (f.year) snprintf(cur_year, sizeof cur_year, "%d", f.year);
    jx_buf_puts(b, "<form class=\"filters\" method=\"get\" action=\"/\">"
                   "<label>年度 <select name=\"year\" class=\"autosubmit\">");
    option(b, "", "全部", cur_year);
    for (size_t i = 0; years[i]; i++) option(b, years[i], years[i], cur_year);
    jx_buf_puts(b, "</select></label><label>项目类别 <select name=\"category\" class=\"autosubmit\">");
    option(b, "", "全部", f.category ? f.category : "");
    for (size_t i = 0; cats[i]; i++) option(b, cats[i], cats[i], f.category);
    jx_buf_puts(b, "</select></label><label>状态 <select name=\"status\" class=\"autosubmit\">");
    option(b, "", "全部", f.status ? f.status : "");
    for (int i = 0; i < JX_WF_NSTATUS; i++)
        option(b, jx_wf_statuses[i].name, jx_wf_statuses[i].label, f.status);
    jx_buf_puts(b, "</select></label><label>申报单位 <input name=\"unit\" list=\"units\" value=\"");
    html_text(b, f.unit);
    jx_buf_puts(b, "\" placeholder=\"单位名称的一部分\"></label><datalist id=\"units\">");
    for (size_t i = 0; units[i]; i++) option(b, units[i], units[i], NULL);
    jx_buf_puts(b, "</datalist><label>搜索 <input type=\"search\" name=\"q\" value=\"");
    html_text(b, f.q);
    jx_buf_puts(b, "\" placeholder=\"项目名称、目标、指标…\"></label>"
                   "<button type=\"submit\">筛选</button> <a class=\"reset\" href=\"/\">清除</a></form>");
    jx_strings_free(years);
    jx_strings_free(cats);
    jx_strings_free(units);

    /* Table: the page the store answered. */
    long total = (long)list.total;
    jx_buf rows = {0};
    for (size_t i = 0; i < list.count; i++) {
        const jx_brief *form = &list.items[i];
        {
            const char *grade = form->grade ? form->grade : "-";
            long long nf = form->findings;
            jx_buf_printf(&rows, "<tr><td class=\"num\">%lld</td><td>", form->id);
            if (form->year) jx_buf_printf(&rows, "%d", form->year);
            else jx_buf_puts(&rows, "-");
            jx_buf_puts(&rows, "</td><td>");
            html_text_or(&rows, form->unit, "-");
            jx_buf_printf(&rows, "</td><td class=\"name\"><a href=\"/forms/%lld\">", form->id);
            html_text_or(&rows, form->name, "（未命名项目）");
            jx_buf_puts(&rows, "</a></td><td>");
            html_text_or(&rows, form->category, "-");
            jx_buf_puts(&rows, "</td><td class=\"num\">");
            money_cell(&rows, form->budget_total);
            jx_buf_printf(&rows, "</td><td class=\"num indicator-count\">%lld</td>"
                                 "<td class=\"num\"><a href=\"/findings?form=%lld\">%lld</a></td>"
                                 "<td class=\"grade grade-%s\">%s</td>"
                                 "<td class=\"status status-%s\">%s</td></tr>",
                          form->indicators, form->id, nf,
                          !strcmp(grade, "优") ? "a" : !strcmp(grade, "良") ? "b"
                                                    : !strcmp(grade, "中") ? "c" : "d",
                          grade, jx_wf_status_name(form->status), jx_wf_status_label(form->status));
        }
    }
    jx_briefs_free(&list);
    jx_buf_printf(b, "<p class=\"count\"><span class=\"exports\">导出全部：<a href=\"/api/export?format=xlsx\">Excel</a> · "
                     "<a href=\"/api/export?format=csv&amp;table=forms\">CSV</a> · "
                     "<a href=\"/api/export?format=json\">JSON</a></span>共 %ld 个项目</p>", total);
    if (total == 0) {
        jx_buf_puts(b, stored
                           ? "<p class=\"empty\">没有符合条件的项目。</p>"
                           : "<p class=\"empty\">数据库中还没有项目，请先<a href=\"/import\">导入</a>申报表。</p>");
    } else {
        jx_buf_puts(b, "<table class=\"list\"><thead><tr><th>编号</th><th>年度</th><th>申报单位</th>"
                       "<th>项目名称</th><th>项目类别</th><th>年度资金（万元）</th><th>指标数</th>"
                       "<th>审核意见</th><th>审核建议</th><th>状态</th></tr></thead><tbody>");
        jx_buf_append(b, rows.data ? rows.data : "", rows.len);
        jx_buf_puts(b, "</tbody></table>");
    }
    jx_buf_free(&rows);
    long pages = (total + f.per_page - 1) / f.per_page;
    if (pages > 1) {
        jx_buf_puts(b, "<nav class=\"pager\">");
        if (f.page > 1) {
            jx_buf_puts(b, "<a href=\"");
            list_url(b, &f, f.page - 1);
            jx_buf_puts(b, "\">上一页</a>");
        }
        jx_buf_printf(b, "<span>第 %ld / %ld 页</span>", f.page, pages);
        if (f.page < pages) {
            jx_buf_puts(b, "<a href=\"");
            list_url(b, &f, f.page + 1);
            jx_buf_puts(b, "\">下一页</a>");
        }
        jx_buf_puts(b, "</nav>");
    }
    page_end(b);
}

/* ---- 项目详情 ---------------------------------------------------------------- */

/* Where a finding is shown on the form. */
enum slot {
    SLOT_NAME, SLOT_UNIT, SLOT_NATURE, SLOT_PERIOD,
    SLOT_TOTAL, SLOT_YEAR, SLOT_CARRYOVER, SLOT_OTHER, SLOT_PROJECT_TOTAL,
    SLOT_PREV_BUDGET, SLOT_PREV_EXEC, SLOT_COMPONENTS, SLOT_GOAL,
    SLOT_TABLE,      /* the indicator table as a whole */
    SLOT_FORM,       /* nowhere more precise */
    SLOT_INDICATOR   /* + index of the indicator */
};

/* Field names a rule may give as `where`, and their slots. */
static const struct { const char *where; int slot; } field_slots[] = {
    {"name", SLOT_NAME}, {"unit", SLOT_UNIT}, {"department", SLOT_UNIT},
    {"nature", SLOT_NATURE}, {"category", SLOT_NATURE}, {"period", SLOT_PERIOD},
    {"period.start", SLOT_PERIOD}, {"period.end", SLOT_PERIOD},
    {"budget", SLOT_TOTAL}, {"budget.total", SLOT_TOTAL}, {"budget.year", SLOT_YEAR},
    {"budget.carryover", SLOT_CARRYOVER}, {"budget.other", SLOT_OTHER},
    {"budget.project_total", SLOT_PROJECT_TOTAL}, {"budget.prev_budget", SLOT_PREV_BUDGET},
    {"budget.prev_exec", SLOT_PREV_EXEC}, {"components", SLOT_COMPONENTS},
    {"goal", SLOT_GOAL}, {"framework", SLOT_TABLE}, {"indicators", SLOT_TABLE},
};

/* "一级/二级/三级" of an indicator, as rules write it in `where`. */
static void indicator_path(const jx_indicator *ind, jx_buf *out)
{
    const char *parts[3] = {ind->level1, ind->level2, ind->name};
    int first = 1;
    for (int k = 0; k < 3; k++) {
        if (!parts[k]) continue;
        if (!first) jx_buf_putc(out, '/');
        jx_buf_puts(out, parts[k]);
        first = 0;
    }
}

/* The slot of one finding on form f. */
static int finding_slot(const jx_form *f, const jx_finding *x)
{
    const char *w = x->where ? x->where : "";
    for (size_t i = 0; i < sizeof field_slots / sizeof *field_slots; i++)
        if (!strcmp(w, field_slots[i].where)) return field_slots[i].slot;
    /* An indicator: the row on the finding's line whose path is `where`, else the line's row. */
    int by_line = -1;
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        if (ind->line != x->line) continue;
        jx_buf p = {0};
        indicator_path(ind, &p);
        int same = p.data && !strcmp(p.data, w);
        jx_buf_free(&p);
        if (same) return SLOT_INDICATOR + (int)i;
        if (by_line < 0) by_line = (int)i;
    }
    if (by_line >= 0) return SLOT_INDICATOR + by_line;
    if (x->line == f->line) return SLOT_TABLE;   /* e.g. a missing level: about the tree */
    return SLOT_FORM;
}

typedef struct detail {
    const jx_form *form;
    const jx_finding **items;   /* the form's findings */
    int *slots;
    size_t n;
} detail;

static size_t slot_count(const detail *d, int slot)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++) n += d->slots[i] == slot;
    return n;
}

/* The 审核意见 cell of a row: the findings placed in slot. */
static void notes_cell(jx_buf *b, const detail *d, int slot, int rowspan)
{
    size_t n = slot_count(d, slot);
    jx_buf_puts(b, "<td class=\"notes");
    if (n) jx_buf_puts(b, " has-finding");
    jx_buf_putc(b, '"');
    if (rowspan > 1) jx_buf_printf(b, " rowspan=\"%d\"", rowspan);
    jx_buf_putc(b, '>');
    for (size_t i = 0; i < d->n; i++)
        if (d->slots[i] == slot) finding_item(b, d->items[i], 0);
    jx_buf_puts(b, "</td>");
}

/* <tr class=…> opening: rows with findings are marked. */
static void row_open(jx_buf *b, const detail *d, int slot)
{
    jx_buf_puts(b, slot_count(d, slot) ? "<tr class=\"flagged\">" : "<tr>");
}

/* One amount row of the money block. */
static void amount_row(jx_buf *b, const detail *d, const char *label, long long fen, int slot,
                       int *first, int nrows)
{
    row_open(b, d, slot);
    if (*first) {
        jx_buf_printf(b, "<th rowspan=\"%d\" class=\"group\">项目资金<br>（万元）</th>", nrows);
        *first = 0;
    }
    jx_buf_printf(b, "<th>%s</th><td colspan=\"2\" class=\"num\">", label);
    money_cell(b, fen);
    jx_buf_puts(b, "</td>");
    notes_cell(b, d, slot, 1);
    jx_buf_puts(b, "</tr>");
}

static void header_table(jx_buf *b, const detail *d)
{
    const jx_form *f = d->form;
    jx_buf_puts(b, "<table class=\"official header\"><colgroup><col class=\"c-label\"><col class=\"c-value\">"
                   "<col class=\"c-label\"><col class=\"c-value\"><col class=\"c-notes\"></colgroup>"
                   "<thead><tr><th colspan=\"4\" class=\"section\">项目基本情况</th>"
                   "<th class=\"section notes-head\">审核意见</th></tr></thead><tbody>");
    row_open(b, d, SLOT_NAME);
    jx_buf_puts(b, "<th>项目名称</th><td colspan=\"3\" class=\"project-name\">");
    html_text_or(b, f->name, "-");
    jx_buf_puts(b, "</td>");
    notes_cell(b, d, SLOT_NAME, 1);
    jx_buf_puts(b, "</tr>");
    row_open(b, d, SLOT_UNIT);
    jx_buf_puts(b, "<th>主管部门</th><td>");
    html_text_or(b, f->department, "-");
    jx_buf_puts(b, "</td><th>申报单位</th><td>");
    html_text_or(b, f->unit, "-");
    jx_buf_puts(b, "</td>");
    notes_cell(b, d, SLOT_UNIT, 1);
    jx_buf_puts(b, "</tr>");
    row_open(b, d, SLOT_NATURE);
    jx_buf_puts(b, "<th>项目性质</th><td>");
    html_text_or(b, f->nature, "-");
    jx_buf_puts(b, "</td><th>项目类别</th><td>");
    html_text_or(b, f->category, "-");
    jx_buf_puts(b, "</td>");
    notes_cell(b, d, SLOT_NATURE, 1);
    jx_buf_puts(b, "</tr>");
    row_open(b, d, SLOT_PERIOD);
    jx_buf_puts(b, "<th>开始时间</th><td>");
    html_text_or(b, f->period_start, "-");
    jx_buf_puts(b, "</td><th>结束时间</th><td>");
    html_text_or(b, f->period_end, "-");
    jx_buf_puts(b, "</td>");
    notes_cell(b, d, SLOT_PERIOD, 1);
    jx_buf_puts(b, "</tr>");

    /* Money: the four amounts every form has, the others when stated or flagged. */
    const struct { const char *label; long long fen; int slot; int always; } amounts[] = {
        {"年度资金总额", f->budget.total, SLOT_TOTAL, 1},
        {"其中：当年财政拨款", f->budget.year, SLOT_YEAR, 1},
        {"上年结转", f->budget.carryover, SLOT_CARRYOVER, 1},
        {"其他资金", f->budget.other, SLOT_OTHER, 1},
        {"项目资金总额（多年）", f->budget.project_total, SLOT_PROJECT_TOTAL, 0},
        {"同名项目上年预算", f->budget.prev_budget, SLOT_PREV_BUDGET, 0},
        {"同名项目上年执行数", f->budget.prev_exec, SLOT_PREV_EXEC, 0},
    };
    int nrows = 0, shown[7];
    for (int i = 0; i < 7; i++) {
        shown[i] = amounts[i].always || amounts[i].fen != JX_NO_AMOUNT ||
                   slot_count(d, amounts[i].slot);
        nrows += shown[i];
    }
    int first = 1;
    for (int i = 0; i < 7; i++)
        if (shown[i]) amount_row(b, d, amounts[i].label, amounts[i].fen, amounts[i].slot, &first, nrows);

    /* Components. */
    size_t nc = f->ncomponents ? f->ncomponents : 1;
    for (size_t i = 0; i < nc; i++) {
        jx_buf_puts(b, i == 0 && slot_count(d, SLOT_COMPONENTS) ? "<tr class=\"flagged\">" : "<tr>");
        if (i == 0) jx_buf_printf(b, "<th rowspan=\"%zu\" class=\"group\">资金构成<br>（万元）</th>", nc);
        if (!f->ncomponents) {
            jx_buf_puts(b, "<td colspan=\"3\" class=\"muted\">（未填写）</td>");
        } else {
            jx_buf_puts(b, "<td colspan=\"2\">");
            html_text_or(b, f->components[i].name, "-");
            jx_buf_puts(b, "</td><td class=\"num\">");
            money_cell(b, f->components[i].amount);
            jx_buf_puts(b, "</td>");
        }
        if (i == 0) notes_cell(b, d, SLOT_COMPONENTS, (int)nc);
        jx_buf_puts(b, "</tr>");
    }
    row_open(b, d, SLOT_GOAL);
    jx_buf_puts(b, "<th>年度绩效目标</th><td colspan=\"3\" class=\"goal\">");
    html_text_or(b, f->goal, "-");
    jx_buf_puts(b, "</td>");
    notes_cell(b, d, SLOT_GOAL, 1);
    jx_buf_puts(b, "</tr>");
    /* The fields added to the contract (项目概况 … 备注), by the field table, when the form has them. */
    for (int i = 0; i < JX_NFIELDS; i++) {
        const jx_field_def *fd = &jx_fields[i];
        char buf[64];
        const char *v = jx_field_is_added(fd) ? jx_field_format(f, fd, buf, sizeof buf) : NULL;
        if (!v) continue;
        jx_buf_printf(b, "<tr data-field=\"%s\"><th>", fd->json);
        html_text(b, fd->title);
        jx_buf_puts(b, "</th><td colspan=\"3\" class=\"goal\">");
        html_text(b, v);
        jx_buf_puts(b, "</td><td class=\"notes\"></td></tr>");
    }
    jx_buf_puts(b, "</tbody></table>");
}

/* Same text, NULL equal to NULL. */
static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static void indicator_table(jx_buf *b, const detail *d)
{
    const jx_form *f = d->form;
    jx_buf_printf(b, "<h2>绩效指标 <span class=\"indicator-total\">（共 %zu 项）</span></h2>",
                  f->nindicators);
    jx_buf_puts(b, "<table class=\"official indicators\"><colgroup><col class=\"c-l1\"><col class=\"c-l2\">"
                   "<col class=\"c-l3\"><col class=\"c-target\"><col class=\"c-notes\"></colgroup>"
                   "<thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th>"
                   "<th class=\"notes-head\">审核意见</th></tr></thead><tbody>");
    if (slot_count(d, SLOT_TABLE)) {
        jx_buf_puts(b, "<tr class=\"flagged\"><td colspan=\"4\" class=\"muted\">指标体系</td>");
        notes_cell(b, d, SLOT_TABLE, 1);
        jx_buf_puts(b, "</tr>");
    }
    if (!f->nindicators)
        jx_buf_puts(b, "<tr><td colspan=\"5\" class=\"muted\">（没有指标）</td></tr>");
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        int slot = SLOT_INDICATOR + (int)i;
        jx_buf_printf(b, "<tr id=\"line-%ld\"%s>", ind->line,
                      slot_count(d, slot) ? " class=\"flagged\"" : "");
        /* Merged cells: level 1 over its run, level 2 over its run within it. */
        if (i == 0 || !same(f->indicators[i - 1].level1, ind->level1)) {
            size_t span = 1;
            while (i + span < f->nindicators && same(f->indicators[i + span].level1, ind->level1)) span++;
            jx_buf_printf(b, "<td rowspan=\"%zu\" class=\"l1\">", span);
            html_text_or(b, ind->level1, "-");
            jx_buf_puts(b, "</td>");
        }
        if (i == 0 || !same(f->indicators[i - 1].level1, ind->level1) ||
            !same(f->indicators[i - 1].level2, ind->level2)) {
            size_t span = 1;
            while (i + span < f->nindicators && same(f->indicators[i + span].level1, ind->level1) &&
                   same(f->indicators[i + span].level2, ind->level2))
                span++;
            jx_buf_printf(b, "<td rowspan=\"%zu\" class=\"l2\">", span);
            html_text_or(b, ind->level2, "-");
            jx_buf_puts(b, "</td>");
        }
        jx_buf_puts(b, "<td class=\"l3\">");
        html_text_or(b, ind->name, "（无三级指标）");
        jx_buf_puts(b, "</td><td class=\"target\">");
        html_text_or(b, ind->target, "（未填写）");
        if (ind->value.kind == JX_KIND_QUALITATIVE && ind->target)
            jx_buf_puts(b, " <span class=\"tag\">定性</span>");
        jx_buf_puts(b, "</td>");
        notes_cell(b, d, slot, 1);
        jx_buf_puts(b, "</tr>");
    }
    jx_buf_puts(b, "</tbody></table>");
}

/*
** 审核意见书 /forms/{id}/opinion: the opinion of lib/export/opinion.c as a
** printable page (the same text as `jixiao opinion ID --format html`), from
** the form's stored findings.
*/
static void page_opinion(web_server *srv, long long id, web_response *res)
{
    web_form_view v;
    int found;
    jx_error err;
    jx_error_clear(&err);
    if (web_form_view_load(srv, id, &v, &found, &err) != JX_OK) {
        error_page(res, 500, "数据库错误", err.message);
        web_form_view_free(&v);
        return;
    }
    if (!found) {
        char m[96];
        snprintf(m, sizeof m, "没有编号为 %lld 的项目。", id);
        error_page(res, 404, "找不到项目", m);
        web_form_view_free(&v);
        return;
    }
    const jx_form *f = v.forms.items[0];
    html_answer(res, 200);
    jx_buf *b = &res->body;
    page_begin(b, "绩效目标审核意见", NAV_LIST);
    jx_buf_printf(b, "<div class=\"toolbar\"><a href=\"/forms/%lld\">← 项目详情</a>"
                     "<button type=\"button\" class=\"print-button\">打印</button></div>", id);
    jx_opinion_html(srv->config, f, &v.findings, b);
    page_end(b);
    web_form_view_free(&v);
}

void web_page_form(web_server *srv, const web_request *req, web_response *res)
{
    const char *idtext = req->rest;
    char *end;
    errno = 0;
    long long id = strtoll(idtext, &end, 10);
    int digits = *idtext >= '0' && *idtext <= '9';
    if (digits && !errno && id > 0 && !strcmp(end, "/opinion") && !req->nparams) {
        page_opinion(srv, id, res);
        return;
    }
    if (digits && !errno && id > 0 && *end == '/') {   /* edit, versions, diff, history */
        web_wf_page(srv, req, res, id, end);
        return;
    }
    if (!digits || *end || errno || id <= 0 || req->nparams) {
        error_page(res, 400, "请求有误", "项目编号应为正整数，例如 /forms/1");
        return;
    }
    web_form_view v;
    int found;
    jx_error err;
    jx_error_clear(&err);
    if (web_form_view_load(srv, id, &v, &found, &err) != JX_OK) {
        error_page(res, 500, "数据库错误", err.message);
        web_form_view_free(&v);
        return;
    }
    if (!found) {
        char m[96];
        snprintf(m, sizeof m, "没有编号为 %lld 的项目。", id);
        error_page(res, 404, "找不到项目", m);
        web_form_view_free(&v);
        return;
    }
    const jx_form *f = v.forms.items[0];
    detail d = {f, NULL, NULL, 0};
    for (size_t i = 0; i < v.findings.count; i++) {
        d.items = jx_xrealloc(d.items, (d.n + 1) * sizeof *d.items);
        d.slots = jx_xrealloc(d.slots, (d.n + 1) * sizeof *d.slots);
        d.items[d.n] = &v.findings.items[i];
        d.slots[d.n] = finding_slot(f, &v.findings.items[i]);
        d.n++;
    }
    html_answer(res, 200);
    jx_buf *b = &res->body;
    page_begin(b, f->name ? f->name : "项目详情", NAV_LIST);
    double score = v.score;
    const char *grade = v.grade ? v.grade : "-";
    jx_buf_puts(b, "<div class=\"toolbar\"><a href=\"/\">← 项目列表</a>"
                   "<button type=\"button\" class=\"print-button\">打印</button>");
    jx_buf_printf(b, "<a href=\"/forms/%lld/opinion\">审核意见书</a>", id);
    if (f->name) {   /* the project's targets across the years (evaluations.c) */
        jx_buf_puts(b, "<a id=\"history-link\" href=\"/evaluations/history?name=");
        url_encode(b, f->name);
        jx_buf_puts(b, "\">历年目标</a>");
    }
    jx_buf_printf(b, "<a href=\"/api/forms/%lld\">JSON</a></div>", id);
    web_wf_form_status(b, srv, &v);
    jx_buf_puts(b, "<h1 class=\"form-title\">项目支出绩效目标申报表</h1><p class=\"form-sub\">");
    if (f->year) jx_buf_printf(b, "（%d年度）", f->year);
    jx_buf_puts(b, "</p><p class=\"meta\">来源：<span class=\"source\">");
    html_text(b, f->file);
    jx_buf_printf(b, "</span> 第 %ld 行", f->line);
    if (f->framework) {
        jx_buf_puts(b, " · 指标体系：");
        html_text(b, f->framework);
    }
    size_t counts[3] = {0, 0, 0};
    for (size_t i = 0; i < d.n; i++) counts[d.items[i]->severity]++;
    jx_buf_printf(b, " · <span class=\"review\">审核建议：<strong class=\"grade\">%s</strong>（%.0f 分）；"
                     "错误 %zu、警告 %zu、提示 %zu</span></p>",
                  grade, score, counts[JX_SEV_ERROR], counts[JX_SEV_WARNING], counts[JX_SEV_INFO]);
    if (slot_count(&d, SLOT_FORM)) {
        jx_buf_puts(b, "<section class=\"form-notes\"><h2>整体审核意见</h2>");
        for (size_t i = 0; i < d.n; i++)
            if (d.slots[i] == SLOT_FORM) finding_item(b, d.items[i], 0);
        jx_buf_puts(b, "</section>");
    }
    header_table(b, &d);
    indicator_table(b, &d);
    web_wf_form_sections(b, srv, &v);
    page_end(b);
    free(d.items);
    free(d.slots);
    web_form_view_free(&v);
}

/* ---- 审核意见 ---------------------------------------------------------------- */

/* Append the findings URL for filter f at page, or after the finding after (filters kept). */
static void findings_url(jx_buf *b, const web_finding_filter *f, long page, const jx_finding_row *after)
{
    if (after) jx_buf_printf(b, "/findings?after=%lld-%lld", after->form_id, after->seq);
    else jx_buf_printf(b, "/findings?page=%ld", page);
    if (f->rule) { jx_buf_puts(b, "&amp;rule="); url_encode(b, f->rule); }
    if (f->severity >= 0) jx_buf_printf(b, "&amp;severity=%s", jx_severity_name((jx_severity)f->severity));
    if (f->form) jx_buf_printf(b, "&amp;form=%lld", f->form);
    if (f->project) { jx_buf_puts(b, "&amp;project="); url_encode(b, f->project); }
    if (f->per_page != 100) jx_buf_printf(b, "&amp;per_page=%ld", f->per_page);
}

void web_page_findings(web_server *srv, const web_request *req, web_response *res)
{
    web_finding_filter f;
    char msg[256];
    const char *bad = web_finding_filter_parse(req, &f, msg, sizeof msg);
    jx_store *store = store_or_500(srv, res);
    if (!store) return;
    if (bad) {
        memset(&f, 0, sizeof f);
        f.severity = -1;
        f.page = 1;
        f.per_page = 100;
    }
    jx_finding_query q = web_finding_query(&f);
    q.limit++;   /* one more than the page: whether a next page exists */
    jx_finding_rows list;
    jx_error err;
    jx_error_clear(&err);
    if (jx_store_query_findings(store, &q, &list, &err) != JX_OK) {
        error_page(res, 500, "数据库错误", err.message);
        return;
    }
    html_answer(res, bad ? 400 : 200);
    jx_buf *b = &res->body;
    page_begin(b, "审核意见", NAV_FINDINGS);
    jx_buf_puts(b, "<h1>审核意见</h1>");
    if (bad) {
        jx_buf_puts(b, "<p class=\"alert error\" role=\"alert\">查询条件有误：");
        html_text(b, bad);
        jx_buf_puts(b, "</p>");
    }
    jx_buf_puts(b, "<form class=\"filters\" method=\"get\" action=\"/findings\">"
                   "<label>规则 <select name=\"rule\" class=\"autosubmit\">");
    option(b, "", "全部规则", f.rule ? f.rule : "");
    for (size_t i = 0; jx_rules[i]; i++) {
        jx_buf t = {0};
        jx_buf_puts(&t, jx_rules[i]->id);
        jx_buf_puts(&t, " · ");
        jx_buf_puts(&t, jx_rules[i]->title);
        option(b, jx_rules[i]->id, t.data, f.rule);
        jx_buf_free(&t);
    }
    const char *sev = f.severity >= 0 ? jx_severity_name((jx_severity)f.severity) : "";
    jx_buf_puts(b, "</select></label><label>严重程度 <select name=\"severity\" class=\"autosubmit\">");
    option(b, "", "全部", sev);
    option(b, "error", "错误", sev);
    option(b, "warning", "警告", sev);
    option(b, "info", "提示", sev);
    /* The project: a search box over names (a round has tens of thousands), the id kept when given. */
    jx_buf_puts(b, "</select></label><label>项目 <input type=\"search\" name=\"project\" value=\"");
    html_text(b, f.project);
    jx_buf_puts(b, "\" placeholder=\"项目名称的一部分\"></label>");
    if (f.form) jx_buf_printf(b, "<input type=\"hidden\" name=\"form\" value=\"%lld\">"
                                "<span class=\"muted\">项目编号 %lld</span>", f.form, f.form);
    jx_buf_puts(b, "<button type=\"submit\">筛选</button> "
                   "<a class=\"reset\" href=\"/findings\">清除</a></form>");
    long long total = list.total;
    jx_buf_printf(b, "<p class=\"count\">共 %lld 条：错误 %lld、警告 %lld、提示 %lld"
                     "<span class=\"exports\"><a href=\"/api/export?format=csv&amp;table=findings\">"
                     "下载全部审核意见（CSV）</a></span></p>",
                  total, list.by_severity[JX_SEV_ERROR], list.by_severity[JX_SEV_WARNING],
                  list.by_severity[JX_SEV_INFO]);
    size_t shown = list.count > (size_t)f.per_page ? (size_t)f.per_page : list.count;
    if (shown) {
        jx_buf_puts(b, "<table class=\"list findings\"><thead><tr><th>项目</th><th>位置</th>"
                       "<th>严重程度</th><th>规则</th><th>审核意见</th></tr></thead><tbody>");
        for (size_t i = 0; i < shown; i++) {
            const jx_finding_row *x = &list.items[i];
            const jx_rule *r = jx_rule_find(x->rule);
            jx_buf_printf(b, "<tr class=\"sev-%s\"><td><a href=\"/forms/%lld\">",
                          jx_severity_name((jx_severity)x->severity), x->form_id);
            html_text_or(b, x->form_name, "（未命名项目）");
            jx_buf_puts(b, "</a></td><td class=\"where\">");
            html_text(b, x->file);
            jx_buf_printf(b, ":%ld<br><span class=\"muted\">", x->line);
            html_text(b, jx_field_label(x->where));
            jx_buf_printf(b, "</span></td><td><span class=\"sev\">%s</span></td>"
                             "<td class=\"rule\">", jx_severity_label((jx_severity)x->severity));
            html_text(b, x->rule);
            if (r) {
                jx_buf_puts(b, "<br><span class=\"muted\">");
                html_text(b, r->title);
                jx_buf_puts(b, "</span>");
            }
            jx_buf_puts(b, "</td><td class=\"msg\">");
            html_text(b, x->message);
            if (x->suggestion) {
                jx_buf_puts(b, "<br><span class=\"suggestion\">建议：");
                html_text(b, x->suggestion);
                jx_buf_puts(b, "</span>");
            }
            jx_buf_puts(b, "<br><span class=\"muted reason\">依据：");
            html_text(b, r ? r->reason : NULL);
            jx_buf_puts(b, "</span>");
            if (x->page && x->has_box && x->file) {   /* a PDF source: its page region */
                jx_buf_puts(b, "<br><a class=\"region\" href=\"/api/region.png?file=");
                url_encode(b, x->file);
                jx_buf_printf(b, "&amp;line=%ld\">查看原文第%d页</a>", x->line, x->page);
            }
            jx_buf_puts(b, "</td></tr>");
        }
        jx_buf_puts(b, "</tbody></table>");
    } else {
        jx_buf_puts(b, "<p class=\"empty\">没有符合条件的审核意见。</p>");
    }
    long pages = (long)((total + f.per_page - 1) / f.per_page);
    if (f.keyset) {   /* a keyset page: no page number, the way on and back to the first */
        jx_buf_puts(b, "<nav class=\"pager\"><a href=\"");
        findings_url(b, &f, 1, NULL);
        jx_buf_puts(b, "\">第一页</a>");
        if (list.count > shown) {
            const jx_finding_row *last = &list.items[shown - 1];
            jx_buf_puts(b, "<a href=\"");
            findings_url(b, &f, 0, last);
            jx_buf_puts(b, "\">下一页</a>");
        }
        jx_buf_puts(b, "</nav>");
    } else if (pages > 1) {
        jx_buf_puts(b, "<nav class=\"pager\">");
        if (f.page > 1) {
            jx_buf_puts(b, "<a href=\"");
            findings_url(b, &f, f.page - 1, NULL);
            jx_buf_puts(b, "\">上一页</a>");
        }
        jx_buf_printf(b, "<span>第 %ld / %ld 页</span>", f.page, pages);
        if (f.page < pages) {
            jx_buf_puts(b, "<a href=\"");
            findings_url(b, &f, f.page + 1, NULL);
            jx_buf_puts(b, "\">下一页</a>");
        }
        jx_buf_puts(b, "</nav>");
    }
    jx_finding_rows_free(&list);
    page_end(b);
}

/* ---- 汇总 -------------------------------------------------------------------- */

/* A chart of counts: values are count or money (万元). */
static void counts_chart(jx_buf *b, const char *title, const web_counts *c, int money,
                         const char *css)
{
    size_t n = c->count > 20 ? 20 : c->count;
    const char **labels = jx_xcalloc(n ? n : 1, sizeof *labels);
    const char **texts = jx_xcalloc(n ? n : 1, sizeof *texts);
    double *values = jx_xcalloc(n ? n : 1, sizeof *values);
    char (*buf)[48] = jx_xcalloc(n ? n : 1, sizeof *buf);
    for (size_t i = 0; i < n; i++) {
        labels[i] = c->items[i].label;
        if (money) {
            values[i] = (double)c->items[i].money;
            web_format_wan(c->items[i].money, buf[i], sizeof buf[i]);
            strncat(buf[i], " 万元", sizeof buf[i] - strlen(buf[i]) - 1);
        } else {
            values[i] = (double)c->items[i].count;
            snprintf(buf[i], sizeof buf[i], "%lld", c->items[i].count);
        }
        texts[i] = buf[i];
    }
    jx_buf_puts(b, "<figure class=\"chart-box\"><figcaption>");
    html_text(b, title);
    if (c->count > n) jx_buf_printf(b, "（前 %zu 项，共 %zu 项）", n, c->count);
    jx_buf_puts(b, "</figcaption>");
    svg_bar_chart(b, title, labels, values, texts, n, css);
    jx_buf_puts(b, "</figure>");
    free(labels);
    free(texts);
    free(values);
    free(buf);
}

void web_page_summary(web_server *srv, const web_request *req, web_response *res)
{
    if (req->nparams) {
        error_page(res, 400, "请求有误", "汇总页不接受查询参数");
        return;
    }
    jx_store *store = store_or_500(srv, res);
    if (!store) return;
    web_summary s;
    jx_error err;
    jx_error_clear(&err);
    if (web_summary_compute(srv, &s, &err) != JX_OK) {
        error_page(res, 500, "数据库错误", err.message);
        return;
    }
    html_answer(res, 200);
    jx_buf *b = &res->body;
    page_begin(b, "汇总", NAV_SUMMARY);
    jx_buf_puts(b, "<h1>汇总</h1><div class=\"kpis\">");
    jx_buf_printf(b, "<div class=\"kpi\"><span class=\"k\">项目数</span><span class=\"v\" id=\"kpi-forms\">%zu</span></div>",
                  s.forms);
    jx_buf_puts(b, "<div class=\"kpi\"><span class=\"k\">年度资金合计（万元）</span><span class=\"v\" id=\"kpi-money\">");
    money_cell(b, s.money_total);
    jx_buf_printf(b, "</span></div><div class=\"kpi\"><span class=\"k\">绩效指标</span>"
                     "<span class=\"v\" id=\"kpi-indicators\">%zu</span></div>", s.indicators);
    jx_buf_printf(b, "<div class=\"kpi\"><span class=\"k\">定量指标占比</span><span class=\"v\">%.0f%%</span></div>",
                  s.indicators ? 100.0 * (double)s.quantitative / (double)s.indicators : 0.0);
    jx_buf_printf(b, "<div class=\"kpi\"><span class=\"k\">审核意见</span><span class=\"v\">"
                     "<span class=\"sev-error\">错误 %zu</span> <span class=\"sev-warning\">警告 %zu</span> "
                     "<span class=\"sev-info\">提示 %zu</span></span></div></div>",
                  s.findings_by_severity[JX_SEV_ERROR], s.findings_by_severity[JX_SEV_WARNING],
                  s.findings_by_severity[JX_SEV_INFO]);
    jx_buf_puts(b, "<div class=\"charts\">");
    counts_chart(b, "各单位年度资金（万元）", &s.by_unit, 1, "money-by-unit");
    counts_chart(b, "各一级指标的指标数", &s.by_level1, 0, "indicators-by-level1");
    /* Findings by rule: label the bars with the rule's title. */
    web_counts titled = {0};
    titled.count = s.by_rule.count;
    titled.items = jx_xcalloc(titled.count ? titled.count : 1, sizeof *titled.items);
    jx_buf *names = jx_xcalloc(titled.count ? titled.count : 1, sizeof *names);
    for (size_t i = 0; i < titled.count; i++) {
        const jx_rule *r = jx_rule_find(s.by_rule.items[i].label);
        jx_buf_puts(&names[i], r ? r->title : s.by_rule.items[i].label);
        titled.items[i] = s.by_rule.items[i];
        titled.items[i].label = names[i].data;
    }
    counts_chart(b, "各审核规则的意见数", &titled, 0, "findings-by-rule");
    for (size_t i = 0; i < titled.count; i++) jx_buf_free(&names[i]);
    free(names);
    free(titled.items);
    jx_buf_puts(b, "</div>");

    /* The grouped tables of `jixiao summary`. */
    static const struct { jx_summary_by by; const char *title, *head; } tables[] = {
        {JX_BY_YEAR, "按年度", "年度"}, {JX_BY_UNIT, "按申报单位", "申报单位"},
        {JX_BY_CATEGORY, "按项目类别", "项目类别"}};
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
        jx_summary js;
        if (jx_summarize_store(store, tables[t].by, &js, &err) != JX_OK) continue;
        jx_buf_printf(b, "<h2>%s</h2><table class=\"list summary-%s\"><thead><tr><th>%s</th><th>项目数</th>"
                         "<th>年度资金（万元）</th><th>当年财政拨款（万元）</th><th>指标数</th>"
                         "<th>定量指标占比</th><th>审核意见（错误/警告/提示）</th></tr></thead><tbody>",
                      tables[t].title, jx_summary_by_name(tables[t].by), tables[t].head);
        for (size_t i = 0; i <= js.count; i++) {
            const jx_summary_group *g = i < js.count ? &js.groups[i] : &js.all;
            jx_buf_puts(b, i < js.count ? "<tr><td>" : "<tr class=\"total\"><td>");
            if (i == js.count) jx_buf_puts(b, "合计");
            else if (tables[t].by == JX_BY_UNIT && g->key) {
                jx_buf_puts(b, "<a href=\"/?unit=");
                url_encode(b, g->key);
                jx_buf_puts(b, "\">");
                html_text(b, g->key);
                jx_buf_puts(b, "</a>");
            } else {
                html_text_or(b, g->key, "（未填写）");
            }
            jx_buf_printf(b, "</td><td class=\"num\">%zu</td><td class=\"num\">", g->projects);
            money_cell(b, g->total_forms ? g->total : JX_NO_AMOUNT);
            jx_buf_puts(b, "</td><td class=\"num\">");
            money_cell(b, g->year_forms ? g->year : JX_NO_AMOUNT);
            jx_buf_printf(b, "</td><td class=\"num\">%zu</td><td class=\"num\">", g->indicators);
            if (g->indicators)
                jx_buf_printf(b, "%.0f%%", 100.0 * (double)g->quantitative / (double)g->indicators);
            else
                jx_buf_puts(b, "-");
            jx_buf_printf(b, "</td><td class=\"num\">%zu / %zu / %zu</td></tr>", g->findings[JX_SEV_ERROR],
                          g->findings[JX_SEV_WARNING], g->findings[JX_SEV_INFO]);
        }
        jx_buf_puts(b, "</tbody></table>");
        jx_summary_free(&js);
    }
    jx_buf_puts(b, "<h2>按指标类别（全国口径）</h2><table class=\"list\"><thead><tr>"
                   "<th>类别</th><th>指标数</th></tr></thead><tbody>");
    for (size_t i = 0; i < s.by_category.count; i++) {
        jx_buf_puts(b, "<tr><td>");
        html_text(b, s.by_category.items[i].label);
        jx_buf_printf(b, "</td><td class=\"num\">%lld</td></tr>", s.by_category.items[i].count);
    }
    jx_buf_puts(b, "</tbody></table>");
    page_end(b);
    web_summary_free(&s);
}

/* ---- 导入 -------------------------------------------------------------------- */

static void import_form(jx_buf *b, const web_server *srv)
{
    jx_buf_puts(b, "<form class=\"upload\" method=\"post\" action=\"/import\" enctype=\"multipart/form-data\">"
                   "<p><label for=\"file\">选择申报表文件（markdown 表格或制表符分隔的文本，UTF-8 或 GB18030）：</label></p>"
                   "<p><input type=\"file\" id=\"file\" name=\"file\" required></p>");
    csrf_field(b);
    jx_buf_puts(b, ""
                   "<p><button type=\"submit\" id=\"upload-submit\">导入</button></p><p class=\"muted\">");
    long max = srv->opt->max_upload;
    jx_buf_puts(b, "每个文件在一个事务中导入：文件有误时数据库保持不变；内容相同的文件再次导入会替换原有记录。");
    if (max % (1024 * 1024) == 0) jx_buf_printf(b, "单个文件不超过 %ld MiB。", max / (1024 * 1024));
    else jx_buf_printf(b, "单个文件不超过 %ld 字节。", max);
    jx_buf_puts(b, "</p></form>");
}

void web_page_import(web_server *srv, const web_request *req, web_response *res)
{
    jx_buf *b = &res->body;
    if (strcmp(req->method, "POST") != 0 && req->nparams) {
        error_page(res, 400, "请求有误", "导入页不接受查询参数");
        return;
    }
    if (strcmp(req->method, "POST") != 0) {
        html_answer(res, 200);
        page_begin(b, "导入", NAV_IMPORT);
        jx_buf_puts(b, "<h1>导入申报表</h1>");
        import_form(b, srv);
        page_end(b);
        return;
    }
    jx_form_list forms = {0};
    jx_error err;
    jx_error_clear(&err);
    jx_status st;
    char msg[160];
    int forbidden = 0;
    if (req->upload_too_large) {
        web_too_large_message(srv, msg, sizeof msg);
        st = jx_error_set(&err, JX_EINPUT, NULL, 0, "%s", msg);
    } else if (req->upload_problem) {
        st = jx_error_set(&err, JX_EUSAGE, NULL, 0, "%s", req->upload_problem);
    } else {
        st = web_import_upload(srv, req, req->upload_name, req->upload_data, req->upload_len, &forms,
                               &forbidden, &err);
    }
    html_answer(res, st == JX_OK ? 200 : req->upload_too_large ? 413 : forbidden ? 403
                                       : (err.status == JX_EINPUT || err.status == JX_EUSAGE) ? 400 : 500);
    page_begin(b, st == JX_OK ? "导入成功" : "导入失败", NAV_IMPORT);
    if (st == JX_OK) {
        size_t nind = 0;
        for (size_t i = 0; i < forms.count; i++) nind += forms.items[i]->nindicators;
        jx_buf_puts(b, "<h1>导入成功</h1><div class=\"alert ok\" role=\"status\" id=\"import-result\">文件 <strong>");
        html_text(b, err.file[0] ? err.file : req->upload_name);
        jx_buf_printf(b, "</strong>：%zu 个项目，%zu 项指标。</div><ul class=\"imported\">", forms.count, nind);
        for (size_t i = 0; i < forms.count; i++) {
            jx_buf_printf(b, "<li><a href=\"/forms/%lld\">", forms.items[i]->id);
            html_text_or(b, forms.items[i]->name, "（未命名项目）");
            jx_buf_printf(b, "</a>（%zu 项指标）</li>", forms.items[i]->nindicators);
        }
        jx_buf_puts(b, "</ul>");
    } else {
        jx_buf_puts(b, "<h1>导入失败</h1><div class=\"alert error\" role=\"alert\" id=\"import-result\">");
        if (err.file[0]) {
            jx_buf_puts(b, "文件 <strong class=\"file\">");
            html_text(b, err.file);
            jx_buf_puts(b, "</strong>");
            if (err.line > 0) jx_buf_printf(b, " 第 <strong class=\"line\">%ld</strong> 行", err.line);
            jx_buf_puts(b, "：");
        }
        jx_buf_puts(b, "<span class=\"msg\">");
        char zh[512];
        html_text(b, err.status == JX_EINPUT ? web_error_zh(err.message, zh, sizeof zh) : err.message);
        jx_buf_puts(b, "</span><p>数据库没有任何改动。</p></div>");
    }
    jx_buf_puts(b, "<h2>继续导入</h2>");
    import_form(b, srv);
    page_end(b);
    jx_form_list_free(&forms);
}

/* ---- static files ------------------------------------------------------------- */

/* /assets/NAME: looked up by exact name in the embedded table, never on disk. */
void web_page_asset(web_server *srv, const web_request *req, web_response *res)
{
    (void)srv;
    const web_asset *a = web_asset_find(req->rest);
    if (!a) {
        res->status = 404;
        res->content_type = "text/plain; charset=utf-8";
        jx_buf_puts(&res->body, "not found\n");
        return;
    }
    res->status = 200;
    res->content_type = a->content_type;
    jx_buf_append(&res->body, (const char *)a->data, a->len);
}

int web_parse_num(const char *s, long lo, long hi, long *out)
{
    if (!s || !*s) return 0;
    long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || v > (LONG_MAX - 9) / 10) return 0;
        v = v * 10 + (*p - '0');
    }
    if (v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

const char *web_paging_parse(const web_request *req, const char *const *extra, long per, long max,
                             const char *item, web_paging *out, char *msg, size_t size)
{
    const char *allowed[16] = {"page", "per_page", "after"};
    size_t n = 3;
    for (size_t i = 0; extra && extra[i] && n + 1 < sizeof allowed / sizeof *allowed; i++) allowed[n++] = extra[i];
    allowed[n] = NULL;
    out->page = 1;
    out->per_page = per;
    out->after = 0;
    if (web_param_unknown(req, allowed)) {
        size_t k = (size_t)snprintf(msg, size, "未知的查询参数（可用：");
        for (size_t i = 0; i < n && k < size; i++) k += (size_t)snprintf(msg + k, size - k, "%s%s", i ? "、" : "", allowed[i]);
        if (k < size) snprintf(msg + k, size - k, "）");
        return msg;
    }
    const char *p = web_param_get(req, "page"), *pp = web_param_get(req, "per_page");
    const char *a = web_param_get(req, "after");
    if (p && !web_parse_num(p, 1, 1000000, &out->page)) return "page 应为正整数";
    if (pp && !web_parse_num(pp, 1, max, &out->per_page)) {
        snprintf(msg, size, "per_page 应为 1 到 %ld 之间的整数", max);
        return msg;
    }
    if (a && !web_parse_num(a, 1, LONG_MAX, &out->after)) {
        snprintf(msg, size, "after 应为正整数（上一页最后一份%s的编号）", item);
        return msg;
    }
    if (a && p) return "page 与 after 只能用其一";
    return NULL;
}

void web_pager(jx_buf *o, const char *path, const web_paging *p, long long total, long long next_after)
{
    long pages = (long)((total + p->per_page - 1) / p->per_page);
    if (p->after) {   /* a keyset page: no page number, the way on and back to the first */
        jx_buf_printf(o, "<nav class=\"pager\"><a href=\"%s?per_page=%ld\">第一页</a>", path, p->per_page);
        if (next_after > 0)
            jx_buf_printf(o, " <a href=\"%s?after=%lld&amp;per_page=%ld\">下一页</a>", path, next_after, p->per_page);
        jx_buf_puts(o, "</nav>");
    } else if (pages > 1) {
        jx_buf_puts(o, "<nav class=\"pager\">");
        if (p->page > 1)
            jx_buf_printf(o, "<a href=\"%s?page=%ld&amp;per_page=%ld\">上一页</a> ", path, p->page - 1, p->per_page);
        jx_buf_printf(o, "第 %ld / %ld 页", p->page, pages);
        if (p->page < pages)
            jx_buf_printf(o, " <a href=\"%s?page=%ld&amp;per_page=%ld\">下一页</a>", path, p->page + 1, p->per_page);
        jx_buf_puts(o, "</nav>");
    }
}
