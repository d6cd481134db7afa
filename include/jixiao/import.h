/*
** import.h - from a document to forms and disclosure parts: the one import
** pipeline. decode -> probe the reader table -> rows -> parts.
*/
#ifndef JIXIAO_IMPORT_H
#define JIXIAO_IMPORT_H

#include "jixiao/error.h"
#include "jixiao/limits.h"   /* JX_MAX_FILE_BYTES: the largest document accepted */
#include "jixiao/model.h"
#include <stddef.h>

/*
** Import a document held in memory. name is its base name (recorded in each
** form and used in errors); data[0..len) its bytes, borrowed: any layout the
** reader table knows (markdown/TSV lines, one cell per line, .xlsx, .docx),
** UTF-8 or GB18030 text. Forms are appended to *forms, a department
** disclosure's tables and narratives to forms->disclosures; sha256_hex (65
** bytes) gets the SHA-256 of the bytes. Nothing is appended on error; the
** error names the file, the line (and worksheet) and what is wrong.
*/
jx_status jx_import_bytes(const char *name, const char *data, size_t len,
                          jx_form_list *forms, char sha256_hex[65], jx_error *err);

/*
** Read the regular file at path (at most JX_MAX_FILE_BYTES) and import it
** with jx_import_bytes under its base name.
*/
jx_status jx_import_file(const char *path, jx_form_list *forms,
                         char sha256_hex[65], jx_error *err);

#endif
