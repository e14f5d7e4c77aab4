#!/usr/bin/env bash
# The browser tests need Debian's Chromium and a CJK font; PDF checks need pdftotext; with the
# argument `bench`, the benchmark's load generator wrk too.
# Installs them when missing (this project's machines run as root; elsewhere sudo is tried).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# grep reads all of fc-list's output: with -q it would quit early and pipefail would count fc-list's SIGPIPE as "missing"
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || need+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ "${1:-}" = bench ]; then command -v wrk >/dev/null 2>&1 || need+=(wrk); fi
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing system packages for the tests: ${need[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${need[@]}" >/dev/null
