#!/usr/bin/env python3
"""Lead phrases that resolve to no verb concept, with what the other
language says at the same paragraph.

Usage: akn_verb_gaps.py OUTDIR

OUTDIR holds unkg's N-Triples export of the zh and en files of a session.
For every paragraph whose lead phrase (leadPhrase) has no leadVerb, prints
the phrase, its language, and the lead phrase and verb concept of the same
paragraph IRI in the other language: the evidence for adding the phrase to
ontology/verbs.ttl as a form of that concept.
"""
import collections
import glob
import os
import re
import sys

U = "https://w3id.org/unkg/ontology#"
LINE = re.compile(r'^<([^>]*)> <([^>]*)> (<[^>]*>|"(?:[^"\\]|\\.)*"(?:@([a-z-]+)|\^\^<[^>]*>)?) \.$')


def text(o):
    body = o[1:o.rindex('"')]
    if "\\" in body:
        body = body.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
    return body


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    paras = collections.defaultdict(dict)  # part IRI -> lang -> {phrase, verb}
    for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.nt"))):
        lang = path.rsplit(".", 2)[-2]
        for line in open(path, encoding="utf-8"):
            m = LINE.match(line.rstrip("\n"))
            if not m:
                continue
            s, p, o, _ = m.groups()
            if p == U + "leadPhrase":
                paras[s].setdefault(lang, {})["phrase"] = text(o)
                paras[s][lang]["file"] = os.path.basename(path)
            elif p == U + "leadVerb":
                paras[s].setdefault(lang, {})["verb"] = o[1:-1].rsplit("/", 1)[-1]
    gaps = collections.defaultdict(collections.Counter)
    for s, by_lang in paras.items():
        for lang, d in by_lang.items():
            if "verb" in d or "phrase" not in d:
                continue
            other = [(l, e.get("phrase"), e.get("verb")) for l, e in by_lang.items() if l != lang]
            gaps[(lang, d["phrase"])][tuple(other)] += 1
    for (lang, phrase), others in sorted(gaps.items(), key=lambda x: (x[0][0], -sum(x[1].values()))):
        n = sum(others.values())
        alts = "; ".join(f"{l}:{p!s}->{v}" for o in others for (l, p, v) in o) or "(no other language)"
        print(f"{lang}\t{n}\t{phrase}\t{alts}")


if __name__ == "__main__":
    main()
