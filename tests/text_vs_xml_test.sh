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

# The answer key's errata (bench/xml_errata.tsv): a listed slip is corrected
# in the key, the named element only; a slip that is not there, or not a
# preambular crossHeading, is an error, never a guess.
python3 - "$top/bench/text_vs_xml" "$top/bench/xml_errata.tsv" <<'PY'
import importlib.machinery, importlib.util, sys
loader = importlib.machinery.SourceFileLoader("tvx", sys.argv[1])
tvx = importlib.util.module_from_spec(importlib.util.spec_from_loader("tvx", loader))
loader.exec_module(tvx)
slip = '<crossHeading refersTo="#preamble" eId="preamble_7"><span class="bold">决定</span>继续审议；</crossHeading>'
x = ('<preamble><crossHeading refersTo="#preamble" eId="preamble_1">回顾，</crossHeading></preamble>'
     '<section>' + slip + '<crossHeading refersTo="#preamble" eId="preamble_70">注意到，</crossHeading>'
     '<crossHeading eId="crossHeading_3">一</crossHeading></section>')
want = x.replace(slip, '<paragraph eId="preamble_7"><content><p><span class="bold">决定</span>继续审议；</p></content></paragraph>')
got = tvx.corrected(x, "preamble_7")
assert got == want, got
for bad in ("preamble_9", "preamble_", "crossHeading_3"):
    try:
        tvx.corrected(x, bad)
    except ValueError:
        continue
    raise SystemExit("text_vs_xml_test: corrected a slip that is not there: " + bad)
errata = tvx.load_errata(sys.argv[2])
assert errata and all(w == "paragraph" and e.startswith("preamble_") and ev
                      for v in errata.values() for e, w, ev in v), errata
PY
