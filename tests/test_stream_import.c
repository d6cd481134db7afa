/*
** test_stream_import.c - the streaming import (jx_import_file_to, lib/import)
** when the file is not what the first piece suggests or changes under it.
**
** The files are built from examples/2019_markdown_health.md and read in
** 1 KB pieces; the sink's begin -- called once the first pass has hashed the
** whole file and the second has read its first piece -- is where a test
** changes the file, deterministically between the two passes:
**   - truncated: refused naming the file ("shorter than"), no crash (the
**     mapping this replaced died of SIGBUS);
**   - rewritten in place, same size: refused (its forms would not be the
**     hash's), also when only its modification time moved;
**   - untouched: the pieces' forms are the whole file's, byte for byte;
**   - appended to, when the file goes whole (a DOCX; a narrative after
**     forms, read again whole): refused, not imported as the prefix read.
** And a file whose first pieces are markdown and the rest one cell per line
** (the whole file's layout): read as the whole file reads, not as its first
** piece said.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"
#include "jixiao/export.h"
#include "jixiao/import.h"
#include "jixiao/util.h"

enum { CHANGE_NONE, CHANGE_TRUNCATE, CHANGE_DIGIT, CHANGE_TIME, CHANGE_APPEND };

/* The test's sink: keeps the delivered forms; begin changes the file once. */
typedef struct sink_state {
    const char *path;
    int change;
    int begins, resets;
    jx_form_list got;
} sink_state;

/* A digit near the end of the file becomes another digit: same size, other bytes. */
static void change_digit(const char *path)
{
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long at = ftell(f);
    int c;
    do {
        assert_true(--at > 0);
        fseek(f, at, SEEK_SET);
        c = fgetc(f);
    } while (c < '0' || c > '9');
    fseek(f, at, SEEK_SET);
    fputc(c == '9' ? '8' : c + 1, f);
    assert_int_equal(fclose(f), 0);
}

static jx_status sink_begin(void *ctx, const char *sha, jx_error *err)
{
    (void)sha; (void)err;
    sink_state *s = ctx;
    if (s->begins++ == 0) {
        struct stat st;
        assert_int_equal(stat(s->path, &st), 0);
        if (s->change == CHANGE_TRUNCATE) assert_int_equal(truncate(s->path, st.st_size / 2), 0);
        if (s->change == CHANGE_DIGIT) change_digit(s->path);
        if (s->change == CHANGE_TIME) {
            struct timespec t[2] = {{0, UTIME_OMIT}, {st.st_mtim.tv_sec - 100, 0}};
            assert_int_equal(utimensat(AT_FDCWD, s->path, t, 0), 0);
        }
        if (s->change == CHANGE_APPEND) {
            FILE *f = fopen(s->path, "ab");
            assert_non_null(f);
            fputs("\n项目名称：still being written\n", f);
            assert_int_equal(fclose(f), 0);
        }
    }
    return JX_OK;
}

static jx_status sink_forms(void *ctx, jx_form_list *batch, jx_error *err)
{
    (void)err;
    sink_state *s = ctx;
    for (size_t k = 0; k < batch->count; k++) jx_form_list_push(&s->got, batch->items[k]);
    batch->count = 0;   /* taken */
    return JX_OK;
}

static void sink_reset(void *ctx)
{
    sink_state *s = ctx;
    s->resets++;
    jx_form_list_free(&s->got);
    memset(&s->got, 0, sizeof s->got);
}

/* The export JSON of a list, compact (malloc'd). */
static char *list_json(const jx_form_list *forms)
{
    json_t *root = jx_export_json(forms);
    char *text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(root);
    assert_non_null(text);
    return text;
}

/* The bytes of a file (malloc'd, NUL-terminated). */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    jx_buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) jx_buf_append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return jx_buf_take(&b);
}

/* The example form repeated copies times into dir/name; returns the path (malloc'd). */
static char *write_copies(const char *dir, const char *name, int copies)
{
    char src[1024];
    snprintf(src, sizeof src, "%s/examples/2019_markdown_health.md", jxt_env("JIXIAO_SOURCE_DIR"));
    size_t len;
    char *form = slurp(src, &len);
    jx_buf b = {0};
    for (int i = 0; i < copies; i++) {
        jx_buf_append(&b, form, len);
        jx_buf_puts(&b, "\n");
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    jxt_write(path, b.data, b.len);
    jx_buf_free(&b);
    free(form);
    return jx_strdup(path);
}

/* Stream path in 1 KB pieces with the change; returns the status, s->got and rest the forms. */
static jx_status stream(const char *path, int change, sink_state *s, jx_form_list *rest, jx_error *err)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    s->change = change;
    jx_import_sink sink = {s, sink_begin, sink_forms, sink_reset};
    char sha[65];
    jx_error_clear(err);
    memset(rest, 0, sizeof *rest);
    return jx_import_file_to(path, 1024, &sink, rest, sha, err);
}

/* A changed file at path: the status, the file named, the reason; the sink began begins times. */
static void expect_changed_at(const char *path, int change, const char *why, int begins)
{
    sink_state s;
    jx_form_list rest;
    jx_error err;
    jx_status st = stream(path, change, &s, &rest, &err);
    if (st == JX_OK || !strstr(err.message, "changed while it was imported") || !strstr(err.message, why))
        fail_msg("change %d: status %d, \"%s\"", change, st, err.message);
    assert_int_equal(st, JX_EINPUT);
    assert_string_equal(err.file, jx_basename(path));
    assert_int_equal(s.begins, begins);
    jx_form_list_free(&s.got);
    jx_form_list_free(&rest);
}

/* The 20-copy file changed so: refused. */
static void expect_changed(int change, const char *why)
{
    char *dir = jxt_tmpdir();
    char *path = write_copies(dir, "big.md", 20);
    expect_changed_at(path, change, why, 1);
    free(path);
    jxt_rmtree(dir);
    free(dir);
}

static void expect_as_whole(const char *path, int begins, int resets);

/* A DOCX goes whole (its container): appended to, it is refused. */
static void test_appended_whole(void **state)
{
    (void)state;
    char *dir = jxt_tmpdir();
    char src[1024], path[1024];
    snprintf(src, sizeof src, "%s/tests/fixtures/blind/a_linping_2025.docx", jxt_env("JIXIAO_SOURCE_DIR"));
    snprintf(path, sizeof path, "%s/linping.docx", dir);
    size_t len;
    char *body = slurp(src, &len);
    jxt_write(path, body, len);
    sink_state s;                                       /* untouched: it imports */
    jx_form_list rest;
    jx_error err;
    jx_status st = stream(path, CHANGE_NONE, &s, &rest, &err);
    if (st != JX_OK) fail_msg("stream: %s", err.message);
    assert_int_equal(s.begins, 1);
    assert_true(rest.count > 0);
    jx_form_list_free(&s.got);
    jx_form_list_free(&rest);
    expect_changed_at(path, CHANGE_APPEND, "size or modification time", 1);
    free(body);
    jxt_rmtree(dir);
    free(dir);
}

/*
** Ten forms, a project narrative, ten forms: the pieces deliver forms until
** the narrative sends the file whole, read again from its start. Appended
** to when the pieces began, the whole read again is refused.
*/
static void test_appended_read_again(void **state)
{
    (void)state;
    char *dir = jxt_tmpdir();
    char *path = write_copies(dir, "narrative.md", 10);
    size_t len;
    char *body = slurp(path, &len);
    jx_buf b = {0};
    jx_buf_append(&b, body, len);
    jx_buf_puts(&b, "\n一、项目经费情况说明\n\n本部门2019年项目经费共计120.00万元，用于卫生健康服务。\n\n");
    jx_buf_append(&b, body, len);
    jxt_write(path, b.data, b.len);
    sink_state s;                                       /* untouched: it imports */
    jx_form_list rest;
    jx_error err;
    jx_status st = stream(path, CHANGE_NONE, &s, &rest, &err);
    if (st != JX_OK) fail_msg("stream: %s", err.message);
    assert_int_equal(s.begins, 2);
    assert_int_equal(s.resets, 1);
    assert_int_equal(s.got.count + rest.count, 20);
    jx_form_list_free(&s.got);
    jx_form_list_free(&rest);
    expect_changed_at(path, CHANGE_APPEND, "size or modification time", 2);
    jx_buf_free(&b);
    free(body);
    free(path);
    jxt_rmtree(dir);
    free(dir);
}

static void test_truncated(void **state)
{
    (void)state;
    expect_changed(CHANGE_TRUNCATE, "shorter than");
}

static void test_rewritten(void **state)
{
    (void)state;
    expect_changed(CHANGE_DIGIT, "bytes differ");
}

static void test_touched(void **state)
{
    (void)state;
    expect_changed(CHANGE_TIME, "modification time");
}

/* Streamed as jx_import_file reads it whole: the same forms, exported alike. */
static void expect_as_whole(const char *path, int begins, int resets)
{
    sink_state s;
    jx_form_list rest;
    jx_error err;
    jx_status st = stream(path, CHANGE_NONE, &s, &rest, &err);
    if (st != JX_OK) fail_msg("stream: %s", err.message);
    for (size_t k = 0; k < rest.count; k++) jx_form_list_push(&s.got, rest.items[k]);
    rest.count = 0;
    s.got.notes = rest.notes;   /* the parts skipped (the sink is given forms only) */
    s.got.nnotes = rest.nnotes;
    rest.notes = NULL;
    rest.nnotes = 0;
    jx_form_list whole = {0};
    char sha[65];
    jx_error_clear(&err);
    st = jx_import_file(path, &whole, sha, &err);
    if (st != JX_OK) fail_msg("whole: %s", err.message);
    assert_true(whole.count > 0);
    assert_int_equal(s.got.count, whole.count);
    char *a = list_json(&s.got), *b = list_json(&whole);
    if (strcmp(a, b)) {   /* where they part */
        size_t i = 0;
        while (a[i] && a[i] == b[i]) i++;
        size_t from = i > 80 ? i - 80 : 0;
        fail_msg("streamed and whole differ at byte %zu:\n  %.200s\n  %.200s", i, a + from, b + from);
    }
    free(a);
    free(b);
    assert_int_equal(s.begins, begins);
    assert_int_equal(s.resets, resets);
    jx_form_list_free(&s.got);
    jx_form_list_free(&rest);
    jx_form_list_free(&whole);
}

static void test_untouched(void **state)
{
    (void)state;
    char *dir = jxt_tmpdir();
    char *path = write_copies(dir, "big.md", 20);
    expect_as_whole(path, 1, 0);
    free(path);
    jxt_rmtree(dir);
    free(dir);
}

/*
** Two copies of the form in markdown, then six in one cell per line (each
** markdown row's cells a tab-indented line each, a blank line after the
** row): the first pieces read as markdown, the whole as cell-per-line.
*/
static void test_layout_of_whole(void **state)
{
    (void)state;
    char *dir = jxt_tmpdir();
    char *md = write_copies(dir, "md.md", 2);
    size_t mdlen, formlen;
    char *head = slurp(md, &mdlen);
    char src[1024];
    snprintf(src, sizeof src, "%s/examples/2019_markdown_health.md", jxt_env("JIXIAO_SOURCE_DIR"));
    char *form = slurp(src, &formlen);
    jx_buf cells = {0};
    for (const char *line = form; *line;) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        if (n && line[0] == '|' && strspn(line, "|-: ") < n) {
            /* the cells between the leading and the trailing '|', trimmed */
            const char *c = line + 1, *stop = line + n;
            while (stop > c && (stop[-1] == ' ' || stop[-1] == '\r')) stop--;
            if (stop > c && stop[-1] == '|') stop--;
            for (;;) {
                const char *bar = memchr(c, '|', (size_t)(stop - c));
                const char *e = bar ? bar : stop, *a = c, *z = e;
                while (a < z && *a == ' ') a++;
                while (z > a && z[-1] == ' ') z--;
                jx_buf_puts(&cells, "\t");
                jx_buf_append(&cells, a, (size_t)(z - a));
                jx_buf_puts(&cells, "\n");
                if (!bar) break;
                c = bar + 1;
            }
            jx_buf_puts(&cells, "\n");
        } else if (n && line[0] != '|') {   /* a title or label line: prose */
            jx_buf_append(&cells, line, n);
            jx_buf_puts(&cells, "\n\n");
        }
        line = nl ? nl + 1 : line + n;
    }
    jx_buf all = {0};
    jx_buf_append(&all, head, mdlen);
    for (int i = 0; i < 6; i++) jx_buf_append(&all, cells.data, cells.len);
    char path[1024];
    snprintf(path, sizeof path, "%s/mixed.md", dir);
    jxt_write(path, all.data, all.len);
    /* the sink began with the pieces, was reset, and began again with the whole */
    expect_as_whole(path, 2, 1);
    jx_buf_free(&cells);
    jx_buf_free(&all);
    free(head);
    free(form);
    free(md);
    jxt_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_untouched),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_rewritten),
        cmocka_unit_test(test_touched),
        cmocka_unit_test(test_layout_of_whole),
        cmocka_unit_test(test_appended_whole),
        cmocka_unit_test(test_appended_read_again),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
