/*
** cmd_import.c - `jixiao import FILE...`: each file is read, parsed and
** stored in its own transaction; a bad file changes nothing and the others
** still go in. Prints, per file, the forms and indicators read.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jixiao/auth.h"
#include "jixiao/review.h"
#include "jixiao/disclosure.h"
#include "jixiao/import.h"
#include "jixiao/util.h"

const cli_spec import_spec = {
    .usage = "usage: jixiao [--db PATH] import FILE...\n",
    .about = "Import performance-target form documents and department budget disclosures (markdown,\n"
             "tab-separated or one-cell-per-line text in UTF-8 or GB18030; .xlsx workbooks; .docx\n"
             "documents). Re-importing a file with the same content replaces it; each file is one\n"
             "transaction. A part that cannot be read (a truncated form, say) is skipped and listed\n"
             "on stderr as FILE:LINE: skipped PART: WHY; the rest imports. A file in which nothing\n"
             "imports is refused (exit 1) and leaves the database unchanged. '--' ends the options.\n",
    .min_args = 1,
    .max_args = -1,
    .missing = "no FILE given",
};

/* The audit log entry of one imported file: its name, hash and the ids of its forms. */
static jx_status audit_import(jx_store *store, const char *base, const char *sha, const jx_form_list *forms,
                              jx_error *err)
{
    char actor[128];
    cli_actor(actor, sizeof actor);
    json_t *ids = json_array();
    for (size_t k = 0; k < forms->count; k++) json_array_append_new(ids, json_integer(forms->items[k]->id));
    json_t *d = json_pack("{s:s, s:s, s:o}", "file", base, "sha256", sha, "forms", ids);
    char *dj = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(d);
    jx_audit_entry e = {.actor = actor, .address = "local", .action = "import",
                        .form_id = forms->count == 1 ? forms->items[0]->id : 0, .detail_json = dj};
    jx_status st = jx_audit_append(store, &e, err);
    free(dj);
    return st;
}

/* Import each file in its own transaction, then make the stored review current once. */
int cmd_import(cli *ctx)
{
    jx_store *store = ctx->store;
    int status = EXIT_OK;
    for (int i = 0; i < ctx->nargs; i++) {
        jx_form_list forms = {0};
        jx_error err;
        jx_error_clear(&err);
        char sha[65];
        const char *base = jx_basename(ctx->args[i]);
        jx_status st = jx_import_file(ctx->args[i], &forms, sha, &err);
        /* The file's forms and its audit log entry are one transaction. */
        if (st == JX_OK) st = jx_store_begin(store, &err);
        if (st == JX_OK) {
            st = jx_store_import(store, base, sha, &forms, &err);
            if (st == JX_OK) st = audit_import(store, base, sha, &forms, &err);
            if (st == JX_OK) st = jx_store_commit(store, &err);
            else jx_store_rollback(store);
        }
        if (st != JX_OK) {
            if (!err.file[0]) snprintf(err.file, sizeof err.file, "%s", base);  /* name the file */
            cli_report("import", &err);
            status = EXIT_INPUT;
        } else {
            size_t nind = 0;
            for (size_t k = 0; k < forms.count; k++) nind += forms.items[k]->nindicators;
            if (forms.nevaluations)   /* self-evaluations and monitoring reports (issue 17) */
                printf("%s: %zu forms, %zu indicators, %zu evaluations\n", base, forms.count, nind,
                       forms.nevaluations);
            else
                printf("%s: %zu forms, %zu indicators\n", base, forms.count, nind);
            /* The parts that could not be read: skipped, the rest imported (issue 11). */
            for (size_t k = 0; k < forms.nnotes; k++) {
                const jx_note *n = &forms.notes[k];
                if (n->line) fprintf(stderr, "jixiao: import: %s:%ld: skipped %s: %s\n", base, n->line, n->part, n->why);
                else fprintf(stderr, "jixiao: import: %s: skipped %s: %s\n", base, n->part, n->why);
            }
            /* A department disclosure: what it carries and what was skipped (issue 4). */
            for (size_t k = 0; k < forms.ndisclosures; k++) {
                const jx_disclosure *d = forms.disclosures[k];
                size_t linked = 0;
                for (size_t n = 0; n < d->nnarratives; n++) linked += d->narratives[n].linked;
                if (d->final)
                    printf("%s: final accounts (部门决算) of %s, %d%s: %zu tables, %zu statements\n", base,
                           d->unit ? d->unit : "-", d->year, d->template_doc ? ", a template" : "",
                           d->ntables, d->nstatements);
                else
                    printf("%s: budget disclosure: %zu tables, %zu narratives (%zu linked to a target table)\n",
                           base, d->ntables, d->nnarratives, linked);
                /* FILE:LINE: like every diagnostic; a PDF's by its page (its lines are rows) */
                for (size_t n = 0; n < d->nskipped; n++) {
                    long line;
                    int page;
                    const char *what = jx_disclosure_note_where(d->skipped[n], &line, &page);
                    if (page) fprintf(stderr, "jixiao: import: %s:page %d: skipped: %s\n", base, page, what);
                    else if (line) fprintf(stderr, "jixiao: import: %s:%ld: skipped: %s\n", base, line, what);
                    else fprintf(stderr, "jixiao: import: %s: skipped: %s\n", base, what);
                }
            }
        }
        jx_form_list_free(&forms);
    }
    /* The forms changed: compute and store their review once, for every file at once. */
    jx_error err;
    jx_error_clear(&err);
    const jx_review_config *config = ctx->config;
    /* Another import into the same database may change the forms while they are
    ** reviewed (JX_EUSAGE from the store): review again; the forms are stored
    ** either way, and the next command that reads the review recomputes it. */
    for (int attempt = 0;; attempt++) {
        jx_error_clear(&err);
        if (jx_review_refresh(store, config, NULL, &err) == JX_OK) break;
        if (err.status == JX_EUSAGE && attempt < 20) continue;
        if (err.status == JX_EUSAGE)
            fprintf(stderr, "jixiao: import: note: other imports kept changing the forms; "
                            "the review is computed by the next command that reads it\n");
        else
            status = cli_report("import", &err);
        break;
    }
    return status;
}
