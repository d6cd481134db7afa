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

void *jx_form_narrative_json(const jx_form_list *forms, const jx_form *form)
{
    const jx_narrative *n = NULL;
    for (size_t k = 0; k < forms->ndisclosures; k++) {   /* the last disclosure's, as set_new leaves it */
        const jx_narrative *x = jx_disclosure_narrative_of(forms->disclosures[k], form);
        if (x) n = x;
    }
    return n ? narrative_json(n) : NULL;
}

/* One budget table as JSON. */
static json_t *table_json(const jx_disclosure *d, const jx_budget_table *t)
{
    json_t *o = json_object(), *cols = json_array(), *rows = json_array();
    json_object_set_new(o, "file", json_string(d->file));
    json_object_set_new(o, "title", str(t->title));
    json_object_set_new(o, "line", json_integer(t->line));
    json_object_set_new(o, "unit", str(t->unit));
    json_object_set_new(o, "kind", json_string(jx_table_kind_name(t->kind)));   /* budget | final */
    if (t->page) json_object_set_new(o, "page", json_integer(t->page));
    for (size_t c = 0; c < t->ncolumns; c++) json_array_append_new(cols, json_string(t->columns[c]));
    json_object_set_new(o, "columns", cols);
    for (size_t r = 0; r < t->nrows; r++) {
        const jx_budget_row *row = &t->rows[r];
        json_t *x = json_object(), *vals = json_object();
        json_object_set_new(x, "line", json_integer(row->line));
        if (row->page) json_object_set_new(x, "page", json_integer(row->page));
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
    /* final accounts (部门决算): what the document is and the statements of its 情况说明 */
    json_t *finals = json_array();
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        if (!d->final) continue;
        json_t *o = json_object(), *st = json_array();
        json_object_set_new(o, "file", json_string(d->file));
        json_object_set_new(o, "unit", str(d->unit));
        json_object_set_new(o, "year", d->year ? json_integer(d->year) : json_null());
        json_object_set_new(o, "template", json_boolean(d->template_doc));
        static const char *const kinds[] = {"amount", "change", "compare", "count", "year"};
        for (size_t i = 0; i < d->nstatements; i++) {
            const jx_statement *x = &d->statements[i];
            json_t *j = json_object();
            json_object_set_new(j, "kind", json_string(kinds[x->kind]));
            json_object_set_new(j, "page", json_integer(x->page));
            json_object_set_new(j, "line", json_integer(x->line));
            json_object_set_new(j, "subject", json_string(x->subject));
            if (x->amount != JX_NO_AMOUNT) json_object_set_new(j, "amount", yuan(x->amount));
            if (x->amount2 != JX_NO_AMOUNT)
                json_object_set_new(j, x->kind == JX_STMT_CHANGE ? "change" : "budget_initial", yuan(x->amount2));
            if (x->amount3 != JX_NO_AMOUNT) json_object_set_new(j, "budget_full", yuan(x->amount3));
            if (x->has_share) json_object_set_new(j, "percent", json_real(x->share));
            if (x->share_of) json_object_set_new(j, "percent_of", json_string(x->share_of));
            if (x->sign != 2) json_object_set_new(j, "sign", json_integer(x->sign));
            if (x->count >= 0) json_object_set_new(j, "count", json_integer(x->count));
            if (x->parts >= 0) json_object_set_new(j, "parts", json_integer(x->parts));
            if (x->has_score) {
                json_object_set_new(j, "score", json_real(x->score));
                json_t *g = json_object();
                for (int k = 0; k < JX_STATED_GRADES; k++)
                    json_object_set_new(g, jx_stated_grade_names[k],
                                        x->grades[k] >= 0 ? json_integer(x->grades[k]) : json_null());
                json_object_set_new(j, "grades", g);
            }
            json_array_append_new(st, j);
        }
        json_object_set_new(o, "statements", st);
        json_array_append_new(finals, o);
    }
    if (json_array_size(finals)) json_object_set_new(root, "final_accounts", finals);
    else json_decref(finals);
}
