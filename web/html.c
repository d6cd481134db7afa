/*
** html.c - escaping and small rendering helpers of the web UI.
**
** Every piece of document text reaches a page through html_text(), which
** escapes all five characters that are special in text and in quoted
** attribute values. Markup written by the pages themselves is static.
*/
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "web.h"

void html_text(jx_buf *b, const char *s)
{
    if (!s) return;
    const char *run = s;
    for (const char *p = s; *p; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        jx_buf_append(b, run, (size_t)(p - run));
        jx_buf_puts(b, rep);
        run = p + 1;
    }
    jx_buf_puts(b, run);
}

void html_text_or(jx_buf *b, const char *s, const char *fallback)
{
    html_text(b, s && *s ? s : fallback);
}

void url_encode(jx_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            jx_buf_putc(b, (char)*p);
        } else {
            jx_buf_putc(b, '%');
            jx_buf_putc(b, hex[*p >> 4]);
            jx_buf_putc(b, hex[*p & 15]);
        }
    }
}

int web_text_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p;
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return 0;
            p++;
            continue;
        }
        int n;
        unsigned cp;
        if (c >= 0xc2 && c <= 0xdf) { n = 1; cp = c & 0x1f; }
        else if (c >= 0xe0 && c <= 0xef) { n = 2; cp = c & 0x0f; }
        else if (c >= 0xf0 && c <= 0xf4) { n = 3; cp = c & 0x07; }
        else return 0;
        for (int k = 1; k <= n; k++) {
            if ((p[k] & 0xc0) != 0x80) return 0;
            cp = (cp << 6) | (p[k] & 0x3f);
        }
        /* Overlong forms, surrogates and values past U+10FFFF. */
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        p += n + 1;
    }
    return 1;
}

void web_format_wan(long long fen, char *buf, size_t size)
{
    jx_money_format_wan(fen, buf, size);
}

void *web_json_yuan(long long fen)
{
    if (fen == JX_NO_AMOUNT) return json_null();
    return json_real(jx_money_yuan(fen));
}

/*
** Approximate display width of a label in SVG user units at font size 13:
** CJK and other wide characters count one em, ASCII half.
*/
static double label_width(const char *s)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x80) w += 7.2;
        else if ((*p & 0xc0) != 0x80) w += 13.0;
    }
    return w;
}

/* Cut a label to at most max code points, with an ellipsis. Writes into buf. */
static const char *short_label(const char *s, size_t max, char *buf, size_t size)
{
    size_t cps = 0, i = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xc0) != 0x80) {
            if (cps == max) break;
            cps++;
        }
    }
    if (!s[i]) return s;
    size_t n = i < size - 4 ? i : size - 4;
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80) n--;
    memcpy(buf, s, n);
    memcpy(buf + n, "…", 4);   /* 3 bytes + NUL */
    return buf;
}

void svg_bar_chart(jx_buf *b, const char *title, const char *const *labels,
                   const double *values, const char *const *value_texts, size_t n,
                   const char *css_class)
{
    const double row = 26, top = 8, chart_w = 560;
    double lw = 60;
    char cut[128];
    for (size_t i = 0; i < n; i++) {
        double w = label_width(short_label(labels[i], 16, cut, sizeof cut));
        if (w > lw) lw = w;
    }
    lw += 12;
    double max = 0;
    for (size_t i = 0; i < n; i++) if (values[i] > max) max = values[i];
    double bar_max = chart_w - lw - 100;
    double h = top * 2 + row * (double)(n ? n : 1);
    jx_buf_printf(b, "<svg class=\"chart %s\" role=\"img\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
                     "height=\"%.0f\" xmlns=\"http://www.w3.org/2000/svg\">",
                  css_class, chart_w, h, chart_w, h);
    jx_buf_puts(b, "<title>");
    html_text(b, title);
    jx_buf_puts(b, "</title>");
    if (n == 0)
        jx_buf_printf(b, "<text x=\"8\" y=\"%.0f\" class=\"empty\">（无数据）</text>", top + 17);
    for (size_t i = 0; i < n; i++) {
        double y = top + row * (double)i;
        double w = max > 0 ? values[i] / max * bar_max : 0;
        if (values[i] > 0 && w < 2) w = 2;
        jx_buf_puts(b, "<g class=\"bar\"><title>");
        html_text(b, labels[i]);
        jx_buf_puts(b, "：");
        html_text(b, value_texts[i]);
        jx_buf_printf(b, "</title><text class=\"label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
                      lw - 8, y + 17);
        html_text(b, short_label(labels[i], 16, cut, sizeof cut));
        jx_buf_puts(b, "</text>");
        jx_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"2\"/>",
                      lw, y + 4, w, row - 8);
        jx_buf_printf(b, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\">", lw + w + 6, y + 17);
        html_text(b, value_texts[i]);
        jx_buf_puts(b, "</text></g>");
    }
    jx_buf_puts(b, "</svg>");
}
