/*
** copied-block: a form whose indicator rows (name + target) are, nearly
** all, another project's. Near-linear: the copy index (copy_index.c) maps a
** row signature to the forms holding it; signatures shared by very many
** forms (boilerplate such as 预算执行率 | ≥95%) are skipped, so no pairwise
** pass over forms, and no form but the one checked is held.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rule_util.h"
#include "jixiao/util.h"

/*
** Form f against every other through the copy index: count, per other form,
** the rows of f (not boilerplate) it also carries, and report the best one
** when it covers min_share of f's distinct rows.
*/
static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    jx_copy_index *ix = ctx->copies;
    double min_share = jx_rule_param_value(ctx, "min_share");
    size_t min_rows = (size_t)jx_rule_param_value(ctx, "min_rows");
    size_t max_common = (size_t)jx_rule_param_value(ctx, "max_forms_per_row");
    size_t k = jx_copy_index_ordinal(ix, f->id);
    if (k == (size_t)-1 || ix->nrows == 0 || ix->distinct[k] < min_rows) return;
    uint32_t *common = ix->common, *touched = ix->touched;
    size_t ntouched = 0;
    for (size_t r = ix->start[k]; r < ix->start[k + 1]; r++) {
        size_t first, df, n = jx_copy_index_postings(ix, r, &first, &df);
        if (df > max_common) continue;
        size_t last = (size_t)-1;
        for (size_t j = first; j < first + n; j++) {
            size_t o = jx_copy_index_form_of(ix, ix->post_row[j]);
            if (o == last) continue;   /* a row repeated within one form */
            last = o;
            if (o == k) continue;
            if (common[o]++ == 0) touched[ntouched++] = (uint32_t)o;
        }
    }
    size_t best = 0, best_common = 0;
    for (size_t t = 0; t < ntouched; t++) {
        size_t o = touched[t];
        const char *oname = ix->name[o];
        int same_project = oname && f->name && !strcmp(oname, f->name);
        if (!same_project && common[o] > best_common) { best = o; best_common = common[o]; }
    }
    double share = (double)best_common / (double)ix->distinct[k];
    if (best_common && share >= min_share)
        jx_report(ctx, f, f->line, "indicators",
                  "%u项指标中有%zu项（%.0f%%）与项目“%s”（%s:%ld）的指标名称和指标值完全相同",
                  ix->distinct[k], best_common, 100.0 * share, ix->name[best] ? ix->name[best] : "(null)",
                  ix->file[best], ix->line[best]);
    for (size_t t = 0; t < ntouched; t++) common[touched[t]] = 0;
}

const jx_rule jx_rule_copied_block = {
    "copied-block", JX_SEV_WARNING, JX_DIM_RELEVANCE,
    "指标与其他项目雷同",
    "财预〔2021〕101号：绩效指标应与项目的具体内容相关，不能照搬其他项目",
    {{"min_share", 0.8, "与同一个其他项目相同的指标占比达到此值即报告"},
     {"min_rows", 5, "指标少于此数的表不判断"},
     {"max_forms_per_row", 50, "出现在超过此数个表中的通用指标不计入"},
     {NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
