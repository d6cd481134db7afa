#!/usr/bin/env bash
# The review workflow under `serve --auth` (curl, a real server on a free
# loopback port): who may take which step (a unit user submits and edits its
# own unit's forms only, a reviewer returns, passes and disposes; 403 with a
# Chinese message otherwise), the CSRF token on every write, the history's
# user, and every step in the audit log with the form's versions, the chain
# verified afterwards.
set -u
bin=${1:?usage: cli_workflow_auth.sh JIXIAO_BIN}
src=${JIXIAO_SOURCE_DIR:?}
. "$(dirname "$0")/lib.sh"
need curl jq
db=$tmp/t.db
J() { "$bin" --db "$db" "$@"; }
req() {  # req METHOD PATH JAR [CURL ARGS...]: $code; body in $tmp/body
  local m=$1 p=$2 jar=$3
  shift 3
  code=$(curl -sS -X "$m" -b "$jar" -o "$tmp/body" -w '%{http_code}' "$@" "$base$p")
}
jqb() { jq -r "$1" "$tmp/body"; }
login() {  # login NAME PASSWORD JAR: sets the csrf variable named by NAME
  curl -sS -c "$3" -o "$tmp/login" -H 'Content-Type: application/json' \
    --data "$(jq -cn --arg u "$1" --arg p "$2" '{user: $u, password: $p}')" "$base/api/login"
  jq -r '.csrf // empty' "$tmp/login"
}
# post JAR TOKEN PATH JSON
post() { req POST "$3" "$1" -H 'Content-Type: application/json' -H "X-CSRF-Token: $2" --data-binary "$4"; }
refused() { check "$1" "$code $(jqb .error.message)" "$2 $3"; }

J import "$src"/examples/* >/dev/null 2>&1 || { echo "FAIL import"; exit 1; }
unit=示例市职业技能培训指导中心        # form 2's 申报单位
echo 'unit-pass-1' | J user add wang --role unit --unit "$unit" --password-stdin >/dev/null
echo 'other-pass-1' | J user add li --role unit --unit 示例区公共图书馆 --password-stdin >/dev/null
echo 'review-pass-1' | J user add zhao --role reviewer --password-stdin >/dev/null
start_server "$db" "$tmp/out" "$tmp/err" --auth --quiet

ut=$(login wang unit-pass-1 "$tmp/u.jar")
ot=$(login li other-pass-1 "$tmp/o.jar")
rt=$(login zhao review-pass-1 "$tmp/r.jar")
check "three sessions" "$([ -n "$ut" ] && [ -n "$ot" ] && [ -n "$rt" ] && echo yes)" "yes"

req POST /api/forms/2/submit "$tmp/none"
check "no session: 401" "$code" "401"
post "$tmp/u.jar" "" /api/forms/2/submit '{}'
refused "no CSRF token: 403" 403 "请求被拒绝：缺少或无效的 CSRF 令牌（请求头 X-CSRF-Token 应为登录时得到的 csrf）"
post "$tmp/o.jar" "$ot" /api/forms/2/submit '{}'
check "another unit's form: 403" "$code" "403"
post "$tmp/r.jar" "$rt" /api/forms/2/submit '{}'
refused "a reviewer does not submit: 403" 403 "您的角色不能执行此操作"

# The unit edits (a new version), then submits.
req GET /api/forms/2 "$tmp/u.jar"
jq 'del(.review, .findings) | .indicators[0].target.text = "≥98%"' "$tmp/body" > "$tmp/edit.json"
req PUT /api/forms/2 "$tmp/r.jar" -H "X-CSRF-Token: $rt" -H 'Content-Type: application/json' --data-binary "@$tmp/edit.json"
refused "a reviewer does not edit: 403" 403 "您的角色不能执行此操作"
req PUT /api/forms/2 "$tmp/u.jar" -H "X-CSRF-Token: $ut" -H 'Content-Type: application/json' --data-binary "@$tmp/edit.json"
check "the unit edits its form" "$code $(jqb '.indicators[0].target.text')" "200 ≥98%"
post "$tmp/u.jar" "$ut" /api/forms/2/submit '{"comment":"请审核"}'
check "the unit submits" "$code $(jqb '[.status, .event.user] | join(" ")')" "200 submitted wang"
post "$tmp/u.jar" "$ut" /api/forms/2/approve '{}'
refused "a unit does not approve its own form: 403" 403 "您的角色不能执行此操作"
post "$tmp/u.jar" "$ut" /api/findings/2-0/disposition '{"decision":"dismiss","reason":"x"}'
refused "a unit does not dispose of findings: 403" 403 "没有权限：此功能仅限审核人和管理员使用"

# The reviewer returns it with a comment, dismisses a finding; the unit fixes and resubmits; the reviewer passes it.
post "$tmp/r.jar" "$rt" /api/forms/2/return '{"comment":"请补充质量指标"}'
check "the reviewer returns" "$code $(jqb '[.status, .event.user, .event.comment] | join(" ")')" "200 returned zhao 请补充质量指标"
post "$tmp/r.jar" "$rt" /api/findings/2-0/disposition '{"decision":"dismiss","reason":"附表已列明"}'
check "the reviewer dismisses a finding" "$code $(jqb '.disposition.user')" "200 zhao"
jq '.indicators[5].target.text = "≥95%"' "$tmp/edit.json" > "$tmp/edit2.json"
req PUT /api/forms/2 "$tmp/u.jar" -H "X-CSRF-Token: $ut" -H 'Content-Type: application/json' --data-binary "@$tmp/edit2.json"
check "the unit fixes it" "$code" "200"
post "$tmp/u.jar" "$ut" /api/forms/2/submit '{"comment":"已补充"}'
check "the unit resubmits" "$code $(jqb .status)" "200 submitted"
post "$tmp/r.jar" "$rt" /api/forms/2/approve '{}'
check "the reviewer passes it" "$code $(jqb '[.status, .event.user] | join(" ")')" "200 approved zhao"

req GET /api/forms/2/history "$tmp/u.jar"
check "the history with its users" "$(jqb '[.history[] | "\(.action):\(.user):\(.version)"] | join(",")')" \
  "edit:wang:2,submit:wang:2,return:zhao:2,dismiss:zhao:2,edit:wang:3,submit:wang:3,approve:zhao:3"
check "the audit log: every step with the versions" \
  "$(J audit --form 2 --format json | jq -r '[.entries[] | select(.action | startswith("form.") or startswith("finding.")) | "\(.action):\(.actor):\(.version_before)->\(.version_after)"] | join(",")')" \
  "form.edit:wang:1->2,form.submit:wang:2->2,form.return:zhao:2->2,finding.disposition:zhao:2->2,form.edit:wang:2->3,form.submit:wang:3->3,form.approve:zhao:3->3"
check "the audit log: the return's comment" \
  "$(J audit --form 2 --format json | jq -r '[.entries[] | select(.action == "form.return") | .detail.comment] | join(",")')" "请补充质量指标"
J audit verify >/dev/null 2>&1
check "audit verify: the chain holds" "$?" "0"

kill -TERM "$pid"
wait "$pid"
check "the server stops cleanly" "$?" "0"
pid=
finish cli_workflow_auth
