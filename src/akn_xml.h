/* The Akoma Ntoso reader's XML layer, shared by the akn*.c files only:
 * untrusted XML parsed safely (no network, no DTD, within the limits of
 * akn.h), and the helpers that walk the tree it gives. */
#ifndef UNKG_AKN_XML_H
#define UNKG_AKN_XML_H

#include "read.h"
#include "unkg.h"

#include <libxml/tree.h>
#include <stdbool.h>

/* Parses src, refusing a DOCTYPE and input over UNKG_AKN_MAX_BYTES; on
 * failure *out is NULL and c was told the file, line and column.  The caller frees
 * *out with xmlFreeDoc. */
UnkgStatus unkg_akn_parse_xml(const UnkgCtx* c, const UnkgSource* src, xmlDocPtr* out);
/* The deepest element below n (at depth) if deeper than UNKG_AKN_MAX_DEPTH,
 * else NULL.  The walking helpers below recurse only after this check. */
const xmlNode* unkg_akn_too_deep(const xmlNode* n, int depth);

/* Is n an element of this name? */
bool unkg_akn_is(const xmlNode* n, const char* name);
/* The first child element of this name, or NULL (n may be NULL). */
xmlNodePtr unkg_akn_child(const xmlNode* n, const char* name);
/* The first descendant (document order) of this name, or NULL. */
xmlNodePtr unkg_akn_find(const xmlNode* n, const char* name);
/* The first descendant of this name whose attribute attr has this value. */
xmlNodePtr unkg_akn_find_with(const xmlNode* n, const char* name, const char* attr,
                              const char* value);
/* The source line of n, 0 if unknown. */
unsigned unkg_akn_line_of(const xmlNode* n);

/* Text cleaned the way text input is; the caller frees it.  NULL for NULL
 * or when out of memory. */
char* unkg_akn_clean(const char* raw);
/* An attribute, cleaned (the caller frees it); NULL if absent or blank. */
char* unkg_akn_prop(const xmlNode* n, const char* name);
/* Has n the attribute name with exactly this value? */
bool unkg_akn_prop_is(const xmlNode* n, const char* name, const char* value);
/* A date as AKN4UN writes one ("2020-12-01"), not its "0001-01-01" for
 * "no date". */
bool unkg_akn_is_date(const char* s);

#endif
