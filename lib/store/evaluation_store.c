/*
** evaluation_store.c - self-evaluations and monitoring reports
** (jixiao/evaluation.h) in the store: one row per evaluation, its 项目资金
** rows and its indicator rows; deleted with their file (ON DELETE CASCADE).
**
** Portable SQL (SQLite and PostgreSQL 15): ? placeholders, INSERT …
** RETURNING, INTEGER/BIGINT/REAL/TEXT only. Money is INTEGER fen (NULL for
** JX_NO_AMOUNT), marks/scores/rates REAL (NULL when blank). Targets and
** actual values are kept as written and parsed again on load by the same
** value grammar (jx_value_parse is deterministic), so the two never disagree.
** Links and scores are not stored: they are computed against the forms in
** the store when asked (evaluate, check).
*/
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "jixiao/evaluation.h"
#include "jixiao/util.h"
#include "jixiao/value.h"
#include "text.h"

const char jx_evaluation_migration[] =
    "CREATE TABLE evaluations ("
    "  id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL, kind TEXT NOT NULL, line INTEGER NOT NULL, page INTEGER NOT NULL,"
    "  year INTEGER, months INTEGER, name TEXT NOT NULL, department TEXT, unit TEXT,"
    "  goal_target TEXT, goal_actual TEXT, total_marks REAL, total_score REAL,"
    "  total_line INTEGER NOT NULL);"
    "CREATE INDEX evaluations_file ON evaluations(file_id);"
    "CREATE INDEX evaluations_year ON evaluations(year);"
    "CREATE TABLE evaluation_funds ("
    "  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,"
    "  fund INTEGER NOT NULL, line INTEGER NOT NULL, budget_start INTEGER, budget_year INTEGER,"
    "  exec INTEGER, marks REAL, rate REAL, score REAL, PRIMARY KEY (evaluation_id, fund));"
    "CREATE TABLE evaluation_indicators ("
    "  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL, line INTEGER NOT NULL, level1 TEXT, level2 TEXT, name TEXT,"
    "  category TEXT, target TEXT, actual TEXT, marks REAL, score REAL, reason TEXT,"
    "  expected TEXT, possibility TEXT, correction TEXT, PRIMARY KEY (evaluation_id, seq));";

static void bind_num(jx_stmt *st, int i, jx_num n)
{
    if (n.has) jx_stmt_bind_double(st, i, n.v);
    else jx_stmt_bind_null(st, i);
}

static jx_num col_num(jx_stmt *st, int i)
{
    jx_num n = {0, 0};
    if (!jx_stmt_is_null(st, i)) { n.has = 1; n.v = jx_stmt_double(st, i); }
    return n;
}

/* 12: monitoring's 偏差原因 by category: whether the table had the columns, and each cell. */
const char jx_evaluation_causes_migration[] =
    "ALTER TABLE evaluation_indicators ADD COLUMN causes INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE evaluation_indicators ADD COLUMN cause_funding TEXT;"
    "ALTER TABLE evaluation_indicators ADD COLUMN cause_system TEXT;"
    "ALTER TABLE evaluation_indicators ADD COLUMN cause_staff TEXT;"
    "ALTER TABLE evaluation_indicators ADD COLUMN cause_hardware TEXT;"
    "ALTER TABLE evaluation_indicators ADD COLUMN cause_other TEXT;";

/* Save one evaluation under file fid; sets e->id. */
static jx_status save_one(jx_db *db, long long fid, long long seq, jx_evaluation *e,
                          jx_stmt *ins, jx_stmt *fund, jx_stmt *ind, jx_error *err)
{
    jx_stmt_bind_int64(ins, 1, fid);
    jx_stmt_bind_int64(ins, 2, seq);
    jx_stmt_bind_text(ins, 3, jx_eval_kind_name(e->kind));
    jx_stmt_bind_int64(ins, 4, e->line);
    jx_stmt_bind_int64(ins, 5, e->page);
    if (e->year) jx_stmt_bind_int64(ins, 6, e->year); else jx_stmt_bind_null(ins, 6);
    if (e->months) jx_stmt_bind_int64(ins, 7, e->months); else jx_stmt_bind_null(ins, 7);
    jx_stmt_bind_text(ins, 8, e->name);
    jx_stmt_bind_text(ins, 9, e->department);
    jx_stmt_bind_text(ins, 10, e->unit);
    jx_stmt_bind_text(ins, 11, e->goal_target);
    jx_stmt_bind_text(ins, 12, e->goal_actual);
    bind_num(ins, 13, e->total_marks);
    bind_num(ins, 14, e->total_score);
    jx_stmt_bind_int64(ins, 15, e->total_line);
    char *key = jx_text_name_key(e->name);   /* migration 16: the project's key, indexed */
    jx_stmt_bind_text(ins, 16, key);
    int rc = jx_stmt_step_value(ins, &e->id);
    free(key);
    jx_stmt_clear(ins);
    if (rc != JX_DB_OK) return jx_db_fail(db, err, "storing an evaluation");
    for (int r = 0; r < JX_FUND_NROWS; r++) {
        const jx_eval_fund *f = &e->funds[r];
        if (!f->line) continue;
        jx_stmt_bind_int64(fund, 1, e->id);
        jx_stmt_bind_int64(fund, 2, r);
        jx_stmt_bind_int64(fund, 3, f->line);
        jx_bind_fen(fund, 4, f->budget_start);
        jx_bind_fen(fund, 5, f->budget_year);
        jx_bind_fen(fund, 6, f->exec);
        bind_num(fund, 7, f->marks);
        bind_num(fund, 8, f->rate);
        bind_num(fund, 9, f->score);
        if (jx_step_write(fund) != JX_DB_OK) return jx_db_fail(db, err, "storing an evaluation's funds");
    }
    for (size_t i = 0; i < e->nindicators; i++) {
        const jx_eval_indicator *x = &e->indicators[i];
        jx_stmt_bind_int64(ind, 1, e->id);
        jx_stmt_bind_int64(ind, 2, (long long)i);
        jx_stmt_bind_int64(ind, 3, x->line);
        jx_stmt_bind_text(ind, 4, x->level1);
        jx_stmt_bind_text(ind, 5, x->level2);
        jx_stmt_bind_text(ind, 6, x->name);
        jx_stmt_bind_text(ind, 7, x->category);
        jx_stmt_bind_text(ind, 8, x->target);
        jx_stmt_bind_text(ind, 9, x->actual);
        bind_num(ind, 10, x->marks);
        bind_num(ind, 11, x->score);
        jx_stmt_bind_text(ind, 12, x->reason);
        jx_stmt_bind_text(ind, 13, x->expected);
        jx_stmt_bind_text(ind, 14, x->possibility);
        jx_stmt_bind_text(ind, 15, x->correction);
        jx_stmt_bind_int64(ind, 16, x->has_causes);
        for (int c = 0; c < JX_CAUSE_COUNT; c++) jx_stmt_bind_text(ind, 17 + c, x->causes[c]);
        if (jx_step_write(ind) != JX_DB_OK) return jx_db_fail(db, err, "storing an evaluation's indicators");
    }
    return JX_OK;
}

jx_status jx_evaluations_save(jx_db *db, const char *sha256_hex, const char *file,
                              jx_form_list *forms, jx_error *err)
{
    size_t n = 0;
    for (size_t i = 0; i < forms->nevaluations; i++) n += !strcmp(forms->evaluations[i]->file, file);
    if (!n) return JX_OK;
    jx_stmt *q = NULL, *ins = NULL, *fund = NULL, *ind = NULL;
    long long fid = 0;
    jx_status out = JX_OK;
    if (jx_db_prepare_to(db, "SELECT id FROM files WHERE sha256 = ?", 0, &q) != JX_DB_OK ||
        jx_db_prepare_to(db, "INSERT INTO evaluations (file_id, seq, kind, line, page, year, months,"
                               " name, department, unit, goal_target, goal_actual, total_marks,"
                               " total_score, total_line, name_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                               " RETURNING id", 0, &ins) != JX_DB_OK ||
        jx_db_prepare_to(db, "INSERT INTO evaluation_funds (evaluation_id, fund, line, budget_start,"
                               " budget_year, exec, marks, rate, score) VALUES (?,?,?,?,?,?,?,?,?)",
                           0, &fund) != JX_DB_OK ||
        jx_db_prepare_to(db, "INSERT INTO evaluation_indicators (evaluation_id, seq, line, level1,"
                               " level2, name, category, target, actual, marks, score, reason,"
                               " expected, possibility, correction, causes, cause_funding,"
                               " cause_system, cause_staff, cause_hardware, cause_other)"
                               " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", 0, &ind) != JX_DB_OK) {
        out = jx_db_fail(db, err, "storing evaluations");
        goto done;
    }
    jx_stmt_bind_text(q, 1, sha256_hex);
    if (jx_stmt_step(q) == JX_DB_ROW) fid = jx_stmt_int64(q, 0);
    if (!fid) { out = jx_db_fail(db, err, "finding the file"); goto done; }
    long long seq = 0;
    for (size_t i = 0; i < forms->nevaluations && out == JX_OK; i++)
        if (!strcmp(forms->evaluations[i]->file, file))
            out = save_one(db, fid, seq++, forms->evaluations[i], ins, fund, ind, err);
done:
    jx_stmt_finalize(q);
    jx_stmt_finalize(ins);
    jx_stmt_finalize(fund);
    jx_stmt_finalize(ind);
    if (out != JX_OK)
        for (size_t i = 0; i < forms->nevaluations; i++) forms->evaluations[i]->id = 0;
    return out;
}

/* The evaluation whose id is id among list[first..] (ordered by id: binary search). */
static jx_evaluation *find(jx_form_list *list, size_t first, long long id)
{
    size_t lo = first, hi = list->nevaluations;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        long long m = list->evaluations[mid]->id;
        if (m == id) return list->evaluations[mid];
        if (m < id) lo = mid + 1; else hi = mid;
    }
    return NULL;
}

/* The selection's filter of the evaluations e: parameters ?U the unit, ?Y the year. */
#define EVAL_WHERE(U, Y) " (CAST(?" U " AS TEXT) IS NULL OR e.unit = ?" U ") AND (?" Y " = 0 OR e.year = ?" Y ")"

/* Bind a selection's unit (parameter u) and year (u + 1). */
static void bind_select(jx_stmt *st, int u, const jx_eval_select *sel)
{
    jx_stmt_bind_text(st, u, sel->unit);
    jx_stmt_bind_int64(st, u + 1, sel->year);
}

jx_status jx_evaluations_count(jx_db *db, const jx_eval_select *sel, long long *n, jx_error *err)
{
    *n = 0;
    jx_stmt *st;
    if (jx_db_prepare_to(db, "SELECT count(*) FROM evaluations e WHERE" EVAL_WHERE("1", "2"), 0, &st) != JX_DB_OK)
        return jx_db_fail(db, err, "counting evaluations");
    bind_select(st, 1, sel);
    int r = jx_stmt_step(st);
    if (r == JX_DB_ROW) *n = jx_stmt_int64(st, 0);
    jx_status out = r == JX_DB_ROW ? JX_OK : jx_db_fail(db, err, "counting evaluations");
    jx_stmt_finalize(st);
    return out;
}

jx_status jx_evaluations_offset_key(jx_db *db, const jx_eval_select *sel, long long offset, long long *after,
                                    jx_error *err)
{
    *after = 0;
    if (offset <= 0) return JX_OK;
    jx_stmt *st;
    if (jx_db_prepare_to(db, "SELECT e.id FROM evaluations e WHERE" EVAL_WHERE("1", "2") " ORDER BY e.id LIMIT 1 OFFSET ?3",
                         0, &st) != JX_DB_OK)
        return jx_db_fail(db, err, "paging evaluations");
    bind_select(st, 1, sel);
    jx_stmt_bind_int64(st, 3, offset - 1);
    int r = jx_stmt_step(st);
    if (r == JX_DB_ROW) *after = jx_stmt_int64(st, 0);
    jx_status out = r == JX_DB_ROW || r == JX_DB_DONE ? JX_OK : jx_db_fail(db, err, "paging evaluations");
    jx_stmt_finalize(st);
    return out;
}

/*
** The evaluations of a project-name key (the others of a project): their ids
** by the index evaluations_name_key, then each loaded by its id.
*/
static jx_status load_by_key(jx_db *db, const jx_eval_select *sel, jx_form_list *list, jx_error *err)
{
    jx_stmt *st;
    if (jx_db_prepare_to(db, "SELECT e.id FROM evaluations e WHERE e.name_key = ?3 AND e.id > ?4 AND" EVAL_WHERE("1", "2")
                             " ORDER BY e.id", 0, &st) != JX_DB_OK)
        return jx_db_fail(db, err, "loading evaluations");
    bind_select(st, 1, sel);
    jx_stmt_bind_text(st, 3, sel->name_key);
    jx_stmt_bind_int64(st, 4, sel->after);
    long long *ids = NULL;
    size_t n = 0, cap = 0;
    int r;
    while ((r = jx_stmt_step(st)) == JX_DB_ROW && (sel->limit <= 0 || n < (size_t)sel->limit)) {
        ids = jx_grow(ids, &cap, n, sizeof *ids);
        ids[n++] = jx_stmt_int64(st, 0);
    }
    jx_status out = r == JX_DB_ROW || r == JX_DB_DONE ? JX_OK : jx_db_fail(db, err, "loading evaluations");
    jx_stmt_finalize(st);
    for (size_t i = 0; out == JX_OK && i < n; i++)
        out = jx_evaluations_load(db, &(jx_eval_select){.id = ids[i]}, list, err);
    free(ids);
    return out;
}

jx_status jx_evaluations_load(jx_db *db, const jx_eval_select *sel, jx_form_list *list, jx_error *err)
{
    static const jx_eval_select every = {0};
    if (!sel) sel = &every;
    if (sel->name_key) return load_by_key(db, sel, list, err);
    long long id = sel->id, after = sel->after;
    long limit = sel->limit;
    long long upto = 0x3fffffffffffffffLL;   /* the children's id range: (after, upto] */
    size_t first = list->nevaluations;
    jx_stmt *st = NULL;
    jx_status out = JX_OK;
    const char *sql[3] = {
        "SELECT e.id, files.name, e.kind, e.line, e.page, e.year, e.months, e.name, e.department,"
        " e.unit, e.goal_target, e.goal_actual, e.total_marks, e.total_score, e.total_line"
        " FROM evaluations e JOIN files ON files.id = e.file_id WHERE (?1 = 0 OR e.id = ?1) AND e.id > ?2"
        " AND" EVAL_WHERE("4", "5") " ORDER BY e.id LIMIT ?3",
        "SELECT f.evaluation_id, f.fund, f.line, f.budget_start, f.budget_year, f.exec, f.marks, f.rate,"
        " f.score FROM evaluation_funds f WHERE (?1 = 0 OR f.evaluation_id = ?1)"
        " AND f.evaluation_id > ?2 AND f.evaluation_id <= ?3"
        " ORDER BY f.evaluation_id, f.fund",
        "SELECT i.evaluation_id, i.line, i.level1, i.level2, i.name, i.category, i.target, i.actual,"
        " i.marks, i.score, i.reason, i.expected, i.possibility, i.correction, i.causes,"
        " i.cause_funding, i.cause_system, i.cause_staff, i.cause_hardware, i.cause_other"
        " FROM evaluation_indicators i WHERE (?1 = 0 OR i.evaluation_id = ?1)"
        " AND i.evaluation_id > ?2 AND i.evaluation_id <= ?3"
        " ORDER BY i.evaluation_id, i.seq"};
    for (int k = 0; k < 3 && out == JX_OK; k++) {
        if (jx_db_prepare_to(db, sql[k], JX_DB_STREAM, &st) != JX_DB_OK) {
            out = jx_db_fail(db, err, "loading evaluations");
            break;
        }
        jx_stmt_bind_int64(st, 1, id);
        jx_stmt_bind_int64(st, 2, after);
        jx_stmt_bind_int64(st, 3, k == 0 ? (limit > 0 ? limit : upto) : upto);
        if (k == 0) bind_select(st, 4, sel);
        int r;
        while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
            if (k == 0) {
                const char *kind = jx_stmt_text(st, 2);
                jx_evaluation *e = jx_evaluation_new(kind && !strcmp(kind, "monitor") ? JX_EVAL_MONITOR
                                                                                     : JX_EVAL_SELF,
                                                     jx_stmt_text(st, 1),
                                                     (long)jx_stmt_int64(st, 3));
                e->id = jx_stmt_int64(st, 0);
                e->page = jx_stmt_int(st, 4);
                e->year = jx_stmt_int(st, 5);
                e->months = jx_stmt_int(st, 6);
                e->name = jx_col_text(st, 7);
                e->department = jx_col_text(st, 8);
                e->unit = jx_col_text(st, 9);
                e->goal_target = jx_col_text(st, 10);
                e->goal_actual = jx_col_text(st, 11);
                e->total_marks = col_num(st, 12);
                e->total_score = col_num(st, 13);
                e->total_line = (long)jx_stmt_int64(st, 14);
                jx_form_list_add_evaluation(list, e);
                continue;
            }
            jx_evaluation *e = find(list, first, jx_stmt_int64(st, 0));
            if (!e) continue;
            if (k == 1) {
                int fr = jx_stmt_int(st, 1);
                if (fr < 0 || fr >= JX_FUND_NROWS) continue;
                jx_eval_fund *f = &e->funds[fr];
                f->line = (long)jx_stmt_int64(st, 2);
                f->budget_start = jx_col_fen(st, 3);
                f->budget_year = jx_col_fen(st, 4);
                f->exec = jx_col_fen(st, 5);
                f->marks = col_num(st, 6);
                f->rate = col_num(st, 7);
                f->score = col_num(st, 8);
            } else {
                jx_eval_indicator *x = jx_evaluation_add_indicator(e);
                x->line = (long)jx_stmt_int64(st, 1);
                x->level1 = jx_col_text(st, 2);
                x->level2 = jx_col_text(st, 3);
                x->name = jx_col_text(st, 4);
                x->category = jx_col_text(st, 5);
                x->target = jx_col_text(st, 6);
                x->actual = jx_col_text(st, 7);
                x->marks = col_num(st, 8);
                x->score = col_num(st, 9);
                x->reason = jx_col_text(st, 10);
                x->expected = jx_col_text(st, 11);
                x->possibility = jx_col_text(st, 12);
                x->correction = jx_col_text(st, 13);
                x->has_causes = jx_stmt_int(st, 14);
                for (int c = 0; c < JX_CAUSE_COUNT; c++) x->causes[c] = jx_col_text(st, 15 + c);
                jx_value_parse(x->target, &x->target_value);
                jx_value_parse(x->actual, &x->actual_value);
            }
        }
        if (r != JX_DB_DONE) out = jx_db_fail(db, err, "loading evaluations");
        jx_stmt_finalize(st);
        st = NULL;
        if (k == 0) {   /* the children of what was read: a range of their keys, not every row */
            if (list->nevaluations == first) break;   /* nothing read: no children to read */
            after = list->evaluations[first]->id - 1;
            upto = list->evaluations[list->nevaluations - 1]->id;
        }
    }
    if (out != JX_OK)
        while (list->nevaluations > first) jx_evaluation_free(list->evaluations[--list->nevaluations]);
    return out;
}
