/*
** final-heading: a heading of a final-accounts disclosure (第X部分…概况, …2024
** 年度部门决算表, a table page's header) must name the unit its cover names,
** not another unit, and never a template placeholder (上海市XX局).
*/
#include <stdlib.h>
#include <string.h>

#include "final_util.h"
#include "text.h"
#include "jixiao/util.h"

/* The unit a heading names (the text before 20XX年度 or 概况, without 第X部分), or NULL. */
static char *named_unit(const char *text)
{
    char *k = jx_text_key(text);
    char *s = k;
    if (jx_starts_with(s, "第")) {
        char *p = strstr(s, "部分");
        if (p && p - s <= 12) s = p + strlen("部分");
    }
    char *e = NULL;
    for (char *p = s; *p; p++)
        if (p[0] == '2' && p[1] == '0' && p[2] >= '0' && p[2] <= '9' && p[3] >= '0' && p[3] <= '9' &&
            jx_starts_with(p + 4, "年")) { e = p; break; }
    if (!e) e = strstr(s, "概况");
    if (!e) e = strstr(s, "部门决算");
    /* a unit's name is longer than a numbered sub-heading (二、部门决算单位构成) */
    char *out = e && e - s >= 9 && !strstr(s, "、") ? jx_strndup(s, (size_t)(e - s)) : NULL;
    free(k);
    return out;
}

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        if (!jx_fu_checked(d) || !d->unit) continue;
        for (size_t i = 0; i < d->nheadings; i++) {
            const jx_heading *h = &d->headings[i];
            if (h->toc) continue;
            char *u = named_unit(h->text);
            if (!u) continue;
            int placeholder = strstr(u, "XX") || strstr(u, "××") || strstr(u, "xx");
            if (placeholder)
                jx_report_disclosure(ctx, d, h->page, h->line, h->text,
                                     "标题“%s”含模板占位符（%s），应为“%s”", h->text, u, d->unit);
            else if (strcmp(u, d->unit) && !jx_ends_with(d->unit, u) && !jx_ends_with(u, d->unit))
                jx_report_disclosure(ctx, d, h->page, h->line, h->text,
                                     "标题“%s”所写单位为“%s”，而本文件是“%s”的部门决算", h->text, u, d->unit);
            free(u);
        }
    }
}

const jx_rule jx_rule_final_heading = {
    "final-heading", JX_SEV_ERROR, JX_DIM_COMPLETENESS,
    "标题单位名称与本单位不符或为模板占位符",
    "部门决算公开：封面、各部分标题及表头应写本单位全称，不得保留模板占位符（如XX局）",
    {{NULL, 0, NULL}}, NULL, check, JX_SCOPE_DISCLOSURE,
};
