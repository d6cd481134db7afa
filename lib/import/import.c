/*
** import.c - one file on disk to forms: read, hash, decode, rows, forms.
*/
#include "jixiao/import.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "disclosure.h"
#include "form.h"
#include "text.h"
#include "jixiao/util.h"

/* Largest input file accepted (a province's round fits in far less). */
#define JX_MAX_FILE_BYTES (512L * 1024 * 1024)

/* Read a whole regular file into a malloc'd buffer. */
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
    size_t cap = (size_t)st.st_size + 1, n = 0, got;
    char *buf = jx_xmalloc(cap);
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) buf = jx_xrealloc(buf, cap *= 2);
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return jx_error_set(err, JX_ESYS, base, 0, "error reading %s", path);
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

jx_status jx_import_file(const char *path, jx_form_list *forms,
                         char sha256[65], jx_error *err)
{
    const char *base = jx_basename(path);
    char *raw = NULL, *text = NULL;
    size_t rawlen = 0, textlen = 0;
    jx_rows rows = {0};
    jx_status st = read_file(path, &raw, &rawlen, err);
    if (st != JX_OK) return st;
    sha256_hex(raw, rawlen, sha256);
    /* Office containers (.xlsx/.docx, or an OLE file) are read as documents, not text. */
    if (jx_office_sniff(raw, rawlen, base) != JX_OFFICE_NONE) {
        st = jx_office_import(raw, rawlen, base, forms, err);
        free(raw);
        return st;
    }
    st = jx_text_decode(raw, rawlen, base, &text, &textlen, err);
    free(raw);
    if (st != JX_OK) return st;
    const jx_layout *layout = jx_layout_detect(text, textlen);
    st = layout->read(text, textlen, base, &rows, err);
    size_t first = forms->count;
    if (st == JX_OK) st = jx_parse_forms(&rows, base, forms, err);
    /* A department disclosure: budget tables, narratives linked to the forms. */
    if (st == JX_OK && jx_disclosure_detect(&rows)) {
        jx_disclosure *d = NULL;
        st = jx_disclosure_read(&rows, base, forms, first, &d, err);
        if (st == JX_OK) jx_form_list_add_disclosure(forms, d);
    }
    jx_rows_free(&rows);
    free(text);
    return st;
}
