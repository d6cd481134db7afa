/*
** util.h - small helpers shared by the library.
**
** Allocation: the library treats running out of memory as fatal (like Redis's
** zmalloc): jx_xmalloc and friends print a message and abort instead of
** returning NULL, so callers need no NULL checks after them.
*/
#ifndef JIXIAO_UTIL_H
#define JIXIAO_UTIL_H

#include <stddef.h>
#include <stdio.h>
#include "jixiao/error.h"

void *jx_xmalloc(size_t n);
void *jx_xcalloc(size_t n, size_t size);
void *jx_xrealloc(void *p, size_t n);
char *jx_strdup(const char *s);           /* NULL -> NULL */
/*
** Room for one more element in a growable array of `count` elements of
** `elem` bytes with capacity *cap: when it is full, the capacity doubles
** (the first allocation holds 8) and the reallocated array is returned;
** otherwise items itself. The caller owns the array, as before the call.
**   v = jx_grow(v, &cap, n, sizeof *v); v[n++] = x;
*/
void *jx_grow(void *items, size_t *cap, size_t count, size_t elem);
char *jx_strndup(const char *s, size_t n);

/* 1 when s starts with prefix / ends with suffix (byte-wise). */
int jx_starts_with(const char *s, const char *prefix);
int jx_ends_with(const char *s, const char *suffix);

/* A growable byte buffer; data is always NUL-terminated. */
typedef struct jx_buf {
    char *data;
    size_t len;
    size_t cap;
} jx_buf;

void jx_buf_append(jx_buf *b, const char *s, size_t n);
void jx_buf_puts(jx_buf *b, const char *s);
void jx_buf_putc(jx_buf *b, char c);
void jx_buf_printf(jx_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Give up ownership of the data (never NULL) and reset the buffer. */
char *jx_buf_take(jx_buf *b);
void jx_buf_free(jx_buf *b);

/* The part of a path after the last '/'. Points into path. */
const char *jx_basename(const char *path);

/*
** Write bytes to path atomically: a temporary file beside it, fsync'd and
** renamed into place, so path never holds a half-written file.
*/
jx_status jx_write_file_atomic(const char *path, const char *data, size_t len,
                               jx_error *err);

/*
** The same guarantee for output written bit by bit: jx_atomic_open gives a
** FILE* on a temporary file beside path; jx_atomic_commit flushes, fsyncs
** and renames it over path (JX_ESYS and nothing replaced when any write
** failed); jx_atomic_abort removes it. Either of the two ends the file.
*/
typedef struct jx_atomic_file {
    FILE *fp;
    char *tmp;
    char *path;
    unsigned mode;
} jx_atomic_file;
jx_status jx_atomic_open(const char *path, jx_atomic_file *af, jx_error *err);
jx_status jx_atomic_commit(jx_atomic_file *af, jx_error *err);
void jx_atomic_abort(jx_atomic_file *af);

/*
** The same for writers that need a file name (libxlsxwriter): write the
** whole output to the file jx_atomic_temp names (malloc'd; the caller frees
** the name), then jx_atomic_place puts it at path (it removes the temporary
** file when it fails, as the caller must when it gives up before).
**
** Every one of these writes a device, FIFO or socket at path (-o /dev/null,
** a pipe) in place instead of renaming over it, and replaces the target of a
** symbolic link, not the link.
*/
char *jx_atomic_temp(const char *path, jx_error *err);
jx_status jx_atomic_place(const char *tmp, const char *path, jx_error *err);

/* Base64 (RFC 4648, padded): the encoding of data[0..len), malloc'd. */
char *jx_base64_encode(const void *data, size_t len);
/* The bytes of a base64 text (malloc'd, *len set), NULL when it is not base64. */
unsigned char *jx_base64_decode(const char *text, size_t *len);

#endif
