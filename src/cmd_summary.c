/*
** cmd_summary.c - `jixiao summary [--by unit|department|year|category]
** [--format text|json]`: the stored forms summed up (汇总), with the review
** findings of the default rule configuration.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jixiao/review.h"
#include "jixiao/rules.h"
#include "jixiao/store.h"
#include "jixiao/summary.h"

/* The options of summary. */
typedef struct summary_opts {
    const char *format, *by;
} summary_opts;

static const char *const summary_formats[] = {"text", "json", NULL};
static const char *const summary_bys[] = {"unit", "department", "year", "category", NULL};

static const cli_option summary_options[] = {
    CLI_CHOICE("--by", summary_opts, by, summary_bys, "unit|department|year|category",
               "one row per unit, department, year or project category, then the total",
               "unknown --by '%s' (known: unit, department, year, category)"),
    CLI_CHOICE("--format", summary_opts, format, summary_formats, "text|json", "an aligned table or JSON",
               "unknown format '%s' (known: text, json)"),
    CLI_END,
};

static const summary_opts summary_defaults = {.format = "text"};

const cli_spec summary_spec = {
    .usage = "usage: jixiao [--db PATH] summary [--by unit|department|year|category]\n"
             "                      [--format text|json]\n",
    .about = "Sum up the stored forms (汇总): projects, money asked for this year (项目总预算)\n"
             "and this year's appropriation (当年预算) in 万元, indicators per national category\n"
             "(成本/产出/效益/满意度), the share of quantitative targets, and review findings per\n"
             "severity (default rules of 'jixiao check'). With --by, one row per unit, department,\n"
             "year or project category, then the total.\n",
    .options = summary_options,
    .opts_size = sizeof(summary_opts),
    .defaults = &summary_defaults,
};

/* A percentage "62.5%", or "-" when there is nothing to divide. */
static void percent(size_t part, size_t whole, char *buf, size_t size)
{
    if (!whole) snprintf(buf, size, "-");
    else snprintf(buf, size, "%.1f%%", 100.0 * (double)part / (double)whole);
}

/* The numeric columns of the text table: header and display width. */
static const struct { const char *head; int width; } columns[] = {
    {"项目数", 6}, {"项目总预算(万元)", 16}, {"当年预算(万元)", 14}, {"指标数", 6},
    {"成本", 5}, {"产出", 5}, {"效益", 5}, {"满意度", 6}, {"未归类", 6}, {"定量占比", 8},
    {"错误", 5}, {"警告", 5}, {"提示", 5},
};
#define NCOLUMNS (sizeof columns / sizeof *columns)

/* Print s right-aligned to display width w, after two spaces. */
static void cell_right(const char *s, int w)
{
    fputs("  ", stdout);
    for (int k = cli_display_width(s); k < w; k++) putchar(' ');
    fputs(s, stdout);
}

/* One line of the text table. */
static void text_row(const char *key, int keyw, const jx_summary_group *g)
{
    char v[NCOLUMNS][32];
    snprintf(v[0], sizeof v[0], "%zu", g->projects);
    snprintf(v[1], sizeof v[1], "-");
    snprintf(v[2], sizeof v[2], "-");
    if (g->total_forms) cli_format_wan(g->total, v[1], sizeof v[1]);
    if (g->year_forms) cli_format_wan(g->year, v[2], sizeof v[2]);
    snprintf(v[3], sizeof v[3], "%zu", g->indicators);
    for (int c = 0; c < 5; c++) snprintf(v[4 + c], sizeof v[4 + c], "%zu", g->per_category[c]);
    percent(g->quantitative, g->indicators, v[9], sizeof v[9]);
    snprintf(v[10], sizeof v[10], "%zu", g->findings[JX_SEV_ERROR]);
    snprintf(v[11], sizeof v[11], "%zu", g->findings[JX_SEV_WARNING]);
    snprintf(v[12], sizeof v[12], "%zu", g->findings[JX_SEV_INFO]);
    cli_print_padded(key, keyw);
    for (size_t c = 0; c < NCOLUMNS; c++) cell_right(v[c], columns[c].width);
    putchar('\n');
}

/* The summary as an aligned table. */
static void print_text(const jx_summary *s)
{
    static const char *const group_title[] = {"全部", "申报单位", "主管部门", "年度", "项目类别"};
    int keyw = cli_display_width(group_title[s->by]);
    for (size_t i = 0; i < s->count; i++) {
        int w = cli_display_width(s->groups[i].key ? s->groups[i].key : "（未填）");
        if (w > keyw) keyw = w;
    }
    if (keyw < 8) keyw = 8;
    if (keyw > 48) keyw = 48;
    cli_print_padded(group_title[s->by], keyw);
    for (size_t c = 0; c < NCOLUMNS; c++) cell_right(columns[c].head, columns[c].width);
    putchar('\n');
    for (size_t i = 0; i < s->count; i++)
        text_row(s->groups[i].key ? s->groups[i].key : "（未填）", keyw, &s->groups[i]);
    text_row("合计", keyw, &s->all);
}

/* One batch of the walk added to the summary s. */
static jx_status summarize_batch(void *s, const jx_form_list *batch, int unattached, const jx_findings *fs,
                                 jx_error *err)
{
    (void)unattached, (void)err;
    jx_summarize_add(s, batch, fs);
    return JX_OK;
}

/*
** The summary of a review in memory (the store could not hold it: a
** read-only database), walked batch by batch (jx_review_walk) so that
** memory holds one batch, not every form.
*/
static jx_status summarize_walk(cli *ctx, jx_summary_by by, jx_summary *s, jx_error *err)
{
    memset(s, 0, sizeof *s);
    s->by = by;
    jx_status rc = jx_store_begin_read(ctx->store, err);
    if (rc == JX_OK) rc = jx_review_walk_each(ctx->store, ctx->config, summarize_batch, s, err);
    if (jx_store_in_transaction(ctx->store)) jx_store_end_read(ctx->store);
    jx_summarize_end(s);
    return rc;
}

/* The summary of the stored review (SQL), or of a review in memory when the store cannot hold one. */
int cmd_summary(cli *ctx)
{
    const summary_opts *o = ctx->opts;
    jx_summary_by by = JX_BY_NONE;
    if (o->by) jx_summary_by_parse(o->by, &by);   /* one of summary_bys */
    jx_error err;
    jx_error_clear(&err);
    int status = EXIT_OK;
    jx_summary s;
    if (ctx->stored) {
        if (jx_summarize_store(ctx->store, by, &s, &err) != JX_OK) return cli_report("summary", &err);
    } else if (summarize_walk(ctx, by, &s, &err) != JX_OK) {
        jx_summary_free(&s);
        return cli_report("summary", &err);
    }
    if (!strcmp(o->format, "json")) {
        json_t *root = jx_summary_json(&s);
        char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
        puts(text);
        free(text);
        json_decref(root);
    } else {
        print_text(&s);
    }
    jx_summary_free(&s);
    return status;
}
