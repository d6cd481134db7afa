#!/usr/bin/env bash
# Keyset pages (after=) of the lists other than the forms' (cli_web_scale.sh
# has those), against the real server on a loopback port: findings (the
# cursor a finding's id FORM-SEQ, a disclosure's own findings under form 0),
# department disclosures (the cursor an id) and the audit log (newest first,
# the cursor a seq). Every walk of keyset pages is the whole list in order,
# each page exactly its slice of it, next_after null on the last; a bad
# cursor is a 400 in Chinese, as JSON on the API and as a page on the web.
set -u
bin=${1:?usage: cli_web_keyset.sh JIXIAO_BIN}
gen=$(dirname "$bin")/bench/jixiao-bench-gen
fx=${JIXIAO_FIXTURES:?}/disclosure
. "$(dirname "$0")/lib.sh"
need curl jq
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }

db=$tmp/t.db
for f in invented partial cross truncated; do
  "$bin" --db "$db" import "$fx/$f.txt" >/dev/null 2>&1 || { echo "FAIL import $f"; exit 1; }
done
"$gen" --per-file 60 60 "$tmp/corpus" >/dev/null || { echo "FAIL generator"; exit 1; }
"$bin" --db "$db" import "$tmp/corpus"/f00000.md >/dev/null || { echo "FAIL import corpus"; exit 1; }
start_server "$db" "$tmp/out" "$tmp/err" --quiet

get() { curl -sS "$base$1"; }
status() { curl -s -o "$tmp/body" -w '%{http_code}' "$base$1"; }

# ---- findings ---------------------------------------------------------------------------
get "/api/findings?per_page=500" | jq -r '.findings[].id' > "$tmp/all"
n=$(wc -l < "$tmp/all")
check "findings: all of them on one page" "$n" "$(get /api/findings?per_page=1 | jq .total)"
check "findings: a disclosure's own come first, under form 0" "$(head -1 "$tmp/all")" "0-0"
check "findings: ids are FORM-SEQ, in (form, seq) order" \
  "$(tr '-' ' ' < "$tmp/all" | sort -k1,1n -k2,2n | tr ' ' '-' | cmp -s - "$tmp/all" && echo ordered)" ordered
p=$(get "/api/findings?per_page=3&after=$(sed -n 10p "$tmp/all")")
check "findings: after the 10th, exactly the 11th to 13th" "$(jq -c '[.findings[].id]' <<<"$p")" \
  "$(sed -n 11,13p "$tmp/all" | jq -Rsc 'split("\n")[:-1]')"
check "findings: next_after, page, after, total" "$(jq -c '[.next_after, .page, .after, .total]' <<<"$p")" \
  "[\"$(sed -n 13p "$tmp/all")\",null,\"$(sed -n 10p "$tmp/all")\",$n]"
check "findings: across a form's boundary" \
  "$(get "/api/findings?per_page=2&after=0-$(grep -c '^0-' "$tmp/all" | awk '{print $1 - 1}')" | jq -r '.findings[0].id')" \
  "$(grep -v '^0-' "$tmp/all" | head -1)"
check "findings: the first page's next_after" "$(get '/api/findings?per_page=7' | jq -r .next_after)" "$(sed -n 7p "$tmp/all")"
check "findings: page 2 of 7 is the 8th to 14th" "$(get '/api/findings?per_page=7&page=2' | jq -c '[.findings[].id]')" \
  "$(sed -n 8,14p "$tmp/all" | jq -Rsc 'split("\n")[:-1]')"
: > "$tmp/walk"; cursor= pages=0
while :; do
  p=$(get "/api/findings?per_page=50${cursor:+&after=$cursor}")
  jq -r '.findings[].id' <<<"$p" >> "$tmp/walk"
  pages=$((pages + 1)); cursor=$(jq -r '.next_after // empty' <<<"$p")
  [ -n "$cursor" ] && [ $pages -lt 100 ] || break
done
check "findings: the keyset pages are the whole list in order" \
  "$pages $(cmp -s "$tmp/all" "$tmp/walk" && echo same)" "$(( (n + 49) / 50 )) same"
last=$(tail -1 "$tmp/all")
check "findings: after the last" "$(get "/api/findings?after=$last" | jq -c '[(.findings | length), .next_after]')" "[0,null]"
check "findings: the last full page has no next" \
  "$(get "/api/findings?per_page=2&after=$(tail -3 "$tmp/all" | head -1)" | jq -c '[(.findings | length), .next_after]')" "[2,null]"
rule=$(get "/api/findings?per_page=500" | jq -r '[.findings[].rule] | group_by(.) | max_by(length)[0]')
get "/api/findings?per_page=500&rule=$rule" | jq -r '.findings[].id' > "$tmp/rule"
check "findings: with a filter, the matching ones after the cursor" \
  "$(get "/api/findings?per_page=2&rule=$rule&after=$(sed -n 2p "$tmp/rule")" | jq -c '[.findings[].id]')" \
  "$(sed -n 3,4p "$tmp/rule" | jq -Rsc 'split("\n")[:-1]')"
for bad in x 5 -3 1- 1-x 1-2-3; do
  check "findings: after=$bad refused" "$(status "/api/findings?after=$bad")" 400
done
check "findings: the refusal in Chinese" "$(jq -r .error.message "$tmp/body")" \
  "after 应为上一页最后一条审核意见的编号（项目编号-序号，如 12-3）"
check "findings: page and after refused together" "$(status "/api/findings?page=2&after=1-0")" 400
check "findings page: a bad cursor is a 400 page" "$(status "/findings?after=x")" 400
check_grep "findings page: says so in Chinese" "$tmp/body" "查询条件有误：after 应为上一页最后一条审核意见的编号"
status "/findings?per_page=5&after=$(sed -n 5p "$tmp/all")" >/dev/null
check_grep "findings page: the next keyset page" "$tmp/body" "/findings?after=$(sed -n 10p "$tmp/all")&amp;per_page=5\">下一页</a>"
check_grep "findings page: and the way back" "$tmp/body" ">第一页</a>"

# ---- disclosures ---------------------------------------------------------------------------
get "/api/disclosures" | jq -r '.disclosures[].id' > "$tmp/dall"
check "disclosures: the four files" "$(wc -l < "$tmp/dall") $(get /api/disclosures | jq .total)" "4 4"
p=$(get "/api/disclosures?per_page=2&after=$(sed -n 1p "$tmp/dall")")
check "disclosures: after the first, the second and third" "$(jq -c '[.disclosures[].id]' <<<"$p")" \
  "[$(sed -n 2p "$tmp/dall"),$(sed -n 3p "$tmp/dall")]"
check "disclosures: next_after, page, after" "$(jq -c '[.next_after, .page, .after, .total]' <<<"$p")" \
  "[$(sed -n 3p "$tmp/dall"),null,$(sed -n 1p "$tmp/dall"),4]"
check "disclosures: the last page" "$(get "/api/disclosures?per_page=2&after=$(sed -n 3p "$tmp/dall")" | jq -c '[[.disclosures[].id], .next_after]')" \
  "[[$(sed -n 4p "$tmp/dall")],null]"
check "disclosures: a page-numbered page's next_after" "$(get '/api/disclosures?per_page=3' | jq .next_after)" "$(sed -n 3p "$tmp/dall")"
check "disclosures: after=abc refused" "$(status '/api/disclosures?after=abc')" 400
check "disclosures: in Chinese" "$(jq -r .error.message "$tmp/body")" "after 应为正整数（上一页最后一份公开文件的编号）"
check "disclosures: page and after refused together" "$(status '/api/disclosures?page=1&after=1')" 400
check "disclosures page: a bad cursor is a 400 page" "$(status '/disclosures?after=0')" 400
check_grep "disclosures page: says so" "$tmp/body" "after 应为正整数"
status "/disclosures?per_page=1&after=$(sed -n 1p "$tmp/dall")" >/dev/null
check_grep "disclosures page: the next keyset page" "$tmp/body" "/disclosures?after=$(sed -n 2p "$tmp/dall")&amp;per_page=1\">下一页</a>"

# ---- the audit log (newest first) --------------------------------------------------------------
get "/api/audit?per_page=500" | jq -r '.entries[].seq' > "$tmp/aall"
check "audit: the five imports, newest first" "$(tr '\n' ' ' < "$tmp/aall")" "5 4 3 2 1 "
p=$(get "/api/audit?per_page=2&after=4")
check "audit: after 4, the two older" "$(jq -c '[[.entries[].seq], .next_after, .page, .after, .total]' <<<"$p")" "[[3,2],2,null,4,5]"
check "audit: the last page" "$(get '/api/audit?per_page=2&after=2' | jq -c '[[.entries[].seq], .next_after]')" "[[1],null]"
check "audit: the first page's next_after" "$(get '/api/audit?per_page=2' | jq -c '[[.entries[].seq], .next_after]')" "[[5,4],4]"
check "audit: after=-1 refused" "$(status '/api/audit?after=-1')" 400
check "audit: in Chinese" "$(jq -r .error.message "$tmp/body")" "after 应为正整数（上一页最后一条记录的序号）"
check "admin page: a bad cursor is a 400 page" "$(status '/admin?after=x')" 400
status "/admin?per_page=3&after=5" >/dev/null
check "admin page: after 5, three entries" "$(grep -o '<tr data-action="import"><td>[0-9]*' "$tmp/body" | sed 's/.*<td>//' | tr '\n' ' ')" "4 3 2 "
check_grep "admin page: the keyset page's next" "$tmp/body" '<a href="/admin?after=2&amp;per_page=3">下一页</a>'

stop_server
finish cli_web_keyset
