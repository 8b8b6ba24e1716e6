#!/bin/sh
# unkg export for a corpus (docs/scale.md): -j N gives the same bytes, file
# names and messages as -j 1, in input order; -o - streams N-Quads or
# N-Triples; --combine writes one (gzipped) N-Quads file; --shard N splits
# the documents over N files without splitting one; a signal in the middle
# of a parallel run leaves no temporary file and no worker behind.
set -u
: "${UNKG_BIN:?}" "${UNKG_TOP_SRCDIR:?}"
corpus="$UNKG_TOP_SRCDIR/corpus"
fx="$UNKG_TOP_SRCDIR/tests/fixtures/akn"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-scale.XXXXXX")
holder=
trap 'if [ -n "$holder" ]; then kill "$holder" 2> /dev/null; fi; rm -rf "$tmp"' EXIT
# The spool of the stream outputs goes to TMPDIR: a private one, to look into.
TMPDIR="$tmp/spooltmp"
export TMPDIR
mkdir "$TMPDIR"
pass=0
fail=0

ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if eval "$2"; then ok; else no "$1"; fi; }
# Hidden files (temporary exports, probes) anywhere under a directory.
hidden() { find "$1" -name '.*' ! -name . | wc -l; }
# Quads as a sorted set, by rapper (not by us).
quads() { rapper -q -i nquads -o nquads "$1" http://base.invalid/ | LC_ALL=C sort -u; }

# Every input in a few languages and both readers; 75/277 in two
# languages, the truncated file fails.
set -- "$corpus"/A_72_315.zh.txt "$fx"/75_19_C.xml "$fx"/75_277_E.xml "$fx"/conclusions-inline_A.xml \
  "$fx"/conclusions-text_F.xml "$fx"/75_283_C.xml "$corpus"/A_RES_71_28.zh.txt "$fx"/75_19_E.xml \
  "$fx"/conclusions-resumed_R.xml "$fx"/75_277_C.xml "$fx"/conclusions-resumed_S.xml "$fx"/75_283_E.xml
n_docs=$#

# --- -j 1 and -j 2: the same files, bytes and messages ---------------------------
for j in 1 2 5; do
  "$UNKG_BIN" export -v -j "$j" -f turtle,rdfxml,ntriples,nquads -o "$tmp/j$j" "$@" 2> "$tmp/j$j.err"
  echo $? > "$tmp/j$j.rc"
done
check "-j 1: exit 0" "[ \$(cat '$tmp/j1.rc') -eq 0 ]"
check "-j 1: four files per input" "[ \$(ls '$tmp/j1' | wc -l) -eq $((4 * n_docs)) ]"
for j in 2 5; do
  check "-j $j: exit 0" "[ \$(cat '$tmp/j$j.rc') -eq 0 ]"
  check "-j $j: the same file names as -j 1" "[ \"\$(ls '$tmp/j1')\" = \"\$(ls '$tmp/j$j')\" ]"
  same=0
  for f in "$tmp"/j1/*; do
    cmp -s "$f" "$tmp/j$j/$(basename "$f")" && same=$((same + 1))
  done
  check "-j $j: every file byte-identical to -j 1 ($same of $((4 * n_docs)))" "[ $same -eq $((4 * n_docs)) ]"
  check "-j $j: the same messages and progress, in the same order" \
    "sed 's|$tmp/j$j/|$tmp/j1/|' '$tmp/j$j.err' | cmp -s - '$tmp/j1.err'"
  check "-j $j: no hidden file left" "[ \$(hidden '$tmp/j$j') -eq 0 ]"
done
# Progress is in input order: line k names the k-th input.
k=0
inorder=1
for f in "$@"; do
  k=$((k + 1))
  grep "^\[$k/$n_docs\] " "$tmp/j5.err" | grep -qF "] $f -> " || inorder=0
done
check "-j 5: a progress line per input, numbered in input order" "[ $inorder -eq 1 ]"

# --- errors in input order ------------------------------------------------------
# The first input is a FIFO whose writer waits a second: with -j 2 every
# later input is done before it, yet its line comes first, and the error of
# the broken input (third) comes between the second's line and the fourth's.
mkfifo "$tmp/slow.txt"
(sleep 1; cat "$corpus/A_RES_71_28.zh.txt" > "$tmp/slow.txt") &
holder=$!
"$UNKG_BIN" export -v -j 2 -o "$tmp/order" "$tmp/slow.txt" "$fx/75_19_E.xml" "$fx/truncated.xml" \
  "$tmp/missing.txt" "$fx/75_283_C.xml" 2> "$tmp/order.err"
rc=$?
wait "$holder"
holder=
check "a broken and a missing input: exit 1 (got $rc)" "[ $rc -eq 1 ]"
sed -n 's/^\[\([0-9]*\)\/5\] .*/\1/p; s/^unkg: [^ ]*\(truncated\.xml\)[^ ]*: error: .*/\1/p; s/^unkg: [^ ]*\(missing\.txt\): error: .*/\1/p' \
  "$tmp/order.err" | tr '\n' ' ' > "$tmp/order.seq"
check "lines in input order: 1, 2, truncated.xml, missing.txt, 5 (got $(cat "$tmp/order.seq"))" \
  "[ \"\$(cat '$tmp/order.seq')\" = '1 2 truncated.xml missing.txt 5 ' ]"
check "the good inputs were still exported" \
  "[ -s '$tmp/order/A_RES_71_28.zh.ttl' ] && [ -s '$tmp/order/A_RES_75_19.en.ttl' ] && [ -s '$tmp/order/A_RES_75_283.zh.ttl' ]"

# --- two inputs, one output name, across workers --------------------------------
# The first input (slow, a FIFO) and the second are one document from two
# files: the first in input order owns the name even though the second is
# ready long before it.
cp "$corpus/A_RES_71_28.zh.txt" "$tmp/quick.txt"
(sleep 1; cat "$corpus/A_RES_71_28.zh.txt" > "$tmp/slow.txt") &
holder=$!
"$UNKG_BIN" export -q -j 2 -f nquads -o "$tmp/dup" "$tmp/slow.txt" "$tmp/quick.txt" 2> "$tmp/dup.err"
rc=$?
wait "$holder"
holder=
check "one name, two inputs, -j 2: exit 1 (got $rc)" "[ $rc -eq 1 ]"
check "the error names the first input as the owner, the second as not written" \
  "grep -q 'slow.txt and $tmp/quick.txt both map to the output name A_RES_71_28.zh: $tmp/quick.txt not written' '$tmp/dup.err'"
check "the file is the first input's" "grep -q 'sourceFile> \"slow.txt\"' '$tmp/dup/A_RES_71_28.zh.nq'"

# --- a FIFO whose writer is already waiting -----------------------------------------
# Planning the jobs peeks at each input's cover for its symbol; a FIFO must
# not be opened for that: the open would let the waiting writer in, and the
# peek's close would throw away what it wrote, leaving the worker to wait for
# a writer forever.  The writer is in its open() before unkg starts.
rm -f "$tmp/slow.txt"
mkfifo "$tmp/slow.txt"
cat "$corpus/A_RES_71_28.zh.txt" > "$tmp/slow.txt" &
holder=$!
sleep 0.5
timeout 60 "$UNKG_BIN" export -q -j 2 -f nquads -o "$tmp/fifo" "$tmp/slow.txt" "$fx/75_19_E.xml" 2> "$tmp/fifo.err"
rc=$?
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
holder=
check "a FIFO with its writer waiting: exported, exit 0 (got $rc)" "[ $rc -eq 0 ] && [ -s '$tmp/fifo/A_RES_71_28.zh.nq' ]"

# --- spools of killed runs ---------------------------------------------------------
# A run into a directory spools its documents in a hidden directory there,
# locked while the run lives: one nobody holds is a killed run's and goes,
# one a live run holds stays.
mkdir -p "$tmp/sweep/.unkg-spool.dead01/w0" "$tmp/sweep/.unkg-spool.live01"
: > "$tmp/sweep/.unkg-spool.dead01/w0/.A_RES_71_28.zh.ttl.Ab12Cd"
: > "$tmp/sweep/.unkg-spool.dead01/3.ttl"
flock "$tmp/sweep/.unkg-spool.live01" sleep 5 &
locker=$!
sleep 0.5
"$UNKG_BIN" export -j 2 -o "$tmp/sweep" "$corpus/A_RES_71_28.zh.txt" 2> "$tmp/sweep.err"
check "a killed run's spool: exit 0" "[ $? -eq 0 ]"
check "a killed run's spool is removed" "[ ! -e '$tmp/sweep/.unkg-spool.dead01' ]"
check "and a warning names it" "grep -q 'warning: removed .*/.unkg-spool.dead01, left by an export that was killed' '$tmp/sweep.err'"
check "a live run's spool stays" "[ -d '$tmp/sweep/.unkg-spool.live01' ]"
check "the run's own spool is gone" "[ \$(ls -A '$tmp/sweep' | grep -c '^\.unkg-spool') -eq 1 ]"
kill "$locker" 2> /dev/null
wait "$locker" 2> /dev/null

# --- -o -: one stream, in input order -------------------------------------------
"$UNKG_BIN" export -q -j 2 -o - "$@" > "$tmp/stream.nq" 2> "$tmp/stream.err"
check "-o -: exit 0" "[ $? -eq 0 ]"
check "-o -: no directory named -" "[ ! -e ./- ] && [ ! -e '$tmp/-' ]"
for f in "$@"; do
  stem=$(sed -n "s|^\[[0-9]*/$n_docs\] $f -> $tmp/j1/\(.*\) (.*|\1|p" "$tmp/j1.err")
  cat "$tmp/j1/$stem.nq" >> "$tmp/concat.nq"
  cat "$tmp/j1/$stem.nt" >> "$tmp/concat.nt"
done
check "-o -: the per-document N-Quads, concatenated in input order" \
  "[ -s '$tmp/concat.nq' ] && cmp -s '$tmp/stream.nq' '$tmp/concat.nq'"
rapper -q -i nquads -c "$tmp/stream.nq" 2> /dev/null
check "-o -: rapper parses it as N-Quads" "[ $? -eq 0 ]"
quads "$tmp/stream.nq" > "$tmp/q1"
cat "$tmp"/j1/*.nq | quads - > "$tmp/q2"
check "-o -: the same quads as the files ($(wc -l < "$tmp/q1"))" "[ -s '$tmp/q1' ] && cmp -s '$tmp/q1' '$tmp/q2'"
check "-o -: one graph per document" \
  "[ \$(awk '{print \$(NF-1)}' '$tmp/q1' | sort -u | wc -l) -eq $n_docs ]"
"$UNKG_BIN" export -q -j 2 -f ntriples -o - "$@" > "$tmp/stream.nt"
check "-o - -f ntriples: the per-document N-Triples, concatenated in input order" \
  "[ -s '$tmp/concat.nt' ] && cmp -s '$tmp/stream.nt' '$tmp/concat.nt'"
rapper -q -i ntriples -c "$tmp/stream.nt" 2> /dev/null
check "-o - -f ntriples: rapper parses it as N-Triples" "[ $? -eq 0 ]"
"$UNKG_BIN" export -q -f turtle -o - "$@" > /dev/null 2> "$tmp/turtle.err"
check "-o - -f turtle: usage error (exit 2)" "[ $? -eq 2 ] && grep -q 'ntriples' '$tmp/turtle.err'"
check "no spool left in TMPDIR" "[ -z \"\$(ls -A '$TMPDIR')\" ]"

# --- --combine ------------------------------------------------------------------
mkdir "$tmp/comb"
"$UNKG_BIN" export -q -j 2 --combine "$tmp/comb/all.nq.gz" "$@"
check "--combine .gz: exit 0" "[ $? -eq 0 ]"
check "--combine .gz: a valid gzip file" "gzip -t '$tmp/comb/all.nq.gz'"
zcat "$tmp/comb/all.nq.gz" > "$tmp/comb.nq"
check "--combine .gz: decompresses to the stream's bytes" "cmp -s '$tmp/comb.nq' '$tmp/stream.nq'"
check "--combine .gz: the same quad set as the files" "[ -s '$tmp/q1' ] && quads '$tmp/comb.nq' | cmp -s - '$tmp/q2'"
"$UNKG_BIN" export -q -j 1 --combine "$tmp/comb/all1.nq.gz" "$@"
check "--combine .gz: -j 1 and -j 2 give the same bytes" "cmp -s '$tmp/comb/all.nq.gz' '$tmp/comb/all1.nq.gz'"
"$UNKG_BIN" export -q -j 2 --combine "$tmp/comb/plain.nq" "$@"
check "--combine .nq: the stream's bytes" "cmp -s '$tmp/comb/plain.nq' '$tmp/stream.nq'"
check "--combine: nothing else left beside the files" "[ \$(ls -A '$tmp/comb' | wc -l) -eq 3 ]"
"$UNKG_BIN" export -q --combine "$tmp/comb/x.ttl" "$@" 2> /dev/null
check "--combine x.ttl: usage error" "[ $? -eq 2 ] && [ ! -e '$tmp/comb/x.ttl' ]"
"$UNKG_BIN" export -q --combine "$tmp/comb/y.nq" -o "$tmp/comb" "$@" 2> /dev/null
check "--combine with -o: usage error" "[ $? -eq 2 ]"
"$UNKG_BIN" export -q --combine "$tmp/comb/none.nq.gz" "$tmp/missing.txt" 2> /dev/null
check "--combine, every input failing: exit 1, still a gzip file" \
  "[ $? -eq 1 ] && gzip -t '$tmp/comb/none.nq.gz' && [ -z \"\$(zcat '$tmp/comb/none.nq.gz')\" ]"

# --- --shard --------------------------------------------------------------------
"$UNKG_BIN" export -q -j 2 --shard 3 -o "$tmp/sh" "$@"
check "--shard 3: exit 0" "[ $? -eq 0 ]"
check "--shard 3: three files, named" \
  "[ \"\$(ls -A '$tmp/sh' | tr '\n' ' ')\" = 'shard-1-of-3.nq shard-2-of-3.nq shard-3-of-3.nq ' ]"
cat "$tmp"/sh/*.nq | quads - > "$tmp/shq"
check "--shard 3: the union is the whole" "[ -s '$tmp/shq' ] && cmp -s '$tmp/shq' '$tmp/q2'"
split=0
for g in $(awk '{print $(NF-1)}' "$tmp/q1" | sort -u); do
  holders=$(grep -lF " $g ." "$tmp"/sh/*.nq | wc -l)
  [ "$holders" -eq 1 ] || split=$((split + 1))
done
check "--shard 3: every document's graph in exactly one shard ($split not)" "[ $split -eq 0 ]"
# Balanced: each document goes to the smallest shard so far, so no two
# shards differ by more than the largest document.
largest=$(for f in "$tmp"/j1/*.nq; do wc -c < "$f"; done | sort -n | tail -n 1)
sizes=$(for f in "$tmp"/sh/*.nq; do wc -c < "$f"; done | sort -n)
check "--shard 3: balanced within the largest document ($largest bytes): $(echo $sizes)" \
  "[ \$(( \$(echo '$sizes' | tail -n 1) - \$(echo '$sizes' | head -n 1) )) -le $largest ] && [ \$(echo '$sizes' | head -n 1) -gt 0 ]"
"$UNKG_BIN" export -q -j 1 --shard 3 -o "$tmp/sh1" "$@"
same=0
for f in "$tmp"/sh/*.nq; do cmp -s "$f" "$tmp/sh1/$(basename "$f")" && same=$((same + 1)); done
check "--shard 3: -j 1 gives the same shards" "[ $same -eq 3 ]"
check "--shard: no temporary file left" "[ \$(hidden '$tmp/sh') -eq 0 ]"
"$UNKG_BIN" export -q --shard 0 -o "$tmp/sh0" "$@" 2> /dev/null
check "--shard 0: usage error" "[ $? -eq 2 ]"

# --- -j ---------------------------------------------------------------------------
for bad in 0 -1 x 2x 1025; do
  "$UNKG_BIN" export -q -j "$bad" -o "$tmp/bad" "$corpus/A_RES_71_28.zh.txt" 2> /dev/null
  check "-j $bad: usage error" "[ $? -eq 2 ]"
done
"$UNKG_BIN" export -q --jobs 8 -o "$tmp/many-jobs" "$corpus"/*.txt
check "--jobs 8 with two inputs: exit 0, both exported" "[ $? -eq 0 ] && [ \$(ls '$tmp/many-jobs' | wc -l) -eq 4 ]"

# --- signals during a parallel run -----------------------------------------------
# 40 distinct reports, so that writing goes on through the run.
mkdir "$tmp/many"
i=0
while [ $i -lt 40 ]; do
  sed "s#A/72/315#A/72/$((2000 + i))#g" "$corpus/A_72_315.zh.txt" > "$tmp/many/$i.txt"
  i=$((i + 1))
done
for out in "-o $tmp/killed" "--combine $tmp/killedc/all.nq.gz" "--shard 2 -o $tmp/killeds" "-o -"; do
  for delay in 0.2 0.6; do
    mkdir -p "$tmp/killedc"
    # shellcheck disable=SC2086 # out is two words
    "$UNKG_BIN" export -q -j 2 -f nquads $out "$tmp/many"/*.txt > /dev/null 2> "$tmp/killed.err" &
    pid=$!
    sleep "$delay"
    kill -s INT "$pid" 2> /dev/null
    wait "$pid"
    rc=$?
    left=0
    for d in "$tmp/killed" "$tmp/killedc" "$tmp/killeds"; do
      [ -d "$d" ] && left=$((left + $(hidden "$d")))
    done
    check "SIGINT after ${delay}s ($out): ended by the signal or done (exit $rc)" "[ $rc -eq 130 ] || [ $rc -eq 0 ]"
    check "SIGINT after ${delay}s ($out): no temporary file left ($left)" "[ $left -eq 0 ]"
    check "SIGINT after ${delay}s ($out): no spool left" "[ -z \"\$(ls -A '$TMPDIR')\" ]"
    check "SIGINT after ${delay}s ($out): no worker left" "! pgrep -f '$tmp/many' > /dev/null"
    check "SIGINT after ${delay}s ($out): nothing said" "[ ! -s '$tmp/killed.err' ]"
    check "SIGINT after ${delay}s ($out): no half combined file" \
      "[ ! -e '$tmp/killedc/all.nq.gz' ] || gzip -t '$tmp/killedc/all.nq.gz'"
  done
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
