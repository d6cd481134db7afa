/*
** source.c - decode: from the bytes of a document to what the readers probe.
**
** The container is told by its magic bytes, never by the file name alone:
** "PK\3\4" is a ZIP package (an .xlsx or .docx when it holds their main part),
** "D0 CF 11 E0" an OLE compound file (a password-protected OOXML package or a
** legacy .xls/.doc, which no reader takes: refused with what to do), "%PDF-"
** a PDF. Everything else must decode as text (UTF-8 or GB18030).
*/
#include "read.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "jixiao/util.h"
#include "zipxml.h"

static const char zip_magic[4] = {'P', 'K', 3, 4};
static const unsigned char cfb_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
static const char pdf_magic[5] = {'%', 'P', 'D', 'F', '-'};

/* 1 when file ends in an extension that promises a ZIP container. */
static int zip_extension(const char *file)
{
    static const char *const exts[] = {".xlsx", ".xlsm", ".docx", ".docm", ".zip", NULL};
    size_t n = strlen(file);
    for (size_t i = 0; exts[i]; i++) {
        size_t k = strlen(exts[i]);
        if (n >= k && strcasecmp(file + n - k, exts[i]) == 0) return 1;
    }
    return 0;
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

/*
** A ZIP package: which Office parts it holds. A file with the ZIP magic that
** does not open as an archive is corrupt when its name promises a package,
** else it is left to the text decoder (which rejects binary data itself).
** Returns JX_OK with src->container set, or the error.
*/
static jx_status open_zip(jx_source *src, jx_error *err)
{
    jx_zip *zip;
    int promised = zip_extension(src->name);
    if (jx_zip_open(src->data, src->len, src->name, &zip, promised ? err : NULL) != JX_OK)
        return promised ? JX_EINPUT : JX_OK;
    src->container = JX_CONTAINER_ZIP;
    src->zip_xlsx = jx_zip_has(zip, "xl/workbook.xml");
    src->zip_docx = jx_zip_has(zip, "word/document.xml");
    int encrypted = jx_zip_has(zip, "EncryptedPackage");
    jx_zip_close(zip);
    if (src->zip_xlsx || src->zip_docx) return JX_OK;
    if (encrypted)
        return jx_error_set(err, JX_EINPUT, src->name, 0, "password-protected (encrypted) Office document");
    return jx_error_set(err, JX_EINPUT, src->name, 0,
                        "ZIP archive is neither an .xlsx workbook (xl/workbook.xml) nor a .docx "
                        "document (word/document.xml)");
}

int jx_source_is_container(const char *data, size_t len)
{
    return (len >= sizeof cfb_magic && memcmp(data, cfb_magic, sizeof cfb_magic) == 0) ||
           (len >= sizeof zip_magic && memcmp(data, zip_magic, sizeof zip_magic) == 0) ||
           (len >= sizeof pdf_magic && memcmp(data, pdf_magic, sizeof pdf_magic) == 0);
}

jx_status jx_source_open(const char *name, const char *data, size_t len,
                         jx_source *src, jx_error *err)
{
    memset(src, 0, sizeof *src);
    src->name = name;
    src->data = data;
    src->len = len;
    if (len >= sizeof cfb_magic && memcmp(data, cfb_magic, sizeof cfb_magic) == 0)
        return cfb_error(data, len, name, err);
    if (len >= sizeof zip_magic && memcmp(data, zip_magic, sizeof zip_magic) == 0) {
        jx_status st = open_zip(src, err);
        if (st != JX_OK || src->container == JX_CONTAINER_ZIP) return st;
    }
    if (len >= sizeof pdf_magic && memcmp(data, pdf_magic, sizeof pdf_magic) == 0) {
        src->container = JX_CONTAINER_PDF;
        return JX_OK;
    }
    src->container = JX_CONTAINER_TEXT;
    return jx_text_decode(data, len, name, &src->text, &src->textlen, err);
}

void jx_source_free(jx_source *src)
{
    free(src->text);
    src->text = NULL;
    src->textlen = 0;
}
