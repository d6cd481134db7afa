/*
** error.c - the error record.
*/
#include "jixiao/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void jx_error_clear(jx_error *err)
{
    if (err) memset(err, 0, sizeof *err);
}

jx_status jx_error_set(jx_error *err, jx_status status, const char *file,
                       long line, const char *fmt, ...)
{
    if (!err) return status;
    err->status = status;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}

void jx_error_format(const jx_error *err, char *buf, size_t size)
{
    if (err->file[0] && err->line > 0)
        snprintf(buf, size, "%s:%ld: %s", err->file, err->line, err->message);
    else if (err->file[0])
        snprintf(buf, size, "%s: %s", err->file, err->message);
    else
        snprintf(buf, size, "%s", err->message);
}
