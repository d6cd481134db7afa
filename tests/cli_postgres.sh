#!/usr/bin/env bash
# The PostgreSQL backend against a real PostgreSQL 15: a throwaway cluster
# (pg_cluster.sh: initdb + pg_ctl in a temp dir, unix socket only, run as
# nobody when the tests run as root). The seeds and the fixtures imported
# into PostgreSQL and into SQLite export the same JSON and CSV byte for byte,
# and list/summary/check/show print the same; a re-import keeps the ids and
# replaces the file; two concurrent imports both land; the web server reads
# PostgreSQL through its per-thread connections; a bad connection string, a
# missing database and an unreachable server fail with a clear message, exit
# 1 and no password shown; test_store runs against PostgreSQL too.
# Skips only when the PostgreSQL server binaries are absent.
set -u
bin=${1:?usage: cli_postgres.sh JIXIAO_BIN}
src=${JIXIAO_SOURCE_DIR:?}
fx=${JIXIAO_FIXTURES:?}
seeds=${JIXIAO_SEEDS:?}
. "$src/tests/pg_cluster.sh"
pg_cluster_start || exit $?
tmp=$PG_DIR/work   # inside the cluster's directory: removed with it
mkdir -p "$tmp"
pid=
cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  pg_cluster_stop
}
trap cleanup EXIT
fail=0
pass=0
check() {  # check NAME GOT WANT
  if [ "$2" == "$3" ]; then echo "ok   $1"; pass=$((pass + 1)); else echo "FAIL $1: got [$2] want [$3]"; fail=$((fail + 1)); fi
}
same() {  # same NAME FILE1 FILE2: byte-identical
  if cmp -s "$2" "$3"; then echo "ok   $1"; pass=$((pass + 1));
  else echo "FAIL $1: $2 and $3 differ:"; diff "$2" "$3" | head -20; fail=$((fail + 1)); fi
}

pg=$(pg_createdb jx) || { echo "FAIL createdb"; exit 1; }
sq=$tmp/t.db

# 1. The same files into both backends, one import command each file, in one order.
files=()
for f in "$seeds"/*.txt "$fx"/disclosure/*.txt "$fx"/pdf/final_national.md "$fx"/review/*.txt "$fx"/variants.md "$fx"/evaluate/*.md; do
  [ -f "$f" ] && files+=("$f")
done
[ ${#files[@]} -ge 4 ] || { echo "SKIP: seeds not found ($seeds)"; exit 77; }
for f in "${files[@]}"; do
  "$bin" --db "$sq" import "$f" >"$tmp/sq.out" 2>"$tmp/sq.err"; a=$?
  "$bin" --db "$pg" import "$f" >"$tmp/pg.out" 2>"$tmp/pg.err"; b=$?
  sed -i "s|$pg|DB|g; s|$sq|DB|g" "$tmp/sq.err" "$tmp/pg.err"
  if [ "$a" = "$b" ] && cmp -s "$tmp/sq.out" "$tmp/pg.out" && cmp -s "$tmp/sq.err" "$tmp/pg.err"; then
    pass=$((pass + 1))
  else
    echo "FAIL import $(basename "$f"): sqlite $a pg $b"; cat "$tmp/sq.out" "$tmp/sq.err" "$tmp/pg.out" "$tmp/pg.err" | head; fail=$((fail + 1))
  fi
done
echo "ok   ${#files[@]} files imported alike (status, output, messages)"
check "forms stored" "$(pg_sql jx 'SELECT count(*) FROM forms')" \
      "$("$bin" --db "$sq" export --format json | jq '.forms | length')"

"$bin" --db "$sq" export --format json >"$tmp/sq.json" 2>&1
"$bin" --db "$pg" export --format json >"$tmp/pg.json" 2>&1
same "export --format json identical" "$tmp/sq.json" "$tmp/pg.json"
"$bin" --db "$sq" export --format csv -o "$tmp/sq.csv" && "$bin" --db "$pg" export --format csv -o "$tmp/pg.csv" ||
  { echo "FAIL export --format csv"; fail=$((fail + 1)); }
for t in forms indicators findings; do
  same "export --format csv: $t.csv identical" "$tmp/sq.csv/$t.csv" "$tmp/pg.csv/$t.csv"
done
[ "$(wc -l < "$tmp/pg.csv/indicators.csv")" -gt 500 ] && pass=$((pass + 1)) ||
  { echo "FAIL indicators.csv too short"; fail=$((fail + 1)); }
[ "$(jq '.forms | length' "$tmp/pg.json")" -gt 30 ] && pass=$((pass + 1)) || { echo "FAIL too few forms exported"; fail=$((fail + 1)); }
for cmd in "list" "list --year 2023 --unit 人力资源" "summary" "summary --by unit" "check" "check --format json" "show 3" \
           "evaluate list --format json" "evaluate summary"; do
  # shellcheck disable=SC2086
  "$bin" --db "$sq" $cmd >"$tmp/sq.o" 2>&1; a=$?
  # shellcheck disable=SC2086
  "$bin" --db "$pg" $cmd >"$tmp/pg.o" 2>&1; b=$?
  check "$cmd: exit status" "$b" "$a"
  same "$cmd: output identical" "$tmp/sq.o" "$tmp/pg.o"
  [ "$a" -le 1 ] && [ "$(wc -l < "$tmp/pg.o")" -gt 1 ] && pass=$((pass + 1)) ||
    { echo "FAIL $cmd: no output to compare (exit $a): $(head -3 "$tmp/pg.o")"; fail=$((fail + 1)); }
done

# 2. Re-import of a file: replaced by content hash, ids kept, nothing duplicated.
seed=$seeds/003_a643829a048b0740.txt
before=$(pg_sql jx "SELECT string_agg(id::text, ',' ORDER BY id) FROM forms")
nfiles=$(pg_sql jx "SELECT count(*) FROM files")
"$bin" --db "$pg" import "$seed" >/dev/null
check "re-import keeps ids" "$(pg_sql jx "SELECT string_agg(id::text, ',' ORDER BY id) FROM forms")" "$before"
check "re-import replaces the file" "$(pg_sql jx "SELECT count(*) FROM files")" "$nfiles"
"$bin" --db "$pg" export --format json >"$tmp/pg2.json"
same "export unchanged by the re-import" "$tmp/pg.json" "$tmp/pg2.json"
check "ids stay identity-assigned" "$(pg_sql jx "SELECT count(*) FROM forms WHERE id <= 0")" "0"

# 3. Two imports at once into a fresh database (its migration races too): both land.
pg2=$(pg_createdb race)
"$bin" --db "$pg2" import "$seeds/000_75a7d0d2d6251555.txt" >"$tmp/r1" 2>&1 & p1=$!
"$bin" --db "$pg2" import "$seeds/003_a643829a048b0740.txt" >"$tmp/r2" 2>&1 & p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
check "concurrent imports: both succeed" "$s1 $s2" "0 0"
check "concurrent imports: both files stored" "$(pg_sql race "SELECT count(*) FROM files")/$(pg_sql race "SELECT count(*) FROM forms")" "2/31"
check "concurrent imports: schema migrated once" "$(pg_sql race "SELECT count(*) FROM jixiao_schema")" "1"

# 4. The web server on PostgreSQL: its per-thread connections answer like SQLite's.
mkdir -p "$tmp/srvtmp"
TMPDIR=$tmp/srvtmp "$bin" --db "$pg" serve --port 0 >"$tmp/srv.out" 2>"$tmp/srv.err" &
pid=$!
base=
for _ in $(seq 1 600); do
  base=$(sed -n 's|^serving \(http://[^ ]*\)/$|\1|p' "$tmp/srv.out")
  [ -n "$base" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if [ -n "$base" ] && command -v curl >/dev/null; then
  n=$(jq '.forms | length' "$tmp/pg.json")
  for i in 1 2 3 4 5 6; do curl -sS -o "$tmp/par$i.json" "$base/api/forms" & done
  wait $(jobs -p | grep -vx "$pid")
  got=$(jq -s 'map(.total) | unique | tostring' -r "$tmp"/par?.json)
  check "server: six parallel /api/forms answer the total" "$got" "[$n]"
  first=$(jq '.forms[0].id' "$tmp/pg.json")
  check "server: /api/forms/ID" "$(curl -sS "$base/api/forms/$first" | jq '.id')" "$first"
  check "server: /api/summary" "$(curl -sS -o /dev/null -w '%{http_code}' "$base/api/summary")" "200"
  # An import while the server runs (and serves): both work, and the server sees the new forms.
  # (a copy of a seed with one more line: another content hash, so 26 more forms)
  cp "$seed" "$tmp/copy.txt"; echo >> "$tmp/copy.txt"
  n0=$(pg_sql jx 'SELECT count(*) FROM forms')
  (for i in 1 2 3 4 5 6 7 8; do curl -sS -o /dev/null "$base/api/forms?page=$i"; done) & readers=$!
  "$bin" --db "$pg" import "$tmp/copy.txt" >/dev/null 2>&1; s=$?
  wait $readers
  check "import while serving: exit status" "$s" "0"
  check "import while serving: stored" "$(pg_sql jx 'SELECT count(*) FROM forms')" "$((n0 + 26))"
  check "server sees the import" "$(curl -sS "$base/api/forms" | jq .total)" "$((n0 + 26))"
else
  echo "FAIL server did not start: $(cat "$tmp/srv.err")"; fail=$((fail + 1))
fi
kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=

# 5. Bad connection strings: a clear message, exit 1, the password never shown.
"$bin" --db "postgresql://jixiao:sekrit@/nosuchdb?host=$PG_DIR" list >/dev/null 2>"$tmp/e1"; s=$?
check "missing database: exit 1" "$s" "1"
grep -q 'database "nosuchdb" does not exist' "$tmp/e1" && pass=$((pass + 1)) || { echo "FAIL missing database message: $(cat "$tmp/e1")"; fail=$((fail + 1)); }
grep -q sekrit "$tmp/e1" && { echo "FAIL the password is shown: $(cat "$tmp/e1")"; fail=$((fail + 1)); } || pass=$((pass + 1))
JIXIAO_DB="host=$tmp/nosocket dbname=jx user=jixiao password=sekrit2" "$bin" import "$seed" >/dev/null 2>"$tmp/e2"; s=$?
check "unreachable server: exit 1" "$s" "1"
grep -q 'cannot connect to PostgreSQL' "$tmp/e2" && grep -q 'nosocket' "$tmp/e2" && pass=$((pass + 1)) ||
  { echo "FAIL unreachable message: $(cat "$tmp/e2")"; fail=$((fail + 1)); }
grep -q sekrit2 "$tmp/e2" && { echo "FAIL the password is shown: $(cat "$tmp/e2")"; fail=$((fail + 1)); } || pass=$((pass + 1))
"$bin" --db "postgresql://jixiao@/jx?host=$PG_DIR&nosuchoption=1" list >/dev/null 2>"$tmp/e3"; s=$?
check "bad connection string: exit 1" "$s" "1"
grep -q 'invalid URI query parameter: "nosuchoption"' "$tmp/e3" && pass=$((pass + 1)) ||
  { echo "FAIL bad connection string message: $(cat "$tmp/e3")"; fail=$((fail + 1)); }

# 6. The store's unit tests against PostgreSQL (their SQLite-only cases skip there).
store_test=$(dirname "$bin")/tests/test_store
if [ -x "$store_test" ]; then
  pg_createdb unit >/dev/null
  if JIXIAO_TEST_PG="postgresql://$PG_USER@/unit?host=$PG_DIR" "$store_test" >"$tmp/unit.log" 2>&1; then
    check "test_store on PostgreSQL: cases passed, skipped" \
      "$(grep -c '^\[       OK \]' "$tmp/unit.log"), $(grep -c 'SKIP on PostgreSQL' "$tmp/unit.log")" "12, 1"
  else
    echo "FAIL test_store on PostgreSQL:"; tail -30 "$tmp/unit.log"; fail=$((fail + 1))
  fi
else
  echo "FAIL test_store not found next to $bin"; fail=$((fail + 1))
fi

echo "cli_postgres: $pass passed, $fail failed"
[ $fail -eq 0 ]
