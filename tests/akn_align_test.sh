#!/bin/sh
# bench/akn_align.py (issue 12, item 3) aligns a language file whose
# paragraph IRIs are not the English file's with the English one, by
# position and the numbers the texts share: here the Chinese file lacks the
# English pp/2 (a Security Council resolution, as in the peacekeeping
# budgets), so its pp/2 is the English pp/3.  Written by hand.
set -u
: "${UNKG_TOP_SRCDIR:?}"
command -v python3 > /dev/null || { echo "python3 missing: skipped"; exit 77; }
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
W=https://w3id.org/unkg/id/doc/A/RES/75/9
U=https://w3id.org/unkg/ontology#
X='^^<http://www.w3.org/2001/XMLSchema#integer>'
# file LANG PATH:TEXT ...: a graph with the paragraphs in that order
file() {
  lang=$1
  shift
  {
    echo "<$W> <${U}hasExpression> <$W@$lang> ."
    echo "<$W@$lang> <http://purl.org/dc/terms/language> <http://id.loc.gov/vocabulary/iso639-1/$lang> ."
    i=0
    for pt in "$@"; do
      i=$((i + 1))
      p=${pt%%:*}
      echo "<$W/$p> <${U}hasSpan> <$W/$p@$lang> ."
      echo "<$W/$p> <${U}position> \"$i\"$X ."
      echo "<$W/$p> <${U}text> \"${pt#*:}\"@$lang ."
    done
  } > "$dir/A_RES_75_9.$lang.nt"
}
file en 'pp/1:Recalling its resolution 70/1,' \
  'pp/2:Recalling Security Council resolution 2250 (2015),' \
  'pp/3:Having considered the report A/75/100 and 101,' 'op/1:Decides to meet in 2021;'
file zh 'pp/1:回顾其第70/1号决议，' 'pp/2:审议了报告A/75/100和101，' 'op/1:决定于2021年开会；'
out=$(python3 "$UNKG_TOP_SRCDIR/bench/akn_align.py" "$dir" -v) || { echo "FAIL: akn_align.py failed"; exit 1; }
echo "$out"
fail=0
# lang, files that differ, same IRI, other IRI, only zh, only en
echo "$out" | grep -Eq '^zh +1 +2 +1 +0 +1$' || { echo "FAIL: the zh row"; fail=1; }
echo "$out" | grep -q 'MOVED A_RES_75_9.zh.nt: pp/2 = en pp/3' || { echo "FAIL: zh pp/2 is en pp/3"; fail=1; }
echo "$out" | grep -q 'ALONE A_RES_75_9.zh.nt: lacks en pp/2 ' || { echo "FAIL: en pp/2 not reported"; fail=1; }
echo "$out" | grep -q 'aligned 3/4 ' || { echo "FAIL: 3 of 4 nodes with both texts once aligned"; fail=1; }
[ $fail = 0 ] && echo "ok"
exit $fail
