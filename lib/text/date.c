/*
** date.c - dates as forms write them, to ISO 8601 (see text.h).
**
** Grammar (spaces allowed around every part):
**   date  = year sep month [sep day [日]]  |  year 年 month 月 [day 日]
**   sep   = - / . (or their full-width forms)  |  年 before the month, 月 before the day
** A text is a date only when nothing else is left, so "2019年1月起" or a
** sentence with a date in it is not one (the text is kept as written).
*/
#include <stdio.h>
#include <string.h>

#include "text.h"

/* Length of the space (ASCII or U+3000) at s, else 0. */
static size_t space_at(const char *s)
{
    if (*s == ' ' || *s == '\t') return 1;
    if (strncmp(s, "\u3000", 3) == 0) return 3;
    return 0;
}

static const char *skip(const char *s)
{
    size_t k;
    while ((k = space_at(s)) != 0) s += k;
    return s;
}

/* Read up to max ASCII or full-width digits at *s into *v; returns how many were read. */
static int number(const char **s, int max, int *v)
{
    const unsigned char *u = (const unsigned char *)*s;
    int n = 0;
    *v = 0;
    while (n < max) {
        if (u[0] >= '0' && u[0] <= '9') { *v = *v * 10 + (u[0] - '0'); u += 1; }
        else if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
            *v = *v * 10 + (u[2] - 0x90);
            u += 3;
        } else break;
        n++;
    }
    /* a longer run of digits is not this part */
    if (n == max && ((u[0] >= '0' && u[0] <= '9') ||
                     (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99)))
        return 0;
    *s = (const char *)u;
    return n;
}

/* Consume one of the words at *s; returns its index or -1. */
static int word(const char **s, const char *const *words)
{
    for (int i = 0; words[i]; i++) {
        size_t n = strlen(words[i]);
        if (strncmp(*s, words[i], n) == 0) { *s += n; return i; }
    }
    return -1;
}

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

int jx_text_date_iso(const char *text, char *out, size_t size)
{
    static const char *const seps[] = {"-", "/", ".", "－", "／", "．", NULL};
    static const char *const year_mark[] = {"年", NULL};
    static const char *const month_mark[] = {"月", NULL};
    static const char *const day_mark[] = {"日", "号", NULL};
    if (!text || size < 11) return 0;
    const char *s = skip(text);
    int y, m, d = 0;
    if (number(&s, 4, &y) != 4 || y < 1900 || y > 2199) return 0;
    s = skip(s);
    int chinese = word(&s, year_mark) == 0;
    if (!chinese && word(&s, seps) < 0) return 0;
    s = skip(s);
    if (number(&s, 2, &m) < 1 || m < 1 || m > 12) return 0;
    s = skip(s);
    int has_day = 0;
    if (chinese) {
        if (word(&s, month_mark) != 0) return 0;
        s = skip(s);
        if (*s) has_day = 1;
    } else if (word(&s, seps) >= 0) {
        has_day = 1;
    } else {
        word(&s, month_mark);   /* 2019-01月 is unusual but clear */
    }
    if (has_day) {
        s = skip(s);
        if (number(&s, 2, &d) < 1 || d < 1 || d > days_in(y, m)) return 0;
        s = skip(s);
        word(&s, day_mark);
    }
    s = skip(s);
    if (*s) return 0;
    if (has_day) snprintf(out, size, "%04d-%02d-%02d", y, m, d);
    else snprintf(out, size, "%04d-%02d", y, m);
    return 1;
}
