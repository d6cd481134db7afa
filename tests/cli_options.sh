#!/usr/bin/env bash
# The one option parser and the command table: every command's --help (exit
# 0, its synopsis and its options), the same usage errors everywhere (unknown
# option, missing value, bad value, extra argument: exit 2, nothing opened or
# created), --opt=VALUE and --opt VALUE alike, --db after the command name,
# '--' ending the options, and the needs (a read command never creates a
# database; --rule/--config only where a command reviews).
set -u
bin=${1:?usage: cli_options.sh JIXIAO_BIN}
src=${JIXIAO_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/t.db"
fail=0
check() {  # check NAME GOT WANT
  if [ "$2" == "$3" ]; then echo "ok   $1"; else echo "FAIL $1: got [$2] want [$3]"; fail=1; fi
}

# Every command of 'jixiao --help' has a --help: exit 0, its own synopsis, the common options.
cmds=$("$bin" --help | sed -n '/^commands:/,/^$/p' | awk 'NF > 1 {print $1}')
check "the table lists the commands" "$(echo $cmds)" "import list show export check opinion rules summary budget evaluate status history serve user audit"
for c in $cmds; do
  out=$("$bin" "$c" --help); rc=$?
  check "$c --help: exit" "$rc" 0
  check "$c --help: synopsis" "$(head -1 <<<"$out" | grep -c "^usage: jixiao .*$c")" 1
  check "$c --help: --db and --help listed" "$(grep -cE '^  (--db PATH|-h, --help) ' <<<"$out")" 2
  # Unknown option: the same message and exit 2 for every command, no database created.
  err=$("$bin" --db "$tmp/none.db" "$c" --frobnicate 2>&1 >/dev/null); rc=$?
  check "$c --frobnicate: exit 2" "$rc" 2
  check "$c --frobnicate: message" "$err" "jixiao: $c: unknown option --frobnicate
(see 'jixiao $c --help')"
done
check "usage errors created no database" "$(ls "$tmp")" ""
check "check --help lists --rule" "$("$bin" check --help | grep -c '^  --rule ID=')" 1
check "list --help has no --rule" "$("$bin" list --help | grep -c -- '--rule')" 0

# A missing value, a bad value, an extra argument, a flag given a value.
err=$("$bin" --db "$db" check --format 2>&1); rc=$?
check "missing value" "$rc $err" "2 jixiao: check: --format needs a value (text|json)
(see 'jixiao check --help')"
err=$("$bin" --db "$db" check --format=yaml 2>&1); rc=$?
check "bad choice" "$rc $err" "2 jixiao: check: unknown format 'yaml' (text, json)
(see 'jixiao check --help')"
err=$("$bin" --db "$db" serve --port 70000 2>&1); rc=$?
check "number out of range" "$rc $err" "2 jixiao: serve: --port wants a number 0..65535, not '70000'
(see 'jixiao serve --help')"
err=$("$bin" --db "$db" list extra 2>&1); rc=$?
check "extra argument" "$rc $err" "2 jixiao: list: unexpected argument extra
(see 'jixiao list --help')"
err=$("$bin" --db "$db" opinion --all=yes 2>&1); rc=$?
check "flag with a value" "$rc $err" "2 jixiao: opinion: --all takes no value
(see 'jixiao opinion --help')"
err=$("$bin" --db "$db" list --rule copied-rows=off 2>&1); rc=$?
check "--rule where nothing is reviewed" "$rc $err" "2 jixiao: list: unknown option --rule
(see 'jixiao list --help')"
check "still no database" "$(ls "$tmp")" ""

# A read command on a missing database: exit 1, says so, creates nothing.
err=$("$bin" --db "$db" summary 2>&1); rc=$?
check "summary, no database" "$rc $err" "1 jixiao: database $db does not exist (jixiao --db $db import FILE... creates it)"
check "summary created nothing" "$(ls "$tmp")" ""

# --db after the command name; '--' ends the options (a file named like one).
cp "$src/examples/2019_markdown_health.md" "$tmp/--odd.md"
out=$(cd "$tmp" && "$bin" import --db "$db" -- --odd.md); rc=$?
check "import -- --odd.md" "$rc $out" "0 --odd.md: 1 forms, 8 indicators"
# --opt=VALUE and --opt VALUE give the same output.
a=$("$bin" --db "$db" check --format=json --fail-on=info); ra=$?
b=$("$bin" --db="$db" check --format json --fail-on info); rb=$?
check "--opt=VALUE as --opt VALUE" "$ra $rb $([ "$a" == "$b" ] && echo same)" "$ra $ra same"
check "check json is the report" "$(head -2 <<<"$a" | tail -1)" '  "version": 1,'
# --rule and --config apply in the order given: the later wins.
"$bin" --db "$db" import "$src/examples/2020_tsv_gb18030_training.txt" >/dev/null
echo '{"rules": {"vague-target": "off"}}' >"$tmp/cfg.json"
n=$("$bin" --db "$db" check --format json --fail-on=error | grep -c '"rule": "vague-target"')
check "vague-target found by default" "$n" 1
n=$("$bin" --db "$db" check --format json --config "$tmp/cfg.json" | grep -c '"rule": "vague-target"')
check "--config turns it off" "$n" 0
n=$("$bin" --db "$db" check --format json --config "$tmp/cfg.json" --rule vague-target=on | grep -c '"rule": "vague-target"')
check "--rule after --config wins" "$n" 1
n=$("$bin" --db "$db" check --format json --rule vague-target=on --config "$tmp/cfg.json" | grep -c '"rule": "vague-target"')
check "--config after --rule wins" "$n" 0
err=$("$bin" --db "$db" check --rule nosuch=off 2>&1); rc=$?
check "unknown rule: exit 2" "$rc" 2
check "unknown rule: says which" "$(grep -c nosuch <<<"$err")" 1
exit $fail
