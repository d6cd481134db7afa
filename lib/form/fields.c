/*
** fields.c - the field table (see jixiao/fields.h).
**
** Each row: id, JSON key, Chinese title, type, where the model keeps it,
** flags, label keys. The label keys are what jx_text_key makes of the label
** as a form writes it ("项目总预算（元）：" -> 项目总预算); a label with an
** annotation in brackets (申报单位（盖章）) is found by the part before it.
** Rows of type JX_FT_LABEL are labels the parser knows (so their value is
** not taken for a label, and they end an indicator table) but whose value is
** kept only in the form's fields[].
*/
#include "jixiao/fields.h"

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

#define L(...) ((const char *const[]){__VA_ARGS__, NULL})
#define AT(member) offsetof(jx_form, member)
#define COL JX_FF_COLUMN

const jx_field_def jx_fields[JX_NFIELDS] = {
    {JX_F_NAME, "name", "项目名称", JX_FT_TEXT, AT(name), COL, L("项目名称")},
    {JX_F_UNIT, "unit", "申报单位", JX_FT_TEXT, AT(unit), COL,
     L("申报单位名称", "申报单位", "预算单位", "填报单位")},
    {JX_F_DEPARTMENT, "department", "主管部门", JX_FT_TEXT, AT(department), COL,
     L("主管部门", "主管部门名称")},
    {JX_F_NATURE, "nature", "项目性质", JX_FT_CHOICE, AT(nature), COL, L("项目性质", "项目类型", "项目属性")},
    {JX_F_CATEGORY, "category", "项目类别", JX_FT_CHOICE, AT(category), COL, L("项目类别")},
    {JX_F_FRAMEWORK, "framework", "指标体系", JX_FT_TEXT, AT(framework), COL | JX_FF_DERIVED, NULL},
    {JX_F_START, "period.start", "开始日期", JX_FT_DATE, AT(period_start), COL,
     L("开始时间", "计划开始日期", "项目开始日期")},
    {JX_F_END, "period.end", "结束日期", JX_FT_DATE, AT(period_end), COL,
     L("结束时间", "计划完成日期", "计划结束日期", "项目结束日期")},
    {JX_F_PERIOD_TEXT, "period.text", "项目期限", JX_FT_TEXT, AT(period_text), JX_FF_DERIVED,
     L("项目期限", "实施期限", "项目实施期限", "项目起止时间", "项目起止日期")},
    {JX_F_TOTAL, "budget.total", "年度资金总额", JX_FT_MONEY, AT(budget.total), COL,
     L("项目总预算", "年度资金申请总额", "项目资金", "年度资金总额")},
    {JX_F_YEAR, "budget.year", "当年财政拨款", JX_FT_MONEY, AT(budget.year), COL,
     L("项目当年预算", "当年财政拨款", "本年财政拨款", "财政拨款")},
    {JX_F_CARRYOVER, "budget.carryover", "上年结转", JX_FT_MONEY, AT(budget.carryover), COL,
     L("上年结转", "上年结转资金")},
    {JX_F_OTHER, "budget.other", "其他资金", JX_FT_MONEY, AT(budget.other), COL, L("其他资金")},
    {JX_F_PROJECT_TOTAL, "budget.project_total", "项目资金总额", JX_FT_MONEY,
     AT(budget.project_total), COL, L("项目资金总额")},
    {JX_F_PREV_BUDGET, "budget.prev_budget", "上年预算", JX_FT_MONEY, AT(budget.prev_budget), COL,
     L("同名项目上年预算额", "同名项目上年预算数")},
    {JX_F_PREV_EXEC, "budget.prev_exec", "上年执行", JX_FT_MONEY, AT(budget.prev_exec), COL,
     L("同名项目上年预算执行数", "同名项目上年执行数")},
    {JX_F_COMPONENTS, "components", "资金构成", JX_FT_COMPONENTS, 0, 0,
     L("项目当年投入资金构成", "资金构成")},
    {JX_F_GOAL, "goal", "年度绩效目标", JX_FT_TEXT, AT(goal), COL | JX_FF_BELOW,
     L("年度绩效目标", "年度总体目标", "年度目标", "项目年度绩效目标")},
    {JX_F_INDICATORS, "indicators", "绩效指标", JX_FT_INDICATORS, 0, 0, NULL},
    /* Issue 11: what a reviewer reads first (additive in the export contract). */
    {JX_F_OVERVIEW, "overview", "项目概况", JX_FT_TEXT, AT(overview), 0, L("项目概况")},
    {JX_F_BASIS, "basis", "立项依据", JX_FT_TEXT, AT(basis), 0, L("立项依据")},
    {JX_F_NECESSITY, "necessity", "项目设立的必要性", JX_FT_TEXT, AT(necessity), 0,
     L("项目设立的必要性")},
    {JX_F_MEASURES, "measures", "保证项目实施的制度、措施", JX_FT_TEXT, AT(measures), 0,
     L("保证项目实施的制度、措施", "保证项目实施的制度措施")},
    {JX_F_PLAN, "plan", "项目实施计划", JX_FT_TEXT, AT(plan), 0,
     L("项目实施计划", "项目实施进度", "项目实施进度计划")},
    {JX_F_LONG_GOAL, "long_goal", "项目总目标", JX_FT_TEXT, AT(long_goal), JX_FF_BELOW,
     L("项目总目标", "项目总体目标", "总目标及阶段性目标", "总体目标", "项目目标")},
    {JX_F_LONG_GOAL_YEARS, "long_goal_years", "总目标年限", JX_FT_YEARS, AT(long_goal_years),
     JX_FF_DERIVED, NULL},
    {JX_F_FUND_USE, "fund_use", "资金用途", JX_FT_CHOICE, AT(fund_use), 0, L("资金用途")},
    {JX_F_PERF_TYPE, "perf_type", "绩效类型", JX_FT_CHOICE, AT(perf_type), 0, L("绩效类型")},
    {JX_F_GOV_PURCHASE, "gov_purchase", "是否含有政府购买服务", JX_FT_CHOICE, AT(gov_purchase), 0,
     L("是否含有政府购买服务", "是否政府购买服务")},
    {JX_F_REMARK, "remark", "备注", JX_FT_TEXT, AT(remark), 0, L("备注")},
    /* The parser's own: 实施单位 stands in for a missing 申报单位; component columns. */
    {JX_F_IMPL_UNIT, NULL, "实施单位", JX_FT_LABEL, 0, 0, L("实施单位", "项目实施单位", "项目单位")},
    {JX_F_COMPONENT_NAME, NULL, "子项目名称", JX_FT_LABEL, 0, 0, L("子项目名称")},
    {JX_F_COMPONENT_AMOUNT, NULL, "预算金额", JX_FT_LABEL, 0, 0, L("预算金额")},
    /* Known labels kept in fields[] only. */
    {JX_F_KEPT, NULL, NULL, JX_FT_LABEL, 0, 0,
     L("财政资金", "分解目标", "项目负责人", "联系人", "联系电话", "资金来源",
       "本项目上年度市级财政资金使用情况")},
};

/*
** The label keys hashed, built once: label_slot[] maps a key (FNV-1a, linear
** probing) to 1 + the first field (table order) that lists it, 0 for an empty
** slot. A label listed by two fields is found for the first, as a scan of the
** table in order would find it. The parser asks for every cell it reads.
*/
#define LABEL_SLOTS 256   /* a power of two, over twice the number of label keys */
_Static_assert(JX_NFIELDS < 255, "label_slot holds 1 + a field index in a byte");
static unsigned char label_slot[LABEL_SLOTS];
static const char *label_key[LABEL_SLOTS];
static pthread_once_t label_once = PTHREAD_ONCE_INIT;

static void label_build(void)
{
    for (int i = 0; i < JX_NFIELDS; i++) {
        const char *const *l = jx_fields[i].labels;
        for (size_t k = 0; l && l[k]; k++) {
            unsigned h = jx_text_hash(l[k]) & (LABEL_SLOTS - 1);
            while (label_slot[h] && strcmp(label_key[h], l[k])) h = (h + 1) & (LABEL_SLOTS - 1);
            if (label_slot[h]) continue;   /* an earlier field lists it: that one wins */
            label_slot[h] = (unsigned char)(i + 1);
            label_key[h] = l[k];
        }
    }
}

int jx_field_by_label(const char *key)
{
    pthread_once(&label_once, label_build);
    for (unsigned h = jx_text_hash(key) & (LABEL_SLOTS - 1); label_slot[h]; h = (h + 1) & (LABEL_SLOTS - 1))
        if (strcmp(label_key[h], key) == 0) return label_slot[h] - 1;
    return -1;
}

const jx_field_def *jx_field_by_json(const char *json)
{
    for (int i = 0; i < JX_NFIELDS; i++)
        if (jx_fields[i].json && strcmp(jx_fields[i].json, json) == 0) return &jx_fields[i];
    return NULL;
}

int jx_field_is_value(const jx_field_def *d)
{
    return d->type == JX_FT_TEXT || d->type == JX_FT_DATE || d->type == JX_FT_MONEY ||
           d->type == JX_FT_CHOICE || d->type == JX_FT_YEARS;
}

int jx_field_is_added(const jx_field_def *d)
{
    return d->json && !(d->flags & JX_FF_COLUMN) && jx_field_is_value(d);
}

char *const *jx_field_text_slot(const jx_form *f, const jx_field_def *d)
{
    if (d->type != JX_FT_TEXT && d->type != JX_FT_DATE && d->type != JX_FT_CHOICE) return NULL;
    return (char *const *)((const char *)f + d->offset);
}

const char *jx_field_text(const jx_form *f, const jx_field_def *d)
{
    char *const *slot = jx_field_text_slot(f, d);
    return slot ? *slot : NULL;
}

long long jx_field_money(const jx_form *f, const jx_field_def *d)
{
    if (d->type != JX_FT_MONEY) return JX_NO_AMOUNT;
    return *(const long long *)((const char *)f + d->offset);
}

const char *jx_field_format(const jx_form *f, const jx_field_def *d, char *buf, size_t size)
{
    switch (d->type) {
    case JX_FT_MONEY: {
        long long fen = jx_field_money(f, d);
        if (fen == JX_NO_AMOUNT) return NULL;
        jx_money_format_wan(fen, buf, size);
        return buf;
    }
    case JX_FT_YEARS: {
        const jx_years *y = (const jx_years *)((const char *)f + d->offset);
        if (!y->start) return NULL;
        if (y->end && y->end != y->start) snprintf(buf, size, "%d-%d", y->start, y->end);
        else snprintf(buf, size, "%d", y->start);
        return buf;
    }
    case JX_FT_TEXT: case JX_FT_DATE: case JX_FT_CHOICE:
        return jx_field_text(f, d);
    default:
        return NULL;
    }
}
