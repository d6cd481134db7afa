/*
** registry.c - the table of rules. Adding a rule: one file, one row here.
** Order is the order of `jixiao rules` and of findings at the same line.
*/
#include "jixiao/rules.h"

extern const jx_rule jx_rule_required_fields, jx_rule_target_missing, jx_rule_level_missing,
    jx_rule_misplaced_process, jx_rule_misplaced_satisfaction, jx_rule_rate_unit,
    jx_rule_count_percent, jx_rule_bare_number, jx_rule_direction, jx_rule_weak_target,
    jx_rule_vague_target, jx_rule_satisfaction_100, jx_rule_mostly_qualitative,
    jx_rule_components_sum, jx_rule_year_above_total, jx_rule_total_identity,
    jx_rule_prev_exec_low, jx_rule_copied_block, jx_rule_goal_coverage, jx_rule_typo;
/* Issue 13: measure classes, partial copies, text quality, narrative arithmetic. */
extern const jx_rule jx_rule_misfiled, jx_rule_copied_rows, jx_rule_text_quality,
    jx_rule_narrative_arithmetic, jx_rule_goal_promise;
/* Department budget disclosures (issue 4). */
extern const jx_rule jx_rule_budget_sum, jx_rule_budget_cross, jx_rule_budget_prose,
    jx_rule_narrative_amount, jx_rule_narrative_link, jx_rule_narrative_year;
/* Final accounts (部门决算, issue 12). */
extern const jx_rule jx_rule_final_sum, jx_rule_final_cross, jx_rule_final_prose,
    jx_rule_final_change, jx_rule_final_compare, jx_rule_final_count, jx_rule_final_year,
    jx_rule_final_toc, jx_rule_final_heading;
/* Self-evaluations and monitoring against the declared targets (issue 17). */
extern const jx_rule jx_rule_eval_score, jx_rule_eval_rate, jx_rule_eval_score_cap, jx_rule_eval_total,
    jx_rule_eval_budget_mark, jx_rule_eval_drift, jx_rule_eval_indicator_set, jx_rule_eval_not_met,
    jx_rule_eval_full_unspent, jx_rule_eval_all_met, jx_rule_eval_no_reason, jx_rule_monitor_likely,
    jx_rule_eval_disclosure, jx_rule_eval_no_unit;

const jx_rule *const jx_rules[] = {
    /* 完整性 */
    &jx_rule_required_fields,
    &jx_rule_target_missing,
    &jx_rule_level_missing,
    &jx_rule_typo,
    &jx_rule_text_quality,
    /* 相关性 */
    &jx_rule_misplaced_process,
    &jx_rule_misplaced_satisfaction,
    &jx_rule_misfiled,
    &jx_rule_copied_block,
    &jx_rule_copied_rows,
    &jx_rule_goal_coverage,
    &jx_rule_goal_promise,
    /* 适当性 */
    &jx_rule_rate_unit,
    &jx_rule_count_percent,
    &jx_rule_bare_number,
    &jx_rule_direction,
    &jx_rule_weak_target,
    &jx_rule_vague_target,
    &jx_rule_satisfaction_100,
    &jx_rule_mostly_qualitative,
    &jx_rule_components_sum,
    &jx_rule_year_above_total,
    &jx_rule_total_identity,
    &jx_rule_budget_sum,
    &jx_rule_budget_cross,
    &jx_rule_budget_prose,
    &jx_rule_narrative_amount,
    &jx_rule_narrative_link,
    &jx_rule_narrative_year,
    &jx_rule_final_sum,
    &jx_rule_final_cross,
    &jx_rule_final_prose,
    &jx_rule_final_change,
    &jx_rule_final_compare,
    &jx_rule_final_count,
    &jx_rule_final_year,
    &jx_rule_final_toc,
    &jx_rule_final_heading,
    &jx_rule_eval_score,
    &jx_rule_eval_rate,
    &jx_rule_eval_score_cap,
    &jx_rule_eval_total,
    &jx_rule_eval_budget_mark,
    &jx_rule_eval_drift,
    &jx_rule_eval_indicator_set,
    &jx_rule_eval_not_met,
    &jx_rule_eval_full_unspent,
    &jx_rule_eval_all_met,
    &jx_rule_eval_no_reason,
    &jx_rule_monitor_likely,
    &jx_rule_eval_disclosure,
    &jx_rule_eval_no_unit,
    /* 可行性 */
    &jx_rule_prev_exec_low,
    &jx_rule_narrative_arithmetic,
    NULL,
};

/*
** The rules that compare each form with every other: the review keeps for
** them a signature per indicator row of every form (copy_index.c) and hands
** it to their check_form as ctx->copies.
*/
const jx_rule *const jx_copy_rules[] = {
    &jx_rule_copied_block,
    &jx_rule_copied_rows,
    NULL,
};

/*
** The rules on self-evaluations and monitoring reports: a walk runs them on
** pages of evaluations with the declared forms they link to
** (jx_review_pass_check_evaluations), never on the forms' batches. Not
** eval-disclosure: it reads the disclosures (and ctx->evals), which go with
** the forms.
*/
const jx_rule *const jx_evaluation_rules[] = {
    &jx_rule_eval_score,
    &jx_rule_eval_rate,
    &jx_rule_eval_score_cap,
    &jx_rule_eval_total,
    &jx_rule_eval_budget_mark,
    &jx_rule_eval_drift,
    &jx_rule_eval_indicator_set,
    &jx_rule_eval_not_met,
    &jx_rule_eval_full_unspent,
    &jx_rule_eval_all_met,
    &jx_rule_eval_no_reason,
    &jx_rule_monitor_likely,
    &jx_rule_eval_no_unit,
    NULL,
};
