/*
** goal-promise: what the annual goal promises against what the form sets.
**
**  - a rate promised in the goal (仲裁流程知晓率达到100%) that the indicator
**    of the same name sets lower (≥90%): the goal and its indicator disagree;
**  - money named in the goal (投入资金1200万元) that is none of the form's
**    amounts (this year's total, appropriation, multi-year total), compared
**    as written: 万元 with d decimals agrees when the exact amount rounded or
**    cut to d decimals equals it.
**
** goal-coverage reports a promised quantity no indicator measures; this rule
** only compares what both sides state.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget_util.h"
#include "rule_util.h"
#include "jixiao/util.h"

/* Words between a measure's name and its figure: 达到, 均达到, 为 … (longest first). */
static const char *const links[] = {"均达到", "达到", "不低于", "保持在", "保持", "均达", "达", "为",
                                    "在", NULL};

/* Length of the UTF-8 character ending at s[i-1] (i > 0). */
static size_t char_before(const char *s, size_t i)
{
    size_t k = 1;
    while (k < i && k < 4 && ((unsigned char)s[i - k] & 0xC0) == 0x80) k++;
    return k;
}

static int is_cjk3(const char *p)
{
    unsigned char c = (unsigned char)p[0];
    return c >= 0xE4 && c <= 0xE9;   /* U+4E00..U+9FFF in UTF-8 */
}

/* Core of a name: without a trailing (…)/（…） note and spaces. */
static void core_of(const char *name, char *buf, size_t size)
{
    snprintf(buf, size, "%s", name);
    char *p = strstr(buf, "（");
    char *q = strchr(buf, '(');
    if (q && (!p || q < p)) p = q;
    if (p && p != buf) *p = '\0';
    size_t n = strlen(buf);
    while (n && buf[n - 1] == ' ') buf[--n] = '\0';
}

/* Rates promised in the goal against the indicators of the same name. */
static void rates(const jx_rule_ctx *ctx, const jx_form *f)
{
    const char *g = f->goal;
    for (size_t i = 0; g[i]; i++) {
        if (!(g[i] >= '0' && g[i] <= '9') || (i && g[i - 1] >= '0' && g[i - 1] <= '9') ||
            (i && g[i - 1] == '.'))
            continue;
        char *end;
        double v = strtod(g + i, &end);
        if (*end != '%' && !jx_starts_with(end, "％")) continue;
        /* the measure's name before the figure */
        size_t j = i;
        for (size_t k = 0; links[k]; k++) {
            size_t n = strlen(links[k]);
            if (j >= n && !strncmp(g + j - n, links[k], n)) { j -= n; break; }
        }
        size_t e = j, chars = 0;
        while (j > 0 && chars < 12) {
            size_t k = char_before(g, j);
            if (k != 3 || !is_cjk3(g + j - 3)) break;
            j -= 3;
            chars++;
        }
        if (chars < 3) continue;
        char term[64];
        snprintf(term, sizeof term, "%.*s", (int)(e - j), g + j);
        if (!jx_ends_with(term, "率") && !jx_ends_with(term, "度")) continue;
        for (size_t k = 0; k < f->nindicators; k++) {
            const jx_indicator *ind = &f->indicators[k];
            if (!ind->name || ind->value.kind != JX_KIND_QUANTITATIVE || !jx_rule_unit_is_percent(ind->value.unit))
                continue;
            if (ind->value.op != JX_OP_GE && ind->value.op != JX_OP_EQ && ind->value.op != JX_OP_GT) continue;
            char core[512];
            core_of(ind->name, core, sizeof core);
            if (strlen(core) < 9 || !(strstr(term, core) || strstr(core, term))) continue;
            if (ind->value.value >= v) continue;
            jx_report_indicator(ctx, f, ind, "年度目标承诺“%s%.*s”，而指标“%s”的指标值为“%s”，低于承诺", term,
                                (int)(end - (g + e)) + (jx_starts_with(end, "％") ? 3 : 1), g + e, ind->name,
                                jx_rule_target_text(ind));
            jx_suggest(ctx, "统一年度目标与指标值（年度目标为%g%%，指标值为“%s”）", v, jx_rule_target_text(ind));
            break;
        }
        i = (size_t)(end - g);
    }
}

/* Money named in the goal against the form's amounts. */
static void money(const jx_rule_ctx *ctx, const jx_form *f)
{
    const char *g = f->goal;
    for (size_t i = 0; g[i]; i++) {
        if (!(g[i] >= '0' && g[i] <= '9') || (i && ((g[i - 1] >= '0' && g[i - 1] <= '9') || g[i - 1] == '.' || g[i - 1] == ',')))
            continue;
        size_t j = i, dot = 0;
        int decimals = 0;
        long long mant = 0;
        while ((g[j] >= '0' && g[j] <= '9') || (g[j] == ',' && g[j + 1] >= '0' && g[j + 1] <= '9') ||
               (g[j] == '.' && !dot && g[j + 1] >= '0' && g[j + 1] <= '9')) {
            if (g[j] == '.') dot = 1;
            else if (g[j] != ',') {
                if (mant > 100000000000000LL) break;
                mant = mant * 10 + (g[j] - '0');
                decimals += dot;
            }
            j++;
        }
        int wan = jx_starts_with(g + j, "万元");
        if (!wan && !jx_starts_with(g + j, "元")) { i = j; continue; }
        /* fen of the figure as written */
        long long fen = mant;
        int scale = wan ? 6 - decimals : 2 - decimals;   /* to fen: ×10^scale */
        if (scale < 0) { i = j; continue; }
        for (int k = 0; k < scale; k++) fen *= 10;
        if (fen < 10000 * 100) { i = j; continue; }   /* below 1万元: a price, not the project's money */
        const long long amounts[] = {f->budget.total, f->budget.year, f->budget.project_total,
                                     f->budget.carryover, f->budget.other};
        int any = 0, agree = 0;
        for (size_t k = 0; k < sizeof amounts / sizeof *amounts; k++) {
            if (amounts[k] == JX_NO_AMOUNT) continue;
            any = 1;
            agree |= jx_money_agrees(fen, wan ? decimals : 2, wan, amounts[k]);
        }
        /* components: a goal may name one part's money */
        for (size_t k = 0; k < f->ncomponents && !agree; k++)
            if (f->components[k].amount != JX_NO_AMOUNT)
                agree |= jx_money_agrees(fen, wan ? decimals : 2, wan, f->components[k].amount);
        if (any && !agree && f->budget.total != JX_NO_AMOUNT) {
            char a[64];
            jx_report(ctx, f, f->line, "goal", "年度目标写明资金“%.*s”，与申报表的年度资金%s不符", (int)(j - i + (wan ? 6 : 3)),
                      g + i, jx_rule_wan(f->budget.total, a, sizeof a));
            jx_suggest(ctx, "核对年度目标中的金额与项目资金");
        }
        i = j;
    }
}

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    if (!f->goal) return;
    rates(ctx, f);
    money(ctx, f);
}

const jx_rule jx_rule_goal_promise = {
    "goal-promise", JX_SEV_WARNING, JX_DIM_RELEVANCE,
    "年度目标的承诺与指标值或资金不一致",
    "财预〔2021〕101号：绩效指标是绩效目标的细化，应与年度目标和预算资金相互匹配",
    {{NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
