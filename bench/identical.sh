#!/bin/sh
# Proves a refactoring changed no output: builds a reference revision in a
# scratch worktree, exports the same inputs with it and with this tree, in
# all four formats, and compares the two output directories byte for byte.
#
#   sh bench/identical.sh [REF] [AKN_DIR]
#
# REF defaults to the commit the current branch forked from main (or HEAD~1);
# AKN_DIR defaults to the 75th session in every language.  The inputs are
# corpus/*.txt and every *.xml under AKN_DIR.  The reference build and its
# outputs are cached by commit under ${TMPDIR:-/tmp}/unkg-identical/.
# Prints the file counts and exits 0 when every file is identical, 1 with
# the first differences otherwise.  Run from the top of a built tree.
set -eu
top=$(pwd)
ref=${1:-$(git merge-base HEAD main 2>/dev/null || git rev-parse HEAD~1)}
akn=${2:-$top/../shared/corpus/akn/75session}
ref=$(git rev-parse --verify "$ref^{commit}")
akn=$(cd "$akn" && pwd -P)
work=${TMPDIR:-/tmp}/unkg-identical
mkdir -p "$work"
[ -x src/unkg ] || { echo "build first: src/unkg is missing" >&2; exit 2; }

# Per tree, so that several worktrees can check at once.
here="$work/tree-$(printf %s "$top" | cksum | cut -d' ' -f1)"
mkdir -p "$here"
inputs="$here/inputs"

export_with() { # BIN DATA_DIR OUT
  rm -rf "$3"; mkdir -p "$3"
  # Inputs that fail (truncated files) fail the same way in both builds; the
  # comparison of stderr below shows it.
  tr '\n' '\0' < "$inputs" | UNKG_DATA_DIR="$2" xargs -0 "$1" export \
    -f turtle,rdfxml,ntriples,nquads -o "$3" 2> "$3.stderr" || true
}

refdir="$work/$ref"
if [ ! -x "$refdir/tree/src/unkg" ]; then
  echo "building reference $ref"
  rm -rf "$refdir"; mkdir -p "$refdir"
  git worktree add --detach -f "$refdir/tree" "$ref" > /dev/null 2>&1
  (cd "$refdir/tree" && autoreconf -fi > /dev/null 2>&1 && ./configure --quiet \
    && make -j"$(nproc)" > /dev/null 2>&1) || { echo "reference build failed" >&2; exit 2; }
fi
# The reference tree's corpus, so that every worktree gives the same list
# (corpus/ is input, not code: a refactoring does not change it).
{ ls "$refdir"/tree/corpus/*.txt; find "$akn" -name '*.xml' | LC_ALL=C sort; } > "$inputs"
echo "inputs: $(wc -l < "$inputs") files (corpus/*.txt and $akn)"
# The reference outputs depend on the inputs list too: kept per list, so
# that trees checking other AKN directories at the same time do not replace
# each other's; written aside and renamed, so that none reads half of them.
refout="$refdir/out-$(cksum < "$inputs" | cut -d' ' -f1)"
if [ ! -d "$refout" ]; then
  export_with "$refdir/tree/src/unkg" "$refdir/tree/ontology" "$refout.$$"
  mv "$refout.$$.stderr" "$refout.stderr"
  mv "$refout.$$" "$refout" 2> /dev/null || rm -rf "$refout.$$"
fi
export_with "$top/src/unkg" "$top/ontology" "$here/now"

n_ref=$(find "$refout" -type f | wc -l)
n_now=$(find "$here/now" -type f | wc -l)
echo "reference $ref: $n_ref files; this tree: $n_now files"
status=0
if ! diff -rq "$refout" "$here/now" > "$here/diff.txt"; then
  status=1
  echo "DIFFERENT: $(wc -l < "$here/diff.txt") files"
  head -n 20 "$here/diff.txt"
fi
# Errors and warnings are shown when they changed, but do not fail the
# check: a refactoring may make a message more precise (a line, a column).
if ! cmp -s "$refout.stderr" "$here/now.stderr"; then
  echo "note: messages differ ($(wc -l < "$refout.stderr") lines before, $(wc -l < "$here/now.stderr") now):"
  diff "$refout.stderr" "$here/now.stderr" | head -n 10
fi
[ "$status" -eq 0 ] && echo "identical: $n_now files, byte for byte"
exit "$status"
