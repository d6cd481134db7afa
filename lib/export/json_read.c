/*
** json_read.c - the JSON export contract read back: one form object, as
** `jixiao export --format json` writes it per form (and GET /api/forms/{id}
** answers it), into the model. What an edit (PUT /api/forms/{id}) sends.
**
** Invariants:
**   - the field table drives the reader as it drives the writer (json.c):
**     every exported row is read by its JSON key and type, so a field added
**     to the table is read without a line here;
**   - an indicator's parsed target is always re-parsed from its text
**     (jx_value_parse), and its national category derived from its levels
**     (the framework's vocabulary) where the vocabulary knows them: the text
**     is the truth, so a client cannot store a value its text does not say;
**   - keys the writer adds that are not the form's content (id, source,
**     status, measure, review, findings, version, narrative) are accepted
**     and ignored; any other unknown key is an error, so a misspelt field is
**     never silently dropped;
**   - every error names the JSON path that is wrong ($.indicators[2].target.text)
**     and what was expected; on error nothing is returned.
*/
#include "jixiao/export.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/fields.h"
#include "jixiao/util.h"
#include "jixiao/value.h"
#include "text.h"
#include "vocab.h"

/* JSON paths are built with snprintf into fixed buffers: a path too deep to
   fit is cut in the message, harmlessly, so truncation is not an error here. */
#if defined(__GNUC__) && !defined(__clang__)   /* clang has no such warning (fuzz/ builds with it) */
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

/* The largest amount accepted, in yuan (a trillion: far above any project). */
#define MAX_YUAN 1e12

/* The reader's state: the document's name for errors and the error record. */
typedef struct reader {
    const char *name;
    jx_error *err;
    int failed;
} reader;

/* Record the first error: "NAME: $.PATH: WHAT". */
static void fail(reader *r, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(reader *r, const char *path, const char *fmt, ...)
{
    if (r->failed) return;
    r->failed = 1;
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    jx_error_set(r->err, JX_EINPUT, r->name, 0, "%s: %s", path, what);
}

/* The JSON type of v in words, for "got …". */
static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: case JSON_REAL: return "a number";
    case JSON_TRUE: case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

/* A string or null at path into *out (a new copy, NULL for null/absent). */
static void read_text(reader *r, const char *path, const json_t *v, char **out)
{
    *out = NULL;
    if (!v || json_is_null(v)) return;
    if (!json_is_string(v)) { fail(r, path, "expected a string or null, got %s", type_name(v)); return; }
    const char *s = json_string_value(v);
    if (strlen(s) != json_string_length(v)) { fail(r, path, "the text contains a NUL character"); return; }
    *out = jx_strdup(s);
}

/* An integer in [lo, hi] at path, or null/absent (then *out = dflt). */
static void read_int(reader *r, const char *path, const json_t *v, long long lo, long long hi,
                     long long dflt, long long *out)
{
    *out = dflt;
    if (!v || json_is_null(v)) return;
    if (!json_is_integer(v)) { fail(r, path, "expected an integer, got %s", type_name(v)); return; }
    long long n = json_integer_value(v);
    if (n < lo || n > hi) { fail(r, path, "expected an integer from %lld to %lld, got %lld", lo, hi, n); return; }
    *out = n;
}

/* An amount in yuan (a number) or null at path, into fen. */
static void read_money(reader *r, const char *path, const json_t *v, long long *fen)
{
    *fen = JX_NO_AMOUNT;
    if (!v || json_is_null(v)) return;
    if (!json_is_number(v)) { fail(r, path, "expected an amount in yuan (a number) or null, got %s", type_name(v)); return; }
    double y = json_number_value(v);
    if (!isfinite(y) || y < 0 || y > MAX_YUAN) {
        fail(r, path, "expected an amount from 0 to %.0f yuan, got %.17g", MAX_YUAN, y);
        return;
    }
    *fen = llround(y * 100.0);
}

/* The object at path, or fail. */
static int want_object(reader *r, const char *path, const json_t *v)
{
    if (json_is_object(v)) return 1;
    fail(r, path, "expected an object, got %s", type_name(v));
    return 0;
}

/* Fail on a key of object o that is not in the NULL-terminated list known. */
static void check_keys(reader *r, const char *path, const json_t *o, const char *const *known)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)o, key, v) {
        size_t k = 0;
        while (known[k] && strcmp(known[k], key)) k++;
        if (!known[k]) {
            char p[256];
            snprintf(p, sizeof p, "%s.%s", path, key);
            fail(r, p, "unknown key");
            return;
        }
    }
}

/* The national categories an indicator may carry. */
static int national_category(const char *c)
{
    static const char *const names[] = {"成本", "产出", "效益", "满意度", NULL};
    for (int i = 0; c && names[i]; i++)
        if (!strcmp(c, names[i])) return 1;
    return 0;
}

/* The core of a level label for the vocabulary (NULL for NULL). */
static char *level_core(const char *text)
{
    if (!text) return NULL;
    char *key = jx_text_key(text);
    char *core = jx_vocab_core_of_key(key);
    free(key);
    return core;
}

/* indicators[i] at path into the form. */
static void read_indicator(reader *r, const char *path, const json_t *o, jx_form *f)
{
    static const char *const known[] = {"level1", "level2", "name", "category", "target", "line",
                                        "measure", "page", NULL};
    if (!want_object(r, path, o)) return;
    check_keys(r, path, o, known);
    char p[256];
    jx_indicator *ind = jx_form_add_indicator(f);
    snprintf(p, sizeof p, "%s.level1", path);
    read_text(r, p, json_object_get(o, "level1"), &ind->level1);
    snprintf(p, sizeof p, "%s.level2", path);
    read_text(r, p, json_object_get(o, "level2"), &ind->level2);
    snprintf(p, sizeof p, "%s.name", path);
    read_text(r, p, json_object_get(o, "name"), &ind->name);
    char *given = NULL;
    snprintf(p, sizeof p, "%s.category", path);
    read_text(r, p, json_object_get(o, "category"), &given);
    if (given && !national_category(given))
        fail(r, p, "expected 成本, 产出, 效益, 满意度 or null, got \"%s\"", given);
    /* The target: {"text": …} as the export writes it, or the text alone. */
    const json_t *t = json_object_get(o, "target");
    snprintf(p, sizeof p, "%s.target", path);
    if (json_is_object(t)) {
        static const char *const tknown[] = {"text", "op", "value", "value_max", "unit", "kind", NULL};
        check_keys(r, p, t, tknown);
        snprintf(p, sizeof p, "%s.target.text", path);
        read_text(r, p, json_object_get(t, "text"), &ind->target);
    } else if (t && !json_is_null(t) && !json_is_string(t)) {
        fail(r, p, "expected an object {\"text\": …}, a string or null, got %s", type_name(t));
    } else {
        read_text(r, p, t, &ind->target);
    }
    jx_value_parse(ind->target, &ind->value);
    long long n;
    snprintf(p, sizeof p, "%s.line", path);
    read_int(r, p, json_object_get(o, "line"), 0, 100000000, 0, &n);
    ind->line = (long)n;
    snprintf(p, sizeof p, "%s.page", path);
    read_int(r, p, json_object_get(o, "page"), 0, 1000000, 0, &n);
    ind->page = (int)n;
    if (!ind->name && !ind->target && !ind->level1 && !ind->level2)
        fail(r, path, "an indicator needs at least a name, a target or a level");
    /* The category the levels give under the form's framework, else the one given. */
    char *c1 = level_core(ind->level1), *c2 = level_core(ind->level2);
    const char *cat = jx_vocab_category(f->framework, c1, c2);
    ind->category = jx_strdup(cat ? cat : given);
    free(c1), free(c2), free(given);
}

/* A field-table value at path (json key d->json) into the form. */
static void read_field(reader *r, const char *path, const jx_field_def *d, const json_t *v, jx_form *f)
{
    char p[256];
    switch (d->type) {
    case JX_FT_MONEY:
        read_money(r, path, v, (long long *)((char *)f + d->offset));
        break;
    case JX_FT_YEARS: {
        jx_years *y = (jx_years *)((char *)f + d->offset);
        if (!v || json_is_null(v)) break;
        if (!want_object(r, path, v)) break;
        static const char *const known[] = {"start", "end", NULL};
        check_keys(r, path, v, known);
        long long a, b;
        snprintf(p, sizeof p, "%s.start", path);
        read_int(r, p, json_object_get(v, "start"), 1900, 2200, 0, &a);
        if (!a) fail(r, p, "expected a year from 1900 to 2200");
        snprintf(p, sizeof p, "%s.end", path);
        read_int(r, p, json_object_get(v, "end"), 1900, 2200, a, &b);
        if (b < a) fail(r, p, "the end year %lld is before the start year %lld", b, a);
        y->start = (int)a;
        y->end = (int)b;
        break;
    }
    case JX_FT_COMPONENTS: {
        if (!v || json_is_null(v)) break;
        if (!json_is_array(v)) { fail(r, path, "expected an array, got %s", type_name(v)); break; }
        for (size_t i = 0; i < json_array_size(v) && !r->failed; i++) {
            const json_t *c = json_array_get(v, i);
            snprintf(p, sizeof p, "%s[%zu]", path, i);
            if (!want_object(r, p, c)) break;
            static const char *const known[] = {"name", "amount", NULL};
            check_keys(r, p, c, known);
            jx_component *comp = jx_form_add_component(f);
            char q[256];
            snprintf(q, sizeof q, "%s.name", p);
            read_text(r, q, json_object_get(c, "name"), &comp->name);
            snprintf(q, sizeof q, "%s.amount", p);
            read_money(r, q, json_object_get(c, "amount"), &comp->amount);
        }
        break;
    }
    case JX_FT_INDICATORS:
        if (!v) { fail(r, path, "missing: a form has an indicator table (an array, may be empty)"); break; }
        if (!json_is_array(v)) { fail(r, path, "expected an array, got %s", type_name(v)); break; }
        for (size_t i = 0; i < json_array_size(v) && !r->failed; i++) {
            snprintf(p, sizeof p, "%s[%zu]", path, i);
            read_indicator(r, p, json_array_get(v, i), f);
        }
        break;
    case JX_FT_LABEL:
        break;
    default: {
        char **slot = (char **)jx_field_text_slot(f, d);
        if (slot) read_text(r, path, v, slot);
        break;
    }
    }
}

/* 1 when key is a top-level key of the contract (an exported row, or its group). */
static int contract_key(const char *key)
{
    static const char *const extra[] = {"id", "source", "year", "fields", "status", "status_label", "review",
                                        "findings", "version", "narrative", NULL};
    for (int i = 0; extra[i]; i++)
        if (!strcmp(key, extra[i])) return 1;
    size_t n = strlen(key);
    for (int i = 0; i < JX_NFIELDS; i++) {
        const char *j = jx_fields[i].json;
        if (j && !strncmp(j, key, n) && (j[n] == '\0' || j[n] == '.')) return 1;
    }
    return 0;
}

/* Read the form object o; the form is new, owned by the caller on success. */
static jx_form *read_form(reader *r, const json_t *o)
{
    if (!want_object(r, "$", o)) return NULL;
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)o, key, v) {
        if (!contract_key(key)) {
            char p[256];
            snprintf(p, sizeof p, "$.%s", key);
            fail(r, p, "unknown key (not a field of the export contract)");
            return NULL;
        }
    }
    jx_form *f = jx_form_new(NULL, 0);
    long long n;
    read_int(r, "$.id", json_object_get(o, "id"), 0, INT64_MAX, 0, &n);
    f->id = n;
    const json_t *src = json_object_get(o, "source");
    if (src && !json_is_null(src) && want_object(r, "$.source", src)) {
        static const char *const known[] = {"file", "line", "page", NULL};
        check_keys(r, "$.source", src, known);
        char *file = NULL;
        read_text(r, "$.source.file", json_object_get(src, "file"), &file);
        if (file) { free(f->file); f->file = file; }
        read_int(r, "$.source.line", json_object_get(src, "line"), 0, 100000000, 0, &n);
        f->line = (long)n;
        read_int(r, "$.source.page", json_object_get(src, "page"), 0, 1000000, 0, &n);
        f->page = (int)n;
    }
    read_int(r, "$.year", json_object_get(o, "year"), 1900, 2200, 0, &n);
    f->year = (int)n;
    /* The framework first: the indicators' categories depend on it. */
    read_text(r, "$.framework", json_object_get(o, "framework"), &f->framework);
    for (int i = 0; i < JX_NFIELDS && !r->failed; i++) {
        const jx_field_def *d = &jx_fields[i];
        if (!d->json || d->id == JX_F_FRAMEWORK) continue;
        const char *dot = strchr(d->json, '.');
        const json_t *holder = o;
        char path[128];
        if (dot) {
            char group[32];
            snprintf(group, sizeof group, "%.*s", (int)(dot - d->json), d->json);
            holder = json_object_get(o, group);
            snprintf(path, sizeof path, "$.%s", group);
            if (!holder || json_is_null(holder)) continue;
            if (!want_object(r, path, holder)) break;
        }
        snprintf(path, sizeof path, "$.%s", d->json);
        read_field(r, path, d, json_object_get(holder, dot ? dot + 1 : d->json), f);
    }
    /* the groups' unknown keys (budget.totl) */
    for (int i = 0; i < JX_NFIELDS && !r->failed; i++) {
        const char *j = jx_fields[i].json, *dot = j ? strchr(j, '.') : NULL;
        if (!dot) continue;
        char group[32];
        snprintf(group, sizeof group, "%.*s", (int)(dot - j), j);
        const json_t *g = json_object_get(o, group);
        if (!json_is_object(g)) continue;
        json_object_foreach((json_t *)g, key, v) {
            char full[96];
            snprintf(full, sizeof full, "%s.%s", group, key);
            if (!jx_field_by_json(full)) {
                char p[128];
                snprintf(p, sizeof p, "$.%s", full);
                fail(r, p, "unknown key (not a field of the export contract)");
                break;
            }
        }
    }
    if (!r->failed && (!f->name || !*f->name)) fail(r, "$.name", "a form needs a name (项目名称): a non-empty string");
    const json_t *fields = json_object_get(o, "fields");
    if (!r->failed && fields && !json_is_null(fields)) {
        if (!json_is_array(fields)) {
            fail(r, "$.fields", "expected an array, got %s", type_name(fields));
        } else {
            for (size_t i = 0; i < json_array_size(fields) && !r->failed; i++) {
                const json_t *e = json_array_get(fields, i);
                char p[96], q[128];
                snprintf(p, sizeof p, "$.fields[%zu]", i);
                if (!want_object(r, p, e)) break;
                static const char *const known[] = {"label", "value", "line", NULL};
                check_keys(r, p, e, known);
                char *label = NULL, *value = NULL;
                snprintf(q, sizeof q, "%s.label", p);
                read_text(r, q, json_object_get(e, "label"), &label);
                if (!r->failed && !label) fail(r, q, "expected a string");
                snprintf(q, sizeof q, "%s.value", p);
                read_text(r, q, json_object_get(e, "value"), &value);
                snprintf(q, sizeof q, "%s.line", p);
                read_int(r, q, json_object_get(e, "line"), 0, 100000000, 0, &n);
                if (!r->failed) jx_form_add_field(f, label, value, (long)n);
                free(label), free(value);
            }
        }
    }
    if (r->failed) { jx_form_free(f); return NULL; }
    return f;
}

jx_status jx_form_from_json(const char *name, const char *text, size_t len, jx_form **out,
                            jx_error *err)
{
    *out = NULL;
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return jx_error_set(err, JX_EINPUT, name, je.line > 0 ? je.line : 0,
                            "not valid JSON: %s (line %d, column %d)", je.text, je.line, je.column);
    reader r = {name, err, 0};
    *out = read_form(&r, root);
    json_decref(root);
    return *out ? JX_OK : JX_EINPUT;
}
