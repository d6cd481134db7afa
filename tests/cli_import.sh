#!/usr/bin/env bash
# The CLI on the bundled examples: import counts, re-import replaces, GB18030
# reads like UTF-8, export -o, list filters, $JIXIAO_DB, --help everywhere.
set -u
bin=${1:?usage: cli_import.sh JIXIAO_BIN}
src=${JIXIAO_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/t.db"
fail=0
check() {  # check NAME GOT WANT
  if [ "$2" == "$3" ]; then echo "ok   $1"; else echo "FAIL $1: got [$2] want [$3]"; fail=1; fi
}

out=$("$bin" --db "$db" import "$src"/examples/2019_markdown_health.md \
      "$src"/examples/2020_tsv_gb18030_training.txt "$src"/examples/2023_tsv_culture_employment.txt)
check "import exit" "$?" 0
check "import summary" "$out" "2019_markdown_health.md: 1 forms, 8 indicators
2020_tsv_gb18030_training.txt: 1 forms, 11 indicators
2023_tsv_culture_employment.txt: 2 forms, 14 indicators"

# Re-importing the same content replaces: still 4 forms, 33 indicators.
"$bin" --db "$db" import "$src"/examples/2019_markdown_health.md >/dev/null
check "re-import forms" "$(sqlite3 "$db" 'select count(*) from forms')" 4
check "re-import indicators" "$(sqlite3 "$db" 'select count(*) from indicators')" 33
check "re-import files" "$(sqlite3 "$db" 'select count(*) from files')" 3

# GB18030 reads exactly like the same text in UTF-8.
iconv -f GB18030 -t UTF-8 "$src"/examples/2020_tsv_gb18030_training.txt > "$tmp/2020_tsv_gb18030_training.txt"
"$bin" --db "$tmp/u.db" import "$tmp/2020_tsv_gb18030_training.txt" >/dev/null
"$bin" --db "$tmp/g.db" import "$src"/examples/2020_tsv_gb18030_training.txt >/dev/null
check "gb18030 == utf-8" "$("$bin" --db "$tmp/g.db" export --format json | sha256sum)" \
      "$("$bin" --db "$tmp/u.db" export --format json | sha256sum)"
check "gb18030 万元 amounts" "$("$bin" --db "$tmp/g.db" export --format json | jq -c '.forms[0].budget')" \
      '{"total":3565000,"year":3565000,"carryover":null,"other":null,"project_total":null,"prev_budget":3200000,"prev_exec":3012800}'

# export -o writes the same document as stdout, and leaves no temporary file.
"$bin" --db "$db" export --format json -o "$tmp/out.json"
check "export -o exit" "$?" 0
check "export -o == stdout" "$(sha256sum < "$tmp/out.json")" "$("$bin" --db "$db" export --format json | sha256sum)"
check "no temp files" "$(ls "$tmp" | grep -c tmp)" 0
"$bin" --db "$db" export --format json -o "$tmp/no/such/dir/out.json" 2>/dev/null
check "export -o bad dir exit" "$?" 1
"$bin" --db "$db" export --format yaml >/dev/null 2>&1
check "export unknown format exit" "$?" 2

# list filters
check "list --year 2023" "$("$bin" --db "$db" list --year 2023 | tail -1)" "2 forms"
check "list --unit 图书馆" "$("$bin" --db "$db" list --unit 图书馆 | tail -1)" "1 forms"
"$bin" --db "$db" list --year abc >/dev/null 2>&1
check "list bad year exit" "$?" 2

# $JIXIAO_DB is the default database.
check "JIXIAO_DB" "$(JIXIAO_DB="$db" "$bin" list | tail -1)" "4 forms"

# show prints the form with its indicators.
first=$(sqlite3 "$db" 'select min(id) from forms')
out=$("$bin" --db "$db" show "$first")
check "show exit" "$?" 0
grep -q '项目名称: 示例区公共图书馆古籍数字化项目\|项目名称: 职业技能提升培训专项\|项目名称: 家庭医生签约服务能力提升项目\|项目名称: 示例区青年就业见习补贴' <<<"$out"
check "show names the form" "$?" 0

# Variants of the family: a form-wide 金额单位：万元, annotated labels (申报单位（盖章）),
# check boxes as characters, a result form's 实际完成值/得分 columns after the target.
fx=${JIXIAO_FIXTURES:?}
"$bin" --db "$tmp/v.db" import "$fx/variants.md" >/dev/null
check "variants" "$("$bin" --db "$tmp/v.db" export --format json | jq -c '.forms[0] | {year,name,unit,department,nature,category,framework,budget,ind: [.indicators[] | [.level1,.level2,.name,.target.text,.category]]}')" \
  '{"year":2024,"name":"示例区老旧小区加装电梯补贴","unit":"示例区住房保障中心","department":"示例区住房和城乡建设管理委员会","nature":"延续性项目","category":"特定目标类","framework":"national-2021","budget":{"total":12505000,"year":12005000,"carryover":500000,"other":null,"project_total":null,"prev_budget":null,"prev_exec":null},"ind":[["产出指标","数量指标","加装电梯台数","≥60台","产出"],["产出指标","质量指标","电梯验收合格率","100%","产出"],["产出指标","时效指标","补贴发放及时率","≥95%","产出"],["成本指标","经济成本指标","单台补贴标准","≤25万元/台","成本"],["效益指标","社会效益指标","受益居民户数","约1800户","效益"],["满意度指标","服务对象满意度指标","居民满意度","≥90%","满意度"]]}'

# A document is a sequence of parts (issue 11): a truncated form after a good one is a
# skipped part, listed on stderr as file:line: skipped PART: why and kept in the store's
# notes; the good form imports, exit 0. A bad amount skips only its own form.
cat "$src/examples/2019_markdown_health.md" "$fx/truncated.txt" "$fx/bad_amount.md" > "$tmp/parts.md"
n1=$(wc -l < "$src/examples/2019_markdown_health.md"); n2=$(wc -l < "$fx/truncated.txt")
out=$("$bin" --db "$tmp/p.db" import "$tmp/parts.md" 2>"$tmp/parts.err")
check "parts exit" "$?" 0
check "parts: the good form imports" "$out" "parts.md: 1 forms, 8 indicators"
check "parts: skipped parts on stderr" "$(cat "$tmp/parts.err")" "jixiao: import: parts.md:$((n1 + 1)): skipped form \"示例截断项目\": form \"示例截断项目\" has no indicator table (一级指标/二级指标/三级指标/指标值): the document may be truncated
jixiao: import: parts.md:$((n1 + n2 + 10)): skipped form \"金额写错的项目\": 项目总预算: \"十万元整\" is not an amount"
check "parts: notes in the store" "$(sqlite3 "$tmp/p.db" "select group_concat(line, ',') from document_notes where kind = 'skipped'")" "$((n1 + 1)),$((n1 + n2 + 10))"
check "parts: notes in the export" "$("$bin" --db "$tmp/p.db" export --format json | jq -c '[.skipped[] | [.file, .line, .part]]')" \
  "[[\"parts.md\",$((n1 + 1)),\"form \\\"示例截断项目\\\"\"],[\"parts.md\",$((n1 + n2 + 10)),\"form \\\"金额写错的项目\\\"\"]]"

# A disclosure without target forms imports its tables and narratives (wild/007).
wild=${JIXIAO_SEEDS:-/nonexistent}/../wild/007_sh_putuo_wenlv_2026_budget_cellperline_noform.txt
if [ -f "$wild" ]; then
  out=$("$bin" --db "$tmp/w.db" import "$wild" 2>/dev/null)
  check "007 imports with no form" "$?" 0
  check "007 counts" "$(head -1 <<<"$out")" "007_sh_putuo_wenlv_2026_budget_cellperline_noform.txt: 0 forms, 0 indicators"
  check "007 narrative" "$(sqlite3 "$tmp/w.db" 'select title from narratives')" "真如海心剧院精装修工程项目经费情况说明"
  check "007 budget tables in the export" "$("$bin" --db "$tmp/w.db" export --format json | jq '[.budget_tables[] | select(.file | startswith("007_"))] | length')" \
    "$(sqlite3 "$tmp/w.db" 'select count(*) from budget_tables')"
  check "007 narrative in the export" "$("$bin" --db "$tmp/w.db" export --format json | jq -c '[.narratives[] | [.file, .title]]')" \
    '[["007_sh_putuo_wenlv_2026_budget_cellperline_noform.txt","真如海心剧院精装修工程项目经费情况说明"]]'
  check "007 budget list" "$("$bin" --db "$tmp/w.db" budget list | grep -c "without a target table: 真如海心剧院精装修工程项目经费情况说明")" 1
else
  echo "skip 007: ../shared/wild is absent"
fi

# --help works everywhere and exits 0.
for c in "" import list show export; do
  "$bin" $c --help >/dev/null 2>&1
  check "help ${c:-top}" "$?" 0
done
exit $fail
