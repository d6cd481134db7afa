/*
** cmd_list.c - `jixiao list [--year Y] [--unit TEXT]`: one line per form.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The options of list. */
typedef struct list_opts {
    long year;
    const char *unit;
} list_opts;

static const cli_option list_options[] = {
    CLI_NUMBER("--year", list_opts, year, 1900, 2200, "Y", "only the forms of year Y",
               "--year needs a year such as 2023, not '%s'"),
    CLI_STRING("--unit", NULL, list_opts, unit, "TEXT", "only the forms whose unit (申报单位) contains TEXT"),
    CLI_END,
};

const cli_spec list_spec = {
    .usage = "usage: jixiao [--db PATH] list [--year Y] [--unit TEXT]\n",
    .about = "List stored forms: id, year, unit (申报单位), name (项目名称), indicator count,\n"
             "and the money asked for this year in 万元. --unit matches a part of the unit.\n",
    .options = list_options,
    .opts_size = sizeof(list_opts),
};

/* One line per form matching the filter, then the count. */
int cmd_list(cli *ctx)
{
    const list_opts *o = ctx->opts;
    jx_store *store = ctx->store;
    jx_filter filter = {0};
    filter.year = (int)o->year;
    filter.unit = o->unit;
    jx_form_list forms = {0};
    jx_error err;
    jx_error_clear(&err);
    int status = EXIT_OK;
    if (jx_store_load(store, &filter, &forms, &err) != JX_OK) {
        status = cli_report("list", &err);
    } else {
        int wunit = cli_display_width("unit"), wname = cli_display_width("name");
        for (size_t k = 0; k < forms.count; k++) {
            const jx_form *f = forms.items[k];
            int a = cli_display_width(f->unit ? f->unit : "-"), b = cli_display_width(f->name);
            if (a > wunit) wunit = a;
            if (b > wname) wname = b;
        }
        printf("%5s  %4s  ", "id", "year");
        cli_print_padded("unit", wunit);
        printf("  ");
        cli_print_padded("name", wname);
        printf("  %10s  %12s\n", "indicators", "total(万元)");
        for (size_t k = 0; k < forms.count; k++) {
            const jx_form *f = forms.items[k];
            char money[32];
            cli_format_wan(f->budget.total, money, sizeof money);
            printf("%5lld  %4d  ", f->id, f->year);
            cli_print_padded(f->unit ? f->unit : "-", wunit);
            printf("  ");
            cli_print_padded(f->name, wname);
            printf("  %10zu  %12s\n", f->nindicators, money);
        }
        printf("%zu forms\n", forms.count);
    }
    jx_form_list_free(&forms);
    return status;
}
