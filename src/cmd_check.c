/*
** cmd_check.c - `jixiao check`: run the review rules over the stored forms.
** Exit 1 when a finding at or above --fail-on exists, so it can gate a
** submission pipeline.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jixiao/rules.h"
#include "jixiao/disclosure.h"

static void check_usage(FILE *out)
{
    fprintf(out,
            "usage: jixiao [--db PATH] check [--format text|json] [--fail-on error|warning|info]\n"
            "                    [--rule ID=off|on|error|warning|info]... [--config FILE]\n"
            "\nReview every stored form (绩效目标审核) with the rules of 'jixiao rules'.\n"
            "Text output is grouped by form with a suggested grade (优/良/中/差); JSON output is\n"
            "{\"version\": 1, \"findings\": [...], \"grades\": [...]}. Exit status 1 when a finding at\n"
            "or above --fail-on exists (default: error).\n");
}

/* One finding line (and its suggestion). */
static void print_finding(const jx_finding *x)
{
    printf("  %s:%ld: %s [%s] %s\n", x->form->file, x->line, jx_severity_name(x->severity), x->rule,
           x->message);
    if (x->suggestion) printf("      建议：%s\n", x->suggestion);
}

/*
** Print findings grouped by form, each form with its grade from its own
** findings; then each disclosure with its verdict and the findings about it
** (its tables and prose), which belong to no form.
*/
static void print_text(const jx_review_config *c, const jx_form_list *forms, const jx_findings *fs)
{
    size_t k = 0;
    size_t counts[3] = {0, 0, 0};
    for (size_t i = 0; i < forms->count; i++) {
        const jx_form *f = forms->items[i];
        double score;
        const char *grade = jx_review_grade(c, fs, f->id, &score);
        printf("form %lld  %s  (%s:%ld)  审核建议：%s（%.0f分）\n", f->id, f->name, f->file, f->line,
               grade, score);
        for (; k < fs->count && fs->items[k].form_id == f->id; k++) {
            const jx_finding *x = &fs->items[k];
            counts[x->severity]++;
            if (x->scope == JX_SCOPE_FORM) print_finding(x);
        }
    }
    for (size_t d = 0; d < forms->ndisclosures; d++) {
        const char *file = forms->disclosures[d]->file;
        size_t n = 0;
        for (size_t i = 0; i < fs->count; i++)
            n += fs->items[i].scope == JX_SCOPE_DISCLOSURE && !strcmp(fs->items[i].disclosure, file);
        if (!n) continue;
        double score;
        const char *grade = jx_review_grade_disclosure(c, fs, file, &score);
        printf("disclosure %s  审核建议：%s（%.0f分）\n", file, grade, score);
        for (size_t i = 0; i < fs->count; i++)
            if (fs->items[i].scope == JX_SCOPE_DISCLOSURE && !strcmp(fs->items[i].disclosure, file))
                print_finding(&fs->items[i]);
    }
    printf("%zu forms: %zu errors, %zu warnings, %zu info\n", forms->count, counts[JX_SEV_ERROR],
           counts[JX_SEV_WARNING], counts[JX_SEV_INFO]);
}

/* The JSON report: version, findings, and one grade per form. */
static void print_json(const jx_review_config *c, const jx_form_list *forms, const jx_findings *fs)
{
    json_t *root = json_object();
    json_object_set_new(root, "version", json_integer(1));
    json_t *arr = json_array();
    for (size_t i = 0; i < fs->count; i++) {
        const jx_finding *x = &fs->items[i];
        json_t *o = json_object();
        json_object_set_new(o, "rule", json_string(x->rule));
        json_object_set_new(o, "severity", json_string(jx_severity_name(x->severity)));
        json_object_set_new(o, "dimension", json_string(jx_dimension_name(x->dimension)));
        json_object_set_new(o, "form_id", json_integer(x->form_id));
        json_t *src = json_object();
        json_object_set_new(src, "file", json_string(x->form->file));
        json_object_set_new(src, "line", json_integer(x->line));
        json_object_set_new(o, "source", src);
        json_object_set_new(o, "where", json_string(x->where));
        json_object_set_new(o, "message", json_string(x->message));
        json_object_set_new(o, "reason", json_string(x->reason));
        json_object_set_new(o, "suggestion", x->suggestion ? json_string(x->suggestion) : json_null());
        json_object_set_new(o, "scope", json_string(jx_scope_name(x->scope)));
        json_array_append_new(arr, o);
    }
    json_object_set_new(root, "findings", arr);
    json_t *grades = json_array();
    for (size_t i = 0; i < forms->count; i++) {
        double score;
        const char *g = jx_review_grade(c, fs, forms->items[i]->id, &score);
        json_t *o = json_object();
        json_object_set_new(o, "form_id", json_integer(forms->items[i]->id));
        json_object_set_new(o, "grade", json_string(g));
        json_object_set_new(o, "score", json_real(score));
        json_array_append_new(grades, o);
    }
    json_object_set_new(root, "grades", grades);
    json_t *dgrades = json_array();   /* the verdict of each disclosure, from its own findings */
    for (size_t d = 0; d < forms->ndisclosures; d++) {
        double score;
        const char *g = jx_review_grade_disclosure(c, fs, forms->disclosures[d]->file, &score);
        json_t *o = json_object();
        json_object_set_new(o, "file", json_string(forms->disclosures[d]->file));
        json_object_set_new(o, "grade", json_string(g));
        json_object_set_new(o, "score", json_real(score));
        json_array_append_new(dgrades, o);
    }
    json_object_set_new(root, "disclosures", dgrades);
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    puts(text);
    free(text);
    json_decref(root);
}

int cmd_check(cli *ctx, int argc, char **argv)
{
    const char *format = "text";
    jx_severity fail_on = JX_SEV_ERROR;
    jx_review_config *config = jx_review_config_new();
    jx_error err;
    jx_error_clear(&err);
    int status = EXIT_OK;
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) { check_usage(stdout); goto out; }
        int r = cli_db_option(ctx, &i, argc, argv);
        if (r < 0) { status = EXIT_USAGE; goto out; }
        if (r == 1) continue;
        if (!strcmp(argv[i], "--format") && i + 1 < argc) {
            format = argv[++i];
            if (strcmp(format, "text") && strcmp(format, "json")) {
                status = cli_usage_error("check", "unknown format '%s' (text, json)", format);
                goto out;
            }
        } else if (!strcmp(argv[i], "--fail-on") && i + 1 < argc) {
            if (!jx_severity_parse(argv[++i], &fail_on)) {
                status = cli_usage_error("check", "--fail-on wants error, warning or info, not '%s'", argv[i]);
                goto out;
            }
        } else if (!strcmp(argv[i], "--rule") && i + 1 < argc) {
            if (jx_review_config_set(config, argv[++i], &err) != JX_OK) { status = cli_report("check", &err); goto out; }
        } else if (!strcmp(argv[i], "--config") && i + 1 < argc) {
            if (jx_review_config_load_json(config, argv[++i], &err) != JX_OK) {
                cli_report("check", &err);
                status = EXIT_USAGE;
                goto out;
            }
        } else {
            status = cli_usage_error("check", "unexpected argument %s", argv[i]);
            goto out;
        }
    }
    jx_store *store = cli_open_store(ctx);
    if (!store) { status = EXIT_INPUT; goto out; }
    jx_form_list forms = {0};
    jx_filter all = {0};
    if (jx_store_load(store, &all, &forms, &err) != JX_OK) {
        status = cli_report("check", &err);
    } else {
        jx_findings fs = {0};
        jx_review(config, &forms, &fs);
        if (!strcmp(format, "json")) print_json(config, &forms, &fs);
        else print_text(config, &forms, &fs);
        for (size_t i = 0; i < fs.count; i++)
            if (fs.items[i].severity >= fail_on) status = EXIT_INPUT;
        jx_findings_free(&fs);
    }
    jx_form_list_free(&forms);
    jx_store_close(store);
out:
    jx_review_config_free(config);
    return status;
}
