/*
** fields.h - the field table: every header field of a form, once.
**
** One row per field: the label variants a form writes for it, the field's
** id, its type, where the model keeps it, its key in the JSON export and
** its Chinese title. The form parser reads labels through it; the store, the
** JSON export, CSV, XLSX, `show` and the web form page write the fields it
** lists. Adding a field is one row here (plus its member in jx_form).
**
** Invariants: jx_fields[i].id == i; the exported rows (json != NULL) are in
** the order of the JSON export contract; a row's labels are label keys
** (jx_text_key of the label as written: NFKC, no spaces, no trailing unit).
*/
#ifndef JIXIAO_FIELDS_H
#define JIXIAO_FIELDS_H

#include <stddef.h>
#include "jixiao/model.h"

typedef enum jx_field_type {
    JX_FT_TEXT,     /* char *, as written */
    JX_FT_DATE,     /* char *, ISO (2019-01-01 or 2019-01); the text as written in period.text */
    JX_FT_MONEY,    /* long long fen, with the label's scale (元/千元/万元/亿元) */
    JX_FT_CHOICE,   /* char *, the checked option(s) of a check-box field */
    JX_FT_YEARS,    /* jx_years: the years a goal states, (2024年-2026年) */
    JX_FT_COMPONENTS, /* the components block (子项目名称 | 预算金额) */
    JX_FT_INDICATORS, /* the indicator table */
    JX_FT_LABEL     /* a label kept in fields[] only: no typed value */
} jx_field_type;

/* Field ids: the index of the field's row in jx_fields[]. */
typedef enum jx_field_id {
    JX_F_NAME, JX_F_UNIT, JX_F_DEPARTMENT, JX_F_NATURE, JX_F_CATEGORY, JX_F_FRAMEWORK,
    JX_F_START, JX_F_END, JX_F_PERIOD_TEXT,
    JX_F_TOTAL, JX_F_YEAR, JX_F_CARRYOVER, JX_F_OTHER, JX_F_PROJECT_TOTAL,
    JX_F_PREV_BUDGET, JX_F_PREV_EXEC,
    JX_F_COMPONENTS, JX_F_GOAL, JX_F_INDICATORS,
    JX_F_OVERVIEW, JX_F_BASIS, JX_F_NECESSITY, JX_F_MEASURES, JX_F_PLAN,
    JX_F_LONG_GOAL, JX_F_LONG_GOAL_YEARS, JX_F_FUND_USE, JX_F_PERF_TYPE,
    JX_F_GOV_PURCHASE, JX_F_REMARK,
    /* not exported as typed fields */
    JX_F_IMPL_UNIT, JX_F_COMPONENT_NAME, JX_F_COMPONENT_AMOUNT, JX_F_KEPT,
    JX_NFIELDS
} jx_field_id;

/* Flags of a row. */
#define JX_FF_BELOW    1u   /* the value may be in the cell below the label (goals) */
#define JX_FF_COLUMN   2u   /* stored in a column of its own in forms (since schema 1) */
#define JX_FF_DERIVED  4u   /* no label of its own: derived from other fields */

typedef struct jx_field_def {
    jx_field_id id;
    const char *json;               /* key in the JSON export ("budget.total"), NULL if none */
    const char *title;              /* Chinese title for show, CSV, XLSX and the web */
    jx_field_type type;
    size_t offset;                  /* offsetof(jx_form, member) of its value; 0 for none */
    unsigned flags;
    const char *const *labels;      /* label keys, NULL-terminated; NULL for none */
} jx_field_def;

extern const jx_field_def jx_fields[JX_NFIELDS];

/* The field a label key names, or -1 when the key is no label. */
int jx_field_by_label(const char *key);

/* The field whose JSON key is json, or NULL. */
const jx_field_def *jx_field_by_json(const char *json);

/* The value of a text, date or choice field of f (NULL when absent). */
char *const *jx_field_text_slot(const jx_form *f, const jx_field_def *d);
const char *jx_field_text(const jx_form *f, const jx_field_def *d);

/* The amount of a money field of f in fen (JX_NO_AMOUNT when absent). */
long long jx_field_money(const jx_form *f, const jx_field_def *d);

/* 1 when the field holds a scalar value (text, date, money, choice, years) in the model. */
int jx_field_is_value(const jx_field_def *d);

/*
** 1 for the typed fields added after the first export contract (issue 11:
** overview … remark, period.text, long_goal_years): no column of their own
** in forms; show, CSV, XLSX and the web page list them after the original
** fields, in the table's order, under their titles.
*/
int jx_field_is_added(const jx_field_def *d);

/*
** The value of a scalar field as display text in buf: text as is, money in
** 万元 with two decimals, years as "2024-2026". Returns NULL when absent.
*/
const char *jx_field_format(const jx_form *f, const jx_field_def *d, char *buf, size_t size);

#endif
