#include "store_impl.h"

#include "buf.h"
#include "rdfio.h"
#include "vocab.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int
on_log(void* data, librdf_log_message* m)
{
  UnkgStore*      s   = data;
  raptor_locator* loc = librdf_log_message_locator(m);
  const char*     msg = librdf_log_message_message(m);
  if (librdf_log_message_level(m) < LIBRDF_LOG_ERROR) {
    unkg_warning(s->c, loc && loc->line > 0 ? (unsigned)loc->line : 0,
                 loc && loc->line > 0 && loc->column > 0 ? (unsigned)loc->column : 0, "%s",
                 msg ? msg : "");
    return 1;
  }
  if (!s->failed) {
    s->failed = true;
    s->line   = loc ? loc->line : -1;
    s->column = loc ? loc->column : -1;
    snprintf(s->msg, sizeof s->msg, "%s", msg ? msg : "unknown error");
  }
  return 1; /* handled: Redland prints nothing itself */
}

void
unkg_store_begin(UnkgStore* s, const UnkgCtx* c)
{
  s->c      = c;
  s->failed = false;
  s->line   = -1;
  s->column = -1;
  s->msg[0] = '\0';
}

UnkgStatus
unkg_store_end(UnkgStore* s, UnkgStatus st)
{
  s->c = NULL;
  return st;
}

UnkgStore*
unkg_store_new(void)
{
  UnkgStore* s = calloc(1, sizeof *s);
  if (!s || !(s->world = librdf_new_world())) {
    free(s);
    return NULL;
  }
  librdf_world_set_logger(s->world, s, on_log);
  librdf_world_open(s->world);
  s->storage = librdf_new_storage(s->world, "hashes", "unkg",
                                  "hash-type='memory',index-predicates='yes'");
  s->model   = s->storage ? librdf_new_model(s->world, s->storage, NULL) : NULL;
  if (!s->model) {
    unkg_store_free(s);
    return NULL;
  }
  unkg_store_begin(s, NULL);
  return s;
}

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

size_t
unkg_store_size(UnkgStore* s)
{
  int n = librdf_model_size(s->model);
  return n < 0 ? 0 : (size_t)n;
}

/* ---- loading ---------------------------------------------------------------- */

static librdf_node*
node_of(UnkgStore* s, const UnkgTerm* t)
{
  switch (t->kind) {
  case UNKG_TERM_IRI:
    return librdf_new_node_from_uri_string(s->world, (const unsigned char*)t->value);
  case UNKG_TERM_BLANK:
    return librdf_new_node_from_blank_identifier(s->world, (const unsigned char*)t->value);
  case UNKG_TERM_LITERAL: {
    librdf_uri* dt = t->datatype ? librdf_new_uri(s->world, (const unsigned char*)t->datatype) : NULL;
    if (t->datatype && !dt) {
      return NULL;
    }
    librdf_node* n = librdf_new_node_from_typed_literal(s->world, (const unsigned char*)t->value,
                                                        t->lang, dt);
    if (dt) {
      librdf_free_uri(dt);
    }
    return n;
  }
  }
  return NULL;
}

static librdf_statement*
statement_of(UnkgStore* s, const UnkgTriple* t)
{
  librdf_node* sn = node_of(s, &t->s);
  librdf_node* pn = node_of(s, &t->p);
  librdf_node* on = node_of(s, &t->o);
  if (!sn || !pn || !on) {
    librdf_node* made[] = {sn, pn, on};
    for (size_t i = 0; i < 3; ++i) {
      if (made[i]) {
        librdf_free_node(made[i]);
      }
    }
    return NULL;
  }
  /* frees the nodes itself if it fails */
  return librdf_new_statement_from_nodes(s->world, sn, pn, on);
}

static UnkgStatus
add_parsed(void* data, const UnkgTriple* t, const UnkgTerm* graph)
{
  UnkgStore*        s    = data;
  librdf_statement* stmt = statement_of(s, t);
  (void)graph; /* the query store has the default graph only */
  if (!stmt) {
    return UNKG_ERR_NOMEM;
  }
  int failed = librdf_model_add_statement(s->model, stmt);
  librdf_free_statement(stmt);
  return failed ? UNKG_ERR_RDF : UNKG_OK;
}

/* A label prefix no blank node of the store has yet: the anonymous nodes
 * of two files stay apart.  (Labelled ones meet, as Redland's parser had
 * them do.) */
static char*
new_anon_prefix(UnkgStore* s)
{
  librdf_node* fresh = librdf_new_node_from_blank_identifier(s->world, NULL);
  const char*  id    = fresh ? (const char*)librdf_node_get_blank_identifier(fresh) : NULL;
  UnkgBuf      b     = {0};
  if (!id || unkg_buf_printf(&b, "%s_", id)) {
    unkg_buf_clear(&b);
  }
  if (fresh) {
    librdf_free_node(fresh);
  }
  return unkg_buf_take(&b);
}

static UnkgStatus
load_file(const UnkgCtx* c, UnkgStore* s, const char* path)
{
  char*       anon = new_anon_prefix(s);
  UnkgRdfSink sink = {add_parsed, s, anon, NULL};
  if (!anon) {
    return unkg_error_in(c, path, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  unkg_store_begin(s, c);
  UnkgStatus st = unkg_rdf_parse_file(c, path, NULL, &sink);
  free(anon);
  return st;
}

static bool
any_rdf_file(const char* name)
{
  return unkg_is_rdf_file(name);
}

/* Every RDF file directly in dir, in name order so that loading (and thus
 * the order of unordered results) is the same on every machine. */
static UnkgStatus
load_dir(const UnkgCtx* c, UnkgStore* s, const char* dir)
{
  char**     names = NULL;
  size_t     n     = 0;
  UnkgStatus st    = unkg_dir_files(dir, any_rdf_file, &names, &n);
  if (st == UNKG_ERR_IO) {
    unkg_error_in(c, dir, st, 0, 0, "cannot open directory: %s", strerror(errno));
  } else if (st) {
    unkg_error_in(c, dir, st, 0, 0, "%s", unkg_strerror(st));
  } else if (!n) {
    st = unkg_error_in(c, dir, UNKG_ERR_IO, 0, 0,
                       "no RDF files (.ttl, .rdf, .owl, .nt, .nq) in this directory");
  }
  for (size_t i = 0; !st && i < n; ++i) {
    st = load_file(c, s, names[i]);
  }
  unkg_paths_free(names);
  return st;
}

UnkgStatus
unkg_store_load(const UnkgCtx* c, UnkgStore* s, const char* path)
{
  struct stat sb;
  if (stat(path, &sb)) {
    return unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "cannot open: %s", strerror(errno));
  }
  UnkgStatus st = S_ISDIR(sb.st_mode) ? load_dir(c, s, path) : load_file(c, s, path);
  return unkg_store_end(s, st);
}

/* ---- on disk ------------------------------------------------------------- */

UnkgStatus
unkg_store_open(const UnkgCtx* c, const char* path, UnkgStore** out)
{
  *out         = NULL;
  UnkgStore* s = calloc(1, sizeof *s);
  if (!s || !(s->path = unkg_strdup(path)) || !(s->world = librdf_new_world())) {
    unkg_store_free(s);
    return unkg_error_in(c, path, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  librdf_world_set_logger(s->world, s, on_log);
  unkg_store_begin(s, c);
  librdf_world_open(s->world);
  struct stat sb;
  bool        exists = stat(path, &sb) == 0;
  UnkgStatus  st     = UNKG_OK;
  if (exists && !S_ISREG(sb.st_mode)) {
    st = unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "not a store file");
  } else if (!(s->storage = librdf_new_storage(s->world, "sqlite", path,
                                               exists ? "new='no',contexts='yes'"
                                                      : "new='yes',contexts='yes'"))) {
    st = unkg_error_in(c, path, UNKG_ERR_IO, 0, 0,
                       "cannot open the store (is librdf-storage-sqlite installed?)");
  } else if (!(s->model = librdf_new_model(s->world, s->storage, NULL))) {
    st = unkg_error_in(c, path, UNKG_ERR_RDF, 0, 0, "cannot open the store's model");
  }
  unkg_store_end(s, st);
  if (st) {
    unkg_store_free(s);
    return st;
  }
  *out = s;
  return UNKG_OK;
}

UnkgStatus
unkg_store_put(const UnkgCtx* c, UnkgStore* s, const UnkgGraph* g, const char* name)
{
  if (!g) {
    return unkg_error_in(c, s->path, UNKG_ERR_USAGE, 0, 0, "no graph to store");
  }
  const char* graph = name ? name : g->name;
  unkg_store_begin(s, c);
  librdf_node* ctx = librdf_new_node_from_uri_string(s->world, (const unsigned char*)graph);
  if (!ctx) {
    return unkg_store_end(s, unkg_error_in(c, s->path, UNKG_ERR_NOMEM, 0, 0, "%s",
                                           unkg_strerror(UNKG_ERR_NOMEM)));
  }
  UnkgStatus st = UNKG_OK;
  /* One transaction per graph: all of the document or none of it, and one
   * commit instead of one per triple. */
  bool in_tx = librdf_model_transaction_start(s->model) == 0;
  if (librdf_model_context_remove_statements(s->model, ctx)) {
    st = unkg_error_in(c, s->path, UNKG_ERR_RDF, 0, 0, "cannot clear graph <%s>", graph);
  }
  for (size_t i = 0; i < g->n && !st; ++i) {
    librdf_statement* stmt = statement_of(s, &g->v[i]);
    if (!stmt) {
      st = unkg_error_in(c, s->path, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
      break;
    }
    if (librdf_model_context_add_statement(s->model, ctx, stmt)) {
      st = unkg_error_in(c, s->path, UNKG_ERR_RDF, 0, 0, "cannot add to graph <%s>", graph);
    }
    librdf_free_statement(stmt);
  }
  if (in_tx) {
    if (st) {
      librdf_model_transaction_rollback(s->model);
    } else if (librdf_model_transaction_commit(s->model)) {
      st = unkg_error_in(c, s->path, UNKG_ERR_RDF, 0, 0, "cannot commit graph <%s>", graph);
    }
  }
  librdf_free_node(ctx);
  return unkg_store_end(s, st);
}

size_t
unkg_store_graphs(UnkgStore* s)
{
  size_t           graphs = 0;
  librdf_iterator* it     = librdf_model_get_contexts(s->model);
  for (; it && !librdf_iterator_end(it); librdf_iterator_next(it)) {
    ++graphs;
  }
  if (it) {
    librdf_free_iterator(it);
  }
  return graphs;
}

UnkgStatus
unkg_store_copy(const UnkgCtx* c, UnkgStore* from, UnkgStore* to)
{
  const char* name = from->path ? from->path : "store";
  unkg_store_begin(from, c);
  unkg_store_begin(to, c);
  librdf_stream* stream = librdf_model_as_stream(from->model);
  UnkgStatus     st     = UNKG_OK;
  if (!stream) {
    st = unkg_error_in(c, name, UNKG_ERR_RDF, 0, 0, "cannot read the store");
  } else {
    int failed = librdf_model_add_statements(to->model, stream);
    librdf_free_stream(stream);
    if (failed) {
      st = unkg_error_in(c, name, UNKG_ERR_RDF, 0, 0, "cannot copy the store");
    }
  }
  unkg_store_end(to, st);
  return unkg_store_end(from, st);
}

/* ---- files into named graphs ----------------------------------------------- */

/* The triples of one file, by graph: "" for those outside any. */
typedef struct {
  UnkgGraph** v;
  size_t      n;
} GraphSet;

static void
graph_set_clear(GraphSet* set)
{
  for (size_t i = 0; i < set->n; ++i) {
    unkg_graph_free(set->v[i]);
  }
  free(set->v);
  set->v = NULL;
  set->n = 0;
}

static UnkgGraph*
graph_named(GraphSet* set, const char* name)
{
  for (size_t i = 0; i < set->n; ++i) {
    if (!strcmp(set->v[i]->name, name)) {
      return set->v[i];
    }
  }
  UnkgGraph** v = realloc(set->v, (set->n + 1) * sizeof(UnkgGraph*));
  if (!v) {
    return NULL;
  }
  set->v       = v;
  UnkgGraph* g = unkg_graph_new();
  if (!g || !(g->name = unkg_strdup(name))) {
    unkg_graph_free(g);
    return NULL;
  }
  v[set->n++] = g;
  return g;
}

static UnkgStatus
add_to_set(void* data, const UnkgTriple* t, const UnkgTerm* graph)
{
  GraphSet*  set  = data;
  UnkgBuf    name = {0};
  UnkgStatus st   = UNKG_OK;
  if (graph) {
    st = unkg_buf_printf(&name, "%s%s", graph->kind == UNKG_TERM_BLANK ? "_:" : "", graph->value);
  }
  UnkgGraph* g = st ? NULL : graph_named(set, name.data ? name.data : "");
  unkg_buf_clear(&name);
  return g ? unkg_graph_add(g, t) : UNKG_ERR_NOMEM;
}

/* The graph name of a file without one: the expression it describes. */
static const char*
expression_of(const UnkgGraph* g)
{
  for (size_t i = 0; i < g->n; ++i) {
    const UnkgTriple* t = &g->v[i];
    if (t->o.kind == UNKG_TERM_IRI && !strcmp(t->p.value, RDF_TYPE)
        && !strcmp(t->o.value, U("Expression"))) {
      return t->s.value;
    }
  }
  return NULL;
}

UnkgStatus
unkg_store_load_graphs(const UnkgCtx* c, UnkgStore* s, const char* path, const char* fallback,
                       size_t* n)
{
  GraphSet    set  = {NULL, 0};
  UnkgRdfSink sink = {add_to_set, &set, NULL, NULL};
  UnkgStatus  st   = unkg_rdf_parse_file(c, path, NULL, &sink);
  /* Triples outside any N-Quads graph go to the expression they describe,
   * else to the fallback name. */
  for (size_t i = 0; !st && i < set.n; ++i) {
    UnkgGraph* g = set.v[i];
    if (!g->name[0]) {
      const char* e    = expression_of(g);
      char*       name = unkg_strdup(e ? e : fallback);
      if (!name) {
        st = unkg_error_in(c, path, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
      } else {
        free(g->name);
        g->name = name;
      }
    }
  }
  *n = 0;
  for (size_t i = 0; !st && i < set.n; ++i) {
    st = unkg_store_put(c, s, set.v[i], NULL);
    *n += set.v[i]->n;
  }
  graph_set_clear(&set);
  return st;
}

static UnkgStatus
add_to_graph(void* data, const UnkgTriple* t, const UnkgTerm* graph)
{
  (void)graph;
  return unkg_graph_add(data, t);
}

UnkgStatus
unkg_store_put_files(const UnkgCtx* c, UnkgStore* s, char* const* paths, const char* name)
{
  UnkgGraph*  g    = unkg_graph_new();
  UnkgRdfSink sink = {add_to_graph, g, NULL, NULL};
  UnkgStatus  st   = UNKG_OK;
  if (!g) {
    st = unkg_error_in(c, s->path, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  for (size_t i = 0; !st && paths[i]; ++i) {
    st = unkg_rdf_parse_file(c, paths[i], NULL, &sink);
  }
  if (!st) {
    st = unkg_store_put(c, s, g, name);
  }
  unkg_graph_free(g);
  return st;
}
