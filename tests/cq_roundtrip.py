#!/usr/bin/env python3
"""Provenance round trip for CQ17, independent of unkg's own normaliser.

Reads `unkg query --format tsv` rows of (?file ?begin ?end ?text) on stdin,
takes bytes [begin, end) of CORPUS_DIR/file, normalises them by the rules
README.md states, and checks that this gives the paragraph's text.  Prints
one line per mismatch and `N passed, N failed`; exits 1 on any mismatch.

The rules, written again here from their description (not from
src/normalise.c), so that the check means something:
  - running heads and footers (the document symbol, "17-13452 2/47") and
    blank lines are dropped; a footnote body that stands inside the span
    (a line opening with a superscript marker) is dropped too;
  - superscript footnote markers and the markup leftover ** are dropped;
  - lines are joined: without a space when either side is Chinese, with one
    between Latin words; spaces next to a Chinese character are dropped;
  - full-width digits and letters are folded to ASCII, and
    numbers spaced in thousands ("1 100") are closed up.
"""
import re
import sys

SUPERSCRIPTS = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
RUNNING_HEAD = re.compile(
    r"^\s*(?:[A-Z]+(?:/[A-Z0-9.]+)+|\d{2}-\d{5}(?:\s+\d+/\d+)?|\d+/\d+|\d{2}-\d{5}\s*\(C\))\s*$")


def is_cjk(ch):
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F
            or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F or 0x20000 <= o <= 0x3FFFD
            or ch in "\u201c\u201d\u2018\u2019\u2014\u2026\u00b7")


def fold(text):
    """Full-width digits and letters only: full-width punctuation is Chinese."""
    def one(c):
        o = ord(c)
        if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
            return chr(o - 0xFEE0)
        return c
    return "".join(one(c) for c in text)


def normalise(raw):
    lines = []
    for line in raw.split("\n"):
        line = line.rstrip("\r")
        if not line.strip() or RUNNING_HEAD.match(line):
            continue
        if line.lstrip() and line.lstrip()[0] in SUPERSCRIPTS and lines:
            continue  # a footnote body inside the paragraph's span
        lines.append(line.strip())
    out = ""
    for line in lines:
        if out and line and not (is_cjk(out[-1]) or is_cjk(line[0])):
            out += " "
        out += line
    out = re.sub("[" + SUPERSCRIPTS + "]", "", out)
    out = out.replace("**", "")
    out = fold(out)
    out = re.sub(r"[ \t\u00a0]+", " ", out)
    # spaces next to a Chinese character
    chars = list(out)
    kept = []
    for i, c in enumerate(chars):
        if c == " ":
            prev = kept[-1] if kept else ""
            nxt = chars[i + 1] if i + 1 < len(chars) else ""
            if not prev or not nxt or is_cjk(prev) or is_cjk(nxt):
                continue
        kept.append(c)
    out = "".join(kept)
    out = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", "", out)
    return out.strip()


def unescape(term):
    """A TSV term: "text"@zh, "text"^^<dt>, or a bare number."""
    m = re.match(r'^"(.*)"(?:@[A-Za-z-]+|\^\^<[^>]*>)?$', term)
    if not m:
        return term
    return re.sub(r'\\(.)', lambda e: {"n": "\n", "t": "\t", "r": "\r"}.get(e.group(1), e.group(1)),
                  m.group(1))


def main():
    corpus = sys.argv[1]
    rows = sys.stdin.read().split("\n")
    header, rows = rows[0], [r for r in rows[1:] if r]
    if header.split("\t") != ["?file", "?begin", "?end", "?text"]:
        print("unexpected columns: " + header)
        return 1
    passed = failed = 0
    cache = {}
    for row in rows:
        f, b, e, t = row.split("\t")
        name, begin, end, text = unescape(f), int(unescape(b)), int(unescape(e)), unescape(t)
        if name not in cache:
            with open(corpus + "/" + name, "rb") as fh:
                cache[name] = fh.read()
        data = cache[name]
        ok = 0 <= begin < end <= len(data)
        got = normalise(data[begin:end].decode("utf-8", "replace")) if ok else "(offsets outside the file)"
        if ok and got == text:
            passed += 1
        else:
            failed += 1
            print("FAIL: %s [%d, %d)\n  graph:  %s\n  source: %s" % (name, begin, end, text, got))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
