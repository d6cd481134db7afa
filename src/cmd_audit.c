/*
** cmd_audit.c - `jixiao audit [--form ID] [--user NAME]` lists the audit log
** (审计日志); `jixiao audit verify` walks its hash chain and fails naming the
** first entry that does not hold.
*/
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jixiao/auth.h"

/* The options of audit. */
typedef struct audit_opts {
    long form;
    const char *user, *format;
} audit_opts;

static const char *const formats[] = {"text", "json", NULL};

static const cli_option audit_options[] = {
    CLI_NUMBER("--form", audit_opts, form, 1, LONG_MAX, "ID", "only the entries of form ID",
               "--form wants a form id, not '%s'"),
    CLI_STRING("--user", NULL, audit_opts, user, "NAME", "only the entries by user NAME"),
    CLI_CHOICE("--format", audit_opts, format, formats, "FORMAT", "text or json",
               "--format is text or json, not '%s'"),
    CLI_END,
};

static const audit_opts audit_defaults = {.format = "text"};

/* "verify" is the one argument; it checks the whole log. */
static int audit_validate(cli *ctx)
{
    const audit_opts *o = ctx->opts;
    if (ctx->nargs && strcmp(ctx->args[0], "verify") != 0)
        return cli_usage_error("audit", "unexpected argument %s", ctx->args[0]);
    if (ctx->nargs && (o->form || o->user))
        return cli_usage_error("audit", "audit verify checks the whole log: no --form or --user");
    return EXIT_OK;
}

const cli_spec audit_spec = {
    .usage = "usage: jixiao [--db PATH] audit [--form ID] [--user NAME] [--format text|json]\n"
             "       jixiao [--db PATH] audit verify\n",
    .about = "The audit log (审计日志): every login (and failed login), logout, import, user change,\n"
             "edit, transition and disposition, with who, when (UTC), from which address, the form\n"
             "and its version before and after. Oldest first.\n"
             "Each entry carries the SHA-256 of its content chained to the entry before; 'audit verify'\n"
             "walks the chain and prints the entry count and the head hash (keep it elsewhere: it also\n"
             "proves later that no entry was removed from the end), or fails (exit 1) naming the first\n"
             "entry that was altered, inserted or removed.\n",
    .options = audit_options,
    .opts_size = sizeof(audit_opts),
    .defaults = &audit_defaults,
    .max_args = 1,
    .validate = audit_validate,
};

static int verify(jx_store *store)
{
    jx_error err;
    jx_error_clear(&err);
    long long count, bad;
    const char *why;
    char head[65];
    if (jx_audit_verify(store, &count, &bad, &why, head, &err) != JX_OK) return cli_report("audit", &err);
    if (bad) {
        fprintf(stderr, "jixiao: audit verify: entry %lld: %s (%lld entries before it hold)\n", bad, why, count);
        return EXIT_INPUT;
    }
    printf("audit log: %lld entries, chain intact, head %s\n", count, head);
    return EXIT_OK;
}

int cmd_audit(cli *ctx)
{
    const audit_opts *o = ctx->opts;
    jx_store *store = ctx->store;
    jx_audit_query q = {.limit = -1, .form_id = o->form, .actor = o->user};
    const char *format = o->format;
    int do_verify = ctx->nargs == 1;
    int status = EXIT_OK;
    if (do_verify) {
        status = verify(store);
    } else {
        jx_audit_rows rows;
        jx_error err;
        jx_error_clear(&err);
        if (jx_audit_query_rows(store, &q, &rows, &err) != JX_OK) {
            status = cli_report("audit", &err);
        } else if (!strcmp(format, "json")) {
            json_t *arr = json_array();
            for (size_t i = 0; i < rows.count; i++) {
                const jx_audit_row *r = &rows.items[i];
                json_t *d = r->detail ? json_loads(r->detail, 0, NULL) : NULL;
                json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s}",
                    "seq", (json_int_t)r->seq, "at", r->at, "actor", r->actor, "address", r->address,
                    "action", r->action,
                    "form_id", r->form_id ? json_integer(r->form_id) : json_null(),
                    "version_before", r->version_before ? json_integer(r->version_before) : json_null(),
                    "version_after", r->version_after ? json_integer(r->version_after) : json_null(),
                    "detail", d ? d : json_null(), "hash", r->hash));
            }
            json_t *root = json_pack("{s:I, s:o}", "total", (json_int_t)rows.total, "entries", arr);
            char *t = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
            puts(t);
            free(t);
            json_decref(root);
        } else {
            for (size_t i = 0; i < rows.count; i++) {
                const jx_audit_row *r = &rows.items[i];
                printf("%6lld  %s  %-16s %-15s %-20s", r->seq, r->at, r->actor, r->address, r->action);
                if (r->form_id) printf(" form %lld", r->form_id);
                if (r->version_before || r->version_after)
                    printf(" v%lld->v%lld", r->version_before, r->version_after);
                if (r->detail) printf(" %s", r->detail);
                putchar('\n');
            }
        }
        jx_audit_rows_free(&rows);
    }
    return status;
}
