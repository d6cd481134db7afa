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

static void opinion_usage(FILE *out)
{
    fprintf(out,
            "usage: jixiao [--db PATH] opinion ID|--all [--format text|json|html|docx] [-o FILE]\n"
            "                    [--rule ID=off|on|error|warning|info]... [--config FILE]\n"
            "\nThe 审核意见书 of stored form ID (or of every form): the suggested grade and score\n"
            "with how they were reached, and the problems grouped by 完整性/相关性/适当性/可行性,\n"
            "each with its place, reason, grounds and suggestion. docx needs -o FILE; -o writes\n"
            "atomically. JSON is one object per form ({\"version\": 1, \"form_id\", \"grade\",\n"
            "\"score\", \"scoring\", \"dimensions\": [...]}), an array with --all.\n");
}

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

int cmd_opinion(cli *ctx, int argc, char **argv)
{
    const char *format = "text", *out_path = NULL;
    long long id = 0;
    int all_forms = 0;
    jx_review_config *config = jx_review_config_new();
    jx_error err;
    jx_error_clear(&err);
    int status = EXIT_OK;
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) { opinion_usage(stdout); goto out; }
        int r = cli_db_option(ctx, &i, argc, argv);
        if (r < 0) { status = EXIT_USAGE; goto out; }
        if (r == 1) continue;
        if (!strcmp(argv[i], "--format") && i + 1 < argc) {
            format = argv[++i];
            if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "html") && strcmp(format, "docx")) {
                status = cli_usage_error("opinion", "unknown format '%s' (text, json, html, docx)", format);
                goto out;
            }
        } else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
            out_path = argv[++i];
        } else if (!strcmp(argv[i], "--all")) {
            all_forms = 1;
        } else if (!strcmp(argv[i], "--rule") && i + 1 < argc) {
            if (jx_review_config_set(config, argv[++i], &err) != JX_OK) { status = cli_report("opinion", &err); goto out; }
        } else if (!strcmp(argv[i], "--config") && i + 1 < argc) {
            if (jx_review_config_load_json(config, argv[++i], &err) != JX_OK) {
                cli_report("opinion", &err);
                status = EXIT_USAGE;
                goto out;
            }
        } else if (argv[i][0] != '-' && !id && !all_forms) {
            char *end;
            id = strtoll(argv[i], &end, 10);
            if (*end || id <= 0) { status = cli_usage_error("opinion", "'%s' is not a form id", argv[i]); goto out; }
        } else {
            status = cli_usage_error("opinion", "unexpected argument %s", argv[i]);
            goto out;
        }
    }
    if (!id && !all_forms) { status = cli_usage_error("opinion", "give a form ID or --all"); goto out; }
    if (id && all_forms) { status = cli_usage_error("opinion", "give a form ID or --all, not both"); goto out; }
    if (!strcmp(format, "docx") && !out_path) { status = cli_usage_error("opinion", "--format docx needs -o FILE"); goto out; }

    jx_store *store = cli_open_store(ctx);
    if (!store) { status = EXIT_INPUT; goto out; }
    jx_form_list forms = {0};
    jx_filter filter = {0};
    jx_findings fs = {0};
    const jx_form **chosen = NULL;
    size_t n = 0;
    if (jx_store_load(store, &filter, &forms, &err) != JX_OK) {
        status = cli_report("opinion", &err);
        goto done;
    }
    chosen = jx_xcalloc(forms.count ? forms.count : 1, sizeof *chosen);
    for (size_t i = 0; i < forms.count; i++)
        if (all_forms || forms.items[i]->id == id) chosen[n++] = forms.items[i];
    if (!n) {
        if (id) fprintf(stderr, "jixiao: opinion: no form with id %lld\n", id);
        else fprintf(stderr, "jixiao: opinion: the database holds no form\n");
        status = EXIT_INPUT;
        goto done;
    }
    /* Cross-form rules (copied-rows, copied-block) need every form, so the
       whole store is reviewed; each opinion then takes its form's own. */
    jx_review(config, &forms, &fs);
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
    jx_store_close(store);
out:
    jx_review_config_free(config);
    return status;
}
