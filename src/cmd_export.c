/*
** cmd_export.c - `jixiao export --format json [-o FILE]`: the JSON contract
** (version 1) on stdout, or written atomically to FILE.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jixiao/review.h"
#include "jixiao/export.h"
#include "jixiao/import.h"
#include "jixiao/rules.h"

static void export_usage(FILE *out)
{
    fprintf(out, "usage: jixiao [--db PATH] export --format json [-o FILE]\n"
                 "       jixiao [--db PATH] export --format xlsx -o FILE.xlsx\n"
                 "       jixiao [--db PATH] export --format docx -o FILE.docx\n"
                 "       jixiao [--db PATH] export --format csv -o DIR\n"
                 "\nExport every stored form. Without -o the document goes to standard output;\n"
                 "with -o it is written to a temporary file and renamed into place.\n"
                 "xlsx: 项目汇总, 指标汇总, 审核意见 and one sheet per form in the official\n"
                 "申报表 layout (amounts in 万元); jixiao import reads it back.\n"
                 "docx: each form's 申报表 on a page of its own, the same layout as the\n"
                 "workbook's form sheets; jixiao import reads it back.\n"
                 "csv: forms.csv, indicators.csv, findings.csv in DIR (UTF-8 with BOM).\n");
}

/* --format xlsx|docx|csv: the forms (and for xlsx/csv their review findings) as Office files. */
static int export_office(cli *ctx, const char *format, const char *outpath)
{
    if (!outpath) return cli_usage_error("export", "--format %s needs -o %s", format,
                                         strcmp(format, "csv") ? "FILE" : "DIR");
    jx_store *store = cli_open_store(ctx);
    if (!store) return EXIT_INPUT;
    jx_form_list forms = {0};
    jx_error err;
    jx_error_clear(&err);
    jx_filter all = {0};
    int status = EXIT_OK;
    if (!strcmp(format, "csv")) {
        /* Row by row from the store and its stored review (made current first). */
        jx_review_config *config = jx_review_config_new();
        if (jx_review_refresh(store, config, NULL, &err) != JX_OK ||
            jx_export_csv_store(store, outpath, &err) != JX_OK)
            status = cli_report("export", &err);
        jx_review_config_free(config);
    } else if (jx_store_load(store, &all, &forms, &err) != JX_OK) {
        status = cli_report("export", &err);
    } else {
        jx_review_config *config = jx_review_config_new();
        jx_findings findings = {0};
        jx_review(config, &forms, &findings);
        jx_status st = !strcmp(format, "docx") ? jx_export_docx(&forms, outpath, &err)
                                                 : jx_export_xlsx(&forms, &findings, outpath, &err);
        if (st != JX_OK) status = cli_report("export", &err);
        jx_findings_free(&findings);
        jx_review_config_free(config);
    }
    jx_form_list_free(&forms);
    jx_store_close(store);
    return status;
}

int cmd_export(cli *ctx, int argc, char **argv)
{
    const char *format = NULL, *outpath = NULL;
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) { export_usage(stdout); return EXIT_OK; }
        int r = cli_db_option(ctx, &i, argc, argv);
        if (r < 0) return EXIT_USAGE;
        if (r == 1) continue;
        if (!strcmp(argv[i], "--format") && i + 1 < argc) format = argv[++i];
        else if (!strncmp(argv[i], "--format=", 9)) format = argv[i] + 9;
        else if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc) outpath = argv[++i];
        else return cli_usage_error("export", "unexpected argument %s", argv[i]);
    }
    if (!format) return cli_usage_error("export", "--format is required (json, xlsx, docx, csv)");
    if (!strcmp(format, "xlsx") || !strcmp(format, "docx") || !strcmp(format, "csv"))
        return export_office(ctx, format, outpath);
    if (strcmp(format, "json") != 0) return cli_usage_error("export", "unknown format '%s' (known: json, xlsx, docx, csv)", format);
    jx_store *store = cli_open_store(ctx);
    if (!store) return EXIT_INPUT;
    jx_error err;
    jx_error_clear(&err);
    int status = EXIT_OK;
    /* Form by form from the store: memory does not grow with the number of forms. */
    if (outpath) {
        jx_atomic_file af;
        if (jx_atomic_open(outpath, &af, &err) != JX_OK) {
            status = cli_report("export", &err);
        } else if (jx_export_json_stream(store, af.fp, &err) != JX_OK) {
            jx_atomic_abort(&af);
            status = cli_report("export", &err);
        } else if (jx_atomic_commit(&af, &err) != JX_OK) {
            status = cli_report("export", &err);
        }
    } else if (jx_export_json_stream(store, stdout, &err) != JX_OK || fflush(stdout) != 0) {
        if (!err.message[0]) jx_error_set(&err, JX_ESYS, NULL, 0, "cannot write to standard output");
        status = cli_report("export", &err);
    }
    jx_store_close(store);
    return status;
}
