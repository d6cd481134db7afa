/*
** readers.c - the reader table: every layout the importer reads, one row each.
**
** The import pipeline decodes a document (jx_source_open), asks every reader
** how sure it is that the document is in its layout (probe, 0..100), and
** lets the most certain one turn it into rows. Readers know rows and cells
** only: where a form, a budget table or a narrative starts is decided once,
** after reading, for every layout alike (lib/form, lib/disclosure).
**
** Probes, by container:
**   ZIP   xlsx 100 when the package holds xl/workbook.xml, docx 100 for
**         word/document.xml (sniffed once by jx_source_open);
**   text  cell-per-line 80 when most lines are one tab-indented cell,
**         layout 70 for plain lines (no tabs or pipe tables) of which 15 %
**         or more hold three runs or more side by side, runs 55 for plain
**         lines fewer of which do, lines 50 for any text (the fallback);
**   PDF   pdf 100 for "%PDF-" (its text layer and ruling lines, lib/read/pdf.c).
** Only the line reader (markdown/TSV) reads each row from one line alone
** (`pieces`): a large document in that layout is imported piece by piece
** (lib/import). Cell-per-line, runs and layout rows span lines (wrapped
** cells, rows rejoined and regrouped), Office packages and PDF need their
** whole container: those are read whole, within their own limits.
** Adding a layout is adding a row here (and its probe/read functions).
*/
#include "read.h"

#include <stdlib.h>
#include <string.h>

#include "jixiao/util.h"

/* ---------------------------------------------------------- text layouts */

static int text_only(const jx_source *src) { return src->container == JX_CONTAINER_TEXT; }

static int lines_probe(const jx_source *src)
{
    return text_only(src) ? jx_lines_probe(src->text, src->textlen) : 0;
}

static jx_status lines_read(const jx_source *src, jx_rows *rows, jx_error *err)
{
    return jx_lines_read(src->text, src->textlen, src->name, rows, err);
}

static int cells_probe(const jx_source *src)
{
    return text_only(src) ? jx_cells_probe(src->text, src->textlen) : 0;
}

static jx_status cells_read(const jx_source *src, jx_rows *rows, jx_error *err)
{
    return jx_cells_read(src->text, src->textlen, src->name, rows, err);
}

static int runs_probe(const jx_source *src)
{
    return text_only(src) ? jx_runs_probe(src->text, src->textlen) : 0;
}

static jx_status runs_read(const jx_source *src, jx_rows *rows, jx_error *err)
{
    return jx_runs_read(src->text, src->textlen, src->name, rows, err);
}

static int spaced_probe(const jx_source *src)
{
    return text_only(src) ? jx_spaced_probe(src->text, src->textlen) : 0;
}

static jx_status spaced_read(const jx_source *src, jx_rows *rows, jx_error *err)
{
    return jx_spaced_read(src->text, src->textlen, src->name, rows, err);
}

/* ------------------------------------------------------- Office packages */

static int xlsx_probe(const jx_source *src)
{
    return src->container == JX_CONTAINER_ZIP && src->zip_xlsx ? 100 : 0;
}

/*
** A workbook's visible sheets, in workbook order, become one sequence of
** rows, each sheet a section named after it (its rows keep their worksheet
** row numbers as lines).
*/
static jx_status xlsx_read(const jx_source *src, jx_rows *rows, jx_error *err)
{
    jx_sheets sheets = {0};
    jx_status st = jx_xlsx_read(src->data, src->len, src->name, &sheets, err);
    for (size_t i = 0; st == JX_OK && i < sheets.count; i++) {
        jx_rows *sr = &sheets.items[i].rows;
        jx_rows_begin_section(rows, sheets.items[i].name);
        for (size_t r = 0; r < sr->count; r++) {
            jx_row *row = &sr->items[r];
            jx_rows_push(rows, row->line, row->cells, row->ncells);   /* cells move */
            rows->items[rows->count - 1].prose = row->prose;
            if (row->keys) {
                for (int c = 0; c < row->ncells; c++) free(row->keys[c]);
                free(row->keys);
            }
        }
        free(sr->items);
        sr->items = NULL;
        sr->count = sr->cap = 0;
    }
    jx_sheets_free(&sheets);
    return st;
}

static int docx_probe(const jx_source *src)
{
    return src->container == JX_CONTAINER_ZIP && src->zip_docx && !src->zip_xlsx ? 100 : 0;
}

static jx_status docx_read(const jx_source *src, jx_rows *rows, jx_error *err)
{
    return jx_docx_read(src->data, src->len, src->name, rows, err);
}

/* ------------------------------------------------------------------ PDF */

static int pdf_probe(const jx_source *src)
{
    return src->container == JX_CONTAINER_PDF ? 100 : 0;
}

static jx_status pdf_read(const jx_source *src, jx_rows *rows, jx_error *err)
{
    return jx_pdf_read(src->data, src->len, src->name, rows, err);
}

/* ------------------------------------------------------------ the table */

static const jx_reader reader_xlsx = {"xlsx", xlsx_probe, xlsx_read, 0};
static const jx_reader reader_docx = {"docx", docx_probe, docx_read, 0};
static const jx_reader reader_cells = {"cell-per-line", cells_probe, cells_read, 0};
static const jx_reader reader_lines = {"lines", lines_probe, lines_read, 1};
static const jx_reader reader_runs = {"runs", runs_probe, runs_read, 0};
static const jx_reader reader_spaced = {"layout", spaced_probe, spaced_read, 0};
static const jx_reader reader_pdf = {"pdf", pdf_probe, pdf_read, 0};

const jx_reader *const jx_readers[] = {
    &reader_xlsx,
    &reader_docx,
    &reader_cells,
    &reader_spaced,     /* layout-preserving lines (lib/read/layout.c) */
    &reader_runs,       /* one text run per line (lib/read/layout.c) */
    &reader_lines,
    &reader_pdf,        /* PDF by its page geometry (lib/read/pdf.c) */
    NULL,
};

const jx_reader *jx_reader_detect(const jx_source *src)
{
    const jx_reader *best = NULL;
    int best_score = 0;
    for (size_t i = 0; jx_readers[i]; i++) {
        int score = jx_readers[i]->probe(src);
        if (score > best_score) { best = jx_readers[i]; best_score = score; }
    }
    return best;
}

/* Count one piece for every text probe. */
void jx_layout_tally_text(jx_layout_tally *t, const char *text, size_t len)
{
    jx_cells_tally(t, text, len);
    jx_flow_tally(t, text, len);
}

/*
** The table's choice for text from the tally: the line reader (50, last of
** the text readers, so it wins only when strictly above the others) unless
** cell-per-line scores, or the text is plain lines, where runs (55) or layout
** (70) score whatever the share of multi-run lines is.
*/
int jx_layout_tally_pieces(const jx_layout_tally *t)
{
    int lines = jx_lines_probe("", 0);
    return jx_cells_score(t) < lines && jx_flow_tabular(t);
}
