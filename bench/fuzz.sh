#!/bin/sh
# Fuzzing (docs/security.md): builds the libFuzzer harnesses of tests/fuzz
# with clang (configure --enable-fuzz, AddressSanitizer) in a scratch copy
# of this tree, runs each for SECONDS over its seeds and dictionary, and
# prints executions, coverage and findings (crashes, leaks, timeouts of
# 10 s, out-of-memory), with the files that reproduce them.  A timeout
# that takes under 2 s of CPU when run again alone was the machine's load:
# it is kept as slow-under-load, counted with the slow units, and
# fuzzing goes on for the time left.
#   sh bench/fuzz.sh [SECONDS] [HARNESS...]   (default 60; text akn query)
# FUZZ_SEED=N fixes libFuzzer's seed; FUZZ_WORK=DIR works there (the
# build, and each harness's growing corpus) instead of a directory kept
# across runs, so with an empty DIR a run starts from the seeds alone, as
# .ci/test's does; FUZZ_PARALLEL=1 runs the harnesses at the same time;
# FUZZ_JOBS=N runs N processes per harness.  Exits 1 if anything was
# found, 2 if the harnesses cannot be built.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
[ $# -gt 0 ] && shift
harnesses=${*:-text akn query}
command -v clang > /dev/null || { echo "fuzz: needs clang" >&2; exit 2; }
work=${FUZZ_WORK:-${TMPDIR:-/tmp}/unkg-fuzz-$(printf %s "$top" | cksum | cut -d' ' -f1)}
build=$work/tree
mkdir -p "$build"
for h in $harnesses; do
  case $h in
    text | akn | query) ;;
    *) echo "fuzz: no harness $h" >&2; exit 2 ;;
  esac
done
# The tree as it is now, tracked files and new ones, without build products.
(cd "$top" && git ls-files -co --exclude-standard) > "$work/files"
(cd "$top" && tar -cf - -T "$work/files") | (cd "$build" && tar -xf -)
if [ ! -f "$build/config.status" ] || [ "$top/configure.ac" -nt "$build/config.status" ]; then
  (cd "$build" && autoreconf -fi > /dev/null 2>&1 \
    && ./configure --quiet CC=clang --enable-fuzz > /dev/null) \
    || { echo "fuzz: configure failed" >&2; exit 2; }
fi
# Leaks of the libraries, not unkg's: the suite's and the harnesses' own.
cat "$top/tests/lsan.supp" "$top/tests/fuzz/lsan.supp" > "$work/lsan.supp"
targets=$(for h in $harnesses; do printf 'fuzz/fuzz_%s ' "$h"; done)
# shellcheck disable=SC2086 # targets is a list
(cd "$build" && make -j2 -C src libunkg.la > "$work/build.log" 2>&1 \
  && make -j2 -C tests $targets >> "$work/build.log" 2>&1) \
  || { tail -n 20 "$work/build.log"; echo "fuzz: build failed" >&2; exit 2; }

# One harness: SECONDS over its seeds, inputs up to 1 MB (the harnesses
# skip longer ones), 10 s per input, 2 GB of memory.
run() {
  h=$1
  case $h in
    text) seeds="$top/corpus" ;;
    akn) seeds="$top/tests/fixtures/akn" ;;
    query) seeds="$top/tests/fuzz/query-seeds $top/docs/queries" ;;
  esac
  out=$work/$h
  rm -rf "$out/found"
  mkdir -p "$out/corpus" "$out/found"
  : > "$out/log"
  start=$(date +%s)
  end=$((start + secs))
  left=$secs
  # libFuzzer stops at its first finding.  A timeout is wall-clock time, so
  # on a busy machine a unit can pass 10 s while taking a fraction of that
  # of CPU: such a unit is run again alone, and if it takes under 2 s of CPU
  # it is kept as slow-under-load (reported, not a finding) and fuzzing
  # goes on from the grown corpus for the time left.
  while [ "$left" -gt 0 ]; do
    # The corpus grows across runs in $out/corpus; the seeds are read only.
    # shellcheck disable=SC2086 # the optional flags and the seed directories are words
    (cd "$out" && UNKG_DATA_DIR="$top/ontology" ASAN_OPTIONS=detect_leaks=1 \
      LSAN_OPTIONS=suppressions="$work/lsan.supp":print_suppressions=0 \
      "$build/tests/fuzz/fuzz_$h" -max_total_time="$left" -timeout=10 -report_slow_units=5 -rss_limit_mb=2048 \
      -max_len=1048576 -dict="$top/tests/fuzz/$h.dict" -artifact_prefix="$out/found/" \
      -print_final_stats=1 ${FUZZ_SEED:+-seed=$FUZZ_SEED} \
      ${FUZZ_JOBS:+-jobs=$FUZZ_JOBS -workers=$FUZZ_JOBS} "$out/corpus" $seeds >> "$out/log" 2>&1) || true
    [ -z "${FUZZ_JOBS:-}" ] || cat "$out"/fuzz-*.log >> "$out/log" 2> /dev/null || true
    t=$(find "$out/found" -type f -name 'timeout-*' | head -n 1)
    [ -n "$t" ] && [ -z "${FUZZ_JOBS:-}" ] || break
    cpu=$(cd "$out" && UNKG_DATA_DIR="$top/ontology" ASAN_OPTIONS=detect_leaks=0 \
      /usr/bin/time -f '%U %S' "$build/tests/fuzz/fuzz_$h" -timeout=60 "$t" 2>&1 > /dev/null \
      | tail -n 1 | awk '{print $1 + $2}')
    if awk -v c="$cpu" 'BEGIN { exit !(c != "" && c < 2) }'; then
      echo "fuzz: $h: $t took ${cpu} s of CPU alone: slow under load, not a finding" >> "$out/log"
      mv "$t" "$out/found/slow-under-load-${t##*/timeout-}"
    else
      break
    fi
    left=$((end - $(date +%s)))
  done
  echo $(($(date +%s) - start)) > "$out/elapsed"
}

if [ "${FUZZ_PARALLEL:-}" = 1 ]; then
  for h in $harnesses; do run "$h" & done
  wait
else
  for h in $harnesses; do run "$h"; done
fi

status=0
printf '%-6s %10s %8s %8s %7s %6s %9s\n' harness execs exec/s cov ft slow findings
for h in $harnesses; do
  out=$work/$h
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log" | awk '{s += $1} END {print s + 0}')
  # Executions over the harness's wall time: with -jobs the workers' sum,
  # after a slow unit under load the runs' together.
  rate=$(awk -v e="$execs" '{print ($1 > 0 ? int(e / $1) : 0)}' "$out/elapsed")
  cov=$(grep -o 'cov: [0-9]*' "$out/log" | tail -n 1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$out/log" | tail -n 1 | cut -d' ' -f2)
  # Slow units (over 5 s of wall-clock time, so also a busy machine's) are
  # reported, not findings; a timeout (10 s) is one.
  slow=$(find "$out/found" -type f -name 'slow-*' | wc -l)
  found=$(find "$out/found" -type f ! -name 'slow-*' | wc -l)
  printf '%-6s %10s %8s %8s %7s %6s %9s\n' "$h" "$execs" "$rate" "${cov:-?}" "${ft:-?}" "$slow" "$found"
  if [ "$found" -gt 0 ]; then
    status=1
    find "$out/found" -type f ! -name 'slow-*' | head -n 5
    grep -m 3 -E 'ERROR|SUMMARY|timeout' "$out/log" || true
  elif [ "$execs" -eq 0 ]; then
    status=1
    echo "fuzz: $h did not run:"
    tail -n 5 "$out/log"
  fi
done
exit "$status"
