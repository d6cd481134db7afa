#!/usr/bin/env bash
# The PDF reader's resource budget (jixiao/limits.h, the PDF part): hostile
# PDFs made with cairo (tests/pdf_tool.c) beyond each limit -- 10,000 pages, a
# trailer declaring 100 million objects, a page 100,000 pt wide, a page of
# 150,000 characters, a page of 6,000 rules, a content stream inflating to
# 300 MiB (a deflate bomb, written by hand) -- are refused with the file, the
# page and the limit named, exit 1 and the database unchanged; files just under
# the character and rule limits are read. Peak RSS (/usr/bin/time) is asserted
# on the plain build only: AddressSanitizer's shadow memory and quarantine
# multiply it, so an ASan binary gets the messages checked and the bound skipped.
set -u
bin=${1:?usage: cli_pdf_limits.sh JIXIAO_BIN}
tool=${JIXIAO_PDF_TOOL:-}
[ -n "$tool" ] && [ -x "$tool" ] || { echo "SKIP: pdf_tool not built"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
check() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got [$2] want [$3]"; fi; }
rss=1
if ldd "$bin" 2>/dev/null | grep -q libasan; then
  echo "note: $bin is built with AddressSanitizer: peak RSS bounds skipped (asserted on the plain build)"; rss=0
fi
[ -x /usr/bin/time ] || { echo "note: /usr/bin/time missing: peak RSS bounds skipped"; rss=0; }
bound_kb=$((150 * 1024))
db=$tmp/t.db

# run NAME FILE WANT-EXIT WANT-STDERR: import FILE, check exit, message and peak RSS.
run() {
  local name=$1 file=$2 want_rc=$3 want_err=$4 rc=0
  if [ $rss = 1 ]; then
    /usr/bin/time -f %M -o "$tmp/rss" "$bin" --db "$db" import "$file" >/dev/null 2>"$tmp/err" || rc=$?
  else
    "$bin" --db "$db" import "$file" >/dev/null 2>"$tmp/err" || rc=$?
  fi
  check "$name: exit" "$rc" "$want_rc"
  check "$name: message" "$(grep -v '^Command exited' "$tmp/err" | head -1)" "$want_err"
  if [ $rss = 1 ]; then
    local kb
    kb=$(tail -1 "$tmp/rss")
    [ "$kb" -lt $bound_kb ] && ok "$name: peak RSS $((kb / 1024)) MB < $((bound_kb / 1024)) MB" \
      || bad "$name: peak RSS $((kb / 1024)) MB"
  fi
}

nothing="no performance-target form found (expected a title such as …绩效目标申报表 or a 项目名称 row); no budget table (a title such as …部门收入预算总表) or project narrative (…项目经费情况说明) either"

"$tool" pages 10000 "$tmp/pages.pdf" || bad "pdf_tool pages"
run "10,000 pages" "$tmp/pages.pdf" 1 \
  "jixiao: import: pages.pdf: the PDF has 10000 pages, more than the 5000 allowed (JX_MAX_PDF_PAGES)"

"$tool" huge "$tmp/huge.pdf" || bad "pdf_tool huge"
run "a page 100,000 pt wide" "$tmp/huge.pdf" 1 \
  "jixiao: import: huge.pdf: page 2: the page is 100000 x 842 pt, larger than the 14400 pt a PDF page may be (JX_MAX_PDF_PAGE_POINTS)"

# the trailer of a real file rewritten to declare 100 million objects
perl -0pe 's{/Size \d+}{/Size 100000000}g' "$tmp/huge.pdf" > "$tmp/objects.pdf"
run "a trailer of 100 million objects" "$tmp/objects.pdf" 1 \
  "jixiao: import: objects.pdf: the PDF declares 100000000 objects (trailer /Size), more than the 2000000 allowed (JX_MAX_PDF_OBJECTS)"

"$tool" dense 150000 "$tmp/dense.pdf" || bad "pdf_tool dense"
run "a page of 150,000 characters" "$tmp/dense.pdf" 1 \
  "jixiao: import: dense.pdf: page 2: 149200 characters, more than the 100000 allowed on one page (JX_MAX_PDF_PAGE_CHARS)"

"$tool" lines 6000 "$tmp/lines.pdf" || bad "pdf_tool lines"
run "a page of 6,000 rules" "$tmp/lines.pdf" 1 \
  "jixiao: import: lines.pdf: page 2: 6000 ruling lines, more than the 5000 allowed on one page (JX_MAX_PDF_PAGE_RULES)"

# a deflate bomb: a 300 KB file whose one content stream inflates to 300 MiB of spaces
"$tool" bomb 300 "$tmp/bomb.pdf" || bad "pdf_tool bomb"
check "the bomb is small" "$(( $(stat -c %s "$tmp/bomb.pdf") < 400000 ))" 1
run "a content stream inflating to 300 MiB" "$tmp/bomb.pdf" 1 \
  "jixiao: import: bomb.pdf: object 4: the PDF's Flate streams inflate to more than the 268435456 bytes allowed (JX_MAX_PDF_INFLATED_BYTES): a compression bomb?"

# under the limits: read to the end (and nothing in them is a form)
"$tool" dense 90000 "$tmp/dense90k.pdf" || bad "pdf_tool dense"
run "a page of 90,000 characters: read" "$tmp/dense90k.pdf" 1 "jixiao: import: dense90k.pdf: $nothing"
"$tool" lines 4500 "$tmp/lines4500.pdf" || bad "pdf_tool lines"
run "a page of 4,500 rules: read" "$tmp/lines4500.pdf" 1 "jixiao: import: lines4500.pdf: $nothing"

if [ -f "$db" ] && command -v sqlite3 >/dev/null; then
  check "refused PDFs leave the database empty" "$(sqlite3 "$db" 'select count(*) from files')" 0
fi
exit $fail
