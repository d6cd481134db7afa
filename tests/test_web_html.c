/*
** test_web_html.c - the escaping and text helpers every page relies on
** (web/html.c): HTML escaping of document text, URL encoding, the UTF-8
** check applied to query parameters, money in 万元, and the SVG chart.
**
** And the API's JSON writer (web/json_out.c): byte for byte what jansson's
** json_dumps writes with the flags the API used, on hand-made values (every
** escape, reals of every shape, empty and nested containers) and on the
** export of real documents.
**
** web/html.c and web/json_out.c belong to the jixiao binary, not to the
** library, so they are compiled into this test directly.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <math.h>

#include "jixiao/store.h"
#include "../web/html.c"
#include "../web/json_out.c"
#include "support.h"

/* The buffer's text after f(b, s). */
static char *render(void (*f)(jx_buf *, const char *), const char *s)
{
    jx_buf b = {0};
    f(&b, s);
    return jx_buf_take(&b);
}

static void test_html_text_escapes_markup(void **state)
{
    (void)state;
    char *t = render(html_text, "<script>alert(1)</script>");
    assert_string_equal(t, "&lt;script&gt;alert(1)&lt;/script&gt;");
    free(t);
    t = render(html_text, "a&b \"q\" 'p' <img src=x onerror=alert(2)>");
    assert_string_equal(t, "a&amp;b &quot;q&quot; &#39;p&#39; &lt;img src=x onerror=alert(2)&gt;");
    free(t);
    t = render(html_text, "&lt;already&gt;");
    assert_string_equal(t, "&amp;lt;already&amp;gt;");
    free(t);
    t = render(html_text, "家庭医生签约服务能力提升项目");
    assert_string_equal(t, "家庭医生签约服务能力提升项目");
    free(t);
    t = render(html_text, NULL);
    assert_string_equal(t, "");
    free(t);
}

static void test_html_text_or(void **state)
{
    (void)state;
    jx_buf b = {0};
    html_text_or(&b, NULL, "<无>");
    html_text_or(&b, "", "-");
    html_text_or(&b, "x<y", "-");
    assert_string_equal(b.data, "&lt;无&gt;-x&lt;y");
    jx_buf_free(&b);
}

static void test_url_encode(void **state)
{
    (void)state;
    char *t = render(url_encode, "图书馆 a&b=c/d?e#f\"<>'");
    assert_string_equal(t, "%E5%9B%BE%E4%B9%A6%E9%A6%86%20a%26b%3Dc%2Fd%3Fe%23f%22%3C%3E%27");
    free(t);
    t = render(url_encode, "Az09-_.~");
    assert_string_equal(t, "Az09-_.~");
    free(t);
}

static void test_text_ok(void **state)
{
    (void)state;
    assert_true(web_text_ok(""));
    assert_true(web_text_ok("年度 2023\t项目\n"));
    assert_true(web_text_ok("≥98% 𠀀"));              /* 3- and 4-byte sequences */
    assert_false(web_text_ok("\xff\xfe"));             /* not UTF-8 */
    assert_false(web_text_ok("\xc0\xaf"));             /* overlong '/' */
    assert_false(web_text_ok("\xe0\x80\xaf"));         /* overlong '/' */
    assert_false(web_text_ok("\xed\xa0\x80"));         /* a surrogate */
    assert_false(web_text_ok("\xf4\x90\x80\x80"));     /* past U+10FFFF */
    assert_false(web_text_ok("\xe5\x9b"));             /* truncated */
    assert_false(web_text_ok("a\x01"));                /* control character */
    assert_false(web_text_ok("a\x7f"));
}

static void test_format_wan(void **state)
{
    (void)state;
    char buf[32];
    web_format_wan(245000000, buf, sizeof buf);   /* 2,450,000.00 yuan */
    assert_string_equal(buf, "245.00");
    web_format_wan(5000, buf, sizeof buf);        /* 50 yuan rounds half up to 0.01 万元 */
    assert_string_equal(buf, "0.01");
    web_format_wan(4999, buf, sizeof buf);
    assert_string_equal(buf, "0.00");
    web_format_wan(-1234567800, buf, sizeof buf);
    assert_string_equal(buf, "-1234.57");
    web_format_wan(JX_NO_AMOUNT, buf, sizeof buf);
    assert_string_equal(buf, "-");
}

static void test_svg_chart_escapes_and_scales(void **state)
{
    (void)state;
    const char *labels[] = {"<b>单位</b>", "示例区公共图书馆古籍数字化项目管理办公室附属中心"};
    const double values[] = {300, 100};
    const char *texts[] = {"3.00 万元", "1.00 万元"};
    jx_buf b = {0};
    svg_bar_chart(&b, "各单位\"资金\"", labels, values, texts, 2, "money");
    assert_non_null(strstr(b.data, "<svg class=\"chart money\""));
    assert_null(strstr(b.data, "<b>"));
    assert_non_null(strstr(b.data, "&lt;b&gt;单位&lt;/b&gt;"));
    assert_non_null(strstr(b.data, "各单位&quot;资金&quot;"));
    /* A long label is cut on a character boundary, the full text kept in the bar's title. */
    assert_non_null(strstr(b.data, "示例区公共图书馆古籍数字化项目管…</text>"));
    assert_non_null(strstr(b.data, "<title>示例区公共图书馆古籍数字化项目管理办公室附属中心：1.00 万元</title>"));
    /* Bars scale to the largest value: the first is three times the second. */
    const char *r1 = strstr(b.data, "<rect"), *r2 = r1 ? strstr(r1 + 1, "<rect") : NULL;
    assert_non_null(r2);
    double w1 = atof(strstr(r1, "width=\"") + 7), w2 = atof(strstr(r2, "width=\"") + 7);
    assert_true(w1 > 0 && w2 > 0);
    assert_true(w1 / w2 > 2.99 && w1 / w2 < 3.01);
    jx_buf_free(&b);

    svg_bar_chart(&b, "空", NULL, NULL, NULL, 0, "empty");
    assert_non_null(strstr(b.data, "（无数据）"));
    assert_null(strstr(b.data, "<rect"));
    jx_buf_free(&b);
}

/* web_json_write(v) is json_dumps(v) exactly; v is consumed. */
static void assert_same_json(json_t *v)
{
    char *want = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) | JSON_ENCODE_ANY);
    jx_buf b = {0};
    web_json_write(&b, v);
    assert_non_null(want);
    assert_non_null(b.data);
    assert_string_equal(b.data, want);
    free(want);
    jx_buf_free(&b);
    json_decref(v);
}

static void test_json_write_values(void **state)
{
    (void)state;
    static const double reals[] = {0.0, -0.0, 1, -1, 0.5, 0.85, 0.1, 0.01, 0.005, 12.34, -12.34, 100,
                                   71387200, 71387200.01, 123456789012.34, 9999999999999.99, 1e13, 1e15,
                                   1e16, 1e17, 1e20, 1e-5, 1.5e-7, 3.14159265358979, 2.0 / 3, 1e300,
                                   -1e-300, 123.456, 0.125, 99.995, 1234567.891, 5e-324};
    for (size_t i = 0; i < sizeof reals / sizeof *reals; i++) assert_same_json(json_real(reals[i]));
    static const long long ints[] = {0, 1, -1, 42, 1234567890123LL, -9223372036854775807LL - 1,
                                     9223372036854775807LL};
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) assert_same_json(json_integer(ints[i]));
    assert_same_json(json_string(""));
    assert_same_json(json_string("a\"b\\c/d\b\f\n\r\t\x01\x1f\x7f 预算“绩效” 𠀀"));
    assert_same_json(json_stringn("nul\0inside", 11));
    assert_same_json(json_true());
    assert_same_json(json_false());
    assert_same_json(json_null());
    assert_same_json(json_object());
    assert_same_json(json_array());
    json_t *deep = json_integer(7);
    for (int d = 0; d < 40; d++) {   /* deeper than the writer's table of spaces */
        json_t *o = d % 2 ? json_object() : json_array();
        if (d % 2) json_object_set_new(o, "k", deep);
        else json_array_append_new(o, deep);
        deep = o;
    }
    assert_same_json(deep);
    json_t *o = json_pack("{s:i, s:s, s:[i, f, {}, [], {s:n}], s:{s:b, s:f}, s:o}", "id", 3, "名称", "项目\n",
                          "list", 1, 2.5, "x", "nested", "t", 1, "yuan", 245.0, "empty", json_object());
    json_object_set_new(o, "key \"quoted\"", json_string("v"));
    assert_same_json(o);
}

/* The JSON export of the bundled examples and the disclosure fixtures, written both ways. */
static void test_json_write_export(void **state)
{
    (void)state;
    const char *src = jxt_env("JIXIAO_SOURCE_DIR"), *fx = jxt_env("JIXIAO_FIXTURES");
    char paths[6][1024];
    snprintf(paths[0], sizeof paths[0], "%s/examples/2019_markdown_health.md", src);
    snprintf(paths[1], sizeof paths[1], "%s/examples/2020_tsv_gb18030_training.txt", src);
    snprintf(paths[2], sizeof paths[2], "%s/examples/2023_tsv_culture_employment.txt", src);
    snprintf(paths[3], sizeof paths[3], "%s/disclosure/invented.txt", fx);
    snprintf(paths[4], sizeof paths[4], "%s/variants.md", fx);
    snprintf(paths[5], sizeof paths[5], "%s/disclosure/cross.txt", fx);
    const char *files[6];
    for (int i = 0; i < 6; i++) files[i] = paths[i];
    char *dir = jxt_tmpdir();
    char db[1200];
    snprintf(db, sizeof db, "%s/t.db", dir);
    json_t *all = jxt_import_export(db, files, 6);
    assert_non_null(all);
    assert_true(json_array_size(json_object_get(all, "forms")) >= 5);
    assert_same_json(all);
    jxt_rmtree(dir);
    free(dir);
}

/* jx_form_json_write(f) at depth is json_dumps(jx_form_to_json(f)) indented by depth levels. */
static void assert_same_form(const jx_form *f, int depth)
{
    json_t *v = jx_form_to_json(f);
    char *dump = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    json_decref(v);
    assert_non_null(dump);
    jx_buf want = {0};
    for (const char *p = dump; *p; p++) {
        jx_buf_putc(&want, *p);
        if (*p == '\n') for (int i = 0; i < 2 * depth; i++) jx_buf_putc(&want, ' ');
    }
    free(dump);
    jx_buf b = {0};
    jx_buf_puts(&b, "x");   /* appended to what the buffer holds */
    jx_form_json_write(&b, f, depth, 0);
    assert_string_equal(b.data + 1, want.data);
    b.len = 1;   /* and left open: the caller's members, then the closing brace */
    jx_form_json_write(&b, f, depth, 1);
    jx_json_buf_close(&b, depth, '}');
    assert_string_equal(b.data + 1, want.data);
    jx_buf_free(&b);
    jx_buf_free(&want);
}

/* The form writer against the tree: odd values by hand, then every form of real documents. */
static void test_form_json_write(void **state)
{
    (void)state;
    static const jxt_row rows[] = {
        {"产出指标", "数量指标", "培训人次", "产出", "≥1200人次"},
        {"产出指标", "时效指标", "完成时间", "产出", "2023年12月底前"},
        {"效益指标", NULL, "满意度", NULL, "90%-95%"},
        {"成本指标", "经济成本指标", "成本\xff控制\"引号\"", "成本", "≤12.345万元"},
    };
    jx_form *f = jxt_make_form("项目\x80\xe4\xb8名\n称\t", rows, 4);
    f->page = 3;
    f->indicators[1].page = 2;
    f->indicators[3].value.value = 0.1 + 0.2;
    f->indicators[0].value.value = NAN;   /* refused by jansson: null */
    f->long_goal_years.start = 2024;
    jx_component *c = jx_form_add_component(f);
    c->name = jx_strdup("子项目\x01");
    c->amount = 12345;
    c = jx_form_add_component(f);
    c->name = NULL;
    c->amount = JX_NO_AMOUNT;
    jx_form_add_field(f, "项目名称", "项目\xc0\x80", 3);
    jx_form_add_field(f, "备注", NULL, 9);
    f->budget.carryover = -5;
    for (int d = 0; d < 4; d++) assert_same_form(f, d);
    jx_form_free(f);
    jx_form *empty = jx_form_new("empty.txt", 0);   /* no indicators, no fields, no year */
    assert_same_form(empty, 0);
    jx_form_free(empty);

    const char *src = jxt_env("JIXIAO_SOURCE_DIR"), *fx = jxt_env("JIXIAO_FIXTURES");
    char paths[4][1024];
    snprintf(paths[0], sizeof paths[0], "%s/examples/2019_markdown_health.md", src);
    snprintf(paths[1], sizeof paths[1], "%s/examples/2020_tsv_gb18030_training.txt", src);
    snprintf(paths[2], sizeof paths[2], "%s/variants.md", fx);
    snprintf(paths[3], sizeof paths[3], "%s/disclosure/cross.txt", fx);
    const char *files[4] = {paths[0], paths[1], paths[2], paths[3]};
    char *dir = jxt_tmpdir();
    char db[1200];
    snprintf(db, sizeof db, "%s/t.db", dir);
    json_t *all = jxt_import_export(db, files, 4);
    assert_non_null(all);
    json_decref(all);
    jx_store *s;
    jx_error err;
    assert_int_equal(jx_store_open(db, &s, &err), JX_OK);
    jx_form_list forms = {0};
    assert_int_equal(jx_store_load(s, &(jx_filter){0}, &forms, &err), JX_OK);
    assert_int_equal(forms.count, 4);
    for (size_t i = 0; i < forms.count; i++) assert_same_form(forms.items[i], 2);
    jx_form_list_free(&forms);
    jx_store_close(s);
    jxt_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_text_escapes_markup),
        cmocka_unit_test(test_html_text_or),
        cmocka_unit_test(test_url_encode),
        cmocka_unit_test(test_text_ok),
        cmocka_unit_test(test_format_wan),
        cmocka_unit_test(test_svg_chart_escapes_and_scales),
        cmocka_unit_test(test_json_write_values),
        cmocka_unit_test(test_json_write_export),
        cmocka_unit_test(test_form_json_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
