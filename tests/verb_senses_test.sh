#!/bin/sh
# The senses of verbs.ttl (skos:Collection unkgv:sense-…: the lead verbs
# the six languages do not tell apart) are what bench/akn_agreement.py
# compares the languages by, so they must stay well formed: every member a
# lead verb of the file, no verb in two senses, every sense labelled.
# Checked with an independent parser (rapper).
set -u
: "${UNKG_TOP_SRCDIR:?}"
ttl="$UNKG_TOP_SRCDIR/ontology/verbs.ttl"
command -v rapper > /dev/null || { echo "rapper missing: skipped"; exit 77; }
V=https://w3id.org/unkg/ref/verb/
SKOS=http://www.w3.org/2004/02/skos/core#
nt=$(rapper -q -i turtle -o ntriples "$ttl") || { echo "FAIL: $ttl does not parse"; exit 1; }
echo "$nt" | awk -v V="$V" -v S="$SKOS" '
  $2 == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" && $3 == "<https://w3id.org/unkg/ontology#LeadVerb>" { verb[$1] = 1 }
  $2 == "<" S "member>" && index($1, "<" V "sense-") == 1 { n++; member[n] = $3; of[n] = $1; senses[$1] = 1 }
  $2 == "<" S "prefLabel>" && $0 ~ /"@en \.$/ { label[$1] = 1 }
  END {
    fail = 0
    if (n < 10) { print "FAIL: only " n + 0 " sense members"; fail = 1 }
    for (i = 1; i <= n; i++) {
      if (!(member[i] in verb)) { print "FAIL: " member[i] " in " of[i] " is no unkg:LeadVerb"; fail = 1 }
      if ((member[i] in first) && first[member[i]] != of[i]) {
        print "FAIL: " member[i] " is in " first[member[i]] " and " of[i]; fail = 1
      }
      first[member[i]] = of[i]
    }
    for (s in senses) if (!(s in label)) { print "FAIL: " s " has no English prefLabel"; fail = 1 }
    if (!fail) print "ok: " n " members in senses, each a lead verb in one sense"
    exit fail
  }'
