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
} jx_finding;

typedef struct jx_findings {
    jx_finding *items;
    size_t count, cap;
} jx_findings;

void jx_findings_free(jx_findings *f);

/* Number of thresholds a rule may declare. */
#define JX_RULE_MAX_PARAMS 4

typedef struct jx_rule_param {
    const char *name;          /* e.g. "min_ratio" */
    double value;              /* default */
    const char *meaning;       /* Chinese one-liner */
} jx_rule_param;

typedef struct jx_rule jx_rule;
typedef struct jx_review_config jx_review_config;

/* Context handed to a rule's check function. */
typedef struct jx_rule_ctx {
    const jx_rule *rule;
    const jx_review_config *config;
    jx_findings *out;
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
};

/* The registered rules, NULL-terminated. */
extern const jx_rule *const jx_rules[];
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

/* Value of a rule parameter under the configuration. */
double jx_rule_param_value(const jx_rule_ctx *ctx, const char *name);

/* Run every enabled rule over the forms; findings ordered by form, line, rule. */
void jx_review(const jx_review_config *c, const jx_form_list *forms, jx_findings *out);

/* Add a finding (printf-style message). Used by rules. */
void jx_report(const jx_rule_ctx *ctx, const jx_form *form, long line, const char *where,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Add a finding about one indicator: its line, and where = "一级/二级/三级". */
void jx_report_indicator(const jx_rule_ctx *ctx, const jx_form *form, const jx_indicator *ind,
                         const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Add an info finding: what a rule could not judge (fail closed), whatever its severity. */
void jx_report_info(const jx_rule_ctx *ctx, const jx_form *form, long line, const char *where,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The suggested grade 优/良/中/差 of a form from its findings (ordered by form id,
** as jx_review leaves them), and its score. */
const char *jx_review_grade(const jx_review_config *c, const jx_findings *all,
                            long long form_id, double *score);

const char *jx_severity_name(jx_severity s);       /* "error", "warning", "info" */
int jx_severity_parse(const char *s, jx_severity *out);
const char *jx_dimension_name(jx_dimension d);     /* "完整性" … */

#endif
