#!/bin/sh
# Memory of the text path against the size of its input (docs/security.md,
# "Memory"): for each text shape of bench/shapes.py, exports inputs of 1x,
# 2x, 4x and 8x the base count and prints the input's bytes, the peak
# resident memory of the run (GNU time: the largest of the dispatcher and
# its worker), and
#   ratio = (peak - baseline) / input bytes
# where baseline is the peak of the same build on a minimal document (the
# sample resolution cut after its first paragraph, 0.9 KB): what every run
# holds whatever its input (code, libraries, the reference data), which no
# small input can be 20x of.  slope = (peak 8x - peak 1x) / (input 8x -
# input 1x) is what each further input byte costs, with no baseline at all.
#   sh bench/textmem.sh [BASE] [SHAPE...]     (needs a built src/unkg, or UNKG_BIN)
# BASE (default 5000) scales every shape; SHAPE picks some of: headers
# footnotes subitems paragraphs replies headings resolution report
# (the last two: the samples of corpus/ repeated BASE/100 and BASE/1000
# times).  Prints the largest ratio and slope last.  At 1x a ratio may be
# near 0 or below: the peak can still be the baseline's own (loading the
# reference data), which the document's memory then reuses; the slope
# has no such blind spot.
set -eu
cd "$(dirname "$0")/.."
base=${1:-5000}
[ $# -gt 0 ] && shift
shapes=${*:-headers footnotes subitems paragraphs replies headings resolution report}
unkg=${UNKG_BIN:-$PWD/src/unkg}
[ -x "$unkg" ] || { echo "bench: build first" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-textmem.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# A cache of the parsed reference data of its own: a shared one may be
# rewritten by another tree's run, and parsing takes 3 MB more than loading.
UNKG_CACHE_DIR=$tmp/cache
export UNKG_CACHE_DIR

# peak FILE: the run's peak RSS in KB (the exit status must be 0).
peak() {
  rm -rf "$tmp/out"
  if ! /usr/bin/time -f '%M' -o "$tmp/time" "$unkg" export -q -f turtle -o "$tmp/out" "$1" 2> "$tmp/err"; then
    echo "bench: $1 failed: $(head -n 1 "$tmp/err")" >&2
    exit 1
  fi
  tail -n 1 "$tmp/time"
}

python3 bench/shapes.py minimal 1 "$tmp/min.txt" "$PWD"
peak "$tmp/min.txt" > /dev/null # the first run writes the cache
b=
for k in 1 2 3; do # the least of three: resident memory varies a little
  m=$(peak "$tmp/min.txt")
  [ -z "$b" ] || [ "$m" -lt "$b" ] && b=$m
done
printf 'baseline: %.1f MB peak on a minimal document (%s bytes)\n' "$(echo "$b" | awk '{print $1 / 1024}')" \
  "$(wc -c < "$tmp/min.txt")"
printf '%-11s %6s %10s %9s %7s %7s %7s %7s %7s\n' shape n1 "bytes 8x" "MB 8x" ratio1 ratio2 ratio4 ratio8 slope
worst=0
steep=0
for shape in $shapes; do
  line=""
  for m in 1 2 4 8; do
    python3 bench/shapes.py "$shape" $((base * m)) "$tmp/in.txt" "$PWD"
    bytes=$(wc -c < "$tmp/in.txt")
    kb=$(peak "$tmp/in.txt")
    ratio=$(echo "$kb $b $bytes" | awk '{printf "%.1f", ($1 - $2) * 1024 / $3}')
    line="$line $(printf '%7s' "$ratio")"
    worst=$(echo "$worst $ratio" | awk '{print ($2 > $1) ? $2 : $1}')
    [ "$m" -eq 1 ] && { kb1=$kb; bytes1=$bytes; }
  done
  slope=$(echo "$kb $kb1 $bytes $bytes1" | awk '{printf "%.1f", ($1 - $2) * 1024 / ($3 - $4)}')
  steep=$(echo "$steep $slope" | awk '{print ($2 > $1) ? $2 : $1}')
  printf '%-11s %6s %10s %9.1f%s %7s\n' "$shape" "$base" "$bytes" "$(echo "$kb" | awk '{print $1 / 1024}')" "$line" "$slope"
done
echo "max ratio: $worst, max slope: $steep (target <= 20)"
