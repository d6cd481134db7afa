/*
** cmd_evaluate.c - `jixiao evaluate list|show|history`: the stored
** self-evaluations (绩效自评表) and monitoring reports (绩效运行监控表), each
** linked to its declared form and scored per 财预〔2020〕10号 beside the
** unit's own score; history lists a project's declared targets across years.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jixiao/evaluation.h"
#include "jixiao/money.h"
#include "jixiao/util.h"

/* A number or "—". */
static const char *num(jx_num n, char *buf, size_t size)
{
    if (!n.has) return "—";
    snprintf(buf, size, "%.2f", n.v);
    return buf;
}

static void print_one(const jx_evaluation *e)
{
    char a[32], b[32], c[32], d[32], x[32], y[32];
    printf("%s %lld  %s:%ld\n", jx_eval_kind_label(e->kind), e->id, e->file, e->line);
    printf("  项目名称: %s\n  主管部门: %s\n  实施单位: %s\n  year: %d\n", e->name,
           e->department ? e->department : "-", e->unit ? e->unit : "-", e->year);
    if (e->kind == JX_EVAL_MONITOR) printf("  months: 1-%d月\n", e->months);
    if (e->form)
        printf("  申报表: form %lld %s (%s:%ld)\n", e->form->id, e->form->name, e->form->file,
               e->form->line);
    else
        printf("  申报表: 未关联 (no declared form of the same project, year and unit)\n");
    printf("  项目资金（万元）: 年初预算数 | 全年预算数 | %s | 分值 | %s | 得分\n",
           e->kind == JX_EVAL_SELF ? "全年执行数" : "执行数", e->kind == JX_EVAL_SELF ? "执行率" : "执行进度");
    for (int r = 0; r < JX_FUND_NROWS; r++) {
        const jx_eval_fund *f = &e->funds[r];
        if (!f->line) continue;
        jx_money_format_wan(f->budget_start, a, sizeof a);
        jx_money_format_wan(f->budget_year, b, sizeof b);
        jx_money_format_wan(f->exec, c, sizeof c);
        printf("    %s: %s | %s | %s | %s | %s%s | %s  (line %ld)\n", jx_fund_row_label((jx_fund_row)r),
               a, b, c, num(f->marks, d, sizeof d), num(f->rate, x, sizeof x), f->rate.has ? "%" : "",
               num(f->score, y, sizeof y), f->line);
    }
    printf("  预期目标: %s\n  实际完成情况: %s\n", e->goal_target ? e->goal_target : "-",
           e->goal_actual ? e->goal_actual : "-");
    for (size_t i = 0; i < e->nindicators; i++) {
        const jx_eval_indicator *k = &e->indicators[i];
        const jx_indicator *dcl = e->form && k->declared >= 0 ? &e->form->indicators[k->declared] : NULL;
        printf("  %ld  %s / %s / %s\n", k->line, k->level1 ? k->level1 : "-", k->level2 ? k->level2 : "-",
               k->name ? k->name : "-");
        printf("      目标: %s  申报: %s  实际: %s\n", k->target ? k->target : "-",
               dcl ? (dcl->target ? dcl->target : "-") : "(未关联)", k->actual ? k->actual : "-");
        if (e->kind == JX_EVAL_SELF)
            printf("      分值 %s  得分 %s  复核 %.2f / %.2f  %s\n", num(k->marks, a, sizeof a),
                   num(k->score, b, sizeof b), k->recomputed, k->rmarks, k->how ? k->how : "");
        else
            printf("      偏离度: %s%%  预计: %s  可能性: %s  纠偏: %s\n",
                   k->has_deviation ? (snprintf(a, sizeof a, "%.2f", k->deviation), a) : "—",
                   k->expected ? k->expected : "-",
                   k->possibility ? k->possibility : "-", k->correction ? k->correction : "-");
        if (k->reason) printf("      偏差原因: %s\n", k->reason);
    }
    if (e->kind == JX_EVAL_SELF) {
        printf("  预算执行率 复核: %.2f\n", e->recomputed_budget);
        printf("  总分: 单位自评 %s%s%s%s  复核 %.2f (%s)\n", num(e->total_score, a, sizeof a),
               e->unit_grade ? " (" : "", e->unit_grade ? e->unit_grade : "", e->unit_grade ? ")" : "",
               e->recomputed_total, e->grade);
    }
}

/* summary: self-evaluations by grade, the unit's and the recomputed, and the averages. */
typedef struct eval_tally {
    size_t unit[4], rec[4], n, linked, monitors, nunit;
    double sum_unit, sum_rec;
} eval_tally;

static const char *const grades[4] = {"优", "良", "中", "差"};

/* Count the evaluations of one page (of year, unless 0) into t. */
static void tally(eval_tally *t, const jx_form_list *forms, int year)
{
    for (size_t i = 0; i < forms->nevaluations; i++) {
        const jx_evaluation *e = forms->evaluations[i];
        if (year && e->year != year) continue;
        if (e->kind == JX_EVAL_MONITOR) { t->monitors++; continue; }
        t->n++;
        t->linked += e->form != NULL;
        t->sum_rec += e->recomputed_total;
        for (int k = 0; k < 4; k++) {
            if (e->unit_grade && !strcmp(e->unit_grade, grades[k])) t->unit[k]++;
            if (!strcmp(e->grade, grades[k])) t->rec[k]++;
        }
        if (e->total_score.has) { t->sum_unit += e->total_score.v; t->nunit++; }
    }
}

static int summary(const eval_tally *t, int year, int json)
{
    if (json) {
        json_t *o = json_object(), *u = json_object(), *r = json_object();
        json_object_set_new(o, "version", json_integer(1));
        json_object_set_new(o, "year", year ? json_integer(year) : json_null());
        json_object_set_new(o, "self_evaluations", json_integer((json_int_t)t->n));
        json_object_set_new(o, "linked", json_integer((json_int_t)t->linked));
        json_object_set_new(o, "monitoring", json_integer((json_int_t)t->monitors));
        for (int k = 0; k < 4; k++) {
            json_object_set_new(u, grades[k], json_integer((json_int_t)t->unit[k]));
            json_object_set_new(r, grades[k], json_integer((json_int_t)t->rec[k]));
        }
        json_object_set_new(o, "unit_grades", u);
        json_object_set_new(o, "recomputed_grades", r);
        json_object_set_new(o, "unit_average", t->nunit ? json_real(t->sum_unit / (double)t->nunit) : json_null());
        json_object_set_new(o, "recomputed_average", t->n ? json_real(t->sum_rec / (double)t->n) : json_null());
        char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
        puts(s);
        free(s);
        json_decref(o);
        return EXIT_OK;
    }
    printf("self-evaluations: %zu (%zu linked to a declared form), monitoring reports: %zu\n", t->n, t->linked,
           t->monitors);
    printf("  等级   单位自评  复核\n");
    for (int k = 0; k < 4; k++) printf("  %s      %6zu  %6zu\n", grades[k], t->unit[k], t->rec[k]);
    if (t->nunit) printf("  单位自评平均分 %.2f\n", t->sum_unit / (double)t->nunit);
    if (t->n) printf("  复核平均分 %.2f\n", t->sum_rec / (double)t->n);
    return EXIT_OK;
}

/* history NAME: the declared forms of the project across years and what changed. */
static int history(jx_form_list *forms, const char *name, int json)
{
    const jx_form **seq = NULL;
    size_t n = jx_history_forms(forms, name, &seq);
    jx_year_changes ch = {0};
    jx_history_changes(seq, n, &ch);
    if (json) {
        json_t *root = jx_history_to_json(name, seq, n, &ch);
        char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        puts(s);
        free(s);
        json_decref(root);
    } else {
        printf("%s: %zu declared form%s\n", name, n, n == 1 ? "" : "s");
        for (size_t i = 0; i < n; i++)
            printf("  %d  form %lld  %s  %zu indicators\n", seq[i]->year, seq[i]->id,
                   seq[i]->unit ? seq[i]->unit : "-", seq[i]->nindicators);
        for (size_t i = 0; i < ch.count; i++) {
            const jx_year_change *c = &ch.items[i];
            printf("  %d→%d %s %s: %s → %s\n", c->from_year, c->to_year, c->kind, c->name,
                   c->before ? c->before : "-", c->after ? c->after : "-");
        }
    }
    jx_year_changes_free(&ch);
    free(seq);
    return n ? EXIT_OK : EXIT_INPUT;
}

/* The options of evaluate (and --rule/--config, CLI_CONFIG: the scoring parameters). */
typedef struct evaluate_opts {
    const char *format;
    long year;
    const char *output;
} evaluate_opts;

static const char *const evaluate_formats[] = {"text", "json", "csv", "xlsx", "docx", NULL};
static const cli_option evaluate_options[] = {
    CLI_CHOICE("--format", evaluate_opts, format, evaluate_formats, "text|json|csv|xlsx|docx",
               "text or JSON; export: csv, xlsx or docx",
               "unknown format '%s' (expected text, json, csv, xlsx or docx)"),
    CLI_STRING("--output", "-o", evaluate_opts, output, "FILE", "export: write to FILE (atomically)"),
    CLI_NUMBER("--year", evaluate_opts, year, 1900, 2199, "Y", "list: only the evaluations of year Y",
               "--year needs a year, not '%s'"),
    CLI_END,
};
static const evaluate_opts evaluate_defaults = {.format = "text"};

/* list | show ID | history NAME. */
static int evaluate_validate(cli *ctx)
{
    const char *sub = ctx->args[0];
    const evaluate_opts *o = ctx->opts;
    int bare = !strcmp(sub, "list") || !strcmp(sub, "summary") || !strcmp(sub, "export");
    if (!bare && strcmp(sub, "show") && strcmp(sub, "history"))
        return cli_usage_error(ctx->name, "unknown subcommand '%s' (expected list, show ID, history NAME, "
                                          "summary or export)", sub);
    if (bare && ctx->nargs > 1)
        return cli_usage_error(ctx->name, "unexpected argument '%s'", ctx->args[1]);
    if (!bare && ctx->nargs != 2)
        return cli_usage_error(ctx->name, "%s needs one argument", sub);
    int file_format = !strcmp(o->format, "csv") || !strcmp(o->format, "xlsx") || !strcmp(o->format, "docx");
    if (!strcmp(sub, "export") && (!file_format || !o->output))
        return cli_usage_error(ctx->name, "export needs --format csv|xlsx|docx and -o FILE");
    if (strcmp(sub, "export") && file_format)
        return cli_usage_error(ctx->name, "--format %s is for export", o->format);
    long long id;
    if (!strcmp(sub, "show") && !cli_parse_id(ctx, ctx->args[1], &id, "ID must be a positive number, not '%s'"))
        return EXIT_USAGE;
    return EXIT_OK;
}

const cli_spec evaluate_spec = {
    .usage = "usage: jixiao [--db PATH] evaluate list [--year Y] [--format text|json]\n"
             "       jixiao [--db PATH] evaluate show ID [--format text|json]\n"
             "       jixiao [--db PATH] evaluate history NAME [--format text|json]\n"
             "       jixiao [--db PATH] evaluate summary [--year Y] [--format text|json]\n"
             "       jixiao [--db PATH] evaluate export --format csv|xlsx|docx -o FILE\n",
    .about = "Self-evaluations (绩效自评表) and monitoring reports (绩效运行监控表): each linked\n"
             "to the declared form of the same project, year and unit, indicator by indicator,\n"
             "and scored per 财预〔2020〕10号 beside the unit's own score (weights and grade\n"
             "bands: the eval-score rule's parameters, --config FILE as for check). history:\n"
             "the declared targets of the project NAME across the years, with what changed.\n",
    .options = evaluate_options,
    .opts_size = sizeof(evaluate_opts),
    .defaults = &evaluate_defaults,
    .min_args = 1,
    .max_args = 2,
    .missing = "expected list, show ID, history NAME, summary or export",
    .validate = evaluate_validate,
};

/* Evaluations read per page of a walk (with the declared forms they link to). */
#define EVAL_PAGE 200

/*
** One evaluation of `list --format json` as the array element json_dumps
** would write at depth 2 of {"version", "evaluations": [...]}: the same
** bytes, written as the walk goes instead of one tree of every evaluation.
*/
static void print_json_item(const jx_evaluation *e, size_t index)
{
    json_t *o = jx_evaluation_to_json(e, 1);
    char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    fputs(index ? ",\n    " : "\n    ", stdout);
    for (const char *p = s; *p; p++) {
        putchar(*p);
        if (*p == '\n') fputs("    ", stdout);
    }
    free(s);
    json_decref(o);
}

/* One line of `list`. */
static void print_row(const jx_evaluation *e)
{
    char s[32];
    printf("%lld\t%s\t%d\t%s\t%s\t%s\t%s\t%.2f\t%s\n", e->id, jx_eval_kind_name(e->kind), e->year,
           e->name, e->unit ? e->unit : "-", e->form ? "linked" : "unlinked",
           num(e->total_score, s, sizeof s), e->kind == JX_EVAL_SELF ? e->recomputed_total : 0,
           e->kind == JX_EVAL_SELF ? e->grade : "-");
}

/*
** list, summary and export --format csv walk the evaluations a page at a
** time (jx_evaluations_load_linked: each page with only the declared forms
** it links to); show and history read one evaluation or one project;
** export to xlsx/docx reads every evaluation, still with only their forms.
*/
int cmd_evaluate(cli *ctx)
{
    const evaluate_opts *o = ctx->opts;
    const char *sub = ctx->args[0], *arg = ctx->nargs > 1 ? ctx->args[1] : NULL;
    int json = !strcmp(o->format, "json"), year = (int)o->year;
    long long id = !strcmp(sub, "show") ? strtoll(arg, NULL, 10) : 0;   /* checked by validate */
    jx_eval_scoring sc;
    jx_eval_scoring_from_config(ctx->config, &sc);
    jx_error err;
    jx_error_clear(&err);
    int history_of = !strcmp(sub, "history"), whole = !strcmp(sub, "export") && strcmp(o->format, "csv");
    int walk = !history_of && !id && !whole;
    jx_eval_query q = {.none = history_of, .id = id, .name = history_of ? arg : NULL,
                       .limit = walk ? EVAL_PAGE : 0};
    jx_atomic_file af = {0};
    if (walk && !strcmp(sub, "export") && jx_atomic_open(o->output, &af, &err) != JX_OK)
        return cli_report(ctx->name, &err);
    /* One snapshot for every page; a list held back until the last page is read (all or nothing). */
    int own = !jx_store_in_transaction(ctx->store);
    if (own && jx_store_begin_read(ctx->store, &err) != JX_OK) {
        if (af.fp) jx_atomic_abort(&af);
        return cli_report(ctx->name, &err);
    }
    int list = !strcmp(sub, "list");
    cli_held held = {-1, NULL};
    if (list) cli_hold_stdout(&held);
    eval_tally t = {0};
    size_t shown = 0;
    int rc = EXIT_OK;
    if (walk && json && list) fputs("{\n  \"version\": 1,\n  \"evaluations\": [", stdout);
    for (long long page = 0;; page++) {
        jx_form_list forms = {0};
        long long next = 0;
        if (jx_evaluations_load_linked(ctx->store, &q, &sc, &forms, &next, &err) != JX_OK) {
            jx_form_list_free(&forms);
            rc = cli_report(ctx->name, &err);
            break;
        }
        if (history_of) {
            rc = history(&forms, arg, json);
            if (rc) fprintf(stderr, "jixiao: evaluate: no declared form named \"%s\"\n", arg);
        } else if (!strcmp(sub, "summary")) {
            tally(&t, &forms, year);
        } else if (!strcmp(sub, "export") && af.fp) {
            jx_buf b = {0};
            if (!page) jx_evaluations_csv(&forms, &b);
            else jx_evaluations_csv_rows(&forms, &b);
            fwrite(b.data, 1, b.len, af.fp);
            jx_buf_free(&b);
        } else if (!strcmp(sub, "export")) {
            if (!strcmp(o->format, "docx") ? jx_evaluations_docx(&forms, o->output, &err) != JX_OK
                                           : jx_evaluations_xlsx(&forms, o->output, &err) != JX_OK)
                rc = cli_report(ctx->name, &err);
        } else {
            for (size_t i = 0; i < forms.nevaluations; i++) {
                const jx_evaluation *e = forms.evaluations[i];
                if (id && e->id != id) continue;
                if (year && e->year != year) continue;
                if (json && id) {
                    json_t *one = jx_evaluation_to_json(e, 1);
                    char *s = json_dumps(one, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
                    puts(s);
                    free(s);
                    json_decref(one);
                } else if (json) {
                    print_json_item(e, shown);
                } else if (id) {
                    print_one(e);
                } else {
                    print_row(e);
                }
                shown++;
            }
        }
        jx_form_list_free(&forms);
        if (!next) break;
        q.after = next;
    }
    if (own) jx_store_end_read(ctx->store);
    if (rc != EXIT_OK) {
        if (af.fp) jx_atomic_abort(&af);
        if (list) cli_release_stdout(&held, ctx->name, rc);
        return rc;
    }
    if (!strcmp(sub, "summary")) return summary(&t, year, json);
    if (af.fp && jx_atomic_commit(&af, &err) != JX_OK) return cli_report(ctx->name, &err);
    if (walk && json && list) fputs(shown ? "\n  ]\n}\n" : "]\n}\n", stdout);
    if (list) rc = cli_release_stdout(&held, ctx->name, rc);
    if (id && !shown) {
        fprintf(stderr, "jixiao: evaluate: no evaluation with id %lld\n", id);
        rc = EXIT_INPUT;
    }
    return rc;
}
