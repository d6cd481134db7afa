/*
** cmd_history.c - `jixiao history ID`: a form's review history, oldest
** first: transitions (提交, 退回, 通过) with their comments, comments on a
** field or an indicator row, edits (each a version), dispositions of
** findings (采纳, 不采纳) with their reasons.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jixiao/workflow.h"

static int history_validate(cli *ctx)
{
    long long id;
    return cli_parse_id(ctx, ctx->args[0], &id, "ID must be a positive number, not '%s'") ? EXIT_OK : EXIT_USAGE;
}

const cli_spec history_spec = {
    .usage = "usage: jixiao [--db PATH] history ID\n",
    .about = "Print the review history of a form, oldest first, one entry a line (tab-separated):\n"
             "time (UTC), action (submit, return, approve, comment, edit, accept, dismiss),\n"
             "status before -> after, user (- in single-user mode), version, place (a field or\n"
             "an indicator path, - for the form), comment.\n",
    .min_args = 1,
    .max_args = 1,
    .missing = "no ID given",
    .validate = history_validate,
};

int cmd_history(cli *ctx)
{
    long long id = strtoll(ctx->args[0], NULL, 10);   /* checked by history_validate */
    jx_filter filter = {0};
    filter.id = id;
    jx_form_list forms = {0};
    jx_error err;
    jx_error_clear(&err);
    int rc = EXIT_OK;
    jx_wf_events h = {0};
    char *key = NULL;
    if (jx_store_load(ctx->store, &filter, &forms, &err) != JX_OK) {
        rc = cli_report("history", &err);
    } else if (!forms.count) {
        fprintf(stderr, "jixiao: history: no form with id %lld\n", id);
        rc = EXIT_INPUT;
    } else if (jx_wf_history(ctx->store, (key = jx_form_key(forms.items[0])), &h, &err) != JX_OK) {
        rc = cli_report("history", &err);
    } else {
        for (size_t i = 0; i < h.count; i++) {
            const jx_wf_event *e = &h.items[i];
            printf("%s\t%s\t%s -> %s\t%s\t%d\t%s\t", e->at, e->action, jx_wf_status_name(e->status_from),
                   jx_wf_status_name(e->status_to), e->user ? e->user : "-", e->version,
                   e->place ? e->place : "-");
            /* a comment is one line here: its newlines become spaces */
            for (const char *p = e->comment ? e->comment : "-"; *p; p++) putchar(*p == '\n' || *p == '\t' ? ' ' : *p);
            putchar('\n');
        }
    }
    free(key);
    jx_wf_events_free(&h);
    jx_form_list_free(&forms);
    return rc;
}
