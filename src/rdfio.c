#include "rdfio.h"

#include "buf.h"

#include <dirent.h>
#include <errno.h>
#include <raptor2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- parsing ------------------------------------------------------------------ */

typedef struct {
  const UnkgRdfSink* sink;
  const char*        path;
  const char*        syntax;
  const UnkgCtx*     c;
  raptor_parser*     parser;
  UnkgStatus         st;     /* the sink's */
  bool               failed; /* the parser logged an error (c was told which) */
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
  Parse* c = data;
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
  if ((c->st = c->sink->triple(c->sink->ctx, &t, r->graph ? &graph : NULL))) {
    raptor_locator* loc = raptor_parser_get_locator(c->parser);
    unkg_error_in(c->c, c->path, c->st, line_of(loc), column_of(loc), "%s", unkg_strerror(c->st));
    raptor_parser_parse_abort(c->parser);
  }
}

UnkgStatus
unkg_rdf_parse_file(const UnkgCtx* ctx, const char* path, const char* syntax, const UnkgRdfSink* sink)
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
  Parse         c     = {sink, path, syntax, ctx, NULL, UNKG_OK, false};
  raptor_world* world = raptor_new_world();
  if (world) {
    raptor_world_set_log_handler(world, &c, on_log);
  }
  if (!world || raptor_world_open(world)) {
    fclose(f);
    if (world) {
      raptor_free_world(world);
    }
    return unkg_error_in(ctx, path, UNKG_ERR_RDF, 0, 0, "cannot start the %s parser", syntax);
  }
  if (sink->anon_prefix) {
    raptor_world_set_generate_bnodeid_parameters(world, (char*)sink->anon_prefix, 1);
  }
  c.parser             = raptor_new_parser(world, syntax);
  unsigned char* uri_s = raptor_uri_filename_to_uri_string(path);
  raptor_uri*    base  = uri_s ? raptor_new_uri(world, uri_s) : NULL;
  UnkgStatus     st    = UNKG_OK;
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
  return st;
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
