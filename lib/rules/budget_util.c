/*
** budget_util.c - helpers of the disclosure rules (see budget_util.h).
*/
#include "budget_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "jixiao/util.h"

/* The first form of the disclosure's file. */
const jx_form *jx_bu_anchor(const jx_form_list *forms, const jx_disclosure *d)
{
    for (size_t i = 0; i < forms->count; i++)
        if (forms->items[i]->file && strcmp(forms->items[i]->file, d->file) == 0) return forms->items[i];
    return NULL;
}

int jx_bu_at_of(const jx_form_list *forms, const jx_disclosure *d, jx_bu_at *at)
{
    *at = (jx_bu_at){jx_bu_anchor(forms, d), d};
    return at->form || !d->final;
}

/* fmt formatted as a new malloc'd string. */
static char *vformat(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *s = jx_xmalloc((size_t)(n > 0 ? n : 0) + 1);
    vsnprintf(s, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    return s;
}

/* Report msg at at, as an info when info is set; a disclosure without forms owns it. */
static void report_at(const jx_rule_ctx *ctx, const jx_bu_at *at, int info, long line,
                      const char *where, const char *msg)
{
    if (info) jx_report_info(ctx, at->form, line, where, "%s", msg);
    else jx_report(ctx, at->form, line, where, "%s", msg);
    if (!at->form) jx_report_scope_disclosure(ctx, at->d->file);
}

void jx_bu_report(const jx_rule_ctx *ctx, const jx_bu_at *at, long line, const char *where,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(fmt, ap);
    va_end(ap);
    report_at(ctx, at, 0, line, where, msg);
    free(msg);
}

void jx_bu_report_info(const jx_rule_ctx *ctx, const jx_bu_at *at, long line, const char *where,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(fmt, ap);
    va_end(ap);
    report_at(ctx, at, 1, line, where, msg);
    free(msg);
}

/* Exact yuan with thousands separators. */
const char *jx_bu_yuan(long long fen, char *buf, size_t size)
{
    if (fen == JX_NO_AMOUNT) { snprintf(buf, size, "（空）"); return buf; }
    unsigned long long a = fen < 0 ? (unsigned long long)-(fen + 1) + 1 : (unsigned long long)fen;
    char digits[32], grouped[48];
    snprintf(digits, sizeof digits, "%llu", a / 100);
    size_t n = strlen(digits), k = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) grouped[k++] = ',';
        grouped[k++] = digits[i];
    }
    grouped[k] = '\0';
    snprintf(buf, size, "%s%s.%02llu元", fen < 0 ? "-" : "", grouped, a % 100);
    return buf;
}

/* A table by words of its title. */
const jx_budget_table *jx_bu_table(const jx_disclosure *d, const char *const *words, const char *not)
{
    for (size_t i = 0; i < d->ntables; i++) {
        char *key = jx_text_key(d->tables[i].title);
        int ok = !(not && strstr(key, not));
        for (int w = 0; ok && words[w]; w++) ok = strstr(key, words[w]) != NULL;
        free(key);
        if (ok) return &d->tables[i];
    }
    return NULL;
}

/* A column by part of its name. */
int jx_bu_col(const jx_budget_table *t, const char *part)
{
    for (size_t i = 0; t && i < t->ncolumns; i++)
        if (strstr(t->columns[i], part)) return (int)i;
    return -1;
}

/* The 合计/总计 row with a value in col. */
const jx_budget_row *jx_bu_total_row(const jx_budget_table *t, int col)
{
    for (size_t i = 0; t && col >= 0 && i < t->nrows; i++) {
        const jx_budget_row *r = &t->rows[i];
        if (r->code[0] && !strstr(r->code, "、")) continue;
        char *key = jx_text_key(r->name);
        int tot = strstr(key, "合计") || strstr(key, "总计");
        free(key);
        if (tot && r->values[col] != JX_NO_AMOUNT) return r;
    }
    return NULL;
}

/* A row by code. */
const jx_budget_row *jx_bu_row_code(const jx_budget_table *t, const char *code)
{
    for (size_t i = 0; t && i < t->nrows; i++)
        if (strcmp(t->rows[i].code, code) == 0) return &t->rows[i];
    return NULL;
}

/* A row by name, compared on label keys; the most detailed code wins. */
const jx_budget_row *jx_bu_row_name(const jx_budget_table *t, const char *name)
{
    const jx_budget_row *best = NULL;
    char *want = jx_text_key(name);
    for (size_t i = 0; t && i < t->nrows; i++) {
        char *key = jx_text_key(t->rows[i].name);
        if (*want && strcmp(key, want) == 0 &&
            (!best || strlen(t->rows[i].code) > strlen(best->code)))
            best = &t->rows[i];
        free(key);
    }
    free(want);
    return best;
}

/* Where a cell is, in words. */
char *jx_bu_place(const jx_budget_table *t, const jx_budget_row *r, int col)
{
    jx_buf b = {0};
    const char *column = col >= 0 && (size_t)col < t->ncolumns ? t->columns[col] : "";
    if (!r->code[0] && !r->name[0])   /* a row of figures only (三公) */
        jx_buf_printf(&b, "表「%s」第%ld行「%s」", t->title, r->line, column);
    else
        jx_buf_printf(&b, "表「%s」第%ld行「%s%s%s」「%s」", t->title, r->line, r->code,
                      r->code[0] && r->name[0] ? " " : "", r->name, column);
    return jx_buf_take(&b);
}

