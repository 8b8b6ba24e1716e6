#!/bin/sh
# A real Virtuoso on 127.0.0.1, from a temporary directory: bulk-load the
# corpus export, check every graph holds exactly its document's triples,
# reload one document and check nothing is duplicated, stop by pid.
set -u
: "${UNKG_BIN:?}" "${UNKG_TOP_SRCDIR:?}"
if ! command -v virtuoso-t >/dev/null 2>&1; then
  echo "SKIP: virtuoso-t not installed (Debian package virtuoso-opensource)"
  exit 77
fi
tool="$UNKG_TOP_SRCDIR/tools/virtuoso"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-virtuoso.XXXXXX")
trap '"$tool" stop "$tmp/db" >/dev/null 2>&1; "$UNKG_BIN" store stop "$tmp/vs" > /dev/null 2>&1; "$UNKG_BIN" store stop "$tmp/bad" > /dev/null 2>&1; rm -rf "$tmp"' EXIT
pass=0
fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }

"$UNKG_BIN" export -q -f nquads -o "$tmp/out" "$UNKG_TOP_SRCDIR"/corpus/*.txt
"$tool" start "$tmp/db" > /dev/null
check "server started" "[ -f '$tmp/db/pid' ] && kill -0 \$(cat '$tmp/db/pid')"
check "listens on 127.0.0.1 only" \
  "! grep -E '^ServerPort' '$tmp/db/virtuoso.ini' | grep -vq '127.0.0.1:'"
"$tool" load "$tmp/db" "$tmp/out"/*.nq
check "bulk load succeeded" "[ $? -eq 0 ]"

cat > "$tmp/count.rq" <<'Q'
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/unkg/")) } GROUP BY ?g ORDER BY ?g
Q
expected() {
  for f in "$tmp/out"/*.nq; do
    printf '"%s",%s\n' "$(awk 'NR==1{print $(NF-1)}' "$f" | tr -d '<>')" "$(wc -l < "$f")"
  done | LC_ALL=C sort
}
expected > "$tmp/expected"
"$tool" query "$tmp/db" "$tmp/count.rq" | tail -n +2 | LC_ALL=C sort > "$tmp/got"
check "one graph per document, each with exactly its triples" "cmp -s '$tmp/expected' '$tmp/got'"

# Reload one document: its graph is replaced, not appended to.
"$tool" load "$tmp/db" "$tmp/out/A_72_315.zh.nq"
"$tool" query "$tmp/db" "$tmp/count.rq" | tail -n +2 | LC_ALL=C sort > "$tmp/again"
check "reload duplicates nothing" "cmp -s '$tmp/expected' '$tmp/again'"

# Every competency question over the SPARQL endpoint: the same rows as
# `unkg query` over the files.  The reference data goes into a graph of its
# own, as docs/scale.md says.
ref=""
for f in "$UNKG_TOP_SRCDIR"/ontology/*.ttl; do
  case $f in *shapes*) ;; *) ref="$ref $f" ;; esac
done
# shellcheck disable=SC2086 # ref is a list of file names
"$UNKG_BIN" query -e 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }' $ref \
  | sed 's| \.$| <https://w3id.org/unkg/ref> .|' > "$tmp/ref.nq"
"$tool" load "$tmp/db" "$tmp/ref.nq"
check "reference data loaded into its own graph" "[ $? -eq 0 ]"
"$UNKG_BIN" export -q -f turtle -o "$tmp/ttl" "$UNKG_TOP_SRCDIR"/corpus/*.txt
for q in "$UNKG_TOP_SRCDIR"/docs/queries/cq*.rq; do
  n=$(basename "$q" .rq)
  # shellcheck disable=SC2086
  "$UNKG_BIN" query -f csv -q "$q" "$tmp"/ttl/*.ttl $ref > "$tmp/$n.unkg.csv" 2> /dev/null \
    || { [ -e "$UNKG_TOP_SRCDIR/tests/cq/${n%%-*}.refused" ] && continue; }
  "$tool" query "$tmp/db" "$q" text/csv > "$tmp/$n.virtuoso.csv"
  check "$n: Virtuoso's answer = unkg query's" \
    "python3 '$UNKG_TOP_SRCDIR/tests/csv_rows.py' '$tmp/$n.unkg.csv' '$tmp/$n.virtuoso.csv' > '$tmp/$n.diff' || { head -20 '$tmp/$n.diff'; false; }"
done

# Hostile graph names (issue 13): a quote and semicolons, %20 as in
# A/RES/75/101%20A-B, in a file whose name has a quote.  Each graph is
# loaded, a reload replaces it, and the server is still up.
printf '%s\n' \
  '<https://w3id.org/unkg/id/x> <https://w3id.org/unkg/ontology#p> "a" <https://w3id.org/unkg/id/doc/A/RES/75/101%20A-B@en> .' \
  "<https://w3id.org/unkg/id/y> <https://w3id.org/unkg/ontology#p> \"b\" <https://w3id.org/unkg/id/doc/A/RES/75/19';shutdown;'@en> ." \
  '<https://w3id.org/unkg/id/z> <https://w3id.org/unkg/ontology#p> "c;d" <https://w3id.org/unkg/id/doc/semi;colon> .' \
  > "$tmp/hostile';x.nq"
"$tool" load "$tmp/db" "$tmp/hostile';x.nq" && "$tool" load "$tmp/db" "$tmp/hostile';x.nq"
check "hostile graph names load" "[ $? -eq 0 ]"
echo 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <https://w3id.org/unkg/ontology#p> ?o } } GROUP BY ?g' > "$tmp/hostile.rq"
"$tool" query "$tmp/db" "$tmp/hostile.rq" | tail -n +2 | LC_ALL=C sort > "$tmp/hostile.got"
printf '%s\n' '"https://w3id.org/unkg/id/doc/A/RES/75/101%20A-B@en",1' \
  "\"https://w3id.org/unkg/id/doc/A/RES/75/19';shutdown;'@en\",1" \
  '"https://w3id.org/unkg/id/doc/semi;colon",1' | LC_ALL=C sort > "$tmp/hostile.want"
check "hostile graphs hold their one triple each, server up" \
  "cmp -s '$tmp/hostile.want' '$tmp/hostile.got' && kill -0 \$(cat '$tmp/db/pid')"
"$tool" load-reference "$tmp/db" "$UNKG_TOP_SRCDIR/ontology"
check "load-reference" "[ $? -eq 0 ]"

pid=$(cat "$tmp/db/pid")
"$tool" stop "$tmp/db"
check "server stopped by its pid" "! kill -0 $pid 2>/dev/null"

# --- unkg's own store: --store virtuoso:DIR -----------------------------------
vs="virtuoso:$tmp/vs"
"$UNKG_BIN" load -q --store "$vs" "$UNKG_TOP_SRCDIR"/corpus/*.txt 2> "$tmp/vs.err"
check "unkg load --store virtuoso:DIR starts a server and loads (exit 0)" \
  "[ $? -eq 0 ] && kill -0 \$(cat '$tmp/vs/pid') && [ ! -s '$tmp/vs.err' ]"
check "it listens on 127.0.0.1 only" \
  "grep -q '^ServerPort = 127.0.0.1:' '$tmp/vs/virtuoso.ini' && ! grep -E '^ServerPort' '$tmp/vs/virtuoso.ini' | grep -vq '127.0.0.1:'"
"$UNKG_BIN" load -q --store "$tmp/s.db" "$UNKG_TOP_SRCDIR"/corpus/*.txt
pid=$(cat "$tmp/vs/pid")
"$UNKG_BIN" load -q --no-reference --store "$vs" "$UNKG_TOP_SRCDIR/corpus/A_72_315.zh.txt"
check "a second load reuses the running server" "[ $? -eq 0 ] && [ \"\$(cat '$tmp/vs/pid')\" = $pid ]"
# The same dataset as the SQLite store: quads per graph, and the default
# graph as the merge (a triple in two graphs counted once).
for q in 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g' \
  'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' \
  'SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p'; do
  "$UNKG_BIN" query -f tsv -e "$q" --store "$vs" > "$tmp/vs.tsv"
  "$UNKG_BIN" query -f tsv -e "$q" --store "$tmp/s.db" > "$tmp/sq.tsv"
  check "Virtuoso = SQLite store: $q" "[ \$(wc -l < '$tmp/sq.tsv') -gt 1 ] && cmp -s '$tmp/vs.tsv' '$tmp/sq.tsv'"
done
for q in "$UNKG_TOP_SRCDIR"/docs/queries/cq*.rq; do
  n=$(basename "$q" .rq)
  "$UNKG_BIN" query -f csv -q "$q" --store "$tmp/s.db" > "$tmp/$n.s.csv" 2> /dev/null \
    || { [ -e "$UNKG_TOP_SRCDIR/tests/cq/${n%%-*}.refused" ] && continue; }
  "$UNKG_BIN" query -f csv -q "$q" --store "$vs" > "$tmp/$n.v.csv"
  check "$n: unkg query --store virtuoso: = --store SQLite" \
    "python3 '$UNKG_TOP_SRCDIR/tests/csv_rows.py' '$tmp/$n.s.csv' '$tmp/$n.v.csv' > '$tmp/$n.vdiff' || { head -20 '$tmp/$n.vdiff'; false; }"
done
"$UNKG_BIN" query -e 'ASK { ?s ?p ?o }' --store "$vs" > "$tmp/ask"
check "ASK over Virtuoso prints true" "[ \"\$(cat '$tmp/ask')\" = true ]"
# BOUND of a variable from outside an OPTIONAL, in its FILTER, is false
# over Virtuoso even where the variable is bound: refused.  A cast to a
# number of a text that is no number gives 0 there (SPARQL: unbound):
# answered as Virtuoso does, with a warning.
"$UNKG_BIN" query -e 'SELECT ?s ?y WHERE { ?s ?p ?o OPTIONAL { ?s ?q ?y FILTER (BOUND(?o)) } }' \
  --store "$vs" > /dev/null 2> "$tmp/bound.err"
check "BOUND of an outer variable inside OPTIONAL over Virtuoso: refused (exit 2) at BOUND" \
  "[ $? -eq 2 ] && grep -q -- '-e:1:59: error: unkg cannot answer BOUND of a variable from outside an OPTIONAL' '$tmp/bound.err'"
# A sub-query inside GRAPH: Virtuoso gives no row.  Refused.
"$UNKG_BIN" query -e 'SELECT ?g ?s WHERE { GRAPH ?g { { SELECT ?s WHERE { ?s ?p ?o } } } }' \
  --store "$vs" > /dev/null 2> "$tmp/gsub.err"
check "a sub-query inside GRAPH over Virtuoso: refused (exit 2) at its SELECT" \
  "[ $? -eq 2 ] && grep -q -- '-e:1:35: error: unkg cannot answer a sub-query inside GRAPH' '$tmp/gsub.err'"
"$UNKG_BIN" query -f tsv -e 'SELECT (<http://www.w3.org/2001/XMLSchema#integer>("e") AS ?i) WHERE { }' \
  --store "$vs" > "$tmp/cast.out" 2> "$tmp/cast.err"
check "a cast of a non-number over Virtuoso: its 0, and a warning that says so" \
  "[ $? -eq 0 ] && [ \"\$(tr '\\n' ' ' < '$tmp/cast.out')\" = '?i 0 ' ] && grep -q 'warning: over Virtuoso a cast to a number' '$tmp/cast.err'"
"$UNKG_BIN" query -e 'SELECT ?s WHERE { ?s ?p }' --store "$vs" 2> "$tmp/syn.err"
check "a syntax error over Virtuoso: exit 2 with the line" "[ $? -eq 2 ] && grep -q ':1:[0-9]*: error: ' '$tmp/syn.err'"
"$UNKG_BIN" load -q --no-reference --store "$vs" "$tmp/hostile';x.nq"
"$UNKG_BIN" query -f tsv -e 'SELECT ?g WHERE { GRAPH ?g { ?s <https://w3id.org/unkg/ontology#p> "b" } }' --store "$vs" > "$tmp/h.tsv"
check "a graph name with a quote and semicolons loads into unkg's Virtuoso store" \
  "grep -q \"19';shutdown;'@en\" '$tmp/h.tsv' && kill -0 $pid"
"$UNKG_BIN" store stop "$tmp/vs"
check "unkg store stop DIR stops the server (exit 0)" "[ $? -eq 0 ] && ! kill -0 $pid 2> /dev/null"
"$UNKG_BIN" query -f tsv -e 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' --store "$vs" > "$tmp/again.tsv"
check "a query after the stop starts it again; the data is kept" \
  "[ $? -eq 0 ] && [ \"\$(tail -n 1 '$tmp/again.tsv')\" -gt 10000 ]"
"$UNKG_BIN" store stop "$tmp/vs"
# A server that cannot start: the end of its log, exit 3.
# (its database file a directory: Virtuoso "Cannot open stripe" and exits)
mkdir -p "$tmp/bad/virtuoso.db"
"$UNKG_BIN" query -e 'ASK {}' --store "virtuoso:$tmp/bad" > /dev/null 2> "$tmp/bad.err"
check "a Virtuoso that cannot start: exit 3, its log's last lines" \
  "[ $? -eq 3 ] && grep -q 'Virtuoso did not start' '$tmp/bad.err' && [ \$(wc -l < '$tmp/bad.err') -gt 2 ]"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
