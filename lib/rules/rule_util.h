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
** copied-rows) without holding the forms. Built in two rounds over the same
** forms in id order: the first keeps each row's 64-bit signature only, to
** learn which signatures two rows or more share (shared[], sorted); the
** second keeps per form k (ordinal, id order) id, year, name, file, line,
** its rows start[k]..start[k+1] and the number of distinct signatures among
** them, and per row r only code[r]: 0 a row whose signature no other row
** has (it can match nothing), else 1 + the index s of its signature in
** shared[]. Sealed: the postings of each shared signature s, rows
** post_row[run[s] .. run[s + 1]) in row order with their lines post_line[],
** df[s] the forms among them, complete[s] (name and target non-empty).
** Singleton rows, most of them, cost 4 bytes; what they were (name, target,
** line) is never kept. solo_complete marks a singleton row's completeness
** (a bit per row). common/touched: scratch of nforms entries for a rule,
** zero between uses.
*/
struct jx_copy_index {
    int round;         /* 0 counting signatures, 1 adding forms; sealed after */
    size_t nforms, capforms, nrows, caprows;
    uint64_t *all;     /* round 0: every row's signature (freed at the end of the round) */
    size_t nall, capall;
    uint64_t *shared;  /* the signatures of two rows or more, sorted (freed when sealed) */
    size_t nshared;
    long long *id;
    int *year;
    char **name;
    const char **file;
    long *line;
    uint32_t *start, *distinct;
    uint32_t *code;
    unsigned char *solo_complete;   /* bit r: singleton row r has name and target */
    uint32_t *run, *fill, *df, *post_row, *post_line;
    unsigned char *complete;        /* per shared signature */
    char **files;
    size_t nfiles;
    uint32_t *common, *touched;
    int sealed;
};
jx_copy_index *jx_copy_index_new(void);
void jx_copy_index_free(jx_copy_index *ix);
/* Add form f (forms in id order), in each round the same forms in the same order. */
void jx_copy_index_add(jx_copy_index *ix, const jx_form *f);
/* End a round of adds: 1 when the forms are to be added once more (the first round), else 0. */
int jx_copy_index_round_end(jx_copy_index *ix);
/* Build the postings once every form is added in both rounds. Idempotent. */
void jx_copy_index_seal(jx_copy_index *ix);
/* The ordinal of the form with id, or (size_t)-1. */
size_t jx_copy_index_ordinal(const jx_copy_index *ix, long long id);
/* The ordinal of the form row r belongs to. */
size_t jx_copy_index_form_of(const jx_copy_index *ix, size_t row);
/*
** The rows sharing row r's signature (r among them): post_row[*first .. *first
** + n), n returned, *df the forms among them; a row no other shares: 0 rows,
** *df 1.
*/
size_t jx_copy_index_postings(const jx_copy_index *ix, size_t r, size_t *first, size_t *df);
/*
** Row r as copied-rows compares rows: 0 when its name or target is empty
** (never matched), else a value equal for two rows exactly when their
** signatures are.
*/
uint64_t jx_copy_index_match(const jx_copy_index *ix, size_t r);
/* The line of row r when another row shares its signature (0 otherwise). */
long jx_copy_index_line(const jx_copy_index *ix, size_t r);

int jx_wordlist_neighbour(const int32_t *c, size_t n, size_t at, char *word, size_t wsize,
                          char *right, size_t rsize);
const char *jx_wordlist_path(void);

#endif
