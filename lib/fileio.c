/*
** fileio.c - writing output files atomically.
*/
#include "jixiao/export.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jixiao/util.h"

jx_status jx_write_file_atomic(const char *path, const char *data, size_t len, jx_error *err)
{
    /* The temporary file sits beside path so rename() stays on one file system. */
    size_t n = strlen(path) + 32;
    char *tmp = jx_xmalloc(n);
    snprintf(tmp, n, "%s.tmp.%ld.XXXXXX", path, (long)getpid());
    int fd = mkstemp(tmp);
    if (fd < 0) {
        jx_status st = jx_error_set(err, JX_ESYS, NULL, 0, "cannot write %s: %s", path, strerror(errno));
        free(tmp);
        return st;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR) continue;
            goto fail;
        }
        off += (size_t)w;
    }
    if (fchmod(fd, 0644) != 0 || fsync(fd) != 0) goto fail;
    if (close(fd) != 0) { fd = -1; goto fail; }
    fd = -1;
    if (rename(tmp, path) != 0) goto fail;
    free(tmp);
    return JX_OK;
fail:;
    int e = errno;
    if (fd >= 0) close(fd);
    unlink(tmp);
    free(tmp);
    return jx_error_set(err, JX_ESYS, NULL, 0, "cannot write %s: %s", path, strerror(e));
}
