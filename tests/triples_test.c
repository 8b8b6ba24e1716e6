/* The RDF layer underneath every stage: terms that own their strings, the
 * sorted triple set, the one parse path (rdfio.h), and the document graph
 * built over them. */
#include "buf.h"
#include "graph.h"
#include "rdfio.h"
#include "testutil.h"
#include "triples.h"
#include "vocab.h"

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char* tmp; /* this suite's scratch directory */


START_TEST(free_null)
{
  unkg_graph_free(NULL);
  unkg_paths_free(NULL);
}
END_TEST

START_TEST(add_needs_values)
{
  UnkgGraph* g = unkg_graph_new();
  ck_assert_int_eq(unkg_graph_add_iri(g, "http://x/s", "http://x/p", NULL), UNKG_ERR_USAGE);
  ck_assert_int_eq(unkg_graph_add_lit(g, NULL, "http://x/p", "v", NULL, NULL), UNKG_ERR_USAGE);
  ck_assert_uint_eq(g->n, 0);
  unkg_graph_free(g);
}
END_TEST

START_TEST(terms_own_their_datatype)
{
  UnkgGraph* g = unkg_graph_new();
  char       dt[64];
  snprintf(dt, sizeof dt, "%s", "http://example.org/unit#celsius");
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/s", "http://x/p", "21.5", NULL, dt), UNKG_OK);
  memset(dt, 'z', sizeof dt - 1); /* the caller's buffer goes away */
  ck_assert_int_eq(unkg_graph_get(g, 0).o.kind, UNKG_TERM_LITERAL);
  ck_assert_str_eq(unkg_graph_get(g, 0).o.datatype, "http://example.org/unit#celsius");
  ck_assert_ptr_null(unkg_graph_get(g, 0).o.lang);
  unkg_graph_free(g);
}
END_TEST

/* A term is its value's place and one word for its kind and its pair of
 * a language and a datatype, each pair held once: 8 bytes a term, and
 * terms that differ only in their language or datatype stay apart, in
 * unkg_term_cmp's order, packed or not. */
START_TEST(terms_name_their_pair)
{
  ck_assert_uint_eq(sizeof(UnkgTermRec), 8);
  for (int packed = 0; packed < 2; ++packed) {
    UnkgGraph* g = unkg_graph_new();
    if (packed) {
      ck_assert_int_eq(unkg_graph_pack(g), UNKG_OK);
    }
    const char* s = "http://x/s";
    const char* p = "http://x/p";
    ck_assert_int_eq(unkg_graph_add_lit(g, s, p, "1", "en", XSD_INTEGER), UNKG_OK);
    ck_assert_int_eq(unkg_graph_add_lit(g, s, p, "1", "en", NULL), UNKG_OK);
    ck_assert_int_eq(unkg_graph_add_lit(g, s, p, "1", NULL, XSD_INTEGER), UNKG_OK);
    ck_assert_int_eq(unkg_graph_add_lit(g, s, p, "1", NULL, NULL), UNKG_OK);
    ck_assert_int_eq(unkg_graph_add_lit(g, s, p, "1", "en", NULL), UNKG_OK); /* again */
    ck_assert_int_eq(unkg_graph_add_lit(g, s, p, "1", NULL, "http://x/t"), UNKG_OK);
    ck_assert_int_eq(unkg_graph_add_iri(g, s, p, "1"), UNKG_OK); /* an IRI, pair 0 too */
    if (packed) {
      ck_assert_int_eq(unkg_graph_unpack_sort(g), UNKG_OK);
    } else {
      ck_assert_int_eq(unkg_graph_sort(g), UNKG_OK);
    }
    ck_assert_uint_eq(g->n_pairs, 5); /* none, en + integer, en, integer, t */
    ck_assert_uint_eq(g->n_terms, 2 + 6);
    ck_assert_uint_eq(g->n, 6);
    for (size_t i = 1; i < g->n; ++i) {
      UnkgTriple a = unkg_graph_get(g, i - 1), b = unkg_graph_get(g, i);
      ck_assert_int_lt(unkg_term_cmp(&a.o, &b.o), 0);
    }
    UnkgTriple first = unkg_graph_get(g, 0), last = unkg_graph_get(g, 5);
    ck_assert_int_eq(first.o.kind, UNKG_TERM_IRI);
    ck_assert_ptr_null(first.o.lang);
    ck_assert_ptr_null(first.o.datatype);
    ck_assert_str_eq(last.o.lang, "en");
    ck_assert_str_eq(last.o.datatype, XSD_INTEGER);
    unkg_graph_free(g);
  }
}
END_TEST

static int
count_string(void* data, const char* s, size_t len)
{
  ck_assert_uint_eq(strlen(s), len);
  ++*(size_t*)data;
  return 0;
}

/* Term id's value whole, into buf. */
static const char*
whole(const UnkgGraph* g, uint32_t id, char* buf, size_t size)
{
  const char* head;
  size_t      n_head;
  const char* rest = unkg_graph_rest(g, id, &head, &n_head);
  snprintf(buf, size, "%.*s%s", (int)n_head, head, rest);
  return buf;
}

/* A graph given a base holds the IRIs that start with it as what follows
 * it, and is the same graph as one without: the same terms (found again
 * whole), in the same order (IRIs that sort around the base's end, and
 * across it), the same strings read; made whole again, it reads through
 * the views, and takes more.  So with a shorter head too ("http://x/"):
 * the IRIs that start with it and not the base (around and across its
 * end) hold what follows it. */
START_TEST(based_graph_as_plain)
{
  static const char* iris[] = {"http://x/doc",     "http://x/doc/1", "http://x/doc@zh",
                               "http://x/do",      "http://x/doc0",  "http://x/dob",
                               "http://x/doc/1/a", "http://x/",      "http://x/docs",
                               "http://x/doc/",    "http://y/doc",   "http://x/doc/2",
                               "http://x",         "http://x/e",     "http://x/d"};
  size_t             n      = sizeof iris / sizeof *iris;
  for (int run = 0; run < 4; ++run) {
    int        packed = run & 1;
    size_t     n_short = run & 2 ? strlen("http://x/") : 0;
    UnkgGraph* g = unkg_graph_new();
    UnkgGraph* h = unkg_graph_new();
    if (packed) {
      ck_assert_int_eq(unkg_graph_pack(g), UNKG_OK);
      ck_assert_int_eq(unkg_graph_pack(h), UNKG_OK);
    }
    ck_assert_int_eq(unkg_graph_set_base(g, "http://x/doc", 12), UNKG_ERR_USAGE); /* not shorter */
    ck_assert_int_eq(unkg_graph_set_base(g, "http://x/doc", n_short), UNKG_OK);
    ck_assert_int_eq(unkg_graph_set_base(g, "http://x/doc", n_short), UNKG_ERR_USAGE);
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; j += 3) {
        for (int k = 0; k < 2; ++k) {
          UnkgGraph* x = k ? h : g;
          ck_assert_int_eq(unkg_graph_add_iri(x, iris[i], iris[(i + 1) % n], iris[j]), UNKG_OK);
          ck_assert_int_eq(unkg_graph_add_lit(x, iris[i], "http://x/p", iris[j], NULL, NULL),
                           UNKG_OK);
        }
      }
    }
    ck_assert_int_eq(unkg_graph_set_base(g, "http://x/d", 0), UNKG_ERR_USAGE); /* terms already */
    if (packed) {
      ck_assert_int_eq(unkg_graph_unpack_sort(g), UNKG_OK);
      ck_assert_int_eq(unkg_graph_unpack_sort(h), UNKG_OK);
    } else {
      ck_assert_int_eq(unkg_graph_sort(g), UNKG_OK);
      ck_assert_int_eq(unkg_graph_sort(h), UNKG_OK);
    }
    ck_assert_uint_eq(g->n, h->n);
    ck_assert_uint_eq(g->n_terms, h->n_terms);
    size_t based = 0, shorter = 0;
    char   a[64], b[64];
    for (size_t i = 0; i < g->n_terms; ++i) { /* the same terms in the same order */
      based += (g->terms[i].meta & UNKG_BASED) != 0;
      shorter += (g->terms[i].meta & UNKG_BASED_SHORT) != 0;
      ck_assert_str_eq(whole(g, (uint32_t)i, a, sizeof a), unkg_graph_value(h, (uint32_t)i));
      ck_assert_int_eq(unkg_term_kind(&g->terms[i]), unkg_term_kind(&h->terms[i]));
    }
    ck_assert_uint_eq(based, 8); /* doc, doc/1, doc@zh, doc0, doc/1/a, docs, doc/, doc/2 */
    ck_assert_uint_eq(shorter, (n_short ? 6 : 0)); /* do, dob, x/, x/e, x/d, x/p; not x */
    for (size_t i = 0; i < g->n; ++i) {
      ck_assert_uint_eq(g->t[i].s, h->t[i].s);
      ck_assert_uint_eq(g->t[i].p, h->t[i].p);
      ck_assert_uint_eq(g->t[i].o, h->t[i].o);
    }
    size_t strings = 0;
    unkg_graph_each_string(g, count_string, &strings);
    ck_assert_uint_eq(strings, 1 + h->n_terms); /* the base, then each value */
    /* Found again whole, and added to after the sort. */
    size_t   terms = g->n_terms;
    uint32_t id;
    UnkgTerm t = {UNKG_TERM_IRI, (char*)"http://x/doc/1", NULL, NULL};
    ck_assert_int_eq(unkg_graph_intern(g, &t, &id), UNKG_OK);
    ck_assert_uint_eq(g->n_terms, terms);
    ck_assert_str_eq(whole(g, id, a, sizeof a), "http://x/doc/1");
    ck_assert_uint_ne(g->terms[id].meta & UNKG_BASED, 0);
    t.kind  = UNKG_TERM_LITERAL; /* a literal is never based */
    t.value = (char*)iris[0];
    ck_assert_int_eq(unkg_graph_intern(g, &t, &id), UNKG_OK);
    ck_assert_uint_eq(g->n_terms, terms);
    ck_assert_uint_eq(g->terms[id].meta & UNKG_HEADS, 0);
    if (n_short) {
      t.kind  = UNKG_TERM_IRI;
      t.value = (char*)"http://x/dob";
      ck_assert_int_eq(unkg_graph_intern(g, &t, &id), UNKG_OK);
      ck_assert_uint_eq(g->n_terms, terms);
      ck_assert_str_eq(whole(g, id, a, sizeof a), "http://x/dob");
      ck_assert_uint_ne(g->terms[id].meta & UNKG_BASED_SHORT, 0);
    }
    ck_assert_int_eq(unkg_graph_expand(g), UNKG_OK);
    ck_assert_ptr_null(g->base);
    for (size_t i = 0; i < g->n_terms; ++i) {
      ck_assert_uint_eq(g->terms[i].meta & UNKG_HEADS, 0);
      ck_assert_str_eq(unkg_graph_value(g, (uint32_t)i), unkg_graph_value(h, (uint32_t)i));
    }
    for (int k = 0; k < 2; ++k) {
      UnkgGraph* x = k ? h : g;
      ck_assert_int_eq(unkg_graph_add_iri(x, "http://x/doc/1", "http://x/doc", "http://x/doc/3"),
                       UNKG_OK);
      ck_assert_int_eq(unkg_graph_sort(x), UNKG_OK);
    }
    ck_assert_uint_eq(g->n_terms, h->n_terms);
    ck_assert_uint_eq(unkg_graph_hash(g), unkg_graph_hash(h));
    (void)b;
    unkg_graph_free(g);
    unkg_graph_free(h);
  }
}
END_TEST

static UnkgGraph*
two_triples(const char* last)
{
  UnkgGraph* g = unkg_graph_new();
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/a", "http://x/p", "v", "en", NULL), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/a", "http://x/p", last, "en", NULL), UNKG_OK);
  return g;
}

/* A graph holds each distinct term, language and datatype once: equal
 * ones are one pointer, each_string sees each once, the hash tells graphs
 * apart, and a reset graph starts afresh. */
START_TEST(strings_held_once)
{
  char       value[] = "v";
  UnkgGraph* g       = two_triples(value);
  value[0]           = 'w'; /* the graph kept a copy */
  ck_assert_ptr_eq(unkg_graph_get(g, 0).s.value, unkg_graph_get(g, 1).s.value);
  ck_assert_ptr_eq(unkg_graph_get(g, 0).p.value, unkg_graph_get(g, 1).p.value);
  ck_assert_ptr_eq(unkg_graph_get(g, 0).o.value, unkg_graph_get(g, 1).o.value);
  ck_assert_ptr_eq(unkg_graph_get(g, 0).o.lang, unkg_graph_get(g, 1).o.lang);
  ck_assert_str_eq(unkg_graph_get(g, 1).o.value, "v");
  size_t n = 0;
  ck_assert_int_eq(unkg_graph_each_string(g, count_string, &n), 0);
  ck_assert_uint_eq(n, 4); /* http://x/a, http://x/p, v, en */
  UnkgGraph* same  = two_triples("v");
  UnkgGraph* other = two_triples("w");
  ck_assert(unkg_graph_hash(g) == unkg_graph_hash(same));
  ck_assert(unkg_graph_hash(g) != unkg_graph_hash(other));
  /* Sorted (in the order it was made in), a graph has dropped the hashes
   * of its values, and hashes alike all the same. */
  UnkgGraph* sorted = two_triples("w");
  unkg_graph_sort(sorted);
  ck_assert_uint_eq(sorted->n, 2);
  ck_assert(unkg_graph_hash(sorted) == unkg_graph_hash(other));
  unkg_graph_free(sorted);
  unkg_graph_reset(g);
  ck_assert_uint_eq(g->n, 0);
  n = 0;
  unkg_graph_each_string(g, count_string, &n);
  ck_assert_uint_eq(n, 0);
  ck_assert_int_eq(unkg_graph_add_iri(g, "http://x/a", "http://x/p", "http://x/b"), UNKG_OK);
  ck_assert_str_eq(unkg_graph_get(g, 0).o.value, "http://x/b");
  /* A string longer than a chunk gets one of its own. */
  char* big = malloc(200000);
  memset(big, 'x', 199999);
  big[199999] = '\0';
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/a", "http://x/q", big, NULL, NULL), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/a", "http://x/r", "after", NULL, NULL), UNKG_OK);
  ck_assert_str_eq(unkg_graph_get(g, 1).o.value, big);
  ck_assert_str_eq(unkg_graph_get(g, 2).o.value, "after");
  free(big);
  unkg_graph_free(g);
  unkg_graph_free(same);
  unkg_graph_free(other);
}
END_TEST

/* Order by hand: subject, predicate, then IRIs before blank nodes before
 * literals; a literal without a tag before the tagged one. */
START_TEST(sort_orders_and_dedupes)
{
  UnkgGraph* g     = unkg_graph_new();
  UnkgTriple blank = {{UNKG_TERM_IRI, "http://x/a", NULL, NULL},
                      {UNKG_TERM_IRI, "http://x/p", NULL, NULL},
                      {UNKG_TERM_BLANK, "b0", NULL, NULL}};
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/b", "http://x/p", "v", NULL, NULL), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/a", "http://x/p", "v", "en", NULL), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add(g, &blank), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/a", "http://x/p", "v", NULL, NULL), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_iri(g, "http://x/a", "http://x/p", "http://x/z"), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/a", "http://x/p", "v", "en", NULL), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_int(g, "http://x/a", "http://x/n", 42), UNKG_OK);
  unkg_graph_sort(g);
  ck_assert_uint_eq(g->n, 6);
  ck_assert_str_eq(unkg_graph_get(g, 0).p.value, "http://x/n");
  ck_assert_str_eq(unkg_graph_get(g, 0).o.value, "42");
  ck_assert_str_eq(unkg_graph_get(g, 0).o.datatype, XSD_INTEGER);
  ck_assert_int_eq(unkg_graph_get(g, 1).o.kind, UNKG_TERM_IRI);
  ck_assert_int_eq(unkg_graph_get(g, 2).o.kind, UNKG_TERM_BLANK);
  ck_assert_str_eq(unkg_graph_get(g, 2).o.value, "b0");
  ck_assert_ptr_null(unkg_graph_get(g, 3).o.lang);
  ck_assert_str_eq(unkg_graph_get(g, 4).o.lang, "en");
  ck_assert_str_eq(unkg_graph_get(g, 5).s.value, "http://x/b");
  unkg_graph_free(g);
}
END_TEST

/* Triples refer to their terms by index, each distinct term stored once:
 * many triples over few terms, added in a scrambled order, twice each,
 * and more after a first sort, come out in the order of their terms'
 * contents, each once. */
START_TEST(terms_held_once_sort_by_content)
{
  static const char* values[] = {"b", "a", "c", "a b", "", "10", "9"};
  static const char* langs[]  = {NULL, "en", "zh"};
  UnkgGraph*         g        = unkg_graph_new();
  enum { N = 7 * 3 * 3 }; /* objects: value x (IRI, blank, literal in a lang or typed) */
  char   s[32];
  size_t added = 0;
  for (int round = 0; round < 3; ++round) {
    unsigned x = 12345;
    for (int k = 0; k < 2 * N; ++k) {
      x                = x * 1103515245u + 12345u;
      int         i    = (int)((x >> 16) % N);
      int         kind = i % 3;
      const char* v    = values[(i / 3) % 7];
      UnkgTerm    o    = {kind == 0   ? UNKG_TERM_IRI
                          : kind == 1 ? UNKG_TERM_BLANK
                                      : UNKG_TERM_LITERAL,
                    (char*)v, NULL, NULL};
      if (kind == 2) {
        o.lang     = (char*)langs[i / 21];
        o.datatype = i / 21 ? NULL : (char*)XSD_INTEGER;
      }
      snprintf(s, sizeof s, "http://x/s%d", (i * 7) % 5 + round % 2);
      UnkgTriple t = {{UNKG_TERM_IRI, s, NULL, NULL}, {UNKG_TERM_IRI, "http://x/p", NULL, NULL}, o};
      ck_assert_int_eq(unkg_graph_add(g, &t), UNKG_OK);
      ++added;
    }
    unkg_graph_sort(g);
    ck_assert_uint_lt(g->n, added);
    for (size_t i = 1; i < g->n; ++i) {
      UnkgTriple a = unkg_graph_get(g, i - 1), b = unkg_graph_get(g, i);
      int        c = unkg_term_cmp(&a.s, &b.s);
      c            = c ? c : unkg_term_cmp(&a.p, &b.p);
      c            = c ? c : unkg_term_cmp(&a.o, &b.o);
      ck_assert_int_lt(c, 0); /* in order, no duplicates */
    }
    /* No two stored terms are equal. */
    for (size_t i = 1; i < g->n_terms; ++i) {
      UnkgTerm a = unkg_graph_term(g, (uint32_t)i - 1), b = unkg_graph_term(g, (uint32_t)i);
      ck_assert_int_lt(unkg_term_cmp(&a, &b), 0);
    }
  }
  /* 6 subjects, one predicate, N objects at most: every triple is there once. */
  ck_assert_uint_le(g->n_terms, 6 + 1 + N + 2);
  size_t distinct = 0;
  for (size_t i = 0; i < g->n; ++i) {
    distinct += i == 0 || g->t[i].s != g->t[i - 1].s || g->t[i].o != g->t[i - 1].o;
  }
  ck_assert_uint_eq(distinct, g->n);
  unkg_graph_free(g);
}
END_TEST

/* The sort over many triples, in orders a quicksort finds hard (already
 * sorted, reversed, few distinct values, scrambled): each comes out in
 * order and once. */
START_TEST(sort_many)
{
  enum { N = 20000 };
  for (int order = 0; order < 4; ++order) {
    UnkgGraph* g = unkg_graph_new();
    unsigned   x = 7;
    char       s[32], o[32];
    for (int k = 0; k < N; ++k) {
      x     = x * 1103515245u + 12345u;
      int i = order == 0 ? k : order == 1 ? N - 1 - k : order == 2 ? k % 3 : (int)((x >> 8) % N);
      snprintf(s, sizeof s, "http://x/%05d", i / 10);
      snprintf(o, sizeof o, "%d", i % 10);
      ck_assert_int_eq(unkg_graph_add_lit(g, s, "http://x/p", o, NULL, NULL), UNKG_OK);
      ck_assert_int_eq(unkg_graph_add_lit(g, s, "http://x/p", o, NULL, NULL), UNKG_OK);
    }
    unkg_graph_sort(g);
    size_t distinct[] = {N, N, 3, 0};
    if (order == 3) {
      ck_assert_uint_gt(g->n, N / 2); /* about 1 - 1/e of them */
    } else {
      ck_assert_uint_eq(g->n, distinct[order]);
    }
    for (size_t i = 1; i < g->n; ++i) {
      UnkgTriple a = unkg_graph_get(g, i - 1), b = unkg_graph_get(g, i);
      int        c = strcmp(a.s.value, b.s.value);
      ck_assert(c < 0 || (c == 0 && strcmp(a.o.value, b.o.value) < 0));
    }
    unkg_graph_free(g);
  }
}
END_TEST

/* The terms are ranked by a multikey quicksort four bytes at a time
 * (triples.c): every triple's object, in every kind, with values that
 * share long prefixes, end at each byte of a four-byte key, carry bytes
 * from 0x80, and differ only in language or datatype, comes out in
 * unkg_term_cmp's order, each once. */
START_TEST(sort_terms_as_term_cmp)
{
  static const char* const langs[] = {NULL, "en", "zh", "zh-Hans"};
  static const char* const types[] = {NULL, "http://www.w3.org/2001/XMLSchema#integer",
                                      "http://www.w3.org/2001/XMLSchema#string"};
  UnkgGraph*               g       = unkg_graph_new();
  unsigned                 x       = 11;
  size_t                   added   = 0;
  for (int k = 0; k < 6000; ++k) {
    x = x * 1103515245u + 12345u;
    char v[64];
    /* A shared prefix, then 0-9 more bytes: ASCII, or a byte from 0x80. */
    int n = snprintf(v, sizeof v, "%s", (x >> 4) % 2 ? "http://x/doc/A/RES/75/" : "http://x/doc/A/RES/7");
    for (unsigned m = (x >> 8) % 10, y = x; m > 0; --m, y = y * 69069u + 1) {
      v[n++] = (y >> 12) % 5 ? (char)('0' + (y >> 16) % 4) : (char)(0x80 + (y >> 16) % 4);
    }
    v[n]     = '\0';
    UnkgTerm o = {(UnkgTermKind)((x >> 20) % 3), v, NULL, NULL};
    if (o.kind == UNKG_TERM_LITERAL) {
      o.lang     = (char*)langs[(x >> 23) % 4];
      o.datatype = o.lang ? NULL : (char*)types[(x >> 25) % 3];
    }
    UnkgTriple t = {{UNKG_TERM_IRI, "http://x/s", NULL, NULL}, {UNKG_TERM_IRI, "http://x/p", NULL, NULL},
                    o};
    ck_assert_int_eq(unkg_graph_add(g, &t), UNKG_OK);
    ++added;
  }
  unkg_graph_sort(g);
  ck_assert_uint_gt(g->n, 1000);
  ck_assert_uint_le(g->n, added);
  for (size_t i = 1; i < g->n; ++i) {
    UnkgTriple a = unkg_graph_get(g, i - 1), b = unkg_graph_get(g, i);
    ck_assert_int_lt(unkg_term_cmp(&a.o, &b.o), 0);
  }
  /* And the terms themselves, in that order. */
  for (size_t i = 1; i < g->n_terms; ++i) {
    UnkgTerm a = unkg_graph_term(g, (uint32_t)(i - 1)), b = unkg_graph_term(g, (uint32_t)i);
    ck_assert_int_lt(unkg_term_cmp(&a, &b), 0);
  }
  unkg_graph_free(g);
}
END_TEST

/* Inputs that would make the term sort deep or slow: values sharing a
 * prefix of 20 KB (5,000 levels of four bytes, in one stack frame), one
 * value in 3,000 languages (the tie goes to qsort), and keys that ascend
 * and descend; all come out in unkg_term_cmp's order. */
START_TEST(sort_terms_hostile)
{
  enum { LONG = 20000, N_LONG = 200, N_LANG = 3000 };
  UnkgGraph* g = unkg_graph_new();
  char*      v = malloc(LONG + 16);
  ck_assert_ptr_nonnull(v);
  memset(v, 'a', LONG);
  for (int k = 0; k < N_LONG; ++k) {
    snprintf(v + LONG, 16, "%05d", k % 2 ? k : N_LONG - k);
    ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/s", "http://x/p", v, NULL, NULL), UNKG_OK);
  }
  for (int k = 0; k < N_LANG; ++k) {
    char lang[16];
    snprintf(lang, sizeof lang, "x-%d", (k * 7919) % N_LANG);
    ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/s", "http://x/q", "same", lang, NULL), UNKG_OK);
  }
  for (int k = 0; k < 5000; ++k) {
    char o[32];
    snprintf(o, sizeof o, "http://x/o/%08d", k < 2500 ? k : 7500 - k);
    ck_assert_int_eq(unkg_graph_add_iri(g, "http://x/s", "http://x/r", o), UNKG_OK);
  }
  unkg_graph_sort(g);
  ck_assert_uint_eq(g->n, N_LONG + N_LANG + 5000);
  for (size_t i = 1; i < g->n_terms; ++i) {
    UnkgTerm a = unkg_graph_term(g, (uint32_t)(i - 1)), b = unkg_graph_term(g, (uint32_t)i);
    ck_assert_int_lt(unkg_term_cmp(&a, &b), 0);
  }
  free(v);
  unkg_graph_free(g);
}
END_TEST

/* Past 1 MB the triple and term arrays are mapped pages (triples.c): a
 * graph that crosses the line in both keeps every triple, sorts, and
 * after the sort (which drops the table of terms) still holds each term
 * once when triples are added again. */
START_TEST(large_graph_keeps_terms_once)
{
  enum { N = 150000 }; /* 1.8 MB of triples, 2.4 MB of terms */
  UnkgGraph* g = unkg_graph_new();
  char       s[32], o[32];
  size_t     n = 0;
  for (int round = 0; round < 2; ++round) {
    unsigned x = 99;
    for (int k = 0; k < N; ++k) {
      x     = x * 1103515245u + 12345u;
      int i = (int)((x >> 8) % N);
      snprintf(s, sizeof s, "http://x/%06d", i);
      snprintf(o, sizeof o, "%d", i);
      ck_assert_int_eq(unkg_graph_add_lit(g, s, "http://x/p", o, NULL, NULL), UNKG_OK);
    }
    size_t terms = g->n_terms;
    unkg_graph_sort(g);
    ck_assert_uint_eq(g->n_terms, terms);
    ck_assert_uint_eq(g->n_terms, 1 + 2 * g->n); /* p, and a subject and object each */
    ck_assert_uint_gt(g->n, N / 2);
    ck_assert(round == 0 || g->n == n); /* the same triples again */
    n = g->n;
    for (size_t i = 1; i < g->n; ++i) {
      UnkgTriple a = unkg_graph_get(g, i - 1), b = unkg_graph_get(g, i);
      ck_assert_int_lt(strcmp(a.s.value, b.s.value), 0);
      ck_assert_int_eq(atoi(a.s.value + strlen("http://x/")), atoi(a.o.value));
    }
  }
  unkg_graph_free(g);
}
END_TEST

/* A graph packed while it is made (unkg_graph_pack) gives, once
 * unpacked, the triples added, in the order added, as a graph never
 * packed: for runs of one subject of one triple each (the most words per
 * triple: unpacking in place must start past them), of one triple then
 * long ones, and of random lengths, past 1 MB (mapped pages).  Packing is
 * refused once the graph has terms, and sorting while it is packed.  The
 * loops tally what they find and assert once: Check marks every passing
 * assertion (a message to the parent), millions of them here, which took
 * most of the case's time. */
START_TEST(packed_graph_as_added)
{
  enum { N = 150000 };
  char   s[32], o[32];
  int    st  = 0;
  size_t bad = 0;
  for (int shape = 0; shape < 3; ++shape) {
    UnkgGraph* g = unkg_graph_new();
    UnkgGraph* h = unkg_graph_new();
    ck_assert_int_eq(unkg_graph_pack(g), UNKG_OK);
    unsigned x = 7, subject = 0, left = 0;
    size_t   n = shape == 0 ? 1000 : N;
    for (size_t k = 0; k < n; ++k) {
      if (left == 0) { /* a new run */
        x       = x * 1103515245u + 12345u;
        left    = shape == 0 || (shape == 1 && k < 100) ? 1 : shape == 1 ? 10 : 1 + (x >> 16) % 5;
        subject = (subject + 1 + (x >> 8) % 3) % 50;
      }
      --left;
      snprintf(s, sizeof s, "http://x/%u", subject);
      snprintf(o, sizeof o, "%zu", k % 977);
      st |= (int)unkg_graph_add_lit(g, s, k % 3 ? "http://x/p" : "http://x/q", o, NULL, NULL);
      st |= (int)unkg_graph_add_lit(h, s, k % 3 ? "http://x/p" : "http://x/q", o, NULL, NULL);
    }
    ck_assert_int_eq(st, UNKG_OK);
    ck_assert_uint_eq(g->n, 0); /* packed */
    /* Sorting a packed graph is refused, and leaves it as it was. */
    ck_assert_int_eq(unkg_graph_sort(g), UNKG_ERR_USAGE);
    ck_assert_uint_eq(g->n, 0);
    ck_assert_int_eq(unkg_graph_unpack(g), UNKG_OK);
    ck_assert_int_eq(unkg_graph_unpack(g), UNKG_OK); /* once is enough */
    ck_assert_uint_eq(g->n, n);
    ck_assert_uint_eq(g->n_terms, h->n_terms);
    for (size_t i = 0; i < n; ++i) {
      UnkgTriple a = unkg_graph_get(g, i), b = unkg_graph_get(h, i);
      bad += strcmp(a.s.value, b.s.value) || strcmp(a.p.value, b.p.value)
             || strcmp(a.o.value, b.o.value);
    }
    ck_assert_uint_eq(bad, 0);
    /* And it goes on as any graph: more triples, sorted alike. */
    ck_assert_int_eq(unkg_graph_add_iri(g, "http://x/0", "http://x/p", "http://x/1"), UNKG_OK);
    ck_assert_int_eq(unkg_graph_add_iri(h, "http://x/0", "http://x/p", "http://x/1"), UNKG_OK);
    unkg_graph_sort(g);
    unkg_graph_sort(h);
    ck_assert_uint_eq(g->n, h->n);
    ck_assert_uint_eq(unkg_graph_hash(g), unkg_graph_hash(h));
    ck_assert_int_eq(unkg_graph_pack(g), UNKG_ERR_USAGE);
    unkg_graph_free(g);
    unkg_graph_free(h);
  }
  /* More pairs of a language and a datatype than 2^16, packed or not:
   * the graph is still the same, each pair held once. */
  UnkgGraph* p = unkg_graph_new();
  UnkgGraph* q = unkg_graph_new();
  ck_assert_int_eq(unkg_graph_pack(p), UNKG_OK);
  for (int k = 0; k < 70000; ++k) {
    char dt[32];
    snprintf(dt, sizeof dt, "http://x/dt%d", k % 66000);
    snprintf(o, sizeof o, "%d", k % 7);
    snprintf(s, sizeof s, "http://x/%d", k / 3);
    st |= (int)unkg_graph_add_lit(p, s, "http://x/p", o, k % 5 ? NULL : "en", dt);
    st |= (int)unkg_graph_add_lit(q, s, "http://x/p", o, k % 5 ? NULL : "en", dt);
  }
  ck_assert_int_eq(st, UNKG_OK);
  ck_assert_int_eq(unkg_graph_unpack(p), UNKG_OK);
  ck_assert_uint_eq(p->n_terms, q->n_terms);
  ck_assert_uint_eq(p->n_pairs, q->n_pairs);
  ck_assert_uint_gt(p->n_pairs, 66000);
  ck_assert_uint_le(p->n_pairs, 1 + 2 * 66000);
  ck_assert_uint_eq(p->n, q->n);
  for (size_t i = 0; i < q->n; ++i) {
    UnkgTriple a = unkg_graph_get(p, i), b = unkg_graph_get(q, i);
    bad += unkg_term_cmp(&a.o, &b.o) != 0 || strcmp(a.s.value, b.s.value);
  }
  ck_assert_uint_eq(bad, 0);
  unkg_graph_sort(p);
  unkg_graph_sort(q);
  ck_assert_uint_eq(unkg_graph_hash(p), unkg_graph_hash(q));
  unkg_graph_free(p);
  unkg_graph_free(q);
  /* Values of every length to past a chunk (4 KB; a value longer than a
   * quarter of one has a chunk of its own, which may span the numbers of
   * two), each added twice: a term names its value by chunk and offset,
   * packed or not, and is found again. */
  p = unkg_graph_new();
  q = unkg_graph_new();
  ck_assert_int_eq(unkg_graph_pack(p), UNKG_OK);
  char* v = malloc(5000);
  ck_assert_ptr_nonnull(v);
  for (int k = 0; k < 2 * 700; ++k) {
    size_t len = (size_t)(k % 700) * 7;
    memset(v, 'a' + k % 700 % 26, len);
    v[len] = '\0';
    snprintf(s, sizeof s, "http://x/%d", k % 700);
    st |= (int)unkg_graph_add_lit(p, s, "http://x/p", v, NULL, NULL);
    st |= (int)unkg_graph_add_lit(q, s, "http://x/p", v, NULL, NULL);
  }
  ck_assert_int_eq(st, UNKG_OK);
  free(v);
  ck_assert_int_eq(unkg_graph_unpack(p), UNKG_OK);
  ck_assert_uint_eq(p->n_terms, 2 * 700 + 1);
  ck_assert_uint_eq(p->n_terms, q->n_terms);
  ck_assert_uint_eq(p->n, q->n);
  for (size_t i = 0; i < q->n; ++i) {
    UnkgTriple a = unkg_graph_get(p, i), b = unkg_graph_get(q, i);
    bad += strcmp(a.s.value, b.s.value) || strcmp(a.o.value, b.o.value)
           || strlen(a.o.value) != (i % 700) * 7;
  }
  ck_assert_uint_eq(bad, 0);
  unkg_graph_free(p);
  unkg_graph_free(q);
  UnkgGraph* g = unkg_graph_new(); /* packed, and nothing added */
  ck_assert_int_eq(unkg_graph_pack(g), UNKG_OK);
  ck_assert_int_eq(unkg_graph_unpack(g), UNKG_OK);
  ck_assert_uint_eq(g->n, 0);
  ck_assert_int_eq(unkg_graph_sort(g), UNKG_OK);
  unkg_graph_free(g);
}
END_TEST

/* unkg_graph_unpack_sort puts a packed graph's terms in order before its
 * triples are unpacked (renumbering the packed words: predicates and
 * objects, and the subject after each run's mark): it must give the graph
 * unpacking then sorting gives, with terms of every kind, languages and
 * datatypes, runs of one subject and duplicate triples (dropped), and the
 * terms found again after it.  On a graph never packed it is the sort. */
START_TEST(packed_graph_unpack_sorted)
{
  char     s[32], o[32];
  int      st  = 0;
  size_t   bad = 0;
  unsigned x   = 11;
  for (int packed = 0; packed < 2; ++packed) {
    UnkgGraph* g = unkg_graph_new();
    UnkgGraph* h = unkg_graph_new();
    if (packed) {
      ck_assert_int_eq(unkg_graph_pack(g), UNKG_OK);
    }
    for (int k = 0; k < 20000; ++k) {
      x = x * 1103515245u + 12345u;
      snprintf(s, sizeof s, "http://x/%u", (x >> 8) % 3000);
      snprintf(o, sizeof o, "%u", (x >> 12) % 500);
      UnkgTriple t = {{k % 9 ? UNKG_TERM_IRI : UNKG_TERM_BLANK, s + (k % 9 ? 0 : 9), NULL, NULL},
                      {UNKG_TERM_IRI, k % 4 ? "http://x/p" : "http://x/a", NULL, NULL},
                      {k % 6 ? UNKG_TERM_LITERAL : UNKG_TERM_IRI, o, NULL, NULL}};
      if (k % 6) {
        t.o.lang     = k % 5 ? NULL : "en";
        t.o.datatype = k % 5 && k % 3 == 0 ? (char*)XSD_INTEGER : NULL;
      }
      /* A run of the same subject, and each triple twice. */
      for (int r = 0; r < 1 + k % 3; ++r) {
        st |= (int)unkg_graph_add(g, &t);
        st |= (int)unkg_graph_add(h, &t);
      }
    }
    ck_assert_int_eq(st, UNKG_OK);
    ck_assert_int_eq(unkg_graph_unpack_sort(g), UNKG_OK);
    ck_assert_int_eq(unkg_graph_sort(h), UNKG_OK);
    ck_assert_uint_eq(g->n, h->n);
    ck_assert_uint_lt(g->n, 20000); /* the duplicates went */
    ck_assert_uint_eq(g->n_terms, h->n_terms);
    for (size_t i = 0; i < g->n; ++i) {
      UnkgTriple a = unkg_graph_get(g, i), b = unkg_graph_get(h, i);
      bad += unkg_term_cmp(&a.s, &b.s) != 0 || unkg_term_cmp(&a.p, &b.p) != 0
             || unkg_term_cmp(&a.o, &b.o) != 0;
    }
    for (size_t i = 1; i < g->n_terms; ++i) { /* the terms in order, each once */
      UnkgTerm a = unkg_graph_term(g, (uint32_t)i - 1), b = unkg_graph_term(g, (uint32_t)i);
      bad += unkg_term_cmp(&a, &b) >= 0;
    }
    ck_assert_uint_eq(bad, 0);
    size_t terms = g->n_terms, n = g->n;
    ck_assert_int_eq(unkg_graph_add_iri(g, "http://x/7", "http://x/p", "http://x/a"), UNKG_OK);
    ck_assert_uint_eq(g->n_terms, terms); /* all three found again */
    ck_assert_int_eq(unkg_graph_sort(g), UNKG_OK);
    ck_assert_uint_eq(g->n, n + 1);
    unkg_graph_free(g);
    unkg_graph_free(h);
  }
}
END_TEST

/* Adding by index (unkg_graph_intern, unkg_graph_add_ids) makes the graph
 * unkg_graph_add makes of the same triples, packed or not, with terms of
 * every kind, a language and datatypes; an id the graph has not given is
 * refused. */
START_TEST(add_by_ids_as_added)
{
  char o[32];
  for (int packed = 0; packed < 2; ++packed) {
    UnkgGraph* g = unkg_graph_new();
    UnkgGraph* h = unkg_graph_new();
    if (packed) {
      ck_assert_int_eq(unkg_graph_pack(g), UNKG_OK);
      ck_assert_int_eq(unkg_graph_pack(h), UNKG_OK);
    }
    UnkgTerm p[] = {{UNKG_TERM_IRI, "http://x/p", NULL, NULL},
                    {UNKG_TERM_IRI, "http://x/q", NULL, NULL}};
    uint32_t pid[2];
    for (int k = 0; k < 2; ++k) {
      ck_assert_int_eq(unkg_graph_intern(g, &p[k], &pid[k]), UNKG_OK);
    }
    uint32_t again;
    ck_assert_int_eq(unkg_graph_intern(g, &p[1], &again), UNKG_OK);
    ck_assert_uint_eq(again, pid[1]); /* a term is held once */
    for (int k = 0; k < 3000; ++k) {
      snprintf(o, sizeof o, "%d", k % 701);
      UnkgTriple t = {{k % 7 ? UNKG_TERM_IRI : UNKG_TERM_BLANK, k % 2 ? "http://x/a" : "b", NULL,
                       NULL},
                      p[k % 3 == 0],
                      {UNKG_TERM_LITERAL, o, k % 5 ? NULL : "en", k % 4 ? NULL : XSD_INTEGER}};
      if (k % 11 == 0) {
        t.o = (UnkgTerm){UNKG_TERM_IRI, o, NULL, NULL}; /* an IRI of a literal's value */
      }
      uint32_t s, ob;
      ck_assert_int_eq(unkg_graph_intern(g, &t.s, &s), UNKG_OK);
      ck_assert_int_eq(unkg_graph_intern(g, &t.o, &ob), UNKG_OK);
      ck_assert_int_eq(unkg_graph_add_ids(g, s, pid[k % 3 == 0], ob), UNKG_OK);
      ck_assert_int_eq(unkg_graph_add(h, &t), UNKG_OK);
    }
    ck_assert_int_eq(unkg_graph_add_ids(g, 0, 0, (uint32_t)g->n_terms), UNKG_ERR_USAGE);
    UnkgTerm none = {UNKG_TERM_IRI, NULL, NULL, NULL};
    ck_assert_int_eq(unkg_graph_intern(g, &none, &again), UNKG_ERR_USAGE);
    ck_assert_int_eq(unkg_graph_unpack(g), UNKG_OK);
    ck_assert_int_eq(unkg_graph_unpack(h), UNKG_OK);
    ck_assert_uint_eq(g->n, 3000);
    ck_assert_uint_eq(g->n_terms, h->n_terms);
    for (size_t i = 0; i < g->n; ++i) {
      UnkgTriple a = unkg_graph_get(g, i), b = unkg_graph_get(h, i);
      ck_assert_int_eq(unkg_term_cmp(&a.s, &b.s), 0);
      ck_assert_int_eq(unkg_term_cmp(&a.p, &b.p), 0);
      ck_assert_int_eq(unkg_term_cmp(&a.o, &b.o), 0);
    }
    unkg_graph_sort(g);
    unkg_graph_sort(h);
    ck_assert_uint_eq(g->n, h->n);
    ck_assert_uint_eq(unkg_graph_hash(g), unkg_graph_hash(h));
    unkg_graph_free(g);
    unkg_graph_free(h);
  }
}
END_TEST

/* The subjects and predicates met lately are found again by comparing
 * values (triples.c, recent): a buffer the caller fills anew is another
 * term, an IRI and a blank node of one value are two, and after a sort
 * (which renumbers the terms) the same strings are the same terms. */
START_TEST(recent_terms_by_value)
{
  UnkgGraph* g = unkg_graph_new();
  ck_assert_int_eq(unkg_graph_pack(g), UNKG_OK); /* as a document's graph is made */
  char       s[32], p[32];
  for (int round = 0; round < 2; ++round) {
    for (int k = 0; k < 4; ++k) {
      snprintf(s, sizeof s, "http://x/s%d", k % 2);
      snprintf(p, sizeof p, "http://x/p%d", k / 2);
      ck_assert_int_eq(unkg_graph_add_iri(g, s, p, "http://x/o"), UNKG_OK);
      UnkgTriple b = {{UNKG_TERM_BLANK, s + strlen("http://x/"), NULL, NULL},
                      {UNKG_TERM_IRI, p, NULL, NULL},
                      {UNKG_TERM_IRI, s, NULL, NULL}};
      ck_assert_int_eq(unkg_graph_add(g, &b), UNKG_OK);
      UnkgTriple i = {{UNKG_TERM_IRI, s + strlen("http://x/"), NULL, NULL},
                      {UNKG_TERM_IRI, p, NULL, NULL},
                      {UNKG_TERM_IRI, s, NULL, NULL}};
      ck_assert_int_eq(unkg_graph_add(g, &i), UNKG_OK);
    }
    ck_assert_int_eq(unkg_graph_unpack(g), UNKG_OK);
    unkg_graph_sort(g);
    /* s0, s1, their IRIs and blank nodes "s0", "s1", p0, p1, o. */
    ck_assert_uint_eq(g->n_terms, 9);
    ck_assert_uint_eq(g->n, 12);
  }
  for (size_t k = 0; k < g->n; ++k) {
    UnkgTriple x = unkg_graph_get(g, k);
    ck_assert(strstr(x.p.value, "http://x/p") == x.p.value);
  }
  unkg_graph_free(g);
}
END_TEST

/* unkg_build_graph_take frees the document as it builds (parts last to
 * first, each part's text and lists once its triples are made, the parts
 * array cut behind): it must make exactly the graph unkg_build_graph makes
 * from the document left whole, for a report (replies, headings, the
 * questions they answer) and a resolution (items, footnotes, requests). */
/* a and b hold the same triples. */
static void
same_graph(const UnkgGraph* a, const UnkgGraph* b)
{
  ck_assert_uint_eq(a->n, b->n);
  for (size_t i = 0; i < a->n; ++i) {
    UnkgTriple x = unkg_graph_get(a, i), y = unkg_graph_get(b, i);
    ck_assert_int_eq(unkg_term_cmp(&x.s, &y.s), 0);
    ck_assert_int_eq(unkg_term_cmp(&x.p, &y.p), 0);
    ck_assert_int_eq(unkg_term_cmp(&x.o, &y.o), 0);
  }
}

/* The commitments of doc in the reverse order, their parents following:
 * no longer in the order of their parts, which the builder then takes
 * apart from them (graph.c, in_part_order). */
static void
reverse_commitments(UnkgDoc* doc)
{
  size_t n = doc->n_commitments;
  for (size_t i = 0; i < n / 2; ++i) {
    UnkgCommitment c            = doc->commitments[i];
    doc->commitments[i]         = doc->commitments[n - 1 - i];
    doc->commitments[n - 1 - i] = c;
  }
  for (size_t i = 0; i < n; ++i) {
    int* parent = &doc->commitments[i].parent;
    *parent     = *parent >= 0 ? (int)(n - 1) - *parent : -1;
  }
}

/* Whether the commitments of doc come in the order of their parts. */
static bool
commitments_in_part_order(const UnkgDoc* doc)
{
  for (size_t i = 1; i < doc->n_commitments; ++i) {
    if (doc->commitments[i].part < doc->commitments[i - 1].part) {
      return false;
    }
  }
  return true;
}

START_TEST(take_builds_the_same_graph)
{
  static const char* files[] = {"corpus/A_72_315.zh.txt", "corpus/A_RES_71_28.zh.txt"};
  for (size_t f = 0; f < 2; ++f) {
    UnkgDoc*   whole = tu_load_doc(files[f]);
    UnkgDoc*   taken = tu_load_doc(files[f]);
    UnkgGraph *a = NULL, *b = NULL;
    UnkgDiag   d = {0};
    ck_assert_uint_gt(taken->n_parts, 20);
    ck_assert_uint_gt(taken->n_commitments, 2);
    ck_assert(commitments_in_part_order(taken)); /* each built with its part */
    ck_assert_int_eq(unkg_build_graph(CTX(d), whole, "http://x", &a), UNKG_OK);
    ck_assert_int_eq(unkg_build_graph_take(CTX(d), &taken, "http://x", &b), UNKG_OK);
    ck_assert_ptr_null(taken);
    ck_assert_uint_gt(a->n, 300);
    /* Its IRIs held as what follows the document's, made whole again. */
    ck_assert_ptr_nonnull(b->base);
    ck_assert_int_eq(unkg_graph_expand(b), UNKG_OK);
    ck_assert_ptr_null(b->base);
    same_graph(a, b);
    /* Out of the order of their parts, the commitments are built first,
     * and make the same graph. */
    for (int take = 0; take < 2; ++take) {
      UnkgDoc*   rev = tu_load_doc(files[f]);
      UnkgGraph* c   = NULL;
      reverse_commitments(rev);
      ck_assert(!commitments_in_part_order(rev));
      if (take) {
        ck_assert_int_eq(unkg_build_graph_take(CTX(d), &rev, "http://x", &c), UNKG_OK);
        ck_assert_int_eq(unkg_graph_expand(c), UNKG_OK);
      } else {
        ck_assert_int_eq(unkg_build_graph(CTX(d), rev, "http://x", &c), UNKG_OK);
        unkg_doc_free(rev);
      }
      same_graph(a, c);
      unkg_graph_free(c);
    }
    unkg_graph_free(a);
    unkg_graph_free(b);
    unkg_doc_free(whole);
  }
}
END_TEST

/* The same past the steps in which the builder cuts the parts and the
 * commitments behind it and trims the heap (1,024 of each): the sample
 * resolution with 3,000 sub-items in its first operative paragraph, each a
 * request that names the paragraph's own as its parent. */
START_TEST(take_builds_the_same_graph_in_steps)
{
  static const char* intro = "1. 促请会员国：\n";
  char*              res   = tu_slurp("corpus/A_RES_71_28.zh.txt", NULL);
  char*              at    = strstr(res, intro);
  ck_assert_ptr_nonnull(at);
  at += strlen(intro);
  UnkgBuf text = {0};
  ck_assert_int_eq(unkg_buf_append(&text, res, (size_t)(at - res)), UNKG_OK);
  for (int k = 1; k <= 3000; ++k) {
    ck_assert_int_eq(unkg_buf_printf(&text, "\n(%d) 将报告作为指南；\n", k), UNKG_OK);
  }
  ck_assert_int_eq(unkg_buf_puts(&text, at), UNKG_OK);
  UnkgStatus st;
  UnkgDiag   d     = {0};
  UnkgDoc*   whole = tu_read_doc("A_RES_71_28.zh.txt", text.data, &st, &d);
  UnkgDoc*   taken = tu_read_doc("A_RES_71_28.zh.txt", text.data, &st, &d);
  ck_assert_ptr_nonnull(whole);
  ck_assert_ptr_nonnull(taken);
  ck_assert_uint_gt(taken->n_parts, 3000);
  ck_assert_uint_gt(taken->n_commitments, 3000);
  size_t children = 0;
  for (size_t i = 0; i < taken->n_commitments; ++i) {
    children += taken->commitments[i].parent >= 0;
  }
  ck_assert_uint_ge(children, 3000);
  ck_assert(commitments_in_part_order(taken)); /* each built with its part */
  UnkgGraph *a = NULL, *b = NULL;
  ck_assert_int_eq(unkg_build_graph(CTX(d), whole, "http://x", &a), UNKG_OK);
  ck_assert_int_eq(unkg_build_graph_take(CTX(d), &taken, "http://x", &b), UNKG_OK);
  ck_assert_ptr_null(taken);
  ck_assert_int_eq(unkg_graph_expand(b), UNKG_OK);
  ck_assert_uint_eq(a->n, b->n);
  for (size_t i = 0; i < a->n; ++i) {
    UnkgTriple x = unkg_graph_get(a, i), y = unkg_graph_get(b, i);
    ck_assert_int_eq(unkg_term_cmp(&x.s, &y.s), 0);
    ck_assert_int_eq(unkg_term_cmp(&x.p, &y.p), 0);
    ck_assert_int_eq(unkg_term_cmp(&x.o, &y.o), 0);
  }
  unkg_graph_free(a);
  unkg_graph_free(b);
  unkg_doc_free(whole);
  unkg_buf_clear(&text);
  free(res);
}
END_TEST

START_TEST(doc_iri_encodes)
{
  char* iri = unkg_doc_iri("http://x/", "A/RES/71/28 (a)");
  ck_assert_str_eq(iri, "http://x/doc/A/RES/71/28%20(a)");
  free(iri);
  /* Every byte, against the rule written out: up to the space, from 0x80
   * and <>"{}|\^`#?%[] percent-encoded in capitals, the rest as is. */
  char symbol[256];
  char want[3 * 255 + 16] = "http://x/doc/";
  size_t n = strlen(want);
  for (int c = 1; c < 256; ++c) {
    symbol[c - 1] = (char)c;
    if (c <= ' ' || c >= 0x80 || strchr("<>\"{}|\\^`#?%[]", c)) {
      n += (size_t)sprintf(want + n, "%%%02X", (unsigned)c);
    } else {
      want[n++] = (char)c;
    }
  }
  symbol[255] = want[n] = '\0';
  iri = unkg_doc_iri("http://x/", symbol);
  ck_assert_str_eq(iri, want);
  free(iri);
}
END_TEST

/* The committee comes resolved from the recognise stage, and the graph
 * carries what serialize names files after. */
START_TEST(resolution_graph)
{
  UnkgDoc* doc = tu_load_doc("corpus/A_RES_71_28.zh.txt");
  ck_assert_ptr_nonnull(doc->res.committee_org);
  ck_assert_str_eq(doc->res.committee_org->iri, UNKG_NS_ORG "FirstCommittee");
  UnkgGraph* g = NULL;
  UnkgDiag   d = {0};
  ck_assert_int_eq(unkg_build_graph(CTX(d), doc, "http://x", &g), UNKG_OK);
  ck_assert_str_eq(g->symbol, "A/RES/71/28");
  ck_assert_str_eq(g->lang, "zh");
  ck_assert_str_eq(g->name, "http://x/doc/A/RES/71/28@zh");
  bool committee = false;
  for (size_t i = 0; i < g->n; ++i) {
    const UnkgTriple  ti = unkg_graph_get(g, i);
    const UnkgTriple* t  = &ti;
    committee |= !strcmp(t->s.value, "http://x/doc/A/RES/71/28")
                 && !strcmp(t->p.value, U("committee"))
                 && !strcmp(t->o.value, UNKG_NS_ORG "FirstCommittee");
    ck_assert_int_ne(t->s.kind, UNKG_TERM_BLANK);
  }
  ck_assert(committee);
  unkg_graph_free(g);
  unkg_doc_free(doc);
}
END_TEST

/* ---- parsing ------------------------------------------------------------------ */

typedef struct {
  UnkgGraph* g;
  size_t     in_graph; /* triples inside an N-Quads graph */
  int        stop_after;
} Collect;

static UnkgStatus
collect(void* data, const UnkgTriple* t, const UnkgTerm* graph)
{
  Collect* c = data;
  c->in_graph += graph != NULL;
  if (c->stop_after && (int)c->g->n == c->stop_after) {
    return UNKG_ERR_LIMIT;
  }
  return unkg_graph_add(c->g, t);
}

START_TEST(parse_terms)
{
  tmp              = tu_tmpdir_make("triples");
  const char* path = tu_tmp_path("t.ttl",
                                 "@prefix x: <http://x/> .\n"
                                 "x:a x:p \"q\\\"t\"@en , \"1\"^^<http://example.org/dt> ;\n"
                                 "    x:q _:n , [ x:r x:c ] .\n");
  Collect     c    = {unkg_graph_new(), 0, 0};
  UnkgRdfSink sink = {collect, &c, "anon", NULL};
  UnkgDiag    d    = {0};
  ck_assert_int_eq(unkg_rdf_parse_file(CTX(d), path, NULL, &sink), UNKG_OK);
  unkg_graph_sort(c.g);
  ck_assert_uint_eq(c.g->n, 5);
  ck_assert_uint_eq(c.in_graph, 0);
  /* x:a x:p "1"^^dt, x:a x:p "q\"t"@en, x:a x:q _:anon1, x:a x:q _:n, _:anon1 x:r x:c */
  ck_assert_str_eq(unkg_graph_get(c.g, 0).o.value, "1");
  ck_assert_str_eq(unkg_graph_get(c.g, 0).o.datatype, "http://example.org/dt");
  ck_assert_str_eq(unkg_graph_get(c.g, 1).o.value, "q\"t");
  ck_assert_str_eq(unkg_graph_get(c.g, 1).o.lang, "en");
  ck_assert_int_eq(unkg_graph_get(c.g, 2).o.kind, UNKG_TERM_BLANK);
  ck_assert_str_eq(unkg_graph_get(c.g, 2).o.value, "anon1");
  ck_assert_str_eq(unkg_graph_get(c.g, 3).o.value, "n");
  ck_assert_int_eq(unkg_graph_get(c.g, 4).s.kind, UNKG_TERM_BLANK);
  ck_assert_str_eq(unkg_graph_get(c.g, 4).s.value, "anon1");
  unkg_graph_free(c.g);
  tu_tmpdir_remove();
}
END_TEST

START_TEST(parse_quads_by_extension)
{
  tmp              = tu_tmpdir_make("triples");
  const char* path = tu_tmp_path("t.nq",
                                 "<http://x/a> <http://x/p> <http://x/b> <http://x/g> .\n"
                                 "<http://x/a> <http://x/p> <http://x/c> .\n");
  Collect     c    = {unkg_graph_new(), 0, 0};
  UnkgRdfSink sink = {collect, &c, NULL, NULL};
  UnkgDiag    d    = {0};
  ck_assert_int_eq(unkg_rdf_parse_file(CTX(d), path, NULL, &sink), UNKG_OK);
  ck_assert_uint_eq(c.g->n, 2);
  ck_assert_uint_eq(c.in_graph, 1);
  unkg_graph_free(c.g);
  tu_tmpdir_remove();
}
END_TEST

START_TEST(parse_errors)
{
  tmp              = tu_tmpdir_make("triples");
  Collect     c    = {unkg_graph_new(), 0, 0};
  UnkgRdfSink sink = {collect, &c, NULL, NULL};
  UnkgDiag    d    = {0};
  ck_assert_int_eq(unkg_rdf_parse_file(CTX(d), tu_tmp_path("t.txt", "x"), NULL, &sink),
                   UNKG_ERR_USAGE);
  ck_assert_ptr_nonnull(strstr(d.msg, "unknown RDF syntax"));
  d = (UnkgDiag){0};
  ck_assert_int_eq(unkg_rdf_parse_file(CTX(d), "/nonexistent/t.ttl", NULL, &sink), UNKG_ERR_IO);
  ck_assert_str_eq(d.file, "/nonexistent/t.ttl");
  ck_assert_ptr_nonnull(strstr(d.msg, "cannot open"));
  const char* bad = tu_tmp_path("bad.ttl",
                                "@prefix x: <http://x/> .\nx:a x:b x:c .\nx:a x:b \"open .\n");
  d               = (UnkgDiag){0};
  ck_assert_int_eq(unkg_rdf_parse_file(CTX(d), bad, NULL, &sink), UNKG_ERR_SYNTAX);
  ck_assert_str_eq(d.file, bad);
  ck_assert_uint_eq(d.line, 3);
  ck_assert_ptr_nonnull(strstr(d.msg, "not valid turtle: "));
  /* Named data, named in the messages. */
  UnkgRdfSink named = {collect, &c, NULL, "reference data"};
  d                 = (UnkgDiag){0};
  ck_assert_int_eq(unkg_rdf_parse_file(CTX(d), bad, NULL, &named), UNKG_ERR_SYNTAX);
  ck_assert_uint_eq(d.line, 3);
  ck_assert_ptr_nonnull(strstr(d.msg, "reference data does not parse: "));
  d = (UnkgDiag){0};
  ck_assert_int_eq(unkg_rdf_parse_file(CTX(d), "/nonexistent/t.ttl", NULL, &named), UNKG_ERR_IO);
  ck_assert_str_eq(d.msg, "cannot open reference data");
  /* Turtle is not N-Triples, whatever the parser returns. */
  const char* wrong = tu_tmp_path("wrong.nt", "@prefix x: <http://x/> .\nx:a x:b x:c .\n");
  d                 = (UnkgDiag){0};
  ck_assert_int_eq(unkg_rdf_parse_file(CTX(d), wrong, NULL, &sink), UNKG_ERR_SYNTAX);
  ck_assert_ptr_nonnull(strstr(d.msg, "not valid ntriples"));
  /* The sink's refusal stops the parse and is the result. */
  const char* three = tu_tmp_path("three.nt",
                                  "<http://x/a> <http://x/p> \"1\" .\n"
                                  "<http://x/a> <http://x/p> \"2\" .\n"
                                  "<http://x/a> <http://x/p> \"3\" .\n");
  unkg_graph_free(c.g);
  c = (Collect){unkg_graph_new(), 0, 1};
  d = (UnkgDiag){0};
  ck_assert_int_eq(unkg_rdf_parse_file(CTX(d), three, NULL, &sink), UNKG_ERR_LIMIT);
  ck_assert_uint_eq(c.g->n, 1);
  unkg_graph_free(c.g);
  tu_tmpdir_remove();
}
END_TEST

static bool
has_object(const UnkgGraph* g, const char* value)
{
  for (size_t i = 0; i < g->n; ++i) {
    if (!strcmp(unkg_graph_get(g, i).o.value, value)) {
      return true;
    }
  }
  return false;
}

static bool any_file(const char* name);

/* The inode of the one file in dir: a parse writes the cache file anew. */
static ino_t
cache_inode(const char* dir)
{
  char** files = NULL;
  ck_assert_int_eq(unkg_dir_files(dir, any_file, &files, NULL), UNKG_OK);
  struct stat sb;
  ck_assert_int_eq(stat(files[0], &sb), 0);
  unkg_paths_free(files);
  return sb.st_ino;
}

static bool
any_file(const char* name)
{
  (void)name;
  return true;
}

static size_t
files_in(const char* dir)
{
  char** paths = NULL;
  size_t n     = 0;
  ck_assert_int_eq(unkg_dir_files(dir, any_file, &paths, &n), UNKG_OK);
  unkg_paths_free(paths);
  return n;
}

/* The same triples (and line of a refusal) from the cache as from the
 * parser; a changed file or a broken cache file is parsed again. */
START_TEST(parse_cache)
{
  tmp = tu_tmpdir_make("triples");
  char cache[256];
  snprintf(cache, sizeof cache, "%s/cache/unkg", tmp);
  setenv("UNKG_CACHE_DIR", cache, 1);
  const char* path = tu_tmp_path("c.ttl",
                                 "@prefix x: <http://x/> .\n"
                                 "x:a x:p \"one\"@en ;\n"
                                 "    x:q [ x:r <rel> ] .\n"
                                 "x:b x:p \"2\"^^<http://x/int> .\n");
  Collect     c[3] = {{unkg_graph_new(), 0, 0}, {unkg_graph_new(), 0, 0}, {unkg_graph_new(), 0, 0}};
  UnkgDiag    d    = {0};
  UnkgRdfSink plain = {collect, &c[0], "anon", NULL};
  ck_assert_int_eq(unkg_rdf_parse_file(CTX(d), path, NULL, &plain), UNKG_OK);
  ck_assert_int_ne(access(cache, F_OK), 0); /* the plain parse caches nothing */
  ino_t inode = 0;
  for (int k = 1; k < 3; ++k) { /* parsed and cached, then from the cache */
    UnkgRdfSink sink = {collect, &c[k], "anon", NULL};
    ck_assert_int_eq(unkg_rdf_parse_file_cached(CTX(d), path, NULL, &sink), UNKG_OK);
    ck_assert_uint_eq(files_in(cache), 1);
    if (k == 2) {
      ck_assert(cache_inode(cache) == inode);
    }
    inode = cache_inode(cache);
    ck_assert_uint_eq(c[k].g->n, 4);
    for (size_t i = 0; i < 4; ++i) {
      const UnkgTriple x = unkg_graph_get(c[0].g, i);
      const UnkgTriple y = unkg_graph_get(c[k].g, i);
      ck_assert_int_eq(unkg_term_cmp(&x.s, &y.s), 0);
      ck_assert_int_eq(unkg_term_cmp(&x.p, &y.p), 0);
      ck_assert_int_eq(unkg_term_cmp(&x.o, &y.o), 0);
    }
  }
  bool typed = false, resolved = false;
  for (size_t i = 0; i < c[2].g->n; ++i) {
    const UnkgTriple ot = unkg_graph_get(c[2].g, i);
    const UnkgTerm*  o  = &ot.o;
    typed |= o->datatype && !strcmp(o->datatype, "http://x/int");
    resolved |= !strncmp(o->value, "file://", 7) && strstr(o->value, "/rel"); /* against the file */
  }
  ck_assert(typed && resolved);
  /* The same size, other bytes: parsed again. */
  tu_tmp_path("c.ttl",
              "@prefix x: <http://x/> .\n"
              "x:a x:p \"two\"@en ;\n"
              "    x:q [ x:r <rel> ] .\n"
              "x:b x:p \"2\"^^<http://x/int> .\n");
  unkg_graph_free(c[1].g);
  c[1]             = (Collect){unkg_graph_new(), 0, 0};
  UnkgRdfSink sink = {collect, &c[1], "anon", NULL};
  ck_assert_int_eq(unkg_rdf_parse_file_cached(CTX(d), path, NULL, &sink), UNKG_OK);
  ck_assert(has_object(c[1].g, "two") && !has_object(c[1].g, "one"));
  ck_assert(cache_inode(cache) != inode);
  inode = cache_inode(cache);
  /* A cache file cut short is ignored. */
  char** files = NULL;
  ck_assert_int_eq(unkg_dir_files(cache, any_file, &files, NULL), UNKG_OK);
  ck_assert_int_eq(truncate(files[0], 40), 0);
  unkg_graph_free(c[1].g);
  c[1] = (Collect){unkg_graph_new(), 0, 0};
  ck_assert_int_eq(unkg_rdf_parse_file_cached(CTX(d), path, NULL, &sink), UNKG_OK);
  ck_assert_uint_eq(c[1].g->n, 4);
  ck_assert(has_object(c[1].g, "two") && !has_object(c[1].g, "one"));
  ck_assert(cache_inode(cache) != inode);
  /* The same name elsewhere takes the same cache file: relative IRIs then
   * resolve against the new place. */
  char other[256];
  snprintf(other, sizeof other, "%s/sub", tmp);
  ck_assert_int_eq(mkdir(other, 0700), 0);
  tu_tmp_path("sub/c.ttl", "@prefix x: <http://x/> .\nx:a x:q <rel> .\n");
  snprintf(other, sizeof other, "%s/sub/c.ttl", tmp);
  unkg_graph_free(c[1].g);
  c[1] = (Collect){unkg_graph_new(), 0, 0};
  ck_assert_int_eq(unkg_rdf_parse_file_cached(CTX(d), other, NULL, &sink), UNKG_OK);
  ck_assert_uint_eq(files_in(cache), 1);
  ck_assert_uint_eq(c[1].g->n, 1);
  ck_assert_ptr_nonnull(strstr(unkg_graph_get(c[1].g, 0).o.value, "/sub/rel"));
  /* A refusal from the cache names the line the parser named (the cache
   * made for path again first). */
  unkg_graph_free(c[1].g);
  c[1] = (Collect){unkg_graph_new(), 0, 0};
  ck_assert_int_eq(unkg_rdf_parse_file_cached(CTX(d), path, NULL, &sink), UNKG_OK);
  inode = cache_inode(cache);
  unsigned line[2];
  for (int k = 0; k < 2; ++k) {
    unkg_graph_free(c[1].g);
    c[1] = (Collect){unkg_graph_new(), 0, 3};
    d    = (UnkgDiag){0};
    ck_assert_int_eq(k ? unkg_rdf_parse_file_cached(CTX(d), path, NULL, &sink)
                       : unkg_rdf_parse_file(CTX(d), path, NULL, &sink),
                     UNKG_ERR_LIMIT);
    line[k] = d.line;
  }
  ck_assert_uint_gt(line[0], 1);
  ck_assert_uint_eq(line[0], line[1]);
  ck_assert(cache_inode(cache) == inode); /* the refusal came from the cache */
  unkg_paths_free(files);
  for (int k = 0; k < 3; ++k) {
    unkg_graph_free(c[k].g);
  }
  unsetenv("UNKG_CACHE_DIR");
  tu_tmpdir_remove();
}
END_TEST

static bool
is_ttl(const char* name)
{
  size_t n = strlen(name);
  return n > 4 && !strcmp(name + n - 4, ".ttl");
}

START_TEST(dir_files_sorted)
{
  tmp = tu_tmpdir_make("triples");
  tu_tmp_path("b.ttl", "");
  tu_tmp_path("a.ttl", "");
  tu_tmp_path(".hidden.ttl", "");
  tu_tmp_path("c.nt", "");
  char** paths = NULL;
  size_t n     = 0;
  ck_assert_int_eq(unkg_dir_files(tmp, is_ttl, &paths, &n), UNKG_OK);
  ck_assert_uint_eq(n, 2);
  char want[128];
  snprintf(want, sizeof want, "%s/a.ttl", tmp);
  ck_assert_str_eq(paths[0], want);
  ck_assert_ptr_null(paths[2]);
  unkg_paths_free(paths);
  ck_assert_int_eq(unkg_dir_files("/nonexistent", is_ttl, &paths, &n), UNKG_ERR_IO);
  ck_assert_ptr_null(paths);
  tu_tmpdir_remove();
}
END_TEST

/* The lexicon and `unkg load` list the data directory alike. */
START_TEST(reference_files)
{
  char**   paths = NULL;
  UnkgDiag d     = {0};
  ck_assert_int_eq(unkg_reference_files(CTX(d), getenv("UNKG_DATA_DIR"), true, &paths), UNKG_OK);
  size_t n = 0, ontology = 0;
  for (; paths[n]; ++n) {
    ck_assert_ptr_null(strstr(paths[n], "shapes"));
    ontology += strstr(paths[n], "/unkg.ttl") != NULL;
  }
  ck_assert_uint_eq(ontology, 1);
  unkg_paths_free(paths);
  ck_assert_int_eq(unkg_reference_files(CTX(d), getenv("UNKG_DATA_DIR"), false, &paths), UNKG_OK);
  size_t m = 0;
  for (; paths[m]; ++m) {
    ck_assert_ptr_null(strstr(paths[m], "/unkg.ttl"));
  }
  ck_assert_uint_eq(m + 1, n);
  unkg_paths_free(paths);
  ck_assert_int_eq(unkg_reference_files(CTX(d), "/nonexistent", false, &paths), UNKG_ERR_IO);
  ck_assert_str_eq(d.msg, "cannot open reference data directory");
}
END_TEST

static Suite*
triples_suite(void)
{
  Suite* s  = suite_create("triples");
  TCase* tc = tcase_create("triples");
  tcase_add_test(tc, free_null);
  tcase_add_test(tc, add_needs_values);
  tcase_add_test(tc, strings_held_once);
  tcase_add_test(tc, parse_cache);
  tcase_add_test(tc, terms_own_their_datatype);
  tcase_add_test(tc, terms_name_their_pair);
  tcase_add_test(tc, based_graph_as_plain);
  tcase_add_test(tc, sort_orders_and_dedupes);
  tcase_add_test(tc, terms_held_once_sort_by_content);
  tcase_add_test(tc, sort_many);
  tcase_add_test(tc, sort_terms_as_term_cmp);
  tcase_add_test(tc, sort_terms_hostile);
  tcase_add_test(tc, large_graph_keeps_terms_once);
  tcase_add_test(tc, packed_graph_as_added);
  tcase_add_test(tc, add_by_ids_as_added);
  tcase_add_test(tc, packed_graph_unpack_sorted);
  tcase_add_test(tc, recent_terms_by_value);
  tcase_add_test(tc, take_builds_the_same_graph);
  tcase_add_test(tc, take_builds_the_same_graph_in_steps);
  tcase_add_test(tc, doc_iri_encodes);
  tcase_add_test(tc, resolution_graph);
  suite_add_tcase(s, tc);
  TCase* parse = tcase_create("parse");
  tcase_add_test(parse, parse_terms);
  tcase_add_test(parse, parse_quads_by_extension);
  tcase_add_test(parse, parse_errors);
  tcase_add_test(parse, dir_files_sorted);
  tcase_add_test(parse, reference_files);
  suite_add_tcase(s, parse);
  return s;
}

int
main(void)
{
  return tu_run(triples_suite());
}
