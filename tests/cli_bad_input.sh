#!/usr/bin/env bash
# Bad input: each case must fail with exit status 1, an error naming the file
# (and line where there is one), no crash, and the database unchanged.
set -u
bin=${1:?usage: cli_bad_input.sh JIXIAO_BIN}
fx=${JIXIAO_FIXTURES:?}
src=${JIXIAO_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/t.db"
fail=0

# A good import first, so "unchanged" means something.
"$bin" --db "$db" import "$src/examples/2019_markdown_health.md" >/dev/null || { echo "FAIL: good import"; exit 1; }
snapshot() { sqlite3 "$db" .dump | sha256sum; }
before=$(snapshot)

# expect_fail NAME FILE PATTERN: exit 1, stderr matching PATTERN, db unchanged.
expect_fail() {
  local name=$1 file=$2 pattern=$3 out rc
  out=$("$bin" --db "$db" import "$file" 2>&1 >/dev/null); rc=$?
  if [ "$rc" -ne 1 ]; then echo "FAIL $name: exit $rc, want 1 ($out)"; fail=1; return; fi
  if ! grep -qE -- "$pattern" <<<"$out"; then echo "FAIL $name: message '$out' does not match /$pattern/"; fail=1; return; fi
  if [ "$(snapshot)" != "$before" ]; then echo "FAIL $name: database changed"; fail=1; return; fi
  echo "ok   $name: $out"
}

: > "$tmp/empty.txt"
expect_fail empty "$tmp/empty.txt" '^jixiao: import: empty\.txt: file is empty'

printf 'PK\003\004\000\000binary\000data\n' > "$tmp/binary.txt"
expect_fail binary "$tmp/binary.txt" '^jixiao: import: binary\.txt:1: .*(binary|NUL)'

printf 'line one\nline two \377\376 broken\n' > "$tmp/badenc.txt"
expect_fail invalid-encoding "$tmp/badenc.txt" '^jixiao: import: badenc\.txt:2: '

expect_fail truncated "$fx/truncated.txt" '^jixiao: import: truncated\.txt:1: form "示例截断项目" has no indicator table'

expect_fail no-target-column "$fx/no_target_column.md" '^jixiao: import: no_target_column\.md:11: .*no 指标值'

expect_fail bad-amount "$fx/bad_amount.md" '^jixiao: import: bad_amount\.md:10: 项目总预算: "十万元整" is not an amount'

head -c 10485760 /dev/zero | tr '\0' 'x' > "$tmp/longline.txt"
expect_fail long-line "$tmp/longline.txt" '^jixiao: import: longline\.txt:1: line is 10485760 bytes long'

printf '这是一份普通的文字说明，没有任何表格。\n第二行。\n' > "$tmp/noform.txt"
expect_fail no-form "$tmp/noform.txt" '^jixiao: import: noform\.txt: no performance-target form found \(expected a title .*; no budget table .* or project narrative .*项目经费情况说明'

expect_fail missing "$tmp/does-not-exist.txt" '^jixiao: import: does-not-exist\.txt: cannot open .*No such file'

expect_fail directory "$tmp" 'is not a regular file'

# A failure in the middle of storing a file (a trigger aborts the last
# indicator of the second form) rolls the whole file back.
sqlite3 "$db" "CREATE TRIGGER boom BEFORE INSERT ON indicators WHEN NEW.name = '见习人员满意度' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;"
before=$(snapshot)
expect_fail store-failure "$src/examples/2023_tsv_culture_employment.txt" '^jixiao: import: 2023_tsv_culture_employment\.txt: database .*disk on fire'
sqlite3 "$db" "DROP TRIGGER boom;"
before=$(snapshot)

# Usage errors exit 2.
"$bin" --db "$db" import >/dev/null 2>&1; rc=$?
[ "$rc" -eq 2 ] && echo "ok   usage: import without FILE -> 2" || { echo "FAIL usage: import without FILE -> $rc"; fail=1; }
"$bin" --db "$db" frobnicate >/dev/null 2>&1; rc=$?
[ "$rc" -eq 2 ] && echo "ok   usage: unknown command -> 2" || { echo "FAIL usage: unknown command -> $rc"; fail=1; }
"$bin" --db "$db" show abc >/dev/null 2>&1; rc=$?
[ "$rc" -eq 2 ] && echo "ok   usage: show abc -> 2" || { echo "FAIL usage: show abc -> $rc"; fail=1; }
"$bin" --db "$db" show 999 >/dev/null 2>&1; rc=$?
[ "$rc" -eq 1 ] && echo "ok   show unknown id -> 1" || { echo "FAIL show unknown id -> $rc"; fail=1; }

# One bad file among good ones: the good ones go in, exit status is 1.
db2="$tmp/t2.db"
out=$("$bin" --db "$db2" import "$src/examples/2019_markdown_health.md" "$tmp/empty.txt" 2>&1); rc=$?
n=$(sqlite3 "$db2" 'select count(*) from forms')
if [ "$rc" -eq 1 ] && [ "$n" = 1 ]; then echo "ok   mixed good+bad: exit 1, good file stored"; else echo "FAIL mixed: rc=$rc forms=$n: $out"; fail=1; fi

exit $fail
