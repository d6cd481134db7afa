/*
** typo: characters that are almost surely a conversion error or a typo in a
** common indicator word. The list is data: a wrong form and its correction.
*/
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "rule_util.h"

static const struct { const char *wrong, *right; } typos[] = {
    {"视屏监控", "视频监控"}, {"事实实施", "实施"}, {"满易度", "满意度"}, {"满意底", "满意度"},
    {"及时律", "及时率"}, {"完成律", "完成率"}, {"合格律", "合格率"}, {"达标律", "达标率"},
    {"覆盖律", "覆盖率"}, {"知晓律", "知晓率"}, {"执行律", "执行率"}, {"预箅", "预算"},
    {"绩郊", "绩效"}, {"结效", "绩效"}, {"绩效指票", "绩效指标"}, {"既时", "及时"},
    {"按时完城", "按时完成"}, {"完城率", "完成率"}, {"健权", "健全"}, {"规笵", "规范"},
    {"资全", "资金"}, {"帐务", "账务"}, {"台帐", "台账"}, {"载体建没", "载体建设"},
    {"建没", "建设"}, {"培川", "培训"}, {"培洲", "培训"},
};

#define NTYPOS (sizeof typos / sizeof *typos)

/*
** The typos by their first two bytes (FNV-1a, 64 slots): starts[h] is the
** set of typos (bit i: typos[i]) whose wrong form begins with bytes hashing
** to h, so a text is read once and only a few typos are compared at each
** character, instead of one strstr of the whole text per typo.
*/
#define TYPO_SLOTS 64
static uint32_t typo_starts[TYPO_SLOTS];
static pthread_once_t typo_once = PTHREAD_ONCE_INIT;

static unsigned typo_hash(const unsigned char *p)
{
    return ((2166136261u ^ p[0]) * 16777619u ^ p[1]) * 16777619u % TYPO_SLOTS;
}

static void typo_build(void)
{
    for (size_t i = 0; i < NTYPOS; i++)
        typo_starts[typo_hash((const unsigned char *)typos[i].wrong)] |= (uint32_t)1 << i;
}

/* Report each typo found in text (an indicator's name or target), in the list's order. */
static void scan(const jx_rule_ctx *ctx, const jx_form *f, const jx_indicator *ind,
                 const char *what, const char *text)
{
    _Static_assert(NTYPOS <= 32, "typo sets are 32-bit masks");
    if (!text || !text[0]) return;
    pthread_once(&typo_once, typo_build);
    uint32_t found = 0;
    for (const unsigned char *p = (const unsigned char *)text; p[1]; p++) {
        uint32_t cand = typo_starts[typo_hash(p)] & ~found;
        for (size_t i = 0; cand; i++, cand >>= 1)
            if ((cand & 1) && strncmp((const char *)p, typos[i].wrong, strlen(typos[i].wrong)) == 0)
                found |= (uint32_t)1 << i;
    }
    for (size_t i = 0; i < NTYPOS; i++) {
        if (!typos[i].right || !(found & ((uint32_t)1 << i))) continue;
        jx_report_indicator(ctx, f, ind, "%s“%s”中的“%s”疑为“%s”之误", what, text,
                  typos[i].wrong, typos[i].right);
    }
}

static void check(const jx_rule_ctx *ctx, const jx_form *f)
{
    for (size_t i = 0; i < f->nindicators; i++) {
        const jx_indicator *ind = &f->indicators[i];
        scan(ctx, f, ind, "指标名称", ind->name);
        scan(ctx, f, ind, "指标值", ind->target);
    }
}

const jx_rule jx_rule_typo = {
    "typo", JX_SEV_WARNING, JX_DIM_COMPLETENESS,
    "指标文字疑有错别字或转换错误",
    "绩效目标表是公开文件，文字应准确无误",
    {{NULL, 0, NULL}}, check, NULL, JX_SCOPE_FORM,
};
