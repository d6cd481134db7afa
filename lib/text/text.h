/*
** text.h - the text layer: bytes -> UTF-8, converter markup -> plain text,
** and label keys for matching.
*/
#ifndef JIXIAO_TEXT_H
#define JIXIAO_TEXT_H

#include <stddef.h>
#include "jixiao/error.h"
#include "jixiao/util.h"

/*
** Decode a whole input file to UTF-8. A UTF-8 BOM is stripped. Valid UTF-8
** is taken as is; otherwise the bytes are decoded as GB18030. Input holding
** NUL bytes, or valid in neither encoding, is rejected with JX_EINPUT and
** err->line set to the line of the first offending byte.
** On success *out is a NUL-terminated malloc'd string the caller frees.
*/
jx_status jx_text_decode(const char *bytes, size_t len, const char *file,
                         char **out, size_t *out_len, jx_error *err);

/*
** Decoding a large file piece by piece (the streaming import, lib/import):
** the encoding is decided once for the whole file, as jx_text_decode decides
** it, then each piece -- whole lines, cut after a '\n', which is never part
** of a multibyte character in either encoding -- is decoded on its own.
**
** jx_text_scan accumulates the decision over consecutive pieces of the file
** (start from a zeroed jx_text_scan and pass every piece, in file order);
** jx_text_scan_encoding then says JX_ENC_UTF8 or JX_ENC_GB18030, or
** JX_ENC_WHOLE when the file must go through jx_text_decode whole (empty,
** a NUL byte, damaged UTF-8): that path reports the exact error.
*/
typedef enum jx_text_enc { JX_ENC_WHOLE = 0, JX_ENC_UTF8, JX_ENC_GB18030 } jx_text_enc;
typedef struct jx_text_scan {
    size_t len;       /* bytes scanned so far */
    int bom;          /* the file starts with a UTF-8 byte order mark */
    int nul;          /* a NUL byte was seen */
    int bad;          /* a byte that is not UTF-8 was seen */
    int utf16;        /* the file starts with a UTF-16 byte order mark */
    size_t wide;      /* 3- and 4-byte UTF-8 characters before the first bad byte */
} jx_text_scan;
void jx_text_scan_piece(jx_text_scan *scan, const char *piece, size_t n);
jx_text_enc jx_text_scan_encoding(const jx_text_scan *scan);

/*
** Decode one piece of a file in the encoding jx_text_scan_encoding chose:
** offset is where the piece starts in the file (the piece at 0 drops its
** byte order mark), newlines0 the '\n' bytes before it. Newlines are unified (CRLF,
** CR -> LF) as jx_text_decode does. On success *out is a malloc'd
** NUL-terminated string; bytes that do not decode are jx_text_decode's
** error, with the whole file's byte offset and line.
*/
jx_status jx_text_decode_piece(const char *file, const char *piece, size_t n, jx_text_enc enc,
                               size_t offset, long newlines0, char **out, size_t *out_len, jx_error *err);

/*
** Plain text of one table cell, as a new malloc'd string (caller frees):
** LaTeX math ($\geq 98.00\%$ -> ≥98.00%, $> 95.00(\%)$ -> >95.00(%)),
** HTML (<br>, <p> -> space; <sup>2</sup> -> ²; entities decoded; other tags
** dropped), check boxes (<input ... checked ...> -> "☑", other <input> ->
** "☐"), whitespace runs collapsed to one space, trimmed.
** The document's wording is otherwise kept. Returns NULL only on ENOMEM.
*/
char *jx_text_plain(const char *cell);

/*
** NFKC of the UTF-8 string s as a new malloc'd string (utf8proc_NFKC's result:
** NULL when s is not UTF-8); text of the characters NFKC maps one by one
** (ASCII, CJK ideographs, full-width forms) without utf8proc.
*/
char *jx_text_nfkc(const char *s);

/* jx_text_plain of the n bytes at s (not NUL-terminated): the same string, without a copy first. */
char *jx_text_plain_n(const char *s, size_t n);

/*
** Matching key of a label or vocabulary term, as a new malloc'd string:
** NFKC (utf8proc), all whitespace removed, trailing ：:; and a trailing
** parenthesised unit such as "（元）" or "(万元)" removed.
** "项目总预算（元）：" -> "项目总预算"; "产出 指标" -> "产出指标".
** Returns NULL only on ENOMEM.
*/
char *jx_text_key(const char *s);

/*
** A project name's key, as links match names (a self-evaluation to its
** declared form, a project's history across years): jx_text_key, then a
** trailing 项目经费, 经费 or 项目 dropped when more than one character stays.
** The store keeps it beside every form (forms.name_key) so that linking is
** an indexed look-up: a change to this function or to jx_text_key changes
** the keys of forms already stored, so it needs a migration that re-keys
** them (as migration 14's name_key_fill does). Returns a new malloc'd string.
*/
char *jx_text_name_key(const char *name);

/* The value grammar's units (lib/text/value.c): see there. */
int jx_value_unit_whole(const char *unit);
int jx_value_unit_goes_on(const char *p);

/* Money (label scale, parsing a cell) lives in jixiao/money.h. */

/* The label key text without spaces after NFKC, as a new malloc'd string. */
char *jx_text_squeeze(const char *s);

/* Length of the space character at s (ASCII, NBSP, U+2000-U+200A, U+3000 …), 0 if none. */
size_t jx_text_space_len(const unsigned char *s, size_t n);

/*
** The one display-width rule of the layout-preserving text (the readers'
** column of a cell, the renderer's padding, the parsers' geometry): the
** column reached after [s, s+n) written from column col, where a character
** of three or four UTF-8 bytes (CJK, fullwidth punctuation, symbols such as
** ≥ — √) is 2 wide, any other 1, and a tab advances to the next multiple
** of 8. jx_text_width(s, strlen(s), 0) is the width of s.
**
** Real converters differ: pdftotext -layout gives every character one
** column, whatever its width (jx_text_chars counts those); our renderer
** and the converters that pad to display width follow the rule above. A
** reader of either keeps this rule and converts (lib/evaluate/parse.c
** tries both conventions per table).
*/
int jx_text_width(const char *s, size_t n, int col);

/* The 32-bit FNV-1a hash of the string s: the hash of the lookup tables built from keys. */
unsigned jx_text_hash(const char *s);

/*
** Length of the valid UTF-8 character at s (n > 0 bytes left), 0 if it is
** not one: no overlong forms, no UTF-16 surrogates, nothing above U+10FFFF
** (what the decoder accepts and what jansson accepts as a string).
*/
size_t jx_text_utf8_len(const unsigned char *s, size_t n);

/* Number of UTF-8 characters in [s, s+n): the columns a one-column-per-character converter gives. */
int jx_text_chars(const char *s, size_t n);

/*
** A date as forms write it, in ISO 8601: "2019-1-1", "2019. 1. 1",
** "2026/1/1", "2019年1月1日" -> "2019-01-01"; "2019年1月", "2019-01",
** "2019.1" -> "2019-01". ASCII or full-width digits and separators, spaces
** around them. Writes the ISO text into out (at least 11 bytes) and returns
** 1 when the whole text is one valid date (month 1-12, day within the
** month, year 1900-2199); 0 otherwise, out untouched.
*/
int jx_text_date_iso(const char *text, char *out, size_t size);

#endif
