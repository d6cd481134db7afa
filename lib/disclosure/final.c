/*
** final.c - final-accounts disclosures (部门决算公开) from the rows any layout
** reader produced: the nine tables, the 目录, headings, and the statements of
** the 情况说明 that restate the tables' figures.
**
** Tables. A one-cell row whose key ends in 决算表/决算总表 (not an entry of
** the 目录, not the part heading …部门决算表) opens a table; 单位：万元 gives
** its unit. The rows up to the first body row are its header. Layouts that
** keep columns (ruled PDF, DOCX, XLSX) give every row the same grid, so a
** column is named by the header cells above it: a merged header cell's text
** stands in its first column and covers the empty cells to its right while
** the header above them is the same (财政拨款“三公”经费/公务用车购置及运行
** 维护费/小计/预算数). Columns whose name is 项目, …科目…, 类/款/项 or 功能/
** 经济分类 hold labels, the rest values; each run of label columns followed
** by value columns is a group, so side-by-side tables (收入 | 支出, 经济分类
** in two halves) give one table row per group. A row's code is its digit
** cells joined (201|06|01 → 2010601), its name the other label text. A body
** row is one with a figure, a code, or an ordinal/合计 name; a row repeating
** the header (next page) is skipped. A paragraph ends the table; a 空表说明
** (本表无数据, 没有…收入和支出) after it marks the table as explained.
**
** Statements. Every paragraph outside tables is split into sentences (。；)
** and searched for: figures of a known subject with their share (…万元，占
** 34.30%), year-on-year changes (增加/减少 X万元，增长/下降 Y%, 持平), per-item
** comparisons (年初/全年预算为X万元，支出决算为Y万元，完成…的Z%，决算数
** 大于/小于/等于…), counts with their parts (车辆N辆，其中…辆; 绩效自评的项目N
** 个 and the 优/良/合格/不合格 counts), and years in headings and 截至….
** Nothing here judges: lib/rules/final_*.c compare.
*/
#include "disclosure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "jixiao/util.h"
#include "jixiao/money.h"

#define MAX_HEADER 8
#define MAX_COLS 64

/* ------------------------------------------------------------ helpers */

/* 1 when s contains needle. */
static int has(const char *s, const char *needle)
{
    return s && strstr(s, needle) != NULL;
}

/* The only non-empty cell of a row, or NULL when it has none or several. */
static const char *single(const jx_row *r)
{
    const char *s = NULL;
    for (int c = 0; c < r->ncells; c++) {
        if (!r->cells[c][0]) continue;
        if (s) return NULL;
        s = r->cells[c];
    }
    return s;
}

/* Length of a leading heading number (一、 （三） 1、 第二部分), 0 when none. */
static size_t ordinal_prefix(const char *s)
{
    static const char *const cn[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", NULL};
    size_t i = 0;
    int paren = 0, n = 0;
    if (jx_starts_with(s, "（")) { i = strlen("（"); paren = 1; }
    else if (s[0] == '(') { i = 1; paren = 1; }
    for (;;) {
        int hit = 0;
        if (s[i] >= '0' && s[i] <= '9') { i++; n++; hit = 1; }
        for (int k = 0; !hit && cn[k]; k++)
            if (jx_starts_with(s + i, cn[k])) { i += strlen(cn[k]); n++; hit = 1; }
        if (!hit || n > 4) break;
    }
    if (!n) return 0;
    if (paren && jx_starts_with(s + i, "）")) return i + strlen("）");
    if (paren && s[i] == ')') return i + 1;
    if (!paren && jx_starts_with(s + i, "、")) return i + strlen("、");
    if (!paren && s[i] == '.' && !(s[i + 1] >= '0' && s[i + 1] <= '9')) return i + 1;
    return 0;
}

/* 1 when s consists of 1..8 ASCII digits. */
static int code_cell(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 8) return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

/* 1 when a cell is a figure: an amount with a point or separator, or 0. */
static int figure(const char *s)
{
    long long fen;
    if (!*s || !jx_money_parse(s, 1, &fen)) return 0;
    return strchr(s, '.') || strchr(s, ',') || strcmp(s, "0") == 0;
}

/* The key of s (NFKC, no spaces); caller frees. */
static char *key_of(const char *s)
{
    return jx_text_key(s ? s : "");
}

/* 1 when a table title: …决算表 / …决算总表 / …决算明细表 (national), not a 目录 entry or the part heading. */
static int final_title(const char *cell)
{
    if (!cell || strlen(cell) > 150 || ordinal_prefix(cell) || jx_starts_with(cell, "第")) return 0;
    char *k = key_of(cell);
    int t = (jx_ends_with(k, "决算表") || jx_ends_with(k, "决算总表") || jx_ends_with(k, "决算明细表")) &&
            !jx_ends_with(k, "部门决算表") && !has(k, "说明");
    free(k);
    return t;
}

int jx_final_titles(const jx_rows *rows, int stop)
{
    int titles = 0;
    for (size_t i = 0; i < rows->count && titles < stop; i++) {
        const char *c = single(&rows->items[i]);
        if (c && final_title(c)) titles++;
    }
    return titles;
}

int jx_final_detect(const jx_rows *rows)
{
    return jx_final_titles(rows, 2) >= 2;
}

/* 1 when a header segment names a label column. */
static int label_word(const char *seg)
{
    return !strcmp(seg, "项目") || has(seg, "科目") || !strcmp(seg, "类") || !strcmp(seg, "款") ||
           !strcmp(seg, "项") || has(seg, "功能分类") || has(seg, "经济分类");
}

/* ------------------------------------------------------------ tables */

typedef struct tbuild {
    jx_budget_table *t;       /* the table in d->tables being filled, or NULL */
    const jx_row *header[MAX_HEADER];
    int nheader;
    int body;                 /* columns derived, body rows read */
    int figures;              /* the table has a row with a figure or a code */
    int paged;                /* the rows carry pages (PDF) */
    int ncols;                /* grid width */
    char *path[MAX_COLS];     /* header path per grid column */
    int label[MAX_COLS];      /* 1 for a label column */
    int vcol[MAX_COLS];       /* table column index of a value grid column, -1 */
    int group[MAX_COLS];      /* group of a grid column */
} tbuild;

/* Free the header state of a builder. */
static void tb_reset(tbuild *b)
{
    for (int j = 0; j < MAX_COLS; j++) free(b->path[j]);
    memset(b, 0, sizeof *b);
}

/* Append a skipped-part note (naming the page of a paged source). */
static void note(jx_disclosure *d, const jx_row *r, int paged, const char *fmt, const char *a)
{
    jx_buf b = {0};
    if (paged && r->page) jx_buf_printf(&b, "page %d, ", r->page);
    jx_buf_printf(&b, "line %ld: ", r->line);
    jx_buf_printf(&b, fmt, a);
    d->skipped = jx_xrealloc(d->skipped, (d->nskipped + 1) * sizeof *d->skipped);
    d->skipped[d->nskipped++] = jx_buf_take(&b);
}

/* Open a new final table titled by row r. */
static jx_budget_table *open_table(jx_disclosure *d, const jx_row *r, const char *title)
{
    d->tables = jx_xrealloc(d->tables, (d->ntables + 1) * sizeof *d->tables);
    jx_budget_table *t = &d->tables[d->ntables++];
    memset(t, 0, sizeof *t);
    t->title = jx_strdup(title);
    t->line = r->line;
    t->page = r->page;
    t->kind = JX_TABLE_FINAL;
    t->scale = 10000;   /* 决算 tables are in 万元 unless they say otherwise */
    return t;
}

/*
** Name the grid columns from the header rows: top to bottom, an empty cell
** takes the text to its left while the path above both is the same.
*/
static void derive_columns(tbuild *b)
{
    int w = 0;
    for (int h = 0; h < b->nheader; h++)
        if (b->header[h]->ncells > w) w = b->header[h]->ncells;
    if (w > MAX_COLS) w = MAX_COLS;
    b->ncols = w;
    char *seg[MAX_HEADER][MAX_COLS];
    for (int h = 0; h < b->nheader; h++) {
        const jx_row *r = b->header[h];
        for (int j = 0; j < w; j++) {
            const char *c = j < r->ncells ? r->cells[j] : "";
            seg[h][j] = key_of(c);
            if (!seg[h][j][0] && j > 0 && seg[h][j - 1][0] && h + 1 < b->nheader) {
                /* same path above? */
                int same = 1;
                for (int u = 0; u < h && same; u++) same = !strcmp(seg[u][j], seg[u][j - 1]);
                if (same) {
                    free(seg[h][j]);
                    seg[h][j] = jx_strdup(seg[h][j - 1]);
                }
            }
        }
    }
    /* drop a top segment every column shares (财政拨款“三公”经费) */
    int skip_top = 0;
    if (b->nheader > 1) {
        skip_top = seg[0][0][0] != '\0';
        for (int j = 1; j < w && skip_top; j++) skip_top = !strcmp(seg[0][j], seg[0][0]);
    }
    int g = -1, prev_label = 0, nv = 0;
    for (int j = 0; j < w; j++) {
        jx_buf p = {0};
        int lab = 0;
        for (int h = skip_top; h < b->nheader; h++) {
            if (!seg[h][j][0]) continue;
            if (h > skip_top && p.len && !strcmp(seg[h][j], seg[h - 1][j])) continue;
            lab |= label_word(seg[h][j]);
            if (p.len) jx_buf_putc(&p, '/');
            jx_buf_puts(&p, seg[h][j]);
        }
        b->path[j] = jx_buf_take(&p);
        /* an unnamed column right of a label column continues its label (项目 over code|name) */
        if (!b->path[j][0] && prev_label) lab = 1;
        b->label[j] = lab;
        if (lab && (!prev_label || g < 0)) g++;
        if (!lab && g < 0) g = 0;
        b->group[j] = g;
        prev_label = lab;
        b->vcol[j] = -1;
        if (!lab) {
            /* a name repeated by a side-by-side half is qualified: 第2栏/决算数 */
            const char *name = b->path[j][0] ? b->path[j] : "值";
            int dup = 0;
            for (size_t c = 0; c < b->t->ncolumns; c++) dup |= !strcmp(b->t->columns[c], name);
            jx_buf nb = {0};
            if (dup) jx_buf_printf(&nb, "第%d栏/%s", g + 1, name);
            else jx_buf_puts(&nb, name);
            b->t->columns = jx_xrealloc(b->t->columns, (b->t->ncolumns + 1) * sizeof *b->t->columns);
            b->t->columns[b->t->ncolumns++] = jx_buf_take(&nb);
            b->vcol[j] = nv++;
        }
    }
    for (int h = 0; h < b->nheader; h++)
        for (int j = 0; j < w; j++) free(seg[h][j]);
    b->body = 1;
}

/*
** 1 when a row starts the body: a figure or a code; in a table without any
** (a template, an empty table) also a first cell that is an ordinal or 合计.
*/
static int body_start(const jx_row *r, int figures)
{
    int first = 1;
    for (int c = 0; c < r->ncells; c++) {
        const char *s = r->cells[c];
        if (!*s) continue;
        if (figure(s) || (c < 3 && code_cell(s))) return 1;
        if (!figures && first && (ordinal_prefix(s) || !strcmp(s, "合计") || !strcmp(s, "总计") ||
                      jx_ends_with(s, "收入合计") || jx_ends_with(s, "支出合计")))
            return 1;
        first = 0;
    }
    return 0;
}

/* 1 when a row ends a table: a paragraph, a note (注/说明) or a long line. */
static int table_end(const jx_row *r, const char *one)
{
    return one && (r->prose || jx_starts_with(one, "注") || jx_starts_with(one, "说明") ||
                   strlen(one) > 120 || final_title(one));
}

/* 1 when a row of the table starting at rows[from] has a figure or a code. */
static int table_has_figures(const jx_rows *rows, size_t from)
{
    for (size_t i = from; i < rows->count; i++) {
        const jx_row *r = &rows->items[i];
        const char *one = single(r);
        if (one && has(one, "单位")) continue;
        if (table_end(r, one)) return 0;
        for (int c = 0; c < r->ncells; c++)
            if (figure(r->cells[c]) || (c < 3 && code_cell(r->cells[c]))) return 1;
    }
    return 0;
}

/* 1 when row r repeats one of the header rows (a table continued on a new page). */
static int repeats_header(const tbuild *b, const jx_row *r)
{
    for (int h = 0; h < b->nheader; h++) {
        const jx_row *x = b->header[h];
        if (x->ncells != r->ncells) continue;
        int same = 1;
        for (int c = 0; c < r->ncells && same; c++) same = !strcmp(x->cells[c], r->cells[c]);
        if (same) return 1;
    }
    return 0;
}

/* Read one body row into the table: one table row per group with text or values. */
static void body_row(jx_disclosure *d, tbuild *b, const jx_row *r)
{
    jx_budget_table *t = b->t;
    if (repeats_header(b, r)) return;
    int ngroups = b->ncols ? b->group[b->ncols - 1] + 1 : 0;
    for (int g = 0; g < ngroups; g++) {
        jx_buf code = {0}, name = {0};
        long long *vals = jx_xmalloc((t->ncolumns ? t->ncolumns : 1) * sizeof *vals);
        for (size_t k = 0; k < t->ncolumns; k++) vals[k] = JX_NO_AMOUNT;
        int any = 0;
        for (int j = 0; j < b->ncols; j++) {
            if (b->group[j] != g) continue;
            const char *s = j < r->ncells ? r->cells[j] : "";
            if (!*s) continue;
            if (b->label[j]) {
                if (code_cell(s)) jx_buf_puts(&code, s);
                else if (!label_word(s) && !(strlen(s) <= 3 && (!strcmp(s, "类") || !strcmp(s, "款")))) {
                    if (name.len) jx_buf_putc(&name, ' ');
                    jx_buf_puts(&name, s);
                }
                continue;
            }
            long long v;
            if (jx_money_parse(s, t->scale, &v)) {
                vals[b->vcol[j]] = v;
                any = 1;
            } else if (strpbrk(s, "0123456789")) {
                note(d, r, b->paged, "a value cell \"%s\" is not a figure", s);
            }   /* words in a value column: a header fragment a merged cell left there */
        }
        if (any || code.len || name.len) {
            t->rows = jx_xrealloc(t->rows, (t->nrows + 1) * sizeof *t->rows);
            jx_budget_row *row = &t->rows[t->nrows++];
            row->line = r->line;
            row->page = r->page;
            row->code = jx_buf_take(&code);
            row->name = jx_buf_take(&name);
            row->values = vals;
        } else {
            free(vals);
            jx_buf_free(&code);
            jx_buf_free(&name);
        }
    }
}

/* The unit a cell names (单位：万元), 0 when none. */
static long unit_of(const char *cell, char **unit)
{
    const char *p = strstr(cell, "单位：");
    size_t n = strlen("单位：");
    if (!p) { p = strstr(cell, "单位:"); n = 1 + strlen("单位"); }
    if (!p) return 0;
    p += n;
    while (*p == ' ') p++;
    if (!*p) return 0;
    *unit = jx_strdup(p);
    long s = jx_money_label_scale(p);
    return s > 0 ? s : 1;
}

/* 1 when a note explains an empty table (空表说明). */
static int empty_explained(const char *s)
{
    return has(s, "无数据") || has(s, "空表") || has(s, "本表无") ||
           (has(s, "没有") && (has(s, "收入") || has(s, "支出") || has(s, "经费"))) ||
           (jx_starts_with(s, "注") && has(s, "无") && has(s, "故"));
}

/* ------------------------------------------------------------ statements */

/* A number in text: [start, end) digits, its fen value in the unit that follows. */
typedef struct num {
    const char *start, *end, *after;
    long long fen;
    int decimals;
    int wan;          /* 1 for 万元, 0 for 元; -1 for no money unit */
    int pct;          /* followed by % */
    double value;
} num;

/* The next number at or after p (digits, ',' groups, one '.'), 0 when none. */
static int next_num(const char *p, const char *end, num *n)
{
    for (; p < end && *p; p++) {
        if (*p < '0' || *p > '9') continue;
        const char *q = p;
        int dot = 0, dec = 0;
        while (q < end && ((*q >= '0' && *q <= '9') ||
                           ((*q == ',' || *q == '.') && q + 1 < end && q[1] >= '0' && q[1] <= '9'))) {
            if (*q == '.') { if (dot) break; dot = 1; }
            else if (dot && *q != ',') dec++;
            q++;
        }
        n->start = p;
        n->end = q;
        n->decimals = dec;
        const char *u = q;
        while (*u == ' ') u++;
        n->wan = -1;
        n->pct = 0;
        if (jx_starts_with(u, "万元")) { n->wan = 1; u += strlen("万元"); }
        else if (jx_starts_with(u, "元")) { n->wan = 0; u += strlen("元"); }
        else if (*u == '%' || jx_starts_with(u, "％")) { n->pct = 1; u += *u == '%' ? 1 : strlen("％"); }
        n->after = u;
        char *s = jx_strndup(p, (size_t)(q - p));
        n->value = strtod(s, NULL);
        /* strtod stops at ',': parse separators out */
        jx_buf clean = {0};
        for (char *c = s; *c; c++) if (*c != ',') jx_buf_putc(&clean, *c);
        n->value = strtod(clean.data ? clean.data : "0", NULL);
        jx_buf_free(&clean);
        int ok = jx_money_parse(s, n->wan == 1 ? 10000 : 1, &n->fen);
        free(s);
        if (!ok) n->fen = JX_NO_AMOUNT;
        return 1;
    }
    return 0;
}

/* Add a statement (fields to be filled by the caller). */
static jx_statement *add_stmt(jx_disclosure *d, jx_statement_kind kind, const jx_row *r,
                              const char *subject, const char *text, size_t textlen)
{
    d->statements = jx_xrealloc(d->statements, (d->nstatements + 1) * sizeof *d->statements);
    jx_statement *s = &d->statements[d->nstatements++];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->page = r->page;
    s->line = r->line;
    s->subject = jx_strdup(subject ? subject : "");
    s->amount = s->amount2 = s->amount3 = JX_NO_AMOUNT;
    s->sign = 2;
    s->count = s->parts = -1;
    for (int g = 0; g < JX_STATED_GRADES; g++) s->grades[g] = -1;
    s->text = jx_strndup(text, textlen);
    return s;
}

/* 1 when p (within [from, ...)) is preceded by word. */
static int before_is(const char *from, const char *p, const char *word)
{
    size_t l = strlen(word);
    return (size_t)(p - from) >= l && strncmp(p - l, word, l) == 0;
}

/* Delimiters that end a subject looking backwards. */
static int delim_before(const char *from, const char *p, size_t *len)
{
    static const char *const d[] = {"，", "。", "；", "：", "、", ",", ";", ":", "（其中）", "其中", NULL};
    for (int i = 0; d[i]; i++)
        if (before_is(from, p, d[i])) { *len = strlen(d[i]); return 1; }
    return 0;
}

/*
** The subject of a figure at num_start: the text back to the previous
** delimiter, without a leading unit/year (…2024年度) and trailing filler (为).
*/
static char *subject_before(const char *from, const char *num_start)
{
    const char *e = num_start, *s = num_start;
    size_t dl;
    while (s > from && !delim_before(from, s, &dl)) s--;
    /* drop trailing filler */
    static const char *const fill[] = {"为", "是", "共计", "合计为", " ", NULL};
    for (int again = 1; again;) {
        again = 0;
        for (int i = 0; fill[i]; i++)
            if (e - s >= (long)strlen(fill[i]) && before_is(s, e, fill[i]) && strcmp(fill[i], "合计为")) {
                e -= strlen(fill[i]);
                again = 1;
            }
    }
    char *sub = jx_strndup(s, (size_t)(e - s));
    char *y = strstr(sub, "年度");
    if (y && y - sub <= 120) {
        /* …2024年度收入支出总计 → 收入支出总计 (only when a year precedes 年度) */
        const char *q = y;
        int digits = 0;
        while (q > sub && q[-1] >= '0' && q[-1] <= '9') { q--; digits++; }
        if (digits == 4) memmove(sub, y + strlen("年度"), strlen(y + strlen("年度")) + 1);
    }
    char *k = jx_text_key(sub);
    free(sub);
    return k;
}

/* Words that make a figure part of a change or comparison, not a subject's amount. */
static int comparison_subject(const char *sub)
{
    return jx_ends_with(sub, "增加") || jx_ends_with(sub, "减少") || jx_ends_with(sub, "预算") ||
           jx_ends_with(sub, "决算") || jx_ends_with(sub, "预算数") || jx_ends_with(sub, "决算数") ||
           has(sub, "相比") || jx_ends_with(sub, "增长") || jx_ends_with(sub, "下降") || !*sub;
}

/* The sign a change word at p gives (+1 增加/增长, -1 减少/下降), 0 when none. */
static int change_word(const char *p, size_t *len)
{
    static const struct { const char *w; int s; } w[] = {
        {"增加", 1}, {"增长", 1}, {"减少", -1}, {"下降", -1}, {"降低", -1},
    };
    for (size_t i = 0; i < sizeof w / sizeof *w; i++)
        if (jx_starts_with(p, w[i].w)) { *len = strlen(w[i].w); return w[i].s; }
    return 0;
}

/* Amount (and share) statements and changes of one sentence [s, e). */
static void sentence_figures(jx_disclosure *d, const jx_row *r, const char *s, const char *e)
{
    num n;
    const char *p = s;
    char *last_subject = NULL;
    long long last_amount = JX_NO_AMOUNT;
    int last_dec = 0;
    while (p < e && next_num(p, e, &n)) {
        const char *after = n.after;
        if (n.wan == 1 && n.fen != JX_NO_AMOUNT) {
            size_t wl;
            int sign = 0;
            /* a change: …增加X万元 / 减少X万元 */
            const char *b = n.start;
            int is_change = 0;
            static const char *const cw[] = {"增加", "减少", NULL};
            for (int i = 0; cw[i]; i++)
                if (before_is(s, b, cw[i])) { is_change = 1; sign = i == 0 ? 1 : -1; b -= strlen(cw[i]); }
            if (is_change) {
                char *sub = subject_before(s, b);
                const char *subj = *sub && !has(sub, "相比") ? sub : (last_subject ? last_subject : "");
                jx_statement *st = add_stmt(d, JX_STMT_CHANGE, r, subj, s, (size_t)(e - s));
                st->amount2 = n.fen;
                st->decimals2 = n.decimals;
                st->sign = sign;
                if (last_subject && !strcmp(subj, last_subject)) {
                    st->amount = last_amount;
                    st->decimals = last_dec;
                }
                /* ，增长/下降Y% */
                const char *q = after;
                if (jx_starts_with(q, "，")) q += strlen("，");
                int s2 = change_word(q, &wl);
                num pn;
                if (s2 && next_num(q + wl, e, &pn) && pn.start == q + wl && pn.pct) {
                    st->has_share = 1;
                    st->share = pn.value;
                    st->share_decimals = pn.decimals;
                    after = pn.after;
                }
                free(sub);
                p = after;
                continue;
            }
            char *sub = subject_before(s, n.start);
            if (!comparison_subject(sub)) {
                jx_statement *st = add_stmt(d, JX_STMT_AMOUNT, r, sub, s, (size_t)(e - s));
                st->amount = n.fen;
                st->decimals = n.decimals;
                /* ，占[base的]Y% */
                const char *q = after;
                if (jx_starts_with(q, "，")) q += strlen("，");
                if (jx_starts_with(q, "占")) {
                    q += strlen("占");
                    num pn;
                    if (next_num(q, e, &pn) && pn.pct) {
                        const char *be = pn.start;
                        if (before_is(q, be, "的")) be -= strlen("的");
                        if (be > q) st->share_of = jx_strndup(q, (size_t)(be - q));
                        st->has_share = 1;
                        st->share = pn.value;
                        st->share_decimals = pn.decimals;
                        after = pn.after;
                    }
                }
                free(last_subject);
                last_subject = jx_strdup(sub);
                last_amount = n.fen;
                last_dec = n.decimals;
            }
            free(sub);
        }
        p = after > n.end ? after : n.end;
    }
    /* …总计持平 / 与上年持平 */
    const char *flat = strstr(s, "持平");
    if (flat && flat < e && (has(s, "相比") || has(s, "上年") || has(s, "较")) && !has(s, "预算")) {
        const char *b = flat;
        char *sub = subject_before(s, b);
        const char *subj = *sub ? sub : (last_subject ? last_subject : "");
        if (!comparison_subject(subj) || *subj) {
            jx_statement *st = add_stmt(d, JX_STMT_CHANGE, r, subj, s, (size_t)(e - s));
            st->sign = 0;
            st->amount2 = 0;
            if (last_subject && !strcmp(subj, last_subject)) { st->amount = last_amount; st->decimals = last_dec; }
        }
        free(sub);
    }
    free(last_subject);
}

/* The figure right after word in [s, e) (filler 为 skipped), 1 when found. */
static int figure_after(const char *s, const char *e, const char *word, num *out, const char **at)
{
    const char *p = s;
    while ((p = strstr(p, word)) != NULL && p < e) {
        const char *q = p + strlen(word);
        if (jx_starts_with(q, "数")) q += strlen("数");
        if (jx_starts_with(q, "为")) q += strlen("为");
        num n;
        if (next_num(q, e, &n) && n.start == q && n.wan == 1) {
            *out = n;
            if (at) *at = p;
            return 1;
        }
        p += strlen(word);
    }
    return 0;
}

/*
** A comparison of one item or paragraph [s, e): 年初预算为X万元, 全年预算为X万元,
** (支出)决算为Y万元, 完成…预算(数)的Z%, 决算数大于/小于/等于/与…持平 …预算.
*/
static void comparison(jx_disclosure *d, const jx_row *r, const char *s, const char *e)
{
    num fin, ini, full, plain;
    const char *at = NULL;
    int has_fin = figure_after(s, e, "决算", &fin, &at);
    if (!has_fin) return;
    int has_ini = figure_after(s, e, "年初预算", &ini, NULL);
    int has_full = figure_after(s, e, "全年预算", &full, NULL) ||
                   figure_after(s, e, "调整预算", &full, NULL);
    int has_plain = !has_ini && !has_full && figure_after(s, e, "预算", &plain, NULL);
    if (!has_ini && !has_full && !has_plain) return;
    /* the subject: the item's （类）（款）（项） chain, or the text before the first budget word */
    const char *first = NULL;
    static const char *const starts[] = {"年初预算", "全年预算", "调整预算", "预算为", "预算数为", NULL};
    for (int i = 0; starts[i]; i++) {
        const char *f = strstr(s, starts[i]);
        if (f && f < e && (!first || f < first)) first = f;
    }
    const char *subj_end = first ? first : at;
    jx_buf sub = {0};
    const char *lei = strstr(s, "（项）");
    if (lei && lei < e) {
        size_t o = ordinal_prefix(s);
        jx_buf_append(&sub, s + o, (size_t)(lei + strlen("（项）") - (s + o)));
    } else {
        const char *b = s + ordinal_prefix(s);
        const char *x = subj_end < b ? b : subj_end;
        jx_buf_append(&sub, b, (size_t)(x - b));
    }
    char *k = jx_text_key(sub.data ? sub.data : "");
    jx_buf_free(&sub);
    jx_statement *st = add_stmt(d, JX_STMT_COMPARE, r, k, s, (size_t)(e - s));
    free(k);
    st->amount = fin.fen;
    st->decimals = fin.decimals;
    if (has_ini) { st->amount2 = ini.fen; st->decimals2 = ini.decimals; }
    if (has_plain) { st->amount2 = plain.fen; st->decimals2 = plain.decimals; }
    if (has_full) { st->amount3 = full.fen; st->decimals3 = full.decimals; }
    /* 完成(年初|全年)?预算(数)?的Z% */
    const char *c = strstr(s, "完成");
    if (c && c < e) {
        num pn;
        if (next_num(c, e, &pn) && pn.pct) {
            st->has_share = 1;
            st->share = pn.value;
            st->share_decimals = pn.decimals;
            const char *bw = c + strlen("完成");
            st->share_of = jx_starts_with(bw, "年初") ? jx_strdup("年初预算")
                           : jx_starts_with(bw, "全年") ? jx_strdup("全年预算") : jx_strdup("预算");
        }
    }
    /* 决算数 大于/小于/等于/持平 */
    static const struct { const char *w; int sign; } words[] = {
        {"大于", 1}, {"超过", 1}, {"高于", 1}, {"小于", -1}, {"低于", -1}, {"少于", -1},
        {"等于", 0}, {"持平", 0}, {"一致", 0},
    };
    const char *p = s;
    while ((p = strstr(p, "决算数")) != NULL && p < e) {
        const char *q = p + strlen("决算数");
        const char *stop = strstr(q, "的主要原因");
        const char *lim = stop && stop < e ? stop : e;
        const char *best = NULL;
        int sign = 2;
        for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
            const char *w = strstr(q, words[i].w);
            if (w && w < lim && (!best || w < best)) { best = w; sign = words[i].sign; }
        }
        if (best) {
            st->sign = sign;
            /* which budget the word compares with */
            const char *b = strstr(q, "全年预算");
            const char *b2 = strstr(q, "年初预算");
            st->base = b && b < lim + 12 ? jx_strdup("全年预算")
                       : b2 && b2 < lim + 12 ? jx_strdup("年初预算") : jx_strdup("预算");
            break;
        }
        p = q;
    }
}

/* Counts: 车辆N辆，其中…辆 (the 绩效自评 count: perf_section below). */
static void counts(jx_disclosure *d, const jx_row *r, const char *text)
{
    const char *p = strstr(text, "车辆");
    if (p) {
        num n;
        const char *q = p + strlen("车辆");
        if (next_num(q, q + 8, &n) && jx_starts_with(n.end, "辆")) {
            const char *e = strstr(n.end, "。");
            if (!e) e = text + strlen(text);
            long parts = 0;
            int any = 0;
            const char *x = n.end;
            num m;
            while (next_num(x, e, &m)) {
                if (jx_starts_with(m.end, "辆")) { parts += (long)m.value; any = 1; }
                x = m.end;
            }
            jx_statement *st = add_stmt(d, JX_STMT_COUNT, r, "车辆", text, strlen(text));
            st->count = (long)n.value;
            st->parts = any ? parts : -1;
        }
    }
}

/* A 4-digit year before 年度 / 年12月31日 in text; records JX_STMT_YEAR. */
static void years(jx_disclosure *d, const jx_row *r, const char *text, int heading)
{
    for (const char *p = text; *p; p++) {
        if (!(p[0] == '2' && p[1] == '0' && p[2] >= '0' && p[2] <= '9' && p[3] >= '0' && p[3] <= '9'))
            continue;
        if (p > text && p[-1] >= '0' && p[-1] <= '9') continue;
        const char *a = p + 4;
        int dated = jx_starts_with(a, "年12月31日") && before_is(text, p, "截至");
        int yearly = heading && jx_starts_with(a, "年度");
        if (!dated && !yearly) continue;
        jx_statement *st = add_stmt(d, JX_STMT_YEAR, r, dated ? "截至" : "标题", text, strlen(text));
        st->count = strtol(p, NULL, 10);
        p += 3;
    }
}

/* Statements of one paragraph. */
static void paragraph(jx_disclosure *d, const jx_row *r, const char *text)
{
    const char *s = text, *end = text + strlen(text);
    while (s < end) {
        const char *e1 = strstr(s, "。"), *e2 = strstr(s, "；");
        const char *e = e1 && (!e2 || e1 < e2) ? e1 : e2;
        if (!e) e = end;
        sentence_figures(d, r, s, e);
        s = e < end ? e + strlen("。") : end;
    }
    /* comparisons span sentences of one item (年初预算为…。决算数小于预算数…) */
    comparison(d, r, text, end);
    counts(d, r, text);
}

/* ------------------------------------------------- 预算绩效管理情况 */

const char *const jx_stated_grade_names[JX_STATED_GRADES] = {"优", "良", "合格", "不合格"};

/*
** The 预算绩效管理情况 section: its paragraphs joined into one text, with the
** row each paragraph came from (a PDF's text layer can cut a sentence across
** lines and even print its lines out of order, so the grammar reads the
** section, not one row).
*/
#define PERF_ROWS 64
typedef struct perf_text {
    jx_buf b;
    const jx_row *rows[PERF_ROWS];
    size_t at[PERF_ROWS];      /* offset of each row's text in b */
    int n;
    int open;                  /* the level of the heading that opened it + 1, 0: closed */
} perf_text;

/*
** A heading's level by its numbering: 第…部分 0, 一、 1, （一） 2, 1、 3; -1 for
** no heading. Only a heading of the section's level or above ends it (its
** （一）… sub-headings do not).
*/
static int heading_level(const char *text)
{
    if (strlen(text) >= 120 || has(text, "。")) return -1;
    if (jx_starts_with(text, "第") && has(text, "部分")) return 0;
    if (!ordinal_prefix(text)) return -1;
    if (jx_starts_with(text, "（") || text[0] == '(') return 2;
    if (text[0] >= '0' && text[0] <= '9') return 3;
    return 1;
}

/* The row the byte at offset off of the section's text came from. */
static const jx_row *perf_row(const perf_text *pt, size_t off)
{
    const jx_row *r = pt->rows[0];
    for (int i = 0; i < pt->n && pt->at[i] <= off; i++) r = pt->rows[i];
    return r;
}

/* The last occurrence of needle in [from, to), NULL when none. */
static const char *last_in(const char *from, const char *to, const char *needle)
{
    const char *hit = NULL;
    for (const char *p = strstr(from, needle); p && p < to; p = strstr(p + 1, needle))
        if (p + strlen(needle) <= to) hit = p;
    return hit;
}

/* The number right after p (spaces allowed) when unit follows it; 1 when found. */
static int num_then(const char *p, const char *end, const char *unit, num *n)
{
    while (*p == ' ') p++;
    if (!next_num(p, end, n) || n->start != p) return 0;
    const char *u = n->end;
    while (*u == ' ') u++;
    return !unit || jx_starts_with(u, unit);
}

/*
** A grade's count in [from, to): the grade word as the statement writes it
** (“优”, "优" or bare, never the 合格 of 不合格), then 的项目 / 的 / 项目, then
** N个. -1 when not stated.
*/
static long grade_count(const char *from, const char *to, const char *grade)
{
    size_t gl = strlen(grade);
    for (const char *p = strstr(from, grade); p && p + gl <= to; p = strstr(p + 1, grade)) {
        if (before_is(from, p, "不")) continue;
        const char *q = p + gl;
        if (jx_starts_with(q, "”")) q += strlen("”");
        else if (*q == '"') q++;
        else if (!before_is(from, p, "为")) continue;   /* bare: 评级为优的项目 */
        static const char *const joins[] = {"的项目", "的", "项目", "", NULL};
        for (int j = 0; joins[j]; j++) {
            if (!jx_starts_with(q, joins[j])) continue;
            num n;
            if (num_then(q + strlen(joins[j]), to, "个", &n)) return (long)n.value;
        }
    }
    return -1;
}

/*
** The 绩效自评 statement of the section, by its grammar: the clause that
** states 平均得分 is the self-evaluation's (no other clause of 预算绩效管理
** 情况 has a score); it begins at the last 绩效自评 before it; its count is the
** last 项目N个 and its money the last 涉及(预算)金额X万元 before the score;
** the grade counts (“优”的项目N个 …) follow the score, up to 发现问题 (the
** problems found, counted in 个 too) or the section's end.
*/
static void perf_statement(jx_disclosure *d, perf_text *pt)
{
    if (!pt->n || !pt->b.data) return;
    const char *t = pt->b.data, *end = t + pt->b.len;
    const char *avg = strstr(t, "平均得分");
    if (!avg) return;
    const char *se = last_in(t, avg, "绩效自评");
    if (!se) return;
    num score;
    if (!num_then(avg + strlen("平均得分"), end, "分", &score)) return;
    long count = -1;
    for (const char *p = strstr(se, "项目"); p && p < avg; p = strstr(p + 1, "项目")) {
        num n;
        if (num_then(p + strlen("项目"), avg, "个", &n)) count = (long)n.value;
    }
    if (count < 0) return;
    long long money = JX_NO_AMOUNT;
    int money_dec = 0;
    static const char *const money_keys[] = {"涉及预算金额", "涉及金额", "预算金额", NULL};
    for (int k = 0; money_keys[k] && money == JX_NO_AMOUNT; k++)
        for (const char *p = strstr(se, money_keys[k]); p && p < avg; p = strstr(p + 1, money_keys[k])) {
            num n;
            const char *q = p + strlen(money_keys[k]);
            if (jx_starts_with(q, "为")) q += strlen("为");
            if (num_then(q, avg, NULL, &n) && n.wan >= 0 && n.fen != JX_NO_AMOUNT) {
                money = n.fen;
                money_dec = n.decimals;
            }
        }
    const char *gend = strstr(avg, "发现问题");
    if (!gend) gend = end;
    const jx_row *r = perf_row(pt, (size_t)(avg - t));
    jx_statement *st = add_stmt(d, JX_STMT_COUNT, r, JX_STMT_SUBJECT_SELF_EVAL, se, (size_t)(gend - se));
    st->count = count;
    st->amount = money;
    st->decimals = money_dec;
    st->has_score = 1;
    st->score = score.value;
    st->score_decimals = score.decimals;
    long parts = 0;
    int any = 0;
    for (int g = 0; g < JX_STATED_GRADES; g++) {
        st->grades[g] = grade_count(avg, gend, jx_stated_grade_names[g]);
        if (st->grades[g] >= 0) { parts += st->grades[g]; any = 1; }
    }
    st->parts = any ? parts : -1;
}

/* Feed one paragraph to the section: a heading naming 预算绩效管理情况 opens it, the next heading ends it. */
static void perf_feed(jx_disclosure *d, perf_text *pt, const jx_row *r, const char *text)
{
    int level = heading_level(text);
    if (level >= 0 && pt->open && level < pt->open) {
        perf_statement(d, pt);
        jx_buf_free(&pt->b);
        pt->n = 0;
        pt->open = 0;
    }
    if (level >= 0 && !pt->open && has(text, "预算绩效管理情况")) { pt->open = level + 1; return; }
    if (!pt->open || pt->n == PERF_ROWS) return;
    pt->rows[pt->n] = r;
    pt->at[pt->n++] = pt->b.len;
    jx_buf_puts(&pt->b, text);
}

/* ------------------------------------------------------------ the walk */

/* The cover: unit and year from the first rows, up to the one naming 部门决算. */
static void cover(jx_disclosure *d, const jx_rows *rows)
{
    jx_buf b = {0};
    for (size_t i = 0; i < rows->count && i < 6; i++) {
        const char *c = single(&rows->items[i]);
        if (!c) continue;
        jx_buf_puts(&b, c);
        if (has(c, "部门决算")) break;
    }
    char *k = jx_text_key(b.data ? b.data : "");
    jx_buf_free(&b);
    char *p = strstr(k, "年度部门决算");
    if (!p) p = strstr(k, "年部门决算");
    if (p && p - k >= 4) {
        char *y = p - 4;
        if (y[0] == '2' && y[1] == '0') {
            d->year = (int)strtol(y, NULL, 10);
            if (y > k) d->unit = jx_strndup(k, (size_t)(y - k));
        }
    }
    free(k);
    if (d->unit && (has(d->unit, "XX") || has(d->unit, "××") || has(d->unit, "xx")))
        d->template_doc = 1;
}

/* Record a heading (a short line that names the document, a part or a table). */
static void heading(jx_disclosure *d, const jx_row *r, const char *text, int toc)
{
    d->headings = jx_xrealloc(d->headings, (d->nheadings + 1) * sizeof *d->headings);
    jx_heading *h = &d->headings[d->nheadings++];
    h->page = r->page;
    h->line = r->line;
    h->text = jx_strdup(text);
    h->toc = toc;
}

void jx_final_read(const jx_rows *rows, jx_disclosure *d)
{
    d->final = 1;
    cover(d, rows);
    tbuild b;
    memset(&b, 0, sizeof b);
    jx_budget_table *last = NULL;   /* the table a 说明 after it may explain */
    int in_toc = 0, seen_table = 0;
    char *toc_first = NULL;
    perf_text perf;
    memset(&perf, 0, sizeof perf);
    for (size_t i = 0; i < rows->count; i++) {
        const jx_row *r = &rows->items[i];
        if (jx_row_filled(r) == 0) continue;
        const char *one = single(r);
        char *k = one ? jx_text_key(one) : NULL;
        if (k && !strcmp(k, "目录")) { in_toc = 1; free(k); continue; }
        if (in_toc && k) {   /* the 目录 ends where its first line comes again (the body) */
            if (!toc_first) toc_first = jx_strdup(k);
            else if (!strcmp(toc_first, k)) in_toc = 0;
        }
        if (one && final_title(one)) {
            tb_reset(&b);
            b.t = open_table(d, r, one);
            b.figures = table_has_figures(rows, i + 1);
            b.paged = rows->paged;
            last = b.t;
            in_toc = 0;
            seen_table = 1;
            free(k);
            continue;
        }
        if (one && in_toc && !seen_table) {
            size_t o = ordinal_prefix(one);
            if (o && k && (jx_ends_with(k, "表") || jx_ends_with(k, "总表"))) {
                heading(d, r, one + o, 1);
                free(k);
                continue;
            }
        }
        /* short lines naming the document, a part or a unit: headings */
        if (one && strlen(one) < 200 && (has(one, "部门决算") || has(one, "概况")) &&
            !has(one, "。") && !has(one, "，"))
            heading(d, r, one, 0);
        if (b.t) {
            char *unit = NULL;
            long sc = 0;
            for (int c = 0; c < r->ncells && !sc; c++) sc = unit_of(r->cells[c], &unit);
            if (sc) {
                free(b.t->unit);
                b.t->unit = unit;
                b.t->scale = sc;
                free(k);
                continue;
            }
            int ends = table_end(r, one);
            if (!ends) {
                if (!b.body && !body_start(r, b.figures)) {
                    if (b.nheader < MAX_HEADER) b.header[b.nheader++] = r;
                } else {
                    if (!b.body) derive_columns(&b);
                    body_row(d, &b, r);
                }
                free(k);
                continue;
            }
            if (!b.body) derive_columns(&b);   /* a table of header rows only */
            tb_reset(&b);
        }
        if (one) {
            if (last && empty_explained(one)) last->empty_note = 1;
            if (ordinal_prefix(one) || jx_starts_with(one, "第")) last = NULL;
            paragraph(d, r, one);
            if (!in_toc) perf_feed(d, &perf, r, one);
            years(d, r, one, strlen(one) < 200 && !has(one, "。") && !has(one, "，"));
        }
        free(k);
    }
    if (b.t && !b.body) derive_columns(&b);
    tb_reset(&b);
    free(toc_first);
    if (perf.open) perf_statement(d, &perf);
    jx_buf_free(&perf.b);
    /* pages only where the rows carry the document's pages (text layouts count form feeds) */
    if (!rows->paged) {
        for (size_t t = 0; t < d->ntables; t++) {
            d->tables[t].page = 0;
            for (size_t r = 0; r < d->tables[t].nrows; r++) d->tables[t].rows[r].page = 0;
        }
        for (size_t s = 0; s < d->nstatements; s++) d->statements[s].page = 0;
        for (size_t h = 0; h < d->nheadings; h++) d->headings[h].page = 0;
    }
}

const char *jx_table_kind_name(jx_table_kind k)
{
    return k == JX_TABLE_FINAL ? "final" : "budget";
}
