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
** is read with pread, a window of a piece or two at a time, never whole; a
** first pass hashes it and decides its encoding (jx_text_scan, as
** jx_text_decode would decide for the whole); then each piece of about
** JX_IMPORT_PIECE_BYTES -- whole lines -- is decoded, read into rows, cut
** before its last form title (the rows from there are read again with the
** next piece), parsed and handed to the sink. A form title ends whatever
** form is open and resets the parser (jx_parse_forms_part carries the rest),
** and the line reader reads each row from its line alone (jx_reader.pieces),
** so the pieces' forms are exactly the whole document's.
**
** The layout is the whole file's: the first piece decides whether reading in
** pieces is worth starting, and the second pass counts every piece's layout
** evidence (jx_layout_tally); when the whole file would not be read by the
** line reader (its first MiB markdown, the rest one cell per line, say), what
** the sink was given is forgotten and the file is read again whole.
**
** A file that changes under the import is refused, never half stored: a
** read that comes up short (truncated) is an error naming the file, not a
** SIGBUS as a mapping's was; the second pass hashes what it reads again, and
** bytes that differ from the first pass's (rewritten in place), or a size or
** modification time that moved by the end, refuse the file -- its forms
** would not be the hash's. The caller rolls back what the sink stored.
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

/*
** The file being imported: its descriptor, its size and time when opened,
** and a window buf[0..n) holding its bytes [off, off + n). Views into the
** window stay valid until the next window_view.
*/
typedef struct file_window {
    int fd;
    const char *name;          /* the file's base name, for messages */
    size_t len;                /* its size at fstat */
    struct timespec mtime;     /* and its modification time */
    char *buf;
    size_t off, n, cap;
} file_window;

/* The refusal of a file that changed while it was imported; why says how it showed. */
static jx_status changed_error(const file_window *w, const char *why, jx_error *err)
{
    return jx_error_set(err, JX_EINPUT, w->name, 0,
                        "the file changed while it was imported (%s): nothing of it is stored; "
                        "import it again once it is written", why);
}

/* JX_OK when the file still has the size and modification time it was opened with, else the refusal. */
static jx_status file_unmoved(const file_window *w, jx_error *err)
{
    struct stat now;
    if (fstat(w->fd, &now) != 0 || (size_t)now.st_size != w->len ||
        now.st_mtim.tv_sec != w->mtime.tv_sec || now.st_mtim.tv_nsec != w->mtime.tv_nsec)
        return changed_error(w, "its size or modification time moved", err);
    return JX_OK;
}

/* Make the window hold bytes [from, to) of the file (to <= len); *p is byte from. */
static jx_status window_view(file_window *w, size_t from, size_t to, const char **p, jx_error *err)
{
    if (from < w->off || to > w->off + w->n) {
        /* keep what is loaded of [from, to), read the rest */
        size_t keep_from = from, kept = 0;
        if (from >= w->off && from < w->off + w->n) {
            kept = w->off + w->n - from;
            memmove(w->buf, w->buf + (from - w->off), kept);
        }
        if (to - from > w->cap) {
            w->cap = to - from;
            w->buf = jx_xrealloc(w->buf, w->cap);
        }
        w->off = keep_from;
        w->n = kept;
        while (w->n < to - from) {
            ssize_t got = pread(w->fd, w->buf + w->n, to - from - w->n, (off_t)(w->off + w->n));
            if (got < 0 && errno == EINTR) continue;
            if (got < 0)
                return jx_error_set(err, JX_ESYS, w->name, 0, "error reading %s: %s", w->name,
                                    strerror(errno));
            if (got == 0) {
                char why[96];
                snprintf(why, sizeof why, "it is now shorter than the %zu bytes it had", w->len);
                return changed_error(w, why, err);
            }
            w->n += (size_t)got;
        }
    }
    *p = w->buf + (from - w->off);
    return JX_OK;
}

/*
** The piece at pos: at least want bytes, then up to just after a '\n' (or the
** end of the file); *end its end, *p its bytes in the window.
*/
static jx_status window_piece(file_window *w, size_t pos, size_t want, size_t *end, const char **p,
                              jx_error *err)
{
    if (w->len - pos <= want) {
        *end = w->len;
        return window_view(w, pos, w->len, p, err);
    }
    size_t look = pos + want, step = want;   /* a line is rarely longer than a piece */
    for (;;) {
        size_t to = w->len - look <= step ? w->len : look + step;
        jx_status st = window_view(w, pos, to, p, err);
        if (st != JX_OK) return st;
        const char *nl = memchr(*p + (look - pos), '\n', to - look);
        if (nl) {
            *end = pos + (size_t)(nl - *p) + 1;
            return JX_OK;
        }
        if (to == w->len) {
            *end = w->len;
            return JX_OK;
        }
        look = to;
        step *= 2;   /* a long line: read on in growing steps */
    }
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

/* The length of the first `lines` lines of decoded text t[0..n) (newlines are '\n' alone). */
static size_t decoded_lines(const char *t, size_t n, long lines)
{
    size_t i = 0;
    for (long l = 0; l < lines && i < n; l++) {
        const char *nl = memchr(t + i, '\n', n - i);
        i = nl ? (size_t)(nl - t) + 1 : n;
    }
    return i;
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

/*
** The whole-document import of the file into rest, then the sink begins;
** then, as at the end of the pieces, the file must not have moved since it
** was opened (one still being appended to would import as its prefix).
*/
static jx_status import_whole(file_window *w, const jx_import_sink *sink, jx_form_list *rest,
                              char sha256[65], jx_error *err)
{
    const char *data;
    jx_status st = window_view(w, 0, w->len, &data, err);
    if (st == JX_OK) st = jx_import_bytes(w->name, data, w->len, rest, sha256, err);
    if (st == JX_OK) st = sink->begin(sink->ctx, sha256, err);
    if (st == JX_OK) st = file_unmoved(w, err);
    return st;
}

/* What the pieces read so far is dropped (the sink too, when it began): the document goes whole. */
static jx_status read_again_whole(file_window *w, const jx_import_sink *sink, int begun,
                                  jx_form_list *rest, char sha256[65], jx_error *err)
{
    if (begun) sink->reset(sink->ctx);
    jx_form_list_free(rest);
    memset(rest, 0, sizeof *rest);
    jx_error_clear(err);
    return import_whole(w, sink, rest, sha256, err);
}

/* The streaming import of a file of more than one piece. */
static jx_status import_pieces(file_window *w, size_t piece, const jx_import_sink *sink,
                               jx_form_list *rest, char sha256[65], jx_error *err)
{
    const char *name = w->name, *data;
    size_t len = w->len;
    jx_status st = window_view(w, 0, len < 16 ? len : 16, &data, err);
    if (st != JX_OK) return st;
    if (jx_source_is_container(data, len < 16 ? len : 16)) return import_whole(w, sink, rest, sha256, err);
    /* pass 1: the hash and the encoding of the whole file */
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    jx_text_scan scan = {0};
    for (size_t pos = 0, end; pos < len; pos = end) {
        if ((st = window_piece(w, pos, piece, &end, &data, err)) != JX_OK) return st;
        sha256_update(&ctx, end - pos, (const uint8_t *)data);
        jx_text_scan_piece(&scan, data, end - pos);
    }
    sha256_finish(&ctx, sha256);
    jx_text_enc enc = jx_text_scan_encoding(&scan);
    if (enc == JX_ENC_WHOLE) return import_whole(w, sink, rest, sha256, err);

    /* pass 2: piece by piece, hashing again what is consumed */
    const jx_reader *reader = NULL;
    jx_layout_tally tally = {0};
    jx_form_carry carry = {0};
    sha256_init(&ctx);
    long line0 = 0;           /* lines before the piece */
    long newlines0 = 0;       /* '\n' bytes before it (decoding errors count lines so) */
    size_t pos = 0, want = piece, delivered = 0, end;
    int begun = 0;
    while (pos < len) {
        if ((st = window_piece(w, pos, want, &end, &data, err)) != JX_OK) return st;
        char *text;
        size_t tlen;
        st = jx_text_decode_piece(name, data, end - pos, enc, pos, newlines0, &text, &tlen, err);
        if (st != JX_OK) return st;
        jx_source src = {.name = name, .data = data, .len = end - pos,
                         .container = JX_CONTAINER_TEXT, .text = text, .textlen = tlen};
        if (!reader) {
            reader = jx_reader_detect(&src);   /* worth starting in pieces? (the whole decides below) */
            if (!reader || !reader->pieces) {
                free(text);
                return read_again_whole(w, sink, begun, rest, sha256, err);
            }
        }
        jx_rows rows = {0};
        st = reader->read(&src, &rows, err);
        if (st != JX_OK) {
            free(text);
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
                free(text);
                jx_rows_free(&rows);
                want *= 2;
                continue;
            }
        }
        size_t next = end;
        long next_line0 = line0 + line_breaks(data, end - pos);
        if (cut < rows.count) {
            next_line0 = rows.items[cut].line - 1;
            next = pos + line_offset(data, end - pos, next_line0 - line0 + 1);
        }
        /* the consumed lines, each once: the layout's evidence and the second hash */
        jx_layout_tally_text(&tally, text, decoded_lines(text, tlen, next_line0 - line0));
        free(text);
        sha256_update(&ctx, next - pos, (const uint8_t *)data);
        jx_rows head = rows;
        head.count = cut;
        if (jx_disclosure_hint(&head) || jx_evaluations_present(&head)) {
            jx_rows_free(&rows);
            return read_again_whole(w, sink, begun, rest, sha256, err);
        }
        jx_form_list batch = {0};
        st = jx_parse_forms_part(&head, name, &batch, &carry, err);
        jx_rows_free(&rows);
        move_notes(rest, &batch);
        if (st == JX_OK && batch.count) {
            if (!begun) st = sink->begin(sink->ctx, sha256, err);
            begun = 1;
            delivered += batch.count;   /* before the sink, which may take the forms */
            if (st == JX_OK) st = sink->forms(sink->ctx, &batch, err);
        }
        jx_form_list_free(&batch);
        if (st != JX_OK) return st;
        for (const char *c = data; (c = memchr(c, '\n', (size_t)(data + (next - pos) - c))); c++) newlines0++;
        pos = next;
        line0 = next_line0;
        want = piece;
    }
    /* the bytes read now are the bytes hashed, and the file has not moved since */
    char again[65];
    sha256_finish(&ctx, again);
    if (strcmp(again, sha256)) return changed_error(w, "its bytes differ between two readings", err);
    if ((st = file_unmoved(w, err)) != JX_OK) return st;
    /* the whole file's layout is not the line reader's: read it whole */
    if (!jx_layout_tally_pieces(&tally)) return read_again_whole(w, sink, begun, rest, sha256, err);
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
    int fd = -1;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > (off_t)piece &&
        st.st_size <= JX_MAX_FILE_BYTES && (fd = open(path, O_RDONLY)) >= 0) {
        /* the size and time of the file opened, not of the name stat'ed */
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > (off_t)piece &&
            st.st_size <= JX_MAX_FILE_BYTES) {
            file_window w = {.fd = fd, .name = base, .len = (size_t)st.st_size, .mtime = st.st_mtim};
            jx_status rc = import_pieces(&w, piece, sink, rest, sha256, err);
            free(w.buf);
            close(fd);
            return rc;
        }
        close(fd);
    }
    /* a small file, or one that cannot be opened: read whole, with read_file's errors */
    char *raw = NULL;
    size_t rawlen = 0;
    jx_status rc = read_file(path, &raw, &rawlen, err);
    if (rc != JX_OK) return rc;
    rc = jx_import_bytes(base, raw, rawlen, rest, sha256, err);
    if (rc == JX_OK) rc = sink->begin(sink->ctx, sha256, err);
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
