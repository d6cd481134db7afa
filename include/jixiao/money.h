/*
** money.h - the one module that owns money (lib/text/money.c).
**
** Money is fen (1/100 yuan) in a long long everywhere inside jixiao, so sums
** compare exactly; JX_NO_AMOUNT marks a field the form lacks. This module
** parses a cell with its label's scale (元/千元/万元/亿元), prints fen in
** 万元 or 元, turns fen into the JSON yuan, and decides whether a figure
** printed with d decimals agrees with an exact amount.
*/
#ifndef JIXIAO_MONEY_H
#define JIXIAO_MONEY_H

#include <stddef.h>

#define JX_NO_AMOUNT (-9223372036854775807LL - 1)

#define JX_FEN_PER_YUAN 100LL
#define JX_FEN_PER_WAN 1000000LL   /* 1 万元 */

/*
** The money unit a label names: 100000000 for 亿元, 10000 for 万元, 1000 for
** 千元, 1 for 元 or none ("项目总预算（万元）" -> 10000).
*/
long jx_money_label_scale(const char *label);

/*
** Parse a money amount as written in a cell ("9,900,000", "1,732,000.00",
** "71387200", "12.5", "12.5万元") into fen after multiplying by scale (a
** trailing 万元 in the cell sets the scale to 10000). Exact: no floating
** point. Returns 1 and sets *fen on success; 0 when the cell is not an amount.
*/
int jx_money_parse(const char *cell, long scale, long long *fen);

/*
** Fen as 万元 with two decimals, rounded half away from zero ("7138.72");
** "-" for JX_NO_AMOUNT. What the CLI, the web pages and the messages print.
*/
void jx_money_format_wan(long long fen, char *buf, size_t size);

/*
** Fen printed exactly: in 万元 with two to six decimals when wan
** ("7138.72", "0.000001"), else in 元 with thousands separators and two
** decimals ("71,387,200.00"); "" for JX_NO_AMOUNT. What a rendered form prints.
*/
void jx_money_format_exact(long long fen, int wan, char *buf, size_t size);

/* Fen as yuan, the unit of the JSON export (fen / 100.0). */
double jx_money_yuan(long long fen);

/* Fen in the unit of scale as a number (10000: 万元), for a spreadsheet cell. */
double jx_money_in(long long fen, long scale);

/*
** 1 when a figure stated with `decimals` decimals (in 万元 when wan, else in
** 元) agrees with the exact amount: equal, or the exact amount rounded or cut
** to the printed decimals (元 with no decimals: whole yuan). Both in fen;
** either absent agrees (nothing to compare).
*/
int jx_money_agrees(long long stated, int decimals, int wan, long long exact);

#endif
