/*
** cmd_check.c - `jixiao check`: run the review rules over the stored forms.
** Exit 1 when a finding at or above --fail-on exists, so it can gate a
** submission pipeline.
*/
#include <jansson.h>
#include <stdint.h>
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
** findings of each page's id range) or, for a configuration other than the
** store's, a review walked batch by batch (jx_review_walk): each batch is a
** page, and what the report reads again later -- the grades (JSON's second
** pass), the disclosures' verdicts and findings -- is kept as it goes by,
** a few bytes per form. Memory stays flat in the number of forms either way.
*/
typedef struct grade_row { long long id; double score; const char *grade; } grade_row;

/*
** The disclosure findings a walk keeps for the report's per-document part
** (a document of 10,000 self-evaluations holds some 200,000): each written
** to an anonymous temporary file as it goes by, memory keeping 16 bytes a
** finding (where it is, and the next of its document) and one entry per
** document. Without a temporary file, or once writing it failed (failed),
** nothing is kept and the report says so.
*/
typedef struct kept_doc { char *file; size_t first, last, count; } kept_doc;
typedef struct kept_findings {
    FILE *fp;
    long *at;                       /* per finding: its offset in fp */
    size_t *next;                   /* per finding: the next of its document's (SIZE_MAX: none) */
    size_t count, cap;
    kept_doc *docs;
    size_t ndocs, capdocs, last_doc;
    int failed;
} kept_findings;
typedef struct source {
    jx_store *store;
    int stored;                     /* 1: read the stored review; 0: walk */
    const jx_review_config *config;
    long long offset;               /* stored: the next page; walked, second pass: the next grade */
    int done, again;                /* again: the second pass */
    jx_review_walk *walk;           /* walked: the first pass */
    grade_row *grades;              /* walked: every form's grade, in order */
    size_t ngrades, capg;
    jx_verdict_tally *verdicts;     /* walked: every file's verdict, summed batch by batch */
    kept_findings kept;             /* walked: the disclosure findings, in order */
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

/* Append a verdict (strings copied). */
static void add_verdict(jx_verdict **v, size_t *n, size_t *cap, const char *file, double score, const char *grade)
{
    *v = jx_grow(*v, cap, *n, sizeof **v);
    (*v)[(*n)++] = (jx_verdict){jx_strdup(file), score, jx_strdup(grade)};
}

/* Write a string (length + 1, 0 for NULL, then its bytes) to fp; 0 on failure. */
static int put_str(FILE *fp, const char *v)
{
    uint32_t n = v ? (uint32_t)strlen(v) + 1 : 0;
    return fwrite(&n, sizeof n, 1, fp) == 1 && (!n || fwrite(v, 1, n - 1, fp) == n - 1);
}

/* Read what put_str wrote (malloc'd, NULL for NULL); 0 on failure. */
static int get_str(FILE *fp, char **v)
{
    uint32_t n;
    *v = NULL;
    if (fread(&n, sizeof n, 1, fp) != 1) return 0;
    if (!n) return 1;
    *v = jx_xmalloc(n);
    if (n > 1 && fread(*v, 1, n - 1, fp) != n - 1) { free(*v); *v = NULL; return 0; }
    (*v)[n - 1] = '\0';
    return 1;
}

/* The fixed fields of a kept finding, as written. */
typedef struct kept_fixed {
    long long form_id, seq;
    long line;
    int severity, scope, page, has_box;
    double box[4];
} kept_fixed;

/* Keep disclosure finding x (scope disclosure, x->disclosure set): appended to the file. */
static void keep_finding(kept_findings *k, const jx_finding *x)
{
    if (k->failed) return;
    if (!k->fp && !(k->fp = tmpfile())) { k->failed = 1; return; }
    jx_finding_row r = jx_finding_row_of(x);
    kept_fixed f = {r.form_id, r.seq, r.line, r.severity, r.scope, r.page, r.has_box, {0}};
    memcpy(f.box, r.box, sizeof f.box);
    long at = ftell(k->fp);
    if (at < 0 || fwrite(&f, sizeof f, 1, k->fp) != 1 || !put_str(k->fp, r.form_name) || !put_str(k->fp, r.file) ||
        !put_str(k->fp, r.rule) || !put_str(k->fp, r.where) || !put_str(k->fp, r.message) ||
        !put_str(k->fp, r.suggestion) || !put_str(k->fp, r.disclosure)) {
        k->failed = 1;
        return;
    }
    /* its document: most often the last one's (a batch's findings come document by document) */
    size_t d = k->last_doc;
    if (d >= k->ndocs || strcmp(k->docs[d].file, r.disclosure) != 0)
        for (d = 0; d < k->ndocs && strcmp(k->docs[d].file, r.disclosure) != 0; d++) continue;
    if (d == k->ndocs) {
        k->docs = jx_grow(k->docs, &k->capdocs, k->ndocs, sizeof *k->docs);
        k->docs[k->ndocs++] = (kept_doc){jx_strdup(r.disclosure), SIZE_MAX, SIZE_MAX, 0};
    }
    k->last_doc = d;
    if (k->count == k->cap) {
        k->cap = k->cap ? 2 * k->cap : 1024;
        k->at = jx_xrealloc(k->at, k->cap * sizeof *k->at);
        k->next = jx_xrealloc(k->next, k->cap * sizeof *k->next);
    }
    size_t i = k->count++;
    k->at[i] = at;
    k->next[i] = SIZE_MAX;
    kept_doc *doc = &k->docs[d];
    if (doc->last == SIZE_MAX) doc->first = i;
    else k->next[doc->last] = i;
    doc->last = i;
    doc->count++;
}

/* Read kept finding i into *o (owned strings); 0 on failure. */
static int kept_read(kept_findings *k, size_t i, jx_finding_row *o)
{
    memset(o, 0, sizeof *o);
    kept_fixed f;
    if (fseek(k->fp, k->at[i], SEEK_SET) != 0 || fread(&f, sizeof f, 1, k->fp) != 1) return 0;
    o->form_id = f.form_id;
    o->seq = f.seq;
    o->line = f.line;
    o->severity = f.severity;
    o->scope = f.scope;
    o->page = f.page;
    o->has_box = f.has_box;
    memcpy(o->box, f.box, sizeof o->box);
    return get_str(k->fp, &o->form_name) && get_str(k->fp, &o->file) && get_str(k->fp, &o->rule) &&
           get_str(k->fp, &o->where) && get_str(k->fp, &o->message) && get_str(k->fp, &o->suggestion) &&
           get_str(k->fp, &o->disclosure);
}

/* Free what was kept (the temporary file goes with it). */
static void kept_free(kept_findings *k)
{
    if (k->fp) fclose(k->fp);
    for (size_t d = 0; d < k->ndocs; d++) free(k->docs[d].file);
    free(k->docs);
    free(k->at);
    free(k->next);
    memset(k, 0, sizeof *k);
}

/* Walked: the next batch as a page, keeping what later reads need. 0 at the end, -1 on error. */
static int next_walked(source *src, jx_briefs *briefs, jx_finding_rows *rows)
{
    jx_error err;
    jx_error_clear(&err);
    const jx_form_list *batch;
    int unattached;
    jx_findings fs = {0};
    if (jx_review_walk_next(src->walk, &batch, &unattached, &fs, &err) != JX_OK) {
        jx_findings_free(&fs);
        cli_report("check", &err);
        return -1;
    }
    if (!batch->count && !batch->ndisclosures && !batch->nevaluations) {   /* the end: the walk is done with */
        jx_review_walk_close(src->walk);
        src->walk = NULL;
        src->done = 1;
        return 0;
    }
    briefs->items = jx_xcalloc(batch->count ? batch->count : 1, sizeof *briefs->items);
    for (size_t i = 0; i < batch->count; i++) {
        const jx_form *f = batch->items[i];
        jx_brief *b = &briefs->items[briefs->count++];
        b->id = f->id;
        b->name = jx_strdup(f->name);
        b->file = jx_strdup(f->file);
        b->line = f->line;
        const char *g = jx_review_grade(src->config, &fs, f->id, &b->score);
        b->grade = jx_strdup(g);
        src->grades = jx_grow(src->grades, &src->capg, src->ngrades, sizeof *src->grades);
        src->grades[src->ngrades++] = (grade_row){f->id, b->score, g};
    }
    if (!src->verdicts) src->verdicts = jx_verdict_tally_new(src->config);
    jx_verdict_tally_add(src->verdicts, batch, unattached, &fs);
    /* A page holds the findings of its forms; those of no form (id 0) are the disclosures'. */
    rows->items = jx_xcalloc(fs.count ? fs.count : 1, sizeof *rows->items);
    for (size_t i = 0; i < fs.count; i++) {
        const jx_finding *x = &fs.items[i];
        if (x->form_id) add_row(rows, x);
        if (x->scope != JX_SCOPE_DISCLOSURE || !x->disclosure) continue;
        keep_finding(&src->kept, x);
    }
    jx_findings_free(&fs);
    return 1;
}

/* The next page: briefs and their findings. 0 at the end, -1 on error (reported). */
static int next_page(source *src, jx_briefs *briefs, jx_finding_rows *rows)
{
    memset(briefs, 0, sizeof *briefs);
    memset(rows, 0, sizeof *rows);
    if (src->done) return 0;
    jx_error err;
    jx_error_clear(&err);
    if (!src->stored && !src->again) return next_walked(src, briefs, rows);
    if (!src->stored) {   /* the second pass: the grades kept, a page at a time */
        size_t n = src->ngrades - (size_t)src->offset;
        if (n > CHECK_PAGE) n = CHECK_PAGE;
        if (!n) { src->done = 1; return 0; }
        briefs->items = jx_xcalloc(n, sizeof *briefs->items);
        for (size_t i = 0; i < n; i++) {
            const grade_row *g = &src->grades[src->offset++];
            jx_brief *b = &briefs->items[briefs->count++];
            b->id = g->id;
            b->score = g->score;
            b->grade = jx_strdup(g->grade);
        }
        return 1;
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
    if (src->stored) {
        jx_error err;
        jx_error_clear(&err);
        if (jx_store_verdicts(src->store, out, n, &err) == JX_OK) return 0;
        cli_report("check", &err);
        return -1;
    }
    /* As the store keeps them: the files with forms (and evaluations), then those without. */
    *n = 0;
    *out = NULL;
    size_t cap = 0, nv = src->verdicts ? jx_verdict_tally_count(src->verdicts) : 0;
    for (size_t i = 0; i < nv; i++) {
        double score;
        const char *grade;
        const char *file = jx_verdict_tally_get(src->verdicts, i, &score, &grade);
        add_verdict(out, n, &cap, file, score, grade);
    }
    return 0;
}

/* Findings per page of one disclosure's in the stored review. */
#define DISCLOSURE_PAGE 2000

/* Where the walk of one disclosure's findings stands (disclosure_page). */
typedef struct disclosure_walk {
    const char *file;
    int started, done;
    long long form, seq;    /* stored: the keyset, the last finding read */
    size_t next;            /* walked: the next kept finding of the document (SIZE_MAX: none) */
} disclosure_walk;

/*
** The next page of one disclosure's findings (scope disclosure), in the
** review's order: 1 with rows, 0 at the end, -1 on error (reported). The
** stored review is read a page at a time (a document of 10,000
** self-evaluations holds some 200,000 findings), and so is what a walk kept.
*/
static int disclosure_page(source *src, disclosure_walk *w, jx_finding_rows *rows)
{
    memset(rows, 0, sizeof *rows);
    if (w->done) return 0;
    if (src->stored) {
        jx_finding_query q = {0};
        q.severity = -1;
        q.disclosure = w->file;
        q.limit = DISCLOSURE_PAGE;
        q.keyset = w->started;
        q.after_form = w->form;
        q.after_seq = w->seq;
        q.uncounted = 1;
        jx_error err;
        jx_error_clear(&err);
        if (jx_store_query_findings(src->store, &q, rows, &err) != JX_OK) {
            cli_report("check", &err);
            return -1;
        }
        w->started = 1;
        if (rows->count < DISCLOSURE_PAGE) w->done = 1;
        if (rows->count) {
            w->form = rows->items[rows->count - 1].form_id;
            w->seq = rows->items[rows->count - 1].seq;
        }
        return rows->count ? 1 : 0;
    }
    kept_findings *k = &src->kept;
    if (k->failed) {
        fprintf(stderr, "jixiao: check: cannot keep the disclosures' findings in a temporary file\n");
        return -1;
    }
    if (!w->started) {   /* the document's first kept finding */
        w->started = 1;
        w->next = SIZE_MAX;
        for (size_t d = 0; d < k->ndocs; d++)
            if (!strcmp(k->docs[d].file, w->file)) w->next = k->docs[d].first;
    }
    rows->items = jx_xcalloc(DISCLOSURE_PAGE, sizeof *rows->items);
    while (w->next != SIZE_MAX && rows->count < DISCLOSURE_PAGE) {
        if (!kept_read(k, w->next, &rows->items[rows->count++])) {
            fprintf(stderr, "jixiao: check: cannot read the temporary file keeping the disclosures' findings\n");
            return -1;
        }
        w->next = k->next[w->next];
    }
    if (w->next == SIZE_MAX) w->done = 1;
    return rows->count ? 1 : 0;
}

/* Free what a source kept. */
static void source_free(source *src)
{
    jx_review_walk_close(src->walk);
    free(src->grades);
    jx_verdict_tally_free(src->verdicts);
    kept_free(&src->kept);
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

/* Rewind a source for another pass (walked: over the grades it kept). */
static void rewind_source(source *src)
{
    src->offset = 0;
    src->done = 0;
    src->again = 1;
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
        disclosure_walk w = {vs[d].file, 0, 0, 0, 0, SIZE_MAX};
        for (int first = 1; (r = disclosure_page(src, &w, &rs)) > 0; first = 0) {
            if (first) printf("disclosure %s  审核建议：%s（%.0f分）\n", vs[d].file, vs[d].grade, vs[d].score);
            for (size_t i = 0; i < rs.count; i++) {
                const jx_finding_row *x = &rs.items[i];
                if (x->form_id == 0) {   /* of a disclosure without forms: counted here, not above */
                    if (x->severity >= 0 && x->severity < 3) counts[x->severity]++;
                    if (x->severity >= (int)fail_on) (*at_or_above)++;
                }
                print_finding(x);
            }
            jx_finding_rows_free(&rs);
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
            disclosure_walk w = {vs[d].file, 0, 0, 0, 0, SIZE_MAX};
            while ((r = disclosure_page(src, &w, &rs)) > 0) {
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

/* Report the review (stored, or walked for another configuration) as text or JSON. */
int cmd_check(cli *ctx)
{
    const check_opts *o = ctx->opts;
    jx_severity fail_on = JX_SEV_ERROR;
    jx_severity_parse(o->fail_on, &fail_on);   /* one of check_severities */
    int status = EXIT_OK;
    source src;
    memset(&src, 0, sizeof src);
    src.store = ctx->store;
    src.stored = ctx->stored;
    src.config = ctx->config;
    jx_error err;
    jx_error_clear(&err);
    /* One snapshot, start to end (the stored review's pages, or the walk), and the report
       held back until it is whole: a store failing on a later page leaves nothing on stdout. */
    int own = !jx_store_in_transaction(ctx->store);
    cli_held held;
    cli_hold_stdout(&held);
    int failed = 0;
    if ((own && jx_store_begin_read(ctx->store, &err) != JX_OK) ||
        (!src.stored && jx_review_walk_open(ctx->store, ctx->config, &src.walk, &err) != JX_OK)) {
        status = cli_report("check", &err);
        failed = 1;
    } else {
        long long at_or_above = 0;
        int r = !strcmp(o->format, "json") ? print_json(&src, &at_or_above, fail_on)
                                           : print_text(&src, &at_or_above, fail_on);
        failed = r < 0;
        if (r < 0 || at_or_above) status = EXIT_INPUT;
    }
    source_free(&src);
    if (own && jx_store_in_transaction(ctx->store)) jx_store_end_read(ctx->store);
    /* findings at or above --fail-on are a report (exit 1 with it), a failure is not */
    int out = cli_release_stdout(&held, "check", failed ? status : EXIT_OK);
    return out != EXIT_OK ? out : status;
}
