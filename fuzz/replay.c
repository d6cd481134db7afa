/*
** replay.c - a main for the fuzz targets without libFuzzer: every file
** named, and every file in every directory named, is passed to
** LLVMFuzzerTestOneInput once. ctest runs the seed corpus and the
** regression inputs (fuzz/regress/TARGET/) this way with every compiler,
** under ASan/UBSan in the sanitizer build.
*/
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Run one file; 1 when it was read. */
static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "replay: cannot open %s\n", path); exit(1); }
    size_t cap = 4096, n = 0, got;
    unsigned char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0)
        if ((n += got) == cap) buf = realloc(buf, cap *= 2);
    fclose(f);
    if (!buf) abort();
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 1;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    long runs = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) continue;   /* an absent corpus is empty */
        if (!S_ISDIR(st.st_mode)) { runs += run_file(argv[i]); continue; }
        DIR *d = opendir(argv[i]);
        if (!d) continue;
        char **names = NULL;
        size_t count = 0;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.') continue;
            names = realloc(names, (count + 1) * sizeof *names);
            names[count++] = strdup(e->d_name);
        }
        closedir(d);
        if (count) qsort(names, count, sizeof *names, cmp_names);
        for (size_t k = 0; k < count; k++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[i], names[k]);
            if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) runs += run_file(path);
            free(names[k]);
        }
        free(names);
    }
    printf("replay: %ld inputs, no crash\n", runs);
    return 0;
}
