/*
** jixiao.c - entry point of the CLI: global options, then the command from
** the dispatch table.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "cli.h"
#include "jixiao/model.h"

static const command commands[] = {
    {"import", cmd_import, "import form documents (.txt/.md/.xlsx/.docx) into the database"},
    {"list", cmd_list, "list the stored forms"},
    {"show", cmd_show, "show one form with its indicators"},
    {"export", cmd_export, "export the stored forms (--format json|xlsx|csv)"},
    {"check", cmd_check, "review the stored forms with the rules (绩效目标审核)"},
    {"opinion", cmd_opinion, "the 审核意见书 of a form or of all: grade, problems by dimension, suggestions"},
    {"rules", cmd_rules, "list the review rules, their thresholds and grounds"},
    {"summary", cmd_summary, "sum up the stored forms (汇总) overall or --by unit|department|year|category"},
    {"budget", cmd_budget, "the budget tables of imported department disclosures (部门预算公开): list | show ID"},
    {"serve", cmd_serve, "serve the web UI and JSON API (项目列表, 审核意见, 汇总, 导入)"},
};

/* The top-level usage text. */
static void usage(FILE *out)
{
    fprintf(out,
            "usage: jixiao [--db PATH] <command> [options]\n"
            "\n"
            "jixiao manages the performance targets of budget projects (预算绩效目标).\n"
            "The database is --db PATH, else $JIXIAO_DB, else ./jixiao.db: a file (SQLite)\n"
            "or a PostgreSQL connection string (postgresql://USER@HOST/DB, or host=... dbname=...).\n"
            "\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nRun 'jixiao <command> --help' for a command's options.\n"
                 "Exit status: 0 success, 1 bad input or failure, 2 usage error.\n");
}

int main(int argc, char **argv)
{
    cli ctx = {0};
    const char *env = getenv("JIXIAO_DB");
    ctx.db_path = env && *env ? env : "jixiao.db";
    int i = 1;
    for (; i < argc; i++) {
        if (cli_is_help(argv[i])) { usage(stdout); return EXIT_OK; }
        if (!strcmp(argv[i], "--version")) { printf("jixiao 0.1.0\n"); return EXIT_OK; }
        int r = cli_db_option(&ctx, &i, argc, argv);
        if (r < 0) return EXIT_USAGE;
        if (r == 0) break;
    }
    if (i >= argc) { usage(stderr); return EXIT_USAGE; }
    for (size_t c = 0; c < sizeof commands / sizeof *commands; c++)
        if (!strcmp(argv[i], commands[c].name))
            return commands[c].run(&ctx, argc - i, argv + i);
    fprintf(stderr, "jixiao: unknown command '%s'\n\n", argv[i]);
    usage(stderr);
    return EXIT_USAGE;
}

int cli_db_option(cli *ctx, int *i, int argc, char **argv)
{
    const char *a = argv[*i];
    if (!strncmp(a, "--db=", 5)) { ctx->db_path = a + 5; return 1; }
    if (strcmp(a, "--db") != 0) return 0;
    if (*i + 1 >= argc) {
        fprintf(stderr, "jixiao: --db needs a PATH\n");
        return -1;
    }
    ctx->db_path = argv[++*i];
    return 1;
}

int cli_is_help(const char *arg)
{
    return !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

jx_store *cli_open_store(cli *ctx)
{
    jx_store *store = NULL;
    jx_error err;
    jx_error_clear(&err);
    /* Only import creates a database: a mistyped --db must not read as an empty one. */
    struct stat st;
    char shown[512];
    if (!ctx->create && !jx_store_is_server(ctx->db_path) && stat(ctx->db_path, &st) != 0 && errno == ENOENT) {
        fprintf(stderr, "jixiao: database %s does not exist (jixiao --db %s import FILE... creates it)\n",
                ctx->db_path, ctx->db_path);
        return NULL;
    }
    if (jx_store_open(ctx->db_path, &store, &err) != JX_OK) {
        fprintf(stderr, "jixiao: cannot open database %s: %s\n",
                jx_store_display(ctx->db_path, shown, sizeof shown), err.message);
        return NULL;
    }
    return store;
}

int cli_report(const char *cmd, const jx_error *err)
{
    char buf[1200];
    jx_error_format(err, buf, sizeof buf);
    fprintf(stderr, "jixiao: %s: %s\n", cmd, buf);
    return err->status == JX_EUSAGE ? EXIT_USAGE : EXIT_INPUT;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "jixiao: %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n(see 'jixiao %s --help')\n", cmd);
    va_end(ap);
    return EXIT_USAGE;
}

int cli_display_width(const char *s)
{
    int w = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
        if (n <= 0) { p++; w++; continue; }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? cw : 0;
        p += n;
    }
    return w;
}

void cli_print_padded(const char *s, int w)
{
    fputs(s, stdout);
    for (int k = cli_display_width(s); k < w; k++) putchar(' ');
}

void cli_format_wan(long long fen, char *buf, size_t size)
{
    jx_money_format_wan(fen, buf, size);
}
