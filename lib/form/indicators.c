/*
** indicators.c - the indicator tree of one form, from its table rows.
**
** Rows arrive as the converter left them: merged cells empty, cells shifted
** by page breaks, page labels ("绩效 指标") mixed in, level-2 names split
** ("服务对象满意度" | "指标"). Each row is read by what its cells are:
**   - the last non-empty cell is the target, unless it is a category term;
**   - a term of the form's framework at level 1 is level 1, at level 2 is
**     level 2; the remaining cells are the name; a term of both levels
**     (成本指标) is placed by its column when the row's target is in the
**     target column, else by the carried level 1;
**   - empty levels carry the value above (the merged cell); a new level 1
**     starts with no level 2, the carried level 1 written again (repeated
**     at the top of a page, or centred in its block) keeps it;
**   - a level 2 that belongs, by the vocabulary, to another level 1 than the
**     carried one moves the row to the vocabulary's level 1, unless the row
**     itself writes a level 1 (then the document's word stands);
**   - a row with only a target completes the row above if that had none
**     (a page break split the row);
**   - rows at the top of the table with no level take the first level
**     written below them (a PDF centres a merged label in its span);
**   - then the level-1 blocks are settled at once (settle_blocks): a merged
**     level-1 cell holds whole level-2 blocks, and its label is printed on
**     its top row or, by a PDF or a converter, on its middle row. Each label
**     owns a run of level-2 groups around it; where the runs meet is chosen
**     so that (1) every level 2 the framework knows sits under a level 1
**     that admits it, then (2) each label is where the document prints its
**     labels: centred in its block when the table shows it (rows above the
**     first label, a label inside a level-2 block), else on the top row,
**     then (3) rows without a level 2 are not mixed into a block of level-2
**     rows, and a label on the centre row of an odd block beats one between
**     the two middle rows of an even block (ties where a centred label fits
**     two block sizes: shanghai-2019's 满意度 under 效果 or 影响力). A
**     level 2 neither neighbour admits keeps the level 1 the vocabulary
**     gave it; a level 2 continued across a centred label keeps its rows;
**   - a row writing a level 1 and nothing else (产出指标 on a row of its
**     own) opens the block of the rows below it, as a merged cell on their
**     top row would: settle_blocks starts that label's block at the next
**     row, whatever place costs say, unless the vocabulary puts rows above
**     it under it (a 二级 the label above refuses) or the table centres its
**     labels (rows above the first label, a label inside a 二级 block):
**     then the row is the label of a merged cell printed at the middle of
**     its block, on a line of its own, and is placed as the other labels;
**   - a level label split down its merged block (产出 / 指标 on the next
**     row, in the level's own column) is completed, also for the rows
**     already under it and for settle_blocks; spaces inside a level label
**     (效益 指标) are dropped, and in a category word the vocabulary does
**     not know the space before its 指标/目标 suffix (结果 目标);
**   - a piece of an outer label column (绩效 of 绩效 / 指标) left of a
**     row's cells is not data.
**   - a cell with the words of the row's level 2 but other wording
**     (服务对象满意度 under 服务对象满意度指标), just before the target and
**     with no name yet, is the name.
** Invariant: every indicator has a name or a target, or is a declared level 2
** left empty (a row writing its level 2 and nothing else: name and target
** NULL, kept so the form round-trips and review can flag it); a level 1 written in
** the table is never replaced by one it does not write, except by the
** vocabulary (a level 2 under the level 1 that admits it).
*/
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "jixiao/util.h"
#include "jixiao/value.h"
#include "vocab.h"
#include "form.h"

/* A level cell holding only this is the tail of a level-2 name split by a page break. */
static const char *const fragment_keys[] = {"指标", "目标", NULL};

typedef struct cell {
    const char *text;
    int col;
    char *core;
    int is1, is2;       /* a level-1 / level-2 term of the framework */
} cell;

/*
** The data cells of a row: non-empty, not page furniture. *fragment is set
** when a split level-2 tail ("指标") was dropped. Returns the count; cells
** own their core strings (free with free_cells).
*/
#define MAX_FRAGS 8

/* 1 when key is the start, not the whole, of a page label (绩效 of 绩效指标). */
static int page_label_piece(const char *key)
{
    size_t n = strlen(key);
    for (size_t i = 0; jx_page_label_keys[i]; i++)
        if (n < strlen(jx_page_label_keys[i]) && !strncmp(key, jx_page_label_keys[i], n)) return 1;
    return 0;
}

static int data_cells(const jx_row *row, const char *fw, int extra_col, cell *out, int *fragment,
                      int *fragcols, int *nfrag)
{
    int n = 0;
    *fragment = 0;
    *nfrag = 0;
    int ncells = extra_col > 0 && extra_col < row->ncells ? extra_col : row->ncells;
    for (int c = 0; c < ncells; c++) {
        const char *s = row->cells[c];
        if (!s[0]) continue;
        const char *key = jx_row_key(row, c);
        int skip = jx_key_listed(key, jx_page_label_keys), frag = jx_key_listed(key, fragment_keys);
        if (skip) continue;
        if (frag) {
            *fragment = 1;
            if (*nfrag < MAX_FRAGS) fragcols[(*nfrag)++] = c;
            continue;
        }
        /* a piece of an outer label column (绩效 / 指标 down the block), left of the row's cells */
        if (n == 0 && page_label_piece(key)) {
            int more = 0;
            for (int d = c + 1; d < ncells && !more; d++) more = row->cells[d][0] != '\0';
            if (more) continue;
        }
        cell *x = &out[n++];
        x->text = s;
        x->col = c;
        x->core = jx_vocab_core_of_key(key);
        x->is1 = jx_vocab_level1(fw, x->core) != NULL;
        x->is2 = jx_vocab_level2(fw, x->core, NULL) != NULL;
    }
    return n;
}

static void free_cells(cell *cells, int n)
{
    for (int i = 0; i < n; i++) free(cells[i].core);
}

/* The carried state of the tree while walking the rows. */
typedef struct carry {
    char *l1, *l1core;
    char *l2, *l2core;
    int l1col, l2col;       /* the columns they were written in, -1 when inferred */
    size_t l1from, l2from;  /* the first indicator under them */
} carry;

/* A level cell's text without the spaces a converter put inside it (效益 指标). */
static char *level_text(const char *text)
{
    char *t = jx_strdup(text), *o = t;
    for (const char *p = text; *p; p++)
        if (*p != ' ') *o++ = *p;
    *o = '\0';
    return t;
}

/* What the row walk knew of one indicator's levels, for settle_blocks. */
typedef struct rowinfo {
    char *l1, *l1core;   /* the level 1 the row wrote (written1), or the vocabulary gave its
                            level 2 where no label is printed; NULL when carried */
    int written1;
    int lone;            /* written1 by a row of its own above (产出指标 alone): its block starts here */
    int own2;            /* the row wrote its level 2 */
    char *l2, *l2core;   /* the last level 2 written at or above the row (not reset by a level 1) */
} rowinfo;

/* Replace *s by full when it equals old (a label being completed). */
static void complete_text(char **s, const char *old, const char *full)
{
    if (*s && !strcmp(*s, old)) { free(*s); *s = jx_strdup(full); }
}

/*
** A category word the vocabulary does not know, with the space a converter
** put before its 指标/目标 suffix dropped (结果 目标 → 结果目标); other spaces
** are the document's.
*/
static char *suffix_joined(const char *text)
{
    const char *const *suffixes = fragment_keys;
    size_t n = strlen(text);
    for (size_t i = 0; suffixes[i]; i++) {
        size_t k = strlen(suffixes[i]), sp = 0;
        if (n <= k || !jx_ends_with(text, suffixes[i])) continue;
        while (sp < n - k && text[n - k - 1 - sp] == ' ') sp++;
        if (!sp || sp == n - k) break;
        jx_buf b = {0};
        jx_buf_printf(&b, "%.*s%s", (int)(n - k - sp), text, suffixes[i]);
        return jx_buf_take(&b);
    }
    return jx_strdup(text);
}

/*
** A level label split down its merged block (产出 / 指标): the tail in the
** level's own column on a later row completes the carried label, the
** indicators already under it, what the row walk noted of them for
** settle_blocks (ri[0..nri)) and the last level 2 written (*raw2).
*/
static void complete_level(jx_form *form, int level, char **text, size_t from, const char *tail,
                           rowinfo *ri, size_t nri, char **raw2)
{
    if (!*text || jx_ends_with(*text, "指标") || jx_ends_with(*text, "目标")) return;
    jx_buf b = {0};
    jx_buf_puts(&b, *text);
    jx_buf_puts(&b, tail);
    char *full = jx_buf_take(&b);
    char *old = *text;
    for (size_t i = from; i < form->nindicators; i++) {
        jx_indicator *ind = &form->indicators[i];
        complete_text(level == 1 ? &ind->level1 : &ind->level2, old, full);
    }
    size_t first = from - (form->nindicators - nri);   /* ri[k] is indicator base + k */
    for (size_t i = first; i < nri; i++) complete_text(level == 1 ? &ri[i].l1 : &ri[i].l2, old, full);
    if (level == 2) complete_text(raw2, old, full);
    *text = full;
    free(old);
}

static void set2(char **text, char **core, const char *t, const char *c)
{
    free(*text); free(*core);
    *text = jx_strdup(t);
    *core = jx_strdup(c);
}

/* Which framework the table follows, from all its cells. */
static const char *detect_framework(const jx_row *const *rows, size_t nrows)
{
    size_t cap = 0, n = 0;
    for (size_t r = 0; r < nrows; r++) cap += (size_t)rows[r]->ncells;
    char **cores = jx_xmalloc((cap ? cap : 1) * sizeof *cores);
    for (size_t r = 0; r < nrows; r++)
        for (int c = 0; c < rows[r]->ncells; c++)
            if (rows[r]->cells[c][0]) cores[n++] = jx_vocab_core_of_key(jx_row_key(rows[r], c));
    const char *fw = jx_vocab_detect((const char *const *)cores, (int)n);
    for (size_t i = 0; i < n; i++) free(cores[i]);
    free(cores);
    return fw;
}

/* Join cells [from, to) of names with a space into a new string. */
static char *join_names(cell **names, int from, int to)
{
    if (from >= to) return NULL;
    jx_buf b = {0};
    for (int i = from; i < to; i++) {
        if (b.len) jx_buf_putc(&b, ' ');
        jx_buf_puts(&b, names[i]->text);
    }
    return jx_buf_take(&b);
}

/*
** 1 when text reads as an indicator's name rather than a target: no digit,
** and it ends in a measure word (…率, …数, …度, …性, …情况, …量). Targets
** without numbers are states (健全, 及时, 提升), not measures.
*/
static int looks_like_name(const char *text)
{
    static const char *const measures[] = {"率", "数", "度", "性", "情况", NULL};
    for (const char *p = text; *p; p++)
        if (*p >= '0' && *p <= '9') return 0;
    for (size_t i = 0; measures[i]; i++)
        if (jx_ends_with(text, measures[i])) return 1;
    return 0;
}

/*
** A PDF prints a merged cell's label in the middle of its span, so the rows
** above the label lose it. For the rows at the top of the table (nothing to
** carry yet) the first level written below is theirs.
*/
static void backfill_leading(jx_form *form)
{
    size_t first = 0;
    while (first < form->nindicators && !form->indicators[first].level1) first++;
    if (first == 0 || first == form->nindicators) return;
    const jx_indicator *src = &form->indicators[first];
    for (size_t i = 0; i < first; i++) {
        jx_indicator *ind = &form->indicators[i];
        if (ind->level2) continue;
        ind->level1 = jx_strdup(src->level1);
        ind->level2 = jx_strdup(src->level2);
        ind->category = jx_strdup(src->category);
    }
}

/* 1 when the carried level 1 admits core as one of its level 2s. */
static int admits(const char *fw, const char *l1core, const char *core)
{
    return l1core && jx_vocab_level2(fw, core, l1core) != NULL;
}


/*
** 1 when the framework knows core as a level 2 and l1core does not admit it.
** A level 2 that repeats its level 1 (成本指标 | 成本指标: no sub-category) is
** admitted.
*/
static int refuses(const char *fw, const char *l1core, const char *l2core)
{
    if (!l2core || (l1core && strcmp(l1core, l2core) == 0)) return 0;
    return jx_vocab_level2(fw, l2core, NULL) && !jx_vocab_level2(fw, l2core, l1core);
}

/*
** Cost of a block's label at row off of nrows: on the top row (top-printed
** tables), or on the middle row -- an even block has two (the label sits
** between them, an extractor prints it on either), and costs 1 against an
** odd block whose centre row holds the label.
*/
static long place_cost(int centred, long off, long nrows)
{
    if (!centred) return 4 * off;
    long a = labs(off - nrows / 2), b = labs(off - (nrows - 1) / 2);
    return 4 * (a < b ? a : b) + (nrows % 2 == 0);
}

/* 1 when two level-1 cores are one term (投入与管理 and 投入和管理 are 投入和管理目标). */
static int same_level1(const char *fw, const char *a, const char *b)
{
    if (strcmp(a, b) == 0) return 1;
    const jx_vocab_term *x = jx_vocab_level1(fw, a), *y = jx_vocab_level1(fw, b);
    return x && y && x->canonical && y->canonical && strcmp(x->canonical, y->canonical) == 0;
}

/* A level-1 label of the table: a run of rows writing (or inferred to) one level 1. */
typedef struct l1label {
    const char *text, *core;
    size_t first, last;   /* its first and last row */
    long pos;             /* the row it is printed on, -1 when only inferred (never printed) */
    int lone;             /* printed on a row of its own just above pos: its block starts at pos */
} l1label;

/*
** Settle which level-1 label owns each indicator of [base, base + n): see the
** file comment. Groups are runs of rows under one level 2; labels are the
** runs of rows writing one level 1 (the same level 1 written again, or
** inferred by the vocabulary where no label is printed, continues it). A
** dynamic programme over where each label's run of groups starts: O(labels
** × groups²).
*/
static void settle_blocks(jx_form *form, const char *fw, size_t base, const rowinfo *ri, size_t n)
{
    if (!fw || n < 2) return;
    l1label *lab = jx_xmalloc(n * sizeof *lab);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!ri[i].l1core) continue;
        if (m > 0 && same_level1(fw, lab[m - 1].core, ri[i].l1core)) {
            lab[m - 1].last = i;
            if (lab[m - 1].pos < 0 && ri[i].written1) {   /* the document's word */
                lab[m - 1].pos = (long)i;
                lab[m - 1].lone = ri[i].lone;
                lab[m - 1].text = ri[i].l1;
                lab[m - 1].core = ri[i].l1core;
            }
            continue;
        }
        lab[m++] = (l1label){ri[i].l1, ri[i].l1core, i, i, ri[i].written1 ? (long)i : -1,
                             ri[i].written1 && ri[i].lone};
    }
    int printed = 0;
    for (size_t j = 0; j < m; j++) printed |= lab[j].pos >= 0;
    if (!printed) { free(lab); return; }
    /* centred: rows above the first printed label (a page break can put a later label
       below rows of its block: only the first counts), or a printed label inside a
       level-2 block it admits */
    int centred = 0;
    for (size_t j = 0; j < m && !centred; j++) {
        if (lab[j].pos < 0) continue;
        centred = lab[j].pos > 0;
        break;
    }
    for (size_t j = 0; j < m && !centred; j++) {
        long i = lab[j].pos;
        if (i > 0 && !ri[i].own2 && ri[i - 1].l2core &&
            jx_vocab_level2(fw, ri[i - 1].l2core, lab[j].core) != NULL)
            centred = 1;
    }
    /* groups: gstart[g] their first row; eff[g] the row whose level 2 they hold, or -1 */
    size_t *gstart = jx_xmalloc((n + 1) * sizeof *gstart), *gof = jx_xmalloc(n * sizeof *gof);
    long *eff = jx_xmalloc(n * sizeof *eff);
    size_t G = 0, nextlab = 0;
    for (size_t i = 0; i < n; i++) {
        while (nextlab < m && (lab[nextlab].pos < 0 ? lab[nextlab].last < i
                                                    : lab[nextlab].pos < (long)i))
            nextlab++;
        int is_label = nextlab < m && lab[nextlab].pos == (long)i;
        int start = i == 0 || !ri[i].l2core || !ri[i - 1].l2core ||
                    strcmp(ri[i].l2core, ri[i - 1].l2core) != 0;
        int own_l2_group = ri[i].l2core != NULL;
        if (!start && is_label && lab[nextlab].lone && !centred) {
            start = 1;           /* the label's own row above opens its block */
            own_l2_group = ri[i].own2;
        } else if (!start && is_label && !ri[i].own2 &&
            (!centred || refuses(fw, ri[i].l1core, ri[i].l2core))) {
            start = 1;           /* the label opens a block without a level 2 */
            own_l2_group = 0;
        }
        if (start) {
            gstart[G] = i;
            eff[G] = own_l2_group ? (long)i : -1;
            G++;
        } else if (eff[G - 1] < 0 && ri[i].own2) {
            eff[G - 1] = (long)i;
        }
        gof[i] = G - 1;
    }
    gstart[G] = n;
    /* F[j][a]: least cost of blocks j..m-1 when block j starts at group a; choice in B */
    long *F = jx_xmalloc(m * (G + 1) * sizeof *F);
    size_t *B = jx_xmalloc(m * (G + 1) * sizeof *B);
    const long INF = 1L << 40;
    for (size_t j = m; j-- > 0;) {
        size_t lo = j == 0 ? 0 : gof[lab[j - 1].last] + 1, hi = j == 0 ? 0 : gof[lab[j].first];
        /* a label row of its own opens the block below it (a cost, so that the
           vocabulary still outranks it), unless the table centres its labels:
           then it is printed at the middle of its block as any label */
        int lone = lab[j].lone && j > 0 && !centred;
        for (size_t a = 0; a <= G; a++) F[j * (G + 1) + a] = INF;
        for (size_t a = lo; a <= hi; a++) {
            size_t blo = gof[lab[j].last] + 1, bhi = j + 1 < m ? gof[lab[j + 1].first] : G;
            if (j + 1 == m) blo = G;
            for (size_t b = blo; b <= bhi; b++) {
                long rest = j + 1 < m ? F[(j + 1) * (G + 1) + b] : 0;
                if (rest >= INF) continue;
                long c = 0;
                int with2 = 0, without2 = 0;
                for (size_t g = a; g < b; g++) {
                    if (eff[g] >= 0 && refuses(fw, lab[j].core, ri[eff[g]].l2core)) c += 1000;
                    if (eff[g] >= 0) with2 = 1;
                    else without2 = 1;
                }
                if (lone) c += a == gof[lab[j].pos] ? 0 : 500;
                else if (lab[j].pos >= 0 && !(lab[j].lone && !centred))
                    c += place_cost(centred, lab[j].pos - (long)gstart[a], (long)(gstart[b] - gstart[a]));
                /* a tie of places: rows without a level 2 go together, not into a level-2 block */
                c += 2 * (with2 && without2);
                if (c + rest < F[j * (G + 1) + a]) {
                    F[j * (G + 1) + a] = c + rest;
                    B[j * (G + 1) + a] = b;
                }
            }
        }
    }
    if (F[0] < INF) {
        size_t a = 0;
        for (size_t j = 0; j < m; j++) {
            size_t b = B[j * (G + 1) + a];
            const l1label *L = &lab[j];
            for (size_t g = a; g < b; g++) {
                const rowinfo *E = eff[g] >= 0 ? &ri[eff[g]] : NULL;
                if (E && refuses(fw, L->core, E->l2core)) continue;   /* the vocabulary's */
                for (size_t i = gstart[g]; i < gstart[g + 1]; i++) {
                    jx_indicator *ind = &form->indicators[base + i];
                    free(ind->level1);
                    ind->level1 = jx_strdup(L->text);
                    if (E && !ind->level2) ind->level2 = jx_strdup(E->l2);   /* continued */
                    char *l2core = ind->level2 ? jx_vocab_core(ind->level2) : NULL;
                    free(ind->category);
                    ind->category = jx_strdup(jx_vocab_category(fw, L->core, l2core));
                    free(l2core);
                }
            }
            a = b;
        }
    }
    free(F); free(B); free(gstart); free(gof); free(eff); free(lab);
}

jx_status jx_classify_indicators(jx_form *form, const jx_row *const *rows,
                                 size_t nrows, int target_col, int extra_col)
{
    const char *fw = detect_framework(rows, nrows);
    free(form->framework);
    form->framework = jx_strdup(fw);
    carry k = {0};
    k.l1col = k.l2col = -1;
    int maxcells = 1;
    for (size_t r = 0; r < nrows; r++)
        if (rows[r]->ncells > maxcells) maxcells = rows[r]->ncells;
    cell *cells = jx_xmalloc((size_t)maxcells * sizeof *cells);
    cell **names = jx_xmalloc((size_t)maxcells * sizeof *names);
    size_t base = form->nindicators, nri = 0;
    rowinfo *ri = jx_xmalloc((nrows ? nrows : 1) * sizeof *ri);
    char *raw2 = NULL, *raw2core = NULL;   /* the last level 2 written, never reset */
    char *lone1 = NULL;   /* core of a level 1 written on a row of its own, until the next indicator */

    for (size_t r = 0; r < nrows; r++) {
        const jx_row *row = rows[r];
        int fragment, fragcols[MAX_FRAGS], nfrag;
        int n = data_cells(row, fw, extra_col, cells, &fragment, fragcols, &nfrag);
        if (n == 0 && nfrag == 0) continue;

        /* The target: the last cell, unless it names a category. */
        int t = -1;
        if (n >= 2 && !cells[n - 1].is1 && !cells[n - 1].is2) {
            /* Categories then a measure name: the target is missing. */
            int all_terms = 1;
            for (int i = 0; i < n - 1; i++) all_terms &= cells[i].is1 || cells[i].is2;
            if (!(all_terms && looks_like_name(cells[n - 1].text))) t = n - 1;
        } else if (n == 1 && !cells[0].is1 && !cells[0].is2) {
            jx_value v;
            jx_value_parse(cells[0].text, &v);
            if (cells[0].col >= target_col || v.kind == JX_KIND_QUANTITATIVE) t = 0;
        }
        int nprefix = t >= 0 ? t : n;
        /* Text left of a row's level 1 is the block's outer label ("绩效" of a split "绩效 指标"). */
        int skip = 0;
        for (int i = 0; i < nprefix && !skip; i++) {
            if (cells[i].is1 || cells[i].is2) {
                if (cells[i].is1 && i > 0 && i + 1 < nprefix && cells[i + 1].is2) skip = i;
                break;
            }
        }

        /* Levels and name among the cells before the target. */
        int aligned = t >= 0 && cells[t].col == target_col;
        cell *l1 = NULL, *l2 = NULL;
        int nnames = 0;
        for (int i = skip; i < nprefix; i++) {
            cell *c = &cells[i];
            int first = !l1 && !l2 && nnames == 0;
            if (c->is1 && c->is2) {
                /* 成本: level 1 of 2021, level 2 under 产出 in 2015-style forms */
                int next2 = i + 1 < nprefix && cells[i + 1].is2;
                const char *parent = l1 ? l1->core : k.l1core;
                /* In a row whose target is in the target column (not shifted by a
                   page break), the column tells: three left of it level 1, two left level 2. */
                int in_col1 = aligned && c->col == target_col - 3;
                /* alone on its row in the level-1 column: a label of a row of its own */
                int lone_col1 = t < 0 && n == 1 && target_col >= 3 && c->col == target_col - 3;
                int in_col2 = aligned && c->col == target_col - 2 && !l2 && nnames == 0;
                if (first && next2) l1 = c;
                else if (first && (in_col1 || lone_col1)) l1 = c;
                else if (!l2 && nnames == 0 && admits(fw, parent, c->core)) l2 = c;
                else if (first && in_col2 && !l1) l2 = c;
                else if (first) l1 = c;
                else names[nnames++] = c;
            } else if (c->is1 && first) {
                l1 = c;
            } else if (c->is2 && !l2 && nnames == 0) {
                l2 = c;
            } else if (c->is2 && l2 && strcmp(c->core, l2->core) == 0 &&
                       (strcmp(c->text, l2->text) == 0 || nnames > 0 || i + 1 < nprefix)) {
                continue;   /* the same level 2 repeated across a page break */
            } else {
                names[nnames++] = c;
            }
        }
        /* Unknown category words: with two names, the first is the level 2. */
        const char *unknown_l2 = NULL;
        int name_from = 0;
        if (nnames >= 2 && !l2) { unknown_l2 = names[0]->text; name_from = 1; }

        /* Carry the merged cells. */
        if (l1) {
            /* The same level 1 written again (a page break repeats it) keeps its level 2. */
            int same_block = k.l1core && strcmp(k.l1core, l1->core) == 0;
            char *lt = level_text(l1->text);
            set2(&k.l1, &k.l1core, lt, l1->core);
            free(lt);
            if (!same_block) set2(&k.l2, &k.l2core, NULL, NULL);
            k.l1col = l1->col;
            k.l1from = form->nindicators;
        }
        if (l2) {
            if (!l1 && !admits(fw, k.l1core, l2->core)) {
                const jx_vocab_term *term = jx_vocab_level2(fw, l2->core, NULL);
                const jx_vocab_term *parent = jx_vocab_level1(fw, term->parent);
                set2(&k.l1, &k.l1core, parent ? parent->canonical : NULL, term->parent);
                k.l1col = -1;
            }
            char *lt = level_text(l2->text);
            set2(&k.l2, &k.l2core, lt, l2->core);
            set2(&raw2, &raw2core, lt, l2->core);
            free(lt);
            k.l2col = l2->col;
            k.l2from = form->nindicators;
        } else if (unknown_l2) {
            char *ut = suffix_joined(unknown_l2);
            char *core = jx_vocab_core(ut);
            set2(&k.l2, &k.l2core, ut, core);
            set2(&raw2, &raw2core, ut, core);
            free(core);
            free(ut);
            k.l2col = names[0]->col;
            k.l2from = form->nindicators;
        }

        /* Tails of level labels split down their block, in their own column. */
        for (int f = 0; f < nfrag; f++) {
            const char *tail = row->cells[fragcols[f]];
            if (!l1 && k.l1col >= 0 && fragcols[f] == k.l1col) complete_level(form, 1, &k.l1, k.l1from, tail, ri, nri, &raw2);
            else if (!l2 && k.l2col >= 0 && fragcols[f] == k.l2col) complete_level(form, 2, &k.l2, k.l2from, tail, ri, nri, &raw2);
        }
        char *name = join_names(names, name_from, nnames);
        const char *target = t >= 0 ? cells[t].text : NULL;
        /* A row that writes a level 2 whole (…指标/…目标) and nothing else declares
           a category left empty: an indicator without name and target (review
           flags it). A piece cut before its suffix (服务对象满意度 | 指标 on the
           next row, a page break) declares nothing. */
        const char *l2text = l2 ? l2->text : unknown_l2;
        int l2c = l2 ? l2->col : unknown_l2 ? names[0]->col : -1, tail = 0;
        for (int f = 0; f < nfrag; f++) tail |= fragcols[f] > l2c;   /* 指标 after it: its tail */
        int declared_empty = !name && !target && l2text && !tail &&
                             (jx_ends_with(l2text, "指标") || jx_ends_with(l2text, "目标"));
        /* A row writing a level 1 and nothing else (产出指标 on a row of its own)
           opens the block of the rows below it, as a merged cell on their top row would. */
        if (l1) { free(lone1); lone1 = NULL; }
        if (l1 && !l2 && !unknown_l2 && !name && !target) lone1 = jx_strdup(l1->core);
        if (!name && !target && !declared_empty) { free_cells(cells, n); continue; }

        /* A lone target completes the row above when that had none. */
        if (!name && !l1 && !l2 && form->nindicators > 0 &&
            !form->indicators[form->nindicators - 1].target) {
            jx_indicator *prev = &form->indicators[form->nindicators - 1];
            prev->target = jx_strdup(target);
            jx_value_parse(prev->target, &prev->value);
            free_cells(cells, n);
            continue;
        }

        jx_indicator *ind = jx_form_add_indicator(form);
        ind->level1 = jx_strdup(k.l1);
        ind->level2 = jx_strdup(k.l2);
        ind->name = name;
        ind->target = jx_strdup(target);
        jx_value_parse(ind->target, &ind->value);
        ind->category = jx_strdup(jx_vocab_category(fw, k.l1core, k.l2core));
        ind->line = row->line;
        rowinfo *x = &ri[nri++];
        int lone = !l1 && lone1 && k.l1col >= 0 && k.l1core && !strcmp(k.l1core, lone1);
        free(lone1);
        lone1 = NULL;
        x->written1 = l1 != NULL || lone;
        x->lone = lone;
        x->l1 = l1 ? level_text(l1->text) : k.l1col < 0 || lone ? jx_strdup(k.l1) : NULL;
        x->l1core = jx_strdup(l1 ? l1->core : k.l1col < 0 || lone ? k.l1core : NULL);
        x->own2 = l2 != NULL || unknown_l2 != NULL;
        x->l2 = jx_strdup(raw2);
        x->l2core = jx_strdup(raw2core);
        free_cells(cells, n);
    }
    free(k.l1); free(k.l1core); free(k.l2); free(k.l2core);
    free(lone1);
    if (fw) backfill_leading(form);
    settle_blocks(form, fw, base, ri, nri);
    for (size_t i = 0; i < nri; i++) { free(ri[i].l1); free(ri[i].l1core); free(ri[i].l2); free(ri[i].l2core); }
    free(ri);
    free(raw2);
    free(raw2core);
    free(cells);
    free(names);
    return JX_OK;
}
