/*
** final_util.h - what the final-accounts rules (final_*.c) share: finding the
** nine tables by their title words, rows by name or code, columns by their
** header name, citing a cell with its page, and agreement of printed
** figures. Internal to lib/rules.
**
** Agreement. Tables print 万元 with two decimals, so a printed figure is the
** exact amount rounded to 0.01万元 (±half a unit, 50元). A figure stated in the
** prose agrees with a table figure when they are equal at the prose's printed
** decimals. An identity over printed figures (a total and n parts) holds when
** the difference is within the rounding of the n+1 figures; a share or a rate
** agrees when some value inside the interval the printed figures allow rounds
** (or cuts) to the printed percentage.
*/
#ifndef JIXIAO_FINAL_UTIL_H
#define JIXIAO_FINAL_UTIL_H

#include "jixiao/disclosure.h"
#include "jixiao/rules.h"

/* 1 for a final-accounts disclosure the rules check (not a template). */
int jx_fu_checked(const jx_disclosure *d);

/* A table title's key under its Shanghai name (national aliases mapped), malloc'd. */
char *jx_fu_title_key(const char *title);

/* The first final table whose title key contains every word (NULL-terminated). */
const jx_budget_table *jx_fu_table(const jx_disclosure *d, const char *const *words);

/* The first final table whose title key contains word and not `except` (NULL: no exclusion). */
const jx_budget_table *jx_fu_table_except(const jx_disclosure *d, const char *word, const char *except);

/* Index of the first column from `from` on whose name ends with leaf (key match), or -1. */
int jx_fu_col(const jx_budget_table *t, const char *leaf, int from);

/* The first row whose name key equals name (after dropping a leading 一、), or NULL. */
const jx_budget_row *jx_fu_row(const jx_budget_table *t, const char *name);

/* Like jx_fu_row, among rows with a value in column col. */
const jx_budget_row *jx_fu_row_in(const jx_budget_table *t, const char *name, int col);

/* The row with this code, or NULL. */
const jx_budget_row *jx_fu_code(const jx_budget_table *t, const char *code);

/* Half a printed unit of table t in fen (5000 for 万元 with two decimals). */
long long jx_fu_half(const jx_budget_table *t);

/* 1 when total and the sum of n printed parts agree within their rounding. */
int jx_fu_sum_agrees(const jx_budget_table *t, long long total, long long sum, int n);

/* 1 when a stated figure (fen, decimals of 万元) agrees with a table figure of t. */
int jx_fu_stated_agrees(long long stated, int decimals, long long table);

/*
** 1 when a printed percentage (decimals) agrees with part/base, each known
** within ±err fen. Fails closed (1) when base is not positive.
*/
int jx_fu_pct_agrees(double pct, int decimals, long long part, long long epart,
                     long long base, long long ebase);

/* "表「T」（第P页）第N行「code name」「column」" for a finding (malloc'd). */
char *jx_fu_place(const jx_budget_table *t, const jx_budget_row *r, int col);

/* An amount in 万元 with two decimals, "-" when absent; into buf. */
const char *jx_fu_wan(long long fen, char *buf, size_t size);

/*
** The table figure a statement's subject names (final_prose.c's subject
** table), JX_NO_AMOUNT when none; *half_unit gets its table's rounding.
*/
long long jx_final_subject_value(const jx_disclosure *d, const char *subject, long long *half_unit);

/* A value for sums: absent counts 0. */
static inline long long jx_fu_v(long long v) { return v == JX_NO_AMOUNT ? 0 : v; }

#endif
