/*
** cmd_serve.c - `jixiao serve [--bind ADDR] [--port N]`: the web UI and JSON
** API over the database (web/), until SIGINT or SIGTERM.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "web.h"

/* The options of serve. */
typedef struct serve_opts {
    const char *bind;
    long port, max_upload, threads, timeout;
    int quiet;
    int auth;
    const char *tls_cert, *tls_key;
    long session_idle, session_max;
} serve_opts;

static const serve_opts serve_defaults = {
    .bind = "127.0.0.1",
    .port = 8080,
    .max_upload = WEB_DEFAULT_MAX_UPLOAD,
};

static const cli_option serve_options[] = {
    CLI_STRING("--bind", NULL, serve_opts, bind, "ADDR", "the numeric address to listen on (default 127.0.0.1)"),
    CLI_NUMBER("--port", serve_opts, port, 0, 65535, "N", "the port (default 8080; 0 picks a free one)",
               "--port wants a number 0..65535, not '%s'"),
    CLI_NUMBER("--max-upload", serve_opts, max_upload, 1, 1024L * 1024 * 1024, "BYTES",
               "refuse larger uploads with 413", "--max-upload wants a byte count, not '%s'"),
    CLI_NUMBER("--threads", serve_opts, threads, 1, 256, "N", "worker threads (default: one per core)",
               "--threads wants a number 1..256, not '%s'"),
    CLI_NUMBER("--timeout", serve_opts, timeout, 1, 3600, "SECONDS", "close a connection idle that long",
               "--timeout wants seconds 1..3600, not '%s'"),
    CLI_FLAG("--quiet", NULL, serve_opts, quiet, "no per-request log on standard error"),
    CLI_FLAG("--auth", NULL, serve_opts, auth, "require login (the default off loopback)"),
    CLI_STRING("--tls-cert", NULL, serve_opts, tls_cert, "PEM", "serve HTTPS with this certificate"),
    CLI_STRING("--tls-key", NULL, serve_opts, tls_key, "PEM", "and this private key"),
    CLI_NUMBER("--session-idle", serve_opts, session_idle, 1, 7 * 86400, "SECONDS",
               "a session ends this long after its last request",
               "--session-idle wants seconds 1..604800, not '%s'"),
    CLI_NUMBER("--session-max", serve_opts, session_max, 1, 30 * 86400, "SECONDS",
               "a session ends this long after the login", "--session-max wants seconds 1..2592000, not '%s'"),
    CLI_END,
};

/* The paragraph of --help, with the limits in it. */
static void serve_about(FILE *out)
{
    fprintf(out,
            "Serve the web UI (项目列表, 项目详情, 审核意见, 汇总, 导入) and the JSON API under /api/\n"
            "until SIGINT or SIGTERM. --bind is a numeric address, 127.0.0.1 by default (loopback\n"
            "only); --port 0 picks a free port. Prints 'serving http://ADDR:PORT/' once listening.\n"
            "Uploads larger than --max-upload bytes (default %ld) are refused with 413.\n"
            "--threads N serves with N worker threads (default: one per core).\n"
            "--timeout closes a connection idle that many seconds (default %d); at most %d\n"
            "connections at once, request line and headers at most %d bytes (414/431 above).\n"
            "--quiet drops the per-request log on standard error.\n"
            "--auth requires login (the users of 'jixiao user'; the default when --bind is not a\n"
            "loopback address): unit users see their unit's forms only, reviewers all, admins all and\n"
            "the admin page. Sessions end after --session-idle seconds without a request (default %d)\n"
            "or --session-max seconds after the login (default %d); %d failed logins within %d minutes\n"
            "lock a user name (%d: an address) out until the first of them is %d minutes old (429).\n"
            "--tls-cert/--tls-key serve HTTPS (GnuTLS) with the PEM certificate and key; cookies Secure.\n",
            (long)WEB_DEFAULT_MAX_UPLOAD, JX_HTTP_TIMEOUT_SECONDS, JX_HTTP_MAX_CONNECTIONS,
            JX_HTTP_MAX_HEADER_BYTES, WEB_SESSION_IDLE, WEB_SESSION_MAX, WEB_LOGIN_FAILURES,
            WEB_LOGIN_WINDOW / 60, WEB_LOGIN_FAILURES_ADDRESS, WEB_LOGIN_WINDOW / 60);
}

/* --tls-cert and --tls-key go together. */
static int serve_validate(cli *ctx)
{
    const serve_opts *o = ctx->opts;
    if ((o->tls_cert != NULL) != (o->tls_key != NULL))
        return cli_usage_error("serve", "--tls-cert and --tls-key go together");
    return EXIT_OK;
}

const cli_spec serve_spec = {
    .usage = "usage: jixiao [--db PATH] serve [--bind ADDR] [--port N] [--max-upload BYTES] [--threads N]\n"
             "                    [--timeout SECONDS] [--quiet] [--auth] [--tls-cert PEM --tls-key PEM]\n"
             "                    [--session-idle SECONDS] [--session-max SECONDS]\n",
    .about_fn = serve_about,
    .options = serve_options,
    .opts_size = sizeof(serve_opts),
    .defaults = &serve_defaults,
    .validate = serve_validate,
};

/* Serve until a signal; the web server opens the database itself, one connection per thread. */
int cmd_serve(cli *ctx)
{
    const serve_opts *o = ctx->opts;
    web_options opt = {0};
    opt.bind = o->bind;
    opt.port = (int)o->port;
    opt.max_upload = o->max_upload;
    opt.threads = (int)o->threads;
    opt.timeout = (int)o->timeout;
    opt.quiet = o->quiet;
    opt.auth = o->auth;
    opt.tls_cert = o->tls_cert;
    opt.tls_key = o->tls_key;
    opt.session_idle = (int)o->session_idle;
    opt.session_max = (int)o->session_max;
    opt.db_path = ctx->db_path;
    int r = web_serve(&opt);
    return r == 0 ? EXIT_OK : r == 2 ? EXIT_USAGE : EXIT_INPUT;
}
