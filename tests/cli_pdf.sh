#!/usr/bin/env bash
# PDF import (issue 12) through the real binary.
#  1. PDFs made by a real producer: LibreOffice headless converts the HTML
#     fixtures (a target form with merged level cells and wrapped cells; a
#     small final-accounts disclosure) to DOCX, and that DOCX, the official-
#     layout DOCX and XLSX exports (jixiao export, of two forms) to PDF, all
#     in two soffice runs. Each PDF must import to exactly what its source
#     imports to (export JSON without ids, lines and pages): the whole
#     workbook too, its summary sheets (项目汇总, 指标汇总, 审核意见) printed
#     and not taken for forms, its amounts of four decimals printed exactly.
#  2. The five real final-accounts PDFs of ../shared/external: every table
#     found, figures read from the PDFs asserted, the template a template
#     with no finding, the planted errors of the test copy found with both
#     numbers and their page, the real documents' findings pinned (README).
#  3. A scan (image-only, made with cairo), an encrypted PDF (qpdf), a
#     truncated one and a 500-page one: a clear error or an import, the
#     database untouched on error, memory bounded.
# Parts skip with a message when soffice/qpdf or ../shared/external are absent.
set -u
bin=${1:?usage: cli_pdf.sh JIXIAO_BIN}
fx=${JIXIAO_FIXTURES:?}/pdf
ext=${JIXIAO_SOURCE_DIR:?}/../shared/external
tool=${JIXIAO_PDF_TOOL:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
check() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got [$2] want [$3]"; fi; }

# serve DB: start `jixiao serve` on a free loopback port; sets $srv (pid) and $base.
serve() {
  : > "$tmp/srv.out"   # emptied first: a late-opening shell would leave the last server's line and port
  "$bin" --db "$1" serve --port 0 > "$tmp/srv.out" 2> "$tmp/srv.err" &
  srv=$!
  base=
  for _ in $(seq 1 600); do
    base=$(sed -n 's|^serving \(http://[^ ]*\)/$|\1|p' "$tmp/srv.out"); [ -n "$base" ] && return 0; sleep 0.1
  done
  bad "serve did not start: $(cat "$tmp/srv.err")"
}
# pngsize FILE: a PNG's width x height, from its IHDR.
pngsize() { od -An -tu1 -j16 -N8 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}'; }

# The export without what differs by layout: ids, source lines, pages.
comparable() {
  "$bin" --db "$1" export --format json | jq -S '{
    forms: [.forms[] | del(.id, .source)
            | .indicators |= map(del(.line, .page)) | (.fields // []) |= map(del(.line))],
    tables: [(.budget_tables // [])[] | del(.file, .line, .page) | .rows |= map(del(.line, .page))],
    finals: [(.final_accounts // [])[] | del(.file) | .statements |= map(del(.line, .page))]}'
}

# ------------------------------------------ 0. final accounts in a text layout
# the national template's table names (财政拨款收支决算总表 style: …决算明细表), markdown
"$bin" --db "$tmp/nat.db" import "$fx/final_national.md" > "$tmp/nat.out" 2>&1
check "national titles in markdown: final accounts" "$(tail -1 "$tmp/nat.out")" \
  "final_national.md: final accounts (部门决算) of 示例市示例局, 2023: 2 tables, 4 statements"
"$bin" --db "$tmp/nat.db" check --format json > "$tmp/nat.json"
check "national titles: the class figure against its table, no page in a text layout" \
  "$(jq -r '.findings[] | "\(.rule):\(.source.line):\(.source.page // "-"):\(.message)"' "$tmp/nat.json")" \
  "final-prose:25:-:情况说明称“教育支出(类)”为21.00万元，而表「一般公共预算财政拨款支出决算明细表」「205 教育支出」「合计」为20.00万元"

# ------------------------------------------------------ 1. LibreOffice PDFs
if command -v soffice >/dev/null && command -v qpdf >/dev/null; then
  lo="$tmp/lo"
  mkdir -p "$lo/out"
  cp "$fx/form.html" "$fx/final.html" "$fx/form_long.html" "$fx/final_long.html" "$fx/form_right.html" "$lo/"
  HOME="$tmp/lohome" timeout 300 soffice --headless --norestore --convert-to 'docx:MS Word 2007 XML' \
    --outdir "$lo" "$lo/form.html" "$lo/final.html" "$lo/form_long.html" "$lo/final_long.html" "$lo/form_right.html" >/dev/null 2>&1
  check "LibreOffice wrote the DOCX fixtures" "$(ls "$lo"/form.docx "$lo"/final.docx "$lo"/form_long.docx "$lo"/final_long.docx "$lo"/form_right.docx 2>/dev/null | wc -l)" 5
  "$bin" --db "$tmp/docx.db" import "$lo/form.docx" "$lo/form_long.docx" >/dev/null
  "$bin" --db "$tmp/docx.db" export --format docx -o "$lo/official.docx"
  "$bin" --db "$tmp/docx.db" export --format xlsx -o "$lo/workbook.xlsx"
  HOME="$tmp/lohome" timeout 300 soffice --headless --norestore --convert-to pdf --outdir "$lo/out" \
    "$lo/form.docx" "$lo/final.docx" "$lo/official.docx" "$lo/workbook.xlsx" \
    "$lo/form_long.docx" "$lo/final_long.docx" "$lo/form_right.docx" >/dev/null 2>&1
  check "LibreOffice wrote the PDFs" "$(ls "$lo"/out/*.pdf 2>/dev/null | wc -l)" 7
  # form_long and final_long: tables across pages, Writer cutting tall rows at the page
  # break (the cut cell's rest at the top of the next page) and repeating the 支出决算表's
  # <thead> header rows on every page: the PDF must still give the rows the DOCX has
  for pair in "form.docx form.pdf" "final.docx final.pdf" "official.docx official.pdf" "workbook.xlsx workbook.pdf" \
              "form_long.docx form_long.pdf" "final_long.docx final_long.pdf" "form_right.docx form_right.pdf"; do
    set -- $pair
    src="$lo/$1"; pdf="$lo/out/$2"
    "$bin" --db "$tmp/src-$1.db" import "$src" >/dev/null 2>"$tmp/err" || bad "import $1: $(cat "$tmp/err")"
    "$bin" --db "$tmp/pdf-$1.db" import "$pdf" >/dev/null 2>"$tmp/err" || bad "import $2: $(cat "$tmp/err")"
    comparable "$tmp/src-$1.db" > "$tmp/a.json"
    comparable "$tmp/pdf-$1.db" > "$tmp/b.json"
    if cmp -s "$tmp/a.json" "$tmp/b.json"; then ok "$2 imports to what $1 imports to"
    else bad "$2 differs from $1: $(diff "$tmp/a.json" "$tmp/b.json" | head -20)"; fi
  done
  check "the form: merged level cells carried, wrapped cells joined" \
    "$(jq -r '.forms[0] | [(.indicators|length), .indicators[3].level1, .indicators[3].level2, .indicators[3].name, .indicators[3].target.text, .components[1].name] | join("|")' <(comparable "$tmp/pdf-form.docx.db"))" \
    "9|产出目标|数量目标|助餐点覆盖居委数量，含新建和改建的社区长者食堂及助餐点|=36个|助餐点运营补贴，含送餐上门服务及老年人营养餐食材补助"
  # the workbook: two forms (its summary sheets printed before them are no form), the
  # components of four decimals (209.9955 万元) printed and read exactly, fields as the XLSX gives them
  check "workbook.pdf: two forms, exact amounts, 356.40 as the workbook shows it" \
    "$(comparable "$tmp/pdf-workbook.xlsx.db" | jq -c '[(.forms|length), [.forms[0].components[].amount], (.forms[0].fields[] | select(.label=="项目总预算（万元）") | .value)]') $(pdftotext "$lo/out/workbook.pdf" - | grep -c '表单ID')" \
    '[2,[2099955,1464045],"356.40"] 3'
  # the long fixtures really cross pages, and a cut row comes out whole
  check "form_long: 18 indicators on 3 pages, a cut one whole" \
    "$(comparable "$tmp/pdf-form_long.docx.db" | jq -r '.forms[0] | [(.indicators|length), .indicators[3].name, .indicators[3].target.text] | join(" ")') $(pdfinfo "$lo/out/form_long.pdf" | awk '/^Pages:/ {print $2}')" \
    "18 第4项服务内容，含上门助浴、助洁、助医、康复护理、精神慰藉、紧急救援、适老化改造评估及家庭照护者培训等服务的组织实施、过程记录与质量监管 ≥40个 3"
  # form_right: right-aligned cells of Latin words (lines short of the cell by a word's gap),
  # one cut after its first line; lines broken at a word's own hyphen joined without a space
  check "form_right: the cut right-aligned cell whole, hyphenated words kept" \
    "$(comparable "$tmp/pdf-form_right.docx.db" | jq -r '.forms[0] | [(.indicators|length), .indicators[4].name] | join(" ")') $(pdfinfo "$lo/out/form_right.pdf" | awk '/^Pages:/ {print $2}')" \
    "18 第5项服务内容（rehabilitation coordination supervision bathing-assistance housekeeping emergency-response caregiver-training） 3"
  "$bin" --db "$tmp/pdf-final_long.docx.db" export --format json > "$tmp/final_long.json"
  check "final_long: 支出决算表 on pages 3-6, its 38 rows, no header row repeated, cut names whole" \
    "$(jq -r '.budget_tables[] | select(.title=="支出决算表") | [([.rows[].page] | unique | join(",")), (.rows|length), ([.rows[] | select(.code=="" or .name=="科目名称")] | length), (.rows[] | select(.code=="2010201") | .name)] | join(" ")' "$tmp/final_long.json")" \
    "3,4,5,6 38 1 专项业务活动（含第21号专项工作经费、信息化运维保障及其他相关业务支出的统筹安排）"
  # the 项目 page of a PDF form shows the page region beside its findings
  if command -v curl >/dev/null; then
    serve "$tmp/pdf-form_long.docx.db"
    curl -s "$base/forms/1" > "$tmp/form.html"
    grep -qF '<figure class="region"><img loading="lazy" src="/api/region.png?file=form_long.pdf&amp;line=1" alt="原文第1页"><figcaption>原文第1页（第1行）</figcaption></figure>' "$tmp/form.html" \
      && ok "项目 page: the finding's page region beside it" || bad "项目 page: no region figure"
    w=$(curl -s -o "$tmp/f1.png" -w '%{http_code} %{content_type}' "$base/api/region.png?file=form_long.pdf&line=1")
    check "项目 page: its region is a PNG" "$w $(head -c 8 "$tmp/f1.png" | od -An -c | tr -d ' ')" "200 image/png 211PNG\r\n032\n"
    kill -TERM "$srv"; wait "$srv" 2>/dev/null
    serve "$tmp/src-form_long.docx.db"   # the same form from its DOCX: no page, no region
    curl -s "$base/forms/1" > "$tmp/form.html"
    check "项目 page of the DOCX: no region" "$(grep -c 'class="region"' "$tmp/form.html")" 0
    check "region of a DOCX line: 404" "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/region.png?file=form_long.docx&line=1")" 404
    kill -TERM "$srv"; wait "$srv" 2>/dev/null
  fi
  "$bin" --db "$tmp/pdf-final_long.docx.db" check > "$tmp/final_long.check"
  check "final_long: its sums hold across the pages" "$(tail -1 "$tmp/final_long.check")" "0 forms: 0 errors, 0 warnings, 0 info"
  "$bin" --db "$tmp/pdf-form.docx.db" export --format json > "$tmp/form.json"
  check "source.page of a PDF form" "$(jq -c '[.forms[0].source.page, .forms[0].indicators[0].page]' "$tmp/form.json")" "[1,1]"
  "$bin" --db "$tmp/pdf-final.docx.db" check --format json > "$tmp/final.json"
  check "final fixture: its two errors, with pages" \
    "$(jq -r '[.findings[] | "\(.rule):\(.source.page)"] | sort | join(" ")' "$tmp/final.json")" "final-prose:3 final-toc:1"
  check "final fixture: both numbers of the share" \
    "$(jq -r '.findings[] | select(.rule=="final-prose") | .message' "$tmp/final.json")" \
    "情况说明称“项目支出”占45.00%，而40.00万元÷100.00万元（本年支出合计）=40.00%"
else
  echo "skip LibreOffice PDFs: soffice or qpdf not installed (Debian: libreoffice-writer-nogui, qpdf)"
fi

# ------------------------------------------------- 2. real final accounts
if [ -d "$ext" ]; then
  sg="$ext/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"
  gh="$ext/上海市普陀区规划和自然资源局 2024 年度部门决算.pdf"
  cz="$ext/上海市普陀区财政局2024年度部门决算.pdf"
  tq="$ext/24年普陀区财政局（测试问题版本）.pdf"
  mb="$ext/附件2：部门决算模板.pdf"
  db=$tmp/ext.db
  for f in "$sg" "$gh" "$cz" "$tq" "$mb"; do
    "$bin" --db "$db" import "$f" >"$tmp/imp" 2>/dev/null || bad "import $(basename "$f")"
  done
  "$bin" --db "$db" export --format json > "$tmp/ext.json"
  tables() { jq -r --arg f "$1" '[.budget_tables[] | select(.file==$f) | "\(.title):\(.rows|length)"] | join(" ")' "$tmp/ext.json"; }
  nine="收入支出决算总表 收入决算表 支出决算表 财政拨款收入支出决算总表 一般公共预算财政拨款支出决算表 一般公共预算财政拨款基本支出决算表 财政拨款“三公”经费支出决算表 政府性基金预算财政拨款收入支出决算表 国有资本经营预算财政拨款收入支出决算表"
  for f in "$sg" "$gh" "$cz" "$mb"; do
    check "$(basename "$f"): the nine tables" \
      "$(jq -r --arg f "$(basename "$f")" '[.budget_tables[] | select(.file==$f and .kind=="final") | .title] | join(" ")' "$tmp/ext.json")" "$nine"
  done
  check "test copy: eight tables (支出决算表 removed)" \
    "$(jq -r --arg f "$(basename "$tq")" '[.budget_tables[] | select(.file==$f) | .title] | length' "$tmp/ext.json")" 8
  # figures as printed in the PDFs (万元 → 元): file, table, row (code or name), column
  cell() {
    jq -r --arg f "$1" --arg t "$2" --arg r "$3" --arg c "$4" '
      [.budget_tables[] | select(.file==$f and .title==$t) | .rows[] | select(.code==$r or .name==$r)
       | .values[$c] | select(. != null)] | first // "none"' "$tmp/ext.json"
  }
  S=$(basename "$sg"); G=$(basename "$gh"); C=$(basename "$cz"); T=$(basename "$tq")
  check "社工部 收支总表 一般公共预算财政拨款收入" "$(cell "$S" 收入支出决算总表 一、一般公共预算财政拨款收入 收入/决算数)" 3078200
  check "社工部 收支总表 十九、住房保障支出" "$(cell "$S" 收入支出决算总表 十九、住房保障支出 支出/决算数)" 294200
  check "社工部 收入决算表 2080505" "$(cell "$S" 收入决算表 2080505 本年收入合计)" 61800
  check "社工部 支出决算表 2013999 项目支出" "$(cell "$S" 支出决算表 2013999 项目支出)" 2022400
  check "社工部 一般公共预算 合计 基本支出" "$(cell "$S" 一般公共预算财政拨款支出决算表 合计 基本支出)" 1055800
  check "社工部 基本支出 30107 绩效工资" "$(cell "$S" 一般公共预算财政拨款基本支出决算表 30107 决算数)" 101600
  check "社工部 基本支出 30239 (second half)" "$(cell "$S" 一般公共预算财政拨款基本支出决算表 30239 第2栏/决算数)" 24300
  check "社工部 财政拨款总表 总计" "$(cell "$S" 财政拨款收入支出决算总表 总计 收入/决算数)" 3078200
  check "规划 三公 合计 预算数" "$(cell "$G" 财政拨款“三公”经费支出决算表 "" 合计/预算数)" 28500
  check "规划 三公 公务接待费 决算数" "$(cell "$G" 财政拨款“三公”经费支出决算表 "" 公务接待费/决算数)" 3900
  check "规划 收入决算表 合计" "$(cell "$G" 收入决算表 合计 本年收入合计)" 97465000
  check "规划 支出决算表 2200150 事业运行" "$(cell "$G" 支出决算表 2200150 本年支出合计)" 44166700
  check "规划 基本支出 人员经费合计" "$(cell "$G" 一般公共预算财政拨款基本支出决算表 人员经费合计 决算数)" 48840900
  check "财政局 收入决算表 2010601 其他收入 (类|款|项 columns)" "$(cell "$C" 收入决算表 2010601 其他收入)" 100
  check "财政局 支出决算表 2010601 项目支出" "$(cell "$C" 支出决算表 2010601 项目支出)" 83700
  check "财政局 收支总表 总计" "$(cell "$C" 收入支出决算总表 总计 收入/决算数)" 29953900
  check "财政局 财政拨款总表 年初结转" "$(cell "$C" 财政拨款收入支出决算总表 年初财政拨款结转和结余 收入/决算数)" 216300
  check "财政局 一般公共预算 221 住房保障支出" "$(cell "$C" 一般公共预算财政拨款支出决算表 221 合计)" 4456900
  check "财政局 三公 合计 预算数" "$(cell "$C" 财政拨款“三公”经费支出决算表 "" 合计/预算数)" 9500
  check "template: a template, tables without figures" \
    "$(jq -r '[.final_accounts[] | select(.file|test("模板")) | .template] + [[.budget_tables[] | select(.file|test("模板")) | .rows[].values[] | select(. != null)] | length] | map(tostring) | join(" ")' "$tmp/ext.json")" "true 0"
  # 预算绩效管理情况: the 绩效自评 sentence read by its grammar (the 财政局's text layer prints
  # the sentence's lines out of order: 绩效自评 on one line, 的2024年度项目4个… on the next)
  check "绩效自评: projects, money, average, grades and page per disclosure" \
    "$(jq -c '[.final_accounts[] | [.file, (.statements[] | select(.subject=="绩效自评项目") | [.page, .count, .amount, .score, .grades["优"], .grades["良"], .grades["合格"], .grades["不合格"], .parts])] | select(length > 1)] | sort_by(.[0])' "$tmp/ext.json")" \
    '[["24年普陀区财政局（测试问题版本）.pdf",[22,4,5984200,99.43,4,0,0,0,4]],["上海市普陀区规划和自然资源局 2024 年度部门决算.pdf",[26,39,44154800,99.33,39,0,0,0,39]],["上海市普陀区财政局2024年度部门决算.pdf",[23,4,5984200,99.43,4,0,0,0,4]],["中共上海市普陀区委社会工作部 2024 年度部门决算.pdf",[21,1,1755200,100,1,0,0,0,1]]]'
  "$bin" --db "$db" check --format json > "$tmp/ext-check.json"
  findings() { jq -r --arg f "$1" '[.findings[] | select(.source.file==$f) | "\(.rule):\(.source.page)"] | join(" ")' "$tmp/ext-check.json"; }
  check "template: no finding" "$(findings "$(basename "$mb")")" ""
  check "test copy: the planted errors and the real ones, with pages" "$(findings "$T")" \
    "final-toc:2 final-heading:7 final-cross:10 final-toc:15 final-year:18 final-prose:18 final-prose:19 final-compare:19 final-compare:20 final-compare:21 final-compare:22 final-year:24"
  msg() { jq -r --arg f "$1" --arg r "$2" --argjson p "$3" '[.findings[] | select(.source.file==$f and .rule==$r and .source.page==$p) | .message] | join("\n")' "$tmp/ext-check.json"; }
  check "test copy: 收入支出总计 0 against the table" "$(msg "$T" final-prose 18)" \
    "情况说明称“收入支出总计”为0.00万元，而表「收入支出决算总表」（第7页）「总计」「收入/决算数」为2995.39万元"
  check "test copy: 大于 where 1511.89 < 1560.05" "$(msg "$T" final-compare 19)" \
    "“一般公共服务支出(类)财政事务(款)行政运行(项)”决算数1511.89万元，预算1560.05万元：情况说明称决算数大于预算数，实为小于"
  check "test copy: a 2023 heading" "$(msg "$T" final-year 18)" \
    "标题“第三部分上海市普陀区财政局2023年度部门决算情况说明”写的是2023年，而本文件是2024年度部门决算"
  check "test copy: the XX placeholder" "$(msg "$T" final-heading 7)" \
    "标题“第二部分上海市普陀区XX局2024年度部门决算表”含模板占位符（上海市普陀区XX局），应为“上海市普陀区财政局”"
  check "test copy: 支出决算表 listed but absent" "$(msg "$T" final-toc 2)" "目录列有“支出决算表”，但文件中没有这张表"
  check "test copy: the emptied 三公 table" "$(msg "$T" final-toc 15)" \
    "表「财政拨款“三公”经费支出决算表」（第15页）没有数字，也没有空表说明（如“本表无数据”及原因）"
  check "财政局: what is really inconsistent" "$(findings "$C")" "final-cross:6 final-cross:12 final-prose:21 final-prose:21"
  check "规划局: what is really inconsistent" "$(findings "$G")" \
    "final-heading:7 final-cross:7 final-cross:7 final-cross:12 final-prose:21 final-prose:24 final-prose:24"
  # WPS gives some lines of 财政局 boxes from their top down two lines, others flat at the
  # top: ordered by their glyphs' top, its 预算绩效管理 paragraph reads in order
  check "财政局: the 绩效自评 count and its grades, read in order (p23)" \
    "$(jq -r --arg f "$C" '.final_accounts[] | select(.file==$f) | .statements[] | select(.kind=="count" and .page==23) | "\(.subject) \(.count) \(.parts)"' "$tmp/ext.json")" \
    "绩效自评项目 4 4"
  check "社工部: what is really inconsistent" "$(findings "$S")" "final-compare:18"
  check "社工部: 完成年初预算 when 年初预算 is 0" "$(msg "$S" final-compare 18)" \
    "“一般公共预算财政拨款支出”称完成年初预算的95.89%，而年初预算为0万元（决算数307.82万元）"
  "$bin" --db "$db" budget list > "$tmp/bl.txt"
  grep -q "final accounts (部门决算) of 上海市XX局, 2024 (a template): 9 tables" "$tmp/bl.txt" \
    && ok "budget list names the template" || bad "budget list: $(head -3 "$tmp/bl.txt")"
  grep -qE "^ +[0-9]+  final +40 +5  万元 +42  收入支出决算总表$" "$tmp/bl.txt" \
    && ok "budget list: kind, line, page" || bad "budget list rows: $(sed -n 2,4p "$tmp/bl.txt")"
  # where on the page (source.bbox, points from the top-left) and the page region (issue 12)
  check "财政局: source.bbox of each finding" \
    "$(jq -c --arg f "$C" '[.findings[] | select(.source.file==$f) | [.source.page, .source.line, .source.bbox]]' "$tmp/ext-check.json")" \
    "[[6,63,[39.5,412,555.5,429.5]],[12,147,[66.5,408,775.5,425]],[21,272,[72,406.1,519,431.9]],[21,278,[72,628.6,519,687.3]]]"
  check "the store keeps each PDF's bytes (base64) and row boxes" \
    "$(sqlite3 "$db" "select count(*) from source_pdfs; select p.bytes, length(p.data) from source_pdfs p join files f on f.id = p.file_id where f.name = '$C'; select count(distinct file_id) from source_boxes")" \
    "$(printf '5\n%s|%s\n5' "$(stat -c %s "$cz")" "$(( ($(stat -c %s "$cz") + 2) / 3 * 4 ))")"
  if command -v curl >/dev/null; then
    serve "$db"
    fq=$(jq -rn --arg f "$C" '$f | @uri')
    w=$(curl -s -o "$tmp/r1.png" -w '%{http_code} %{content_type}' "$base/api/region.png?file=$fq&line=63")
    check "region of 财政局 p6 (the 326.71 row): a PNG of the row with its margin" "$w $(pngsize "$tmp/r1.png")" "200 image/png 1088x91"
    curl -s -o "$tmp/r2.png" "$base/api/region.png?file=$fq&line=63"
    cmp -s "$tmp/r1.png" "$tmp/r2.png" && ok "region: the cached answer is the same PNG" || bad "region: second answer differs"
    w=$(curl -s -o "$tmp/r3.png" -w '%{http_code}' "$base/api/region.png?file=$fq&line=278")
    check "region of a prose paragraph (p21, two lines)" "$w $(pngsize "$tmp/r3.png")" "200 950x174"
    check "region: a line without a row" "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/region.png?file=$fq&line=99999")" 404
    check "region: a file never imported" "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/region.png?file=none.pdf&line=1")" 404
    check "region: a bad line" "$(curl -s -w ' %{http_code}' "$base/api/region.png?file=$fq&line=x" | jq -rs '"\(.[0].error.message) \(.[1])"')" "line 应为正整数（来源行号） 400"
    check "region: an unknown parameter" "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/region.png?file=$fq&line=1&page=2")" 400
    # the disclosures: a list (paginated) and one each, API and page
    check "GET /api/disclosures: the five, by id" \
      "$(curl -s "$base/api/disclosures" | jq -r '[.total, (.disclosures | map("\(.id):\(.kind):\(.year):\(.template):\(.tables):\(.findings)") | join(" "))] | join(" ")')" \
      "5 1:final:2024:false:9:1 2:final:2024:false:9:7 3:final:2024:false:9:4 4:final:2024:false:8:12 5:final:2024:true:9:0"
    check "GET /api/disclosures?page=2&per_page=2" \
      "$(curl -s "$base/api/disclosures?page=2&per_page=2" | jq -c '[.total, .page, .per_page, [.disclosures[].id]]')" "[5,2,2,[3,4]]"
    check "GET /api/disclosures?per_page=0: 400" "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/disclosures?per_page=0")" 400
    curl -s "$base/api/disclosures/3" > "$tmp/d3.json"
    check "GET /api/disclosures/3: 财政局 with its tables, statements, findings" \
      "$(jq -r '[.file, .unit, (.budget_tables | length), (.final_accounts[0].statements | length), ([.finding_list[] | "\(.rule):\(.source.page)"] | join(",")), (.form_list | length)] | map(tostring) | join(" ")' "$tmp/d3.json")" \
      "$C 上海市普陀区财政局 9 54 final-cross:6,final-cross:12,final-prose:21,final-prose:21 0"
    check "GET /api/disclosures/99: 404" "$(curl -s "$base/api/disclosures/99" | jq -r .error.message)" "没有编号为 99 的公开文件"
    check "GET /api/disclosures/x: 400" "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/disclosures/x")" 400
    curl -s "$base/disclosures" > "$tmp/dl.html"
    grep -qF "<a href=\"/disclosures/3\">$C</a></td><td>部门决算</td><td>上海市普陀区财政局</td><td>2024</td><td>9</td><td>0</td><td>4</td>" "$tmp/dl.html" \
      && ok "公开文件 page lists 财政局" || bad "公开文件 page: $(grep -o '<tbody>.\{0,300\}' "$tmp/dl.html")"
    curl -s "$base/disclosures/3" > "$tmp/d3.html"
    grep -qF '<li><span class="page">第21页</span> 上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元<div class="finding sev-error">' "$tmp/d3.html" \
      && ok "disclosure page: the statement with its finding" || bad "disclosure page: no statement with finding"
    # a line of the 情况说明 holds several statements: each finding is shown once, beside
    # the statement whose subject it quotes (规划局 p24: 基本支出, 人员经费, 公用经费 on one line)
    curl -s "$base/disclosures/2" > "$tmp/d2.html"
    check "disclosure page: each finding once (规划局 7, 财政局 4)" \
      "$(grep -o 'class="finding ' "$tmp/d2.html" | wc -l) $(grep -o 'class="finding ' "$tmp/d3.html" | wc -l)" "7 4"
    check "disclosure page: 人员经费's finding beside 人员经费, 公用经费 without one" \
      "$(grep -o '<li><span class="page">第24页</span> [^<]*<div class="finding' "$tmp/d2.html" | sed 's/<div.*//; s/<li><span class="page">第24页<\/span> //; s/，.*//')" \
      "$(printf '一般公共预算财政拨款基本支出5377.64万元\n其中：人员经费4896.98万元')"
    check "disclosure page: nine tables, 2106.66 of 一般公共服务支出" \
      "$(grep -o '<section class="btable">' "$tmp/d3.html" | wc -l) $(grep -c '<td class="num">2106.66</td>' "$tmp/d3.html")" "9 1"
    curl -s "$base/findings?per_page=100" > "$tmp/findings.html"
    grep -qF "/api/region.png?file=$fq&amp;line=63\">查看原文第6页</a>" "$tmp/findings.html" \
      && ok "审核意见 page links each PDF finding to its page region" || bad "findings page: no region link"
    kill -TERM "$srv"; wait "$srv" 2>/dev/null
  else
    echo "skip page regions over HTTP: curl not installed"
  fi
else
  echo "skip real final accounts: $ext absent"
fi

# ------------------------------------------------------------ 3. bad PDFs
bdb=$tmp/bad.db
pdf_src=""
[ -n "${lo:-}" ] && [ -f "$lo/out/form.pdf" ] && pdf_src="$lo/out/form.pdf"
[ -z "$pdf_src" ] && [ -d "$ext" ] && pdf_src="$ext/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"
if [ -n "$tool" ] && [ -x "$tool" ]; then
  # a scan: a page rendered to PNG, wrapped as an image-only PDF
  if [ -n "$pdf_src" ] && command -v pdftoppm >/dev/null; then
    pdftoppm -f 1 -l 1 -r 50 -png -singlefile "$pdf_src" "$tmp/page"
    "$tool" scan "$tmp/page.png" "$tmp/scan.pdf"
    err=$("$bin" --db "$bdb" import "$tmp/scan.pdf" 2>&1 >/dev/null); st=$?
    check "scan exit" "$st" 1
    check "scan message" "$err" "jixiao: import: scan.pdf: the PDF has no text layer (1 page of images only: a scan?): run OCR on it or import the original document"
  fi
  # 500 pages: imported, memory bounded (peak RSS below 300 MB)
  "$tool" pages 500 "$tmp/long.pdf"
  if command -v /usr/bin/time >/dev/null; then
    /usr/bin/time -f %M -o "$tmp/rss" "$bin" --db "$tmp/long.db" import "$tmp/long.pdf" > "$tmp/long.out" 2>"$tmp/long.err"
    st=$?
  else
    "$bin" --db "$tmp/long.db" import "$tmp/long.pdf" > "$tmp/long.out" 2>"$tmp/long.err"; st=$?; echo 0 > "$tmp/rss"
  fi
  check "500 pages: a clear answer (no form in it)" "$st:$(grep -c 'no performance-target form found' "$tmp/long.err")" "1:1"
  rss=$(tail -1 "$tmp/rss")
  # AddressSanitizer keeps freed memory in quarantine: its builds get a wider bound
  limit=307200
  ldd "$bin" 2>/dev/null | grep -q libasan && limit=1048576
  [ "${rss:-0}" -lt "$limit" ] && ok "500 pages in ${rss} KB peak RSS" || bad "500 pages: peak RSS ${rss} KB"
else
  echo "skip scan and 500 pages: pdf_tool not built"
fi
if [ -n "$pdf_src" ] && command -v qpdf >/dev/null; then
  qpdf --encrypt secret owner 256 -- "$pdf_src" "$tmp/locked.pdf"
  err=$("$bin" --db "$bdb" import "$tmp/locked.pdf" 2>&1 >/dev/null); st=$?
  check "encrypted exit" "$st" 1
  check "encrypted message" "$err" "jixiao: import: locked.pdf: the PDF is encrypted (password-protected): save an unprotected copy"
fi
if [ -f "$bdb" ]; then
  check "refused PDFs leave the database empty" "$(sqlite3 "$bdb" 'select count(*) from files; select count(*) from budget_tables')" "$(printf '0\n0')"
fi
if [ -n "$pdf_src" ]; then
  size=$(stat -c %s "$pdf_src")
  for cut in $((size / 3)) $((size / 2)) $((size - 200)); do
    head -c "$cut" "$pdf_src" > "$tmp/cut.pdf"
    "$bin" --db "$tmp/cut.db" import "$tmp/cut.pdf" >/dev/null 2>"$tmp/cut.err"; st=$?
    if [ "$st" -eq 0 ] || { [ "$st" -eq 1 ] && grep -q '^jixiao: import: cut.pdf' "$tmp/cut.err"; }; then
      ok "truncated at $cut bytes: exit $st"
    else
      bad "truncated at $cut: exit $st: $(tail -2 "$tmp/cut.err")"
    fi
  done
  printf '%%PDF-1.7\n%%garbage\n' > "$tmp/garbage.pdf"
  err=$("$bin" --db "$tmp/cut.db" import "$tmp/garbage.pdf" 2>&1 >/dev/null); st=$?
  check "garbage PDF exit" "$st" 1
  grep -q '^jixiao: import: garbage.pdf: not a readable PDF (damaged or truncated?)' <<<"$err" \
    && ok "garbage PDF message" || bad "garbage PDF message: $err"
fi
exit $fail
