/*
** measure.c - measure classes: what an indicator measures (数量, 质量, 时效,
** 成本, 经济/社会/生态效益, 可持续影响, 满意度, 过程管理), read from the head
** of its name, then its unit and operator.
**
** The lexicon is data (lexicon[] below): a head, how it matches, the class,
** a confidence, and the gloss of 财预〔2021〕101号 (附件：绩效指标的设置与解释,
** paraphrased) the entry rests on. Matching is in passes, first match wins:
** (1) process and satisfaction words anywhere in the name (预算执行率 and
** 满意度 decide whatever the suffix); (2) the longest suffix of the core name
** (the name without a trailing (…) note); (3) the remaining words anywhere;
** (4) with no head, the unit and operator of the target. A count capped from
** above (…事故发生数 ≤ 0) measures a standard, so it is quality, not quantity.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule_util.h"
#include "text.h"
#include "jixiao/util.h"

/* The 101号 glosses, one per class. */
static const char *const gloss[] = {
    [JX_MEASURE_UNKNOWN] = NULL,
    [JX_MEASURE_QUANTITY] = "财预〔2021〕101号：数量指标反映预期提供的公共产品或服务的数量",
    [JX_MEASURE_QUALITY] = "财预〔2021〕101号：质量指标反映预期提供的公共产品或服务达到的标准、水平和效果",
    [JX_MEASURE_TIMELINESS] = "财预〔2021〕101号：时效指标反映预期提供公共产品或服务的及时程度和效率",
    [JX_MEASURE_COST] = "财预〔2021〕101号：成本指标反映预期提供公共产品或服务所需成本的控制情况",
    [JX_MEASURE_ECONOMIC] = "财预〔2021〕101号：经济效益指标反映相关产出对经济发展带来的影响和效果",
    [JX_MEASURE_SOCIAL] = "财预〔2021〕101号：社会效益指标反映相关产出对社会发展带来的影响和效果",
    [JX_MEASURE_ECOLOGICAL] = "财预〔2021〕101号：生态效益指标反映相关产出对自然生态环境带来的影响和效果",
    [JX_MEASURE_SUSTAINABILITY] = "财预〔2021〕101号：可持续影响指标反映相关产出带来影响的可持续期限",
    [JX_MEASURE_SATISFACTION] = "财预〔2021〕101号：满意度指标反映服务对象或项目受益人的认可程度",
    [JX_MEASURE_PROCESS] = "财预〔2021〕101号：预算执行率、资金到位率等反映资金管理过程，不作为产出或效益指标",
};

static const char *const names[] = {"unknown", "quantity", "quality", "timeliness", "cost",
                                    "economic", "social", "ecological", "sustainability",
                                    "satisfaction", "process"};
static const char *const labels[] = {"未识别", "数量", "质量", "时效", "成本", "经济效益",
                                     "社会效益", "生态效益", "可持续影响", "满意度", "过程管理"};

enum { ANY1 = 1, END = 2, ANY = 3 };   /* the pass an entry belongs to */

typedef struct lex_entry {
    int pass;
    const char *head;
    size_t len;          /* strlen(head) */
    jx_measure_class cls;
    double confidence;
} lex_entry;
#define LEX(pass, head, cls, conf) {pass, head, sizeof head - 1, cls, conf}

/* The lexicon. Confidence 0.9+: the head defines the class (…合格率 is a
   quality standard by definition); 0.7-0.85: the usual reading; below 0.7: a
   hint kept for the export, never enough for a finding. */
static const lex_entry lexicon[] = {
    /* pass 1: decisive anywhere */
    LEX(ANY1, "预算执行率", JX_MEASURE_PROCESS, 0.95),
    LEX(ANY1, "资金到位", JX_MEASURE_PROCESS, 0.95),
    LEX(ANY1, "资金及时到位", JX_MEASURE_PROCESS, 0.95),
    LEX(ANY1, "资金拨付率", JX_MEASURE_PROCESS, 0.9),
    LEX(ANY1, "资金使用率", JX_MEASURE_PROCESS, 0.9),
    LEX(ANY1, "专款专用", JX_MEASURE_PROCESS, 0.9),
    LEX(ANY1, "资金使用合规", JX_MEASURE_PROCESS, 0.85),
    LEX(ANY1, "资金使用规范", JX_MEASURE_PROCESS, 0.85),
    LEX(ANY1, "财务管理制度", JX_MEASURE_PROCESS, 0.8),
    LEX(ANY1, "财务制度", JX_MEASURE_PROCESS, 0.8),
    LEX(ANY1, "预算编制", JX_MEASURE_PROCESS, 0.8),
    LEX(ANY1, "满意度", JX_MEASURE_SATISFACTION, 0.95),
    LEX(ANY1, "满意率", JX_MEASURE_SATISFACTION, 0.95),
    /* pass 2: suffix of the core name (longest wins) */
    LEX(END, "合格率", JX_MEASURE_QUALITY, 0.9),
    LEX(END, "达标率", JX_MEASURE_QUALITY, 0.9),
    LEX(END, "准确率", JX_MEASURE_QUALITY, 0.9),
    LEX(END, "正确率", JX_MEASURE_QUALITY, 0.9),
    LEX(END, "通过率", JX_MEASURE_QUALITY, 0.9),
    LEX(END, "优良率", JX_MEASURE_QUALITY, 0.9),
    LEX(END, "差错率", JX_MEASURE_QUALITY, 0.9),
    LEX(END, "错误率", JX_MEASURE_QUALITY, 0.9),
    LEX(END, "故障率", JX_MEASURE_QUALITY, 0.9),
    LEX(END, "事故率", JX_MEASURE_QUALITY, 0.9),
    LEX(END, "投诉率", JX_MEASURE_QUALITY, 0.85),
    LEX(END, "成功率", JX_MEASURE_QUALITY, 0.85),
    LEX(END, "结业率", JX_MEASURE_QUALITY, 0.85),
    LEX(END, "规范率", JX_MEASURE_QUALITY, 0.85),
    LEX(END, "准确性", JX_MEASURE_QUALITY, 0.85),
    LEX(END, "准确度", JX_MEASURE_QUALITY, 0.85),
    LEX(END, "达标性", JX_MEASURE_QUALITY, 0.85),
    LEX(END, "合格", JX_MEASURE_QUALITY, 0.8),
    LEX(END, "完整性", JX_MEASURE_QUALITY, 0.7),
    LEX(END, "稳定性", JX_MEASURE_QUALITY, 0.7),
    LEX(END, "安全性", JX_MEASURE_QUALITY, 0.7),
    LEX(END, "规范性", JX_MEASURE_QUALITY, 0.6),
    LEX(END, "出勤率", JX_MEASURE_QUALITY, 0.6),
    LEX(END, "出席率", JX_MEASURE_QUALITY, 0.6),
    LEX(END, "参与率", JX_MEASURE_QUALITY, 0.6),
    LEX(END, "及时率", JX_MEASURE_TIMELINESS, 0.95),
    LEX(END, "及时性", JX_MEASURE_TIMELINESS, 0.95),
    LEX(END, "及时度", JX_MEASURE_TIMELINESS, 0.95),
    LEX(END, "准时率", JX_MEASURE_TIMELINESS, 0.95),
    LEX(END, "按时完成率", JX_MEASURE_TIMELINESS, 0.95),
    LEX(END, "时效性", JX_MEASURE_TIMELINESS, 0.95),
    LEX(END, "按期结案率", JX_MEASURE_TIMELINESS, 0.85),
    LEX(END, "周期", JX_MEASURE_TIMELINESS, 0.85),
    LEX(END, "时限", JX_MEASURE_TIMELINESS, 0.85),
    LEX(END, "完成时间", JX_MEASURE_TIMELINESS, 0.85),
    LEX(END, "办结时间", JX_MEASURE_TIMELINESS, 0.85),
    LEX(END, "响应时间", JX_MEASURE_TIMELINESS, 0.85),
    LEX(END, "处理时间", JX_MEASURE_TIMELINESS, 0.85),
    LEX(END, "成本", JX_MEASURE_COST, 0.9),
    LEX(END, "单价", JX_MEASURE_COST, 0.85),
    LEX(END, "费用", JX_MEASURE_COST, 0.8),
    LEX(END, "补贴标准", JX_MEASURE_COST, 0.7),
    LEX(END, "人数", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "人次", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "人次数", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "次数", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "场次", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "场数", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "户数", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "个数", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "件数", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "家数", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "册数", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "台数", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "套数", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "项数", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "篇数", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "期数", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "班次", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "完成数", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "数量", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "受理量", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "学时数", JX_MEASURE_QUANTITY, 0.9),
    LEX(END, "面积", JX_MEASURE_QUANTITY, 0.85),
    LEX(END, "数", JX_MEASURE_QUANTITY, 0.8),
    LEX(END, "指数", JX_MEASURE_QUALITY, 0.5),   /* an index (美化指数) is a level, not a count */
    LEX(END, "规模", JX_MEASURE_QUANTITY, 0.7),
    LEX(END, "完成率", JX_MEASURE_QUANTITY, 0.5),
    LEX(END, "人次达标率", JX_MEASURE_QUANTITY, 0.6),   /* a count measured against its plan */
    LEX(END, "人数达标率", JX_MEASURE_QUANTITY, 0.6),
    LEX(END, "及时情况", JX_MEASURE_TIMELINESS, 0.9),
    LEX(END, "知晓率", JX_MEASURE_SOCIAL, 0.75),
    LEX(END, "知晓度", JX_MEASURE_SOCIAL, 0.75),
    /* pass 3: words anywhere */
    LEX(ANY, "及时", JX_MEASURE_TIMELINESS, 0.85),
    LEX(ANY, "成本控制", JX_MEASURE_COST, 0.85),
    LEX(ANY, "长效", JX_MEASURE_SUSTAINABILITY, 0.75),
    LEX(ANY, "可持续", JX_MEASURE_SUSTAINABILITY, 0.75),
    LEX(ANY, "节能", JX_MEASURE_ECOLOGICAL, 0.75),
    LEX(ANY, "减排", JX_MEASURE_ECOLOGICAL, 0.75),
    LEX(ANY, "绿化", JX_MEASURE_ECOLOGICAL, 0.7),
    LEX(ANY, "生态", JX_MEASURE_ECOLOGICAL, 0.7),
    LEX(ANY, "增收", JX_MEASURE_ECONOMIC, 0.7),
    LEX(ANY, "产值", JX_MEASURE_ECONOMIC, 0.7),
    LEX(ANY, "税收", JX_MEASURE_ECONOMIC, 0.7),
};

/* Qualitative targets that want a count lower (降低, 减少): like a cap, a standard. */
static const char *const falling[] = {"降低", "减少", "下降", "压降", NULL};

/* Words that make a count a count of defects: a quality standard. */
static const char *const defect_words[] = {"事故", "差错", "错误", "投诉", "故障", "泄密",
                                           "丢失", "失误", "违规", "撤销", "退回", NULL};

const char *jx_measure_name(jx_measure_class c) { return names[c]; }
const char *jx_measure_label(jx_measure_class c) { return labels[c]; }

/* Units that time a deadline. */
static int unit_is_time(const char *u)
{
    static const char *const t[] = {"天", "日", "工作日", "个工作日", "小时", "分钟", "月", "个月",
                                    "周", "秒", NULL};
    for (size_t i = 0; t[i]; i++)
        if (!strcmp(u, t[i])) return 1;
    return 0;
}

/* 1 when a part of the name before a separator (、；;，) already ends like a
   measure (…率, …性, …度, …数): the name lists several measures. */
static int lists_measures(const char *core)
{
    static const char *const seps[] = {"、", "；", ";", "，", NULL};
    static const char *const ends[] = {"率", "性", "度", "数", NULL};
    for (size_t i = 0; seps[i]; i++)
        for (const char *p = strstr(core, seps[i]); p; p = strstr(p + 1, seps[i])) {
            char part[1024];
            size_t n = (size_t)(p - core) < sizeof part - 1 ? (size_t)(p - core) : sizeof part - 1;
            memcpy(part, core, n);
            part[n] = '\0';
            if (jx_rule_ends_any(part, ends)) return 1;
        }
    return 0;
}

static void set(jx_measure *m, jx_measure_class c, double conf, const char *head)
{
    m->cls = c;
    m->confidence = conf;
    m->head = head;
    m->gloss = gloss[c];
}

/*
** The classifications of the batch being checked (jx_measure_memo_begin/_end
** around jx_review_pass_check): three rules classify every indicator, and the
** class depends on the indicator alone, so each is computed once. Keyed by
** the indicator's address, valid while the batch's forms live (a rule never
** frees one); per thread (the server reviews on several). Open addressing,
** at most half full; when full, classifications are computed uncached.
*/
typedef struct memo_slot {
    const jx_indicator *ind;   /* NULL: empty */
    jx_measure m;
} memo_slot;
static _Thread_local memo_slot *memo;
static _Thread_local size_t memo_cap, memo_used;

void jx_measure_memo_begin(size_t indicators)
{
    free(memo);
    memo_cap = 64;
    while (memo_cap < 2 * indicators) memo_cap *= 2;
    memo = jx_xcalloc(memo_cap, sizeof *memo);
    memo_used = 0;
}

void jx_measure_memo_end(void)
{
    free(memo);
    memo = NULL;
    memo_cap = memo_used = 0;
}

/* The memo's slot for ind: its entry, or the empty slot it goes in. */
static memo_slot *memo_slot_of(const jx_indicator *ind)
{
    size_t h = (size_t)(((uintptr_t)ind >> 3) * 0x9E3779B97F4A7C15ull) & (memo_cap - 1);
    while (memo[h].ind && memo[h].ind != ind) h = (h + 1) & (memo_cap - 1);
    return &memo[h];
}

static void classify(const jx_indicator *ind, jx_measure *m);

void jx_measure_classify(const jx_indicator *ind, jx_measure *m)
{
    if (!memo) {
        classify(ind, m);
        return;
    }
    memo_slot *slot = memo_slot_of(ind);
    if (slot->ind) {
        *m = slot->m;
        return;
    }
    classify(ind, m);
    if (2 * (memo_used + 1) <= memo_cap) {
        slot->ind = ind;
        slot->m = *m;
        memo_used++;
    }
}

/*
** What the name alone decides, the costly part of a classification (a
** lexicon walk with strstr): the entry its core name matches, and two facts
** of the core the class then rests on.
*/
typedef struct name_facts {
    int hit;                  /* index in lexicon[], -1 for none */
    unsigned char lists;      /* lists_measures(core) */
    unsigned char defect;     /* jx_rule_has_any(core, defect_words) */
} name_facts;

/* The facts of a non-empty name, computed. */
static void name_facts_compute(const char *name, name_facts *nf)
{
    char core[1024];
    jx_rule_core_name(name, core, sizeof core);
    const size_t n = sizeof lexicon / sizeof *lexicon, clen = strlen(core);
    const lex_entry *hit = NULL;
    for (size_t i = 0; i < n && !hit; i++)
        if (lexicon[i].pass == ANY1 && strstr(core, lexicon[i].head)) hit = &lexicon[i];
    /* pass 2: the longest suffix among END entries (the first of that length) */
    size_t best_len = 0;
    for (size_t i = 0; i < n && !(hit && hit->pass == ANY1); i++) {
        if (lexicon[i].pass != END) continue;
        size_t hl = lexicon[i].len;
        if (hl <= clen && hl > best_len && core[clen - 1] == lexicon[i].head[hl - 1] &&
            memcmp(core + clen - hl, lexicon[i].head, hl) == 0) {
            hit = &lexicon[i];
            best_len = hl;
        }
    }
    for (size_t i = 0; i < n && !hit; i++)
        if (lexicon[i].pass == ANY && strstr(core, lexicon[i].head)) hit = &lexicon[i];
    nf->hit = hit ? (int)(hit - lexicon) : -1;
    nf->lists = hit && hit->pass != ANY1 && lists_measures(core);
    nf->defect = hit && jx_rule_has_any(core, defect_words) ? 1 : 0;
}

/*
** The facts of recent names, per thread (no lock: the server classifies on
** several), direct-mapped by the name's hash: indicator names repeat from
** form to form (the same template, the same vocabulary), so a form's API
** answer or a check walks the lexicon for few of them. An entry is the
** whole name (compared, never trusted by hash); longer names go uncached.
** Static thread storage, nothing allocated: the lexicon is constant, so an
** entry never goes stale.
*/
#define NAME_CACHE 1024            /* slots, a power of 2 */
#define NAME_CACHE_KEY 96          /* bytes of a cached name with its NUL */
typedef struct name_slot {
    char name[NAME_CACHE_KEY];     /* "" when empty (an empty name is never looked up) */
    name_facts facts;
} name_slot;
static _Thread_local name_slot name_cache[NAME_CACHE];

/* The facts of a non-empty name, from the cache when it holds them. */
static void name_facts_of(const char *name, name_facts *nf)
{
    size_t n = strlen(name);
    if (n >= NAME_CACHE_KEY) {
        name_facts_compute(name, nf);
        return;
    }
    name_slot *slot = &name_cache[jx_text_hash(name) & (NAME_CACHE - 1)];
    if (memcmp(slot->name, name, n + 1) == 0) {
        *nf = slot->facts;
        return;
    }
    name_facts_compute(name, nf);
    memcpy(slot->name, name, n + 1);
    slot->facts = *nf;
}

/* What ind measures (jx_measure_classify without the memo). */
static void classify(const jx_indicator *ind, jx_measure *m)
{
    memset(m, 0, sizeof *m);
    if (!ind->name || !*ind->name) return;
    name_facts nf;
    name_facts_of(ind->name, &nf);
    const lex_entry *hit = nf.hit >= 0 ? &lexicon[nf.hit] : NULL;
    const jx_value *v = &ind->value;
    if (hit) {
        set(m, hit->cls, hit->confidence, hit->head);
        /* A name that lists several measures (…开展率、及时率) is not one class. */
        if (m->confidence > 0.8 && nf.lists) m->confidence = 0.8;
        if (hit->cls == JX_MEASURE_QUANTITY) {
            /* A count of defects, or a count capped from above, measures a standard. */
            if (nf.defect) set(m, JX_MEASURE_QUALITY, 0.8, hit->head);
            else if (v->kind == JX_KIND_QUANTITATIVE &&
                     (v->op == JX_OP_LE || v->op == JX_OP_LT ||
                      (v->op == JX_OP_EQ && v->value == 0)))
                set(m, JX_MEASURE_QUALITY, 0.6, hit->head);
            else if (v->kind != JX_KIND_QUANTITATIVE && jx_rule_has_any(jx_rule_target_text(ind), falling))
                set(m, JX_MEASURE_QUALITY, 0.6, hit->head);   /* 新增违建发生数 → 降低: as capped */
            else if (jx_rule_unit_is_percent(v->unit))
                m->confidence = 0.5;     /* a count written as a share: unclear */
        }
        return;
    }
    /* No head: the unit and the operator. */
    if (v->kind != JX_KIND_QUANTITATIVE || !v->unit[0]) return;
    if (jx_rule_unit_is_count(v->unit) &&
        (v->op == JX_OP_GE || v->op == JX_OP_EQ || v->op == JX_OP_GT || v->op == JX_OP_APPROX) &&
        v->value > 0)
        set(m, JX_MEASURE_QUANTITY, 0.7, NULL);
    else if (unit_is_time(v->unit) && (v->op == JX_OP_LE || v->op == JX_OP_LT))
        set(m, JX_MEASURE_TIMELINESS, 0.7, NULL);
    else if (!strcmp(v->unit, "元") || !strcmp(v->unit, "万元"))
        set(m, JX_MEASURE_COST, 0.6, NULL);
}
