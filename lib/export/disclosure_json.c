/*
** disclosure_json.c - department disclosures in the JSON export (additive to
** contract version 1): each form read from a disclosure gets "narrative":
** {"line", "title", "unit", "amount", "sections": {title: text}}, the root
** gets "budget_tables" (only when a disclosure was loaded): [{"file", "title", "line", "unit", "columns",
** "rows": [{"line", "code", "name", "values": {column: yuan | null}}]}],
** and "narratives" (only when some narrative has no target table, e.g. a
** disclosure without forms): [{"line", "title", "unit", "amount", "sections",
** "file"}].
*/
#include <jansson.h>
#include <string.h>

#include "jixiao/disclosure.h"
#include "jixiao/export.h"
#include "jixiao/util.h"

/* Money in fen as yuan, null when absent (as the rest of the export). */
static json_t *yuan(long long fen)
{
    return fen == JX_NO_AMOUNT ? json_null() : json_real(jx_money_yuan(fen));
}

/* Text or null. */
static json_t *str(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* One narrative as JSON; sections of the same title are joined by a newline. */
static json_t *narrative_json(const jx_narrative *n)
{
    json_t *o = json_object(), *secs = json_object();
    json_object_set_new(o, "line", json_integer(n->line));
    json_object_set_new(o, "title", str(n->title));
    json_object_set_new(o, "unit", str(n->unit));
    json_object_set_new(o, "amount", yuan(n->amount));
    for (size_t i = 0; i < n->nsections; i++) {
        const jx_narrative_section *s = &n->sections[i];
        json_t *had = json_object_get(secs, s->title);
        if (had) {
            jx_buf b = {0};
            jx_buf_printf(&b, "%s\n%s", json_string_value(had), s->text);
            json_object_set_new(secs, s->title, json_string(b.data));
            jx_buf_free(&b);
        } else {
            json_object_set_new(secs, s->title, json_string(s->text));
        }
    }
    json_object_set_new(o, "sections", secs);
    return o;
}

/* One budget table as JSON. */
static json_t *table_json(const jx_disclosure *d, const jx_budget_table *t)
{
    json_t *o = json_object(), *cols = json_array(), *rows = json_array();
    json_object_set_new(o, "file", json_string(d->file));
    json_object_set_new(o, "title", str(t->title));
    json_object_set_new(o, "line", json_integer(t->line));
    json_object_set_new(o, "unit", str(t->unit));
    for (size_t c = 0; c < t->ncolumns; c++) json_array_append_new(cols, json_string(t->columns[c]));
    json_object_set_new(o, "columns", cols);
    for (size_t r = 0; r < t->nrows; r++) {
        const jx_budget_row *row = &t->rows[r];
        json_t *x = json_object(), *vals = json_object();
        json_object_set_new(x, "line", json_integer(row->line));
        json_object_set_new(x, "code", json_string(row->code));
        json_object_set_new(x, "name", json_string(row->name));
        for (size_t c = 0; c < t->ncolumns; c++) json_object_set_new(vals, t->columns[c], yuan(row->values[c]));
        json_object_set_new(x, "values", vals);
        json_array_append_new(rows, x);
    }
    json_object_set_new(o, "rows", rows);
    return o;
}

/* Add the disclosure fields to an export root whose "forms" follow forms' order. */
void jx_disclosure_export_json(const jx_form_list *forms, void *root_)
{
    json_t *root = root_, *arr = json_object_get(root, "forms");
    if (forms->ndisclosures == 0) return;   /* exports without a disclosure stay as they were */
    json_t *tables = json_array(), *unlinked = NULL;
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        for (size_t i = 0; i < d->ntables; i++) json_array_append_new(tables, table_json(d, &d->tables[i]));
        for (size_t i = 0; i < forms->count; i++) {
            const jx_narrative *n = jx_disclosure_narrative_of(d, forms->items[i]);
            json_t *f = json_array_get(arr, i);
            if (n && f) json_object_set_new(f, "narrative", narrative_json(n));
        }
        /* A narrative without a target table (a disclosure may have no form at all). */
        for (size_t i = 0; i < d->nnarratives; i++) {
            if (d->narratives[i].linked) continue;
            json_t *o = narrative_json(&d->narratives[i]);
            json_object_set_new(o, "file", json_string(d->file));
            if (!unlinked) unlinked = json_array();
            json_array_append_new(unlinked, o);
        }
    }
    json_object_set_new(root, "budget_tables", tables);
    if (unlinked) json_object_set_new(root, "narratives", unlinked);
}
