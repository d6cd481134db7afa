/*
** test_render.c - proof by re-rendering (issue 11, step 5).
**
** Every form of the seeds (000, 001, 003 and the forms of the disclosure
** 002), of examples/ and of a generated corpus (bench/gen.c, imported: its
** own test bench_roundtrip proves that import equals the generator's
** record) is written back out by the renderer (lib/render/) in every layout
** the importer reads -- markdown, TSV, one text run per line,
** layout-preserving columns, XLSX, DOCX -- under every perturbation that
** means something in that layout, imported again from the bytes, and
** compared with the original: the export-contract JSON of the form, ids,
** source and lines aside. Nothing else is relaxed.
**
** A rendering that is read as another form is still right when that form
** renders to exactly the same bytes (renders_alike: the test proves it for
** each such pair by rendering the reading): the document says both, and the
** pair is counted as ambiguous, not as equal nor as failed.
**
** A (layout, perturbation) pair the importer does not read yet is listed in
** known[] below with the reason; the test reports how many of its forms
** failed and fails when a pair not listed fails for any form. A listed pair
** that passes for every form is reported so it can leave the list.
**
** JIXIAO_RENDER_GENERATED: how many generated forms (500; the sanitizer
** build sets 40 in tests/CMakeLists.txt to keep its runtime modest).
** JIXIAO_RENDER_DUMP=DIR: write the first failing rendering of each pair there;
** JIXIAO_RENDER_VERBOSE=1: print every difference.
** JIXIAO_RENDER_ONLY=LAYOUT/PERTURBATION (names as printed, * for any):
** check only those pairs, for development (the full run checks all).
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "jixiao/export.h"
#include "jixiao/import.h"
#include "form.h"
#include "read.h"
#include "render.h"
#include "support.h"
#include "text.h"

/*
** Pairs the importer does not read yet: the form they break is listed by the
** test with its first difference. None today; an entry ends the list (why
** NULL), so that one can be added without touching the code.
*/
static const struct known {
    jx_render_layout layout;   /* JX_RL_COUNT: every layout */
    jx_perturb perturb;        /* JX_PT_COUNT: every perturbation of the layout */
    const char *why;
} known[] = {
    {JX_RL_COUNT, JX_PT_COUNT, NULL},
};

typedef struct original {
    jx_form *form;
    char origin[96];    /* file and form number, for messages */
} original;

static original *origs;
static size_t norigs, caporigs;
static jx_form_list keep;  /* owns the forms */

/* Import path and add its forms as originals. */
static void load(const char *path)
{
    jx_form_list list = {0};
    jx_error err;
    jx_error_clear(&err);
    char sha[65];
    if (jx_import_file(path, &list, sha, &err) != JX_OK) {
        fprintf(stderr, "cannot import %s: %s\n", path, err.message);
        fail();
    }
    for (size_t i = 0; i < list.count; i++) {
        if (norigs == caporigs) {
            caporigs = caporigs ? caporigs * 2 : 256;
            origs = realloc(origs, caporigs * sizeof *origs);
        }
        origs[norigs].form = list.items[i];
        snprintf(origs[norigs].origin, sizeof origs[norigs].origin, "%s#%zu", jx_basename(path), i + 1);
        norigs++;
        jx_form_list_push(&keep, list.items[i]);
    }
    list.count = 0;
    jx_form_list_free(&list);
}

/*
** The form as the comparison sees it: its JSON without id, source and lines.
** Of fields[] (every label as the document wrote it) the entries of labels
** without a typed field (实施单位, 项目负责人, 其中：财政资金 …) are compared,
** label and value as written: the block writes them so. The others are
** the typed fields, compared as such: the block writes those under its own
** labels (项目总预算（万元） for 项目资金总额（元）).
*/
static json_t *comparable(const jx_form *f)
{
    json_t *j = jx_form_to_json(f);
    json_object_del(j, "id");
    json_object_del(j, "source");
    json_object_del(j, "narrative");
    json_t *kept = json_array(), *all = json_object_get(j, "fields");
    size_t i;
    json_t *x;
    json_array_foreach(all, i, x) {
        const char *label = json_string_value(json_object_get(x, "label"));
        const char *value = json_string_value(json_object_get(x, "value"));
        if (!label || !value || !value[0]) continue;
        char *key = jx_text_key(label);
        if (jx_render_kept_label(key))
            json_array_append_new(kept, json_pack("{s:s,s:s}", "label", label, "value", value));
        free(key);
    }
    json_object_set_new(j, "fields", kept);
    json_array_foreach(json_object_get(j, "indicators"), i, x) json_object_del(x, "line");
    return j;
}

/* A short text naming the first difference between want and got (malloc'd). */
static char *first_difference(json_t *want, json_t *got)
{
    const char *key;
    json_t *w;
    char buf[1024];
    json_object_foreach(want, key, w) {
        json_t *g = json_object_get(got, key);
        if (g && json_equal(w, g)) continue;
        if (json_is_array(w) && json_is_array(g)) {
            size_t n = json_array_size(w) > json_array_size(g) ? json_array_size(w) : json_array_size(g);
            for (size_t i = 0; i < n; i++) {
                json_t *a = json_array_get(w, i), *b = json_array_get(g, i);
                if (a && b && json_equal(a, b)) continue;
                char *sa = a ? json_dumps(a, JSON_COMPACT) : strdup("(none)");
                char *sb = b ? json_dumps(b, JSON_COMPACT) : strdup("(none)");
                snprintf(buf, sizeof buf, "%s[%zu] (of %zu, got %zu): want %.300s got %.300s", key, i,
                         json_array_size(w), json_array_size(g), sa, sb);
                free(sa);
                free(sb);
                return strdup(buf);
            }
        }
        char *sa = json_dumps(w, JSON_COMPACT | JSON_ENCODE_ANY);
        char *sb = g ? json_dumps(g, JSON_COMPACT | JSON_ENCODE_ANY) : strdup("(missing)");
        snprintf(buf, sizeof buf, "%s: want %.300s got %.300s", key, sa, sb);
        free(sa);
        free(sb);
        return strdup(buf);
    }
    return strdup("(extra keys)");
}

/* Import a rendering held in memory: the importer's own entry point over bytes. */
static jx_status import_bytes(const char *name, const char *data, size_t len, jx_form_list *out,
                              jx_error *err)
{
    char sha[65];
    return jx_import_bytes(name, data, len, out, sha, err);
}

/* Results per (layout, perturbation). */
typedef struct tally {
    size_t checked, failed;
    size_t ambiguous;   /* read otherwise, but the other reading renders to the same bytes */
    char *example;      /* the first failure: form and difference */
    char *ambiguity;    /* the first ambiguous pair: form and difference */
} tally;

static tally tallies[JX_RL_COUNT][JX_PT_COUNT];
static const char *dump_dir;
static int verbose;   /* JIXIAO_RENDER_VERBOSE: every difference, not only the first of a pair */

/* The known[] entry of a pair, or NULL. */
static const struct known *known_of(jx_render_layout l, jx_perturb p)
{
    for (size_t i = 0; i < sizeof known / sizeof *known && known[i].why; i++)
        if ((known[i].layout == l || known[i].layout == JX_RL_COUNT) &&
            (known[i].perturb == p || known[i].perturb == JX_PT_COUNT))
            return &known[i];
    return NULL;
}

static uint64_t seed_of(size_t form, jx_render_layout l, jx_perturb p);

/*
** 1 when the form read back, got, differs from original i but renders, in
** layout l under p with the same seed, to exactly the bytes it was read
** from: two different forms, one document. Such a rendering is ambiguous
** and either reading is right. (Example, the layout-preserving columns
** wrapped at 16: the names 求职创业补贴信息发布、沟通及时性 | 求职创业补贴审核、
** 发放及时性, each over two lines with its value 及时 on its first, print as
** the names 求职创业补贴信息 | 发布、沟通及时性求职创业补贴审核、发放及时性, the
** second over three lines with its value on its middle one.) Text layouts
** only: a workbook or a Word table keeps every cell whole.
*/
static int renders_alike(size_t i, const jx_form *got, jx_render_layout l, jx_perturb p,
                         const char *data, size_t len)
{
    if (!got || !data || l == JX_RL_XLSX || l == JX_RL_DOCX) return 0;
    jx_grid g;
    jx_render_block(got, (int)(i % 2), &g);
    int wrap = jx_render_perturb(&g, p, seed_of(i, l, p));
    jx_buf out = {0};
    jx_render_text(&g, l, wrap, &out);
    int same = out.len == len && memcmp(out.data, data, len) == 0;
    jx_buf_free(&out);
    jx_grid_free(&g);
    return same;
}

/* Record one comparison of form i; got is NULL when the import failed (why says how). */
static void record(jx_render_layout l, jx_perturb p, size_t i, const jx_form *got,
                   const char *why, const char *data, size_t len)
{
    const original *o = &origs[i];
    tally *t = &tallies[l][p];
    t->checked++;
    char *diff = NULL;
    if (got) {
        json_t *a = comparable(o->form), *b = comparable(got);
        if (!json_equal(a, b)) diff = first_difference(a, b);
        json_decref(a);
        json_decref(b);
    } else {
        diff = strdup(why);
    }
    if (!diff) return;
    if (renders_alike(i, got, l, p, data, len)) {
        t->ambiguous++;
        if (verbose)
            printf("ambiguous %s × %s: %s: %s\n", jx_render_layout_name(l), jx_perturb_name(p), o->origin, diff);
        if (!t->ambiguity) {
            size_t n = strlen(diff) + strlen(o->origin) + 8;
            t->ambiguity = malloc(n);
            snprintf(t->ambiguity, n, "%s: %s", o->origin, diff);
        }
        free(diff);
        return;
    }
    t->failed++;
    if (verbose)
        printf("differs %s × %s: %s: %s\n", jx_render_layout_name(l), jx_perturb_name(p), o->origin, diff);
    if (verbose && dump_dir && data) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s-%s-%s.%s", dump_dir, o->origin, jx_render_layout_name(l),
                 jx_perturb_name(p), l == JX_RL_XLSX ? "xlsx" : l == JX_RL_DOCX ? "docx" : "txt");
        jxt_write(path, data, len);
    }
    if (!t->example) {
        size_t n = strlen(diff) + strlen(o->origin) + 8;
        t->example = malloc(n);
        snprintf(t->example, n, "%s: %s", o->origin, diff);
        if (dump_dir && data) {
            char path[512];
            snprintf(path, sizeof path, "%s/%s-%s.%s", dump_dir, jx_render_layout_name(l),
                     jx_perturb_name(p), l == JX_RL_XLSX ? "xlsx" : l == JX_RL_DOCX ? "docx" : "txt");
            jxt_write(path, data, len);
        }
    }
    free(diff);
}

/* The seed of one rendering: the same form, layout and perturbation give the same document. */
static uint64_t seed_of(size_t form, jx_render_layout l, jx_perturb p)
{
    return (uint64_t)form * 1000003u + (uint64_t)l * 101u + (uint64_t)p + 0x5eedULL;
}

/* The grid of form i in layout l under p; returns the wrap width. */
static int grid_of(size_t i, jx_render_layout l, jx_perturb p, jx_grid *g)
{
    /* the XLSX export's 万元; the other layouts alternate 元 and 万元 */
    jx_render_block(origs[i].form, l == JX_RL_XLSX ? 1 : (int)(i % 2), g);
    return jx_render_perturb(g, p, seed_of(i, l, p));
}

/* Compare the imported forms of one rendering of form i. */
static void check_one(size_t i, jx_render_layout l, jx_perturb p, const char *data, size_t len)
{
    jx_form_list got = {0};
    jx_error err;
    jx_error_clear(&err);
    const char *name = l == JX_RL_XLSX ? "render.xlsx" : l == JX_RL_DOCX ? "render.docx" : "render.txt";
    if (import_bytes(name, data, len, &got, &err) != JX_OK) {
        char why[1100];
        snprintf(why, sizeof why, "import failed: %s", err.message);
        record(l, p, i, NULL, why, data, len);
    } else if (got.count != 1) {
        char why[100];
        snprintf(why, sizeof why, "%zu forms read back instead of 1", got.count);
        record(l, p, i, NULL, why, data, len);
    } else {
        record(l, p, i, got.items[0], NULL, data, len);
    }
    jx_form_list_free(&got);
}

/* JIXIAO_RENDER_ONLY: the pairs to check ("layout/perturbation", "*" any). */
static const char *only;

/* Whether the pair (l, p) is to be checked. */
static int wanted(jx_render_layout l, jx_perturb p)
{
    if (!jx_perturb_applies(l, p)) return 0;
    if (!only || !*only) return 1;
    const char *slash = strchr(only, '/');
    size_t ll = slash ? (size_t)(slash - only) : strlen(only);
    const char *ln = jx_render_layout_name(l), *pn = jx_perturb_name(p);
    int lok = (ll == 1 && only[0] == '*') || (strlen(ln) == ll && strncmp(ln, only, ll) == 0);
    int pok = !slash || strcmp(slash + 1, "*") == 0 || strcmp(slash + 1, pn) == 0;
    return lok && pok;
}

/* Text and DOCX renderings: one document per form. */
static void check_text_and_docx(void)
{
    for (size_t i = 0; i < norigs; i++)
        for (int l = 0; l < JX_RL_COUNT; l++) {
            if (l == JX_RL_XLSX) continue;
            for (int p = 0; p < JX_PT_COUNT; p++) {
                if (!wanted((jx_render_layout)l, (jx_perturb)p)) continue;
                jx_grid g;
                int wrap = grid_of(i, (jx_render_layout)l, (jx_perturb)p, &g);
                jx_buf out = {0};
                if (l == JX_RL_DOCX) {
                    jx_error err;
                    const jx_grid *one = &g;
                    assert_int_equal(jx_render_docx(&one, 1, &out, &err), JX_OK);
                } else {
                    jx_render_text(&g, (jx_render_layout)l, wrap, &out);
                }
                check_one(i, (jx_render_layout)l, (jx_perturb)p, out.data, out.len);
                jx_buf_free(&out);
                jx_grid_free(&g);
            }
        }
}

/* Read a whole file (malloc'd). */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)n + 1);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return data;
}

/* Write forms [from, to) under p as one workbook, one sheet each; returns its bytes. */
static char *workbook(const char *path, size_t from, size_t to, jx_perturb p, size_t *len)
{
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    jx_render_formats fm;
    jx_render_xlsx_formats(wb, &fm);
    for (size_t i = from; i < to; i++) {
        char sheet[32];
        snprintf(sheet, sizeof sheet, "表%zu", i - from + 1);
        jx_grid g;
        grid_of(i, JX_RL_XLSX, p, &g);
        jx_render_xlsx_sheet(workbook_add_worksheet(wb, sheet), &fm, &g);
        jx_grid_free(&g);
    }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    return slurp(path, len);
}

/* XLSX renderings: forms in workbooks of 25 sheets; a workbook that fails is redone per form. */
static void check_xlsx(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/render.xlsx", dir);
    for (int p = 0; p < JX_PT_COUNT; p++) {
        if (!wanted(JX_RL_XLSX, (jx_perturb)p)) continue;
        for (size_t from = 0; from < norigs; from += 25) {
            size_t to = from + 25 < norigs ? from + 25 : norigs, len;
            char *data = workbook(path, from, to, (jx_perturb)p, &len);
            jx_form_list got = {0};
            jx_error err;
            jx_error_clear(&err);
            int ok = import_bytes("render.xlsx", data, len, &got, &err) == JX_OK &&
                     got.count == to - from;
            free(data);
            for (size_t i = from; ok && i < to; i++)
                record(JX_RL_XLSX, (jx_perturb)p, i, got.items[i - from], NULL, NULL, 0);
            jx_form_list_free(&got);
            for (size_t i = from; !ok && i < to; i++) {
                data = workbook(path, i, i + 1, (jx_perturb)p, &len);
                check_one(i, JX_RL_XLSX, (jx_perturb)p, data, len);
                free(data);
            }
        }
    }
}

/* The forms of every directory entry of dir whose name passes want. */
static void load_dir(const char *dir, int (*want)(const char *))
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !want(e->d_name)) continue;
        names = realloc(names, (n + 1) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    /* directory order is not stable: sort */
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && strcmp(names[k - 1], names[k]) > 0; k--) {
            char *t = names[k]; names[k] = names[k - 1]; names[k - 1] = t;
        }
    for (size_t i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        load(path);
        free(names[i]);
    }
    free(names);
}

static int any_file(const char *name) { (void)name; return 1; }
static int corpus_file(const char *name)
{
    return name[0] == 'f' && (jx_ends_with(name, ".md") || jx_ends_with(name, ".txt"));
}

static void test_rerender(void **state)
{
    (void)state;
    dump_dir = getenv("JIXIAO_RENDER_DUMP");
    verbose = getenv("JIXIAO_RENDER_VERBOSE") != NULL;
    only = getenv("JIXIAO_RENDER_ONLY");
    size_t from_seeds = 0;
    static const char *const seed_files[] = {"000_75a7d0d2d6251555.txt", "001_30fc85b3e2ff877a.txt",
                                             "002_7cadc0ecdd172fe9.txt", "003_a643829a048b0740.txt"};
    for (size_t i = 0; i < 4; i++) {
        char *p = jxt_seed(seed_files[i]);
        if (!p) continue;
        load(p);
        free(p);
    }
    from_seeds = norigs;
    char path[1024];
    snprintf(path, sizeof path, "%s/examples", jxt_env("JIXIAO_SOURCE_DIR"));
    load_dir(path, any_file);
    size_t from_examples = norigs - from_seeds;
    /* the generated corpus: bench/gen.c's forms as the importer reads them */
    const char *gen = jxt_env("JIXIAO_BENCH_GEN");
    const char *count = getenv("JIXIAO_RENDER_GENERATED");
    long ngen = count ? atol(count) : 500;
    char *dir = jxt_tmpdir();
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' --seed 11 --per-file 100 --problems 10 %ld '%s/corpus' >/dev/null",
             gen, ngen, dir);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/corpus", dir);
    if (ngen > 0) load_dir(path, corpus_file);
    size_t from_gen = norigs - from_seeds - from_examples;
    assert_int_equal(from_gen, (size_t)ngen);

    check_text_and_docx();
    check_xlsx(dir);
    jxt_rmtree(dir);
    free(dir);

    size_t pairs = 0, failed = 0, unexpected = 0, ambiguous = 0;
    for (int l = 0; l < JX_RL_COUNT; l++)
        for (int p = 0; p < JX_PT_COUNT; p++) {
            tally *t = &tallies[l][p];
            if (!t->checked) continue;
            pairs += t->checked;
            failed += t->failed;
            ambiguous += t->ambiguous;
            if (t->ambiguous)
                printf("ambiguous %s × %s: %zu of %zu forms read otherwise, the other reading rendering "
                       "to the same bytes; first: %s\n", jx_render_layout_name((jx_render_layout)l),
                       jx_perturb_name((jx_perturb)p), t->ambiguous, t->checked, t->ambiguity);
            free(t->ambiguity);
            t->ambiguity = NULL;
            const struct known *k = known_of((jx_render_layout)l, (jx_perturb)p);
            const char *ln = jx_render_layout_name((jx_render_layout)l), *pn = jx_perturb_name((jx_perturb)p);
            if (t->failed && !k) {
                unexpected += t->failed;
                printf("FAIL %s × %s: %zu of %zu forms differ; first: %s\n", ln, pn, t->failed,
                       t->checked, t->example);
            } else if (t->failed) {
                printf("known %s × %s: %zu of %zu forms differ (%s); first: %s\n", ln, pn, t->failed,
                       t->checked, k->why, t->example);
            } else if (k) {
                printf("now passes: %s × %s (all %zu forms): remove it from known[]\n", ln, pn, t->checked);
            }
            free(t->example);
            t->example = NULL;
        }
    printf("re-rendering: %zu forms (%zu seeds, %zu examples, %zu generated) × %d layouts × "
           "their perturbations = %zu (form, rendering) pairs checked, %zu equal, %zu ambiguous "
           "(read otherwise, as another form that renders to the same bytes), %zu differ "
           "(%zu in known failures)\n",
           norigs, from_seeds, from_examples, from_gen, JX_RL_COUNT, pairs, pairs - failed - ambiguous,
           ambiguous, failed, failed - unexpected);
    free(origs);
    jx_form_list_free(&keep);
    assert_int_equal(unexpected, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_rerender)};
    return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
