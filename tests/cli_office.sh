#!/usr/bin/env bash
# Office formats on the real binary and real files:
#  - round trip: each seed form (and the bundled examples) imported, exported
#    to XLSX, the XLSX imported back: the same JSON but for ids and source
#    lines;
#  - the exported workbook read by an independent reader (LibreOffice
#    headless, converted to CSV, parsed by sqlite3) and its values checked
#    against the JSON export;
#  - CSV export: BOM, CRLF, RFC 4180 quoting read back by sqlite3, counts
#    and sums against the JSON export; atomic writes leave no temporary file;
#  - summary figures against sums computed independently with jq.
set -u
bin=${1:?usage: cli_office.sh JIXIAO_BIN}
src=${JIXIAO_SOURCE_DIR:?}
seeds=${JIXIAO_SEEDS:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {  # check NAME GOT WANT
  if [ "$2" == "$3" ]; then echo "ok   $1"; else echo "FAIL $1: got [$2] want [$3]"; fail=1; fi
}
# The JSON export without what depends on the source document.
# fields[] holds the labels as the document wrote them (a workbook writes its own): not compared.
comparable='.forms |= map(del(.id, .source, .fields) | .indicators |= map(del(.line)))'

# round_trip NAME FILE...: import, export xlsx, import the xlsx, compare JSON.
round_trip() {
  local name=$1; shift
  local d="$tmp/rt-$name"
  mkdir -p "$d/out"
  if ! "$bin" --db "$d/a.db" import "$@" >/dev/null; then echo "FAIL $name: import"; fail=1; return; fi
  "$bin" --db "$d/a.db" export --format json | jq -S "$comparable" > "$d/a.json"
  "$bin" --db "$d/a.db" export --format xlsx -o "$d/out/forms.xlsx"
  check "$name: export xlsx exit" "$?" 0
  check "$name: no temporary file left" "$(ls "$d/out")" "forms.xlsx"
  if ! "$bin" --db "$d/b.db" import "$d/out/forms.xlsx" >/dev/null; then
    echo "FAIL $name: import of the exported workbook"; fail=1; return
  fi
  "$bin" --db "$d/b.db" export --format json | jq -S "$comparable" > "$d/b.json"
  check "$name: forms" "$(jq '.forms|length' "$d/b.json")" "$(jq '.forms|length' "$d/a.json")"
  if cmp -s "$d/a.json" "$d/b.json"; then
    echo "ok   $name: XLSX round trip gives identical JSON ($(jq '[.forms[].indicators[]]|length' "$d/a.json") indicators, $(jq '[.forms[] | .overview, .basis, .necessity, .measures, .plan, .long_goal, .fund_use, .perf_type, .gov_purchase, .remark, .period.text | select(. != null)] | length' "$d/a.json") new typed fields)"
  else
    echo "FAIL $name: XLSX round trip differs:"; diff "$d/a.json" "$d/b.json" | head -20; fail=1
  fi
  # The DOCX export (the same 申报表 block, lib/render/) reads back the same way.
  "$bin" --db "$d/a.db" export --format docx -o "$d/out/forms.docx"
  check "$name: export docx exit" "$?" 0
  check "$name: docx is a ZIP package" "$(head -c 2 "$d/out/forms.docx")" PK
  if ! "$bin" --db "$d/c.db" import "$d/out/forms.docx" >/dev/null; then
    echo "FAIL $name: import of the exported Word document"; fail=1; return
  fi
  "$bin" --db "$d/c.db" export --format json | jq -S "$comparable" > "$d/c.json"
  if cmp -s "$d/a.json" "$d/c.json"; then
    echo "ok   $name: DOCX round trip gives identical JSON"
  else
    echo "FAIL $name: DOCX round trip differs:"; diff "$d/a.json" "$d/c.json" | head -20; fail=1
  fi
}

# (002 is a department disclosure: its budget tables and narratives are not part of
# the form workbook, so only its forms would survive the round trip.)
for s in 000 001 003; do
  f=$(ls "$seeds"/${s}_* 2>/dev/null | head -1)
  if [ -z "$f" ]; then echo "skip seed $s: no ${s}_* in '$seeds' (../shared/seeds is absent)"; continue; fi
  round_trip "seed-$s" "$f"
done
round_trip examples "$src"/examples/*

# ---------------------------------------------------------------- data set
db="$tmp/ex.db"
"$bin" --db "$db" import "$src"/examples/* >/dev/null || { echo "FAIL: import examples"; exit 1; }
for s in 000 001 003; do
  f=$(ls "$seeds"/${s}_* 2>/dev/null | head -1)
  [ -n "$f" ] && "$bin" --db "$db" import "$f" >/dev/null
done
# A form with a comma, quotes and a half-width colon in its text, for CSV quoting.
cat > "$tmp/quote.md" <<'EOF'
项目支出绩效目标申报表

（2024年度）

| 项目名称 | 示例"引号",逗号项目 | | |
|---|---|---|---|
| 申报单位 | 示例区某中心 | 主管部门 | 示例区某局 |
| 项目总预算（元） | 12,345.67 | 项目当年预算（元） | 10000 |
| 年度绩效目标 | 完成"A,B"两项任务 | | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 完成任务数 | ≥2项 |
| 满意度指标 | 服务对象满意度指标 | 满意度 | ≥90% |
EOF
"$bin" --db "$db" import "$tmp/quote.md" >/dev/null || { echo "FAIL: import quote.md"; fail=1; }
"$bin" --db "$db" export --format json > "$tmp/all.json"
"$bin" --db "$db" check --format json --fail-on error > "$tmp/check.json"
nforms=$(jq '.forms|length' "$tmp/all.json")
nind=$(jq '[.forms[].indicators[]]|length' "$tmp/all.json")
nfind=$(jq '.findings|length' "$tmp/check.json")

# ---------------------------------------------------------------- CSV export
"$bin" --db "$db" export --format csv -o "$tmp/csv"
check "csv exit" "$?" 0
check "csv files, no temporary file" "$(ls "$tmp/csv" | tr '\n' ' ')" "findings.csv forms.csv indicators.csv "
check "csv BOM" "$(head -c 3 "$tmp/csv/forms.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"
check "csv CRLF" "$(head -1 "$tmp/csv/forms.csv" | od -An -c | grep -c '\\r')" 1
# sqlite3 reads RFC 4180; the BOM is stripped first.
csvq() {  # csvq FILE SQL: the CSV as table t
  tail -c +4 "$1" > "$tmp/q.csv"
  sqlite3 -batch :memory: ".import --csv $tmp/q.csv t" "$2"
}
check "forms.csv rows" "$(csvq "$tmp/csv/forms.csv" 'select count(*) from t')" "$nforms"
check "indicators.csv rows" "$(csvq "$tmp/csv/indicators.csv" 'select count(*) from t')" "$nind"
check "findings.csv rows" "$(csvq "$tmp/csv/findings.csv" 'select count(*) from t')" "$nfind"
check "csv quoting round trip" "$(csvq "$tmp/csv/forms.csv" "select 项目名称 || '|' || 年度绩效目标 from t where 项目名称 like '%逗号%'")" \
      '示例"引号",逗号项目|完成"A,B"两项任务'
check "csv names" "$(csvq "$tmp/csv/forms.csv" 'select 项目名称 from t order by cast(表单ID as int)')" \
      "$(jq -r '.forms[].name' "$tmp/all.json")"
check "csv total in yuan" "$(csvq "$tmp/csv/forms.csv" "select sum(cast(round(\"项目总预算（元）\"*100) as int)) from t")" \
      "$(jq '[.forms[] | (.budget.total // 0) * 100 | round] | add' "$tmp/all.json")"
# The fields added by issue 11: one column each after the original ones, under the field table's titles.
check "csv 项目概况 … 备注 as in the JSON" \
  "$(csvq "$tmp/csv/forms.csv" "select 项目概况 || '|' || 资金用途 || '|' || 绩效类型 || '|' || 是否含有政府购买服务 || '|' || 项目期限 || '|' || 备注 from t order by cast(表单ID as int)")" \
  "$(jq -r '.forms[] | [.overview, .fund_use, .perf_type, .gov_purchase, .period.text, .remark] | map(. // "") | join("|")' "$tmp/all.json")"
if [ -n "$(ls "$seeds"/001_* 2>/dev/null)" ]; then
  check "csv 001 高峰人才: 绩效类型, 是否含有政府购买服务, 总目标 (read from the document)" \
    "$(csvq "$tmp/csv/forms.csv" "select 绩效类型 || '|' || 是否含有政府购买服务 || '|' || substr(项目总目标, 1, 8) from t where 项目名称 = '高峰人才及其团队服务专项'")" \
    "事业/专业类|否|通过设立高峰人才"
fi
check "csv cents kept" "$(csvq "$tmp/csv/forms.csv" "select \"项目总预算（元）\" from t where 项目名称 like '%逗号%'")" "12345.67"
check "csv targets" "$(csvq "$tmp/csv/indicators.csv" 'select 指标值 from t')" \
      "$(jq -r '.forms[].indicators[] | .target.text // ""' "$tmp/all.json")"
check "csv findings rules" "$(csvq "$tmp/csv/findings.csv" 'select 规则 from t')" \
      "$(jq -r '.findings[].rule' "$tmp/check.json")"
touch "$tmp/afile"
"$bin" --db "$db" export --format csv -o "$tmp/afile" 2>/dev/null
check "csv -o onto a file exit" "$?" 2
"$bin" --db "$db" export --format xlsx 2>/dev/null
check "xlsx without -o exit" "$?" 2

# A workbook exported from an empty database has only the summary sheets: no form.
# (An empty file is an empty database; a path that does not exist is an error.)
: > "$tmp/empty.db"
"$bin" --db "$tmp/empty.db" export --format xlsx -o "$tmp/empty.xlsx"
check "empty export exit" "$?" 0
out=$("$bin" --db "$tmp/empty2.db" import "$tmp/empty.xlsx" 2>&1 >/dev/null)
check "import of a workbook without forms exit" "$?" 1
check "import of a workbook without forms message" \
      "$(grep -c '^jixiao: import: empty.xlsx: no performance-target form found: no worksheet ("项目汇总", "指标汇总", "审核意见")' <<<"$out")" 1

# More forms than a workbook holds (JX_XLSX_MAX_FORMS; lowered for the test): refused
# before anything is written, naming the count and the filters; --unit/--year narrow it.
nforms=$("$bin" --db "$db" export --format json | jq '.forms | length')
unit=$("$bin" --db "$db" export --format json | jq -r '[.forms[].unit // empty] | group_by(.) | max_by(length) | .[0]')
nunit=$("$bin" --db "$db" export --format json | jq --arg u "$unit" '[.forms[] | select((.unit // "") | contains($u))] | length')
out=$(JIXIAO_XLSX_MAX_FORMS=$((nforms - 1)) "$bin" --db "$db" export --format xlsx -o "$tmp/big.xlsx" 2>&1)
check "xlsx over the cap: exit" "$?" 2
check "xlsx over the cap: message" "$out" "jixiao: export: cannot write workbook $tmp/big.xlsx: $nforms forms are more than one workbook holds (at most $((nforms - 1)) form sheets); narrow it with --year or --unit, or export every form with --format csv or json"
check "xlsx over the cap: nothing written" "$(ls "$tmp" | grep -c big)" 0
JIXIAO_XLSX_MAX_FORMS=$((nforms - 1)) "$bin" --db "$db" export --format xlsx --unit "$unit" -o "$tmp/unit.xlsx"
check "xlsx --unit: exit" "$?" 0
check "xlsx --unit: the unit's forms read back" \
      "$("$bin" --db "$tmp/unit.db" import "$tmp/unit.xlsx" >/dev/null && "$bin" --db "$tmp/unit.db" export --format json | jq -c '[.forms[] | [.name, .unit]]')" \
      "$("$bin" --db "$db" export --format json | jq -c --arg u "$unit" '[.forms[] | select((.unit // "") | contains($u)) | [.name, .unit]]')"
check "xlsx --unit: some but not all forms ($nunit of $nforms)" "$(( nunit > 0 && nunit < nforms ))" 1
"$bin" --db "$db" export --format json --unit "$unit" 2>/dev/null
check "--unit with json: usage exit" "$?" 2

# ---------------------------------------------------------- XLSX via LibreOffice
"$bin" --db "$db" export --format xlsx -o "$tmp/all.xlsx"
check "xlsx exit" "$?" 0
"$bin" --db "$db" export --format xlsx -o "$tmp/no/such/dir/all.xlsx" 2>/dev/null
check "xlsx bad dir exit" "$?" 1
if ! command -v soffice >/dev/null; then
  echo "skip LibreOffice checks: soffice not installed (Debian: libreoffice-calc-nogui)"
else
  mkdir -p "$tmp/lo" "$tmp/lohome"
  # Filter options: comma, quote, UTF-8, first line 1, …, token 12 = -1: every sheet to its own file.
  HOME="$tmp/lohome" timeout 180 soffice --headless --norestore \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    --outdir "$tmp/lo" "$tmp/all.xlsx" >"$tmp/lo.log" 2>&1
  check "LibreOffice converted every sheet" "$(ls "$tmp/lo" | wc -l)" "$((nforms + 3))"
  proj="$tmp/lo/all-项目汇总.csv"
  loq() {  # loq FILE SQL
    sqlite3 -batch :memory: ".import --csv '$1' t" "$2"
  }
  check "LO 项目汇总 names" "$(loq "$proj" "select 项目名称 from t where 序号 != '合计'")" \
        "$(jq -r '.forms[].name' "$tmp/all.json")"
  check "LO 项目汇总 万元 amounts" \
        "$(loq "$proj" "select ifnull(cast(round(\"项目总预算（万元）\"*1000000) as int),'null') from t where 序号 != '合计'")" \
        "$(jq -r '.forms[].budget.total | if . == null then "null" else (.*100|round|tostring) end' "$tmp/all.json")"
  check "LO 项目汇总 合计" "$(loq "$proj" "select cast(round(\"项目总预算（万元）\"*1000000) as int) from t where 序号 = '合计'")" \
        "$(jq '[.forms[] | (.budget.total // 0) * 100 | round] | add' "$tmp/all.json")"
  check "LO 项目汇总 years" "$(loq "$proj" "select 年度 from t where 序号 != '合计'")" \
        "$(jq -r '.forms[] | .year // ""' "$tmp/all.json")"
  check "LO 指标汇总 targets" "$(loq "$tmp/lo/all-指标汇总.csv" 'select 指标值 from t')" \
        "$(jq -r '.forms[].indicators[] | .target.text // ""' "$tmp/all.json")"
  check "LO 指标汇总 categories" "$(loq "$tmp/lo/all-指标汇总.csv" 'select 国家分类 from t')" \
        "$(jq -r '.forms[].indicators[] | .category // ""' "$tmp/all.json")"
  # The DOCX export opened by Word's other reader: every project name in LibreOffice's text.
  "$bin" --db "$db" export --format docx -o "$tmp/all.docx"
  HOME="$tmp/lohome" timeout 180 soffice --headless --norestore --convert-to 'txt:Text (encoded):UTF8' \
    --outdir "$tmp/lod" "$tmp/all.docx" >>"$tmp/lo.log" 2>&1
  missing=0
  while IFS= read -r n; do grep -qF -- "$n" "$tmp/lod/all.txt" 2>/dev/null || missing=$((missing+1)); done \
    < <(jq -r '.forms[].name' "$tmp/all.json")
  check "LO reads the DOCX export: project names missing" "$missing" 0
  check "LO 审核意见 rows" "$(loq "$tmp/lo/all-审核意见.csv" 'select count(*) from t')" "$nfind"
  # Each form sheet: the name beside 项目名称, the targets below the 指标值 header.
  i=0
  while [ $i -lt "$nforms" ]; do
    id=$(jq ".forms[$i].id" "$tmp/all.json")
    sheet=$(ls "$tmp/lo" | grep "^all-$id " | head -1)
    if [ -z "$sheet" ]; then echo "FAIL LO: no sheet for form $id"; fail=1; i=$((i+1)); continue; fi
    f="$tmp/lo/$sheet"
    # A table that exists takes every CSV row as data: columns a..d by position.
    sheetq() { sqlite3 -batch :memory: "create table t(a,b,c,d)" ".import --csv '$f' t" "$1" 2>/dev/null; }
    check "LO form $id name" "$(sheetq "select b from t where a = '项目名称'")" \
          "$(jq -r ".forms[$i].name" "$tmp/all.json")"
    check "LO form $id targets" \
          "$(sheetq "select ifnull(d,'') from t where rowid > (select rowid from t where a = '一级指标') order by rowid")" \
          "$(jq -r ".forms[$i].indicators[] | .target.text // \"\"" "$tmp/all.json")"
    i=$((i+1))
  done
  # A workbook written by another program: LibreOffice re-saves the export as .xlsx
  # (its own shared strings, styles and merges); importing it gives the same forms.
  mkdir -p "$tmp/lox"
  HOME="$tmp/lohome" timeout 180 soffice --headless --norestore --convert-to 'xlsx:Calc Office Open XML' \
    --outdir "$tmp/lox" "$tmp/all.xlsx" >>"$tmp/lo.log" 2>&1
  # LibreOffice also writes the legacy binary format (an OLE compound file, like an
  # encrypted package): refused with a clear message, the database unchanged.
  HOME="$tmp/lohome" timeout 180 soffice --headless --norestore --convert-to 'xls:MS Excel 97' \
    --outdir "$tmp/lox" "$tmp/all.xlsx" >>"$tmp/lo.log" 2>&1
  before=$(sqlite3 "$db" .dump | sha256sum)
  out=$("$bin" --db "$db" import "$tmp/lox/all.xls" 2>&1 >/dev/null)
  check "legacy .xls exit" "$?" 1
  check "legacy .xls message" "$(grep -c '^jixiao: import: all.xls: legacy binary Office file' <<<"$out")" 1
  check "legacy .xls database unchanged" "$(sqlite3 "$db" .dump | sha256sum)" "$before"
  if "$bin" --db "$tmp/lox.db" import "$tmp/lox/all.xlsx" >/dev/null; then
    check "LibreOffice-saved workbook imports to the same JSON" \
          "$("$bin" --db "$tmp/lox.db" export --format json | jq -S "$comparable" | sha256sum)" \
          "$(jq -S "$comparable" "$tmp/all.json" | sha256sum)"
  else
    echo "FAIL: import of the LibreOffice-saved workbook"; fail=1
  fi
fi

# ------------------------------------------------------------------ summary
"$bin" --db "$db" summary --format json > "$tmp/sum.json"
check "summary exit" "$?" 0
check "summary projects" "$(jq '.all.projects' "$tmp/sum.json")" "$nforms"
check "summary total (fen)" "$(jq '.all.budget.total*100|round' "$tmp/sum.json")" \
      "$(jq '[.forms[] | (.budget.total // 0) * 100 | round] | add' "$tmp/all.json")"
check "summary year (fen)" "$(jq '.all.budget.year*100|round' "$tmp/sum.json")" \
      "$(jq '[.forms[] | (.budget.year // 0) * 100 | round] | add' "$tmp/all.json")"
check "summary indicators" "$(jq '.all.indicators.total' "$tmp/sum.json")" "$nind"
for c in 成本 产出 效益 满意度; do
  check "summary category $c" "$(jq ".all.indicators.by_category[\"$c\"]" "$tmp/sum.json")" \
        "$(jq "[.forms[].indicators[] | select(.category == \"$c\")] | length" "$tmp/all.json")"
done
check "summary no category" "$(jq '.all.indicators.by_category.none' "$tmp/sum.json")" \
      "$(jq '[.forms[].indicators[] | select(.category == null)] | length' "$tmp/all.json")"
check "summary quantitative" "$(jq '.all.indicators.quantitative' "$tmp/sum.json")" \
      "$(jq '[.forms[].indicators[] | select(.target.kind == "quantitative")] | length' "$tmp/all.json")"
for s in error warning info; do
  check "summary findings $s" "$(jq ".all.findings.$s" "$tmp/sum.json")" \
        "$(jq "[.findings[] | select(.severity == \"$s\")] | length" "$tmp/check.json")"
done
"$bin" --db "$db" summary --by unit --format json > "$tmp/unit.json"
check "summary --by unit groups" "$(jq -r '.groups[] | "\(.key) \(.projects) \(.budget.total // 0 | .*100 | round)"' "$tmp/unit.json")" \
      "$(jq -r '.forms | group_by(.unit) | .[] | "\(.[0].unit) \(length) \([.[] | (.budget.total // 0) * 100 | round] | add)"' "$tmp/all.json")"
check "summary --by unit all == overall" "$(jq -c '.all' "$tmp/unit.json")" "$(jq -c '.all' "$tmp/sum.json")"
"$bin" --db "$db" summary --by year --format json > "$tmp/year.json"
check "summary --by year" "$(jq -r '.groups[] | "\(.key) \(.projects) \(.indicators.total)"' "$tmp/year.json")" \
      "$(jq -r '.forms | group_by(.year) | sort_by(.[0].year == null) | .[] | "\(.[0].year // null) \(length) \([.[].indicators[]] | length)"' "$tmp/all.json")"
"$bin" --db "$db" summary --by category --format json > "$tmp/cat.json"
check "summary --by category projects" "$(jq '[.groups[].projects] | add' "$tmp/cat.json")" "$nforms"
"$bin" --db "$db" summary --by department --format json > "$tmp/dep.json"
check "summary --by department findings" "$(jq '[.groups[].findings.warning] | add' "$tmp/dep.json")" \
      "$(jq '[.findings[] | select(.severity == "warning")] | length' "$tmp/check.json")"
out=$("$bin" --db "$db" summary --by unit)
check "summary text exit" "$?" 0
check "summary text total row" "$(grep -c '^合计' <<<"$out")" 1
"$bin" --db "$db" summary --by colour >/dev/null 2>&1
check "summary bad --by exit" "$?" 2
"$bin" --db "$db" summary --format yaml >/dev/null 2>&1
check "summary bad --format exit" "$?" 2
"$bin" summary --help >/dev/null
check "summary --help" "$?" 0
exit $fail
