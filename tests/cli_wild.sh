#!/usr/bin/env bash
# The wild documents (../shared/wild/): real 2026 disclosures as a PDF
# extraction pipeline left them, in two text layouts -- one text run per line
# (001, 004) and layout-preserving lines (002, 005) of the same documents.
# Every value asserted was read from the documents and from the extractor's
# own grid of the two target forms (raw/*_tablegrid.json): header, amounts
# in 元, every indicator (一级, 二级, 三级, 指标值, national category), the
# narrative linked to its form. The two layouts of a document must give the
# same forms. Skips when ../shared is absent.
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
# Totals of the layout-preserving tables (raw/*_page_data.json page_tables agree).
tot='.budget_tables[] | select(.title|test("收入预算总表|支出预算总表|经济分类")) | .rows[] | select(.name=="合计") | .values | [.[]] | map(tostring) | join(" ")'
check "002 totals" "$(jq -r "$tot" "$tmp/002.json")" "47483458 47483458 null null
47483458 36197265 11286193
36197265 31124727 5072538"
check "005 expenditure totals" "$(jq -r '.budget_tables[] | select(.title|test("部门支出预算总表")) | .rows[] | select(.name=="合计") | .values | [.[]] | map(tostring) | join(" ")' "$tmp/005.json")" \
  "3286618082.2 82527880.2 3204090202"
exit $fail
