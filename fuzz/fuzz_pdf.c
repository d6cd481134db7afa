/*
** fuzz_pdf.c - the PDF reader (lib/read/pdf.c: poppler's text layer, the
** page rendering and its ruling lines, tables, merged cells, reading order)
** and the forms and disclosures the pipeline finds in its rows, on inputs
** that sniff as PDF ("%PDF-"). Every PDF input pays for poppler and a page
** render, hundreds of times the cost of a text input, so fuzz_import leaves
** PDF bytes to this target and stays fast on the text and Office layouts.
** Seeds: fuzz/seeds/pdf (small LibreOffice exports of tests/fixtures/pdf).
*/
#include "fuzz.h"

#include <string.h>

#include "jixiao/import.h"
#include "jixiao/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT || size < 5 || memcmp(data, "%PDF-", 5) != 0) return 0;
    jx_form_list forms = {0};
    char sha[65];
    jx_error err;
    jx_error_clear(&err);
    jx_import_bytes("fuzz.pdf", (const char *)data, size, &forms, sha, &err);
    jx_form_list_free(&forms);
    return 0;
}
