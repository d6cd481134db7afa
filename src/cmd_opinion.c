/*
** cmd_opinion.c - `jixiao opinion ID|--all`: the 审核意见书 of a form (or of
** every form), as a finance office sends it back: unit, project, amounts,
** the suggested grade and how it was reached, the problems by review
** dimension with place, reason, grounds and suggestion.
*/
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jixiao/opinion.h"
#include "jixiao/review.h"
#include "jixiao/rules.h"
#include "jixiao/store.h"
#include "jixiao/util.h"

/* The options of opinion (and --rule/--config, CLI_CONFIG). */
typedef struct opinion_opts {
    const char *format, *output;
    int all;
} opinion_opts;

static const char *const opinion_formats[] = {"text", "json", "html", "docx", NULL};

static const cli_option opinion_options[] = {
    CLI_FLAG("--all", NULL, opinion_opts, all, "the opinions of every form"),
    CLI_CHOICE("--format", opinion_opts, format, opinion_formats, "text|json|html|docx", "the document's format",
               "unknown format '%s' (text, json, html, docx)"),
    CLI_STRING("--output", "-o", opinion_opts, output, "FILE", "write to FILE atomically (docx needs it)"),
    CLI_END,
};

static const opinion_opts opinion_defaults = {.format = "text"};

/* A form ID or --all, not both; docx has -o. */
static int opinion_validate(cli *ctx)
{
    const opinion_opts *o = ctx->opts;
    long long id;
    if (ctx->nargs && !cli_parse_id(ctx, ctx->args[0], &id, "'%s' is not a form id")) return EXIT_USAGE;
    if (!ctx->nargs && !o->all) return cli_usage_error("opinion", "give a form ID or --all");
    if (ctx->nargs && o->all) return cli_usage_error("opinion", "give a form ID or --all, not both");
    if (!strcmp(o->format, "docx") && !o->output) return cli_usage_error("opinion", "--format docx needs -o FILE");
    return EXIT_OK;
}

const cli_spec opinion_spec = {
    .usage = "usage: jixiao [--db PATH] opinion ID|--all [--format text|json|html|docx] [-o FILE]\n"
             "                    [--rule ID=off|on|error|warning|info]... [--config FILE]\n",
    .about = "The 审核意见书 of stored form ID (or of every form): the suggested grade and score\n"
             "with how they were reached, and the problems grouped by 完整性/相关性/适当性/可行性,\n"
             "each with its place, reason, grounds and suggestion. docx needs -o FILE; -o writes\n"
             "atomically. JSON is one object per form ({\"version\": 1, \"form_id\", \"grade\",\n"
             "\"score\", \"scoring\", \"dimensions\": [...]}), an array with --all.\n",
    .options = opinion_options,
    .opts_size = sizeof(opinion_opts),
    .defaults = &opinion_defaults,
    .max_args = 1,
    .validate = opinion_validate,
};

/* The head of the standalone printable HTML document around the opinions. */
static void html_head(FILE *out)
{
    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
          "<title>绩效目标审核意见</title><style>"
          "body{font-family:'Noto Serif CJK SC','SimSun',serif;max-width:52em;margin:2em auto;line-height:1.7}"
          "h1{text-align:center;font-size:1.5em}.opinion-year{text-align:center}"
          "table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;padding:.3em;vertical-align:top}"
          ".opinion-para{text-indent:2em}article{page-break-after:always}"
          "</style></head><body>\n", out);
}

/* Its tail. */
static void html_tail(FILE *out)
{
    fputs("\n</body></html>\n", out);
}

/*
** Where the opinions go: a temporary file renamed to -o at the end, or, for
** standard output, an anonymous temporary file copied out at the end (a
** late error -- the store failing at the thousandth form -- leaves nothing
** half-written on standard output either; memory stays one batch).
*/
typedef struct opinion_out {
    FILE *fp;
    jx_atomic_file af;
    int atomic;
    cli_held held;           /* standard output held back (cli_hold_stdout) */
    size_t written;          /* opinions written so far */
    jx_docx_opinions *docx;  /* --format docx */
} opinion_out;

/* Write opinion of form f (its findings among fs) in format to o. */
static void write_one(opinion_out *o, const char *format, int all_forms, const jx_review_config *config,
                      const jx_form *f, const jx_findings *fs)
{
    size_t i = o->written++;
    if (!i && !strcmp(format, "html")) html_head(o->fp);
    if (!strcmp(format, "docx")) {
        jx_opinion_docx_add(o->docx, config, f, fs);
    } else if (!strcmp(format, "text")) {
        char *t = jx_opinion_text(config, f, fs);
        if (i) fputs("\f\n", o->fp);
        fputs(t, o->fp);
        free(t);
    } else if (!strcmp(format, "json")) {
        json_t *j = jx_opinion_json(config, f, fs);
        if (all_forms) {   /* an element of the array json_dumps would print at depth 1 */
            fputs(i ? ",\n  " : "[\n  ", o->fp);
            jx_json_write_nested(j, o->fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER, 1);
        } else {
            char *t = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
            fputs(t, o->fp);
            fputc('\n', o->fp);
            free(t);
        }
        json_decref(j);
    } else {
        jx_buf body = {0};
        jx_opinion_html(config, f, fs, &body);
        fwrite(body.data ? body.data : "", 1, body.len, o->fp);
        jx_buf_free(&body);
    }
}

/*
** The opinions of the chosen forms (one, or --all), from the review of every
** form under ctx->config (the cross-form rules need them all), walked batch
** by batch (jx_review_walk): each opinion is written as its batch comes, so
** memory holds one batch, not the store.
*/
int cmd_opinion(cli *ctx)
{
    const opinion_opts *o = ctx->opts;
    const char *format = o->format, *out_path = o->output;
    int all_forms = o->all;
    long long id = ctx->nargs ? strtoll(ctx->args[0], NULL, 10) : 0;   /* checked by opinion_validate */
    const jx_review_config *config = ctx->config;
    jx_error err;
    jx_error_clear(&err);
    int docx = !strcmp(format, "docx"), html = !strcmp(format, "html");
    opinion_out out = {.fp = stdout};
    if (docx) {
        if (jx_opinion_docx_begin(&out.docx, &err) != JX_OK) return cli_report("opinion", &err);
    } else if (out_path) {
        if (jx_atomic_open(out_path, &out.af, &err) != JX_OK) return cli_report("opinion", &err);
        out.fp = out.af.fp;
        out.atomic = 1;
    } else {
        cli_hold_stdout(&out.held);   /* all or nothing (without a temporary file straight out) */
    }
    jx_status rc = jx_store_begin_read(ctx->store, &err);
    jx_review_walk *w = NULL;
    if (rc == JX_OK) rc = jx_review_walk_open(ctx->store, config, &w, &err);
    jx_findings fs = {0};
    int found = 0;
    while (rc == JX_OK && !(found && !all_forms)) {
        const jx_form_list *batch;
        int unattached;
        jx_findings_free(&fs);
        memset(&fs, 0, sizeof fs);
        if ((rc = jx_review_walk_next(w, &batch, &unattached, &fs, &err)) != JX_OK) break;
        if (!batch->count && !batch->ndisclosures) break;
        for (size_t i = 0; i < batch->count; i++) {
            if (!all_forms && batch->items[i]->id != id) continue;
            write_one(&out, format, all_forms, config, batch->items[i], &fs);
            found = 1;
        }
        if (!docx && ferror(out.fp)) break;
    }
    jx_findings_free(&fs);
    jx_review_walk_close(w);
    if (jx_store_in_transaction(ctx->store)) jx_store_end_read(ctx->store);
    int status = EXIT_OK;
    if (rc != JX_OK) {
        status = cli_report("opinion", &err);
    } else if (!found) {
        if (id) fprintf(stderr, "jixiao: opinion: no form with id %lld\n", id);
        else fprintf(stderr, "jixiao: opinion: the database holds no form\n");
        status = EXIT_INPUT;
    }
    if (docx) {
        if (status == EXIT_OK && jx_opinion_docx_end(out.docx, out_path, &err) != JX_OK)
            status = cli_report("opinion", &err);
        else if (status != EXIT_OK) jx_opinion_docx_abort(out.docx);
        return status;
    }
    if (status == EXIT_OK) {
        if (!strcmp(format, "json") && all_forms) fputs("\n]\n", out.fp);
        if (html) html_tail(out.fp);
    }
    if (out.atomic) {
        if (status != EXIT_OK) jx_atomic_abort(&out.af);
        else if (jx_atomic_commit(&out.af, &err) != JX_OK) status = cli_report("opinion", &err);
    } else {
        status = cli_release_stdout(&out.held, "opinion", status);
    }
    return status;
}
