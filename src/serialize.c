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
  char*    dir;
  unsigned formats;
  bool     sync;
  char     error[512];
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

/* A node (subject or object) in N-Triples; in Turtle, nodes outside the
 * known namespaces too. */
static void
nt_node(FILE* f, const UnkgTerm* t)
{
  if (t->kind == UNKG_TERM_BLANK) {
    fprintf(f, "_:%s", t->value);
  } else {
    fprintf(f, "<%s>", t->value); /* graph.c percent-encodes what IRIREF forbids */
  }
}

/* After the lexical form: the language tag, else the datatype. */
static void ttl_node(FILE* f, const UnkgTerm* t, bool all);

/* ttl: abbreviate the datatype as Turtle does, with all namespaces if all. */
static void
literal_tail(FILE* f, const UnkgTerm* t, bool ttl, bool all)
{
  if (t->lang) {
    fprintf(f, "@%s", t->lang);
  } else if (t->datatype) {
    UnkgTerm dt = {UNKG_TERM_IRI, t->datatype, NULL, NULL};
    fputs("^^", f);
    if (ttl) {
      ttl_node(f, &dt, all);
    } else {
      nt_node(f, &dt);
    }
  }
}

static void
nt_write(FILE* f, const UnkgGraph* g, bool quads)
{
  for (size_t i = 0; i < g->n; ++i) {
    const UnkgTriple* t = &g->v[i];
    nt_node(f, &t->s);
    fprintf(f, " <%s> ", t->p.value);
    if (t->o.kind == UNKG_TERM_LITERAL) {
      nt_literal(f, t->o.value);
      literal_tail(f, &t->o, false, false);
    } else {
      nt_node(f, &t->o);
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

/* The prefix declared for iri's namespace, and its local name.  Exports
 * declare the exported namespaces only (so their headers stay as they
 * are); published descriptions (all) declare every one. */
static const char*
prefix_of(const char* iri, const char** local, bool all)
{
  const UnkgNamespace* ns = unkg_namespace_of(iri, !all, local);
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
ttl_node(FILE* f, const UnkgTerm* t, bool all)
{
  const char* local;
  const char* prefix = t->kind == UNKG_TERM_IRI ? prefix_of(t->value, &local, all) : NULL;
  if (prefix && plain_local(local)) {
    fprintf(f, "%s:%s", prefix, local);
  } else {
    nt_node(f, t);
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
ttl_object(FILE* f, const UnkgTerm* o, bool all)
{
  if (o->kind != UNKG_TERM_LITERAL) {
    ttl_node(f, o, all);
    return;
  }
  if (o->datatype && !strcmp(o->datatype, XSD_INTEGER) && canonical_integer(o->value)) {
    fputs(o->value, f);
    return;
  }
  nt_literal(f, o->value);
  literal_tail(f, o, true, all);
}

static void
ttl_write(FILE* f, const UnkgGraph* g, bool all)
{
  for (size_t i = 0; i < unkg_n_namespaces; ++i) {
    if (all || unkg_namespaces[i].exported) {
      fprintf(f, "@prefix %s: <%s> .\n", unkg_namespaces[i].prefix, unkg_namespaces[i].ns);
    }
  }
  for (size_t i = 0; i < g->n; ++i) {
    const UnkgTriple* t = &g->v[i];
    if (i == 0 || unkg_term_cmp(&t->s, &g->v[i - 1].s)) {
      fputs(i ? " .\n\n" : "\n", f);
      ttl_node(f, &t->s, all);
      fputs("\n    ", f);
    } else if (strcmp(t->p.value, g->v[i - 1].p.value)) {
      fputs(" ;\n    ", f);
    } else {
      fputs(" ,\n        ", f);
      ttl_object(f, &t->o, all);
      continue;
    }
    if (!strcmp(t->p.value, RDF_TYPE)) {
      fputs("a", f);
    } else {
      ttl_node(f, &t->p, all);
    }
    fputc(' ', f);
    ttl_object(f, &t->o, all);
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

/* A node as the attribute that names it: rdf:about / rdf:resource for an
 * IRI, rdf:nodeID for a blank node. */
static void
xml_node(FILE* f, const char* iri_attribute, const UnkgTerm* t)
{
  fprintf(f, "%s=\"", t->kind == UNKG_TERM_BLANK ? "rdf:nodeID" : iri_attribute);
  xml_escape(f, t->value, true);
  fputc('"', f);
}

/* What follows the last '#' or '/' of iri: the local name a predicate
 * outside the known namespaces gets, with its namespace declared on the
 * element (published descriptions only). */
static const char*
own_local(const char* iri)
{
  const char* local = iri;
  for (const char* q = iri; *q; ++q) {
    if (*q == '#' || *q == '/') {
      local = q + 1;
    }
  }
  return local;
}

static UnkgStatus
xml_write(FILE* f, const UnkgGraph* g, bool all, char* error, size_t error_size)
{
  /* Every predicate needs an XML qualified name.  raptor drops a triple
   * whose predicate has none, silently; this refuses the graph instead. */
  for (size_t i = 0; i < g->n; ++i) {
    const char* local;
    if ((!prefix_of(g->v[i].p.value, &local, all) || !plain_local(local))
        && !(all && plain_local(own_local(g->v[i].p.value)))) {
      snprintf(error, error_size, "predicate <%s> has no XML qualified name", g->v[i].p.value);
      return UNKG_ERR_RDF;
    }
  }
  fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF", f);
  for (size_t i = 0, k = 0; i < unkg_n_namespaces; ++i) {
    if (all || unkg_namespaces[i].exported) {
      fprintf(f, "%sxmlns:%s=\"%s\"", k++ ? "\n    " : " ", unkg_namespaces[i].prefix,
              unkg_namespaces[i].ns);
    }
  }
  fputs(">\n", f);
  for (size_t i = 0; i < g->n; ++i) {
    const UnkgTriple* t = &g->v[i];
    const char*       local;
    const char*       prefix = prefix_of(t->p.value, &local, all);
    if (i == 0 || unkg_term_cmp(&t->s, &g->v[i - 1].s)) {
      if (i) {
        fputs("  </rdf:Description>\n", f);
      }
      fputs("  <rdf:Description ", f);
      xml_node(f, "rdf:about", &t->s);
      fputs(">\n", f);
    }
    if (!prefix || !plain_local(local)) {
      prefix = "ns0";
      local  = own_local(t->p.value);
      fprintf(f, "    <ns0:%s xmlns:ns0=\"", local);
      unkg_escape_file(f, UNKG_ESC_XML_ATTR, t->p.value, (size_t)(local - t->p.value));
      fputc('"', f);
    } else {
      fprintf(f, "    <%s:%s", prefix, local);
    }
    if (t->o.kind != UNKG_TERM_LITERAL) {
      fputc(' ', f);
      xml_node(f, "rdf:resource", &t->o);
      fputs("/>\n", f);
      continue;
    }
    if (t->o.lang) {
      fprintf(f, " xml:lang=\"%s\"", t->o.lang);
    } else if (t->o.datatype) {
      fputs(" rdf:datatype=\"", f);
      xml_escape(f, t->o.datatype, true);
      fputc('"', f);
    }
    fputc('>', f);
    xml_escape(f, t->o.value, false);
    fprintf(f, "</%s:%s>\n", prefix, local);
  }
  if (g->n) {
    fputs("  </rdf:Description>\n", f);
  }
  fputs("</rdf:RDF>\n", f);
  return UNKG_OK;
}

UnkgStatus
unkg_serialize_to(FILE* f, unsigned fmt, const UnkgGraph* g, bool all_prefixes, char* error,
                  size_t error_size)
{
  switch (fmt) {
  case UNKG_FMT_TURTLE: ttl_write(f, g, all_prefixes); return UNKG_OK;
  case UNKG_FMT_RDFXML: return xml_write(f, g, all_prefixes, error, error_size);
  case UNKG_FMT_NTRIPLES:
  case UNKG_FMT_NQUADS: nt_write(f, g, fmt == UNKG_FMT_NQUADS); return UNKG_OK;
  default: snprintf(error, error_size, "unknown format"); return UNKG_ERR_USAGE;
  }
}

static UnkgStatus
write_one(const UnkgCtx* c, UnkgWriter* w, const UnkgGraph* g, const char* stem, unsigned fmt,
          const char* ext)
{
  UnkgBuf final = {0}, tmp = {0};
  if (unkg_buf_printf(&final, "%s/%s.%s", w->dir, stem, ext)
      || unkg_buf_printf(&tmp, "%s/.%s.%s.XXXXXX", w->dir, stem, ext)) {
    unkg_buf_clear(&final);
    unkg_buf_clear(&tmp);
    return unkg_error_in(c, w->dir, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  UnkgStatus st = UNKG_OK;
  int        fd = mkstemp(tmp.data);
  /* mkstemp creates 0600; an export is for others to read: 0666 less umask. */
  if (fd >= 0) {
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
  }
  FILE* f = fd >= 0 ? fdopen(fd, "wb") : NULL;
  if (!f) {
    unkg_error_in(c, final.data, UNKG_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
    if (fd >= 0) {
      close(fd);
      unlink(tmp.data);
    }
    unkg_buf_clear(&final);
    unkg_buf_clear(&tmp);
    return UNKG_ERR_IO;
  }
  w->error[0] = '\0';
  st          = unkg_serialize_to(f, fmt, g, false, w->error, sizeof w->error);
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
    unkg_error_in(c, final.data, st, 0, 0, "cannot write: %s",
                  w->error[0]         ? w->error
                  : st == UNKG_ERR_IO ? strerror(errno)
                                      : unkg_strerror(st));
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

char*
unkg_output_stem(const UnkgGraph* g)
{
  if (!g->symbol || !g->lang) {
    return NULL;
  }
  UnkgBuf stem = {0};
  if (unkg_buf_puts(&stem, g->symbol)) {
    unkg_buf_clear(&stem);
    return NULL;
  }
  /* Symbols are safe ASCII but for these, which shells and file systems
   * dislike. */
  for (size_t i = 0; i < stem.len; ++i) {
    char c       = stem.data[i];
    stem.data[i] = (c == '/' || c == ' ' || c == '(' || c == ')') ? '_' : c;
  }
  if (unkg_buf_printf(&stem, ".%s", g->lang)) {
    unkg_buf_clear(&stem);
    return NULL;
  }
  return unkg_buf_take(&stem);
}

UnkgStatus
unkg_writer_write(const UnkgCtx* c, UnkgWriter* w, const UnkgGraph* g)
{
  if (!g->symbol || !g->lang || (!g->name && (w->formats & UNKG_FMT_NQUADS))) {
    return unkg_error_in(c, w->dir, UNKG_ERR_USAGE, 0, 0,
                         "cannot write a graph that describes no document");
  }
  char* stem = unkg_output_stem(g);
  if (!stem) {
    return unkg_error_in(c, w->dir, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  UnkgStatus st = UNKG_OK;
  for (size_t i = 0; !st && i < sizeof formats / sizeof *formats; ++i) {
    if (w->formats & formats[i].fmt) {
      st = write_one(c, w, g, stem, formats[i].fmt, formats[i].ext);
    }
  }
  free(stem);
  return st;
}
