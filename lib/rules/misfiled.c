/*
** misfiled: an indicator whose measure class (measure.c) contradicts the
** 二级 (else 一级) category it is filed under: a count under 质量, a
** timeliness measure under 质量 or 成本, a satisfaction rate under 社会效益,
** an output under 长效管理. The slot a category stands for is a data table
** (slots[] below). Warning only on strong evidence (a defining head, a
** level-2 term the table knows); info otherwise. Process measures under
** 产出/效益/满意度 and non-satisfaction under 满意度 are left to
** misplaced-process and misplaced-satisfaction, so nothing is reported twice.
*/
#include <string.h>

#include "rule_util.h"
#include "jixiao/util.h"

/* Category words -> the class they hold. First match wins; matched on the
   level-2 name (else the level-1 name) anywhere. */
static const struct { const char *word; jx_measure_class slot; } slots[] = {
    {"满意", JX_MEASURE_SATISFACTION},
    {"数量", JX_MEASURE_QUANTITY},
    {"质量", JX_MEASURE_QUALITY},
    {"时效", JX_MEASURE_TIMELINESS},
    {"成本", JX_MEASURE_COST},
    {"经济效益", JX_MEASURE_ECONOMIC},
    {"社会效益", JX_MEASURE_SOCIAL},
    {"社会效应", JX_MEASURE_SOCIAL},
    {"生态效益", JX_MEASURE_ECOLOGICAL},
    {"环境效益", JX_MEASURE_ECOLOGICAL},
    {"可持续", JX_MEASURE_SUSTAINABILITY},
    {"长效管理", JX_MEASURE_SUSTAINABILITY},
    /* shanghai-2019 影响力目标 rows other than 长效管理 (能力建设, 人力资源,
       信息共享, 档案管理, 配套设施 …) and 投入和管理 rows hold many kinds:
       no slot, no judgement. */
};

/* The class a category holds, or UNKNOWN; *from_level2 says which level decided. */
static jx_measure_class slot_of(const jx_indicator *ind, int *from_level2)
{
    const char *texts[2] = {ind->level2, ind->level1};
    for (int t = 0; t < 2; t++) {
        if (!texts[t]) continue;
        for (size_t i = 0; i < sizeof slots / sizeof *slots; i++)
            if (strstr(texts[t], slots[i].word)) {
                *from_level2 = t == 0;
                return slots[i].slot;
            }
        if (t == 0) break;   /* a level 2 without a slot word: no fallback to level 1 */
    }
    return JX_MEASURE_UNKNOWN;
}

/* Count heads that name the project's own outputs, not an effect. */
static const char *const output_heads[] = {"人次", "人次数", "场次", "场数", "次数", "班次", "期数",
                                           "篇数", "册数", "套数", "台数", "数量", NULL};

static int is_benefit(jx_measure_class c)
{
    return c == JX_MEASURE_ECONOMIC || c == JX_MEASURE_SOCIAL || c == JX_MEASURE_ECOLOGICAL ||
           c == JX_MEASURE_SUSTAINABILITY;
}

/* The level-2 name to move to, in the form's framework. */
static const char *target_name(const jx_form *f, jx_measure_class c)
{
    int national = f->framework && !strcmp(f->framework, "national-2021");
    static const char *const nat[] = {NULL, "数量指标", "质量指标", "时效指标", "成本指标",
                                      "经济效益指标", "社会效益指标", "生态效益指标",
                                      "可持续影响指标", "服务对象满意度指标", NULL};
    static const char *const sh[] = {NULL, "数量目标", "质量目标", "时效目标", "成本目标",
                                     "经济效益目标", "社会效益目标", "生态效益目标", "可持续目标",
                                     "满意度目标", NULL};
    return national ? nat[c] : sh[c];
}

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    double min_conf = jx_rule_param_value(ctx, "min_confidence");
    double strong = jx_rule_param_value(ctx, "strong_confidence");
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        int from_level2 = 0;
        jx_measure_class slot = slot_of(ind, &from_level2);
        if (slot == JX_MEASURE_UNKNOWN || slot == JX_MEASURE_SATISFACTION) continue;
        jx_measure m;
        jx_measure_classify(ind, &m);
        if (m.cls == JX_MEASURE_UNKNOWN || m.cls == slot || m.confidence < min_conf) continue;
        if (is_benefit(slot) && is_benefit(m.cls)) continue;     /* 效益 kinds shade into each other */
        if (m.cls == JX_MEASURE_PROCESS && ind->category && strcmp(ind->category, "成本") != 0)
            continue;                                           /* misplaced-process's */
        const char *to = target_name(f, m.cls);
        int warn = from_level2 && m.confidence >= strong && to;
        /* A level label glued to the name means the converter shifted the
           row's cells: its category is the importer's guess, not the form's. */
        char glued[64];
        int shifted = jx_rule_glued_label(ind->name, glued, sizeof glued);
        if (shifted) warn = 0;
        /* Under 效益 a quality rate may be the outcome itself (节能减排达标率), and
           a count of people reached may be one (带动就业人数): only outputs of the
           project's own activity (…人次, …场次, …数量) are clearly misfiled there. */
        if (is_benefit(slot) && m.cls == JX_MEASURE_QUALITY) warn = 0;
        if (is_benefit(slot) && m.cls == JX_MEASURE_QUANTITY && m.head &&
            !jx_rule_ends_any(m.head, output_heads))
            warn = 0;
        const char *filed = ind->level2 ? ind->level2 : ind->level1;
        const char *fmt = shifted ? "“%s”按其名称（…%s）属于%s指标，却列在“%s”下（名称前粘连层级名称，所属类别可能是转换错位所致）"
                          : m.head ? "“%s”按其名称（…%s）属于%s指标，却列在“%s”下"
                                   : "“%s”按其指标值%s属于%s指标，却列在“%s”下";
        const char *basis = m.head ? m.head : jx_rule_target_text(ind);
        if (warn)
            jx_report_indicator(ctx, f, ind, fmt, ind->name, basis, jx_measure_label(m.cls), filed);
        else {
            jx_buf where = {0};
            jx_buf_printf(&where, "%s/%s/%s", ind->level1 ? ind->level1 : "-",
                          ind->level2 ? ind->level2 : "-", ind->name);
            jx_report_info(ctx, f, ind->line, where.data, fmt, ind->name, basis,
                           jx_measure_label(m.cls), filed);
            jx_buf_free(&where);
        }
        if (m.cls == JX_MEASURE_PROCESS)
            jx_suggest(ctx, "移出“%s”：预算执行率、资金到位率等列入投入和管理（过程）类或删除", filed);
        else if (to)
            jx_suggest(ctx, "移至“%s”", to);
    }
}

const jx_rule jx_rule_misfiled = {
    "misfiled", JX_SEV_WARNING, JX_DIM_RELEVANCE,
    "指标所属的二级指标与其计量内容不符",
    "财预〔2021〕101号：数量、质量、时效、成本、效益、满意度指标各有其含义，指标应列在与其内容相符的类别下",
    {{"min_confidence", 0.7, "分类把握低于此值的不报告"},
     {"strong_confidence", 0.9, "分类把握达到此值且二级指标明确时报为警告，否则为提示"},
     {NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
