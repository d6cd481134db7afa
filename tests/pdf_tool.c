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

/*
** One page whose content stream inflates to mb MiB: a deflate bomb of about
** mb KB. The PDF is written by hand (objects 1-6, an xref table with their
** offsets); the stream is deflated chunk by chunk so the tool's memory stays
** small too.
*/
static int bomb(long mb, const char *out)
{
    FILE *f = fopen(out, "wb");
    if (!f) { perror(out); return 1; }
    long off[7];
    fputs("%PDF-1.4\n", f);
    off[1] = ftell(f);
    fputs("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", f);
    off[2] = ftell(f);
    fputs("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n", f);
    off[3] = ftell(f);
    fputs("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
          "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>\nendobj\n", f);
    off[4] = ftell(f);
    fputs("4 0 obj\n<< /Filter /FlateDecode /Length 6 0 R >>\nstream\n", f);
    long start = ftell(f);
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit(&z, 9) != Z_OK) { fclose(f); return 1; }
    static unsigned char in[1 << 20], buf[1 << 16];
    const char *head = "BT /F1 12 Tf 72 760 Td (A page of nothing) Tj ET\n";
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
            fwrite(buf, 1, sizeof buf - z.avail_out, f);
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    long length = ftell(f) - start;
    fputs("\nendstream\nendobj\n", f);
    off[5] = ftell(f);
    fputs("5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n", f);
    off[6] = ftell(f);
    fprintf(f, "6 0 obj\n%ld\nendobj\n", length);
    long xref = ftell(f);
    fputs("xref\n0 7\n0000000000 65535 f \n", f);
    for (int i = 1; i <= 6; i++) fprintf(f, "%010ld 00000 n \n", off[i]);
    fprintf(f, "trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", xref);
    return fclose(f) != 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "scan")) return scan(argv[2], argv[3]);
    if (argc == 4 && !strcmp(argv[1], "pages")) return pages(atoi(argv[2]), argv[3]);
    if (argc == 3 && !strcmp(argv[1], "huge")) return hostile("huge", 0, argv[2]);
    if (argc == 4 && !strcmp(argv[1], "bomb")) return bomb(atol(argv[2]), argv[3]);
    if (argc == 4 && (!strcmp(argv[1], "dense") || !strcmp(argv[1], "lines")))
        return hostile(argv[1], atol(argv[2]), argv[3]);
    fprintf(stderr, "usage: pdf_tool scan IN.png OUT.pdf | pages N OUT.pdf | huge OUT.pdf | "
                    "dense N OUT.pdf | lines N OUT.pdf\n");
    return 2;
}
