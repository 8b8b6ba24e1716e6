/* unkg: UN documents to RDF.  Public names share the unkg_ / Unkg prefix.
 *
 * The pipeline, one module per stage (docs/architecture.md has the map and
 * the layers; tests/deps_test.sh holds the code to them):
 *   read.h       bytes of one input, checked (UTF-8, not binary, not empty)
 *   normalise.h  PDF-extracted text -> clean blocks with a source-offset map
 *   segment.h    blocks -> document structure (genre, parts); report.h for
 *                the report genre
 *   akn.h        Akoma Ntoso XML -> the same structure (instead of the two above)
 *   recognise.h  lead verbs, citations, links, names, what a report answers;
 *                commit.h requests and actions
 *   graph.h      document -> sorted, de-duplicated triples (triples.h)
 *   serialize.h  triples -> Turtle / RDF/XML / N-Triples / N-Quads files
 * Below them: text.h (text primitives), doc.h (the document model and the
 * readers' shared helpers), lexicon.h (reference data), lead.h and
 * symbol.h (grammars of lead phrases and UN symbols), rdfio.h (reading
 * RDF), escape.h (escaping per syntax).  Beside them: store.h, query.h.
 *
 * This header holds what every stage shares: the status type and the one
 * diagnostic, carried by the context each stage is handed. */
#ifndef UNKG_H
#define UNKG_H

#include <stddef.h>

/* Every fallible function returns one of these. */
typedef enum {
  UNKG_OK = 0,
  UNKG_ERR_NOMEM,    /* allocation failed */
  UNKG_ERR_IO,       /* cannot open, read or write a file */
  UNKG_ERR_ENCODING, /* input is not valid UTF-8, or is binary */
  UNKG_ERR_EMPTY,    /* input holds no text */
  UNKG_ERR_GENRE,    /* input is neither a resolution nor a report */
  UNKG_ERR_SYNTAX,   /* a data file (reference data, XML) does not parse */
  UNKG_ERR_LIMIT,    /* input exceeds a safety limit */
  UNKG_ERR_USAGE,    /* bad argument from the caller */
  UNKG_ERR_RDF       /* the RDF library refused something */
} UnkgStatus;

const char* unkg_strerror(UnkgStatus st);

/* How much a message matters: an error stops the input at hand, a warning
 * says what is odd but was read anyway. */
typedef enum { UNKG_LEVEL_ERROR = 1, UNKG_LEVEL_WARNING } UnkgLevel;

/* One diagnostic: every stage reports through this, and only this. */
typedef struct {
  UnkgLevel   level;
  UnkgStatus  status; /* errors: the status the function returns; warnings: UNKG_OK */
  const char* file;   /* the input (or data file) it concerns; may be "" */
  unsigned    line;   /* 1-based; 0 when a line makes no sense */
  unsigned    column; /* 1-based, in characters; 0 when unknown */
  const char* msg;
} UnkgMessage;

typedef void (*UnkgMessageFn)(void* data, const UnkgMessage* m);

typedef struct UnkgLexiconImpl UnkgLexicon;

/* What every stage is handed: the reference data, where messages go and
 * the input they are about.  The caller owns all three. */
typedef struct {
  const UnkgLexicon* lex;
  UnkgMessageFn      message; /* may be NULL: messages are dropped */
  void*              message_data;
  const char*        file; /* the input at hand, for messages */
} UnkgCtx;

/* Sends a message about c->file and returns st, so that a failure reads
 * `return unkg_error(c, st, line, col, ...)`. */
UnkgStatus unkg_error(const UnkgCtx* c, UnkgStatus st, unsigned line, unsigned column,
                      const char* fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 5, 6)))
#endif
  ;
void unkg_warning(const UnkgCtx* c, unsigned line, unsigned column, const char* fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 4, 5)))
#endif
  ;
/* The same, about another file than c->file (a data file, a store). */
UnkgStatus unkg_error_in(const UnkgCtx* c, const char* file, UnkgStatus st, unsigned line,
                         unsigned column, const char* fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 6, 7)))
#endif
  ;
void unkg_warning_in(const UnkgCtx* c, const char* file, unsigned line, unsigned column,
                     const char* fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 5, 6)))
#endif
  ;

/* A message sink that keeps the first error (tests, and callers that
 * decide what to print later).  Pass it as UnkgCtx.message with a
 * UnkgDiag as its data; warnings are counted, not kept. */
typedef struct {
  UnkgStatus status;
  char       file[512];
  unsigned   line, column;
  char       msg[512];
  unsigned   n_warnings;
} UnkgDiag;

void unkg_diag_keep(void* diag, const UnkgMessage* m);

#endif
