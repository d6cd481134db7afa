/*
** level-missing: a framework's required level-1 categories and 产出's level 2s.
** A level 2 the form declares but leaves empty (an indicator with neither
** name nor target) does not meet its requirement.
**
** The required sets are data, per framework: editing the table below changes
** what is required, no code.
*/
#include <stdlib.h>
#include <string.h>

#include "rule_util.h"
#include "vocab.h"

static const struct requirement {
    const char *framework;
    const char *category;   /* national category an indicator must carry */
    const char *level2;     /* with category 产出: a level-2 core required, else NULL */
    const char *label;      /* what to call it in the message */
} required[] = {
    {"national-2021", "产出", NULL, "产出指标"},
    {"national-2021", "效益", NULL, "效益指标"},
    {"national-2021", "满意度", NULL, "满意度指标"},
    {"national-2021", "产出", "数量", "产出指标/数量指标"},
    {"national-2021", "产出", "质量", "产出指标/质量指标"},
    {"national-2021", "产出", "时效", "产出指标/时效指标"},
    {"shanghai-2019", "产出", NULL, "产出目标"},
    {"shanghai-2019", "效益", NULL, "效果目标"},
    {"shanghai-2019", "产出", "数量", "产出目标/数量目标"},
    {"shanghai-2019", "产出", "质量", "产出目标/质量目标"},
    {"shanghai-2019", "产出", "时效", "产出目标/时效目标"},
};

/* 1 when the form has an indicator meeting a requirement. */
static int satisfied(const jx_form *f, const struct requirement *r)
{
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        if (!ind->name && !ind->target) continue;   /* declared, left empty: not met */
        if (!ind->category || strcmp(ind->category, r->category) != 0) continue;
        if (!r->level2) return 1;
        char *core = ind->level2 ? jx_vocab_core(ind->level2) : NULL;
        int ok = core && !strcmp(core, r->level2);
        free(core);
        if (ok) return 1;
    }
    return 0;
}

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    if (!f->framework) {
        /* Fail closed: without a framework we cannot say what is missing. */
        if (f->nindicators)
            jx_report_info(ctx, f, f->line, "framework",
                      "无法识别指标体系（一级指标不属于已知框架），未检查必备指标层级");
        return;
    }
    for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
        const struct requirement *r = &required[i];
        if (strcmp(r->framework, f->framework) != 0) continue;
        if (r->level2 && !satisfied(f, &(struct requirement){r->framework, r->category, NULL, NULL}))
            continue;   /* the level 1 itself is missing: reported once */
        if (!satisfied(f, r))
            jx_report(ctx, f, f->line, r->label, "缺少%s", r->label);
    }
}

const jx_rule jx_rule_level_missing = {
    "level-missing", JX_SEV_WARNING, JX_DIM_COMPLETENESS,
    "缺少指标体系要求的指标层级",
    "财预〔2021〕101号：产出、效益、满意度指标原则上均应设置，产出指标含数量、质量、时效",
    {{NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
