/*
** narrative-year: a project narrative's 年度预算安排 that arranges money for
** a year, but never for the year of its budget (a 2020 budget stating
** 2019年预算金额安排12.22万元, a 2026 budget stating 2025年安排建设资金
** 5000万元): units copy last year's text, so the amount read from it may
** be last year's. A warning, not an error: the amount may still be right.
**
** A year counts when 年 (or 年度) is followed at once by 预算 or 安排; a
** range (2024年至2026年安排, 2024-2026年预算) counts every year in it. No
** finding when the section names no such year or names the budget's year.
*/
#include <stdio.h>
#include <string.h>

#include "budget_util.h"

enum { MAX_YEARS = 16 };

/* The finding's message: the narrative, its section's line, the years it arranges, the budget's year. */
#define NARRATIVE_YEAR_MESSAGE \
    "经费情况说明「%s」的年度预算安排（第%ld行）写的是%s的安排，而本预算为%d年：疑为沿用往年文字"

/* The four-digit year ending just before p (p > text), or 0. */
static int year_before(const char *text, const char *p)
{
    if (p - text < 4) return 0;
    int y = 0;
    for (const char *d = p - 4; d < p; d++) {
        if (*d < '0' || *d > '9') return 0;
        y = y * 10 + (*d - '0');
    }
    if (p - text > 4 && p[-5] >= '0' && p[-5] <= '9') return 0;   /* part of a longer number */
    return y >= 1990 && y <= 2100 ? y : 0;
}

/* The first year of a range ending at the year whose digits start at d ("2024年至", "2024-"), or 0. */
static int range_start(const char *text, const char *d)
{
    static const char *const joins[] = {"至", "到", "—", "－", "～", "-", "~", NULL};
    for (int i = 0; joins[i]; i++) {
        size_t jl = strlen(joins[i]);
        if ((size_t)(d - text) < jl || strncmp(d - jl, joins[i], jl) != 0) continue;
        const char *e = d - jl;
        if ((size_t)(e - text) >= strlen("年") && !strncmp(e - strlen("年"), "年", strlen("年")))
            e -= strlen("年");
        return year_before(text, e);
    }
    return 0;
}

/*
** The years text arranges money for, into years[] (at most MAX_YEARS, each
** once); returns how many.
*/
static int arranged_years(const char *text, int *years)
{
    int n = 0;
    for (const char *p = strstr(text, "年"); p; p = strstr(p + 1, "年")) {
        int y = year_before(text, p);
        if (!y) continue;
        const char *a = p + strlen("年");
        if (!strncmp(a, "度", strlen("度"))) a += strlen("度");
        if (strncmp(a, "预算", strlen("预算")) != 0 && strncmp(a, "安排", strlen("安排")) != 0) continue;
        int from = range_start(text, p - 4);
        if (!from || from > y || y - from > MAX_YEARS) from = y;
        for (int k = from; k <= y; k++) {
            int seen = 0;
            for (int i = 0; i < n; i++) seen |= years[i] == k;
            if (!seen && n < MAX_YEARS) years[n++] = k;
        }
    }
    return n;
}

/*
** The year of a budget disclosure: the one its first table title starting
** with a year states (2026年部门收支预算总表), else the year a final-accounts
** cover gave (d->year), else 0. From the tables, which the store keeps, so
** a review read back from the store finds the same year as the import's.
*/
static int disclosure_year(const jx_disclosure *d)
{
    for (size_t t = 0; t < d->ntables; t++) {
        const char *title = d->tables[t].title;
        if (!title || strlen(title) < 4 + strlen("年")) continue;
        int y = year_before(title, title + 4);
        if (y && !strncmp(title + 4, "年", strlen("年"))) return y;
    }
    return d->year;
}

/*
** Each narrative's 年度预算安排 against its form's year, else the
** disclosure's (a narrative without its form: the finding then hangs on the
** document, as narrative-link's do).
*/
static void check(const jx_rule_ctx *ctx, const jx_form_list *forms)
{
    for (size_t k = 0; k < forms->ndisclosures; k++) {
        const jx_disclosure *d = forms->disclosures[k];
        jx_bu_at at;
        int anchored = jx_bu_at_of(forms, d, &at), dyear = disclosure_year(d);
        for (size_t i = 0; i < d->nnarratives; i++) {
            const jx_narrative *n = &d->narratives[i];
            if (!n->form && (n->linked || !anchored)) continue;   /* its form is not loaded */
            int year = n->form && n->form->year ? n->form->year : dyear;
            if (!year) continue;
            for (size_t s = 0; s < n->nsections; s++) {
                const jx_narrative_section *sec = &n->sections[s];
                if (!sec->title || !strstr(sec->title, "预算安排") || !sec->text) continue;
                int years[MAX_YEARS], ny = arranged_years(sec->text, years), has = 0;
                for (int j = 0; j < ny; j++) has |= years[j] == year;
                if (!ny || has) continue;
                char named[MAX_YEARS * 12] = "";   /* "、2024年": 3 + 4 + 3 bytes a year */
                for (int j = 0; j < ny; j++)
                    snprintf(named + strlen(named), sizeof named - strlen(named), "%s%d年",
                             j ? "、" : "", years[j]);
                if (n->form) {
                    jx_report(ctx, n->form, sec->line, "narrative.年度预算安排", NARRATIVE_YEAR_MESSAGE, n->title, sec->line,
                              named, year);
                } else {
                    jx_bu_report(ctx, &at, sec->line, "narrative.年度预算安排", NARRATIVE_YEAR_MESSAGE, n->title, sec->line,
                                 named, year);
                    jx_report_scope_disclosure(ctx, d->file);
                }
            }
        }
    }
}

const jx_rule jx_rule_narrative_year = {
    "narrative-year", JX_SEV_WARNING, JX_DIM_APPROPRIATENESS,
    "项目经费情况说明的年度预算安排写的是其他年度",
    "部门预算公开：项目经费情况说明的年度预算安排应写明本预算年度的安排",
    {{NULL, 0, NULL}}, NULL, check, JX_SCOPE_FORM,
};
