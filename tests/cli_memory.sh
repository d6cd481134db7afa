#!/usr/bin/env bash
# Bounded memory (issue 14): importing 10,000 generated forms (and storing
# their review, walked batch by batch) and, with them in the store, the
# commands that read it -- check (the stored review, page by page), check
# under another configuration (the review walked batch by batch, the copy
# rules on row signatures), export json and csv (form by form from the
# cursor), summary (SQL aggregates), export docx (form by form), opinion --all
# and one opinion (the review walked), export xlsx of one unit's forms (the
# workbook's cap refuses all 10,000); then with 1,000 self-evaluations added
# (jixiao-bench-gen --evaluations 10) their import and review, check (stored
# and walked), opinion and evaluate list -- each peak below a fixed RSS bound that
# holding the forms in memory would pass many times over (measured by
# /usr/bin/time's maximum resident set).
set -u
bin=${1:?usage: cli_memory.sh JIXIAO_BIN}
gen=$(dirname "$bin")/bench/jixiao-bench-gen
[ -x /usr/bin/time ] || { echo "SKIP: /usr/bin/time missing (Debian's time)"; exit 77; }
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }
# Peak RSS is a property of the real build: AddressSanitizer's shadow memory and
# quarantine multiply it, so the bounds are asserted on the plain build only.
if ldd "$bin" 2>/dev/null | grep -q libasan; then
  echo "SKIP: $bin is built with AddressSanitizer; memory bounds are asserted on the plain build"; exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
pass=0
bound_mb=80
"$gen" --seed 3 --per-file 1000 --evaluations 10 10000 "$tmp/corpus" >/dev/null || { echo "FAIL generator"; exit 1; }
mv "$tmp/corpus/evaluations.md" "$tmp/evaluations.md"
db=$tmp/t.db
forms=$(awk '$1 == "forms" {print $2}' "$tmp/corpus/counts")

# peak NAME OKCODES CMD...: run CMD, check its exit status and its peak RSS.
peak() {
  local name=$1 ok=$2 rc=0
  shift 2
  /usr/bin/time -f '%M' -o "$tmp/rss" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
  if ! [[ $rc =~ ^($ok)$ ]]; then echo "FAIL $name exited $rc: $(head -3 "$tmp/err")"; fail=$((fail + 1)); return; fi
  local kb
  kb=$(tail -1 "$tmp/rss")
  if [ "$kb" -lt $((bound_mb * 1024)) ]; then
    echo "ok   $name: peak RSS $((kb / 1024)) MB < $bound_mb MB"; pass=$((pass + 1))
  else
    echo "FAIL $name: peak RSS $((kb / 1024)) MB >= $bound_mb MB"; fail=$((fail + 1))
  fi
}
peak "import (and its review)" 0 "$bin" --db "$db" import "$tmp"/corpus/f[0-9]*.*
[ -s "$db" ] || { echo "FAIL import stored nothing"; exit 1; }
rm -rf "$tmp/corpus"
peak "check (stored review)" '0|1' "$bin" --db "$db" check --format json
got=$(jq '.grades | length' "$tmp/out")
[ "$got" = "$forms" ] && pass=$((pass + 1)) || { echo "FAIL check graded $got of $forms forms"; fail=$((fail + 1)); }
peak "check text" '0|1' "$bin" --db "$db" check
peak "check, another configuration (walked)" '0|1' "$bin" --db "$db" check --rule typo=off --format json
got=$(jq '.grades | length' "$tmp/out")
[ "$got" = "$forms" ] && pass=$((pass + 1)) || { echo "FAIL check --rule graded $got of $forms forms"; fail=$((fail + 1)); }
peak "export json" 0 "$bin" --db "$db" export --format json -o "$tmp/e.json"
got=$(jq '.forms | length' "$tmp/e.json")
[ "$got" = "$forms" ] && pass=$((pass + 1)) || { echo "FAIL export has $got of $forms forms"; fail=$((fail + 1)); }
rm -f "$tmp/e.json"
peak "export csv" 0 "$bin" --db "$db" export --format csv -o "$tmp/csv"
got=$(($(wc -l < "$tmp/csv/forms.csv") - 1))
[ "$got" = "$forms" ] && pass=$((pass + 1)) || { echo "FAIL forms.csv has $got of $forms rows"; fail=$((fail + 1)); }
peak "summary --by unit" 0 "$bin" --db "$db" summary --format json --by unit
peak "export docx" 0 "$bin" --db "$db" export --format docx -o "$tmp/e.docx"
[ "$(head -c 2 "$tmp/e.docx")" = PK ] && pass=$((pass + 1)) || { echo "FAIL export docx wrote no package"; fail=$((fail + 1)); }
rm -f "$tmp/e.docx"
peak "opinion --all" 0 "$bin" --db "$db" opinion --all --format json -o "$tmp/o.json"
got=$(jq 'length' "$tmp/o.json")
[ "$got" = "$forms" ] && pass=$((pass + 1)) || { echo "FAIL opinion --all has $got of $forms opinions"; fail=$((fail + 1)); }
rm -f "$tmp/o.json"
peak "opinion 1" 0 "$bin" --db "$db" opinion 1 --format json
got=$(jq '.form_id' "$tmp/out")
[ "$got" = 1 ] && pass=$((pass + 1)) || { echo "FAIL opinion 1 is of form $got"; fail=$((fail + 1)); }
peak "export xlsx of all 10,000: refused" 2 "$bin" --db "$db" export --format xlsx -o "$tmp/all.xlsx"
[ ! -e "$tmp/all.xlsx" ] && pass=$((pass + 1)) || { echo "FAIL a refused workbook was written"; fail=$((fail + 1)); }
unit=$("$bin" --db "$db" show 1 | sed -n 's/^  申报单位: //p')
peak "export xlsx --unit (one unit's forms)" 0 "$bin" --db "$db" export --format xlsx --unit "$unit" -o "$tmp/u.xlsx"
[ "$(head -c 2 "$tmp/u.xlsx")" = PK ] && pass=$((pass + 1)) || { echo "FAIL export xlsx --unit wrote no workbook"; fail=$((fail + 1)); }

# With self-evaluations stored (1,000: one of every tenth form, each linking to it), every review
# walked from the store still holds one batch of forms, or one page of evaluations with the
# forms they link to -- never every form at once (which peaked at about 170 MB here).
peak "import of 1,000 self-evaluations (and the review)" 0 "$bin" --db "$db" import "$tmp/evaluations.md"
got=$("$bin" --db "$db" evaluate summary | head -1)
[ "$got" = "self-evaluations: 1000 (1000 linked to a declared form), monitoring reports: 0" ] && pass=$((pass + 1)) ||
  { echo "FAIL evaluate summary: $got"; fail=$((fail + 1)); }
peak "check with evaluations (stored review)" '0|1' "$bin" --db "$db" check --format json
stored=$(jq -c '[(.grades | length), ([.findings[] | select(.rule | startswith("eval-"))] | length)]' "$tmp/out")
peak "check --rule with evaluations (walked)" '0|1' "$bin" --db "$db" check --rule typo=off --format json
got=$(jq -c '[(.grades | length), ([.findings[] | select(.rule | startswith("eval-"))] | length)]' "$tmp/out")
[ "$got" = "$stored" ] && [ "${got%%,*}" = "[$forms" ] && [ "$got" != "[$forms,0]" ] && pass=$((pass + 1)) ||
  { echo "FAIL check --rule graded/eval findings $got, stored review $stored"; fail=$((fail + 1)); }
peak "opinion 1 with evaluations" 0 "$bin" --db "$db" opinion 1 --format json
peak "evaluate list --format json" 0 "$bin" --db "$db" evaluate list --format json
got=$(jq '[.evaluations[] | select(.form_id != null)] | length' "$tmp/out")
[ "$got" = 1000 ] && pass=$((pass + 1)) || { echo "FAIL evaluate list linked $got of 1000"; fail=$((fail + 1)); }
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
