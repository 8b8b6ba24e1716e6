#!/bin/sh
# Export throughput and memory: runs `unkg export` over N copies of the
# sample corpus (each copy a separate input, as a real corpus would be) and
# prints documents/s, MB/s, triples/s and peak resident memory.
#   sh bench/export.sh [COPIES]     (default 200; needs a built src/unkg)
set -eu
cd "$(dirname "$0")/.."
copies=${1:-200}
unkg=src/unkg
[ -x "$unkg" ] || { echo "bench: build first (sh .ci/setup)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

mkdir "$tmp/in"
i=0
while [ "$i" -lt "$copies" ]; do
  for f in corpus/*.txt; do
    # Each copy a document of its own: its symbol made distinct (two inputs
    # with one output name are an error), A/72/315 -> A/72/1315 ...
    sed "s#A/72/315#A/72/$((1000 + i))#g; s#^71/28\\.#71/$((1000 + i)).#" "$f" \
      > "$tmp/in/$i-$(basename "$f")"
  done
  i=$((i + 1))
done
docs=$(ls "$tmp/in" | wc -l)
bytes=$(cat "$tmp/in"/* | wc -c)

/usr/bin/time -f '%e %M' -o "$tmp/time" \
  "$unkg" export -q -f turtle,rdfxml -o "$tmp/out" "$tmp/in"/* 
read -r secs kb < "$tmp/time"
triples_per_doc=0
for f in "$tmp/out"/*.ttl; do
  n=$(rapper -i turtle -c "$f" 2>&1 | sed -n 's/.*returned \([0-9]*\) triples.*/\1/p')
  triples_per_doc=$((triples_per_doc + ${n:-0}))
done
# One file per input, each a distinct document.
distinct=$(ls "$tmp/out"/*.ttl | wc -l)
triples=$((triples_per_doc * docs / distinct))

awk -v d="$docs" -v b="$bytes" -v s="$secs" -v k="$kb" -v t="$triples" 'BEGIN {
  if (s <= 0) s = 0.01
  printf "inputs            %d documents, %.1f MB\n", d, b / 1e6
  printf "wall time         %.2f s (Turtle + RDF/XML)\n", s
  printf "documents/s       %.0f\n", d / s
  printf "MB/s              %.2f\n", b / 1e6 / s
  printf "triples/s         %.0f (%d triples)\n", t / s, t
  printf "peak memory       %.1f MB resident\n", k / 1024
}'
