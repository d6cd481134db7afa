/*
** pdf_tool.c - makes the PDFs the PDF tests need that no office suite makes,
** with cairo's PDF surface (a real producer):
**
**   pdf_tool scan IN.png OUT.pdf   an image-only PDF (a scan): the page is the
**                                  picture, there is no text layer
**   pdf_tool pages N OUT.pdf       N A4 pages of text, each with a ruled
**                                  two-column table (a long document)
**   pdf_tool huge OUT.pdf          an A4 page, then a page of 100,000 x 842 pt
**   pdf_tool dense N OUT.pdf       an A4 page, then a 3,000 pt page of N characters
**   pdf_tool lines N OUT.pdf       an A4 page, then an A4 page with text and N
**                                  separate 10 pt rules
**   pdf_tool bomb MB OUT.pdf       one A4 page whose content stream (written by
**                                  hand, deflated with zlib) inflates to MB MiB:
**                                  a line of text, then spaces (a deflate bomb)
*/
#include <cairo-pdf.h>
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Wrap a PNG as a one-page image-only PDF of the same size in points. */
static int scan(const char *png, const char *out)
{
    cairo_surface_t *img = cairo_image_surface_create_from_png(png);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "pdf_tool: cannot read %s\n", png);
        return 1;
    }
    double w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    cairo_surface_t *pdf = cairo_pdf_surface_create(out, w, h);
    cairo_t *cr = cairo_create(pdf);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    int bad = cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(pdf);
    cairo_surface_destroy(img);
    return bad;
}

/* N pages, each a heading and a ruled table of ten rows. */
static int pages(int n, const char *out)
{
    cairo_surface_t *pdf = cairo_pdf_surface_create(out, 595, 842);
    cairo_t *cr = cairo_create(pdf);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    for (int p = 1; p <= n; p++) {
        char s[64];
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_font_size(cr, 14);
        snprintf(s, sizeof s, "Page %d of a long document", p);
        cairo_move_to(cr, 72, 80);
        cairo_show_text(cr, s);
        cairo_set_font_size(cr, 10);
        cairo_set_line_width(cr, 0.8);
        for (int r = 0; r <= 10; r++) {
            cairo_move_to(cr, 72, 100 + 20 * r);
            cairo_line_to(cr, 472, 100 + 20 * r);
        }
        for (int c = 0; c < 3; c++) {
            cairo_move_to(cr, 72 + 200 * c, 100);
            cairo_line_to(cr, 72 + 200 * c, 300);
        }
        cairo_stroke(cr);
        for (int r = 0; r < 10; r++) {
            snprintf(s, sizeof s, "item %d.%d", p, r);
            cairo_move_to(cr, 78, 114 + 20 * r);
            cairo_show_text(cr, s);
            snprintf(s, sizeof s, "%d.00", p * 100 + r);
            cairo_move_to(cr, 278, 114 + 20 * r);
            cairo_show_text(cr, s);
        }
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    int bad = cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(pdf);
    return bad;
}

/* An A4 page with a line of text (the page before the hostile one). */
static void plain_page(cairo_t *cr)
{
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_font_size(cr, 12);
    cairo_move_to(cr, 72, 80);
    cairo_show_text(cr, "An ordinary first page");
    cairo_show_page(cr);
}

/* Finish a PDF surface; 1 when cairo failed. */
static int finish(cairo_t *cr, cairo_surface_t *pdf)
{
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    int bad = cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(pdf);
    return bad;
}

/* Page 2 of kind: "huge" (a 100,000 pt wide page), "dense" (n characters), "lines" (n rules). */
static int hostile(const char *kind, long n, const char *out)
{
    cairo_surface_t *pdf = cairo_pdf_surface_create(out, 595, 842);
    cairo_t *cr = cairo_create(pdf);
    plain_page(cr);
    cairo_set_font_size(cr, 2);
    if (!strcmp(kind, "huge")) {
        cairo_pdf_surface_set_size(pdf, 100000, 842);
        cairo_move_to(cr, 72, 80);
        cairo_show_text(cr, "A page one and a half kilometres wide");
    } else if (!strcmp(kind, "dense")) {
        /* a 3,000 pt square page, rows of 400 characters at 6 pt, 8 pt apart: n characters */
        cairo_pdf_surface_set_size(pdf, 3000, 3000);
        cairo_set_font_size(cr, 6);
        char row[401];
        memset(row, 'x', 400);
        row[400] = '\0';
        for (long done = 0, y = 0; done < n; done += 400, y++) {
            if (n - done < 400) row[n - done] = '\0';
            cairo_move_to(cr, 20, 20 + (double)y * 8);
            cairo_show_text(cr, row);
        }
    } else if (!strcmp(kind, "lines")) {
        cairo_set_font_size(cr, 10);
        cairo_move_to(cr, 72, 40);
        cairo_show_text(cr, "A page of many short rules");
        cairo_set_line_width(cr, 0.5);
        /* 10 pt rules 3 pt apart: 25 columns 22 pt apart, n / 25 rows */
        for (long i = 0; i < n; i++) {
            double x = 20 + (double)(i % 25) * 22, y = 60 + (double)(i / 25) * 3;
            cairo_move_to(cr, x, y);
            cairo_line_to(cr, x + 10, y);
        }
        cairo_stroke(cr);
    } else {
        finish(cr, pdf);
        return 2;
    }
    cairo_show_page(cr);
    return finish(cr, pdf);
}

/* LZW codes of the bomb (PDF's LZWDecode, EarlyChange 1), written MSB first. */
typedef struct lzw_out { FILE *f; unsigned long bits; int nbits, width, next, first; long bytes; } lzw_out;

static void lzw_code(lzw_out *w, int code)
{
    w->bits = w->bits << w->width | (unsigned long)code;
    w->nbits += w->width;
    while (w->nbits >= 8) { fputc((int)(w->bits >> (w->nbits - 8)) & 255, w->f); w->nbits -= 8; w->bytes++; }
    if (code == 256) { w->next = 258; w->first = 1; }
    else if (w->first) w->first = 0;
    else w->next++;
    int grow = w->next + 1;
    w->width = code == 256 ? 9 : grow >= 2048 ? 12 : grow >= 1024 ? 11 : grow >= 512 ? 10 : 9;
}

/*
** The data of the bomb's content stream: a page's text, then mb MiB of
** spaces, deflated chunk by chunk (or, for "lzw", as LZW codes each one
** space longer than the last: 32, 258, 259, ... 4095, clear) -- hex-encoded
** for "array" ([/ASCIIHexDecode /FlateDecode]). Returns its length.
*/
static long bomb_data(FILE *f, long mb, const char *how)
{
    long start = ftell(f);
    const char *head = "BT /F1 12 Tf 72 760 Td (A page of nothing) Tj ET\n";
    if (!strcmp(how, "lzw")) {
        lzw_out w = {f, 0, 0, 9, 258, 1, 0};
        lzw_code(&w, 256);
        for (const char *p = head; *p; p++) { lzw_code(&w, (unsigned char)*p); lzw_code(&w, 256); }
        long long want = (long long)mb << 20, got = 0;
        while (got < want) {
            lzw_code(&w, ' ');
            got += 1;
            for (int c = 258; c < 4096 && got < want; c++) { lzw_code(&w, c); got += c - 256; }
            lzw_code(&w, 256);
        }
        lzw_code(&w, 257);
        if (w.nbits) { fputc((int)(w.bits << (8 - w.nbits)) & 255, f); }
        return ftell(f) - start;
    }
    int hex = !strcmp(how, "array");
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit(&z, 9) != Z_OK) return -1;
    static unsigned char in[1 << 20], buf[1 << 16];
    for (long chunk = 0; chunk <= mb; chunk++) {
        size_t n;
        if (chunk == 0) { n = strlen(head); memcpy(in, head, n); }
        else { n = sizeof in; memset(in, ' ', n); }
        z.next_in = in;
        z.avail_in = (uInt)n;
        int flush = chunk == mb ? Z_FINISH : Z_NO_FLUSH;
        do {
            z.next_out = buf;
            z.avail_out = sizeof buf;
            deflate(&z, flush);
            size_t out = sizeof buf - z.avail_out;
            if (hex) for (size_t i = 0; i < out; i++) fprintf(f, "%02x", buf[i]);
            else fwrite(buf, 1, out, f);
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    if (hex) fputc('>', f);
    return ftell(f) - start;
}

/*
** One page whose content stream decodes to mb MiB: a bomb of about mb KB.
** how names its /Filter: "plain" /FlateDecode, "escape" /Fl#61teDecode,
** "indirect" 7 0 R (object 7: /FlateDecode), "array" [/ASCIIHexDecode
** /FlateDecode], "lzw" /LZWDecode; ways past a text pre-scan: "xobj" a name
** holding "obj" after the /Filter (/Xobj), "string" a string holding
** "stream" and "1 0 obj" after it, "decoy" 7 0 R with a second, later
** "7 0 obj /DCTDecode" the xref does not list, "crypt" [/Crypt
** /FlateDecode] with the Identity crypt filter. The PDF is written by hand (objects 1-7,
** an xref table with their offsets); the stream is written chunk by chunk so
** the tool's memory stays small too.
*/
static int bomb(long mb, const char *out, const char *how)
{
    static const char *const filters[][2] = {
        {"plain", "/FlateDecode"}, {"escape", "/Fl#61teDecode"}, {"indirect", "7 0 R"},
        {"array", "[/ASCIIHexDecode /FlateDecode]"}, {"lzw", "/LZWDecode"},
        {"xobj", "/FlateDecode /Xobj 1"}, {"string", "/FlateDecode /Note (stream\n1 0 obj)"},
        {"decoy", "7 0 R"}, {"crypt", "[/Crypt /FlateDecode] /DecodeParms [<< /Name /Identity >> null]"}};
    const char *filter = NULL;
    for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++)
        if (!strcmp(how, filters[i][0])) filter = filters[i][1];
    if (!filter) { fprintf(stderr, "pdf_tool: bomb: unknown filter %s\n", how); return 2; }
    FILE *f = fopen(out, "wb");
    if (!f) { perror(out); return 1; }
    long off[8];
    fputs("%PDF-1.4\n", f);
    off[1] = ftell(f);
    fputs("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", f);
    off[2] = ftell(f);
    fputs("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n", f);
    off[3] = ftell(f);
    fputs("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
          "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>\nendobj\n", f);
    off[4] = ftell(f);
    fprintf(f, "4 0 obj\n<< /Filter %s /Length 6 0 R >>\nstream\n", filter);
    long length = bomb_data(f, mb, how);
    if (length < 0) { fclose(f); return 1; }
    fputs("\nendstream\nendobj\n", f);
    off[5] = ftell(f);
    fputs("5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n", f);
    off[6] = ftell(f);
    fprintf(f, "6 0 obj\n%ld\nendobj\n", length);
    off[7] = ftell(f);
    fputs("7 0 obj\n/FlateDecode\nendobj\n", f);
    if (!strcmp(how, "decoy")) fputs("7 0 obj\n/DCTDecode\nendobj\n", f);   /* not in the xref */
    long xref = ftell(f);
    fputs("xref\n0 8\n0000000000 65535 f \n", f);
    for (int i = 1; i <= 7; i++) fprintf(f, "%010ld 00000 n \n", off[i]);
    fprintf(f, "trailer\n<< /Size 8 /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", xref);
    return fclose(f) != 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "scan")) return scan(argv[2], argv[3]);
    if (argc == 4 && !strcmp(argv[1], "pages")) return pages(atoi(argv[2]), argv[3]);
    if (argc == 3 && !strcmp(argv[1], "huge")) return hostile("huge", 0, argv[2]);
    if ((argc == 4 || argc == 5) && !strcmp(argv[1], "bomb"))
        return bomb(atol(argv[2]), argv[3], argc == 5 ? argv[4] : "plain");
    if (argc == 4 && (!strcmp(argv[1], "dense") || !strcmp(argv[1], "lines")))
        return hostile(argv[1], atol(argv[2]), argv[3]);
    fprintf(stderr, "usage: pdf_tool scan IN.png OUT.pdf | pages N OUT.pdf | huge OUT.pdf | "
                    "bomb MB OUT.pdf [plain|escape|indirect|array|lzw|xobj|string|decoy|crypt] | "
                    "dense N OUT.pdf | lines N OUT.pdf\n");
    return 2;
}
