/* A persistent triple store on disk: Redland with its SQLite storage, one
 * named graph (context) per source document.  Loading a document again
 * replaces its graph instead of adding to it.
 *
 * Why SQLite and not Redland's BDB "hashes": one file, transactions, and no
 * blow-up with size (hashes grew to 10 GB past ~2 M triples here).  For
 * corpora beyond one machine, use a server (tools/virtuoso, docs/scale.md). */
#ifndef UNKG_STORE_H
#define UNKG_STORE_H

#include "graph.h"
#include "unkg.h"

typedef struct UnkgStoreImpl UnkgStore;

/* Opens (creating it if missing) the store at path. */
UnkgStatus unkg_store_open(const char* path, UnkgStore** out, UnkgDiag* d);
void       unkg_store_free(UnkgStore* store);

/* Replaces graph `name` with the triples of g (g->name when name is NULL). */
UnkgStatus unkg_store_put(UnkgStore* store, const UnkgGraph* g, const char* name, UnkgDiag* d);

/* Loads an RDF file (Turtle, RDF/XML, N-Triples, N-Quads, by extension)
 * into the graph each of its documents names: the N-Quads graph, else the
 * unkg:Expression the file describes, else `fallback`.  *n receives the
 * number of triples loaded. */
UnkgStatus unkg_store_load_file(UnkgStore* store, const char* path, const char* fallback,
                                size_t* n, UnkgDiag* d);

/* Is path an RDF file unkg can load (by extension)? */
int unkg_is_rdf_file(const char* path);

/* The number of triples in the store, and of named graphs. */
UnkgStatus unkg_store_size(UnkgStore* store, size_t* triples, size_t* graphs);

/* For the query module: the librdf world and model (owned by the store). */
void* unkg_store_world(UnkgStore* store);
void* unkg_store_model(UnkgStore* store);

/* Parses an RDF file into per-graph triple sets (used by load and query). */
typedef struct {
  UnkgGraph** graphs;
  size_t      n;
} UnkgGraphSet;
UnkgStatus unkg_read_rdf(const char* path, const char* fallback, UnkgGraphSet* out, UnkgDiag* d);
void       unkg_graph_set_clear(UnkgGraphSet* set);

#endif
