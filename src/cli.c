/*
** cli.c - the one option parser of the CLI, the --help it prints from a
** command's spec, the setup the dispatcher does from a command's needs,
** and the small helpers the command files share.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "cli.h"
#include "jixiao/model.h"
#include "jixiao/util.h"

/* --db PATH: every command takes it, before or after its name. */
static int set_db(cli *ctx, const char *value)
{
    ctx->db_path = value;
    return EXIT_OK;
}

/* --rule ID=STATE: one rule's state or severity, applied in order. */
static int set_rule(cli *ctx, const char *value)
{
    jx_error err;
    jx_error_clear(&err);
    if (jx_review_config_set(ctx->config, value, &err) == JX_OK) return EXIT_OK;
    return cli_report(ctx->name, &err);
}

/* --config FILE: a JSON rule configuration, applied where it stands among --rule. */
static int set_config(cli *ctx, const char *value)
{
    jx_error err;
    jx_error_clear(&err);
    if (jx_review_config_load_json(ctx->config, value, &err) == JX_OK) return EXIT_OK;
    cli_report(ctx->name, &err);
    return EXIT_USAGE;
}

/* The options every command takes. */
static const cli_option common_options[] = {
    CLI_CALL("--db", set_db, "PATH", "the database: a file or a PostgreSQL connection string\n"
             "                            (default $JIXIAO_DB, else ./jixiao.db)"),
    CLI_END,
};

/* The options of the commands that review (CLI_CONFIG). */
static const cli_option config_options[] = {
    CLI_CALL("--rule", set_rule, "ID=off|on|error|warning|info", "turn a rule off or on, or change its severity"),
    CLI_CALL("--config", set_config, "FILE", "a JSON rule configuration (states, severities, thresholds)"),
    CLI_END,
};

/* The option named by arg (its first len bytes) in opts, or NULL. */
static const cli_option *find_option(const cli_option *opts, const char *arg, size_t len)
{
    for (; opts && opts->name; opts++) {
        if (strlen(opts->name) == len && !strncmp(opts->name, arg, len)) return opts;
        if (opts->alias && strlen(opts->alias) == len && !strncmp(opts->alias, arg, len)) return opts;
    }
    return NULL;
}

/* A usage error whose format (one %s) comes from a spec. */
static int bad_value(cli *ctx, const char *fmt, const char *value)
{
    fprintf(stderr, "jixiao: %s: ", ctx->name);
    for (const char *p = fmt; *p; p++) {
        if (p[0] == '%' && p[1] == 's') { fputs(value, stderr); p++; }
        else fputc(*p, stderr);
    }
    fprintf(stderr, "\n(see 'jixiao %s --help')\n", ctx->name);
    return EXIT_USAGE;
}

/* A whole decimal number in [lo, hi], no sign; 1 on success. */
static int parse_number(const char *s, long lo, long hi, long *out)
{
    char *end;
    if (!*s || *s == '-' || *s == '+') return 0;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*end || errno || v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

/* Store value for option o in ctx->opts (or hand it to o->call). EXIT_OK or a status. */
static int apply_option(cli *ctx, const cli_option *o, const char *value)
{
    char *field = (char *)ctx->opts + o->offset;
    switch (o->kind) {
    case CLI_OPT_FLAG:
        *(int *)(void *)field = 1;
        return EXIT_OK;
    case CLI_OPT_STRING:
        *(const char **)(void *)field = value;
        return EXIT_OK;
    case CLI_OPT_CHOICE:
        for (const char *const *c = o->choices; *c; c++)
            if (!strcmp(*c, value)) { *(const char **)(void *)field = value; return EXIT_OK; }
        if (o->bad) return bad_value(ctx, o->bad, value);
        return cli_usage_error(ctx->name, "%s wants %s, not '%s'", o->name, o->meta, value);
    case CLI_OPT_NUMBER: {
        long n;
        if (parse_number(value, o->lo, o->hi, &n)) { *(long *)(void *)field = n; return EXIT_OK; }
        if (o->bad) return bad_value(ctx, o->bad, value);
        return cli_usage_error(ctx->name, "%s wants a number %ld..%ld, not '%s'", o->name, o->lo, o->hi, value);
    }
    case CLI_OPT_CALL:
        return o->call(ctx, value);
    }
    return EXIT_USAGE;
}

/* 1 when arg asks for help. */
static int is_help(const char *arg)
{
    return !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

int cli_parse(cli *ctx, const cli_spec *spec, int with_config, int argc, char **argv)
{
    if (spec->opts_size) {
        ctx->opts = jx_xcalloc(1, spec->opts_size);
        if (spec->defaults) memcpy(ctx->opts, spec->defaults, spec->opts_size);
    }
    ctx->args = jx_xcalloc((size_t)argc + 1, sizeof *ctx->args);
    ctx->nargs = 0;
    int options_end = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_end || a[0] != '-' || !a[1]) {   /* an argument ("-" alone is one: standard input) */
            if (spec->max_args >= 0 && ctx->nargs >= spec->max_args)
                return cli_usage_error(ctx->name, "unexpected argument %s", a);
            ctx->args[ctx->nargs++] = argv[i];
            continue;
        }
        if (!strcmp(a, "--")) { options_end = 1; continue; }
        if (is_help(a)) { cli_help(spec, with_config, stdout); return EXIT_OK; }
        const char *eq = a[1] == '-' ? strchr(a, '=') : NULL;
        size_t len = eq ? (size_t)(eq - a) : strlen(a);
        const cli_option *o = find_option(spec->options, a, len);
        if (!o) o = find_option(common_options, a, len);
        if (!o && with_config) o = find_option(config_options, a, len);
        if (!o) return cli_usage_error(ctx->name, "unknown option %.*s", (int)len, a);
        const char *value = NULL;
        if (o->kind == CLI_OPT_FLAG) {
            if (eq) return cli_usage_error(ctx->name, "%s takes no value", o->name);
        } else if (eq) {
            value = eq + 1;
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            return cli_usage_error(ctx->name, "%.*s needs a value (%s)", (int)len, a, o->meta ? o->meta : "VALUE");
        }
        int st = apply_option(ctx, o, value);
        if (st != EXIT_OK) return st;
    }
    if (ctx->nargs < spec->min_args)
        return cli_usage_error(ctx->name, "%s", spec->missing ? spec->missing : "missing argument");
    return -1;
}

/* The --help lines of a table of options. */
static void help_options(const cli_option *o, FILE *out)
{
    for (; o->name; o++) {
        char head[96];
        snprintf(head, sizeof head, "%s%s%s%s%s", o->alias ? o->alias : "", o->alias ? ", " : "", o->name,
                 o->meta ? " " : "", o->meta ? o->meta : "");
        if (strlen(head) > 24) fprintf(out, "  %s\n  %-24s  %s\n", head, "", o->help);
        else fprintf(out, "  %-24s  %s\n", head, o->help);
    }
}

void cli_help(const cli_spec *spec, int with_config, FILE *out)
{
    fputs(spec->usage, out);
    if (spec->about) fprintf(out, "\n%s", spec->about);
    if (spec->about_fn) { fputc('\n', out); spec->about_fn(out); }
    fputs("\noptions:\n", out);
    if (spec->options) help_options(spec->options, out);
    if (with_config) help_options(config_options, out);
    help_options(common_options, out);
    fprintf(out, "  %-24s  %s\n", "-h, --help", "this help");
}

jx_store *cli_open_store(const char *db_path, int create)
{
    jx_store *store = NULL;
    jx_error err;
    jx_error_clear(&err);
    /* Only import creates a database: a mistyped --db must not read as an empty one. */
    struct stat st;
    if (!create && !jx_store_is_server(db_path) && stat(db_path, &st) != 0 && errno == ENOENT) {
        fprintf(stderr, "jixiao: database %s does not exist (jixiao --db %s import FILE... creates it)\n",
                db_path, db_path);
        return NULL;
    }
    if (jx_store_open(db_path, &store, &err) != JX_OK) {
        fprintf(stderr, "jixiao: %s\n", err.message);   /* it names the database (without a password) */
        return NULL;
    }
    return store;
}

int cli_setup_review(cli *ctx)
{
    /* The store keeps the review under the default configuration; another is reviewed in memory. */
    char key[65], stored_key[65];
    jx_review_config_key(ctx->config, key);
    jx_review_config *defaults = jx_review_config_new();
    jx_review_config_key(defaults, stored_key);
    jx_review_config_free(defaults);
    ctx->stored = 0;
    if (strcmp(key, stored_key) != 0) return EXIT_OK;
    jx_error err;
    jx_error_clear(&err);
    jx_status st = jx_review_refresh(ctx->store, ctx->config, NULL, &err);
    if (st == JX_OK) { ctx->stored = 1; return EXIT_OK; }
    if (st != JX_ESYS) return cli_report(ctx->name, &err);
    /* A database this process cannot write (read-only file, busy writer). */
    int current = 0;
    jx_error ignored;
    jx_error_clear(&ignored);
    jx_store_review_current(ctx->store, key, &current, &ignored);
    if (current) { ctx->stored = 1; return EXIT_OK; }   /* another process stored it meanwhile */
    fprintf(stderr, "jixiao: %s: the review could not be stored (%s); reviewing in memory\n", ctx->name,
            err.message);
    return EXIT_OK;
}

int cli_review_memory(cli *ctx, jx_form_list *forms, jx_findings *findings)
{
    jx_error err;
    jx_error_clear(&err);
    if (jx_store_load(ctx->store, &(jx_filter){0}, forms, &err) != JX_OK) return cli_report(ctx->name, &err);
    jx_review(ctx->config, forms, findings);
    return EXIT_OK;
}

int cli_parse_id(cli *ctx, const char *text, long long *out, const char *fmt)
{
    char *end = (char *)text;
    errno = 0;
    long long id = *text >= '0' && *text <= '9' ? strtoll(text, &end, 10) : 0;
    if (id <= 0 || *end || errno) { bad_value(ctx, fmt, text); return 0; }
    *out = id;
    return 1;
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

void cli_hold_stdout(cli_held *h)
{
    h->saved = -1;
    h->spool = NULL;
    if (fflush(stdout) != 0) return;
    FILE *t = tmpfile();
    if (!t) return;   /* no temporary file: straight out */
    int saved = dup(STDOUT_FILENO);
    if (saved < 0 || dup2(fileno(t), STDOUT_FILENO) < 0) {
        if (saved >= 0) close(saved);
        fclose(t);
        return;
    }
    h->saved = saved;
    h->spool = t;
}

int cli_release_stdout(cli_held *h, const char *cmd, int status)
{
    if (!h->spool) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            if (status == EXIT_OK) fprintf(stderr, "jixiao: %s: cannot write to standard output\n", cmd);
            status = EXIT_INPUT;
        }
        return status;
    }
    /* what failed to reach the spool (a full /tmp) fails the command, as a failed write would */
    int spool_bad = fflush(stdout) != 0 || ferror(stdout);
    clearerr(stdout);
    int fd = fileno(h->spool);
    if (dup2(h->saved, STDOUT_FILENO) < 0) spool_bad = 1;
    close(h->saved);
    if (status == EXIT_OK) {
        int bad = spool_bad;
        char chunk[65536];
        ssize_t n = 0;
        if (!bad && lseek(fd, 0, SEEK_SET) != 0) spool_bad = bad = 1;
        while (!bad && (n = read(fd, chunk, sizeof chunk)) > 0)
            if (fwrite(chunk, 1, (size_t)n, stdout) != (size_t)n) bad = 1;
        if (n < 0) spool_bad = bad = 1;
        if (bad || fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "jixiao: %s: cannot %s\n", cmd,
                    spool_bad ? "write the temporary file spooling the output" : "write to standard output");
            status = EXIT_INPUT;
        }
    }
    fclose(h->spool);
    h->spool = NULL;
    return status;
}
