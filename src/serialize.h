/* Stage 6, serialize: a document's graph -> files in an output directory,
 * as Turtle, RDF/XML, N-Triples (UTF-8 kept) and N-Quads (with the
 * per-document graph name).  The graph arrives sorted, so every writer
 * streams (four times faster than raptor's tree-building serializers, and
 * an RDF/XML predicate without a qualified name is an error, not a silent
 * drop).  Each file is written to a temporary name and renamed into
 * place: a failure never leaves half a file.  Files are named after the
 * document the graph describes (unkg_output_stem). */
#ifndef UNKG_SERIALIZE_H
#define UNKG_SERIALIZE_H

#include "triples.h"
#include "unkg.h"

#include <stdbool.h>
#include <stdio.h>

enum {
  UNKG_FMT_TURTLE   = 1u << 0,
  UNKG_FMT_RDFXML   = 1u << 1,
  UNKG_FMT_NTRIPLES = 1u << 2,
  UNKG_FMT_NQUADS   = 1u << 3
};

typedef struct UnkgWriterImpl UnkgWriter;

/* fmts: a mask of UNKG_FMT_*.  The directory must exist. */
UnkgWriter* unkg_writer_new(const char* dir, unsigned fmts);
void        unkg_writer_free(UnkgWriter* w);
/* fsync each file before renaming it into place (off by default). */
void unkg_writer_set_sync(UnkgWriter* w, int sync);
/* The files of the graphs w writes go to <path>.{ttl,rdf,nt,nq}, renamed
 * there straight from their temporary files in dir (a spool: one rename a
 * file, where writing into dir and moving the files on takes two).  dir is
 * then the caller's alone: no lock is taken on it and nothing is swept. */
UnkgStatus unkg_writer_publish_as(UnkgWriter* w, const char* path);
/* Writes g as <dir>/<stem>.{ttl,rdf,nt,nq}: every format to a temporary
 * file, then all renamed into place under a lock on dir (concurrent
 * exports into one directory publish one document at a time).  The first
 * write of a writer removes temporary files that killed runs left in dir.
 * UNKG_ERR_USAGE if g has no document symbol and language, or if another
 * graph of this writer took the same output name (case folded);
 * UNKG_ERR_ENCODING if g holds a character no format may carry.  Errors go
 * to c, naming the file or the inputs. */
UnkgStatus unkg_writer_write(const UnkgCtx* c, UnkgWriter* w, const UnkgGraph* g);
/* A digest of everything the files of the graph last written by w say
 * (its triples and its name), 0 before the first: equal graphs, however
 * their terms were stored, have equal digests.  Valid within one run. */
uint64_t unkg_writer_digest(const UnkgWriter* w);

/* Takes the lock on the writer's directory once and releases it, removing
 * the temporary files killed runs left there, as the first write does (an
 * export that writes elsewhere first and renames into the directory). */
UnkgStatus unkg_writer_sweep(const UnkgCtx* c, UnkgWriter* w);
/* mkdir -p: path and its parents, and path a directory.  0, or -1 with
 * errno set. */
int unkg_make_dirs(const char* path);

/* Removes the temporary files being written now.  Async-signal-safe: for a
 * SIGINT or SIGTERM handler. */
void unkg_writer_remove_temps(void);

/* The longest symbol part of an output name, in bytes. */
#define UNKG_STEM_MAX 160

/* The name of g's output files without the extension: the document symbol
 * with '/', ' ', '(' and ')' as '_', ASCII letters, digits, '_' and (not
 * first) '.' and '-' kept, every other byte as %XX, shortened with a hash
 * past UNKG_STEM_MAX bytes; then '.' and its language: A_RES_71_28.zh.
 * NULL if g describes no document (or out of memory); the caller frees. */
char* unkg_output_stem(const UnkgGraph* g);

/* Writes g to f in one format (a single UNKG_FMT_*; N-Quads needs g->name).
 * all_prefixes: abbreviate with every namespace of vocab.h, not only the
 * ones exports declare (published descriptions use rdfs, owl, void ...).
 * error receives why an RDF/XML graph is refused (UNKG_ERR_RDF). */
UnkgStatus unkg_serialize_to(FILE* f, unsigned fmt, const UnkgGraph* g, bool all_prefixes,
                             char* error, size_t error_size);

/* "turtle,rdfxml" -> mask; returns 0 on an unknown name. */
unsigned unkg_formats_parse(const char* list);

#endif
