/*
** cmd_show.c - `jixiao show ID`: one form as a reviewer reads it.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jixiao/fields.h"
#include "jixiao/value.h"

/* One "label: value" line, "-" for absent text. */
static void field(const char *label, const char *value)
{
    printf("  %s: %s\n", label, value && *value ? value : "-");
}

/* One amount line in 万元. */
static void amount(const char *label, long long fen)
{
    char buf[32];
    cli_format_wan(fen, buf, sizeof buf);
    printf("  %s: %s%s\n", label, buf, fen == JX_NO_AMOUNT ? "" : " 万元");
}

/* Print a form in full. */
static void print_form(const jx_form *f)
{
    printf("form %lld  %s:%ld\n", f->id, f->file, f->line);
    field("项目名称", f->name);
    field("申报单位", f->unit);
    field("主管部门", f->department);
    printf("  year: %d\n", f->year);
    field("项目性质", f->nature);
    field("项目类别", f->category);
    field("framework", f->framework);
    printf("  period: %s .. %s\n", f->period_start ? f->period_start : "-",
           f->period_end ? f->period_end : "-");
    amount("total (年度资金/项目总预算)", f->budget.total);
    amount("year (当年财政拨款)", f->budget.year);
    amount("carryover (上年结转)", f->budget.carryover);
    amount("other (其他资金)", f->budget.other);
    amount("project_total (项目资金总额)", f->budget.project_total);
    amount("prev_budget (上年预算)", f->budget.prev_budget);
    amount("prev_exec (上年执行)", f->budget.prev_exec);
    for (size_t i = 0; i < f->ncomponents; i++) {
        char buf[32];
        cli_format_wan(f->components[i].amount, buf, sizeof buf);
        printf("  component: %s  %s\n", f->components[i].name, buf);
    }
    field("goal", f->goal);
    for (int i = 0; i < JX_NFIELDS; i++) {   /* the fields added to the contract, by the field table */
        char buf[64];
        if (jx_field_is_added(&jx_fields[i]))
            field(jx_fields[i].title, jx_field_format(f, &jx_fields[i], buf, sizeof buf));
    }
    printf("  indicators (%zu):\n", f->nindicators);
    const char *l1 = NULL, *l2 = NULL;
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        if (!l1 || !ind->level1 || strcmp(l1, ind->level1) != 0) {
            printf("    %s\n", ind->level1 ? ind->level1 : "-");
            l2 = NULL;
        }
        if (ind->level2 && (!l2 || strcmp(l2, ind->level2) != 0))
            printf("      %s\n", ind->level2);
        l1 = ind->level1 ? ind->level1 : "-";
        l2 = ind->level2;
        const char *op = jx_op_name(ind->value.op);
        printf("        %s → %s", ind->name ? ind->name : "(无三级指标)",
               ind->target ? ind->target : "(无指标值)");
        if (op) printf("  [%s %g%s]", op, ind->value.value, ind->value.unit);
        printf("  (line %ld)\n", ind->line);
    }
}

/* ID must be a positive number. */
static int show_validate(cli *ctx)
{
    long long id;
    return cli_parse_id(ctx, ctx->args[0], &id, "ID must be a positive number, not '%s'") ? EXIT_OK : EXIT_USAGE;
}

const cli_spec show_spec = {
    .usage = "usage: jixiao [--db PATH] show ID\n",
    .about = "Show one stored form: header fields, amounts (万元), components and the\n"
             "indicator tree (一级/二级/三级指标 → 指标值) with source lines.\n",
    .min_args = 1,
    .max_args = 1,
    .missing = "no ID given",
    .validate = show_validate,
};

/* Print the form with id ID. */
int cmd_show(cli *ctx)
{
    long long id = strtoll(ctx->args[0], NULL, 10);   /* checked by show_validate */
    jx_store *store = ctx->store;
    jx_filter filter = {0};
    filter.id = id;
    jx_form_list forms = {0};
    jx_error err;
    jx_error_clear(&err);
    int status = EXIT_OK;
    if (jx_store_load(store, &filter, &forms, &err) != JX_OK) {
        status = cli_report("show", &err);
    } else if (forms.count == 0) {
        fprintf(stderr, "jixiao: show: no form with id %lld\n", id);
        status = EXIT_INPUT;
    } else {
        print_form(forms.items[0]);
    }
    jx_form_list_free(&forms);
    return status;
}
