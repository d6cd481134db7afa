#!/usr/bin/env bash
# `jixiao serve` at scale (issue 14), against the real server on a loopback
# port with a generated corpus: pages of forms and findings (every page
# together is the whole list, once), ETag / If-None-Match (304 until the
# store changes), gzip, several threads, and readers during an import: every
# answer shows the store before or after the import (its forms and their
# findings together), never a part of it.
set -u
bin=${1:?usage: cli_web_scale.sh JIXIAO_BIN}
gen=$(dirname "$bin")/bench/jixiao-bench-gen
. "$(dirname "$0")/lib.sh"
need curl jq
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }

# 900 forms in three files of 300 (markdown, tab-separated, GB18030 text).
"$gen" --per-file 300 900 "$tmp/corpus" >/dev/null || { echo "FAIL generator"; exit 1; }
mapfile -t files < <(ls "$tmp/corpus"/*.md "$tmp/corpus"/*.txt 2>/dev/null | sort)
[ ${#files[@]} -eq 3 ] || { echo "FAIL corpus: ${#files[@]} files"; exit 1; }
db=$tmp/t.db
"$bin" --db "$db" import "${files[0]}" "${files[1]}" >/dev/null || { echo "FAIL import"; exit 1; }

start_server "$db" "$tmp/out" "$tmp/err" --threads 4 --quiet

get() { curl -sS "$@"; }

# ---- pages -------------------------------------------------------------------------
check "forms: total" "$(get "$base/api/forms?per_page=1" | jq .total)" 600
get "$base/api/forms?per_page=500" | jq -r '.forms[].id' > "$tmp/ids1"
get "$base/api/forms?per_page=500&page=2" | jq -r '.forms[].id' >> "$tmp/ids1"
check "forms: two pages hold every form once" "$(sort -u "$tmp/ids1" | wc -l)" 600
check "forms: in id order" "$(sort -n "$tmp/ids1" | cmp - "$tmp/ids1" && echo ordered)" ordered
p=$(get "$base/api/forms?per_page=7&page=3")
check "forms: page 3 of 7" "$(jq '[.page, .per_page, (.forms | length)] | @csv' <<<"$p")" '"3,7,7"'
check "forms: page 3 starts at the 15th" "$(jq '.forms[0].id' <<<"$p")" "$(sed -n 15p "$tmp/ids1")"
check "forms: last page" "$(get "$base/api/forms?per_page=7&page=86" | jq '.forms | length')" 5
check "forms: past the end" "$(get "$base/api/forms?per_page=7&page=87" | jq '[.total, (.forms | length)] | @csv')" '"600,0"'
check "forms: a filter's total" "$(get "$base/api/forms?per_page=1&year=2099" | jq .total)" 0
# Keyset pages (after=): the forms after an id, next_after the last id shown (null on the last page).
p=$(get "$base/api/forms?per_page=7&after=$(sed -n 14p "$tmp/ids1")")
check "keyset: after the 14th" "$(jq -c '[.forms[].id]' <<<"$p")" "$(sed -n 15,21p "$tmp/ids1" | jq -sc .)"
check "keyset: next_after, total" "$(jq -c '[.next_after, .total, .page, .after]' <<<"$p")" \
  "[$(sed -n 21p "$tmp/ids1"),600,null,$(sed -n 14p "$tmp/ids1")]"
check "keyset: the first page's next_after" "$(get "$base/api/forms?per_page=7" | jq .next_after)" "$(sed -n 7p "$tmp/ids1")"
: > "$tmp/ids2"
cursor= npages=0
while :; do
  p=$(get "$base/api/forms?per_page=250${cursor:+&after=$cursor}")
  jq -r '.forms[].id' <<<"$p" >> "$tmp/ids2"
  npages=$((npages + 1))
  cursor=$(jq -r '.next_after // empty' <<<"$p")
  [ -n "$cursor" ] && [ $npages -lt 10 ] || break
done
check "keyset: three pages of 250 are every form in order" "$npages $(cmp -s "$tmp/ids1" "$tmp/ids2" && echo same)" "3 same"
check "keyset: the last page" "$(get "$base/api/forms?per_page=250&after=$(sed -n 500p "$tmp/ids1")" | jq -c '[(.forms | length), .forms[0].id, .next_after]')" \
  "[100,$(sed -n 501p "$tmp/ids1"),null]"
check "keyset: past the last id" "$(get "$base/api/forms?after=$(tail -1 "$tmp/ids1")" | jq -c '[.total, (.forms | length), .next_after]')" "[600,0,null]"
y=$(get "$base/api/forms?per_page=1&page=9" | jq '.forms[0].year')
get "$base/api/forms?per_page=500&year=$y" | jq -r '.forms[].id' > "$tmp/ids3"
check "keyset: with a filter, the matching forms after the id" \
  "$(get "$base/api/forms?per_page=3&year=$y&after=$(sed -n 4p "$tmp/ids3")" | jq -c '[.forms[].id]')" "$(sed -n 5,7p "$tmp/ids3" | jq -sc .)"
check "keyset: after=0 refused" "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/forms?after=0")" 400
check "keyset: page and after refused together" "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/forms?page=2&after=5")" 400
nf=$(get "$base/api/findings?per_page=1" | jq .total)
[ "$nf" -gt 10 ] || { echo "FAIL findings: only $nf"; fail=$((fail + 1)); }
check "findings: total = the stored review's" "$nf" "$("$bin" --db "$db" check --format json | jq '.findings | length')"
: > "$tmp/f"
for pg in $(seq 1 $(( (nf + 99) / 100 ))); do
  get "$base/api/findings?page=$pg" | jq -c '.findings[] | [.form_id, .rule, .source.line, .message]' >> "$tmp/f"
done
check "findings: every page together, each once" "$(sort -u "$tmp/f" | wc -l)" "$nf"
check "findings: page size" "$(get "$base/api/findings?per_page=3&page=2" | jq '.findings | length')" 3
check "findings: bad page" "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/findings?page=0")" 400
name=$(get "$base/api/forms?per_page=1&page=5" | jq -r '.forms[0].name')
check "findings: the project search box filters by name" \
  "$(get "$base/api/findings?per_page=500&project=$(jq -rn --arg n "$name" '$n|@uri')" | jq --arg n "$name" '[.findings[] | select(.form_name | contains($n) | not)] | length')" 0
check "page: list pager" "$(get "$base/?page=2" | grep -c '第 2 / 12 页')" 1
check "page: findings pager" "$(get "$base/findings?page=2" | grep -c '第 2 / ')" 1
check "page: findings project box" "$(get "$base/findings" | grep -c 'name="project"')" 1

# ---- ETag, 304, gzip -----------------------------------------------------------------
curl -sS -D "$tmp/h1" -o /dev/null "$base/api/forms"
etag=$(sed -n 's/^ETag: \(.*\)\r$/\1/Ip' "$tmp/h1")
check "etag: present" "$([ -n "$etag" ] && echo yes)" yes
check "etag: revalidated" "$(grep -ci '^Cache-Control: no-cache' "$tmp/h1")" 1
check "etag: 304 when unchanged" "$(curl -s -o "$tmp/b304" -w '%{http_code}' -H "If-None-Match: $etag" "$base/api/forms")" 304
check "etag: 304 has no body" "$(cat "$tmp/b304" 2>/dev/null | wc -c)" 0
check "etag: a page too" "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$base/forms/1")" 304
check "etag: another tag gets 200" "$(curl -s -o /dev/null -w '%{http_code}' -H 'If-None-Match: W/"g0"' "$base/api/forms")" 200
curl -sS -D "$tmp/hz" -o "$tmp/bz" -H 'Accept-Encoding: gzip' "$base/api/forms?per_page=100"
check "gzip: large answer compressed" "$(grep -ci '^Content-Encoding: gzip' "$tmp/hz")" 1
check "gzip: decodes to the same JSON" "$(gunzip -c "$tmp/bz" | jq .total)" 600
curl -sS -D "$tmp/hp" -o /dev/null "$base/api/forms?per_page=100"
check "gzip: not without Accept-Encoding" "$(grep -ci '^Content-Encoding' "$tmp/hp")" 0
# The server's threads reuse their deflate streams: answers one after another, pages and
# JSON of different sizes, each decodes to exactly the plain answer.
same=0
for u in "forms/3" "api/forms/3" "api/forms?per_page=100" "forms/7" "api/forms/599" "forms/3"; do
  curl -sS -o "$tmp/gz1" -H 'Accept-Encoding: gzip' "$base/$u"
  curl -sS -o "$tmp/plain1" "$base/$u"
  gunzip -c "$tmp/gz1" | cmp -s - "$tmp/plain1" && same=$((same + 1))
done
check "gzip: six answers in a row decode to the plain ones" "$same" 6

# ---- readers during an import ----------------------------------------------------------
# The state before: forms and findings as /api/summary counts them in one snapshot.
pair() { jq -r '"\(.forms) \(.findings_by_severity | add)"'; }
before=$(get "$base/api/summary" | pair)
upload=${files[2]}
curl -sS -o "$tmp/import.json" --data-binary @"$upload" "$base/api/import?filename=$(basename "$upload")" &
ipid=$!
: > "$tmp/seen"
n=0
while kill -0 "$ipid" 2>/dev/null && [ $n -lt 400 ]; do
  readers=()
  for k in 1 2 3 4; do get "$base/api/summary" | pair > "$tmp/seen.$k" & readers+=($!); done
  wait "${readers[@]}"
  cat "$tmp"/seen.[1-4] >> "$tmp/seen"
  n=$((n + 4))
done
wait "$ipid"
check "import: stored" "$(jq '.forms | length' "$tmp/import.json")" 300
after=$(get "$base/api/summary" | pair)
check "import: 900 forms after" "${after%% *}" 900
for _ in 1 2 3 4; do get "$base/api/summary" | pair >> "$tmp/seen"; done
odd=$(grep -v -x -e "$before" -e "$after" "$tmp/seen" | head -3)
check "readers saw only the state before or after ($(wc -l < "$tmp/seen") answers)" "$odd" ""
check "etag: changed by the import" "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$base/api/forms")" 200
check "forms: total after" "$(get "$base/api/forms?per_page=1" | jq .total)" 900
check "keyset: the imported forms follow the 600th" \
  "$(get "$base/api/forms?per_page=500&after=$(tail -1 "$tmp/ids1")" | jq -c '[(.forms | length), .next_after, .total]')" "[300,null,900]"
check "forms: a page past the 600th (offset on the kept count)" \
  "$(get "$base/api/forms?per_page=100&page=7" | jq -c '[(.forms | length), .forms[0].id > '"$(tail -1 "$tmp/ids1")"']')" "[100,true]"

kill -TERM "$pid"
wait "$pid"
check "stops cleanly" "$?" 0
pid=
finish cli_web_scale
