/* Querying: a SPARQL 1.1 query run (Redland + Rasqal) over a store, in
 * memory (RDF files merged into the default graph) or on disk (unkg load),
 * the results written in one of the W3C result formats or as a table for
 * people. */
#ifndef UNKG_QUERY_H
#define UNKG_QUERY_H

#include "store.h"
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

typedef struct {
  bool   allow_service; /* let SERVICE reach the network */
  size_t max_rows;      /* stop after this many rows (0: no limit) */
  bool*  truncated;     /* if not NULL: set when max_rows cut the answer */
  /* if not NULL: set when the query casts to a number over Virtuoso, which
   * gives 0 for a text that is no number where SPARQL has an error */
  bool* cast_to_zero;
} UnkgQueryOptions;

/* Reads a query before the engine does, with a tokenizer that cannot
 * crash: a query that does not tokenize, or that has a shape Rasqal 0.9.33
 * answers wrongly or crashes on (docs/sparql.md), is refused with an error
 * naming the construct, its line and column (UNKG_ERR_SYNTAX; SERVICE
 * without allow_service: UNKG_ERR_USAGE).  Else *run receives the query
 * to give the engine (DESCRIBE rewritten into CONSTRUCT), to be freed. */
UnkgStatus unkg_query_check(const UnkgCtx* c, const char* query, const char* name,
                            const UnkgQueryOptions* opt, char** run);

/* The text unkg sends Virtuoso for query (--store virtuoso:DIR): checked
 * for what that path answers wrongly, and rewritten where it can be
 * mended (docs/sparql.md), without the store's own DEFINEs.  *sent is the
 * caller's. */
UnkgStatus unkg_query_virtuoso_text(const UnkgCtx* c, const char* query, const char* name,
                                    const UnkgQueryOptions* opt, char** sent);

/* The store a query runs on, in memory: empty, or a copy of the store made
 * by `unkg load` at path (NULL: none), since Rasqal joins patterns over the
 * SQLite storage wrongly.  The error has file "" when the failure is not
 * about one. */
UnkgStatus unkg_store_open_for_query(const UnkgCtx* c, const char* path, UnkgStore** out);

/* "tsv" -> UNKG_QFMT_TSV; 0 for an unknown name. */
UnkgQueryFormat unkg_query_format_parse(const char* name);

/* Runs a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE) and writes
 * its results to out.  name labels the query in messages (a file name or
 * "-e"), opt may be NULL.  It is checked first (unkg_query_check).  A
 * query that does not parse gives UNKG_ERR_SYNTAX, its error with the line
 * (and the column where the engine gives one); nothing is written then.
 * TSV rows are written as they come.  Over Rasqal, each SELECT that
 * aggregates has its pattern asked first, so that its answer over no
 * solution is SPARQL's (docs/sparql.md).  Graph results are written as
 * sorted N-Triples whatever the format.  The engine's warnings go to c as
 * warnings. */
UnkgStatus unkg_store_query(const UnkgCtx* c, UnkgStore* s, const char* query, const char* name,
                            UnkgQueryFormat fmt, const UnkgQueryOptions* opt, FILE* out);

typedef struct {
  unsigned timeout_s;     /* wall-clock seconds (0: none) */
  size_t   max_memory_mb; /* address space (0: no limit) */
} UnkgQueryLimits;

/* Runs fn(arg) in a child process under lim (and a 64 MiB stack, no core
 * file), standard output shared, and returns its exit status.  A child
 * that crashes or runs out of time is reported to c and gives 1: a crash
 * of the engine becomes an error, never a dead unkg. */
int unkg_query_isolated(const UnkgCtx* c, const UnkgQueryLimits* lim, int (*fn)(void*), void* arg);

/* Columns text takes in a monospaced terminal: CJK characters count 2. */
size_t unkg_display_width(const char* text);

#endif
