#!/usr/bin/env bash
# The streaming import (issue 14): a text file larger than one piece is
# parsed and stored piece by piece. JIXIAO_IMPORT_PIECE=1024 makes nearly
# every document many pieces, so each seed, wild document and fixture -- forms,
# disclosures, final accounts, self-evaluations, bad files -- and generated
# corpora in UTF-8 and GB18030 go through it; what is stored (the JSON export,
# the CSVs, the import's own report on stdout and stderr) must be byte for
# byte what the whole-document import stores, re-imports (kept ids) included.
# Then refusals found late in a large file (a line too long, bytes that do
# not decode, nothing to import): the whole-document message, database unchanged.
set -u
bin=${1:?usage: cli_stream.sh JIXIAO_BIN}
src=${JIXIAO_SOURCE_DIR:?}
fx=${JIXIAO_FIXTURES:?}
seeds=${JIXIAO_SEEDS:?}
gen=$(dirname "$bin")/bench/jixiao-bench-gen
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {
  if [ "$2" = "$3" ]; then echo "ok   $1"; pass=$((pass + 1)); else echo "FAIL $1: got [$2] want [$3]"; fail=$((fail + 1)); fi
}
dump() { sqlite3 "$1" .dump | sha256sum; }

# Generated corpora: one markdown file (UTF-8) and one TSV file (GB18030), many pieces each.
"$gen" --seed 11 --per-file 75 300 "$tmp/gen" >/dev/null || { echo "FAIL generator"; exit 1; }
check "generated: a GB18030 file" "$(iconv -f UTF-8 -t UTF-8 "$tmp"/gen/f00003.txt >/dev/null 2>&1 || echo not-utf-8)" not-utf-8

files=()
for f in "$seeds"/*.txt "$src"/../shared/wild/*.txt "$src"/examples/* "$fx"/*.md "$fx"/*.txt \
         "$fx"/disclosure/*.txt "$fx"/evaluate/* "$fx"/review/*.txt "$fx"/pdf/*.md "$tmp"/gen/f0000*.*; do
  [ -f "$f" ] && files+=("$f")
done
check "files found" "$([ ${#files[@]} -ge 25 ] && echo yes)" yes

# whole vs pieces: the same files imported twice (the second time each keeps its ids)
for mode in whole pieces; do
  db=$tmp/$mode.db
  piece=
  [ $mode = pieces ] && piece=1024
  for round in 1 2; do
    JIXIAO_IMPORT_PIECE=$piece "$bin" --db "$db" import "${files[@]}" >"$tmp/$mode.out$round" 2>"$tmp/$mode.err$round"
    echo "exit $?" >>"$tmp/$mode.out$round"
  done
  "$bin" --db "$db" export --format json -o "$tmp/$mode.json"
  "$bin" --db "$db" export --format csv -o "$tmp/$mode.csv"
  "$bin" --db "$db" check --format json >"$tmp/$mode.check" 2>&1
done
check "forms stored" "$(jq ".forms | length" "$tmp/whole.json" | awk "{print (\$1 >= 300) ? \"yes\" : \$1}")" yes
for round in 1 2; do
  check "import report, round $round: stdout" "$(cmp -s "$tmp/whole.out$round" "$tmp/pieces.out$round" && echo same)" same
  check "import report, round $round: stderr" "$(cmp -s "$tmp/whole.err$round" "$tmp/pieces.err$round" && echo same)" same
done
check "JSON export byte for byte" "$(cmp -s "$tmp/whole.json" "$tmp/pieces.json" && echo same)" same
check "CSV export byte for byte" "$(diff -r "$tmp/whole.csv" "$tmp/pieces.csv" >/dev/null && echo same)" same
check "stored review" "$(cmp -s "$tmp/whole.check" "$tmp/pieces.check" && echo same)" same
check "skipped parts reported" "$(grep -c 'skipped' "$tmp/pieces.err1" | awk '{print ($1 > 0) ? "yes" : "no"}')" yes

# ---- refusals late in a large file: the whole-document error, nothing stored
big=$tmp/gen/f00000.md
lines=$(wc -l < "$big")
db=$tmp/bad.db
"$bin" --db "$db" import "$src"/examples/* >/dev/null
before=$(dump "$db")
refuse() {   # refuse NAME FILE: the same error either way, exit 1, database unchanged
  local w p
  w=$("$bin" --db "$db" import "$2" 2>&1 >/dev/null); local rw=$?
  p=$(JIXIAO_IMPORT_PIECE=1024 "$bin" --db "$db" import "$2" 2>&1 >/dev/null); local rp=$?
  check "$1: exit" "$rw $rp" "1 1"
  check "$1: the whole-document message" "$p" "$w"
  check "$1: database unchanged" "$(dump "$db")" "$before"
  echo "     ($p)"
}
{ cat "$big"; head -c 1100000 /dev/zero | tr '\0' 'x'; echo; } >"$tmp/long.md"
refuse "a line too long at the end" "$tmp/long.md"
check "  names its line" "$("$bin" --db "$db" import "$tmp/long.md" 2>&1 | grep -c "long.md:$((lines + 1)):")" 1
{ iconv -f UTF-8 -t GB18030 "$big"; printf '\x81\x20 bad\n'; } >"$tmp/gb.txt"
refuse "GB18030 that stops decoding at the end" "$tmp/gb.txt"
{ cat "$big"; printf '\xe4\xb8\n'; } >"$tmp/utf8.md"
refuse "UTF-8 damaged at the end" "$tmp/utf8.md"
for i in $(seq 3000); do echo "这一行只是说明文字，没有任何申报表。"; done >"$tmp/prose.txt"
refuse "nothing to import" "$tmp/prose.txt"

# ---- a disclosure after the forms of a large file: read whole, as before
cat "$big" "$fx"/disclosure/invented.txt >"$tmp/mixed.txt"
w=$("$bin" --db "$tmp/m1.db" import "$tmp/mixed.txt" 2>&1)
p=$(JIXIAO_IMPORT_PIECE=1024 "$bin" --db "$tmp/m2.db" import "$tmp/mixed.txt" 2>&1)
check "forms then a disclosure: the same report" "$p" "$w"
check "  names the disclosure" "$(grep -c 'budget disclosure' <<<"$p")" 1
"$bin" --db "$tmp/m1.db" export --format json -o "$tmp/m1.json"
"$bin" --db "$tmp/m2.db" export --format json -o "$tmp/m2.json"
check "  the same export" "$(cmp -s "$tmp/m1.json" "$tmp/m2.json" && echo same)" same

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
