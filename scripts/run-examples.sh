#!/usr/bin/env bash
# `make run`: import the bundled examples into a database of its own
# (build/examples.db, whatever $JIXIAO_DB says) and show what was read.
# It re-creates that database on each run, but only when the marker file
# beside it says make run created it: a database it did not create is never
# deleted. Usage: run-examples.sh PATH/TO/jixiao
set -euo pipefail
bin=${1:?usage: run-examples.sh PATH/TO/jixiao}
root=$(cd "$(dirname "$0")/.." && pwd)
db=${EXAMPLES_DB:-$root/build/examples.db}   # EXAMPLES_DB: for the tests
marker=$db.made-by-make-run
mkdir -p "$(dirname "$db")"
if [ -e "$db" ] && [ ! -e "$marker" ]; then
  echo "run-examples: $db exists and was not created by make run; move it away first" >&2
  exit 1
fi
rm -f "$db" "$db-wal" "$db-shm"
: > "$marker"
echo "== importing examples/ into $db"
"$bin" --db "$db" import "$root"/examples/*
echo
echo "== forms"
"$bin" --db "$db" list
echo
echo "== first form"
"$bin" --db "$db" show 1
echo
echo "Next: $bin --db $db export --format json"
echo
# Last: the web UI over the same database, until Ctrl-C (`jixiao serve`).
echo "== web UI and JSON API (Ctrl-C stops)"
echo "open http://127.0.0.1:8080/"
exec "$bin" --db "$db" serve --bind 127.0.0.1 --port 8080
