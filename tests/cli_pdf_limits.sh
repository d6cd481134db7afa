#!/usr/bin/env bash
# The PDF reader's resource budget (jixiao/limits.h, the PDF part): hostile
# PDFs made with cairo (tests/pdf_tool.c) beyond each limit -- 10,000 pages, a
# trailer declaring 100 million objects, a page 100,000 pt wide, a page of
# 150,000 characters, a page of 6,000 rules, a content stream decoding to
# 300 MiB (a bomb written by hand, its filter named every way poppler reads:
# /FlateDecode, /Fl#61teDecode, indirect, in an object stream,
# [/ASCIIHexDecode /FlateDecode], /LZWDecode; encrypted with RC4 or AES),
# 300,000 stream keywords; the ways past a text pre-scan: a name or string
# holding "obj" or "stream" in the dictionary, a later decoy definition of
# its indirect /Filter, [/Crypt /FlateDecode], a decoy /ID or /Encrypt,
# /StmF /Identity -- are refused with the file, the
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

# decompression bombs: a 300 KB file whose one content stream decodes to 300 MiB of
# spaces, its /Filter written every way poppler reads it -- the pre-scan
# (lib/read/pdf_scan.c) decodes each and refuses the file; each also written
# decoding to 2 MiB, which poppler reads (the page's text: "nothing in it")
bomb="the PDF's streams decode to more than the 268435456 bytes allowed (JX_MAX_PDF_INFLATED_BYTES): a compression bomb?"
for how in plain escape indirect array lzw; do
  "$tool" bomb 300 "$tmp/bomb-$how.pdf" $how || bad "pdf_tool bomb $how"
  check "the $how bomb is small" "$(( $(stat -c %s "$tmp/bomb-$how.pdf") < 700000 ))" 1
  run "a content stream decoding to 300 MiB ($how)" "$tmp/bomb-$how.pdf" 1 \
    "jixiao: import: bomb-$how.pdf: object 4: $bomb"
  rm -f "$tmp/bomb-$how.pdf"
  "$tool" bomb 2 "$tmp/page-$how.pdf" $how || bad "pdf_tool bomb 2 $how"
  run "a content stream decoding to 2 MiB ($how): read" "$tmp/page-$how.pdf" 1 "jixiao: import: page-$how.pdf: $nothing"
done
if command -v qpdf >/dev/null; then
  # the /Filter an indirect reference to an object inside an object stream
  # (qpdf moves object 7 there): taken to be Flate, the stream decoded
  "$tool" bomb 300 "$tmp/b.pdf" indirect
  qpdf --object-streams=generate --stream-data=preserve "$tmp/b.pdf" "$tmp/bomb-objstm.pdf"
  # (qpdf renumbers: the stream is object 7, its /Filter 6 0 R, object 6 compressed in 1)
  check "the /Filter is in an object stream" \
    "$(grep -ac '^<< /Filter 6 0 R' "$tmp/bomb-objstm.pdf") $(grep -ac '^6 0 obj' "$tmp/bomb-objstm.pdf")" "1 0"
  run "a content stream decoding to 300 MiB (its /Filter in an object stream)" "$tmp/bomb-objstm.pdf" 1 \
    "jixiao: import: bomb-objstm.pdf: object 7: $bomb"
  rm -f "$tmp/b.pdf" "$tmp/bomb-objstm.pdf"
  "$tool" bomb 2 "$tmp/b.pdf" indirect
  qpdf --object-streams=generate --stream-data=preserve "$tmp/b.pdf" "$tmp/page-objstm.pdf"
  run "a content stream decoding to 2 MiB (its /Filter in an object stream): read" "$tmp/page-objstm.pdf" 1 \
    "jixiao: import: page-objstm.pdf: $nothing"
  # encrypted with the empty user password (what poppler opens): RC4 40 and 128 bit,
  # AES-128, AES-256; the pre-scan decrypts each stream first
  "$tool" bomb 300 "$tmp/b.pdf" plain
  "$tool" bomb 2 "$tmp/p.pdf" plain
  for enc in 40:rc4 128:rc4 128:aes 256:aes; do
    bits=${enc%:*} aes=n
    [ "${enc#*:}" = aes ] && aes=y
    name=bomb-$bits-${enc#*:}.pdf
    qpdf --allow-weak-crypto --encrypt "" owner "$bits" --use-aes=$aes -- --stream-data=preserve "$tmp/b.pdf" "$tmp/$name" 2>/dev/null ||
      qpdf --allow-weak-crypto --encrypt "" owner "$bits" -- --stream-data=preserve "$tmp/b.pdf" "$tmp/$name"
    check "$name is encrypted" "$(grep -ac '/Encrypt' "$tmp/$name")" 1
    run "a content stream decoding to 300 MiB (encrypted, $bits-bit ${enc#*:})" "$tmp/$name" 1 "jixiao: import: $name: object 4: $bomb"
    rm -f "$tmp/$name"
  done
  qpdf --encrypt "" owner 256 -- --stream-data=preserve "$tmp/p.pdf" "$tmp/page-aes256.pdf"
  run "a content stream decoding to 2 MiB (encrypted, AES-256): read" "$tmp/page-aes256.pdf" 1 \
    "jixiao: import: page-aes256.pdf: $nothing"
  rm -f "$tmp/b.pdf" "$tmp/p.pdf"
  # a real document of several streams, encrypted: it reads exactly as the plain
  # file (each stream decrypted to its /Length only: decrypting to the end of the
  # file spent the input budget by the third stream, "the PDF's streams overlap")
  real=${JIXIAO_FIXTURES:?}/blind/a_linping_2025.pdf
  "$bin" --db "$tmp/plain.db" import "$real" >/dev/null 2>&1
  "$bin" --db "$tmp/plain.db" export --format json | jq -S '[.forms[] | del(.id, .source, .file)]' >"$tmp/plain.json"
  for enc in 128:n 256:y; do
    qpdf --allow-weak-crypto --encrypt "" owner "${enc%:*}" --use-aes=${enc#*:} -- "$real" "$tmp/enc.pdf" 2>/dev/null ||
      qpdf --encrypt "" owner "${enc%:*}" -- "$real" "$tmp/enc.pdf"
    rm -f "$tmp/enc.db"
    "$bin" --db "$tmp/enc.db" import "$tmp/enc.pdf" >/dev/null 2>"$tmp/err"
    check "a real document encrypted ($enc): imports" "$? $(head -c 80 "$tmp/err")" "0 "
    "$bin" --db "$tmp/enc.db" export --format json | jq -S '[.forms[] | del(.id, .source, .file)]' >"$tmp/enc.json"
    check "a real document encrypted ($enc): the plain file's forms" "$(cmp -s "$tmp/plain.json" "$tmp/enc.json" && echo same)" same
  done
  check "the real document has forms" "$(jq length "$tmp/plain.json")" 1
  rm -f "$tmp/enc.pdf" "$tmp/enc.db" "$tmp/plain.db"
else
  echo "note: qpdf missing: object-stream and encrypted cases skipped"
fi

# ways past a text pre-scan that reads one dictionary per stream (each a bypass
# before: poppler decoded the 300 MiB); pdftotext reads each 2 MiB copy, so
# poppler does decode these streams
for how in xobj string decoy crypt; do
  "$tool" bomb 300 "$tmp/bomb-$how.pdf" $how || bad "pdf_tool bomb $how"
  run "a content stream decoding to 300 MiB ($how)" "$tmp/bomb-$how.pdf" 1 \
    "jixiao: import: bomb-$how.pdf: object $([ $how = string ] && echo 1 || echo 4): $bomb"
  rm -f "$tmp/bomb-$how.pdf"
  "$tool" bomb 2 "$tmp/page-$how.pdf" $how || bad "pdf_tool bomb 2 $how"
  run "a content stream decoding to 2 MiB ($how): read" "$tmp/page-$how.pdf" 1 "jixiao: import: page-$how.pdf: $nothing"
done
if command -v qpdf >/dev/null; then
  # an encrypted bomb with a decoy /ID, or a decoy /Encrypt, in a comment after
  # its end (the last one anywhere was taken: the wrong key, the bomb garbage)
  "$tool" bomb 300 "$tmp/b.pdf" plain
  qpdf --allow-weak-crypto --encrypt "" owner 128 --use-aes=n -- --stream-data=preserve "$tmp/b.pdf" "$tmp/rc4.pdf"
  { cat "$tmp/rc4.pdf"; printf '%% /ID [<00112233445566778899aabbccddeeff>]\n'; } > "$tmp/bomb-id.pdf"
  { cat "$tmp/rc4.pdf"; printf '%% /Encrypt << /Filter /Standard /V 2 /R 3 /O <00> /U <00> >>\n'; } > "$tmp/bomb-encrypt.pdf"
  for how in id encrypt; do
    run "an encrypted content stream decoding to 300 MiB (a decoy /$how)" "$tmp/bomb-$how.pdf" 1 \
      "jixiao: import: bomb-$how.pdf: object 4: $bomb"
  done
  # /StmF /Identity: an AES-128 file whose streams are not encrypted (the
  # pre-scan decrypted the plain bomb into garbage)
  qpdf --encrypt "" owner 128 --use-aes=y -- --stream-data=preserve "$tmp/b.pdf" "$tmp/aes.pdf"
  perl -e 'local $/; open my $p, "<:raw", $ARGV[0] or die; my $plain = <$p>;
    open my $e, "<:raw", $ARGV[1] or die; my $enc = <$e>;
    $plain =~ /\nstream\n(.*?)\nendstream/s or die "no stream"; my $data = $1;
    $enc =~ /4 0 obj\n<<[^\n]*?\/Length (\d+) >>\nstream\n/g or die "no object 4";
    my ($len, $at) = ($1, pos($enc));
    substr($enc, $at, $len) = $data;
    substr($enc, $-[1], length $len) = length $data;
    $enc =~ s{/StmF /StdCF}{/StmF /Identity} or die "no StmF";
    print $enc' "$tmp/b.pdf" "$tmp/aes.pdf" > "$tmp/bomb-identity.pdf" || bad "perl identity"
  check "the Identity bomb names Identity" "$(grep -ac '/StmF /Identity' "$tmp/bomb-identity.pdf")" 1
  run "a content stream decoding to 300 MiB (/StmF /Identity)" "$tmp/bomb-identity.pdf" 1 \
    "jixiao: import: bomb-identity.pdf: object 4: $bomb"
  rm -f "$tmp/b.pdf" "$tmp/rc4.pdf" "$tmp/aes.pdf" "$tmp"/bomb-*.pdf
fi

# the bomb with spaces after its "stream" keyword (poppler reads it so)
"$tool" bomb 300 "$tmp/b.pdf" plain || bad "pdf_tool bomb plain"
perl -0pe 's/\bstream\r?\n/stream  \n/g' "$tmp/b.pdf" > "$tmp/bomb-spaces.pdf"
check "the spaced bomb has its spaces" "$(grep -ac '^stream  $' "$tmp/bomb-spaces.pdf")" 1
run "a content stream decoding to 300 MiB (spaces after its stream keyword)" "$tmp/bomb-spaces.pdf" 1 \
  "jixiao: import: bomb-spaces.pdf: object 4: $bomb"
rm -f "$tmp/b.pdf" "$tmp/bomb-spaces.pdf"

# an /Encrypt dictionary cut inside a string (read past the file's end before)
printf '%%PDF-1.4\n/Encrypt <<(\\' > "$tmp/enc-cut.pdf"
run "an /Encrypt dictionary cut inside a string" "$tmp/enc-cut.pdf" 1 \
  "jixiao: import: enc-cut.pdf: not a readable PDF (damaged or truncated?): PDF document is damaged"

# 300,000 stream keywords (2 MB): the pre-scan is linear (it searched 64 KB
# back from each keyword before: 20 G byte compares); a CPU budget of 20 s
{ printf '%%PDF-1.4\n'; perl -e 'print "stream\n" x 300000'; } > "$tmp/keywords.pdf"
rc=0
( ulimit -t 20; exec "$bin" --db "$db" import "$tmp/keywords.pdf" ) >/dev/null 2>"$tmp/err" || rc=$?
check "300,000 stream keywords: exit" "$rc" 1
check "300,000 stream keywords: message" "$(head -1 "$tmp/err" | cut -c1-60)" "jixiao: import: keywords.pdf: not a readable PDF (damaged or"

# 10,000 streams whose /Filter refers to one object that 2 MB of spaces open: the
# spaces are skipped once, when the objects are indexed (by every reference before:
# 20 G bytes, over a minute); a CPU budget of 20 s
{ printf '%%PDF-1.4\n6 0 obj\n'; perl -e 'print " " x 2000000; print "/FlateDecode\nendobj\n";
  print "7 0 obj\n<< /Filter 6 0 R >>\nstream\nx\nendstream\nendobj\n" x 10000'; } > "$tmp/refs.pdf"
rc=0
( ulimit -t 20; exec "$bin" --db "$db" import "$tmp/refs.pdf" ) >/dev/null 2>"$tmp/err" || rc=$?
check "10,000 references to a far object: exit" "$rc" 1
check "10,000 references to a far object: message" "$(head -1 "$tmp/err" | cut -c1-56)" "jixiao: import: refs.pdf: not a readable PDF (damaged or"

# the same with the spaces inside the /Filter array the object holds: the
# array is resolved once (skipped again by every reference before: over a minute)
{ printf '%%PDF-1.4\n6 0 obj\n['; perl -e 'print " " x 2000000; print "/FlateDecode]\nendobj\n";
  print "7 0 obj\n<< /Filter 6 0 R >>\nstream\nx\nendstream\nendobj\n" x 10000'; } > "$tmp/arefs.pdf"
rc=0
( ulimit -t 20; exec "$bin" --db "$db" import "$tmp/arefs.pdf" ) >/dev/null 2>"$tmp/err" || rc=$?
check "10,000 references to a far array: exit" "$rc" 1
check "10,000 references to a far array: message" "$(head -1 "$tmp/err" | cut -c1-57)" "jixiao: import: arefs.pdf: not a readable PDF (damaged or"
rm -f "$tmp/arefs.pdf" "$tmp/refs.pdf" "$tmp/keywords.pdf"

# under the limits: read to the end (and nothing in them is a form)
"$tool" dense 90000 "$tmp/dense90k.pdf" || bad "pdf_tool dense"
run "a page of 90,000 characters: read" "$tmp/dense90k.pdf" 1 "jixiao: import: dense90k.pdf: $nothing"
"$tool" lines 4500 "$tmp/lines4500.pdf" || bad "pdf_tool lines"
run "a page of 4,500 rules: read" "$tmp/lines4500.pdf" 1 "jixiao: import: lines4500.pdf: $nothing"

if [ -f "$db" ] && command -v sqlite3 >/dev/null; then
  check "refused PDFs leave the database empty" "$(sqlite3 "$db" 'select count(*) from files')" 0
fi
exit $fail
