/*
** parts.c - which kind of part a title row begins: the one table of part
** titles. A declaration form (…绩效目标申报表, see form.c's title rule), a
** self-evaluation (…绩效自评表) or a monitoring report (…绩效运行监控表,
** …绩效监控情况表). The form parser ends its form at any of them and reads
** none of what follows a non-form title; lib/evaluate reads those parts from
** the same rows and ends each at the next part title or worksheet.
*/
#include <string.h>

#include "jixiao/util.h"
#include "form.h"

/* A title kind by its key's ending (and words it must / must not hold). */
static const struct {
    const char *suffix;     /* the key ends with it */
    const char *needs;      /* and contains it (NULL: nothing more) */
    jx_part_kind kind;
} part_titles[] = {
    {"绩效自评表", NULL, JX_PART_SELF_EVAL},
    {"绩效自评情况表", NULL, JX_PART_SELF_EVAL},
    {"绩效运行监控表", NULL, JX_PART_MONITOR},
    {"绩效监控表", NULL, JX_PART_MONITOR},
    {"绩效监控情况表", NULL, JX_PART_MONITOR},
    {"绩效运行监控情况表", NULL, JX_PART_MONITOR},
    {"绩效目标执行监控表", NULL, JX_PART_MONITOR},
};

/* Title words of parts that are not a project's (a department's whole spending). */
static const char *const not_project[] = {"部门整体", "整体支出", NULL};

jx_part_kind jx_part_title_kind(const jx_row *row)
{
    if (jx_form_is_title(row)) return JX_PART_FORM;
    if (jx_row_filled(row) != 1) return JX_PART_NONE;
    for (int c = 0; c < row->ncells; c++) {
        if (!row->cells[c][0]) continue;
        const char *key = jx_row_key(row, c);
        if (strlen(key) > 200) return JX_PART_NONE;
        for (size_t i = 0; not_project[i]; i++)
            if (strstr(key, not_project[i])) return JX_PART_NONE;
        for (size_t i = 0; i < sizeof part_titles / sizeof *part_titles; i++)
            if (jx_ends_with(key, part_titles[i].suffix) &&
                (!part_titles[i].needs || strstr(key, part_titles[i].needs)))
                return part_titles[i].kind;
        return JX_PART_NONE;
    }
    return JX_PART_NONE;
}
