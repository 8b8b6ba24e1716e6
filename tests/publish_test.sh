#!/bin/sh
# unkg publish: the site, checked without a web server.  Every IRI under the
# base in the dump dereferences to a page holding its fragment, and each
# description holds exactly the dump's triples about its family
# (publish_check.py, which reimplements the IRI-to-path mapping of
# docs/publish.md); the four RDF syntaxes parse, with rapper and for JSON-LD
# with jsonld.js where node has it, to the same triples; the site is
# deterministic, re-based by --base, replaced atomically, and bad input
# publishes nothing.
set -u
: "${UNKG_BIN:?}" "${UNKG_TOP_SRCDIR:?}"
top=$UNKG_TOP_SRCDIR
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-publish.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if eval "$2"; then ok; else no "$1"; fi; }
# Blank nodes (the ontology's OWL lists) compared by position, not label.
triples() { rapper -q -i "$1" -o ntriples "$2" | sed 's/_:[A-Za-z0-9]*/_:b/g' | LC_ALL=C sort -u; }

# Inputs exported on the fly (text and XML) and exports, side by side.
"$UNKG_BIN" export -q -f nquads,turtle -o "$tmp/exp" "$top/tests/fixtures/akn/75_19_C.xml" \
  "$top/tests/fixtures/akn/75_19_E.xml"
inputs="$top/corpus/A_RES_71_28.zh.txt $top/corpus/A_72_315.zh.txt
  $top/tests/fixtures/akn/75_277_C.xml $top/tests/fixtures/akn/75_277_E.xml
  $tmp/exp/A_RES_75_19.zh.nq $tmp/exp/A_RES_75_19.en.ttl"
site="$tmp/site"
# shellcheck disable=SC2086 # inputs is a list of file names
"$UNKG_BIN" publish -q -o "$site" $inputs 2> "$tmp/err"
check "publish exits 0 ($(head -c 300 "$tmp/err"))" "[ $? -eq 0 ]"
for f in index.html dataset/index.html dataset/index.ttl sitemap.xml sitemap-1.xml robots.txt \
  context.jsonld dump/unkg.nq.gz nginx.conf .unkg-site; do
  check "the site has $f" "[ -s '$site/$f' ]"
done
check "no staging area left" "[ ! -e '$site/.stage' ]"
check "no new or old directory left beside the site" "[ \$(ls '$tmp' | grep -c 'site\\.') -eq 0 ]"

# Every IRI dereferences; descriptions hold their triples; HTML is sound.
python3 "$top/tests/publish_check.py" "$site" "https://w3id.org/unkg/" > "$tmp/check" 2>&1
check "publish_check: $(tail -n 1 "$tmp/check")" "[ $? -eq 0 ]"
grep '^FAIL' "$tmp/check" | head -n 5
n=$(tail -n 1 "$tmp/check" | cut -d' ' -f1)
check "many IRIs checked ($n)" "[ ${n:-0} -gt 2000 ]"

# Valid HTML, by an HTML5 checker where there is one.
if command -v tidy > /dev/null 2>&1; then
  find "$site" -name '*.html' | while read -r f; do
    tidy -q -e "$f" > /dev/null 2>&1 || echo "$f"
  done > "$tmp/tidy"
  check "every page is valid HTML to tidy ($(head -n 3 "$tmp/tidy" | tr '\n' ' '))" "[ ! -s '$tmp/tidy' ]"
else
  echo "SKIP: HTML validation (tidy not installed)"
fi

# The dump holds every staged triple: the inputs' exports and the reference data.
# shellcheck disable=SC2086
"$UNKG_BIN" export -q -f nquads -o "$tmp/all" $inputs 2> /dev/null
cat "$tmp"/all/*.nq | LC_ALL=C sort -u > "$tmp/exports.nq"
gzip -dc "$site/dump/unkg.nq.gz" | LC_ALL=C sort -u > "$tmp/dump.nq"
check "the dump parses as N-Quads" "rapper -q -i nquads -c '$site/dump/unkg.nq.gz' 2> /dev/null || gzip -dc '$site/dump/unkg.nq.gz' | rapper -q -i nquads -c - x 2> /dev/null"
check "the dump holds every exported quad" \
  "[ \$(LC_ALL=C comm -23 '$tmp/exports.nq' '$tmp/dump.nq' | wc -l) -eq 0 ]"
check "the dump has the reference data's graph" "grep -q '<https://w3id.org/unkg/ref> .$' '$tmp/dump.nq'"

# The RDF syntaxes of some pages: the same triples under rapper, and the
# JSON-LD under independent processors: Apache Jena's riot (its JSON-LD 1.0
# reader, jsonld-java; installed by .ci/setup, so required under .ci/test)
# and jsonld.js where node has it.
jena="sh $top/tests/jena.sh"
riot_nt=
if $jena check 2> /dev/null; then
  riot_nt="$jena riot --syntax=jsonld10 --output=ntriples"
elif [ "${UNKG_REQUIRE_JENA:-}" = 1 ]; then
  no "Jena is not installed (apt-get install libapache-jena-java default-jre-headless)"
else
  echo "SKIP: JSON-LD with Jena riot (Jena not installed)"
fi
jsonld_nt=
if command -v node > /dev/null 2>&1; then
  for d in "${UNKG_JSONLD_DIR:-}" "${TMPDIR:-/tmp}/unkg-jsonld/node_modules" /usr/lib/node_modules \
    /usr/local/lib/node_modules; do
    if [ -n "$d" ] && [ -d "$d/jsonld" ]; then
      jsonld_nt="env NODE_PATH=$d node $top/tests/jsonld_nt.js"
    fi
  done
fi
[ -n "$jsonld_nt" ] || echo "SKIP: JSON-LD with jsonld.js (npm install --prefix \${TMPDIR:-/tmp}/unkg-jsonld jsonld)"
for page in id/doc/A/RES/75/277 id/doc/A/72/315 ref/state/FRA ref/org/UNGA ontology dataset; do
  p="$site/$page/index"
  triples ntriples "$p.nt" > "$tmp/nt.nt"
  check "$page: N-Triples parse to triples ($(wc -l < "$tmp/nt.nt"))" "[ -s '$tmp/nt.nt' ]"
  check "$page: Turtle holds the same triples" "triples turtle '$p.ttl' | cmp -s - '$tmp/nt.nt'"
  check "$page: RDF/XML holds the same triples" "triples rdfxml '$p.rdf' | cmp -s - '$tmp/nt.nt'"
  if [ -n "$riot_nt" ]; then
    $riot_nt "$p.jsonld" > "$tmp/jr.nt" 2> "$tmp/jr.err"
    check "$page: JSON-LD (Jena riot) holds the same triples ($(head -c 200 "$tmp/jr.err"))" \
      "triples ntriples '$tmp/jr.nt' | cmp -s - '$tmp/nt.nt'"
  fi
  if [ -n "$jsonld_nt" ]; then
    $jsonld_nt "$p.jsonld" > "$tmp/jl.nt"
    check "$page: JSON-LD (jsonld.js) holds the same triples" "triples ntriples '$tmp/jl.nt' | cmp -s - '$tmp/nt.nt'"
  fi
done

# What a person reads: the resolution's page.
r="$site/id/doc/A/RES/75/277/index.html"
check "the resolution's page shows Chinese and English side by side" \
  "grep -q '<th lang=\"zh\">' '$r' && grep -q '<th lang=\"en\">' '$r'"
check "lead verbs are highlighted in both" \
  "grep -q '<mark class=\"lead\">重申' '$r' && grep -q '<mark class=\"lead\">Reaffirming' '$r'"
check "the recorded vote is a table with a picture" "grep -q '<section id=\"vote\">' '$r' && grep -q '<svg' '$r'"
check "a vote row links to the state's page" "grep -q 'id=\"voting/FRA\"><td><a href=\"../../../../../../ref/state/FRA/index.html\">France 法国' '$r'"
check "footnotes and citations are links" \
  "grep -q 'href=\"#fn/1\"' '$r' || grep -q 'href=\"../../../../../../id/doc/A/RES/60/1/index.html\"' '$r'"
check "the page links to its RDF" "grep -q 'href=\"index.ttl\"' '$r' && grep -q 'href=\"index.jsonld\"' '$r'"
check "provenance: each text cell names its source" "grep -q 'id=\"op/1@en\" title=\"source line' '$r'"
if command -v dot > /dev/null 2>&1; then
  check "the citation network is an SVG" "grep -q '<svg' '$site/id/doc/A/RES/71/28/citations.svg'"
else
  echo "SKIP: citation network (Graphviz not installed)"
fi
s="$site/ref/state/FRA/index.html"
check "a state's page lists its votes" "grep -q 'voter' '$s' && grep -q 'voting/FRA' '$s'"
# Finland replied in A/72/315 (its reply's actions: ratifications ...) and
# sponsored and voted on 75/277.
s="$site/ref/state/FIN/index.html"
check "a state's page lists its reply" "grep -q 'index.html#reply/FIN\">A/72/315 reply/FIN</a>' '$s'"
check "a state's page lists its actions" "grep -q 'index.html#reply/FIN/action/1\">' '$s'"
check "a state's page lists its vote" "grep -q 'index.html#voting/FIN\">' '$s'"
check "a state's page lists the paragraphs that mention it" \
  "grep -q 'ontology#mentions\">mentions' '$s' && grep -q 'index.html#reply/FIN/p/1\">' '$s'"
# A/72/315: Armenia's reply names the ITU once (国际电信联盟, its paragraph
# 10), Cuba's twice (its paragraphs 9 and 14); nobody else's does.
o="$site/ref/org/ITU/index.html"
check "an organization's page lists the states that mention it" \
  "grep -q '<section id=\"mentioned-by\">' '$o' && grep -q '提及它的国家</span> (2)</h2>' '$o'"
check "... each with its mentions, linked" \
  "grep -q 'ref/state/ARM/index.html\">Armenia 亚美尼亚</a></td><td class=\"num\">1</td><td><ul class=\"links\"><li><a href=\"../../../id/doc/A/72/315/index.html#reply/ARM/p/10\">' '$o' \
   && grep -q 'ref/state/CUB/index.html\">Cuba 古巴</a></td><td class=\"num\">2</td>' '$o'"
check "... for the HTML only: no description holds publish's own predicate" \
  "! grep -rq 'x-unkg-publish' '$site' && ! gzip -dc '$site/dump/unkg.nq.gz' | grep -q 'x-unkg-publish'"
check "the dataset counts its triples" "grep -q 'void:triples' '$site/dataset/index.ttl'"
check "the dataset links to Wikidata through a linkset" "grep -q 'linkset-wikidata' '$site/dataset/index.ttl'"
# 195 states, 114 organizations and 8 instruments have their Wikidata item
# (owl:sameAs; publish_wikidata_test.sh checks them).
n=$(grep -A7 '^<https://w3id.org/unkg/dataset#linkset-wikidata>' "$site/dataset/index.ttl" | sed -n 's/.*void:triples \([0-9]*\).*/\1/p')
check "the Wikidata linkset counts the owl:sameAs links ($n)" "[ '${n:-0}' -ge 300 ]"
check "states link to Wikidata with owl:sameAs" "grep -q 'owl:sameAs <http://www.wikidata.org/entity/Q142>' '$site/ref/state/FRA/index.ttl'"
check "a language version's language is an ISO 639-1 IRI" \
  "grep -q 'dcterms:language <http://id.loc.gov/vocabulary/iso639-1/zh>' '$site/id/doc/A/RES/71/28/index.ttl'"
check "documents link to their page at undocs.org" \
  "grep -q '<https://undocs.org/zh/A/RES/71/28>' '$site/id/doc/A/RES/71/28/index.ttl' && grep -q '<https://undocs.org/zh/A/RES/70/237>' '$site/id/doc/A/RES/70/237/index.ttl'"
# AKN FRBR identifiers: the UN's are relative names ("/akn/un/..."), which
# no resolver of the UN serves, so they stay strings; an absolute http(s)
# IRI in a file is also a link, unless it has a character an IRI cannot.
check "the UN's FRBR work stays a string, and no link" \
  "grep -q 'unkg:aknWork \"/akn/un/statement/deliberation/unga/2020-12-01/75-19/\"' '$site/id/doc/A/RES/75/19/index.ttl' \
   && ! grep -q '<[^>]*/akn/un/' '$site/id/doc/A/RES/75/19/index.nt'"
sed -e '7s|value="/akn/|value="https://resolver.example.org/akn/|' \
  -e '14s|value="/akn/\([^"]*\)"|value="https://resolver.example.org/akn/\1 x"|' \
  "$top/tests/fixtures/akn/75_19_C.xml" > "$tmp/75_19_C.xml"
"$UNKG_BIN" export -q -f ntriples -o "$tmp/frbr" "$tmp/75_19_C.xml"
w='https://resolver.example.org/akn/un/statement/deliberation/unga/2020-12-01/75-19/'
check "an absolute FRBR IRI is kept as the string and linked" \
  "grep -q '<https://w3id.org/unkg/id/doc/A/RES/75/19> <https://w3id.org/unkg/ontology#aknWork> \"$w\" .' '$tmp/frbr/A_RES_75_19.zh.nt' \
   && grep -q '<https://w3id.org/unkg/id/doc/A/RES/75/19> <http://www.w3.org/2000/01/rdf-schema#seeAlso> <$w> .' '$tmp/frbr/A_RES_75_19.zh.nt'"
check "an FRBR IRI with a blank stays a string only" \
  "grep -q 'aknExpression> \"${w}zho@/ x\"' '$tmp/frbr/A_RES_75_19.zh.nt' && ! grep -q '<${w}zho' '$tmp/frbr/A_RES_75_19.zh.nt'"

# Deterministic: the same inputs give the same site.
cp -R "$site" "$tmp/first"
# shellcheck disable=SC2086
"$UNKG_BIN" publish -q -o "$site" $inputs
check "a second run gives a byte-identical site" "diff -r '$tmp/first' '$site' > /dev/null"
rm -rf "$tmp/first"

# --base: everything re-based, and still every IRI dereferences.
# shellcheck disable=SC2086
"$UNKG_BIN" publish -q --base https://example.org/un/ -o "$tmp/other" $inputs
check "--base: no IRI of the default base left" \
  "! gzip -dc '$tmp/other/dump/unkg.nq.gz' | grep -q '<https://w3id.org/unkg/'"
python3 "$top/tests/publish_check.py" "$tmp/other" "https://example.org/un/" > "$tmp/check2" 2>&1
check "--base: publish_check: $(tail -n 1 "$tmp/check2")" "[ $? -eq 0 ]"
check "--base: nginx serves under /un/" "grep -q 'location = /un/sparql' '$tmp/other/nginx.conf'"

# Bad input.
"$UNKG_BIN" publish -q --base example.org -o "$tmp/x" "$top/corpus/A_72_315.zh.txt" 2> "$tmp/err"
check "a relative base exits 2" "[ $? -eq 2 ]"
check "... saying why" "grep -q 'not an absolute IRI' '$tmp/err'"
check "... and writes nothing" "[ ! -e '$tmp/x' ] && [ \$(ls '$tmp' | grep -c '^x\\.') -eq 0 ]"
mkdir "$tmp/notasite" && echo keep > "$tmp/notasite/file"
"$UNKG_BIN" publish -q -o "$tmp/notasite" "$top/corpus/A_72_315.zh.txt" 2> "$tmp/err"
check "a directory that is not a site exits 2" "[ $? -eq 2 ]"
check "... saying so" "grep -q 'not a site' '$tmp/err'"
check "... and is left alone" "[ \"\$(cat '$tmp/notasite/file')\" = keep ] && [ \$(ls '$tmp/notasite' | wc -l) -eq 1 ]"
before=$(find "$site" -type f | LC_ALL=C sort | xargs cat | md5sum)
printf '\211PNG\r\n\032\n\0\0binary' > "$tmp/bad.png"
"$UNKG_BIN" publish -q -o "$site" "$top/corpus/A_72_315.zh.txt" "$tmp/bad.png" 2> "$tmp/err"
check "an input that is not a document exits 1" "[ $? -eq 1 ]"
check "... naming it" "grep -q 'bad.png' '$tmp/err'"
check "... and leaves the old site as it was" \
  "[ \"\$(find '$site' -type f | LC_ALL=C sort | xargs cat | md5sum)\" = \"$before\" ]"
"$UNKG_BIN" publish -q -o "$site" "$top/corpus/A_72_315.zh.txt" "$tmp/missing.txt" 2> "$tmp/err"
check "a missing input exits 1 and publishes nothing" \
  "[ $? -eq 1 ] && grep -q 'missing.txt' '$tmp/err' && [ \"\$(find '$site' -type f | LC_ALL=C sort | xargs cat | md5sum)\" = \"$before\" ]"
"$UNKG_BIN" publish -q -o "$site" "$top/tests/fixtures/akn/truncated.xml" 2> "$tmp/err"
check "a truncated XML file exits 1 and publishes nothing" \
  "[ $? -eq 1 ] && [ \"\$(find '$site' -type f | LC_ALL=C sort | xargs cat | md5sum)\" = \"$before\" ]"
"$UNKG_BIN" publish -q -o "$site" "$top/ontology/states.ttl" 2> "$tmp/err"
check "RDF that is not an export exits 1" "[ $? -eq 1 ] && grep -q 'not an export of one document' '$tmp/err'"
check "no new directory left beside the site" "[ \$(ls '$tmp' | grep -c 'site\\.') -eq 0 ]"

# Replacing: a site of one document replaces the site of six inputs.
"$UNKG_BIN" publish -q -o "$site" "$top/corpus/A_72_315.zh.txt"
check "republishing replaces the site" \
  "[ -e '$site/id/doc/A/72/315/index.html' ] && [ ! -e '$site/id/doc/A/RES/75/277/index.html' ]"

echo "$pass passed, $fail failed (publish)"
[ "$fail" -eq 0 ]
