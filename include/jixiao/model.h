/*
** model.h - the performance-target form (项目支出绩效目标申报表) in memory.
**
** Ownership: a jx_form owns every string and array it points to; free it with
** jx_form_free(). A jx_form_list owns its forms.
** Money is kept in fen (1/100 yuan) as long long, JX_NO_AMOUNT when the form
** lacks the field, so sums compare exactly.
*/
#ifndef JIXIAO_MODEL_H
#define JIXIAO_MODEL_H

#include <stddef.h>
#include "jixiao/money.h"
#include "jixiao/value.h"


/* The amounts of a form, in fen. */
typedef struct jx_budget {
    long long total;         /* money asked for this year: 项目总预算/年度资金申请总额/项目资金 */
    long long year;          /* this year's appropriation: 项目当年预算/当年财政拨款 */
    long long carryover;     /* 上年结转 */
    long long other;         /* 其他资金 */
    long long project_total; /* multi-year 项目资金总额: never the annual amount */
    long long prev_budget;   /* 同名项目上年预算额 */
    long long prev_exec;     /* 同名项目上年预算执行数 */
} jx_budget;

typedef struct jx_component {   /* 子项目 / 资金构成 */
    char *name;
    long long amount;           /* fen, JX_NO_AMOUNT if blank */
} jx_component;

typedef struct jx_indicator {
    char *level1;       /* 一级指标 as written (carried forward), may be NULL */
    char *level2;       /* 二级指标, NULL when the row has no category */
    char *name;         /* 三级指标, NULL for a row with only a category and a value */
    char *category;     /* national category 成本/产出/效益/满意度, or NULL */
    char *target;       /* target text (plain), NULL when the row has none */
    jx_value value;     /* parsed target */
    long line;          /* source line of the row */
    int page;           /* 1-based page of a PDF source, 0 when the layout has none */
} jx_indicator;

/* Years a goal states, (2024年-2026年); 0 when not stated. */
typedef struct jx_years {
    int start;
    int end;
} jx_years;

/* One labelled field as the document has it: label as written, its value text. */
typedef struct jx_field {
    char *label;
    char *value;        /* NULL when the label has no value */
    long line;          /* source line of the label */
} jx_field;

/*
** Every header field has a row in the field table (jixiao/fields.h), which
** says where it lives here; adding a field is a row there and a member here.
*/
typedef struct jx_form {
    char *file;          /* base name of the source file */
    long line;           /* line of the form's title (or of 项目名称 without title) */
    int page;            /* page of that line in a PDF source, 0 when the layout has none */
    int year;            /* 0 when unknown */
    char *name;          /* 项目名称 */
    char *unit;          /* 申报单位 / 实施单位 */
    char *department;    /* 主管部门 */
    char *nature;        /* 项目性质 / 项目类型: the checked option */
    char *category;      /* 项目类别 */
    char *framework;     /* "shanghai-2019", "national-2021" or NULL */
    char *period_start;  /* 开始时间 / 计划开始日期, ISO (2019-01-01, 2019-01), NULL if not a date */
    char *period_end;
    char *period_text;   /* the period as written: "2019-1-1 至 2019-12-31" */
    char *goal;          /* 年度绩效目标 / 年度总体目标 (else the overall goal) */
    jx_budget budget;
    jx_component *components;
    size_t ncomponents;
    jx_indicator *indicators;
    size_t nindicators;
    long long id;        /* store id, 0 before the form is stored */
    char *overview;      /* 项目概况 */
    char *basis;         /* 立项依据 */
    char *necessity;     /* 项目设立的必要性 */
    char *measures;      /* 保证项目实施的制度、措施 */
    char *plan;          /* 项目实施计划 / 项目实施进度 */
    char *long_goal;     /* 项目总目标 / 项目总体目标 */
    jx_years long_goal_years;  /* its years, when stated */
    char *fund_use;      /* 资金用途: the checked option */
    char *perf_type;     /* 绩效类型 */
    char *gov_purchase;  /* 是否含有政府购买服务 */
    char *remark;        /* 备注 */
    jx_field *fields;    /* every labelled field, in document order */
    size_t nfields;
    int status;          /* workflow status (jixiao/workflow.h): 0 草稿 until submitted */
} jx_form;

struct jx_disclosure;   /* jixiao/disclosure.h */

/*
** A part of a document that could not be read and was skipped: where it is,
** what it looked like and why. The rest of the document imports; the notes
** are printed by `jixiao import` and kept in the store (document_notes).
*/
typedef struct jx_note {
    char *file;          /* base name of the document */
    long line;           /* 1-based line (worksheet row) of the trouble, 0 when unknown */
    char *part;          /* what it looked like: `form "培训"` */
    char *why;           /* why it was skipped, as an error message would say it */
} jx_note;

/*
** Where a row of a PDF source is on its page: its bounding box, in points
** from the page's top-left corner. Kept by the store for the page region a
** finding at that line shows (GET /api/region.png).
*/
typedef struct jx_source_box {
    long line;
    int page;
    float x0, y0, x1, y1;
} jx_source_box;

typedef struct jx_form_list {
    jx_form **items;
    size_t count;
    size_t cap;
    /* Department disclosures the forms came from (owned; see disclosure.h). */
    struct jx_disclosure **disclosures;
    size_t ndisclosures;
    /* Parts of the documents that were skipped (owned), in document order. */
    jx_note *notes;
    size_t nnotes;
    /* Self-evaluations and monitoring reports (owned; see evaluation.h), in document order. */
    struct jx_evaluation **evaluations;
    size_t nevaluations;
    /* A PDF source (one file per list, as jx_import_bytes fills it; owned): its rows'
       boxes, and its bytes when at most JX_MAX_STORED_PDF_BYTES (else NULL) */
    jx_source_box *boxes;
    size_t nboxes;
    char *pdf;
    size_t pdf_len;
} jx_form_list;

/* Append a note (strings copied). */
void jx_form_list_note(jx_form_list *list, const char *file, long line, const char *part,
                       const char *why);

/* A new empty form (all amounts JX_NO_AMOUNT). Never NULL. */
jx_form *jx_form_new(const char *file, long line);
void jx_form_free(jx_form *form);

/* Append an indicator; the form takes ownership of the strings passed. */
jx_indicator *jx_form_add_indicator(jx_form *form);
jx_component *jx_form_add_component(jx_form *form);
/*
** The start and end of the period as written, from period_text ("S 至 E",
** "S", or "至 E"): malloc'd copies, NULL for a side the form left empty.
*/
void jx_form_period_parts(const jx_form *form, char **start, char **end);

/* Append a labelled field (copies label and value). */
jx_field *jx_form_add_field(jx_form *form, const char *label, const char *value, long line);


/*
** The label of a form field as the official form prints it, for a finding's
** place id (`where`: "budget.prev_exec" -> "上年预算执行数"); any other where
** (an indicator's 一级/二级/三级 path, a table's title) is returned as is.
** Exports and pages show this; JSON keeps the id.
*/
const char *jx_field_label(const char *where);

void jx_form_list_push(jx_form_list *list, jx_form *form);
void jx_form_list_free(jx_form_list *list);   /* frees the forms too */

#endif
