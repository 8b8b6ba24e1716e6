/* The store's insides, shared by store.c and query.c only. */
#ifndef UNKG_STORE_IMPL_H
#define UNKG_STORE_IMPL_H

#include "buf.h"
#include "store.h"

#include <redland.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

/* Node ids already in the SQLite store's tables, by term (store.c). */
typedef struct {
  char**   keys;
  int64_t* ids;
  size_t   n, cap;
} UnkgNodeIds;

struct UnkgStoreImpl {
  char*           path;    /* the SQLite file; NULL in memory */
  int             lock_fd; /* holds the store's lock (on disk only) */
  bool            graph_per_file; /* unkg_store_set_graph_per_file */
  librdf_world*   world;
  librdf_storage* storage;
  librdf_model*   model;
  /* The same statements as queries see them (unkg_store_query_model). */
  librdf_storage* qstorage;
  librdf_model*   qmodel;
  /* A writer on disk puts graphs into Redland's tables itself (store.c:
   * the storage compiled SQL for every statement): its own connection,
   * statements and the ids of the nodes it has seen. */
  sqlite3*      db;
  sqlite3_stmt* sql[9];
  UnkgNodeIds   ids;
  /* A Virtuoso store (virtuoso:DIR): its directory, and the SQL that loads
   * the graphs written since the last commit, vfiles of them. */
  char*   vdir;
  UnkgBuf vsql;
  size_t  vfiles;
  bool          in_tx;   /* a batch of graphs is being written */
  size_t        pending; /* quads written in it */
  /* The first error the library logged during the current call: Redland
   * reports through its logger (Rasqal's query syntax errors too), and a
   * call may log an error yet return success, so this is what decides. */
  bool failed;
  int  line;   /* -1 when the library gave none */
  int  column; /* -1 when the library gave none */
  char msg[400];
  /* Where the library's warnings go: the context of the call in progress,
   * NULL between calls (the logger outlives every context). */
  const UnkgCtx* c;
};

/* The context of the triples a file gives outside any graph: they are in
 * the default graph only, never a named graph of their own. */
#define UNKG_DEFAULT_GRAPH "urn:x-unkg:default-graph"

/* The model queries run on: the store's, with the default graph as the
 * set of the triples of every graph; NULL if out of memory. */
librdf_model* unkg_store_query_model(UnkgStore* s);

/* Starts a call reporting to c: forgets the error of the previous call,
 * since every call reports its own. */
void unkg_store_begin(UnkgStore* s, const UnkgCtx* c);
/* Ends it: returns st, and the library's warnings go nowhere again. */
UnkgStatus unkg_store_end(UnkgStore* s, UnkgStatus st);

/* Virtuoso (store.c): the DEFINEs that give a query the store's dataset,
 * appended to b; registering the storage's query language "vsparql"
 * (false if it cannot). */
UnkgStatus unkg_store_virtuoso_defines(const UnkgCtx* c, UnkgStore* s, UnkgBuf* b);
bool       unkg_store_virtuoso_language(UnkgStore* s);
/* The lines of DIR/name (graphs, languages, datatypes), *n of them; the
 * caller frees each and the array. */
char** unkg_store_virtuoso_list(UnkgStore* s, const char* name, size_t* n);
/* Why Virtuoso refuses query (its SPARQL compiler's message, asked through
 * isql-vt: librdf's storage reports every error as "[3] 0"), or NULL; the
 * caller frees. */
char* unkg_store_virtuoso_compile_error(UnkgStore* s, const char* query);

#endif
