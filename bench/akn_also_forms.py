#!/usr/bin/env python3
"""Mines unkg:alsoForm for ontology/verbs.ttl: the lead verb forms that
stand for two verbs, told apart by the aligned English paragraph.

Usage: akn_also_forms.py [--min-share S] OUTDIR [verbs.ttl]

OUTDIR holds unkg's N-Triples export of one or more sessions, every
language, exported together so that the language files of a resolution
are aligned (bench/akn_bench.sh leaves it in OUT_DIR/nt).  Mine on the
75th session only; the 76th is held out to measure.

For every paragraph IRI with a lead verb in English (concept X) and in
another language L (concept D, read from the lead phrase by verbs.ttl
alone), the form of D the lead holds is the longest form of D (any
preambularForm, operativeForm, prefLabel or altLabel, any language) that
the lead phrase contains: what src/recognise.c (resolve_hinted) takes.  A
form is ambiguous towards X when X is of another sense than D (the
unkgv:sense-… collections; a concept in none is its own sense), and it is
aligned with X at least 3 times and in at least 2% of its aligned
paragraphs (those whose English paragraph has a lead verb; --min-share
0.10 for 10%).  Prints the Turtle to paste into verbs.ttl, each statement
with its counts.  Mine with the alsoForm statements of verbs.ttl left out
of the data unkg exports with (UNKG_DATA_DIR), or the paragraphs they
already turn count for nothing.

Why 2%: mined on the 75th session, the held-out 76th gains about as much
as the 75th from 5% to 2% (docs/akn.md), and five times less from 2% to
1%, the sign of forms that fit the mined session only.
"""
import collections
import os
import re
import sys

from akn_verb_gaps import read_leads
from akn_verb_gaps import read_senses as gaps_read_senses

MIN_COUNT = 3
MIN_SHARE = 0.02


def read_forms(path):
    """concept (unkgv:…, last segment) -> its names in the verb roles."""
    forms = collections.defaultdict(set)
    subject, prop = None, None
    for line in open(path, encoding="utf-8"):
        if line.lstrip().startswith("#"):
            continue
        m = re.match(r"^unkgv:([A-Za-z0-9_-]+)\b", line)
        if m:
            subject = m.group(1)
        for tok in re.finditer(r'(unkg:[A-Za-z]+|skos:[A-Za-z]+|\ba\b)|"((?:[^"\\]|\\.)*)"@([a-z-]+)', line):
            if tok.group(1):
                prop = tok.group(1)
            elif prop in ("unkg:preambularForm", "unkg:operativeForm", "skos:prefLabel", "skos:altLabel"):
                forms[subject].add(tok.group(2))
    return forms


def read_senses(path):
    """concept -> its sense, both without the unkgv: prefix."""
    return {c[6:]: v[6:] for c, v in gaps_read_senses(path).items()}


def main():
    global MIN_SHARE
    args = sys.argv[1:]
    if args[:1] == ["--min-share"] and len(args) > 1:
        MIN_SHARE = float(args[1])
        args = args[2:]
    if len(args) not in (1, 2):
        sys.exit(__doc__)
    verbs = args[1] if len(args) == 2 else os.path.join(os.path.dirname(__file__), "..", "ontology", "verbs.ttl")
    forms = read_forms(verbs)
    sense_of = read_senses(verbs)
    paras = read_leads(args[0])  # part IRI -> lang -> {phrase, verb, file}
    total = collections.Counter()     # (lang, form) -> aligned paragraphs
    towards = collections.Counter()   # (lang, form, X) -> of them, English X of another sense
    default = {}
    for s, by_lang in paras.items():
        x = by_lang.get("en", {}).get("verb")
        if not x:
            continue
        for lang, d in by_lang.items():
            if lang == "en" or "verb" not in d or "phrase" not in d:
                continue
            dv = d["verb"]
            found = [f for f in forms.get(dv, ()) if f in d["phrase"]]
            if not found:
                continue
            form = max(found, key=lambda f: (len(f.encode("utf-8")), f))
            total[(lang, form)] += 1
            default[(lang, form)] = dv
            if sense_of.get(x, x) != sense_of.get(dv, dv):
                towards[(lang, form, x)] += 1
    rows = []
    for (lang, form, x), n in towards.items():
        t = total[(lang, form)]
        if n >= MIN_COUNT and n >= MIN_SHARE * t:
            rows.append((x, lang, form, n, t, default[(lang, form)]))
    for x, lang, form, n, t, dv in sorted(rows):
        print(f'unkgv:{x} unkg:alsoForm "{form}"@{lang} .  # {n} of {t} aligned ({dv} by itself)')


if __name__ == "__main__":
    main()
