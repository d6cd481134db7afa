#!/usr/bin/env bash
# The wild documents (../shared/wild/): real 2026 disclosures as a PDF
# extraction pipeline left them, in two text layouts -- one text run per line
# (001, 004) and layout-preserving lines (002, 005) of the same documents.
# Every value asserted was read from the documents and from the extractor's
# own grid of the two target forms (raw/*_tablegrid.json): header, amounts
# in 元, every indicator (一级, 二级, 三级, 指标值, national category), the
# narrative linked to its form; the budget tables (rows per table, rows whose
# figures do not fill every column, wrapped names, a header repeated after a
# page break; raw/*_page_data.json page_tables agree). The two layouts of a
# document must give the same forms and the same budget tables. Skips when
# ../shared is absent.
set -u
bin=${1:?usage: cli_wild.sh JIXIAO_BIN}
wild=${JIXIAO_SOURCE_DIR:?}/../shared/wild
for s in 001_sh_putuo_cgzf_2026_budget_cellperline 002_sh_putuo_cgzf_2026_budget_layout \
         004_sh_putuo_jgw_2026_budget_cellperline 005_sh_putuo_jgw_2026_budget_layout; do
  [ -f "$wild/$s.txt" ] || { echo "SKIP: $wild/$s.txt not found (../shared is absent)"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {   # check NAME GOT WANT
  if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1"; diff <(echo "$3") <(echo "$2") | head -20; fail=1; fi
}

for n in 001 002 004 005; do
  f=$(ls "$wild"/${n}_*.txt)
  "$bin" --db "$tmp/$n.db" import "$f" > "$tmp/$n.out" 2> "$tmp/$n.err" || { echo "FAIL import $n: $(cat "$tmp/$n.err")"; fail=1; }
  "$bin" --db "$tmp/$n.db" export --format json > "$tmp/$n.json"
  # the forms without ids and source lines: what both layouts must agree on
  # fields[] in document order: the two layouts order a row's cells differently, so compared as a set
  jq -S '[.forms[] | del(.id, .source, .indicators[].line, .narrative.line) | .fields |= (map(del(.line)) | sort_by(.label, .value))]' "$tmp/$n.json" > "$tmp/$n.forms"
done

# Header and amounts (元) of each form.
hdr='.forms[] | [.name, .unit, .department, .nature, .category, .year, .framework,
  (.period.start|tostring), (.period.end|tostring),
  (.budget.total|tostring), (.budget.year|tostring), (.budget.carryover|tostring),
  (.budget.other|tostring), (.budget.project_total|tostring), (.indicators|length), .goal] | @tsv'
cgzf_hdr=$(printf '%s\t' 拆违经费 上海市普陀区城市管理行政执法局执法大队 普陀区城市管理行政执法局执法大队 \
  阶段性项目 特定目标类 2026 national-2021 2024-01-01 2026-12-31 3498000 3498000 0 0 10308000 8)
cgzf_hdr="${cgzf_hdr}1.完成市、区相关部门下达的年度拆违任务。2.新增违建“零增长”，坚决做到“无增减存”。3.开展存量违建专项治理，快速降低违建点位数。4.开展普查数据平台“拆一件、销一项、存一档”目标管理。"
for n in 001 002; do
  check "$n header and amounts" "$(jq -r "$hdr" "$tmp/$n.json")" "$cgzf_hdr"
done
for n in 004 005; do
  got=$(jq -r "$hdr" "$tmp/$n.json" | sed 's#\t2026/1/1\t2027/12/31\t#\t2026-01-01\t2027-12-31\t#')
  want=$(printf '%s\t' 兰溪路-真南路下立交工程 上海市普陀区市政工程建设中心 上海市普陀区建设和管理委员会 \
    阶段性项目 特定目标类 2026 national-2021 2026-01-01 2027-12-31 226145100 226145100 0 0 771325800 9)
  check "$n header and amounts" "$got" "${want}积极推进项目前期征收工作，年内开展管线搬迁及维护结构施工。"
done

# Every indicator: 一级 二级 三级 指标值 category op value unit.
ind='.forms[].indicators[] | [.level1, .level2, .name, .target.text, .category,
  (.target.op|tostring), (.target.value|tostring), (.target.unit|tostring)] | @tsv'
cgzf_ind=$(cat <<'EOF'
成本指标	经济成本指标	成本控制合理性	合理	成本	null	null	null
产出指标	数量指标	完成年度拆违计划	=100.00(%)	产出	=	100	%
产出指标	质量指标	违法建筑销项正确率	=100.00(%)	产出	=	100	%
产出指标	时效指标	新增违建处置率	=100.00(%)	产出	=	100	%
效益指标	社会效益指标	群众政策知晓度	≥90.00(%)	效益	>=	90	%
效益指标	生态效益指标	提升城市环境美化指数	提高	效益	null	null	null
效益指标	可持续影响指标	新增违建发生数	降低	效益	null	null	null
满意度指标	服务对象满意度指标	群众满意度	≥90.00(%)	满意度	>=	90	%
EOF
)
jgw_ind=$(cat <<'EOF'
成本指标	生态环境成本指标	文明施工情况	可控	成本	null	null	null
产出指标	数量指标	道路建设长度	985米	产出	=	985	米
产出指标	质量指标	项目验收达标率	=100.00(%)	产出	=	100	%
产出指标	时效指标	项目完成及时性	及时	产出	null	null	null
效益指标	社会效益指标	道路安全隐患减少情况	减少	效益	null	null	null
效益指标	社会效益指标	道路景观提升情况	提升	效益	null	null	null
效益指标	社会效益指标	道路通行能力提升情况	提升	效益	null	null	null
效益指标	可持续影响指标	长效管理制度健全性	健全	效益	null	null	null
满意度指标	服务对象满意度指标	居民群众满意度	≥90.00(%)	满意度	>=	90	%
EOF
)
for n in 001 002; do check "$n indicators" "$(jq -r "$ind" "$tmp/$n.json")" "$cgzf_ind"; done
for n in 004 005; do check "$n indicators" "$(jq -r "$ind" "$tmp/$n.json")" "$jgw_ind"; done

# The same document in both layouts gives the same forms.
check "001 and 002 give the same forms" "$(cat "$tmp/001.forms")" "$(cat "$tmp/002.forms")"
check "004 and 005 give the same forms" "$(cat "$tmp/004.forms")" "$(cat "$tmp/005.forms")"
# 项目总体目标 (2024 年-2026 年): the years of the overall goal, the period in ISO (issue 11 step 4)
for n in 001 002; do
  check "$n 拆违经费 long_goal_years and period" \
    "$(jq -c '.forms[] | select(.name == "拆违经费") | [.long_goal_years, .period.start, .period.end, .long_goal[0:8]]' "$tmp/$n.json")" \
    '[{"start":2024,"end":2026},"2024-01-01","2026-12-31","1.完成市、区相"]'
done

# The narrative before each form is linked to it: its title and 年度预算安排 amount
# (349.80万元, 22,614.51万元) equal to the form's 年度资金申请总额.
nar='.forms[] | [.narrative.title, (.narrative.amount|tostring), (.narrative.sections|keys|length)] | @tsv'
for n in 001 002; do check "$n narrative" "$(jq -r "$nar" "$tmp/$n.json")" "$(printf '项目经费情况说明\t3498000\t7')"; done
for n in 004 005; do check "$n narrative" "$(jq -r "$nar" "$tmp/$n.json")" "$(printf '兰溪路-真南路下立交工程项目经费情况说明\t226145100\t7')"; done
for n in 001 002 004 005; do
  check "$n summary line" "$(head -1 "$tmp/$n.out" | sed 's/^[^:]*: //')" \
    "1 forms, $([ $n = 001 ] || [ $n = 002 ] && echo 8 || echo 9) indicators"
done

# Every budget table of the disclosure is found, with its unit.
titles=$(cat <<'EOF'
2026年部门财务收支预算总表	元
2026年部门收入预算总表	元
2026年部门支出预算总表	元
2026年部门财政拨款收支预算总表	元
2026年部门一般公共预算支出功能分类预算表	元
2026年部门政府性基金预算支出功能分类预算表	元
2026年部门国有资本经营预算支出功能分类预算表	元
2026年部门一般公共预算基本支出部门预算经济分类预算表	元
2026年部门“三公”经费和机关运行经费预算表	万元
EOF
)
for n in 001 002 004 005; do
  check "$n budget tables" "$(jq -r '.budget_tables[] | [.title, .unit] | @tsv' "$tmp/$n.json")" "$titles"
done
# The budget tables: rows per table, the same tables from both layouts, and
# rows read from the documents (and raw/*_page_data.json page_tables): a row
# with fewer figures than columns has them where the document prints them.
rows_of='[.budget_tables[] | (.rows|length)] | map(tostring) | join(" ")'
for n in 001 002; do check "$n budget rows per table" "$(jq -r "$rows_of" "$tmp/$n.json")" "13 19 19 9 19 0 0 34 1"; done
for n in 004 005; do check "$n budget rows per table" "$(jq -r "$rows_of" "$tmp/$n.json")" "15 37 37 11 35 4 0 33 1"; done
bt='[.budget_tables[] | {title, unit, columns, rows: [.rows[] | del(.line)]}]'
check "001 and 002 give the same budget tables" "$(jq -S "$bt" "$tmp/001.json")" "$(jq -S "$bt" "$tmp/002.json")"
check "004 and 005 give the same budget tables" "$(jq -S "$bt" "$tmp/004.json")" "$(jq -S "$bt" "$tmp/005.json")"
row='.budget_tables[] | select(.title|test($t)) | .rows[] | select(.code == $c and .name == $nm) | [.values[]] | map(tostring) | join(" ")'
cols='.budget_tables[] | select(.title|test($t)) | .columns | join("|")'
for n in 001 002; do
  f="$tmp/$n.json"
  check "$n 收入总表 columns" "$(jq -r --arg t 部门收入预算总表 "$cols" "$f")" "合计|财政拨款收入|事业收入|事业单位经营收入|其他收入"
  check "$n 支出总表 20808 抚恤 (项目支出 only)" "$(jq -r --arg t 部门支出预算总表 --arg c 20808 --arg nm 抚恤 "$row" "$f")" "294000 null 294000"
  check "$n 支出总表 合计" "$(jq -r --arg t 部门支出预算总表 --arg c "" --arg nm 合计 "$row" "$f")" "47483458 36197265 11286193"
  check "$n 经济分类 302 (公用经费 only)" "$(jq -r --arg t 经济分类 --arg c 302 --arg nm 商品和服务支出 "$row" "$f")" "4862538 null 4862538"
  check "$n 经济分类 合计" "$(jq -r --arg t 经济分类 --arg c "" --arg nm 合计 "$row" "$f")" "36197265 31124727 5072538"
  check "$n 收支总表 收入总计" "$(jq -r --arg t 财务收支预算总表 --arg c "" --arg nm 收入总计 "$row" "$f")" "47483458 null"
  check "$n 收支总表 二、事业收入 (empty)" "$(jq -r --arg t 财务收支预算总表 --arg c "" --arg nm 二、事业收入 "$row" "$f")" "null null"
  check "$n 三公 columns" "$(jq -r --arg t 三公 "$cols" "$f")" "合计|因公出国(境)费|公务接待费|公务用车购置及运行费/小计|公务用车购置及运行费/购置费|公务用车购置及运行费/运行费|机关运行经费预算数"
  check "$n 三公 figures (万元 → 元)" "$(jq -r --arg t 三公 --arg c "" --arg nm "" "$row" "$f")" "1142200 0 4600 1137600 750000 387600 5072500"
done
for n in 004 005; do
  f="$tmp/$n.json"
  check "$n 财政拨款收支总表 三、城乡社区支出" "$(jq -r --arg t 财政拨款收支预算总表 --arg c "" --arg nm 三、城乡社区支出 "$row" "$f")" "null 3182716265.16 389859265.16 2792857000 0"
  check "$n 财政拨款收支总表 三、国有资本经营预算 (wrapped name)" "$(jq -r --arg t 财政拨款收支预算总表 --arg c "" --arg nm 三、国有资本经营预算 "$row" "$f")" "null null null null null"
  check "$n 收支总表 五、资源勘探工业信息等支出 (wrapped name)" "$(jq -r --arg t 财务收支预算总表 --arg c "" --arg nm 五、资源勘探工业信息等支出 "$row" "$f")" "null 62000000"
  check "$n 一般公共预算 212 (after a repeated header)" "$(jq -r --arg t 一般公共预算支出功能分类 --arg c 212 --arg nm 城乡社区支出 "$row" "$f")" "389859265.16 56865583.16 332993682"
  check "$n 支出总表 合计" "$(jq -r --arg t 部门支出预算总表 --arg c "" --arg nm 合计 "$row" "$f")" "3286618082.2 82527880.2 3204090202"
done
# The review of each document: exactly these findings (rule, severity, line,
# message). The prose states figures over wrapped lines (一般公共预算 / 拨款支出预算
# 4748.35万元, 一般公共预算拨 / 款支出预算49,376万元): read rejoined, they agree
# with the tables; 财政拨款收入 is 一般公共预算 + 政府性基金 (004: 27.9亿 of
# 政府性基金) and agrees; the text after the 三公 table is prose, not rows of it
# (its 三公/机关运行经费 figures agree); each document carries the target table
# of one project of 14 / 247 with targets: a selection, an info, not an error.
findings='.findings[] | [.rule, .severity, (.source.line|tostring), .message] | @tsv'
for n in 001 002 004 005; do
  "$bin" --db "$tmp/$n.db" check --format json > "$tmp/$n.check"
done
case_lines() { printf '%s\t%s\t%s\t%s\n' "$@"; }
check "001 findings" "$(jq -r "$findings" "$tmp/001.check")" "$(case_lines \
  budget-prose info 740 '第740行称编报绩效目标的项目14个，文件只附1张绩效目标表（选择公开），项目数与项目预算资金无法核对')"
check "002 findings" "$(jq -r "$findings" "$tmp/002.check")" "$(case_lines \
  budget-prose info 243 '第243行称编报绩效目标的项目14个，文件只附1张绩效目标表（选择公开），项目数与项目预算资金无法核对')"
check "004 findings" "$(jq -r "$findings" "$tmp/004.check")" "$(case_lines \
  budget-prose info 1307 '第1307行称编报绩效目标的项目247个，文件只附1张绩效目标表（选择公开），项目数与项目预算资金无法核对')"
check "005 findings" "$(jq -r "$findings" "$tmp/005.check")" "$(case_lines \
  budget-prose info 351 '第351行称编报绩效目标的项目247个，文件只附1张绩效目标表（选择公开），项目数与项目预算资金无法核对')"
# What the import says (FILE:LINE:): the empty fund tables only.
check "001 import notes" "$(cat "$tmp/001.err")" \
'jixiao: import: 001_sh_putuo_cgzf_2026_budget_cellperline.txt:496: skipped: table "2026年部门政府性基金预算支出功能分类预算表" has no rows of figures
jixiao: import: 001_sh_putuo_cgzf_2026_budget_cellperline.txt:511: skipped: table "2026年部门国有资本经营预算支出功能分类预算表" has no rows of figures'
check "004 import notes" "$(cat "$tmp/004.err")" \
'jixiao: import: 004_sh_putuo_jgw_2026_budget_cellperline.txt:1051: skipped: table "2026年部门国有资本经营预算支出功能分类预算表" has no rows of figures'
# The rules can fail: errors planted in copies are found, at the line the
# statement starts on (a wrapped keyword cites its first line).
planted() {   # planted NAME SRC SED-SCRIPT: the findings of the changed copy
  sed "$3" "$2" > "$tmp/$1.txt"
  "$bin" --db "$tmp/$1.db" import "$tmp/$1.txt" > /dev/null 2>&1
  "$bin" --db "$tmp/$1.db" check --format json | jq -r '.findings[] | select(.severity == "error") | [.rule, (.source.line|tostring), .message] | @tsv'
}
f1=$(ls "$wild"/001_*.txt); f4=$(ls "$wild"/004_*.txt)
check "001 planted: 支出预算 total" "$(planted p1 "$f1" '57s/^    支出预算4748.35万元/    支出预算4748.45万元/')" \
  "$(printf 'budget-prose\t57\t第57行称支出预算4748.45万元，而表「2026年部门支出预算总表」第334行「合计」「合计」为47,483,458.00元（差额1,042.00元）')"
check "001 planted: wrapped 一般公共预算拨款支出预算" "$(planted p2 "$f1" '58s/^拨款支出预算4748.35万元/拨款支出预算4740.35万元/')" \
  "$(printf 'budget-prose\t57\t第57行称一般公共预算拨款支出预算4740.35万元，而表「2026年部门一般公共预算支出功能分类预算表」第492行「合计」「合计」为47,483,458.00元（差额-79,958.00元）')"
check "004 planted: 政府性基金 212 against 财政拨款收入" "$(planted p3 "$f4" '1035s/^2,792,857,000.00 $/2,792,856,000.00 /' | grep budget-cross)" \
  "$(printf 'budget-cross\t319\t表「2026年部门收入预算总表」第319行「212 城乡社区支出」「财政拨款收入」为3,182,716,265.16元，而表「2026年部门一般公共预算支出功能分类预算表」第904行「212 城乡社区支出」「合计」与表「2026年部门政府性基金预算支出功能分类预算表」第1033行「212 城乡社区支出」「合计」之和为3,182,715,265.16元（差额1,000.00元）')"

# 007: a disclosure without a target form imports its tables and its narrative,
# and says that the narrative cites a target table the document does not contain.
f7="$wild/007_sh_putuo_wenlv_2026_budget_cellperline_noform.txt"
if [ -f "$f7" ]; then
  "$bin" --db "$tmp/007.db" import "$f7" > "$tmp/007.out" 2> "$tmp/007.err"
  check "007 imports without a form" "$?:$(head -1 "$tmp/007.out" | sed 's/^[^:]*: //')" "0:0 forms, 0 indicators"
  check "007 note" "$(grep -c 'narrative "真如海心剧院精装修工程项目经费情况说明" cites a target table that the document does not contain' "$tmp/007.err")" "1"
  "$bin" --db "$tmp/007.db" export --format json > "$tmp/007.json"
  check "007 budget rows per table" "$(jq -r "$rows_of" "$tmp/007.json")" "14 35 35 10 35 0 0 38 1"
  # Its 年度预算安排: 总投资13526.06万元，其中 three parts; 2025年安排建设资金5000万元. The total over
  # the project's years and its parts are not the year's arrangement (it read 32,052.12万元, their sum).
  check "007 narrative amount" "$(jq -r '.narratives[] | [.title, (.amount|tostring)] | @tsv' "$tmp/007.json")" \
    "$(printf '真如海心剧院精装修工程项目经费情况说明\t50000000')"
  # Rows with two figures of three columns (合计 and 基本支出 or 项目支出) sit where
  # the children add up to their parent: 20799 and 2070105 are 项目支出 (207's
  # 项目支出 125,569,864 = 20701's 100,749,864 + 20799's 24,820,000), 30399 公用经费.
  check "007 支出总表 20799 and 2070105: 项目支出" \
    "$(jq -r '.budget_tables[] | select(.title|test("部门支出预算总表")) | .rows[] | select(.code == "20799" or .code == "2070105") | [.code, (.values | map(tostring) | join(" "))] | join(":")' "$tmp/007.json")" \
    "$(printf '2070105:60517640 null 60517640\n20799:24820000 null 24820000')"
  check "007 经济分类 30399: 公用经费" \
    "$(jq -r '.budget_tables[] | select(.title|test("经济分类")) | .rows[] | select(.code == "30399") | .values | map(tostring) | join(" ")' "$tmp/007.json")" "147520 null 147520"
  # Its review, with no form to attach to: the findings are the disclosure's
  # (FILE:LINE, scope disclosure, form_id 0), in the text and JSON of check, the
  # stored review, the CSV export and the web's disclosure page. Read from the
  # document: its tables add up and agree with each other and with the prose
  # (收入/支出预算 27,807.61万元, the 23 “科目” figures, 三公 11.49万元, 机关运行经费
  # 182.65万元); it states 39 projects with targets and carries none of their
  # tables (an info: cannot be checked); its one narrative's 七、绩效目标 says
  # 详见单位的项目绩效目标表, a table the document does not contain (a warning);
  # the narrative's 总投资 13526.06万元 = 11668.67 + 1213.29 + 644.10 holds; its
  # 年度预算安排 arranges 2025年 money only in a 2026 budget (a warning: last
  # year's text).
  "$bin" --db "$tmp/007.db" check > "$tmp/007.check.txt"
  check "007 check (text): exit status and the disclosure's findings" "$?
$(cat "$tmp/007.check.txt")" "0
disclosure ${f7##*/}  审核建议：优（90分）
  ${f7##*/}:1092: info [budget-prose] 第1092行称编报绩效目标的项目39个，文件未附绩效目标表，项目数与项目预算资金无法核对
  ${f7##*/}:1101: warning [narrative-link] 经费情况说明「真如海心剧院精装修工程项目经费情况说明」（第1101行）没有同名项目的绩效目标表
  ${f7##*/}:1117: warning [narrative-year] 经费情况说明「真如海心剧院精装修工程项目经费情况说明」的年度预算安排（第1117行）写的是2025年的安排，而本预算为2026年：疑为沿用往年文字
0 forms: 0 errors, 2 warnings, 1 info"
  "$bin" --db "$tmp/007.db" check --fail-on warning > /dev/null
  check "007 check --fail-on warning" "$?" 1
  "$bin" --db "$tmp/007.db" check --format json > "$tmp/007.check"
  check "007 findings (JSON)" "$(jq -r '.findings[] | [.rule, .severity, (.source.line|tostring), .scope, (.form_id|tostring), .disclosure] | @tsv' "$tmp/007.check")" \
    "$(printf 'budget-prose\tinfo\t1092\tdisclosure\t0\t%s\nnarrative-link\twarning\t1101\tdisclosure\t0\t%s\nnarrative-year\twarning\t1117\tdisclosure\t0\t%s' "${f7##*/}" "${f7##*/}" "${f7##*/}")"
  check "007 verdict" "$(jq -c '[.disclosures[] | [.grade, .score]], (.grades | length)' "$tmp/007.check" | tr '\n' ' ')" '[["优",90]] 0 '
  check "007 stored review" "$(sqlite3 "$tmp/007.db" 'select rule, line from findings order by line' 2>&1 | tr '\n' ' ')" "budget-prose|1092 narrative-link|1101 narrative-year|1117 "
  "$bin" --db "$tmp/007.db" export --format csv -o "$tmp/007.csv" > /dev/null
  check "007 CSV findings" "$(tail -n +2 "$tmp/007.csv/findings.csv" | cut -d, -f1,3,4,6,7 | tr -d '\r')" \
    "$(printf '0,budget-prose,提示,%s,1092\n0,narrative-link,警告,%s,1101\n0,narrative-year,警告,%s,1117' "${f7##*/}" "${f7##*/}" "${f7##*/}")"
  # Errors planted in copies of 007 are found, the document's own.
  check "007 planted: a 项 figure of 支出总表 (20701's 项目支出 no longer adds up)" \
    "$(planted p7a "$f7" '409s/^386,000 $/386,100 /')" \
    "$(printf 'budget-sum\t365\t表「2026年部门支出预算总表」第365行「20701 文化和旅游」「项目支出」为100,749,864.00元，而其下11个项（第371–436行）之和为100,749,964.00元（差额-100.00元）\nbudget-sum\t404\t表「2026年部门支出预算总表」第404行「2070110 文化和旅游交流与合作」「合计」为386,000.00元，而「基本支出」+「项目支出」之和为386,100.00元（差额-100.00元）')"
  check "007 planted: 三公 stated in the prose" "$(planted p7b "$f7" '1078s/11.49万元/11.59万元/')" \
    "$(printf 'budget-prose\t1078\t第1078行称“三公”经费预算数11.59万元，而表「2026年部门“三公”经费和机关运行经费预算表」第1069行「合计」为114,900.00元（差额1,000.00元）')"
  check "007 planted: the narrative's 总投资 breakdown" "$(planted p7c "$f7" '1118s/预备费644.10万元/预备费645.10万元/')" \
    "$(printf 'narrative-arithmetic\t1117\t经费情况说明「年度预算安排」中3项明细之和为135,270,600.00元，与所写的总额13526.06万元不符（差额-10,000.00元）')"
  check "007 planted: a doubled word in the narrative (no error; a warning of the disclosure)" \
    "$(planted p7d "$f7" '1103s/项目实施单位为/项目实施单位为为/'; "$bin" --db "$tmp/p7d.db" check --format json | jq -r '.findings[] | select(.rule == "text-quality") | [.rule, (.source.line|tostring), .scope, .message] | @tsv')" \
    "$(printf 'text-quality\t1102\tdisclosure\t经费情况说明「项目概述」“…项目实施单位为为上海市普陀区…”中“为”重复')"
  if command -v curl >/dev/null; then
    "$bin" --db "$tmp/007.db" serve --port 0 > "$tmp/srv.out" 2> "$tmp/srv.err" &
    srv=$!
    base=
    for _ in $(seq 1 600); do
      base=$(sed -n 's|^serving \(http://[^ ]*\)/$|\1|p' "$tmp/srv.out"); [ -n "$base" ] && break; sleep 0.1
    done
    check "007 GET /api/disclosures/1: its findings" \
      "$(curl -s "$base/api/disclosures/1" | jq -r '[(.finding_list[] | "\(.rule):\(.source.line)"), (.form_list | length)] | map(tostring) | join(" ")')" \
      "budget-prose:1092 narrative-link:1101 narrative-year:1117 0"
    curl -s "$base/disclosures/1" > "$tmp/d7.html"
    check "007 disclosure page shows both findings" \
      "$(grep -o '没有同名项目的绩效目标表\|文件未附绩效目标表' "$tmp/d7.html" | LC_ALL=C sort | uniq -c | awk '{print $1 $2}' | tr '\n' ' ')" "1文件未附绩效目标表 1没有同名项目的绩效目标表 "
    kill -TERM "$srv"; wait "$srv" 2>/dev/null
  fi
fi
exit $fail
