/*
** disclosure.c - department budget disclosures (部门预算公开): budget tables,
** project narratives and the figures the prose states, from the rows the
** importer already read (no second reader).
**
** The document is walked once. A row whose only cell ends in …表 and speaks
** of 预算/经费 opens a budget table: a 单位：元 row gives its unit, the rows up
** to the first figure are its header, the rows with figures its body; a row of
** one cell of running text ends it. A row …项目经费情况说明 opens a narrative:
** its numbered headings (一、项目概述 …) split it into sections, up to the
** target table's title. Every other row of running text is searched for the
** figures a disclosure states (预算支出总额为…万元, “行政运行” 科目…万元,
** 编报绩效目标的项目N个…).
*/
#include "disclosure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "text.h"
#include "jixiao/util.h"

/* ------------------------------------------------------------ helpers */

/* The only non-empty cell of a row, or NULL when it has none or several. */
static const char *single_cell(const jx_row *r)
{
    const char *s = NULL;
    for (int c = 0; c < r->ncells; c++) {
        if (!r->cells[c][0]) continue;
        if (s) return NULL;
        s = r->cells[c];
    }
    return s;
}

/* Append a formatted note to d->skipped. */
static void skip_note(jx_disclosure *d, long line, const char *what)
{
    jx_buf b = {0};
    jx_buf_printf(&b, "line %ld: %s", line, what);
    d->skipped = jx_xrealloc(d->skipped, (d->nskipped + 1) * sizeof *d->skipped);
    d->skipped[d->nskipped++] = jx_buf_take(&b);
}

/* Split "page P, line N: text" (either part optional) into its location and text. */
const char *jx_disclosure_note_where(const char *note, long *line, int *page)
{
    *line = 0;
    *page = 0;
    const char *p = note;
    char *end;
    if (strncmp(p, "page ", 5) == 0) {
        long v = strtol(p + 5, &end, 10);
        if (end > p + 5 && (strncmp(end, ", ", 2) == 0 || strncmp(end, ": ", 2) == 0)) {
            *page = (int)v;
            p = end + 2;
        }
    }
    if (strncmp(p, "line ", 5) == 0) {
        long v = strtol(p + 5, &end, 10);
        if (end > p + 5 && strncmp(end, ": ", 2) == 0) {
            *line = v;
            p = end + 2;
        }
    }
    return p;
}

/* 1 when key (a jx_text_key) contains needle. */
static int has(const char *s, const char *needle)
{
    return s && strstr(s, needle) != NULL;
}

/* 1 when s consists of ASCII digits only (and is not empty). */
static int all_digits(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

/* 1 when a cell holds a figure written as one: digits with a separator or point. */
static int figure_cell(const char *s)
{
    long long fen;
    if (!*s || !jx_money_parse(s, 1, &fen)) return 0;
    return strchr(s, '.') || strchr(s, ',') || strcmp(s, "0") == 0 || strlen(s) > 4;
}

/* The numbered heading prefix "一、" / "（三）" length of s, 0 when none. */
static size_t ordinal_len(const char *s)
{
    static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八",
                                          "九", "十", NULL};
    size_t i = 0;
    int n = 0;
    for (;;) {
        int hit = 0;
        for (int k = 0; digits[k]; k++) {
            size_t l = strlen(digits[k]);
            if (strncmp(s + i, digits[k], l) == 0) { i += l; hit = 1; n++; break; }
        }
        if (!hit) break;
    }
    if (n == 0 || n > 3) return 0;
    if (strncmp(s + i, "、", strlen("、")) == 0) return i + strlen("、");
    return 0;
}

/* 1 when a budget table's title: one cell ending in 表 about 预算 or 经费. */
static int table_title(const char *cell)
{
    if (!cell || strlen(cell) > 120) return 0;
    char *key = jx_text_key(cell);
    int t = jx_ends_with(key, "表") && (has(key, "预算") || has(key, "经费")) &&
            !has(key, "绩效目标") && !has(key, "说明");
    free(key);
    return t;
}

/* 1 when a project narrative's title: …项目经费情况说明 (or its typos). */
static int narrative_title(const char *cell)
{
    return jx_form_narrative_title(cell);   /* one definition, shared with the form parser */
}

/* ------------------------------------------------------ budget tables */

/* Push a column name. */
static void add_column(jx_budget_table *t, const char *name)
{
    t->columns = jx_xrealloc(t->columns, (t->ncolumns + 1) * sizeof *t->columns);
    t->columns[t->ncolumns++] = jx_strdup(name);
}

/* A new row of t with every value absent. */
static jx_budget_row *add_row(jx_budget_table *t, long line, const char *code, const char *name)
{
    t->rows = jx_xrealloc(t->rows, (t->nrows + 1) * sizeof *t->rows);
    jx_budget_row *r = &t->rows[t->nrows++];
    r->line = line;
    r->page = 0;
    r->code = jx_strdup(code ? code : "");
    r->name = jx_strdup(name ? name : "");
    r->values = jx_xmalloc((t->ncolumns ? t->ncolumns : 1) * sizeof *r->values);
    for (size_t i = 0; i < t->ncolumns; i++) r->values[i] = JX_NO_AMOUNT;
    return r;
}

/* Parse a value cell of t into fen: JX_NO_AMOUNT when empty; 0 when not a figure. */
static int value_of(const jx_budget_table *t, const char *cell, long long *out)
{
    if (!*cell) { *out = JX_NO_AMOUNT; return 1; }
    return jx_money_parse(cell, t->scale, out);
}

/* Cells of a row from its first index lead on (lead leading empty cells dropped). */
typedef struct cells { const char *const *v; int n; } cells;

/* The row's cells with up to lead leading empty cells dropped. */
static cells row_cells(const jx_row *r, int lead)
{
    cells c = {(const char *const *)r->cells, r->ncells};
    while (lead-- > 0 && c.n > 0 && !c.v[0][0]) { c.v++; c.n--; }
    return c;
}

/* A table being built: header rows kept until the first figure. */
typedef struct builder {
    jx_budget_table t;
    const jx_row *header[8];
    int nheader;
    int lead;            /* leading empty cells of the table's rows */
    int nlevels;         /* code columns (类/款/项), 0 for a table without codes */
    int groups[4][2];    /* side-by-side groups: first column, width */
    int ngroups;
    int value_only;      /* the body rows are figures only (三公 table) */
    int started;         /* columns derived */
} builder;

/* 1 when a header cell is a code level label. */
static int level_label(const char *s)
{
    return strcmp(s, "类") == 0 || strcmp(s, "款") == 0 || strcmp(s, "项") == 0;
}

/* Non-empty cells of a header row with lead dropped, into out (max n). */
static int labels_of(const builder *b, const jx_row *r, const char **out, int max)
{
    int k = 0;
    for (int c = 0; c < r->ncells && k < max; c++)
        if (r->cells[c][0] && !has(r->cells[c], "单位：") && !has(r->cells[c], "单位:") &&
            !has(r->cells[c], "编制部门") && !has(r->cells[c], "编制单位"))
            out[k++] = r->cells[c];
    (void)b;
    return k;
}

/*
** Derive the value columns from the header rows, looking at the first body
** row (first) for the table's shape.
*/
static void derive_columns(builder *b, const jx_row *first)
{
    const char *lab[32];
    int code_row = -1, level_row = -1;
    for (int h = 0; h < b->nheader; h++) {
        for (int c = 0; c < b->header[h]->ncells; c++) {
            if (has(b->header[h]->cells[c], "科目编码") || has(b->header[h]->cells[c], "科目名称"))
                code_row = h;
            if (level_label(b->header[h]->cells[c]) && level_row < 0) level_row = h;
        }
    }
    b->started = 1;
    if (code_row >= 0) {   /* 功能分类 / 经济分类: codes, name, values */
        int n = labels_of(b, b->header[code_row], lab, 32), i = 0;
        while (i < n && !has(lab[i], "科目名称")) i++;
        for (i++; i < n; i++) add_column(&b->t, lab[i]);
        if (level_row >= 0) {
            cells lv = row_cells(b->header[level_row], b->lead);
            int nl = 0;
            while (nl < lv.n && level_label(lv.v[nl])) nl++;
            b->nlevels = nl;
            /* Fragments under the levels continue a label cut in two (事业单位 / 经营收入). */
            for (int c = nl + 1; c < lv.n; c++) {
                size_t col = (size_t)(c - nl - 1);
                if (lv.v[c][0] && col < b->t.ncolumns) {
                    jx_buf x = {0};
                    jx_buf_puts(&x, b->t.columns[col]);
                    jx_buf_puts(&x, lv.v[c]);
                    free(b->t.columns[col]);
                    b->t.columns[col] = jx_buf_take(&x);
                }
            }
        } else {
            b->nlevels = 1;
        }
        b->ngroups = 1;
        b->groups[0][0] = 0;
        b->groups[0][1] = (int)b->t.ncolumns;
        return;
    }
    cells fc = row_cells(first, b->lead);
    while (fc.n > 0 && !fc.v[fc.n - 1][0]) fc.n--;
    if (fc.n > 0 && figure_cell(fc.v[0])) {   /* figures only: 三公经费 */
        b->value_only = 1;
        if (b->nheader >= 3) {
            const char *top[8], *mid[8], *low[8];
            int nt = labels_of(b, b->header[b->nheader - 3], top, 8);
            int nm = labels_of(b, b->header[b->nheader - 2], mid, 8);
            int nw = labels_of(b, b->header[b->nheader - 1], low, 8);
            if (nm >= 1 && nm - 1 + nw + (nt - 1) == fc.n && nt >= 1) {
                for (int i = 0; i < nm - 1; i++) add_column(&b->t, mid[i]);
                for (int i = 0; i < nw; i++) {
                    jx_buf x = {0};
                    jx_buf_printf(&x, "%s/%s", mid[nm - 1], low[i]);
                    add_column(&b->t, x.data);
                    jx_buf_free(&x);
                }
                for (int i = 1; i < nt; i++) add_column(&b->t, top[i]);
            }
        }
        if (b->t.ncolumns != (size_t)fc.n) {
            for (size_t i = 0; i < b->t.ncolumns; i++) free(b->t.columns[i]);
            b->t.ncolumns = 0;
            for (int i = 0; i < fc.n; i++) {
                char name[32];
                snprintf(name, sizeof name, "列%d", i + 1);
                add_column(&b->t, name);
            }
        }
        b->ngroups = 1;
        b->groups[0][0] = 0;
        b->groups[0][1] = (int)b->t.ncolumns;
        return;
    }
    /* Side by side (收入 | 支出): the lowest header row split at each 项目. */
    if (b->nheader == 0) return;
    int n = labels_of(b, b->header[b->nheader - 1], lab, 32);
    const char *top[8];
    int nt = b->nheader >= 2 ? labels_of(b, b->header[b->nheader - 2], top, 8) : 0;
    int g = -1;
    for (int i = 0; i < n; i++) {
        if (strcmp(lab[i], "项目") == 0 || has(lab[i], "科目")) {
            if (b->ngroups == 4) break;
            g = b->ngroups++;
            b->groups[g][0] = (int)b->t.ncolumns;
            b->groups[g][1] = 0;
            continue;
        }
        if (g < 0) {
            g = b->ngroups++;
            b->groups[g][0] = 0;
            b->groups[g][1] = 0;
        }
        jx_buf x = {0};
        if (nt == b->ngroups || (nt >= 2 && nt > g)) jx_buf_printf(&x, "%s/%s", top[g], lab[i]);
        else jx_buf_puts(&x, lab[i]);
        add_column(&b->t, x.data);
        jx_buf_free(&x);
        b->groups[g][1]++;
    }
    /* Prefix only when the super header names each group. */
    if (nt != b->ngroups) {
        for (size_t i = 0; i < b->t.ncolumns; i++) {
            char *slash = strchr(b->t.columns[i], '/');
            if (slash && nt < 2) memmove(b->t.columns[i], slash + 1, strlen(slash + 1) + 1);
        }
    }
}

/* 1 when s is a top-level ordinal code cell such as "一、". */
static int ordinal_code(const char *s)
{
    size_t n = ordinal_len(s);
    return n > 0 && s[n] == '\0';
}

/* Add the figures of one body row; 0 when a value cell is not a figure. */
static int body_row(builder *b, const jx_row *r, jx_disclosure *d)
{
    cells c = row_cells(r, b->lead);
    jx_budget_table *t = &b->t;
    /* A trailing 注：… note is not data. */
    while (c.n > 0 && (!c.v[c.n - 1][0] || jx_starts_with(c.v[c.n - 1], "注"))) c.n--;
    if (b->value_only || (b->nlevels > 0 && b->ngroups == 1)) {
        int pos = 0;
        jx_buf code = {0};
        const char *name = "";
        if (!b->value_only) {
            int coded = c.n >= b->nlevels + 1 + (int)t->ncolumns || (c.n > 0 && all_digits(c.v[0]));
            if (coded) {
                for (; pos < b->nlevels && pos < c.n; pos++) jx_buf_puts(&code, c.v[pos]);
            }
            if (pos < c.n) name = c.v[pos++];
        }
        long long vals[64];
        int nv = 0, bad = 0;
        for (size_t k = 0; k < t->ncolumns && k < 64; k++, pos++) {
            const char *cell = pos < c.n ? c.v[pos] : "";
            if (!value_of(t, cell, &vals[k])) { bad = 1; vals[k] = JX_NO_AMOUNT; }
            nv++;
        }
        if (bad) {
            jx_buf m = {0};
            jx_buf_printf(&m, "table \"%s\": a value of row \"%s\" is not a figure", t->title, name);
            skip_note(d, r->line, m.data);
            jx_buf_free(&m);
        }
        int any = name[0] || code.len;
        for (int k = 0; k < nv; k++) any |= vals[k] != JX_NO_AMOUNT;
        if (any) {
            jx_budget_row *row = add_row(t, r->line, code.data ? code.data : "", name);
            for (int k = 0; k < nv; k++) row->values[k] = vals[k];
        }
        jx_buf_free(&code);
        return 1;
    }
    /* Side-by-side groups: [ordinal code] name value… for each group. */
    int pos = 0;
    for (int g = 0; g < b->ngroups; g++) {
        const char *code = "", *name = "";
        if (pos + 1 < c.n && ordinal_code(c.v[pos]) && !figure_cell(c.v[pos + 1]))
            code = c.v[pos++];
        if (pos < c.n && !figure_cell(c.v[pos])) name = c.v[pos++];
        else if (pos < c.n && !c.v[pos][0]) pos++;
        long long vals[16];
        int any = name[0] || code[0];
        int w = b->groups[g][1] < 16 ? b->groups[g][1] : 16;
        for (int k = 0; k < w; k++, pos++) {
            const char *cell = pos < c.n ? c.v[pos] : "";
            if (!value_of(t, cell, &vals[k])) vals[k] = JX_NO_AMOUNT;
            any |= vals[k] != JX_NO_AMOUNT;
        }
        if (!any) continue;
        jx_budget_row *row = add_row(t, r->line, code, name);
        for (int k = 0; k < w; k++) row->values[b->groups[g][0] + k] = vals[k];
    }
    return 1;
}

/* The unit of amount a cell names (单位：元 / 单位:万元), 0 when none. */
static long unit_cell(const char *cell, char **unit)
{
    const char *p = strstr(cell, "单位：");
    size_t skip = strlen("单位：");
    if (!p) { p = strstr(cell, "单位:"); skip = strlen("单位:"); }
    if (!p) return 0;
    p += skip;
    while (*p == ' ') p++;
    if (!*p) return 0;
    *unit = jx_strdup(p);
    long s = jx_money_label_scale(p);
    return s > 0 ? s : 1;
}

/* ---------------------------------------------------------- narratives */

/* Open a new section of a narrative. */
static void add_section(jx_narrative *n, const char *title, long line)
{
    n->sections = jx_xrealloc(n->sections, (n->nsections + 1) * sizeof *n->sections);
    jx_narrative_section *s = &n->sections[n->nsections++];
    s->title = jx_strdup(title);
    s->line = line;
    s->text = jx_strdup("");
}

/* Append a paragraph to the narrative's current section. */
static void section_append(jx_narrative *n, const char *text)
{
    if (!n->nsections || !*text) return;
    jx_narrative_section *s = &n->sections[n->nsections - 1];
    jx_buf b = {0};
    jx_buf_puts(&b, s->text);
    if (b.len) jx_buf_putc(&b, '\n');
    jx_buf_puts(&b, text);
    free(s->text);
    s->text = jx_buf_take(&b);
}

/* Text of a row: its non-empty cells joined by a space. */
static char *row_text(const jx_row *r)
{
    jx_buf b = {0};
    for (int c = 0; c < r->ncells; c++) {
        if (!r->cells[c][0]) continue;
        if (b.len) jx_buf_putc(&b, ' ');
        jx_buf_puts(&b, r->cells[c]);
    }
    return jx_buf_take(&b);
}

/* One narrative paragraph: a numbered heading opens a section. */
static void narrative_row(jx_narrative *n, const jx_row *r)
{
    char *text = row_text(r);
    size_t o = ordinal_len(text);
    if (o) {
        const char *h = text + o;
        while (*h == ' ') h++;
        size_t hl = 0;
        while (h[hl] && h[hl] != ' ' && strncmp(h + hl, "：", strlen("：")) != 0 &&
               strncmp(h + hl, "（", strlen("（")) != 0 && h[hl] != ':')
            hl++;
        if (hl > 0 && hl <= 30) {
            char *title = jx_strndup(h, hl);
            add_section(n, title, r->line);
            free(title);
            const char *rest = h + hl;
            while (*rest == ' ') rest++;
            section_append(n, rest);
            free(text);
            return;
        }
    }
    section_append(n, text);
    free(text);
}

/* ----------------------------------------------------- amounts in prose */

/* A figure found in running text. */
typedef struct figure {
    const char *start, *end;   /* the number */
    const char *after;         /* text after the unit */
    long scale;                /* 10000 for 万元, 1 for 元, 0 when no unit follows */
    int decimals;
    long long fen;
} figure;

/* The next number in s from p on (digits, ',' groups, one '.'), NULL when none. */
static const char *next_number(const char *p, figure *f)
{
    for (; *p; p++) {
        if (*p < '0' || *p > '9') continue;
        const char *q = p;
        int dot = 0, dec = 0;
        while ((*q >= '0' && *q <= '9') || ((*q == ',' || *q == '.') && q[1] >= '0' && q[1] <= '9')) {
            if (*q == '.') { if (dot) break; dot = 1; }
            else if (dot && *q != ',') dec++;
            q++;
        }
        f->start = p;
        f->end = q;
        f->decimals = dec;
        const char *u = q;
        while (*u == ' ') u++;
        f->scale = 0;
        if (strncmp(u, "万元", strlen("万元")) == 0) { f->scale = 10000; u += strlen("万元"); }
        else if (strncmp(u, "元", strlen("元")) == 0) { f->scale = 1; u += strlen("元"); }
        f->after = u;
        char *num = jx_strndup(p, (size_t)(q - p));
        int ok = jx_money_parse(num, f->scale ? f->scale : 1, &f->fen);
        free(num);
        if (!ok) { p = q - 1; continue; }
        return q;
    }
    return NULL;
}

/* 1 when text before pos ends with one of words, after filler (为：: 安排（元）). */
static int preceded_by(const char *text, const char *pos, const char *const *words)
{
    static const char *const filler[] = {" ", "为", "：", ":", "安排", "（元）", "(元)", "是", NULL};
    const char *p = pos;
    for (int again = 1; again;) {
        again = 0;
        for (int i = 0; filler[i]; i++) {
            size_t l = strlen(filler[i]);
            if ((size_t)(p - text) >= l && strncmp(p - l, filler[i], l) == 0) {
                p -= l;
                again = 1;
            }
        }
    }
    for (int i = 0; words[i]; i++) {
        size_t l = strlen(words[i]);
        if ((size_t)(p - text) >= l && strncmp(p - l, words[i], l) == 0) return 1;
    }
    return 0;
}

/* Where the sentence holding pos begins: after the last 。；; before it, or text. */
static const char *sentence_start(const char *text, const char *pos)
{
    const char *start = text;
    static const char *const ends[] = {"。", "；", ";", NULL};
    for (int i = 0; ends[i]; i++) {
        size_t l = strlen(ends[i]);
        for (const char *q = pos - l; q >= start; q--)
            if (strncmp(q, ends[i], l) == 0) {
                start = q + l;
                break;
            }
    }
    return start;
}

/* The 其中 between pos's sentence start and pos (the last one), or NULL. */
static const char *qizhong_of(const char *text, const char *pos)
{
    const char *start = sentence_start(text, pos), *q = NULL;
    for (const char *p = strstr(start, "其中"); p && p < pos; p = strstr(p + 1, "其中")) q = p;
    return q;
}

/* 1 when needle occurs whole in [from, to). */
static int occurs_between(const char *from, const char *to, const char *needle)
{
    const char *p = strstr(from, needle);
    return p && p + strlen(needle) <= to;
}

/*
** The amount a 年度预算安排 section states, in fen, by the grammar of the
** section: the figure after 预算 (金额/总额), else the sum of the figures in
** 元/万元 that are not factors of a product (350元*200人*2次=14万元 counts
** 14万元) nor a project's total over its years (总投资, 总概算, 累计). A
** figure after 其中 is a part of the whole stated before it in its sentence:
** not added again when the whole was added, not added when the whole is a
** project total unless the part is an arrangement (…总投资500万元，其中2025年
** 安排7万元 counts 7万元), added when no whole precedes it (其中：慰问费5万元，
** 训练物资2万元 counts both). Else JX_NO_AMOUNT. A year the section names is
** not a filter: units copy last year's text (a 2020 budget's 2019年预算金额
** 安排12.22万元 is its amount).
*/
static long long section_amount(const char *text)
{
    static const char *const total_words[] = {"预算", "预算金额", "预算总额", "预算资金",
                                              "总预算", NULL};
    static const char *const project_totals[] = {"总投资", "投资总额", "总概算", "总估算", "累计", NULL};
    enum { ADDED, PROJECT_TOTAL, OTHER };
    figure f;
    const char *p = text;
    const char *whole_at = NULL;   /* the last figure with a unit under no 其中, and what became of it */
    int whole = OTHER;
    long long sum = 0;
    int n = 0;
    while ((p = next_number(p, &f)) != NULL) {
        if (preceded_by(text, f.start, total_words) && (f.scale || *f.after != '%')) {
            if (!f.scale && (strncmp(f.after, "年", strlen("年")) == 0)) continue;
            return f.fen;
        }
        if (!f.scale) continue;
        const char *a = f.after;
        int factor = *a == '*' || *a == '/' || *a == '=' || strncmp(a, "×", strlen("×")) == 0;
        if (f.start > text && (f.start[-1] == '*' || f.start[-1] == '/')) factor = 1;
        int total = preceded_by(text, f.start, project_totals);
        const char *qz = qizhong_of(text, f.start);
        if (qz && whole_at && whole_at < qz && whole_at >= sentence_start(text, qz)) {   /* a part */
            if (!factor && !total && whole == PROJECT_TOTAL && occurs_between(qz, f.start, "安排")) {
                sum += f.fen;
                n++;
            }
            continue;
        }
        whole_at = f.start;
        whole = factor ? OTHER : total ? PROJECT_TOTAL : ADDED;
        if (whole == ADDED) {
            sum += f.fen;
            n++;
        }
    }
    return n ? sum : JX_NO_AMOUNT;
}

/* Add a claim. */
static void add_claim(jx_disclosure *d, jx_claim_kind kind, long line, const char *subject,
                      const figure *f, long count)
{
    d->claims = jx_xrealloc(d->claims, (d->nclaims + 1) * sizeof *d->claims);
    jx_claim *c = &d->claims[d->nclaims++];
    c->kind = kind;
    c->line = line;
    c->subject = jx_strdup(subject);
    c->amount = f ? f->fen : JX_NO_AMOUNT;
    c->decimals = f ? f->decimals : 0;
    c->count = count;
    c->text = f ? jx_strndup(f->start, (size_t)(f->after - f->start)) : NULL;
}

/* The figure right after keyword at k (filler skipped), in 元 or 万元; 0 when none. */
static int figure_after(const char *k, figure *f)
{
    const char *p = k;
    static const char *const filler[] = {"为", "：", ":", " ", NULL};
    for (int again = 1; again;) {
        again = 0;
        for (int i = 0; filler[i]; i++)
            if (jx_starts_with(p, filler[i])) { p += strlen(filler[i]); again = 1; }
    }
    if (*p < '0' || *p > '9') return 0;
    return next_number(p, f) == f->end && f->start == p && f->scale != 0;
}

/*
** A paragraph of running text: PDF extraction and Word wrap a paragraph over
** several lines, cutting a keyword or figure anywhere (一般公共预算拨 / 款支出预算
** 49,376万元), so stated figures are searched in the rows rejoined. Rows join
** while they follow each other (blank rows between them aside), the text so
** far does not end a sentence (。！？) and the row opens no numbered item
** (一、, （二）, 3.). off[k] is where row k's text starts in
** text, line[k] its line: a claim cites the line its keyword starts on.
*/
typedef struct paragraph {
    jx_buf text;
    size_t n, cap;
    size_t *off;
    long *line;
    size_t next;    /* index of the row after the last one joined */
} paragraph;

/* The source line of the text at `at` in p's text. */
static long para_line(const paragraph *p, const char *at)
{
    size_t o = (size_t)(at - p->text.data);
    long line = p->n ? p->line[0] : 0;
    for (size_t k = 0; k < p->n && p->off[k] <= o; k++) line = p->line[k];
    return line;
}

/* Search a paragraph of running text for the figures a disclosure states. */
static void find_claims(jx_disclosure *d, const paragraph *para)
{
    const char *text = para->text.data;
    if (!text) return;
    static const struct { const char *key; jx_claim_kind kind; const char *not_after; } keys[] = {
        {"预算支出总额", JX_CLAIM_EXPENSE_TOTAL, NULL},
        {"一般公共预算拨款支出预算", JX_CLAIM_PUBLIC_TOTAL, NULL},
        {"政府性基金拨款支出预算", JX_CLAIM_FUND_TOTAL, NULL},
        {"财政拨款支出预算", JX_CLAIM_FISCAL_TOTAL, NULL},
        {"收入预算", JX_CLAIM_INCOME_TOTAL, NULL},
        {"支出预算", JX_CLAIM_EXPENSE_TOTAL, "拨款"},
        {"“三公”经费预算数", JX_CLAIM_SANGONG_TOTAL, NULL},
        {"因公出国（境）费", JX_CLAIM_SANGONG_ABROAD, NULL},
        {"公务接待费", JX_CLAIM_SANGONG_RECEPTION, NULL},
        {"公务用车购置费", JX_CLAIM_SANGONG_CAR_BUY, NULL},
        {"公务用车运行费", JX_CLAIM_SANGONG_CAR_RUN, NULL},
        {"运行费", JX_CLAIM_SANGONG_CAR_RUN, "公务用车购置费为0万元、"},
        {"机关运行经费预算", JX_CLAIM_OPERATING, NULL},
    };
    figure f;
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        const char *k = text;
        size_t kl = strlen(keys[i].key);
        while ((k = strstr(k, keys[i].key)) != NULL) {
            const char *after = k + kl;
            int preceded = 0;
            /* A longer key at the same place wins (一般公共预算拨款支出预算 ⊃ 支出预算). */
            for (size_t j = 0; j < i; j++) {
                size_t jl = strlen(keys[j].key);
                const char *e = after;
                if ((size_t)(e - text) >= jl && strncmp(e - jl, keys[j].key, jl) == 0) preceded = 1;
            }
            if (keys[i].not_after && strcmp(keys[i].not_after, "拨款") == 0 &&
                (size_t)(k - text) >= strlen("拨款") &&
                strncmp(k - strlen("拨款"), "拨款", strlen("拨款")) == 0)
                preceded = 1;
            if (keys[i].kind == JX_CLAIM_SANGONG_CAR_RUN &&
                !((size_t)(k - text) >= strlen("、") && strncmp(k - strlen("、"), "、", strlen("、")) == 0))
                preceded = 1;   /* 运行费 only in 公务用车购置费为…、运行费为… */
            if (!preceded && figure_after(after, &f)) add_claim(d, keys[i].kind, para_line(para, k), NULL, &f, -1);
            k = after;
        }
    }
    /* “行政运行” 科目1,398.22万元 */
    const char *k = text;
    while ((k = strstr(k, "科目")) != NULL) {
        const char *after = k + strlen("科目");
        if (figure_after(after, &f)) {
            const char *e = k;
            while (e > text && e[-1] == ' ') e--;
            if ((size_t)(e - text) >= strlen("”") && strncmp(e - strlen("”"), "”", strlen("”")) == 0)
                e -= strlen("”");
            const char *s = e;
            while (s > text && !(s - text >= 3 && strncmp(s - 3, "“", 3) == 0) && s[-1] != '.' &&
                   s[-1] != ' ')
                s--;
            char *subject = jx_strndup(s, (size_t)(e - s));
            if (*subject) add_claim(d, JX_CLAIM_SUBJECT, para_line(para, s), subject, &f, -1);
            free(subject);
        }
        k = after;
    }
    /* 编报绩效目标的项目37个，涉及项目预算资金31,790.34万元 */
    const char *p = strstr(text, "编报绩效目标的项目");
    if (p) {
        long pline = para_line(para, p);
        p += strlen("编报绩效目标的项目");
        char *end;
        long count = strtol(p, &end, 10);
        const char *m = strstr(p, "预算资金");
        figure g;
        int money = m && figure_after(m + strlen("预算资金"), &g);
        if (end > p) add_claim(d, JX_CLAIM_PROJECTS, pline, NULL, money ? &g : NULL, count);
    }
}

/* Whether text ends a sentence (。！？), trailing spaces aside. */
static int sentence_end(const char *text, size_t len)
{
    while (len > 0 && text[len - 1] == ' ') len--;
    static const char *const ends[] = {"。", "！", "？", NULL};
    for (int i = 0; ends[i]; i++) {
        size_t l = strlen(ends[i]);
        if (len >= l && memcmp(text + len - l, ends[i], l) == 0) return 1;
    }
    return 0;
}

/* Search the paragraph gathered so far and empty it. */
static void para_flush(jx_disclosure *d, paragraph *p)
{
    if (p->n) find_claims(d, p);
    p->text.len = 0;
    if (p->text.data) p->text.data[0] = '\0';
    p->n = 0;
}

/*
** Whether text opens a numbered item (一、 / （三） / 1. / 2．): where a list
** item starts a new paragraph even when the line before did not end a sentence.
*/
static int item_start(const char *text)
{
    while (*text == ' ') text++;
    if (ordinal_len(text)) return 1;
    if (jx_starts_with(text, "（") || *text == '(') {
        const char *p = text + (*text == '(' ? 1 : strlen("（"));
        const char *q = p;
        while (*q >= '0' && *q <= '9') q++;
        if (q == p) {
            static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八",
                                                  "九", "十", NULL};
            for (int again = 1; again;) {
                again = 0;
                for (int k = 0; digits[k]; k++)
                    if (jx_starts_with(q, digits[k])) { q += strlen(digits[k]); again = 1; }
            }
        }
        return q > p && q - p <= 9 && (jx_starts_with(q, "）") || *q == ')');
    }
    const char *q = text;
    while (*q >= '0' && *q <= '9') q++;
    if (q == text || q - text > 2) return 0;
    if (*q == '.' && !(q[1] >= '0' && q[1] <= '9')) return 1;
    return jx_starts_with(q, "．") || jx_starts_with(q, "、");
}

/* Whether byte c is an ASCII letter. */
static int latin(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/*
** Row i of rows, of running text, into the paragraph: it continues the one
** gathered when it is the next non-blank row and that did not end a sentence;
** else the gathered one is searched first.
*/
static void para_add(jx_disclosure *d, paragraph *p, const jx_rows *rows, size_t i)
{
    char *text = row_text(&rows->items[i]);
    int follows = p->n > 0 && !sentence_end(p->text.data, p->text.len) && !item_start(text);
    for (size_t j = p->next; follows && j < i; j++)
        if (jx_row_filled(&rows->items[j]) > 0) follows = 0;
    if (!follows) para_flush(d, p);
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 8;
        p->off = jx_xrealloc(p->off, p->cap * sizeof *p->off);
        p->line = jx_xrealloc(p->line, p->cap * sizeof *p->line);
    }
    /* Words of Latin script keep a space where the line broke; CJK and figures join. */
    if (p->text.len && latin((unsigned char)p->text.data[p->text.len - 1]) &&
        latin((unsigned char)text[0]))
        jx_buf_putc(&p->text, ' ');
    p->off[p->n] = p->text.len;
    p->line[p->n++] = rows->items[i].line;
    jx_buf_puts(&p->text, text);
    free(text);
    p->next = i + 1;
}

/* -------------------------------------------------------------- linking */

/* A project name without a trailing 项目经费/经费/费/项目, as a key. */
static char *project_key(const char *name)
{
    char *k = jx_text_key(name);
    static const char *const tails[] = {"项目经费", "经费", "项目", "费", NULL};
    for (int i = 0; tails[i]; i++) {
        size_t kl = strlen(k), tl = strlen(tails[i]);
        if (kl > tl + 3 && strcmp(k + kl - tl, tails[i]) == 0) { k[kl - tl] = '\0'; break; }
    }
    return k;
}

/* The stem of a narrative title: the text before 项目经费, as a key. */
static char *title_stem(const char *title)
{
    char *k = jx_text_key(title);
    char *p = strstr(k, "项目经费");
    if (p) *p = '\0';
    return k;
}

/*
** Link each narrative to a form by project name: a form whose name the
** narrative's title ends with (the longest such name); among forms of the
** same name, the first not yet linked after the narrative, else the nearest
** before it. Documents reorder and skip sections, so position only breaks
** ties between equal names -- except for a title that names no project
** (项目经费情况说明 alone), which takes the form right after it.
*/
static void link_narratives(jx_disclosure *d, jx_form_list *forms, size_t first)
{
    size_t nf = forms->count - first;
    char **keys = jx_xcalloc(nf ? nf : 1, sizeof *keys);
    char *used = jx_xcalloc(nf ? nf : 1, 1);
    for (size_t i = 0; i < nf; i++)
        keys[i] = forms->items[first + i]->name ? project_key(forms->items[first + i]->name) : NULL;
    for (size_t n = 0; n < d->nnarratives; n++) {
        jx_narrative *nr = &d->narratives[n];
        char *stem = title_stem(nr->title);
        size_t best_len = 0;
        for (size_t i = 0; i < nf; i++)
            if (keys[i] && *keys[i] && jx_ends_with(stem, keys[i]) && strlen(keys[i]) > best_len)
                best_len = strlen(keys[i]);
        long pick = -1;
        if (best_len) {
            for (size_t i = 0; i < nf && pick < 0; i++)
                if (!used[i] && keys[i] && strlen(keys[i]) == best_len && jx_ends_with(stem, keys[i]) &&
                    forms->items[first + i]->line > nr->line)
                    pick = (long)i;
            for (size_t i = nf; i-- > 0 && pick < 0;)
                if (!used[i] && keys[i] && strlen(keys[i]) == best_len && jx_ends_with(stem, keys[i]))
                    pick = (long)i;
        }
        if (!*stem) {
            /* A title naming no project (项目经费情况说明): its own table follows it,
               the first unlinked form after it and before the next narrative. */
            long next = n + 1 < d->nnarratives ? d->narratives[n + 1].line : -1;
            for (size_t i = 0; i < nf && pick < 0; i++) {
                long fl = forms->items[first + i]->line;
                if (!used[i] && fl > nr->line && (next < 0 || fl < next)) pick = (long)i;
            }
        }
        if (pick >= 0) {
            jx_form *f = forms->items[first + (size_t)pick];
            used[pick] = 1;
            nr->form = f;
            nr->linked = 1;
            nr->project = jx_strdup(f->name);
            /* The unit: the title before the project name, as written. */
            const char *raw = nr->title;
            const char *at = strstr(raw, f->name);
            const char *last = NULL;
            while (at) { last = at; at = strstr(at + 1, f->name); }
            if (!last) {   /* 业务培训费 under 业务培训项目经费: match the stem */
                char *pk = project_key(f->name);
                at = strstr(raw, pk);
                while (at) { last = at; at = strstr(at + 1, pk); }
                free(pk);
            }
            if (last && last > raw) nr->unit = jx_strndup(raw, (size_t)(last - raw));
            nr->table_amount = f->budget.total;
            if (!f->unit && nr->unit) f->unit = jx_strdup(nr->unit);
            if (f->budget.total == JX_NO_AMOUNT && nr->amount != JX_NO_AMOUNT)
                f->budget.total = nr->amount;
        } else {
            jx_buf m = {0};
            /* Its 绩效目标 section pointing to a table (详见…绩效目标表) that is not here. */
            const char *cite = NULL;
            int cites = 0;
            for (size_t k = 0; k < nr->nsections && !cite; k++) {
                if (!has(nr->sections[k].title, "绩效目标")) continue;
                const char *tx = nr->sections[k].text;
                if (tx && has(tx, "表") && strlen(tx) < 200) cite = tx;
                /* its text is the reference itself (详见…绩效目标表), read as a title */
                else if (!tx || !*tx) cites = 1;
            }
            if (cite)
                jx_buf_printf(&m, "narrative \"%s\" cites a target table (%s) that the document "
                              "does not contain", nr->title, cite);
            else if (cites)
                jx_buf_printf(&m, "narrative \"%s\" cites a target table that the document does "
                              "not contain", nr->title);
            else
                jx_buf_printf(&m, "narrative \"%s\" has no target table of the same project", nr->title);
            skip_note(d, nr->line, m.data);
            jx_buf_free(&m);
        }
        free(stem);
    }
    for (size_t i = 0; i < nf; i++) free(keys[i]);
    free(keys);
    free(used);
}

/* ----------------------------------------------------------------- walk */

/* 1 when the rows hold a final-accounts title or what jx_disclosure_detect finds. */
int jx_disclosure_hint(const jx_rows *rows)
{
    return jx_final_titles(rows, 1) > 0 || jx_disclosure_detect(rows);
}

/* 1 when the rows are final accounts or hold a budget table or project narrative title. */
int jx_disclosure_detect(const jx_rows *rows)
{
    if (jx_final_detect(rows)) return 1;
    for (size_t i = 0; i < rows->count; i++) {
        const char *c = single_cell(&rows->items[i]);
        if (c && (table_title(c) || narrative_title(c))) return 1;
    }
    return 0;
}

/*
** Whether a one-cell row is running text, never a budget row's name: a
** sentence (it ends in 。, or holds a ，/；/： and is longer than any 科目
** name, 20 characters) or a heading of the explanations (…说明). Names of
** 科目 and totals carry no sentence punctuation.
*/
static int running_text(const char *one)
{
    size_t len = strlen(one);
    if (sentence_end(one, len)) return 1;
    char *key = jx_text_key(one);
    int r = jx_ends_with(key, "说明");
    free(key);
    if (r) return 1;
    size_t chars = 0;
    for (const char *c = one; *c; c++) chars += ((unsigned char)*c & 0xC0) != 0x80;
    if (chars <= 20) return 0;
    return strstr(one, "，") || strstr(one, "；") || strstr(one, "：");
}

/* Finish a table under construction: keep it when it has rows. */
static void end_table(jx_disclosure *d, builder *b)
{
    if (!b->t.title) return;
    if (b->t.nrows == 0) {
        jx_buf m = {0};
        jx_buf_printf(&m, "table \"%s\" has no rows of figures", b->t.title);
        skip_note(d, b->t.line, m.data);
        jx_buf_free(&m);
    }
    d->tables = jx_xrealloc(d->tables, (d->ntables + 1) * sizeof *d->tables);
    d->tables[d->ntables++] = b->t;
    memset(b, 0, sizeof *b);
}

/* Walk the rows once: tables, narratives, stated figures; then link. */
int jx_budget_table_title(const char *cell) { return table_title(cell); }
int jx_budget_narrative_title(const char *cell) { return narrative_title(cell); }

jx_status jx_disclosure_read(const jx_rows *rows, const char *file, jx_form_list *forms,
                             size_t first, jx_disclosure **out, jx_error *err)
{
    (void)err;
    /* Layouts that lost the columns: the tables' rows rebuilt first (flow.c). */
    jx_rows regrouped = {0};
    if (jx_budget_regroup(rows, &regrouped)) rows = &regrouped;
    jx_disclosure *d = jx_xcalloc(1, sizeof *d);
    d->file = jx_strdup(file ? file : "");
    if (jx_final_detect(rows)) {   /* 部门决算: its own tables and statements (final.c) */
        jx_final_read(rows, d);
        *out = d;
        return JX_OK;
    }
    enum { NONE, TABLE, NARRATIVE, FORM } state = NONE;
    builder b;
    memset(&b, 0, sizeof b);
    jx_narrative *nr = NULL;
    paragraph para;
    memset(&para, 0, sizeof para);
    for (size_t i = 0; i < rows->count; i++) {
        const jx_row *r = &rows->items[i];
        const char *one = single_cell(r);
        if (i > 0 && r->section != rows->items[i - 1].section) {
            end_table(d, &b);   /* a section (worksheet) boundary ends a table or narrative */
            state = NONE;
        }
        if (jx_row_filled(r) == 0) continue;
        if (one && table_title(one)) {
            end_table(d, &b);
            state = TABLE;
            b.t.title = jx_strdup(one);
            b.t.line = r->line;
            b.t.scale = 1;
            b.lead = r->ncells > 0 && !r->cells[0][0] ? 1 : 0;
            continue;
        }
        if (one && narrative_title(one)) {
            end_table(d, &b);
            state = NARRATIVE;
            d->narratives = jx_xrealloc(d->narratives, (d->nnarratives + 1) * sizeof *d->narratives);
            nr = &d->narratives[d->nnarratives++];
            memset(nr, 0, sizeof *nr);
            nr->title = jx_strdup(one);
            nr->line = r->line;
            nr->amount = nr->table_amount = JX_NO_AMOUNT;
            continue;
        }
        if (state == NARRATIVE && jx_form_starts_at(r)) state = FORM;   /* its target table */
        /* a section heading after the target table (其他相关情况说明) ends it, as it
           ends the form for the form reader: what follows is the disclosure's text */
        if (state == FORM && jx_form_narrative_row(r)) state = NONE;
        if (state == FORM) continue;
        if (state == NARRATIVE) { narrative_row(nr, r); continue; }
        if (state == TABLE) {
            int meta = 0;
            for (int c = 0; c < r->ncells; c++) {
                char *unit = NULL;
                long s = unit_cell(r->cells[c], &unit);
                if (s) { free(b.t.unit); b.t.unit = unit; b.t.scale = s; meta = 1; }
                if (has(r->cells[c], "编制部门") || has(r->cells[c], "编制单位")) meta = 1;
            }
            int fig = 0;
            for (int c = 0; c < r->ncells; c++) fig |= figure_cell(r->cells[c]);
            if (!fig && b.started && one && running_text(one)) {
                /* the text after a table (其他相关情况说明, a sentence) ends it */
                end_table(d, &b);
                state = NONE;
                para_add(d, &para, rows, i);
                continue;
            }
            if (meta && !fig) {
                /* A unit row may carry header labels too (…|项目|一般公共预算基本支出). */
                const char *lab[4];
                if (labels_of(&b, r, lab, 4) > 0 && b.nheader < 8) b.header[b.nheader++] = r;
                continue;
            }
            if (!fig && !b.started) {
                if (one && strlen(one) > 90) { end_table(d, &b); state = NONE; }
                else { if (b.nheader < 8) b.header[b.nheader++] = r; continue; }
            } else if (fig) {
                if (!b.started) derive_columns(&b, r);
                body_row(&b, r, d);
                continue;
            } else if (one && r->flow == JX_FLOW_GRID) {
                /* (rows flow.c rebuilt keep their flow: a name alone is a row there) */
                end_table(d, &b);
                state = NONE;
            } else {
                body_row(&b, r, d);
                continue;
            }
        }
        /* Running text outside tables and narratives: stated figures. */
        para_add(d, &para, rows, i);
    }
    para_flush(d, &para);
    jx_buf_free(&para.text);
    free(para.off);
    free(para.line);
    end_table(d, &b);
    for (size_t n = 0; n < d->nnarratives; n++) {
        jx_narrative *x = &d->narratives[n];
        for (size_t s = 0; s < x->nsections; s++) {
            if (!has(x->sections[s].title, "预算")) continue;
            x->amount = section_amount(x->sections[s].text);
            x->amount_line = x->sections[s].line;
            break;
        }
        if (x->nsections == 0) skip_note(d, x->line, "narrative has no numbered sections");
    }
    link_narratives(d, forms, first);
    jx_rows_free(&regrouped);
    *out = d;
    return JX_OK;
}

/* Free a disclosure and everything it owns. */
void jx_disclosure_free(jx_disclosure *d)
{
    if (!d) return;
    for (size_t i = 0; i < d->ntables; i++) {
        jx_budget_table *t = &d->tables[i];
        free(t->title); free(t->unit);
        for (size_t c = 0; c < t->ncolumns; c++) free(t->columns[c]);
        free(t->columns);
        for (size_t r = 0; r < t->nrows; r++) {
            free(t->rows[r].code); free(t->rows[r].name); free(t->rows[r].values);
        }
        free(t->rows);
    }
    free(d->tables);
    for (size_t i = 0; i < d->nnarratives; i++) {
        jx_narrative *n = &d->narratives[i];
        free(n->title); free(n->unit); free(n->project);
        for (size_t s = 0; s < n->nsections; s++) { free(n->sections[s].title); free(n->sections[s].text); }
        free(n->sections);
    }
    free(d->narratives);
    for (size_t i = 0; i < d->nclaims; i++) { free(d->claims[i].subject); free(d->claims[i].text); }
    free(d->claims);
    for (size_t i = 0; i < d->nskipped; i++) free(d->skipped[i]);
    free(d->skipped);
    for (size_t i = 0; i < d->nstatements; i++) {
        jx_statement *s = &d->statements[i];
        free(s->subject); free(s->share_of); free(s->base); free(s->text);
    }
    free(d->statements);
    for (size_t i = 0; i < d->nheadings; i++) free(d->headings[i].text);
    free(d->headings);
    free(d->unit);
    free(d->file);
    free(d);
}

/* Index of a value column by name. */
int jx_budget_column(const jx_budget_table *t, const char *name)
{
    for (size_t i = 0; i < t->ncolumns; i++)
        if (strcmp(t->columns[i], name) == 0) return (int)i;
    return -1;
}

/* The narrative linked to a form. */
const jx_narrative *jx_disclosure_narrative_of(const jx_disclosure *d, const jx_form *form)
{
    for (size_t i = 0; d && i < d->nnarratives; i++)
        if (d->narratives[i].form == form) return &d->narratives[i];
    return NULL;
}

/* See disclosure.h: a narrative without a target table anywhere, in a budget disclosure. */
int jx_narrative_is_documents(const jx_disclosure *d, const jx_narrative *n)
{
    return !d->final && !n->form && !n->linked;
}

/* Text of the first section whose title contains key. */
const char *jx_narrative_text(const jx_narrative *n, const char *key)
{
    for (size_t i = 0; i < n->nsections; i++)
        if (has(n->sections[i].title, key)) return n->sections[i].text;
    return NULL;
}

/* Attach a disclosure to a form list, which takes ownership. */
void jx_form_list_add_disclosure(jx_form_list *forms, jx_disclosure *d)
{
    forms->disclosures = jx_xrealloc(forms->disclosures,
                                     (forms->ndisclosures + 1) * sizeof *forms->disclosures);
    forms->disclosures[forms->ndisclosures++] = d;
}

/* The disclosure read from the same file as form. */
const jx_disclosure *jx_disclosure_of(const jx_form_list *forms, const jx_form *form)
{
    for (size_t i = 0; i < forms->ndisclosures; i++)
        if (form->file && strcmp(forms->disclosures[i]->file, form->file) == 0)
            return forms->disclosures[i];
    return NULL;
}
