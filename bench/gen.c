/*
** gen.c - jixiao-bench-gen: a synthetic corpus of performance-target forms.
**
**   jixiao-bench-gen [--seed S] [--per-file K] [--problems PCT] N OUTDIR
**
** Writes N forms into OUTDIR/fNNNNN.md (markdown table) and OUTDIR/fNNNNN.txt
** (tab-separated; every other .txt file GB18030), K forms per file, and the
** generator's own record of what it wrote:
**   expected.json   the JSON export contract (version 1) without ids;
**   forms.csv, indicators.csv   the same rows for the sqlite3 .import floor;
**   counts          "forms N", "indicators M", "files F", "bytes B".
** The one-cell-per-line layout of lib/read/rows.c reads department disclosures,
** not target forms, so no form is written in it.
**
** The corpus has the variety of real forms: both frameworks (shanghai-2019,
** national-2021), 5-40 indicators, merged level cells left empty, page-break
** splits (a blank line then a row led by the stray label "绩效 指标"), every
** target-value form of lib/text/value.c, and a share of deliberate problems for
** the review rules (rate with a count unit, satisfaction 100%, >=0, copied
** indicator blocks, components not adding up). Deterministic for a seed.
*/
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_IND 40
#define MAX_COMP 4

/* splitmix64: small, fast and identical on every platform. */
static uint64_t rng_state;

/* Next pseudo-random 64-bit number of the seeded sequence. */
static uint64_t rnd(void) {
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* A number in [lo, hi]. */
static int rint_in(int lo, int hi) { return lo + (int)(rnd() % (uint64_t)(hi - lo + 1)); }

/* 1 with probability pct percent. */
static int chance(int pct) { return (int)(rnd() % 100) < pct; }

#define PICK(arr) (arr[rnd() % (sizeof arr / sizeof arr[0])])

/* A growable byte buffer: a file is built in memory, then converted and written. */
typedef struct buf { char *p; size_t len, cap; } buf;

/* Append formatted text to b; exits on allocation failure (a benchmark tool). */
static void bprintf(buf *b, const char *fmt, ...) {
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (n < 0) { perror("vsnprintf"); exit(1); }
        if (b->p && b->len + (size_t)n < b->cap) { b->len += (size_t)n; return; }
        size_t cap = b->cap ? b->cap * 2 : 1 << 16;
        while (cap <= b->len + (size_t)n) cap *= 2;
        char *q = realloc(b->p, cap);
        if (!q) { perror("realloc"); exit(1); }
        b->p = q;
        b->cap = cap;
    }
}

/* One parsed target as the importer must report it. */
typedef struct target {
    char text[96];       /* as exported */
    char raw[96];        /* as written, when the text layer rewrites it ("" = text) */
    const char *op;      /* NULL: qualitative */
    double value;
    char unit[24];       /* "" exports as null */
} target;

typedef struct indicator {
    const char *l1, *l2;     /* as written in the form */
    const char *category;    /* national category or NULL */
    char name[96];
    target t;
    int line;
} indicator;

typedef struct form {
    int national;            /* framework: 1 national-2021, 0 shanghai-2019 */
    int year;
    char name[128], unit[96], department[96];
    const char *nature, *category;
    long long total, yr, carry, other, prev_budget, prev_exec;   /* yuan */
    int ncomp;
    char comp_name[MAX_COMP][64];
    long long comp_amount[MAX_COMP];
    char goal[256];
    int nind;
    indicator ind[MAX_IND];
    char file[32];
    int line;
} form;

/* Framework level 1 with its level 2 terms and national categories. */
typedef struct level1 {
    const char *l1, *category;
    const char *l2[6];
    const char *l2cat[6];    /* category override per level 2, NULL: the level 1's */
} level1;

static const level1 national[] = {
    {"产出指标", "产出", {"数量指标", "质量指标", "时效指标", "成本指标"}, {NULL, NULL, NULL, "成本"}},
    {"成本指标", "成本", {"经济成本指标", "社会成本指标"}, {NULL}},
    {"效益指标", "效益", {"社会效益指标", "经济效益指标", "生态效益指标", "可持续影响指标"}, {NULL}},
    {"满意度指标", "满意度", {"服务对象满意度指标"}, {NULL}},
};
static const level1 shanghai[] = {
    {"投入和管理目标", NULL, {"资金投入管理", "财务管理", "项目管理", "资产管理"}, {NULL}},
    {"产出目标", "产出", {"数量目标", "质量目标", "时效目标", "成本目标"}, {NULL, NULL, NULL, "成本"}},
    {"效果目标", "效益", {"社会效益目标", "经济效益目标", "可持续影响目标", "满意度目标"},
     {NULL, NULL, NULL, "满意度"}},
    {"影响力目标", "效益", {"长效管理", "能力建设", "信息共享", "档案管理"}, {NULL}},
};

static const char *const subjects[] = {
    "社区居民", "老年人", "残疾人", "中小学生", "小微企业", "村居", "图书馆读者", "慢病患者",
    "农户", "志愿者", "退役军人", "新就业青年", "外来务工人员", "文化场馆", "养老机构",
    "河道", "公共绿地", "档案", "信息系统", "培训学员"};
static const char *const units[] = {
    "社区卫生服务中心", "公共图书馆", "就业促进中心", "文化馆", "城市管理事务中心", "水务所",
    "绿化市容所", "养老服务中心", "教育局", "档案馆", "残疾人联合会", "农业农村委"};
static const char *const districts[] = {
    "示例区", "东城区", "西湖区", "南山区", "北辰区", "青浦区", "金山区", "松江区"};
static const char *const count_units[] = {"人次", "人", "户", "场", "个", "次", "家", "册", "件", "期"};
static const char *const qual_texts[] = {
    "健全", "及时", "合规", "有效", "提升", "较去年减少", "按年度计划", "较上届扩大", "良好",
    "有效控制", "年底前"};
static const char *const natures[] = {"经常性专项业务费", "一次性项目", "其他经常性项目"};

/* A quantitative target of one of the forms lib/text/value.c knows, for a count measure. */
static void count_target(target *t, const char *unit) {
    int v = rint_in(2, 900);
    t->op = "=";
    snprintf(t->unit, sizeof t->unit, "%s", unit);
    t->value = v;
    switch (rint_in(0, 10)) {
    case 0: snprintf(t->text, sizeof t->text, "=%d.00(%s)", v, unit); break;
    case 1: snprintf(t->text, sizeof t->text, "≥%d%s", v, unit); t->op = ">="; break;
    case 2: {
        int a = rint_in(1, 9), d = rint_in(1, 9);
        snprintf(t->text, sizeof t->text, "约%d.%d万%s", a, d, unit);
        t->op = "~";
        t->value = (a * 10 + d) * 1000.0;
        break;
    }
    case 3: snprintf(t->text, sizeof t->text, "每月%d人次", v); snprintf(t->unit, sizeof t->unit, "人次/月"); break;
    case 4: snprintf(t->text, sizeof t->text, "人均%d次以上", v % 9 + 1); t->op = ">=";
            t->value = v % 9 + 1; snprintf(t->unit, sizeof t->unit, "次"); break;
    case 5: snprintf(t->text, sizeof t->text, "不少于%d%s", v, unit); t->op = ">="; break;
    case 6: snprintf(t->text, sizeof t->text, ">%d.00(%s)", v, unit); t->op = ">"; break;
    case 7: snprintf(t->text, sizeof t->text, "%d%s左右", v, unit); t->op = "~"; break;
    case 8: snprintf(t->text, sizeof t->text, "%d%s", v, unit); break;
    case 9: snprintf(t->text, sizeof t->text, "约%d%s", v, unit); t->op = "~"; break;
    default: snprintf(t->text, sizeof t->text, "≥ %d %s", v, unit); t->op = ">="; break;
    }
}

/* A quantitative rate target (percent) in one of its written forms. */
static void rate_target(target *t) {
    int v = rint_in(60, 99);
    t->op = ">=";
    t->value = v;
    snprintf(t->unit, sizeof t->unit, "%%");
    switch (rint_in(0, 8)) {
    case 0: snprintf(t->text, sizeof t->text, "≥%d%%", v); break;
    case 1: snprintf(t->text, sizeof t->text, "≥%d.00%%", v); break;
    case 2: snprintf(t->raw, sizeof t->raw, "$\\geq %d.00\\%%$", v);
            snprintf(t->text, sizeof t->text, "≥%d.00%%", v); break;
    case 3: snprintf(t->text, sizeof t->text, "=%d.00(%%)", v); t->op = "="; break;
    case 4: snprintf(t->text, sizeof t->text, "%d%%以上", v); break;
    case 5: snprintf(t->text, sizeof t->text, ">%d(%%)", v); t->op = ">"; break;
    case 6: snprintf(t->text, sizeof t->text, "=100%%"); t->op = "="; t->value = 100; break;
    case 7: snprintf(t->text, sizeof t->text, "＞%d％", v); t->op = ">"; break;
    default: snprintf(t->text, sizeof t->text, "≥ %d%%", v); break;
    }
}

/* A lower-is-better target: time limits, per-unit costs, complaint rates. */
static void limit_target(target *t, int cost) {
    int v = rint_in(2, 500);
    t->op = "<=";
    t->value = v;
    if (cost) {
        snprintf(t->text, sizeof t->text, "≤%d元/人次", v);
        snprintf(t->unit, sizeof t->unit, "元/人次");
        return;
    }
    switch (rint_in(0, 3)) {
    case 0: snprintf(t->text, sizeof t->text, "千分之一以下"); t->value = 0.1;
            snprintf(t->unit, sizeof t->unit, "%%"); break;
    case 1: snprintf(t->text, sizeof t->text, "不多于%d个", v % 9 + 1); t->value = v % 9 + 1;
            snprintf(t->unit, sizeof t->unit, "个"); break;
    case 2: snprintf(t->text, sizeof t->text, "延期不超过%d个月", v % 5 + 1); t->value = v % 5 + 1;
            snprintf(t->unit, sizeof t->unit, "个月"); break;
    default: snprintf(t->text, sizeof t->text, "≤%d分钟", v); snprintf(t->unit, sizeof t->unit, "分钟"); break;
    }
}

/* A qualitative target: no number, never an error. */
static void qual_target(target *t) {
    snprintf(t->text, sizeof t->text, "%s", PICK(qual_texts));
    t->op = NULL;
    t->value = 0;
    t->unit[0] = 0;
}

/*
** One indicator under level 1 index i1 of the framework: a name fitting its
** level 2 and a target of a fitting kind.
*/
static void make_indicator(indicator *ind, const level1 *fw, int i1) {
    const level1 *l = &fw[i1];
    int n2 = 0;
    while (n2 < 6 && l->l2[n2]) n2++;
    int i2 = rint_in(0, n2 - 1);
    ind->l1 = l->l1;
    ind->l2 = l->l2[i2];
    ind->category = l->l2cat[i2] ? l->l2cat[i2] : l->category;
    const char *subj = PICK(subjects);
    const char *l2 = ind->l2;
    if (strstr(l2, "满意度")) {
        snprintf(ind->name, sizeof ind->name, "%s满意度", subj);
        rate_target(&ind->t);
        if (!strcmp(ind->t.text, "=100%")) snprintf(ind->t.text, sizeof ind->t.text, "≥90%%"), ind->t.op = ">=", ind->t.value = 90;
    } else if (strstr(l2, "成本")) {
        snprintf(ind->name, sizeof ind->name, "%s人均服务成本", subj);
        limit_target(&ind->t, 1);
    } else if (strstr(l2, "数量")) {
        const char *u = PICK(count_units);
        snprintf(ind->name, sizeof ind->name, "%s服务%s数", subj, u);
        count_target(&ind->t, u);
    } else if (strstr(l2, "质量") || strstr(l2, "资金投入")) {
        snprintf(ind->name, sizeof ind->name, "%s服务达标率", subj);
        rate_target(&ind->t);
    } else if (strstr(l2, "时效")) {
        if (chance(50)) {
            snprintf(ind->name, sizeof ind->name, "%s事项办结时限", subj);
            limit_target(&ind->t, 0);
        } else {
            snprintf(ind->name, sizeof ind->name, "%s服务完成及时性", subj);
            qual_target(&ind->t);
        }
    } else if (chance(40)) {
        snprintf(ind->name, sizeof ind->name, "%s工作机制", subj);
        qual_target(&ind->t);
    } else {
        snprintf(ind->name, sizeof ind->name, "%s受益覆盖率", subj);
        rate_target(&ind->t);
    }
}

/* Format yuan as the forms do: "2,450,000" or "860,000.00". */
static const char *money(long long v, int decimals, char *out, size_t n) {
    char digits[32], *o = out;
    int len = snprintf(digits, sizeof digits, "%lld", v);
    for (int i = 0; i < len && (size_t)(o - out) < n - 8; i++) {
        if (i && (len - i) % 3 == 0) *o++ = ',';
        *o++ = digits[i];
    }
    *o = 0;
    if (decimals) strcat(out, ".00");
    return out;
}

/* Builds a random form; prev (or NULL) is the form a copied block comes from. */
static void make_form(form *f, long seq, int problems_pct, const form *prev) {
    memset(f, 0, sizeof *f);
    f->national = chance(55);
    f->year = f->national ? rint_in(2021, 2024) : rint_in(2019, 2020);
    const char *district = PICK(districts);
    const char *unit = PICK(units);
    snprintf(f->unit, sizeof f->unit, "%s%s", district, unit);
    snprintf(f->name, sizeof f->name, "%s%s能力提升项目%ld", district, PICK(subjects), seq);
    f->nature = PICK(natures);
    if (f->national) {
        snprintf(f->department, sizeof f->department, "%s%s", district, "财政局");
        f->category = "特定目标类";
    }
    f->yr = (long long)rint_in(10, 5000) * 1000;
    if (f->national) {
        f->carry = chance(30) ? (long long)rint_in(1, 300) * 1000 : 0;
        f->other = chance(20) ? (long long)rint_in(1, 100) * 1000 : 0;
    }
    f->total = f->yr + f->carry + f->other;
    if (!f->national) {
        f->prev_budget = (long long)rint_in(10, 5000) * 1000;
        f->prev_exec = f->prev_budget / 100 * rint_in(60, 100);
        f->ncomp = rint_in(1, MAX_COMP);
        long long left = f->total;
        for (int i = 0; i < f->ncomp; i++) {
            snprintf(f->comp_name[i], sizeof f->comp_name[i], "%s子项目%d", PICK(subjects), i + 1);
            f->comp_amount[i] = i == f->ncomp - 1 ? left : left / 1000 * rint_in(1, 60) / 100 * 1000;
            left -= f->comp_amount[i];
        }
    }
    int n = rint_in(1, 9) * 100;
    snprintf(f->goal, sizeof f->goal, "为%s提供服务不少于%d人次，服务达标率达到90%%以上。",
             PICK(subjects), n);

    const level1 *fw = f->national ? national : shanghai;
    int nind = rint_in(5, MAX_IND);
    int problem = chance(problems_pct) ? rint_in(1, 5) : 0;
    if (problem == 4 && prev && prev->national == f->national) {
        /* A copied indicator block: the previous project's rows, word for word. */
        f->nind = prev->nind;
        memcpy(f->ind, prev->ind, sizeof f->ind);
        return;
    }
    /* Level 1 in framework order, each with at least one row (every framework's four). */
    int per[4] = {1, 1, 1, 1};
    for (int i = 4; i < nind; i++) per[rint_in(0, 3)]++;
    int k = 0;
    for (int i1 = 0; i1 < 4; i1++) {
        int start = k;
        for (int j = 0; j < per[i1]; j++) make_indicator(&f->ind[k], fw, i1), k++;
        /* Rows of one level 2 together, as the merged cells of the form require. */
        for (int a = start + 1; a < k; a++)
            for (int b = a; b > start && strcmp(f->ind[b - 1].l2, f->ind[b].l2) > 0; b--) {
                indicator t = f->ind[b];
                f->ind[b] = f->ind[b - 1];
                f->ind[b - 1] = t;
            }
    }
    f->nind = k;
    indicator *pick = &f->ind[rint_in(0, f->nind - 1)];
    switch (problem) {
    case 1:   /* a rate with a count unit */
        snprintf(pick->name, sizeof pick->name, "培训考核合格率");
        snprintf(pick->t.text, sizeof pick->t.text, "≥95人");
        pick->t.raw[0] = 0;
        pick->t.op = ">=", pick->t.value = 95, snprintf(pick->t.unit, sizeof pick->t.unit, "人");
        break;
    case 2:   /* satisfaction 100% */
        for (int i = 0; i < f->nind; i++)
            if (f->ind[i].category && !strcmp(f->ind[i].category, "满意度")) {
                snprintf(f->ind[i].t.text, sizeof f->ind[i].t.text, "=100%%");
                f->ind[i].t.raw[0] = 0;
                f->ind[i].t.op = "=", f->ind[i].t.value = 100;
                snprintf(f->ind[i].t.unit, sizeof f->ind[i].t.unit, "%%");
                break;
            }
        break;
    case 3:   /* a weak target: ≥0 */
        snprintf(pick->t.text, sizeof pick->t.text, "≧0");
        pick->t.raw[0] = 0;
        pick->t.op = ">=", pick->t.value = 0, pick->t.unit[0] = 0;
        break;
    case 5:   /* components not adding up (shanghai forms have components) */
        if (f->ncomp) f->comp_amount[0] += 10000;
        break;
    default: break;
    }
}

/* The output: cells of one row joined as the layout writes them. */
typedef struct out {
    buf b;
    int md;          /* markdown pipes, else tabs */
    int line;        /* lines written so far */
} out;

/* Write one row of cells (NULL-terminated) in the file's layout. */
static void row(out *o, const char *const *cells) {
    if (o->md) bprintf(&o->b, "|");
    for (int i = 0; cells[i]; i++) {
        if (o->md) bprintf(&o->b, " %s |", cells[i]);
        else bprintf(&o->b, "%s%s", i ? "\t" : "", cells[i]);
    }
    bprintf(&o->b, "\n");
    o->line++;
}

#define ROW(o, ...) row(o, (const char *const[]){__VA_ARGS__, NULL})

/* A line of plain text (title, year, blank line). */
static void text_line(out *o, const char *s) {
    bprintf(&o->b, "%s\n", s);
    o->line++;
}

#define TEXT(ind) ((ind)->t.raw[0] ? (ind)->t.raw : (ind)->t.text)

/* Write the indicator rows of f: merged cells empty, sometimes a page break. */
static void write_indicators(out *o, form *f, int lead) {
    int brk = chance(25) ? rint_in(1, f->nind - 1) : -1;
    for (int i = 0; i < f->nind; i++) {
        indicator *ind = &f->ind[i];
        int same1 = i && !strcmp(f->ind[i - 1].l1, ind->l1);
        int same2 = same1 && !strcmp(f->ind[i - 1].l2, ind->l2);
        const char *l1 = same1 && chance(85) ? "" : ind->l1;
        const char *l2 = same2 && !*l1 && chance(80) ? "" : ind->l2;
        if (i == brk) {
            text_line(o, "");
            ind->line = o->line + 1;
            ROW(o, "绩效 指标", l1, l2, ind->name, TEXT(ind));
            continue;
        }
        ind->line = o->line + 1;
        if (lead) ROW(o, "", l1, l2, ind->name, TEXT(ind));
        else ROW(o, l1, l2, ind->name, TEXT(ind));
    }
}

/* Write a shanghai-2019 form as the 2019-2020 Shanghai template lays it out. */
static void write_shanghai(out *o, form *f) {
    char a[48], b[48], s[256];
    f->line = o->line + 1;
    text_line(o, o->md ? "上海市财政支出项目绩效目标申报表" : "上海市财政支出项目绩效目标申报表\t\t\t");
    snprintf(s, sizeof s, "(%d年)", f->year);
    text_line(o, s);
    snprintf(s, sizeof s, "申报单位名称：%s（盖章）", f->unit);
    text_line(o, s);
    if (o->md) { text_line(o, "| | | | |"); text_line(o, "|---|---|---|---|"); }
    ROW(o, "项目名称", f->name, "", "");
    char nat[160];
    snprintf(nat, sizeof nat, "☐ 结转项目 ☑ %s", f->nature);
    ROW(o, "项目类型", nat, "", "");
    char d1[16], d2[16];
    snprintf(d1, sizeof d1, "%d-01-01", f->year);
    snprintf(d2, sizeof d2, "%d-12-31", f->year);
    ROW(o, "开始时间", d1, "结束时间", d2);
    ROW(o, "项目概况", "为辖区居民提供公共服务。", "", "");
    ROW(o, "项目总预算（元）", money(f->total, 0, a, sizeof a), "项目当年预算（元）",
        money(f->yr, 0, b, sizeof b));
    ROW(o, "同名项目上年预算额（元）", money(f->prev_budget, 0, a, sizeof a),
        "同名项目上年预算执行数（元）", money(f->prev_exec, 0, b, sizeof b));
    ROW(o, "", "子项目名称", "预算金额（元）", "");
    for (int i = 0; i < f->ncomp; i++)
        ROW(o, i ? "" : "项目当年投入资金构成", f->comp_name[i], money(f->comp_amount[i], 0, a, sizeof a), "");
    ROW(o, "项目实施计划", "全年分季度实施。", "", "");
    ROW(o, "项目总目标", "提升公共服务的覆盖面和质量。", "", "");
    ROW(o, "年度绩效目标", f->goal, "", "");
    ROW(o, "分解目标", "", "", "");
    ROW(o, "一级指标", "二级指标", "三级指标", "指标目标值");
    write_indicators(o, f, 0);
    ROW(o, "备注", "", "", "");
    text_line(o, "");
}

/* Write a national-2021 form as the 2021+ template (six columns) lays it out. */
static void write_national(out *o, form *f) {
    char a[48], s[256];
    f->line = o->line + 1;
    if (o->md) {
        text_line(o, "财政项目支出绩效目标申报表");
        snprintf(s, sizeof s, "(%d年度)", f->year);
        text_line(o, s);
        text_line(o, "| | | | | | |");
        text_line(o, "|---|---|---|---|---|---|");
    } else {
        ROW(o, "财政项目支出绩效目标申报表", "", "", "", "", "");
        snprintf(s, sizeof s, "(%d年度)", f->year);
        ROW(o, s, "", "", "", "", "");
    }
    ROW(o, "项目名称", f->name, "项目性质", f->nature, "项目类别", f->category);
    ROW(o, "主管部门", f->department, "实施单位", f->unit, "", "");
    char d1[16], d2[16];
    snprintf(d1, sizeof d1, "%d-01-01", f->year);
    snprintf(d2, sizeof d2, "%d-12-31", f->year);
    ROW(o, "计划开始日期", d1, "计划完成日期", d2, "", "");
    ROW(o, "项目资金 (元)", "项目资金总额", "", "年度资金申请总额", money(f->total, 1, a, sizeof a), "");
    ROW(o, "", "其中：财政资金", "", "其中：当年财政拨款", money(f->yr, 1, a, sizeof a), "");
    ROW(o, "", "", "", "上年结转资金", money(f->carry, 1, a, sizeof a), "");
    ROW(o, "", "其他资金", "", "其他资金", money(f->other, 1, a, sizeof a), "");
    ROW(o, "项目 绩效 目标", "项目总目标", "", "年度总体目标", "", "");
    ROW(o, "", "", "", f->goal, "", "");
    ROW(o, "", "一级指标", "二级指标", "三级指标", "年度(/项目)指标值", "");
    write_indicators(o, f, 1);
    text_line(o, "");
}

/* Append s to b as a JSON string (or null for NULL / empty when empty_null). */
static void json_str(buf *b, const char *s, int empty_null) {
    if (!s || (empty_null && !*s)) { bprintf(b, "null"); return; }
    bprintf(b, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') bprintf(b, "\\%c", *s);
        else if ((unsigned char)*s < 0x20) bprintf(b, "\\u%04x", *s);
        else bprintf(b, "%c", *s);
    }
    bprintf(b, "\"");
}

/* Append s as a CSV field (quoted, quotes doubled). */
static void csv_str(buf *b, const char *s) {
    bprintf(b, "\"");
    for (; s && *s; s++) bprintf(b, *s == '"' ? "\"\"" : "%c", *s);
    bprintf(b, "\"");
}

/* Append an amount in yuan, or null when the form does not write the field. */
static void json_amount(buf *b, long long v, int present) {
    if (present) bprintf(b, "%lld.0", v);
    else bprintf(b, "null");
}

/* The generator's record of form f in the JSON export contract (no id). */
static void record_form(buf *j, const form *f, long seq) {
    bprintf(j, "%s{\"source\":{\"file\":", seq ? ",\n" : "");
    json_str(j, f->file, 0);
    bprintf(j, ",\"line\":%d},\"year\":%d,\"name\":", f->line, f->year);
    json_str(j, f->name, 0);
    bprintf(j, ",\"unit\":");
    json_str(j, f->unit, 0);
    bprintf(j, ",\"department\":");
    json_str(j, f->department, 1);
    bprintf(j, ",\"nature\":");
    json_str(j, f->nature, 1);
    bprintf(j, ",\"category\":");
    json_str(j, f->category, 1);
    bprintf(j, ",\"framework\":\"%s\",\"period\":{\"start\":\"%d-01-01\",\"end\":\"%d-12-31\","
            "\"text\":\"%d-01-01 至 %d-12-31\"}",
            f->national ? "national-2021" : "shanghai-2019", f->year, f->year, f->year, f->year);
    bprintf(j, ",\"budget\":{\"total\":");
    json_amount(j, f->total, 1);
    bprintf(j, ",\"year\":");
    json_amount(j, f->yr, 1);
    bprintf(j, ",\"carryover\":");
    json_amount(j, f->carry, f->national);
    bprintf(j, ",\"other\":");
    json_amount(j, f->other, f->national);
    bprintf(j, ",\"project_total\":null,\"prev_budget\":");
    json_amount(j, f->prev_budget, !f->national);
    bprintf(j, ",\"prev_exec\":");
    json_amount(j, f->prev_exec, !f->national);
    bprintf(j, "},\"components\":[");
    for (int i = 0; i < f->ncomp; i++) {
        bprintf(j, "%s{\"name\":", i ? "," : "");
        json_str(j, f->comp_name[i], 0);
        bprintf(j, ",\"amount\":%lld.0}", f->comp_amount[i]);
    }
    bprintf(j, "],\"goal\":");
    json_str(j, f->goal, 0);
    bprintf(j, ",\"indicators\":[");
    for (int i = 0; i < f->nind; i++) {
        const indicator *ind = &f->ind[i];
        bprintf(j, "%s{\"level1\":", i ? "," : "");
        json_str(j, ind->l1, 0);
        bprintf(j, ",\"level2\":");
        json_str(j, ind->l2, 0);
        bprintf(j, ",\"name\":");
        json_str(j, ind->name, 0);
        bprintf(j, ",\"category\":");
        json_str(j, ind->category, 1);
        bprintf(j, ",\"target\":{\"text\":");
        json_str(j, ind->t.text, 0);
        if (ind->t.op) {
            bprintf(j, ",\"op\":\"%s\",\"value\":%.17g,\"unit\":", ind->t.op, ind->t.value);
            json_str(j, ind->t.unit, 1);
            bprintf(j, ",\"kind\":\"quantitative\"}");
        } else {
            bprintf(j, ",\"op\":null,\"value\":null,\"unit\":null,\"kind\":\"qualitative\"}");
        }
        bprintf(j, ",\"line\":%d}", ind->line);
    }
    /* the fields of issue 11 that the templates above write (fields[] is not recorded) */
    if (f->national)
        bprintf(j, "],\"overview\":null,\"basis\":null,\"necessity\":null,\"measures\":null,"
                   "\"plan\":null,\"long_goal\":null,");
    else
        bprintf(j, "],\"overview\":\"为辖区居民提供公共服务。\",\"basis\":null,\"necessity\":null,"
                   "\"measures\":null,\"plan\":\"全年分季度实施。\",\"long_goal\":\"提升公共服务的覆盖面和质量。\",");
    /* a form as imported is a draft of the workflow (issue 15) */
    bprintf(j, "\"long_goal_years\":null,\"fund_use\":null,\"perf_type\":null,\"gov_purchase\":null,"
               "\"remark\":null,\"status\":\"draft\"}");
}

/* The same form as CSV rows for the sqlite3 .import floor. */
static void record_csv(buf *fc, buf *ic, const form *f, long seq) {
    bprintf(fc, "%ld,", seq + 1);
    csv_str(fc, f->file);
    bprintf(fc, ",%d,%d,", f->line, f->year);
    csv_str(fc, f->name); bprintf(fc, ",");
    csv_str(fc, f->unit); bprintf(fc, ",");
    csv_str(fc, f->department); bprintf(fc, ",");
    csv_str(fc, f->nature); bprintf(fc, ",");
    csv_str(fc, f->category); bprintf(fc, ",");
    bprintf(fc, "%s,%lld,%lld,%lld,%lld,", f->national ? "national-2021" : "shanghai-2019",
            f->total, f->yr, f->carry, f->other);
    csv_str(fc, f->goal);
    bprintf(fc, "\n");
    for (int i = 0; i < f->nind; i++) {
        const indicator *ind = &f->ind[i];
        bprintf(ic, "%ld,", seq + 1);
        csv_str(ic, ind->l1); bprintf(ic, ",");
        csv_str(ic, ind->l2); bprintf(ic, ",");
        csv_str(ic, ind->name); bprintf(ic, ",");
        csv_str(ic, ind->category); bprintf(ic, ",");
        csv_str(ic, ind->t.text);
        bprintf(ic, ",%s,%.17g,", ind->t.op ? ind->t.op : "", ind->t.value);
        csv_str(ic, ind->t.unit);
        bprintf(ic, ",%s,%d\n", ind->t.op ? "quantitative" : "qualitative", ind->line);
    }
}

/* Open path for writing, or exit with a message. */
static FILE *open_out(const char *dir, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    if (!fp) {
        fprintf(stderr, "jixiao-bench-gen: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    return fp;
}

/* Move what b holds to fp (the records stream: memory stays bounded by one file). */
static void flush_to(buf *b, FILE *fp) {
    if (b->len && fwrite(b->p, 1, b->len, fp) != b->len) { perror("fwrite"); exit(1); }
    b->len = 0;
}

/* Write len bytes to path, or exit with a message. */
static void write_file(const char *path, const char *p, size_t len) {
    FILE *fp = fopen(path, "wb");
    if (!fp || (len && fwrite(p, 1, len, fp) != len) || fclose(fp)) {
        fprintf(stderr, "jixiao-bench-gen: %s: %s\n", path, strerror(errno));
        exit(1);
    }
}

/* Convert a UTF-8 buffer to GB18030 in place (glibc iconv). */
static void to_gb18030(buf *b) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    if (cd == (iconv_t)-1) { perror("iconv_open GB18030"); exit(1); }
    size_t cap = b->len * 2 + 16, inleft = b->len, outleft = cap;
    char *outp = malloc(cap), *in = b->p, *o = outp;
    if (!outp) { perror("malloc"); exit(1); }
    if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) { perror("iconv"); exit(1); }
    iconv_close(cd);
    free(b->p);
    b->p = outp;
    b->cap = cap;
    b->len = cap - outleft;
}

/*
** A self-evaluation (项目支出绩效自评表, the 9-column layout of
** tests/fixtures/evaluate/nmg_2023_self.md) of form f: its name, department,
** unit and year, so that it links to f by name key, year and unit; its funds
** the form's, spent in full; three of its indicators, each met as declared.
*/
static void write_evaluation(buf *b, const form *f) {
    double wan = (double)f->total / 10000.0;
    bprintf(b, "# 项目支出绩效自评表\n\n（%d年度）\n\n", f->year);
    bprintf(b, "| 项目名称 | %s | | | | | | | |\n|---|---|---|---|---|---|---|---|---|\n", f->name);
    bprintf(b, "| 主管部门 | %s | | | 实施单位 | %s | | | |\n", f->department, f->unit);
    bprintf(b, "| 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | |\n");
    bprintf(b, "| | 年度资金总额 | %.2f | %.2f | %.2f | 10 | 100.00%% | 10 | |\n", wan, wan, wan);
    bprintf(b, "| | 其中：当年财政拨款 | %.2f | %.2f | %.2f | — | 100.00%% | — | |\n", wan, wan, wan);
    bprintf(b, "| | 上年结转资金 | 0 | 0 | 0 | — | — | — | |\n| | 其他资金 | 0 | 0 | 0 | — | — | — | |\n");
    bprintf(b, "| 年度总体目标 | 预期目标 | | | 实际完成情况 | | | | |\n| | %s | | | 已完成。 | | | | |\n", f->goal);
    bprintf(b, "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n");
    int n = f->nind < 3 ? f->nind : 3;
    for (int i = 0; i < n; i++) {
        const indicator *x = &f->ind[i];
        bprintf(b, "| | %s | %s | %s | %s | %s | 30 | 30 | |\n", x->l1, x->l2, x->name, x->t.text, x->t.text);
    }
    bprintf(b, "| 总分 | | | | | | %d | %d | |\n\n", 10 + 30 * n, 10 + 30 * n);
}

/* Print usage and exit 2. */
static void usage(void) {
    fprintf(stderr, "usage: jixiao-bench-gen [--seed S] [--per-file K] [--problems PCT] [--evaluations K] N OUTDIR\n"
                    "  --evaluations K: also evaluations.md, a self-evaluation of every K-th form\n");
    exit(2);
}

int main(int argc, char **argv) {
    uint64_t seed = 1;
    long per_file = 500, n = -1;
    int problems = 10;
    long eval_every = 0;
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seed") && i + 1 < argc) seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--per-file") && i + 1 < argc) per_file = atol(argv[++i]);
        else if (!strcmp(argv[i], "--problems") && i + 1 < argc) problems = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--evaluations") && i + 1 < argc) eval_every = atol(argv[++i]);
        else if (argv[i][0] == '-') usage();
        else if (n < 0) n = atol(argv[i]);
        else if (!dir) dir = argv[i];
        else usage();
    }
    if (n < 0 || !dir || per_file < 1 || eval_every < 0) usage();
    rng_state = seed;
    if (mkdir(dir, 0777) && errno != EEXIST) {
        fprintf(stderr, "jixiao-bench-gen: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    char path[4096];
    buf json = {0}, fcsv = {0}, icsv = {0}, evals = {0};
    FILE *jf = open_out(dir, "expected.json"), *ff = open_out(dir, "forms.csv"),
         *idf = open_out(dir, "indicators.csv"), *ef = eval_every ? open_out(dir, "evaluations.md") : NULL;
    long nevals = 0;
    bprintf(&json, "{\"version\":1,\"forms\":[\n");
    form *f = calloc(2, sizeof *f);
    if (!f) { perror("calloc"); return 1; }
    long indicators = 0, files = 0, bytes = 0;
    for (long seq = 0; seq < n; files++) {
        int md = files % 2 == 0, gb = files % 4 == 3;
        out o = {.md = md};
        char name[32];
        snprintf(name, sizeof name, "f%05ld.%s", files, md ? "md" : "txt");
        for (long k = 0; k < per_file && seq < n; k++, seq++) {
            form *cur = &f[seq % 2], *prev = seq ? &f[(seq + 1) % 2] : NULL;
            make_form(cur, seq + 1, problems, prev);
            snprintf(cur->file, sizeof cur->file, "%s", name);
            if (cur->national) write_national(&o, cur);
            else write_shanghai(&o, cur);
            record_form(&json, cur, seq);
            record_csv(&fcsv, &icsv, cur, seq);
            indicators += cur->nind;
            if (eval_every && (seq + 1) % eval_every == 0) write_evaluation(&evals, cur), nevals++;
        }
        if (gb) to_gb18030(&o.b);
        snprintf(path, sizeof path, "%s/%s", dir, name);
        write_file(path, o.b.p, o.b.len);
        bytes += (long)o.b.len;
        free(o.b.p);
        flush_to(&json, jf);
        flush_to(&fcsv, ff);
        flush_to(&icsv, idf);
        if (ef) flush_to(&evals, ef);
    }
    bprintf(&json, "\n]}\n");
    flush_to(&json, jf);
    if (fclose(jf) || fclose(ff) || fclose(idf) || (ef && fclose(ef))) { perror("fclose"); return 1; }
    buf c = {0};
    bprintf(&c, "forms %ld\nindicators %ld\nfiles %ld\nbytes %ld\n", n, indicators, files, bytes);
    if (eval_every) bprintf(&c, "evaluations %ld\n", nevals);
    snprintf(path, sizeof path, "%s/counts", dir);
    write_file(path, c.p, c.len);
    free(c.p);
    free(json.p);
    free(fcsv.p);
    free(icsv.p);
    free(evals.p);
    free(f);
    return 0;
}
