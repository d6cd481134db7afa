/*
** vocab.h - the indicator frameworks as one data table.
**
** A framework is a set of level-1 categories (一级指标) and level-2
** categories (二级指标) under them. Terms are matched by their core: the
** label key (NFKC, no whitespace) without a trailing 目标 or 指标, so
** "产出 指标", "产出指标" and "产出目标" all have core "产出". A new
** framework, or a new level-2 term, is a row in lib/form/vocab.c's table.
*/
#ifndef JIXIAO_VOCAB_H
#define JIXIAO_VOCAB_H

typedef struct jx_vocab_term {
    const char *framework;  /* "shanghai-2019", "national-2021" */
    int level;              /* 1 or 2 */
    const char *core;       /* matching core */
    const char *parent;     /* level 2: core of its level 1 (a term may be listed under several) */
    const char *canonical;  /* level 1: the name written when a level 1 is inferred */
    const char *category;   /* national category (成本/产出/效益/满意度); level 2: NULL = its level 1's */
} jx_vocab_term;

/* The table, terminated by an entry with framework NULL. */
extern const jx_vocab_term jx_vocab[];

/*
** The i-th framework of the table (0, 1, ... in the order the table lists
** them: national-2021 first), NULL past the last. Code that tries every
** framework walks this, so a framework added to the table is tried too.
*/
const char *jx_vocab_framework(int i);

/* Core of a term as a new malloc'd string: key minus one trailing 目标/指标. */
char *jx_vocab_core(const char *text);
/* The same from a key already computed (jx_text_key / jx_row_key). */
char *jx_vocab_core_of_key(const char *key);

/* The level-1 term of framework with this core, or NULL. */
const jx_vocab_term *jx_vocab_level1(const char *framework, const char *core);

/*
** A level-2 term of framework with this core. With parent non-NULL, only a
** term listed under that level 1; with parent NULL, the first listed (the
** default level 1 to infer). NULL when none.
*/
const jx_vocab_term *jx_vocab_level2(const char *framework, const char *core,
                                     const char *parent);

/* National category of an indicator under level-1/level-2 cores (either may be NULL). */
const char *jx_vocab_category(const char *framework, const char *l1core,
                              const char *l2core);

/*
** Which framework a set of category cores follows: the one with most cores
** that belong to it alone; failing that, the one matching most cores.
** NULL when nothing matches.
*/
const char *jx_vocab_detect(const char *const *cores, int ncores);

/*
** 1 when text is a qualitative target written whole (有效, 较上届扩大,
** 按年度计划: the table in vocab.c), 0 otherwise.
*/
int jx_vocab_target_term(const char *text);

/*
** The column headings of an indicator table, by what the column holds: the
** one table of them (vocab.c), read by the form parser's header row, the
** label-or-value test beside a label, and the layout regrouping's header
** detection. key is a label key (jx_text_key / jx_row_key).
*/
typedef enum jx_table_heading {
    JX_HEADING_NONE = 0,
    JX_HEADING_LEVEL1,      /* 一级指标, 一级目标 */
    JX_HEADING_LEVEL,       /* 二级/三级指标, 指标名称, 绩效指标 …: a level below it */
    JX_HEADING_SPLIT,       /* 分解目标内容: the split-target variant's level column */
    JX_HEADING_TARGET,      /* 指标值 after qualifiers: 年度(/项目)指标值, 指标目标值 … */
    JX_HEADING_RESULT       /* 实际完成值, 分值, 得分 …: a 自评表's columns after the target */
} jx_table_heading;

jx_table_heading jx_vocab_heading(const char *key);

#endif
