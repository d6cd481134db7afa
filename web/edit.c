/*
** edit.c - the workflow's pages (Simplified Chinese): the status, actions,
** dispositions, comments and history on the form page, and
**
**   /forms/{id}/edit       修改项目: header fields, amounts in 万元, indicator rows
**                          (add, delete, move, level, name, target); saved as a
**                          new version through PUT /api/forms/{id}
**   /forms/{id}/versions   版本记录: every version, and two to compare
**   /forms/{id}/diff?from=&to=   版本比较: field by field, indicator rows added,
**                          removed, changed, moved
**   /forms/{id}/history    流转记录 alone
**
** The actions run in web/assets/workflow.js against the JSON API; the pages
** only render what the store holds. Rule of this file, as of pages.c:
** document text is written only through html_text(); jx_buf_printf() gets
** numbers and static markup only.
*/
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/fields.h"
#include "web.h"

/* The action label of a history entry (as the API's action_label). */
static const char *action_label(const char *action)
{
    const jx_wf_transition *t = jx_wf_transition_find(action);
    if (t) return t->label;
    if (!strcmp(action, "comment")) return "意见";
    if (!strcmp(action, "edit")) return "修改";
    if (!strcmp(action, "accept")) return "采纳";
    if (!strcmp(action, "dismiss")) return "不采纳";
    return action;
}

/* The label of a place a comment hangs on: a field's title, else the indicator path as is. */
static const char *place_label(const char *where)
{
    if (!where) return "整个项目";
    if (!strcmp(where, "year")) return "年度";
    const jx_field_def *d = jx_field_by_json(where);
    return d && d->title ? d->title : where;
}

/* The current version number of a form (1 when never edited). */
static int version_of(jx_store *store, const char *key)
{
    jx_versions vs;
    jx_error err;
    if (!store || jx_store_versions(store, key, &vs, &err) != JX_OK) return 1;
    int n = vs.count ? vs.items[vs.count - 1].version : 1;
    jx_versions_free(&vs);
    return n;
}

/* The workflow roles of the request being answered (every role in single-user mode). */
static unsigned current_roles(void)
{
    const web_auth *who = web_auth_current();
    if (!who || !who->on) return JX_WF_ROLE_UNIT | JX_WF_ROLE_REVIEWER | JX_WF_ROLE_ADMIN;
    return who->role == JX_ROLE_ADMIN ? JX_WF_ROLE_ADMIN
           : who->role == JX_ROLE_REVIEWER ? JX_WF_ROLE_REVIEWER : JX_WF_ROLE_UNIT;
}

void web_wf_form_status(jx_buf *b, web_server *srv, const web_form_view *v)
{
    unsigned roles = current_roles();
    const jx_form *f = v->forms.items[0];
    jx_error err;
    jx_store *store = web_store(srv, &err);
    char *key = jx_form_key(f);
    int version = version_of(store, key);
    free(key);
    jx_buf_printf(b, "<section class=\"workflow\" id=\"workflow\" data-form=\"%lld\">"
                     "<p class=\"wf-state\">状态：<strong class=\"status status-%s\" id=\"wf-status\">%s</strong>"
                     " · 第 %d 版",
                  f->id, jx_wf_status_name(f->status), jx_wf_status_label(f->status), version);
    if (jx_wf_statuses[f->status].editable && (roles & (JX_WF_ROLE_UNIT | JX_WF_ROLE_ADMIN)))
        jx_buf_printf(b, " · <a class=\"edit-link\" href=\"/forms/%lld/edit\">修改项目</a>", f->id);
    jx_buf_printf(b, " · <a href=\"/forms/%lld/versions\">版本记录</a></p>", f->id);
    int any = 0;
    /* only the transitions the status allows and the user's role may take */
    for (const jx_wf_transition *t = jx_wf_transitions; t->action; t++)
        any |= (t->from & (1u << f->status)) && (t->roles & roles);
    if (any) {
        jx_buf_puts(b, "<div class=\"wf-actions\"><label>意见 <textarea id=\"wf-comment\" rows=\"2\" "
                       "placeholder=\"退回时必须填写意见\"></textarea></label><span class=\"wf-buttons\">");
        for (const jx_wf_transition *t = jx_wf_transitions; t->action; t++)
            if ((t->from & (1u << f->status)) && (t->roles & roles))
                jx_buf_printf(b, "<button type=\"button\" class=\"wf-action\" data-action=\"%s\"%s>%s</button> ",
                              t->action, t->needs_comment ? " data-needs-comment=\"1\"" : "", t->label);
        jx_buf_puts(b, "</span></div>");
    }
    jx_buf_puts(b, "<p class=\"wf-message\" id=\"wf-message\" role=\"status\"></p></section>");
}

/* One history table (the entries oldest first). */
static void history_table(jx_buf *b, const jx_wf_events *h)
{
    if (!h->count) {
        jx_buf_puts(b, "<p class=\"empty\">还没有流转记录。</p>");
        return;
    }
    jx_buf_puts(b, "<table class=\"list history\" id=\"history\"><thead><tr><th>时间（UTC）</th><th>操作</th>"
                   "<th>状态</th><th>意见</th><th>位置</th><th>操作人</th><th>版本</th></tr></thead><tbody>");
    for (size_t i = 0; i < h->count; i++) {
        const jx_wf_event *e = &h->items[i];
        jx_buf_printf(b, "<tr class=\"event event-%s\"><td>", e->action);
        html_text(b, e->at);
        jx_buf_puts(b, "</td><td class=\"action\">");
        html_text(b, action_label(e->action));
        jx_buf_puts(b, "</td><td>");
        if (e->status_from != e->status_to)
            jx_buf_printf(b, "%s → %s", jx_wf_status_label(e->status_from), jx_wf_status_label(e->status_to));
        else
            jx_buf_puts(b, jx_wf_status_label(e->status_to));
        jx_buf_puts(b, "</td><td class=\"comment\">");
        html_text_or(b, e->comment, "");
        jx_buf_puts(b, "</td><td>");
        html_text(b, e->place ? place_label(e->place) : "");
        jx_buf_puts(b, "</td><td>");
        html_text_or(b, e->user, "（单用户）");
        jx_buf_puts(b, "</td><td class=\"num\">");
        if (e->version) jx_buf_printf(b, "%d", e->version);
        jx_buf_puts(b, "</td></tr>");
    }
    jx_buf_puts(b, "</tbody></table>");
}

/* The indicator path of a row, as rules and comments write it: "一级/二级/三级". */
static void indicator_path(const jx_indicator *ind, jx_buf *out)
{
    jx_buf_printf(out, "%s/%s/%s", ind->level1 ? ind->level1 : "", ind->level2 ? ind->level2 : "",
                  ind->name ? ind->name : "");
}

void web_wf_form_sections(jx_buf *b, web_server *srv, const web_form_view *v)
{
    unsigned roles = current_roles();
    const jx_form *f = v->forms.items[0];
    jx_error err;
    jx_error_clear(&err);
    jx_store *store = web_store(srv, &err);
    char *key = jx_form_key(f);
    jx_dispositions ds = {0};
    if (store) jx_store_dispositions(store, key, &ds, &err);

    /* 审核意见处理: each finding with its disposition and the reviewer's buttons. */
    if (v->rows.count) {
        jx_buf_puts(b, "<section class=\"dispositions\" id=\"dispositions\"><h2>审核意见处理</h2>"
                       "<table class=\"list\"><thead><tr><th>编号</th><th>级别</th><th>位置</th><th>审核意见</th>"
                       "<th>处理</th><th>理由</th><th></th></tr></thead><tbody>");
        for (size_t i = 0; i < v->rows.count; i++) {
            const jx_finding_row *r = &v->rows.items[i];
            const jx_disposition *d = jx_dispositions_find(&ds, key, r->rule, r->where);
            jx_buf_printf(b, "<tr class=\"finding-row%s\" data-finding=\"%lld-%zu\" data-rule=\"",
                          d && d->decision == JX_DECISION_DISMISS ? " dismissed" : "", f->id, i);
            html_text(b, r->rule);
            jx_buf_printf(b, "\"><td>%lld-%zu</td><td class=\"sev sev-%s\">%s</td><td>", f->id, i,
                          jx_severity_name((jx_severity)r->severity), jx_severity_label((jx_severity)r->severity));
            html_text(b, place_label(r->where && *r->where ? r->where : NULL));
            jx_buf_puts(b, "</td><td>");
            html_text(b, r->message);
            jx_buf_puts(b, "</td><td class=\"decision\">");
            html_text(b, d ? jx_decision_label(d->decision) : "未处理");
            jx_buf_puts(b, "</td><td class=\"reason\">");
            html_text_or(b, d ? d->reason : NULL, "");
            jx_buf_puts(b, "</td><td class=\"disp-controls\">");
            if (roles & (JX_WF_ROLE_REVIEWER | JX_WF_ROLE_ADMIN))   /* the reviewer's decision */
                jx_buf_puts(b, "<input class=\"disp-reason\" placeholder=\"理由\" aria-label=\"理由\"> "
                               "<button type=\"button\" class=\"disp\" data-decision=\"accept\">采纳</button> "
                               "<button type=\"button\" class=\"disp\" data-decision=\"dismiss\">不采纳</button>");
            jx_buf_puts(b, "</td></tr>");
        }
        jx_buf_puts(b, "</tbody></table><p class=\"muted\">不采纳的审核意见不计入审核建议的评分，"
                       "同一项目重新导入后仍保持不采纳。</p></section>");
    }

    /* 意见: a comment on the form, a field or an indicator row. */
    jx_buf_printf(b, "<section class=\"comments\" id=\"comments\" data-form=\"%lld\"><h2>添加意见</h2>"
                     "<div class=\"comment-form\"><label>位置 <select id=\"comment-where\">"
                     "<option value=\"\">整个项目</option>",
                  f->id);
    for (int i = 0; i < JX_NFIELDS; i++) {
        const jx_field_def *d = &jx_fields[i];
        if (!d->json || !d->title || d->type == JX_FT_INDICATORS || (d->flags & JX_FF_DERIVED)) continue;
        jx_buf_puts(b, "<option value=\"");
        html_text(b, d->json);
        jx_buf_puts(b, "\">");
        html_text(b, d->title);
        jx_buf_puts(b, "</option>");
    }
    for (size_t i = 0; i < f->nindicators; i++) {
        jx_buf path = {0};
        indicator_path(&f->indicators[i], &path);
        jx_buf_puts(b, "<option value=\"");
        html_text(b, path.data);
        jx_buf_puts(b, "\">指标：");
        html_text(b, path.data);
        jx_buf_puts(b, "</option>");
        jx_buf_free(&path);
    }
    jx_buf_puts(b, "</select></label><label>意见 <textarea id=\"comment-text\" rows=\"2\"></textarea></label>"
                   "<button type=\"button\" id=\"comment-add\">添加意见</button></div></section>");

    /* 流转记录 */
    jx_buf_puts(b, "<section class=\"history-section\"><h2>流转记录</h2>");
    jx_wf_events h = {0};
    if (store && jx_wf_history(store, key, &h, &err) == JX_OK) history_table(b, &h);
    jx_wf_events_free(&h);
    jx_buf_puts(b, "</section>");
    jx_dispositions_free(&ds);
    free(key);
}

/* ---- the pages -------------------------------------------------------------------- */

static void html_answer(web_response *res, int status)
{
    res->status = status;
    res->content_type = "text/html; charset=utf-8";
}

/* The page's title line with the way back to the form. */
static void page_head(jx_buf *b, const jx_form *f, const char *what)
{
    jx_buf_printf(b, "<div class=\"toolbar\"><a href=\"/forms/%lld\">← 返回项目</a></div><h1>", f->id);
    html_text(b, what);
    jx_buf_puts(b, "：");
    html_text(b, f->name);
    jx_buf_printf(b, "</h1><p class=\"meta\">状态：<strong class=\"status status-%s\">%s</strong></p>",
                  jx_wf_status_name(f->status), jx_wf_status_label(f->status));
}

/* An <input> of one text field, named by its JSON key. */
static void text_input(jx_buf *b, const char *key, const char *title, const char *value, int area)
{
    jx_buf_puts(b, "<tr><th><label for=\"f-");
    html_text(b, key);
    jx_buf_puts(b, "\">");
    html_text(b, title);
    jx_buf_puts(b, "</label></th><td>");
    if (area) {
        jx_buf_puts(b, "<textarea rows=\"3\" class=\"field\" id=\"f-");
        html_text(b, key);
        jx_buf_puts(b, "\" data-key=\"");
        html_text(b, key);
        jx_buf_puts(b, "\">");
        html_text(b, value);
        jx_buf_puts(b, "</textarea>");
    } else {
        jx_buf_puts(b, "<input class=\"field\" id=\"f-");
        html_text(b, key);
        jx_buf_puts(b, "\" data-key=\"");
        html_text(b, key);
        jx_buf_puts(b, "\" value=\"");
        html_text(b, value);
        jx_buf_puts(b, "\">");
    }
    jx_buf_puts(b, "</td></tr>");
}

/* One indicator row of the edit table (ind NULL: the empty template row). */
static void indicator_row(jx_buf *b, const jx_indicator *ind)
{
    jx_buf_printf(b, "<tr class=\"ind-row\" data-line=\"%ld\">", ind ? ind->line : 0L);
    const char *cells[4] = {ind ? ind->level1 : NULL, ind ? ind->level2 : NULL, ind ? ind->name : NULL,
                            ind ? ind->target : NULL};
    static const char *const keys[4] = {"level1", "level2", "name", "target"};
    static const char *const labels[4] = {"一级指标", "二级指标", "三级指标", "指标值"};
    for (int k = 0; k < 4; k++) {
        jx_buf_printf(b, "<td><input class=\"ind-%s\" aria-label=\"%s\" value=\"", keys[k], labels[k]);
        html_text(b, cells[k]);
        jx_buf_puts(b, "\"></td>");
    }
    jx_buf_puts(b, "<td class=\"row-tools\"><button type=\"button\" class=\"ind-up\" title=\"上移\">↑</button>"
                   "<button type=\"button\" class=\"ind-down\" title=\"下移\">↓</button>"
                   "<button type=\"button\" class=\"ind-delete\" title=\"删除\">删除</button></td></tr>");
}

/* /forms/{id}/edit */
static void page_edit(web_server *srv, web_response *res, long long id)
{
    jx_form_list list;
    jx_form *f = web_load_form(srv, id, &list, res, WEB_FACE_PAGE);
    if (!f) { jx_form_list_free(&list); return; }
    html_answer(res, 200);
    jx_buf *b = &res->body;
    web_page_begin(b, "修改项目");
    page_head(b, f, "修改项目");
    if (!jx_wf_statuses[f->status].editable) {
        jx_buf_printf(b, "<p class=\"alert error\" role=\"alert\">项目当前状态为“%s”，不能修改：只有草稿或已退回的项目可以修改。</p>",
                      jx_wf_status_label(f->status));
        web_page_end(b);
        jx_form_list_free(&list);
        return;
    }
    jx_buf_printf(b, "<form id=\"edit-form\" class=\"edit\" data-form=\"%lld\">", id);
    jx_buf_puts(b, "<h2>基本信息</h2><table class=\"edit-fields\"><tbody>");
    char year[16] = "";
    if (f->year) snprintf(year, sizeof year, "%d", f->year);
    text_input(b, "year", "年度", year, 0);
    for (int i = 0; i < JX_NFIELDS; i++) {
        const jx_field_def *d = &jx_fields[i];
        if (!d->json || (d->flags & JX_FF_DERIVED)) continue;
        if (d->type != JX_FT_TEXT && d->type != JX_FT_CHOICE && d->type != JX_FT_DATE) continue;
        text_input(b, d->json, d->title, jx_field_text(f, d), d->type == JX_FT_TEXT && i >= JX_F_GOAL);
    }
    jx_buf_puts(b, "</tbody></table><h2>资金（万元）</h2><table class=\"edit-fields money\"><tbody>");
    for (int i = 0; i < JX_NFIELDS; i++) {
        const jx_field_def *d = &jx_fields[i];
        if (!d->json || d->type != JX_FT_MONEY) continue;
        char wan[64] = "";
        long long fen = jx_field_money(f, d);
        if (fen != JX_NO_AMOUNT) jx_money_format_exact(fen, 1, wan, sizeof wan);
        jx_buf_puts(b, "<tr><th><label for=\"f-");
        html_text(b, d->json);
        jx_buf_puts(b, "\">");
        html_text(b, d->title);
        jx_buf_puts(b, "</label></th><td><input class=\"money\" inputmode=\"decimal\" id=\"f-");
        html_text(b, d->json);
        jx_buf_puts(b, "\" data-key=\"");
        html_text(b, d->json);
        jx_buf_puts(b, "\" value=\"");
        html_text(b, wan);
        jx_buf_puts(b, "\"> 万元</td></tr>");
    }
    jx_buf_puts(b, "</tbody></table><h2>绩效指标</h2><table class=\"list edit-indicators\" id=\"indicators\">"
                   "<thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th><th></th></tr>"
                   "</thead><tbody>");
    for (size_t i = 0; i < f->nindicators; i++) indicator_row(b, &f->indicators[i]);
    jx_buf_puts(b, "</tbody><tfoot class=\"template\" hidden>");
    indicator_row(b, NULL);
    jx_buf_puts(b, "</tfoot></table><p><button type=\"button\" id=\"ind-add\">添加指标</button></p>"
                   "<p class=\"save\"><button type=\"submit\" id=\"edit-save\">保存为新版本</button> "
                   "<a href=\"");
    jx_buf_printf(b, "/forms/%lld\">取消</a></p><div id=\"edit-result\" role=\"status\"></div></form>", id);
    web_page_end(b);
    jx_form_list_free(&list);
}

/* /forms/{id}/versions */
static void page_versions(web_server *srv, web_response *res, long long id)
{
    web_form_record r;
    if (!web_load_record(srv, id, WEB_RECORD_VERSIONS, &r, res, WEB_FACE_PAGE)) {
        web_form_record_free(&r);
        return;
    }
    const jx_form *f = r.form;
    const jx_versions vs = r.versions;
    html_answer(res, 200);
    jx_buf *b = &res->body;
    web_page_begin(b, "版本记录");
    page_head(b, f, "版本记录");
    jx_buf_puts(b, "<table class=\"list versions\" id=\"versions\"><thead><tr><th>版本</th><th>说明</th>"
                   "<th>修改人</th><th>时间（UTC）</th><th></th></tr></thead><tbody>");
    if (!vs.count)
        jx_buf_printf(b, "<tr><td class=\"num\">1</td><td>导入</td><td></td><td></td>"
                         "<td><a href=\"/api/forms/%lld/versions/1\">JSON</a></td></tr>", id);
    for (size_t i = 0; i < vs.count; i++) {
        const jx_version *v = &vs.items[i];
        jx_buf_printf(b, "<tr><td class=\"num\">%d</td><td>", v->version);
        html_text_or(b, v->note, "");
        jx_buf_puts(b, "</td><td>");
        html_text_or(b, v->user, "（单用户）");
        jx_buf_puts(b, "</td><td>");
        html_text_or(b, v->at, "");
        jx_buf_printf(b, "</td><td><a href=\"/api/forms/%lld/versions/%d\">JSON</a>", id, v->version);
        if (v->version > 1)
            jx_buf_printf(b, " · <a class=\"diff-prev\" href=\"/forms/%lld/diff?from=%d&amp;to=%d\">与上一版比较</a>",
                          id, v->version - 1, v->version);
        jx_buf_puts(b, "</td></tr>");
    }
    jx_buf_puts(b, "</tbody></table>");
    int last = vs.count ? vs.items[vs.count - 1].version : 1;
    if (last > 1) {
        jx_buf_printf(b, "<form class=\"filters\" method=\"get\" action=\"/forms/%lld/diff\"><label>从第 "
                         "<select name=\"from\">", id);
        for (int n = 1; n <= last; n++)
            jx_buf_printf(b, "<option value=\"%d\"%s>%d</option>", n, n == 1 ? " selected" : "", n);
        jx_buf_puts(b, "</select> 版</label><label>到第 <select name=\"to\">");
        for (int n = 1; n <= last; n++)
            jx_buf_printf(b, "<option value=\"%d\"%s>%d</option>", n, n == last ? " selected" : "", n);
        jx_buf_puts(b, "</select> 版</label><button type=\"submit\">比较</button></form>");
    }
    web_page_end(b);
    web_form_record_free(&r);
}

/* A value of the diff as text: money (budget.*, yuan) in 万元, strings as they are, else JSON. */
static void diff_value(jx_buf *b, const char *field, const json_t *v)
{
    if (!v || json_is_null(v)) { jx_buf_puts(b, "<span class=\"muted\">（空）</span>"); return; }
    if (json_is_number(v) && field && !strncmp(field, "budget.", 7)) {
        char m[40];
        web_format_wan(llround(json_number_value(v) * 100.0), m, sizeof m);
        html_text(b, m);
        jx_buf_puts(b, " 万元");
        return;
    }
    if (json_is_string(v)) { html_text(b, json_string_value(v)); return; }
    char *t = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    html_text(b, t);
    free(t);
}

/* The cells of an indicator row of the diff: 一级, 二级, 三级, 指标值. */
static void diff_row_cells(jx_buf *b, const json_t *row)
{
    static const char *const keys[] = {"level1", "level2", "name", "target"};
    for (int k = 0; k < 4; k++) {
        jx_buf_puts(b, "<td>");
        diff_value(b, NULL, json_object_get(row, keys[k]));
        jx_buf_puts(b, "</td>");
    }
}

/* /forms/{id}/diff?from=&to= */
static void page_diff(web_server *srv, const web_request *req, web_response *res, long long id)
{
    static const char *const known[] = {"from", "to", NULL};
    const char *fs = web_param_get(req, "from"), *ts = web_param_get(req, "to");
    int from = fs ? atoi(fs) : 0, to = ts ? atoi(ts) : 0;
    if (web_param_unknown(req, known) || from <= 0 || to <= 0) {
        web_page_error(res, 400, "请求有误", "比较两个版本需要 from 和 to 两个版本号，例如 ?from=1&to=2");
        return;
    }
    jx_form_list list;
    jx_form *f = web_load_form(srv, id, &list, res, WEB_FACE_PAGE);
    if (!f) { jx_form_list_free(&list); return; }
    json_t *d = web_wf_diff(srv, id, from, to, res, 1);
    if (!d) { jx_form_list_free(&list); return; }
    html_answer(res, 200);
    jx_buf *b = &res->body;
    web_page_begin(b, "版本比较");
    page_head(b, f, "版本比较");
    jx_buf_printf(b, "<p>第 %d 版 → 第 %d 版 · <a href=\"/forms/%lld/versions\">版本记录</a> · "
                     "<a href=\"/api/forms/%lld/diff?from=%d&amp;to=%d\">JSON</a></p>",
                  from, to, id, id, from, to);
    const json_t *fields = json_object_get(d, "fields");
    jx_buf_puts(b, "<h2>字段</h2>");
    if (!json_array_size(fields)) jx_buf_puts(b, "<p class=\"empty\">字段没有变化。</p>");
    else {
        jx_buf_puts(b, "<table class=\"list diff-fields\" id=\"diff-fields\"><thead><tr><th>字段</th><th>原值</th>"
                       "<th>新值</th></tr></thead><tbody>");
        for (size_t i = 0; i < json_array_size(fields); i++) {
            const json_t *c = json_array_get(fields, i);
            const char *field = json_string_value(json_object_get(c, "field"));
            jx_buf_puts(b, "<tr><th>");
            html_text(b, json_string_value(json_object_get(c, "title")));
            jx_buf_puts(b, "</th><td class=\"old\">");
            diff_value(b, field, json_object_get(c, "from"));
            jx_buf_puts(b, "</td><td class=\"new\">");
            diff_value(b, field, json_object_get(c, "to"));
            jx_buf_puts(b, "</td></tr>");
        }
        jx_buf_puts(b, "</tbody></table>");
    }
    const json_t *ind = json_object_get(d, "indicators");
    jx_buf_puts(b, "<h2>绩效指标</h2>");
    static const struct { const char *key, *title, *cls; } parts[] = {
        {"added", "新增的指标", "added"}, {"removed", "删除的指标", "removed"}};
    size_t changes = 0;
    for (size_t p = 0; p < 2; p++) {
        const json_t *rows = json_object_get(ind, parts[p].key);
        changes += json_array_size(rows);
        if (!json_array_size(rows)) continue;
        jx_buf_printf(b, "<h3>%s</h3><table class=\"list diff-%s\"><thead><tr><th>行</th><th>一级指标</th>"
                         "<th>二级指标</th><th>三级指标</th><th>指标值</th></tr></thead><tbody>",
                      parts[p].title, parts[p].cls);
        for (size_t i = 0; i < json_array_size(rows); i++) {
            const json_t *r = json_array_get(rows, i);
            jx_buf_printf(b, "<tr><td class=\"num\">%lld</td>",
                          (long long)json_integer_value(json_object_get(r, "index")) + 1);
            diff_row_cells(b, r);
            jx_buf_puts(b, "</tr>");
        }
        jx_buf_puts(b, "</tbody></table>");
    }
    const json_t *changed = json_object_get(ind, "changed");
    changes += json_array_size(changed);
    if (json_array_size(changed)) {
        jx_buf_puts(b, "<h3>修改的指标</h3><table class=\"list diff-changed\"><thead><tr><th></th><th>一级指标</th>"
                       "<th>二级指标</th><th>三级指标</th><th>指标值</th></tr></thead><tbody>");
        for (size_t i = 0; i < json_array_size(changed); i++) {
            const json_t *c = json_array_get(changed, i);
            jx_buf_puts(b, "<tr class=\"old\"><td>原</td>");
            diff_row_cells(b, json_object_get(c, "from"));
            jx_buf_puts(b, "</tr><tr class=\"new\"><td>新</td>");
            diff_row_cells(b, json_object_get(c, "to"));
            jx_buf_puts(b, "</tr>");
        }
        jx_buf_puts(b, "</tbody></table>");
    }
    const json_t *moved = json_object_get(ind, "moved");
    changes += json_array_size(moved);
    if (json_array_size(moved)) {
        jx_buf_puts(b, "<h3>移动的指标</h3><table class=\"list diff-moved\"><thead><tr><th>原行</th><th>新行</th>"
                       "<th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr></thead><tbody>");
        for (size_t i = 0; i < json_array_size(moved); i++) {
            const json_t *m = json_array_get(moved, i), *r = json_object_get(m, "from");
            jx_buf_printf(b, "<tr><td class=\"num\">%lld</td><td class=\"num\">%lld</td>",
                          (long long)json_integer_value(json_object_get(r, "index")) + 1,
                          (long long)json_integer_value(json_object_get(m, "to_index")) + 1);
            diff_row_cells(b, r);
            jx_buf_puts(b, "</tr>");
        }
        jx_buf_puts(b, "</tbody></table>");
    }
    if (!changes) jx_buf_puts(b, "<p class=\"empty\">绩效指标没有变化。</p>");
    const json_t *comps = json_object_get(d, "components");
    size_t nc = json_array_size(json_object_get(comps, "added")) + json_array_size(json_object_get(comps, "removed")) +
                json_array_size(json_object_get(comps, "changed"));
    if (nc) {
        jx_buf_printf(b, "<h2>资金构成</h2><p>新增 %zu 项，删除 %zu 项，金额变化 %zu 项。</p>",
                      json_array_size(json_object_get(comps, "added")),
                      json_array_size(json_object_get(comps, "removed")),
                      json_array_size(json_object_get(comps, "changed")));
    }
    web_page_end(b);
    json_decref(d);
    jx_form_list_free(&list);
}

/* /forms/{id}/history */
static void page_history(web_server *srv, web_response *res, long long id)
{
    web_form_record r;
    if (web_load_record(srv, id, WEB_RECORD_HISTORY, &r, res, WEB_FACE_PAGE)) {
        html_answer(res, 200);
        web_page_begin(&res->body, "流转记录");
        page_head(&res->body, r.form, "流转记录");
        history_table(&res->body, &r.history);
        web_page_end(&res->body);
    }
    web_form_record_free(&r);
}

void web_wf_page(web_server *srv, const web_request *req, web_response *res, long long id,
                 const char *sub)
{
    if (!strcmp(sub, "/diff")) { page_diff(srv, req, res, id); return; }
    if (req->nparams) {
        web_page_error(res, 400, "请求有误", "此页面不接受查询参数。");
        return;
    }
    if (!strcmp(sub, "/edit")) page_edit(srv, res, id);
    else if (!strcmp(sub, "/versions")) page_versions(srv, res, id);
    else if (!strcmp(sub, "/history")) page_history(srv, res, id);
    else web_page_error(res, 404, "找不到页面", "没有这个页面。");
}
