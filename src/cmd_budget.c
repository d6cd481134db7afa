/*
** cmd_budget.c - `jixiao budget list|show ID`: the budget tables of the stored
** department disclosures (部门预算公开), numbered 1.. in the order of their
** files' forms, and what was skipped when they were read.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jixiao/disclosure.h"

/* Exact yuan with two decimals, "-" when absent. */
static void yuan(long long fen, char *buf, size_t size)
{
    if (fen == JX_NO_AMOUNT) { snprintf(buf, size, "-"); return; }
    long long a = fen < 0 ? -fen : fen;
    snprintf(buf, size, "%s%lld.%02lld", fen < 0 ? "-" : "", a / 100, a % 100);
}

/* The list: tables, narratives, skip notes of every disclosure. */
static void print_list(const jx_form_list *forms)
{
    size_t id = 0, ntables = 0;
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        size_t linked = 0;
        for (size_t i = 0; i < d->nnarratives; i++) linked += d->narratives[i].linked;
        if (d->final)
            printf("%s: final accounts (部门决算) of %s, %d%s: %zu tables, %zu statements\n", d->file,
                   d->unit ? d->unit : "-", d->year, d->template_doc ? " (a template)" : "",
                   d->ntables, d->nstatements);
        else
            printf("%s: %zu budget tables, %zu narratives (%zu linked to a target table), %zu stated figures\n",
                   d->file, d->ntables, d->nnarratives, linked, d->nclaims);
        printf("%5s  %-6s  %6s  %4s  %-4s  %5s  %s\n", "id", "kind", "line", "page", "unit", "rows", "title");
        for (size_t i = 0; i < d->ntables; i++) {
            const jx_budget_table *t = &d->tables[i];
            printf("%5zu  %-6s  %6ld  %4d  ", ++id, jx_table_kind_name(t->kind), t->line, t->page);
            cli_print_padded(t->unit ? t->unit : "-", 4);
            printf("  %5zu  %s\n", t->nrows, t->title);
        }
        for (size_t i = 0; i < d->nnarratives; i++)
            if (!d->narratives[i].linked)
                printf("  narrative at line %ld without a target table: %s\n", d->narratives[i].line,
                       d->narratives[i].title);
        for (size_t i = 0; i < d->nskipped; i++) printf("  skipped: %s\n", d->skipped[i]);
        ntables += d->ntables;
    }
    printf("%zu budget tables\n", ntables);
}

/* One table by its list number; 0 when there is none. */
static int print_table(const jx_form_list *forms, unsigned long want)
{
    unsigned long id = 0;
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        for (size_t i = 0; i < d->ntables; i++) {
            if (++id != want) continue;
            const jx_budget_table *t = &d->tables[i];
            printf("%s\n%s:%ld", t->title, d->file, t->line);
            if (t->page) printf(" (page %d)", t->page);
            printf("  %s  单位：%s  (amounts below in 元)\n",
                   t->kind == JX_TABLE_FINAL ? "决算" : "预算", t->unit ? t->unit : "-");
            int wname = cli_display_width("name");
            for (size_t r = 0; r < t->nrows; r++) {
                int w = cli_display_width(t->rows[r].name);
                if (w > wname) wname = w;
            }
            printf("%6s  %-8s  ", "line", "code");
            cli_print_padded("name", wname);
            for (size_t c = 0; c < t->ncolumns; c++) { printf("  "); cli_print_padded(t->columns[c], 18); }
            printf("\n");
            for (size_t r = 0; r < t->nrows; r++) {
                const jx_budget_row *row = &t->rows[r];
                printf("%6ld  ", row->line);
                cli_print_padded(row->code, 8);
                printf("  ");
                cli_print_padded(row->name, wname);
                for (size_t c = 0; c < t->ncolumns; c++) {
                    char v[40];
                    yuan(row->values[c], v, sizeof v);
                    int cw = cli_display_width(t->columns[c]);
                    printf("  %*s", cw > 18 ? cw : 18, v);
                }
                printf("\n");
            }
            printf("%zu rows\n", t->nrows);
            return 1;
        }
    }
    return 0;
}

/* list, or show with a table id. */
static int budget_validate(cli *ctx)
{
    const char *action = ctx->nargs ? ctx->args[0] : NULL, *arg = ctx->nargs > 1 ? ctx->args[1] : NULL;
    if (!action || (strcmp(action, "list") && strcmp(action, "show")))
        return cli_usage_error("budget", "expected list or show ID");
    if (!strcmp(action, "list") && arg) return cli_usage_error("budget", "unexpected argument %s", arg);
    if (!strcmp(action, "show")) {
        long long id;
        if (!arg) return cli_usage_error("budget", "show needs a table id (see jixiao budget list)");
        if (!cli_parse_id(ctx, arg, &id, "bad table id '%s'")) return EXIT_USAGE;
    }
    return EXIT_OK;
}

const cli_spec budget_spec = {
    .usage = "usage: jixiao [--db PATH] budget list\n"
             "       jixiao [--db PATH] budget show ID\n",
    .about = "The budget tables of imported department disclosures (部门预算公开):\n"
             "list gives id, file, line, unit, rows and title of each table, the narratives\n"
             "(…项目经费情况说明) and their links, and what was skipped while reading;\n"
             "show ID prints one table: code, name and each column, exact amounts in 元.\n",
    .max_args = 2,
    .validate = budget_validate,
};

/* Entry point of `jixiao budget`: the list, or one table. */
int cmd_budget(cli *ctx)
{
    jx_store *store = ctx->store;
    unsigned long want = ctx->nargs > 1 ? strtoul(ctx->args[1], NULL, 10) : 0;   /* checked by budget_validate */
    jx_form_list forms = {0};
    jx_filter filter = {0};
    jx_error err;
    jx_error_clear(&err);
    int status = EXIT_OK;
    if (jx_store_load(store, &filter, &forms, &err) != JX_OK) {
        status = cli_report("budget", &err);
    } else if (!want) {
        print_list(&forms);
    } else if (!print_table(&forms, want)) {
        fprintf(stderr, "jixiao: budget: no budget table %lu (see jixiao budget list)\n", want);
        status = EXIT_INPUT;
    }
    jx_form_list_free(&forms);
    return status;
}
