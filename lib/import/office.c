/*
** office.c - Office documents to forms: recognise the container, read its
** rows (read/xlsx.c / read/docx.c), and hand them to jx_parse_forms.
**
** A workbook is parsed sheet by sheet so a form never runs from one sheet
** into the next and errors can name the sheet. Sheets that are plainly no
** form (no title row, no indicator table header of their own, e.g. the
** 项目汇总/指标汇总 lists this project exports) are skipped.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jixiao/import.h"
#include "form.h"
#include "read.h"
#include "text.h"
#include "jixiao/util.h"
#include "zipxml.h"

static const char zip_magic[4] = {'P', 'K', 3, 4};
static const unsigned char cfb_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

/* 1 when file ends in an extension that promises a ZIP container. */
static int office_extension(const char *file)
{
    static const char *const exts[] = {".xlsx", ".xlsm", ".docx", ".docm", ".zip", NULL};
    size_t n = strlen(file);
    for (size_t i = 0; exts[i]; i++) {
        size_t k = strlen(exts[i]);
        if (n >= k && strcasecmp(file + n - k, exts[i]) == 0) return 1;
    }
    return 0;
}

/* The container a file is, from its magic bytes (and name). */
jx_office_kind jx_office_sniff(const char *data, size_t len, const char *file)
{
    if (len >= sizeof cfb_magic && memcmp(data, cfb_magic, sizeof cfb_magic) == 0)
        return JX_OFFICE_CFB;
    if (len < sizeof zip_magic || memcmp(data, zip_magic, sizeof zip_magic) != 0)
        return JX_OFFICE_NONE;
    if (office_extension(file)) return JX_OFFICE_ZIP;
    jx_zip *zip;
    if (jx_zip_open(data, len, file, &zip, NULL) != JX_OK) return JX_OFFICE_NONE;
    jx_zip_close(zip);
    return JX_OFFICE_ZIP;
}

/* 1 when the UTF-16LE form of ascii occurs in data (a CFB directory name). */
static int has_utf16(const char *data, size_t len, const char *ascii)
{
    size_t n = strlen(ascii);
    if (len < 2 * n) return 0;
    for (size_t i = 0; i + 2 * n <= len; i++) {
        size_t k = 0;
        while (k < n && data[i + 2 * k] == ascii[k] && data[i + 2 * k + 1] == 0) k++;
        if (k == n) return 1;
    }
    return 0;
}

/* The error for an OLE compound file: encrypted OOXML or a legacy binary format. */
static jx_status cfb_error(const char *data, size_t len, const char *file, jx_error *err)
{
    if (has_utf16(data, len, "EncryptedPackage") || has_utf16(data, len, "EncryptionInfo"))
        return jx_error_set(err, JX_EINPUT, file, 0,
                            "password-protected (encrypted) Office document: remove the password "
                            "and save it again as .xlsx or .docx");
    return jx_error_set(err, JX_EINPUT, file, 0,
                        "legacy binary Office file (.xls/.doc, OLE compound document): "
                        "save it as .xlsx or .docx");
}

/* 1 when key is a form title (…绩效目标申报表 / …绩效目标表). */
static int title_key(const char *key)
{
    return jx_ends_with(key, "绩效目标申报表") || jx_ends_with(key, "绩效目标表");
}

/*
** 1 when a sheet holds a form: a title row, or an indicator table header
** that is not the header of a list (a list names 项目名称 in the same row).
*/
static int sheet_has_form(const jx_rows *rows)
{
    for (size_t r = 0; r < rows->count; r++) {
        const jx_row *row = &rows->items[r];
        int level1 = 0, listed = 0;
        for (int c = 0; c < row->ncells; c++) {
            if (!row->cells[c][0]) continue;
            char *key = jx_text_key(row->cells[c]);
            if (jx_row_filled(row) == 1 && title_key(key)) { free(key); return 1; }
            if (!strcmp(key, "一级指标") || !strcmp(key, "一级目标") || !strcmp(key, "分解目标内容"))
                level1 = 1;
            if (!strcmp(key, "项目名称")) listed = 1;
            free(key);
        }
        if (level1 && !listed) return 1;
    }
    return 0;
}

/* Prefix err's message with the worksheet it is about. */
static void name_sheet(jx_error *err, const char *sheet)
{
    if (!err || strstr(err->message, "worksheet \"")) return;
    jx_buf b = {0};
    jx_buf_printf(&b, "worksheet \"%s\": %s", sheet, err->message);
    size_t n = b.len < sizeof err->message - 1 ? b.len : sizeof err->message - 1;
    memcpy(err->message, b.data, n);
    err->message[n] = '\0';
    jx_buf_free(&b);
}

/* Parse every form sheet of a workbook. */
static jx_status import_xlsx(const char *data, size_t len, const char *file,
                             jx_form_list *forms, jx_error *err)
{
    jx_sheets sheets = {0};
    jx_status st = jx_xlsx_read(data, len, file, &sheets, err);
    size_t parsed = 0;
    for (size_t i = 0; st == JX_OK && i < sheets.count; i++) {
        if (!sheet_has_form(&sheets.items[i].rows)) continue;
        parsed++;
        st = jx_parse_forms(&sheets.items[i].rows, file, forms, err);
        if (st != JX_OK) name_sheet(err, sheets.items[i].name);
    }
    if (st == JX_OK && !parsed) {
        jx_buf names = {0};
        for (size_t i = 0; i < sheets.count && names.len < 200; i++)
            jx_buf_printf(&names, "%s\"%s\"", i ? ", " : "", sheets.items[i].name);
        st = jx_error_set(err, JX_EINPUT, file, 0,
                          "no performance-target form found: no worksheet (%s) has a form title "
                          "(…绩效目标申报表) or an indicator table (一级指标/二级指标/三级指标/指标值)",
                          names.len ? names.data : "none visible");
        jx_buf_free(&names);
    }
    jx_sheets_free(&sheets);
    return st;
}

/* Parse the rows of a Word document. */
static jx_status import_docx(const char *data, size_t len, const char *file,
                             jx_form_list *forms, jx_error *err)
{
    jx_rows rows = {0};
    jx_status st = jx_docx_read(data, len, file, &rows, err);
    if (st == JX_OK) st = jx_parse_forms(&rows, file, forms, err);
    jx_rows_free(&rows);
    return st;
}

/* Forms from an Office document in memory. */
jx_status jx_office_import(const char *data, size_t len, const char *file,
                           jx_form_list *forms, jx_error *err)
{
    if (jx_office_sniff(data, len, file) == JX_OFFICE_CFB) return cfb_error(data, len, file, err);
    jx_zip *zip;
    jx_status st = jx_zip_open(data, len, file, &zip, err);
    if (st != JX_OK) return st;
    int xlsx = jx_zip_has(zip, "xl/workbook.xml"), docx = jx_zip_has(zip, "word/document.xml");
    int encrypted = jx_zip_has(zip, "EncryptedPackage");
    jx_zip_close(zip);
    size_t before = forms->count;
    if (xlsx) st = import_xlsx(data, len, file, forms, err);
    else if (docx) st = import_docx(data, len, file, forms, err);
    else if (encrypted)
        st = jx_error_set(err, JX_EINPUT, file, 0, "password-protected (encrypted) Office document");
    else
        st = jx_error_set(err, JX_EINPUT, file, 0,
                          "ZIP archive is neither an .xlsx workbook (xl/workbook.xml) nor a .docx "
                          "document (word/document.xml)");
    if (st != JX_OK)
        while (forms->count > before) jx_form_free(forms->items[--forms->count]);
    return st;
}
