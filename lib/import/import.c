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
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "disclosure.h"
#include "evaluate.h"
#include "jixiao/evaluation.h"
#include "form.h"
#include "read.h"
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

/* Hex SHA-256 of bytes. */
static void sha256_hex(const char *data, size_t len, char out[65])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, len, (const uint8_t *)data);
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++) sprintf(out + 2 * i, "%02x", digest[i]);
    out[64] = '\0';
}

/* What the pipeline looks for, said when a document holds none of it. */
#define LOOKED_FOR_DISCLOSURE \
    "no budget table (a title such as …部门收入预算总表) or project narrative (…项目经费情况说明) either"

/* The error for a document in which nothing was recognised. */
static jx_status nothing_found(const char *name, const jx_rows *rows, jx_error *err)
{
    if (rows->nsections) {
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
        size_t skipped = forms->nnotes - first_note;
        if (skipped) {
            const jx_note *n = &forms->notes[first_note];
            st = skipped == 1
                     ? jx_error_set(err, JX_EINPUT, name, n->line, "%s", n->why)
                     : jx_error_set(err, JX_EINPUT, name, n->line, "%s (and %zu more parts that "
                                    "could not be read: nothing to import)", n->why, skipped - 1);
        } else {
            st = nothing_found(name, rows, err);
        }
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
