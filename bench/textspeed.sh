#!/bin/sh
# Text-path throughput per core: runs `unkg export` over PDF-extracted text
# and prints MB of text input per CPU second (user + sys, not wall time, so
# that other load on the machine does not count) and triples per CPU second,
# the median of several runs.  Beside it, in the same runs, the floor: serd
# (serdi) reading unkg's own N-Triples and writing them again into a file,
# once per output format (N-Triples for ntriples, N-Quads for nquads,
# Turtle for turtle and, as bench/corpus.sh does, for rdfxml, which serd
# cannot write), so that the figure has its limit beside it (issue 16).
#
#   sh bench/textspeed.sh [-n RUNS] [-f FORMATS] [-u UNKG] [-p] [PATH...]
#
# -p: after the runs, one `perf record` of unkg over the same groups, and
# its 20 functions of most self time, with the shares of unkg's own code,
# libc and the kernel (perf samples CPU time; callgrind, as in
# docs/performance.md, counts instructions).
#
# A PATH is a text file or a directory, whose *.txt files (recursively) are
# taken.  Defaults: 5 runs, N-Triples, src/unkg, and the two samples of
# corpus/, the pdftotext outputs of tests/fixtures/tvx, and the PDF cache's
# extractions, $UNKG_PDF_CACHE/pdf-0 (default /tmp/pdfc6, the --cache of
# bench/text_vs_xml in docs/text-vs-xml.md), when it is there; without it
# the inputs are 0.4 MB and the figure is mostly start-up, which is said.  The inputs go to one
# process per directory and layout (plain and .layout.txt extractions of
# one document map to the same output name); the few processes start once
# each, so start-up (the reference data) is part of the figure.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
runs=5
formats=ntriples
unkg=$top/src/unkg
profile=""
while getopts n:f:u:p opt; do
  case $opt in
  n) runs=$OPTARG ;;
  f) formats=$OPTARG ;;
  u) unkg=$OPTARG ;;
  p) profile=1 ;;
  *) echo "usage: sh bench/textspeed.sh [-n RUNS] [-f FORMATS] [-u UNKG] [-p] [PATH...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ -x "$unkg" ] || { echo "bench: build first: $unkg is missing" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
command -v serdi > /dev/null || { echo "bench: needs serdi (apt-get install serdi)" >&2; exit 2; }
if [ $# -eq 0 ]; then
  set -- "$top"/corpus/*.txt "$top/tests/fixtures/tvx"
  pdfs=${UNKG_PDF_CACHE:-/tmp/pdfc6}/pdf-0
  if [ -d "$pdfs" ]; then
    set -- "$@" "$pdfs"
  else
    echo "bench: no $pdfs (bench/text_vs_xml --cache): the samples alone, a figure mostly of start-up" >&2
  fi
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

# unkg's triples as one N-Triples file, for the floor (untimed).
for g in "$tmp/groups"/*; do
  rm -rf "$tmp/nt"
  tr '\n' '\0' < "$g" | xargs -0 "$unkg" export $jobs -q -f ntriples -o "$tmp/nt" 2> /dev/null || true
  find "$tmp/nt" -name '*.nt' | LC_ALL=C sort | xargs cat >> "$tmp/all.nt"
done
rm -rf "$tmp/nt"
writes=$(printf '%s\n' "$formats" | tr ',' '\n' | sed 's/^nt$/ntriples/; s/^nq$/nquads/; s/^ttl$/turtle/;
  s/^rdf$/rdfxml/; s/^rdfxml$/turtle/')

# The floor of one run: serdi writing those triples once per format;
# prints its CPU seconds.
floor() {
  cpu=0
  for w in $writes; do
    /usr/bin/time -f '%U %S' -o "$tmp/time" serdi -q -i ntriples -o "$w" "$tmp/all.nt" > "$tmp/written"
    read -r u s < "$tmp/time"
    cpu=$(awk -v a="$cpu" -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", a + u + s }')
  done
  rm -f "$tmp/written"
  echo "$cpu"
}

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
  floor >> "$tmp/floors"
  i=$((i + 1))
done
floor_cpu=$(sort -n "$tmp/floors" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
nt_mb=$(wc -c < "$tmp/all.nt" | awk '{ printf "%.1f", $1 / 1e6 }')
# The median run by CPU time, with its user and system shares (system time
# is mostly creating the output files, and varies with the file system).
sort -n "$tmp/runs" | awk -v f="$files" -v b="$bytes" -v g="$groups" -v r="$runs" \
  -v fmt="$formats${jobs:+ ($jobs)}" -v fl="$floor_cpu" -v ntmb="$nt_mb" -v w="$(echo $writes)" '
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
    if (fl <= 0) fl = 0.001
    printf "floor (serd)  median %.3f s CPU: serdi re-writing unkg'"'"'s N-Triples (%s MB) as %s\n", fl, ntmb, w
    printf "              %.2f MB/s of text input, %.0f triples/s\n", b / 1e6 / fl, t / fl
    printf "CPU unkg / floor: %.2f\n", m / fl
  }'

# Where the CPU goes: one perf record of the same groups, after the timed
# runs (so that it does not slow them).
if [ -n "$profile" ]; then
  if ! command -v perf > /dev/null; then
    echo "(no perf: no profile)"
    exit 0
  fi
  perf record -q -F 4000 -o "$tmp/perf.data" -- sh -c '
    for g in "$1"/groups/*; do
      rm -rf "$1/outp"
      tr "\n" "\0" < "$g" | xargs -0 "$2" export $3 -q -f "$4" -o "$1/outp" 2> /dev/null
    done
    exit 0' sh "$tmp" "$unkg" "$jobs" "$formats" > /dev/null 2>&1 || true
  if [ -s "$tmp/perf.data" ]; then
    echo "CPU by binary (perf, self time):"
    perf report -i "$tmp/perf.data" --no-children --sort dso --stdio 2> /dev/null \
      | awk '/^ *[0-9.]+%/ { printf "  %7s  %s\n", $1, $2; if (++n == 4) exit }'
    echo "top 20 functions (perf, self time):"
    perf report -i "$tmp/perf.data" --no-children --sort dso,sym --stdio 2> /dev/null \
      | awk '/^ *[0-9.]+%/ { printf "  %7s  %-22s %s\n", $1, $2, $4; if (++n == 20) exit }'
  else
    echo "(perf record failed: no profile)"
  fi
fi
