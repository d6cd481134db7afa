/*
** budget_util.h - what the disclosure rules share: finding a disclosure's
** tables, rows and columns, exact money text, and comparing a figure stated
** in 万元 with the table's exact one. Internal to lib/rules.
*/
#ifndef JIXIAO_BUDGET_UTIL_H
#define JIXIAO_BUDGET_UTIL_H

#include "jixiao/disclosure.h"
#include "jixiao/rules.h"

/* The form findings about a whole disclosure hang on: its file's first form, or NULL. */
const jx_form *jx_bu_anchor(const jx_form_list *forms, const jx_disclosure *d);

/*
** Where a finding about a whole disclosure goes: its anchor form when the
** file has target forms (callers grouping by form keep working), else the
** disclosure alone (form NULL, scope disclosure, its file): a disclosure
** without any target form is reviewed all the same.
*/
typedef struct jx_bu_at {
    const jx_form *form;       /* the anchor, or NULL */
    const jx_disclosure *d;
} jx_bu_at;
/* Set *at for d; 0 when the budget rules leave d alone (final accounts without a form:
   the final-* rules review those). */
int jx_bu_at_of(const jx_form_list *forms, const jx_disclosure *d, jx_bu_at *at);

/* jx_report / jx_report_info for a finding about the disclosure at (printf-style). */
void jx_bu_report(const jx_rule_ctx *ctx, const jx_bu_at *at, long line, const char *where,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void jx_bu_report_info(const jx_rule_ctx *ctx, const jx_bu_at *at, long line, const char *where,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Exact amount in yuan as "6,411,395.20元" (or "（空）"). Writes into buf. */
const char *jx_bu_yuan(long long fen, char *buf, size_t size);

/* The first table whose title key contains every word of words (NULL-terminated) and none of not. */
const jx_budget_table *jx_bu_table(const jx_disclosure *d, const char *const *words, const char *not);

/* Index of the first column whose name contains part (-1 when none). */
int jx_bu_col(const jx_budget_table *t, const char *part);

/* The total row (合计/总计 in its name, no code) with a value in column col, or NULL. */
const jx_budget_row *jx_bu_total_row(const jx_budget_table *t, int col);

/* The row with this code / this name (spaces ignored), or NULL. */
const jx_budget_row *jx_bu_row_code(const jx_budget_table *t, const char *code);
const jx_budget_row *jx_bu_row_name(const jx_budget_table *t, const char *name);

/* "表「T」第N行「code name」「column」" describing one cell. */
char *jx_bu_place(const jx_budget_table *t, const jx_budget_row *r, int col);

/* Agreement of a stated figure with an exact one: jx_money_agrees (jixiao/money.h). */

/* A value as a number for sums: absent counts as 0. */
static inline long long jx_bu_v(long long v) { return v == JX_NO_AMOUNT ? 0 : v; }

#endif
