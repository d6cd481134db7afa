/*
** internal.h - declarations shared between library modules, not public.
*/
#ifndef JIXIAO_INTERNAL_H
#define JIXIAO_INTERNAL_H

#include <stddef.h>
#include "jixiao/error.h"
#include "jixiao/model.h"
#include "jixiao/rows.h"

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

#endif
