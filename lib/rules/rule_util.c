/*
** rule_util.c - predicates shared by the rules.
*/
#include "rule_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/util.h"
#include "vocab.h"

int jx_rule_has(const char *s, const char *needle)
{
    return s && strstr(s, needle) != NULL;
}

int jx_rule_has_any(const char *s, const char *const *needles)
{
    for (size_t i = 0; s && needles[i]; i++)
        if (strstr(s, needles[i])) return 1;
    return 0;
}

int jx_rule_ends_any(const char *s, const char *const *suffixes)
{
    for (size_t i = 0; s && suffixes[i]; i++)
        if (jx_ends_with(s, suffixes[i])) return 1;
    return 0;
}

void jx_rule_core_name(const char *name, char *buf, size_t size)
{
    snprintf(buf, size, "%s", name ? name : "");
    size_t n = strlen(buf);
    if (n && (buf[n - 1] == ')' || jx_ends_with(buf, "）"))) {
        char *open = strrchr(buf, '(');
        char *wide = NULL;
        for (char *p = strstr(buf, "（"); p; p = strstr(p + 1, "（")) wide = p;
        if (wide && (!open || wide > open)) open = wide;
        if (open && open != buf) *open = '\0';
    }
    n = strlen(buf);   /* trailing spaces a converter left */
    while (n && buf[n - 1] == ' ') buf[--n] = '\0';
}

int jx_rule_is_rate(const jx_indicator *ind)
{
    char buf[1024];
    jx_rule_core_name(ind->name, buf, sizeof buf);
    return jx_ends_with(buf, "率");
}

int jx_rule_is_count(const jx_indicator *ind)
{
    static const char *const counts[] = {"人数", "次数", "个数", "数量", "人次", "场次", "场数",
                                         "户数", "件数", "册数", "完成数", "台数", "套数", NULL};
    char buf[1024];
    jx_rule_core_name(ind->name, buf, sizeof buf);
    return jx_rule_ends_any(buf, counts);
}

int jx_rule_is_satisfaction(const jx_indicator *ind)
{
    return jx_rule_has(ind->name, "满意");
}

int jx_rule_unit_is_percent(const char *unit)
{
    return unit && (!strcmp(unit, "%") || !strcmp(unit, "‰"));
}

int jx_rule_unit_is_count(const char *unit)
{
    static const char *const counts[] = {"人", "人次", "次", "个", "场", "项", "名", "套", "家",
                                         "册", "户", "件", "台", "篇", "期", "批", "轮", "班",
                                         "个班次", "户次", "起", "部", "块", "面", "箱", "条", NULL};
    for (size_t i = 0; unit && counts[i]; i++)
        if (!strcmp(unit, counts[i])) return 1;
    return 0;
}

const char *jx_rule_target_text(const jx_indicator *ind)
{
    return ind->target ? ind->target : "（空）";
}

const char *jx_rule_wan(long long fen, char *buf, size_t size)
{
    char wan[40];
    jx_money_format_wan(fen, wan, sizeof wan);
    snprintf(buf, size, "%s万元", wan);
    return buf;
}

int jx_rule_glued_label(const char *name, char *buf, size_t size)
{
    if (!name) return 0;
    const char *sp = strchr(name, ' ');
    const char *wide = strstr(name, "\xe3\x80\x80");   /* U+3000 */
    if (!sp || (wide && wide < sp)) sp = wide;
    if (!sp || sp == name || (size_t)(sp - name) >= size || (size_t)(sp - name) > 24) return 0;
    const char *rest = sp + (*sp == ' ' ? 1 : 3);
    while (*rest == ' ') rest++;
    if (!*rest) return 0;
    snprintf(buf, size, "%.*s", (int)(sp - name), name);
    int known = jx_ends_with(buf, "指标") || jx_ends_with(buf, "目标");
    char *core = jx_vocab_core(buf);
    for (int i = 0; jx_vocab_framework(i) && !known; i++)
        known = jx_vocab_level1(jx_vocab_framework(i), core) ||
                jx_vocab_level2(jx_vocab_framework(i), core, NULL);
    free(core);
    return known;
}
