/*
** rules.h - the review engine (绩效目标审核): explained, configurable rules.
**
** A rule is one small unit: an id, a default severity, the review dimension
** of the national guidance it belongs to (完整性/相关性/适当性/可行性), a
** one-line Chinese title, the guidance it rests on, its thresholds, and a
** function from a form (or from all forms, for cross-form rules) to
** findings. Rules are registered in one table (lib/rules/registry.c): adding
** a rule is one file and one row.
**
** Rules read the parsed model only (jx_value op/value/unit/kind); they never
** re-parse text. They fail closed: where the data a rule needs is missing or
** ambiguous they report nothing, or an info finding saying what they could
** not judge, never a warning built on a guess.
*/
#ifndef JIXIAO_RULES_H
#define JIXIAO_RULES_H

#include <stddef.h>
#include "jixiao/error.h"
#include "jixiao/model.h"

typedef enum jx_severity { JX_SEV_INFO = 0, JX_SEV_WARNING = 1, JX_SEV_ERROR = 2 } jx_severity;

typedef enum jx_dimension {
    JX_DIM_COMPLETENESS = 0,   /* 完整性 */
    JX_DIM_RELEVANCE,          /* 相关性 */
    JX_DIM_APPROPRIATENESS,    /* 适当性 */
    JX_DIM_FEASIBILITY         /* 可行性 */
} jx_dimension;

/*
** Whose finding it is. A form finding counts in that form's grade; a
** disclosure finding is about a department disclosure as a whole (its
** tables, its prose) and counts only in the disclosure's own verdict: it
** still names an anchor form (form_id, the document's first form) so
** callers that group by form keep working, but no form is graded on it.
*/
typedef enum jx_scope { JX_SCOPE_FORM = 0, JX_SCOPE_DISCLOSURE = 1 } jx_scope;

/* A finding owns its strings (free with jx_findings_free). */
typedef struct jx_finding {
    const char *rule;          /* rule id (static) */
    jx_severity severity;
    jx_dimension dimension;
    long long form_id;
    const jx_form *form;       /* borrowed: valid while the checked forms live */
    long line;                 /* source line the finding points at */
    char *where;               /* field or indicator, e.g. "budget.total", "产出目标/数量目标/综合接通率" */
    char *message;             /* Chinese, with the concrete values */
    const char *reason;        /* the guidance the rule rests on (static) */
    char *suggestion;          /* what to change, Chinese (移至“时效指标”), or NULL */
    jx_scope scope;            /* JX_SCOPE_DISCLOSURE: not counted in the form's grade */
    const char *disclosure;    /* file of the disclosure for a disclosure finding (borrowed), else NULL */
    int page;                  /* 1-based page of a PDF source, 0 when none */
} jx_finding;

typedef struct jx_findings {
    jx_finding *items;
    size_t count, cap;
} jx_findings;

void jx_findings_free(jx_findings *f);

/* Number of thresholds a rule may declare. */
#define JX_RULE_MAX_PARAMS 8

typedef struct jx_rule_param {
    const char *name;          /* e.g. "min_ratio" */
    double value;              /* default */
    const char *meaning;       /* Chinese one-liner */
} jx_rule_param;

typedef struct jx_rule jx_rule;
typedef struct jx_review_config jx_review_config;

/* What the copy rules keep of every form (lib/rules/copy_index.c); opaque here. */
typedef struct jx_copy_index jx_copy_index;
/* What eval-disclosure keeps of every self-evaluation (lib/rules/eval_disclosure.c); opaque here. */
typedef struct jx_eval_tally jx_eval_tally;

/* Context handed to a rule's check function. */
typedef struct jx_rule_ctx {
    const jx_rule *rule;
    const jx_review_config *config;
    jx_findings *out;
    jx_copy_index *copies;     /* for a rule of jx_copy_rules: every form's rows */
    const jx_eval_tally *evals;   /* every self-evaluation of the review, in brief (eval-disclosure) */
} jx_rule_ctx;

struct jx_rule {
    const char *id;
    jx_severity severity;
    jx_dimension dimension;
    const char *title;         /* Chinese one-liner */
    const char *reason;        /* guidance it rests on */
    jx_rule_param params[JX_RULE_MAX_PARAMS];   /* terminated by name NULL */
    void (*check_form)(const jx_rule_ctx *ctx, const jx_form *form);
    void (*check_all)(const jx_rule_ctx *ctx, const jx_form_list *forms);
    jx_scope scope;            /* whose its findings are by default (JX_SCOPE_FORM = 0) */
};

/* The registered rules, NULL-terminated. */
extern const jx_rule *const jx_rules[];
/* Those of them whose check_form compares the form with every other through ctx->copies. */
extern const jx_rule *const jx_copy_rules[];
/* Those whose check_all reads the list's evaluations (with the declared forms they link to). */
extern const jx_rule *const jx_evaluation_rules[];
const jx_rule *jx_rule_find(const char *id);

/*
** Configuration: per rule on/off, severity and parameter overrides, and the
** grade mapping. Created with defaults; jx_review_config_load_json reads a
** JSON file:
**   {"rules": {"prev-exec-low": {"severity": "error", "min_ratio": 0.9},
**              "bare-number": "off"},
**    "grade": {"error": 15, "warning": 5, "info": 0, "优": 90, "良": 80, "中": 60}}
*/
struct jx_review_config {
    size_t nrules;
    int *enabled;              /* per jx_rules index */
    jx_severity *severity;
    double (*params)[JX_RULE_MAX_PARAMS];
    double penalty[3];         /* points per finding of each severity */
    double grade_min[3];       /* 优, 良, 中 thresholds out of 100 */
};

jx_review_config *jx_review_config_new(void);
void jx_review_config_free(jx_review_config *c);
/* Apply "ID=off" / "ID=on" / "ID=error|warning|info". */
jx_status jx_review_config_set(jx_review_config *c, const char *assignment, jx_error *err);
jx_status jx_review_config_load_json(jx_review_config *c, const char *path, jx_error *err);
/* The same from a document in memory (text[0..len), name for errors): what fuzz/ drives. */
jx_status jx_review_config_parse_json(jx_review_config *c, const char *name, const char *text,
                                      size_t len, jx_error *err);

/* Value of a rule parameter under the configuration. */
double jx_rule_param_value(const jx_rule_ctx *ctx, const char *name);

/* Run every enabled rule over the forms; findings ordered by form, line, rule. */
void jx_review(const jx_review_config *c, const jx_form_list *forms, jx_findings *out);

/*
** A review walked batch by batch, in bounded memory: the same findings as
** jx_review over all the forms at once. First every form in id order goes
** through jx_review_pass_gather (when jx_review_pass_gathers says the
** configuration needs it: the copy rules keep a code per indicator row,
** not the forms), then jx_review_pass_gather_end, and again while that
** returns 1 (the copy index walks the forms twice); then the same forms, in the same order and in batches of
** whole files (or a file's continuation, whose list carries no disclosures:
** the disclosure rules see a file's disclosures once), through
** jx_review_pass_check, which appends the batch's findings, ordered by form,
** line, rule, to out. Forms and lists are borrowed for the call only.
*/
typedef struct jx_review_pass jx_review_pass;
jx_review_pass *jx_review_pass_new(const jx_review_config *c);
int jx_review_pass_gathers(const jx_review_pass *p);
void jx_review_pass_gather(jx_review_pass *p, const jx_form_list *batch);
int jx_review_pass_gather_end(jx_review_pass *p);
void jx_review_pass_check(jx_review_pass *p, const jx_form_list *batch, jx_findings *out);
void jx_review_pass_free(jx_review_pass *p);
/*
** Self-evaluations in a walk. Every evaluation goes once, before any
** jx_review_pass_check, through jx_review_pass_gather_evaluations (page by
** page; it scores them under the configuration and keeps of the self-
** evaluations what eval-disclosure compares a final account's statement
** with: year, units, score, grade, money). The batches given to
** jx_review_pass_check then carry no evaluations; the evaluations go, page by
** page, with the declared forms they can link to in page->items, through
** jx_review_pass_check_evaluations, which runs only jx_evaluation_rules (the
** forms are there to link to, not to be checked) and appends the page's
** findings, ordered by line and rule, to out. jx_review does both on its one list.
*/
void jx_review_pass_gather_evaluations(jx_review_pass *p, const jx_form_list *page);
void jx_review_pass_check_evaluations(jx_review_pass *p, const jx_form_list *page, jx_findings *out);

/*
** The verdicts of a review walked batch by batch: one per file that holds a
** disclosure or an evaluation, its score 100 less the penalties of the
** disclosure findings of that file, summed over every batch that carries
** the file (a file's evaluations may span pages). In the order files first
** appear: the disclosures' files with forms, then those of the unattached
** batch (files without forms), then the files of evaluations alone, as the
** stored review keeps them. Strings are the tally's.
*/
typedef struct jx_verdict_tally jx_verdict_tally;
jx_verdict_tally *jx_verdict_tally_new(const jx_review_config *c);
void jx_verdict_tally_add(jx_verdict_tally *t, const jx_form_list *batch, int unattached, const jx_findings *fs);
size_t jx_verdict_tally_count(const jx_verdict_tally *t);
/* The i-th verdict: file, score (*score) and grade (static). */
const char *jx_verdict_tally_get(const jx_verdict_tally *t, size_t i, double *score, const char **grade);
void jx_verdict_tally_free(jx_verdict_tally *t);

/* Add a finding (printf-style message). Used by rules. */
void jx_report(const jx_rule_ctx *ctx, const jx_form *form, long line, const char *where,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Add a finding about one indicator: its line, and where = "一级/二级/三级". */
void jx_report_indicator(const jx_rule_ctx *ctx, const jx_form *form, const jx_indicator *ind,
                         const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
** Add a finding about a whole disclosure (its tables, its prose): it belongs
** to the disclosure (file), not to any form (form NULL, form_id 0), and
** cites its page and line. Used by the final-accounts rules.
*/
struct jx_disclosure;
void jx_report_disclosure(const jx_rule_ctx *ctx, const struct jx_disclosure *d, int page,
                          long line, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Add an info finding: what a rule could not judge (fail closed), whatever its severity. */
void jx_report_info(const jx_rule_ctx *ctx, const jx_form *form, long line, const char *where,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/*
** Attach a suggestion (printf-style, Chinese) to the finding the rule just
** reported. No-op when the rule has reported nothing yet.
*/
void jx_suggest(const jx_rule_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Mark the finding the rule just reported as the disclosure's (file: its document). */
void jx_report_scope_disclosure(const jx_rule_ctx *ctx, const char *file);

/* "form" or "disclosure". */
const char *jx_scope_name(jx_scope s);

/*
** The kind of 情况说明 statement (jx_statement_kind of jixiao/disclosure.h)
** the final-accounts rule rule_id judges -- final-prose the amounts,
** final-change the year-on-year changes, ... -- or -1 for any other rule:
** the disclosure page shows each such finding beside its statement.
*/
int jx_rule_statement_kind(const char *rule_id);

/*
** The suggested grade 优/良/中/差 of a form from its own findings (ordered by
** form id, as jx_review leaves them; disclosure findings are not counted), and
** its score.
*/
const char *jx_review_grade(const jx_review_config *c, const jx_findings *all,
                            long long form_id, double *score);

/*
** The verdict of a disclosure (by file) from its disclosure findings only, as
** for a form: 100 minus the penalties. Linear in the findings.
*/
const char *jx_review_grade_disclosure(const jx_review_config *c, const jx_findings *all,
                                       const char *file, double *score);

/*
** Measure classes (lib/rules/measure.c): what an indicator measures, from
** the head of its name, its unit and its operator, by a lexicon that is a data
** table, each entry with the 财预〔2021〕101号 gloss it rests on.
*/
typedef enum jx_measure_class {
    JX_MEASURE_UNKNOWN = 0,
    JX_MEASURE_QUANTITY,        /* 数量 */
    JX_MEASURE_QUALITY,         /* 质量 */
    JX_MEASURE_TIMELINESS,      /* 时效 */
    JX_MEASURE_COST,            /* 成本 */
    JX_MEASURE_ECONOMIC,        /* 经济效益 */
    JX_MEASURE_SOCIAL,          /* 社会效益 */
    JX_MEASURE_ECOLOGICAL,      /* 生态效益 */
    JX_MEASURE_SUSTAINABILITY,  /* 可持续影响 */
    JX_MEASURE_SATISFACTION,    /* 满意度 */
    JX_MEASURE_PROCESS          /* 过程管理: 预算执行, 资金到位, 合规 */
} jx_measure_class;

typedef struct jx_measure {
    jx_measure_class cls;
    double confidence;          /* 0..1: 0.9+ a defining head (…合格率), lower for hints */
    const char *head;           /* the lexicon entry matched (static), or NULL */
    const char *gloss;          /* the 101号 gloss the class rests on (static), or NULL */
} jx_measure;

/* Classify one indicator. Never fails: JX_MEASURE_UNKNOWN with confidence 0. */
void jx_measure_classify(const jx_indicator *ind, jx_measure *out);
/*
** Between begin and end (one jx_review_pass_check, on this thread) each
** indicator is classified once and its class recalled by its address: the
** indicators must stay alive and unchanged until end. begin sizes the memo
** for about this many indicators.
*/
void jx_measure_memo_begin(size_t indicators);
void jx_measure_memo_end(void);
/* "quantity", "quality", … "process"; "unknown". */
const char *jx_measure_name(jx_measure_class c);
/* The Chinese label: 数量, 质量, 时效, 成本, 经济效益, 社会效益, 生态效益, 可持续影响, 满意度, 过程管理. */
const char *jx_measure_label(jx_measure_class c);

const char *jx_severity_name(jx_severity s);       /* "error", "warning", "info" */
const char *jx_severity_label(jx_severity s);      /* "错误", "警告", "提示": what readers see */
int jx_severity_parse(const char *s, jx_severity *out);
const char *jx_dimension_name(jx_dimension d);     /* "完整性" … */

#endif
