/*
** opinion.c - the 审核意见书 of a form (see opinion.h): one model, four
** writers. The model (build) takes the form's own findings (scope form) in
** the order jx_review leaves them and groups them by review dimension; the
** score is the grade's: 100 minus the configured penalty per finding.
**
** Register: the letter a finance office sends a budget unit (…项目绩效目标
** 审核意见), impersonal and formal: 经审核, 存在以下问题, 请据此修改完善.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/fields.h"
#include "jixiao/opinion.h"
#include "jixiao/util.h"
#include "render.h"

#define NDIM 4

typedef struct op_model {
    const jx_form *f;
    const jx_finding **items[NDIM];   /* per dimension, borrowed */
    size_t n[NDIM];
    size_t counts[3];                 /* per severity */
    double score;
    const char *grade;
    const jx_review_config *c;
} op_model;

/* Ordinals of the dimensions present, in order (a letter numbers what it lists). */
static const char *const dim_ordinal[NDIM] = {"（一）", "（二）", "（三）", "（四）"};
static const char *const dim_gloss[NDIM] = {
    "绩效目标是否完整、明确，指标是否齐全",
    "绩效目标与部门职能、项目内容和资金是否相关",
    "绩效指标与资金是否匹配，目标值是否适当",
    "绩效目标是否经过充分论证、测算，是否切实可行",
};

/* The form's own findings, grouped by dimension, and its grade. */
static void build(op_model *m, const jx_review_config *c, const jx_form *f, const jx_findings *all)
{
    memset(m, 0, sizeof *m);
    m->f = f;
    m->c = c;
    for (int d = 0; d < NDIM; d++) m->items[d] = jx_xcalloc(all->count ? all->count : 1, sizeof **m->items);
    for (size_t i = 0; i < all->count; i++) {
        const jx_finding *x = &all->items[i];
        if (x->form_id != f->id || x->scope != JX_SCOPE_FORM) continue;
        m->items[x->dimension][m->n[x->dimension]++] = x;
        m->counts[x->severity]++;
    }
    m->grade = jx_review_grade(c, all, f->id, &m->score);
}

static void release(op_model *m)
{
    for (int d = 0; d < NDIM; d++) free(m->items[d]);
}

static const char *or_dash(const char *s) { return s && *s ? s : "—"; }

static const char *sev_zh(jx_severity s)
{
    return s == JX_SEV_ERROR ? "须修改" : s == JX_SEV_WARNING ? "须修改" : "供参考";
}

/* "7,138.72万元" or "—". */
static void wan(long long fen, char *buf, size_t size)
{
    if (fen == JX_NO_AMOUNT) { snprintf(buf, size, "—"); return; }
    char w[48];
    jx_money_format_wan(fen, w, sizeof w);
    snprintf(buf, size, "%s万元", w);
}

/* The place of a finding in words: the indicator path or field, and the line. */
static void place_of(const jx_finding *x, char *buf, size_t size)
{
    static const struct { const char *field, *zh; } fields[] = {
        {"goal", "年度绩效目标"}, {"name", "项目名称"}, {"unit", "申报单位"},
        {"components", "项目资金构成"}, {"indicators", "绩效指标表"}, {"budget.total", "年度资金总额"},
        {"budget.year", "当年财政拨款"}, {"budget.prev_exec", "上年预算执行"}, {NULL, NULL}};
    const char *w = x->where && *x->where ? x->where : "表头";
    for (size_t i = 0; fields[i].field; i++)
        if (!strcmp(w, fields[i].field)) { w = fields[i].zh; break; }
    const jx_field_def *d = jx_field_by_json(w);   /* 项目概况, 立项依据 … by the field table */
    if (d && d->title) w = d->title;
    unsigned from, to;
    if (sscanf(w, "indicators[%u-%u]", &from, &to) == 2) {
        snprintf(buf, size, "绩效指标第%u—%u项（第%ld行起）", from, to, x->line);
        return;
    }
    if (jx_starts_with(w, "narrative.")) {
        snprintf(buf, size, "经费情况说明「%s」（第%ld行）", w + strlen("narrative."), x->line);
        return;
    }
    snprintf(buf, size, "%s（第%ld行）", w, x->line);
}

/* How the score was reached, one sentence. */
static void scoring(const op_model *m, char *buf, size_t size)
{
    snprintf(buf, size,
             "满分100分，每项错误扣%g分、警告扣%g分、提示不扣分；本项目错误%zu项、警告%zu项、提示%zu项，"
             "得%.0f分。%g分及以上为优，%g分及以上为良，%g分及以上为中，其余为差。",
             m->c->penalty[JX_SEV_ERROR], m->c->penalty[JX_SEV_WARNING], m->counts[JX_SEV_ERROR],
             m->counts[JX_SEV_WARNING], m->counts[JX_SEV_INFO], m->score, m->c->grade_min[0],
             m->c->grade_min[1], m->c->grade_min[2]);
}

static size_t total(const op_model *m) { return m->counts[0] + m->counts[1] + m->counts[2]; }

/* ------------------------------------------------------------------ text */

char *jx_opinion_text(const jx_review_config *c, const jx_form *f, const jx_findings *all)
{
    op_model m;
    build(&m, c, f, all);
    jx_buf b = {0};
    char a[64], y[64], p[64], line[1024];
    jx_buf_printf(&b, "“%s”项目绩效目标审核意见\n", or_dash(f->name));
    if (f->year) jx_buf_printf(&b, "（%d年度）\n", f->year);
    jx_buf_printf(&b, "\n%s：\n", or_dash(f->unit));
    jx_buf_printf(&b, "    你单位报送的“%s”项目绩效目标（%s第%ld行）已收悉。经审核，现将审核意见反馈如下。\n\n",
                  or_dash(f->name), f->file ? f->file : "", f->line);
    jx_buf_puts(&b, "一、项目基本情况\n");
    jx_buf_printf(&b, "    申报单位：%s；主管部门：%s。\n", or_dash(f->unit), or_dash(f->department));
    wan(f->budget.total, a, sizeof a);
    wan(f->budget.year, y, sizeof y);
    wan(f->budget.project_total, p, sizeof p);
    jx_buf_printf(&b, "    年度资金总额%s，其中当年财政拨款%s；项目资金总额%s。绩效指标%zu项。\n", a, y, p,
                  f->nindicators);
    jx_buf_puts(&b, "\n二、审核结论\n");
    scoring(&m, line, sizeof line);
    jx_buf_printf(&b, "    审核等级建议为“%s”（%.0f分）。%s\n", m.grade, m.score, line);
    jx_buf_puts(&b, "\n三、存在的问题及修改意见\n");
    if (!total(&m)) jx_buf_puts(&b, "    经审核，未发现需要修改的问题。\n");
    for (int d = 0, k = 0; d < NDIM; d++) {
        if (!m.n[d]) continue;
        jx_buf_printf(&b, "%s%s（%s）\n", dim_ordinal[k++], jx_dimension_name((jx_dimension)d), dim_gloss[d]);
        for (size_t i = 0; i < m.n[d]; i++) {
            const jx_finding *x = m.items[d][i];
            place_of(x, line, sizeof line);
            jx_buf_printf(&b, "    %zu. 【%s】%s：%s。\n", i + 1, sev_zh(x->severity), line, x->message);
            jx_buf_printf(&b, "       依据：%s。\n", x->reason);
            if (x->suggestion) jx_buf_printf(&b, "       建议：%s。\n", x->suggestion);
        }
    }
    jx_buf_puts(&b, "\n四、有关要求\n");
    jx_buf_puts(&b, total(&m) ? "    请对照上述意见修改完善绩效目标，标注“须修改”的问题应逐项修改，标注“供参考”的请结合实际研究完善，修改后按程序重新报送。\n"
                              : "    请按程序做好绩效运行监控和绩效自评工作。\n");
    release(&m);
    return jx_buf_take(&b);
}

/* ------------------------------------------------------------------ JSON */

static json_t *yuan(long long fen)
{
    return fen == JX_NO_AMOUNT ? json_null() : json_real(jx_money_yuan(fen));
}

static json_t *str(const char *s) { return s ? json_string(s) : json_null(); }

void *jx_opinion_json(const jx_review_config *c, const jx_form *f, const jx_findings *all)
{
    op_model m;
    build(&m, c, f, all);
    json_t *o = json_object();
    json_object_set_new(o, "version", json_integer(1));
    json_object_set_new(o, "form_id", json_integer(f->id));
    json_object_set_new(o, "source", json_pack("{s:o, s:I}", "file", str(f->file), "line", (json_int_t)f->line));
    json_object_set_new(o, "year", f->year ? json_integer(f->year) : json_null());
    json_object_set_new(o, "unit", str(f->unit));
    json_object_set_new(o, "department", str(f->department));
    json_object_set_new(o, "project", str(f->name));
    json_object_set_new(o, "amounts", json_pack("{s:o, s:o, s:o}", "total", yuan(f->budget.total), "year",
                                                yuan(f->budget.year), "project_total",
                                                yuan(f->budget.project_total)));
    json_object_set_new(o, "grade", json_string(m.grade));
    json_object_set_new(o, "score", json_real(m.score));
    char how[1024];
    scoring(&m, how, sizeof how);
    json_object_set_new(o, "scoring", json_pack("{s:{s:f, s:f, s:f}, s:{s:I, s:I, s:I}, s:s}", "penalty", "error",
                                                c->penalty[JX_SEV_ERROR], "warning", c->penalty[JX_SEV_WARNING],
                                                "info", c->penalty[JX_SEV_INFO], "counts", "error",
                                                (json_int_t)m.counts[JX_SEV_ERROR], "warning",
                                                (json_int_t)m.counts[JX_SEV_WARNING], "info",
                                                (json_int_t)m.counts[JX_SEV_INFO], "how", how));
    json_t *dims = json_array();
    for (int d = 0; d < NDIM; d++) {
        json_t *probs = json_array();
        for (size_t i = 0; i < m.n[d]; i++) {
            const jx_finding *x = m.items[d][i];
            char pl[1024];
            place_of(x, pl, sizeof pl);
            json_t *p = json_object();
            json_object_set_new(p, "rule", json_string(x->rule));
            json_object_set_new(p, "severity", json_string(jx_severity_name(x->severity)));
            json_object_set_new(p, "line", json_integer(x->line));
            json_object_set_new(p, "where", str(x->where));
            json_object_set_new(p, "place", json_string(pl));
            json_object_set_new(p, "reason", str(x->message));
            json_object_set_new(p, "grounds", str(x->reason));
            json_object_set_new(p, "suggestion", str(x->suggestion));
            json_array_append_new(probs, p);
        }
        json_array_append_new(dims, json_pack("{s:s, s:o}", "dimension", jx_dimension_name((jx_dimension)d),
                                              "problems", probs));
    }
    json_object_set_new(o, "dimensions", dims);
    release(&m);
    return o;
}

/* ------------------------------------------------------------------ HTML */

/* Append s HTML-escaped. */
static void esc(jx_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': jx_buf_puts(b, "&amp;"); break;
        case '<': jx_buf_puts(b, "&lt;"); break;
        case '>': jx_buf_puts(b, "&gt;"); break;
        case '"': jx_buf_puts(b, "&quot;"); break;
        case '\'': jx_buf_puts(b, "&#39;"); break;
        default: jx_buf_putc(b, *s);
        }
    }
}

void jx_opinion_html(const jx_review_config *c, const jx_form *f, const jx_findings *all, jx_buf *b)
{
    op_model m;
    build(&m, c, f, all);
    char a[64], y[64], p[64], line[1024];
    jx_buf_puts(b, "<article class=\"opinion\"><h1>“");
    esc(b, or_dash(f->name));
    jx_buf_puts(b, "”项目绩效目标审核意见</h1>");
    if (f->year) jx_buf_printf(b, "<p class=\"opinion-year\">（%d年度）</p>", f->year);
    jx_buf_puts(b, "<p class=\"opinion-to\">");
    esc(b, or_dash(f->unit));
    jx_buf_puts(b, "：</p><p class=\"opinion-para\">你单位报送的“");
    esc(b, or_dash(f->name));
    jx_buf_puts(b, "”项目绩效目标（");
    esc(b, f->file);
    jx_buf_printf(b, "第%ld行）已收悉。经审核，现将审核意见反馈如下。</p>", f->line);
    jx_buf_puts(b, "<h2>一、项目基本情况</h2><table class=\"opinion-facts\"><tr><th>申报单位</th><td>");
    esc(b, or_dash(f->unit));
    jx_buf_puts(b, "</td><th>主管部门</th><td>");
    esc(b, or_dash(f->department));
    wan(f->budget.total, a, sizeof a);
    wan(f->budget.year, y, sizeof y);
    wan(f->budget.project_total, p, sizeof p);
    jx_buf_printf(b, "</td></tr><tr><th>年度资金总额</th><td>%s</td><th>当年财政拨款</th><td>%s</td></tr>"
                     "<tr><th>项目资金总额</th><td>%s</td><th>绩效指标</th><td>%zu项</td></tr></table>",
                  a, y, p, f->nindicators);
    scoring(&m, line, sizeof line);
    jx_buf_printf(b, "<h2>二、审核结论</h2><p class=\"opinion-para\">审核等级建议为<strong class=\"grade\">“%s”（%.0f分）</strong>。",
                  m.grade, m.score);
    esc(b, line);
    jx_buf_puts(b, "</p><h2>三、存在的问题及修改意见</h2>");
    if (!total(&m)) jx_buf_puts(b, "<p class=\"opinion-para\">经审核，未发现需要修改的问题。</p>");
    for (int d = 0, k = 0; d < NDIM; d++) {
        if (!m.n[d]) continue;
        jx_buf_printf(b, "<h3>%s%s（%s）</h3><table class=\"opinion-problems\"><thead><tr><th>序号</th><th>位置</th>"
                         "<th>问题</th><th>依据</th><th>修改建议</th></tr></thead><tbody>",
                      dim_ordinal[k++], jx_dimension_name((jx_dimension)d), dim_gloss[d]);
        for (size_t i = 0; i < m.n[d]; i++) {
            const jx_finding *x = m.items[d][i];
            place_of(x, line, sizeof line);
            jx_buf_printf(b, "<tr class=\"sev-%s\"><td>%zu</td><td>", jx_severity_name(x->severity), i + 1);
            esc(b, line);
            jx_buf_printf(b, "</td><td><span class=\"sev\">%s</span> ", sev_zh(x->severity));
            esc(b, x->message);
            jx_buf_puts(b, "</td><td>");
            esc(b, x->reason);
            jx_buf_puts(b, "</td><td>");
            esc(b, x->suggestion ? x->suggestion : "—");
            jx_buf_puts(b, "</td></tr>");
        }
        jx_buf_puts(b, "</tbody></table>");
    }
    jx_buf_puts(b, "<h2>四、有关要求</h2><p class=\"opinion-para\">");
    jx_buf_puts(b, total(&m) ? "请对照上述意见修改完善绩效目标，标注“须修改”的问题应逐项修改，标注“供参考”的请结合实际研究完善，修改后按程序重新报送。"
                             : "请按程序做好绩效运行监控和绩效自评工作。");
    jx_buf_puts(b, "</p></article>");
    release(&m);
}

/* ------------------------------------------------------------------ DOCX */

/* Append a row to g (5 columns); returns its index. */
static int add_row(jx_grid *g)
{
    if (g->nrows == g->caprows) {
        g->caprows = g->caprows ? g->caprows * 2 : 32;
        g->cells = jx_xrealloc(g->cells, (size_t)g->caprows * (size_t)g->ncols * sizeof *g->cells);
        g->flags = jx_xrealloc(g->flags, (size_t)g->caprows * sizeof *g->flags);
    }
    int r = g->nrows++;
    for (int c = 0; c < g->ncols; c++) *jx_grid_at(g, r, c) = (jx_rcell){NULL, JX_NO_AMOUNT, 1, 1, JX_RS_TEXT};
    g->flags[r] = 0;
    return r;
}

static void cell(jx_grid *g, int r, int c, const char *text, jx_rstyle style, int span)
{
    jx_rcell *x = jx_grid_at(g, r, c);
    x->text = text && *text ? jx_strdup(text) : NULL;
    x->style = style;
    x->colspan = span;
    for (int k = c + 1; k < c + span; k++) jx_grid_at(g, r, k)->rowspan = jx_grid_at(g, r, k)->colspan = 0;
}

/* A row of one cell across the table. */
static void wide(jx_grid *g, const char *text, jx_rstyle style)
{
    cell(g, add_row(g), 0, text, style, g->ncols);
}

/* The opinion as a grid for the Word writer: title paragraphs, then one table. */
static void opinion_grid(const op_model *m, jx_grid *g)
{
    const jx_form *f = m->f;
    memset(g, 0, sizeof *g);
    g->ncols = 5;
    g->widths = jx_xcalloc(5, sizeof *g->widths);
    const double w[5] = {6, 22, 40, 30, 30};
    memcpy(g->widths, w, sizeof w);
    g->money_wan = 1;
    char t[2048], a[64], y[64], p[64];
    snprintf(t, sizeof t, "“%s”项目绩效目标审核意见", or_dash(f->name));
    wide(g, t, JX_RS_TITLE);
    if (f->year) { snprintf(t, sizeof t, "（%d年度）", f->year); wide(g, t, JX_RS_SUBTITLE); }
    snprintf(t, sizeof t, "%s：你单位报送的“%s”项目绩效目标（%s第%ld行）已收悉。经审核，现将审核意见反馈如下。",
             or_dash(f->unit), or_dash(f->name), f->file ? f->file : "", f->line);
    wide(g, t, JX_RS_TEXT);
    wide(g, "一、项目基本情况", JX_RS_HEAD);
    int r = add_row(g);
    cell(g, r, 0, "申报单位", JX_RS_LABEL, 2);
    cell(g, r, 2, or_dash(f->unit), JX_RS_TEXT, 1);
    cell(g, r, 3, "主管部门", JX_RS_LABEL, 1);
    cell(g, r, 4, or_dash(f->department), JX_RS_TEXT, 1);
    wan(f->budget.total, a, sizeof a);
    wan(f->budget.year, y, sizeof y);
    wan(f->budget.project_total, p, sizeof p);
    r = add_row(g);
    cell(g, r, 0, "年度资金总额", JX_RS_LABEL, 2);
    cell(g, r, 2, a, JX_RS_TEXT, 1);
    cell(g, r, 3, "当年财政拨款", JX_RS_LABEL, 1);
    cell(g, r, 4, y, JX_RS_TEXT, 1);
    wide(g, "二、审核结论", JX_RS_HEAD);
    char how[1024];
    scoring(m, how, sizeof how);
    snprintf(t, sizeof t, "审核等级建议为“%s”（%.0f分）。%s", m->grade, m->score, how);
    wide(g, t, JX_RS_TEXT);
    wide(g, "三、存在的问题及修改意见", JX_RS_HEAD);
    if (!total(m)) wide(g, "经审核，未发现需要修改的问题。", JX_RS_TEXT);
    for (int d = 0, k = 0; d < NDIM; d++) {
        if (!m->n[d]) continue;
        snprintf(t, sizeof t, "%s%s（%s）", dim_ordinal[k++], jx_dimension_name((jx_dimension)d), dim_gloss[d]);
        wide(g, t, JX_RS_LABEL);
        r = add_row(g);
        static const char *const head[5] = {"序号", "位置", "问题", "依据", "修改建议"};
        for (int c = 0; c < 5; c++) cell(g, r, c, head[c], JX_RS_HEAD, 1);
        for (size_t i = 0; i < m->n[d]; i++) {
            const jx_finding *x = m->items[d][i];
            char num[24], pl[1024];
            snprintf(num, sizeof num, "%zu", i + 1);
            place_of(x, pl, sizeof pl);
            snprintf(t, sizeof t, "【%s】%s", sev_zh(x->severity), x->message);
            r = add_row(g);
            cell(g, r, 0, num, JX_RS_TEXT, 1);
            cell(g, r, 1, pl, JX_RS_TEXT, 1);
            cell(g, r, 2, t, JX_RS_TEXT, 1);
            cell(g, r, 3, x->reason, JX_RS_TEXT, 1);
            cell(g, r, 4, x->suggestion ? x->suggestion : "—", JX_RS_TEXT, 1);
        }
    }
    wide(g, "四、有关要求", JX_RS_HEAD);
    wide(g, total(m) ? "请对照上述意见修改完善绩效目标，标注“须修改”的问题应逐项修改，标注“供参考”的请结合实际研究完善，修改后按程序重新报送。"
                     : "请按程序做好绩效运行监控和绩效自评工作。",
         JX_RS_TEXT);
}

jx_status jx_opinion_docx(const jx_review_config *c, const jx_form *const *forms, size_t n,
                          const jx_findings *all, const char *path, jx_error *err)
{
    jx_docx_opinions *d;
    jx_status st = jx_opinion_docx_begin(&d, err);
    if (st) return st;
    for (size_t i = 0; i < n; i++) jx_opinion_docx_add(d, c, forms[i], all);
    return jx_opinion_docx_end(d, path, err);
}

/* The document being written: the renderer's stream (one grid at a time). */
struct jx_docx_opinions {
    jx_docx_stream *doc;
};

jx_status jx_opinion_docx_begin(jx_docx_opinions **out, jx_error *err)
{
    *out = NULL;
    jx_docx_stream *doc;
    jx_status st = jx_render_docx_begin(&doc, err);
    if (st) return st;
    *out = jx_xcalloc(1, sizeof **out);
    (*out)->doc = doc;
    return JX_OK;
}

void jx_opinion_docx_add(jx_docx_opinions *d, const jx_review_config *c, const jx_form *f, const jx_findings *all)
{
    op_model m;
    jx_grid g;
    build(&m, c, f, all);
    opinion_grid(&m, &g);
    release(&m);
    jx_render_docx_add(d->doc, &g);
    jx_grid_free(&g);
}

jx_status jx_opinion_docx_end(jx_docx_opinions *d, const char *path, jx_error *err)
{
    jx_docx_stream *doc = d->doc;
    free(d);
    return jx_render_docx_place(doc, path, err);
}

void jx_opinion_docx_abort(jx_docx_opinions *d)
{
    if (!d) return;
    jx_render_docx_abort(d->doc);
    free(d);
}
