/*
** util.c - helpers of the fuzz targets (see fuzz.h).
*/
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) abort();
    if (size) memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

char *fuzz_zip(const char *const *names, const char *const *parts, const size_t *lens, size_t n,
               size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *out = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (!out) return NULL;
    zip_source_keep(out);
    zip_t *za = zip_open_from_source(out, ZIP_TRUNCATE, &ze);
    if (!za) { zip_source_free(out); zip_error_fini(&ze); return NULL; }
    for (size_t i = 0; i < n; i++) {
        if (!parts[i]) continue;
        zip_source_t *src = zip_source_buffer(za, parts[i], lens[i], 0);
        zip_int64_t idx = src ? zip_file_add(za, names[i], src, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0) { zip_source_free(src); continue; }
        zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
    }
    char *buf = NULL;
    if (zip_close(za) == 0 && zip_source_open(out) == 0) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_source_stat(out, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
            buf = malloc(st.size ? st.size : 1);
            if (!buf) abort();
            if (zip_source_read(out, buf, st.size) != (zip_int64_t)st.size) { free(buf); buf = NULL; }
            else *len = st.size;
        }
        zip_source_close(out);
    } else if (za) {
        zip_discard(za);
    }
    zip_source_free(out);
    zip_error_fini(&ze);
    return buf;
}

size_t fuzz_split(const uint8_t *data, size_t size, char **pieces, size_t *lens, size_t max)
{
    static const char sep[] = "<!--part-->";
    const size_t k = sizeof sep - 1;
    size_t n = 0, from = 0;
    for (size_t i = 0; n + 1 < max && i + k <= size; i++) {
        if (memcmp(data + i, sep, k) != 0) continue;
        lens[n] = i - from;
        pieces[n++] = fuzz_cstr(data + from, i - from);
        from = i + k;
        i += k - 1;
    }
    lens[n] = size - from;
    pieces[n++] = fuzz_cstr(data + from, size - from);
    return n;
}
