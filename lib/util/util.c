/*
** util.c - allocation, string and buffer helpers.
*/
#include "jixiao/util.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Out of memory is not recoverable here: say so and stop. */
static void jx_oom(size_t n)
{
    fprintf(stderr, "jixiao: out of memory allocating %zu bytes\n", n);
    abort();
}

void *jx_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) jx_oom(n);
    return p;
}

void *jx_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) jx_oom(n * size);
    return p;
}

void *jx_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) jx_oom(n);
    return q;
}

void *jx_grow(void *items, size_t *cap, size_t count, size_t elem)
{
    if (count < *cap) return items;
    size_t n = *cap ? *cap * 2 : 8;
    if (n < *cap || n > SIZE_MAX / (elem ? elem : 1)) jx_oom(SIZE_MAX);
    *cap = n;
    return jx_xrealloc(items, n * elem);
}

char *jx_strdup(const char *s)
{
    if (!s) return NULL;
    return jx_strndup(s, strlen(s));
}

char *jx_strndup(const char *s, size_t n)
{
    char *p = jx_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

int jx_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int jx_ends_with(const char *s, const char *suffix)
{
    size_t ls = strlen(s), lx = strlen(suffix);
    return ls >= lx && memcmp(s + ls - lx, suffix, lx) == 0;
}

/* Grow so that n more bytes and a NUL fit. */
static void jx_buf_reserve(jx_buf *b, size_t n)
{
    if (b->len + n + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n + 1) cap *= 2;
    b->data = jx_xrealloc(b->data, cap);
    b->cap = cap;
}

void jx_buf_append(jx_buf *b, const char *s, size_t n)
{
    jx_buf_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void jx_buf_puts(jx_buf *b, const char *s) { jx_buf_append(b, s, strlen(s)); }

void jx_buf_putc(jx_buf *b, char c) { jx_buf_append(b, &c, 1); }

/* Formatted once into the room the buffer has; only a piece that does not fit is formatted again. */
void jx_buf_printf(jx_buf *b, const char *fmt, ...)
{
    va_list ap;
    if (!b->data) jx_buf_reserve(b, 0);
    size_t room = b->cap - b->len;   /* with the NUL's byte */
    va_start(ap, fmt);
    int n = vsnprintf(b->data + b->len, room, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->data[b->len] = '\0';
        return;
    }
    if ((size_t)n >= room) {
        jx_buf_reserve(b, (size_t)n);
        va_start(ap, fmt);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    b->len += (size_t)n;
}

char *jx_buf_take(jx_buf *b)
{
    char *p = b->data ? b->data : jx_strdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void jx_buf_free(jx_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

const char *jx_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* ---- base64 (RFC 4648, with padding) */

static const char b64_digits[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *jx_base64_encode(const void *data, size_t len)
{
    const unsigned char *p = data;
    char *out = jx_xmalloc((len + 2) / 3 * 4 + 1), *o = out;
    for (size_t i = 0; i < len; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < len ? (unsigned)p[i + 1] << 8 : 0) |
                     (i + 2 < len ? p[i + 2] : 0);
        *o++ = b64_digits[v >> 18 & 63];
        *o++ = b64_digits[v >> 12 & 63];
        *o++ = i + 1 < len ? b64_digits[v >> 6 & 63] : '=';
        *o++ = i + 2 < len ? b64_digits[v & 63] : '=';
    }
    *o = '\0';
    return out;
}

/* The value of a base64 digit, -1 for any other byte. */
static int b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

unsigned char *jx_base64_decode(const char *text, size_t *len)
{
    size_t n = strlen(text);
    if (n % 4) return NULL;
    unsigned char *out = jx_xmalloc(n / 4 * 3 + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i += 4) {
        int v[4], pad = 0;
        for (int k = 0; k < 4; k++) {
            if (text[i + k] == '=' && i + 4 == n && k >= 2) { v[k] = 0; pad++; continue; }
            if (pad || (v[k] = b64_value((unsigned char)text[i + k])) < 0) { free(out); return NULL; }
        }
        unsigned w = (unsigned)v[0] << 18 | (unsigned)v[1] << 12 | (unsigned)v[2] << 6 | (unsigned)v[3];
        out[o++] = (unsigned char)(w >> 16);
        if (pad < 2) out[o++] = (unsigned char)(w >> 8);
        if (pad < 1) out[o++] = (unsigned char)w;
    }
    *len = o;
    return out;
}
