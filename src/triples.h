/* RDF terms and a set of triples, sorted and without duplicates once
 * unkg_graph_sort has run.  Every string of a term in a graph is owned by
 * the graph, datatypes included.  Each distinct term is held once however
 * many triples carry it (a graph repeats its subjects, predicates,
 * datatypes and languages in every other triple), and so is each language
 * and datatype; terms handed to a parse callback (rdfio.h) are views,
 * valid during the call only. */
#ifndef UNKG_TRIPLES_H
#define UNKG_TRIPLES_H

#include "unkg.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
  UNKG_TERM_IRI = 1,
  UNKG_TERM_BLANK,  /* value: the label, without "_:" */
  UNKG_TERM_LITERAL /* value: the lexical form */
} UnkgTermKind;

typedef struct {
  UnkgTermKind kind;
  char*        value;
  char*        lang;     /* literals: language tag, or NULL */
  char*        datatype; /* literals: datatype IRI, or NULL */
} UnkgTerm;

typedef struct {
  UnkgTerm s, p, o;
} UnkgTriple;

typedef struct UnkgStringsImpl UnkgStrings;

/* A stored triple: the indexes of its terms in the graph's term table. */
typedef struct {
  uint32_t s, p, o;
} UnkgTripleIds;

/* A stored term: where its value lies, and its kind, language and
 * datatype in one word (8 bytes; a view, UnkgTerm, is 32).  A graph has a
 * few pairs of a language and a datatype (none, a language, xsd:integer),
 * each held once in g->pairs: a term names its pair, not both, so that a
 * sorted graph's terms take 8 bytes each, not 12 (docs/security.md,
 * Memory).  Read its value with unkg_graph_value, its kind with
 * unkg_term_kind. */
typedef struct {
  uint32_t ref;  /* the value's chunk (g->values) above UNKG_REF_BITS, its offset below */
  uint32_t meta; /* the kind in the top two bits, UNKG_BASED or UNKG_BASED_SHORT, the index of its pair in g->pairs */
} UnkgTermRec;

#define UNKG_PAIR_MASK 0x0fffffffu
/* An IRI of a graph given a base (unkg_graph_set_base) that starts with
 * it: its stored value is what follows the base. */
#define UNKG_BASED 0x20000000u
/* An IRI that does not start with the base but with its first n_short
 * bytes (the documents' namespace, which every cited document's IRI
 * starts with): its stored value is what follows those. */
#define UNKG_BASED_SHORT 0x10000000u
#define UNKG_HEADS       (UNKG_BASED | UNKG_BASED_SHORT)

enum { UNKG_REF_BITS = 12 }; /* values lie in chunks of 4 KB, 2^20 of them */

/* Each distinct term is stored once and each triple refers to its terms by
 * index: 12 bytes a triple instead of three whole terms (96); a document's
 * graph is the largest thing its export holds (docs/security.md, Memory).
 * Read triple i with unkg_graph_get, a term with unkg_graph_term; the
 * views they return hold until the graph is reset or freed. */
typedef struct {
  UnkgTripleIds* t; /* n of them */
  size_t         n, cap;
  UnkgTermRec*   terms; /* the distinct terms; after unkg_graph_sort in sorted order */
  size_t         n_terms, cap_terms;
  char**         values; /* the chunks of the terms' values, for unkg_graph_value */
  char**         names; /* the languages and datatypes; names[0] is NULL */
  size_t         n_names, cap_names;
  uint32_t*      pairs; /* pair i: its language's index in names at 2 i, its datatype's at 2 i + 1 */
  size_t         n_pairs, cap_pairs; /* pair 0 is neither */
  char*          base;   /* unkg_graph_set_base, or NULL */
  size_t         n_base; /* its length */
  size_t         n_short; /* the length of the shorter head, base's first bytes; 0: none */
  UnkgStrings*   strings; /* where the strings are stored, and their index; private */
  char*          name;    /* graph name (N-Quads, the store), or NULL */
  char*          symbol;  /* the document the graph describes and its language, */
  char*          lang;    /* which serialize.h names files after; or NULL */
} UnkgGraph;

/* The value of term id of g, which the graph owns: a term's value is not
 * a pointer of its own but a chunk and an offset (4 bytes, not 8, for
 * each of a document's hundreds of thousands of terms; docs/security.md,
 * Memory).  Of a based term (UNKG_BASED, only in a graph given a base),
 * what follows g->base: read such a graph through unkg_graph_rest, or
 * unkg_graph_expand it first.  The same holds for the views below. */
static inline const char*
unkg_graph_value(const UnkgGraph* g, uint32_t id)
{
  uint32_t ref = g->terms[id].ref;
  return g->values[ref >> UNKG_REF_BITS] + (ref & ((1u << UNKG_REF_BITS) - 1));
}

/* The kind of a stored term. */
static inline UnkgTermKind
unkg_term_kind(const UnkgTermRec* r)
{
  return (UnkgTermKind)(r->meta >> 30);
}

/* Term id of g, as a view. */
static inline UnkgTerm
unkg_graph_term(const UnkgGraph* g, uint32_t id)
{
  const UnkgTermRec* r    = &g->terms[id];
  const uint32_t*    pair = g->pairs ? &g->pairs[2 * (r->meta & UNKG_PAIR_MASK)] : NULL;
  return (UnkgTerm){unkg_term_kind(r), (char*)unkg_graph_value(g, id),
                    pair ? g->names[pair[0]] : NULL, pair ? g->names[pair[1]] : NULL};
}

/* How many bytes of g->base come before the stored value of a term whose
 * meta is meta: the base's, the shorter head's, or none. */
static inline size_t
unkg_graph_head(const UnkgGraph* g, uint32_t meta)
{
  return meta & UNKG_BASED ? g->n_base : meta & UNKG_BASED_SHORT ? g->n_short : 0;
}

/* Term id's value as two pieces: *head (g->base, of which the first
 * *n_head bytes, for a based term; else "") and what it returns. */
static inline const char*
unkg_graph_rest(const UnkgGraph* g, uint32_t id, const char** head, size_t* n_head)
{
  *n_head = unkg_graph_head(g, g->terms[id].meta);
  *head   = *n_head ? g->base : "";
  return unkg_graph_value(g, id);
}

/* Triple i of g, as three views of g's terms. */
static inline UnkgTriple
unkg_graph_get(const UnkgGraph* g, size_t i)
{
  const UnkgTripleIds* t = &g->t[i];
  return (UnkgTriple){unkg_graph_term(g, t->s), unkg_graph_term(g, t->p), unkg_graph_term(g, t->o)};
}

/* The storage of large arrays whose final size is not known (a graph's
 * triples and terms, a document's parts): v, of old bytes, resized to
 * bytes, keeping its first elements; NULL when out of memory (v is kept)
 * or when bytes is 0 (v is freed).  From 1 MB on, an array is mapped
 * pages of its own (Linux), whose room not yet written costs no memory.
 * Such an array is resized and freed only through these two, with the
 * size it has. */
void* unkg_array_resize(void* v, size_t old, size_t bytes);
void  unkg_array_free(void* v, size_t bytes);

UnkgGraph* unkg_graph_new(void);
void       unkg_graph_free(UnkgGraph* g);
/* Drops every triple and the terms and strings they held; name, symbol and
 * lang stay. */
void unkg_graph_reset(UnkgGraph* g);

/* Adds a copy of t.  UNKG_ERR_USAGE if a term lacks its value. */
UnkgStatus unkg_graph_add(UnkgGraph* g, const UnkgTriple* t);
/* The same for the common shapes: subject, predicate and object IRIs; a
 * literal object (lang and datatype may be NULL); a canonical xsd:integer. */
UnkgStatus unkg_graph_add_iri(UnkgGraph* g, const char* s, const char* p, const char* o);
UnkgStatus unkg_graph_add_lit(UnkgGraph* g, const char* s, const char* p, const char* value,
                              const char* lang, const char* datatype);
UnkgStatus unkg_graph_add_int(UnkgGraph* g, const char* s, const char* p, long value);

/* The largest graphs are made one subject at a time, and only read once
 * sorted: from unkg_graph_pack on (on a graph with no term yet), the
 * triples added are held packed (about 8 bytes a triple, not 12) and
 * are neither in t and n nor in terms until
 * unkg_graph_unpack, which must run before the graph is read or sorted.
 * UNKG_ERR_USAGE if g has terms already. */
UnkgStatus unkg_graph_pack(UnkgGraph* g);
UnkgStatus unkg_graph_unpack(UnkgGraph* g);
/* unkg_graph_unpack, then unkg_graph_sort, in less memory: a packed
 * graph's terms are put in order before its triples are unpacked.  The
 * ids it gave are void after it, as after a sort. */
UnkgStatus unkg_graph_unpack_sort(UnkgGraph* g);

/* From now on, the IRIs g is given that start with base hold only what follows it: a document's IRIs mostly start with its own,
 * 41 bytes that 120,000 of the IRIs of 40,000 footnotes repeated
 * (docs/security.md, Memory).  Those that do not but start with base's
 * first n_short bytes (0 < n_short < its length; 0: no such head) hold
 * what follows those: the IRIs of the documents a document cites share
 * the documents' namespace, 29 bytes of 40,000 IRIs of 40,000 footnotes.
 * Only on a graph with no term yet (UNKG_ERR_USAGE otherwise).  Such a
 * graph is read through unkg_graph_rest, not the views, until
 * unkg_graph_expand. */
UnkgStatus unkg_graph_set_base(UnkgGraph* g, const char* base, size_t n_short);
/* Makes every based value of g whole again, so that the views read it;
 * drops the base.  UNKG_ERR_NOMEM (g is as it was but for the values made
 * whole so far, still read right) or UNKG_ERR_LIMIT. */
UnkgStatus unkg_graph_expand(UnkgGraph* g);

/* Sorts by subject, predicate and object (IRIs, then blank nodes, then
 * literals; by value, language and datatype) and drops duplicates.
 * UNKG_ERR_USAGE, and g untouched, while g is packed: unpacking can fail,
 * and only unkg_graph_unpack can say so. */
UnkgStatus unkg_graph_sort(UnkgGraph* g);

/* Orders terms as unkg_graph_sort does. */
int unkg_term_cmp(const UnkgTerm* a, const UnkgTerm* b);

/* Calls fn on each string g holds: each language and datatype once, and
 * each term's value once per distinct term (a value that two terms share,
 * an IRI and a literal, comes twice), however many triples hold them, in
 * no particular order; stops at the first nonzero return and returns it
 * (0 after the last). */
int unkg_graph_each_string(const UnkgGraph* g, int (*fn)(void* data, const char* s, size_t len),
                           void*            data);

/* A hash of g's triples (not of its name): graphs with the same triples in
 * the same order hash alike.  Valid within one run only. */
uint64_t unkg_graph_hash(const UnkgGraph* g);

/* Adding by index: the id of the graph's copy of term, stored now if it
 * is new, and a triple of three such ids (UNKG_ERR_USAGE for an id the
 * graph has not given).  Ids hold until the graph is sorted or reset
 * (unkg_graph_sort renumbers the terms).  A term interned stays in the graph
 * whether a triple holds it or not (the writers go over every term):
 * intern only what a triple added will hold. */
UnkgStatus unkg_graph_intern(UnkgGraph* g, const UnkgTerm* term, uint32_t* id);
UnkgStatus unkg_graph_add_ids(UnkgGraph* g, uint32_t s, uint32_t p, uint32_t o);

#endif
