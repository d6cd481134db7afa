/*
** final-toc: every table the 目录 of a final-accounts disclosure lists must be
** in the document, and a table without a figure (政府性基金, 国有资本经营 and
** “三公” are often empty) must be explained by a 空表说明 (本表无数据 …).
*/
#include <stdlib.h>
#include <string.h>

#include "final_util.h"
#include "text.h"

/* A prefix of s, in a buffer reused by the next call (enough for a title key). */
static const char *jx_strndup_tmp(const char *s, size_t n)
{
    static char buf[512];
    if (n >= sizeof buf) n = sizeof buf - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        if (!jx_fu_checked(d)) continue;
        for (size_t i = 0; i < d->nheadings; i++) {
            const jx_heading *h = &d->headings[i];
            if (!h->toc) continue;
            char *want = jx_fu_title_key(h->text);
            int found = 0;
            for (size_t t = 0; t < d->ntables && !found; t++) {
                char *title = jx_fu_title_key(d->tables[t].title);
                /* the same name, or the name after a unit/year prefix (…2024年度收入决算表) */
                size_t tl = strlen(title), wl = strlen(want);
                found = !strcmp(title, want) ||
                        (tl > wl && !strcmp(title + tl - wl, want) &&
                         (jx_ends_with(jx_strndup_tmp(title, tl - wl), "年度") ||
                          jx_ends_with(jx_strndup_tmp(title, tl - wl), "年")));
                free(title);
            }
            free(want);
            if (!found)
                jx_report_disclosure(ctx, d, h->page, h->line, h->text,
                                     "目录列有“%s”，但文件中没有这张表", h->text);
        }
        for (size_t t = 0; t < d->ntables; t++) {
            const jx_budget_table *x = &d->tables[t];
            if (x->kind != JX_TABLE_FINAL || x->empty_note) continue;
            int figures = 0;
            for (size_t r = 0; r < x->nrows && !figures; r++)
                for (size_t c = 0; c < x->ncolumns && !figures; c++)
                    figures = x->rows[r].values[c] != JX_NO_AMOUNT;
            if (!figures)
                jx_report_disclosure(ctx, d, x->page, x->line, x->title,
                                     "表「%s」（第%d页）没有数字，也没有空表说明（如“本表无数据”及原因）",
                                     x->title, x->page);
        }
    }
}

const jx_rule jx_rule_final_toc = {
    "final-toc", JX_SEV_ERROR, JX_DIM_COMPLETENESS,
    "目录所列决算表缺失，或空表无说明",
    "部门决算公开：九张决算表均应公开；无数据的表保留表格并在表下作空表说明",
    {{NULL, 0, NULL}}, NULL, check, JX_SCOPE_DISCLOSURE,
};
