#!/usr/bin/env bash
# jixiao check on the real samples (000, 001, 003): the real problems found by
# reading them are reported where they are, sound forms get no warning, and
# --fail-on, --rule, --config behave. Skips when ../shared is absent.
set -u
bin=${1:?usage: cli_check.sh JIXIAO_BIN}
seeds=${JIXIAO_SEEDS:?}
for s in 000_75a7d0d2d6251555 001_30fc85b3e2ff877a 003_a643829a048b0740; do
  [ -f "$seeds/$s.txt" ] || { echo "SKIP: seed $seeds/$s.txt not found (../shared is absent)"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/t.db"
fail=0
"$bin" --db "$db" import "$seeds/000_75a7d0d2d6251555.txt" "$seeds/001_30fc85b3e2ff877a.txt" \
  "$seeds/003_a643829a048b0740.txt" >/dev/null || { echo "FAIL: import"; exit 1; }
"$bin" --db "$db" check --format json > "$tmp/c.json"
rc=$?
[ "$rc" -eq 1 ] && echo "ok   check exits 1 (errors exist)" || { echo "FAIL check exit $rc, want 1"; fail=1; }

# expect RULE FILE-PREFIX LINE SEVERITY MESSAGE: exactly this finding exists.
expect() {
  local n
  n=$(jq --arg r "$1" --arg f "$2" --argjson l "$3" --arg s "$4" --arg m "$5" \
      '[.findings[] | select(.rule==$r and (.source.file|startswith($f)) and .source.line==$l and .severity==$s and .message==$m)] | length' "$tmp/c.json")
  if [ "$n" = 1 ]; then echo "ok   $1 $2:$3"; else echo "FAIL $1 $2:$3 [$5] found $n times"; fail=1; fi
}
# Problems found by reading the documents (form, rule, where).
expect components-sum 000 112 error "6个子项目合计1837.26万元，与当年预算1837.26万元不一致（差额-1.00元）"
expect prev-exec-low 000 59 warning "同名项目上年预算543.00万元，执行237.30万元，执行率43.7%，低于80%"
expect level-missing 000 59 warning "缺少产出目标/时效目标"
expect misplaced-satisfaction 000 109 warning "满意度指标下的“沟通协调机制健全性”不是满意度指标"
expect typo 000 193 warning "指标值“全面事实实施无纸化考试”中的“事实实施”疑为“实施”之误"
expect mostly-qualitative 000 150 warning "产出和效益指标共7项，其中6项为定性指标（86%）"
expect goal-coverage 000 198 warning "年度目标提出“2%”，但没有指标衡量这一数值"
expect level-missing 000 112 info "无法识别指标体系（一级指标不属于已知框架），未检查必备指标层级"
expect typo 001 195 warning "指标名称“视屏监控门禁系统维保数量”中的“视屏监控”疑为“视频监控”之误"
expect misplaced-satisfaction 001 144 warning "满意度指标下的“有责投诉数”不是满意度指标"
expect rate-unit 003 20 warning "比率指标“培训人数达标率”的指标值“≥250”是大于100的无单位数字，像是计数"
expect rate-unit 003 77 warning "比率指标“老年节活动举办完成率”的指标值“>200.00(人)”使用了计数单位“人”"
expect satisfaction-100 003 143 warning "满意度指标“参会人员满意度”的指标值为“100%”，目标不切实际"
expect goal-coverage 003 36 warning "年度目标提出“150人”，但没有指标衡量这一数值"
expect target-missing 003 720 error "指标“就促养保-相关政策制定传达指导工作达标率”未填写指标值"
expect misplaced-satisfaction 003 745 warning "满意度指标下的“居保-发生重大集访矛盾次数”不是满意度指标"
expect bare-number 003 361 warning "指标“工作会议召开场次”的指标值“5”没有计量单位"
expect bare-number 003 232 warning "指标“审计/评价发现问题整改率”的指标值“100”没有计量单位"
expect vague-target 003 737 warning "可量化的指标“居保-个人养老金制度知晓率和参保率”使用了模糊表述“较上年提高”，应给出具体数值"
# misfiled (issue 13): a measure class against its 二级 category, warning on strong evidence
expect misfiled 000 52 warning "“综合满意度”按其名称（…满意度）属于满意度指标，却列在“社会效益目标”下"
expect misfiled 000 51 info "“成本控制情况”按其名称（…成本控制）属于成本指标，却列在“经济效益目标”下"
expect copied-rows 001 277 warning "第277—279行的3项指标（名称和指标值）与项目“高峰人才及其团队服务专项”（001_30fc85b3e2ff877a.txt:3，第52—54行）依次相同：“维保工作开展及时性 及时”、“改造工程完工及时性 及时”、“设备设施购置及时性 及时”"
# text-quality (issue 13)
expect text-quality 003 521 warning "年度目标“…年按计划购置xx个专用设备，…”中的“xx”是模板占位符，未填写实际内容"
expect text-quality 003 732 warning "指标名称“…、变更、延续的的劳务派遣公司…”中“的”重复"
expect text-quality 001 217 warning "指标名称“满意度 入驻单位（部门）满意度”以层级名称“满意度”开头，疑为转换时与层级单元格粘连"
expect misfiled 001 217 info "“满意度 入驻单位（部门）满意度”按其名称（…满意度）属于满意度指标，却列在“长效管理”下（名称前粘连层级名称，所属类别可能是转换错位所致）"
expect misfiled 003 278 warning "“退休证印制准确率”按其名称（…准确率）属于质量指标，却列在“数量指标”下"

# Sound forms: no warning or error.
for name in 12333热线全媒体智能咨询平台项目经费 高峰人才及其团队服务专项 职业技能竞赛 农民工工作专项 宣传工作经费 法律法规专项经费; do
  id=$("$bin" --db "$db" export --format json | jq --arg n "$name" '.forms[] | select(.name==$n) | .id')
  n=$(jq --argjson id "$id" '[.findings[] | select(.form_id==$id and .severity!="info")] | length' "$tmp/c.json")
  g=$(jq -r --argjson id "$id" '.grades[] | select(.form_id==$id) | .grade' "$tmp/c.json")
  if [ "$name" = 法律法规专项经费 ]; then   # one finding: the goal's 150人 is not measured
    [ "$n" = 1 ] && [ "$g" = 优 ] && echo "ok   $name: 1 finding, grade 优" || { echo "FAIL $name: $n findings, grade $g"; fail=1; }
  elif [ "$name" = 12333热线全媒体智能咨询平台项目经费 ]; then   # misfiled (issue 13): 综合满意度 under 社会效益目标
    [ "$n" = 1 ] && [ "$g" = 优 ] && echo "ok   $name: 1 finding, grade 优" || { echo "FAIL $name: $n findings, grade $g"; fail=1; }
  elif [ "$name" = 宣传工作经费 ]; then   # misfiled (issue 13): 退休证印制准确率, …验收合格率 under 数量指标
    [ "$n" = 2 ] && [ "$g" = 优 ] && echo "ok   $name: 2 findings, grade 优" || { echo "FAIL $name: $n findings, grade $g"; fail=1; }
  else
    [ "$n" = 0 ] && [ "$g" = 优 ] && echo "ok   sound form $name" || { echo "FAIL sound form $name: $n findings, grade $g"; fail=1; }
  fi
done

# Counts per rule on the three samples, pinned so a change is noticed.
got=$(jq -c '.findings | group_by(.rule) | map({(.[0].rule): length}) | add' "$tmp/c.json")
want='{"bare-number":31,"components-sum":1,"copied-rows":3,"goal-coverage":2,"goal-promise":1,"level-missing":2,"misfiled":35,"misplaced-satisfaction":6,"mostly-qualitative":2,"prev-exec-low":1,"rate-unit":2,"satisfaction-100":2,"target-missing":3,"text-quality":4,"typo":2,"vague-target":1}'
[ "$got" = "$want" ] && echo "ok   counts per rule" || { echo "FAIL counts per rule: $got"; fail=1; }

# --fail-on, --rule, --config
"$bin" --db "$db" check --rule target-missing=off --rule components-sum=off >/dev/null
rc=$?; [ "$rc" -eq 0 ] && echo "ok   errors off -> exit 0" || { echo "FAIL errors off -> $rc"; fail=1; }
"$bin" --db "$db" check --rule target-missing=off --rule components-sum=off --fail-on warning >/dev/null
rc=$?; [ "$rc" -eq 1 ] && echo "ok   --fail-on warning -> exit 1" || { echo "FAIL --fail-on warning -> $rc"; fail=1; }
n=$("$bin" --db "$db" check --format json --rule bare-number=off | jq '[.findings[] | select(.rule=="bare-number")] | length')
[ "$n" = 0 ] && echo "ok   --rule bare-number=off" || { echo "FAIL --rule bare-number=off: $n"; fail=1; }
n=$("$bin" --db "$db" check --format json --rule typo=error | jq '[.findings[] | select(.rule=="typo" and .severity=="error")] | length')
[ "$n" = 2 ] && echo "ok   --rule typo=error" || { echo "FAIL --rule typo=error: $n"; fail=1; }
"$bin" --db "$db" check --rule nosuch=off >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q "unknown rule 'nosuch'" "$tmp/err" && echo "ok   unknown rule -> 2" || { echo "FAIL unknown rule -> $rc"; fail=1; }
"$bin" --db "$db" check --fail-on panic >/dev/null 2>&1; rc=$?
[ "$rc" -eq 2 ] && echo "ok   bad --fail-on -> 2" || { echo "FAIL bad --fail-on -> $rc"; fail=1; }
printf '{"rules": {"prev-exec-low": {"min_ratio": 0.4}}}' > "$tmp/ok.json"
n=$("$bin" --db "$db" check --format json --config "$tmp/ok.json" | jq '[.findings[] | select(.rule=="prev-exec-low")] | length')
[ "$n" = 0 ] && echo "ok   config threshold 0.4 silences 43.7%" || { echo "FAIL config threshold: $n"; fail=1; }
printf '{"rules": {"prev-exec-low": {"min_ratio": }}\n' > "$tmp/bad.json"
"$bin" --db "$db" check --config "$tmp/bad.json" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q 'bad.json:1: config is not valid JSON' "$tmp/err" && echo "ok   malformed config -> 2 with file:line" || { echo "FAIL malformed config -> $rc: $(cat "$tmp/err")"; fail=1; }
"$bin" rules | grep -q '^prev-exec-low' && echo "ok   rules lists prev-exec-low" || { echo "FAIL rules"; fail=1; }
exit $fail
