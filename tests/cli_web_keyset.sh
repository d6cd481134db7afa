#!/usr/bin/env bash
# Keyset pages (after=) of the lists other than the forms' (cli_web_scale.sh
# has those), against the real server on a loopback port: findings (the
# cursor a finding's id FORM-SEQ, a disclosure's own findings under form 0),
# department disclosures (the cursor an id), the audit log (newest first,
# the cursor a seq) and the self-evaluations (numbered pages too). Every walk of keyset pages is the whole list in order,
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

# ---- self-evaluations (/evaluations and /api/evaluations: numbered and keyset pages) -------------
# 60 generated forms with a self-evaluation of every 5th (12, ids 1..12, each linked to its form).
edb=$tmp/e.db
"$gen" --per-file 60 --evaluations 5 60 "$tmp/ecorpus" >/dev/null || { echo "FAIL generator"; exit 1; }
"$bin" --db "$edb" import "$tmp/ecorpus"/f00000.md "$tmp/ecorpus/evaluations.md" >/dev/null || { echo "FAIL import evaluations"; exit 1; }
start_server "$edb" "$tmp/out" "$tmp/err" --quiet
rows() { grep -o '<tr><td><a href="/evaluations/[0-9]*"' "$tmp/body" | sed 's/.*evaluations\///; s/"//' | tr '\n' ' '; }
check "evaluations page: the first of 3 pages of 5" "$(status '/evaluations?per_page=5') $(rows)" "200 1 2 3 4 5 "
check_grep "evaluations page: the count of all" "$tmp/body" "<p>共12份</p>"
check_grep "evaluations page: 第 1 / 3 页 and the way on" "$tmp/body" \
  '<nav class="pager">第 1 / 3 页 <a href="/evaluations?page=2&amp;per_page=5">下一页</a></nav>'
check "evaluations page: page 2" "$(status '/evaluations?page=2&per_page=5') $(rows)" "200 6 7 8 9 10 "
check_grep "evaluations page: page 2's pager" "$tmp/body" \
  '<a href="/evaluations?page=1&amp;per_page=5">上一页</a> 第 2 / 3 页 <a href="/evaluations?page=3&amp;per_page=5">下一页</a>'
check "evaluations page: the last page, 2 rows" "$(status '/evaluations?page=3&per_page=5') $(rows)" "200 11 12 "
check_nogrep "evaluations page: no way on from the last" "$tmp/body" "下一页"
check "evaluations page: past the last page" "$(status '/evaluations?page=9&per_page=5') $(rows)" "200 "
check_grep "evaluations page: says so" "$tmp/body" "这一页没有绩效自评表。"
check "evaluations page: every one linked on the default page" \
  "$(status '/evaluations') $(grep -o '<td><a href="/forms/' "$tmp/body" | wc -l) $(grep -o '未关联' "$tmp/body" | wc -l)" "200 12 0"
check_nogrep "evaluations page: one page needs no pager" "$tmp/body" 'class="pager"'
check "evaluations page: keyset after 4" "$(status '/evaluations?after=4&per_page=5') $(rows)" "200 5 6 7 8 9 "
check_grep "evaluations page: the keyset page's next" "$tmp/body" \
  '<nav class="pager"><a href="/evaluations?per_page=5">第一页</a> <a href="/evaluations?after=9&amp;per_page=5">下一页</a></nav>'
check "evaluations page: the last keyset page" "$(status '/evaluations?after=9&per_page=5') $(rows)" "200 10 11 12 "
check_nogrep "evaluations page: and no next" "$tmp/body" "下一页"
check "evaluations page: per_page=501 refused" "$(status '/evaluations?per_page=501')" 400
check_grep "evaluations page: in Chinese" "$tmp/body" "per_page 应为 1 到 500 之间的整数"
check "evaluations page: an unknown parameter refused" "$(status '/evaluations?year=2024')" 400
p=$(get '/api/evaluations?per_page=5&page=2')
check "api evaluations: page 2 of 5" "$(jq -c '[[.evaluations[].id], .total, .page, .per_page, .after, .next_after]' <<<"$p")" \
  "[[6,7,8,9,10],12,2,5,null,10]"
check "api evaluations: after 10, the last" "$(get '/api/evaluations?per_page=5&after=10' | jq -c '[[.evaluations[].id], .page, .after, .next_after]')" \
  "[[11,12],null,10,null]"
check "api evaluations: every one by default" "$(get '/api/evaluations' | jq -c '[(.evaluations | length), .total, .next_after]')" "[12,12,null]"
year=$(get '/api/evaluations' | jq '.evaluations[0].year')
want=$(get '/api/evaluations' | jq -c --argjson y "$year" '[.evaluations[] | select(.year == $y) | .id]')
check "api evaluations: a year's, counted and paged in SQL" \
  "$(get "/api/evaluations?year=$year&per_page=2" | jq -c '[.total, [.evaluations[].id], .next_after]')" \
  "$(jq -c '[length, .[:2], (if length > 2 then .[1] else null end)]' <<<"$want")"
check "api evaluations: page and after together refused" "$(status '/api/evaluations?page=2&after=3')" 400
check "api evaluations: in Chinese" "$(jq -r .error.message "$tmp/body")" "page 与 after 只能用其一"
check "api evaluations: after=x refused" "$(status '/api/evaluations?after=x')" 400
check "api evaluations: says what after is" "$(jq -r .error.message "$tmp/body")" "after 应为正整数（上一页最后一份绩效自评表的编号）"
stop_server
finish cli_web_keyset
