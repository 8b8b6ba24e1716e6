#!/bin/sh
# Measures the Akoma Ntoso reader on a whole session (default: the 75th,
# Chinese and English) and checks it against the UN's metadata extract.
#
#   sh bench/akn_bench.sh [CORPUS_DIR] [OUT_DIR]
#
# 1. Exports every *.xml under CORPUS_DIR with the default formats (Turtle
#    and RDF/XML) under /usr/bin/time -v: failures, wall time, documents and
#    triples per second, peak memory.
# 2. Exports them again as N-Triples only (timed too: the serialiser's share)
#    and runs akn_agreement.py:
#    symbol, adoption date, agenda item, meeting and vote counts against
#    data_extract_*.json, zh/en paragraph alignment, lead phrase coverage.
# Run from the top of a built tree.  Needs /usr/bin/time (apt-get install time).
set -eu
corpus=${1:-../shared/corpus/akn/75session}
out=${2:-${TMPDIR:-/tmp}/unkg-akn-bench}
bin=src/unkg
[ -x "$bin" ] || { echo "build first: $bin is missing" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
extract=$(ls "$corpus"/data_extract_*.json | head -n 1)
rm -rf "$out"
mkdir -p "$out"
find "$corpus" -name '*.xml' | LC_ALL=C sort > "$out/inputs"
n_in=$(wc -l < "$out/inputs")

set +e
tr '\n' '\0' < "$out/inputs" | xargs -0 /usr/bin/time -v -o "$out/time.txt" \
  "$bin" export -v -o "$out/rdf" 2> "$out/stderr.txt"
rc=$?
set -e
grep '^\[' "$out/stderr.txt" > "$out/progress.txt" || true
n_ok=$(wc -l < "$out/progress.txt")
errors=$(grep -c ': error: ' "$out/stderr.txt" || true)
warnings=$(grep -c ': warning: ' "$out/stderr.txt" || true)
triples=$(sed -n 's/.*(\([0-9]*\) triples)$/\1/p' "$out/progress.txt" | awk '{s += $1} END {print s + 0}')
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time.txt")
secs=$(echo "$wall" | awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}')
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")
bytes=$(tr '\n' '\0' < "$out/inputs" | xargs -0 cat | wc -c)

echo "inputs: $n_in files, $bytes bytes; exit status $rc"
echo "exported: $n_ok; errors: $errors; warnings: $warnings"
echo "triples: $triples"
echo "wall time: ${secs} s"
awk -v n="$n_ok" -v t="$triples" -v s="$secs" -v r="$rss" 'BEGIN {
  printf "documents/s: %.1f\ntriples/s: %.0f\npeak memory (max RSS): %.1f MiB\n", n / s, t / s, r / 1024 }'
grep ': error: ' "$out/stderr.txt" || true

# Broken files fail here as they did above (counted there): go on to the
# agreement with the rest.
tr '\n' '\0' < "$out/inputs" | xargs -0 /usr/bin/time -v -o "$out/time-nt.txt" \
  "$bin" export -q -f ntriples -o "$out/nt" 2> /dev/null || true
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time-nt.txt")
secs=$(echo "$wall" | awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}')
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time-nt.txt")
awk -v n="$n_ok" -v t="$triples" -v s="$secs" -v r="$rss" 'BEGIN {
  printf "N-Triples only: %.2f s, %.1f documents/s, %.0f triples/s, peak memory %.1f MiB\n",
         s, n / s, t / s, r / 1024 }'
python3 "$(dirname "$0")/akn_agreement.py" "$out/nt" "$extract"
