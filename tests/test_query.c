/*
** test_query.c - the store answering queries (issue 14): pages and totals of
** forms and findings with filters, the stored review and when it is current,
** the change counter, the cursor's batches, and the nested JSON writer.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "jixiao/export.h"
#include "jixiao/import.h"
#include "jixiao/review.h"
#include "jixiao/summary.h"
#include "jixiao/rules.h"
#include "jixiao/store.h"
#include "jixiao/util.h"

typedef struct fixture {
    char *dir;
    char db[4096];
    jx_store *s;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    fx->dir = jxt_tmpdir();
    snprintf(fx->db, sizeof fx->db, "%s/jixiao.db", fx->dir);
    jx_error err;
    jx_error_clear(&err);
    assert_int_equal(jx_store_open(fx->db, &fx->s, &err), JX_OK);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    jx_store_close(fx->s);
    jxt_rmtree(fx->dir);
    free(fx->dir);
    free(fx);
    return 0;
}

/* A form named name with n indicators "指标k" = "≥k个" (satisfaction 100% on the first when sat). */
static jx_form *make_form(const char *file, const char *name, int year, const char *unit, int n, int sat)
{
    jx_form *f = jx_form_new(file, 1);
    f->name = jx_strdup(name);
    f->year = year;
    f->unit = jx_strdup(unit);
    f->category = jx_strdup(year % 2 ? "民生" : "运转");
    f->budget.total = 100000;
    for (int k = 0; k < n; k++) {
        jx_indicator *ind = jx_form_add_indicator(f);
        char buf[160];
        ind->level1 = jx_strdup(k == 0 && sat ? "满意度指标" : "产出指标");
        ind->level2 = jx_strdup(k == 0 && sat ? "服务对象满意度指标" : "数量指标");
        snprintf(buf, sizeof buf, "%s%s%d", name, k == 0 && sat ? "满意度" : "指标", k);
        ind->name = jx_strdup(buf);
        snprintf(buf, sizeof buf, k == 0 && sat ? "100%%" : "≥%d个", k + 1);
        ind->target = jx_strdup(buf);
        ind->value.kind = JX_KIND_QUANTITATIVE;
        ind->value.op = k == 0 && sat ? JX_OP_EQ : JX_OP_GE;
        ind->value.value = k == 0 && sat ? 100 : k + 1;
        snprintf(ind->value.unit, sizeof ind->value.unit, "%s", k == 0 && sat ? "%" : "个");
        ind->line = 10 + k;
    }
    return f;
}

/* Import `count` forms of one file. */
static void import_file(jx_store *s, const char *file, int first, int count)
{
    jx_form_list forms = {0};
    for (int i = first; i < first + count; i++) {
        char name[64];
        snprintf(name, sizeof name, "项目%03d", i);
        jx_form_list_push(&forms, make_form(file, name, 2020 + i % 3, i % 2 ? "甲单位" : "乙单位", 3, i % 4 == 0));
    }
    jx_error err;
    jx_error_clear(&err);
    assert_int_equal(jx_store_import(s, file, file, &forms, &err), JX_OK);
    jx_form_list_free(&forms);
}

/* Pages of forms: ordered by id, the total of all pages, filters in SQL. */
static void test_form_pages(void **state)
{
    fixture *fx = *state;
    import_file(fx->s, "a.txt", 0, 25);
    jx_error err;
    jx_error_clear(&err);
    jx_form_query q = {0};
    q.limit = 10;
    q.offset = 20;
    jx_briefs b;
    assert_int_equal(jx_store_query_forms(fx->s, &q, &b, &err), JX_OK);
    assert_int_equal(b.total, 25);
    assert_int_equal(b.count, 5);
    assert_string_equal(b.items[0].name, "项目020");
    assert_string_equal(b.items[4].name, "项目024");
    assert_int_equal(b.items[0].indicators, 3);
    assert_null(b.items[0].grade);     /* no stored review yet */
    jx_briefs_free(&b);
    q.offset = 25;   /* past the last: an empty page */
    assert_int_equal(jx_store_query_forms(fx->s, &q, &b, &err), JX_OK);
    assert_int_equal(b.total, 25);
    assert_int_equal(b.count, 0);
    jx_briefs_free(&b);

    memset(&q, 0, sizeof q);
    q.year = 2021;
    q.unit = "甲";
    q.limit = 100;
    assert_int_equal(jx_store_query_forms(fx->s, &q, &b, &err), JX_OK);
    /* i % 3 == 1 and i odd, i < 25: 1, 7, 13, 19 */
    assert_int_equal(b.total, 4);
    assert_int_equal(b.count, 4);
    assert_string_equal(b.items[3].name, "项目019");
    jx_briefs_free(&b);

    memset(&q, 0, sizeof q);
    q.q = "项目013指标2";   /* an indicator's name */
    q.limit = 100;
    assert_int_equal(jx_store_query_forms(fx->s, &q, &b, &err), JX_OK);
    assert_int_equal(b.total, 1);
    assert_string_equal(b.items[0].name, "项目013");
    jx_briefs_free(&b);

    memset(&q, 0, sizeof q);
    q.q = "_";   /* a plain character, not a pattern */
    assert_int_equal(jx_store_query_forms(fx->s, &q, &b, &err), JX_OK);
    assert_int_equal(b.total, 0);
    jx_briefs_free(&b);

    /* Ids with a gap (a.txt imported again with fewer forms: 11-25 gone, b.txt's 26-35
       after them): a page by offset counts the forms there are, not the ids. */
    import_file(fx->s, "b.txt", 25, 10);
    import_file(fx->s, "a.txt", 0, 10);
    memset(&q, 0, sizeof q);
    q.limit = 3;
    q.offset = 12;
    assert_int_equal(jx_store_query_forms(fx->s, &q, &b, &err), JX_OK);
    assert_int_equal(b.total, 20);
    assert_int_equal(b.count, 3);
    assert_string_equal(b.items[0].name, "项目027");
    assert_string_equal(b.items[2].name, "项目029");
    jx_briefs_free(&b);
    q.offset = 18;
    assert_int_equal(jx_store_query_forms(fx->s, &q, &b, &err), JX_OK);
    assert_int_equal(b.count, 2);
    assert_string_equal(b.items[1].name, "项目034");
    jx_briefs_free(&b);
    q.offset = 20;
    assert_int_equal(jx_store_query_forms(fx->s, &q, &b, &err), JX_OK);
    assert_int_equal(b.count, 0);
    jx_briefs_free(&b);

    char **v;
    assert_int_equal(jx_store_distinct(fx->s, "year", 0, &v, &err), JX_OK);
    assert_string_equal(v[0], "2020");
    assert_string_equal(v[2], "2022");
    assert_null(v[3]);
    jx_strings_free(v);
    assert_int_equal(jx_store_distinct(fx->s, "name; DROP TABLE forms", 0, &v, &err), JX_EUSAGE);
}

/* The review is stored, current until the forms or the configuration change. */
static void test_stored_review(void **state)
{
    fixture *fx = *state;
    import_file(fx->s, "a.txt", 0, 8);
    jx_error err;
    jx_error_clear(&err);
    jx_review_config *c = jx_review_config_new();
    char key[65];
    jx_review_config_key(c, key);
    int current = -1, did = -1;
    assert_int_equal(jx_store_review_current(fx->s, key, &current, &err), JX_OK);
    assert_int_equal(current, 0);
    long long g0, g1;
    assert_int_equal(jx_store_generation(fx->s, &g0, &err), JX_OK);
    assert_int_equal(jx_review_refresh(fx->s, c, &did, &err), JX_OK);
    assert_int_equal(did, 1);
    assert_int_equal(jx_store_generation(fx->s, &g1, &err), JX_OK);
    assert_true(g1 > g0);   /* the stored review changes what the store answers */
    assert_int_equal(jx_review_refresh(fx->s, c, &did, &err), JX_OK);
    assert_int_equal(did, 0);

    /* The stored findings are the ones a review in memory gives, in its order. */
    jx_form_list forms = {0};
    assert_int_equal(jx_store_load(fx->s, &(jx_filter){0}, &forms, &err), JX_OK);
    jx_findings fs = {0};
    jx_review(c, &forms, &fs);
    assert_true(fs.count > 0);
    jx_finding_query fq = {0};
    fq.severity = -1;
    fq.limit = -1;
    jx_finding_rows rows;
    assert_int_equal(jx_store_query_findings(fx->s, &fq, &rows, &err), JX_OK);
    assert_int_equal(rows.total, (long long)fs.count);
    assert_int_equal(rows.count, fs.count);
    for (size_t i = 0; i < fs.count; i++) {
        assert_int_equal(rows.items[i].form_id, fs.items[i].form_id);
        assert_string_equal(rows.items[i].rule, fs.items[i].rule);
        assert_string_equal(rows.items[i].message, fs.items[i].message);
        assert_int_equal(rows.items[i].line, fs.items[i].line);
    }
    jx_finding_rows_free(&rows);

    /* satisfaction-100 on forms 0 and 4 (i % 4 == 0); a page of one, the total of all. */
    fq.rule = "satisfaction-100";
    fq.limit = 1;
    fq.offset = 1;
    assert_int_equal(jx_store_query_findings(fx->s, &fq, &rows, &err), JX_OK);
    assert_int_equal(rows.total, 2);
    assert_int_equal(rows.count, 1);
    assert_string_equal(rows.items[0].form_name, "项目004");
    assert_string_equal(rows.items[0].file, "a.txt");
    jx_finding_rows_free(&rows);

    /* The brief carries the stored grade and count, equal to jx_review_grade's. */
    jx_form_query q = {0};
    q.limit = 100;
    jx_briefs b;
    assert_int_equal(jx_store_query_forms(fx->s, &q, &b, &err), JX_OK);
    for (size_t i = 0; i < b.count; i++) {
        double score;
        const char *g = jx_review_grade(c, &fs, b.items[i].id, &score);
        assert_string_equal(b.items[i].grade, g);
        assert_true(b.items[i].score == score);
    }
    jx_briefs_free(&b);
    jx_findings_free(&fs);
    jx_form_list_free(&forms);

    /* Another configuration has another key: not current. */
    jx_review_config *off = jx_review_config_new();
    assert_int_equal(jx_review_config_set(off, "satisfaction-100=off", &err), JX_OK);
    char key2[65];
    jx_review_config_key(off, key2);
    assert_string_not_equal(key, key2);
    assert_int_equal(jx_store_review_current(fx->s, key2, &current, &err), JX_OK);
    assert_int_equal(current, 0);
    jx_review_config_free(off);

    /* New forms: the review is no longer current; a review computed before them is refused. */
    long long gen;
    assert_int_equal(jx_store_forms_generation(fx->s, &gen, &err), JX_OK);
    import_file(fx->s, "b.txt", 8, 2);
    assert_int_equal(jx_store_review_current(fx->s, key, &current, &err), JX_OK);
    assert_int_equal(current, 0);
    jx_form_list none = {0};
    jx_findings nofs = {0};
    assert_int_equal(jx_review_save(fx->s, c, gen, &none, &nofs, &err), JX_EUSAGE);
    assert_int_equal(jx_review_refresh(fx->s, c, &did, &err), JX_OK);
    assert_int_equal(did, 1);
    jx_review_config_free(c);
}

/* An import and its review inside one write transaction; a rollback leaves neither. */
static void test_write_transaction(void **state)
{
    fixture *fx = *state;
    jx_error err;
    jx_error_clear(&err);
    jx_review_config *c = jx_review_config_new();
    import_file(fx->s, "a.txt", 0, 3);
    assert_int_equal(jx_review_refresh(fx->s, c, NULL, &err), JX_OK);
    assert_int_equal(jx_store_begin(fx->s, &err), JX_OK);
    import_file(fx->s, "b.txt", 3, 4);
    assert_int_equal(jx_review_refresh(fx->s, c, NULL, &err), JX_OK);
    jx_store_rollback(fx->s);
    jx_form_query q = {0};
    jx_briefs b;
    assert_int_equal(jx_store_query_forms(fx->s, &q, &b, &err), JX_OK);
    assert_int_equal(b.total, 3);
    jx_briefs_free(&b);
    char key[65];
    int current;
    jx_review_config_key(c, key);
    assert_int_equal(jx_store_review_current(fx->s, key, &current, &err), JX_OK);
    assert_int_equal(current, 1);
    jx_review_config_free(c);
}

/* The cursor gives every form once, in id order, in batches of one file and at most max forms. */
static void test_cursor(void **state)
{
    fixture *fx = *state;
    import_file(fx->s, "a.txt", 0, 5);
    import_file(fx->s, "b.txt", 5, 2);
    jx_error err;
    jx_error_clear(&err);
    jx_store_cursor *cur;
    assert_int_equal(jx_store_cursor_open(fx->s, &(jx_filter){0}, 2, &cur, &err), JX_OK);
    jx_form_list batch = {0};
    int cont;
    size_t sizes[8], n = 0, total = 0;
    int conts[8];
    long long last = 0;
    for (;;) {
        assert_int_equal(jx_store_cursor_next(cur, &batch, &cont, &err), JX_OK);
        if (!batch.count) break;
        assert_true(n < 8);
        conts[n] = cont;
        sizes[n++] = batch.count;
        for (size_t i = 0; i < batch.count; i++) {
            assert_true(batch.items[i]->id > last);
            last = batch.items[i]->id;
            assert_int_equal(batch.items[i]->nindicators, 3);
            assert_string_equal(batch.items[i]->file, batch.items[0]->file);
        }
        total += batch.count;
    }
    jx_form_list_free(&batch);
    jx_store_cursor_close(cur);
    assert_int_equal(total, 7);
    assert_int_equal(n, 4);   /* a: 2 2 1, b: 2 */
    assert_int_equal(sizes[0], 2);
    assert_int_equal(sizes[2], 1);
    assert_int_equal(sizes[3], 2);
    assert_int_equal(conts[0], 0);
    assert_int_equal(conts[1], 1);
    assert_int_equal(conts[3], 0);
}

/* Nested writing gives exactly what one json_dumps of the whole document gives. */
static void test_json_nested(void **state)
{
    (void)state;
    json_t *item = json_pack("{s:i, s:[i, {s:s}], s:{}, s:[]}", "a", 1, "b", 2, "c", "中文", "d", "e");
    json_t *root = json_pack("{s:i, s:[O, O]}", "version", 1, "forms", item, item);
    size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER;
    char *want = json_dumps(root, flags);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    fputs("{\n  \"version\": 1,\n  \"forms\": [\n    ", out);
    jx_json_write_nested(item, out, flags, 2);
    fputs(",\n    ", out);
    jx_json_write_nested(item, out, flags, 2);
    fputs("\n  ]\n}", out);
    fclose(out);
    assert_string_equal(buf, want);
    free(buf);
    free(want);
    json_decref(item);
    json_decref(root);
}

/* Import a file through the real importer; 0 when the file is absent or refused. */
static int import_path(jx_store *s, const char *path)
{
    jx_form_list forms = {0};
    jx_error err;
    jx_error_clear(&err);
    char sha[65];
    int ok = jx_import_file(path, &forms, sha, &err) == JX_OK &&
             jx_store_import(s, jx_basename(path), sha, &forms, &err) == JX_OK;
    jx_form_list_free(&forms);
    return ok;
}

/*
** The streamed JSON export is byte for byte the whole-tree one, over the
** examples, the disclosure fixtures (narratives, budget tables, a skipped
** part, a disclosure without forms) and the seeds.
*/
static void test_export_stream_equal(void **state)
{
    fixture *fx = *state;
    const char *src = getenv("JIXIAO_SOURCE_DIR");
    if (!src) skip();
    static const char *const files[] = {
        "examples/2019_markdown_health.md", "examples/2020_tsv_gb18030_training.txt",
        "tests/fixtures/disclosure/invented.txt", "tests/fixtures/disclosure/cross.txt",
        "examples/2023_tsv_culture_employment.txt", "tests/fixtures/variants.md",
        "../shared/seeds/000_75a7d0d2d6251555.txt", "../shared/seeds/002_7cadc0ecdd172fe9.txt",
        "../shared/seeds/003_a643829a048b0740.txt",
        /* a disclosure whose only form is skipped, and one without forms (issue 11) */
        "tests/fixtures/disclosure/truncated.txt",
        "../shared/wild/007_sh_putuo_wenlv_2026_budget_cellperline_noform.txt"};
    int n = 0;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", src, files[i]);
        n += import_path(fx->s, path);
    }
    assert_true(n >= 5);
    jx_error err;
    jx_error_clear(&err);
    jx_form_list forms = {0};
    assert_int_equal(jx_store_load(fx->s, &(jx_filter){0}, &forms, &err), JX_OK);
    json_t *root = jx_export_json(&forms);
    char *want = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    json_decref(root);
    jx_form_list_free(&forms);
    char *got = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&got, &len);
    assert_int_equal(jx_export_json_stream(fx->s, out, &err), JX_OK);
    fclose(out);
    size_t wl = strlen(want);
    assert_int_equal(len, wl + 1);
    assert_memory_equal(got, want, wl);
    assert_int_equal(got[wl], '\n');
    assert_non_null(strstr(got, "\"budget_tables\""));
    assert_non_null(strstr(got, "\"narratives\""));   /* invented's and truncated's unlinked ones */
    assert_non_null(strstr(got, "\"skipped\""));      /* truncated's target table */
    free(got);
    free(want);

    /* An empty store. */
    jx_store_close(fx->s);
    char db2[4200];
    snprintf(db2, sizeof db2, "%s/empty.db", fx->dir);
    assert_int_equal(jx_store_open(db2, &fx->s, &err), JX_OK);
    got = NULL;
    out = open_memstream(&got, &len);
    assert_int_equal(jx_export_json_stream(fx->s, out, &err), JX_OK);
    fclose(out);
    assert_string_equal(got, "{\n  \"version\": 1,\n  \"forms\": []\n}\n");
    free(got);
}

/* 1 when two findings say the same thing about the same place. */
static int same_finding(const jx_finding *a, const jx_finding *b)
{
    return a->form_id == b->form_id && !strcmp(a->rule, b->rule) && a->line == b->line &&
           a->severity == b->severity && a->scope == b->scope && a->page == b->page &&
           !strcmp(a->where ? a->where : "", b->where ? b->where : "") && !strcmp(a->message, b->message) &&
           !strcmp(a->suggestion ? a->suggestion : "", b->suggestion ? b->suggestion : "") &&
           !strcmp(a->disclosure ? a->disclosure : "", b->disclosure ? b->disclosure : "");
}

/*
** The review walked batch by batch (jx_review_walk: the copy rules through
** the copy index, a file of 1,200 forms in two batches, the disclosures of
** files without forms first) finds exactly what jx_review over every form
** finds, in the same order; and jx_review_refresh stores it.
*/
static void test_review_walk_equal(void **state)
{
    fixture *fx = *state;
    const char *src = getenv("JIXIAO_SOURCE_DIR");
    if (!src) skip();
    static const char *const files[] = {
        "examples/2019_markdown_health.md", "tests/fixtures/disclosure/invented.txt",
        "tests/fixtures/disclosure/cross.txt", "tests/fixtures/disclosure/truncated.txt",
        "tests/fixtures/pdf/final_national.md", "../shared/seeds/000_75a7d0d2d6251555.txt",
        "../shared/wild/007_sh_putuo_wenlv_2026_budget_cellperline_noform.txt"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", src, files[i]);
        import_path(fx->s, path);
    }
    import_file(fx->s, "long.txt", 0, 1200);
    /* Copies: a file whose projects carry the six rows of another file's under other names. */
    jx_error err;
    jx_error_clear(&err);
    for (int copy = 0; copy < 2; copy++) {
        jx_form_list list = {0};
        for (int i = 0; i < 10; i++) {
            char name[64];
            snprintf(name, sizeof name, "原项目%03d", i);
            jx_form *f = make_form(copy ? "copies.txt" : "originals.txt", name, 2024, "丙单位", 6, 0);
            if (copy) {
                free(f->name);
                snprintf(name, sizeof name, "另一项目%03d", i);
                f->name = jx_strdup(name);
            }
            jx_form_list_push(&list, f);
        }
        assert_int_equal(jx_store_import(fx->s, copy ? "copies.txt" : "originals.txt", copy ? "c" : "o", &list, &err),
                         JX_OK);
        jx_form_list_free(&list);
    }

    jx_review_config *c = jx_review_config_new();
    jx_form_list forms = {0};
    jx_findings want = {0};
    assert_int_equal(jx_store_load(fx->s, &(jx_filter){0}, &forms, &err), JX_OK);
    jx_review(c, &forms, &want);

    jx_findings got = {0};
    jx_review_walk *w;
    size_t batches = 0, nforms = 0;
    assert_int_equal(jx_store_begin_read(fx->s, &err), JX_OK);
    assert_int_equal(jx_review_walk_open(fx->s, c, &w, &err), JX_OK);
    for (;;) {
        const jx_form_list *b;
        int unattached;
        size_t before = got.count;
        assert_int_equal(jx_review_walk_next(w, &b, &unattached, &got, &err), JX_OK);
        if (!b->count && !b->ndisclosures) break;
        batches++;
        nforms += b->count;
        for (size_t i = before; i < got.count; i++) {   /* the form pointers die with the batch */
            got.items[i].form = NULL;
            if (got.items[i].disclosure) got.items[i].disclosure = "?";
        }
    }
    jx_review_walk_close(w);
    jx_store_end_read(fx->s);
    assert_int_equal(nforms, forms.count);
    assert_true(batches >= 7);   /* the unattached, each file, long.txt's 1,200 forms in two */
    assert_int_equal(got.count, want.count);
    size_t copied = 0;
    for (size_t i = 0; i < want.count; i++) {
        jx_finding g = got.items[i];
        jx_finding x = want.items[i];
        if (g.disclosure) { g.disclosure = NULL; x.disclosure = NULL; }
        if (!same_finding(&g, &x))
            fail_msg("finding %zu: %s %lld %s / %s %lld %s", i, g.rule, g.form_id, g.message, x.rule, x.form_id,
                     x.message);
        copied += !strcmp(x.rule, "copied-block");
    }
    assert_true(copied >= 10);
    jx_findings_free(&got);
    jx_findings_free(&want);
    jx_form_list_free(&forms);

    /* The refresh stores what the walk found. */
    int recomputed = 0;
    assert_int_equal(jx_review_refresh(fx->s, c, &recomputed, &err), JX_OK);
    assert_int_equal(recomputed, 1);
    jx_finding_rows rows = {0};
    jx_finding_query q = {0};
    q.severity = -1;
    q.limit = -1;
    q.rule = "copied-block";
    assert_int_equal(jx_store_query_findings(fx->s, &q, &rows, &err), JX_OK);
    assert_int_equal(rows.count, copied);
    jx_finding_rows_free(&rows);
    jx_review_config_free(c);
}

/* The summary the store aggregates equals the one summed over every form in memory. */
static void test_summary_store_equal(void **state)
{
    fixture *fx = *state;
    import_file(fx->s, "a.txt", 0, 12);
    import_file(fx->s, "b.txt", 12, 5);
    jx_error err;
    jx_error_clear(&err);
    jx_review_config *c = jx_review_config_new();
    assert_int_equal(jx_review_refresh(fx->s, c, NULL, &err), JX_OK);
    jx_form_list forms = {0};
    assert_int_equal(jx_store_load(fx->s, &(jx_filter){0}, &forms, &err), JX_OK);
    jx_findings fs = {0};
    jx_review(c, &forms, &fs);
    for (int by = JX_BY_NONE; by <= JX_BY_CATEGORY; by++) {
        jx_summary a, b;
        jx_summarize(&forms, &fs, (jx_summary_by)by, &a);
        assert_int_equal(jx_summarize_store(fx->s, (jx_summary_by)by, &b, &err), JX_OK);
        json_t *ja = jx_summary_json(&a), *jb = jx_summary_json(&b);
        char *ta = json_dumps(ja, JSON_SORT_KEYS), *tb = json_dumps(jb, JSON_SORT_KEYS);
        assert_string_equal(ta, tb);
        free(ta), free(tb);
        json_decref(ja), json_decref(jb);
        jx_summary_free(&a);
        jx_summary_free(&b);
    }
    jx_findings_free(&fs);
    jx_form_list_free(&forms);
    jx_review_config_free(c);
}

/* Read a whole file (malloc'd, NUL-terminated); *len its size. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    jx_buf b = {0};
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) jx_buf_append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    jx_buf_putc(&b, '\0');
    return jx_buf_take(&b);
}

/* The CSV files written row by row from the store equal the in-memory exporter's. */
static void test_csv_stream_equal(void **state)
{
    fixture *fx = *state;
    import_file(fx->s, "a.txt", 0, 9);
    const char *src = getenv("JIXIAO_SOURCE_DIR");
    if (src) {
        char path[4096];
        snprintf(path, sizeof path, "%s/tests/fixtures/disclosure/invented.txt", src);
        import_path(fx->s, path);
    }
    jx_error err;
    jx_error_clear(&err);
    jx_review_config *c = jx_review_config_new();
    assert_int_equal(jx_review_refresh(fx->s, c, NULL, &err), JX_OK);
    jx_form_list forms = {0};
    assert_int_equal(jx_store_load(fx->s, &(jx_filter){0}, &forms, &err), JX_OK);
    jx_findings fs = {0};
    jx_review(c, &forms, &fs);
    char a[4200], b[4200];
    snprintf(a, sizeof a, "%s/mem", fx->dir);
    snprintf(b, sizeof b, "%s/store", fx->dir);
    assert_int_equal(jx_export_csv(&forms, &fs, a, &err), JX_OK);
    assert_int_equal(jx_export_csv_store(fx->s, b, &err), JX_OK);
    static const char *const names[] = {"forms.csv", "indicators.csv", "findings.csv"};
    for (int i = 0; i < 3; i++) {
        char pa[4400], pb[4400];
        snprintf(pa, sizeof pa, "%s/%s", a, names[i]);
        snprintf(pb, sizeof pb, "%s/%s", b, names[i]);
        size_t la, lb;
        char *da = slurp(pa, &la), *db = slurp(pb, &lb);
        assert_true(la > 100);
        assert_int_equal(la, lb);
        assert_memory_equal(da, db, la);
        free(da), free(db);
    }
    jx_findings_free(&fs);
    jx_form_list_free(&forms);
    jx_review_config_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_form_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stored_review, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_transaction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cursor, setup, teardown),
        cmocka_unit_test(test_json_nested),
        cmocka_unit_test_setup_teardown(test_export_stream_equal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summary_store_equal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_stream_equal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_review_walk_equal, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
