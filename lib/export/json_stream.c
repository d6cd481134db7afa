/*
** json_stream.c - the JSON export written form by form from the store's
** cursor, byte for byte what json_dumps of jx_export_json over every form
** prints (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)),
** in memory bounded by one batch of forms instead of all of them.
**
** Invariants: forms come in id order, a batch at a time, each batch the
** forms of one file with that file's disclosures; a disclosure's budget
** tables are written once, from the first batch of its file; the root's
** "budget_tables" is present iff some disclosure was stored (as in
** jx_disclosure_export_json over an unfiltered load: the disclosures of files
** without forms come last), "narratives" iff some narrative has no target
** table, "skipped" iff some part was skipped.
*/
#include "jixiao/export.h"

#include <jansson.h>
#include <stdio.h>

#include "jixiao/disclosure.h"
#include "jixiao/util.h"
#include "jixiao/review.h"
#include "jixiao/store.h"

/* Forms per batch of the cursor: bounded memory, few round trips. */
#define EXPORT_BATCH 256

/* Bytes of form text gathered before a write. */
#define EXPORT_FLUSH 65536

#define EXPORT_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

jx_status jx_export_json_stream(jx_store *store, FILE *out, jx_error *err)
{
    jx_store_cursor *cur;
    jx_status rc = jx_store_cursor_open(store, &(jx_filter){0}, EXPORT_BATCH, &cur, err);
    if (rc) return rc;
    jx_form_list batch = {0};
    json_t *tables = NULL;   /* budget tables of every disclosure, once each */
    json_t *narratives = NULL;   /* narratives without a target table, once each */
    json_t *finals = NULL;   /* final accounts of every disclosure, once each */
    size_t written = 0;
    jx_buf text = {0};   /* the forms' text, written out every EXPORT_FLUSH bytes */
    fputs("{\n  \"version\": 1,\n  \"forms\": [", out);
    for (;;) {
        int continues;
        if ((rc = jx_store_cursor_next(cur, &batch, &continues, err)) || !batch.count) break;
        /* The batch's disclosure parts as a small export root (its forms are written below). */
        json_t *root = json_object();
        json_object_set_new(root, "forms", json_array());
        jx_disclosure_export_json(&batch, root);
        json_t *bt = json_object_get(root, "budget_tables");
        if (bt) {
            if (!tables) tables = json_array();
            if (!continues) json_array_extend(tables, bt);
        }
        json_t *nr = json_object_get(root, "narratives");
        if (nr && !continues) {
            if (!narratives) narratives = json_array();
            json_array_extend(narratives, nr);
        }
        json_t *fa = json_object_get(root, "final_accounts");
        if (fa && !continues) {
            if (!finals) finals = json_array();
            json_array_extend(finals, fa);
        }
        for (size_t i = 0; i < batch.count; i++) {
            /* Each form written straight from the model (json_write.c), then its narrative. */
            jx_buf_puts(&text, written++ ? ",\n    " : "\n    ");
            jx_form_json_write(&text, batch.items[i], 2, 1);
            json_t *narrative = jx_form_narrative_json(&batch, batch.items[i]);
            if (narrative) {
                jx_json_buf_key(&text, "narrative", 3, 0);
                jx_json_buf_value(&text, narrative, 3);
                json_decref(narrative);
            }
            jx_json_buf_close(&text, 2, '}');
            if (text.len >= EXPORT_FLUSH) {
                fwrite(text.data, 1, text.len, out);
                text.len = 0;
            }
        }
        fwrite(text.data ? text.data : "", 1, text.len, out);
        text.len = 0;
        json_decref(root);
        if (ferror(out)) break;
    }
    jx_form_list_free(&batch);
    jx_buf_free(&text);
    /* In the same snapshot: disclosures without forms, and the skipped parts. */
    jx_form_list rest = {0};
    if (rc == JX_OK) rc = jx_store_load_unattached(store, 1, &rest, err);
    jx_store_cursor_close(cur);
    json_t *skipped = NULL, *evaluations = NULL;
    if (rc == JX_OK) {
        /* The same root jx_export_json builds for no forms: budget_tables, skipped. */
        json_t *root = jx_export_json(&rest);
        json_t *bt = json_object_get(root, "budget_tables");
        if (bt) {
            if (!tables) tables = json_array();
            json_array_extend(tables, bt);
        }
        json_t *nr = json_object_get(root, "narratives");
        if (nr) {
            if (!narratives) narratives = json_array();
            json_array_extend(narratives, nr);
        }
        json_t *fa = json_object_get(root, "final_accounts");
        if (fa) {
            if (!finals) finals = json_array();
            json_array_extend(finals, fa);
        }
        skipped = json_incref(json_object_get(root, "skipped"));
        evaluations = json_incref(json_object_get(root, "evaluations"));
        json_decref(root);
    }
    jx_form_list_free(&rest);
    fputs(written ? "\n  ]" : "]", out);
    if (tables) {
        fputs(",\n  \"budget_tables\": ", out);
        jx_json_write_nested(tables, out, EXPORT_FLAGS, 1);
        json_decref(tables);
    }
    if (narratives) {
        fputs(",\n  \"narratives\": ", out);
        jx_json_write_nested(narratives, out, EXPORT_FLAGS, 1);
        json_decref(narratives);
    }
    if (finals) {   /* additive: final accounts (部门决算), see disclosure_json.c */
        fputs(",\n  \"final_accounts\": ", out);
        jx_json_write_nested(finals, out, EXPORT_FLAGS, 1);
        json_decref(finals);
    }
    if (skipped) {
        fputs(",\n  \"skipped\": ", out);
        jx_json_write_nested(skipped, out, EXPORT_FLAGS, 1);
        json_decref(skipped);
    }
    if (evaluations) {   /* additive: self-evaluations and monitoring (issue 17) */
        fputs(",\n  \"evaluations\": ", out);
        jx_json_write_nested(evaluations, out, EXPORT_FLAGS, 1);
        json_decref(evaluations);
    }
    fputs("\n}\n", out);
    if (rc == JX_OK && ferror(out)) rc = jx_error_set(err, JX_ESYS, NULL, 0, "cannot write the export");
    return rc;
}
