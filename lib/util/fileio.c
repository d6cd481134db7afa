/*
** fileio.c - writing output files atomically.
**
** Invariant: path either keeps its old content or holds the whole new
** content, never a part of it. The bytes go to "<path>.tmp.<pid>.XXXXXX"
** (mkstemp, same directory so rename() stays on one file system), are
** fsync'd, and the temporary file is renamed over path. Whatever fails, the
** temporary file is removed.
**
** Two kinds of path are not renamed over (see output_target): a device, FIFO
** or socket (`-o /dev/null`, `-o /dev/stdout` on a pipe) is written in place,
** as a stream -- renaming over it would replace /dev/null by a regular file;
** a symbolic link to a regular file is resolved and its target replaced, so
** the link stays a link.
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
** Where output for path goes. Returns 1 when path is a stream (it exists and
** is neither a regular file nor a directory): the caller writes to it
** directly. Otherwise 0, with *target the path to replace atomically: path
** itself, or the regular file a symbolic link points to (malloc'd in
** *owned, which the caller frees; NULL when target is path).
*/
static int output_target(const char *path, const char **target, char **owned)
{
    struct stat st, ln;
    *target = path;
    *owned = NULL;
    if (stat(path, &st) != 0) return 0;
    if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) return 1;
    if (S_ISREG(st.st_mode) && lstat(path, &ln) == 0 && S_ISLNK(ln.st_mode)) {
        char *real = realpath(path, NULL);
        if (real) *target = *owned = real;
    }
    return 0;
}

/* Write len bytes to the stream path (a device or FIFO), in place. */
static jx_status write_stream(const char *path, const char *data, size_t len, jx_error *err)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) goto fail;
    for (size_t off = 0; off < len;) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            if (w == 0) errno = EIO;
            int e = errno;
            close(fd);
            errno = e;
            goto fail;
        }
        off += (size_t)w;
    }
    if (close(fd) != 0) goto fail;
    return JX_OK;
fail:
    return jx_error_set(err, JX_ESYS, NULL, 0, "cannot write %s: %s", path, strerror(errno));
}

/*
** Write len bytes of data to path atomically (see above). The new file gets
** the permission bits of the file it replaces, 0644 when there was none.
** Returns JX_ESYS naming path and strerror on failure; data stays the caller's.
*/
jx_status jx_write_file_atomic(const char *path, const char *data, size_t len, jx_error *err)
{
    const char *target;
    char *owned;
    if (output_target(path, &target, &owned)) return write_stream(path, data, len, err);
    if (owned) {
        jx_status rc = jx_write_file_atomic(target, data, len, err);
        free(owned);
        return rc;
    }
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
    const char *target;
    char *owned;
    if (output_target(path, &target, &owned)) {
        if (!(af->fp = fopen(path, "wb")))
            return jx_error_set(err, JX_ESYS, NULL, 0, "cannot write %s: %s", path, strerror(errno));
        af->path = jx_strdup(path);   /* tmp NULL: a stream, written in place */
        return JX_OK;
    }
    if (owned) {
        jx_status rc = jx_atomic_open(target, af, err);
        free(owned);
        return rc;
    }
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
    if (!af->tmp) {   /* a stream: nothing to rename */
        int bad = fflush(af->fp) != 0 || ferror(af->fp);
        int e = bad ? (errno ? errno : EIO) : 0;
        if (fclose(af->fp) != 0 && !bad) { bad = 1; e = errno; }
        jx_status rc = bad ? jx_error_set(err, JX_ESYS, NULL, 0, "cannot write %s: %s", af->path,
                                          strerror(e))
                           : JX_OK;
        free(af->path);
        memset(af, 0, sizeof *af);
        return rc;
    }
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

/*
** A temporary file for path, for writers that need a file name rather than a
** FILE* (libxlsxwriter): created empty beside the file path will name (in
** $TMPDIR, else /tmp, when path is a stream), with the mode the new file is
** to get. Returns its name (malloc'd, the caller frees it) or NULL with err.
*/
char *jx_atomic_temp(const char *path, jx_error *err)
{
    const char *target;
    char *owned;
    jx_buf name = {0};
    mode_t mode = 0644;
    if (output_target(path, &target, &owned)) {
        const char *dir = getenv("TMPDIR");
        jx_buf_printf(&name, "%s/jixiao.%ld.XXXXXX", dir && *dir ? dir : "/tmp", (long)getpid());
    } else {
        struct stat old;
        if (stat(target, &old) == 0 && S_ISREG(old.st_mode)) mode = old.st_mode & 07777;
        jx_buf_printf(&name, "%s.tmp.%ld.XXXXXX", target, (long)getpid());
    }
    free(owned);
    int fd = mkstemp(name.data);
    if (fd < 0) {
        jx_error_set(err, JX_ESYS, NULL, 0, "cannot write %s: %s", path, strerror(errno));
        jx_buf_free(&name);
        return NULL;
    }
    (void)fchmod(fd, mode);   /* on failure mkstemp's 0600 stays: still a valid file */
    close(fd);
    return jx_buf_take(&name);
}

/*
** Put the complete file tmp (from jx_atomic_temp) at path: fsync and rename
** over path (or over the regular file a link at path names), or copy it into
** path when path is a stream. tmp is removed whatever happens; the name
** stays the caller's.
*/
jx_status jx_atomic_place(const char *tmp, const char *path, jx_error *err)
{
    const char *target;
    char *owned;
    int stream = output_target(path, &target, &owned);
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    jx_status rc = JX_OK;
    if (fd < 0) {
        rc = jx_error_set(err, JX_ESYS, NULL, 0, "cannot read %s: %s", tmp, strerror(errno));
    } else if (stream) {
        int out = open(path, O_WRONLY | O_CLOEXEC);
        char chunk[65536];
        ssize_t n = 0;
        while (out >= 0 && (n = read(fd, chunk, sizeof chunk)) != 0) {
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) break;
            for (ssize_t off = 0; off < n;) {
                ssize_t w = write(out, chunk + off, (size_t)(n - off));
                if (w < 0 && errno == EINTR) continue;
                if (w <= 0) { n = -1; break; }
                off += w;
            }
            if (n < 0) break;
        }
        int e = out < 0 || n < 0 ? errno : 0;   /* the failing call's errno, before close */
        if (out >= 0 && close(out) != 0 && !e) e = errno;
        if (out < 0 || n < 0 || e)
            rc = jx_error_set(err, JX_ESYS, NULL, 0, "cannot write %s: %s", path, strerror(e ? e : EIO));
    } else if (fsync(fd) != 0 || rename(tmp, target) != 0) {
        rc = jx_error_set(err, JX_ESYS, NULL, 0, "cannot write %s: %s", path, strerror(errno));
    } else {
        sync_parent(target);
    }
    if (fd >= 0) close(fd);
    if (rc != JX_OK || stream) unlink(tmp);
    free(owned);
    return rc;
}
