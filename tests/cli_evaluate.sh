#!/usr/bin/env bash
# jixiao evaluate and check on self-evaluations (绩效自评表): an invented
# self-evaluation of seed 003's 农民工工作专项 imports, links to its declared
# form (by name, year and unit), scores exactly per 财预〔2020〕10号, and its
# planted problems are found; bad input gives FILE:LINE and a skipped part.
set -u
bin=${1:?usage: cli_evaluate.sh JIXIAO_BIN}
seeds=${JIXIAO_SEEDS:?}
fx=${JIXIAO_FIXTURES:?}/evaluate
[ -f "$seeds/003_a643829a048b0740.txt" ] || { echo "SKIP: seed 003 not found (../shared is absent)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/t.db"
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
same() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got [$2], want [$3]"; fi; }

out=$("$bin" --db "$db" import "$seeds/003_a643829a048b0740.txt" "$fx/nmg_2023_self.md")
same "import prints the evaluation" "$(echo "$out" | tail -1)" "nmg_2023_self.md: 0 forms, 0 indicators, 1 evaluations"

"$bin" --db "$db" evaluate show 1 --format json > "$tmp/e.json" || bad "evaluate show"
same "linked to the declared form 12" "$(jq -c '.form_id' "$tmp/e.json")" "12"
same "funds" "$(jq -c '[.funds[] | [.row, .budget_year, .exec, .marks, .rate, .score]]' "$tmp/e.json")" \
  '[["total",255000,200000,10,98,10],["year",255000,200000,null,78.43,null],["carryover",0,0,null,null,null],["other",0,0,null,null,null]]'
same "goal" "$(jq -c '[.goal.target, .goal.actual]' "$tmp/e.json")" '["本部门农民工工作年度工作任务顺利完成。","完成农民工监测和指导督促工作。"]'
same "indicators: declared target, recomputed score" \
  "$(jq -c '[.indicators[] | [.level1, .level2, .name, .target.text, .actual.value, .marks, .score, (.declared | if . then .target.text else null end), .recomputed.score]]' "$tmp/e.json")" \
  '[["产出指标","数量指标","监测点资助完成率","100%",100,15,15,"100%",15],["产出指标","数量指标","监测数据采集完成率","80%",85,10,10,"90%",10],["产出指标","质量指标","监测数据合格率","≥85%",80,15,15,"≥85%",14.12],["产出指标","时效指标","监测工作完成及时率","95%",90,10,9,"95%",9.47],["效益指标","社会效益指标","指导督促区工作协调机构工作完成率","90%",92,15,15,"90%",15],["效益指标","社会效益指标","培训人次","≥100人次",120,15,15,null,15],["满意度指标","服务对象满意度指标","区就业机构满意度","≥90%",95,10,10,"≥90%",10]]'
same "total: unit's and recomputed" "$(jq -c '[.total.marks, .total.score, .recomputed.budget, .recomputed.total, .recomputed.grade, .recomputed.unit_grade]' "$tmp/e.json")" \
  '[100,99,7.84,96.43,"优","优"]'
same "list" "$("$bin" --db "$db" evaluate list)" "$(printf '1\tself\t2023\t农民工工作专项\t上海市人力资源和社会保障局\tlinked\t99.00\t96.43\t优')"
same "export carries the evaluation as read" "$("$bin" --db "$db" export --format json | jq -c '[(.evaluations | length), .evaluations[0].name, .evaluations[0].indicators[2].actual.text]')" \
  '[1,"农民工工作专项","80%"]'

"$bin" --db "$db" check --format json > "$tmp/c.json"
same "eval-score finding" "$(jq -c '[.findings[] | select(.rule=="eval-score") | [.source.file, .source.line, .severity, .scope, .message]]' "$tmp/c.json")" \
  '[["nmg_2023_self.md",23,"warning","disclosure","农民工工作专项2023年度绩效自评表：单位自评总分99.00分（优），按财预〔2020〕10号复核为96.43分（优），相差2.57分"]]'
same "the evaluation's file has a verdict" "$(jq -c '[.disclosures[] | select(.file=="nmg_2023_self.md") | .file]' "$tmp/c.json")" '["nmg_2023_self.md"]'

# Bad input: FILE:LINE, nothing imported, the database unchanged.
err=$("$bin" --db "$db" import "$fx/no_name.md" 2>&1); rc=$?
same "no 项目名称: exit 1" "$rc" 1
same "no 项目名称: FILE:LINE" "$err" "jixiao: import: no_name.md:1: 绩效自评表 has no 项目名称 (project name)"
err=$("$bin" --db "$db" import "$fx/bad_score.md" 2>&1); rc=$?
same "malformed 得分: exit 1" "$rc" 1
same "malformed 得分: FILE:LINE" "$err" 'jixiao: import: bad_score.md:16: 绩效自评表 "农民工工作专项": indicator "监测点资助完成率" 得分 "十五" is not a number'
err=$("$bin" --db "$db" import "$fx/mixed.md" 2>&1 >/dev/null); rc=$?
same "a bad part is skipped, the rest imports" "$rc/$err" "0/jixiao: import: mixed.md:1: skipped 绩效自评表: 绩效自评表 has no 项目名称 (project name)"
same "evaluations stored" "$("$bin" --db "$db" evaluate list | wc -l)" 2

# Monitoring (绩效运行监控表, TSV): 确定能 with progress far behind time; 偏离度.
out=$("$bin" --db "$db" import "$fx/nmg_2023_monitor.tsv")
same "monitoring imports" "$out" "nmg_2023_monitor.tsv: 0 forms, 0 indicators, 1 evaluations"
"$bin" --db "$db" evaluate show 3 --format json > "$tmp/m.json" || bad "evaluate show 3"
same "monitoring: months, funds, indicators, 偏离度" \
  "$(jq -c '[.kind, .months, .form_id, .funds[0].exec, .funds[0].rate, [.indicators[] | [.name, .actual.text, .expected, .possibility, .deviation]]]' "$tmp/m.json")" \
  '["monitor",6,12,60000,23.53,[["监测点资助完成率","20%","100%","确定能",-80],["监测数据合格率","86%","≥85%","确定能",1.18],["监测工作完成及时率","30%","80%","有可能",-68.42]]]'
"$bin" --db "$db" check --format json > "$tmp/c.json"
same "monitor-likely" "$(jq -c '[.findings[] | select(.rule=="monitor-likely") | [.source.file, .source.line, .message]]' "$tmp/c.json")" \
  '[["nmg_2023_monitor.tsv",13,"农民工工作专项2023年度绩效运行监控表：指标“监测点资助完成率”1-6月完成“20%”，仅为全年目标“100%”的20.0%（时间已过50.0%），完成目标可能性却填“确定能”"]]'

# The web: the list and one self-evaluation beside its declared targets and its monitoring.
"$bin" --db "$db" serve --port 0 > "$tmp/srv.out" 2> "$tmp/srv.err" &
pid=$!
base=
for _ in $(seq 1 600); do
  base=$(sed -n 's|^serving \(http://[^ ]*\)/$|\1|p' "$tmp/srv.out")
  [ -n "$base" ] && break
  sleep 0.1
done
if [ -n "$base" ]; then
  page=$(curl -s "$base/evaluations")
  same "web: the list" "$(grep -o '<tr><td><a href="/evaluations/[0-9]*">[0-9]*</a></td><td>[^<]*</td><td>[0-9]*</td><td>[^<]*</td>' <<<"$page" | sed 's/<[^>]*>/|/g; s/||*/|/g')" \
    "|1|绩效自评表|2023|农民工工作专项|
|2|绩效自评表|2023|农民工工作专项|
|3|绩效运行监控表|2023|农民工工作专项|"
  page=$(curl -s "$base/evaluations/1")
  same "web: declared, monitoring and actual side by side" \
    "$(grep -o '<td>监测数据合格率</td><td>[^<]*</td><td>[^<]*</td><td>[^<]*</td><td>[^<]*</td>' <<<"$page")" \
    "<td>监测数据合格率</td><td>≥85%</td><td>≥85%</td><td>86%（1.18%）</td><td>80%</td>"
  same "web: the drift finding on the page" "$(grep -c '指标“监测数据采集完成率”的目标值“80%”与申报表' <<<"$page")" 1
  same "web: an unknown id is 404" "$(curl -s -o /dev/null -w '%{http_code}' "$base/evaluations/99")" 404
else
  bad "server did not start: $(cat "$tmp/srv.err")"
fi
kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null

# Summary by grade and the exports (CSV, XLSX read back by the importer).
same "summary by grade" "$("$bin" --db "$db" evaluate summary --format json | jq -c '[.self_evaluations, .linked, .monitoring, .unit_grades, .recomputed_grades, .unit_average, .recomputed_average]')" \
  '[2,2,1,{"优":2,"良":0,"中":0,"差":0},{"优":2,"良":0,"中":0,"差":0},99,96.43]'
"$bin" --db "$db" evaluate export --format csv -o "$tmp/e.csv" || bad "export csv"
same "csv: a row per indicator (3 evaluations: 7 + 7 + 3) and the header" "$(wc -l < "$tmp/e.csv")" 18
same "csv: an indicator beside its declared target" "$(grep -c '^1,绩效自评表,2023,农民工工作专项,上海市人力资源和社会保障局,12,17,产出指标,数量指标,监测数据采集完成率,90%,80%,85%,6.25,10.00,10.00,10.00,,,,,,,'$'\r''$' "$tmp/e.csv")" 1
"$bin" --db "$db" evaluate export --format xlsx -o "$tmp/e.xlsx" || bad "export xlsx"
same "xlsx reads back as the evaluations" "$("$bin" --db "$tmp/x.db" import "$tmp/e.xlsx")" "e.xlsx: 0 forms, 0 indicators, 3 evaluations"
same "xlsx: the same evaluation" "$("$bin" --db "$tmp/x.db" evaluate show 1 --format json | jq -c '[.name, .total.marks, .total.score, [.indicators[] | .actual.text]]')" \
  "$(jq -c '[.name, .total.marks, .total.score, [.indicators[] | .actual.text]]' "$tmp/e.json")"

# A PDF extractor's layout-preserving text (pdftotext -layout: cells side by side, blank cells
# leave nothing, a value centred under its head) imports to exactly what its TSV and markdown
# sources import to: cells put back on the heading's columns by where they stand.
norm='[.evaluations[] | del(.source) | walk(if type == "object" then del(.line, .file) else . end)]'
"$bin" --db "$tmp/src.db" import "$fx/nmg_2023_monitor.tsv" "$fx/nmg_2023_self.md" >/dev/null || bad "import the sources"
same "layout text: imports" "$("$bin" --db "$tmp/lay.db" import "$fx/nmg_2023_layout.txt")" "nmg_2023_layout.txt: 0 forms, 0 indicators, 2 evaluations"
same "layout text: the same evaluations as the TSV and markdown" "$("$bin" --db "$tmp/lay.db" export --format json | jq -S -c "$norm")" \
  "$("$bin" --db "$tmp/src.db" export --format json | jq -S -c "$norm")"
same "layout text: a real check (not two empty lists)" "$("$bin" --db "$tmp/lay.db" export --format json | jq -c '[.evaluations[] | [.kind, (.indicators | length), .indicators[-1].correction, .total.score]]')" \
  '[["monitor",3,"增派人员",null],["self",7,null,99]]'

# Monitoring in the usual 监控表 layout: 偏差原因分析 by category (经费保障 … 其他) and 完成目标可能性
# by answer (确定能 | 有可能 | 完全不可能), each a column under a merged head, ticked or written in.
cdb="$tmp/causes.db"
"$bin" --db "$cdb" import "$fx/nmg_2023_monitor_causes.md" >/dev/null || bad "import the 监控表 with categories"
"$bin" --db "$cdb" evaluate show 1 --format json > "$tmp/mc.json"
same "causes: each category's cell, the reason joined, the ticked possibility" \
  "$(jq -c '[.months, [.indicators[] | [.name, .reason, .possibility, .causes.funding, .causes.system, .causes.staff, .causes.hardware, .causes.other, .correction]]]' "$tmp/mc.json")" \
  '[7,[["监测点资助完成率","经费保障：资金下半年拨付","确定能","资金下半年拨付",null,null,null,null,null],["监测数据合格率",null,"确定能",null,null,null,null,null,null],["监测工作完成及时率","制度保障；人员保障：人员不足；其他：系统升级","有可能",null,"√","人员不足",null,"系统升级","增派人员"]]]'
same "causes: the export contract carries them" "$("$bin" --db "$cdb" export --format json | jq -c '.evaluations[0].indicators[2].causes')" \
  '{"funding":null,"system":"√","staff":"人员不足","hardware":null,"other":"系统升级"}'
"$bin" --db "$cdb" evaluate export --format csv -o "$tmp/mc.csv" || bad "export csv"
same "causes: CSV columns after 完成目标可能性" "$(head -1 "$tmp/mc.csv" | tr -d '\r' | cut -d, -f18-)" "偏差原因,完成目标可能性,经费保障,制度保障,人员保障,硬件条件保障,其他"
same "causes: CSV row" "$(tail -1 "$tmp/mc.csv" | tr -d '\r' | cut -d, -f18-)" "制度保障；人员保障：人员不足；其他：系统升级,有可能,,√,人员不足,,系统升级"
"$bin" --db "$cdb" evaluate export --format xlsx -o "$tmp/mc.xlsx" || bad "export xlsx"
"$bin" --db "$tmp/mc2.db" import "$tmp/mc.xlsx" >/dev/null || bad "import the exported workbook"
same "causes: the workbook's 监控表 reads back with its categories" \
  "$("$bin" --db "$tmp/mc2.db" evaluate show 1 --format json | jq -c '[.indicators[] | [.reason, .possibility, .causes]]')" \
  "$(jq -c '[.indicators[] | [.reason, .possibility, .causes]]' "$tmp/mc.json")"

# One text run per line (every cell a line of its own, a blank cell nothing): the same two evaluations.
same "one run per line: imports" "$("$bin" --db "$tmp/runs.db" import "$fx/nmg_2023_runs.txt")" "nmg_2023_runs.txt: 0 forms, 0 indicators, 2 evaluations"
same "one run per line: the same evaluations as the TSV and markdown" "$("$bin" --db "$tmp/runs.db" export --format json | jq -S -c "$norm")" \
  "$("$bin" --db "$tmp/src.db" export --format json | jq -S -c "$norm")"

# The usual 监控表 as a word processor's text export (LibreOffice's Text filter on an HTML of the
# form with its merged heads: each cell a line, a blank cell or one covered by a vertical merge a
# blank line, a horizontal merge one line, no row marks): the categories and the ticked answer
# stand where their column is counted from the indicator's name, so it imports to exactly what the
# markdown gives.
same "监控表 as text export: imports" "$("$bin" --db "$tmp/mcr.db" import "$fx/nmg_2023_monitor_causes_runs.txt")" \
  "nmg_2023_monitor_causes_runs.txt: 0 forms, 0 indicators, 1 evaluations"
# Its heading's main heads worded outside the vocabulary (or cut away) leave only sub-heads
# (经费保障…): no heading, so no indicator table -- a clear error, not a crash (it read an unset pointer).
awk 'NR >= 34 && NR <= 43 { print "X" $0; next } { print }' "$fx/nmg_2023_monitor_causes_runs.txt" > "$tmp/subs_only.txt"
"$bin" --db "$tmp/subs.db" import "$tmp/subs_only.txt" > /dev/null 2> "$tmp/subs.err"
same "监控表 of sub-heads alone: exit status and error" "$?:$(cat "$tmp/subs.err")" \
  '1:jixiao: import: subs_only.txt:1: 绩效运行监控表 "农民工工作专项" has no indicator table (一级指标/三级指标/全年目标值/1-N月实际完成值)'
same "监控表 as text export: what the markdown gives" "$("$bin" --db "$tmp/mcr.db" export --format json | jq -S -c "$norm")" \
  "$("$bin" --db "$cdb" export --format json | jq -S -c "$norm")"
same "监控表 as text export: a real check" "$("$bin" --db "$tmp/mcr.db" evaluate show 1 --format json | jq -c '[.indicators[2] | .causes.system, .causes.staff, .causes.other, .possibility]')" \
  '["√","人员不足","系统升级","有可能"]'

# PDF and pdftotext -layout: the evaluations exported as DOCX and XLSX (the 9-column monitoring
# report and the self-evaluation; the 14-column 监控表 with 偏差原因 by category), converted by
# LibreOffice (one run, four files). LibreOffice wraps almost every label and head (年度资金总/额,
# 1-6月实际完/成值, 经费/保障, 服务对象满意/度指标) and pdftotext -layout gives every character one
# column, so what follows a CJK text is shifted left. Each PDF, read by our PDF reader and as its
# real pdftotext -layout text, imports to exactly what its source gives: the TSV and markdown for
# the first, the exported workbook read back for the 14-column one (its two blank fund rows).
# Not yet: the 14-column table's DOCX as pdftotext -layout text (LibreOffice wraps its amounts
# and labels one or two characters a line: 25.525.50 / 0, 资 / 金 / 下 / 半 / 年).
if command -v soffice >/dev/null && command -v pdftotext >/dev/null; then
  lo="$tmp/lo"; mkdir -p "$lo"
  "$bin" --db "$tmp/src.db" evaluate export --format docx -o "$lo/ev.docx" || bad "export docx"
  "$bin" --db "$tmp/src.db" evaluate export --format xlsx -o "$lo/evx.xlsx" || bad "export xlsx"
  "$bin" --db "$cdb" evaluate export --format docx -o "$lo/mc.docx" || bad "export docx (监控表)"
  cp "$tmp/mc.xlsx" "$lo/mcx.xlsx"
  HOME="$tmp/lohome" timeout 300 soffice --headless --norestore --convert-to pdf --outdir "$lo" \
    "$lo/ev.docx" "$lo/evx.xlsx" "$lo/mc.docx" "$lo/mcx.xlsx" >/dev/null 2>&1
  same "LibreOffice wrote the four PDFs" "$(ls "$lo"/ev.pdf "$lo"/evx.pdf "$lo"/mc.pdf "$lo"/mcx.pdf 2>/dev/null | wc -l)" 4
  # the two DOCX as LibreOffice's text export (one cell a line, blank cells blank lines)
  HOME="$tmp/lohome" timeout 300 soffice --headless --norestore --convert-to 'txt:Text (encoded):UTF8' --outdir "$lo" \
    "$lo/ev.docx" "$lo/mc.docx" >/dev/null 2>&1
  same "LibreOffice wrote the two text exports" "$(ls "$lo"/ev.txt "$lo"/mc.txt 2>/dev/null | wc -l)" 2
  for f in ev mc; do mv "$lo/$f.txt" "$lo/$f-text.txt" 2>/dev/null; done
  nopage="[$norm[] | del(.page)]"
  want=$("$bin" --db "$tmp/src.db" export --format json | jq -S -c "$nopage")
  want14=$("$bin" --db "$tmp/mc2.db" export --format json | jq -S -c "$nopage")
  for f in ev evx mc mcx; do pdftotext -layout "$lo/$f.pdf" "$lo/$f.txt"; done
  for src in ev.pdf ev.txt ev-text.txt evx.pdf evx.txt mc.pdf mc-text.txt mcx.pdf mcx.txt; do
    case $src in ev*) w=$want; n=2 ;; *) w=$want14; n=1 ;; esac
    same "$src: imports" "$("$bin" --db "$tmp/$src.db" import "$lo/$src" 2>&1)" "$src: 0 forms, 0 indicators, $n evaluations"
    same "$src: exactly what its source gives" "$("$bin" --db "$tmp/$src.db" export --format json | jq -S -c "$nopage")" "$w"
  done
  same "pdftotext -layout: a real check (wrapped labels and heads, causes by category)" \
    "$("$bin" --db "$tmp/mcx.txt.db" evaluate show 1 --format json | jq -c '[.months, .funds[0].exec, [.indicators[] | [.level1, .level2, .name, .reason, .possibility]]]')" \
    '[7,80000,[["产出指标","数量指标","监测点资助完成率","经费保障：资金下半年拨付","确定能"],["产出指标","质量指标","监测数据合格率",null,"确定能"],["产出指标","时效指标","监测工作完成及时率","制度保障；人员保障：人员不足；其他：系统升级","有可能"]]]'
  same "pdftotext -layout: the self-evaluation's wrapped level 2 and its scores" \
    "$("$bin" --db "$tmp/ev.txt.db" evaluate show 2 --format json | jq -c '[.indicators[-1].level2, .indicators[-1].name, .indicators[4].name, .total.score]')" \
    '["服务对象满意度指标","区就业机构满意度","指导督促区工作协调机构工作完成率",99]'
else
  echo "skip evaluations from PDF: soffice or pdftotext not installed (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui, poppler-utils)"
fi

# Year over year: the 2024 declaration of the same project.
"$bin" --db "$db" import "$fx/nmg_2024_form.md" >/dev/null || bad "import 2024 form"
same "history" "$("$bin" --db "$db" evaluate history 农民工工作专项 | tail -5)" "  2023→2024 年度资金 年度资金总额（万元）: 25.50 → 30.00
  2023→2024 目标调整 监测数据采集完成率: 90% → 95%
  2023→2024 新增 农民工满意度: - → ≥85%
  2023→2024 删除 监测工作完成及时率: 95% → -
  2023→2024 删除 上级部门下达工作任务完成率: 90% → -"

# The web: the year-over-year view and the JSON API (what evaluate history/show print), the nav link.
serve() {  # serve [ARGS...]: start the server on $db, $base its address
  : > "$tmp/srv.out"   # emptied first: a late-opening shell would leave the last server's line and port
  "$bin" --db "$db" serve --port 0 "$@" > "$tmp/srv.out" 2> "$tmp/srv.err" &
  pid=$!
  base=
  for _ in $(seq 1 600); do
    base=$(sed -n 's|^serving \(http://[^ ]*\)/$|\1|p' "$tmp/srv.out")
    [ -n "$base" ] && return 0
    sleep 0.1
  done
  bad "server did not start: $(cat "$tmp/srv.err")"
}
serve
if [ -n "$base" ]; then
  name=$(jq -rn --arg n 农民工工作专项 '$n|@uri')
  same "api: the list as evaluate list --format json" "$(curl -s "$base/api/evaluations" | jq -c '[.version, [.evaluations[] | [.id, .kind, .year, .form_id]]]')" \
    "$("$bin" --db "$db" evaluate list --format json | jq -c '[.version, [.evaluations[] | [.id, .kind, .year, .form_id]]]')"
  same "api: ?year= filters" "$(curl -s "$base/api/evaluations?year=2024" | jq -c '.evaluations | length')" 0
  same "api: a bad year is 400" "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/evaluations?year=x")" 400
  same "api: one evaluation as evaluate show --format json" "$(curl -s "$base/api/evaluations/1" | jq -S -c .)" "$(jq -S -c . "$tmp/e.json")"
  same "api: an unknown id is 404 with a message" "$(curl -s "$base/api/evaluations/99" | jq -r .error.message)" "没有编号为 99 的绩效自评表或运行监控表"
  same "api: history as evaluate history --format json" "$(curl -s "$base/api/evaluations/history?name=$name" | jq -S -c .)" \
    "$("$bin" --db "$db" evaluate history 农民工工作专项 --format json | jq -S -c .)"
  same "api: history without a name is 400" "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/evaluations/history")" 400
  same "api: history of an unknown project is 404" "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/evaluations/history?name=x")" 404
  same "api: the index lists the endpoints" "$(curl -s "$base/api" | jq -c '[.endpoints | keys[] | select(test("evaluations"))]')" \
    '["GET /api/evaluations","GET /api/evaluations/history","GET /api/evaluations/{id}"]'
  page=$(curl -s "$base/evaluations/history?name=$name")
  targets=$(grep -o '<table class="tree" id="history-targets">.*</table><h2>变动' <<<"$page")
  same "web: history, the targets per year" "$(grep -o '<tr><td>[^<]*</td><td>[^<]*</td><td>监测数据采集完成率</td><td>[^<]*</td><td>[^<]*</td></tr>' <<<"$targets")" \
    "<tr><td>产出指标</td><td>数量指标</td><td>监测数据采集完成率</td><td>90%</td><td>95%</td></tr>"
  same "web: history, an indicator of one year only" "$(grep -o '<td>农民工满意度</td><td>[^<]*</td><td>[^<]*</td>' <<<"$targets")" "<td>农民工满意度</td><td>（无）</td><td>≥85%</td>"
  same "web: history, the changes listed" "$(grep -o '<table class="list" id="history-changes">.*</table>' <<<"$page" | grep -o '<tr><td>2023→2024</td><td>[^<]*</td><td>[^<]*</td>' | sed 's/<[^>]*>/|/g; s/||*/|/g')" \
    "|2023→2024|年度资金|年度资金总额（万元）|
|2023→2024|目标调整|监测数据采集完成率|
|2023→2024|新增|农民工满意度|
|2023→2024|删除|监测工作完成及时率|
|2023→2024|删除|上级部门下达工作任务完成率|"
  same "web: history, each year's form linked" "$(grep -o '<td>2024</td><td><a href="/forms/[0-9]*">' <<<"$page")" '<td>2024</td><td><a href="/forms/27">'
  same "web: the declared form links its history" "$(curl -s "$base/forms/27" | grep -o '<a id="history-link" href="[^"]*">')" \
    "<a id=\"history-link\" href=\"/evaluations/history?name=$name\">"
  same "web: an evaluation links its history" "$(curl -s "$base/evaluations/1" | grep -c "href=\"/evaluations/history?name=$name\"")" 1
  same "web: the nav links 绩效自评" "$(curl -s "$base/" | grep -o '<a href="/evaluations"[^>]*>绩效自评</a>')" '<a href="/evaluations">绩效自评</a>'
  same "web: history of an unknown project is 404" "$(curl -s -o /dev/null -w '%{http_code}' "$base/evaluations/history?name=x")" 404
fi
kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null

# Under --auth: a unit user sees its own unit's evaluations (and its own forms' history), reviewers all.
printf 'secret-unit-1\n' | "$bin" --db "$db" user add hr --role unit --unit 上海市人力资源和社会保障局 >/dev/null
printf 'secret-unit-2\n' | "$bin" --db "$db" user add lib --role unit --unit 示例区公共图书馆 >/dev/null
printf 'secret-rev-1\n' | "$bin" --db "$db" user add rv --role reviewer >/dev/null
# a unit whose name contains the evaluations' unit: linking's containment is no access rule
printf 'secret-unit-3\n' | "$bin" --db "$db" user add sub --role unit --unit 上海市人力资源和社会保障局就业促进中心 >/dev/null
serve --auth
if [ -n "$base" ]; then
  for u in hr:secret-unit-1 lib:secret-unit-2 rv:secret-rev-1 sub:secret-unit-3; do
    curl -s -c "$tmp/${u%%:*}.jar" -H 'Content-Type: application/json' \
      --data "$(jq -cn --arg u "${u%%:*}" --arg p "${u#*:}" '{user: $u, password: $p}')" "$base/api/login" >/dev/null
  done
  as() { curl -s -b "$tmp/$1.jar" -o "$tmp/as.body" -w '%{http_code}' "$base$2"; }
  same "auth: without login 401" "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/evaluations")" 401
  same "auth: the unit's user sees its evaluations" "$(as hr /api/evaluations) $(jq -c '[.evaluations[].id]' "$tmp/as.body")" "200 [1,2,3]"
  same "auth: another unit's user sees none" "$(as lib /api/evaluations) $(jq -c '[.evaluations[].id]' "$tmp/as.body")" "200 []"
  same "auth: a unit whose name contains theirs sees none" "$(as sub /api/evaluations) $(jq -c '[.evaluations[].id]' "$tmp/as.body")" "200 []"
  same "auth: another unit's evaluation is 404 to it (API, page)" "$(as lib /api/evaluations/1) $(as lib /evaluations/1)" "404 404"
  same "auth: nor its history" "$(as lib "/api/evaluations/history?name=$name")" 404
  same "auth: the unit's own page and history" "$(as hr /evaluations/1) $(as hr "/api/evaluations/history?name=$name") $(jq -c '[.years[].year]' "$tmp/as.body")" "200 200 [2023,2024]"
  same "auth: a reviewer sees all" "$(as rv /evaluations) $(grep -o '<tr><td><a href="/evaluations/' "$tmp/as.body" | wc -l)" "200 3"
fi
kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null

# History: a form of the same name by another unit is listed but never compared (the seeds hold
# 宣传与推广 of five bureaus in 2020); each unit's forms are compared year by year.
sed 's/上海市人力资源和社会保障局/上海市就业促进中心/g' "$fx/nmg_2024_form.md" > "$tmp/nmg_2024_other_unit.md"
"$bin" --db "$tmp/h.db" import "$seeds/003_a643829a048b0740.txt" "$fx/nmg_2024_form.md" "$tmp/nmg_2024_other_unit.md" >/dev/null || bad "import for history"
"$bin" --db "$tmp/h.db" evaluate history 农民工工作专项 --format json > "$tmp/h.json"
same "history: three forms listed" "$(jq -c '[.years[] | [.year, .unit]]' "$tmp/h.json")" \
  '[[2023,"上海市人力资源和社会保障局"],[2024,"上海市人力资源和社会保障局"],[2024,"上海市就业促进中心"]]'
same "history: only the same unit's years compared" "$(jq -c '[.changes[] | [.from_year, .to_year, .change]] | unique' "$tmp/h.json")" \
  '[[2023,2024,"删除"],[2023,2024,"年度资金"],[2023,2024,"新增"],[2023,2024,"目标调整"]]'
same "history: five changes, as with one unit" "$(jq '.changes | length' "$tmp/h.json")" 5
db_saved=$db; db="$tmp/h.db"
serve
if [ -n "$base" ]; then
  same "web: history, a column per form headed by its year and unit" \
    "$(curl -s "$base/evaluations/history?name=$(jq -rn --arg n 农民工工作专项 '$n|@uri')" | grep -o '<th>20[0-9][0-9]年<br>[^<]*</th>')" \
    "<th>2023年<br>上海市人力资源和社会保障局</th>
<th>2024年<br>上海市人力资源和社会保障局</th>
<th>2024年<br>上海市就业促进中心</th>"
fi
kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
db=$db_saved

# An evaluation naming no 实施单位: linked by name and year only when one unit declared that
# project that year (with a finding saying so), never when several did; under --auth it is no unit
# user's (scope is the evaluation's own unit, not its link), a reviewer's only.
sed 's/| 实施单位 | 上海市人力资源和社会保障局 |/| 实施单位 | |/' "$fx/nmg_2023_self.md" > "$tmp/nounit_self.md"
sed 's/上海市人力资源和社会保障局/上海市就业促进中心/g; s/2024年度/2023年度/' "$fx/nmg_2024_form.md" > "$tmp/nmg_2023_other_unit.md"
nu="$tmp/nounit.db"
"$bin" --db "$nu" import "$seeds/003_a643829a048b0740.txt" "$tmp/nounit_self.md" >/dev/null || bad "import the evaluation without a unit"
same "no unit: linked to the one unit's form" "$("$bin" --db "$nu" evaluate show 1 --format json | jq -c '[.unit, .form_id]')" '[null,12]'
same "no unit: the finding" "$("$bin" --db "$nu" check --format json | jq -c '[.findings[] | select(.rule=="eval-no-unit") | [.source.file, .source.line, .severity, .message]]')" \
  '[["nounit_self.md",1,"warning","农民工工作专项2023年度绩效自评表：未填写实施单位，仅按项目名称和年度关联到上海市人力资源和社会保障局的申报表（编号12）"]]'
nu2="$tmp/nounit2.db"
"$bin" --db "$nu2" import "$seeds/003_a643829a048b0740.txt" "$tmp/nmg_2023_other_unit.md" "$tmp/nounit_self.md" >/dev/null || bad "import two units' forms"
same "no unit, two units declared it: not linked" "$("$bin" --db "$nu2" evaluate show 1 --format json | jq -c '.form_id')" 'null'
same "no unit, two units: the finding" "$("$bin" --db "$nu2" check --format json | jq -r '.findings[] | select(.rule=="eval-no-unit") | .message')" \
  '农民工工作专项2023年度绩效自评表：未填写实施单位，库中有2个单位申报了同名同年度的项目，无法确定其申报表，未关联'
same "a unit's evaluation gives no eval-no-unit" "$("$bin" --db "$db" check --format json | jq '[.findings[] | select(.rule=="eval-no-unit")] | length')" 0
printf 'secret-unit-1\n' | "$bin" --db "$nu" user add hr --role unit --unit 上海市人力资源和社会保障局 >/dev/null
printf 'secret-rev-1\n' | "$bin" --db "$nu" user add rv --role reviewer >/dev/null
db_saved=$db; db=$nu
serve --auth
if [ -n "$base" ]; then
  for u in hr:secret-unit-1 rv:secret-rev-1; do
    curl -s -c "$tmp/nu-${u%%:*}.jar" -H 'Content-Type: application/json' \
      --data "$(jq -cn --arg u "${u%%:*}" --arg p "${u#*:}" '{user: $u, password: $p}')" "$base/api/login" >/dev/null
  done
  same "auth: an evaluation without a unit, linked to the unit's form, is not the unit's" \
    "$(curl -s -b "$tmp/nu-hr.jar" "$base/api/evaluations" | jq -c '[.evaluations[].id]') $(curl -s -b "$tmp/nu-hr.jar" -o /dev/null -w '%{http_code}' "$base/evaluations/1")" "[] 404"
  same "auth: a reviewer sees it" "$(curl -s -b "$tmp/nu-rv.jar" "$base/api/evaluations" | jq -c '[.evaluations[].id]')" "[1]"
fi
kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
db=$db_saved

# The walk: evaluate list, summary and export csv read the evaluations a page (200) at a time,
# each page with only the declared forms it links to (by forms.name_key): 401 evaluations of
# seed 003's 农民工工作专项 (a page and a row past two), every one linked, none lost or repeated.
gen="$tmp/many.md"
for i in $(seq 1 401); do
  sed -n '1,/^| 总分/p' "$fx/nmg_2023_self.md"; printf '\n\n'
done > "$gen"
pdb="$tmp/p.db"
"$bin" --db "$pdb" import "$seeds/003_a643829a048b0740.txt" "$gen" >/dev/null || bad "import 401 evaluations"
same "list: 401 linked, ids 1..401 in order" \
  "$("$bin" --db "$pdb" evaluate list | awk -F'\t' '$6 == "linked" {n++; s += $1; if ($1 != n) o = 1} END {print n, s, o + 0}')" "401 80601 0"
same "list --format json: the same 401, each once" \
  "$("$bin" --db "$pdb" evaluate list --format json | jq -c '[(.evaluations | length), ([.evaluations[].id] | unique | length), ([.evaluations[].form_id] | unique)]')" '[401,401,[12]]'
same "summary counts every page" "$("$bin" --db "$pdb" evaluate summary | head -1)" \
  "self-evaluations: 401 (401 linked to a declared form), monitoring reports: 0"
"$bin" --db "$pdb" evaluate export --format csv -o "$tmp/many.csv" || bad "export csv"
same "export csv: one header, 7 indicator rows each" "$(grep -c '农民工工作专项' "$tmp/many.csv") $(grep -c '^.*编号,类型' "$tmp/many.csv")" "2807 1"

# Migration 16 keys the evaluations already stored (evaluations.name_key, indexed): a store
# rewound to 15 is keyed on its next open, and a project's others are found by that key.
cp "$pdb" "$tmp/m15.db"
sqlite3 "$tmp/m15.db" "DROP INDEX evaluations_name_key; ALTER TABLE evaluations DROP COLUMN name_key; PRAGMA user_version = 15;"
"$bin" --db "$tmp/m15.db" evaluate show 401 >/dev/null || bad "evaluate show after the rewind"
same "migration 16: every evaluation keyed, the schema at 16" \
  "$(sqlite3 "$tmp/m15.db" "SELECT count(*) FROM evaluations WHERE name_key = '农民工工作专项'; PRAGMA user_version;" | tr '\n' ' ')" "401 16 "
same "migration 16: the key is looked up by its index" \
  "$(sqlite3 "$tmp/m15.db" "EXPLAIN QUERY PLAN SELECT e.id FROM evaluations e WHERE e.name_key = 'x' AND e.id > 0 AND (CAST(NULL AS TEXT) IS NULL OR e.unit = NULL) AND (0 = 0 OR e.year = 0) ORDER BY e.id" | grep -c 'USING INDEX evaluations_name_key')" "1"

# All or nothing: the last page of evaluation_indicators overwritten, so the store fails on the
# walk's last page -- list (JSON or text) writes nothing to standard output (it wrote the pages
# before, 400 evaluations), and a successful list is unchanged by being held back.
if sqlite3 :memory: 'select count(*) from dbstat' >/dev/null 2>&1; then
  cp "$pdb" "$tmp/late.db"
  lp=$(sqlite3 "$tmp/late.db" "select max(pageno) from dbstat where name = 'evaluation_indicators'")
  psize=$(sqlite3 "$tmp/late.db" "pragma page_size")
  head -c "$psize" /dev/zero | tr '\0' 'x' | dd of="$tmp/late.db" bs="$psize" seek=$((lp - 1)) conv=notrunc 2>/dev/null
  for f in json text; do
    "$bin" --db "$tmp/late.db" evaluate list --format $f >"$tmp/late.out" 2>"$tmp/late.err"; rc=$?
    same "list --format $f failing on a later page: exit 1, the store's error, nothing on stdout" \
      "$rc $(wc -c <"$tmp/late.out") $(grep -c 'loading evaluations: database disk image is malformed' "$tmp/late.err")" "1 0 1"
  done
else
  echo "note: sqlite3 has no dbstat: the late-error case skipped"
fi

# A final-accounts disclosure's self-evaluation figures against the store (../shared/external).
pdf="$(dirname "$seeds")/external/上海市普陀区财政局2024年度部门决算.pdf"
if [ -f "$pdf" ]; then
  d2="$tmp/d.db"
  "$bin" --db "$d2" import "$pdf" "$fx/putuo_czj_2024_self.tsv" >/dev/null || bad "import the PDF"
  "$bin" --db "$d2" check --format json > "$tmp/d.json"
  same "eval-disclosure silent when the store agrees (4 projects, 598.42万元, 99.43, all 优)" \
    "$(jq -c '[.findings[] | select(.rule=="eval-disclosure")] | length' "$tmp/d.json")" 0
  d3="$tmp/d3.db"
  "$bin" --db "$d3" import "$pdf" "$fx/putuo_czj_2024_self_bad.tsv" >/dev/null || bad "import the PDF"
  "$bin" --db "$d3" check --format json > "$tmp/d.json"
  same "eval-disclosure: average and grades" "$(jq -c '[.findings[] | select(.rule=="eval-disclosure") | [.source.page, .message]]' "$tmp/d.json")" \
    '[[23,"决算说明称平均得分99.43分，库中4个绩效自评表的单位自评总分平均为96.68分"],[23,"决算说明称绩效评级为“优”的项目4个，库中绩效自评表按单位自评总分评为“优”的有3个"],[23,"决算说明称绩效评级为“良”的项目0个，库中绩效自评表按单位自评总分评为“良”的有1个"]]'
else
  echo "skip eval-disclosure: $pdf absent"
fi

[ $fail -eq 0 ] && echo "cli_evaluate: all passed" || echo "cli_evaluate: FAILED"
exit $fail
