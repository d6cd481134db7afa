/*
** workflow.h - the review workflow of a form (草稿 → 已提交 → 已退回 | 已通过,
** and 已退回 → 已提交 after a fix), its history with comments, the
** reviewer's disposition of each finding (采纳/不采纳), and the versions an
** edit leaves behind.
**
** Identity: everything here is keyed by the form's identity (year, unit and
** name: jx_form_key), the same identity a re-import keeps ids by, never by a
** row id, so status, history, dispositions and versions survive a re-import
** of the same form. An edit that changes the identity moves them along
** (jx_wf_rekey inside the edit's transaction).
**
** The statuses and the transitions are two tables (jx_wf_statuses,
** jx_wf_transitions): which transition leaves which status, where it goes,
** whether it needs a comment and which role may take it. Everything else
** (the API, the pages, the CLI) is driven by them.
**
** Every function takes the store and runs inside the caller's transaction
** when one is open (jx_store_begin), else in one of its own. Strings in
** results are owned by the result; free with the matching *_free.
*/
#ifndef JIXIAO_WORKFLOW_H
#define JIXIAO_WORKFLOW_H

#include <stddef.h>
#include "jixiao/error.h"
#include "jixiao/model.h"
#include "jixiao/store.h"

typedef enum jx_wf_status {
    JX_WF_DRAFT = 0,      /* 草稿: as imported, or being edited */
    JX_WF_SUBMITTED,      /* 已提交: waiting for the reviewer */
    JX_WF_RETURNED,       /* 已退回: sent back with a comment, to be fixed */
    JX_WF_APPROVED,       /* 已通过 */
    JX_WF_NSTATUS
} jx_wf_status;

typedef struct jx_wf_status_def {
    jx_wf_status status;
    const char *name;     /* "draft", … : the API's and the store's */
    const char *label;    /* "草稿", … : the pages' */
    int editable;         /* the unit may edit the form in this status */
} jx_wf_status_def;

/* The statuses, indexed by jx_wf_status. */
extern const jx_wf_status_def jx_wf_statuses[JX_WF_NSTATUS];

/* The status named name ("draft", … or its Chinese label), -1 when none. */
int jx_wf_status_from_name(const char *name);
const char *jx_wf_status_name(int status);    /* "draft" for an out-of-range value */
const char *jx_wf_status_label(int status);   /* "草稿" … */

/* Who may take a transition (the auth layer maps users to these). */
#define JX_WF_ROLE_UNIT     1u
#define JX_WF_ROLE_REVIEWER 2u
#define JX_WF_ROLE_ADMIN    4u

typedef struct jx_wf_transition {
    const char *action;   /* "submit", "return", "approve": the API path */
    const char *label;    /* "提交", "退回", "通过" */
    unsigned from;        /* bit (1u << status) for each status it may leave */
    jx_wf_status to;
    int needs_comment;    /* a non-empty comment is required (退回 says why) */
    unsigned roles;       /* JX_WF_ROLE_* that may take it */
    const char *audit;    /* its action in the audit log: "form.submit", … */
} jx_wf_transition;

/* The transitions, terminated by action NULL. */
extern const jx_wf_transition jx_wf_transitions[];

/* The transition of an action name, or NULL. */
const jx_wf_transition *jx_wf_transition_find(const char *action);

/*
** NULL when t may leave status from, else why not (Chinese, for a 409):
** "项目当前状态为“已通过”，不能提交：只有草稿或已退回的项目可以提交".
** Written into buf.
*/
const char *jx_wf_refusal(const jx_wf_transition *t, int from, char *buf, size_t size);

/*
** The identity key of a form: "YEAR\tUNIT\tNAME" (year 0 when unknown, unit
** "" when absent). malloc'd. The store computes the same key in SQL.
*/
char *jx_form_key(const jx_form *f);

/* ---- status and history ------------------------------------------------- */

/* The status of the form with this key (JX_WF_DRAFT when none recorded). */
jx_status jx_wf_status_get(jx_store *store, const char *form_key, int *status, jx_error *err);

/* One entry of a form's history: a transition, a comment, an edit, a disposition. */
typedef struct jx_wf_event {
    long long id;
    long long form_id;    /* the form's id when it happened */
    char *action;         /* "submit", "return", "approve", "comment", "edit", "disposition" */
    int status_from, status_to;
    char *comment;        /* NULL when none */
    char *place;          /* a field id or indicator path the comment hangs on, NULL for the form */
    char *user;           /* who (NULL in single-user mode) */
    char *at;             /* UTC, ISO 8601 */
    int version;          /* the form's version after it (0 when not versioned) */
} jx_wf_event;

typedef struct jx_wf_events {
    jx_wf_event *items;
    size_t count;
} jx_wf_events;

/*
** Append an event to the history of the form with this key, and when
** status_to differs from status_from record status_to as its status. *id
** (may be NULL) gets the event's id.
*/
jx_status jx_wf_record(jx_store *store, const char *form_key, long long form_id,
                       const char *action, int status_from, int status_to, const char *comment,
                       const char *place, const char *user, int version, long long *id,
                       jx_error *err);

/* The history of a form, oldest first. */
jx_status jx_wf_history(jx_store *store, const char *form_key, jx_wf_events *out, jx_error *err);
void jx_wf_events_free(jx_wf_events *e);

/* Move status, history, dispositions and versions from one identity to another. */
jx_status jx_wf_rekey(jx_store *store, const char *old_key, const char *new_key, jx_error *err);

/* Count a change the answers show (a transition, a comment) in the store's change counter. */
jx_status jx_wf_touch(jx_store *store, jx_error *err);

/* ---- dispositions of findings ------------------------------------------- */

typedef enum jx_decision { JX_DECISION_ACCEPT = 0, JX_DECISION_DISMISS = 1 } jx_decision;

/* "accept"/"dismiss" (or 采纳/不采纳) -> the decision; -1 when neither. */
int jx_decision_from_name(const char *name);
const char *jx_decision_name(int d);    /* "accept", "dismiss" */
const char *jx_decision_label(int d);   /* "采纳", "不采纳" */

/* A reviewer's decision on the findings of one rule at one place of a form. */
typedef struct jx_disposition {
    char *form_key, *rule, *place;
    int decision;         /* jx_decision */
    char *reason, *user, *at;
} jx_disposition;

typedef struct jx_dispositions {
    jx_disposition *items;
    size_t count;
} jx_dispositions;

/* Record (or replace) the decision on (form_key, rule, place). */
jx_status jx_store_set_disposition(jx_store *store, const jx_disposition *d, jx_error *err);

/* The decisions on the form with this key (every form's when form_key is NULL). */
jx_status jx_store_dispositions(jx_store *store, const char *form_key, jx_dispositions *out,
                                jx_error *err);
void jx_dispositions_free(jx_dispositions *d);

/* The decision in d on (form_key, rule, place), or NULL. */
const jx_disposition *jx_dispositions_find(const jx_dispositions *d, const char *form_key,
                                           const char *rule, const char *place);

/*
** The stored finding number seq (0-based, the review's order) of form
** form_id: its rule and place (owned copies) and scope; *found 0 when none.
*/
jx_status jx_store_finding_at(jx_store *store, long long form_id, long long seq, char **rule,
                              char **place, int *scope, int *found, jx_error *err);

/* Replace the stored grade of one form (after a disposition), counting a change. */
jx_status jx_store_set_grade(jx_store *store, long long form_id, double score, const char *grade,
                             jx_error *err);

/* ---- versions -------------------------------------------------------------- */

typedef struct jx_version {
    int version;          /* 1: the form as imported, then one per save */
    long long form_id;
    char *json;           /* the export contract's JSON of the form (NULL in lists) */
    char *user, *at, *note;
} jx_version;

typedef struct jx_versions {
    jx_version *items;
    size_t count;
} jx_versions;

/* The versions of a form, oldest first, without their JSON. */
jx_status jx_store_versions(jx_store *store, const char *form_key, jx_versions *out,
                            jx_error *err);
/* One version with its JSON; *found 0 when there is none. */
jx_status jx_store_version_get(jx_store *store, const char *form_key, int version,
                               jx_version *out, int *found, jx_error *err);
/* Append the next version (its number in *version). */
jx_status jx_store_version_add(jx_store *store, const char *form_key, long long form_id,
                               const char *json, const char *user, const char *note, int *version,
                               jx_error *err);
void jx_version_free(jx_version *v);
void jx_versions_free(jx_versions *v);

/*
** Replace the stored content of form f->id (header, amounts, components,
** indicators, labelled fields, pages) with f, keeping its id, its file and
** what links to it; counts a change of the forms (the stored review is then
** no longer current). JX_EUSAGE when no form has that id. Inside the
** caller's write transaction if one is open.
*/
jx_status jx_store_replace_form(jx_store *store, jx_form *f, jx_error *err);

#endif
