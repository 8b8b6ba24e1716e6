#!/bin/sh
# SHACL: every graph `unkg export` writes for corpus/ must conform to
# ontology/unkg-shapes.ttl, checked by an independent engine (Apache Jena's
# SHACL); and the shapes must reject graphs broken on purpose, each in one
# way, derived from the real export so that they stay in step with it.
set -u
: "${UNKG_BIN:?}" "${UNKG_TOP_SRCDIR:?}"
top=$UNKG_TOP_SRCDIR
shapes=$top/ontology/unkg-shapes.ttl
jena="sh $top/tests/jena.sh"
if ! $jena check 2>/dev/null; then
  if [ "${UNKG_REQUIRE_JENA:-}" = 1 ]; then
    echo "FAIL: Jena is not installed (apt-get install libapache-jena-java default-jre-headless)"
    exit 1
  fi
  echo "SKIP: Jena is not installed"
  exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-shacl.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }

# validate DATA: writes $tmp/report.ttl, prints the number of violations
# (warnings are reported by the shapes but are not failures).
validate() {
  $jena shacl validate --shapes "$shapes" --data "$1" > "$tmp/report.ttl" 2> "$tmp/report.err" \
    || { echo "error"; return; }
  # Rows, not COUNT: Rasqal's COUNT gives no row at all for no match.
  "$UNKG_BIN" query -f tsv -e 'PREFIX sh: <http://www.w3.org/ns/shacl#>
    SELECT ?r WHERE { ?r sh:resultSeverity sh:Violation }' "$tmp/report.ttl" | tail -n +2 | wc -l | tr -d ' '
}
# messages of the violations, one a line
messages() {
  "$UNKG_BIN" query -f tsv -e 'PREFIX sh: <http://www.w3.org/ns/shacl#>
    SELECT ?path ?m WHERE { ?r sh:resultSeverity sh:Violation ; sh:resultMessage ?m .
      OPTIONAL { ?r sh:resultPath ?path } }' "$tmp/report.ttl" | tail -n +2
}

"$UNKG_BIN" export -q -f turtle,ntriples -o "$tmp/out" "$top"/corpus/*.txt || no "export of corpus/"

# --- the real export conforms -------------------------------------------------
for f in "$tmp"/out/*.ttl; do
  n=$(validate "$f")
  if [ "$n" = 0 ]; then ok; else no "$(basename "$f"): $n SHACL violations"; messages | head -20; fi
  "$UNKG_BIN" query -f tsv -e 'PREFIX sh: <http://www.w3.org/ns/shacl#>
    SELECT ?focus ?m WHERE { ?r sh:resultSeverity sh:Warning ; sh:focusNode ?focus ; sh:resultMessage ?m }' \
    "$tmp/report.ttl" | tail -n +2 | sed "s|^|warning: $(basename "$f"): |"
done

# --- broken graphs are rejected -----------------------------------------------
# broken NAME EXPECT SED: applies the sed script to the resolution's or the
# report's N-Triples; the shapes must find a violation whose path or message
# contains EXPECT.
res=$tmp/out/A_RES_71_28.zh.nt
rep=$tmp/out/A_72_315.zh.nt
U='https://w3id.org/unkg/ontology#'
D='https://w3id.org/unkg/id/doc'
X='http://www.w3.org/2001/XMLSchema#'
broken() {
  name=$1 expect=$2 src=$3 script=$4
  sed -e "$script" "$src" > "$tmp/$name.nt"
  if cmp -s "$src" "$tmp/$name.nt"; then
    no "$name: the edit changed nothing (the export changed?)"
    return
  fi
  n=$(validate "$tmp/$name.nt")
  if [ "$n" = error ] || [ "$n" = 0 ]; then
    no "$name: not rejected ($n)"
  elif messages | grep -q -- "$expect"; then
    ok
  else
    no "$name: rejected, but not for $expect:"
    messages | head -5
  fi
}
broken paragraph-without-text "${U}text" "$res" \
  "\\|^<$D/A/RES/71/28/pp/1> <${U}text> |d"
broken offset-as-string "${U}beginOffset" "$res" \
  "s|^\\(<$D/A/RES/71/28/pp/1@zh> <${U}beginOffset>\\) \"\\([0-9]*\\)\"^^<${X}integer>|\\1 \"\\2\"|"
broken reply-without-state-or-name "repliedBy or unkg:replierName" "$rep" \
  "\\|^<$D/A/72/315/reply/AFG> <${U}repliedBy> |d;\\|^<$D/A/72/315/reply/AFG> <${U}replierName> |d"
broken span-ends-before-it-begins "${U}beginOffset" "$res" \
  "s|^\\(<$D/A/RES/71/28/pp/1@zh> <${U}endOffset>\\) \"[0-9]*\"|\\1 \"100\"|"
broken span-past-end-of-file "past the end" "$res" \
  "s|^\\(<$D/A/RES/71/28/op/5@zh> <${U}endOffset>\\) \"[0-9]*\"|\\1 \"999999\"|"
broken date-as-string "${U}replyDate" "$rep" \
  "s|^\\(<$D/A/72/315/reply/AFG> <${U}replyDate>\\) \"\\([-0-9]*\\)\"^^<${X}date>|\\1 \"\\2\"|"
broken text-without-language "${U}text" "$res" \
  "s|^\\(<$D/A/RES/71/28/pp/2> <${U}text> \".*\"\\)@zh \\.$|\\1 .|"
broken text-in-no-UN-language "${U}text" "$res" \
  "s|^\\(<$D/A/RES/71/28/pp/2> <${U}text> \".*\"\\)@zh \\.$|\\1@xx .|"
broken two-positions "${U}position" "$res" \
  "\\|^<$D/A/RES/71/28/pp/4> <${U}position> |{p;s|\"[0-9]*\"|\"99\"|}"
broken paragraph-as-blank-node "IRI" "$res" \
  "s|<$D/A/RES/71/28/pp/5>|_:pp5|g"
broken citation-without-target "${U}cites" "$res" \
  "\\|^<$D/A/RES/71/28/pp/3/cite/A-RES-70-125> <${U}cites> |d"
broken part-outside-any-document "isPartOf" "$res" \
  "\\|^<$D/A/RES/71/28/op/2> <http://purl.org/dc/terms/isPartOf> |d"
broken language-not-bcp47 "${U}originalLanguage" "$rep" \
  "s|^\\(<$D/A/72/315/reply/AFG> <${U}originalLanguage>\\) \"en\"|\\1 \"English\"|"
broken span-without-source "${U}inExpression" "$res" \
  "\\|^<$D/A/RES/71/28/pp/6@zh> <${U}inExpression> |d"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
