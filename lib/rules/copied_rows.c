/*
** copied-rows: a run of at least three consecutive indicator rows, name and
** target identical, that another form carries in the same order: three to
** seven rows lifted from another project of the same document, of the same
** unit in another year, or from anywhere in the store. copied-block catches
** whole copied forms; this catches the partial copy.
**
** Near-linear: an index from row signature (FNV-1a of name and target) to
** its postings (form, position); a run can only start at a row whose
** signature is distinctive, so the pairs looked at are bounded by the
** postings of distinctive rows, never all pairs of forms. Boilerplate is
** discounted by document frequency: a row carried by more than
** max_forms_per_row forms (预算执行率 ≥95%, 满意度 ≥90%) does not break a run
** but does not count toward min_rows, and never starts one; nor do rows
** of the template's management checklist (outside the national categories,
** under a …管理 level 2 other than 长效管理, or process measures).
**
** Invariant: each pair of forms is reported once, on the later form (the
** copy: later year, else later in the store), naming the earlier one; rows of
** a form already reported in one run are not reported again against another
** form. Forms with the same project name (the same project another year)
** are left out, as in copied-block. A run covering min_share or more of the
** form is copied-block's finding.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rule_util.h"
#include "jixiao/util.h"

/* FNV-1a of an indicator row; 0 for a row without name or target (never matched). */
static uint64_t row_sig(const jx_indicator *ind)
{
    if (!ind->name || !*ind->name || !ind->target || !*ind->target) return 0;
    uint64_t h = 1469598103934665603ULL;
    const char *parts[2] = {ind->name, ind->target};
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

typedef struct hit { size_t form, pos; } hit;
typedef struct posting { uint64_t sig; hit *hits; size_t n, cap; size_t df; size_t last_form; } posting;
typedef struct sig_index { posting *slots; size_t cap; } sig_index;

/* The posting of sig, created if absent (open addressing, linear probing). */
static posting *index_get(sig_index *ix, uint64_t sig)
{
    size_t i = (size_t)(sig % ix->cap);
    while (ix->slots[i].sig && ix->slots[i].sig != sig) i = (i + 1) % ix->cap;
    if (!ix->slots[i].sig) {
        ix->slots[i].sig = sig;
        ix->slots[i].last_form = (size_t)-1;
    }
    return &ix->slots[i];
}

/* 1 when form a is later than form b: the copy of the pair. */
static int later(const jx_form *a, size_t ia, const jx_form *b, size_t ib)
{
    if (a->year && b->year && a->year != b->year) return a->year > b->year;
    return ia > ib;
}

/*
** 1 when row i of f counts toward a run: distinctive (carried by at most
** max_df forms) and in a national category (成本/产出/效益/满意度). Rows
** outside them are the template's management checklist (投入和管理:
** 财务管理制度健全性 健全 …), prescribed, not copied.
*/
static int counts(const jx_form *f, size_t i, const posting *p, size_t max_df)
{
    const jx_indicator *ind = &f->indicators[i];
    if (p->df > max_df || !ind->category) return 0;
    /* 管理目标 / 财务管理 rows filed under 效果 are the same checklist */
    if (ind->level2 && strstr(ind->level2, "管理") && !strstr(ind->level2, "长效")) return 0;
    jx_measure m;
    jx_measure_classify(ind, &m);
    return m.cls != JX_MEASURE_PROCESS;
}

static int sig_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Share of a's rows (with a signature) that b also carries: O((na + nb) log nb). */
static double shared_share(const uint64_t *sa, size_t na, const uint64_t *sb, size_t nb)
{
    uint64_t *sorted = jx_xmalloc((nb + 1) * sizeof *sorted);
    memcpy(sorted, sb, nb * sizeof *sorted);
    qsort(sorted, nb, sizeof *sorted, sig_cmp);
    size_t rows = 0, common = 0;
    for (size_t i = 0; i < na; i++) {
        if (!sa[i]) continue;
        rows++;
        common += bsearch(&sa[i], sorted, nb, sizeof *sorted, sig_cmp) != NULL;
    }
    free(sorted);
    return rows ? (double)common / (double)rows : 0;
}

static void check_all(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    size_t min_rows = (size_t)jx_rule_param_value(ctx, "min_rows");
    size_t max_df = (size_t)jx_rule_param_value(ctx, "max_forms_per_row");
    double max_share = jx_rule_param_value(ctx, "min_share");
    size_t total = 0;
    for (size_t k = 0; k < forms->count; k++) total += forms->items[k]->nindicators;
    if (total == 0 || min_rows == 0) return;
    uint64_t **sigs = jx_xcalloc(forms->count, sizeof *sigs);
    sig_index ix = {jx_xcalloc(total * 2 + 1, sizeof *ix.slots), total * 2 + 1};
    for (size_t k = 0; k < forms->count; k++) {
        const jx_form *f = forms->items[k];
        sigs[k] = jx_xcalloc(f->nindicators + 1, sizeof **sigs);
        for (size_t i = 0; i < f->nindicators; i++) {
            uint64_t s = row_sig(&f->indicators[i]);
            sigs[k][i] = s;
            if (!s) continue;
            posting *p = index_get(&ix, s);
            if (p->last_form != k) { p->df++; p->last_form = k; }
            if (p->n == p->cap) {
                p->cap = p->cap ? p->cap * 2 : 4;
                p->hits = jx_xrealloc(p->hits, p->cap * sizeof *p->hits);
            }
            p->hits[p->n++] = (hit){k, i};
        }
    }
    for (size_t a = 0; a < forms->count; a++) {
        const jx_form *fa = forms->items[a];
        size_t na = fa->nindicators;
        unsigned char *covered = jx_xcalloc(na + 1, 1);
        for (size_t i = 0; i < na; i++) {
            if (!sigs[a][i] || covered[i]) continue;
            posting *p = index_get(&ix, sigs[a][i]);
            if (p->df < 2 || !counts(fa, i, p, max_df)) continue;   /* alone, or boilerplate */
            for (size_t h = 0; h < p->n && !covered[i]; h++) {
                size_t b = p->hits[h].form, j = p->hits[h].pos;
                if (b == a) continue;
                const jx_form *fb = forms->items[b];
                if (!later(fa, a, fb, b)) continue;
                if (fa->name && fb->name && !strcmp(fa->name, fb->name)) continue;
                /* The run starts where the rows before differ. Boilerplate rows
                   before i belong to it; a distinctive one means an earlier
                   start that is (or was) looked at from that row. */
                size_t back = 0;
                int earlier = 0;
                while (back < i && back < j && sigs[a][i - back - 1] &&
                       sigs[a][i - back - 1] == sigs[b][j - back - 1]) {
                    if (counts(fa, i - back - 1, index_get(&ix, sigs[a][i - back - 1]), max_df)) {
                        earlier = 1;
                        break;
                    }
                    back++;
                }
                if (earlier) continue;
                size_t i0 = i - back, j0 = j - back, len = 0, counted = 0;
                while (i0 + len < na && j0 + len < fb->nindicators && sigs[a][i0 + len] &&
                       sigs[a][i0 + len] == sigs[b][j0 + len]) {
                    if (counts(fa, i0 + len, index_get(&ix, sigs[a][i0 + len]), max_df)) counted++;
                    len++;
                }
                if (counted < min_rows) continue;
                if ((double)len >= max_share * (double)na ||
                    shared_share(sigs[a], na, sigs[b], fb->nindicators) >= max_share)
                    continue;   /* the whole form is copied: copied-block's */
                jx_buf names = {0};
                for (size_t r = 0; r < len; r++) {
                    const jx_indicator *ind = &fa->indicators[i0 + r];
                    jx_buf_printf(&names, "%s“%s %s”", r ? "、" : "", ind->name, ind->target);
                    covered[i0 + r] = 1;
                }
                jx_buf where = {0};
                jx_buf_printf(&where, "indicators[%zu-%zu]", i0 + 1, i0 + len);
                jx_report(ctx, fa, fa->indicators[i0].line, where.data,
                          "第%ld—%ld行的%zu项指标（名称和指标值）与项目“%s”（%s:%ld，第%ld—%ld行）依次相同：%s",
                          fa->indicators[i0].line, fa->indicators[i0 + len - 1].line, len,
                          fb->name ? fb->name : "", fb->file, fb->line, fb->indicators[j0].line,
                          fb->indicators[j0 + len - 1].line, names.data);
                jx_suggest(ctx, "按本项目的内容和资金重新设定这%zu项指标，或说明与“%s”共用的理由", len,
                           fb->name ? fb->name : "");
                jx_buf_free(&names);
                jx_buf_free(&where);
            }
        }
        free(covered);
    }
    for (size_t i = 0; i < ix.cap; i++) free(ix.slots[i].hits);
    free(ix.slots);
    for (size_t k = 0; k < forms->count; k++) free(sigs[k]);
    free(sigs);
}

const jx_rule jx_rule_copied_rows = {
    "copied-rows", JX_SEV_WARNING, JX_DIM_RELEVANCE,
    "连续多项指标照搬其他项目",
    "财预〔2021〕101号：绩效指标应与项目的具体内容和资金相关，不能照搬其他项目",
    {{"min_rows", 3, "连续相同且非通用的指标达到此数即报告"},
     {"max_forms_per_row", 5, "出现在超过此数个表中的通用指标不计数、不作起点"},
     {"min_share", 0.8, "占本表指标达到此比例的照搬由copied-block报告"},
     {NULL, 0, NULL}}, NULL, check_all, JX_SCOPE_FORM,
};
