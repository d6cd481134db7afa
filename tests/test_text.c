/*
** test_text.c - the text layer: decoding, plain text of cells, label keys,
** money amounts. Inputs are snippets of the seed documents where possible.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <utf8proc.h>

#include "text.h"
#include "jixiao/money.h"

/* A whole 2 MB cell must take well under this many CPU seconds. */
#define BIG_CELL_SECONDS 20.0
#define BIG 2000000

typedef struct pair { const char *in, *want; } pair;

/* Run jx_text_plain over a table of cases. */
static void check_plain(const pair *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *got = jx_text_plain(cases[i].in);
        assert_non_null(got);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("jx_text_plain(\"%s\") = \"%s\", want \"%s\"", cases[i].in, got,
                     cases[i].want);
        free(got);
    }
}

/* Run jx_text_key over a table of cases. */
static void check_key(const pair *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *got = jx_text_key(cases[i].in);
        assert_non_null(got);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("jx_text_key(\"%s\") = \"%s\", want \"%s\"", cases[i].in, got,
                     cases[i].want);
        free(got);
    }
}

/* Decode bytes that must be accepted; compare the text. */
static void decode_ok(const char *bytes, size_t len, const char *want)
{
    jx_error err;
    jx_error_clear(&err);
    char *out = NULL;
    size_t out_len = 0;
    assert_int_equal(jx_text_decode(bytes, len, "t.txt", &out, &out_len, &err), JX_OK);
    assert_string_equal(out, want);
    assert_int_equal(out_len, strlen(want));
    assert_int_equal(err.status, JX_OK);
    free(out);
}

/* Decode bytes that must be rejected; check line and message. */
static void decode_bad(const char *bytes, size_t len, long line, const char *msg_part)
{
    jx_error err;
    jx_error_clear(&err);
    char *out = NULL;
    size_t out_len = 0;
    assert_int_equal(jx_text_decode(bytes, len, "bad.txt", &out, &out_len, &err), JX_EINPUT);
    assert_null(out);
    assert_int_equal(err.status, JX_EINPUT);
    assert_string_equal(err.file, "bad.txt");
    assert_int_equal(err.line, line);
    if (!strstr(err.message, msg_part))
        fail_msg("message \"%s\" lacks \"%s\"", err.message, msg_part);
}

/* ------------------------------------------------------------- decode */

static void test_decode_utf8(void **state)
{
    (void)state;
    decode_ok("项目名称\t高峰人才及其团队服务专项\n", strlen("项目名称\t高峰人才及其团队服务专项\n"),
              "项目名称\t高峰人才及其团队服务专项\n");
    decode_ok("\xEF\xBB\xBF项目", 3 + strlen("项目"), "项目");
    decode_ok("a\r\nb\rc\n\r\n", 9, "a\nb\nc\n\n");
    decode_ok("plain ascii", 11, "plain ascii");
}

static void test_decode_gb18030(void **state)
{
    (void)state;
    /* 项目 CF EE C4 BF, 名称 C3 FB B3 C6 */
    const char gb[] = "\xcf\xee\xc4\xbf\xc3\xfb\xb3\xc6\r\n2023\xc4\xea\r\n";
    decode_ok(gb, sizeof gb - 1, "项目名称\n2023年\n");
    /* GB18030's own byte order mark (84 31 95 33) is dropped too. */
    const char bom[] = "\x84\x31\x95\x33\xcf\xee\xc4\xbf";
    decode_ok(bom, sizeof bom - 1, "项目");
}

static void test_decode_binary(void **state)
{
    (void)state;
    const char nul[] = "line1\nline2\nab\0c";
    decode_bad(nul, sizeof nul - 1, 3, "binary data (NUL byte) at byte offset 14");
    const char le[] = "\xff\xfeh\0i\0\n\0";
    decode_bad(le, sizeof le - 1, 1, "UTF-16");
    const char be[] = "\xfe\xff\0h\0i";
    decode_bad(be, sizeof be - 1, 1, "looks like UTF-16 (byte order mark FE FF)");
}

static void test_decode_invalid(void **state)
{
    (void)state;
    const char both[] = "ok\nline two\n\xff\xff\n";
    decode_bad(both, sizeof both - 1, 3, "invalid text: neither UTF-8 nor GB18030 at byte offset 12");
    /* Cut short at the end: an incomplete GB18030 character. */
    const char cut[] = "\xcf\xee\n\xc4";
    decode_bad(cut, sizeof cut - 1, 2, "neither UTF-8 nor GB18030 at byte offset 3");
    /* UTF-8 text with one broken character would decode as GB18030 mojibake:
    ** it is reported as damaged UTF-8 instead. */
    const char dmg[] = "项目名称预算\n\xe9\xa1x\n";
    decode_bad(dmg, sizeof dmg - 1, 2, "invalid UTF-8 at byte offset 19");
    /* After a UTF-8 byte order mark, bad UTF-8 is never read as GB18030. */
    const char bomgb[] = "\xEF\xBB\xBF\xcf\xee\xc4\xbf";
    decode_bad(bomgb, sizeof bomgb - 1, 1, "byte order mark");
}

static void test_decode_empty(void **state)
{
    (void)state;
    decode_bad("", 0, 0, "file is empty");
    decode_bad("\xEF\xBB\xBF", 3, 0, "file is empty");
}

/* --------------------------------------------------------- plain text */

static void test_plain_latex(void **state)
{
    (void)state;
    static const pair cases[] = {
        {"$\\geq 98.00\\%$", "≥98.00%"},
        {"$\\leq 20.00\\%$", "≤20.00%"},
        {"$\\leq 0.01\\%$", "≤0.01%"},
        {"$\\geq 80\\%$", "≥80%"},
        {"$> 95.00(\\%)$", ">95.00(%)"},
        {"$\\ge 1$ 与 $\\le 2$", "≥1 与 ≤2"},
        {"$a \\neq b$", "a≠b"},
        {"$\\approx 5$", "≈5"},
        {"$1\\sim 2$", "1~2"},
        {"$1 \\times 10^{4}$", "1×10⁴"},
        {"$m^{2}$", "m²"},
        {"$m^2$", "m²"},
        {"$\\mathrm{m}^{3}$", "m³"},
        {"$\\text{万 元}$", "万 元"},
        {"$30^{\\circ}C$", "30°C"},
        {"$x^{ab}$", "x^ab"},
        {"$$\\geq 90$$", "≥90"},
        {"\\(\\geq 80\\%\\)", "≥80%"},
        {"价格 $ 10", "价格 $ 10"},
        {"$5 and $6", "$5 and $6"},
        {"单价$", "单价$"},
        {"$\\$ 与 $5", "$\\$ 与 $5"},
        {"$a$b$", "ab$"},
        {"$\\left( x \\right)$", "(x)"},
        {"\\( 未闭合", "\\( 未闭合"},
    };
    check_plain(cases, sizeof cases / sizeof *cases);
}

static void test_plain_html(void **state)
{
    (void)state;
    static const pair cases[] = {
        {"<input checked=\"\" type=\"checkbox\"/> 经常性专项业务费 <input type=\"checkbox\"/> 其他经常性项目",
         "☑ 经常性专项业务费 ☐ 其他经常性项目"},
        {"经常性专项业务费 <input type=\"checkbox\"/> 其他经常性项目 <input type=\"checkbox\"/> "
         "<input checked=\"\" type=\"checkbox\"/>",
         "经常性专项业务费 ☐ 其他经常性项目 ☐ ☑"},
        {"<input type=\"checkbox\" checked>是", "☑是"},
        {"<INPUT TYPE=checkbox CHECKED=\"checked\" />", "☑"},
        {"<input type=\"checkbox\" value=\"checked\"/>", "☐"},
        {"=3600m <sup>2</sup>", "=3600m²"},
        {"=800m<sup> 3 </sup>", "=800m³"},
        {"注<sup>a</sup>", "注a"},
        {"CO<sub>2</sub>", "CO2"},
        {"<b>财政项目支出绩效目标表</b>", "财政项目支出绩效目标表"},
        {"<p>1. 产出目标：按照预算金额</p> <p>2. 效果目标：①提升</p>",
         "1. 产出目标：按照预算金额 2. 效果目标：①提升"},
        {"a<br>b<br/>c<BR />d</p><p>e", "a b c d e"},
        {"<span style=\"color:red\">红</span>字", "红字"},
        {"<!-- 注释 -->x", "x"},
        {"&amp; &lt;b&gt; &quot;x&quot; &#39;y&#39; &#20013;&#x6587;", "& <b> \"x\" 'y' 中文"},
        {"&nbsp;前&nbsp;&nbsp;后&nbsp;", "前 后"},
        {"&unknown; &amp &#0;", "&unknown; &amp &#0;"},
    };
    check_plain(cases, sizeof cases / sizeof *cases);
}

static void test_plain_text_kept(void **state)
{
    (void)state;
    static const pair cases[] = {
        {"< 4.97 元/分钟", "< 4.97 元/分钟"},
        {"投诉事件率<2%； 4、外国人（台港澳）来华工作受理率>98%；",
         "投诉事件率<2%； 4、外国人（台港澳）来华工作受理率>98%；"},
        {"印发<加快实施人才高峰工程行动方案>的通知", "印发<加快实施人才高峰工程行动方案>的通知"},
        {"a <x> b", "a <x> b"},
        {"a<b", "a<b"},
        {"<b <b>粗", "<b 粗"},
        {"<>", "<>"},
        {"响应时间： ≤ 30 分钟内，故障处理时间 ≤ 180 分钟", "响应时间： ≤ 30 分钟内，故障处理时间 ≤ 180 分钟"},
        {"<p>2023年将 继续按照</p>", "2023年将 继续按照"},
        {"\xE3\x80\x80" "100%", "100%"},
        {"违规投诉\xE3\x80\x80", "违规投诉"},
        {" a \t\n b\xC2\xA0\xC2\xA0" "c ", "a b c"},
        {"", ""},
        {"   ", ""},
        {"=100(%)", "=100(%)"},
    };
    check_plain(cases, sizeof cases / sizeof *cases);
}

/* --------------------------------------------------------------- keys */

static void test_key(void **state)
{
    (void)state;
    static const pair cases[] = {
        {"项目总预算（元）", "项目总预算"},
        {"同名项目上年预算执行数（元）：", "同名项目上年预算执行数"},
        {"项目资金 (元)", "项目资金"},
        {"产出 指标", "产出指标"},
        {"服务对象满意度 指标", "服务对象满意度指标"},
        {"年度(/项目)指标值", "年度(/项目)指标值"},
        {"项目名称：", "项目名称"},
        {"项目名称:", "项目名称"},
        {"其中：当年财政拨款", "当年财政拨款"},
        {"其中：财政资金", "财政资金"},
        {"预算金额（万元）", "预算金额"},
        {"项目 绩效 目标", "项目绩效目标"},
        {"绩效\xE3\x80\x80指标", "绩效指标"},
        {"数量指标（个）", "数量指标(个)"},
        {"ＡＢＣ１２３", "ABC123"},
        {"", ""},
    };
    check_key(cases, sizeof cases / sizeof *cases);
}

static void test_label_scale(void **state)
{
    (void)state;
    assert_int_equal(jx_money_label_scale("预算金额（万元）"), 10000);
    assert_int_equal(jx_money_label_scale("金额(万 元)："), 10000);
    assert_int_equal(jx_money_label_scale("项目总预算（元）"), 1);
    assert_int_equal(jx_money_label_scale("预算执行数"), 1);
    assert_int_equal(jx_money_label_scale(""), 1);
}

/* ------------------------------------------------------------ amounts */

static void amount_ok(const char *cell, long scale, long long want)
{
    long long fen = 12345;
    if (!jx_money_parse(cell, scale, &fen))
        fail_msg("jx_money_parse(\"%s\", %ld) rejected it", cell, scale);
    if (fen != want)
        fail_msg("jx_money_parse(\"%s\", %ld) = %lld, want %lld", cell, scale, fen, want);
}

static void amount_bad(const char *cell, long scale)
{
    long long fen = 12345;
    if (jx_money_parse(cell, scale, &fen))
        fail_msg("jx_money_parse(\"%s\", %ld) accepted it as %lld", cell, scale, fen);
}

static void test_amount(void **state)
{
    (void)state;
    amount_ok("9,900,000", 1, 990000000LL);
    amount_ok("1,732,000.00", 1, 173200000LL);
    amount_ok("71387200", 1, 7138720000LL);
    amount_ok("18,372,648", 1, 1837264800LL);
    amount_ok("12.5", 1, 1250);
    amount_ok("12.345", 1, 1235);
    amount_ok("12.344", 1, 1234);
    amount_ok("-12.345", 1, -1235);
    amount_ok("0.005", 1, 1);
    amount_ok("1.5", 10000, 1500000LL);     /* 15000 yuan */
    amount_ok("1，732，000", 1, 173200000LL);
    amount_ok("450万元", 1, 450000000LL);
    amount_ok("1.5万元", 10000, 1500000LL);
    amount_ok("250.520万元", 1, 250520000LL);
    amount_ok("100元", 1, 10000);
    amount_ok(" 3,600,000.00 ", 1, 360000000LL);
    amount_ok("0", 1, 0);
    amount_ok("0.00", 1, 0);
    amount_ok("+7", 1, 700);
    amount_ok("１２３", 1, 12300);
    amount_ok("1.000000000000000000000000", 1, 100);
    amount_ok("92233720368547758.07", 1, 9223372036854775807LL);
    amount_bad("92233720368547758.08", 1);
    amount_bad("99999999999999999999", 1);
    amount_bad("922337203685477.59", 10000);
    amount_bad("-", 1);
    amount_bad("—", 1);
    amount_bad("", 1);
    amount_bad("12abc", 1);
    amount_bad("1,23", 1);
    amount_bad("1234,567", 1);
    amount_bad("1,", 1);
    amount_bad(",100", 1);
    amount_bad("abc", 1);
    amount_bad("1..2", 1);
    amount_bad("1.", 1);
    amount_bad(".5", 1);
    amount_bad("100%", 1);
    amount_bad("12 34", 1);
    amount_bad("5", 0);
    amount_bad("5\xE2\x80", 1);   /* a cut space character: no read past the end */
}

/* ------------------------------------------------------- big inputs */

/* A cell of BIG bytes repeating unit, NUL-terminated. */
static char *repeat(const char *unit, size_t *len)
{
    size_t k = strlen(unit), n = BIG / k * k;
    char *s = malloc(n + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i += k) memcpy(s + i, unit, k);
    s[n] = '\0';
    *len = n;
    return s;
}

/* Plain text of a big cell made of unit: length of the result, timed. */
static size_t big_plain(const char *unit, const char *want_prefix)
{
    size_t n;
    char *cell = repeat(unit, &n);
    clock_t t0 = clock();
    char *got = jx_text_plain(cell);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    if (secs > BIG_CELL_SECONDS) fail_msg("2 MB of \"%s\" took %.1f s", unit, secs);
    assert_non_null(got);
    if (strncmp(got, want_prefix, strlen(want_prefix)) != 0)
        fail_msg("2 MB of \"%s\" starts \"%.40s\"", unit, got);
    size_t len = strlen(got);
    free(got);
    free(cell);
    return len;
}

static void test_big_cell(void **state)
{
    (void)state;
    size_t n;
    /* Openers without closers: each must not rescan the rest of the cell. */
    assert_int_equal(big_plain("<x ", "<x <x"), BIG / 3 * 3 - 1);
    assert_int_equal(big_plain("<b ", "<b <b"), BIG / 3 * 3 - 1);
    assert_int_equal(big_plain("$a ", "$a $a"), BIG / 3 * 3 - 1);
    assert_int_equal(big_plain("\\( ", "\\( \\("), BIG / 3 * 3 - 1);
    assert_int_equal(big_plain("<!--", "<!--<!--"), BIG);
    assert_int_equal(big_plain("&amp", "&amp&amp"), BIG);
    /* Markup that is consumed. */
    big_plain("m <sup>2</sup>", "m²m²");
    big_plain("$\\geq 9\\%$ ", "≥9% ≥9%");
    big_plain("$^{^{", "^^^{^{");
    big_plain("<p>段</p>", "段 段");
    big_plain("\xE3\x80\x80", "");

    char *cell = repeat("项目 ", &n);
    char *key = jx_text_key(cell);
    assert_int_equal(strlen(key), n / 7 * 6);
    free(key);
    assert_int_equal(jx_money_label_scale(cell), 1);
    free(cell);

    cell = repeat("9", &n);
    long long fen;
    assert_int_equal(jx_money_parse(cell, 1, &fen), 0);
    free(cell);

    cell = repeat("项目\n", &n);
    char *out = NULL;
    size_t out_len = 0;
    jx_error err;
    jx_error_clear(&err);
    assert_int_equal(jx_text_decode(cell, n, "big.txt", &out, &out_len, &err), JX_OK);
    assert_int_equal(out_len, n);
    free(out);
    free(cell);
}


/* A random string of n characters from alphabet (UTF-8 pieces), in buf. */
static void random_text(char *buf, size_t cap, const char *const *alphabet, size_t na, int n,
                        unsigned *seed)
{
    size_t o = 0;
    for (int i = 0; i < n; i++) {
        *seed = *seed * 1103515245u + 12345u;
        const char *c = alphabet[(*seed >> 16) % na];
        size_t l = strlen(c);
        if (o + l + 1 > cap) break;
        memcpy(buf + o, c, l);
        o += l;
    }
    buf[o] = '\0';
}

/*
** jx_text_nfkc is utf8proc's NFKC on random text of the characters it maps
** itself (ASCII, ideographs, full-width forms, U+3000, ≤ ≥) mixed with ones
** it leaves to utf8proc (a combining U+0338 after ≥ or =, ㎡, ①, e + U+0301);
** and jx_text_plain_n of n bytes is jx_text_plain of their copy, markup or not.
*/
static void test_nfkc_quick(void **state)
{
    (void)state;
    static const char *const quick[] = {"a", "Z", "0", "9", " ", "%", "=", "<", "\t", "绩", "效",
                                        "㐀", "、", "。", "〃", "《", "】", "（", "）", "：", "％",
                                        "～", "\xe3\x80\x80", "≤", "≥", "ｚ", "０"};
    static const char *const slow[] = {"\xcc\xb8", "㎡", "①", "e\xcc\x81", "ﬁ", "½", "Å"};
    static const char *const markup[] = {"<br>", "&amp;", "$\\geq 9$", "\\(", " ", "  ", "元",
                                         "\xe3\x80\x80", "a", "<b>x</b>", "&lt;"};
    const char *mixed[sizeof quick / sizeof *quick + sizeof slow / sizeof *slow];
    size_t nq = sizeof quick / sizeof *quick, ns = sizeof slow / sizeof *slow, nm = 0;
    for (size_t i = 0; i < nq; i++) mixed[nm++] = quick[i];
    for (size_t i = 0; i < ns; i++) mixed[nm++] = slow[i];
    unsigned seed = 14;
    char buf[256];
    size_t slow_seen = 0;
    for (int round = 0; round < 20000; round++) {
        int all_quick = round % 2 == 0;
        random_text(buf, sizeof buf, all_quick ? quick : mixed, all_quick ? nq : nm,
                    (int)(round % 17), &seed);
        char *got = jx_text_nfkc(buf);
        char *want = (char *)utf8proc_NFKC((const utf8proc_uint8_t *)buf);
        assert_non_null(got);
        assert_non_null(want);
        if (strcmp(got, want)) fail_msg("jx_text_nfkc(\"%s\") = \"%s\", utf8proc \"%s\"", buf, got, want);
        slow_seen += strcmp(buf, want) != 0;
        free(got);
        free(want);
        random_text(buf, sizeof buf, round % 3 ? quick : markup, round % 3 ? nq : sizeof markup / sizeof *markup,
                    (int)(round % 13), &seed);
        size_t n = strlen(buf);
        char *padded = malloc(n + 4);
        memcpy(padded, buf, n);
        memcpy(padded + n, "<&$", 3);   /* bytes past n that must not be read as the cell's */
        padded[n + 3] = '\0';
        char *a = jx_text_plain_n(padded, n), *b = jx_text_plain(buf);
        if (strcmp(a, b)) fail_msg("jx_text_plain_n(\"%s\") = \"%s\", jx_text_plain \"%s\"", buf, a, b);
        free(a);
        free(b);
        free(padded);
    }
    assert_true(slow_seen > 1000);   /* the mix did change under NFKC */
}

/* Dates as forms write them become ISO; anything else is no date. */
static void test_date_iso(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } ok[] = {
        {"2019-1-1", "2019-01-01"}, {"2019. 1. 1", "2019-01-01"}, {"2026/1/1", "2026-01-01"},
        {"2019年1月", "2019-01"}, {"2019年12月31日", "2019-12-31"}, {"2019-12-31", "2019-12-31"},
        {" 2020.2.29 ", "2020-02-29"}, {"２０１９－１－１", "2019-01-01"}, {"2019.1", "2019-01"},
        {"2019 年 1 月 1 日", "2019-01-01"}, {"2024-01", "2024-01"},
    };
    static const char *const bad[] = {
        "", "2019", "2019年", "2019-13-01", "2019-2-29", "2019-1-32", "19-1-1", "2019-1-1起",
        "2019年1月起", "全年", "2019-1-1至2019-12-31", "20190101", "2019--1", "12019-1-1", NULL,
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        char out[16] = "";
        assert_int_equal(jx_text_date_iso(ok[i].in, out, sizeof out), 1);
        assert_string_equal(out, ok[i].want);
    }
    for (size_t i = 0; bad[i]; i++) {
        char out[16] = "untouched";
        assert_int_equal(jx_text_date_iso(bad[i], out, sizeof out), 0);
        assert_string_equal(out, "untouched");
    }
    char small[8];
    assert_int_equal(jx_text_date_iso("2019-1-1", small, sizeof small), 0);
}

/* The money module: 万元 and exact printing, yuan, agreement at the printed decimals. */
static void test_money(void **state)
{
    (void)state;
    char buf[64];
    jx_money_format_wan(7138720000LL, buf, sizeof buf);   /* 71,387,200 元 */
    assert_string_equal(buf, "7138.72");
    jx_money_format_wan(5000, buf, sizeof buf);          /* 0.005 万元: half away from zero */
    assert_string_equal(buf, "0.01");
    jx_money_format_wan(-5000, buf, sizeof buf);
    assert_string_equal(buf, "-0.01");
    jx_money_format_wan(4999, buf, sizeof buf);
    assert_string_equal(buf, "0.00");
    jx_money_format_wan(JX_NO_AMOUNT, buf, sizeof buf);
    assert_string_equal(buf, "-");
    jx_money_format_exact(7138720000LL, 1, buf, sizeof buf);
    assert_string_equal(buf, "7138.72");
    jx_money_format_exact(1, 1, buf, sizeof buf);
    assert_string_equal(buf, "0.000001");
    jx_money_format_exact(7138720001LL, 0, buf, sizeof buf);
    assert_string_equal(buf, "71,387,200.01");
    jx_money_format_exact(-12345, 0, buf, sizeof buf);
    assert_string_equal(buf, "-123.45");
    assert_true(jx_money_yuan(10) == 0.1);
    assert_true(jx_money_in(7138720000LL, 10000) == 7138.72);
    /* 392,417,913.20元 exact: 39241.79万元 agrees (rounded), 39241.78万元 does not */
    long long exact = 39241791320LL;
    assert_true(jx_money_agrees(3924179000000LL / 100, 2, 1, exact));        /* 39241.79 rounded */
    assert_true(jx_money_agrees(3924179000000LL / 100 - 1000000 / 100, 2, 1, exact) == 0);
    assert_true(jx_money_agrees(39241780000LL, 2, 1, 39241789999LL));     /* cut to 2 decimals */
    assert_true(jx_money_agrees(39241790000LL, 2, 1, 39241789999LL));     /* rounded */
    assert_false(jx_money_agrees(39241770000LL, 2, 1, 39241789999LL));
    assert_true(jx_money_agrees(100, 0, 0, 199));                        /* 元 without decimals */
    assert_false(jx_money_agrees(100, 2, 0, 199));
    assert_true(jx_money_agrees(JX_NO_AMOUNT, 2, 1, 5));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_utf8),
        cmocka_unit_test(test_decode_gb18030),
        cmocka_unit_test(test_decode_binary),
        cmocka_unit_test(test_decode_invalid),
        cmocka_unit_test(test_decode_empty),
        cmocka_unit_test(test_plain_latex),
        cmocka_unit_test(test_plain_html),
        cmocka_unit_test(test_plain_text_kept),
        cmocka_unit_test(test_key),
        cmocka_unit_test(test_label_scale),
        cmocka_unit_test(test_amount),
        cmocka_unit_test(test_big_cell),
        cmocka_unit_test(test_nfkc_quick),
        cmocka_unit_test(test_date_iso),
        cmocka_unit_test(test_money),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
