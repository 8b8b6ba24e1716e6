#!/usr/bin/env python3
"""A lead after a comma in the preambles of Akoma Ntoso resolutions: where
it opens a paragraph (the paragraph before ends with "，") and where it goes
on one ("…，承认…" inside a paragraph), by what the text reader can see.

Print cannot tell the two apart when the comma ends a full line: pdftotext
keeps no blank line, no indent (docs/text-vs-xml.md, "The comma at the
margin").  Each such pair is a case the reader may meet at the margin; this
counts them in the answer key, by the features a rule could use.

    python3 bench/comma_leads.py AKN_DIR ...              # the tables
    python3 bench/comma_leads.py --features AKN_DIR ...   # and what else a rule could use
    python3 bench/comma_leads.py --list AKN_DIR ...       # every case, one a line
"""
import argparse
import collections
import glob
import os
import re
import xml.etree.ElementTree as ET

from render_margins import text_of  # an element's text, notes left out, no blanks

HERE = os.path.dirname(os.path.abspath(__file__))
NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def lexicon():
    """The Chinese lead forms of ontology/verbs.ttl: verb form -> (concept,
    preambular?), modifier form -> concept, and the concepts marked
    unkg:goesOnAfterComma."""
    t = open(os.path.join(HERE, "..", "ontology", "verbs.ttl"), encoding="utf-8").read()
    verbs, mods, goes_on = {}, {}, set()
    for m in re.finditer(r"^unkgv:(\S+) a ([^;]*?);(.*?)\.\s*$", t, re.M | re.S):
        name, kind, body = m.group(1), m.group(2), m.group(3)
        for p, forms in re.findall(r"(unkg:\w+|skos:\w+)\s+((?:\"[^\"]*\"@\w+\s*,?\s*)+)", body):
            for f in re.findall(r'"([^"]+)"@zh', forms):
                if "LeadModifier" in kind:
                    if p == "unkg:prefixForm":
                        mods[f] = name
                elif p in ("unkg:preambularForm", "unkg:operativeForm", "skos:altLabel", "skos:prefLabel"):
                    old = verbs.get(f)
                    verbs[f] = (name, p != "unkg:operativeForm" or bool(old and old[1]))
    for m in re.finditer(r"^unkgv:(\S+) unkg:goesOnAfterComma true", t, re.M):
        goes_on.add(m.group(1))
    return verbs, mods, goes_on


class Lex:
    def __init__(self):
        self.verbs, self.mods, self.goes_on = lexicon()
        self.vf = sorted(self.verbs, key=len, reverse=True)
        self.mf = sorted(self.mods, key=len, reverse=True)

    def mods_first(self, s):
        """The concept of the modifier s opens with."""
        m = next((m for m in self.mf if s.startswith(m)), None)
        return self.mods[m] if m else None

    def lead_mod_comma(self, s):
        """Does s open with a modifier form set off by a comma?"""
        m = next((m for m in self.mf if s.startswith(m)), None)
        return bool(m) and (m.endswith("，") or s[len(m):len(m) + 1] == "，")

    def lead(self, s):
        """(modifiers, verb concept, verb form, end) of the lead at the start
        of s, or None: up to two modifiers, then a verb form (longest)."""
        at, ms = 0, []
        for _ in range(3):
            v = next((v for v in self.vf if s.startswith(v, at)), None)
            if v:
                return ms, self.verbs[v][0], v, at + len(v)
            m = next((m for m in self.mf if s.startswith(m, at)), None)
            if not m:
                return None
            ms.append(self.mods[m])
            at += len(m)
        return None


def preambles(dirs):
    for d in dirs:
        for x in sorted(glob.glob(os.path.join(d, "*.xml"))):
            r = ET.parse(x).getroot()
            for s in r.iter(NS + "preamble"):
                ps = [t for t in (text_of(p) for p in s.iter(NS + "p")) if t]
                if ps:
                    yield os.path.basename(x), ps


def cases(lex, dirs):
    """Every lead after a comma in a preamble: a dict per case."""
    for name, ps in preambles(dirs):
        heads = [lex.lead(p) for p in ps]
        for k, p in enumerate(ps):
            at = [(ps[k - 1], p, "open", k - 1)] if k and ps[k - 1].endswith("，") else []
            at += [(p[:m.end()], p[m.end():], "in", k) for m in re.finditer("，", p[:-1])]
            for before, rest, kind, ck in at:
                L = lex.lead(rest)
                if L:
                    yield dict(doc=name, kind=kind, par=ck, before=before, rest=rest, lead=L,
                               cur=heads[ck], cur_text=ps[ck], earlier=heads[:ck])


def reader_rule(lex, c):
    """Which of the text reader's rules at the margin (src/segment.c,
    opens_preambular, repeats_no_run) goes on at this comma, or None if the
    reader cuts there.  run_resumes, which looks at the paragraph after, is
    left out."""
    mods, v, form, end = c["lead"]
    rest = c["rest"]
    if not lex.verbs[form][1] and not mods:
        return "no preambular lead"
    if rest[end:end + 1] in ("这", "它") or rest[end:end + 2] == "就此":
        return "object points back (这, 它, 就此)"
    if (lex.mods_first(rest) or v) in lex.goes_on:
        return "unkg:goesOnAfterComma"
    cm, cv = (c["cur"][0], c["cur"][1]) if c["cur"] else ([], None)
    cur = c["cur_text"]
    if not mods and v == cv and (not cm or cur.startswith("又")):
        return "the paragraph's verb again"
    if rest.startswith("又") and mods and cv != v:
        return "又V with no V before"
    if rest.startswith("还") and mods:
        run = (cv == v and cm and not cur.startswith("还")) or any(
            h and h[1] == v and h[0] and not h[2].startswith("还") for h in c["earlier"])
        if not run:
            return "还V with no run before"
    return None


def ends_with_bare_modifier(lex, before):
    """"…，在这方面，": the last clause is a lead modifier alone."""
    m = re.search("，([^，]+，)$", before)
    return bool(m) and any(m.group(1) in (f, f + "，") for f in lex.mf)


def table(title, cs, key):
    t = collections.Counter((key(c), c["kind"]) for c in cs)
    print(title)
    for k in sorted(set(k for k, _ in t), key=str):
        print("  %-40s opens %5d  inside %5d" % (k, t[(k, "open")], t[(k, "in")]))


def features(lex, cut):
    """Where the reader cuts: the paragraph's length before the comma, and
    the preamble's own habit (the cases of the same preamble the reader can
    see away from the margin: leads inside a paragraph / after a paragraph
    ending with a comma), and the lead forms that go on at least as often as
    they open."""
    table("  by the length of the paragraph before the comma (characters):", cut,
          lambda c: "%3d+" % min(len(c["before"]) // 50 * 50, 200))
    n = collections.Counter((c["doc"], c["kind"]) for c in cut)

    def habit(c):
        i = n[(c["doc"], "in")] - (c["kind"] == "in")
        o = n[(c["doc"], "open")] - (c["kind"] == "open")
        r = i / max(o, 1)
        return "none inside" if not i else "inside/opens < 0.5" if r < .5 else "< 1" if r < 1 else ">= 1"
    table("  by the same preamble's other cases:", cut, habit)
    t = collections.Counter((next((m for m in lex.mf if c["rest"].startswith(m)), "(no modifier)"), c["kind"])
                            for c in cut)
    print("  by the modifier form the lead opens with (5 or more cases):")
    for f in sorted(set(f for f, _ in t)):
        if t[(f, "in")] + t[(f, "open")] >= 5:
            print("    %-38s opens %5d  inside %5d" % (f, t[(f, "open")], t[(f, "in")]))
    t = collections.Counter((c["lead"][2], c["kind"]) for c in cut)
    print("  lead forms (10 or more cases) that go on at least as often as they open:")
    for f in sorted(set(f for f, _ in t)):
        if t[(f, "in")] >= t[(f, "open")] and t[(f, "in")] + t[(f, "open")] >= 10:
            print("    %-38s opens %5d  inside %5d" % (f, t[(f, "open")], t[(f, "in")]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--features", action="store_true",
                    help="also where the reader cuts, by what else a rule could look at")
    ap.add_argument("akn", nargs="+")
    a = ap.parse_args()
    lex = Lex()
    cs = list(cases(lex, a.akn))
    for c in cs:
        c["rule"] = reader_rule(lex, c)
    if a.list:
        for c in cs:
            print("%s\t%s\tpp%d\t%s\t%s\t%s" % (c["doc"], c["kind"], c["par"] + 1, c["before"][-12:],
                                              c["rest"][:16], c["rule"] or "cut"))
        return
    table("a lead after a comma, in the preambles:", cs, lambda c: "all")
    table("by the reader's rule at the margin:", cs, lambda c: c["rule"] or "(none: the reader cuts)")
    cut = [c for c in cs if not c["rule"]]
    table("where the reader cuts, a modifier set off by a comma (在这方面，):", cut,
          lambda c: "yes" if lex.lead_mod_comma(c["rest"]) else "no")
    table("where the reader cuts, the clause before is a bare modifier (…，在这方面，):", cut,
          lambda c: "yes" if ends_with_bare_modifier(lex, c["before"]) else "no")
    ends = sum(1 for _, ps in preambles(a.akn) for p in ps if ends_with_bare_modifier(lex, p))
    print("preambular paragraphs that end with a bare modifier (…，在这方面，): %d" % ends)
    if a.features:
        features(lex, cut)


if __name__ == "__main__":
    main()
