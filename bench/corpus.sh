#!/bin/sh
# unkg over a whole collection next to its floor, in one run (docs/performance.md).
#
#   sh bench/corpus.sh [-n RUNS] [-f FORMATS] [-l LIST] [-P] [DIR...]
#
# Inputs: every *.xml under DIR... (default: ../shared/corpus/akn, both
# sessions in every language), or the files named one a line in LIST.
# FORMATS: "nt" (N-Triples, the default) or "ttl" (Turtle + RDF/XML).
# Each of RUNS rounds (default 3) times, over the same file list:
#   unkg -j1   `unkg export -j 1` (plain `unkg export` when -j is missing)
#   unkg -j2   `unkg export -j 2`, when `unkg export --help` offers -j
#   parse      libxml2 alone: a small C program that reads each file and
#              parses it with the options unkg uses (xmlCtxtReadMemory,
#              building the tree), in one process
#   write      serdi reading unkg's own output as N-Triples and writing it
#              again into a file, once per output format (N-Triples for nt;
#              Turtle for ttl, and Turtle again for the RDF/XML, which serd
#              cannot write)
# The floor is parse + write.  Prints the medians of CPU (user + system)
# and wall seconds, the peak resident memory of each, the CPU ratio
# unkg/floor, the wall ratio -j2/-j1, and, unless -P, where unkg's CPU goes:
# one `perf record` of unkg -j1 grouped by stage (the source file for
# unkg's own code, the library otherwise), and its top 10 functions.
# Needs a built src/unkg (or UNKG_BIN), cc, libxml2's headers, serdi and
# GNU time; perf is optional.
set -eu
cd "$(dirname "$0")/.."
top=$PWD
runs=3
fmt=nt
list=
profile=1
while getopts n:f:l:P opt; do
  case $opt in
  n) runs=$OPTARG ;;
  f) fmt=$OPTARG ;;
  l) list=$OPTARG ;;
  P) profile= ;;
  *) echo "usage: sh bench/corpus.sh [-n RUNS] [-f nt|ttl] [-l LIST] [-P] [DIR...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
case $fmt in
nt) formats=ntriples writes=ntriples ;;
ttl) formats=turtle,rdfxml writes="turtle turtle" ;;
*) echo "bench: -f takes nt or ttl" >&2; exit 2 ;;
esac
unkg=${UNKG_BIN:-$top/src/unkg}
[ -x "$unkg" ] || { echo "bench: build first (src/unkg is missing)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
command -v serdi > /dev/null || { echo "bench: needs serdi (apt-get install serdi)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-corpus.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ -n "$list" ]; then
  grep -v '^$' "$list" > "$tmp/list"
else
  [ $# -gt 0 ] || set -- "$top/../shared/corpus/akn"
  find "$@" -name '*.xml' -type f | LC_ALL=C sort > "$tmp/list"
fi
files=$(wc -l < "$tmp/list")
[ "$files" -gt 0 ] || { echo "bench: no input files" >&2; exit 1; }
mb=$(tr '\n' '\0' < "$tmp/list" | xargs -0 cat | wc -c | awk '{printf "%.1f", $1 / 1e6}')

# The parse floor: the same parse unkg makes (akn_xml.c), nothing else.
cat > "$tmp/parse.c" <<'EOF'
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
  char path[8192];
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  const int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA
                   | XML_PARSE_BIG_LINES;
  while (fgets(path, sizeof path, stdin)) {
    path[strcspn(path, "\n")] = '\0';
    FILE* f = fopen(path, "rb");
    if (!f) { perror(path); return 1; }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char* b = malloc((size_t)n + 1);
    if (!b || fread(b, 1, (size_t)n, f) != (size_t)n) { perror(path); return 1; }
    fclose(f);
    xmlDocPtr d = xmlCtxtReadMemory(ctxt, b, (int)n, path, NULL, opts);
    xmlFreeDoc(d);
    free(b);
  }
  xmlFreeParserCtxt(ctxt);
  return 0;
}
EOF
# shellcheck disable=SC2046
cc -O2 -o "$tmp/parse" "$tmp/parse.c" $(pkg-config --cflags --libs libxml-2.0 2> /dev/null \
  || echo "-I/usr/include/libxml2 -lxml2") || { echo "bench: cannot build the parse floor" >&2; exit 1; }

jobs=
if "$unkg" export --help 2>&1 | grep -q -- '-j'; then
  jobs=1
fi

# timed NAME CMD...: runs CMD, appends "NAME cpu wall rss_kb" to $tmp/times.
timed() {
  name=$1
  shift
  /usr/bin/time -f '%U %S %e %M' -o "$tmp/t" "$@"
  # The last line: time first says "Command exited with non-zero status"
  # when some input failed (a truncated file fails in every run alike).
  tail -n 1 "$tmp/t" | awk -v n="$name" '{printf "%s %.3f %.3f %d\n", n, $1 + $2, $3, $4}' \
    >> "$tmp/times"
}

# export_run OUT [-j N]: unkg over the list, in one process tree.
export_run() {
  out=$1
  shift
  rm -rf "$out"
  set -f
  old_ifs=$IFS
  IFS='
'
  # shellcheck disable=SC2046
  timed "$name_of_run" "$unkg" export -q "$@" -f "$formats" -o "$out" $(cat "$tmp/list") \
    2> "$tmp/errors" || true
  IFS=$old_ifs
  set +f
}

# unkg's triples as one N-Triples file, for the writing floor (untimed).
set -f
IFS='
'
# shellcheck disable=SC2046
"$unkg" export -q -f ntriples -o "$tmp/nt" $(cat "$tmp/list") 2> /dev/null || true
IFS=' 	
'
set +f
find "$tmp/nt" -name '*.nt' | LC_ALL=C sort | xargs cat > "$tmp/all.nt"
triples=$(wc -l < "$tmp/all.nt")
rm -rf "$tmp/nt"

: > "$tmp/times"
r=1
while [ "$r" -le "$runs" ]; do
  if [ -n "$jobs" ]; then
    name_of_run=unkg-j1 export_run "$tmp/out1" -j 1
    name_of_run=unkg-j2 export_run "$tmp/out2" -j 2
  else
    name_of_run=unkg-j1 export_run "$tmp/out1"
  fi
  rm -rf "$tmp/out1" "$tmp/out2"
  timed parse "$tmp/parse" < "$tmp/list"
  for w in $writes; do
    timed "write" serdi -q -i ntriples -o "$w" "$tmp/all.nt" > "$tmp/written"
  done
  r=$((r + 1))
done

# Writes of one round add up (ttl writes twice); medians over the rounds.
awk -v runs="$runs" -v files="$files" -v mb="$mb" -v triples="$triples" -v fmt="$fmt" '
function median(v, name,   k, n, i, j, t, a) {
  n = 0
  for (k = 1; k <= runs; ++k) if ((name, k) in v) a[++n] = v[name, k]
  for (i = 1; i <= n; ++i) for (j = i + 1; j <= n; ++j) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
  return n ? (n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2) : 0
}
{
  if ($1 == "write" && prev == "write") { cpu[$1, round[$1]] += $2; wall[$1, round[$1]] += $3 }
  else { round[$1]++; cpu[$1, round[$1]] = $2; wall[$1, round[$1]] = $3 }
  if ($4 > rss[$1]) rss[$1] = $4
  prev = $1
}
END {
  for (k = 1; k <= runs; ++k) cpu["floor", k] = cpu["parse", k] + cpu["write", k]
  printf "inputs: %d files, %s MB; %d triples; format %s; %d runs (medians)\n", files, mb, triples, fmt, runs
  printf "%-8s %9s %9s %9s\n", "", "CPU s", "wall s", "peak MB"
  split("unkg-j1 unkg-j2 parse write floor", names, " ")
  for (i = 1; i <= 5; ++i) {
    n = names[i]
    if (!((n, 1) in cpu)) { printf "%-8s  (skipped: unkg export has no -j)\n", n; continue }
    if (n == "floor") printf "%-8s %9.2f %9s %9s\n", n, median(cpu, n), "-", "-"
    else printf "%-8s %9.2f %9.2f %9.1f\n", n, median(cpu, n), median(wall, n), rss[n] / 1024
  }
  printf "CPU unkg -j1 / floor: %.2f (target <= 1.3)\n", median(cpu, "unkg-j1") / median(cpu, "floor")
  if (("unkg-j2", 1) in cpu)
    printf "wall unkg -j2 / -j1: %.2f (target <= 0.6)\n", median(wall, "unkg-j2") / median(wall, "unkg-j1")
  printf "peak memory of unkg: %.1f MB (target <= 100)\n", (rss["unkg-j2"] > rss["unkg-j1"] ? rss["unkg-j2"] : rss["unkg-j1"]) / 1024
}' "$tmp/times"

# Where unkg's CPU goes, by stage.
if [ -n "$profile" ] && command -v perf > /dev/null; then
  set -f
  IFS='
'
  # shellcheck disable=SC2046
  perf record -q -F 999 -o "$tmp/perf.data" -- "$unkg" export -q ${jobs:+-j 1} -f "$formats" \
    -o "$tmp/outp" $(cat "$tmp/list") > /dev/null 2>&1 || true # unkg exits 1 when some input failed
  if [ -s "$tmp/perf.data" ]; then
    IFS=' 	
'
    set +f
    echo "unkg -j1 CPU by stage (perf, self time; libc's share is its callers', unattributed):"
    perf report -i "$tmp/perf.data" --no-children --sort dso,srcfile --stdio 2> /dev/null \
      | awk -v bin="$(basename "$unkg")" '
      /^ *[0-9.]+%/ {
        p = $1; sub("%", "", p); dso = $2; src = $3
        if (dso == bin) {
          if (src ~ /^akn/) s = "AKN reader (akn*.c)"
          else if (src ~ /^(normalise|text)\.c/) s = "normalising (normalise.c, text.c)"
          else if (src ~ /^lexicon\.c/) s = "lexicon (lexicon.c: matching, loading)"
          else if (src ~ /^(recognise|commit|answers|symbol|lead)\.c/) s = "recognise (recognise, commit, answers, symbol, lead)"
          else if (src ~ /^(segment|report|doc)\.c/) s = "readers and model (segment, report, doc)"
          else if (src ~ /^(graph|triples|vocab)\.c/) s = "graph (graph.c, triples.c)"
          else if (src ~ /^(serialize|escape)\.c/) s = "writing (serialize.c, escape.c)"
          else if (src ~ /^(read|buf)\.c/) s = "input and buffers (read.c, buf.c)"
          else s = "unkg, other"
        } else if (dso ~ /libxml2/) s = "libxml2 (parse)"
        else if (dso ~ /libc\.so/) s = "libc (malloc, str*, mem*, stdio)"
        else if (dso ~ /kernel/) s = "kernel (files, memory)"
        else if (dso ~ /raptor|ld-linux/) s = "start-up (raptor, dynamic loader)"
        else s = "other libraries"
        cost[s] += p
      }
      END { for (s in cost) printf "  %6.1f%%  %s\n", cost[s], s }' | sort -rn
    echo "unkg -j1 top 10 functions (perf, self time):"
    perf report -i "$tmp/perf.data" --no-children --sort dso,sym --stdio 2> /dev/null \
      | awk '/^ *[0-9.]+%/ { printf "  %7s  %-22s %s\n", $1, $2, $4; if (++n == 10) exit }'
  else
    IFS=' 	
'
    set +f
    echo "(perf record failed: no profile)"
  fi
fi
