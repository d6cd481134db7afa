#!/usr/bin/env bash
# Browser tests of `jixiao serve`: the bundled examples imported, the server
# started on a free loopback port, every page driven in Debian's headless
# Chromium by puppeteer-core (tests/web/browser.test.js), screenshots saved
# under the build directory (web-screenshots/ beside this test's working
# directory). Skips (77) only when no Chromium is installed.
set -u
bin=${1:?usage: cli_web_browser.sh JIXIAO_BIN}
src=${JIXIAO_SOURCE_DIR:?}
fx=${JIXIAO_FIXTURES:?}
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chromium" ] || [ ! -x "$chromium" ]; then
  echo "SKIP: Chromium not found (Debian package chromium; scripts/install-deps.sh installs it)"
  exit 77
fi
for t in node npm; do
  command -v $t >/dev/null || { echo "FAIL: $t not found (scripts/install-deps.sh installs nodejs and npm)"; exit 1; }
done

# puppeteer-core from the lock file, installed once per build directory (again when the lock changes).
work=$PWD/web-browser
mkdir -p "$work"
if ! cmp -s "$src/tests/web/package-lock.json" "$work/package-lock.json" || [ ! -d "$work/node_modules/puppeteer-core" ]; then
  cp "$src/tests/web/package.json" "$src/tests/web/package-lock.json" "$work/"
  echo "npm ci in $work"
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error) || { echo "FAIL: npm ci"; rm -f "$work/package-lock.json"; exit 1; }
fi
shots=$PWD/web-screenshots
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
"$bin" --db "$db" import "$src"/examples/2019_markdown_health.md "$src"/examples/2020_tsv_gb18030_training.txt \
  "$src"/examples/2023_tsv_culture_employment.txt >/dev/null || { echo "FAIL: import examples"; exit 1; }
"$bin" --db "$db" serve --port 0 >"$tmp/out" 2>"$tmp/err" &
pid=$!
base=
for _ in $(seq 1 600); do
  base=$(sed -n 's|^serving \(http://[^ ]*\)/$|\1|p' "$tmp/out")
  [ -n "$base" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$base" ] || { echo "FAIL: server did not start: $(cat "$tmp/err")"; exit 1; }

badline=$("$bin" --db "$tmp/scratch.db" import "$fx/bad_amount.md" 2>&1 | sed -n 's/^jixiao: import: bad_amount\.md:\([0-9]*\): .*/\1/p')
JIXIAO_URL=$base CHROMIUM=$chromium SHOTS_DIR=$shots FIXTURES=$src/tests/web/fixtures \
  BAD_FIXTURE=$fx/bad_amount.md BAD_LINE=$badline NODE_PATH=$work/node_modules \
  timeout 300 node "$src/tests/web/browser.test.js"
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
