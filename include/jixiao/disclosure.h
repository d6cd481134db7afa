/*
** disclosure.h - department budget disclosures (部门预算公开).
**
** A disclosure is one long document: the standard budget tables (收支总表,
** 收入总表, 支出总表, 财政拨款收支总表, 功能分类, 经济分类, 三公经费 …),
** prose stating figures, and for each project a narrative (…项目经费情况说明)
** followed by its target table (上海市财政支出项目绩效目标), which the form
** parser already turns into a jx_form. jx_disclosure_read extracts the rest
** from the same jx_rows the importer reads and links each narrative to its
** form by project name.
**
** Ownership: a jx_disclosure owns everything it points to, except the
** borrowed jx_form pointers of narratives (valid while the form list lives).
** Money is in fen, JX_NO_AMOUNT when absent.
*/
#ifndef JIXIAO_DISCLOSURE_H
#define JIXIAO_DISCLOSURE_H

#include <stddef.h>
#include "jixiao/error.h"
#include "jixiao/model.h"

/* One row of a budget table. */
typedef struct jx_budget_row {
    long line;
    int page;            /* 1-based page of a PDF, 0 when the layout has none */
    char *code;          /* "2080101", "30101", "一、", or "" */
    char *name;          /* 科目名称 / 项目, "" when the row has none */
    long long *values;   /* ncolumns amounts in fen, JX_NO_AMOUNT for an empty cell */
} jx_budget_row;

/* What a table reports: a budget (部门预算) or final accounts (部门决算). */
typedef enum jx_table_kind { JX_TABLE_BUDGET = 0, JX_TABLE_FINAL = 1 } jx_table_kind;

typedef struct jx_budget_table {
    char *title;         /* as written, e.g. "2020年部门收入预算总表" */
    long line;           /* line of the title */
    int page;            /* page of the title (PDF), else 0 */
    jx_table_kind kind;
    int empty_note;      /* final accounts: a 空表说明 (本表无数据 …) follows the table */
    char *unit;          /* "元", "万元" … as written, NULL when the table names none */
    long scale;          /* yuan per unit of the table's figures */
    size_t ncolumns;
    char **columns;      /* value columns from the table's own header */
    jx_budget_row *rows;
    size_t nrows;
} jx_budget_table;

typedef struct jx_narrative_section {
    char *title;         /* heading without its number: "年度预算安排" */
    long line;
    char *text;          /* the section's text, paragraphs joined by '\n' */
} jx_narrative_section;

typedef struct jx_narrative {
    char *title;         /* "松江区人社局创业就业项目经费情况说明" */
    long line;
    char *unit;          /* the department/unit named before the project, or NULL */
    char *project;       /* the project name, once linked (else NULL) */
    long long amount;    /* the 年度预算安排 amount in fen, or JX_NO_AMOUNT */
    long amount_line;    /* line the amount was read from */
    long long table_amount; /* the linked target table's own budget.total, or JX_NO_AMOUNT */
    jx_narrative_section *sections;
    size_t nsections;
    jx_form *form;       /* linked target-table form (borrowed), or NULL */
    int linked;          /* matched a target table when read (its form may not be loaded) */
} jx_narrative;

/* A figure stated in the prose, to be checked against the tables. */
typedef enum jx_claim_kind {
    JX_CLAIM_EXPENSE_TOTAL,      /* 预算支出总额 / 支出预算 */
    JX_CLAIM_INCOME_TOTAL,       /* 收入预算 */
    JX_CLAIM_FISCAL_TOTAL,       /* 财政拨款支出预算 */
    JX_CLAIM_PUBLIC_TOTAL,       /* 一般公共预算拨款支出预算 */
    JX_CLAIM_FUND_TOTAL,         /* 政府性基金拨款支出预算 */
    JX_CLAIM_SUBJECT,            /* “行政运行” 科目1,398.22万元: subject = name */
    JX_CLAIM_SANGONG_TOTAL,      /* “三公”经费预算数 */
    JX_CLAIM_SANGONG_ABROAD,     /* 因公出国（境）费 */
    JX_CLAIM_SANGONG_RECEPTION,  /* 公务接待费 */
    JX_CLAIM_SANGONG_CAR_BUY,    /* 公务用车购置费 */
    JX_CLAIM_SANGONG_CAR_RUN,    /* 公务用车运行费 */
    JX_CLAIM_OPERATING,          /* 机关运行经费 */
    JX_CLAIM_PROJECTS            /* 编报绩效目标的项目N个，涉及项目预算资金X万元 */
} jx_claim_kind;

typedef struct jx_claim {
    jx_claim_kind kind;
    long line;
    char *subject;       /* 科目 name for JX_CLAIM_SUBJECT, else NULL */
    long long amount;    /* fen, JX_NO_AMOUNT if none */
    int decimals;        /* decimals written (in 万元): the precision of the figure */
    long count;          /* number of projects for JX_CLAIM_PROJECTS, else -1 */
    char *text;          /* the figure as written, e.g. "39,241.78万元" */
} jx_claim;

/*
** A statement of a final-accounts 情况说明 (lib/disclosure/final.c), each
** checkable against the tables or itself. Figures are in fen with the
** decimals they were printed with (in 万元 unless wan is 0).
*/
typedef enum jx_statement_kind {
    JX_STMT_AMOUNT = 0,  /* subject amount, optionally 占 share % of base (share_of) */
    JX_STMT_CHANGE,      /* subject 较上年 增加/减少 amount2, 增长/下降 share %: sign */
    JX_STMT_COMPARE,     /* item: 年初/全年预算 amount2, 决算 amount, 完成 share %, 大于/小于/等于: sign */
    JX_STMT_COUNT,       /* a total count (车辆N辆, 绩效自评项目N个) and the sum of its parts */
    JX_STMT_YEAR         /* a year the document names in a heading or 截至…: count = the year */
} jx_statement_kind;

/* The subject of the 绩效自评 count statement (JX_STMT_COUNT): the reader writes it, eval-disclosure looks for it. */
#define JX_STMT_SUBJECT_SELF_EVAL "绩效自评项目"

typedef struct jx_statement {
    jx_statement_kind kind;
    int page;
    long line;
    char *subject;       /* 本年收入合计, 基本支出, 一般公共服务支出（类）/财政事务（款）/行政运行（项） … */
    char *share_of;      /* JX_STMT_AMOUNT: the base of the share as written (本年支出合计), or NULL */
    char *base;          /* JX_STMT_COMPARE: 年初预算 / 全年预算 / 预算 — what 完成…的 and the word compare with */
    long long amount;    /* the figure (决算数, the current year's), fen, JX_NO_AMOUNT if none */
    long long amount2;   /* CHANGE: the change; COMPARE: 年初预算 (or an unqualified 预算) */
    long long amount3;   /* COMPARE: 全年预算 (调整预算), JX_NO_AMOUNT if not stated */
    int decimals, decimals2, decimals3;
    int has_share;
    double share;        /* percent as printed */
    int share_decimals;
    int sign;            /* +1 增加/大于, -1 减少/小于, 0 持平/等于; 2 when no word */
    long count, parts;   /* JX_STMT_COUNT: the total stated and the sum of its parts (-1 if none) */
    char *text;          /* the sentence as written */
    /* The 绩效自评 statement of 预算绩效管理情况 (JX_STMT_COUNT, subject 绩效自评项目): count =
       the projects self-evaluated, amount = their money (涉及预算金额, fen), score = the stated
       average (平均得分, has_score), grades[JX_STATED_GRADES] = the projects stated per grade
       优/良/合格/不合格 (jx_stated_grade_names), -1 where the sentence states none. */
    int has_score;
    double score;
    int score_decimals;
    long grades[4];
} jx_statement;

/* The grades a final-accounts disclosure states self-evaluations by: 优, 良, 合格, 不合格. */
#define JX_STATED_GRADES 4
extern const char *const jx_stated_grade_names[JX_STATED_GRADES];

/* A heading or dated line of a final-accounts document, for the year and unit checks. */
typedef struct jx_heading {
    int page;
    long line;
    char *text;
    int toc;             /* an entry of the 目录 */
} jx_heading;

typedef struct jx_disclosure {
    char *file;
    int final;           /* a final-accounts disclosure (部门决算) */
    int year;            /* its year (2024年度部门决算), 0 when unknown */
    char *unit;          /* the unit the cover names, or NULL */
    int template_doc;    /* the unit is a placeholder (上海市XX局): a template, not a disclosure */
    jx_statement *statements;
    size_t nstatements;
    jx_heading *headings;
    size_t nheadings;
    jx_budget_table *tables;
    size_t ntables;
    jx_narrative *narratives;
    size_t nnarratives;
    jx_claim *claims;
    size_t nclaims;
    char **skipped;      /* what was skipped and why, "line N: …" ("page P, line N: …" from a
                            PDF): jx_disclosure_note_where splits the location off */
    size_t nskipped;
} jx_disclosure;

void jx_disclosure_free(jx_disclosure *d);

/*
** The location of one of d->skipped: *line and *page (0 when the note names
** none) and the text after it (a pointer into note), so a tool prints it as
** FILE:LINE: … like every other import diagnostic.
*/
const char *jx_disclosure_note_where(const char *note, long *line, int *page);

/* "budget" or "final". */
const char *jx_table_kind_name(jx_table_kind k);

/* Attach d to forms (which then owns it). */
void jx_form_list_add_disclosure(jx_form_list *forms, jx_disclosure *d);

/* The disclosure form belongs to in forms, or NULL. */
const jx_disclosure *jx_disclosure_of(const jx_form_list *forms, const jx_form *form);

/* Index of column name in t (exact match after label keying), or -1. */
int jx_budget_column(const jx_budget_table *t, const char *name);

/*
** Add the disclosure parts to a JSON export root (a json_t* whose "forms"
** array follows forms' order): "narrative" on linked forms, "budget_tables".
*/
void jx_disclosure_export_json(const jx_form_list *forms, void *root);

/*
** The "narrative" jx_disclosure_export_json sets on form (one of forms) as
** a new json_t* the caller owns, or NULL when the form has none.
*/
void *jx_form_narrative_json(const jx_form_list *forms, const jx_form *form);

/* The narrative linked to form in d, or NULL. */
const jx_narrative *jx_disclosure_narrative_of(const jx_disclosure *d, const jx_form *form);

/*
** 1 when n is the document's own narrative: it has no target table, here or
** elsewhere (not linked), in a budget disclosure (final accounts carry no
** project narratives to review). Its findings are then the disclosure's
** (file:line of the disclosure), not a form's.
*/
int jx_narrative_is_documents(const jx_disclosure *d, const jx_narrative *n);

/* Text of a narrative section whose title contains key, or NULL. */
const char *jx_narrative_text(const jx_narrative *n, const char *key);

#endif
