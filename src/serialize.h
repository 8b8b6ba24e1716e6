/* Stage 6, serialize: a document's graph -> files in an output directory,
 * as Turtle, RDF/XML, N-Triples (UTF-8 kept) and N-Quads (with the
 * per-document graph name).  The graph arrives sorted, so every writer
 * streams (four times faster than raptor's tree-building serializers, and
 * an RDF/XML predicate without a qualified name is an error, not a silent
 * drop).  Each file is written to a temporary name and renamed into
 * place: a failure never leaves half a file. */
#ifndef UNKG_SERIALIZE_H
#define UNKG_SERIALIZE_H

#include "graph.h"
#include "unkg.h"

enum {
  UNKG_FMT_TURTLE   = 1u << 0,
  UNKG_FMT_RDFXML   = 1u << 1,
  UNKG_FMT_NTRIPLES = 1u << 2,
  UNKG_FMT_NQUADS   = 1u << 3
};

typedef struct UnkgWriterImpl UnkgWriter;

/* formats: a mask of UNKG_FMT_*.  The directory must exist. */
UnkgWriter* unkg_writer_new(const char* dir, unsigned formats);
void        unkg_writer_free(UnkgWriter* w);
/* fsync each file before renaming it into place (off by default). */
void unkg_writer_set_sync(UnkgWriter* w, int sync);
/* Writes g as <dir>/<g->stem>.{ttl,rdf,nt,nq}. */
UnkgStatus unkg_writer_write(UnkgWriter* w, const UnkgGraph* g, UnkgDiag* d);

/* "turtle,rdfxml" -> mask; returns 0 on an unknown name. */
unsigned unkg_formats_parse(const char* list);

#endif
