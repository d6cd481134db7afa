/*
** cmd_opinion.c - `jixiao opinion ID|--all`: the 审核意见书 of a form (or of
** every form), as a finance office sends it back: unit, project, amounts,
** the suggested grade and how it was reached, the problems by review
** dimension with place, reason, grounds and suggestion.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jixiao/opinion.h"
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

/* A standalone printable HTML document around the opinions. */
static void html_document(jx_buf *b, const jx_buf *body)
{
    jx_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                   "<title>绩效目标审核意见</title><style>"
                   "body{font-family:'Noto Serif CJK SC','SimSun',serif;max-width:52em;margin:2em auto;line-height:1.7}"
                   "h1{text-align:center;font-size:1.5em}.opinion-year{text-align:center}"
                   "table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;padding:.3em;vertical-align:top}"
                   ".opinion-para{text-indent:2em}article{page-break-after:always}"
                   "</style></head><body>\n");
    jx_buf_append(b, body->data, body->len);
    jx_buf_puts(b, "\n</body></html>\n");
}

/* The opinions of the chosen forms, from a review of every form under ctx->config. */
int cmd_opinion(cli *ctx)
{
    const opinion_opts *o = ctx->opts;
    const char *format = o->format, *out_path = o->output;
    int all_forms = o->all;
    long long id = ctx->nargs ? strtoll(ctx->args[0], NULL, 10) : 0;   /* checked by opinion_validate */
    const jx_review_config *config = ctx->config;
    jx_error err;
    jx_error_clear(&err);
    int status = EXIT_OK;
    jx_form_list forms = {0};
    jx_findings fs = {0};
    const jx_form **chosen = NULL;
    size_t n = 0;
    /* Cross-form rules (copied-rows, copied-block) need every form, so the
       whole store is reviewed; each opinion then takes its form's own. */
    if ((status = cli_review_memory(ctx, &forms, &fs)) != EXIT_OK) goto done;
    chosen = jx_xcalloc(forms.count ? forms.count : 1, sizeof *chosen);
    for (size_t i = 0; i < forms.count; i++)
        if (all_forms || forms.items[i]->id == id) chosen[n++] = forms.items[i];
    if (!n) {
        if (id) fprintf(stderr, "jixiao: opinion: no form with id %lld\n", id);
        else fprintf(stderr, "jixiao: opinion: the database holds no form\n");
        status = EXIT_INPUT;
        goto done;
    }
    jx_buf b = {0};
    if (!strcmp(format, "docx")) {
        if (jx_opinion_docx(config, chosen, n, &fs, out_path, &err) != JX_OK) status = cli_report("opinion", &err);
    } else {
        if (!strcmp(format, "text")) {
            for (size_t i = 0; i < n; i++) {
                char *t = jx_opinion_text(config, chosen[i], &fs);
                if (i) jx_buf_puts(&b, "\f\n");
                jx_buf_puts(&b, t);
                free(t);
            }
        } else if (!strcmp(format, "json")) {
            json_t *j = NULL;
            if (all_forms) {
                j = json_array();
                for (size_t i = 0; i < n; i++) json_array_append_new(j, jx_opinion_json(config, chosen[i], &fs));
            } else {
                j = jx_opinion_json(config, chosen[0], &fs);
            }
            char *t = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
            jx_buf_puts(&b, t);
            jx_buf_putc(&b, '\n');
            free(t);
            json_decref(j);
        } else {
            jx_buf body = {0};
            for (size_t i = 0; i < n; i++) jx_opinion_html(config, chosen[i], &fs, &body);
            html_document(&b, &body);
            jx_buf_free(&body);
        }
        if (out_path) {
            if (jx_write_file_atomic(out_path, b.data ? b.data : "", b.len, &err) != JX_OK)
                status = cli_report("opinion", &err);
        } else {
            fwrite(b.data ? b.data : "", 1, b.len, stdout);
        }
    }
    jx_buf_free(&b);
done:
    free(chosen);
    jx_findings_free(&fs);
    jx_form_list_free(&forms);
    return status;
}
