/*
** json_write.c - JSON text written straight into a buffer: a jansson value,
** and a form of the export contract written from the model without building
** a jansson tree (jx_form_json_write), byte for byte what json_dumps(v,
** JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) prints for
** the tree of jx_form_to_json. The API's GET /api/forms/{id} and `export
** --format json` both write forms this way: building the tree, walking it
** and freeing it was more than half of a form request's CPU.
**
** What jansson writes, and so this: objects in their keys' insertion order,
** "key": value pairs and array items one per line indented by 2 spaces a
** level, {} and [] when empty; strings with \" \\ \b \f \n \r \t and \uXXXX
** (upper-case hex) for the other control characters, everything else (UTF-8,
** "/", DEL) as it is; integers in decimal; reals as "%.15g" with ".0" added
** when that has neither '.' nor 'e', and the exponent without '+' or leading
** zeros. tests/test_web_html.c compares this with json_dumps, and the form
** writer with the tree's dump on odd hand-made forms and real documents.
**
** Invariant of jx_form_json_write: its keys, their order and their values
** are jx_form_to_json's (lib/export/json.c); a key added there is added here.
*/
#include "jixiao/export.h"

#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "jixiao/fields.h"
#include "jixiao/rules.h"
#include "jixiao/value.h"
#include "jixiao/workflow.h"
#include "text.h"

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

void jx_json_buf_newline(jx_buf *b, int depth)
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

/* s[0..n), valid UTF-8, as a JSON string. */
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

void jx_json_buf_text(jx_buf *b, const char *s)
{
    if (!s) {
        put(b, "null", 4);
        return;
    }
    size_t n = strlen(s), i = 0;
    while (i < n) {   /* the common case: valid UTF-8, written as it is */
        size_t k = (unsigned char)s[i] < 0x80 ? 1 : jx_text_utf8_len((const unsigned char *)s + i, n - i);
        if (!k) break;
        i += k;
    }
    if (i == n) {
        put_string(b, s, n);
        return;
    }
    /* As text_or_null of json.c: each bad byte becomes U+FFFD. */
    jx_buf clean = {0};
    jx_buf_append(&clean, s, i);
    while (i < n) {
        size_t k = jx_text_utf8_len((const unsigned char *)s + i, n - i);
        if (k) { jx_buf_append(&clean, s + i, k); i += k; }
        else { jx_buf_puts(&clean, "\xEF\xBF\xBD"); i++; }
    }
    put_string(b, clean.data, clean.len);
    jx_buf_free(&clean);
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
        jx_json_buf_newline(b, depth + 1);
        while (it) {
            void *next = json_object_iter_next((json_t *)v, it);
            put_string(b, json_object_iter_key(it), json_object_iter_key_len(it));
            put(b, ": ", 2);
            put_value(b, json_object_iter_value(it), depth + 1);
            if (next) {
                put(b, ",", 1);
                jx_json_buf_newline(b, depth + 1);
            } else {
                jx_json_buf_newline(b, depth);
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
        jx_json_buf_newline(b, depth + 1);
        for (size_t i = 0; i < n; i++) {
            put_value(b, json_array_get(v, i), depth + 1);
            if (i + 1 < n) {
                put(b, ",", 1);
                jx_json_buf_newline(b, depth + 1);
            } else {
                jx_json_buf_newline(b, depth);
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

void jx_json_buf_value(jx_buf *b, const void *value, int depth)
{
    if (value) put_value(b, value, depth);
    else put(b, "null", 4);
}

void jx_json_buf_key(jx_buf *b, const char *key, int depth, int first)
{
    if (!first) put(b, ",", 1);
    jx_json_buf_newline(b, depth);
    put_string(b, key, strlen(key));
    put(b, ": ", 2);
}

void jx_json_buf_close(jx_buf *b, int depth, char bracket)
{
    jx_json_buf_newline(b, depth);
    put(b, &bracket, 1);
}

/* ---- one form of the export contract ---------------------------------------- */

/* A finite number as a real; null otherwise (as real_or_null of json.c). */
static void real_or_null(jx_buf *b, double v)
{
    if (isfinite(v)) put_real(b, v);
    else put(b, "null", 4);
}

/* An amount in fen as yuan (a real), or null for JX_NO_AMOUNT. */
static void yuan(jx_buf *b, long long fen)
{
    if (fen == JX_NO_AMOUNT) put(b, "null", 4);
    else put_real(b, jx_money_yuan(fen));
}

/* A key at depth and a string value (key and value literal, valid UTF-8). */
static void key_literal(jx_buf *b, const char *key, int depth, int first, const char *value)
{
    jx_json_buf_key(b, key, depth, first);
    if (value) put_string(b, value, strlen(value));
    else put(b, "null", 4);
}

/* The indicator table at depth (measure_json, target_json, indicators_json of json.c). */
static void put_indicators(jx_buf *b, const jx_form *f, int depth)
{
    if (!f->nindicators) {
        put(b, "[]", 2);
        return;
    }
    put(b, "[", 1);
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        int d = depth + 2;   /* the indicator's keys */
        if (i) put(b, ",", 1);
        jx_json_buf_newline(b, depth + 1);
        put(b, "{", 1);
        jx_json_buf_key(b, "level1", d, 1);
        jx_json_buf_text(b, ind->level1);
        jx_json_buf_key(b, "level2", d, 0);
        jx_json_buf_text(b, ind->level2);
        jx_json_buf_key(b, "name", d, 0);
        jx_json_buf_text(b, ind->name);
        jx_json_buf_key(b, "category", d, 0);
        jx_json_buf_text(b, ind->category);
        const jx_value *v = &ind->value;
        int quant = v->kind == JX_KIND_QUANTITATIVE;
        jx_json_buf_key(b, "target", d, 0);
        put(b, "{", 1);
        jx_json_buf_key(b, "text", d + 1, 1);
        jx_json_buf_text(b, ind->target);
        jx_json_buf_key(b, "op", d + 1, 0);
        jx_json_buf_text(b, jx_op_name(v->op));
        jx_json_buf_key(b, "value", d + 1, 0);
        if (quant) real_or_null(b, v->value);
        else put(b, "null", 4);
        if (v->op == JX_OP_RANGE) {
            jx_json_buf_key(b, "value_max", d + 1, 0);
            real_or_null(b, v->value_max);
        }
        jx_json_buf_key(b, "unit", d + 1, 0);
        jx_json_buf_text(b, v->unit[0] ? v->unit : NULL);
        key_literal(b, "kind", d + 1, 0, quant ? "quantitative" : "qualitative");
        jx_json_buf_close(b, d, '}');
        jx_json_buf_key(b, "line", d, 0);
        put_int(b, ind->line);
        jx_measure m;
        jx_measure_classify(ind, &m);
        jx_json_buf_key(b, "measure", d, 0);
        put(b, "{", 1);
        key_literal(b, "class", d + 1, 1, jx_measure_name(m.cls));
        key_literal(b, "label", d + 1, 0, jx_measure_label(m.cls));
        jx_json_buf_key(b, "confidence", d + 1, 0);
        put_real(b, (double)(long)(m.confidence * 100 + 0.5) / 100);
        key_literal(b, "head", d + 1, 0, m.head);
        jx_json_buf_close(b, d, '}');
        if (ind->page) {
            jx_json_buf_key(b, "page", d, 0);
            put_int(b, ind->page);
        }
        jx_json_buf_close(b, depth + 1, '}');
    }
    jx_json_buf_close(b, depth, ']');
}

/* The value of one row of the field table at depth (field_json of json.c). */
static void put_field(jx_buf *b, const jx_form *f, const jx_field_def *d, int depth)
{
    switch (d->type) {
    case JX_FT_MONEY: yuan(b, jx_field_money(f, d)); return;
    case JX_FT_YEARS: {
        const jx_years *y = (const jx_years *)((const char *)f + d->offset);
        if (!y->start) {
            put(b, "null", 4);
            return;
        }
        put(b, "{", 1);
        jx_json_buf_key(b, "start", depth + 1, 1);
        put_int(b, y->start);
        jx_json_buf_key(b, "end", depth + 1, 0);
        put_int(b, y->end ? y->end : y->start);
        jx_json_buf_close(b, depth, '}');
        return;
    }
    case JX_FT_COMPONENTS:
        if (!f->ncomponents) {
            put(b, "[]", 2);
            return;
        }
        put(b, "[", 1);
        for (size_t i = 0; i < f->ncomponents; i++) {
            if (i) put(b, ",", 1);
            jx_json_buf_newline(b, depth + 1);
            put(b, "{", 1);
            jx_json_buf_key(b, "name", depth + 2, 1);
            jx_json_buf_text(b, f->components[i].name);
            jx_json_buf_key(b, "amount", depth + 2, 0);
            yuan(b, f->components[i].amount);
            jx_json_buf_close(b, depth + 1, '}');
        }
        jx_json_buf_close(b, depth, ']');
        return;
    case JX_FT_INDICATORS: put_indicators(b, f, depth); return;
    default: jx_json_buf_text(b, jx_field_text(f, d)); return;
    }
}

/*
** The exported rows of the field table in the order jx_form_to_json's object
** has them: a dotted key ("budget.total") goes into its group, which sits
** where its first member is; built once from jx_fields, read-only after.
*/
static struct {
    int n;
    int order[JX_NFIELDS];     /* field ids, a group's members together */
    int starts[JX_NFIELDS];    /* 1 where order[k] opens a group */
    int grouped[JX_NFIELDS];   /* 1 where order[k] is a member of a group */
    int glen[JX_NFIELDS];      /* at a group's start: the length of its name */
} plan;
static pthread_once_t plan_once = PTHREAD_ONCE_INIT;

/* Fill plan from jx_fields (once). */
static void plan_build(void)
{
    int done[JX_NFIELDS] = {0};
    for (int i = 0; i < JX_NFIELDS; i++) {
        const jx_field_def *d = &jx_fields[i];
        if (!d->json || done[i]) continue;
        const char *dot = strchr(d->json, '.');
        if (!dot) {
            plan.order[plan.n++] = i;
            continue;
        }
        size_t g = (size_t)(dot - d->json);
        for (int j = i; j < JX_NFIELDS; j++) {
            const char *k = jx_fields[j].json;
            if (done[j] || !k || strncmp(k, d->json, g + 1) != 0) continue;
            plan.starts[plan.n] = j == i;
            plan.glen[plan.n] = (int)g;
            plan.grouped[plan.n] = 1;
            plan.order[plan.n++] = j;
            done[j] = 1;
        }
    }
}

void jx_form_json_write(jx_buf *b, const jx_form *f, int depth, int open)
{
    pthread_once(&plan_once, plan_build);
    int d = depth + 1;   /* the form's keys */
    put(b, "{", 1);
    jx_json_buf_key(b, "id", d, 1);
    put_int(b, f->id);
    jx_json_buf_key(b, "source", d, 0);
    put(b, "{", 1);
    jx_json_buf_key(b, "file", d + 1, 1);
    jx_json_buf_text(b, f->file ? f->file : "");
    jx_json_buf_key(b, "line", d + 1, 0);
    put_int(b, f->line);
    if (f->page) {   /* PDF sources */
        jx_json_buf_key(b, "page", d + 1, 0);
        put_int(b, f->page);
    }
    jx_json_buf_close(b, d, '}');
    jx_json_buf_key(b, "year", d, 0);
    if (f->year) put_int(b, f->year);
    else put(b, "null", 4);
    for (int k = 0; k < plan.n; k++) {
        const jx_field_def *fd = &jx_fields[plan.order[k]];
        if (!plan.grouped[k]) {
            jx_json_buf_key(b, fd->json, d, 0);
            put_field(b, f, fd, d);
            continue;
        }
        if (plan.starts[k]) {
            put(b, ",", 1);
            jx_json_buf_newline(b, d);
            put_string(b, fd->json, (size_t)plan.glen[k]);
            put(b, ": {", 3);
        }
        jx_json_buf_key(b, fd->json + plan.glen[k] + 1, d + 1, plan.starts[k]);
        put_field(b, f, fd, d + 1);
        if (k + 1 == plan.n || plan.starts[k + 1] || !plan.grouped[k + 1]) jx_json_buf_close(b, d, '}');
    }
    jx_json_buf_key(b, "fields", d, 0);
    if (!f->nfields) put(b, "[]", 2);
    else {
        put(b, "[", 1);
        for (size_t i = 0; i < f->nfields; i++) {
            if (i) put(b, ",", 1);
            jx_json_buf_newline(b, d + 1);
            put(b, "{", 1);
            jx_json_buf_key(b, "label", d + 2, 1);
            jx_json_buf_text(b, f->fields[i].label);
            jx_json_buf_key(b, "value", d + 2, 0);
            jx_json_buf_text(b, f->fields[i].value);
            jx_json_buf_key(b, "line", d + 2, 0);
            put_int(b, f->fields[i].line);
            jx_json_buf_close(b, d + 1, '}');
        }
        jx_json_buf_close(b, d, ']');
    }
    /* The workflow status (issue 15), additive: "draft" until the form is submitted. */
    key_literal(b, "status", d, 0, jx_wf_status_name(f->status));
    if (!open) jx_json_buf_close(b, depth, '}');
}
