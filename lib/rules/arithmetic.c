/*
** narrative-arithmetic: the sums written in a project's narrative
** (…项目经费情况说明), recomputed exactly.
**
**  - products: `300元*50人*2次=5万元` is 3万元. Factors and result are read
**    as exact decimals (a 万/亿 before the unit scales), multiplied in 128-bit
**    integers, and compared exactly; a result off by exactly 10000 says 元
**    and 万元 were mixed up;
**  - breakdowns: a total (总预算/预算总额/预算金额/总投资…为X) followed by its
**    parts, up to the end of their sentence (其中/包括/具体: a元，b元 …。), or parts closed by 合计/共计/总计 X:
**    the parts must add up to the total. A figure stated in 万元 with d
**    decimals agrees when the exact sum rounded or cut to d decimals equals it.
**
** Only money (…元) counts as a part; a product counts with its result, its
** factors never. Nothing is reported where fewer than two parts are read.
** A narrative without a target table (every narrative of a disclosure that
** has no forms) is checked too: its findings belong to the disclosure.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget_util.h"
#include "rule_util.h"
#include "jixiao/util.h"

typedef __int128 i128;

/* An exact decimal: value = mant / 10^dec (× scale applied). */
typedef struct dec { i128 mant; int dec; } dec;

static i128 pow10i(int n)
{
    i128 r = 1;
    while (n-- > 0) r *= 10;
    return r;
}

/* a == b exactly. */
static int dec_eq(dec a, dec b)
{
    int d = a.dec > b.dec ? a.dec : b.dec;
    return a.mant * pow10i(d - a.dec) == b.mant * pow10i(d - b.dec);
}

static dec dec_mul(dec a, dec b) { return (dec){a.mant * b.mant, a.dec + b.dec}; }

/* Fen of a (rounded half up); a is in yuan. */
static long long dec_fen(dec a)
{
    if (a.dec <= 2) return (long long)(a.mant * pow10i(2 - a.dec));
    i128 div = pow10i(a.dec - 2);
    return (long long)((a.mant + div / 2) / div);
}

/* Text of a as a plain decimal ("60000", "3.5"). */
static void dec_text(dec a, char *buf, size_t size)
{
    /* strip trailing zeros of the fraction */
    while (a.dec > 0 && a.mant % 10 == 0) { a.mant /= 10; a.dec--; }
    i128 ip = a.mant / pow10i(a.dec), fp = a.mant % pow10i(a.dec);
    if (a.dec == 0) snprintf(buf, size, "%lld", (long long)ip);
    else snprintf(buf, size, "%lld.%0*lld", (long long)ip, a.dec, (long long)fp);
}

/*
** A number at s: digits with thousands separators (, ，) and a decimal point.
** Returns its length in bytes (0 when s holds none); *out the value.
*/
static size_t read_number(const char *s, dec *out)
{
    size_t i = 0;
    i128 m = 0;
    int d = -1, digits = 0;
    for (;;) {
        if (s[i] >= '0' && s[i] <= '9') {
            m = m * 10 + (s[i] - '0');
            if (d >= 0) d++;
            digits++;
            i++;
            if (digits > 30) return 0;
        } else if (s[i] == ',' && d < 0 && digits && s[i + 1] >= '0' && s[i + 1] <= '9' &&
                   s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9') {
            i++;
        } else if (s[i] == '.' && d < 0 && digits && s[i + 1] >= '0' && s[i + 1] <= '9') {
            d = 0;
            i++;
        } else {
            break;
        }
    }
    if (!digits) return 0;
    *out = (dec){m, d < 0 ? 0 : d};
    return i;
}

/* One amount or product result read from a section. */
typedef struct amount {
    dec yuan;            /* the value in yuan */
    int decimals;        /* decimals written */
    int wan;             /* written in 万元 */
    size_t at, end;      /* byte range in the text */
    int total_kw;        /* 1: a total keyword before it, 2: a closing 合计/共计/总计 */
    int factor;          /* a factor of a product: not a part */
} amount;

/* The unit after a number: 万元 / 亿元 / 元 (scale in *scale, 1 for 元), or 0. */
static size_t money_unit(const char *s, int *scale4)
{
    *scale4 = 0;
    if (jx_starts_with(s, "万元")) { *scale4 = 1; return strlen("万元"); }
    if (jx_starts_with(s, "亿元")) { *scale4 = 2; return strlen("亿元"); }
    if (jx_starts_with(s, "元")) return strlen("元");
    return 0;
}

static const char *const open_kw[] = {"总预算", "预算总额", "预算金额", "预算总金额", "总金额", "总额",
                                      "预算为", "预算安排", "总投资", NULL};
static const char *const close_kw[] = {"合计", "共计", "总计", NULL};

/* 1 when one of kws ends within the 12 bytes before s (from text start t). */
static int kw_before(const char *t, const char *s, const char *const *kws)
{
    for (size_t k = 0; kws[k]; k++) {
        size_t n = strlen(kws[k]);
        for (size_t back = n; back <= n + 12 && back <= (size_t)(s - t); back++)
            if (!strncmp(s - back, kws[k], n)) return 1;
    }
    return 0;
}

/* The operator of a product at s (* × ＊ x X), its length, or 0. */
static size_t times_at(const char *s)
{
    if (*s == '*' || *s == 'x' || *s == 'X') return 1;
    if (jx_starts_with(s, "×")) return strlen("×");
    if (jx_starts_with(s, "＊")) return strlen("＊");
    return 0;
}

/* Skip a unit word after a factor: up to 4 characters that are neither
   digits, operators nor punctuation ("元", "人", "元/次", "个"). */
static size_t skip_unit(const char *s)
{
    size_t i = 0, chars = 0;
    while (s[i] && chars < 6) {
        if ((s[i] >= '0' && s[i] <= '9') || times_at(s + i) || s[i] == '=' ||
            jx_starts_with(s + i, "＝") || jx_starts_with(s + i, "，") || jx_starts_with(s + i, "。") ||
            jx_starts_with(s + i, "；") || s[i] == ',' || s[i] == ';' || s[i] == ' ' || s[i] == '(' ||
            jx_starts_with(s + i, "（") || jx_starts_with(s + i, "、"))
            break;
        size_t k = (unsigned char)s[i] < 0x80 ? 1 : (unsigned char)s[i] < 0xE0 ? 2 : (unsigned char)s[i] < 0xF0 ? 3 : 4;
        i += k;
        chars++;
    }
    return i;
}

typedef struct section_ctx {
    const jx_rule_ctx *ctx;
    const jx_form *form;       /* the narrative's target table, NULL when it has none */
    const jx_disclosure *d;    /* its disclosure: the finding's owner when form is NULL */
    const jx_narrative *n;
    const jx_narrative_section *sec;
} section_ctx;

/* Money text of an amount as written (万元 or 元). */
static void money_text(const amount *a, char *buf, size_t size)
{
    char v[48];
    if (a->wan) {
        dec w = a->yuan;
        w.dec += 4;
        dec_text(w, v, sizeof v);
        snprintf(buf, size, "%s万元", v);
    } else {
        dec_text(a->yuan, v, sizeof v);
        snprintf(buf, size, "%s元", v);
    }
}

/*
** Read a product at s (a number already read at s): factor (* factor)+ = result.
** Returns its end, or 0 when s does not start a product. *res the result.
*/
static size_t read_product(const char *s, dec *prod, amount *res, char *expr, size_t esize)
{
    dec f;
    size_t i = read_number(s, &f);
    if (!i) return 0;
    int s4;
    size_t u = money_unit(s + i, &s4);
    if (s4) f = dec_mul(f, (dec){pow10i(4 * s4), 0});
    i += u ? u : 0;
    i += skip_unit(s + i);
    int nf = 1;
    *prod = f;
    for (;;) {
        size_t k = times_at(s + i);
        if (!k) break;
        dec g;
        size_t m = read_number(s + i + k, &g);
        if (!m) return 0;
        i += k + m;
        u = money_unit(s + i, &s4);
        if (s4) g = dec_mul(g, (dec){pow10i(4 * s4), 0});
        i += u;
        i += skip_unit(s + i);
        *prod = dec_mul(*prod, g);
        nf++;
    }
    if (nf < 2) return 0;
    size_t eq = s[i] == '=' ? 1 : jx_starts_with(s + i, "＝") ? strlen("＝") : 0;
    if (!eq) return 0;
    snprintf(expr, esize, "%.*s", (int)i, s);
    dec r;
    size_t m = read_number(s + i + eq, &r);
    if (!m) return 0;
    size_t j = i + eq + m;
    u = money_unit(s + j, &s4);
    if (!u) return 0;   /* only money results are checked */
    res->decimals = r.dec;
    res->wan = s4 == 1;
    if (s4) r = dec_mul(r, (dec){pow10i(4 * s4), 0});
    res->yuan = r;
    return j + u;
}

/* Check one narrative section. */
static void check_section(const section_ctx *sc)
{
    const char *t = sc->sec->text;
    if (!t) return;
    amount *as = NULL;
    size_t na = 0, cap = 0;
    for (size_t i = 0; t[i];) {
        if (!(t[i] >= '0' && t[i] <= '9') || (i > 0 && ((t[i - 1] >= '0' && t[i - 1] <= '9') || t[i - 1] == '.'))) {
            i++;
            continue;
        }
        dec prod;
        amount res = {0};
        char expr[256];
        size_t pe = read_product(t + i, &prod, &res, expr, sizeof expr);
        as = jx_grow(as, &cap, na, sizeof *as);
        if (pe) {
            res.at = i;
            res.end = i + pe;
            if (!dec_eq(prod, res.yuan)) {
                char got[64], want[96], wrote[96];
                dec_text(prod, got, sizeof got);
                /* the result as written: after the = that ends expr */
                const char *eq = t + i + strlen(expr);
                size_t eqlen = *eq == '=' ? 1 : strlen("＝");
                snprintf(wrote, sizeof wrote, "%.*s", (int)(pe - strlen(expr) - eqlen), eq + eqlen);
                amount exact = {prod, 0, 0, 0, 0, 0, 0};
                if (res.wan) {
                    exact.wan = 1;
                }
                money_text(&exact, want, sizeof want);
                int off10k = dec_eq(dec_mul(prod, (dec){10000, 0}), res.yuan) ||
                             dec_eq(prod, dec_mul(res.yuan, (dec){10000, 0}));
                jx_report(sc->ctx, sc->form, sc->sec->line, "narrative.年度预算安排",
                          "经费情况说明「%s」中“%s=%s”计算有误：%s之积为%s元%s", sc->sec->title, expr, wrote,
                          expr, got, off10k ? "，相差一万倍：疑为元与万元混用" : "");
                jx_suggest(sc->ctx, "将“%s”改为“%s”，或核对单价和数量", wrote, want);
                if (!sc->form) jx_report_scope_disclosure(sc->ctx, sc->d->file);
            }
            res.total_kw = 0;
            as[na++] = res;
            i += pe;
            continue;
        }
        dec v;
        size_t m = read_number(t + i, &v);
        int s4;
        size_t u = m ? money_unit(t + i + m, &s4) : 0;
        if (!m || !u) {
            i += m ? m : 1;
            continue;
        }
        amount a = {0};
        a.decimals = v.dec;
        a.wan = s4 == 1;
        a.yuan = s4 ? dec_mul(v, (dec){pow10i(4 * s4), 0}) : v;
        a.at = i;
        a.end = i + m + u;
        a.total_kw = kw_before(t, t + i, close_kw) ? 2 : kw_before(t, t + i, open_kw) ? 1 : 0;
        /* a factor of a product, or a unit price (350元/人, 元每次): not a part */
        a.factor = times_at(t + i + m + u) != 0 || t[i + m + u] == '/' ||
                   jx_starts_with(t + i + m + u, "／") || jx_starts_with(t + i + m + u, "每");
        as[na++] = a;
        i = a.end;
    }
    /* breakdowns: an opening total and the parts after it, or parts and a closing total */
    for (size_t k = 0; k < na; k++) {
        if (as[k].total_kw == 0 || as[k].factor) continue;
        size_t from, to;   /* the parts: as[from..to) */
        if (as[k].total_kw == 2) {
            from = k;
            while (from > 0 && !as[from - 1].total_kw) from--;
            to = k;
        } else {
            from = k + 1;
            to = from;
            /* the parts of an opening total end with their sentence (。) */
            const char *stop = from < na ? strstr(t + as[from].end, "。") : NULL;
            while (to < na && !as[to].total_kw && (!stop || t + as[to].at < stop)) to++;
            /* the parts must be introduced as parts */
            size_t gap_end = from < na ? as[from].at : strlen(t);
            char *between = jx_strndup(t + as[k].end, gap_end - as[k].end);
            int intro = jx_rule_has(between, "其中") || jx_rule_has(between, "包括") ||
                        jx_rule_has(between, "具体") || jx_rule_has(between, "分别") ||
                        jx_rule_has(between, "：") || jx_rule_has(between, ":");
            free(between);
            if (!intro) continue;
        }
        size_t parts = 0;
        dec sum = {0, 0};
        for (size_t p = from; p < to; p++) {
            if (as[p].factor) continue;
            int d = sum.dec > as[p].yuan.dec ? sum.dec : as[p].yuan.dec;
            sum = (dec){sum.mant * pow10i(d - sum.dec) + as[p].yuan.mant * pow10i(d - as[p].yuan.dec), d};
            parts++;
        }
        if (parts < 2) continue;
        long long total_fen = dec_fen(as[k].yuan), sum_fen = dec_fen(sum);
        if (jx_money_agrees(total_fen, as[k].wan ? as[k].decimals : 2, as[k].wan, sum_fen)) continue;
        char tt[96], st[96], diff[64];
        snprintf(tt, sizeof tt, "%.*s", (int)(as[k].end - as[k].at), t + as[k].at);
        jx_bu_yuan(sum_fen, st, sizeof st);
        jx_bu_yuan(total_fen - sum_fen, diff, sizeof diff);
        jx_report(sc->ctx, sc->form, sc->sec->line, "narrative.年度预算安排",
                  "经费情况说明「%s」中%zu项明细之和为%s，与所写的%s%s不符（差额%s）", sc->sec->title, parts, st,
                  as[k].total_kw == 2 ? "合计" : "总额", tt, diff);
        jx_suggest(sc->ctx, "核对各项明细金额与%s%s", as[k].total_kw == 2 ? "合计" : "总额", tt);
        if (!sc->form) jx_report_scope_disclosure(sc->ctx, sc->d->file);
    }
    free(as);
}

static void check_all(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        for (size_t i = 0; i < d->nnarratives; i++) {
            const jx_narrative *n = &d->narratives[i];
            /* a form's narrative, or the document's own (its findings the disclosure's) */
            if (!n->form && !jx_narrative_is_documents(d, n)) continue;
            for (size_t s = 0; s < n->nsections; s++) {
                section_ctx sc = {ctx, n->form, d, n, &n->sections[s]};
                check_section(&sc);
            }
        }
    }
}

const jx_rule jx_rule_narrative_arithmetic = {
    "narrative-arithmetic", JX_SEV_ERROR, JX_DIM_FEASIBILITY,
    "经费情况说明中的测算有误：乘积或明细之和与所写金额不符",
    "财预〔2021〕101号：绩效目标应与预算相匹配，测算依据充分、计算准确",
    {{NULL, 0, NULL}}, NULL, check_all, JX_SCOPE_FORM,
};
