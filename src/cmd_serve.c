/*
** cmd_serve.c - `jixiao serve [--bind ADDR] [--port N]`: the web UI and JSON
** API over the database (web/), until SIGINT or SIGTERM.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "web.h"

static void serve_usage(FILE *out)
{
    fprintf(out,
            "usage: jixiao [--db PATH] serve [--bind ADDR] [--port N] [--max-upload BYTES] [--threads N]\n"
            "                    [--timeout SECONDS] [--quiet]\n"
            "\nServe the web UI (项目列表, 项目详情, 审核意见, 汇总, 导入) and the JSON API under /api/\n"
            "until SIGINT or SIGTERM. --bind is a numeric address, 127.0.0.1 by default (loopback\n"
            "only); --port 0 picks a free port. Prints 'serving http://ADDR:PORT/' once listening.\n"
            "Uploads larger than --max-upload bytes (default %ld) are refused with 413.\n"
            "--threads N serves with N worker threads (default: one per core).\n"
            "--timeout closes a connection idle that many seconds (default %d); at most %d\n"
            "connections at once, request line and headers at most %d bytes (414/431 above).\n"
            "--quiet drops the per-request log on standard error.\n",
            WEB_DEFAULT_MAX_UPLOAD, JX_HTTP_TIMEOUT_SECONDS, JX_HTTP_MAX_CONNECTIONS,
            JX_HTTP_MAX_HEADER_BYTES);
}

/* A whole decimal number in [lo, hi]; 1 on success. */
static int number(const char *s, long lo, long hi, long *out)
{
    char *end;
    if (!*s || *s == '-' || *s == '+') return 0;
    long v = strtol(s, &end, 10);
    if (*end || v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

int cmd_serve(cli *ctx, int argc, char **argv)
{
    web_options opt = {0};
    opt.bind = "127.0.0.1";
    opt.port = 8080;
    opt.max_upload = WEB_DEFAULT_MAX_UPLOAD;
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) { serve_usage(stdout); return EXIT_OK; }
        int r = cli_db_option(ctx, &i, argc, argv);
        if (r < 0) return EXIT_USAGE;
        if (r == 1) continue;
        long n;
        if (!strcmp(argv[i], "--bind") && i + 1 < argc) {
            opt.bind = argv[++i];
        } else if (!strcmp(argv[i], "--port") && i + 1 < argc) {
            if (!number(argv[++i], 0, 65535, &n))
                return cli_usage_error("serve", "--port wants a number 0..65535, not '%s'", argv[i]);
            opt.port = (int)n;
        } else if (!strcmp(argv[i], "--max-upload") && i + 1 < argc) {
            if (!number(argv[++i], 1, 1024L * 1024 * 1024, &n))
                return cli_usage_error("serve", "--max-upload wants a byte count, not '%s'", argv[i]);
            opt.max_upload = n;
        } else if (!strcmp(argv[i], "--threads") && i + 1 < argc) {
            if (!number(argv[++i], 1, 256, &n))
                return cli_usage_error("serve", "--threads wants a number 1..256, not '%s'", argv[i]);
            opt.threads = (int)n;
        } else if (!strcmp(argv[i], "--timeout") && i + 1 < argc) {
            if (!number(argv[++i], 1, 3600, &n))
                return cli_usage_error("serve", "--timeout wants seconds 1..3600, not '%s'", argv[i]);
            opt.timeout = (int)n;
        } else if (!strcmp(argv[i], "--quiet")) {
            opt.quiet = 1;
        } else {
            return cli_usage_error("serve", "unexpected argument %s", argv[i]);
        }
    }
    opt.db_path = ctx->db_path;
    int r = web_serve(&opt);
    return r == 0 ? EXIT_OK : r == 2 ? EXIT_USAGE : EXIT_INPUT;
}
