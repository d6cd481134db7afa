#!/usr/bin/env bash
# The server's limits (jixiao/limits.h), each with curl or a raw socket
# against the real `jixiao serve` on a loopback port: a slow client is cut
# off after --timeout, connections past the cap are refused and the server
# serves again once they go, huge headers and URLs are answered 431 and 414
# without being read, invalid UTF-8 in the path or query is a 400.
set -u
bin=${1:?usage: cli_server_limits.sh JIXIAO_BIN}
src=${JIXIAO_SOURCE_DIR:?}
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {
  if [ "$2" = "$3" ]; then echo "ok   $1"; pass=$((pass + 1)); else echo "FAIL $1: got [$2] want [$3]"; fail=$((fail + 1)); fi
}
status() { curl -sS -o /dev/null --max-time 10 -w '%{http_code}' "$@" 2>/dev/null; }

"$bin" --db "$tmp/t.db" import "$src"/examples/* >/dev/null || { echo "FAIL import"; exit 1; }
"$bin" --db "$tmp/t.db" serve --port 0 --timeout 2 --threads 2 --quiet >"$tmp/out" 2>"$tmp/err" &
pid=$!
base=
for _ in $(seq 1 600); do
  base=$(sed -n 's|^serving \(http://[^ ]*\)/$|\1|p' "$tmp/out"); [ -n "$base" ] && break; sleep 0.1
done
[ -n "$base" ] || { echo "FAIL server did not start: $(cat "$tmp/err")"; exit 1; }
port=${base##*:}
check "serving" "$(status "$base/")" 200

# A slow client: half a request, then silence. The server closes it after the timeout.
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET / HTTP/1.1\r\nHost: x\r\n' >&3
timeout 30 cat <&3 >/dev/null
check "slow client: closed by the server (not by our 30 s guard)" "$?" 0
exec 3<&-

# More connections than JX_HTTP_MAX_CONNECTIONS (256) held open (on a server with the
# default 30 s timeout, so they stay; one worker thread, whose share of the cap is all of
# it): the next one is not served (refused, or left in the
# listen backlog until our 5 s guard); once they close the server serves again.
kill "$pid"; wait "$pid" 2>/dev/null
start() {
  : >"$tmp/out"   # not the last server's "serving" line (see tests/lib.sh)
  "$bin" --db "$tmp/t.db" serve --port 0 --quiet "$@" >"$tmp/out" 2>"$tmp/err" &
  pid=$!
  base=
  for _ in $(seq 1 600); do
    base=$(sed -n 's|^serving \(http://[^ ]*\)/$|\1|p' "$tmp/out"); [ -n "$base" ] && break; sleep 0.1
  done
  [ -n "$base" ] || { echo "FAIL server did not start: $(cat "$tmp/err")"; exit 1; }
  port=${base##*:}
}
start --threads 1
fds=()
for _ in $(seq 1 270); do exec {fd}<>"/dev/tcp/127.0.0.1/$port" && fds+=("$fd"); done
check "connection cap: 270 connections opened" "${#fds[@]}" 270
code=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' "$base/" 2>/dev/null); rc=$?
check "connection cap: one more is not served" "$([ "$rc" -ne 0 ] && [ "$code" != 200 ] && echo yes)" yes
for fd in "${fds[@]}"; do exec {fd}<&-; done
ok=000
for _ in $(seq 1 300); do ok=$(status "$base/"); [ "$ok" = 200 ] && break; sleep 0.1; done
check "connection cap: served again once they close" "$ok" 200

# Request line and headers beyond JX_HTTP_MAX_HEADER_BYTES (32 KB).
big=$(head -c 100000 /dev/zero | tr '\0' a)
check "huge header: 431" "$(status -H "X-Big: $big" "$base/")" 431
check "huge URL: 414" "$(status "$base/api/forms?q=$big")" 414
check "a 20 KB query is still served" "$(status "$base/api/forms?q=${big:0:20000}")" 200

# Invalid UTF-8 in the path and the query.
check "invalid UTF-8 path: 400" "$(status "$base/forms/%FF%FE")" 400
check "invalid UTF-8 query: 400" "$(status "$base/api/forms?unit=%C3%28")" 400
check "overlong UTF-8 query: 400" "$(status "$base/api/forms?unit=%C0%AF")" 400
check "still serving after all that" "$(status "$base/api/forms")" 200
kill "$pid"; wait "$pid" 2>/dev/null; pid=

echo "cli_server_limits: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
