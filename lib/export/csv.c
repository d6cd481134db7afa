/*
** csv.c - the forms as three CSV files: forms.csv, indicators.csv,
** findings.csv.
**
** For Excel users first: UTF-8 with a BOM (so Excel reads Chinese), CRLF
** line ends, RFC 4180 quoting (a field holding a comma, quote, CR or LF is
** quoted, quotes doubled). Amounts are yuan with two decimals, exact from
** the fen held in the model; a missing amount is an empty field. Text is
** written as the form wrote it. Each file goes through jx_write_file_atomic.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jixiao/export.h"
#include "jixiao/fields.h"
#include "jixiao/review.h"
#include "jixiao/store.h"
#include "jixiao/rules.h"
#include "jixiao/util.h"

/* Append one field, quoted when RFC 4180 requires it. NULL is empty. */
static void field(jx_buf *b, const char *s, int first)
{
    if (!first) jx_buf_putc(b, ',');
    if (!s) return;
    if (!strpbrk(s, ",\"\r\n")) { jx_buf_puts(b, s); return; }
    jx_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"') jx_buf_putc(b, '"');
        jx_buf_putc(b, *s);
    }
    jx_buf_putc(b, '"');
}

/* An integer field. */
static void field_long(jx_buf *b, long long v)
{
    char s[32];
    snprintf(s, sizeof s, "%lld", v);
    field(b, s, 0);
}

/* An amount in fen as yuan with two decimals; empty when absent. */
static void field_yuan(jx_buf *b, long long fen)
{
    if (fen == JX_NO_AMOUNT) { field(b, NULL, 0); return; }
    char s[40];
    unsigned long long a = fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;
    snprintf(s, sizeof s, "%s%llu.%02llu", fen < 0 ? "-" : "", a / 100, a % 100);
    field(b, s, 0);
}

/* A double with up to 15 significant digits. */
static void field_num(jx_buf *b, double v)
{
    char s[40];
    snprintf(s, sizeof s, "%.15g", v);
    field(b, s, 0);
}

/* RFC 4180 record separator. */
static void end_row(jx_buf *b)
{
    jx_buf_puts(b, "\r\n");
}

/* A header row from a NULL-terminated list. */
static void header(jx_buf *b, const char *const *cols)
{
    jx_buf_puts(b, "\xEF\xBB\xBF");
    for (size_t i = 0; cols[i]; i++) field(b, cols[i], i == 0);
    end_row(b);
}

static const char *const forms_cols[] = {
    "表单ID", "源文件", "源行号", "年度", "项目名称", "申报单位", "主管部门", "项目性质",
    "项目类别", "指标框架", "开始时间", "结束时间", "项目总预算（元）", "项目当年预算（元）",
    "上年结转（元）", "其他资金（元）", "项目资金总额（元）", "同名项目上年预算额（元）",
    "同名项目上年预算执行数（元）", "年度绩效目标", "指标数", "定量指标数", NULL};
static const char *const indicators_cols[] = {
    "表单ID", "年度", "申报单位", "项目名称", "一级指标", "二级指标", "三级指标", "指标值",
    "国家分类", "定量/定性", "运算符", "数值", "上限", "单位", "源文件", "源行号", NULL};
static const char *const findings_cols[] = {"表单ID", "项目名称", "规则", "严重程度", "维度", "源文件",
                                            "源行号", "位置", "审核意见", "依据", "修改建议", NULL};

/* The forms.csv row of a form. */
static void form_row(jx_buf *b, const jx_form *f)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", f->id);
    field(b, num, 1);
    field(b, f->file, 0);
    field_long(b, f->line);
    if (f->year) field_long(b, f->year); else field(b, NULL, 0);
    field(b, f->name, 0);
    field(b, f->unit, 0);
    field(b, f->department, 0);
    field(b, f->nature, 0);
    field(b, f->category, 0);
    field(b, f->framework, 0);
    field(b, f->period_start, 0);
    field(b, f->period_end, 0);
    field_yuan(b, f->budget.total);
    field_yuan(b, f->budget.year);
    field_yuan(b, f->budget.carryover);
    field_yuan(b, f->budget.other);
    field_yuan(b, f->budget.project_total);
    field_yuan(b, f->budget.prev_budget);
    field_yuan(b, f->budget.prev_exec);
    field(b, f->goal, 0);
    size_t q = 0;
    for (size_t k = 0; k < f->nindicators; k++) q += f->indicators[k].value.kind == JX_KIND_QUANTITATIVE;
    field_long(b, (long long)f->nindicators);
    field_long(b, (long long)q);
    for (int k = 0; k < JX_NFIELDS; k++) {   /* the fields added to the contract, table order */
        char buf[64];
        if (jx_field_is_added(&jx_fields[k]))
            field(b, jx_field_format(f, &jx_fields[k], buf, sizeof buf), 0);
    }
    end_row(b);
}

/* The forms.csv header: the columns above, then the fields added to the contract (field table order). */
static void forms_header(jx_buf *b)
{
    jx_buf_puts(b, "\xEF\xBB\xBF");
    for (size_t i = 0; forms_cols[i]; i++) field(b, forms_cols[i], i == 0);
    for (int i = 0; i < JX_NFIELDS; i++)
        if (jx_field_is_added(&jx_fields[i])) field(b, jx_fields[i].title, 0);
    end_row(b);
}

/* The indicators.csv rows of a form: one per indicator with the form's key columns. */
static void indicator_rows(jx_buf *b, const jx_form *f)
{
    for (size_t k = 0; k < f->nindicators; k++) {
        const jx_indicator *ind = &f->indicators[k];
        char num[32];
        snprintf(num, sizeof num, "%lld", f->id);
        field(b, num, 1);
        if (f->year) field_long(b, f->year); else field(b, NULL, 0);
        field(b, f->unit, 0);
        field(b, f->name, 0);
        field(b, ind->level1, 0);
        field(b, ind->level2, 0);
        field(b, ind->name, 0);
        field(b, ind->target, 0);
        field(b, ind->category, 0);
        field(b, ind->value.kind == JX_KIND_QUANTITATIVE ? "定量" : "定性", 0);
        field(b, jx_op_name(ind->value.op), 0);
        if (ind->value.kind == JX_KIND_QUANTITATIVE) {
            field_num(b, ind->value.value);
            if (ind->value.op == JX_OP_RANGE) field_num(b, ind->value.value_max);
            else field(b, NULL, 0);
        } else {
            field(b, NULL, 0);
            field(b, NULL, 0);
        }
        field(b, ind->value.unit[0] ? ind->value.unit : NULL, 0);
        field(b, f->file, 0);
        field_long(b, ind->line);
        end_row(b);
    }
}

/* The findings.csv row of a finding (stored or in memory, as a row). */
static void finding_row(jx_buf *b, const jx_finding_row *x)
{
    const jx_rule *r = jx_rule_find(x->rule);
    char num[32];
    snprintf(num, sizeof num, "%lld", x->form_id);
    field(b, num, 1);
    field(b, x->form_name, 0);
    field(b, x->rule, 0);
    field(b, jx_severity_label((jx_severity)x->severity), 0);
    field(b, r ? jx_dimension_name(r->dimension) : NULL, 0);
    field(b, x->file, 0);
    field_long(b, x->line);
    field(b, jx_field_label(x->where), 0);
    field(b, x->message, 0);
    field(b, r ? r->reason : NULL, 0);
    field(b, x->suggestion, 0);
    end_row(b);
}

/* forms.csv: one row per form (malloc'd; *len its size). */
static char *forms_csv(const jx_form_list *forms, size_t *len)
{
    jx_buf b = {0};
    forms_header(&b);
    for (size_t i = 0; i < forms->count; i++) form_row(&b, forms->items[i]);
    *len = b.len;
    return jx_buf_take(&b);
}

/* indicators.csv (malloc'd). */
static char *indicators_csv(const jx_form_list *forms, size_t *len)
{
    jx_buf b = {0};
    header(&b, indicators_cols);
    for (size_t i = 0; i < forms->count; i++) indicator_rows(&b, forms->items[i]);
    *len = b.len;
    return jx_buf_take(&b);
}

/* The findings.csv row of a finding of a review in memory. */
static void memory_finding_row(jx_buf *b, const jx_finding *x)
{
    jx_finding_row r;
    memset(&r, 0, sizeof r);
    r.form_id = x->form_id;
    r.form_name = x->form ? x->form->name : NULL;
    r.file = x->form ? x->form->file : NULL;
    r.rule = (char *)x->rule;
    r.severity = (int)x->severity;
    r.line = x->line;
    r.where = x->where;
    r.message = x->message;
    r.suggestion = x->suggestion;
    finding_row(b, &r);
}

/* findings.csv: one row per review finding (malloc'd). */
static char *findings_csv(const jx_findings *fs, size_t *len)
{
    jx_buf b = {0};
    header(&b, findings_cols);
    for (size_t i = 0; fs && i < fs->count; i++) memory_finding_row(&b, &fs->items[i]);
    *len = b.len;
    return jx_buf_take(&b);
}

/* Write and empty b to out; 0 on a write error. */
static int flush_buf(jx_buf *b, FILE *out)
{
    int ok = !b->len || fwrite(b->data, 1, b->len, out) == b->len;
    b->len = 0;
    return ok;
}

/* Forms per batch of the cursor. */
#define CSV_BATCH 256
/* Findings per page of the stored review. */
#define CSV_PAGE 2000

jx_status jx_export_csv_table(struct jx_store *store, const char *table, FILE *out, jx_error *err)
{
    int which = !strcmp(table, "forms") ? 0 : !strcmp(table, "indicators") ? 1
                : !strcmp(table, "findings") ? 2 : -1;
    if (which < 0) return jx_error_set(err, JX_EUSAGE, NULL, 0, "no CSV table '%s'", table);
    const char *const *cols[3] = {forms_cols, indicators_cols, findings_cols};
    jx_buf b = {0};
    if (which == 0) forms_header(&b);
    else header(&b, cols[which]);
    int ok = flush_buf(&b, out);
    jx_status rc = JX_OK;
    if (which < 2) {
        jx_store_cursor *cur;
        if ((rc = jx_store_cursor_open(store, &(jx_filter){0}, CSV_BATCH, &cur, err))) goto done;
        jx_form_list batch = {0};
        int cont;
        while (ok && (rc = jx_store_cursor_next(cur, &batch, &cont, err)) == JX_OK && batch.count) {
            for (size_t i = 0; i < batch.count && ok; i++) {
                if (which == 0) form_row(&b, batch.items[i]);
                else indicator_rows(&b, batch.items[i]);
                ok = flush_buf(&b, out);
            }
        }
        jx_form_list_free(&batch);
        jx_store_cursor_close(cur);
    } else {
        /* Pages of the stored findings in one snapshot. */
        int own = !jx_store_in_transaction(store);
        if (own && (rc = jx_store_begin_read(store, err))) goto done;
        for (long long off = 0; ok && rc == JX_OK;) {
            jx_finding_query q = {0};
            q.severity = -1;
            q.offset = off;
            q.limit = CSV_PAGE;
            jx_finding_rows rows;
            if ((rc = jx_store_query_findings(store, &q, &rows, err))) break;
            for (size_t i = 0; i < rows.count && ok; i++) {
                finding_row(&b, &rows.items[i]);
                ok = flush_buf(&b, out);
            }
            size_t got = rows.count;
            jx_finding_rows_free(&rows);
            if (got < CSV_PAGE) break;
            off += (long long)got;
        }
        if (own) jx_store_end_read(store);
    }
done:
    jx_buf_free(&b);
    if (rc == JX_OK && (!ok || ferror(out))) rc = jx_error_set(err, JX_ESYS, NULL, 0, "cannot write the CSV export");
    return rc;
}

/* dir exists as a directory (created when missing). */
static jx_status make_dir(const char *dir, jx_error *err)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (errno != ENOENT || mkdir(dir, 0777) != 0)
            return jx_error_set(err, JX_ESYS, NULL, 0, "cannot create directory %s: %s", dir,
                                strerror(errno));
    } else if (!S_ISDIR(st.st_mode)) {
        return jx_error_set(err, JX_EUSAGE, NULL, 0, "%s is not a directory", dir);
    }
    return JX_OK;
}

/* What csv_batch writes to: the three files' streams and the line buffer. */
typedef struct csv_walk {
    FILE *forms, *indicators, *findings;
    jx_buf *b;
} csv_walk;

/* One batch of the walk written: its forms, their indicators and the batch's findings. */
static jx_status csv_batch(void *ctx, const jx_form_list *batch, int unattached, const jx_findings *fs,
                           jx_error *err)
{
    (void)unattached;
    csv_walk *w = ctx;
    int ok = 1;
    for (size_t i = 0; i < batch->count && ok; i++) {
        form_row(w->b, batch->items[i]);
        ok = flush_buf(w->b, w->forms);
        indicator_rows(w->b, batch->items[i]);
        ok = ok && flush_buf(w->b, w->indicators);
    }
    for (size_t i = 0; i < fs->count && ok; i++) {
        memory_finding_row(w->b, &fs->items[i]);
        ok = flush_buf(w->b, w->findings);
    }
    return ok ? JX_OK : jx_error_set(err, JX_ESYS, NULL, 0, "cannot write the CSV export");
}

/*
** The three files of a review under c walked batch by batch (jx_review_walk:
** a database that cannot hold the review), written side by side: byte for
** byte jx_export_csv of every stored form and jx_review of them.
*/
jx_status jx_export_csv_review(struct jx_store *store, const jx_review_config *c, const char *dir,
                               jx_error *err)
{
    jx_status rc = make_dir(dir, err);
    if (rc) return rc;
    static const char *const names[3] = {"forms.csv", "indicators.csv", "findings.csv"};
    jx_atomic_file af[3];
    int open = 0;
    for (; open < 3 && rc == JX_OK; open++) {
        jx_buf path = {0};
        jx_buf_printf(&path, "%s/%s", dir, names[open]);
        rc = jx_atomic_open(path.data, &af[open], err);
        jx_buf_free(&path);
        if (rc) break;
    }
    jx_buf b = {0};
    int ok = 1;
    if (rc == JX_OK) {
        forms_header(&b);
        ok = flush_buf(&b, af[0].fp);
        header(&b, indicators_cols);
        ok = ok && flush_buf(&b, af[1].fp);
        header(&b, findings_cols);
        ok = ok && flush_buf(&b, af[2].fp);
    }
    int own = rc == JX_OK && !jx_store_in_transaction(store);
    if (own) rc = jx_store_begin_read(store, err);
    if (rc == JX_OK && ok)
        rc = jx_review_walk_each(store, c, csv_batch, &(csv_walk){af[0].fp, af[1].fp, af[2].fp, &b}, err);
    if (own && jx_store_in_transaction(store)) jx_store_end_read(store);
    jx_buf_free(&b);
    if (rc == JX_OK && !ok) rc = jx_error_set(err, JX_ESYS, NULL, 0, "cannot write the CSV export");
    for (int i = 0; i < open; i++) {
        if (rc == JX_OK) rc = jx_atomic_commit(&af[i], err);
        else jx_atomic_abort(&af[i]);
    }
    return rc;
}

jx_status jx_export_csv_store(struct jx_store *store, const char *dir, jx_error *err)
{
    jx_status made = make_dir(dir, err);
    if (made) return made;
    static const char *const tables[3] = {"forms", "indicators", "findings"};
    jx_status rc = JX_OK;
    for (int i = 0; i < 3 && rc == JX_OK; i++) {
        jx_buf path = {0};
        jx_buf_printf(&path, "%s/%s.csv", dir, tables[i]);
        jx_atomic_file af;
        if ((rc = jx_atomic_open(path.data, &af, err)) == JX_OK) {
            if ((rc = jx_export_csv_table(store, tables[i], af.fp, err)) == JX_OK)
                rc = jx_atomic_commit(&af, err);
            else
                jx_atomic_abort(&af);
        }
        jx_buf_free(&path);
    }
    return rc;
}

/* Write the three CSV files into dir, each atomically. */
jx_status jx_export_csv(const jx_form_list *forms, const jx_findings *findings,
                        const char *dir, jx_error *err)
{
    jx_status made = make_dir(dir, err);
    if (made) return made;
    struct { const char *name; char *data; size_t len; } files[3] = {
        {"forms.csv", NULL, 0}, {"indicators.csv", NULL, 0}, {"findings.csv", NULL, 0}};
    files[0].data = forms_csv(forms, &files[0].len);
    files[1].data = indicators_csv(forms, &files[1].len);
    files[2].data = findings_csv(findings, &files[2].len);
    jx_status status = JX_OK;
    for (size_t i = 0; i < 3; i++) {
        if (status == JX_OK) {
            jx_buf path = {0};
            jx_buf_printf(&path, "%s/%s", dir, files[i].name);
            status = jx_write_file_atomic(path.data, files[i].data, files[i].len, err);
            jx_buf_free(&path);
        }
        free(files[i].data);
    }
    return status;
}
