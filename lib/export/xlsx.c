/*
** xlsx.c - the forms as an Excel workbook (libxlsxwriter).
**
** Sheets: 项目汇总 (one row per form, a 合计 row), 指标汇总 (one row per
** indicator with its form's key columns, autofilter), 审核意见 (the review
** findings) and one sheet per form laid out like the official 申报表. The
** form sheet is the renderer's block (lib/render/: jx_render_block, written
** by jx_render_xlsx_sheet), the same description the DOCX export and the
** text layouts use: title, year, header block (label | value | label |
** value), amounts as numbers in 万元 (exact to the fen), the component
** table, the annual goal, and the indicator tree 一级指标 | 二级指标 | 三级指标
** | 指标值 with merged level-1 and level-2 cells; A4 portrait, one page wide.
** It reads back (read/xlsx.c + jx_parse_forms) as the same forms.
**
** The workbook is written to a temporary file beside the target, fsync'd and
** renamed into place.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "jixiao/export.h"
#include "jixiao/fields.h"
#include "jixiao/rules.h"
#include "text.h"
#include "jixiao/util.h"
#include "render.h"

typedef struct styles {
    lxw_format *head, *cell, *cellnum, *cellmoney, *total, *totalmoney;
    jx_render_formats form;   /* the form sheets' formats, owned by the renderer */
} styles;

/* ------------------------------------------------------------ sheet names */

/* Byte length of the first max characters of s. */
static size_t utf8_prefix(const char *s, size_t max)
{
    size_t i = 0, n = 0;
    while (s[i]) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (n == max) break;
            n++;
        }
        i++;
    }
    return i;
}

/* 1 when name equals one of used, ignoring ASCII case. */
static int name_used(const char *name, const char *const *used, size_t nused)
{
    for (size_t i = 0; i < nused; i++)
        if (strcasecmp(name, used[i]) == 0) return 1;
    return 0;
}

/* A valid, unique worksheet name made from wanted. */
void jx_xlsx_sheet_name(const char *wanted, const char *const *used, size_t nused,
                        char out[128])
{
    char clean[128];
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)(wanted ? wanted : "");
    while (*p) {
        size_t len = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
        if (n + len >= sizeof clean) break;
        if (len == 1 && (strchr("[]:*?/\\", *p) || *p < 0x20)) { clean[n++] = '_'; p++; continue; }
        for (size_t k = 0; k < len && *p; k++) clean[n++] = (char)*p++;
    }
    clean[n] = '\0';
    char *s = clean;
    while (*s == '\'') s++;
    size_t len = strlen(s);
    while (len && s[len - 1] == '\'') s[--len] = '\0';
    if (!*s) s = "Sheet";
    for (int k = 1; k < 10000; k++) {
        char suffix[16] = "";
        if (k > 1) snprintf(suffix, sizeof suffix, "(%d)", k);
        size_t room = 31 - strlen(suffix);
        size_t bytes = utf8_prefix(s, room);
        snprintf(out, 128, "%.*s%s", (int)bytes, s, suffix);
        /* A cut may leave a trailing apostrophe. */
        size_t m = strlen(out) - strlen(suffix);
        while (m && out[m - 1] == '\'') {
            memmove(out + m - 1, out + m, strlen(out + m) + 1);
            m--;
        }
        if (!name_used(out, used, nused)) return;
    }
}

/* ---------------------------------------------------------------- helpers */

/* Amount in fen as 万元 (exact to six decimals as a double). */
static double wan(long long fen)
{
    return jx_money_in(fen, 10000);
}

/* Write a string, or a blank formatted cell for NULL. */
static void put_str(lxw_worksheet *ws, int r, int c, const char *s, lxw_format *f)
{
    if (s && s[0]) worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s, f);
    else worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)c, f);
}

/* Write an amount in 万元, blank when absent. */
static void put_wan(lxw_worksheet *ws, int r, int c, long long fen, lxw_format *f)
{
    if (fen == JX_NO_AMOUNT) worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)c, f);
    else worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, wan(fen), f);
}

static const char *kind_zh(const jx_indicator *ind)
{
    return ind->value.kind == JX_KIND_QUANTITATIVE ? "定量" : "定性";
}

/* ------------------------------------------------------------ form sheet */

/* One form in the official 申报表 layout: the renderer's block (render.h). */
static void form_sheet(lxw_worksheet *ws, const jx_render_formats *fm, const jx_form *f)
{
    jx_grid g;
    jx_render_block(f, 1, &g);
    jx_render_xlsx_sheet(ws, fm, &g);
    jx_grid_free(&g);
}

/* ---------------------------------------------------------- summary sheets */

/* Counts of findings per severity for one form. */
static void form_findings(const jx_findings *fs, long long id, size_t counts[3])
{
    counts[0] = counts[1] = counts[2] = 0;
    for (size_t i = 0; fs && i < fs->count; i++)
        if (fs->items[i].form_id == id) counts[fs->items[i].severity]++;
}

/* 项目汇总: one row per form and a 合计 row. */
static void projects_sheet(lxw_worksheet *ws, const styles *st, const jx_form_list *forms,
                           const jx_findings *fs, char **names)
{
    static const char *const head[] = {
        "序号", "表单ID", "年度", "申报单位", "主管部门", "项目名称", "项目性质", "项目类别",
        "指标框架", "开始时间", "结束时间", "项目总预算（万元）", "项目当年预算（万元）",
        "上年结转（万元）", "其他资金（万元）", "项目资金总额（万元）",
        "同名项目上年预算额（万元）", "同名项目上年预算执行数（万元）", "指标数", "定量指标数",
        "审核错误", "审核警告", "审核提示", "工作表"};
    static const double widths[] = {6, 8, 7, 28, 22, 34, 16, 14, 14, 12, 12, 14, 14, 12, 12, 14, 14, 14,
                                    8, 10, 8, 8, 8, 30};
    int ncol = (int)(sizeof head / sizeof *head);
    for (int c = 0; c < ncol; c++) {
        put_str(ws, 0, c, head[c], st->head);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    }
    /* then the fields added to the contract (项目期限, 项目概况 … 备注), by the field table */
    int first_added = ncol;
    for (int i = 0; i < JX_NFIELDS; i++) {
        if (!jx_field_is_added(&jx_fields[i])) continue;
        put_str(ws, 0, ncol, jx_fields[i].title, st->head);
        worksheet_set_column(ws, (lxw_col_t)ncol, (lxw_col_t)ncol, 24, NULL);
        ncol++;
    }
    worksheet_set_row(ws, 0, 32, NULL);
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    long long sums[7] = {0};
    size_t nind = 0, nquant = 0, fsum[3] = {0, 0, 0};
    int r = 1;
    for (size_t i = 0; i < forms->count; i++, r++) {
        const jx_form *f = forms->items[i];
        worksheet_write_number(ws, (lxw_row_t)r, 0, (double)(i + 1), st->cellnum);
        worksheet_write_number(ws, (lxw_row_t)r, 1, (double)f->id, st->cellnum);
        if (f->year) worksheet_write_number(ws, (lxw_row_t)r, 2, f->year, st->cellnum);
        else put_str(ws, r, 2, NULL, st->cell);
        put_str(ws, r, 3, f->unit, st->cell);
        put_str(ws, r, 4, f->department, st->cell);
        put_str(ws, r, 5, f->name, st->cell);
        put_str(ws, r, 6, f->nature, st->cell);
        put_str(ws, r, 7, f->category, st->cell);
        put_str(ws, r, 8, f->framework, st->cell);
        put_str(ws, r, 9, f->period_start, st->cell);
        put_str(ws, r, 10, f->period_end, st->cell);
        const long long am[7] = {f->budget.total, f->budget.year, f->budget.carryover, f->budget.other,
                                 f->budget.project_total, f->budget.prev_budget, f->budget.prev_exec};
        for (int k = 0; k < 7; k++) {
            put_wan(ws, r, 11 + k, am[k], st->cellmoney);
            if (am[k] != JX_NO_AMOUNT) sums[k] += am[k];
        }
        size_t q = 0;
        for (size_t k = 0; k < f->nindicators; k++) q += f->indicators[k].value.kind == JX_KIND_QUANTITATIVE;
        nind += f->nindicators;
        nquant += q;
        worksheet_write_number(ws, (lxw_row_t)r, 18, (double)f->nindicators, st->cellnum);
        worksheet_write_number(ws, (lxw_row_t)r, 19, (double)q, st->cellnum);
        size_t cnt[3];
        form_findings(fs, f->id, cnt);
        worksheet_write_number(ws, (lxw_row_t)r, 20, (double)cnt[JX_SEV_ERROR], st->cellnum);
        worksheet_write_number(ws, (lxw_row_t)r, 21, (double)cnt[JX_SEV_WARNING], st->cellnum);
        worksheet_write_number(ws, (lxw_row_t)r, 22, (double)cnt[JX_SEV_INFO], st->cellnum);
        for (int s = 0; s < 3; s++) fsum[s] += cnt[s];
        char url[300];
        snprintf(url, sizeof url, "internal:'%s'!A1", names[i]);
        if (worksheet_write_url(ws, (lxw_row_t)r, 23, url, st->cell) == LXW_NO_ERROR)
            worksheet_write_string(ws, (lxw_row_t)r, 23, names[i], st->cell);
        for (int k = 0, c = first_added; k < JX_NFIELDS; k++) {
            char buf[64];
            if (jx_field_is_added(&jx_fields[k]))
                put_str(ws, r, c++, jx_field_format(f, &jx_fields[k], buf, sizeof buf), st->cell);
        }
    }
    put_str(ws, r, 0, "合计", st->total);
    for (int c = 1; c < 11; c++) put_str(ws, r, c, NULL, st->total);
    for (int k = 0; k < 7; k++) worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)(11 + k), wan(sums[k]), st->totalmoney);
    worksheet_write_number(ws, (lxw_row_t)r, 18, (double)nind, st->total);
    worksheet_write_number(ws, (lxw_row_t)r, 19, (double)nquant, st->total);
    worksheet_write_number(ws, (lxw_row_t)r, 20, (double)fsum[JX_SEV_ERROR], st->total);
    worksheet_write_number(ws, (lxw_row_t)r, 21, (double)fsum[JX_SEV_WARNING], st->total);
    worksheet_write_number(ws, (lxw_row_t)r, 22, (double)fsum[JX_SEV_INFO], st->total);
    for (int c = 23; c < ncol; c++) put_str(ws, r, c, NULL, st->total);
    if (forms->count) worksheet_autofilter(ws, 0, 0, (lxw_row_t)forms->count, (lxw_col_t)(ncol - 1));
}

/* 指标汇总: one row per indicator with its form's key columns, filterable. */
static void indicators_sheet(lxw_worksheet *ws, const styles *st, const jx_form_list *forms)
{
    static const char *const head[] = {
        "序号", "表单ID", "年度", "申报单位", "项目名称", "一级指标", "二级指标", "三级指标", "指标值",
        "国家分类", "定量/定性", "运算符", "数值", "上限", "单位", "源行号"};
    static const double widths[] = {6, 8, 7, 26, 30, 14, 16, 30, 28, 9, 9, 7, 12, 12, 10, 8};
    int ncol = (int)(sizeof head / sizeof *head);
    for (int c = 0; c < ncol; c++) {
        put_str(ws, 0, c, head[c], st->head);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    }
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    int r = 1;
    for (size_t i = 0; i < forms->count; i++) {
        const jx_form *f = forms->items[i];
        for (size_t k = 0; k < f->nindicators; k++, r++) {
            const jx_indicator *ind = &f->indicators[k];
            worksheet_write_number(ws, (lxw_row_t)r, 0, (double)r, st->cellnum);
            worksheet_write_number(ws, (lxw_row_t)r, 1, (double)f->id, st->cellnum);
            if (f->year) worksheet_write_number(ws, (lxw_row_t)r, 2, f->year, st->cellnum);
            else put_str(ws, r, 2, NULL, st->cell);
            put_str(ws, r, 3, f->unit, st->cell);
            put_str(ws, r, 4, f->name, st->cell);
            put_str(ws, r, 5, ind->level1, st->cell);
            put_str(ws, r, 6, ind->level2, st->cell);
            put_str(ws, r, 7, ind->name, st->cell);
            put_str(ws, r, 8, ind->target, st->cell);
            put_str(ws, r, 9, ind->category, st->cell);
            put_str(ws, r, 10, kind_zh(ind), st->cell);
            put_str(ws, r, 11, jx_op_name(ind->value.op), st->cell);
            if (ind->value.kind == JX_KIND_QUANTITATIVE) {
                worksheet_write_number(ws, (lxw_row_t)r, 12, ind->value.value, st->cellnum);
                if (ind->value.op == JX_OP_RANGE)
                    worksheet_write_number(ws, (lxw_row_t)r, 13, ind->value.value_max, st->cellnum);
                else put_str(ws, r, 13, NULL, st->cell);
            } else {
                put_str(ws, r, 12, NULL, st->cell);
                put_str(ws, r, 13, NULL, st->cell);
            }
            put_str(ws, r, 14, ind->value.unit, st->cell);
            worksheet_write_number(ws, (lxw_row_t)r, 15, (double)ind->line, st->cellnum);
        }
    }
    worksheet_autofilter(ws, 0, 0, (lxw_row_t)(r > 1 ? r - 1 : 1), (lxw_col_t)(ncol - 1));
}

/* 审核意见: the findings of the review. */
static void findings_sheet(lxw_worksheet *ws, const styles *st, const jx_findings *fs)
{
    static const char *const head[] = {"序号", "表单ID", "项目名称", "申报单位", "严重程度", "维度",
                                       "规则", "位置", "源文件", "源行号", "审核意见", "依据", "修改建议"};
    static const double widths[] = {6, 8, 28, 24, 8, 8, 20, 24, 22, 8, 50, 40, 30};
    int ncol = (int)(sizeof head / sizeof *head);
    for (int c = 0; c < ncol; c++) {
        put_str(ws, 0, c, head[c], st->head);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    }
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    size_t n = fs ? fs->count : 0;
    for (size_t i = 0; i < n; i++) {
        const jx_finding *x = &fs->items[i];
        lxw_row_t r = (lxw_row_t)(i + 1);
        worksheet_write_number(ws, r, 0, (double)(i + 1), st->cellnum);
        worksheet_write_number(ws, r, 1, (double)x->form_id, st->cellnum);
        put_str(ws, (int)r, 2, x->form ? x->form->name : NULL, st->cell);
        put_str(ws, (int)r, 3, x->form ? x->form->unit : NULL, st->cell);
        put_str(ws, (int)r, 4, jx_severity_label(x->severity), st->cell);
        put_str(ws, (int)r, 5, jx_dimension_name(x->dimension), st->cell);
        put_str(ws, (int)r, 6, x->rule, st->cell);
        put_str(ws, (int)r, 7, jx_field_label(x->where), st->cell);
        put_str(ws, (int)r, 8, x->form ? x->form->file : NULL, st->cell);
        worksheet_write_number(ws, r, 9, (double)x->line, st->cellnum);
        put_str(ws, (int)r, 10, x->message, st->cell);
        put_str(ws, (int)r, 11, x->reason, st->cell);
        put_str(ws, (int)r, 12, x->suggestion, st->cell);
    }
    worksheet_autofilter(ws, 0, 0, (lxw_row_t)(n ? n : 1), (lxw_col_t)(ncol - 1));
}

/* -------------------------------------------------------------- workbook */

/* The formats of the summary sheets, and the renderer's for the form sheets. */
static void make_styles(lxw_workbook *wb, styles *st)
{
    lxw_format **all[] = {&st->head, &st->cell, &st->cellnum, &st->cellmoney, &st->total,
                          &st->totalmoney};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        *all[i] = workbook_add_format(wb);
        format_set_font_name(*all[i], "宋体");
        format_set_font_size(*all[i], 10.5);
        format_set_align(*all[i], LXW_ALIGN_VERTICAL_CENTER);
        format_set_border(*all[i], LXW_BORDER_THIN);
        format_set_text_wrap(*all[i]);
    }
    format_set_bold(st->head);
    format_set_align(st->head, LXW_ALIGN_CENTER);
    format_set_bg_color(st->head, 0xDDEBF7);
    format_set_num_format(st->cellmoney, "#,##0.00");
    format_set_bold(st->total);
    format_set_bold(st->totalmoney);
    format_set_num_format(st->totalmoney, "#,##0.00");
    jx_render_xlsx_formats(wb, &st->form);
}

/* Write the workbook to a temporary file, then rename it to path. */
jx_status jx_export_xlsx(const jx_form_list *forms, const jx_findings *findings,
                         const char *path, jx_error *err)
{
    char *tmp = jx_atomic_temp(path, err);
    if (!tmp) return JX_ESYS;
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    lxw_workbook *wb = workbook_new_opt(tmp, &opt);
    if (!wb) {
        unlink(tmp);
        free(tmp);
        return jx_error_set(err, JX_ESYS, NULL, 0, "cannot create workbook %s", path);
    }
    styles st;
    make_styles(wb, &st);
    workbook_set_properties(wb, &(lxw_doc_properties){.title = "项目支出绩效目标申报表",
                                                       .comments = "exported by jixiao"});
    /* Names: the summary sheets, then one per form ("<id> <project name>"). */
    size_t nnames = forms->count + 3;
    char **names = jx_xcalloc(nnames, sizeof *names);
    names[0] = jx_strdup("项目汇总");
    names[1] = jx_strdup("指标汇总");
    names[2] = jx_strdup("审核意见");
    for (size_t i = 0; i < forms->count; i++) {
        const jx_form *f = forms->items[i];
        char want[300], got[128];
        snprintf(want, sizeof want, "%lld %s", f->id ? f->id : (long long)(i + 1), f->name ? f->name : "");
        jx_xlsx_sheet_name(want, (const char *const *)names, 3 + i, got);
        names[3 + i] = jx_strdup(got);
    }
    lxw_worksheet *ws = workbook_add_worksheet(wb, names[0]);
    projects_sheet(ws, &st, forms, findings, names + 3);
    indicators_sheet(workbook_add_worksheet(wb, names[1]), &st, forms);
    findings_sheet(workbook_add_worksheet(wb, names[2]), &st, findings);
    for (size_t i = 0; i < forms->count; i++) {
        lxw_worksheet *fws = workbook_add_worksheet(wb, names[3 + i]);
        if (fws) form_sheet(fws, &st.form, forms->items[i]);
    }
    worksheet_activate(ws);
    lxw_error le = workbook_close(wb);
    jx_status status = JX_OK;
    if (le != LXW_NO_ERROR)
        status = jx_error_set(err, JX_ESYS, NULL, 0, "cannot write workbook %s: %s", path,
                              lxw_strerror(le));
    else
        status = jx_atomic_place(tmp, path, err);
    if (le != LXW_NO_ERROR) unlink(tmp);
    for (size_t i = 0; i < nnames; i++) free(names[i]);
    free(names);
    free(tmp);
    return status;
}
