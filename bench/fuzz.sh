#!/bin/sh
# Fuzzing (docs/security.md): builds the libFuzzer harnesses of tests/fuzz
# with clang (configure --enable-fuzz, AddressSanitizer) in a scratch copy
# of this tree, runs each for SECONDS over its seeds and dictionary, and
# prints executions, coverage and findings (crashes, leaks, timeouts of
# 10 s, out-of-memory), with the files that reproduce them.
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
  # The corpus grows across runs in $out/corpus; the seeds are read only.
  # shellcheck disable=SC2086 # the optional flags and the seed directories are words
  (cd "$out" && UNKG_DATA_DIR="$top/ontology" ASAN_OPTIONS=detect_leaks=1 \
    LSAN_OPTIONS=suppressions="$work/lsan.supp":print_suppressions=0 \
    "$build/tests/fuzz/fuzz_$h" -max_total_time="$secs" -timeout=10 -report_slow_units=5 -rss_limit_mb=2048 \
    -max_len=1048576 -dict="$top/tests/fuzz/$h.dict" -artifact_prefix="$out/found/" \
    -print_final_stats=1 ${FUZZ_SEED:+-seed=$FUZZ_SEED} \
    ${FUZZ_JOBS:+-jobs=$FUZZ_JOBS -workers=$FUZZ_JOBS} "$out/corpus" $seeds > "$out/log" 2>&1) || true
  [ -z "${FUZZ_JOBS:-}" ] || cat "$out"/fuzz-*.log >> "$out/log" 2> /dev/null || true
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
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/log" | awk '{s += $1} END {print s + 0}')
  cov=$(grep -o 'cov: [0-9]*' "$out/log" | tail -n 1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$out/log" | tail -n 1 | cut -d' ' -f2)
  # Slow units (over 5 s of wall-clock time, so also a busy machine's) are
  # reported, not findings; a timeout (10 s) is one.
  slow=$(find "$out/found" -type f -name 'slow-unit-*' | wc -l)
  found=$(find "$out/found" -type f ! -name 'slow-unit-*' | wc -l)
  printf '%-6s %10s %8s %8s %7s %6s %9s\n' "$h" "$execs" "$rate" "${cov:-?}" "${ft:-?}" "$slow" "$found"
  if [ "$found" -gt 0 ]; then
    status=1
    find "$out/found" -type f ! -name 'slow-unit-*' | head -n 5
    grep -m 3 -E 'ERROR|SUMMARY|timeout' "$out/log" || true
  elif [ "$execs" -eq 0 ]; then
    status=1
    echo "fuzz: $h did not run:"
    tail -n 5 "$out/log"
  fi
done
exit "$status"
