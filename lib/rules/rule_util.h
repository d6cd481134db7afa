/*
** rule_util.h - small predicates the rules share. Internal to lib/rules.
*/
#ifndef JIXIAO_RULE_UTIL_H
#define JIXIAO_RULE_UTIL_H

#include "jixiao/model.h"
#include "jixiao/rules.h"

/* 1 when s (may be NULL) contains needle / ends with one of a NULL-terminated list. */
int jx_rule_has(const char *s, const char *needle);
int jx_rule_has_any(const char *s, const char *const *needles);
int jx_rule_ends_any(const char *s, const char *const *suffixes);

/*
** An indicator name without its trailing parenthesised note ("（含网络培训
** 学时数）", the last ( or （ that is not the first character) and without
** the trailing spaces a converter left, into buf.
*/
void jx_rule_core_name(const char *name, char *buf, size_t size);

/* The indicator measures a rate (…率): name ends with 率, ignoring a trailing (…) note. */
int jx_rule_is_rate(const jx_indicator *ind);
/* The indicator measures a count (…数, …人数, …次数, …数量, …人次, …场次). */
int jx_rule_is_count(const jx_indicator *ind);
/* The indicator measures satisfaction (满意度/满意率 in its name). */
int jx_rule_is_satisfaction(const jx_indicator *ind);

/* Unit classes of a parsed target. */
int jx_rule_unit_is_percent(const char *unit);
int jx_rule_unit_is_count(const char *unit);

/* Target as short text for messages: the text, or "（空）". */
const char *jx_rule_target_text(const jx_indicator *ind);

/* Money in fen as "1234.56万元". Writes into buf. */
const char *jx_rule_wan(long long fen, char *buf, size_t size);

/*
** A framework level label glued before an indicator name by a converter
** ("满意度 入驻单位（部门）满意度", "产出指标 培训人次"): the name's first
** token, up to a space, is a level-1/level-2 term of a framework (vocab.h)
** or ends in 指标/目标, and text follows. Copies the label into buf.
*/
int jx_rule_glued_label(const char *name, char *buf, size_t size);

/*
** The word list (wordlist.c): the most common word of 2-4 characters that
** differs from the text c[0..n) only at codepoint index at, covering it.
** Writes the word and its character at that place; 0 when none is clear or
** the list is absent.
*/
#include <stdint.h>

/*
** The copy index (copy_index.c): every form's indicator rows as signatures,
** for the rules that compare a form with all others (copied-block,
** copied-rows) without holding the forms. Per form k (ordinal, id order):
** id, year, name, file, line, its rows start[k]..start[k+1] and the number
** of distinct signatures among them. Per row r: sig (never 0), complete
** (name and target both non-empty), rline (its line). perm/multi: see
** copy_index.c. common/touched: scratch of nforms entries for a rule, zero
** between uses.
*/
struct jx_copy_index {
    size_t nforms, capforms, nrows, caprows;
    long long *id;
    int *year;
    char **name;
    const char **file;
    long *line;
    uint32_t *start, *distinct;
    uint64_t *sig;
    unsigned char *complete;
    uint32_t *rline, *perm, *bucket;
    struct jx_copy_run { uint32_t first, len, df; } *multi;   /* signatures on 2+ rows */
    size_t nmulti;
    char **files;
    size_t nfiles;
    uint32_t *common, *touched;
    int sealed;
    int bucket_bits;   /* bucket[] has 2^bucket_bits + 1 entries (sealed) */
};
jx_copy_index *jx_copy_index_new(void);
void jx_copy_index_free(jx_copy_index *ix);
/* Add form f (forms in id order). */
void jx_copy_index_add(jx_copy_index *ix, const jx_form *f);
/* Build the postings once every form is added. Idempotent. */
void jx_copy_index_seal(jx_copy_index *ix);
/* The ordinal of the form with id, or (size_t)-1. */
size_t jx_copy_index_ordinal(const jx_copy_index *ix, long long id);
/* The ordinal of the form row r belongs to. */
size_t jx_copy_index_form_of(const jx_copy_index *ix, size_t row);
/* The postings of sig: perm[*first .. *first + n), n returned; *df the forms among them. */
size_t jx_copy_index_postings(const jx_copy_index *ix, uint64_t sig, size_t *first, size_t *df);

int jx_wordlist_neighbour(const int32_t *c, size_t n, size_t at, char *word, size_t wsize,
                          char *right, size_t rsize);
const char *jx_wordlist_path(void);

#endif
