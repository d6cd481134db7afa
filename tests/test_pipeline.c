/*
** test_pipeline.c - the one import pipeline (issue 11): every layout goes
** bytes -> reader table -> rows -> parts, so a department disclosure keeps its
** budget tables, narratives and stated figures whatever it was sent as.
**
** A disclosure (the invented fixture, and seed 002 when ../shared is there)
** is read as text, its rows are rendered back as a Word document (one
** paragraph per running-text row, one table per run of table rows) and as a
** workbook (a new sheet at each budget table or narrative title), both built
** in memory with libzip, and imported from memory with jx_import_bytes. The
** DOCX and XLSX imports must carry exactly the text import's forms, tables
** (title, unit, columns, every row's code, name and amounts), narratives
** (title, amount, sections, link) and stated figures; and the values pinned
** below were read from the fixture by hand.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "support.h"
#include "jixiao/disclosure.h"
#include "jixiao/import.h"
#include "jixiao/util.h"
#include "read.h"

/* ------------------------------------------------------------ rendering */

/* Append s to b with XML's special characters escaped. */
static void xml_text(jx_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '&') jx_buf_puts(b, "&amp;");
        else if (*s == '<') jx_buf_puts(b, "&lt;");
        else if (*s == '>') jx_buf_puts(b, "&gt;");
        else jx_buf_putc(b, *s);
    }
}

/* A row rendered as running text: a single cell outside any table. */
static int paragraph_row(const jx_row *r)
{
    return r->prose || r->ncells == 1;
}

/* The rows of a document as word/document.xml. */
static char *render_docx(const jx_rows *rows)
{
    jx_buf b = {0};
    jx_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                    "<w:body>");
    int in_table = 0;
    for (size_t i = 0; i < rows->count; i++) {
        const jx_row *r = &rows->items[i];
        if (paragraph_row(r)) {
            if (in_table) { jx_buf_puts(&b, "</w:tbl>"); in_table = 0; }
            jx_buf_puts(&b, "<w:p><w:r><w:t xml:space=\"preserve\">");
            for (int c = 0; c < r->ncells; c++) xml_text(&b, r->cells[c]);
            jx_buf_puts(&b, "</w:t></w:r></w:p>");
            continue;
        }
        if (!in_table) { jx_buf_puts(&b, "<w:tbl>"); in_table = 1; }
        jx_buf_puts(&b, "<w:tr>");
        for (int c = 0; c < r->ncells; c++) {
            jx_buf_puts(&b, "<w:tc><w:p><w:r><w:t xml:space=\"preserve\">");
            xml_text(&b, r->cells[c]);
            jx_buf_puts(&b, "</w:t></w:r></w:p></w:tc>");
        }
        jx_buf_puts(&b, "</w:tr>");
    }
    if (in_table) jx_buf_puts(&b, "</w:tbl>");
    jx_buf_puts(&b, "<w:sectPr/></w:body></w:document>");
    return jx_buf_take(&b);
}

/*
** 1 when a row opens a sheet of the rendered workbook: a budget table title,
** or a narrative title (each project, narrative and target table, on a sheet
** of its own, as a workbook would file it: a cell of a sheet does not say it
** is running text, so a narrative must not follow a target table on a sheet).
*/
static int sheet_title(const jx_row *r)
{
    if (r->ncells != 1) return 0;
    const char *s = r->cells[0];
    return (jx_ends_with(s, "表") && strstr(s, "预算") && !strstr(s, "绩效")) ||
           (strstr(s, "项目经费") && jx_ends_with(s, "说明"));
}

/* Column letters of 0-based column c (A..ZZ). */
static void column_name(int c, char out[4])
{
    if (c < 26) { out[0] = (char)('A' + c); out[1] = '\0'; return; }
    out[0] = (char)('A' + c / 26 - 1);
    out[1] = (char)('A' + c % 26);
    out[2] = '\0';
}

typedef struct sheet_xml { jx_buf xml; long row; const char *name; } sheet_xml;

/* The rows of a document as worksheets (inline strings); returns the count. */
static size_t render_xlsx_sheets(const jx_rows *rows, sheet_xml **out)
{
    sheet_xml *sh = NULL;
    size_t n = 0;
    for (size_t i = 0; i < rows->count; i++) {
        const jx_row *r = &rows->items[i];
        if (n == 0 || sheet_title(r) || (i > 0 && r->section != rows->items[i - 1].section)) {
            sh = realloc(sh, (n + 1) * sizeof *sh);
            memset(&sh[n], 0, sizeof sh[n]);
            sh[n].name = r->section;
            jx_buf_puts(&sh[n].xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet "
                                    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                                    "<sheetData>");
            n++;
        }
        sheet_xml *s = &sh[n - 1];
        s->row++;
        jx_buf_printf(&s->xml, "<row r=\"%ld\">", s->row);
        for (int c = 0; c < r->ncells; c++) {
            if (!r->cells[c][0]) continue;
            char col[4];
            column_name(c, col);
            jx_buf_printf(&s->xml, "<c r=\"%s%ld\" t=\"inlineStr\"><is><t xml:space=\"preserve\">",
                          col, s->row);
            xml_text(&s->xml, r->cells[c]);
            jx_buf_puts(&s->xml, "</t></is></c>");
        }
        jx_buf_puts(&s->xml, "</row>");
    }
    for (size_t i = 0; i < n; i++) jx_buf_puts(&sh[i].xml, "</sheetData></worksheet>");
    *out = sh;
    return n;
}

/* A ZIP package of (name, data) parts, built in memory. */
static char *zip_parts(const char *const *names, char *const *datas, size_t n, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    assert_non_null(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(za);
    zip_source_keep(src);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *part = zip_source_buffer(za, datas[i], strlen(datas[i]), 0);
        assert_non_null(part);
        assert_true(zip_file_add(za, names[i], part, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
    zip_stat_t st;
    assert_int_equal(zip_source_stat(src, &st), 0);
    char *out = malloc(st.size);
    assert_int_equal(zip_source_open(src), 0);
    assert_int_equal(zip_source_read(src, out, st.size), (zip_int64_t)st.size);
    zip_source_close(src);
    zip_source_free(src);
    *len = st.size;
    return out;
}

#define PKG_RELS_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define RELTYPE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define TYPES                                                                                 \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"                           \
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"           \
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" \
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"

/* The rows as a .docx (malloc'd bytes). */
static char *make_docx(const jx_rows *rows, size_t *len)
{
    const char *names[] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml"};
    char *datas[3];
    datas[0] = jx_strdup(TYPES);
    datas[1] = jx_strdup("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" PKG_RELS_NS
                         "\"><Relationship Id=\"rId1\" Type=\"" RELTYPE "officeDocument\" "
                         "Target=\"word/document.xml\"/></Relationships>");
    datas[2] = render_docx(rows);
    char *out = zip_parts(names, datas, 3, len);
    for (int i = 0; i < 3; i++) free(datas[i]);
    return out;
}

/* The rows as an .xlsx (malloc'd bytes), one sheet per table or narrative. */
static char *make_xlsx(const jx_rows *rows, size_t *len, size_t *nsheets)
{
    sheet_xml *sh;
    size_t n = render_xlsx_sheets(rows, &sh);
    size_t nparts = 4 + n;
    const char **names = calloc(nparts, sizeof *names);
    char **datas = calloc(nparts, sizeof *datas);
    char **owned_names = calloc(n, sizeof *owned_names);
    jx_buf wb = {0}, rels = {0};
    jx_buf_puts(&wb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
                     "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                     "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                     "<sheets>");
    jx_buf_puts(&rels, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" PKG_RELS_NS "\">");
    for (size_t i = 0; i < n; i++) {
        if (sh[i].name) jx_buf_printf(&wb, "<sheet name=\"%s\"", sh[i].name);
        else jx_buf_printf(&wb, "<sheet name=\"表%zu\"", i + 1);
        jx_buf_printf(&wb, " sheetId=\"%zu\" r:id=\"rId%zu\"/>", i + 1, i + 1);
        jx_buf_printf(&rels, "<Relationship Id=\"rId%zu\" Type=\"" RELTYPE "worksheet\" "
                             "Target=\"worksheets/sheet%zu.xml\"/>", i + 1, i + 1);
        jx_buf nm = {0};
        jx_buf_printf(&nm, "xl/worksheets/sheet%zu.xml", i + 1);
        owned_names[i] = jx_buf_take(&nm);
        names[4 + i] = owned_names[i];
        datas[4 + i] = jx_buf_take(&sh[i].xml);
    }
    jx_buf_puts(&wb, "</sheets></workbook>");
    jx_buf_puts(&rels, "</Relationships>");
    names[0] = "[Content_Types].xml";
    datas[0] = jx_strdup(TYPES);
    names[1] = "_rels/.rels";
    datas[1] = jx_strdup("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" PKG_RELS_NS
                         "\"><Relationship Id=\"rId1\" Type=\"" RELTYPE "officeDocument\" "
                         "Target=\"xl/workbook.xml\"/></Relationships>");
    names[2] = "xl/workbook.xml";
    datas[2] = jx_buf_take(&wb);
    names[3] = "xl/_rels/workbook.xml.rels";
    datas[3] = jx_buf_take(&rels);
    char *out = zip_parts(names, datas, nparts, len);
    for (size_t i = 0; i < nparts; i++) free(datas[i]);
    for (size_t i = 0; i < n; i++) free(owned_names[i]);
    free(owned_names);
    free(names);
    free(datas);
    free(sh);
    *nsheets = n;
    return out;
}

/* ------------------------------------------------------------ importing */

/* Read a whole file (malloc'd). */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* The rows the reader table reads from a text document. */
static void text_rows(const char *name, const char *data, size_t len, jx_rows *rows)
{
    jx_source src;
    jx_error err;
    jx_error_clear(&err);
    assert_int_equal(jx_source_open(name, data, len, &src, &err), JX_OK);
    const jx_reader *reader = jx_reader_detect(&src);
    assert_non_null(reader);
    assert_int_equal(reader->read(&src, rows, &err), JX_OK);
    jx_source_free(&src);
}

/* jx_import_bytes, failing the test with the error. */
static void import_or_fail(const char *name, const char *data, size_t len, jx_form_list *out)
{
    char sha[65];
    jx_error err;
    jx_error_clear(&err);
    if (jx_import_bytes(name, data, len, out, sha, &err) != JX_OK) {
        char buf[1200];
        jx_error_format(&err, buf, sizeof buf);
        fail_msg("import %s: %s", name, buf);
    }
}

/* Two imports carry the same forms and the same disclosure (source lines aside). */
static void assert_same_document(const jx_form_list *a, const jx_form_list *b)
{
    assert_int_equal(a->count, b->count);
    for (size_t i = 0; i < a->count; i++) {
        assert_string_equal(a->items[i]->name, b->items[i]->name);
        if (a->items[i]->nindicators != b->items[i]->nindicators)
            fail_msg("%s: form \"%s\" (line %ld): %zu indicators, %zu in the text import",
                     b->items[i]->file, b->items[i]->name, b->items[i]->line,
                     b->items[i]->nindicators, a->items[i]->nindicators);
        assert_true(a->items[i]->budget.total == b->items[i]->budget.total);
    }
    assert_int_equal(a->ndisclosures, 1);
    assert_int_equal(b->ndisclosures, 1);
    const jx_disclosure *x = a->disclosures[0], *y = b->disclosures[0];
    assert_int_equal(x->ntables, y->ntables);
    for (size_t t = 0; t < x->ntables; t++) {
        const jx_budget_table *p = &x->tables[t], *q = &y->tables[t];
        assert_string_equal(p->title, q->title);
        assert_true((p->unit == NULL) == (q->unit == NULL));
        if (p->unit) assert_string_equal(p->unit, q->unit);
        assert_int_equal(p->scale, q->scale);
        assert_int_equal(p->ncolumns, q->ncolumns);
        for (size_t c = 0; c < p->ncolumns; c++) assert_string_equal(p->columns[c], q->columns[c]);
        assert_int_equal(p->nrows, q->nrows);
        for (size_t r = 0; r < p->nrows; r++) {
            assert_string_equal(p->rows[r].code, q->rows[r].code);
            assert_string_equal(p->rows[r].name, q->rows[r].name);
            for (size_t c = 0; c < p->ncolumns; c++)
                assert_true(p->rows[r].values[c] == q->rows[r].values[c]);
        }
    }
    assert_int_equal(x->nnarratives, y->nnarratives);
    for (size_t n = 0; n < x->nnarratives; n++) {
        const jx_narrative *p = &x->narratives[n], *q = &y->narratives[n];
        assert_string_equal(p->title, q->title);
        assert_true(p->amount == q->amount);
        assert_int_equal(p->linked, q->linked);
        if (p->nsections != q->nsections)
            fail_msg("%s: narrative \"%s\" (line %ld): %zu sections, %zu in the text import",
                     b->items ? b->items[0]->file : "?", p->title, q->line, q->nsections, p->nsections);
        for (size_t s = 0; s < p->nsections; s++) {
            assert_string_equal(p->sections[s].title, q->sections[s].title);
            assert_string_equal(p->sections[s].text, q->sections[s].text);
        }
    }
    assert_int_equal(x->nclaims, y->nclaims);
    for (size_t c = 0; c < x->nclaims; c++) {
        assert_int_equal(x->claims[c].kind, y->claims[c].kind);
        assert_true(x->claims[c].amount == y->claims[c].amount);
    }
}

/* Text, DOCX and XLSX imports of one disclosure; returns the text import in *text. */
static void three_layouts(const char *path, const char *base, jx_form_list *text,
                          jx_form_list *docx, jx_form_list *xlsx, size_t *nsheets)
{
    size_t len;
    char *data = slurp(path, &len);
    import_or_fail(base, data, len, text);
    jx_rows rows = {0};
    text_rows(base, data, len, &rows);
    free(data);

    size_t dlen, xlen;
    char *d = make_docx(&rows, &dlen);
    char *x = make_xlsx(&rows, &xlen, nsheets);
    jx_rows_free(&rows);
    import_or_fail("disclosure.docx", d, dlen, docx);
    import_or_fail("disclosure.xlsx", x, xlen, xlsx);
    free(d);
    free(x);
}

/* The invented disclosure as DOCX and XLSX: its table, narratives and figures. */
static void test_invented_disclosure_office(void **state)
{
    (void)state;
    jx_buf path = {0};
    jx_buf_printf(&path, "%s/disclosure/invented.txt", jxt_env("JIXIAO_FIXTURES"));
    jx_form_list text = {0}, docx = {0}, xlsx = {0};
    size_t nsheets = 0;
    three_layouts(path.data, "invented.txt", &text, &docx, &xlsx, &nsheets);
    assert_int_equal(nsheets, 4);   /* prose, the table, two narratives */
    for (int k = 0; k < 2; k++) {
        const jx_form_list *l = k ? &xlsx : &docx;
        assert_same_document(&text, l);
        const jx_disclosure *d = l->disclosures[0];
        /* Values read from the fixture. */
        assert_int_equal(d->ntables, 1);
        const jx_budget_table *t = &d->tables[0];
        assert_string_equal(t->title, "2023年部门支出预算总表");
        assert_string_equal(t->unit, "元");
        assert_int_equal(t->nrows, 7);
        assert_string_equal(t->rows[2].code, "2010101");
        assert_string_equal(t->rows[2].name, "行政运行");
        int total = jx_budget_column(t, "合计");
        assert_true(total >= 0);
        assert_true(t->rows[2].values[total] == 10000000LL);      /* 100,000.00 元 */
        assert_true(t->rows[6].values[total] == 30000000LL);      /* 合 计 300,000.00 元 */
        assert_int_equal(d->nnarratives, 2);
        assert_string_equal(d->narratives[0].title, "示例局培训项目经费情况说明");
        assert_true(d->narratives[0].amount == 12000000LL);       /* 120,000元 */
        assert_int_equal(d->narratives[0].linked, 1);
        assert_true(d->narratives[1].amount == 8000000LL);        /* 8万元 */
        assert_int_equal(d->narratives[1].linked, 0);
        assert_int_equal(d->nclaims, 3);
        assert_int_equal(l->count, 2);
        assert_string_equal(l->items[0]->name, "培训");
        assert_int_equal(l->items[0]->nindicators, 2);
    }
    jx_form_list_free(&text);
    jx_form_list_free(&docx);
    jx_form_list_free(&xlsx);
    jx_buf_free(&path);
}

/* Seed 002 (2020, 松江区人社局) as DOCX and XLSX: all 36 forms, every table. */
static void test_seed_002_office(void **state)
{
    (void)state;
    char *path = jxt_seed("002_7cadc0ecdd172fe9.txt");
    if (!path) skip();
    jx_form_list text = {0}, docx = {0}, xlsx = {0};
    size_t nsheets = 0;
    three_layouts(path, "002_7cadc0ecdd172fe9.txt", &text, &docx, &xlsx, &nsheets);
    assert_int_equal(text.count, 36);
    assert_int_equal(text.disclosures[0]->nnarratives, 36);
    assert_int_equal(text.disclosures[0]->ntables, 8);
    assert_int_equal(text.disclosures[0]->nclaims, 36);
    assert_same_document(&text, &docx);
    assert_same_document(&text, &xlsx);
    jx_form_list_free(&text);
    jx_form_list_free(&docx);
    jx_form_list_free(&xlsx);
    free(path);
}

/* Rows from tab-separated lines; a line "[name]" begins a section (a worksheet). */
static void rows_of(const char *const *lines, jx_rows *rows)
{
    for (long i = 0; lines[i]; i++) {
        if (lines[i][0] == '[') {
            char *name = jx_strndup(lines[i] + 1, strlen(lines[i]) - 2);
            jx_rows_begin_section(rows, name);
            free(name);
            continue;
        }
        int n = 1;
        for (const char *p = lines[i]; *p; p++) n += *p == '\t';
        char **cells = malloc((size_t)n * sizeof *cells);
        const char *from = lines[i];
        for (int c = 0; c < n; c++) {
            const char *tab = strchr(from, '\t');
            size_t len = tab ? (size_t)(tab - from) : strlen(from);
            cells[c] = jx_strndup(from, len);
            from += len + 1;
        }
        jx_rows_push(rows, i + 1, cells, n);
    }
}

/*
** A worksheet boundary ends a form (the one rule of where forms start and
** end, for every layout): a cover sheet with the title and 项目名称 and a
** second sheet with the indicator table are not one form; the error names
** the sheet, the row and what is missing. A list sheet (项目名称 as a column
** heading) starts no form.
*/
static void test_sheet_boundary(void **state)
{
    (void)state;
    static const char *const split[] = {
        "[封面]", "项目支出绩效目标申报表", "项目名称\t封面项目", "申报单位\t示例局",
        "[指标]", "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t场次\t≥2场", NULL};
    jx_rows rows = {0};
    rows_of(split, &rows);
    size_t len, nsheets;
    char *x = make_xlsx(&rows, &len, &nsheets);
    jx_rows_free(&rows);
    assert_int_equal(nsheets, 2);
    jx_form_list forms = {0};
    char sha[65];
    jx_error err;
    jx_error_clear(&err);
    assert_int_equal(jx_import_bytes("split.xlsx", x, len, &forms, sha, &err), JX_EINPUT);
    assert_int_equal(forms.count, 0);
    assert_string_equal(err.file, "split.xlsx");
    assert_int_equal(err.line, 1);
    assert_string_equal(err.message, "worksheet \"封面\": form \"封面项目\" has no indicator table "
                                     "(一级指标/二级指标/三级指标/指标值): the document may be truncated");
    free(x);

    static const char *const listed[] = {
        "[汇总]", "序号\t项目名称\t一级指标\t指标值", "1\t甲项目\t产出指标\t≥1个",
        "[申报表]", "项目支出绩效目标申报表", "项目名称\t乙项目",
        "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t场次\t≥2场", NULL};
    rows_of(listed, &rows);
    x = make_xlsx(&rows, &len, &nsheets);
    jx_rows_free(&rows);
    jx_error_clear(&err);
    assert_int_equal(jx_import_bytes("listed.xlsx", x, len, &forms, sha, &err), JX_OK);
    assert_int_equal(forms.count, 1);
    assert_string_equal(forms.items[0]->name, "乙项目");
    assert_int_equal(forms.items[0]->nindicators, 1);
    jx_form_list_free(&forms);
    free(x);
}

/*
** A row writing a 一级 label and nothing else (产出指标 on a row of its own,
** above its rows) opens the block of the rows below it as a merged cell on
** their top row would: rows whose 二级 the vocabulary does not know (其他)
** stay under it, not under the label above. In markdown and in TSV.
*/
static void test_level1_own_row(void **state)
{
    (void)state;
    static const char *const md =
        "项目支出绩效目标申报表\n\n"
        "| 项目名称 | 独行项目 |\n| 申报单位 | 示例局 |\n\n"
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "| 产出指标 | 数量指标 | 培训人数 | ≥100人 |\n"
        "|  |  | 培训场次 | ≥2场 |\n"
        "| 效益指标 |  |  |  |\n"
        "|  | 社会效益指标 | 群众知晓度 | 提升 |\n"
        "|  | 其他 | 长效机制 | 健全 |\n"
        "|  |  | 宣传覆盖 | 提升 |\n"
        "| 满意度指标 |  |  |  |\n"
        "|  |  | 参训人员满意度 | ≥90% |\n";
    static const char *const want[][3] = {
        {"产出指标", "数量指标", "培训人数"}, {"产出指标", "数量指标", "培训场次"},
        {"效益指标", "社会效益指标", "群众知晓度"}, {"效益指标", "其他", "长效机制"},
        {"效益指标", "其他", "宣传覆盖"}, {"满意度指标", NULL, "参训人员满意度"},
    };
    static const char *const tsv =
        "项目支出绩效目标申报表\n"
        "项目名称\t独行项目\n申报单位\t示例局\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t培训人数\t≥100人\n"
        "\t\t培训场次\t≥2场\n"
        "效益指标\t\t\t\n"
        "\t社会效益指标\t群众知晓度\t提升\n"
        "\t其他\t长效机制\t健全\n"
        "\t\t宣传覆盖\t提升\n"
        "满意度指标\t\t\t\n"
        "\t\t参训人员满意度\t≥90%\n";
    for (int layout = 0; layout < 2; layout++) {
        const char *text = layout ? tsv : md;
        jx_form_list forms = {0};
        import_or_fail(layout ? "own_row.tsv" : "own_row.md", text, strlen(text), &forms);
        assert_int_equal(forms.count, 1);
        const jx_form *f = forms.items[0];
        assert_int_equal(f->nindicators, 6);
        for (size_t i = 0; i < 6; i++) {
            const jx_indicator *ind = &f->indicators[i];
            if (strcmp(ind->level1, want[i][0]) || (want[i][1] ? !ind->level2 || strcmp(ind->level2, want[i][1])
                                                             : ind->level2 != NULL) ||
                strcmp(ind->name, want[i][2]))
                fail_msg("%s indicator %zu: %s | %s | %s, want %s | %s | %s", layout ? "tsv" : "md", i,
                         ind->level1, ind->level2 ? ind->level2 : "null", ind->name, want[i][0],
                         want[i][1] ? want[i][1] : "null", want[i][2]);
        }
        jx_form_list_free(&forms);
    }
}

/*
** The target column's heading in the words forms use: a year before it
** (2024年度指标值, 2024年指标值), alternatives (指标值/目标值), qualifiers
** (年度(/项目)指标值), a note after it (指标值（单位）). Each imports with its
** target values; before the heading table, the first two failed with "no 指标值".
*/
static void test_target_headings(void **state)
{
    (void)state;
    static const char *const heads[] = {"2024年度指标值", "2024年指标值", "指标值/目标值",
                                        "年度(/项目)指标值", "指标值（单位）", "全年目标值"};
    for (size_t k = 0; k < sizeof heads / sizeof *heads; k++) {
        char md[1024];
        snprintf(md, sizeof md,
                 "项目支出绩效目标申报表\n\n| 项目名称 | 标题项目 |\n| 申报单位 | 示例局 |\n\n"
                 "| 一级指标 | 二级指标 | 三级指标 | %s |\n"
                 "| 产出指标 | 数量指标 | 培训人数 | ≥100人 |\n"
                 "| 满意度指标 | 服务对象满意度指标 | 参训人员满意度 | ≥90%% |\n", heads[k]);
        jx_form_list forms = {0};
        import_or_fail("heads.md", md, strlen(md), &forms);
        assert_int_equal(forms.count, 1);
        const jx_form *f = forms.items[0];
        if (f->nindicators != 2 || !f->indicators[0].target || strcmp(f->indicators[0].target, "≥100人") ||
            !f->indicators[1].target || strcmp(f->indicators[1].target, "≥90%"))
            fail_msg("heading %s: %zu indicators, targets %s / %s", heads[k], f->nindicators,
                     f->nindicators > 0 && f->indicators[0].target ? f->indicators[0].target : "null",
                     f->nindicators > 1 && f->indicators[1].target ? f->indicators[1].target : "null");
        jx_form_list_free(&forms);
    }
}

/*
** pdftotext -raw prints the two goal cells side by side one after the
** other: the first column ends at the first sentence end on a line short of
** the column's full width, not at a sentence end that falls at a full line's
** end (two sentence ends in the first column: the cut is the second).
*/
static void test_raw_goal_columns(void **state)
{
    (void)state;
    static const char *const raw =
        "财政项目支出绩效目标申报表\n"
        "（2025 年度）\n"
        "项目名称 档案数字化加工 项目性质 经常性项目 项目类别 特定目标类\n"
        "主管部门 上海市长宁区档案局 实施单位 上海市长宁区档案馆\n"
        "计划开始日\n"
        "期\n"
        "2025-01-01 计划完成日期 2025-12-31\n"
        "项目资金\n"
        "（元）\n"
        "项目资金总额 1,200,000.00 年度资金申请总额 1,200,000.00\n"
        "其中：财政资金 1,200,000.00\n"
        "其中：当年财政拨款 1,200,000.00\n"
        "上年结转资金 0.00\n"
        "其他资金 0.00 其他资金 0.00\n"
        "项目绩效目\n"
        "标\n"
        "项目总目标 年度总体目标\n"
        "建成馆藏文书档案全文数据库，实现档案。\n"
        "远程查阅利用更便捷。\n"
        "完成档案扫描不少于 60 万页，图像质检合格率不低于\n"
        "99%，年底前完成数据挂接。\n"
        "绩效指标\n"
        "一级指标 二级指标 三级指标 年度(/项目)指标值\n"
        "产出指标\n"
        "数量指标 档案扫描页数 ≥60 万页\n"
        "质量指标 图像质检合格率 ≥99%\n"
        "时效指标 数据挂接完成时间 年底前完成\n"
        "成本指标 经济成本指标 每页加工成本 ≤2 元/页\n"
        "效益指标\n"
        "社会效益指标 档案远程查阅服务人次 ≥3000 人次\n"
        "可持续影响指标 档案数据库长效维护机制 健全\n"
        "满意度指标 服务对象满意度指标 查档群众满意度 ≥90%\n"
        ;
    jx_form_list forms = {0};
    import_or_fail("raw_goals.txt", raw, strlen(raw), &forms);
    assert_int_equal(forms.count, 1);
    assert_string_equal(forms.items[0]->long_goal, "建成馆藏文书档案全文数据库，实现档案。远程查阅利用更便捷。");
    assert_string_equal(forms.items[0]->goal,
                        "完成档案扫描不少于 60 万页，图像质检合格率不低于99%，年底前完成数据挂接。");
    jx_form_list_free(&forms);
}

/* Run the pipeline tests. */
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_invented_disclosure_office),
        cmocka_unit_test(test_seed_002_office),
        cmocka_unit_test(test_sheet_boundary),
        cmocka_unit_test(test_level1_own_row),
        cmocka_unit_test(test_raw_goal_columns),
        cmocka_unit_test(test_target_headings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
