/*
** test_hostile.c - hostile files through the real binary, each generated
** here (no large blobs in the tree): the fuzz-found over-read of
** year_of_date, the quadratic wrapped-cell copy of the one-cell-per-line
** reader, quadratic XLSX merged ranges, and files whose memory was out of
** all proportion (a value at column XFD in 5,000 rows, 300,000 spanned Word
** cells, a line of a million tabs, XML nested 100,000 deep). Each import is
** run as a child process: it must end with the exact outcome (a clear error
** naming the file and place, or the right forms) and its peak RSS, from
** wait4's rusage, must stay under a stated bound. The child also runs with
** a CPU budget (RLIMIT_CPU, CPU_BUDGET_S): ten times what the linear readers
** need under ASan, a fraction of what the quadratic ones took, so a
** quadratic path comes back as SIGXCPU, not as a slow test.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include "jixiao/limits.h"
#include "support.h"

/* Peak RSS allowed for one import, in MB (sanitizers' shadow memory added). */
#if defined(__SANITIZE_ADDRESS__)
#define RSS_BOUND_MB 900
#else
#define RSS_BOUND_MB 200
#endif

/* CPU seconds one import may use. */
#define CPU_BUDGET_S 20

typedef struct run {
    int status;        /* exit status, 128 + signal when killed */
    long rss_mb;       /* peak resident set of the child */
    char *out, *err;   /* stdout, stderr (malloc'd) */
} run;

/* Read a whole file into a malloc'd string ("" when missing). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return strdup("");
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    buf[got] = '\0';
    fclose(f);
    return buf;
}

/* Run jixiao --db DB import FILE in a child; its status, peak RSS and output. */
static run import_file(const char *dir, const char *file)
{
    char db[600], opath[600], epath[600];
    snprintf(db, sizeof db, "%s/t.db", dir);
    snprintf(opath, sizeof opath, "%s/out", dir);
    snprintf(epath, sizeof epath, "%s/err", dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int o = open(opath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(epath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (o < 0 || e < 0) _exit(127);
        dup2(o, 1);
        dup2(e, 2);
        struct rlimit cpu = {CPU_BUDGET_S, CPU_BUDGET_S};
        setrlimit(RLIMIT_CPU, &cpu);
        const char *bin = jxt_env("JIXIAO_BIN");
        execl(bin, bin, "--db", db, "import", file, (char *)NULL);
        _exit(127);
    }
    int wst;
    struct rusage ru;
    assert_int_equal(wait4(pid, &wst, 0, &ru), pid);
    run r;
    r.status = WIFEXITED(wst) ? WEXITSTATUS(wst) : 128 + WTERMSIG(wst);
    r.rss_mb = ru.ru_maxrss / 1024;
    r.out = slurp(opath);
    r.err = slurp(epath);
    fprintf(stderr, "  %s: exit %d, peak RSS %ld MB: %s%s", strrchr(file, '/') + 1, r.status,
            r.rss_mb, r.err, r.err[0] ? "" : r.out);
    return r;
}

/* Assert an import failed with exit 1, stderr containing needle, RSS bounded. */
static void expect_error(const char *dir, const char *file, const char *needle)
{
    run r = import_file(dir, file);
    assert_int_equal(r.status, 1);
    if (!strstr(r.err, needle)) fail_msg("stderr \"%s\" lacks \"%s\"", r.err, needle);
    assert_true(r.rss_mb < RSS_BOUND_MB);
    free(r.out);
    free(r.err);
}

/* Assert an import succeeded printing exactly summary, RSS bounded. */
static void expect_import(const char *dir, const char *file, const char *summary)
{
    run r = import_file(dir, file);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, summary);
    assert_true(r.rss_mb < RSS_BOUND_MB);
    free(r.out);
    free(r.err);
}

/* ------------------------------------------------------------ builders */

typedef struct gbuf {
    char *data;
    size_t len, cap;
} gbuf;

/* Append printf-formatted text to b. */
static void gprintf(gbuf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int n = vsnprintf(b->data ? b->data + b->len : NULL, b->data ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (b->data && (size_t)n < b->cap - b->len) { b->len += (size_t)n; return; }
        b->cap = (b->cap + (size_t)n + 1) * 2;
        b->data = realloc(b->data, b->cap);
    }
}

/* dir/name as a malloc'd path. */
static char *path_in(const char *dir, const char *name)
{
    char *p = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(p, "%s/%s", dir, name);
    return p;
}

typedef struct part {
    const char *name;
    const char *data;
    size_t len;
} part;

/* Write a ZIP archive of parts to path (deflated). */
static void write_zip(const char *path, const part *parts, size_t n)
{
    int zerr = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    assert_non_null(za);
    for (size_t i = 0; i < n; i++) {
        size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);
        zip_source_t *src = zip_source_buffer(za, parts[i].data, len, 0);
        assert_non_null(src);
        assert_true(zip_file_add(za, parts[i].name, src, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
}

#define S_NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define R_NS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define RELS_NS "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\""
#define RELTYPE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* An .xlsx at path with one visible sheet whose XML is sheet. */
static void write_xlsx(const char *path, const char *sheet, size_t len)
{
    static const char rels[] =
        "<?xml version=\"1.0\"?><Relationships " RELS_NS "><Relationship Id=\"rId1\" Type=\""
        RELTYPE "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
    static const char wb[] =
        "<?xml version=\"1.0\"?><workbook " S_NS " " R_NS "><sheets>"
        "<sheet name=\"申报表\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    static const char wbrels[] =
        "<?xml version=\"1.0\"?><Relationships " RELS_NS "><Relationship Id=\"rId1\" Type=\""
        RELTYPE "worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
    part parts[] = {{"_rels/.rels", rels, 0}, {"xl/workbook.xml", wb, 0},
                    {"xl/_rels/workbook.xml.rels", wbrels, 0},
                    {"xl/worksheets/sheet1.xml", sheet, len}};
    write_zip(path, parts, 4);
}

/* A .docx at path whose word/document.xml is document. */
static void write_docx(const char *path, const char *document, size_t len)
{
    static const char rels[] =
        "<?xml version=\"1.0\"?><Relationships " RELS_NS "><Relationship Id=\"rId1\" Type=\""
        RELTYPE "officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    part parts[] = {{"_rels/.rels", rels, 0}, {"word/document.xml", document, len}};
    write_zip(path, parts, 2);
}

/* An inline-string cell. */
#define ISC(b, ref, text) gprintf(b, "<c r=\"%s\" t=\"inlineStr\"><is><t>%s</t></is></c>", ref, text)

/* ---------------------------------------------------------------- tests */

/* The fuzz-found input: a start date ending in "20" with no full year. */
static void test_year_overread(void **state)
{
    (void)state;
    char *dir = jxt_tmpdir(), *file = path_in(dir, "overread.txt");
    static const char text[] = "项目名称：0\n计划开始日期：20";
    jxt_write(file, text, sizeof text - 1);
    expect_error(dir, file, "overread.txt:1: form \"0\" has no indicator table");
    free(file);
    jxt_rmtree(dir);
    free(dir);
}

/*
** One cell per line, 100,000 cells, then one cell wrapped over 100,000
** continuation lines (13 MB): each continuation used to copy the whole
** growing cell (5 MB took 7 s, 13 MB about a minute). The reader appends in
** place now; the file has no form.
*/
static void test_wrapped_cell_linear(void **state)
{
    (void)state;
    char *dir = jxt_tmpdir(), *file = path_in(dir, "wrapped.txt");
    gbuf b = {0};
    for (int i = 0; i < 50000; i++) gprintf(&b, "\t单元格%d\n\t第二格\n\n", i);
    gprintf(&b, "\t很长的单元格\n");
    for (int i = 0; i < 90000; i++)
        gprintf(&b, "续行文字续行文字续行文字续行文字续行文字续行文字续行文字续行文字续行文字续行文字%06d\n", i);
    gprintf(&b, "\n");
    assert_true(b.len > 12 * 1024 * 1024);
    jxt_write(file, b.data, b.len);
    expect_error(dir, file, "wrapped.txt: no performance-target form found");
    free(b.data);
    free(file);
    jxt_rmtree(dir);
    free(dir);
}

/* The bundled markdown example (a form of 8 indicators) as a buffer. */
static void example_form(gbuf *b)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/2019_markdown_health.md", jxt_env("JIXIAO_SOURCE_DIR"));
    char *text = slurp(path);
    assert_true(strlen(text) > 100);
    gprintf(b, "%s\n", text);
    free(text);
}

/*
** A line of a million tabs: a million cells. With text on it, the row is
** refused (JX_MAX_ROW_CELLS); a line of tabs only is blank and the form
** around it imports.
*/
static void test_million_tabs(void **state)
{
    (void)state;
    char *dir = jxt_tmpdir(), *file = path_in(dir, "tabs.txt");
    gbuf b = {0};
    example_form(&b);
    gprintf(&b, "项目名称");
    for (int i = 0; i < 1000000; i++) gprintf(&b, "\t");
    gprintf(&b, "x\n");
    jxt_write(file, b.data, b.len);
    expect_error(dir, file, "tabs.txt:35: row has 1000001 cells, more than the 256 a table row may have");
    b.len = 0;
    example_form(&b);
    for (int i = 0; i < 1000000; i++) gprintf(&b, "\t");
    gprintf(&b, "\n");
    jxt_write(file, b.data, b.len);
    expect_import(dir, file, "tabs.txt: 1 forms, 8 indicators\n");
    free(b.data);
    free(file);
    jxt_rmtree(dir);
    free(dir);
}

/* The rows of a workbook form with n indicators (rows 1.., columns A-D). */
static void sheet_form(gbuf *b, int n)
{
    gprintf(b, "<row r=\"1\">");
    ISC(b, "A1", "项目支出绩效目标申报表");
    gprintf(b, "</row><row r=\"2\">");
    ISC(b, "A2", "项目名称");
    ISC(b, "B2", "合并单元格压力测试项目");
    gprintf(b, "</row><row r=\"3\">");
    ISC(b, "A3", "申报单位");
    ISC(b, "B3", "示例区测试中心");
    gprintf(b, "</row><row r=\"4\">");
    ISC(b, "A4", "一级指标");
    ISC(b, "B4", "二级指标");
    ISC(b, "C4", "三级指标");
    ISC(b, "D4", "指标值");
    gprintf(b, "</row>");
    for (int i = 0; i < n; i++) {
        long r = 5 + i;
        char ref[16], name[64];
        gprintf(b, "<row r=\"%ld\">", r);
        snprintf(ref, sizeof ref, "A%ld", r);
        ISC(b, ref, "产出指标");
        snprintf(ref, sizeof ref, "B%ld", r);
        ISC(b, ref, "数量指标");
        snprintf(ref, sizeof ref, "C%ld", r);
        snprintf(name, sizeof name, "完成事项%d", i);
        ISC(b, ref, name);
        snprintf(ref, sizeof ref, "D%ld", r);
        ISC(b, ref, "≥1项");
        gprintf(b, "</row>");
    }
}

/*
** 600,000 merged ranges, overlapping and each the whole sheet tall, beside a
** form of 10,000 indicators (the ranges cover only columns E-F): applying
** them used to cost ranges x cells (200,000 took 7 s of CPU); the form imports
** whole.
*/
static void test_xlsx_many_merges(void **state)
{
    (void)state;
    char *dir = jxt_tmpdir(), *file = path_in(dir, "merges.xlsx");
    gbuf b = {0};
    gprintf(&b, "<?xml version=\"1.0\"?><worksheet " S_NS "><sheetData>");
    sheet_form(&b, 10000);
    gprintf(&b, "</sheetData><mergeCells count=\"600000\">");
    for (int i = 0; i < 600000; i++) gprintf(&b, "<mergeCell ref=\"E1:F%d\"/>", 10010 + i % 7);
    gprintf(&b, "</mergeCells></worksheet>");
    write_xlsx(file, b.data, b.len);
    expect_import(dir, file, "merges.xlsx: 1 forms, 10000 indicators\n");
    free(b.data);
    free(file);
    jxt_rmtree(dir);
    free(dir);
}

/*
** One value at column XFD in each of 5,000 rows (a 26 KB workbook that
** needed 3.2 GB): refused at the first such cell, naming it.
*/
static void test_xlsx_far_column(void **state)
{
    (void)state;
    char *dir = jxt_tmpdir(), *file = path_in(dir, "xfd.xlsx");
    gbuf b = {0};
    gprintf(&b, "<?xml version=\"1.0\"?><worksheet " S_NS "><sheetData>");
    sheet_form(&b, 3);
    for (int r = 10; r < 5010; r++) {
        char ref[16];
        snprintf(ref, sizeof ref, "XFD%d", r);
        gprintf(&b, "<row r=\"%d\">", r);
        ISC(&b, ref, "x");
        gprintf(&b, "</row>");
    }
    gprintf(&b, "</sheetData></worksheet>");
    write_xlsx(file, b.data, b.len);
    expect_error(dir, file, "xfd.xlsx:10: worksheet \"申报表\": cell XFD10 has a value beyond the last column");
    /* Empty far cells (a style reaching column XFD) cost nothing: the form imports. */
    b.len = 0;
    gprintf(&b, "<?xml version=\"1.0\"?><worksheet " S_NS "><sheetData>");
    sheet_form(&b, 3);
    for (int r = 10; r < 5010; r++) gprintf(&b, "<row r=\"%d\"><c r=\"XFD%d\" s=\"1\"/></row>", r, r);
    gprintf(&b, "</sheetData></worksheet>");
    write_xlsx(file, b.data, b.len);
    expect_import(dir, file, "xfd.xlsx: 1 forms, 3 indicators\n");
    /* Values in the last allowed column of 5,000 rows: 1.28M cells, over JX_MAX_SHEET_CELLS. */
    b.len = 0;
    gprintf(&b, "<?xml version=\"1.0\"?><worksheet " S_NS "><sheetData>");
    sheet_form(&b, 3);
    for (int r = 10; r < 5010; r++) {
        char ref[16];
        snprintf(ref, sizeof ref, "IV%d", r);
        gprintf(&b, "<row r=\"%d\">", r);
        ISC(&b, ref, "x");
        gprintf(&b, "</row>");
    }
    gprintf(&b, "</sheetData></worksheet>");
    write_xlsx(file, b.data, b.len);
    expect_error(dir, file, "xfd.xlsx:4105: worksheet \"申报表\": more than 1048576 cells");
    free(b.data);
    free(file);
    jxt_rmtree(dir);
    free(dir);
}

#define DOCX_HEAD "<?xml version=\"1.0\"?><w:document " W_NS "><w:body>"
#define SPAN_TC "<w:tc><w:tcPr><w:gridSpan w:val=\"64\"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>"

/*
** 300,000 Word cells each spanning 64 columns (a 90 KB document that
** needed 965 MB): in one row, refused at JX_MAX_ROW_CELLS; in rows of
** four, refused at JX_MAX_SHEET_CELLS.
*/
static void test_docx_spans(void **state)
{
    (void)state;
    char *dir = jxt_tmpdir(), *file = path_in(dir, "spans.docx");
    gbuf b = {0};
    gprintf(&b, DOCX_HEAD "<w:p><w:r><w:t>项目支出绩效目标申报表</w:t></w:r></w:p><w:tbl><w:tr>");
    for (int i = 0; i < 300000; i++) gprintf(&b, SPAN_TC);
    gprintf(&b, "</w:tr></w:tbl></w:body></w:document>");
    write_docx(file, b.data, b.len);
    expect_error(dir, file, "spans.docx:2: word/document.xml: table row has more cells");
    b.len = 0;
    gprintf(&b, DOCX_HEAD "<w:tbl>");
    for (int i = 0; i < 75000; i++) gprintf(&b, "<w:tr>" SPAN_TC SPAN_TC SPAN_TC SPAN_TC "</w:tr>");
    gprintf(&b, "</w:tbl></w:body></w:document>");
    write_docx(file, b.data, b.len);
    expect_error(dir, file, "word/document.xml: document has more table cells (columns spanned included) than JX_MAX_SHEET_CELLS = 1048576");
    free(b.data);
    free(file);
    jxt_rmtree(dir);
    free(dir);
}

/* XML nested 100,000 elements deep: refused at JX_MAX_XML_DEPTH. */
static void test_xml_depth(void **state)
{
    (void)state;
    char *dir = jxt_tmpdir(), *file = path_in(dir, "deep.docx");
    gbuf b = {0};
    gprintf(&b, DOCX_HEAD);
    for (int i = 0; i < 100000; i++) gprintf(&b, "<w:tbl>");
    for (int i = 0; i < 100000; i++) gprintf(&b, "</w:tbl>");
    gprintf(&b, "</w:body></w:document>");
    write_docx(file, b.data, b.len);
    expect_error(dir, file, "deep.docx: part word/document.xml nests elements deeper than 256");
    free(b.data);
    free(file);
    jxt_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_year_overread),
        cmocka_unit_test(test_wrapped_cell_linear),
        cmocka_unit_test(test_million_tabs),
        cmocka_unit_test(test_xlsx_many_merges),
        cmocka_unit_test(test_xlsx_far_column),
        cmocka_unit_test(test_docx_spans),
        cmocka_unit_test(test_xml_depth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
