#!/usr/bin/env python3
"""Agreement of unkg's Akoma Ntoso export with the UN's own metadata, and
how the languages of one resolution line up.

Usage: akn_agreement.py OUTDIR CORPUS_DIR... [--extract DATA_EXTRACT.json]... [--verbs verbs.ttl]

OUTDIR holds the N-Triples unkg wrote (unkg export -f ntriples) for the
files of one or more sessions, in any languages.  CORPUS_DIR are the
session folders the files came from (their data_extract_*.json are found
there; more can be named with --extract); the XML files are looked up there
by name to tell whose fault a disagreement is.

1. Agreement.  For each graph the symbol, adoption date, agenda item(s),
   adoption meeting and the three vote counts are compared with the record
   of the same symbol in the extract (JSON lines).  Every disagreement is
   classified:
   - extract: every language file of the resolution gives unkg's value (the
     files agree with each other, the extract says something else), or the
     extract has no value ("N.A."): excluded, with the reason;
   - file: the file itself prints something else than the extract (or
     nothing) in that field while the other languages agree with the
     extract: excluded, with what the file prints;
   - unkg: the rest (counted against unkg).
   Printed per language and per field, before and after the exclusions.
2. Lead phrases: per language, how many resolve to a verb concept.
3. Alignment: per language, resolutions whose paragraph IRIs are the same
   as the English file's; and for paragraphs present in several languages
   with a verb in each, how often all of them give the same concept, and
   the same sense (the unkgv:sense-… collections of verbs.ttl: concepts the
   languages do not tell apart), and per language how often it is the
   English one.
Standard library only.
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
FIELDS = ("symbol", "adoption date", "agenda item", "meeting", "in favour", "against", "abstaining")

TRIPLE = re.compile(r'^<([^>]*)> <([^>]*)> (<[^>]*>|"(?:[^"\\]|\\.)*"(?:@[a-z-]+|\^\^<[^>]*>)?) \.$')


def unescape(lit):
    body = lit[1:lit.rindex('"')]
    return body.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8") \
        if "\\" in body else body


def load(path):
    """subject -> predicate -> list of objects (IRIs as '<…>', literals as (str, suffix))."""
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


def language(g, expr):
    """The expression's language code: dct:language is the ISO 639-1 IRI
    (http://id.loc.gov/vocabulary/iso639-1/zh); older exports wrote the
    code as a literal."""
    code = lit(g, expr, DCT + "language")
    if code is None:
        v = iri(g, expr, DCT + "language")
        code = v.rstrip("/").rsplit("/", 1)[-1] if v else None
    return code


# ---- the extract's values; None where it has none ("N.A.", "", junk)

def record_date(s):
    for fmt in ("%d %B %Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime((s or "").strip(), fmt).date().isoformat()
        except ValueError:
            pass
    return None


def record_items(s):
    items = sorted(m.group(1) + (" (" + m.group(2) + ")" if m.group(2) else "")
                   for m in re.finditer(r"(\d+)(?:\s*\(([a-z]+)\))?", s or ""))
    return items or None


def record_number(s):
    m = re.search(r"\d+", s or "")
    return int(m.group()) if m else None


def record_count(s):
    s = (s or "").strip()
    return int(s) if s.isdigit() else None


# ---- what the XML file itself prints in a field (to tell the file's fault)

RAW = {
    "agenda item": re.compile(r'<inline[^>]*name="agenda item"[^>]*>(.*?)</inline>', re.S),
    "meeting": re.compile(r'<inline[^>]*name="adoptionMeeting"[^>]*>(.*?)</inline>|'
                          r'<conclusions.*?<location[^>]*>(.*?)</location>', re.S),
    "adoption date": re.compile(r'<conclusions.*?<docDate[^>]*date="([^"]*)"', re.S),
    "in favour": re.compile(r'<count[^>]*value="(\d*)"[^>]*refersTo="#?inFavour"'),
    "against": re.compile(r'<count[^>]*value="(\d*)"[^>]*refersTo="#?against"'),
    "abstaining": re.compile(r'<count[^>]*value="(\d*)"[^>]*refersTo="#?abstaining"'),
}


def raw_field(xml, field):
    """The text the file has for field, or None if it has no such markup."""
    if xml is None or field not in RAW:
        return None
    m = RAW[field].search(xml)
    if not m:
        return ""
    return re.sub(r"<[^>]*>", "", next(x for x in m.groups() if x is not None)).strip()


def digits(v):
    if isinstance(v, list):
        return sorted(re.sub(r"\D", "", x) for x in v)
    return re.findall(r"\d+", str(v)) if v is not None else []


def file_fault(xml, field, theirs):
    """Why the file, not unkg, disagrees with the extract, or None."""
    raw = raw_field(xml, field)
    if raw is None:
        return None
    if not re.search(r"\d", raw):
        return f"the file's {field} is {raw!r}" if raw else f"the file has no {field}"
    if field == "agenda item":
        ours = sorted(re.findall(r"\d+", raw))
        labels = re.findall(r"[ (]([a-z]{1,3})\)", raw)
        if ours != digits(theirs):
            return f"the file prints {raw!r}"
        if labels and sorted(labels) != sorted(re.findall(r"\(([a-z]+)\)", " ".join(theirs))):
            return f"the file prints {raw!r}"
    elif field == "adoption date":
        if raw != theirs:
            return f"the file's docDate is {raw}"
    elif field == "meeting":
        if re.search(r"\d", raw) and int(re.search(r"\d+", raw).group()) != theirs:
            return f"the file prints {raw!r}"
    elif raw.isdigit() and int(raw) != theirs:
        return f"the file's count is {raw}"
    return None


def read_senses(path):
    """verb concept (last IRI segment) -> its sense: the skos:Collection
    unkgv:sense-… of verbs.ttl it is a member of, else the concept itself."""
    sense = {}
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(r"^unkgv:(sense-[a-z-]+) a skos:Collection ;(.*?) \.$", text, re.M | re.S):
        members = m.group(2).split("skos:member", 1)[-1]
        for c in re.findall(r"unkgv:([a-z-]+)", members):
            sense[c] = m.group(1)
    # a member added apart ("unkgv:sense-support skos:member unkgv:x .")
    for m in re.finditer(r"^unkgv:(sense-[a-z-]+) skos:member ([^.]*) \.$", text, re.M):
        for c in re.findall(r"unkgv:([a-z-]+)", m.group(2)):
            sense[c] = m.group(1)
    return sense


def pct(a, n):
    return f"{100.0 * a / n:.2f}%" if n else "-"


def differences(verbs, said, parts_by_work, sense):
    """The aligned paragraphs whose languages give different senses, by
    kind.  The figure of issue 12 (the same sense in all the languages of
    an aligned paragraph) is printed three ways:
    - raw: every aligned paragraph with a lead verb in two or more languages;
    - "again": a paragraph counts as the same when the languages give two
      senses, reaffirm (reiterate, reaffirm, renew) and another one that at
      least one language says with the modifier again ("Reiterates its
      request" / "Prie de nouveau" / 再次请 / "تكرر طلبها"): the same
      statement, the repetition a verb in one language and a modifier in
      another;
    - translation differences left out: a paragraph where every language
      reads its lead phrase as that phrase reads in most of its paragraphs
      (the sense most of the paragraphs with the same phrase give in the
      other languages, over the whole run, at least MIN_SEEN paragraphs):
      each language says what its words usually say, the translators chose
      different verbs ("Salue" for "Recognizes").  The rest, listed (DIFF
      lines), are what the reading may get wrong: a phrase read otherwise
      than it usually is, or seen too seldom to tell.  The translation
      differences are listed too (TRANSL lines), and so are the "again"
      paragraphs (AGAIN lines); each language's sense is followed by its
      modifier (+again, +also)."""
    MIN_SEEN = 3
    rows = []  # (work, path, {lang: (sense, phrase, modifiers)})
    for w, by_lang in verbs.items():
        en_paths = parts_by_work[w].get("en", (None, None))[1]
        ok_langs = {l for l in by_lang if en_paths is not None and parts_by_work[w][l][1] == en_paths}
        for p in set().union(*(vs.keys() for vs in by_lang.values())):
            r = {l: (sense(vs[p]), said[w][l][p][0], said[w][l][p][1])
                 for l, vs in by_lang.items() if vs.get(p) and l in ok_langs}
            if len(r) >= 2:
                rows.append((w, p, r))
    # How each (language, phrase) usually reads: the senses the other
    # languages give on the paragraphs where it stands.
    usual = collections.defaultdict(collections.Counter)
    for _, _, r in rows:
        for l, (_, phrase, _) in r.items():
            for l2, (s2, _, _) in r.items():
                if l2 != l:
                    usual[(l, phrase)][s2] += 1

    def regular(l, s, phrase):
        c = usual[(l, phrase)]
        n = sum(c.values())
        return n >= MIN_SEEN and c.most_common(1)[0][0] == s

    same = again = transl = 0
    left = []
    translations = []
    agains = []
    kinds = collections.Counter()
    for w, p, r in rows:
        senses = {s for s, _, _ in r.values()}
        if len(senses) == 1:
            same += 1
            continue
        other = senses - {"sense-reaffirm"}
        if (len(other) == 1 and "sense-reaffirm" in senses
                and any(s in other and "again" in mods for s, _, mods in r.values())):
            again += 1
            agains.append((w, p, r))
            continue
        if all(regular(l, s, phrase) for l, (s, phrase, _) in r.items()):
            transl += 1
            kinds[tuple(sorted(senses))] += 1
            translations.append((w, p, r))
            continue
        left.append((w, p, r))
    n = len(rows)
    print("Same sense on aligned paragraphs, by kind of difference")
    print(f"  aligned paragraphs with a verb in two or more languages: {n}")
    print(f"  the same sense in all: {same} ({pct(same, n)})")
    print(f"  + reiterate X = X again: {again}; the same statement: {same + again} ({pct(same + again, n)})")
    print(f"  translation differences (every language reads as its phrase usually does): {transl}")
    print(f"  the same, translation differences left out: {same + again}/{n - transl}"
          f" ({pct(same + again, n - transl)})")
    print(f"  differences left (DIFF lines): {len(left)}")
    print("  translation differences by senses:")
    for k, v in kinds.most_common(12):
        print(f"    {v:5} {' / '.join(k)}")
    print()
    for tag, rows_ in (("AGAIN", agains), ("TRANSL", translations), ("DIFF", left)):
        for w, p, r in sorted(rows_, key=lambda x: (x[0], x[1])):
            print(f"  {tag} {w[1:-1].rsplit('/doc/', 1)[-1]}/{p}: " + " | ".join(
                f"{l} {phrase!r} {s}" + "".join("+" + m for m in sorted(mods))
                for l, (s, phrase, mods) in sorted(r.items())))


def main():
    args = sys.argv[1:]
    extracts, dirs = [], []
    verbs_ttl = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ontology", "verbs.ttl")
    while args:
        a = args.pop(0)
        if a == "--extract" and args:
            extracts.append(args.pop(0))
        elif a == "--verbs" and args:
            verbs_ttl = args.pop(0)
        else:
            dirs.append(a)
    if len(dirs) < 1:
        sys.exit(__doc__)
    outdir, corpora = dirs[0], dirs[1:]
    for c in corpora:
        extracts += sorted(glob.glob(os.path.join(c, "data_extract_*.json")))
    records = {}
    for e in extracts:
        with open(e, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    records[r["symbol"]] = r
    xml_path = {}
    for c in corpora:
        for p in glob.glob(os.path.join(c, "**", "*.xml"), recursive=True):
            xml_path[os.path.basename(p)] = p

    values = collections.defaultdict(dict)  # (symbol, field) -> lang -> (src, ours)
    theirs_of = {}
    unmatched = []
    seen = set()
    parts_by_work = collections.defaultdict(dict)  # work -> lang -> (file, set of paths)
    leads = collections.Counter()
    verbs = collections.defaultdict(lambda: collections.defaultdict(dict))  # work -> lang -> path -> verb
    said = collections.defaultdict(lambda: collections.defaultdict(dict))  # work -> lang -> path -> (phrase, modifiers)
    unresolved = collections.Counter()
    langs = set()
    graphs = sorted(glob.glob(os.path.join(outdir, "*.nt")))
    broken = []
    for path in graphs:
        g = load(path)
        work = next((s for s in g if "<" + U + "Resolution>" in g[s].get(RDF_TYPE, [])
                     and U + "hasExpression" in g[s]), None)
        if not work:
            broken.append(os.path.basename(path))
            continue
        expr = iri(g, work, U + "hasExpression")
        src = lit(g, "<" + expr + ">", U + "sourceFile") or os.path.basename(path)
        lang = language(g, "<" + expr + ">")
        langs.add(lang)
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
                    said[work][lang][s[len(prefix) + 1:-1]] = (
                        phrase, {m[1:-1].rsplit("/", 1)[-1] for m in g[s].get(U + "leadModifier", [])})
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
        seen.add(sym)
        meeting = iri(g, work, U + "adoptedAt")
        voting = iri(g, work, U + "voting")

        def count(p):
            v = lit(g, "<" + voting + ">", U + p) if voting else None
            return int(v) if v is not None else 0

        ours = {
            "symbol": sym,
            "adoption date": lit(g, work, U + "adoptionDate"),
            "agenda item": sorted(o[0] for o in g[work].get(U + "agendaItem", [])),
            "meeting": int(lit(g, "<" + meeting + ">", U + "meetingNumber")) if meeting else None,
            "in favour": count("inFavourCount"),
            "against": count("againstCount"),
            "abstaining": count("abstainingCount"),
        }
        theirs = {
            "symbol": rec["symbol"],
            "adoption date": record_date(rec.get("adoption_date")),
            "agenda item": record_items(rec.get("agenda_item")),
            "meeting": record_number(rec.get("adoption_meeting")),
            "in favour": record_count(rec.get("MS_in_favour_count")),
            "against": record_count(rec.get("MS_against_count")),
            "abstaining": record_count(rec.get("MS_abstaining_count")),
        }
        raw_theirs = {"adoption date": rec.get("adoption_date"), "agenda item": rec.get("agenda_item"),
                      "meeting": rec.get("adoption_meeting"), "in favour": rec.get("MS_in_favour_count"),
                      "against": rec.get("MS_against_count"), "abstaining": rec.get("MS_abstaining_count")}
        for k in FIELDS:
            values[(sym, k)][lang] = (src, ours[k])
            theirs_of[(sym, k)] = (theirs[k], raw_theirs.get(k))

    # ---- classify
    n = collections.Counter()       # (lang, field) -> compared
    ok = collections.Counter()      # (lang, field) -> agree
    excl = collections.Counter()    # (lang, field) -> excluded
    listing = {"unkg": [], "file": [], "extract": []}
    xml_cache = {}
    for (sym, field), by_lang in sorted(values.items()):
        theirs, raw = theirs_of[(sym, field)]
        for lang, (src, ours) in sorted(by_lang.items()):
            n[(lang, field)] += 1
            if theirs is not None and ours == theirs:
                ok[(lang, field)] += 1
                continue
            if theirs is None:
                fault, why = "extract", f"the extract has no value ({raw!r})"
            else:
                others = [v for l, (_, v) in by_lang.items() if l != lang]
                fault, why = "unkg", ""
                if others and ours not in (None, []) and all(v == ours for v in others):
                    fault, why = "extract", f"all {len(by_lang)} language files give {ours!r}"
                else:
                    if src not in xml_cache:
                        p = xml_path.get(src)
                        xml_cache[src] = open(p, encoding="utf-8", errors="replace").read() if p else None
                    reason = file_fault(xml_cache[src], field, theirs)
                    if reason:
                        fault, why = "file", reason
            if fault != "unkg":
                excl[(lang, field)] += 1
            listing[fault].append((src, field, ours, theirs, why))

    langs = sorted(l for l in langs if l)
    print(f"graphs: {len(graphs)}   records: {len(records)}   records matched: {len(seen)}")
    print()
    print("Agreement with the extract (after exclusions: extract's and file's faults left out)")
    print(f"{'lang':6}{'graphs':>8}{'checks':>9}{'agree':>9}{'raw %':>9}{'excluded':>10}{'agree %':>10}")
    tot = collections.Counter()
    for lang in langs:
        c = sum(n[(lang, f)] for f in FIELDS)
        a = sum(ok[(lang, f)] for f in FIELDS)
        x = sum(excl[(lang, f)] for f in FIELDS)
        g = n[(lang, "symbol")]
        tot.update({"c": c, "a": a, "x": x, "g": g})
        print(f"{lang:6}{g:>8}{c:>9}{a:>9}{pct(a, c):>9}{x:>10}{pct(a, c - x):>10}")
    print(f"{'all':6}{tot['g']:>8}{tot['c']:>9}{tot['a']:>9}{pct(tot['a'], tot['c']):>9}{tot['x']:>10}"
          f"{pct(tot['a'], tot['c'] - tot['x']):>10}")
    print()
    print("Per field (agree / compared - excluded), by language")
    print(f"{'field':14}" + "".join(f"{l:>16}" for l in langs))
    for f in FIELDS:
        row = f"{f:14}"
        for lang in langs:
            c, a, x = n[(lang, f)], ok[(lang, f)], excl[(lang, f)]
            row += f"{f'{a}/{c - x}':>16}"
        print(row)
    print()
    for fault in ("unkg", "file", "extract"):
        items = listing[fault]
        label = {"unkg": "unkg's fault (counted)", "file": "the file's fault (excluded)",
                 "extract": "the extract's fault (excluded)"}[fault]
        print(f"{label}: {len(items)}")
        for src, field, ours, theirs, why in items:
            print(f"  {fault.upper()} {src}: {field}: unkg {ours!r} vs extract {theirs!r}"
                  + (f" -- {why}" if why else ""))
    for b in broken:
        print(f"  NOGRAPH {b}: no resolution in the graph")
    for src, sym in unmatched:
        print(f"  NORECORD {src}: {sym} is not in the extract (not counted)")
    missing = sorted(set(records) - seen)
    print(f"records with no exported file: {len(missing)}")
    for s in missing:
        print(f"  NOFILE {s}")

    # ---- lead phrases
    print()
    print("Lead phrases resolving to a verb concept")
    for lang in langs:
        a, b = leads[(lang, True)], leads[(lang, False)]
        print(f"  {lang}: {a}/{a + b} ({pct(a, a + b)})")

    # ---- alignment
    print()
    print("Alignment with the English file (same set of paragraph IRIs)")
    differ = []
    for lang in langs:
        if lang == "en":
            continue
        pairs = [(w, d) for w, d in parts_by_work.items() if lang in d and "en" in d]
        same = [w for w, d in pairs if d[lang][1] == d["en"][1]]
        print(f"  {lang}/en: {len(same)}/{len(pairs)} resolutions ({pct(len(same), len(pairs))})")
        for w, d in sorted(pairs):
            mine, en = d[lang][1], d["en"][1]
            if mine != en:
                only_l, only_en = sorted(mine - en), sorted(en - mine)
                differ.append(f"  DIFFER {d[lang][0]} / {d['en'][0]}: only {lang} {only_l[:6]}"
                              f"{'…' if len(only_l) > 6 else ''}; only en {only_en[:6]}"
                              f"{'…' if len(only_en) > 6 else ''}")
    # Every paragraph node should carry the text of every language file of
    # its resolution: count the nodes (paths) that some file has and every
    # file of the resolution has.
    full = nodes = works_full = 0
    for w, d in parts_by_work.items():
        if len(d) < 2:
            continue
        every = set().union(*(paths for _, paths in d.values()))
        have = sum(1 for p in every if all(p in paths for _, paths in d.values()))
        full += have
        nodes += len(every)
        works_full += have == len(every)
    print(f"  paragraph nodes with the text of every language file: {full}/{nodes} ({pct(full, nodes)});"
          f" resolutions where all do: {works_full}/{sum(1 for d in parts_by_work.values() if len(d) >= 2)}")
    print()
    # The same concept: the same lead verb concept of verbs.ttl; the same
    # sense: concepts that are members of one skos:Collection unkgv:sense-…
    # there (a concept in none is its own sense).  Compared on the
    # paragraphs (same IRI) that have a lead verb in two or more languages.
    sense_of = read_senses(verbs_ttl)

    def sense(v):
        c = v.rsplit("/", 1)[-1]
        return sense_of.get(c, c)

    for level, key in (("concept", lambda v: v), ("sense", sense)):
        print(f"Same verb {level} (paragraphs with a verb in two or more languages: all of them the same)")
        all_same = all_n = 0
        with_en = collections.Counter()
        by_size = collections.Counter()
        pairs = collections.Counter()
        for w, by_lang in verbs.items():
            for p in set().union(*(vs.keys() for vs in by_lang.values())):
                concepts = {l: key(vs[p]) for l, vs in by_lang.items() if vs.get(p)}
                if len(concepts) < 2:
                    continue
                all_n += 1
                same = len(set(concepts.values())) == 1
                all_same += same
                by_size[(len(concepts), same)] += 1
                if "en" in concepts:
                    for l, v in concepts.items():
                        if l != "en":
                            with_en[(l, v == concepts["en"])] += 1
                            if v != concepts["en"]:
                                pairs[(l, concepts["en"].rsplit("/", 1)[-1], v.rsplit("/", 1)[-1])] += 1
        print(f"  all languages the same: {all_same}/{all_n} ({pct(all_same, all_n)})")
        # Aligned paragraphs: the languages whose file gives the same set
        # of paragraph IRIs as the English file of the resolution (where it
        # does not, pp/N after a missing paragraph is another paragraph).
        al_same = al_n = 0
        for w, by_lang in verbs.items():
            en_paths = parts_by_work[w].get("en", (None, None))[1]
            ok_langs = {l for l in by_lang if en_paths is not None and parts_by_work[w][l][1] == en_paths}
            for p in set().union(*(vs.keys() for vs in by_lang.values())):
                concepts = {l: key(vs[p]) for l, vs in by_lang.items() if vs.get(p) and l in ok_langs}
                if len(concepts) >= 2:
                    al_n += 1
                    al_same += len(set(concepts.values())) == 1
        print(f"  all languages the same, aligned paragraphs only: {al_same}/{al_n} ({pct(al_same, al_n)})")
        for k in sorted({k for k, _ in by_size}):
            a, b = by_size[(k, True)], by_size[(k, False)]
            print(f"    in {k} languages: {a}/{a + b} ({pct(a, a + b)})")
        for lang in langs:
            if lang != "en":
                a, b = with_en[(lang, True)], with_en[(lang, False)]
                print(f"  {lang} = en: {a}/{a + b} ({pct(a, a + b)})")
        print(f"  most frequent differences from English ({level}: lang en-{level} -> lang's):")
        for (l, e, v), k in pairs.most_common(15):
            print(f"    {k:5} {l} {e} -> {v}")
        print()
    differences(verbs, said, parts_by_work, sense)
    print()
    for line in differ:
        print(line)
    for (lang, phrase), k in sorted(unresolved.items(), key=lambda x: (x[0][0], -x[1], x[0][1])):
        print(f"  UNRESOLVED {lang} {k}x {phrase}")


if __name__ == "__main__":
    main()
