#!/usr/bin/env bash
# make install: `cmake --install` of this build with a PREFIX under a DESTDIR
# puts the jixiao binary in PREFIX/bin and jixiao.1 in PREFIX/share/man/man1;
# the installed binary runs the README's commands.
set -u
bin=${1:?usage: cli_install.sh JIXIAO_BIN}
src=${JIXIAO_SOURCE_DIR:?}
build=$(dirname "$bin")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {
  if [ "$2" = "$3" ]; then echo "ok   $1"; pass=$((pass + 1)); else echo "FAIL $1: got [$2] want [$3]"; fail=$((fail + 1)); fi
}
DESTDIR=$tmp/stage cmake --install "$build" --prefix /opt/jx >/dev/null
check "install: exit" "$?" 0
root=$tmp/stage/opt/jx
check "binary in PREFIX/bin" "$([ -x "$root/bin/jixiao" ] && echo yes)" yes
check "man page in PREFIX/share/man/man1" "$(head -1 "$root/share/man/man1/jixiao.1" | cut -c1-11)" ".TH JIXIAO "
check "nothing else installed" "$(cd "$root" && find . -type f | sort | tr '\n' ' ')" "./bin/jixiao ./share/man/man1/jixiao.1 "
PATH=$root/bin:$PATH
check "jixiao --version on the PATH" "$(cd "$tmp" && jixiao --version)" "jixiao 0.1.0"
cd "$tmp" || exit 1
check "jixiao import" "$(jixiao import "$src/examples/2019_markdown_health.md")" "2019_markdown_health.md: 1 forms, 8 indicators"
check "jixiao list (./jixiao.db)" "$(jixiao list | grep -c 家庭医生签约服务能力提升项目)" 1
check "jixiao export" "$(jixiao export --format json | jq '.forms | length')" 1
if command -v man >/dev/null; then
  check "man -l renders" "$(MANWIDTH=80 man -l "$root/share/man/man1/jixiao.1" 2>/dev/null | grep -c 'JIXIAO(1)')" 2
fi
echo "cli_install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
