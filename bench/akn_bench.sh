#!/bin/sh
# Measures the Akoma Ntoso reader on whole sessions, in any languages, and
# checks it against the UN's metadata extracts.
#
#   sh bench/akn_bench.sh [-o OUT_DIR] [-l LANGS] SESSION_DIR...
#
# SESSION_DIR: a session folder of the UN's collection (language folders
# Arabic/ Chinese/ English/ French/ Russian/ Spanish/ ... and a
# data_extract_NN.json); default ../shared/corpus/akn/75session.  LANGS:
# comma-separated codes (ar,zh,en,fr,ru,es,de), default every language
# folder there.  OUT_DIR: default $TMPDIR/unkg-akn-bench.
#
# 1. Exports every *.xml with the default formats (Turtle and RDF/XML)
#    under /usr/bin/time -v: failures (one line each), wall time, documents
#    and triples per second, peak memory.
# 2. Exports them again as N-Triples only (timed too: the serialiser's
#    share) and runs akn_agreement.py: agreement with the extracts per
#    language and per field, each disagreement classified (unkg's, the
#    file's or the extract's fault; the last two excluded with the reason),
#    lead-phrase coverage and alignment per language, and the aligned
#    paragraphs whose languages give different verb senses, by kind.
# 3. Runs akn_align.py: where a language file does not give the English
#    file's paragraph IRIs, its paragraphs aligned with the English ones by
#    position and number (not eId), and what could not be aligned
#    (python3 bench/akn_align.py OUT_DIR/nt -v lists each paragraph).
# Run from the top of a built tree.  Needs /usr/bin/time (apt-get install time).
set -eu
out=${TMPDIR:-/tmp}/unkg-akn-bench
langs=
while [ $# -gt 0 ]; do
  case $1 in
    -o) out=$2; shift 2 ;;
    -l) langs=$2; shift 2 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    --) shift; break ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || set -- ../shared/corpus/akn/75session
bin=src/unkg
[ -x "$bin" ] || { echo "build first: $bin is missing" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
folder() {
  case $1 in
    ar) echo Arabic ;; zh) echo Chinese ;; en) echo English ;; fr) echo French ;;
    ru) echo Russian ;; es) echo Spanish ;; de) echo German ;; *) echo "$1" ;;
  esac
}
rm -rf "$out"
mkdir -p "$out"
: > "$out/inputs"
for s in "$@"; do
  [ -d "$s" ] || { echo "not a directory: $s" >&2; exit 2; }
  if [ -z "$langs" ]; then
    find "$s" -name '*.xml' >> "$out/inputs"
  else
    for l in $(echo "$langs" | tr ',' ' '); do
      d="$s/$(folder "$l")"
      [ -d "$d" ] && find "$d" -name '*.xml' >> "$out/inputs"
    done
  fi
done
LC_ALL=C sort -o "$out/inputs" "$out/inputs"
n_in=$(wc -l < "$out/inputs")
[ "$n_in" -gt 0 ] || { echo "no *.xml files under $*" >&2; exit 2; }

set +e
# One timer around every batch xargs makes (a long list is split, and a
# timer inside xargs would measure the last batch only); max RSS is the
# largest of the processes.  The batches are as long as the system allows
# (-s: two sessions in six languages fit in one): unkg aligns the language
# files of one resolution only when they come in one run.
/usr/bin/time -v -o "$out/time.txt" sh -c 'tr "\n" "\0" < "$1" | xargs -0 -s 2000000 "$2" export -v -o "$3"' \
  sh "$out/inputs" "$bin" "$out/rdf" 2> "$out/stderr.txt"
rc=$?
set -e
grep '^\[' "$out/stderr.txt" > "$out/progress.txt" || true
n_ok=$(wc -l < "$out/progress.txt")
errors=$(grep -c ': error: ' "$out/stderr.txt" || true)
# -v adds a line per paragraph the alignment renamed or left alone
# (": warning: alignment: "): details of the one line per file counted.
grep -v ': warning: alignment: ' "$out/stderr.txt" > "$out/messages.txt" || true
warnings=$(grep -c ': warning: ' "$out/messages.txt" || true)
triples=$(sed -n 's/.*(\([0-9]*\) triples)$/\1/p' "$out/progress.txt" | awk '{s += $1} END {print s + 0}')
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time.txt")
secs=$(echo "$wall" | awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}')
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")
bytes=$(tr '\n' '\0' < "$out/inputs" | xargs -0 cat | wc -c)

echo "sessions: $*"
echo "inputs: $n_in files, $bytes bytes; exit status $rc"
echo "exported: $n_ok; failures: $errors; warnings: $warnings"
echo "triples: $triples"
echo "wall time: ${secs} s"
awk -v n="$n_ok" -v t="$triples" -v s="$secs" -v r="$rss" 'BEGIN {
  printf "documents/s: %.1f\ntriples/s: %.0f\npeak memory (max RSS): %.1f MiB\n", n / s, t / s, r / 1024 }'
echo "failures:"
grep ': error: ' "$out/stderr.txt" | sed 's/^/  /' || true
echo "warnings by kind (the file's name and line left out):"
grep ': warning: ' "$out/messages.txt" | sed 's/^.*: warning: //; s/"[^"]*"/"…"/g; s/[0-9][0-9]*/N/g' |
  LC_ALL=C sort | uniq -c | sort -rn | head -n 15

# Broken files fail here as they did above (counted there): go on to the
# agreement with the rest.
/usr/bin/time -v -o "$out/time-nt.txt" sh -c 'tr "\n" "\0" < "$1" | xargs -0 -s 2000000 "$2" export -q -f ntriples -o "$3"' \
  sh "$out/inputs" "$bin" "$out/nt" 2> /dev/null || true
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time-nt.txt")
secs=$(echo "$wall" | awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}')
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time-nt.txt")
awk -v n="$n_ok" -v t="$triples" -v s="$secs" -v r="$rss" 'BEGIN {
  printf "N-Triples only: %.2f s, %.1f documents/s, %.0f triples/s, peak memory %.1f MiB\n",
         s, n / s, t / s, r / 1024 }'
echo
python3 "$(dirname "$0")/akn_agreement.py" "$out/nt" "$@"
echo
python3 "$(dirname "$0")/akn_align.py" "$out/nt"
