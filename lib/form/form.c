/*
** form.c - from table rows to forms: header fields by label, the indicator
** tree by vocabulary.
**
** The parser makes one pass over the rows. Where a form starts is defined
** here once, for every layout (the row-level part is jx_form_starts_at,
** which the disclosure reader uses to end a narrative):
**   - at a title row (…绩效目标申报表 / …绩效目标表 / …支出项目绩效目标);
**   - at a 项目名称 label that has a value, when no form is open or the open
**     form already has a name (two forms written one after the other);
**   - a section boundary (a worksheet) ends the open form: no form runs from
**     one sheet into the next.
** A 项目名称 without a value (the column heading of a list: 项目汇总,
** 指标汇总) starts nothing. Outside the indicator table, every cell is looked
** up in the label table; a label's value is the next non-empty cell to its
** right that is not itself a label (or, for goals, the cell below it).
** Inside the indicator table, rows are only collected: they are classified
** when the form ends, once the whole table tells which framework it follows.
**
** Positions are never trusted for the indicator tree: converters shift cells
** left or right around page breaks. A cell is placed by what it is: the last
** non-empty cell is the target, a framework's level-1 term is level 1, a
** level-2 term is level 2, the rest is the name. Empty level cells carry the
** value above (merged cells).
*/
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "jixiao/fields.h"
#include "jixiao/util.h"
#include "jixiao/value.h"
#include "vocab.h"
#include "form.h"

/*
** Header fields come from the field table (jixiao/fields.h): a label key
** names a field id, the id's row says its type and where the form keeps it.
** F_NONE: the cell is not a label.
*/
typedef int field;
#define F_NONE (-1)

/* Check-box marks left by the text layer or typed in the document. */
static const char *const checked_marks[] = {"☑", "■", "☒", NULL};
static const char *const unchecked_marks[] = {"☐", "□", NULL};

#define MAX_PENDING 4

typedef struct parser {
    const char *file;
    jx_form_list *out;
    jx_error *err;

    jx_form *form;            /* current form, NULL before the first */
    char *impl_unit;          /* 实施单位, used when no 申报单位 */
    jx_buf raw[JX_NFIELDS];   /* check-box fields: the option text of all their rows */
    field last_field;         /* for continuation rows of check-box options */
    long last_entry;          /* its entry in form->fields, -1 for none */
    long last_line;           /* the line that last wrote it (a wrapped text continues below) */

    /* goals awaiting the cell below, with their entry in form->fields */
    struct { int col; field f; long entry; } pending[MAX_PENDING];
    int npending;

    int in_components;
    long component_scale;
    long default_scale;       /* 金额单位：万元 stated once for the form, else 1 */
    long block_scale;         /* the unit an outer money label states (项目资金（万元）), else 0 */

    const char *form_section; /* section (worksheet) the current form began in */
    const char *form_title;   /* its title row's text (borrowed from the rows), or NULL */
    const char *section;      /* section of the row being read */

    int labels_seen;          /* header labels read since the form began */
    int in_table;             /* inside the indicator table */
    long table_line;          /* line of its header */
    int col_target;           /* column of 指标值 in the header */
    int col_extra;            /* first result column (实际完成值, 得分) after it, -1 if none */
    int foreign;              /* inside a part of another kind (a 自评表): rows skipped */
    const jx_row **staged;    /* indicator rows of the current form */
    size_t nstaged, capstaged;
} parser;

const char *const jx_page_label_keys[] = {"绩效指标", "绩效目标", "项目绩效目标",
                                         "分解目标", NULL};

int jx_key_listed(const char *key, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(key, list[i]) == 0) return 1;
    return 0;
}

/* The field a label key names, F_NONE when it is not a label. */
static field label_field(const char *key)
{
    return jx_field_by_label(key);
}

/*
** The field a label key names: the key itself, else without a trailing
** annotation in brackets (申报单位（盖章）, 项目名称（全称）), else without a
** leading 其中: (其中：当年财政拨款). F_NONE when it is no label.
*/
static field key_field(char *key)
{
    field f = label_field(key);
    if (f == F_NONE && jx_ends_with(key, ")")) {
        char *open = strrchr(key, '(');
        if (open && open != key) {
            char c = *open;
            *open = '\0';
            f = label_field(key);
            *open = c;
        }
    }
    if (f == F_NONE && jx_starts_with(key, "其中:")) f = key_field(key + strlen("其中:"));
    return f;
}

/*
** The inline value of "标签：值" ends where a converter glued the next cell
** to it: at a space followed by another "标签：" whose label is one of the
** field table's or a money unit's (填报单位：某中心　　金额单位：万元: spaces or
** ideographic ones, as the reader left them). Returns a malloc'd copy.
*/
static char *inline_value_of(const char *v)
{
    for (const char *q = v; *q; q++) {
        const char *next = q;
        while (*next == ' ' || !strncmp(next, "\xe3\x80\x80", 3)) next += *next == ' ' ? 1 : 3;
        if (next == q) continue;
        const char *colon = strstr(next, "："), *ascii = strchr(next, ':');
        if (!colon || (ascii && ascii < colon)) colon = ascii;
        if (!colon || colon == next || colon - next > 24) continue;
        char *head = jx_strndup(next, (size_t)(colon - next));
        char *key = jx_text_key(head);
        int label = key[0] && (key_field(key) != F_NONE || jx_ends_with(key, "单位"));
        free(key);
        free(head);
        if (label) return jx_strndup(v, (size_t)(q - v));
    }
    return jx_strdup(v);
}

/* Bytes of the ASCII or full-width digit at s, 0 when there is none. */
static size_t digit_len(const char *s)
{
    if (*s >= '0' && *s <= '9') return 1;
    if (!strncmp(s, "\xef\xbc", 2) && (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99)
        return 3;
    return 0;
}

/*
** Look a cell up as a label. A cell "标签：值" (label and value in one cell)
** is a label with an inline value: *inline_value gets a malloc'd copy. So is
** a money label with its amount glued on ("年度资金总额１，２００，０００．００"),
** when what follows the label is an amount.
*/
static field cell_label(const jx_row *row, int c, char **inline_value)
{
    const char *cell = row->cells[c];
    *inline_value = NULL;
    if (!cell[0]) return F_NONE;
    char *key = jx_strdup(jx_row_key(row, c));
    field f = key_field(key);
    free(key);
    if (f != F_NONE) return f;
    const char *colon = strstr(cell, "：");
    size_t clen = sizeof "：" - 1;
    const char *ascii = strchr(cell, ':');
    if (!colon || (ascii && ascii < colon)) { colon = ascii; clen = 1; }
    if (!colon) {
        /* a money label and its amount in one cell */
        const char *d = cell;
        while (*d && !digit_len(d)) d++;
        if (!*d || d == cell) return F_NONE;
        char *head = jx_strndup(cell, (size_t)(d - cell));
        key = jx_text_key(head);
        f = key_field(key);
        free(key);
        free(head);
        long long fen;
        if (f == F_NONE || jx_fields[f].type != JX_FT_MONEY || !jx_money_parse(d, 1, &fen))
            return F_NONE;
        *inline_value = jx_strdup(d);
        return f;
    }
    char *head = jx_strndup(cell, (size_t)(colon - cell));
    key = jx_text_key(head);
    f = key_field(key);
    free(key);
    free(head);
    if (f == F_NONE) return F_NONE;
    const char *v = colon + clen;
    while (*v == ' ') v++;
    *inline_value = inline_value_of(v);
    return f;
}

/* Length of the label part of a "标签：值" cell: up to its first colon, or its first digit. */
static size_t inline_label_len(const char *cell)
{
    const char *colon = strstr(cell, "：");
    const char *ascii = strchr(cell, ':');
    if (!colon || (ascii && ascii < colon)) colon = ascii;
    if (colon) return (size_t)(colon - cell);
    const char *d = cell;
    while (*d && !digit_len(d)) d++;
    return (size_t)(d - cell);
}

/* 1 when the row's only filled cell is a form title. */
static int is_title_row(const jx_row *row)
{
    int filled = jx_row_filled(row), seen = 0;
    /*
    ** A title is one line, but an extractor may cut it where the font changes
    ** (pdftotext's "天河区 2026 年项目支出绩效目标申报表": 天河区 | 2026 年…): up to
    ** two short pieces before the title's last cell, none of them a label.
    */
    if (filled < 1 || filled > 3) return 0;
    for (int c = 0; c < row->ncells; c++) {
        if (!row->cells[c][0]) continue;
        const char *key = jx_row_key(row, c);
        if (++seen < filled) {
            if (strlen(key) > 3 * 12 || jx_field_by_label(key) >= 0) return 0;
            continue;
        }
        /* …绩效目标申报表, …绩效目标表, and the disclosure's 上海市财政支出项目绩效目标 */
        int t = jx_ends_with(key, "绩效目标申报表") || jx_ends_with(key, "绩效目标表") ||
                (jx_ends_with(key, "支出项目绩效目标") && strlen(key) > strlen("支出项目绩效目标"));
        return t;
    }
    return 0;
}

/*
** A year stated by a short single-cell row: "(2019年)", "（2023年度）",
** "## 2020年绩效目标". 0 when the row states none.
*/
static int row_year(const jx_row *row)
{
    if (jx_row_filled(row) != 1) return 0;
    const char *s = NULL;
    for (int c = 0; c < row->ncells; c++)
        if (row->cells[c][0]) s = row->cells[c];
    if (strlen(s) > 60) return 0;
    while (*s == '#' || *s == ' ' || *s == '(') s++;
    if (jx_starts_with(s, "（")) s += sizeof "（" - 1;
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    const char *after = s + 4;
    while (*after == ' ') after++;   /* "（2025 年度）": an extractor's space before 年 */
    if (!jx_starts_with(after, "年")) return 0;
    int y = atoi(s);
    return (y >= 1990 && y <= 2100) ? y : 0;
}

/*
** The year a form title states ("杭州市临平区2025年度项目支出绩效目标申报表"):
** four digits 19xx/20xx, not part of a longer number, then 年 (spaces
** between allowed). 0 when the title states none.
*/
static int title_year(const char *s)
{
    for (const char *q = s; *q; q++) {
        if (!((q[0] == '1' && q[1] == '9') || (q[0] == '2' && q[1] == '0'))) continue;
        if (q > s && q[-1] >= '0' && q[-1] <= '9') continue;
        int ok = 1;
        for (int i = 0; i < 4; i++) ok &= q[i] >= '0' && q[i] <= '9';
        if (!ok) continue;
        const char *after = q + 4;
        while (*after == ' ') after++;
        if (jx_starts_with(after, "年")) return atoi(q);
    }
    return 0;
}

/* The first plausible year (19xx/20xx) in a date text, or 0. */
static int year_of_date(const char *s)
{
    for (; s && *s; s++) {
        if ((s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0')) {
            /* Stop at the first non-digit: s may end (NUL) before four digits. */
            int i = 0;
            while (i < 5 && s[i] >= '0' && s[i] <= '9') i++;
            if (i == 4) return atoi(s);
        }
    }
    return 0;
}

/* Columns of result forms (自评表) that follow the target: not part of a declaration. */
/*
** Indicator table header: 1 when row is one. *target_col gets the column of
** 指标值 (-1 if absent), *extra_col the first result column after it (-1 if none).
*/
static int is_table_header(const jx_row *row, int *target_col, int *extra_col)
{
    int l1 = 0, level = 0, split_variant = 0;
    *target_col = -1;
    *extra_col = -1;
    for (int c = 0; c < row->ncells; c++) {
        if (!row->cells[c][0]) continue;
        const char *key = jx_row_key(row, c);
        jx_table_heading h = jx_vocab_heading(key);
        if (h == JX_HEADING_LEVEL1) l1 = 1;
        else if (h == JX_HEADING_LEVEL) level = 1;
        else if (h == JX_HEADING_SPLIT) split_variant = 1;
        else if (h == JX_HEADING_RESULT) { if (*extra_col < 0) *extra_col = c; }
        /* Beside level headings any heading naming the target value heads its
           column (2024年度指标值, 指标值/目标值): the row is a header by its levels. */
        else if (*target_col < 0 && (h == JX_HEADING_TARGET || strstr(key, "指标值") || strstr(key, "目标值")))
            *target_col = c;
        else if (*target_col >= 0 && *extra_col < 0)
            *extra_col = c;   /* 指标值说明, 权重, 评分标准: a column after the target */
    }
    if (*extra_col >= 0 && *extra_col < *target_col) *extra_col = -1;
    return (l1 || split_variant) && level;
}

/* Start a new form at line. */
static void begin_form(parser *p, long line)
{
    p->form = jx_form_new(p->file, line);
    p->form_section = p->section;
    p->form_title = NULL;
}

/* Prefix err's message with the worksheet it is about (once). */
static void name_section(jx_error *err, const char *section)
{
    if (!err || !section || strstr(err->message, "worksheet \"")) return;
    jx_buf b = {0};
    jx_buf_printf(&b, "worksheet \"%s\": %s", section, err->message);
    size_t n = b.len < sizeof err->message - 1 ? b.len : sizeof err->message - 1;
    memcpy(err->message, b.data, n);
    err->message[n] = '\0';
    jx_buf_free(&b);
}

/* 1 when key is a column heading of an indicator table (一级指标 … 指标值). */
static int column_heading(const char *key)
{
    jx_table_heading h = jx_vocab_heading(key);
    return h != JX_HEADING_NONE && h != JX_HEADING_RESULT;
}

/* Collect an indicator row of the current form for classification at its end. */
static void stage_row(parser *p, const jx_row *row)
{
    if (p->nstaged == p->capstaged) {
        p->capstaged = p->capstaged ? p->capstaged * 2 : 64;
        p->staged = jx_xrealloc(p->staged, p->capstaged * sizeof *p->staged);
    }
    p->staged[p->nstaged++] = row;
}

/* Replace *slot with a copy of value unless it is already set. */
static void set_text(char **slot, const char *value)
{
    if (*slot || !value || !value[0]) return;
    *slot = jx_strdup(value);
}

/* Values that mean "nothing here" in an amount cell. */
static int is_blank_amount(const char *s)
{
    static const char *const blanks[] = {"-", "—", "--", "——", "/", "无", "／", NULL};
    return !s[0] || jx_key_listed(s, blanks);
}

/* Set an amount field from the cell beside its label; bad amounts are errors. */
static jx_status set_amount(parser *p, long long *slot, const char *label,
                            const char *value, long line)
{
    if (*slot != JX_NO_AMOUNT || !value || is_blank_amount(value)) return JX_OK;
    long long fen;
    long scale = strstr(label, "元") ? jx_money_label_scale(label)
                 : p->block_scale ? p->block_scale : p->default_scale;
    if (!jx_money_parse(value, scale, &fen)) {
        char *key = jx_text_key(label);
        jx_status st = jx_error_set(p->err, JX_EINPUT, p->file, line,
                                    "%s: \"%s\" is not an amount", key, value);
        free(key);
        return st;
    }
    *slot = fen;
    return JX_OK;
}

/*
** Apply one label's value to the current form, by the field's type: text
** and dates keep the first value (dates are made ISO when the form ends),
** check-box fields collect the text of all their rows, money is parsed with
** the label's scale.
*/
static jx_status apply_field(parser *p, field f, const char *label,
                             const char *value, long line)
{
    jx_form *form = p->form;
    if (f < 0) return JX_OK;
    const jx_field_def *d = &jx_fields[f];
    if (f == JX_F_IMPL_UNIT) { set_text(&p->impl_unit, value); return JX_OK; }
    if (f == JX_F_PERIOD_TEXT) { set_text(&form->period_text, value); return JX_OK; }
    switch (d->type) {
    case JX_FT_TEXT: case JX_FT_DATE:
        if (!(d->flags & JX_FF_DERIVED)) set_text((char **)((char *)form + d->offset), value);
        break;
    case JX_FT_CHOICE:
        if (value) {
            if (p->raw[f].len) jx_buf_putc(&p->raw[f], ' ');
            jx_buf_puts(&p->raw[f], value);
        }
        break;
    case JX_FT_MONEY:
        /* An outer label stating the unit of its block (项目资金（万元）, no value of
           its own): the amounts labelled without a unit below and beside it are in it. */
        if (!value && label && strstr(label, "元")) p->block_scale = jx_money_label_scale(label);
        return set_amount(p, (long long *)((char *)form + d->offset), label, value, line);
    default:
        break;
    }
    return JX_OK;
}

/* 1 when the cell is a check-box mark; *checked says which kind. */
static size_t mark_at(const char *s, int *checked)
{
    for (size_t i = 0; checked_marks[i]; i++)
        if (jx_starts_with(s, checked_marks[i])) { *checked = 1; return strlen(checked_marks[i]); }
    for (size_t i = 0; unchecked_marks[i]; i++)
        if (jx_starts_with(s, unchecked_marks[i])) { *checked = 0; return strlen(unchecked_marks[i]); }
    return 0;
}

/* Trim spaces at both ends of [s, s+n) into a new string. */
static char *trimmed(const char *s, size_t n)
{
    while (n && *s == ' ') { s++; n--; }
    while (n && s[n - 1] == ' ') n--;
    return jx_strndup(s, n);
}

/*
** The chosen option of a check-box field ("☐ 结转项目 ☑ 经常性专项业务费").
** Forms put the box before its label or after it; the side is the one the
** text starts with. A checked box with no text on that side is ambiguous and
** chooses nothing. Text without boxes is the value itself. Returns malloc'd
** text or NULL.
*/
static char *checked_option(const char *text)
{
    if (!text || !text[0]) return NULL;
    /* tokens: text runs and marks, in order */
    size_t n = strlen(text), ntok = 0;
    struct tok { const char *s; size_t len; int mark; int checked; } *toks =
        jx_xcalloc(n + 1, sizeof *toks);
    size_t i = 0, run = 0;
    int any_mark = 0;
    while (i <= n) {
        int checked = 0;
        size_t m = i < n ? mark_at(text + i, &checked) : 0;
        if (i == n || m) {
            char *t = trimmed(text + run, i - run);
            if (t[0]) toks[ntok++] = (struct tok){text + run, i - run, 0, 0};
            free(t);
            if (i == n) break;
            toks[ntok++] = (struct tok){text + i, m, 1, checked};
            any_mark = 1;
            i += m;
            run = i;
        } else {
            i++;
        }
    }
    char *result = NULL;
    if (!any_mark) {
        result = trimmed(text, n);
    } else {
        int before = toks[0].mark;   /* box precedes its label */
        jx_buf out = {0};
        for (size_t k = 0; k < ntok; k++) {
            if (!toks[k].mark || !toks[k].checked) continue;
            const struct tok *label = NULL;
            if (before && k + 1 < ntok && !toks[k + 1].mark) label = &toks[k + 1];
            if (!before && k > 0 && !toks[k - 1].mark) label = &toks[k - 1];
            if (!label) continue;
            char *t = trimmed(label->s, label->len);
            if (out.len) jx_buf_puts(&out, "、");
            jx_buf_puts(&out, t);
            free(t);
        }
        result = out.len ? jx_buf_take(&out) : NULL;
        jx_buf_free(&out);
    }
    free(toks);
    return result;
}

/* Remove a trailing stamp annotation such as "（盖章）" from a unit name. */
static void strip_stamp(char *unit)
{
    static const char *const stamps[] = {"（盖章）", "(盖章)", "（公章）", "(公章)", NULL};
    for (size_t i = 0; stamps[i]; i++) {
        if (jx_ends_with(unit, stamps[i])) {
            unit[strlen(unit) - strlen(stamps[i])] = '\0';
            size_t n = strlen(unit);
            while (n && unit[n - 1] == ' ') unit[--n] = '\0';
        }
    }
}

/* Reset the per-form state of the parser. */
static void reset_form_state(parser *p)
{
    free(p->impl_unit); p->impl_unit = NULL;
    for (int i = 0; i < JX_NFIELDS; i++) jx_buf_free(&p->raw[i]);
    p->last_field = F_NONE;
    p->last_entry = -1;
    p->last_line = 0;
    p->npending = 0;
    p->in_components = 0;
    p->default_scale = 1;
    p->block_scale = 0;
    p->labels_seen = 0;
    p->in_table = 0;
    p->table_line = 0;
    p->col_target = -1;
    p->col_extra = -1;
    p->nstaged = 0;
}

/*
** A period written in one cell (项目期限 "2025年1月-2025年12月", "2025年1月1日至
** 2025年12月31日"): cut at the separator (至, 到, ~, -, —) both of whose
** sides are dates, so the hyphens inside ISO dates are never taken for it.
** period_text is then "S 至 E" like a period of two cells (the official
** layout writes it as 开始时间 S / 结束时间 E); fields[] keeps the cell.
*/
static void split_period(jx_form *f)
{
    static const char *const seps[] = {"至", "到", "～", "~", "—", "－", "-", "–", NULL};
    const char *t = f->period_text;
    for (const char *q = t; *q; q++) {
        for (size_t k = 0; seps[k]; k++) {
            size_t n = strlen(seps[k]);
            if (strncmp(q, seps[k], n)) continue;
            char *a = trimmed(t, (size_t)(q - t)), *b = trimmed(q + n, strlen(q + n));
            char iso[16];
            if (a[0] && b[0] && jx_text_date_iso(a, iso, sizeof iso) &&
                jx_text_date_iso(b, iso, sizeof iso)) {
                f->period_start = a;
                f->period_end = b;
                return;
            }
            free(a);
            free(b);
        }
    }
}

/*
** The period as ISO dates: period_text keeps what the form wrote ("2019-1-1
** 至 2019-12-31"; "至 E" when only the end is given, so the two sides can be
** told apart again: jx_form_period_parts), period_start/end become ISO, or
** NULL when the text is no date.
*/
static void resolve_period(jx_form *f)
{
    char **ends[2] = {&f->period_start, &f->period_end};
    if (!f->period_start && !f->period_end && f->period_text) split_period(f);
    if (f->period_start || f->period_end) {
        jx_buf b = {0};
        if (f->period_start) jx_buf_puts(&b, f->period_start);
        if (f->period_end) jx_buf_puts(&b, f->period_start ? " 至 " : "至 ");
        if (f->period_end) jx_buf_puts(&b, f->period_end);
        free(f->period_text);
        f->period_text = jx_buf_take(&b);
    }
    for (int i = 0; i < 2; i++) {
        char iso[16];
        if (!*ends[i]) continue;
        int ok = jx_text_date_iso(*ends[i], iso, sizeof iso);
        free(*ends[i]);
        *ends[i] = ok ? jx_strdup(iso) : NULL;
    }
}

/*
** The years a goal label or the start of its text states in brackets:
** "项目总体目标（2024年-2026年）", "(2024 年-2026 年) 1.完成…". 1 when found.
*/
static int bracket_years(const char *s, jx_years *y)
{
    if (!s) return 0;
    const char *open = strstr(s, "(");
    const char *wide = strstr(s, "（");
    if (!open || (wide && wide < open)) open = wide;
    if (!open) return 0;
    int years[2] = {0, 0}, n = 0;
    for (const char *q = open; *q && n < 2 && q - open < 40; q++) {
        if (*q == ')' || jx_starts_with(q, "）")) break;
        if ((q[0] == '1' && q[1] == '9') || (q[0] == '2' && q[1] == '0')) {
            int ok = 1;
            for (int i = 0; i < 4; i++) ok &= q[i] >= '0' && q[i] <= '9';
            if (ok && !(q[4] >= '0' && q[4] <= '9') && !(q > s && q[-1] >= '0' && q[-1] <= '9')) {
                years[n++] = atoi(q);
                q += 3;
            }
        }
    }
    if (!n) return 0;
    y->start = years[0];
    y->end = n == 2 ? years[1] : years[0];
    return 1;
}

/*
** A form that cannot be read is a skipped part, not the end of the document:
** the error p->err holds becomes a note on the form list (where, what the
** part looked like, why) and is cleared; the caller drops the form.
*/
static void skip_form(parser *p, const char *name)
{
    jx_buf part = {0};
    if (name) jx_buf_printf(&part, "form \"%s\"", name);
    else if (p->form_title) jx_buf_printf(&part, "form \"%s\"", p->form_title);
    else jx_buf_puts(&part, "form");
    jx_form_list_note(p->out, p->file, p->err ? p->err->line : 0, part.data,
                      p->err ? p->err->message : "");
    jx_buf_free(&part);
    if (p->err) jx_error_clear(p->err);
}

/* Finish the current form: resolve derived fields, classify its indicators. */
static jx_status end_form(parser *p)
{
    jx_form *f = p->form;
    if (!f) return JX_OK;
    p->form = NULL;
    jx_status st = JX_OK;
    if (!f->name && !p->labels_seen && !p->table_line) {
        /* a title with no label before the next title: a reference in running text */
        jx_form_free(f);
        reset_form_state(p);
        return JX_OK;
    }
    if (!f->name) {
        st = jx_error_set(p->err, JX_EINPUT, p->file, f->line,
                          "form has no 项目名称 (project name)");
        goto done;
    }
    if (!f->unit && p->impl_unit) { f->unit = p->impl_unit; p->impl_unit = NULL; }
    if (f->unit) strip_stamp(f->unit);
    if (!f->goal && f->long_goal) f->goal = jx_strdup(f->long_goal);
    for (int i = 0; i < JX_NFIELDS; i++) {
        if (jx_fields[i].type != JX_FT_CHOICE) continue;
        char **slot = (char **)((char *)f + jx_fields[i].offset);
        *slot = checked_option(p->raw[i].data);
    }
    /* Some forms label the nature 项目类别; a category names a 类. */
    if (f->category && !jx_ends_with(f->category, "类") && !f->nature) {
        f->nature = f->category;
        f->category = NULL;
    }
    if (!f->year) f->year = year_of_date(f->period_start);
    resolve_period(f);
    if (!p->table_line) {
        st = jx_error_set(p->err, JX_EINPUT, p->file, f->line,
                          "form \"%s\" has no indicator table (一级指标/二级指标/三级指标/指标值): "
                          "the document may be truncated", f->name);
        goto done;
    }
    if (p->col_target < 0) {
        st = jx_error_set(p->err, JX_EINPUT, p->file, p->table_line,
                          "indicator table of form \"%s\" has no 指标值 (target value) column",
                          f->name);
        goto done;
    }
    st = jx_classify_indicators(f, p->staged, p->nstaged, p->col_target, p->col_extra);
    if (st == JX_OK && f->nindicators == 0)
        st = jx_error_set(p->err, JX_EINPUT, p->file, p->table_line,
                          "indicator table of form \"%s\" has no indicator rows", f->name);
done:
    if (st == JX_OK) {
        jx_form_list_push(p->out, f);
    } else {
        name_section(p->err, p->form_section);
        skip_form(p, f->name);
        jx_form_free(f);
    }
    reset_form_state(p);
    return JX_OK;
}

/*
** Record a labelled field in the form's fields[], the label as written
** (without a trailing colon); returns its index.
*/
static long add_entry(parser *p, const char *label, size_t label_len, const char *value, long line)
{
    while (label_len && label[label_len - 1] == ' ') label_len--;
    if (label_len >= 3 && !memcmp(label + label_len - 3, "：", 3)) label_len -= 3;
    else if (label_len && label[label_len - 1] == ':') label_len--;
    while (label_len && label[label_len - 1] == ' ') label_len--;
    char *l = jx_strndup(label, label_len);
    jx_form_add_field(p->form, l, value, line);
    free(l);
    return (long)p->form->nfields - 1;
}

/*
** A value found apart from its label (the cell below, a continuation row):
** appended to the label's entry, and the years of a goal noted.
*/
static void note_value(parser *p, long entry, field f, const char *value)
{
    if (entry < 0 || (size_t)entry >= p->form->nfields || !value || !value[0]) return;
    jx_field *e = &p->form->fields[entry];
    if (!e->value) {
        e->value = jx_strdup(value);
    } else {
        jx_buf b = {0};
        jx_buf_puts(&b, e->value);
        jx_buf_putc(&b, ' ');
        jx_buf_puts(&b, value);
        free(e->value);
        e->value = jx_buf_take(&b);
    }
    if (f == JX_F_LONG_GOAL && !p->form->long_goal && !p->form->long_goal_years.start)
        bracket_years(value, &p->form->long_goal_years);
}

/* Rows below goal labels that had no value beside them. */
static void fill_pending(parser *p, const jx_row *row)
{
    for (int c = 0; c < row->ncells; c++) {
        if (!row->cells[c][0]) continue;
        int best = 0;
        for (int k = 0; k < p->npending; k++)
            if (p->pending[k].col <= c) best = k;
        note_value(p, p->pending[best].entry, p->pending[best].f, row->cells[c]);
        apply_field(p, p->pending[best].f, "", row->cells[c], row->line);
    }
    p->npending = 0;
}

/* A component row (子项目名称 | 预算金额): name, then amount. */
static jx_status component_row(parser *p, const jx_row *row)
{
    const char *cells[2] = {NULL, NULL};
    int n = 0;
    for (int c = 0; c < row->ncells; c++) {
        const char *s = row->cells[c];
        char *iv;
        if (!s[0]) continue;
        field f = cell_label(row, c, &iv);
        free(iv);
        if (f == JX_F_COMPONENTS) continue;
        if (n < 2) cells[n] = s;
        n++;
    }
    if (n < 2) return JX_OK;
    jx_component *comp = jx_form_add_component(p->form);
    comp->name = jx_strdup(cells[0]);
    const char *amount = row->cells[row->ncells - 1][0] ? row->cells[row->ncells - 1] : NULL;
    for (int c = row->ncells - 1; !amount && c >= 0; c--)
        if (row->cells[c][0]) amount = row->cells[c];
    if (is_blank_amount(amount)) return JX_OK;
    if (!jx_money_parse(amount, p->component_scale, &comp->amount))
        return jx_error_set(p->err, JX_EINPUT, p->file, row->line,
                            "component \"%s\": \"%s\" is not an amount", cells[0], amount);
    return JX_OK;
}

/*
** "单位：万元" / "金额单位：万元" in a row sets the form's money unit, also
** where a converter glued it to the cell before it ("填报单位：… 金额单位：万元"):
** a 单位: directly followed by a money unit (申报单位：上海市… is a unit name).
*/
static void note_money_unit(parser *p, const jx_row *row)
{
    static const char *const units[] = {"元", "万元", "千元", "亿元", NULL};
    for (int c = 0; c < row->ncells; c++) {
        if (!row->cells[c][0]) continue;
        const char *key = jx_row_key(row, c);
        for (const char *u = strstr(key, "单位:"); u; u = strstr(u + 1, "单位:")) {
            const char *v = u + strlen("单位:");
            for (size_t i = 0; units[i]; i++)
                if (jx_starts_with(v, units[i])) {
                    p->default_scale = jx_money_label_scale(units[i]);
                    break;
                }
        }
    }
}

/*
** 1 when the 项目名称 label at cell c has a value: text after its colon, or a
** next filled cell that is neither a label nor a column heading.
*/
static int name_has_value(const jx_row *row, int c)
{
    char *iv;
    cell_label(row, c, &iv);
    int has = iv && iv[0];
    free(iv);
    if (has) return 1;
    for (int k = c + 1; k < row->ncells; k++) {
        if (!row->cells[k][0]) continue;
        field g = cell_label(row, k, &iv);
        free(iv);
        return g == F_NONE && !column_heading(jx_row_key(row, k));
    }
    return 0;
}

int jx_form_narrative_title(const char *cell)
{
    if (!cell || strlen(cell) > 300) return 0;
    char *key = jx_text_key(cell);
    int t = strstr(key, "项目经费") != NULL && jx_ends_with(key, "说明");
    free(key);
    return t;
}

int jx_form_narrative_row(const jx_row *row)
{
    if (jx_row_filled(row) != 1) return 0;
    const char *s = NULL;
    for (int c = 0; c < row->ncells && !s; c++)
        if (row->cells[c][0]) s = row->cells[c];
    if (jx_form_narrative_title(s)) return 1;
    /* a disclosure's section heading alone on the row: 其他相关情况说明, 部门预算编制说明 */
    size_t nchars = 0;
    for (const char *q = s; *q; q++) nchars += ((unsigned char)*q & 0xC0) != 0x80;
    if (nchars <= 20 && (jx_ends_with(s, "情况说明") || jx_ends_with(s, "编制说明")) &&
        !strstr(s, "，") && !strstr(s, "。"))
        return 1;
    /* 一、 … 十、 then a heading of at most 20 characters, no sentence */
    static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", NULL};
    const char *p = s;
    int n = 0;
    for (int hit = 1; hit;) {
        hit = 0;
        for (int k = 0; digits[k]; k++)
            if (jx_starts_with(p, digits[k])) { p += strlen(digits[k]); hit = 1; n++; break; }
    }
    if (n == 0 || n > 2 || !jx_starts_with(p, "、")) return 0;
    p += strlen("、");
    size_t chars = 0;
    for (const char *q = p; *q; q++) chars += ((unsigned char)*q & 0xC0) != 0x80;
    return chars >= 2 && chars <= 20 && !strstr(p, "，") && !strstr(p, "。");
}

int jx_form_starts_at(const jx_row *row)
{
    if (jx_part_title_kind(row) != JX_PART_NONE) return 1;
    for (int c = 0; c < row->ncells; c++) {
        if (!row->cells[c][0]) continue;
        char *iv;
        field f = cell_label(row, c, &iv);
        free(iv);
        if (f == JX_F_NAME && name_has_value(row, c)) return 1;
    }
    return 0;
}

/* 1 when text ends a sentence (。！？；) or a bracket or quote closes it. */
static int sentence_ends(const char *t)
{
    static const char *const ends[] = {"。", "！", "？", "；", ".", "!", "?", ";", "）", ")",
                                       "”", "》", NULL};
    for (size_t i = 0; ends[i]; i++)
        if (jx_ends_with(t, ends[i])) return 1;
    return 0;
}

/*
** The row right below a text field's last line, whose one cell is in the
** first column, continues that text when the text so far is unfinished
** (ends without 。！？；): appended, without a space between CJK text.
** 1 when the row was so taken.
*/
static int continues_text(parser *p, const jx_row *row)
{
    field f = p->last_field;
    if (f < 0 || jx_fields[f].type != JX_FT_TEXT || (jx_fields[f].flags & JX_FF_DERIVED) ||
        row->line != p->last_line + 1)
        return 0;
    char **slot = (char **)((char *)p->form + jx_fields[f].offset);
    if (!*slot || sentence_ends(*slot)) return 0;
    const char *add = row->cells[0];
    jx_buf b = {0};
    jx_buf_puts(&b, *slot);
    unsigned char last = (unsigned char)(*slot)[strlen(*slot) - 1];
    if (last < 0x80 && (unsigned char)add[0] < 0x80) jx_buf_putc(&b, ' ');
    jx_buf_puts(&b, add);
    free(*slot);
    *slot = jx_buf_take(&b);
    if (p->last_entry >= 0 && (size_t)p->last_entry < p->form->nfields) {
        jx_field *e = &p->form->fields[p->last_entry];
        jx_buf v = {0};
        if (e->value) jx_buf_puts(&v, e->value);
        if (e->value && last < 0x80 && (unsigned char)add[0] < 0x80) jx_buf_putc(&v, ' ');
        jx_buf_puts(&v, add);
        free(e->value);
        e->value = jx_buf_take(&v);
    }
    p->last_line = row->line;
    return 1;
}

/* A row outside the indicator table: labels and their values. */
static jx_status header_row(parser *p, const jx_row *row)
{
    int nlabels = 0, first_filled = -1;
    if (p->form) note_money_unit(p, row);
    for (int c = 0; c < row->ncells; c++) {
        const char *cell = row->cells[c];
        if (!cell[0]) continue;
        if (first_filled < 0) first_filled = c;
        char *inline_value;
        field f = cell_label(row, c, &inline_value);
        if (f == F_NONE) continue;
        nlabels++;
        p->labels_seen++;
        if (f == JX_F_NAME && p->form && p->form->name && name_has_value(row, c)) {
            free(inline_value);
            jx_status st = end_form(p);
            if (st != JX_OK) return st;
            begin_form(p, row->line);
            return header_row(p, row);
        }
        /* The value: inline, else the next cell that is neither a label nor a column heading. */
        const char *value = inline_value;
        int value_col = c;
        if (!value) {
            for (int k = c + 1; k < row->ncells; k++) {
                if (!row->cells[k][0]) continue;
                char *iv;
                field g = cell_label(row, k, &iv);
                free(iv);
                if (g == F_NONE && !column_heading(jx_row_key(row, k))) {
                    value = row->cells[k];
                    value_col = k;
                }
                break;
            }
        }
        if (!p->form) {
            if (f != JX_F_NAME || !value) { free(inline_value); continue; }   /* no form starts */
            begin_form(p, row->line);
        }
        c = value_col;
        if (f == JX_F_COMPONENTS || f == JX_F_COMPONENT_NAME) p->in_components = 1;
        if (f == JX_F_COMPONENT_AMOUNT) p->component_scale = jx_money_label_scale(cell);
        size_t label_len = inline_value ? inline_label_len(cell) : strlen(cell);
        long entry = add_entry(p, cell, label_len, value, row->line);
        if (f == JX_F_LONG_GOAL && !p->form->long_goal_years.start &&
            !bracket_years(cell, &p->form->long_goal_years) && value)
            bracket_years(value, &p->form->long_goal_years);
        if (!value && (jx_fields[f].flags & JX_FF_BELOW) && p->npending < MAX_PENDING) {
            p->pending[p->npending].col = c;
            p->pending[p->npending].f = f;
            p->pending[p->npending].entry = entry;
            p->npending++;
        }
        p->last_field = f;
        p->last_entry = entry;
        p->last_line = row->line;
        jx_status st = apply_field(p, f, cell, value, row->line);
        free(inline_value);
        if (st != JX_OK) return st;
    }
    if (!p->form || nlabels > 0) return JX_OK;
    if (p->npending) { fill_pending(p, row); return JX_OK; }
    /* A text cell wrapped over lines by a converter that kept no quotes: the
       next line, one cell in the first column, continues an unfinished text. */
    if (first_filled == 0 && jx_row_filled(row) == 1 && continues_text(p, row)) return JX_OK;
    /* A row without labels continues the field above (merged label cell). */
    if (first_filled > 0 && p->last_field >= 0 && jx_fields[p->last_field].type == JX_FT_CHOICE) {
        for (int c = first_filled; c < row->ncells; c++)
            if (row->cells[c][0]) {
                note_value(p, p->last_entry, p->last_field, row->cells[c]);
                apply_field(p, p->last_field, "", row->cells[c], row->line);
            }
    }
    return JX_OK;
}

/*
** A value and the next label in one cell, as a PDF extractor joins them
** ("1,200,000.00 年度资金申请总额", "1,200,000.00年度资金申请总额"): an amount
** first, then text that is a label of the field table. *out gets the row with
** such cells cut in two (cells owned by *out); 0 when the row has none.
*/
static int split_glued_values(const jx_row *row, jx_row *out)
{
    int n = 0;
    size_t *cut = jx_xcalloc((size_t)row->ncells + 1, sizeof *cut);
    for (int c = 0; c < row->ncells; c++) {
        const char *s = row->cells[c];
        if (!digit_len(s)) continue;
        size_t i = 0;
        while (s[i] && (digit_len(s + i) || s[i] == ',' || s[i] == '.' ||
                        !strncmp(s + i, "\xef\xbc\x8c", 3) || !strncmp(s + i, "\xef\xbc\x8e", 3)))
            i += digit_len(s + i) ? digit_len(s + i) : s[i] == ',' || s[i] == '.' ? 1 : 3;
        size_t j = i;
        while (s[j] == ' ') j++;
        if (!s[j] || (unsigned char)s[j] < 0x80) continue;
        char *num = jx_strndup(s, i);
        long long fen;
        int amount = jx_money_parse(num, 1, &fen);
        free(num);
        if (!amount) continue;
        char *key = jx_text_key(s + j);
        int label = key_field(key) != F_NONE;
        free(key);
        if (!label) continue;
        cut[c] = i;
        n++;
    }
    if (!n) { free(cut); return 0; }
    *out = *row;
    out->keys = NULL;
    out->xs = NULL;
    out->nxs = 0;
    out->ncells = row->ncells + n;
    out->cells = jx_xmalloc((size_t)out->ncells * sizeof *out->cells);
    int k = 0;
    for (int c = 0; c < row->ncells; c++) {
        const char *s = row->cells[c];
        if (!cut[c]) { out->cells[k++] = jx_strdup(s); continue; }
        const char *rest = s + cut[c];
        while (*rest == ' ') rest++;
        out->cells[k++] = jx_strndup(s, cut[c]);
        out->cells[k++] = jx_strdup(rest);
    }
    free(cut);
    return 1;
}

/* Free a row made by split_glued_values. */
static void free_split_row(jx_row *r)
{
    for (int c = 0; c < r->ncells; c++) {
        free(r->cells[c]);
        if (r->keys) free(r->keys[c]);
    }
    free(r->cells);
    free(r->keys);
}

/* First filled cell of a row is a header label (ends the indicator table). */
static int starts_with_label(const jx_row *row)
{
    for (int c = 0; c < row->ncells; c++) {
        if (!row->cells[c][0]) continue;
        const char *key = jx_row_key(row, c);
        int stray = jx_key_listed(key, jx_page_label_keys);
        if (stray) continue;
        char *iv;
        field f = cell_label(row, c, &iv);
        free(iv);
        return f != F_NONE;
    }
    return 0;
}

jx_status jx_parse_forms(const jx_rows *rows, const char *file,
                         jx_form_list *forms, jx_error *err)
{
    jx_form_carry carry = {0};
    return jx_parse_forms_part(rows, file, forms, &carry, err);
}

jx_status jx_parse_forms_part(const jx_rows *rows, const char *file, jx_form_list *forms,
                              jx_form_carry *carry, jx_error *err)
{
    /* Layouts that lost the columns: table rows rebuilt by cell class first. */
    jx_rows regrouped = {0};
    if (jx_regroup(rows, &regrouped)) rows = &regrouped;
    parser p = {0};
    p.file = file;
    p.out = forms;
    p.err = err;
    p.component_scale = carry->component_scale ? carry->component_scale : 1;
    p.default_scale = 1;
    p.col_target = -1;
    p.col_extra = -1;
    size_t before = forms->count;
    jx_status st = JX_OK;
    for (size_t i = 0; i < rows->count && st == JX_OK; i++) {
        const jx_row *row = &rows->items[i];
        if (i > 0 && row->section != p.section) {   /* a section boundary ends the form */
            st = end_form(&p);
            reset_form_state(&p);
            if (st != JX_OK) break;
        }
        p.section = row->section;
        /* A self-evaluation or monitoring part (lib/evaluate reads it): ends the
           form, and its rows (项目名称 and all) are none of the parser's until
           the next form title or worksheet. */
        if (i > 0 && row->section != rows->items[i - 1].section) p.foreign = 0;
        if (jx_part_title_kind(row) > JX_PART_FORM) {
            st = end_form(&p);
            p.foreign = 1;
            continue;
        }
        if (p.foreign && !is_title_row(row)) continue;
        p.foreign = 0;
        if (is_title_row(row)) {
            st = end_form(&p);
            begin_form(&p, row->line);
            for (int c = 0; c < row->ncells; c++)
                if (row->cells[c][0]) p.form_title = row->cells[c];
            if (p.form_title) p.form->year = title_year(p.form_title);
            continue;
        }
        int tcol, xcol;
        if (p.form && is_table_header(row, &tcol, &xcol)) {
            if (!p.in_table && !p.table_line) {
                p.table_line = row->line;
                p.col_target = tcol;
                p.col_extra = xcol;
            }
            p.in_table = 1;
            p.in_components = 0;
            p.npending = 0;
            continue;
        }
        if (p.in_table) {
            if (!row->prose && !starts_with_label(row) && !jx_form_narrative_row(row)) {
                stage_row(&p, row);
                continue;
            }
            p.in_table = 0;
        }
        /* Running text after a form's table belongs to what follows (a narrative). */
        if (row->prose && p.table_line && !is_title_row(row)) continue;
        int year = row_year(row);
        if (year) {
            if (p.form && !p.form->year) p.form->year = year;
            continue;
        }
        if (p.in_components && p.form) {
            int label_row = 0;
            for (int c = 0; c < row->ncells && !label_row; c++) {
                char *iv;
                field f = row->cells[c][0] ? cell_label(row, c, &iv) : F_NONE;
                if (f != F_NONE) free(iv);
                label_row = f != F_NONE && f != JX_F_COMPONENTS && f != JX_F_COMPONENT_NAME &&
                            f != JX_F_COMPONENT_AMOUNT;
                if (f == JX_F_COMPONENT_NAME || f == JX_F_COMPONENT_AMOUNT) { label_row = -1; break; }
            }
            if (label_row == 0) st = component_row(&p, row);
            else if (label_row > 0) p.in_components = 0;
            if (label_row == 0 && st == JX_OK) continue;
        }
        if (st == JX_OK) {
            jx_row split;
            if (split_glued_values(row, &split)) {
                st = header_row(&p, &split);
                free_split_row(&split);
            } else {
                st = header_row(&p, row);
            }
        }
        if (st != JX_OK && st != JX_ENOMEM && st != JX_ESYS) {
            /* A bad field: the form it is in is skipped, the rest of the rows read on. */
            name_section(err, p.section);
            skip_form(&p, p.form ? p.form->name : NULL);
            jx_form_free(p.form);
            p.form = NULL;
            reset_form_state(&p);
            st = JX_OK;
        }
    }
    if (st == JX_OK) st = end_form(&p);
    else { name_section(err, p.section); jx_form_free(p.form); p.form = NULL; }
    reset_form_state(&p);
    free(p.staged);
    carry->component_scale = p.component_scale;
    if (st != JX_OK) {
        while (forms->count > before) jx_form_free(forms->items[--forms->count]);
    }
    jx_rows_free(&regrouped);
    return st;
}

/* Exported predicates for the regrouper (lib/form/regroup.c): one definition each. */
int jx_form_is_label(const char *text)
{
    char *cell = jx_strdup(text);
    char **cells = jx_xmalloc(sizeof *cells);
    cells[0] = cell;
    jx_row row = {.line = 0, .ncells = 1, .cells = cells};
    char *iv;
    field f = cell_label(&row, 0, &iv);
    free(iv);
    free(cell);
    free(cells);
    if (row.keys) { free(row.keys[0]); free(row.keys); }
    return f != F_NONE;
}

int jx_form_is_title(const jx_row *row)
{
    return is_title_row(row);
}

int jx_form_is_table_header(const jx_row *row)
{
    int t, x;
    return is_table_header(row, &t, &x) && t >= 0;
}
