/*
** text.c - the text layer: bytes -> UTF-8 (jx_text_decode), converter
** markup -> plain text (jx_text_plain), label keys (jx_text_key) and money
** (amounts: money.c).
**
** Every pass here is linear in its input. Where a scan must look ahead for a
** closing mark ('>', '$', "\)", "-->"), the position found is cached in a
** "finder" so that many openers without a closer do not rescan the rest of
** the cell each time.
*/
#include "text.h"

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

/*
** Multibyte UTF-8 characters (of 3 or 4 bytes) that must precede the first
** invalid byte for a file to count as damaged UTF-8 rather than GB18030.
** GB18030 text almost never forms even one such character by chance.
*/
#define UTF8_EVIDENCE 4

/* ---------------------------------------------------------------- decode */

size_t jx_text_utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80) return 1;
    if (c < 0xC2 || c > 0xF4) return 0;
    if (c < 0xE0) return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && s[1] < 0xA0) return 0;   /* overlong */
        if (c == 0xED && s[1] >= 0xA0) return 0;  /* UTF-16 surrogate */
        return 3;
    }
    if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
        (s[3] & 0xC0) != 0x80) return 0;
    if (c == 0xF0 && s[1] < 0x90) return 0;       /* overlong */
    if (c == 0xF4 && s[1] >= 0x90) return 0;      /* above U+10FFFF */
    return 4;
}

/*
** Offset of the first byte of s that is not valid UTF-8, or n when all is.
** *wide gets the number of 3- and 4-byte characters before that offset.
*/
static size_t utf8_valid_prefix(const char *s, size_t n, size_t *wide)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    *wide = 0;
    while (i < n) {
        if (u[i] < 0x80) { i++; continue; }
        size_t k = jx_text_utf8_len(u + i, n - i);
        if (k == 0) return i;
        if (k >= 3) (*wide)++;
        i += k;
    }
    return n;
}

/* The 1-based line holding byte offset off: one plus the '\n' before it. */
static long line_of(const char *s, size_t off)
{
    long line = 1;
    const char *p = s, *end = s + off;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) { line++; p++; }
    return line;
}

/* A hint for input that starts with a UTF-16 byte order mark, else "". */
static const char *utf16_hint(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return "; it looks like UTF-16 (byte order mark FF FE): save it as UTF-8";
    if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return "; it looks like UTF-16 (byte order mark FE FF): save it as UTF-8";
    return "";
}

/* Turn CRLF and lone CR into LF in place; returns the new length. */
static size_t unify_newlines(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r') {
            s[o++] = '\n';
            if (i + 1 < n && s[i + 1] == '\n') i++;
        } else {
            s[o++] = s[i];
        }
    }
    s[o] = '\0';
    return o;
}

/*
** Convert n bytes of GB18030 to a new malloc'd UTF-8 string in *out.
** Returns 0 on success, 1 with *bad at the offending offset when the bytes
** are not GB18030, -1 when the converter is unavailable.
*/
static int gb18030_to_utf8(const char *s, size_t n, char **out, size_t *out_len,
                           size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1) return -1;
    /* A GB18030 character becomes at most 1.5 times as many UTF-8 bytes. */
    size_t cap = n + n / 2 + 16, used = 0;
    char *buf = jx_xmalloc(cap);
    char *in = (char *)(uintptr_t)s;
    size_t inleft = n;
    int rc = 0;
    while (inleft > 0) {   /* GB18030 is stateless: nothing to flush after */
        char *o = buf + used;
        size_t oleft = cap - used - 1;
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        used = (size_t)(o - buf);
        if (r != (size_t)-1) continue;
        if (errno == E2BIG) {
            cap *= 2;
            buf = jx_xrealloc(buf, cap);
            continue;
        }
        *bad = (size_t)(in - s);   /* EILSEQ, or EINVAL: cut short at the end */
        rc = 1;
        break;
    }
    iconv_close(cd);
    if (rc != 0) { free(buf); return rc; }
    buf[used] = '\0';
    *out = buf;
    *out_len = used;
    return 0;
}

/* Reject input holding a NUL byte: binary data, or UTF-16/32 text. */
static jx_status reject_binary(const char *bytes, size_t len, const char *nul,
                               const char *file, jx_error *err)
{
    size_t off = (size_t)(nul - bytes);
    return jx_error_set(err, JX_EINPUT, file, line_of(bytes, off),
                        "binary data (NUL byte) at byte offset %zu%s", off,
                        utf16_hint(bytes, len));
}

jx_status jx_text_decode(const char *bytes, size_t len, const char *file,
                         char **out, size_t *out_len, jx_error *err)
{
    size_t start = 0;
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) start = 3;
    if (len == start)
        return jx_error_set(err, JX_EINPUT, file, 0, "file is empty");
    const char *nul = memchr(bytes, '\0', len);
    if (nul) return reject_binary(bytes, len, nul, file, err);

    size_t wide;
    size_t bad = start + utf8_valid_prefix(bytes + start, len - start, &wide);
    if (bad == len) {
        char *text = jx_strndup(bytes + start, len - start);
        *out_len = unify_newlines(text, len - start);
        *out = text;
        return JX_OK;
    }
    if (start > 0 || wide >= UTF8_EVIDENCE)
        return jx_error_set(err, JX_EINPUT, file, line_of(bytes, bad),
                            "invalid UTF-8 at byte offset %zu (the text before it is UTF-8%s)",
                            bad, start ? " with a byte order mark" : "");

    char *text = NULL;
    size_t n = 0;
    int rc = gb18030_to_utf8(bytes, len, &text, &n, &bad);
    if (rc < 0)
        return jx_error_set(err, JX_ESYS, file, 0,
                            "the text is not UTF-8 and the GB18030 converter is unavailable: %s",
                            strerror(errno));
    if (rc > 0)
        return jx_error_set(err, JX_EINPUT, file, line_of(bytes, bad),
                            "invalid text: neither UTF-8 nor GB18030 at byte offset %zu%s",
                            bad, utf16_hint(bytes, len));
    /* GB18030 has its own byte order mark (84 31 95 33): it decodes to U+FEFF. */
    if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        memmove(text, text + 3, n - 3 + 1);
        n -= 3;
    }
    if (n == 0) {
        free(text);
        return jx_error_set(err, JX_EINPUT, file, 0, "file is empty");
    }
    *out_len = unify_newlines(text, n);
    *out = text;
    return JX_OK;
}

/* ------------------------------------------------------ decode by pieces */

void jx_text_scan_piece(jx_text_scan *scan, const char *piece, size_t n)
{
    size_t start = 0;
    if (scan->len == 0 && n >= 3 && memcmp(piece, "\xEF\xBB\xBF", 3) == 0) {
        scan->bom = 1;
        start = 3;
    }
    if (scan->len == 0 && n >= 2 && ((piece[0] == '\xFF' && piece[1] == '\xFE') ||
                                     (piece[0] == '\xFE' && piece[1] == '\xFF')))
        scan->utf16 = 1;
    scan->len += n;
    if (!scan->nul && memchr(piece, '\0', n)) scan->nul = 1;
    if (scan->bad) return;
    size_t wide;
    /* pieces end after a '\n': no character is split between two of them */
    size_t ok = start + utf8_valid_prefix(piece + start, n - start, &wide);
    scan->wide += wide;
    if (ok < n) scan->bad = 1;
}

jx_text_enc jx_text_scan_encoding(const jx_text_scan *scan)
{
    if (scan->nul || scan->utf16 || scan->len <= (size_t)(scan->bom ? 3 : 0)) return JX_ENC_WHOLE;
    if (!scan->bad) return JX_ENC_UTF8;
    /* what jx_text_decode refuses as damaged UTF-8 it must refuse itself */
    if (scan->bom || scan->wide >= UTF8_EVIDENCE) return JX_ENC_WHOLE;
    return JX_ENC_GB18030;
}

jx_status jx_text_decode_piece(const char *file, const char *piece, size_t n, jx_text_enc enc,
                               size_t offset, long newlines0, char **out, size_t *out_len, jx_error *err)
{
    int first = offset == 0;
    char *text;
    size_t len;
    if (enc == JX_ENC_UTF8) {   /* valid: jx_text_scan saw every byte */
        size_t start = first && n >= 3 && memcmp(piece, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        text = jx_strndup(piece + start, n - start);
        len = n - start;
    } else {
        size_t bad;
        int rc = gb18030_to_utf8(piece, n, &text, &len, &bad);
        if (rc < 0)
            return jx_error_set(err, JX_ESYS, file, 0,
                                "the text is not UTF-8 and the GB18030 converter is unavailable: %s",
                                strerror(errno));
        if (rc > 0)   /* no UTF-16 byte order mark (jx_text_scan_encoding): no hint to give */
            return jx_error_set(err, JX_EINPUT, file, newlines0 + line_of(piece, bad),
                                "invalid text: neither UTF-8 nor GB18030 at byte offset %zu",
                                offset + bad);
        if (first && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
            memmove(text, text + 3, len - 3 + 1);
            len -= 3;
        }
    }
    *out_len = unify_newlines(text, len);
    *out = text;
    return JX_OK;
}

/* ----------------------------------------------------------- plain text */

/*
** The first match of a mark at or after some offset, remembered. Marks are
** found left to right, so an answer stays right for any later offset up to
** it; "none" (at == n) stays right for every later offset.
*/
typedef struct finder {
    int valid;
    size_t from, at;
} finder;

typedef struct plain {
    const char *s;
    size_t n;
    jx_buf out;
    finder gt, lt, dollar, ddollar, paren, comment;
} plain;

/* Length of the space character at s (ASCII, U+00A0, U+2000-U+200A, U+202F,
** U+205F, U+3000), 0 if s does not start with one. */
static size_t space_len(const unsigned char *s, size_t n)
{
    if (n == 0) return 0;
    if (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r')) return 1;
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0) return 2;
    if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) return 3;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && ((s[2] >= 0x80 && s[2] <= 0x8A) || s[2] == 0xAF))
        return 3;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) return 3;
    return 0;
}

/* Drop space characters from the end of b. */
static void trim_tail(jx_buf *b)
{
    for (;;) {
        const unsigned char *d = (const unsigned char *)b->data;
        size_t k = 0;
        for (size_t w = 1; w <= 3 && w <= b->len && !k; w++)
            if (space_len(d + b->len - w, w) == w) k = w;
        if (!k) break;
        b->len -= k;
    }
    if (b->data) b->data[b->len] = '\0';
}

/* Collapse each run of spaces in s to one ASCII space and trim; in place. */
static void collapse_spaces(char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0, i = 0;
    int pending = 0;
    while (i < n) {
        /* a space begins with a byte up to ' ', 0xC2, 0xE2 or 0xE3 (space_len): others are copied */
        unsigned char c = u[i];
        size_t k = c > ' ' && c != 0xC2 && c != 0xE2 && c != 0xE3 ? 0 : space_len(u + i, n - i);
        if (k) { pending = 1; i += k; continue; }
        if (pending && o > 0) s[o++] = ' ';
        pending = 0;
        s[o++] = s[i++];
    }
    s[o] = '\0';
}

/* Offset of the first needle at or after from in s (n when none), cached in f. */
static size_t find_mark(const char *s, size_t n, finder *f, const char *needle,
                        size_t from)
{
    if (f->valid && f->from <= from && f->at >= from) return f->at;
    size_t k = strlen(needle), at = n;
    for (size_t i = from; i + k <= n; i++) {
        const char *p = memchr(s + i, needle[0], n - i);
        if (!p) break;
        i = (size_t)(p - s);
        if (i + k <= n && memcmp(p, needle, k) == 0) { at = i; break; }
    }
    f->valid = 1;
    f->from = from;
    f->at = at;
    return at;
}

/* Offset of the first '$' at or after from that can close inline math:
** not after a space or a backslash, not before a digit (so "$5 and $6" is
** no math). */
static size_t find_math_close(plain *p, size_t from)
{
    finder *f = &p->dollar;
    if (f->valid && f->from <= from && f->at >= from) return f->at;
    const unsigned char *u = (const unsigned char *)p->s;
    size_t at = p->n;
    for (size_t i = from; i < p->n; i++) {
        const char *q = memchr(p->s + i, '$', p->n - i);
        if (!q) break;
        i = (size_t)(q - p->s);
        if (i > 0 && !space_len(u + i - 1, 1) && u[i - 1] != '\\' &&
            !(u[i + 1] >= '0' && u[i + 1] <= '9')) {
            at = i;
            break;
        }
    }
    f->valid = 1;
    f->from = from;
    f->at = at;
    return at;
}

/* Superscript form of an ASCII character, NULL when it has none. */
static const char *superscript(int c)
{
    static const char *const digits[10] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    if (c >= '0' && c <= '9') return digits[c - '0'];
    switch (c) {
    case '+': return "⁺";
    case '-': return "⁻";
    case '=': return "⁼";
    case '(': return "⁽";
    case ')': return "⁾";
    }
    return NULL;
}

/*
** If s[i..] is a run of characters that have superscript forms (spaces
** allowed) ending with the given close mark, append the superscripts to b
** (attached to the text before them) and return the offset after the mark.
** Otherwise return 0 and append nothing.
*/
static size_t emit_superscript_run(jx_buf *b, const char *s, size_t n, size_t i,
                                   const char *close, int nocase)
{
    size_t j = i, count = 0, k = strlen(close);
    while (j < n && (superscript((unsigned char)s[j]) || s[j] == ' ')) {
        count += s[j] != ' ';
        j++;
    }
    if (count == 0 || j + k > n) return 0;
    if (nocase ? strncasecmp(s + j, close, k) != 0 : memcmp(s + j, close, k) != 0)
        return 0;
    trim_tail(b);
    for (size_t t = i; t < j; t++)
        if (s[t] != ' ') jx_buf_puts(b, superscript((unsigned char)s[t]));
    return j + k;
}

/* Append code point cp as UTF-8. */
static void put_utf8(jx_buf *b, long cp)
{
    char u[4];
    size_t k;
    if (cp < 0x80) { u[0] = (char)cp; k = 1; }
    else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6)); u[1] = (char)(0x80 | (cp & 0x3F)); k = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12)); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F)); k = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18)); u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F)); k = 4;
    }
    jx_buf_append(b, u, k);
}

/* Named HTML entities a converter may leave, and what they stand for. */
static const struct entity { const char *name; const char *text; } entities[] = {
    {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"},
    {"nbsp", "\xC2\xA0"}, {"ensp", " "}, {"emsp", " "}, {"thinsp", " "},
    {"times", "×"}, {"divide", "÷"}, {"ge", "≥"}, {"le", "≤"}, {"ne", "≠"},
    {"plusmn", "±"}, {"deg", "°"}, {"sup2", "²"}, {"sup3", "³"},
    {"middot", "·"}, {"hellip", "…"}, {"mdash", "—"}, {"ndash", "–"},
    {"ldquo", "“"}, {"rdquo", "”"}, {"lsquo", "‘"}, {"rsquo", "’"},
    {"yen", "¥"}, {"permil", "‰"},
};

/*
** Decode the entity at s[i] == '&' into b; returns the offset after it, or
** 0 when s[i..] is no entity (the '&' is then plain text).
*/
static size_t emit_entity(jx_buf *b, const char *s, size_t n, size_t i)
{
    size_t j = i + 1;
    while (j < n && j - i <= 12 && (s[j] == '#' || (s[j] >= '0' && s[j] <= '9') ||
                                    ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z')))
        j++;
    if (j >= n || s[j] != ';' || j == i + 1) return 0;
    const char *name = s + i + 1;
    size_t len = j - i - 1;
    if (name[0] == '#') {
        int hex = len > 1 && (name[1] == 'x' || name[1] == 'X');
        size_t d = hex ? 2 : 1;
        if (d >= len) return 0;
        long cp = 0;
        for (; d < len; d++) {
            int c = (unsigned char)name[d], v;
            if (c >= '0' && c <= '9') v = c - '0';
            else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') v = (c | 0x20) - 'a' + 10;
            else return 0;
            cp = cp * (hex ? 16 : 10) + v;
            if (cp > 0x10FFFF) return 0;
        }
        if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        put_utf8(b, cp);
        return j + 1;
    }
    for (size_t e = 0; e < sizeof entities / sizeof *entities; e++)
        if (strlen(entities[e].name) == len && memcmp(entities[e].name, name, len) == 0) {
            jx_buf_puts(b, entities[e].text);
            return j + 1;
        }
    return 0;
}

/* LaTeX commands with a text form. "" drops the command. */
static const struct command { const char *name; const char *text; } commands[] = {
    {"geq", "≥"}, {"ge", "≥"}, {"geqslant", "≥"}, {"leq", "≤"}, {"le", "≤"},
    {"leqslant", "≤"}, {"neq", "≠"}, {"ne", "≠"}, {"times", "×"}, {"approx", "≈"},
    {"sim", "~"}, {"cdot", "·"}, {"div", "÷"}, {"pm", "±"}, {"mp", "∓"},
    {"infty", "∞"}, {"circ", "°"}, {"degree", "°"}, {"lt", "<"}, {"gt", ">"},
    {"percent", "%"}, {"mu", "μ"}, {"ldots", "…"}, {"cdots", "…"}, {"dots", "…"},
    {"quad", ""}, {"qquad", ""}, {"left", ""}, {"right", ""}, {"displaystyle", ""},
    {"mathrm", ""}, {"mathbf", ""}, {"mathit", ""}, {"textbf", ""}, {"rm", ""},
    {"bf", ""}, {"operatorname", ""},
    {"text", NULL}, {"textrm", NULL}, {"mbox", NULL},   /* keep spaces inside */
};

/* The command named s[0..len), NULL when unknown. */
static const struct command *command_lookup(const char *s, size_t len)
{
    for (size_t c = 0; c < sizeof commands / sizeof *commands; c++)
        if (strlen(commands[c].name) == len && memcmp(commands[c].name, s, len) == 0)
            return &commands[c];
    return NULL;
}

static int is_alpha(int c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/*
** Append the text of the LaTeX math s[0..n) to b: symbols for commands,
** superscript digits for ^2 and ^{2}, braces and spaces dropped (spaces in
** \text{...} kept). Unknown commands keep their name.
*/
static void emit_math(jx_buf *b, const char *s, size_t n)
{
    long depth = 0, text_depth = -1;   /* brace depth; depth of a \text group */
    int text_next = 0;                 /* a \text command awaits its '{' */
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' && i + 1 < n && is_alpha((unsigned char)s[i + 1])) {
            size_t j = i + 1;
            while (j < n && is_alpha((unsigned char)s[j])) j++;
            const struct command *cmd = command_lookup(s + i + 1, j - i - 1);
            if (!cmd) jx_buf_append(b, s + i + 1, j - i - 1);
            else if (!cmd->text) text_next = 1;
            else jx_buf_puts(b, cmd->text);
            /* \left. and \right. are invisible delimiters. */
            if (cmd && (!strcmp(cmd->name, "left") || !strcmp(cmd->name, "right")) &&
                j < n && s[j] == '.') j++;
            i = j;
        } else if (c == '\\' && i + 1 < n) {
            char d = s[i + 1];
            if (!strchr(",;:! \\", d)) jx_buf_putc(b, d);   /* \% \$ \{ ... */
            else if (text_depth >= 0 && d != '\\') jx_buf_putc(b, ' ');
            i += 2;
        } else if (c == '^') {
            size_t j = i + 1;
            while (j < n && s[j] == ' ') j++;
            size_t end = 0;
            if (j < n && s[j] == '{')
                end = emit_superscript_run(b, s, n, j + 1, "}", 0);
            else if (j < n && superscript((unsigned char)s[j]) && s[j] != '(')
                end = emit_superscript_run(b, s, j + 1, j, "", 0);
            if (!end && j + 5 <= n && memcmp(s + j, "\\circ", 5) == 0 &&
                (j + 5 == n || !is_alpha((unsigned char)s[j + 5]))) {
                jx_buf_puts(b, "°");
                end = j + 5;
            }
            if (!end && j + 7 <= n && memcmp(s + j, "{\\circ}", 7) == 0) {
                jx_buf_puts(b, "°");
                end = j + 7;
            }
            if (!end) { jx_buf_putc(b, '^'); end = i + 1; }
            i = end;
        } else if (c == '{') {
            depth++;
            if (text_next && text_depth < 0) text_depth = depth;
            text_next = 0;
            i++;
        } else if (c == '}') {
            if (depth == text_depth) text_depth = -1;
            if (depth > 0) depth--;
            i++;
        } else if (c == '&') {
            size_t end = emit_entity(b, s, n, i);
            if (!end) { jx_buf_putc(b, '&'); end = i + 1; }
            i = end;
        } else if (c == '_') {
            i++;
        } else if (c == '~' || space_len((const unsigned char *)s + i, n - i)) {
            size_t k = c == '~' ? 1 : space_len((const unsigned char *)s + i, n - i);
            if (text_depth >= 0) jx_buf_putc(b, ' ');
            i += k;
        } else {
            jx_buf_putc(b, (char)c);
            i++;
        }
    }
}

/* HTML tag names the text layer knows; ones marked 1 separate words. */
static const struct tag { const char *name; int block; } tags[] = {
    {"p", 1}, {"br", 1}, {"div", 1}, {"td", 1}, {"tr", 1}, {"th", 1},
    {"table", 1}, {"tbody", 1}, {"thead", 1}, {"hr", 1}, {"ol", 1}, {"ul", 1},
    {"li", 1}, {"h1", 1}, {"h2", 1}, {"h3", 1}, {"h4", 1}, {"h5", 1}, {"h6", 1},
    {"center", 1},
    {"b", 0}, {"i", 0}, {"u", 0}, {"sup", 0}, {"sub", 0}, {"span", 0},
    {"input", 0}, {"font", 0}, {"strong", 0}, {"em", 0}, {"a", 0}, {"img", 0},
    {"col", 0}, {"colgroup", 0}, {"small", 0}, {"big", 0}, {"s", 0},
    {"strike", 0},
};

/* The known tag named s[0..len) (any case), NULL when unknown. */
static const struct tag *tag_lookup(const char *s, size_t len)
{
    for (size_t t = 0; t < sizeof tags / sizeof *tags; t++)
        if (strlen(tags[t].name) == len && strncasecmp(tags[t].name, s, len) == 0)
            return &tags[t];
    return NULL;
}

/* 1 when the attributes s[0..n) of an <input> include "checked". */
static int has_checked(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (space_len((const unsigned char *)s + i, 1) || s[i] == '/')) i++;
        size_t a = i;
        while (i < n && s[i] != '=' && s[i] != '/' && s[i] != '>' &&
               !space_len((const unsigned char *)s + i, 1)) i++;
        if (i - a == 7 && strncasecmp(s + a, "checked", 7) == 0) return 1;
        if (i == a) { i++; continue; }
        size_t j = i;
        while (j < n && space_len((const unsigned char *)s + j, 1)) j++;
        if (j < n && s[j] == '=') {
            j++;
            while (j < n && space_len((const unsigned char *)s + j, 1)) j++;
            if (j < n && (s[j] == '"' || s[j] == '\'')) {
                const char *q = memchr(s + j + 1, s[j], n - j - 1);
                j = q ? (size_t)(q - s) + 1 : n;
            } else {
                while (j < n && !space_len((const unsigned char *)s + j, 1) && s[j] != '>') j++;
            }
            i = j;
        }
    }
    return 0;
}

/*
** Handle s[i] == '<'. A known tag closed by '>' (with no '<' before it) is
** replaced by its text; returns the offset after what was consumed, or 0
** when the '<' is plain text ("< 4.97", "<加快实施...>").
*/
static size_t emit_tag(plain *p, size_t i)
{
    const char *s = p->s;
    size_t n = p->n;
    if (i + 3 < n && memcmp(s + i, "<!--", 4) == 0) {
        size_t end = find_mark(s, n, &p->comment, "-->", i + 4);
        return end < n ? end + 3 : 0;
    }
    size_t a = i + 1;
    int closing = a < n && s[a] == '/';
    if (closing) a++;
    if (a >= n || !is_alpha((unsigned char)s[a])) return 0;
    size_t z = a;
    while (z < n && (is_alpha((unsigned char)s[z]) || (s[z] >= '0' && s[z] <= '9'))) z++;
    if (z >= n || !(s[z] == '>' || s[z] == '/' || space_len((const unsigned char *)s + z, 1)))
        return 0;
    const struct tag *tag = tag_lookup(s + a, z - a);
    if (!tag) return 0;
    size_t gt = find_mark(s, n, &p->gt, ">", z);
    if (gt >= n || find_mark(s, n, &p->lt, "<", i + 1) < gt) return 0;

    if (tag->block) {
        jx_buf_putc(&p->out, ' ');
    } else if (!closing && strcmp(tag->name, "input") == 0) {
        jx_buf_puts(&p->out, has_checked(s + z, gt - z) ? "☑" : "☐");
    } else if (!closing && strcmp(tag->name, "sup") == 0) {
        size_t end = emit_superscript_run(&p->out, s, n, gt + 1, "</sup>", 1);
        if (end) return end;
    }
    return gt + 1;
}

/*
** Handle s[i] == '$' or a "\(": math up to its closer becomes text. Returns
** the offset after the math, or 0 when there is none (the mark is text).
*/
static size_t emit_math_span(plain *p, size_t i)
{
    const char *s = p->s;
    size_t n = p->n;
    if (s[i] == '\\') {
        size_t end = find_mark(s, n, &p->paren, "\\)", i + 2);
        if (end >= n) return 0;
        emit_math(&p->out, s + i + 2, end - i - 2);
        return end + 2;
    }
    if (i + 1 < n && s[i + 1] == '$') {
        size_t end = find_mark(s, n, &p->ddollar, "$$", i + 2);
        if (end >= n || end == i + 2) return 0;
        emit_math(&p->out, s + i + 2, end - i - 2);
        return end + 2;
    }
    if (i + 1 >= n || space_len((const unsigned char *)s + i + 1, n - i - 1)) return 0;
    size_t end = find_math_close(p, i + 2);
    if (end >= n) return 0;
    emit_math(&p->out, s + i + 1, end - i - 1);
    return end + 1;
}

char *jx_text_plain(const char *cell)
{
    plain p;
    memset(&p, 0, sizeof p);
    p.s = cell ? cell : "";
    p.n = strlen(p.s);
    size_t i = 0;
    while (i < p.n) {
        size_t run = strcspn(p.s + i, "<&$\\");
        jx_buf_append(&p.out, p.s + i, run);
        i += run;
        if (i >= p.n) break;
        size_t end = 0;
        switch (p.s[i]) {
        case '<': end = emit_tag(&p, i); break;
        case '&': end = emit_entity(&p.out, p.s, p.n, i); break;
        case '$': end = emit_math_span(&p, i); break;
        case '\\': end = i + 1 < p.n && p.s[i + 1] == '(' ? emit_math_span(&p, i) : 0; break;
        }
        if (!end) { jx_buf_putc(&p.out, p.s[i]); end = i + 1; }
        i = end;
    }
    char *text = jx_buf_take(&p.out);
    collapse_spaces(text, strlen(text));
    return text;
}

char *jx_text_plain_n(const char *s, size_t n)
{
    /* No markup character: the text as it is, its spaces collapsed (what the walk above does). */
    size_t i = 0;
    while (i < n && s[i] != '<' && s[i] != '&' && s[i] != '$' && s[i] != '\\' && s[i]) i++;
    if (i < n) {   /* markup (or a NUL: the walk stops at it) */
        char *raw = jx_strndup(s, n), *t = jx_text_plain(raw);
        free(raw);
        return t;
    }
    char *t = jx_strndup(s, n);
    collapse_spaces(t, n);
    return t;
}

/* ------------------------------------------------------------------ keys */

/* 1 when code point cp is whitespace or an invisible separator. */
static int is_key_space(utf8proc_int32_t cp)
{
    if (cp == ' ' || (cp >= '\t' && cp <= '\r')) return 1;
    if (cp == 0x200B || cp == 0x2060 || cp == 0xFEFF) return 1;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
}

/*
** The characters whose NFKC squeeze() knows without utf8proc: ASCII and the
** CJK unified ideographs (U+3400-U+4DBF, U+4E00-U+9FFF) stay as they are,
** and so do 、。〃 and the CJK brackets 〈〉《》「」『』【】 (U+3001-U+3003,
** U+3008-U+3011) and ≤ ≥ (U+2264, U+2265); the full-width forms U+FF01-U+FF5E become their ASCII
** (NFKC's <wide> mapping, cp - 0xFEE0) and the ideographic space U+3000 a
** space. None of the results has a combining class or composes with a
** neighbour, so a text of these characters alone is its NFKC character by
** character. Most labels and cells are such text (（元）：, ，, ％); the rest
** go through utf8proc. Returns the character's NFKC code point, or -1 when
** it is not one of them; *len gets its length in bytes.
*/
static long quick_nfkc(const unsigned char *p, int *len)
{
    if (*p < 0x80) { *len = 1; return *p; }
    if ((p[0] & 0xF0) != 0xE0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return -1;
    unsigned cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    *len = 3;
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)) return cp;
    if ((cp >= 0x3001 && cp <= 0x3003) || (cp >= 0x3008 && cp <= 0x3011)) return cp;
    if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
    if (cp == 0x3000) return ' ';
    if (cp == 0x2264 || cp == 0x2265) return cp;   /* ≤ ≥: no decomposition; compose only with U+0338 */
    return -1;
}

/* 1 when every character of s is one quick_nfkc knows. */
static int nfkc_quick(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    int len;
    while (*p) {
        if (quick_nfkc(p, &len) < 0) return 0;
        p += len;
    }
    return 1;
}

/*
** NFKC of s, which nfkc_quick accepted, by quick_nfkc character by
** character, as a new malloc'd string; ASCII whitespace dropped when
** drop_spaces (U+3000 maps to one).
*/
static char *quick_fold(const char *s, int drop_spaces)
{
    const unsigned char *p = (const unsigned char *)s;
    char *t = jx_xmalloc(strlen(s) + 1), *o = t;
    int len;
    while (*p) {
        long cp = quick_nfkc(p, &len);
        if (cp >= 0x80) { memcpy(o, p, (size_t)len); o += len; }
        else if (!drop_spaces || (cp != ' ' && !(cp >= '\t' && cp <= '\r'))) *o++ = (char)cp;
        p += len;
    }
    *o = '\0';
    return t;
}

char *jx_text_nfkc(const char *s)
{
    if (!nfkc_quick(s)) return (char *)utf8proc_NFKC((const utf8proc_uint8_t *)s);
    return quick_fold(s, 0);
}

/* NFKC of s with all whitespace removed, as a new malloc'd string. */
static char *squeeze(const char *s)
{
    if (nfkc_quick(s)) return quick_fold(s, 1);   /* the only spaces to drop are ASCII ones */
    utf8proc_uint8_t *nf = utf8proc_NFKC((const utf8proc_uint8_t *)s);
    char *t = nf ? (char *)nf : jx_strdup(s);   /* not UTF-8: take it as is */
    size_t n = strlen(t), o = 0, i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) { t[o++] = t[i++]; continue; }
        if (!is_key_space(cp)) { memmove(t + o, t + i, (size_t)k); o += (size_t)k; }
        i += (size_t)k;
    }
    t[o] = '\0';
    return t;
}

/* Drop trailing ':' from the n-byte key s; returns the new length. */
static size_t strip_colons(const char *s, size_t n)
{
    while (n > 0 && s[n - 1] == ':') n--;
    return n;
}

/* Money units a label may carry in parentheses, after NFKC. */
static const char *const money_units[] = {
    "(元)", "(万元)", "(千元)", "(亿元)",
    "(单位:元)", "(单位:万元)", "(单位:千元)", "(单位:亿元)", NULL
};

char *jx_text_key(const char *s)
{
    char *k = squeeze(s ? s : "");
    size_t n = strlen(k);
    static const char prefix[] = "其中:";
    if (n >= sizeof prefix - 1 && memcmp(k, prefix, sizeof prefix - 1) == 0) {
        n -= sizeof prefix - 1;
        memmove(k, k + sizeof prefix - 1, n);
    }
    n = strip_colons(k, n);
    for (size_t u = 0; n && k[n - 1] == ')' && money_units[u]; u++) {   /* each ends in ')' */
        size_t m = strlen(money_units[u]);
        if (n >= m && memcmp(k + n - m, money_units[u], m) == 0) {
            n = strip_colons(k, n - m);
            break;
        }
    }
    k[n] = '\0';
    return k;
}

/* A key without NFKC'd spaces (see squeeze), for the money module's label scale. */
char *jx_text_squeeze(const char *s)
{
    return squeeze(s);
}

size_t jx_text_space_len(const unsigned char *s, size_t n)
{
    return space_len(s, n);
}

int jx_text_width(const char *s, size_t n, int col)
{
    int w = col;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '\t') w = (w / 8 + 1) * 8;
        else if (ch < 0x80) w++;
        else if (ch >= 0xE0) w += 2;   /* lead byte of a 3- or 4-byte sequence */
        else if (ch >= 0xC0) w++;      /* lead byte of a 2-byte sequence; continuation bytes count 0 */
    }
    return w;
}

int jx_text_chars(const char *s, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
    return c;
}

char *jx_text_name_key(const char *name)
{
    char *k = jx_text_key(name ? name : "");
    static const char *const tails[] = {"项目经费", "经费", "项目", NULL};
    for (int i = 0; tails[i]; i++) {
        size_t kl = strlen(k), tl = strlen(tails[i]);
        if (kl > tl + 3 && !strcmp(k + kl - tl, tails[i])) { k[kl - tl] = '\0'; break; }
    }
    return k;
}

unsigned jx_text_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}
