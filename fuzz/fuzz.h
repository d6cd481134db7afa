/*
** fuzz.h - what the fuzz targets share. Each target defines
** LLVMFuzzerTestOneInput; built with clang -fsanitize=fuzzer it is a
** libFuzzer binary, built with replay.c (any compiler) it runs the files
** and directories named on its command line once each: the seed corpus and
** the regression inputs in ctest, under ASan/UBSan too.
*/
#ifndef JIXIAO_FUZZ_H
#define JIXIAO_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Inputs larger than this are skipped: the readers' limits are tested elsewhere
** (tests/test_hostile.c); the fuzzer should spend its time on structure. */
#define FUZZ_MAX_INPUT (256 * 1024)

/* A NUL-terminated malloc'd copy of data[0..size). */
char *fuzz_cstr(const uint8_t *data, size_t size);

/*
** A ZIP package (stored, not deflated) of the named parts, as bytes in a
** malloc'd buffer (*len set). names and parts are parallel, n entries; a
** NULL part is left out. Returns NULL when libzip fails.
*/
char *fuzz_zip(const char *const *names, const char *const *parts, const size_t *lens, size_t n,
               size_t *len);

/* Split data at each "<!--part-->" into at most max pieces (NUL-terminated copies). */
size_t fuzz_split(const uint8_t *data, size_t size, char **pieces, size_t *lens, size_t max);

#endif
