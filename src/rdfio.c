#include "rdfio.h"

#include "buf.h"

#include <dirent.h>
#include <errno.h>
#include <raptor2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char*
unkg_rdf_syntax(const char* path)
{
  static const struct {
    const char* ext;
    const char* syntax;
  } exts[] = {
    {".ttl", "turtle"},  {".rdf", "rdfxml"}, {".owl", "rdfxml"},
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

int
unkg_is_rdf_file(const char* path)
{
  return unkg_rdf_syntax(path) != NULL;
}

/* ---- the parse cache ---------------------------------------------------------- */

/* Every start loads the reference data, and most of that was raptor's Turtle
 * parser.  The cache keeps what it made of each file in a form read back
 * without parsing.  A cache file is named by a hash of the source file's
 * name, syntax and blank node prefix, and holds the key it was made for:
 * the file's base IRI (its path), syntax, blank node prefix, size and a
 * hash of its bytes.  A cache file whose key or structure does not match
 * is ignored and replaced.  One is written only after a parse without any
 * message, so that a load from the cache says what the parse would have
 * said: nothing. */

#define CACHE_MAGIC "UNKGRDF2"  /* then the byte order, the key, the records' size */
#define CACHE_ORDER 0x01020304u /* written in the machine's byte order */

char*
unkg_rdf_cache_dir(void)
{
  const char* dir = getenv("UNKG_CACHE_DIR");
  if (dir) {
    return *dir ? unkg_strdup(dir) : NULL;
  }
  const char* xdg  = getenv("XDG_CACHE_HOME");
  const char* home = getenv("HOME");
  UnkgBuf     b    = {0};
  if (xdg && *xdg == '/') { /* the XDG specification ignores relative paths */
    unkg_buf_printf(&b, "%s/unkg", xdg);
  } else if (home && *home) {
    unkg_buf_printf(&b, "%s/.cache/unkg", home);
  }
  return b.data;
}

static UnkgStatus
put_u32(UnkgBuf* b, uint32_t v)
{
  return unkg_buf_append(b, (const char*)&v, sizeof v);
}

static UnkgStatus
put_str(UnkgBuf* b, const char* s)
{
  size_t n = s ? strlen(s) : 0;
  if (n >= UINT32_MAX) {
    return UNKG_ERR_LIMIT;
  }
  UnkgStatus st = put_u32(b, s ? (uint32_t)n : UINT32_MAX);
  return st || !s ? st : unkg_buf_append(b, s, n + 1);
}

/* A kind byte (0: no term), then value, language and datatype. */
static UnkgStatus
put_term(UnkgBuf* b, const UnkgTerm* t)
{
  char       kind = t ? (char)t->kind : 0;
  UnkgStatus st   = unkg_buf_append(b, &kind, 1);
  if (!st && t) {
    st = put_str(b, t->value);
    st = st ? st : put_str(b, t->lang);
    st = st ? st : put_str(b, t->datatype);
  }
  return st;
}

/* A record: line, column, subject, predicate, object, graph. */
static UnkgStatus
put_record(UnkgBuf* b, unsigned line, unsigned column, const UnkgTriple* t, const UnkgTerm* g)
{
  UnkgStatus st = put_u32(b, line);
  st            = st ? st : put_u32(b, column);
  st            = st ? st : put_term(b, &t->s);
  st            = st ? st : put_term(b, &t->p);
  st            = st ? st : put_term(b, &t->o);
  return st ? st : put_term(b, g);
}

typedef struct {
  const char* p;
  const char* end;
} Reader;

static bool
get_u32(Reader* r, uint32_t* v)
{
  if ((size_t)(r->end - r->p) < sizeof *v) {
    return false;
  }
  memcpy(v, r->p, sizeof *v);
  r->p += sizeof *v;
  return true;
}

static bool
get_str(Reader* r, char** s)
{
  uint32_t n;
  if (!get_u32(r, &n)) {
    return false;
  }
  *s = NULL;
  if (n == UINT32_MAX) {
    return true;
  }
  if ((size_t)(r->end - r->p) <= n || r->p[n] != '\0' || memchr(r->p, '\0', n)) {
    return false;
  }
  *s = (char*)r->p;
  r->p += n + 1;
  return true;
}

static bool
get_term(Reader* r, UnkgTerm* t, bool* present)
{
  if (r->p == r->end) {
    return false;
  }
  int kind = (unsigned char)*r->p++;
  *t       = (UnkgTerm){kind, NULL, NULL, NULL};
  *present = kind != 0;
  if (kind == 0) {
    return true;
  }
  return kind <= UNKG_TERM_LITERAL && get_str(r, &t->value) && t->value && get_str(r, &t->lang)
         && get_str(r, &t->datatype);
}

static bool
get_record(Reader* r, uint32_t* line, uint32_t* column, UnkgTriple* t, UnkgTerm* g, bool* has_g)
{
  bool present[3];
  return get_u32(r, line) && get_u32(r, column) && get_term(r, &t->s, &present[0])
         && get_term(r, &t->p, &present[1]) && get_term(r, &t->o, &present[2]) && present[0]
         && present[1] && present[2] && get_term(r, g, has_g);
}

/* The whole of f, which is left at its start; NULL when it does not read. */
static char*
slurp(FILE* f, size_t* len)
{
  UnkgBuf b = {0};
  char    chunk[65536];
  size_t  n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (unkg_buf_append(&b, chunk, n)) {
      unkg_buf_clear(&b);
      return NULL;
    }
  }
  if (ferror(f) || fseek(f, 0, SEEK_SET) != 0) {
    unkg_buf_clear(&b);
    return NULL;
  }
  *len = b.len;
  return unkg_buf_take(&b);
}

/* The key of f's parse, and the cache file that holds it; false: no cache. */
static bool
cache_key(FILE* f, const char* name, const char* base, const char* syntax, const UnkgRdfSink* sink,
          UnkgBuf* key, char** file)
{
  char* dir = unkg_rdf_cache_dir();
  if (!dir) {
    return false;
  }
  size_t     len  = 0;
  char*      data = slurp(f, &len);
  UnkgBuf    id   = {0};
  UnkgBuf    path = {0};
  UnkgStatus st   = data ? UNKG_OK : UNKG_ERR_IO;
  st              = st ? st
                       : unkg_buf_printf(&id, "%s\n%s\n%s\n", base, syntax,
                            sink->anon_prefix ? sink->anon_prefix : "");
  st              = st ? st
                       : unkg_buf_printf(key, "%s%zu\n%016llx\n", id.data, len,
                                         (unsigned long long)unkg_hash_fast(data, len));
  /* Named by the file's name, not its path: data directories made and
   * removed again (tests, builds) take turns in one cache file each, and
   * the cache never holds more files than there are names. */
  const char* slash = strrchr(name, '/');
  UnkgBuf     named = {0};
  st                = st ? st
                         : unkg_buf_printf(&named, "%s\n%s\n%s", slash ? slash + 1 : name, syntax,
                            sink->anon_prefix ? sink->anon_prefix : "");
  st                = st ? st
                         : unkg_buf_printf(&path, "%s/%016llx.rdfc", dir,
                                           (unsigned long long)unkg_hash_fast(named.data, named.len));
  unkg_buf_clear(&named);
  free(data);
  free(dir);
  unkg_buf_clear(&id);
  if (st) {
    unkg_buf_clear(key);
    unkg_buf_clear(&path);
    return false;
  }
  *file = unkg_buf_take(&path);
  return true;
}

/* Hands the triples cached in file to sink, if it holds key and is whole:
 * true and *st the sink's status; false when the cache is of no use. */
static bool
cache_load(const UnkgCtx* ctx, const char* path, const UnkgRdfSink* sink, const char* file,
           const char* key, UnkgStatus* st)
{
  FILE* f = fopen(file, "rb");
  if (!f) {
    return false;
  }
  size_t len  = 0;
  char*  data = slurp(f, &len);
  fclose(f);
  if (!data) {
    return false;
  }
  Reader   r = {data, data + len};
  uint32_t order;
  char*    k;
  bool     ok = len > 8 && !memcmp(data, CACHE_MAGIC, 8);
  r.p += ok ? 8 : 0;
  uint32_t size;
  ok = ok && get_u32(&r, &order) && order == CACHE_ORDER && get_str(&r, &k) && k && !strcmp(k, key)
       && get_u32(&r, &size) && size == (size_t)(r.end - r.p); /* not cut short */
  /* Every record whole before the first goes to the sink. */
  const char* records = r.p;
  UnkgTriple  t;
  UnkgTerm    g;
  bool        has_g;
  uint32_t    line, column;
  while (ok && r.p < r.end) {
    ok = get_record(&r, &line, &column, &t, &g, &has_g);
  }
  *st = UNKG_OK;
  for (r.p = records; ok && !*st && r.p < r.end;) {
    get_record(&r, &line, &column, &t, &g, &has_g);
    if ((*st = sink->triple(sink->ctx, &t, has_g ? &g : NULL))) {
      unkg_error_in(ctx, path, *st, line, column, "%s", unkg_strerror(*st));
    }
  }
  free(data);
  return ok;
}

/* Writes the cache file: to a temporary name, then renamed into place, so
 * that concurrent starts never read half of one.  Failing is harmless. */
static void
cache_store(const char* file, const char* key, const UnkgBuf* records)
{
  char* dir = unkg_strdup(file);
  char* cut = dir ? strrchr(dir, '/') : NULL;
  if (!cut) {
    free(dir);
    return;
  }
  *cut = '\0';
  for (char* q = dir + 1; *q; ++q) { /* mkdir -p, private */
    if (*q == '/') {
      *q = '\0';
      mkdir(dir, 0700);
      *q = '/';
    }
  }
  mkdir(dir, 0700);
  free(dir);
  UnkgBuf    head = {0};
  UnkgBuf    tmp  = {0};
  UnkgStatus st   = unkg_buf_append(&head, CACHE_MAGIC, 8);
  st              = st ? st : put_u32(&head, CACHE_ORDER);
  st              = st ? st : put_str(&head, key);
  st              = st                          ? st
                    : records->len < UINT32_MAX ? put_u32(&head, (uint32_t)records->len)
                                                : UNKG_ERR_LIMIT;
  st              = st ? st : unkg_buf_printf(&tmp, "%s.XXXXXX", file);
  int   fd        = st ? -1 : mkstemp(tmp.data);
  FILE* f         = fd >= 0 ? fdopen(fd, "wb") : NULL;
  if (fd >= 0 && !f) {
    close(fd);
  }
  if (f) {
    bool ok = fwrite(head.data, 1, head.len, f) == head.len
              && (!records->len || fwrite(records->data, 1, records->len, f) == records->len);
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp.data, file) != 0) {
      unlink(tmp.data);
    }
  }
  unkg_buf_clear(&head);
  unkg_buf_clear(&tmp);
}

/* ---- parsing ------------------------------------------------------------------ */

typedef struct {
  const UnkgRdfSink* sink;
  const char*        path;
  const char*        syntax;
  const UnkgCtx*     c;
  raptor_parser*     parser;
  UnkgStatus         st;     /* the sink's */
  bool               failed; /* the parser logged an error (c was told which) */
  bool               logged; /* it logged anything at all */
  UnkgBuf*           rec;    /* the triples for the cache, or NULL */
} Parse;

static unsigned
line_of(raptor_locator* loc)
{
  return loc && loc->line > 0 ? (unsigned)loc->line : 0;
}

static unsigned
column_of(raptor_locator* loc)
{
  return loc && loc->line > 0 && loc->column > 0 ? (unsigned)loc->column : 0;
}

/* cause: NULL when the parser gave none. */
static void
syntax_error(Parse* c, unsigned line, unsigned column, const char* cause)
{
  if (c->sink->what) {
    unkg_error_in(c->c, c->path, UNKG_ERR_SYNTAX, line, column, "%s does not parse%s%s",
                  c->sink->what, cause ? ": " : "", cause ? cause : "");
  } else {
    unkg_error_in(c->c, c->path, UNKG_ERR_SYNTAX, line, column, "not valid %s: %s", c->syntax,
                  cause ? cause : "the parser gave up");
  }
}

/* Some parsers log an error yet return success (the N-Quads parser on
 * Turtle input), so the log, not the return value, decides. */
static void
on_log(void* data, raptor_log_message* m)
{
  Parse* c  = data;
  c->logged = true;
  if (m->level < RAPTOR_LOG_LEVEL_ERROR) {
    unkg_warning_in(c->c, c->path, line_of(m->locator), column_of(m->locator), "%s",
                    m->text ? m->text : "");
    return;
  }
  if (!c->failed) {
    c->failed = true;
    syntax_error(c, line_of(m->locator), column_of(m->locator), m->text ? m->text : "unknown error");
  }
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
  default: break;
  }
}

static void
on_statement(void* data, raptor_statement* r)
{
  Parse* c = data;
  if (c->st) {
    return;
  }
  UnkgTriple t;
  UnkgTerm   graph;
  view(r->subject, &t.s);
  view(r->predicate, &t.p);
  view(r->object, &t.o);
  if (r->graph) {
    view(r->graph, &graph);
  }
  raptor_locator* loc = raptor_parser_get_locator(c->parser);
  if (c->rec && put_record(c->rec, line_of(loc), column_of(loc), &t, r->graph ? &graph : NULL)) {
    unkg_buf_clear(c->rec); /* no memory for the cache: parse on without it */
    c->rec = NULL;
  }
  if ((c->st = c->sink->triple(c->sink->ctx, &t, r->graph ? &graph : NULL))) {
    unkg_error_in(c->c, c->path, c->st, line_of(loc), column_of(loc), "%s", unkg_strerror(c->st));
    raptor_parser_parse_abort(c->parser);
  }
}

static UnkgStatus
parse_file(const UnkgCtx* ctx, const char* path, const char* syntax, const UnkgRdfSink* sink,
           bool cached)
{
  if (!syntax && !(syntax = unkg_rdf_syntax(path))) {
    return unkg_error_in(ctx, path, UNKG_ERR_USAGE, 0, 0,
                         "unknown RDF syntax: the name must end in .ttl, .rdf, .owl, .nt or .nq");
  }
  FILE* f = fopen(path, "rb");
  if (!f) {
    if (sink->what) {
      return unkg_error_in(ctx, path, UNKG_ERR_IO, 0, 0, "cannot open %s", sink->what);
    }
    return unkg_error_in(ctx, path, UNKG_ERR_IO, 0, 0, "cannot open: %s", strerror(errno));
  }
  /* The base IRI of relative ones in the file, and part of the cache key. */
  unsigned char* uri_s = raptor_uri_filename_to_uri_string(path);
  UnkgBuf        key   = {0};
  UnkgBuf        rec   = {0};
  char*          cache = NULL;
  if (cached && uri_s && cache_key(f, path, (const char*)uri_s, syntax, sink, &key, &cache)) {
    UnkgStatus st;
    if (cache_load(ctx, path, sink, cache, key.data, &st)) {
      fclose(f);
      raptor_free_memory(uri_s);
      unkg_buf_clear(&key);
      free(cache);
      return st;
    }
  }
  Parse         c     = {sink, path, syntax, ctx, NULL, UNKG_OK, false, false, cache ? &rec : NULL};
  raptor_world* world = raptor_new_world();
  if (world) {
    raptor_world_set_log_handler(world, &c, on_log);
  }
  if (!world || raptor_world_open(world)) {
    fclose(f);
    if (world) {
      raptor_free_world(world);
    }
    raptor_free_memory(uri_s);
    unkg_buf_clear(&key);
    free(cache);
    return unkg_error_in(ctx, path, UNKG_ERR_RDF, 0, 0, "cannot start the %s parser", syntax);
  }
  if (sink->anon_prefix) {
    raptor_world_set_generate_bnodeid_parameters(world, (char*)sink->anon_prefix, 1);
  }
  c.parser         = raptor_new_parser(world, syntax);
  raptor_uri* base = uri_s ? raptor_new_uri(world, uri_s) : NULL;
  UnkgStatus  st   = UNKG_OK;
  if (!c.parser || !base) {
    st = unkg_error_in(ctx, path, UNKG_ERR_RDF, 0, 0, "cannot start the %s parser", syntax);
  } else {
    raptor_parser_set_statement_handler(c.parser, &c, on_statement);
    int rc = raptor_parser_parse_file_stream(c.parser, f, path, base);
    if (c.st) {
      st = c.st;
    } else if (c.failed) {
      st = UNKG_ERR_SYNTAX;
    } else if (rc) {
      syntax_error(&c, 0, 0, NULL);
      st = UNKG_ERR_SYNTAX;
    }
  }
  fclose(f);
  if (base) {
    raptor_free_uri(base);
  }
  raptor_free_memory(uri_s);
  if (c.parser) {
    raptor_free_parser(c.parser);
  }
  raptor_free_world(world);
  if (!st && c.rec && !c.logged) {
    cache_store(cache, key.data, c.rec);
  }
  unkg_buf_clear(&rec);
  unkg_buf_clear(&key);
  free(cache);
  return st;
}

UnkgStatus
unkg_rdf_parse_file(const UnkgCtx* ctx, const char* path, const char* syntax, const UnkgRdfSink* sink)
{
  return parse_file(ctx, path, syntax, sink, false);
}

UnkgStatus
unkg_rdf_parse_file_cached(const UnkgCtx* ctx, const char* path, const char* syntax,
                           const UnkgRdfSink* sink)
{
  return parse_file(ctx, path, syntax, sink, true);
}

/* ---- directories -------------------------------------------------------------- */

static int
cmp_str(const void* a, const void* b)
{
  return strcmp(*(char* const*)a, *(char* const*)b);
}

void
unkg_paths_free(char** paths)
{
  for (size_t i = 0; paths && paths[i]; ++i) {
    free(paths[i]);
  }
  free(paths);
}

UnkgStatus
unkg_dir_files(const char* dir, bool (*keep)(const char* name), char*** paths, size_t* count)
{
  *paths = NULL;
  if (count) {
    *count = 0;
  }
  DIR* dh = opendir(dir);
  if (!dh) {
    return UNKG_ERR_IO;
  }
  char**     v = calloc(1, sizeof *v);
  size_t     n = 0, cap = 1;
  UnkgStatus st = v ? UNKG_OK : UNKG_ERR_NOMEM;
  for (struct dirent* e; !st && (e = readdir(dh));) {
    if (e->d_name[0] == '.' || !keep(e->d_name)) {
      continue; /* hidden files include the exporter's temporary ones */
    }
    if (n + 1 == cap) {
      size_t c = cap * 2;
      char** w = realloc(v, c * sizeof *w);
      if (!w) {
        st = UNKG_ERR_NOMEM;
        break;
      }
      v   = w;
      cap = c;
    }
    UnkgBuf b = {0};
    if ((st = unkg_buf_printf(&b, "%s/%s", dir, e->d_name))) {
      unkg_buf_clear(&b);
      break;
    }
    v[n++] = unkg_buf_take(&b);
    v[n]   = NULL;
  }
  closedir(dh);
  if (st) {
    unkg_paths_free(v);
    return st;
  }
  qsort(v, n, sizeof *v, cmp_str);
  *paths = v;
  if (count) {
    *count = n;
  }
  return UNKG_OK;
}
