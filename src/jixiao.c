/*
** jixiao.c - entry point of the CLI: the global options, then the command
** from the command table, parsed by its spec and set up by its needs.
*/
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "jixiao/util.h"

/*
** The command table, in the order 'jixiao --help' lists it: name, needs
** (what the dispatcher sets up before the handler, see cli.h), one line of
** summary. A row NAME wants src/cmd_NAME.c with `const cli_spec NAME_spec`
** and `int cmd_NAME(cli *ctx)`; nothing else is needed to add a command.
*/
#define JX_COMMANDS(X)                                                                              \
    X(import, CLI_STORE_WRITE, "import form documents (.txt/.md/.xlsx/.docx) into the database")    \
    X(list, CLI_STORE, "list the stored forms")                                                     \
    X(show, CLI_STORE, "show one form with its indicators")                                         \
    X(export, CLI_STORE, "export the stored forms (--format json|xlsx|csv)")                        \
    X(check, CLI_STORE | CLI_CONFIG | CLI_REVIEW, "review the stored forms with the rules (绩效目标审核)") \
    X(opinion, CLI_STORE | CLI_CONFIG,                                                              \
      "the 审核意见书 of a form or of all: grade, problems by dimension, suggestions")             \
    X(rules, CLI_NONE, "list the review rules, their thresholds and grounds")                       \
    X(summary, CLI_STORE | CLI_REVIEW,                                                              \
      "sum up the stored forms (汇总) overall or --by unit|department|year|category")              \
    X(budget, CLI_STORE,                                                                            \
      "the budget tables of imported department disclosures (部门预算公开): list | show ID")       \
    X(evaluate, CLI_STORE | CLI_CONFIG,                                                             \
      "self-evaluations (绩效自评) and monitoring against the declared targets: list | show ID | history NAME") \
    X(status, CLI_STORE, "where forms stand in the review workflow (草稿/已提交/已退回/已通过)")           \
    X(history, CLI_STORE, "a form's review history: transitions, comments, edits, dispositions")      \
    X(serve, CLI_NONE, "serve the web UI and JSON API (项目列表, 审核意见, 汇总, 导入)")                  \
    X(user, CLI_NONE, "the users of serve --auth and their roles: add | passwd | list | disable")   \
    X(audit, CLI_STORE, "the audit log (审计日志), and 'audit verify' of its hash chain")

/* A row of the table. */
typedef struct command {
    const char *name;
    int (*run)(cli *ctx);
    unsigned needs;
    const cli_spec *spec;
    const char *summary;
} command;

#define JX_DECLARE(name, needs, summary) \
    extern const cli_spec name##_spec;   \
    int cmd_##name(cli *ctx);
JX_COMMANDS(JX_DECLARE)

#define JX_ROW(name, needs, summary) {#name, cmd_##name, (needs), &name##_spec, (summary)},
static const command commands[] = {JX_COMMANDS(JX_ROW)};

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

/*
** Run command c on argv (argv[0] its name): parse by its spec, check, set up
** its needs, run the handler, tear down what was set up. The exit status.
*/
static int dispatch(const command *c, cli *ctx, int argc, char **argv)
{
    ctx->name = c->name;
    ctx->config = jx_review_config_new();   /* the default one unless --rule/--config change it */
    int st = cli_parse(ctx, c->spec, (c->needs & CLI_CONFIG) != 0, argc, argv);
    if (st < 0 && c->spec->validate && (st = c->spec->validate(ctx)) == EXIT_OK) st = -1;
    if (st < 0 && (c->needs & (CLI_STORE | CLI_STORE_WRITE))) {
        ctx->store = cli_open_store(ctx->db_path, (c->needs & CLI_STORE_WRITE) != 0);
        if (!ctx->store) st = EXIT_INPUT;
    }
    if (st < 0 && (c->needs & CLI_REVIEW) && (st = cli_setup_review(ctx)) == EXIT_OK) st = -1;
    if (st < 0) st = c->run(ctx);
    jx_store_close(ctx->store);
    jx_review_config_free(ctx->config);
    free(ctx->opts);
    free(ctx->args);
    return st;
}

int main(int argc, char **argv)
{
    cli ctx = {0};
    const char *env = getenv("JIXIAO_DB");
    ctx.db_path = env && *env ? env : "jixiao.db";
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage(stdout); return EXIT_OK; }
        if (!strcmp(a, "--version")) { printf("jixiao 0.1.0\n"); return EXIT_OK; }
        if (!strncmp(a, "--db=", 5)) { ctx.db_path = a + 5; continue; }
        if (strcmp(a, "--db") != 0) break;
        if (i + 1 >= argc) { fprintf(stderr, "jixiao: --db needs a PATH\n"); return EXIT_USAGE; }
        ctx.db_path = argv[++i];
    }
    if (i >= argc) { usage(stderr); return EXIT_USAGE; }
    for (size_t c = 0; c < sizeof commands / sizeof *commands; c++)
        if (!strcmp(argv[i], commands[c].name)) return dispatch(&commands[c], &ctx, argc - i, argv + i);
    fprintf(stderr, "jixiao: unknown command '%s'\n\n", argv[i]);
    usage(stderr);
    return EXIT_USAGE;
}

/* The audit log's actor of the command line: "cli:" and the effective user's login name. */
void cli_actor(char *buf, size_t size)
{
    struct passwd *pw = getpwuid(geteuid());
    snprintf(buf, size, "cli:%s", pw && pw->pw_name ? pw->pw_name : "unknown");
}
