#!/usr/bin/env bash
# Nothing lost by the tool itself: a read command on a database that does not
# exist is an error and creates nothing; a re-imported file keeps its forms'
# ids; `make run` (scripts/run-examples.sh) uses its own database and never
# deletes one it did not create; what readers see of findings and import
# errors (CSV, XLSX, the web's 导入 page) is Chinese.
set -u
bin=${1:?usage: cli_nothing_lost.sh JIXIAO_BIN}
src=${JIXIAO_SOURCE_DIR:?}
fx=${JIXIAO_FIXTURES:?}
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {
  if [ "$2" = "$3" ]; then echo "ok   $1"; pass=$((pass + 1)); else echo "FAIL $1: got [$2] want [$3]"; fail=$((fail + 1)); fi
}

# ---- a read command never creates a database
for cmd in list "show 1" "export --format json" check summary "budget list"; do
  # shellcheck disable=SC2086
  out=$("$bin" --db "$tmp/typo.db" $cmd 2>&1 >/dev/null); rc=$?
  check "$cmd on a missing database: exit" "$rc" 1
  check "$cmd on a missing database: message" "$out" \
    "jixiao: database $tmp/typo.db does not exist (jixiao --db $tmp/typo.db import FILE... creates it)"
  check "$cmd on a missing database: nothing created" "$(ls "$tmp")" ""
done
JIXIAO_DB=$tmp/env.db "$bin" list >/dev/null 2>&1
check "\$JIXIAO_DB missing: exit" "$?" 1
check "\$JIXIAO_DB missing: nothing created" "$(ls "$tmp")" ""

# ---- a re-import keeps the ids of the forms that come back
db=$tmp/t.db
"$bin" --db "$db" import "$src"/examples/* >/dev/null || { echo "FAIL import"; exit 1; }
ids() { "$bin" --db "$db" export --format json | jq -r '.forms[] | "\(.id) \(.unit) \(.year) \(.name)"' | sort; }
before=$(ids)
"$bin" --db "$db" import "$src/examples/2023_tsv_culture_employment.txt" "$src/examples/2019_markdown_health.md" >/dev/null
check "re-import: every form keeps its id" "$(ids)" "$before"
check "re-import: no duplicate" "$("$bin" --db "$db" export --format json | jq '.forms | length')" 4
id=$("$bin" --db "$db" export --format json | jq '.forms[] | select(.name == "家庭医生签约服务能力提升项目") | .id')
check "re-import: the saved link still shows its form" \
  "$("$bin" --db "$db" show "$id" | grep -c 家庭医生签约服务能力提升项目)" 1

# ---- -o to something that is not a regular file: written in place, never renamed over
# (an atomic rename over /dev/null replaced it by a regular file), a link stays a link
"$bin" --db "$db" export --format json > "$tmp/want.json"
"$bin" --db "$db" export --format json -o /dev/null
check "-o /dev/null: exit" "$?" 0
check "-o /dev/null: still the device" "$(stat -c %F /dev/null)" "character special file"
check "-o /dev/null: no temporary file beside it" "$(ls /dev | grep -c '^null\.')" 0
for fmt in json xlsx docx; do
  "$bin" --db "$db" export --format $fmt -o /dev/null
  check "-o /dev/null ($fmt): exit" "$?" 0
  check "-o /dev/null ($fmt): still the device" "$(stat -c %F /dev/null)" "character special file"
done
mkfifo "$tmp/fifo"
timeout 20 cat "$tmp/fifo" > "$tmp/got.json" &
"$bin" --db "$db" export --format json -o "$tmp/fifo"
check "-o FIFO: exit" "$?" 0
wait $!
check "-o FIFO: the reader got the whole export" "$(cmp -s "$tmp/got.json" "$tmp/want.json" && echo same)" same
check "-o FIFO: still a FIFO" "$(stat -c %F "$tmp/fifo")" "fifo"
timeout 20 cat "$tmp/fifo" > "$tmp/got.xlsx" &
"$bin" --db "$db" export --format xlsx -o "$tmp/fifo"
check "-o FIFO (xlsx): exit" "$?" 0
wait $!
check "-o FIFO (xlsx): a whole workbook came through" \
  "$(unzip -l "$tmp/got.xlsx" 2>/dev/null | grep -c 'xl/workbook.xml')" 1
echo old > "$tmp/real.json"
ln -s real.json "$tmp/link.json"
"$bin" --db "$db" export --format json -o "$tmp/link.json"
check "-o symlink: exit" "$?" 0
check "-o symlink: still a link" "$(stat -c %F "$tmp/link.json")" "symbolic link"
check "-o symlink: its target holds the export" "$(cmp -s "$tmp/real.json" "$tmp/want.json" && echo same)" same
"$bin" --db "$db" export --format xlsx -o "$tmp/link.json"
check "-o symlink (xlsx): still a link" "$(stat -c %F "$tmp/link.json")" "symbolic link"
check "-o symlink (xlsx): its target is the workbook" "$(head -c 2 "$tmp/real.json")" PK
check "-o: no temporary file left" "$(ls "$tmp" | grep -c 'tmp\.')" 0

# ---- make run: its own database, and only one it created is re-created
stub=$tmp/stub.sh
printf '#!/bin/sh\necho "$@" >> "%s/calls"\n' "$tmp" > "$stub"
chmod +x "$stub"
echo precious > "$tmp/precious.db"
EXAMPLES_DB=$tmp/ex.db JIXIAO_DB=$tmp/precious.db bash "$src/scripts/run-examples.sh" "$stub" >/dev/null 2>&1
check "make run: exit" "$?" 0
check "make run: \$JIXIAO_DB untouched" "$(cat "$tmp/precious.db")" precious
check "make run: imports into its own database" "$(grep -c -- "--db $tmp/ex.db import" "$tmp/calls")" 1
check "make run: serves its own database" "$(grep -c -- "--db $tmp/ex.db serve" "$tmp/calls")" 1
echo mine > "$tmp/ex.db"
EXAMPLES_DB=$tmp/ex.db bash "$src/scripts/run-examples.sh" "$stub" >/dev/null 2>&1
check "make run: re-creates the database it created" "$?" 0
rm -f "$tmp/ex.db.made-by-make-run"
echo notmine > "$tmp/ex.db"
out=$(EXAMPLES_DB=$tmp/ex.db bash "$src/scripts/run-examples.sh" "$stub" 2>&1 >/dev/null)
check "make run: refuses a database it did not create" "$?" 1
check "make run: says why" "$out" "run-examples: $tmp/ex.db exists and was not created by make run; move it away first"
check "make run: that database is intact" "$(cat "$tmp/ex.db")" notmine

# ---- findings in CSV and XLSX: Chinese severities and field names
sed 's/| 同名项目上年预算执行数（元） | 1,980,000 |/| 同名项目上年预算执行数（元） | 100,000 |/' \
  "$src/examples/2019_markdown_health.md" > "$tmp/low.md"
"$bin" --db "$tmp/low.db" import "$tmp/low.md" >/dev/null
"$bin" --db "$tmp/low.db" export --format csv -o "$tmp/csv" >/dev/null
row=$(grep prev-exec-low "$tmp/csv/findings.csv" | cut -d, -f3,4,8)
check "CSV: severity and place in Chinese" "$row" "prev-exec-low,警告,上年预算执行数"
check "CSV: no English severity" "$(cut -d, -f4 "$tmp/csv/findings.csv" | grep -cE '^(error|warning|info)$')" 0
check "JSON keeps the ids" "$("$bin" --db "$tmp/low.db" check --format json | jq -r '.findings[] | select(.rule=="prev-exec-low") | "\(.severity) \(.where)"')" \
  "warning budget.prev_exec"

# ---- the web's 导入 page: import errors in Chinese
"$bin" --db "$tmp/web.db" serve --port 0 --quiet >"$tmp/srv.out" 2>"$tmp/srv.err" &
pid=$!
base=
for _ in $(seq 1 600); do
  base=$(sed -n 's|^serving \(http://[^ ]*\)/$|\1|p' "$tmp/srv.out"); [ -n "$base" ] && break; sleep 0.1
done
[ -n "$base" ] || { echo "FAIL server did not start: $(cat "$tmp/srv.err")"; exit 1; }
page() { curl -sS -o "$tmp/page" -w '%{http_code}' -F "file=@$1" "$base/import"; }
msg() { sed -n 's|.*<span class="msg">\([^<]*\)</span>.*|\1|p' "$tmp/page"; }
check "导入 truncated: status" "$(page "$fx/truncated.txt")" 400
check "导入 truncated: Chinese message" "$(msg)" "项目“示例截断项目”没有绩效指标表（一级指标/二级指标/三级指标/指标值），文档可能不完整"
check "导入 bad amount: Chinese message" "$(page "$fx/bad_amount.md"; msg)" "400金额无法识别：“十万元整”不是金额"
printf '这是一份普通的文字说明，没有任何表格。\n' > "$tmp/noform.txt"
check "导入 no form: Chinese message" "$(page "$tmp/noform.txt"; msg)" "400没有找到绩效目标申报表（应有“…绩效目标申报表”标题或“项目名称”行）"
printf 'PK\003\004garbage' > "$tmp/broken.xlsx"
page "$tmp/broken.xlsx" >/dev/null
check "导入 broken workbook: no English on the page" "$(msg)" "文件已损坏：无法作为 .xlsx/.docx 读取"
kill "$pid"; wait "$pid" 2>/dev/null; pid=

echo "cli_nothing_lost: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
