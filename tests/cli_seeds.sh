#!/usr/bin/env bash
# The three sample documents of the form family (000 markdown 2019, 001
# tab-separated 2020, 003 tab-separated 2023 national framework) import into
# 5, 4 and 26 forms. Every form's name, unit, year, amounts, component and
# indicator counts, and 69 indicator rows checked by reading the documents
# (level 1, level 2, name, target text, national category) are asserted.
# Skips when ../shared is absent.
set -u
bin=${1:?usage: cli_seeds.sh JIXIAO_BIN}
seeds=${JIXIAO_SEEDS:?}
for s in 000_75a7d0d2d6251555 001_30fc85b3e2ff877a 003_a643829a048b0740; do
  [ -f "$seeds/$s.txt" ] || { echo "SKIP: seed $seeds/$s.txt not found (../shared is absent)"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
out=$("$bin" --db "$tmp/t.db" import "$seeds/000_75a7d0d2d6251555.txt" "$seeds/001_30fc85b3e2ff877a.txt" "$seeds/003_a643829a048b0740.txt")
want="000_75a7d0d2d6251555.txt: 5 forms, 55 indicators
001_30fc85b3e2ff877a.txt: 4 forms, 200 indicators
003_a643829a048b0740.txt: 26 forms, 360 indicators"
[ "$out" = "$want" ] && echo "ok   form and indicator counts" || { echo "FAIL counts: $out"; fail=1; }
"$bin" --db "$tmp/t.db" export --format json > "$tmp/s.json"

# Forms: file line name unit year total year carryover prev_budget prev_exec components indicators framework
jq -r '.forms[] | [(.source.file|.[0:3]), .source.line, .name, .unit, .year, (.budget.total|tostring), (.budget.year|tostring), (.budget.carryover|tostring), (.budget.prev_budget|tostring), (.budget.prev_exec|tostring), (.components|length), (.indicators|length), (.framework // "∅")] | @tsv' "$tmp/s.json" > "$tmp/forms.got"
cat > "$tmp/forms.want" <<'FORMS'
000	3	12333热线全媒体智能咨询平台项目经费	上海市人力资源和社会保障局咨询服务中心	2019	71387200	71387200	null	33513600	33513600	6	17	shanghai-2019
000	59	职业培训基础能力建设—师资进修	上海市就业促进中心	2019	3511500	3511500	null	5430000	2373044	8	12	shanghai-2019
000	112	社会保险服务费	上海市社会保险事业管理中心	2019	18372648	18372648	null	0	0	6	2	∅
000	150	委托服务经费	上海市职业技能鉴定中心	2019	13035400	13035400	null	11374400	11108102	3	13	shanghai-2019
000	198	外国人（台港澳）来华工作许可专项	上海市人才服务中心	2019	5205200	5205200	null	3852080	3586471	3	11	shanghai-2019
001	3	高峰人才及其团队服务专项	上海市人才服务中心	2020	9900000	9900000	null	4872000	4872000	0	43	shanghai-2019
001	67	公共服务专项经费	上海市人才服务中心	2020	11100000	11100000	null	6601390	6601390	0	63	shanghai-2019
001	152	人才大厦管理维护专项	上海市人才服务中心	2020	11829167	11829167	null	8979942	8979942	0	52	shanghai-2019
001	228	人才公寓管理维护专项	上海市人才服务中心	2020	11500000	11500000	null	16500000	16500000	0	42	shanghai-2019
003	5	劳动人事争议仲裁工作专项	上海市人力资源和社会保障局	2023	1732000	1732000	0	null	null	0	17	national-2021
003	36	法律法规专项经费	上海市人力资源和社会保障局	2023	1240000	1240000	0	null	null	0	8	national-2021
003	59	老干部工作经费	上海市人力资源和社会保障局	2023	1595000	1595000	0	null	null	0	15	national-2021
003	90	机关事业单位运行保障经费	上海市人力资源和社会保障局	2023	1604400	1604400	0	null	null	0	13	national-2021
003	119	职业培训管理工作经费	上海市人力资源和社会保障局	2023	150000	150000	0	null	null	0	10	national-2021
003	146	人才开发工作专项	上海市人力资源和社会保障局	2023	5937000	5937000	0	null	null	0	18	national-2021
003	180	高技能人才工作专项	上海市人力资源和社会保障局	2023	8100000	8100000	0	null	null	0	11	national-2021
003	207	审计、评审、评估、绩效管理等工作经费	上海市人力资源和社会保障局	2023	1060000	1060000	0	null	null	0	14	national-2021
003	237	职业技能竞赛	上海市人力资源和社会保障局	2023	6280000	6280000	0	null	null	0	7	national-2021
003	259	宣传工作经费	上海市人力资源和社会保障局	2023	2565800	2565800	0	null	null	0	19	national-2021
003	294	组织人事专项	上海市人力资源和社会保障局	2023	1636500	1636500	0	null	null	0	15	national-2021
003	325	农民工工作专项	上海市人力资源和社会保障局	2023	255000	255000	0	null	null	0	7	national-2021
003	347	重点及保密工作	上海市人力资源和社会保障局	2023	2006020	2006020	0	null	null	0	18	national-2021
003	381	海外联络处专项经费	上海市人力资源和社会保障局	2023	3600000	3600000	0	null	null	0	12	national-2021
003	409	专业技术人员及事业单位管理工作经费	上海市人力资源和社会保障局	2023	5855000	5855000	0	null	null	0	11	national-2021
003	437	市社会稳定办专项工作经费	上海市人力资源和社会保障局	2023	550000	550000	0	null	null	0	6	national-2021
003	458	劳动力市场工资管理	上海市人力资源和社会保障局	2023	3650000	3650000	0	null	null	0	16	national-2021
003	490	2023年度上海世赛筹办工作经费	上海市人力资源和社会保障局	2023	8500000	8500000	0	null	null	0	5	national-2021
003	510	专用设备购置及维护管理经费	上海市人力资源和社会保障局	2023	470000	470000	0	null	null	0	12	national-2021
003	538	信息化管理工作经费	上海市人力资源和社会保障局	2023	457500	457500	0	null	null	0	11	national-2021
003	565	队伍建设专项	上海市人力资源和社会保障局	2023	2100600	2100600	0	null	null	0	39	national-2021
003	621	统一人力资源市场建设	上海市人力资源和社会保障局	2023	55600	55600	0	null	null	0	7	national-2021
003	643	三支一扶及大学生就业	上海市人力资源和社会保障局	2023	366000	366000	0	null	null	0	9	national-2021
003	667	人力资源和社会保障政策研究专项	上海市人力资源和社会保障局	2023	808300	808300	0	null	null	0	11	national-2021
003	694	劳动保障工作经费	上海市人力资源和社会保障局	2023	2579430	2579430	0	null	null	0	36	national-2021
003	747	社会保障基金监管专项工作经费	上海市人力资源和社会保障局	2023	790000	790000	0	null	null	0	13	national-2021
FORMS
if diff "$tmp/forms.want" "$tmp/forms.got" > "$tmp/forms.diff"; then echo "ok   35 forms: names, units, years, amounts, counts, frameworks"
else echo "FAIL forms differ (want < > got):"; cat "$tmp/forms.diff"; fail=1; fi

# Indicator rows: file line level1 level2 name target category (∅ = null)
jq -r '.forms[] | (.source.file|.[0:3]) as $f | .indicators[] | [$f, .line, .level1, (.level2 // "∅"), (.name // "∅"), (.target.text // "∅"), (.category // "∅")] | @tsv' "$tmp/s.json" > "$tmp/rows.got"
n=0
while IFS= read -r row; do
  n=$((n + 1))
  grep -qxF -- "$row" "$tmp/rows.got" || { echo "FAIL row not found: $row"; key=$(cut -f1,2 <<<"$row"); grep -F -- "$key" "$tmp/rows.got" | head -2 | sed 's/^/     got: /'; fail=1; }
done <<'ROWS'
000	37	投入和管理目标	项目实施管理	系统建设完成率	=100%	∅
000	38	投入和管理目标	资金投入管理	专款专用率	=100%	∅
000	39	投入和管理目标	资金投入管理	预算执行率	≥98%	∅
000	40	产出目标	数量目标	综合接通率	≥80.00%	产出
000	41	产出目标	数量目标	招聘人员完成率	100.00%	产出
000	42	产出目标	数量目标	服务人员培训率	=100%	产出
000	46	产出目标	质量目标	质量控制合格率	≥98.00%	产出
000	47	产出目标	质量目标	服务人员流失率	≤20.00%	产出
000	48	产出目标	时效目标	一级故障	响应时间：立即响应，故障处理时间 ≤ 90 分钟	产出
000	49	产出目标	时效目标	二级故障	响应时间： ≤ 30 分钟内，故障处理时间 ≤ 180 分钟	产出
000	50	产出目标	时效目标	三级故障	响应时间： ≤ 30 分钟内，故障处理时间 ≤ 24 小时	产出
000	51	效果目标	经济效益目标	成本控制情况	< 4.97 元/分钟	效益
000	52	效果目标	社会效益目标	综合满意度	≥97.00%	效益
000	53	效果目标	社会效益目标	投诉率	≤0.01%	效益
000	54	影响力目标	可持续目标	长效管理情况	对项目的长期发展应该有相应的管理措施	效益
000	55	影响力目标	可持续目标	人力资源对项目可持续影响	人力资源配备和培训应该满足可持续发展的需求	效益
000	56	影响力目标	满意度目标	公众满意度	≥90.00%	满意度
000	95	投入和管理目标	∅	预算执行率	>98%	∅
000	96	投入和管理目标	∅	项目立项依据充分性	充分	∅
000	97	投入和管理目标	∅	资金使用合规性	合规	∅
000	98	投入和管理目标	∅	项目管理制度健全性	健全	∅
000	99	产出目标	数量目标	师资进修工作完成率	>95%	产出
000	103	产出目标	质量目标	教师进修满意度	≥95%	产出
000	106	效果目标	社会效益目标	师资能力提升情况	较上一年度有提升	效益
000	109	影响力目标	满意度目标	沟通协调机制健全性	健全	满意度
000	188	产出目标	数量目标	∅	排除政策变动因素，完成鉴定人数40万左右	产出
000	195	影响力目标	满意度目标	∅	提高考生满意度，有责投诉率控制在千分之一以下	满意度
000	229	投入和管理目标	资金投入管理	预算执行率	≥98%	∅
000	230	投入和管理目标	资产管理	资金使用合规性	规范	∅
001	23	投入与管理	投入管理	预算资金到位率	=100%	∅
001	37	投入与管理	资产管理	固定资产管理情况	规范	∅
001	38	产出目标	数量	专窗服务高峰人才及团队人数	=15名	产出
001	60	效果目标	满意度	高峰人才及团队满意度	≥85%	满意度
001	64	影响力目标	其它	档案管理机制健全性	健全	效益
001	65	影响力目标	其它	政策知晓率	≥85%	效益
001	122	产出目标	数量	国际金融人才公共服务研讨座谈会议	=1场	产出
001	123	产出目标	数量	国际金融人才公共服务政策宣传培训	=1场	产出
001	132	产出目标	质量	岗位专业覆盖率	=100%	产出
001	134	产出目标	质量	信息化系统运维及时性	及时	产出
001	136	产出目标	时效	档案归档及时性	及时	产出
001	144	效果目标	满意度	有责投诉数	=0起	满意度
001	196	产出目标	数量	大厦渗漏开裂维修保养面积	=3600m²	产出
003	17	产出指标	数量指标	专项队伍目标案件完成数	≥2200	产出
003	23	产出指标	质量指标	调解仲裁业务培训完成及时度	延期不超过2个月	产出
003	133	产出指标	数量指标	召开职业培训工作会议完成率	100%	产出
003	141	满意度指标	服务对象满意度指标	培训对象满意度	≥95%	满意度
003	143	满意度指标	服务对象满意度指标	参会人员满意度	100%	满意度
003	160	产出指标	数量指标	对口地区人才培养完成率	100%	产出
003	169	产出指标	质量指标	对口地区人才培养人次达标率	100%	产出
003	200	产出指标	时效指标	首席技师、技能大师工作室资助工作完成及时率	100%	产出
003	203	效益指标	社会效益指标	全市技能人才培养人数完成率	100%	效益
003	204	效益指标	社会效益指标	高技能人才资助申报人数	200	效益
003	273	产出指标	数量指标	基层宣传平台建设个数	3个	产出
003	277	产出指标	数量指标	退休证印制个数	约2.6万个	产出
003	281	产出指标	质量指标	宣传内容完整性	完整	产出
003	287	产出指标	时效指标	退休证送达经办机构及时率	≥90%	产出
003	316	产出指标	时效指标	培训及时率	≥95%	产出
003	317	产出指标	成本指标	培训班次预算执行率	≥90%	成本
003	361	产出指标	数量指标	工作会议召开场次	5	产出
003	369	产出指标	质量指标	培训人次达标率	≥90%	产出
003	402	效益指标	社会效益指标	海外工作站运行保障率	100%	效益
003	404	效益指标	社会效益指标	政策知晓率	≥90%	效益
003	472	产出指标	数量指标	统计月报反映指标数	≥200.00(项)	产出
003	579	产出指标	数量指标	纪检组-监督执纪审查调查工作完成率	100%	产出
003	603	成本指标	成本指标	机关纪委-纪检监察培训及时率	100%	成本
003	604	成本指标	成本指标	团-重要节点活动开展费用	不高于市场价的中等水平	成本
003	720	产出指标	质量指标	就促养保-相关政策制定传达指导工作达标率	∅	产出
003	721	产出指标	质量指标	福保-培训参加人次	80人次	产出
003	745	满意度指标	服务对象满意度指标	居保-发生重大集访矛盾次数	0	满意度
ROWS
[ "$n" -ge 60 ] && echo "ok   $n indicator rows checked" || { echo "FAIL only $n rows"; fail=1; }

# Parsed targets of a few rows.
check_target() {  # FILE LINE op value unit kind
  local got
  got=$(jq -r --arg f "$1" --argjson l "$2" '.forms[] | select(.source.file|startswith($f)) | .indicators[] | select(.line==$l) | .target | "\(.op) \(.value) \(.unit) \(.kind)"' "$tmp/s.json")
  [ "$got" = "$3" ] && echo "ok   target $1:$2 $3" || { echo "FAIL target $1:$2: got [$got] want [$3]"; fail=1; }
}
check_target 000 46 ">= 98 % quantitative"
check_target 000 48 "<= 90 分钟 quantitative"
check_target 000 195 "<= 0.1 % quantitative"
check_target 001 196 "= 3600 m² quantitative"
check_target 003 277 "~ 26000 个 quantitative"
check_target 003 23 "<= 2 个月 quantitative"
check_target 003 281 "null null null qualitative"
check_target 003 472 ">= 200 项 quantitative"

# Header fields of one form of each layout.
got=$(jq -c '.forms[0] | {nature, category, period, department}' "$tmp/s.json")
[ "$got" = '{"nature":"经常性专项业务费","category":null,"period":{"start":"2019-01-01","end":"2019-12-31","text":"2019-1-1 至 2019-12-31"},"department":null}' ] && echo "ok   000 form 1 header" || { echo "FAIL 000 form 1 header: $got"; fail=1; }
got=$(jq -c '.forms[2] | {nature, components: [.components[] | .amount] | add}' "$tmp/s.json")
[ "$got" = '{"nature":"其他经常性项目","components":18372647}' ] && echo "ok   000 form 3 header" || { echo "FAIL 000 form 3 header: $got"; fail=1; }
got=$(jq -c '.forms[9] | {nature, category, department, other: .budget.other, project_total: .budget.project_total, goal: .goal[0:12]}' "$tmp/s.json")
[ "$got" = '{"nature":"经常性专项业务费","category":"特定目标类","department":"上海市人力资源和社会保障局","other":0,"project_total":null,"goal":"确保本市劳动人事争议调解"}' ] && echo "ok   003 form 1 header" || { echo "FAIL 003 form 1 header: $got"; fail=1; }

# Every field kept (issue 11): the typed fields read from the field table, as the documents write them.
got=$(jq -c '.forms[0] | {fund_use, overview: .overview[0:16], basis: .basis[0:8], necessity: .necessity[0:8], measures: .measures[0:8], plan: .plan[0:12], long_goal: .long_goal[0:12], perf_type, gov_purchase, remark}' "$tmp/s.json")
[ "$got" = '{"fund_use":"其他事业专业类","overview":"上海市人力资源和社会保障局咨询服","basis":"1、国家发改委、","necessity":"建设上海市人社局","measures":"此项目是由上海市","plan":"此项目的实施贯穿2019","long_goal":"面向社会实行365天24","perf_type":null,"gov_purchase":null,"remark":null}' ] && echo "ok   000 form 1 new fields" || { echo "FAIL 000 form 1 new fields: $got"; fail=1; }
got=$(jq -c '[.forms[0:5][] | .fund_use]' "$tmp/s.json")
[ "$got" = '["其他事业专业类","政府购买服务",null,"政府购买服务","其他事业专业类"]' ] && echo "ok   000 资金用途 of 5 forms (box before or after its option, none checked)" || { echo "FAIL 000 资金用途: $got"; fail=1; }
got=$(jq -c '[.forms[1,4] | .period]' "$tmp/s.json")
[ "$got" = '[{"start":"2019-01-01","end":"2019-12-31","text":"2019. 1. 1 至 2019. 12. 31"},{"start":"2019-01","end":"2019-12","text":"2019年1月 至 2019年12月"}]' ] && echo "ok   000 periods in ISO, text as written" || { echo "FAIL 000 periods: $got"; fail=1; }
got=$(jq -c '.forms[5] | {perf_type, gov_purchase, long_goal: .long_goal[0:12], plan: .plan[0:10], period}' "$tmp/s.json")
[ "$got" = '{"perf_type":"事业/专业类","gov_purchase":"否","long_goal":"通过设立高峰人才及其团队","plan":"1、2020年4月计","period":{"start":"2020-01-01","end":"2020-12-31","text":"2020-01-01 至 2020-12-31"}}' ] && echo "ok   001 form 1 new fields" || { echo "FAIL 001 form 1 new fields: $got"; fail=1; }
got=$(jq -c '.forms[0].fields | [length, .[0], .[10], (.[-1] | [.label, .value, .line])]' "$tmp/s.json")
[ "$got" = '[21,{"label":"申报单位名称","value":"上海市人力资源和社会保障局咨询服务中心","line":7},{"label":"项目总预算（元）","value":"71387200","line":20},["备注",null,57]]' ] && echo "ok   000 form 1 fields[] in document order" || { echo "FAIL 000 form 1 fields[]: $got"; fail=1; }
got=$(jq -c '.forms[9].fields | [length, (.[] | select(.label == "项目资金 (元)" or .label == "上年结转资金" or .label == "实施单位") | [.label, .value, .line])]' "$tmp/s.json")
[ "$got" = '[17,["实施单位","上海市人力资源和社会保障局",8],["项目资金 (元)",null,10],["上年结转资金","0.00",12]]' ] && echo "ok   003 form 1 fields[]" || { echo "FAIL 003 form 1 fields[]: $got"; fail=1; }
# show lists the added fields after the goal, under the field table's titles.
id=$(jq '.forms[5].id' "$tmp/s.json")
got=$("$bin" --db "$tmp/t.db" show "$id" | grep -E '^  (项目期限|绩效类型|是否含有政府购买服务|资金用途|总目标年限|备注): ')
want='  项目期限: 2020-01-01 至 2020-12-31
  总目标年限: -
  资金用途: -
  绩效类型: 事业/专业类
  是否含有政府购买服务: 否
  备注: -'
[ "$got" = "$want" ] && echo "ok   001 form 1 show: added fields" || { echo "FAIL 001 form 1 show: $got"; fail=1; }
exit $fail
