/*
** import.h - from a file on disk to forms: decode, read rows, parse forms.
*/
#ifndef JIXIAO_IMPORT_H
#define JIXIAO_IMPORT_H

#include "jixiao/error.h"
#include "jixiao/model.h"
#include <stddef.h>

/*
** Read path and parse it: forms appended to *forms, the SHA-256 of the raw
** bytes written to sha256_hex (65 bytes). Nothing is appended on error.
*/
jx_status jx_import_file(const char *path, jx_form_list *forms,
                         char sha256_hex[65], jx_error *err);

typedef enum jx_office_kind {
    JX_OFFICE_NONE = 0,   /* not an Office container: read it as text */
    JX_OFFICE_ZIP,        /* a ZIP archive (.xlsx, .docx) */
    JX_OFFICE_CFB         /* an OLE compound file: encrypted OOXML or legacy .xls/.doc */
} jx_office_kind;

/*
** What container data[0..len) is, from its magic bytes. A file starting
** "PK\3\4" is JX_OFFICE_ZIP when it opens as an archive or its name ends in
** an Office extension (.xlsx/.xlsm/.docx/.docm/.zip); otherwise it is left to
** the text reader, which rejects binary data itself.
*/
jx_office_kind jx_office_sniff(const char *data, size_t len, const char *file);

/*
** Parse an Office document held in memory (file is its base name): forms
** appended to *forms, nothing appended on error. Worksheets that hold no
** form (no title, no indicator table, e.g. summary sheets) are skipped; a
** workbook with none at all is JX_EINPUT. Errors name the file, the row
** (worksheet row, or document row for DOCX) and, for a workbook, the sheet.
*/
jx_status jx_office_import(const char *data, size_t len, const char *file,
                           jx_form_list *forms, jx_error *err);

#endif
