#!/bin/sh
# Independent parsers and a reasoner on what unkg writes and reads:
#  - every file `unkg export` writes, in every format, parses with rapper
#    (Raptor) and with Apache Jena's riot, which also checks literals
#    against their datatypes and IRIs against RFC 3987;
#  - the ontology, the reference data and the SHACL shapes parse with both;
#  - the ontology, the reference data and the exported graphs together are
#    consistent under Jena's OWL Micro reasoner;
#  - every competency question is standard SPARQL 1.1 to Jena's parser.
set -u
: "${UNKG_BIN:?}" "${UNKG_TOP_SRCDIR:?}"
top=$UNKG_TOP_SRCDIR
jena="sh $top/tests/jena.sh"
if ! $jena check 2>/dev/null; then
  if [ "${UNKG_REQUIRE_JENA:-}" = 1 ]; then
    echo "FAIL: Jena is not installed (apt-get install libapache-jena-java default-jre-headless)"
    exit 1
  fi
  echo "SKIP: Jena is not installed"
  exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-rdf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }

"$UNKG_BIN" export -q -f turtle,rdfxml,ntriples,nquads -o "$tmp/out" "$top"/corpus/*.txt || no "export of corpus/"

syntax() {
  case $1 in
    *.ttl) echo turtle ;;
    *.rdf) echo rdfxml ;;
    *.nt) echo ntriples ;;
    *.nq) echo nquads ;;
  esac
}
for f in "$tmp"/out/* "$top"/ontology/*.ttl; do
  name=${f#"$tmp/out/"}
  name=${name#"$top/"}
  if rapper -q -i "$(syntax "$f")" -c "$f" > "$tmp/rapper.err" 2>&1; then ok; else
    no "$name: rapper: $(head -c 400 "$tmp/rapper.err")"
  fi
done
# riot: exit status, and no warning either (a bad IRI or lexical form is
# only a warning to riot).  One JVM for all files; one per file to say which.
if $jena riot --validate "$tmp"/out/* "$top"/ontology/*.ttl > "$tmp/riot.err" 2>&1 && [ ! -s "$tmp/riot.err" ]; then
  ok
else
  for f in "$tmp"/out/* "$top"/ontology/*.ttl; do
    if ! $jena riot --validate "$f" > "$tmp/riot1.err" 2>&1 || [ -s "$tmp/riot1.err" ]; then
      no "$(basename "$f"): riot: $(head -c 400 "$tmp/riot1.err")"
    fi
  done
fi
# ... and riot does flag a literal that is not of its datatype.
printf '%s\n' '<http://example.org/a> <http://example.org/b> "x"^^<http://www.w3.org/2001/XMLSchema#integer> .' > "$tmp/lit.nt"
$jena riot --validate "$tmp/lit.nt" > "$tmp/riot.err" 2>&1
if [ -s "$tmp/riot.err" ]; then ok; else no "riot accepted \"x\"^^xsd:integer silently"; fi
# riot must hold the same triples as rapper (not merely accept the file).
for f in "$tmp"/out/*.ttl "$tmp"/out/*.rdf; do
  rapper -q -i "$(syntax "$f")" -o ntriples "$f" | LC_ALL=C sort -u > "$tmp/a.nt"
  $jena riot --output=ntriples "$f" 2>/dev/null | LC_ALL=C sort -u > "$tmp/b.nt"
  # riot writes UTF-8 where rapper escapes: compare after one more rapper pass.
  rapper -q -i ntriples -o ntriples "$tmp/b.nt" | LC_ALL=C sort -u > "$tmp/c.nt"
  if cmp -s "$tmp/a.nt" "$tmp/c.nt"; then ok; else no "$(basename "$f"): riot and rapper read different triples"; fi
done

# --- consistency --------------------------------------------------------------
set --
for f in "$top"/ontology/*.ttl; do
  case $f in *shapes*) ;; *) set -- "$@" "$f" ;; esac
done
if $jena java "$top/tests/jena/Consistency.java" "$@" "$tmp"/out/*.ttl > "$tmp/owl.out" 2>&1; then
  ok
  echo "OWL Micro reasoner: $(tail -n 1 "$tmp/owl.out")"
else
  no "the ontology, reference data and export are inconsistent:"
  head -40 "$tmp/owl.out"
fi
# ... and the check does find an inconsistency when there is one.
printf '%s\n' '@prefix owl: <http://www.w3.org/2002/07/owl#> .' '@prefix x: <http://example.org/> .' \
  'x:A a owl:Class ; owl:disjointWith x:B .' 'x:B a owl:Class .' 'x:i a x:A , x:B .' > "$tmp/bad.ttl"
if $jena java "$top/tests/jena/Consistency.java" "$tmp/bad.ttl" > /dev/null 2>&1; then
  no "the reasoner missed a member of two disjoint classes"
else
  ok
fi

# --- the competency questions are standard SPARQL -----------------------------
for q in "$top"/docs/queries/*.rq; do
  if $jena java arq.qparse --query="$q" > /dev/null 2> "$tmp/q.err"; then ok; else
    no "$(basename "$q"): not SPARQL 1.1 to Jena: $(head -c 300 "$tmp/q.err")"
  fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
