#!/usr/bin/env bash
# Department budget disclosures (issue 4) through the real binary: 002 imports
# into 36 target forms, each exported with its narrative (unit and amount from
# it); its 8 budget tables with their row counts and figures in the export and
# in `jixiao budget`; `check` reports exactly the 8 mismatches the document
# has; invented fixtures (类≠Σ款, narrative without table, table without
# narrative, 元 for 万元, a damaged cell) and one whose target table is truncated
# (imported but for that form, a skipped part); a storage
# failure while writing a disclosure leaves the database as it was.
# The 002 part skips when ../shared is absent.
set -u
bin=${1:?usage: cli_disclosure.sh JIXIAO_BIN}
fx=${JIXIAO_FIXTURES:?}/disclosure
seed=${JIXIAO_SEEDS:-/nonexistent}/002_7cadc0ecdd172fe9.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
check() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got [$2] want [$3]"; fi; }

# ---- invented fixtures (always run)
db=$tmp/inv.db
out=$("$bin" --db "$db" import "$fx/invented.txt" 2>"$tmp/err")
check "invented imports" "$out" "invented.txt: 2 forms, 3 indicators
invented.txt: budget disclosure: 1 tables, 2 narratives (1 linked to a target table)"
check "invented says what was not linked" "$(cat "$tmp/err")" 'jixiao: import: invented.txt:36: skipped: narrative "示例局调研项目经费情况说明" has no target table of the same project'
"$bin" --db "$db" check --format json > "$tmp/inv.json"
got=$(jq -r '[.findings[] | select(.rule|test("^(budget|narrative)")) | "\(.rule):\(.source.line)"] | sort | join(" ")' "$tmp/inv.json")
check "invented findings" "$got" "budget-prose:19 budget-prose:19 budget-sum:10 budget-sum:10 narrative-amount:24 narrative-link:36 narrative-link:42"
jq -e '.findings[] | select(.rule=="budget-sum" and (.message|contains("300,000.00元") and contains("310,000.00元")))' "$tmp/inv.json" >/dev/null \
  && ok "类≠Σ款 names both figures" || bad "类≠Σ款 message"
jq -e '.findings[] | select(.rule=="narrative-amount" and (.message|contains("120,000.00元") and contains("1,200,000,000.00元") and contains("元与万元")))' "$tmp/inv.json" >/dev/null \
  && ok "元 for 万元 named" || bad "元 for 万元 message"
"$bin" --db "$db" export --format json > "$tmp/inv-export.json"
check "narrative of the linked form" "$(jq -c '.forms[0].narrative | [.line, .amount, (.sections|keys|sort)]' "$tmp/inv-export.json")" '[21,120000,["年度预算安排","绩效目标","项目概述"]]'
check "no narrative for the unlinked form" "$(jq -c '.forms[1] | has("narrative")' "$tmp/inv-export.json")" "false"
check "invented budget table" "$(jq -c '.budget_tables[0] | [.title, .unit, (.rows|length), .rows[1].code, .rows[1].values["合计"]]' "$tmp/inv-export.json")" '["2023年部门支出预算总表","元",7,"20101",250000]'

# a damaged cell: imported, the cell skipped and said so
out=$("$bin" --db "$db" import "$fx/partial.txt" 2>/dev/null)
check "partial imports" "$out" "partial.txt: 1 forms, 1 indicators
partial.txt: budget disclosure: 1 tables, 1 narratives (1 linked to a target table)"
err=$("$bin" --db "$db" import "$fx/partial.txt" 2>&1 >/dev/null)
check "partial says what was skipped" "$err" 'jixiao: import: partial.txt:6: skipped: table "2023年部门支出预算总表": a value of row "人大事务" is not a figure'
"$bin" --db "$db" budget list > "$tmp/list.txt"
grep -q 'skipped: line 6: table "2023年部门支出预算总表": a value of row "人大事务" is not a figure' "$tmp/list.txt" \
  && ok "skip note listed" || bad "skip note: $(cat "$tmp/list.txt")"
# a disclosure whose target table is truncated (issue 11: a document is a sequence of
# parts): its budget table and narrative import, the form is a skipped part, listed on
# stderr as file:line: skipped PART: why and kept in the store's notes. (Until issue 11
# the whole file was refused.)
before=$(sqlite3 "$db" "select count(*) from forms; select count(*) from budget_rows; select count(*) from narratives")
out=$("$bin" --db "$db" import "$fx/truncated.txt" 2>"$tmp/err"); rc=$?
check "truncated exit" "$rc" "0"
check "truncated imports the rest" "$out" "truncated.txt: 0 forms, 0 indicators
truncated.txt: budget disclosure: 1 tables, 1 narratives (0 linked to a target table)"
grep -qx 'jixiao: import: truncated.txt:14: skipped form "培训": indicator table of form "培训" has no 指标值 (target value) column' "$tmp/err" \
  && ok "truncated form listed as skipped" || bad "truncated stderr: $(cat "$tmp/err")"
after=$(sqlite3 "$db" "select count(*) from forms; select count(*) from budget_rows; select count(*) from narratives")
check "truncated adds its table and narrative, no form" "$after" "$(echo "$before" | awk 'NR==1{print} NR==2{print $1+2} NR==3{print $1+1}')"
check "truncated note stored" "$(sqlite3 "$db" "select n.line || ' ' || n.part from document_notes n join files f on f.id = n.file_id where f.name = 'truncated.txt' and n.kind = 'skipped'")" '14 form "培训"'
check "truncated note exported" "$("$bin" --db "$db" export --format json | jq -c '[.skipped[] | select(.file == "truncated.txt") | .line]')" "[14]"

[ -f "$seed" ] || { echo "SKIP: seed $seed not found (../shared is absent)"; exit $(( fail ? 1 : 77 )); }

# ---- 002
db=$tmp/s.db
out=$("$bin" --db "$db" import "$seed")
check "002 counts" "$out" "002_7cadc0ecdd172fe9.txt: 36 forms, 485 indicators
002_7cadc0ecdd172fe9.txt: budget disclosure: 8 tables, 36 narratives (36 linked to a target table)"
"$bin" --db "$db" export --format json > "$tmp/s.json"
check "every form has its narrative" "$(jq '[.forms[] | select(.narrative != null and .narrative.amount == .budget.total)] | length' "$tmp/s.json")" "36"
check "units from the narratives" "$(jq -r '[.forms[].unit] | unique | join(",")' "$tmp/s.json")" \
  "松江区人力资源和社会保障局,松江区人才服务中心,松江区劳动人事争议仲裁院,松江区劳动保障监察大队,松江区就业促进中心,松江区机关事业单位福利事业中心,松江区社会保障服务中心"
check "form 7 (招考实习) total" "$(jq '.forms[6] | [.name, .budget.total, .narrative.line]' -c "$tmp/s.json")" '["招考实习",9346880.4,3450]'
check "form 25 (业务培训费) linked by name" "$(jq -c '.forms[24] | [.name, .unit, .budget.total, .narrative.line]' "$tmp/s.json")" '["业务培训费","松江区劳动人事争议仲裁院",30800,6763]'
check "table row counts" "$(jq -c '[.budget_tables[] | .rows|length]' "$tmp/s.json")" "[14,38,38,10,38,4,47,1]"
check "table units" "$(jq -c '[.budget_tables[] | .unit] | unique' "$tmp/s.json")" '["万元","元"]'
check "收入总表 行政运行" "$(jq '.budget_tables[1].rows[] | select(.code=="2080101") | .values["合计"]' "$tmp/s.json")" "11354668.68"
check "支出总表 合计 row" "$(jq -c '.budget_tables[2].rows[-1] | [.name, .values["合计"], .values["基本支出"], .values["项目支出"]]' "$tmp/s.json")" '["合 计",429252413.2,83601988.6,345650424.6]'
check "经济分类 30217" "$(jq -c '.budget_tables[6].rows[] | select(.code=="30217") | [.name, .values["合计"]]' "$tmp/s.json")" '["*公务接待费",31000]'
check "三公 in yuan" "$(jq -c '.budget_tables[7].rows[0].values | [.["合计"], .["公务接待费"]]' "$tmp/s.json")" "[106000,31000]"
"$bin" --db "$db" check --format json > "$tmp/c.json"
got=$(jq -r '[.findings[] | select(.rule|test("^(budget|narrative)")) | "\(.rule):\(.source.line)"] | join(" ")' "$tmp/c.json")
# issue 13 adds narrative-arithmetic: 150个*400元=100,000元 (line 4000) and the ten parts of 人才发展资金 (line 4677);
# narrative-year: the 宣传与推广 narrative of this 2020 budget arranges 2019年 money (line 7188)
check "002 mismatches" "$got" "budget-prose:115 budget-prose:116 budget-prose:118 budget-prose:120 budget-prose:133 budget-prose:245 budget-prose:2444 budget-prose:2444 narrative-arithmetic:4000 narrative-arithmetic:4677 narrative-year:7188"
"$bin" --db "$db" budget list > "$tmp/bl.txt"
grep -q "36 narratives (36 linked to a target table)" "$tmp/bl.txt" && ok "budget list" || bad "budget list: $(cat "$tmp/bl.txt")"
"$bin" --db "$db" budget show 8 | grep -q "6645900.00" && ok "budget show 8" || bad "budget show 8"
"$bin" --db "$db" budget show 99 >/dev/null 2>&1; check "budget show 99 exit" "$?" "1"
"$bin" --db "$db" budget >/dev/null 2>&1; check "budget without action exit" "$?" "2"
# same content again: replaced, not duplicated
"$bin" --db "$db" import "$seed" >/dev/null
check "re-import replaces" "$(sqlite3 "$db" 'select count(*) from budget_tables; select count(*) from narratives')" "$(printf '8\n36')"
# a storage failure in the middle of the disclosure rolls the whole file back
db=$tmp/f.db
"$bin" --db "$db" import "$fx/invented.txt" >/dev/null
sqlite3 "$db" "CREATE TRIGGER boom BEFORE INSERT ON budget_rows WHEN NEW.seq = 20 BEGIN SELECT RAISE(ABORT, 'boom'); END;"
out=$("$bin" --db "$db" import "$seed" 2>&1); rc=$?
check "failing store exit" "$rc" "1"
check "nothing of 002 stored" "$(sqlite3 "$db" "select count(*) from files; select count(*) from forms; select count(*) from budget_tables")" "$(printf '1\n2\n1')"
# 002 cut after every 431st line: a clear error naming the file, or the part before the cut
n=$(wc -l < "$seed"); bad_cuts=""
for k in $(seq 100 431 "$n"); do
  head -n "$k" "$seed" > "$tmp/cut.txt"
  rm -f "$tmp/cut.db"
  "$bin" --db "$tmp/cut.db" import "$tmp/cut.txt" > /dev/null 2> "$tmp/cut.err"; rc=$?
  if [ "$rc" = 0 ]; then   # a form, a budget table or a narrative went in
    [ "$(sqlite3 "$tmp/cut.db" 'select (select count(*) from forms) + (select count(*) from budget_tables) + (select count(*) from narratives) > 0')" = 1 ] || bad_cuts="$bad_cuts $k:empty"
  elif [ "$rc" = 1 ]; then
    grep -q '^jixiao: import: cut.txt' "$tmp/cut.err" || bad_cuts="$bad_cuts $k:message"
    [ ! -f "$tmp/cut.db" ] || [ "$(sqlite3 "$tmp/cut.db" 'select count(*) from files')" = 0 ] || bad_cuts="$bad_cuts $k:half-written"
  else
    bad_cuts="$bad_cuts $k:rc=$rc"
  fi
  if grep -q 'Sanitizer\|runtime error' "$tmp/cut.err"; then bad_cuts="$bad_cuts $k:sanitizer"; fi
done
check "002 truncated anywhere: error or partial, never a crash" "$bad_cuts" ""

# A narrative's 年度预算安排 amount by its grammar (yuan): a part after 其中 is not added to the
# whole stated before it; the parts of a project's 总投资 are not the year's unless arranged
# (安排); parts with no whole before them are added.
amount_of() {
  printf '测试区文化局预算公开\n测试项目经费情况说明\n一、项目概述\n测试。\n二、年度预算安排\n%s\n三、绩效目标\n详见项目绩效目标表。\n' "$1" > "$tmp/amount.txt"
  rm -f "$tmp/amount.db"
  "$bin" --db "$tmp/amount.db" import "$tmp/amount.txt" > /dev/null 2>&1
  "$bin" --db "$tmp/amount.db" export --format json | jq -c '[.narratives[].amount]'
}
check "amount: whole and its parts" "$(amount_of '安排资金100万元，其中人员经费60万元、公用经费40万元。')" "[1000000]"
check "amount: 总投资 and the year's arrangement" "$(amount_of '项目总投资500万元，其中2025年安排7万元。')" "[70000]"
check "amount: 总投资 and its cost parts" "$(amount_of '本项目总投资为13526.06万元，其中建筑安装工程费为11668.67万元，预备费644.10万元。2025年安排建设资金5000万元。')" "[50000000]"
check "amount: parts with no whole" "$(amount_of '本项目经费包括两部分，其中：慰问费5万元，训练物资2万元。')" "[70000]"
check "amount: only a 总投资" "$(amount_of '项目总投资500万元。')" "[null]"
exit $fail
