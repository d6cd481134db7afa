/*
** cmd_rules.c - `jixiao rules`: every review rule with its id, severity,
** dimension, thresholds and the guidance it rests on; and the grade mapping.
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jixiao/rules.h"

const cli_spec rules_spec = {
    .usage = "usage: jixiao rules\n",
    .about = "List the review rules of 'jixiao check'.\n",
};

/* Every rule with its parameters and grounds, then the grade mapping. */
int cmd_rules(cli *ctx)
{
    (void)ctx;
    jx_review_config *c = jx_review_config_new();
    for (size_t i = 0; jx_rules[i]; i++) {
        const jx_rule *r = jx_rules[i];
        printf("%-24s %-7s %s  %s\n", r->id, jx_severity_name(r->severity),
               jx_dimension_name(r->dimension), r->title);
        for (int k = 0; k < JX_RULE_MAX_PARAMS && r->params[k].name; k++)
            printf("%26s%s = %g  (%s)\n", "", r->params[k].name, r->params[k].value, r->params[k].meaning);
        printf("%26s依据：%s\n", "", r->reason);
    }
    printf("\ngrade: start at 100, minus %g per error, %g per warning, %g per info; "
           "优 ≥ %g, 良 ≥ %g, 中 ≥ %g, else 差\n",
           c->penalty[JX_SEV_ERROR], c->penalty[JX_SEV_WARNING], c->penalty[JX_SEV_INFO],
           c->grade_min[0], c->grade_min[1], c->grade_min[2]);
    jx_review_config_free(c);
    return EXIT_OK;
}
