/*
** disclosure_store.c - department disclosures in SQLite: budget tables and
** their rows, narratives (linked to their form), stated figures and the notes
** of what was skipped, all deleted with their file (ON DELETE CASCADE). Lists
** of a row (columns, amounts in fen, sections) are JSON text.
*/
#include "store.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/disclosure.h"
#include "jixiao/util.h"

const char jx_disclosure_migration[] =
    "CREATE TABLE disclosures ("
    "  file_id INTEGER PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE);"
    "CREATE TABLE budget_tables ("
    "  id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL, title TEXT NOT NULL, line INTEGER NOT NULL, unit TEXT,"
    "  scale INTEGER NOT NULL, columns TEXT NOT NULL);"
    "CREATE TABLE budget_rows ("
    "  table_id INTEGER NOT NULL REFERENCES budget_tables(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL, line INTEGER NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,"
    "  amounts TEXT NOT NULL, PRIMARY KEY (table_id, seq));"
    "CREATE TABLE narratives ("
    "  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE, seq INTEGER NOT NULL,"
    "  form_id INTEGER REFERENCES forms(id) ON DELETE SET NULL, linked INTEGER NOT NULL,"
    "  title TEXT NOT NULL, line INTEGER NOT NULL, unit TEXT, project TEXT, amount INTEGER,"
    "  amount_line INTEGER, table_amount INTEGER, sections TEXT NOT NULL,"
    "  PRIMARY KEY (file_id, seq));"
    "CREATE TABLE disclosure_claims ("
    "  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE, seq INTEGER NOT NULL,"
    "  kind INTEGER NOT NULL, line INTEGER NOT NULL, subject TEXT, amount INTEGER,"
    "  decimals INTEGER NOT NULL, count INTEGER, text TEXT, PRIMARY KEY (file_id, seq));"
    "CREATE TABLE disclosure_notes ("
    "  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE, seq INTEGER NOT NULL,"
    "  note TEXT NOT NULL, PRIMARY KEY (file_id, seq));"
    "CREATE INDEX budget_tables_file ON budget_tables(file_id);"
    "CREATE INDEX narratives_form ON narratives(form_id);";

/*
** Notes of any document, keyed by file: kind 'skipped' for a part that could
** not be read (line, what it looked like, why), kind 'disclosure' for the
** disclosure reader's remarks (a cell that is not a figure, a narrative
** without a target table), which migration 2 kept in disclosure_notes.
*/
const char jx_document_notes_migration[] =
    "CREATE TABLE document_notes ("
    "  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,"
    "  kind TEXT NOT NULL CHECK (kind IN ('skipped', 'disclosure')), seq INTEGER NOT NULL,"
    "  line INTEGER, part TEXT, note TEXT NOT NULL, PRIMARY KEY (file_id, kind, seq));"
    "INSERT INTO document_notes (file_id, kind, seq, note)"
    "  SELECT file_id, 'disclosure', seq, note FROM disclosure_notes;"
    "DROP TABLE disclosure_notes;";

/* A JSON text of j (consumed). */
static char *json_text(json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(j);
    return s;
}

/* Insert one disclosure under file_id. */
static jx_status save_one(jx_db *db, long long fid, const jx_disclosure *d, jx_error *err)
{
    static const char *const sql[] = {
        "INSERT INTO disclosures (file_id) VALUES (?)",
        "INSERT INTO budget_tables (file_id, seq, title, line, unit, scale, columns) VALUES (?,?,?,?,?,?,?)"
        " RETURNING id",
        "INSERT INTO budget_rows (table_id, seq, line, code, name, amounts) VALUES (?,?,?,?,?,?)",
        "INSERT INTO narratives (file_id, seq, form_id, linked, title, line, unit, project, amount,"
        " amount_line, table_amount, sections) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        "INSERT INTO disclosure_claims (file_id, seq, kind, line, subject, amount, decimals, count,"
        " text) VALUES (?,?,?,?,?,?,?,?,?)",
        "INSERT INTO document_notes (file_id, kind, seq, note) VALUES (?,'disclosure',?,?)",
    };
    enum { N = sizeof sql / sizeof *sql };
    jx_stmt *st[N] = {0};
    int rc = JX_DB_OK;
    for (int i = 0; i < N && rc == JX_DB_OK; i++) rc = jx_db_prepare_to(db, sql[i], 0, &st[i]);
    if (rc == JX_DB_OK) {
        jx_stmt_bind_int64(st[0], 1, fid);
        rc = jx_step_write(st[0]);
    }
    for (size_t t = 0; t < d->ntables && rc == JX_DB_OK; t++) {
        const jx_budget_table *bt = &d->tables[t];
        json_t *cols = json_array();
        for (size_t c = 0; c < bt->ncolumns; c++) json_array_append_new(cols, json_string(bt->columns[c]));
        char *cj = json_text(cols);
        jx_stmt_bind_int64(st[1], 1, fid);
        jx_stmt_bind_int64(st[1], 2, (long long)t);
        jx_stmt_bind_text(st[1], 3, bt->title);
        jx_stmt_bind_int64(st[1], 4, bt->line);
        jx_stmt_bind_text(st[1], 5, bt->unit);
        jx_stmt_bind_int64(st[1], 6, bt->scale);
        jx_stmt_bind_text(st[1], 7, cj);
        long long tid = 0;
        rc = jx_stmt_step_value(st[1], &tid);
        jx_stmt_clear(st[1]);
        free(cj);
        for (size_t r = 0; r < bt->nrows && rc == JX_DB_OK; r++) {
            const jx_budget_row *row = &bt->rows[r];
            json_t *a = json_array();
            for (size_t c = 0; c < bt->ncolumns; c++)
                json_array_append_new(a, row->values[c] == JX_NO_AMOUNT ? json_null()
                                                                          : json_integer(row->values[c]));
            char *aj = json_text(a);
            jx_stmt_bind_int64(st[2], 1, tid);
            jx_stmt_bind_int64(st[2], 2, (long long)r);
            jx_stmt_bind_int64(st[2], 3, row->line);
            jx_stmt_bind_text(st[2], 4, row->code);
            jx_stmt_bind_text(st[2], 5, row->name);
            jx_stmt_bind_text(st[2], 6, aj);
            rc = jx_step_write(st[2]);
            free(aj);
        }
    }
    for (size_t n = 0; n < d->nnarratives && rc == JX_DB_OK; n++) {
        const jx_narrative *x = &d->narratives[n];
        json_t *secs = json_array();
        for (size_t s = 0; s < x->nsections; s++)
            json_array_append_new(secs, json_pack("{s:s, s:I, s:s}", "title", x->sections[s].title,
                                                  "line", (json_int_t)x->sections[s].line, "text",
                                                  x->sections[s].text));
        char *sj = json_text(secs);
        jx_stmt_bind_int64(st[3], 1, fid);
        jx_stmt_bind_int64(st[3], 2, (long long)n);
        if (x->form && x->form->id) jx_stmt_bind_int64(st[3], 3, x->form->id);
        else jx_stmt_bind_null(st[3], 3);
        jx_stmt_bind_int64(st[3], 4, x->linked);
        jx_stmt_bind_text(st[3], 5, x->title);
        jx_stmt_bind_int64(st[3], 6, x->line);
        jx_stmt_bind_text(st[3], 7, x->unit);
        jx_stmt_bind_text(st[3], 8, x->project);
        jx_bind_fen(st[3], 9, x->amount);
        jx_stmt_bind_int64(st[3], 10, x->amount_line);
        jx_bind_fen(st[3], 11, x->table_amount);
        jx_stmt_bind_text(st[3], 12, sj);
        rc = jx_step_write(st[3]);
        free(sj);
    }
    for (size_t c = 0; c < d->nclaims && rc == JX_DB_OK; c++) {
        const jx_claim *cl = &d->claims[c];
        jx_stmt_bind_int64(st[4], 1, fid);
        jx_stmt_bind_int64(st[4], 2, (long long)c);
        jx_stmt_bind_int64(st[4], 3, (int)cl->kind);
        jx_stmt_bind_int64(st[4], 4, cl->line);
        jx_stmt_bind_text(st[4], 5, cl->subject);
        jx_bind_fen(st[4], 6, cl->amount);
        jx_stmt_bind_int64(st[4], 7, cl->decimals);
        jx_stmt_bind_int64(st[4], 8, cl->count);
        jx_stmt_bind_text(st[4], 9, cl->text);
        rc = jx_step_write(st[4]);
    }
    for (size_t k = 0; k < d->nskipped && rc == JX_DB_OK; k++) {
        jx_stmt_bind_int64(st[5], 1, fid);
        jx_stmt_bind_int64(st[5], 2, (long long)k);
        jx_stmt_bind_text(st[5], 3, d->skipped[k]);
        rc = jx_step_write(st[5]);
    }
    jx_status out = rc == JX_DB_OK ? JX_OK : jx_db_fail(db, err, "storing the budget disclosure");
    for (int i = 0; i < N; i++) jx_stmt_finalize(st[i]);
    if (out == JX_OK) out = jx_final_save(db, fid, d, err);
    return out;
}

/* Save every disclosure of file (the files row with sha256_hex). */
jx_status jx_disclosure_save(jx_db *db, const char *sha256_hex, const char *file,
                             const jx_form_list *forms, jx_error *err)
{
    if (forms->ndisclosures == 0) return JX_OK;
    jx_stmt *q;
    if (jx_db_prepare_to(db, "SELECT id FROM files WHERE sha256 = ?", 0, &q) != JX_DB_OK)
        return jx_db_fail(db, err, "finding the file");
    jx_stmt_bind_text(q, 1, sha256_hex);
    long long fid = jx_stmt_step(q) == JX_DB_ROW ? jx_stmt_int64(q, 0) : 0;
    jx_stmt_finalize(q);
    if (!fid) return jx_db_fail(db, err, "finding the file");
    for (size_t i = 0; i < forms->ndisclosures; i++) {
        if (strcmp(forms->disclosures[i]->file, file) != 0) continue;
        jx_status rc = save_one(db, fid, forms->disclosures[i], err);
        if (rc) return rc;
        break;   /* one disclosure per file */
    }
    return JX_OK;
}

/* Load one file's disclosure. */
static jx_status load_one(jx_db *db, long long fid, const char *name, jx_form_list *forms,
                          jx_disclosure **out, jx_error *err)
{
    jx_disclosure *d = jx_xcalloc(1, sizeof *d);
    d->file = jx_strdup(name);
    jx_stmt *st = NULL, *rs = NULL;
    int rc = jx_db_prepare_to(db, "SELECT id, title, line, unit, scale, columns FROM budget_tables"
                                    " WHERE file_id = ? ORDER BY seq", 0, &st);
    if (rc == JX_DB_OK)
        rc = jx_db_prepare_to(db, "SELECT line, code, name, amounts FROM budget_rows WHERE table_id = ?"
                                    " ORDER BY seq", 0, &rs);
    if (rc == JX_DB_OK) {
        jx_stmt_bind_int64(st, 1, fid);
        while ((rc = jx_stmt_step(st)) == JX_DB_ROW) {
            d->tables = jx_xrealloc(d->tables, (d->ntables + 1) * sizeof *d->tables);
            jx_budget_table *t = &d->tables[d->ntables++];
            memset(t, 0, sizeof *t);
            t->title = jx_col_text(st, 1);
            t->line = jx_stmt_int64(st, 2);
            t->unit = jx_col_text(st, 3);
            t->scale = (long)jx_stmt_int64(st, 4);
            json_t *cols = json_loads(jx_stmt_text(st, 5), 0, NULL);
            size_t nc = json_array_size(cols);
            t->columns = jx_xcalloc(nc ? nc : 1, sizeof *t->columns);
            for (size_t c = 0; c < nc; c++) t->columns[t->ncolumns++] = jx_strdup(json_string_value(json_array_get(cols, c)));
            json_decref(cols);
            jx_stmt_bind_int64(rs, 1, jx_stmt_int64(st, 0));
            while (jx_stmt_step(rs) == JX_DB_ROW) {
                t->rows = jx_xrealloc(t->rows, (t->nrows + 1) * sizeof *t->rows);
                jx_budget_row *r = &t->rows[t->nrows++];
                r->page = 0;   /* final_store.c loads the pages of a PDF's rows */
                r->line = jx_stmt_int64(rs, 0);
                r->code = jx_col_text(rs, 1);
                r->name = jx_col_text(rs, 2);
                r->values = jx_xmalloc((t->ncolumns ? t->ncolumns : 1) * sizeof *r->values);
                json_t *a = json_loads(jx_stmt_text(rs, 3), 0, NULL);
                for (size_t c = 0; c < t->ncolumns; c++) {
                    json_t *v = json_array_get(a, c);
                    r->values[c] = json_is_integer(v) ? json_integer_value(v) : JX_NO_AMOUNT;
                }
                json_decref(a);
            }
            jx_stmt_reset(rs);
        }
        rc = rc == JX_DB_DONE ? JX_DB_OK : rc;
    }
    jx_stmt_finalize(st);
    jx_stmt_finalize(rs);
    st = NULL;
    if (rc == JX_DB_OK)
        rc = jx_db_prepare_to(db, "SELECT form_id, linked, title, line, unit, project, amount, amount_line,"
                                    " table_amount, sections FROM narratives WHERE file_id = ? ORDER BY seq", 0, &st);
    if (rc == JX_DB_OK) {
        jx_stmt_bind_int64(st, 1, fid);
        while ((rc = jx_stmt_step(st)) == JX_DB_ROW) {
            d->narratives = jx_xrealloc(d->narratives, (d->nnarratives + 1) * sizeof *d->narratives);
            jx_narrative *n = &d->narratives[d->nnarratives++];
            memset(n, 0, sizeof *n);
            long long form_id = jx_stmt_is_null(st, 0) ? 0 : jx_stmt_int64(st, 0);
            for (size_t i = 0; form_id && i < forms->count; i++)
                if (forms->items[i]->id == form_id) n->form = forms->items[i];
            n->linked = jx_stmt_int(st, 1);
            n->title = jx_col_text(st, 2);
            n->line = jx_stmt_int64(st, 3);
            n->unit = jx_col_text(st, 4);
            n->project = jx_col_text(st, 5);
            n->amount = jx_col_fen(st, 6);
            n->amount_line = jx_stmt_int64(st, 7);
            n->table_amount = jx_col_fen(st, 8);
            json_t *secs = json_loads(jx_stmt_text(st, 9), 0, NULL);
            size_t ns = json_array_size(secs);
            n->sections = jx_xcalloc(ns ? ns : 1, sizeof *n->sections);
            for (size_t s = 0; s < ns; s++) {
                json_t *o = json_array_get(secs, s);
                jx_narrative_section *x = &n->sections[n->nsections++];
                x->title = jx_strdup(json_string_value(json_object_get(o, "title")));
                x->line = (long)json_integer_value(json_object_get(o, "line"));
                x->text = jx_strdup(json_string_value(json_object_get(o, "text")));
            }
            json_decref(secs);
        }
        rc = rc == JX_DB_DONE ? JX_DB_OK : rc;
    }
    jx_stmt_finalize(st);
    st = NULL;
    if (rc == JX_DB_OK)
        rc = jx_db_prepare_to(db, "SELECT kind, line, subject, amount, decimals, count, text"
                                    " FROM disclosure_claims WHERE file_id = ? ORDER BY seq", 0, &st);
    if (rc == JX_DB_OK) {
        jx_stmt_bind_int64(st, 1, fid);
        while ((rc = jx_stmt_step(st)) == JX_DB_ROW) {
            d->claims = jx_xrealloc(d->claims, (d->nclaims + 1) * sizeof *d->claims);
            jx_claim *c = &d->claims[d->nclaims++];
            c->kind = (jx_claim_kind)jx_stmt_int(st, 0);
            c->line = jx_stmt_int64(st, 1);
            c->subject = jx_col_text(st, 2);
            c->amount = jx_col_fen(st, 3);
            c->decimals = jx_stmt_int(st, 4);
            c->count = (long)jx_stmt_int64(st, 5);
            c->text = jx_col_text(st, 6);
        }
        rc = rc == JX_DB_DONE ? JX_DB_OK : rc;
    }
    jx_stmt_finalize(st);
    st = NULL;
    if (rc == JX_DB_OK)
        rc = jx_db_prepare_to(db, "SELECT note FROM document_notes WHERE file_id = ?"
                                    " AND kind = 'disclosure' ORDER BY seq", 0, &st);
    if (rc == JX_DB_OK) {
        jx_stmt_bind_int64(st, 1, fid);
        while ((rc = jx_stmt_step(st)) == JX_DB_ROW) {
            d->skipped = jx_xrealloc(d->skipped, (d->nskipped + 1) * sizeof *d->skipped);
            d->skipped[d->nskipped++] = jx_col_text(st, 0);
        }
        rc = rc == JX_DB_DONE ? JX_DB_OK : rc;
    }
    jx_stmt_finalize(st);
    if (rc != JX_DB_OK) {
        jx_disclosure_free(d);
        return jx_db_fail(db, err, "loading the budget disclosure");
    }
    jx_status fs = jx_final_load(db, fid, d, err);
    if (fs != JX_OK) {
        jx_disclosure_free(d);
        return fs;
    }
    *out = d;
    return JX_OK;
}

/* The index of the form with this id in forms[first..], searched from *hint on (then from first); -1 if none. */
static long long form_index(const jx_form_list *forms, size_t first, long long id, size_t *hint)
{
    for (size_t k = *hint; k < forms->count; k++)
        if (forms->items[k]->id == id) return (long long)(*hint = k);
    for (size_t k = first; k < *hint && k < forms->count; k++)
        if (forms->items[k]->id == id) return (long long)(*hint = k);
    return -1;
}

/*
** The disclosures of the files the new forms come from, in the order of
** their first form: one query over the id range of forms[first..] (loaded in
** id order, so the merge is linear), not one per form.
*/
jx_status jx_disclosure_load(jx_db *db, jx_form_list *forms, size_t first, int all_files,
                             jx_error *err)
{
    long long *seen = NULL;
    size_t nseen = 0;
    jx_disclosure **got = NULL;
    jx_status rc = JX_OK;
    jx_stmt *q = NULL;
    if (first < forms->count) {
        long long lo = forms->items[first]->id, hi = lo;
        for (size_t i = first; i < forms->count; i++) {
            if (forms->items[i]->id < lo) lo = forms->items[i]->id;
            if (forms->items[i]->id > hi) hi = forms->items[i]->id;
        }
        if (jx_db_prepare_to(db, "SELECT f.id, f.file_id, files.name FROM forms f JOIN files ON files.id = f.file_id"
                                 " JOIN disclosures ds ON ds.file_id = f.file_id WHERE f.id BETWEEN ? AND ?"
                                 " ORDER BY f.id", JX_DB_STREAM, &q) != JX_DB_OK)
            return jx_db_fail(db, err, "finding disclosures");
        jx_stmt_bind_int64(q, 1, lo);
        jx_stmt_bind_int64(q, 2, hi);
        size_t hint = first;
        int r = JX_DB_DONE;
        while (rc == JX_OK && (r = jx_stmt_step(q)) == JX_DB_ROW) {
            if (form_index(forms, first, jx_stmt_int64(q, 0), &hint) < 0) continue;   /* not loaded: filtered out */
            long long fid = jx_stmt_int64(q, 1);
            int dup = 0;
            for (size_t k = 0; k < nseen; k++) dup |= seen[k] == fid;
            if (dup) continue;
            char *name = jx_col_text(q, 2);
            jx_disclosure *d = NULL;
            rc = load_one(db, fid, name, forms, &d, err);
            free(name);
            if (rc == JX_OK) {
                seen = jx_xrealloc(seen, (nseen + 1) * sizeof *seen);
                got = jx_xrealloc(got, (nseen + 1) * sizeof *got);
                seen[nseen] = fid;
                got[nseen++] = d;
            }
        }
        if (rc == JX_OK && r != JX_DB_DONE) rc = jx_db_fail(db, err, "finding disclosures");
        jx_stmt_finalize(q);
        q = NULL;
    }
    /* Disclosures without target forms (nothing above found their file). */
    if (rc == JX_OK && all_files &&
        jx_db_prepare_to(db, "SELECT ds.file_id, files.name FROM disclosures ds JOIN files ON"
                               " files.id = ds.file_id WHERE NOT EXISTS (SELECT 1 FROM forms f"
                               " WHERE f.file_id = ds.file_id) ORDER BY ds.file_id", 0, &q) == JX_DB_OK) {
        while (rc == JX_OK && jx_stmt_step(q) == JX_DB_ROW) {
            char *name = jx_col_text(q, 1);
            jx_disclosure *d = NULL;
            rc = load_one(db, jx_stmt_int64(q, 0), name, forms, &d, err);
            free(name);
            if (rc == JX_OK) {
                got = jx_xrealloc(got, (nseen + 1) * sizeof *got);
                seen = jx_xrealloc(seen, (nseen + 1) * sizeof *seen);
                seen[nseen] = 0;
                got[nseen++] = d;
            }
        }
        jx_stmt_finalize(q);
    }
    for (size_t k = 0; k < nseen; k++) {
        if (rc == JX_OK) jx_form_list_add_disclosure(forms, got[k]);
        else jx_disclosure_free(got[k]);
    }
    free(seen);
    free(got);
    return rc;
}

/* The id of the files row with this hash, 0 when there is none. */
static long long file_id_of(jx_db *db, const char *sha256_hex)
{
    jx_stmt *q;
    if (jx_db_prepare_to(db, "SELECT id FROM files WHERE sha256 = ?", 0, &q) != JX_DB_OK) return 0;
    jx_stmt_bind_text(q, 1, sha256_hex);
    long long fid = jx_stmt_step(q) == JX_DB_ROW ? jx_stmt_int64(q, 0) : 0;
    jx_stmt_finalize(q);
    return fid;
}

jx_status jx_notes_save(jx_db *db, const char *sha256_hex, const char *file,
                        const jx_form_list *forms, jx_error *err)
{
    if (forms->nnotes == 0) return JX_OK;
    long long fid = file_id_of(db, sha256_hex);
    if (!fid) return jx_db_fail(db, err, "finding the file");
    jx_stmt *st;
    if (jx_db_prepare_to(db, "INSERT INTO document_notes (file_id, kind, seq, line, part, note)"
                               " VALUES (?,'skipped',?,?,?,?)", 0, &st) != JX_DB_OK)
        return jx_db_fail(db, err, "storing the notes");
    int rc = JX_DB_OK;
    long long seq = 0;
    for (size_t i = 0; i < forms->nnotes && rc == JX_DB_OK; i++) {
        const jx_note *n = &forms->notes[i];
        if (strcmp(n->file, file) != 0) continue;
        jx_stmt_bind_int64(st, 1, fid);
        jx_stmt_bind_int64(st, 2, seq++);
        if (n->line) jx_stmt_bind_int64(st, 3, n->line);
        else jx_stmt_bind_null(st, 3);
        jx_stmt_bind_text(st, 4, n->part);
        jx_stmt_bind_text(st, 5, n->why);
        rc = jx_step_write(st);
    }
    jx_stmt_finalize(st);
    return rc == JX_DB_OK ? JX_OK : jx_db_fail(db, err, "storing the notes");
}

jx_status jx_notes_load(jx_db *db, jx_form_list *forms, size_t first, int all_files,
                        jx_error *err)
{
    /* The documents: every file (all_files), else the files of the new forms, each once. */
    jx_stmt *files = NULL, *q = NULL;
    int rc = jx_db_prepare_to(db, all_files ? "SELECT id FROM files ORDER BY id"
                                              : "SELECT file_id FROM forms WHERE id = ?", 0, &files);
    if (rc == JX_DB_OK)
        rc = jx_db_prepare_to(db, "SELECT files.name, n.line, n.part, n.note FROM document_notes n"
                                    " JOIN files ON files.id = n.file_id WHERE n.file_id = ?"
                                    " AND n.kind = 'skipped' ORDER BY n.seq", 0, &q);
    size_t before = forms->nnotes;
    long long *seen = NULL;
    size_t nseen = 0;
    for (size_t k = first; rc == JX_DB_OK && (all_files || k < forms->count); k++) {
        if (!all_files) jx_stmt_bind_int64(files, 1, forms->items[k]->id);
        int r = jx_stmt_step(files);
        if (r != JX_DB_ROW) { rc = r == JX_DB_DONE && all_files ? JX_DB_OK : r; break; }
        long long fid = jx_stmt_int64(files, 0);
        if (!all_files) jx_stmt_reset(files);
        int dup = 0;
        for (size_t i = 0; i < nseen && !dup; i++) dup = seen[i] == fid;
        if (dup) continue;
        seen = jx_xrealloc(seen, (nseen + 1) * sizeof *seen);
        seen[nseen++] = fid;
        jx_stmt_bind_int64(q, 1, fid);
        while ((r = jx_stmt_step(q)) == JX_DB_ROW)
            jx_form_list_note(forms, jx_stmt_text(q, 0),
                              (long)jx_stmt_int64(q, 1), jx_stmt_text(q, 2),
                              jx_stmt_text(q, 3));
        jx_stmt_reset(q);
        if (r != JX_DB_DONE) rc = r;
    }
    free(seen);
    jx_stmt_finalize(files);
    jx_stmt_finalize(q);
    if (rc == JX_DB_OK) return JX_OK;
    while (forms->nnotes > before) {
        jx_note *n = &forms->notes[--forms->nnotes];
        free(n->file); free(n->part); free(n->why);
    }
    return jx_db_fail(db, err, "loading the notes");
}

jx_status jx_disclosure_load_file(jx_db *db, long long file_id, jx_form_list *forms, int *found,
                                  jx_error *err)
{
    *found = 0;
    jx_stmt *q;
    if (jx_db_prepare_to(db, "SELECT files.name FROM disclosures ds JOIN files ON files.id = ds.file_id"
                             " WHERE ds.file_id = ?", 0, &q) != JX_DB_OK)
        return jx_db_fail(db, err, "finding a disclosure");
    jx_stmt_bind_int64(q, 1, file_id);
    char *name = jx_stmt_step(q) == JX_DB_ROW ? jx_col_text(q, 0) : NULL;
    jx_stmt_finalize(q);
    if (!name) return JX_OK;
    jx_disclosure *d = NULL;
    jx_status rc = load_one(db, file_id, name, forms, &d, err);
    free(name);
    if (rc == JX_OK) {
        jx_form_list_add_disclosure(forms, d);
        *found = 1;
    }
    return rc;
}
