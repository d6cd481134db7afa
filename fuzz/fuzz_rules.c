/*
** fuzz_rules.c - the rule configuration (--config JSON and --rule ID=VALUE
** assignments) on fuzzed text, then a review of a fixed form under the
** configuration it produced: thresholds and penalties of any value must
** not crash a rule or the grading.
*/
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "jixiao/import.h"
#include "jixiao/model.h"
#include "jixiao/rules.h"

/* A small form with a finding for most rules (imported once). */
static const char form_text[] =
    "项目支出绩效目标申报表\n"
    "| 项目名称 | 模糊测试项目 | | |\n"
    "| 申报单位 | 示例单位 | | |\n"
    "| 项目总预算（万元） | 10 | 项目当年预算（万元） | 12 |\n"
    "| 同名项目上年预算额（万元） | 10 | 同名项目上年预算执行数（万元） | 1 |\n"
    "| 年度绩效目标 | 培训150人，满意度100% | | |\n"
    "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
    "| 产出指标 | 数量指标 | 培训人数 | ≥50% |\n"
    "| 产出指标 | 质量指标 | 合格率 | 200个 |\n"
    "| 效益指标 | 社会效益指标 | 投诉率 | ≥5% |\n"
    "| 满意度指标 | 服务对象满意度指标 | 学员满意度 | 100% |\n"
    "| 满意度指标 | 服务对象满意度指标 | 预算执行率 | 有所提高 |\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static jx_form_list forms;
    static int loaded;
    if (!loaded) {
        char sha[65];
        jx_error e;
        jx_error_clear(&e);
        jx_import_bytes("form.md", form_text, sizeof form_text - 1, &forms, sha, &e);
        for (size_t i = 0; i < forms.count; i++) forms.items[i]->id = (long long)i + 1;
        loaded = 1;
    }
    if (size > 16384) return 0;
    jx_review_config *c = jx_review_config_new();
    jx_error err;
    jx_error_clear(&err);
    /* A first line "ID=VALUE" is a --rule assignment; the rest is the JSON config. */
    const uint8_t *nl = memchr(data, '\n', size);
    size_t first = nl ? (size_t)(nl - data) : 0;
    if (nl && memchr(data, '=', first)) {
        char *assign = fuzz_cstr(data, first);
        jx_review_config_set(c, assign, &err);
        free(assign);
        data += first + 1;
        size -= first + 1;
    }
    jx_error_clear(&err);
    char *json = fuzz_cstr(data, size);
    if (jx_review_config_parse_json(c, "fuzz.json", json, size, &err) == JX_OK || size == 0) {
        jx_findings found = {0};
        jx_review(c, &forms, &found);
        for (size_t i = 0; i < forms.count; i++) {
            double score;
            (void)jx_review_grade(c, &found, forms.items[i]->id, &score);
        }
        jx_findings_free(&found);
    }
    free(json);
    jx_review_config_free(c);
    return 0;
}
