#include "store_impl.h"

#include "buf.h"
#include "vocab.h"

#include <dirent.h>
#include <errno.h>
#include <raptor2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int
on_log(void* data, librdf_log_message* m)
{
  UnkgStore* s = data;
  if (librdf_log_message_level(m) < LIBRDF_LOG_ERROR) {
    if (s->verbose) {
      fprintf(stderr, "unkg: warning: %s\n", librdf_log_message_message(m));
    }
    return 1;
  }
  if (!s->failed) {
    raptor_locator* loc = librdf_log_message_locator(m);
    const char*     msg = librdf_log_message_message(m);
    s->failed           = true;
    s->line             = loc ? loc->line : -1;
    snprintf(s->msg, sizeof s->msg, "%s", msg ? msg : "unknown error");
  }
  return 1; /* handled: Redland prints nothing itself */
}

void
unkg_store_clear_error(UnkgStore* s)
{
  s->failed = false;
  s->line   = -1;
  s->msg[0] = '\0';
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
  s->storage = librdf_new_storage(s->world, "hashes", "unkg", "hash-type='memory',index-predicates='yes'");
  s->model   = s->storage ? librdf_new_model(s->world, s->storage, NULL) : NULL;
  if (!s->model) {
    unkg_store_free(s);
    return NULL;
  }
  unkg_store_clear_error(s);
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

void
unkg_store_set_verbose(UnkgStore* s, bool verbose)
{
  s->verbose = verbose;
}

size_t
unkg_store_size(UnkgStore* s)
{
  int n = librdf_model_size(s->model);
  return n < 0 ? 0 : (size_t)n;
}

/* ---- loading ---------------------------------------------------------------- */

/* Raptor's parser name for a file name, or NULL if the extension is not one
 * we know.  Guessing from content is deliberately not done: a file with the
 * wrong extension should fail loudly, not load as something else. */
static const char*
syntax_of(const char* path)
{
  static const struct {
    const char* ext;
    const char* syntax;
  } exts[] = {
    {".ttl", "turtle"}, {".rdf", "rdfxml"}, {".owl", "rdfxml"},
    {".nt", "ntriples"}, {".nq", "nquads"},
  };
  size_t n = strlen(path);
  for (size_t i = 0; i < sizeof exts / sizeof *exts; ++i) {
    size_t e = strlen(exts[i].ext);
    if (n > e && !strcmp(path + n - e, exts[i].ext)) {
      return exts[i].syntax;
    }
  }
  return NULL;
}

static UnkgStatus
load_file(UnkgStore* s, const char* path, UnkgDiag* d)
{
  const char* syntax = syntax_of(path);
  if (!syntax) {
    unkg_diag_set(d, path, 0, "unknown RDF syntax: the name must end in .ttl, .rdf, .owl, .nt or .nq");
    return UNKG_ERR_USAGE;
  }
  FILE* f = fopen(path, "rb");
  if (!f) {
    unkg_diag_set(d, path, 0, "cannot open: %s", strerror(errno));
    return UNKG_ERR_IO;
  }
  librdf_parser* parser = librdf_new_parser(s->world, syntax, NULL, NULL);
  unsigned char* uri_s  = raptor_uri_filename_to_uri_string(path);
  librdf_uri*    base   = uri_s ? librdf_new_uri(s->world, uri_s) : NULL;
  UnkgStatus     st     = UNKG_OK;
  if (!parser || !base) {
    fclose(f);
    unkg_diag_set(d, path, 0, "cannot start the %s parser", syntax);
    st = UNKG_ERR_RDF;
  } else {
    unkg_store_clear_error(s);
    /* The parser closes f (close_fh = 1), also on failure. */
    int rc = librdf_parser_parse_file_handle_into_model(parser, f, 1, base, s->model);
    if (rc || s->failed) {
      unkg_diag_set(d, path, s->line > 0 ? (unsigned)s->line : 0, "not valid %s: %s",
                    syntax, s->failed ? s->msg : "the parser gave up");
      st = UNKG_ERR_SYNTAX;
    }
  }
  if (base) {
    librdf_free_uri(base);
  }
  raptor_free_memory(uri_s);
  if (parser) {
    librdf_free_parser(parser);
  }
  return st;
}

static int
cmp_str(const void* a, const void* b)
{
  return strcmp(*(char* const*)a, *(char* const*)b);
}

/* Every RDF file directly in dir, in name order so that loading (and thus
 * the order of unordered results) is the same on every machine. */
static UnkgStatus
load_dir(UnkgStore* s, const char* dir, UnkgDiag* d)
{
  DIR* dh = opendir(dir);
  if (!dh) {
    unkg_diag_set(d, dir, 0, "cannot open directory: %s", strerror(errno));
    return UNKG_ERR_IO;
  }
  char**     names = NULL;
  size_t     n = 0, cap = 0;
  UnkgStatus st = UNKG_OK;
  for (struct dirent* e; !st && (e = readdir(dh));) {
    if (e->d_name[0] == '.' || !syntax_of(e->d_name)) {
      continue; /* hidden files include the exporter's temporary ones */
    }
    if (n == cap) {
      size_t  c = cap ? cap * 2 : 16;
      char**  v = realloc(names, c * sizeof *v);
      if (!v) {
        st = UNKG_ERR_NOMEM;
        break;
      }
      names = v;
      cap   = c;
    }
    UnkgBuf b = {0};
    if ((st = unkg_buf_printf(&b, "%s/%s", dir, e->d_name))) {
      unkg_buf_clear(&b);
      break;
    }
    names[n++] = unkg_buf_take(&b);
  }
  closedir(dh);
  if (st) {
    unkg_diag_set(d, dir, 0, "%s", unkg_strerror(st));
  } else if (!n) {
    unkg_diag_set(d, dir, 0, "no RDF files (.ttl, .rdf, .owl, .nt, .nq) in this directory");
    st = UNKG_ERR_IO;
  } else {
    qsort(names, n, sizeof *names, cmp_str);
  }
  for (size_t i = 0; !st && i < n; ++i) {
    st = load_file(s, names[i], d);
  }
  for (size_t i = 0; i < n; ++i) {
    free(names[i]);
  }
  free(names);
  return st;
}

UnkgStatus
unkg_store_load(UnkgStore* s, const char* path, UnkgDiag* d)
{
  struct stat sb;
  if (stat(path, &sb)) {
    unkg_diag_set(d, path, 0, "cannot open: %s", strerror(errno));
    return UNKG_ERR_IO;
  }
  return S_ISDIR(sb.st_mode) ? load_dir(s, path, d) : load_file(s, path, d);
}

/* ---- on disk ------------------------------------------------------------- */

UnkgStatus
unkg_store_open(const char* path, UnkgStore** out, UnkgDiag* d)
{
  *out         = NULL;
  UnkgStore* s = calloc(1, sizeof *s);
  if (!s || !(s->path = unkg_strdup(path)) || !(s->world = librdf_new_world())) {
    unkg_store_free(s);
    return UNKG_ERR_NOMEM;
  }
  librdf_world_set_logger(s->world, s, on_log);
  librdf_world_open(s->world);
  unkg_store_clear_error(s);
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
    librdf_statement* stmt = statement_of(s, &g->v[i]);
    if (!stmt) {
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
  UnkgGraph* g   = unkg_graph_new();
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

/* A view of r: the strings stay raptor's. */
static void
view(const raptor_term* r, UnkgTerm* t)
{
  *t = (UnkgTerm){0, NULL, NULL, NULL};
  switch (r->type) {
  case RAPTOR_TERM_TYPE_URI:
    t->kind  = UNKG_TERM_IRI;
    t->value = (char*)raptor_uri_as_string(r->value.uri);
    break;
  case RAPTOR_TERM_TYPE_BLANK:
    t->kind  = UNKG_TERM_BLANK;
    t->value = (char*)r->value.blank.string;
    break;
  case RAPTOR_TERM_TYPE_LITERAL:
    t->kind  = UNKG_TERM_LITERAL;
    t->value = (char*)r->value.literal.string;
    t->lang  = (char*)r->value.literal.language;
    if (r->value.literal.datatype) {
      t->datatype = (char*)raptor_uri_as_string(r->value.literal.datatype);
    }
    break;
  case RAPTOR_TERM_TYPE_UNKNOWN:
  default:
    break;
  }
}

static void
on_statement(void* data, raptor_statement* r)
{
  ReadCtx* c = data;
  if (c->st) {
    return;
  }
  char*      gname = r->graph ? term_string(r->graph) : NULL;
  UnkgGraph* g     = (!r->graph || gname) ? graph_named(c, gname ? gname : "") : NULL;
  UnkgTriple t;
  view(r->subject, &t.s);
  view(r->predicate, &t.p);
  view(r->object, &t.o);
  c->st = g ? unkg_graph_add(g, &t) : UNKG_ERR_NOMEM;
  free(gname);
}

static void
on_raptor_log(void* data, raptor_log_message* m)
{
  ReadCtx* c = data;
  if (m->level >= RAPTOR_LOG_LEVEL_ERROR && !c->failed) {
    c->failed = true;
    unkg_diag_set(c->d, c->path, m->locator && m->locator->line > 0 ? (unsigned)m->locator->line : 0,
                  "does not parse: %s", m->text);
  }
}


UnkgStatus
unkg_store_copy(UnkgStore* from, UnkgStore* to, UnkgDiag* d)
{
  librdf_stream* stream = librdf_model_as_stream(from->model);
  if (!stream) {
    unkg_diag_set(d, from->path ? from->path : "store", 0, "cannot read the store");
    return UNKG_ERR_RDF;
  }
  int failed = librdf_model_add_statements(to->model, stream);
  librdf_free_stream(stream);
  if (failed) {
    unkg_diag_set(d, from->path ? from->path : "store", 0, "cannot copy the store");
    return UNKG_ERR_RDF;
  }
  return UNKG_OK;
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
    const UnkgTriple* t = &g->v[i];
    if (t->o.kind == UNKG_TERM_IRI && !strcmp(t->p.value, RDF_TYPE)
        && !strcmp(t->o.value, U("Expression"))) {
      return t->s.value;
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
  raptor_world_set_log_handler(world, &c, on_raptor_log);
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
unkg_store_load_graphs(UnkgStore* s, const char* path, const char* fallback, size_t* n, UnkgDiag* d)
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
