/*
** workflow.c - the workflow's JSON API: the form's answer with its status,
** version and the dispositions of its findings; the transitions (提交,
** 退回, 通过), comments, dispositions (采纳/不采纳), edits (PUT of the export
** contract's JSON) with their versions, the history and the diff of two
** versions.
**
**   GET  /api/forms/{id}                    the form (web_form_json)
**   PUT  /api/forms/{id}                    an edit: a new version
**   POST /api/forms/{id}/submit|return|approve   a transition {"comment"}
**   POST /api/forms/{id}/comments           {"where", "comment"}
**   GET  /api/forms/{id}/history            transitions, comments, edits, dispositions
**   GET  /api/forms/{id}/versions[/{n}]     the versions; one version's JSON
**   GET  /api/forms/{id}/diff?from=&to=     what changed between two versions
**   POST /api/findings/{id}/disposition     {"decision": "accept"|"dismiss", "reason"}
**
** Every write runs under the server's write lock in one write transaction
** (jx_store_begin): the checks (the status, the role) and the change see the
** same state, and a failure leaves the store as it was. Illegal transitions
** answer 409 with the refusal of the transition table, a role that may not
** act 403, a bad body 400 naming what is wrong.
*/
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/export.h"
#include "jixiao/fields.h"
#include "jixiao/review.h"
#include "web.h"


/* Set res to the JSON value (consumed) with status. */
static void answer(web_response *res, int status, json_t *v)
{
    web_json_answer(res, status, v);
}

static void error(web_response *res, int status, const char *message)
{
    web_api_error(res, status, message);
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

web_actor web_actor_of(web_server *srv, const web_request *req)
{
    (void)srv;
    web_actor a = {NULL, JX_WF_ROLE_UNIT | JX_WF_ROLE_REVIEWER | JX_WF_ROLE_ADMIN, NULL};
    const web_auth *who = req->auth;
    if (!who || !who->on) return a;   /* loopback single-user mode: everything allowed */
    a.user = who->user;
    a.roles = who->role == JX_ROLE_ADMIN ? JX_WF_ROLE_ADMIN
              : who->role == JX_ROLE_REVIEWER ? JX_WF_ROLE_REVIEWER : JX_WF_ROLE_UNIT;
    a.unit = who->role == JX_ROLE_UNIT ? who->unit : NULL;
    return a;
}

/*
** Append the audit entry of a write inside its transaction (web_audit: the
** request's user and address): action "form.submit" …, the form, its
** version before and after, and detail (a JSON object, consumed).
*/
static jx_status audit(web_server *srv, const web_request *req, const char *action, long long form_id,
                       int before, int after, json_t *detail, jx_error *err)
{
    char *text = json_dumps(detail, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    json_decref(detail);
    jx_status rc = web_audit(srv, req, action, form_id, before, after, text, err);
    free(text);
    return rc;
}

/* {"from", "to", "comment", "where"} of a transition or a comment, for the audit log. */
static json_t *event_detail(int from, int to, const char *comment, const char *where)
{
    json_t *o = json_object();
    json_object_set_new(o, "from", json_string(jx_wf_status_name(from)));
    json_object_set_new(o, "to", json_string(jx_wf_status_name(to)));
    json_object_set_new(o, "comment", comment ? json_string(comment) : json_null());
    if (where) json_object_set_new(o, "where", json_string(where));
    return o;
}

/*
** NULL when the actor may act on form f with one of roles; else why not
** (for a 403): the role, or a unit user's own unit.
*/
static const char *refuse_actor(const web_actor *a, unsigned roles, const jx_form *f)
{
    if (!(a->roles & roles)) return "您的角色不能执行此操作";
    if (!(a->roles & (JX_WF_ROLE_REVIEWER | JX_WF_ROLE_ADMIN)) && a->unit &&
        (!f->unit || strcmp(a->unit, f->unit)))
        return "只能处理本单位的项目";
    return NULL;
}

/* The Chinese label of a history action. */
static const char *action_label(const char *action)
{
    const jx_wf_transition *t = jx_wf_transition_find(action);
    if (t) return t->label;
    static const struct { const char *action, *label; } other[] = {
        {"comment", "意见"}, {"edit", "修改"}, {"accept", "采纳"}, {"dismiss", "不采纳"}};
    for (size_t i = 0; i < sizeof other / sizeof *other; i++)
        if (!strcmp(other[i].action, action)) return other[i].label;
    return action;
}

/* One history entry as JSON. */
static json_t *event_json(const jx_wf_event *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(e->id));
    json_object_set_new(o, "action", json_string(e->action));
    json_object_set_new(o, "action_label", json_string(action_label(e->action)));
    json_object_set_new(o, "from", json_string(jx_wf_status_name(e->status_from)));
    json_object_set_new(o, "to", json_string(jx_wf_status_name(e->status_to)));
    json_object_set_new(o, "comment", str_or_null(e->comment));
    json_object_set_new(o, "where", str_or_null(e->place));
    json_object_set_new(o, "user", str_or_null(e->user));
    json_object_set_new(o, "at", str_or_null(e->at));
    json_object_set_new(o, "version", e->version ? json_integer(e->version) : json_null());
    return o;
}

/* A disposition as JSON, null when none. */
static json_t *disposition_json(const jx_disposition *d)
{
    if (!d) return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "decision", json_string(jx_decision_name(d->decision)));
    json_object_set_new(o, "label", json_string(jx_decision_label(d->decision)));
    json_object_set_new(o, "reason", str_or_null(d->reason));
    json_object_set_new(o, "user", str_or_null(d->user));
    json_object_set_new(o, "at", str_or_null(d->at));
    return o;
}

/* The form's current version number: the last stored, 1 (as imported) when none. */
static jx_status current_version(jx_store *store, const char *key, int *out, jx_error *err)
{
    jx_versions vs;
    jx_status rc = jx_store_versions(store, key, &vs, err);
    if (rc) return rc;
    *out = vs.count ? vs.items[vs.count - 1].version : 1;
    jx_versions_free(&vs);
    return JX_OK;
}

void web_form_json_answer(web_server *srv, const web_form_view *v, web_response *res)
{
    const jx_form *f = v->forms.items[0];
    res->status = 200;
    res->content_type = "application/json; charset=utf-8";
    jx_buf *b = &res->body;
    jx_form_json_write(b, f, 0, 1);   /* the export contract's object, left open */
    jx_error err;
    jx_error_clear(&err);
    jx_store *store = web_store(srv, &err);
    char *key = jx_form_key(f);
    jx_dispositions ds = {0};
    if (store) jx_store_dispositions(store, key, &ds, &err);
    json_t *review = json_object();
    json_object_set_new(review, "grade", str_or_null(v->grade));
    json_object_set_new(review, "score", v->grade ? json_real(v->score) : json_null());
    jx_json_buf_key(b, "review", 1, 0);
    jx_json_buf_value(b, review, 1);
    json_decref(review);
    json_t *arr = json_array();
    for (size_t i = 0; i < v->rows.count; i++) {
        const jx_finding_row *r = &v->rows.items[i];
        json_t *x = jx_finding_row_json(r, 1);
        char id[48];
        snprintf(id, sizeof id, "%lld-%lld", f->id, r->seq);   /* the finding's seq in its form */
        json_object_set_new(x, "id", json_string(id));
        json_object_set_new(x, "disposition",
                            disposition_json(jx_dispositions_find(&ds, key, r->rule, r->where)));
        json_array_append_new(arr, x);
    }
    jx_json_buf_key(b, "findings", 1, 0);
    jx_json_buf_value(b, arr, 1);
    json_decref(arr);
    jx_json_buf_close(b, 0, '}');
    jx_buf_putc(b, '\n');
    jx_dispositions_free(&ds);
    free(key);
}

/* ---- request bodies --------------------------------------------------------- */

/* The body as a JSON object (an empty body is {}); NULL with a 400 answered. */
static json_t *body_object(const web_request *req, web_response *res)
{
    if (req->upload_too_large) { error(res, 413, "请求正文超过大小限制"); return NULL; }
    size_t n = req->body_len;
    const char *p = req->body;
    while (n && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++, n--;
    if (!n) return json_object();
    json_error_t je;
    json_t *o = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &je);
    if (!o) {
        char m[400];
        snprintf(m, sizeof m, "请求正文不是有效的 JSON：%s（第 %d 行第 %d 列）", je.text, je.line, je.column);
        error(res, 400, m);
        return NULL;
    }
    if (!json_is_object(o)) {
        json_decref(o);
        error(res, 400, "请求正文应为 JSON 对象");
        return NULL;
    }
    return o;
}

/*
** The text at key of body: *out the string (borrowed) or NULL when absent
** or null. 0 with a 400 answered when it is something else, or when it
** has a key not in known.
*/
static int body_text(json_t *body, const char *key, const char **out, web_response *res)
{
    json_t *v = json_object_get(body, key);
    *out = NULL;
    if (!v || json_is_null(v)) return 1;
    if (!json_is_string(v) || !web_text_ok(json_string_value(v))) {
        char m[128];
        snprintf(m, sizeof m, "%s 应为文本", key);
        error(res, 400, m);
        return 0;
    }
    *out = json_string_value(v);
    return 1;
}

/* 0 with a 400 answered when body has a key outside known. */
static int body_keys(json_t *body, const char *const *known, web_response *res)
{
    const char *key;
    json_t *v;
    json_object_foreach(body, key, v) {
        size_t k = 0;
        while (known[k] && strcmp(known[k], key)) k++;
        if (!known[k]) {
            char m[256];
            snprintf(m, sizeof m, "请求正文中有未知的键“%s”", key);
            error(res, 400, m);
            return 0;
        }
    }
    return 1;
}

/* 1 when s has a character that is not whitespace. */
static int nonblank(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return 1;
    return 0;
}

/* ---- the writer ------------------------------------------------------------------ */

/* A write in progress: the store under the write lock, inside one transaction. */
typedef struct writer {
    web_server *srv;
    jx_store *store;
    jx_form_list forms;   /* the form, loaded inside the transaction */
    jx_form *form;
    char *key;
    jx_error err;
} writer;

/*
** Take the write lock, begin the transaction and load form id. 0 with the
** answer set (500, 404) when that fails; the writer is then already ended.
*/
static int writer_begin(writer *w, web_server *srv, long long id, web_response *res)
{
    memset(w, 0, sizeof *w);
    w->srv = srv;
    jx_error_clear(&w->err);
    pthread_mutex_lock(&srv->write_lock);
    w->store = web_store(srv, &w->err);
    if (!w->store || jx_store_begin(w->store, &w->err) != JX_OK) {
        pthread_mutex_unlock(&srv->write_lock);
        error(res, 500, w->err.message);
        return 0;
    }
    jx_filter one = {0};
    one.id = id;
    if (jx_store_load(w->store, &one, &w->forms, &w->err) != JX_OK) {
        jx_store_rollback(w->store);
        pthread_mutex_unlock(&srv->write_lock);
        error(res, 500, w->err.message);
        jx_form_list_free(&w->forms);
        return 0;
    }
    if (!w->forms.count) {
        jx_store_rollback(w->store);
        pthread_mutex_unlock(&srv->write_lock);
        char m[96];
        snprintf(m, sizeof m, "没有编号为 %lld 的项目", id);
        error(res, 404, m);
        jx_form_list_free(&w->forms);
        return 0;
    }
    w->form = w->forms.items[0];
    w->key = jx_form_key(w->form);
    /* The gate scoped a unit user's connection to its unit (reads); the write may touch every
       form (the review is stored for all of them), and the gate has already checked the form
       is the unit's own. web_auth_done clears the scope after the request anyway. */
    jx_store_set_scope(w->store, NULL);
    return 1;
}

/* End the write: commit when ok (a failed commit answers 500), else roll back. Returns ok. */
static int writer_end(writer *w, int ok, web_response *res)
{
    if (ok && jx_store_commit(w->store, &w->err) != JX_OK) {
        error(res, 500, w->err.message);
        ok = 0;
    } else if (!ok) {
        jx_store_rollback(w->store);
    }
    pthread_mutex_unlock(&w->srv->write_lock);
    jx_form_list_free(&w->forms);
    free(w->key);
    return ok;
}

/* The form's status and one event, the answer of a write that recorded it. */
static json_t *status_answer(const writer *w, int status, long long event_id)
{
    json_t *o = json_object();
    json_object_set_new(o, "form_id", json_integer(w->form->id));
    json_object_set_new(o, "status", json_string(jx_wf_status_name(status)));
    json_object_set_new(o, "status_label", json_string(jx_wf_status_label(status)));
    jx_wf_events h;
    jx_error err;
    if (jx_wf_history(w->store, w->key, &h, &err) == JX_OK) {
        for (size_t i = 0; i < h.count; i++)
            if (h.items[i].id == event_id) json_object_set_new(o, "event", event_json(&h.items[i]));
        jx_wf_events_free(&h);
    }
    return o;
}

/* ---- transitions and comments ---------------------------------------------------- */

/* The "where" of a comment: a field id of the field table or an indicator path "一级/二级/三级". */
static int place_ok(const jx_form *f, const char *where)
{
    if (!strcmp(where, "year") || jx_field_by_json(where)) return 1;
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        char path[1024];
        snprintf(path, sizeof path, "%s/%s/%s", ind->level1 ? ind->level1 : "",
                 ind->level2 ? ind->level2 : "", ind->name ? ind->name : "");
        if (!strcmp(path, where)) return 1;
    }
    return 0;
}

/* POST /api/forms/{id}/{submit,return,approve}. */
static void transition(web_server *srv, const web_request *req, web_response *res, long long id,
                       const jx_wf_transition *t)
{
    json_t *body = body_object(req, res);
    if (!body) return;
    static const char *const known[] = {"comment", NULL};
    const char *comment = NULL;
    if (!body_keys(body, known, res) || !body_text(body, "comment", &comment, res)) {
        json_decref(body);
        return;
    }
    if (!nonblank(comment)) comment = NULL;
    if (t->needs_comment && !comment) {
        char m[128];
        snprintf(m, sizeof m, "%s时必须填写意见（comment）", t->label);
        error(res, 400, m);
        json_decref(body);
        return;
    }
    web_actor actor = web_actor_of(srv, req);
    writer w;
    if (!writer_begin(&w, srv, id, res)) { json_decref(body); return; }
    int from, version = 1, ok = 0;
    long long event = 0;
    char why[256];
    const char *refused;
    if (jx_wf_status_get(w.store, w.key, &from, &w.err) != JX_OK) {
        error(res, 500, w.err.message);
    } else if ((refused = refuse_actor(&actor, t->roles, w.form))) {
        error(res, 403, refused);
    } else if ((refused = jx_wf_refusal(t, from, why, sizeof why))) {
        error(res, 409, refused);
    } else if (current_version(w.store, w.key, &version, &w.err) != JX_OK ||
               jx_wf_record(w.store, w.key, id, t->action, from, (int)t->to, comment, NULL, actor.user,
                            version, &event, &w.err) != JX_OK ||
               jx_wf_touch(w.store, &w.err) != JX_OK ||
               audit(srv, req, t->audit, id, version, version, event_detail(from, (int)t->to, comment, NULL),
                     &w.err) != JX_OK) {
        error(res, 500, w.err.message);
    } else {
        ok = 1;
    }
    json_t *out = ok ? status_answer(&w, (int)t->to, event) : NULL;
    if (writer_end(&w, ok, res)) answer(res, 200, out);
    else json_decref(out);
    json_decref(body);
}

/* POST /api/forms/{id}/comments {"where", "comment"}: a comment on the form, a field or an indicator row. */
static void add_comment(web_server *srv, const web_request *req, web_response *res, long long id)
{
    json_t *body = body_object(req, res);
    if (!body) return;
    static const char *const known[] = {"where", "comment", NULL};
    const char *where = NULL, *comment = NULL;
    if (!body_keys(body, known, res) || !body_text(body, "where", &where, res) ||
        !body_text(body, "comment", &comment, res)) {
        json_decref(body);
        return;
    }
    if (!nonblank(comment)) {
        error(res, 400, "意见（comment）不能为空");
        json_decref(body);
        return;
    }
    web_actor actor = web_actor_of(srv, req);
    writer w;
    if (!writer_begin(&w, srv, id, res)) { json_decref(body); return; }
    int status, version = 1, ok = 0;
    long long event = 0;
    const char *refused;
    if (where && *where && !place_ok(w.form, where)) {
        char m[256];
        snprintf(m, sizeof m, "where 应为字段（如 budget.total、goal）或指标路径“一级/二级/三级”，"
                              "本项目没有“%.120s”", where);
        error(res, 400, m);
    } else if ((refused = refuse_actor(&actor, JX_WF_ROLE_UNIT | JX_WF_ROLE_REVIEWER | JX_WF_ROLE_ADMIN,
                                       w.form))) {
        error(res, 403, refused);
    } else if (jx_wf_status_get(w.store, w.key, &status, &w.err) != JX_OK ||
               current_version(w.store, w.key, &version, &w.err) != JX_OK ||
               jx_wf_record(w.store, w.key, id, "comment", status, status, comment,
                            where && *where ? where : NULL, actor.user, version, &event, &w.err) != JX_OK ||
               jx_wf_touch(w.store, &w.err) != JX_OK ||
               audit(srv, req, "form.comment", id, version, version,
                     event_detail(status, status, comment, where && *where ? where : NULL), &w.err) != JX_OK) {
        error(res, 500, w.err.message);
    } else {
        ok = 1;
    }
    json_t *out = ok ? status_answer(&w, status, event) : NULL;
    if (writer_end(&w, ok, res)) answer(res, 200, out);
    else json_decref(out);
    json_decref(body);
}

/* ---- editing ------------------------------------------------------------------------ */

/* The stored form as the JSON a version keeps (compact, in the contract's order). */
static char *form_text(const jx_form *f)
{
    json_t *o = jx_form_to_json(f);
    json_object_del(o, "status");   /* a version is the content; the status has its history */
    char *t = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    json_decref(o);
    return t;
}

/*
** The labelled fields of an edited form follow its typed fields: an entry
** whose label is a text field's (项目名称, 年度绩效目标 …) gets the field's new
** value, so fields[] never contradicts what the form now says. Money
** entries keep their text (the label's scale is the document's), but are
** dropped when the amount was changed.
*/
static void sync_fields(const jx_form *old, jx_form *f)
{
    for (size_t i = 0; i < f->nfields; i++) {
        jx_field *e = &f->fields[i];
        for (int k = 0; k < JX_NFIELDS; k++) {
            const jx_field_def *d = &jx_fields[k];
            if (!d->json || !d->title || !e->label || !strstr(e->label, d->title)) continue;
            if (d->type == JX_FT_TEXT || d->type == JX_FT_CHOICE) {
                const char *was = jx_field_text(old, d), *now = jx_field_text(f, d);
                if ((was == NULL) != (now == NULL) || (was && strcmp(was, now))) {
                    free(e->value);
                    e->value = jx_strdup(now);
                }
            }
            break;
        }
    }
}

/* PUT /api/forms/{id}: the export contract's JSON of the form; a new version. */
static void put_form(web_server *srv, const web_request *req, web_response *res, long long id)
{
    if (req->upload_too_large) { error(res, 413, "请求正文超过大小限制"); return; }
    jx_form *f = NULL;
    jx_error err;
    jx_error_clear(&err);
    if (jx_form_from_json("请求正文", req->body, req->body_len, &f, &err) != JX_OK) {
        char m[900];
        snprintf(m, sizeof m, "表单 JSON 有误：%s", err.message);
        error(res, 400, m);
        return;
    }
    if (f->id && f->id != id) {
        char m[160];
        snprintf(m, sizeof m, "$.id: %lld 与地址中的项目编号 %lld 不一致", f->id, id);
        error(res, 400, m);
        jx_form_free(f);
        return;
    }
    web_actor actor = web_actor_of(srv, req);
    writer w;
    if (!writer_begin(&w, srv, id, res)) { jx_form_free(f); return; }
    const jx_form *old = w.form;
    int status, version = 0, ok = 0;
    long long event = 0;
    const char *refused;
    char *new_key = NULL, *before = NULL, *after = NULL;
    jx_form_list back = {0};
    if (jx_wf_status_get(w.store, w.key, &status, &w.err) != JX_OK) {
        error(res, 500, w.err.message);
        goto out;
    }
    if ((refused = refuse_actor(&actor, JX_WF_ROLE_UNIT | JX_WF_ROLE_ADMIN, old))) {
        error(res, 403, refused);
        goto out;
    }
    if (!jx_wf_statuses[status].editable) {
        char m[200];
        snprintf(m, sizeof m, "项目当前状态为“%s”，不能修改：只有草稿或已退回的项目可以修改",
                 jx_wf_status_label(status));
        error(res, 409, m);
        goto out;
    }
    /* What the JSON does not say of the source stays the stored form's. */
    f->id = id;
    if (!f->file || !*f->file) { free(f->file); f->file = jx_strdup(old->file); }
    if (!f->line) f->line = old->line;
    if (!f->page) f->page = old->page;
    f->status = status;
    sync_fields(old, f);
    new_key = jx_form_key(f);
    jx_versions vs;
    if (jx_store_versions(w.store, w.key, &vs, &w.err) != JX_OK) { error(res, 500, w.err.message); goto out; }
    size_t nversions = vs.count;
    long long last_version = vs.count ? vs.items[vs.count - 1].version : 1;
    jx_versions_free(&vs);
    before = form_text(old);
    int v1;
    /* The first edit keeps the form as imported as version 1. */
    if ((nversions == 0 &&
         jx_store_version_add(w.store, w.key, id, before, NULL, "导入", &v1, &w.err) != JX_OK) ||
        jx_store_replace_form(w.store, f, &w.err) != JX_OK ||
        jx_wf_rekey(w.store, w.key, new_key, &w.err) != JX_OK ||
        jx_review_refresh(w.store, srv->config, NULL, &w.err) != JX_OK) {
        error(res, 500, w.err.message);
        goto out;
    }
    jx_filter one = {0};
    one.id = id;
    if (jx_store_load(w.store, &one, &back, &w.err) != JX_OK || !back.count) {
        error(res, 500, w.err.message);
        goto out;
    }
    after = form_text(back.items[0]);
    if (jx_store_version_add(w.store, new_key, id, after, actor.user, "修改", &version, &w.err) != JX_OK ||
        jx_wf_record(w.store, new_key, id, "edit", status, status, NULL, NULL, actor.user, version, &event,
                     &w.err) != JX_OK ||
        audit(srv, req, "form.edit", id, nversions ? (int)last_version : 1, version,
              json_pack("{s:s, s:i}", "name", f->name, "indicators", (int)f->nindicators), &w.err) != JX_OK) {
        error(res, 500, w.err.message);
        goto out;
    }
    ok = 1;
out:
    jx_form_list_free(&back);
    free(before), free(after), free(new_key);
    jx_form_free(f);
    if (!writer_end(&w, ok, res)) return;
    /* The answer: the form as GET now gives it, in a snapshot of its own. */
    web_form_view v;
    int found;
    jx_store *store = web_store(srv, &err);
    if (!store || jx_store_begin_read(store, &err) != JX_OK) { error(res, 500, err.message); return; }
    if (web_form_view_load(srv, id, &v, &found, &err) != JX_OK || !found) {
        error(res, 500, err.message);
    } else {
        web_form_json_answer(srv, &v, res);
    }
    jx_store_end_read(store);
    web_form_view_free(&v);
}

/* ---- reading: history, versions, diff ----------------------------------------------- */

jx_form *web_load_form(web_server *srv, long long id, jx_form_list *list, web_response *res,
                       web_face face)
{
    jx_error err;
    jx_error_clear(&err);
    memset(list, 0, sizeof *list);
    jx_store *store = web_store(srv, &err);
    jx_filter one = {0};
    one.id = id;
    if (!store || jx_store_load(store, &one, list, &err) != JX_OK) {
        if (face == WEB_FACE_API) error(res, 500, err.message);
        else web_page_error(res, 500, "数据库错误", err.message);
        return NULL;
    }
    if (!list->count) {
        char m[96];
        snprintf(m, sizeof m, "没有编号为 %lld 的项目%s", id, face == WEB_FACE_API ? "" : "。");
        if (face == WEB_FACE_API) error(res, 404, m);
        else web_page_error(res, 404, "找不到项目", m);
        return NULL;
    }
    return list->items[0];
}

int web_load_record(web_server *srv, long long id, int what, web_form_record *r, web_response *res,
                    web_face face)
{
    memset(r, 0, sizeof *r);
    if (!(r->form = web_load_form(srv, id, &r->list, res, face))) return 0;
    r->key = jx_form_key(r->form);
    jx_error err;
    jx_error_clear(&err);
    jx_store *store = web_store(srv, &err);
    jx_status st = what == WEB_RECORD_HISTORY ? jx_wf_history(store, r->key, &r->history, &err)
                                              : jx_store_versions(store, r->key, &r->versions, &err);
    if (st == JX_OK) return 1;
    if (face == WEB_FACE_API) error(res, 500, err.message);
    else web_page_error(res, 500, "数据库错误", err.message);
    return 0;
}

void web_form_record_free(web_form_record *r)
{
    jx_versions_free(&r->versions);
    jx_wf_events_free(&r->history);
    free(r->key);
    jx_form_list_free(&r->list);
    memset(r, 0, sizeof *r);
}

/* GET /api/forms/{id}/history */
static void get_history(web_server *srv, web_response *res, long long id)
{
    web_form_record r;
    if (web_load_record(srv, id, WEB_RECORD_HISTORY, &r, res, WEB_FACE_API)) {
        json_t *o = json_object();
        json_object_set_new(o, "form_id", json_integer(id));
        json_object_set_new(o, "status", json_string(jx_wf_status_name(r.form->status)));
        json_object_set_new(o, "status_label", json_string(jx_wf_status_label(r.form->status)));
        json_t *arr = json_array();
        for (size_t i = 0; i < r.history.count; i++) json_array_append_new(arr, event_json(&r.history.items[i]));
        json_object_set_new(o, "history", arr);
        answer(res, 200, o);
    }
    web_form_record_free(&r);
}

/*
** Version n of form f as a JSON object (the caller owns it), or NULL when
** there is none. With no stored versions, version 1 is the form as it is.
*/
static json_t *version_json(jx_store *store, const jx_form *f, const char *key, int n, jx_error *err,
                            jx_status *rc)
{
    jx_version v;
    int found;
    *rc = jx_store_version_get(store, key, n, &v, &found, err);
    if (*rc) return NULL;
    json_t *o = NULL;
    if (found) {
        o = json_loads(v.json, 0, NULL);
    } else if (n == 1) {
        jx_versions vs;
        if ((*rc = jx_store_versions(store, key, &vs, err))) return NULL;
        if (!vs.count) {
            o = jx_form_to_json(f);
            json_object_del(o, "status");
        }
        jx_versions_free(&vs);
    }
    jx_version_free(&v);
    return o;
}

/* A version number from text, 0 when it is none. */
static int parse_version(const char *s)
{
    char *end;
    errno = 0;
    long n = s && *s >= '0' && *s <= '9' ? strtol(s, &end, 10) : 0;
    return n > 0 && n < 1000000 && !errno && !*end ? (int)n : 0;
}

/* GET /api/forms/{id}/versions and /versions/{n} */
static void get_versions(web_server *srv, web_response *res, long long id, const char *rest)
{
    web_form_record r;
    if (!web_load_record(srv, id, WEB_RECORD_VERSIONS, &r, res, WEB_FACE_API)) {
        web_form_record_free(&r);
        return;
    }
    jx_error err;
    jx_error_clear(&err);
    jx_store *store = web_store(srv, &err);
    if (*rest == '/') {
        int n = parse_version(rest + 1);
        jx_status rc;
        json_t *o = n ? version_json(store, r.form, r.key, n, &err, &rc) : NULL;
        if (!n) {
            error(res, 400, "版本号应为正整数，例如 /api/forms/1/versions/2");
        } else if (!o) {
            if (rc) error(res, 500, err.message);
            else {
                char m[96];
                snprintf(m, sizeof m, "项目 %lld 没有第 %d 版", id, n);
                error(res, 404, m);
            }
        } else {
            json_object_set_new(o, "version", json_integer(n));
            answer(res, 200, o);
        }
    } else {
        const jx_versions *vs = &r.versions;
        json_t *o = json_object();
        json_object_set_new(o, "form_id", json_integer(id));
        json_object_set_new(o, "current", json_integer(vs->count ? vs->items[vs->count - 1].version : 1));
        json_t *arr = json_array();
        for (size_t i = 0; i < vs->count; i++) {
            json_t *x = json_object();
            json_object_set_new(x, "version", json_integer(vs->items[i].version));
            json_object_set_new(x, "note", str_or_null(vs->items[i].note));
            json_object_set_new(x, "user", str_or_null(vs->items[i].user));
            json_object_set_new(x, "at", str_or_null(vs->items[i].at));
            json_array_append_new(arr, x);
        }
        if (!vs->count) {   /* never edited: the form as imported is version 1 */
            json_t *x = json_object();
            json_object_set_new(x, "version", json_integer(1));
            json_object_set_new(x, "note", json_string("导入"));
            json_object_set_new(x, "user", json_null());
            json_object_set_new(x, "at", json_null());
            json_array_append_new(arr, x);
        }
        json_object_set_new(o, "versions", arr);
        answer(res, 200, o);
    }
    web_form_record_free(&r);
}

/*
** The diff of versions from and to of form id as JSON (the caller owns
** it), or NULL with the answer set. Shared with the diff page.
*/
void *web_wf_diff(web_server *srv, long long id, int from, int to, web_response *res, int page)
{
    jx_form_list list;
    jx_form *f = web_load_form(srv, id, &list, res, page ? WEB_FACE_PAGE : WEB_FACE_API);
    if (!f) { jx_form_list_free(&list); return NULL; }
    jx_error err;
    jx_error_clear(&err);
    jx_store *store = web_store(srv, &err);
    char *key = jx_form_key(f);
    jx_status rc = JX_OK;
    json_t *a = version_json(store, f, key, from, &err, &rc);
    json_t *b = rc ? NULL : version_json(store, f, key, to, &err, &rc);
    json_t *out = NULL;
    char m[128];
    if (rc) {
        if (page) web_page_error(res, 500, "数据库错误", err.message);
        else error(res, 500, err.message);
    } else if (!a || !b) {
        snprintf(m, sizeof m, "项目 %lld 没有第 %d 版", id, !a ? from : to);
        if (page) web_page_error(res, 404, "找不到版本", m);
        else error(res, 404, m);
    } else {
        out = json_object();
        json_object_set_new(out, "form_id", json_integer(id));
        json_object_set_new(out, "from", json_integer(from));
        json_object_set_new(out, "to", json_integer(to));
        json_t *d = jx_form_json_diff(a, b);
        json_object_update(out, d);
        json_decref(d);
    }
    json_decref(a);
    json_decref(b);
    free(key);
    jx_form_list_free(&list);
    return out;
}

/* from= and to= of a diff request; 0 with a 400 answered when bad. */
static int diff_params(const web_request *req, int *from, int *to, web_response *res, int page)
{
    static const char *const known[] = {"from", "to", NULL};
    const char *unknown = web_param_unknown(req, known);
    *from = parse_version(web_param_get(req, "from"));
    *to = parse_version(web_param_get(req, "to"));
    if (unknown || !*from || !*to) {
        const char *m = "比较两个版本需要 from 和 to 两个版本号（正整数），例如 ?from=1&to=2";
        if (page) web_page_error(res, 400, "请求有误", m);
        else error(res, 400, m);
        return 0;
    }
    return 1;
}

/* ---- dispatch ------------------------------------------------------------------------- */

/* A 405 for a sub-resource that takes other methods. */
static void wrong_method(web_response *res, const char *allow)
{
    res->allow = allow;
    char m[96];
    snprintf(m, sizeof m, "此地址只接受 %s 请求", allow);
    error(res, 405, m);
}

void web_wf_api(web_server *srv, const web_request *req, web_response *res, long long id,
                const char *sub)
{
    int get = !strcmp(req->method, "GET") || !strcmp(req->method, "HEAD");
    int post = !strcmp(req->method, "POST");
    const jx_wf_transition *t;
    if (!*sub) {   /* the form itself: GET is web_api_form's */
        if (!strcmp(req->method, "PUT")) put_form(srv, req, res, id);
        else wrong_method(res, "GET, HEAD, PUT");
        return;
    }
    if (!get && req->nparams) { error(res, 400, "此地址不接受查询参数"); return; }
    if ((t = jx_wf_transition_find(sub + 1))) {
        if (post) transition(srv, req, res, id, t);
        else wrong_method(res, "POST");
    } else if (!strcmp(sub, "/comments")) {
        if (post) add_comment(srv, req, res, id);
        else wrong_method(res, "POST");
    } else if (!strcmp(sub, "/history") || !strcmp(sub, "/versions") || !strncmp(sub, "/versions/", 10) ||
               !strcmp(sub, "/diff")) {
        if (!get) { wrong_method(res, "GET, HEAD"); return; }
        if (!strcmp(sub, "/diff")) {
            int from, to;
            if (!diff_params(req, &from, &to, res, 0)) return;
            json_t *d = web_wf_diff(srv, id, from, to, res, 0);
            if (d) answer(res, 200, d);
            return;
        }
        if (req->nparams) { error(res, 400, "此地址不接受查询参数"); return; }
        if (!strcmp(sub, "/history")) get_history(srv, res, id);
        else get_versions(srv, res, id, sub + 9);
    } else {
        error(res, 404, "没有这个 API 地址");
    }
}

/* POST /api/findings/{FORM-SEQ}/disposition {"decision", "reason"} */
void web_api_finding_post(web_server *srv, const web_request *req, web_response *res)
{
    long long form = 0, seq = -1;
    char *end;
    errno = 0;
    const char *p = req->rest;
    if (*p >= '0' && *p <= '9') form = strtoll(p, &end, 10);
    else end = (char *)p;
    if (form > 0 && *end == '-' && end[1] >= '0' && end[1] <= '9') seq = strtoll(end + 1, &end, 10);
    if (form <= 0 || seq < 0 || errno || strcmp(end, "/disposition")) {
        error(res, 404, "没有这个 API 地址（审核意见的处理：POST /api/findings/{编号}/disposition，编号如 12-0）");
        return;
    }
    if (req->nparams) { error(res, 400, "此地址不接受查询参数"); return; }
    json_t *body = body_object(req, res);
    if (!body) return;
    static const char *const known[] = {"decision", "reason", "rule", NULL};
    const char *decision = NULL, *reason = NULL, *rule_seen = NULL;
    if (!body_keys(body, known, res) || !body_text(body, "decision", &decision, res) ||
        !body_text(body, "reason", &reason, res) || !body_text(body, "rule", &rule_seen, res)) {
        json_decref(body);
        return;
    }
    int d = jx_decision_from_name(decision);
    if (d < 0) {
        error(res, 400, "decision 应为 accept（采纳）或 dismiss（不采纳）");
        json_decref(body);
        return;
    }
    if (d == JX_DECISION_DISMISS && !nonblank(reason)) {
        error(res, 400, "不采纳时必须说明理由（reason）");
        json_decref(body);
        return;
    }
    web_actor actor = web_actor_of(srv, req);
    writer w;
    if (!writer_begin(&w, srv, form, res)) { json_decref(body); return; }
    char *rule = NULL, *place = NULL;
    int scope = 0, found = 0, status, version = 1, ok = 0;
    long long event = 0;
    const char *refused;
    if (jx_store_finding_at(w.store, form, seq, &rule, &place, &scope, &found, &w.err) != JX_OK ||
        jx_wf_status_get(w.store, w.key, &status, &w.err) != JX_OK) {
        error(res, 500, w.err.message);
    } else if (!found) {
        char m[128];
        snprintf(m, sizeof m, "项目 %lld 没有编号为 %lld-%lld 的审核意见", form, form, seq);
        error(res, 404, m);
    } else if (rule_seen && strcmp(rule_seen, rule)) {
        error(res, 409, "审核意见已经变化（项目修改后重新审核），请刷新后重试");
    } else if (scope != 0) {
        error(res, 409, "这是整个部门公开文件的审核意见，不属于单个项目，不能逐项处理");
    } else if ((refused = refuse_actor(&actor, JX_WF_ROLE_REVIEWER | JX_WF_ROLE_ADMIN, w.form))) {
        error(res, 403, refused);
    } else {
        jx_disposition disp = {w.key, rule, place, d, (char *)(reason ? reason : ""), (char *)actor.user, NULL};
        char fid[48];
        snprintf(fid, sizeof fid, "%lld-%lld", form, seq);
        if (jx_store_set_disposition(w.store, &disp, &w.err) != JX_OK ||
            jx_review_regrade(w.store, srv->config, w.form, &w.err) != JX_OK ||
            current_version(w.store, w.key, &version, &w.err) != JX_OK ||
            jx_wf_record(w.store, w.key, form, jx_decision_name(d), status, status, reason, place, actor.user,
                         version, &event, &w.err) != JX_OK ||
            audit(srv, req, "finding.disposition", form, version, version,
                  json_pack("{s:s, s:s, s:s, s:s, s:s}", "finding", fid, "rule", rule, "where", place,
                            "decision", jx_decision_name(d), "reason", reason ? reason : ""),
                  &w.err) != JX_OK)
            error(res, 500, w.err.message);
        else
            ok = 1;
    }
    json_t *out = NULL;
    if (ok) {
        out = json_object();
        char id[48];
        snprintf(id, sizeof id, "%lld-%lld", form, seq);
        json_t *fx = json_object();
        json_object_set_new(fx, "id", json_string(id));
        json_object_set_new(fx, "form_id", json_integer(form));
        json_object_set_new(fx, "rule", json_string(rule));
        json_object_set_new(fx, "where", json_string(place));
        json_object_set_new(out, "finding", fx);
        jx_dispositions ds;
        if (jx_store_dispositions(w.store, w.key, &ds, &w.err) == JX_OK) {
            json_object_set_new(out, "disposition", disposition_json(jx_dispositions_find(&ds, w.key, rule, place)));
            jx_dispositions_free(&ds);
        }
        jx_form_query q = {0};
        q.id = form;
        q.limit = 1;
        jx_briefs b = {0};
        if (jx_store_query_forms(w.store, &q, &b, &w.err) == JX_OK && b.count) {
            json_t *review = json_object();
            json_object_set_new(review, "grade", str_or_null(b.items[0].grade));
            json_object_set_new(review, "score", b.items[0].grade ? json_real(b.items[0].score) : json_null());
            json_object_set_new(out, "review", review);
        }
        jx_briefs_free(&b);
    }
    free(rule), free(place);
    if (writer_end(&w, ok, res)) answer(res, 200, out);
    else json_decref(out);
    json_decref(body);
}
