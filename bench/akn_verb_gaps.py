#!/usr/bin/env python3
"""Lead phrases that resolve to no verb concept, with what the other
language says at the same paragraph.

Usage: akn_verb_gaps.py OUTDIR
       akn_verb_gaps.py --mine LANG OUTDIR [verbs.ttl]

OUTDIR holds unkg's N-Triples export of the zh and en files of a session.
For every paragraph whose lead phrase (leadPhrase) has no leadVerb, prints
the phrase, its language, and the lead phrase and verb concept of the same
paragraph IRI in the other language: the evidence for adding the phrase to
ontology/verbs.ttl as a form of that concept.

With --mine, proposes the forms of language LANG (fr, es, ru, ar ...) as
Turtle: every lead phrase of LANG is aligned with the English paragraph of
the same IRI; its modifiers (prefixForm/suffixForm @LANG in verbs.ttl) are
taken out, and the words left are put in a trie.  A word prefix seen at least twice
becomes a form of the concept most of the English paragraphs under it have
(the most frequent concept of the most frequent sense, the unkgv:sense-…
collections of verbs.ttl):
the first word (or two, after a short word such as "Se") of any lead not
yet resolved, and a longer phrase when 60% of its paragraphs give another
sense, or another concept of the same sense, than its shorter form ("Notant avec préoccupation"); a form
verbs.ttl has is kept as it is.  Longest match at run time then gives
every phrase the concept of its deepest form.  Prints how many of the
aligned leads the forms resolve, and how many to the English concept.
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


# ---- mining forms for a language from the English concepts -------------------

FORM = re.compile(r'unkg:(preambularForm|operativeForm|prefixForm|suffixForm)|skos:altLabel')
LIT = re.compile(r'"((?:[^"\\]|\\.)*)"@([a-z-]+)')
SUBJ = re.compile(r'^(unkgv:[A-Za-z0-9_-]+)\b')


def read_lexicon(path):
    """(modifier forms by language, form -> concept by language) of verbs.ttl."""
    mods = collections.defaultdict(set)
    forms = collections.defaultdict(dict)
    labels = set()
    subject, prop = None, None
    for line in open(path, encoding="utf-8"):
        if line.lstrip().startswith("#"):
            continue
        m = SUBJ.match(line)
        if m:
            subject = m.group(1)
        for tok in re.finditer(r'(unkg:(?:preambularForm|operativeForm|prefixForm|suffixForm)|skos:altLabel|skos:prefLabel)|"((?:[^"\\]|\\.)*)"@([a-z-]+)', line):
            if tok.group(1):
                prop = tok.group(1)
            elif prop in ("unkg:prefixForm", "unkg:suffixForm"):
                mods[tok.group(3)].add(tok.group(2))
            elif prop == "skos:prefLabel":
                labels.add(tok.group(2))  # names too (lexicon.c), not forms
            elif prop:
                forms[tok.group(3)][tok.group(2)] = subject
    forms["*labels*"] = {l: None for l in labels}
    return mods, forms


def read_senses(path):
    """concept (unkgv:…) -> the sense (skos:Collection unkgv:sense-…) it is
    a member of in verbs.ttl."""
    sense = {}
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(r"^(unkgv:sense-[a-z-]+) a skos:Collection ;(.*?) \.$", text, re.M | re.S):
        for c in re.findall(r"unkgv:[a-z-]+", m.group(2).split("skos:member", 1)[-1]):
            sense[c] = m.group(1)
    # a member added apart ("unkgv:sense-support skos:member unkgv:x .")
    for m in re.finditer(r"^(unkgv:sense-[a-z-]+) skos:member ([^.]*) \.$", text, re.M):
        for c in re.findall(r"unkgv:[a-z-]+", m.group(2)):
            sense[c] = m.group(1)
    return sense


def strip_modifiers(phrase, mods):
    """The phrase without its modifiers (longest first, as whole words)."""
    for m in sorted(mods, key=len, reverse=True):
        phrase = re.sub(r"(?:^|(?<=\s))" + re.escape(m) + r"(?=\s|$)", " ", phrase)
    return " ".join(phrase.split())


def mine(lang, outdir, lexicon):
    mods, forms = read_lexicon(lexicon)
    known = forms.get(lang, {})
    items = []  # (words, role, en concept)
    for path in sorted(glob.glob(os.path.join(outdir, "*.nt"))):
        pass
    paras = collections.defaultdict(dict)
    for path in sorted(glob.glob(os.path.join(outdir, "*.nt"))):
        l = path.rsplit(".", 2)[-2]
        if l not in (lang, "en"):
            continue
        for line in open(path, encoding="utf-8"):
            m = LINE.match(line.rstrip("\n"))
            if not m:
                continue
            s, p, o, _ = m.groups()
            if p == U + "leadPhrase":
                paras[s].setdefault(l, {})["phrase"] = text(o)
            elif p == U + "leadVerb":
                paras[s].setdefault(l, {})["verb"] = "unkgv:" + o[1:-1].rsplit("/", 1)[-1]
    # The lexicon is one for all languages and matches a form at the start
    # of a lead or of a clause (", and …"): a French or Spanish form that
    # would match English text longer than the lexicon does now (a word
    # "Decide" where no English form matches) is not proposed, or English
    # readings would change.
    # Leads are read at the start of paragraphs, clauses only in parts that
    # cite something (for the act of the citation: recognise.c).
    english = set()
    lead_verb = {}  # an English lead phrase -> the concepts it resolves to now
    text_floor = {}  # a paragraph text -> the length of its markup lead
    for path in sorted(glob.glob(os.path.join(outdir, "*.en.nt"))):
        texts, citing, paragraphs, leads, verb_of = {}, set(), set(), {}, {}
        for line in open(path, encoding="utf-8"):
            m = LINE.match(line.rstrip("\n"))
            if not m:
                continue
            if m.group(2) == U + "leadPhrase":
                leads[m.group(1)] = text(m.group(3))
            elif m.group(2) == U + "leadVerb":
                verb_of[m.group(1)] = "unkgv:" + m.group(3)[1:-1].rsplit("/", 1)[-1]
            elif m.group(2) == U + "text":
                texts.setdefault(m.group(1), []).append(text(m.group(3)))
            elif m.group(2) == U + "citation":
                citing.add(m.group(1))
            elif m.group(3) in ("<" + U + "PreambularParagraph>", "<" + U + "OperativeParagraph>"):
                paragraphs.add(m.group(1))
        for part, lead in leads.items():
            # a lead the markup cut inside a word (<i>Reitera</i>tes) is
            # read on into the text, which matches longer
            if not any(t.startswith(lead) and t[len(lead):len(lead) + 1].isalnum()
                       for t in texts.get(part, [])):
                english.add(lead[:40])
                if part in verb_of:
                    lead_verb.setdefault(lead, set()).add(verb_of[part])
        for part in paragraphs:  # a lead read from the text
            for t in texts.get(part, []):
                english.add(t[:40])
                if part in leads:  # the text wins only if longer than the lead
                    text_floor[t[:40]] = max(text_floor.get(t[:40], 0), len(leads[part]))
        for part in citing:
            for t in texts.get(part, []):
                for clause in t.split(", ")[1:]:
                    w = clause[:40]
                    english.add(w[:1].upper() + w[1:])
    # after an English prefix modifier the rest is read capitalised
    # ("Reiterates its determination": "Determination")
    every = {f for fs in forms.values() for f in fs}
    lengths = sorted({len(f) for f in every}, reverse=True)

    def known_len(t):
        return next((k for k in lengths if t[:k] in every), 0)

    # How long a new form may be at each English string without winning
    # over what the lexicon reads there now.  After an English prefix
    # modifier the rest is read capitalised ("Continues to encourage":
    # "Encourage"), and a reading with the modifier must be longer than
    # the one without (a form of the whole phrase) to win.
    limit = {t: max(known_len(t), text_floor.get(t, 0)) for t in english}
    for t in list(english):
        for m in mods.get("en", ()):
            if t.startswith(m + " "):
                rest = t[len(m) + 1:]
                if known_len(rest):
                    continue  # read as written; not capitalised
                rest = rest[:1].upper() + rest[1:]
                limit[rest] = min(limit.get(rest, 1 << 30), known_len(t) - len(m) - 1)
    english = sorted(limit)

    def collides(form, concept):
        """Would form match English text where the lexicon now matches less
        (and not an English lead that already is this concept)?"""
        import bisect
        i = bisect.bisect_left(english, form)
        while i < len(english) and english[i].startswith(form):
            t = english[i]
            if t == form and lead_verb.get(t) == {concept}:
                i += 1
                continue
            # src/lead.c: a capitalised form must end a word
            if limit[t] < len(form) and not (len(t) > len(form) and t[len(form)].isalnum()):
                return True
            i += 1
        return False

    for s, by in paras.items():
        if lang in by and "phrase" in by[lang] and "verb" in by.get("en", {}):
            ph = by[lang]["phrase"].strip(" ,:;")
            if lang == "ar" and ph.startswith("و") and len(ph.split()[0]) > 2:
                ph = ph[1:]
            words = tuple(strip_modifiers(ph, mods.get(lang, ())).split())
            if words:
                role = "preambularForm" if "/pp/" in s else "operativeForm"
                items.append((words, role, by["en"]["verb"]))
    node = collections.defaultdict(collections.Counter)
    roles = collections.defaultdict(collections.Counter)
    for words, role, c in items:
        for k in range(1, min(len(words), 6) + 1):
            node[words[:k]][c] += 1
            roles[words[:k]][role] += 1
    sense_of = read_senses(lexicon)

    def sense(c):
        return sense_of.get(c, c)

    # A word's own concept is read from its leads that no longer phrase
    # settles: Arabic "تؤكد" stands alone for stress or emphasize, and its
    # reaffirm count comes from "تؤكد من جديد", which becomes a form of its
    # own.  A child settles its leads when 80% of at least five give one
    # sense.
    def settled(cnt):
        total = sum(cnt.values())
        senses = collections.Counter()
        for c, k in cnt.items():
            senses[sense(c)] += k
        return total >= 5 and senses.most_common(1)[0][1] / total >= 0.8

    residual = {}
    for key in node:
        if len(key) > 1 and settled(node[key]):
            parent = key[:-1]
            residual.setdefault(parent, collections.Counter(node[parent]))
            residual[parent].subtract(node[key])

    emitted = {}
    for key in sorted(node, key=len):
        cnt = node[key]
        rest = +residual.get(key, cnt)
        if sum(rest.values()) >= 2:
            cnt = rest
        total = sum(cnt.values())
        # The concept of a form: the most frequent one of the most frequent
        # sense, so that a form that stands for several verbs of one sense
        # (French "Souligne": stress, emphasize, underline) is not filed
        # under a verb of another sense that happens to be more frequent
        # than each of them (Arabic "تؤكد" is emphasize-or-stress, not
        # reaffirm, which is "تؤكد من جديد").
        senses = collections.Counter()
        for c, k in cnt.items():
            senses[sense(c)] += k
        top, ns = senses.most_common(1)[0]
        c, n = next((c, k) for c, k in cnt.most_common() if sense(c) == top)
        fine, nf = cnt.most_common(1)[0]
        inherited = next((emitted[key[:k]] for k in range(len(key) - 1, 0, -1) if key[:k] in emitted), None)
        form = " ".join(key)
        if form in known:
            emitted[key] = known[form]
            continue
        # A lead verb the lexicon has no form for yet gets one from its first
        # word (not from a clitic or pronoun such as "Se"); a longer phrase
        # only when it changes the concept ("Notant avec préoccupation").
        # (Arabic verbs of three letters, تحث and ترى, are words of their
        # own; the particles إذ and قد are short, with the conjunction و too.)
        w = key[0][1:] if lang == "ar" and key[0].startswith("و") else key[0]
        short = len(key) == 1 and (len(w) <= 2 or (len(w) <= 3 and w.isascii()))
        # A longer phrase when it changes the sense, or the concept within
        # the sense ("Rappelant avec satisfaction"), for 60% of its leads.
        if inherited is not None and sense(c) == sense(inherited) and fine != inherited and nf / total >= 0.6:
            c, n = fine, nf
        changes = inherited is not None and c != inherited and (
            (sense(c) != sense(inherited) and ns / total >= 0.6) or (c == fine and nf / total >= 0.6))
        # A phrase does not end on an article or a preposition ("Reitera la",
        # "Reitera que"): what it says comes after it.  (Arabic verbs have
        # three letters: تحث.)
        if lang != "ar" and len(key) > 1 and len(key[-1]) <= 3 and not key[-1].isupper():
            continue
        if total >= 2 and ((inherited is None and not short) or changes):
            if collides(form, c):
                print(f"# not proposed: {form!r} ({c}, {total}x) would match English text")
            else:
                emitted[key] = c
    by_concept = collections.defaultdict(list)
    for key, c in emitted.items():
        form = " ".join(key)
        if form not in known:
            role = roles[key].most_common(1)[0][0]
            by_concept[c].append((role, form, sum(node[key].values())))
    resolved = sum(1 for words, _, c in items
                   if next((emitted[words[:k]] for k in range(len(words), 0, -1) if words[:k] in emitted), None))
    got = [(next((emitted[words[:k]] for k in range(len(words), 0, -1) if words[:k] in emitted), None), c)
           for words, _, c in items]
    same = sum(1 for g, c in got if g == c)
    same_sense = sum(1 for g, c in got if g and sense(g) == sense(c))
    print(f"# {lang}: {len(items)} aligned leads; with these forms {resolved} resolve, {same} to the English"
          f" concept, {same_sense} to its sense")
    for c in sorted(by_concept):
        fs = sorted(by_concept[c], key=lambda x: (x[0], -x[2], x[1]))
        body = " ;\n    ".join(f'unkg:{r} "{f}"@{lang}' for r, f, n in fs)
        print(f"{c} {body} .  # " + ", ".join(f"{f} {n}x" for r, f, n in fs))


def read_leads(outdir):
    """part IRI -> lang -> {phrase, verb, file}, from the *.nt of an export."""
    paras = collections.defaultdict(dict)
    for path in sorted(glob.glob(os.path.join(outdir, "*.nt"))):
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
    return paras


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "--mine":
        lexicon = sys.argv[4] if len(sys.argv) > 4 else os.path.join(os.path.dirname(__file__), "..", "ontology", "verbs.ttl")
        mine(sys.argv[2], sys.argv[3], lexicon)
        return
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    paras = read_leads(sys.argv[1])
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
