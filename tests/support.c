/*
** support.c - helpers of the C tests (see support.h).
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support.h"
#include "jixiao/util.h"

const char *jxt_env(const char *name)
{
    const char *v = getenv(name);
    if (!v || !*v) {
        fprintf(stderr, "test support: environment variable %s is not set (run under ctest)\n", name);
        exit(1);
    }
    return v;
}

char *jxt_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[512];
    snprintf(tmpl, sizeof tmpl, "%s/jixiao-test-XXXXXX", base && *base ? base : "/tmp");
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    return strdup(dir);
}

void jxt_rmtree(const char *dir)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "warning: could not remove %s\n", dir);
}

/* Read a whole file into a malloc'd string. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return strdup("");
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) buf = realloc(buf, cap *= 2);
    }
    buf[len] = '\0';
    fclose(f);
    return buf;
}

int jxt_jixiao(const char *args, char **out, char **errout)
{
    char *dir = jxt_tmpdir();
    char cmd[8192], opath[600], epath[600];
    snprintf(opath, sizeof opath, "%s/out", dir);
    snprintf(epath, sizeof epath, "%s/err", dir);
    snprintf(cmd, sizeof cmd, "'%s' %s >'%s' 2>'%s'", jxt_env("JIXIAO_BIN"), args, opath, epath);
    int rc = system(cmd);
    int status = WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
    if (out) *out = slurp(opath);
    if (errout) *errout = slurp(epath);
    jxt_rmtree(dir);
    free(dir);
    return status;
}

char *jxt_seed(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", jxt_env("JIXIAO_SEEDS"), name);
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "SKIP: seed document %s not found (../shared is absent)\n", path);
        return NULL;
    }
    return strdup(path);
}

json_t *jxt_import_export(const char *db, const char *const *files, size_t nfiles)
{
    char args[8192];
    size_t off = (size_t)snprintf(args, sizeof args, "--db '%s' import", db);
    for (size_t i = 0; i < nfiles; i++)
        off += (size_t)snprintf(args + off, sizeof args - off, " '%s'", files[i]);
    char *out = NULL, *err = NULL;
    int rc = jxt_jixiao(args, &out, &err);
    if (rc != 0) {
        fprintf(stderr, "import failed (%d): %s%s\n", rc, out, err);
        free(out); free(err);
        return NULL;
    }
    free(out); free(err);
    snprintf(args, sizeof args, "--db '%s' export --format json", db);
    rc = jxt_jixiao(args, &out, &err);
    json_t *root = NULL;
    if (rc == 0) {
        json_error_t jerr;
        root = json_loads(out, 0, &jerr);
        if (!root) fprintf(stderr, "export is not JSON: %s\n", jerr.text);
    } else {
        fprintf(stderr, "export failed (%d): %s\n", rc, err);
    }
    free(out); free(err);
    return root;
}

void jxt_write(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static long long next_form_id = 1;

jx_form *jxt_make_form(const char *name, const jxt_row *rows, size_t n)
{
    jx_form *f = jx_form_new("invented.txt", 1);
    f->id = next_form_id++;
    f->name = jx_strdup(name);
    f->unit = jx_strdup("示例中心");
    f->goal = jx_strdup("完成年度工作。");
    f->framework = jx_strdup("national-2021");
    f->year = 2023;
    f->budget.total = f->budget.year = 100000000;  /* 100万元 in fen */
    for (size_t i = 0; i < n; i++) {
        jx_indicator *ind = jx_form_add_indicator(f);
        ind->level1 = jx_strdup(rows[i].l1);
        ind->level2 = jx_strdup(rows[i].l2);
        ind->name = jx_strdup(rows[i].name);
        ind->category = jx_strdup(rows[i].category);
        ind->target = jx_strdup(rows[i].target);
        jx_value_parse(ind->target, &ind->value);
        ind->line = (long)(10 + i);
    }
    return f;
}

size_t jxt_run_rule(const char *id, jx_form_list *forms, jx_findings *out)
{
    jx_review_config *c = jx_review_config_new();
    for (size_t i = 0; jx_rules[i]; i++) c->enabled[i] = !strcmp(jx_rules[i]->id, id);
    assert_non_null(jx_rule_find(id));
    jx_review(c, forms, out);
    jx_review_config_free(c);
    return out->count;
}
