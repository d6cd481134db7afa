/*
** office.h - Office formats: XLSX and DOCX import, XLSX and CSV export.
**
** Import: a workbook's worksheets and a Word document's tables become the
** same jx_rows the text layouts produce (one row per sheet row or table row,
** a merged range's value only in its first cell), and the same
** jx_parse_forms turns them into forms. There is one form logic for every
** format.
**
** Export: the official 申报表 layout, one worksheet per form, plus summary
** sheets (项目汇总, 指标汇总, 审核意见); or three CSV files. Every file is
** written under a temporary name and renamed into place.
*/
#ifndef JIXIAO_OFFICE_H
#define JIXIAO_OFFICE_H

#include <stddef.h>
#include "jixiao/error.h"
#include "jixiao/model.h"
#include "jixiao/rows.h"
#include "jixiao/rules.h"

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

/* One worksheet read as rows; line = the worksheet's 1-based row number. */
typedef struct jx_sheet {
    char *name;
    jx_rows rows;
} jx_sheet;

typedef struct jx_sheets {
    jx_sheet *items;
    size_t count, cap;
} jx_sheets;

void jx_sheets_free(jx_sheets *sheets);

/*
** The visible worksheets of an .xlsx in workbook order (appended to *out;
** the caller frees with jx_sheets_free, also on error). Shared strings,
** inline strings and cached formula results are read; numbers keep their
** value (15 significant digits), dates and percentages are shown as their
** format shows them (2019-01-01, 98.00%); a merged range keeps its value in
** the first cell only.
*/
jx_status jx_xlsx_read(const char *data, size_t len, const char *file,
                       jx_sheets *out, jx_error *err);

/*
** The body of a .docx as rows, appended to *rows: each paragraph outside a
** table is a one-cell row, each table row a row. A cell spanning columns
** (gridSpan) is followed by empty cells; a vertically merged continuation
** (vMerge) is empty. line counts the body's paragraphs and table rows.
*/
jx_status jx_docx_read(const char *data, size_t len, const char *file,
                       jx_rows *rows, jx_error *err);

/*
** Write the forms as a workbook to path (temporary file + rename): 项目汇总,
** 指标汇总 (autofilter), 审核意见 (findings; may be NULL) and one sheet per
** form in the official layout. The form sheets carry every field of the
** JSON export, so importing the workbook gives the same forms back.
*/
jx_status jx_export_xlsx(const jx_form_list *forms, const jx_findings *findings,
                         const char *path, jx_error *err);

/*
** Write forms.csv, indicators.csv and findings.csv (findings may be NULL:
** header only) into dir, creating dir if needed. UTF-8 with BOM, CRLF,
** RFC 4180 quoting; each file written atomically.
*/
jx_status jx_export_csv(const jx_form_list *forms, const jx_findings *findings,
                        const char *dir, jx_error *err);

/*
** A worksheet name Excel accepts, made from wanted: []:*?/\ replaced, no
** leading or trailing apostrophe, at most 31 characters, and different
** (case-insensitively) from the nused names in used. Written to out.
*/
void jx_xlsx_sheet_name(const char *wanted, const char *const *used, size_t nused,
                        char out[128]);

#endif
