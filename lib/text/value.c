/*
** value.c - the target-value grammar (指标值): text -> {op, value, unit, kind}.
**
** The text is first normalised: NFKC (utf8proc) so that full-width signs,
** digits and brackets become ASCII (＞95％ -> >95%, （场） -> (场)), with the
** superscripts of units kept (m², ℃), variant signs folded (≧ -> ≥, 〜 -> ~),
** circled list markers (①) turned into a separator, invalid UTF-8 bytes
** dropped and all whitespace removed.
**
** Then the text is scanned for the first number that is a quantity:
**   Arabic    98, 4.97, 5,205,200, -5, with a scale (2.6万, 3亿, 3千人);
**   fraction  千分之一 (0.1%), 百分之九十 (90%), 万分之五, 三分之一;
**   Chinese   两, 三, 二十 - only with a comparison word or a range (不少于
**             两次, 三次以上, 三至五个) and a measure word, so that 三级 or
**             一般 stay words.
** Numbers that are years or dates (2019年, 2020-12-31, 12月), times (9:00),
** list markers (1、 1. (1) ①), ordinals (第3), reference periods (前3年)
** or parts of a code (PM2.5, G60) are skipped. Around the number:
**   before  ≥ ≤ = > < ~ ≈ and 不低于/不超过/大于/约… (the operator);
**           每月/每年… anywhere earlier in the clause (a rate: unit "人次/月");
**   after   the unit ("(%)" unwrapped), "-95%" / "~95%" / "至5个" (a range),
**           then 以上/以下/以内/左右… (the operator when no sign came before;
**           it also overrides the weak 达到/控制在: 控制在90%左右 is ~).
** Text without such a number is qualitative. Nothing here can fail.
*/
#include "jixiao/value.h"

#include <float.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "jixiao/util.h"
#include "text.h"

/* A unit is a short measure word (个班次, 元/分钟); longer runs are prose. */
#define UNIT_CHARS 8

/* How far back (bytes) a period word such as 每月 may stand before its number. */
#define PERIOD_LOOKBACK 96

/* Private-use code points stand in for kept characters while NFKC runs. */
#define KEPT_BASE 0xE000

/* ------------------------------------------------------------------ */
/* Operator names                                                      */
/* ------------------------------------------------------------------ */

/* The short name of op used in exports and the store; NULL for NONE. */
const char *jx_op_name(jx_op op)
{
    switch (op) {
    case JX_OP_GE: return ">=";
    case JX_OP_LE: return "<=";
    case JX_OP_EQ: return "=";
    case JX_OP_GT: return ">";
    case JX_OP_LT: return "<";
    case JX_OP_APPROX: return "~";
    case JX_OP_RANGE: return "range";
    case JX_OP_NONE: break;
    }
    return NULL;
}

/* The operator a stored name stands for; unknown names are NONE. */
jx_op jx_op_from_name(const char *name)
{
    if (!name) return JX_OP_NONE;
    for (int op = JX_OP_GE; op <= JX_OP_RANGE; op++)
        if (strcmp(name, jx_op_name((jx_op)op)) == 0) return (jx_op)op;
    return JX_OP_NONE;
}

/* ------------------------------------------------------------------ */
/* Small text helpers (all on valid, NUL-terminated UTF-8)             */
/* ------------------------------------------------------------------ */

/* 1 for an ASCII digit. */
static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* 1 for an ASCII letter: a digit glued to one is part of a code (PM2.5). */
static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Byte length of the character at p (the text is valid UTF-8 here). */
static size_t char_len(const char *p)
{
    unsigned char c = (unsigned char)*p;
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Length of w when p starts with it, else 0. */
static size_t starts(const char *p, const char *w)
{
    if (*p != *w) return 0;                       /* the common case, cheaply */
    size_t n = strlen(w);
    return strncmp(p, w, n) == 0 ? n : 0;
}

/* Length of w when the text s ends with w just before p, else 0. */
static size_t ends_before(const char *s, const char *p, const char *w)
{
    size_t n = strlen(w);
    return (size_t)(p - s) >= n && memcmp(p - n, w, n) == 0 ? n : 0;
}

/* Length of the first word of list (NULL-terminated) that p starts with. */
static size_t starts_any(const char *p, const char *const *list)
{
    for (size_t i = 0; list[i]; i++) {
        size_t n = starts(p, list[i]);
        if (n) return n;
    }
    return 0;
}

/* The code point at p (0 at the end of the text). */
static utf8proc_int32_t code_point(const char *p)
{
    utf8proc_int32_t cp = 0;
    if (*p) utf8proc_iterate((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)char_len(p), &cp);
    return cp < 0 ? 0 : cp;
}

/* 1 when cp is punctuation or a math sign, which ends a unit or clause; / % ‰ · are not. */
static int is_punct(utf8proc_int32_t cp)
{
    if (cp == '/' || cp == '%' || cp == 0x2030 || cp == 0xB7) return 0;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: case UTF8PROC_CATEGORY_SM:
        return 1;
    default:
        return 0;
    }
}

/* 1 when p starts a clause: the start of the text or just after punctuation. */
static int clause_start(const char *s, const char *p)
{
    if (p == s) return 1;
    const char *q = p - 1;
    while (q > s && ((unsigned char)*q & 0xC0) == 0x80) q--;
    return is_punct(code_point(q));
}

/* Copy n bytes of src into the unit buffer u, cut at a character boundary to fit. */
static void set_unit(char *u, size_t size, const char *src, size_t n)
{
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80) n--;
    }
    memcpy(u, src, n);
    u[n] = '\0';
}

/* ------------------------------------------------------------------ */
/* Normalisation                                                       */
/* ------------------------------------------------------------------ */

/* Characters NFKC would flatten that a unit needs kept: m², m³, ℃. */
static const utf8proc_int32_t kept[] = {
    0xB2, 0xB3, 0xB9, 0x2070, 0x2074, 0x2075, 0x2076, 0x2077, 0x2078, 0x2079, 0x2103,
};
#define NKEPT (sizeof kept / sizeof *kept)

/* Index of cp in kept[], or -1. */
static int kept_index(utf8proc_int32_t cp)
{
    for (size_t i = 0; i < NKEPT; i++)
        if (kept[i] == cp) return (int)i;
    return -1;
}

/* 1 for ①, ⑴, ⒈, ❶, ㈠, ㊀ and the like: list markers that NFKC would make digits. */
static int is_enclosed_marker(utf8proc_int32_t cp)
{
    return (cp >= 0x2460 && cp <= 0x24FF) || (cp >= 0x2776 && cp <= 0x2793) ||
           (cp >= 0x3220 && cp <= 0x3243) || (cp >= 0x3251 && cp <= 0x325F) ||
           (cp >= 0x3280 && cp <= 0x32BF);
}

/* Append the UTF-8 encoding of cp to b. */
static void put_cp(jx_buf *b, utf8proc_int32_t cp)
{
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, enc);
    jx_buf_append(b, (const char *)enc, (size_t)n);
}

/*
** Before NFKC: drop invalid bytes and private-use characters, turn circled
** list markers into ';', and hide the kept characters (², ℃; ㎡ -> m²) in
** the private-use area. Returns a malloc'd, valid UTF-8 string.
*/
static char *protect(const char *text)
{
    jx_buf b = {0};
    jx_buf_puts(&b, "");
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    size_t left = strlen(text);
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)left, &cp);
        if (n <= 0) { p++; left--; continue; }
        p += n;
        left -= (size_t)n;
        if (cp >= 0xE000 && cp <= 0xF8FF) continue;
        if (is_enclosed_marker(cp)) { jx_buf_putc(&b, ';'); continue; }
        if (cp == 0x33A1 || cp == 0x33A5) {          /* ㎡ ㎥ */
            jx_buf_putc(&b, 'm');
            cp = cp == 0x33A1 ? 0xB2 : 0xB3;
        }
        int k = kept_index(cp);
        put_cp(&b, k >= 0 ? KEPT_BASE + k : cp);
    }
    return jx_buf_take(&b);
}

/* The folded form of one code point after NFKC (≧ -> ≥, 〜 -> ~, – -> -). */
static utf8proc_int32_t fold(utf8proc_int32_t cp)
{
    if (cp >= KEPT_BASE && cp < KEPT_BASE + (utf8proc_int32_t)NKEPT) return kept[cp - KEPT_BASE];
    switch (cp) {
    case 0x2267: case 0x2A7E: case 0x226E: return 0x2265;  /* ≧ ⩾ ≮ -> ≥ */
    case 0x2266: case 0x2A7D: case 0x226F: return 0x2264;  /* ≦ ⩽ ≯ -> ≤ */
    case 0x301C: case 0x223C: return '~';                  /* 〜 ∼ */
    case 0x2212: case 0x2E3A: case 0x2E3B: return '-';     /* − ⸺ ⸻ */
    default:
        return cp >= 0x2010 && cp <= 0x2015 ? '-' : cp;    /* ‐ ‑ ‒ – — ― */
    }
}

/* 1 for characters the grammar ignores: whitespace, controls, format marks. */
static int is_ignorable(utf8proc_int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF:
        return 1;
    default:
        return 0;
    }
}

/* After NFKC: restore kept characters, fold variants, drop whitespace. */
static char *tidy(const char *text)
{
    jx_buf b = {0};
    jx_buf_puts(&b, "");
    for (const char *p = text; *p; p += char_len(p)) {
        utf8proc_int32_t cp = code_point(p);
        if (!is_ignorable(cp)) put_cp(&b, fold(cp));
    }
    return jx_buf_take(&b);
}

/* The text in the form the grammar reads (see the top of the file); malloc'd. */
static char *normalise(const char *text)
{
    char *safe = protect(text);
    char *nfkc = jx_text_nfkc(safe);
    char *out = tidy(nfkc ? nfkc : safe);
    free(nfkc);
    free(safe);
    return out;
}

/* ------------------------------------------------------------------ */
/* Words                                                               */
/* ------------------------------------------------------------------ */

/* A word that gives an operator. weak: a word after the number overrides it. */
typedef struct opword {
    const char *text;
    jx_op op;
    int weak;
} opword;

/* Comparison words and signs before a number (the longest one wins). */
static const opword prefix_ops[] = {
    {"≥", JX_OP_GE, 0}, {">=", JX_OP_GE, 0}, {"≥=", JX_OP_GE, 0}, {"=>", JX_OP_GE, 0},
    {"不低于", JX_OP_GE, 0}, {"不少于", JX_OP_GE, 0}, {"不小于", JX_OP_GE, 0},
    {"至少", JX_OP_GE, 0}, {"大于等于", JX_OP_GE, 0}, {"大于或等于", JX_OP_GE, 0},
    {"不得低于", JX_OP_GE, 0}, {"不得少于", JX_OP_GE, 0}, {"不得小于", JX_OP_GE, 0},
    {"不应低于", JX_OP_GE, 0}, {"不应少于", JX_OP_GE, 0}, {"最少", JX_OP_GE, 0},
    {"最低", JX_OP_GE, 0}, {"达到", JX_OP_GE, 1},
    {"≤", JX_OP_LE, 0}, {"<=", JX_OP_LE, 0}, {"≤=", JX_OP_LE, 0}, {"=<", JX_OP_LE, 0},
    {"不超过", JX_OP_LE, 0}, {"不多于", JX_OP_LE, 0}, {"不高于", JX_OP_LE, 0},
    {"不大于", JX_OP_LE, 0}, {"小于等于", JX_OP_LE, 0}, {"小于或等于", JX_OP_LE, 0},
    {"不得超过", JX_OP_LE, 0}, {"不得高于", JX_OP_LE, 0}, {"不得多于", JX_OP_LE, 0},
    {"不得大于", JX_OP_LE, 0}, {"不应超过", JX_OP_LE, 0}, {"不应高于", JX_OP_LE, 0},
    {"最多", JX_OP_LE, 0}, {"最高", JX_OP_LE, 0}, {"控制在", JX_OP_LE, 1},
    {"=", JX_OP_EQ, 0}, {"==", JX_OP_EQ, 0}, {"等于", JX_OP_EQ, 0},
    {">", JX_OP_GT, 0}, {"大于", JX_OP_GT, 0}, {"超过", JX_OP_GT, 0}, {"高于", JX_OP_GT, 0},
    {"多于", JX_OP_GT, 0},
    {"<", JX_OP_LT, 0}, {"小于", JX_OP_LT, 0}, {"低于", JX_OP_LT, 0}, {"少于", JX_OP_LT, 0},
    {"不足", JX_OP_LT, 0}, {"不到", JX_OP_LT, 0},
    {"约", JX_OP_APPROX, 0}, {"大约", JX_OP_APPROX, 0}, {"约为", JX_OP_APPROX, 0},
    {"≈", JX_OP_APPROX, 0}, {"~", JX_OP_APPROX, 0},
    {NULL, JX_OP_NONE, 0},
};

/* Words after a number and its unit (以内/之内/内 are handled by is_within). */
static const opword suffix_ops[] = {
    {"及以上", JX_OP_GE, 0}, {"或以上", JX_OP_GE, 0}, {"以上", JX_OP_GE, 0},
    {"及以下", JX_OP_LE, 0}, {"或以下", JX_OP_LE, 0}, {"以下", JX_OP_LE, 0},
    {"以内", JX_OP_LE, 0}, {"之内", JX_OP_LE, 0}, {"左右", JX_OP_APPROX, 0},
    {NULL, JX_OP_NONE, 0},
};

/* Words that end a unit without giving an operator (3至5个, 3人到岗, 100%及时). */
static const char *const unit_stops[] = {
    "以上", "以下", "以内", "之内", "左右", "及", "或", "和", "与", "且", "并", "等", "的",
    "为", "至", "到", NULL,
};

/* Units of time and distance: "30分钟内" means within 30 minutes. */
static const char *const span_units[] = {
    "秒", "分钟", "小时", "天", "日", "周", "月", "季度", "年", "米", "公里", NULL,
};

/* Period words and the rate they make: 每月200人次 -> unit 人次/月. */
static const struct period {
    const char *text, *unit;
} periods[] = {
    {"每日", "/日"}, {"每天", "/日"}, {"日均", "/日"}, {"每周", "/周"}, {"每星期", "/周"},
    {"周均", "/周"}, {"每月", "/月"}, {"月均", "/月"}, {"每季度", "/季度"}, {"每季", "/季度"},
    {"每半年", "/半年"}, {"每年", "/年"}, {"年均", "/年"}, {NULL, NULL},
};

/* Measure words a number in Chinese numerals must be followed by (两次, 三个月). */
static const char *const measure_words[] = {
    "个", "次", "人", "名", "位", "项", "场", "家", "户", "所", "处", "条", "种", "轮", "部",
    "层", "块", "面", "箱", "起", "例", "支", "组", "座", "间", "张", "辆", "台", "套", "件",
    "册", "本", "篇", "份", "批", "期", "届", "门", "节", "课", "学时", "课时", "年", "月",
    "天", "日", "周", "小时", "分钟", "秒", "分", "季度", "倍", "成", "元", "吨", "米",
    "公里", "亩", "工作日", NULL,
};

/* The longest word of list that ends just before p; its length, 0 if none. */
static size_t match_before(const char *s, const char *p, const opword *list, const opword **hit)
{
    size_t best = 0;
    for (size_t i = 0; list[i].text; i++) {
        size_t n = ends_before(s, p, list[i].text);
        if (n > best) { best = n; *hit = &list[i]; }
    }
    return best;
}

/* The word of list that p starts with (list is ordered longest first). */
static size_t match_at(const char *p, const opword *list, const opword **hit)
{
    for (size_t i = 0; list[i].text; i++) {
        size_t n = starts(p, list[i].text);
        if (n) { *hit = &list[i]; return n; }
    }
    return 0;
}

/*
** The comparison word just before the number at p, also across a period word
** (不少于每月2次, 每月不少于2次). NULL when there is none.
*/
static const opword *op_before(const char *s, const char *p)
{
    const opword *hit = NULL;
    if (match_before(s, p, prefix_ops, &hit)) return hit;
    for (size_t i = 0; periods[i].text; i++) {
        size_t n = ends_before(s, p, periods[i].text);
        if (n && match_before(s, p - n, prefix_ops, &hit)) return hit;
    }
    return NULL;
}

/* 1 when p is "内"/"以内"/"之内" meaning "within": after a time or distance unit, or at a clause end. */
static int is_within(const char *s, const char *p)
{
    size_t n = starts(p, "以内");
    if (!n) n = starts(p, "之内");
    if (n) return 1;
    if (!(n = starts(p, "内"))) return 0;
    if (!p[n] || is_punct(code_point(p + n))) return 1;
    for (size_t i = 0; span_units[i]; i++)
        if (ends_before(s, p, span_units[i])) return 1;
    return 0;
}

/* 1 when p is "上下" closing a clause (5%上下): about. */
static int is_about_closing(const char *p)
{
    size_t n = starts(p, "上下");
    return n && (!p[n] || is_punct(code_point(p + n)));
}

/* The operator of the word at p after a number and its unit; NONE if none. */
static jx_op op_after(const char *s, const char *p)
{
    const opword *hit = NULL;
    if (match_at(p, suffix_ops, &hit)) return hit->op;
    if (is_within(s, p)) return JX_OP_LE;
    if (is_about_closing(p)) return JX_OP_APPROX;
    return JX_OP_NONE;
}

/* The rate suffix ("/月") of the nearest period word earlier in the clause of p, or NULL. */
static const char *period_before(const char *s, const char *p)
{
    for (const char *q = p; q > s && p - q < PERIOD_LOOKBACK; q--) {
        for (size_t i = 0; periods[i].text; i++)
            if (ends_before(s, q, periods[i].text)) return periods[i].unit;
        if (((unsigned char)*q & 0xC0) != 0x80 && q != p && clause_start(s, q)) break;
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Numbers                                                             */
/* ------------------------------------------------------------------ */

typedef enum num_form { NUM_ARABIC, NUM_CJK, NUM_FRACTION } num_form;

/* A number found in the text. */
typedef struct num {
    const char *start;   /* first byte, a minus sign included */
    const char *digits;  /* first digit or numeral */
    const char *digits_end; /* after the digits, before any scale word */
    const char *end;     /* after the number, scale words included */
    double value;        /* scaled; percent for fractions */
    double scale;        /* the scale applied (1 when none) */
    num_form form;
} num;

/*
** An Arabic number at p: digits, thousands groups ("5,205,200"), a decimal
** part. Returns its length (0 if none); *out is +inf or NaN when absurdly long.
*/
static size_t read_arabic(const char *p, double *out)
{
    size_t i = 0;
    double mant = 0, div = 1;
    while (is_digit(p[i])) mant = mant * 10 + (p[i++] - '0');
    while (i > 0 && p[i] == ',' && is_digit(p[i + 1]) && is_digit(p[i + 2]) &&
           is_digit(p[i + 3]) && !is_digit(p[i + 4])) {
        for (size_t k = 1; k <= 3; k++) mant = mant * 10 + (p[i + k] - '0');
        i += 4;
    }
    if (i > 0 && p[i] == '.' && is_digit(p[i + 1])) {
        for (i++; is_digit(p[i]); i++) {
            mant = mant * 10 + (p[i] - '0');
            div *= 10;
        }
    }
    *out = mant / div;
    return i;
}

/* The value of the Chinese digit at p (〇 零 一 … 九, 两) or -1; *len its length. */
static int cjk_digit(const char *p, size_t *len)
{
    static const char *const digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    for (int d = 0; d < 10; d++)
        if ((*len = starts(p, digits[d])) != 0) return d;
    if ((*len = starts(p, "〇")) != 0) return 0;
    if ((*len = starts(p, "两")) != 0) return 2;
    return -1;
}

/* The multiplier of the Chinese numeral unit at p (十 百 千 万 亿) or 0; *len its length. */
static double cjk_unit(const char *p, size_t *len)
{
    static const struct { const char *text; double mul; } units[] = {
        {"十", 10}, {"百", 100}, {"千", 1000}, {"万", 1e4}, {"亿", 1e8}};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if ((*len = starts(p, units[i].text)) != 0) return units[i].mul;
    return 0;
}

/*
** A number in Chinese numerals at p (两, 二十, 九十五, 一千二百, 三万, 二〇一九).
** It must start with a digit or 十. Returns its length, 0 if none.
*/
static size_t read_cjk(const char *p, double *out)
{
    double total = 0, section = 0, digit = -1;
    size_t i = 0, len;
    int any = 0;
    for (;;) {
        int d = cjk_digit(p + i, &len);
        double mul;
        if (d >= 0) {
            if (digit >= 0 && (section > 0 || total > 0)) break;   /* 十三五: stop at 五 */
            digit = digit < 0 ? d : digit * 10 + d;
        } else if ((mul = cjk_unit(p + i, &len)) > 0 && (any || mul == 10)) {
            double lead = digit < 0 ? (mul < 1e4 ? 1 : 0) : digit;
            if (mul < 1e4) {
                section += lead * mul;
            } else {
                total = (total + section + lead) * mul;
                section = 0;
            }
            digit = -1;
        } else {
            break;
        }
        any = 1;
        i += len;
    }
    if (!any) return 0;
    *out = total + section + (digit < 0 ? 0 : digit);
    return i;
}

/* A numerator or denominator of a fraction: Arabic or Chinese (百 alone is 100). */
static size_t read_fraction_part(const char *p, double *out)
{
    size_t n = is_digit(*p) ? read_arabic(p, out) : read_cjk(p, out);
    if (!n && (n = starts(p, "百")) != 0) *out = 100;
    return n;
}

/* 百分之九十 / 千分之一 / 万分之五 at p: the value in percent; the length, 0 if none. */
static size_t read_fraction_word(const char *p, double *pct)
{
    static const struct { const char *text; double per; } bases[] = {
        {"百分之", 1}, {"千分之", 0.1}, {"万分之", 0.01}};
    for (size_t b = 0; b < sizeof bases / sizeof *bases; b++) {
        size_t n = starts(p, bases[b].text), m;
        double v;
        if (n && (m = read_fraction_part(p + n, &v)) != 0) {
            *pct = v * bases[b].per;
            return n + m;
        }
    }
    return 0;
}

/* 1 when the scale character 千/百 at p is followed by a unit (3千人), not 千分之 or the end. */
static int scale_then_unit(const char *p)
{
    const char *next = p + char_len(p);
    if (!*next || starts(next, "分") || is_digit(*next)) return 0;
    return !is_punct(code_point(next)) && !starts_any(next, unit_stops);
}

/* Scale words after an Arabic number (2.6万, 3亿, 3千万, 3千人): the multiplier; *len their length. */
static double read_scale(const char *p, size_t *len)
{
    double mul = 1;
    size_t i = 0, n;
    for (int k = 0; k < 3; k++) {
        if ((n = starts(p + i, "万")) != 0) mul *= 1e4;
        else if ((n = starts(p + i, "亿")) != 0) mul *= 1e8;
        else if ((n = starts(p + i, "千")) != 0 && scale_then_unit(p + i)) mul *= 1e3;
        else if ((n = starts(p + i, "百")) != 0 && scale_then_unit(p + i)) mul *= 1e2;
        else break;
        i += n;
    }
    *len = i;
    return mul;
}

/* 1 when a minus sign at p belongs to the number: at the start or after a comparison sign. */
static int sign_allowed(const char *s, const char *p)
{
    static const char *const signs[] = {"≥", "≤", ">", "<", "=", "≈", NULL};
    if (p == s) return 1;
    for (size_t i = 0; signs[i]; i++)
        if (ends_before(s, p, signs[i])) return 1;
    return 0;
}

/* 三分之一 / 3分之2 after a denominator ending at p: *pct in percent; the length, 0 if none. */
static size_t read_fraction_tail(const char *p, double den, double *pct)
{
    size_t n = starts(p, "分之"), m;
    double v;
    if (!n || den <= 0 || (m = read_fraction_part(p + n, &v)) == 0) return 0;
    *pct = v / den * 100;
    return n + m;
}

/* The number starting at p, if any, into *n. Returns 1 when there is one. */
static int read_number(const char *s, const char *p, num *n)
{
    size_t k;
    double v;
    memset(n, 0, sizeof *n);
    n->start = n->digits = p;
    n->scale = 1;
    if ((k = read_fraction_word(p, &v)) != 0) {
        n->form = NUM_FRACTION;
        n->value = v;
        n->digits_end = n->end = p + k;
        return 1;
    }
    const char *d = p;
    if (*p == '-' && is_digit(p[1]) && sign_allowed(s, p)) d = p + 1;
    if (is_digit(*d)) {
        if (p > s && (is_digit(p[-1]) || p[-1] == '.')) return 0;   /* not a number's start */
        k = read_arabic(d, &v);
        n->form = NUM_ARABIC;
    } else if ((k = read_cjk(d, &v)) != 0) {
        n->form = NUM_CJK;
    } else {
        return 0;
    }
    n->digits = d;
    n->digits_end = n->end = d + k;
    double pct;
    size_t f = read_fraction_tail(n->end, v, &pct);
    if (f) {
        n->form = NUM_FRACTION;
        n->value = pct;
        n->end += f;
        return 1;
    }
    if (n->form == NUM_ARABIC) {
        n->scale = read_scale(n->end, &f);
        n->end += f;
    }
    n->value = (d != p ? -v : v) * n->scale;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Numbers that are not quantities                                     */
/* ------------------------------------------------------------------ */

/* Length of the run of ASCII digits at p. */
static size_t digit_run(const char *p)
{
    size_t i = 0;
    while (is_digit(p[i])) i++;
    return i;
}

/* Length of a range separator at p (-, ~, 至, 到; a run of dashes counts once), 0 if none. */
static size_t range_sep(const char *p)
{
    size_t n = 0;
    if (*p == '-') {
        while (p[n] == '-') n++;
        return n;
    }
    if (*p == '~') return 1;
    if (starts(p, "至少")) return 0;
    return (n = starts(p, "至")) != 0 ? n : starts(p, "到");
}

/* 1 for the n digits at p making a year (1900..2100). */
static int is_year(const char *p, size_t n)
{
    if (n != 4) return 0;
    int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    return y >= 1900 && y <= 2100;
}

/*
** The end of a date or year span starting with the year at y (4 digits):
** 2019年, 2020-12-31, 2020/1, 2019.12.31, 2019-2021(年), 〔2018〕 〈2017〉. NULL if
** the year is not followed like that.
*/
static const char *skip_year(const char *s, const char *y)
{
    const char *a = y + 4;
    size_t n;
    if ((n = starts(a, "年")) != 0) return a + n;
    if ((*a == '-' || *a == '/' || *a == '.') && (n = digit_run(a + 1)) >= 1 && n <= 2) {
        const char *m = a + 1 + n;
        if (*m == *a && (n = digit_run(m + 1)) >= 1 && n <= 2) return m + 1 + n;  /* Y-M-D */
        if (*a != '.' && atoi(a + 1) >= 1 && atoi(a + 1) <= 12) return m;          /* Y-M */
    }
    n = range_sep(a);
    if (n && digit_run(a + n) == 4 && is_year(a + n, 4)) {                         /* 2019-2021 */
        const char *e = a + n + 4;
        size_t t = starts(e, "年");
        if (t || !*e || is_punct(code_point(e))) return e + t;
    }
    static const char *const open[] = {"〔", "【", "[", "(", "〈", "《", NULL};
    static const char *const close[] = {"〕", "】", "]", ")", "〉", "》", NULL};
    for (size_t i = 0; open[i]; i++)
        if (ends_before(s, y, open[i]) && (n = starts(a, close[i])) != 0) return a + n;
    return NULL;
}

/* 1 when the number at p is a list marker: 1、  or at a clause start 1. 1) (1). */
static int is_list_marker(const char *s, const char *p, const char *after)
{
    if (starts(after, "、")) return 1;
    if (clause_start(s, p) && (*after == '.' || *after == ')')) return 1;
    return p > s && p[-1] == '(' && *after == ')' && clause_start(s, p - 1);
}

/* 1 when the number at p is a reference period: 前3年, 近5年, 过去3个月. */
static int is_reference_period(const char *s, const char *p, const char *after)
{
    static const char *const before[] = {"前", "近", "过去", "最近", NULL};
    static const char *const spans[] = {"年", "个月", "月", "个季度", "季度", "期", "周", "个年度", NULL};
    int hit = 0;
    for (size_t i = 0; before[i] && !hit; i++) hit = ends_before(s, p, before[i]) != 0;
    return hit && starts_any(after, spans);
}

/*
** When the Arabic number n is not a quantity (a date, time, list marker,
** ordinal, reference period or part of a code), where scanning resumes;
** NULL when it is a quantity. has_op: a comparison word stands before it.
*/
static const char *not_quantity(const char *s, const num *n, int has_op)
{
    const char *p = n->start, *d = n->digits;
    size_t run = digit_run(d), k;
    const char *after = d + run;
    int integer = n->digits_end == after;
    if (!(n->value <= DBL_MAX && n->value >= -DBL_MAX)) return n->end;   /* inf or NaN */
    if ((p > s && is_alpha(p[-1])) || ends_before(s, p, "第")) return n->end;
    if (p == d && is_year(d, run)) {
        const char *e = skip_year(s, d);
        if (e) return e;
    }
    if (!integer) return NULL;
    if ((k = starts(after, "号")) != 0) return after + k;
    if (run <= 2 && atoi(d) <= 31 && ((k = starts(after, "月")) != 0 || (k = starts(after, "日")) != 0)) {
        if (ends_before(s, p, "年") || ends_before(s, p, "月")) return after + k;
        if (!has_op && !is_within(s, after + k)) return after + k;
    }
    if (*after == ':' && is_digit(after[1]) && is_digit(after[2])) return after + 3;   /* 9:00 */
    if (p == d && !has_op && is_list_marker(s, p, after)) return after + char_len(after);
    if (is_reference_period(s, p, after)) return n->end;
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Units                                                               */
/* ------------------------------------------------------------------ */

/* 1 when the unit cannot go on at p. */
static int is_unit_stop(const char *s, const char *p)
{
    const opword *hit;
    if (!*p || is_digit(*p)) return 1;
    if (*p == '/') return is_digit(p[1]);        /* 1/3 is not a unit */
    if (is_punct(code_point(p))) return 1;
    if (starts_any(p, unit_stops) || is_within(s, p) || is_about_closing(p)) return 1;
    return match_at(p, prefix_ops, &hit) != 0;
}

/*
** m2 / m3 written without a superscript (500m2): when the unit [p, q) ends
** in "m" and a lone 2 or 3 follows, append ² or ³ to u. Returns the bytes
** used (0 or 1).
*/
static size_t square_suffix(const char *p, const char *q, char *u, size_t size)
{
    size_t len = strlen(u);
    if (q == p || q[-1] != 'm' || (*q != '2' && *q != '3') || is_digit(q[1]) || len + 3 > size)
        return 0;
    strcpy(u + len, *q == '2' ? "²" : "³");
    return 1;
}

/*
** The unit at p into u (size bytes): "(%)" / "(场)" unwrapped, "%" or "‰"
** alone, else the characters up to a stop, at most UNIT_CHARS of them.
** Returns where the text goes on after the unit.
*/
static const char *read_unit(const char *s, const char *p, char *u, size_t size)
{
    size_t n, chars = 0;
    u[0] = '\0';
    if (*p == '(') {
        const char *c = p + 1;
        while (*c && *c != ')' && *c != '(' && !is_digit(*c) && chars <= UNIT_CHARS) {
            c += char_len(c);
            chars++;
        }
        if (*c != ')' || chars > UNIT_CHARS) return p;
        set_unit(u, size, p + 1, (size_t)(c - p - 1));
        return c + 1;
    }
    if ((n = starts(p, "%")) != 0 || (n = starts(p, "‰")) != 0) {
        set_unit(u, size, p, n);
        return p + n;
    }
    const char *q = p;
    while (chars < UNIT_CHARS && !is_unit_stop(s, q)) {
        q += char_len(q);
        chars++;
    }
    set_unit(u, size, p, (size_t)(q - p));
    return q + square_suffix(p, q, u, size);
}

/* 1 when unit u starts with a measure word (or is empty): 两次 counts, 三级 does not. */
static int is_measure(const char *u)
{
    return !*u || starts_any(u, measure_words);
}

/*
** 1 when unit u (as jx_value_parse gives it) is written whole in measure
** words and rate slashes (个月, 元/人次, 人次/月): nothing of it is cut off.
*/
int jx_value_unit_whole(const char *u)
{
    if (!*u) return 0;
    while (*u) {
        size_t n = *u == '/' ? 1 : starts_any(u, measure_words);
        if (!n) return 0;
        u += n;
    }
    return u[-1] != '/';
}

/*
** 1 when text at p may go on a unit written before it: a measure word (个 +
** 月), a rate slash, a bracket, or a word that may follow a unit (以上,
** 以内, 左右, 及, 至 …) or the first character of one cut by a line (以 +
** 上). A target's next words (良好, 有效控制) do not.
*/
int jx_value_unit_goes_on(const char *p)
{
    static const char *const starts_of_stops[] = {"以", "之", "及", "或", "左", "内", "/", "／",
                                                  "(", "（", "%", "％", "‰", NULL};
    return starts_any(p, measure_words) || starts_any(p, unit_stops) || starts_any(p, starts_of_stops);
}

/* Append a period suffix ("/月") to unit u unless it is a percentage or already a rate. */
static void add_period(char *u, size_t size, const char *suffix)
{
    size_t len = strlen(u), n = strlen(suffix);
    if (strchr(u, '/') || strcmp(u, "%") == 0 || len + n >= size) return;
    memcpy(u + len, suffix, n + 1);
}

/* ------------------------------------------------------------------ */
/* Assembling a value                                                  */
/* ------------------------------------------------------------------ */

/* The parts of a value as they are found. */
typedef struct parts {
    jx_op prefix, suffix;
    int weak;             /* the prefix word yields to a suffix word */
    int range;
    double hi;
    char unit[JX_UNIT_MAX];
} parts;

/*
** The upper end of a range after the low number lo, whose unit ends at r
** (90%-95%, 90-95%, 3至5个, 1-2万人). Fills v->hi and v->unit if the low had
** none. Returns where the text goes on, or NULL when there is no range, or
** *date when the "range" is a span of months or days (1-12月).
*/
static const char *read_range(const char *s, num *lo, const char *r, parts *v, int *date)
{
    size_t sep = range_sep(r);
    num hi;
    if (!sep || !read_number(s, r + sep, &hi) || hi.start != hi.digits) return NULL;
    if ((lo->form == NUM_FRACTION) != (hi.form == NUM_FRACTION)) return NULL;
    const char *skip = hi.form == NUM_ARABIC ? not_quantity(s, &hi, 0) : NULL;
    if (skip) {
        *date = 1;
        return skip;
    }
    int shared = lo->scale == 1 && hi.scale != 1 && lo->form == NUM_ARABIC;
    double low = shared ? lo->value * hi.scale : lo->value;    /* 1-2万: 1 is 1万 too */
    if (hi.value < low) return NULL;
    lo->value = low;
    char hu[JX_UNIT_MAX];
    const char *e = hi.form == NUM_FRACTION ? hi.end : read_unit(s, hi.end, hu, sizeof hu);
    if (hi.form != NUM_FRACTION && !v->unit[0]) memcpy(v->unit, hu, sizeof hu);
    v->range = 1;
    v->hi = hi.value;
    return e;
}

/* Put the parts of a quantity into *out. */
static void finish(const num *n, const parts *v, const char *period, jx_value *out)
{
    out->kind = JX_KIND_QUANTITATIVE;
    out->value = n->value;
    out->value_max = v->range ? v->hi : n->value;
    if (v->range) out->op = JX_OP_RANGE;
    else if (v->prefix != JX_OP_NONE && !(v->weak && v->suffix != JX_OP_NONE)) out->op = v->prefix;
    else if (v->suffix != JX_OP_NONE) out->op = v->suffix;
    else out->op = JX_OP_EQ;
    memcpy(out->unit, v->unit, sizeof out->unit);
    if (strcmp(out->unit, "‰") == 0) {          /* per mille: 0.1 percent */
        out->value /= 10;
        out->value_max /= 10;
        strcpy(out->unit, "%");
    }
    if (period) add_period(out->unit, sizeof out->unit, period);
}

/*
** Take the number n as the value when it is a quantity, filling *out and
** returning NULL; otherwise return where scanning resumes (after n).
*/
static const char *take_quantity(const char *s, num *n, jx_value *out)
{
    if (n->form == NUM_CJK && !starts_any(n->end, measure_words) && !is_unit_stop(s, n->end))
        return n->end;                            /* 一般, 三级: words, not counts */
    parts v;
    memset(&v, 0, sizeof v);
    const opword *op = op_before(s, n->start);
    if (op) { v.prefix = op->op; v.weak = op->weak; }
    if (n->form == NUM_ARABIC) {
        const char *skip = not_quantity(s, n, op != NULL);
        if (skip) return skip;
    }
    const char *e = n->end;
    if (n->form == NUM_FRACTION) strcpy(v.unit, "%");
    else e = read_unit(s, e, v.unit, sizeof v.unit);
    int date = 0;
    const char *r = read_range(s, n, e, &v, &date);
    if (date) return r;
    if (r) e = r;
    v.suffix = op_after(s, e);
    if (n->form == NUM_CJK && (!(op || v.suffix || v.range) || !is_measure(v.unit))) return n->end;
    finish(n, &v, period_before(s, n->start), out);
    return NULL;
}

/* Parse a target text into *out; see the top of the file for the grammar. */
/*
** A memo of parses: forms repeat their targets (≥95%, 100%, 是) and a parse is
** a function of the text alone, so a text met before gets its value copied.
** Direct-mapped by the text's hash, a slot holding a text shorter than
** MEMO_TEXT bytes and its value (a static table, 4,096 slots, ~580 KB: no
** allocation). The server's threads share it under one mutex, held for a
** comparison and a copy, never for a parse.
*/
#define MEMO_SLOTS 4096
#define MEMO_TEXT 64
static struct memo_slot { char text[MEMO_TEXT]; jx_value v; } memo[MEMO_SLOTS];
static pthread_mutex_t memo_lock = PTHREAD_MUTEX_INITIALIZER;

static void parse(const char *text, jx_value *out);

void jx_value_parse(const char *text, jx_value *out)
{
    size_t n = text ? strlen(text) : 0;
    if (n == 0 || n >= MEMO_TEXT) {
        parse(text, out);
        return;
    }
    struct memo_slot *m = &memo[jx_text_hash(text) & (MEMO_SLOTS - 1)];
    pthread_mutex_lock(&memo_lock);
    int hit = strcmp(m->text, text) == 0;   /* an empty slot holds "": never a text here */
    if (hit) memcpy(out, &m->v, sizeof *out);
    pthread_mutex_unlock(&memo_lock);
    if (hit) return;
    parse(text, out);
    pthread_mutex_lock(&memo_lock);
    memcpy(m->text, text, n + 1);
    memcpy(&m->v, out, sizeof *out);
    pthread_mutex_unlock(&memo_lock);
}

/* jx_value_parse without the memo. */
static void parse(const char *text, jx_value *out)
{
    memset(out, 0, sizeof *out);
    out->op = JX_OP_NONE;
    out->kind = JX_KIND_QUALITATIVE;
    if (!text || !*text) return;
    char *s = normalise(text);
    const char *p = s;
    while (*p) {
        num n;
        if (!read_number(s, p, &n)) {
            p += char_len(p);
            continue;
        }
        const char *next = take_quantity(s, &n, out);
        if (!next) break;
        p = next > p ? next : p + char_len(p);
    }
    free(s);
}
