#!/usr/bin/env python3
"""Where the rendered lines end, against what the text reader can see.

Reads the HTML that bench/render_pdf.sh typeset (kept by bench/text_vs_xml
--cache DIR, under DIR/pdf-0) and pdftotext's output of it, and counts, for
each comma-ended line of full-width text before a line that opens with a
full-width character, whether the renderer wrapped it (class "l j") or
ended its paragraph there (class "l"), by whether the line had room for the
next line's first unit at the document's width (the measure of
src/normalise.c, at_brim).  With Akoma Ntoso directories it also counts, in
the preambles, what follows a lead phrase that opens a paragraph after a
comma-ended one and a lead after a comma inside a paragraph (这/它: the lead's
object points back).  Figures quoted in docs/text-vs-xml.md.

    python3 bench/render_margins.py --cache /tmp/pdfc [--layout txt|layout.txt] [AKN_DIR ...]
    python3 bench/render_margins.py --runs AKN_DIR ...   # the order of the leads
"""
import argparse
import collections
import glob
import html
import os
import re
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
CLOSE = "，。、；：）》！？"


def width(ch):
    o = ord(ch)
    wide = (0x1100 <= o <= 0x115F or 0x2E80 <= o <= 0xA4CF or 0xAC00 <= o <= 0xD7A3
            or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFF60
            or 0xFFE0 <= o <= 0xFFE6)
    return 2 if wide else 1


def w(s):
    return sum(width(ch) for ch in s)


def plain(ch):
    """Full-width, and not a quote or dash the font may set either way."""
    return width(ch) == 2 and not 0x2010 <= ord(ch) <= 0x206F


def margins(cache, layout, dirs):
    c = collections.Counter()
    verbs, mods = leads()
    xmls = {os.path.basename(x)[:-4]: x for d in dirs for x in glob.glob(os.path.join(d, "*.xml"))}
    for f in sorted(glob.glob(os.path.join(cache, "pdf-0", "*.html"))):
        x = xmls.get(os.path.basename(f)[:-5])
        pre = []
        if x:
            r = ET.parse(x).getroot()
            pre = [text_of(p) for s in r.iter(NS + "preamble") for p in s.iter(NS + "p")]
        t = open(f, encoding="utf-8").read()
        kinds = {}
        for j, x in re.findall(r'<div class="l( j)?">(.*?)</div>', t):
            x = re.sub(r"<sup>.*?</sup>", "", x)
            x = html.unescape(re.sub(r"<[^>]+>", "", x))
            kinds.setdefault(re.sub(r"\s", "", x), set()).add(bool(j))
        txt = f[:-5] + "." + layout
        if not os.path.exists(txt):
            continue
        lines = [l.strip() for l in open(txt, encoding="utf-8")]
        ws = sorted(w(x) for x in lines if x and " " not in x)
        if len(ws) < 10:
            continue
        page = ws[(len(ws) - 1) * 9 // 10]  # the reader's page width: 90th percentile
        for a, b in zip(lines, lines[1:]):
            if not a.endswith("，") or not b or not all(plain(ch) for ch in a) or not plain(b[0]):
                continue
            k = kinds.get(re.sub(r"\s", "", a))
            if not k or len(k) != 1:
                continue  # not found, or the same text both ways
            unit = 2
            for ch in b[1:]:
                if ch not in CLOSE:
                    break
                unit += 2
            where = "at the margin" if w(a) + unit > page else "short of it"
            what = "wrapped" if k.pop() else "paragraph end"
            c[(where, what)] += 1
            tail = re.sub(r"\s", "", a)[-12:]
            if where == "at the margin" and lead_end(b.replace(" ", ""), verbs, mods) is not None \
                    and any(tail in p for p in pre):
                c[(where + ", preamble, a lead next", what)] += 1
    return c


def leads():
    t = open(os.path.join(HERE, "..", "ontology", "verbs.ttl"), encoding="utf-8").read()
    verbs, mods = set(), set()
    for m in re.finditer(r"unkg:(preambularForm|operativeForm|prefixForm|alsoForm)\s+([^;.]*?)\s*[;.]\s*$", t, re.M):
        for f in re.findall(r'"([^"]+)"@zh', m.group(2)):
            (mods if m.group(1) == "prefixForm" else verbs).add(f)
    verbs.update(re.findall(r'skos:altLabel\s+"([^"]+)"@zh', t))
    return sorted(verbs, key=len, reverse=True), sorted(mods, key=len, reverse=True)


def lead_end(s, verbs, mods):
    at = 0
    for _ in range(3):
        v = next((v for v in verbs if s.startswith(v, at)), None)
        if v:
            return at + len(v)
        m = next((m for m in mods if s.startswith(m, at)), None)
        if not m:
            return None
        at += len(m)
    return None


def text_of(p):
    out = []

    def rec(x, top):
        if x.tag == NS + "authorialNote":
            out.append(x.tail or "")
            return
        out.append(x.text or "")
        for y in x:
            rec(y, False)
        if not top:
            out.append(x.tail or "")
    rec(p, True)
    return re.sub(r"\s+", "", "".join(out))


def pointing_back(dirs):
    verbs, mods = leads()
    opens, inside = collections.Counter(), collections.Counter()
    for d in dirs:
        for x in sorted(glob.glob(os.path.join(d, "*.xml"))):
            r = ET.parse(x).getroot()
            ps = [text_of(p) for s in r.iter(NS + "preamble") for p in s.iter(NS + "p")]
            for k, p in enumerate(ps):
                if k and ps[k - 1].endswith("，"):
                    e = lead_end(p, verbs, mods)
                    if e is not None:
                        opens["all"] += 1
                        opens["这/它"] += p[e:e + 1] in ("这", "它")
                for m in re.finditer("，", p[:-1]):
                    e = lead_end(p[m.end():], verbs, mods)
                    if e is not None:
                        inside["all"] += 1
                        inside["这/它"] += p[m.end() + e:m.end() + e + 1] in ("这", "它")
    return opens, inside


def runs(dirs):
    """The order of the leads in the preambles (src/segment.c, at the
    margin): how often a lead opens a paragraph after one that ended with a
    comma ("open") or follows a comma inside one ("in"), by what stands
    before it.  又V and 还V are matched as the lead's first word and the rest
    of the lead phrase; V is the lead phrase without 又 or 还."""
    verbs, mods = leads()

    def lead(s):
        e = lead_end(s, verbs, mods)
        return None if e is None else s[:e]

    def split(l):
        for p in ("又", "还"):
            if l.startswith(p):
                return p, l[len(p):]
        return "", l

    c = collections.Counter()
    for d in dirs:
        for x in sorted(glob.glob(os.path.join(d, "*.xml"))):
            r = ET.parse(x).getroot()
            ps = [p for p in (text_of(p) for s in r.iter(NS + "preamble") for p in s.iter(NS + "p")) if p]
            heads = [lead(p) or "" for p in ps]
            for k, p in enumerate(ps):
                cur = [(ps[k - 1], heads[k - 1], k - 1, "open")] if k and ps[k - 1].endswith("，") else []
                cur += [(p[:m.end()], heads[k], k, "in") for m in re.finditer("，", p[:-1])]
                for before, chead, ck, kind in cur:
                    rest = p if kind == "open" else p[len(before):]
                    L = lead(rest)
                    if not L or not chead:
                        continue
                    m, v = split(L)
                    cm, cv = split(chead)
                    earlier = [split(h) for h in heads[:ck] if h] + [(cm, cv)]
                    if m == "又":
                        c[("又V", "after V" if cv == v else "no V right before", kind)] += 1
                    elif m == "还":
                        ok = any(vv == v and mm == "又" for mm, vv in earlier)
                        c[("还V", "after 又V" if ok else "no 又V before", kind)] += 1
                    elif v == cv and not L.startswith(("在这方面", "同时")):
                        c[("V again", "after 还V" if cm == "还" else "after V or 又V", kind)] += 1
                    if L.startswith("同时"):
                        c[("同时V", "", kind)] += 1
                    for w in ("鼓励", "希望"):
                        if v == w:
                            c[(w, "(又, 还 or none before it)", kind)] += 1
            # a lead between V and the paragraph that resumes V's run
            for k in range(len(ps) - 1):
                if not heads[k]:
                    continue
                m, v = split(heads[k])
                if m == "还":
                    continue
                again = ("还" if m == "又" else "又") + v
                if ps[k].endswith("，") and k + 2 < len(ps) and heads[k + 1] and heads[k + 2] == again \
                        and split(heads[k + 1])[1] != v:
                    c[("lead between", m + "V and " + again[0] + "V", "open")] += 1
                inner = [mm.end() for mm in re.finditer("，", ps[k][:-1]) if lead(ps[k][mm.end():])]
                if inner and heads[k + 1] == again and split(lead(ps[k][inner[-1]:]))[1] != v:
                    c[("lead between", m + "V and " + again[0] + "V", "in")] += 1
    return c


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", help="the --cache directory of bench/text_vs_xml")
    ap.add_argument("--layout", default="txt", choices=["txt", "layout.txt"])
    ap.add_argument("--runs", action="store_true",
                    help="only the order of the leads in the Akoma Ntoso preambles (no --cache needed)")
    ap.add_argument("akn", nargs="*", help="Akoma Ntoso directories (the lead counts)")
    a = ap.parse_args()
    if a.runs:
        c = runs(a.akn)
        for what, where in sorted(set((w, x) for w, x, _ in c)):
            print("%-12s %-28s opens %5d  inside %5d" % (what, where, c[(what, where, "open")], c[(what, where, "in")]))
        return
    if not a.cache:
        ap.error("--cache is needed without --runs")
    for (where, what), n in sorted(margins(a.cache, a.layout, a.akn).items()):
        print("comma-ended line %-38s %-14s %6d" % (where, what, n))
    if a.akn:
        opens, inside = pointing_back(a.akn)
        print("preamble leads after a comma-ended paragraph: %d, 这/它 after the lead %d" % (opens["all"], opens["这/它"]))
        print("preamble leads after a comma inside a paragraph: %d, 这/它 after the lead %d" % (inside["all"], inside["这/它"]))


if __name__ == "__main__":
    main()
