#!/bin/sh
# Parallel export: wall time, CPU and peak memory of `unkg export -j 1`
# against `-j N` over the same inputs, runs alternating in one invocation so
# that both see the same machine; then the stream outputs (--shard,
# --combine .nq.gz) at -j N.  Prints every run, the medians and the ratio.
#
#   sh bench/jobs.sh [-r RUNS] [-j N] [-l LANGS] [-n MAX] [SESSION_DIR...]
#
# RUNS defaults to 3, N to 2, LANGS to Chinese,English (directory names
# under each session), MAX (inputs per language and session) to all;
# SESSION_DIR defaults to both AKN sessions of ../shared/corpus/akn.  Run
# from the top of a built tree, under `nice` on a shared machine.
set -eu
runs=3
jobs=2
langs=Chinese,English
max=0
while getopts r:j:l:n: opt; do
  case $opt in
  r) runs=$OPTARG ;;
  j) jobs=$OPTARG ;;
  l) langs=$OPTARG ;;
  n) max=$OPTARG ;;
  *) echo "usage: sh bench/jobs.sh [-r RUNS] [-j N] [-l LANGS] [-n MAX] [SESSION_DIR...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- ../shared/corpus/akn/75session ../shared/corpus/akn/76session
unkg=$(pwd)/src/unkg
[ -x "$unkg" ] || { echo "bench: build first: src/unkg is missing" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-jobs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

: > "$tmp/inputs"
for s in "$@"; do
  for l in $(echo "$langs" | tr ',' ' '); do
    [ -d "$s/$l" ] || continue
    find "$s/$l" -name '*.xml' | LC_ALL=C sort > "$tmp/one"
    if [ "$max" -gt 0 ]; then head -n "$max" "$tmp/one"; else cat "$tmp/one"; fi >> "$tmp/inputs"
  done
done
n=$(wc -l < "$tmp/inputs")
[ "$n" -gt 0 ] || { echo "bench: no *.xml under $* ($langs)" >&2; exit 2; }
mb=$(tr '\n' '\0' < "$tmp/inputs" | xargs -0 cat | wc -c | awk '{printf "%.1f", $1 / 1048576}')
echo "inputs: $n files, $mb MiB ($langs of $*); $runs runs each, alternating"

# run NAME ARGS...: one export of every input (one process: -s fits a
# session's list); prints and records
# wall, CPU (user + system, workers included) and peak RSS.
run() {
  name=$1
  shift
  rm -rf "$tmp/out" "$tmp/out.nq.gz"
  tr '\n' '\0' < "$tmp/inputs" | xargs -0 -s 2000000 /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" \
    "$unkg" export -q "$@" 2> "$tmp/err" || true
  read -r wall user sys kb < "$tmp/time"
  cpu=$(echo "$user $sys" | awk '{printf "%.2f", $1 + $2}')
  echo "$wall $cpu $kb" >> "$tmp/$name"
  printf '  %-28s wall %6.2f s  cpu %6.2f s  peak %5.1f MiB\n' "$name" "$wall" "$cpu" \
    "$(echo "$kb" | awk '{print $1 / 1024}')"
}
median() { # column file
  sort -n -k "$1" "$2" | awk -v c="$1" '{v[NR] = $c} END {print v[int((NR + 1) / 2)]}'
}

i=0
while [ "$i" -lt "$runs" ]; do
  # The exports must be the same, whatever -j: the xargs split of the list
  # is the same for both.
  run "-j 1 (ttl+rdf files)" -j 1 -o "$tmp/out"
  [ "$i" -eq 0 ] && mv "$tmp/out" "$tmp/out1"
  run "-j $jobs (ttl+rdf files)" -j "$jobs" -o "$tmp/out"
  if [ "$i" -eq 0 ]; then
    diff -r "$tmp/out1" "$tmp/out" > /dev/null || echo "  DIFFERENT: -j 1 and -j $jobs exports differ"
    rm -rf "$tmp/out1"
  fi
  run "-j $jobs --shard 4" -j "$jobs" --shard 4 -o "$tmp/out"
  run "-j $jobs --combine .nq.gz" -j "$jobs" --combine "$tmp/out.nq.gz"
  i=$((i + 1))
done

w1=$(median 1 "$tmp/-j 1 (ttl+rdf files)")
wn=$(median 1 "$tmp/-j $jobs (ttl+rdf files)")
c1=$(median 2 "$tmp/-j 1 (ttl+rdf files)")
cn=$(median 2 "$tmp/-j $jobs (ttl+rdf files)")
echo "medians:"
for f in "$tmp"/-j*; do
  printf '  %-28s wall %6.2f s  cpu %6.2f s\n' "$(basename "$f")" "$(median 1 "$f")" "$(median 2 "$f")"
done
echo "$w1 $wn $c1 $cn $jobs" | awk '{printf "wall -j %d / -j 1: %.2f (speed-up %.2fx); cpu -j %d / -j 1: %.2f\n", $5, $2 / $1, $1 / $2, $5, $4 / $3}'
