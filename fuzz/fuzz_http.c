/*
** fuzz_http.c - the HTTP request side of `jixiao serve` as a client sees
** it: the real server (web_serve: libmicrohttpd, the query collector, the
** upload reader with its multipart parser, the API and the pages) runs on
** a loopback port in a thread of the fuzzer, over a database holding one
** form; each input is sent as raw bytes on a new connection (request line,
** headers, query strings, multipart or raw bodies, JSON-looking bodies)
** and the answer read to the end. A crash anywhere in the server is a
** crash of this process.
*/
#include "fuzz.h"

#include <arpa/inet.h>
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
    static char db[64];
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
    return 0;
}
