/*
** cmd_export.c - `jixiao export --format json [-o FILE]`: the JSON contract
** (version 1) on stdout, or written atomically to FILE.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jixiao/export.h"

static void export_usage(FILE *out)
{
    fprintf(out, "usage: jixiao [--db PATH] export --format json [-o FILE]\n"
                 "\nExport every stored form. Without -o the document goes to standard output;\n"
                 "with -o it is written to a temporary file and renamed into place.\n");
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
    if (!format) return cli_usage_error("export", "--format is required (json)");
    if (strcmp(format, "json") != 0) return cli_usage_error("export", "unknown format '%s' (known: json)", format);
    jx_store *store = cli_open_store(ctx);
    if (!store) return EXIT_INPUT;
    jx_form_list forms = {0};
    jx_error err;
    jx_error_clear(&err);
    jx_filter all = {0};
    int status = EXIT_OK;
    if (jx_store_load(store, &all, &forms, &err) != JX_OK) {
        status = cli_report("export", &err);
    } else {
        json_t *root = jx_export_json(&forms);
        char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
        json_decref(root);
        size_t len = strlen(text);
        if (outpath) {
            text[len] = '\0';
            char *withnl = malloc(len + 2);
            memcpy(withnl, text, len);
            withnl[len] = '\n';
            if (jx_write_file_atomic(outpath, withnl, len + 1, &err) != JX_OK)
                status = cli_report("export", &err);
            free(withnl);
        } else {
            fwrite(text, 1, len, stdout);
            putchar('\n');
        }
        free(text);
    }
    jx_form_list_free(&forms);
    jx_store_close(store);
    return status;
}
