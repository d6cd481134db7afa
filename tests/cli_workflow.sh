#!/usr/bin/env bash
# The review workflow through the real server on a free loopback port (curl):
# 提交 → 退回 with a comment → comments on a field and an indicator row →
# 不采纳 of a finding (the grade without it) → re-imports of the same form (the
# dismissal and the status survive) → PUT of a bad form JSON (400 naming the
# JSON path, nothing stored) → PUT of an edit (a new version, findings
# recomputed) → the versions and their diff → 提交 again → 通过; illegal
# transitions answer 409 with the transition table's refusal. Exact values.
set -u
bin=${1:?usage: cli_workflow.sh JIXIAO_BIN}
src=${JIXIAO_SOURCE_DIR:?}
. "$(dirname "$0")/lib.sh"
need curl jq
db=${JIXIAO_WORKFLOW_DB:-$tmp/t.db}   # a PostgreSQL connection string runs the same flow there
# post PATH JSON: a POST with a JSON body.
post() { req POST "$1" -H 'Content-Type: application/json' --data-binary "$2"; }
put_file() { req PUT "$1" -H 'Content-Type: application/json' --data-binary "@$2"; }
# refused NAME WANT_CODE WANT_MESSAGE: the last answer was this error.
refused() { check "$1" "$code $(jqb .error.message)" "$2 $3"; }

training=$src/examples/2020_tsv_gb18030_training.txt
"$bin" --db "$db" import "$src"/examples/* >/dev/null 2>"$tmp/import.err" || { echo "FAIL import: $(cat "$tmp/import.err")"; exit 1; }
"$bin" --db "$db" export --format json -o "$tmp/export0.json"
start_server "$db" "$tmp/out" "$tmp/err"

# Form 2 (职业技能提升培训专项) as imported: a draft, one finding, 优 95.
req GET /api/forms/2
check "form 2 as imported" "$(jqc '{id, name, status, review, f: [.findings[] | {id, rule, where, disposition}]}')" \
  '{"id":2,"name":"职业技能提升培训专项","status":"draft","review":{"grade":"优","score":95},"f":[{"id":"2-0","rule":"vague-target","where":"效果目标/社会效益/参训人员就业率","disposition":null}]}'
check "GET /api/forms/2/versions before any edit" "$(req GET /api/forms/2/versions; jqc '{current, v: [.versions[] | [.version, .note]]}')" \
  '{"current":1,"v":[[1,"导入"]]}'

# Illegal transitions from 草稿.
post /api/forms/2/approve '{}'
refused "approve a draft: 409" 409 "项目当前状态为“草稿”，不能通过：只有已提交的项目可以通过"
post /api/forms/2/return '{"comment":"x"}'
refused "return a draft: 409" 409 "项目当前状态为“草稿”，不能退回：只有已提交的项目可以退回"
req GET /api/forms/2/submit
check "GET of a transition: 405 with Allow" "$code $(grep -i '^allow:' <(curl -sSI "$base/api/forms/2/submit" -X GET) | tr -d '\r')" "405 Allow: POST"
post /api/forms/99/submit '{}'
refused "submit an unknown form: 404" 404 "没有编号为 99 的项目"
post /api/forms/2/submit '{"comment": 5}'
refused "a comment that is no text: 400" 400 "comment 应为文本"
post /api/forms/2/submit '{"coment": "x"}'
refused "an unknown key: 400" 400 "请求正文中有未知的键“coment”"
post /api/forms/2/submit '{"comment":'
check "a body that is no JSON: 400" "$code $(jqb '.error.message | startswith("请求正文不是有效的 JSON：")')" "400 true"

# 提交
post /api/forms/2/submit '{"comment":"请审核"}'
check "submit" "$code $(jqc '{form_id, status, status_label, e: (.event | {id, action, action_label, from, to, comment, where, user, version})}')" \
  '200 {"form_id":2,"status":"submitted","status_label":"已提交","e":{"id":1,"action":"submit","action_label":"提交","from":"draft","to":"submitted","comment":"请审核","where":null,"user":null,"version":1}}'
post /api/forms/2/submit '{}'
refused "submit twice: 409" 409 "项目当前状态为“已提交”，不能提交：只有草稿或已退回的项目可以提交"
req GET /api/forms/2
jq 'del(.review, .findings)' "$tmp/body" > "$tmp/f2.json"
put_file /api/forms/2 "$tmp/f2.json"
refused "edit a submitted form: 409" 409 "项目当前状态为“已提交”，不能修改：只有草稿或已退回的项目可以修改"

# 退回 needs a comment.
post /api/forms/2/return '{"comment":"  "}'
refused "return without a comment: 400" 400 "退回时必须填写意见（comment）"
post /api/forms/2/return '{"comment":"预算执行率目标偏低，请修改"}'
check "return" "$code $(jqc '[.status, .status_label, .event.action, .event.from, .event.to, .event.comment]')" \
  '200 ["returned","已退回","return","submitted","returned","预算执行率目标偏低，请修改"]'

# The status in the list and its filter, in the export.
req GET "/api/forms?status=returned"
check "list ?status=returned" "$(jqc '[.total, [.forms[] | [.id, .status]]]')" '[1,[[2,"returned"]]]'
req GET "/api/forms?status=draft"
check "list ?status=draft" "$(jqc '[.total, [.forms[].id]]')" '[3,[1,3,4]]'
req GET "/api/forms?status=已退回"
check "list ?status=已退回 (the Chinese label)" "$(jqc '[.total, [.forms[].id]]')" '[1,[2]]'
req GET "/api/forms?status=bogus"
refused "list ?status=bogus: 400" 400 "status 应为 draft、submitted、returned 或 approved（草稿、已提交、已退回、已通过）"
req GET "/?status=returned"
check "the list page filtered by 已退回" "$code $(grep -o '<td class="status status-[a-z]*">[^<]*</td>' "$tmp/body" | sort | uniq -c | tr -s ' ')" \
  '200  1 <td class="status status-returned">已退回</td>'

# Comments on a field and on an indicator row.
post /api/forms/2/comments '{"where":"budget.total","comment":"金额请与预算批复核对"}'
check "a comment on a field" "$code $(jqc '.event | [.action, .where, .comment, .from, .to]')" \
  '200 ["comment","budget.total","金额请与预算批复核对","returned","returned"]'
post /api/forms/2/comments '{"where":"效果目标/社会效益/参训人员就业率","comment":"请给出具体数值"}'
check "a comment on an indicator row" "$code $(jqc '.event | [.where, .comment]')" \
  '200 ["效果目标/社会效益/参训人员就业率","请给出具体数值"]'
post /api/forms/2/comments '{"where":"产出目标/数量/不存在的指标","comment":"x"}'
refused "a comment on a row the form lacks: 400" 400 "where 应为字段（如 budget.total、goal）或指标路径“一级/二级/三级”，本项目没有“产出目标/数量/不存在的指标”"
post /api/forms/2/comments '{"comment":""}'
refused "an empty comment: 400" 400 "意见（comment）不能为空"

# 不采纳 of the finding: the grade without it.
post /api/findings/2-0/disposition '{"decision":"dismiss"}'
refused "dismiss without a reason: 400" 400 "不采纳时必须说明理由（reason）"
post /api/findings/2-0/disposition '{"decision":"maybe","reason":"x"}'
refused "an unknown decision: 400" 400 "decision 应为 accept（采纳）或 dismiss（不采纳）"
post /api/findings/2-7/disposition '{"decision":"accept"}'
refused "an unknown finding: 404" 404 "项目 2 没有编号为 2-7 的审核意见"
post /api/findings/2-0/disposition '{"decision":"dismiss","reason":"较去年提高 is measured against a stated base","rule":"typo"}'
refused "a finding that changed since it was read: 409" 409 "审核意见已经变化（项目修改后重新审核），请刷新后重试"
post /api/findings/2-0/disposition '{"decision":"dismiss","reason":"上年就业率已在附表列明，较去年提高可以考核","rule":"vague-target"}'
check "dismiss" "$code $(jqc '{finding, d: (.disposition | {decision, label: .label, reason, user}), review}')" \
  '200 {"finding":{"id":"2-0","form_id":2,"rule":"vague-target","where":"效果目标/社会效益/参训人员就业率"},"d":{"decision":"dismiss","label":"不采纳","reason":"上年就业率已在附表列明，较去年提高可以考核","user":null},"review":{"grade":"优","score":100}}'
req GET /api/forms/2
check "the form after the dismissal" "$(jqc '{review, f: [.findings[] | [.id, .disposition.decision]]}')" \
  '{"review":{"grade":"优","score":100},"f":[["2-0","dismiss"]]}'

# Re-imports: the same file again (its form keeps id 2), then the same form in a new file (a new id).
"$bin" --db "$db" import "$training" >/dev/null 2>&1
req GET /api/forms/2
check "re-import of the same file: status, dismissal and grade kept" \
  "$(jqc '{status, review, f: [.findings[] | [.id, .rule, .disposition.decision]]}')" \
  '{"status":"returned","review":{"grade":"优","score":100},"f":[["2-0","vague-target","dismiss"]]}'
{ cat "$training"; printf '\n'; } > "$tmp/2020_training_again.txt"
"$bin" --db "$db" import "$tmp/2020_training_again.txt" >/dev/null 2>&1
req GET /api/forms/5
check "the same form in another file: it is the same form (status, dismissal, grade)" \
  "$(jqc '{name, status, review, f: [.findings[] | [.rule, .disposition.decision]]}')" \
  '{"name":"职业技能提升培训专项","status":"returned","review":{"grade":"优","score":100},"f":[["vague-target","dismiss"]]}'
"$bin" --db "$db" check --format json > "$tmp/check.json" 2>/dev/null
check "check --format json still reports the finding (dismissed, not deleted)" \
  "$(jq -c '[.findings[] | select(.form_id == 2) | .rule]' "$tmp/check.json")" '["vague-target"]'

# PUT with bad JSON: 400 naming the path; nothing stored.
req GET /api/forms/2
jq 'del(.review, .findings)' "$tmp/body" > "$tmp/f2.json"
printf '{"name": ' > "$tmp/bad0.json"
put_file /api/forms/2 "$tmp/bad0.json"
check "PUT of no JSON: 400" "$code $(jqb '.error.message | startswith("表单 JSON 有误：not valid JSON: ")')" "400 true"
jq '.indicators[2].target.text = 5' "$tmp/f2.json" > "$tmp/bad1.json"
put_file /api/forms/2 "$tmp/bad1.json"
refused "PUT: a target that is a number" 400 "表单 JSON 有误：\$.indicators[2].target.text: expected a string or null, got a number"
jq '.budget.total = "356.5万元"' "$tmp/f2.json" > "$tmp/bad2.json"
put_file /api/forms/2 "$tmp/bad2.json"
refused "PUT: an amount that is text" 400 "表单 JSON 有误：\$.budget.total: expected an amount in yuan (a number) or null, got a string"
jq '.budget.total = -1' "$tmp/f2.json" > "$tmp/bad3.json"
put_file /api/forms/2 "$tmp/bad3.json"
refused "PUT: a negative amount" 400 "表单 JSON 有误：\$.budget.total: expected an amount from 0 to 1000000000000 yuan, got -1"
jq '. + {"nmae": "x"}' "$tmp/f2.json" > "$tmp/bad4.json"
put_file /api/forms/2 "$tmp/bad4.json"
refused "PUT: an unknown key" 400 "表单 JSON 有误：\$.nmae: unknown key (not a field of the export contract)"
jq '.budget.totl = 1' "$tmp/f2.json" > "$tmp/bad5.json"
put_file /api/forms/2 "$tmp/bad5.json"
refused "PUT: an unknown key in a group" 400 "表单 JSON 有误：\$.budget.totl: unknown key (not a field of the export contract)"
jq '.name = ""' "$tmp/f2.json" > "$tmp/bad6.json"
put_file /api/forms/2 "$tmp/bad6.json"
refused "PUT: no name" 400 "表单 JSON 有误：\$.name: a form needs a name (项目名称): a non-empty string"
jq '.indicators[0].category = "产品"' "$tmp/f2.json" > "$tmp/bad7.json"
put_file /api/forms/2 "$tmp/bad7.json"
refused "PUT: a category outside the national four" 400 "表单 JSON 有误：\$.indicators[0].category: expected 成本, 产出, 效益, 满意度 or null, got \"产品\""
jq '.id = 3' "$tmp/f2.json" > "$tmp/bad8.json"
put_file /api/forms/2 "$tmp/bad8.json"
refused "PUT: another form's id" 400 "\$.id: 3 与地址中的项目编号 2 不一致"
check "nothing stored by the bad PUTs" "$(req GET /api/forms/2/versions; jqc '[.current, (.versions | length)]')" '[1,1]'

# PUT of an edit: 预算执行率 raised, a row added, a row deleted, one moved, the total cut below
# this year's appropriation (a new finding: the review is recomputed and stored on save).
jq '.indicators[0].target.text = "≥98%"
    | .indicators |= (.[0:1] + .[2:])
    | .indicators += [{"level1": "产出目标", "level2": "数量", "name": "线上课程上线数量", "target": {"text": "≥20门"}}]
    | .indicators |= ([.[9]] + .[0:9] + .[10:])
    | .budget.total = 3000000' "$tmp/f2.json" > "$tmp/edit1.json"
put_file /api/forms/2 "$tmp/edit1.json"
check "PUT: the edited form" \
  "$code $(jqc '{status, total: .budget.total, n: (.indicators | length), first: .indicators[0].name, t: .indicators[1].target, review, f: [.findings[] | [.rule, .where, .disposition.decision]]}')" \
  '200 {"status":"returned","total":3000000,"n":11,"first":"培训质量评估机制健全性","t":{"text":"≥98%","op":">=","value":98,"unit":"%","kind":"quantitative"},"review":{"grade":"良","score":85},"f":[["year-above-total","budget.year",null],["vague-target","效果目标/社会效益/参训人员就业率","dismiss"]]}'
req GET /api/forms/2/versions
check "versions after the edit" "$(jqc '{current, v: [.versions[] | [.version, .note, .user]]}')" \
  '{"current":2,"v":[[1,"导入",null],[2,"修改",null]]}'
req GET /api/forms/2/versions/1
check "version 1 is the form as imported (the export, without its status)" \
  "$(jq -S -c 'del(.version)' "$tmp/body")" "$(jq -S -c '.forms[1] | del(.status)' "$tmp/export0.json")"
req GET /api/forms/2/versions/3
refused "a version that does not exist: 404" 404 "项目 2 没有第 3 版"
req GET "/api/forms/2/diff?from=1&to=2"
check "diff of versions 1 and 2" "$code $(jqc '.')" \
  '200 {"form_id":2,"from":1,"to":2,"fields":[{"field":"budget.total","title":"年度资金总额","from":3565000,"to":3000000}],"components":{"added":[],"removed":[],"changed":[]},"indicators":{"added":[{"index":10,"level1":"产出目标","level2":"数量","name":"线上课程上线数量","target":"≥20门"}],"removed":[{"index":1,"level1":"投入与管理","level2":"投入管理","name":"资金到位及时性","target":"及时"}],"changed":[{"from":{"index":0,"level1":"投入与管理","level2":"投入管理","name":"预算执行率","target":"≥95%"},"to":{"index":1,"level1":"投入与管理","level2":"投入管理","name":"预算执行率","target":"≥98%"},"changes":["target"]}],"moved":[{"from":{"index":10,"level1":"影响力目标","level2":"长效管理","name":"培训质量评估机制健全性","target":"健全"},"to_index":0}]}}'
req GET "/api/forms/2/diff?from=1"
refused "diff without to: 400" 400 "比较两个版本需要 from 和 to 两个版本号（正整数），例如 ?from=1&to=2"
# A level changed: the same row, paired by its name.
jq '.indicators[3].level2 = "质量"' "$tmp/edit1.json" > "$tmp/edit2.json"
put_file /api/forms/2 "$tmp/edit2.json"
req GET "/api/forms/2/diff?from=2&to=3"
check "diff: a level changed" "$(jqc '[.fields, (.indicators.changed[] | [.from.level2, .to.level2, .changes])]')" \
  '[[],["数量","质量",["level2"]]]'

# 提交 again, 通过; after 通过 nothing is edited or returned.
post /api/forms/2/submit '{"comment":"已按意见修改"}'
check "resubmit" "$code $(jqb .status)" "200 submitted"
post /api/forms/2/approve '{}'
check "approve" "$code $(jqc '[.status, .status_label, .event.action_label]')" '200 ["approved","已通过","通过"]'
put_file /api/forms/2 "$tmp/edit1.json"
refused "edit an approved form: 409" 409 "项目当前状态为“已通过”，不能修改：只有草稿或已退回的项目可以修改"
post /api/forms/2/return '{"comment":"x"}'
refused "return an approved form: 409" 409 "项目当前状态为“已通过”，不能退回：只有已提交的项目可以退回"
req GET /api/forms/2/history
check "the history" "$(jqc '[.status, [.history[] | [.action, .from, .to, .comment, .where, .version]]]')" \
  '["approved",[["submit","draft","submitted","请审核",null,1],["return","submitted","returned","预算执行率目标偏低，请修改",null,1],["comment","returned","returned","金额请与预算批复核对","budget.total",1],["comment","returned","returned","请给出具体数值","效果目标/社会效益/参训人员就业率",1],["dismiss","returned","returned","上年就业率已在附表列明，较去年提高可以考核","效果目标/社会效益/参训人员就业率",1],["edit","returned","returned",null,null,2],["edit","returned","returned",null,null,3],["submit","returned","submitted","已按意见修改",null,3],["approve","submitted","approved",null,null,3]]]'
"$bin" --db "$db" export --format json -o "$tmp/export1.json"
check "export --format json carries the status" "$(jq -c '[.forms[] | [.id, .status]]' "$tmp/export1.json")" \
  '[[1,"draft"],[2,"approved"],[3,"draft"],[4,"draft"],[5,"approved"]]'

# The CLI's face: status and history.
check "jixiao status 2 3" "$("$bin" --db "$db" status 2 3)" "$(printf '2\tapproved\t已通过\t3\t-\t职业技能提升培训专项\n3\tdraft\t草稿\t1\tsubmit\t示例区公共图书馆古籍数字化项目')"
"$bin" --db "$db" status 99 >/dev/null 2>"$tmp/status.err"
check "jixiao status of an unknown form: exit 1" "$? $(cat "$tmp/status.err")" "1 jixiao: status: no form with id 99"
check "jixiao history 2" "$("$bin" --db "$db" history 2 | cut -f2-7)" "$(printf '%s\n' \
  $'submit\tdraft -> submitted\t-\t1\t-\t请审核' \
  $'return\tsubmitted -> returned\t-\t1\t-\t预算执行率目标偏低，请修改' \
  $'comment\treturned -> returned\t-\t1\tbudget.total\t金额请与预算批复核对' \
  $'comment\treturned -> returned\t-\t1\t效果目标/社会效益/参训人员就业率\t请给出具体数值' \
  $'dismiss\treturned -> returned\t-\t1\t效果目标/社会效益/参训人员就业率\t上年就业率已在附表列明，较去年提高可以考核' \
  $'edit\treturned -> returned\t-\t2\t-\t-' \
  $'edit\treturned -> returned\t-\t3\t-\t-' \
  $'submit\treturned -> submitted\t-\t3\t-\t已按意见修改' \
  $'approve\tsubmitted -> approved\t-\t3\t-\t-')"

# The pages.
req GET /forms/2
check_grep "form page: the status" "$tmp/body" '<strong class="status status-approved" id="wf-status">已通过</strong>'
check_grep "form page: the history with the return comment" "$tmp/body" '<td class="comment">预算执行率目标偏低，请修改</td>'
check_grep "form page: the dismissed finding" "$tmp/body" '<td class="decision">不采纳</td>'
check "form page: no action after 通过" "$(grep -c 'class="wf-action"' "$tmp/body")" "0"
req GET /forms/2/edit
check_grep "edit page of an approved form refuses" "$tmp/body" '项目当前状态为“已通过”，不能修改'
req GET /forms/3/edit
# its rows and the hidden template row that 添加指标 copies
check "edit page of a draft: its indicator rows" "$code $(grep -o 'class="ind-row"' "$tmp/body" | wc -l)" "200 $(jq '.forms[2].indicators | length + 1' "$tmp/export0.json")"
req GET /forms/2/versions
check "versions page" "$code $(grep -c '与上一版比较' "$tmp/body")" "200 1"
req GET "/forms/2/diff?from=1&to=2"
check_grep "diff page: the changed total in 万元" "$tmp/body" '<td class="new">300.00 万元</td>'
check_grep "diff page: the added row" "$tmp/body" '线上课程上线数量'

# A clean stop: exit status 0 (under the sanitizers a leak in any of the above would fail it).
kill -TERM "$pid"
wait "$pid"
check "the server stops cleanly" "$? $(grep -c 'ERROR: ' "$tmp/err")" "0 0"
pid=

# The same flow on PostgreSQL (a throwaway cluster, tests/pg_cluster.sh) when its binaries are here.
if [ -z "${JIXIAO_WORKFLOW_DB:-}" ] && [ -f "$src/tests/pg_cluster.sh" ]; then
  rm -rf "$tmp"
  . "$src/tests/pg_cluster.sh"
  pg_cluster_start >"/tmp/jixiao-workflow-pg.$$" 2>&1
  started=$?
  if [ $started -eq 0 ] && url=$(pg_createdb workflow); then
    echo "-- the same flow on PostgreSQL"
    JIXIAO_WORKFLOW_DB=$url bash "$0" "$bin" > "/tmp/jixiao-workflow-pg.$$" 2>&1
    pg_rc=$?
    grep -v '^ok ' "/tmp/jixiao-workflow-pg.$$"
    check "the whole flow on PostgreSQL" "$pg_rc" "0"
  else
    echo "PostgreSQL not here: the flow ran on SQLite only ($(head -1 "/tmp/jixiao-workflow-pg.$$"))"
  fi
  rm -f "/tmp/jixiao-workflow-pg.$$"
fi

finish cli_workflow
