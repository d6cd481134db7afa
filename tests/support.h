/*
** support.h - shared helpers of the C tests: run the real binary, read its
** JSON, find fixtures and seeds. Include after the cmocka headers.
*/
#ifndef JIXIAO_TEST_SUPPORT_H
#define JIXIAO_TEST_SUPPORT_H

#include <jansson.h>

#include "jixiao/rules.h"

/* Exit status a test uses to tell ctest it was skipped. */
#define JXT_SKIP 77

/* Environment variable set by ctest (JIXIAO_BIN, JIXIAO_FIXTURES, JIXIAO_SEEDS). */
const char *jxt_env(const char *name);

/* A new empty temporary directory (malloc'd path; removed by jxt_rmtree). */
char *jxt_tmpdir(void);
void jxt_rmtree(const char *dir);

/*
** Run the jixiao binary with args (a shell-quoted string), capturing stdout
** and stderr into malloc'd strings (either pointer may be NULL). Returns the
** exit status.
*/
int jxt_jixiao(const char *args, char **out, char **errout);

/* Path of a seed document, or NULL (after printing why) when ../shared is absent. */
char *jxt_seed(const char *name);

/* Import files into a fresh db in dir, export JSON and parse it. NULL on failure. */
json_t *jxt_import_export(const char *db, const char *const *files, size_t nfiles);

/* Write data to path (for fixtures built by a test). */
void jxt_write(const char *path, const void *data, size_t len);

/* One indicator row of an invented form (test_rules, test_review). */
typedef struct jxt_row { const char *l1, *l2, *name, *category, *target; } jxt_row;

/*
** A new national-2021 form with sound header fields (unit 示例中心, year
** 2023, 100万元) and the given indicator rows, lines 10, 11, ...; each call
** gets the next id from 1. The caller owns it (jx_form_free, or a list).
*/
jx_form *jxt_make_form(const char *name, const jxt_row *rows, size_t n);

/* Run one rule (all others off) over forms into out; the number of findings. */
size_t jxt_run_rule(const char *id, jx_form_list *forms, jx_findings *out);

#endif
