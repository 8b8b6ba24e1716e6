#!/bin/sh
# Load time of unkg's output into both stores: the embedded SQLite store
# (`unkg load --store`) and a private Virtuoso (tools/virtuoso, bulk loader).
# COPIES exports of corpus/ under distinct --base IRIs make distinct
# documents (each a graph of its own), as a real corpus would.
#   sh bench/stores.sh [COPIES]      (default 20; needs src/unkg, virtuoso-t)
set -eu
cd "$(dirname "$0")/.."
copies=${1:-20}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-stores.XXXXXX")
trap 'tools/virtuoso stop "$tmp/virtuoso" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

i=0
while [ "$i" -lt "$copies" ]; do
  src/unkg export -q -f nquads --base "http://bench.example/$i/" -o "$tmp/nq" corpus/*.txt
  # same file names per copy: keep them apart
  for f in "$tmp"/nq/*.nq; do mv "$f" "$tmp/$i-$(basename "$f")"; done
  i=$((i + 1))
done
quads=$(cat "$tmp"/*.nq | wc -l)
files=$(ls "$tmp"/*.nq | wc -l)
echo "input: $files documents (graphs), $quads quads"

elapsed() { /usr/bin/time -f '%e %M' -o "$tmp/t" "$@" > /dev/null 2>&1; cat "$tmp/t"; }

set -- $(elapsed src/unkg load -q --no-reference --store "$tmp/s.db" "$tmp"/*.nq)
awk -v s="$1" -v k="$2" -v q="$quads" 'BEGIN {
  printf "SQLite store (unkg load):   %6.2f s  %8.0f quads/s  peak %.1f MB\n", s, q / (s > 0 ? s : 0.01), k / 1024 }'

if command -v virtuoso-t >/dev/null 2>&1; then
  tools/virtuoso start "$tmp/virtuoso" > /dev/null
  set -- $(elapsed tools/virtuoso load "$tmp/virtuoso" "$tmp"/*.nq)
  awk -v s="$1" -v q="$quads" 'BEGIN {
    printf "Virtuoso (bulk loader):     %6.2f s  %8.0f quads/s\n", s, q / (s > 0 ? s : 0.01) }'
  tools/virtuoso stop "$tmp/virtuoso"
else
  echo "Virtuoso: not installed (apt-get install virtuoso-opensource)"
fi
