#!/bin/sh
# Text-path throughput per core: runs `unkg export` over PDF-extracted text
# and prints MB of text input per CPU second (user + sys, not wall time, so
# that other load on the machine does not count) and triples per CPU second,
# the median of several runs.
#
#   sh bench/textspeed.sh [-n RUNS] [-f FORMATS] [-u UNKG] [PATH...]
#
# A PATH is a text file or a directory, whose *.txt files (recursively) are
# taken.  Defaults: 5 runs, N-Triples, src/unkg, and the two samples of
# corpus/, the pdftotext outputs of tests/fixtures/tvx, and /tmp/pdfc/pdf-0
# (bench/text_vs_xml --cache) when it is there.  The inputs go to one
# process per directory and layout (plain and .layout.txt extractions of
# one document map to the same output name); the few processes start once
# each, so start-up (the reference data) is part of the figure.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
runs=5
formats=ntriples
unkg=$top/src/unkg
while getopts n:f:u: opt; do
  case $opt in
  n) runs=$OPTARG ;;
  f) formats=$OPTARG ;;
  u) unkg=$OPTARG ;;
  *) echo "usage: sh bench/textspeed.sh [-n RUNS] [-f FORMATS] [-u UNKG] [PATH...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ -x "$unkg" ] || { echo "bench: build first: $unkg is missing" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
if [ $# -eq 0 ]; then
  set -- "$top"/corpus/*.txt "$top/tests/fixtures/tvx"
  [ -d /tmp/pdfc/pdf-0 ] && set -- "$@" /tmp/pdfc/pdf-0
fi
# One process per group: where export has workers (-j), one worker, so
# that the figure is one core's and holds no cost of dispatching.
jobs=""
if "$unkg" export --help 2>/dev/null | grep -q -- '--jobs'; then
  jobs="-j 1"
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-textspeed.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# The inputs, one group (one process) per directory and layout.
for p in "$@"; do
  if [ -d "$p" ]; then
    find "$p" -name '*.txt' -type f
  elif [ -f "$p" ]; then
    printf '%s\n' "$p"
  else
    echo "bench: $p: no such file or directory" >&2
    exit 2
  fi
done | LC_ALL=C sort -u > "$tmp/inputs"
[ -s "$tmp/inputs" ] || { echo "bench: no *.txt inputs" >&2; exit 2; }
mkdir "$tmp/groups"
while IFS= read -r f; do
  case $f in *.layout.txt) kind=layout ;; *) kind=plain ;; esac
  key=$(printf '%s %s' "$(dirname "$f")" "$kind" | cksum | cut -d' ' -f1)
  printf '%s\n' "$f" >> "$tmp/groups/$key"
done < "$tmp/inputs"
files=$(wc -l < "$tmp/inputs")
bytes=$(tr '\n' '\0' < "$tmp/inputs" | xargs -0 cat | wc -c)
groups=$(ls "$tmp/groups" | wc -l)

# One run: every group once; prints "cpu_seconds triples user sys".
run() {
  user=0
  sys=0
  triples=0
  for g in "$tmp/groups"/*; do
    rm -rf "$tmp/out"
    tr '\n' '\0' < "$g" | /usr/bin/time -f '%U %S' -o "$tmp/time" \
      xargs -0 "$unkg" export $jobs -v -f "$formats" -o "$tmp/out" 2> "$tmp/log" || true
    read -r u s < "$tmp/time"
    n=$(sed -n 's/.* (\([0-9]*\) triples)$/\1/p' "$tmp/log" | awk '{ t += $1 } END { print t + 0 }')
    user=$(awk -v a="$user" -v u="$u" 'BEGIN { printf "%.3f", a + u }')
    sys=$(awk -v a="$sys" -v s="$s" 'BEGIN { printf "%.3f", a + s }')
    triples=$((triples + n))
  done
  awk -v u="$user" -v s="$sys" -v t="$triples" 'BEGIN { printf "%.3f %d %.3f %.3f\n", u + s, t, u, s }'
}

i=0
while [ "$i" -lt "$runs" ]; do
  run >> "$tmp/runs"
  i=$((i + 1))
done
# The median run by CPU time, with its user and system shares (system time
# is mostly creating the output files, and varies with the file system).
sort -n "$tmp/runs" | awk -v f="$files" -v b="$bytes" -v g="$groups" -v r="$runs" \
  -v fmt="$formats${jobs:+ ($jobs)}" '
  { cpu[NR] = $1; t = $2; us[NR] = $3; sy[NR] = $4 }
  END {
    k = int((NR + 1) / 2)
    m = cpu[k]
    if (m <= 0) m = 0.001
    printf "inputs        %d text files, %.2f MB, %d processes\n", f, b / 1e6, g
    printf "output        %s, %d triples\n", fmt, t
    printf "CPU seconds   median %.3f of %d runs (min %.3f, max %.3f); user %.3f, sys %.3f\n",
      m, r, cpu[1], cpu[NR], us[k], sy[k]
    printf "MB/s per core %.2f (user time only: %.2f)\n", b / 1e6 / m, b / 1e6 / (us[k] > 0 ? us[k] : 0.001)
    printf "triples/s     %.0f\n", t / m
  }'
