/*
** form.h - rows to forms: the form parser, the indicator tree and the
** vocabulary. Private to lib/ (the import pipeline, disclosures, rules).
*/
#ifndef JIXIAO_FORM_H
#define JIXIAO_FORM_H

#include <stddef.h>
#include "jixiao/error.h"
#include "jixiao/model.h"
#include "read.h"

/* Keys of the page labels printed around the indicator block ("绩效 指标"). */
extern const char *const jx_page_label_keys[];

/* 1 when key is in a NULL-terminated list of strings. */
int jx_key_listed(const char *key, const char *const *list);

/*
** Build form->indicators (and form->framework) from the rows of its
** indicator table. target_col is the 指标值 column of the table header;
** cells at extra_col and right of it (result columns of a 自评表: 实际完成值,
** 得分) are not read; -1 when the table has none.
*/
jx_status jx_classify_indicators(jx_form *form, const jx_row *const *rows,
                                 size_t nrows, int target_col, int extra_col);

/*
** 1 when a form starts at row, by the one definition every layout shares
** (form.c): a title row (…绩效目标申报表 / …绩效目标表 / …支出项目绩效目标),
** or a 项目名称 label with a value. The parser adds the context: a second
** 项目名称 starts a form only once the open form has a name, and a section
** (worksheet) boundary ends the open form.
*/
int jx_form_starts_at(const jx_row *row);

/* 1 when cell is a project narrative's title: …项目经费…说明 (also its typos). */
int jx_form_narrative_title(const char *cell);

/*
** 1 when row opens a project narrative: its title, or a numbered heading of
** one (一、项目概述, 三、年度预算安排: an ordinal and a short heading alone on
** the row), or a disclosure's section heading (其他相关情况说明, …编制说明).
** An indicator table ends there (a workbook puts the narrative
** below the target table on the same sheet).
*/
int jx_form_narrative_row(const jx_row *row);

/* The kinds of part a title row begins (parts.c: the one table of part titles). */
typedef enum jx_part_kind {
    JX_PART_NONE = 0,       /* not a title */
    JX_PART_FORM,           /* …绩效目标申报表: a declaration form */
    JX_PART_SELF_EVAL,      /* …绩效自评表 (read by lib/evaluate) */
    JX_PART_MONITOR         /* …绩效运行监控表 (read by lib/evaluate) */
} jx_part_kind;

/* The kind of part the row's title begins, JX_PART_NONE when it is no title. */
jx_part_kind jx_part_title_kind(const jx_row *row);

/*
** Parse the forms of a document already split into rows. file is the base
** name recorded in each form. Appends to *forms (nothing on error). A form
** without a name, an indicator table or a target column is JX_EINPUT (the
** message names the worksheet when the rows have sections); a document
** without any form is not an error here: the import pipeline decides.
*/
jx_status jx_parse_forms(const jx_rows *rows, const char *file,
                         jx_form_list *forms, jx_error *err);

/*
** What the parser carries from one form into the next: the money unit of
** the 子项目 table's amount column, once a header stated it (a form without
** that header reads its components in the unit of the last one). Zeroed
** before the first piece.
*/
typedef struct jx_form_carry {
    long component_scale;   /* 0 = none stated yet (1, yuan) */
} jx_form_carry;

/*
** jx_parse_forms over a document read piece by piece (the streaming import):
** rows is one piece, cut just before a form's title row (jx_form_is_title),
** where the parser ends the open form whatever came before; carry goes from
** one piece to the next. The pieces' forms are those of the whole.
*/
jx_status jx_parse_forms_part(const jx_rows *rows, const char *file, jx_form_list *forms,
                              jx_form_carry *carry, jx_error *err);

/* 1 when text is a header label the parser knows (項目名称, 其中：当年财政拨款 …). */
int jx_form_is_label(const char *text);
/* 1 when the row is a form title (…绩效目标申报表). */
int jx_form_is_title(const jx_row *row);
/* 1 when the row is an indicator table header with a 指标值 column. */
int jx_form_is_table_header(const jx_row *row);

/*
** Rows of layouts without column geometry (JX_FLOW_RUNS, JX_FLOW_LINES) put
** back into table rows inside each form: one row per header label with its
** value, the indicator header, one row per indicator (一级 | 二级 | 三级 |
** 指标值). Rows outside forms are copied as they are. Returns 1 and fills
** *out (the caller frees it) when rows had any such row, else 0.
*/
int jx_regroup(const jx_rows *rows, jx_rows *out);

#endif
