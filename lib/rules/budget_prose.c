/*
** budget-prose: the figures a department disclosure states in its text must
** agree with its tables and target tables: total income and expenditure,
** 财政拨款/一般公共预算/政府性基金 totals, each “科目” amount, the 三公
** figures and 机关运行经费, and "编报绩效目标的项目N个，涉及项目预算资金X万元"
** against the target tables the document carries -- when it carries them
** all: a disclosure that carries fewer tables than half the projects it
** states publishes a selection (the 2026 Putuo disclosures publish their key
** project's table of 14 or 247), and then the count and money are not
** checkable (an info says so; one table missing of 37 is an error). A figure
** stated in 万元
** with d decimals agrees when it is the table's exact amount rounded or cut to
** d decimals (compared in fen).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget_util.h"

/* Where a claim is compared: a table cell. */
typedef struct cell {
    const jx_budget_table *t;
    const jx_budget_row *r;
    int c;
} cell;

/* The table cell a claim speaks of (r NULL when the document has none). */
static cell target_of(const jx_disclosure *d, const jx_claim *cl)
{
    cell x = {NULL, NULL, -1};
    static const char *const w_all[] = {"收支", "总表", NULL};
    static const char *const w_out[] = {"支出", "总表", NULL};
    static const char *const w_fis[] = {"财政拨款", "收支", NULL};
    static const char *const w_pub[] = {"一般公共预算", "功能分类", NULL};
    static const char *const w_fund[] = {"政府性基金", NULL};
    static const char *const w_sg[] = {"三公", NULL};
    switch (cl->kind) {
    case JX_CLAIM_EXPENSE_TOTAL:
        x.t = jx_bu_table(d, w_out, "收支");
        x.c = jx_bu_col(x.t, "合计");
        break;
    case JX_CLAIM_INCOME_TOTAL:
        x.t = jx_bu_table(d, w_all, "财政拨款");
        x.c = jx_bu_col(x.t, "收入");
        break;
    case JX_CLAIM_FISCAL_TOTAL:
        x.t = jx_bu_table(d, w_fis, NULL);
        x.c = jx_bu_col(x.t, "支出/合计");
        if (x.c < 0) x.c = jx_bu_col(x.t, "支出");
        break;
    case JX_CLAIM_PUBLIC_TOTAL:
    case JX_CLAIM_SUBJECT:
        x.t = jx_bu_table(d, w_pub, NULL);
        x.c = jx_bu_col(x.t, "合计");
        break;
    case JX_CLAIM_FUND_TOTAL:
        x.t = jx_bu_table(d, w_fund, NULL);
        x.c = jx_bu_col(x.t, "合计");
        break;
    case JX_CLAIM_SANGONG_TOTAL: case JX_CLAIM_SANGONG_ABROAD: case JX_CLAIM_SANGONG_RECEPTION:
    case JX_CLAIM_SANGONG_CAR_BUY: case JX_CLAIM_SANGONG_CAR_RUN: case JX_CLAIM_OPERATING: {
        static const char *const col[] = {[JX_CLAIM_SANGONG_TOTAL] = "合计",
                                          [JX_CLAIM_SANGONG_ABROAD] = "出国",
                                          [JX_CLAIM_SANGONG_RECEPTION] = "接待",
                                          [JX_CLAIM_SANGONG_CAR_BUY] = "/购置费",
                                          [JX_CLAIM_SANGONG_CAR_RUN] = "/运行费",
                                          [JX_CLAIM_OPERATING] = "机关运行经费"};
        x.t = jx_bu_table(d, w_sg, NULL);
        x.c = jx_bu_col(x.t, col[cl->kind]);
        if (x.t && x.t->nrows > 0) x.r = &x.t->rows[0];
        return x;
    }
    default:
        return x;
    }
    if (cl->kind == JX_CLAIM_SUBJECT) x.r = x.t ? jx_bu_row_name(x.t, cl->subject) : NULL;
    else x.r = jx_bu_total_row(x.t, x.c);
    return x;
}

/* 编报绩效目标的项目N个，涉及项目预算资金X万元 against the target tables read. */
static void check_projects(const jx_rule_ctx *ctx, const jx_form_list *forms, const jx_disclosure *d,
                           const jx_bu_at *anchor, const jx_claim *cl)
{
    long n = 0;
    long long sum = 0;
    int all = 1;
    for (size_t i = 0; i < forms->count; i++) {
        const jx_form *f = forms->items[i];
        if (!f->file || strcmp(f->file, d->file) != 0) continue;
        n++;
        if (f->budget.total == JX_NO_AMOUNT) all = 0;
        else sum += f->budget.total;
    }
    if (cl->count > 0 && n == 0) {   /* a disclosure without target tables */
        jx_bu_report_info(ctx, anchor, cl->line, "text.projects",
                          "第%ld行称编报绩效目标的项目%ld个，文件未附绩效目标表，项目数与项目预算资金无法核对",
                          cl->line, cl->count);
        return;
    }
    if (cl->count > 0 && 2 * n < cl->count) {   /* a selection, not the whole set */
        jx_bu_report_info(ctx, anchor, cl->line, "text.projects",
                       "第%ld行称编报绩效目标的项目%ld个，文件只附%ld张绩效目标表（选择公开），"
                       "项目数与项目预算资金无法核对",
                       cl->line, cl->count, n);
        return;
    }
    if (cl->count >= 0 && cl->count != n)
        jx_bu_report(ctx, anchor, cl->line, "text.projects",
                  "第%ld行称编报绩效目标的项目%ld个，而文件中的绩效目标表为%ld张", cl->line,
                  cl->count, n);
    if (cl->amount == JX_NO_AMOUNT) return;
    char a[64], b[64];
    if (!all) {
        jx_bu_report_info(ctx, anchor, cl->line, "text.projects",
                       "第%ld行称涉及项目预算资金%s，部分绩效目标表无金额，无法核对", cl->line, cl->text);
        return;
    }
    if (!jx_money_agrees(cl->amount, cl->decimals, 1, sum))
        jx_bu_report(ctx, anchor, cl->line, "text.projects",
                  "第%ld行称涉及项目预算资金%s，而%ld张绩效目标表（及其经费情况说明）的金额合计为%s（差额%s）",
                  cl->line, cl->text, n, jx_bu_yuan(sum, a, sizeof a),
                  jx_bu_yuan(cl->amount - sum, b, sizeof b));
}

/* Every stated figure of every disclosure. */
static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        jx_bu_at at, *anchor = &at;
        if (!jx_bu_at_of(forms, d, &at)) continue;
        for (size_t i = 0; i < d->nclaims; i++) {
            const jx_claim *cl = &d->claims[i];
            if (cl->kind == JX_CLAIM_PROJECTS) { check_projects(ctx, forms, d, anchor, cl); continue; }
            cell x = target_of(d, cl);
            if (!x.t || !x.r || x.c < 0 || x.r->values[x.c] == JX_NO_AMOUNT) continue;   /* fail closed */
            long long exact = x.r->values[x.c];
            if (jx_money_agrees(cl->amount, cl->decimals, 1, exact)) continue;
            char a[64], b[64];
            char *place = jx_bu_place(x.t, x.r, x.c);
            static const char *const what[] = {
                [JX_CLAIM_EXPENSE_TOTAL] = "支出预算", [JX_CLAIM_INCOME_TOTAL] = "收入预算",
                [JX_CLAIM_FISCAL_TOTAL] = "财政拨款支出预算",
                [JX_CLAIM_PUBLIC_TOTAL] = "一般公共预算拨款支出预算",
                [JX_CLAIM_FUND_TOTAL] = "政府性基金拨款支出预算", [JX_CLAIM_SUBJECT] = "科目",
                [JX_CLAIM_SANGONG_TOTAL] = "“三公”经费预算数",
                [JX_CLAIM_SANGONG_ABROAD] = "因公出国（境）费",
                [JX_CLAIM_SANGONG_RECEPTION] = "公务接待费",
                [JX_CLAIM_SANGONG_CAR_BUY] = "公务用车购置费",
                [JX_CLAIM_SANGONG_CAR_RUN] = "公务用车运行费",
                [JX_CLAIM_OPERATING] = "机关运行经费预算", [JX_CLAIM_PROJECTS] = "项目预算资金"};
            jx_bu_report(ctx, anchor, cl->line, place, "第%ld行称%s%s%s%s%s，而%s为%s（差额%s）", cl->line,
                      cl->subject ? "“" : "", cl->subject ? cl->subject : "",
                      cl->subject ? "”" : "", what[cl->kind], cl->text, place,
                      jx_bu_yuan(exact, a, sizeof a), jx_bu_yuan(cl->amount - exact, b, sizeof b));
            free(place);
        }
    }
}

const jx_rule jx_rule_budget_prose = {
    "budget-prose", JX_SEV_ERROR, JX_DIM_APPROPRIATENESS,
    "预算说明文字中的数字与预算表不一致",
    "部门预算公开：编制说明、三公经费说明、绩效目标设置情况所述金额与项目数应与所附表格一致",
    {{NULL, 0, NULL}}, NULL, check, JX_SCOPE_DISCLOSURE,
};
