/*
** copied-block: a form whose indicator rows (name + target) are, nearly
** all, another project's. Near-linear: an inverted index from row signature
** to the forms holding it; signatures shared by very many forms (boilerplate
** such as 预算执行率 | ≥95%) are skipped, so no pairwise pass over forms.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rule_util.h"
#include "jixiao/util.h"

/* FNV-1a of an indicator row; never 0 (0 marks an empty slot). */
static uint64_t row_signature(const jx_indicator *ind)
{
    uint64_t h = 1469598103934665603ULL;
    const char *parts[2] = {ind->name ? ind->name : "", ind->target ? ind->target : ""};
    for (int p = 0; p < 2; p++) {
        for (const unsigned char *s = (const unsigned char *)parts[p]; *s; s++) {
            h ^= *s;
            h *= 1099511628211ULL;
        }
        h ^= 0x1f;
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

typedef struct posting { uint64_t sig; size_t *forms; size_t n, cap; } posting;

typedef struct sig_index { posting *slots; size_t cap; } index_t;

/* The posting of sig, created if absent (open addressing, linear probing). */
static posting *index_get(index_t *ix, uint64_t sig)
{
    size_t i = (size_t)(sig % ix->cap);
    while (ix->slots[i].sig && ix->slots[i].sig != sig) i = (i + 1) % ix->cap;
    ix->slots[i].sig = sig;
    return &ix->slots[i];
}

static void posting_add(posting *p, size_t form)
{
    if (p->n && p->forms[p->n - 1] == form) return;   /* a row repeated within one form */
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 4;
        p->forms = jx_xrealloc(p->forms, p->cap * sizeof *p->forms);
    }
    p->forms[p->n++] = form;
}

static void check_all(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    double min_share = jx_rule_param_value(ctx, "min_share");
    size_t min_rows = (size_t)jx_rule_param_value(ctx, "min_rows");
    size_t max_common = (size_t)jx_rule_param_value(ctx, "max_forms_per_row");
    size_t total = 0;
    for (size_t k = 0; k < forms->count; k++) total += forms->items[k]->nindicators;
    if (total == 0) return;
    index_t ix = {jx_xcalloc(total * 2 + 1, sizeof *ix.slots), total * 2 + 1};
    size_t *rows = jx_xcalloc(forms->count, sizeof *rows);   /* distinct rows per form */
    for (size_t k = 0; k < forms->count; k++) {
        const jx_form *f = forms->items[k];
        for (size_t i = 0; i < f->nindicators; i++) {
            posting *p = index_get(&ix, row_signature(&f->indicators[i]));
            size_t before = p->n;
            posting_add(p, k);
            rows[k] += p->n > before;
        }
    }
    size_t *common = jx_xcalloc(forms->count, sizeof *common);
    size_t *touched = jx_xmalloc(forms->count * sizeof *touched);
    for (size_t k = 0; k < forms->count; k++) {
        const jx_form *f = forms->items[k];
        if (rows[k] < min_rows) continue;
        size_t ntouched = 0;
        for (size_t i = 0; i < f->nindicators; i++) {
            posting *p = index_get(&ix, row_signature(&f->indicators[i]));
            if (p->n > max_common) continue;
            for (size_t j = 0; j < p->n; j++) {
                size_t o = p->forms[j];
                if (o == k) continue;
                if (common[o]++ == 0) touched[ntouched++] = o;
            }
        }
        size_t best = 0, best_common = 0;
        for (size_t t = 0; t < ntouched; t++) {
            size_t o = touched[t];
            const char *oname = forms->items[o]->name;
            int same_project = oname && f->name && !strcmp(oname, f->name);
            if (!same_project && common[o] > best_common) { best = o; best_common = common[o]; }
        }
        double share = (double)best_common / (double)rows[k];
        if (best_common && share >= min_share) {
            const jx_form *o = forms->items[best];
            jx_report(ctx, f, f->line, "indicators",
                      "%zu项指标中有%zu项（%.0f%%）与项目“%s”（%s:%ld）的指标名称和指标值完全相同",
                      rows[k], best_common, 100.0 * share, o->name, o->file, o->line);
        }
        for (size_t t = 0; t < ntouched; t++) common[touched[t]] = 0;
    }
    for (size_t i = 0; i < ix.cap; i++) free(ix.slots[i].forms);
    free(ix.slots);
    free(rows);
    free(common);
    free(touched);
}

const jx_rule jx_rule_copied_block = {
    "copied-block", JX_SEV_WARNING, JX_DIM_RELEVANCE,
    "指标与其他项目雷同",
    "财预〔2021〕101号：绩效指标应与项目的具体内容相关，不能照搬其他项目",
    {{"min_share", 0.8, "与同一个其他项目相同的指标占比达到此值即报告"},
     {"min_rows", 5, "指标少于此数的表不判断"},
     {"max_forms_per_row", 50, "出现在超过此数个表中的通用指标不计入"},
     {NULL, 0, NULL}}, NULL, check_all, JX_SCOPE_FORM,
};
