#!/bin/sh
# Runs an Apache Jena command from Debian's libapache-jena-java, which ships
# the jars but no launchers:
#
#   tests/jena.sh riot --validate FILE...       parse and check RDF
#   tests/jena.sh sparql --data F --query Q     SPARQL (ARQ)
#   tests/jena.sh shacl validate --shapes S --data D
#   tests/jena.sh java Program.java ARGS        a Java source file with Jena on
#                                               the class path (needs a JDK)
#   tests/jena.sh check                         exit 0 if Jena can run here
#
# Two things make the packaged jars unusable as they are:
#  - the class path must be assembled by hand, and it must hold exactly one
#    SLF4J binding (Debian's /usr/share/java has several, and log4j-over-slf4j
#    with slf4j-log4j12 aborts at start-up);
#  - Debian's Jena relocates its shaded Xerces classes to the package
#    "xerces", but leaves their message bundles under
#    org/apache/jena/ext/xerces/, so the first XSD datatype dies with
#    ExceptionInInitializerError.  The bundles are copied, once, to where
#    the classes look for them, in a directory put on the class path.
set -eu
J=${UNKG_JAVA_DIR:-/usr/share/java}
cache=${UNKG_JENA_CACHE:-${TMPDIR:-/tmp}/unkg-jena.$(id -u)}

if [ ! -r "$J/jena-core.jar" ] || ! command -v java >/dev/null 2>&1; then
  echo "jena.sh: Apache Jena is not installed (apt-get install libapache-jena-java default-jre-headless)" >&2
  exit 127
fi

if [ ! -r "$cache/xerces/impl/msg/XMLSchemaMessages.properties" ]; then
  # Built beside and renamed into place: parallel tests may race here.
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-jena-new.XXXXXX")
  (cd "$tmp" && unzip -q -o "$J/jena-core.jar" 'org/apache/jena/ext/xerces/*.properties' \
    && mv org/apache/jena/ext/xerces xerces && rm -rf org)
  mkdir -p "$(dirname "$cache")"
  if ! mv -T "$tmp" "$cache" 2>/dev/null; then
    rm -rf "$tmp" # another run got there first
  fi
fi

cp="$cache"
for jar in jena-arq jena-base jena-cmds jena-core jena-dboe-base jena-dboe-index \
  jena-dboe-storage jena-dboe-trans-data jena-dboe-transaction jena-iri \
  jena-rdfconnection jena-shacl jena-shex jena-tdb jena-tdb2 \
  commons-cli commons-codec commons-compress commons-csv commons-io commons-lang3 \
  dexx.collection gson guava httpclient httpclient-cache httpcore jackson-annotations jackson-core \
  jackson-databind jakarta.json-api jsonld-java protobuf thrift titanium-json-ld \
  slf4j-api slf4j-simple; do
  cp="$cp:$J/$jar.jar"
done

# Warnings and errors on stderr, nothing chattier.
opts="-Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dfile.encoding=UTF-8"

cmd=${1:?usage: jena.sh riot|sparql|shacl|java|check ARGS}
shift
case $cmd in
  riot)   exec java $opts -cp "$cp" riotcmd.riot "$@" ;;
  sparql) exec java $opts -cp "$cp" arq.sparql "$@" ;;
  shacl)  exec java $opts -cp "$cp" shacl.shacl "$@" ;;
  java)   exec java $opts -cp "$cp" "$@" ;;
  check)  exec java $opts -cp "$cp" riotcmd.riot --version >/dev/null ;;
  *)      echo "jena.sh: unknown command '$cmd'" >&2; exit 2 ;;
esac
