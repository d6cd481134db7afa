/*
** copy_index.c - what the copy rules (copied-block, copied-rows) keep of
** every form: its indicator rows as 64-bit signatures (FNV-1a of name and
** target), the form's id, year, name, file and line; not the forms. Two
** rounds over the forms in id order (the first pass of a review walks them
** twice): the first keeps each row's signature (8 bytes a row, then sorted)
** only to learn which signatures two rows or more share; the second keeps a
** 4-byte code per row (0: a signature no other row has, which can match
** nothing; else its shared signature) and, for the rows that share one,
** their row number and line, placed in their signature's run as they come.
** About 4 bytes per indicator row plus 8 per shared row, 13 per shared
** signature and 60 per form once built; at most 8 bytes a row while
** counting (was 17 a row, and 4 MB of buckets, throughout). A review walks the
** forms batch by batch and still compares each with every other.
**
** Invariant: rows are numbered in the order added (form by form, each form's
** rows in order); the postings of a shared signature s are post_row[run[s]
** .. run[s] + fill[s]) in row order (run[] from the first round's counts;
** a row more than the first round counted, the store having changed
** between the walks, is kept as a singleton: it is missed, never misplaced).
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rule_util.h"
#include "jixiao/util.h"

/* FNV-1a of an indicator row's name and target; never 0. */
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

jx_copy_index *jx_copy_index_new(void)
{
    return jx_xcalloc(1, sizeof(jx_copy_index));
}

void jx_copy_index_free(jx_copy_index *ix)
{
    if (!ix) return;
    for (size_t k = 0; k < ix->nforms; k++) free(ix->name[k]);
    for (size_t k = 0; k < ix->nfiles; k++) free(ix->files[k]);
    free(ix->files);
    free(ix->all);
    free(ix->shared);
    free(ix->id);
    free(ix->year);
    free(ix->name);
    free(ix->file);
    free(ix->line);
    free(ix->start);
    free(ix->distinct);
    free(ix->code);
    free(ix->solo_complete);
    free(ix->run);
    free(ix->fill);
    free(ix->df);
    free(ix->post_row);
    free(ix->post_line);
    free(ix->complete);
    free(ix->common);
    free(ix->touched);
    free(ix);
}

static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The index of sig in shared[], or -1. */
static long shared_index(const jx_copy_index *ix, uint64_t sig)
{
    size_t lo = 0, hi = ix->nshared;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->shared[mid] < sig) lo = mid + 1;
        else hi = mid;
    }
    return lo < ix->nshared && ix->shared[lo] == sig ? (long)lo : -1;
}

void jx_copy_index_add(jx_copy_index *ix, const jx_form *f)
{
    if (ix->round == 0) {   /* counting: the signatures alone */
        if (ix->nall + f->nindicators > ix->capall) {
            while (ix->nall + f->nindicators > ix->capall) ix->capall = ix->capall ? ix->capall * 2 : 4096;
            ix->all = jx_xrealloc(ix->all, ix->capall * sizeof *ix->all);
        }
        for (size_t i = 0; i < f->nindicators; i++) ix->all[ix->nall++] = row_signature(&f->indicators[i]);
        return;
    }
    if (ix->nforms == ix->capforms) {
        ix->capforms = ix->capforms ? ix->capforms * 2 : 256;
        ix->id = jx_xrealloc(ix->id, ix->capforms * sizeof *ix->id);
        ix->year = jx_xrealloc(ix->year, ix->capforms * sizeof *ix->year);
        ix->name = jx_xrealloc(ix->name, ix->capforms * sizeof *ix->name);
        ix->file = jx_xrealloc(ix->file, ix->capforms * sizeof *ix->file);
        ix->line = jx_xrealloc(ix->line, ix->capforms * sizeof *ix->line);
        ix->distinct = jx_xrealloc(ix->distinct, ix->capforms * sizeof *ix->distinct);
        ix->start = jx_xrealloc(ix->start, (ix->capforms + 1) * sizeof *ix->start);
    }
    size_t k = ix->nforms++;
    ix->id[k] = f->id;
    ix->year[k] = f->year;
    ix->name[k] = jx_strdup(f->name);
    ix->line[k] = f->line;
    /* Forms come grouped by file: the last file name is most often the one. */
    const char *file = f->file ? f->file : "(null)";   /* as printf shows a NULL file */
    if (!ix->nfiles || strcmp(ix->files[ix->nfiles - 1], file) != 0) {
        ix->files = jx_xrealloc(ix->files, (ix->nfiles + 1) * sizeof *ix->files);
        ix->files[ix->nfiles++] = jx_strdup(file);
    }
    ix->file[k] = ix->files[ix->nfiles - 1];
    ix->start[k] = (uint32_t)ix->nrows;
    if (ix->nrows + f->nindicators > ix->caprows) {
        size_t was = ix->caprows;
        while (ix->nrows + f->nindicators > ix->caprows) ix->caprows = ix->caprows ? ix->caprows * 2 : 4096;
        ix->code = jx_xrealloc(ix->code, ix->caprows * sizeof *ix->code);
        ix->solo_complete = jx_xrealloc(ix->solo_complete, ix->caprows / 8 + 1);
        memset(ix->solo_complete + (was ? was / 8 + 1 : 0), 0, ix->caprows / 8 + 1 - (was ? was / 8 + 1 : 0));
    }
    size_t n = f->nindicators, d = 0;
    uint64_t *sigs = jx_xmalloc((n + 1) * sizeof *sigs);
    for (size_t i = 0; i < n; i++) {
        const jx_indicator *ind = &f->indicators[i];
        size_t r = ix->nrows++;
        int complete = ind->name && *ind->name && ind->target && *ind->target;
        sigs[i] = row_signature(ind);
        long s = shared_index(ix, sigs[i]);
        if (s >= 0 && ix->fill[s] < ix->run[s + 1] - ix->run[s]) {
            size_t p = ix->run[s] + ix->fill[s]++;
            ix->post_row[p] = (uint32_t)r;
            ix->post_line[p] = ind->line > 0 && ind->line < (long)UINT32_MAX ? (uint32_t)ind->line : 0;
            ix->complete[s] = (unsigned char)complete;
            ix->code[r] = (uint32_t)s + 1;
        } else {
            ix->code[r] = 0;
            if (complete) ix->solo_complete[r / 8] |= (unsigned char)(1u << (r % 8));
            else ix->solo_complete[r / 8] &= (unsigned char)~(1u << (r % 8));
        }
    }
    ix->start[k + 1] = (uint32_t)ix->nrows;
    /* Distinct signatures of the form (copied-block's denominator). */
    if (n) {
        qsort(sigs, n, sizeof *sigs, u64_cmp);
        for (size_t i = 0; i < n; i++) d += !i || sigs[i] != sigs[i - 1];
    }
    free(sigs);
    ix->distinct[k] = (uint32_t)d;
}

int jx_copy_index_round_end(jx_copy_index *ix)
{
    if (ix->round != 0) return 0;
    ix->round = 1;
    /* the signatures two rows or more share, with their counts: each one's run of postings */
    if (ix->nall) qsort(ix->all, ix->nall, sizeof *ix->all, u64_cmp);
    size_t nshared = 0;
    for (size_t p = 0; p < ix->nall;) {
        size_t q = p;
        while (q < ix->nall && ix->all[q] == ix->all[p]) q++;
        nshared += q - p > 1;
        p = q;
    }
    ix->shared = jx_xmalloc((nshared + 1) * sizeof *ix->shared);
    ix->run = jx_xmalloc((nshared + 1) * sizeof *ix->run);
    size_t rows = 0;
    for (size_t p = 0; p < ix->nall;) {
        size_t q = p;
        while (q < ix->nall && ix->all[q] == ix->all[p]) q++;
        if (q - p > 1) {
            ix->run[ix->nshared] = (uint32_t)rows;
            ix->shared[ix->nshared++] = ix->all[p];
            rows += q - p;
        }
        p = q;
    }
    ix->run[ix->nshared] = (uint32_t)rows;
    free(ix->all);
    ix->all = NULL;
    ix->nall = ix->capall = 0;
    ix->fill = jx_xcalloc(ix->nshared + 1, sizeof *ix->fill);
    ix->complete = jx_xcalloc(ix->nshared + 1, 1);
    ix->post_row = jx_xmalloc((rows + 1) * sizeof *ix->post_row);
    ix->post_line = jx_xmalloc((rows + 1) * sizeof *ix->post_line);
    return 1;
}

void jx_copy_index_seal(jx_copy_index *ix)
{
    if (ix->sealed) return;
    if (ix->round == 0) jx_copy_index_round_end(ix);   /* never walked twice: nothing shared */
    ix->sealed = 1;
    free(ix->shared);   /* looked up by row from now on */
    ix->shared = NULL;
    if (ix->nrows && ix->caprows > ix->nrows) {   /* the capacity grown while adding is given back */
        ix->code = jx_xrealloc(ix->code, ix->nrows * sizeof *ix->code);
        ix->caprows = ix->nrows;
    }
    ix->df = jx_xmalloc((ix->nshared + 1) * sizeof *ix->df);
    for (size_t s = 0; s < ix->nshared; s++) {
        size_t df = 0, last = (size_t)-1;
        for (size_t p = ix->run[s]; p < ix->run[s] + ix->fill[s]; p++) {
            size_t f = jx_copy_index_form_of(ix, ix->post_row[p]);
            if (f != last) { df++; last = f; }
        }
        ix->df[s] = (uint32_t)df;
    }
    ix->common = jx_xcalloc(ix->nforms + 1, sizeof *ix->common);
    ix->touched = jx_xmalloc((ix->nforms + 1) * sizeof *ix->touched);
}

size_t jx_copy_index_form_of(const jx_copy_index *ix, size_t row)
{
    size_t lo = 0, hi = ix->nforms;   /* the last form whose start <= row */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->start[mid] <= row) lo = mid;
        else hi = mid;
    }
    return lo;
}

size_t jx_copy_index_ordinal(const jx_copy_index *ix, long long id)
{
    size_t lo = 0, hi = ix->nforms;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->id[mid] < id) lo = mid + 1;
        else hi = mid;
    }
    return lo < ix->nforms && ix->id[lo] == id ? lo : (size_t)-1;
}

size_t jx_copy_index_postings(const jx_copy_index *ix, size_t r, size_t *first, size_t *df)
{
    uint32_t c = ix->code[r];
    if (!c) { *first = 0; *df = 1; return 0; }
    *first = ix->run[c - 1];
    *df = ix->df[c - 1];
    return ix->fill[c - 1];
}

uint64_t jx_copy_index_match(const jx_copy_index *ix, size_t r)
{
    uint32_t c = ix->code[r];
    if (c) return ix->complete[c - 1] ? c : 0;
    return ix->solo_complete[r / 8] & (1u << (r % 8)) ? ((uint64_t)1 << 32) + r : 0;
}

long jx_copy_index_line(const jx_copy_index *ix, size_t r)
{
    uint32_t c = ix->code[r];
    if (!c) return 0;
    size_t lo = ix->run[c - 1], hi = lo + ix->fill[c - 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->post_row[mid] < r) lo = mid + 1;
        else hi = mid;
    }
    return lo < ix->run[c - 1] + ix->fill[c - 1] && ix->post_row[lo] == r ? (long)ix->post_line[lo] : 0;
}
