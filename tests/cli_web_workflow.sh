#!/usr/bin/env bash
# The review workflow in a browser: the bundled examples imported, the server
# started on a free loopback port, and tests/web/workflow.test.js driving
# Debian's headless Chromium through puppeteer-core (edit, 提交, 退回 with a
# comment, 不采纳, fix, 提交, 通过, the history, the diff). Screenshots go to
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
db=$tmp/t.db
"$bin" --db "$db" import "$src"/examples/* >/dev/null || { echo "FAIL: import examples"; exit 1; }
"$bin" --db "$db" serve --port 0 >"$tmp/out" 2>"$tmp/err" &
pid=$!
base=
for _ in $(seq 1 100); do
  base=$(sed -n 's|^serving \(http://[^ ]*\)/$|\1|p' "$tmp/out")
  [ -n "$base" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$base" ] || { echo "FAIL: server did not start: $(cat "$tmp/err")"; exit 1; }

JIXIAO_URL=$base CHROMIUM=$chromium SHOTS_DIR=$shots NODE_PATH=$work/node_modules \
  timeout 300 node "$src/tests/web/workflow.test.js"
rc=$?

kill -TERM "$pid"
wait "$pid"
stop=$?
pid=
if [ "$stop" -ne 0 ]; then
  echo "FAIL server exit status $stop after SIGTERM: $(tail -5 "$tmp/err")"
  rc=1
fi
echo "screenshots: $shots"
exit $rc
