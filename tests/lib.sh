#!/usr/bin/env bash
# tests/lib.sh - what the shell tests share. Source it first:
#   . "$(dirname "$0")/lib.sh"
# It makes $tmp (a fresh directory, removed on exit, with the server of
# start_server stopped first), the counters $pass and $fail, and:
#   check NAME GOT WANT            ok when GOT is WANT, exactly
#   check_grep NAME FILE STRING    ok when FILE holds the fixed STRING
#   check_nogrep NAME FILE STRING  ok when it does not
#   need CMD...                    exit 77 (ctest: skipped) when a command is missing
#   start_server DB OUT ERR [ARGS] `jixiao serve --port 0 ARGS` on DB in the
#                                  background ($bin), stdout to OUT, stderr to ERR;
#                                  sets $pid and $base (http[s]://127.0.0.1:PORT)
#   stop_server                    SIGTERM, wait for it to exit
#   req METHOD PATH [CURL ARGS]    curl $base$PATH: $code, $ctype; body $tmp/body, headers $tmp/hdr
#   jqb FILTER / jqc FILTER        jq -r / jq -c over the last body
#   finish NAME                    print the counts; the status is 0 only when nothing failed
# A script that needs its own variant of one (req with a cookie jar, say)
# defines it after sourcing.
tmp=$(mktemp -d)
pid=
pass=0
fail=0
jx_cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap jx_cleanup EXIT

check() {
  if [ "$2" == "$3" ]; then echo "ok   $1"; pass=$((pass + 1)); else echo "FAIL $1: got [$2] want [$3]"; fail=$((fail + 1)); fi
}
check_grep() {
  if grep -qF -- "$3" "$2"; then echo "ok   $1"; pass=$((pass + 1)); else echo "FAIL $1: no [$3] in $(head -c 600 "$2")"; fail=$((fail + 1)); fi
}
check_nogrep() {
  if grep -qF -- "$3" "$2"; then echo "FAIL $1: [$3] found"; fail=$((fail + 1)); else echo "ok   $1"; pass=$((pass + 1)); fi
}
need() {
  local c
  for c in "$@"; do
    command -v "$c" >/dev/null || { echo "SKIP: $c not found (scripts/install-deps.sh installs it)"; exit 77; }
  done
}

# The server prints "serving URL/" once it listens; a loaded machine (ASan,
# two cores shared) can take many seconds, so wait up to 60 s.
start_server() {
  local d=$1 out=$2 err=$3
  shift 3
  : >"$out"   # emptied now: the background shell may open it after the first read below, which would
              # find the last server's "serving" line and its port, closed (cli_auth failed so under load)
  "$bin" --db "$d" serve --port 0 "$@" >"$out" 2>"$err" &
  pid=$!
  base=
  for _ in $(seq 1 600); do
    base=$(sed -n 's|^serving \(https\{0,1\}://[^ ]*\)/$|\1|p' "$out")
    [ -n "$base" ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "FAIL server did not start: $(cat "$err")"
  exit 1
}
stop_server() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  pid=
}

req() {
  local m=$1 p=$2 w
  shift 2
  w=$(curl -sS -k --path-as-is -X "$m" -o "$tmp/body" -D "$tmp/hdr" -w '%{http_code} %{content_type}' "$@" "$base$p")
  code=${w%% *}
  ctype=${w#* }
}
jqb() { jq -r "$1" "$tmp/body"; }
jqc() { jq -c "$1" "$tmp/body"; }

finish() {
  echo "${1:+$1: }$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
