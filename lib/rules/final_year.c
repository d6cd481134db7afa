/*
** final-year: a year a heading or a dated statement (截至…年12月31日) of a
** final-accounts disclosure names must be the document's year (its cover's
** …2024年度部门决算). Prose comparing with last year (与2023年度相比) is not a
** heading and is not judged.
*/
#include <string.h>

#include "final_util.h"

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        if (!jx_fu_checked(d) || !d->year) continue;
        for (size_t i = 0; i < d->nstatements; i++) {
            const jx_statement *s = &d->statements[i];
            if (s->kind != JX_STMT_YEAR || s->count == d->year) continue;
            jx_report_disclosure(ctx, d, s->page, s->line, s->subject,
                                 "%s“%s”写的是%ld年，而本文件是%d年度部门决算", strcmp(s->subject, "截至") ? "标题" : "截至日期",
                                 s->text, s->count, d->year);
        }
    }
}

const jx_rule jx_rule_final_year = {
    "final-year", JX_SEV_ERROR, JX_DIM_COMPLETENESS,
    "标题或截至日期的年度与决算年度不符",
    "部门决算公开：各部分标题、表头及资产截至日期应为决算所属年度",
    {{NULL, 0, NULL}}, NULL, check, JX_SCOPE_DISCLOSURE,
};
