/*
** text-quality: defects a proof-reader marks in every text field of a form
** (every text field of the field table, jixiao/fields.h: project name,
** unit, annual goal, 项目概况, 立项依据, 实施计划 …; components; indicator names
** and targets) and of its narrative (…项目经费情况说明, each section):
**
**  - a particle or suffix written twice (的的, 和和, 率率): doubled[] below,
**    characters that do not reduplicate in Chinese;
**  - a word of 3-4 characters written twice in a row (满意度满意度);
**  - a template code left before an indicator name (A2预算执行率);
**  - a template placeholder never filled (计划购置xx个);
**  - a lowercase Latin word inside Chinese text (uppercase acronyms such as
**    UPS, WIFI, G60 and units after a number such as m² are fine);
**  - a character outside GB 2312 (iconv decides) between common ones: with
**    the word list (wordlist.c) naming the common word it differs from by
**    that character (完慗性 → 完整性) a warning, else an info;
**  - a level label glued to a name (满意度 入驻单位（部门）满意度): the
**    name opens with a framework term (vocab.h) and a space.
**
** Known misspellings (视屏监控 → 视频监控) are the typo rule's table.
*/
#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "rule_util.h"
#include "text.h"
#include "jixiao/disclosure.h"
#include "jixiao/fields.h"
#include "jixiao/util.h"

/* Characters that never reduplicate: structural particles, conjunctions,
   prepositions and the suffixes indicator names end in. Source: grammar of
   reduplication (only content words, measure words and a few adverbs
   reduplicate: 人人, 天天, 常常, 等等); these are function words. */
static const char *const doubled[] = {"的", "地", "得", "在", "和", "与", "及", "对", "是", "把",
                                      "被", "将", "于", "并", "或", "其", "之", "所", "从", "向",
                                      "为", "而", "且", "但", "也", "又", "率", "性", NULL};

/*
** The codepoints of s (NUL-free UTF-8) and their byte offsets; returns the
** count. A text of fewer than DECODE_LOCAL bytes goes in the caller's
** local_cps/local_offs (no allocation), a longer one in malloc'd arrays.
*/
#define DECODE_LOCAL 256
static size_t decode(const char *s, int32_t **cps, size_t **offs, int32_t *local_cps, size_t *local_offs)
{
    size_t len = strlen(s), n = 0;
    if (len + 2 <= DECODE_LOCAL) {
        *cps = local_cps;
        *offs = local_offs;
    } else {
        *cps = jx_xmalloc((len + 1) * sizeof **cps);
        *offs = jx_xmalloc((len + 2) * sizeof **offs);
    }
    for (size_t i = 0; i < len;) {
        int32_t c;
        utf8proc_ssize_t k;
        if ((unsigned char)s[i] < 0x80) { c = (unsigned char)s[i]; k = 1; }   /* ASCII: utf8proc's answer */
        else k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0) { c = 0xFFFD; k = 1; }
        (*offs)[n] = i;
        (*cps)[n++] = c;
        i += (size_t)k;
    }
    (*offs)[n] = len;
    return n;
}

static int is_cjk(int32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FFFF);
}

/* 1 when iconv converts the character to GB 2312. */
static int converts(iconv_t cd, int32_t c)
{
    char in[8], out[8];
    utf8proc_ssize_t n = utf8proc_encode_char(c, (utf8proc_uint8_t *)in);
    char *ip = in, *op = out;
    size_t il = (size_t)n, ol = sizeof out;
    iconv(cd, NULL, NULL, NULL, NULL);
    return iconv(cd, &ip, &il, &op, &ol) != (size_t)-1;
}

/* iconv's answer for the ideographs U+3400..U+9FFF, asked once (a bit each; it was
   two iconv calls per character of every text, 8 % of a review). */
#define GB_FIRST 0x3400
#define GB_END 0xA000
static unsigned char gb2312_bits[(GB_END - GB_FIRST) / 8];
static int gb2312_ready;
static pthread_once_t gb2312_once = PTHREAD_ONCE_INIT;

static void gb2312_build(void)
{
    iconv_t cd = iconv_open("GB2312", "UTF-8");
    if (cd == (iconv_t)-1) return;
    for (int32_t c = GB_FIRST; c < GB_END; c++)
        if (converts(cd, c)) gb2312_bits[(c - GB_FIRST) / 8] |= (unsigned char)(1u << ((c - GB_FIRST) % 8));
    iconv_close(cd);
    gb2312_ready = 1;
}

/* 1 when the character is in GB 2312 (iconv converts it); gb2312_once has run. */
static int in_gb2312(iconv_t cd, int32_t c)
{
    if (c >= GB_FIRST && c < GB_END) {   /* the caller ran gb2312_once */
        if (gb2312_ready) return gb2312_bits[(c - GB_FIRST) / 8] >> ((c - GB_FIRST) % 8) & 1;
    }
    return converts(cd, c);
}

/* Text of codepoints [a, b) of s, as a new string. */
static char *span(const char *s, const size_t *offs, size_t a, size_t b)
{
    return jx_strndup(s + offs[a], offs[b] - offs[a]);
}

/* A context excerpt around codepoints [a, b): up to 6 characters each side. */
static char *excerpt(const char *s, const size_t *offs, size_t n, size_t a, size_t b)
{
    size_t lo = a > 6 ? a - 6 : 0, hi = b + 6 < n ? b + 6 : n;
    jx_buf x = {0};
    if (lo > 0) jx_buf_puts(&x, "…");
    jx_buf_append(&x, s + offs[lo], offs[hi] - offs[lo]);
    if (hi < n) jx_buf_puts(&x, "…");
    return jx_buf_take(&x);
}

typedef struct place {
    const jx_form *form;
    const jx_indicator *ind;   /* NULL for a form field */
    long line;
    const char *where;         /* field, for a form field */
    const char *what;          /* 指标名称, 年度目标, 经费情况说明「项目概述」 … */
    const char *disclosure;    /* form NULL: the file of the disclosure whose narrative it is */
} place;

/* Report at a place: warning (the rule's severity) or info. */
static void say(const jx_rule_ctx *ctx, const place *p, int info, const char *suggestion,
                const char *fmt, const char *a, const char *b)
{
    if (info) {
        jx_buf where = {0};
        if (p->ind)
            jx_buf_printf(&where, "%s/%s/%s", p->ind->level1 ? p->ind->level1 : "-",
                          p->ind->level2 ? p->ind->level2 : "-", p->ind->name ? p->ind->name : "-");
        else
            jx_buf_puts(&where, p->where);
        jx_report_info(ctx, p->form, p->line, where.data, fmt, p->what, a, b);
        jx_buf_free(&where);
    } else if (p->ind) {
        jx_report_indicator(ctx, p->form, p->ind, fmt, p->what, a, b);
    } else {
        jx_report(ctx, p->form, p->line, p->where, fmt, p->what, a, b);
    }
    if (suggestion) jx_suggest(ctx, "%s", suggestion);
    if (!p->form) jx_report_scope_disclosure(ctx, p->disclosure);
}

/* Every check on one text. */
static void scan(const jx_rule_ctx *ctx, iconv_t cd, const place *p, const char *s, int is_name)
{
    if (!s || !*s) return;
    int32_t *c, local_c[DECODE_LOCAL];
    size_t *o, local_o[DECODE_LOCAL];
    size_t n = decode(s, &c, &o, local_c, local_o);
    char sugg[512];
    /* doubled particles */
    for (size_t i = 0; i + 1 < n; i++) {
        if (c[i] != c[i + 1] || !is_cjk(c[i])) continue;
        char *ch = span(s, o, i, i + 1);
        int hit = 0;
        for (size_t k = 0; doubled[k] && !hit; k++) hit = !strcmp(ch, doubled[k]);
        if (hit && !(i + 2 < n && c[i + 2] == c[i])) {
            char *ex = excerpt(s, o, n, i, i + 2);
            snprintf(sugg, sizeof sugg, "删除重复的“%s”", ch);
            say(ctx, p, 0, sugg, "%s“%s”中“%s”重复", ex, ch);
            free(ex);
            i++;
        }
        free(ch);
    }
    /* doubled words of 3-4 characters (not one character four times); two
       characters twice are mostly two words meeting (笔试考试考场) */
    for (size_t i = 0; i < n; i++) {
        for (size_t L = 4; L >= 3; L--) {
            if (i + 2 * L > n) continue;
            int same = 1, cjk = 1, mono = 1;
            for (size_t k = 0; k < L; k++) {
                same &= c[i + k] == c[i + L + k];
                cjk &= is_cjk(c[i + k]);
                mono &= c[i + k] == c[i];
            }
            if (!same || !cjk || mono) continue;
            char *w = span(s, o, i, i + L), *ex = excerpt(s, o, n, i, i + 2 * L);
            snprintf(sugg, sizeof sugg, "删除重复的“%s”", w);
            say(ctx, p, 0, sugg, "%s“%s”中词语“%s”连写两次", ex, w);
            free(w);
            free(ex);
            i += 2 * L - 1;
            break;
        }
    }
    /* a template code before a name: one capital and one digit, then Chinese */
    if (is_name && n >= 3 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= '0' && c[1] <= '9' && is_cjk(c[2])) {
        char *code = span(s, o, 0, 2);
        snprintf(sugg, sizeof sugg, "删除名称前的“%s”", code);
        say(ctx, p, 0, sugg, "%s“%s”前留有模板编号“%s”", s, code);
        free(code);
    }
    /* placeholders and Latin words */
    for (size_t i = 0; i < n;) {
        if (!(c[i] < 128 && ((c[i] | 32) >= 'a' && (c[i] | 32) <= 'z')) && c[i] != 0xD7 && c[i] != 0xFF38 &&
            c[i] != 0xFF58) {
            i++;
            continue;
        }
        size_t j = i;
        int lower = 1, xs = 1;
        while (j < n && ((c[j] < 128 && (c[j] | 32) >= 'a' && (c[j] | 32) <= 'z') || c[j] == 0xD7 ||
                         c[j] == 0xFF38 || c[j] == 0xFF58)) {
            lower &= c[j] >= 'a' && c[j] <= 'z';
            xs &= c[j] == 'x' || c[j] == 'X' || c[j] == 0xD7 || c[j] == 0xFF38 || c[j] == 0xFF58;
            j++;
        }
        int before_cjk = i > 0 && is_cjk(c[i - 1]), after_cjk = j < n && is_cjk(c[j]);
        int after_digit = i > 0 && c[i - 1] >= '0' && c[i - 1] <= '9';
        int alnum_near = (i > 0 && c[i - 1] < 128 && c[i - 1] > ' ' && c[i - 1] != '(') ||
                         (j < n && c[j] < 128 && ((c[j] | 32) >= 'a' && (c[j] | 32) <= 'z'));
        if (j - i >= 2 && xs && (before_cjk || after_cjk)) {
            char *w = span(s, o, i, j), *ex = excerpt(s, o, n, i, j);
            snprintf(sugg, sizeof sugg, "将“%s”改为实际内容", w);
            say(ctx, p, 0, sugg, "%s“%s”中的“%s”是模板占位符，未填写实际内容", ex, w);
            free(w);
            free(ex);
        } else if (j - i >= 2 && lower && !after_digit && !alnum_near && (before_cjk || after_cjk)) {
            char *w = span(s, o, i, j), *ex = excerpt(s, o, n, i, j);
            snprintf(sugg, sizeof sugg, "将“%s”改为中文或删除", w);
            say(ctx, p, 0, sugg, "%s“%s”中夹有拉丁字母“%s”", ex, w);
            free(w);
            free(ex);
        }
        i = j;
    }
    /* rare characters between common ones */
    if (cd != (iconv_t)-1 && !pthread_once(&gb2312_once, gb2312_build))
        for (size_t i = 0; i < n; i++) {
            if (!is_cjk(c[i]) || in_gb2312(cd, c[i])) continue;
            int common_left = i > 0 && is_cjk(c[i - 1]) && in_gb2312(cd, c[i - 1]);
            int common_right = i + 1 < n && is_cjk(c[i + 1]) && in_gb2312(cd, c[i + 1]);
            if (!common_left && !common_right) continue;
            char *ch = span(s, o, i, i + 1), *ex = excerpt(s, o, n, i, i + 1);
            char word[64], right[16];
            if (jx_wordlist_neighbour(c, n, i, word, sizeof word, right, sizeof right)) {
                char both[256];
                snprintf(both, sizeof both, "%s”是GB 2312以外的生僻字，疑为“%s”中“%s", ch, word, right);
                snprintf(sugg, sizeof sugg, "将“%s”改为“%s”", ch, right);
                say(ctx, p, 0, sugg, "%s“%s”中的“%s”之误", ex, both);
            } else {
                say(ctx, p, 1, NULL, "%s“%s”中有GB 2312以外的生僻字“%s”，请核对是否为错字", ex, ch);
            }
            free(ch);
            free(ex);
        }
    /* a level label glued to a name */
    char label[64];
    if (is_name && p->ind && jx_rule_glued_label(s, label, sizeof label)) {
        snprintf(sugg, sizeof sugg, "删除名称前的“%s”", label);
        say(ctx, p, 0, sugg, "%s“%s”以层级名称“%s”开头，疑为转换时与层级单元格粘连", s, label);
    }
    if (c != local_c) {
        free(c);
        free(o);
    }
}

static void check_all(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    iconv_t cd = iconv_open("GB2312", "UTF-8");
    for (size_t k = 0; k < forms->count; k++) {
        const jx_form *f = forms->items[k];
        /* Every text field of the field table (name, unit, goal, 项目概况,
           立项依据, 实施计划, 备注 …), at the line of its label. */
        long line_of[JX_NFIELDS];
        for (int i = 0; i < JX_NFIELDS; i++) line_of[i] = f->line;
        for (size_t i = 0; i < f->nfields; i++) {
            char *key = jx_text_key(f->fields[i].label);
            int id = jx_field_by_label(key);
            free(key);
            if (id >= 0 && line_of[id] == f->line) line_of[id] = f->fields[i].line;
        }
        place p;
        for (int i = 0; i < JX_NFIELDS; i++) {
            const jx_field_def *d = &jx_fields[i];
            if (d->type != JX_FT_TEXT || !d->json || (d->flags & JX_FF_DERIVED)) continue;
            p = (place){f, NULL, line_of[i], d->json, d->id == JX_F_GOAL ? "年度目标" : d->title, NULL};
            scan(ctx, cd, &p, jx_field_text(f, d), 0);
        }
        for (size_t i = 0; i < f->ncomponents; i++) {
            p = (place){f, NULL, f->line, "components", "子项目", NULL};
            scan(ctx, cd, &p, f->components[i].name, 0);
        }
        for (size_t i = 0; i < f->nindicators; i++) {
            const jx_indicator *ind = &f->indicators[i];
            p = (place){f, ind, ind->line, NULL, "指标名称", NULL};
            scan(ctx, cd, &p, ind->name, 1);
            p = (place){f, ind, ind->line, NULL, "指标值", NULL};
            scan(ctx, cd, &p, ind->target, 0);
        }
        const jx_disclosure *d = jx_disclosure_of(forms, f);
        const jx_narrative *nar = d ? jx_disclosure_narrative_of(d, f) : NULL;
        for (size_t i = 0; nar && i < nar->nsections; i++) {
            char what[256], where[256];
            snprintf(what, sizeof what, "经费情况说明「%s」", nar->sections[i].title);
            snprintf(where, sizeof where, "narrative.%s", nar->sections[i].title);
            p = (place){f, NULL, nar->sections[i].line, where, what, NULL};
            scan(ctx, cd, &p, nar->sections[i].text, 0);
        }
    }
    /* A narrative without a target table (every narrative of a disclosure without
       forms) is the disclosure's: its findings are the document's. */
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        for (size_t n = 0; n < d->nnarratives; n++) {
            const jx_narrative *nar = &d->narratives[n];
            if (!jx_narrative_is_documents(d, nar)) continue;
            for (size_t i = 0; i < nar->nsections; i++) {
                char what[256], where[256];
                snprintf(what, sizeof what, "经费情况说明「%s」", nar->sections[i].title);
                snprintf(where, sizeof where, "narrative.%s", nar->sections[i].title);
                place p = {NULL, NULL, nar->sections[i].line, where, what, d->file};
                scan(ctx, cd, &p, nar->sections[i].text, 0);
            }
        }
    }
    if (cd != (iconv_t)-1) iconv_close(cd);
}

const jx_rule jx_rule_text_quality = {
    "text-quality", JX_SEV_WARNING, JX_DIM_COMPLETENESS,
    "文字有重复、夹杂字母或模板编号、生僻错字、层级名称粘连",
    "绩效目标表和经费情况说明是公开文件，文字应准确规范，不留模板痕迹",
    {{NULL, 0, NULL}}, NULL, check_all, JX_SCOPE_FORM,
};
