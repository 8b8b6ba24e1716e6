/* Querying exported graphs: RDF files loaded into an in-memory store, a
 * SPARQL 1.1 query run over them (Redland + Rasqal), the results written in
 * one of the W3C result formats or as a table for people.
 *
 * The store is Redland's "hashes" storage kept in memory: the "memory"
 * storage scans every statement per pattern, which is quadratic in practice
 * (100k triples took minutes); hashes are indexed.  Named graphs are not
 * kept: every file is merged into the one default graph, and a triple stated
 * in two files counts once. */
#ifndef UNKG_QUERY_H
#define UNKG_QUERY_H

#include "unkg.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum {
  UNKG_QFMT_TABLE = 1, /* aligned columns, prefixed names, for a terminal */
  UNKG_QFMT_TSV,       /* SPARQL 1.1 TSV; UTF-8 kept as is */
  UNKG_QFMT_CSV,       /* SPARQL 1.1 CSV */
  UNKG_QFMT_JSON,      /* SPARQL 1.1 Query Results JSON */
  UNKG_QFMT_XML        /* SPARQL Query Results XML */
} UnkgQueryFormat;

/* "tsv" -> UNKG_QFMT_TSV; 0 for an unknown name. */
UnkgQueryFormat unkg_query_format_parse(const char* name);

typedef struct UnkgStoreImpl UnkgStore;

UnkgStore* unkg_store_new(void);
void       unkg_store_free(UnkgStore* s);

/* Loads one RDF file, its syntax chosen by extension (.ttl Turtle, .rdf and
 * .owl RDF/XML, .nt N-Triples, .nq N-Quads), or every such file in a
 * directory (not recursive, in name order).  On failure d names the file
 * and, for a syntax error, the line. */
UnkgStatus unkg_store_load(UnkgStore* s, const char* path, UnkgDiag* d);

/* Also print the library's warnings (unused variables, say) on stderr. */
void unkg_store_set_verbose(UnkgStore* s, bool verbose);

/* Triples in the store. */
size_t unkg_store_size(UnkgStore* s);

/* Runs a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE) and writes
 * its results to out.  name labels the query in messages (a file name or
 * "-e").  A query that does not parse gives UNKG_ERR_SYNTAX with d->line
 * set and the column in the message; nothing is written then.  Graph
 * results are written as sorted N-Triples whatever the format. */
UnkgStatus unkg_store_query(UnkgStore* s, const char* query, const char* name,
                            UnkgQueryFormat fmt, FILE* out, UnkgDiag* d);

/* Columns text takes in a monospaced terminal: CJK characters count 2. */
size_t unkg_display_width(const char* text);

#endif
