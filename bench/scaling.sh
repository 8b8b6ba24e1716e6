#!/bin/sh
# Growth of time and memory with hostile input shapes (docs/security.md).
# For each shape, exports inputs of 1x, 2x, 4x and 8x the base count and
# prints CPU seconds (user + system: steadier than wall time on a shared
# machine), peak resident memory, and the growth exponent of time (least
# squares of log time over log size; 1.0 is linear, 2.0 quadratic).
#   sh bench/scaling.sh [BASE] [SHAPE...]     (needs a built src/unkg, or UNKG_BIN)
# BASE (default 5000) scales every shape; SHAPE picks some of: headers
# footnotes subitems paragraphs replies headings aknnotes aknparas attributes.
set -eu
cd "$(dirname "$0")/.."
base=${1:-5000}
[ $# -gt 0 ] && shift
shapes=${*:-headers footnotes subitems paragraphs replies headings aknnotes aknparas attributes}
unkg=${UNKG_BIN:-$PWD/src/unkg}
[ -x "$unkg" ] || { echo "bench: build first" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-scaling.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# gen SHAPE N FILE: an input of shape SHAPE with N repetitions.
gen() {
  python3 bench/shapes.py "$1" "$2" "$3" "$PWD"
}

printf '%-11s %8s %9s %9s %9s %9s  %s\n' shape n1 t1/s t2/s t4/s t8/s "exponent  peak MB (8x)  exit (8x)"
for shape in $shapes; do
  line=""
  pts=""
  for m in 1 2 4 8; do
    n=$((base * m))
    ext=txt
    case $shape in akn* | attributes) ext=xml ;; esac
    gen "$shape" "$n" "$tmp/in.$ext"
    rm -rf "$tmp/out"
    set +e
    /usr/bin/time -f '%U %S %M' -o "$tmp/time" timeout 600 "$unkg" export -q -f turtle -o "$tmp/out" \
      "$tmp/in.$ext" 2> "$tmp/err"
    rc=$?
    set -e
    read -r usr sys kb <<EOF
$(tail -n 1 "$tmp/time")
EOF
    secs=$(echo "$usr $sys" | awk '{printf "%.2f", $1 + $2}')
    line="$line $(printf '%9s' "$secs")"
    pts="$pts $n $secs"
  done
  exp=$(echo "$pts" | awk '{
    k = 0
    for (i = 1; i <= NF; i += 2) { x = log($i); y = log($(i + 1) < 0.01 ? 0.01 : $(i + 1)); sx += x; sy += y; sxx += x * x; sxy += x * y; k++ }
    printf "%.2f", (k * sxy - sx * sy) / (k * sxx - sx * sx) }')
  printf '%-11s %8s%s  %8s  %12.1f  %9s\n' "$shape" "$base" "$line" "$exp" "$(echo "$kb" | awk '{print $1 / 1024}')" "$rc"
done
