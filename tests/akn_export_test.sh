#!/bin/sh
# End to end for Akoma Ntoso input: the Chinese and English files of one
# resolution export to two graphs of the same work whose paragraphs are the
# same nodes, checked with an independent parser (rapper); hostile XML gets
# one error line and no output.
set -u
: "${UNKG_BIN:?}" "${UNKG_TOP_SRCDIR:?}"
fx="$UNKG_TOP_SRCDIR/tests/fixtures/akn"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-akn.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if eval "$2"; then ok; else no "$1"; fi; }

triples() { rapper -q -i "$1" -o ntriples "$2" | LC_ALL=C sort -u; }
U='https://w3id.org/unkg/ontology#'
W='https://w3id.org/unkg/id/doc/A/RES/75/277'

"$UNKG_BIN" export -q -f turtle,rdfxml,ntriples -o "$tmp/a" "$fx/75_277_C.xml" "$fx/75_277_E.xml"
check "export of the zh and en files exits 0" "[ $? -eq 0 ]"
for f in "$tmp"/a/*; do
  check "$(basename "$f") is valid UTF-8" "iconv -f UTF-8 -t UTF-8 '$f' > /dev/null 2>&1"
done
for lang in zh en; do
  stem="A_RES_75_277.$lang"
  for ext in ttl rdf nt; do
    check "$stem.$ext written" "[ -s '$tmp/a/$stem.$ext' ]"
  done
  triples turtle "$tmp/a/$stem.ttl" > "$tmp/$lang.ttl.nt"
  triples rdfxml "$tmp/a/$stem.rdf" > "$tmp/$lang.rdf.nt"
  n=$(wc -l < "$tmp/$lang.ttl.nt")
  check "$stem: rapper parses the Turtle ($n triples)" "[ $n -gt 1000 ]"
  check "$stem: RDF/XML holds the same triples as Turtle" "cmp -s '$tmp/$lang.ttl.nt' '$tmp/$lang.rdf.nt'"
  check "$stem: no blank nodes" "! grep -q '_:' '$tmp/$lang.ttl.nt'"
  check "$stem: an expression of the work" \
    "grep -q '^<$W> <${U}hasExpression> <$W@$lang> \.' '$tmp/$lang.ttl.nt'"
  # The paragraphs: subjects typed as preambular or operative paragraphs.
  grep -E "^<$W/(pp|op)/[^>@]*> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${U}(Preambular|Operative)Paragraph>" \
    "$tmp/$lang.ttl.nt" | cut -d' ' -f1 | sort -u > "$tmp/$lang.paras"
  # Those of them with a text literal in this language.
  grep -E "^<$W/(pp|op)/[^>@]*> <${U}text> \".*\"@$lang \.$" "$tmp/$lang.ttl.nt" \
    | cut -d' ' -f1 | sort -u > "$tmp/$lang.texts"
  check "$stem: 4 preambular and 2 operative paragraphs" "[ \$(wc -l < '$tmp/$lang.paras') -eq 6 ]"
  check "$stem: every paragraph has its text @$lang" "cmp -s '$tmp/$lang.paras' '$tmp/$lang.texts'"
done
check "zh and en give the same paragraph IRIs" "cmp -s '$tmp/zh.paras' '$tmp/en.paras'"
check "the same vote nodes in both graphs" \
  "[ \"\$(grep -c '/voting/[A-Z]*> <${U}voteValue>' '$tmp/zh.ttl.nt')\" = 193 ] \
   && [ \"\$(grep '/voting/' '$tmp/zh.ttl.nt' | sort)\" = \"\$(grep '/voting/' '$tmp/en.ttl.nt' | sort)\" ]"
check "CHINA voted against" \
  "grep -q '^<$W/voting/CHN> <${U}voteValue> <${U}Against> \.' '$tmp/en.ttl.nt'"
check "merged, the two graphs carry op/1 in both languages" \
  "[ \$(cat '$tmp/zh.ttl.nt' '$tmp/en.ttl.nt' | grep -c '^<$W/op/1> <${U}text> ') -eq 2 ]"
check "the eId is on the text span, per expression" \
  "grep -q '^<$W/pp/3@en> <${U}aknEId> \"container_4\" \.' '$tmp/en.ttl.nt'"
check "no byte offsets claimed for XML" "! grep -q 'beginOffset' '$tmp/en.ttl.nt'"

# Same input, byte-identical output.
"$UNKG_BIN" export -q -f turtle,rdfxml,ntriples -o "$tmp/b" "$fx/75_277_C.xml" "$fx/75_277_E.xml"
for f in "$tmp"/a/*; do
  check "deterministic: $(basename "$f")" "cmp -s '$f' '$tmp/b/$(basename "$f")'"
done

# XML is recognised by content, not by name; standard input works too.
cp "$fx/75_19_E.xml" "$tmp/resolution.txt"
"$UNKG_BIN" export -q -o "$tmp/c" "$tmp/resolution.txt"
check "XML named .txt is read as XML" "[ -s '$tmp/c/A_RES_75_19.en.ttl' ]"
"$UNKG_BIN" export -q -o "$tmp/d" - < "$fx/75_19_C.xml"
check "XML on standard input" "[ -s '$tmp/d/A_RES_75_19.zh.ttl' ]"

# Hostile or broken XML: exit 1, one error line with file and line, no output.
for bad in billion-laughs.xml:2 xxe.xml:2 truncated.xml:53; do
  file=${bad%%:*}
  line=${bad##*:}
  rm -rf "$tmp/out"
  "$UNKG_BIN" export -q -o "$tmp/out" "$fx/$file" 2> "$tmp/err"
  rc=$?
  check "$file: exit status 1 (got $rc)" "[ $rc -eq 1 ]"
  check "$file: one error line with file and line" \
    "[ \$(wc -l < '$tmp/err') -eq 1 ] && grep -Eq '$file:$line(:[0-9]+)?: error:' '$tmp/err'"
  check "$file: no output" "[ -z \"\$(ls -A '$tmp/out' 2>/dev/null)\" ]"
done
check "the external entity was not read" "! grep -rq 'root:' '$tmp' 2>/dev/null"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
