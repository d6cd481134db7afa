/*
** copied-rows: a run of at least three consecutive indicator rows, name and
** target identical, that another form carries in the same order: three to
** seven rows lifted from another project of the same document, of the same
** unit in another year, or from anywhere in the store. copied-block catches
** whole copied forms; this catches the partial copy.
**
** Near-linear: the copy index (copy_index.c) from row signature (FNV-1a of
** name and target) to its postings (form, position), so no form but the one
** checked is held; a run can only start at a row whose
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

/* Row r of the index for this rule: 0 for a row without name or target (never matched). */
static uint64_t sig_of(const jx_copy_index *ix, size_t r)
{
    return jx_copy_index_match(ix, r);
}

/* 1 when form a (ordinal ia) is later than form b: the copy of the pair. */
static int later(const jx_copy_index *ix, size_t ia, size_t ib)
{
    int ya = ix->year[ia], yb = ix->year[ib];
    if (ya && yb && ya != yb) return ya > yb;
    return ia > ib;
}

/*
** 1 when row i of f counts toward a run: distinctive (carried by at most
** max_df forms) and in a national category (成本/产出/效益/满意度). Rows
** outside them are the template's management checklist (投入和管理:
** 财务管理制度健全性 健全 …), prescribed, not copied.
*/
static int counts(const jx_form *f, size_t i, size_t df, size_t max_df)
{
    const jx_indicator *ind = &f->indicators[i];
    if (df > max_df || !ind->category) return 0;
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

/* Share of form a's rows (with a signature) that form b also carries: O((na + nb) log nb). */
static double shared_share(const jx_copy_index *ix, size_t a, size_t b)
{
    size_t nb = ix->start[b + 1] - ix->start[b];
    uint64_t *sorted = jx_xmalloc((nb + 1) * sizeof *sorted);
    for (size_t j = 0; j < nb; j++) sorted[j] = sig_of(ix, ix->start[b] + j);
    qsort(sorted, nb, sizeof *sorted, sig_cmp);
    size_t rows = 0, common = 0;
    for (size_t r = ix->start[a]; r < ix->start[a + 1]; r++) {
        uint64_t s = sig_of(ix, r);
        if (!s) continue;
        rows++;
        common += bsearch(&s, sorted, nb, sizeof *sorted, sig_cmp) != NULL;
    }
    free(sorted);
    return rows ? (double)common / (double)rows : 0;
}

/* Form fa against every other through the copy index (see the top of the file). */
static void check(const jx_rule_ctx *ctx, const jx_form *fa)
{
    const jx_copy_index *ix = ctx->copies;
    size_t min_rows = (size_t)jx_rule_param_value(ctx, "min_rows");
    size_t max_df = (size_t)jx_rule_param_value(ctx, "max_forms_per_row");
    double max_share = jx_rule_param_value(ctx, "min_share");
    size_t a = jx_copy_index_ordinal(ix, fa->id);
    if (a == (size_t)-1 || ix->nrows == 0 || min_rows == 0) return;
    size_t na = fa->nindicators, sa = ix->start[a];
    if (na != ix->start[a + 1] - sa) return;   /* not the form the index holds */
    unsigned char *covered = jx_xcalloc(na + 1, 1);
    /* Each row's postings, looked up once: the runs below ask again and again. */
    size_t *pfirst = jx_xcalloc(na + 1, sizeof *pfirst), *pn = jx_xcalloc(na + 1, sizeof *pn),
           *pdf = jx_xcalloc(na + 1, sizeof *pdf);
    for (size_t i = 0; i < na; i++)
        if (sig_of(ix, sa + i)) pn[i] = jx_copy_index_postings(ix, sa + i, &pfirst[i], &pdf[i]);
    for (size_t i = 0; i < na; i++) {
        uint64_t s = sig_of(ix, sa + i);
        if (!s || covered[i]) continue;
        size_t first = pfirst[i], df = pdf[i], n = pn[i];
        if (df < 2 || !counts(fa, i, df, max_df)) continue;   /* alone, or boilerplate */
        for (size_t h = first; h < first + n && !covered[i]; h++) {
            size_t row = ix->post_row[h], b = jx_copy_index_form_of(ix, row), j = row - ix->start[b];
            if (b == a) continue;
            if (!later(ix, a, b)) continue;
            if (fa->name && ix->name[b] && !strcmp(fa->name, ix->name[b])) continue;
            size_t sb = ix->start[b], nb = ix->start[b + 1] - sb;
            /* The run starts where the rows before differ. Boilerplate rows
               before i belong to it; a distinctive one means an earlier
               start that is (or was) looked at from that row. */
            size_t back = 0;
            int earlier = 0;
            while (back < i && back < j && sig_of(ix, sa + i - back - 1) &&
                   sig_of(ix, sa + i - back - 1) == sig_of(ix, sb + j - back - 1)) {
                if (counts(fa, i - back - 1, pdf[i - back - 1], max_df)) {
                    earlier = 1;
                    break;
                }
                back++;
            }
            if (earlier) continue;
            size_t i0 = i - back, j0 = j - back, len = 0, counted = 0;
            while (i0 + len < na && j0 + len < nb && sig_of(ix, sa + i0 + len) &&
                   sig_of(ix, sa + i0 + len) == sig_of(ix, sb + j0 + len)) {
                if (counts(fa, i0 + len, pdf[i0 + len], max_df)) counted++;
                len++;
            }
            if (counted < min_rows) continue;
            if ((double)len >= max_share * (double)na || shared_share(ix, a, b) >= max_share)
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
                      ix->name[b] ? ix->name[b] : "", ix->file[b], ix->line[b], jx_copy_index_line(ix, sb + j0),
                      jx_copy_index_line(ix, sb + j0 + len - 1), names.data);
            jx_suggest(ctx, "按本项目的内容和资金重新设定这%zu项指标，或说明与“%s”共用的理由", len,
                       ix->name[b] ? ix->name[b] : "");
            jx_buf_free(&names);
            jx_buf_free(&where);
        }
    }
    free(covered);
    free(pfirst);
    free(pn);
    free(pdf);
}

const jx_rule jx_rule_copied_rows = {
    "copied-rows", JX_SEV_WARNING, JX_DIM_RELEVANCE,
    "连续多项指标照搬其他项目",
    "财预〔2021〕101号：绩效指标应与项目的具体内容和资金相关，不能照搬其他项目",
    {{"min_rows", 3, "连续相同且非通用的指标达到此数即报告"},
     {"max_forms_per_row", 5, "出现在超过此数个表中的通用指标不计数、不作起点"},
     {"min_share", 0.8, "占本表指标达到此比例的照搬由copied-block报告"},
     {NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
