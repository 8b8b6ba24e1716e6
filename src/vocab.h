/* Namespaces and terms of the unkg ontology (ontology/unkg.ttl) and of the
 * vocabularies it reuses.  Namespace IRIs belong here and nowhere else, each
 * with its prefix in unkg_namespaces.  Every predicate here has a valid XML
 * local name, which RDF/XML needs (raptor drops a triple silently
 * otherwise). */
#ifndef UNKG_VOCAB_H
#define UNKG_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

#define UNKG_NS "https://w3id.org/unkg/ontology#"
#define UNKG_NS_DATA "https://w3id.org/unkg/id/" /* default --base */
#define UNKG_NS_ORG "https://w3id.org/unkg/ref/org/"
#define UNKG_NS_STATE "https://w3id.org/unkg/ref/state/"
#define UNKG_NS_VERB "https://w3id.org/unkg/ref/verb/"
#define UNKG_NS_INSTR "https://w3id.org/unkg/ref/instrument/"
#define NS_ISO639_1 "http://id.loc.gov/vocabulary/iso639-1/" /* languages, by code */
#define UNDOCS "https://undocs.org/" /* the UN's page of each document */
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define NS_XSD "http://www.w3.org/2001/XMLSchema#"
#define NS_DCT "http://purl.org/dc/terms/"
#define NS_SKOS "http://www.w3.org/2004/02/skos/core#"
#define NS_PROV "http://www.w3.org/ns/prov#"
#define NS_ORG "http://www.w3.org/ns/org#"
#define NS_OWL "http://www.w3.org/2002/07/owl#"
#define NS_VOID "http://rdfs.org/ns/void#"
#define NS_DCAT "http://www.w3.org/ns/dcat#"

/* The named graph `unkg load` keeps the reference data and ontology in. */
#define UNKG_GRAPH_REF "https://w3id.org/unkg/ref"

#define RDF_TYPE NS_RDF "type"
#define XSD_INTEGER NS_XSD "integer"
#define XSD_DATE NS_XSD "date"
#define XSD_GYEAR NS_XSD "gYear"
#define XSD_DECIMAL NS_XSD "decimal"
#define XSD_BOOLEAN NS_XSD "boolean"

#define U(local) UNKG_NS local

/* The one prefix table: exports declare the prefixes marked `exported`,
 * in this order; query tables abbreviate with all of them. */
typedef struct {
  const char* prefix; /* "unkg", without the colon */
  const char* ns;
  bool        exported;
} UnkgNamespace;

extern const UnkgNamespace unkg_namespaces[];
extern const size_t        unkg_n_namespaces;

/* The namespace iri is in (the first exported one if exported_only), and
 * in *local what follows it; NULL if none. */
const UnkgNamespace* unkg_namespace_of(const char* iri, bool exported_only, const char** local);

#endif
