/*
** budget-sum: the sums inside one budget table of a department disclosure,
** exact in fen: a 类 equals the sum of its 款, a 款 the sum of its 项, the
** 合计 row the sum of the 类 (or of the top-level 一、二、… rows), and in each
** row 合计 the sum of its parts (基本支出 + 项目支出, 人员经费 + 公用经费,
** 财政拨款收入 + … + 其他收入; 小计 of its sub-columns).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget_util.h"
#include "text.h"

/* Report a total that is not the sum of its parts. */
static void mismatch(const jx_rule_ctx *ctx, const jx_bu_at *anchor, const jx_budget_table *t,
                     const jx_budget_row *r, int col, long long sum, const char *parts)
{
    char a[64], b[64];
    char *place = jx_bu_place(t, r, col);
    jx_bu_report(ctx, anchor, r->line, place, "%s为%s，而%s之和为%s（差额%s）", place,
              jx_bu_yuan(r->values[col], a, sizeof a), parts, jx_bu_yuan(sum, b, sizeof b),
              jx_bu_yuan(r->values[col] - sum, (char[64]){0}, 64));
    free(place);
}

/* 类 = Σ 款, 款 = Σ 项: children are the following rows whose code extends it by 2 digits. */
static void check_codes(const jx_rule_ctx *ctx, const jx_bu_at *anchor, const jx_budget_table *t)
{
    for (size_t i = 0; i < t->nrows; i++) {
        const jx_budget_row *p = &t->rows[i];
        size_t pl = strlen(p->code);
        if (pl != 3 && pl != 5) continue;
        for (size_t c = 0; c < t->ncolumns; c++) {
            if (p->values[c] == JX_NO_AMOUNT) continue;
            long long sum = 0;
            size_t kids = 0, first = 0, last = 0, valued = 0;
            for (size_t k = i + 1; k < t->nrows; k++) {
                const jx_budget_row *q = &t->rows[k];
                if (strncmp(q->code, p->code, pl) != 0) break;
                if (strlen(q->code) != pl + 2) continue;
                if (!kids) first = k;
                last = k;
                kids++;
                valued += q->values[c] != JX_NO_AMOUNT;
                sum += jx_bu_v(q->values[c]);
            }
            if (!valued || sum == p->values[c]) continue;   /* nothing to compare: fail closed */
            char parts[160];
            snprintf(parts, sizeof parts, "其下%zu个%s（第%ld–%ld行）", kids, pl == 3 ? "款" : "项",
                     t->rows[first].line, t->rows[last].line);
            mismatch(ctx, anchor, t, p, (int)c, sum, parts);
        }
    }
}

/* 1 when the row is a top-level one: a 3-digit code or a 一、 ordinal. */
static int top_level(const jx_budget_row *r, int coded)
{
    if (coded) return strlen(r->code) == 3;
    const char *s = r->code[0] ? r->code : r->name;
    static const char *const ord[] = {"一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、",
                                      "九、", "十、", NULL};
    for (int i = 0; ord[i]; i++)
        if (strncmp(s, ord[i], strlen(ord[i])) == 0) return 1;
    return 0;
}

/* The 合计/总计 row of each column = Σ top-level rows having a value in that column. */
static void check_total_rows(const jx_rule_ctx *ctx, const jx_bu_at *anchor, const jx_budget_table *t)
{
    int coded = 0;
    for (size_t i = 0; i < t->nrows; i++) coded |= strlen(t->rows[i].code) == 3;
    for (size_t c = 0; c < t->ncolumns; c++) {
        const jx_budget_row *tot = jx_bu_total_row(t, (int)c);
        if (!tot) continue;
        long long sum = 0;
        size_t n = 0;
        for (size_t i = 0; i < t->nrows; i++) {
            const jx_budget_row *r = &t->rows[i];
            if (r == tot || !top_level(r, coded) || r->values[c] == JX_NO_AMOUNT) continue;
            sum += r->values[c];
            n++;
        }
        if (!n || sum == tot->values[c]) continue;
        char parts[96];
        snprintf(parts, sizeof parts, "%zu个%s", n, coded ? "类" : "一级项目");
        mismatch(ctx, anchor, t, tot, (int)c, sum, parts);
    }
}

/* In each row: 合计 = Σ the other columns of its group; X/小计 = Σ X/…. */
static void check_columns(const jx_rule_ctx *ctx, const jx_bu_at *anchor, const jx_budget_table *t)
{
    for (size_t c = 0; c < t->ncolumns; c++) {
        const char *name = t->columns[c];
        const char *slash = strrchr(name, '/');
        const char *leaf = slash ? slash + 1 : name;
        size_t plen = slash ? (size_t)(slash - name) + 1 : 0;
        int subtotal = strcmp(leaf, "小计") == 0;
        if (strcmp(leaf, "合计") != 0 && !subtotal) continue;
        /* The parts: the following columns of the same group (prefix), not nested. */
        size_t from = c + 1, to = c + 1;
        for (; to < t->ncolumns; to++) {
            const char *o = t->columns[to];
            if (subtotal && strncmp(o, name, plen) != 0) break;
            if (!subtotal && plen && strncmp(o, name, plen) != 0) break;
            if (!subtotal && strstr(o, "机关运行经费")) break;   /* not a 三公 item */
        }
        if (to - from < 2) continue;
        for (size_t i = 0; i < t->nrows; i++) {
            const jx_budget_row *r = &t->rows[i];
            if (r->values[c] == JX_NO_AMOUNT) continue;
            long long sum = 0;
            int any = 0;
            for (size_t k = from; k < to; k++) {
                /* A 小计's parts are summed through the 小计 itself. */
                if (!subtotal && strchr(t->columns[k], '/') && !plen &&
                    strcmp(strrchr(t->columns[k], '/') + 1, "小计") != 0)
                    continue;
                any |= r->values[k] != JX_NO_AMOUNT;
                sum += jx_bu_v(r->values[k]);
            }
            if (!any || sum == r->values[c]) continue;
            jx_buf b = {0};
            for (size_t k = from; k < to; k++) {
                if (!subtotal && strchr(t->columns[k], '/') && !plen &&
                    strcmp(strrchr(t->columns[k], '/') + 1, "小计") != 0)
                    continue;
                jx_buf_printf(&b, "%s「%s」", b.len ? "+" : "", t->columns[k]);
            }
            mismatch(ctx, anchor, t, r, (int)c, sum, b.data);
            jx_buf_free(&b);
        }
    }
}

/* Every table of every disclosure. */
static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t d = 0; d < forms->ndisclosures; d++) {
        const jx_disclosure *dis = forms->disclosures[d];
        jx_bu_at at, *anchor = &at;
        if (!jx_bu_at_of(forms, dis, &at)) continue;
        for (size_t i = 0; i < dis->ntables; i++) {
            check_codes(ctx, anchor, &dis->tables[i]);
            check_total_rows(ctx, anchor, &dis->tables[i]);
            check_columns(ctx, anchor, &dis->tables[i]);
        }
    }
}

const jx_rule jx_rule_budget_sum = {
    "budget-sum", JX_SEV_ERROR, JX_DIM_APPROPRIATENESS,
    "预算表内合计与其明细之和不一致",
    "部门预算公开表格：合计=各类之和，类=所属款之和，款=所属项之和，合计=基本支出+项目支出",
    {{NULL, 0, NULL}}, NULL, check, JX_SCOPE_DISCLOSURE,
};
