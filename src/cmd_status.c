/*
** cmd_status.c - `jixiao status ID...`: where forms stand in the review
** workflow (草稿, 已提交, 已退回, 已通过), their version and what may happen next.
*/
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "jixiao/workflow.h"

/* Every argument is a form id. */
static int status_validate(cli *ctx)
{
    for (int i = 0; i < ctx->nargs; i++) {
        long long id;
        if (!cli_parse_id(ctx, ctx->args[i], &id, "ID must be a positive number, not '%s'")) return EXIT_USAGE;
    }
    return EXIT_OK;
}

const cli_spec status_spec = {
    .usage = "usage: jixiao [--db PATH] status ID...\n",
    .about = "Show where each form stands in the review workflow: its status (草稿 draft,\n"
             "已提交 submitted, 已退回 returned, 已通过 approved), its version (1 as imported,\n"
             "then one per edit) and the transitions its status allows (提交/退回/通过).\n"
             "One line per form: ID, status, label, version, next, name (tab-separated).\n",
    .min_args = 1,
    .max_args = -1,
    .missing = "no ID given",
    .validate = status_validate,
};

/* Print one form's line; EXIT_INPUT when there is no such form. */
static int print_status(jx_store *store, long long id)
{
    jx_filter filter = {0};
    filter.id = id;
    jx_form_list forms = {0};
    jx_error err;
    jx_error_clear(&err);
    int rc = EXIT_OK;
    jx_versions vs = {0};
    if (jx_store_load(store, &filter, &forms, &err) != JX_OK) {
        rc = cli_report("status", &err);
    } else if (!forms.count) {
        fprintf(stderr, "jixiao: status: no form with id %lld\n", id);
        rc = EXIT_INPUT;
    } else {
        const jx_form *f = forms.items[0];
        char *key = jx_form_key(f);
        if (jx_store_versions(store, key, &vs, &err) != JX_OK) {
            rc = cli_report("status", &err);
        } else {
            printf("%lld\t%s\t%s\t%d\t", f->id, jx_wf_status_name(f->status), jx_wf_status_label(f->status),
                   vs.count ? vs.items[vs.count - 1].version : 1);
            int first = 1;
            for (const jx_wf_transition *t = jx_wf_transitions; t->action; t++)
                if (t->from & (1u << f->status)) {
                    printf("%s%s", first ? "" : ",", t->action);
                    first = 0;
                }
            printf("%s\t%s\n", first ? "-" : "", f->name);
        }
        free(key);
    }
    jx_versions_free(&vs);
    jx_form_list_free(&forms);
    return rc;
}

int cmd_status(cli *ctx)
{
    int rc = EXIT_OK;
    for (int i = 0; i < ctx->nargs; i++) {
        int r = print_status(ctx->store, strtoll(ctx->args[i], NULL, 10));   /* checked by status_validate */
        if (r != EXIT_OK) rc = r;
    }
    return rc;
}
