#define _GNU_SOURCE /* realpath; RTLD_NOLOAD */
#include "store_impl.h"

#include "buf.h"
#include "rdfio.h"
#include "vocab.h"

#include "serialize.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
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

static UnkgStatus vt_open(const UnkgCtx* c, const char* path, bool writer, UnkgStore** out);
static UnkgStatus vt_put(const UnkgCtx* c, UnkgStore* s, const UnkgGraph* g, const char* graph);
static UnkgStatus vt_commit(const UnkgCtx* c, UnkgStore* s);
static size_t     vt_count(UnkgStore* s, const char* what);
static void       direct_close(UnkgStore* s);
static int        direct_exec(UnkgStore* s, const char* sql);
static UnkgStatus direct_open(const UnkgCtx* c, UnkgStore* s);

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
  direct_close(s);
  if (s->vdir) {
    vt_commit(NULL, s);
    free(s->vdir);
    unkg_buf_clear(&s->vsql);
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
  unkg_store_commit(NULL, s); /* Redland's connection sees what is committed */
  if (s->vdir) {
    return vt_count(s, "COUNT(*)");
  }
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

/* SQLite picks an index for a lookup by its statistics (sqlite_stat1).
 * Without them it took unkg_po (all of a predicate's statements) over
 * spindex for a pattern with subject and predicate bound, and a join that
 * asks that pattern once per row read thousands of rows each time (CQ17:
 * 23 s of CPU over 67 k quads, 1.7 s with them).  analysis_limit bounds
 * the rows ANALYZE reads per index, so that it stays cheap as the store
 * grows: estimates are enough to rank the indexes.  A failure (another
 * process holds the file) only leaves the old statistics. */
static void
analyze(sqlite3* db)
{
  sqlite3_exec(db, "PRAGMA analysis_limit = 1000; ANALYZE", NULL, NULL, NULL);
}

static bool
has_statistics(sqlite3* db)
{
  sqlite3_stmt* q = NULL;
  bool has = sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_stat1 WHERE tbl = 'triples'", -1, &q, NULL)
               == SQLITE_OK
             && sqlite3_step(q) == SQLITE_ROW;
  sqlite3_finalize(q);
  return has;
}

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
    /* unkg writes the tables itself (direct_put): replacing a graph
     * deletes its rows, which without this scanned every statement.  (When
     * Redland's storage added the statements, it looked each one up
     * through this index, scanning the graph, and loading took twice as
     * long.) */
    "CREATE INDEX IF NOT EXISTS unkg_g ON triples (contextUri)",
    "CREATE INDEX IF NOT EXISTS unkg_blanks ON blanks (blank)",
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
  if (!st && exists && !has_statistics(db)) {
    analyze(db); /* a store from before unkg kept statistics */
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
  if (unkg_store_is_virtuoso(path)) {
    return vt_open(c, path, writer, out);
  }
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
  } else if (writer) {
    st = direct_open(c, s);
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

/* ---- writing Redland's tables directly -------------------------------------- */

/* Redland's SQLite storage adds a statement by compiling and running SQL
 * for each part and for the statement itself (about 10 k quads/s of CPU).
 * A writer puts graphs into the same tables itself, through prepared
 * statements and with the ids of the nodes it has seen in memory: the
 * file stays Redland's (rdfproc and librdf read it as before), with the
 * same rows the storage would write (language and datatype NULL when
 * absent, a datatype as the id of its IRI, one row per statement of a
 * graph). */

enum {
  SQL_URI_GET,
  SQL_URI_ADD,
  SQL_BLANK_GET,
  SQL_BLANK_ADD,
  SQL_LIT_GET,
  SQL_LIT_ADD,
  SQL_CLEAR,
  SQL_ADD,
  SQL_HAS_URI
};

static const char* const direct_sql[] = {
  "SELECT id FROM uris WHERE uri = ?1",
  "INSERT INTO uris (uri) VALUES (?1)",
  "SELECT id FROM blanks WHERE blank = ?1",
  "INSERT INTO blanks (blank) VALUES (?1)",
  "SELECT id FROM literals WHERE text = ?1 AND language IS ?2 AND datatype IS ?3",
  "INSERT INTO literals (text, language, datatype) VALUES (?1, ?2, ?3)",
  "DELETE FROM triples WHERE contextUri = ?1",
  "INSERT INTO triples (subjectUri, subjectBlank, predicateUri, objectUri, objectBlank, "
  "objectLiteral, contextUri) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  "SELECT 1 FROM triples WHERE contextUri = ?1 LIMIT 1",
};

static uint64_t
key_hash(const char* k, size_t len)
{
  uint64_t h = 14695981039346656037u; /* FNV-1a */
  for (size_t i = 0; i < len; ++i) {
    h = (h ^ (unsigned char)k[i]) * 1099511628211u;
  }
  return h;
}

/* Keys are length-prefixed (8 bytes) so that they may hold any byte. */
static size_t
key_len(const char* k)
{
  size_t n;
  memcpy(&n, k, sizeof n);
  return n;
}

static int64_t*
ids_slot(UnkgNodeIds* t, const char* key, size_t len, bool* found)
{
  size_t i = (size_t)key_hash(key + sizeof len, len) & (t->cap - 1);
  while (t->keys[i]) {
    if (key_len(t->keys[i]) == len && !memcmp(t->keys[i] + sizeof len, key + sizeof len, len)) {
      *found = true;
      return &t->ids[i];
    }
    i = (i + 1) & (t->cap - 1);
  }
  *found = false;
  return &t->ids[i];
}

static UnkgStatus
ids_grow(UnkgNodeIds* t)
{
  size_t   cap  = t->cap ? t->cap * 2 : 4096;
  char**   keys = calloc(cap, sizeof *keys);
  int64_t* ids  = calloc(cap, sizeof *ids);
  if (!keys || !ids) {
    free(keys);
    free(ids);
    return UNKG_ERR_NOMEM;
  }
  UnkgNodeIds bigger = {keys, ids, 0, cap};
  for (size_t i = 0; i < t->cap; ++i) {
    if (t->keys[i]) {
      bool     found;
      int64_t* slot = ids_slot(&bigger, t->keys[i], key_len(t->keys[i]), &found);
      bigger.keys[(size_t)(slot - bigger.ids)] = t->keys[i];
      *slot                                    = t->ids[i];
      ++bigger.n;
    }
  }
  free(t->keys);
  free(t->ids);
  *t = bigger;
  return UNKG_OK;
}

static void
ids_clear(UnkgNodeIds* t)
{
  for (size_t i = 0; i < t->cap; ++i) {
    free(t->keys[i]);
  }
  free(t->keys);
  free(t->ids);
  memset(t, 0, sizeof *t);
}

static void
direct_close(UnkgStore* s)
{
  if (s->in_tx) {
    direct_exec(s, "COMMIT"); /* unkg_store_commit reports what this cannot */
    s->in_tx = false;
  }
  for (size_t i = 0; i < sizeof s->sql / sizeof *s->sql; ++i) {
    sqlite3_finalize(s->sql[i]);
    s->sql[i] = NULL;
  }
  if (s->db) {
    sqlite3_close_v2(s->db);
    s->db = NULL;
  }
  ids_clear(&s->ids);
}

static UnkgStatus
direct_open(const UnkgCtx* c, UnkgStore* s)
{
  if (sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
    UnkgStatus st = unkg_error_in(c, s->path, UNKG_ERR_IO, 0, 0, "cannot open the store: %s",
                                  s->db ? sqlite3_errmsg(s->db) : "out of memory");
    direct_close(s);
    return st;
  }
  sqlite3_busy_timeout(s->db, 10000);
  for (size_t i = 0; i < sizeof direct_sql / sizeof *direct_sql; ++i) {
    if (sqlite3_prepare_v3(s->db, direct_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->sql[i], NULL)
        != SQLITE_OK) {
      UnkgStatus st = unkg_error_in(c, s->path, UNKG_ERR_IO, 0, 0,
                                    "not a store made by unkg load: %s", sqlite3_errmsg(s->db));
      direct_close(s);
      return st;
    }
  }
  return UNKG_OK;
}

static void
bind_text(sqlite3_stmt* q, int i, const char* text)
{
  if (text && *text) {
    sqlite3_bind_text(q, i, text, -1, SQLITE_STATIC);
  } else {
    sqlite3_bind_null(q, i);
  }
}

/* The id of the row found by get, else of the one add inserts (both
 * bound already). */
static int
row_id(sqlite3* db, sqlite3_stmt* get, sqlite3_stmt* add, int64_t* id)
{
  int rc = sqlite3_step(get);
  if (rc == SQLITE_ROW) {
    *id = sqlite3_column_int64(get, 0);
    rc  = SQLITE_DONE;
  } else if (rc == SQLITE_DONE) {
    rc  = sqlite3_step(add);
    *id = sqlite3_last_insert_rowid(db);
  }
  sqlite3_reset(get);
  sqlite3_reset(add);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int node_id(UnkgStore* s, UnkgTermKind kind, const char* value, const char* lang,
                   const char* datatype, int64_t* id);

static int
lookup_node(UnkgStore* s, UnkgTermKind kind, const char* value, const char* lang,
            const char* datatype, int64_t* id)
{
  int rc;
  if (kind == UNKG_TERM_IRI) {
    sqlite3_bind_text(s->sql[SQL_URI_GET], 1, value, -1, SQLITE_STATIC);
    sqlite3_bind_text(s->sql[SQL_URI_ADD], 1, value, -1, SQLITE_STATIC);
    rc = row_id(s->db, s->sql[SQL_URI_GET], s->sql[SQL_URI_ADD], id);
  } else if (kind == UNKG_TERM_BLANK) {
    sqlite3_bind_text(s->sql[SQL_BLANK_GET], 1, value, -1, SQLITE_STATIC);
    sqlite3_bind_text(s->sql[SQL_BLANK_ADD], 1, value, -1, SQLITE_STATIC);
    rc = row_id(s->db, s->sql[SQL_BLANK_GET], s->sql[SQL_BLANK_ADD], id);
  } else {
    int64_t dt = 0;
    if (datatype && (rc = node_id(s, UNKG_TERM_IRI, datatype, NULL, NULL, &dt)) != SQLITE_OK) {
      return rc;
    }
    for (int k = SQL_LIT_GET; k <= SQL_LIT_ADD; ++k) {
      sqlite3_bind_text(s->sql[k], 1, value, -1, SQLITE_STATIC);
      bind_text(s->sql[k], 2, lang);
      if (datatype) {
        sqlite3_bind_int64(s->sql[k], 3, dt);
      } else {
        sqlite3_bind_null(s->sql[k], 3);
      }
    }
    rc = row_id(s->db, s->sql[SQL_LIT_GET], s->sql[SQL_LIT_ADD], id);
  }
  return rc;
}

/* A node's id, added to its table if it is new. */
static int
node_id(UnkgStore* s, UnkgTermKind kind, const char* value, const char* lang, const char* datatype,
        int64_t* id)
{
  lang      = lang && *lang ? lang : NULL;
  size_t vl = strlen(value), ll = lang ? strlen(lang) : 0, dl = datatype ? strlen(datatype) : 0;
  size_t len = 1 + vl + 1 + ll + 1 + dl;
  char   stack[512];
  char*  key = sizeof len + len <= sizeof stack ? stack : malloc(sizeof len + len);
  if (!key) {
    return SQLITE_NOMEM;
  }
  char* k = key;
  memcpy(k, &len, sizeof len);
  k += sizeof len;
  *k++ = (char)kind;
  memcpy(k, value, vl + 1);
  k += vl + 1;
  memcpy(k, lang ? lang : "", ll + 1);
  k += ll + 1;
  memcpy(k, datatype ? datatype : "", dl);
  int rc = SQLITE_OK;
  if (s->ids.n >= (size_t)1 << 20) {
    ids_clear(&s->ids); /* memory stays bounded; SQLite's indexes find the rest */
  }
  if ((s->ids.n + 1) * 2 > s->ids.cap && ids_grow(&s->ids)) {
    rc = SQLITE_NOMEM;
  }
  bool     found = false;
  int64_t* slot  = rc ? NULL : ids_slot(&s->ids, key, len, &found);
  if (found) {
    *id = *slot;
  } else if (!rc && (rc = lookup_node(s, kind, value, lang, datatype, id)) == SQLITE_OK) {
    /* the lookup may have added the datatype, and moved the slots */
    if ((s->ids.n + 1) * 2 > s->ids.cap && ids_grow(&s->ids)) {
      rc = SQLITE_NOMEM;
    } else {
      slot      = ids_slot(&s->ids, key, len, &found);
      char* own = malloc(sizeof len + len);
      if (!own) {
        rc = SQLITE_NOMEM;
      } else {
        memcpy(own, key, sizeof len + len);
        s->ids.keys[(size_t)(slot - s->ids.ids)] = own;
        *slot                                    = *id;
        ++s->ids.n;
      }
    }
  }
  if (key != stack) {
    free(key);
  }
  return rc;
}

typedef struct {
  int64_t v[6]; /* subject uri, blank, predicate, object uri, blank, literal; 0 for NULL */
} Row;

static int
cmp_row(const void* a, const void* b)
{
  const Row* x = a;
  const Row* y = b;
  for (int i = 0; i < 6; ++i) {
    if (x->v[i] != y->v[i]) {
      return x->v[i] < y->v[i] ? -1 : 1;
    }
  }
  return 0;
}

static int
term_ids(UnkgStore* s, const UnkgTerm* t, int64_t* uri, int64_t* blank, int64_t* lit)
{
  int64_t id = 0;
  int     rc = node_id(s, t->kind, t->value, t->lang, t->datatype, &id);
  if (t->kind == UNKG_TERM_IRI) {
    *uri = id;
  } else if (t->kind == UNKG_TERM_BLANK) {
    *blank = id;
  } else if (lit) {
    *lit = id;
  }
  return rc;
}

/* Commits after this many quads: one commit (an fsync) per document made
 * loading wait on the disk. */
#define DIRECT_BATCH 200000

static int
direct_exec(UnkgStore* s, const char* sql)
{
  return sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

UnkgStatus
unkg_store_commit(const UnkgCtx* c, UnkgStore* s)
{
  if (s->vdir) {
    return vt_commit(c, s);
  }
  if (!s->db || !s->in_tx) {
    return UNKG_OK;
  }
  s->in_tx   = false;
  s->pending = 0;
  if (direct_exec(s, "COMMIT") == SQLITE_OK) {
    analyze(s->db); /* the statistics follow the store as it grows */
    return UNKG_OK;
  }
  UnkgStatus st = unkg_error_in(c, s->path, UNKG_ERR_IO, 0, 0, "cannot write the store: %s",
                                sqlite3_errmsg(s->db));
  direct_exec(s, "ROLLBACK");
  ids_clear(&s->ids); /* ids of rows rolled back must not be reused */
  return st;
}

/* Replaces graph `graph`: all of the document or none (a savepoint in
 * the batch's transaction). */
static UnkgStatus
direct_put(const UnkgCtx* c, UnkgStore* s, const UnkgGraph* g, const char* graph)
{
  Row*    rows = g->n ? malloc(g->n * sizeof *rows) : NULL;
  int64_t ctx  = 0;
  int     rc   = g->n && !rows ? SQLITE_NOMEM : SQLITE_OK;
  if (!rc && !s->in_tx && !(rc = direct_exec(s, "BEGIN IMMEDIATE"))) {
    s->in_tx = true;
  }
  bool in_save = !rc && !(rc = direct_exec(s, "SAVEPOINT unkg_graph"));
  if (!rc) {
    rc = node_id(s, UNKG_TERM_IRI, graph, NULL, NULL, &ctx);
  }
  if (!rc) {
    sqlite3_bind_int64(s->sql[SQL_HAS_URI], 1, ctx);
    rc = sqlite3_step(s->sql[SQL_HAS_URI]);
    sqlite3_reset(s->sql[SQL_HAS_URI]);
    if (rc == SQLITE_ROW) {
      sqlite3_bind_int64(s->sql[SQL_CLEAR], 1, ctx);
      rc = sqlite3_step(s->sql[SQL_CLEAR]);
      sqlite3_reset(s->sql[SQL_CLEAR]);
    }
    rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
  }
  for (size_t i = 0; !rc && i < g->n; ++i) {
    Row* r = &rows[i];
    memset(r, 0, sizeof *r);
    const UnkgTriple t = unkg_graph_get(g, i);
    if (!(rc = term_ids(s, &t.s, &r->v[0], &r->v[1], NULL))
        && !(rc = term_ids(s, &t.p, &r->v[2], &r->v[2], NULL))) {
      rc = term_ids(s, &t.o, &r->v[3], &r->v[4], &r->v[5]);
    }
  }
  if (!rc && g->n > 1) {
    qsort(rows, g->n, sizeof *rows, cmp_row);
  }
  sqlite3_stmt* add = s->sql[SQL_ADD];
  for (size_t i = 0; !rc && i < g->n; ++i) {
    if (i && !cmp_row(&rows[i], &rows[i - 1])) {
      continue; /* a statement is in a graph once */
    }
    for (int k = 0; k < 6; ++k) {
      if (rows[i].v[k]) {
        sqlite3_bind_int64(add, k + 1, rows[i].v[k]);
      } else {
        sqlite3_bind_null(add, k + 1);
      }
    }
    sqlite3_bind_int64(add, 7, ctx);
    rc = sqlite3_step(add);
    sqlite3_reset(add);
    rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
  }
  free(rows);
  if (!rc && !(rc = direct_exec(s, "RELEASE unkg_graph"))) {
    s->pending += g->n;
    return s->pending >= DIRECT_BATCH ? unkg_store_commit(c, s) : UNKG_OK;
  }
  UnkgStatus st = unkg_error_in(c, s->path, rc == SQLITE_NOMEM ? UNKG_ERR_NOMEM : UNKG_ERR_IO, 0, 0,
                                "cannot store graph <%s>: %s", graph,
                                s->db ? sqlite3_errmsg(s->db) : "out of memory");
  if (in_save) {
    direct_exec(s, "ROLLBACK TO unkg_graph");
    direct_exec(s, "RELEASE unkg_graph");
  }
  ids_clear(&s->ids); /* ids of rows rolled back must not be reused */
  return st;
}

UnkgStatus
unkg_store_put(const UnkgCtx* c, UnkgStore* s, const UnkgGraph* g, const char* name)
{
  if (!g) {
    return unkg_error_in(c, s->path, UNKG_ERR_USAGE, 0, 0, "no graph to store");
  }
  const char* graph = name ? name : g->name;
  if (s->db) {
    return direct_put(c, s, g, graph);
  }
  if (s->vdir) {
    return vt_put(c, s, g, graph);
  }
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
    const UnkgTriple  t    = unkg_graph_get(g, i);
    librdf_statement* stmt = statement_of(s, &t);
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
  unkg_store_commit(NULL, s);
  if (s->vdir) {
    return vt_count(s, "COUNT(DISTINCT G)");
  }
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
    const UnkgTriple  ti = unkg_graph_get(g, i);
    const UnkgTriple* t  = &ti;
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
  unsigned char*    key;
  size_t            len;
  librdf_statement* st;
  librdf_node*      ctx;
} Match;

/* A pattern's matches, shared by the streams reading them and the cache. */
typedef struct {
  Match* v;
  size_t n;
  size_t refs;
} MatchSet;

/* A stream's place in a MatchSet. */
typedef struct {
  MatchSet* set;
  size_t    at;
} Matches;

/* Rasqal joins by nested loops and does not pass a row's bindings into an
 * OPTIONAL, a UNION or a sub-query: it asks the same patterns again for
 * every row (CQ9 read all 1,212 English and Chinese skos:prefLabel
 * statements 624 times).  The last patterns asked are kept with their
 * matches, at most CACHE_ROWS statements in all (about half a KiB each:
 * some 50 MiB at most), the least recently used dropped first; a pattern
 * with more matches is not kept.  The statements
 * do not change while a query runs, and the cache is emptied before each
 * query (unkg_store_query_model). */
#define CACHE_SLOTS 512
#define CACHE_ROWS 100000

typedef struct {
  unsigned char* key; /* the pattern and graph, encoded; NULL if free */
  size_t         len;
  uint64_t       hash;
  uint64_t       used; /* the clock when last asked */
  MatchSet*      set;
} Cached;

/* Patterns by the parts bound: subject none, IRI or blank; predicate none
 * or IRI; object none, IRI, blank or literal; graph none or IRI. */
#define SHAPES (3 * 2 * 4 * 2)

enum { ID_URI, ID_BLANK, ID_LIT, ID_N };

typedef struct {
  librdf_storage* inner;
  Cached          cache[CACHE_SLOTS];
  size_t          rows; /* statements held by the cache */
  uint64_t        clock;
  /* A store on disk: its tables, read directly (sql_find); NULL db in
   * memory. */
  sqlite3*      db;
  sqlite3_stmt* id[ID_N];
  sqlite3_stmt* shape[SHAPES];
} Union;

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
match_clear(Match* x)
{
  free(x->key);
  librdf_free_statement(x->st);
  if (x->ctx) {
    librdf_free_node(x->ctx);
  }
}

static void
set_release(MatchSet* set)
{
  if (set && !--set->refs) {
    for (size_t i = 0; i < set->n; ++i) {
      match_clear(&set->v[i]);
    }
    free(set->v);
    free(set);
  }
}

static void
matches_free(void* data)
{
  Matches* m = data;
  set_release(m->set);
  free(m);
}

static int
matches_end(void* data)
{
  Matches* m = data;
  return m->at >= m->set->n;
}

static int
matches_next(void* data)
{
  Matches* m = data;
  if (m->at < m->set->n) {
    ++m->at;
  }
  return m->at >= m->set->n;
}

static void*
matches_get(void* data, int flags)
{
  Matches* m = data;
  if (m->at >= m->set->n) {
    return NULL;
  }
  Match* x = &m->set->v[m->at];
  return flags == LIBRDF_STREAM_GET_METHOD_GET_CONTEXT ? (void*)x->ctx : (void*)x->st;
}

/* A stream over set, which it holds a reference to; NULL if out of memory. */
static librdf_stream*
stream_of(librdf_world* w, MatchSet* set)
{
  Matches* m = calloc(1, sizeof *m);
  if (!m) {
    return NULL;
  }
  m->set = set;
  ++set->refs;
  librdf_stream* out = librdf_new_stream(w, m, matches_end, matches_next, matches_get, matches_free);
  if (!out) {
    matches_free(m);
  }
  return out;
}

static MatchSet*
set_new(void)
{
  MatchSet* m = calloc(1, sizeof *m);
  if (m) {
    m->refs = 1;
  }
  return m;
}

/* Adds st (taken over) in graph ctx (copied; NULL for none); false if
 * out of memory, st freed. */
static bool
set_add(librdf_world* w, MatchSet* m, size_t* cap, librdf_statement* st, librdf_node* ctx)
{
  if (m->n == *cap) {
    size_t c = *cap ? *cap * 2 : 16;
    Match* v = realloc(m->v, c * sizeof *v);
    if (!v) {
      librdf_free_statement(st);
      return false;
    }
    m->v = v;
    *cap = c;
  }
  Match* x = &m->v[m->n];
  x->st    = st;
  x->len   = librdf_statement_encode_parts2(w, st, ctx, NULL, 0, LIBRDF_STATEMENT_ALL);
  x->key   = malloc(x->len ? x->len : 1);
  x->ctx   = ctx ? librdf_new_node_from_node(ctx) : NULL;
  if (!x->key || (ctx && !x->ctx)) {
    match_clear(x);
    return false;
  }
  librdf_statement_encode_parts2(w, st, ctx, x->key, x->len, LIBRDF_STATEMENT_ALL);
  ++m->n;
  return true;
}

/* Sorts m by triple (and graph), one of each. */
static void
set_sort(MatchSet* m)
{
  if (m->n > 1) {
    qsort(m->v, m->n, sizeof *m->v, cmp_match);
    size_t k = 1;
    for (size_t i = 1; i < m->n; ++i) {
      if (cmp_match(&m->v[i], &m->v[k - 1])) {
        m->v[k++] = m->v[i];
      } else {
        match_clear(&m->v[i]);
      }
    }
    m->n = k;
  }
}

/* Reads in whole, sorted by triple (and graph when by_graph), one of each;
 * when only is not NULL, only the statements in that graph.  The set has
 * one reference, the caller's. */
static MatchSet*
read_whole(librdf_world* w, librdf_stream* in, bool by_graph, librdf_node* only, librdf_node* object)
{
  MatchSet* m   = set_new();
  size_t    cap = 0;
  bool      ok  = m && in;
  for (; ok && !librdf_stream_end(in); librdf_stream_next(in)) {
    librdf_statement* st  = librdf_stream_get_object(in);
    librdf_node*      ctx = by_graph || only ? librdf_stream_get_context2(in) : NULL;
    if ((only && (!ctx || !librdf_node_equals(ctx, only)))
        || (object && !librdf_node_equals(librdf_statement_get_object(st), object))) {
      continue;
    }
    librdf_statement* copy = librdf_new_statement_from_statement(st);
    ok                     = copy && set_add(w, m, &cap, copy, by_graph ? ctx : NULL);
  }
  if (in) {
    librdf_free_stream(in);
  }
  if (!ok) {
    set_release(m);
    return NULL;
  }
  set_sort(m);
  return m;
}

/* ---- patterns read from the SQLite tables directly ---- */

/* Redland's SQLite storage compiled SQL for every pattern a query asked:
 * one statement to find each bound node's id, then the find itself (with
 * the cache, CQ9 still asked 8,000 patterns, at 0.1 ms each, most of it
 * SQLite's parser).  A query over a store reads the same tables through
 * statements prepared once: one per shape of pattern, and one per kind of
 * node for the ids.  The rows are turned into statements as Redland's
 * storage turns them. */

static const char* const id_sql[ID_N] = {
  "SELECT id FROM uris WHERE uri = ?1",
  "SELECT id FROM blanks WHERE blank = ?1",
  "SELECT id FROM literals WHERE text = ?1 AND language IS ?2 AND datatype IS ?3",
};

static void
sql_close(Union* u)
{
  for (size_t i = 0; i < ID_N; ++i) {
    sqlite3_finalize(u->id[i]);
    u->id[i] = NULL;
  }
  for (size_t i = 0; i < SHAPES; ++i) {
    sqlite3_finalize(u->shape[i]);
    u->shape[i] = NULL;
  }
  if (u->db) {
    sqlite3_close_v2(u->db);
    u->db = NULL;
  }
}

/* Opens path for sql_find; leaves u->db NULL if it cannot (Redland's
 * storage then finds, as before). */
static void
sql_open(Union* u, const char* path)
{
  bool ok = sqlite3_open_v2(path, &u->db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK;
  for (size_t i = 0; ok && i < ID_N; ++i) {
    ok = sqlite3_prepare_v3(u->db, id_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &u->id[i], NULL)
         == SQLITE_OK;
  }
  if (!ok) {
    sql_close(u);
  }
}

/* Runs id lookup q (bound): 1 and *id, 0 if there is no such row, -1 on
 * an error. */
static int
sql_step_id(sqlite3_stmt* q, int64_t* id)
{
  int rc = sqlite3_step(q);
  if (rc == SQLITE_ROW) {
    *id = sqlite3_column_int64(q, 0);
  }
  sqlite3_reset(q);
  sqlite3_clear_bindings(q);
  return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* n's id in its table: 1 and *id, 0 if the store has no such node, -1 on
 * an error. */
static int
sql_id(Union* u, librdf_node* n, int64_t* id)
{
  sqlite3_stmt* q;
  if (librdf_node_is_resource(n)) {
    q = u->id[ID_URI];
    sqlite3_bind_text(q, 1, (const char*)librdf_uri_as_string(librdf_node_get_uri(n)), -1,
                      SQLITE_STATIC);
  } else if (librdf_node_is_blank(n)) {
    q = u->id[ID_BLANK];
    sqlite3_bind_text(q, 1, (const char*)librdf_node_get_blank_identifier(n), -1, SQLITE_STATIC);
  } else if (librdf_node_is_literal(n)) {
    librdf_uri* dt    = librdf_node_get_literal_value_datatype_uri(n);
    int64_t     dt_id = 0;
    if (dt) {
      q = u->id[ID_URI];
      sqlite3_bind_text(q, 1, (const char*)librdf_uri_as_string(dt), -1, SQLITE_STATIC);
      int r = sql_step_id(q, &dt_id);
      if (r <= 0) {
        return r;
      }
    }
    q                = u->id[ID_LIT];
    const char* lang = librdf_node_get_literal_value_language(n);
    sqlite3_bind_text(q, 1, (const char*)librdf_node_get_literal_value(n), -1, SQLITE_STATIC);
    bind_text(q, 2, lang); /* NULL when there is none, as the rows are */
    if (dt) {
      sqlite3_bind_int64(q, 3, dt_id);
    } else {
      sqlite3_bind_null(q, 3);
    }
  } else {
    return 0;
  }
  return sql_step_id(q, id);
}

/* The kind of n's column for the shape: 0 unbound, 1 IRI, 2 blank,
 * 3 literal. */
static int
kind_of(librdf_node* n)
{
  return !n ? 0 : librdf_node_is_resource(n) ? 1 : librdf_node_is_blank(n) ? 2 : 3;
}

/* The statement for a shape, prepared on first use; NULL on an error. */
static sqlite3_stmt*
sql_shape(Union* u, int sk, int pk, int ok, int gk)
{
  size_t i = (size_t)(((sk * 2 + pk) * 4 + ok) * 2 + gk);
  if (u->shape[i]) {
    return u->shape[i];
  }
  static const char* const subject[] = {NULL, "T.subjectUri = ?1", "T.subjectBlank = ?1"};
  static const char* const object[]  = {NULL, "T.objectUri = ?3", "T.objectBlank = ?3",
                                        "T.objectLiteral = ?3"};
  const char*              where[4]  = {subject[sk], pk ? "T.predicateUri = ?2" : NULL, object[ok],
                          gk ? "T.contextUri = ?4" : NULL};
  char                     sql[1024] =
    "SELECT su.uri, sb.blank, pu.uri, ou.uri, ob.blank, ol.text, ol.language, "
    "dt.uri FROM triples T"
    " LEFT JOIN uris su ON su.id = T.subjectUri"
    " LEFT JOIN blanks sb ON sb.id = T.subjectBlank"
    " LEFT JOIN uris pu ON pu.id = T.predicateUri"
    " LEFT JOIN uris ou ON ou.id = T.objectUri"
    " LEFT JOIN blanks ob ON ob.id = T.objectBlank"
    " LEFT JOIN literals ol ON ol.id = T.objectLiteral"
    " LEFT JOIN uris dt ON dt.id = ol.datatype";
  const char* join = " WHERE ";
  for (int k = 0; k < 4; ++k) {
    if (where[k]) {
      strcat(sql, join); /* at most 4 short conditions: well within sql */
      strcat(sql, where[k]);
      join = " AND ";
    }
  }
  if (sqlite3_prepare_v3(u->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &u->shape[i], NULL) != SQLITE_OK) {
    sqlite3_finalize(u->shape[i]);
    u->shape[i] = NULL;
  }
  return u->shape[i];
}

static librdf_node*
text_node(librdf_world* w, const unsigned char* uri, const unsigned char* blank)
{
  return uri     ? librdf_new_node_from_uri_string(w, uri)
         : blank ? librdf_new_node_from_blank_identifier(w, blank)
                 : NULL;
}

/* The statement of the row q is on; NULL if out of memory or the row is
 * not a statement. */
static librdf_statement*
row_statement(librdf_world* w, sqlite3_stmt* q)
{
  const unsigned char* c[8];
  for (int i = 0; i < 8; ++i) {
    c[i] = sqlite3_column_text(q, i);
  }
  librdf_node* sn = text_node(w, c[0], c[1]);
  librdf_node* pn = text_node(w, c[2], NULL);
  librdf_node* on = text_node(w, c[3], c[4]);
  if (!c[3] && !c[4] && c[5]) {
    librdf_uri* dt = c[7] ? librdf_new_uri(w, c[7]) : NULL;
    on             = !c[7] || dt
                       ? librdf_new_node_from_typed_literal(w, c[5], c[6] && *c[6] ? (const char*)c[6] : NULL, dt)
                       : NULL;
    if (dt) {
      librdf_free_uri(dt);
    }
  }
  if (sn && pn && on) {
    return librdf_new_statement_from_nodes(w, sn, pn, on); /* takes the nodes, even failing */
  }
  librdf_node* v[3] = {sn, pn, on};
  for (int i = 0; i < 3; ++i) {
    if (v[i]) {
      librdf_free_node(v[i]);
    }
  }
  return NULL;
}

/* st's matches in graph ctx (NULL: every graph, one of each triple), read
 * from the tables; NULL on an error, logged (an error the query reports,
 * never a partial answer). */
static MatchSet*
sql_find(Union* u, librdf_world* w, librdf_statement* st, librdf_node* ctx)
{
  librdf_node* part[4] = {librdf_statement_get_subject(st), librdf_statement_get_predicate(st),
                          librdf_statement_get_object(st), ctx};
  int          kind[4] = {0, 0, 0, 0};
  int64_t      id[4]   = {0, 0, 0, 0};
  int          found   = 1;
  for (int i = 0; i < 4 && found > 0; ++i) {
    kind[i] = kind_of(part[i]);
    if (kind[i]) {
      /* A predicate or a graph is an IRI; a subject is not a literal. */
      found = (i % 2 == 1 && kind[i] != 1) || (i == 0 && kind[i] == 3) ? 0
                                                                       : sql_id(u, part[i], &id[i]);
    }
  }
  MatchSet*     m   = set_new();
  size_t        cap = 0;
  sqlite3_stmt* q = found > 0 && m ? sql_shape(u, kind[0], kind[1] > 0, kind[2], kind[3] > 0) : NULL;
  bool          ok     = m && found >= 0 && (found == 0 || q);
  bool          sql_ok = found >= 0 && (found == 0 || q); /* else SQLite says why */
  if (ok && q) {
    for (int i = 0; i < 4; ++i) {
      if (kind[i]) {
        sqlite3_bind_int64(q, i + 1, id[i]);
      }
    }
    int rc = SQLITE_DONE;
    while (ok && (rc = sqlite3_step(q)) == SQLITE_ROW) {
      librdf_statement* row = row_statement(w, q);
      ok                    = row && set_add(w, m, &cap, row, NULL);
    }
    sql_ok = rc == SQLITE_DONE || rc == SQLITE_ROW;
    ok     = ok && rc == SQLITE_DONE;
    sqlite3_reset(q);
  }
  if (!ok) {
    librdf_log(w, 0, LIBRDF_LOG_ERROR, LIBRDF_FROM_STORAGE, NULL, "cannot read the store: %s",
               sql_ok && m ? "out of memory" : sqlite3_errmsg(u->db));
    set_release(m);
    return NULL;
  }
  set_sort(m);
  return m;
}

static void
cache_drop(Union* u, Cached* e)
{
  u->rows -= e->set->n;
  set_release(e->set);
  free(e->key);
  e->key = NULL;
  e->set = NULL;
}

static void
cache_clear(Union* u)
{
  for (size_t i = 0; i < CACHE_SLOTS; ++i) {
    if (u->cache[i].key) {
      cache_drop(u, &u->cache[i]);
    }
  }
}

/* The cache's key for pattern st in graph ctx (NULL: the default graph);
 * NULL if out of memory. */
static unsigned char*
cache_key(librdf_world* w, librdf_statement* st, librdf_node* ctx, size_t* len)
{
  *len             = librdf_statement_encode_parts2(w, st, ctx, NULL, 0, LIBRDF_STATEMENT_ALL);
  unsigned char* k = malloc(*len + 1);
  if (k) {
    librdf_statement_encode_parts2(w, st, ctx, k, *len, LIBRDF_STATEMENT_ALL);
    k[(*len)++] = ctx ? 'g' : 'd'; /* the default graph is not a graph's name */
  }
  return k;
}

static Cached*
cache_find(Union* u, const unsigned char* k, size_t len, uint64_t h)
{
  for (size_t i = 0; i < CACHE_SLOTS; ++i) {
    Cached* e = &u->cache[i];
    if (e->key && e->hash == h && e->len == len && !memcmp(e->key, k, len)) {
      e->used = ++u->clock;
      return e;
    }
  }
  return NULL;
}

static Cached*
cache_oldest(Union* u)
{
  Cached* oldest = NULL;
  for (size_t i = 0; i < CACHE_SLOTS; ++i) {
    Cached* e = &u->cache[i];
    if (e->key && (!oldest || e->used < oldest->used)) {
      oldest = e;
    }
  }
  return oldest;
}

/* Keeps set under key k (taken over: freed here if not kept). */
static void
cache_put(Union* u, unsigned char* k, size_t len, uint64_t h, MatchSet* set)
{
  if (set->n > CACHE_ROWS) {
    free(k);
    return;
  }
  while (u->rows + set->n > CACHE_ROWS) {
    cache_drop(u, cache_oldest(u)); /* rows > 0: some pattern is kept */
  }
  Cached* slot = NULL;
  for (size_t i = 0; !slot && i < CACHE_SLOTS; ++i) {
    slot = u->cache[i].key ? NULL : &u->cache[i];
  }
  if (!slot) {
    slot = cache_oldest(u);
    cache_drop(u, slot);
  }
  slot->key  = k;
  slot->len  = len;
  slot->hash = h;
  slot->used = ++u->clock;
  slot->set  = set;
  ++set->refs;
  u->rows += set->n;
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
  Union* u = librdf_storage_get_instance(s);
  if (u) {
    cache_clear(u);
    sql_close(u);
  }
  free(u);
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
  librdf_world*  w   = librdf_storage_get_world(s);
  MatchSet*      set = read_whole(w, librdf_storage_serialise(inner_of(s)), false, NULL, NULL);
  librdf_stream* out = set ? stream_of(w, set) : NULL;
  set_release(set);
  return out;
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

/* st's matches, in graph ctx or (NULL) in the default graph, from the
 * cache or read and kept. */
static librdf_stream*
find_cached(librdf_storage* s, librdf_statement* st, librdf_node* ctx)
{
  Union*         u   = librdf_storage_get_instance(s);
  librdf_world*  w   = librdf_storage_get_world(s);
  size_t         len = 0;
  unsigned char* k   = cache_key(w, st, ctx, &len);
  uint64_t       h   = k ? key_hash((const char*)k, len) : 0;
  Cached*        e   = k ? cache_find(u, k, len, h) : NULL;
  if (e) {
    free(k);
    return stream_of(w, e->set);
  }
  MatchSet* set = NULL;
  if (u->db) {
    set = sql_find(u, w, st, ctx);
  } else {
    librdf_node*   object = NULL;
    librdf_stream* found  = find_inner(s, st, &object);
    set                   = read_whole(w, found, false, ctx, object);
    if (object) {
      librdf_free_node(object);
    }
  }
  librdf_stream* out = set ? stream_of(w, set) : NULL;
  if (out && k) {
    cache_put(u, k, len, h, set);
  } else {
    free(k);
  }
  set_release(set);
  return out;
}

static librdf_stream*
union_find(librdf_storage* s, librdf_statement* st)
{
  return find_cached(s, st, NULL);
}

static librdf_stream*
union_find_in(librdf_storage* s, librdf_statement* st, librdf_node* ctx)
{
  /* Both Redland storages find in a graph by reading all of it (SQLite's:
   * 27 s for a join of three patterns per graph over 56 k quads): in
   * memory, their indexes over every graph are used and the graph checked
   * after (1.4 s); on disk, the graph is one more column the SQL matches. */
  return find_cached(s, st, ctx);
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
    if (s->qmodel && s->path && !s->vdir && !s->db) {
      /* a reader: what it reads is committed */
      sql_open(librdf_storage_get_instance(s->qstorage), s->path);
    }
  } else {
    /* The statements may have changed since the last query. */
    cache_clear(librdf_storage_get_instance(s->qstorage));
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
      const UnkgTriple  t    = unkg_graph_get(g, k);
      librdf_statement* stmt = statement_of(s, &t);
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

/* ---- Virtuoso --------------------------------------------------------------- */

/* `--store virtuoso:DIR`: a private Virtuoso (Debian's virtuoso-opensource)
 * that unkg starts in DIR, on 127.0.0.1 with ports nobody uses, and that
 * keeps running for the next command until `unkg store stop DIR`.
 *
 * Queries go through Redland's Virtuoso storage (librdf-storage-virtuoso,
 * ODBC) in its "vsparql" language, so Virtuoso's own SPARQL engine answers
 * them.  Debian's librdf does not register that language: the storage
 * module holds librdf_init_query_virtuoso but nothing calls it, and
 * librdf_new_query(world, "vsparql") fails; unkg calls it itself.
 *
 * Loading does not go through the storage: it adds a statement per ODBC
 * round trip (900 quads/s).  Graphs are written as N-Quads into DIR/load
 * and given to Virtuoso's bulk loader, by SQL fed to isql-vt on its
 * standard input (graph names as quoted SQL strings, never on a command
 * line).
 *
 * The default graph is the merge, as in the SQLite store: Virtuoso's
 * default graph is every graph, so a triple that two documents state would
 * come twice.  After each load the graph <urn:x-unkg:union> is made the set
 * of the triples of the documents' graphs, queries take it as their
 * default graph, and GRAPH ?g never sees it or Virtuoso's own graphs. */

#define VT_PREFIX "virtuoso:"
#define VT_UNION "urn:x-unkg:union"
#define VT_DEFAULT "urn:x-unkg:default-graph"

bool
unkg_store_is_virtuoso(const char* path)
{
  return path && !strncmp(path, VT_PREFIX, strlen(VT_PREFIX));
}

/* DIR/name, or NULL. */
static char*
vt_file(const char* dir, const char* name)
{
  UnkgBuf b = {0};
  if (unkg_buf_printf(&b, "%s/%s", dir, name)) {
    unkg_buf_clear(&b);
  }
  return unkg_buf_take(&b);
}

static char*
vt_read_line(const char* dir, const char* name)
{
  char* path = vt_file(dir, name);
  FILE* f    = path ? fopen(path, "r") : NULL;
  char  line[4096];
  char* out = NULL;
  if (f && fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    out                       = unkg_strdup(line);
  }
  if (f) {
    fclose(f);
  }
  free(path);
  return out;
}

static bool
vt_write_file(const char* dir, const char* name, const char* text)
{
  char* path = vt_file(dir, name);
  FILE* f    = path ? fopen(path, "w") : NULL;
  bool  ok   = f && fputs(text, f) >= 0;
  if (f && fclose(f)) {
    ok = false;
  }
  free(path);
  return ok;
}

static bool
vt_port_open(int port)
{
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return false;
  }
  struct sockaddr_in a = {0};
  a.sin_family         = AF_INET;
  a.sin_port           = htons((uint16_t)port);
  a.sin_addr.s_addr    = htonl(INADDR_LOOPBACK);
  bool ok              = connect(fd, (struct sockaddr*)&a, sizeof a) == 0;
  close(fd);
  return ok;
}

/* A port nothing listens on now: the kernel's pick for a socket bound to
 * port 0, released at once (Virtuoso binds it a moment later). */
static int
vt_free_port(void)
{
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return -1;
  }
  struct sockaddr_in a = {0};
  socklen_t          n = sizeof a;
  a.sin_family         = AF_INET;
  a.sin_addr.s_addr    = htonl(INADDR_LOOPBACK);
  int port             = -1;
  if (!bind(fd, (struct sockaddr*)&a, sizeof a) && !getsockname(fd, (struct sockaddr*)&a, &n)) {
    port = ntohs(a.sin_port);
  }
  close(fd);
  return port;
}

/* The server running in dir: its SQL port, else 0. */
static int
vt_running(const char* dir)
{
  char* pid  = vt_read_line(dir, "pid");
  char* port = vt_read_line(dir, "sqlport");
  int   p    = port ? atoi(port) : 0;
  bool  up   = pid && atoi(pid) > 0 && kill((pid_t)atoi(pid), 0) == 0 && p > 0 && vt_port_open(p);
  free(pid);
  free(port);
  return up ? p : 0;
}

/* The last lines of Virtuoso's log, as the error of a server that did not
 * start. */
static UnkgStatus
vt_log_error(const UnkgCtx* c, const char* dir, const char* what)
{
  char*  path     = vt_file(dir, "virtuoso.log");
  FILE*  f        = path ? fopen(path, "r") : NULL;
  char*  ring[12] = {NULL};
  size_t n        = 0;
  char   line[1024];
  while (f && fgets(line, sizeof line, f)) {
    free(ring[n % 12]);
    ring[n % 12] = unkg_strdup(line);
    ++n;
  }
  if (f) {
    fclose(f);
  }
  UnkgBuf b = {0};
  for (size_t i = n > 12 ? n - 12 : 0; i < n; ++i) {
    unkg_buf_printf(&b, "    %s", ring[i % 12] ? ring[i % 12] : "\n");
  }
  for (size_t i = 0; i < 12; ++i) {
    free(ring[i]);
  }
  UnkgStatus st = unkg_error_in(c, dir, UNKG_ERR_IO, 0, 0, "%s%s%s%s", what,
                                b.data ? "; the end of " : "", b.data ? path : "", b.data ? ":" : "");
  if (b.data) {
    fputs(b.data, stderr);
  }
  unkg_buf_clear(&b);
  free(path);
  return st;
}

static const char*
vt_odbc_driver(void)
{
  static const char* const drivers[] = {"/usr/lib/x86_64-linux-gnu/odbc/virtodbcu_r.so",
                                        "/usr/lib/aarch64-linux-gnu/odbc/virtodbcu_r.so",
                                        "/usr/lib/odbc/virtodbcu_r.so",
                                        "/usr/local/lib/virtodbcu_r.so"};
  for (size_t i = 0; i < sizeof drivers / sizeof *drivers; ++i) {
    if (!access(drivers[i], R_OK)) {
      return drivers[i];
    }
  }
  return NULL;
}

/* Starts a server in dir (which exists), waits until it answers. */
static UnkgStatus
vt_start(const UnkgCtx* c, const char* dir)
{
  const char* driver = vt_odbc_driver();
  if (!driver) {
    return unkg_error_in(c, dir, UNKG_ERR_IO, 0, 0,
                         "Virtuoso's ODBC driver virtodbcu_r.so not found (apt-get install "
                         "virtuoso-opensource librdf-storage-virtuoso)");
  }
  int sql = vt_free_port(), http = vt_free_port();
  while (http == sql && sql > 0) {
    http = vt_free_port();
  }
  if (sql <= 0 || http <= 0) {
    return unkg_error_in(c, dir, UNKG_ERR_IO, 0, 0, "no free port for Virtuoso: %s", strerror(errno));
  }
  UnkgBuf    ini = {0}, odbc = {0}, port = {0};
  UnkgStatus st = unkg_buf_printf(
    &ini,
    "[Database]\nDatabaseFile = %s/virtuoso.db\nErrorLogFile = %s/virtuoso.log\n"
    "LockFile = %s/virtuoso.lck\nTransactionFile = %s/virtuoso.trx\n"
    "xa_persistent_file = %s/virtuoso.pxa\nErrorLogLevel = 7\nFileExtend = 200\n"
    "MaxCheckpointRemap = 2000\nStriping = 0\nTempStorage = TempDatabase\n\n"
    "[TempDatabase]\nDatabaseFile = %s/virtuoso-temp.db\nTransactionFile = %s/virtuoso-temp.trx\n"
    "MaxCheckpointRemap = 2000\nStriping = 0\n\n"
    "[Parameters]\nServerPort = 127.0.0.1:%d\nDirsAllowed = ., %s/load\nNumberOfBuffers = 170000\n"
    "MaxDirtyBuffers = 130000\nCheckpointInterval = 0\nMaxClientConnections = 10\n\n"
    "[HTTPServer]\nServerPort = 127.0.0.1:%d\nServerRoot = %s\nMaxClientConnections = 2\n"
    "ServerThreads = 2\n\n[SPARQL]\nResultSetMaxRows = 100000000\nMaxQueryExecutionTime = 0\n",
    dir, dir, dir, dir, dir, dir, dir, sql, dir, http, dir);
  st = st ? st : unkg_buf_printf(&odbc, "[unkg]\nDriver = %s\nHost = 127.0.0.1:%d\n", driver, sql);
  st = st ? st : unkg_buf_printf(&port, "%d\n", sql);
  char httptext[32];
  snprintf(httptext, sizeof httptext, "%d\n", http);
  /* httpport: the SPARQL endpoint http://127.0.0.1:PORT/sparql, for tools */
  if (st || !vt_write_file(dir, "virtuoso.ini", ini.data)
      || !vt_write_file(dir, "odbc.ini", odbc.data) || !vt_write_file(dir, "sqlport", port.data)
      || !vt_write_file(dir, "httpport", httptext)) {
    unkg_buf_clear(&ini);
    unkg_buf_clear(&odbc);
    unkg_buf_clear(&port);
    return unkg_error_in(c, dir, UNKG_ERR_IO, 0, 0, "cannot write Virtuoso's configuration: %s",
                         strerror(errno));
  }
  unkg_buf_clear(&odbc);
  unkg_buf_clear(&port);
  char* load = vt_file(dir, "load");
  if (load) {
    mkdir(load, 0700);
  }
  free(load);
  char* inipath = vt_file(dir, "virtuoso.ini");
  char* outpath = vt_file(dir, "stdout.log");
  unkg_buf_clear(&ini);
  fflush(stdout);
  fflush(stderr);
  pid_t pid = inipath && outpath ? fork() : -1;
  if (pid == 0) {
    /* Its own session (a signal to unkg's terminal or process group does
     * not stop it) and the limits of a server, not those of the query
     * process it may be started from. */
    setsid();
    static const int limits[] = {RLIMIT_AS, RLIMIT_CPU, RLIMIT_STACK, RLIMIT_DATA};
    for (size_t i = 0; i < sizeof limits / sizeof *limits; ++i) {
      struct rlimit r;
      if (!getrlimit(limits[i], &r)) {
        r.rlim_cur = limits[i] == RLIMIT_STACK && r.rlim_max > (rlim_t)(8 << 20) ? (rlim_t)(8 << 20)
                                                                                 : r.rlim_max;
        setrlimit(limits[i], &r);
      }
    }
    int out = open(outpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    int in  = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (out < 0 || in < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0 || chdir(dir)) {
      _exit(127);
    }
    execlp("virtuoso-t", "virtuoso-t", "+configfile", inipath, "+foreground", (char*)NULL);
    _exit(127);
  }
  free(outpath);
  free(inipath);
  if (pid < 0) {
    return unkg_error_in(c, dir, UNKG_ERR_IO, 0, 0, "cannot start Virtuoso: %s", strerror(errno));
  }
  char pidtext[32];
  snprintf(pidtext, sizeof pidtext, "%ld\n", (long)pid);
  vt_write_file(dir, "pid", pidtext);
  /* Ready when its SQL port answers; a fresh database takes a few seconds
   * to be made.  A server that exits was refused something: its log says
   * what. */
  for (int i = 0; i < 1200; ++i) {
    int   status;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        return unkg_error_in(c, dir, UNKG_ERR_IO, 0, 0,
                             "cannot run virtuoso-t (apt-get install virtuoso-opensource)");
      }
      return vt_log_error(c, dir, "Virtuoso did not start");
    }
    if (vt_port_open(sql)) {
      return UNKG_OK;
    }
    struct timespec nap = {0, 100 * 1000 * 1000};
    nanosleep(&nap, NULL);
  }
  kill(pid, SIGKILL);
  return vt_log_error(c, dir, "Virtuoso did not answer within 120 s");
}

/* The store's directory, made absolute (and created for a writer). */
static UnkgStatus
vt_dir(const UnkgCtx* c, const char* path, bool create, char** out)
{
  const char* dir = path + strlen(VT_PREFIX);
  *out            = NULL;
  if (!*dir) {
    return unkg_error_in(c, path, UNKG_ERR_USAGE, 0, 0, "virtuoso: needs a directory");
  }
  if (create && mkdir(dir, 0700) && errno != EEXIST) {
    return unkg_error_in(c, dir, UNKG_ERR_IO, 0, 0, "cannot make the store's directory: %s",
                         strerror(errno));
  }
  char*       abs = realpath(dir, NULL);
  struct stat sb;
  if (!abs || stat(abs, &sb) || !S_ISDIR(sb.st_mode)) {
    free(abs);
    return unkg_error_in(c, dir, UNKG_ERR_IO, 0, 0, "%s",
                         create ? "not a directory" : "no such store (make one with unkg load)");
  }
  if (strpbrk(abs, "'\\\n\r\t,;=[]")) {
    free(abs);
    return unkg_error_in(
      c, dir, UNKG_ERR_IO, 0, 0,
      "a Virtuoso store's directory name may not hold ' \\ , ; = [ ] or a control character");
  }
  *out = abs;
  return UNKG_OK;
}

UnkgStatus
unkg_store_serve(const UnkgCtx* c, const char* path, bool create)
{
  if (!unkg_store_is_virtuoso(path)) {
    return UNKG_OK;
  }
  char*      dir = NULL;
  UnkgStatus st  = vt_dir(c, path, create, &dir);
  if (!st && !vt_running(dir)) {
    char* db = vt_file(dir, "virtuoso.db");
    if (!create && db && access(db, F_OK)) {
      st = unkg_error_in(c, dir, UNKG_ERR_IO, 0, 0, "no such store (make one with unkg load)");
    } else {
      st = vt_start(c, dir);
    }
    free(db);
  }
  free(dir);
  return st;
}

/* Runs SQL through isql-vt; its output (isql prints errors there and
 * exits 0) is checked for errors and returned in *out if out is not NULL. */
static UnkgStatus
vt_sql(const UnkgCtx* c, const char* dir, const char* sql, char** out)
{
  int   port   = vt_running(dir);
  char* inpath = vt_file(dir, "isql.in");
  char* res    = vt_file(dir, "isql.out");
  if (out) {
    *out = NULL;
  }
  if (!port || !inpath || !res || !vt_write_file(dir, "isql.in", sql)) {
    free(inpath);
    free(res);
    return unkg_error_in(c, dir, UNKG_ERR_IO, 0, 0, "%s",
                         port ? "cannot write to the store's directory" : "Virtuoso is not running");
  }
  char host[64];
  snprintf(host, sizeof host, "127.0.0.1:%d", port);
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid == 0) {
    int in = open(inpath, O_RDONLY | O_CLOEXEC);
    int o  = open(res, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (in < 0 || o < 0 || dup2(in, 0) < 0 || dup2(o, 1) < 0 || dup2(o, 2) < 0) {
      _exit(127);
    }
    execlp("isql-vt", "isql-vt", host, "dba", "dba", (char*)NULL);
    _exit(127);
  }
  int status = -1;
  while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  UnkgBuf    b = {0};
  FILE*      f = fopen(res, "r");
  char       line[4096];
  UnkgStatus st = UNKG_OK;
  while (f && fgets(line, sizeof line, f)) {
    if (!st && !strncmp(line, "*** Error", 9)) {
      line[strcspn(line, "\n")] = '\0';
      st = unkg_error_in(c, dir, UNKG_ERR_IO, 0, 0, "Virtuoso: %s", line + 4);
    }
    unkg_buf_puts(&b, line);
  }
  if (f) {
    fclose(f);
  }
  if (!st && (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status))) {
    st = unkg_error_in(c, dir, UNKG_ERR_IO, 0, 0, "cannot run isql-vt (Virtuoso's SQL client)");
  }
  unlink(inpath);
  unlink(res);
  free(inpath);
  free(res);
  if (out) {
    *out = unkg_buf_take(&b); /* the errors too */
  }
  unkg_buf_clear(&b);
  return st;
}

UnkgStatus
unkg_store_stop(const UnkgCtx* c, const char* path)
{
  char*      dir = NULL;
  UnkgStatus st  = vt_dir(c, path, false, &dir);
  if (st) {
    return st;
  }
  char* pidtext = vt_read_line(dir, "pid");
  pid_t pid     = pidtext ? (pid_t)atoi(pidtext) : 0;
  free(pidtext);
  if (pid > 0 && kill(pid, 0) == 0) {
    /* Virtuoso takes SIGTERM as a shutdown: a checkpoint, then exit */
    kill(pid, SIGTERM);
    for (int i = 0; i < 600 && kill(pid, 0) == 0; ++i) {
      waitpid(pid, NULL, WNOHANG); /* ours if started by this process */
      struct timespec nap = {0, 100 * 1000 * 1000};
      nanosleep(&nap, NULL);
    }
    if (kill(pid, 0) == 0) {
      st = unkg_error_in(c, dir, UNKG_ERR_IO, 0, 0,
                         "Virtuoso (pid %ld) did not stop within 60 s; killed", (long)pid);
      kill(pid, SIGKILL);
    }
  }
  char* p = vt_file(dir, "pid");
  if (p) {
    unlink(p);
  }
  free(p);
  free(dir);
  return st;
}

/* The graphs queries never see: Virtuoso's own (those of a fresh
 * database, listed in DIR/system-graphs when it was made) and the union. */
static UnkgStatus
vt_hidden(const UnkgCtx* c, const char* dir, char*** out, size_t* n)
{
  *out        = NULL;
  *n          = 0;
  char*  path = vt_file(dir, "system-graphs");
  FILE*  f    = path ? fopen(path, "r") : NULL;
  char** v    = calloc(64, sizeof *v);
  char   line[4096];
  free(path);
  if (!v || !(v[0] = unkg_strdup(VT_UNION))) {
    if (f) {
      fclose(f);
    }
    free(v);
    return unkg_error_in(c, dir, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  *n = 1;
  while (f && *n < 63 && fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    if (*line && !strpbrk(line, "<>'\\ \"{}") && (v[*n] = unkg_strdup(line))) {
      ++*n;
    }
  }
  if (f) {
    fclose(f);
  }
  *out = v;
  return UNKG_OK;
}

static void
vt_hidden_free(char** v, size_t n)
{
  for (size_t i = 0; i < n; ++i) {
    free(v[i]);
  }
  free(v);
}

/* What a fresh database holds: recorded once, before any load. */
static UnkgStatus
vt_record_system_graphs(const UnkgCtx* c, const char* dir)
{
  char* path = vt_file(dir, "system-graphs");
  bool  have = path && !access(path, F_OK);
  free(path);
  if (have) {
    return UNKG_OK;
  }
  char*      out = NULL;
  UnkgStatus st  = vt_sql(c, dir,
                          "SELECT DISTINCT '<' || id_to_iri(G) || '>' FROM DB.DBA.RDF_QUAD;\n", &out);
  UnkgBuf    b   = {0};
  for (char* line = out; !st && line && *line;) {
    char* end = strchr(line, '\n');
    if (end) {
      *end = '\0';
    }
    size_t len = strlen(line);
    while (len && line[len - 1] == ' ') {
      line[--len] = '\0';
    }
    if (line[0] == '<' && len > 2 && line[len - 1] == '>') {
      unkg_buf_printf(&b, "%.*s\n", (int)(len - 2), line + 1);
    }
    line = end ? end + 1 : NULL;
  }
  free(out);
  if (!st && !vt_write_file(dir, "system-graphs", b.data ? b.data : "")) {
    st = unkg_error_in(c, dir, UNKG_ERR_IO, 0, 0, "cannot write system-graphs: %s", strerror(errno));
  }
  unkg_buf_clear(&b);
  return st;
}

/* An IRI as an SQL string literal: ' doubled; refused if it holds what no
 * IRI holds (a backslash, a control character). */
static UnkgStatus
vt_quote_iri(const UnkgCtx* c, UnkgBuf* b, const char* iri)
{
  for (const unsigned char* p = (const unsigned char*)iri; *p; ++p) {
    if (*p == '\\' || *p < 0x20) {
      return unkg_error_in(c, NULL, UNKG_ERR_RDF, 0, 0,
                           "graph name <%s> cannot go to Virtuoso (a backslash or control "
                           "character)",
                           iri);
    }
  }
  UnkgStatus st = unkg_buf_puts(b, "'");
  for (const char* p = iri; !st && *p; ++p) {
    st = *p == '\'' ? unkg_buf_puts(b, "''") : unkg_buf_append(b, p, 1);
  }
  return st ? st : unkg_buf_puts(b, "'");
}

static UnkgStatus
vt_open(const UnkgCtx* c, const char* path, bool writer, UnkgStore** out)
{
  *out         = NULL;
  UnkgStore* s = calloc(1, sizeof *s);
  if (!s) {
    return unkg_error_in(c, path, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  s->lock_fd    = -1;
  UnkgStatus st = unkg_store_serve(c, path, writer);
  st            = st ? st : vt_dir(c, path, writer, &s->vdir);
  st            = st ? st : vt_record_system_graphs(c, s->vdir);
  if (!st && !writer) {
    /* ODBC finds the data source "unkg" in the store's own odbc.ini */
    char* ini  = vt_file(s->vdir, "odbc.ini");
    int   port = vt_running(s->vdir);
    char  opts[200];
    snprintf(opts, sizeof opts, "dsn='unkg',user='dba',password='dba',host='127.0.0.1:%d'", port);
    if (!ini || setenv("ODBCINI", ini, 1) || !(s->world = librdf_new_world())) {
      st = unkg_error_in(c, path, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
    } else {
      librdf_world_set_logger(s->world, s, on_log);
      unkg_store_begin(s, c);
      librdf_world_open(s->world);
      if (!(s->storage = librdf_new_storage(s->world, "virtuoso", "unkg", opts))
          || !(s->model = librdf_new_model(s->world, s->storage, NULL))) {
        st = unkg_error_in(c, path, UNKG_ERR_IO, 0, 0,
                           "cannot reach Virtuoso through librdf%s%s (is librdf-storage-virtuoso "
                           "installed?)",
                           s->failed ? ": " : "", s->msg);
      }
      unkg_store_end(s, st);
    }
    free(ini);
  }
  if (st) {
    unkg_store_free(s);
    return st;
  }
  *out = s;
  return UNKG_OK;
}

/* A graph for the bulk loader: N-Quads in DIR/load, and the SQL that
 * clears the graph and loads the file at the commit. */
static UnkgStatus
vt_put(const UnkgCtx* c, UnkgStore* s, const UnkgGraph* g, const char* graph)
{
  UnkgBuf    name = {0}, sql = {0};
  UnkgStatus st = unkg_buf_printf(&name, "%s/load/%ld-%06zu.nq", s->vdir, (long)getpid(), s->vfiles);
  FILE*      f  = st ? NULL : fopen(name.data, "w");
  if (!f) {
    unkg_buf_clear(&name);
    return unkg_error_in(c, s->vdir, UNKG_ERR_IO, 0, 0, "cannot write to %s/load: %s", s->vdir,
                         strerror(errno));
  }
  UnkgGraph named = *g;
  named.name      = (char*)graph;
  char err[200]   = "";
  st              = unkg_serialize_to(f, UNKG_FMT_NQUADS, &named, false, err, sizeof err);
  if (fclose(f) && !st) {
    st = UNKG_ERR_IO;
  }
  if (st) {
    unlink(name.data);
    unkg_buf_clear(&name);
    return unkg_error_in(c, s->vdir, st, 0, 0, "cannot write graph <%s> for Virtuoso%s%s", graph,
                         *err ? ": " : "", err);
  }
  st = unkg_buf_puts(&sql, "DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id(");
  st = st ? st : vt_quote_iri(c, &sql, graph);
  st = st ? st : unkg_buf_puts(&sql, ");\nld_add(");
  st = st ? st : vt_quote_iri(c, &sql, name.data);
  st = st ? st : unkg_buf_puts(&sql, ", '" VT_DEFAULT "');\n");
  st = st ? st : unkg_buf_puts(&s->vsql, sql.data);
  unkg_buf_clear(&sql);
  unkg_buf_clear(&name);
  s->vfiles++;
  s->pending += g->n;
  return st;
}

static UnkgStatus
vt_not_hidden(const UnkgCtx* c, UnkgStore* s, UnkgBuf* sql)
{
  char**     hidden = NULL;
  size_t     n      = 0;
  UnkgStatus st     = vt_hidden(c, s->vdir, &hidden, &n);
  st                = st ? st : unkg_buf_puts(sql, "G NOT IN (");
  for (size_t i = 0; !st && i < n; ++i) {
    st = i ? unkg_buf_puts(sql, ", ") : UNKG_OK;
    st = st ? st : unkg_buf_puts(sql, "iri_to_id(");
    st = st ? st : vt_quote_iri(c, sql, hidden[i]);
    st = st ? st : unkg_buf_puts(sql, ")");
  }
  st = st ? st : unkg_buf_puts(sql, ")");
  vt_hidden_free(hidden, n);
  return st;
}

/* Loads what vt_put wrote, then makes the union graph anew. */
static UnkgStatus
vt_commit(const UnkgCtx* c, UnkgStore* s)
{
  if (!s->vsql.data) {
    return UNKG_OK;
  }
  UnkgBuf sql = {0};
  /* Without a transaction log (log_enable 2): a bulk load is redone, not
   * replayed, after a crash. */
  UnkgStatus st = unkg_buf_printf(&sql, "log_enable(2, 1);\n%s", s->vsql.data);
  st            = st ? st
                     : unkg_buf_puts(&sql,
                                     "rdf_loader_run();\n"
                                     /* again: the loader restores its own setting, and
                                            * the union of millions of quads in one logged
                                            * transaction is refused (SR325) */
                                     "log_enable(2, 1);\n"
                                                "DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id('" VT_UNION
                                     "');\nINSERT SOFT DB.DBA.RDF_QUAD (G, S, P, O) SELECT "
                                                "iri_to_id('" VT_UNION
                                     "'), S, P, O FROM DB.DBA.RDF_QUAD "
                                                "WHERE ");
  st            = st ? st : vt_not_hidden(c, s, &sql);
  st            = st ? st
                     : unkg_buf_puts(&sql,
                                     ";\ncheckpoint;\n"
                                                "SELECT 'unkg-load-errors', COUNT(*) FROM DB.DBA.load_list "
                                                "WHERE ll_error IS NOT NULL;\n"
                                                "SELECT 'unkg-load-error', ll_file, ll_error FROM DB.DBA.load_list "
                                                "WHERE ll_error IS NOT NULL;\n"
                                                "DELETE FROM DB.DBA.load_list;\n"
                                                "SELECT 'unkg-language', RL_ID FROM DB.DBA.RDF_LANGUAGE;\n"
                                                "SELECT 'unkg-datatype', RDT_QNAME FROM DB.DBA.RDF_DATATYPE;\n"
                                                "SELECT DISTINCT 'unkg-graph', id_to_iri(G) FROM DB.DBA.RDF_QUAD "
                                                "WHERE ");
  st            = st ? st : vt_not_hidden(c, s, &sql);
  st            = st ? st : unkg_buf_puts(&sql, ";\n");
  char* out     = NULL;
  st            = st ? st : vt_sql(c, s->vdir, sql.data, &out);
  unkg_buf_clear(&sql);
  const char* e = out ? strstr(out, "unkg-load-errors") : NULL;
  if (!st && (!e || strtol(e + strlen("unkg-load-errors"), NULL, 10) != 0)) {
    const char* why = out ? strstr(out, "unkg-load-error ") : NULL;
    st = unkg_error_in(c, s->vdir, UNKG_ERR_RDF, 0, 0, "Virtuoso's bulk loader failed: %.*s",
                       why ? (int)strcspn(why, "\n") : 9, why ? why : "no report");
  }
  /* The documents' graphs, for queries to name (vt_defines); the language
   * tags and datatypes Virtuoso knows, to repair what librdf's storage
   * reads of them (unkg_store_virtuoso_list). */
  static const char* const lists[][2] = {{"unkg-graph ", "graphs"},
                                         {"unkg-language ", "languages"},
                                         {"unkg-datatype ", "datatypes"}};
  for (size_t k = 0; !st && k < sizeof lists / sizeof *lists; ++k) {
    UnkgBuf list = {0};
    for (const char* l = out; !st && l && (l = strstr(l, lists[k][0]));) {
      l += strlen(lists[k][0]);
      l += strspn(l, " ");
      size_t len = strcspn(l, " \n");
      st         = len ? unkg_buf_printf(&list, "%.*s\n", (int)len, l) : UNKG_OK;
      l += len;
    }
    char tmpname[64];
    snprintf(tmpname, sizeof tmpname, "%s.tmp", lists[k][1]);
    char* from = vt_file(s->vdir, tmpname);
    char* to   = vt_file(s->vdir, lists[k][1]);
    if (!st
        && (!from || !to || !vt_write_file(s->vdir, tmpname, list.data ? list.data : "")
            || rename(from, to))) {
      st = unkg_error_in(c, s->vdir, UNKG_ERR_IO, 0, 0, "cannot write %s: %s", lists[k][1],
                         strerror(errno));
    }
    free(from);
    free(to);
    unkg_buf_clear(&list);
  }
  free(out);
  /* loaded or failed, the files are done with */
  for (size_t i = 0; i < s->vfiles; ++i) {
    char name[64];
    snprintf(name, sizeof name, "load/%ld-%06zu.nq", (long)getpid(), i);
    char* f = vt_file(s->vdir, name);
    if (f) {
      unlink(f);
    }
    free(f);
  }
  unkg_buf_clear(&s->vsql);
  s->vfiles  = 0;
  s->pending = 0;
  return st;
}

/* A count over the documents' graphs, by SQL. */
static size_t
vt_count(UnkgStore* s, const char* what)
{
  UnkgBuf    sql = {0};
  UnkgStatus st = unkg_buf_printf(&sql, "SELECT 'unkg-count', %s FROM DB.DBA.RDF_QUAD WHERE ", what);
  st            = st ? st : vt_not_hidden(NULL, s, &sql);
  st            = st ? st : unkg_buf_puts(&sql, ";\n");
  char* out     = NULL;
  st            = st ? st : vt_sql(NULL, s->vdir, sql.data, &out);
  unkg_buf_clear(&sql);
  const char* e = out ? strstr(out, "unkg-count") : NULL;
  size_t      r = e ? strtoul(e + strlen("unkg-count"), NULL, 10) : 0;
  free(out);
  return r;
}

UnkgStatus
unkg_store_virtuoso_defines(const UnkgCtx* c, UnkgStore* s, UnkgBuf* b)
{
  char**     hidden = NULL;
  size_t     n      = 0;
  UnkgStatus st     = vt_hidden(c, s->vdir, &hidden, &n);
  st                = st ? st : unkg_buf_puts(b, "DEFINE input:default-graph-uri <" VT_UNION "> ");
  /* The named graphs by name: excluding the union from them empties the
   * default graph too (Virtuoso 7.2.5). */
  char*  path = vt_file(s->vdir, "graphs");
  FILE*  f    = path ? fopen(path, "r") : NULL;
  char   line[4096];
  size_t named = 0;
  while (!st && f && fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    if (*line && !strpbrk(line, "<> ")) {
      st = unkg_buf_printf(b, "DEFINE input:named-graph-uri <%s> ", line);
      ++named;
    }
  }
  if (f) {
    fclose(f);
  }
  free(path);
  for (size_t i = 0; !st && !named && i < n; ++i) {
    st = unkg_buf_printf(b, "DEFINE input:named-graph-exclude <%s> ", hidden[i]);
  }
  vt_hidden_free(hidden, n);
  return st;
}

bool
unkg_store_virtuoso_language(UnkgStore* s)
{
  static const char* const modules[] = {
    "/usr/lib/x86_64-linux-gnu/redland/librdf_storage_virtuoso.so",
    "/usr/lib/aarch64-linux-gnu/redland/librdf_storage_virtuoso.so",
    "/usr/lib/redland/librdf_storage_virtuoso.so", "librdf_storage_virtuoso.so"};
  for (size_t i = 0; i < sizeof modules / sizeof *modules; ++i) {
    void* h = dlopen(modules[i], RTLD_NOW | RTLD_NOLOAD);
    void* f = h ? dlsym(h, "librdf_init_query_virtuoso") : NULL;
    if (f) {
      void (*init)(librdf_world*);
      memcpy(&init, &f, sizeof init); /* a data pointer to a function pointer */
      init(s->world);
      return true;
    }
  }
  return false;
}

char**
unkg_store_virtuoso_list(UnkgStore* s, const char* name, size_t* n)
{
  *n          = 0;
  char*  path = s->vdir ? vt_file(s->vdir, name) : NULL;
  FILE*  f    = path ? fopen(path, "r") : NULL;
  char** v    = NULL;
  size_t cap  = 0;
  char   line[4096];
  free(path);
  while (f && fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    if (*n == cap) {
      cap           = cap ? cap * 2 : 16;
      char** bigger = realloc(v, cap * sizeof *v);
      if (!bigger) {
        break;
      }
      v = bigger;
    }
    if (*line && (v[*n] = unkg_strdup(line))) {
      ++*n;
    }
  }
  if (f) {
    fclose(f);
  }
  return v;
}

char*
unkg_store_virtuoso_compile_error(UnkgStore* s, const char* query)
{
  UnkgBuf    sql = {0};
  UnkgStatus st  = unkg_buf_puts(&sql, "SELECT sparql_to_sql_text('");
  for (const char* p = query; !st && *p; ++p) {
    st = *p == '\'' ? unkg_buf_puts(&sql, "''") : unkg_buf_append(&sql, p, 1);
  }
  st        = st ? st : unkg_buf_puts(&sql, "');\n");
  char* out = NULL;
  if (!st) {
    vt_sql(NULL, s->vdir, sql.data, &out);
  }
  unkg_buf_clear(&sql);
  const char* e   = out ? strstr(out, "*** Error") : NULL;
  const char* why = e ? strstr(e, "[Virtuoso Server]") : NULL;
  why             = why ? why + strlen("[Virtuoso Server]") : e;
  char* msg       = NULL;
  if (why) {
    UnkgBuf m = {0};
    if (!unkg_buf_printf(&m, "Virtuoso: %.*s", (int)strcspn(why, "\n"), why)) {
      msg = unkg_buf_take(&m);
    }
    unkg_buf_clear(&m);
  }
  free(out);
  return msg;
}
