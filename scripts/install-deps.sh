#!/usr/bin/env bash
# Installs the Debian packages jixiao needs to build and test, if any is missing.
# Idempotent: does nothing (and needs no network) when everything is present.
set -euo pipefail
pkgs=(build-essential cmake pkg-config
      libsqlite3-dev sqlite3 libjansson-dev libutf8proc-dev libcmocka-dev
      nettle-dev jq
      libxlsxwriter-dev libzip-dev libexpat1-dev libreoffice-calc-nogui
      libmicrohttpd-dev zlib1g-dev curl libargon2-dev openssl chromium fonts-wqy-microhei nodejs
      time wrk clang libclang-rt-14-dev
      python3-jieba    # its dict.txt: the word list of the text-quality rule (lib/rules/wordlist.c)
      libpoppler-glib-dev libcairo2-dev poppler-utils qpdf libreoffice-writer-nogui   # PDF (issue 12)
      libpq-dev postgresql)   # the PostgreSQL store backend; the server for tests/cli_postgres.sh (issue 15)
# npm for the browser tests' puppeteer-core: Debian's, unless nodejs already brings its own.
command -v npm >/dev/null 2>&1 || pkgs+=(npm)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}"
