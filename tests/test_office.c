/*
** test_office.c - Office import on documents the test builds with libzip:
** a DOCX with merged cells (gridSpan, vMerge) read and round-tripped through
** the XLSX export; a hand-filled workbook (labels in other cells, blank rows,
** two forms on one sheet, a summary sheet, a hidden sheet, shared and inline
** strings, date and percent formats); and bad containers (corrupt ZIP,
** workbook without a form, DOCX without the 指标值 column, encrypted CFB),
** each rejected with exit 1, the file named and the database unchanged.
** Also the sheet-name rules of the XLSX export, and the reader functions
** directly.
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
#include <xlsxwriter.h>

#include "jixiao/export.h"
#include "jixiao/import.h"
#include "read.h"
#include "support.h"

/* ------------------------------------------------------------- builders */

typedef struct part {
    const char *name;
    const char *data;
} part;

/* Write a ZIP archive of parts to path. */
static void write_zip(const char *path, const part *parts, size_t n)
{
    int zerr = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    assert_non_null(za);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *src = zip_source_buffer(za, parts[i].data, strlen(parts[i].data), 0);
        assert_non_null(src);
        assert_true(zip_file_add(za, parts[i].name, src, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
}

/* Read a whole file (malloc'd, NUL-terminated). */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static const char docx_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-"
    "officedocument.wordprocessingml.document.main+xml\"/></Types>";

static const char docx_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

/* A paragraph, a plain cell, a cell spanning n columns, vMerge cells. */
#define P(t) "<w:p><w:r><w:t>" t "</w:t></w:r></w:p>"
#define TC(t) "<w:tc><w:p><w:r><w:t>" t "</w:t></w:r></w:p></w:tc>"
#define TCSPAN(n, t) "<w:tc><w:tcPr><w:gridSpan w:val=\"" #n "\"/></w:tcPr>" P(t) "</w:tc>"
#define TCV(t) "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" P(t) "</w:tc>"
#define TCVC "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
#define TR(cells) "<w:tr>" cells "</w:tr>"

/* The header table of the DOCX fixtures. */
#define DOCX_HEADER                                                                          \
    P("项目支出绩效目标申报表") P("（2023年度）") P("申报单位名称：示例区文化馆")            \
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"         \
    TR(TC("项目名称") TCSPAN(3, "社区文化活动提升项目"))                                     \
    TR(TC("主管部门") TC("示例区文化和旅游局") TC("项目类别") TC("特定目标类"))              \
    TR(TC("项目性质") "<w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr><w:p>"               \
       "<w:r><w:sym w:font=\"Wingdings\" w:char=\"F0A8\"/><w:t xml:space=\"preserve\">一次性项目 </w:t></w:r>" \
       "<w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FE\"/><w:t>经常性项目</w:t></w:r></w:p></w:tc>") \
    TR(TC("开始时间") TC("2023-01-01") TC("结束时间") TC("2023-12-31"))                      \
    TR(TC("年度资金申请总额（万元）") TC("120.5") TC("当年财政拨款（万元）") TC("100"))      \
    TR(TC("上年结转（万元）") TC("20.5") TC("其他资金（万元）") TC("0"))                     \
    TR(TC("年度绩效目标") TCSPAN(3, "举办社区文化活动不少于24场，群众满意度不低于90%。"))     \
    "</w:tbl>" P("")

/* A DOCX form whose indicator table merges level 1 and level 2 cells. */
static const char docx_merged[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<w:document " W_NS "><w:body>" DOCX_HEADER
    "<w:tbl>"
    TR(TC("一级指标") TC("二级指标") TC("三级指标") TC("指标值"))
    TR(TCV("产出指标") TCV("数量指标") TC("举办文化活动场次") TC("≥24场"))
    TR(TCVC TCVC "<w:tc><w:p><w:r><w:t>参与</w:t></w:r><w:r><w:t>群众人次</w:t></w:r></w:p></w:tc>"
       TC("≥5000人次"))
    TR(TCVC TCV("质量指标") TC("活动验收合格率") TC("≥95%"))
    TR(TCVC TC("时效指标") TC("活动按期完成率") TC("=100%"))
    TR(TCV("效益指标") TC("社会效益指标") TC("群众文化参与度") TC("明显提升"))
    TR(TCV("满意度指标") TC("服务对象满意度指标") TC("群众满意度") TC("≥90%"))
    TR(TCSPAN(2, "成本指标") TC("项目总成本") TC("≤120.5万元"))
    "</w:tbl><w:sectPr/></w:body></w:document>";

/* The same header, but an indicator table without the 指标值 column. */
static const char docx_no_target[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<w:document " W_NS "><w:body>" DOCX_HEADER
    "<w:tbl>"
    TR(TC("一级指标") TC("二级指标") TC("三级指标"))
    TR(TC("产出指标") TC("数量指标") TC("举办文化活动场次"))
    "</w:tbl></w:body></w:document>";

/* Build a .docx at dir/name from a document.xml. */
static char *make_docx(const char *dir, const char *name, const char *document)
{
    char *path = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(path, "%s/%s", dir, name);
    part parts[] = {{"[Content_Types].xml", docx_types}, {"_rels/.rels", docx_rels},
                    {"word/document.xml", document}};
    write_zip(path, parts, 3);
    return path;
}

#define S_NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define R_NS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

static const char xlsx_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";

static const char xlsx_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

#define RELTYPE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* Workbook: 说明 (prose), 申报表 (two forms), 汇总 (a list), 草稿 (hidden). */
static const char hand_workbook[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<workbook " S_NS " " R_NS "><workbookPr/><sheets>"
    "<sheet name=\"说明\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"申报表\" sheetId=\"2\" r:id=\"rId2\"/>"
    "<sheet name=\"汇总\" sheetId=\"3\" r:id=\"rId3\"/>"
    "<sheet name=\"草稿\" sheetId=\"4\" state=\"hidden\" r:id=\"rId4\"/>"
    "</sheets></workbook>";

static const char hand_workbook_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" RELTYPE "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" RELTYPE "worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" RELTYPE "worksheet\" Target=\"worksheets/sheet3.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" RELTYPE "worksheet\" Target=\"worksheets/sheet4.xml\"/>"
    "<Relationship Id=\"rId5\" Type=\"" RELTYPE "sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId6\" Type=\"" RELTYPE "styles\" Target=\"styles.xml\"/>"
    "</Relationships>";

/* Shared strings 0.. (rich text runs and a phonetic run that is not text). */
static const char hand_sst[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst " S_NS ">"
    "<si><t>2024年度项目支出绩效目标申报表</t></si>"                    /* 0 */
    "<si><t>项目名称</t></si>"                                          /* 1 */
    "<si><r><t>智慧养老</t></r><r><t>服务平台运维</t></r><rPh><t>x</t></rPh></si>" /* 2 */
    "<si><t>申报单位：示例区民政局</t></si>"                            /* 3 */
    "<si><t>主管部门</t></si>"                                          /* 4 */
    "<si><t>示例区人民政府</t></si>"                                    /* 5 */
    "<si><t>项目资金（万元）</t></si>"                                  /* 6 */
    "<si><t>当年财政拨款（万元）</t></si>"                              /* 7 */
    "<si><t>开始时间</t></si>"                                          /* 8 */
    "<si><t>结束时间</t></si>"                                          /* 9 */
    "<si><t>年度绩效目标</t></si>"                                      /* 10 */
    "<si><t xml:space=\"preserve\">保障平台全年\n稳定运行。_x000D_</t></si>" /* 11 */
    "<si><t>一级指标</t></si><si><t>二级指标</t></si><si><t>三级指标</t></si><si><t>指标值</t></si>" /* 12-15 */
    "<si><t>产出指标</t></si>"                                          /* 16 */
    "<si><t>数量指标</t></si><si><t>服务老人数</t></si><si><t>≥3000人</t></si>" /* 17-19 */
    "<si><t>质量指标</t></si><si><t>系统可用率</t></si>"               /* 20-21 */
    "<si><t>时效指标</t></si><si><t>故障响应时间</t></si><si><t>≤2小时</t></si>" /* 22-24 */
    "<si><t>满意度指标</t></si><si><t>服务对象满意度指标</t></si><si><t>老人满意度</t></si>" /* 25-27 */
    "<si><t>≥90%</t></si>"                                              /* 28 */
    "</sst>";

static const char hand_styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet " S_NS ">"
    "<numFmts count=\"1\"><numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
    "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"10\"/>"
    "<xf numFmtId=\"176\"/></cellXfs></styleSheet>";

static const char hand_sheet1[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " S_NS "><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>填报说明：请按表格填写。</t></is></c></row>"
    "</sheetData></worksheet>";

/* Two forms on one sheet: the first titled, the second starting at 项目名称. */
#define IS(ref, t) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" t "</t></is></c>"
#define SS(ref, i) "<c r=\"" ref "\" t=\"s\"><v>" #i "</v></c>"
static const char hand_sheet2[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " S_NS "><sheetData>"
    "<row r=\"1\">" SS("A1", 0) "</row>"
    "<row r=\"2\"><c r=\"A2\"/><c r=\"B2\" t=\"s\"/></row>"
    "<row r=\"3\">" SS("B3", 1) SS("C3", 2) "</row>"
    "<row r=\"4\">" SS("B4", 3) SS("E4", 4) SS("F4", 5) "</row>"
    "<row r=\"5\">" SS("B5", 6) "<c r=\"C5\"><v>88.8</v></c>" SS("D5", 7)
    "<c r=\"E5\"><v>80.000000000000014</v></c></row>"
    "<row r=\"6\">" SS("B6", 8) "<c r=\"C6\" s=\"1\"><v>45292</v></c>" SS("D6", 9)
    "<c r=\"E6\" s=\"3\"><v>45657</v></c></row>"
    "<row r=\"8\">" SS("B8", 10) SS("C8", 11) "</row>"
    "<row r=\"9\">" SS("B9", 12) SS("C9", 13) SS("D9", 14) SS("E9", 15) "</row>"
    "<row r=\"10\">" SS("B10", 16) SS("C10", 17) SS("D10", 18) SS("E10", 19) "</row>"
    "<row r=\"11\">" IS("B11", "旧值") SS("C11", 20) SS("D11", 21)
    "<c r=\"E11\" s=\"2\"><v>0.995</v></c></row>"
    "<row r=\"12\">" SS("C12", 22) SS("D12", 23) SS("E12", 24) "</row>"
    "<row r=\"13\">" SS("B13", 25) SS("C13", 26) SS("D13", 27) SS("E13", 28) "</row>"
    "<row r=\"15\">" IS("A15", "项目名称") IS("B15", "社区助餐点补贴") "</row>"
    "<row r=\"16\">" IS("A16", "申报单位") IS("B16", "示例区民政局") "</row>"
    "<row r=\"17\">" IS("A17", "项目总预算（元）") IS("B17", "350,000") "</row>"
    "<row r=\"18\">" IS("A18", "一级指标") IS("B18", "二级指标") IS("C18", "三级指标") IS("D18", "指标值") "</row>"
    "<row r=\"19\"><c t=\"inlineStr\"><is><t>产出指标</t></is></c><c t=\"inlineStr\"><is><t>数量指标</t></is></c>"
    "<c t=\"inlineStr\"><is><t>助餐点数量</t></is></c><c t=\"str\"><f>\"=5\"&amp;\"个\"</f><v>=5个</v></c></row>"
    "<row r=\"20\">" IS("A20", "效益指标") IS("B20", "社会效益指标") IS("C20", "老人就餐便利度") IS("D20", "提高") "</row>"
    "</sheetData><mergeCells count=\"2\"><mergeCell ref=\"A1:F1\"/><mergeCell ref=\"B10:B12\"/>"
    "</mergeCells></worksheet>";

static const char hand_sheet3[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " S_NS "><sheetData>"
    "<row r=\"1\">" IS("A1", "项目名称") IS("B1", "一级指标") IS("C1", "指标值") "</row>"
    "<row r=\"2\">" SS("A2", 2) SS("B2", 16) SS("C2", 19) "</row>"
    "</sheetData></worksheet>";

static const char hand_sheet4[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " S_NS "><sheetData>"
    "<row r=\"1\">" IS("A1", "项目支出绩效目标申报表") "</row>"
    "<row r=\"2\">" IS("A2", "项目名称") IS("B2", "草稿项目") "</row>"
    "</sheetData></worksheet>";

/* A workbook whose only sheet is an ordinary table, no form. */
static const char plain_workbook[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<workbook " S_NS " " R_NS "><sheets><sheet name=\"通讯录\" sheetId=\"1\" r:id=\"rId1\"/>"
    "</sheets></workbook>";
static const char plain_workbook_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" RELTYPE "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "</Relationships>";
static const char plain_sheet[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " S_NS "><sheetData>"
    "<row r=\"1\">" IS("A1", "姓名") IS("B1", "电话") "</row>"
    "<row r=\"2\">" IS("A2", "张三") "<c r=\"B2\"><v>13800000000</v></c></row>"
    "</sheetData></worksheet>";

/* Build the hand-filled workbook at dir/name. */
static char *make_hand_xlsx(const char *dir, const char *name)
{
    char *path = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(path, "%s/%s", dir, name);
    part parts[] = {{"[Content_Types].xml", xlsx_types}, {"_rels/.rels", xlsx_rels},
                    {"xl/workbook.xml", hand_workbook},
                    {"xl/_rels/workbook.xml.rels", hand_workbook_rels},
                    {"xl/sharedStrings.xml", hand_sst}, {"xl/styles.xml", hand_styles},
                    {"xl/worksheets/sheet1.xml", hand_sheet1}, {"xl/worksheets/sheet2.xml", hand_sheet2},
                    {"xl/worksheets/sheet3.xml", hand_sheet3}, {"xl/worksheets/sheet4.xml", hand_sheet4}};
    write_zip(path, parts, sizeof parts / sizeof *parts);
    return path;
}

/*
** A minimal OLE compound file as Office writes for a password-protected
** document: the CFB header and a directory naming EncryptionInfo and
** EncryptedPackage (UTF-16LE). Contents are zeros.
*/
static void write_encrypted(const char *path)
{
    unsigned char buf[512 * 4];
    memset(buf, 0, sizeof buf);
    static const unsigned char magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    memcpy(buf, magic, 8);
    buf[24] = 0x3E; buf[26] = 0x03;            /* minor 0x3E, major 3 */
    buf[28] = 0xFE; buf[29] = 0xFF;            /* byte order */
    buf[30] = 0x09; buf[32] = 0x06;            /* sector shifts */
    const char *names[] = {"Root Entry", "EncryptionInfo", "EncryptedPackage"};
    for (int e = 0; e < 3; e++) {
        unsigned char *d = buf + 512 + 128 * e;
        size_t n = strlen(names[e]);
        for (size_t i = 0; i < n; i++) d[2 * i] = (unsigned char)names[e][i];
        d[64] = (unsigned char)(2 * (n + 1));
        d[66] = e == 0 ? 5 : 2;                 /* root storage / stream */
    }
    jxt_write(path, buf, sizeof buf);
}

/* ------------------------------------------------------------- helpers */

/*
** The JSON export without what depends on where a form came from: ids,
** sources, lines, and fields[] (the labels as the document wrote them, which
** a re-rendering writes in its own words; the typed fields are compared).
*/
static json_t *comparable(json_t *root)
{
    json_t *forms = json_object_get(root, "forms");
    size_t i;
    json_t *f;
    json_array_foreach(forms, i, f) {
        json_object_del(f, "id");
        json_object_del(f, "source");
        json_object_del(f, "fields");
        size_t k;
        json_t *ind;
        json_array_foreach(json_object_get(f, "indicators"), k, ind) json_object_del(ind, "line");
    }
    return root;
}

/* A digest of the whole database, to prove a failed import changed nothing. */
static char *db_digest(const char *db)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "sqlite3 '%s' .dump | sha256sum", db);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[200] = "";
    assert_non_null(fgets(line, sizeof line, p));
    pclose(p);
    return strdup(line);
}

/* A string member of an object, or NULL. */
static const char *str_at(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* A number member of an object (0 when absent). */
static double num_at(json_t *o, const char *key)
{
    return json_number_value(json_object_get(o, key));
}

/* ---------------------------------------------------------------- tests */

/* DOCX with gridSpan and vMerge: fields, check box, merged levels. */
static void test_docx_merged_cells(void **state)
{
    (void)state;
    char *dir = jxt_tmpdir(), db[600];
    char *path = make_docx(dir, "merged.docx", docx_merged);
    snprintf(db, sizeof db, "%s/t.db", dir);
    const char *files[] = {path};
    json_t *root = jxt_import_export(db, files, 1);
    assert_non_null(root);
    json_t *forms = json_object_get(root, "forms");
    assert_int_equal(json_array_size(forms), 1);
    json_t *f = json_array_get(forms, 0);
    assert_string_equal(str_at(f, "name"), "社区文化活动提升项目");
    assert_string_equal(str_at(f, "unit"), "示例区文化馆");
    assert_string_equal(str_at(f, "department"), "示例区文化和旅游局");
    assert_string_equal(str_at(f, "category"), "特定目标类");
    assert_string_equal(str_at(f, "nature"), "经常性项目");
    assert_int_equal((int)json_integer_value(json_object_get(f, "year")), 2023);
    assert_string_equal(str_at(f, "framework"), "national-2021");
    assert_string_equal(str_at(json_object_get(f, "source"), "file"), "merged.docx");
    json_t *b = json_object_get(f, "budget");
    assert_true(num_at(b, "total") == 1205000.0);
    assert_true(num_at(b, "year") == 1000000.0);
    assert_true(num_at(b, "carryover") == 205000.0);
    assert_true(num_at(b, "other") == 0.0);
    json_t *inds = json_object_get(f, "indicators");
    assert_int_equal(json_array_size(inds), 7);
    static const char *const want[7][4] = {
        {"产出指标", "数量指标", "举办文化活动场次", "≥24场"},
        {"产出指标", "数量指标", "参与群众人次", "≥5000人次"},
        {"产出指标", "质量指标", "活动验收合格率", "≥95%"},
        {"产出指标", "时效指标", "活动按期完成率", "=100%"},
        {"效益指标", "社会效益指标", "群众文化参与度", "明显提升"},
        {"满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"},
        {"成本指标", NULL, "项目总成本", "≤120.5万元"},
    };
    for (size_t i = 0; i < 7; i++) {
        json_t *ind = json_array_get(inds, i);
        assert_string_equal(str_at(ind, "level1"), want[i][0]);
        if (want[i][1]) assert_string_equal(str_at(ind, "level2"), want[i][1]);
        assert_string_equal(str_at(ind, "name"), want[i][2]);
        assert_string_equal(str_at(json_object_get(ind, "target"), "text"), want[i][3]);
    }
    json_decref(root);
    free(path);
    jxt_rmtree(dir);
    free(dir);
}

/* DOCX -> import -> XLSX export -> import gives the same JSON. */
static void test_docx_xlsx_round_trip(void **state)
{
    (void)state;
    char *dir = jxt_tmpdir(), db1[600], db2[600], xlsx[600], args[2000];
    char *path = make_docx(dir, "merged.docx", docx_merged);
    snprintf(db1, sizeof db1, "%s/a.db", dir);
    snprintf(db2, sizeof db2, "%s/b.db", dir);
    snprintf(xlsx, sizeof xlsx, "%s/out.xlsx", dir);
    const char *files[] = {path};
    json_t *a = jxt_import_export(db1, files, 1);
    assert_non_null(a);
    snprintf(args, sizeof args, "--db '%s' export --format xlsx -o '%s'", db1, xlsx);
    assert_int_equal(jxt_jixiao(args, NULL, NULL), 0);
    const char *files2[] = {xlsx};
    json_t *b = jxt_import_export(db2, files2, 1);
    assert_non_null(b);
    comparable(a);
    comparable(b);
    if (!json_equal(a, b)) {
        char *sa = json_dumps(a, JSON_INDENT(1)), *sb = json_dumps(b, JSON_INDENT(1));
        fprintf(stderr, "before:\n%s\nafter:\n%s\n", sa, sb);
        free(sa); free(sb);
    }
    assert_true(json_equal(a, b));
    json_decref(a);
    json_decref(b);
    free(path);
    jxt_rmtree(dir);
    free(dir);
}

/* A workbook filled by hand: labels moved, blank rows, two forms, extra sheets. */
static void test_hand_filled_xlsx(void **state)
{
    (void)state;
    char *dir = jxt_tmpdir(), db[600];
    char *path = make_hand_xlsx(dir, "hand.xlsx");
    snprintf(db, sizeof db, "%s/t.db", dir);
    const char *files[] = {path};
    json_t *root = jxt_import_export(db, files, 1);
    assert_non_null(root);
    json_t *forms = json_object_get(root, "forms");
    assert_int_equal(json_array_size(forms), 2);

    json_t *f = json_array_get(forms, 0);
    assert_string_equal(str_at(f, "name"), "智慧养老服务平台运维");
    assert_string_equal(str_at(f, "unit"), "示例区民政局");
    assert_string_equal(str_at(f, "department"), "示例区人民政府");
    assert_string_equal(str_at(f, "goal"), "保障平台全年 稳定运行。");
    assert_int_equal((int)json_integer_value(json_object_get(json_object_get(f, "source"), "line")), 1);
    json_t *period = json_object_get(f, "period");
    assert_string_equal(str_at(period, "start"), "2024-01-01");
    assert_string_equal(str_at(period, "end"), "2024-12-31");
    assert_int_equal((int)json_integer_value(json_object_get(f, "year")), 2024);
    json_t *b = json_object_get(f, "budget");
    assert_true(num_at(b, "total") == 888000.0);
    assert_true(num_at(b, "year") == 800000.0);   /* 80.000000000000014 at 15 digits */
    json_t *inds = json_object_get(f, "indicators");
    assert_int_equal(json_array_size(inds), 4);
    json_t *avail = json_array_get(inds, 1);
    assert_string_equal(str_at(avail, "level1"), "产出指标");
    assert_string_equal(str_at(avail, "level2"), "质量指标");
    assert_string_equal(str_at(json_object_get(avail, "target"), "text"), "99.50%");
    assert_true(num_at(json_object_get(avail, "target"), "value") == 99.5);
    assert_int_equal((int)json_integer_value(json_object_get(avail, "line")), 11);
    /* B11 is inside the merged B10:B12: its stale text is not read. */
    assert_string_equal(str_at(json_array_get(inds, 2), "level1"), "产出指标");
    assert_string_equal(str_at(json_array_get(inds, 3), "level1"), "满意度指标");

    json_t *g = json_array_get(forms, 1);
    assert_string_equal(str_at(g, "name"), "社区助餐点补贴");
    assert_true(num_at(json_object_get(g, "budget"), "total") == 350000.0);
    json_t *ginds = json_object_get(g, "indicators");
    assert_int_equal(json_array_size(ginds), 2);
    assert_string_equal(str_at(json_object_get(json_array_get(ginds, 0), "target"), "text"), "=5个");
    json_decref(root);
    free(path);
    jxt_rmtree(dir);
    free(dir);
}

/*
** A workbook whose sheet carries the target table and, below it, the
** project's narrative (项目经费情况说明 with its numbered sections): the
** indicator table stops at the narrative's title and its headings; the
** narrative's text is no indicator.
*/
static void test_xlsx_narrative_after_table(void **state)
{
    (void)state;
    char *dir = jxt_tmpdir(), path[600], db[600];
    snprintf(path, sizeof path, "%s/narr.xlsx", dir);
    snprintf(db, sizeof db, "%s/t.db", dir);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "表1");
    const char *rows[][4] = {
        {"项目支出绩效目标申报表", NULL, NULL, NULL},
        {"项目名称", "社区助餐点补贴", NULL, NULL},
        {"项目总预算（万元）", "35", NULL, NULL},
        {"一级指标", "二级指标", "三级指标", "指标值"},
        {"产出指标", "数量指标", "助餐点数量", "=5个"},
        {NULL, "质量指标", "食品安全合格率", "=100%"},
        {"满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%"},
        {NULL, NULL, NULL, NULL},
        {"社区助餐点补贴项目经费情况说明", NULL, NULL, NULL},
        {"一、项目概述", NULL, NULL, NULL},
        {"为辖区老年人提供助餐服务，补贴社区助餐点运营。", NULL, NULL, NULL},
        {"二、立项依据", NULL, NULL, NULL},
        {"《示例区养老服务条例》", NULL, NULL, NULL},
        {"三、年度预算安排", NULL, NULL, NULL},
        {"预算35万元", NULL, NULL, NULL},
    };
    for (int r = 0; r < (int)(sizeof rows / sizeof *rows); r++)
        for (int c = 0; c < 4; c++)
            if (rows[r][c]) worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, rows[r][c], NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    const char *files[] = {path};
    json_t *root = jxt_import_export(db, files, 1);
    assert_non_null(root);
    json_t *forms = json_object_get(root, "forms");
    assert_int_equal(json_array_size(forms), 1);
    json_t *inds = json_object_get(json_array_get(forms, 0), "indicators");
    assert_int_equal(json_array_size(inds), 3);
    json_t *last = json_array_get(inds, 2);
    assert_string_equal(str_at(last, "name"), "老年人满意度");
    assert_string_equal(str_at(json_object_get(last, "target"), "text"), "≥90%");
    json_decref(root);
    jxt_rmtree(dir);
    free(dir);
}

/* The reader functions on their own: sheets, rows, merged cells. */
static void test_readers_direct(void **state)
{
    (void)state;
    char *dir = jxt_tmpdir();
    char *path = make_hand_xlsx(dir, "hand.xlsx");
    size_t len;
    char *data = read_all(path, &len);
    jx_sheets sheets = {0};
    jx_error err;
    jx_error_clear(&err);
    assert_int_equal(jx_xlsx_read(data, len, "hand.xlsx", &sheets, &err), JX_OK);
    assert_int_equal(sheets.count, 3);                 /* the hidden sheet is not read */
    assert_string_equal(sheets.items[1].name, "申报表");
    const jx_rows *rows = &sheets.items[1].rows;
    assert_int_equal(rows->items[0].line, 1);
    assert_string_equal(rows->items[0].cells[0], "2024年度项目支出绩效目标申报表");
    assert_int_equal(rows->items[1].line, 3);          /* row 2 is empty: dropped */
    assert_string_equal(rows->items[1].cells[0], "");
    assert_string_equal(rows->items[1].cells[2], "智慧养老服务平台运维");
    assert_string_equal(rows->items[3].cells[2], "88.8");
    assert_string_equal(rows->items[3].cells[4], "80");
    jx_sheets_free(&sheets);
    free(data);

    char *docx = make_docx(dir, "merged.docx", docx_merged);
    data = read_all(docx, &len);
    jx_rows drows = {0};
    assert_int_equal(jx_docx_read(data, len, "merged.docx", &drows, &err), JX_OK);
    /* 3 paragraphs, 7 header rows, the empty paragraph is no row, 8 table rows */
    assert_int_equal(drows.count, 3 + 7 + 8);
    const jx_row *r = &drows.items[3];                 /* 项目名称 | span 3 */
    assert_int_equal(r->ncells, 2);
    assert_string_equal(r->cells[1], "社区文化活动提升项目");
    r = &drows.items[5];
    assert_string_equal(r->cells[1], "☐一次性项目 ☑经常性项目");
    r = &drows.items[12];                              /* vMerge continuation */
    assert_int_equal(r->ncells, 4);
    assert_string_equal(r->cells[0], "");
    assert_string_equal(r->cells[1], "");
    assert_string_equal(r->cells[2], "参与群众人次");
    r = &drows.items[17];                              /* gridSpan 2 */
    assert_int_equal(r->ncells, 4);
    assert_string_equal(r->cells[0], "成本指标");
    assert_string_equal(r->cells[1], "");
    jx_rows_free(&drows);
    free(data);
    free(docx);
    free(path);
    jxt_rmtree(dir);
    free(dir);
}

/* expect_rejected: exit 1, stderr names file and matches needle, db unchanged. */
static void expect_rejected(const char *db, const char *path, const char *base, const char *needle)
{
    char *before = db_digest(db), args[1500], *err = NULL;
    snprintf(args, sizeof args, "--db '%s' import '%s'", db, path);
    int rc = jxt_jixiao(args, NULL, &err);
    fprintf(stderr, "%s -> %d: %s", base, rc, err);
    assert_int_equal(rc, 1);
    char prefix[400];
    snprintf(prefix, sizeof prefix, "jixiao: import: %s", base);
    assert_non_null(strstr(err, prefix));
    assert_non_null(strstr(err, needle));
    char *after = db_digest(db);
    assert_string_equal(before, after);
    free(before);
    free(after);
    free(err);
}

/* Bad containers: each a clear error, the database as it was. */
static void test_bad_containers(void **state)
{
    (void)state;
    char *dir = jxt_tmpdir(), db[600], p[700];
    snprintf(db, sizeof db, "%s/t.db", dir);
    char *good = make_docx(dir, "good.docx", docx_merged);
    const char *files[] = {good};
    json_t *root = jxt_import_export(db, files, 1);
    assert_non_null(root);
    json_decref(root);

    /* A ZIP cut in half. */
    size_t len;
    char *data = read_all(good, &len);
    snprintf(p, sizeof p, "%s/corrupt.xlsx", dir);
    jxt_write(p, data, len / 2);
    expect_rejected(db, p, "corrupt.xlsx", "corrupt ZIP archive");
    /* ZIP magic and garbage after it. */
    snprintf(p, sizeof p, "%s/garbage.docx", dir);
    static const char garbage[] = "PK\003\004garbage garbage garbage";
    jxt_write(p, garbage, sizeof garbage - 1);
    expect_rejected(db, p, "garbage.docx", "corrupt ZIP archive");
    free(data);

    /* A workbook with no form in it. */
    snprintf(p, sizeof p, "%s/noform.xlsx", dir);
    part parts[] = {{"[Content_Types].xml", xlsx_types}, {"_rels/.rels", xlsx_rels},
                    {"xl/workbook.xml", plain_workbook},
                    {"xl/_rels/workbook.xml.rels", plain_workbook_rels},
                    {"xl/worksheets/sheet1.xml", plain_sheet}};
    write_zip(p, parts, sizeof parts / sizeof *parts);
    expect_rejected(db, p, "noform.xlsx", "no performance-target form found");

    /* A DOCX whose indicator table lacks the 指标值 column. */
    char *nt = make_docx(dir, "no_target.docx", docx_no_target);
    expect_rejected(db, nt, "no_target.docx", "指标值");
    free(nt);

    /* A password-protected document (an encrypted OOXML package in a CFB). */
    snprintf(p, sizeof p, "%s/protected.xlsx", dir);
    write_encrypted(p);
    expect_rejected(db, p, "protected.xlsx", "password-protected");

    /* A ZIP that is neither workbook nor document. */
    snprintf(p, sizeof p, "%s/other.zip", dir);
    part other[] = {{"readme.txt", "hello"}};
    write_zip(p, other, 1);
    expect_rejected(db, p, "other.zip", "neither an .xlsx");

    free(good);
    jxt_rmtree(dir);
    free(dir);
}

/* Sheet names: Excel's characters, 31 characters, unique. */
static void test_sheet_names(void **state)
{
    (void)state;
    char out[128];
    jx_xlsx_sheet_name("a[b]c:d*e?f/g\\h", NULL, 0, out);
    assert_string_equal(out, "a_b_c_d_e_f_g_h");
    jx_xlsx_sheet_name("12 上海市财政支出项目绩效目标申报表之人力资源和社会保障局咨询服务中心", NULL, 0, out);
    size_t chars = 0;
    for (const char *s = out; *s; s++) chars += ((unsigned char)*s & 0xC0) != 0x80;
    assert_int_equal(chars, 31);
    assert_string_equal(out, "12 上海市财政支出项目绩效目标申报表之人力资源和社会保障局咨");
    const char *used[] = {"项目汇总", "ABC"};
    jx_xlsx_sheet_name("项目汇总", used, 2, out);
    assert_string_equal(out, "项目汇总(2)");
    jx_xlsx_sheet_name("abc", used, 2, out);
    assert_string_equal(out, "abc(2)");
    jx_xlsx_sheet_name("'quoted'", NULL, 0, out);
    assert_string_equal(out, "quoted");
    jx_xlsx_sheet_name("", NULL, 0, out);
    assert_string_equal(out, "Sheet");
    const char *full[] = {"1234567890123456789012345678901"};
    jx_xlsx_sheet_name("1234567890123456789012345678901", full, 1, out);
    assert_string_equal(out, "1234567890123456789012345678(2)");
}

/* Run the Office tests. */
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sheet_names),
        cmocka_unit_test(test_readers_direct),
        cmocka_unit_test(test_docx_merged_cells),
        cmocka_unit_test(test_docx_xlsx_round_trip),
        cmocka_unit_test(test_hand_filled_xlsx),
        cmocka_unit_test(test_xlsx_narrative_after_table),
        cmocka_unit_test(test_bad_containers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
