#!/usr/bin/env python3
"""Agreement of unkg's Akoma Ntoso export with the UN's own metadata.

Usage: akn_agreement.py OUTDIR DATA_EXTRACT.json

OUTDIR holds the N-Triples unkg wrote (unkg export -f ntriples) for every
file of a session, in every language.  For each graph the symbol, adoption
date, agenda item(s), adoption meeting and the three vote counts are compared
with the record of the same symbol in the data extract (JSON lines).  Prints
the agreement as a percentage and every disagreement; also how the languages
of one resolution line up (same paragraph IRIs) and how many lead phrases
resolve to a verb concept.  Standard library only.
"""
import collections
import datetime
import glob
import json
import os
import re
import sys

U = "https://w3id.org/unkg/ontology#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

TRIPLE = re.compile(r'^<([^>]*)> <([^>]*)> (<[^>]*>|"(?:[^"\\]|\\.)*"(?:@[a-z-]+|\^\^<[^>]*>)?) \.$')


def unescape(lit):
    body = lit[1:lit.rindex('"')]
    return body.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8") \
        if "\\" in body else body


def load(path):
    """subject -> predicate -> list of objects (IRIs as '<…>', literals as str)."""
    g = collections.defaultdict(lambda: collections.defaultdict(list))
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = TRIPLE.match(line.rstrip("\n"))
            if not m:
                continue
            s, p, o = m.groups()
            g["<" + s + ">"][p].append(o if o.startswith("<") else (unescape(o), o[o.rindex('"') + 1:]))
    return g


def lit(g, s, p):
    v = g[s].get(p, [])
    return v[0][0] if v and isinstance(v[0], tuple) else None


def iri(g, s, p):
    v = g[s].get(p, [])
    return v[0][1:-1] if v and isinstance(v[0], str) else None


def record_date(s):
    for fmt in ("%d %B %Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(s.strip(), fmt).date().isoformat()
        except ValueError:
            pass
    return s


def record_items(s):
    return sorted(m.group(1) + (" (" + m.group(2) + ")" if m.group(2) else "")
                  for m in re.finditer(r"(\d+)(?:\s*\(([a-z]+)\))?", s))


def record_meeting(s):
    m = re.search(r"\d+", s)
    return int(m.group()) if m else None


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    outdir, extract = sys.argv[1], sys.argv[2]
    records = {}
    with open(extract, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                records[r["symbol"]] = r

    checks = agree = 0
    disagreements = []
    unmatched = []  # graphs whose symbol the extract does not have
    seen = set()
    parts_by_work = collections.defaultdict(dict)  # work -> lang -> (file, set of paths)
    leads = collections.Counter()
    verbs = collections.defaultdict(lambda: collections.defaultdict(dict))  # work -> lang -> path -> verb
    unresolved = collections.Counter()
    graphs = sorted(glob.glob(os.path.join(outdir, "*.nt")))
    for path in graphs:
        g = load(path)
        work = next((s for s in g if "<" + U + "Resolution>" in g[s].get(RDF_TYPE, [])
                     and U + "hasExpression" in g[s]), None)
        if not work:
            disagreements.append((os.path.basename(path), "graph", "no resolution", ""))
            continue
        expr = iri(g, work, U + "hasExpression")
        src = lit(g, "<" + expr + ">", U + "sourceFile") or os.path.basename(path)
        lang = lit(g, "<" + expr + ">", DCT + "language")
        sym = lit(g, work, U + "symbol")
        paths = set()
        prefix = work[1:-1] + "/"
        for s in g:
            if s.startswith("<" + prefix) and U + "hasSpan" in g[s]:
                paths.add(s[len(prefix) + 1:-1])
                types = g[s].get(RDF_TYPE, [])
                if any(t in types for t in ("<" + U + "PreambularParagraph>",
                                            "<" + U + "OperativeParagraph>")):
                    verbs[work][lang][s[len(prefix) + 1:-1]] = iri(g, s, U + "leadVerb")
                    phrase = lit(g, s, U + "leadPhrase")
                    if phrase is not None:
                        ok = U + "leadVerb" in g[s]
                        leads[(lang, ok)] += 1
                        if not ok:
                            unresolved[(lang, phrase)] += 1
        parts_by_work[work][lang] = (src, paths)
        rec = records.get(sym)
        if rec is None:
            unmatched.append((src, sym))
            continue
        checks += 1
        agree += 1
        seen.add(sym)
        meeting = iri(g, work, U + "adoptedAt")
        voting = iri(g, work, U + "voting")

        def count(p):
            v = lit(g, "<" + voting + ">", U + p) if voting else None
            return int(v) if v is not None else 0

        ours = {
            "adoption date": lit(g, work, U + "adoptionDate"),
            "agenda item": sorted(o[0] for o in g[work].get(U + "agendaItem", [])),
            "meeting": int(lit(g, "<" + meeting + ">", U + "meetingNumber"))
            if meeting else None,
            "in favour": count("inFavourCount"),
            "against": count("againstCount"),
            "abstaining": count("abstainingCount"),
        }
        theirs = {
            "adoption date": record_date(rec["adoption_date"]),
            "agenda item": record_items(rec["agenda_item"]),
            "meeting": record_meeting(rec["adoption_meeting"]),
            "in favour": int(rec["MS_in_favour_count"] or 0),
            "against": int(rec["MS_against_count"] or 0),
            "abstaining": int(rec["MS_abstaining_count"] or 0),
        }
        for k in ours:
            checks += 1
            if ours[k] == theirs[k]:
                agree += 1
            else:
                disagreements.append((src, k, ours[k], theirs[k]))

    print(f"graphs: {len(graphs)}   records: {len(records)}   records matched: {len(seen)}")
    print(f"agreement: {agree}/{checks} = {100.0 * agree / max(checks, 1):.2f}% "
          "(symbol, adoption date, agenda item, meeting, 3 vote counts per graph)")
    for src, field, ours, theirs in disagreements:
        print(f"  DISAGREE {src}: {field}: unkg {ours!r} vs extract {theirs!r}")
    for src, sym in unmatched:
        print(f"  NORECORD {src}: {sym} is not in the extract (not counted)")
    missing = sorted(set(records) - seen)
    print(f"records with no exported file: {len(missing)}")
    for s in missing:
        print(f"  NOFILE {s}")

    pairs = [(w, d) for w, d in parts_by_work.items() if "zh" in d and "en" in d]
    same = [w for w, d in pairs if d["zh"][1] == d["en"][1]]
    print(f"zh/en pairs: {len(pairs)}   same paragraph IRIs: {len(same)}")
    for w, d in sorted(pairs):
        zh, en = d["zh"][1], d["en"][1]
        if zh != en:
            only_zh = sorted(zh - en)
            only_en = sorted(en - zh)
            print(f"  DIFFER {d['zh'][0]} / {d['en'][0]}: only zh {only_zh[:8]}"
                  f"{'…' if len(only_zh) > 8 else ''}; only en {only_en[:8]}"
                  f"{'…' if len(only_en) > 8 else ''}")
    same_verb = diff_verb = 0
    for w, d in pairs:
        zv, ev = verbs[w]["zh"], verbs[w]["en"]
        for path in set(zv) & set(ev):
            if zv[path] and ev[path]:
                same_verb += zv[path] == ev[path]
                diff_verb += zv[path] != ev[path]
    print(f"paragraphs with a verb in both zh and en: {same_verb + diff_verb}; same verb concept: "
          f"{same_verb} ({100.0 * same_verb / max(same_verb + diff_verb, 1):.2f}%)")
    for lang in sorted({l for l, _ in leads}):
        ok, bad = leads[(lang, True)], leads[(lang, False)]
        print(f"lead phrases ({lang}): {ok}/{ok + bad} resolve to a verb concept "
              f"({100.0 * ok / max(ok + bad, 1):.2f}%)")
    for (lang, phrase), n in sorted(unresolved.items(), key=lambda x: (-x[1], x[0])):
        print(f"  UNRESOLVED {lang} {n}x {phrase}")


if __name__ == "__main__":
    main()
