/* A persistent triple store on disk: Redland with its SQLite storage, one
 * named graph (context) per source document.  Loading a document again
 * replaces its graph instead of adding to it.
 *
 * Why SQLite and not Redland's BDB "hashes": one file, transactions, and no
 * blow-up with size (hashes grew to 10 GB past ~2 M triples here).  For
 * corpora beyond one machine, use a server (tools/virtuoso, docs/scale.md). */
#ifndef UNKG_STORE_H
#define UNKG_STORE_H

#include "rdfio.h" /* unkg_is_rdf_file */
#include "triples.h"
#include "unkg.h"

#include <stdbool.h>

typedef struct UnkgStoreImpl UnkgStore;

/* A store in memory (Redland's indexed "hashes"; its "memory" storage scans
 * every statement per pattern: 100k triples took minutes). */
UnkgStore* unkg_store_new(void);
/* The store on disk at path, created if missing, for writing: no other
 * process may open it until it is freed.  A store that exists is checked
 * first (SQLite's quick_check: a damaged file is an error, never partial
 * answers) and given the indexes Redland's storage lacks. */
UnkgStatus unkg_store_open(const UnkgCtx* c, const char* path, UnkgStore** out);
/* The same for reading: it must exist, others may read it at once. */
UnkgStatus unkg_store_open_reader(const UnkgCtx* c, const char* path, UnkgStore** out);
void       unkg_store_free(UnkgStore* store);

/* Every call below reports its errors to c, and the library's warnings
 * during the call (about c->file, or the data file they concern) as
 * warnings: whether to show them is the caller's choice. */

/* Loads one RDF file (by extension) or every such file in a directory (in
 * name order) into the default graph, as `unkg query` does with its DATA;
 * an error names the file and, for a syntax error, the line. */
UnkgStatus unkg_store_load(const UnkgCtx* c, UnkgStore* s, const char* path);
/* From now on, unkg_store_load puts the triples a file gives outside any
 * graph into a graph of their own: the unkg:Expression the file describes,
 * else file:PATH (as unkg load names graphs), instead of the default graph
 * only. */
void unkg_store_set_graph_per_file(UnkgStore* s, bool on);

/* Replaces graph `name` with the triples of g (g->name when name is NULL):
 * all of it or, on an error, none.  On disk, graphs are committed in
 * batches: see unkg_store_commit. */
UnkgStatus unkg_store_put(const UnkgCtx* c, UnkgStore* store, const UnkgGraph* g, const char* name);
/* Makes every graph put so far durable; an error means the graphs put
 * since the last commit are lost.  (unkg_store_size, unkg_store_graphs and
 * unkg_store_free commit too, without a way to report failure.) */
UnkgStatus unkg_store_commit(const UnkgCtx* c, UnkgStore* store);

/* Replaces graph `name` with the triples of the RDF files in paths
 * (NULL-terminated), whatever graphs the files name themselves; blank node
 * labels are kept as the files give them. */
UnkgStatus unkg_store_put_files(const UnkgCtx* c, UnkgStore* store, char* const* paths,
                                const char* name);

/* Loads an RDF file (Turtle, RDF/XML, N-Triples, N-Quads, by extension)
 * into the graph each of its documents names: the N-Quads graph, else the
 * unkg:Expression the file describes, else `fallback`.  *n receives the
 * number of triples loaded. */
UnkgStatus unkg_store_load_graphs(const UnkgCtx* c, UnkgStore* store, const char* path,
                                  const char* fallback, size_t* n);

/* Copies every statement of from into to (their default graph). */
UnkgStatus unkg_store_copy(const UnkgCtx* c, UnkgStore* from, UnkgStore* to);

/* `virtuoso:DIR` names a store kept by a private Virtuoso server that
 * unkg starts in DIR (127.0.0.1, free ports) and leaves running for the
 * next command; unkg_store_open and unkg_store_open_reader take it as they
 * take a file.  unkg_store_serve starts the server for such a path if it
 * is not running (create: make DIR and a database when missing; nothing
 * for other paths): a server that cannot start is an error with the end of
 * its log.  unkg_store_stop stops it and waits. */
bool       unkg_store_is_virtuoso(const char* path);
UnkgStatus unkg_store_serve(const UnkgCtx* c, const char* path, bool create);
UnkgStatus unkg_store_stop(const UnkgCtx* c, const char* path);

/* The number of triples in the store, and of named graphs. */
size_t unkg_store_size(UnkgStore* store);
size_t unkg_store_graphs(UnkgStore* store);

#endif
