/*
** value.h - the target-value grammar (指标值): text -> typed value.
**
** A target text such as "≥98%", "约2.6万个" or "较去年减少" is parsed into an
** operator, a number, a unit and a kind. Parsing never fails: text that does
** not carry a number is qualitative, with op JX_OP_NONE.
*/
#ifndef JIXIAO_VALUE_H
#define JIXIAO_VALUE_H

typedef enum jx_op {
    JX_OP_NONE = 0, /* qualitative: no comparison */
    JX_OP_GE,       /* >=  (≥, 以上, 不少于, 不低于, 至少, 达到) */
    JX_OP_LE,       /* <=  (≤, 以下, 以内, 不超过, 不多于, 不高于) */
    JX_OP_EQ,       /* =   (=, or a bare number) */
    JX_OP_GT,       /* >   (>, 大于, 超过, 高于) */
    JX_OP_LT,       /* <   (<, 小于, 低于, 少于) */
    JX_OP_APPROX,   /* ~   (约, 左右, 大约, 约为) */
    JX_OP_RANGE     /* value..value_max  (90%-95%, 3至5个) */
} jx_op;

typedef enum jx_kind {
    JX_KIND_QUALITATIVE = 0,
    JX_KIND_QUANTITATIVE = 1
} jx_kind;

#define JX_UNIT_MAX 48

typedef struct jx_value {
    jx_op op;
    double value;        /* scaled: 2.6万 -> 26000, 千分之一 -> 0.1 with unit % */
    double value_max;    /* upper bound when op == JX_OP_RANGE, else equal to value */
    char unit[JX_UNIT_MAX]; /* UTF-8, "" when the text names no unit */
    jx_kind kind;
} jx_value;

/*
** Parse a target text (already plain text: no LaTeX/HTML) into *out.
** text may be NULL or empty (-> qualitative, op NONE). Never fails.
*/
void jx_value_parse(const char *text, jx_value *out);

/* ">=", "<=", "=", ">", "<", "~", "range"; NULL for JX_OP_NONE. */
const char *jx_op_name(jx_op op);

/* Inverse of jx_op_name; unknown or NULL -> JX_OP_NONE. */
jx_op jx_op_from_name(const char *name);

#endif
