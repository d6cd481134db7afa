/*
** money.c - the one module that owns money (see jixiao/money.h): parsing a
** cell with its label's scale, printing fen in 万元 or 元, fen to the JSON
** yuan, and agreement of a figure printed with d decimals.
**
** Invariant: amounts are exact integers of fen from the cell's digits to
** the comparison; floating point appears only where a number leaves jixiao
** (JSON, a spreadsheet cell).
*/
#include "jixiao/money.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

long jx_money_label_scale(const char *label)
{
    if (!label) return 1;
    char *k = jx_text_squeeze(label);
    long scale = strstr(k, "亿元") ? 100000000L : strstr(k, "万元") ? 10000 : strstr(k, "千元") ? 1000 : 1;
    free(k);
    return scale;
}



/* The ASCII or full-width digit at s: its value and *len bytes, or -1. */
static int digit_at(const unsigned char *s, size_t *len)
{
    if (s[0] >= '0' && s[0] <= '9') { *len = 1; return s[0] - '0'; }
    if (s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99) {
        *len = 3;
        return s[2] - 0x90;
    }
    return -1;
}

/* Length of the mark at s if it is one of the alternatives, else 0. */
static size_t mark_at(const char *s, const char *const *alts)
{
    for (size_t a = 0; alts[a]; a++) {
        size_t k = strlen(alts[a]);
        if (strncmp(s, alts[a], k) == 0) return k;
    }
    return 0;
}

/* Skip space characters at s[i] (NUL-terminated); returns the new offset. */
static size_t skip_spaces(const char *s, size_t i)
{
    size_t k;   /* space_len stops at the NUL, so 3 never reads past it */
    while ((k = jx_text_space_len((const unsigned char *)s + i, 3)) != 0) i += k;
    return i;
}

/* a * b into *r; 0 on overflow. */
static int mul_ok(unsigned long long a, unsigned long long b, unsigned long long *r)
{
    if (a != 0 && b > ULLONG_MAX / a) return 0;
    *r = a * b;
    return 1;
}

int jx_money_parse(const char *cell, long scale, long long *fen)
{
    static const char *const minus[] = {"-", "－", "−", NULL};
    static const char *const plus[] = {"+", "＋", NULL};
    static const char *const commas[] = {",", "，", NULL};
    static const char *const points[] = {".", "．", NULL};
    if (!cell || scale <= 0 || (unsigned long long)scale > ULLONG_MAX / 100) return 0;
    const unsigned char *u = (const unsigned char *)cell;
    size_t i = skip_spaces(cell, 0), k;
    int negative = 0;
    if ((k = mark_at(cell + i, minus)) != 0) { negative = 1; i += k; }
    else if ((k = mark_at(cell + i, plus)) != 0) i += k;

    /* Integer part: digits, in groups of three after a separator. */
    unsigned long long whole = 0;
    int lead = 0, group = -1, d;   /* digits before the first separator; in this group */
    for (;;) {
        if ((d = digit_at(u + i, &k)) >= 0) {
            if (whole > (ULLONG_MAX - 9) / 10) return 0;
            whole = whole * 10 + (unsigned)d;
            if (group < 0) lead++;
            else if (++group > 3) return 0;
            i += k;
        } else if (lead > 0 && (k = mark_at(cell + i, commas)) != 0) {
            if (group < 0 ? lead > 3 : group != 3) return 0;
            group = 0;
            i += k;
        } else {
            break;
        }
    }
    if (lead == 0 || (group >= 0 && group != 3)) return 0;

    /* Fraction: frac / pow, trailing zeros left out; at most 18 places. */
    unsigned long long frac = 0, pow = 1;
    if ((k = mark_at(cell + i, points)) != 0) {
        int digits = 0, zeros = 0;
        i += k;
        while ((d = digit_at(u + i, &k)) >= 0) {
            i += k;
            digits++;
            if (d == 0) { zeros++; continue; }
            for (int z = 0; z <= zeros; z++) {
                if (pow > ULLONG_MAX / 100) return 0;
                frac *= 10;
                pow *= 10;
            }
            frac += (unsigned)d;
            zeros = 0;
        }
        if (digits == 0) return 0;
    }

    /* Unit: 元, or 万元 which sets the scale. */
    unsigned long long factor = (unsigned long long)scale * 100;
    i = skip_spaces(cell, i);
    if (strncmp(cell + i, "万元", strlen("万元")) == 0) {
        factor = 10000ULL * 100;
        i += strlen("万元");
    } else if (strncmp(cell + i, "元", strlen("元")) == 0) {
        i += strlen("元");
    }
    i = skip_spaces(cell, i);
    if (cell[i] != '\0') return 0;

    /* fen = whole * factor + round(frac * factor / pow), all exact. */
    unsigned long long total, part, f = factor;
    if (!mul_ok(whole, factor, &total)) return 0;
    while (pow > 1 && f % 10 == 0) { pow /= 10; f /= 10; }
    if (!mul_ok(frac, f, &part) || part > ULLONG_MAX - pow / 2) return 0;
    part = (part + pow / 2) / pow;
    if (total > (unsigned long long)LLONG_MAX - part) return 0;
    total += part;
    *fen = negative ? -(long long)total : (long long)total;
    return 1;
}

void jx_money_format_wan(long long fen, char *buf, size_t size)
{
    if (fen == JX_NO_AMOUNT) { snprintf(buf, size, "-"); return; }
    long long unit = JX_FEN_PER_WAN / 100;  /* fen per 0.01 万元 */
    long long q = (fen >= 0 ? fen + unit / 2 : fen - unit / 2) / unit;
    long long a = q < 0 ? -q : q;
    snprintf(buf, size, "%s%lld.%02lld", q < 0 ? "-" : "", a / 100, a % 100);
}

void jx_money_format_exact(long long fen, int wan, char *buf, size_t size)
{
    if (fen == JX_NO_AMOUNT) { if (size) buf[0] = '\0'; return; }
    long long a = fen < 0 ? -fen : fen;
    const char *sign = fen < 0 ? "-" : "";
    if (wan) {
        snprintf(buf, size, "%s%lld.%06lld", sign, a / JX_FEN_PER_WAN, a % JX_FEN_PER_WAN);
        size_t n = strlen(buf);
        while (n >= 3 && buf[n - 1] == '0' && buf[n - 3] != '.') buf[--n] = '\0';
        return;
    }
    /* 元 with thousands separators, as the documents print them */
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", a / JX_FEN_PER_YUAN);
    size_t n = strlen(digits), o = 0;
    char out[48];
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0) out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    snprintf(buf, size, "%s%s.%02lld", sign, out, a % JX_FEN_PER_YUAN);
}

double jx_money_yuan(long long fen)
{
    return (double)fen / 100.0;
}

double jx_money_in(long long fen, long scale)
{
    return (double)fen / (100.0 * (double)(scale > 0 ? scale : 1));
}

int jx_money_agrees(long long stated, int decimals, int wan, long long exact)
{
    if (stated == JX_NO_AMOUNT || exact == JX_NO_AMOUNT) return 1;
    if (!wan) return stated == exact || (decimals == 0 && exact / 100 * 100 == stated);
    long long q = JX_FEN_PER_WAN;
    for (int i = 0; i < decimals && q > 1; i++) q /= 10;
    long long cut = exact / q * q;
    long long round = (exact + q / 2) / q * q;
    return stated == exact || stated == cut || stated == round;
}
