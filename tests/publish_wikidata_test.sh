#!/bin/sh
# The Wikidata links of the reference data (owl:sameAs, which the site's
# linkset counts): every link is a well-formed Wikidata item IRI, an entity
# has one at most and no two entities share one; no id a source gives for
# one of our entities but which names something else is used; every Member
# and observer State has one; the coverage of organizations and instruments
# is the one docs/publish.md states, and every organization or instrument
# without a link is listed there with the reason.
set -u
: "${UNKG_TOP_SRCDIR:?}"
top=$UNKG_TOP_SRCDIR
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-wikidata.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for f in states organizations instruments; do
  if ! rapper -q -i turtle -o ntriples "$top/ontology/$f.ttl" > "$tmp/$f.nt"; then
    echo "FAIL: ontology/$f.ttl does not parse"
    exit 1
  fi
done
python3 - "$tmp" "$top/docs/publish.md" << 'EOF'
import re
import sys

tmp, doc = sys.argv[1], sys.argv[2]
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SAME_AS = "<http://www.w3.org/2002/07/owl#sameAs>"
U = "https://w3id.org/unkg/"
fails = []
passed = 0


def check(ok, what):
    global passed
    if ok:
        passed += 1
    else:
        fails.append(what)


types, links = {}, {}
for f in ("states", "organizations", "instruments"):
    for line in open(f"{tmp}/{f}.nt", encoding="utf-8"):
        m = re.match(r"(<[^>]*>) (<[^>]*>) (.*) \.$", line.strip())
        if not m:
            continue
        s, p, o = m.groups()
        if p == RDF_TYPE:
            types.setdefault(s, set()).add(o)
        elif p == SAME_AS:
            links.setdefault(s, []).append(o)

bad = [(s, o) for s, os in links.items() for o in os
       if not re.fullmatch(r"<http://www\.wikidata\.org/entity/Q[1-9][0-9]*>", o)]
check(not bad, f"owl:sameAs objects that are no Wikidata item IRI: {bad[:5]}")
several = [s for s, os in links.items() if len(os) > 1]
check(not several, f"entities with more than one Wikidata item: {several[:5]}")
owner = {}
for s, os in links.items():
    for o in os:
        owner.setdefault(o, []).append(s)
shared = {o: ss for o, ss in owner.items() if len(ss) > 1}
check(not shared, f"Wikidata items shared by two entities: {list(shared.items())[:5]}")
untyped = [s for s in links if s not in types]
check(not untyped, f"links on things the reference data does not type: {untyped[:5]}")
# Ids a source gives for one of our entities that belong to something else
# (docs/publish.md says which thing): they must never come back.
WRONG = {"Q192710": "UNCTAD (the Malayan tapir)",
         "Q188307": "UNODC (The Salvation Army)",
         "Q483654": "ASEAN Plus Three (Sunni Islam)",
         "Q618666": "the East Asia Summit (a glacier)",
         "Q223800": "the Budapest Convention (Houston)",
         "Q192088": "the CTBT (a place in England)"}
used = {o[len("<http://www.wikidata.org/entity/"):-1]: s
        for s, os in links.items() for o in os}
back = [f"{used[q]} = {q}, given for {w}" for q, w in WRONG.items() if q in used]
check(not back, f"ids known to name something else: {back}")


def group(prefix):
    return sorted(s for s in types if s.startswith(f"<{U}{prefix}"))


states = [s for s in group("ref/state/")
          if types[s] & {f"<{U}ontology#MemberState>", f"<{U}ontology#ObserverState>"}]
members = [s for s in states if f"<{U}ontology#MemberState>" in types[s]]
check(len(members) == 193, f"193 Member States ({len(members)})")
unlinked = [s for s in states if s not in links]
check(not unlinked, f"States without a Wikidata item: {unlinked}")

text = open(doc, encoding="utf-8").read()
m = re.search(r"\n## Links for linked-data users\n(.*?)(\n## |\Z)", text, re.S)
section = m.group(1) if m else ""
check(bool(section), "docs/publish.md has a section 'Links for linked-data users'")
for prefix, curie, word in (("ref/org/", "unkgo", "organizations"),
                            ("ref/instrument/", "unkgi", "instruments")):
    ents = group(prefix)
    have = [s for s in ents if s in links]
    print(f"{word}: {len(have)} of {len(ents)} linked to Wikidata")
    stated = f"{len(have)} of {len(ents)} {word}"
    check(stated in " ".join(section.split()), f"docs/publish.md states '{stated}'")
    for s in ents:
        if s not in links:
            slug = s[len(U) + len(prefix) + 1:-1]
            check(f"`{curie}:{slug}`" in section,
                  f"docs/publish.md lists {curie}:{slug} (no Wikidata item) with the reason")
print(f"{len(states)} States, all linked")
for f in fails:
    print(f"FAIL: {f}")
print(f"{passed} passed, {len(fails)} failed (publish_wikidata)")
sys.exit(1 if fails else 0)
EOF
