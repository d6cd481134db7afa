/*
** cli.h - what the command files of the jixiao CLI share: the context a
** command runs in, the declarative option specs the one parser reads, the
** needs the dispatcher sets up before a command runs, and the helpers.
**
** A command is one row of the command table (JX_COMMANDS in jixiao.c) and
** one file src/cmd_NAME.c defining
**     const cli_spec NAME_spec;     its options, arguments and --help text
**     int cmd_NAME(cli *ctx);       the handler, run after parsing and setup
** The dispatcher parses argv by the spec (every command also takes --db,
** -h/--help, and with CLI_CONFIG --rule/--config), sets up what the row's
** needs say (the store opened, the review made current), runs the handler,
** then closes and frees what it set up. Usage errors exit 2 before any setup.
*/
#ifndef JIXIAO_CLI_H
#define JIXIAO_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "jixiao/error.h"
#include "jixiao/review.h"
#include "jixiao/rules.h"
#include "jixiao/store.h"

/* Exit statuses of every command. */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

/*
** What the dispatcher sets up before the handler (a row's needs, or-ed).
** CLI_STORE       the database opened (it must exist) in ctx->store
** CLI_STORE_WRITE the database opened, created when absent (import)
** CLI_CONFIG      --rule/--config accepted into ctx->config (every command
**                 has a ctx->config: the default configuration without them)
** CLI_REVIEW      (with a store) the review of ctx->config readable: the
**                 store's stored review made current when ctx->config is the
**                 stored (default) one -- ctx->stored = 1 -- else, or when
**                 the database cannot be written, ctx->stored = 0 and the
**                 handler reviews in memory (cli_review_memory)
*/
enum {
    CLI_NONE = 0,
    CLI_STORE = 1 << 0,
    CLI_STORE_WRITE = 1 << 1,
    CLI_CONFIG = 1 << 2,
    CLI_REVIEW = 1 << 3,
};

/* The context a command runs in. The dispatcher owns every member. */
typedef struct cli {
    const char *name;           /* the command's name, for messages */
    const char *db_path;        /* --db, else $JIXIAO_DB, else ./jixiao.db */
    jx_store *store;            /* CLI_STORE/CLI_STORE_WRITE: open */
    jx_review_config *config;   /* the review configuration (CLI_CONFIG: as --rule/--config set it) */
    int stored;                 /* CLI_REVIEW: 1 when the store holds config's review, current */
    void *opts;                 /* the command's option struct, filled by the parser */
    char **args;                /* the arguments that are not options, in order */
    int nargs;
} cli;

/* Kinds of option value. */
typedef enum cli_opt_kind {
    CLI_OPT_FLAG,     /* no value: the int field is set to 1 */
    CLI_OPT_STRING,   /* a value: the const char * field points to it */
    CLI_OPT_CHOICE,   /* one of choices: the const char * field points to it */
    CLI_OPT_NUMBER,   /* a whole decimal number in [lo, hi]: the long field */
    CLI_OPT_CALL,     /* each value, in order, handed to call(ctx, value) */
} cli_opt_kind;

/*
** One option of a command. name is the long form ("--format"; --name=VALUE
** is accepted too), alias a short one ("-o") or NULL. Values land at offset
** in the command's option struct (ctx->opts). bad, when set, is the usage
** error for an invalid value, with one %s: the value.
*/
typedef struct cli_option {
    const char *name;
    const char *alias;
    cli_opt_kind kind;
    size_t offset;
    const char *meta;              /* the value's name in --help ("FILE") */
    const char *help;              /* one line for --help */
    const char *const *choices;    /* CLI_OPT_CHOICE: NULL-terminated */
    long lo, hi;                   /* CLI_OPT_NUMBER */
    const char *bad;
    int (*call)(struct cli *ctx, const char *value);   /* CLI_OPT_CALL: EXIT_OK or a status */
} cli_option;

#define CLI_FLAG(nm, al, type, field, hlp) \
    {.name = (nm), .alias = (al), .kind = CLI_OPT_FLAG, .offset = offsetof(type, field), .help = (hlp)}
#define CLI_STRING(nm, al, type, field, mt, hlp) \
    {.name = (nm), .alias = (al), .kind = CLI_OPT_STRING, .offset = offsetof(type, field), \
     .meta = (mt), .help = (hlp)}
#define CLI_CHOICE(nm, type, field, list, mt, hlp, badfmt) \
    {.name = (nm), .kind = CLI_OPT_CHOICE, .offset = offsetof(type, field), .meta = (mt), \
     .help = (hlp), .choices = (list), .bad = (badfmt)}
#define CLI_NUMBER(nm, type, field, low, high, mt, hlp, badfmt) \
    {.name = (nm), .kind = CLI_OPT_NUMBER, .offset = offsetof(type, field), .meta = (mt), \
     .help = (hlp), .lo = (low), .hi = (high), .bad = (badfmt)}
#define CLI_CALL(nm, fn, mt, hlp) \
    {.name = (nm), .kind = CLI_OPT_CALL, .meta = (mt), .help = (hlp), .call = (fn)}
#define CLI_END {0}

/*
** A command's spec. usage is the synopsis ("usage: jixiao ... check ...\n",
** more lines for more forms), about the paragraph under it (or about_fn,
** for text with numbers in it); --help adds the options from the table.
** opts_size is sizeof the option struct (0: none), defaults (or NULL: all
** zero) its value before parsing. Arguments that are not
** options: at least min_args (else the usage error `missing`), at most
** max_args (-1: any number; beyond: "unexpected argument X"). validate,
** when set, checks the parsed options and arguments before any setup and
** returns EXIT_OK or a usage status (already reported).
*/
typedef struct cli_spec {
    const char *usage;
    const char *about;
    void (*about_fn)(FILE *out);
    const cli_option *options;
    size_t opts_size;
    const void *defaults;
    int min_args, max_args;
    const char *missing;
    int (*validate)(cli *ctx);
} cli_spec;

/* Open the store (create: may create the database), reporting failure on stderr. NULL on failure. */
jx_store *cli_open_store(const char *db_path, int create);

/*
** Set up CLI_REVIEW for ctx (store open, config set): the stored review made
** current when config is the stored one. EXIT_OK (ctx->stored says which
** review to read) or EXIT_INPUT (reported). A command whose need depends on
** its options (export csv) calls it itself.
*/
int cli_setup_review(cli *ctx);

/*
** Every stored form (and what belongs to none) loaded into *forms and
** reviewed under ctx->config into *findings: the review in memory, for a
** configuration other than the stored one. EXIT_OK or EXIT_INPUT (reported);
** the caller frees both either way.
*/
int cli_review_memory(cli *ctx, jx_form_list *forms, jx_findings *findings);

/*
** A positive form/table id from text. 1 on success; else 0 after a usage
** error: fmt with one %s, the text.
*/
int cli_parse_id(cli *ctx, const char *text, long long *out, const char *fmt);

/* Print "jixiao: <cmd>: file:line: message" on stderr; return the exit status for it. */
int cli_report(const char *cmd, const jx_error *err);

/* Print a usage error "jixiao: <cmd>: ..." with the --help hint and return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
** Parse argv (argv[0] the command's name) into ctx by spec: options into
** ctx->opts (zeroed, spec->opts_size bytes, owned by ctx), the rest into
** ctx->args. Returns -1 to go on, else the exit status to end with
** (EXIT_OK after --help, which printed the help on stdout).
*/
int cli_parse(cli *ctx, const cli_spec *spec, int with_config, int argc, char **argv);

/* Print a command's --help: synopsis, about, options. */
void cli_help(const cli_spec *spec, int with_config, FILE *out);

/* The audit log's actor of the command line: "cli:LOGIN" (the effective user's login name). */
void cli_actor(char *buf, size_t size);

/* Print s padded with spaces to display width w (CJK counts 2). */
void cli_print_padded(const char *s, int w);

/* Display width of a UTF-8 string in a terminal. */
int cli_display_width(const char *s);

/* Money in fen as 万元 with two decimals ("7138.72"), "-" when absent. */
void cli_format_wan(long long fen, char *buf, size_t size);

/*
** Standard output held back: all or nothing. cli_hold_stdout points
** standard output (the descriptor, so every printf of the command goes
** there) at an anonymous temporary file; cli_release_stdout points it back
** and, when status is EXIT_OK, copies the file out whole -- so a command
** that fails midway (the store failing on a later page) leaves nothing on
** standard output, as -o's atomic file leaves no file. Without a temporary
** file (a read-only /tmp) output goes straight out, as if not held.
** cli_release_stdout returns status, or EXIT_INPUT (reported as cmd's)
** when writing failed.
*/
typedef struct cli_held { int saved; FILE *spool; } cli_held;
void cli_hold_stdout(cli_held *h);
int cli_release_stdout(cli_held *h, const char *cmd, int status);

#endif
