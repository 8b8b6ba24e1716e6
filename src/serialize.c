#include "serialize.h"

#include "buf.h"
#include "escape.h"
#include "vocab.h"

#include <errno.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct UnkgWriterImpl {
  char*         dir;
  unsigned      formats;
  bool          sync;
  char          error[512];
};

static const struct {
  unsigned    fmt;
  const char* name;
  const char* ext;
} formats[] = {
  {UNKG_FMT_TURTLE, "turtle", "ttl"},
  {UNKG_FMT_RDFXML, "rdfxml", "rdf"},
  {UNKG_FMT_NTRIPLES, "ntriples", "nt"},
  {UNKG_FMT_NQUADS, "nquads", "nq"},
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

UnkgWriter*
unkg_writer_new(const char* dir, unsigned fmts)
{
  UnkgWriter* w = calloc(1, sizeof *w);
  if (!w || !(w->dir = unkg_strdup(dir))) {
    unkg_writer_free(w);
    return NULL;
  }
  w->formats = fmts;
  return w;
}

void
unkg_writer_free(UnkgWriter* w)
{
  if (w) {
    free(w->dir);
    free(w);
  }
}

/* ---- N-Triples / N-Quads -------------------------------------------------- */

static void
nt_literal(FILE* f, const char* s)
{
  fputc('"', f);
  unkg_escape_file(f, UNKG_ESC_NT, s, strlen(s));
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

/* ---- Turtle ------------------------------------------------------------------ */

/* The triples come sorted by subject and predicate, so both writers stream:
 * no tree is built, and the output is deterministic by construction. */

/* The prefix an export declares for iri's namespace, and its local name. */
static const char*
prefix_of(const char* iri, const char** local)
{
  const UnkgNamespace* ns = unkg_namespace_of(iri, true, local);
  return ns ? ns->prefix : NULL;
}

/* A local name every Turtle and XML parser takes: [A-Za-z_][A-Za-z0-9_-]*. */
static bool
plain_local(const char* s)
{
  if (!(isalpha((unsigned char)*s) || *s == '_')) {
    return false;
  }
  for (; *s; ++s) {
    if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '-')) {
      return false;
    }
  }
  return true;
}

static void
ttl_iri(FILE* f, const char* iri)
{
  const char* local;
  const char* prefix = prefix_of(iri, &local);
  if (prefix && plain_local(local)) {
    fprintf(f, "%s:%s", prefix, local);
  } else {
    fprintf(f, "<%s>", iri); /* graph.c percent-encodes what IRIREF forbids */
  }
}

static bool
canonical_integer(const char* s)
{
  if (*s == '-') {
    ++s;
  }
  if (!*s || (*s == '0' && s[1])) {
    return false;
  }
  for (; *s; ++s) {
    if (!isdigit((unsigned char)*s)) {
      return false;
    }
  }
  return true;
}

static void
ttl_object(FILE* f, const UnkgTriple* t)
{
  if (t->o_iri) {
    ttl_iri(f, t->o);
    return;
  }
  if (t->datatype && !strcmp(t->datatype, XSD_INTEGER) && canonical_integer(t->o)) {
    fputs(t->o, f);
    return;
  }
  nt_literal(f, t->o);
  if (t->lang) {
    fprintf(f, "@%s", t->lang);
  } else if (t->datatype) {
    fputs("^^", f);
    ttl_iri(f, t->datatype);
  }
}

static void
ttl_write(FILE* f, const UnkgGraph* g)
{
  for (size_t i = 0; i < unkg_n_namespaces; ++i) {
    if (unkg_namespaces[i].exported) {
      fprintf(f, "@prefix %s: <%s> .\n", unkg_namespaces[i].prefix, unkg_namespaces[i].ns);
    }
  }
  for (size_t i = 0; i < g->n; ++i) {
    const UnkgTriple* t = &g->v[i];
    if (i == 0 || strcmp(t->s, g->v[i - 1].s)) {
      fputs(i ? " .\n\n" : "\n", f);
      ttl_iri(f, t->s);
      fputs("\n    ", f);
    } else if (strcmp(t->p, g->v[i - 1].p)) {
      fputs(" ;\n    ", f);
    } else {
      fputs(" ,\n        ", f);
      ttl_object(f, t);
      continue;
    }
    if (!strcmp(t->p, RDF_TYPE)) {
      fputs("a", f);
    } else {
      ttl_iri(f, t->p);
    }
    fputc(' ', f);
    ttl_object(f, t);
  }
  if (g->n) {
    fputs(" .\n", f);
  }
}

/* ---- RDF/XML ----------------------------------------------------------------- */

static void
xml_escape(FILE* f, const char* s, bool attribute)
{
  unkg_escape_file(f, attribute ? UNKG_ESC_XML_ATTR : UNKG_ESC_XML_TEXT, s, strlen(s));
}

static UnkgStatus
xml_write(FILE* f, const UnkgGraph* g, char* error, size_t error_size)
{
  /* Every predicate needs an XML qualified name.  raptor drops a triple
   * whose predicate has none, silently; this refuses the graph instead. */
  for (size_t i = 0; i < g->n; ++i) {
    const char* local;
    if (!prefix_of(g->v[i].p, &local) || !plain_local(local)) {
      snprintf(error, error_size, "predicate <%s> has no XML qualified name", g->v[i].p);
      return UNKG_ERR_RDF;
    }
  }
  fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF", f);
  for (size_t i = 0, k = 0; i < unkg_n_namespaces; ++i) {
    if (unkg_namespaces[i].exported) {
      fprintf(f, "%sxmlns:%s=\"%s\"", k++ ? "\n    " : " ", unkg_namespaces[i].prefix,
              unkg_namespaces[i].ns);
    }
  }
  fputs(">\n", f);
  for (size_t i = 0; i < g->n; ++i) {
    const UnkgTriple* t = &g->v[i];
    const char*       local;
    const char*       prefix = prefix_of(t->p, &local);
    if (i == 0 || strcmp(t->s, g->v[i - 1].s)) {
      if (i) {
        fputs("  </rdf:Description>\n", f);
      }
      fputs("  <rdf:Description rdf:about=\"", f);
      xml_escape(f, t->s, true);
      fputs("\">\n", f);
    }
    fprintf(f, "    <%s:%s", prefix, local);
    if (t->o_iri) {
      fputs(" rdf:resource=\"", f);
      xml_escape(f, t->o, true);
      fputs("\"/>\n", f);
      continue;
    }
    if (t->lang) {
      fprintf(f, " xml:lang=\"%s\"", t->lang);
    } else if (t->datatype) {
      fputs(" rdf:datatype=\"", f);
      xml_escape(f, t->datatype, true);
      fputc('"', f);
    }
    fputc('>', f);
    xml_escape(f, t->o, false);
    fprintf(f, "</%s:%s>\n", prefix, local);
  }
  if (g->n) {
    fputs("  </rdf:Description>\n", f);
  }
  fputs("</rdf:RDF>\n", f);
  return UNKG_OK;
}

static UnkgStatus
write_one(UnkgWriter* w, const UnkgGraph* g, unsigned fmt, const char* ext, UnkgDiag* d)
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
  /* mkstemp creates 0600; an export is for others to read: 0666 less umask. */
  if (fd >= 0) {
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
  }
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
  switch (fmt) {
  case UNKG_FMT_TURTLE: ttl_write(f, g); break;
  case UNKG_FMT_RDFXML: st = xml_write(f, g, w->error, sizeof w->error); break;
  default:              nt_write(f, g, fmt == UNKG_FMT_NQUADS); break;
  }
  /* rename() already keeps readers from ever seeing half a file; fsync
   * adds durability across power loss, at a price per file. */
  bool io_failed = fflush(f) != 0 || ferror(f) || (w->sync && fsync(fileno(f)) != 0);
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

void
unkg_writer_set_sync(UnkgWriter* w, int sync)
{
  w->sync = sync != 0;
}

UnkgStatus
unkg_writer_write(UnkgWriter* w, const UnkgGraph* g, UnkgDiag* d)
{
  for (size_t i = 0; i < sizeof formats / sizeof *formats; ++i) {
    if (w->formats & formats[i].fmt) {
      UnkgStatus st = write_one(w, g, formats[i].fmt, formats[i].ext, d);
      if (st) {
        return st;
      }
    }
  }
  return UNKG_OK;
}
