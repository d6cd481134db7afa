/*
** flow.c - budget-table rows back from layouts that lost the columns.
**
** In a PDF extractor's text (JX_FLOW_RUNS: one text run per line,
** JX_FLOW_LINES: layout-preserving lines) a budget table keeps the reading
** order of its cells but not its columns: a row's cells may stand one per
** line, an empty cell leaves no trace, and in a side-by-side 收入 | 支出
** table the two halves of a row follow each other. Before the disclosure
** reader builds its tables, each table's rows are rebuilt here as the
** column-keeping readers would give them, from the class of each cell:
**
**   figure  a money amount written as one (47,483,458, 0.00, 114.22)
**   code    two or three digits standing where a row starts (208, 05, 01)
**   text    anything else: a row name, or a header label before the body
**
** The algorithm, per table (its title row to the next title, narrative,
** form or running text):
**   1. The header is the cells before the body; the body starts at the first
**      figure, or at the codes or numbered name (一、…) right before it. A
**      header cell of one character ends the label before it (预算 / 数).
**      In one run per line the header is cut into rows before its first
**      项目, its first 类/款/项, and, in a table without 项目, before 合计
**      and 小计 -- the rows the disclosure reader expects.
**   2. Coded tables (科目编码/科目名称 in the header): a row is codes, a
**      name, figures; a code or a second name starts the next row. Codes
**      are padded to the table's levels (类 款 项). The first figure is the
**      合计; a row with two figures of more columns takes the column under
**      which its parent's children add up to the parent in every column (款
**      = Σ 项, 类 = Σ 款), or come closest to it (a misprinted figure), and
**      a top-level row the column under which the top-level rows add up to
**      the 合计 row exactly -- each when exactly one placement does; otherwise
**      fewer figures than columns go where the parent row (the
**      nearest row above whose code the row's code extends) has the same
**      value, else where it has a value at least as large, else left.
**   3. Side-by-side tables (two or more 项目 in the header's last row): each
**      name goes to the half whose numbering it continues (一、 → 二、 …),
**      or by its words (收入总计 | 支出总计), else to the next free half of
**      the row; its figures follow it, a missing one is an empty cell.
**   4. Tables of figures only (三公经费): all figures are one row.
** Invariants: rows outside budget tables are copied unchanged and in
** order; no figure or name of a table is dropped; each rebuilt row keeps
** the line of its first cell and the flow of the table (so the reader knows
** a name alone is a row of it, not running text after it).
*/
#include "disclosure.h"

#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "text.h"
#include "jixiao/util.h"

enum { K_TEXT, K_FIG, K_CODE };

typedef struct tcell {
    const char *text;
    long line;
    int kind;
} tcell;

/* 1 when s is a money figure written as one (not a bare small number). */
static int is_figure(const char *s)
{
    long long fen;
    if (!*s || !jx_money_parse(s, 1, &fen)) return 0;
    return strchr(s, '.') || strchr(s, ',') || strcmp(s, "0") == 0 || strlen(s) > 4;
}

/* 1 when s is two or three ASCII digits. */
static int code_like(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 3) return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

/* Value of a top-level numbering 一、…十、 at the start of s (1..10), 0 when none. */
static int top_ordinal(const char *s)
{
    static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    for (int k = 0; k < 10; k++) {
        size_t l = strlen(digits[k]);
        if (!strncmp(s, digits[k], l) && !strncmp(s + l, "、", strlen("、"))) return k + 1;
    }
    return 0;
}

static int is_level(const char *s)
{
    return !strcmp(s, "类") || !strcmp(s, "款") || !strcmp(s, "项");
}

/* Characters of a UTF-8 string. */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/*
** 1 when a column label cannot end there (事业单位 of 事业单位 / 经营收入): budget
** column labels end in a money word.
*/
static int dangling(const char *label)
{
    static const char *const ends[] = {"收入", "支出", "合计", "小计", "经费", "预算", "数", "费",
                                       "计", "金", "款", "项", "类", NULL};
    for (size_t i = 0; ends[i]; i++)
        if (jx_ends_with(label, ends[i])) return 0;
    return !strstr(label, "科目");
}

/* A row under construction: cells as strings (owned). */
typedef struct orow {
    char **cells;
    int n, cap;
    long line;
    jx_flow flow;
} orow;

static void orow_put(orow *r, const char *s)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 8;
        r->cells = jx_xrealloc(r->cells, (size_t)r->cap * sizeof *r->cells);
    }
    r->cells[r->n++] = jx_strdup(s ? s : "");
}

/* Push r to out (the cells move) and reset it; the row keeps the table's flow. */
static void orow_emit(orow *r, jx_rows *out)
{
    jx_flow flow = r->flow;
    if (r->n) {
        jx_rows_push(out, r->line, r->cells, r->n);
        out->items[out->count - 1].flow = flow;
    } else {
        free(r->cells);
    }
    memset(r, 0, sizeof *r);
    r->flow = flow;
}

/* Copy a row as it is. */
static void copy_row(jx_rows *out, const jx_row *r)
{
    char **c = jx_xmalloc((size_t)(r->ncells ? r->ncells : 1) * sizeof *c);
    for (int i = 0; i < r->ncells; i++) c[i] = jx_strdup(r->cells[i]);
    jx_rows_push(out, r->line, c, r->ncells);
    jx_row *o = &out->items[out->count - 1];
    o->prose = r->prose;
    o->flow = r->flow;
    o->page = r->page;
}

/* 1 when a row ends a table region: a title, a narrative, a form, running text. */
static int ends_region(const jx_row *r)
{
    if (jx_form_starts_at(r)) return 1;
    if (r->ncells != 1) return 0;
    const char *s = r->cells[0];
    if (jx_budget_table_title(s) || jx_budget_narrative_title(s)) return 1;
    return chars(s) >= 25 || strstr(s, "，") || strstr(s, "。") || jx_starts_with(s, "注") ||
           jx_ends_with(s, "说明");
}

/* A parsed amount of a figure cell, for comparing with the parent row. */
static long long amount(const char *s)
{
    long long fen = 0;
    if (!s || !*s || !jx_money_parse(s, 1, &fen)) return -1;
    return fen;
}

/* A coded row being placed: its code and its value cells. */
typedef struct coded {
    char code[32];
    char **vals;    /* ncols cells, NULL = empty (borrowed texts) */
} coded;

/* Place the figures of a coded row into ncols columns (see step 2). */
static void place_figures(const char **figs, int nf, int ncols, const coded *parent, const char **out)
{
    for (int k = 0; k < ncols; k++) out[k] = NULL;
    if (nf >= ncols || !parent || nf <= 1) {
        for (int k = 0; k < nf && k < ncols; k++) out[k] = figs[k];
        return;
    }
    out[0] = figs[0];
    for (int j = 1; j < nf; j++) {
        long long v = amount(figs[j]);
        int pick = -1;
        for (int k = 1; k < ncols && pick < 0; k++)
            if (!out[k] && parent->vals[k] && amount(parent->vals[k]) == v) pick = k;
        for (int k = 1; k < ncols && pick < 0; k++)
            if (!out[k] && parent->vals[k] && amount(parent->vals[k]) >= v) pick = k;
        for (int k = 1; k < ncols && pick < 0; k++)
            if (!out[k]) pick = k;
        if (pick > 0) out[pick] = figs[j];
    }
}

/* A row of a coded table being rebuilt (step 2). */
typedef struct crow {
    long line;
    const char *codes[4];
    int ncodes;
    const char *name;
    const char *figs[64];
    int nf;
    coded c;
    int parent;       /* index of the parent row, -1 */
    int col;          /* the column of its second figure when its siblings' sums decide, else 0 */
    int solved;       /* its children's placement was searched */
} crow;

/*
** The placement of the second figure of parent p's children that have two
** figures of more columns (合计 and one of 基本支出 | 项目支出 …): the one
** under which the children add up to the parent in every column (款 = Σ 项,
** 类 = Σ 款), or, when none does (a figure misprinted), come closest to it
** (least sum of the differences), when exactly one placement is best (at
** most 5,000 tries); else the children keep the parent-value rule of
** place_figures. p is placed.
*/
static void place_children(crow *cr, size_t nr, int p, int nc)
{
    int amb[12], namb = 0;
    if (nc <= 2 || nc > 8) return;
    for (size_t r = (size_t)p + 1; r < nr; r++)
        if (cr[r].parent == p && cr[r].nf == 2) {
            if (namb == 12) return;
            amb[namb++] = (int)r;
        }
    if (namb == 0) return;
    int parts = nc - 1;
    long combos = 1;
    for (int j = 0; j < namb; j++) if ((combos *= parts) > 5000) return;
    long long known[8] = {0};
    for (size_t r = (size_t)p + 1; r < nr; r++) {
        if (cr[r].parent != p || cr[r].nf == 2) continue;
        if (cr[r].nf != nc) return;   /* a child placed by guess: the sums cannot decide */
        for (int c = 1; c < nc; c++) known[c] += amount(cr[r].figs[c]) > 0 ? amount(cr[r].figs[c]) : 0;
    }
    long found = -1, nbest = 0;
    long long best = -1;
    for (long m = 0; m < combos; m++) {
        long long sum[8];
        memcpy(sum, known, sizeof sum);
        long mm = m;
        for (int j = 0; j < namb; j++) {
            sum[1 + mm % parts] += amount(cr[amb[j]].figs[1]);
            mm /= parts;
        }
        long long off = 0;
        for (int c = 1; c < nc; c++) {
            long long want = amount(cr[p].c.vals[c]);
            off += llabs(sum[c] - (want < 0 ? 0 : want));
        }
        if (best < 0 || off < best) { best = off; found = m; nbest = 1; }
        else if (off == best) nbest++;
    }
    if (nbest != 1) return;   /* two placements fit as well: the sums do not tell */
    for (int j = 0; found >= 0 && j < namb; j++) {
        cr[amb[j]].col = 1 + (int)(found % parts);
        found /= parts;
    }
}

/* Rebuild one table's rows [from, to) into out; title already copied. */
static void rebuild_table(const jx_rows *rows, size_t from, size_t to, jx_rows *out)
{
    size_t cap = 16, n = 0;
    tcell *cs = jx_xmalloc(cap * sizeof *cs);
    size_t i = from;
    /* the rows naming the unit and the compiling department stay as they are */
    while (i < to) {
        const jx_row *r = &rows->items[i];
        int meta = 1;
        for (int c = 0; c < r->ncells; c++)
            meta &= strstr(r->cells[c], "单位：") || strstr(r->cells[c], "单位:") ||
                    strstr(r->cells[c], "编制部门") || strstr(r->cells[c], "编制单位");
        if (!meta) break;
        copy_row(out, r);
        i++;
    }
    jx_flow flow = i < to ? rows->items[i].flow : JX_FLOW_RUNS;
    char **pool = jx_xcalloc(to - i + 1, sizeof *pool);   /* rejoined wrapped cells */
    size_t npool = 0;
    size_t *insert_at = jx_xcalloc(to - i + 1, sizeof *insert_at);
    const char **inserted = jx_xcalloc(to - i + 1, sizeof *inserted);
    char *skip = jx_xcalloc(to - i + 1, 1);
    if (flow == JX_FLOW_LINES) {
        /*
        ** A wrapped cell prints centred on its row: a lone text line right above
        ** a row and one right below it are its first and last lines. Rejoined,
        ** the cell goes where its row lacks one: a header label before the
        ** row's last label; a row name first when the row starts with a
        ** figure, else after the codes, or after the first half's figures of a
        ** side-by-side row.
        */
        int w0 = -1, w1 = -1;
        for (size_t k = i; k < to && w0 < 0; k++) {
            const jx_row *r = &rows->items[k];
            int projects = 0, after = 0;
            for (int c = 0; c < r->ncells; c++) {
                if (!strcmp(r->cells[c], "项目")) {
                    if (++projects == 2) { w0 = after; w1 = r->ncells - c - 1; break; }
                    after = 0;
                } else if (projects == 1) after++;
            }
        }
        for (size_t k = i; k + 2 < to; k++) {
            const jx_row *a = &rows->items[k], *m = &rows->items[k + 1], *b = &rows->items[k + 2];
            if (skip[k - i] || a->ncells != 1 || b->ncells != 1 || m->ncells < 2) continue;
            if (is_figure(a->cells[0]) || is_figure(b->cells[0]) || code_like(a->cells[0])) continue;
            int figs = 0, lead_codes = 0;
            for (int c = 0; c < m->ncells; c++) figs += is_figure(m->cells[c]);
            while (lead_codes < m->ncells && code_like(m->cells[lead_codes])) lead_codes++;
            size_t at;
            if (!figs) at = (size_t)m->ncells - 1;
            else if (is_figure(m->cells[0])) at = 0;
            else if (lead_codes) at = (size_t)lead_codes;
            else if (w0 > 0 && m->ncells > 1 + w0) {
                /* the row's own name heads the half its figures fill */
                int after = 0;
                while (1 + after < m->ncells && is_figure(m->cells[1 + after])) after++;
                at = after == figs && figs == w1 && w1 != w0 ? 0 : (size_t)(1 + w0);
            }
            else continue;
            jx_buf j = {0};
            jx_buf_puts(&j, a->cells[0]);
            jx_buf_puts(&j, b->cells[0]);
            pool[npool] = jx_buf_take(&j);
            inserted[k + 1 - i] = pool[npool++];
            insert_at[k + 1 - i] = at;
            skip[k - i] = skip[k + 2 - i] = 1;
        }
    }
    for (size_t k = i; k < to; k++) {
        const jx_row *r = &rows->items[k];
        if (skip[k - i]) continue;
        for (int c = 0; c <= r->ncells; c++) {
            const char *text = NULL;
            if (inserted[k - i] && insert_at[k - i] == (size_t)c) {
                if (n == cap) cs = jx_xrealloc(cs, (cap *= 2) * sizeof *cs);
                text = inserted[k - i];
                cs[n++] = (tcell){text, r->line, K_TEXT};
            }
            if (c == r->ncells || !r->cells[c][0]) continue;
            if (n == cap) cs = jx_xrealloc(cs, (cap *= 2) * sizeof *cs);
            cs[n++] = (tcell){r->cells[c], r->line, is_figure(r->cells[c]) ? K_FIG : K_TEXT};
        }
    }
    free(insert_at);
    free(inserted);
    free(skip);
    /* a name wrapped over two runs: text right after text, not numbered, not a total */
    if (flow == JX_FLOW_RUNS) {
        size_t w = 0;
        for (size_t k = 0; k < n; k++) {
            if (w > 0 && k > 0 && cs[k].kind == K_TEXT && cs[w - 1].kind == K_TEXT && pool &&
                !top_ordinal(cs[k].text) && !strstr(cs[k].text, "合计") && !strstr(cs[k].text, "总计") &&
                !code_like(cs[k].text) && !code_like(cs[w - 1].text) && top_ordinal(cs[w - 1].text) &&
                !jx_ends_with(cs[w - 1].text, "支出") && !jx_ends_with(cs[w - 1].text, "收入")) {
                jx_buf j = {0};
                jx_buf_puts(&j, cs[w - 1].text);
                jx_buf_puts(&j, cs[k].text);
                pool = jx_xrealloc(pool, (npool + 1) * sizeof *pool);
                pool[npool] = jx_buf_take(&j);
                cs[w - 1].text = pool[npool++];
                continue;
            }
            cs[w++] = cs[k];
        }
        n = w;
    }
    /* codes: digits where a row starts (after a figure, a code or a name) */
    for (size_t k = 0; k < n; k++) {
        if (cs[k].kind != K_TEXT || !code_like(cs[k].text)) continue;
        int next_ok = k + 1 < n && (cs[k + 1].kind == K_TEXT);
        if (next_ok) cs[k].kind = K_CODE;
    }
    /* step 1: the body starts at the first figure, or the codes / numbered name before it */
    size_t body = n;
    for (size_t k = 0; k < n; k++)
        if (cs[k].kind == K_FIG) { body = k; break; }
    if (body < n && body > 0 && cs[body - 1].kind == K_TEXT && top_ordinal(cs[body - 1].text)) body--;
    else if (body < n && body > 0 && cs[body - 1].kind == K_TEXT) {
        size_t b = body - 1;
        while (b > 0 && cs[b - 1].kind == K_CODE) b--;
        if (b < body - 1) body = b;
    }
    /* the header */
    int coded_table = 0, projects_last = 0, nlevels = 0, ncols = 0;
    int side_width[2] = {0, 0};
    {
        orow hr = {.flow = flow};
        int seen_project = 0, seen_level = 0, after_name = 0, ngroup = -1;
        int any_project = 0;
        for (size_t k = 0; k < body; k++) {
            const char *t = cs[k].text;
            if (strstr(t, "科目编码") || strstr(t, "科目名称")) coded_table = 1;
            any_project |= !strcmp(t, "项目");
        }
        /*
        ** A table of figures only (三公经费): its header is top labels (…预算数),
        ** then the row from 合计, then the row from 小计. A label printed above
        ** 合计 that is not a top label (a merged cell centred over two rows:
        ** 公务用车购置及运行费) belongs to the end of the 合计 row.
        */
        if (!coded_table && !any_project && body > 0) {
            size_t g = body, sub = body;
            for (size_t k = 0; k < body; k++) if (!strcmp(cs[k].text, "合计")) { g = k; break; }
            for (size_t k = g; k < body; k++) if (!strcmp(cs[k].text, "小计")) { sub = k; break; }
            if (g < body) {
                tcell *re = jx_xmalloc(body * sizeof *re);
                size_t w = 0;
                for (size_t k = 0; k < g; k++)
                    if (jx_ends_with(cs[k].text, "数") || jx_ends_with(cs[k].text, "预算") || chars(cs[k].text) == 1)
                        re[w++] = cs[k];
                for (size_t k = g; k < sub; k++) re[w++] = cs[k];
                for (size_t k = 0; k < g; k++)
                    if (!(jx_ends_with(cs[k].text, "数") || jx_ends_with(cs[k].text, "预算") || chars(cs[k].text) == 1))
                        re[w++] = cs[k];
                for (size_t k = sub; k < body; k++) re[w++] = cs[k];
                memcpy(cs, re, body * sizeof *re);
                free(re);
            }
        }
        for (size_t k = 0; k < body; k++) {
            const char *t = cs[k].text;
            int brk = 0, dup = 0;
            /* a coded table's header printed twice (a page's repeat): once */
            for (size_t q = 0; q < k && coded_table; q++) dup |= !strcmp(cs[q].text, t);
            if (dup) { cs[k].kind = -1; continue; }
            int was_after_name = after_name;
            if (!strcmp(t, "项目") && !seen_project) { brk = 1; seen_project = 1; }
            else if (is_level(t) && !seen_level) { brk = 1; seen_level = 1; }
            else if (!seen_project && !coded_table && (!strcmp(t, "合计") || !strcmp(t, "小计"))) brk = 1;
            if (is_level(t)) nlevels++;
            if (!strcmp(t, "项目")) { projects_last++; ngroup++; }
            else if (ngroup >= 0 && ngroup < 2 && !is_level(t) && !strstr(t, "科目")) side_width[ngroup]++;
            if (after_name && !is_level(t)) ncols++;
            if (strstr(t, "科目名称")) after_name = 1;
            {
                if (brk && hr.n) orow_emit(&hr, out);
                if (!hr.n) hr.line = cs[k].line;
                if (hr.n && !is_level(t) && !strstr(t, "科目") &&
                    (chars(t) == 1 || (was_after_name && dangling(hr.cells[hr.n - 1])))) {
                    /* the tail of a wrapped label */
                    jx_buf b = {0};
                    jx_buf_puts(&b, hr.cells[hr.n - 1]);
                    jx_buf_puts(&b, t);
                    free(hr.cells[hr.n - 1]);
                    hr.cells[hr.n - 1] = jx_buf_take(&b);
                    if (was_after_name) ncols--;
                } else {
                    orow_put(&hr, t);
                }
            }
        }
        orow_emit(&hr, out);
    }
    if (body >= n) {   /* no figures: the header pieces were emitted above */
        for (size_t k = 0; k < npool; k++) free(pool[k]);
        free(pool);
        free(cs);
        return;
    }
    if (coded_table && nlevels == 0) nlevels = 1;
    /* the header repeated at the top of a page inside the body: dropped */
    {
        size_t w = body;
        for (size_t k = body; k < n;) {
            size_t m = 0;
            while (k + m < n && m < body && cs[k + m].kind != K_FIG &&
                   !strcmp(cs[k + m].text, cs[m].text))
                m++;
            if (m >= 3) { k += m; continue; }
            cs[w++] = cs[k++];
        }
        n = w;
    }
    orow row = {.flow = flow};
    if (coded_table) {
        /* step 2: codes, name, figures -- first collected, then placed */
        crow *cr = jx_xcalloc(n + 1, sizeof *cr);
        size_t nr = 0;
        crow *cur = NULL;
        for (size_t k = body; k < n; k++) {
            /*
            ** A name wrapped in its cell (…缴费支 / 出): a text without codes
            ** after a coded row's name, before any of its figures, continues
            ** that name -- every row of the body but a total has its codes.
            */
            if (cur && cs[k].kind == K_TEXT && cur->ncodes && cur->name && !cur->nf &&
                !strstr(cs[k].text, "合计") && !strstr(cs[k].text, "总计") && !strstr(cs[k].text, "小计") &&
                k + 1 < n && cs[k + 1].kind == K_FIG) {
                jx_buf j = {0};
                jx_buf_puts(&j, cur->name);
                jx_buf_puts(&j, cs[k].text);
                pool = jx_xrealloc(pool, (npool + 1) * sizeof *pool);
                pool[npool] = jx_buf_take(&j);
                cur->name = pool[npool++];
                continue;
            }
            int start = !cur || (cs[k].kind == K_CODE && (cur->nf || cur->name)) ||
                        (cs[k].kind == K_TEXT && (cur->name || cur->nf));
            if (start) {
                cur = &cr[nr++];
                cur->line = cs[k].line;
                cur->parent = -1;
            }
            if (cs[k].kind == K_CODE && cur->ncodes < 4) cur->codes[cur->ncodes++] = cs[k].text;
            else if (cs[k].kind == K_TEXT) cur->name = cs[k].text;
            else if (cs[k].kind == K_FIG && cur->nf < 64) cur->figs[cur->nf++] = cs[k].text;
        }
        int nc = ncols > 0 ? ncols : 1;
        if (nc > 64) nc = 64;
        long total = -1;
        for (size_t r = 0; r < nr; r++) {
            crow *x = &cr[r];
            for (int c = 0; c < x->ncodes; c++)
                strncat(x->c.code, x->codes[c], sizeof x->c.code - strlen(x->c.code) - 1);
            x->c.vals = jx_xcalloc((size_t)nc + 1, sizeof *x->c.vals);
            for (size_t p = r; p-- > 0;) {
                size_t pl = strlen(cr[p].c.code);
                if (pl && pl < strlen(x->c.code) && !strncmp(cr[p].c.code, x->c.code, pl)) {
                    x->parent = (int)p;
                    break;
                }
            }
            if (!x->ncodes && x->name && strstr(x->name, "合计") && x->nf == nc) total = (long)r;
        }
        /* top-level rows with fewer figures than columns: the placement under which
           the columns of the top-level rows add up to the 合计 row, when exactly
           one does (at most 5,000 tries); else the parent-value rule */
        int amb[12], namb = 0;
        for (size_t r = 0; r < nr; r++)
            if (cr[r].ncodes && cr[r].parent < 0 && cr[r].nf == 2 && nc > 2 && namb < 12)
                amb[namb++] = (int)r;
        int best = -1, nexact = 0;
        if (total >= 0 && namb > 0 && nc <= 8) {
            int parts = nc - 1;
            long combos = 1;
            for (int j = 0; j < namb && combos < 5000; j++) combos *= parts;
            for (long m = 0; m < combos && combos < 5000 && nexact < 2; m++) {
                long long sum[8] = {0};
                long mm = m;
                for (size_t r = 0; r < nr; r++) {
                    if (!cr[r].ncodes || cr[r].parent >= 0) continue;
                    int j = -1;
                    for (int q = 0; q < namb; q++) if (amb[q] == (int)r) j = q;
                    if (j >= 0) {
                        int col = 1 + (int)(mm % parts);
                        mm /= parts;
                        sum[col] += amount(cr[r].figs[1]);
                    } else {
                        for (int c = 1; c < cr[r].nf && c < nc; c++)
                            if (amount(cr[r].figs[c]) > 0) sum[c] += amount(cr[r].figs[c]);
                    }
                }
                int ok = 1;
                for (int c = 1; c < nc; c++) {
                    long long want = amount(cr[total].figs[c]);
                    ok &= sum[c] == (want < 0 ? 0 : want);
                }
                if (ok && nexact++ == 0) best = (int)m;
            }
            if (nexact != 1) best = -1;   /* two placements add up: the sums do not tell */
        }
        long bm = best;
        for (size_t r = 0; r < nr; r++) {
            crow *x = &cr[r];
            const char *placed[64];
            int j = -1;
            for (int q = 0; q < namb; q++) if (amb[q] == (int)r) j = q;
            if (x->parent >= 0 && !cr[x->parent].solved) {
                cr[x->parent].solved = 1;
                place_children(cr, nr, x->parent, nc);
            }
            if (x->col > 0) {
                for (int c = 0; c < nc; c++) placed[c] = NULL;
                placed[0] = x->figs[0];
                placed[x->col] = x->figs[1];
            } else if (j >= 0 && best >= 0) {
                int col = 1 + (int)(bm % (nc - 1));
                bm /= nc - 1;
                for (int c = 0; c < nc; c++) placed[c] = NULL;
                placed[0] = x->figs[0];
                placed[col] = x->figs[1];
            } else {
                place_figures(x->figs, x->nf, nc, x->parent >= 0 ? &cr[x->parent].c : NULL, placed);
            }
            for (int c = 0; c < nc; c++) x->c.vals[c] = (char *)placed[c];
            row.line = x->line;
            if (x->ncodes)
                for (int c = 0; c < nlevels; c++) orow_put(&row, c < x->ncodes ? x->codes[c] : "");
            orow_put(&row, x->name ? x->name : "");
            for (int c = 0; c < nc; c++) orow_put(&row, placed[c]);
            orow_emit(&row, out);
        }
        for (size_t r = 0; r < nr; r++) free(cr[r].c.vals);
        free(cr);
    } else if (projects_last >= 2) {
        /* step 3: side by side */
        int last_top[2] = {0, 0};
        const char *names[2] = {NULL, NULL};
        const char *figs[2][16];
        int nf[2] = {0, 0}, cur = -1;
        long line = 0;
        for (size_t k = body; k <= n; k++) {
            int side = -1;
            if (k < n && cs[k].kind != K_FIG) {
                const char *t = cs[k].text;
                int ord = top_ordinal(t);
                if (strstr(t, "收入总计") || strstr(t, "收入合计") || jx_ends_with(t, "收入")) side = 0;
                else if (strstr(t, "支出总计") || strstr(t, "支出合计") || jx_ends_with(t, "支出")) side = 1;
                else if (ord && ord == last_top[0] + 1 && ord != last_top[1] + 1) side = 0;
                else if (ord && ord == last_top[1] + 1 && ord != last_top[0] + 1) side = 1;
                else side = (names[0] || nf[0]) && !names[1] && cur == 0 ? 1 : 0;
                if (ord) last_top[side] = ord;
            }
            int flush = k == n || (side >= 0 && (names[side] || nf[side] || (side == 0 && (names[1] || nf[1]))));
            if (flush && (names[0] || names[1] || nf[0] || nf[1])) {
                row.line = line;
                for (int s = 0; s < 2; s++) {
                    orow_put(&row, names[s] ? names[s] : "");
                    int w = side_width[s] > 0 ? side_width[s] : nf[s];
                    for (int j = 0; j < w && j < 16; j++) orow_put(&row, j < nf[s] ? figs[s][j] : "");
                }
                orow_emit(&row, out);
                names[0] = names[1] = NULL;
                nf[0] = nf[1] = 0;
            }
            if (k == n) break;
            if (!names[0] && !names[1] && !nf[0] && !nf[1]) line = cs[k].line;
            if (side >= 0) { names[side] = cs[k].text; cur = side; }
            else if (cur >= 0 && nf[cur] < 16) figs[cur][nf[cur]++] = cs[k].text;
            else if (cur < 0 && nf[0] < 16) { figs[0][nf[0]++] = cs[k].text; cur = 0; }
        }
    } else {
        /* step 4: figures only (and any names among them, as they come) */
        row.line = cs[body].line;
        for (size_t k = body; k < n && cs[k].kind == K_FIG; k++) orow_put(&row, cs[k].text);
        orow_emit(&row, out);
    }
    for (size_t k = 0; k < npool; k++) free(pool[k]);
    free(pool);
    free(cs);
}

int jx_budget_regroup(const jx_rows *rows, jx_rows *out)
{
    int any = 0;
    for (size_t i = 0; i < rows->count && !any; i++) any = rows->items[i].flow != JX_FLOW_GRID;
    if (!any) return 0;
    size_t i = 0;
    while (i < rows->count) {
        const jx_row *r = &rows->items[i];
        const char *one = r->ncells == 1 ? r->cells[0] : NULL;
        copy_row(out, r);
        i++;
        if (!(r->flow != JX_FLOW_GRID && one && jx_budget_table_title(one))) continue;
        size_t end = i;
        while (end < rows->count && !ends_region(&rows->items[end]) &&
               rows->items[end].flow != JX_FLOW_GRID)
            end++;
        rebuild_table(rows, i, end, out);
        i = end;
    }
    return 1;
}
