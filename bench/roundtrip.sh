#!/usr/bin/env bash
# bench/roundtrip.sh JIXIAO GEN WORKDIR: ~200 generated forms imported into a
# fresh database export exactly as the generator recorded them (ids aside,
# numbers compared to 1e-6).
set -euo pipefail
jixiao=$1 gen=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
"$gen" --seed 42 --per-file 40 --problems 20 200 "$work/corpus" >/dev/null
db="$work/rt.db"
"$jixiao" --db "$db" import "$work"/corpus/f[0-9]*.* >"$work/import.log"
"$jixiao" --db "$db" export --format json -o "$work/export.json"
# Canonical form: version and forms only (disclosure tables are not generated), no ids, no
# indicator measure (derived by the review from fields compared here, not generated), values rounded to 1e-6, keys sorted;
# fields[] (labels as written) is not recorded by the generator: checked below for 项目名称 instead.
norm='{version, forms: [.forms[] | del(.id, .fields) | .indicators |= map(del(.measure))]} | walk(if type == "number" then (. * 1000000 | round) / 1000000 else . end)'
jq -S "$norm" "$work/export.json" >"$work/got.json"
jq -S "$norm" "$work/corpus/expected.json" >"$work/want.json"
if ! cmp -s "$work/got.json" "$work/want.json"; then
  echo "bench_roundtrip: import differs from the generator's record:" >&2
  diff -u "$work/want.json" "$work/got.json" | head -60 >&2
  exit 1
fi
bad=$(jq '[.forms[] | select(([.fields[] | select(.label == "项目名称")][0].value) != .name)] | length' "$work/export.json")
if [ "$bad" != 0 ]; then echo "bench_roundtrip: $bad forms without their 项目名称 in fields[]" >&2; exit 1; fi
echo "bench_roundtrip: $(jq '.forms | length' "$work/got.json") forms, $(jq '[.forms[].indicators | length] | add' "$work/got.json") indicators reproduced exactly"
