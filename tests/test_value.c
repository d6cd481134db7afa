/*
** test_value.c - the target-value grammar on real target texts from the
** sample documents and DOMAIN.md, with the typed values a reviewer reads.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "jixiao/value.h"

typedef struct vcase {
    const char *text;
    const char *op;       /* NULL: qualitative */
    double value, value_max;
    const char *unit;
} vcase;

#define Q(t, o, v, u) {t, o, v, v, u}
#define QUAL(t) {t, NULL, 0, 0, ""}

static const vcase cases[] = {
    /* 000 (markdown, LaTeX already converted by the text layer) */
    Q("=100%", "=", 100, "%"),
    Q("≥98%", ">=", 98, "%"),
    Q("≥80.00%", ">=", 80, "%"),
    Q("100.00%", "=", 100, "%"),
    Q("≥98.00%", ">=", 98, "%"),
    Q("≤20.00%", "<=", 20, "%"),
    Q("响应时间：立即响应，故障处理时间 ≤ 90 分钟", "<=", 90, "分钟"),
    Q("响应时间： ≤ 30 分钟内，故障处理时间 ≤ 180 分钟", "<=", 30, "分钟"),
    Q("< 4.97 元/分钟", "<", 4.97, "元/分钟"),
    Q("≤0.01%", "<=", 0.01, "%"),
    Q(">98%", ">", 98, "%"),
    Q(">95%", ">", 95, "%"),
    Q("排除政策变动因素，完成鉴定人数40万左右", "~", 400000, ""),
    Q("提高考生满意度，有责投诉率控制在千分之一以下", "<=", 0.1, "%"),
    QUAL("对项目的长期发展应该有相应的管理措施"),
    QUAL("较上一年度有提升"),
    QUAL("有效预防、及时处理"),
    QUAL("充分"),
    /* 001 (tab-separated) */
    Q("=15名", "=", 15, "名"),
    Q("=365天", "=", 365, "天"),
    Q("=0起", "=", 0, "起"),
    Q("≥95%", ">=", 95, "%"),
    Q("=3600m²", "=", 3600, "m²"),
    Q("=5000箱", "=", 5000, "箱"),
    QUAL("较去年减少"),
    QUAL("较去年增加"),
    QUAL("三级"),
    QUAL("及时"),
    QUAL("健全"),
    QUAL("合规"),
    /* 003 (national framework) */
    Q("≥2200", ">=", 2200, ""),
    Q("≥2次", ">=", 2, "次"),
    Q("=100(%)", "=", 100, "%"),
    Q("=2.00(场)", "=", 2, "场"),
    Q("=7.00(人)", "=", 7, "人"),
    Q(">85(%)", ">", 85, "%"),
    Q("人均3次以上", ">=", 3, "次"),
    Q("=100.00(%)", "=", 100, "%"),
    Q(">200.00(人)", ">", 200, "人"),
    Q("每月200人次", "=", 200, "人次/月"),
    Q("≥90.00(%)", ">=", 90, "%"),
    Q("延期不超过2个月", "<=", 2, "个月"),
    Q("=14.00(家)", "=", 14, "家"),
    Q("约2.6万个", "~", 26000, "个"),
    Q("约400台", "~", 400, "台"),
    Q("60个左右", "~", 60, "个"),
    Q("1700人左右超级博士后激励计划资助， 20个左右创新基地项目资助", "~", 1700, "人"),
    Q("70学时", "=", 70, "学时"),
    Q("7个班次", "=", 7, "个班次"),
    Q("100", "=", 100, ""),
    Q("0", "=", 0, ""),
    Q("发放宣传材料≥2000册", ">=", 2000, "册"),
    Q("帮扶家庭不少于80户次", ">=", 80, "户次"),
    Q("年内不少于4篇", ">=", 4, "篇"),
    Q("95%以上", ">=", 95, "%"),
    Q("1万张", "=", 10000, "张"),
    Q("覆盖党支部100%", "=", 100, "%"),
    QUAL("按年度计划"),
    QUAL("良好"),
    QUAL("有效控制"),
    QUAL("提升"),
    QUAL("较上届扩大"),
    QUAL("不高于市场价的中等水平"),
    QUAL("年底前"),
    /* 002 (disclosure) */
    Q("大于0", ">", 0, ""),
    Q("≧0", ">=", 0, ""),
    Q("100% 大于0", "=", 100, "%"),
    /* grammar beyond the samples */
    Q("不多于3个", "<=", 3, "个"),
    Q("＞95％", ">", 95, "%"),
    Q("百分之九十", "=", 90, "%"),
    {"90%-95%", "range", 90, 95, "%"},
    {"3至5个", "range", 3, 5, "个"},
    QUAL("按2019年计划完成"),
    QUAL("2020-12-31"),
};

static void test_real_targets(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const vcase *c = &cases[i];
        jx_value v;
        jx_value_parse(c->text, &v);
        const char *op = jx_op_name(v.op);
        int ok = (c->op == NULL) == (op == NULL) && (!op || !strcmp(op, c->op)) &&
                 v.kind == (c->op ? JX_KIND_QUANTITATIVE : JX_KIND_QUALITATIVE) &&
                 (!c->op || (v.value > c->value - 1e-9 && v.value < c->value + 1e-9 &&
                             v.value_max > c->value_max - 1e-9 && v.value_max < c->value_max + 1e-9)) &&
                 !strcmp(v.unit, c->unit);
        if (!ok) {
            fprintf(stderr, "%-40s want %s %g..%g [%s], got %s %g..%g [%s] %s\n", c->text,
                    c->op ? c->op : "qual", c->value, c->value_max, c->unit, op ? op : "qual",
                    v.value, v.value_max, v.unit, v.kind ? "quantitative" : "qualitative");
            bad++;
        }
    }
    assert_int_equal(bad, 0);
    assert_true(sizeof cases / sizeof *cases >= 40);
}

static void test_edges(void **state)
{
    (void)state;
    jx_value v;
    jx_value_parse(NULL, &v);
    assert_int_equal(v.op, JX_OP_NONE);
    assert_int_equal(v.kind, JX_KIND_QUALITATIVE);
    jx_value_parse("", &v);
    assert_int_equal(v.op, JX_OP_NONE);
    jx_value_parse("%", &v);
    assert_int_equal(v.kind, JX_KIND_QUALITATIVE);
    jx_value_parse("≥", &v);
    assert_int_equal(v.kind, JX_KIND_QUALITATIVE);
    jx_value_parse("\xff\xfe 98%", &v);   /* invalid bytes are dropped */
    assert_int_equal(v.op, JX_OP_EQ);
    assert_true(v.value == 98);
    /* a long text with a very long unit does not overflow the unit buffer */
    char *big = malloc(200000);
    memset(big, 'x', 199999);
    big[0] = '5';
    big[199999] = '\0';
    jx_value_parse(big, &v);
    assert_true(v.value == 5);
    assert_true(strlen(v.unit) < JX_UNIT_MAX);
    free(big);
    assert_string_equal(jx_op_name(JX_OP_RANGE), "range");
    assert_int_equal(jx_op_from_name("~"), JX_OP_APPROX);
    assert_int_equal(jx_op_from_name("nonsense"), JX_OP_NONE);
    assert_int_equal(jx_op_from_name(NULL), JX_OP_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_targets),
        cmocka_unit_test(test_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
