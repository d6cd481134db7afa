/*
** test_seeds.c - the three sample documents of the target-form family, read
** by hand and compared with what the real binary imports and exports:
**
**   000 (2019, markdown tables, 5 forms, shanghai-2019)
**   001 (2020, tab-separated, 4 forms, shanghai-2019)
**   003 (2023, tab-separated, 26 forms, national-2021)
**
** For every form: position in the export, title line, name, unit, department,
** year, framework, the budget amounts (yuan, null where the form has no such
** field), the number of components and of indicators. Then a sample of
** indicator rows (level 1, level 2, name, target text; for the rows marked D
** also the row's line and its national category), picked to cover the tricky
** rows: shifted columns, page labels, merged cells carried over page breaks,
** a level 2 that moves the row to another level 1, LaTeX and <sup> targets.
** Rows the document leaves genuinely ambiguous are not sampled (see the
** comments at the end of each table).
**
** Every expected value below was taken from the documents, not from the
** importer. All differences of a seed are printed (want vs got, with file,
** form and row) before the test fails, so one run shows them all.
** Skips (77) when ../shared is absent.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An amount the form does not have: the export must say null. */
#define NIL NAN

/* ------------------------------------------------------------ tables */

struct want_form {
    long line;              /* 1-based line of the form's title */
    const char *name;       /* 项目名称 */
    const char *unit;       /* 申报单位名称 (without （盖章）), else 实施单位 */
    const char *department; /* 主管部门, NULL = null */
    int year;
    const char *framework;
    /* budget, yuan; NIL = null */
    double total, year_amount, carryover, other, project_total, prev_budget, prev_exec;
    size_t ncomponents, nindicators;
};

struct want_component {
    const char *form;       /* form name */
    size_t index;           /* position in components[] */
    const char *name;
    double amount;
};

struct want_row {
    const char *form;       /* form name */
    long line;              /* the row's line in the document */
    const char *level1, *level2, *name, *target;   /* NULL = null */
    bool detail;            /* also check line and category */
    const char *category;   /* national category when detail (NULL = null) */
};

/* A row: level 1, level 2, name and target text are checked. */
#define ROW(f, ln, l1, l2, nm, tg) {f, ln, l1, l2, nm, tg, false, NULL}
/* A row also checked for its line and category. */
#define DROW(f, ln, l1, l2, nm, tg, cat) {f, ln, l1, l2, nm, tg, true, cat}

struct seed {
    const char *file;
    const struct want_form *forms;
    size_t nforms;
    const struct want_component *components;
    size_t ncomponents;
    const struct want_row *rows;
    size_t nrows;
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ 000 (2019, markdown) */

#define F000_1 "12333热线全媒体智能咨询平台项目经费"
#define F000_2 "职业培训基础能力建设—师资进修"
#define F000_3 "社会保险服务费"
#define F000_4 "委托服务经费"
#define F000_5 "外国人（台港澳）来华工作许可专项"
#define SH "shanghai-2019"
#define NA "national-2021"

static const struct want_form forms000[] = {
    /* line name unit department year framework
       total year carryover other project_total prev_budget prev_exec ncomp nind */
    {3, F000_1, "上海市人力资源和社会保障局咨询服务中心", NULL, 2019, SH,
     71387200, 71387200, NIL, NIL, NIL, 33513600, 33513600, 6, 17},
    /* 104/105/107/108 declare a category and leave it empty: indicators with
       name and target null (issue 11), 8 filled + 4 */
    {59, F000_2, "上海市就业促进中心", NULL, 2019, SH,
     3511500, 3511500, NIL, NIL, NIL, 5430000, 2373044, 8, 12},
    /* unit written "…中心（盖章）"; amounts with thousands separators; the
       indicator table (分解目标内容 | 绩效指标 | 指标目标值) has two rows and no
       level 1 at all, and the document ends the form there */
    {112, F000_3, "上海市社会保险事业管理中心", NULL, 2019, NULL,
     18372648, 18372648, NIL, NIL, NIL, 0, 0, 6, 2},
    {150, F000_4, "上海市职业技能鉴定中心", NULL, 2019, SH,
     13035400, 13035400, NIL, NIL, NIL, 11374400, 11108102, 3, 13},
    /* components table has its amounts one column to the right */
    {198, F000_5, "上海市人才服务中心", NULL, 2019, SH,
     5205200, 5205200, NIL, NIL, NIL, 3852080, 3586471, 3, 11},   /* 9 + 238/240 declared empty */
};

static const struct want_component components000[] = {
    {F000_1, 0, "咨询员费用", 52315200},
    {F000_1, 5, "后台六大板块运维费", 1500000},
    {F000_2, 0, "职业培训师资继续教育 - “非学历类培训教师”师资进修", 379500},
    {F000_2, 7, "专业教研活动 - 2019年度高技能人才培养基地资助项目管理", 1230000},
    {F000_3, 0, "社区事务受理服务中心业务培训", 4136800},
    {F000_3, 2, "养老金发放邮资费", 9280170},
    {F000_4, 2, "业务委托经费", 6798000},
    {F000_5, 0, "外国人来华工作许可受理审批体系工作经费", 2406080},
    {F000_5, 2, "外国人来华工作许可培训经费", 99120},
};

static const struct want_row rows000[] = {
    DROW(F000_1, 37, "投入和管理目标", "项目实施管理", "系统建设完成率", "=100%", NULL),
    ROW(F000_1, 39, "投入和管理目标", "资金投入管理", "预算执行率", "≥98%"),
    /* 数量目标 under a carried 投入和管理目标 moves the row to 产出目标 */
    DROW(F000_1, 40, "产出目标", "数量目标", "综合接通率", "≥80.00%", "产出"),
    ROW(F000_1, 41, "产出目标", "数量目标", "招聘人员完成率", "100.00%"),
    /* $\geq 98.00\%$ */
    DROW(F000_1, 46, "产出目标", "质量目标", "质量控制合格率", "≥98.00%", "产出"),
    ROW(F000_1, 47, "产出目标", "质量目标", "服务人员流失率", "≤20.00%"),
    ROW(F000_1, 48, "产出目标", "时效目标", "一级故障", "响应时间：立即响应，故障处理时间 ≤ 90 分钟"),
    ROW(F000_1, 49, "产出目标", "时效目标", "二级故障", "响应时间： ≤ 30 分钟内，故障处理时间 ≤ 180 分钟"),
    /* a bare "<" that is no HTML tag */
    ROW(F000_1, 51, "效果目标", "经济效益目标", "成本控制情况", "< 4.97 元/分钟"),
    ROW(F000_1, 52, "效果目标", "社会效益目标", "综合满意度", "≥97.00%"),
    DROW(F000_1, 54, "影响力目标", "可持续目标", "长效管理情况", "对项目的长期发展应该有相应的管理措施", "效益"),
    DROW(F000_1, 56, "影响力目标", "满意度目标", "公众满意度", "≥90.00%", "满意度"),

    /* the name sits in the 二级 column, no level 2 */
    DROW(F000_2, 95, "投入和管理目标", NULL, "预算执行率", ">98%", NULL),
    ROW(F000_2, 96, "投入和管理目标", NULL, "项目立项依据充分性", "充分"),
    DROW(F000_2, 99, "产出目标", "数量目标", "师资进修工作完成率", ">95%", "产出"),
    ROW(F000_2, 103, "产出目标", "质量目标", "教师进修满意度", "≥95%"),
    ROW(F000_2, 106, "效果目标", "社会效益目标", "师资能力提升情况", "较上一年度有提升"),
    ROW(F000_2, 109, "影响力目标", "满意度目标", "沟通协调机制健全性", "健全"),

    DROW(F000_4, 183, "投入和管理目标", NULL, "项目管理制度执行有效性", "有效", NULL),
    ROW(F000_4, 187, "投入和管理目标", NULL, "预算执行率", "≥98%"),
    /* category and value, no name */
    DROW(F000_4, 188, "产出目标", "数量目标", NULL, "排除政策变动因素，完成鉴定人数40万左右", "产出"),
    ROW(F000_4, 192, "效果目标", "社会效益目标", NULL,
        "通过委托服务经费的使用，不断提高鉴定各方面工作的质量和服务水平，为鉴定工作的各类对象提供更优质的服务"),
    ROW(F000_4, 195, "影响力目标", "满意度目标", NULL, "提高考生满意度，有责投诉率控制在千分之一以下"),

    ROW(F000_5, 229, "投入和管理目标", "资金投入管理", "预算执行率", "≥98%"),
    ROW(F000_5, 230, "投入和管理目标", "资产管理", "资金使用合规性", "规范"),
    ROW(F000_5, 235, "产出目标", "数量目标", "业务培训计划完成率、采购计划完成率", "100%"),
    ROW(F000_5, 239, "效果目标", "社会效益目标", "政策知晓率", "≥80%"),
    DROW(F000_5, 242, "影响力目标", "满意度目标", "外国人来华工作期望、受益人群满意度", "≥85%", "满意度"),
    /* not sampled: 147-148 of F000_3 (财务监控的有效性 | 有效, 财务制度健全性 | 健全):
       name and target are plain, but the table names no level 1 or level 2 */
};

/* ------------------------------------------------------------ 001 (2020, tabs) */

#define F001_1 "高峰人才及其团队服务专项"
#define F001_2 "公共服务专项经费"
#define F001_3 "人才大厦管理维护专项"
#define F001_4 "人才公寓管理维护专项"
#define U001 "上海市人才服务中心"

static const struct want_form forms001[] = {
    {3, F001_1, U001, NULL, 2020, SH, 9900000, 9900000, NIL, NIL, NIL, 4872000, 4872000, 0, 43},
    /* title written <b>财政项目支出绩效目标表</b> */
    {67, F001_2, U001, NULL, 2020, SH, 11100000, 11100000, NIL, NIL, NIL, 6601390, 6601390, 0, 63},
    {152, F001_3, U001, NULL, 2020, SH, 11829167, 11829167, NIL, NIL, NIL, 8979942, 8979942, 0, 52},
    {228, F001_4, U001, NULL, 2020, SH, 11500000, 11500000, NIL, NIL, NIL, 16500000, 16500000, 0, 42},
};

static const struct want_row rows001[] = {
    DROW(F001_1, 23, "投入与管理", "投入管理", "预算资金到位率", "=100%", NULL),
    ROW(F001_1, 26, "投入与管理", "财务管理", "资金使用规范性", "合规"),
    ROW(F001_1, 36, "投入与管理", "实施管理", "工程签证合规性", "合规"),
    /* shifted one column left: 资产管理 | 固定资产管理情况 | 规范 | */
    DROW(F001_1, 37, "投入与管理", "资产管理", "固定资产管理情况", "规范", NULL),
    ROW(F001_1, 38, "产出目标", "数量", "专窗服务高峰人才及团队人数", "=15名"),
    ROW(F001_1, 51, "产出目标", "时效", "高峰人才服务工作开展及时性", "及时"),
    ROW(F001_1, 55, "效果目标", "社会效益", "有责投诉数", "=0起"),
    DROW(F001_1, 61, "影响力目标", "长效管理", "长效管理机制健全性", "健全", "效益"),
    ROW(F001_1, 65, "影响力目标", "其它", "政策知晓率", "≥85%"),

    ROW(F001_2, 87, "投入与管理", "投入管理", "预算执行率", "=100%"),
    ROW(F001_2, 101, "产出目标", "数量", "公共服务网络运维系统", "=1套"),
    /* shifted one column left: | name | target | */
    DROW(F001_2, 122, "产出目标", "数量", "国际金融人才公共服务研讨座谈会议", "=1场", "产出"),
    ROW(F001_2, 123, "产出目标", "数量", "国际金融人才公共服务政策宣传培训", "=1场"),
    ROW(F001_2, 126, "产出目标", "质量", "中心信息网络安全等级保护标准", "三级"),
    DROW(F001_2, 132, "产出目标", "质量", "岗位专业覆盖率", "=100%", "产出"),
    /* after the page break */
    DROW(F001_2, 136, "产出目标", "时效", "档案归档及时性", "及时", "产出"),
    ROW(F001_2, 140, "效果目标", "社会效益", "信息化系统故障发生数减少情况", "较去年减少"),
    ROW(F001_2, 148, "影响力目标", "配套设施", "配套设施完备性", "完备"),
    /* not sampled: 133-134 (…及时性 rows carried under 质量 just before the page
       whose first row says 时效); 144-145 (满意度 under 效果目标: which level 1) */

    ROW(F001_3, 172, "投入与管理", "投入管理", "预算执行率", "=100%"),
    ROW(F001_3, 185, "投入与管理", "资产管理", "固定资产管理情况", "规范"),
    /* =3600m <sup>2</sup> */
    DROW(F001_3, 196, "产出目标", "数量", "大厦渗漏开裂维修保养面积", "=3600m²", "产出"),
    ROW(F001_3, 203, "产出目标", "数量", "玻璃幕墙新增面积", "=500m²"),
    /* 时效 in the level-1 column */
    DROW(F001_3, 209, "产出目标", "时效", "维保工作完工及时性", "及时", "产出"),
    ROW(F001_3, 210, "产出目标", "时效", "改造工程完工及时性", "及时"),
    ROW(F001_3, 211, "效果目标", "社会效益", "设施设备故障发生情况", "较去年减少"),
    DROW(F001_3, 221, "影响力目标", "人力资源", "人员到位率", "=100%", "效益"),
    /* not sampled: 215-219 (满意度 / 长效管理 cells misplaced around the page break) */

    ROW(F001_4, 248, "投入与管理", "投入管理", "预算执行率", "=100%"),
    ROW(F001_4, 261, "投入与管理", "资产管理", "固定资产管理情况", "规范"),
    ROW(F001_4, 262, "产出目标", "数量", "电梯维保数量", "=2部"),
    DROW(F001_4, 274, "产出目标", "质量", "维保工作验收通过率", "=100%", "产出"),
    ROW(F001_4, 277, "产出目标", "时效", "维保工作开展及时性", "及时"),
    /* the name in the level-1 column, level 1 and 2 carried from 280 */
    DROW(F001_4, 281, "效果目标", "社会效益", "施工安全事故发生数", "=0起", "效益"),
    ROW(F001_4, 284, "效果目标", "社会效益", "设施设备使用率", "≥95%"),
    ROW(F001_4, 286, "影响力目标", "长效管理", "长效管理机制健全性", "健全"),
    ROW(F001_4, 289, "影响力目标", "其它", "档案管理机制健全性", "健全"),
    /* not sampled: 273 (质量 | 服务标准达标性, no target) and 280 (效果目标 | 社会效益 |
       有责投诉数, no target); 285 (满意度 in the level-1 column: which level 1) */
};

/* ------------------------------------------------------------ 003 (2023, tabs, national) */

#define U003 "上海市人力资源和社会保障局"
/* 003: year appropriation = 年度资金申请总额 = 当年财政拨款; carryover, other 0; 项目资金总额 empty */
#define F3(line, name, amount, nind) \
    {line, name, U003, U003, 2023, NA, amount, amount, 0, 0, NIL, NIL, NIL, 0, nind}

static const struct want_form forms003[] = {
    /* line 3 is the collection's title (…汇总表), not a form */
    F3(5, "劳动人事争议仲裁工作专项", 1732000, 17),
    F3(36, "法律法规专项经费", 1240000, 8),
    F3(59, "老干部工作经费", 1595000, 15),
    F3(90, "机关事业单位运行保障经费", 1604400, 13),
    F3(119, "职业培训管理工作经费", 150000, 10),
    F3(146, "人才开发工作专项", 5937000, 18),
    F3(180, "高技能人才工作专项", 8100000, 11),
    F3(207, "审计、评审、评估、绩效管理等工作经费", 1060000, 14),
    F3(237, "职业技能竞赛", 6280000, 7),
    F3(259, "宣传工作经费", 2565800, 19),
    F3(294, "组织人事专项", 1636500, 15),
    F3(325, "农民工工作专项", 255000, 7),
    F3(347, "重点及保密工作", 2006020, 18),
    F3(381, "海外联络处专项经费", 3600000, 12),
    F3(409, "专业技术人员及事业单位管理工作经费", 5855000, 11),
    F3(437, "市社会稳定办专项工作经费", 550000, 6),
    F3(458, "劳动力市场工资管理", 3650000, 16),
    F3(490, "2023年度上海世赛筹办工作经费", 8500000, 5),
    F3(510, "专用设备购置及维护管理经费", 470000, 12),
    F3(538, "信息化管理工作经费", 457500, 11),
    F3(565, "队伍建设专项", 2100600, 39),
    F3(621, "统一人力资源市场建设", 55600, 7),
    F3(643, "三支一扶及大学生就业", 366000, 9),
    F3(667, "人力资源和社会保障政策研究专项", 808300, 11),
    F3(694, "劳动保障工作经费", 2579430, 36),
    F3(747, "社会保障基金监管专项工作经费", 790000, 13),
};

static const struct want_row rows003[] = {
    DROW("劳动人事争议仲裁工作专项", 17, "产出指标", "数量指标", "专项队伍目标案件完成数", "≥2200", "产出"),
    ROW("劳动人事争议仲裁工作专项", 20, "产出指标", "质量指标", "培训人数达标率", "≥250"),
    /* first row after the page break, page label 绩效 指标 in front */
    DROW("劳动人事争议仲裁工作专项", 25, "产出指标", "时效指标", "劳动人事争议调解仲裁办案及时率", "100%", "产出"),
    ROW("劳动人事争议仲裁工作专项", 27, "效益指标", "社会效益指标", "调解仲裁息讼率", "≥60%"),
    ROW("劳动人事争议仲裁工作专项", 31, "效益指标", "可持续影响指标", "年度综合评估机制健全性", "健全"),
    DROW("劳动人事争议仲裁工作专项", 33, "满意度指标", "服务对象满意度指标", "调解仲裁工作服务态度满意度", "≥90%", "满意度"),
    ROW("劳动人事争议仲裁工作专项", 34, "满意度指标", "服务对象满意度指标", "专项队伍调解满意度", "≥90%"),
    /* not sampled: 23 (…完成及时度 carried under 质量指标 before the page whose
       first row says 时效指标) */

    ROW("法律法规专项经费", 50, "产出指标", "数量指标", "合同应审尽审率", "=100(%)"),
    ROW("法律法规专项经费", 57, "满意度指标", "服务对象满意度指标", "参加培训人员满意度", "≥90(%)"),

    ROW("老干部工作经费", 73, "产出指标", "数量指标", "体检工作完成率", ">85(%)"),
    ROW("老干部工作经费", 79, "产出指标", "质量指标", "月度学习出席人次达标率", "=100.00(%)"),
    DROW("老干部工作经费", 81, "产出指标", "质量指标", "老年节活动参与人次达标率", "=100.00(%)", "产出"),

    ROW("机关事业单位运行保障经费", 106, "产出指标", "质量指标", "车辆事故发生数", "0"),
    ROW("机关事业单位运行保障经费", 113, "效益指标", "社会效益指标", "交通出行保障率", "≥90%"),
    ROW("机关事业单位运行保障经费", 117, "满意度指标", "服务对象满意度指标", "机关人员满意度", "≥90%"),

    ROW("职业培训管理工作经费", 141, "满意度指标", "服务对象满意度指标", "培训对象满意度", "≥95%"),
    /* 满意度指标 | 指标 | …: the "指标" half of a split level-2 cell */
    DROW("职业培训管理工作经费", 143, "满意度指标", "服务对象满意度指标", "参会人员满意度", "100%", "满意度"),

    DROW("人才开发工作专项", 160, "产出指标", "数量指标", "对口地区人才培养完成率", "100%", "产出"),
    /* 绩效 指标 | 质量指标 | 质量指标 | …: label, level 2 printed twice */
    ROW("人才开发工作专项", 169, "产出指标", "质量指标", "对口地区人才培养人次达标率", "100%"),
    ROW("人才开发工作专项", 178, "满意度指标", "服务对象满意度指标", "人才调查数据使用单位", "≥95%"),

    ROW("高技能人才工作专项", 200, "产出指标", "时效指标", "首席技师、技能大师工作室资助工作完成及时率", "100%"),
    ROW("高技能人才工作专项", 204, "效益指标", "社会效益指标", "高技能人才资助申报人数", "200"),
    /* not sampled: 201 (获证高技能人才数完成率, carried under 时效指标) */

    ROW("审计、评审、评估、绩效管理等工作经费", 222, "产出指标", "数量指标", "年报审计报告完成数", "=14.00(家)"),
    ROW("审计、评审、评估、绩效管理等工作经费", 229, "产出指标", "时效指标", "年报审计完成及时率", "100%"),
    ROW("审计、评审、评估、绩效管理等工作经费", 231, "产出指标", "时效指标", "会计档案整理完成及时率", "100%"),
    ROW("审计、评审、评估、绩效管理等工作经费", 233, "满意度指标", "服务对象满意度指标", "报告使用者满意度", "≥90%"),

    /* the table starts with a level 2 and no level 1 */
    DROW("宣传工作经费", 273, "产出指标", "数量指标", "基层宣传平台建设个数", "3个", "产出"),
    ROW("宣传工作经费", 277, "产出指标", "数量指标", "退休证印制个数", "约2.6万个"),
    ROW("宣传工作经费", 287, "产出指标", "时效指标", "退休证送达经办机构及时率", "≥90%"),

    ROW("组织人事专项", 308, "产出指标", "数量指标",
        "科级及以下干部每年参加培训累计学时数（含网络培训学时数）", "70学时"),
    /* 成本指标 written as a level 2 under 产出指标 */
    DROW("组织人事专项", 317, "产出指标", "成本指标", "培训班次预算执行率", "≥90%", "成本"),
    ROW("组织人事专项", 321, "满意度指标", "服务对象满意度指标", "参训学员对培训师资的满意程度", "≥90%"),

    ROW("重点及保密工作", 361, "产出指标", "数量指标", "工作会议召开场次", "5"),
    ROW("重点及保密工作", 369, "产出指标", "质量指标", "培训人次达标率", "≥90%"),
    ROW("重点及保密工作", 372, "产出指标", "时效指标", "电子设备定期清理、更新及运维工作完成及时率", "≥90%"),

    ROW("海外联络处专项经费", 401, "产出指标", "时效指标", "经费支持及时率", "100%"),
    /* 社会效益指标 under a carried 产出指标 moves the row to 效益指标 */
    DROW("海外联络处专项经费", 402, "效益指标", "社会效益指标", "海外工作站运行保障率", "100%", "效益"),
    ROW("海外联络处专项经费", 405, "效益指标", "可持续影响指标", "联络人才机制健全性", "健全"),

    ROW("专业技术人员及事业单位管理工作经费", 425, "产出指标", "数量指标", "博士后资助人数",
        "1700人左右超级博士后激励计划资助， 20个左右创新基地项目资助"),
    /* $\geq 80\%$ */
    DROW("专业技术人员及事业单位管理工作经费", 434, "满意度指标", "服务对象满意度指标", "服务满意度", "≥80%", "满意度"),

    /* page label split over the break: 绩效 | … on 472, 指标 | … on 481 */
    DROW("劳动力市场工资管理", 472, "产出指标", "数量指标", "统计月报反映指标数", "≥200.00(项)", "产出"),
    ROW("劳动力市场工资管理", 476, "产出指标", "质量指标", "企业薪酬调查样本达标率", "符合人社部要求样本"),
    DROW("劳动力市场工资管理", 481, "产出指标", "时效指标", "企业薪酬调查及时率", "90", "产出"),
    ROW("劳动力市场工资管理", 487, "满意度指标", "服务对象满意度指标", "社区工作者满意度", "提高"),

    DROW("专用设备购置及维护管理经费", 530, "效益指标", "社会效益指标", "会务保障率", "≥90%", "效益"),
    ROW("专用设备购置及维护管理经费", 536, "满意度指标", "服务对象满意度指标", "使用人员满意度", "≥90%"),
    /* not sampled: 533-534 (运行效益指标, a level 2 outside the framework's list) */

    ROW("信息化管理工作经费", 558, "产出指标", "时效指标", "处室、单位数据统计需求", "及时协调完成"),
    ROW("信息化管理工作经费", 561, "产出指标", "时效指标", "信息系统、一网通办技术问题", "及时解决"),

    ROW("队伍建设专项", 590, "产出指标", "质量指标", "纪检监察、政风行风培训人次数", "230人"),
    ROW("队伍建设专项", 607, "效益指标", "社会效益指标", "局党组-与奉贤白沙村开展结对活动", "帮扶家庭不少于80户次"),
    ROW("队伍建设专项", 613, "效益指标", "可持续影响指标",
        "纪检组-“不敢腐、不能腐、不想腐”的机制，提升纪律和规矩意识", "100%"),
    /* the name in the first column */
    DROW("队伍建设专项", 617, "满意度指标", "服务对象满意度指标", "机关纪委-培训人员满意度", "≥90%", "满意度"),
    /* not sampled: 579-582 (no level 1 or 2 before the page that prints 产出指标 |
       数量指标); 603-605 (成本指标 | 成本指标, then a 效益-like row carried under it) */

    ROW("统一人力资源市场建设", 639, "产出指标", "时效指标", "调研交流工作及时率", "100%"),
    /* not sampled: 688 of 政策研究专项 (重大决策支撑情况, carried under 时效指标) */

    ROW("劳动保障工作经费", 709, "产出指标", "数量指标", "养保-机关事业单位养老保险政策宣传", "发放宣传材料≥2000册"),
    ROW("劳动保障工作经费", 721, "产出指标", "质量指标", "福保-培训参加人次", "80人次"),
    DROW("劳动保障工作经费", 727, "产出指标", "时效指标", "监察-培训工作及时性（按照工作计划及时完成培训）", "100%", "产出"),
    ROW("劳动保障工作经费", 745, "满意度指标", "服务对象满意度指标", "居保-发生重大集访矛盾次数", "0"),
    /* not sampled: 720 (质量指标 | 就促养保-…达标率, no target) */

    ROW("社会保障基金监管专项工作经费", 767, "产出指标", "时效指标", "监管软件维护及时率", "100%"),
    ROW("社会保障基金监管专项工作经费", 772, "效益指标", "经济效益指标", "审计发现问题整改到位金额", "不低于前3年平均值"),
    /* not sampled: 771 (| 成本指标 | 差旅费成本 |: level 1 成本指标, or level 2 under 产出指标) */
};

static const struct seed seeds[] = {
    {"000_75a7d0d2d6251555.txt", forms000, N(forms000), components000, N(components000), rows000, N(rows000)},
    {"001_30fc85b3e2ff877a.txt", forms001, N(forms001), NULL, 0, rows001, N(rows001)},
    {"003_a643829a048b0740.txt", forms003, N(forms003), NULL, 0, rows003, N(rows003)},
};

/* ------------------------------------------------------------ comparison */

/* Where we are, for the messages, and how many differences so far. */
struct ctx {
    const char *file;
    char where[512];
    int failures;
};

/* A JSON value as text for a message (malloc'd). */
static char *show(const json_t *v)
{
    if (!v) return strdup("(missing)");
    if (json_is_string(v)) {
        size_t n = strlen(json_string_value(v)) + 3;
        char *s = malloc(n);
        snprintf(s, n, "\"%s\"", json_string_value(v));
        return s;
    }
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    return s ? s : strdup("(unprintable)");
}

static void differ(struct ctx *c, const char *field, const char *want, const json_t *got)
{
    char *g = show(got);
    fprintf(stderr, "FAIL %s: %s: %s: want %s, got %s\n", c->file, c->where, field, want, g);
    free(g);
    c->failures++;
}

/* want NULL = JSON null. */
static void check_str(struct ctx *c, const char *field, const json_t *got, const char *want)
{
    if (!want) {
        if (!json_is_null(got)) differ(c, field, "null", got);
        return;
    }
    if (!json_is_string(got) || strcmp(json_string_value(got), want) != 0) {
        char w[1024];
        snprintf(w, sizeof w, "\"%s\"", want);
        differ(c, field, w, got);
    }
}

/* want NIL = JSON null. */
static void check_num(struct ctx *c, const char *field, const json_t *got, double want)
{
    if (isnan(want)) {
        if (!json_is_null(got)) differ(c, field, "null", got);
        return;
    }
    if (!json_is_number(got) || fabs(json_number_value(got) - want) > 1e-6) {
        char w[64];
        snprintf(w, sizeof w, "%.2f", want);
        differ(c, field, w, got);
    }
}

static void check_size(struct ctx *c, const char *field, size_t got, size_t want)
{
    if (got != want) {
        fprintf(stderr, "FAIL %s: %s: %s: want %zu, got %zu\n", c->file, c->where, field, want, got);
        c->failures++;
    }
}

static const char *str_or_null(const json_t *v)
{
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Index of the form named name in forms, or -1. */
static long find_form(const json_t *forms, const char *name)
{
    for (size_t i = 0; i < json_array_size(forms); i++) {
        const char *n = str_or_null(json_object_get(json_array_get(forms, i), "name"));
        if (n && strcmp(n, name) == 0) return (long)i;
    }
    return -1;
}

/* Last path component. */
static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/*
** The indicator of form matching want: by name (preferring the one on the
** expected line when a name repeats), or, for a row without a name, by its
** target text. NULL when none.
*/
static const json_t *find_row(const json_t *form, const struct want_row *want)
{
    const json_t *inds = json_object_get(form, "indicators");
    const json_t *found = NULL;
    for (size_t i = 0; i < json_array_size(inds); i++) {
        const json_t *ind = json_array_get(inds, i);
        const char *name = str_or_null(json_object_get(ind, "name"));
        bool match;
        if (want->name) {
            match = name && strcmp(name, want->name) == 0;
        } else {
            const char *t = str_or_null(json_object_get(json_object_get(ind, "target"), "text"));
            match = !name && t && strcmp(t, want->target) == 0;
        }
        if (!match) continue;
        if (json_integer_value(json_object_get(ind, "line")) == want->line) return ind;
        if (!found) found = ind;
    }
    return found;
}

/* The indicators of form on line (for the message when a row is not found). */
static void show_line(const struct ctx *c, const json_t *form, long line)
{
    const json_t *inds = json_object_get(form, "indicators");
    int shown = 0;
    for (size_t i = 0; i < json_array_size(inds); i++) {
        const json_t *ind = json_array_get(inds, i);
        if (json_integer_value(json_object_get(ind, "line")) != line) continue;
        char *s = show(ind);
        fprintf(stderr, "     %s: indicator on line %ld: %s\n", c->file, line, s);
        free(s);
        shown++;
    }
    if (!shown) fprintf(stderr, "     %s: no indicator on line %ld\n", c->file, line);
}

static void check_form(struct ctx *c, const json_t *form, const struct want_form *w)
{
    const json_t *src = json_object_get(form, "source");
    const char *file = str_or_null(json_object_get(src, "file"));
    if (!file || strcmp(base_name(file), c->file) != 0) differ(c, "source.file", c->file, json_object_get(src, "file"));
    check_num(c, "source.line", json_object_get(src, "line"), (double)w->line);
    check_str(c, "name", json_object_get(form, "name"), w->name);
    check_str(c, "unit", json_object_get(form, "unit"), w->unit);
    check_str(c, "department", json_object_get(form, "department"), w->department);
    check_num(c, "year", json_object_get(form, "year"), w->year);
    check_str(c, "framework", json_object_get(form, "framework"), w->framework);

    const json_t *b = json_object_get(form, "budget");
    check_num(c, "budget.total", json_object_get(b, "total"), w->total);
    check_num(c, "budget.year", json_object_get(b, "year"), w->year_amount);
    check_num(c, "budget.carryover", json_object_get(b, "carryover"), w->carryover);
    check_num(c, "budget.other", json_object_get(b, "other"), w->other);
    check_num(c, "budget.project_total", json_object_get(b, "project_total"), w->project_total);
    check_num(c, "budget.prev_budget", json_object_get(b, "prev_budget"), w->prev_budget);
    check_num(c, "budget.prev_exec", json_object_get(b, "prev_exec"), w->prev_exec);

    check_size(c, "number of components", json_array_size(json_object_get(form, "components")), w->ncomponents);
    check_size(c, "number of indicators", json_array_size(json_object_get(form, "indicators")), w->nindicators);
}

static void check_seed(const struct seed *s)
{
    char *path = jxt_seed(s->file);
    assert_non_null(path);
    char *dir = jxt_tmpdir();
    char db[600];
    snprintf(db, sizeof db, "%s/seeds.db", dir);
    const char *files[] = {path};
    json_t *root = jxt_import_export(db, files, 1);
    jxt_rmtree(dir);
    free(dir);
    free(path);
    if (!root) fail_msg("%s: import or export failed (see above)", s->file);

    struct ctx c = {.file = s->file, .failures = 0};
    const json_t *forms = json_object_get(root, "forms");
    if (!json_is_array(forms)) {
        json_decref(root);
        fail_msg("%s: the export has no \"forms\" array", s->file);
    }

    /* forms, in document order */
    snprintf(c.where, sizeof c.where, "export");
    check_size(&c, "number of forms", json_array_size(forms), s->nforms);
    for (size_t i = 0; i < s->nforms; i++) {
        const struct want_form *w = &s->forms[i];
        snprintf(c.where, sizeof c.where, "form #%zu '%s' (title line %ld)", i + 1, w->name, w->line);
        long at = find_form(forms, w->name);
        if (at < 0) {
            fprintf(stderr, "FAIL %s: %s: form missing from the export\n", c.file, c.where);
            c.failures++;
            continue;
        }
        if ((size_t)at != i) {
            fprintf(stderr, "FAIL %s: %s: exported at position %ld, want %zu (document order)\n",
                    c.file, c.where, at + 1, i + 1);
            c.failures++;
        }
        check_form(&c, json_array_get(forms, (size_t)at), w);
    }

    /* a few components */
    for (size_t i = 0; i < s->ncomponents; i++) {
        const struct want_component *w = &s->components[i];
        snprintf(c.where, sizeof c.where, "form '%s', component #%zu", w->form, w->index + 1);
        long at = find_form(forms, w->form);
        if (at < 0) {
            fprintf(stderr, "FAIL %s: %s: form missing from the export\n", c.file, c.where);
            c.failures++;
            continue;
        }
        const json_t *comp = json_array_get(json_object_get(json_array_get(forms, (size_t)at), "components"), w->index);
        if (!comp) {
            fprintf(stderr, "FAIL %s: %s: missing (want \"%s\" %.2f)\n", c.file, c.where, w->name, w->amount);
            c.failures++;
            continue;
        }
        check_str(&c, "name", json_object_get(comp, "name"), w->name);
        check_num(&c, "amount", json_object_get(comp, "amount"), w->amount);
    }

    /* the sampled indicator rows */
    for (size_t i = 0; i < s->nrows; i++) {
        const struct want_row *w = &s->rows[i];
        snprintf(c.where, sizeof c.where, "form '%s', row line %ld '%s'", w->form, w->line,
                 w->name ? w->name : w->target);
        long at = find_form(forms, w->form);
        if (at < 0) {
            fprintf(stderr, "FAIL %s: %s: form missing from the export\n", c.file, c.where);
            c.failures++;
            continue;
        }
        const json_t *form = json_array_get(forms, (size_t)at);
        const json_t *ind = find_row(form, w);
        if (!ind) {
            fprintf(stderr, "FAIL %s: %s: no indicator with %s \"%s\" (want %s | %s | %s | %s)\n",
                    c.file, c.where, w->name ? "name" : "no name and target", w->name ? w->name : w->target,
                    w->level1 ? w->level1 : "null", w->level2 ? w->level2 : "null",
                    w->name ? w->name : "null", w->target);
            show_line(&c, form, w->line);
            c.failures++;
            continue;
        }
        check_str(&c, "level1", json_object_get(ind, "level1"), w->level1);
        check_str(&c, "level2", json_object_get(ind, "level2"), w->level2);
        check_str(&c, "name", json_object_get(ind, "name"), w->name);
        check_str(&c, "target.text", json_object_get(json_object_get(ind, "target"), "text"), w->target);
        if (w->detail) {
            check_num(&c, "line", json_object_get(ind, "line"), (double)w->line);
            check_str(&c, "category", json_object_get(ind, "category"), w->category);
        }
    }

    printf("%s: %zu forms, %zu components and %zu indicator rows compared, %d difference(s)\n",
           s->file, s->nforms, s->ncomponents, s->nrows, c.failures);
    json_decref(root);
    if (c.failures) fail_msg("%s: %d difference(s) from the document (listed above)", s->file, c.failures);
}

static void test_seed_000(void **state) { (void)state; check_seed(&seeds[0]); }
static void test_seed_001(void **state) { (void)state; check_seed(&seeds[1]); }
static void test_seed_003(void **state) { (void)state; check_seed(&seeds[2]); }

int main(void)
{
    for (size_t i = 0; i < N(seeds); i++) {
        char *p = jxt_seed(seeds[i].file);
        if (!p) {
            printf("SKIP: seed document %s not found (../shared/seeds is absent)\n", seeds[i].file);
            return JXT_SKIP;
        }
        free(p);
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_000),
        cmocka_unit_test(test_seed_001),
        cmocka_unit_test(test_seed_003),
    };
    return cmocka_run_group_tests_name("seeds", tests, NULL, NULL);
}
