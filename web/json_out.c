/*
** json_out.c - the API's JSON text: a jansson value written straight into
** the answer's buffer, byte for byte what json_dumps(v, JSON_INDENT(2) |
** JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) writes (tests/test_web_html.c
** compares the two), without its per-token callbacks, its code-point walk
** of every string and a printf per number: writing a form's answer that way
** was a quarter of a request's CPU.
**
** What jansson writes, and so this: objects in their keys' insertion order,
** "key": value pairs and array items one per line indented by 2 spaces a
** level, {} and [] when empty; strings with \" \\ \b \f \n \r \t and \uXXXX
** (upper-case hex) for the other control characters, everything else (UTF-8,
** "/", DEL) as it is; integers in decimal; reals as "%.15g" with ".0" added
** when that has neither '.' nor 'e', and the exponent without '+' or leading
** zeros. Strings are valid UTF-8 already (jansson refuses others).
*/
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "web.h"

/* Append n bytes of s (in place while they fit: most pieces are a few bytes). */
static inline void put(jx_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        jx_buf_append(b, s, n);
        return;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* A newline and the indentation of depth (2 spaces a level). */
static void newline(jx_buf *b, int depth)
{
    static const char spaces[] = "\n                                                                ";
    size_t n = 2 * (size_t)depth;   /* spaces after the newline */
    size_t k = n < sizeof spaces - 2 ? n : sizeof spaces - 2;
    put(b, spaces, 1 + k);
    for (n -= k; n > 0; n -= k) {   /* deeper than the table: more spaces */
        k = n < sizeof spaces - 2 ? n : sizeof spaces - 2;
        put(b, spaces + 1, k);
    }
}

/* s[0..n) as a JSON string. */
static void put_string(jx_buf *b, const char *s, size_t n)
{
    put(b, "\"", 1);
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        put(b, s + from, i - from);
        char esc[8];
        const char *e = esc;
        size_t len = 2;
        switch (c) {
        case '"': e = "\\\""; break;
        case '\\': e = "\\\\"; break;
        case '\b': e = "\\b"; break;
        case '\f': e = "\\f"; break;
        case '\n': e = "\\n"; break;
        case '\r': e = "\\r"; break;
        case '\t': e = "\\t"; break;
        default: len = (size_t)snprintf(esc, sizeof esc, "\\u%04X", c); break;
        }
        put(b, e, len);
        from = i + 1;
    }
    put(b, s + from, n - from);
    put(b, "\"", 1);
}

/* v in decimal. */
static void put_int(jx_buf *b, long long v)
{
    char d[24];
    size_t i = sizeof d;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do d[--i] = (char)('0' + u % 10); while ((u /= 10) != 0);
    if (v < 0) d[--i] = '-';
    put(b, d + i, sizeof d - i);
}

/*
** A real as jansson writes it with precision 15. The common values -- whole
** numbers and those of at most two decimals (yuan, shares, confidences)
** below 1e13 -- are written without printf: for them "%.15g" gives exactly
** their decimal digits (the double nearest c/100 is within half a unit of
** the 15th significant digit of it), trailing zeros dropped.
*/
static void put_real(jx_buf *b, double v)
{
    char s[64];
    if (v == 0) {
        put(b, signbit(v) ? "-0.0" : "0.0", signbit(v) ? 4 : 3);
        return;
    }
    if (fabs(v) < 1e13) {
        long long c = llround(v * 100);
        if ((double)c / 100.0 == v) {
            unsigned long long u = c < 0 ? 0ULL - (unsigned long long)c : (unsigned long long)c;
            if (c < 0) put(b, "-", 1);
            put_int(b, (long long)(u / 100));
            unsigned cents = (unsigned)(u % 100);
            if (cents == 0) put(b, ".0", 2);
            else if (cents % 10 == 0) {
                char t[2] = {'.', (char)('0' + cents / 10)};
                put(b, t, 2);
            } else {
                char t[3] = {'.', (char)('0' + cents / 10), (char)('0' + cents % 10)};
                put(b, t, 3);
            }
            return;
        }
    }
    int n = snprintf(s, sizeof s - 3, "%.15g", v);
    if (n < 0 || (size_t)n >= sizeof s - 3) {
        put(b, "null", 4);
        return;
    }
    size_t len = (size_t)n;
    for (size_t i = 0; i < len; i++)
        if (s[i] == ',') s[i] = '.';   /* a locale's decimal comma, as jansson undoes it */
    if (!strchr(s, '.') && !strchr(s, 'e')) {
        memcpy(s + len, ".0", 3);
        len += 2;
    }
    char *e = strchr(s, 'e');
    if (e) {   /* "1e+20" -> "1e20", "1e-05" -> "1e-5" */
        char *start = e + 1, *end = e + 2;
        if (*start == '-') start++;
        while (*end == '0') end++;
        if (end != start) {
            memmove(start, end, len - (size_t)(end - s) + 1);
            len -= (size_t)(end - start);
        }
    }
    put(b, s, len);
}

/* The value v at depth. */
static void put_value(jx_buf *b, const json_t *v, int depth)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        void *it = json_object_iter((json_t *)v);
        if (!it) {
            put(b, "{}", 2);
            return;
        }
        put(b, "{", 1);
        newline(b, depth + 1);
        while (it) {
            void *next = json_object_iter_next((json_t *)v, it);
            put_string(b, json_object_iter_key(it), json_object_iter_key_len(it));
            put(b, ": ", 2);
            put_value(b, json_object_iter_value(it), depth + 1);
            if (next) {
                put(b, ",", 1);
                newline(b, depth + 1);
            } else {
                newline(b, depth);
            }
            it = next;
        }
        put(b, "}", 1);
        return;
    }
    case JSON_ARRAY: {
        size_t n = json_array_size(v);
        if (!n) {
            put(b, "[]", 2);
            return;
        }
        put(b, "[", 1);
        newline(b, depth + 1);
        for (size_t i = 0; i < n; i++) {
            put_value(b, json_array_get(v, i), depth + 1);
            if (i + 1 < n) {
                put(b, ",", 1);
                newline(b, depth + 1);
            } else {
                newline(b, depth);
            }
        }
        put(b, "]", 1);
        return;
    }
    case JSON_STRING: put_string(b, json_string_value(v), json_string_length(v)); return;
    case JSON_INTEGER: put_int(b, (long long)json_integer_value(v)); return;
    case JSON_REAL: put_real(b, json_real_value(v)); return;
    case JSON_TRUE: put(b, "true", 4); return;
    case JSON_FALSE: put(b, "false", 5); return;
    default: put(b, "null", 4); return;
    }
}

void web_json_write(jx_buf *b, const void *value)
{
    if (value) put_value(b, value, 0);
    else put(b, "null", 4);
}
