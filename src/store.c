#include "store.h"

#include "buf.h"
#include "vocab.h"

#include <raptor2.h>
#include <redland.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct UnkgStoreImpl {
  librdf_world*   world;
  librdf_storage* storage;
  librdf_model*   model;
  char*           path;
};

void
unkg_store_free(UnkgStore* s)
{
  if (!s) {
    return;
  }
  if (s->model) {
    librdf_free_model(s->model);
  }
  if (s->storage) {
    librdf_free_storage(s->storage);
  }
  if (s->world) {
    librdf_free_world(s->world);
  }
  free(s->path);
  free(s);
}

UnkgStatus
unkg_store_open(const char* path, UnkgStore** out, UnkgDiag* d)
{
  *out         = NULL;
  UnkgStore* s = calloc(1, sizeof *s);
  if (!s || !(s->path = unkg_strdup(path)) || !(s->world = librdf_new_world())) {
    unkg_store_free(s);
    return UNKG_ERR_NOMEM;
  }
  librdf_world_open(s->world);
  struct stat sb;
  bool        exists = stat(path, &sb) == 0;
  if (exists && !S_ISREG(sb.st_mode)) {
    unkg_diag_set(d, path, 0, "not a store file");
    unkg_store_free(s);
    return UNKG_ERR_IO;
  }
  s->storage = librdf_new_storage(s->world, "sqlite", path,
                                  exists ? "new='no',contexts='yes'" : "new='yes',contexts='yes'");
  if (!s->storage) {
    unkg_diag_set(d, path, 0, "cannot open the store (is librdf-storage-sqlite installed?)");
    unkg_store_free(s);
    return UNKG_ERR_IO;
  }
  if (!(s->model = librdf_new_model(s->world, s->storage, NULL))) {
    unkg_diag_set(d, path, 0, "cannot open the store's model");
    unkg_store_free(s);
    return UNKG_ERR_RDF;
  }
  *out = s;
  return UNKG_OK;
}

void*
unkg_store_world(UnkgStore* s)
{
  return s->world;
}

void*
unkg_store_model(UnkgStore* s)
{
  return s->model;
}

/* Blank nodes (the ontology has a few) travel as "_:id" strings. */
static librdf_node*
node(librdf_world* w, const char* s)
{
  if (!strncmp(s, "_:", 2)) {
    return librdf_new_node_from_blank_identifier(w, (const unsigned char*)s + 2);
  }
  return librdf_new_node_from_uri_string(w, (const unsigned char*)s);
}

UnkgStatus
unkg_store_put(UnkgStore* s, const UnkgGraph* g, const char* name, UnkgDiag* d)
{
  const char*  graph = name ? name : g->name;
  librdf_node* ctx   = librdf_new_node_from_uri_string(s->world, (const unsigned char*)graph);
  if (!ctx) {
    return UNKG_ERR_NOMEM;
  }
  UnkgStatus st = UNKG_OK;
  /* One transaction per graph: all of the document or none of it, and one
   * commit instead of one per triple. */
  bool in_tx = librdf_model_transaction_start(s->model) == 0;
  if (librdf_model_context_remove_statements(s->model, ctx)) {
    unkg_diag_set(d, s->path, 0, "cannot clear graph <%s>", graph);
    st = UNKG_ERR_RDF;
  }
  for (size_t i = 0; i < g->n && !st; ++i) {
    const UnkgTriple* t  = &g->v[i];
    librdf_node*      sn = node(s->world, t->s);
    librdf_node*      pn = librdf_new_node_from_uri_string(s->world, (const unsigned char*)t->p);
    librdf_node*      on = NULL;
    if (t->o_iri) {
      on = node(s->world, t->o);
    } else {
      librdf_uri* dt = t->datatype ? librdf_new_uri(s->world, (const unsigned char*)t->datatype) : NULL;
      on = librdf_new_node_from_typed_literal(s->world, (const unsigned char*)t->o, t->lang, dt);
      if (dt) {
        librdf_free_uri(dt);
      }
    }
    librdf_statement* stmt = sn && pn && on ? librdf_new_statement_from_nodes(s->world, sn, pn, on) : NULL;
    if (!stmt) {
      /* from_nodes took ownership only if it succeeded */
      if (sn) librdf_free_node(sn);
      if (pn) librdf_free_node(pn);
      if (on) librdf_free_node(on);
      st = UNKG_ERR_NOMEM;
      break;
    }
    if (librdf_model_context_add_statement(s->model, ctx, stmt)) {
      unkg_diag_set(d, s->path, 0, "cannot add to graph <%s>", graph);
      st = UNKG_ERR_RDF;
    }
    librdf_free_statement(stmt);
  }
  if (in_tx) {
    if (st) {
      librdf_model_transaction_rollback(s->model);
    } else if (librdf_model_transaction_commit(s->model)) {
      unkg_diag_set(d, s->path, 0, "cannot commit graph <%s>", graph);
      st = UNKG_ERR_RDF;
    }
  }
  librdf_free_node(ctx);
  return st;
}

UnkgStatus
unkg_store_size(UnkgStore* s, size_t* triples, size_t* graphs)
{
  int n     = librdf_model_size(s->model);
  *triples  = n > 0 ? (size_t)n : 0;
  *graphs   = 0;
  librdf_iterator* it = librdf_model_get_contexts(s->model);
  for (; it && !librdf_iterator_end(it); librdf_iterator_next(it)) {
    ++*graphs;
  }
  if (it) {
    librdf_free_iterator(it);
  }
  return UNKG_OK;
}

/* ---- reading RDF files ------------------------------------------------------- */

typedef struct {
  UnkgGraphSet* set;
  const char*   fallback;
  UnkgStatus    st;
  UnkgDiag*     d;
  const char*   path;
  bool          failed;
} ReadCtx;

static UnkgGraph*
graph_named(ReadCtx* c, const char* name)
{
  for (size_t i = 0; i < c->set->n; ++i) {
    if (!strcmp(c->set->graphs[i]->name ? c->set->graphs[i]->name : "", name)) {
      return c->set->graphs[i];
    }
  }
  UnkgGraph** v = realloc(c->set->graphs, (c->set->n + 1) * sizeof *v);
  if (!v) {
    return NULL;
  }
  c->set->graphs = v;
  UnkgGraph* g   = unkg_graph_new("");
  if (!g || !(g->name = unkg_strdup(name))) {
    unkg_graph_free(g);
    return NULL;
  }
  v[c->set->n++] = g;
  return g;
}

static char*
term_string(raptor_term* t)
{
  if (t->type == RAPTOR_TERM_TYPE_URI) {
    return unkg_strdup((const char*)raptor_uri_as_string(t->value.uri));
  }
  if (t->type == RAPTOR_TERM_TYPE_BLANK) {
    UnkgBuf b = {0};
    if (unkg_buf_printf(&b, "_:%s", (const char*)t->value.blank.string)) {
      unkg_buf_clear(&b);
      return NULL;
    }
    return unkg_buf_take(&b);
  }
  return unkg_strdup((const char*)t->value.literal.string);
}

static void
on_statement(void* data, raptor_statement* t)
{
  ReadCtx* c = data;
  if (c->st) {
    return;
  }
  const char* gname = "";
  char*       gbuf  = t->graph ? term_string(t->graph) : NULL;
  if (gbuf) {
    gname = gbuf;
  }
  UnkgGraph* g = graph_named(c, gname);
  char*      s = term_string(t->subject);
  char*      p = term_string(t->predicate);
  char*      o = term_string(t->object);
  if (!g || !s || !p || !o) {
    c->st = UNKG_ERR_NOMEM;
  } else if (t->object->type == RAPTOR_TERM_TYPE_LITERAL) {
    /* The graph keeps a datatype pointer it does not own: intern the few
     * datatypes an export uses, else keep the lexical form plain. */
    static const char* known[] = {XSD_INTEGER, XSD_DATE, XSD_GYEAR, XSD_DECIMAL,
                                  NS_XSD "gYearMonth", NS_XSD "boolean", NS_XSD "string",
                                  NS_RDF "langString", NS_XSD "anyURI", NS_XSD "dateTime"};
    const char* dt = NULL;
    if (t->object->value.literal.datatype) {
      const char* want = (const char*)raptor_uri_as_string(t->object->value.literal.datatype);
      for (size_t i = 0; i < sizeof known / sizeof *known; ++i) {
        if (!strcmp(want, known[i])) {
          dt = known[i];
        }
      }
    }
    c->st = unkg_graph_add_lit(g, s, p, o, (const char*)t->object->value.literal.language, dt);
  } else {
    c->st = unkg_graph_add_iri(g, s, p, o);
  }
  free(s);
  free(p);
  free(o);
  free(gbuf);
}

static void
on_log(void* data, raptor_log_message* m)
{
  ReadCtx* c = data;
  if (m->level >= RAPTOR_LOG_LEVEL_ERROR && !c->failed) {
    c->failed = true;
    unkg_diag_set(c->d, c->path, m->locator && m->locator->line > 0 ? (unsigned)m->locator->line : 0,
                  "does not parse: %s", m->text);
  }
}

static const char*
syntax_of(const char* path)
{
  const char* dot = strrchr(path, '.');
  if (!dot) {
    return NULL;
  }
  if (!strcmp(dot, ".ttl")) return "turtle";
  if (!strcmp(dot, ".rdf") || !strcmp(dot, ".owl") || !strcmp(dot, ".xml")) return "rdfxml";
  if (!strcmp(dot, ".nt")) return "ntriples";
  if (!strcmp(dot, ".nq")) return "nquads";
  return NULL;
}

int
unkg_is_rdf_file(const char* path)
{
  return syntax_of(path) != NULL;
}

/* The graph name of a file without one: the expression it describes. */
static const char*
expression_of(const UnkgGraph* g)
{
  for (size_t i = 0; i < g->n; ++i) {
    if (g->v[i].o_iri && !strcmp(g->v[i].p, RDF_TYPE) && !strcmp(g->v[i].o, UNKG_NS "Expression")) {
      return g->v[i].s;
    }
  }
  return NULL;
}

void
unkg_graph_set_clear(UnkgGraphSet* set)
{
  for (size_t i = 0; i < set->n; ++i) {
    unkg_graph_free(set->graphs[i]);
  }
  free(set->graphs);
  set->graphs = NULL;
  set->n      = 0;
}

UnkgStatus
unkg_read_rdf(const char* path, const char* fallback, UnkgGraphSet* out, UnkgDiag* d)
{
  const char* syntax = syntax_of(path);
  if (!syntax) {
    unkg_diag_set(d, path, 0, "not an RDF file (.ttl, .rdf, .nt or .nq)");
    return UNKG_ERR_USAGE;
  }
  FILE* f = fopen(path, "rb");
  if (!f) {
    unkg_diag_set(d, path, 0, "cannot open");
    return UNKG_ERR_IO;
  }
  raptor_world* world = raptor_new_world();
  ReadCtx       c     = {out, fallback, UNKG_OK, d, path, false};
  if (!world || raptor_world_open(world)) {
    fclose(f);
    if (world) {
      raptor_free_world(world);
    }
    return UNKG_ERR_RDF;
  }
  raptor_world_set_log_handler(world, &c, on_log);
  raptor_parser* parser = raptor_new_parser(world, syntax);
  unsigned char* uri_s  = raptor_uri_filename_to_uri_string(path);
  raptor_uri*    base   = uri_s ? raptor_new_uri(world, uri_s) : NULL;
  if (!parser || !base) {
    c.st = UNKG_ERR_NOMEM;
  } else {
    raptor_parser_set_statement_handler(parser, &c, on_statement);
    if (raptor_parser_parse_file_stream(parser, f, path, base) && !c.failed) {
      c.failed = true;
      unkg_diag_set(d, path, 0, "does not parse");
    }
  }
  fclose(f);
  if (base) {
    raptor_free_uri(base);
  }
  raptor_free_memory(uri_s);
  raptor_free_parser(parser);
  raptor_free_world(world);
  if (!c.st && c.failed) {
    c.st = UNKG_ERR_SYNTAX;
  }
  /* Triples outside any N-Quads graph go to the expression they describe,
   * else to the fallback name. */
  for (size_t i = 0; !c.st && i < out->n; ++i) {
    UnkgGraph* g = out->graphs[i];
    if (!g->name[0]) {
      const char* e    = expression_of(g);
      char*       name = unkg_strdup(e ? e : fallback);
      if (!name) {
        c.st = UNKG_ERR_NOMEM;
      } else {
        free(g->name);
        g->name = name;
      }
    }
  }
  if (c.st) {
    unkg_graph_set_clear(out);
  }
  return c.st;
}

UnkgStatus
unkg_store_load_file(UnkgStore* s, const char* path, const char* fallback, size_t* n, UnkgDiag* d)
{
  UnkgGraphSet set = {0};
  UnkgStatus   st  = unkg_read_rdf(path, fallback, &set, d);
  *n               = 0;
  for (size_t i = 0; !st && i < set.n; ++i) {
    st = unkg_store_put(s, set.graphs[i], NULL, d);
    *n += set.graphs[i]->n;
  }
  unkg_graph_set_clear(&set);
  return st;
}
