#!/bin/sh
# End to end: the unkg program on corpus/, checked with an independent
# parser (rapper), and on bad input.
set -u
: "${UNKG_BIN:?}" "${UNKG_TOP_SRCDIR:?}"
corpus="$UNKG_TOP_SRCDIR/corpus"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-export.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if eval "$2"; then ok; else no "$1"; fi; }

# Triples as a sorted set, by rapper (not by us).
triples() { rapper -q -i "$1" -o ntriples "$2" | LC_ALL=C sort -u; }

# --- the corpus -------------------------------------------------------------
"$UNKG_BIN" export -q -f turtle,rdfxml,ntriples,nquads -o "$tmp/a" "$corpus"/*.txt
check "export of corpus/ exits 0" "[ $? -eq 0 ]"
for f in "$tmp"/a/*; do
  check "$(basename "$f") is valid UTF-8" "iconv -f UTF-8 -t UTF-8 '$f' > /dev/null 2>&1"
done
for stem in A_RES_71_28.zh A_72_315.zh; do
  for ext in ttl rdf nt nq; do
    check "$stem.$ext written" "[ -s '$tmp/a/$stem.$ext' ]"
  done
  triples turtle "$tmp/a/$stem.ttl" > "$tmp/ttl.nt"
  triples rdfxml "$tmp/a/$stem.rdf" > "$tmp/rdf.nt"
  triples ntriples "$tmp/a/$stem.nt" > "$tmp/nt.nt"
  rapper -q -i nquads -o nquads "$tmp/a/$stem.nq" | sed 's/ <[^>]*> \.$/ ./' | LC_ALL=C sort -u > "$tmp/nq.nt"
  n=$(wc -l < "$tmp/ttl.nt")
  check "$stem: Turtle parses to many triples ($n)" "[ $n -gt 500 ]"
  check "$stem: RDF/XML holds the same triples as Turtle" "cmp -s '$tmp/ttl.nt' '$tmp/rdf.nt'"
  check "$stem: N-Triples holds the same triples as Turtle" "cmp -s '$tmp/ttl.nt' '$tmp/nt.nt'"
  check "$stem: N-Quads holds the same triples as Turtle" "cmp -s '$tmp/ttl.nt' '$tmp/nq.nt'"
  check "$stem: one named graph in N-Quads" \
    "[ \$(rapper -q -i nquads -o nquads '$tmp/a/$stem.nq' | awk '{print \$(NF-1)}' | sort -u | wc -l) -eq 1 ]"
  check "$stem: no blank nodes" "! grep -q '_:' '$tmp/ttl.nt'"
  check "$stem: Turtle keeps Chinese as UTF-8" "grep -q '大会' '$tmp/a/$stem.ttl'"
  check "$stem: N-Triples keeps Chinese as UTF-8" "grep -q '大会' '$tmp/a/$stem.nt'"
done
check "output readable by others under umask 022" \
  "[ \"\$(umask 022; '$UNKG_BIN' export -q -o '$tmp/m' '$corpus/A_RES_71_28.zh.txt' && stat -c %a '$tmp/m/A_RES_71_28.zh.ttl')\" = 644 ]"
check "no temporary files left behind" "[ -z \"\$(ls -A '$tmp/a' | grep '^\\.')\" ]"

# Same input, byte-identical output.
"$UNKG_BIN" export -q -f turtle,rdfxml,ntriples,nquads -o "$tmp/b" "$corpus"/*.txt
for f in "$tmp"/a/*; do
  check "deterministic: $(basename "$f")" "cmp -s '$f' '$tmp/b/$(basename "$f")'"
done

# Standard input, and --base.
"$UNKG_BIN" export -q -o "$tmp/c" --base http://example.org/un/ - < "$corpus/A_RES_71_28.zh.txt"
check "stdin export exits 0" "[ $? -eq 0 ]"
check "stdin export named after the symbol" "[ -s '$tmp/c/A_RES_71_28.zh.ttl' ]"
check "--base sets the data namespace" \
  "grep -q '<http://example.org/un/doc/A/RES/71/28>' '$tmp/c/A_RES_71_28.zh.ttl'"

# --- bad input: one clear error each, no output, others still exported ------
printf '' > "$tmp/empty.txt"
printf '   \n\n \n' > "$tmp/blank.txt"
printf '第一行\n第二行\377\376坏\n' > "$tmp/latin1.txt"
printf 'ELF\000\001\002binary' > "$tmp/binary.txt"
printf '这是一段普通的文字，不是决议也不是报告。\n\n第二段。\n' > "$tmp/prose.txt"
mkdir "$tmp/adir"
for bad in missing.txt adir empty.txt blank.txt latin1.txt binary.txt prose.txt; do
  rm -rf "$tmp/out"
  "$UNKG_BIN" export -q -o "$tmp/out" "$tmp/$bad" "$corpus/A_RES_71_28.zh.txt" 2> "$tmp/err"
  rc=$?
  check "$bad: exit status 1 (got $rc)" "[ $rc -eq 1 ]"
  check "$bad: one error line naming the file" \
    "[ \$(wc -l < '$tmp/err') -eq 1 ] && grep -q '$bad' '$tmp/err'"
  check "$bad: only the good input was exported" \
    "[ \"\$(ls '$tmp/out' | tr '\n' ' ')\" = 'A_RES_71_28.zh.rdf A_RES_71_28.zh.ttl ' ]"
done
"$UNKG_BIN" export -q -o "$tmp/out" "$tmp/latin1.txt" 2> "$tmp/err"
check "invalid UTF-8 is reported with its line" "grep -q 'latin1.txt:2:' '$tmp/err'"

# --- command line ------------------------------------------------------------
"$UNKG_BIN" --help > "$tmp/help"; check "--help exits 0" "[ $? -eq 0 ]"
check "--help documents exit codes" "grep -q 'Exit status' '$tmp/help'"
check "--version prints the version" "'$UNKG_BIN' --version | grep -q '^unkg [0-9]'"
"$UNKG_BIN" export --no-such-option x 2>/dev/null; check "unknown option exits 2" "[ $? -eq 2 ]"
"$UNKG_BIN" export -f pdf x 2>/dev/null; check "unknown format exits 2" "[ $? -eq 2 ]"
"$UNKG_BIN" export 2>/dev/null; check "no input exits 2" "[ $? -eq 2 ]"
"$UNKG_BIN" frobnicate 2>/dev/null; check "unknown command exits 2" "[ $? -eq 2 ]"

# Reference data that does not parse: exit 3, the file named.
mkdir "$tmp/data"
cp "$UNKG_TOP_SRCDIR"/ontology/*.ttl "$tmp/data/"
printf '@prefix unkg: <https://w3id.org/unkg/ontology#> .\nunkg:x unkg:y "unterminated .\n' > "$tmp/data/zz-broken.ttl"
"$UNKG_BIN" export -q --data-dir "$tmp/data" -o "$tmp/out2" "$corpus/A_RES_71_28.zh.txt" 2> "$tmp/err"
check "broken reference data exits 3" "[ $? -eq 3 ]"
check "broken reference data names the file" "grep -q 'zz-broken.ttl' '$tmp/err'"
check "nothing exported with broken reference data" "[ ! -e '$tmp/out2/A_RES_71_28.zh.ttl' ]"

# Reference data without something the code finds by its property: exit 3,
# naming what is missing.
rm "$tmp/data/zz-broken.ttl"
sed 's/unkg:impliedByAmount/unkg:impliedByMoney/' "$UNKG_TOP_SRCDIR/ontology/actions.ttl" > "$tmp/data/actions.ttl"
"$UNKG_BIN" export -q --data-dir "$tmp/data" -o "$tmp/out2" "$corpus/A_RES_71_28.zh.txt" 2> "$tmp/err"
check "incomplete reference data exits 3" "[ $? -eq 3 ]"
check "incomplete reference data names what is missing" "grep -q 'incomplete: .*unkg:impliedByAmount' '$tmp/err'"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
