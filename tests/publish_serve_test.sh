#!/bin/sh
# The published site served for real: Debian's nginx with the configuration
# unkg publish writes, and a Virtuoso behind /sparql, both on 127.0.0.1 with
# free ports and stopped by their pids.  publish_http.py checks content
# negotiation, 303s, types, Vary, the RDF bodies and that every IRI of a
# document dereferences; here /sparql answers a competency question with the
# rows `unkg query` gives; then headless Chromium renders three pages
# (publish_browser.py).
#
# Skipped where nginx is missing, and always under .ci/test (which sets
# UNKG_REQUIRE_JENA): servers and a browser are not part of CI.
set -u
: "${UNKG_BIN:?}" "${UNKG_TOP_SRCDIR:?}"
top=$UNKG_TOP_SRCDIR
if [ "${UNKG_REQUIRE_JENA:-}" = 1 ] || [ -n "${UNKG_NO_SERVERS:-}" ]; then
  echo "SKIP: no servers under .ci/test"
  exit 77
fi
nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$nginx" ]; then
  echo "SKIP: nginx not installed (apt-get install nginx-light)"
  exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-serve.XXXXXX")
chmod 755 "$tmp" # nginx's workers may run as another user
vtool="$top/tools/virtuoso"
cleanup() {
  [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2> /dev/null
  [ -f "$tmp/db/pid" ] && "$vtool" stop "$tmp/db" > /dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
pass=0
fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

inputs="$top/corpus/A_RES_71_28.zh.txt $top/corpus/A_72_315.zh.txt
  $top/tests/fixtures/akn/75_277_C.xml $top/tests/fixtures/akn/75_277_E.xml"

# Virtuoso, if installed, with the same graphs as the dump.
sparql=http://127.0.0.1:9/sparql
if command -v virtuoso-t > /dev/null 2>&1 && "$vtool" start "$tmp/db" > /dev/null 2>&1; then
  sparql="http://127.0.0.1:$(cat "$tmp/db/httpport")/sparql"
else
  echo "SKIP: /sparql (Virtuoso not available)"
fi
# shellcheck disable=SC2086 # inputs is a list of file names
"$UNKG_BIN" publish -q --sparql "$sparql" -o "$tmp/site" $inputs
check "publish exits 0" "[ $? -eq 0 ]"

port=$(free_port)
sed "s/^    listen 80;/    listen 127.0.0.1:$port;/" "$tmp/site/nginx.conf" > "$tmp/site.conf"
mkdir -p "$tmp/nginx"
cat > "$tmp/nginx.conf" << EOF
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $tmp/nginx/body;
    proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi;
    uwsgi_temp_path $tmp/nginx/uwsgi;
    scgi_temp_path $tmp/nginx/scgi;
    include $tmp/site.conf;
}
EOF
"$nginx" -t -q -c "$tmp/nginx.conf" -p "$tmp/nginx" 2> "$tmp/nginx-t.log"
check "nginx accepts the configuration ($(head -c 300 "$tmp/nginx-t.log"))" "[ $? -eq 0 ]"
"$nginx" -c "$tmp/nginx.conf" -p "$tmp/nginx" 2>> "$tmp/nginx-t.log"
for _ in 1 2 3 4 5 6 7 8 9 10; do
  [ -s "$tmp/nginx.pid" ] && curl -s -o /dev/null "http://127.0.0.1:$port/unkg/" && break
  sleep 0.3
done
check "nginx started" "[ -s '$tmp/nginx.pid' ] && kill -0 \$(cat '$tmp/nginx.pid')"

url="http://127.0.0.1:$port/unkg/"
python3 "$top/tests/publish_http.py" "$tmp/site" "https://w3id.org/unkg/" "$url" \
  id/doc/A/RES/75/277 > "$tmp/http.log" 2>&1
check "HTTP: $(tail -n 1 "$tmp/http.log")" "[ $? -eq 0 ]"
grep '^FAIL' "$tmp/http.log" | head -n 10
check "the site's nginx.conf is not served" \
  "[ \$(curl -s -o /dev/null -w '%{http_code}' '${url}nginx.conf') = 404 ]"
check "/.well-known/void leads to the dataset" \
  "curl -s -L -H 'Accept: text/turtle' '${url}.well-known/void' | grep -q 'void:Dataset'"

# /sparql through nginx: a competency question, as unkg query answers it.
if [ -f "$tmp/db/pid" ]; then
  gzip -dc "$tmp/site/dump/unkg.nq.gz" > "$tmp/dump.nq"
  "$vtool" load "$tmp/db" "$tmp/dump.nq" > /dev/null 2>&1
  check "Virtuoso loads the dump" "[ $? -eq 0 ]"
  q="$top/docs/queries/cq01-replies.rq"
  ref=""
  for f in "$top"/ontology/*.ttl; do
    case $f in *shapes*) ;; *) ref="$ref $f" ;; esac
  done
  # shellcheck disable=SC2086
  "$UNKG_BIN" export -q -f turtle -o "$tmp/ttl" $inputs
  # shellcheck disable=SC2086
  "$UNKG_BIN" query -f csv -q "$q" "$tmp"/ttl/*.ttl $ref > "$tmp/unkg.csv"
  curl -s -G -H 'Accept: text/csv' --data-urlencode "query@$q" "${url}sparql" > "$tmp/http.csv"
  check "/sparql answers CQ1 over HTTP ($(wc -l < "$tmp/http.csv") lines)" "[ \$(wc -l < '$tmp/http.csv') -gt 10 ]"
  check "/sparql: the same rows as unkg query" \
    "python3 '$top/tests/csv_rows.py' '$tmp/unkg.csv' '$tmp/http.csv' > '$tmp/cq.diff' || { head -5 '$tmp/cq.diff'; false; }"
fi

# A real browser, if there is one.
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$chromium" ]; then
  python3 "$top/tests/publish_browser.py" "$chromium" "$url" "$tmp/shots" > "$tmp/browser.log" 2>&1
  check "browser: $(tail -n 1 "$tmp/browser.log")" "[ $? -eq 0 ]"
  grep '^FAIL' "$tmp/browser.log" | head -n 10
  if [ -n "${UNKG_SCREENSHOTS:-}" ]; then
    cp "$tmp"/shots/*.png "$UNKG_SCREENSHOTS"/
  fi
else
  echo "SKIP: the browser test (chromium not installed)"
fi

pid=$(cat "$tmp/nginx.pid")
kill "$pid"
for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2> /dev/null || break; sleep 0.2; done
check "nginx stopped by its pid" "! kill -0 $pid 2> /dev/null"
rm -f "$tmp/nginx.pid"

echo "$pass passed, $fail failed (serve)"
[ "$fail" -eq 0 ]
