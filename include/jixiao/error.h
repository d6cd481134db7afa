/*
** error.h - status codes and the error record every fallible call fills.
**
** Invariant: a function returning JX_OK leaves *err untouched; any other
** status has set err->message (and file/line when the error is about input).
*/
#ifndef JIXIAO_ERROR_H
#define JIXIAO_ERROR_H

#include <stddef.h>

typedef enum jx_status {
    JX_OK = 0,
    JX_EINPUT = 1,  /* the input document is bad: file/line say where */
    JX_EUSAGE = 2,  /* the caller asked for something invalid */
    JX_ESYS = 3,    /* I/O or database failure */
    JX_ENOMEM = 4
} jx_status;

typedef struct jx_error {
    jx_status status;
    char file[256];      /* base name of the input file, "" if not about input */
    long line;           /* 1-based line in that file, 0 if unknown */
    char message[768];
} jx_error;

/* Clear an error record to "no error". */
void jx_error_clear(jx_error *err);

/*
** Record an error. file may be NULL; line 0 means "no line". Returns status
** so callers can write `return jx_error_set(err, JX_EINPUT, ...)`.
** err may be NULL (the error is then dropped).
*/
jx_status jx_error_set(jx_error *err, jx_status status, const char *file,
                       long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Format "file:line: message" (or just the message) into buf. */
void jx_error_format(const jx_error *err, char *buf, size_t size);

#endif
