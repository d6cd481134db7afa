/*
** export.c - self-evaluations and monitoring reports written out: a CSV of
** every indicator beside its declared target (UTF-8 with BOM, CRLF, RFC 4180
** quoting, as the form exports), and a workbook (自评汇总 with one row per
** evaluation, then each evaluation's official table from the evaluation
** grid, the same grid the tests read back). Both atomic: a temporary file
** renamed into place. The evaluations must be linked and scored.
*/
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "evaluate.h"
#include "jixiao/money.h"
#include "jixiao/util.h"

/* One CSV field, quoted when it holds a comma, a quote or a line break. */
static void field(jx_buf *b, const char *s, int last)
{
    if (!s) s = "";
    if (strpbrk(s, ",\"\r\n")) {
        jx_buf_putc(b, '"');
        for (; *s; s++) {
            if (*s == '"') jx_buf_putc(b, '"');
            jx_buf_putc(b, *s);
        }
        jx_buf_putc(b, '"');
    } else {
        jx_buf_puts(b, s);
    }
    jx_buf_puts(b, last ? "\r\n" : ",");
}

static const char *num(jx_num n, char *buf, size_t size)
{
    if (!n.has) return "";
    snprintf(buf, size, "%.2f", n.v);
    return buf;
}

/* The header row (after the BOM) of the CSV. */
static void csv_head(jx_buf *out)
{
    static const char *const head[] = {"编号", "类型", "年度", "项目名称", "实施单位", "申报表编号", "行",
                                       "一级指标", "二级指标", "三级指标", "申报的目标值", "目标值",
                                       "实际完成值", "偏离度（%）", "分值", "得分", "复核得分",
                                       "偏差原因", "完成目标可能性", "经费保障", "制度保障",
                                       "人员保障", "硬件条件保障", "其他", NULL};
    /* the categories of 偏差原因 follow the columns of before (additive) */
    static_assert(JX_CAUSE_COUNT == 5, "one CSV column per category");
    jx_buf_puts(out, "\xEF\xBB\xBF");
    for (int i = 0; head[i]; i++) field(out, head[i], !head[i + 1]);
}

void jx_evaluations_csv(const jx_form_list *list, jx_buf *out)
{
    csv_head(out);
    jx_evaluations_csv_rows(list, out);
}

void jx_evaluations_csv_rows(const jx_form_list *list, jx_buf *out)
{
    for (size_t i = 0; i < list->nevaluations; i++) {
        const jx_evaluation *e = list->evaluations[i];
        for (size_t k = 0; k < e->nindicators; k++) {
            const jx_eval_indicator *x = &e->indicators[k];
            const jx_indicator *d = e->form && x->declared >= 0 ? &e->form->indicators[x->declared] : NULL;
            char a[32], b[32], c[32], g[32], y[16], id[24], fid[24], line[24], dev[32];
            snprintf(id, sizeof id, "%lld", e->id);
            snprintf(y, sizeof y, "%d", e->year);
            snprintf(fid, sizeof fid, "%lld", e->form_id);
            snprintf(line, sizeof line, "%ld", x->line);
            snprintf(dev, sizeof dev, "%.2f", x->deviation);
            snprintf(g, sizeof g, "%.2f", x->recomputed);
            field(out, id, 0);
            field(out, jx_eval_kind_label(e->kind), 0);
            field(out, e->year ? y : "", 0);
            field(out, e->name, 0);
            field(out, e->unit, 0);
            field(out, e->form_id ? fid : "", 0);
            field(out, line, 0);
            field(out, x->level1, 0);
            field(out, x->level2, 0);
            field(out, x->name, 0);
            field(out, d ? d->target : "", 0);
            field(out, x->target, 0);
            field(out, x->actual, 0);
            field(out, x->has_deviation ? dev : "", 0);
            field(out, num(x->marks, a, sizeof a), 0);
            field(out, num(x->score, b, sizeof b), 0);
            field(out, e->kind == JX_EVAL_SELF ? g : "", 0);
            (void)c;
            field(out, x->reason, 0);
            field(out, x->possibility, 0);
            for (int k = 0; k < JX_CAUSE_COUNT; k++) field(out, x->causes[k], k == JX_CAUSE_COUNT - 1);
        }
    }
}

jx_status jx_evaluations_xlsx(const jx_form_list *list, const char *path, jx_error *err)
{
    char *tmp = jx_atomic_temp(path, err);
    if (!tmp) return JX_ESYS;
    lxw_workbook *wb = workbook_new(tmp);
    if (!wb) {
        unlink(tmp);
        free(tmp);
        return jx_error_set(err, JX_ESYS, NULL, 0, "cannot write %s", path);
    }
    jx_render_formats fm;
    jx_render_xlsx_formats(wb, &fm);
    lxw_worksheet *sum = workbook_add_worksheet(wb, "自评汇总");
    static const char *const head[] = {"编号", "类型", "年度", "项目名称", "实施单位", "申报表编号",
                                       "单位自评总分", "单位自评等级", "复核总分", "复核等级", NULL};
    for (int c = 0; head[c]; c++) worksheet_write_string(sum, 0, (lxw_col_t)c, head[c], fm.head);
    worksheet_set_column(sum, 3, 4, 30, NULL);
    for (size_t i = 0; i < list->nevaluations; i++) {
        const jx_evaluation *e = list->evaluations[i];
        lxw_row_t r = (lxw_row_t)(i + 1);
        worksheet_write_number(sum, r, 0, (double)e->id, NULL);
        worksheet_write_string(sum, r, 1, jx_eval_kind_label(e->kind), NULL);
        if (e->year) worksheet_write_number(sum, r, 2, e->year, NULL);
        worksheet_write_string(sum, r, 3, e->name ? e->name : "", NULL);
        worksheet_write_string(sum, r, 4, e->unit ? e->unit : "", NULL);
        if (e->form_id) worksheet_write_number(sum, r, 5, (double)e->form_id, NULL);
        if (e->total_score.has) worksheet_write_number(sum, r, 6, e->total_score.v, NULL);
        if (e->unit_grade) worksheet_write_string(sum, r, 7, e->unit_grade, NULL);
        if (e->kind == JX_EVAL_SELF) {
            worksheet_write_number(sum, r, 8, e->recomputed_total, NULL);
            worksheet_write_string(sum, r, 9, e->grade, NULL);
        }
        char name[32];
        snprintf(name, sizeof name, "%s%lld", e->kind == JX_EVAL_SELF ? "自评" : "监控", e->id);
        jx_grid g;
        jx_render_evaluation(e, &g);
        jx_render_xlsx_sheet(workbook_add_worksheet(wb, name), &fm, &g);
        jx_grid_free(&g);
    }
    lxw_error rc = workbook_close(wb);
    jx_status st = JX_OK;
    if (rc != LXW_NO_ERROR) {
        unlink(tmp);
        st = jx_error_set(err, JX_ESYS, NULL, 0, "cannot write %s: %s", path, lxw_strerror(rc));
    } else {
        st = jx_atomic_place(tmp, path, err);
    }
    free(tmp);
    return st;
}

jx_status jx_evaluations_docx(const jx_form_list *list, const char *path, jx_error *err)
{
    size_t n = list->nevaluations;
    jx_grid *grids = jx_xmalloc((n ? n : 1) * sizeof *grids);
    const jx_grid **ptrs = jx_xmalloc((n ? n : 1) * sizeof *ptrs);
    for (size_t i = 0; i < n; i++) {
        jx_render_evaluation(list->evaluations[i], &grids[i]);
        ptrs[i] = &grids[i];
    }
    jx_buf out = {0};
    jx_status st = jx_render_docx(ptrs, n, &out, err);
    if (st == JX_OK) st = jx_write_file_atomic(path, out.data, out.len, err);
    jx_buf_free(&out);
    for (size_t i = 0; i < n; i++) jx_grid_free(&grids[i]);
    free(grids);
    free(ptrs);
    return st;
}
