/*
** test_disclosure.c - department budget disclosures (issue 4): the seed 002
** (2020, 松江区人社局) read through the importer, every target form linked to
** its narrative, every budget table with its rows, the identity rules with
** the mismatches the document really has; invented fixtures for what 002
** lacks. Every expected value below was checked by reading the document.
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
#include "jixiao/disclosure.h"
#include "jixiao/import.h"
#include "jixiao/rules.h"
#include "jixiao/util.h"

#define SEED "002_7cadc0ecdd172fe9.txt"

static jx_form_list seed;   /* 002, imported once */

/* Import a file into list, failing the test on error. */
static void import_or_fail(const char *path, jx_form_list *list)
{
    char sha[65];
    jx_error err;
    jx_error_clear(&err);
    if (jx_import_file(path, list, sha, &err) != JX_OK) {
        char buf[1100];
        jx_error_format(&err, buf, sizeof buf);
        fail_msg("import %s: %s", path, buf);
    }
    for (size_t i = 0; i < list->count; i++) list->items[i]->id = (long long)i + 1;
}

/* Path of an invented fixture (malloc'd). */
static char *fixture(const char *name)
{
    jx_buf b = {0};
    jx_buf_printf(&b, "%s/disclosure/%s", jxt_env("JIXIAO_FIXTURES"), name);
    return jx_buf_take(&b);
}

/* Findings of the disclosure rules only (all other rules off). */
static void review_disclosure(const jx_form_list *forms, jx_findings *out)
{
    static const char *const ours[] = {"budget-sum", "budget-cross", "budget-prose",
                                       "narrative-amount", "narrative-link", "narrative-year",
                                       NULL};
    jx_review_config *c = jx_review_config_new();
    jx_error err;
    for (size_t i = 0; jx_rules[i]; i++) {
        int mine = 0;
        for (int k = 0; ours[k]; k++) mine |= strcmp(jx_rules[i]->id, ours[k]) == 0;
        char a[96];
        snprintf(a, sizeof a, "%s=%s", jx_rules[i]->id, mine ? "on" : "off");
        assert_int_equal(jx_review_config_set(c, a, &err), JX_OK);
    }
    jx_review(c, forms, out);
    jx_review_config_free(c);
}

/* ------------------------------------------------------------------ 002 */

/* Name, unit (from the narrative's title), amount (年度预算安排, fen), indicators, title line. */
static const struct want_form {
    const char *name, *unit;
    long long fen;
    size_t nind;
    long line;
} forms002[36] = {
    {"创业就业", "松江区人力资源和社会保障局", 130000000LL, 7, 2502},
    {"辅助职能", "松江区人力资源和社会保障局", 4000000LL, 7, 2643},
    {"业务培训", "松江区人力资源和社会保障局", 2849450000LL, 12, 2841},
    {"业务培训", "松江区人力资源和社会保障局", 10000000LL, 6, 3010},
    {"劳动关系管理", "松江区人力资源和社会保障局", 66000000LL, 6, 3158},
    {"业务培训", "松江区人力资源和社会保障局", 18640000LL, 17, 3323},
    {"招考实习", "松江区人力资源和社会保障局", 934688040LL, 17, 3512},     /* 招考+三支一扶+村官 */
    {"法律咨询与服务", "松江区人力资源和社会保障局", 5000000LL, 17, 3704},
    {"网络信息系统运行与维护", "松江区人力资源和社会保障局", 33276800LL, 7, 3882},  /* 22,000+41,408+269,360 */
    {"宣传与推广", "松江区人力资源和社会保障局", 30000000LL, 11, 4033},  /* 150个*400元=100,000元 + 200,000元 */
    {"部队建设与专业管理", "松江区人力资源和社会保障局", 26000000LL, 9, 4206},  /* 14万元 + 12万元 */
    {"网络信息系统开发、升级、建设", "松江区人力资源和社会保障局", 1685661200LL, 9, 4380},
    {"辅助职能", "松江区人力资源和社会保障局", 64380000LL, 10, 4552},   /* 2020年预算643,800.00 */
    {"人才开发", "松江区人力资源和社会保障局", 18563000000LL, 13, 4710},
    {"在职机关事业单位优秀人员疗休养", "松江区机关事业单位福利事业中心", 405000000LL, 11, 4905},
    {"退休干部管理", "松江区机关事业单位福利事业中心", 258250000LL, 13, 5075},
    {"“两类人员”退休专项补贴", "松江区机关事业单位福利事业中心", 1071840000LL, 9, 5244},
    {"公共服务能力建设补贴", "松江区就业促进中心", 734720000LL, 10, 5401},
    {"就业补贴", "松江区就业促进中心", 2822280000LL, 25, 5615},
    {"开业创业补贴", "松江区就业促进中心", 1804760000LL, 18, 5889},
    {"宣传与推广", "松江区劳动保障监察大队", 20000000LL, 8, 6091},   /* 7 + 经济效益目标 declared empty */
    {"企业街镇培训", "松江区劳动保障监察大队", 12000000LL, 8, 6260},     /* 20000元/次*6次=120,000元 */
    {"调解仲裁管理", "松江区劳动人事争议仲裁院", 21000000LL, 19, 6426},
    {"宣传与推广", "松江区劳动人事争议仲裁院", 9500000LL, 19, 6629},
    {"业务培训费", "松江区劳动人事争议仲裁院", 3080000LL, 19, 6834},   /* narrative says 业务培训 */
    {"工伤鉴定服务", "松江区社会保障服务中心", 60240000LL, 19, 7033},
    {"宣传与推广", "松江区社会保障服务中心", 12220000LL, 19, 7226},
    {"业务培训", "松江区社会保障服务中心", 4000000LL, 19, 7428},
    {"网络信息系统运行与维护", "松江区社会保障服务中心", 700000LL, 13, 7633},
    {"窗口统一标识服", "松江区社会保障服务中心", 9000000LL, 19, 7815},
    {"网络信息系统开发", "松江区人才服务中心", 30411000LL, 16, 8013},
    {"人才服务", "松江区人才服务中心", 25205200LL, 14, 8206},
    {"宣传与推广", "松江区人才服务中心", 35230000LL, 14, 8389},
    {"档案管理", "松江区人才服务中心", 13700000LL, 16, 8563},
    {"调研与规划", "松江区人才服务中心", 15000000LL, 13, 8755},
    {"网络信息系统运行与维护", "松江区人才服务中心", 2100000LL, 16, 8929},
};

/* Narrative title lines, in the order of the forms they belong to. */
static const long narrative_lines[36] = {
    2453, 2577, 2736, 2944, 3096, 3252, 3450, 3633, 3831, 3974, 4139, 4312, 4480, 4656, 4839, 5010,
    5178, 5335, 5496, 5769, 6017, 6190, 6359, 6557, 6763, 6967, 7164, 7357, 7564, 7746, 7952, 8136,
    8319, 8501, 8684, 8864};

/* Every target form: name, unit, amount, indicator count, its narrative. */
static void test_002_forms(void **state)
{
    (void)state;
    assert_int_equal(seed.count, 36);
    assert_int_equal(seed.ndisclosures, 1);
    const jx_disclosure *d = seed.disclosures[0];
    assert_int_equal(d->nnarratives, 36);
    for (size_t i = 0; i < 36; i++) {
        const jx_form *f = seed.items[i];
        const struct want_form *w = &forms002[i];
        assert_string_equal(f->name, w->name);
        assert_non_null(f->unit);
        assert_string_equal(f->unit, w->unit);
        assert_true(f->budget.total == w->fen);
        assert_int_equal(f->nindicators, w->nind);
        assert_int_equal(f->line, w->line);
        const jx_narrative *n = jx_disclosure_narrative_of(d, f);
        assert_non_null(n);
        assert_int_equal(n->line, narrative_lines[i]);
        assert_true(n->amount == w->fen);
        assert_true(n->table_amount == JX_NO_AMOUNT);   /* the tables carry no amount */
    }
}

/* Indicator rows checked by reading: form index, line, 一级, 二级, 三级, 指标值. */
static const struct want_ind {
    size_t form;
    long line;
    const char *l1, *l2, *name, *target;
} inds002[] = {
    {0, 2527, "产出目标", "数量目标", "求职创业补贴发放率", "100%"},
    {0, 2532, "产出目标", "质量目标", "求职创业补贴发放准确率", "100%"},
    {0, 2537, "产出目标", "时效目标", "求职创业补贴信息发布、沟通及时性", "及时"},
    {0, 2542, "产出目标", "时效目标", "求职创业补贴审核、发放及时性", "及时"},
    {0, 2547, "效果目标", "社会效益目标", "扶持对象满意度", "≥90%"},
    {0, 2552, "影响力目标", "满意度目标", "长效管理制度健全性", "健全"},
    {0, 2557, "影响力目标", "满意度目标", "长效管理执行有效性", "执行有效"},
    {1, 2669, "产出目标", "质量目标", "各类人员培训补贴的完成率", "100%"},
    {1, 2674, "产出目标", "质量目标", "对上年度审计问题的整改率", "95%"},
    {1, 2679, "效果目标", "社会效益目标", "拨付准确率", "100%"},
    {1, 2684, "效果目标", "社会效益目标", "违规投诉", "不多于3个"},
    {1, 2689, "效果目标", "社会效益目标", "审计发现问题", "不多于4个"},
    {1, 2694, "影响力目标", "满意度目标", "补贴对象的满意度", "90%"},
    {1, 2699, "影响力目标", "满意度目标", "培训机构对中央补助就业专项资金相关政策的知晓率", "100%"},
    {2, 2872, "产出目标", "数量目标", "各类人员培训补贴的完成率", "100%"},
    {2, 2877, "产出目标", "数量目标", "高技能人才培养资助完成率", "100%"},
    {2, 2882, "产出目标", "数量目标", "职业能力建设补贴完成率", "100%"},
    {2, 2887, "产出目标", "数量目标", "高技能人才培养示范基地建设资助的完成率", "60%"},
    {2, 2892, "产出目标", "数量目标", "企业职工职业培训补贴完成率", "80%"},
    {2, 2897, "产出目标", "质量目标", "补贴发放准确率", "100%"},
    {2, 2902, "效果目标", "社会效益目标", "参加重点培训项目培训的增长率", "5%"},
    {2, 2907, "效果目标", "社会效益目标", "开展职工职业培训企业增长率", "5%"},
    {2, 2912, "效果目标", "社会效益目标", "高技能人才队伍稳定性", "70%"},
    {2, 2917, "效果目标", "社会效益目标", "高级及以上技能人才比例增长率", "2%"},
    {2, 2922, "影响力目标", "满意度目标", "企业技能工人的满意度", "80%"},
    {2, 2927, "影响力目标", "满意度目标", "政策知晓率", "100%"},
    {3, 3035, "产出目标", "质量目标", "培训活动计划完成率", "100%"},
    {3, 3040, "产出目标", "时效目标", "培训活动完成及时率", "100%"},
    {3, 3045, "效果目标", "社会效益目标", "和谐劳动关系达标企业达标率完成市三方指标", "100%"},
    {3, 3050, "影响力目标", "满意度目标", "企业知晓度", "100%"},
    {3, 3055, "影响力目标", "长效管理", "长效管理制度执行有效性", "有效"},
    {3, 3060, "影响力目标", "长效管理", "长效管理制度健全情况", "健全"},
    {4, 3191, "产出目标", "数量目标", "完成和谐劳动关系指标数", "100%"},
    {4, 3197, "产出目标", "质量目标", "测评工作计划完成率", "100%"},
    {4, 3203, "产出目标", "质量目标", "企业测评材料提交准确率", "100%"},
    {4, 3209, "产出目标", "时效目标", "测评工作完成及时率", "100%"},
    {4, 3215, "效果目标", "社会效益目标", "和谐劳动关系达标企业达标率完成市三方指标", "100%"},
    {4, 3221, "影响力目标", "满意度目标", "企业满意度", "90%"},
    {5, 3353, "投入和管理目标", "财务管理", "财务监控有效性", "有效"},
    {5, 3383, "产出目标", "数量目标", "补贴计划完成率", "100%"},
    {5, 3403, "效果目标", "社会效益目标", "主管部门满意度", "≥90%"},
};

/* The sampled indicator rows, exactly. */
static void test_002_indicators(void **state)
{
    (void)state;
    size_t n = sizeof inds002 / sizeof *inds002;
    assert_true(n >= 40);
    for (size_t i = 0; i < n; i++) {
        const struct want_ind *w = &inds002[i];
        const jx_form *f = seed.items[w->form];
        const jx_indicator *hit = NULL;
        for (size_t k = 0; k < f->nindicators; k++)
            if (f->indicators[k].line == w->line) hit = &f->indicators[k];
        assert_non_null(hit);
        assert_string_equal(hit->level1, w->l1);
        assert_string_equal(hit->level2, w->l2);
        assert_string_equal(hit->name, w->name);
        assert_string_equal(hit->target, w->target);
    }
}

/* A cell of a table: the row with this code (or name when code is ""), column by name. */
static long long cell(const jx_budget_table *t, const char *code, const char *name, const char *col)
{
    int c = jx_budget_column(t, col);
    assert_true(c >= 0);
    for (size_t i = 0; i < t->nrows; i++) {
        const jx_budget_row *r = &t->rows[i];
        if ((code[0] && strcmp(r->code, code) == 0) || (!code[0] && strcmp(r->name, name) == 0)) {
            if (code[0] && name) assert_string_equal(r->name, name);
            if (r->values[c] != JX_NO_AMOUNT || !code[0]) return r->values[c];
            return r->values[c];
        }
    }
    fail_msg("no row %s %s in %s", code, name ? name : "", t->title);
    return 0;
}

/* Every budget table: title, line, unit, columns, exact row count, figures. */
static void test_002_tables(void **state)
{
    (void)state;
    const jx_disclosure *d = seed.disclosures[0];
    static const struct { const char *title; long line; const char *unit; size_t ncols, nrows; } want[] = {
        {"2020年部门财务收支预算总表", 145, "元", 2, 14},
        {"2020年部门收入预算总表", 264, "元", 5, 38},
        {"2020年部门支出预算总表", 787, "元", 3, 38},
        {"2020年部门财政拨款收支预算总表", 1219, "元", 4, 10},
        {"2020年部门一般公共预算支出功能分类预算表", 1336, "元", 3, 38},
        {"2020年部门政府性基金预算支出功能分类预算表", 1768, "元", 3, 4},
        {"2020年部门一般公共预算拨款基本支出经济分类预算表", 1859, "元", 3, 47},
        {"部门“三公”经费和机关运行经费预算表", 2333, "万元", 7, 1},
    };
    assert_int_equal(d->ntables, 8);
    for (size_t i = 0; i < 8; i++) {
        assert_string_equal(d->tables[i].title, want[i].title);
        assert_int_equal(d->tables[i].line, want[i].line);
        assert_string_equal(d->tables[i].unit, want[i].unit);
        assert_int_equal(d->tables[i].ncolumns, want[i].ncols);
        assert_int_equal(d->tables[i].nrows, want[i].nrows);
    }
    const jx_budget_table *all = &d->tables[0], *in = &d->tables[1], *out = &d->tables[2],
                          *fis = &d->tables[3], *pub = &d->tables[4], *eco = &d->tables[6],
                          *sg = &d->tables[7];
    assert_string_equal(in->columns[3], "事业单位经营收入");   /* a label cut in two rows */
    assert_string_equal(fis->columns[2], "财政拨款支出/一般公共预算");
    assert_string_equal(sg->columns[5], "公务用车购置及运行费/运行费");
    /* Totals */
    assert_true(cell(all, "", "收入总计", "本年收入/预算数") == 42925241320LL);
    assert_true(cell(all, "", "支出总计", "本年支出/预算数") == 42925241320LL);
    assert_true(cell(all, "", "一、财政拨款收入", "本年收入/预算数") == 39241791320LL);
    assert_true(cell(all, "", "四、其他收入", "本年收入/预算数") == 3683450000LL);
    assert_true(cell(all, "", "1. 一般公共预算资金", "本年收入/预算数") == JX_NO_AMOUNT);
    assert_true(cell(in, "", "合 计", "合计") == 42925241320LL);
    assert_true(cell(in, "", "合 计", "其他收入") == 3683450000LL);
    assert_true(cell(out, "", "合 计", "基本支出") == 8360198860LL);
    assert_true(cell(out, "", "合 计", "项目支出") == 34565042460LL);
    assert_true(cell(fis, "", "收入总计", "财政拨款收入/预算数") == 39241791320LL);
    assert_true(cell(pub, "", "合 计", "项目支出") == 30881592460LL);
    assert_true(cell(eco, "", "合 计", "人员经费") == 7361160612LL);
    assert_true(cell(eco, "", "合 计", "公用经费") == 999038248LL);
    /* Rows */
    assert_true(cell(in, "201", "一般公共服务支出", "财政拨款收入") == 641139520LL);
    assert_true(cell(in, "20508", "进修及培训", "其他收入") == 2183450000LL);
    assert_true(cell(in, "2050803", "培训支出", "事业收入") == JX_NO_AMOUNT);
    assert_true(cell(in, "2080101", "行政运行", "合计") == 1135466868LL);
    assert_true(cell(in, "2080799", "其他就业补助支出", "其他收入") == 1500000000LL);
    assert_true(cell(in, "2210203", "购房补贴", "合计") == 256200000LL);
    assert_true(cell(out, "208", "社会保障和就业支出", "基本支出") == 7408247177LL);
    assert_true(cell(out, "20801", "人力资源和社会保障管理事务", "项目支出") == 23670107600LL);
    assert_true(cell(out, "2080105", "劳动保障监察", "项目支出") == 32000000LL);
    assert_true(cell(out, "2080107", "社会保险业务管理事务", "基本支出") == 635536199LL);
    assert_true(cell(out, "2130152", "对高校毕业生到基层任职补助", "合计") == 159109120LL);
    assert_true(cell(pub, "205", "教育支出", "合计") == 660000000LL);
    assert_true(cell(pub, "20807", "就业补助", "合计") == 5751236220LL);
    assert_true(cell(pub, "2101101", "行政单位医疗", "基本支出") == 74037106LL);
    assert_true(cell(pub, "2101102", "事业单位医疗", "合计") == 250513652LL);
    assert_true(cell(fis, "三、", "社会保障和就业支出", "财政拨款支出/合计") == 36829590997LL);
    assert_true(cell(fis, "二、", "教育支出", "财政拨款支出/政府性基金预算") == 0);
    assert_true(cell(eco, "301", "工资福利支出", "合计") == 7344718612LL);
    assert_true(cell(eco, "30107", "绩效工资", "人员经费") == 2073464928LL);
    assert_true(cell(eco, "30217", "*公务接待费", "公用经费") == 3100000LL);
    assert_true(cell(eco, "30231", "*公务用车运行维护费", "合计") == 7500000LL);
    assert_true(cell(eco, "30301", "离休费", "合计") == 11894000LL);
    assert_true(cell(eco, "31002", "办公设备购置", "公用经费") == 36050000LL);
    assert_true(cell(eco, "31299", "其他对企业补助", "合计") == 0);
    assert_int_equal(sg->rows[0].line, 2376);
    assert_true(sg->rows[0].values[0] == 10600000LL);    /* 10.60万元 */
    assert_true(sg->rows[0].values[2] == 3100000LL);     /* 公务接待费 3.10 */
    assert_true(sg->rows[0].values[6] == 664590000LL);   /* 机关运行经费 664.59 */
    assert_int_equal(d->nskipped, 0);
}

/* Narrative sections and the figures the prose states. */
static void test_002_narratives(void **state)
{
    (void)state;
    const jx_disclosure *d = seed.disclosures[0];
    const jx_narrative *n = &d->narratives[0];
    assert_string_equal(n->title, "松江区人力资源和社会保障局创业就业项目经费情况说明");
    assert_int_equal(n->nsections, 7);
    static const char *const titles[] = {"项目概述", "立项依据", "实施主体", "实施方案",
                                         "实施周期", "年度预算安排", "绩效目标"};
    for (size_t i = 0; i < 7; i++) assert_string_equal(n->sections[i].title, titles[i]);
    assert_string_equal(jx_narrative_text(n, "实施周期"), "2020年全年");
    assert_non_null(strstr(jx_narrative_text(n, "年度预算安排"), "总预算为1,300,000元"));
    assert_int_equal(n->amount_line, 2468);
    /* A heading with its text on the same line: 五、实施周期 2020年1月1日至… */
    assert_string_equal(jx_narrative_text(&d->narratives[3], "实施周期"),
                        "2020年1月1日至2020年12月31日。");
    /* 37 projects and 31,790.34万元 are stated at line 2445 (row 2444). */
    const jx_claim *last = &d->claims[d->nclaims - 1];
    assert_int_equal(last->kind, JX_CLAIM_PROJECTS);
    assert_int_equal(last->count, 37);
    assert_true(last->amount == 31790340000LL);
    assert_int_equal(d->nclaims, 36);   /* 4 totals at 115, 23 “科目”, 2 at 246, 6 三公/运行, 1 projects */
}

/* Find a finding of rule at line whose message contains part. */
static int has_finding(const jx_findings *f, const char *rule, long line, const char *part)
{
    for (size_t i = 0; i < f->count; i++)
        if (strcmp(f->items[i].rule, rule) == 0 && f->items[i].line == line &&
            strstr(f->items[i].message, part))
            return 1;
    return 0;
}

/* The identity checks on 002: exactly the mismatches the document has. */
static void test_002_identities(void **state)
{
    (void)state;
    jx_findings f = {0};
    review_disclosure(&seed, &f);
    /* The text says 39,241.78万元, the table 392,417,913.20元 (39,241.79万元). */
    assert_true(has_finding(&f, "budget-prose", 115, "一般公共预算拨款支出预算39,241.78万元"));
    assert_true(has_finding(&f, "budget-prose", 115, "392,417,913.20元"));
    /* “科目” amounts of the 编制说明 that are not the table's. */
    assert_true(has_finding(&f, "budget-prose", 116, "312.74万元"));
    assert_true(has_finding(&f, "budget-prose", 116, "6,411,395.20元"));
    assert_true(has_finding(&f, "budget-prose", 118, "1,398.22万元"));
    assert_true(has_finding(&f, "budget-prose", 118, "11,354,668.68元"));
    assert_true(has_finding(&f, "budget-prose", 120, "19,601.92万元"));
    assert_true(has_finding(&f, "budget-prose", 120, "215,124,774.00元"));
    assert_true(has_finding(&f, "budget-prose", 133, "250.520万元"));
    assert_true(has_finding(&f, "budget-prose", 133, "2,505,136.52元"));
    /* 收入预算42924.24万元 against 收入总计 429,252,413.20元. */
    assert_true(has_finding(&f, "budget-prose", 245, "42924.24万元"));
    assert_true(has_finding(&f, "budget-prose", 245, "429,252,413.20元"));
    /* 37 projects stated, 36 target tables; 31,790.34万元 against 317,903,322.40元. */
    assert_true(has_finding(&f, "budget-prose", 2444, "项目37个"));
    assert_true(has_finding(&f, "budget-prose", 2444, "317,903,322.40元"));
    /* One narrative of the 2020 budget arranges 2019's money: last year's text left in. */
    assert_true(has_finding(&f, "narrative-year", 7188, "写的是2019年的安排，而本预算为2020年"));
    /* Nothing else: the tables add up and agree with each other, every narrative has its table. */
    assert_int_equal(f.count, 9);
    jx_findings_free(&f);
}

/* ------------------------------------------------------------ invented */

/* A 类 not the sum of its 款, a narrative without a table, a table without one, 元 for 万元. */
static void test_invented(void **state)
{
    (void)state;
    jx_form_list list = {0};
    char *path = fixture("invented.txt");
    import_or_fail(path, &list);
    assert_int_equal(list.count, 2);
    assert_int_equal(list.ndisclosures, 1);
    const jx_disclosure *d = list.disclosures[0];
    assert_int_equal(d->nnarratives, 2);
    assert_ptr_equal(d->narratives[0].form, list.items[0]);
    assert_null(d->narratives[1].form);
    assert_string_equal(list.items[0]->unit, "示例局");
    assert_null(list.items[1]->unit);
    jx_findings f = {0};
    review_disclosure(&list, &f);
    assert_true(has_finding(&f, "budget-sum", 10, "其下2个款（第11–14行）之和为310,000.00元"));
    assert_true(has_finding(&f, "budget-sum", 10, "「项目支出」为200,000.00元"));
    assert_true(has_finding(&f, "narrative-link", 36, "示例局调研项目经费情况说明"));
    assert_true(has_finding(&f, "narrative-link", 42, "绩效目标表「宣传」"));
    assert_true(has_finding(&f, "narrative-amount", 24, "疑为元与万元混用"));
    assert_true(has_finding(&f, "budget-prose", 19, "项目3个"));
    assert_int_equal(f.count, 7);
    jx_findings_free(&f);
    jx_form_list_free(&list);
    free(path);
}

/*
** narrative-year: a 年度预算安排 arranging money for other years only fires
** (2023年预算金额安排 in a 2024 budget; 2022年度安排…2023年预算安排), one
** naming the budget's year (2024年度预算安排…2023年安排的) or a range that
** holds it (2023年至2025年安排) or a year that arranges nothing (2022年起实施)
** is silent.
*/
static void test_narrative_year(void **state)
{
    (void)state;
    jx_form_list list = {0};
    char *path = fixture("narrative_year.txt");
    import_or_fail(path, &list);
    assert_int_equal(list.count, 5);
    assert_int_equal(list.disclosures[0]->nnarratives, 5);
    for (size_t i = 0; i < 5; i++) assert_non_null(list.disclosures[0]->narratives[i].form);
    jx_findings f = {0};
    review_disclosure(&list, &f);
    assert_true(has_finding(&f, "narrative-year", 8, "「示例局培训项目经费情况说明」的年度预算安排（第8行）写的是2023年的安排，而本预算为2024年"));
    assert_true(has_finding(&f, "narrative-year", 68, "写的是2022年、2023年的安排"));
    size_t years = 0;
    for (size_t i = 0; i < f.count; i++) years += strcmp(f.items[i].rule, "narrative-year") == 0;
    assert_int_equal(years, 2);
    jx_findings_free(&f);
    jx_form_list_free(&list);
    free(path);
}

/* The same figure differing across tables, and a 三公 figure of the text against its table. */
static void test_cross(void **state)
{
    (void)state;
    jx_form_list list = {0};
    char *path = fixture("cross.txt");
    import_or_fail(path, &list);
    const jx_disclosure *d = list.disclosures[0];
    assert_int_equal(d->ntables, 3);
    assert_string_equal(d->tables[2].columns[6], "2023年机关运行经费预算数");
    assert_true(d->tables[2].rows[0].values[2] == 1000000LL);   /* 1.00万元 */
    jx_findings f = {0};
    review_disclosure(&list, &f);
    assert_true(has_finding(&f, "budget-cross", 5, "「201 一般公共服务支出」「合计」为100,000.00元，而表「2023年部门支出预算总表」第14行"));
    assert_true(has_finding(&f, "budget-cross", 6, "120,000.00元"));
    assert_true(has_finding(&f, "budget-cross", 7, "2010101 行政运行"));
    assert_true(has_finding(&f, "budget-cross", 8, "「合 计」"));
    assert_true(has_finding(&f, "budget-prose", 25, "“三公”经费预算数5万元，而表「部门“三公”经费和机关运行经费预算表」第23行「合计」为40,000.00元"));
    assert_int_equal(f.count, 5);
    jx_findings_free(&f);
    jx_form_list_free(&list);
    free(path);
}

/* A damaged table cell is skipped and said so; a truncated target table is an error. */
static void test_damaged(void **state)
{
    (void)state;
    jx_form_list list = {0};
    char *path = fixture("partial.txt");
    import_or_fail(path, &list);
    const jx_disclosure *d = list.disclosures[0];
    assert_int_equal(d->nskipped, 1);
    assert_non_null(strstr(d->skipped[0], "line 6: table \"2023年部门支出预算总表\""));
    assert_true(d->tables[0].rows[1].values[0] == JX_NO_AMOUNT);
    assert_true(list.items[0]->budget.total == 12000000LL);
    jx_findings f = {0};
    review_disclosure(&list, &f);
    /* The unreadable 合计 is not compared (fail closed); the readable 项目支出 is. */
    assert_int_equal(f.count, 1);
    assert_true(has_finding(&f, "budget-sum", 5, "「项目支出」为200,000.00元"));
    jx_findings_free(&f);
    jx_form_list_free(&list);
    free(path);

    /* A truncated target table is a skipped part (issue 11): the budget table and
       the narrative before it import, the form is noted with its line and why. */
    path = fixture("truncated.txt");
    import_or_fail(path, &list);
    assert_int_equal(list.count, 0);
    assert_int_equal(list.ndisclosures, 1);
    d = list.disclosures[0];
    assert_int_equal(d->ntables, 1);
    assert_int_equal(d->tables[0].nrows, 2);        /* 人大事务 kept, its 2x0,000.00 skipped */
    assert_int_equal(d->nnarratives, 1);
    assert_int_equal(d->narratives[0].linked, 0);
    assert_int_equal(list.nnotes, 1);
    assert_int_equal(list.notes[0].line, 14);
    assert_string_equal(list.notes[0].part, "form \"培训\"");
    assert_string_equal(list.notes[0].why, "indicator table of form \"培训\" has no 指标值 (target value) column");
    jx_form_list_free(&list);
    free(path);
}

/* Import 002 once. */
static int setup(void **state)
{
    (void)state;
    char *p = jxt_seed(SEED);
    if (!p) return 0;
    import_or_fail(p, &seed);
    free(p);
    return 0;
}

/* Free 002. */
static int teardown(void **state)
{
    (void)state;
    jx_form_list_free(&seed);
    return 0;
}

/* The 绩效自评 statement of a final-accounts 预算绩效管理情况, read by its grammar. */
static const jx_statement *self_eval_stmt(const char *text, jx_form_list *list)
{
    static const char head[] =
        "示例市示例局2024年度部门决算\n\n收入支出决算总表\n\n单位：万元\n\n"
        "| 项目 | 决算数 |\n|---|---|\n| 本年收入合计 | 50.00 |\n\n"
        "支出决算表\n\n单位：万元\n\n| 项目 | 决算数 |\n|---|---|\n| 本年支出合计 | 50.00 |\n\n";
    jx_buf b = {0};
    jx_buf_printf(&b, "%s%s\n\n十一、其他重要事项的情况说明\n\n绩效自评的项目9个，平均得分1分。\n", head, text);
    char sha[65];
    jx_error err;
    jx_error_clear(&err);
    if (jx_import_bytes("perf.md", b.data, b.len, list, sha, &err) != JX_OK) fail_msg("%s", err.message);
    jx_buf_free(&b);
    assert_int_equal(list->ndisclosures, 1);
    const jx_disclosure *d = list->disclosures[0];
    const jx_statement *found = NULL;
    for (size_t i = 0; i < d->nstatements; i++)
        if (!strcmp(d->statements[i].subject, "绩效自评项目")) {
            assert_null(found);   /* one per section; the one after the section is not read */
            found = &d->statements[i];
        }
    return found;
}

static void test_self_eval_statement(void **state)
{
    (void)state;
    struct {
        const char *text;
        long count, money_fen, grades[4], line;
        double score;
    } cases[] = {
        /* the template's wording */
        {"十、预算绩效管理情况\n\n本部门编报绩效目标的2024年度项目5个，涉及预算金额700.00万元；绩效跟踪评价的"
         "2024年度项目5个，涉及预算金额700.00万元；绩效自评的2024年度项目3个，涉及预算金额598.42万元，"
         "平均得分91.5分（其中，绩效评级为“优”的项目2个；绩效评级为“良”的项目0个；绩效评级为“合格”的项目1个；"
         "绩效评级为“不合格”的项目0个。绩效自评中共发现问题2个，已经完成整改的1个）。",
         3, 598420000, {2, 0, 1, 0}, 21, 91.5},
        /* lines out of order across paragraphs, a （一） sub-heading inside the section, bare grades */
        {"十、预算绩效管理情况\n\n（一）绩效管理工作\n\n实行598.42万元；绩效自评全过程跟踪：编报绩效目标的2024年度项目"
         "6个，涉及预算金额\n\n的2024年度项目4个，涉及预算金额598.42万元，平均得分99.43分（其中，评级为优的项目3个；"
         "评级为良的项目1个；绩效评级0个）。\n\n为不合格的项目0个。",
         4, 598420000, {3, 1, -1, 0}, 25, 99.43},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        jx_form_list list = {0};
        const jx_statement *s = self_eval_stmt(cases[i].text, &list);
        assert_non_null(s);
        assert_int_equal(s->count, cases[i].count);
        assert_int_equal(s->amount, cases[i].money_fen);
        assert_true(s->has_score);
        assert_true(s->score == cases[i].score);
        for (int g = 0; g < 4; g++) assert_int_equal(s->grades[g], cases[i].grades[g]);
        assert_int_equal(s->line, cases[i].line);
        jx_form_list_free(&list);
    }
    /* no 平均得分: no statement (编报绩效目标 alone is no self-evaluation) */
    jx_form_list list = {0};
    assert_null(self_eval_stmt("十、预算绩效管理情况\n\n编报绩效目标的2024年度项目5个，涉及预算金额700.00万元。", &list));
    jx_form_list_free(&list);
}

int main(void)
{
    const struct CMUnitTest invented[] = {
        cmocka_unit_test(test_invented),
        cmocka_unit_test(test_narrative_year),
        cmocka_unit_test(test_cross),
        cmocka_unit_test(test_damaged),
        cmocka_unit_test(test_self_eval_statement),
    };
    int rc = cmocka_run_group_tests_name("disclosure fixtures", invented, NULL, NULL);
    char *p = jxt_seed(SEED);
    if (!p) return rc ? rc : JXT_SKIP;
    free(p);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_002_forms),
        cmocka_unit_test(test_002_indicators),
        cmocka_unit_test(test_002_tables),
        cmocka_unit_test(test_002_narratives),
        cmocka_unit_test(test_002_identities),
    };
    return rc | cmocka_run_group_tests_name("disclosure 002", tests, setup, teardown);
}
