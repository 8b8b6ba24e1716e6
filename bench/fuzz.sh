#!/bin/sh
# Fuzzing (docs/security.md): builds the libFuzzer harnesses of tests/fuzz
# with clang (configure --enable-fuzz, AddressSanitizer) in a scratch copy
# of this tree, runs each for SECONDS over its seeds and dictionary, and
# prints executions, coverage and findings (crashes, leaks, timeouts of
# 10 s, out-of-memory), with the files that reproduce them.
#   sh bench/fuzz.sh [SECONDS] [HARNESS...]   (default 60; text akn)
# A fixed seed (-seed=1) makes a run repeatable; FUZZ_JOBS=N runs N
# processes per harness.  Exits 1 if anything was found.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
[ $# -gt 0 ] && shift
harnesses=${*:-text akn}
command -v clang > /dev/null || { echo "fuzz: needs clang" >&2; exit 2; }
work=${TMPDIR:-/tmp}/unkg-fuzz-$(printf %s "$top" | cksum | cut -d' ' -f1)
build=$work/tree
mkdir -p "$build"
# The tree as it is now, tracked files and new ones, without build products.
(cd "$top" && git ls-files -co --exclude-standard) > "$work/files"
(cd "$top" && tar -cf - -T "$work/files") | (cd "$build" && tar -xf -)
if [ ! -f "$build/config.status" ] || [ "$top/configure.ac" -nt "$build/config.status" ]; then
  (cd "$build" && autoreconf -fi > /dev/null 2>&1 \
    && ./configure --quiet CC=clang --enable-fuzz > /dev/null) \
    || { echo "fuzz: configure failed" >&2; exit 2; }
fi
(cd "$build" && make -j2 > "$work/build.log" 2>&1 \
  && make -j2 -C tests fuzz/fuzz_text fuzz/fuzz_akn >> "$work/build.log" 2>&1) \
  || { tail -n 20 "$work/build.log"; echo "fuzz: build failed" >&2; exit 2; }

status=0
printf '%-6s %10s %8s %8s %7s %9s\n' harness execs exec/s cov ft findings
for h in $harnesses; do
  case $h in
    text) seeds="$top/corpus" ;;
    akn) seeds="$top/tests/fixtures/akn" ;;
    *) echo "fuzz: no harness $h" >&2; exit 2 ;;
  esac
  out=$work/$h
  rm -rf "$out/found"
  mkdir -p "$out/corpus" "$out/found"
  # The corpus grows across runs in $out/corpus; the seeds are read only.
  # shellcheck disable=SC2086 # the optional flags are words
  (cd "$out" && UNKG_DATA_DIR="$top/ontology" ASAN_OPTIONS=detect_leaks=1 \
    "$build/tests/fuzz/fuzz_$h" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -max_len=1048576 -dict="$top/tests/fuzz/$h.dict" -artifact_prefix="$out/found/" \
    -print_final_stats=1 ${FUZZ_SEED:+-seed=$FUZZ_SEED} \
    ${FUZZ_JOBS:+-jobs=$FUZZ_JOBS -workers=$FUZZ_JOBS} "$out/corpus" "$seeds" > "$out/log" 2>&1) || true
  [ -z "${FUZZ_JOBS:-}" ] || cat "$out"/fuzz-*.log >> "$out/log" 2>/dev/null || true
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log" | awk '{s += $1} END {print s + 0}')
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/log" | awk '{s += $1} END {print s + 0}')
  cov=$(grep -o 'cov: [0-9]*' "$out/log" | tail -n 1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$out/log" | tail -n 1 | cut -d' ' -f2)
  found=$(find "$out/found" -type f | wc -l)
  printf '%-6s %10s %8s %8s %7s %9s\n' "$h" "$execs" "$rate" "${cov:-?}" "${ft:-?}" "$found"
  if [ "$found" -gt 0 ]; then
    status=1
    find "$out/found" -type f | head -n 5
    grep -m 3 -E 'ERROR|SUMMARY|timeout' "$out/log" || true
  fi
done
exit "$status"
