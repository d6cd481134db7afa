/*
** vocab.c - the frameworks' vocabularies (see vocab.h).
**
** Sources: 财预〔2021〕101号 for national-2021; the Shanghai 2019–2020 forms
** for shanghai-2019, whose level-2 lists vary between units and years, so
** the list below is learned from documents and meant to grow. A level-2 term
** listed under several level 1s (满意度, 可持续) takes the first as default.
*/
#include "vocab.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "jixiao/util.h"

#define SH "shanghai-2019"
#define NA "national-2021"

const jx_vocab_term jx_vocab[] = {
    /* national-2021: level 1 */
    {NA, 1, "成本", NULL, "成本指标", "成本"},
    {NA, 1, "产出", NULL, "产出指标", "产出"},
    {NA, 1, "效益", NULL, "效益指标", "效益"},
    {NA, 1, "满意度", NULL, "满意度指标", "满意度"},
    /* national-2021: level 2 */
    {NA, 2, "经济成本", "成本", NULL, NULL},
    {NA, 2, "社会成本", "成本", NULL, NULL},
    {NA, 2, "生态环境成本", "成本", NULL, NULL},
    {NA, 2, "数量", "产出", NULL, NULL},
    {NA, 2, "质量", "产出", NULL, NULL},
    {NA, 2, "时效", "产出", NULL, NULL},
    {NA, 2, "成本", "产出", NULL, "成本"},   /* 财预〔2015〕88号 layout, still seen in 2023 */
    {NA, 2, "经济效益", "效益", NULL, NULL},
    {NA, 2, "社会效益", "效益", NULL, NULL},
    {NA, 2, "生态效益", "效益", NULL, NULL},
    {NA, 2, "可持续影响", "效益", NULL, NULL},
    {NA, 2, "可持续", "效益", NULL, NULL},
    {NA, 2, "服务对象满意度", "满意度", NULL, NULL},
    /* shanghai-2019: level 1 */
    {SH, 1, "投入和管理", NULL, "投入和管理目标", NULL},
    {SH, 1, "投入与管理", NULL, "投入和管理目标", NULL},
    {SH, 1, "产出", NULL, "产出目标", "产出"},
    {SH, 1, "效果", NULL, "效果目标", "效益"},
    {SH, 1, "影响力", NULL, "影响力目标", "效益"},
    /* shanghai-2019: level 2 */
    {SH, 2, "投入管理", "投入和管理", NULL, NULL},
    {SH, 2, "资金投入管理", "投入和管理", NULL, NULL},
    {SH, 2, "资金管理", "投入和管理", NULL, NULL},
    {SH, 2, "财务管理", "投入和管理", NULL, NULL},
    {SH, 2, "实施管理", "投入和管理", NULL, NULL},
    {SH, 2, "项目实施管理", "投入和管理", NULL, NULL},
    {SH, 2, "项目管理", "投入和管理", NULL, NULL},
    {SH, 2, "资产管理", "投入和管理", NULL, NULL},
    {SH, 2, "投入管理", "投入与管理", NULL, NULL},
    {SH, 2, "资金投入管理", "投入与管理", NULL, NULL},
    {SH, 2, "资金管理", "投入与管理", NULL, NULL},
    {SH, 2, "财务管理", "投入与管理", NULL, NULL},
    {SH, 2, "实施管理", "投入与管理", NULL, NULL},
    {SH, 2, "项目实施管理", "投入与管理", NULL, NULL},
    {SH, 2, "项目管理", "投入与管理", NULL, NULL},
    {SH, 2, "资产管理", "投入与管理", NULL, NULL},
    {SH, 2, "数量", "产出", NULL, NULL},
    {SH, 2, "质量", "产出", NULL, NULL},
    {SH, 2, "时效", "产出", NULL, NULL},
    {SH, 2, "成本", "产出", NULL, "成本"},
    {SH, 2, "经济效益", "效果", NULL, NULL},
    {SH, 2, "社会效益", "效果", NULL, NULL},
    {SH, 2, "生态效益", "效果", NULL, NULL},
    {SH, 2, "环境效益", "效果", NULL, NULL},
    {SH, 2, "可持续", "效果", NULL, NULL},
    {SH, 2, "可持续影响", "效果", NULL, NULL},
    {SH, 2, "满意度", "效果", NULL, "满意度"},
    {SH, 2, "服务对象满意度", "效果", NULL, "满意度"},
    {SH, 2, "管理", "效果", NULL, NULL},
    {SH, 2, "可持续", "影响力", NULL, NULL},
    {SH, 2, "可持续影响", "影响力", NULL, NULL},
    {SH, 2, "满意度", "影响力", NULL, "满意度"},
    {SH, 2, "服务对象满意度", "影响力", NULL, "满意度"},
    {SH, 2, "长效管理", "影响力", NULL, NULL},
    {SH, 2, "能力建设", "影响力", NULL, NULL},
    {SH, 2, "人力资源", "影响力", NULL, NULL},
    {SH, 2, "信息共享", "影响力", NULL, NULL},
    {SH, 2, "档案管理", "影响力", NULL, NULL},
    {SH, 2, "配套设施", "影响力", NULL, NULL},
    {SH, 2, "其它", "影响力", NULL, NULL},
    {SH, 2, "其他", "影响力", NULL, NULL},
    {NULL, 0, NULL, NULL, NULL, NULL},
};

char *jx_vocab_core(const char *text)
{
    char *key = jx_text_key(text);
    char *core = jx_vocab_core_of_key(key);
    free(key);
    return core;
}

char *jx_vocab_core_of_key(const char *k)
{
    char *key = jx_strdup(k);
    size_t n = strlen(key);
    const size_t suffix = sizeof "目标" - 1;   /* 指标 has the same length */
    if (n > suffix && (jx_ends_with(key, "目标") || jx_ends_with(key, "指标")))
        key[n - suffix] = '\0';
    return key;
}

/* 1 when a and b are both non-NULL and equal. */
static int same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/*
** The table hashed by core, built once: slot[] maps a core (FNV-1a, linear
** probing) to the first term with that core; next[i] is the next term with
** term i's core, in table order. Every lookup walks one core's chain, so a
** first match is the first match of a scan of the whole table in order.
*/
#define VOCAB_SLOTS 256        /* a power of two, over twice the table's size */
#define VOCAB_NONE 0xFFFF
static unsigned short vocab_slot[VOCAB_SLOTS];
static unsigned short vocab_next[VOCAB_SLOTS];
static pthread_once_t vocab_once = PTHREAD_ONCE_INIT;

static void vocab_build(void)
{
    for (size_t i = 0; i < VOCAB_SLOTS; i++) vocab_slot[i] = vocab_next[i] = VOCAB_NONE;
    size_t n = 0;
    while (jx_vocab[n].framework) n++;
    for (size_t i = n; i-- > 0;) {   /* backwards, so that each chain is in table order */
        unsigned h = jx_text_hash(jx_vocab[i].core) & (VOCAB_SLOTS - 1);
        while (vocab_slot[h] != VOCAB_NONE && strcmp(jx_vocab[vocab_slot[h]].core, jx_vocab[i].core))
            h = (h + 1) & (VOCAB_SLOTS - 1);
        vocab_next[i] = vocab_slot[h];
        vocab_slot[h] = (unsigned short)i;
    }
}

/* The first term (table order) with this core, or NULL; chain on with vocab_after. */
static const jx_vocab_term *vocab_first(const char *core)
{
    if (!core) return NULL;
    pthread_once(&vocab_once, vocab_build);
    unsigned h = jx_text_hash(core) & (VOCAB_SLOTS - 1);
    for (; vocab_slot[h] != VOCAB_NONE; h = (h + 1) & (VOCAB_SLOTS - 1))
        if (!strcmp(jx_vocab[vocab_slot[h]].core, core)) return &jx_vocab[vocab_slot[h]];
    return NULL;
}

/* The next term with t's core, or NULL. */
static const jx_vocab_term *vocab_after(const jx_vocab_term *t)
{
    unsigned short k = vocab_next[t - jx_vocab];
    return k == VOCAB_NONE ? NULL : &jx_vocab[k];
}

const char *jx_vocab_framework(int i)
{
    for (const jx_vocab_term *t = jx_vocab; t->framework; t++)
        if ((t == jx_vocab || !same(t[-1].framework, t->framework)) && i-- == 0) return t->framework;
    return NULL;
}

const jx_vocab_term *jx_vocab_level1(const char *framework, const char *core)
{
    for (const jx_vocab_term *t = vocab_first(core); t; t = vocab_after(t))
        if (t->level == 1 && same(t->framework, framework)) return t;
    return NULL;
}

const jx_vocab_term *jx_vocab_level2(const char *framework, const char *core,
                                     const char *parent)
{
    for (const jx_vocab_term *t = vocab_first(core); t; t = vocab_after(t))
        if (t->level == 2 && same(t->framework, framework) && (!parent || same(t->parent, parent)))
            return t;
    return NULL;
}

const char *jx_vocab_category(const char *framework, const char *l1core,
                              const char *l2core)
{
    if (l2core) {
        const jx_vocab_term *t2 = jx_vocab_level2(framework, l2core, l1core);
        if (!t2) t2 = jx_vocab_level2(framework, l2core, NULL);
        if (t2 && t2->category) return t2->category;
    }
    const jx_vocab_term *t1 = l1core ? jx_vocab_level1(framework, l1core) : NULL;
    return t1 ? t1->category : NULL;
}

const char *jx_vocab_detect(const char *const *cores, int ncores)
{
    const char *best = NULL;
    int best_own = 0, best_any = 0;
    for (const jx_vocab_term *t = jx_vocab; t->framework; t++) {
        if (t != jx_vocab && same(t[-1].framework, t->framework)) continue;
        const char *fw = t->framework;
        int own = 0, any = 0;
        for (int i = 0; i < ncores; i++) {
            /* hit: a term of fw; l1: a level 1 of fw; other: a term of another framework */
            int hit = 0, l1 = 0, other = 0;
            for (const jx_vocab_term *u = vocab_first(cores[i]); u; u = vocab_after(u)) {
                if (same(u->framework, fw)) {
                    hit = 1;
                    if (u->level == 1) l1 = 1;
                } else {
                    other = 1;
                }
            }
            if (!hit) continue;
            any++;
            if (l1 && !other) own++;
        }
        if (own > best_own || (own == best_own && any > best_any)) {
            best = any ? fw : best;
            best_own = own;
            best_any = any;
        }
    }
    return best;
}

/*
** Qualitative targets (定性指标值) written whole: the forms' checkable words
** for a standard reached or a direction taken (DOMAIN.md, "Target values
** seen": 健全, 有效, 合规, 及时, 提升, 较去年减少, 较上届扩大, 按年度计划; the
** verdicts 达到/基本达到; the seeds' 显著改善, 有所改善, 促进作用). A term is
** a predicate, optionally after a degree or comparison word (显著改善,
** 较上届扩大, 基本达到), or one of the set phrases. Meant to grow with the
** documents, as the level vocabulary does.
*/
static const char *const target_degrees[] = {
    "显著", "明显", "有所", "进一步", "逐步", "持续", "基本", "全面", "有效", "较去年", "较上年",
    "较上届", "比上年", "同比", NULL};
static const char *const target_predicates[] = {
    "健全", "完善", "有效", "合规", "规范", "及时", "完整", "准确", "良好", "达标", "达到",
    "未达到", "提升", "提高", "改善", "增加", "增长", "减少", "降低", "扩大", "稳定", "控制",
    "满意", "合格", "优秀", "合理", "符合", "安全", NULL};
static const char *const target_phrases[] = {
    "按年度计划", "按计划", "按时", "按期", "年底前", "促进作用", "积极作用", NULL};

/* 1 when key is one of list, else 0. */
static int in_list(const char *key, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (!strcmp(key, list[i])) return 1;
    return 0;
}

int jx_vocab_target_term(const char *text)
{
    char *key = jx_text_key(text);
    int hit = in_list(key, target_predicates) || in_list(key, target_phrases);
    for (size_t i = 0; !hit && target_degrees[i]; i++) {
        size_t n = strlen(target_degrees[i]);
        if (!strncmp(key, target_degrees[i], n) && in_list(key + n, target_predicates)) hit = 1;
    }
    free(key);
    return hit;
}

/*
** 1 when key heads the target column: 指标值 or 目标值 after words that say
** whose or which target it is (年度, 项目, 全年, 指标目标值), alternatives
** written with brackets and slashes (年度(/项目)指标值), a year before them
** (2024年度指标值), and optionally a bracketed note after it (指标值(单位)).
** A goal's text that ends in 目标值 (…度达到目标值) has other words before it.
*/
static int target_heading(const char *key)
{
    static const char *const heads[] = {"指标值", "目标值", NULL};
    static const char *const qualifiers[] = {"年度", "项目", "当年", "全年", "中期", "预期", "计划",
                                             "指标", "目标", "绩效", "(", ")", "/", "、", NULL};
    size_t n = strlen(key);
    if (n && key[n - 1] == ')') {   /* a bracketed note closes the heading: drop it */
        const char *open = strrchr(key, '(');
        if (open && open > key) n = (size_t)(open - key);
    }
    size_t h = 0;
    for (size_t i = 0; heads[i] && !h; i++) {
        size_t hl = strlen(heads[i]);
        if (n >= hl && !memcmp(key + n - hl, heads[i], hl)) h = hl;
    }
    if (!h) return 0;
    size_t at = 0;
    if (n - h >= 4 + strlen("年")) {   /* a year: four digits and 年 */
        int digits = 1;
        for (int i = 0; i < 4; i++) digits &= key[i] >= '0' && key[i] <= '9';
        if (digits && !strncmp(key + 4, "年", strlen("年"))) at = 4 + strlen("年");
    }
    for (; at < n - h;) {
        size_t step = 0;
        for (size_t i = 0; qualifiers[i] && !step; i++)
            if (!strncmp(key + at, qualifiers[i], strlen(qualifiers[i]))) step = strlen(qualifiers[i]);
        if (!step || at + step > n - h) return 0;
        at += step;
    }
    return 1;
}

jx_table_heading jx_vocab_heading(const char *key)
{
    static const struct { const char *key; jx_table_heading heading; } headings[] = {
        {"一级指标", JX_HEADING_LEVEL1}, {"一级目标", JX_HEADING_LEVEL1},
        {"二级指标", JX_HEADING_LEVEL}, {"二级目标", JX_HEADING_LEVEL},
        {"三级指标", JX_HEADING_LEVEL}, {"三级目标", JX_HEADING_LEVEL},
        {"指标名称", JX_HEADING_LEVEL}, {"指标内容", JX_HEADING_LEVEL},
        {"三级指标名称", JX_HEADING_LEVEL}, {"绩效指标", JX_HEADING_LEVEL},
        {"分解目标内容", JX_HEADING_SPLIT},
        {"实际完成值", JX_HEADING_RESULT}, {"全年实际值", JX_HEADING_RESULT},
        {"全年完成值", JX_HEADING_RESULT}, {"完成值", JX_HEADING_RESULT},
        {"实际值", JX_HEADING_RESULT}, {"分值", JX_HEADING_RESULT}, {"得分", JX_HEADING_RESULT},
        {"偏差原因分析及改进措施", JX_HEADING_RESULT}, {"偏差原因", JX_HEADING_RESULT},
        {"未完成原因分析", JX_HEADING_RESULT},
    };
    if (!key) return JX_HEADING_NONE;
    for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++)   /* two bytes, then the rest */
        if (key[0] == headings[i].key[0] && key[0] && key[1] == headings[i].key[1] &&
            !strcmp(key, headings[i].key))
            return headings[i].heading;
    return target_heading(key) ? JX_HEADING_TARGET : JX_HEADING_NONE;
}
