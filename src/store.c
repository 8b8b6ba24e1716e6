#include "store_impl.h"

#include "buf.h"
#include "rdfio.h"
#include "vocab.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>
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
                                  "hash-type='memory',index-predicates='yes',contexts='yes'");
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
  if (s->qmodel) {
    librdf_free_model(s->qmodel);
  }
  if (s->qstorage) {
    librdf_free_storage(s->qstorage);
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
  if (s->path && s->lock_fd >= 0) {
    close(s->lock_fd); /* releases the lock */
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
  if (!stmt) {
    return UNKG_ERR_NOMEM;
  }
  /* Triples outside any graph go to the default graph's own context:
   * Redland's hashes storage scans a predicate's every statement to add
   * one without a context, and with the context hidden (union_contexts)
   * they are in the default graph only, as SPARQL has them. */
  librdf_node* ctx = graph ? node_of(s, graph)
                           : librdf_new_node_from_uri_string(s->world,
                                                             (const unsigned char*)UNKG_DEFAULT_GRAPH);
  if (!ctx) {
    librdf_free_statement(stmt);
    return UNKG_ERR_NOMEM;
  }
  int failed = librdf_model_context_add_statement(s->model, ctx, stmt);
  librdf_free_node(ctx);
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

static UnkgStatus load_file_graphs(const UnkgCtx* c, UnkgStore* s, const char* path);

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
    st = s->graph_per_file ? load_file_graphs(c, s, names[i]) : load_file(c, s, names[i]);
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
  UnkgStatus st = S_ISDIR(sb.st_mode)  ? load_dir(c, s, path)
                  : s->graph_per_file ? load_file_graphs(c, s, path)
                                      : load_file(c, s, path);
  return unkg_store_end(s, st);
}

/* ---- on disk ------------------------------------------------------------- */

/* What Redland's SQLite storage lacks, added to the file itself:
 *  - an index on the literals: the storage looks each literal up by its
 *    text before adding it, and without one that scans the whole table, so
 *    loading slowed as the store grew (47 s for 40 documents, batches of
 *    100 taking 140 s, then 488 s, then 583 s);
 *  - indexes for patterns with an unbound subject.  (Not on the graph:
 *    SQLite then looks up a statement through it, scanning the graph, and
 *    loading took twice as long.)
 * And first a check that the file is whole: a store with damaged pages
 * answered 126 triples where it held 17,091. */
static UnkgStatus
check_and_index(const UnkgCtx* c, const char* path, bool exists)
{
  static const char* const indexes[] = {
    "CREATE INDEX IF NOT EXISTS unkg_literals ON literals (text, language, datatype)",
    "CREATE INDEX IF NOT EXISTS unkg_po ON triples (predicateUri, objectUri, objectLiteral)",
    "CREATE INDEX IF NOT EXISTS unkg_o ON triples (objectUri)",
    "DROP INDEX IF EXISTS unkg_ol",
    "DROP INDEX IF EXISTS unkg_g",
  };
  sqlite3*   db = NULL;
  UnkgStatus st = UNKG_OK;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
    st = unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "cannot open the store: %s",
                       db ? sqlite3_errmsg(db) : "out of memory");
  }
  sqlite3_busy_timeout(db, 0);
  sqlite3_stmt* q = NULL;
  if (!st && exists) {
    /* quick_check reads every page (integrity_check also every index
     * entry, many times slower): damaged pages are what it must find. */
    if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &q, NULL) != SQLITE_OK) {
      int locked = sqlite3_errcode(db) == SQLITE_BUSY;
      st = unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "%s: %s",
                         locked ? "the store is locked by another process" : "not a usable store",
                         sqlite3_errmsg(db));
    } else {
      int rc = sqlite3_step(q);
      const char* r = rc == SQLITE_ROW ? (const char*)sqlite3_column_text(q, 0) : NULL;
      if (rc == SQLITE_BUSY) {
        st = unkg_error_in(c, path, UNKG_ERR_IO, 0, 0,
                           "the store is locked by another process (another unkg load?)");
      } else if (!r || strcmp(r, "ok")) {
        st = unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "the store is damaged (SQLite: %s)",
                           r ? r : sqlite3_errmsg(db));
      }
    }
    sqlite3_finalize(q);
    q = NULL;
    static const char* const tables[] = {
      "SELECT subjectUri, objectLiteral, contextUri FROM triples LIMIT 0",
      "SELECT text, language, datatype FROM literals LIMIT 0",
    };
    for (size_t i = 0; !st && i < sizeof tables / sizeof *tables; ++i) {
      if (sqlite3_prepare_v2(db, tables[i], -1, &q, NULL) != SQLITE_OK) {
        st = unkg_error_in(c, path, UNKG_ERR_IO, 0, 0,
                           "not a store made by unkg load (no Redland triples table)");
      }
      sqlite3_finalize(q);
      q = NULL;
    }
  }
  for (size_t i = 0; !st && exists && i < sizeof indexes / sizeof *indexes; ++i) {
    char* err = NULL;
    if (sqlite3_exec(db, indexes[i], NULL, NULL, &err) != SQLITE_OK) {
      int locked = sqlite3_errcode(db) == SQLITE_BUSY;
      st = unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "%s: %s",
                         locked ? "the store is locked by another process (another unkg load?)"
                                : "cannot index the store",
                         err ? err : sqlite3_errmsg(db));
    }
    sqlite3_free(err);
  }
  sqlite3_close_v2(db);
  return st;
}

/* One writer at a time, and no reader while it writes: a lock on the
 * file, held until the store is freed (SQLite's own locks only last a
 * transaction, and a second load failed with "cannot clear graph"). */
static UnkgStatus
lock_store(const UnkgCtx* c, UnkgStore* s, bool writer)
{
  s->lock_fd = open(s->path, O_RDONLY | O_CLOEXEC);
  if (s->lock_fd < 0) {
    return unkg_error_in(c, s->path, UNKG_ERR_IO, 0, 0, "cannot open the store: %s",
                         strerror(errno));
  }
  if (flock(s->lock_fd, (writer ? LOCK_EX : LOCK_SH) | LOCK_NB)) {
    return unkg_error_in(c, s->path, UNKG_ERR_IO, 0, 0, "%s",
                         errno == EWOULDBLOCK
                           ? (writer ? "the store is in use by another process (a query or another "
                                       "unkg load); try again when it is done"
                                     : "the store is being loaded by another process; try again "
                                       "when it is done")
                           : strerror(errno));
  }
  return UNKG_OK;
}

static UnkgStatus
open_disk(const UnkgCtx* c, const char* path, bool writer, UnkgStore** out)
{
  *out         = NULL;
  UnkgStore* s = calloc(1, sizeof *s);
  if (!s || !(s->path = unkg_strdup(path)) || !(s->world = librdf_new_world())) {
    unkg_store_free(s);
    return unkg_error_in(c, path, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  s->lock_fd = -1;
  librdf_world_set_logger(s->world, s, on_log);
  unkg_store_begin(s, c);
  librdf_world_open(s->world);
  struct stat sb;
  bool        exists = stat(path, &sb) == 0;
  UnkgStatus  st     = UNKG_OK;
  if (exists && !S_ISREG(sb.st_mode)) {
    st = unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "not a store file");
  } else if (!exists && !writer) {
    st = unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "no such store (make one with unkg load)");
  } else if (exists && ((st = lock_store(c, s, writer)) || (st = check_and_index(c, path, true)))) {
    /* reported */
  } else if (!(s->storage = librdf_new_storage(s->world, "sqlite", path,
                                               exists ? "new='no',contexts='yes'"
                                                      : "new='yes',contexts='yes'"))) {
    st = unkg_error_in(c, path, UNKG_ERR_IO, 0, 0,
                       "cannot open the store (is librdf-storage-sqlite installed?)");
  } else if (!(s->model = librdf_new_model(s->world, s->storage, NULL))) {
    st = unkg_error_in(c, path, UNKG_ERR_RDF, 0, 0, "cannot open the store's model");
  } else if (!exists && ((st = lock_store(c, s, writer)) || (st = check_and_index(c, path, true)))) {
    /* reported */
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
unkg_store_open(const UnkgCtx* c, const char* path, UnkgStore** out)
{
  return open_disk(c, path, true, out);
}

UnkgStatus
unkg_store_open_reader(const UnkgCtx* c, const char* path, UnkgStore** out)
{
  return open_disk(c, path, false, out);
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

/* ---- the default graph as a set ------------------------------------------------ */

/* Redland hands out one statement per graph it is in, so a triple that two
 * documents state (the zh and en expressions share many) would match a
 * default-graph pattern twice and multiply rows.  Queries therefore run on
 * this storage, which wraps the real one: a pattern's matches are read
 * whole, each triple once, sorted (so answers do not depend on the order
 * the storage keeps), and handed out from memory.  Reading a pattern whole
 * also means no two cursors of SQLite's storage are ever open at once. */

typedef struct {
  librdf_storage* inner;
} Union;

typedef struct {
  unsigned char*    key;
  size_t            len;
  librdf_statement* st;
  librdf_node*      ctx;
} Match;

typedef struct {
  Match* v;
  size_t n, at;
} Matches;

static librdf_storage* pending_inner; /* handed to union_init (one thread) */

static int
cmp_match(const void* a, const void* b)
{
  const Match* x = a;
  const Match* y = b;
  size_t       n = x->len < y->len ? x->len : y->len;
  int          c = memcmp(x->key, y->key, n);
  return c ? c : (x->len > y->len) - (x->len < y->len);
}

static void
matches_free(void* data)
{
  Matches* m = data;
  for (size_t i = 0; i < m->n; ++i) {
    free(m->v[i].key);
    librdf_free_statement(m->v[i].st);
    if (m->v[i].ctx) {
      librdf_free_node(m->v[i].ctx);
    }
  }
  free(m->v);
  free(m);
}

static int
matches_end(void* data)
{
  Matches* m = data;
  return m->at >= m->n;
}

static int
matches_next(void* data)
{
  Matches* m = data;
  if (m->at < m->n) {
    ++m->at;
  }
  return m->at >= m->n;
}

static void*
matches_get(void* data, int flags)
{
  Matches* m = data;
  if (m->at >= m->n) {
    return NULL;
  }
  return flags == LIBRDF_STREAM_GET_METHOD_GET_CONTEXT ? (void*)m->v[m->at].ctx
                                                        : (void*)m->v[m->at].st;
}

/* Reads in whole, sorted by triple (and graph when by_graph), one of each;
 * when only is not NULL, only the statements in that graph. */
static librdf_stream*
read_whole(librdf_world* w, librdf_stream* in, bool by_graph, librdf_node* only,
           librdf_node* object)
{
  Matches* m   = calloc(1, sizeof *m);
  size_t   cap = 0;
  bool     ok  = m && in;
  for (; ok && !librdf_stream_end(in); librdf_stream_next(in)) {
    librdf_statement* st  = librdf_stream_get_object(in);
    librdf_node*      ctx = by_graph || only ? librdf_stream_get_context2(in) : NULL;
    if ((only && (!ctx || !librdf_node_equals(ctx, only)))
        || (object && !librdf_node_equals(librdf_statement_get_object(st), object))) {
      continue;
    }
    ctx = by_graph ? ctx : NULL;
    if (m->n == cap) {
      cap      = cap ? cap * 2 : 16;
      Match* v = realloc(m->v, cap * sizeof *v);
      if (!v) {
        ok = false;
        break;
      }
      m->v = v;
    }
    Match* x = &m->v[m->n];
    x->len   = librdf_statement_encode_parts2(w, st, ctx, NULL, 0, LIBRDF_STATEMENT_ALL);
    x->key   = malloc(x->len ? x->len : 1);
    x->st    = librdf_new_statement_from_statement(st);
    x->ctx   = ctx ? librdf_new_node_from_node(ctx) : NULL;
    if (!x->key || !x->st || (ctx && !x->ctx)) {
      ok = false;
      free(x->key);
      if (x->st) {
        librdf_free_statement(x->st);
      }
      if (x->ctx) {
        librdf_free_node(x->ctx);
      }
      break;
    }
    librdf_statement_encode_parts2(w, st, ctx, x->key, x->len, LIBRDF_STATEMENT_ALL);
    ++m->n;
  }
  if (in) {
    librdf_free_stream(in);
  }
  if (!ok) {
    if (m) {
      matches_free(m);
    }
    return NULL;
  }
  if (m->n > 1) {
    qsort(m->v, m->n, sizeof *m->v, cmp_match);
    size_t k = 1;
    for (size_t i = 1; i < m->n; ++i) {
      if (cmp_match(&m->v[i], &m->v[k - 1])) {
        m->v[k++] = m->v[i];
      } else {
        free(m->v[i].key);
        librdf_free_statement(m->v[i].st);
        if (m->v[i].ctx) {
          librdf_free_node(m->v[i].ctx);
        }
      }
    }
    m->n = k;
  }
  librdf_stream* out = librdf_new_stream(w, m, matches_end, matches_next, matches_get, matches_free);
  if (!out) {
    matches_free(m);
  }
  return out;
}

static librdf_storage*
inner_of(librdf_storage* s)
{
  return ((Union*)librdf_storage_get_instance(s))->inner;
}

static int
union_init(librdf_storage* s, const char* name, librdf_hash* options)
{
  (void)name;
  Union* u = calloc(1, sizeof *u);
  if (options) {
    librdf_free_hash(options);
  }
  if (!u) {
    return 1;
  }
  u->inner = pending_inner;
  librdf_storage_set_instance(s, u);
  return 0;
}

static void
union_terminate(librdf_storage* s)
{
  free(librdf_storage_get_instance(s));
}

static int
union_open(librdf_storage* s, librdf_model* m)
{
  (void)s;
  (void)m;
  return 0;
}

static int
union_close(librdf_storage* s)
{
  (void)s;
  return 0;
}

static int
union_size(librdf_storage* s)
{
  return librdf_storage_size(inner_of(s));
}

static int
union_contains(librdf_storage* s, librdf_statement* st)
{
  return librdf_storage_contains_statement(inner_of(s), st);
}

static librdf_stream*
union_serialise(librdf_storage* s)
{
  return read_whole(librdf_storage_get_world(s), librdf_storage_serialise(inner_of(s)), false,
                    NULL, NULL);
}

/* Finds st's matches in the inner storage.  Redland's hashes storage has
 * indexes for two parts bound, not for three (nor for the subject or the
 * object alone): a pattern with all three bound, which a join asks once per
 * row, read every statement (104 s for a join of four patterns over 57 k
 * quads).  It is asked with the object open, and the object checked; the
 * SQLite storage's query for three parts is slow too (CQ9: 18 s, then
 * 3.5 s). */
static librdf_stream*
find_inner(librdf_storage* s, librdf_statement* st, librdf_node** object)
{
  librdf_storage* in = inner_of(s);
  *object            = NULL;
  if (librdf_statement_get_subject(st)
      && librdf_statement_get_predicate(st) && librdf_statement_get_object(st)) {
    librdf_statement* open = librdf_new_statement_from_statement(st);
    if (open) {
      *object = librdf_new_node_from_node(librdf_statement_get_object(st));
      librdf_statement_set_object(open, NULL);
      librdf_stream* found = librdf_storage_find_statements(in, open);
      librdf_free_statement(open);
      return found;
    }
  }
  return librdf_storage_find_statements(in, st);
}

static librdf_stream*
union_find(librdf_storage* s, librdf_statement* st)
{
  librdf_node*   object = NULL;
  librdf_stream* found  = find_inner(s, st, &object);
  librdf_stream* out    = read_whole(librdf_storage_get_world(s), found, false, NULL, object);
  if (object) {
    librdf_free_node(object);
  }
  return out;
}

static librdf_stream*
union_find_in(librdf_storage* s, librdf_statement* st, librdf_node* ctx)
{
  /* Both storages find in a graph by reading all of it (SQLite's: 27 s
   * for a join of three patterns per graph over 56 k quads); their
   * indexes over every graph, the graph checked after, take 1.4 s. */
  if (!ctx) {
    return union_find(s, st);
  }
  librdf_node*   object = NULL;
  librdf_stream* found  = find_inner(s, st, &object);
  librdf_stream* out    = read_whole(librdf_storage_get_world(s), found, false, ctx, object);
  if (object) {
    librdf_free_node(object);
  }
  return out;
}

typedef struct {
  librdf_node** v;
  size_t        n, at;
} Nodes;

static int
nodes_end(void* data)
{
  Nodes* g = data;
  return g->at >= g->n;
}

static int
nodes_next(void* data)
{
  Nodes* g = data;
  if (g->at < g->n) {
    ++g->at;
  }
  return g->at >= g->n;
}

static void*
nodes_get(void* data, int flags)
{
  Nodes* g = data;
  return flags == LIBRDF_ITERATOR_GET_METHOD_GET_OBJECT && g->at < g->n ? g->v[g->at] : NULL;
}

static void
nodes_free(void* data)
{
  Nodes* g = data;
  for (size_t i = 0; i < g->n; ++i) {
    librdf_free_node(g->v[i]);
  }
  free(g->v);
  free(g);
}

/* The named graphs: every context but the default graph's own. */
static librdf_iterator*
union_contexts(librdf_storage* s)
{
  librdf_iterator* in = librdf_storage_get_contexts(inner_of(s));
  Nodes*           g  = calloc(1, sizeof *g);
  size_t           cap = 0;
  bool             ok  = g != NULL;
  for (; ok && in && !librdf_iterator_end(in); librdf_iterator_next(in)) {
    librdf_node* n = librdf_iterator_get_object(in);
    if (!n || (librdf_node_is_resource(n)
               && !strcmp((const char*)librdf_uri_as_string(librdf_node_get_uri(n)),
                          UNKG_DEFAULT_GRAPH))) {
      continue;
    }
    if (g->n == cap) {
      cap             = cap ? cap * 2 : 16;
      librdf_node** v = realloc(g->v, cap * sizeof *v);
      if (!v) {
        ok = false;
        break;
      }
      g->v = v;
    }
    if (!(g->v[g->n] = librdf_new_node_from_node(n))) {
      ok = false;
      break;
    }
    ++g->n;
  }
  if (in) {
    librdf_free_iterator(in);
  }
  librdf_iterator* out = ok ? librdf_new_iterator(librdf_storage_get_world(s), g, nodes_end,
                                                  nodes_next, nodes_get, nodes_free)
                            : NULL;
  if (!out && g) {
    nodes_free(g);
  }
  return out;
}

static librdf_node*
union_feature(librdf_storage* s, librdf_uri* f)
{
  return librdf_storage_get_feature(inner_of(s), f);
}

static void
union_factory(librdf_storage_factory* f)
{
  f->version                    = LIBRDF_STORAGE_INTERFACE_VERSION;
  f->init                       = union_init;
  f->terminate                  = union_terminate;
  f->open                       = union_open;
  f->close                      = union_close;
  f->size                       = union_size;
  f->contains_statement         = union_contains;
  f->serialise                  = union_serialise;
  f->find_statements            = union_find;
  f->find_statements_in_context = union_find_in;
  f->get_contexts               = union_contexts;
  f->get_feature                = union_feature;
}

librdf_model*
unkg_store_query_model(UnkgStore* s)
{
  if (!s->qmodel) {
    librdf_storage_register_factory(s->world, "unkg-union", "unkg default graph as a set",
                                    union_factory);
    pending_inner = s->storage;
    s->qstorage   = librdf_new_storage(s->world, "unkg-union", NULL, NULL);
    pending_inner = NULL;
    s->qmodel     = s->qstorage ? librdf_new_model(s->world, s->qstorage, NULL) : NULL;
  }
  return s->qmodel;
}

/* --graph-per-file: the triples a file gives outside any graph go to the
 * graph of the unkg:Expression the file describes, else to one named after
 * the file (file: IRI of its path), as unkg load names them. */
static UnkgStatus
load_file_graphs(const UnkgCtx* c, UnkgStore* s, const char* path)
{
  GraphSet    set  = {NULL, 0};
  UnkgRdfSink sink = {add_to_set, &set, NULL, NULL};
  unkg_store_begin(s, c);
  UnkgStatus st = unkg_rdf_parse_file(c, path, NULL, &sink);
  for (size_t i = 0; !st && i < set.n; ++i) {
    UnkgGraph*  g    = set.v[i];
    const char* e    = g->name[0] ? g->name : expression_of(g);
    UnkgBuf     name = {0};
    if (e) {
      st = unkg_buf_puts(&name, e);
    } else {
      char cwd[4096];
      UnkgBuf abs = {0};
      st          = unkg_buf_printf(&abs, "%s%s%s",
                                    path[0] == '/' || !getcwd(cwd, sizeof cwd) ? "" : cwd,
                                    path[0] == '/' ? "" : "/", path);
      st          = st ? st : unkg_buf_puts(&name, "file://");
      for (const char* p = abs.data; !st && p && *p; ++p) {
        st = strchr(" %<>\"{}|\\^`#?", *p) || (unsigned char)*p < 0x21
               ? unkg_buf_printf(&name, "%%%02X", (unsigned char)*p)
               : unkg_buf_append(&name, p, 1);
      }
      unkg_buf_clear(&abs);
    }
    librdf_node* ctx = st ? NULL
                          : librdf_new_node_from_uri_string(s->world,
                                                            (const unsigned char*)name.data);
    unkg_buf_clear(&name);
    if (!ctx) {
      st = unkg_error_in(c, path, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
      break;
    }
    for (size_t k = 0; !st && k < g->n; ++k) {
      librdf_statement* stmt = statement_of(s, &g->v[k]);
      if (!stmt || librdf_model_context_add_statement(s->model, ctx, stmt)) {
        st = unkg_error_in(c, path, UNKG_ERR_RDF, 0, 0, "cannot add to graph");
      }
      if (stmt) {
        librdf_free_statement(stmt);
      }
    }
    librdf_free_node(ctx);
  }
  graph_set_clear(&set);
  return st;
}

void
unkg_store_set_graph_per_file(UnkgStore* s, bool on)
{
  s->graph_per_file = on;
}
