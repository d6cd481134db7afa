/*
** evaluation.h - what a unit reports about a project after its targets were
** declared: the self-evaluation after the year (项目支出绩效自评表, 绩效自评)
** and the in-year monitoring (绩效运行监控表). Both are parts of a document
** like a declaration form; they are read by lib/evaluate/ from the same rows,
** linked to the declared form of the same project, year and unit, and scored
** per 财预〔2020〕10号.
**
** Ownership: a jx_evaluation owns all its strings and arrays; the list of a
** jx_form_list owns its evaluations (jx_form_list_free frees them). The link
** to a declared form (form) is borrowed from the list it was linked in.
** Money is fen (JX_NO_AMOUNT when blank), marks and scores are numbers with
** a has_ flag (blank cells are not zero).
*/
#ifndef JIXIAO_EVALUATION_H
#define JIXIAO_EVALUATION_H

#include <stddef.h>
#include "jixiao/error.h"
#include "jixiao/model.h"
#include "jixiao/value.h"

typedef enum jx_eval_kind {
    JX_EVAL_SELF = 0,     /* 项目支出绩效自评表 */
    JX_EVAL_MONITOR = 1   /* 项目支出绩效运行监控表 */
} jx_eval_kind;

/* The rows of 项目资金 (万元): 年度资金总额 and its parts. */
typedef enum jx_fund_row {
    JX_FUND_TOTAL = 0,      /* 年度资金总额 */
    JX_FUND_YEAR,           /* 其中：当年财政拨款 */
    JX_FUND_CARRYOVER,      /* 上年结转资金 */
    JX_FUND_OTHER,          /* 其他资金 */
    JX_FUND_NROWS
} jx_fund_row;

/*
** The categories of a monitoring report's 偏差原因分析, each a column of its
** own in the usual 监控表 (a tick or the reason under the category that
** applies): 经费保障, 制度保障, 人员保障, 硬件条件保障, 其他.
*/
typedef enum jx_deviation_cause {
    JX_CAUSE_FUNDING = 0,   /* 经费保障 */
    JX_CAUSE_SYSTEM,        /* 制度保障 */
    JX_CAUSE_STAFF,         /* 人员保障 */
    JX_CAUSE_HARDWARE,      /* 硬件条件保障 */
    JX_CAUSE_OTHER,         /* 其他 */
    JX_CAUSE_COUNT
} jx_deviation_cause;

/* 经费保障 … 其他; the JSON keys funding, system, staff, hardware, other. */
const char *jx_deviation_cause_label(jx_deviation_cause c);
const char *jx_deviation_cause_name(jx_deviation_cause c);

/* A number read from a cell: has 0 when the cell was blank (—, /, empty). */
typedef struct jx_num {
    int has;
    double v;
} jx_num;

typedef struct jx_eval_fund {
    long line;              /* 0 when the table has no such row */
    long long budget_start; /* 年初预算数, fen */
    long long budget_year;  /* 全年预算数 (monitoring: 全年预算数 too) */
    long long exec;         /* 全年执行数 (monitoring: 1-N月执行数) */
    jx_num marks;           /* 分值 */
    jx_num rate;            /* 执行率 / 执行进度, percent (95.5 for 95.5%) */
    jx_num score;           /* 得分 */
} jx_eval_fund;

typedef struct jx_eval_indicator {
    long line;
    char *level1, *level2, *name;
    char *category;         /* national category (成本/产出/效益/满意度) or NULL */
    char *target;           /* 年度指标值 / 全年目标值 as written */
    jx_value target_value;
    char *actual;           /* 实际完成值 / 1-N月实际完成值 as written */
    jx_value actual_value;
    jx_num marks, score;    /* 分值, 得分 (self-evaluation) */
    char *reason;           /* 偏差原因分析及改进措施 / 偏差原因; with cause columns and no
                               column of its own: the filled causes joined (经费保障：…；其他) */
    int has_causes;         /* monitoring: the table has 偏差原因 columns by category */
    char *causes[JX_CAUSE_COUNT]; /* the cell under each category as written (√ or a reason),
                               NULL when blank */
    char *expected;         /* monitoring: 全年预计完成情况 */
    char *possibility;      /* monitoring: 完成目标可能性 (确定能/有可能/完全不可能) */
    char *correction;       /* monitoring: 纠偏措施 */
    /* The link (jx_evaluation_link): the declared indicator, by 三级 then 二级 name. */
    long declared;          /* index into form->indicators, -1 when unlinked */
    /* The score (jx_evaluation_score). */
    double recomputed;      /* recomputed score of the indicator */
    double rmarks;          /* the marks it was scored against */
    const char *how;        /* how it was scored (static Chinese) */
    int has_deviation;      /* 偏离度 computable: both quantitative, units agree, target > 0 */
    double deviation;       /* 偏离度 (actual − target) ÷ target, percent */
} jx_eval_indicator;

typedef struct jx_evaluation {
    jx_eval_kind kind;
    char *file;             /* base name of the source */
    long line;              /* the title's line */
    int page;
    int year;               /* 0 unknown */
    int months;             /* monitoring: N of 1-N月 (0 unknown) */
    char *name, *department, *unit;
    jx_eval_fund funds[JX_FUND_NROWS];
    char *goal_target;      /* 年度总体目标: 预期目标 */
    char *goal_actual;      /* 实际完成情况 (monitoring: 目标实际完成情况) */
    jx_eval_indicator *indicators;
    size_t nindicators;
    jx_num total_marks, total_score;   /* the 总分 row */
    long total_line;
    long long id;           /* store id, 0 before stored */
    long long form_id;      /* the declared form's id when linked (store), else 0 */
    const jx_form *form;    /* the declared form when linked (borrowed), else NULL */
    int link_units;         /* an evaluation naming no unit: how many units declared a form of
                               its name and year (linked only when exactly one; jx_evaluation_link) */
    /* The score (jx_evaluation_score). */
    double recomputed_budget;   /* 预算执行率 mark recomputed */
    double recomputed_total;
    const char *grade;          /* grade of the recomputed total (static) */
    const char *unit_grade;     /* grade of the unit's own total, NULL without one */
} jx_evaluation;

jx_evaluation *jx_evaluation_new(jx_eval_kind kind, const char *file, long line);
void jx_evaluation_free(jx_evaluation *e);
jx_eval_indicator *jx_evaluation_add_indicator(jx_evaluation *e);

/* "self" / "monitor"; the Chinese names 绩效自评表 / 绩效运行监控表. */
const char *jx_eval_kind_name(jx_eval_kind k);
const char *jx_eval_kind_label(jx_eval_kind k);
/* 年度资金总额 … 其他资金. */
const char *jx_fund_row_label(jx_fund_row r);

/* Append an evaluation to the list (which takes ownership). */
void jx_form_list_add_evaluation(jx_form_list *list, jx_evaluation *e);

/*
** Link every evaluation of list to the declared form of the same project
** (normalised name), year and unit among list's forms, and each indicator to
** the declared one of the same 三级 name (normalised), else of the same 二级
** when that names one indicator only. Never by order. Sets e->form,
** e->form_id, ind->declared.
*/
void jx_evaluation_link(jx_form_list *list);

/* The normalised name key two names link by (a malloc'd string). */
char *jx_evaluation_name_key(const char *name);

/* 1 when both units are stated and name the same body (keys equal, or one containing the other). */
int jx_evaluation_same_unit(const char *a, const char *b);

/* The key indicators link by: NFKC, no spaces, bracketed notes removed (a malloc'd string). */
char *jx_evaluation_indicator_key(const char *name);

/* Scoring configuration (财预〔2020〕10号): category weights and grade bands. */
typedef struct jx_eval_scoring {
    double weight_output, weight_benefit, weight_satisfaction, weight_budget;
    double grade_min[3];    /* 优, 良, 中 */
} jx_eval_scoring;

/* The defaults: 产出 50, 效益 30, 满意度 10, 预算执行率 10; 优 90, 良 80, 中 60. */
void jx_eval_scoring_default(jx_eval_scoring *s);

/* Recompute e's scores (per indicator, the budget mark, the total) and grades. */
void jx_evaluation_score(jx_evaluation *e, const jx_eval_scoring *s);

/* The grade of a total under s: 优/良/中/差. */
const char *jx_eval_grade(const jx_eval_scoring *s, double total);

/*
** 1 when an actual value reaches its target by the target's direction, 0
** when it does not, -1 when not comparable. An actual written as a bound at
** the target's figure counts by its side: >97% reaches >97%, <97% misses ≥97%.
*/
int jx_eval_reaches(const jx_value *target, const jx_value *actual);

/* The scoring configuration of a review configuration: the eval-score rule's parameters. */
struct jx_review_config;
void jx_eval_scoring_from_config(const struct jx_review_config *c, jx_eval_scoring *s);

/*
** Year over year: the declared forms of one project (seq, ordered by year)
** compared pairwise, each change of an indicator listed: kind 目标调整 (the
** same 三级 name with another target), 新增 (declared this year only), 删除
** (declared the year before only), 年度资金 (budget.total changed; before and
** after in 万元).
*/
typedef struct jx_year_change {
    int from_year, to_year;
    const char *kind;        /* static */
    char *name, *before, *after;
} jx_year_change;
typedef struct jx_year_changes { jx_year_change *items; size_t count; } jx_year_changes;
void jx_history_changes(const jx_form *const *seq, size_t n, jx_year_changes *out);

/*
** Every declared form of list named like name (the name key links use:
** jx_evaluation_name_key), ordered by year (import order within a year), as
** a malloc'd array in *out (the caller frees the array; the forms are
** borrowed from list). No cap: the forms are in memory already. Returns how
** many (*out NULL when none).
*/
size_t jx_history_forms(const jx_form_list *list, const char *name, const jx_form ***out);

/*
** The history as JSON (a json_t *, the caller owns it): {"version", "name",
** "years": [{"form_id", "year", "unit", "indicators"}], "changes":
** [{"from_year", "to_year", "change", "indicator", "before", "after"}]}.
*/
void *jx_history_to_json(const char *name, const jx_form *const *seq, size_t n,
                         const jx_year_changes *ch);
void jx_year_changes_free(jx_year_changes *c);

/*
** Exports of linked and scored evaluations: a CSV of every indicator beside
** its declared target (appended to out: UTF-8 with BOM, CRLF, RFC 4180), and
** a workbook written atomically to path (自评汇总, then each evaluation's
** official table on a sheet of its own).
*/
struct jx_buf;
void jx_evaluations_csv(const jx_form_list *list, struct jx_buf *out);
/* The same CSV's rows without the BOM and header: the pages after the first of a walk. */
void jx_evaluations_csv_rows(const jx_form_list *list, struct jx_buf *out);
jx_status jx_evaluations_xlsx(const jx_form_list *list, const char *path, jx_error *err);
/* A Word document (written atomically to path): each evaluation's official table on a page. */
jx_status jx_evaluations_docx(const jx_form_list *list, const char *path, jx_error *err);

/*
** What jx_evaluations_load_linked reads from a store. Zero fields do not
** filter.
*/
typedef struct jx_eval_query {
    int none;               /* no evaluations: only the declared forms of name (a history) */
    long long id;           /* >0: that evaluation alone, or with project the others of its
                               project too (the same name key: a form's monitoring beside it) */
    int project;
    const char *unit;       /* only evaluations whose 实施单位 is exactly unit (a unit user's view) */
    const char *name;       /* also the declared forms of this project name (a history) */
    long long after;        /* keyset page (id 0): evaluations with an id above after, */
    long limit;             /* at most limit of them (0: every one) */
    int year;               /* a page (id 0): only the evaluations of the year */
} jx_eval_query;

/*
** The evaluations q selects, appended to out->evaluations (out empty on
** entry), with the declared forms they can link to in out->items -- the
** forms of the same name key (jx_store_form_ids_by_name_key: an index, never
** every form), of the same year when both state one -- linked
** (jx_evaluation_link) and scored under sc. *next is the id to pass as
** after for the next page, 0 when there is none (no limit, or the last
** page). Memory: the page's evaluations and their forms. On failure out
** holds whatever was read (jx_form_list_free it).
*/
struct jx_store;
jx_status jx_evaluations_load_linked(struct jx_store *store, const jx_eval_query *q,
                                     const jx_eval_scoring *sc, jx_form_list *out, long long *next,
                                     jx_error *err);

/*
** An evaluation as JSON (a new jansson json_t*, as void*; the caller decrefs):
** as read, plus with scored the link (form_id, each indicator's declared
** target) and the recomputed scores.
*/
void *jx_evaluation_to_json(const jx_evaluation *e, int scored);

#endif
