/*
** copy_index.c - what the copy rules (copied-block, copied-rows) keep of
** every form: its indicator rows as 64-bit signatures (FNV-1a of name and
** target) with their lines, the form's id, year, name, file and line; not
** the forms. Built form by form in id order (jx_copy_index_add, the first
** pass of a review), then sealed: the postings (rows ordered by signature,
** then by position in the store) and each signature's document frequency.
** About 17 bytes per indicator row (signature 8, line 4, position 4, the
** complete flag 1), 12 more per signature that two rows or more share, 60
** per form and up to 4 MB of buckets, so a review walks the forms batch by batch
** and still compares each with every other.
**
** Invariant: rows are numbered in the order added (form by form, each form's
** rows in order); perm lists the row numbers sorted by (sig, row), so the
** postings of a signature are one run of perm, in (form, position) order;
** a run of one row (most signatures: a row written once) has one form; the
** runs of two rows or more are listed in multi, in perm order, with their
** first position, length and number of forms; bucket[h] is where the
** signatures whose top bits are h begin, so a lookup binary-searches a few
** rows, not all of them.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rule_util.h"
#include "jixiao/util.h"

/* Most top bits of a signature that index bucket[]: 2^20 buckets, 4 MB, a few rows each at 10^6 rows.
** The table has about as many entries as rows (bucket_bits): a review of one
** form must not fill 2^20 buckets (it was 90 % of a one-form review). */
#define COPY_BUCKET_BITS 20

/* Bucket bits for nrows rows: the least b >= 1 with 2^b >= nrows, at most COPY_BUCKET_BITS. */
static int bucket_bits(size_t nrows)
{
    int b = 1;
    while (b < COPY_BUCKET_BITS && ((size_t)1 << b) < nrows) b++;
    return b;
}

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
    free(ix->id);
    free(ix->year);
    free(ix->name);
    free(ix->file);
    free(ix->line);
    free(ix->start);
    free(ix->distinct);
    free(ix->sig);
    free(ix->complete);
    free(ix->rline);
    free(ix->perm);
    free(ix->multi);
    free(ix->bucket);
    free(ix->common);
    free(ix->touched);
    free(ix);
}

static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

void jx_copy_index_add(jx_copy_index *ix, const jx_form *f)
{
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
        while (ix->nrows + f->nindicators > ix->caprows) ix->caprows = ix->caprows ? ix->caprows * 2 : 4096;
        ix->sig = jx_xrealloc(ix->sig, ix->caprows * sizeof *ix->sig);
        ix->complete = jx_xrealloc(ix->complete, ix->caprows * sizeof *ix->complete);
        ix->rline = jx_xrealloc(ix->rline, ix->caprows * sizeof *ix->rline);
    }
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        size_t r = ix->nrows++;
        ix->sig[r] = row_signature(ind);
        ix->complete[r] = ind->name && *ind->name && ind->target && *ind->target;
        ix->rline[r] = ind->line > 0 && ind->line < (long)UINT32_MAX ? (uint32_t)ind->line : 0;
    }
    ix->start[k + 1] = (uint32_t)ix->nrows;
    /* Distinct signatures of the form (copied-block's denominator). */
    size_t n = f->nindicators, d = 0;
    if (n) {
        uint64_t *s = jx_xmalloc(n * sizeof *s);
        memcpy(s, ix->sig + ix->start[k], n * sizeof *s);
        qsort(s, n, sizeof *s, u64_cmp);
        for (size_t i = 0; i < n; i++) d += !i || s[i] != s[i - 1];
        free(s);
    }
    ix->distinct[k] = (uint32_t)d;
}

/* The index being sealed, for perm_cmp (qsort has no context argument; one per thread). */
static _Thread_local const jx_copy_index *sorting;

static int perm_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    uint64_t sx = sorting->sig[x], sy = sorting->sig[y];
    if (sx != sy) return sx < sy ? -1 : 1;
    return x < y ? -1 : x > y;
}

void jx_copy_index_seal(jx_copy_index *ix)
{
    if (ix->sealed) return;
    ix->sealed = 1;
    /* the capacity grown while adding is given back before the sort needs its own */
    if (ix->nrows) {
        ix->sig = jx_xrealloc(ix->sig, ix->nrows * sizeof *ix->sig);
        ix->complete = jx_xrealloc(ix->complete, ix->nrows * sizeof *ix->complete);
        ix->rline = jx_xrealloc(ix->rline, ix->nrows * sizeof *ix->rline);
        ix->caprows = ix->nrows;
    }
    ix->perm = jx_xmalloc((ix->nrows + 1) * sizeof *ix->perm);
    for (size_t r = 0; r < ix->nrows; r++) ix->perm[r] = (uint32_t)r;
    sorting = ix;
    qsort(ix->perm, ix->nrows, sizeof *ix->perm, perm_cmp);
    sorting = NULL;
    size_t capmulti = 0;
    for (size_t p = 0; p < ix->nrows;) {
        size_t q = p, df = 0, last = (size_t)-1;
        while (q < ix->nrows && ix->sig[ix->perm[q]] == ix->sig[ix->perm[p]]) {
            size_t f = jx_copy_index_form_of(ix, ix->perm[q]);
            if (f != last) { df++; last = f; }
            q++;
        }
        if (q - p > 1) {
            if (ix->nmulti == capmulti) {
                capmulti = capmulti ? capmulti * 2 : 1024;
                ix->multi = jx_xrealloc(ix->multi, capmulti * sizeof *ix->multi);
            }
            ix->multi[ix->nmulti++] = (struct jx_copy_run){(uint32_t)p, (uint32_t)(q - p), (uint32_t)df};
        }
        p = q;
    }
    /* bucket[h]: the first position whose signature's top bits are >= h. */
    ix->bucket_bits = bucket_bits(ix->nrows);
    size_t nb = (size_t)1 << ix->bucket_bits;
    ix->bucket = jx_xmalloc((nb + 1) * sizeof *ix->bucket);
    size_t p = 0;
    for (size_t h = 0; h <= nb; h++) {
        while (p < ix->nrows && (ix->sig[ix->perm[p]] >> (64 - ix->bucket_bits)) < h) p++;
        ix->bucket[h] = (uint32_t)p;
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

size_t jx_copy_index_postings(const jx_copy_index *ix, uint64_t sig, size_t *first, size_t *df)
{
    size_t h = (size_t)(sig >> (64 - ix->bucket_bits));
    size_t lo = ix->bucket[h], hi = ix->bucket[h + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->sig[ix->perm[mid]] < sig) lo = mid + 1;
        else hi = mid;
    }
    *first = lo;
    if (lo >= ix->nrows || ix->sig[ix->perm[lo]] != sig) { *df = 0; return 0; }
    if (lo + 1 >= ix->nrows || ix->sig[ix->perm[lo + 1]] != sig) { *df = 1; return 1; }
    size_t a = 0, b = ix->nmulti;   /* the run that starts at lo */
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (ix->multi[mid].first < lo) a = mid + 1;
        else b = mid;
    }
    *df = ix->multi[a].df;
    return ix->multi[a].len;
}
