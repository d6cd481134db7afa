/*
** narrative-link: in a department disclosure every project narrative
** (…项目经费情况说明) has its target table and every target table its
** narrative, matched by project name.
*/
#include <string.h>

#include "budget_util.h"

/* Narratives without a table, tables without a narrative. */
static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        jx_bu_at at, *anchor = &at;
        if (!jx_bu_at_of(forms, d, &at)) continue;
        if (d->nnarratives == 0) continue;   /* not a disclosure with narratives */
        for (size_t i = 0; i < d->nnarratives; i++)
            if (!d->narratives[i].form && !d->narratives[i].linked) {
                jx_bu_report(ctx, anchor, d->narratives[i].line, "narrative",
                          "经费情况说明「%s」（第%ld行）没有同名项目的绩效目标表",
                          d->narratives[i].title, d->narratives[i].line);
                jx_report_scope_disclosure(ctx, d->file);   /* the document's fault, not the anchor's */
            }
        for (size_t i = 0; i < forms->count; i++) {
            const jx_form *f = forms->items[i];
            if (!f->file || strcmp(f->file, d->file) != 0) continue;
            if (!jx_disclosure_narrative_of(d, f))
                jx_report(ctx, f, f->line, "narrative",
                          "绩效目标表「%s」（第%ld行）没有同名项目的经费情况说明", f->name ? f->name : "",
                          f->line);
        }
    }
}

const jx_rule jx_rule_narrative_link = {
    "narrative-link", JX_SEV_WARNING, JX_DIM_COMPLETENESS,
    "项目经费情况说明与绩效目标表不配套",
    "部门预算公开：每个编报绩效目标的项目应同时公开经费情况说明和绩效目标表",
    {{NULL, 0, NULL}}, NULL, check, JX_SCOPE_FORM,
};
