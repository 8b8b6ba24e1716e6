/* Stage 5, build graph: a document -> its triples (triples.h), sorted and
 * without duplicates, every node named by an IRI derived from UN
 * identifiers (no blank nodes), so that re-running gives the same IRIs and
 * two documents citing the same resolution meet at the same node.  The
 * graph also carries the document's symbol and language, which serialize
 * names the output files after. */
#ifndef UNKG_GRAPH_H
#define UNKG_GRAPH_H

#include "doc.h"
#include "lexicon.h"
#include "triples.h"
#include "unkg.h"

/* The IRI of a document with this symbol under base (caller frees). */
char* unkg_doc_iri(const char* base, const char* symbol);

/* Builds the graph of doc, after the recognise stage has run over it (the
 * committee comes resolved from there).  c->lex may be NULL: then what
 * only the reference data gives (the creator, the requester of requests)
 * is left out. */
UnkgStatus unkg_build_graph(const UnkgCtx* c, const UnkgDoc* doc, const char* base, UnkgGraph** out);
/* The same, for a caller done with the document: frees *doc (and sets it
 * NULL) as its triples are made, part by part from the last (what a part
 * holds once its triples are made, the parts array behind the builder),
 * and the rest before they are sorted: the document shrinks as the graph
 * grows, and is gone before the sort's working memory is taken.  Its
 * graph is given the document's IRI as base (unkg_graph_set_base): the
 * writers read it as it is, anything else through unkg_graph_expand. */
UnkgStatus unkg_build_graph_take(const UnkgCtx* c, UnkgDoc** doc, const char* base, UnkgGraph** out);

#endif
