#!/bin/sh
# The text reader against the UN's own XML (issue 11), on a fixed sample:
# fourteen Chinese resolutions of the 75th and 76th sessions (a Fourth
# Committee report line, one without its report, an annex, a part issued
# alone, emergency and other special sessions, 22 footnotes, a single
# unnumbered operative paragraph, a resolution in parts, Fifth Committee
# sections, a page of soft line ends, short plenary ones, one whose header
# block pdftotext prints after the text),
# each read in three layouts: the simulated extraction (bench/render_akn.py,
# rendered here) and the real pdftotext output, default and -layout, of the
# resolution typeset by bench/render_pdf.sh (Chromium, fonts-noto-cjk,
# poppler) and kept in tests/fixtures/tvx/pdf-0 so that no browser is needed
# here.  The floors are the agreement reached when they were set; the full
# run over 630 resolutions is the benchmark (docs/text-vs-xml.md).
set -eu
top=${UNKG_TOP_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
bin=${UNKG_BIN:-$top/src/unkg}
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-tvx.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -r "$top/tests/fixtures/tvx/pdf-0" "$tmp/"
python3 "$top/bench/text_vs_xml" "$top"/tests/fixtures/tvx/*.xml \
  --layout simulated --layout pdftotext --layout pdftotext-layout \
  --cache "$tmp" --unkg "$bin" --worst 3 \
  --min-facts 100 --min-paragraphs 90 --min-cites 94
