/*
** summary.h - 汇总: the stored forms summed up, overall or by a key.
**
** Per group: projects, the money asked for this year (budget.total) and
** this year's appropriation (budget.year), indicators per national category
** (成本/产出/效益/满意度, and those with none), the share of quantitative
** targets, and review findings per severity. Money is summed in fen, exactly.
*/
#ifndef JIXIAO_SUMMARY_H
#define JIXIAO_SUMMARY_H

#include <stddef.h>
#include "jixiao/error.h"
#include "jixiao/model.h"
#include "jixiao/rules.h"

typedef enum jx_summary_by {
    JX_BY_NONE = 0, JX_BY_UNIT, JX_BY_DEPARTMENT, JX_BY_YEAR, JX_BY_CATEGORY
} jx_summary_by;

/* Index of an indicator's national category in jx_summary_group.per_category. */
enum { JX_CAT_COST = 0, JX_CAT_OUTPUT, JX_CAT_BENEFIT, JX_CAT_SATISFACTION, JX_CAT_NONE, JX_NCAT };

/* Names of the categories, by index ("成本", …, NULL for JX_CAT_NONE). */
extern const char *const jx_summary_categories[JX_NCAT];

typedef struct jx_summary_group {
    char *key;                /* the group's value; NULL when the forms lack it */
    size_t projects;
    long long total;          /* fen: sum of budget.total over forms that state it */
    size_t total_forms;       /* forms that state budget.total */
    long long year;           /* fen: sum of budget.year */
    size_t year_forms;
    size_t indicators;
    size_t per_category[JX_NCAT];
    size_t quantitative;      /* indicators with a quantitative target */
    size_t findings[3];       /* by jx_severity */
} jx_summary_group;

typedef struct jx_summary {
    jx_summary_by by;
    jx_summary_group *groups; /* ordered by key; the group without a key last */
    size_t count;
    jx_summary_group all;     /* every form (key NULL) */
    size_t cap;               /* groups allocated (jx_summarize_add) */
} jx_summary;

/* Parse "unit" | "department" | "year" | "category"; 0 when unknown. */
int jx_summary_by_parse(const char *s, jx_summary_by *out);
const char *jx_summary_by_name(jx_summary_by by);   /* NULL for JX_BY_NONE */

/*
** Sum up forms (findings may be NULL) into *out, which the caller frees
** with jx_summary_free.
*/
void jx_summarize(const jx_form_list *forms, const jx_findings *findings,
                  jx_summary_by by, jx_summary *out);
/*
** The same batch by batch: out zeroed with out->by set, then each batch's
** forms with their findings (those of other forms skipped), then
** jx_summarize_end orders the groups.
*/
void jx_summarize_add(jx_summary *out, const jx_form_list *forms, const jx_findings *findings);
void jx_summarize_end(jx_summary *out);
void jx_summary_free(jx_summary *s);

struct jx_store;
/*
** The same summary aggregated by the store (SQL; memory independent of the
** number of forms), with the stored review's findings. Equal to
** jx_summarize over every stored form and its stored findings.
*/
jx_status jx_summarize_store(struct jx_store *store, jx_summary_by by, jx_summary *out,
                             jx_error *err);

/*
** The summary as a new jansson json_t* (void* keeps jansson out of this
** header; the caller json_decref()s it): {"version": 1, "by": …|null,
** "groups": [...], "all": {...}}, money in yuan.
*/
void *jx_summary_json(const jx_summary *s);

#endif
