/*
** import.c - the import pipeline, the one path every document takes:
**
**   bytes --decode--> source --probe the reader table--> rows --> parts
**
** jx_source_open tells the container (ZIP package, OLE file, PDF) or decodes
** the text; jx_reader_detect picks the reader whose probe is most certain
** (lib/read/readers.c); the reader yields rows of plain-text cells, nothing
** else. The parts are then found in the rows the same way whatever the
** layout was: forms (lib/form, one definition of where a form starts) and a
** department disclosure's budget tables, narratives and stated figures
** (lib/disclosure). A file, an upload and a test's buffer all go through
** jx_import_bytes; jx_import_file only reads the file.
*/
#include "jixiao/import.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "disclosure.h"
#include "evaluate.h"
#include "jixiao/evaluation.h"
#include "form.h"
#include "read.h"
#include "text.h"
#include "jixiao/limits.h"
#include "jixiao/util.h"

/* Read a whole regular file of at most JX_MAX_FILE_BYTES into a malloc'd buffer. */
static jx_status read_file(const char *path, char **data, size_t *len, jx_error *err)
{
    const char *base = jx_basename(path);
    struct stat st;
    if (stat(path, &st) != 0)
        return jx_error_set(err, JX_EINPUT, base, 0, "cannot open %s: %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return jx_error_set(err, JX_EINPUT, base, 0, "%s is not a regular file", path);
    if (st.st_size > JX_MAX_FILE_BYTES)
        return jx_error_set(err, JX_EINPUT, base, 0, "%s is larger than %ld bytes", path,
                            JX_MAX_FILE_BYTES);
    FILE *f = fopen(path, "rb");
    if (!f)
        return jx_error_set(err, JX_EINPUT, base, 0, "cannot open %s: %s", path, strerror(errno));
    /* Bounded even if the file grows while it is read. */
    size_t cap = (size_t)st.st_size + 1, n = 0, got;
    char *buf = jx_xmalloc(cap);
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n > (size_t)JX_MAX_FILE_BYTES) break;
        if (n == cap) buf = jx_xrealloc(buf, cap *= 2);
    }
    int failed = ferror(f);
    fclose(f);
    if (failed || n > (size_t)JX_MAX_FILE_BYTES) {
        free(buf);
        return failed ? jx_error_set(err, JX_ESYS, base, 0, "error reading %s", path)
                      : jx_error_set(err, JX_EINPUT, base, 0, "%s is larger than %ld bytes", path,
                                     JX_MAX_FILE_BYTES);
    }
    *data = buf;
    *len = n;
    return JX_OK;
}

/* Hex of a finished SHA-256. */
static void sha256_finish(struct sha256_ctx *ctx, char out[65])
{
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++) sprintf(out + 2 * i, "%02x", digest[i]);
    out[64] = '\0';
}

/* Hex SHA-256 of bytes. */
static void sha256_hex(const char *data, size_t len, char out[65])
{
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, len, (const uint8_t *)data);
    sha256_finish(&ctx, out);
}

/* What the pipeline looks for, said when a document holds none of it. */
#define LOOKED_FOR_DISCLOSURE \
    "no budget table (a title such as …部门收入预算总表) or project narrative (…项目经费情况说明) either"

/* The error for a document in which nothing was recognised (rows NULL: no worksheets). */
static jx_status nothing_found(const char *name, const jx_rows *rows, jx_error *err)
{
    if (rows && rows->nsections) {
        jx_buf names = {0};
        for (size_t i = 0; i < rows->nsections && names.len < 200; i++)
            jx_buf_printf(&names, "%s\"%s\"", i ? ", " : "", rows->sections[i]);
        jx_status st = jx_error_set(err, JX_EINPUT, name, 0,
                                    "no performance-target form found: no worksheet (%s) has a form "
                                    "title (…绩效目标申报表) or an indicator table "
                                    "(一级指标/二级指标/三级指标/指标值); " LOOKED_FOR_DISCLOSURE,
                                    names.data);
        jx_buf_free(&names);
        return st;
    }
    return jx_error_set(err, JX_EINPUT, name, 0,
                        "no performance-target form found (expected a title such as "
                        "…绩效目标申报表 or a 项目名称 row); " LOOKED_FOR_DISCLOSURE);
}

/* 1 when a disclosure carries anything: a table, a narrative or a stated figure. */
static int disclosure_has_parts(const jx_disclosure *d)
{
    return d && (d->ntables || d->nnarratives || d->nclaims);
}

/*
** The refusal of a document in which nothing imports: the first skipped
** part's error when there was one (the document's only form is truncated,
** say), else what was looked for.
*/
static jx_status nothing_imports(const char *name, const jx_rows *rows, const jx_note *notes,
                                 size_t skipped, jx_error *err)
{
    if (!skipped) return nothing_found(name, rows, err);
    const jx_note *n = &notes[0];
    return skipped == 1
               ? jx_error_set(err, JX_EINPUT, name, n->line, "%s", n->why)
               : jx_error_set(err, JX_EINPUT, name, n->line, "%s (and %zu more parts that "
                              "could not be read: nothing to import)", n->why, skipped - 1);
}

/*
** The parts of a document's rows: its forms, then the disclosure around them.
** A part that cannot be read was skipped by its reader and left a note on
** forms; the document is refused only when nothing in it imports: with the
** first skipped part's error when there was one (the document's only form is
** truncated, say), else with what was looked for. Nothing is appended on
** error.
*/
static jx_status read_parts(const char *name, const jx_rows *rows, jx_form_list *forms,
                            jx_error *err)
{
    size_t first = forms->count, first_note = forms->nnotes, first_eval = forms->nevaluations;
    jx_status st = jx_parse_forms(rows, name, forms, err);
    /* Self-evaluations and monitoring reports (lib/evaluate): parts of their own titles. */
    if (st == JX_OK && jx_evaluations_present(rows))
        st = jx_parse_evaluations(rows, name, forms, err);
    /* A department disclosure: budget tables, narratives linked to the forms. */
    jx_disclosure *d = NULL;
    if (st == JX_OK && jx_disclosure_detect(rows))
        st = jx_disclosure_read(rows, name, forms, first, &d, err);
    if (st == JX_OK && forms->count == first && forms->nevaluations == first_eval &&
        !disclosure_has_parts(d)) {
        /* notes is NULL while nothing was skipped: NULL + 0 is undefined (clang's UBSan). */
        const jx_note *skipped = forms->nnotes > first_note ? forms->notes + first_note : NULL;
        st = nothing_imports(name, rows, skipped, forms->nnotes - first_note, err);
    }
    if (st == JX_OK && d) {
        jx_form_list_add_disclosure(forms, d);
        d = NULL;
    }
    jx_disclosure_free(d);
    if (st != JX_OK) {
        while (forms->count > first) jx_form_free(forms->items[--forms->count]);
        while (forms->nevaluations > first_eval)
            jx_evaluation_free(forms->evaluations[--forms->nevaluations]);
        while (forms->nnotes > first_note) {
            jx_note *n = &forms->notes[--forms->nnotes];
            free(n->file);
            free(n->part);
            free(n->why);
        }
    }
    return st;
}

jx_status jx_import_bytes(const char *name, const char *data, size_t len,
                          jx_form_list *forms, char sha256[65], jx_error *err)
{
    sha256_hex(data, len, sha256);
    if (len > (size_t)JX_MAX_FILE_BYTES)
        return jx_error_set(err, JX_EINPUT, name, 0, "document is larger than %ld bytes",
                            JX_MAX_FILE_BYTES);
    jx_source src;
    jx_status st = jx_source_open(name, data, len, &src, err);
    const jx_reader *reader = st == JX_OK ? jx_reader_detect(&src) : NULL;
    if (st == JX_OK && !reader)
        st = jx_error_set(err, JX_EINPUT, name, 0,
                          "no reader recognises this document's layout");
    jx_rows rows = {0};
    size_t first = forms->count, first_ev = forms->nevaluations;
    if (st == JX_OK) st = reader->read(&src, &rows, err);
    if (st == JX_OK) st = read_parts(name, &rows, forms, err);
    /* A PDF: each form and indicator cites the page of its line. */
    for (size_t k = first; st == JX_OK && rows.paged && k < forms->count; k++) {
        jx_form *f = forms->items[k];
        f->page = jx_rows_page_of(&rows, f->line);
        for (size_t n = 0; n < f->nindicators; n++)
            f->indicators[n].page = jx_rows_page_of(&rows, f->indicators[n].line);
    }
    for (size_t k = 0; st == JX_OK && rows.paged && k < forms->nevaluations; k++)
        if (k >= first_ev) forms->evaluations[k]->page = jx_rows_page_of(&rows, forms->evaluations[k]->line);
    /* and the store keeps where each row is, and the bytes to render a region from */
    if (st == JX_OK && rows.paged && !forms->boxes) {
        forms->boxes = jx_xmalloc((rows.count ? rows.count : 1) * sizeof *forms->boxes);
        for (size_t k = 0; k < rows.count; k++) {
            const jx_row *r = &rows.items[k];
            if (r->page <= 0 || !(r->box[2] > r->box[0])) continue;
            forms->boxes[forms->nboxes++] = (jx_source_box){r->line, r->page, r->box[0], r->box[1],
                                                            r->box[2], r->box[3]};
        }
        if (len <= (size_t)JX_MAX_STORED_PDF_BYTES) {
            forms->pdf = jx_xmalloc(len ? len : 1);
            memcpy(forms->pdf, data, len);
            forms->pdf_len = len;
        }
    }
    jx_rows_free(&rows);
    jx_source_free(&src);
    return st;
}

/* ------------------------------------------------- the streaming import */

/*
** A large text file in the line layout is imported piece by piece: the file
** is mapped, not read into memory; a first pass hashes it and decides its
** encoding (jx_text_scan, as jx_text_decode would decide for the whole);
** then each piece of about JX_IMPORT_PIECE_BYTES -- whole lines -- is
** decoded, read into rows, cut before its last form title (the rows from
** there are read again with the next piece), parsed and handed to the sink,
** and its pages of the mapping dropped. A form title ends whatever form is
** open and resets the parser (jx_parse_forms_part carries the rest), and the
** line reader reads each row from its line alone (jx_reader.pieces), so the
** pieces' forms are exactly the whole document's.
**
** What stays whole, and why: smaller files (one piece); containers (XLSX,
** DOCX: the ZIP directory and shared strings; PDF: the cross-reference table
** and pages), each bounded by its own limits; the text layouts whose rows
** span lines (one cell per line, PDF-extractor runs and layout lines); a
** document holding a disclosure, a final account or a self-evaluation (its
** tables and narratives are linked across the whole document and to its
** forms: met in a later piece, the sink is told to forget what it was given
** and the document is read again whole). A refusal found in a piece (bytes
** that do not decode, a line too long, nothing to import) carries the
** whole-document message, offsets and lines of the whole file; the caller
** rolls back what the sink stored.
*/

/* Drop the mapping's pages below offset to (consumed) from the resident set. */
static void drop_pages(const char *map, size_t *dropped, size_t to)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t from = (uintptr_t)map + *dropped, end = ((uintptr_t)map + to) & ~(page - 1);
    if (end > from) {
        madvise((void *)from, end - from, MADV_DONTNEED);
        *dropped = end - (uintptr_t)map;
    }
}

/* The end of the piece at pos: at least want bytes, then up to just after a '\n' (or the end). */
static size_t piece_end(const char *d, size_t len, size_t pos, size_t want)
{
    if (len - pos <= want) return len;
    const char *nl = memchr(d + pos + want, '\n', len - pos - want);
    return nl ? (size_t)(nl - d) + 1 : len;
}

/* Offset in d[0..n) of the start of 1-based line `line`: CRLF, CR and LF each end a line, as decoded. */
static size_t line_offset(const char *d, size_t n, long line)
{
    size_t i = 0;
    for (long l = 1; l < line && i < n;) {
        char c = d[i++];
        if (c == '\r' && i < n && d[i] == '\n') i++;
        if (c == '\r' || c == '\n') l++;
    }
    return i;
}

/* The number of lines ended in d[0..n) (CRLF, CR, LF). */
static long line_breaks(const char *d, size_t n)
{
    long l = 0;
    for (size_t i = 0; i < n; i++) {
        if (d[i] == '\r' && i + 1 < n && d[i + 1] == '\n') i++;
        if (d[i] == '\r' || d[i] == '\n') l++;
    }
    return l;
}

/* Move the notes of from to the end of to. */
static void move_notes(jx_form_list *to, jx_form_list *from)
{
    if (!from->nnotes) return;
    to->notes = jx_xrealloc(to->notes, (to->nnotes + from->nnotes) * sizeof *to->notes);
    memcpy(to->notes + to->nnotes, from->notes, from->nnotes * sizeof *from->notes);
    to->nnotes += from->nnotes;
    free(from->notes);
    from->notes = NULL;
    from->nnotes = 0;
}

/* The whole-document import of the bytes into rest, then the sink begins. */
static jx_status import_whole(const char *name, const char *data, size_t len, const jx_import_sink *sink,
                              jx_form_list *rest, char sha256[65], jx_error *err)
{
    jx_status st = jx_import_bytes(name, data, len, rest, sha256, err);
    if (st == JX_OK) st = sink->begin(sink->ctx, sha256, err);
    return st;
}

/* What the pieces read so far is dropped (the sink too, when it began): the document goes whole. */
static jx_status read_again_whole(const char *name, const char *data, size_t len,
                                  const jx_import_sink *sink, int begun, jx_form_list *rest,
                                  char sha256[65], jx_error *err)
{
    if (begun) sink->reset(sink->ctx);
    jx_form_list_free(rest);
    memset(rest, 0, sizeof *rest);
    jx_error_clear(err);
    return import_whole(name, data, len, sink, rest, sha256, err);
}

/* The streaming import of data[0..len) (a mapped file of more than one piece). */
static jx_status import_pieces(const char *name, const char *data, size_t len, size_t piece,
                               const jx_import_sink *sink, jx_form_list *rest, char sha256[65],
                               jx_error *err)
{
    if (jx_source_is_container(data, len)) return import_whole(name, data, len, sink, rest, sha256, err);
    /* pass 1: the hash and the encoding of the whole file */
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    jx_text_scan scan = {0};
    size_t dropped = 0;
    for (size_t pos = 0; pos < len;) {
        size_t end = piece_end(data, len, pos, piece);
        sha256_update(&ctx, end - pos, (const uint8_t *)data + pos);
        jx_text_scan_piece(&scan, data + pos, end - pos);
        pos = end;
        drop_pages(data, &dropped, pos);
    }
    sha256_finish(&ctx, sha256);
    jx_text_enc enc = jx_text_scan_encoding(&scan);
    if (enc == JX_ENC_WHOLE) return import_whole(name, data, len, sink, rest, sha256, err);

    /* pass 2: piece by piece */
    const jx_reader *reader = NULL;
    jx_form_carry carry = {0};
    long line0 = 0;           /* lines before the piece */
    long newlines0 = 0;       /* '\n' bytes before it (decoding errors count lines so) */
    size_t pos = 0, want = piece, delivered = 0;
    int begun = 0;
    dropped = 0;
    while (pos < len) {
        size_t end = piece_end(data, len, pos, want);
        char *text;
        size_t tlen;
        jx_status st = jx_text_decode_piece(name, data + pos, end - pos, enc, pos, newlines0, &text,
                                            &tlen, err);
        if (st != JX_OK) return st;
        jx_source src = {.name = name, .data = data + pos, .len = end - pos,
                         .container = JX_CONTAINER_TEXT, .text = text, .textlen = tlen};
        if (!reader) {
            reader = jx_reader_detect(&src);   /* the layout, from the first piece */
            if (!reader || !reader->pieces) {
                free(text);
                return read_again_whole(name, data, len, sink, begun, rest, sha256, err);
            }
        }
        jx_rows rows = {0};
        st = reader->read(&src, &rows, err);
        free(text);
        if (st != JX_OK) {
            if (err->line) err->line += line0;   /* the whole file's line */
            jx_rows_free(&rows);
            return st;
        }
        for (size_t r = 0; r < rows.count; r++) rows.items[r].line += line0;
        /* cut before the last form title after the first row; none: a larger piece */
        size_t cut = rows.count;
        if (end < len) {
            while (cut > 1 && !jx_form_is_title(&rows.items[cut - 1])) cut--;
            cut = cut > 1 ? cut - 1 : 0;
            if (cut == 0 && rows.count) {
                jx_rows_free(&rows);
                want *= 2;
                continue;
            }
        }
        size_t next = end;
        long next_line0 = line0 + line_breaks(data + pos, end - pos);
        if (cut < rows.count) {
            next_line0 = rows.items[cut].line - 1;
            next = pos + line_offset(data + pos, end - pos, next_line0 - line0 + 1);
        }
        jx_rows head = rows;
        head.count = cut;
        if (jx_disclosure_hint(&head) || jx_evaluations_present(&head)) {
            jx_rows_free(&rows);
            return read_again_whole(name, data, len, sink, begun, rest, sha256, err);
        }
        jx_form_list batch = {0};
        st = jx_parse_forms_part(&head, name, &batch, &carry, err);
        jx_rows_free(&rows);
        move_notes(rest, &batch);
        if (st == JX_OK && batch.count) {
            if (!begun) st = sink->begin(sink->ctx, sha256, err);
            begun = 1;
            if (st == JX_OK) st = sink->forms(sink->ctx, &batch, err);
            delivered += batch.count;
        }
        jx_form_list_free(&batch);
        if (st != JX_OK) return st;
        for (const char *c = data + pos; (c = memchr(c, '\n', (size_t)(data + next - c))); c++) newlines0++;
        pos = next;
        line0 = next_line0;
        want = piece;
        drop_pages(data, &dropped, pos);
    }
    /* nothing imports: the whole document's refusal (no part of another kind was seen) */
    if (!delivered) return nothing_imports(name, NULL, rest->notes, rest->nnotes, err);
    return JX_OK;
}

jx_status jx_import_file_to(const char *path, size_t piece, const jx_import_sink *sink,
                            jx_form_list *rest, char sha256[65], jx_error *err)
{
    if (!piece) piece = JX_IMPORT_PIECE_BYTES;
    const char *base = jx_basename(path);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > (off_t)piece &&
        st.st_size <= JX_MAX_FILE_BYTES) {
        int fd = open(path, O_RDONLY);
        void *map = fd >= 0 ? mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
        if (fd >= 0) close(fd);
        if (map != MAP_FAILED) {
            madvise(map, (size_t)st.st_size, MADV_SEQUENTIAL);
            jx_status rc = import_pieces(base, map, (size_t)st.st_size, piece, sink, rest, sha256, err);
            munmap(map, (size_t)st.st_size);
            return rc;
        }
    }
    /* a small file, or one that cannot be mapped: read whole, with read_file's errors */
    char *raw = NULL;
    size_t rawlen = 0;
    jx_status rc = read_file(path, &raw, &rawlen, err);
    if (rc != JX_OK) return rc;
    rc = import_whole(base, raw, rawlen, sink, rest, sha256, err);
    free(raw);
    return rc;
}

jx_status jx_import_file(const char *path, jx_form_list *forms,
                         char sha256[65], jx_error *err)
{
    char *raw = NULL;
    size_t rawlen = 0;
    jx_status st = read_file(path, &raw, &rawlen, err);
    if (st != JX_OK) return st;
    st = jx_import_bytes(jx_basename(path), raw, rawlen, forms, sha256, err);
    free(raw);
    return st;
}
