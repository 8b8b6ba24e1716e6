/* What publish.c (site, syntaxes, dataset, nginx) and publish_body.c (the
 * HTML pages) share. */
#ifndef UNKG_PUBLISH_IMPL_H
#define UNKG_PUBLISH_IMPL_H

#include "buf.h"
#include "publish.h"
#include "triples.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct {
  char*  key;
  size_t val;
} UnkgPubSlot;

/* Strings to indexes, open addressing; keys owned by the map. */
typedef struct {
  UnkgPubSlot* v;
  size_t       n, cap;
} UnkgPubMap;

typedef struct {
  char* en;
  char* zh;
} UnkgPubLabel;

/* A staged language file of a document. */
typedef struct {
  char* family; /* the document's IRI */
  char* path;
} UnkgPubStaged;

struct UnkgPublisherImpl {
  char*  site; /* the target directory */
  char*  tmp;  /* the new site being written, beside it */
  char*  base; /* the site's IRI, ending in '/' */
  size_t base_len;
  char*  sparql;
  char*  nginx_root;
  bool   has_dot; /* Graphviz is installed */
  char*  onto;    /* the ontology's page (its family), which lists no links */
  size_t onto_len;

  UnkgGraph*    ref;   /* ontology and reference data, re-based */
  FILE*         links; /* triples for other pages than their document's */
  UnkgPubMap    label_ix;
  UnkgPubLabel* labels;
  size_t        n_labels, cap_labels;

  UnkgPubStaged* staged;
  size_t         n_staged, cap_staged;
  size_t         seq; /* names staging files */

  FILE*  sitemap; /* the current sitemap chunk */
  size_t sitemap_urls, sitemap_chunks;

  size_t           subjects, wikidata_links, iso_links;
  UnkgPublishStats stats;
};

/* Length of the prefix of iri that names the page describing it (its
 * family): a document's parts share its page; "ontology#Term" shares
 * "ontology".  0 if iri is not under the base. */
size_t unkg_pub_family_len(const UnkgPublisher* p, const char* iri);

/* A link to iri from a page whose directory is `up` levels below the site
 * root, or iri itself when it is not under the base (HTML-escaped). */
UnkgStatus unkg_pub_href(const UnkgPublisher* p, UnkgBuf* b, const char* up, const char* iri);

/* The English and Chinese labels of iri from the reference data and the
 * ontology, or NULL. */
const UnkgPubLabel* unkg_pub_label(const UnkgPublisher* p, const char* iri);

/* The predicate of the pairs (state, PUB_MENTIONED_BY, where) that tell a
 * page which states mention it: publish's own, never in a description. */
#define PUB_MENTIONED_BY "urn:x-unkg-publish:mentioned-by"

/* Writes the HTML page of family to f.  own: the triples whose subject is
 * in the family, sorted; in: links into it, reversed (s target, o
 * source), sorted; said: the states that mention it (s the state, o the
 * paragraph or action), sorted; up: "../" to the site root; svg: the
 * citation network's file name beside the page, or NULL. */
UnkgStatus unkg_pub_html(const UnkgPublisher* p, FILE* f, const char* family, const UnkgGraph* own,
                         const UnkgGraph* in, const UnkgGraph* said, const char* up, const char* svg);

/* The citation network of family as Graphviz input, or an empty buffer if
 * the family cites nothing and nothing cites it. */
UnkgStatus unkg_pub_dot(const UnkgPublisher* p, UnkgBuf* b, const char* family,
                        const UnkgGraph* own, const UnkgGraph* in);

/* The text an IRI gets as a link: its labels, a document's symbol and
 * part, or its last segment. */
UnkgStatus unkg_pub_link_text(const UnkgPublisher* p, UnkgBuf* b, const char* iri);

void unkg_pub_html_escape(UnkgBuf* b, const char* s);

#endif
