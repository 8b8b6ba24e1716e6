#!/bin/sh
# The differential SPARQL suite: every query of tests/query_diff/ and the
# competency questions (docs/queries/), through each `unkg query` backend
# (RDF files in memory; a store made by unkg load, queried in place) and
# through Jena ARQ over the same quads, the answers compared as multisets
# (tests/query_diff_norm.py).  A disagreement fails.  So does a query unkg
# cannot run, except one it refuses before running with a message naming
# the construct it cannot answer correctly (docs/sparql.md): that is
# reported as REFUSED.  An answer listed in query_diff/rasqal.deviations
# (or virtuoso.deviations, for that backend), where the engine itself
# departs from SPARQL 1.1 and the list says how, is reported as DEVIATES.
#
# The data: the export of corpus/ and Akoma Ntoso resolutions, as N-Quads
# (one graph per expression, the zh and en ones sharing many triples), and
# the reference data as the graph unkg load puts it in.  The AKN files:
# those listed in $UNKG_QD_AKN_LIST (one path a line); with UNKG_QD_FULL=1
# the 20 resolutions below in English and Chinese from $UNKG_AKN_DIR
# (default ../shared/corpus/akn/75session from the source tree: 57 k
# quads, about 3 minutes on a busy machine); else the test fixtures
# (three resolutions, a few minutes).
# UNKG_QD_ONLY=NAME runs one query.  UNKG_QD_VIRTUOSO=1 (.ci/test) adds
# the backend `--store virtuoso:DIR`: a private Virtuoso that unkg starts,
# queried with Virtuoso's own SPARQL engine (virtuoso-opensource and
# librdf-storage-virtuoso; a minute more).
set -u
: "${UNKG_BIN:?}" "${UNKG_TOP_SRCDIR:?}"
top=$UNKG_TOP_SRCDIR
here=$top/tests
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-qd.XXXXXX")
trap '[ -d "$tmp/vt" ] && "$UNKG_BIN" store stop "$tmp/vt" > /dev/null 2>&1; rm -rf "$tmp"' EXIT
pass=0
fail=0
refused=0
deviates=0
no() { fail=$((fail + 1)); echo "FAIL: $*"; }

akn=${UNKG_AKN_DIR:-$top/../shared/corpus/akn/75session}
if [ -n "${UNKG_QD_AKN_LIST:-}" ]; then
  cp "$UNKG_QD_AKN_LIST" "$tmp/akn.list"
elif [ "${UNKG_QD_FULL:-}" = 1 ] && [ -d "$akn/English" ]; then
  for n in 2 19 27 28 29 30 101A-B 277 278 279 280 281 282 283 284 285 308 310 314 315; do
    for l in E:English C:Chinese; do
      f="$akn/${l#*:}/75_${n}_${l%%:*}.xml"
      [ -f "$f" ] && echo "$f"
    done
  done > "$tmp/akn.list"
else
  ls "$here"/fixtures/akn/75_*.xml > "$tmp/akn.list"
fi
mkdir "$tmp/data"
# shellcheck disable=SC2046
tr '\n' '\0' < "$tmp/akn.list" | xargs -0 "$UNKG_BIN" export -q -f nquads -o "$tmp/data" \
  "$top"/corpus/*.txt || no "export"
# The reference data as unkg load stores it: graph <https://w3id.org/unkg/ref>.
ref='<https://w3id.org/unkg/ref>'
"$UNKG_BIN" query -f tsv -e 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }' "$top"/ontology/*.ttl \
  | sed "s|\\( \\.\\)\$| $ref .|" > "$tmp/data/reference.nq" || no "reference data"
nfiles=$(ls "$tmp/data" | wc -l)
echo "data: $nfiles N-Quads files, $(cat "$tmp"/data/*.nq | wc -l) quads"
"$UNKG_BIN" load -q --no-reference --store "$tmp/store.db" "$tmp"/data/*.nq || no "unkg load"
backends="memory store"
if [ "${UNKG_QD_VIRTUOSO:-}" = 1 ]; then
  if "$UNKG_BIN" load -q --no-reference --store "virtuoso:$tmp/vt" "$tmp"/data/*.nq 2> "$tmp/vt.err"; then
    backends="$backends virtuoso"
  else
    no "unkg load --store virtuoso: failed: $(tail -n 5 "$tmp/vt.err")"
  fi
fi

queries=""
for q in "$here"/query_diff/*.rq "$top"/docs/queries/cq*.rq; do
  n=$(basename "$q" .rq)
  [ -n "${UNKG_QD_ONLY:-}" ] && [ "$n" != "$UNKG_QD_ONLY" ] && continue
  queries="$queries $q"
done

# Jena ARQ, once over all of them (one JVM, the data loaded once).
if sh "$here/jena.sh" check 2>/dev/null; then
  mkdir "$tmp/jena"
  # shellcheck disable=SC2086
  sh "$here/jena.sh" java "$here/jena/Differential.java" "$tmp/jena" $queries -- "$tmp"/data/*.nq \
    > "$tmp/jena.log" 2>&1 || { no "Jena ARQ did not run:"; head -20 "$tmp/jena.log"; }
  have_jena=1
elif [ "${UNKG_REQUIRE_JENA:-}" = 1 ]; then
  no "Jena is not installed (apt-get install libapache-jena-java default-jre-headless)"
  have_jena=0
else
  echo "SKIP: Jena ARQ comparison (Jena not installed)"
  have_jena=0
fi

norm() { python3 "$here/query_diff_norm.py"; }
for q in $queries; do
  n=$(basename "$q" .rq)
  [ "$have_jena" = 1 ] || continue
  if grep -q '^ERROR' "$tmp/jena/$n.jena"; then
    no "$n: Jena ARQ failed: $(head -c 300 "$tmp/jena/$n.jena")"
    continue
  fi
  norm < "$tmp/jena/$n.jena" > "$tmp/$n.want"
  for backend in $backends; do
    case $backend in
      memory) set -- "$tmp"/data/*.nq ;;
      store) set -- --store "$tmp/store.db" ;;
      virtuoso) set -- --store "virtuoso:$tmp/vt" ;;
    esac
    "$UNKG_BIN" query -f tsv -q "$q" "$@" > "$tmp/$n.$backend" 2> "$tmp/$n.$backend.err"
    rc=$?
    dev=rasqal
    [ $backend = virtuoso ] && dev=virtuoso
    if [ $rc -ne 0 ]; then
      if [ $rc -eq 2 ] && grep -q 'cannot answer .* correctly' "$tmp/$n.$backend.err"; then
        refused=$((refused + 1))
        echo "REFUSED: $n ($backend): $(head -n 1 "$tmp/$n.$backend.err")"
      elif [ $rc -eq 1 ] && grep -q "^$n .*(exit 1" "$here/query_diff/$dev.deviations"; then
        # The engine stops with an error where SPARQL has an unbound
        # value: listed, never a silent answer.
        deviates=$((deviates + 1))
        echo "DEVIATES: $n ($backend): $(grep "^$n " "$here/query_diff/$dev.deviations" | cut -d' ' -f2- | sed 's/^ *//')"
      else
        no "$n ($backend): exit $rc: $(head -c 300 "$tmp/$n.$backend.err")"
      fi
      continue
    fi
    norm < "$tmp/$n.$backend" > "$tmp/$n.$backend.got"
    if cmp -s "$tmp/$n.want" "$tmp/$n.$backend.got"; then
      pass=$((pass + 1))
    elif grep -q "^$n " "$here/query_diff/$dev.deviations"; then
      deviates=$((deviates + 1))
      echo "DEVIATES: $n ($backend): $(grep "^$n " "$here/query_diff/$dev.deviations" | cut -d' ' -f2- | sed 's/^ *//')"
    else
      no "$n ($backend): unkg query and Jena ARQ disagree (< Jena, > unkg):"
      diff "$tmp/$n.want" "$tmp/$n.$backend.got" | head -8
    fi
  done
done

echo "$pass agreed, $refused refused, $deviates deviate, $fail failed"
[ "$fail" -eq 0 ]
