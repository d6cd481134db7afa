/*
** workflow.c - the workflow's two tables (statuses, transitions), the
** refusal message of an illegal transition, the decisions on findings and
** the identity key of a form (see workflow.h).
*/
#include "jixiao/workflow.h"

#include <stdio.h>
#include <string.h>

#include "jixiao/util.h"

#define BIT(s) (1u << (s))

const jx_wf_status_def jx_wf_statuses[JX_WF_NSTATUS] = {
    {JX_WF_DRAFT, "draft", "草稿", 1},
    {JX_WF_SUBMITTED, "submitted", "已提交", 0},
    {JX_WF_RETURNED, "returned", "已退回", 1},
    {JX_WF_APPROVED, "approved", "已通过", 0},
};

/* A unit submits its draft or its returned form; the reviewer returns or approves a submitted one. */
const jx_wf_transition jx_wf_transitions[] = {
    {"submit", "提交", BIT(JX_WF_DRAFT) | BIT(JX_WF_RETURNED), JX_WF_SUBMITTED, 0,
     JX_WF_ROLE_UNIT | JX_WF_ROLE_ADMIN, "form.submit"},
    {"return", "退回", BIT(JX_WF_SUBMITTED), JX_WF_RETURNED, 1, JX_WF_ROLE_REVIEWER | JX_WF_ROLE_ADMIN,
     "form.return"},
    {"approve", "通过", BIT(JX_WF_SUBMITTED), JX_WF_APPROVED, 0, JX_WF_ROLE_REVIEWER | JX_WF_ROLE_ADMIN,
     "form.approve"},
    {NULL, NULL, 0, JX_WF_DRAFT, 0, 0, NULL},
};

int jx_wf_status_from_name(const char *name)
{
    if (!name) return -1;
    for (int i = 0; i < JX_WF_NSTATUS; i++)
        if (!strcmp(name, jx_wf_statuses[i].name) || !strcmp(name, jx_wf_statuses[i].label)) return i;
    return -1;
}

const char *jx_wf_status_name(int s)
{
    return jx_wf_statuses[s >= 0 && s < JX_WF_NSTATUS ? s : 0].name;
}

const char *jx_wf_status_label(int s)
{
    return jx_wf_statuses[s >= 0 && s < JX_WF_NSTATUS ? s : 0].label;
}

const jx_wf_transition *jx_wf_transition_find(const char *action)
{
    for (const jx_wf_transition *t = jx_wf_transitions; action && t->action; t++)
        if (!strcmp(t->action, action)) return t;
    return NULL;
}

/* "草稿或已退回": the statuses a transition may leave, from the table. */
static void from_labels(const jx_wf_transition *t, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    int first = 1;
    for (int s = 0; s < JX_WF_NSTATUS; s++) {
        if (!(t->from & BIT(s))) continue;
        int w = snprintf(buf + n, size - n, "%s%s", first ? "" : "或", jx_wf_statuses[s].label);
        if (w < 0 || (size_t)w >= size - n) return;
        n += (size_t)w;
        first = 0;
    }
}

const char *jx_wf_refusal(const jx_wf_transition *t, int from, char *buf, size_t size)
{
    if (from >= 0 && from < JX_WF_NSTATUS && (t->from & BIT(from))) return NULL;
    char allowed[96];
    from_labels(t, allowed, sizeof allowed);
    snprintf(buf, size, "项目当前状态为“%s”，不能%s：只有%s的项目可以%s", jx_wf_status_label(from),
             t->label, allowed, t->label);
    return buf;
}

int jx_decision_from_name(const char *name)
{
    if (!name) return -1;
    if (!strcmp(name, "accept") || !strcmp(name, "采纳")) return JX_DECISION_ACCEPT;
    if (!strcmp(name, "dismiss") || !strcmp(name, "不采纳")) return JX_DECISION_DISMISS;
    return -1;
}

const char *jx_decision_name(int d) { return d == JX_DECISION_DISMISS ? "dismiss" : "accept"; }
const char *jx_decision_label(int d) { return d == JX_DECISION_DISMISS ? "不采纳" : "采纳"; }

char *jx_form_key(const jx_form *f)
{
    jx_buf b = {0};
    jx_buf_printf(&b, "%d\t%s\t%s", f->year, f->unit ? f->unit : "", f->name ? f->name : "");
    return jx_buf_take(&b);
}
