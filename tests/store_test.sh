#!/bin/sh
# The embedded store: `unkg load --store` keeps one named graph per document
# (plus the reference data), replaces a document's graph when it is loaded
# again, and takes exported files as well as input documents.
set -u
: "${UNKG_BIN:?}" "${UNKG_TOP_SRCDIR:?}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-store.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }
corpus="$UNKG_TOP_SRCDIR/corpus"
summary() { sed -n 's/.* holds \([0-9]*\) triples in \([0-9]*\) graphs$/\1 \2/p' "$1"; }

"$UNKG_BIN" export -q -f turtle,nquads -o "$tmp/out" "$corpus"/*.txt

"$UNKG_BIN" load --store "$tmp/s.db" "$corpus"/*.txt 2> "$tmp/first"
check "load of the corpus exits 0" "[ $? -eq 0 ]"
set -- $(summary "$tmp/first")
first_triples=${1:-0}
check "three graphs: two documents and the reference data (got ${2:-none})" "[ '${2:-}' = 3 ]"
docs=$(cat "$tmp/out"/*.nq | wc -l)
check "the documents' triples are all there ($first_triples > $docs)" "[ $first_triples -gt $docs ]"

"$UNKG_BIN" load --store "$tmp/s.db" "$corpus/A_72_315.zh.txt" 2> "$tmp/again"
set -- $(summary "$tmp/again")
check "loading a document again replaces its graph (${1:-none} = $first_triples)" "[ '${1:-}' = '$first_triples' ]"

# Exported files land in the same graphs as the documents they came from.
"$UNKG_BIN" load --store "$tmp/s.db" --no-reference "$tmp/out/A_RES_71_28.zh.ttl" "$tmp/out/A_72_315.zh.nq" 2> "$tmp/files"
set -- $(summary "$tmp/files")
check "exported Turtle and N-Quads replace the same graphs (${1:-none} ${2:-none})" \
  "[ '${1:-}' = '$first_triples' ] && [ '${2:-}' = 3 ]"

# Querying the store gives what querying the files gives.
ref=""
for f in "$UNKG_TOP_SRCDIR"/ontology/*.ttl; do
  case $f in *shapes*) ;; *) ref="$ref $f" ;; esac
done
for q in "$UNKG_TOP_SRCDIR"/docs/queries/cq01-replies.rq "$UNKG_TOP_SRCDIR"/docs/queries/cq05-recalled.rq; do
  # shellcheck disable=SC2086 # ref is a list of file names
  "$UNKG_BIN" query -f tsv -q "$q" "$tmp"/out/*.ttl $ref > "$tmp/files.tsv"
  "$UNKG_BIN" query -f tsv -q "$q" --store "$tmp/s.db" > "$tmp/store.tsv"
  check "$(basename "$q"): unkg query --store = unkg query on the files" \
    "[ \$(wc -l < '$tmp/store.tsv') -gt 1 ] && cmp -s '$tmp/files.tsv' '$tmp/store.tsv'"
done
# unkg writes Redland's tables itself: Redland's own rdfproc must read back
# the very quads of the documents (its N-Quads escape non-ASCII as \u).
if command -v rdfproc > /dev/null 2>&1; then
  rdfproc -q -s sqlite -c "$tmp/s.db" serialize nquads 2> /dev/null | grep -v '<https://w3id.org/unkg/ref> \.$' > "$tmp/rdfproc.nq"
  unesc() { python3 -c 'import re,sys
for l in sys.stdin: sys.stdout.write(re.sub(r"\\(?:u([0-9A-F]{4})|U([0-9A-F]{8}))", lambda m: chr(int(m.group(1) or m.group(2), 16)), l))' | LC_ALL=C sort; }
  unesc < "$tmp/rdfproc.nq" > "$tmp/rdfproc.sorted"
  cat "$tmp/out"/*.nq | unesc > "$tmp/export.sorted"
  check "rdfproc (Redland) reads the store: the documents' quads, as exported ($(wc -l < "$tmp/export.sorted"))" \
    "[ -s '$tmp/export.sorted' ] && cmp -s '$tmp/rdfproc.sorted' '$tmp/export.sorted'"
fi
# SQLite picks its index by the statistics unkg keeps (ANALYZE after each
# load): without them a pattern with subject and predicate bound read all
# of the predicate's statements (docs/sparql.md, Performance).
plan=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("EXPLAIN QUERY PLAN SELECT * FROM triples "
      "WHERE subjectUri = 1 AND predicateUri = 2").fetchall())' "$tmp/s.db" 2>&1)
check "a lookup by subject and predicate uses the subject's index ($plan)" \
  "case \"\$plan\" in *spindex*) true ;; *) false ;; esac"
# A query over the store reads the tables itself: every kind of node bound
# in a pattern (IRI, blank node, plain, typed and tagged literal; a graph),
# and nodes the store does not hold, answer as over the files.
cat > "$tmp/kinds.nq" <<'EOF'
<http://ex.org/a> <http://ex.org/p> _:b1 <http://ex.org/g1> .
_:b1 <http://ex.org/q> "the blank node's value" <http://ex.org/g1> .
<http://ex.org/c> <http://ex.org/r> _:b1 <http://ex.org/g1> .
<http://ex.org/a> <http://ex.org/name> "Paris"@fr <http://ex.org/g1> .
<http://ex.org/a> <http://ex.org/name> "Paris"@en <http://ex.org/g2> .
<http://ex.org/a> <http://ex.org/name> "Paris"@fr <http://ex.org/g2> .
<http://ex.org/b> <http://ex.org/name> "Paris" <http://ex.org/g2> .
<http://ex.org/b> <http://ex.org/n> "5"^^<http://www.w3.org/2001/XMLSchema#integer> <http://ex.org/g2> .
<http://ex.org/c> <http://ex.org/n> "5" <http://ex.org/g2> .
<http://ex.org/c> <http://ex.org/y> "2020"^^<http://www.w3.org/2001/XMLSchema#gYear> <http://ex.org/g1> .
<http://ex.org/c> <http://ex.org/link> <http://ex.org/a> <http://ex.org/g2> .
EOF
"$UNKG_BIN" load -q --no-reference --store "$tmp/kinds.db" "$tmp/kinds.nq"
n=0
while IFS= read -r q; do
  n=$((n + 1))
  "$UNKG_BIN" query -f tsv -e "PREFIX : <http://ex.org/> $q" "$tmp/kinds.nq" > "$tmp/kf.tsv" 2>&1
  "$UNKG_BIN" query -f tsv -e "PREFIX : <http://ex.org/> $q" --store "$tmp/kinds.db" > "$tmp/ks.tsv" 2>&1
  check "kinds of node, query $n: the store answers as the file ($(tail -n +2 "$tmp/ks.tsv" | tr '\n\t' '  '))" \
    "cmp -s '$tmp/kf.tsv' '$tmp/ks.tsv' && [ \$(wc -l < '$tmp/ks.tsv') -gt 1 ]"
done <<'EOF'
SELECT ?s ?v WHERE { ?s :p ?b . ?b :q ?v }
SELECT ?s ?c WHERE { ?s :p ?b . ?c :r ?b }
SELECT ?s WHERE { ?s :name "Paris"@fr }
SELECT ?s WHERE { ?s :name "Paris" }
SELECT ?s WHERE { ?s :n 5 }
SELECT ?s WHERE { ?s :n "5" }
SELECT ?s WHERE { ?s ?p "2020"^^<http://www.w3.org/2001/XMLSchema#gYear> }
SELECT ?g ?s ?o WHERE { GRAPH ?g { ?s :name ?o } } ORDER BY ?g ?s ?o
SELECT ?s ?o WHERE { GRAPH :g2 { ?s :name ?o } } ORDER BY ?s ?o
SELECT ?s ?o WHERE { ?s :name ?o } ORDER BY ?s ?o
SELECT ?n WHERE { ?x :link ?a . ?a :name ?n . ?x :n "5" } ORDER BY ?n
EOF
for q in 'SELECT ?s WHERE { ?s :name "Paris"@de }' 'SELECT ?o WHERE { :nothing ?p ?o }' \
  'SELECT ?s WHERE { GRAPH :g1 { ?s :n ?o } }'; do
  "$UNKG_BIN" query -f tsv -e "PREFIX : <http://ex.org/> $q" --store "$tmp/kinds.db" > "$tmp/ks.tsv" 2>&1
  check "a node the store does not hold: no rows, exit 0 ($q)" "[ \$? -eq 0 ] && [ \$(wc -l < '$tmp/ks.tsv') -le 1 ]"
done
"$UNKG_BIN" query -e 'ASK {}' --store "$tmp/nothing.db" 2> "$tmp/err3"
check "querying a missing store fails and names it" "[ $? -eq 1 ] && grep -q nothing.db '$tmp/err3'"


# --- the store keeps its graphs; checked on open; one writer -------------------
"$UNKG_BIN" query -f tsv -e 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' --store "$tmp/s.db" > "$tmp/quads.tsv"
check "COUNT over GRAPH ?g counts the store's quads" \
  "[ \"\$(tail -n 1 '$tmp/quads.tsv')\" = \"\$(sqlite3 '$tmp/s.db' 'SELECT COUNT(*) FROM triples' 2>/dev/null || tail -n 1 '$tmp/quads.tsv')\" ]"
"$UNKG_BIN" query -f tsv -e 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a <https://w3id.org/unkg/ontology#Expression> } }' --store "$tmp/s.db" > "$tmp/graphs.tsv"
check "GRAPH ?g over the store names the documents' graphs" "grep -q 'A/RES/71/28@zh' '$tmp/graphs.tsv'"
cp "$tmp/s.db" "$tmp/bad.db"
# Damage pages in the middle of the file: the check on open must see it.
size=$(wc -c < "$tmp/bad.db")
dd if=/dev/urandom of="$tmp/bad.db" bs=4096 seek=$((size / 4096 / 2)) count=2 conv=notrunc 2> /dev/null
"$UNKG_BIN" query -f tsv -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --store "$tmp/bad.db" > "$tmp/bad.out" 2> "$tmp/bad.err"
check "a damaged store: exit 1, an error, no answer" "[ \$? -eq 1 ] && grep -q 'damaged\|not a usable store\|not a store' '$tmp/bad.err' && [ ! -s '$tmp/bad.out' ]"
exec 9< "$tmp/s.db"
flock -x 9
"$UNKG_BIN" load --store "$tmp/s.db" --no-reference "$corpus/A_RES_71_28.zh.txt" 2> "$tmp/lock.err"
check "a store in use: the second load says so (status 3)" "[ \$? -eq 3 ] && grep -q 'in use by another process' '$tmp/lock.err'"
exec 9<&-

# Bad input: the others are still loaded, the status says one failed.
printf 'not a document\n' > "$tmp/bad.txt"
"$UNKG_BIN" load --store "$tmp/s.db" --no-reference "$tmp/bad.txt" "$corpus/A_RES_71_28.zh.txt" 2> "$tmp/err"
check "a bad input fails the load (status 1)" "[ $? -eq 1 ]"
check "and is named" "grep -q 'bad.txt' '$tmp/err'"
"$UNKG_BIN" load --store "$tmp" "$corpus/A_RES_71_28.zh.txt" 2> "$tmp/err2"
check "a directory is not a store (status 3)" "[ $? -eq 3 ]"
check "no --store is a usage error" "! '$UNKG_BIN' load '$corpus/A_RES_71_28.zh.txt' 2>/dev/null"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
