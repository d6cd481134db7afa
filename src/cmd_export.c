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
#include "jixiao/store.h"

/* The options of export. */
typedef struct export_opts {
    const char *format, *output;
    long year;
    const char *unit;
} export_opts;

static const cli_option export_options[] = {
    CLI_STRING("--format", NULL, export_opts, format, "json|xlsx|docx|csv", "the format (required)"),
    CLI_STRING("--output", "-o", export_opts, output, "PATH", "the file (the directory for csv), written atomically"),
    CLI_NUMBER("--year", export_opts, year, 1900, 2200, "Y", "xlsx: only the forms of year Y",
               "--year needs a year such as 2023, not '%s'"),
    CLI_STRING("--unit", NULL, export_opts, unit, "TEXT", "xlsx: only the forms whose unit (申报单位) contains TEXT"),
    CLI_END,
};

/* --format is given and known; the Office formats have -o. */
static int export_validate(cli *ctx)
{
    const export_opts *o = ctx->opts;
    if (!o->format) return cli_usage_error("export", "--format is required (json, xlsx, docx, csv)");
    int office = !strcmp(o->format, "xlsx") || !strcmp(o->format, "docx") || !strcmp(o->format, "csv");
    if (!office && strcmp(o->format, "json") != 0)
        return cli_usage_error("export", "unknown format '%s' (known: json, xlsx, docx, csv)", o->format);
    if ((o->year || o->unit) && strcmp(o->format, "xlsx") != 0)
        return cli_usage_error("export", "--year and --unit narrow --format xlsx (json, csv and docx hold every form)");
    if (office && !o->output)
        return cli_usage_error("export", "--format %s needs -o %s", o->format, strcmp(o->format, "csv") ? "FILE" : "DIR");
    return EXIT_OK;
}

const cli_spec export_spec = {
    .usage = "usage: jixiao [--db PATH] export --format json [-o FILE]\n"
             "       jixiao [--db PATH] export --format xlsx [--year Y] [--unit TEXT] -o FILE.xlsx\n"
             "       jixiao [--db PATH] export --format docx -o FILE.docx\n"
             "       jixiao [--db PATH] export --format csv -o DIR\n",
    .about = "Export every stored form. Without -o the document goes to standard output;\n"
             "with -o it is written to a temporary file and renamed into place.\n"
             "xlsx: 项目汇总, 指标汇总, 审核意见 and one sheet per form in the official\n"
             "申报表 layout (amounts in 万元); jixiao import reads it back. A workbook holds\n"
             "at most 2,000 form sheets: --year/--unit choose the forms (the review still\n"
             "covers every stored form).\n"
             "docx: each form's 申报表 on a page of its own, the same layout as the\n"
             "workbook's form sheets; jixiao import reads it back.\n"
             "csv: forms.csv, indicators.csv, findings.csv in DIR (UTF-8 with BOM).\n",
    .options = export_options,
    .opts_size = sizeof(export_opts),
    .validate = export_validate,
};

/* --format xlsx|docx|csv: the forms (and for xlsx/csv their review findings) as Office files. */
static int export_office(cli *ctx, const char *format, const char *outpath)
{
    const export_opts *o = ctx->opts;
    jx_error err;
    jx_error_clear(&err);
    int status = EXIT_OK;
    /* xlsx batch by batch from the store with its stored review (made current first), or the review walked */
    if (!strcmp(format, "xlsx")) {
        jx_filter filter = {.year = (int)o->year, .unit = o->unit};
        if ((status = cli_setup_review(ctx)) != EXIT_OK) return status;
        jx_status st = ctx->stored ? jx_export_xlsx_store(ctx->store, &filter, outpath, &err)
                                   : jx_export_xlsx_walk(ctx->store, ctx->config, &filter, outpath, &err);
        if (st != JX_OK) status = cli_report("export", &err);
        return status;
    }
    if (!strcmp(format, "docx")) {
        if (jx_export_docx_store(ctx->store, outpath, &err) != JX_OK) status = cli_report("export", &err);
        return status;
    }
    /* csv row by row from the store and its stored review (made current first) when the store can hold it. */
    if (!strcmp(format, "csv") && (status = cli_setup_review(ctx)) == EXIT_OK && ctx->stored) {
        if (jx_export_csv_store(ctx->store, outpath, &err) != JX_OK) status = cli_report("export", &err);
        return status;
    }
    if (status != EXIT_OK) return status;
    /* the review walked batch by batch (a database this process cannot store it in) */
    if (jx_export_csv_review(ctx->store, ctx->config, outpath, &err) != JX_OK) status = cli_report("export", &err);
    return status;
}

/* Export in the format asked for; JSON form by form from the store's cursor. */
int cmd_export(cli *ctx)
{
    const export_opts *o = ctx->opts;
    const char *format = o->format, *outpath = o->output;
    if (strcmp(format, "json") != 0) return export_office(ctx, format, outpath);
    jx_store *store = ctx->store;
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
    } else {
        cli_held held;   /* all or nothing, as the atomic file */
        cli_hold_stdout(&held);
        if (jx_export_json_stream(store, stdout, &err) != JX_OK) {
            if (!err.message[0]) jx_error_set(&err, JX_ESYS, NULL, 0, "cannot write to standard output");
            status = cli_report("export", &err);
        }
        status = cli_release_stdout(&held, "export", status);
    }
    return status;
}
