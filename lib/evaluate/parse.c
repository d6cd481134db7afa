/*
** parse.c - self-evaluations (项目支出绩效自评表) and monitoring reports
** (绩效运行监控表) from a document's rows.
**
** A part begins at its title row (lib/form/parts.c, the one table of part
** titles) and runs to the next part title or worksheet boundary. Inside it
** everything is found by label, from the tables below, never by position in
** the document:
**   - header fields: a label (项目名称, 主管部门, 实施单位 …) and the next
**     filled cell right of it that is no label, or the text after its colon;
**   - 项目资金: a heading row naming at least two money columns (年初预算数,
**     全年预算数, 全年执行数 / 1-N月执行数, 分值, 执行率 / 执行进度, 得分) gives
**     each column's position; the rows labelled 年度资金总额, 当年财政拨款,
**     上年结转资金, 其他资金 are read at those positions;
**   - 年度总体目标: a heading row 预期目标 | 实际完成情况, the texts below it
**     by column;
**   - the indicator table: a heading row with 一级指标, 三级指标 and a target
**     column, and an actual column (实际完成值 / 1-N月实际完成值); its rows are
**     read by those columns, empty 一级/二级 carrying the merged cell above,
**     up to the 总分 row or a row of labels.
** Columns are positions here: these layouts (markdown, TSV, one cell per
** line, XLSX, DOCX) keep them (a merged cell is followed by empty cells).
** Amounts are 万元 unless a label says 元; targets and actual values go
** through the target-value grammar (jx_value_parse).
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evaluate.h"
#include "form.h"
#include "jixiao/money.h"
#include "jixiao/util.h"
#include "jixiao/value.h"
#include "text.h"
#include "vocab.h"

/* ------------------------------------------------------------ the tables */

enum { H_NONE = -1, H_NAME, H_DEPARTMENT, H_UNIT };

/* Header labels (keys) and the field they fill. */
static const struct { const char *key; int field; } header_labels[] = {
    {"项目名称", H_NAME},     {"项目全称", H_NAME},
    {"主管部门", H_DEPARTMENT}, {"主管单位", H_DEPARTMENT}, {"预算部门", H_DEPARTMENT},
    {"实施单位", H_UNIT},     {"项目实施单位", H_UNIT},  {"预算单位", H_UNIT},
    {"项目单位", H_UNIT},     {"申报单位", H_UNIT},
};

enum { M_START, M_YEAR, M_EXEC, M_MARKS, M_RATE, M_SCORE, M_NCOLS };

/* Money-table column heads: exact keys, and for 1-N月执行数 a suffix. */
static const struct { const char *key; int col; int suffix; } money_heads[] = {
    {"年初预算数", M_START, 0}, {"年初预算", M_START, 0},
    {"全年预算数", M_YEAR, 0},  {"调整后预算数", M_YEAR, 0}, {"全年预算", M_YEAR, 0},
    {"全年执行数", M_EXEC, 0},  {"执行数", M_EXEC, 1},   /* 1-6月执行数 */
    {"分值", M_MARKS, 0},
    {"执行率", M_RATE, 0},      {"执行进度", M_RATE, 0},  {"预算执行率", M_RATE, 0},
    {"得分", M_SCORE, 0},
};

/* Fund rows: key (without 其中：) -> row. */
static const struct { const char *key; jx_fund_row row; } fund_labels[] = {
    {"年度资金总额", JX_FUND_TOTAL}, {"资金总额", JX_FUND_TOTAL}, {"年度资金总额合计", JX_FUND_TOTAL},
    {"当年财政拨款", JX_FUND_YEAR},  {"财政拨款", JX_FUND_YEAR},   {"本年财政拨款", JX_FUND_YEAR},
    {"上年结转资金", JX_FUND_CARRYOVER}, {"上年结转", JX_FUND_CARRYOVER},
    {"其他资金", JX_FUND_OTHER},
};

enum { I_L1, I_L2, I_NAME, I_TARGET, I_ACTUAL, I_MARKS, I_SCORE, I_REASON, I_EXPECTED,
       I_POSSIBILITY, I_CORRECTION, I_NCOLS };

/* Indicator-table column heads (keys); suffix: the key ends with it (1-6月实际完成值). */
static const struct { const char *key; int col; int suffix; } indicator_heads[] = {
    {"一级指标", I_L1, 0}, {"二级指标", I_L2, 0}, {"三级指标", I_NAME, 0},
    {"指标名称", I_NAME, 0}, {"三级指标名称", I_NAME, 0},
    {"年度指标值", I_TARGET, 0}, {"指标值", I_TARGET, 0}, {"全年目标值", I_TARGET, 0},
    {"年度目标值", I_TARGET, 0}, {"指标目标值", I_TARGET, 0}, {"目标值", I_TARGET, 0},
    {"实际完成值", I_ACTUAL, 1}, {"全年实际完成值", I_ACTUAL, 0}, {"实际值", I_ACTUAL, 0},
    {"分值", I_MARKS, 0}, {"权重", I_MARKS, 0}, {"得分", I_SCORE, 0},
    {"偏差原因分析及改进措施", I_REASON, 0}, {"偏差原因分析", I_REASON, 0},
    {"偏差原因", I_REASON, 0}, {"偏差原因分析及改进", I_REASON, 0},
    {"全年预计完成情况", I_EXPECTED, 0}, {"预计全年完成情况", I_EXPECTED, 0},
    {"全年预计完成值", I_EXPECTED, 0},
    {"完成目标可能性", I_POSSIBILITY, 0}, {"完成可能性", I_POSSIBILITY, 0},
    {"纠偏措施", I_CORRECTION, 0}, {"采取的纠偏措施", I_CORRECTION, 0},
};

/*
** The sub-heads under 偏差原因分析 (one column per category) and under
** 完成目标可能性 (one per answer, ticked) of the usual 监控表: in the heading
** row itself or the row below it (a merged parent head above them). The
** categories' own labels are jx_deviation_cause_label's (model.c, the one
** table of them); here only the other wordings forms use.
*/
static const struct { const char *key; int cause; } cause_heads[] = {
    {"资金保障", JX_CAUSE_FUNDING}, {"硬件保障", JX_CAUSE_HARDWARE}, {"其他原因", JX_CAUSE_OTHER},
};
#define NPOSSIBLE 3
static const char *const possibility_heads[NPOSSIBLE] = {"确定能", "有可能", "完全不可能"};
/* Cells that tick a column rather than write a text. */
static const char *const ticks[] = {"√", "✓", "✔", "☑", "■", "●", "是", "v", "V", NULL};

/* The 总分 row. */
static const char *const total_keys[] = {"总分", "合计得分", "自评总分", NULL};
/* Goal heads. */
static const char *const goal_target_keys[] = {"预期目标", "年度目标", NULL};
static const char *const goal_actual_keys[] = {"实际完成情况", "目标实际完成情况",
                                               "实际完成", "目标完成情况", NULL};
/* Blank cells of an amount or a number. */
static const char *const blanks[] = {"-", "—", "--", "——", "/", "／", "无", "－", NULL};

/* ------------------------------------------------------------- helpers */

typedef struct part {
    const char *file;
    const jx_row *rows;     /* the part's rows (begin at the title) */
    size_t n;
    jx_evaluation *e;
    jx_error *err;
    long scale;             /* amounts: 10000 (万元) unless a label says 元 */
    int mcol[M_NCOLS];      /* money columns, -1 none */
    int icol[I_NCOLS];      /* indicator columns, -1 none */
    int ccol[JX_CAUSE_COUNT]; /* 偏差原因 columns by category, -1 none */
    int pcol[NPOSSIBLE];    /* 完成目标可能性 columns by answer, -1 none */
    int has_causes, has_possible;
    int gcol_target, gcol_actual;
    long table_line;
} part;

static int key_listed(const char *key, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (!strcmp(key, list[i])) return 1;
    return 0;
}

/* The key of cell c without a leading 其中：. */
static const char *bare_key(const jx_row *row, int c)
{
    const char *k = jx_row_key(row, c);
    if (jx_starts_with(k, "其中:")) k += strlen("其中:");
    return k;
}

static int header_field(const char *key)
{
    for (size_t i = 0; i < sizeof header_labels / sizeof *header_labels; i++)
        if (!strcmp(key, header_labels[i].key)) return header_labels[i].field;
    return H_NONE;
}

static int money_head(const char *key)
{
    for (size_t i = 0; i < sizeof money_heads / sizeof *money_heads; i++)
        if (money_heads[i].suffix ? jx_ends_with(key, money_heads[i].key) && strstr(key, "月")
                                  : !strcmp(key, money_heads[i].key))
            return money_heads[i].col;
    return -1;
}

static int fund_label(const char *key)
{
    for (size_t i = 0; i < sizeof fund_labels / sizeof *fund_labels; i++)
        if (!strcmp(key, fund_labels[i].key)) return (int)fund_labels[i].row;
    return -1;
}

static int indicator_head(const char *key)
{
    for (size_t i = 0; i < sizeof indicator_heads / sizeof *indicator_heads; i++)
        if (indicator_heads[i].suffix ? jx_ends_with(key, indicator_heads[i].key)
                                      : !strcmp(key, indicator_heads[i].key))
            return indicator_heads[i].col;
    return -1;
}

/* 1 when the cell is any label this parser knows (not a value). */
static int is_label(const jx_row *row, int c)
{
    const char *k = bare_key(row, c);
    return header_field(k) != H_NONE || fund_label(k) >= 0 || money_head(k) >= 0 ||
           indicator_head(k) >= 0 || key_listed(k, total_keys) || key_listed(k, goal_target_keys) ||
           key_listed(k, goal_actual_keys) || !strcmp(k, "年度总体目标") ||
           !strcmp(k, "项目资金") || !strcmp(k, "绩效指标");
}

/* The cell at column c of row, "" when the row is shorter. */
static const char *cell_at(const jx_row *row, int c)
{
    return c >= 0 && c < row->ncells ? row->cells[c] : "";
}

static void set_text(char **slot, const char *v)
{
    if (!*slot && v && v[0]) *slot = jx_strdup(v);
}

/* The spaces of a text dropped in place (a converter spaces a font change: 2023 年 1-6 月). */
static char *unspaced(const char *s)
{
    char *out = jx_strdup(s), *w = out;
    for (const char *r = s; *r; r++) if (*r != ' ') *w++ = *r;
    *w = '\0';
    return out;
}

/* A year stated by a title or a (2023年度) row: the first 19xx/20xx before 年, spaces aside. */
static int text_year(const char *text)
{
    char *own = unspaced(text);
    int year = 0;
    for (const char *s = own; *s && !year; s++)
        if ((s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0')) {
            int i = 0;
            while (i < 5 && isdigit((unsigned char)s[i])) i++;
            if (i == 4 && jx_starts_with(s + 4, "年")) year = atoi(s);
            else if (i > 4) s += i - 1;
        }
    free(own);
    return year;
}

/* N of a 1-N月 text (1-6月执行数, 1—6月, 1-6 月), 0 when none. */
static int text_months(const char *text)
{
    char *s = unspaced(text);
    int months = 0;
    const char *m = strstr(s, "月");
    while (m && !months) {
        const char *q = m;
        while (q > s && isdigit((unsigned char)q[-1])) q--;
        if (q < m && q > s) {
            int n = atoi(q);
            if (n >= 1 && n <= 12) months = n;
        }
        m = strstr(m + 1, "月");
    }
    free(s);
    return months;
}

/*
** A figure a narrow cell wrapped ("200.60 2", "95.00 %": the reader joins a
** cell's lines with a space) without the spaces, as a new string; NULL when
** the cell is more than digits, separators, % and spaces.
*/
static char *unwrapped_figure(const char *cell)
{
    static const char *const ops[] = {"≥", "≤", "＞", "＜", ">", "<", "=", NULL};
    if (!strchr(cell, ' ')) return NULL;
    const char *body = cell;
    for (int k = 0; ops[k]; k++)
        if (jx_starts_with(body, ops[k])) { body += strlen(ops[k]); break; }
    if (!isdigit((unsigned char)*body)) return NULL;
    for (const char *s = body; *s; s++)
        if (!isdigit((unsigned char)*s) && !strchr(".,% ", *s)) return NULL;
    char *out = jx_xmalloc(strlen(cell) + 1), *w = out;
    for (const char *s = cell; *s; s++) if (*s != ' ') *w++ = *s;
    *w = '\0';
    return out;
}

/*
** A number cell (分值, 得分, 执行率): "10", "9.5", "95%", "95.00%". Blank
** cells give has 0. Returns 0 for a cell that is no number.
*/
static int parse_num(const char *cell, jx_num *out)
{
    out->has = 0;
    out->v = 0;
    if (!cell[0] || key_listed(cell, blanks)) return 1;
    char *flat = unwrapped_figure(cell);
    char *key = jx_text_squeeze(flat ? flat : cell);
    free(flat);
    char *end;
    double v = strtod(key, &end);
    int ok = end != key && isfinite(v);
    if (ok && !strcmp(end, "%")) end++;
    else if (ok && !strcmp(end, "分")) end += strlen("分");
    ok = ok && !*end;
    free(key);
    if (!ok) return 0;
    out->has = 1;
    out->v = v;
    return 1;
}

/* Fail the part with a message at line (printf-style). */
#define FAIL(p, line, ...) jx_error_set((p)->err, JX_EINPUT, (p)->file, (line), __VA_ARGS__)

/* The name of the part for messages: its project, else its title. */
static const char *part_name(const part *p)
{
    return p->e->name ? p->e->name : jx_eval_kind_label(p->e->kind);
}

/* Read a number cell of the part or fail naming what it is. */
static jx_status num_cell(part *p, const jx_row *row, int c, const char *what, jx_num *out)
{
    const char *cell = cell_at(row, c);
    if (parse_num(cell, out)) return JX_OK;
    return FAIL(p, row->line, "%s \"%s\": %s \"%s\" is not a number", jx_eval_kind_label(p->e->kind),
                part_name(p), what, cell);
}

/* ---------------------------------------------------------------- rows */

/* Header labels of a row: each value is the next filled non-label cell, or the text after a colon. */
static void header_row(part *p, const jx_row *row)
{
    for (int c = 0; c < row->ncells; c++) {
        if (!row->cells[c][0]) continue;
        const char *key = jx_row_key(row, c);
        int f = header_field(key);
        const char *value = NULL;
        char *inline_value = NULL;
        if (f == H_NONE) {
            const char *colon = strstr(row->cells[c], "：");
            size_t clen = strlen("：");
            if (!colon) { colon = strchr(row->cells[c], ':'); clen = 1; }
            if (!colon) continue;
            char *head = jx_strndup(row->cells[c], (size_t)(colon - row->cells[c]));
            char *hk = jx_text_key(head);
            f = header_field(hk);
            free(hk);
            free(head);
            if (f == H_NONE) continue;
            inline_value = jx_strdup(colon + clen);
            value = inline_value;
            while (*value == ' ') value++;
        } else {
            for (int k = c + 1; k < row->ncells; k++) {
                if (!row->cells[k][0]) continue;
                if (!is_label(row, k)) { value = row->cells[k]; c = k; }
                break;
            }
        }
        jx_evaluation *e = p->e;
        char **slot = f == H_NAME ? &e->name : f == H_DEPARTMENT ? &e->department : &e->unit;
        set_text(slot, value);
        free(inline_value);
    }
}

/* 1 when the row is the money table's heading (two money columns or more, one of them 执行). */
static int money_heading(part *p, const jx_row *row)
{
    int cols[M_NCOLS], n = 0;
    for (int k = 0; k < M_NCOLS; k++) cols[k] = -1;
    for (int c = 0; c < row->ncells; c++) {
        if (!row->cells[c][0]) continue;
        int m = money_head(jx_row_key(row, c));
        if (m >= 0 && cols[m] < 0) { cols[m] = c; n++; }
        if (m == M_EXEC && !p->e->months) p->e->months = text_months(row->cells[c]);
    }
    if (n < 2 || cols[M_EXEC] < 0 || indicator_head(jx_row_key(row, 0)) == I_L1) return 0;
    /* the table's unit: (万元) on the row, else 万元 */
    p->scale = 10000;
    for (int c = 0; c < row->ncells; c++)
        if (strstr(row->cells[c], "元")) { p->scale = jx_money_label_scale(row->cells[c]); break; }
    memcpy(p->mcol, cols, sizeof cols);
    return 1;
}

/* A fund row: its label and the cells at the money columns. */
static jx_status fund_row(part *p, const jx_row *row, int which)
{
    jx_eval_fund *f = &p->e->funds[which];
    if (f->line) return JX_OK;   /* the first row of each kind */
    f->line = row->line;
    long long *money[3] = {&f->budget_start, &f->budget_year, &f->exec};
    static const char *const what[3] = {"年初预算数", "全年预算数", "全年执行数"};
    for (int k = 0; k < 3; k++) {
        const char *cell = cell_at(row, p->mcol[k]);
        if (p->mcol[k] < 0 || !cell[0] || key_listed(cell, blanks)) continue;
        char *flat = unwrapped_figure(cell);
        int ok = jx_money_parse(flat ? flat : cell, p->scale, money[k]);
        free(flat);
        if (!ok)
            return FAIL(p, row->line, "%s \"%s\": %s %s \"%s\" is not an amount",
                        jx_eval_kind_label(p->e->kind), part_name(p), jx_fund_row_label(which),
                        what[k], cell);
    }
    jx_status st = JX_OK;
    if (p->mcol[M_MARKS] >= 0) st = num_cell(p, row, p->mcol[M_MARKS], "分值", &f->marks);
    if (!st && p->mcol[M_RATE] >= 0) st = num_cell(p, row, p->mcol[M_RATE], "执行率", &f->rate);
    if (!st && p->mcol[M_SCORE] >= 0) st = num_cell(p, row, p->mcol[M_SCORE], "得分", &f->score);
    /* 执行率 written as a fraction (0.95) */
    if (!st && f->rate.has && f->rate.v <= 1.0 && !strchr(cell_at(row, p->mcol[M_RATE]), '%'))
        f->rate.v *= 100.0;
    return st;
}

/* The 年度总体目标 heading (预期目标 | 实际完成情况). */
static int goal_heading(part *p, const jx_row *row)
{
    int t = -1, a = -1;
    for (int c = 0; c < row->ncells; c++) {
        if (!row->cells[c][0]) continue;
        const char *k = jx_row_key(row, c);
        if (t < 0 && key_listed(k, goal_target_keys)) t = c;
        else if (a < 0 && key_listed(k, goal_actual_keys)) a = c;
    }
    if (t < 0 || a < 0) return 0;
    p->gcol_target = t;
    p->gcol_actual = a;
    return 1;
}

/* A row of goal texts: each filled non-label cell to the heading it stands under. */
static void goal_row(part *p, const jx_row *row)
{
    jx_evaluation *e = p->e;
    for (int c = 0; c < row->ncells; c++) {
        if (!row->cells[c][0] || is_label(row, c)) continue;
        char **slot = c >= p->gcol_actual && p->gcol_actual > p->gcol_target ? &e->goal_actual
                                                                              : &e->goal_target;
        if (*slot) {
            jx_buf b = {0};
            jx_buf_printf(&b, "%s %s", *slot, row->cells[c]);
            free(*slot);
            *slot = jx_buf_take(&b);
        } else {
            *slot = jx_strdup(row->cells[c]);
        }
    }
}

/* The indicator table's heading: 一级, 三级 (or 指标名称), a target and an actual column. */
static int indicator_heading(part *p, const jx_row *row)
{
    int cols[I_NCOLS];
    for (int k = 0; k < I_NCOLS; k++) cols[k] = -1;
    for (int c = 0; c < row->ncells; c++) {
        if (!row->cells[c][0]) continue;
        int h = indicator_head(jx_row_key(row, c));
        if (h >= 0 && cols[h] < 0) cols[h] = c;
        if (h == I_ACTUAL && !p->e->months) p->e->months = text_months(row->cells[c]);
    }
    if (cols[I_L1] < 0 || cols[I_NAME] < 0 || cols[I_TARGET] < 0 || cols[I_ACTUAL] < 0) return 0;
    memcpy(p->icol, cols, sizeof cols);
    return 1;
}

/* The 偏差原因 category (jx_deviation_cause) whose sub-head key is, -1 when it is none. */
static int cause_head(const char *key)
{
    for (int k = 0; k < JX_CAUSE_COUNT; k++)
        if (!strcmp(key, jx_deviation_cause_label((jx_deviation_cause)k))) return k;
    for (size_t i = 0; i < sizeof cause_heads / sizeof *cause_heads; i++)
        if (!strcmp(key, cause_heads[i].key)) return cause_heads[i].cause;
    return -1;
}

/*
** The sub-heads of a heading (this row or the one below it): 偏差原因 by
** category and 完成目标可能性 by answer. A row of them holds nothing else
** but indicator heads. Returns 1 when the row set two sub-heads or more; the
** parent's own column (偏差原因分析 over the categories: its text stands in
** the first of them) is then no column.
*/
static int sub_heading(part *p, const jx_row *row)
{
    int cc[JX_CAUSE_COUNT], pc[NPOSSIBLE], n = 0, nc = 0, np = 0;
    for (int k = 0; k < JX_CAUSE_COUNT; k++) cc[k] = -1;
    for (int k = 0; k < NPOSSIBLE; k++) pc[k] = -1;
    for (int c = 0; c < row->ncells; c++) {
        if (!row->cells[c][0]) continue;
        const char *key = jx_row_key(row, c);
        int h = cause_head(key);
        if (h >= 0 && cc[h] < 0) { cc[h] = c; n++; nc++; continue; }
        int q = -1;
        for (int k = 0; k < NPOSSIBLE && q < 0; k++) if (!strcmp(key, possibility_heads[k])) q = k;
        if (q >= 0 && pc[q] < 0) { pc[q] = c; n++; np++; continue; }
        if (indicator_head(key) < 0) return 0;
    }
    if (n < 2) return 0;
    if (nc >= 2) {
        memcpy(p->ccol, cc, sizeof cc);
        p->has_causes = 1;
        for (int k = 0; k < JX_CAUSE_COUNT; k++)
            if (cc[k] >= 0 && cc[k] == p->icol[I_REASON]) p->icol[I_REASON] = -1;
    }
    if (np >= 2) {
        memcpy(p->pcol, pc, sizeof pc);
        p->has_possible = 1;
        for (int k = 0; k < NPOSSIBLE; k++)
            if (pc[k] >= 0 && pc[k] == p->icol[I_POSSIBILITY]) p->icol[I_POSSIBILITY] = -1;
    }
    return 1;
}

/* The 总分 row: marks and score at their columns, else the last two numbers of the row. */
static jx_status total_row(part *p, const jx_row *row)
{
    jx_evaluation *e = p->e;
    e->total_line = row->line;
    int mc = p->icol[I_MARKS], sc = p->icol[I_SCORE];
    if (mc < 0 && sc < 0) {
        for (int c = row->ncells - 1; c >= 0; c--) {
            jx_num n;
            if (!row->cells[c][0] || !parse_num(row->cells[c], &n) || !n.has) continue;
            if (sc < 0) sc = c;
            else { mc = c; break; }
        }
    }
    jx_status st = JX_OK;
    if (mc >= 0) st = num_cell(p, row, mc, "总分 分值", &e->total_marks);
    if (!st && sc >= 0) st = num_cell(p, row, sc, "总分 得分", &e->total_score);
    return st;
}

/* 1 when the first filled cell of the row is the 总分 label. */
static int is_total_row(const jx_row *row)
{
    for (int c = 0; c < row->ncells; c++)
        if (row->cells[c][0]) return key_listed(jx_row_key(row, c), total_keys);
    return 0;
}

/* An indicator row, read by the heading's columns; empty levels carry the row above. */
static jx_status indicator_row(part *p, const jx_row *row)
{
    jx_evaluation *e = p->e;
    const int *ic = p->icol;
    const char *l1 = cell_at(row, ic[I_L1]), *l2 = ic[I_L2] >= 0 ? cell_at(row, ic[I_L2]) : "";
    const char *name = cell_at(row, ic[I_NAME]);
    const char *target = cell_at(row, ic[I_TARGET]), *actual = cell_at(row, ic[I_ACTUAL]);
    if (!name[0] && !target[0] && !actual[0]) return JX_OK;   /* a level row alone, a blank row */
    /* a repeated heading after a page break */
    if (indicator_head(jx_row_key(row, ic[I_NAME])) == I_NAME) return JX_OK;
    /* the row above, copied before the array may move */
    const jx_eval_indicator *prev = e->nindicators ? &e->indicators[e->nindicators - 1] : NULL;
    char *carry1 = !l1[0] && prev && prev->level1 ? jx_strdup(prev->level1) : NULL;
    char *carry2 = !l1[0] && !l2[0] && prev && prev->level2 ? jx_strdup(prev->level2) : NULL;
    jx_eval_indicator *ind = jx_evaluation_add_indicator(e);
    ind->line = row->line;
    ind->level1 = l1[0] ? jx_strdup(l1) : carry1;
    ind->level2 = l2[0] ? jx_strdup(l2) : carry2;
    set_text(&ind->name, name);
    /* a figure a narrow cell wrapped (100 / %: the PDF reader joins lines with a space) */
    char *t_flat = unwrapped_figure(target), *a_flat = unwrapped_figure(actual);
    set_text(&ind->target, t_flat ? t_flat : target);
    set_text(&ind->actual, a_flat ? a_flat : actual);
    free(t_flat);
    free(a_flat);
    jx_value_parse(ind->target, &ind->target_value);
    jx_value_parse(ind->actual, &ind->actual_value);
    if (ic[I_REASON] >= 0) set_text(&ind->reason, cell_at(row, ic[I_REASON]));
    if (ic[I_EXPECTED] >= 0) {
        char *flat = unwrapped_figure(cell_at(row, ic[I_EXPECTED]));
        set_text(&ind->expected, flat ? flat : cell_at(row, ic[I_EXPECTED]));
        free(flat);
    }
    if (ic[I_POSSIBILITY] >= 0) set_text(&ind->possibility, cell_at(row, ic[I_POSSIBILITY]));
    if (ic[I_CORRECTION] >= 0) set_text(&ind->correction, cell_at(row, ic[I_CORRECTION]));
    if (p->has_causes) {
        /* each category's cell; without a reason column of its own the reason is them joined */
        jx_buf joined = {0};
        ind->has_causes = 1;
        for (int k = 0; k < JX_CAUSE_COUNT; k++) {
            const char *v = p->ccol[k] >= 0 ? cell_at(row, p->ccol[k]) : "";
            if (!v[0] || key_listed(v, blanks)) continue;
            ind->causes[k] = jx_strdup(v);
            if (joined.len) jx_buf_puts(&joined, "；");
            if (key_listed(v, ticks)) jx_buf_puts(&joined, jx_deviation_cause_label((jx_deviation_cause)k));
            else jx_buf_printf(&joined, "%s：%s", jx_deviation_cause_label((jx_deviation_cause)k), v);
        }
        if (!ind->reason && joined.len) ind->reason = jx_buf_take(&joined);
        jx_buf_free(&joined);
    }
    if (p->has_possible && !ind->possibility) {
        /* the answer whose column is ticked (or written in) */
        for (int k = 0; k < NPOSSIBLE && !ind->possibility; k++) {
            const char *v = p->pcol[k] >= 0 ? cell_at(row, p->pcol[k]) : "";
            if (v[0] && !key_listed(v, blanks)) ind->possibility = jx_strdup(possibility_heads[k]);
        }
    }
    jx_status st = JX_OK;
    char what[160];
    snprintf(what, sizeof what, "indicator \"%.100s\" 分值", name[0] ? name : "?");
    if (ic[I_MARKS] >= 0) st = num_cell(p, row, ic[I_MARKS], what, &ind->marks);
    snprintf(what, sizeof what, "indicator \"%.100s\" 得分", name[0] ? name : "?");
    if (!st && ic[I_SCORE] >= 0) st = num_cell(p, row, ic[I_SCORE], what, &ind->score);
    return st;
}

/* The national categories of the indicators, by the framework their level 1s follow. */
static void categorise(jx_evaluation *e)
{
    const char *cores[64];
    char *owned[64];
    int n = 0;
    for (size_t i = 0; i < e->nindicators && n < 64; i++)
        if (e->indicators[i].level1) owned[n] = jx_vocab_core(e->indicators[i].level1), cores[n] = owned[n], n++;
    const char *fw = jx_vocab_detect(cores, n);
    for (int i = 0; i < n; i++) free(owned[i]);
    for (size_t i = 0; i < e->nindicators; i++) {
        jx_eval_indicator *ind = &e->indicators[i];
        char *c1 = ind->level1 ? jx_vocab_core(ind->level1) : NULL;
        char *c2 = ind->level2 ? jx_vocab_core(ind->level2) : NULL;
        const char *cat = NULL;
        if (fw) cat = jx_vocab_category(fw, c1, c2);
        for (int k = 0; !cat && jx_vocab_framework(k); k++) cat = jx_vocab_category(jx_vocab_framework(k), c1, c2);
        if (cat) ind->category = jx_strdup(cat);
        free(c1);
        free(c2);
    }
}

/* Where the reading of a part is: inside the money table, the goal, the indicator table. */
typedef struct pstate { int in_funds, in_goal, in_table; } pstate;

/* One row of a part (a grid row, or a layout-preserving row put on its columns). */
static jx_status read_row(part *p, const jx_row *row, pstate *ps)
{
    jx_evaluation *e = p->e;
    jx_status st = JX_OK;
    if (!e->year && jx_row_filled(row) == 1) {
        for (int c = 0; c < row->ncells; c++)
            if (row->cells[c][0] && strlen(row->cells[c]) < 40) e->year = text_year(row->cells[c]);
    }
    if (is_total_row(row)) { ps->in_table = 0; return total_row(p, row); }
    if (indicator_heading(p, row)) {
        if (!p->table_line) p->table_line = row->line;
        ps->in_table = 1; ps->in_funds = ps->in_goal = 0;
        sub_heading(p, row);
        return JX_OK;
    }
    if (ps->in_table && sub_heading(p, row)) return JX_OK;
    if (ps->in_table) {
        int first = -1;
        for (int c = 0; c < row->ncells && first < 0; c++) if (row->cells[c][0]) first = c;
        const char *fk = bare_key(row, first);
        if (header_field(fk) == H_NONE && fund_label(fk) < 0) return indicator_row(p, row);
        ps->in_table = 0;
    }
    if (money_heading(p, row)) { ps->in_funds = 1; ps->in_goal = 0; return JX_OK; }
    if (goal_heading(p, row)) { ps->in_goal = 1; ps->in_funds = 0; return JX_OK; }
    int fund = -1;
    for (int c = 0; c < row->ncells && fund < 0; c++)
        if (row->cells[c][0]) fund = fund_label(bare_key(row, c));
    if (fund >= 0 && ps->in_funds) return fund_row(p, row, fund);
    if (ps->in_goal) {
        int labels = 0;
        for (int c = 0; c < row->ncells; c++)
            if (row->cells[c][0] && is_label(row, c) && strcmp(jx_row_key(row, c), "年度总体目标"))
                labels++;
        if (!labels) { goal_row(p, row); return JX_OK; }
        ps->in_goal = 0;
    }
    header_row(p, row);
    return st;
}

/* Free a row built here (cells, and the keys jx_row_key cached on it); the struct stays the caller's. */
static void aligned_free(jx_row *r)
{
    for (int c = 0; c < r->ncells; c++) free(r->cells[c]);
    free(r->cells);
    if (r->keys) {
        for (int c = 0; c < r->ncells; c++) free(r->keys[c]);
        free(r->keys);
    }
}

/* ------------------------------------------- layout-preserving lines */

/*
** In layout-preserving text (JX_FLOW_LINES: pdftotext -layout, the
** renderer's columns) a table row's cells stand side by side, blank cells
** leave nothing, and a cell too wide for its column is wrapped over several
** lines printed centred against its neighbours (above and below the line of
** the row's one-line cells). Each table is rebuilt as grid rows, then read
** as a grid (read_row):
**   1. Heading: a line with two heads of one table or more (年初预算数 |
**      全年预算数; 预期目标 | 实际完成情况; 一级指标 | 三级指标 …) and the lines
**      next to it that hold only pieces of heads (1-6月实际完 / 成值; 偏差原因
**      分析 above its category sub-heads 经费 / 保障) are the heading band.
**      Its pieces that overlap horizontally are one head, joined top to
**      bottom; a parent head over its sub-heads (偏差原因分析 over 经费保障 …)
**      is dropped, and so are the pieces left of the first known head (the
**      outer labels 项目资金（万元）, 绩效指标). The heads are the columns.
**   2. Each line below, up to the next heading, is put on those columns in
**      reading order: the order on a line is sure, positions are not (a
**      converter giving every character one column shifts what follows a
**      CJK text to the left). The cheapest monotone assignment of the line's
**      pieces to columns by horizontal distance wins; two pieces share a
**      column only when they are words one space apart (a figure never),
**      and a figure, a target value or a level term costs more in a column
**      of another kind.
**   3. Rows: a line with amounts (项目资金), or with a target, an actual
**      value or marks (indicators), is a row; a piece on a line that is none
**      belongs to the nearest row in its column (a wrapped cell's other
**      lines). Level cells (一级, 二级) are merged and printed centred on
**      their block: each level label starts the rows from the first one not
**      yet taken to the last one within its mirror (2p - start), and the
**      rows after that start carry it (read_row). Fund labels (年度资金总额 …)
**      stand left of every head; an outer label there (项目资金（万元）,
**      绩效指标, 年度总体目标: a cluster of its own) is dropped. The goal's
**      texts are one row.
** Positions are taken in two conventions, display width (jx_text_width: our
** renderer and the converters that pad to it) and one column per character
** (pdftotext -layout); each table is read in the one its assignment costs
** least in. Not read this way: a header field's value wrapped over lines.
*/

enum { LX_DISPLAY, LX_CHARS, LX_NCONV };
enum { T_NONE, T_MONEY, T_GOAL, T_INDICATORS };
/* Kinds of a column, for what a piece may be in it. */
enum { K_TEXT, K_LEVEL1, K_LEVEL2, K_NAME, K_VALUE, K_NUMBER };

/* Outer labels: a vertical or wrapped label left of a table, never a cell of it (keys). */
static const char *const outer_keys[] = {"项目资金(万元)", "项目资金(元)", "项目资金", "绩效指标",
                                         "年度总体目标", "绩效目标", NULL};

/* One text run of a layout-preserving line, where it stands in both conventions. */
typedef struct lpiece {
    const char *text;   /* the row's cell (the row owns it) */
    const char *key;    /* its label key (jx_row_key) */
    long line;
    int page;
    int x[LX_NCONV], w[LX_NCONV];
    int col;            /* column (-1 none, LP_LABEL the fund label, LP_DROP an outer label) */
    int anchor;         /* the row it belongs to (index into anchors), -1 none */
} lpiece;
#define LP_LABEL (-2)
#define LP_DROP (-3)

/* A column of a rebuilt table: its head and where it stands. */
typedef struct lcol { int x0, x1, kind; char *head; } lcol;

/* The pieces of a layout-preserving row; xs in display width, CHARS one column per character. */
static int row_pieces(const jx_row *row, lpiece *out, int cap)
{
    int n = 0, wide = 0;
    if (!row->xs) return 0;
    for (int c = 0; c < row->ncells && c < row->nxs; c++) {
        const char *s = row->cells[c];
        size_t len = strlen(s);
        int wd = jx_text_width(s, len, 0), wc = jx_text_chars(s, len);
        if (len && n < cap) {
            lpiece *q = &out[n++];
            memset(q, 0, sizeof *q);
            q->text = s;
            q->key = jx_row_key(row, c);
            q->line = row->line;
            q->page = row->page;
            q->x[LX_DISPLAY] = row->xs[c];
            q->w[LX_DISPLAY] = wd;
            q->x[LX_CHARS] = row->xs[c] - wide;
            q->w[LX_CHARS] = wc;
            q->col = -1;
            q->anchor = -1;
        }
        wide += wd - wc;
    }
    return n;
}

/* 1 when key is a head of any table of the part (money, goal, indicators, sub-heads). */
static int known_head(const char *key)
{
    if (money_head(key) >= 0 || indicator_head(key) >= 0 || cause_head(key) >= 0) return 1;
    for (int k = 0; k < NPOSSIBLE; k++) if (!strcmp(key, possibility_heads[k])) return 1;
    return key_listed(key, goal_target_keys) || key_listed(key, goal_actual_keys);
}

/* 1 when k occurs in a key of list (NULL-terminated). */
static int in_any(const char *k, const char *const *list)
{
    for (size_t i = 0; list[i]; i++) if (strstr(list[i], k)) return 1;
    return 0;
}

/*
** 1 when key is a piece of a head wrapped over lines (1-6月实际完, 成值, 经费,
** 保障), or with outer of an outer label (项目资 / 金（万, 绩效指 / 标).
*/
static int head_piece(const char *key, int outer)
{
    const char *k = key, *m;
    while ((m = strstr(k, "月")) != NULL) k = m + strlen("月");
    if (!*k) return k != key;
    for (size_t i = 0; i < sizeof money_heads / sizeof *money_heads; i++)
        if (strstr(money_heads[i].key, k)) return 1;
    for (size_t i = 0; i < sizeof indicator_heads / sizeof *indicator_heads; i++)
        if (strstr(indicator_heads[i].key, k)) return 1;
    for (size_t i = 0; i < sizeof cause_heads / sizeof *cause_heads; i++)
        if (strstr(cause_heads[i].key, k)) return 1;
    for (int i = 0; i < JX_CAUSE_COUNT; i++)
        if (strstr(jx_deviation_cause_label((jx_deviation_cause)i), k)) return 1;
    for (int i = 0; i < NPOSSIBLE; i++) if (strstr(possibility_heads[i], k)) return 1;
    return in_any(k, goal_target_keys) || in_any(k, goal_actual_keys) || (outer && in_any(k, outer_keys));
}

/* 1 when the row holds a header label (项目名称 …, alone or as 项目名称：…). */
static int header_line(const jx_row *row)
{
    for (int c = 0; c < row->ncells; c++) {
        if (!row->cells[c][0]) continue;
        if (header_field(jx_row_key(row, c)) != H_NONE) return 1;
        const char *colon = strstr(row->cells[c], "：");
        if (!colon) colon = strchr(row->cells[c], ':');
        if (colon && colon > row->cells[c]) {
            char *head = jx_strndup(row->cells[c], (size_t)(colon - row->cells[c]));
            char *hk = jx_text_key(head);
            int f = header_field(hk);
            free(hk);
            free(head);
            if (f != H_NONE) return 1;
        }
    }
    return 0;
}

/* The table whose heading line row is (two heads of it or more), T_NONE when it is none. */
static int heading_kind(const jx_row *row)
{
    int money = 0, ind = 0, names = 0, gt = 0, ga = 0;
    for (int c = 0; c < row->ncells; c++) {
        if (!row->cells[c][0]) continue;
        const char *k = jx_row_key(row, c);
        int h = indicator_head(k);
        money += money_head(k) >= 0;
        ind += h >= 0;
        names += h == I_L1 || h == I_NAME;
        gt += key_listed(k, goal_target_keys);
        ga += key_listed(k, goal_actual_keys);
    }
    if (header_line(row)) return T_NONE;
    if (names && ind >= 2) return T_INDICATORS;
    if (money >= 2) return T_MONEY;
    if (gt && ga) return T_GOAL;
    return T_NONE;
}

/*
** 1 when every piece of the row is a piece of a head (a line of a wrapped
** heading). Above a heading line (up) only pieces of two characters or more
** count, no outer labels: the last line of the table before it may be a
** wrapped label's tail (金 of 其他资金).
*/
static int head_piece_line(const jx_row *row, int up)
{
    int any = 0;
    for (int c = 0; c < row->ncells; c++) {
        if (!row->cells[c][0]) continue;
        const char *k = jx_row_key(row, c);
        if (!head_piece(k, !up) || (up && strlen(k) < 6)) return 0;
        any = 1;
    }
    return any && !header_line(row);
}

/* 1 when the cell is a figure: a number, an amount or a blank (—). */
static int figure(const char *s)
{
    jx_num n;
    long long fen;
    return key_listed(s, blanks) || (parse_num(s, &n) && n.has) || jx_money_parse(s, 10000, &fen);
}

/* 1 (level 1) or 2 (level 2) when text is a level term of a known framework, else 0. */
static int level_term(const char *text)
{
    char *core = jx_vocab_core(text);
    int level = 0;
    for (int k = 0; jx_vocab_framework(k) && !level; k++) {
        if (jx_vocab_level1(jx_vocab_framework(k), core)) level = 1;
        else if (jx_vocab_level2(jx_vocab_framework(k), core, NULL)) level = 2;
    }
    free(core);
    return level;
}

/* The column kind of a head of table t. */
static int column_kind(int t, const char *key)
{
    if (t == T_MONEY) return K_NUMBER;
    if (t != T_INDICATORS) return K_TEXT;
    switch (indicator_head(key)) {
    case I_L1: return K_LEVEL1;
    case I_L2: return K_LEVEL2;
    case I_NAME: return K_NAME;
    case I_TARGET: case I_ACTUAL: case I_EXPECTED: return K_VALUE;
    case I_MARKS: case I_SCORE: return K_NUMBER;
    default: return K_TEXT;
    }
}

/* What it costs to put piece q (class: figure, quantitative, level) in column c. */
static double place_cost(const lpiece *q, const lcol *c, int conv, int fig, int quant, int level)
{
    int a0 = q->x[conv], a1 = a0 + q->w[conv];
    int gap = c->x0 > a1 ? c->x0 - a1 : a0 > c->x1 ? a0 - c->x1 : 0;
    /* aligned left, centred or right: the nearest of the three */
    double centre = fabs((a0 + a1) / 2.0 - (c->x0 + c->x1) / 2.0);
    double left = abs(a0 - c->x0), right = abs(a1 - c->x1);
    /* far from every head (pushed right by an overflowing cell, shifted left by a
       converter): the order decides, not how far */
    double cost = (gap < 20 ? gap : 20) + 0.25 * fmin(fmin(centre, fmin(left, right)), 40);
    switch (c->kind) {
    case K_LEVEL1: cost += (quant || level == 2) ? 12 : level ? 0 : 3; break;
    case K_LEVEL2: cost += (quant || level == 1) ? 12 : level ? 0 : 3; break;
    case K_NAME: cost += (quant || level) ? 12 : 0; break;
    case K_VALUE: cost += level ? 12 : 0; break;
    case K_NUMBER: cost += fig ? 0 : 12; break;
    default: break;
    }
    return cost;
}

/* 1 when the byte sequence around a join is ASCII letters on both sides (English words). */
static int words_join(const char *left, const char *right)
{
    size_t n = strlen(left);
    return n && isalpha((unsigned char)left[n - 1]) && isalpha((unsigned char)right[0]);
}

/*
** Put the pieces q[0..n) of one line on the columns: the cheapest monotone
** assignment (dynamic programming over pieces and columns). Sets each
** piece's col; returns the cost.
*/
static double assign_line(lpiece *q, int n, const lcol *cols, int ncols, int conv)
{
    if (n <= 0 || ncols <= 0) return 0;
    double *dp = jx_xmalloc((size_t)n * (size_t)ncols * sizeof *dp);
    int *back = jx_xmalloc((size_t)n * (size_t)ncols * sizeof *back);
    for (int i = 0; i < n; i++) {
        jx_value v;
        jx_value_parse(q[i].text, &v);
        int fig = figure(q[i].text), quant = v.kind == JX_KIND_QUANTITATIVE, level = level_term(q[i].text);
        int gap = i ? q[i].x[conv] - (q[i - 1].x[conv] + q[i - 1].w[conv]) : 0;
        /* one space apart: the same cell's words in display width (the renderer pads cells two
           apart), only English words one column per character (pdftotext sets cells one apart) */
        double join = 40, apart = 0;
        if (i && gap <= 1 && conv == LX_DISPLAY && !(fig && figure(q[i - 1].text))) join = 0, apart = 40;
        else if (i && gap <= 1 && words_join(q[i - 1].text, q[i].text)) join = 1;
        else if (i && gap <= 1 && conv == LX_CHARS && isdigit((unsigned char)q[i - 1].text[strlen(q[i - 1].text) - 1]) &&
                 (unsigned char)q[i].text[0] >= 0xE0 && !figure(q[i].text))
            join = 2;   /* a figure and its unit the converter spaced apart (120 人) */
        double best_prev = 1e30;   /* min over columns before j of dp[i-1][k] */
        int best_k = -1;
        for (int j = 0; j < ncols; j++) {
            double here = place_cost(&q[i], &cols[j], conv, fig, quant, level);
            if (!i) {
                dp[j] = here;
                back[j] = -1;
                continue;
            }
            double same = dp[(size_t)(i - 1) * ncols + j] + join;
            double v1 = best_prev + apart, v2 = same;
            size_t at = (size_t)i * ncols + j;
            /* a piece joined to the one before is that cell's text: its place is paid */
            if (v1 + here <= v2) { dp[at] = v1 + here; back[at] = best_k; }
            else { dp[at] = v2; back[at] = j; }
            if (dp[(size_t)(i - 1) * ncols + j] < best_prev) {
                best_prev = dp[(size_t)(i - 1) * ncols + j];
                best_k = j;
            }
        }
    }
    int j = 0;
    for (int k = 1; k < ncols; k++)
        if (dp[(size_t)(n - 1) * ncols + k] < dp[(size_t)(n - 1) * ncols + j]) j = k;
    double cost = dp[(size_t)(n - 1) * ncols + j];
    for (int i = n - 1; i >= 0 && j >= 0; i--) {
        q[i].col = j;
        j = back[(size_t)i * ncols + j];
    }
    free(dp);
    free(back);
    return cost;
}

/*
** Append text to a cell being built: on the same line with a space (one
** column per character, a figure and the CJK unit after it keep none: the
** converter spaces a font change, 120 人), a wrapped line's continuation
** without one unless it joins words.
*/
static void cell_append(jx_buf *b, const char *text, int same_line, int conv)
{
    int unit = conv == LX_CHARS && b->len && isdigit((unsigned char)b->data[b->len - 1]) &&
               (unsigned char)text[0] >= 0xE0;
    if (b->len && ((same_line && !unit) || words_join(b->data, text))) jx_buf_putc(b, ' ');
    jx_buf_puts(b, text);
}

/* Union-find root. */
static int uf_root(int *up, int i)
{
    while (up[i] != i) i = up[i] = up[up[i]];
    return i;
}

/* 1 when two pieces overlap horizontally in convention conv. */
static int overlap(const lpiece *a, const lpiece *b, int conv)
{
    return a->x[conv] < b->x[conv] + b->w[conv] && b->x[conv] < a->x[conv] + a->w[conv];
}

/* 1 when b is the 月 a converter set one space after a's 1-6 in a head (1-6 月执行数). */
static int month_split(const lpiece *a, const lpiece *b, int conv)
{
    if (a->line != b->line) return 0;
    if (a->x[conv] > b->x[conv]) { const lpiece *t = a; a = b; b = t; }
    size_t n = strlen(a->text);
    return n && isdigit((unsigned char)a->text[n - 1]) && jx_starts_with(b->text, "月") &&
           b->x[conv] - (a->x[conv] + a->w[conv]) <= 1;
}

/* Pieces ordered by line, then position (for joining a cell's text top to bottom). */
static int by_line(const void *a, const void *b)
{
    const lpiece *x = *(const lpiece *const *)a, *y = *(const lpiece *const *)b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return (x->x[LX_DISPLAY] > y->x[LX_DISPLAY]) - (x->x[LX_DISPLAY] < y->x[LX_DISPLAY]);
}

/* The joined text (malloc'd) of pieces, sorted into by_line order. */
static char *join_pieces(lpiece **ps, int n, int conv)
{
    qsort(ps, (size_t)n, sizeof *ps, by_line);
    jx_buf b = {0};
    for (int i = 0; i < n; i++) cell_append(&b, ps[i]->text, i && ps[i]->line == ps[i - 1]->line, conv);
    return b.data ? jx_buf_take(&b) : jx_strdup("");
}

/*
** Amounts a converter printed without a space (25.5025.50: two cells of two
** decimals each) split in two pieces, in place; the new texts go to owned.
** Returns the new count (at most cap).
*/
static int split_glued(lpiece *q, int n, int cap, char **owned, int *nowned)
{
    for (int i = 0; i < n && n < cap; i++) {
        const char *s = q[i].text, *dot = strchr(s, '.'), *dot2 = dot ? strchr(dot + 1, '.') : NULL;
        if (!dot2 || strchr(dot2 + 1, '.') || !isdigit((unsigned char)s[0]) || strlen(dot2) != 3) continue;
        /* the second amount has two decimals; where the first ends is a choice: the cut
           giving two equal amounts (年初 = 全年预算: 25.525.50 is 25.5 (its 0 wrapped below)
           and 25.50), else the first of two decimals too (173.20173.20) */
        const char *cut = NULL;
        for (const char *c = dot + 2; c < dot2 && !cut; c++) {
            if (c[0] == '0' && c + 1 < dot2) continue;   /* no leading zero */
            char *first_part = jx_strndup(s, (size_t)(c - s));
            if (fabs(atof(first_part) - atof(c)) < 1e-9) cut = c;
            free(first_part);
        }
        if (!cut && dot2 - dot > 3) cut = dot + 3;
        if (!cut || !isdigit((unsigned char)dot[1]) || (cut[0] == '0' && cut + 1 < dot2)) continue;
        char *a = jx_strndup(s, (size_t)(cut - s)), *b = jx_strdup(cut);
        if (!figure(a) || !figure(b) || !isdigit((unsigned char)b[0])) { free(a); free(b); continue; }
        memmove(&q[i + 2], &q[i + 1], (size_t)(n - i - 1) * sizeof *q);
        q[i + 1] = q[i];
        q[i].text = owned[(*nowned)++] = a;
        q[i + 1].text = owned[(*nowned)++] = b;
        int la = jx_text_chars(a, strlen(a));
        for (int c = 0; c < LX_NCONV; c++) {
            q[i + 1].x[c] = q[i].x[c] + la;
            q[i + 1].w[c] = q[i].w[c] - la;
            q[i].w[c] = la;
        }
        q[i].key = q[i].text;
        q[i + 1].key = q[i + 1].text;
        n++;
        i++;
    }
    return n;
}

/* A rebuilt table: its grid rows (owned), each with its line, read in that order. */
typedef struct lout {
    jx_row *rows;
    size_t n, cap;
    double cost;        /* how badly the lines fit the columns */
    int centred;        /* evidence that wrapped cells are centred on their row (else top-aligned) */
} lout;

static void lout_push(lout *o, long line, int page, char **cells, int ncells)
{
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 16;
        o->rows = jx_xrealloc(o->rows, o->cap * sizeof *o->rows);
    }
    jx_row *r = &o->rows[o->n++];
    memset(r, 0, sizeof *r);
    r->line = line;
    r->page = page;
    r->cells = cells;
    r->ncells = ncells;
}

static void lout_free(lout *o)
{
    for (size_t i = 0; i < o->n; i++) aligned_free(&o->rows[i]);
    free(o->rows);
    memset(o, 0, sizeof *o);
}

/* Rows of the output in line order (the heading first; stable for rows of one line). */
static void lout_sort(lout *o)
{
    for (size_t i = 1; i < o->n; i++)
        for (size_t j = i; j > 1 && o->rows[j - 1].line > o->rows[j].line; j--) {
            jx_row t = o->rows[j];
            o->rows[j] = o->rows[j - 1];
            o->rows[j - 1] = t;
        }
}

/* A copy of a row's cells as a grid row of the output. */
static void lout_copy(lout *o, const jx_row *r)
{
    char **cells = jx_xmalloc((size_t)(r->ncells ? r->ncells : 1) * sizeof *cells);
    for (int c = 0; c < r->ncells; c++) cells[c] = jx_strdup(r->cells[c]);
    lout_push(o, r->line, r->page, cells, r->ncells);
}

/* A row (anchor) of a rebuilt table body. */
typedef struct lanchor { long line; int page; int total; } lanchor;

/* The anchor nearest to a piece on line/page (ties: the earlier), -1 when none. */
static int nearest_anchor(const lanchor *a, int na, long line, int page)
{
    int best = -1;
    long bd = 0;
    for (int k = 0; k < na; k++) {
        long d = labs(a[k].line - line) + (a[k].page != page ? 100000 : 0);
        if (best < 0 || d < bd) { best = k; bd = d; }
    }
    return best;
}

/* The last anchor at or above a piece (a top-aligned cell goes on below its row), else the nearest. */
static int anchor_above(const lanchor *a, int na, long line, int page)
{
    int best = -1;
    for (int k = 0; k < na; k++)
        if (a[k].page == page && a[k].line <= line) best = k;
    return best >= 0 ? best : nearest_anchor(a, na, line, page);
}

/*
** Table t of the part -- heading band rows [b0, b1], body rows (b1, end) --
** rebuilt in convention conv into o (see the top of this section): the
** heading row, a row per anchor, the body's header lines copied as they are.
*/
static void build_table(const part *p, int t, size_t b0, size_t b1, size_t end, int conv, int centred,
                        lout *o)
{
    const jx_row *rows = p->rows;
    /* 1. the heading band's pieces, clustered by horizontal overlap */
    size_t cap = 1;
    for (size_t r = b0; r < end; r++) cap += 2 * (size_t)rows[r].ncells;   /* glued figures split in two */
    char **owned = jx_xmalloc(cap * sizeof *owned);
    int nowned = 0;
    lpiece *all = jx_xmalloc(cap * sizeof *all);
    int nb = 0;
    for (size_t r = b0; r <= b1; r++) nb += row_pieces(&rows[r], all + nb, (int)cap - nb);
    int *up = jx_xmalloc(cap * sizeof *up);
    lpiece **grp = jx_xmalloc(cap * sizeof *grp);
    /* a parent head over sub-heads (偏差原因分析 over 经费保障 …) may overlap one of them:
       the sub-heads are found without the parents first */
    char *skip = jx_xcalloc((size_t)nb + 1, 1);
    for (int i = 0; i < nb; i++) {
        int h = indicator_head(all[i].key);
        skip[i] = h == I_REASON || h == I_POSSIBILITY;
    }
    int ncause = 0, nposs = 0;
    long sub_top = 1L << 40;
    lcol *cols = NULL;
    long *top = NULL, *bottom = NULL;
    int ncols = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < nb; i++) up[i] = i;
        for (int i = 0; i < nb; i++)
            for (int j = i + 1; j < nb; j++)
                if (!skip[i] && !skip[j] && (overlap(&all[i], &all[j], conv) || month_split(&all[i], &all[j], conv)))
                    up[uf_root(up, i)] = uf_root(up, j);
        for (int j = 0; j < ncols; j++) free(cols[j].head);
        free(cols);
        free(top);
        free(bottom);
        cols = jx_xcalloc((size_t)nb + 1, sizeof *cols);
        top = jx_xcalloc((size_t)nb + 1, sizeof *top);
        bottom = jx_xcalloc((size_t)nb + 1, sizeof *bottom);
        ncols = 0;
        for (int i = 0; i < nb; i++) {
            if (uf_root(up, i) != i || (pass == 0 && skip[i]) || skip[i] == 2) continue;
            int n = 0, x0 = 1 << 30, x1 = -1;
            for (int j = 0; j < nb; j++)
                if (uf_root(up, j) == i) {
                    grp[n++] = &all[j];
                    if (all[j].x[conv] < x0) x0 = all[j].x[conv];
                    if (all[j].x[conv] + all[j].w[conv] > x1) x1 = all[j].x[conv] + all[j].w[conv];
                }
            char *head = join_pieces(grp, n, LX_DISPLAY);   /* sorted by line now */
            if (pass == 1)
                for (int j = 1; j < n; j++)
                    if (grp[j]->line == grp[j - 1]->line) o->cost += 50;   /* two heads taken for one */
            top[ncols] = grp[0]->line;
            bottom[ncols] = grp[n - 1]->line;
            cols[ncols++] = (lcol){x0, x1, K_TEXT, head};
        }
        if (pass == 1) break;
        /* the sub-heads; a parent above two of them or more is no column */
        for (int j = 0; j < ncols; j++) {
            char *k = jx_text_key(cols[j].head);
            int poss = 0;
            for (int q = 0; q < NPOSSIBLE; q++) poss |= !strcmp(k, possibility_heads[q]);
            if (cause_head(k) >= 0 || poss) {
                ncause += !poss;
                nposs += poss;
                if (top[j] < sub_top) sub_top = top[j];
            }
            free(k);
        }
        for (int i = 0; i < nb; i++) {
            int h = indicator_head(all[i].key);
            if (!skip[i]) continue;
            int parent = ((ncause >= 2 && h == I_REASON) || (nposs >= 2 && h == I_POSSIBILITY)) &&
                         all[i].line < sub_top;
            skip[i] = parent ? 2 : 0;
        }
        for (int i = 0; i < nb; i++) if (skip[i] != 2) skip[i] = 0;
    }
    /* after the pass-2 clustering skip[] is 2 for dropped parents (kept apart as singletons) */
    /* by position (insertion sort: few columns) */
    for (int i = 1; i < ncols; i++)
        for (int j = i; j > 0 && cols[j - 1].x0 > cols[j].x0; j--) {
            lcol c = cols[j]; cols[j] = cols[j - 1]; cols[j - 1] = c;
        }
    /* outer labels left of the first known head are no columns */
    int kept = 0, seen_known = 0, nouter = 0, outer_x[8][2];
    for (int j = 0; j < ncols; j++) {
        char *key = jx_text_key(cols[j].head);
        int known = known_head(key);
        if (!seen_known && !known) {
            /* an outer label: where it stands, its tail below in the body is one too */
            if (nouter < 8) outer_x[nouter][0] = cols[j].x0, outer_x[nouter++][1] = cols[j].x1;
            free(cols[j].head);
            free(key);
            continue;
        }
        if (!known) o->cost += 10;
        seen_known = 1;
        cols[j].kind = column_kind(t, key);
        free(key);
        cols[kept++] = cols[j];
    }
    ncols = kept;
    free(skip);
    char **hc = jx_xmalloc((size_t)(ncols + 1) * sizeof *hc);
    hc[0] = jx_strdup("");
    for (int j = 0; j < ncols; j++) hc[j + 1] = jx_strdup(cols[j].head);
    lout_push(o, rows[b0].line, rows[b0].page, hc, ncols + 1);

    /* 2. the body's lines: pieces, labels on the left, the rest put on the columns */
    size_t nrows = end > b1 + 1 ? end - b1 - 1 : 0;
    int *first = jx_xcalloc(nrows + 1, sizeof *first), *count = jx_xcalloc(nrows + 1, sizeof *count);
    int na = 0, after_total = 0, *is_anchor = jx_xcalloc(nrows + 1, sizeof *is_anchor);
    lanchor *anchors = jx_xcalloc(nrows + 1, sizeof *anchors);
    int n = nb;
    for (size_t r = 0; r < nrows; r++) {
        const jx_row *row = &rows[b1 + 1 + r];
        first[r] = n;
        if (!jx_row_filled(row)) continue;
        if (after_total || header_line(row) || !row->xs) {
            lout_copy(o, row);
            continue;
        }
        count[r] = row_pieces(row, all + n, (int)cap - n);
        lpiece *q = all + n;
        if (t == T_MONEY) count[r] = split_glued(q, count[r], (int)cap - n, owned, &nowned);
        int k = 0;
        if (t == T_INDICATORS && count[r] && key_listed(q[0].key, total_keys)) {
            q[0].col = LP_LABEL;
            is_anchor[r] = 2;
            after_total = 1;
            k = 1;
        } else if (t == T_MONEY) {
            /* the fund labels, before the first head (a wrapped % after a rate is no label) */
            for (; k < count[r] && !figure(q[k].text) && (!ncols || q[k].x[conv] < cols[0].x0); k++)
                q[k].col = LP_LABEL;
        } else if (ncols) {
            for (; k < count[r] && q[k].x[conv] + q[k].w[conv] <= cols[0].x0; k++) q[k].col = LP_LABEL;
        }
        n += count[r];
    }
    /* the labels on the left: an outer label's cluster is dropped; outside 项目资金 the rest are cells */
    int nl = 0;
    for (size_t r = 0; r < nrows; r++)
        for (int i = first[r] + (is_anchor[r] == 2); i < first[r] + count[r]; i++)
            if (all[i].col == LP_LABEL) grp[nl++] = &all[i];
    for (int i = 0; i < nl; i++) up[i] = i;
    for (int i = 0; i < nl; i++)
        for (int j = i + 1; j < nl; j++)
            if (overlap(grp[i], grp[j], conv)) up[uf_root(up, i)] = uf_root(up, j);
    lpiece **g2 = jx_xmalloc(((size_t)nl + 1) * sizeof *g2);
    for (int i = 0; i < nl; i++) {
        if (uf_root(up, i) != i) continue;
        int m = 0;
        for (int j = 0; j < nl; j++) if (uf_root(up, j) == i) g2[m++] = grp[j];
        char *text = join_pieces(g2, m, conv), *key = jx_text_key(text);
        int outer = 0, x0 = 1 << 30, x1 = -1;
        for (int k = 0; outer_keys[k]; k++)
            outer |= jx_starts_with(key, outer_keys[k]) || (strlen(key) >= 6 && strstr(outer_keys[k], key));
        for (int j = 0; j < m; j++) {
            if (g2[j]->x[conv] < x0) x0 = g2[j]->x[conv];
            if (g2[j]->x[conv] + g2[j]->w[conv] > x1) x1 = g2[j]->x[conv] + g2[j]->w[conv];
        }
        for (int k = 0; k < nouter && !outer; k++) outer = x0 < outer_x[k][1] && outer_x[k][0] < x1;
        /* 项目资金: the fund labels are the column nearest the amounts; anything left of them outer */
        for (int j = 0; t == T_MONEY && j < nl && !outer; j++)
            if (uf_root(up, j) != i && grp[j]->x[conv] >= x1) outer = 1;
        for (int j = 0; j < m; j++) g2[j]->col = outer ? LP_DROP : t == T_MONEY ? LP_LABEL : -1;
        free(text);
        free(key);
    }
    free(g2);
    /* each line's other pieces on the columns; the rows (anchors) */
    lpiece *tmp = jx_xmalloc(cap * sizeof *tmp);
    for (size_t r = 0; r < nrows; r++) {
        lpiece *q = all + first[r];
        int m = 0;
        for (int i = 0; i < count[r]; i++) if (q[i].col == -1) tmp[m++] = q[i];
        o->cost += assign_line(tmp, m, cols, ncols, conv);
        for (int i = 0, k = 0; i < count[r]; i++) if (q[i].col == -1) q[i].col = tmp[k++].col;
        int labels = 0, figs = 0, values = 0;
        for (int i = 0; i < count[r]; i++) {
            if (q[i].col == LP_LABEL) labels++;
            if (q[i].col < 0) continue;
            figs += figure(q[i].text);
            values += cols[q[i].col].kind == K_VALUE || cols[q[i].col].kind == K_NUMBER;
        }
        if (!count[r]) continue;
        int nlab_first = 0;   /* pieces in the level or name columns: a row of its own begins */
        for (int i = 0; i < count[r]; i++)
            if (q[i].col >= 0 && (cols[q[i].col].kind == K_LEVEL1 || cols[q[i].col].kind == K_LEVEL2 ||
                                  cols[q[i].col].kind == K_NAME))
                nlab_first++;
        /* an indicator row top-aligned begins with its name or level (the lines below only
           continue its cells: ≥100 / 人次) */
        if (is_anchor[r] != 2)
            is_anchor[r] = t == T_MONEY ? (labels && figs) || figs >= 2
                         : t == T_INDICATORS ? values > 0 && (centred || nlab_first > 0)
                                             : na == 0;
        /* top-aligned: a row the converter split over two lines (年度资 25.50 / 25.50 6.00 23.53):
           the second, right below, fills only columns the first left empty */
        if (is_anchor[r] == 1 && !centred && na && !labels && !nlab_first && r > 0 &&
            q[0].line == anchors[na - 1].line + 1) {
            int clash = 0;
            for (int i = 0; i < count[r] && !clash; i++) {
                if (q[i].col < 0) continue;
                for (int k = 0; k < n; k++)
                    if (all[k].line == anchors[na - 1].line && all[k].col == q[i].col) { clash = 1; break; }
            }
            if (!clash) is_anchor[r] = 0;
        }
        if (!na && !is_anchor[r] && t != T_GOAL) {
            /* a wrapped cell begun above the first row: centred */
            for (int i = 0; i < count[r]; i++) if (q[i].col != LP_DROP) o->centred = 1;
        }
        if (is_anchor[r]) anchors[na++] = (lanchor){q[0].line, q[0].page, is_anchor[r] == 2};
    }
    free(tmp);
    /* a line of values alone between two lines of a name's pieces: the name is centred on it
       (top-aligned, a row's first line holds its name) */
    for (size_t r = 1; r + 1 < nrows && t == T_INDICATORS && !o->centred; r++) {
        int kinds[3][2] = {{0, 0}, {0, 0}, {0, 0}};   /* per line: name pieces, value pieces */
        long lines[3];
        for (int d = 0; d < 3; d++) {
            lpiece *q = all + first[r - 1 + d];
            lines[d] = count[r - 1 + d] ? q[0].line : -10;
            for (int i = 0; i < count[r - 1 + d]; i++) {
                if (q[i].col < 0) continue;
                kinds[d][0] += cols[q[i].col].kind == K_NAME;
                kinds[d][1] += cols[q[i].col].kind == K_VALUE || cols[q[i].col].kind == K_NUMBER;
            }
        }
        if (lines[0] + 1 == lines[1] && lines[1] + 1 == lines[2] && kinds[0][0] && !kinds[0][1] &&
            !kinds[1][0] && kinds[1][1] && kinds[2][0] && !kinds[2][1])
            o->centred = 1;
    }
    /* centred cells leave pieces above a row, in a column its own line leaves empty, and more
       of the same cell below it (指导督促区工作协调机 / 90% 92% / 构工作完成率) */
    for (int i = nb; i < n && !o->centred && t == T_INDICATORS; i++) {
        const lpiece *x = &all[i];
        if (x->col < 0 || cols[x->col].kind == K_LEVEL1 || cols[x->col].kind == K_LEVEL2) continue;
        int below = -1;
        for (int a = 0; a < na && below < 0; a++) if (anchors[a].line > x->line) below = a;
        if (below < 0 || anchors[below].page != x->page) continue;
        long up_line = below ? anchors[below - 1].line : -100000;
        if (x->line == up_line || anchors[below].line - x->line >= x->line - up_line) continue;
        long next = below + 1 < na ? anchors[below + 1].line : 1L << 40;
        int on_row = 0, after = 0;
        for (int k = nb; k < n; k++) {
            if (all[k].col != x->col) continue;
            on_row |= all[k].line == anchors[below].line;
            after |= all[k].line > anchors[below].line && all[k].line < next;
        }
        if (!on_row && after) o->centred = 1;
    }
    /* a wrapped level label's tail set under the name (产出指 / 标, the columns shifted): the
       level cell of its row it completes to a term */
    for (int i = nb; i < n && t == T_INDICATORS; i++) {
        lpiece *x = &all[i];
        if (x->col < 0 || cols[x->col].kind == K_LEVEL1 || cols[x->col].kind == K_LEVEL2) continue;
        int on_anchor = 0;
        for (int a = 0; a < na && !on_anchor; a++) on_anchor = anchors[a].line == x->line;
        if (on_anchor) continue;
        int a = centred ? nearest_anchor(anchors, na, x->line, x->page) : anchor_above(anchors, na, x->line, x->page);
        if (a < 0) continue;
        for (int k = nb; k < n; k++) {
            lpiece *l = &all[k];
            if (l->line > x->line || l->col < 0 || (cols[l->col].kind != K_LEVEL1 && cols[l->col].kind != K_LEVEL2))
                continue;
            if (l->line < anchors[a].line || level_term(l->text)) continue;
            jx_buf b = {0};
            jx_buf_printf(&b, "%s%s", l->text, x->text);
            if (level_term(b.data)) x->col = l->col;
            jx_buf_free(&b);
            if (x->col == l->col) break;
        }
    }
    /* 3. every piece to its row; the level labels by their blocks */
    int nlevel_rows = na;
    for (int a = 0; a < na; a++) if (anchors[a].total) { nlevel_rows = a; break; }
    char **level = jx_xcalloc((size_t)na * (size_t)(ncols + 1) + 1, sizeof *level);
    for (int j = 0; j < ncols; j++) {
        if (cols[j].kind != K_LEVEL1 && cols[j].kind != K_LEVEL2) continue;
        int m = 0;
        for (int i = nb; i < n; i++) if (all[i].col == j) grp[m++] = &all[i];
        qsort(grp, (size_t)m, sizeof *grp, by_line);
        /* the labels: pieces of one wrapped label joined (服务对象满意 / 度指标) */
        char **label = jx_xcalloc((size_t)m + 1, sizeof *label);
        double *pos = jx_xcalloc((size_t)m + 1, sizeof *pos);
        int nlab = 0, all_on_rows = 1;
        for (int i = 0; i < m;) {
            jx_buf b = {0};
            jx_buf_puts(&b, grp[i]->text);
            double sum = (double)grp[i]->line, first_line = (double)grp[i]->line;
            int cnt = 1;
            long last = grp[i]->line;
            while (i + 1 < m && grp[i + 1]->line - last <= 2 && !level_term(grp[i + 1]->text)) {
                jx_buf joined = {0};
                jx_buf_printf(&joined, "%s%s", b.data, grp[i + 1]->text);
                int ok = level_term(joined.data) || !level_term(b.data);
                if (ok) { jx_buf_free(&b); b = joined; last = grp[++i]->line; sum += (double)last; cnt++; }
                else { jx_buf_free(&joined); break; }
            }
            i++;
            pos[nlab] = centred ? sum / cnt : first_line;
            label[nlab++] = jx_buf_take(&b);
            int on = 0;
            for (int a = 0; a < nlevel_rows && !on; a++) on = (double)anchors[a].line == pos[nlab - 1];
            all_on_rows &= on;
        }
        /* printed at the top of their blocks (every label on a row's line, the first on the
           first row's: the renderer) or centred on them (a PDF's merged cell) */
        int at_top = !centred || (nlab && nlevel_rows && all_on_rows && pos[0] == (double)anchors[0].line);
        int s = 0;
        for (int l = 0; l < nlab; l++) {
            if (at_top)   /* the row at or above the label's first line */
                while (s + 1 < nlevel_rows && (double)anchors[s + 1].line <= pos[l]) s++;
            if (s >= nlevel_rows) {
                char **slot = nlevel_rows ? &level[(size_t)(nlevel_rows - 1) * (size_t)ncols + (size_t)j] : NULL;
                if (slot && !*slot) { *slot = label[l]; label[l] = NULL; }
                continue;
            }
            int z = s;
            double lim = at_top ? (double)anchors[s].line : 2 * pos[l] - (double)anchors[s].line;
            while (z + 1 < nlevel_rows && (double)anchors[z + 1].line <= lim) z++;
            char **slot = &level[(size_t)s * (size_t)ncols + (size_t)j];
            if (!*slot) { *slot = label[l]; label[l] = NULL; }
            s = z + 1;
        }
        for (int l = 0; l < nlab; l++) free(label[l]);
        free(label);
        free(pos);
    }
    for (int a = 0; a < na; a++) {
        char **cells = jx_xmalloc((size_t)(ncols + 1) * sizeof *cells);
        for (int j = -1; j < ncols; j++) {
            int m = 0;
            char *lv = j >= 0 ? level[(size_t)a * (size_t)ncols + (size_t)j] : NULL;
            if (lv) { cells[j + 1] = lv; continue; }
            for (int i = nb; i < n; i++) {
                lpiece *q = &all[i];
                int col = q->col == LP_LABEL ? -1 : q->col;
                if (q->col == LP_DROP || q->col == -1 || col != j) continue;
                if (j >= 0 && (cols[j].kind == K_LEVEL1 || cols[j].kind == K_LEVEL2)) continue;
                int at = t == T_GOAL ? 0 : centred ? nearest_anchor(anchors, na, q->line, q->page)
                                                 : anchor_above(anchors, na, q->line, q->page);
                if (at == a) grp[m++] = q;
            }
            cells[j + 1] = join_pieces(grp, m, conv);
        }
        lout_push(o, anchors[a].line, anchors[a].page, cells, ncols + 1);
    }
    free(level);
    lout_sort(o);
    for (int j = 0; j < ncols; j++) free(cols[j].head);
    free(cols);
    free(top);
    free(bottom);
    free(grp);
    free(up);
    free(all);
    for (int i = 0; i < nowned; i++) free(owned[i]);
    free(owned);
    free(first);
    free(count);
    free(is_anchor);
    free(anchors);
}

/*
** The table whose heading starts at row i of the part wrapped over the lines
** below it (一级指 / 标, 全年目 / 标值: no line holds two whole heads), T_NONE
** when it is none: the heads rebuilt from the band (pieces overlapping
** horizontally, in either convention) must make a heading line.
*/
static int wrapped_heading_kind(const part *p, size_t i)
{
    size_t z = i;
    int pieces = 0;
    for (int c = 0; c < p->rows[i].ncells; c++) pieces += head_piece(jx_row_key(&p->rows[i], c), 1);
    if (pieces < 2) return T_NONE;
    while (z + 1 < p->n && z - i < 4 && head_piece_line(&p->rows[z + 1], 0) &&
           p->rows[z + 1].page == p->rows[i].page && p->rows[z + 1].line - p->rows[z].line <= 2)
        z++;
    if (z == i) return T_NONE;
    size_t cap = 1;
    for (size_t r = i; r <= z; r++) cap += (size_t)p->rows[r].ncells;
    lpiece *q = jx_xmalloc(cap * sizeof *q);
    lpiece **grp = jx_xmalloc(cap * sizeof *grp);
    int *up = jx_xmalloc(cap * sizeof *up);
    int n = 0, kind = T_NONE;
    for (size_t r = i; r <= z; r++) n += row_pieces(&p->rows[r], q + n, (int)cap - n);
    for (int conv = 0; conv < LX_NCONV && kind == T_NONE; conv++) {
        for (int a = 0; a < n; a++) up[a] = a;
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++)
                if (overlap(&q[a], &q[b], conv)) up[uf_root(up, a)] = uf_root(up, b);
        char **cells = jx_xcalloc((size_t)n + 1, sizeof *cells);
        int nc = 0;
        for (int a = 0; a < n; a++) {
            if (uf_root(up, a) != a) continue;
            int m = 0;
            for (int b = 0; b < n; b++) if (uf_root(up, b) == a) grp[m++] = &q[b];
            cells[nc++] = join_pieces(grp, m, LX_DISPLAY);
        }
        jx_row head = {.line = p->rows[i].line, .cells = cells, .ncells = nc};
        kind = heading_kind(&head);
        aligned_free(&head);
    }
    free(q);
    free(grp);
    free(up);
    return kind;
}

/*
** Row i of the part with its header labels wrapped onto the next line put
** back together (项目名 / 称, 主管部 … 实施单 / 门 … 位): into *out (free with
** aligned_free) and 1 when the next line holds exactly the missing tails of
** the row's label heads, in order; 0 otherwise.
*/
static int header_unwrapped(const part *p, size_t i, jx_row *out)
{
    const jx_row *r = &p->rows[i], *next = i + 1 < p->n ? &p->rows[i + 1] : NULL;
    if (!next || next->line != r->line + 1 || next->page != r->page || header_line(r)) return 0;
    int heads[64], nh = 0, nt = 0;
    for (int c = 0; c < r->ncells && nh < 64; c++) {
        const char *k = jx_row_key(r, c);
        if (!k[0]) continue;
        for (size_t h = 0; h < sizeof header_labels / sizeof *header_labels; h++)
            if (jx_starts_with(header_labels[h].key, k) && strcmp(header_labels[h].key, k)) { heads[nh++] = c; break; }
    }
    for (int c = 0; c < next->ncells; c++) nt += next->cells[c][0] != 0;
    if (!nh || nt != nh) return 0;
    char **cells = jx_xmalloc((size_t)r->ncells * sizeof *cells);
    for (int c = 0; c < r->ncells; c++) cells[c] = jx_strdup(r->cells[c]);
    int h = 0, ok = 1;
    for (int c = 0; c < next->ncells && ok; c++) {
        if (!next->cells[c][0]) continue;
        jx_buf b = {0};
        jx_buf_printf(&b, "%s%s", r->cells[heads[h]], next->cells[c]);
        char *k = jx_text_key(b.data);
        ok = header_field(k) != H_NONE;
        free(k);
        free(cells[heads[h]]);
        cells[heads[h++]] = jx_buf_take(&b);
    }
    memset(out, 0, sizeof *out);
    out->line = r->line;
    out->page = r->page;
    out->cells = cells;
    out->ncells = r->ncells;
    if (!ok) { aligned_free(out); return 0; }
    return 1;
}

/*
** A part of layout-preserving lines: the rows outside tables read as they
** are, each table (a heading band and the lines up to the next one)
** rebuilt by build_table in both conventions; the convention whose tables
** cost least in all is the part's.
*/
static jx_status read_lines_part(part *p, pstate *ps)
{
    size_t n = p->n, nt = 0, floor = 1;
    size_t *b0 = jx_xmalloc((n + 1) * sizeof *b0), *b1 = jx_xmalloc((n + 1) * sizeof *b1);
    int *kind = jx_xmalloc((n + 1) * sizeof *kind);
    for (size_t i = 1; i < n; i++) {
        const jx_row *r = &p->rows[i];
        int t = r->xs && jx_row_filled(r) ? heading_kind(r) : T_NONE;
        int wrapped = 0;
        if (t == T_NONE && r->xs && jx_row_filled(r) >= 2) wrapped = (t = wrapped_heading_kind(p, i)) != T_NONE;
        if (t == T_NONE) continue;
        size_t a = i, z = i;
        while (a > floor && head_piece_line(&p->rows[a - 1], 1) && p->rows[a - 1].page == r->page &&
               p->rows[a].line - p->rows[a - 1].line <= 5)
            a--;
        while (z + 1 < n && head_piece_line(&p->rows[z + 1], 0) &&
               (wrapped || heading_kind(&p->rows[z + 1]) == T_NONE) &&
               p->rows[z + 1].page == r->page && p->rows[z + 1].line - p->rows[z].line <= 2)
            z++;
        b0[nt] = a;
        b1[nt] = z;
        kind[nt++] = t;
        floor = z + 1;
        i = z;
    }
    /* every table in both conventions: the part is one converter's, the cheaper reads; its
       cells top-aligned unless a table shows them centred (then built again so) */
    lout *built[LX_NCONV];
    double total[LX_NCONV] = {0, 0};
    int centred[LX_NCONV] = {0, 0};
    for (int conv = 0; conv < LX_NCONV; conv++) {
        built[conv] = jx_xcalloc(nt + 1, sizeof **built);
        for (size_t k = 0; k < nt; k++) {
            size_t end = k + 1 < nt ? b0[k + 1] : n;
            build_table(p, kind[k], b0[k], b1[k], end, conv, 0, &built[conv][k]);
            total[conv] += built[conv][k].cost;
            centred[conv] |= built[conv][k].centred;
        }
    }
    int conv = total[LX_CHARS] < total[LX_DISPLAY] ? LX_CHARS : LX_DISPLAY;
    for (size_t k = 0; k < nt && centred[conv]; k++) {
        size_t end = k + 1 < nt ? b0[k + 1] : n;
        lout_free(&built[conv][k]);
        build_table(p, kind[k], b0[k], b1[k], end, conv, 1, &built[conv][k]);
    }
    jx_status st = JX_OK;
    size_t i = 1;
    for (size_t k = 0; st == JX_OK; k++) {
        size_t upto = k < nt ? b0[k] : n;
        for (; i < upto && st == JX_OK; i++) {
            if (!jx_row_filled(&p->rows[i])) continue;
            jx_row joined;
            if (i + 1 < upto && header_unwrapped(p, i, &joined)) {
                st = read_row(p, &joined, ps);
                aligned_free(&joined);
                i++;
            } else {
                st = read_row(p, &p->rows[i], ps);
            }
        }
        if (k >= nt || st != JX_OK) break;
        for (size_t r = 0; r < built[conv][k].n && st == JX_OK; r++) st = read_row(p, &built[conv][k].rows[r], ps);
        i = k + 1 < nt ? b0[k + 1] : n;
    }
    for (int c = 0; c < LX_NCONV; c++) {
        for (size_t k = 0; k < nt; k++) lout_free(&built[c][k]);
        free(built[c]);
    }
    free(b0);
    free(b1);
    free(kind);
    return st;
}

/* ------------------------------------------------ one text run per line */

/*
** In one-run-per-line text (JX_FLOW_RUNS: each cell a line of its own, as
** some converters leave a table; blank cells leave nothing) the cells come
** in reading order, row after row. A part is read as a stream of runs and
** put back into grid rows by what each run is, never by where it stands:
**   - a header label (项目名称 …) takes the next run that is no label;
**   - a run of heads (年初预算数 全年预算数 … / 预期目标 实际完成情况 / 一级指标
**     … 得分 …) is a table's heading, its columns in that order;
**   - 项目资金: a fund label (年度资金总额 …) and the figures after it, in
**     column order;
**   - 年度总体目标: the first text under 预期目标, the rest under 实际完成情况;
**   - indicators: a row is [一级 term] [二级 term] name, then a run for each
**     target or actual column, a figure for 分值/得分, the answer for 完成目标
**     可能性 (确定能 …); a text column that may be blank (偏差原因, 纠偏措施)
**     takes the next run unless that run begins the next row (a level term,
**     总分, or a name followed by runs that fit the row's columns);
**   - 总分 and the figures after it.
** The usual 监控表's sub-heads (偏差原因分析 by category, 完成目标可能性 by
** answer: a heading line of their own under the merged parents) take their
** parent's place in the columns, in their order (sub_heads). Which category
** a text stands under is kept only where the converter writes a blank cell
** as a blank line (LibreOffice's and Word's text export: each cell a line,
** a cell covered by a vertical merge a blank line too): there the row's
** cells after its name are put on the columns by their line's distance from
** the name's (blank_cells). Where blank cells leave nothing, the category is
** lost with its column. Not read this way: a cell wrapped over several runs.
*/

/* One run: a row's cells joined (a run holding spaces was split into cells by the reader). */
typedef struct lrun { char *text; char *key; long line; int page; } lrun;

static int is_possibility(const char *key)
{
    for (int k = 0; k < NPOSSIBLE; k++) if (!strcmp(key, possibility_heads[k])) return 1;
    return 0;
}

/* A grid row of ncells cells (owned, free with aligned_free) at line. */
static jx_row grid_row(char **cells, int ncells, long line, int page)
{
    jx_row r;
    memset(&r, 0, sizeof r);
    r.cells = cells;
    r.ncells = ncells;
    r.line = line;
    r.page = page;
    return r;
}

/* Read the synthetic row and free it. */
static jx_status read_built(part *p, pstate *ps, jx_row *r)
{
    jx_status st = read_row(p, r, ps);
    aligned_free(r);
    return st;
}

/* n empty cells. */
static char **empty_cells(int n)
{
    char **c = jx_xmalloc((size_t)(n ? n : 1) * sizeof *c);
    for (int i = 0; i < n; i++) c[i] = jx_strdup("");
    return c;
}

/* 1 when text is a level-2 term under the level 1 l1 in a known framework (成本指标 under 产出指标). */
static int level2_under(const char *text, const char *l1)
{
    if (!l1) return 0;
    char *core = jx_vocab_core(text), *parent = jx_vocab_core(l1);
    int yes = 0;
    for (int k = 0; jx_vocab_framework(k) && !yes; k++) yes = jx_vocab_level2(jx_vocab_framework(k), core, parent) != NULL;
    free(core);
    free(parent);
    return yes;
}

/* The level of a run by the vocabulary (level_term), 0 when none. */
static int run_level(const lrun *r)
{
    return level_term(r->text);
}

/*
** 1 when a run may be a level label of a framework the vocabulary does not
** hold (运行效益指标: short, ending in 指标, no figure); whether it is one or a
** name (新增考核指标) the runs after it decide (row_fits).
*/
static int level_like(const lrun *r)
{
    size_t n = strlen(r->key);
    for (const char *s = r->key; *s; s++) if (isdigit((unsigned char)*s)) return 0;
    return n > strlen("指标") && n <= 30 && jx_ends_with(r->key, "指标");
}

/* 1 when a run begins an indicator row or ends the table. */
static int row_start(const lrun *r)
{
    return run_level(r) || key_listed(r->key, total_keys);
}

/*
** 1 when the runs from j on fit an indicator row of the columns kinds[]
** (starting after the name column at index name_col): a name at j, then
** for each column one run, figures where numbers stand, the answer where
** 完成目标可能性 stands (a blank text column before it may be missing).
*/
static int row_fits(const lrun *runs, size_t n, size_t j, const int *heads, int ncols, int name_col)
{
    if (j >= n || row_start(&runs[j])) return 0;
    size_t k = j + 1;
    for (int c = name_col + 1; c < ncols; c++) {
        int h = heads[c];
        if (h == I_REASON || h == I_CORRECTION || h < 0) continue;   /* may be blank */
        if (k >= n) return 0;
        if (h == I_MARKS || h == I_SCORE) {
            if (!figure(runs[k].text) || strchr(runs[k].text, '%')) return 0;   /* marks, not a rate */
        } else if (h == I_POSSIBILITY) {
            if (!is_possibility(runs[k].key) && !(k + 1 < n && is_possibility(runs[k + 1].key))) return 0;
            if (!is_possibility(runs[k].key)) k++;
        } else if (row_start(&runs[k])) {
            return 0;
        }
        k++;
    }
    return 1;
}

/* 1 when key is a sub-head of the usual 监控表 (a 偏差原因 category or an answer to 完成目标可能性). */
static int sub_head(const char *key)
{
    return cause_head(key) >= 0 || is_possibility(key);
}

/* Heads of a column that nothing reads (备注): kept in a heading of runs for its place. */
static const char *const note_heads[] = {"备注", "说明", NULL};

/*
** The columns of a heading in data order from its main heads (main[0..nm))
** and the sub-heads read under them (sub[0..ns)): the categories take the
** place of 偏差原因分析, the answers that of 完成目标可能性, each in the
** order read; sub-heads whose parent is missing follow the last column.
** Pointers are copied into out (room for nm + ns), none owned; the count.
*/
static int sub_heads(const lrun *const *main, int nm, const lrun *const *sub, int ns, const lrun **out)
{
    int n = 0, causes = 0, used[64] = {0};
    for (int k = 0; k < ns; k++) causes += cause_head(sub[k]->key) >= 0;
    for (int m = 0; m < nm; m++) {
        int h = indicator_head(main[m]->key);
        int want = h == I_REASON && causes ? 1 : h == I_POSSIBILITY && ns > causes ? 2 : 0;
        if (!want) { out[n++] = main[m]; continue; }
        for (int k = 0; k < ns && k < 64; k++)
            if (!used[k] && (want == 1) == (cause_head(sub[k]->key) >= 0)) { out[n++] = sub[k]; used[k] = 1; }
    }
    for (int k = 0; k < ns && k < 64; k++) if (!used[k]) out[n++] = sub[k];
    return n;
}

/*
** 1 when the text writes a blank cell as a blank line, told by the heading:
** the sub-heads' row begins with the cells the merged heads above cover
** (一级指标 … 全年预计完成情况), so its first sub-head (runs[sub]) stands
** lines below the run before it.
*/
static int blank_cells(const lrun *runs, size_t sub)
{
    return sub > 0 && runs[sub].page == runs[sub - 1].page && runs[sub].line - runs[sub - 1].line > 1;
}

static jx_status read_runs_part(part *p, pstate *ps)
{
    size_t n = 0;
    lrun *runs = jx_xcalloc(p->n + 1, sizeof *runs);
    for (size_t i = 1; i < p->n; i++) {
        const jx_row *r = &p->rows[i];
        if (!jx_row_filled(r)) continue;
        jx_buf b = {0};
        for (int c = 0; c < r->ncells; c++)
            if (r->cells[c][0]) { if (b.len) jx_buf_putc(&b, ' '); jx_buf_puts(&b, r->cells[c]); }
        runs[n].text = jx_buf_take(&b);
        runs[n].key = jx_text_key(runs[n].text);
        runs[n].line = r->line;
        runs[n].page = r->page;
        n++;
    }
    jx_status st = JX_OK;
    int heads[96], ncols = 0, table = T_NONE, name_col = -1, blanks_kept = 0, nprev = 0;
    const lrun *prev[64];   /* the main heads of the last heading */
    char *last_l1 = NULL;   /* the level 1 rows carry */
    size_t i = 0;
    while (i < n && st == JX_OK) {
        const lrun *r = &runs[i];
        /* a heading: a run of two heads or more */
        size_t z = i;
        while (z < n && (known_head(runs[z].key) || (z > i && key_listed(runs[z].key, note_heads))) && z - i < 32)
            z++;
        /* sub-heads alone (经费保障…) with no heading above to complete are no heading: read as rows */
        int has_main = table == T_INDICATORS && nprev;
        for (size_t k = i; k < z && !has_main; k++) has_main = !sub_head(runs[k].key);
        if (z - i >= 2 && has_main) {
            /* its main heads and its sub-heads; a line of sub-heads alone completes the heading above */
            const lrun *mains[64], *subs[32], *order[96];
            int nm = 0, ns = 0;
            for (size_t k = i; k < z; k++) {
                if (sub_head(runs[k].key)) subs[ns++] = &runs[k];
                else mains[nm++] = &runs[k];
            }
            if (!nm && table == T_INDICATORS && nprev) {
                memcpy(mains, prev, (size_t)nprev * sizeof *prev);
                nm = nprev;
            } else {
                memcpy(prev, mains, (size_t)nm * sizeof *mains);
                nprev = nm;
            }
            int nh = sub_heads(mains, nm, subs, ns, order);
            int t = T_NONE;
            char **cells = jx_xmalloc((size_t)(nh + 1) * sizeof *cells);
            cells[0] = jx_strdup("");
            for (int k = 0; k < nh; k++)
                cells[k + 1] = jx_strdup(key_listed(order[k]->key, note_heads) ? "" : order[k]->text);
            jx_row h = grid_row(cells, nh + 1, mains[0]->line, mains[0]->page);
            t = heading_kind(&h);
            ncols = nh + 1;
            name_col = -1;
            if (ns) blanks_kept = blank_cells(runs, (size_t)(subs[0] - runs));
            for (int c = 0; c < ncols && c < 96; c++) {
                heads[c] = c ? indicator_head(jx_row_key(&h, c)) : -1;
                if (c && cause_head(jx_row_key(&h, c)) >= 0) heads[c] = -1;
                if (heads[c] == I_NAME && name_col < 0) name_col = c;
            }
            table = t;
            st = read_built(p, ps, &h);
            i = z;
            continue;
        }
        if (header_field(r->key) != H_NONE || (table == T_NONE && text_year(r->text) && strlen(r->text) < 40)) {
            /* a header label and its value (the next run that is no label), or the year */
            int label = header_field(r->key) != H_NONE;
            int has = label && i + 1 < n && header_field(runs[i + 1].key) == H_NONE && !known_head(runs[i + 1].key) &&
                      fund_label(runs[i + 1].key) < 0 && !key_listed(runs[i + 1].key, outer_keys);
            char **cells = jx_xmalloc(2 * sizeof *cells);
            cells[0] = jx_strdup(r->text);
            cells[1] = jx_strdup(has ? runs[i + 1].text : "");
            jx_row h = grid_row(cells, label ? 2 : 1, r->line, r->page);
            if (!label) free(cells[1]);
            st = read_built(p, ps, &h);
            i += has ? 2 : 1;
            continue;
        }
        if (table == T_MONEY && fund_label(jx_starts_with(r->key, "其中:") ? r->key + strlen("其中:") : r->key) >= 0) {
            char **cells = empty_cells(ncols);
            free(cells[0]);
            cells[0] = jx_strdup(r->text);
            size_t k = i + 1;
            for (int c = 1; c < ncols && k < n && figure(runs[k].text); c++, k++) {
                free(cells[c]);
                cells[c] = jx_strdup(runs[k].text);
            }
            jx_row h = grid_row(cells, ncols, r->line, r->page);
            st = read_built(p, ps, &h);
            i = k;
            continue;
        }
        if (table == T_GOAL) {
            /* the texts up to the next heading: the first is 预期目标's, the rest 实际完成情况's */
            size_t k = i;
            while (k < n && !known_head(runs[k].key) && !key_listed(runs[k].key, outer_keys) &&
                   header_field(runs[k].key) == H_NONE)
                k++;
            if (k > i) {
                char **cells = empty_cells(ncols > 3 ? ncols : 3);
                free(cells[1]);
                cells[1] = jx_strdup(runs[i].text);
                jx_buf b = {0};
                for (size_t q = i + 1; q < k; q++) { if (b.len) jx_buf_putc(&b, ' '); jx_buf_puts(&b, runs[q].text); }
                free(cells[2]);
                cells[2] = b.data ? jx_buf_take(&b) : jx_strdup("");
                jx_row h = grid_row(cells, ncols > 3 ? ncols : 3, r->line, r->page);
                st = read_built(p, ps, &h);
                i = k;
            } else {
                i++;
            }
            table = T_NONE;
            continue;
        }
        if (table == T_INDICATORS && key_listed(r->key, total_keys)) {
            char **cells = empty_cells(ncols);
            free(cells[0]);
            cells[0] = jx_strdup(r->text);
            size_t k = i + 1;
            int c = 1;
            for (; k < n && figure(runs[k].text); k++) {
                while (c < ncols && heads[c] != I_MARKS && heads[c] != I_SCORE) c++;
                if (c >= ncols) break;
                free(cells[c]);
                cells[c++] = jx_strdup(runs[k].text);
            }
            jx_row h = grid_row(cells, ncols, r->line, r->page);
            st = read_built(p, ps, &h);
            i = k;
            table = T_NONE;
            continue;
        }
        if (table == T_INDICATORS && name_col > 0 && !key_listed(r->key, outer_keys)) {
            char **cells = empty_cells(ncols);
            size_t k = i;
            for (int c = 1; c < name_col && k < n; c++) {
                int lv = run_level(&runs[k]);
                if (!lv && level_like(&runs[k]) && !row_fits(runs, n, k, heads, ncols, name_col) &&
                    row_fits(runs, n, k + 1, heads, ncols, name_col))
                    lv = 2;
                /* a level-1 term may be a level 2 under the level 1 above (成本指标 under 产出指标) */
                if (lv == 1 && heads[c] == I_L1 && last_l1 && level2_under(runs[k].text, last_l1) &&
                    !(k + 1 < n && run_level(&runs[k + 1])))   /* a level 1 has its level 2 after it */
                    lv = 2;
                if ((heads[c] == I_L1 && lv == 1) || (heads[c] == I_L2 && lv)) {
                    free(cells[c]);
                    cells[c] = jx_strdup(runs[k++].text);
                    if (heads[c] == I_L1) { free(last_l1); last_l1 = jx_strdup(cells[c]); }
                }
            }
            if (k < n && !row_start(&runs[k])) { free(cells[name_col]); cells[name_col] = jx_strdup(runs[k++].text); }
            if (blanks_kept && (p->has_causes || p->has_possible) && k > i && cells[name_col][0]) {
                /* each cell after the name on the column its line's distance from the name's gives */
                long at = runs[k - 1].line;
                int pg = runs[k - 1].page;
                while (k < n && runs[k].page == pg && runs[k].line - at < ncols - name_col &&
                       !key_listed(runs[k].key, total_keys)) {
                    int c = name_col + (int)(runs[k].line - at);
                    free(cells[c]);
                    cells[c] = jx_strdup(runs[k++].text);
                }
                jx_row h = grid_row(cells, ncols, r->line, r->page);
                st = read_built(p, ps, &h);
                i = k;
                continue;
            }
            /* with 分值 and 得分, the row's last two figures are those: the runs before them are
               its values, and fewer runs than value columns leave the first ones blank */
            int nvalue = 0, avail = -1, has_marks = 0, has_score = 0;
            for (int c = name_col + 1; c < ncols; c++) {
                nvalue += heads[c] == I_TARGET || heads[c] == I_ACTUAL || heads[c] == I_EXPECTED;
                has_marks |= heads[c] == I_MARKS;
                has_score |= heads[c] == I_SCORE;
            }
            if (has_marks && has_score)
                for (size_t j = k; j + 1 < n && avail < 0 && (int)(j - k) <= nvalue; j++)
                    if (figure(runs[j].text) && figure(runs[j + 1].text) && !strchr(runs[j].text, '%') &&
                        (j + 2 >= n || !figure(runs[j + 2].text)))
                        avail = (int)(j - k);
            for (int c = name_col + 1; c < ncols && k < n; c++) {
                int h = heads[c];
                const lrun *x = &runs[k];
                int take;
                if (key_listed(x->key, total_keys) || run_level(x) ||
                    (level_like(x) && row_fits(runs, n, k + 1, heads, ncols, name_col)))
                    break;
                int is_value = h == I_TARGET || h == I_ACTUAL || h == I_EXPECTED;
                if (is_value && avail >= 0 && nvalue > avail) { nvalue--; continue; }   /* blank */
                if (is_value) { nvalue--; avail--; }
                if (h == I_MARKS || h == I_SCORE) take = figure(x->text);
                else if (h == I_POSSIBILITY) take = is_possibility(x->key);
                else if (h == I_REASON || h == I_CORRECTION || h < 0)
                    /* the blank column's text unless the next row begins here (and not one run on) */
                    take = !is_possibility(x->key) && (!row_fits(runs, n, k, heads, ncols, name_col) ||
                                                       row_fits(runs, n, k + 1, heads, ncols, name_col));
                else take = 1;
                if (take) { free(cells[c]); cells[c] = jx_strdup(x->text); k++; }
            }
            jx_row h = grid_row(cells, ncols, r->line, r->page);
            st = read_built(p, ps, &h);
            i = k > i ? k : i + 1;
            continue;
        }
        /* anything else (an outer label 项目资金（万元）, 绩效指标): as a row of its own */
        char **cells = jx_xmalloc(sizeof *cells);
        cells[0] = jx_strdup(r->text);
        jx_row h = grid_row(cells, 1, r->line, r->page);
        if (!key_listed(r->key, outer_keys)) st = read_built(p, ps, &h);
        else aligned_free(&h);
        i++;
    }
    for (size_t k = 0; k < n; k++) { free(runs[k].text); free(runs[k].key); }
    free(runs);
    free(last_l1);
    return st;
}

/* Read one part: rows[0] is its title. */
static jx_status read_part(part *p)
{
    jx_evaluation *e = p->e;
    for (int c = 0; c < p->rows[0].ncells; c++)
        if (p->rows[0].cells[c][0]) {
            e->year = text_year(p->rows[0].cells[c]);
            e->months = text_months(p->rows[0].cells[c]);
        }
    pstate ps = {0, 0, 0};
    jx_status st = JX_OK;
    int flow = p->n > 1 ? (int)p->rows[1].flow : JX_FLOW_GRID;
    if (flow == JX_FLOW_LINES) st = read_lines_part(p, &ps);
    else if (flow == JX_FLOW_RUNS) st = read_runs_part(p, &ps);
    for (size_t i = 1; i < p->n && st == JX_OK && flow == JX_FLOW_GRID; i++) {
        const jx_row *row = &p->rows[i];
        if (!jx_row_filled(row)) continue;
        st = read_row(p, row, &ps);
    }
    if (st != JX_OK) return st;
    if (!e->name)
        return FAIL(p, e->line, "%s has no 项目名称 (project name)", jx_eval_kind_label(e->kind));
    if (!p->table_line)
        return FAIL(p, e->line, "%s \"%s\" has no indicator table (一级指标/三级指标/%s/%s)",
                    jx_eval_kind_label(e->kind), e->name,
                    e->kind == JX_EVAL_SELF ? "年度指标值" : "全年目标值",
                    e->kind == JX_EVAL_SELF ? "实际完成值" : "1-N月实际完成值");
    if (!e->nindicators)
        return FAIL(p, p->table_line, "indicator table of %s \"%s\" has no indicator rows",
                    jx_eval_kind_label(e->kind), e->name);
    categorise(e);
    return JX_OK;
}

int jx_evaluations_present(const jx_rows *rows)
{
    for (size_t i = 0; i < rows->count; i++)
        if (jx_part_title_kind(&rows->items[i]) > JX_PART_FORM) return 1;
    return 0;
}

jx_status jx_parse_evaluations(const jx_rows *rows, const char *file, jx_form_list *list,
                               jx_error *err)
{
    for (size_t i = 0; i < rows->count; i++) {
        jx_part_kind kind = jx_part_title_kind(&rows->items[i]);
        if (kind <= JX_PART_FORM) continue;
        size_t end = i + 1;
        while (end < rows->count && rows->items[end].section == rows->items[i].section &&
               jx_part_title_kind(&rows->items[end]) == JX_PART_NONE)
            end++;
        part p = {.file = file, .rows = &rows->items[i], .n = end - i, .err = err, .scale = 10000,
                  .gcol_target = -1, .gcol_actual = -1};
        for (int k = 0; k < M_NCOLS; k++) p.mcol[k] = -1;
        for (int k = 0; k < I_NCOLS; k++) p.icol[k] = -1;
        for (int k = 0; k < JX_CAUSE_COUNT; k++) p.ccol[k] = -1;
        for (int k = 0; k < NPOSSIBLE; k++) p.pcol[k] = -1;
        p.e = jx_evaluation_new(kind == JX_PART_SELF_EVAL ? JX_EVAL_SELF : JX_EVAL_MONITOR, file,
                                rows->items[i].line);
        jx_status st = read_part(&p);
        if (st == JX_OK) {
            jx_form_list_add_evaluation(list, p.e);
        } else {
            if (st == JX_ENOMEM || st == JX_ESYS) { jx_evaluation_free(p.e); return st; }
            jx_buf what = {0};
            jx_buf_printf(&what, "%s", jx_eval_kind_label(p.e->kind));
            if (p.e->name) jx_buf_printf(&what, " \"%s\"", p.e->name);
            if (rows->items[i].section)
                jx_buf_printf(&what, " (worksheet \"%s\")", rows->items[i].section);
            jx_form_list_note(list, file, err ? err->line : p.e->line, what.data,
                              err ? err->message : "");
            jx_buf_free(&what);
            if (err) jx_error_clear(err);
            jx_evaluation_free(p.e);
        }
        i = end - 1;
    }
    return JX_OK;
}
