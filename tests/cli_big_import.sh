#!/usr/bin/env bash
# A 200 MB valid file imports in bounded memory (issues 14 and 16): one
# markdown file of generated forms (jixiao-bench-gen --per-file), each form
# followed by about 100 KB of explanatory paragraphs (running text after a
# form's table belongs to no field: the forms stored are the generator's
# exactly). Read whole, its rows alone would take over a gigabyte; read piece
# by piece (lib/import), the import -- one transaction, and the review it
# stores -- must peak below a stated bound, taken by /usr/bin/time from wait4.
# The file is mostly paragraphs so that the test takes seconds, not the
# minutes 100,000 forms would (those are measured by bench/run). Under
# AddressSanitizer (whose shadow memory and quarantine make RSS meaningless,
# and which is ~10x slower) a 20 MB file checks the result only.
set -u
bin=${1:?usage: cli_big_import.sh JIXIAO_BIN}
gen=$(dirname "$bin")/bench/jixiao-bench-gen
[ -x /usr/bin/time ] || { echo "SKIP: /usr/bin/time missing (Debian's time)"; exit 77; }
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {
  if [ "$2" = "$3" ]; then echo "ok   $1"; pass=$((pass + 1)); else echo "FAIL $1: got [$2] want [$3]"; fail=$((fail + 1)); fi
}
bound_mb=100
forms=2000 mb=200
if ldd "$bin" 2>/dev/null | grep -q libasan; then
  echo "note: $bin is built with AddressSanitizer: a 20 MB file, the result checked, the memory bound not asserted"
  forms=200 mb=20
fi
"$gen" --seed 5 --per-file "$forms" "$forms" "$tmp/gen" >/dev/null || { echo "FAIL generator"; exit 1; }
want_ind=$(awk '$1 == "indicators" {print $2}' "$tmp/gen/counts")
# ~100 KB of paragraphs before each form's title but the first (after the form before it)
para=$(for i in $(seq 3); do printf '本项目按照年度实施计划组织推进，资金使用符合财政资金管理规定，绩效目标明确、细化、可衡量，'; done)
start=$(date +%s)
plen=$(printf %s "$para" | wc -c)
awk -v p="$para" -v n=$((mb * 1024 * 1024 / forms / (plen + 12) + 1)) '
  /绩效目标申报表/ && NR > 1 { for (i = 0; i < n; i++) print p "第" i "段。" }
  { print }
  END { for (i = 0; i < n; i++) print p "第" i "段。" }' "$tmp/gen/f00000.md" >"$tmp/big.md"
rm -f "$tmp/gen/f00000.md"
bytes=$(stat -c %s "$tmp/big.md")
check "the file is at least $mb MB" "$([ "$bytes" -ge $((mb * 1000 * 1000)) ] && echo yes)" yes
echo "     generated $((bytes / 1024 / 1024)) MB in $(($(date +%s) - start)) s"

start=$(date +%s)
/usr/bin/time -f '%M' -o "$tmp/rss" "$bin" --db "$tmp/t.db" import "$tmp/big.md" >"$tmp/out" 2>"$tmp/err"
rc=$?
secs=$(($(date +%s) - start))
kb=$(tail -1 "$tmp/rss")
check "import: exit" "$rc" 0
check "import: the report" "$(cat "$tmp/out")" "big.md: $forms forms, $want_ind indicators"
check "import: nothing skipped" "$(cat "$tmp/err")" ""
check "stored: forms" "$(sqlite3 "$tmp/t.db" 'SELECT count(*) FROM forms')" "$forms"
check "stored: indicators" "$(sqlite3 "$tmp/t.db" 'SELECT count(*) FROM indicators')" "$want_ind"
check "stored: one file" "$(sqlite3 "$tmp/t.db" 'SELECT count(*) FROM files')" 1
check "stored: the review" "$("$bin" --db "$tmp/t.db" check --format json | jq '.grades | length')" "$forms"
echo "     import of $((bytes / 1024 / 1024)) MB: $secs s, peak RSS $((kb / 1024)) MB"
if [ "$mb" = 200 ]; then
  check "import: peak RSS $((kb / 1024)) MB < $bound_mb MB" "$([ "$kb" -lt $((bound_mb * 1024)) ] && echo yes)" yes
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
