/*
** cli.h - what the command files of the jixiao CLI share.
*/
#ifndef JIXIAO_CLI_H
#define JIXIAO_CLI_H

#include "jixiao/error.h"
#include "jixiao/store.h"

/* Exit statuses of every command. */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

typedef struct cli {
    const char *db_path;   /* --db, else $JIXIAO_DB, else ./jixiao.db */
    int create;            /* the command may create the database (import, serve) */
} cli;

typedef struct command {
    const char *name;
    int (*run)(cli *ctx, int argc, char **argv);  /* argv[0] is the command name */
    const char *summary;
} command;

int cmd_import(cli *ctx, int argc, char **argv);
int cmd_list(cli *ctx, int argc, char **argv);
int cmd_show(cli *ctx, int argc, char **argv);
int cmd_export(cli *ctx, int argc, char **argv);
int cmd_check(cli *ctx, int argc, char **argv);
int cmd_rules(cli *ctx, int argc, char **argv);
int cmd_serve(cli *ctx, int argc, char **argv);
int cmd_summary(cli *ctx, int argc, char **argv);
int cmd_budget(cli *ctx, int argc, char **argv);
int cmd_opinion(cli *ctx, int argc, char **argv);

/*
** Consume a --db PATH / --db=PATH option at argv[*i] if there is one.
** Returns 1 when consumed, 0 when argv[*i] is something else, -1 on a
** missing value (already reported).
*/
int cli_db_option(cli *ctx, int *i, int argc, char **argv);

/* 1 when argv[i] is -h or --help. */
int cli_is_help(const char *arg);

/* Open the store, reporting failure on stderr. NULL on failure. */
jx_store *cli_open_store(cli *ctx);

/* Print "jixiao: <cmd>: file:line: message" on stderr; return the exit status for it. */
int cli_report(const char *cmd, const jx_error *err);

/* Print a usage error and return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Print s padded with spaces to display width w (CJK counts 2). */
void cli_print_padded(const char *s, int w);

/* Display width of a UTF-8 string in a terminal. */
int cli_display_width(const char *s);

/* Money in fen as 万元 with two decimals ("7138.72"), "-" when absent. */
void cli_format_wan(long long fen, char *buf, size_t size);

#endif
