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
             "transaction; a large markdown/TSV file is parsed and stored piece by piece, in bounded\n"
             "memory. A part that cannot be read (a truncated form, say) is skipped and listed\n"
             "on stderr as FILE:LINE: skipped PART: WHY; the rest imports. A file in which nothing\n"
             "imports is refused (exit 1) and leaves the database unchanged. '--' ends the options.\n",
    .min_args = 1,
    .max_args = -1,
    .missing = "no FILE given",
};

/*
** One file's import as the pipeline delivers it (jx_import_sink): the
** transaction and the store's importer begin once the hash is known, each
** batch of forms is stored as it comes, and what the audit entry and the
** summary line need of them is kept (ids and counts, not the forms).
*/
typedef struct import_run {
    jx_store *store;
    const char *base;
    jx_store_importer *im;    /* between begin and end, NULL after a failure */
    int open;                 /* the transaction is open */
    size_t nforms, nindicators;
    long long *ids;
    size_t nids, capids;
} import_run;

/* Keep what the summary and the audit entry need of stored forms. */
static void run_note(import_run *run, const jx_form_list *forms)
{
    for (size_t k = 0; k < forms->count; k++) {
        if (run->nids == run->capids) {
            run->capids = run->capids ? run->capids * 2 : 64;
            run->ids = jx_xrealloc(run->ids, run->capids * sizeof *run->ids);
        }
        run->ids[run->nids++] = forms->items[k]->id;
        run->nindicators += forms->items[k]->nindicators;
    }
    run->nforms += forms->count;
}

static jx_status run_begin(void *ctx, const char *sha, jx_error *err)
{
    import_run *run = ctx;
    jx_status st = jx_store_begin(run->store, err);
    if (st != JX_OK) return st;
    run->open = 1;
    return jx_store_import_begin(run->store, run->base, sha, &run->im, err);
}

static jx_status run_forms(void *ctx, jx_form_list *batch, jx_error *err)
{
    import_run *run = ctx;
    jx_status st = jx_store_import_forms(run->im, batch, err);
    if (st != JX_OK) run->im = NULL;   /* the store dropped it */
    else run_note(run, batch);
    return st;
}

/* Forget the file's import so far: nothing of it is committed. */
static void run_reset(void *ctx)
{
    import_run *run = ctx;
    if (run->im) jx_store_import_abort(run->im);
    run->im = NULL;
    if (run->open) jx_store_rollback(run->store);
    run->open = 0;
    run->nforms = run->nindicators = run->nids = 0;
}

/* The audit log entry of one imported file: its name, hash and the ids of its forms. */
static jx_status audit_import(jx_store *store, const char *base, const char *sha, const import_run *run,
                              jx_error *err)
{
    char actor[128];
    cli_actor(actor, sizeof actor);
    json_t *ids = json_array();
    for (size_t k = 0; k < run->nids; k++) json_array_append_new(ids, json_integer(run->ids[k]));
    json_t *d = json_pack("{s:s, s:s, s:o}", "file", base, "sha256", sha, "forms", ids);
    char *dj = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(d);
    jx_audit_entry e = {.actor = actor, .address = "local", .action = "import",
                        .form_id = run->nids == 1 ? run->ids[0] : 0, .detail_json = dj};
    jx_status st = jx_audit_append(store, &e, err);
    free(dj);
    return st;
}

/* The piece size of the streaming import: JX_IMPORT_PIECE_BYTES, or JIXIAO_IMPORT_PIECE (tests). */
static size_t piece_bytes(void)
{
    const char *v = getenv("JIXIAO_IMPORT_PIECE");
    char *end;
    unsigned long long n = v && *v ? strtoull(v, &end, 10) : 0;
    return v && *v && !*end && n >= 1024 ? (size_t)n : 0;
}

/*
** Import each file in its own transaction, then make the stored review
** current once. A large text file is stored batch by batch as it is read
** (jx_import_file_to), still one transaction: a refusal rolls it all back.
*/
int cmd_import(cli *ctx)
{
    jx_store *store = ctx->store;
    int status = EXIT_OK;
    size_t piece = piece_bytes();
    for (int i = 0; i < ctx->nargs; i++) {
        jx_form_list forms = {0};
        jx_error err;
        jx_error_clear(&err);
        char sha[65];
        const char *base = jx_basename(ctx->args[i]);
        import_run run = {.store = store, .base = base};
        jx_import_sink sink = {&run, run_begin, run_forms, run_reset};
        jx_status st = jx_import_file_to(ctx->args[i], piece, &sink, &forms, sha, &err);
        /* The file's forms and its audit log entry are one transaction. */
        if (st == JX_OK) {
            st = jx_store_import_end(run.im, &forms, &err);
            run.im = NULL;
            if (st == JX_OK) {
                run_note(&run, &forms);
                st = audit_import(store, base, sha, &run, &err);
            }
            if (st == JX_OK) st = jx_store_commit(store, &err);
            else jx_store_rollback(store);
            run.open = 0;
        } else {
            run_reset(&run);
        }
        free(run.ids);
        if (st != JX_OK) {
            if (!err.file[0]) snprintf(err.file, sizeof err.file, "%s", base);  /* name the file */
            cli_report("import", &err);
            status = EXIT_INPUT;
        } else {
            if (forms.nevaluations)   /* self-evaluations and monitoring reports (issue 17) */
                printf("%s: %zu forms, %zu indicators, %zu evaluations\n", base, run.nforms,
                       run.nindicators, forms.nevaluations);
            else
                printf("%s: %zu forms, %zu indicators\n", base, run.nforms, run.nindicators);
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
