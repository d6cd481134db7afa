/*
** test_review.c - the senior-reviewer rules of issue 13 on invented forms:
** measure classes and misfiled, copied-rows, text quality, narrative
** arithmetic, whose finding it is, suggestions. Each rule where it must fire
** and at the boundary where it must stay silent.
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
#include "jixiao/rules.h"
#include "jixiao/util.h"



/* ---- measure classes ---------------------------------------------------- */

/* Class of one invented indicator. */
static jx_measure classify(const char *name, const char *target)
{
    jx_indicator ind = {0};
    ind.name = (char *)name;
    ind.target = (char *)target;
    jx_value_parse(target, &ind.value);
    jx_measure m;
    jx_measure_classify(&ind, &m);
    return m;
}

static void test_measure_classes(void **state)
{
    (void)state;
    static const struct { const char *name, *target, *cls; double min_conf; } cases[] = {
        {"培训人次", "=150人次", "quantity", 0.9},
        {"参会人数", "≥200人", "quantity", 0.9},
        {"验收合格率", "≥95%", "quality", 0.9},
        {"报告达标率", "100%", "quality", 0.9},
        {"补贴发放准确率", "100%", "quality", 0.9},
        {"补贴发放及时率", "100%", "timeliness", 0.9},
        {"系统改造及时性", "及时", "timeliness", 0.9},
        {"发放周期", "≤30天", "timeliness", 0.8},
        {"人均培训成本", "≤500元", "cost", 0.9},
        {"学员满意度", "≥90%", "satisfaction", 0.9},
        {"预算执行率", "≥95%", "process", 0.9},
        {"资金及时到位率", "100%", "process", 0.9},
        {"长效管理制度健全性", "健全", "sustainability", 0.7},
        {"节能减排量", "≥10吨", "ecological", 0.7},
        /* a count of defects, or a count capped from above, is a standard */
        {"安全事故发生数", "=0", "quality", 0.8},
        {"有责投诉数", "≤3件", "quality", 0.6},
        {"窗口差错次数", "0次", "quality", 0.8},
        /* no head: the unit and the operator */
        {"航运专场招聘会", "=2场", "quantity", 0.7},
        {"故障处理", "≤24小时", "timeliness", 0.7},
        {"文书送达", "按规定", "unknown", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        jx_measure m = classify(cases[i].name, cases[i].target);
        if (strcmp(jx_measure_name(m.cls), cases[i].cls) || m.confidence < cases[i].min_conf)
            fprintf(stderr, "%s %s: %s %.2f\n", cases[i].name, cases[i].target, jx_measure_name(m.cls),
                    m.confidence);
        assert_string_equal(jx_measure_name(m.cls), cases[i].cls);
        assert_true(m.confidence >= cases[i].min_conf);
        assert_true((m.cls == JX_MEASURE_UNKNOWN) == (m.gloss == NULL));
    }
    /* a name listing two measures is not one class: confidence capped */
    jx_measure m = classify("活动开展率、及时率", "100%");
    assert_string_equal(jx_measure_name(m.cls), "timeliness");
    assert_true(m.confidence <= 0.8);
    assert_string_equal(jx_measure_label(JX_MEASURE_TIMELINESS), "时效");
}

/* Findings of misfiled on one form with one row, severity and suggestion of the first. */
static size_t misfiled(jxt_row r, jx_severity *sev, char **msg, char **sugg)
{
    jx_form_list forms = {0};
    jx_form_list_push(&forms, jxt_make_form("测试项目", &r, 1));
    jx_findings fs = {0};
    size_t n = jxt_run_rule("misfiled", &forms, &fs);
    if (n) {
        if (sev) *sev = fs.items[0].severity;
        if (msg) *msg = strdup(fs.items[0].message);
        if (sugg) *sugg = fs.items[0].suggestion ? strdup(fs.items[0].suggestion) : NULL;
    }
    jx_findings_free(&fs);
    jx_form_list_free(&forms);
    return n;
}

static void test_misfiled(void **state)
{
    (void)state;
    jx_severity sev;
    char *msg = NULL, *sugg = NULL;
    /* a count under 质量: warning, with where it belongs */
    assert_int_equal(misfiled((jxt_row){"产出指标", "质量指标", "培训参加人次", "产出", "≥300人次"}, &sev, &msg, &sugg), 1);
    assert_int_equal(sev, JX_SEV_WARNING);
    assert_string_equal(msg, "“培训参加人次”按其名称（…人次）属于数量指标，却列在“质量指标”下");
    assert_string_equal(sugg, "移至“数量指标”");
    free(msg);
    free(sugg);
    /* timeliness under 成本 */
    assert_int_equal(misfiled((jxt_row){"成本指标", "经济成本指标", "培训及时率", "成本", "100%"}, &sev, NULL, &sugg), 1);
    assert_int_equal(sev, JX_SEV_WARNING);
    assert_string_equal(sugg, "移至“时效指标”");
    free(sugg);
    /* budget execution under 成本 (misplaced-process covers only 产出/效益/满意度) */
    assert_int_equal(misfiled((jxt_row){"成本指标", "经济成本指标", "预算执行率", "成本", "≥95%"}, &sev, NULL, NULL), 1);
    /* satisfaction under 社会效益 */
    assert_int_equal(misfiled((jxt_row){"效益指标", "社会效益指标", "群众满意度", "效益", "≥90%"}, &sev, NULL, &sugg), 1);
    assert_int_equal(sev, JX_SEV_WARNING);
    assert_string_equal(sugg, "移至“服务对象满意度指标”");
    free(sugg);
    /* an output count under 社会效益: warning; people reached: info only */
    assert_int_equal(misfiled((jxt_row){"效益指标", "社会效益指标", "宣传活动场次", "效益", "≥4场"}, &sev, NULL, NULL), 1);
    assert_int_equal(sev, JX_SEV_WARNING);
    assert_int_equal(misfiled((jxt_row){"效益指标", "社会效益指标", "带动就业人数", "效益", "≥100人"}, &sev, NULL, NULL), 1);
    assert_int_equal(sev, JX_SEV_INFO);
    /* only a unit for evidence: info */
    assert_int_equal(misfiled((jxt_row){"产出指标", "质量指标", "专场招聘会", "产出", "=2场"}, &sev, &msg, NULL), 1);
    assert_int_equal(sev, JX_SEV_INFO);
    assert_string_equal(msg, "“专场招聘会”按其指标值=2场属于数量指标，却列在“质量指标”下");
    free(msg);

    /* Silent: the right place; a count that is a quality standard; a hint too
       weak; 产出 process measures (misplaced-process's); non-satisfaction
       under 满意度 (misplaced-satisfaction's); 投入和管理 rows. */
    static const jxt_row silent[] = {
        {"产出指标", "数量指标", "培训人次", "产出", "=150人次"},
        {"产出指标", "质量指标", "安全事故发生数", "产出", "=0"},
        {"产出指标", "质量指标", "有责投诉数", "产出", "≤3件"},
        {"产出指标", "质量指标", "培训人次达标率", "产出", "≥90%"},
        {"产出指标", "数量指标", "培训计划完成率", "产出", "100%"},
        {"产出指标", "时效指标", "预算执行率", "产出", "≥95%"},
        {"满意度指标", "服务对象满意度指标", "长效管理制度健全性", "满意度", "健全"},
        {"投入和管理目标", "财务管理", "培训人次", NULL, "=150人次"},
        {"效益指标", "社会效益指标", "政策知晓率", "效益", "≥90%"},
        {"效益指标", "可持续影响指标", "长效管理机制健全性", "效益", "健全"},
        {"产出指标", "时效指标", "培训按时完成率", "产出", "100%"},
    };
    for (size_t i = 0; i < sizeof silent / sizeof *silent; i++) {
        size_t n = misfiled(silent[i], NULL, &msg, NULL);
        if (n) fprintf(stderr, "unexpected: %s\n", msg), free(msg);
        assert_int_equal(n, 0);
    }
}

/* ---- copied-rows ------------------------------------------------------------ */

/* Rows of a form of its own: distinct names made from tag. */
static jx_form *own_form(const char *name, const char *tag, const jxt_row *shared, size_t nshared,
                         size_t at)
{
    jxt_row rows[12];
    static char names[12][64];
    size_t n = 0;
    for (size_t i = 0; i < 8; i++) {
        if (i == at)
            for (size_t k = 0; k < nshared; k++) rows[n++] = shared[k];
        snprintf(names[i], sizeof names[i], "%s专项工作%zu数量", tag, i);
        rows[n++] = (jxt_row){"产出指标", "数量指标", names[i], "产出", "=1项"};
    }
    return jxt_make_form(name, rows, n);
}

static const jxt_row run3[] = {
    {"产出指标", "质量指标", "补贴发放准确率", "产出", "100%"},
    {"产出指标", "时效指标", "补贴发放及时率", "产出", "100%"},
    {"效益指标", "社会效益指标", "就业率增长率", "效益", "≥2%"},
};

static void test_copied_rows(void **state)
{
    (void)state;
    jx_form_list forms = {0};
    jx_form_list_push(&forms, own_form("甲项目", "甲", run3, 3, 2));
    jx_form_list_push(&forms, own_form("乙项目", "乙", run3, 3, 5));
    jx_findings fs = {0};
    assert_int_equal(jxt_run_rule("copied-rows", &forms, &fs), 1);
    /* on the later form, naming the earlier one and its lines */
    assert_int_equal(fs.items[0].form_id, forms.items[1]->id);
    assert_int_equal(fs.items[0].line, 15);
    assert_string_equal(fs.items[0].message,
                        "第15—17行的3项指标（名称和指标值）与项目“甲项目”（invented.txt:1，第12—14行）依次相同："
                        "“补贴发放准确率 100%”、“补贴发放及时率 100%”、“就业率增长率 ≥2%”");
    assert_string_equal(fs.items[0].suggestion, "按本项目的内容和资金重新设定这3项指标，或说明与“甲项目”共用的理由");
    jx_findings_free(&fs);
    jx_form_list_free(&forms);

    /* two rows only: silent */
    jx_form_list_push(&forms, own_form("甲项目", "甲", run3, 2, 2));
    jx_form_list_push(&forms, own_form("乙项目", "乙", run3, 2, 5));
    assert_int_equal(jxt_run_rule("copied-rows", &forms, &fs), 0);
    jx_findings_free(&fs);
    jx_form_list_free(&forms);

    /* the same project another year: silent */
    jx_form_list_push(&forms, own_form("甲项目", "甲", run3, 3, 2));
    jx_form_list_push(&forms, own_form("甲项目", "乙", run3, 3, 5));
    assert_int_equal(jxt_run_rule("copied-rows", &forms, &fs), 0);
    jx_findings_free(&fs);
    jx_form_list_free(&forms);

    /* boilerplate: the three rows in seven forms (document frequency > 5): silent */
    for (int k = 0; k < 7; k++) {
        char name[32], tag[8];
        snprintf(name, sizeof name, "项目%d", k);
        snprintf(tag, sizeof tag, "%c", 'A' + k);
        jx_form_list_push(&forms, own_form(name, tag, run3, 3, (size_t)k % 8));
    }
    assert_int_equal(jxt_run_rule("copied-rows", &forms, &fs), 0);
    jx_findings_free(&fs);
    jx_form_list_free(&forms);

    /* the template's management checklist (投入和管理, 管理目标): silent */
    static const jxt_row checklist[] = {
        {"投入和管理目标", "财务管理", "财务管理制度健全性", NULL, "健全"},
        {"投入和管理目标", "财务管理", "资金使用合规性", NULL, "合规"},
        {"效果目标", "管理目标", "项目管理制度健全性", "效益", "健全"},
        {"效果目标", "管理目标", "合同管理有效性", "效益", "有效"},
    };
    jx_form_list_push(&forms, own_form("甲项目", "甲", checklist, 4, 0));
    jx_form_list_push(&forms, own_form("乙项目", "乙", checklist, 4, 0));
    assert_int_equal(jxt_run_rule("copied-rows", &forms, &fs), 0);
    jx_findings_free(&fs);
    jx_form_list_free(&forms);

    /* a whole copy is copied-block's, not copied-rows' */
    jx_form_list_push(&forms, jxt_make_form("甲项目", run3, 3));
    jx_form_list_push(&forms, jxt_make_form("乙项目", run3, 3));
    assert_int_equal(jxt_run_rule("copied-rows", &forms, &fs), 0);
    jx_findings_free(&fs);
    jx_form_list_free(&forms);
}

/* ---- text-quality ----------------------------------------------------------- */

/* text-quality findings on a form whose goal is goal and whose one indicator is r. */
static size_t text_findings(const char *goal, jxt_row r, jx_findings *fs)
{
    jx_form_list forms = {0};
    jx_form *f = jxt_make_form("测试项目", &r, 1);
    free(f->goal);
    f->goal = jx_strdup(goal);
    jx_form_list_push(&forms, f);
    size_t n = jxt_run_rule("text-quality", &forms, fs);
    for (size_t i = 0; i < n; i++) fs->items[i].form = NULL;   /* forms die here */
    jx_form_list_free(&forms);
    return n;
}

static void test_text_quality(void **state)
{
    (void)state;
    char words[1024];
    snprintf(words, sizeof words, "%s/review/words.txt", getenv("JIXIAO_FIXTURES"));
    setenv("JIXIAO_WORDLIST", words, 1);
    static const struct { const char *goal, *name, *target, *message, *suggestion; } fire[] = {
        {"完成的的培训任务", "培训人次", "=150人次", "年度目标“完成的的培训任务”中“的”重复", "删除重复的“的”"},
        {"提高参训人员满意度满意度", "培训人次", "=150人次", "年度目标“提高参训人员满意度满意度”中词语“满意度”连写两次", "删除重复的“满意度”"},
        {"完成年度工作。", "A2预算执行率", "≥95%", "指标名称“A2预算执行率”前留有模板编号“A2”", "删除名称前的“A2”"},
        {"计划购置xx个专用设备", "培训人次", "=150人次", "年度目标“计划购置xx个专用设备”中的“xx”是模板占位符，未填写实际内容", "将“xx”改为实际内容"},
        {"开展培训kaishi工作", "培训人次", "=150人次", "年度目标“开展培训kaishi工作”中夹有拉丁字母“kaishi”", "将“kaishi”改为中文或删除"},
        {"完成年度工作。", "档案管理完慗性", "完整", "指标名称“档案管理完慗性”中的“慗”是GB 2312以外的生僻字，疑为“完整性”中“整”之误", "将“慗”改为“整”"},
        {"完成年度工作。", "满意度 入驻单位满意度", "≥85%", "指标名称“满意度 入驻单位满意度”以层级名称“满意度”开头，疑为转换时与层级单元格粘连", "删除名称前的“满意度”"},
    };
    for (size_t i = 0; i < sizeof fire / sizeof *fire; i++) {
        jx_findings fs = {0};
        size_t n = text_findings(fire[i].goal, (jxt_row){"产出指标", "数量指标", fire[i].name, "产出", fire[i].target}, &fs);
        if (n != 1) fprintf(stderr, "case %zu: %zu findings\n", i, n);
        assert_int_equal(n, 1);
        assert_string_equal(fs.items[0].message, fire[i].message);
        assert_string_equal(fs.items[0].suggestion, fire[i].suggestion);
        assert_int_equal(fs.items[0].severity, JX_SEV_WARNING);
        jx_findings_free(&fs);
    }
    /* a rare character the word list cannot place: info only */
    jx_findings fs = {0};
    assert_int_equal(text_findings("完成年度工作。", (jxt_row){"产出指标", "数量指标", "慗理档案数量", "产出", "=5箱"}, &fs), 1);
    assert_int_equal(fs.items[0].severity, JX_SEV_INFO);
    jx_findings_free(&fs);
    /* no word list at all: the same finding, info */
    setenv("JIXIAO_WORDLIST", "/nonexistent/words.txt", 1);
    assert_int_equal(text_findings("完成年度工作。", (jxt_row){"产出指标", "数量指标", "档案管理完慗性", "产出", "完整"}, &fs), 1);
    assert_int_equal(fs.items[0].severity, JX_SEV_INFO);
    jx_findings_free(&fs);
    unsetenv("JIXIAO_WORDLIST");

    /* Silent: reduplication that is Chinese (人人, 等等, 处处), a doubled
       character across two words (提高高峰, 保障部部令), uppercase acronyms
       and codes (UPS, WIFI, G60, 12333), units after numbers (m²), a label-like
       word that is not a framework term. */
    static const struct { const char *goal, *name, *target; } silent[] = {
        {"人人有工作，人人有保障，处处有和谐", "培训人次", "=150人次"},
        {"做好宣传、培训等等工作，提高高峰人才待遇", "培训人次", "=150人次"},
        {"包括笔试考试考场使用费", "培训人次", "=150人次"},
        {"依据人力资源和社会保障部部令执行", "综合信息UPS机房维保数量", "=2个"},
        {"推进G60科创走廊和12333热线建设，WIFI全覆盖", "大厦渗漏开裂维修保养面积", "=3600m²"},
        {"完成年度工作。", "培训 人次", "=150人次"},
    };
    for (size_t i = 0; i < sizeof silent / sizeof *silent; i++) {
        size_t n = text_findings(silent[i].goal, (jxt_row){"产出指标", "数量指标", silent[i].name, "产出", silent[i].target}, &fs);
        for (size_t k = 0; k < n; k++) fprintf(stderr, "unexpected: %s\n", fs.items[k].message);
        assert_int_equal(n, 0);
        jx_findings_free(&fs);
    }
}

/* ---- whose finding it is -------------------------------------------------- */

/* A rule reporting one disclosure finding on the form it is given. */
static void report_disclosure(const jx_rule_ctx *ctx, const jx_form *f)
{
    jx_report(ctx, f, 3, "table", "表内合计不符");
    jx_report_scope_disclosure(ctx, f->file);
    jx_suggest(ctx, "核对合计");
}

static void test_disclosure_findings_do_not_grade_forms(void **state)
{
    (void)state;
    jx_rule r = {"test-disclosure", JX_SEV_ERROR, JX_DIM_APPROPRIATENESS, "t", "r",
                 {{NULL, 0, NULL}}, report_disclosure, NULL, JX_SCOPE_FORM};
    jx_form_list forms = {0};
    jx_form_list_push(&forms, jxt_make_form("甲项目", NULL, 0));
    jx_findings fs = {0};
    jx_rule_ctx ctx = {&r, NULL, &fs, NULL, NULL};
    report_disclosure(&ctx, forms.items[0]);
    jx_report(&ctx, forms.items[0], 4, "name", "表单自身的问题");
    assert_int_equal(fs.count, 2);
    assert_int_equal(fs.items[0].scope, JX_SCOPE_DISCLOSURE);
    assert_string_equal(fs.items[0].disclosure, "invented.txt");
    assert_string_equal(fs.items[0].suggestion, "核对合计");
    assert_int_equal(fs.items[1].scope, JX_SCOPE_FORM);
    assert_null(fs.items[1].suggestion);
    jx_review_config *c = jx_review_config_new();
    double score;
    assert_string_equal(jx_review_grade(c, &fs, forms.items[0]->id, &score), "良");
    assert_true(score == 85);   /* its own error only */
    assert_string_equal(jx_review_grade_disclosure(c, &fs, "invented.txt", &score), "良");
    assert_true(score == 85);
    assert_string_equal(jx_review_grade_disclosure(c, &fs, "other.txt", &score), "优");
    assert_true(score == 100);
    jx_review_config_free(c);
    jx_findings_free(&fs);
    jx_form_list_free(&forms);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_measure_classes),
        cmocka_unit_test(test_misfiled),
        cmocka_unit_test(test_copied_rows),
        cmocka_unit_test(test_text_quality),
        cmocka_unit_test(test_disclosure_findings_do_not_grade_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
