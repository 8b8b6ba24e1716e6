/* Stage 5, build graph: a document -> its triples, sorted and without
 * duplicates, every node named by an IRI derived from UN identifiers (no
 * blank nodes), so that re-running gives the same IRIs and two documents
 * citing the same resolution meet at the same node. */
#ifndef UNKG_GRAPH_H
#define UNKG_GRAPH_H

#include "doc.h"
#include "lexicon.h"
#include "unkg.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  char*       s;
  char*       p;
  char*       o;
  char*       lang;     /* literals: language tag (lower case) or NULL */
  const char* datatype; /* literals: datatype IRI or NULL (static string) */
  bool        o_iri;
} UnkgTriple;

typedef struct {
  UnkgTriple* v;
  size_t      n, cap;
  char*       base;  /* data namespace, ends in '/' */
  char*       name;  /* graph name (for N-Quads): the expression IRI */
  char*       stem;  /* output file stem: A_RES_71_28.zh */
} UnkgGraph;

UnkgGraph* unkg_graph_new(const char* base);
void       unkg_graph_free(UnkgGraph* g);
UnkgStatus unkg_graph_add_iri(UnkgGraph* g, const char* s, const char* p, const char* o);
UnkgStatus unkg_graph_add_lit(UnkgGraph* g, const char* s, const char* p,
                              const char* value, const char* lang, const char* datatype);
UnkgStatus unkg_graph_add_int(UnkgGraph* g, const char* s, const char* p, long value);
/* Sorts by subject, predicate, object and drops duplicates. */
void unkg_graph_sort(UnkgGraph* g);

/* The IRI of a document with this symbol under base (caller frees). */
char* unkg_doc_iri(const char* base, const char* symbol);

/* Builds the graph of doc.  lex may be NULL: then what only the reference
 * data gives (the creator, the requester of requests) is left out. */
UnkgStatus unkg_build_graph(const UnkgDoc* doc, const UnkgLexicon* lex,
                            const char* base, UnkgGraph** out);

#endif
