#!/bin/sh
# render_pdf.sh: an Akoma Ntoso resolution typeset as the UN prints it, printed
# to PDF by headless Chromium and extracted by poppler's pdftotext.
#
# Usage: sh bench/render_pdf.sh [--seed N] FILE.xml OUTDIR
#
# Writes, for FILE.xml (say 75_277_C.xml):
#   OUTDIR/75_277_C.html         bench/render_akn.py --html (written last): A4 pages, the
#                                header block, bold leads, footnotes at the
#                                foot of the page, running heads and footers
#   OUTDIR/75_277_C.pdf          printed by headless Chromium
#   OUTDIR/75_277_C.txt          pdftotext (default mode)
#   OUTDIR/75_277_C.layout.txt   pdftotext -layout
# and prints the seconds each step took on stderr.
#
# Needs (Debian): chromium, fonts-noto-cjk, poppler-utils:
#   apt-get install -y chromium fonts-noto-cjk poppler-utils
set -eu

seed=0
if [ "${1:-}" = "--seed" ]; then
  seed=$2
  shift 2
fi
if [ $# -ne 2 ]; then
  echo "usage: sh bench/render_pdf.sh [--seed N] FILE.xml OUTDIR" >&2
  exit 2
fi
xml=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)

chrome=
for c in chromium chromium-browser google-chrome; do
  if command -v "$c" >/dev/null 2>&1; then
    chrome=$c
    break
  fi
done
if [ -z "$chrome" ] || ! command -v pdftotext >/dev/null 2>&1; then
  echo "render_pdf.sh: needs chromium and pdftotext: apt-get install -y chromium fonts-noto-cjk poppler-utils" >&2
  exit 3
fi
if command -v fc-list >/dev/null 2>&1 && ! fc-list | grep -qi 'Noto.*CJK'; then
  echo "render_pdf.sh: warning: no Noto CJK font (apt-get install -y fonts-noto-cjk)" >&2
fi

mkdir -p "$out"
name=$(basename "$xml" .xml)
html=$out/$name.html
pdf=$out/$name.pdf
profile=$(mktemp -d "${TMPDIR:-/tmp}/render_pdf.XXXXXX")
trap 'rm -rf "$profile"' EXIT INT TERM

now() { date +%s.%N; }
t0=$(now)
# The HTML is what a cache checks its PDF and extractions against
# (bench/text_vs_xml): it is put in place last, once both extractions are
# whole, so that a render cut short (killed, out of disk) leaves no HTML
# that vouches for half-written text.  Until then it is a hidden file
# beside the rest, named .html for Chromium.
rm -f "$html"
tmp_html=$out/.$name.tmp.html
python3 "$here/render_akn.py" --html --seed "$seed" -o "$tmp_html" "$xml"
t1=$(now)
# file:// of an absolute path
case $tmp_html in
  /*) url=file://$tmp_html ;;
  *) url=file://$(pwd)/$tmp_html ;;
esac
rm -f "$pdf"
# Chromium writes its PDF and exits; its chatter (D-Bus, GPU) goes to a log.
timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$pdf" "$url" \
  >"$profile/chromium.log" 2>&1 || true
if [ ! -s "$pdf" ]; then
  echo "render_pdf.sh: $xml: Chromium wrote no PDF:" >&2
  tail -5 "$profile/chromium.log" >&2
  exit 1
fi
t2=$(now)
pdftotext -enc UTF-8 "$pdf" "$out/$name.txt"
pdftotext -enc UTF-8 -layout "$pdf" "$out/$name.layout.txt"
mv "$tmp_html" "$html"
t3=$(now)
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v n="$name" 'BEGIN {
  printf "render_pdf.sh: %s: html %.2f s, chromium %.2f s, pdftotext x2 %.2f s, total %.2f s\n", n, b - a, c - b, d - c, d - a
}' >&2
