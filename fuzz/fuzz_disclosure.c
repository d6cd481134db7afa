/*
** fuzz_disclosure.c - the department-disclosure reader (budget tables,
** narratives, stated figures, linking by name) on rows read from fuzzed
** text by the line reader, whether or not the detector would call it a
** disclosure, with the forms the form parser finds in the same rows.
*/
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "disclosure.h"
#include "form.h"
#include "read.h"
#include "jixiao/disclosure.h"
#include "jixiao/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT) return 0;
    char *text = fuzz_cstr(data, size);
    jx_rows rows = {0};
    jx_error err;
    jx_error_clear(&err);
    int cells = size && data[0] == '\t';
    jx_status st = cells ? jx_cells_read(text, size, "fuzz.txt", &rows, &err)
                         : jx_lines_read(text, size, "fuzz.txt", &rows, &err);
    if (st == JX_OK) {
        jx_form_list forms = {0};
        jx_error_clear(&err);
        if (jx_parse_forms(&rows, "fuzz.txt", &forms, &err) != JX_OK) jx_form_list_free(&forms);
        (void)jx_disclosure_detect(&rows);
        jx_disclosure *d = NULL;
        jx_error_clear(&err);
        if (jx_disclosure_read(&rows, "fuzz.txt", &forms, 0, &d, &err) == JX_OK && d)
            jx_form_list_add_disclosure(&forms, d);
        jx_form_list_free(&forms);
    }
    jx_rows_free(&rows);
    free(text);
    return 0;
}
