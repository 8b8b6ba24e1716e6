#include "serialize.h"

#include "buf.h"
#include "vocab.h"

#include <errno.h>
#include <raptor2.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct UnkgWriterImpl {
  char*         dir;
  unsigned      formats;
  raptor_world* world;
  char          error[512];
};

static const struct {
  const char* prefix;
  const char* ns;
} namespaces[] = {
  {"unkg", UNKG_NS},        {"unkgo", UNKG_NS_ORG},   {"unkgs", UNKG_NS_STATE},
  {"unkgv", UNKG_NS_VERB},  {"unkgi", UNKG_NS_INSTR}, {"dcterms", NS_DCT},
  {"xsd", NS_XSD},          {"skos", NS_SKOS},        {"prov", NS_PROV},
};

static const struct {
  unsigned    fmt;
  const char* name;
  const char* ext;
  const char* raptor;
} formats[] = {
  {UNKG_FMT_TURTLE, "turtle", "ttl", "turtle"},
  {UNKG_FMT_RDFXML, "rdfxml", "rdf", "rdfxml-abbrev"},
  {UNKG_FMT_NTRIPLES, "ntriples", "nt", NULL},
  {UNKG_FMT_NQUADS, "nquads", "nq", NULL},
};

unsigned
unkg_formats_parse(const char* list)
{
  unsigned mask = 0;
  while (list && *list) {
    const char* comma = strchr(list, ',');
    size_t      n     = comma ? (size_t)(comma - list) : strlen(list);
    unsigned    found = 0;
    for (size_t i = 0; i < sizeof formats / sizeof *formats; ++i) {
      if ((strlen(formats[i].name) == n && !strncmp(list, formats[i].name, n))
          || (strlen(formats[i].ext) == n && !strncmp(list, formats[i].ext, n))) {
        found = formats[i].fmt;
      }
    }
    if (!found) {
      return 0;
    }
    mask |= found;
    list = comma ? comma + 1 : list + n;
  }
  return mask;
}

const char*
unkg_format_extension(unsigned fmt)
{
  for (size_t i = 0; i < sizeof formats / sizeof *formats; ++i) {
    if (formats[i].fmt == fmt) {
      return formats[i].ext;
    }
  }
  return NULL;
}

static void
on_log(void* data, raptor_log_message* m)
{
  UnkgWriter* w = data;
  if (m->level >= RAPTOR_LOG_LEVEL_ERROR && !w->error[0]) {
    snprintf(w->error, sizeof w->error, "%s", m->text);
  }
}

UnkgWriter*
unkg_writer_new(const char* dir, unsigned fmts)
{
  UnkgWriter* w = calloc(1, sizeof *w);
  if (!w || !(w->dir = unkg_strdup(dir)) || !(w->world = raptor_new_world())) {
    unkg_writer_free(w);
    return NULL;
  }
  w->formats = fmts;
  raptor_world_set_log_handler(w->world, w, on_log);
  if (raptor_world_open(w->world)) {
    unkg_writer_free(w);
    return NULL;
  }
  return w;
}

void
unkg_writer_free(UnkgWriter* w)
{
  if (w) {
    if (w->world) {
      raptor_free_world(w->world);
    }
    free(w->dir);
    free(w);
  }
}

/* ---- N-Triples / N-Quads -------------------------------------------------- */

static void
nt_literal(FILE* f, const char* s)
{
  fputc('"', f);
  for (; *s; ++s) {
    switch (*s) {
    case '"':  fputs("\\\"", f); break;
    case '\\': fputs("\\\\", f); break;
    case '\n': fputs("\\n", f); break;
    case '\r': fputs("\\r", f); break;
    default:   fputc(*s, f);
    }
  }
  fputc('"', f);
}

static void
nt_write(FILE* f, const UnkgGraph* g, bool quads)
{
  for (size_t i = 0; i < g->n; ++i) {
    const UnkgTriple* t = &g->v[i];
    fprintf(f, "<%s> <%s> ", t->s, t->p);
    if (t->o_iri) {
      fprintf(f, "<%s>", t->o);
    } else {
      nt_literal(f, t->o);
      if (t->lang) {
        fprintf(f, "@%s", t->lang);
      } else if (t->datatype) {
        fprintf(f, "^^<%s>", t->datatype);
      }
    }
    if (quads) {
      fprintf(f, " <%s>", g->name);
    }
    fputs(" .\n", f);
  }
}

/* ---- raptor ---------------------------------------------------------------- */

static UnkgStatus
raptor_write(UnkgWriter* w, FILE* f, const UnkgGraph* g, const char* syntax)
{
  raptor_serializer* ser = raptor_new_serializer(w->world, syntax);
  if (!ser) {
    return UNKG_ERR_RDF;
  }
  UnkgStatus st = UNKG_OK;
  for (size_t i = 0; i < sizeof namespaces / sizeof *namespaces && !st; ++i) {
    raptor_uri* u = raptor_new_uri(w->world, (const unsigned char*)namespaces[i].ns);
    if (!u || raptor_serializer_set_namespace(ser, u, (const unsigned char*)namespaces[i].prefix)) {
      st = UNKG_ERR_RDF;
    }
    if (u) {
      raptor_free_uri(u);
    }
  }
  if (!st && raptor_serializer_start_to_file_handle(ser, NULL, f)) {
    st = UNKG_ERR_RDF;
  }
  for (size_t i = 0; i < g->n && !st; ++i) {
    const UnkgTriple* t = &g->v[i];
    raptor_term*      s = raptor_new_term_from_uri_string(w->world, (const unsigned char*)t->s);
    raptor_term*      p = raptor_new_term_from_uri_string(w->world, (const unsigned char*)t->p);
    raptor_term*      o = NULL;
    if (t->o_iri) {
      o = raptor_new_term_from_uri_string(w->world, (const unsigned char*)t->o);
    } else {
      raptor_uri* dt = t->datatype ? raptor_new_uri(w->world, (const unsigned char*)t->datatype) : NULL;
      o = raptor_new_term_from_literal(w->world, (const unsigned char*)t->o, dt,
                                       (const unsigned char*)t->lang);
      if (dt) {
        raptor_free_uri(dt);
      }
    }
    if (!s || !p || !o) {
      st = UNKG_ERR_NOMEM;
    } else {
      raptor_statement stmt = {0};
      stmt.world     = w->world;
      stmt.subject   = s;
      stmt.predicate = p;
      stmt.object    = o;
      if (raptor_serializer_serialize_statement(ser, &stmt)) {
        st = UNKG_ERR_RDF;
      }
    }
    if (s) raptor_free_term(s);
    if (p) raptor_free_term(p);
    if (o) raptor_free_term(o);
  }
  if (raptor_serializer_serialize_end(ser) && !st) {
    st = UNKG_ERR_RDF;
  }
  raptor_free_serializer(ser);
  return st;
}

static UnkgStatus
write_one(UnkgWriter* w, const UnkgGraph* g, unsigned fmt, const char* syntax,
          const char* ext, UnkgDiag* d)
{
  UnkgBuf final = {0}, tmp = {0};
  if (unkg_buf_printf(&final, "%s/%s.%s", w->dir, g->stem, ext)
      || unkg_buf_printf(&tmp, "%s/.%s.%s.XXXXXX", w->dir, g->stem, ext)) {
    unkg_buf_clear(&final);
    unkg_buf_clear(&tmp);
    return UNKG_ERR_NOMEM;
  }
  UnkgStatus st = UNKG_OK;
  int        fd = mkstemp(tmp.data);
  FILE*      f  = fd >= 0 ? fdopen(fd, "wb") : NULL;
  if (!f) {
    unkg_diag_set(d, final.data, 0, "cannot write: %s", strerror(errno));
    if (fd >= 0) {
      close(fd);
      unlink(tmp.data);
    }
    unkg_buf_clear(&final);
    unkg_buf_clear(&tmp);
    return UNKG_ERR_IO;
  }
  w->error[0] = '\0';
  if (syntax) {
    st = raptor_write(w, f, g, syntax);
  } else {
    nt_write(f, g, fmt == UNKG_FMT_NQUADS);
  }
  if (!st && w->error[0]) {
    st = UNKG_ERR_RDF;
  }
  bool io_failed = fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
  if (fclose(f) != 0) {
    io_failed = true;
  }
  if (!st && io_failed) {
    st = UNKG_ERR_IO;
  }
  if (!st && rename(tmp.data, final.data) != 0) {
    st = UNKG_ERR_IO;
  }
  if (st) {
    unkg_diag_set(d, final.data, 0, "cannot write: %s",
                  w->error[0] ? w->error : st == UNKG_ERR_IO ? strerror(errno) : unkg_strerror(st));
    unlink(tmp.data);
  }
  unkg_buf_clear(&final);
  unkg_buf_clear(&tmp);
  return st;
}

UnkgStatus
unkg_writer_write(UnkgWriter* w, const UnkgGraph* g, UnkgDiag* d)
{
  for (size_t i = 0; i < sizeof formats / sizeof *formats; ++i) {
    if (w->formats & formats[i].fmt) {
      UnkgStatus st = write_one(w, g, formats[i].fmt, formats[i].raptor, formats[i].ext, d);
      if (st) {
        return st;
      }
    }
  }
  return UNKG_OK;
}
