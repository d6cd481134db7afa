/*
** cmd_user.c - `jixiao user add|passwd|list|disable`: the users of
** `serve --auth` and their roles (jixiao/auth.h). Every change is one
** transaction together with its audit log entry.
**
** A password never comes from the command line (ps and shell histories show
** arguments): it is typed at a prompt with echo off, twice, when standard
** input is a terminal, else read as the first line of standard input
** (--password-stdin says so explicitly).
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "jixiao/auth.h"
#include "jixiao/util.h"

/* The options of user. */
typedef struct user_opts {
    const char *role, *unit, *format;
    int password_stdin;
} user_opts;

static const char *const role_names[] = {"unit", "reviewer", "admin", NULL};
static const char *const formats[] = {"text", "json", NULL};

/* --password, --password=X, -p: refused, whatever follows. */
static int refuse_password(cli *ctx, const char *value)
{
    (void)ctx, (void)value;
    return cli_usage_error("user", "a password is never given as an argument (ps and the shell history "
                                   "would show it): type it at the prompt, or pipe it with --password-stdin");
}

static const cli_option user_options[] = {
    CLI_CHOICE("--role", user_opts, role, role_names, "ROLE", "user add: unit, reviewer or admin",
               "unknown role '%s' (unit, reviewer or admin)"),
    CLI_STRING("--unit", NULL, user_opts, unit, "UNIT", "user add --role unit: the 申报单位 of its forms"),
    CLI_FLAG("--password-stdin", NULL, user_opts, password_stdin, "read the password from standard input"),
    CLI_CHOICE("--format", user_opts, format, formats, "FORMAT", "user list: text or json",
               "--format is text or json, not '%s'"),
    {.name = "--password", .alias = "-p", .kind = CLI_OPT_CALL, .meta = "-", .call = refuse_password,
     .help = "refused: a password is never an argument"},
    CLI_END,
};

static const user_opts user_defaults = {.format = "text"};

/* The subcommand and its arguments, before the store is opened. */
static int user_validate(cli *ctx)
{
    const user_opts *o = ctx->opts;
    const char *sub = ctx->args[0];
    int add = !strcmp(sub, "add"), passwd = !strcmp(sub, "passwd"), list = !strcmp(sub, "list"),
        disable = !strcmp(sub, "disable");
    if (!add && !passwd && !list && !disable)
        return cli_usage_error("user", "unknown subcommand '%s' (add, passwd, list, disable)", sub);
    if (list && ctx->nargs > 1) return cli_usage_error("user", "user list takes no NAME");
    if (!list && ctx->nargs < 2) return cli_usage_error("user", "user %s needs a NAME", sub);
    if (add) {
        if (!o->role) return cli_usage_error("user", "user add needs --role unit|reviewer|admin");
        int unit_role = !strcmp(o->role, "unit");
        if (unit_role && !o->unit)
            return cli_usage_error("user", "a unit user needs --unit UNIT (the 申报单位 of its forms)");
        if (!unit_role && o->unit)
            return cli_usage_error("user", "--unit is only for --role unit (a %s sees every form)", o->role);
    } else if (o->role || o->unit) {
        return cli_usage_error("user", "--role and --unit are options of user add");
    }
    if (!add && !passwd && o->password_stdin)
        return cli_usage_error("user", "--password-stdin is an option of user add and user passwd");
    return EXIT_OK;
}

const cli_spec user_spec = {
    .usage = "usage: jixiao [--db PATH] user add NAME --role unit|reviewer|admin [--unit UNIT] [--password-stdin]\n"
             "       jixiao [--db PATH] user passwd NAME [--password-stdin]\n"
             "       jixiao [--db PATH] user list [--format text|json]\n"
             "       jixiao [--db PATH] user disable NAME\n",
    .about = "The users of 'jixiao serve --auth'. Roles: unit (单位用户: sees and edits only the forms\n"
             "whose 申报单位 is its --unit), reviewer (审核人: sees every form and reviews), admin\n"
             "(管理员: manages users and the rule configuration, sees every form).\n"
             "The password is typed at a prompt (echo off, asked twice) or, with --password-stdin or\n"
             "when standard input is not a terminal, read from its first line; never an argument.\n"
             "At least 8 characters. Stored as an Argon2id hash. Every change is in the audit log.\n"
             "user add creates the database when it does not exist (the first admin comes first).\n",
    .options = user_options,
    .opts_size = sizeof(user_opts),
    .defaults = &user_defaults,
    .min_args = 1,
    .max_args = 2,
    .missing = "which of add, passwd, list, disable?",
    .validate = user_validate,
};

/* Read one line (without its newline) from f into buf; 0 at EOF or when too long. */
static int read_line(FILE *f, char *buf, size_t size)
{
    if (!fgets(buf, (int)size, f)) return 0;
    size_t n = strlen(buf);
    if (n == size - 1 && buf[n - 1] != '\n') return 0;   /* too long */
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) buf[--n] = '\0';
    return 1;
}

/* Prompt on the terminal with echo off; 1 with buf filled. */
static int prompt_hidden(const char *prompt, char *buf, size_t size)
{
    FILE *tty = fopen("/dev/tty", "r+");
    FILE *in = tty ? tty : stdin, *out = tty ? tty : stderr;
    struct termios old, quiet;
    int fd = fileno(in), restored = tcgetattr(fd, &old) != 0;
    if (!restored) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        quiet.c_lflag |= ECHONL;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    fputs(prompt, out);
    fflush(out);
    int ok = read_line(in, buf, size);
    if (!restored) tcsetattr(fd, TCSAFLUSH, &old);
    if (tty) fclose(tty);
    return ok;
}

/* The new password of name into buf (JX_PASSWORD_MAX + 2 bytes); EXIT_OK or an exit status. */
static int get_password(const char *name, int from_stdin, char *buf, size_t size)
{
    if (from_stdin || !isatty(STDIN_FILENO)) {
        if (!read_line(stdin, buf, size)) {
            fprintf(stderr, "jixiao: user: no password on standard input (one line, at most %d bytes)\n",
                    JX_PASSWORD_MAX);
            return EXIT_USAGE;
        }
        return EXIT_OK;
    }
    char again[JX_PASSWORD_MAX + 2], prompt[200];
    snprintf(prompt, sizeof prompt, "New password for %s: ", name);
    if (!prompt_hidden(prompt, buf, size) || !prompt_hidden("Again: ", again, sizeof again)) {
        fprintf(stderr, "jixiao: user: no password read\n");
        return EXIT_USAGE;
    }
    int same = !strcmp(buf, again);
    memset(again, 0, sizeof again);
    if (!same) {
        fprintf(stderr, "jixiao: user: the two passwords differ; nothing changed\n");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* Apply one user change and its audit entry in one transaction; prints the error. */
static int change(jx_store *store, const char *action, const char *user, json_t *detail,
                  jx_status (*op)(jx_store *, void *, jx_error *), void *arg)
{
    jx_error err;
    jx_error_clear(&err);
    char actor[128];
    cli_actor(actor, sizeof actor);
    json_object_set_new(detail, "user", json_string(user));
    char *dj = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(detail);
    jx_audit_entry e = {.actor = actor, .address = "local", .action = action, .detail_json = dj};
    jx_status st = jx_store_begin(store, &err);
    if (!st) st = op(store, arg, &err);
    if (!st) st = jx_audit_append(store, &e, &err);
    if (!st) st = jx_store_commit(store, &err);
    else jx_store_rollback(store);
    free(dj);
    return st ? cli_report("user", &err) : EXIT_OK;
}

typedef struct add_args { const char *name, *unit, *password; jx_role role; } add_args;

static jx_status op_add(jx_store *s, void *p, jx_error *err)
{
    add_args *a = p;
    return jx_user_add(s, a->name, a->role, a->unit, a->password, err);
}
static jx_status op_passwd(jx_store *s, void *p, jx_error *err)
{
    add_args *a = p;
    return jx_user_set_password(s, a->name, a->password, err);
}
static jx_status op_disable(jx_store *s, void *p, jx_error *err)
{
    add_args *a = p;
    return jx_user_disable(s, a->name, err);
}

/* user list: a table, or JSON {"users": [...]}. */
static int list_users(jx_store *store, int json)
{
    jx_user *u;
    size_t n;
    jx_error err;
    jx_error_clear(&err);
    if (jx_user_list(store, &u, &n, &err) != JX_OK) return cli_report("user", &err);
    if (json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(arr, json_pack("{s:s, s:s, s:s?, s:b, s:s}", "name", u[i].name, "role",
                                                 jx_role_name(u[i].role), "unit", u[i].unit, "disabled",
                                                 u[i].disabled, "created_at", u[i].created_at));
        json_t *root = json_pack("{s:o}", "users", arr);
        char *t = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        puts(t);
        free(t);
        json_decref(root);
    } else {
        printf("%-20s %-9s %-9s %-21s %s\n", "NAME", "ROLE", "STATE", "CREATED", "UNIT (申报单位)");
        for (size_t i = 0; i < n; i++) {
            cli_print_padded(u[i].name, 20);
            printf(" %-9s %-9s %-21s %s\n", jx_role_name(u[i].role), u[i].disabled ? "disabled" : "active",
                   u[i].created_at, u[i].unit ? u[i].unit : "-");
        }
    }
    jx_users_free(u, n);
    return EXIT_OK;
}

int cmd_user(cli *ctx)
{
    const user_opts *o = ctx->opts;
    const char *sub = ctx->args[0], *name = ctx->nargs > 1 ? ctx->args[1] : NULL;
    int is_add = !strcmp(sub, "add"), is_list = !strcmp(sub, "list"), is_disable = !strcmp(sub, "disable");
    jx_role role = JX_ROLE_UNIT;
    if (is_add) jx_role_parse(o->role, &role);
    jx_store *store = cli_open_store(ctx->db_path, is_add);
    if (!store) return EXIT_INPUT;
    int status;
    if (is_list) {
        status = list_users(store, !strcmp(o->format, "json"));
    } else if (is_disable) {
        add_args a = {.name = name};
        status = change(store, "user.disable", name, json_object(), op_disable, &a);
        if (status == EXIT_OK) printf("user %s disabled\n", name);
    } else {
        char pw[JX_PASSWORD_MAX + 2];
        status = get_password(name, o->password_stdin, pw, sizeof pw);
        if (status == EXIT_OK) {
            add_args a = {.name = name, .unit = o->unit, .password = pw, .role = role};
            json_t *d = is_add ? json_pack("{s:s, s:s?}", "role", jx_role_name(role), "unit", o->unit) : json_object();
            status = change(store, is_add ? "user.add" : "user.passwd", name, d, is_add ? op_add : op_passwd, &a);
            if (status == EXIT_OK && is_add)
                printf("user %s added (%s%s%s)\n", name, jx_role_name(role), o->unit ? ", " : "", o->unit ? o->unit : "");
            if (status == EXIT_OK && !is_add) printf("password of %s changed\n", name);
        }
        memset(pw, 0, sizeof pw);
    }
    jx_store_close(store);
    return status;
}
