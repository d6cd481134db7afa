/*
** evaluations.c - the web pages of self-evaluations and monitoring reports:
** 绩效自评 `/evaluations` (every stored evaluation with its link, the unit's
** and the recomputed score and grade) and `/evaluations/{id}` (per indicator,
** side by side: the declared target, the monitoring report's progress and
** the self-evaluation's actual value and scores, with the findings about the
** evaluation's document), `/evaluations/history?name=` (a project's declared
** targets across the years in the store, with its changes listed: what
** `jixiao evaluate history` prints), and the same as JSON: GET
** /api/evaluations, /api/evaluations/{id}, /api/evaluations/history?name=.
** Each answer reads the store through load_linked: the evaluations and only
** the declared forms they can link to.
**
** Under --auth a unit user sees its own unit's evaluations only: those whose
** own 实施单位 is exactly that unit (not the containment links accept: a
** short 教育局 would be every unit's that contains it; and not by the link: an
** evaluation naming no unit, linked by name and year to the unit's form, is
** no document of that unit). Reviewers and admins see all.
*/
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/evaluation.h"
#include "jixiao/money.h"
#include "jixiao/rules.h"
#include "jixiao/util.h"
#include "web.h"

static const char html_type[] = "text/html; charset=utf-8";

/*
** What every page of this file reads (jx_evaluations_load_linked): the
** evaluations the asker may see (a unit user: see the top of the file; id >
** 0: that one and the others of its project, for its monitoring report; id
** 0: all; id < 0: none, a history page) and only the declared forms they can
** link to, or of the name a history page asks for, linked and scored under
** the server's configuration.
*/
static jx_status load_linked(web_server *srv, const web_request *req, long long id, const char *name,
                             jx_form_list *forms, jx_error *err)
{
    jx_store *store = web_store(srv, err);
    if (!store) return JX_ESYS;
    jx_eval_query q = {.none = id < 0, .id = id > 0 ? id : 0, .project = 1, .name = name,
                       .unit = req->auth && req->auth->unit[0] ? req->auth->unit : NULL};
    jx_eval_scoring sc;
    jx_eval_scoring_from_config(srv->config, &sc);
    long long next;
    return jx_evaluations_load_linked(store, &q, &sc, forms, &next, err);
}

/* The link to a project's history page. */
static void history_link(jx_buf *b, const char *name, const char *text)
{
    jx_buf_puts(b, "<a class=\"history\" href=\"/evaluations/history?name=");
    url_encode(b, name ? name : "");
    jx_buf_puts(b, "\">");
    html_text(b, text);
    jx_buf_puts(b, "</a>");
}

static void num_cell(jx_buf *b, jx_num n)
{
    if (n.has) jx_buf_printf(b, "<td class=\"num\">%.2f</td>", n.v);
    else jx_buf_puts(b, "<td class=\"num\">—</td>");
}

static void text_cell(jx_buf *b, const char *s)
{
    jx_buf_puts(b, "<td>");
    html_text_or(b, s, "—");
    jx_buf_puts(b, "</td>");
}

/* Evaluations a page of the list shows by default, and at most (per_page). */
#define EVALUATIONS_PER_PAGE 50
#define EVALUATIONS_MAX_PER_PAGE 500
#define EVALUATIONS_API_PER_PAGE 100

/*
** One page of the list the asker may see (a unit user: its unit's), of the
** year when year: numbered (page) or by keyset (after), with one
** evaluation more than per_page (whether a next page exists) and only the
** declared forms they can link to; *total how many there are in all.
*/
static jx_status list_page(web_server *srv, const web_request *req, const web_paging *pg, int year,
                           jx_form_list *forms, long long *total, jx_error *err)
{
    jx_store *store = web_store(srv, err);
    if (!store) return JX_ESYS;
    const char *unit = req->auth && req->auth->unit[0] ? req->auth->unit : NULL;
    jx_eval_select sel = {.unit = unit, .year = year};
    long long after = pg->after;
    /* the count and the page of one snapshot: the request's read transaction (server.c) */
    jx_status rc = jx_store_count_evaluations(store, &sel, total, err);
    if (rc == JX_OK && !after && pg->page > 1)
        rc = jx_store_evaluations_offset_key(store, &sel, (long long)(pg->page - 1) * pg->per_page, &after, err);
    int past = rc == JX_OK && !pg->after && pg->page > 1 && !after;   /* a page past the end: empty */
    if (rc == JX_OK && !past) {
        jx_eval_query q = {.after = after, .limit = pg->per_page + 1, .unit = unit, .year = year};
        jx_eval_scoring sc;
        jx_eval_scoring_from_config(srv->config, &sc);
        long long next;
        rc = jx_evaluations_load_linked(store, &q, &sc, forms, &next, err);
    }
    return rc;
}

void web_page_evaluations(web_server *srv, const web_request *req, web_response *res)
{
    jx_form_list forms = {0};
    jx_error err;
    jx_error_clear(&err);
    web_paging pg;
    char msg[256];
    const char *bad = web_paging_parse(req, NULL, EVALUATIONS_PER_PAGE, EVALUATIONS_MAX_PER_PAGE, "绩效自评表",
                                       &pg, msg, sizeof msg);
    if (bad) {
        web_page_error(res, 400, "请求有误", bad);
        return;
    }
    long long total = 0;
    if (list_page(srv, req, &pg, 0, &forms, &total, &err) != JX_OK) {
        web_page_error(res, 500, "数据库错误", err.message);
        jx_form_list_free(&forms);
        return;
    }
    size_t shown = forms.nevaluations > (size_t)pg.per_page ? (size_t)pg.per_page : forms.nevaluations;
    res->status = 200;
    res->content_type = html_type;
    jx_buf *b = &res->body;
    web_page_evaluations_begin(b, "绩效自评与运行监控");
    jx_buf_printf(b, "<h1>绩效自评与运行监控</h1><p>共%lld份</p>", total);
    jx_buf_puts(b, "<table class=\"list\" id=\"evaluations\"><thead><tr><th>编号</th><th>类型</th><th>年度</th>"
                   "<th>项目名称</th><th>实施单位</th><th>申报表</th><th>单位自评总分</th><th>复核总分</th>"
                   "<th>复核等级</th><th>历年目标</th></tr></thead><tbody>");
    for (size_t i = 0; i < shown; i++) {
        const jx_evaluation *e = forms.evaluations[i];
        jx_buf_printf(b, "<tr><td><a href=\"/evaluations/%lld\">%lld</a></td>", e->id, e->id);
        text_cell(b, jx_eval_kind_label(e->kind));
        jx_buf_printf(b, "<td>%d</td>", e->year);
        text_cell(b, e->name);
        text_cell(b, e->unit);
        if (e->form) jx_buf_printf(b, "<td><a href=\"/forms/%lld\">%lld</a></td>", e->form->id, e->form->id);
        else jx_buf_puts(b, "<td>未关联</td>");
        num_cell(b, e->total_score);
        if (e->kind == JX_EVAL_SELF) {
            jx_buf_printf(b, "<td class=\"num\">%.2f</td>", e->recomputed_total);
            text_cell(b, e->grade);
        } else {
            jx_buf_puts(b, "<td>—</td><td>—</td>");
        }
        jx_buf_puts(b, "<td>");
        history_link(b, e->name, "历年目标");
        jx_buf_puts(b, "</td></tr>");
    }
    jx_buf_puts(b, "</tbody></table>");
    if (!shown && total) jx_buf_puts(b, "<p class=\"empty\">这一页没有绩效自评表。</p>");
    web_pager(b, "/evaluations", &pg, total, forms.nevaluations > shown ? forms.evaluations[shown - 1]->id : 0);
    web_page_close(b);
    jx_form_list_free(&forms);
}

/* The monitoring report of the same declared form (the latest), or NULL. */
static const jx_evaluation *monitor_of(const jx_form_list *forms, const jx_evaluation *e)
{
    const jx_evaluation *m = NULL;
    for (size_t i = 0; i < forms->nevaluations; i++) {
        const jx_evaluation *x = forms->evaluations[i];
        if (x->kind == JX_EVAL_MONITOR && x != e && e->form && x->form == e->form) m = x;
    }
    return m;
}

/* The indicator of m linked to the declared indicator k, or NULL. */
static const jx_eval_indicator *linked(const jx_evaluation *m, long k)
{
    for (size_t i = 0; m && k >= 0 && i < m->nindicators; i++)
        if (m->indicators[i].declared == k) return &m->indicators[i];
    return NULL;
}

void web_page_evaluation(web_server *srv, const web_request *req, web_response *res)
{
    char *end;
    long long id = strtoll(req->rest, &end, 10);
    if (id <= 0 || *end) {
        web_page_error(res, 404, "未找到", "没有这份绩效自评表");
        return;
    }
    jx_form_list forms = {0};
    jx_error err;
    jx_error_clear(&err);
    if (load_linked(srv, req, id, NULL, &forms, &err) != JX_OK) {
        web_page_error(res, 500, "数据库错误", err.message);
        jx_form_list_free(&forms);
        return;
    }
    const jx_evaluation *e = NULL;
    for (size_t i = 0; i < forms.nevaluations; i++)
        if (forms.evaluations[i]->id == id) e = forms.evaluations[i];
    if (!e) {
        web_page_error(res, 404, "未找到", "没有这份绩效自评表");
        jx_form_list_free(&forms);
        return;
    }
    const jx_evaluation *m = e->kind == JX_EVAL_SELF ? monitor_of(&forms, e) : NULL;
    res->status = 200;
    res->content_type = html_type;
    jx_buf *b = &res->body;
    web_page_evaluations_begin(b, jx_eval_kind_label(e->kind));
    jx_buf_puts(b, "<h1>");
    html_text(b, e->name);
    jx_buf_printf(b, " · %d年度%s</h1><p>", e->year, jx_eval_kind_label(e->kind));
    history_link(b, e->name, "本项目历年的绩效目标及其变动");
    jx_buf_puts(b, "</p><table class=\"form\"><tbody>");
    jx_buf_puts(b, "<tr><th>主管部门</th>");
    text_cell(b, e->department);
    jx_buf_puts(b, "<th>实施单位</th>");
    text_cell(b, e->unit);
    jx_buf_puts(b, "</tr><tr><th>申报表</th>");
    if (e->form) {
        jx_buf_printf(b, "<td id=\"declared\"><a href=\"/forms/%lld\">", e->form->id);
        html_text(b, e->form->name);
        jx_buf_printf(b, "（%d年度）</a></td>", e->form->year);
    } else {
        jx_buf_puts(b, "<td id=\"declared\">未关联（库中没有同一项目、年度和单位的申报表）</td>");
    }
    jx_buf_puts(b, "<th>运行监控</th>");
    if (m) jx_buf_printf(b, "<td><a href=\"/evaluations/%lld\">1-%d月</a></td>", m->id, m->months);
    else jx_buf_puts(b, "<td>—</td>");
    jx_buf_puts(b, "</tr></tbody></table>");
    if (e->kind == JX_EVAL_SELF)
        jx_buf_printf(b, "<p id=\"score\">单位自评总分 %s%.2f分，按财预〔2020〕10号复核 %.2f分（%s），其中预算执行率 %.2f分</p>",
                      e->total_score.has ? "" : "（未填）", e->total_score.has ? e->total_score.v : 0.0,
                      e->recomputed_total, e->grade, e->recomputed_budget);
    jx_buf_puts(b, "<h2>绩效指标：申报目标、运行监控与实际完成</h2><table class=\"tree\" id=\"indicators\"><thead><tr>"
                   "<th>一级指标</th><th>二级指标</th><th>三级指标</th><th>申报的目标值</th>");
    if (e->kind == JX_EVAL_SELF) {
        jx_buf_puts(b, "<th>自评的目标值</th><th>运行监控（1-N月完成 / 偏离度）</th><th>实际完成值</th><th>分值</th>"
                       "<th>单位得分</th><th>复核得分</th><th>偏差原因</th></tr></thead><tbody>");
    } else {
        jx_buf_puts(b, "<th>全年目标值</th><th>1-N月实际完成值</th><th>偏离度</th><th>全年预计完成情况</th>"
                       "<th>完成目标可能性</th><th>偏差原因</th><th>纠偏措施</th></tr></thead><tbody>");
    }
    for (size_t i = 0; i < e->nindicators; i++) {
        const jx_eval_indicator *x = &e->indicators[i];
        const jx_indicator *d = e->form && x->declared >= 0 ? &e->form->indicators[x->declared] : NULL;
        jx_buf_puts(b, "<tr>");
        text_cell(b, x->level1);
        text_cell(b, x->level2);
        text_cell(b, x->name);
        text_cell(b, d ? d->target : "（申报表中没有）");
        text_cell(b, x->target);
        if (e->kind == JX_EVAL_SELF) {
            const jx_eval_indicator *mi = linked(m, x->declared);
            jx_buf_puts(b, "<td>");
            if (mi) {
                html_text_or(b, mi->actual, "—");
                if (mi->has_deviation) jx_buf_printf(b, "（%.2f%%）", mi->deviation);
            } else {
                jx_buf_puts(b, "—");
            }
            jx_buf_puts(b, "</td>");
            text_cell(b, x->actual);
            num_cell(b, x->marks);
            num_cell(b, x->score);
            jx_buf_printf(b, "<td class=\"num\">%.2f</td>", x->recomputed);
            text_cell(b, x->reason);
        } else {
            text_cell(b, x->actual);
            if (x->has_deviation) jx_buf_printf(b, "<td class=\"num\">%.2f%%</td>", x->deviation);
            else jx_buf_puts(b, "<td>—</td>");
            text_cell(b, x->expected);
            text_cell(b, x->possibility);
            text_cell(b, x->reason);
            text_cell(b, x->correction);
        }
        jx_buf_puts(b, "</tr>");
    }
    jx_buf_puts(b, "</tbody></table>");
    /* the findings about this evaluation: its document's, whose place names it */
    jx_findings fs = {0};
    jx_review(srv->config, &forms, &fs);
    jx_buf where = {0};
    jx_buf_printf(&where, "%s“%s”", jx_eval_kind_label(e->kind), e->name);
    jx_buf_puts(b, "<h2>审核意见</h2><ul id=\"findings\">");
    size_t shown = 0;
    for (size_t i = 0; i < fs.count; i++) {
        const jx_finding *x = &fs.items[i];
        if (!x->disclosure || strcmp(x->disclosure, e->file) || strncmp(x->where, where.data, where.len)) continue;
        jx_buf_printf(b, "<li class=\"sev-%s\">第%ld行 %s：", jx_severity_name(x->severity), x->line,
                      jx_severity_label(x->severity));
        html_text(b, x->message);
        if (x->suggestion) {
            jx_buf_puts(b, "（建议：");
            html_text(b, x->suggestion);
            jx_buf_puts(b, "）");
        }
        jx_buf_puts(b, "</li>");
        shown++;
    }
    if (!shown) jx_buf_puts(b, "<li>无</li>");
    jx_buf_puts(b, "</ul>");
    jx_buf_free(&where);
    jx_findings_free(&fs);
    web_page_close(b);
    jx_form_list_free(&forms);
}

/* ---- the year-over-year view ------------------------------------------- */

/* The index of f's indicator whose 三级 name has key, -1 when none. */
static long indicator_named(const jx_form *f, const char *key)
{
    for (size_t i = 0; i < f->nindicators; i++) {
        char *k = jx_evaluation_indicator_key(f->indicators[i].name);
        int same = !strcmp(k, key);
        free(k);
        if (same) return (long)i;
    }
    return -1;
}

void web_page_evaluation_history(web_server *srv, const web_request *req, web_response *res)
{
    static const char *const allowed[] = {"name", NULL};
    const char *name = web_param_get(req, "name");
    if (web_param_unknown(req, allowed) || !name || !name[0]) {
        web_page_error(res, 400, "请求有误", "历年目标页需要项目名称（?name=）");
        return;
    }
    jx_form_list forms = {0};
    jx_error err;
    jx_error_clear(&err);
    if (load_linked(srv, req, -1, name, &forms, &err) != JX_OK) {
        web_page_error(res, 500, "数据库错误", err.message);
        jx_form_list_free(&forms);
        return;
    }
    const jx_form **seq = NULL;
    size_t n = jx_history_forms(&forms, name, &seq);
    if (!n) {
        jx_buf msg = {0};
        jx_buf_printf(&msg, "库中没有名为“%s”的申报表", name);
        web_page_error(res, 404, "未找到", msg.data);
        jx_buf_free(&msg);
        jx_form_list_free(&forms);
        return;
    }
    jx_year_changes ch = {0};
    jx_history_changes(seq, n, &ch);
    res->status = 200;
    res->content_type = html_type;
    jx_buf *b = &res->body;
    web_page_evaluations_begin(b, "历年绩效目标");
    jx_buf_puts(b, "<h1>");
    html_text(b, name);
    jx_buf_printf(b, " · 历年绩效目标</h1><p>库中有%zu份申报表</p>", n);
    /* the years, then each indicator's target per year (the union of the 三级 names, in order) */
    jx_buf_puts(b, "<table class=\"list\" id=\"history-years\"><thead><tr><th>年度</th><th>申报表</th>"
                   "<th>申报单位</th><th>年度资金总额（万元）</th><th>指标数</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        char wan[64];
        jx_money_format_wan(seq[i]->budget.total, wan, sizeof wan);
        jx_buf_printf(b, "<tr><td>%d</td><td><a href=\"/forms/%lld\">%lld</a></td>", seq[i]->year,
                      seq[i]->id, seq[i]->id);
        text_cell(b, seq[i]->unit);
        jx_buf_printf(b, "<td class=\"num\">%s</td><td class=\"num\">%zu</td></tr>",
                      seq[i]->budget.total == JX_NO_AMOUNT ? "—" : wan, seq[i]->nindicators);
    }
    jx_buf_puts(b, "</tbody></table><h2>各年度的指标值</h2><table class=\"tree\" id=\"history-targets\">"
                   "<thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th>");
    /* each column a form: its year and unit (one name by several units, 宣传与推广 of five
       bureaus in 2020, is several columns of one year) */
    for (size_t i = 0; i < n; i++) {
        jx_buf_printf(b, "<th>%d年<br>", seq[i]->year);
        html_text_or(b, seq[i]->unit && seq[i]->unit[0] ? seq[i]->unit : NULL, "（未填写单位）");
        jx_buf_puts(b, "</th>");
    }
    jx_buf_puts(b, "</tr></thead><tbody>");
    char **keys = NULL;
    size_t nkeys = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < seq[i]->nindicators; k++) {
            const jx_indicator *x = &seq[i]->indicators[k];
            char *key = jx_evaluation_indicator_key(x->name);
            size_t j = 0;
            while (j < nkeys && strcmp(keys[j], key)) j++;
            if (j < nkeys || !key[0]) { free(key); continue; }
            keys = jx_xrealloc(keys, (nkeys + 1) * sizeof *keys);
            keys[nkeys++] = key;
            jx_buf_puts(b, "<tr>");
            text_cell(b, x->level1);
            text_cell(b, x->level2);
            text_cell(b, x->name);
            for (size_t y = 0; y < n; y++) {
                long at = indicator_named(seq[y], key);
                text_cell(b, at >= 0 ? seq[y]->indicators[at].target : "（无）");
            }
            jx_buf_puts(b, "</tr>");
        }
    for (size_t j = 0; j < nkeys; j++) free(keys[j]);
    free(keys);
    jx_buf_puts(b, "</tbody></table><h2>变动</h2><table class=\"list\" id=\"history-changes\"><thead><tr>"
                   "<th>年度</th><th>变动</th><th>指标</th><th>调整前</th><th>调整后</th></tr></thead><tbody>");
    for (size_t i = 0; i < ch.count; i++) {
        const jx_year_change *c = &ch.items[i];
        jx_buf_printf(b, "<tr><td>%d→%d</td>", c->from_year, c->to_year);
        text_cell(b, c->kind);
        text_cell(b, c->name);
        text_cell(b, c->before);
        text_cell(b, c->after);
        jx_buf_puts(b, "</tr>");
    }
    if (!ch.count) jx_buf_puts(b, "<tr><td colspan=\"5\">无变动</td></tr>");
    jx_buf_puts(b, "</tbody></table>");
    web_page_close(b);
    jx_year_changes_free(&ch);
    free(seq);
    jx_form_list_free(&forms);
}

/* ---- the JSON API ------------------------------------------------------- */

/* A JSON answer (takes v). */
static void api_answer(web_response *res, json_t *v)
{
    char *s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    json_decref(v);
    res->status = 200;
    res->content_type = "application/json; charset=utf-8";
    jx_buf_puts(&res->body, s);
    jx_buf_putc(&res->body, '\n');
    free(s);
}

void web_api_evaluations(web_server *srv, const web_request *req, web_response *res)
{
    static const char *const extra[] = {"year", NULL};
    web_paging pg;
    char msg[256];
    const char *bad = web_paging_parse(req, extra, EVALUATIONS_API_PER_PAGE, EVALUATIONS_MAX_PER_PAGE, "绩效自评表",
                                       &pg, msg, sizeof msg);
    if (bad) {
        web_api_error(res, 400, bad);
        return;
    }
    const char *ys = web_param_get(req, "year");
    char *end = NULL;
    long year = ys ? strtol(ys, &end, 10) : 0;
    if (ys && (!ys[0] || *end || year < 1900 || year > 2200)) {
        web_api_error(res, 400, "year 应为 1900 到 2200 之间的年份");
        return;
    }
    jx_form_list forms = {0};
    jx_error err;
    jx_error_clear(&err);
    long long total = 0;
    if (list_page(srv, req, &pg, (int)year, &forms, &total, &err) != JX_OK) {
        web_api_error(res, 500, err.message);
        jx_form_list_free(&forms);
        return;
    }
    size_t shown = forms.nevaluations > (size_t)pg.per_page ? (size_t)pg.per_page : forms.nevaluations;
    json_t *root = json_object(), *arr = json_array();
    json_object_set_new(root, "version", json_integer(1));
    for (size_t i = 0; i < shown; i++) json_array_append_new(arr, jx_evaluation_to_json(forms.evaluations[i], 1));
    json_object_set_new(root, "evaluations", arr);
    /* additive: the paging, as /api/disclosures */
    json_object_set_new(root, "total", json_integer(total));
    json_object_set_new(root, "page", pg.after ? json_null() : json_integer(pg.page));
    json_object_set_new(root, "per_page", json_integer(pg.per_page));
    json_object_set_new(root, "after", pg.after ? json_integer(pg.after) : json_null());
    json_object_set_new(root, "next_after",
                        forms.nevaluations > shown ? json_integer(forms.evaluations[shown - 1]->id) : json_null());
    api_answer(res, root);
    jx_form_list_free(&forms);
}

void web_api_evaluation(web_server *srv, const web_request *req, web_response *res)
{
    char *end;
    long long id = strtoll(req->rest, &end, 10);
    if (req->nparams) { web_api_error(res, 400, "此地址不接受查询参数"); return; }
    jx_form_list forms = {0};
    jx_error err;
    jx_error_clear(&err);
    if (id > 0 && !*end && load_linked(srv, req, id, NULL, &forms, &err) != JX_OK) {
        web_api_error(res, 500, err.message);
        jx_form_list_free(&forms);
        return;
    }
    const jx_evaluation *e = NULL;
    for (size_t i = 0; id > 0 && !*end && i < forms.nevaluations; i++)
        if (forms.evaluations[i]->id == id) e = forms.evaluations[i];
    if (!e) {
        jx_buf msg = {0};
        jx_buf_printf(&msg, "没有编号为 %s 的绩效自评表或运行监控表", req->rest);
        web_api_error(res, 404, msg.data);
        jx_buf_free(&msg);
    } else {
        api_answer(res, jx_evaluation_to_json(e, 1));
    }
    jx_form_list_free(&forms);
}

void web_api_evaluation_history(web_server *srv, const web_request *req, web_response *res)
{
    static const char *const allowed[] = {"name", NULL};
    const char *name = web_param_get(req, "name");
    if (web_param_unknown(req, allowed) || !name || !name[0]) {
        web_api_error(res, 400, "需要项目名称：?name=");
        return;
    }
    jx_form_list forms = {0};
    jx_error err;
    jx_error_clear(&err);
    if (load_linked(srv, req, -1, name, &forms, &err) != JX_OK) {
        web_api_error(res, 500, err.message);
        jx_form_list_free(&forms);
        return;
    }
    const jx_form **seq = NULL;
    size_t n = jx_history_forms(&forms, name, &seq);
    if (!n) {
        jx_buf msg = {0};
        jx_buf_printf(&msg, "库中没有名为“%s”的申报表", name);
        web_api_error(res, 404, msg.data);
        jx_buf_free(&msg);
    } else {
        jx_year_changes ch = {0};
        jx_history_changes(seq, n, &ch);
        api_answer(res, jx_history_to_json(name, seq, n, &ch));
        jx_year_changes_free(&ch);
    }
    free(seq);
    jx_form_list_free(&forms);
}
