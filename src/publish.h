/* Stage 7, publish: documents' graphs -> a linked-data site, a directory
 * any static web server can serve, plus an nginx configuration that adds
 * content negotiation and 303 redirects (docs/publish.md).
 *
 * Every IRI under the site's base in the graphs (documents, their parts,
 * meetings, reference data, ontology terms) gets a description in HTML,
 * Turtle, RDF/XML, N-Triples and JSON-LD.  A document's parts are fragments
 * of its page, so the site has one set of files per document, not per
 * paragraph.
 *
 * Two passes keep memory bounded by one document: unkg_publisher_add stages
 * each graph on disk and keeps only the links that point out of it (what
 * other pages list as "linked from"); unkg_publisher_finish renders one
 * document (all its languages) at a time from the staging area, then the
 * reference pages, the dataset description, the sitemap, the dump and the
 * nginx configuration.  The site is written into a new directory beside
 * the target and renamed into place: a failure leaves the old site as it
 * was. */
#ifndef UNKG_PUBLISH_H
#define UNKG_PUBLISH_H

#include "triples.h"
#include "unkg.h"

#include <stddef.h>

/* The IRI prefix exports use; --base re-roots it. */
#define UNKG_SITE_DEFAULT_BASE "https://w3id.org/unkg/"

typedef struct UnkgPublisherImpl UnkgPublisher;

typedef struct {
  const char* site;       /* the site directory to (re)place */
  const char* base;       /* the site's IRI, ending in '/'; NULL: the default */
  const char* data_dir;   /* ontology and reference data (ontology/) */
  const char* sparql;     /* the SPARQL endpoint the dataset names and nginx
                            proxies /sparql to; NULL: http://127.0.0.1:8890/sparql */
  const char* nginx_root; /* the root nginx serves; NULL: site, made absolute */
} UnkgPublishOptions;

typedef struct {
  size_t documents; /* documents (all languages of one symbol) rendered */
  size_t pages;     /* descriptions written (each in five syntaxes) */
  size_t triples;   /* triples in the dump */
  size_t bytes;     /* bytes written into the site */
} UnkgPublishStats;

/* Starts a site: UNKG_ERR_USAGE if base is not an absolute IRI ending in
 * '/' or site exists and is not a site unkg wrote (nor an empty
 * directory); UNKG_ERR_IO if the new directory cannot be made; the
 * reference data's errors.  c->file names nothing yet. */
UnkgStatus unkg_publisher_new(const UnkgCtx* c, const UnkgPublishOptions* o, UnkgPublisher** out);
/* Removes the unfinished new directory, if any; NULL is fine. */
void unkg_publisher_free(UnkgPublisher* p);

/* Stages a document's graph (one language of it; g->name, g->symbol and
 * g->lang set, as unkg_build_graph makes them). */
UnkgStatus unkg_publisher_add(const UnkgCtx* c, UnkgPublisher* p, const UnkgGraph* g);
/* Stages an exported file (.ttl, .rdf, .nt, .nq) of one document; the
 * document and language come from its unkg:hasExpression. */
UnkgStatus unkg_publisher_add_file(const UnkgCtx* c, UnkgPublisher* p, const char* path);

/* Renders everything and renames the site into place. */
UnkgStatus unkg_publisher_finish(const UnkgCtx* c, UnkgPublisher* p, UnkgPublishStats* stats);

#endif
