/*
** fuzz_xlsx.c - the XLSX reader on valid ZIP packages around fuzzed XML:
** the input is split at "<!--part-->" into the worksheet, the shared
** strings, the styles and the workbook (missing pieces get a minimal valid
** part), packed into a real .xlsx and imported as `jixiao import` would.
*/
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "jixiao/import.h"
#include "jixiao/model.h"

#define RT "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
static const char rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" RT "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char wbrels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" RT "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" RT "sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" RT "styles\" Target=\"styles.xml\"/></Relationships>";
static const char workbook[] =
    "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"申报表\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT) return 0;
    char *pieces[4] = {0};
    size_t lens[4] = {0};
    size_t n = fuzz_split(data, size, pieces, lens, 4);
    const char *names[] = {"_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                           "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"};
    const char *parts[] = {rels, n > 3 ? pieces[3] : workbook, wbrels, pieces[0],
                           n > 1 ? pieces[1] : NULL, n > 2 ? pieces[2] : NULL};
    size_t plens[] = {strlen(rels), n > 3 ? lens[3] : strlen(workbook), strlen(wbrels), lens[0],
                      n > 1 ? lens[1] : 0, n > 2 ? lens[2] : 0};
    size_t zlen = 0;
    char *zip = fuzz_zip(names, parts, plens, 6, &zlen);
    if (zip) {
        jx_form_list forms = {0};
        char sha[65];
        jx_error err;
        jx_error_clear(&err);
        jx_import_bytes("fuzz.xlsx", zip, zlen, &forms, sha, &err);
        jx_form_list_free(&forms);
        free(zip);
    }
    for (size_t i = 0; i < n; i++) free(pieces[i]);
    return 0;
}
