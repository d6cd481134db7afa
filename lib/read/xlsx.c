/*
** xlsx.c - an .xlsx workbook as rows, one jx_sheet per visible
** worksheet.
**
** The package is followed by its relationships, never by fixed paths:
** _rels/.rels names the workbook, the workbook's rels name its sheets,
** shared strings and styles. Each worksheet is streamed with expat; its
** cells are collected with their (row, column), the merged ranges applied
** (only the first cell keeps a value, as in the text layouts) and the cells
** grouped into rows. Rows without any value carry no data and are dropped.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read.h"
#include "jixiao/limits.h"
#include "jixiao/util.h"
#include "zipxml.h"

/* How a cell style shows a number. */
typedef enum numkind { NUM_PLAIN = 0, NUM_DATE, NUM_DATETIME, NUM_PERCENT } numkind;

typedef struct xf {
    numkind kind;
    int decimals;         /* for NUM_PERCENT */
} xf;

typedef struct book {
    const char *file;
    jx_zip *zip;
    int date1904;
    char **strings;       /* shared strings */
    size_t nstrings, capstrings;
    xf *xfs;              /* cellXfs by index */
    size_t nxfs;
} book;

/* ---------------------------------------------------------------- text */

/* Append a UTF-8 encoding of code point cp. */
static void put_utf8(jx_buf *b, unsigned cp)
{
    char s[4];
    if (cp < 0x80) { s[0] = (char)cp; jx_buf_append(b, s, 1); }
    else if (cp < 0x800) { s[0] = (char)(0xC0 | cp >> 6); s[1] = (char)(0x80 | (cp & 0x3F)); jx_buf_append(b, s, 2); }
    else if (cp < 0x10000) {
        s[0] = (char)(0xE0 | cp >> 12); s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[2] = (char)(0x80 | (cp & 0x3F)); jx_buf_append(b, s, 3);
    } else {
        s[0] = (char)(0xF0 | cp >> 18); s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        s[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); s[3] = (char)(0x80 | (cp & 0x3F));
        jx_buf_append(b, s, 4);
    }
}

/* 1 when c is a hex digit. */
static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/*
** A string as a cell shows it: OOXML escapes (_x000D_) decoded, control
** characters as spaces, whitespace collapsed. New malloc'd string.
*/
static char *cell_text(const char *s, size_t len)
{
    jx_buf b = {0};
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '_' && i + 6 < len && s[i + 1] == 'x' && is_hex(s[i + 2]) && is_hex(s[i + 3]) &&
            is_hex(s[i + 4]) && is_hex(s[i + 5]) && s[i + 6] == '_') {
            char hex[5] = {s[i + 2], s[i + 3], s[i + 4], s[i + 5], 0};
            unsigned cp = (unsigned)strtoul(hex, NULL, 16);
            put_utf8(&b, cp < 0x20 ? ' ' : cp);
            i += 6;
            continue;
        }
        jx_buf_putc(&b, (unsigned char)s[i] < 0x20 ? ' ' : s[i]);
    }
    char *out = jx_office_clean(b.data ? b.data : "", b.len);
    jx_buf_free(&b);
    return out;
}

/* A number as plain decimal text, 15 significant digits, no exponent (malloc'd). */
static char *number_text(double v)
{
    char buf[64];
    if (fabs(v) < 1e15 && v == floor(v)) {
        snprintf(buf, sizeof buf, "%.0f", v);
    } else {
        snprintf(buf, sizeof buf, "%.15g", v);
        if (strchr(buf, 'e') || strchr(buf, 'E')) {
            int exp10 = v == 0 ? 0 : (int)floor(log10(fabs(v)));
            int decimals = 14 - exp10;
            if (decimals < 0) decimals = 0;
            if (decimals > 30) decimals = 30;
            snprintf(buf, sizeof buf, "%.*f", decimals, v);
            if (strchr(buf, '.')) {
                size_t n = strlen(buf);
                while (n && buf[n - 1] == '0') buf[--n] = '\0';
                if (n && buf[n - 1] == '.') buf[--n] = '\0';
            }
        }
    }
    if (!strcmp(buf, "-0")) strcpy(buf, "0");
    return jx_strdup(buf);
}

/* Civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm). */
static void civil(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

/* A date serial as the format shows it: 2019-01-01 (and 08:30 when timed); malloc'd. */
static char *date_text(double serial, int date1904, int with_time)
{
    if (serial < 0 || serial > 2958465) return number_text(serial);
    long days = (long)floor(serial);
    double frac = serial - (double)days;
    long unix_days;
    if (date1904) unix_days = days - 24107;             /* 1904-01-01 */
    else if (days >= 61) unix_days = days - 25569;      /* 1899-12-30, past the fake 1900-02-29 */
    else unix_days = days - 25568;
    int y, m, d;
    civil(unix_days, &y, &m, &d);
    char buf[64];
    long mins = lround(frac * 1440.0);
    if (with_time && mins > 0 && mins < 1440)
        snprintf(buf, sizeof buf, "%04d-%02d-%02d %02ld:%02ld", y, m, d, mins / 60, mins % 60);
    else
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return jx_strdup(buf);
}

/* Text of a numeric cell under its style (malloc'd). */
static char *numeric_text(const book *bk, const char *v, long style)
{
    char *end;
    double x = strtod(v, &end);
    if (end == v) return cell_text(v, strlen(v));
    numkind kind = NUM_PLAIN;
    int decimals = 0;
    if (style >= 0 && (size_t)style < bk->nxfs) {
        kind = bk->xfs[style].kind;
        decimals = bk->xfs[style].decimals;
    }
    if (kind == NUM_DATE || kind == NUM_DATETIME) return date_text(x, bk->date1904, kind == NUM_DATETIME);
    if (kind == NUM_PERCENT) {
        char buf[64];
        snprintf(buf, sizeof buf, "%.*f%%", decimals, x * 100.0);
        return jx_strdup(buf);
    }
    char *t = number_text(x);
    /* a fixed-decimals format (0.00) shows its zeros: 356.4 as 356.40, what is printed; a
       value with more decimals than it shows keeps them (the exact figure, not the display) */
    const char *dot = strchr(t, '.');
    int have = dot ? (int)strlen(dot + 1) : 0;
    if (kind == NUM_PLAIN && decimals > have && decimals <= 30) {
        size_t n = strlen(t);
        char *u = jx_xmalloc(n + (size_t)decimals + 2);
        memcpy(u, t, n);
        if (!dot) u[n++] = '.';
        for (int k = have; k < decimals; k++) u[n++] = '0';
        u[n] = '\0';
        free(t);
        t = u;
    }
    return t;
}

/* -------------------------------------------------------- relationships */

typedef struct rel {
    char *id, *type, *target;   /* target resolved against the owner part */
} rel;

typedef struct rels {
    rel *items;
    size_t count, cap;
    const char *owner;
} rels;

/* expat start handler collecting <Relationship> elements. */
static void rels_start(void *ud, jx_xml_ns ns, const char *name, const char **atts)
{
    rels *r = ud;
    (void)ns;
    if (strcmp(name, "Relationship") != 0) return;
    const char *id = jx_xml_attr(atts, "Id"), *type = jx_xml_attr(atts, "Type"),
               *target = jx_xml_attr(atts, "Target"), *mode = jx_xml_attr(atts, "TargetMode");
    if (!id || !target || (mode && !strcmp(mode, "External"))) return;
    if (r->count == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->items = jx_xrealloc(r->items, r->cap * sizeof *r->items);
    }
    rel *x = &r->items[r->count++];
    x->id = jx_strdup(id);
    x->type = jx_strdup(type ? type : "");
    x->target = jx_zip_resolve(r->owner, target);
}

/* Free the relationships read by load_rels. */
static void rels_free(rels *r)
{
    for (size_t i = 0; i < r->count; i++) {
        free(r->items[i].id); free(r->items[i].type); free(r->items[i].target);
    }
    free(r->items);
}

/* The .rels part of a part: xl/workbook.xml -> xl/_rels/workbook.xml.rels (malloc'd). */
static char *rels_path(const char *part)
{
    const char *slash = strrchr(part, '/');
    jx_buf b = {0};
    if (slash) jx_buf_append(&b, part, (size_t)(slash - part) + 1);
    jx_buf_puts(&b, "_rels/");
    jx_buf_puts(&b, slash ? slash + 1 : part);
    jx_buf_puts(&b, ".rels");
    return jx_buf_take(&b);
}

/* Read the relationships of owner ("" for the package); a missing .rels is empty. */
static jx_status load_rels(jx_zip *zip, const char *file, const char *owner, rels *out,
                           jx_error *err)
{
    char *path = owner[0] ? rels_path(owner) : jx_strdup("_rels/.rels");
    out->owner = owner[0] ? owner : "";
    jx_status st = JX_OK;
    if (jx_zip_has(zip, path)) {
        char *xml;
        size_t len;
        st = jx_zip_read(zip, path, &xml, &len, err);
        if (st == JX_OK) {
            jx_xml_handler h = {out, rels_start, NULL, NULL};
            st = jx_xml_parse(xml, len, file, path, &h, err);
            free(xml);
        }
    }
    free(path);
    return st;
}

/* Target of the first relationship whose type ends in suffix, or NULL. */
static const char *rel_by_type(const rels *r, const char *suffix)
{
    for (size_t i = 0; i < r->count; i++)
        if (jx_ends_with(r->items[i].type, suffix)) return r->items[i].target;
    return NULL;
}

static const char *rel_by_id(const rels *r, const char *id)
{
    for (size_t i = 0; i < r->count; i++)
        if (!strcmp(r->items[i].id, id)) return r->items[i].target;
    return NULL;
}

/* ------------------------------------------------------- shared strings */

typedef struct sst_ctx {
    book *bk;
    int in_si, in_t, in_rph;
    jx_buf text;
} sst_ctx;

/* Shared strings: an <si> starts, <t> text counts unless inside <rPh>. */
static void sst_start(void *ud, jx_xml_ns ns, const char *name, const char **atts)
{
    sst_ctx *c = ud;
    (void)atts;
    if (ns != JX_NS_SHEET) return;
    if (!strcmp(name, "si")) { c->in_si = 1; c->text.len = 0; if (c->text.data) c->text.data[0] = 0; }
    else if (!strcmp(name, "rPh")) c->in_rph = 1;
    else if (!strcmp(name, "t") && c->in_si && !c->in_rph) c->in_t = 1;
}

/* Shared strings: an </si> stores the string. */
static void sst_end(void *ud, jx_xml_ns ns, const char *name)
{
    sst_ctx *c = ud;
    if (ns != JX_NS_SHEET) return;
    if (!strcmp(name, "t")) c->in_t = 0;
    else if (!strcmp(name, "rPh")) c->in_rph = 0;
    else if (!strcmp(name, "si") && c->in_si) {
        book *bk = c->bk;
        if (bk->nstrings == bk->capstrings) {
            bk->capstrings = bk->capstrings ? bk->capstrings * 2 : 256;
            bk->strings = jx_xrealloc(bk->strings, bk->capstrings * sizeof *bk->strings);
        }
        bk->strings[bk->nstrings++] = cell_text(c->text.data ? c->text.data : "", c->text.len);
        c->in_si = 0;
    }
}

/* Shared strings: text of the current <t>. */
static void sst_text(void *ud, const char *s, int len)
{
    sst_ctx *c = ud;
    if (c->in_t) jx_buf_append(&c->text, s, (size_t)len);
}

/* ---------------------------------------------------------------- styles */

typedef struct fmt {
    long id;
    char *code;
} fmt;

typedef struct styles_ctx {
    book *bk;
    fmt *fmts;
    size_t nfmts, capfmts;
    int in_xfs;
    long *ids;            /* numFmtId per cellXfs entry */
    size_t nids, capids;
} styles_ctx;

/* Styles: custom number formats and the numFmtId of each cellXfs entry. */
static void styles_start(void *ud, jx_xml_ns ns, const char *name, const char **atts)
{
    styles_ctx *c = ud;
    if (ns != JX_NS_SHEET) return;
    if (!strcmp(name, "numFmt")) {
        const char *id = jx_xml_attr(atts, "numFmtId"), *code = jx_xml_attr(atts, "formatCode");
        if (!id || !code) return;
        if (c->nfmts == c->capfmts) {
            c->capfmts = c->capfmts ? c->capfmts * 2 : 16;
            c->fmts = jx_xrealloc(c->fmts, c->capfmts * sizeof *c->fmts);
        }
        c->fmts[c->nfmts].id = atol(id);
        c->fmts[c->nfmts].code = jx_strdup(code);
        c->nfmts++;
    } else if (!strcmp(name, "cellXfs")) {
        c->in_xfs = 1;
    } else if (!strcmp(name, "xf") && c->in_xfs) {
        const char *id = jx_xml_attr(atts, "numFmtId");
        if (c->nids == c->capids) {
            c->capids = c->capids ? c->capids * 2 : 32;
            c->ids = jx_xrealloc(c->ids, c->capids * sizeof *c->ids);
        }
        c->ids[c->nids++] = id ? atol(id) : 0;
    }
}

/* Styles: the end of cellXfs. */
static void styles_end(void *ud, jx_xml_ns ns, const char *name)
{
    styles_ctx *c = ud;
    if (ns == JX_NS_SHEET && !strcmp(name, "cellXfs")) c->in_xfs = 0;
}

/* How a format code shows numbers: date/time letters outside quotes and brackets. */
static numkind code_kind(const char *code, int *decimals)
{
    int date = 0, time = 0, percent = 0, quoted = 0, bracket = 0;
    *decimals = 0;
    int after_point = 0;
    for (const char *p = code; *p; p++) {
        char ch = *p;
        if (ch == '"') { quoted = !quoted; continue; }
        if (quoted) continue;
        if (ch == '\\' && p[1]) { p++; continue; }
        if (ch == '[') { bracket = 1; continue; }
        if (ch == ']') { bracket = 0; continue; }
        if (bracket) continue;
        if (ch == ';') break;   /* the positive section decides */
        if (ch == 'y' || ch == 'Y' || ch == 'd' || ch == 'D') date = 1;
        else if (ch == 'h' || ch == 'H' || ch == 's' || ch == 'S') time = 1;
        else if (ch == '%') percent = 1;
        else if (ch == '.') after_point = 1;
        else if (ch == '0' && after_point) (*decimals)++;
    }
    if (date) return time ? NUM_DATETIME : NUM_DATE;
    if (percent) return NUM_PERCENT;
    return NUM_PLAIN;
}

/* The kind of a built-in number format id. */
static numkind builtin_kind(long id, int *decimals)
{
    *decimals = 0;
    if (id == 9) return NUM_PERCENT;
    if (id == 10) { *decimals = 2; return NUM_PERCENT; }
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
        (id >= 50 && id <= 58))
        return NUM_DATE;
    if (id == 22) return NUM_DATETIME;
    return NUM_PLAIN;
}

/* Read styles.xml into bk->xfs. */
static jx_status load_styles(book *bk, const char *part, jx_error *err)
{
    char *xml;
    size_t len;
    jx_status st = jx_zip_read(bk->zip, part, &xml, &len, err);
    if (st != JX_OK) return st;
    styles_ctx c = {bk, NULL, 0, 0, 0, NULL, 0, 0};
    jx_xml_handler h = {&c, styles_start, styles_end, NULL};
    st = jx_xml_parse(xml, len, bk->file, part, &h, err);
    free(xml);
    if (st == JX_OK && c.nids) {
        bk->xfs = jx_xcalloc(c.nids, sizeof *bk->xfs);
        bk->nxfs = c.nids;
        for (size_t i = 0; i < c.nids; i++) {
            const char *code = NULL;
            for (size_t k = 0; k < c.nfmts; k++)
                if (c.fmts[k].id == c.ids[i]) code = c.fmts[k].code;
            if (code) bk->xfs[i].kind = code_kind(code, &bk->xfs[i].decimals);
            else bk->xfs[i].kind = builtin_kind(c.ids[i], &bk->xfs[i].decimals);
        }
    }
    for (size_t k = 0; k < c.nfmts; k++) free(c.fmts[k].code);
    free(c.fmts);
    free(c.ids);
    return st;
}

/* -------------------------------------------------------------- workbook */

typedef struct sheet_ref {
    char *name, *rid;
    int hidden;
} sheet_ref;

typedef struct wb_ctx {
    book *bk;
    sheet_ref *sheets;
    size_t count, cap;
} wb_ctx;

/* Workbook: the date system and the sheets in order. */
static void wb_start(void *ud, jx_xml_ns ns, const char *name, const char **atts)
{
    wb_ctx *c = ud;
    if (ns != JX_NS_SHEET) return;
    if (!strcmp(name, "workbookPr")) {
        const char *d = jx_xml_attr(atts, "date1904");
        c->bk->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
    } else if (!strcmp(name, "sheet")) {
        const char *n = jx_xml_attr(atts, "name"), *rid = jx_xml_attr(atts, "id"),
                   *state = jx_xml_attr(atts, "state");
        if (!n || !rid) return;
        if (c->count == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 8;
            c->sheets = jx_xrealloc(c->sheets, c->cap * sizeof *c->sheets);
        }
        sheet_ref *s = &c->sheets[c->count++];
        s->name = jx_strdup(n);
        s->rid = jx_strdup(rid);
        s->hidden = state && strcmp(state, "visible") != 0;
    }
}

/* ------------------------------------------------------------- worksheet */

typedef struct xcell {
    long row;
    int col;
    char *text;
} xcell;

typedef struct range {
    long r1, r2;
    int c1, c2;
} range;

typedef struct ws_ctx {
    book *bk;
    const char *sheet;
    jx_error *err;
    jx_status st;
    xcell *cells;
    size_t ncells, capcells;
    range *merges;
    size_t nmerges, capmerges;
    long row;              /* current row number (1-based) */
    int col;               /* column of the last cell (0-based) */
    /* the cell being read */
    int in_c, in_v, in_is, in_t, in_rph, in_f;
    char type[16];
    long style;
    jx_buf v, is, f;   /* the cell's value, inline string, formula */
} ws_ctx;

/* Parse "B12" into col 1, row 12; *row untouched when the ref has no digits. */
static int parse_ref(const char *ref, int *col, long *row)
{
    long c = 0;
    const char *p = ref;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
        c = c * 26 + ((*p | 0x20) - 'a' + 1);
        if (c > JX_MAX_SHEET_COLS) return 0;
        p++;
    }
    if (p == ref) return 0;
    *col = (int)c - 1;
    if (!*p) return 1;
    long r = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9') return 0;
        r = r * 10 + (*p - '0');
        if (r > JX_MAX_SHEET_ROWS) return 0;
    }
    if (r < 1) return 0;
    *row = r;
    return 1;
}

/* The letters of a 0-based column: 0 -> "A", 16383 -> "XFD". */
static void col_name(int col, char *out, size_t size)
{
    char rev[8];
    int n = 0;
    for (long c = (long)col + 1; c > 0 && n < (int)sizeof rev; c = (c - 1) / 26)
        rev[n++] = (char)('A' + (c - 1) % 26);
    size_t k = 0;
    while (n > 0 && k + 1 < size) out[k++] = rev[--n];
    out[k] = '\0';
}

/* Record the first error of a worksheet, naming the sheet and row. */
static void ws_fail(ws_ctx *c, const char *fmt, const char *what)
{
    if (c->st != JX_OK) return;
    c->st = jx_error_set(c->err, JX_EINPUT, c->bk->file, c->row, "worksheet \"%s\": ", c->sheet);
    size_t n = strlen(c->err->message);
    snprintf(c->err->message + n, sizeof c->err->message - n, fmt, what);
}

/* Worksheet: rows, cells (with their type and style), merged ranges. */
static void ws_start(void *ud, jx_xml_ns ns, const char *name, const char **atts)
{
    ws_ctx *c = ud;
    if (ns != JX_NS_SHEET || c->st != JX_OK) return;
    if (!strcmp(name, "row")) {
        const char *r = jx_xml_attr(atts, "r");
        if (r) {
            char *end;
            long v = strtol(r, &end, 10);
            if (*end || v < 1 || v > JX_MAX_SHEET_ROWS) { ws_fail(c, "bad row number \"%s\"", r); return; }
            c->row = v;
        } else {
            c->row++;
        }
        c->col = -1;
    } else if (!strcmp(name, "c")) {
        const char *r = jx_xml_attr(atts, "r"), *t = jx_xml_attr(atts, "t"), *s = jx_xml_attr(atts, "s");
        int col = c->col + 1;
        long row = c->row ? c->row : 1;
        if (r && !parse_ref(r, &col, &row)) { ws_fail(c, "bad cell reference \"%s\"", r); return; }
        if (row != c->row) c->row = row;
        if (col >= JX_MAX_SHEET_COLS) { ws_fail(c, "too many columns at \"%s\"", r ? r : "?"); return; }
        c->col = col;
        c->in_c = 1;
        snprintf(c->type, sizeof c->type, "%s", t ? t : "n");
        c->style = s ? atol(s) : -1;
        c->v.len = 0; if (c->v.data) c->v.data[0] = 0;
        c->is.len = 0; if (c->is.data) c->is.data[0] = 0;
        c->f.len = 0; if (c->f.data) c->f.data[0] = 0;
    } else if (c->in_c && !strcmp(name, "v")) {
        c->in_v = 1;
    } else if (c->in_c && !strcmp(name, "f")) {
        c->in_f = 1;
    } else if (c->in_c && !strcmp(name, "is")) {
        c->in_is = 1;
    } else if (c->in_is && !strcmp(name, "rPh")) {
        c->in_rph = 1;
    } else if (c->in_is && !c->in_rph && !strcmp(name, "t")) {
        c->in_t = 1;
    } else if (!strcmp(name, "mergeCell")) {
        const char *ref = jx_xml_attr(atts, "ref");
        if (!ref) return;
        char a[32], b[32];
        const char *colon = strchr(ref, ':');
        if (!colon || (size_t)(colon - ref) >= sizeof a || strlen(colon + 1) >= sizeof b) return;
        memcpy(a, ref, (size_t)(colon - ref));
        a[colon - ref] = '\0';
        strcpy(b, colon + 1);
        range m = {0, 0, 0, 0};
        if (!parse_ref(a, &m.c1, &m.r1) || !parse_ref(b, &m.c2, &m.r2) || !m.r1 || !m.r2) return;
        if (m.r2 < m.r1) { long t = m.r1; m.r1 = m.r2; m.r2 = t; }
        if (m.c2 < m.c1) { int t = m.c1; m.c1 = m.c2; m.c2 = t; }
        if (m.c1 >= JX_MAX_ROW_CELLS) return;   /* no cell with text can be there */
        if (m.c2 >= JX_MAX_ROW_CELLS) m.c2 = JX_MAX_ROW_CELLS - 1;
        if (c->nmerges >= (size_t)JX_MAX_MERGES) {
            char lim[32];
            snprintf(lim, sizeof lim, "%ld", JX_MAX_MERGES);
            ws_fail(c, "more than %s merged ranges (JX_MAX_MERGES)", lim);
            return;
        }
        if (c->nmerges == c->capmerges) {
            c->capmerges = c->capmerges ? c->capmerges * 2 : 16;
            c->merges = jx_xrealloc(c->merges, c->capmerges * sizeof *c->merges);
        }
        c->merges[c->nmerges++] = m;
    }
}

/* The text of the cell just closed, by its type (malloc'd; NULL after an error). */
static char *finished_cell(ws_ctx *c)
{
    const char *v = c->v.data ? c->v.data : "";
    /*
    ** A formula that failed (#NAME?) is a value typed with a leading "=" that
    ** the spreadsheet took for a formula (=5个, =100%(场) -- targets of the
    ** family are written so): the cell holds what was typed.
    */
    if (!strcmp(c->type, "e") && c->f.len && !strcmp(v, "#NAME?")) {
        jx_buf b = {0};
        jx_buf_putc(&b, '=');
        jx_buf_append(&b, c->f.data, c->f.len);
        char *t = cell_text(b.data, b.len);
        jx_buf_free(&b);
        return t;
    }
    if (!v[0] && strcmp(c->type, "inlineStr") != 0) return jx_strdup("");
    if (!strcmp(c->type, "s")) {
        char *end;
        long i = strtol(v, &end, 10);
        if (end == v || *end || i < 0 || (size_t)i >= c->bk->nstrings) {
            ws_fail(c, "shared string index \"%s\" out of range", v);
            return NULL;
        }
        return jx_strdup(c->bk->strings[i]);
    }
    if (!strcmp(c->type, "inlineStr")) return cell_text(c->is.data ? c->is.data : "", c->is.len);
    if (!strcmp(c->type, "str") || !strcmp(c->type, "e")) return cell_text(v, c->v.len);
    if (!strcmp(c->type, "b")) return jx_strdup(!strcmp(v, "1") ? "TRUE" : v[0] ? "FALSE" : "");
    if (!strcmp(c->type, "d")) {   /* ISO 8601 date: keep the date part */
        char *t = cell_text(v, c->v.len);
        char *tee = strchr(t, 'T');
        if (tee && !strcmp(tee, "T00:00:00")) *tee = '\0';
        return t;
    }
    return numeric_text(c->bk, v, c->style);
}

/* Worksheet: a closed cell becomes its text. */
static void ws_end(void *ud, jx_xml_ns ns, const char *name)
{
    ws_ctx *c = ud;
    if (ns != JX_NS_SHEET || c->st != JX_OK) return;
    if (!strcmp(name, "v")) c->in_v = 0;
    else if (!strcmp(name, "f")) c->in_f = 0;
    else if (!strcmp(name, "t")) c->in_t = 0;
    else if (!strcmp(name, "rPh")) c->in_rph = 0;
    else if (!strcmp(name, "is")) c->in_is = 0;
    else if (!strcmp(name, "c") && c->in_c) {
        c->in_c = 0;
        char *text = finished_cell(c);
        if (!text) return;
        if (!text[0]) { free(text); return; }
        if (c->col >= JX_MAX_ROW_CELLS) {   /* empty far cells (formatting) are harmless */
            free(text);
            char ref[32];
            col_name(c->col, ref, sizeof ref);
            char what[96];
            snprintf(what, sizeof what, "%s%ld", ref, c->row);
            ws_fail(c, "cell %s has a value beyond the last column a table may have "
                    "(JX_MAX_ROW_CELLS, column IV)", what);
            return;
        }
        if (c->ncells == c->capcells) {
            c->capcells = c->capcells ? c->capcells * 2 : 256;
            c->cells = jx_xrealloc(c->cells, c->capcells * sizeof *c->cells);
        }
        c->cells[c->ncells++] = (xcell){c->row ? c->row : 1, c->col, text};
    }
}

/* Worksheet: text of a <v> or an inline <t>. */
static void ws_text(void *ud, const char *s, int len)
{
    ws_ctx *c = ud;
    if (c->in_v) jx_buf_append(&c->v, s, (size_t)len);
    else if (c->in_f) jx_buf_append(&c->f, s, (size_t)len);
    else if (c->in_t) jx_buf_append(&c->is, s, (size_t)len);
}

/* Order cells by row, then column. */
static int cmp_cell(const void *a, const void *b)
{
    const xcell *x = a, *y = b;
    if (x->row != y->row) return x->row < y->row ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

/* Order merged ranges by first row, or by last row. */
static int cmp_r1(const void *a, const void *b)
{
    const range *x = *(const range *const *)a, *y = *(const range *const *)b;
    return (x->r1 > y->r1) - (x->r1 < y->r1);
}
static int cmp_r2(const void *a, const void *b)
{
    const range *x = *(const range *const *)a, *y = *(const range *const *)b;
    return (x->r2 > y->r2) - (x->r2 < y->r2);
}

/*
** Clear every cell a merged range covers but the range's first (top-left)
** cell. One sweep down the rows: a range is added to the column counts
** cover[] when the sweep reaches its first row and removed after its last,
** so the work is the ranges' widths plus the cells, never ranges x cells
** (hostile sheets carry 100,000 overlapping ranges). Cells are sorted.
*/
static void apply_merges(ws_ctx *c)
{
    if (!c->nmerges || !c->ncells) return;
    const range **by_r1 = jx_xmalloc(c->nmerges * sizeof *by_r1);
    const range **by_r2 = jx_xmalloc(c->nmerges * sizeof *by_r2);
    for (size_t m = 0; m < c->nmerges; m++) by_r1[m] = by_r2[m] = &c->merges[m];
    qsort(by_r1, c->nmerges, sizeof *by_r1, cmp_r1);
    qsort(by_r2, c->nmerges, sizeof *by_r2, cmp_r2);
    long cover[JX_MAX_ROW_CELLS] = {0}, top_left[JX_MAX_ROW_CELLS] = {0};
    size_t in = 0, out = 0, i = 0;
    while (i < c->ncells) {
        long row = c->cells[i].row;
        size_t first_new = in;
        for (; in < c->nmerges && by_r1[in]->r1 <= row; in++)
            for (int k = by_r1[in]->c1; k <= by_r1[in]->c2; k++) cover[k]++;
        for (; out < c->nmerges && by_r2[out]->r2 < row; out++)
            for (int k = by_r2[out]->c1; k <= by_r2[out]->c2; k++) cover[k]--;
        for (size_t m = first_new; m < in; m++)
            if (by_r1[m]->r1 == row) top_left[by_r1[m]->c1]++;
        for (; i < c->ncells && c->cells[i].row == row; i++) {
            int col = c->cells[i].col;
            if (cover[col] - top_left[col] > 0) c->cells[i].text[0] = '\0';
        }
        for (size_t m = first_new; m < in; m++)
            if (by_r1[m]->r1 == row) top_left[by_r1[m]->c1]--;
    }
    free(by_r1);
    free(by_r2);
}

/*
** Apply the merged ranges and group the cells into rows, each dense up to
** its last cell with text. The cells materialised (empty ones included)
** are bounded by JX_MAX_SHEET_CELLS; beyond it the sheet is refused.
*/
static jx_status build_rows(ws_ctx *c, jx_rows *rows)
{
    if (c->ncells > 1) qsort(c->cells, c->ncells, sizeof *c->cells, cmp_cell);
    apply_merges(c);
    size_t i = 0;
    long materialised = 0;
    while (i < c->ncells) {
        size_t j = i;
        int last = -1;
        while (j < c->ncells && c->cells[j].row == c->cells[i].row) {
            if (c->cells[j].text[0]) last = c->cells[j].col;
            j++;
        }
        if (last >= 0) {
            int n = last + 1;
            materialised += n;
            if (materialised > JX_MAX_SHEET_CELLS) {
                c->row = c->cells[i].row;
                char lim[32];
                snprintf(lim, sizeof lim, "%ld", JX_MAX_SHEET_CELLS);
                ws_fail(c, "more than %s cells up to the last value of each row (JX_MAX_SHEET_CELLS): "
                        "out of proportion for a form", lim);
                return c->st;
            }
            char **cells = jx_xmalloc((size_t)n * sizeof *cells);
            for (int k = 0; k < n; k++) cells[k] = NULL;
            for (size_t k = i; k < j; k++)
                if (c->cells[k].col < n && !cells[c->cells[k].col]) {
                    cells[c->cells[k].col] = c->cells[k].text;
                    c->cells[k].text = NULL;
                }
            for (int k = 0; k < n; k++)
                if (!cells[k]) cells[k] = jx_strdup("");
            jx_rows_push(rows, c->cells[i].row, cells, n);
        }
        i = j;
    }
    return JX_OK;
}

/* Read one worksheet part into rows (appended; the rows own their cells). */
static jx_status load_sheet(book *bk, const char *sheet, const char *part, jx_rows *rows,
                            jx_error *err)
{
    char *xml;
    size_t len;
    jx_status st = jx_zip_read(bk->zip, part, &xml, &len, err);
    if (st != JX_OK) return st;
    ws_ctx c;
    memset(&c, 0, sizeof c);
    c.bk = bk;
    c.sheet = sheet;
    c.err = err;
    c.style = -1;
    jx_xml_handler h = {&c, ws_start, ws_end, ws_text};
    st = jx_xml_parse(xml, len, bk->file, part, &h, err);
    free(xml);
    if (st == JX_OK) st = c.st;
    if (st == JX_OK) st = build_rows(&c, rows);
    for (size_t i = 0; i < c.ncells; i++) free(c.cells[i].text);
    free(c.cells);
    free(c.merges);
    jx_buf_free(&c.v);
    jx_buf_free(&c.is);
    jx_buf_free(&c.f);
    return st;
}

/* Free the sheets and their rows. */
void jx_sheets_free(jx_sheets *sheets)
{
    for (size_t i = 0; i < sheets->count; i++) {
        free(sheets->items[i].name);
        jx_rows_free(&sheets->items[i].rows);
    }
    free(sheets->items);
    sheets->items = NULL;
    sheets->count = sheets->cap = 0;
}

/* Read the parts of an opened workbook package. */
static jx_status read_book(book *bk, jx_sheets *out, jx_error *err)
{
    rels pkg = {0}, wbrels = {0};
    wb_ctx wb = {bk, NULL, 0, 0};
    char *xml = NULL;
    size_t len;
    jx_status st = load_rels(bk->zip, bk->file, "", &pkg, err);
    const char *wbpart = st == JX_OK ? rel_by_type(&pkg, "/officeDocument") : NULL;
    if (st == JX_OK && !wbpart) wbpart = "xl/workbook.xml";
    if (st == JX_OK && !jx_zip_has(bk->zip, wbpart))
        st = jx_error_set(err, JX_EINPUT, bk->file, 0,
                          "not a workbook: the archive has no %s (is it an .xlsx?)", wbpart);
    if (st == JX_OK) st = jx_zip_read(bk->zip, wbpart, &xml, &len, err);
    if (st == JX_OK) {
        jx_xml_handler h = {&wb, wb_start, NULL, NULL};
        st = jx_xml_parse(xml, len, bk->file, wbpart, &h, err);
    }
    free(xml);
    if (st == JX_OK) st = load_rels(bk->zip, bk->file, wbpart, &wbrels, err);
    if (st == JX_OK) {
        const char *sst = rel_by_type(&wbrels, "/sharedStrings");
        if (sst && jx_zip_has(bk->zip, sst)) {
            st = jx_zip_read(bk->zip, sst, &xml, &len, err);
            if (st == JX_OK) {
                sst_ctx c = {bk, 0, 0, 0, {0}};
                jx_xml_handler h = {&c, sst_start, sst_end, sst_text};
                st = jx_xml_parse(xml, len, bk->file, sst, &h, err);
                jx_buf_free(&c.text);
                free(xml);
            }
        }
    }
    if (st == JX_OK) {
        const char *styles = rel_by_type(&wbrels, "/styles");
        if (styles && jx_zip_has(bk->zip, styles)) st = load_styles(bk, styles, err);
    }
    for (size_t i = 0; st == JX_OK && i < wb.count; i++) {
        if (wb.sheets[i].hidden) continue;
        const char *part = rel_by_id(&wbrels, wb.sheets[i].rid);
        /* Chartsheets and dialog sheets are no worksheets. */
        if (!part || !jx_zip_has(bk->zip, part) || strstr(part, "chartsheets/")) continue;
        jx_rows rows = {0};
        st = load_sheet(bk, wb.sheets[i].name, part, &rows, err);
        if (st != JX_OK) { jx_rows_free(&rows); break; }
        if (out->count == out->cap) {
            out->cap = out->cap ? out->cap * 2 : 8;
            out->items = jx_xrealloc(out->items, out->cap * sizeof *out->items);
        }
        out->items[out->count].name = jx_strdup(wb.sheets[i].name);
        out->items[out->count].rows = rows;
        out->count++;
    }
    for (size_t i = 0; i < wb.count; i++) { free(wb.sheets[i].name); free(wb.sheets[i].rid); }
    free(wb.sheets);
    rels_free(&pkg);
    rels_free(&wbrels);
    return st;
}

/* Read the visible worksheets of a workbook as rows. */
jx_status jx_xlsx_read(const char *data, size_t len, const char *file,
                       jx_sheets *out, jx_error *err)
{
    book bk;
    memset(&bk, 0, sizeof bk);
    bk.file = file;
    jx_status st = jx_zip_open(data, len, file, &bk.zip, err);
    if (st != JX_OK) return st;
    st = read_book(&bk, out, err);
    for (size_t i = 0; i < bk.nstrings; i++) free(bk.strings[i]);
    free(bk.strings);
    free(bk.xfs);
    jx_zip_close(bk.zip);
    return st;
}
