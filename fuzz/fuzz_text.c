/*
** fuzz_text.c - the text layer: decoding (UTF-8 / GB18030, BOM, binary
** refusal), then each line as a cell: plain text (LaTeX, HTML, entities,
** check boxes), label keys (NFKC), money scale and amounts.
*/
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "jixiao/error.h"
#include "jixiao/money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT) return 0;
    char *text = NULL;
    size_t len = 0;
    jx_error err;
    jx_error_clear(&err);
    if (jx_text_decode((const char *)data, size, "fuzz.txt", &text, &len, &err) != JX_OK) return 0;
    char *line = text;
    for (int n = 0; line && n < 64; n++) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = '\0';
        char *plain = jx_text_plain(line);
        char *key = jx_text_key(plain);
        long scale = jx_money_label_scale(plain);
        long long fen;
        jx_money_parse(plain, scale, &fen);
        jx_money_parse(line, 10000, &fen);
        free(key);
        free(plain);
        line = nl ? nl + 1 : NULL;
    }
    free(text);
    return 0;
}
