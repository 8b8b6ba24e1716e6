#!/bin/sh
# The `unkg query` command: result formats, the table for people, errors
# and exit statuses, loading directories and every RDF syntax.
set -u
: "${UNKG_BIN:?}" "${UNKG_TOP_SRCDIR:?}"
top=$UNKG_TOP_SRCDIR
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-query.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if eval "$2"; then ok; else no "$1"; fi; }
q() { "$UNKG_BIN" query "$@"; }

"$UNKG_BIN" export -q -f turtle,rdfxml,ntriples,nquads -o "$tmp/out" "$top/corpus/A_72_315.zh.txt"
P='PREFIX unkg: <https://w3id.org/unkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>'
replies="$P SELECT ?name ?date WHERE { ?r unkg:replierName ?name ; unkg:replyDate ?date } ORDER BY ?date ?name LIMIT 3"

# --- every syntax loads, to the same graph ------------------------------------
for ext in ttl rdf nt nq; do
  q -f tsv -e "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }" "$tmp/out/A_72_315.zh.$ext" > "$tmp/n.$ext"
  check "$ext loads (exit 0)" "[ \$? -eq 0 ]"
done
check "Turtle, RDF/XML, N-Triples and N-Quads give the same number of triples" \
  "cmp -s '$tmp/n.ttl' '$tmp/n.rdf' && cmp -s '$tmp/n.ttl' '$tmp/n.nt' && cmp -s '$tmp/n.ttl' '$tmp/n.nq'"
check "the count is the graph's ($(tail -n 1 "$tmp/n.ttl") triples)" \
  "[ \"\$(tail -n 1 '$tmp/n.ttl')\" = \"\$(rapper -q -i turtle -o ntriples '$tmp/out/A_72_315.zh.ttl' | wc -l | tr -d ' ')\" ]"
q -f tsv -e "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }" "$tmp/out" > "$tmp/n.dir"
check "a directory loads every RDF file in it, a triple in two files counting once" "cmp -s '$tmp/n.ttl' '$tmp/n.dir'"

# --- formats ------------------------------------------------------------------
q -f tsv -e "$replies" "$tmp/out/A_72_315.zh.ttl" > "$tmp/r.tsv"
printf '?name\t?date\n"约旦"@zh\t"2017-03-23"^^<http://www.w3.org/2001/XMLSchema#date>\n"古巴"@zh\t"2017-04-05"^^<http://www.w3.org/2001/XMLSchema#date>\n"卡塔尔"@zh\t"2017-05-04"^^<http://www.w3.org/2001/XMLSchema#date>\n' > "$tmp/r.want"
check "tsv: SPARQL TSV with UTF-8 kept" "cmp -s '$tmp/r.tsv' '$tmp/r.want'"
q -f tsv -e "SELECT (1 + 1 AS ?two) (\"a\tb\" AS ?tab) WHERE {}" "$tmp/out/A_72_315.zh.ttl" > "$tmp/t.tsv"
printf '?two\t?tab\n2\t"a\\tb"\n' > "$tmp/t.want"
check "tsv: integers bare, tabs escaped" "cmp -s '$tmp/t.tsv' '$tmp/t.want'"
q -f csv -e "$replies" "$tmp/out/A_72_315.zh.ttl" > "$tmp/r.csv"
check "csv: header and plain values" "head -n 2 '$tmp/r.csv' | tr -d '\r' | tr '\n' '|' | grep -q '^name,date|约旦,2017-03-23|$'"
q -f json -e "$replies" "$tmp/out/A_72_315.zh.ttl" > "$tmp/r.json"
check "json: parses, three bindings" \
  "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if len(d[\"results\"][\"bindings\"]) == 3 and d[\"head\"][\"vars\"] == [\"name\", \"date\"] else 1)' '$tmp/r.json'"
q -f xml -e "$replies" "$tmp/out/A_72_315.zh.ttl" > "$tmp/r.xml"
check "xml: SPARQL Query Results XML" "grep -q 'http://www.w3.org/2005/sparql-results#' '$tmp/r.xml' && [ \$(grep -c '<result>' '$tmp/r.xml') -eq 3 ]"
q -f table -e "$replies" "$tmp/out/A_72_315.zh.ttl" > "$tmp/r.table"
cat > "$tmp/r.twant" <<'T'
 name   | date
--------+------------
 约旦   | 2017-03-23
 古巴   | 2017-04-05
 卡塔尔 | 2017-05-04
(3 rows)
T
check "table: columns aligned, a Chinese character two columns wide" "cmp -s '$tmp/r.table' '$tmp/r.twant'"
q -e "$replies" "$tmp/out/A_72_315.zh.ttl" > "$tmp/r.default"
check "not on a terminal, the default is tsv" "cmp -s '$tmp/r.default' '$tmp/r.tsv'"
q -f table -e "$P SELECT ?s WHERE { ?s a unkg:Report }" "$tmp/out/A_72_315.zh.ttl" | grep -q '<https://w3id.org/unkg/id/doc/A/72/315>'
check "table: IRIs without a known prefix in full" "[ \$? -eq 0 ]"
q -f table -e "$P SELECT ?c WHERE { ?s a ?c } ORDER BY ?c LIMIT 1" "$tmp/out/A_72_315.zh.ttl" | grep -q ' unkg:Action$'
check "table: vocabulary IRIs as prefixed names" "[ \$? -eq 0 ]"
check "ASK prints true" "[ \"\$(q -e 'ASK { ?s ?p ?o }' '$tmp/out/A_72_315.zh.ttl')\" = true ]"
q -e "$P CONSTRUCT { ?r unkg:replyDate ?d } WHERE { ?r unkg:replyDate ?d }" "$tmp/out/A_72_315.zh.ttl" > "$tmp/c.nt"
check "CONSTRUCT prints sorted N-Triples that rapper reads" \
  "[ \$(rapper -q -i ntriples -c '$tmp/c.nt' 2>&1 | grep -c .) -eq 0 ] && [ \$(wc -l < '$tmp/c.nt') -eq 23 ] && LC_ALL=C sort -c '$tmp/c.nt'"
q -f tsv -e "$replies" "$tmp/out/A_72_315.zh.ttl" > "$tmp/r2.tsv"
check "the same query gives byte-identical output" "cmp -s '$tmp/r.tsv' '$tmp/r2.tsv'"
printf '%s\n' "$replies" > "$tmp/q.rq"
q -f tsv -q "$tmp/q.rq" "$tmp/out/A_72_315.zh.ttl" > "$tmp/r3.tsv"
check "-q FILE reads the query from the file" "cmp -s '$tmp/r.tsv' '$tmp/r3.tsv'"
q -f tsv -q - "$tmp/out/A_72_315.zh.ttl" < "$tmp/q.rq" > "$tmp/r4.tsv"
check "-q - reads it from standard input" "cmp -s '$tmp/r.tsv' '$tmp/r4.tsv'"

# --- errors -------------------------------------------------------------------
printf 'PREFIX unkg: <https://w3id.org/unkg/ontology#>\nSELECT ?s WHERE {\n  ?s unkg:symbol ; .\n}\n' > "$tmp/bad.rq"
q -q "$tmp/bad.rq" "$tmp/out/A_72_315.zh.ttl" > "$tmp/out.txt" 2> "$tmp/err"
check "a query that does not parse exits 2" "[ \$? -eq 2 ]"
check "... naming the query file and the line" "grep -Eq 'bad.rq:3(:[0-9]+)?: error: ' '$tmp/err'"
check "... showing the line" "grep -q '^ *?s unkg:symbol ; [.]\$' '$tmp/err'"
check "... and printing no results" "[ ! -s '$tmp/out.txt' ]"
q -e 'SELECT WHERE' "$tmp/out/A_72_315.zh.ttl" 2> "$tmp/err"
check "-e: a bad query exits 2, named -e" "[ \$? -eq 2 ] && grep -Eq '^unkg: -e:1(:[0-9]+)?: error: ' '$tmp/err'"
q -e 'ASK {}' "$tmp/missing.ttl" 2> "$tmp/err"
check "a missing data file exits 1" "[ \$? -eq 1 ]"
check "... naming it" "grep -q 'missing.ttl: error: cannot open' '$tmp/err'"
printf '@prefix x: <http://x/> .\nx:a x:b x:c .\nx:a x:b "unterminated .\n' > "$tmp/broken.ttl"
q -e 'ASK {}' "$tmp/broken.ttl" > "$tmp/out.txt" 2> "$tmp/err"
check "data that does not parse exits 1" "[ \$? -eq 1 ]"
check "... naming the file and line, running no query" "grep -Eq 'broken.ttl:3(:[0-9]+)?: error: not valid turtle' '$tmp/err' && [ ! -s '$tmp/out.txt' ]"
cp "$tmp/out/A_72_315.zh.ttl" "$tmp/wrong.nt"
q -e 'ASK {}' "$tmp/wrong.nt" 2> "$tmp/err"
check "Turtle named .nt fails as N-Triples" "[ \$? -eq 1 ] && grep -q 'wrong.nt:.*not valid ntriples' '$tmp/err'"
printf 'x' > "$tmp/data.txt"
q -e 'ASK {}' "$tmp/data.txt" 2> "$tmp/err"
check "an unknown extension is refused" "[ \$? -eq 1 ] && grep -q 'data.txt: error: unknown RDF syntax' '$tmp/err'"
mkdir "$tmp/empty"
q -e 'ASK {}' "$tmp/empty" 2> "$tmp/err"
check "a directory without RDF files is an error" "[ \$? -eq 1 ] && grep -q 'no RDF files' '$tmp/err'"
q -e 'ASK {}' 2> /dev/null; check "no data exits 2" "[ \$? -eq 2 ]"
q "$tmp/out" 2> /dev/null; check "no query exits 2" "[ \$? -eq 2 ]"
q -e 'ASK {}' -q "$tmp/q.rq" "$tmp/out" 2> /dev/null; check "both -e and -q exit 2" "[ \$? -eq 2 ]"
q -f yaml -e 'ASK {}' "$tmp/out" 2> /dev/null; check "an unknown format exits 2" "[ \$? -eq 2 ]"
q -q "$tmp/none.rq" "$tmp/out" 2> "$tmp/err"
check "an unreadable query file exits 2, named" "[ \$? -eq 2 ] && grep -q 'none.rq' '$tmp/err'"

# --- named graphs and the default graph (docs/sparql.md) ---------------------
cat > "$tmp/g.nq" <<'NQ'
<http://x/a> <http://x/p> "same" <http://x/g1> .
<http://x/a> <http://x/p> "same" <http://x/g2> .
<http://x/b> <http://x/p> "only in g2" <http://x/g2> .
NQ
printf '<http://x/c> <http://x/p> "default only" .\n' > "$tmp/d.nt"
q -f tsv -e 'SELECT ?s ?o WHERE { ?s <http://x/p> ?o }' "$tmp/g.nq" "$tmp/d.nt" > "$tmp/out.txt"
check "a triple in two graphs is one row of the default graph" \
  "[ \$(grep -c '<http://x/a>' '$tmp/out.txt') -eq 1 ] && [ \$(wc -l < '$tmp/out.txt') -eq 4 ]"
q -f tsv -e 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g' "$tmp/g.nq" "$tmp/d.nt" > "$tmp/out.txt"
printf '?g\t?n\n<http://x/g1>\t1\n<http://x/g2>\t2\n' > "$tmp/want.txt"
check "GRAPH ?g over .nq: each graph, its quads; default-graph triples in none" "cmp -s '$tmp/want.txt' '$tmp/out.txt'"
q -f tsv -e 'SELECT ?o WHERE { GRAPH <http://x/g2> { <http://x/b> ?p ?o } }' "$tmp/g.nq" > "$tmp/out.txt"
check "GRAPH <iri>" "grep -q 'only in g2' '$tmp/out.txt'"

q -f tsv --graph-per-file -e 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }' "$tmp/out/A_72_315.zh.ttl" "$tmp/d.nt" > "$tmp/out.txt"
check "--graph-per-file: a Turtle export in its expression's graph, a file without one in file:" \
  "grep -qx '<https://w3id.org/unkg/id/doc/A/72/315@zh>' '$tmp/out.txt' && grep -q '^<file:///.*/d.nt>\$' '$tmp/out.txt'"

# --- refused before the engine sees them ---------------------------------------
q -e 'SELECT (1+1+1+1 AS ?x) WHERE {}' "$tmp/g.nq" > "$tmp/out.txt" 2> "$tmp/err"
check "1+1+1+1 (crashed Rasqal's parser) is refused: exit 2, line and column" \
  "[ \$? -eq 2 ] && grep -q -- '-e:1:14: error: unkg cannot answer three or more' '$tmp/err'"
q -e 'SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }' "$tmp/g.nq" 2> "$tmp/err"
check "SERVICE is refused without --allow-service" "[ \$? -eq 2 ] && grep -q 'allow-service' '$tmp/err'"
q -e 'SELECT * FROM <http://x/g1> WHERE { ?s ?p ?o }' "$tmp/g.nq" 2> "$tmp/err"
check "FROM is refused, not ignored" "[ \$? -eq 2 ] && grep -q 'FROM and FROM NAMED' '$tmp/err'"
q -e 'SELECT ?s WHERE { ?s <http://x/p>/<http://x/q> ?o }' "$tmp/g.nq" 2> "$tmp/err"
check "a property path is refused, naming it" "[ \$? -eq 2 ] && grep -q 'property paths' '$tmp/err'"
q -e 'SELECT ?s WHERE { ?s ?p "unterminated }' "$tmp/g.nq" 2> "$tmp/err"
check "an unterminated string: exit 2 with the column" "[ \$? -eq 2 ] && grep -q -- '-e:1:25: error: a string that does not end' '$tmp/err'"
printf 'PREFIX ex: <http://example.org/>\nSELECT ?s\nWHERE { ?s ex:p ?o .\n  ?o  foo:bar "x:y" }\n' > "$tmp/prefix.rq"
q -q "$tmp/prefix.rq" "$tmp/g.nq" > "$tmp/out.txt" 2> "$tmp/err"
check "an undeclared prefix: exit 2 with its line and column, nothing on stdout" \
  "[ \$? -eq 2 ] && grep -q -- 'prefix.rq:4:7: error: the prefix foo: of foo:bar is not declared' '$tmp/err' && [ ! -s '$tmp/out.txt' ]"
python3 -c "print('ASK { FILTER(' + '||'.join(['?a'] * 80000) + ') }')" > "$tmp/deep.rq"
q -q "$tmp/deep.rq" "$tmp/g.nq" 2> "$tmp/err"
check "80,000 || (overflowed the stack) are refused" "[ \$? -eq 2 ] && grep -q 'too long' '$tmp/err'"
q -f tsv -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s <http://x/none> ?o }' "$tmp/g.nq" > "$tmp/out.txt"
check "COUNT over no rows is one row, 0" "[ \"\$(tail -n 1 '$tmp/out.txt')\" = 0 ] && [ \"\$(head -n 1 '$tmp/out.txt')\" = '?n' ]"
q -f tsv -e 'DESCRIBE <http://x/b>' "$tmp/g.nq" > "$tmp/out.txt"
check "DESCRIBE <iri> gives its triples" "grep -q '<http://x/b> <http://x/p> \"only in g2\" .' '$tmp/out.txt'"

# --- limits ------------------------------------------------------------------------
q -f tsv --max-rows 1 -e 'SELECT * WHERE { ?s ?p ?o }' "$tmp/g.nq" > "$tmp/out.txt" 2> "$tmp/err"
check "--max-rows: that many rows, and a note" "[ \$? -eq 0 ] && [ \$(wc -l < '$tmp/out.txt') -eq 2 ] && grep -q 'stopped after 1 rows' '$tmp/err'"
q -f tsv --timeout 1 -e 'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o2 }' "$tmp/out" > /dev/null 2> "$tmp/err"
check "--timeout stops a runaway cross product: exit 1" "[ \$? -eq 1 ] && grep -q 'ran longer than 1 s' '$tmp/err'"
"$UNKG_BIN" --help | grep -q 'query runs a SPARQL 1.1 query'
check "--help documents query" "[ \$? -eq 0 ]"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
