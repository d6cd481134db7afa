/*
** final_util.c - shared lookups and agreement tests of the final-accounts rules.
*/
#include "final_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "jixiao/util.h"
#include "jixiao/money.h"

/*
** The national template names some tables differently (财政拨款收支决算总表,
** 一般公共预算财政拨款支出决算明细表): their Shanghai names, as the lookups use.
*/
static const struct { const char *from, *to; } title_alias[] = {
    {"收支决算总表", "收入支出决算总表"},
    {"支出决算明细表", "支出决算表"},
};

char *jx_fu_title_key(const char *title)
{
    char *k = jx_text_key(title);
    for (size_t i = 0; i < sizeof title_alias / sizeof *title_alias; i++) {
        char *p = strstr(k, title_alias[i].from);
        if (!p) continue;
        jx_buf b = {0};
        jx_buf_append(&b, k, (size_t)(p - k));
        jx_buf_puts(&b, title_alias[i].to);
        jx_buf_puts(&b, p + strlen(title_alias[i].from));
        free(k);
        k = jx_buf_take(&b);
    }
    return k;
}

int jx_fu_checked(const jx_disclosure *d)
{
    return d && d->final && !d->template_doc;
}

const jx_budget_table *jx_fu_table(const jx_disclosure *d, const char *const *words)
{
    for (size_t i = 0; i < d->ntables; i++) {
        const jx_budget_table *t = &d->tables[i];
        if (t->kind != JX_TABLE_FINAL) continue;
        char *k = jx_fu_title_key(t->title);
        int all = 1;
        for (int w = 0; words[w] && all; w++) all = strstr(k, words[w]) != NULL;
        free(k);
        if (all) return t;
    }
    return NULL;
}

const jx_budget_table *jx_fu_table_except(const jx_disclosure *d, const char *word, const char *except)
{
    for (size_t i = 0; i < d->ntables; i++) {
        const jx_budget_table *t = &d->tables[i];
        if (t->kind != JX_TABLE_FINAL) continue;
        char *k = jx_fu_title_key(t->title);
        int hit = strstr(k, word) && !(except && strstr(k, except));
        free(k);
        if (hit) return t;
    }
    return NULL;
}

int jx_fu_col(const jx_budget_table *t, const char *leaf, int from)
{
    if (!t) return -1;
    for (size_t c = from < 0 ? 0 : (size_t)from; c < t->ncolumns; c++)
        if (jx_ends_with(t->columns[c], leaf)) return (int)c;
    return -1;
}

/* The row name key without a leading ordinal (一、). */
static char *name_key(const char *name)
{
    char *k = jx_text_key(name);
    static const char *const cn = "一二三四五六七八九十";
    size_t i = 0;
    while (k[i] && strncmp(k + i, "、", strlen("、")) != 0 && i < 18) {
        int hit = 0;
        for (size_t j = 0; j < strlen(cn); j += 3)
            if (strncmp(k + i, cn + j, 3) == 0) { hit = 1; break; }
        if (!hit) break;
        i += 3;
    }
    if (i > 0 && strncmp(k + i, "、", strlen("、")) == 0) memmove(k, k + i + 3, strlen(k + i + 3) + 1);
    return k;
}

const jx_budget_row *jx_fu_row_in(const jx_budget_table *t, const char *name, int col)
{
    if (!t) return NULL;
    char *want = jx_text_key(name);
    const jx_budget_row *hit = NULL;
    for (size_t i = 0; i < t->nrows && !hit; i++) {
        if (col >= 0 && t->rows[i].values[col] == JX_NO_AMOUNT) continue;
        char *k = name_key(t->rows[i].name);
        if (!strcmp(k, want)) hit = &t->rows[i];
        free(k);
    }
    free(want);
    return hit;
}

const jx_budget_row *jx_fu_row(const jx_budget_table *t, const char *name)
{
    return jx_fu_row_in(t, name, -1);
}

const jx_budget_row *jx_fu_code(const jx_budget_table *t, const char *code)
{
    for (size_t i = 0; t && i < t->nrows; i++)
        if (!strcmp(t->rows[i].code, code)) return &t->rows[i];
    return NULL;
}

long long jx_fu_half(const jx_budget_table *t)
{
    /* two printed decimals of the table's unit: 0.005 unit = scale/2 fen */
    return t && t->scale > 1 ? t->scale / 2 : 0;
}

int jx_fu_sum_agrees(const jx_budget_table *t, long long total, long long sum, int n)
{
    long long d = total - sum;
    if (d < 0) d = -d;
    return d <= (long long)(n + 1) * jx_fu_half(t);
}

int jx_fu_stated_agrees(long long stated, int decimals, long long table)
{
    if (stated == JX_NO_AMOUNT || table == JX_NO_AMOUNT) return 1;
    long long q = 1000000;   /* 1万元 in fen */
    for (int i = 0; i < decimals && q > 1; i++) q /= 10;
    long long cut = table / q * q, round = (table + q / 2) / q * q;
    return stated == table || stated == cut || stated == round;
}

int jx_fu_pct_agrees(double pct, int decimals, long long part, long long epart,
                     long long base, long long ebase)
{
    if (base - ebase <= 0 || part == JX_NO_AMOUNT || base == JX_NO_AMOUNT) return 1;
    double lo = 100.0 * (double)(part - epart) / (double)(base + ebase);
    double hi = 100.0 * (double)(part + epart) / (double)(base - ebase);
    double h = 0.5 * pow(10.0, -decimals), eps = 1e-9;
    /* rounded: [pct-h, pct+h]; cut: [pct, pct+2h) */
    return hi >= pct - h - eps && lo <= pct + 2 * h + eps;
}

char *jx_fu_place(const jx_budget_table *t, const jx_budget_row *r, int col)
{
    jx_buf b = {0};
    jx_buf_printf(&b, "表「%s」", t->title);
    int page = r && r->page ? r->page : t->page;
    if (page) jx_buf_printf(&b, "（第%d页）", page);
    if (r) {
        jx_buf_printf(&b, "「%s%s%s」", r->code, r->code[0] && r->name[0] ? " " : "", r->name);
    }
    if (col >= 0 && (size_t)col < t->ncolumns) jx_buf_printf(&b, "「%s」", t->columns[col]);
    return jx_buf_take(&b);
}

const char *jx_fu_wan(long long fen, char *buf, size_t size)
{
    if (fen == JX_NO_AMOUNT) {
        snprintf(buf, size, "（空）");
        return buf;
    }
    jx_money_format_wan(fen, buf, size);
    size_t n = strlen(buf);
    snprintf(buf + n, size - n, "万元");
    return buf;
}

/*
** The 情况说明 statements each final-accounts rule judges: the rule objects
** themselves, so a renamed or removed rule cannot leave a stale name here.
*/
extern const jx_rule jx_rule_final_prose, jx_rule_final_change, jx_rule_final_compare,
    jx_rule_final_count, jx_rule_final_year;
static const struct {
    const jx_rule *rule;
    jx_statement_kind kind;
} statement_rules[] = {
    {&jx_rule_final_prose, JX_STMT_AMOUNT},   {&jx_rule_final_change, JX_STMT_CHANGE},
    {&jx_rule_final_compare, JX_STMT_COMPARE}, {&jx_rule_final_count, JX_STMT_COUNT},
    {&jx_rule_final_year, JX_STMT_YEAR},
};

int jx_rule_statement_kind(const char *rule_id)
{
    for (size_t i = 0; rule_id && i < sizeof statement_rules / sizeof *statement_rules; i++)
        if (!strcmp(statement_rules[i].rule->id, rule_id)) return (int)statement_rules[i].kind;
    return -1;
}
