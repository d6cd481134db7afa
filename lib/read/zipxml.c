/*
** zipxml.c - ZIP archives in memory (libzip) and streaming XML (expat) for
** the Office readers. See zipxml.h.
**
** Nothing here trusts the archive: part sizes are capped before and while
** reading, so are all parts of one package together (JX_MAX_PART_BYTES,
** JX_MAX_PACKAGE_BYTES), encrypted parts are refused, element nesting is
** bounded (JX_MAX_XML_DEPTH), and expat is used with its default protections
** (no external entities, billion-laughs limits).
*/
#include "zipxml.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "jixiao/limits.h"
#include "jixiao/util.h"

struct jx_zip {
    zip_t *za;
    const char *file;     /* base name for errors (borrowed) */
    size_t total;         /* bytes of all parts read so far, decompressed */
};

/* Open an in-memory archive (see zipxml.h). */
jx_status jx_zip_open(const char *data, size_t len, const char *file,
                      jx_zip **out, jx_error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) {
        jx_status st = jx_error_set(err, JX_EINPUT, file, 0, "cannot read ZIP archive: %s",
                                    zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return st;
    }
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!za) {
        zip_source_free(src);
        jx_status st = jx_error_set(err, JX_EINPUT, file, 0,
                                    "corrupt ZIP archive (not a readable .xlsx/.docx): %s",
                                    zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return st;
    }
    zip_error_fini(&ze);
    jx_zip *z = jx_xmalloc(sizeof *z);
    z->za = za;
    z->file = file;
    z->total = 0;
    *out = z;
    return JX_OK;
}

/* Close an archive; NULL is allowed. */
void jx_zip_close(jx_zip *zip)
{
    if (!zip) return;
    zip_discard(zip->za);
    free(zip);
}

/* 1 when the archive holds a part of this name. */
int jx_zip_has(jx_zip *zip, const char *name)
{
    return zip_name_locate(zip->za, name, 0) >= 0;
}

/* Read a whole part, refusing encrypted and oversized ones. */
jx_status jx_zip_read(jx_zip *zip, const char *name, char **data, size_t *len,
                      jx_error *err)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(zip->za, name, 0, &st) != 0)
        return jx_error_set(err, JX_EINPUT, zip->file, 0, "archive has no part %s", name);
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return jx_error_set(err, JX_EINPUT, zip->file, 0,
                            "part %s is password-protected: save the document without a password",
                            name);
    if ((st.valid & ZIP_STAT_SIZE) && st.size > (zip_uint64_t)JX_MAX_PART_BYTES)
        return jx_error_set(err, JX_EINPUT, zip->file, 0,
                            "part %s is larger than %ld bytes uncompressed", name, JX_MAX_PART_BYTES);
    zip_file_t *zf = zip_fopen(zip->za, name, 0);
    if (!zf)
        return jx_error_set(err, JX_EINPUT, zip->file, 0, "cannot open part %s: %s", name,
                            zip_strerror(zip->za));
    size_t cap = (st.valid & ZIP_STAT_SIZE) ? (size_t)st.size + 1 : 65536, n = 0;
    char *buf = jx_xmalloc(cap);
    for (;;) {
        if (n + 1 >= cap) buf = jx_xrealloc(buf, cap *= 2);
        zip_int64_t got = zip_fread(zf, buf + n, cap - n - 1);
        if (got < 0) {
            jx_status s = jx_error_set(err, JX_EINPUT, zip->file, 0,
                                       "corrupt ZIP archive: cannot read part %s: %s", name,
                                       zip_file_strerror(zf));
            zip_fclose(zf);
            free(buf);
            return s;
        }
        if (got == 0) break;
        n += (size_t)got;
        if (n > (size_t)JX_MAX_PART_BYTES) {
            zip_fclose(zf);
            free(buf);
            return jx_error_set(err, JX_EINPUT, zip->file, 0,
                                "part %s is larger than %ld bytes uncompressed", name,
                                JX_MAX_PART_BYTES);
        }
        if (zip->total + n > (size_t)JX_MAX_PACKAGE_BYTES) {
            zip_fclose(zf);
            free(buf);
            return jx_error_set(err, JX_EINPUT, zip->file, 0,
                                "the parts read reach %ld bytes uncompressed at %s "
                                "(JX_MAX_PACKAGE_BYTES)", JX_MAX_PACKAGE_BYTES, name);
        }
    }
    zip_fclose(zf);
    zip->total += n;
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return JX_OK;
}

/* Which of the known namespaces a URI is (transitional or strict). */
static jx_xml_ns ns_of(const char *uri, size_t n)
{
    static const struct { const char *suffix; jx_xml_ns ns; } known[] = {
        {"spreadsheetml/2006/main", JX_NS_SHEET},
        {"spreadsheetml/main", JX_NS_SHEET},
        {"wordprocessingml/2006/main", JX_NS_WORD},
        {"wordprocessingml/main", JX_NS_WORD},
        {"officeDocument/2006/relationships", JX_NS_REL},
        {"officeDocument/relationships", JX_NS_REL},
        {"package/2006/relationships", JX_NS_PKGREL},
        {"markup-compatibility/2006", JX_NS_MC},
    };
    for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
        size_t k = strlen(known[i].suffix);
        if (n >= k && memcmp(uri + n - k, known[i].suffix, k) == 0) return known[i].ns;
    }
    return JX_NS_OTHER;
}

typedef struct xml_ctx {
    const jx_xml_handler *h;
    XML_Parser p;
    int depth;            /* open elements */
    int too_deep;
} xml_ctx;

/* Split expat's "uri|local" into the namespace and the local name. */
static const char *split_name(const char *name, jx_xml_ns *ns)
{
    const char *bar = strrchr(name, '|');
    if (!bar) { *ns = JX_NS_OTHER; return name; }
    *ns = ns_of(name, (size_t)(bar - name));
    return bar + 1;
}

/* expat start-tag callback: local name to the handler. */
static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xml_ctx *c = ud;
    if (++c->depth > JX_MAX_XML_DEPTH) {
        c->too_deep = 1;
        XML_StopParser(c->p, XML_FALSE);
        return;
    }
    jx_xml_ns ns;
    const char *local = split_name(name, &ns);
    if (c->h->start) c->h->start(c->h->ud, ns, local, atts);
}

/* expat end-tag callback: local name to the handler. */
static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    xml_ctx *c = ud;
    c->depth--;
    jx_xml_ns ns;
    const char *local = split_name(name, &ns);
    if (c->h->end) c->h->end(c->h->ud, ns, local);
}

/* expat character-data callback. */
static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    xml_ctx *c = ud;
    if (c->h->text) c->h->text(c->h->ud, s, len);
}

/* Stream an XML part through the handler. */
jx_status jx_xml_parse(const char *xml, size_t len, const char *file,
                       const char *part, const jx_xml_handler *h, jx_error *err)
{
    XML_Parser p = XML_ParserCreateNS(NULL, '|');
    if (!p) return jx_error_set(err, JX_ENOMEM, file, 0, "out of memory creating XML parser");
    xml_ctx c = {h, p, 0, 0};
    XML_SetUserData(p, &c);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    jx_status st = JX_OK;
    /* Feed in chunks: XML_Parse takes an int length. */
    size_t pos = 0;
    const size_t chunk = 1 << 24;
    do {
        size_t n = len - pos < chunk ? len - pos : chunk;
        int final = pos + n == len;
        if (XML_Parse(p, xml + pos, (int)n, final) != XML_STATUS_OK) {
            if (c.too_deep) {
                st = jx_error_set(err, JX_EINPUT, file, 0,
                                  "part %s nests elements deeper than %d (XML line %lu): "
                                  "not an Office document", part, JX_MAX_XML_DEPTH,
                                  (unsigned long)XML_GetCurrentLineNumber(p));
                break;
            }
            st = jx_error_set(err, JX_EINPUT, file, 0, "part %s is not well-formed XML (XML line %lu: %s)",
                              part, (unsigned long)XML_GetCurrentLineNumber(p),
                              XML_ErrorString(XML_GetErrorCode(p)));
            break;
        }
        pos += n;
    } while (pos < len);
    XML_ParserFree(p);
    return st;
}

/* An attribute by local name, whatever its prefix. */
const char *jx_xml_attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts && atts[i]; i += 2) {
        const char *bar = strrchr(atts[i], '|');
        const char *local = bar ? bar + 1 : atts[i];
        if (strcmp(local, name) == 0) return atts[i + 1];
    }
    return NULL;
}

/* A relationship target as a part name inside the archive. */
char *jx_zip_resolve(const char *owner, const char *target)
{
    jx_buf path = {0};
    if (target[0] != '/') {
        const char *slash = strrchr(owner, '/');
        if (slash) jx_buf_append(&path, owner, (size_t)(slash - owner) + 1);
    }
    jx_buf_puts(&path, target);
    /* Normalise the segments: drop "" and ".", let ".." remove one. */
    jx_buf out = {0};
    const char *s = path.data;
    while (*s) {
        const char *e = strchr(s, '/');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == 2 && s[0] == '.' && s[1] == '.') {
            char *up = out.len ? strrchr(out.data, '/') : NULL;
            out.len = up ? (size_t)(up - out.data) : 0;
            if (out.data) out.data[out.len] = '\0';
        } else if (n > 0 && !(n == 1 && s[0] == '.')) {
            if (out.len) jx_buf_putc(&out, '/');
            jx_buf_append(&out, s, n);
        }
        s += n;
        if (*s == '/') s++;
    }
    jx_buf_free(&path);
    return jx_buf_take(&out);
}

/* Collapse whitespace runs to one space and trim. */
char *jx_office_clean(const char *s, size_t len)
{
    jx_buf b = {0};
    int space = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { space = 1; continue; }
        if (space && b.len) jx_buf_putc(&b, ' ');
        space = 0;
        jx_buf_putc(&b, c);
    }
    return jx_buf_take(&b);
}
