/*
** fuzz_import.c - the whole import pipeline on arbitrary bytes: container
** sniffing, decoding, every reader of the reader table (markdown/TSV lines,
** one cell per line, PDF-extractor runs and layout lines, XLSX, DOCX), the
** form parser, the indicator tree and the disclosure reader
** (jx_import_bytes, as `jixiao import` and the web upload call it).
** Inputs that sniff as PDF ("%PDF-") are left to fuzz_pdf: each would pay
** for poppler and a page render, and a few of them in the corpus made this
** target 100 times slower on everything else.
*/
#include "fuzz.h"

#include <string.h>

#include "jixiao/import.h"
#include "jixiao/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT || (size >= 5 && memcmp(data, "%PDF-", 5) == 0)) return 0;
    jx_form_list forms = {0};
    char sha[65];
    jx_error err;
    jx_error_clear(&err);
    jx_import_bytes("fuzz.txt", (const char *)data, size, &forms, sha, &err);
    jx_form_list_free(&forms);
    return 0;
}
