#include "vocab.h"

#include <string.h>

/* No namespace here is a prefix of another, so an IRI has one at most. */
const UnkgNamespace unkg_namespaces[] = {
  {"rdf", NS_RDF, true},          {"unkg", UNKG_NS, true},       {"unkgo", UNKG_NS_ORG, true},
  {"unkgs", UNKG_NS_STATE, true}, {"unkgv", UNKG_NS_VERB, true}, {"unkgi", UNKG_NS_INSTR, true},
  {"dcterms", NS_DCT, true},      {"xsd", NS_XSD, true},         {"skos", NS_SKOS, true},
  {"prov", NS_PROV, true},        {"rdfs", NS_RDFS, true},      {"org", NS_ORG, false},
  {"owl", NS_OWL, false},         {"void", NS_VOID, false},      {"dcat", NS_DCAT, false},
};
const size_t unkg_n_namespaces = sizeof unkg_namespaces / sizeof *unkg_namespaces;

const UnkgNamespace*
unkg_namespace_of(const char* iri, bool exported_only, const char** local)
{
  for (size_t i = 0; i < unkg_n_namespaces; ++i) {
    const UnkgNamespace* ns = &unkg_namespaces[i];
    if (exported_only && !ns->exported) {
      continue;
    }
    size_t n = strlen(ns->ns);
    if (!strncmp(iri, ns->ns, n)) {
      *local = iri + n;
      return ns;
    }
  }
  return NULL;
}
