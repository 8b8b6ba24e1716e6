#include "serialize.h"

#include "buf.h"
#include "escape.h"
#include "text.h"
#include "vocab.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct UnkgWriterImpl {
  char*    dir;
  unsigned formats;
  bool     sync;
  char     error[512];
  int      dir_fd; /* the output directory, flock()ed while a document is published */
  bool     swept;  /* leftovers of killed runs removed */
  char*    as;     /* unkg_writer_publish_as, or NULL */
  /* Output names already written in this run (folded to lower case), each
   * with the input that took it and a hash of its graph. */
  UnkgStrMap taken;
  char**     inputs;
  uint64_t*  hashes;
  size_t     n_inputs;
  uint64_t   digest; /* of the graph last written */
};

/* The temporary files being written now, for the signal handler: fixed
 * buffers, so that removing them is async-signal-safe. */
#define MAX_PENDING 4
static char                  pending[MAX_PENDING][4096];
static volatile sig_atomic_t pending_set[MAX_PENDING];

void
unkg_writer_remove_temps(void)
{
  for (int i = 0; i < MAX_PENDING; ++i) {
    if (pending_set[i]) {
      unlink(pending[i]);
      pending_set[i] = 0;
    }
  }
}

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
  w->dir_fd  = -1;
  return w;
}

void
unkg_writer_free(UnkgWriter* w)
{
  if (w) {
    if (w->dir_fd >= 0) {
      close(w->dir_fd);
    }
    for (size_t i = 0; i < w->n_inputs; ++i) {
      free(w->inputs[i]);
    }
    free(w->inputs);
    free(w->hashes);
    unkg_strmap_clear(&w->taken);
    free(w->dir);
    free(w->as);
    free(w);
  }
}

/* ---- output ------------------------------------------------------------------ */

/* The writers put every piece through this buffer, not through stdio a
 * call per piece (a call per byte, a fprintf per term): the text goes out
 * in 256 KB writes. */
typedef struct {
  FILE*  f;
  size_t n;
  char   buf[256 * 1024];
} Out;

static void
out_flush(Out* o)
{
  if (o->n) {
    fwrite(o->buf, 1, o->n, o->f); /* a short write shows in ferror(f) */
    o->n = 0;
  }
}

static void
out_put_slow(Out* o, const char* s, size_t n)
{
  out_flush(o);
  if (n > sizeof o->buf) {
    fwrite(s, 1, n, o->f);
    return;
  }
  memcpy(o->buf, s, n);
  o->n = n;
}

static inline void
out_put(Out* o, const char* s, size_t n)
{
  if (n > sizeof o->buf - o->n) {
    out_put_slow(o, s, n);
    return;
  }
  memcpy(o->buf + o->n, s, n);
  o->n += n;
}

static void
out_s(Out* o, const char* s)
{
  out_put(o, s, strlen(s));
}

static void
out_c(Out* o, char c)
{
  if (o->n == sizeof o->buf) {
    out_flush(o);
  }
  o->buf[o->n++] = c;
}

/* ---- terms, each rendered once ------------------------------------------------ */

/* A graph names the same subjects, predicates and classes in triple after
 * triple, and writing a term (escaping it, finding its prefix) costs more
 * than copying it.  So each distinct term the syntax writes more than once
 * is rendered once per syntax, all into one string, and a triple is then
 * a few memcpy of its terms' renderings (the graph's term ids index them).
 * A term written once (most literals: a footnote, a heading) is rendered
 * as it is written, at the end of that string and dropped again: keeping
 * it would hold the graph's text a second time (docs/security.md).  Nor is
 * an IRI whose rendering is its value as it is, between the syntax's
 * brackets (most of a document's nodes, each written as subject and as
 * object) in Turtle and RDF/XML: a bit says so, and the value is copied
 * from the graph.  N-Triples writes every term of every line, and keeps
 * them all: copying one rendering is less work than three pieces. */
struct Forms;
typedef void (*FormFn)(struct Forms*, const UnkgTerm*, bool);
typedef struct Forms {
  UnkgBuf b;
  /* n + 1 of them: term i is b.data[off[i], off[i + 1]), an empty range if
   * it is not kept (no rendering is empty); NULL until built. */
  uint32_t*        off;
  uint8_t*         plain; /* a bit per term: rendered as lead, value, trail */
  const char*      lead;
  const char*      trail;
  size_t           n_lead, n_trail;
  const UnkgGraph* g; /* what a term not kept is rendered from, with form and all */
  FormFn           form;
  bool             all;
  bool             failed;   /* out of memory */
  bool             bad;      /* a string holds a character no format may carry (escape.h) */
  uint32_t         rdf_type; /* the id of the IRI rdf:type (Turtle's "a"), or UINT32_MAX */
  UnkgBuf          whole;    /* a based value put together (term_whole) */
} Forms;

/* The renderings a document's formats share, built as the first format
 * that needs them is written. */
typedef struct {
  Forms nt;  /* N-Triples and N-Quads: each followed by a space */
  Forms ttl; /* Turtle */
  Forms xml; /* RDF/XML */
} FormCache;

static void
forms_clear(Forms* f)
{
  unkg_buf_clear(&f->b);
  free(f->off);
  f->off = NULL;
  free(f->plain);
  f->plain = NULL;
  unkg_buf_clear(&f->whole);
}

/* Term id's value whole: a based one (a document's graph holds most of
 * its IRIs as what follows the document's IRI, triples.h) is put
 * together in *scratch; NULL when out of memory. */
static const char*
whole_value(const UnkgGraph* g, uint32_t id, UnkgBuf* scratch)
{
  const char* head;
  size_t      n_head;
  const char* rest = unkg_graph_rest(g, id, &head, &n_head);
  if (!n_head) {
    return rest;
  }
  size_t n     = strlen(rest);
  scratch->len = 0;
  if (unkg_buf_reserve(scratch, n_head + n + 1)) {
    return NULL;
  }
  memcpy(scratch->data, head, n_head);
  memcpy(scratch->data + n_head, rest, n + 1);
  scratch->len = n_head + n;
  return scratch->data;
}

/* Term id of f's graph as a view with its value whole. */
static UnkgTerm
term_whole(struct Forms* f, uint32_t id)
{
  UnkgTerm t = unkg_graph_term(f->g, id);
  if (f->g->terms[id].meta & UNKG_HEADS) {
    const char* v = whole_value(f->g, id, &f->whole);
    f->failed     = f->failed || !v;
    t.value       = v ? (char*)v : "";
  }
  return t;
}

static void
cache_clear(FormCache* c)
{
  forms_clear(&c->nt);
  forms_clear(&c->ttl);
  forms_clear(&c->xml);
}

static void
f_put(Forms* f, const char* s, size_t n)
{
  if (unkg_buf_append(&f->b, s, n)) {
    f->failed = true;
  }
}

static void
f_s(Forms* f, const char* s)
{
  f_put(f, s, strlen(s));
}

static void
f_c(Forms* f, char c)
{
  f_put(f, &c, 1);
}

/* The first character of s that no format may carry (escape.h), with its
 * code point; NULL if none. */
static const char*
forbidden_in(const char* s, uint32_t* cp)
{
  size_t n = s ? strlen(s) : 0;
  size_t i = s ? unkg_forbidden_at(s, n, cp) : 0;
  return i < n ? s + i : NULL;
}

/* Term id's rendering, copied out; one not kept is rendered past the
 * end of the kept ones first, and dropped after. */
static void
out_form(Out* o, Forms* f, uint32_t id)
{
  if (f->off[id] != f->off[id + 1]) {
    out_put(o, f->b.data + f->off[id], f->off[id + 1] - f->off[id]);
    return;
  }
  if (f->plain[id >> 3] & (1u << (id & 7))) {
    const char* head;
    size_t      n_head;
    const char* rest = unkg_graph_rest(f->g, id, &head, &n_head);
    out_put(o, f->lead, f->n_lead);
    out_put(o, head, n_head);
    out_s(o, rest);
    out_put(o, f->trail, f->n_trail);
    return;
  }
  size_t         end = f->b.len;
  const UnkgTerm t   = term_whole(f, id);
  f->form(f, &t, f->all);
  if (f->b.len > end) {
    out_put(o, f->b.data + end, f->b.len - end);
  }
  f->b.len = end;
  if (f->b.data) {
    f->b.data[end] = '\0';
  }
}

/* ---- N-Triples / N-Quads -------------------------------------------------- */

/* A literal's lexical form, escaped and checked in one pass. */
static void
nt_literal(Forms* f, const char* s)
{
  size_t   n = strlen(s), bad;
  uint32_t cp;
  if (unkg_buf_reserve(&f->b, 2 * n + 2)) {
    f->failed = true;
    return;
  }
  f->b.data[f->b.len++] = '"';
  size_t start          = f->b.len;
  f->b.len += unkg_escape_nt_checked(f->b.data + start, s, n, &bad, &cp);
  f->b.data[f->b.len] = '\0';
  if (bad < n) {
    /* Written as it is all the same (unkg_serialize_to does not refuse
     * it; the writer does, from check_chars). */
    f->bad   = true;
    f->b.len = start;
    if (unkg_escape_buf(&f->b, UNKG_ESC_NT, s, n)) {
      f->failed = true;
    }
  }
  f_c(f, '"');
}

/* A node (subject or object) in N-Triples; in Turtle, nodes outside the
 * known namespaces too. */
static void
nt_node(Forms* f, const UnkgTerm* t)
{
  if (t->kind == UNKG_TERM_BLANK) {
    f_put(f, "_:", 2);
    f_s(f, t->value);
  } else {
    f_c(f, '<');
    f_s(f, t->value); /* graph.c percent-encodes what IRIREF forbids */
    f_c(f, '>');
  }
}

/* After the lexical form: the language tag, else the datatype. */
static void ttl_node(Forms* f, const UnkgTerm* t, bool all);
static bool ttl_plain(const UnkgTerm* t, bool all);

/* ttl: abbreviate the datatype as Turtle does, with all namespaces if all. */
static void
literal_tail(Forms* f, const UnkgTerm* t, bool ttl, bool all)
{
  if (t->lang) {
    f_c(f, '@');
    f_s(f, t->lang);
  } else if (t->datatype) {
    UnkgTerm dt = {UNKG_TERM_IRI, t->datatype, NULL, NULL};
    f_put(f, "^^", 2);
    if (ttl) {
      ttl_node(f, &dt, all);
    } else {
      nt_node(f, &dt);
    }
  }
}

/* A term in N-Triples, and the space after it: a line is then the
 * renderings of its subject, predicate and object and ".\n".  What needs
 * no escaping is copied straight into the buffer. */
static void
nt_form(Forms* f, const UnkgTerm* t, bool all)
{
  (void)all;
  if (t->kind == UNKG_TERM_LITERAL) {
    nt_literal(f, t->value);
    const char* tail = t->lang ? t->lang : t->datatype;
    size_t      n    = tail ? strlen(tail) : 0;
    if (unkg_buf_reserve(&f->b, n + 5)) {
      f->failed = true;
      return;
    }
    char* w = f->b.data + f->b.len;
    if (t->lang) {
      *w++ = '@';
    } else if (tail) {
      memcpy(w, "^^<", 3);
      w += 3;
    }
    memcpy(w, tail ? tail : "", n);
    w += n;
    if (!t->lang && tail) {
      *w++ = '>';
    }
    *w++     = ' ';
    *w       = '\0';
    f->b.len = (size_t)(w - f->b.data);
    return;
  }
  size_t n = strlen(t->value);
  if (unkg_buf_reserve(&f->b, n + 3)) {
    f->failed = true;
    return;
  }
  char* w = f->b.data + f->b.len;
  if (t->kind == UNKG_TERM_BLANK) {
    *w++ = '_';
    *w++ = ':';
  } else {
    *w++ = '<';
  }
  memcpy(w, t->value, n);
  w += n;
  if (t->kind != UNKG_TERM_BLANK) {
    *w++ = '>';
  }
  *w++     = ' ';
  *w       = '\0';
  f->b.len = (size_t)(w - f->b.data);
}

static void ttl_form(Forms* f, const UnkgTerm* t, bool all);
static void xml_form(Forms* f, const UnkgTerm* t, bool all);

/* How often the syntax of form writes each term, up to 2 (more than once
 * is all that matters), from the sorted triples: N-Triples writes every
 * term of every line; Turtle and RDF/XML write a subject once per run of
 * its triples, and Turtle a predicate once per run of its objects
 * (RDF/XML renders its predicates itself, xml_predicate).  Term i's count
 * goes to uses[i + 1]: the array is the offsets' (Forms.off), which
 * forms_build fills from the start as it reads the counts, so that a
 * large graph's writer takes no array of counts besides its offsets. */
static void
count_uses(const UnkgGraph* g, FormFn form, uint32_t* uses)
{
  bool every = form == nt_form;
  memset(uses, 0, (g->n_terms + 1) * sizeof *uses);
  ++uses; /* term i at i + 1 */
  for (size_t i = 0; i < g->n; ++i) {
    const UnkgTripleIds* t     = &g->t[i];
    bool                 new_s = i == 0 || t->s != t[-1].s;
    if ((every || new_s) && uses[t->s] < 2) {
      ++uses[t->s];
    }
    if ((every || (form == ttl_form && (new_s || t->p != t[-1].p))) && uses[t->p] < 2) {
      ++uses[t->p];
    }
    if (uses[t->o] < 2) {
      ++uses[t->o];
    }
  }
}

/* Whether what f holds from byte `from` on is value between f's lead
 * and trail. */
static bool
is_plain(const Forms* f, size_t from, const char* value)
{
  size_t      n = strlen(value);
  const char* r = f->b.data + from;
  return f->b.len - from == f->n_lead + n + f->n_trail && !memcmp(r, f->lead, f->n_lead)
         && !memcmp(r + f->n_lead, value, n) && !memcmp(r + f->n_lead + n, f->trail, f->n_trail);
}

/* Renders the terms of g that form writes more than once into f, but for
 * the plain IRIs; checks every string of g on the way (f->bad). */
static UnkgStatus
forms_build(Forms* f, const UnkgGraph* g, FormFn form, bool all)
{
  f->rdf_type   = UINT32_MAX;
  f->failed     = false;
  f->bad        = false;
  f->g          = g;
  f->form       = form;
  f->all        = all;
  /* What an IRI's rendering is when it is nothing but its value. */
  f->lead       = form == xml_form ? "" : "<";
  f->trail      = form == nt_form ? "> " : form == xml_form ? "\"" : ">";
  f->n_lead     = strlen(f->lead);
  f->n_trail    = strlen(f->trail);
  if (!(f->off = malloc((g->n_terms + 1) * sizeof *f->off))
      || !(f->plain = calloc(g->n_terms / 8 + 1, 1))) {
    forms_clear(f);
    return UNKG_ERR_NOMEM;
  }
  count_uses(g, form, f->off);
  /* The languages and datatypes, and the nodes' values, are checked here;
   * the literals' as they are escaped, or read when they are not kept;
   * but N-Triples escapes and checks every literal as it writes it (once:
   * most are written once), so that the writer has f->bad once the file is
   * written (publish). */
  bool     later = form == nt_form;
  uint32_t cp;
  for (size_t i = 1; i < g->n_names; ++i) {
    f->bad = f->bad || forbidden_in(g->names[i], &cp);
  }
  /* A based value's base once, its rest below. */
  f->bad    = f->bad || forbidden_in(g->base, &cp);
  f->off[0] = 0;
  for (size_t i = 0; i < g->n_terms; ++i) {
    UnkgTerm t      = unkg_graph_term(g, (uint32_t)i);
    size_t   end    = f->b.len;
    uint32_t uses   = f->off[i + 1]; /* count_uses; its offset goes there below */
    size_t   n_head = unkg_graph_head(g, g->terms[i].meta);
    bool     based  = n_head;
    bool     is_rdf = t.kind == UNKG_TERM_IRI
                  && (based ? !strncmp(RDF_TYPE, g->base, n_head)
                                && !strcmp(t.value, RDF_TYPE + n_head)
                            : !strcmp(t.value, RDF_TYPE));
    if ((t.kind != UNKG_TERM_LITERAL || (uses < 2 && !later)) && !f->bad) {
      f->bad = forbidden_in(t.value, &cp) != NULL;
    }
    if (based && uses > 1) {
      t = term_whole(f, (uint32_t)i);
    }
    if (uses > 1 && form == ttl_form && ttl_plain(&t, all)) {
      f->plain[i >> 3] |= (uint8_t)(1u << (i & 7)); /* known without rendering it */
    } else if (uses > 1) {
      form(f, &t, all);
      /* The offsets are 32-bit: past 4 GB of renderings, a term is
       * rendered as it is written instead. */
      if (f->b.len > UINT32_MAX) {
        f->b.len = end;
      } else if (form != nt_form && t.kind == UNKG_TERM_IRI && is_plain(f, end, t.value)) {
        f->b.len       = end;
        f->b.data[end] = '\0';
        f->plain[i >> 3] |= (uint8_t)(1u << (i & 7));
      }
    }
    f->off[i + 1] = (uint32_t)f->b.len;
    if (is_rdf) {
      f->rdf_type = (uint32_t)i;
    }
  }
  if (f->failed) {
    forms_clear(f);
    return UNKG_ERR_NOMEM;
  }
  return UNKG_OK;
}

static UnkgStatus
nt_write(Out* o, const UnkgGraph* g, Forms* f, bool quads)
{
  /* What ends each line: the graph's name (N-Quads) and the full stop. */
  UnkgBuf end = {0};
  if ((quads
       && (unkg_buf_puts(&end, "<") || unkg_buf_puts(&end, g->name) || unkg_buf_puts(&end, "> ")))
      || unkg_buf_puts(&end, ".\n")) {
    unkg_buf_clear(&end);
    return UNKG_ERR_NOMEM;
  }
  const uint32_t* off = f->off;
  for (size_t i = 0; i < g->n; ++i) {
    const UnkgTripleIds* t    = &g->t[i];
    size_t               ls   = off[t->s + 1] - off[t->s];
    size_t               lp   = off[t->p + 1] - off[t->p];
    size_t               lo   = off[t->o + 1] - off[t->o];
    size_t               need = ls + lp + lo + end.len;
    /* A line with a term not kept, or longer than the buffer: piece by
     * piece (rendering a term may move f->b.data). */
    if (!ls || !lp || !lo || need > sizeof o->buf) {
      out_form(o, f, t->s);
      out_form(o, f, t->p);
      out_form(o, f, t->o);
      out_put(o, end.data, end.len);
      continue;
    }
    if (need > sizeof o->buf - o->n) {
      out_flush(o);
    }
    const char* d = f->b.data;
    char*       w = o->buf + o->n;
    memcpy(w, d + off[t->s], ls);
    memcpy(w + ls, d + off[t->p], lp);
    memcpy(w + ls + lp, d + off[t->o], lo);
    memcpy(w + ls + lp + lo, end.data, end.len);
    o->n += need;
  }
  unkg_buf_clear(&end);
  return UNKG_OK;
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
  /* As unkg_namespace_of, which measures every namespace at every call:
   * here the lengths are measured once, and a namespace whose last
   * character ('/' or '#') is not where the IRI has it is passed over. */
  enum { MAX_NS = 64 };
  static size_t lengths[MAX_NS];
  if (unkg_n_namespaces > MAX_NS) {
    const UnkgNamespace* ns = unkg_namespace_of(iri, !all, local);
    return ns ? ns->prefix : NULL;
  }
  if (!lengths[0]) {
    for (size_t i = 0; i < unkg_n_namespaces; ++i) {
      lengths[i] = strlen(unkg_namespaces[i].ns);
    }
  }
  size_t n = strlen(iri);
  for (size_t i = 0; i < unkg_n_namespaces; ++i) {
    const UnkgNamespace* ns = &unkg_namespaces[i];
    size_t               k  = lengths[i];
    if ((all || ns->exported) && k <= n && iri[k - 1] == ns->ns[k - 1] && !memcmp(iri, ns->ns, k)) {
      *local = iri + k;
      return ns->prefix;
    }
  }
  return NULL;
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

/* Whether ttl_node writes IRI t as <value>: no prefixed name for it. */
static bool
ttl_plain(const UnkgTerm* t, bool all)
{
  const char* local;
  const char* prefix = t->kind == UNKG_TERM_IRI ? prefix_of(t->value, &local, all) : NULL;
  return t->kind == UNKG_TERM_IRI && !(prefix && plain_local(local));
}

static void
ttl_node(Forms* f, const UnkgTerm* t, bool all)
{
  const char* local;
  const char* prefix = t->kind == UNKG_TERM_IRI ? prefix_of(t->value, &local, all) : NULL;
  if (prefix && plain_local(local)) {
    f_s(f, prefix);
    f_c(f, ':');
    f_s(f, local);
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

/* A term in Turtle, wherever it stands (rdf:type as a predicate aside). */
static void
ttl_form(Forms* f, const UnkgTerm* t, bool all)
{
  if (t->kind != UNKG_TERM_LITERAL) {
    ttl_node(f, t, all);
    return;
  }
  if (t->datatype && !strcmp(t->datatype, XSD_INTEGER) && canonical_integer(t->value)) {
    f_s(f, t->value);
    return;
  }
  nt_literal(f, t->value);
  literal_tail(f, t, true, all);
}

static void
ttl_write(Out* o, const UnkgGraph* g, Forms* f, bool all)
{
  for (size_t i = 0; i < unkg_n_namespaces; ++i) {
    if (all || unkg_namespaces[i].exported) {
      out_s(o, "@prefix ");
      out_s(o, unkg_namespaces[i].prefix);
      out_put(o, ": <", 3);
      out_s(o, unkg_namespaces[i].ns);
      out_put(o, "> .\n", 4);
    }
  }
  for (size_t i = 0; i < g->n; ++i) {
    const UnkgTripleIds* t = &g->t[i];
    /* Equal terms are one term of the graph: compare their indexes. */
    if (i == 0 || t->s != t[-1].s) {
      out_s(o, i ? " .\n\n" : "\n");
      out_form(o, f, t->s);
      out_put(o, "\n    ", 5);
    } else if (t->p != t[-1].p) {
      out_put(o, " ;\n    ", 7);
    } else {
      out_put(o, " ,\n        ", 11);
      out_form(o, f, t->o);
      continue;
    }
    if (t->p == f->rdf_type) {
      out_c(o, 'a');
    } else {
      out_form(o, f, t->p);
    }
    out_c(o, ' ');
    out_form(o, f, t->o);
  }
  if (g->n) {
    out_s(o, " .\n");
  }
}

/* ---- RDF/XML ----------------------------------------------------------------- */

static void
f_escaped(Forms* f, UnkgEscape syntax, const char* s)
{
  if (unkg_escape_buf(&f->b, syntax, s, strlen(s))) {
    f->failed = true;
  }
}

/* A term in RDF/XML: a node's attribute value, escaped, and its closing
 * quote (the attribute's name depends on where it stands); a literal's
 * attributes, its text and the "</" of its end tag. */
static void
xml_form(Forms* f, const UnkgTerm* t, bool all)
{
  (void)all;
  if (t->kind != UNKG_TERM_LITERAL) {
    f_escaped(f, UNKG_ESC_XML_ATTR, t->value);
    f_c(f, '"');
    return;
  }
  if (t->lang) {
    f_s(f, " xml:lang=\"");
    f_s(f, t->lang);
    f_c(f, '"');
  } else if (t->datatype) {
    f_s(f, " rdf:datatype=\"");
    f_escaped(f, UNKG_ESC_XML_ATTR, t->datatype);
    f_c(f, '"');
  }
  f_c(f, '>');
  f_escaped(f, UNKG_ESC_XML_TEXT, t->value);
  f_put(f, "</", 2);
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

/* A predicate's start tag up to its attributes, then its qualified name
 * and the end of its end tag: p->open bytes, then p->close, from p->at in
 * the predicates' string.  open is 0 until the predicate is first met. */
typedef struct {
  size_t   at;
  uint32_t open, close;
} XmlPredicate;

/* Renders the predicate iri into b, as p; false if it has no XML
 * qualified name (*failed: out of memory). */
static bool
xml_predicate(UnkgBuf* b, XmlPredicate* p, const char* iri, bool all, bool* failed)
{
  const char* local;
  const char* prefix = prefix_of(iri, &local, all);
  bool        own    = !prefix || !plain_local(local);
  if (own && !(all && plain_local(own_local(iri)))) {
    return false;
  }
  UnkgStatus st = UNKG_OK;
  p->at         = b->len;
  if (own) {
    local   = own_local(iri);
    st      = st ? st : unkg_buf_puts(b, "    <ns0:");
    st      = st ? st : unkg_buf_puts(b, local);
    st      = st ? st : unkg_buf_puts(b, " xmlns:ns0=\"");
    st      = st ? st : unkg_escape_buf(b, UNKG_ESC_XML_ATTR, iri, (size_t)(local - iri));
    st      = st ? st : unkg_buf_puts(b, "\"");
    p->open = (uint32_t)(b->len - p->at);
    st      = st ? st : unkg_buf_puts(b, "ns0:");
  } else {
    st      = st ? st : unkg_buf_puts(b, "    <");
    st      = st ? st : unkg_buf_puts(b, prefix);
    st      = st ? st : unkg_buf_puts(b, ":");
    st      = st ? st : unkg_buf_puts(b, local);
    p->open = (uint32_t)(b->len - p->at);
    st      = st ? st : unkg_buf_puts(b, prefix);
    st      = st ? st : unkg_buf_puts(b, ":");
  }
  st       = st ? st : unkg_buf_puts(b, local);
  st       = st ? st : unkg_buf_puts(b, ">\n");
  p->close = (uint32_t)(b->len - p->at - p->open);
  if (st) {
    *failed = true;
  }
  return true;
}

static UnkgStatus
xml_write(Out* o, const UnkgGraph* g, Forms* f, bool all, char* error, size_t error_size)
{
  /* Every predicate needs an XML qualified name.  raptor drops a triple
   * whose predicate has none, silently; this refuses the graph instead.
   * Each predicate is rendered once, the first time it is met. */
  XmlPredicate* ps     = calloc(g->n_terms + 1, sizeof *ps);
  UnkgBuf       pb     = {0};
  bool          failed = !ps;
  UnkgBuf       whole  = {0};
  for (size_t i = 0; !failed && i < g->n; ++i) {
    uint32_t    p = g->t[i].p;
    const char* v = ps[p].open ? NULL : whole_value(g, p, &whole);
    failed        = failed || (!ps[p].open && !v);
    if (v && !xml_predicate(&pb, &ps[p], v, all, &failed)) {
      snprintf(error, error_size, "predicate <%s> has no XML qualified name", v);
      free(ps);
      unkg_buf_clear(&pb);
      unkg_buf_clear(&whole);
      return UNKG_ERR_RDF;
    }
  }
  unkg_buf_clear(&whole);
  if (failed) {
    free(ps);
    unkg_buf_clear(&pb);
    return UNKG_ERR_NOMEM;
  }
  out_s(o, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF");
  for (size_t i = 0, k = 0; i < unkg_n_namespaces; ++i) {
    if (all || unkg_namespaces[i].exported) {
      out_s(o, k++ ? "\n    " : " ");
      out_s(o, "xmlns:");
      out_s(o, unkg_namespaces[i].prefix);
      out_put(o, "=\"", 2);
      out_s(o, unkg_namespaces[i].ns);
      out_c(o, '"');
    }
  }
  out_put(o, ">\n", 2);
  for (size_t i = 0; i < g->n; ++i) {
    const UnkgTripleIds* t = &g->t[i];
    const XmlPredicate*  p = &ps[t->p];
    if (i == 0 || t->s != t[-1].s) {
      if (i) {
        out_s(o, "  </rdf:Description>\n");
      }
      out_s(o, unkg_term_kind(&g->terms[t->s]) == UNKG_TERM_BLANK
                 ? "  <rdf:Description rdf:nodeID=\""
                 : "  <rdf:Description rdf:about=\"");
      out_form(o, f, t->s);
      out_put(o, ">\n", 2);
    }
    out_put(o, pb.data + p->at, p->open);
    UnkgTermKind kind = unkg_term_kind(&g->terms[t->o]);
    if (kind != UNKG_TERM_LITERAL) {
      out_s(o, kind == UNKG_TERM_BLANK ? " rdf:nodeID=\"" : " rdf:resource=\"");
      out_form(o, f, t->o);
      out_put(o, "/>\n", 3);
      continue;
    }
    out_form(o, f, t->o);
    out_put(o, pb.data + p->at + p->open, p->close);
  }
  if (g->n) {
    out_s(o, "  </rdf:Description>\n");
  }
  out_s(o, "</rdf:RDF>\n");
  free(ps);
  unkg_buf_clear(&pb);
  return UNKG_OK;
}

/* Writes g to f in fmt, with the renderings of cache (built here as
 * needed, kept for the next format). */
static UnkgStatus
serialize(FILE* f, unsigned fmt, const UnkgGraph* g, bool all_prefixes, FormCache* cache,
          char* error, size_t error_size)
{
  UnkgStatus st    = UNKG_OK;
  Forms*     forms = fmt == UNKG_FMT_TURTLE                               ? &cache->ttl
                     : fmt == UNKG_FMT_RDFXML                             ? &cache->xml
                     : fmt == UNKG_FMT_NTRIPLES || fmt == UNKG_FMT_NQUADS ? &cache->nt
                                                                          : NULL;
  if (forms && !forms->off) {
    st = forms_build(forms, g,
                     forms == &cache->ttl   ? ttl_form
                     : forms == &cache->xml ? xml_form
                                            : nt_form,
                     all_prefixes);
  }
  Out* o = st ? NULL : malloc(sizeof *o);
  if (!o) {
    snprintf(error, error_size, "%s", unkg_strerror(UNKG_ERR_NOMEM));
    return UNKG_ERR_NOMEM;
  }
  o->f = f;
  o->n = 0;
  switch (fmt) {
  case UNKG_FMT_TURTLE: ttl_write(o, g, forms, all_prefixes); break;
  case UNKG_FMT_RDFXML: st = xml_write(o, g, forms, all_prefixes, error, error_size); break;
  case UNKG_FMT_NTRIPLES:
  case UNKG_FMT_NQUADS: st = nt_write(o, g, forms, fmt == UNKG_FMT_NQUADS); break;
  default: snprintf(error, error_size, "unknown format"); st = UNKG_ERR_USAGE;
  }
  if (!st && forms && forms->failed) { /* a term rendered as it was written */
    st = UNKG_ERR_NOMEM;
  }
  if (st == UNKG_ERR_NOMEM) {
    snprintf(error, error_size, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  out_flush(o);
  free(o);
  return st;
}

UnkgStatus
unkg_serialize_to(FILE* f, unsigned fmt, const UnkgGraph* g, bool all_prefixes, char* error,
                  size_t error_size)
{
  FormCache  cache = {0};
  UnkgStatus st    = serialize(f, fmt, g, all_prefixes, &cache, error, error_size);
  cache_clear(&cache);
  return st;
}

/* A temporary file in w->dir for format ext, written and closed; *tmp is
 * its name, registered in pending[slot] until it is renamed or removed. */
static UnkgStatus
write_temp(const UnkgCtx* c, UnkgWriter* w, const UnkgGraph* g, FormCache* cache, const char* stem,
           unsigned fmt, const char* ext, int slot)
{
  char  final[4096];
  char* tmp = pending[slot];
  int   len = snprintf(tmp, sizeof pending[slot], "%s/.%s.%s.XXXXXX", w->dir, stem, ext);
  snprintf(final, sizeof final, "%s/%s.%s", w->dir, stem, ext);
  if (len < 0 || (size_t)len >= sizeof pending[slot]) {
    return unkg_error_in(c, final, UNKG_ERR_IO, 0, 0, "cannot write: %s", strerror(ENAMETOOLONG));
  }
  /* The file and its registration come together: a signal that arrived
   * while mkstemp was creating it would otherwise find it unregistered. */
  sigset_t fatal, old;
  sigemptyset(&fatal);
  sigaddset(&fatal, SIGINT);
  sigaddset(&fatal, SIGTERM);
  sigaddset(&fatal, SIGHUP);
  sigaddset(&fatal, SIGALRM);
  sigprocmask(SIG_BLOCK, &fatal, &old);
  UnkgStatus st = UNKG_OK;
  int        fd = mkstemp(tmp);
  if (fd >= 0) {
    pending_set[slot] = 1;
  }
  sigprocmask(SIG_SETMASK, &old, NULL);
  if (fd >= 0) {
    /* mkstemp creates 0600; an export is for others to read: 0666 less
     * umask, which nothing in unkg changes (read once, two calls a file
     * fewer). */
    static mode_t mask;
    static bool   have_mask;
    if (!have_mask) {
      mask = umask(0);
      umask(mask);
      have_mask = true;
    }
    fchmod(fd, 0666 & ~mask);
  }
  FILE* f = fd >= 0 ? fdopen(fd, "wb") : NULL;
  if (!f) {
    unkg_error_in(c, final, UNKG_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
    if (fd >= 0) {
      close(fd);
    }
    return UNKG_ERR_IO;
  }
  /* The writers buffer 64 KB themselves (Out): one write() each, which
   * stdio's own buffer would split in two. */
  setvbuf(f, NULL, _IONBF, 0);
  w->error[0] = '\0';
  st          = serialize(f, fmt, g, false, cache, w->error, sizeof w->error);
  /* rename() already keeps readers from ever seeing half a file; fsync
   * adds durability across power loss, at a price per file. */
  bool io_failed = fflush(f) != 0 || ferror(f) || (w->sync && fsync(fileno(f)) != 0);
  int  err       = errno;
  if (fclose(f) != 0) {
    io_failed = true;
    err       = errno;
  }
  if (!st && io_failed) {
    st = UNKG_ERR_IO;
  }
  if (st) {
    unkg_error_in(c, final, st, 0, 0, "cannot write: %s",
                  w->error[0]         ? w->error
                  : st == UNKG_ERR_IO ? strerror(err)
                                      : unkg_strerror(st));
  }
  return st;
}

void
unkg_writer_set_sync(UnkgWriter* w, int sync)
{
  w->sync = sync != 0;
}

UnkgStatus
unkg_writer_publish_as(UnkgWriter* w, const char* path)
{
  char* as = unkg_strdup(path);
  if (!as) {
    return UNKG_ERR_NOMEM;
  }
  free(w->as);
  w->as = as;
  return UNKG_OK;
}

/* Characters of a file name kept as they are: ASCII letters and digits, and
 * '.', '-', '_' but not first (no hidden files, nothing read as an option). */
static bool
name_char(char c, bool first)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
         || (!first && (c == '.' || c == '-')) || c == '_';
}

/* s as a file name (docs/security.md): '/', ' ', '(' and ')' become '_',
 * what name_char keeps stays, every other byte is %XX.  A name longer than
 * max keeps its first bytes and ends in "--" and 16 hex digits of a hash of
 * all of s, so that no file name outgrows NAME_MAX. */
static UnkgStatus
put_name(UnkgBuf* b, const char* s, size_t max)
{
  size_t start = b->len;
  size_t cut   = 0; /* the length within max - 18 where a long name is cut */
  for (const char* p = s; *p; ++p) {
    char       c  = *p;
    UnkgStatus st = c == '/' || c == ' ' || c == '(' || c == ')' ? unkg_buf_puts(b, "_")
                    : name_char(c, p == s)                       ? unkg_buf_append(b, p, 1)
                                           : unkg_buf_printf(b, "%%%02X", (unsigned char)c);
    if (st) {
      return st;
    }
    if (b->len - start <= max - 18) {
      cut = b->len - start;
    }
  }
  if (b->len - start <= max) {
    return UNKG_OK;
  }
  b->len          = start + cut;
  b->data[b->len] = '\0';
  return unkg_buf_printf(b, "--%016llx", (unsigned long long)unkg_hash64(s, strlen(s)));
}

char*
unkg_output_stem(const UnkgGraph* g)
{
  if (!g->symbol || !g->lang) {
    return NULL;
  }
  UnkgBuf stem = {0};
  if (put_name(&stem, g->symbol, UNKG_STEM_MAX) || unkg_buf_puts(&stem, ".")
      || put_name(&stem, g->lang, 16)) {
    unkg_buf_clear(&stem);
    return NULL;
  }
  return unkg_buf_take(&stem);
}

/* A hash of everything a graph's files say: equal graphs may share a name.
 * Each distinct term and name is hashed once, by content (two graphs of
 * the same triples may hold their terms in another order); each triple
 * mixes its terms' hashes.  A term's hash is folded to 32 bits: the array
 * is made on top of the whole sorted graph, and at 8 bytes a term it was
 * the peak of writing a large document (docs/security.md, Memory); two
 * different graphs still need terms of equal 32-bit hashes in the same
 * places to hash alike. */
static UnkgStatus
graph_hash(const UnkgGraph* g, uint64_t* out)
{
  const uint64_t k     = 0x9E3779B97F4A7C15u;
  uint64_t*      names = malloc((g->n_names + 1) * sizeof *names);
  uint32_t*      terms = malloc((g->n_terms + 1) * sizeof *terms);
  if (!names || !terms) {
    free(names);
    free(terms);
    return UNKG_ERR_NOMEM;
  }
  names[0] = 0;
  for (size_t i = 1; i < g->n_names; ++i) {
    names[i] = unkg_hash_fast(g->names[i], strlen(g->names[i]));
  }
  /* A based value by its head and its rest: the graphs compared are a
   * document's, whose base is the document's IRI. */
  uint64_t base    = g->base ? unkg_hash_fast(g->base, g->n_base) * k : 0;
  uint64_t shorter = g->base ? unkg_hash_fast(g->base, g->n_short) * k : 0;
  for (size_t i = 0; i < g->n_terms; ++i) {
    const UnkgTermRec* r    = &g->terms[i];
    const uint32_t*    pair = &g->pairs[2 * (r->meta & UNKG_PAIR_MASK)];
    const char*        v    = unkg_graph_value(g, (uint32_t)i);
    uint64_t           h    = unkg_hash_fast(v, strlen(v)) ^ unkg_term_kind(r);
    h                       = r->meta & UNKG_BASED         ? (h ^ base) * k
                              : r->meta & UNKG_BASED_SHORT ? (h ^ shorter) * k
                                                           : h;
    h                       = (h ^ names[pair[0]]) * k;
    h                       = (h ^ names[pair[1]]) * k;
    terms[i]                = (uint32_t)(h ^ h >> 32);
  }
  uint64_t h = g->name ? unkg_hash64(g->name, strlen(g->name)) : 0;
  for (size_t i = 0; i < g->n; ++i) {
    h = ((h ^ terms[g->t[i].s]) * k ^ terms[g->t[i].p]) * k;
    h = ((h ^ terms[g->t[i].o]) * k) ^ (h >> 29);
  }
  free(names);
  free(terms);
  *out = h;
  return UNKG_OK;
}

/* Is name a temporary file of an export, ".STEM.EXT.XXXXXX"? */
static bool
is_temp_name(const char* name)
{
  size_t n = strlen(name);
  if (name[0] != '.' || n < 12 || name[n - 7] != '.') {
    return false;
  }
  for (size_t i = 0; i < sizeof formats / sizeof *formats; ++i) {
    size_t e = strlen(formats[i].ext);
    if (n > 8 + e && name[n - 8 - e] == '.' && !memcmp(name + n - 7 - e, formats[i].ext, e)) {
      return true;
    }
  }
  return false;
}

/* Removes what killed runs left: every temporary file exists only while
 * its writer holds the directory's lock, so under the lock any one found
 * is a leftover. */
static void
sweep(const UnkgCtx* c, UnkgWriter* w)
{
  DIR* d = opendir(w->dir);
  for (struct dirent* e; d && (e = readdir(d));) {
    if (is_temp_name(e->d_name)) {
      UnkgBuf path = {0};
      if (!unkg_buf_printf(&path, "%s/%s", w->dir, e->d_name) && !unlink(path.data)) {
        unkg_warning(c, 0, 0, "removed %s, left by an export that was killed", path.data);
      }
      unkg_buf_clear(&path);
    }
  }
  if (d) {
    closedir(d);
  }
  w->swept = true;
}

/* Takes the directory's lock: concurrent exports into one directory
 * publish one document at a time. */
static UnkgStatus
lock_dir(const UnkgCtx* c, UnkgWriter* w)
{
  if (w->dir_fd < 0 && (w->dir_fd = open(w->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
    return UNKG_OK; /* no directory to write into: the first file says so */
  }
  int r;
  while ((r = flock(w->dir_fd, LOCK_EX)) != 0 && errno == EINTR) {
  }
  if (r) {
    return unkg_error_in(c, w->dir, UNKG_ERR_IO, 0, 0, "cannot lock the output directory: %s",
                         strerror(errno));
  }
  if (!w->swept) {
    sweep(c, w);
  }
  return UNKG_OK;
}

UnkgStatus
unkg_writer_sweep(const UnkgCtx* c, UnkgWriter* w)
{
  UnkgStatus st = lock_dir(c, w);
  if (w->dir_fd >= 0) {
    flock(w->dir_fd, LOCK_UN);
  }
  return st;
}

/* A graph holding a character XML 1.0 forbids, a noncharacter or a control
 * is refused in every format alike, so that no format carries what
 * another cannot. */
static int
has_forbidden(void* data, const char* s, size_t len)
{
  return unkg_forbidden_at(s, len, data) < len;
}

static UnkgStatus
check_chars(const UnkgCtx* c, const UnkgWriter* w, const UnkgGraph* g, const char* stem)
{
  uint32_t cp = 0;
  /* Each distinct string once; the triples only to name the one that has it. */
  if (!unkg_graph_each_string(g, has_forbidden, &cp) && !forbidden_in(g->name, &cp)) {
    return UNKG_OK;
  }
  for (size_t i = 0; i < g->n; ++i) {
    const UnkgTriple x   = unkg_graph_get(g, i);
    const UnkgTerm*  t[] = {&x.s, &x.p, &x.o};
    for (int k = 0; k < 3; ++k) {
      if (forbidden_in(t[k]->value, &cp) || forbidden_in(t[k]->lang, &cp)
          || forbidden_in(t[k]->datatype, &cp)) {
        return unkg_error_in(c, w->dir, UNKG_ERR_ENCODING, 0, 0,
                             "cannot write %s: the graph holds U+%04X, which RDF/XML cannot carry "
                             "(a control character or noncharacter), in the object of <%s>",
                             stem, cp, t[1]->value);
      }
    }
  }
  if (forbidden_in(g->name, &cp)) {
    return unkg_error_in(c, w->dir, UNKG_ERR_ENCODING, 0, 0,
                         "cannot write %s: its graph name holds U+%04X", stem, cp);
  }
  return UNKG_OK;
}

/* Every format of one document: all written to temporary files first,
 * then renamed into place together under the directory's lock, so that no
 * reader finds a .ttl and a .rdf of different runs.  N-Triples and
 * N-Quads go first: the graph's literals are checked as they are written
 * (forms_build), and a graph that holds a character no format may carry
 * is refused (check_chars) before any other format is tried, as it was
 * before any was written. */
static UnkgStatus
publish(const UnkgCtx* c, UnkgWriter* w, const UnkgGraph* g, FormCache* cache, const char* stem)
{
  /* Published as w->as, the directory is the caller's alone: no lock. */
  UnkgStatus     st = w->as ? UNKG_OK : lock_dir(c, w);
  const unsigned nt = UNKG_FMT_NTRIPLES | UNKG_FMT_NQUADS;
  for (int pass = 0; pass < 2; ++pass) {
    int n = 0; /* formats[i] is written to pending[n] */
    for (size_t i = 0; !st && i < sizeof formats / sizeof *formats; ++i) {
      if (w->formats & formats[i].fmt) {
        bool of_nt = (formats[i].fmt & nt) != 0;
        if (of_nt == (pass == 0)) {
          st = write_temp(c, w, g, cache, stem, formats[i].fmt, formats[i].ext, n);
        }
        ++n;
      }
    }
    if (!st && !pass && cache->nt.off && cache->nt.bad) {
      st = check_chars(c, w, g, stem);
    }
  }
  for (size_t i = 0, k = 0; !st && i < sizeof formats / sizeof *formats; ++i) {
    if (w->formats & formats[i].fmt) {
      UnkgBuf final = {0};
      if (w->as ? unkg_buf_printf(&final, "%s.%s", w->as, formats[i].ext)
                : unkg_buf_printf(&final, "%s/%s.%s", w->dir, stem, formats[i].ext)) {
        st = unkg_error_in(c, w->dir, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
      } else if (rename(pending[k], final.data) != 0) {
        st = unkg_error_in(c, final.data, UNKG_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
      } else {
        pending_set[k] = 0;
      }
      unkg_buf_clear(&final);
      ++k;
    }
  }
  unkg_writer_remove_temps(); /* what is left when something failed */
  if (w->dir_fd >= 0) {
    flock(w->dir_fd, LOCK_UN);
  }
  return st;
}

UnkgStatus
unkg_writer_write(const UnkgCtx* c, UnkgWriter* w, const UnkgGraph* g)
{
  if (!g->symbol || !g->lang || (!g->name && (w->formats & UNKG_FMT_NQUADS))) {
    return unkg_error_in(c, w->dir, UNKG_ERR_USAGE, 0, 0,
                         "cannot write a graph that describes no document");
  }
  char*    stem = unkg_output_stem(g);
  char*    key  = stem ? unkg_strdup(stem) : NULL;
  uint64_t hash = 0;
  if (!key || graph_hash(g, &hash)) {
    w->digest = 0;
    free(key);
    free(stem);
    return unkg_error_in(c, w->dir, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  /* Names that differ only in case are one file on case-insensitive file
   * systems: they count as the same name. */
  for (char* p = key; *p; ++p) {
    *p = (char)tolower((unsigned char)*p);
  }
  /* The renderings of the first format made from them check every string
   * of the graph on the way; check_chars names what they found, and checks
   * for formats made otherwise (RDF/XML alone). */
  FormCache cache = {0};
  Forms*    first = w->formats & (UNKG_FMT_NTRIPLES | UNKG_FMT_NQUADS) ? &cache.nt
                    : w->formats & UNKG_FMT_TURTLE                     ? &cache.ttl
                                                                       : NULL;
  w->digest       = hash;
  UnkgStatus st   = first ? forms_build(first, g, first == &cache.nt ? nt_form : ttl_form, false)
                          : UNKG_OK;
  uint32_t   cp;
  if (st) {
    st = unkg_error_in(c, w->dir, st, 0, 0, "%s", unkg_strerror(st));
  } else if (!first || first->bad || forbidden_in(g->name, &cp)) {
    st = check_chars(c, w, g, stem);
  }
  const size_t* taken = unkg_strmap_get(&w->taken, key);
  if (!st && taken && w->hashes[*taken] != hash) {
    st = unkg_error_in(c, w->dir, UNKG_ERR_USAGE, 0, 0,
                       "%s and %s both map to the output name %s: %s not written",
                       w->inputs[*taken], c->file ? c->file : "-", stem, c->file ? c->file : "-");
  }
  if (!st) {
    st = publish(c, w, g, &cache, stem);
  }
  cache_clear(&cache);
  if (!st && !taken) {
    char**    inputs = realloc(w->inputs, (w->n_inputs + 1) * sizeof *inputs);
    uint64_t* hashes = inputs ? realloc(w->hashes, (w->n_inputs + 1) * sizeof *hashes) : NULL;
    if (inputs) {
      w->inputs = inputs;
    }
    if (hashes) {
      w->hashes = hashes;
    }
    char* input = unkg_strdup(c->file ? c->file : "-");
    if (!hashes || !input || unkg_strmap_put(&w->taken, key, w->n_inputs, NULL)) {
      free(input);
      st = unkg_error_in(c, w->dir, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
    } else {
      w->inputs[w->n_inputs] = input;
      w->hashes[w->n_inputs] = hash;
      ++w->n_inputs;
    }
  }
  free(key);
  free(stem);
  return st;
}

uint64_t
unkg_writer_digest(const UnkgWriter* w)
{
  return w->digest;
}

int
unkg_make_dirs(const char* path)
{
  char   buf[PATH_MAX];
  size_t n = strlen(path);
  if (n >= sizeof buf) {
    errno = ENAMETOOLONG;
    return -1;
  }
  memcpy(buf, path, n + 1);
  for (char* p = buf + 1; *p; ++p) {
    if (*p == '/') {
      *p = '\0';
      if (mkdir(buf, 0777) && errno != EEXIST) {
        return -1;
      }
      *p = '/';
    }
  }
  if (mkdir(buf, 0777) && errno != EEXIST) {
    return -1;
  }
  struct stat sb;
  if (stat(buf, &sb) || !S_ISDIR(sb.st_mode)) {
    errno = ENOTDIR;
    return -1;
  }
  return 0;
}
