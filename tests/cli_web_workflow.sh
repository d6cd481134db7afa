#!/usr/bin/env bash
# The review workflow in a browser: the bundled examples imported, the server
# started on a free loopback port, and tests/web/workflow.test.js driving
# Debian's headless Chromium through puppeteer-core (edit, 提交, 退回 with a
# comment, 不采纳, fix, 提交, 通过, the history, the diff), once in loopback
# single-user mode and once under serve --auth (the unit user and the reviewer
# sign in for their steps, the admin's 审计日志 page shows them). Screenshots go to
# web-screenshots-workflow/ in the build directory. Skips (77) only when no
# Chromium is installed.
set -u
bin=${1:?usage: cli_web_workflow.sh JIXIAO_BIN}
src=${JIXIAO_SOURCE_DIR:?}
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chromium" ] || [ ! -x "$chromium" ]; then
  echo "SKIP: Chromium not found (Debian package chromium; scripts/install-deps.sh installs it)"
  exit 77
fi
for t in node npm; do
  command -v $t >/dev/null || { echo "FAIL: $t not found (scripts/install-deps.sh installs nodejs and npm)"; exit 1; }
done

# puppeteer-core from the lock file, in a directory of this test's own (the other browser test
# may be installing into its own at the same time under ctest -j).
work=$PWD/web-browser-workflow
mkdir -p "$work"
if ! cmp -s "$src/tests/web/package-lock.json" "$work/package-lock.json" || [ ! -d "$work/node_modules/puppeteer-core" ]; then
  cp "$src/tests/web/package.json" "$src/tests/web/package-lock.json" "$work/"
  echo "npm ci in $work"
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error) || { echo "FAIL: npm ci"; rm -f "$work/package-lock.json"; exit 1; }
fi
shots=$PWD/web-screenshots-workflow
rm -rf "$shots"
mkdir -p "$shots"

tmp=$(mktemp -d)
pid=

cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
# run_mode MODE: a fresh database, the server (with --auth for "auth"), the browser test; its status.
run_mode() {
  local m=$1 db=$tmp/$1.db
  "$bin" --db "$db" import "$src"/examples/* >/dev/null || { echo "FAIL: import examples"; return 1; }
  local args=()
  if [ "$m" = auth ]; then
    echo 'unit-pass-1' | "$bin" --db "$db" user add wang --role unit --unit 示例市职业技能培训指导中心 --password-stdin >/dev/null &&
      echo 'review-pass-1' | "$bin" --db "$db" user add zhao --role reviewer --password-stdin >/dev/null &&
      echo 'admin-pass-1' | "$bin" --db "$db" user add admin --role admin --password-stdin >/dev/null ||
      { echo "FAIL: user add"; return 1; }
    args=(--auth)
  fi
  "$bin" --db "$db" serve "${args[@]}" --port 0 >"$tmp/out" 2>"$tmp/err" &
  pid=$!
  base=
  for _ in $(seq 1 600); do
    base=$(sed -n 's|^serving \(http://[^ ]*\)/$|\1|p' "$tmp/out")
    [ -n "$base" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$base" ] || { echo "FAIL: server did not start: $(cat "$tmp/err")"; return 1; }
  mkdir -p "$shots/$m"
  echo "-- $m"
  JIXIAO_URL=$base CHROMIUM=$chromium SHOTS_DIR=$shots/$m NODE_PATH=$work/node_modules AUTH=$([ "$m" = auth ] && echo 1 || echo 0) \
    timeout 300 node "$src/tests/web/workflow.test.js"
  local rc=$?
  kill -TERM "$pid"
  wait "$pid"
  local stop=$?
  pid=
  if [ "$stop" -ne 0 ]; then
    echo "FAIL server exit status $stop after SIGTERM: $(tail -5 "$tmp/err")"
    rc=1
  fi
  return $rc
}
rc=0
run_mode single || rc=1
run_mode auth || rc=1

echo "screenshots: $shots"
exit $rc
