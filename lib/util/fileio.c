/*
** fileio.c - writing output files atomically.
**
** Invariant: path either keeps its old content or holds the whole new
** content, never a part of it. The bytes go to "<path>.tmp.<pid>.XXXXXX"
** (mkstemp, same directory so rename() stays on one file system), are
** fsync'd, and the temporary file is renamed over path. Whatever fails, the
** temporary file is removed.
*/

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jixiao/util.h"

/*
** Make the rename durable: fsync the directory holding path. Best effort:
** some file systems refuse fsync on a directory, and the new content is
** already complete under path whatever happens here.
*/
static void sync_parent(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? jx_strndup(path, slash == path ? 1 : (size_t)(slash - path)) : jx_strdup(".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
}

/*
** Write len bytes of data to path atomically (see above). The new file gets
** the permission bits of the file it replaces, 0644 when there was none.
** Returns JX_ESYS naming path and strerror on failure; data stays the caller's.
*/
jx_status jx_write_file_atomic(const char *path, const char *data, size_t len, jx_error *err)
{
    size_t n = strlen(path) + 32;   /* ".tmp." + pid (<= 20 digits) + ".XXXXXX" + NUL fits */
    char *tmp = jx_xmalloc(n);
    snprintf(tmp, n, "%s.tmp.%ld.XXXXXX", path, (long)getpid());
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return jx_error_set(err, JX_ESYS, NULL, 0, "cannot write %s: %s", path, strerror(e));
    }
    struct stat old;
    mode_t mode = stat(path, &old) == 0 && S_ISREG(old.st_mode) ? (old.st_mode & 07777) : 0644;
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            if (w == 0) errno = EIO;   /* no progress on a regular file: do not spin */
            goto fail;
        }
        off += (size_t)w;
    }
    if (fchmod(fd, mode) != 0 || fsync(fd) != 0) goto fail;
    int c = close(fd);
    fd = -1;
    if (c != 0 || rename(tmp, path) != 0) goto fail;
    free(tmp);
    sync_parent(path);
    return JX_OK;
fail:;
    int e = errno;
    if (fd >= 0) close(fd);
    unlink(tmp);
    free(tmp);
    return jx_error_set(err, JX_ESYS, NULL, 0, "cannot write %s: %s", path, strerror(e));
}

/* Open a temporary file beside path for jx_atomic_commit to rename over it. */
jx_status jx_atomic_open(const char *path, jx_atomic_file *af, jx_error *err)
{
    memset(af, 0, sizeof *af);
    size_t n = strlen(path) + 32;
    af->tmp = jx_xmalloc(n);
    snprintf(af->tmp, n, "%s.tmp.%ld.XXXXXX", path, (long)getpid());
    int fd = mkstemp(af->tmp);
    if (fd < 0 || !(af->fp = fdopen(fd, "wb"))) {
        int e = errno;
        if (fd >= 0) { close(fd); unlink(af->tmp); }
        free(af->tmp);
        af->tmp = NULL;
        return jx_error_set(err, JX_ESYS, NULL, 0, "cannot write %s: %s", path, strerror(e));
    }
    struct stat old;
    af->mode = stat(path, &old) == 0 && S_ISREG(old.st_mode) ? (old.st_mode & 07777) : 0644;
    af->path = jx_strdup(path);
    return JX_OK;
}

/* Flush, fsync, close and rename; on any failure the temporary file is removed. */
jx_status jx_atomic_commit(jx_atomic_file *af, jx_error *err)
{
    int bad = fflush(af->fp) != 0 || ferror(af->fp);
    int e = bad ? (errno ? errno : EIO) : 0;
    if (!bad && (fchmod(fileno(af->fp), (mode_t)af->mode) != 0 || fsync(fileno(af->fp)) != 0)) { bad = 1; e = errno; }
    if (fclose(af->fp) != 0 && !bad) { bad = 1; e = errno; }
    af->fp = NULL;
    if (!bad && rename(af->tmp, af->path) != 0) { bad = 1; e = errno; }
    jx_status rc = JX_OK;
    if (bad) {
        unlink(af->tmp);
        rc = jx_error_set(err, JX_ESYS, NULL, 0, "cannot write %s: %s", af->path, strerror(e));
    } else {
        sync_parent(af->path);
    }
    free(af->tmp);
    free(af->path);
    memset(af, 0, sizeof *af);
    return rc;
}

/* Give up: close and remove the temporary file. */
void jx_atomic_abort(jx_atomic_file *af)
{
    if (af->fp) fclose(af->fp);
    if (af->tmp) unlink(af->tmp);
    free(af->tmp);
    free(af->path);
    memset(af, 0, sizeof *af);
}
