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
**
** Memory: libxlsxwriter's constant_memory mode, every sheet written row by
** row (the renderer writes a form sheet's rows in order), the forms a batch
** at a time (jx_export_xlsx_store walks the review, lib/review): what stays
** is libxlsxwriter's own per sheet (about 20 KB: its structures and the open
** temporary file each sheet is written to until the workbook is closed), so
** a workbook holds at most JX_XLSX_MAX_FORMS form sheets; more is refused
** before anything is written, naming the count and the filters that narrow it.
*/
#include <errno.h>
#include <malloc.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "jixiao/export.h"
#include "jixiao/fields.h"
#include "jixiao/limits.h"
#include "jixiao/review.h"
#include "jixiao/rules.h"
#include "jixiao/store.h"
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

/* ---------------------------------------------------------------- writer */

static void make_styles(lxw_workbook *wb, styles *st);

/*
** The workbook being written: the summary sheets are filled as the forms
** come (each row by row), a form sheet added per form. names holds every
** sheet name so far (the first three the summary sheets): a form sheet's
** name must differ from all of them, and the 项目汇总 row links to it.
*/
typedef struct xlsx_out {
    lxw_workbook *wb;
    char *tmp;                   /* the temporary file, renamed to path at the end */
    const char *path;
    styles st;
    lxw_worksheet *projects, *indicators, *findings;
    char **names;
    size_t nnames, capnames;
    int ncol, first_added;       /* 项目汇总's columns; where the added fields begin */
    int ind_ncol, find_ncol;
    long long sums[7];
    size_t nforms, nind, nquant, fsum[3];
    size_t irow, frow;           /* next rows of 指标汇总 and 审核意见 */
} xlsx_out;

/* A sheet's rows: 1,048,576 less the header row. */
#define SHEET_DATA_ROWS ((size_t)JX_MAX_SHEET_ROWS - 1)

/*
** Room for a temporary file per sheet (constant_memory mode keeps each open
** until the workbook is closed): the soft limit of open files raised to what
** nsheets need when the hard limit allows it.
*/
static jx_status ensure_files(size_t nsheets, const char *path, jx_error *err)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return JX_OK;
    rlim_t want = (rlim_t)nsheets + 64;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
        rlim_t got = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
        rl.rlim_cur = got;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0 || got < want)
            return jx_error_set(err, JX_EUSAGE, NULL, 0,
                                "cannot write workbook %s: its %zu sheets need %llu open files, the limit is %llu "
                                "(ulimit -n)", path, nsheets, (unsigned long long)want, (unsigned long long)got);
    }
    return JX_OK;
}

/* The form sheets a workbook holds: JX_XLSX_MAX_FORMS, or fewer by JIXIAO_XLSX_MAX_FORMS (tests). */
size_t jx_export_xlsx_max_forms(void)
{
    const char *v = getenv("JIXIAO_XLSX_MAX_FORMS");
    long n = v ? strtol(v, NULL, 10) : 0;
    return n > 0 && n < JX_XLSX_MAX_FORMS ? (size_t)n : JX_XLSX_MAX_FORMS;
}

/* Refuse more than one workbook holds: nforms form sheets (the filters that narrow it named). */
static jx_status check_count(size_t nforms, const char *path, jx_error *err)
{
    size_t max = jx_export_xlsx_max_forms();
    if (nforms <= max) return JX_OK;
    return jx_error_set(err, JX_EUSAGE, NULL, 0,
                        "cannot write workbook %s: %zu forms are more than one workbook holds "
                        "(at most %zu form sheets); narrow it with --year or --unit, "
                        "or export every form with --format csv or json", path, nforms, max);
}

static void projects_head(xlsx_out *o);
static void indicators_head(xlsx_out *o);
static void findings_head(xlsx_out *o);

/* Begin the workbook at a temporary file beside path, for at most nforms form sheets. */
static jx_status xlsx_begin(xlsx_out *o, const char *path, size_t nforms, jx_error *err)
{
    memset(o, 0, sizeof *o);
    o->path = path;
    jx_status rc = check_count(nforms, path, err);
    if (rc == JX_OK) rc = ensure_files(nforms + 3, path, err);
    if (rc) return rc;
    o->tmp = jx_atomic_temp(path, err);
    if (!o->tmp) return JX_ESYS;
#ifdef M_MMAP_THRESHOLD
    /* constant_memory mode callocs a row of 16,384 cell pointers (128 KB) per
       sheet, of which a form sheet touches one page: mapped, the rest is never
       resident. glibc raises its mmap threshold past 128 KB once such a block is
       freed, and then takes them from the heap, zeroed: 128 KB a sheet (measured:
       300 MB for 2,000 form sheets). A fixed threshold keeps them mapped. */
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    o->wb = workbook_new_opt(o->tmp, &opt);
    if (!o->wb) {
        unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        return jx_error_set(err, JX_ESYS, NULL, 0, "cannot create workbook %s", path);
    }
    make_styles(o->wb, &o->st);
    workbook_set_properties(o->wb, &(lxw_doc_properties){.title = "项目支出绩效目标申报表",
                                                          .comments = "exported by jixiao"});
    o->capnames = 64;
    o->names = jx_xcalloc(o->capnames, sizeof *o->names);
    static const char *const summary[3] = {"项目汇总", "指标汇总", "审核意见"};
    for (int i = 0; i < 3; i++) o->names[o->nnames++] = jx_strdup(summary[i]);
    o->projects = workbook_add_worksheet(o->wb, o->names[0]);
    o->indicators = workbook_add_worksheet(o->wb, o->names[1]);
    o->findings = workbook_add_worksheet(o->wb, o->names[2]);
    if (!o->projects || !o->indicators || !o->findings) return jx_error_set(err, JX_ESYS, NULL, 0, "cannot create workbook %s", path);
    projects_head(o);
    indicators_head(o);
    findings_head(o);
    o->irow = o->frow = 1;
    return JX_OK;
}

/* Give up the workbook: nothing is left at path or beside it. */
static void xlsx_abort(xlsx_out *o)
{
    if (o->wb) {
        workbook_close(o->wb);   /* frees it; the file is removed below */
        o->wb = NULL;
    }
    if (o->tmp) unlink(o->tmp);
    free(o->tmp);
    o->tmp = NULL;
    for (size_t i = 0; i < o->nnames; i++) free(o->names[i]);
    free(o->names);
    o->names = NULL;
    o->nnames = 0;
}

static void project_row(xlsx_out *o, const jx_form *f, const size_t cnt[3], const char *sheet);
static void indicator_rows(xlsx_out *o, const jx_form *f);
static void finding_row(xlsx_out *o, const jx_finding *x);

/*
** Add the forms of a batch (their findings in fs: those of other forms are
** skipped; those of no form, the disclosures', taken when with_unattached):
** a 项目汇总 row, the 指标汇总 rows and a sheet each, the findings' rows.
*/
static jx_status xlsx_add(xlsx_out *o, const jx_form *const *forms, size_t n, const jx_findings *fs,
                          int with_unattached, jx_error *err)
{
    /* the batch's finding counts per form and severity (forms in id order, or not: a linear match) */
    size_t (*cnt)[3] = jx_xcalloc(n + 1, sizeof *cnt);
    unsigned char *keep = jx_xcalloc((fs ? fs->count : 0) + 1, 1);
    size_t last = 0;
    for (size_t i = 0; fs && i < fs->count; i++) {
        const jx_finding *x = &fs->items[i];
        if (!x->form_id) { keep[i] = (unsigned char)with_unattached; continue; }
        size_t k = last < n && forms[last]->id == x->form_id ? last : n;
        for (size_t j = 0; k == n && j < n; j++)
            if (forms[j]->id == x->form_id) k = j;
        if (k == n) continue;
        last = k;
        keep[i] = 1;
        cnt[k][x->severity]++;
    }
    jx_status rc = JX_OK;
    for (size_t i = 0; i < n && rc == JX_OK; i++) {
        const jx_form *f = forms[i];
        if ((rc = check_count(o->nforms + 1, o->path, err)) != JX_OK) break;
        if (o->irow + f->nindicators > SHEET_DATA_ROWS + 1) {
            rc = jx_error_set(err, JX_EUSAGE, NULL, 0,
                              "cannot write workbook %s: more than %zu indicators (the rows of a worksheet); "
                              "narrow it with --year or --unit", o->path, SHEET_DATA_ROWS);
            break;
        }
        char want[300], got[128];
        snprintf(want, sizeof want, "%lld %s", f->id ? f->id : (long long)(o->nforms + 1), f->name ? f->name : "");
        jx_xlsx_sheet_name(want, (const char *const *)o->names, o->nnames, got);
        if (o->nnames == o->capnames) {
            o->capnames *= 2;
            o->names = jx_xrealloc(o->names, o->capnames * sizeof *o->names);
        }
        o->names[o->nnames++] = jx_strdup(got);
        project_row(o, f, cnt[i], got);
        indicator_rows(o, f);
        lxw_worksheet *fws = workbook_add_worksheet(o->wb, got);
        if (!fws) { rc = jx_error_set(err, JX_ESYS, NULL, 0, "cannot write workbook %s: sheet %s", o->path, got); break; }
        form_sheet(fws, &o->st.form, f);
    }
    for (size_t i = 0; rc == JX_OK && fs && i < fs->count; i++) {
        if (!keep[i]) continue;
        if (o->frow > SHEET_DATA_ROWS) {
            rc = jx_error_set(err, JX_EUSAGE, NULL, 0,
                              "cannot write workbook %s: more than %zu findings (the rows of a worksheet); "
                              "narrow it with --year or --unit", o->path, SHEET_DATA_ROWS);
            break;
        }
        finding_row(o, &fs->items[i]);
    }
    free(cnt);
    free(keep);
    return rc;
}

static void projects_total(xlsx_out *o);

/* Close the workbook: the 合计 row, the filters; written, then renamed to path. */
static jx_status xlsx_finish(xlsx_out *o, jx_error *err)
{
    projects_total(o);
    size_t ni = o->irow - 1, nf = o->frow - 1;
    worksheet_autofilter(o->indicators, 0, 0, (lxw_row_t)(ni ? ni : 1), (lxw_col_t)(o->ind_ncol - 1));
    worksheet_autofilter(o->findings, 0, 0, (lxw_row_t)(nf ? nf : 1), (lxw_col_t)(o->find_ncol - 1));
    worksheet_activate(o->projects);
    lxw_error le = workbook_close(o->wb);
    o->wb = NULL;
    jx_status status = JX_OK;
    if (le != LXW_NO_ERROR)
        status = jx_error_set(err, JX_ESYS, NULL, 0, "cannot write workbook %s: %s", o->path, lxw_strerror(le));
    else
        status = jx_atomic_place(o->tmp, o->path, err);
    if (le == LXW_NO_ERROR) {   /* placed (or jx_atomic_place removed it) */
        free(o->tmp);
        o->tmp = NULL;
    }
    xlsx_abort(o);
    return status;
}

/* ---------------------------------------------------------- summary sheets */

/*
** A list sheet's header row: ncol heads in the header style with their
** column widths, the row frozen, landscape A4 one page wide. Returns ncol.
*/
static int list_head(xlsx_out *o, lxw_worksheet *ws, const char *const *head, const double *widths, int ncol)
{
    for (int c = 0; c < ncol; c++) {
        put_str(ws, 0, c, head[c], o->st.head);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    }
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);   /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    return ncol;
}

/* 项目汇总's header: the columns, then the fields added to the contract. */
static void projects_head(xlsx_out *o)
{
    static const char *const head[] = {
        "序号", "表单ID", "年度", "申报单位", "主管部门", "项目名称", "项目性质", "项目类别",
        "指标框架", "开始时间", "结束时间", "项目总预算（万元）", "项目当年预算（万元）",
        "上年结转（万元）", "其他资金（万元）", "项目资金总额（万元）",
        "同名项目上年预算额（万元）", "同名项目上年预算执行数（万元）", "指标数", "定量指标数",
        "审核错误", "审核警告", "审核提示", "工作表"};
    static const double widths[] = {6, 8, 7, 28, 22, 34, 16, 14, 14, 12, 12, 14, 14, 12, 12, 14, 14, 14,
                                    8, 10, 8, 8, 8, 30};
    lxw_worksheet *ws = o->projects;
    const styles *st = &o->st;
    int ncol = list_head(o, ws, head, widths, (int)(sizeof head / sizeof *head));
    /* then the fields added to the contract (项目期限, 项目概况 … 备注), by the field table */
    o->first_added = ncol;
    for (int i = 0; i < JX_NFIELDS; i++) {
        if (!jx_field_is_added(&jx_fields[i])) continue;
        put_str(ws, 0, ncol, jx_fields[i].title, st->head);
        worksheet_set_column(ws, (lxw_col_t)ncol, (lxw_col_t)ncol, 24, NULL);
        ncol++;
    }
    o->ncol = ncol;
    worksheet_set_row(ws, 0, 32, NULL);
}

/* 项目汇总: form f's row, its findings per severity cnt, linked to its sheet. */
static void project_row(xlsx_out *o, const jx_form *f, const size_t cnt[3], const char *sheet)
{
    lxw_worksheet *ws = o->projects;
    const styles *st = &o->st;
    int r = (int)++o->nforms;
    worksheet_write_number(ws, (lxw_row_t)r, 0, (double)r, st->cellnum);
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
        if (am[k] != JX_NO_AMOUNT) o->sums[k] += am[k];
    }
    size_t q = 0;
    for (size_t k = 0; k < f->nindicators; k++) q += f->indicators[k].value.kind == JX_KIND_QUANTITATIVE;
    o->nind += f->nindicators;
    o->nquant += q;
    worksheet_write_number(ws, (lxw_row_t)r, 18, (double)f->nindicators, st->cellnum);
    worksheet_write_number(ws, (lxw_row_t)r, 19, (double)q, st->cellnum);
    worksheet_write_number(ws, (lxw_row_t)r, 20, (double)cnt[JX_SEV_ERROR], st->cellnum);
    worksheet_write_number(ws, (lxw_row_t)r, 21, (double)cnt[JX_SEV_WARNING], st->cellnum);
    worksheet_write_number(ws, (lxw_row_t)r, 22, (double)cnt[JX_SEV_INFO], st->cellnum);
    for (int s = 0; s < 3; s++) o->fsum[s] += cnt[s];
    char url[300];
    snprintf(url, sizeof url, "internal:'%s'!A1", sheet);
    if (worksheet_write_url(ws, (lxw_row_t)r, 23, url, st->cell) == LXW_NO_ERROR)
        worksheet_write_string(ws, (lxw_row_t)r, 23, sheet, st->cell);
    for (int k = 0, c = o->first_added; k < JX_NFIELDS; k++) {
        char buf[64];
        if (jx_field_is_added(&jx_fields[k]))
            put_str(ws, r, c++, jx_field_format(f, &jx_fields[k], buf, sizeof buf), st->cell);
    }
}

/* 项目汇总's 合计 row and filter. */
static void projects_total(xlsx_out *o)
{
    lxw_worksheet *ws = o->projects;
    const styles *st = &o->st;
    int r = (int)o->nforms + 1;
    /* before the 合计 row: constant_memory mode ignores a filter over rows already passed */
    if (o->nforms) worksheet_autofilter(ws, 0, 0, (lxw_row_t)o->nforms, (lxw_col_t)(o->ncol - 1));
    put_str(ws, r, 0, "合计", st->total);
    for (int c = 1; c < 11; c++) put_str(ws, r, c, NULL, st->total);
    for (int k = 0; k < 7; k++) worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)(11 + k), wan(o->sums[k]), st->totalmoney);
    worksheet_write_number(ws, (lxw_row_t)r, 18, (double)o->nind, st->total);
    worksheet_write_number(ws, (lxw_row_t)r, 19, (double)o->nquant, st->total);
    worksheet_write_number(ws, (lxw_row_t)r, 20, (double)o->fsum[JX_SEV_ERROR], st->total);
    worksheet_write_number(ws, (lxw_row_t)r, 21, (double)o->fsum[JX_SEV_WARNING], st->total);
    worksheet_write_number(ws, (lxw_row_t)r, 22, (double)o->fsum[JX_SEV_INFO], st->total);
    for (int c = 23; c < o->ncol; c++) put_str(ws, r, c, NULL, st->total);
}

/* 指标汇总's header. */
static void indicators_head(xlsx_out *o)
{
    static const char *const head[] = {
        "序号", "表单ID", "年度", "申报单位", "项目名称", "一级指标", "二级指标", "三级指标", "指标值",
        "国家分类", "定量/定性", "运算符", "数值", "上限", "单位", "源行号"};
    static const double widths[] = {6, 8, 7, 26, 30, 14, 16, 30, 28, 9, 9, 7, 12, 12, 10, 8};
    lxw_worksheet *ws = o->indicators;
    o->ind_ncol = list_head(o, ws, head, widths, (int)(sizeof head / sizeof *head));
}

/* 指标汇总: one row per indicator of f with its form's key columns. */
static void indicator_rows(xlsx_out *o, const jx_form *f)
{
    lxw_worksheet *ws = o->indicators;
    const styles *st = &o->st;
    for (size_t k = 0; k < f->nindicators; k++) {
        const jx_indicator *ind = &f->indicators[k];
        int r = (int)o->irow++;
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

/* 审核意见's header. */
static void findings_head(xlsx_out *o)
{
    static const char *const head[] = {"序号", "表单ID", "项目名称", "申报单位", "严重程度", "维度",
                                       "规则", "位置", "源文件", "源行号", "审核意见", "依据", "修改建议"};
    static const double widths[] = {6, 8, 28, 24, 8, 8, 20, 24, 22, 8, 50, 40, 30};
    lxw_worksheet *ws = o->findings;
    o->find_ncol = list_head(o, ws, head, widths, (int)(sizeof head / sizeof *head));
}

/* 审核意见: the row of finding x. */
static void finding_row(xlsx_out *o, const jx_finding *x)
{
    lxw_worksheet *ws = o->findings;
    const styles *st = &o->st;
    lxw_row_t r = (lxw_row_t)o->frow++;
    worksheet_write_number(ws, r, 0, (double)r, st->cellnum);
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

/* Write the workbook of forms and findings to a temporary file, then rename it to path. */
jx_status jx_export_xlsx(const jx_form_list *forms, const jx_findings *findings,
                         const char *path, jx_error *err)
{
    xlsx_out o;
    jx_status rc = xlsx_begin(&o, path, forms->count, err);
    if (rc == JX_OK) rc = xlsx_add(&o, (const jx_form *const *)forms->items, forms->count, findings, 1, err);
    if (rc == JX_OK) return xlsx_finish(&o, err);
    xlsx_abort(&o);
    return rc;
}

/* 1 when form f passes filter (year, substring of the unit), as jx_store_load's filter. */
static int form_matches(const jx_form *f, const jx_filter *flt)
{
    if (flt->year && f->year != flt->year) return 0;
    if (flt->unit && flt->unit[0] && (!f->unit || !strstr(f->unit, flt->unit))) return 0;
    return 1;
}

/* Forms per batch of the cursor (jx_export_xlsx_store). */
#define XLSX_BATCH 256

/* Position of the form with id among forms[0..n) (in id order), n when none. */
static size_t form_index(const jx_form *const *forms, size_t n, long long id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (forms[mid]->id < id) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && forms[lo]->id == id ? lo : n;
}

/*
** The stored findings of forms[0..n) (id order; all of ids from..to when
** with_unattached, those of no form too) as the review's findings, pointing
** into rows and forms: dimension and grounds are the rule's (as the web's).
*/
static jx_status stored_findings(jx_store *store, const jx_form *const *forms, size_t n, int with_unattached,
                                 jx_finding_rows *rows, jx_findings *out, jx_error *err)
{
    memset(out, 0, sizeof *out);
    jx_finding_query q = {0};
    q.severity = -1;
    q.limit = -1;
    q.form_from = with_unattached || !n ? 0 : forms[0]->id;
    q.form_to = n ? forms[n - 1]->id : 0;
    jx_status rc = jx_store_query_findings(store, &q, rows, err);
    if (rc) return rc;
    out->items = jx_xcalloc(rows->count + 1, sizeof *out->items);
    for (size_t i = 0; i < rows->count; i++) {
        const jx_finding_row *r = &rows->items[i];
        size_t k = r->form_id ? form_index(forms, n, r->form_id) : n;
        if (r->form_id && k == n) continue;   /* a form the filter leaves out */
        out->items[out->count++] = jx_finding_of_row(r, k < n ? forms[k] : NULL);
    }
    out->cap = out->count;
    return JX_OK;
}

/*
** The start both store workbooks share: *flt the filter (none when NULL),
** *filtered whether it leaves forms out, the read transaction begun unless
** the caller holds one (*own 1: the caller ends it with jx_store_end_read
** whatever the status), and o begun for the number of matching forms (the
** workbook's cap is checked before anything is read).
*/
static jx_status xlsx_open_filtered(jx_store *store, const jx_filter *filter, const char *path, xlsx_out *o,
                                    jx_filter *flt, int *filtered, int *own, jx_error *err)
{
    *flt = filter ? *filter : (jx_filter){0};
    *filtered = flt->year || (flt->unit && flt->unit[0]);
    memset(o, 0, sizeof *o);
    *own = !jx_store_in_transaction(store);
    jx_status rc = *own ? jx_store_begin_read(store, err) : JX_OK;
    if (rc) {
        *own = 0;
        return rc;
    }
    jx_briefs count = {0};
    rc = jx_store_query_forms(store, &(jx_form_query){.year = flt->year, .unit = flt->unit, .limit = 0}, &count,
                              err);
    size_t total = (size_t)count.total;
    jx_briefs_free(&count);
    return rc == JX_OK ? xlsx_begin(o, path, total, err) : rc;
}

/*
** The workbook of the stored forms matching filter (the cursor reads only
** them) with the stored review (the caller has made it current), a batch
** of forms and their findings at a time.
*/
jx_status jx_export_xlsx_store(jx_store *store, const jx_filter *filter, const char *path, jx_error *err)
{
    jx_filter flt;
    int filtered, own;
    xlsx_out o;
    jx_status rc = xlsx_open_filtered(store, filter, path, &o, &flt, &filtered, &own, err);
    jx_store_cursor *cur = NULL;
    if (rc == JX_OK) rc = jx_store_cursor_open(store, &flt, XLSX_BATCH, &cur, err);
    jx_form_list batch = {0};
    int first = 1;
    while (rc == JX_OK) {
        int continues;
        if ((rc = jx_store_cursor_next(cur, &batch, &continues, err)) != JX_OK || !batch.count) break;
        jx_finding_rows rows = {0};
        jx_findings fs = {0};
        rc = stored_findings(store, (const jx_form *const *)batch.items, batch.count, first && !filtered, &rows, &fs, err);
        if (rc == JX_OK) rc = xlsx_add(&o, (const jx_form *const *)batch.items, batch.count, &fs, 1, err);
        free(fs.items);
        jx_finding_rows_free(&rows);
        first = 0;
    }
    jx_form_list_free(&batch);
    jx_store_cursor_close(cur);
    if (rc == JX_OK && first && !filtered) {   /* no form: the findings of what belongs to none */
        jx_finding_rows rows = {0};
        jx_findings fs = {0};
        rc = stored_findings(store, NULL, 0, 1, &rows, &fs, err);
        if (rc == JX_OK) rc = xlsx_add(&o, NULL, 0, &fs, 1, err);
        free(fs.items);
        jx_finding_rows_free(&rows);
    }
    if (own) jx_store_end_read(store);
    if (rc == JX_OK) return xlsx_finish(&o, err);
    xlsx_abort(&o);
    return rc;
}

/* What xlsx_walk_batch adds to: the workbook, the filter and its room for a batch's chosen forms. */
typedef struct xlsx_walk {
    xlsx_out o;
    jx_filter flt;
    int filtered;
    const jx_form **chosen;
    size_t cap;
} xlsx_walk;

/* One batch of the walk added: its forms the filter keeps, its findings (all of them unless filtered). */
static jx_status xlsx_walk_batch(void *ctx, const jx_form_list *batch, int unattached, const jx_findings *fs,
                                 jx_error *err)
{
    (void)unattached;
    xlsx_walk *w = ctx;
    if (batch->count + 1 > w->cap) {
        w->cap = batch->count + 1;
        w->chosen = jx_xrealloc(w->chosen, w->cap * sizeof *w->chosen);
    }
    size_t n = 0;
    for (size_t i = 0; i < batch->count; i++)
        if (form_matches(batch->items[i], &w->flt)) w->chosen[n++] = batch->items[i];
    return xlsx_add(&w->o, w->chosen, n, fs, !w->filtered, err);
}

/*
** The workbook of the stored forms matching filter, under the review of
** configuration c walked batch by batch (jx_review_walk: the findings of
** every form, the cross-form rules included, as jx_review of them all).
*/
jx_status jx_export_xlsx_walk(jx_store *store, const jx_review_config *c, const jx_filter *filter,
                              const char *path, jx_error *err)
{
    xlsx_walk w = {0};
    int own;
    jx_status rc = xlsx_open_filtered(store, filter, path, &w.o, &w.flt, &w.filtered, &own, err);
    if (rc == JX_OK) rc = jx_review_walk_each(store, c, xlsx_walk_batch, &w, err);
    free(w.chosen);
    xlsx_out o = w.o;
    if (own) jx_store_end_read(store);
    if (rc == JX_OK) return xlsx_finish(&o, err);
    xlsx_abort(&o);
    return rc;
}
