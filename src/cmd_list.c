/*
** cmd_list.c - `jixiao list [--year Y] [--unit TEXT]`: one line per form.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void list_usage(FILE *out)
{
    fprintf(out, "usage: jixiao [--db PATH] list [--year Y] [--unit TEXT]\n"
                 "\nList stored forms: id, year, unit (申报单位), name (项目名称), indicator count,\n"
                 "and the money asked for this year in 万元. --unit matches a part of the unit.\n");
}

/* Parse a year option value; 0 on error. */
static int parse_year(const char *s)
{
    char *end;
    long y = strtol(s, &end, 10);
    return (*s && !*end && y >= 1900 && y <= 2200) ? (int)y : 0;
}

int cmd_list(cli *ctx, int argc, char **argv)
{
    jx_filter filter = {0};
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) { list_usage(stdout); return EXIT_OK; }
        int r = cli_db_option(ctx, &i, argc, argv);
        if (r < 0) return EXIT_USAGE;
        if (r == 1) continue;
        if (!strcmp(argv[i], "--year") && i + 1 < argc) {
            filter.year = parse_year(argv[++i]);
            if (!filter.year) return cli_usage_error("list", "--year needs a year such as 2023, not '%s'", argv[i]);
        } else if (!strcmp(argv[i], "--unit") && i + 1 < argc) {
            filter.unit = argv[++i];
        } else {
            return cli_usage_error("list", "unexpected argument %s", argv[i]);
        }
    }
    jx_store *store = cli_open_store(ctx);
    if (!store) return EXIT_INPUT;
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
    jx_store_close(store);
    return status;
}
