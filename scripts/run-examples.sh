#!/usr/bin/env bash
# `make run`: import the bundled examples into a fresh database and show what
# was read. Usage: run-examples.sh PATH/TO/jixiao
set -euo pipefail
bin=${1:?usage: run-examples.sh PATH/TO/jixiao}
root=$(cd "$(dirname "$0")/.." && pwd)
db=${JIXIAO_DB:-$root/build/examples.db}
rm -f "$db" "$db-wal" "$db-shm"
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
