/*
** disclosure.h (private) - reading a department disclosure from the rows the
** layout reader produced. Called by the import pipeline; the data model of
** disclosures is public (jixiao/disclosure.h).
*/
#ifndef JIXIAO_DISCLOSURE_PRIVATE_H
#define JIXIAO_DISCLOSURE_PRIVATE_H

#include "jixiao/disclosure.h"
#include "read.h"

/*
** 1 when the rows look like a department disclosure: at least one budget
** table title or one project narrative title.
*/
int jx_disclosure_detect(const jx_rows *rows);

/*
** 1 when a piece of a document (the streaming import reads one piece at a
** time) holds anything jx_disclosure_detect looks for, a final-accounts
** title included: the document is then read whole, since its tables and
** narratives are linked across the whole document and to all its forms.
*/
int jx_disclosure_hint(const jx_rows *rows);

/*
** Extract tables, narratives and prose figures from rows and link each
** narrative to a form of forms[first..count) by project name. A linked form
** without a unit takes the narrative's unit, without budget.total the
** narrative's amount. *out is a new disclosure (free with jx_disclosure_free).
** Damaged parts are skipped and listed in skipped; never fails on content.
*/
jx_status jx_disclosure_read(const jx_rows *rows, const char *file, jx_form_list *forms,
                             size_t first, jx_disclosure **out, jx_error *err);

/* 1 when a one-cell row is a budget table's title / a project narrative's title. */
int jx_budget_table_title(const char *cell);
int jx_budget_narrative_title(const char *cell);

/*
** Budget-table rows of layouts without column geometry (JX_FLOW_RUNS,
** JX_FLOW_LINES) rebuilt by cell class (flow.c); other rows copied. Returns
** 1 and fills *out (the caller frees it) when rows had any such row, else 0.
*/
int jx_budget_regroup(const jx_rows *rows, jx_rows *out);

/*
** Final accounts (部门决算, final.c): 1 when the rows hold at least two
** final-accounts table titles (…决算表 / …决算总表).
*/
int jx_final_detect(const jx_rows *rows);
/* The number of final-accounts table titles in rows, counted up to at most stop. */
int jx_final_titles(const jx_rows *rows, int stop);

/*
** Read a final-accounts disclosure into d (d->final set): the cover's unit
** and year, the 目录 entries and headings, the tables (kind JX_TABLE_FINAL,
** columns named by their header, rows by code and name) and the statements
** of the 情况说明. Never fails on content; what it cannot read is noted in
** d->skipped.
*/
void jx_final_read(const jx_rows *rows, jx_disclosure *d);

#endif
