/*
** test_value.c - the target-value grammar on real target texts from the seed
** documents (../shared/seeds/000..003) and DOMAIN.md, each with the exact
** typed value a reviewer reads, plus the grammar's edge cases.
**
** Texts are given as the text layer hands them over: LaTeX and HTML already
** converted ($\geq 98.00\%$ -> ≥98.00%, m <sup>2</sup> -> m ²).
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/value.h"

/* One target text and the value it must parse to. */
typedef struct vcase {
    const char *text;
    jx_op op;
    double value, value_max;
    const char *unit;
} vcase;

#define GE JX_OP_GE
#define LE JX_OP_LE
#define EQ JX_OP_EQ
#define GT JX_OP_GT
#define LT JX_OP_LT
#define APPROX JX_OP_APPROX

/* A quantity with one value; a range; a qualitative text. */
#define Q(t, o, v, u) {t, o, v, v, u}
#define RANGE(t, lo, hi, u) {t, JX_OP_RANGE, lo, hi, u}
#define QUAL(t) {t, JX_OP_NONE, 0, 0, ""}

/* 1 when a and b agree to within rounding of the last decimal digit. */
static int near(double a, double b)
{
    double d = a > b ? a - b : b - a, m = b < 0 ? -b : b;
    return d <= 1e-9 * (m > 1 ? m : 1);
}

/* Parse c->text and check every field exactly; name the text on a mismatch. */
static void check_case(const vcase *c)
{
    jx_value v;
    jx_value_parse(c->text, &v);
    jx_kind kind = c->op == JX_OP_NONE ? JX_KIND_QUALITATIVE : JX_KIND_QUANTITATIVE;
    if (v.op != c->op || v.kind != kind || !near(v.value, c->value) ||
        !near(v.value_max, c->value_max) || strcmp(v.unit, c->unit) != 0) {
        const char *want = jx_op_name(c->op), *got = jx_op_name(v.op);
        print_error("%s: want %s %.10g..%.10g [%s] %s, got %s %.10g..%.10g [%s] %s\n", c->text,
                    want ? want : "none", c->value, c->value_max, c->unit,
                    kind ? "quantitative" : "qualitative", got ? got : "none", v.value,
                    v.value_max, v.unit, v.kind ? "quantitative" : "qualitative");
    }
    assert_int_equal(v.op, c->op);
    assert_int_equal(v.kind, kind);
    assert_float_equal(v.value, c->value, 1e-6);
    assert_float_equal(v.value_max, c->value_max, 1e-6);
    assert_true(near(v.value, c->value));
    assert_true(near(v.value_max, c->value_max));
    assert_string_equal(v.unit, c->unit);
}

/* Check every case of a table. */
static void check_all(const vcase *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) check_case(&cases[i]);
}

#define CHECK_ALL(table) check_all(table, sizeof table / sizeof *table)

/* 000: the 2019 markdown forms (targets in LaTeX, converted). */
static void test_seed_000(void **state)
{
    static const vcase cases[] = {
        Q("≥98%", GE, 98, "%"),
        Q("=100%", EQ, 100, "%"),
        Q(">95%", GT, 95, "%"),
        Q(">98%", GT, 98, "%"),
        Q("100%", EQ, 100, "%"),
        Q("100.00%", EQ, 100, "%"),
        Q("≥80.00%", GE, 80, "%"),
        Q("≥ 98.00%", GE, 98, "%"),
        Q("≥97.00%", GE, 97, "%"),
        Q("≤20.00%", LE, 20, "%"),
        Q("≤0.01%", LE, 0.01, "%"),
        Q("< 4.97 元/分钟", LT, 4.97, "元/分钟"),
        Q("响应时间：立即响应，故障处理时间 ≤ 90 分钟", LE, 90, "分钟"),
        Q("响应时间： ≤ 30 分钟内，故障处理时间 ≤ 24 小时", LE, 30, "分钟"),
        Q("响应时间： ≤ 30 分钟内，故障处理时间 ≤ 180 分钟", LE, 30, "分钟"),
        Q("排除政策变动因素，完成鉴定人数40万左右", APPROX, 400000, ""),
        Q("提高考生满意度，有责投诉率控制在千分之一以下", LE, 0.1, "%"),
        Q("0", EQ, 0, ""),
        Q("5,205,200", EQ, 5205200, ""),
        Q("99,120", EQ, 99120, ""),
        QUAL("健全"),
        QUAL("合规"),
        QUAL("有效"),
        QUAL("规范"),
        QUAL("充分"),
        QUAL("较上一年度有提升"),
        QUAL("有效预防、及时处理"),
        QUAL("对项目的长期发展应该有相应的管理措施"),
        QUAL("按月组织实施各类技能鉴定工作"),
        QUAL("2019-12-31"),
        QUAL("2019. 12. 31"),
        QUAL("2019年12月"),
        QUAL("指标目标值"),
    };
    (void)state;
    CHECK_ALL(cases);
}

/* 001: the 2020 tab-separated forms. */
static void test_seed_001(void **state)
{
    static const vcase cases[] = {
        Q("=15名", EQ, 15, "名"),
        Q("=365天", EQ, 365, "天"),
        Q("=0起", EQ, 0, "起"),
        Q("=0人", EQ, 0, "人"),
        Q("=1套", EQ, 1, "套"),
        Q("=2场", EQ, 2, "场"),
        Q("=1轮", EQ, 1, "轮"),
        Q("=43人", EQ, 43, "人"),
        Q("=5000箱", EQ, 5000, "箱"),
        Q("≥85%", GE, 85, "%"),
        Q("≥95%", GE, 95, "%"),
        Q("=3600m ²", EQ, 3600, "m²"),     /* =3600m <sup>2</sup> */
        Q("=500m²", EQ, 500, "m²"),
        Q("16,500,000", EQ, 16500000, ""),
        QUAL("及时"),
        QUAL("完备"),
        QUAL("达标"),
        QUAL("共享"),
        QUAL("较去年减少"),
        QUAL("较去年增加"),
        QUAL("三级"),
        QUAL("完整"),
        QUAL("2020-12-31"),
        QUAL("事业/专业类"),
    };
    (void)state;
    CHECK_ALL(cases);
}

/* 002: the 2020 district disclosure (targets and narrative lines). */
static void test_seed_002(void **state)
{
    static const vcase cases[] = {
        Q("大于0", GT, 0, ""),
        Q("≧0", GE, 0, ""),
        Q("　100%", EQ, 100, "%"),
        Q("90%以上", GE, 90, "%"),
        Q("0次", EQ, 0, "次"),
        Q("4..完成本区农民非农技能培训6000人次；", EQ, 6000, "人次"),
        Q("3.完成新型学徒培训600名；", EQ, 600, "名"),
        Q("1.局机关食堂午餐平均每天就餐人数约为200人次左右；", APPROX, 200, "人次/日"),
        Q("6.G60科创走廊重点企业职工一次性获证补贴80,000元；", EQ, 80000, "元"),
        Q("2、 三支一扶：6,411,395.20元", EQ, 6411395.2, "元"),
        Q("2020年预算金额200,000元。", EQ, 200000, "元"),
        QUAL("2020年1月-12月"),
        QUAL("2020年1月1日至2020年12月31日。"),
        QUAL("2、专家鉴定劳务费：实施时间为2020年1-12月，按月发放。"),
        QUAL("3、建立和谐劳动关系，减少社会矛盾"),
        Q("2 020年预算资金安排9万元。", EQ, 90000, "元"),
        Q("2020年计划组织培训6次", EQ, 6, "次"),
        Q("≧8000人次", GE, 8000, "人次"),
        Q("　≥4000件", GE, 4000, "件"),
        Q("1.综合调解率达到65%；2.改裁率低于20%（特殊情况除外）；3.无中院撤销案件。", GE, 65, "%"),
        Q("签订合同后除软件平台内容外其他建设内容6个月内完成，软件10个月内完成。", LE, 6, "个月"),
    };
    (void)state;
    CHECK_ALL(cases);
}

/* 003: the 2023 forms in the national framework. */
static void test_seed_003(void **state)
{
    static const vcase cases[] = {
        Q("≥2200", GE, 2200, ""),
        Q("≥2次", GE, 2, "次"),
        Q("≥250", GE, 250, ""),
        Q("≥3场", GE, 3, "场"),
        Q("=100(%)", EQ, 100, "%"),
        Q("=100.00(%)", EQ, 100, "%"),
        Q("≥90.00(%)", GE, 90, "%"),
        Q("≥85.00(%)", GE, 85, "%"),
        Q("≥50.00(%)", GE, 50, "%"),
        Q(">85(%)", GT, 85, "%"),
        Q("=2.00(场)", EQ, 2, "场"),
        Q("=2.00(个)", EQ, 2, "个"),
        Q("=7.00(人)", EQ, 7, "人"),
        Q(">200.00(人)", GT, 200, "人"),
        Q("=14.00(家)", EQ, 14, "家"),
        Q("≥45(次)", GE, 45, "次"),
        Q("≥200.00(项)", GE, 200, "项"),
        Q("人均3次以上", GE, 3, "次"),
        Q("每月200人次", EQ, 200, "人次/月"),
        Q("延期不超过2个月", LE, 2, "个月"),
        Q("约2.6万个", APPROX, 26000, "个"),
        Q("约400台", APPROX, 400, "台"),
        Q("60个左右", APPROX, 60, "个"),
        Q("1700人左右超级博士后激励计划资助， 20个左右创新基地项目资助", APPROX, 1700, "人"),
        Q("70学时", EQ, 70, "学时"),
        Q("7个班次", EQ, 7, "个班次"),
        Q("80人次", EQ, 80, "人次"),
        Q("230人", EQ, 230, "人"),
        Q("1万张", EQ, 10000, "张"),
        Q("95%以上", GE, 95, "%"),
        Q("98%以上", GE, 98, "%"),
        Q("90", EQ, 90, ""),
        Q("100", EQ, 100, ""),
        Q("发放宣传材料≥2000册", GE, 2000, "册"),
        Q("帮扶家庭不少于80户次", GE, 80, "户次"),
        Q("年内不少于4篇", GE, 4, "篇"),
        Q("不少于两次", GE, 2, "次"),
        Q("覆盖党支部100%", EQ, 100, "%"),
        Q("1,732,000.00", EQ, 1732000, ""),
        QUAL("提升"),
        QUAL("提高、扩大"),
        QUAL("较上年提高"),
        QUAL("较上年增长"),
        QUAL("稳定"),
        QUAL("整洁"),
        QUAL("按规定处理"),
        QUAL("公共数据公开社会反映良好"),
        QUAL("每月中旬及时报送局领导、各处室单位"),
        QUAL("不低于前3年平均值"),
        QUAL("不高于前3年最高值"),
        QUAL("就促养保-相关政策制定传达指导工作达标率"),
        QUAL("年度(/项目)指标值"),
    };
    (void)state;
    CHECK_ALL(cases);
}

/* DOMAIN.md's list and the brief's examples that the seeds do not hold verbatim. */
static void test_domain_examples(void **state)
{
    static const vcase cases[] = {
        Q("≥98.00%", GE, 98, "%"),
        Q(">95.00(%)", GT, 95, "%"),
        Q("≤90分钟", LE, 90, "分钟"),
        Q("≤ 90 分钟", LE, 90, "分钟"),
        Q("千分之一以下", LE, 0.1, "%"),
        Q("不多于3个", LE, 3, "个"),
        Q("=3600m²", EQ, 3600, "m²"),
        Q("40万左右", APPROX, 400000, ""),
        Q("百分之九十", EQ, 90, "%"),
        Q("百分之95", EQ, 95, "%"),
        RANGE("90%-95%", 90, 95, "%"),
        RANGE("90~95%", 90, 95, "%"),
        RANGE("3至5个", 3, 5, "个"),
        QUAL("按年度计划"),
        QUAL("良好"),
        QUAL("有效控制"),
        QUAL("较上届扩大"),
        QUAL("按2019年计划完成"),
    };
    (void)state;
    CHECK_ALL(cases);
}

/* Full-width and variant signs, spaces inside, and every operator word. */
static void test_signs_and_words(void **state)
{
    static const vcase cases[] = {
        Q("＞95％", GT, 95, "%"),
        Q("＜５％", LT, 5, "%"),
        Q("＝２．００（场）", EQ, 2, "场"),
        Q("≧90%", GE, 90, "%"),
        Q("≦5个", LE, 5, "个"),
        Q(">=90%", GE, 90, "%"),
        Q("<=3天", LE, 3, "天"),
        Q("≈5个", APPROX, 5, "个"),
        Q("~5个", APPROX, 5, "个"),
        Q("9 8 %", EQ, 98, "%"),
        Q("不低于95%", GE, 95, "%"),
        Q("至少5场", GE, 5, "场"),
        Q("达到100%", GE, 100, "%"),
        Q("不高于5%", LE, 5, "%"),
        Q("控制在5%以内", LE, 5, "%"),
        Q("控制在90%左右", APPROX, 90, "%"),
        Q("达到90%左右", APPROX, 90, "%"),
        Q("超过5人", GT, 5, "人"),
        Q("高于80%", GT, 80, "%"),
        Q("小于5%", LT, 5, "%"),
        Q("低于3%", LT, 3, "%"),
        Q("少于5人", LT, 5, "人"),
        Q("大约5个", APPROX, 5, "个"),
        Q("约为5个", APPROX, 5, "个"),
        Q("30日内", LE, 30, "日"),
        Q("2个工作日内", LE, 2, "个工作日"),
        Q("≥30分钟内", GE, 30, "分钟"),       /* a sign before wins over a word after */
        Q("5%以下", LE, 5, "%"),
        Q("5%上下", APPROX, 5, "%"),
        Q("3次及以上", GE, 3, "次"),
        Q("不超过三个月", LE, 3, "个月"),
        Q("至少一次", GE, 1, "次"),
        Q("两倍以上", GE, 2, "倍"),
    };
    (void)state;
    CHECK_ALL(cases);
}

/* Scales, fractions in words, per mille, rates per period, ranges. */
static void test_scales_fractions_rates(void **state)
{
    static const vcase cases[] = {
        Q("1.5万元", EQ, 15000, "元"),
        Q("3亿元", EQ, 3e8, "元"),
        Q("3千人", EQ, 3000, "人"),
        Q("3千万元", EQ, 3e7, "元"),
        Q("万分之五", EQ, 0.05, "%"),
        Q("百分之百", EQ, 100, "%"),
        Q("百分之九十五以上", GE, 95, "%"),
        Q("三分之一以上", GE, 100.0 / 3, "%"),
        Q("2.5‰以下", LE, 0.25, "%"),
        Q("每年不少于2次", GE, 2, "次/年"),
        Q("每季度1次", EQ, 1, "次/季度"),
        Q("每周3次", EQ, 3, "次/周"),
        Q("日均接听1000个", EQ, 1000, "个/日"),
        RANGE("1-2万人", 10000, 20000, "人"),
        RANGE("1000-2000人", 1000, 2000, "人"),
        RANGE("三至五个", 3, 5, "个"),
        RANGE("90%——95%", 90, 95, "%"),
        Q("95%-90%", EQ, 95, "%"),               /* descending: not a range */
        Q("≥-5%", GE, -5, "%"),
        Q("=500m2", EQ, 500, "m²"),
        Q("≥500㎡", GE, 500, "m²"),
        Q("≤40℃", LE, 40, "℃"),
    };
    (void)state;
    CHECK_ALL(cases);
}

/* Numbers that are not quantities: dates, years, times, markers, ordinals, codes, grades. */
static void test_not_quantities(void **state)
{
    static const vcase cases[] = {
        QUAL("2019-2021年"),
        QUAL("2020—2022年"),
        QUAL("2020/1/1"),
        QUAL("3月底前完成"),
        QUAL("12月31日前完成"),
        QUAL("每月15日前报送"),
        QUAL("第3季度完成"),
        QUAL("〔2018〕12号"),
        QUAL("《松江区关于进一步加强创业带动就业工作的实施意见》（沪松府〈2017〉277号）"),
        QUAL("9:00-17:00"),
        QUAL("V2.0版本"),
        QUAL("ISO9001认证"),
        QUAL("不低于三级"),
        QUAL("高于一般水平"),
        QUAL("一人一策"),
        QUAL("1、"),
        Q("①培训≥100人", GE, 100, "人"),
        Q("(1)培训3次", EQ, 3, "次"),
        Q("（1）完成3项", EQ, 3, "项"),
        Q("PM2.5≤35", LE, 35, ""),
        Q("1999.99元", EQ, 1999.99, "元"),
        Q("不超过30日", LE, 30, "日"),
        Q("2020", EQ, 2020, ""),
    };
    (void)state;
    CHECK_ALL(cases);
}

/* NULL, empty, signs alone, bad bytes, huge inputs: never crash, stay within the unit buffer. */
static void test_edges(void **state)
{
    static const vcase cases[] = {
        QUAL(""),
        QUAL("%"),
        QUAL("≥"),
        QUAL("=()"),
        QUAL("   "),
        Q("\xff\xfe 98%", EQ, 98, "%"),          /* invalid bytes are dropped */
        Q("\xe2\x89 98%", EQ, 98, "%"),          /* a truncated ≥ */
        Q("98\xc3%", EQ, 98, "%"),
        Q("\xee\x80\x80" "5m", EQ, 5, "m"),      /* private-use characters are dropped */
    };
    jx_value v;
    (void)state;
    CHECK_ALL(cases);

    memset(&v, 0x5a, sizeof v);
    jx_value_parse(NULL, &v);
    assert_int_equal(v.op, JX_OP_NONE);
    assert_int_equal(v.kind, JX_KIND_QUALITATIVE);
    assert_float_equal(v.value, 0, 0);
    assert_string_equal(v.unit, "");

    /* A long unit is cut to a short measure word, inside the buffer. */
    size_t n = 2000000;
    char *big = malloc(n + 1);
    assert_non_null(big);
    memset(big, 'x', n);
    big[0] = '5';
    big[n] = '\0';
    jx_value_parse(big, &v);
    assert_int_equal(v.op, JX_OP_EQ);
    assert_float_equal(v.value, 5, 0);
    assert_string_equal(v.unit, "xxxxxxxx");

    /* A number of two million digits is no quantity (it would be infinite). */
    memset(big, '9', n);
    jx_value_parse(big, &v);
    assert_int_equal(v.kind, JX_KIND_QUALITATIVE);

    /* A long CJK unit is cut at a character boundary. */
    static const char han[] = "汉";
    char *wide = malloc(3 * 100000 + 2);
    assert_non_null(wide);
    wide[0] = '7';
    for (size_t i = 0; i < 100000; i++) memcpy(wide + 1 + 3 * i, han, 3);
    wide[1 + 3 * 100000] = '\0';
    jx_value_parse(wide, &v);
    assert_int_equal(v.op, JX_OP_EQ);
    assert_string_equal(v.unit, "汉汉汉汉汉汉汉汉");
    assert_true(strlen(v.unit) < JX_UNIT_MAX);

    /* Megabytes of dates, markers and invalid bytes before the target. */
    const char *unit = "2019年1、";
    size_t ul = strlen(unit), reps = 100000;
    char *many = malloc(ul * reps + 64);
    assert_non_null(many);
    for (size_t i = 0; i < reps; i++) memcpy(many + i * ul, unit, ul);
    strcpy(many + ul * reps, "\xff≥98%");
    jx_value_parse(many, &v);
    assert_int_equal(v.op, JX_OP_GE);
    assert_float_equal(v.value, 98, 0);
    assert_string_equal(v.unit, "%");

    free(many);
    free(wide);
    free(big);
}

/* jx_op_name and jx_op_from_name are inverse. */
static void test_op_names(void **state)
{
    static const char *const names[] = {NULL, ">=", "<=", "=", ">", "<", "~", "range"};
    (void)state;
    for (int op = JX_OP_NONE; op <= JX_OP_RANGE; op++) {
        const char *name = jx_op_name((jx_op)op);
        if (!names[op]) {
            assert_null(name);
            continue;
        }
        assert_string_equal(name, names[op]);
        assert_int_equal(jx_op_from_name(name), op);
    }
    assert_int_equal(jx_op_from_name(NULL), JX_OP_NONE);
    assert_int_equal(jx_op_from_name(""), JX_OP_NONE);
    assert_int_equal(jx_op_from_name("≥"), JX_OP_NONE);
    assert_int_equal(jx_op_from_name("RANGE"), JX_OP_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_000),
        cmocka_unit_test(test_seed_001),
        cmocka_unit_test(test_seed_002),
        cmocka_unit_test(test_seed_003),
        cmocka_unit_test(test_domain_examples),
        cmocka_unit_test(test_signs_and_words),
        cmocka_unit_test(test_scales_fractions_rates),
        cmocka_unit_test(test_not_quantities),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_op_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
