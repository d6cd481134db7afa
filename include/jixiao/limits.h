/*
** limits.h - every resource limit of jixiao, in one table, each with its
** reason. A reader that meets a document beyond a limit stops with a clear
** error naming the file, the place and the limit (JX_EINPUT); it never
** grows without bound. The server's limits bound what one client can take.
**
** The budget behind the numbers: work linear in the input, memory a small
** multiple of the output (the cells that carry text). A value here is large
** enough for every real document family the importer knows (a form has
** 10-20 columns and a few hundred rows; a department disclosure a few
** thousand rows of at most 30 columns), and small enough that a hostile file
** at the limit imports or fails within seconds and a few hundred MB.
*/
#ifndef JIXIAO_LIMITS_H
#define JIXIAO_LIMITS_H

/* ---- files and text */

/* Largest input file: a whole province's round of forms fits in far less. */
#define JX_MAX_FILE_BYTES (512L * 1024 * 1024)

/* A text file larger than this in the markdown/TSV line layout is imported
** piece by piece (`jixiao import`): pieces of about this many bytes, each cut
** before a form's title, parsed and stored before the next is read, so the
** memory of an import is a few pieces whatever the file's size (~500
** generated forms a piece, ~40 MB of rows and forms). Smaller files and the other layouts are read whole. */
#define JX_IMPORT_PIECE_BYTES (1024L * 1024)

/* Longest line of a text document: a converter's longest paragraph is a
** few KB; a longer line is binary data or not a document. */
#define JX_MAX_LINE_BYTES (1024 * 1024)

/* ---- rows and cells (every layout: text, XLSX, DOCX, PDF) */

/* Cells in one row: the 256 columns of the legacy .xls grid. No form or
** disclosure table comes near it (the widest, the 三公 table, has ~12);
** a row is dense up to its last non-empty cell, so this bounds a row's
** memory whatever column a stray cell names (XFD is column 16384). */
#define JX_MAX_ROW_CELLS 256

/* Cells materialised for one worksheet or Word document, empty ones
** included (about 40 bytes each: 1M cells = 40 MB). A workbook of 500
** forms has about 200,000; gridSpan and far columns cannot multiply the
** cells of a small file past it. */
#define JX_MAX_SHEET_CELLS (1024L * 1024)

/* Form sheets of one exported workbook (export --format xlsx): libxlsxwriter
** keeps about 20 KB and an open temporary file per sheet until the workbook
** is closed, and a workbook of thousands of sheets is more than a
** spreadsheet program shows; more forms are refused (narrowed with
** --year/--unit, or exported as CSV/JSON). */
#define JX_XLSX_MAX_FORMS 2000

/* Rows of one worksheet: the OOXML grid (1,048,576). */
#define JX_MAX_SHEET_ROWS 1048576L

/* Columns a cell reference may name: the OOXML grid (A..XFD). A reference
** past it is a damaged file; one within it but past JX_MAX_ROW_CELLS is
** refused as out of proportion. */
#define JX_MAX_SHEET_COLS 16384

/* Columns one Word table cell may span (gridSpan, gridBefore): a form
** table has about 10 grid columns; Word's own limit is 63. */
#define JX_MAX_SPAN 64

/* Merged ranges of one worksheet: a form sheet has a few dozen; one sheet
** holding thousands of forms stays under it. Applying them costs the
** merge's width each (clipped to JX_MAX_ROW_CELLS), never merges × cells. */
#define JX_MAX_MERGES 1000000L

/* ---- Office containers */

/* Largest part of a ZIP package after decompression (the ZIP-bomb guard):
** the sheet XML of a 100,000-row workbook is about 50 MB. */
#define JX_MAX_PART_BYTES (256L * 1024 * 1024)

/* All parts read from one package together, decompressed. */
#define JX_MAX_PACKAGE_BYTES (512L * 1024 * 1024)

/* Element nesting of an XML part: OOXML nests tables in cells in text
** boxes to a depth of about 30; deeper is hostile (expat keeps a stack). */
#define JX_MAX_XML_DEPTH 256

/* ---- PDF (for the PDF reader, lib/read/pdf.c)
**
** The budget of one PDF: pages are read and freed one at a time, so memory is
** one page's bitmap (JX_MAX_PDF_RENDER_PIXELS: 4 bytes a pixel for cairo's
** image, 1 for the ink map, ~60 MB at the limit; then, the image freed, 4 a
** pixel for the ink sums that tell which characters are drawn) plus its
** characters and rules, plus the rows kept. Work per page is linear in its characters times
** its rules (a rule is tested against the glyphs it crosses) and quadratic in
** its rules (which rules meet), hence the caps on both. A document beyond
** one is refused with its file and page named. */

/* Pages of one PDF: a department's yearly disclosure has about 300. */
#define JX_MAX_PDF_PAGES 5000

/* Objects of one PDF, as its trailer declares (/Size): far above what 5000
** pages of text need (a 300-page disclosure has ~5,000); a hostile trailer
** names millions, and the parser sizes its cross-reference table by it. */
#define JX_MAX_PDF_OBJECTS 2000000L

/* Filters one stream may chain (/Filter [...]): a producer writes one or
** two. More is refused: the pre-scan could not count what the rest expand to. */
#define JX_PDF_MAX_FILTERS 8

/* Width or height of one page, in points: PDF's own implementation limit
** (14,400 units, 200 inches). A0 is 2,384 x 3,370. */
#define JX_MAX_PDF_PAGE_POINTS 14400.0

/* Pixels of the bitmap a page is rendered to for its ruling lines: A4 at 2
** pixels a point is 2 M; a larger page is rendered at a lower resolution. */
#define JX_MAX_PDF_RENDER_PIXELS (12L * 1024 * 1024)

/* Characters of one page's text layer: a dense A4 table page has ~5,000. */
#define JX_MAX_PDF_PAGE_CHARS 100000L

/* Ruling lines found on one page: a ruled A4 table has a few hundred. */
#define JX_MAX_PDF_PAGE_RULES 5000L

/* Grid cells of one ruled table (its rows times columns): a full A4 page of
** the 支出决算表 has ~600. A larger grid is not taken as a table (its text
** stays text): finding the merged cells tests each cell's edges against the
** table's rules. */
#define JX_MAX_PDF_TABLE_CELLS 20000L

/* Bytes all of one PDF's streams (page contents, fonts, images, object
** streams) may decode to together, every stage of a filter chain counted.
** Poppler decodes a stream with no limit of its own, and deflate packs up to
** ~1,000:1 (LZW ~1,300:1), so a 300 KB file can hold a 300 MB page of
** nothing; the pre-scan (lib/read/pdf_scan.c) decodes every stream first,
** through its /Filter chain (Flate, LZW, ASCIIHex, ASCII85, RunLength) into
** small buffers, and refuses the file past this. Measured: the
** 24-30 page disclosures of ../shared/external inflate to 1.1-5.6 MB, the
** largest stream 4.4 MB (a font); a 300-page one with a few images stays far
** below. */
#define JX_MAX_PDF_INFLATED_BYTES (256L * 1024 * 1024)

/* Largest PDF whose bytes the store keeps, to render the page region of a
** finding from (GET /api/region.png): a department's disclosure is 1-3 MB.
** A larger PDF imports whole; its findings cite the page without a picture. */
#define JX_MAX_STORED_PDF_BYTES (32L * 1024 * 1024)

/* Margin around a finding's rows in its page region, in points; the
** region's longest side in pixels (2 pixels a point up to it). */
#define JX_PDF_REGION_MARGIN 14.0
#define JX_PDF_REGION_MAX_SIDE 1600.0

/* Page regions the server keeps rendered (by file hash and line), and the
** most bytes of PNG they may hold together. */
#define JX_HTTP_REGION_CACHE 64
#define JX_HTTP_REGION_CACHE_BYTES (16L * 1024 * 1024)

/* ---- the server (jixiao serve) */

/* A worker thread's SQLite connection (jx_store_tune_reader): the most of
** the database file it maps into memory, and its page cache in KiB. */
#define JX_STORE_READER_MMAP_BYTES (1LL << 30)
#define JX_STORE_READER_CACHE_KIB 16384

/* Default largest upload (POST /api/import, /import); --max-upload sets it. */
#define JX_HTTP_MAX_UPLOAD (8L * 1024 * 1024)

/* Request line and headers of one request together: libmicrohttpd's
** per-connection read buffer. A browser sends about 1 KB; a larger request
** is answered 414 (URL) or 431 (headers) without being read further. */
#define JX_HTTP_MAX_HEADER_BYTES (32 * 1024)

/* Simultaneous connections: a round's reviewers and their browsers' parallel
** requests, served by the worker threads; more are refused until one closes
** (each holds at most JX_HTTP_MAX_HEADER_BYTES plus its upload). */
#define JX_HTTP_MAX_CONNECTIONS 256

/* Seconds a connection may stay idle (a slow or stalled client) before it
** is closed, freeing its slot. */
#define JX_HTTP_TIMEOUT_SECONDS 30

#endif
