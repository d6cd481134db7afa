#!/usr/bin/env bash
# Faults injected into the real binary: a full disk (RLIMIT_FSIZE in the
# child, SIGXFSZ ignored so writes fail with EFBIG as on a full disk) during
# import and export; kill -9 in the middle of a large import; two imports at
# once into one SQLite file; a read-only database file; a database from a
# newer jixiao. Each must end with a clear error (or success), the database
# intact and holding exactly what committed, and no half-written output.
set -u
bin=${1:?usage: cli_faults.sh JIXIAO_BIN}
src=${JIXIAO_SOURCE_DIR:?}
gen=$(dirname "$bin")/bench/jixiao-bench-gen
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {
  if [ "$2" = "$3" ]; then echo "ok   $1"; pass=$((pass + 1)); else echo "FAIL $1: got [$2] want [$3]"; fail=$((fail + 1)); fi
}
check_grep() {
  if grep -qE -- "$3" <<<"$2"; then echo "ok   $1"; pass=$((pass + 1)); else echo "FAIL $1: [$2] does not match /$3/"; fail=$((fail + 1)); fi
}
dump() { sqlite3 "$1" .dump | sha256sum; }
integrity() { sqlite3 "$1" "PRAGMA integrity_check"; }
# limited KB CMD...: run CMD with files limited to KB kilobytes, SIGXFSZ ignored.
limited() { local kb=$1; shift; bash -c 'trap "" XFSZ; ulimit -f "$0"; exec "$@"' "$kb" "$@"; }

"$gen" --seed 7 --per-file 100 3000 "$tmp/corpus" >/dev/null || { echo "FAIL bench generator"; exit 1; }
files=("$tmp"/corpus/*.md "$tmp"/corpus/*.txt)
check "corpus: 30 files" "${#files[@]}" 30

# ---- disk full during import: the file that does not fit is rolled back
db=$tmp/full.db
"$bin" --db "$db" import "$src"/examples/* >/dev/null
before=$(dump "$db")
kb=$(( $(stat -c %s "$db") / 1024 + 64 ))
out=$(limited "$kb" "$bin" --db "$db" import "${files[@]:0:5}" 2>&1 >/dev/null); rc=$?
check "disk full, import: exit" "$rc" 1
check_grep "disk full, import: names the file and the database" "$out" \
  '^jixiao: import: [^:]+\.(md|txt): database .*(disk is full|disk I/O error|too large)'
check "disk full, import: database intact" "$(integrity "$db")" ok
imported=$(sqlite3 "$db" "SELECT count(*) FROM files")
sqlite3 "$db" "SELECT name FROM files ORDER BY id" > "$tmp/names"
# Every file recorded is complete: its forms match a clean import of it.
complete=1
while read -r name; do
  [ -f "$tmp/corpus/$name" ] || continue
  want=$("$bin" --db "$tmp/ref-$name.db" import "$tmp/corpus/$name" | sed 's/.*: \([0-9]*\) forms.*/\1/')
  got=$(sqlite3 "$db" "SELECT count(*) FROM forms JOIN files ON files.id = forms.file_id WHERE files.name = '$name'")
  [ "$want" = "$got" ] || complete=0
done < "$tmp/names"
check "disk full, import: each file stored is whole" "$complete" 1
check "disk full, import: not all of it went in" "$([ "$imported" -lt 8 ] && echo yes)" yes

# ---- disk full during export: an error, and no file (atomic rename never happened)
db=$tmp/exp.db
"$bin" --db "$db" import "${files[@]:0:3}" >/dev/null
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null   # reading then writes only the 32 KB -shm
for fmt in json xlsx csv; do
  out_path=$tmp/out.$fmt
  [ "$fmt" = csv ] && out_path=$tmp/outcsv
  out=$(limited 64 "$bin" --db "$db" export --format "$fmt" -o "$out_path" 2>&1 >/dev/null); rc=$?
  check "disk full, export $fmt: exit" "$rc" 1
  check_grep "disk full, export $fmt: says why" "$out" '^jixiao: export: .*(File too large|No space|cannot write|error writing|write)'
  check "disk full, export $fmt: no output, no temporary file" \
    "$(find "$tmp" -maxdepth 2 -path "$tmp/out*" -type f | wc -l)" 0
done

# ---- kill -9 in the middle of a large import: exactly the committed files
db=$tmp/kill.db
# Line-buffered, so each "FILE: N forms" line (printed after its COMMIT) is out before the kill.
# stdbuf works by LD_PRELOAD, which an ASan binary refuses unless told not to check the link order.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" stdbuf -oL "$bin" --db "$db" import "${files[@]}" > "$tmp/progress" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  [ "$(wc -l < "$tmp/progress")" -ge 3 ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.02
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
printed=$(wc -l < "$tmp/progress")
check "kill -9: killed in the middle ($printed of 30 files reported)" "$([ "$printed" -ge 3 ] && [ "$printed" -lt 30 ] && echo yes)" yes
check "kill -9: database intact" "$(integrity "$db")" ok
stored=$(sqlite3 "$db" "SELECT count(*) FROM files")
# Committed = printed, or printed + 1 when the kill fell between COMMIT and the summary line.
check "kill -9: the files that committed, no more" \
  "$([ "$stored" -ge "$printed" ] && [ "$stored" -le $((printed + 1)) ] && echo yes)" yes
sqlite3 "$db" "SELECT name FROM files ORDER BY id" > "$tmp/names"
complete=1
while read -r name; do
  want=$("$bin" --db "$tmp/k-$name.db" import "$tmp/corpus/$name" | sed 's/.*: \([0-9]*\) forms, \([0-9]*\) indicators/\1 \2/')
  got=$(sqlite3 "$db" "SELECT count(DISTINCT forms.id) || ' ' || count(indicators.seq) FROM forms JOIN files ON files.id = forms.file_id LEFT JOIN indicators ON indicators.form_id = forms.id WHERE files.name = '$name'")
  [ "$want" = "$got" ] || { complete=0; echo "  $name: want [$want] got [$got]"; }
done < "$tmp/names"
check "kill -9: each file stored is whole" "$complete" 1
"$bin" --db "$db" import "${files[@]}" >/dev/null
check "kill -9: a second import completes it" "$(sqlite3 "$db" "SELECT count(*) FROM files")" 30

# ---- two imports at once into one file: both land, nothing lost
db=$tmp/two.db
"$bin" --db "$db" import "${files[@]:0:15}" > "$tmp/a.out" 2>&1 &
a=$!
"$bin" --db "$db" import "${files[@]:15:15}" > "$tmp/b.out" 2>&1 &
b=$!
wait "$a"; ra=$?
wait "$b"; rb=$?
check "two imports: both succeed" "$ra $rb" "0 0"
check "two imports: all 30 files" "$(sqlite3 "$db" "SELECT count(*) FROM files")" 30
check "two imports: all 3000 forms" "$(sqlite3 "$db" "SELECT count(*) FROM forms")" 3000
check "two imports: database intact" "$(integrity "$db")" ok

# ---- a database from a newer jixiao: refused, not migrated backwards
db=$tmp/new.db
"$bin" --db "$db" import "$src/examples/2019_markdown_health.md" >/dev/null
sqlite3 "$db" "PRAGMA user_version = 999"
before=$(dump "$db")
out=$("$bin" --db "$db" list 2>&1 >/dev/null); rc=$?
check "newer database: exit" "$rc" 1
check_grep "newer database: says so" "$out" "schema version 999, newer than this jixiao"
out=$("$bin" --db "$db" import "$src/examples/2020_tsv_gb18030_training.txt" 2>&1 >/dev/null); rc=$?
check "newer database: import refused too" "$rc" 1
check "newer database: untouched" "$(dump "$db")" "$before"
check "newer database: version kept" "$(sqlite3 "$db" "PRAGMA user_version")" 999

# ---- a read-only database file (as an unprivileged user: root writes anything)
db=$tmp/ro/ro.db
mkdir -p "$tmp/ro"
"$bin" --db "$db" import "$src/examples/2019_markdown_health.md" >/dev/null
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
before=$(dump "$db")
chmod 0444 "$db"; chmod 0555 "$tmp/ro"; chmod 0755 "$tmp"
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  if command -v setpriv >/dev/null; then as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups); else as_user=(skip); fi
fi
if [ "${as_user[0]:-}" = skip ]; then
  echo "skip read-only database: no setpriv to drop root"
else
  out=$("${as_user[@]}" "$bin" --db "$db" import "$src/examples/2020_tsv_gb18030_training.txt" 2>&1 >/dev/null); rc=$?
  check "read-only database, import: exit" "$rc" 1
  check_grep "read-only database, import: says so" "$out" "^jixiao: .*$db.*(read-only|readonly|unable to open)"
  out=$("${as_user[@]}" "$bin" --db "$db" list 2>&1); rc=$?
  check_grep "read-only database, list: reads it or says why" "$rc $out" "^(0 .*家庭医生签约服务能力提升项目|1 jixiao: .*(read-only|readonly|unable to open))"
  chmod 0755 "$tmp/ro"; chmod 0644 "$db"
  check "read-only database: untouched" "$(dump "$db")" "$before"
fi
chmod -R u+w "$tmp" 2>/dev/null

echo "cli_faults: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
