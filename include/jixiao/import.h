/*
** import.h - from a file on disk to forms: decode, read rows, parse forms.
*/
#ifndef JIXIAO_IMPORT_H
#define JIXIAO_IMPORT_H

#include "jixiao/error.h"
#include "jixiao/model.h"
#include "jixiao/rows.h"

/* Longest line accepted, in bytes: longer lines are rejected as bad input. */
#define JX_MAX_LINE_BYTES (1024 * 1024)

/*
** Parse the forms of a document already split into rows. file is the base
** name recorded in each form. Appends to *forms. A document with no form, or
** a form without an indicator table or target column, is JX_EINPUT.
*/
jx_status jx_parse_forms(const jx_rows *rows, const char *file,
                         jx_form_list *forms, jx_error *err);

/*
** Read path and parse it: forms appended to *forms, the SHA-256 of the raw
** bytes written to sha256_hex (65 bytes). Nothing is appended on error.
*/
jx_status jx_import_file(const char *path, jx_form_list *forms,
                         char sha256_hex[65], jx_error *err);

#endif
