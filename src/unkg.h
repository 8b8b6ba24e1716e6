/* unkg: UN documents to RDF.  Public names share the unkg_ / Unkg prefix.
 *
 * The pipeline, one module per stage:
 *   read.h       bytes of one input, checked (UTF-8, not binary, not empty)
 *   normalise.h  PDF-extracted text -> clean blocks with a source-offset map
 *   segment.h    blocks -> document structure (genre, parts)
 *   akn.h        Akoma Ntoso XML -> the same structure (instead of the two above)
 *   recognise.h  lead verbs, citations (and later entities) inside parts
 *   graph.h      document -> sorted, de-duplicated triples
 *   serialize.h  triples -> Turtle / RDF/XML / N-Triples / N-Quads files
 * lexicon.h loads the reference data those stages consult. */
#ifndef UNKG_H
#define UNKG_H

#include <stddef.h>

/* Every fallible function returns one of these. */
typedef enum {
  UNKG_OK = 0,
  UNKG_ERR_NOMEM,     /* allocation failed */
  UNKG_ERR_IO,        /* cannot open, read or write a file */
  UNKG_ERR_ENCODING,  /* input is not valid UTF-8, or is binary */
  UNKG_ERR_EMPTY,     /* input holds no text */
  UNKG_ERR_GENRE,     /* input is neither a resolution nor a report */
  UNKG_ERR_SYNTAX,    /* a data file (reference data, XML) does not parse */
  UNKG_ERR_LIMIT,     /* input exceeds a safety limit */
  UNKG_ERR_USAGE,     /* bad argument from the caller */
  UNKG_ERR_RDF        /* the RDF library refused something */
} UnkgStatus;

const char* unkg_strerror(UnkgStatus st);

/* Where a problem is and what it is: filled by the function that fails,
 * printed by the caller.  line is 1-based, 0 when a line makes no sense. */
typedef struct {
  char     file[512];
  unsigned line;
  char     msg[512];
} UnkgDiag;

void unkg_diag_set(UnkgDiag* d, const char* file, unsigned line,
                   const char* fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 4, 5)))
#endif
  ;

/* Warnings do not stop the pipeline; they go to a callback. */
typedef void (*UnkgWarnFn)(void* ctx, const char* file, unsigned line,
                           const char* msg);

#endif
