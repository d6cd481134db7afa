/*
** pdf_scan.c - what must be known of a PDF before poppler sees it: the
** objects its trailer declares (poppler sizes its cross-reference table by
** them) and the bytes its streams decode to (poppler decodes a stream with no
** limit of its own, and a deflate stream packs ~1,000:1, LZW ~1,300:1, so a
** 300 KB file can hold a 300 MB page). Called by jx_pdf_read.
**
** The stream pass, in one forward sweep over the file:
**  - every "stream" keyword that ends its line opens a stream; its
**    dictionary is what lies between the later of the last "N G obj" and the
**    previous stream keyword, and the keyword (so the dictionaries scanned are
**    disjoint: work is linear however many keywords the file repeats);
**  - the dictionary is tokenised (strings, hex strings, comments and nested
**    dictionaries skipped; names decoded, "#61" is "a"), and its /Filter read
**    at the top level: a name, an array of names, or an indirect reference
**    "N G R" (resolved through an index of the file's "N G obj" objects,
**    built on first need; an object the index lacks -- one inside an object
**    stream -- is taken to be /FlateDecode, the filter such a file would hide);
**  - the stream's bytes go through the filter chain it names, decoded for
**    real into 64 KB buffers: FlateDecode (zlib), LZWDecode, ASCIIHexDecode,
**    ASCII85Decode, RunLengthDecode. A chain stops at the first other filter
**    (DCT, JPX, JBIG2, CCITTFax: image codecs whose output the page's
**    declared image size bounds in poppler; Crypt; an unknown name, which
**    poppler too reads as empty).
** That dictionary is a guess from the text (a string or a name may hold
** "obj" or "stream"; poppler takes an object where the cross-reference
** table says, not the last textual definition), so every stream is then
** also decoded every other way the file's text allows: with each filter
** chain any /Filter anywhere names (an indirect one by each definition of
** its object; FlateDecode always), plain and with each key its /Encrypt and
** /ID candidates give (MAX_CHAINS, MAX_KEYS; more is refused). Only chains
** with a validating decoder (Flate, LZW) are tried so: a wrong way ends
** within bytes (a bad zlib header is not even started), and every decoding
** ends where any stage of its chain ends. /Crypt in a chain passes through
** (Identity, or the decryption stage). Known gap: for RC4 and AES-128 the
** per-object key takes the object number of the last "N G obj" token before
** the dictionary, which a string can still forge (AES-256 needs none).
** Every byte any stage of any chain outputs counts toward
** JX_MAX_PDF_INFLATED_BYTES, and the raw bytes the chains consume toward
** twice the file (one stream's decoding may run past its endstream into the
** next stream -- never trusted to skip it -- but a file whose streams
** overlap more than that is not one any producer writes).
**
** An encrypted file (/Encrypt, the standard security handler): its streams
** are decrypted first (nettle: RC4, AES-128, AES-256) with the key of the
** empty user password, which is all poppler opens it with (revisions 2-6:
** RC4 40-128 bit, AESV2, AESV3); cross-reference streams are not encrypted.
** A file whose key cannot be derived so (a user password; another handler)
** is one poppler refuses itself, and *encrypted is 2 for it.
** Memory: the chain's buffers (64 KB a stage, at most JX_PDF_MAX_FILTERS
** stages and the decryption) and, when a /Filter is indirect, the object index (8 bytes per
** object number up to the largest one in the file, at most
** JX_MAX_PDF_OBJECTS).
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <nettle/aes.h>
#include <nettle/arcfour.h>
#include <nettle/cbc.h>
#include <nettle/md5.h>
#include <nettle/sha2.h>

#include "read.h"

#define STAGE_BUF 65536

enum { F_STOP = 0, F_FLATE, F_LZW, F_AHX, F_A85, F_RL, F_RC4, F_AES, F_CRYPT };

/* Distinct filter chains, and decryption keys, a file may make the pre-scan try
** on every stream; more are refused (no producer writes more than a few). */
#define MAX_CHAINS 16
#define MAX_KEYS 16
/* Stream decodings (keywords times the ways each is tried) of one file. */
#define MAX_DECODES 4000000L


/* One decoding stage of a chain (push model: bytes in, output to the next). */
typedef struct stage {
    int kind;
    int done;                 /* EOD or an error: later input is ignored */
    unsigned char *out;       /* STAGE_BUF bytes */
    size_t nout;
    z_stream z;               /* F_FLATE */
    int zinit;
    /* F_AHX: a pending high nibble (-1 none); F_A85: the group; F_RL: the run state */
    int nib;
    uint32_t group;
    int ngroup;
    int rl_copy, rl_rep;      /* bytes left to copy; -1: the next byte is repeated rl_rep times */
    /* F_LZW */
    uint32_t bits;
    int nbits, width, next, prev, early;
    uint16_t *prefix;         /* 4096 entries: the code's prefix code */
    unsigned char *last;      /* 4096: the code's last byte */
    uint16_t *len;            /* 4096: the code's string length */
    /* F_RC4, F_AES: the stream's decryption (always the chain's first stage) */
    struct arcfour_ctx rc4;
    struct aes128_ctx aes128;
    struct aes256_ctx aes256;
    int aes_bits;
    unsigned char block[16], iv[16];
    int nblock, have_iv;
} stage;

/* The standard security handler of an encrypted file, with the empty user password. */
typedef struct pdf_crypt {
    int on;                   /* the file key is known: streams are decrypted first */
    int aes;                  /* 0 RC4, 128 AESV2, 256 AESV3 */
    unsigned char key[32];
    int keylen;
} pdf_crypt;

/* A filter chain the file names somewhere (a secondary way to read every stream). */
typedef struct chain_t {
    int kind[JX_PDF_MAX_FILTERS];
    int n, early;
} chain_t;

/* The resolved /Filter of an indirect object (a hash slot; num -1 empty). */
typedef struct refchain {
    long num;
    int n;
    int chain[JX_PDF_MAX_FILTERS];
} refchain;

typedef struct scan {
    const char *data;
    size_t len;
    const char *file;
    jx_error *err;
    unsigned long long out_total, in_total, in_budget;
    long obj;                 /* the object of the stream being decoded, -1 unknown */
    int over;                 /* a budget was passed: the error is set */
    size_t *index;            /* object number -> offset after its "obj", 0 none */
    size_t nindex;
    int indexed;
    stage st[JX_PDF_MAX_FILTERS + 1];
    int nst;
    pdf_crypt cr;
    long gen;                 /* the generation of the stream being decoded */
    refchain *rc;             /* indirect /Filter objects resolved (open addressing) */
    size_t nrc, caprc;
    long *refs;               /* numbers of the objects "/Filter N G R" names */
    size_t nrefs, caprefs;
    chain_t chains[MAX_CHAINS];   /* every chain the file names (plus FlateDecode) */
    int nchains;
    pdf_crypt keys[MAX_KEYS];     /* every key its /Encrypt and /ID candidates give */
    int nkeys;
} scan;

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static int is_delim(unsigned char c)
{
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' ||
           c == '{' || c == '}' || c == '/' || c == '%';
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The first m bytes of needle in hay[0, n), or NULL (memmem is a GNU extension). */
static const char *bytes_find(const char *hay, size_t n, const char *needle, size_t m)
{
    if (m == 0 || n < m) return NULL;
    const char *p = hay, *end = hay + n - m + 1;
    while (p < end && (p = memchr(p, needle[0], (size_t)(end - p))) != NULL) {
        if (!memcmp(p, needle, m)) return p;
        p++;
    }
    return NULL;
}

/*
** The name starting at p (after its '/') up to end, decoded (#xx escapes)
** into out (at most cap-1 bytes kept, NUL-terminated); returns the end of
** the name token.
*/
static const char *read_name(const char *p, const char *end, char *out, size_t cap)
{
    size_t n = 0;
    while (p < end && !is_ws((unsigned char)*p) && !is_delim((unsigned char)*p)) {
        int c = (unsigned char)*p++;
        if (c == '#' && end - p >= 2 && hexval((unsigned char)p[0]) >= 0 && hexval((unsigned char)p[1]) >= 0) {
            c = hexval((unsigned char)p[0]) * 16 + hexval((unsigned char)p[1]);
            p += 2;
        }
        if (n + 1 < cap) out[n++] = (char)c;
    }
    out[n] = '\0';
    return p;
}

/* The filter kind a decoded filter name means (F_STOP for any other). */
static int filter_kind(const char *name)
{
    if (!strcmp(name, "FlateDecode") || !strcmp(name, "Fl")) return F_FLATE;
    if (!strcmp(name, "LZWDecode") || !strcmp(name, "LZW")) return F_LZW;
    if (!strcmp(name, "ASCIIHexDecode") || !strcmp(name, "AHx")) return F_AHX;
    if (!strcmp(name, "ASCII85Decode") || !strcmp(name, "A85")) return F_A85;
    if (!strcmp(name, "RunLengthDecode") || !strcmp(name, "RL")) return F_RL;
    if (!strcmp(name, "Crypt")) return F_CRYPT;     /* the standard handler's: decrypted first, or Identity */
    return F_STOP;
}

/* Skip whitespace and comments from p. */
static const char *skip_ws(const char *p, const char *end)
{
    for (;;) {
        while (p < end && is_ws((unsigned char)*p)) p++;
        if (p < end && *p == '%') {
            while (p < end && *p != '\n' && *p != '\r') p++;
            continue;
        }
        return p;
    }
}

/* An unsigned integer at p (at most 10 digits), -1 when none; *after past it. */
static long read_uint(const char *p, const char *end, const char **after)
{
    long n = 0;
    int digits = 0;
    while (p < end && *p >= '0' && *p <= '9' && digits < 10) { n = n * 10 + (*p++ - '0'); digits++; }
    *after = p;
    return digits && !(p < end && *p >= '0' && *p <= '9') ? n : -1;
}

/*
** The object number of an "N G obj" whose "obj" keyword is at p (its
** generation into *gen), -1 when p is no such token: "endobj", a name such
** as /Xobj, numbers glued to a word (/A1 0 obj), or N or G out of range.
** Looks at most 64 bytes back.
*/
static long obj_token(const char *d, const char *p, const char *end, long *gen)
{
    if (p > d && p[-1] == 'd') return -1;                          /* endobj */
    if (p + 3 < end && !is_ws((unsigned char)p[3]) && !is_delim((unsigned char)p[3])) return -1;
    const char *q = p, *lo = p - d > 64 ? p - 64 : d;
    while (q > lo && is_ws((unsigned char)q[-1])) q--;
    const char *ge = q;
    while (q > lo && q[-1] >= '0' && q[-1] <= '9') q--;
    const char *gs = q;
    if (gs == ge || ge - gs > 5) return -1;
    while (q > lo && is_ws((unsigned char)q[-1])) q--;
    const char *ne = q;
    if (ne == gs) return -1;                                        /* no space between N and G */
    while (q > lo && q[-1] >= '0' && q[-1] <= '9') q--;
    if (q == ne || ne - q > 10) return -1;
    if (q > d && !is_ws((unsigned char)q[-1]) && !is_delim((unsigned char)q[-1])) return -1;
    long num = 0, g = 0;
    for (const char *k = q; k < ne; k++) num = num * 10 + (*k - '0');
    for (const char *k = gs; k < ge; k++) g = g * 10 + (*k - '0');
    *gen = g;
    return num;
}

/*
** Index the file's objects: for each "N G obj" the offset of its first token
** (whitespace and comments skipped here, once, not by every reference to it;
** the last definition of N wins, as after an incremental update). One
** forward pass; numbers above JX_MAX_PDF_OBJECTS are not indexed.
*/
static void build_index(scan *s)
{
    s->indexed = 1;
    const char *d = s->data, *end = d + s->len;
    for (const char *p = d; (p = bytes_find(p, (size_t)(end - p), "obj", 3)) != NULL; p += 3) {
        long gen, num = obj_token(d, p, end, &gen);
        if (num < 0 || num > JX_MAX_PDF_OBJECTS) continue;
        if ((size_t)num >= s->nindex) {
            size_t n = s->nindex ? s->nindex : 1024;
            while (n <= (size_t)num) n *= 2;
            size_t *grown = realloc(s->index, n * sizeof *grown);
            if (!grown) return;                                     /* unresolved refs: Flate */
            memset(grown + s->nindex, 0, (n - s->nindex) * sizeof *grown);
            s->index = grown;
            s->nindex = n;
        }
        s->index[num] = (size_t)(skip_ws(p + 3, end) - d);   /* its first token: skipped once */
    }
}

/*
** The offset of object num's first token (after its "obj"), 0 when the file
** has no such top-level object.
*/
static size_t object_at(scan *s, long num)
{
    if (!s->indexed) build_index(s);
    return num >= 0 && (size_t)num < s->nindex ? s->index[num] : 0;
}

static int read_filters(scan *s, const char *p, const char *end, int *chain, int depth);

/*
** The chain of indirect /Filter object num (its last textual definition,
** FlateDecode when there is none), resolved once however many streams refer
** to it (an array opened by megabytes of whitespace was skipped again by
** every reference); -1 when it names more than JX_PDF_MAX_FILTERS. The
** number is also kept in s->refs (every definition of it is tried later).
*/
static int resolve_ref(scan *s, long num, int *sub)
{
    if (s->nrc * 2 >= s->caprc) {                                  /* grow: rehash */
        size_t cap = s->caprc ? s->caprc * 2 : 64;
        refchain *t = malloc(cap * sizeof *t);
        if (!t) { sub[0] = F_FLATE; return 1; }
        for (size_t i = 0; i < cap; i++) t[i].num = -1;
        for (size_t i = 0; i < s->caprc; i++) {
            if (s->rc[i].num < 0) continue;
            size_t h = (size_t)s->rc[i].num * 2654435761u & (cap - 1);
            while (t[h].num >= 0) h = (h + 1) & (cap - 1);
            t[h] = s->rc[i];
        }
        free(s->rc);
        s->rc = t;
        s->caprc = cap;
    }
    size_t h = (size_t)num * 2654435761u & (s->caprc - 1);
    while (s->rc[h].num >= 0 && s->rc[h].num != num) h = (h + 1) & (s->caprc - 1);
    refchain *e = &s->rc[h];
    if (e->num != num) {
        size_t at = object_at(s, num);
        int k = at ? read_filters(s, s->data + at, s->data + s->len, e->chain, 1) : 0;
        if (k == 0) { e->chain[0] = F_FLATE; k = 1; }               /* hidden: assume the bomb */
        e->num = num;
        e->n = k;
        s->nrc++;
        if (s->nrefs == s->caprefs) {
            size_t cap = s->caprefs ? s->caprefs * 2 : 64;
            long *t = realloc(s->refs, cap * sizeof *t);
            if (t) { s->refs = t; s->caprefs = cap; }
        }
        if (s->nrefs < s->caprefs) s->refs[s->nrefs++] = num;
    }
    if (e->n > 0) memcpy(sub, e->chain, (size_t)e->n * sizeof *sub);
    return e->n;
}

/*
** The filter chain of a /Filter value at p: kinds into chain (at most
** JX_PDF_MAX_FILTERS, *n set; -1 when the array is longer); an indirect
** value is looked up (depth 1: a reference inside the looked-up value is not
** followed) and one that cannot be found is taken to be FlateDecode.
*/
static int read_filters(scan *s, const char *p, const char *end, int *chain, int depth)
{
    char name[64];
    int n = 0;
    p = skip_ws(p, end);
    int array = p < end && *p == '[';
    if (array) p++;
    for (;;) {
        p = skip_ws(p, end);
        if (p >= end) break;
        if (*p == '/') {
            p = read_name(p + 1, end, name, sizeof name);
            if (n == JX_PDF_MAX_FILTERS) return -1;
            chain[n++] = filter_kind(name);
        } else if (*p >= '0' && *p <= '9') {
            const char *a, *b;
            long num = read_uint(p, end, &a);
            a = skip_ws(a, end);
            long gen = read_uint(a, end, &b);
            b = skip_ws(b, end);
            if (num < 0 || gen < 0 || b >= end || *b != 'R') break;
            p = b + 1;
            int sub[JX_PDF_MAX_FILTERS], k = 1;
            sub[0] = F_FLATE;                                       /* hidden: assume the bomb */
            if (depth == 0) k = resolve_ref(s, num, sub);
            if (k < 0) return -1;
            for (int i = 0; i < k; i++) {
                if (n == JX_PDF_MAX_FILTERS) return -1;
                chain[n++] = sub[i];
            }
        } else {
            break;
        }
        if (!array) break;
    }
    return n;
}

/*
** The filter chain of the stream dictionary in d[0, n): its top-level
** /Filter's (a later top-level /Filter replaces an earlier one), 0 filters
** when it has none; -1 when it names more than JX_PDF_MAX_FILTERS. *early
** is the LZW EarlyChange of /DecodeParms (1 unless a 0 is given); *xref is
** set for a cross-reference stream (/Type /XRef).
*/
static int dict_filters(scan *s, const char *d, size_t n, int *chain, int *early, int *xref)
{
    const char *p = d, *end = d + n;
    int depth = 0, count = 0;
    char name[64];
    *early = 1;
    *xref = 0;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c == '%') {
            while (p < end && *p != '\n' && *p != '\r') p++;
        } else if (c == '(') {                                      /* a literal string */
            int nest = 0;
            for (; p < end; p++) {
                if (*p == '\\') { p++; continue; }
                if (*p == '(') nest++;
                else if (*p == ')' && --nest == 0) { p++; break; }
            }
        } else if (c == '<' && p + 1 < end && p[1] == '<') {
            depth++;
            p += 2;
        } else if (c == '>' && p + 1 < end && p[1] == '>') {
            if (depth > 0) depth--;
            p += 2;
        } else if (c == '<') {                                      /* a hex string */
            while (p < end && *p != '>') p++;
            if (p < end) p++;
        } else if (c == '/') {
            p = read_name(p + 1, end, name, sizeof name);
            if (depth <= 1 && !strcmp(name, "Type")) {
                const char *q = skip_ws(p, end);
                char type[16];
                if (q < end && *q == '/') {
                    read_name(q + 1, end, type, sizeof type);
                    if (!strcmp(type, "XRef")) *xref = 1;            /* never encrypted */
                }
            } else if (!strcmp(name, "EarlyChange")) {
                const char *q = skip_ws(p, end);
                if (q < end && *q == '0') *early = 0;
            } else if (depth <= 1 && !strcmp(name, "Filter")) {
                count = read_filters(s, p, end, chain, 0);
                if (count < 0) return -1;
            }
        } else {
            p++;
        }
    }
    return count;
}

static int push(scan *s, int k, const unsigned char *in, size_t n);

/* Count n output bytes of stage k and pass them on; 0 once a budget is passed. */
static int emit(scan *s, int k, const unsigned char *out, size_t n)
{
    if (!n) return !s->over;
    if (s->st[k].kind != F_RC4 && s->st[k].kind != F_AES) s->out_total += n;   /* decryption: not a decoding */
    if (s->out_total > (unsigned long long)JX_MAX_PDF_INFLATED_BYTES) {
        s->over = 1;
        if (s->obj >= 0)
            jx_error_set(s->err, JX_EINPUT, s->file, 0,
                         "object %ld: the PDF's streams decode to more than the %ld bytes allowed "
                         "(JX_MAX_PDF_INFLATED_BYTES): a compression bomb?", s->obj, JX_MAX_PDF_INFLATED_BYTES);
        else
            jx_error_set(s->err, JX_EINPUT, s->file, 0,
                         "the PDF's streams decode to more than the %ld bytes allowed "
                         "(JX_MAX_PDF_INFLATED_BYTES): a compression bomb?", JX_MAX_PDF_INFLATED_BYTES);
        return 0;
    }
    if (k + 1 < s->nst) push(s, k + 1, out, n);
    return !s->over;
}

/* Buffer one output byte of stage k (flushed when the buffer fills). */
static int put(scan *s, int k, unsigned char c)
{
    stage *t = &s->st[k];
    t->out[t->nout++] = c;
    if (t->nout == STAGE_BUF) {
        t->nout = 0;
        return emit(s, k, t->out, STAGE_BUF);
    }
    return 1;
}

/* LZW: output code's string (the table is walked backwards into the buffer). */
static int lzw_string(scan *s, int k, int code)
{
    stage *t = &s->st[k];
    unsigned char tmp[4096];
    int n = t->len[code];
    for (int i = n - 1, c = code; i >= 0; i--, c = t->prefix[c]) tmp[i] = t->last[c];
    for (int i = 0; i < n; i++)
        if (!put(s, k, tmp[i])) return 0;
    return 1;
}

/* LZW's first byte of code's string. */
static unsigned char lzw_first(stage *t, int code)
{
    while (t->len[code] > 1) code = t->prefix[code];
    return t->last[code];
}

/*
** Feed n bytes to stage k; returns the bytes it consumed (fewer when it
** ended inside them). Its output goes on through emit.
*/
static int push(scan *s, int k, const unsigned char *in, size_t n)
{
    stage *t = &s->st[k];
    size_t i = 0;
    if (t->done || s->over) return 0;
    switch (t->kind) {
    case F_FLATE: {
        t->z.next_in = (unsigned char *)in;
        t->z.avail_in = (uInt)n;
        for (;;) {
            t->z.next_out = t->out;
            t->z.avail_out = STAGE_BUF;
            int zr = inflate(&t->z, Z_NO_FLUSH);
            if (!emit(s, k, t->out, STAGE_BUF - t->z.avail_out)) break;
            if (zr == Z_BUF_ERROR && t->z.avail_in == 0) break;     /* wants more input */
            if (zr != Z_OK) { t->done = 1; break; }                 /* the end, or damage */
            if (t->z.avail_out != 0) break;                          /* wants more input */
        }
        i = n - t->z.avail_in;
        return (int)i;
    }
    case F_AHX:
        for (; i < n && !t->done; i++) {
            int v = hexval(in[i]);
            if (v < 0) {
                if (is_ws(in[i])) continue;
                t->done = 1;                                         /* '>' or damage */
                if (t->nib >= 0 && !put(s, k, (unsigned char)(t->nib << 4))) break;
                break;
            }
            if (t->nib < 0) t->nib = v;
            else { if (!put(s, k, (unsigned char)(t->nib << 4 | v))) break; t->nib = -1; }
        }
        break;
    case F_A85:
        for (; i < n && !t->done; i++) {
            unsigned char c = in[i];
            if (is_ws(c)) continue;
            if (c == 'z' && t->ngroup == 0) {
                for (int j = 0; j < 4; j++)
                    if (!put(s, k, 0)) return (int)i;
                continue;
            }
            if (c < '!' || c > 'u') {                                /* "~>" or damage */
                t->done = 1;
                if (t->ngroup > 1) {
                    int m = t->ngroup;
                    for (int j = m; j < 5; j++) t->group = t->group * 85 + 84;
                    for (int j = 0; j < m - 1; j++) put(s, k, (unsigned char)(t->group >> (24 - 8 * j)));
                }
                break;
            }
            uint64_t g = (uint64_t)t->group * 85 + (uint64_t)(c - '!');
            if (g > 0xffffffffu) { t->done = 1; break; }
            t->group = (uint32_t)g;
            if (++t->ngroup == 5) {
                for (int j = 0; j < 4; j++)
                    if (!put(s, k, (unsigned char)(t->group >> (24 - 8 * j)))) return (int)i;
                t->group = 0;
                t->ngroup = 0;
            }
        }
        break;
    case F_RL:
        for (; i < n && !t->done; i++) {
            unsigned char c = in[i];
            if (t->rl_copy > 0) { t->rl_copy--; if (!put(s, k, c)) break; continue; }
            if (t->rl_copy < 0) {
                for (int j = 0; j < t->rl_rep; j++)
                    if (!put(s, k, c)) return (int)i;
                t->rl_copy = 0;
                continue;
            }
            if (c == 128) { t->done = 1; break; }
            if (c < 128) t->rl_copy = c + 1;
            else { t->rl_copy = -1; t->rl_rep = 257 - c; }
        }
        break;
    case F_RC4:
        for (; i < n;) {
            size_t m = n - i > STAGE_BUF ? STAGE_BUF : n - i;
            arcfour_crypt(&t->rc4, m, t->out, in + i);
            i += m;
            if (!emit(s, k, t->out, m)) break;
        }
        break;
    case F_AES:
        for (; i < n; i++) {
            t->block[t->nblock++] = in[i];
            if (t->nblock < 16) continue;
            t->nblock = 0;
            if (!t->have_iv) { memcpy(t->iv, t->block, 16); t->have_iv = 1; continue; }
            unsigned char plain[16];
            if (t->aes_bits == 256)
                cbc_decrypt(&t->aes256, (nettle_cipher_func *)aes256_decrypt, 16, t->iv, 16, plain, t->block);
            else
                cbc_decrypt(&t->aes128, (nettle_cipher_func *)aes128_decrypt, 16, t->iv, 16, plain, t->block);
            for (int j = 0; j < 16; j++)
                if (!put(s, k, plain[j])) return (int)i;
        }
        break;
    case F_LZW:
        for (; i < n && !t->done; i++) {
            t->bits = t->bits << 8 | in[i];
            t->nbits += 8;
            while (t->nbits >= t->width && !t->done) {
                int code = (int)(t->bits >> (t->nbits - t->width)) & ((1 << t->width) - 1);
                t->nbits -= t->width;
                if (code == 256) { t->next = 258; t->width = 9; t->prev = -1; continue; }
                if (code == 257) { t->done = 1; break; }
                if (t->prev < 0) {
                    if (code > 255) { t->done = 1; break; }
                    if (!lzw_string(s, k, code)) return (int)i;
                } else {
                    if (code > t->next) { t->done = 1; break; }
                    unsigned char first = code < t->next ? lzw_first(t, code) : lzw_first(t, t->prev);
                    if (t->next < 4096) {
                        t->prefix[t->next] = (uint16_t)t->prev;
                        t->last[t->next] = first;
                        t->len[t->next] = (uint16_t)(t->len[t->prev] + 1);
                        t->next++;
                    }
                    if (!lzw_string(s, k, code < t->next ? code : t->next - 1)) return (int)i;
                }
                t->prev = code;
                int grow = t->next + t->early;
                t->width = grow >= 2048 ? 12 : grow >= 1024 ? 11 : grow >= 512 ? 10 : 9;
            }
        }
        break;
    }
    return (int)i;
}

/* Flush the stages' buffered output, first to last (the chain's end of data). */
static void chain_flush(scan *s)
{
    for (int k = 0; k < s->nst && !s->over; k++) {
        stage *t = &s->st[k];
        if (t->nout) { size_t n = t->nout; t->nout = 0; emit(s, k, t->out, n); }
    }
}

/* Free the stages of the chain. */
static void chain_end(scan *s)
{
    for (int k = 0; k < s->nst; k++) {
        stage *t = &s->st[k];
        if (t->zinit) inflateEnd(&t->z);
        free(t->out);
        free(t->prefix);
        free(t->last);
        free(t->len);
        memset(t, 0, sizeof *t);
    }
    s->nst = 0;
}

/* The standard padding of a password (PDF 1.7, 7.6.3.3, algorithm 2). */
static const unsigned char pdf_pad[32] = {
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A};

/* Stage t's key for the stream of object s->obj, s->gen (algorithm 1; AESV3: the file key). */
static void object_key(scan *s, stage *t)
{
    unsigned char k[16];
    const pdf_crypt *c = &s->cr;
    if (c->aes == 256) {
        aes256_set_decrypt_key(&t->aes256, c->key);
        t->aes_bits = 256;
        return;
    }
    struct md5_ctx m;
    unsigned char tail[9] = {(unsigned char)s->obj, (unsigned char)(s->obj >> 8), (unsigned char)(s->obj >> 16),
                             (unsigned char)s->gen, (unsigned char)(s->gen >> 8), 's', 'A', 'l', 'T'};
    md5_init(&m);
    md5_update(&m, (size_t)c->keylen, c->key);
    md5_update(&m, c->aes ? 9 : 5, tail);
    md5_digest(&m, 16, k);
    size_t n = (size_t)c->keylen + 5 > 16 ? 16 : (size_t)c->keylen + 5;
    if (c->aes) { aes128_set_decrypt_key(&t->aes128, k); t->aes_bits = 128; }
    else arcfour_set_key(&t->rc4, n, k);
}

/*
** A PDF string at p (literal, with its escapes, or hex) into out (at most
** cap bytes); its length, -1 when p holds no string.
*/
static int read_string(const char *p, const char *end, unsigned char *out, int cap)
{
    int n = 0;
    p = skip_ws(p, end);
    if (p < end && *p == '<') {
        int nib = -1;
        for (p++; p < end && *p != '>'; p++) {
            int v = hexval((unsigned char)*p);
            if (v < 0) continue;
            if (nib < 0) nib = v;
            else { if (n < cap) out[n++] = (unsigned char)(nib << 4 | v); nib = -1; }
        }
        if (nib >= 0 && n < cap) out[n++] = (unsigned char)(nib << 4);
        return n;
    }
    if (p >= end || *p != '(') return -1;
    int nest = 1;
    for (p++; p < end; p++) {
        int c = (unsigned char)*p;
        if (c == '\\' && p + 1 < end) {
            c = (unsigned char)*++p;
            if (c >= '0' && c <= '7') {
                int v = 0;
                for (int j = 0; j < 3 && p < end && *p >= '0' && *p <= '7'; j++) v = v * 8 + (*p++ - '0');
                p--;
                c = v & 255;
            } else if (c == 'n') c = '\n';
            else if (c == 'r') c = '\r';
            else if (c == 't') c = '\t';
            else if (c == 'b') c = '\b';
            else if (c == 'f') c = '\f';
            else if (c == '\r' || c == '\n') {                        /* a line continuation */
                if (c == '\r' && p + 1 < end && p[1] == '\n') p++;
                continue;
            }
        } else if (c == '(') nest++;
        else if (c == ')' && --nest == 0) break;
        if (n < cap) out[n++] = (unsigned char)c;
    }
    return n;
}

/* The value after the last "/key" (a name token) in d[0, n), or NULL. */
static const char *dict_value(const char *d, size_t n, const char *key)
{
    const char *hit = NULL, *end = d + n;
    size_t m = strlen(key);
    for (const char *p = d; (p = bytes_find(p, (size_t)(end - p), key, m)) != NULL; p += m)
        if (p > d && p[-1] == '/' && (p + m == end || is_ws((unsigned char)p[m]) || is_delim((unsigned char)p[m])))
            hit = p + m;
    return hit;
}

/* An integer (maybe negative) at p, or dflt. */
static long long dict_int(const char *p, const char *end, long long dflt)
{
    if (!p) return dflt;
    p = skip_ws(p, end);
    int neg = p < end && *p == '-';
    if (neg || (p < end && *p == '+')) p++;
    if (p >= end || *p < '0' || *p > '9') return dflt;
    long long v = 0;
    for (int d = 0; p < end && *p >= '0' && *p <= '9' && d < 18; p++, d++) v = v * 10 + (*p - '0');
    return neg ? -v : v;
}

/*
** The /Length of the stream whose dictionary is [d, d + n): a direct integer,
** or an indirect "N G R" looked up in the object index; -1 when neither.
*/
static long long stream_length(scan *s, const char *d, size_t n)
{
    const char *end = d + n, *v = dict_value(d, n, "Length"), *a, *b;
    if (!v) return -1;
    long num = read_uint(skip_ws(v, end), end, &a);
    if (num < 0) return -1;
    const char *g = skip_ws(a, end);
    if (read_uint(g, end, &b) < 0 || (b = skip_ws(b, end)) >= end || *b != 'R') return num;
    size_t at = object_at(s, num);
    return at ? dict_int(s->data + at, s->data + s->len, -1) : -1;
}

/* SHA-256, -384 or -512 of data (bits 256, 384, 512) into out. */
static void sha2(int bits, const unsigned char *data, size_t n, unsigned char *out)
{
    if (bits == 256) { struct sha256_ctx c; sha256_init(&c); sha256_update(&c, n, data); sha256_digest(&c, 32, out); }
    else if (bits == 384) { struct sha384_ctx c; sha384_init(&c); sha384_update(&c, n, data); sha384_digest(&c, 48, out); }
    else { struct sha512_ctx c; sha512_init(&c); sha512_update(&c, n, data); sha512_digest(&c, 64, out); }
}

/* Algorithm 2.B (ISO 32000-2) of the empty password with salt, into hash[32]. */
static void hash_2b(const unsigned char *salt, unsigned char *hash)
{
    unsigned char k[64], k1[64 * 64], e[64 * 64];
    int klen = 32;
    sha2(256, salt, 8, k);
    for (int round = 0;; round++) {
        size_t n1 = (size_t)klen;                         /* password (empty) + K + no user data */
        for (int j = 0; j < 64; j++) memcpy(k1 + j * n1, k, n1);
        size_t n = n1 * 64;
        struct aes128_ctx a;
        unsigned char iv[16];
        aes128_set_encrypt_key(&a, k);
        memcpy(iv, k + 16, 16);
        cbc_encrypt(&a, (nettle_cipher_func *)aes128_encrypt, 16, iv, n, e, k1);
        int mod = 0;
        for (int j = 0; j < 16; j++) mod += e[j];
        int bits = mod % 3 == 0 ? 256 : mod % 3 == 1 ? 384 : 512;
        sha2(bits, e, n, k);
        klen = bits / 8;
        if (round + 1 >= 64 && e[n - 1] <= round + 1 - 32) break;
    }
    memcpy(hash, k, 32);
}

/*
** The file key of an encrypted PDF for the empty user password (the
** standard security handler, revisions 2-6) from the /Encrypt dictionary at
** p and the first string of the trailer's /ID (id[0, nid)), into *c; c->on
** stays 0 when it cannot be derived (another handler, a user password:
** poppler then refuses the file itself).
*/
static void crypt_dict(scan *s, const char *p, const unsigned char *id, int nid, pdf_crypt *c)
{
    const char *end = s->data + s->len;
    memset(c, 0, sizeof *c);
    p = skip_ws(p, end);
    if (end - p < 2 || p[0] != '<' || p[1] != '<') return;
    /* the dictionary: up to its matching ">>" (nested ones for /CF) */
    const char *q = p;
    int depth = 0, closed = 0;
    for (; q + 1 < end; q++) {
        if (q[0] == '<' && q[1] == '<') { depth++; q++; }
        else if (q[0] == '>' && q[1] == '>') { q++; if (--depth == 0) { closed = 1; break; } }
        else if (q[0] == '(') {                                     /* a string may hold >> */
            int nest = 0;
            for (; q < end; q++) {
                if (*q == '\\') { q++; continue; }
                if (*q == '(') nest++;
                else if (*q == ')' && --nest == 0) break;
            }
            if (q >= end) break;                                    /* an unclosed string */
        }
    }
    if (!closed) return;          /* an unterminated dictionary (poppler refuses the file itself) */
    size_t dn = (size_t)(q - p);
    const char *dend = p + dn;
    int v = (int)dict_int(dict_value(p, dn, "V"), dend, 0);
    int r = (int)dict_int(dict_value(p, dn, "R"), dend, 0);
    long long perm = dict_int(dict_value(p, dn, "P"), dend, 0);
    int bits = (int)dict_int(dict_value(p, dn, "Length"), dend, 40);
    unsigned char o[48], u[48], ue[32];
    int no = read_string(dict_value(p, dn, "O") ? dict_value(p, dn, "O") : dend, dend, o, 48);
    int nu = read_string(dict_value(p, dn, "U") ? dict_value(p, dn, "U") : dend, dend, u, 48);
    const char *em = dict_value(p, dn, "EncryptMetadata");
    int meta = !(em && *skip_ws(em, dend) == 'f');
    const char *cfm = dict_value(p, dn, "CFM");
    char method[16] = "";
    if (cfm && *(cfm = skip_ws(cfm, dend)) == '/') read_name(cfm + 1, dend, method, sizeof method);
    if (v >= 5 || r >= 5) {                                        /* AESV3: the key from /UE */
        int nue = read_string(dict_value(p, dn, "UE") ? dict_value(p, dn, "UE") : dend, dend, ue, 32);
        if (nu < 48 || nue < 32) return;
        unsigned char h[32], iv[16] = {0};
        if (r == 5) sha2(256, u + 40, 8, h);
        else hash_2b(u + 40, h);
        struct aes256_ctx a;
        aes256_set_decrypt_key(&a, h);
        cbc_decrypt(&a, (nettle_cipher_func *)aes256_decrypt, 16, iv, 32, c->key, ue);
        c->keylen = 32;
        c->aes = 256;
        c->on = 1;
        return;
    }
    if (no < 32 || r < 2) return;
    int n = r == 2 ? 5 : bits / 8;
    if (n < 5 || n > 16) n = r == 2 ? 5 : 16;
    unsigned char pb[4] = {(unsigned char)perm, (unsigned char)(perm >> 8), (unsigned char)(perm >> 16),
                           (unsigned char)(perm >> 24)};
    static const unsigned char ff[4] = {0xff, 0xff, 0xff, 0xff};
    unsigned char k[16];
    struct md5_ctx m;
    md5_init(&m);
    md5_update(&m, 32, pdf_pad);
    md5_update(&m, 32, o);
    md5_update(&m, 4, pb);
    md5_update(&m, (size_t)nid, id);
    if (r >= 4 && !meta) md5_update(&m, 4, ff);
    md5_digest(&m, 16, k);
    if (r >= 3)
        for (int j = 0; j < 50; j++) { md5_init(&m); md5_update(&m, (size_t)n, k); md5_digest(&m, 16, k); }
    memcpy(c->key, k, (size_t)n);
    c->keylen = n;
    c->aes = v == 4 && !strcmp(method, "AESV2") ? 128 : 0;
    c->on = !(v == 4 && !strcmp(method, "None"));
}

/* The dictionary an /Encrypt value at enc names: itself, or object N's (last) definition; NULL none. */
static const char *encrypt_dict(scan *s, const char *enc)
{
    const char *end = s->data + s->len, *p = skip_ws(enc, end), *a;
    if (p < end && *p >= '0' && *p <= '9') {                       /* /Encrypt N G R */
        size_t at = object_at(s, read_uint(p, end, &a));
        return at ? s->data + at : NULL;
    }
    return p;
}

/*
** 1 when a stage of the chain has ended (its end of data, or damage): the
** stages after it get nothing more, so nothing more is read (poppler's
** filters pull their input, and stop pulling there too).
*/
static int chain_done(const scan *s)
{
    for (int k = 0; k < s->nst; k++)
        if (s->st[k].done) return 1;
    return 0;
}

/*
** Decode the stream whose data starts at body through chain[0, n) (up to its
** first undecodable filter), decrypted first when crypted, counting into the
** budgets; no byte at or past stop is read (the end of a crypted stream, the
** end of the file otherwise). JX_OK, or the error.
*/
static jx_status decode_stream(scan *s, size_t body, size_t stop, const int *chain, int n, int early,
                               int crypted)
{
    s->nst = 0;
    int kinds[JX_PDF_MAX_FILTERS + 1], nk = 0;
    if (crypted) kinds[nk++] = s->cr.aes ? F_AES : F_RC4;
    for (int k = 0; k < n && chain[k] != F_STOP; k++)
        if (chain[k] != F_CRYPT) kinds[nk++] = chain[k];
    /* a deflate stream with a bad zlib header decodes to nothing (zlib and
       poppler both refuse it at once): not worth a decoder */
    if (!crypted && nk > 0 && kinds[0] == F_FLATE) {
        const unsigned char *h = (const unsigned char *)s->data + body;
        if (stop - body < 2 || (h[0] & 0x0f) != 8 || ((h[0] << 8) | h[1]) % 31 != 0) return JX_OK;
    }
    for (int k = 0; k < nk; k++) {
        stage *t = &s->st[s->nst++];
        memset(t, 0, sizeof *t);
        t->kind = kinds[k];
        t->nib = -1;
        t->out = malloc(STAGE_BUF);
        if (!t->out) { chain_end(s); return jx_error_set(s->err, JX_ESYS, s->file, 0, "out of memory"); }
        if (t->kind == F_FLATE) {
            if (inflateInit(&t->z) != Z_OK) {
                chain_end(s);
                return jx_error_set(s->err, JX_ESYS, s->file, 0, "zlib: cannot start inflating");
            }
            t->zinit = 1;
        } else if (t->kind == F_LZW) {
            t->prefix = malloc(4096 * sizeof *t->prefix);
            t->last = malloc(4096);
            t->len = malloc(4096 * sizeof *t->len);
            if (!t->prefix || !t->last || !t->len) {
                chain_end(s);
                return jx_error_set(s->err, JX_ESYS, s->file, 0, "out of memory");
            }
            for (int c = 0; c < 256; c++) { t->prefix[c] = 0; t->last[c] = (unsigned char)c; t->len[c] = 1; }
            t->width = 9;
            t->next = 258;
            t->prev = -1;
            t->early = early;
        } else if (t->kind == F_RC4 || t->kind == F_AES) {
            object_key(s, t);
        }
    }
    size_t at = body;
    while (s->nst && at < stop && !chain_done(s) && !s->over) {
        size_t n0 = stop - at > STAGE_BUF ? STAGE_BUF : stop - at;
        size_t used = (size_t)push(s, 0, (const unsigned char *)s->data + at, n0);
        at += used;
        s->in_total += used;
        if (s->in_total > s->in_budget && !s->over) {
            s->over = 1;
            jx_error_set(s->err, JX_EINPUT, s->file, 0,
                         "object %ld: the PDF's streams overlap (their data decodes past twice the "
                         "file's bytes): a damaged or hostile file", s->obj);
        }
        if (used == 0) break;
    }
    chain_flush(s);   /* the stages' buffered tails, to the end of the chain */
    chain_end(s);
    return s->over ? s->err->status : JX_OK;
}

/*
** chain[0, n) normalised into *c: Crypt dropped (the decryption is a stage
** of its own), cut at its first undecodable filter. 1 when it holds a
** validating decoder (Flate, LZW: garbage ends them within bytes, so one can
** be tried on every stream for the price of a glance).
*/
static int chain_norm(const int *chain, int n, int early, chain_t *c)
{
    int validating = 0, lzw = 0;
    memset(c, 0, sizeof *c);
    for (int k = 0; k < n && chain[k] != F_STOP; k++) {
        if (chain[k] == F_CRYPT) continue;
        c->kind[c->n++] = chain[k];
        if (chain[k] == F_FLATE) validating = 1;
        if (chain[k] == F_LZW) validating = lzw = 1;
    }
    c->early = lzw ? early : 1;
    return validating;
}

static int chain_eq(const chain_t *a, const chain_t *b)
{
    return a->n == b->n && a->early == b->early && !memcmp(a->kind, b->kind, (size_t)a->n * sizeof *a->kind);
}

/* Add a validating chain to s->chains (once); -1 when the set is full. */
static int chain_add(scan *s, const int *chain, int n, int early)
{
    chain_t c;
    if (!chain_norm(chain, n, early, &c)) return 0;
    for (int i = 0; i < s->nchains; i++)
        if (chain_eq(&s->chains[i], &c)) return 0;
    if (s->nchains == MAX_CHAINS) return -1;
    s->chains[s->nchains++] = c;
    return 0;
}

static int key_eq(const pdf_crypt *a, const pdf_crypt *b)
{
    return a->on == b->on && a->aes == b->aes && a->keylen == b->keylen &&
           !memcmp(a->key, b->key, (size_t)a->keylen);
}

/* Add a derived key to s->keys (once); -1 when the set is full. */
static int key_add(scan *s, const pdf_crypt *c)
{
    if (!c->on) return 0;
    for (int i = 0; i < s->nkeys; i++)
        if (key_eq(&s->keys[i], c)) return 0;
    if (s->nkeys == MAX_KEYS) return -1;
    s->keys[s->nkeys++] = *c;
    return 0;
}

static int long_cmp(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

/*
** Every way the file's text lets poppler read a stream, whatever the pre-scan
** makes of the object a stream belongs to: into s->chains every filter chain
** any /Filter anywhere names (FlateDecode always; an indirect /Filter by each
** textual definition of its object, not only the last one: poppler takes
** the cross-reference table's), and into s->keys the key of each /Encrypt
** dictionary with each trailer /ID (a decoy later in the file, a comment
** or a string, no longer hides the real key); the primary key (the last
** /Encrypt, the last /ID) into s->cr. *encrypted as jx_pdf_scan's. JX_OK,
** or the error when the file names more than MAX_CHAINS chains or MAX_KEYS
** /Encrypt, /ID or keys.
*/
static jx_status collect_ways(scan *s, int *encrypted)
{
    const char *d = s->data, *end = d + s->len;
    const char *encs[MAX_KEYS];      /* the /Encrypt values, then the dictionaries they name */
    int nenc = 0, nids = 0, early0 = 0;
    long encref[MAX_KEYS];
    int nencref = 0;
    unsigned char ids[MAX_KEYS][64];
    int idlen[MAX_KEYS];
    int chain[JX_PDF_MAX_FILTERS] = {0};
    const char *last_enc = NULL;
    unsigned char last_id[64];
    int nlast_id = 0;
    const int flate = F_FLATE;
    chain_add(s, &flate, 1, 1);
    for (const char *p = d; p < end && (p = memchr(p, '/', (size_t)(end - p))) != NULL;) {
        char name[64];
        const char *v = read_name(p + 1, end, name, sizeof name);
        p = v;
        if (!strcmp(name, "Filter")) {
            int n = read_filters(s, v, end, chain, 0);
            if (chain_add(s, chain, n < 0 ? JX_PDF_MAX_FILTERS : n, 1) < 0) goto chains;
        } else if (!strcmp(name, "EarlyChange")) {
            early0 = 1;
        } else if (!strcmp(name, "Encrypt")) {
            last_enc = v;
            const char *q = skip_ws(v, end), *a;
            if (q < end && *q >= '0' && *q <= '9') {
                long num = read_uint(q, end, &a);
                int seen = 0;
                for (int i = 0; i < nencref; i++) seen |= encref[i] == num;
                if (seen || num < 0) continue;
                if (nencref == MAX_KEYS) goto keys;
                encref[nencref++] = num;
            } else if (q + 1 < end && q[0] == '<' && q[1] == '<') {
                if (nenc == MAX_KEYS) goto keys;
                encs[nenc++] = q;
            }
        } else if (!strcmp(name, "ID")) {
            const char *q = skip_ws(v, end);
            unsigned char id[64];
            int k = q < end && *q == '[' ? read_string(q + 1, end, id, 64) : -1;
            if (k < 0) continue;
            memcpy(last_id, id, (size_t)k);
            nlast_id = k;
            int seen = 0;
            for (int i = 0; i < nids; i++) seen |= idlen[i] == k && !memcmp(ids[i], id, (size_t)k);
            if (seen) continue;
            if (nids == MAX_KEYS) goto keys;
            memcpy(ids[nids], id, (size_t)k);
            idlen[nids++] = k;
        }
    }
    /* every definition of the objects an indirect /Filter or /Encrypt names */
    if (s->nrefs || nencref) {
        if (s->nrefs) qsort(s->refs, s->nrefs, sizeof *s->refs, long_cmp);
        for (const char *p = d; (p = bytes_find(p, (size_t)(end - p), "obj", 3)) != NULL; p += 3) {
            long gen, num = obj_token(d, p, end, &gen);
            if (num < 0) continue;
            const char *first = skip_ws(p + 3, end);
            if (s->nrefs && bsearch(&num, s->refs, s->nrefs, sizeof *s->refs, long_cmp)) {
                int n = read_filters(s, first, end, chain, 1);
                if (n != 0 && chain_add(s, chain, n < 0 ? JX_PDF_MAX_FILTERS : n, 1) < 0) goto chains;
            }
            for (int i = 0; i < nencref; i++) {
                if (encref[i] != num) continue;
                if (nenc == MAX_KEYS) goto keys;
                encs[nenc++] = first;
            }
        }
    }
    /* LZW chains with EarlyChange 0 too, when the file says it anywhere */
    for (int i = 0, n = s->nchains; early0 && i < n; i++) {
        chain_t *c = &s->chains[i];
        int lzw = 0;
        for (int k = 0; k < c->n; k++) lzw |= c->kind[k] == F_LZW;
        if (lzw && chain_add(s, c->kind, c->n, 0) < 0) goto chains;
    }
    if (!last_enc) return JX_OK;
    for (int e = 0; e < nenc; e++) {
        for (int i = 0; i < (nids ? nids : 1); i++) {
            pdf_crypt c;
            crypt_dict(s, encs[e], nids ? ids[i] : last_id, nids ? idlen[i] : 0, &c);
            if (key_add(s, &c) < 0) goto keys;
            if (c.aes == 256) break;                               /* AESV3: no /ID in its key */
        }
    }
    const char *dict = encrypt_dict(s, last_enc);
    if (dict) crypt_dict(s, dict, last_id, nlast_id, &s->cr);
    *encrypted = s->cr.on || s->nkeys ? 1 : 2;
    return JX_OK;
chains:
    return jx_error_set(s->err, JX_EINPUT, s->file, 0,
                        "the PDF names more than %d different filter chains: a damaged or hostile file",
                        MAX_CHAINS);
keys:
    return jx_error_set(s->err, JX_EINPUT, s->file, 0,
                        "the PDF names more than %d /Encrypt dictionaries or /ID strings: a damaged or "
                        "hostile file", MAX_KEYS);
}

/*
** The number of objects the PDF's last trailer declares (/Size, in a trailer
** dictionary or a cross-reference stream's), -1 when it cannot be found (the
** parser then rebuilds the table from the objects in the file, which the
** file's size bounds). Looks only at the end of the file and the MB after
** startxref.
*/
static long pdf_declared_objects(const char *data, size_t len)
{
    size_t tail = len > 2048 ? len - 2048 : 0;
    const char *sx = NULL;
    for (size_t i = tail; i + 9 <= len; i++)
        if (!memcmp(data + i, "startxref", 9)) sx = data + i;
    if (!sx) return -1;
    const char *q = sx + 9, *end = data + len;
    while (q < end && (*q == ' ' || *q == '\r' || *q == '\n' || *q == '\t')) q++;
    unsigned long long off = 0;
    int digits = 0;
    while (q < end && *q >= '0' && *q <= '9' && digits < 19) { off = off * 10 + (unsigned)(*q++ - '0'); digits++; }
    if (!digits || off >= len) return -1;
    /* the trailer follows the xref table; a cross-reference stream's dictionary opens it */
    size_t from = (size_t)off, to = len - from > 1048576 ? from + 1048576 : len;
    const char *sz = bytes_find(data + from, to - from, "/Size", 5);
    if (!sz) return -1;
    const char *p = sz + 5;
    while (p < end && (*p == ' ' || *p == '\r' || *p == '\n' || *p == '\t')) p++;
    long n = 0;
    digits = 0;
    while (p < end && *p >= '0' && *p <= '9' && digits < 18) { n = n * 10 + (*p++ - '0'); digits++; }
    return digits ? n : -1;
}

jx_status jx_pdf_scan(const char *data, size_t len, const char *file, int *encrypted, jx_error *err)
{
    *encrypted = 0;
    long objects = pdf_declared_objects(data, len);
    if (objects > JX_MAX_PDF_OBJECTS)
        return jx_error_set(err, JX_EINPUT, file, 0,
                            "the PDF declares %ld objects (trailer /Size), more than the %ld "
                            "allowed (JX_MAX_PDF_OBJECTS)", objects, JX_MAX_PDF_OBJECTS);
    scan s;
    memset(&s, 0, sizeof s);
    s.data = data;
    s.len = len;
    s.file = file;
    s.err = err;
    s.in_budget = 2ull * len + 65536;
    /* The chains and keys any stream may be read with; the primary key (a
       trailer's /Encrypt, the last one): the streams are ciphertext, decrypted
       first with the key of the empty user password when it can be derived */
    jx_status st = collect_ways(&s, encrypted);
    long decodes = 0;
    size_t from = 0;       /* where the next stream's dictionary may start */
    size_t next_end = 0;   /* the first "endstream" at or after the last crypted stream's data */
    long obj = -1, gen = 0;
    size_t i = 0;
    while (st == JX_OK && i + 6 < len) {
        const char *hit = bytes_find(data + i, len - i, "stream", 6);
        if (!hit) break;
        size_t at = (size_t)(hit - data), body = at + 6;
        i = body;
        if (at >= 3 && !memcmp(data + at - 3, "end", 3)) { from = body; continue; }   /* endstream */
        /* the keyword ends its line (spaces before the end of line, as poppler allows) */
        size_t b = body;
        while (b < len && (data[b] == ' ' || data[b] == '\t')) b++;
        if (b < len && data[b] == '\r') b++;
        if (b < len && data[b] == '\n') b++;
        if (b == body || (data[b - 1] != '\n' && data[b - 1] != '\r')) continue;
        body = b;

        /* the last "N G obj" in [from, at): the object of this stream */
        size_t dict = from;
        for (const char *o = data + from; (o = bytes_find(o, (size_t)(hit - o), "obj", 3)) != NULL; o += 3) {
            long g, num = obj_token(data, o, data + len, &g);
            if (num < 0) continue;                                  /* /Xobj, endobj: no object */
            obj = num;
            gen = g;
            dict = (size_t)(o + 3 - data);
        }
        from = body;
        int chain[JX_PDF_MAX_FILTERS] = {0}, early = 1, xref = 0;
        int n = dict_filters(&s, data + dict, at - dict, chain, &early, &xref);
        s.obj = obj;
        s.gen = gen;
        if (n < 0) {
            st = jx_error_set(err, JX_EINPUT, file, 0, "object %ld: a stream with more than %d filters",
                              obj, JX_PDF_MAX_FILTERS);
            break;
        }
        int crypted = s.cr.on && !xref && obj >= 0;
        /* A decryption stage has no end of its own (Flate's has): it reads the
           stream's /Length, or up to the first "endstream" when that is unknown
           (found again only past the last one found: linear together). */
        size_t stop = len;
        if (crypted) {
            long long slen = stream_length(&s, data + dict, at - dict);
            if (slen >= 0 && (unsigned long long)slen <= len - body) {
                stop = body + (size_t)slen;
            } else {
                if (next_end < body) {
                    const char *e = bytes_find(data + body, len - body, "endstream", 9);
                    next_end = e ? (size_t)(e - data) : len;
                }
                stop = next_end;
            }
        }
        if (n > 0) st = decode_stream(&s, body, stop, chain, n, early, crypted);
        /* Then every other way the file lets poppler read it (each chain the
           file names, plain and with each key): a /Filter the dictionary scan
           missed (hidden behind an "obj" or "stream" in a string, a later
           decoy definition) or a key it got wrong still decodes the bomb.
           Each decodes to its chain's end, which comes within bytes for a
           wrong way (a bad zlib header: not even started). */
        chain_t primary;
        int has_primary = n > 0 && chain_norm(chain, n, early, &primary);
        pdf_crypt cr = s.cr;
        for (int c = 0; c < s.nchains && st == JX_OK; c++) {
            for (int k = -1; k < s.nkeys && st == JX_OK; k++) {
                int dec = k >= 0 && !xref && (obj >= 0 || s.keys[k].aes == 256);
                if (k >= 0 && !dec) continue;
                if (has_primary && chain_eq(&primary, &s.chains[c]) && dec == crypted &&
                    (!dec || key_eq(&s.keys[k], &cr)))
                    continue;                                       /* the way just taken */
                if (++decodes > MAX_DECODES) {
                    st = jx_error_set(err, JX_EINPUT, file, 0,
                                      "the PDF's %d filter chains and %d keys make more than %ld stream "
                                      "decodings: a damaged or hostile file", s.nchains, s.nkeys, MAX_DECODES);
                    break;
                }
                if (dec) s.cr = s.keys[k];
                st = decode_stream(&s, body, len, s.chains[c].kind, s.chains[c].n, s.chains[c].early, dec);
                s.cr = cr;
            }
        }
        obj = -1;
    }
    free(s.index);
    free(s.rc);
    free(s.refs);
    return st;
}
