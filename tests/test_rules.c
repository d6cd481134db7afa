/*
** test_rules.c - each review rule on small invented forms: one that must
** fire, one that must not. Also configuration and grading.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule_util.h"
#include "support.h"
#include "jixiao/rules.h"
#include "jixiao/util.h"


/* A sound block: 产出 (数量/质量/时效), 效益, 满意度. */
static const jxt_row sound[] = {
    {"产出指标", "数量指标", "培训人次", "产出", "=150人次"},
    {"产出指标", "质量指标", "培训合格率", "产出", "≥95%"},
    {"产出指标", "时效指标", "培训完成及时率", "产出", "=100%"},
    {"效益指标", "社会效益指标", "学员就业率", "效益", "≥60%"},
    {"满意度指标", "服务对象满意度指标", "学员满意度", "满意度", "≥90%"},
};
#define NSOUND (sizeof sound / sizeof *sound)


/* Findings of rule id on a single form made of rows. */
static size_t fire(const char *id, const jxt_row *rows, size_t n, char **first_message, long *first_line)
{
    jx_form_list forms = {0};
    jx_form_list_push(&forms, jxt_make_form("测试项目", rows, n));
    jx_findings fs = {0};
    size_t count = jxt_run_rule(id, &forms, &fs);
    if (first_message) *first_message = count ? strdup(fs.items[0].message) : NULL;
    if (first_line) *first_line = count ? fs.items[0].line : 0;
    jx_findings_free(&fs);
    jx_form_list_free(&forms);
    return count;
}

/* The sound block with row i replaced by r (or r appended when i == NSOUND). */
static size_t fire_with(const char *id, size_t i, jxt_row r, char **msg)
{
    jxt_row rows[NSOUND + 1];
    memcpy(rows, sound, sizeof sound);
    rows[i] = r;
    return fire(id, rows, i == NSOUND ? NSOUND + 1 : NSOUND, msg, NULL);
}

static void test_sound_form_is_clean(void **state)
{
    (void)state;
    jx_form_list forms = {0};
    jx_form_list_push(&forms, jxt_make_form("测试项目", sound, NSOUND));
    jx_findings fs = {0};
    jx_review(NULL, &forms, &fs);
    for (size_t i = 0; i < fs.count; i++) fprintf(stderr, "unexpected: %s %s\n", fs.items[i].rule, fs.items[i].message);
    assert_int_equal(fs.count, 0);
    jx_findings_free(&fs);
    jx_form_list_free(&forms);
}

static void test_target_missing(void **state)
{
    (void)state;
    char *msg;
    long line;
    jxt_row rows[NSOUND];
    memcpy(rows, sound, sizeof sound);
    rows[1].target = NULL;
    assert_int_equal(fire("target-missing", rows, NSOUND, &msg, &line), 1);
    assert_string_equal(msg, "指标“培训合格率”未填写指标值");
    assert_int_equal(line, 11);
    free(msg);
    assert_int_equal(fire("target-missing", sound, NSOUND, NULL, NULL), 0);
}

static void test_level_missing(void **state)
{
    (void)state;
    char *msg;
    /* no 满意度 row */
    assert_int_equal(fire("level-missing", sound, NSOUND - 1, &msg, NULL), 1);
    assert_string_equal(msg, "缺少满意度指标");
    free(msg);
    /* no 时效 under 产出 */
    jxt_row rows[NSOUND];
    memcpy(rows, sound, sizeof sound);
    rows[2].l2 = "质量指标";
    assert_int_equal(fire("level-missing", rows, NSOUND, &msg, NULL), 1);
    assert_string_equal(msg, "缺少产出指标/时效指标");
    free(msg);
    assert_int_equal(fire("level-missing", sound, NSOUND, NULL, NULL), 0);
}

static void test_misplaced_process(void **state)
{
    (void)state;
    char *msg;
    assert_int_equal(fire_with("misplaced-process", 2, (jxt_row){"产出指标", "时效指标", "预算执行率", "产出", "≥95%"}, &msg), 1);
    assert_string_equal(msg, "过程性指标“预算执行率”被列为产出指标（时效指标）");
    free(msg);
    /* under 投入和管理 (category none) it is where it belongs */
    assert_int_equal(fire_with("misplaced-process", NSOUND, (jxt_row){"投入和管理目标", NULL, "预算执行率", NULL, "≥95%"}, NULL), 0);
}

static void test_misplaced_satisfaction(void **state)
{
    (void)state;
    char *msg;
    assert_int_equal(fire_with("misplaced-satisfaction", NSOUND, (jxt_row){"满意度指标", "服务对象满意度指标", "有责投诉数", "满意度", "=0起"}, &msg), 1);
    assert_string_equal(msg, "满意度指标下的“有责投诉数”不是满意度指标");
    free(msg);
    assert_int_equal(fire("misplaced-satisfaction", sound, NSOUND, NULL, NULL), 0);
}

static void test_rate_unit(void **state)
{
    (void)state;
    char *msg;
    assert_int_equal(fire_with("rate-unit", 1, (jxt_row){"产出指标", "质量指标", "活动举办完成率", "产出", ">200.00(人)"}, &msg), 1);
    assert_string_equal(msg, "比率指标“活动举办完成率”的指标值“>200.00(人)”使用了计数单位“人”");
    free(msg);
    assert_int_equal(fire_with("rate-unit", 1, (jxt_row){"产出指标", "质量指标", "培训人数达标率", "产出", "≥250"}, &msg), 1);
    assert_string_equal(msg, "比率指标“培训人数达标率”的指标值“≥250”是大于100的无单位数字，像是计数");
    free(msg);
    assert_int_equal(fire_with("rate-unit", 1, (jxt_row){"产出指标", "质量指标", "合格率", "产出", "120%"}, NULL), 1);
    assert_int_equal(fire("rate-unit", sound, NSOUND, NULL, NULL), 0);
}

static void test_count_percent(void **state)
{
    (void)state;
    assert_int_equal(fire_with("count-percent", 0, (jxt_row){"产出指标", "数量指标", "培训人次", "产出", "≥90%"}, NULL), 1);
    assert_int_equal(fire("count-percent", sound, NSOUND, NULL, NULL), 0);
}

static void test_bare_number(void **state)
{
    (void)state;
    char *msg;
    assert_int_equal(fire_with("bare-number", 0, (jxt_row){"产出指标", "数量指标", "保密宣传场次", "产出", "2"}, &msg), 1);
    assert_string_equal(msg, "指标“保密宣传场次”的指标值“2”没有计量单位");
    free(msg);
    /* zero needs no unit */
    assert_int_equal(fire_with("bare-number", NSOUND, (jxt_row){"效益指标", "社会效益指标", "泄密事故发生数", "效益", "0"}, NULL), 0);
    assert_int_equal(fire("bare-number", sound, NSOUND, NULL, NULL), 0);
}

static void test_direction(void **state)
{
    (void)state;
    char *msg;
    assert_int_equal(fire_with("direction", NSOUND, (jxt_row){"效益指标", "社会效益指标", "投诉率", "效益", "≥95%"}, &msg), 1);
    assert_string_equal(msg, "指标“投诉率”的指标值“≥95%”方向与指标含义相反：该指标越低越好，却要求不低于目标值");
    free(msg);
    assert_int_equal(fire_with("direction", 1, (jxt_row){"产出指标", "质量指标", "培训合格率", "产出", "≤90%"}, NULL), 1);
    assert_int_equal(fire_with("direction", NSOUND, (jxt_row){"效益指标", "社会效益指标", "投诉率", "效益", "≤0.01%"}, NULL), 0);
    assert_int_equal(fire_with("direction", NSOUND, (jxt_row){"产出指标", "质量指标", "不合格率", "产出", "≤2%"}, NULL), 0);
}

static void test_weak_target(void **state)
{
    (void)state;
    assert_int_equal(fire_with("weak-target", 0, (jxt_row){"产出指标", "数量指标", "培训人次", "产出", ">0"}, NULL), 1);
    assert_int_equal(fire_with("weak-target", 0, (jxt_row){"产出指标", "数量指标", "培训人次", "产出", "大于0"}, NULL), 1);
    assert_int_equal(fire("weak-target", sound, NSOUND, NULL, NULL), 0);
}

static void test_vague_target(void **state)
{
    (void)state;
    char *msg;
    assert_int_equal(fire_with("vague-target", 3, (jxt_row){"效益指标", "社会效益指标", "政策知晓率", "效益", "较上年提高"}, &msg), 1);
    assert_string_equal(msg, "可量化的指标“政策知晓率”使用了模糊表述“较上年提高”，应给出具体数值");
    free(msg);
    /* a state that cannot be counted may stay qualitative */
    assert_int_equal(fire_with("vague-target", 3, (jxt_row){"效益指标", "社会效益指标", "干部素质提升情况", "效益", "提升"}, NULL), 0);
}

static void test_satisfaction_100(void **state)
{
    (void)state;
    assert_int_equal(fire_with("satisfaction-100", 4, (jxt_row){"满意度指标", "服务对象满意度指标", "参会人员满意度", "满意度", "100%"}, NULL), 1);
    assert_int_equal(fire("satisfaction-100", sound, NSOUND, NULL, NULL), 0);
}

static void test_mostly_qualitative(void **state)
{
    (void)state;
    static const jxt_row qual[] = {
        {"产出指标", "数量指标", "培训开展情况", "产出", "按计划"},
        {"产出指标", "质量指标", "培训质量", "产出", "良好"},
        {"产出指标", "时效指标", "培训及时性", "产出", "及时"},
        {"效益指标", "社会效益指标", "能力提升情况", "效益", "提升"},
        {"效益指标", "可持续影响指标", "长效机制", "效益", "健全"},
        {"满意度指标", "服务对象满意度指标", "学员满意度", "满意度", "≥90%"},
    };
    char *msg;
    assert_int_equal(fire("mostly-qualitative", qual, 6, &msg, NULL), 1);
    assert_string_equal(msg, "产出和效益指标共5项，其中5项为定性指标（100%）");
    free(msg);
    assert_int_equal(fire("mostly-qualitative", sound, NSOUND, NULL, NULL), 0);
}

/* Run a money rule on a form with the given amounts (fen; JX_NO_AMOUNT for none). */
static size_t fire_money(const char *id, long long total, long long year, long long carry,
                         long long other, long long prev_budget, long long prev_exec,
                         const long long *components, size_t ncomp, char **msg)
{
    jx_form_list forms = {0};
    jx_form *f = jxt_make_form("测试项目", sound, NSOUND);
    f->budget.total = total;
    f->budget.year = year;
    f->budget.carryover = carry;
    f->budget.other = other;
    f->budget.prev_budget = prev_budget;
    f->budget.prev_exec = prev_exec;
    for (size_t i = 0; i < ncomp; i++) {
        jx_component *c = jx_form_add_component(f);
        c->name = jx_strdup("子项目");
        c->amount = components[i];
    }
    jx_form_list_push(&forms, f);
    jx_findings fs = {0};
    size_t n = jxt_run_rule(id, &forms, &fs);
    if (msg) *msg = n ? strdup(fs.items[0].message) : NULL;
    jx_findings_free(&fs);
    jx_form_list_free(&forms);
    return n;
}

static void test_components_sum(void **state)
{
    (void)state;
    const long long good[] = {60000000, 40000000}, bad[] = {60000000, 39999999};
    char *msg;
    assert_int_equal(fire_money("components-sum", 100000000, 100000000, 0, 0, JX_NO_AMOUNT, JX_NO_AMOUNT, bad, 2, &msg), 1);
    assert_string_equal(msg, "2个子项目合计100.00万元，与当年预算100.00万元不一致（差额-0.01元）");
    free(msg);
    assert_int_equal(fire_money("components-sum", 100000000, 100000000, 0, 0, JX_NO_AMOUNT, JX_NO_AMOUNT, good, 2, NULL), 0);
}

static void test_amount_identities(void **state)
{
    (void)state;
    char *msg;
    assert_int_equal(fire_money("year-above-total", 100000000, 120000000, JX_NO_AMOUNT, JX_NO_AMOUNT, JX_NO_AMOUNT, JX_NO_AMOUNT, NULL, 0, &msg), 1);
    assert_string_equal(msg, "当年财政拨款120.00万元高于年度资金总额100.00万元");
    free(msg);
    assert_int_equal(fire_money("year-above-total", 100000000, 100000000, JX_NO_AMOUNT, JX_NO_AMOUNT, JX_NO_AMOUNT, JX_NO_AMOUNT, NULL, 0, NULL), 0);
    assert_int_equal(fire_money("total-identity", 100000000, 90000000, 5000000, 0, JX_NO_AMOUNT, JX_NO_AMOUNT, NULL, 0, &msg), 1);
    assert_string_equal(msg, "年度资金总额100.00万元不等于当年财政拨款+上年结转+其他资金=95.00万元");
    free(msg);
    assert_int_equal(fire_money("total-identity", 100000000, 90000000, 10000000, 0, JX_NO_AMOUNT, JX_NO_AMOUNT, NULL, 0, NULL), 0);
    /* fail closed: carry-over unknown */
    assert_int_equal(fire_money("total-identity", 100000000, 90000000, JX_NO_AMOUNT, 0, JX_NO_AMOUNT, JX_NO_AMOUNT, NULL, 0, NULL), 0);
}

static void test_prev_exec_low(void **state)
{
    (void)state;
    char *msg;
    /* 000's 师资进修: 5,430,000 budgeted, 2,373,044 spent */
    assert_int_equal(fire_money("prev-exec-low", 351150000, 351150000, JX_NO_AMOUNT, JX_NO_AMOUNT, 543000000, 237304400, NULL, 0, &msg), 1);
    assert_string_equal(msg, "同名项目上年预算543.00万元，执行237.30万元，执行率43.7%，低于80%");
    free(msg);
    assert_int_equal(fire_money("prev-exec-low", 1, 1, 0, 0, 387440000, 358647100, NULL, 0, NULL), 0);
    assert_int_equal(fire_money("prev-exec-low", 1, 1, 0, 0, 0, 0, NULL, 0, NULL), 0);
}

static void test_copied_block(void **state)
{
    (void)state;
    jx_form_list forms = {0};
    jx_form_list_push(&forms, jxt_make_form("甲项目", sound, NSOUND));
    jx_form_list_push(&forms, jxt_make_form("乙项目", sound, NSOUND));
    jxt_row other[NSOUND];
    memcpy(other, sound, sizeof sound);
    other[0].target = "=300人次";
    other[1].target = "≥98%";
    jx_form_list_push(&forms, jxt_make_form("丙项目", other, NSOUND));
    jx_findings fs = {0};
    assert_int_equal(jxt_run_rule("copied-block", &forms, &fs), 2);
    assert_string_equal(fs.items[0].message, "5项指标中有5项（100%）与项目“乙项目”（invented.txt:1）的指标名称和指标值完全相同");
    assert_int_equal(fs.items[0].form_id, forms.items[0]->id);
    assert_int_equal(fs.items[1].form_id, forms.items[1]->id);
    jx_findings_free(&fs);
    jx_form_list_free(&forms);
}

/*
** The copy index, built in two rounds: the rows that share a signature
** have postings (in row order, with their lines), the others none and
** only a code (4 bytes); copied-rows' match values are equal exactly for
** equal rows, 0 for a row without a target.
*/
static void test_copy_index(void **state)
{
    (void)state;
    jx_copy_index *ix = jx_copy_index_new();
    jx_form *a = jxt_make_form("甲项目", sound, NSOUND), *b = jxt_make_form("乙项目", sound, NSOUND);
    jxt_row other[NSOUND];
    memcpy(other, sound, sizeof sound);
    other[0].target = "=300人次";
    other[2].target = "";
    jx_form *c = jxt_make_form("丙项目", other, NSOUND);
    for (int round = 0; round < 2; round++) {
        jx_copy_index_add(ix, a);
        jx_copy_index_add(ix, b);
        jx_copy_index_add(ix, c);
        assert_int_equal(jx_copy_index_round_end(ix), round == 0);
    }
    jx_copy_index_seal(ix);
    assert_int_equal(ix->nrows, 3 * NSOUND);
    assert_int_equal(ix->nshared, NSOUND);   /* 甲 and 乙's rows; 丙's first and third are its own */
    size_t first, df;
    assert_int_equal(jx_copy_index_postings(ix, 0, &first, &df), 2);   /* 培训人次 =150人次: 甲, 乙 */
    assert_int_equal(df, 2);
    assert_int_equal(ix->post_row[first], 0);
    assert_int_equal(ix->post_row[first + 1], NSOUND);
    assert_int_equal(jx_copy_index_line(ix, NSOUND), b->indicators[0].line);
    assert_int_equal(jx_copy_index_postings(ix, 2 * NSOUND, &first, &df), 0);   /* 丙's =300人次 */
    assert_int_equal(df, 1);
    assert_int_equal(jx_copy_index_line(ix, 2 * NSOUND), 0);
    assert_int_equal(jx_copy_index_postings(ix, 1, &first, &df), 3);
    assert_int_equal(df, 3);
    assert_int_equal(jx_copy_index_match(ix, 1), jx_copy_index_match(ix, 2 * NSOUND + 1));
    assert_true(jx_copy_index_match(ix, 0) != jx_copy_index_match(ix, 2 * NSOUND));
    assert_true(jx_copy_index_match(ix, 2 * NSOUND) != 0);   /* alone, but complete */
    assert_int_equal(jx_copy_index_match(ix, 2 * NSOUND + 2), 0);   /* no target: never matched */
    assert_int_equal(ix->distinct[2], NSOUND);
    jx_copy_index_free(ix);

    /* 1,000 forms of 5 distinct rows each: nothing shared, no postings, every row found alone */
    ix = jx_copy_index_new();
    jxt_row rows[NSOUND];
    char targets[NSOUND][32];
    for (int round = 0; round < 2; round++) {
        for (int k = 0; k < 1000; k++) {
            memcpy(rows, sound, sizeof sound);
            for (size_t i = 0; i < NSOUND; i++) {
                snprintf(targets[i], sizeof targets[i], "=%d人", k * 10 + (int)i);
                rows[i].target = targets[i];
            }
            jx_form *f = jxt_make_form("项目", rows, NSOUND);
            jx_copy_index_add(ix, f);
            jx_form_free(f);
        }
        jx_copy_index_round_end(ix);
    }
    jx_copy_index_seal(ix);
    assert_int_equal(ix->nshared, 0);
    assert_int_equal(ix->nrows, 1000 * NSOUND);
    for (size_t r = 0; r < ix->nrows; r++) {
        assert_int_equal(jx_copy_index_postings(ix, r, &first, &df), 0);
        assert_int_equal(df, 1);
        assert_int_equal(jx_copy_index_form_of(ix, r), r / NSOUND);
    }
    jx_copy_index_free(ix);
    jx_form_free(a);
    jx_form_free(b);
    jx_form_free(c);
}

static void test_goal_coverage(void **state)
{
    (void)state;
    jx_form_list forms = {0};
    jx_form *f = jxt_make_form("测试项目", sound, NSOUND);
    free(f->goal);
    f->goal = jx_strdup("按计划开展2场培训，培训人次达到150人，外聘法律顾问7人，满意度达到90%及以上。");
    jx_form_list_push(&forms, f);
    jx_findings fs = {0};
    /* 150人 and 90% are measured (培训人次 =150人次, 学员满意度 ≥90%); 2场 and 7人 are not */
    assert_int_equal(jxt_run_rule("goal-coverage", &forms, &fs), 2);
    assert_string_equal(fs.items[0].message, "年度目标提出“2场”，但没有指标衡量这一数值");
    assert_string_equal(fs.items[1].message, "年度目标提出“7人”，但没有指标衡量这一数值");
    jx_findings_free(&fs);
    jx_form_list_free(&forms);
}

static void test_typo(void **state)
{
    (void)state;
    char *msg;
    assert_int_equal(fire_with("typo", 0, (jxt_row){"产出指标", "数量指标", "视屏监控门禁系统维保数量", "产出", "=1套"}, &msg), 1);
    assert_string_equal(msg, "指标名称“视屏监控门禁系统维保数量”中的“视屏监控”疑为“视频监控”之误");
    free(msg);
    assert_int_equal(fire("typo", sound, NSOUND, NULL, NULL), 0);
}

static void test_required_fields(void **state)
{
    (void)state;
    jx_form_list forms = {0};
    jx_form *f = jxt_make_form("测试项目", sound, NSOUND);
    free(f->goal);
    f->goal = NULL;
    jx_form_list_push(&forms, f);
    jx_findings fs = {0};
    assert_int_equal(jxt_run_rule("required-fields", &forms, &fs), 1);
    assert_string_equal(fs.items[0].where, "goal");
    jx_findings_free(&fs);
    jx_form_list_free(&forms);
}

static void test_config_and_grade(void **state)
{
    (void)state;
    jx_review_config *c = jx_review_config_new();
    jx_error err;
    jx_error_clear(&err);
    assert_int_equal(jx_review_config_set(c, "bare-number=off", &err), JX_OK);
    assert_int_equal(jx_review_config_set(c, "no-such-rule=off", &err), JX_EUSAGE);
    assert_string_equal(err.message, "unknown rule 'no-such-rule' (see 'jixiao rules')");
    assert_int_equal(jx_review_config_set(c, "typo=loud", &err), JX_EUSAGE);
    assert_int_equal(jx_review_config_set(c, "typo", &err), JX_EUSAGE);

    char *dir = jxt_tmpdir();
    char path[600];
    snprintf(path, sizeof path, "%s/review.json", dir);
    const char *good = "{\"rules\": {\"prev-exec-low\": {\"severity\": \"error\", \"min_ratio\": 0.5},"
                       " \"typo\": \"off\"}, \"grade\": {\"warning\": 20}}";
    jxt_write(path, good, strlen(good));
    assert_int_equal(jx_review_config_load_json(c, path, &err), JX_OK);
    assert_true(c->penalty[JX_SEV_WARNING] == 20);
    const char *bad_json = "{\"rules\": {\"typo\": \"off\",}}";
    jxt_write(path, bad_json, strlen(bad_json));
    assert_int_equal(jx_review_config_load_json(c, path, &err), JX_EINPUT);
    assert_string_equal(err.file, "review.json");
    assert_int_equal(err.line, 1);
    const char *bad_param = "{\"rules\": {\"prev-exec-low\": {\"max_ratio\": 0.5}}}";
    jxt_write(path, bad_param, strlen(bad_param));
    assert_int_equal(jx_review_config_load_json(c, path, &err), JX_EINPUT);
    assert_string_equal(err.message, "rule 'prev-exec-low' has no threshold 'max_ratio'");
    jxt_rmtree(dir);
    free(dir);

    /* 543万 budgeted, 237万 spent (43.7%): below 0.8 by default, above 0.4 when configured */
    jx_form_list forms = {0};
    jx_form *f = jxt_make_form("测试项目", sound, NSOUND);
    f->budget.prev_budget = 543000000;
    f->budget.prev_exec = 237304400;
    jx_form_list_push(&forms, f);
    jx_findings fs = {0};
    jx_review(c, &forms, &fs);   /* min_ratio 0.5, severity error */
    assert_int_equal(fs.count, 1);
    assert_int_equal(fs.items[0].severity, JX_SEV_ERROR);
    double score;
    assert_string_equal(jx_review_grade(c, &fs, f->id, &score), "良");
    assert_true(score == 85);
    jx_findings_free(&fs);
    jx_form_list_free(&forms);
    jx_review_config_free(c);
}

/*
** jx_evaluation_rules is the registry's evaluation rules, all of them: a walk
** of the store runs only that list on evaluations, so an eval-/monitor- rule
** missing from it would never run there. eval-disclosure reads disclosures
** and goes with the forms.
*/
static void test_evaluation_rules_listed(void **state)
{
    (void)state;
    size_t want = 0, got = 0;
    for (size_t i = 0; jx_rules[i]; i++) {
        const char *id = jx_rules[i]->id;
        int eval = (!strncmp(id, "eval-", 5) || !strncmp(id, "monitor-", 8)) && strcmp(id, "eval-disclosure");
        int listed = 0;
        for (size_t k = 0; jx_evaluation_rules[k]; k++) listed |= jx_evaluation_rules[k] == jx_rules[i];
        if (eval != listed) fail_msg("rule %s: %s jx_evaluation_rules", id, listed ? "wrongly in" : "missing from");
        want += eval;
    }
    for (size_t k = 0; jx_evaluation_rules[k]; k++) got++;
    assert_int_equal(got, want);
    assert_int_equal(got, 13);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sound_form_is_clean),
        cmocka_unit_test(test_evaluation_rules_listed),
        cmocka_unit_test(test_required_fields),
        cmocka_unit_test(test_target_missing),
        cmocka_unit_test(test_level_missing),
        cmocka_unit_test(test_misplaced_process),
        cmocka_unit_test(test_misplaced_satisfaction),
        cmocka_unit_test(test_rate_unit),
        cmocka_unit_test(test_count_percent),
        cmocka_unit_test(test_bare_number),
        cmocka_unit_test(test_direction),
        cmocka_unit_test(test_weak_target),
        cmocka_unit_test(test_vague_target),
        cmocka_unit_test(test_satisfaction_100),
        cmocka_unit_test(test_mostly_qualitative),
        cmocka_unit_test(test_components_sum),
        cmocka_unit_test(test_amount_identities),
        cmocka_unit_test(test_prev_exec_low),
        cmocka_unit_test(test_copied_block),
        cmocka_unit_test(test_copy_index),
        cmocka_unit_test(test_goal_coverage),
        cmocka_unit_test(test_typo),
        cmocka_unit_test(test_config_and_grade),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
