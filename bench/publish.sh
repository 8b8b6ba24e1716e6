#!/bin/sh
# Publishes a whole session as a site and prints pages/s, bytes and peak
# memory (docs/publish.md has the figures).
#
#   sh bench/publish.sh [AKN_SESSION_DIR] [WORK_DIR]
#
# AKN_SESSION_DIR defaults to ../shared/corpus/akn/75session (its six
# language directories).  The inputs are exported first as N-Quads (timed
# apart; a file that does not export, such as a truncated one, is left
# out: publish takes all its inputs or none), then the exports are
# published, under /usr/bin/time.  Run from the top of a built tree.
set -eu
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
session=${1:-../shared/corpus/akn/75session}
work=${2:-$(mktemp -d "${TMPDIR:-/tmp}/unkg-publish-bench.XXXXXX")}
mkdir -p "$work"
find "$session" -name '*.xml' | LC_ALL=C sort > "$work/inputs"
n_in=$(wc -l < "$work/inputs")

rm -rf "$work/exports"
tr '\n' '\0' < "$work/inputs" | xargs -0 /usr/bin/time -f '%e %M' -o "$work/time-export" \
  src/unkg export -q -f nquads -o "$work/exports" 2> "$work/export.err" || true
read -r esecs ekb << EOF
$(tail -n 1 "$work/time-export")
EOF
n_exp=$(find "$work/exports" -name '*.nq' | wc -l)

rm -rf "$work/site"
find "$work/exports" -name '*.nq' | LC_ALL=C sort | tr '\n' '\0' \
  | xargs -0 /usr/bin/time -f '%e %M %U %S' -o "$work/time-publish" \
    src/unkg publish -o "$work/site" 2> "$work/publish.err"
read -r secs kb usr sys < "$work/time-publish"
tail -n 1 "$work/publish.err"
docs=$(sed -n 's/.*: \([0-9]*\) documents, \([0-9]*\) pages, \([0-9]*\) triples, \([0-9]*\) bytes$/\1/p' "$work/publish.err")
pages=$(sed -n 's/.*: \([0-9]*\) documents, \([0-9]*\) pages, \([0-9]*\) triples, \([0-9]*\) bytes$/\2/p' "$work/publish.err")
triples=$(sed -n 's/.*: \([0-9]*\) documents, \([0-9]*\) pages, \([0-9]*\) triples, \([0-9]*\) bytes$/\3/p' "$work/publish.err")
bytes=$(sed -n 's/.*: \([0-9]*\) documents, \([0-9]*\) pages, \([0-9]*\) triples, \([0-9]*\) bytes$/\4/p' "$work/publish.err")
files=$(find "$work/site" -type f | wc -l)
dump=$(stat -c %s "$work/site/dump/unkg.nq.gz")
awk -v u="$usr" -v y="$sys" -v nin="$n_in" -v nexp="$n_exp" -v es="$esecs" -v ek="$ekb" -v s="$secs" -v k="$kb" \
  -v d="$docs" -v p="$pages" -v t="$triples" -v b="$bytes" -v f="$files" -v z="$dump" 'BEGIN {
  printf "inputs            %d XML files, %d exported (%.1f s, %.1f MB peak)\n", nin, nexp, es, ek / 1024
  printf "documents         %d (all languages of a symbol are one document)\n", d
  printf "pages             %d descriptions, each in HTML, Turtle, RDF/XML, N-Triples, JSON-LD\n", p
  printf "files             %d\n", f
  printf "triples           %d (in the dump)\n", t
  printf "bytes             %.1f MB written (dump %.1f MB gzipped)\n", b / 1e6, z / 1e6
  printf "wall time         %.1f s (CPU %.1f s user + %.1f s system)\n", s, u, y
  printf "pages/s           %.1f (%.1f per CPU second)\n", p / s, p / (u + y)
  printf "documents/s       %.1f\n", d / s
  printf "peak memory       %.1f MB resident\n", k / 1024
}'
echo "site: $work/site"
