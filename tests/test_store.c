/*
** test_store.c - the store, the JSON export contract and atomic file
** writes: forms built in memory go into a fresh database and come back equal
** field by field; failed imports leave the database byte-for-byte as before.
** With JIXIAO_TEST_PG set to a PostgreSQL connection string (cli_postgres.sh
** sets it to a throwaway cluster's database) the store cases run against
** that database instead, each on an emptied schema; the few that look at
** SQLite's own files and pragmas skip there, saying so.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#include <dirent.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jixiao/export.h"
#include "jixiao/model.h"
#include "jixiao/store.h"
#include "jixiao/util.h"
#include "jixiao/value.h"
#include "db.h"   /* the store's driver layer: the test's own connection to PostgreSQL */

/* The number of migrations in lib/store/store.c: update together with it. */
#define JXT_MIGRATIONS 16   /* 16: evaluations.name_key (store.c), 15: child tables WITHOUT ROWID on SQLite, 14: forms.name_key (store.c), 13: the kept form count (review_store.c), 12: 偏差原因 by category, 11: a statement's 绩效自评 figures, 10: the workflow (workflow_store.c), 9: PDF row boxes and bytes (source_store.c), 8: users and the audit log (auth_store.c), 7: self-evaluations (evaluation_store.c), 2: department disclosures (lib/store/disclosure_store.c), 3: stored review (review_store.c), 4: form_fields, form_values, 5: document notes, 6: final accounts (final_store.c) */

/* Per-test state: a fresh temporary directory and a database path in it. */
typedef struct fixture {
    char *dir;        /* malloc'd by jxt_tmpdir, removed in teardown */
    char db[1024];
} fixture;

/* The PostgreSQL database of this run ($JIXIAO_TEST_PG), NULL for SQLite. */
static const char *pg_target;

/* Run SQL on PostgreSQL over a connection of the test's own. */
static void pg_exec(const char *sql)
{
    jx_db *h;
    jx_error err;
    jx_error_clear(&err);
    if (jx_db_open(pg_target, &h, &err) != JX_OK) fail_msg("%s", err.message);
    int rc = jx_db_exec(h, sql);
    if (rc) fprintf(stderr, "%s: %s\n", sql, jx_db_errmsg(h));
    jx_db_close(h);
    assert_int_equal(rc, 0);
}

/* Make the temporary directory of one test; on PostgreSQL, empty the database. */
static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    fx->dir = jxt_tmpdir();
    snprintf(fx->db, sizeof fx->db, "%s/jixiao.db", fx->dir);
    if (pg_target) {
        snprintf(fx->db, sizeof fx->db, "%s", pg_target);
        pg_exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    }
    *state = fx;
    return 0;
}

/* Skip a case that is about SQLite's own file or pragmas when running on PostgreSQL. */
#define SQLITE_ONLY(why) do { if (pg_target) { fprintf(stderr, "SKIP on PostgreSQL: %s\n", why); skip(); } } while (0)

/* Remove the temporary directory (chmod'ed files included). */
static int teardown(void **state)
{
    fixture *fx = *state;
    jxt_rmtree(fx->dir);
    free(fx->dir);
    free(fx);
    return 0;
}

/* ---- building forms ---------------------------------------------------- */

/* Append an indicator with an explicit parsed value (independent of lib/text/value.c's grammar). */
static void add_ind(jx_form *f, const char *l1, const char *l2, const char *name,
                    const char *cat, const char *target, jx_op op, double v, double vmax,
                    const char *unit, jx_kind kind, long line)
{
    jx_indicator *ind = jx_form_add_indicator(f);
    ind->level1 = jx_strdup(l1);
    ind->level2 = jx_strdup(l2);
    ind->name = jx_strdup(name);
    ind->category = jx_strdup(cat);
    ind->target = jx_strdup(target);
    ind->value.op = op;
    ind->value.value = v;
    ind->value.value_max = vmax;
    snprintf(ind->value.unit, sizeof ind->value.unit, "%s", unit);
    ind->value.kind = kind;
    ind->line = line;
}

/* Append a component. */
static void add_comp(jx_form *f, const char *name, long long fen)
{
    jx_component *c = jx_form_add_component(f);
    c->name = jx_strdup(name);
    c->amount = fen;
}

/* A form with every field set, NULLs and JX_NO_AMOUNT only where a form may lack them. */
static jx_form *full_form(const char *file, const char *name, int year, const char *unit)
{
    jx_form *f = jx_form_new(file, 12);
    f->year = year;
    f->name = jx_strdup(name);
    f->unit = jx_strdup(unit);
    f->department = jx_strdup("上海市卫生健康委员会");
    f->nature = jx_strdup("经常性项目");
    f->category = jx_strdup("公共卫生");
    f->framework = jx_strdup("shanghai-2019");
    f->period_start = jx_strdup("2019-01-01");
    f->period_end = jx_strdup("2019-12-31");
    f->goal = jx_strdup("提高社区卫生服务能力");
    f->budget.total = 7138720000LL;
    f->budget.year = 10;                 /* 0.1 yuan */
    f->budget.carryover = 0;             /* zero is an amount, not absence */
    f->budget.other = -250;
    f->budget.project_total = 9007199254740993LL;   /* above 2^53: kept exactly in fen */
    f->budget.prev_budget = JX_NO_AMOUNT;
    f->budget.prev_exec = 123456789;
    add_comp(f, "人员经费", 123400);
    add_comp(f, NULL, JX_NO_AMOUNT);
    add_comp(f, "设备购置", 0);
    add_ind(f, "产出目标", "数量目标", "服务人次", "产出", "≥98.00%", JX_OP_GE, 98, 98, "%",
            JX_KIND_QUANTITATIVE, 45);
    add_ind(f, "产出目标", "质量目标", "达标率", "产出", "90%-95%", JX_OP_RANGE, 90, 95, "%",
            JX_KIND_QUANTITATIVE, 46);
    add_ind(f, "效益目标", NULL, NULL, NULL, NULL, JX_OP_NONE, 0, 0, "", JX_KIND_QUALITATIVE, 47);
    add_ind(f, "效益目标", "社会效益", "居民健康水平", "效益", "较去年提高", JX_OP_NONE, 0, 0, "",
            JX_KIND_QUALITATIVE, 48);
    add_ind(f, "成本目标", "经济成本", "单价", "成本", "约2.6万元", JX_OP_APPROX, 26000, 26000, "元",
            JX_KIND_QUANTITATIVE, 49);
    add_ind(f, NULL, "满意度", "满意度", "满意度", "=0.1", JX_OP_EQ, 0.1, 0.1, "", JX_KIND_QUANTITATIVE, 50);
    /* the fields of issue 11 and the labelled fields as written */
    f->period_text = jx_strdup("2019-1-1 至 2019. 12. 31");
    f->overview = jx_strdup("项目概况的文字");
    f->basis = jx_strdup("立项依据的文字");
    f->necessity = jx_strdup("必要性");
    f->measures = jx_strdup("制度、措施");
    f->plan = jx_strdup("全年实施");
    f->long_goal = jx_strdup("三年总目标");
    f->long_goal_years = (jx_years){2024, 2026};
    f->fund_use = jx_strdup("其他事业专业类");
    f->perf_type = jx_strdup("事业/专业类");
    f->gov_purchase = jx_strdup("否");
    f->remark = jx_strdup("");
    jx_form_add_field(f, "项目名称", name, 3);
    jx_form_add_field(f, "备注", NULL, 60);
    return f;
}

/* A form with only its name: every other text NULL, every amount absent, year unknown. */
static jx_form *bare_form(const char *file, const char *name)
{
    jx_form *f = jx_form_new(file, 3);
    f->name = jx_strdup(name);
    return f;
}

/* ---- comparing ---------------------------------------------------------- */

/* Two nullable strings are equal (both NULL, or the same bytes). */
static void assert_text(const char *want, const char *got)
{
    if (!want) assert_null(got);
    else {
        assert_non_null(got);
        assert_string_equal(want, got);
    }
}

/* Every field of two forms is equal, id included. */
static void assert_form_equal(const jx_form *a, const jx_form *b)
{
    assert_int_equal(a->id, b->id);
    assert_text(a->file, b->file);
    assert_int_equal(a->line, b->line);
    assert_int_equal(a->year, b->year);
    assert_text(a->name, b->name);
    assert_text(a->unit, b->unit);
    assert_text(a->department, b->department);
    assert_text(a->nature, b->nature);
    assert_text(a->category, b->category);
    assert_text(a->framework, b->framework);
    assert_text(a->period_start, b->period_start);
    assert_text(a->period_end, b->period_end);
    assert_text(a->goal, b->goal);
    assert_text(a->period_text, b->period_text);
    assert_text(a->overview, b->overview);
    assert_text(a->basis, b->basis);
    assert_text(a->necessity, b->necessity);
    assert_text(a->measures, b->measures);
    assert_text(a->plan, b->plan);
    assert_text(a->long_goal, b->long_goal);
    assert_int_equal(a->long_goal_years.start, b->long_goal_years.start);
    assert_int_equal(a->long_goal_years.end, b->long_goal_years.end);
    assert_text(a->fund_use, b->fund_use);
    assert_text(a->perf_type, b->perf_type);
    assert_text(a->gov_purchase, b->gov_purchase);
    assert_text(a->remark, b->remark);
    assert_int_equal(a->nfields, b->nfields);
    for (size_t i = 0; i < a->nfields; i++) {
        assert_text(a->fields[i].label, b->fields[i].label);
        assert_text(a->fields[i].value, b->fields[i].value);
        assert_int_equal(a->fields[i].line, b->fields[i].line);
    }
    assert_true(a->budget.total == b->budget.total);
    assert_true(a->budget.year == b->budget.year);
    assert_true(a->budget.carryover == b->budget.carryover);
    assert_true(a->budget.other == b->budget.other);
    assert_true(a->budget.project_total == b->budget.project_total);
    assert_true(a->budget.prev_budget == b->budget.prev_budget);
    assert_true(a->budget.prev_exec == b->budget.prev_exec);
    assert_int_equal(a->ncomponents, b->ncomponents);
    for (size_t i = 0; i < a->ncomponents; i++) {
        assert_text(a->components[i].name, b->components[i].name);
        assert_true(a->components[i].amount == b->components[i].amount);
    }
    assert_int_equal(a->nindicators, b->nindicators);
    for (size_t i = 0; i < a->nindicators; i++) {
        const jx_indicator *x = &a->indicators[i], *y = &b->indicators[i];
        assert_text(x->level1, y->level1);
        assert_text(x->level2, y->level2);
        assert_text(x->name, y->name);
        assert_text(x->category, y->category);
        assert_text(x->target, y->target);
        assert_int_equal(x->value.op, y->value.op);
        assert_int_equal(x->value.kind, y->value.kind);
        assert_true(x->value.value == y->value.value);
        assert_true(x->value.value_max == y->value.value_max);
        assert_string_equal(x->value.unit, y->value.unit);
        assert_int_equal(x->line, y->line);
    }
}

/* ---- looking at the database directly ------------------------------------ */

/* The single integer a query returns, read over a connection of the test's own. */
static long long query_int(const char *db, const char *sql)
{
    if (pg_target) {
        jx_db *p;
        jx_error err;
        jx_error_clear(&err);
        if (jx_db_open(db, &p, &err) != JX_OK) fail_msg("%s", err.message);
        jx_stmt *q = jx_db_prepare(p, sql, 0);
        if (!q) fail_msg("%s: %s", sql, jx_db_errmsg(p));
        assert_int_equal(jx_stmt_step(q), JX_DB_ROW);
        long long v = jx_stmt_int64(q, 0);
        jx_stmt_finalize(q);
        jx_db_close(p);
        return v;
    }
    sqlite3 *h;
    assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

/* Run SQL over a connection of the test's own (triggers, version bumps). */
static void exec_sql(const char *db, const char *sql)
{
    if (pg_target) { pg_exec(sql); return; }
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) fprintf(stderr, "%s: %s\n", sql, msg);
    sqlite3_free(msg);
    sqlite3_close(h);
    assert_int_equal(rc, SQLITE_OK);
}

/* sqlite3_exec callback: append a row, NULL written as \N, to a jx_buf. */
static int dump_row(void *arg, int n, char **vals, char **cols)
{
    (void)cols;
    jx_buf *b = arg;
    for (int i = 0; i < n; i++) {
        jx_buf_puts(b, vals[i] ? vals[i] : "\\N");
        jx_buf_putc(b, '|');
    }
    jx_buf_putc(b, '\n');
    return 0;
}

/* Every row of every table, in a fixed order: equal snapshots mean an unchanged database. Caller frees. */
static char *snapshot(const char *db)
{
    static const char *const sql[] = {
        "SELECT * FROM files ORDER BY id",
        "SELECT * FROM forms ORDER BY id",
        "SELECT * FROM components ORDER BY form_id, seq",
        "SELECT * FROM indicators ORDER BY form_id, seq",
        "SELECT count(*) FROM files", "SELECT count(*) FROM forms",
        "SELECT count(*) FROM components", "SELECT count(*) FROM indicators",
    };
    jx_buf b = {0};
    if (pg_target) {
        jx_db *p;
        jx_error err;
        jx_error_clear(&err);
        if (jx_db_open(db, &p, &err) != JX_OK) fail_msg("%s", err.message);
        for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
            jx_buf_printf(&b, "-- %s\n", sql[i]);
            jx_stmt *q = jx_db_prepare(p, sql[i], 0);
            assert_non_null(q);
            int r;
            while ((r = jx_stmt_step(q)) == JX_DB_ROW) {
                for (int c = 0; c < jx_stmt_columns(q); c++) {
                    const char *v = jx_stmt_text(q, c);
                    jx_buf_puts(&b, v ? v : "\\N");
                    jx_buf_putc(&b, '|');
                }
                jx_buf_putc(&b, '\n');
            }
            assert_int_equal(r, JX_DB_DONE);
            jx_stmt_finalize(q);
        }
        jx_db_close(p);
        return jx_buf_take(&b);
    }
    sqlite3 *h;
    assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
        jx_buf_printf(&b, "-- %s\n", sql[i]);
        assert_int_equal(sqlite3_exec(h, sql[i], dump_row, &b, NULL), SQLITE_OK);
    }
    sqlite3_close(h);
    return jx_buf_take(&b);
}

/* ---- store helpers -------------------------------------------------------- */

/* Open the fixture's store, failing the test on error. */
static jx_store *open_store(const fixture *fx)
{
    jx_store *s = NULL;
    jx_error err;
    jx_error_clear(&err);
    jx_status st = jx_store_open(fx->db, &s, &err);
    if (st != JX_OK) fprintf(stderr, "open: %s\n", err.message);
    assert_int_equal(st, JX_OK);
    assert_non_null(s);
    return s;
}

/* Import, failing the test on error. */
static void import_ok(jx_store *s, const char *file, const char *sha, jx_form_list *forms)
{
    jx_error err;
    jx_error_clear(&err);
    jx_status st = jx_store_import(s, file, sha, forms, &err);
    if (st != JX_OK) fprintf(stderr, "import: %s\n", err.message);
    assert_int_equal(st, JX_OK);
}

/* Load with a filter into a fresh list, failing the test on error. */
static jx_form_list load_ok(jx_store *s, int year, const char *unit, long long id)
{
    jx_filter flt = {year, unit, id};
    jx_form_list out = {0};
    jx_error err;
    jx_error_clear(&err);
    jx_status st = jx_store_load(s, &flt, &out, &err);
    if (st != JX_OK) fprintf(stderr, "load: %s\n", err.message);
    assert_int_equal(st, JX_OK);
    return out;
}

/* The JSON of a whole list, compact, as the CLI's precision prints it. Caller frees. */
static char *list_json(const jx_form_list *forms)
{
    json_t *root = jx_export_json(forms);
    char *text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    json_decref(root);
    assert_non_null(text);
    return text;
}

/* ---- store tests ---------------------------------------------------------- */

/* Forms go in and come back equal in every field, NULLs and absent amounts included. */
static void test_roundtrip(void **state)
{
    fixture *fx = *state;
    jx_store *s = open_store(fx);
    jx_form_list in = {0};
    jx_form_list_push(&in, full_form("000_75a7d0d2d6251555.txt", "社区卫生服务项目", 2019, "上海市某区卫生中心"));
    jx_form_list_push(&in, bare_form("000_75a7d0d2d6251555.txt", "只有名称的项目"));
    jx_form_list_push(&in, full_form("000_75a7d0d2d6251555.txt", "第三个项目", 2021, "单位"));
    import_ok(s, "000_75a7d0d2d6251555.txt", "75a7d0d2d6251555aa", &in);
    for (size_t i = 0; i < in.count; i++) assert_true(in.items[i]->id > 0);
    assert_true(in.items[0]->id < in.items[1]->id && in.items[1]->id < in.items[2]->id);

    jx_form_list out = load_ok(s, 0, NULL, 0);
    assert_int_equal(out.count, in.count);
    for (size_t i = 0; i < in.count; i++) assert_form_equal(in.items[i], out.items[i]);

    /* What the store holds for absent values: NULL, not 0 or "". */
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM forms WHERE year IS NULL AND unit IS NULL"
                                       " AND total IS NULL AND prev_exec IS NULL"), 1);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM indicators WHERE op IS NULL AND value IS NULL"
                                       " AND value_max IS NULL AND unit IS NULL AND kind = 'qualitative'"), 4);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM indicators WHERE op = 'range' AND value = 90"
                                       " AND value_max = 95 AND unit = '%'"), 2);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM components WHERE amount IS NULL AND name IS NULL"), 2);
    assert_int_equal(query_int(fx->db, pg_target ? "SELECT pg_typeof(total) = 'bigint'::regtype FROM forms WHERE year = 2019"
                                                 : "SELECT typeof(total) = 'integer' FROM forms WHERE year = 2019"), 1);

    /* The export of what came back is the export of what went in. */
    char *a = list_json(&in), *b = list_json(&out);
    assert_string_equal(a, b);
    free(a); free(b);
    jx_form_list_free(&in);
    jx_form_list_free(&out);
    jx_store_close(s);
}

/* Importing the same content hash again replaces the earlier import, children included. */
static void test_reimport_replaces(void **state)
{
    fixture *fx = *state;
    jx_store *s = open_store(fx);
    jx_form_list a = {0};
    jx_form_list_push(&a, full_form("a.txt", "项目甲", 2019, "单位甲"));
    jx_form_list_push(&a, full_form("a.txt", "项目乙", 2019, "单位甲"));
    import_ok(s, "a.txt", "sha-a", &a);
    jx_form_list b = {0};
    jx_form_list_push(&b, bare_form("b.txt", "项目丙"));
    import_ok(s, "b.txt", "sha-b", &b);
    char *before = snapshot(fx->db);
    long long old_id = a.items[0]->id;

    /* Same hash under another name: replaced, not duplicated; the forms that
    ** come back (same unit, year, name) keep their ids. */
    long long old_id2 = a.items[1]->id;
    import_ok(s, "a-renamed.txt", "sha-a", &a);
    assert_int_equal(a.items[0]->id, old_id);
    assert_int_equal(a.items[1]->id, old_id2);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM files"), 2);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM forms"), 3);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM components"), 6);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM indicators"), 12);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM indicators WHERE form_id NOT IN (SELECT id FROM forms)"), 0);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM components WHERE form_id NOT IN (SELECT id FROM forms)"), 0);
    char *after = snapshot(fx->db);
    assert_string_not_equal(before, after);   /* the new file name */
    free(before); free(after);

    /* The loaded forms name the file as last imported. */
    jx_form_list out = load_ok(s, 0, NULL, a.items[0]->id);
    assert_int_equal(out.count, 1);
    free(a.items[0]->file);            /* loaded forms carry files.name, the latest name */
    a.items[0]->file = jx_strdup("a-renamed.txt");
    assert_form_equal(a.items[0], out.items[0]);

    /* An empty import of that hash leaves the file recorded with no forms. */
    jx_form_list none = {0};
    import_ok(s, "a-renamed.txt", "sha-a", &none);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM forms"), 1);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM indicators"), 0);

    jx_form_list_free(&a);
    jx_form_list_free(&b);
    jx_form_list_free(&out);
    jx_store_close(s);
}

/*
** A re-import whose new forms come before a kept one: forms.id has no
** AUTOINCREMENT, so once the earlier import is deleted SQLite would give a new
** form max(id) + 1 -- the id a kept form (the top one) is about to take back:
** UNIQUE failed and the import refused. New forms get ids above every id the
** earlier import held, on both backends; in one call and in batches (the
** streaming import).
*/
static void test_reimport_new_before_kept(void **state)
{
    fixture *fx = *state;
    jx_store *s = open_store(fx);
    jx_form_list b = {0};
    jx_form_list_push(&b, bare_form("b.txt", "项目丙"));
    import_ok(s, "b.txt", "sha-b", &b);
    jx_form_list a = {0};
    jx_form_list_push(&a, full_form("a.txt", "项目甲", 2019, "单位甲"));
    jx_form_list_push(&a, full_form("a.txt", "项目乙", 2019, "单位甲"));
    import_ok(s, "a.txt", "sha-a", &a);
    long long gone = a.items[0]->id, top = a.items[1]->id;
    assert_true(b.items[0]->id < gone && gone < top);

    /* Two new forms, then 项目乙 (the top id) again; 项目甲 is gone. */
    jx_form_list c = {0};
    jx_form_list_push(&c, full_form("a.txt", "新项目一", 2020, "单位甲"));
    jx_form_list_push(&c, full_form("a.txt", "新项目二", 2020, "单位甲"));
    jx_form_list_push(&c, full_form("a.txt", "项目乙", 2019, "单位甲"));
    import_ok(s, "a.txt", "sha-a", &c);
    assert_int_equal(c.items[2]->id, top);
    assert_true(c.items[0]->id > top && c.items[1]->id > c.items[0]->id);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM forms"), 4);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM forms WHERE name = '项目乙'"), 1);

    /* The same in batches: the new forms stored before the kept one arrives. */
    jx_form_list d1 = {0}, d2 = {0};
    jx_form_list_push(&d1, full_form("a.txt", "新项目三", 2021, "单位甲"));
    jx_form_list_push(&d1, full_form("a.txt", "新项目四", 2021, "单位甲"));
    jx_form_list_push(&d1, full_form("a.txt", "新项目五", 2021, "单位甲"));
    jx_form_list_push(&d2, full_form("a.txt", "项目乙", 2019, "单位甲"));
    jx_form_list_push(&d2, full_form("a.txt", "新项目二", 2020, "单位甲"));
    jx_error err;
    jx_error_clear(&err);
    jx_store_importer *im = NULL;
    assert_int_equal(jx_store_import_begin(s, "a.txt", "sha-a", &im, &err), JX_OK);
    jx_status st = jx_store_import_forms(im, &d1, &err);
    if (st != JX_OK) fprintf(stderr, "batch: %s\n", err.message);
    assert_int_equal(st, JX_OK);
    st = jx_store_import_end(im, &d2, &err);
    if (st != JX_OK) fprintf(stderr, "end: %s\n", err.message);
    assert_int_equal(st, JX_OK);
    assert_int_equal(d2.items[0]->id, top);
    assert_int_equal(d2.items[1]->id, c.items[1]->id);
    long long maxold = c.items[1]->id;
    for (size_t k = 0; k < d1.count; k++) assert_true(d1.items[k]->id > maxold);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM forms"), 6);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM indicators WHERE form_id NOT IN (SELECT id FROM forms)"), 0);

    jx_form_list_free(&a);
    jx_form_list_free(&b);
    jx_form_list_free(&c);
    jx_form_list_free(&d1);
    jx_form_list_free(&d2);
    jx_store_close(s);
}

/* Check one failing import: status, message, database unchanged, ids reset. */
static void expect_failed_import(const fixture *fx, jx_store *s, const char *sha, jx_form_list *forms,
                                 const char *needle)
{
    char *before = snapshot(fx->db);
    jx_error err;
    jx_error_clear(&err);
    assert_int_equal(jx_store_import(s, "x.txt", sha, forms, &err), JX_ESYS);
    assert_int_equal(err.status, JX_ESYS);
    if (!strstr(err.message, needle) || !strstr(err.message, fx->db))
        fail_msg("message \"%s\" lacks \"%s\" or the database path", err.message, needle);
    char *after = snapshot(fx->db);
    assert_string_equal(before, after);
    for (size_t i = 0; i < forms->count; i++) assert_int_equal(forms->items[i]->id, 0);
    free(before); free(after);
}

/* A failure anywhere in an import rolls all of it back, the replaced import included. */
static void test_failed_import_rolls_back(void **state)
{
    fixture *fx = *state;
    jx_store *s = open_store(fx);
    jx_form_list a = {0};
    jx_form_list_push(&a, full_form("a.txt", "项目甲", 2019, "单位甲"));
    jx_form_list_push(&a, full_form("a.txt", "项目乙", 2020, "单位乙"));
    import_ok(s, "a.txt", "sha-a", &a);

    /* 1. Replacing sha-a fails on the second form (no name): the old sha-a stays. */
    jx_form_list bad = {0};
    jx_form_list_push(&bad, full_form("a.txt", "新项目", 2019, "单位甲"));
    jx_form_list_push(&bad, bare_form("a.txt", NULL));
    expect_failed_import(fx, s, "sha-a", &bad, pg_target ? "not-null" : "NOT NULL");

    /* 2. A trigger of another connection aborts the last indicator of the last form. */
    exec_sql(fx->db, pg_target ? "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
                                 " IF NEW.name = 'boom' THEN RAISE EXCEPTION 'disk on fire'; END IF;"
                                 " RETURN NEW; END$$; CREATE TRIGGER boom BEFORE INSERT ON indicators"
                                 " FOR EACH ROW EXECUTE FUNCTION boom()"
                               : "CREATE TRIGGER boom BEFORE INSERT ON indicators WHEN NEW.name = 'boom'"
                                 " BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
    jx_form_list late = {0};
    jx_form_list_push(&late, full_form("c.txt", "项目丙", 2019, "单位丙"));
    jx_form_list_push(&late, full_form("c.txt", "项目丁", 2019, "单位丙"));
    add_ind(late.items[1], "产出目标", "数量目标", "boom", "产出", "1个", JX_OP_EQ, 1, 1, "个",
            JX_KIND_QUANTITATIVE, 99);
    expect_failed_import(fx, s, "sha-c", &late, "disk on fire");
    expect_failed_import(fx, s, "sha-a", &late, "disk on fire");
    exec_sql(fx->db, pg_target ? "DROP TRIGGER boom ON indicators" : "DROP TRIGGER boom");

    /* The store is still usable and the old content loads as before. */
    jx_form_list out = load_ok(s, 0, NULL, 0);
    assert_int_equal(out.count, 2);
    for (size_t i = 0; i < 2; i++) assert_form_equal(a.items[i], out.items[i]);
    import_ok(s, "c.txt", "sha-c", &late);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM forms"), 4);

    /* A caller's NULL hash is a usage error that touches nothing. */
    jx_error err;
    jx_error_clear(&err);
    char *before = snapshot(fx->db);
    assert_int_equal(jx_store_import(s, "x.txt", NULL, &a, &err), JX_EUSAGE);
    char *after = snapshot(fx->db);
    assert_string_equal(before, after);
    free(before); free(after);

    jx_form_list_free(&a);
    jx_form_list_free(&bad);
    jx_form_list_free(&late);
    jx_form_list_free(&out);
    jx_store_close(s);
}

/*
** A database the process may not write (chmod 0444) refuses the import and
** stays as it was. Root writes through file modes, so the test skips as root.
*/
static void test_readonly_import(void **state)
{
    fixture *fx = *state;
    SQLITE_ONLY("test_readonly_import: file modes of an SQLite file");
    if (geteuid() == 0) {
        fprintf(stderr, "SKIP test_readonly_import: running as root, file modes do not bind\n");
        skip();
    }
    jx_store *s = open_store(fx);
    jx_form_list a = {0};
    jx_form_list_push(&a, full_form("a.txt", "项目甲", 2019, "单位甲"));
    import_ok(s, "a.txt", "sha-a", &a);
    jx_store_close(s);
    char *before = snapshot(fx->db);
    assert_int_equal(chmod(fx->db, 0444), 0);

    jx_store *ro = NULL;
    jx_error err;
    jx_error_clear(&err);
    if (jx_store_open(fx->db, &ro, &err) == JX_OK) {
        jx_form_list b = {0};
        jx_form_list_push(&b, full_form("b.txt", "项目乙", 2019, "单位乙"));
        assert_int_equal(jx_store_import(ro, "b.txt", "sha-a", &b, &err), JX_ESYS);
        assert_non_null(strstr(err.message, "readonly"));
        assert_int_equal(b.items[0]->id, 0);
        jx_form_list_free(&b);
        jx_store_close(ro);
    } else {
        assert_int_equal(err.status, JX_ESYS);   /* refusing to open is as good */
    }
    assert_int_equal(chmod(fx->db, 0644), 0);
    char *after = snapshot(fx->db);
    assert_string_equal(before, after);
    free(before); free(after);
    jx_form_list_free(&a);
}

/* The schema version is the number of migrations; reopening migrates nothing; newer is refused. */
static void test_schema_version(void **state)
{
    fixture *fx = *state;
    jx_store *s = open_store(fx);
    jx_form_list a = {0};
    jx_form_list_push(&a, full_form("a.txt", "项目甲", 2019, "单位甲"));
    import_ok(s, "a.txt", "sha-a", &a);
    jx_store_close(s);
    if (pg_target) {
        /* PostgreSQL: the version row, the translated types (store.h rule 2), the indexes. */
        assert_int_equal(query_int(fx->db, "SELECT version FROM jixiao_schema"), JXT_MIGRATIONS);
        assert_int_equal(query_int(fx->db, "SELECT count(*) FROM information_schema.columns WHERE"
                                           " table_name = 'forms' AND column_name = 'id' AND is_identity = 'YES'"), 1);
        assert_int_equal(query_int(fx->db, "SELECT count(*) FROM information_schema.columns WHERE table_name"
                                           " = 'forms' AND column_name = 'total' AND data_type = 'bigint'"), 1);
        assert_int_equal(query_int(fx->db, "SELECT count(*) FROM information_schema.columns WHERE table_name"
                                           " = 'indicators' AND column_name = 'value' AND data_type = 'double precision'"), 1);
        assert_int_equal(query_int(fx->db, "SELECT count(*) FROM information_schema.columns WHERE table_name"
                                           " = 'forms' AND column_name = 'unit' AND collation_name = 'C'"), 1);
        assert_int_equal(query_int(fx->db, "SELECT count(*) FROM pg_indexes WHERE tablename = 'forms'"
                                           " AND indexdef LIKE '%(year)%'"), 1);
        long long objects = query_int(fx->db, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace");
        for (int i = 0; i < 2; i++) {
            s = open_store(fx);
            jx_form_list out = load_ok(s, 0, NULL, 0);
            assert_int_equal(out.count, 1);
            assert_form_equal(a.items[0], out.items[0]);
            jx_form_list_free(&out);
            jx_store_close(s);
        }
        assert_int_equal(query_int(fx->db, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"), objects);
        exec_sql(fx->db, "UPDATE jixiao_schema SET version = 99");
        jx_store *newer = (jx_store *)&newer;
        jx_error err;
        jx_error_clear(&err);
        assert_int_equal(jx_store_open(fx->db, &newer, &err), JX_ESYS);
        assert_null(newer);
        assert_non_null(strstr(err.message, "newer"));
        assert_int_equal(query_int(fx->db, "SELECT version FROM jixiao_schema"), 99);
        /* A server that is not there fails with the reason and the connection string, at once. */
        char bad[1100];
        snprintf(bad, sizeof bad, "host=%s/no/such/dir dbname=x", fx->dir);
        jx_error_clear(&err);
        assert_int_equal(jx_store_open(bad, &newer, &err), JX_ESYS);
        assert_null(newer);
        assert_non_null(strstr(err.message, "cannot connect to PostgreSQL"));
        assert_non_null(strstr(err.message, bad));
        jx_form_list_free(&a);
        return;
    }
    assert_int_equal(query_int(fx->db, "PRAGMA user_version"), JXT_MIGRATIONS);
    long long objects = query_int(fx->db, "SELECT count(*) FROM sqlite_master");
    assert_true(objects >= 4 + 3);   /* four tables, three indexes at least */
    /* Migration 15: a form's child tables are one B-tree each. */
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                       " AND name IN ('indicators', 'components', 'form_fields',"
                                       " 'form_values') AND sql LIKE '%WITHOUT ROWID'"), 4);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                       " AND tbl_name = 'forms' AND sql LIKE '%(year)%'"), 1);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                       " AND tbl_name = 'forms' AND sql LIKE '%(unit)%'"), 1);
    /* indicators(form_id) is served by the primary key (form_id, seq). */
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM pragma_index_list('indicators') l,"
                                       " pragma_index_info(l.name) i WHERE i.seqno = 0 AND i.name = 'form_id'"), 1);

    /* WAL is a property of the file: it stays after close. */
    sqlite3 *h;
    assert_int_equal(sqlite3_open(fx->db, &h), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_close(h);

    /* Reopening twice (migration 1 run again would fail: the tables exist). */
    for (int i = 0; i < 2; i++) {
        s = open_store(fx);
        jx_form_list out = load_ok(s, 0, NULL, 0);
        assert_int_equal(out.count, 1);
        assert_form_equal(a.items[0], out.items[0]);
        jx_form_list_free(&out);
        jx_store_close(s);
    }
    assert_int_equal(query_int(fx->db, "PRAGMA user_version"), JXT_MIGRATIONS);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM sqlite_master"), objects);

    /* A database from a newer jixiao is refused, not modified. */
    exec_sql(fx->db, "PRAGMA user_version = 99");
    jx_store *newer = (jx_store *)&newer;   /* must come back NULL */
    jx_error err;
    jx_error_clear(&err);
    assert_int_equal(jx_store_open(fx->db, &newer, &err), JX_ESYS);
    assert_null(newer);
    assert_non_null(strstr(err.message, "newer"));
    assert_int_equal(query_int(fx->db, "PRAGMA user_version"), 99);

    /* A path that cannot be a database fails with the path in the message. */
    char bad[1100];
    snprintf(bad, sizeof bad, "%s/no/such/dir/x.db", fx->dir);
    jx_error_clear(&err);
    assert_int_equal(jx_store_open(bad, &newer, &err), JX_ESYS);
    assert_null(newer);
    assert_non_null(strstr(err.message, bad));
    jx_form_list_free(&a);
}

/* Filters: year (=), unit (literal substring: % and _ are not wildcards), id, together. */
static void test_filters(void **state)
{
    fixture *fx = *state;
    jx_store *s = open_store(fx);
    jx_form_list in = {0};
    jx_form_list_push(&in, full_form("f.txt", "一", 2019, "上海市卫生健康委员会"));
    jx_form_list_push(&in, full_form("f.txt", "二", 2020, "上海市教育委员会"));
    jx_form_list_push(&in, full_form("f.txt", "三", 2019, "100%_单位"));
    jx_form_list_push(&in, bare_form("f.txt", "四"));            /* year 0, unit NULL */
    jx_form_list_push(&in, full_form("f.txt", "五", 2020, "卫生100x单位"));
    /* Give each form its own number of children so a mis-merge shows. */
    for (size_t i = 0; i < in.count; i++)
        for (size_t k = 0; k < i; k++)
            add_ind(in.items[i], "产出目标", "数量目标", "额外", "产出", "1个", JX_OP_EQ, (double)k, (double)k,
                    "个", JX_KIND_QUANTITATIVE, 100 + (long)k);
    import_ok(s, "f.txt", "sha-f", &in);

    static const struct {
        int year;
        const char *unit;
        int by_id;            /* 1: filter by the id of want[0] */
        const char *want;     /* names, in id order */
    } cases[] = {
        {0, NULL, 0, "一二三四五"},
        {0, "", 0, "一二三四五"},
        {2019, NULL, 0, "一三"},
        {2020, NULL, 0, "二五"},
        {1999, NULL, 0, ""},
        {0, "卫生", 0, "一五"},
        {0, "100%", 0, "三"},
        {0, "_", 0, "三"},
        {0, "%", 0, "三"},
        {2020, "委员会", 0, "二"},
        {2019, "教育", 0, ""},
        {0, NULL, 4, "四"},
        {2019, NULL, 4, ""},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        long long id = cases[c].by_id ? in.items[cases[c].by_id - 1]->id : 0;
        jx_form_list out = load_ok(s, cases[c].year, cases[c].unit, id);
        jx_buf names = {0};
        for (size_t i = 0; i < out.count; i++) {
            jx_buf_puts(&names, out.items[i]->name);
            for (size_t k = 0; k < in.count; k++)
                if (in.items[k]->id == out.items[i]->id) assert_form_equal(in.items[k], out.items[i]);
        }
        char *got = jx_buf_take(&names);
        if (strcmp(got, cases[c].want) != 0)
            fail_msg("case %zu (year %d, unit %s, id %lld): got \"%s\", want \"%s\"", c, cases[c].year,
                     cases[c].unit ? cases[c].unit : "(null)", id, got, cases[c].want);
        free(got);
        jx_form_list_free(&out);
    }

    /* An unknown id loads nothing. */
    jx_form_list none = load_ok(s, 0, NULL, 987654321);
    assert_int_equal(none.count, 0);
    jx_form_list_free(&none);

    /* Loading appends: forms already in the list stay, the new ones merge their own children. */
    jx_form_list out = {0};
    jx_form_list_push(&out, bare_form("other.txt", "已有"));
    out.items[0]->id = in.items[4]->id + 1000;   /* an id larger than any loaded one */
    jx_filter flt = {2019, NULL, 0};
    jx_error err;
    jx_error_clear(&err);
    assert_int_equal(jx_store_load(s, &flt, &out, &err), JX_OK);
    assert_int_equal(out.count, 3);
    assert_string_equal(out.items[0]->name, "已有");
    assert_int_equal(out.items[0]->nindicators, 0);
    assert_form_equal(in.items[0], out.items[1]);
    assert_form_equal(in.items[2], out.items[2]);
    jx_form_list_free(&out);

    jx_form_list_free(&in);
    jx_store_close(s);
}

/*
** Many forms in one import: every row goes in and comes back attached to
** its own form. (Speed is measured outside the suite: sanitizers distort it.)
*/
static void test_many_forms(void **state)
{
    fixture *fx = *state;
    jx_store *s = open_store(fx);
    enum { NFORMS = 3000 };
    jx_form_list in = {0};
    for (int i = 0; i < NFORMS; i++) {
        char name[64];
        snprintf(name, sizeof name, "项目%05d", i);
        jx_form *f = i % 7 ? full_form("many.txt", name, 2019 + i % 3, "单位") : bare_form("many.txt", name);
        f->line = i;
        jx_form_list_push(&in, f);
    }
    import_ok(s, "many.txt", "sha-many", &in);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM forms"), NFORMS);
    jx_form_list out = load_ok(s, 0, NULL, 0);
    assert_int_equal(out.count, NFORMS);
    for (size_t i = 0; i < out.count; i++) assert_form_equal(in.items[i], out.items[i]);
    jx_form_list_free(&out);
    jx_form_list_free(&in);
    jx_store_close(s);
}

/* ---- JSON ------------------------------------------------------------------ */

/* The known form of the contract, key for key. */
static void test_json_exact(void **state)
{
    (void)state;
    jx_form *f = jx_form_new("000_75a7d0d2d6251555.txt", 12);
    f->id = 1;
    f->year = 2019;
    f->name = jx_strdup("社区卫生服务");
    f->unit = jx_strdup("某区卫生中心");
    f->nature = jx_strdup("经常性项目");
    f->framework = jx_strdup("shanghai-2019");
    f->period_start = jx_strdup("2019-01-01");
    f->goal = jx_strdup("提高服务质量");
    f->budget.total = 7138720000LL;
    f->budget.year = 10;
    f->budget.carryover = 0;
    f->budget.prev_exec = 123456789;
    add_comp(f, "人员经费", 123400);
    add_comp(f, NULL, JX_NO_AMOUNT);
    add_ind(f, "产出目标", "数量目标", "服务人次", "产出", "≥98.00%", JX_OP_GE, 98, 98, "%",
            JX_KIND_QUANTITATIVE, 45);
    add_ind(f, "产出目标", "质量目标", "达标率", "产出", "90%-95%", JX_OP_RANGE, 90, 95, "%",
            JX_KIND_QUANTITATIVE, 46);
    add_ind(f, "效益目标", NULL, NULL, NULL, NULL, JX_OP_NONE, 0, 0, "", JX_KIND_QUALITATIVE, 47);
    add_ind(f, "满意度目标", "服务对象满意度", "满意度", "满意度", "较去年提高", JX_OP_NONE, 0, 0, "",
            JX_KIND_QUALITATIVE, 48);
    add_ind(f, "产出目标", "数量目标", "场次", "产出", "3", JX_OP_EQ, 3, 3, "", JX_KIND_QUANTITATIVE, 49);
    jx_form_list list = {0};
    jx_form_list_push(&list, f);
    char *got = list_json(&list);
    static const char want[] =
        "{\"version\":1,\"forms\":[{"
        "\"id\":1,"
        "\"source\":{\"file\":\"000_75a7d0d2d6251555.txt\",\"line\":12},"
        "\"year\":2019,\"name\":\"社区卫生服务\",\"unit\":\"某区卫生中心\",\"department\":null,"
        "\"nature\":\"经常性项目\",\"category\":null,\"framework\":\"shanghai-2019\","
        "\"period\":{\"start\":\"2019-01-01\",\"end\":null,\"text\":null},"
        "\"budget\":{\"total\":71387200.0,\"year\":0.1,\"carryover\":0.0,\"other\":null,"
        "\"project_total\":null,\"prev_budget\":null,\"prev_exec\":1234567.89},"
        "\"components\":[{\"name\":\"人员经费\",\"amount\":1234.0},{\"name\":null,\"amount\":null}],"
        "\"goal\":\"提高服务质量\","
        "\"indicators\":["
        "{\"level1\":\"产出目标\",\"level2\":\"数量目标\",\"name\":\"服务人次\",\"category\":\"产出\","
        "\"target\":{\"text\":\"≥98.00%\",\"op\":\">=\",\"value\":98.0,\"unit\":\"%\",\"kind\":\"quantitative\"},"
        "\"line\":45,\"measure\":{\"class\":\"quantity\",\"label\":\"数量\",\"confidence\":0.5,\"head\":\"人次\"}},"
        "{\"level1\":\"产出目标\",\"level2\":\"质量目标\",\"name\":\"达标率\",\"category\":\"产出\","
        "\"target\":{\"text\":\"90%-95%\",\"op\":\"range\",\"value\":90.0,\"value_max\":95.0,\"unit\":\"%\","
        "\"kind\":\"quantitative\"},\"line\":46,\"measure\":{\"class\":\"quality\",\"label\":\"质量\",\"confidence\":0.9,\"head\":\"达标率\"}},"
        "{\"level1\":\"效益目标\",\"level2\":null,\"name\":null,\"category\":null,"
        "\"target\":{\"text\":null,\"op\":null,\"value\":null,\"unit\":null,\"kind\":\"qualitative\"},"
        "\"line\":47,\"measure\":{\"class\":\"unknown\",\"label\":\"未识别\",\"confidence\":0.0,\"head\":null}},"
        "{\"level1\":\"满意度目标\",\"level2\":\"服务对象满意度\",\"name\":\"满意度\",\"category\":\"满意度\","
        "\"target\":{\"text\":\"较去年提高\",\"op\":null,\"value\":null,\"unit\":null,\"kind\":\"qualitative\"},"
        "\"line\":48,\"measure\":{\"class\":\"satisfaction\",\"label\":\"满意度\",\"confidence\":0.95,\"head\":\"满意度\"}},"
        "{\"level1\":\"产出目标\",\"level2\":\"数量目标\",\"name\":\"场次\",\"category\":\"产出\","
        "\"target\":{\"text\":\"3\",\"op\":\"=\",\"value\":3.0,\"unit\":null,\"kind\":\"quantitative\"},"
        "\"line\":49,\"measure\":{\"class\":\"quantity\",\"label\":\"数量\",\"confidence\":0.9,\"head\":\"场次\"}}"
        "],"
        "\"overview\":null,\"basis\":null,\"necessity\":null,\"measures\":null,\"plan\":null,"
        "\"long_goal\":null,\"long_goal_years\":null,\"fund_use\":null,\"perf_type\":null,"
        "\"gov_purchase\":null,\"remark\":null,\"fields\":[],\"status\":\"draft\"}]}";
    assert_string_equal(got, want);
    free(got);

    /* jx_form_to_json is the element of the array, and the year of an unknown year is null. */
    f->year = 0;
    json_t *one = jx_form_to_json(f);
    assert_true(json_is_null(json_object_get(one, "year")));
    assert_true(json_is_integer(json_object_get(one, "id")));
    json_decref(one);

    jx_form_list empty = {0};
    got = list_json(&empty);
    assert_string_equal(got, "{\"version\":1,\"forms\":[]}");
    free(got);
    jx_form_list_free(&list);
}

/* Money is a real in yuan that reads back exactly; bad text and numbers never drop a key. */
static void test_json_values(void **state)
{
    (void)state;
    jx_form *f = bare_form("a.txt", "名称\xff\xfe坏");           /* not UTF-8 */
    f->budget.total = 7138720000LL;
    f->budget.year = 10;
    add_ind(f, "产出目标", "数量目标", "无穷", "产出", "x", JX_OP_RANGE, INFINITY, NAN, "%",
            JX_KIND_QUANTITATIVE, 1);
    json_t *o = jx_form_to_json(f);

    json_t *b = json_object_get(o, "budget");
    json_t *total = json_object_get(b, "total");
    assert_true(json_is_real(total));
    assert_true(json_real_value(total) == 71387200.0);
    /* 0.1 yuan: the printed text at full precision reads back as the same double. */
    json_t *year = json_object_get(b, "year");
    assert_true(json_is_real(year));
    assert_true(json_real_value(year) == 0.1);
    char *text = json_dumps(year, JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
    assert_true(strtod(text, NULL) == 0.1);
    free(text);
    text = json_dumps(total, JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
    assert_string_equal(text, "71387200.0");
    free(text);

    assert_string_equal(json_string_value(json_object_get(o, "name")), "名称\xEF\xBF\xBD\xEF\xBF\xBD坏");
    json_t *t = json_object_get(json_array_get(json_object_get(o, "indicators"), 0), "target");
    assert_true(json_is_null(json_object_get(t, "value")));
    assert_true(json_is_null(json_object_get(t, "value_max")));
    assert_int_equal(json_object_size(t), 6);

    /* The whole thing dumps and parses back. */
    text = json_dumps(o, JSON_PRESERVE_ORDER);
    assert_non_null(text);
    json_error_t jerr;
    json_t *back = json_loads(text, 0, &jerr);
    assert_non_null(back);
    assert_true(json_equal(o, back));
    json_decref(back);
    free(text);
    json_decref(o);
    jx_form_free(f);
}

/* ---- atomic writes ------------------------------------------------------------ */

/* The names in dir other than . and .., sorted, joined by spaces. Caller frees. */
static char *list_dir(const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    assert_true(n >= 0);
    jx_buf b = {0};
    for (int i = 0; i < n; i++) {
        if (strcmp(names[i]->d_name, ".") && strcmp(names[i]->d_name, "..")) {
            if (b.len) jx_buf_putc(&b, ' ');
            jx_buf_puts(&b, names[i]->d_name);
        }
        free(names[i]);
    }
    free(names);
    return jx_buf_take(&b);
}

/* The content of path, compared with want. */
static void assert_file(const char *path, const char *want, size_t len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char buf[256];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    assert_int_equal(n, len);
    assert_memory_equal(buf, want, len);
}

/* Writing replaces the content whole and leaves nothing but the file behind. */
static void test_write_atomic(void **state)
{
    fixture *fx = *state;
    char path[1100];
    snprintf(path, sizeof path, "%s/out.json", fx->dir);
    jx_error err;
    jx_error_clear(&err);
    assert_int_equal(jx_write_file_atomic(path, "first version\n", 14, &err), JX_OK);
    assert_file(path, "first version\n", 14);
    assert_int_equal(jx_write_file_atomic(path, "2\0nd", 4, &err), JX_OK);   /* bytes, not a C string */
    assert_file(path, "2\0nd", 4);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);

    /* The mode of the file replaced is kept. */
    assert_int_equal(chmod(path, 0600), 0);
    assert_int_equal(jx_write_file_atomic(path, "", 0, &err), JX_OK);
    assert_file(path, "", 0);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);

    char *names = list_dir(fx->dir);
    assert_string_equal(names, "out.json");
    free(names);
}

/* A path that cannot be written fails with JX_ESYS naming it, and leaves no temporary file. */
static void test_write_atomic_fails(void **state)
{
    fixture *fx = *state;
    char path[1100];
    snprintf(path, sizeof path, "%s/no-such-dir/out.json", fx->dir);
    jx_error err;
    jx_error_clear(&err);
    assert_int_equal(jx_write_file_atomic(path, "x", 1, &err), JX_ESYS);
    assert_int_equal(err.status, JX_ESYS);
    if (!strstr(err.message, path) || !strstr(err.message, "No such file"))
        fail_msg("message \"%s\" does not name %s and the cause", err.message, path);

    /* Over a directory: the temporary file is created, the rename fails, the temporary goes. */
    snprintf(path, sizeof path, "%s/subdir", fx->dir);
    assert_int_equal(mkdir(path, 0755), 0);
    jx_error_clear(&err);
    assert_int_equal(jx_write_file_atomic(path, "x", 1, &err), JX_ESYS);
    assert_non_null(strstr(err.message, path));
    char *names = list_dir(fx->dir);
    assert_string_equal(names, "subdir");
    free(names);
}

/*
** Notes of skipped parts: stored with their file, loaded back in order (also
** for a file without forms, when nothing filters), exported as "skipped",
** replaced with the file; migration 5 carries a version-4 database's
** disclosure_notes into document_notes.
*/
static void test_notes(void **state)
{
    fixture *fx = *state;
    jx_store *s = open_store(fx);
    jx_form_list a = {0};
    jx_form_list_push(&a, full_form("a.txt", "项目甲", 2019, "单位甲"));
    jx_form_list_note(&a, "a.txt", 40, "form \"项目乙\"", "form \"项目乙\" has no indicator table");
    jx_form_list_note(&a, "a.txt", 0, "form", "form has no 项目名称 (project name)");
    import_ok(s, "a.txt", "sha-a", &a);
    jx_form_list empty = {0};   /* a document whose only part was skipped stores nothing but its note */
    jx_form_list_note(&empty, "b.txt", 7, "form \"丙\"", "why");
    import_ok(s, "b.txt", "sha-b", &empty);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM document_notes WHERE kind = 'skipped'"), 3);

    jx_form_list all = load_ok(s, 0, NULL, 0);
    assert_int_equal(all.nnotes, 3);
    assert_string_equal(all.notes[0].file, "a.txt");
    assert_int_equal(all.notes[0].line, 40);
    assert_string_equal(all.notes[0].part, "form \"项目乙\"");
    assert_string_equal(all.notes[0].why, "form \"项目乙\" has no indicator table");
    assert_int_equal(all.notes[1].line, 0);
    assert_string_equal(all.notes[2].file, "b.txt");
    json_t *root = jx_export_json(&all);
    json_t *sk = json_object_get(root, "skipped");
    assert_int_equal(json_array_size(sk), 3);
    assert_true(json_is_null(json_object_get(json_array_get(sk, 1), "line")));
    assert_int_equal(json_integer_value(json_object_get(json_array_get(sk, 0), "line")), 40);
    json_decref(root);
    jx_form_list_free(&all);
    jx_form_list one = load_ok(s, 2019, NULL, 0);   /* filtered: only the notes of a.txt */
    assert_int_equal(one.nnotes, 2);
    jx_form_list_free(&one);

    /* Re-importing a.txt without notes replaces them. */
    jx_form_list_free(&a);
    jx_form_list_push(&a, full_form("a.txt", "项目甲", 2019, "单位甲"));
    import_ok(s, "a.txt", "sha-a", &a);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM document_notes"), 1);
    jx_store_close(s);
    jx_form_list_free(&a);
    jx_form_list_free(&empty);

    if (pg_target) return;   /* the rewind below is written in SQLite's pragmas */
    /* Back to version 4 with a disclosure note: migration 5 moves it (migrations 6, final
       accounts, 7, self-evaluations, 8, users, 9, PDF sources, 10, the workflow, and 13, the kept
       form count, are undone too). */
    exec_sql(fx->db, "DROP INDEX forms_name_key; ALTER TABLE forms DROP COLUMN name_key;");   /* 14 undone */
    exec_sql(fx->db, "ALTER TABLE store_state DROP COLUMN forms_count; DROP INDEX forms_ids;");   /* migration 13 undone */
    exec_sql(fx->db, "DROP TABLE form_status; DROP TABLE form_events; DROP TABLE finding_dispositions;"
                     "DROP TABLE form_versions;");   /* migration 10 undone */
    exec_sql(fx->db, "DROP TABLE evaluation_indicators; DROP TABLE evaluation_funds;"
                     "DROP TABLE evaluations;");   /* migration 7 undone too */
    exec_sql(fx->db, "DROP TABLE users; DROP TABLE audit_log;");   /* and migration 8 */
    exec_sql(fx->db, "DROP TABLE source_boxes; DROP TABLE source_pdfs;");   /* and migration 9 */
    exec_sql(fx->db, "DROP TABLE final_accounts; DROP TABLE final_statements;"
                     "DROP TRIGGER findings_of_form; DROP TRIGGER findings_of_file;"
                     "ALTER TABLE budget_tables DROP COLUMN kind; ALTER TABLE budget_tables DROP COLUMN page;"
                     "ALTER TABLE budget_tables DROP COLUMN empty_note; ALTER TABLE budget_rows DROP COLUMN page;"
                     "ALTER TABLE forms DROP COLUMN page; ALTER TABLE indicators DROP COLUMN page;");
    exec_sql(fx->db, "DROP TABLE document_notes;"
                     "CREATE TABLE disclosure_notes (file_id INTEGER NOT NULL REFERENCES files(id)"
                     " ON DELETE CASCADE, seq INTEGER NOT NULL, note TEXT NOT NULL,"
                     " PRIMARY KEY (file_id, seq));"
                     "INSERT INTO disclosure_notes SELECT id, 0, 'line 6: a cell' FROM files WHERE name = 'a.txt';"
                     "PRAGMA user_version = 4;");
    s = open_store(fx);
    /* migration 14 keyed the form already stored: found by its name's key, any year or its own */
    long long *ids = NULL;
    size_t nids = 0;
    jx_error kerr;
    jx_error_clear(&kerr);
    assert_int_equal(jx_store_form_ids_by_name_key(s, "项目甲", 2019, &ids, &nids, &kerr), JX_OK);
    assert_int_equal(nids, 1);
    free(ids);
    assert_int_equal(jx_store_form_ids_by_name_key(s, "项目甲", 2020, &ids, &nids, &kerr), JX_OK);
    assert_int_equal(nids, 0);
    assert_null(ids);
    jx_store_close(s);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM forms WHERE name_key = '项目甲'"), 1);
    assert_int_equal(query_int(fx->db, "PRAGMA user_version"), JXT_MIGRATIONS);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM document_notes WHERE kind = 'disclosure'"
                                       " AND note = 'line 6: a cell'"), 1);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM sqlite_master WHERE name = 'disclosure_notes'"), 0);
}

int main(void)
{
    pg_target = getenv("JIXIAO_TEST_PG");
    if (pg_target && !*pg_target) pg_target = NULL;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reimport_replaces, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reimport_new_before_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_import_rolls_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readonly_import, setup, teardown),
        cmocka_unit_test_setup_teardown(test_schema_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_notes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_forms, setup, teardown),
        cmocka_unit_test(test_json_exact),
        cmocka_unit_test(test_json_values),
        cmocka_unit_test_setup_teardown(test_write_atomic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_atomic_fails, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
