/*
** read.h - a document as a sequence of table rows, and the layout readers
** that produce it. Private to lib/: readers know rows and cells, never forms
** (lib/read/ cannot include lib/form/'s headers; see CMakeLists.txt).
**
** Whatever converter produced a file (markdown pipe tables, tab-separated
** text, one cell per line, a workbook), the form logic sees only rows of
** plain-text cells with their source line. A layout reader is pluggable: it
** says how well it recognises a text (probe) and turns it into rows (read).
*/
#ifndef JIXIAO_READ_H
#define JIXIAO_READ_H

#include <stddef.h>
#include "jixiao/error.h"

#include "jixiao/limits.h"   /* JX_MAX_LINE_BYTES, JX_MAX_ROW_CELLS, ... */

/*
** How a reader's cells relate to the table's columns. GRID: cell c is column
** c (markdown, TSV, XLSX, DOCX). RUNS: one text run per line, a wrapped cell
** continues on the next line(s). LINES: layout-preserving lines, the cells
** of a row side by side, a wrapped cell's other lines interleaved with its
** neighbours' above and below. Only GRID rows carry column geometry.
*/
typedef enum jx_flow { JX_FLOW_GRID = 0, JX_FLOW_RUNS, JX_FLOW_LINES } jx_flow;

typedef struct jx_row {
    long line;      /* 1-based source line of the row's first cell */
    jx_flow flow;   /* how the cells map to columns (JX_FLOW_GRID unless a reader says) */
    int page;       /* PDF: the 1-based page; text layouts: form feeds seen before the
                       row (0-based, compared only); 0 when unknown */
    int ncells;
    char **cells;   /* plain text (jx_text_plain), "" for an empty cell */
    int prose;      /* a line of running text, not a table row */
    float box[4];   /* PDF: the row's x0, y0, x1, y1 on its page, in points from the page's
                       top-left corner (a joined row: its part on that page); 0s when unknown */
    char **keys;    /* label keys of the cells, computed on first use (jx_row_key) */
    int *xs;        /* JX_FLOW_LINES: the display column (a CJK character is 2) where each of the
                       first nxs cells starts on its line; NULL (nxs 0) for other rows */
    int nxs;
    const char *section; /* the worksheet the row is on (owned by the jx_rows), NULL when
                            the document has no sections */
} jx_row;

typedef struct jx_rows {
    jx_row *items;
    size_t count;
    size_t cap;
    char **sections;     /* names of the sections begun so far (worksheets), owned */
    size_t nsections;
    int paged;           /* rows carry the document's 1-based pages (the PDF reader) */
} jx_rows;

/* Append a row; takes ownership of cells[0..ncells) and the cells array. */
void jx_rows_push(jx_rows *rows, long line, char **cells, int ncells);
void jx_rows_free(jx_rows *rows);

/*
** Begin a section (a worksheet): the rows pushed from now on carry name as
** their section. A section boundary delimits what the rows hold (a form
** never runs from one worksheet into the next), and errors name it.
*/
void jx_rows_begin_section(jx_rows *rows, const char *name);

/*
** The label key (jx_text_key) of cell c, computed once and kept with the row:
** the form parser asks for the same cell's key many times (title, header,
** labels, vocabulary). The row owns the string. A cache, so const rows too.
*/
const char *jx_row_key(const jx_row *row, int c);

/* The page of the row at line (binary search; rows are in line order), 0 when none. */
int jx_rows_page_of(const jx_rows *rows, long line);

/* Number of non-empty cells of a row. */
int jx_row_filled(const jx_row *row);

/* What container the bytes of a document are, from their magic bytes. */
typedef enum jx_container {
    JX_CONTAINER_TEXT = 0,  /* no container: the bytes decode as text (src->text) */
    JX_CONTAINER_ZIP,       /* a ZIP package: .xlsx, .docx */
    JX_CONTAINER_PDF        /* "%PDF-": read by a PDF reader, when one is in the table */
} jx_container;

/*
** A document as the readers see it: its bytes, what container they are and,
** for text, the decoded UTF-8. Built by jx_source_open; the bytes are borrowed
** (they must outlive the source), the decoded text and the archive are owned.
*/
typedef struct jx_source {
    const char *name;       /* base name, for errors */
    const char *data;       /* the raw bytes (borrowed) */
    size_t len;
    jx_container container;
    char *text;             /* JX_CONTAINER_TEXT: decoded UTF-8, else NULL */
    size_t textlen;
    int zip_xlsx, zip_docx; /* JX_CONTAINER_ZIP: the package holds xl/workbook.xml /
                               word/document.xml */
} jx_source;

/*
** Decode data[0..len) into *src: recognise the container (an OLE compound
** file -- encrypted OOXML or legacy .xls/.doc -- and a ZIP that is neither
** workbook nor document are JX_EINPUT with a message saying what to do),
** else decode the text (UTF-8 or GB18030, jx_text_decode). Free with
** jx_source_free, also on error.
*/
jx_status jx_source_open(const char *name, const char *data, size_t len,
                         jx_source *src, jx_error *err);
void jx_source_free(jx_source *src);

/* 1 when data starts with the magic bytes of a container (OLE, ZIP, PDF): not plain text. */
int jx_source_is_container(const char *data, size_t len);

/*
** A layout reader: how sure it is that a document is in its layout, and its
** rows. Readers know rows and cells only -- never forms or disclosures.
*/
typedef struct jx_reader {
    const char *name;
    /* 0..100: how sure the reader is that src is in its layout; 0 = not at all. */
    int (*probe)(const jx_source *src);
    /* Append the rows of src to *rows (which the caller frees, also on error). */
    jx_status (*read)(const jx_source *src, jx_rows *rows, jx_error *err);
    /* 1 when each row comes from one line alone, whatever the lines around it: the
       text can be read in pieces cut between lines (the streaming import), each
       piece's rows numbered from its own first line. 0: the reader needs the whole
       (wrapped cells, rows rejoined or regrouped across lines, a container). */
    int pieces;
} jx_reader;

/* The reader table (lib/read/readers.c), NULL-terminated. */
extern const jx_reader *const jx_readers[];

/*
** Readers of PDF-extractor text (lib/read/layout.c): one text run per line
** (rows marked JX_FLOW_RUNS) and layout-preserving lines (JX_FLOW_LINES).
*/
int jx_runs_probe(const char *text, size_t len);
jx_status jx_runs_read(const char *text, size_t len, const char *file,
                       jx_rows *rows, jx_error *err);
int jx_spaced_probe(const char *text, size_t len);
jx_status jx_spaced_read(const char *text, size_t len, const char *file,
                         jx_rows *rows, jx_error *err);

/* The reader whose probe scores highest (above 0) for src, or NULL for none. */
const jx_reader *jx_reader_detect(const jx_source *src);

/*
** The text probes' evidence counted piece by piece (the streaming import,
** lib/import): pieces of decoded text cut after a '\n', each counted once, in
** order, into a zeroed tally, say what the probes would say of their whole.
** jx_layout_tally_pieces is then 1 exactly when jx_reader_detect on the
** whole text picks a reader that reads in pieces (the line reader).
*/
typedef struct jx_layout_tally {
    size_t cell_lines, cell_single, cell_multi;   /* jx_cells_probe's counts */
    int cell_in_row;                              /* its state at the end of the last piece */
    size_t flow_lines, flow_tabular;              /* the runs/layout probes' first counts */
} jx_layout_tally;
void jx_layout_tally_text(jx_layout_tally *t, const char *text, size_t len);
int jx_layout_tally_pieces(const jx_layout_tally *t);
/* The parts of the tally (rows.c, layout.c): counts and what they score. */
void jx_cells_tally(jx_layout_tally *t, const char *text, size_t len);
int jx_cells_score(const jx_layout_tally *t);
void jx_flow_tally(jx_layout_tally *t, const char *text, size_t len);
int jx_flow_tabular(const jx_layout_tally *t);   /* 1: the runs and layout probes say 0 */

/* The text readers on their own (rows.c), for the table and for tests. */
int jx_lines_probe(const char *text, size_t len);
jx_status jx_lines_read(const char *text, size_t len, const char *file,
                        jx_rows *rows, jx_error *err);
int jx_cells_probe(const char *text, size_t len);
jx_status jx_cells_read(const char *text, size_t len, const char *file,
                        jx_rows *rows, jx_error *err);

/* One worksheet read as rows; line = the worksheet's 1-based row number. */
typedef struct jx_sheet {
    char *name;
    jx_rows rows;
} jx_sheet;

typedef struct jx_sheets {
    jx_sheet *items;
    size_t count, cap;
} jx_sheets;

void jx_sheets_free(jx_sheets *sheets);

/*
** The visible worksheets of an .xlsx in workbook order (appended to *out;
** the caller frees with jx_sheets_free, also on error). Shared strings,
** inline strings and cached formula results are read; numbers keep their
** value (15 significant digits), dates and percentages are shown as their
** format shows them (2019-01-01, 98.00%); a merged range keeps its value in
** the first cell only.
*/
jx_status jx_xlsx_read(const char *data, size_t len, const char *file,
                       jx_sheets *out, jx_error *err);

/*
** The body of a .docx as rows, appended to *rows: each paragraph outside a
** table is a one-cell row, each table row a row. A cell spanning columns
** (gridSpan) is followed by empty cells; a vertically merged continuation
** (vMerge) is empty. line counts the body's paragraphs and table rows.
** A paragraph is running text (prose), as a plain line of text is.
*/
jx_status jx_docx_read(const char *data, size_t len, const char *file,
                       jx_rows *rows, jx_error *err);

/*
** The PDF pre-scan (lib/read/pdf_scan.c), before poppler sees the bytes: the
** trailer's declared objects against JX_MAX_PDF_OBJECTS, and every stream
** decoded through its filter chain (Flate, LZW, ASCIIHex, ASCII85,
** RunLength; escaped names, arrays and indirect /Filter values included)
** with the bytes counted against JX_MAX_PDF_INFLATED_BYTES, an encrypted
** file's streams decrypted first (the empty user password's key). Linear in
** len. *encrypted: 0 plain, 1 encrypted and decrypted, 2 encrypted with a
** key the scan could not derive (poppler refuses such a file). JX_EINPUT
** with the object named.
*/
jx_status jx_pdf_scan(const char *data, size_t len, const char *file, int *encrypted, jx_error *err);

/*
** A PDF read by its page geometry (lib/read/pdf.c), appended to *rows: ruled
** tables as rows of their grid (a merged cell's text in its top-left cell,
** the cells it covers empty, as DOCX and XLSX give them), text outside
** tables as lines in reading order, paragraphs joined, one row each. Each
** row carries its page; line counts the rows. A PDF without a text layer,
** an encrypted, damaged or too long one is refused with JX_EINPUT.
*/
jx_status jx_pdf_read(const char *data, size_t len, const char *file,
                      jx_rows *rows, jx_error *err);

#endif
