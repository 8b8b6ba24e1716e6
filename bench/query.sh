#!/bin/sh
# unkg query's backends side by side with Jena TDB2, over the export of
# corpus/ plus Akoma Ntoso resolutions as N-Quads: load time (quads/s) and
# peak memory, then each competency question's time and peak memory:
#   - memory: unkg query over the .nq files (parse + query per run);
#   - store:  unkg load --store, then unkg query --store in place;
#   - TDB2:   tdb2.tdbloader, then tdb2.tdbquery with tdb:unionDefaultGraph
#             (Debian's Jena through tests/jena.sh), JVM start included.
# A refused query (docs/sparql.md) shows "refused"; one over TIMEOUT
# seconds (default 120) shows ">T".
#   sh bench/query.sh [AKN_DIR [N]]   the first N (default 20) resolutions
#      of AKN_DIR/{English,Chinese} (default ../shared/corpus/akn/75session);
#      N=all takes every file (the 75th session in six languages: a few
#      million quads, hours on the Rasqal backends).
set -eu
cd "$(dirname "$0")/.."
akn=${1:-../shared/corpus/akn/75session}
n=${2:-20}
limit=${TIMEOUT:-120}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-qbench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [ "$n" = all ]; then
  find "$akn" -name '*.xml' | LC_ALL=C sort > "$tmp/akn.list"
else
  for l in English Chinese; do
    find "$akn/$l" -name '*.xml' | LC_ALL=C sort | head -n "$n"
  done > "$tmp/akn.list"
fi
tr '\n' '\0' < "$tmp/akn.list" | xargs -0 src/unkg export -q -f nquads -o "$tmp/nq" corpus/*.txt || true
src/unkg query -f tsv -e 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }' ontology/*.ttl \
  | sed 's| \.$| <https://w3id.org/unkg/ref> .|' > "$tmp/nq/reference.nq"
quads=$(cat "$tmp"/nq/*.nq | wc -l)
echo "data: $(ls "$tmp/nq" | wc -l) N-Quads files, $quads quads"

measure() { # prints "seconds peakKiB status"
  rc=0
  /usr/bin/time -f '%e %M' -o "$tmp/t" timeout "$limit" "$@" > "$tmp/out" 2> "$tmp/err" || rc=$?
  echo "$(tail -n 1 "$tmp/t" | awk '{print $(NF-1), $NF}') $rc"
}
rate() { awk -v s="$1" -v k="$2" -v q="$quads" 'BEGIN { printf "%7.1f s %8.0f quads/s  peak %6.1f MiB", s, q / (s > 0 ? s : 0.01), k / 1024 }'; }

set -- $(measure src/unkg load -q --no-reference --store "$tmp/s.db" "$tmp"/nq/*.nq)
echo "load, unkg SQLite store:  $(rate "$1" "$2")"
jena=0
if sh tests/jena.sh check 2> /dev/null; then
  jena=1
  set -- $(measure sh tests/jena.sh java tdb2.tdbloader --loc "$tmp/tdb2" "$tmp"/nq/*.nq)
  echo "load, Jena TDB2:          $(rate "$1" "$2")"
fi

cell() { # seconds peak status -> a table cell
  case $3 in
    0) awk -v s="$1" -v k="$2" 'BEGIN { printf "%7.2f s %5.0f MiB", s, k / 1024 }' ;;
    2) if grep -q 'cannot answer' "$tmp/err"; then printf '%17s' refused; else printf '%17s' "error 2"; fi ;;
    124) printf '%17s' ">${limit} s" ;;
    *) printf '%17s' "error $3" ;;
  esac
}
printf '\n%-26s %17s %17s %17s\n' query "unkg (files)" "unkg --store" "Jena TDB2"
for q in docs/queries/cq*.rq; do
  name=$(basename "$q" .rq)
  a=$(cell $(measure src/unkg query -f tsv -q "$q" "$tmp"/nq/*.nq))
  b=$(cell $(measure src/unkg query -f tsv -q "$q" --store "$tmp/s.db"))
  c=$(printf '%17s' -)
  if [ $jena = 1 ]; then
    c=$(cell $(measure sh tests/jena.sh java tdb2.tdbquery --loc "$tmp/tdb2" --set tdb:unionDefaultGraph=true --query "$q" --results TSV))
  fi
  printf '%-26s %s %s %s\n' "$name" "$a" "$b" "$c"
done
