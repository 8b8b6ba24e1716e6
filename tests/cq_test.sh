#!/bin/sh
# The competency questions (docs/queries/cq*.rq) over the export of corpus/
# plus the reference data:
#  - `unkg query` must give the answer checked by hand against the source
#    texts (tests/cq/cqNN.expected.tsv).  Where the answer exposes a known
#    exporter bug, tests/cq/cqNN.bug says what it is and cqNN.current.tsv
#    holds today's wrong answer: the test then insists on that one (so other
#    changes still show) and says XFAIL; once the bug is fixed it says so.
#  - Jena ARQ, an independent SPARQL engine, must give the same rows.
#  - CQ17's offsets must point at the source text its paragraphs came from.
set -u
: "${UNKG_BIN:?}" "${UNKG_TOP_SRCDIR:?}"
top=$UNKG_TOP_SRCDIR
here=$top/tests
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-cq.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }

"$UNKG_BIN" export -q -f turtle -o "$tmp/out" "$top"/corpus/*.txt || no "export of corpus/"
# The graph: the export and the ontology with the reference data (not the
# SHACL shapes, which describe graphs and are no part of one).
set -- "$tmp"/out/*.ttl
for f in "$top"/ontology/*.ttl; do
  case $f in *shapes*) ;; *) set -- "$@" "$f" ;; esac
done

# --- unkg query against the hand-checked answers ----------------------------
for q in "$top"/docs/queries/cq*.rq; do
  n=$(basename "$q" .rq | cut -d- -f1)
  exp=$here/cq/$n.expected.tsv
  cur=$here/cq/$n.current.tsv
  if ! "$UNKG_BIN" query -f tsv -q "$q" "$@" > "$tmp/$n.tsv" 2> "$tmp/$n.err"; then
    # A shape Rasqal answers wrongly is refused (docs/sparql.md); only
    # where tests/cq/cqNN.refused says why.
    if [ -e "$here/cq/$n.refused" ] && grep -q 'cannot answer .* correctly' "$tmp/$n.err"; then
      ok
      echo "REFUSED: $n: $(head -n 1 "$tmp/$n.err")"
      touch "$tmp/$n.refused"
    else
      no "$n: unkg query failed: $(cat "$tmp/$n.err")"
    fi
    continue
  fi
  [ -e "$here/cq/$n.refused" ] && no "$n: answered, yet tests/cq/$n.refused says it is refused: remove that"

  [ -s "$tmp/$n.err" ] && no "$n: unkg query wrote to stderr: $(cat "$tmp/$n.err")"
  if cmp -s "$tmp/$n.tsv" "$exp"; then
    if [ -e "$cur" ]; then
      no "$n: XPASS, the known bug is fixed: remove tests/cq/$n.current.tsv and $n.bug"
    else
      ok
    fi
  elif [ -e "$cur" ] && cmp -s "$tmp/$n.tsv" "$cur"; then
    ok
    echo "XFAIL: $n: known exporter bug (tests/cq/$n.bug):"
    sed 's/^/    /' "$here/cq/$n.bug"
  else
    no "$n: answer differs from tests/cq/$n.expected.tsv:"
    diff "$exp" "$tmp/$n.tsv" | head -20
  fi
done

# The queries spell out transitive properties (Rasqal has no property
# paths) to two steps; they stay right only while the data goes no deeper.
deep='PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
ASK { { ?a org:unitOf|org:subOrganizationOf ?b .
        ?b org:unitOf|org:subOrganizationOf ?c .
        ?c org:unitOf|org:subOrganizationOf ?d }
      UNION { ?a skos:broader ?b . ?b skos:broader ?c . ?c skos:broader ?d } }'

# --- Jena ARQ must agree -----------------------------------------------------
if sh "$here/jena.sh" check 2>/dev/null; then
  jargs=""
  for f in "$@"; do jargs="$jargs --data=$f"; done
  for q in "$top"/docs/queries/cq*.rq; do
    n=$(basename "$q" .rq | cut -d- -f1)
    [ -e "$tmp/$n.refused" ] && continue
    # shellcheck disable=SC2086 # jargs holds one word per file
    if sh "$here/jena.sh" sparql $jargs --query="$q" --results=TSV > "$tmp/$n.jena" 2> "$tmp/$n.jerr"; then
      # As sets of rows: the header stays first, the rest is sorted.
      for x in tsv jena; do
        { head -n 1 "$tmp/$n.$x"; tail -n +2 "$tmp/$n.$x" | LC_ALL=C sort; } > "$tmp/$n.$x.set"
      done
      if cmp -s "$tmp/$n.tsv.set" "$tmp/$n.jena.set"; then
        ok
      else
        no "$n: Jena ARQ and unkg query disagree:"
        diff "$tmp/$n.jena.set" "$tmp/$n.tsv.set" | head -10
      fi
    else
      no "$n: Jena ARQ failed: $(head -c 500 "$tmp/$n.jerr")"
    fi
  done
  echo "$deep" > "$tmp/deep.rq"
  # shellcheck disable=SC2086
  sh "$here/jena.sh" sparql $jargs --query="$tmp/deep.rq" --results=TSV > "$tmp/deep.out" 2>&1
  if grep -q '^false$' "$tmp/deep.out"; then ok; else
    no "reference data has an org:unitOf/skos:broader chain of three steps: extend CQ3, 5, 12, 13"
  fi
elif [ "${UNKG_REQUIRE_JENA:-}" = 1 ]; then
  no "Jena is not installed (apt-get install libapache-jena-java default-jre-headless)"
else
  echo "SKIP: Jena ARQ comparison (Jena not installed)"
fi

# --- CQ17: the offsets lead back to the source text --------------------------
py() { python3 "$here/cq_roundtrip.py" "$top/corpus"; }
if py < "$tmp/cq17.tsv" > "$tmp/rt.out"; then ok; else no "CQ17 provenance round trip:"; cat "$tmp/rt.out"; fi
echo "CQ17 round trip: $(tail -n 1 "$tmp/rt.out")"
# Every span, not just the paragraphs CQ17 asks for.
"$UNKG_BIN" query -f tsv -e 'PREFIX unkg: <https://w3id.org/unkg/ontology#>
SELECT ?file ?begin ?end ?text WHERE {
  ?part unkg:text ?text ; unkg:hasSpan ?s .
  ?s unkg:inExpression ?e ; unkg:beginOffset ?begin ; unkg:endOffset ?end .
  ?e unkg:sourceFile ?file . } ORDER BY ?file ?begin' "$tmp"/out/*.ttl > "$tmp/all.tsv"
if py < "$tmp/all.tsv" > "$tmp/rt-all.out"; then ok; else no "round trip of every span:"; cat "$tmp/rt-all.out"; fi
echo "round trip of every span: $(tail -n 1 "$tmp/rt-all.out")"
# The check itself must catch a span that is off by a character.
awk -F'\t' 'BEGIN { OFS = "\t" } NR == 2 { $2 = $2 + 3 } { print }' "$tmp/cq17.tsv" > "$tmp/off.tsv"
if py < "$tmp/off.tsv" > /dev/null; then no "the round trip check misses a shifted span"; else ok; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
