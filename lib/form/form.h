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
** Parse the forms of a document already split into rows. file is the base
** name recorded in each form. Appends to *forms. A document with no form, or
** a form without an indicator table or target column, is JX_EINPUT.
*/
jx_status jx_parse_forms(const jx_rows *rows, const char *file,
                         jx_form_list *forms, jx_error *err);

#endif
