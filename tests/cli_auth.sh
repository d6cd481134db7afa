#!/usr/bin/env bash
# Users, roles, sessions and the audit log (issue 15): `jixiao user`, `jixiao
# audit [verify]`, and `serve --auth` with curl against the real server on a
# free loopback port: 401 without login, 403 for a unit user on another
# unit's form and on admin routes, the unit scope of every list, CSRF, the
# login rate limit (429), logout, an expired session, HTTPS with a
# self-signed certificate (openssl), and `audit verify` failing after a row
# of the audit table is altered by hand with sqlite3.
set -u
bin=${1:?usage: cli_auth.sh JIXIAO_BIN}
src=${JIXIAO_SOURCE_DIR:?}
. "$(dirname "$0")/lib.sh"
need curl sqlite3 jq
db="$tmp/t.db"
J() { "$bin" --db "$db" "$@"; }
# login NAME PASSWORD JAR: POST /api/login with a cookie jar; $code, $csrf.
login() {
  req POST /api/login -c "$3" -H 'Content-Type: application/json' \
    --data "$(jq -cn --arg u "$1" --arg p "$2" '{user: $u, password: $p}')"
  csrf=$(jq -r '.csrf // empty' "$tmp/body")
}

J import "$src"/examples/2019_markdown_health.md "$src"/examples/2020_tsv_gb18030_training.txt \
  "$src"/examples/2023_tsv_culture_employment.txt >/dev/null || { echo "FAIL import examples"; exit 1; }
unit_a=示例区社区卫生服务中心     # form 1's 申报单位
unit_b=示例区公共图书馆           # form 3's

# ---- jixiao user ----------------------------------------------------------------
J user add admin --role admin --password 'secret-admin-1' >/dev/null 2>"$tmp/e"
check "user add: a password argument is refused (exit 2)" "$?" 2
check_grep "user add: says why" "$tmp/e" "a password is never given as an argument"
J user add admin --role admin --password='secret-admin-1' >/dev/null 2>&1
check "user add: --password=X refused too" "$?" 2
J user add zed --role boss </dev/null >/dev/null 2>"$tmp/e"
check "user add: wrong role name (exit 2)" "$?" 2
check_grep "user add: names the role" "$tmp/e" "unknown role 'boss' (unit, reviewer or admin)"
echo 'secret-unit-1' | J user add ua --role unit >/dev/null 2>"$tmp/e"
check "user add: a unit user needs --unit" "$?" 2
echo 'short' | J user add ua --role unit --unit "$unit_a" >/dev/null 2>"$tmp/e"
check "user add: a short password is refused" "$?" 2
check_grep "user add: says how long" "$tmp/e" "at least 8 characters"
check "user add: nothing stored for refused adds" "$(J user list --format json | jq '.users | length')" 0
echo 'secret-admin-1' | J user add admin --role admin --password-stdin >/dev/null
check "user add admin" "$?" 0
echo 'secret-review-1' | J user add rev --role reviewer >/dev/null
echo 'secret-unit-a-1' | J user add ua --role unit --unit "$unit_a" >/dev/null
echo 'secret-unit-b-1' | J user add ub --role unit --unit "$unit_b" >/dev/null
echo 'secret-other-1' | J user add admin --role reviewer >/dev/null 2>"$tmp/e"
check "user add: a taken name is refused" "$?" 2
check_grep "user add: says it exists" "$tmp/e" "user 'admin' already exists"
check "user list" "$(J user list --format json | jq -r '[.users[] | "\(.name):\(.role):\(.unit // "-")"] | join(",")')" \
  "admin:admin:-,rev:reviewer:-,ua:unit:$unit_a,ub:unit:$unit_b"
check "no password or hash in the list" "$(J user list --format json | grep -c 'argon2\|secret')" 0
check "stored as an Argon2id hash" "$(sqlite3 "$db" "SELECT count(*) FROM users WHERE password_hash LIKE '\$argon2id\$v=19\$m=19456,t=2,p=1\$%'")" 4
check "no password in the database" "$(sqlite3 "$db" "SELECT count(*) FROM users WHERE password_hash LIKE '%secret%'")" 0
check "salts differ" "$(sqlite3 "$db" "SELECT count(DISTINCT substr(password_hash, 1, 54)) FROM users")" 4

# ---- serve --auth -----------------------------------------------------------------
start_server "$db" "$tmp/out" "$tmp/err" --quiet --auth
req GET /api/forms
check "401 without login" "$code" 401
check "401: Chinese message" "$(jqb .error.message)" "请先登录（POST /api/login）"
req GET /forms/1
check "a page redirects to the login page" "$code" 303
check_grep "to /login with next" "$tmp/hdr" "Location: /login?next=%2Fforms%2F1"
req GET /login
check "login page" "$code" 200
check_grep "login page is Chinese" "$tmp/body" "<h1>登录</h1>"
req GET /assets/style.css
check "assets need no login" "$code" 200

login admin wrong-password "$tmp/jar-x"
check "wrong password: 401" "$code" 401
check "wrong password: message" "$(jqb .error.message)" "用户名或密码错误"
login nobody secret-admin-1 "$tmp/jar-x"
check "unknown user: 401, same message" "$code:$(jqb .error.message)" "401:用户名或密码错误"

login ua secret-unit-a-1 "$tmp/jar-ua"
check "unit user logs in" "$code" 200
check "login returns the csrf token" "${#csrf}" 64
csrf_ua=$csrf
check_grep "cookie HttpOnly, SameSite=Strict" "$tmp/hdr" "; Path=/; HttpOnly; SameSite=Strict"
check_nogrep "no Secure without TLS" "$tmp/hdr" "Secure"
req GET /api/me -b "$tmp/jar-ua"
check "me" "$(jqb '"\(.user) \(.role) \(.unit)"')" "ua unit $unit_a"

# A unit user: only its unit's forms, everywhere.
req GET /api/forms -b "$tmp/jar-ua"
check "unit user: the list holds its unit's forms" "$code $(jqb '[.total, (.forms | map(.id) | join(","))] | @csv')" '200 1,"1"'
req GET /api/forms/1 -b "$tmp/jar-ua"
check "unit user: its own form" "$code" 200
req GET /api/forms/3 -b "$tmp/jar-ua"
check "unit user: another unit's form is 403" "$code" 403
check "403: Chinese message" "$(jqb .error.message)" "没有权限：此项目不属于本单位，单位用户只能查看和编辑本单位的项目"
req GET /forms/3 -b "$tmp/jar-ua"
check "unit user: another unit's form page is 403" "$code" 403
check_grep "403 page in Chinese" "$tmp/body" "此项目不属于本单位"
req GET /api/forms/99 -b "$tmp/jar-ua"
check "unit user: an unknown form is still 404" "$code" 404
req GET "/api/findings?per_page=500" -b "$tmp/jar-ua"
check "unit user: no other unit's findings" "$(jqb '[.findings[].form_id] | map(select(. != 1)) | length')" "0"
req GET /api/summary -b "$tmp/jar-ua"
check "unit user: the summary counts its forms" "$(jqb .forms)" 1
req GET "/api/export?format=json" -b "$tmp/jar-ua"
check "unit user: the export holds its forms" "$(jqb '[.forms[].unit] | unique | join(",")')" "$unit_a"
req GET "/api/export?format=csv&table=forms" -b "$tmp/jar-ua"
check "unit user: the CSV export too" "$(tail -n +2 "$tmp/body" | grep -c .)" 1
req GET "/?unit=$unit_b" -b "$tmp/jar-ua"
check_nogrep "unit user: the list page shows no other unit's form" "$tmp/body" "古籍数字化"
req GET /api/audit -b "$tmp/jar-ua"
check "unit user: audit log is 403" "$code" 403
check "403 audit: message" "$(jqb .error.message)" "没有权限：此功能仅限审核人和管理员使用"
req GET /api/users -b "$tmp/jar-ua"
check "unit user: users API is 403" "$code" 403
req GET /admin -b "$tmp/jar-ua"
check "unit user: admin page is 403" "$code" 403

# CSRF: state changes need the token.
req POST "/api/import?filename=x.md" -b "$tmp/jar-ua" --data-binary @"$src"/examples/2019_markdown_health.md
check "import without the CSRF token: 403" "$code" 403
check_grep "CSRF message" "$tmp/body" "CSRF"
# the token with its last character changed (to 1 when it already ends in 0: 1 run in 16 sent the token itself)
wrong=${csrf_ua%?}0; [ "$wrong" = "$csrf_ua" ] && wrong=${csrf_ua%?}1
req POST "/api/import?filename=x.md" -b "$tmp/jar-ua" -H "X-CSRF-Token: $wrong" --data-binary @"$src"/examples/2019_markdown_health.md
check "import with a wrong CSRF token: 403" "$code" 403
req POST /api/logout -b "$tmp/jar-ua"
check "logout without the CSRF token: 403" "$code" 403
req POST "/api/import?filename=lib.txt" -b "$tmp/jar-ua" -H "X-CSRF-Token: $csrf_ua" --data-binary @"$src"/examples/2023_tsv_culture_employment.txt
check "unit user: importing another unit's forms is 403" "$code" 403
req POST "/api/import?filename=health.md" -b "$tmp/jar-ua" -H "X-CSRF-Token: $csrf_ua" --data-binary @"$src"/examples/2019_markdown_health.md
check "unit user: importing its own unit's form" "$code $(jqb '.forms | length')" "200 1"

# A reviewer sees everything; an admin too, and the admin routes.
login rev secret-review-1 "$tmp/jar-rev"
req GET /api/forms -b "$tmp/jar-rev"
check "reviewer: every form" "$(jqb .total)" 4
req GET /api/forms/3 -b "$tmp/jar-rev"
check "reviewer: any form" "$code" 200
req GET /api/users -b "$tmp/jar-rev"
check "reviewer: users API is 403 (admin only)" "$code:$(jqb .error.message)" "403:没有权限：此功能仅限管理员使用"
req GET /api/audit -b "$tmp/jar-rev"
check "reviewer: audit log" "$code" 200
login admin secret-admin-1 "$tmp/jar-admin"
csrf_admin=$csrf
req GET /api/users -b "$tmp/jar-admin"
check "admin: users" "$code $(jqb '.users | length')" "200 4"
req GET "/api/audit?per_page=500" -b "$tmp/jar-admin"
check "admin: audit entries, newest first" "$(jqb '.entries[0].action')" "login"
check "audit: failed logins are there" "$(jqb '[.entries[] | select(.action == "login.failed") | .actor] | sort | join(",")')" "admin,nobody"
check "audit: the web import by ua from 127.0.0.1" "$(jqb '[.entries[] | select(.action == "import" and .actor == "ua") | .address] | join(",")')" "127.0.0.1"
req GET /admin -b "$tmp/jar-admin"
check "admin page" "$code" 200
check_grep "admin page lists users" "$tmp/body" "<td>ua</td><td>单位用户</td><td>$unit_a</td>"
check_grep "admin page lists the audit log" "$tmp/body" "<td>登录失败</td>"
check_grep "pages show who is signed in" "$tmp/body" '<span id="current-user">admin（管理员）</span>'

# The pages' forms carry the CSRF token as a field: the upload page and the logout button.
req GET /import -b "$tmp/jar-admin"
check_grep "the upload form carries the csrf field" "$tmp/body" "<input type=\"hidden\" name=\"csrf\" value=\"$csrf_admin\">"
req POST /import -b "$tmp/jar-admin" -F "file=@$src/examples/2019_markdown_health.md"
check "page upload without the csrf field: 403" "$code" 403
req POST /import -b "$tmp/jar-admin" -F "csrf=$csrf_admin" -F "file=@$src/examples/2019_markdown_health.md"
check "page upload with the csrf field" "$code" 200
login admin secret-admin-1 "$tmp/jar-admin2"
req POST /logout -b "$tmp/jar-admin2" --data "csrf=wrong"
check "logout button with a wrong csrf: 403" "$code" 403
req POST /logout -b "$tmp/jar-admin2" --data "csrf=$csrf"
check "logout button: back to the login page" "$code" 303
check_grep "logout button: to /login" "$tmp/hdr" "Location: /login"
req GET / -b "$tmp/jar-admin2"
check "after the logout button the session is gone" "$code" 303

# Logout ends the session.
req POST /api/logout -b "$tmp/jar-admin" -H "X-CSRF-Token: $csrf_admin"
check "logout" "$code" 200
check_grep "logout clears the cookie" "$tmp/hdr" "jixiao_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
req GET /api/users -b "$tmp/jar-admin"
check "the session is gone after logout" "$code" 401

# A disabled user's session ends at once.
J user disable rev >/dev/null
req GET /api/forms -b "$tmp/jar-rev"
check "disabled user's session refused" "$code" 401
login rev secret-review-1 "$tmp/jar-rev"
check "disabled user cannot log in" "$code" 401

# An idle session expires: on a server of its own with --session-idle 4, so that no
# other session of this test can expire between two requests on a loaded machine.
stop_server
start_server "$db" "$tmp/out" "$tmp/err" --quiet --auth --session-idle 4
login ub secret-unit-b-1 "$tmp/jar-ub"
req GET /api/forms -b "$tmp/jar-ub"
check "fresh session works" "$code $(jqb .total)" "200 1"
req GET "/api/findings?per_page=500" -b "$tmp/jar-ub"
check "unit user: findings of its forms only" "$(jqb '[.findings[].form_id] | unique | join(",")') $(jqb .total)" \
  "3 $(J check --format json | jq '[.findings[] | select(.form_id == 3)] | length')"
sleep 6
req GET /api/forms -b "$tmp/jar-ub"
check "expired session refused" "$code" 401

# The page login: a form post, a redirect, the cookie.
req POST /login -c "$tmp/jar-page" --data-urlencode "user=ub" --data-urlencode "password=secret-unit-b-1" --data-urlencode "next=/forms/3"
check "page login redirects" "$code" 303
check_grep "back to where the user was going" "$tmp/hdr" "Location: /forms/3"
req GET /forms/3 -b "$tmp/jar-page"
check "page session works" "$code" 200
req POST /login --data-urlencode "user=ub" --data-urlencode "password=secret-unit-b-1" --data-urlencode "next=//evil.example/"
check_grep "no redirect to another site" "$tmp/hdr" "Location: /"$'\r'
stop_server

# ---- login rate limit --------------------------------------------------------------
start_server "$db" "$tmp/out" "$tmp/err" --quiet --auth
for i in 1 2 3 4 5; do login ua "wrong-$i" "$tmp/jar-x"; done
check "fifth failure still 401" "$code" 401
login ua secret-unit-a-1 "$tmp/jar-x"
check "sixth try: 429, even with the right password" "$code" 429
check "429: message" "$(jqb .error.message)" "登录失败次数过多，请稍后再试"
ra=$(sed -n 's/^Retry-After: \([0-9]*\)\r$/\1/p' "$tmp/hdr")
check "429: Retry-After within 15 minutes" "$([ -n "$ra" ] && [ "$ra" -gt 0 ] && [ "$ra" -le 900 ] && echo yes)" yes
login ub secret-unit-b-1 "$tmp/jar-x"
check "another user from the same address still logs in" "$code" 200
for i in $(seq 6 20); do login "nobody$i" "wrong-$i" "$tmp/jar-x"; done
check "the twentieth failure from one address still 401" "$code" 401
login ub secret-unit-b-1 "$tmp/jar-x"
check "then the address is locked out for every user (429)" "$code" 429
stop_server

# ---- off loopback, login is the default -------------------------------------------------
: >"$tmp/out"   # not the last server's "serving" line (see tests/lib.sh)
"$bin" --db "$db" serve --bind 0.0.0.0 --port 0 --quiet >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 1 600); do grep -q '^serving' "$tmp/out" && break; sleep 0.1; done
port=$(sed -n 's|^serving http://0\.0\.0\.0:\([0-9]*\)/$|\1|p' "$tmp/out")
check_grep "non-loopback bind says login is required" "$tmp/err" "not a loopback address: login required (--auth)"
base="http://127.0.0.1:$port"
req GET /api/forms
check "non-loopback bind: 401 without login" "$code" 401
stop_server

# ---- without --auth: single-user mode as before --------------------------------------------
start_server "$db" "$tmp/out" "$tmp/err" --quiet
req GET /api/forms
check "loopback without --auth: no login" "$code $(jqb .total)" "200 4"
req POST /api/login -H 'Content-Type: application/json' --data '{"user":"ua","password":"secret-unit-a-1"}'
check "login without --auth: 400" "$code" 400
stop_server

# ---- HTTPS (GnuTLS) with a self-signed certificate --------------------------------------------
if command -v openssl >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 1 \
    -subj "/CN=127.0.0.1" >/dev/null 2>&1
  start_server "$db" "$tmp/out" "$tmp/err" --quiet --auth --tls-cert "$tmp/cert.pem" --tls-key "$tmp/key.pem"
  check "serves https" "${base%%:*}" https
  login admin secret-admin-1 "$tmp/jar-tls"
  check "login over TLS" "$code" 200
  check_grep "Secure cookie under TLS" "$tmp/hdr" "; HttpOnly; SameSite=Strict; Secure"
  req GET /api/forms -b "$tmp/jar-tls"
  check "forms over TLS" "$code $(jqb .total)" "200 4"
  check "plain HTTP to the TLS port fails" "$(curl -s -o /dev/null -w '%{http_code}' "http://${base#https://}/api/forms")" 000
  stop_server
else
  echo "skip HTTPS: openssl not found"
fi
"$bin" --db "$db" serve --port 0 --tls-cert "$tmp/none.pem" >/dev/null 2>"$tmp/e"
check "--tls-cert without --tls-key: usage error" "$?" 2

# ---- the audit log ------------------------------------------------------------------------
J audit verify >"$tmp/v" 2>&1
check "audit verify passes" "$?" 0
n=$(sqlite3 "$db" "SELECT count(*) FROM audit_log")
check_grep "audit verify counts every entry" "$tmp/v" "audit log: $n entries, chain intact, head "
check "every CLI user change is audited" "$(J audit --format json | jq -r '[.entries[] | select(.action | startswith("user.")) | "\(.action):\(.detail.user)"] | join(",")')" \
  "user.add:admin,user.add:rev,user.add:ua,user.add:ub,user.disable:rev"
check "the CLI imports are audited" "$(J audit --format json | jq '[.entries[] | select(.action == "import" and .address == "local")] | length')" 3
check "audit --user" "$(J audit --user ua --format json | jq -r '[.entries[].action] | unique | join(",")')" "import,login,login.failed"
check "audit --form" "$(J audit --form 1 --format json | jq -r '[.entries[].form_id] | unique | join(",")')" "1"
sqlite3 "$db" "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3"
J audit verify >"$tmp/v" 2>&1
check "audit verify fails after a row was altered" "$?" 1
check_grep "it names the altered entry" "$tmp/v" "audit verify: entry 3: its hash does not match its content (the entry was altered)"
sqlite3 "$db" "DELETE FROM audit_log WHERE seq = 3"
J audit verify >"$tmp/v" 2>&1
check "audit verify fails after a row was removed" "$?" 1
check_grep "it names the missing entry" "$tmp/v" "audit verify: entry 3: entries are missing before it"

finish cli_auth
