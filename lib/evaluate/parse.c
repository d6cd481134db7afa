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
** row itself or the row below it (a merged parent head above them).
*/
static const struct { const char *key; int cause; } cause_heads[] = {
    {"经费保障", JX_CAUSE_FUNDING}, {"资金保障", JX_CAUSE_FUNDING},
    {"制度保障", JX_CAUSE_SYSTEM},
    {"人员保障", JX_CAUSE_STAFF},
    {"硬件条件保障", JX_CAUSE_HARDWARE}, {"硬件保障", JX_CAUSE_HARDWARE},
    {"其他", JX_CAUSE_OTHER}, {"其他原因", JX_CAUSE_OTHER},
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
    int col_x[64];          /* layout-preserving lines: where the last heading's columns start */
    int col_w[64];          /* and the width of each heading cell */
    int ncols_x;
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

/* A year stated by a title or a (2023年度) row: the first 19xx/20xx before 年. */
static int text_year(const char *s)
{
    for (; *s; s++)
        if ((s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0')) {
            int i = 0;
            while (i < 5 && isdigit((unsigned char)s[i])) i++;
            if (i == 4 && jx_starts_with(s + 4, "年")) return atoi(s);
            if (i > 4) s += i - 1;
        }
    return 0;
}

/* N of a 1-N月 text (1-6月执行数, 1—6月), 0 when none. */
static int text_months(const char *s)
{
    const char *m = strstr(s, "月");
    while (m) {
        const char *q = m;
        while (q > s && isdigit((unsigned char)q[-1])) q--;
        if (q < m && q > s) {
            int n = atoi(q);
            if (n >= 1 && n <= 12) return n;
        }
        m = strstr(m + 1, "月");
    }
    return 0;
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
    char *key = jx_text_squeeze(cell);
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
        if (!jx_money_parse(cell, p->scale, money[k]))
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

static int cause_head(const char *key)
{
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
    set_text(&ind->target, target);
    set_text(&ind->actual, actual);
    jx_value_parse(ind->target, &ind->target_value);
    jx_value_parse(ind->actual, &ind->actual_value);
    if (ic[I_REASON] >= 0) set_text(&ind->reason, cell_at(row, ic[I_REASON]));
    if (ic[I_EXPECTED] >= 0) set_text(&ind->expected, cell_at(row, ic[I_EXPECTED]));
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
        static const char *const fws[] = {"national-2021", "shanghai-2019", NULL};
        if (fw) cat = jx_vocab_category(fw, c1, c2);
        for (int k = 0; !cat && fws[k]; k++) cat = jx_vocab_category(fws[k], c1, c2);
        if (cat) ind->category = jx_strdup(cat);
        free(c1);
        free(c2);
    }
}

/* ------------------------------------------- layout-preserving lines */

/*
** In layout-preserving text (JX_FLOW_LINES: a PDF extractor's -layout
** output) a row's cells are side by side but blank cells leave nothing, so
** a cell's index is no column. Its place on the line is: the heading row of
** each table (项目资金, 年度总体目标, the indicator table) has no blank cells,
** so its cells are the columns and where each starts; a cell of a data row
** belongs to the heading column it starts in (column j spans from its start
** to the next one's; a long text overflowing to the right stays there), or
** to the next when it starts a little before that and ends inside it (a
** centred value wider than its head). A piece one space after the one
** before is the same cell's text (columns stand two spaces apart or more);
** several pieces in one column are joined with a space. The row so rebuilt is
** read as a grid row. Not read this way: a cell wrapped over several lines,
** and a heading of two rows (偏差原因 by category).
*/

/* Display width of s (a CJK character is 2), as the layout reader counts columns. */
static int text_width(const char *s)
{
    int w = 0;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch < 0x80) w++;
        else if (ch >= 0xE0) w += 2;
        else if (ch >= 0xC0) w++;
    }
    return w;
}

/* Remember a heading row's columns (its cells' starting positions) for the rows below it. */
static void set_columns(part *p, const jx_row *row)
{
    p->ncols_x = 0;
    if (!row->xs || row->nxs != row->ncells || row->ncells > (int)(sizeof p->col_x / sizeof *p->col_x))
        return;
    for (int c = 0; c < row->ncells; c++) {
        p->col_x[c] = row->xs[c];
        p->col_w[c] = text_width(row->cells[c]);
    }
    p->ncols_x = row->ncells;
}

/*
** The row put on the remembered heading columns: a new row (owned by out,
** free with aligned_free) of ncols_x cells. 0 when there are no columns or
** the row has no positions.
*/
static int align_row(const part *p, const jx_row *row, jx_row *out)
{
    if (!p->ncols_x || !row->xs || row->nxs != row->ncells) return 0;
    int n = p->ncols_x;
    jx_buf *b = jx_xmalloc((size_t)n * sizeof *b);
    memset(b, 0, (size_t)n * sizeof *b);
    int prev = -1, prev_end = -10;
    for (int c = 0; c < row->ncells; c++) {
        if (!row->cells[c][0]) continue;
        int x0 = row->xs[c], x1 = x0 + text_width(row->cells[c]);
        if (prev >= 0 && x0 == prev_end + 1) {
            /* one space after the piece before: the same cell's text */
            jx_buf_putc(&b[prev], ' ');
            jx_buf_puts(&b[prev], row->cells[c]);
            prev_end = x1;
            continue;
        }
        /* the column the cell starts in; the next one when the cell starts a little before
           it and ends inside it (a centred or right-aligned value wider than its head) */
        int best = 0;
        while (best + 1 < n && p->col_x[best + 1] <= x0) best++;
        if (best + 1 < n) {
            /* the next column ends at the one after it, or (the last) at its head's end */
            int a = p->col_x[best], z = p->col_x[best + 1];
            int zz = best + 2 < n ? p->col_x[best + 2] : z + p->col_w[best + 1] + 2;
            int in_this = (x1 < z ? x1 : z) - (x0 > a ? x0 : a), in_next = (x1 < zz ? x1 : zz) - z;
            if (in_next > in_this && x1 <= zz) best++;
        }
        if (b[best].len) jx_buf_putc(&b[best], ' ');
        jx_buf_puts(&b[best], row->cells[c]);
        prev = best;
        prev_end = x1;
    }
    char **cells = jx_xmalloc((size_t)n * sizeof *cells);
    for (int j = 0; j < n; j++) cells[j] = b[j].data ? jx_buf_take(&b[j]) : jx_strdup("");
    free(b);
    memset(out, 0, sizeof *out);
    out->line = row->line;
    out->page = row->page;
    out->section = row->section;
    out->ncells = n;
    out->cells = cells;
    return 1;
}

static void aligned_free(jx_row *r)
{
    for (int c = 0; c < r->ncells; c++) free(r->cells[c]);
    free(r->cells);
    if (r->keys) {
        for (int c = 0; c < r->ncells; c++) free(r->keys[c]);
        free(r->keys);
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

/*
** A row of layout-preserving text: heading and header rows as they are (a
** heading's cells are its columns, remembered), a data row of a table put
** on the heading's columns first (align_row).
*/
static jx_status read_lines_row(part *p, const jx_row *row, pstate *ps)
{
    int first = -1;
    for (int c = 0; c < row->ncells && first < 0; c++) if (row->cells[c][0]) first = c;
    const char *fk = bare_key(row, first);
    int labels = 0;
    for (int c = 0; c < row->ncells; c++) labels += row->cells[c][0] && is_label(row, c);
    int data = is_total_row(row) ||
               (ps->in_table && labels < 2 && header_field(fk) == H_NONE && fund_label(fk) < 0) ||
               (ps->in_funds && labels == 1 && fund_label(fk) >= 0) || (ps->in_goal && !labels);
    jx_row al;
    if (data && align_row(p, row, &al)) {
        jx_status st = read_row(p, &al, ps);
        aligned_free(&al);
        return st;
    }
    pstate before = *ps;
    jx_status st = read_row(p, row, ps);
    /* a heading just read (a table begun): its cells are the columns below it */
    if ((ps->in_table && !before.in_table) || (ps->in_funds && !before.in_funds) ||
        (ps->in_goal && !before.in_goal) || (ps->in_table && indicator_head(fk) >= 0))
        set_columns(p, row);
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
    for (size_t i = 1; i < p->n && st == JX_OK; i++) {
        const jx_row *row = &p->rows[i];
        if (!jx_row_filled(row)) continue;
        st = row->flow == JX_FLOW_LINES ? read_lines_row(p, row, &ps) : read_row(p, row, &ps);
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
