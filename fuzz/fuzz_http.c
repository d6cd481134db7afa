/*
** fuzz_http.c - the HTTP request side of `jixiao serve` as a client sees
** it: the real server (web_serve: libmicrohttpd, the query collector, the
** upload reader with its multipart parser, the API and the pages) runs on
** a loopback port in a thread of the fuzzer, over a database holding one
** form; each input is sent as raw bytes on a new connection (request line,
** headers, query strings, multipart or raw bodies, JSON-looking bodies)
** and the answer read to the end. A crash anywhere in the server is a
** crash of this process.
**
** The database is put back after every input that changed it (an upload
** imports forms, an edit writes a version): the files after the seed's are
** deleted (the schema cascades to their forms, findings and boxes), the
** audit log emptied and the change counters moved on, so the server's
** connections see a changed store and review its one form again. Without
** it every upload piled forms into the one database and an input cost 50 ms
** after a few minutes. The file is removed when the fuzzer exits.
*/
#include "fuzz.h"

#include <arpa/inet.h>
#include <sqlite3.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "jixiao/import.h"
#include "jixiao/store.h"
#include "web.h"

static web_options opt;
static int port;
static char db[64];
static sqlite3 *watch;            /* the harness's own connection: reset() */
static sqlite3_int64 clean;       /* store_state.changes of the seeded database */

/* store_state.changes now, -1 on error. */
static sqlite3_int64 changes(void)
{
    sqlite3_stmt *st = NULL;
    sqlite3_int64 n = -1;
    if (sqlite3_prepare_v2(watch, "SELECT changes FROM store_state", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Put the database back to its seed when an input changed it. */
static void reset(void)
{
    if (changes() == clean) return;
    static const char sql[] =
        "BEGIN IMMEDIATE;"
        "DELETE FROM files WHERE id <> (SELECT min(id) FROM files);"
        "DELETE FROM audit_log;"
        "UPDATE store_state SET changes = changes + 1, forms_changes = forms_changes + 1,"
        " forms_count = (SELECT count(*) FROM forms);"
        "COMMIT;";
    char *msg = NULL;
    if (sqlite3_exec(watch, sql, NULL, NULL, &msg) != SQLITE_OK) {
        sqlite3_exec(watch, "ROLLBACK", NULL, NULL, NULL);
        fprintf(stderr, "fuzz_http: cannot reset %s: %s\n", db, msg ? msg : "?");
    }
    sqlite3_free(msg);
    clean = changes();
}

/* At exit: the database and its WAL files. */
static void remove_db(void)
{
    char path[80];
    if (watch) sqlite3_close_v2(watch);
    unlink(db);
    snprintf(path, sizeof path, "%s-wal", db);
    unlink(path);
    snprintf(path, sizeof path, "%s-shm", db);
    unlink(path);
}

/* The server thread: web_serve until the process ends. */
static void *serve(void *arg)
{
    (void)arg;
    web_serve(&opt);
    return NULL;
}

/* A connection to the server, or -1. */
static int dial(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) { close(fd); return -1; }
    struct timeval tv = {2, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    return fd;
}

/* Create the database (one form) and start the server on a free port. */
static void start(void)
{
    snprintf(db, sizeof db, "/tmp/jixiao-fuzz-http-%d.db", (int)getpid());
    unlink(db);
    static const char form[] =
        "项目支出绩效目标申报表\n| 项目名称 | 示例项目 | | |\n| 申报单位 | 示例单位 | | |\n"
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| 产出指标 | 数量指标 | 培训人数 | ≥50人 |\n";
    jx_form_list forms = {0};
    char sha[65];
    jx_error err;
    jx_error_clear(&err);
    jx_store *s = NULL;
    if (jx_import_bytes("seed.md", form, sizeof form - 1, &forms, sha, &err) != JX_OK ||
        jx_store_open(db, &s, &err) != JX_OK || jx_store_import(s, "seed.md", sha, &forms, &err) != JX_OK) {
        fprintf(stderr, "fuzz_http: cannot create %s: %s\n", db, err.message);
        abort();
    }
    jx_store_close(s);
    jx_form_list_free(&forms);
    atexit(remove_db);
    if (sqlite3_open_v2(db, &watch, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) abort();
    sqlite3_busy_timeout(watch, 5000);
    sqlite3_exec(watch, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    clean = changes();
    opt.db_path = db;
    opt.bind = "127.0.0.1";
    opt.max_upload = 64 * 1024;
    opt.quiet = 1;
    for (int attempt = 0; attempt < 20; attempt++) {
        port = 20000 + (int)((getpid() * 7 + attempt * 131) % 30000);
        opt.port = port;
        pthread_t t;
        pthread_create(&t, NULL, serve, NULL);
        for (int wait = 0; wait < 100; wait++) {
            int fd = dial();
            if (fd >= 0) { close(fd); pthread_detach(t); return; }
            usleep(20000);
        }
        pthread_join(t, NULL);   /* the port was taken: web_serve returned */
    }
    fprintf(stderr, "fuzz_http: the server did not start\n");
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int started;
    if (!started) { start(); started = 1; }
    if (size > 128 * 1024) return 0;
    int fd = dial();
    if (fd < 0) return 0;
    size_t off = 0;
    while (off < size) {
        ssize_t n = send(fd, data + off, size - off, MSG_NOSIGNAL);
        if (n <= 0) break;
        off += (size_t)n;
    }
    shutdown(fd, SHUT_WR);
    char buf[65536];
    while (recv(fd, buf, sizeof buf, 0) > 0) {}
    close(fd);
    reset();
    return 0;
}
