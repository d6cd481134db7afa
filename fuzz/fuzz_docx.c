/*
** fuzz_docx.c - the DOCX reader on valid ZIP packages around a fuzzed
** word/document.xml, imported as `jixiao import` would.
*/
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "jixiao/import.h"
#include "jixiao/model.h"

static const char rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"word/document.xml\"/></Relationships>";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT) return 0;
    const char *names[] = {"_rels/.rels", "word/document.xml"};
    const char *parts[] = {rels, (const char *)data};
    size_t lens[] = {strlen(rels), size};
    size_t zlen = 0;
    char *zip = fuzz_zip(names, parts, lens, 2, &zlen);
    if (!zip) return 0;
    jx_form_list forms = {0};
    char sha[65];
    jx_error err;
    jx_error_clear(&err);
    jx_import_bytes("fuzz.docx", zip, zlen, &forms, sha, &err);
    jx_form_list_free(&forms);
    free(zip);
    return 0;
}
