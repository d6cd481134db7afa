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
#include "jixiao/disclosure.h"
#include "jixiao/review.h"
#include "jixiao/rules.h"
#include "jixiao/util.h"

/* The options of check (and --rule/--config, CLI_CONFIG). */
typedef struct check_opts {
    const char *format, *fail_on;
} check_opts;

static const char *const check_formats[] = {"text", "json", NULL};
static const char *const check_severities[] = {"error", "warning", "info", NULL};

static const cli_option check_options[] = {
    CLI_CHOICE("--format", check_opts, format, check_formats, "text|json", "grouped by form, or JSON",
               "unknown format '%s' (text, json)"),
    CLI_CHOICE("--fail-on", check_opts, fail_on, check_severities, "error|warning|info",
               "exit 1 when a finding this severe or more exists (default error)",
               "--fail-on wants error, warning or info, not '%s'"),
    CLI_END,
};

static const check_opts check_defaults = {.format = "text", .fail_on = "error"};

const cli_spec check_spec = {
    .usage = "usage: jixiao [--db PATH] check [--format text|json] [--fail-on error|warning|info]\n"
             "                    [--rule ID=off|on|error|warning|info]... [--config FILE]\n",
    .about = "Review every stored form (绩效目标审核) with the rules of 'jixiao rules'.\n"
             "Text output is grouped by form with a suggested grade (优/良/中/差); JSON output is\n"
             "{\"version\": 1, \"findings\": [...], \"grades\": [...]}. Exit status 1 when a finding at\n"
             "or above --fail-on exists (default: error).\n",
    .options = check_options,
    .opts_size = sizeof(check_opts),
    .defaults = &check_defaults,
};

/*
** Where the report reads from: the stored review (pages of forms and the
** findings of each page's id range, so memory stays flat in the number of
** forms) or, for a configuration other than the store's, a review computed
** in memory (one page of everything).
*/
typedef struct source {
    jx_store *store;                /* stored: the store; NULL for in memory */
    const jx_form_list *forms;      /* in memory */
    const jx_findings *findings;
    const jx_review_config *config;
    long long offset;               /* stored: the next page */
    int done;
} source;

/* Forms per page of the stored review. */
#define CHECK_PAGE 1000

/* Append finding x to rows (room for it reserved) as a row owning copies of its strings. */
static void add_row(jx_finding_rows *rows, const jx_finding *x)
{
    jx_finding_row r = jx_finding_row_of(x);
    jx_finding_row *o = &rows->items[rows->count++];
    *o = r;
    o->form_name = jx_strdup(r.form_name);
    o->file = jx_strdup(r.file);
    o->rule = jx_strdup(r.rule);
    o->where = jx_strdup(r.where);
    o->message = jx_strdup(r.message);
    o->suggestion = jx_strdup(r.suggestion);
    o->disclosure = jx_strdup(r.disclosure);
}

/* The next page: briefs and their findings. 0 at the end, -1 on error (reported). */
static int next_page(source *src, jx_briefs *briefs, jx_finding_rows *rows)
{
    memset(briefs, 0, sizeof *briefs);
    memset(rows, 0, sizeof *rows);
    if (src->done) return 0;
    jx_error err;
    jx_error_clear(&err);
    if (!src->store) {
        src->done = 1;
        const jx_form_list *fl = src->forms;
        briefs->items = jx_xcalloc(fl->count ? fl->count : 1, sizeof *briefs->items);
        for (size_t i = 0; i < fl->count; i++) {
            const jx_form *f = fl->items[i];
            jx_brief *b = &briefs->items[briefs->count++];
            b->id = f->id;
            b->name = jx_strdup(f->name);
            b->file = jx_strdup(f->file);
            b->line = f->line;
            b->grade = jx_strdup(jx_review_grade(src->config, src->findings, f->id, &b->score));
        }
        rows->items = jx_xcalloc(src->findings->count ? src->findings->count : 1, sizeof *rows->items);
        for (size_t i = 0; i < src->findings->count; i++) add_row(rows, &src->findings->items[i]);
        return fl->count || src->findings->count ? 1 : 0;
    }
    jx_form_query q = {0};
    q.offset = src->offset;
    q.limit = CHECK_PAGE;
    if (jx_store_query_forms(src->store, &q, briefs, &err) != JX_OK) { cli_report("check", &err); return -1; }
    if (!briefs->count) { src->done = 1; return 0; }
    src->offset += (long long)briefs->count;
    jx_finding_query fq = {0};
    fq.severity = -1;
    fq.form_from = briefs->items[0].id;
    fq.form_to = briefs->items[briefs->count - 1].id;
    fq.limit = -1;
    if (jx_store_query_findings(src->store, &fq, rows, &err) != JX_OK) {
        jx_briefs_free(briefs);
        cli_report("check", &err);
        return -1;
    }
    return 1;
}

/* The disclosures' verdicts, in order (free with jx_verdicts_free). -1 on error (reported). */
static int source_verdicts(source *src, jx_verdict **out, size_t *n)
{
    if (src->store) {
        jx_error err;
        jx_error_clear(&err);
        if (jx_store_verdicts(src->store, out, n, &err) == JX_OK) return 0;
        cli_report("check", &err);
        return -1;
    }
    const char **files = jx_review_verdict_files(src->forms, n);
    *out = jx_xcalloc(*n ? *n : 1, sizeof **out);
    for (size_t i = 0; i < *n; i++) {
        const char *file = files[i];
        (*out)[i].file = jx_strdup(file);
        (*out)[i].grade = jx_strdup(jx_review_grade_disclosure(src->config, src->findings, file, &(*out)[i].score));
    }
    free(files);
    return 0;
}

/* The findings of one disclosure (scope disclosure), in the review's order. -1 on error. */
static int disclosure_rows(source *src, const char *file, jx_finding_rows *rows)
{
    memset(rows, 0, sizeof *rows);
    if (src->store) {
        jx_finding_query q = {0};
        q.severity = -1;
        q.disclosure = file;
        q.limit = -1;
        jx_error err;
        jx_error_clear(&err);
        if (jx_store_query_findings(src->store, &q, rows, &err) == JX_OK) return 0;
        cli_report("check", &err);
        return -1;
    }
    const jx_findings *fs = src->findings;
    rows->items = jx_xcalloc(fs->count ? fs->count : 1, sizeof *rows->items);
    for (size_t i = 0; i < fs->count; i++) {
        const jx_finding *x = &fs->items[i];
        if (x->scope != JX_SCOPE_DISCLOSURE || !x->disclosure || strcmp(x->disclosure, file) != 0) continue;
        add_row(rows, x);
    }
    return 0;
}

/* One finding line (and its suggestion). */
static void print_finding(const jx_finding_row *x)
{
    if (x->page)   /* a PDF source: the page, then the row's line */
        printf("  %s: page %d: line %ld: %s [%s] %s\n", x->file, x->page, x->line,
               jx_severity_name((jx_severity)x->severity), x->rule, x->message);
    else
        printf("  %s:%ld: %s [%s] %s\n", x->file, x->line, jx_severity_name((jx_severity)x->severity),
               x->rule, x->message);
    if (x->suggestion) printf("      建议：%s\n", x->suggestion);
}

/* Rewind a source for another pass. */
static void rewind_source(source *src)
{
    src->offset = 0;
    src->done = 0;
}

/*
** Print findings grouped by form, each form with its grade from its own
** findings; then each disclosure with its verdict and the findings about it
** (its tables and prose), which belong to no form. Returns -1 on error.
*/
static int print_text(source *src, long long *at_or_above, jx_severity fail_on)
{
    size_t counts[3] = {0, 0, 0}, nforms = 0;
    jx_briefs bs;
    jx_finding_rows rs;
    int r;
    while ((r = next_page(src, &bs, &rs)) > 0) {
        size_t k = 0;
        for (size_t i = 0; i < bs.count; i++) {
            const jx_brief *f = &bs.items[i];
            nforms++;
            printf("form %lld  %s  (%s:%ld)  审核建议：%s（%.0f分）\n", f->id, f->name, f->file, f->line,
                   f->grade ? f->grade : "-", f->score);
            while (k < rs.count && rs.items[k].form_id < f->id) k++;
            while (k < rs.count && rs.items[k].form_id == f->id) {
                const jx_finding_row *x = &rs.items[k++];
                if (x->severity >= 0 && x->severity < 3) counts[x->severity]++;
                if (x->severity >= (int)fail_on) (*at_or_above)++;
                if (x->scope == JX_SCOPE_FORM) print_finding(x);
            }
        }
        jx_briefs_free(&bs);
        jx_finding_rows_free(&rs);
    }
    if (r < 0) return -1;
    jx_verdict *vs;
    size_t nv;
    if (source_verdicts(src, &vs, &nv) < 0) return -1;
    for (size_t d = 0; d < nv && r == 0; d++) {
        if ((r = disclosure_rows(src, vs[d].file, &rs)) < 0) break;
        if (rs.count) {
            printf("disclosure %s  审核建议：%s（%.0f分）\n", vs[d].file, vs[d].grade, vs[d].score);
            for (size_t i = 0; i < rs.count; i++) {
                const jx_finding_row *x = &rs.items[i];
                if (x->form_id == 0) {   /* of a disclosure without forms: counted here, not above */
                    if (x->severity >= 0 && x->severity < 3) counts[x->severity]++;
                    if (x->severity >= (int)fail_on) (*at_or_above)++;
                }
                print_finding(x);
            }
        }
        jx_finding_rows_free(&rs);
    }
    jx_verdicts_free(vs, nv);
    if (r < 0) return -1;
    printf("%zu forms: %zu errors, %zu warnings, %zu info\n", nforms, counts[JX_SEV_ERROR],
           counts[JX_SEV_WARNING], counts[JX_SEV_INFO]);
    return 0;
}

/*
** The JSON report: version, findings, and one grade per form, written item
** by item (two passes over the source) exactly as one json_dumps of the
** whole document with JSON_INDENT(2) would.
*/
static int print_json(source *src, long long *at_or_above, jx_severity fail_on)
{
    const size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER;
    jx_briefs bs;
    jx_finding_rows rs;
    int r, any = 0;
    fputs("{\n  \"version\": 1,\n  \"findings\": [", stdout);
    while ((r = next_page(src, &bs, &rs)) > 0) {
        for (size_t i = 0; i < rs.count; i++) {
            if (rs.items[i].severity >= (int)fail_on) (*at_or_above)++;
            json_t *o = jx_finding_row_json(&rs.items[i], 0);
            fputs(any++ ? ",\n    " : "\n    ", stdout);
            jx_json_write_nested(o, stdout, flags, 2);
            json_decref(o);
        }
        jx_briefs_free(&bs);
        jx_finding_rows_free(&rs);
    }
    if (r < 0) return -1;
    /* the findings of disclosures without forms (final accounts), which no form's page holds */
    {
        jx_verdict *vs;
        size_t nv;
        if (source_verdicts(src, &vs, &nv) < 0) return -1;
        for (size_t d = 0; d < nv && r == 0; d++) {
            if ((r = disclosure_rows(src, vs[d].file, &rs)) < 0) break;
            for (size_t i = 0; i < rs.count; i++) {
                if (rs.items[i].form_id != 0) continue;
                if (rs.items[i].severity >= (int)fail_on) (*at_or_above)++;
                json_t *o = jx_finding_row_json(&rs.items[i], 0);
                fputs(any++ ? ",\n    " : "\n    ", stdout);
                jx_json_write_nested(o, stdout, flags, 2);
                json_decref(o);
            }
            jx_finding_rows_free(&rs);
        }
        jx_verdicts_free(vs, nv);
        if (r < 0) return -1;
    }
    fputs(any ? "\n  ],\n  \"grades\": [" : "],\n  \"grades\": [", stdout);
    rewind_source(src);
    any = 0;
    while ((r = next_page(src, &bs, &rs)) > 0) {
        for (size_t i = 0; i < bs.count; i++) {
            json_t *o = json_object();
            json_object_set_new(o, "form_id", json_integer(bs.items[i].id));
            json_object_set_new(o, "grade", json_string(bs.items[i].grade ? bs.items[i].grade : "-"));
            json_object_set_new(o, "score", json_real(bs.items[i].score));
            fputs(any++ ? ",\n    " : "\n    ", stdout);
            jx_json_write_nested(o, stdout, flags, 2);
            json_decref(o);
        }
        jx_briefs_free(&bs);
        jx_finding_rows_free(&rs);
    }
    if (r < 0) return -1;
    /* The verdict of each disclosure, from its own findings. */
    fputs(any ? "\n  ],\n  \"disclosures\": [" : "],\n  \"disclosures\": [", stdout);
    jx_verdict *vs;
    size_t nv;
    if (source_verdicts(src, &vs, &nv) < 0) return -1;
    for (size_t d = 0; d < nv; d++) {
        json_t *o = json_object();
        json_object_set_new(o, "file", json_string(vs[d].file));
        json_object_set_new(o, "grade", json_string(vs[d].grade));
        json_object_set_new(o, "score", json_real(vs[d].score));
        fputs(d ? ",\n    " : "\n    ", stdout);
        jx_json_write_nested(o, stdout, flags, 2);
        json_decref(o);
    }
    fputs(nv ? "\n  ]\n}\n" : "]\n}\n", stdout);
    jx_verdicts_free(vs, nv);
    return 0;
}

/* Report the review (stored, or in memory for another configuration) as text or JSON. */
int cmd_check(cli *ctx)
{
    const check_opts *o = ctx->opts;
    jx_severity fail_on = JX_SEV_ERROR;
    jx_severity_parse(o->fail_on, &fail_on);   /* one of check_severities */
    int status = EXIT_OK;
    jx_form_list forms = {0};
    jx_findings fs = {0};
    source src = {0};
    src.config = ctx->config;
    if (ctx->stored) {
        src.store = ctx->store;
    } else {
        status = cli_review_memory(ctx, &forms, &fs);
        src.forms = &forms;
        src.findings = &fs;
    }
    if (status == EXIT_OK) {
        long long at_or_above = 0;
        int r = !strcmp(o->format, "json") ? print_json(&src, &at_or_above, fail_on)
                                           : print_text(&src, &at_or_above, fail_on);
        if (r < 0 || at_or_above) status = EXIT_INPUT;
    }
    jx_findings_free(&fs);
    jx_form_list_free(&forms);
    return status;
}
