#include "triples.h"

#include "buf.h"
#include "vocab.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the strings of a graph ------------------------------------------------ */

/* A graph says the same few predicates, subjects, datatypes and languages
 * over and over: each distinct string is stored once, in chunks, and found
 * again through an open-addressing table.  That keeps a graph at about a
 * third of the memory one allocation per string took, and frees it at
 * once. */

/* A stored string: its hash and length, then its bytes and a NUL. */
typedef struct {
  uint64_t hash;
  size_t   len;
  char     s[];
} Str;

typedef struct Chunk {
  struct Chunk* next;
  size_t        used, size;
  _Alignas(8) char data[];
} Chunk;

struct UnkgStringsImpl {
  Chunk* chunks; /* the first has room left; the others are full */
  Str**  slots;  /* cap of them, a power of two, at most half used */
  size_t n, cap;
};

enum { CHUNK_SIZE = 64 * 1024 };

static const Str*
str_of(const char* s)
{
  return (const Str*)(const void*)(s - offsetof(Str, s));
}

static void
strings_free(UnkgStrings* t)
{
  if (t) {
    for (Chunk* c = t->chunks; c;) {
      Chunk* next = c->next;
      free(c);
      c = next;
    }
    free(t->slots);
    free(t);
  }
}

static Str*
str_alloc(UnkgStrings* t, size_t len)
{
  size_t need = (offsetof(Str, s) + len + 1 + 7) & ~(size_t)7;
  Chunk* c    = t->chunks;
  if (!c || c->size - c->used < need) {
    size_t size  = need > CHUNK_SIZE / 4 ? need : CHUNK_SIZE;
    Chunk* fresh = malloc(offsetof(Chunk, data) + size);
    if (!fresh) {
      return NULL;
    }
    fresh->used = 0;
    fresh->size = size;
    if (c && size != CHUNK_SIZE) {
      /* A long string gets a chunk of its own, behind the one still filling. */
      fresh->next = c->next;
      c->next     = fresh;
    } else {
      fresh->next = c;
      t->chunks   = fresh;
    }
    c = fresh;
  }
  Str* str = (Str*)(void*)(c->data + c->used);
  c->used += need;
  return str;
}

static UnkgStatus
strings_grow(UnkgStrings* t)
{
  size_t cap   = t->cap ? t->cap * 2 : 1024;
  Str**  slots = calloc(cap, sizeof *slots);
  if (!slots) {
    return UNKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < t->cap; ++i) {
    if (t->slots[i]) {
      size_t k = t->slots[i]->hash & (cap - 1);
      while (slots[k]) {
        k = (k + 1) & (cap - 1);
      }
      slots[k] = t->slots[i];
    }
  }
  free(t->slots);
  t->slots = slots;
  t->cap   = cap;
  return UNKG_OK;
}

/* The graph's copy of s, stored now if it is new; NULL when out of memory. */
static char*
intern(UnkgGraph* g, const char* s)
{
  if (!g->strings && !(g->strings = calloc(1, sizeof *g->strings))) {
    return NULL;
  }
  UnkgStrings* t = g->strings;
  if (2 * (t->n + 1) > t->cap && strings_grow(t)) {
    return NULL;
  }
  size_t   len = strlen(s);
  uint64_t h   = unkg_hash_fast(s, len);
  size_t   k   = h & (t->cap - 1);
  for (; t->slots[k]; k = (k + 1) & (t->cap - 1)) {
    Str* old = t->slots[k];
    if (old->hash == h && old->len == len && !memcmp(old->s, s, len)) {
      return old->s;
    }
  }
  Str* str = str_alloc(t, len);
  if (!str) {
    return NULL;
  }
  str->hash = h;
  str->len  = len;
  memcpy(str->s, s, len + 1);
  t->slots[k] = str;
  ++t->n;
  return str->s;
}

int
unkg_graph_each_string(const UnkgGraph* g, int (*fn)(void* data, const char* s, size_t len),
                       void*            data)
{
  const UnkgStrings* t = g ? g->strings : NULL;
  for (size_t i = 0; t && i < t->cap; ++i) {
    int r = t->slots[i] ? fn(data, t->slots[i]->s, t->slots[i]->len) : 0;
    if (r) {
      return r;
    }
  }
  return 0;
}

uint64_t
unkg_graph_hash(const UnkgGraph* g)
{
  uint64_t h = 0;
  for (size_t i = 0; i < g->n; ++i) {
    const UnkgTerm* t[] = {&g->v[i].s, &g->v[i].p, &g->v[i].o};
    for (int k = 0; k < 3; ++k) {
      const char* f[] = {t[k]->value, t[k]->lang, t[k]->datatype};
      for (int j = 0; j < 3; ++j) {
        h = (h ^ (f[j] ? str_of(f[j])->hash : 0)) * 0x100000001B3u + (uint64_t)t[k]->kind;
      }
    }
  }
  return h;
}

/* ---- the graph ---------------------------------------------------------------- */

UnkgGraph*
unkg_graph_new(void)
{
  return calloc(1, sizeof(UnkgGraph));
}

void
unkg_graph_reset(UnkgGraph* g)
{
  if (g) {
    g->n = 0;
    strings_free(g->strings);
    g->strings = NULL;
  }
}

void
unkg_graph_free(UnkgGraph* g)
{
  if (!g) {
    return;
  }
  strings_free(g->strings);
  free(g->v);
  free(g->name);
  free(g->symbol);
  free(g->lang);
  free(g);
}

static UnkgStatus
term_copy(UnkgGraph* g, UnkgTerm* to, const UnkgTerm* from)
{
  *to = (UnkgTerm){from->kind, intern(g, from->value), from->lang ? intern(g, from->lang) : NULL,
                   from->datatype ? intern(g, from->datatype) : NULL};
  if (!to->value || (from->lang && !to->lang) || (from->datatype && !to->datatype)) {
    return UNKG_ERR_NOMEM; /* what was stored stays with the graph */
  }
  return UNKG_OK;
}

UnkgStatus
unkg_graph_add(UnkgGraph* g, const UnkgTriple* t)
{
  if (!t->s.value || !t->p.value || !t->o.value) {
    return UNKG_ERR_USAGE;
  }
  if (g->n == g->cap) {
    size_t      cap = g->cap ? g->cap * 2 : 256;
    UnkgTriple* v   = realloc(g->v, cap * sizeof *v);
    if (!v) {
      return UNKG_ERR_NOMEM;
    }
    g->v   = v;
    g->cap = cap;
  }
  UnkgTriple c = {{0}, {0}, {0}};
  if (term_copy(g, &c.s, &t->s) || term_copy(g, &c.p, &t->p) || term_copy(g, &c.o, &t->o)) {
    return UNKG_ERR_NOMEM;
  }
  g->v[g->n++] = c;
  return UNKG_OK;
}

/* The terms below only borrow the caller's strings: unkg_graph_add copies. */
static UnkgTerm
iri(const char* s)
{
  return (UnkgTerm){UNKG_TERM_IRI, (char*)s, NULL, NULL};
}

UnkgStatus
unkg_graph_add_iri(UnkgGraph* g, const char* s, const char* p, const char* o)
{
  UnkgTriple t = {iri(s), iri(p), iri(o)};
  return unkg_graph_add(g, &t);
}

UnkgStatus
unkg_graph_add_lit(UnkgGraph* g, const char* s, const char* p, const char* value, const char* lang,
                   const char* datatype)
{
  UnkgTriple t = {iri(s), iri(p), {UNKG_TERM_LITERAL, (char*)value, (char*)lang, (char*)datatype}};
  return unkg_graph_add(g, &t);
}

UnkgStatus
unkg_graph_add_int(UnkgGraph* g, const char* s, const char* p, long value)
{
  char buf[32];
  snprintf(buf, sizeof buf, "%ld", value); /* canonical xsd:integer */
  return unkg_graph_add_lit(g, s, p, buf, NULL, XSD_INTEGER);
}

static int
cmp_opt(const char* a, const char* b)
{
  return a == b ? 0 : strcmp(a ? a : "", b ? b : "");
}

int
unkg_term_cmp(const UnkgTerm* a, const UnkgTerm* b)
{
  int c;
  if (a->kind != b->kind) {
    return a->kind < b->kind ? -1 : 1;
  }
  /* The strings of one graph are stored once: the same pointer is the
   * same string, the common case of subjects and predicates. */
  if ((a->value != b->value && (c = strcmp(a->value, b->value))) || (c = cmp_opt(a->lang, b->lang))) {
    return c;
  }
  return cmp_opt(a->datatype, b->datatype);
}

static int
cmp_triple(const void* a, const void* b)
{
  const UnkgTriple* x = a;
  const UnkgTriple* y = b;
  int               c;
  if ((c = unkg_term_cmp(&x->s, &y->s)) || (c = unkg_term_cmp(&x->p, &y->p))) {
    return c;
  }
  return unkg_term_cmp(&x->o, &y->o);
}

void
unkg_graph_sort(UnkgGraph* g)
{
  if (g->n < 2) {
    return;
  }
  qsort(g->v, g->n, sizeof *g->v, cmp_triple);
  size_t w = 1;
  for (size_t r = 1; r < g->n; ++r) {
    if (cmp_triple(&g->v[w - 1], &g->v[r]) != 0) {
      g->v[w++] = g->v[r];
    }
  }
  g->n = w;
}
