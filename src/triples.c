#include "triples.h"

#include "buf.h"
#include "vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

UnkgGraph*
unkg_graph_new(void)
{
  return calloc(1, sizeof(UnkgGraph));
}

static void
term_clear(UnkgTerm* t)
{
  free(t->value);
  free(t->lang);
  free(t->datatype);
}

static void
triple_clear(UnkgTriple* t)
{
  term_clear(&t->s);
  term_clear(&t->p);
  term_clear(&t->o);
}

void
unkg_graph_free(UnkgGraph* g)
{
  if (!g) {
    return;
  }
  for (size_t i = 0; i < g->n; ++i) {
    triple_clear(&g->v[i]);
  }
  free(g->v);
  free(g->name);
  free(g->symbol);
  free(g->lang);
  free(g);
}

static UnkgStatus
term_copy(UnkgTerm* to, const UnkgTerm* from)
{
  *to = (UnkgTerm){from->kind, unkg_strdup(from->value), from->lang ? unkg_strdup(from->lang) : NULL,
                   from->datatype ? unkg_strdup(from->datatype) : NULL};
  if (!to->value || (from->lang && !to->lang) || (from->datatype && !to->datatype)) {
    term_clear(to);
    *to = (UnkgTerm){0, NULL, NULL, NULL}; /* the caller clears the triple again */
    return UNKG_ERR_NOMEM;
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
  if (term_copy(&c.s, &t->s) || term_copy(&c.p, &t->p) || term_copy(&c.o, &t->o)) {
    triple_clear(&c);
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
  return strcmp(a ? a : "", b ? b : "");
}

int
unkg_term_cmp(const UnkgTerm* a, const UnkgTerm* b)
{
  int c;
  if (a->kind != b->kind) {
    return a->kind < b->kind ? -1 : 1;
  }
  if ((c = strcmp(a->value, b->value)) || (c = cmp_opt(a->lang, b->lang))) {
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
    if (cmp_triple(&g->v[w - 1], &g->v[r]) == 0) {
      triple_clear(&g->v[r]);
    } else {
      g->v[w++] = g->v[r];
    }
  }
  g->n = w;
}
