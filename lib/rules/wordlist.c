/*
** wordlist.c - a Chinese word list with frequencies, to name the common word
** a rare character stands in (完慗性 → 完整性).
**
** The list is Debian's python3-jieba dict.txt (349,046 words, one per line:
** word, frequency, part of speech), the lexicon of the jieba segmenter built
** from the People's Daily corpus among others: a real dictionary with
** frequencies, which is what telling a common word from a slip needs. It is
** read only when a rare character was found (never on clean text), streamed
** line by line, nothing kept. $JIXIAO_WORDLIST names another file of the same
** format. Absent file: no neighbour (the finding stays an info).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "rule_util.h"

#define DEBIAN_JIEBA_DICT "/usr/lib/python3/dist-packages/jieba/dict.txt"

const char *jx_wordlist_path(void)
{
    const char *env = getenv("JIXIAO_WORDLIST");
    return env && *env ? env : DEBIAN_JIEBA_DICT;
}

int jx_wordlist_neighbour(const int32_t *c, size_t n, size_t at, char *word, size_t wsize,
                          char *right, size_t rsize)
{
    FILE *fp = fopen(jx_wordlist_path(), "r");
    if (!fp) return 0;
    char line[512];
    size_t best_len = 0;
    long best_freq = 0, second_freq = 0;   /* second: another replacement at the same length */
    int32_t best_c = 0;
    while (fgets(line, sizeof line, fp)) {
        char *sp = strchr(line, ' ');
        if (!sp) continue;
        int32_t w[5];
        size_t L = 0;
        for (size_t i = 0; line + i < sp && L < 5;) {
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)line + i, sp - line - (long)i, &w[L]);
            if (k <= 0) { L = 5; break; }
            i += (size_t)k;
            L++;
        }
        if (L < 2 || L > 4 || L < best_len) continue;
        long freq = strtol(sp + 1, NULL, 10);
        for (size_t s = at + 1 >= L ? at + 1 - L : 0; s <= at && s + L <= n; s++) {
            size_t pos = at - s;
            int ok = w[pos] != c[at];
            for (size_t k = 0; k < L && ok; k++)
                if (k != pos && w[k] != c[s + k]) ok = 0;
            if (!ok) continue;
            if (L > best_len) { best_len = L; best_freq = freq; best_c = w[pos]; second_freq = 0; snprintf(word, wsize, "%.*s", (int)(sp - line), line); }
            else if (freq > best_freq) {
                if (w[pos] != best_c) second_freq = best_freq;
                best_freq = freq;
                best_c = w[pos];
                snprintf(word, wsize, "%.*s", (int)(sp - line), line);
            } else if (w[pos] != best_c && freq > second_freq) second_freq = freq;
        }
    }
    fclose(fp);
    /* A three- or four-character word settles it; two characters only when
       one replacement is far more common than any other. */
    if (!best_len || best_freq < 100) return 0;
    if (best_len == 2 && best_freq < 5 * second_freq) return 0;
    utf8proc_uint8_t buf[8];
    utf8proc_ssize_t k = utf8proc_encode_char(best_c, buf);
    snprintf(right, rsize, "%.*s", (int)k, (const char *)buf);
    return 1;
}
