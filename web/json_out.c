/*
** json_out.c - the API's JSON text: a jansson value written straight into
** the answer's buffer by lib/export/json_write.c, byte for byte what
** json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))
** writes (tests/test_web_html.c compares the two), without its per-token
** callbacks, its code-point walk of every string and a printf per number.
*/
#include "jixiao/export.h"

#include "web.h"

void web_json_write(jx_buf *b, const void *value)
{
    jx_json_buf_value(b, value, 0);
}
