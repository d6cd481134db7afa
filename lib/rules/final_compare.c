/*
** final-compare: per item of the 一般公共预算财政拨款支出决算具体情况 (and the
** “三公” paragraph) the 情况说明 gives 年初预算/全年预算, 支出决算 and says
** 决算数大于/小于/等于 (持平) 预算数; the word must fit the two numbers it
** compares, a completion rate (完成…预算的Z%) must be 决算 ÷ that budget, and
** the 决算 figure must be the table's (the item's 类/款/项 row of the
** 一般公共预算财政拨款支出决算表, or the “三公” table's 合计).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "final_util.h"
#include "text.h"
#include "jixiao/util.h"

/* Half a unit of the stated decimals of 万元, in fen. */
static long long half(int decimals)
{
    long long q = 1000000;
    for (int i = 0; i < decimals && q > 1; i++) q /= 10;
    return q / 2;
}

/* The row of t an item chain …（类）…（款）…（项） names (codes 3/5/7 digits), or NULL. */
static const jx_budget_row *item_row(const jx_budget_table *t, const char *subject)
{
    static const char *const marks[] = {"(类)", "(款)", "(项)"};
    const char *p = subject;
    const jx_budget_row *parent = NULL;
    for (int level = 0; level < 3; level++) {
        const char *m = strstr(p, marks[level]);
        if (!m) return level == 0 ? NULL : parent;
        char *name = jx_strndup(p, (size_t)(m - p));
        const jx_budget_row *hit = NULL;
        for (size_t i = 0; i < t->nrows && !hit; i++) {
            const jx_budget_row *r = &t->rows[i];
            if (strlen(r->code) != (size_t)(3 + 2 * level)) continue;
            if (parent && strncmp(r->code, parent->code, strlen(parent->code)) != 0) continue;
            char *k = jx_text_key(r->name);
            if (!strcmp(k, name)) hit = r;
            free(k);
        }
        free(name);
        if (!hit) return NULL;
        parent = hit;
        p = m + strlen(marks[level]);
    }
    return parent;
}

static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    static const char *const pub_words[] = {"一般公共预算财政拨款支出决算", NULL};
    static const char *const sg_words[] = {"三公", NULL};
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        if (!jx_fu_checked(d)) continue;
        const jx_budget_table *pub = NULL;
        for (size_t i = 0; i < d->ntables && !pub; i++) {
            char *t = jx_fu_title_key(d->tables[i].title);
            if (strstr(t, pub_words[0]) && !strstr(t, "基本支出")) pub = &d->tables[i];
            free(t);
        }
        const jx_budget_table *sg = jx_fu_table(d, sg_words);
        for (size_t i = 0; i < d->nstatements; i++) {
            const jx_statement *s = &d->statements[i];
            if (s->kind != JX_STMT_COMPARE) continue;
            char a[64], b[64];
            /* which budget the word compares with */
            int full = s->base && !strcmp(s->base, "全年预算");
            int initial = s->base && !strcmp(s->base, "年初预算");
            long long bud = full ? s->amount3 : initial ? s->amount2
                            : s->amount3 != JX_NO_AMOUNT ? s->amount3 : s->amount2;
            const char *bname = full || (!initial && s->amount3 != JX_NO_AMOUNT) ? "全年预算" : "年初预算";
            if (!full && !initial && s->amount3 == JX_NO_AMOUNT && s->amount2 != JX_NO_AMOUNT) bname = "预算";
            if (s->sign != 2 && bud != JX_NO_AMOUNT && s->amount != JX_NO_AMOUNT) {
                int cmp = s->amount > bud ? 1 : s->amount < bud ? -1 : 0;
                int flat_ok = s->sign == 0 && strstr(s->text, "基本持平") &&
                              (bud ? llabs(s->amount - bud) * 20 <= llabs(bud) : s->amount == 0);
                if (cmp != s->sign && !flat_ok) {
                    const char *word = s->sign > 0 ? "大于" : s->sign < 0 ? "小于" : "等于（持平）";
                    const char *truth = cmp > 0 ? "大于" : cmp < 0 ? "小于" : "等于";
                    jx_report_disclosure(ctx, d, s->page, s->line, s->subject,
                                         "“%s”决算数%s，%s%s：情况说明称决算数%s%s数，实为%s",
                                         s->subject, jx_fu_wan(s->amount, a, sizeof a), bname,
                                         jx_fu_wan(bud, b, sizeof b), word, bname, truth);
                }
            }
            /* 完成…预算的Z% */
            if (s->has_share && s->share_of) {
                /* 完成年初预算的 → 年初; 完成全年预算的 → 全年; 完成预算的 → the budget stated */
                int cfull = jx_starts_with(s->share_of, "全年") ||
                            (!jx_starts_with(s->share_of, "年初") && s->amount2 == JX_NO_AMOUNT);
                long long cb = cfull ? s->amount3 : s->amount2;
                int cdec = cfull ? s->decimals3 : s->decimals2;
                const char *cname = cfull ? "全年预算" : jx_starts_with(s->share_of, "年初") ? "年初预算" : "预算";
                if (cb != JX_NO_AMOUNT && s->amount != JX_NO_AMOUNT) {
                    if (cb == 0 && s->amount > 0 && s->share > 0) {
                        jx_report_disclosure(ctx, d, s->page, s->line, s->subject,
                                             "“%s”称完成%s的%.*f%%，而%s为0万元（决算数%s）", s->subject, cname,
                                             s->share_decimals, s->share, cname,
                                             jx_fu_wan(s->amount, a, sizeof a));
                    } else if (cb > 0 && !jx_fu_pct_agrees(s->share, s->share_decimals, s->amount,
                                                           half(s->decimals), cb, half(cdec))) {
                        jx_report_disclosure(ctx, d, s->page, s->line, s->subject,
                                             "“%s”称完成%s的%.*f%%，而%s÷%s=%.2f%%", s->subject, cname,
                                             s->share_decimals, s->share, jx_fu_wan(s->amount, a, sizeof a),
                                             jx_fu_wan(cb, b, sizeof b),
                                             100.0 * (double)s->amount / (double)cb);
                    }
                }
            }
            /* the 决算 figure against the table */
            const jx_budget_table *t = NULL;
            const jx_budget_row *r = NULL;
            int col = -1;
            if (pub && strstr(s->subject, "(项)")) {
                t = pub;
                r = item_row(pub, s->subject);
                col = jx_fu_col(pub, "合计", 0);
            } else if (sg && strstr(s->subject, "三公")) {
                t = sg;
                col = jx_fu_col(sg, "合计/决算数", 0);
                if (sg->nrows == 0 && (s->amount > 0 || (s->amount2 != JX_NO_AMOUNT && s->amount2 > 0))) {
                    jx_report_disclosure(ctx, d, s->page, s->line, s->subject,
                                         "情况说明称“三公”经费预算%s、决算%s，而表「%s」（第%d页）没有数字",
                                         jx_fu_wan(s->amount2, a, sizeof a), jx_fu_wan(s->amount, b, sizeof b),
                                         sg->title, sg->page);
                    continue;
                }
                r = sg->nrows ? &sg->rows[0] : NULL;
            }
            if (t && r && col >= 0 && r->values[col] != JX_NO_AMOUNT &&
                !jx_fu_stated_agrees(s->amount, s->decimals, r->values[col])) {
                char *place = jx_fu_place(t, r, col);
                jx_report_disclosure(ctx, d, s->page, s->line, s->subject,
                                     "情况说明称“%s”支出决算为%s，而%s为%s", s->subject,
                                     jx_fu_wan(s->amount, a, sizeof a), place,
                                     jx_fu_wan(r->values[col], b, sizeof b));
                free(place);
            }
        }
    }
}

const jx_rule jx_rule_final_compare = {
    "final-compare", JX_SEV_ERROR, JX_DIM_APPROPRIATENESS,
    "决算数与预算数的比较表述与数字不符",
    "部门决算公开：逐项说明决算数大于/小于/等于年初（全年）预算数及原因；完成率=决算数÷预算数",
    {{NULL, 0, NULL}}, NULL, check, JX_SCOPE_DISCLOSURE,
};
