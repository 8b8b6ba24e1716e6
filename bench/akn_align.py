#!/usr/bin/env python3
"""How the language files of one resolution line up, paragraph by paragraph,
where their paragraph IRIs differ (issue 12, item 3).

Usage: akn_align.py OUTDIR [-v]

OUTDIR holds unkg's N-Triples export (unkg export -f ntriples) of the
language files of one or more sessions.  unkg reads each file on its own, so
a paragraph's IRI comes from its own file's numbers and positions (pp/N, op/N,
annex/N/M, fn/N).  Where a file has the English file's IRIs, the paragraph
nodes are shared; where it does not, this script aligns its paragraphs with
the English file's, by position and number, not by eId: a dynamic programme
over the paragraphs in document order (unkg:position; footnotes after the
rest, by marker) that scores a pair by

  - the same IRI (2), else the same kind of part (pp, op, annex, fn,
    text: 1, 1.5 with the same number), else 0.5 for a preambular,
    operative or unnumbered paragraph against another of these (a file that
    has a paragraph in the preamble that another has in the body);
  - what the two texts share that no translation changes: the numbers they
    contain (resolution symbols, years, article numbers; Eastern Arabic
    digits read as digits), as a Jaccard overlap (up to 3);
  - 1 more when both open with the same lead verb (unkg:leadVerb, the same
    concept of verbs.ttl): what tells apart paragraphs without numbers;

and lets a paragraph of one file stand alone (a gap) at a cost of 1.  Pairs
whose score is below 1 are not taken, and a pair more than 40 paragraphs
off the diagonal is not considered.  Printed per language:

  - paragraphs with the English file's IRI (the same node);
  - paragraphs aligned with an English paragraph of another IRI (the same
    paragraph under another IRI: what a reader that knew the other files
    would rename);
  - paragraphs that could not be aligned (only in one of the two files:
    the file really differs, or the texts share nothing to align by);

and the paragraph nodes that carry the text of every language file of
their resolution, by IRI (the export) and once aligned.  -v lists every
paragraph that could not be aligned (ALONE lines) and every renamed pair
(MOVED lines).  Standard library only.
"""
import collections
import glob
import os
import re
import sys

U = "https://w3id.org/unkg/ontology#"
TRIPLE = re.compile(r'^<([^>]*)> <([^>]*)> (<[^>]*>|"(?:[^"\\]|\\.)*"(?:@[a-z-]+|\^\^<[^>]*>)?) \.$')
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def unescape(lit):
    body = lit[1:lit.rindex('"')]
    return body.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8") \
        if "\\" in body else body


def load(path):
    """(work IRI, language, {part path: (position, ordinal, text, lead verb)})."""
    parts = collections.defaultdict(dict)
    work = lang = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = TRIPLE.match(line.rstrip("\n"))
            if not m:
                continue
            s, p, o = m.groups()
            if p == U + "hasExpression":
                work = s
            elif p == "http://purl.org/dc/terms/language":
                lang = o.strip("<>").rstrip("/").rsplit("/", 1)[-1] if o.startswith("<") else unescape(o)
            elif p in (U + "position", U + "ordinal", U + "text", U + "hasSpan", U + "leadVerb"):
                parts[s][p.rsplit("#", 1)[1]] = o
    if work is None:
        return None
    prefix = work + "/"
    out = {}
    for s, d in parts.items():
        if s.startswith(prefix) and "hasSpan" in d:
            pos = int(unescape(d["position"])) if "position" in d else None
            ordinal = unescape(d["ordinal"]) if "ordinal" in d else None
            out[s[len(prefix):]] = (pos, ordinal, unescape(d["text"]) if "text" in d else "",
                                    d.get("leadVerb"))
    return work, lang, out


def kind(path):
    k = path.split("/", 1)[0]
    return "annex" if k == "annex" else k


def number(path):
    """The last number of a path: pp/5 -> 5, op/3-2 -> 3, annex/1/text/4 -> 4."""
    m = re.findall(r"\d+", path)
    return m[-1] if m else None


def numbers(text):
    return set(re.findall(r"\d+", text.translate(DIGITS)))


def order(parts):
    """Paths in document order: by position; footnotes (no position) after,
    by their number."""
    return sorted(parts, key=lambda p: (parts[p][0] is None, parts[p][0] or 0,
                                        int(number(p) or 0), p))


def score(a, na, b, nb, va=None, vb=None):
    if a == b:
        s = 2.0  # less than what the texts share: the IRI is what may be off
    elif kind(a) == kind(b):
        s = 1.5 if number(a) == number(b) else 1.0
    elif {kind(a), kind(b)} <= {"pp", "op", "text"}:
        s = 0.5  # a paragraph one file has in the preamble, another in the body
    else:
        return -9.0  # a footnote is not an annex paragraph
    if na or nb:
        s += 3 * len(na & nb) / len(na | nb)
    if va and va == vb:
        s += 1.0  # the same lead verb: what numbers cannot say
    return s


def align(la, A, lb, B):
    """Pairs (a or None, b or None) of the two ordered path lists."""
    n, m = len(la), len(lb)
    GAP = -1.0
    BAND = 40  # the files differ by a few paragraphs, not by hundreds
    NA = [numbers(A[p][2]) for p in la]
    NB = [numbers(B[p][2]) for p in lb]
    NEG = float("-inf")
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        best[i][0], move[i][0] = best[i - 1][0] + GAP, 1
    for j in range(1, m + 1):
        best[0][j], move[0][j] = best[0][j - 1] + GAP, 2
    for i in range(1, n + 1):
        centre = i * m // n
        for j in range(1, m + 1):
            if abs(j - centre) > BAND + abs(n - m):
                best[i][j], move[i][j] = NEG, 1
                continue
            sc = score(la[i - 1], NA[i - 1], lb[j - 1], NB[j - 1], A[la[i - 1]][3], B[lb[j - 1]][3])
            c = [(best[i - 1][j - 1] + sc if sc >= 1 else NEG, 0),
                 (best[i - 1][j] + GAP, 1), (best[i][j - 1] + GAP, 2)]
            best[i][j], move[i][j] = max(c)
    out = []
    i, j = n, m
    while i or j:
        mv = move[i][j]
        if mv == 0:
            out.append((la[i - 1], lb[j - 1]))
            i, j = i - 1, j - 1
        elif mv == 1:
            out.append((la[i - 1], None))
            i -= 1
        else:
            out.append((None, lb[j - 1]))
            j -= 1
    return out[::-1]


def short(t, k=60):
    t = re.sub(r"\s+", " ", t).strip()
    return t[:k] + ("…" if len(t) > k else "")


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv[1:]
    if len(args) != 1:
        sys.exit(__doc__)
    works = collections.defaultdict(dict)  # work -> lang -> (file, parts)
    for path in sorted(glob.glob(os.path.join(args[0], "*.nt"))):
        r = load(path)
        if r and r[1]:
            works[r[0]][r[1]] = (os.path.basename(path), r[2])
    same = collections.Counter()
    moved = collections.Counter()
    alone = collections.Counter()   # (lang, "only lang" | "only en")
    pairs_differ = collections.Counter()
    lines = []
    nodes_iri = nodes_al = full_iri = full_al = 0
    for w in sorted(works):
        d = works[w]
        if "en" not in d or len(d) < 2:
            continue
        en_file, en = d["en"]
        # IRI nodes: every path some file has.
        every = set().union(*(parts for _, parts in d.values()))
        nodes_iri += len(every)
        full_iri += sum(1 for p in every if all(p in parts for _, parts in d.values()))
        # Aligned nodes: the English paragraphs, each with the languages that
        # have it (by IRI or aligned), plus what no English paragraph takes.
        have = {p: 1 for p in en}
        extra = 0
        for lang, (f, parts) in sorted(d.items()):
            if lang == "en":
                continue
            if set(parts) == set(en):
                same[lang] += len(parts)
                for p in parts:
                    have[p] += 1
                continue
            pairs_differ[lang] += 1
            for a, b in align(order(parts), parts, order(en), en):
                if a and b:
                    have[b] += 1
                    if a == b:
                        same[lang] += 1
                    else:
                        moved[lang] += 1
                        lines.append(f"  MOVED {f}: {a} = en {b}")
                elif a:
                    alone[(lang, "only")] += 1
                    extra += 1
                    lines.append(f"  ALONE {f}: {a} (not in {en_file}) {short(parts[a][2])!r}")
                else:
                    alone[(lang, "missing")] += 1
                    lines.append(f"  ALONE {f}: lacks en {b} {short(en[b][2])!r}")
        k = len(d)
        nodes_al += len(en) + extra
        full_al += sum(1 for p in en if have[p] == k)
    langs = sorted({l for d in works.values() for l in d if l != "en"})

    def pct(a, b):
        return f"{100.0 * a / b:.2f}%" if b else "-"

    print("Paragraph alignment with the English file (by position and number, not eId)")
    print(f"{'lang':6}{'differ':>8}{'same IRI':>10}{'other IRI':>11}{'only lang':>11}{'only en':>9}")
    for l in langs:
        print(f"{l:6}{pairs_differ[l]:>8}{same[l]:>10}{moved[l]:>11}{alone[(l, 'only')]:>11}"
              f"{alone[(l, 'missing')]:>9}")
    print(f"  (differ: resolutions whose file does not give the English file's IRIs;"
          f" other IRI: aligned with an English paragraph of another IRI;"
          f" only: could not be aligned)")
    print(f"  paragraph nodes with the text of every language file: by IRI {full_iri}/{nodes_iri}"
          f" ({pct(full_iri, nodes_iri)}); aligned {full_al}/{nodes_al} ({pct(full_al, nodes_al)})")
    if verbose:
        for line in lines:
            print(line)


if __name__ == "__main__":
    main()
