/*
** final_store.c - what a final-accounts disclosure (部门决算) adds to a stored
** disclosure: the table kind and pages, its unit, year, headings and the
** statements of its 情况说明. Deleted with their file (ON DELETE CASCADE).
*/
#include "store.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/disclosure.h"
#include "jixiao/util.h"

const char jx_final_migration[] =
    "ALTER TABLE budget_tables ADD COLUMN kind TEXT NOT NULL DEFAULT 'budget';"
    "ALTER TABLE budget_tables ADD COLUMN page INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE budget_tables ADD COLUMN empty_note INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE budget_rows ADD COLUMN page INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE forms ADD COLUMN page INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE indicators ADD COLUMN page INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE final_accounts ("
    "  file_id INTEGER PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,"
    "  year INTEGER NOT NULL, unit TEXT, template INTEGER NOT NULL, headings TEXT NOT NULL);"
    "CREATE TABLE final_statements ("
    "  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE, seq INTEGER NOT NULL,"
    "  kind INTEGER NOT NULL, page INTEGER NOT NULL, line INTEGER NOT NULL, subject TEXT NOT NULL,"
    "  share_of TEXT, base TEXT, amount INTEGER, amount2 INTEGER, amount3 INTEGER,"
    "  decimals INTEGER NOT NULL, decimals2 INTEGER NOT NULL, decimals3 INTEGER NOT NULL,"
    "  has_share INTEGER NOT NULL, share REAL NOT NULL, share_decimals INTEGER NOT NULL,"
    "  sign INTEGER NOT NULL, count INTEGER NOT NULL, parts INTEGER NOT NULL, text TEXT NOT NULL,"
    "  PRIMARY KEY (file_id, seq));"
    /* Findings of a final-accounts disclosure belong to no form (form_id 0) and cite a page:
       the findings table is rebuilt without its foreign key, whose cascade triggers keep. */
    "CREATE TABLE findings_v4 ("
    "  form_id INTEGER NOT NULL, seq INTEGER NOT NULL,"
    "  rule TEXT NOT NULL, severity INTEGER NOT NULL, line INTEGER NOT NULL,"
    "  place TEXT NOT NULL, message TEXT NOT NULL, suggestion TEXT,"
    "  scope INTEGER NOT NULL DEFAULT 0, disclosure TEXT, page INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (form_id, seq));"
    "INSERT INTO findings_v4 (form_id, seq, rule, severity, line, place, message, suggestion, scope,"
    "  disclosure) SELECT form_id, seq, rule, severity, line, place, message, suggestion, scope,"
    "  disclosure FROM findings;"
    "DROP TABLE findings;"
    "ALTER TABLE findings_v4 RENAME TO findings;"
    "CREATE INDEX findings_rule ON findings(rule, severity);"
    "CREATE INDEX findings_severity ON findings(severity);";
/* The 绩效自评 figures of a statement (average score, count per grade; NULL: not stated). */
const char jx_final_selfeval_migration[] =
    "ALTER TABLE final_statements ADD COLUMN score REAL;"
    "ALTER TABLE final_statements ADD COLUMN score_decimals INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE final_statements ADD COLUMN grade_excellent INTEGER;"
    "ALTER TABLE final_statements ADD COLUMN grade_good INTEGER;"
    "ALTER TABLE final_statements ADD COLUMN grade_pass INTEGER;"
    "ALTER TABLE final_statements ADD COLUMN grade_fail INTEGER;";
/* The cascade of the findings, as triggers: SQLite's, and PostgreSQL's (a function each). */
const char jx_final_migration_sqlite[] =
    "CREATE TRIGGER findings_of_form AFTER DELETE ON forms"
    "  BEGIN DELETE FROM findings WHERE form_id = OLD.id; END;"
    "CREATE TRIGGER findings_of_file AFTER DELETE ON files"
    "  BEGIN DELETE FROM findings WHERE form_id = 0 AND disclosure = OLD.name; END;";
const char jx_final_migration_pg[] =
    "CREATE FUNCTION findings_of_form() RETURNS trigger LANGUAGE plpgsql AS"
    "  $$BEGIN DELETE FROM findings WHERE form_id = OLD.id; RETURN NULL; END$$;"
    "CREATE TRIGGER findings_of_form AFTER DELETE ON forms"
    "  FOR EACH ROW EXECUTE FUNCTION findings_of_form();"
    "CREATE FUNCTION findings_of_file() RETURNS trigger LANGUAGE plpgsql AS"
    "  $$BEGIN DELETE FROM findings WHERE form_id = 0 AND disclosure = OLD.name; RETURN NULL; END$$;"
    "CREATE TRIGGER findings_of_file AFTER DELETE ON files"
    "  FOR EACH ROW EXECUTE FUNCTION findings_of_file();";

jx_status jx_final_save(jx_db *db, long long fid, const jx_disclosure *d, jx_error *err)
{
    int rc = JX_DB_OK;
    jx_stmt *st = NULL;
    /* the kind and pages of the tables saved just before, in seq order */
    rc = jx_db_prepare_to(db, "UPDATE budget_tables SET kind = ?, page = ?, empty_note = ?"
                                " WHERE file_id = ? AND seq = ?", 0, &st);
    for (size_t t = 0; t < d->ntables && rc == JX_DB_OK; t++) {
        jx_stmt_bind_text(st, 1, jx_table_kind_name(d->tables[t].kind));
        jx_stmt_bind_int64(st, 2, d->tables[t].page);
        jx_stmt_bind_int64(st, 3, d->tables[t].empty_note);
        jx_stmt_bind_int64(st, 4, fid);
        jx_stmt_bind_int64(st, 5, (long long)t);
        rc = jx_step_write(st);
    }
    jx_stmt_finalize(st);
    st = NULL;
    if (rc == JX_DB_OK)
        rc = jx_db_prepare_to(db, "UPDATE budget_rows SET page = ? WHERE seq = ? AND table_id ="
                                    " (SELECT id FROM budget_tables WHERE file_id = ? AND seq = ?)", 0, &st);
    for (size_t t = 0; t < d->ntables && rc == JX_DB_OK; t++)
        for (size_t r = 0; r < d->tables[t].nrows && rc == JX_DB_OK; r++) {
            if (!d->tables[t].rows[r].page) continue;
            jx_stmt_bind_int64(st, 1, d->tables[t].rows[r].page);
            jx_stmt_bind_int64(st, 2, (long long)r);
            jx_stmt_bind_int64(st, 3, fid);
            jx_stmt_bind_int64(st, 4, (long long)t);
            rc = jx_step_write(st);
        }
    jx_stmt_finalize(st);
    st = NULL;
    if (!d->final) return rc == JX_DB_OK ? JX_OK : jx_db_fail(db, err, "storing the final accounts");
    if (rc == JX_DB_OK)
        rc = jx_db_prepare_to(db, "INSERT INTO final_accounts (file_id, year, unit, template, headings)"
                                    " VALUES (?,?,?,?,?)", 0, &st);
    if (rc == JX_DB_OK) {
        json_t *h = json_array();
        for (size_t i = 0; i < d->nheadings; i++)
            json_array_append_new(h, json_pack("{s:i, s:I, s:s, s:b}", "page", d->headings[i].page,
                                               "line", (json_int_t)d->headings[i].line, "text",
                                               d->headings[i].text, "toc", d->headings[i].toc));
        char *hj = json_dumps(h, JSON_COMPACT);
        json_decref(h);
        jx_stmt_bind_int64(st, 1, fid);
        jx_stmt_bind_int64(st, 2, d->year);
        jx_stmt_bind_text(st, 3, d->unit);
        jx_stmt_bind_int64(st, 4, d->template_doc);
        jx_stmt_bind_text(st, 5, hj);
        rc = jx_step_write(st);
        free(hj);
    }
    jx_stmt_finalize(st);
    st = NULL;
    if (rc == JX_DB_OK)
        rc = jx_db_prepare_to(db, "INSERT INTO final_statements (file_id, seq, kind, page, line, subject,"
                                    " share_of, base, amount, amount2, amount3, decimals, decimals2, decimals3,"
                                    " has_share, share, share_decimals, sign, count, parts, text, score,"
                                    " score_decimals, grade_excellent, grade_good, grade_pass, grade_fail)"
                                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", 0, &st);
    for (size_t i = 0; i < d->nstatements && rc == JX_DB_OK; i++) {
        const jx_statement *s = &d->statements[i];
        jx_stmt_bind_int64(st, 1, fid);
        jx_stmt_bind_int64(st, 2, (long long)i);
        jx_stmt_bind_int64(st, 3, (int)s->kind);
        jx_stmt_bind_int64(st, 4, s->page);
        jx_stmt_bind_int64(st, 5, s->line);
        jx_stmt_bind_text(st, 6, s->subject);
        jx_stmt_bind_text(st, 7, s->share_of);
        jx_stmt_bind_text(st, 8, s->base);
        jx_bind_fen(st, 9, s->amount);
        jx_bind_fen(st, 10, s->amount2);
        jx_bind_fen(st, 11, s->amount3);
        jx_stmt_bind_int64(st, 12, s->decimals);
        jx_stmt_bind_int64(st, 13, s->decimals2);
        jx_stmt_bind_int64(st, 14, s->decimals3);
        jx_stmt_bind_int64(st, 15, s->has_share);
        jx_stmt_bind_double(st, 16, s->share);
        jx_stmt_bind_int64(st, 17, s->share_decimals);
        jx_stmt_bind_int64(st, 18, s->sign);
        jx_stmt_bind_int64(st, 19, s->count);
        jx_stmt_bind_int64(st, 20, s->parts);
        jx_stmt_bind_text(st, 21, s->text);
        if (s->has_score) jx_stmt_bind_double(st, 22, s->score);
        else jx_stmt_bind_null(st, 22);
        jx_stmt_bind_int64(st, 23, s->score_decimals);
        for (int g = 0; g < JX_STATED_GRADES; g++) {
            if (s->grades[g] >= 0) jx_stmt_bind_int64(st, 24 + g, s->grades[g]);
            else jx_stmt_bind_null(st, 24 + g);
        }
        rc = jx_step_write(st);
    }
    jx_stmt_finalize(st);
    return rc == JX_DB_OK ? JX_OK : jx_db_fail(db, err, "storing the final accounts");
}

jx_status jx_final_load(jx_db *db, long long fid, jx_disclosure *d, jx_error *err)
{
    jx_stmt *st = NULL;
    int rc = jx_db_prepare_to(db, "SELECT kind, page, empty_note FROM budget_tables WHERE file_id = ?"
                                    " ORDER BY seq", 0, &st);
    if (rc == JX_DB_OK) {
        jx_stmt_bind_int64(st, 1, fid);
        for (size_t t = 0; (rc = jx_stmt_step(st)) == JX_DB_ROW; t++) {
            if (t >= d->ntables) continue;
            const char *k = jx_stmt_text(st, 0);
            d->tables[t].kind = k && !strcmp((const char *)k, "final") ? JX_TABLE_FINAL : JX_TABLE_BUDGET;
            d->tables[t].page = jx_stmt_int(st, 1);
            d->tables[t].empty_note = jx_stmt_int(st, 2);
        }
        rc = rc == JX_DB_DONE ? JX_DB_OK : rc;
    }
    jx_stmt_finalize(st);
    st = NULL;
    if (rc == JX_DB_OK)
        rc = jx_db_prepare_to(db, "SELECT t.seq, r.seq, r.page FROM budget_rows r JOIN budget_tables t"
                                    " ON t.id = r.table_id WHERE t.file_id = ? AND r.page > 0", 0, &st);
    if (rc == JX_DB_OK) {
        jx_stmt_bind_int64(st, 1, fid);
        while ((rc = jx_stmt_step(st)) == JX_DB_ROW) {
            size_t t = (size_t)jx_stmt_int64(st, 0), r = (size_t)jx_stmt_int64(st, 1);
            if (t < d->ntables && r < d->tables[t].nrows) d->tables[t].rows[r].page = jx_stmt_int(st, 2);
        }
        rc = rc == JX_DB_DONE ? JX_DB_OK : rc;
    }
    jx_stmt_finalize(st);
    st = NULL;
    if (rc == JX_DB_OK)
        rc = jx_db_prepare_to(db, "SELECT year, unit, template, headings FROM final_accounts WHERE file_id = ?", 0, &st);
    if (rc == JX_DB_OK) {
        jx_stmt_bind_int64(st, 1, fid);
        if ((rc = jx_stmt_step(st)) == JX_DB_ROW) {
            d->final = 1;
            d->year = jx_stmt_int(st, 0);
            d->unit = jx_col_text(st, 1);
            d->template_doc = jx_stmt_int(st, 2);
            json_t *h = json_loads(jx_stmt_text(st, 3), 0, NULL);
            size_t n = json_array_size(h);
            d->headings = jx_xcalloc(n ? n : 1, sizeof *d->headings);
            for (size_t i = 0; i < n; i++) {
                json_t *o = json_array_get(h, i);
                jx_heading *x = &d->headings[d->nheadings++];
                x->page = (int)json_integer_value(json_object_get(o, "page"));
                x->line = (long)json_integer_value(json_object_get(o, "line"));
                x->text = jx_strdup(json_string_value(json_object_get(o, "text")));
                x->toc = json_is_true(json_object_get(o, "toc"));
            }
            json_decref(h);
        }
        rc = rc == JX_DB_DONE || rc == JX_DB_ROW ? JX_DB_OK : rc;
    }
    jx_stmt_finalize(st);
    st = NULL;
    if (rc == JX_DB_OK && d->final)
        rc = jx_db_prepare_to(db, "SELECT kind, page, line, subject, share_of, base, amount, amount2,"
                                    " amount3, decimals, decimals2, decimals3, has_share, share,"
                                    " share_decimals, sign, count, parts, text, score, score_decimals,"
                                    " grade_excellent, grade_good, grade_pass, grade_fail FROM final_statements"
                                    " WHERE file_id = ? ORDER BY seq", 0, &st);
    if (rc == JX_DB_OK && st) {
        jx_stmt_bind_int64(st, 1, fid);
        while ((rc = jx_stmt_step(st)) == JX_DB_ROW) {
            d->statements = jx_xrealloc(d->statements, (d->nstatements + 1) * sizeof *d->statements);
            jx_statement *s = &d->statements[d->nstatements++];
            memset(s, 0, sizeof *s);
            s->kind = (jx_statement_kind)jx_stmt_int(st, 0);
            s->page = jx_stmt_int(st, 1);
            s->line = jx_stmt_int64(st, 2);
            s->subject = jx_col_text(st, 3);
            s->share_of = jx_col_text(st, 4);
            s->base = jx_col_text(st, 5);
            s->amount = jx_col_fen(st, 6);
            s->amount2 = jx_col_fen(st, 7);
            s->amount3 = jx_col_fen(st, 8);
            s->decimals = jx_stmt_int(st, 9);
            s->decimals2 = jx_stmt_int(st, 10);
            s->decimals3 = jx_stmt_int(st, 11);
            s->has_share = jx_stmt_int(st, 12);
            s->share = jx_stmt_double(st, 13);
            s->share_decimals = jx_stmt_int(st, 14);
            s->sign = jx_stmt_int(st, 15);
            s->count = (long)jx_stmt_int64(st, 16);
            s->parts = (long)jx_stmt_int64(st, 17);
            s->text = jx_col_text(st, 18);
            s->has_score = !jx_stmt_is_null(st, 19);
            s->score = jx_stmt_double(st, 19);
            s->score_decimals = jx_stmt_int(st, 20);
            for (int g = 0; g < JX_STATED_GRADES; g++)
                s->grades[g] = jx_stmt_is_null(st, 21 + g) ? -1 : (long)jx_stmt_int64(st, 21 + g);
        }
        rc = rc == JX_DB_DONE ? JX_DB_OK : rc;
    }
    jx_stmt_finalize(st);
    return rc == JX_DB_OK ? JX_OK : jx_db_fail(db, err, "loading the final accounts");
}

jx_status jx_pages_save(jx_db *db, const jx_form_list *forms, jx_error *err)
{
    jx_stmt *f = NULL, *i = NULL;
    int rc = jx_db_prepare_to(db, "UPDATE forms SET page = ? WHERE id = ?", 0, &f);
    if (rc == JX_DB_OK)
        rc = jx_db_prepare_to(db, "UPDATE indicators SET page = ? WHERE form_id = ? AND seq = ?", 0, &i);
    for (size_t k = 0; k < forms->count && rc == JX_DB_OK; k++) {
        const jx_form *x = forms->items[k];
        if (!x->id || !x->page) continue;   /* not a PDF source, or not stored now */
        jx_stmt_bind_int64(f, 1, x->page);
        jx_stmt_bind_int64(f, 2, x->id);
        rc = jx_step_write(f);
        for (size_t n = 0; n < x->nindicators && rc == JX_DB_OK; n++) {
            jx_stmt_bind_int64(i, 1, x->indicators[n].page);
            jx_stmt_bind_int64(i, 2, x->id);
            jx_stmt_bind_int64(i, 3, (long long)n);
            rc = jx_step_write(i);
        }
    }
    jx_stmt_finalize(f);
    jx_stmt_finalize(i);
    return rc == JX_DB_OK ? JX_OK : jx_db_fail(db, err, "storing the pages of a PDF's forms");
}

jx_status jx_pages_load(jx_db *db, jx_form_list *forms, size_t first, jx_error *err)
{
    /* the forms' own pages came with their rows (store.c's FORMS_HEAD): only PDF forms have more */
    jx_stmt *i = NULL;
    int rc = JX_DB_OK;
    for (size_t k = first; k < forms->count && rc == JX_DB_OK; k++) {
        jx_form *x = forms->items[k];
        if (!x->page) continue;
        if (!i && (rc = jx_db_prepare_to(db, "SELECT seq, page FROM indicators WHERE form_id = ? AND page > 0",
                                         0, &i)) != JX_DB_OK)
            break;
        jx_stmt_bind_int64(i, 1, x->id);
        while ((rc = jx_stmt_step(i)) == JX_DB_ROW) {
            size_t n = (size_t)jx_stmt_int64(i, 0);
            if (n < x->nindicators) x->indicators[n].page = jx_stmt_int(i, 1);
        }
        jx_stmt_reset(i);
    }
    jx_stmt_finalize(i);
    return rc == JX_DB_OK ? JX_OK : jx_db_fail(db, err, "loading the pages of a PDF's forms");
}
