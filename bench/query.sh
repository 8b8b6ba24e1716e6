#!/bin/sh
# unkg query's backends side by side with Jena TDB2, over the export of
# corpus/ plus Akoma Ntoso resolutions as N-Quads: load time (quads/s) and
# peak memory, then each competency question's time and peak memory:
#   - files:    unkg query over the .nq files (parse + query per run; left
#               out for N=all, where parsing alone takes minutes per run);
#   - SQLite:   unkg load --store FILE, then unkg query --store in place;
#   - Virtuoso: unkg load --store virtuoso:DIR (a private server unkg
#               starts), then unkg query --store virtuoso:DIR; the server's
#               peak memory is printed after the table (the client's is in
#               the cells);
#   - TDB2:     tdb2.tdbloader, then tdb2.tdbquery with tdb:unionDefaultGraph
#               (Debian's Jena through tests/jena.sh), JVM start included.
# Each query's cell: wall time, CPU time of the process (user + system; on
# a shared machine the wall time is mostly waiting for a core) and peak
# memory.  A refused query (docs/sparql.md) shows "refused"; one over
# TIMEOUT seconds (default 120) shows ">T".
#   sh bench/query.sh [AKN_DIR [N]]   the first N (default 20) resolutions
#      of AKN_DIR/{English,Chinese} (default ../shared/corpus/akn/75session);
#      N=all takes every file under AKN_DIR (../shared/corpus/akn: both
#      sessions in six languages, a few million quads).
#   BACKENDS="sqlite virtuoso" runs only those (of files sqlite virtuoso
#   tdb2); NQ=DIR takes the N-Quads in DIR (a reference.nq among them)
#   instead of exporting; UNKG=PATH loads and queries with that unkg (a
#   build of another commit, to compare; default src/unkg, which exports).
set -eu
cd "$(dirname "$0")/.."
akn=${1:-../shared/corpus/akn/75session}
n=${2:-20}
limit=${TIMEOUT:-120}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-qbench.XXXXXX")
unkg=${UNKG:-src/unkg}
trap '"$unkg" store stop "$tmp/vt" > /dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

backends=${BACKENDS:-files sqlite virtuoso tdb2}
has() { case " $backends " in *" $1 "*) return 0 ;; esac; return 1; }
if [ -n "${NQ:-}" ]; then
  mkdir "$tmp/nq"
  ln -s "$(cd "$NQ" && pwd)"/*.nq "$tmp/nq/"
elif [ "$n" = all ]; then
  find "$akn" -name '*.xml' | LC_ALL=C sort > "$tmp/akn.list"
else
  for l in English Chinese; do
    find "$akn/$l" -name '*.xml' | LC_ALL=C sort | head -n "$n"
  done > "$tmp/akn.list"
fi
if [ -z "${NQ:-}" ]; then
  tr '\n' '\0' < "$tmp/akn.list" | xargs -0 src/unkg export -q -f nquads -o "$tmp/nq" corpus/*.txt || true
  src/unkg query -f tsv -e 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }' ontology/*.ttl \
    | sed 's| \.$| <https://w3id.org/unkg/ref> .|' > "$tmp/nq/reference.nq"
fi
quads=$(cat "$tmp"/nq/*.nq | wc -l)
echo "data: $(ls "$tmp/nq" | wc -l) N-Quads files, $quads quads"
# The wall-clock figures depend on what else runs: say how busy it is.
echo "load average at the start: $(cut -d ' ' -f 1-3 /proc/loadavg)"

measure() { # prints "seconds peakKiB status cpuSeconds"
  rc=0
  /usr/bin/time -f '%e %M %U %S' -o "$tmp/t" timeout "$limit" "$@" > "$tmp/out" 2> "$tmp/err" || rc=$?
  echo "$(tail -n 1 "$tmp/t" | awk '{print $1, $2}') $rc $(tail -n 1 "$tmp/t" | awk '{print $3 + $4}')"
}
# Wall time, and the CPU time of the process (on a shared machine the wall
# time is mostly waiting for a core).
rate() { awk -v s="$1" -v k="$2" -v c="${4:-0}" -v q="$quads" 'BEGIN {
  printf "%7.1f s %8.0f quads/s", s, q / (s > 0 ? s : 0.01)
  if (c > 0) printf "  (CPU %6.1f s %8.0f quads/s)", c, q / c
  printf "  peak %6.1f MiB", k / 1024 }'; }

loadlimit=$limit
limit=${LOAD_TIMEOUT:-7200}
sq=0
if has sqlite; then
  sq=1
  set -- $(measure "$unkg" load -q --no-reference --store "$tmp/s.db" "$tmp"/nq/*.nq)
  echo "load, unkg SQLite store:  $(rate "$@")"
fi
vt=0
if has virtuoso && command -v virtuoso-t > /dev/null 2>&1; then
  set -- $(measure "$unkg" load -q --no-reference --store "virtuoso:$tmp/vt" "$tmp"/nq/*.nq)
  if [ "$3" = 0 ]; then
    vt=1
    echo "load, unkg Virtuoso:      $(rate "$1" "$2") (client; server start included)"
  else
    echo "load, unkg Virtuoso: failed: $(tail -n 3 "$tmp/err")"
  fi
fi
jena=0
if has tdb2 && sh tests/jena.sh check 2> /dev/null; then
  jena=1
  set -- $(measure sh tests/jena.sh java tdb2.tdbloader --loc "$tmp/tdb2" "$tmp"/nq/*.nq)
  echo "load, Jena TDB2:          $(rate "$@")"
fi
limit=$loadlimit

cell() { # seconds peak status cpu -> a table cell: wall time (CPU time) peak
  case $3 in
    0) awk -v s="$1" -v k="$2" -v c="$4" 'BEGIN { printf "%6.2f s (%5.2f) %4.0f MiB", s, c, k / 1024 }' ;;
    2) if grep -q 'cannot answer' "$tmp/err"; then printf '%24s' refused; else printf '%24s' "error 2"; fi ;;
    124) printf '%24s' ">${limit} s" ;;
    *) printf '%24s' "error $3" ;;
  esac
}
echo
echo "Each cell: wall time (CPU time of the process) peak memory."
printf '%-26s %24s %24s %24s %24s\n' query "unkg (files)" "unkg SQLite" "unkg Virtuoso" "Jena TDB2"
for q in docs/queries/cq*.rq; do
  name=$(basename "$q" .rq)
  a=$(printf '%24s' -)
  if [ "$n" != all ] && has files; then
    a=$(cell $(measure "$unkg" query -f tsv -q "$q" "$tmp"/nq/*.nq))
  fi
  b=$(printf '%24s' -)
  if [ $sq = 1 ]; then
    b=$(cell $(measure "$unkg" query -f tsv -q "$q" --store "$tmp/s.db"))
  fi
  v=$(printf '%24s' -)
  if [ $vt = 1 ]; then
    v=$(cell $(measure "$unkg" query -f tsv -q "$q" --store "virtuoso:$tmp/vt"))
  fi
  c=$(printf '%24s' -)
  if [ $jena = 1 ]; then
    c=$(cell $(measure sh tests/jena.sh java tdb2.tdbquery --loc "$tmp/tdb2" --set tdb:unionDefaultGraph=true --query "$q" --results TSV))
  fi
  printf '%-26s %s %s %s %s\n' "$name" "$a" "$b" "$v" "$c"
done
echo "load average at the end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
if [ $vt = 1 ]; then
  pid=$(cat "$tmp/vt/pid")
  echo "Virtuoso server: peak $(awk '/^VmHWM/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$pid/status")"
fi
