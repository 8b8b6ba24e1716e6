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
trap '"$tool" stop "$tmp/db" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
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

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
