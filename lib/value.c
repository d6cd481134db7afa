/*
** value.c - the target-value grammar (指标值): text -> {op, value, unit, kind}.
**
** The text is first normalised (NFKC: full-width signs and digits become
** ASCII; whitespace removed). Then the first number that is a quantity is
** taken with the comparison words around it:
**   before it:  ≥ ≤ = > < ~ ≈, 不低于/不少于/至少/达到 (>=), 不超过/不多于/不高于
**               (<=), 大于/超过/高于 (>), 小于/低于/少于 (<), 约/大约 (~),
**               每月/每年… (a rate per period, appended to the unit);
**   after it:   a scale (万, 亿, 千 before a unit), the unit, then 以上 (>=),
**               以下/以内 (<=), 左右 (~), or "-N"/"~N"/"至N" (a range).
** Fractions written in words (千分之一, 百分之九十) are percentages.
** Numbers that are dates or years (2019年, 2020-12-31) or list markers
** ("1、", "1.") are not quantities. Text without a quantity is qualitative.
*/
#include "jixiao/value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "jixiao/util.h"

const char *jx_op_name(jx_op op)
{
    static const char *const names[] = {NULL, ">=", "<=", "=", ">", "<", "~", "range"};
    return (op >= JX_OP_NONE && op <= JX_OP_RANGE) ? names[op] : NULL;
}

jx_op jx_op_from_name(const char *name)
{
    for (int op = JX_OP_GE; name && op <= JX_OP_RANGE; op++)
        if (!strcmp(name, jx_op_name((jx_op)op))) return (jx_op)op;
    return JX_OP_NONE;
}

/* Words before a number and the operator they give. Longest first. */
static const struct word { const char *text; jx_op op; } prefix_words[] = {
    {"不低于", JX_OP_GE}, {"不少于", JX_OP_GE}, {"至少", JX_OP_GE}, {"达到", JX_OP_GE},
    {"不小于", JX_OP_GE}, {"大于等于", JX_OP_GE}, {"不超过", JX_OP_LE}, {"不多于", JX_OP_LE},
    {"不高于", JX_OP_LE}, {"不大于", JX_OP_LE}, {"小于等于", JX_OP_LE}, {"控制在", JX_OP_LE},
    {"大于", JX_OP_GT}, {"超过", JX_OP_GT}, {"高于", JX_OP_GT}, {"多于", JX_OP_GT},
    {"小于", JX_OP_LT}, {"低于", JX_OP_LT}, {"少于", JX_OP_LT}, {"大约", JX_OP_APPROX},
    {"约为", JX_OP_APPROX}, {"约", JX_OP_APPROX},
    {">=", JX_OP_GE}, {"<=", JX_OP_LE}, {"≥", JX_OP_GE}, {"≤", JX_OP_LE}, {"≧", JX_OP_GE},
    {"≦", JX_OP_LE}, {"⩾", JX_OP_GE}, {"⩽", JX_OP_LE}, {"==", JX_OP_EQ}, {"=", JX_OP_EQ},
    {">", JX_OP_GT}, {"<", JX_OP_LT}, {"≈", JX_OP_APPROX}, {"~", JX_OP_APPROX},
    {"∼", JX_OP_APPROX}, {NULL, JX_OP_NONE},
};

/* Words after a number (and its unit) and the operator they give. */
static const struct word suffix_words[] = {
    {"以上", JX_OP_GE}, {"及以上", JX_OP_GE}, {"以下", JX_OP_LE}, {"及以下", JX_OP_LE},
    {"以内", JX_OP_LE}, {"之内", JX_OP_LE}, {"内", JX_OP_LE}, {"左右", JX_OP_APPROX},
    {"上下", JX_OP_APPROX}, {NULL, JX_OP_NONE},
};

/* Period words that make a target a rate per period. */
static const struct period { const char *text, *unit; } periods[] = {
    {"每日", "/日"}, {"每天", "/日"}, {"每周", "/周"}, {"每月", "/月"}, {"每季度", "/季度"},
    {"每季", "/季度"}, {"每年", "/年"}, {"每人", "/人"}, {"人均", NULL}, {NULL, NULL},
};

/* Units are the characters after the number up to one of these. */
static const char *const unit_stops[] = {"以上", "以下", "以内", "之内", "左右", "上下", "及",
                                         "，", ",", "；", ";", "。", "、", "(", ")", "（", "）",
                                         "：", ":", "或", "且", "和", "为", "的", "-", "~", "至",
                                         "内", " ", NULL};

/* Length of the word of list at s, 0 if none; *op gets its operator. */
static size_t match_word(const char *s, const struct word *list, jx_op *op)
{
    for (size_t i = 0; list[i].text; i++) {
        size_t n = strlen(list[i].text);
        if (!strncmp(s, list[i].text, n)) { *op = list[i].op; return n; }
    }
    return 0;
}

/* Byte length of the UTF-8 character at s (1 for invalid bytes). */
static size_t char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    for (size_t i = 1; i < n; i++)
        if (((unsigned char)s[i] >> 6) != 2) return 1;
    return n;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Parse a decimal number at s (digits, optional thousands commas, optional fraction). */
static size_t parse_number(const char *s, double *out)
{
    size_t i = 0;
    double v = 0;
    while (is_digit(s[i]) || (s[i] == ',' && is_digit(s[i + 1]) && i > 0)) {
        if (s[i] != ',') v = v * 10 + (s[i] - '0');
        i++;
    }
    if (s[i] == '.' && is_digit(s[i + 1])) {
        double scale = 0.1;
        for (i++; is_digit(s[i]); i++, scale /= 10) v += (s[i] - '0') * scale;
    }
    *out = v;
    return i;
}

/* Value of a Chinese numeral word (一 … 九十九, 百, 千) at s; 0 bytes if none. */
static size_t parse_cn_number(const char *s, double *out)
{
    static const char *const digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", NULL};
    size_t i = 0;
    double total = 0, cur = 0;
    int any = 0;
    for (;;) {
        int d = -1;
        for (int k = 0; digits[k]; k++)
            if (!strncmp(s + i, digits[k], strlen(digits[k]))) { d = k; i += strlen(digits[k]); break; }
        if (d >= 0) { cur = d; any = 1; continue; }
        if (!strncmp(s + i, "十", strlen("十"))) { total += (any && cur ? cur : 1) * 10; cur = 0; any = 1; i += strlen("十"); continue; }
        if (!strncmp(s + i, "百", strlen("百"))) { total += (cur ? cur : 1) * 100; cur = 0; any = 1; i += strlen("百"); continue; }
        break;
    }
    *out = total + cur;
    return any ? i : 0;
}

/* 千分之一 / 百分之九十 / 万分之五 at s: the value in percent. */
static size_t parse_fraction(const char *s, double *pct)
{
    static const struct { const char *text; double per; } bases[] = {
        {"百分之", 1}, {"千分之", 0.1}, {"万分之", 0.01}};
    for (size_t b = 0; b < 3; b++) {
        size_t n = strlen(bases[b].text);
        if (strncmp(s, bases[b].text, n) != 0) continue;
        double v;
        size_t m = is_digit(s[n]) ? parse_number(s + n, &v) : parse_cn_number(s + n, &v);
        if (!m) return 0;
        *pct = v * bases[b].per;
        return n + m;
    }
    return 0;
}

/*
** 1 when the number at [s, s+n) is not a quantity: a year or date
** (2019年, 2020-12-31, 2019.1.1), or a list marker ("1、", "1.", "①").
*/
static int not_a_quantity(const char *text, const char *s, size_t n)
{
    const char *after = s + n;
    if (!strncmp(after, "年", strlen("年")) && n == 4) return 1;
    if (!strncmp(after, "月", strlen("月")) || !strncmp(after, "日", strlen("日")) ||
        !strncmp(after, "号", strlen("号")))
        return 1;
    if (n == 4 && (after[0] == '-' || after[0] == '/') && is_digit(after[1])) return 1;
    if (!strncmp(after, "、", strlen("、"))) return 1;
    if (after[0] == '.' && !is_digit(after[1]) && s == text) return 1;
    if (s > text && (s[-1] == '-' || s[-1] == '/') && s - text >= 5 && is_digit(s[-2])) return 1;
    return 0;
}

/* The operator written just before position pos (skipping nothing). */
static jx_op op_before(const char *text, const char *pos)
{
    jx_op op = JX_OP_NONE;
    for (size_t back = 1; back <= 12 && pos - back >= text; back++) {
        jx_op o;
        size_t n = match_word(pos - back, prefix_words, &o);
        if (n == back) op = o;   /* longest match wins as back grows */
    }
    return op;
}

/* Copy the unit at s into out (stops at a suffix word, a comparison or punctuation). */
static size_t read_unit(const char *s, char *out, size_t size)
{
    size_t i = 0;
    if (s[0] == '%') {          /* a percent sign is the whole unit */
        snprintf(out, size, "%%");
        return 1;
    }
    while (s[i]) {
        int stop = 0;
        for (size_t k = 0; unit_stops[k] && !stop; k++)
            stop = !strncmp(s + i, unit_stops[k], strlen(unit_stops[k]));
        jx_op op;
        if (stop || is_digit(s[i]) || match_word(s + i, prefix_words, &op)) break;
        size_t cl = char_len(s + i);
        if (i + cl >= size) break;
        i += cl;
    }
    memcpy(out, s, i);
    out[i] = '\0';
    return i;
}

/*
** The text with full-width forms made ASCII (＞ → >, ％ → %, ２ → 2,
** （ → () and whitespace removed, as a new malloc'd string. This is the part
** of NFKC the grammar needs; full NFKC would also turn ² into 2 (m² → m2).
** Invalid UTF-8 bytes are dropped.
*/
static char *normalise(const char *text)
{
    jx_buf b = {0};
    jx_buf_puts(&b, "");
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
        if (n <= 0) { p++; continue; }
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
        if (cp == 0x3000 || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0) {
            p += n;
            continue;
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(cp, enc);
        jx_buf_append(&b, (const char *)enc, (size_t)m);
        p += n;
    }
    return jx_buf_take(&b);
}

void jx_value_parse(const char *text, jx_value *out)
{
    memset(out, 0, sizeof *out);
    out->op = JX_OP_NONE;
    out->kind = JX_KIND_QUALITATIVE;
    if (!text || !*text) return;
    char *s = normalise(text);
    for (const char *p = s; *p; p += char_len(p)) {
        double v, pct;
        size_t n;
        if ((n = parse_fraction(p, &pct)) > 0) {
            out->kind = JX_KIND_QUANTITATIVE;
            out->value = out->value_max = pct;
            snprintf(out->unit, sizeof out->unit, "%%");
            jx_op op = op_before(s, p);
            jx_op after;
            size_t m = match_word(p + n, suffix_words, &after);
            out->op = op != JX_OP_NONE ? op : m ? after : JX_OP_EQ;
            break;
        }
        if (!is_digit(*p) || (p > s && (is_digit(p[-1]) || p[-1] == '.'))) continue;
        n = parse_number(p, &v);
        if (not_a_quantity(s, p, n)) { p += n - 1; continue; }
        const char *q = p + n;
        double scale = 1;
        if (!strncmp(q, "万", strlen("万"))) { scale = 10000; q += strlen("万"); }
        else if (!strncmp(q, "亿", strlen("亿"))) { scale = 1e8; q += strlen("亿"); }
        out->kind = JX_KIND_QUANTITATIVE;
        out->value = out->value_max = v * scale;
        jx_op op = op_before(s, p);
        /* a range: 90%-95%, 90~95%, 3至5个 */
        const char *r = q;
        char unit[JX_UNIT_MAX];
        if (*r == '(') {                          /* =100.00(%), =2.00(场) */
            const char *close = strchr(r, ')');
            size_t ulen = close ? (size_t)(close - r - 1) : 0;
            if (close && ulen < sizeof unit) {
                memcpy(unit, r + 1, ulen);
                unit[ulen] = '\0';
                r = close + 1;
            } else {
                unit[0] = '\0';
            }
        } else {
            r += read_unit(r, unit, sizeof unit);
        }
        size_t sep = (*r == '-' || *r == '~') ? 1 : !strncmp(r, "至", strlen("至")) ? strlen("至") : 0;
        double hi;
        size_t hn = sep && is_digit(r[sep]) ? parse_number(r + sep, &hi) : 0;
        if (hn && op == JX_OP_NONE) {
            out->op = JX_OP_RANGE;
            out->value_max = hi * scale;
            q = r + sep + hn;
            if (!unit[0]) read_unit(q, unit, sizeof unit);
            else if (!strncmp(q, unit, strlen(unit))) q += strlen(unit);
        } else {
            q = r;
        }
        snprintf(out->unit, sizeof out->unit, "%s", unit);
        if (out->op != JX_OP_RANGE) {
            jx_op after = JX_OP_NONE;
            match_word(q, suffix_words, &after);
            out->op = op != JX_OP_NONE ? op : after != JX_OP_NONE ? after : JX_OP_EQ;
            if (op == JX_OP_NONE && after == JX_OP_NONE) {
                /* 人均3次以上 / 每月200人次: period words before the number */
                for (size_t k = 0; periods[k].text; k++) {
                    const char *w = strstr(s, periods[k].text);
                    if (w && w < p && periods[k].unit && out->unit[0]) {
                        size_t len = strlen(out->unit);
                        snprintf(out->unit + len, sizeof out->unit - len, "%s", periods[k].unit);
                        break;
                    }
                }
            }
        }
        break;
    }
    free(s);
}
