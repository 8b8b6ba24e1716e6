/* The site: staging, families, the five syntaxes, the dataset description,
 * the sitemap, the dump and the nginx configuration (publish.h). */
#define _GNU_SOURCE /* renameat2 */
#include "publish.h"

#include "buf.h"
#include "escape.h"
#include "lexicon.h"
#include "publish_impl.h"
#include "rdfio.h"
#include "serialize.h"
#include "vocab.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#define MARKER ".unkg-site"
#define SITEMAP_MAX 50000 /* URLs per sitemap file, the protocol's limit */
#define WIKIDATA "http://www.wikidata.org/entity/"

/* ---- a string map ------------------------------------------------------ */

static size_t
hash(const char* s)
{
  size_t h = 1469598103934665603u;
  for (; *s; ++s) {
    h = (h ^ (unsigned char)*s) * 1099511628211u;
  }
  return h;
}

static UnkgPubSlot*
map_find(const UnkgPubMap* m, const char* key)
{
  if (!m->cap) {
    return NULL;
  }
  for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
    if (!m->v[i].key || !strcmp(m->v[i].key, key)) {
      return &m->v[i];
    }
  }
}

/* Adds key -> val unless key is there; *val receives the value it has. */
static UnkgStatus
map_put(UnkgPubMap* m, const char* key, size_t* val)
{
  if (2 * (m->n + 1) > m->cap) {
    size_t       cap = m->cap ? 2 * m->cap : 1024;
    UnkgPubSlot* v   = calloc(cap, sizeof *v);
    if (!v) {
      return UNKG_ERR_NOMEM;
    }
    UnkgPubMap bigger = {v, 0, cap};
    for (size_t i = 0; i < m->cap; ++i) {
      if (m->v[i].key) {
        *map_find(&bigger, m->v[i].key) = m->v[i];
      }
    }
    free(m->v);
    m->v   = v;
    m->cap = cap;
  }
  UnkgPubSlot* s = map_find(m, key);
  if (!s->key) {
    if (!(s->key = unkg_strdup(key))) {
      return UNKG_ERR_NOMEM;
    }
    s->val = *val;
    ++m->n;
  }
  *val = s->val;
  return UNKG_OK;
}

static void
map_free(UnkgPubMap* m)
{
  for (size_t i = 0; i < m->cap; ++i) {
    free(m->v[i].key);
  }
  free(m->v);
}

/* ---- IRIs and paths ------------------------------------------------------ */

size_t
unkg_pub_family_len(const UnkgPublisher* p, const char* iri)
{
  if (strncmp(iri, p->base, p->base_len)) {
    return 0;
  }
  const char* s = iri + p->base_len;
  if (!strncmp(s, "id/doc/", 7)) {
    /* UN symbols are made of segments that never start with a lower-case
     * letter (A/RES/71/28, A/C.2/59/3, A/55/140/Add.1); the parts unkg
     * names under a document all do (op/3, reply/FRA/p/2, voting/AFG), and
     * an expression or span ends in @lang. */
    const char* q   = s + 7;
    const char* end = q;
    while (*q && !islower((unsigned char)*q) && *q != '@') {
      const char* seg_end = q + strcspn(q, "/@#");
      end                 = seg_end;
      if (*seg_end != '/') {
        break;
      }
      q = seg_end + 1;
    }
    return (size_t)(end - iri);
  }
  const char* hash_mark = strchr(s, '#');
  return hash_mark ? (size_t)(hash_mark - iri) : strlen(iri);
}

/* The family's directory below the site root, percent-decoded, or NULL if
 * it is not a safe path ("..", ".", empty segments, NUL). */
static char*
family_dir(const UnkgPublisher* p, const char* family, size_t len)
{
  UnkgBuf     b = {0};
  const char* s = family + p->base_len;
  const char* e = family + len;
  for (; s < e; ++s) {
    char ch = *s;
    if (ch == '%' && e - s > 2 && isxdigit((unsigned char)s[1]) && isxdigit((unsigned char)s[2])) {
      char hex[3] = {s[1], s[2], 0};
      ch          = (char)strtol(hex, NULL, 16);
      s += 2;
    }
    if (!ch || unkg_buf_append(&b, &ch, 1)) {
      unkg_buf_clear(&b);
      return NULL;
    }
  }
  char* d = unkg_buf_take(&b);
  if (!d || !*d) {
    free(d);
    return NULL;
  }
  for (const char* seg = d; seg;) {
    size_t n = strcspn(seg, "/");
    if (n == 0 || (n == 1 && seg[0] == '.') || (n == 2 && !strncmp(seg, "..", 2))
        || !strncmp(seg, MARKER, n)) {
      free(d);
      return NULL;
    }
    seg = seg[n] ? seg + n + 1 : NULL;
  }
  return d;
}

UnkgStatus
unkg_pub_href(const UnkgPublisher* p, UnkgBuf* b, const char* up, const char* iri)
{
  size_t len = unkg_pub_family_len(p, iri);
  if (len
      && (!strncmp(iri + p->base_len, "dump/", 5) || !strcmp(iri + p->base_len, "context.jsonld"))) {
    /* Files of the site, not descriptions. */
    unkg_buf_puts(b, up);
    unkg_pub_html_escape(b, iri + p->base_len);
    return UNKG_OK;
  }
  char* dir = len ? family_dir(p, iri, len) : NULL;
  if (!dir) {
    unkg_pub_html_escape(b, iri);
    return UNKG_OK;
  }
  const char* frag = iri + len;
  if (*frag == '/' || *frag == '#') {
    ++frag;
  }
  unkg_buf_puts(b, up);
  unkg_pub_html_escape(b, dir);
  unkg_buf_puts(b, "/index.html");
  if (*frag) {
    unkg_buf_puts(b, "#");
    unkg_pub_html_escape(b, frag);
  }
  free(dir);
  return UNKG_OK;
}

/* The IRI with the default base replaced by p's; NULL when out of
 * memory. */
static char*
rebase(const UnkgPublisher* p, const char* iri)
{
  size_t n = strlen(UNKG_SITE_DEFAULT_BASE);
  if (strncmp(iri, UNKG_SITE_DEFAULT_BASE, n) || !strcmp(p->base, UNKG_SITE_DEFAULT_BASE)) {
    return unkg_strdup(iri);
  }
  UnkgBuf b = {0};
  if (unkg_buf_puts(&b, p->base) || unkg_buf_puts(&b, iri + n)) {
    unkg_buf_clear(&b);
    return NULL;
  }
  return unkg_buf_take(&b);
}

/* Adds t to g with its IRIs re-based; reversed swaps subject and object. */
static UnkgStatus
add_rebased(const UnkgPublisher* p, UnkgGraph* g, const UnkgTriple* t, bool reversed)
{
  char*      s  = t->s.kind == UNKG_TERM_IRI ? rebase(p, t->s.value) : unkg_strdup(t->s.value);
  char*      pr = rebase(p, t->p.value);
  char*      o  = t->o.kind == UNKG_TERM_IRI ? rebase(p, t->o.value) : unkg_strdup(t->o.value);
  UnkgStatus st = UNKG_ERR_NOMEM;
  if (s && pr && o) {
    UnkgTriple r = {{t->s.kind, s, NULL, NULL}, {UNKG_TERM_IRI, pr, NULL, NULL}, t->o};
    r.o.value    = o;
    if (reversed) {
      UnkgTerm x = r.s;
      r.s        = r.o;
      r.o        = x;
    }
    st = unkg_graph_add(g, &r);
  }
  free(s);
  free(pr);
  free(o);
  return st;
}

/* ---- files ---------------------------------------------------------------- */

static int
remove_one(const char* path, const struct stat* sb, int flag, struct FTW* ftw)
{
  (void)sb;
  (void)flag;
  (void)ftw;
  return remove(path);
}

static void
remove_tree(const char* path)
{
  nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Closes f, adding its size to the site's bytes. */
static UnkgStatus
close_counted(const UnkgCtx* c, UnkgPublisher* p, FILE* f, const char* path)
{
  long size = ftell(f);
  bool bad  = ferror(f) != 0;
  if (fclose(f) || bad) {
    return unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
  }
  p->stats.bytes += size > 0 ? (size_t)size : 0;
  return UNKG_OK;
}

static FILE*
open_in_site(const UnkgCtx* c, const char* path)
{
  FILE* f = fopen(path, "wb");
  if (!f) {
    unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
  }
  return f;
}

/* ---- the publisher ---------------------------------------------------------- */

static bool
is_site_or_empty(const char* dir)
{
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/" MARKER, dir);
  if (access(path, F_OK) == 0) {
    return true;
  }
  DIR* d = opendir(dir);
  if (!d) {
    return false;
  }
  bool           empty = true;
  struct dirent* e;
  while (empty && (e = readdir(d))) {
    empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
  }
  closedir(d);
  return empty;
}

static UnkgStatus
add_label(UnkgPublisher* p, const UnkgTriple* t)
{
  const char* lang = t->o.lang;
  if (t->o.kind != UNKG_TERM_LITERAL || !lang || (strcmp(lang, "en") && strcmp(lang, "zh"))) {
    return UNKG_OK;
  }
  if (strcmp(t->p.value, NS_SKOS "prefLabel") && strcmp(t->p.value, NS_RDFS "label")) {
    return UNKG_OK;
  }
  size_t ix = p->n_labels;
  if (map_put(&p->label_ix, t->s.value, &ix)) {
    return UNKG_ERR_NOMEM;
  }
  if (ix == p->n_labels) {
    if (p->n_labels == p->cap_labels) {
      size_t        cap = p->cap_labels ? 2 * p->cap_labels : 256;
      UnkgPubLabel* v   = realloc(p->labels, cap * sizeof *v);
      if (!v) {
        return UNKG_ERR_NOMEM;
      }
      p->labels     = v;
      p->cap_labels = cap;
    }
    p->labels[p->n_labels++] = (UnkgPubLabel){NULL, NULL};
  }
  char** slot = !strcmp(lang, "en") ? &p->labels[ix].en : &p->labels[ix].zh;
  /* skos:prefLabel and rdfs:label both name a thing; the first one read
   * wins, so a page does not change with the order of the files. */
  if (!*slot && !(*slot = unkg_strdup(t->o.value))) {
    return UNKG_ERR_NOMEM;
  }
  return UNKG_OK;
}

const UnkgPubLabel*
unkg_pub_label(const UnkgPublisher* p, const char* iri)
{
  UnkgPubSlot* s = map_find(&p->label_ix, iri);
  return s && s->key ? &p->labels[s->val] : NULL;
}

static bool
same_family(const UnkgPublisher* p, const char* iri, const char* family, size_t len)
{
  return !strncmp(iri, family, len) && unkg_pub_family_len(p, iri) == len;
}

typedef struct {
  UnkgPublisher* p;
  UnkgGraph*     g;
  char*          graph_name; /* N-Quads: the first graph name seen */
  bool           rebased;
  const char*    family; /* if set: only triples about this family */
  size_t         flen;
} Collect;

static UnkgStatus
collect(void* data, const UnkgTriple* t, const UnkgTerm* graph)
{
  Collect* k = data;
  if (graph && !k->graph_name && !(k->graph_name = unkg_strdup(graph->value))) {
    return UNKG_ERR_NOMEM;
  }
  if (k->family && !same_family(k->p, t->s.value, k->family, k->flen)) {
    return UNKG_OK; /* a node of another page, which has it from pass 1 */
  }
  return k->rebased ? add_rebased(k->p, k->g, t, false) : unkg_graph_add(k->g, t);
}

static UnkgStatus
load_reference(const UnkgCtx* c, UnkgPublisher* p, const char* dir)
{
  char**     files = NULL;
  UnkgStatus st    = unkg_reference_files(c, dir, true, &files);
  Collect    k     = {p, p->ref, NULL, true, NULL, 0};
  for (size_t i = 0; !st && files[i]; ++i) {
    const UnkgRdfSink sink = {collect, &k, "ref", "reference data"};
    st                     = unkg_rdf_parse_file(c, files[i], NULL, &sink);
  }
  unkg_paths_free(files);
  free(k.graph_name);
  if (st) {
    return st;
  }
  unkg_graph_sort(p->ref);
  for (size_t i = 0; i < p->ref->n; ++i) {
    const UnkgTriple t = unkg_graph_get(p->ref, i);
    if (add_label(p, &t)) {
      return unkg_error_in(c, dir, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
    }
  }
  return UNKG_OK;
}

static bool
program_exists(const char* name)
{
  const char* path = getenv("PATH");
  char        buf[PATH_MAX];
  while (path && *path) {
    size_t n = strcspn(path, ":");
    snprintf(buf, sizeof buf, "%.*s/%s", (int)n, path, name);
    if (access(buf, X_OK) == 0) {
      return true;
    }
    path += n + (path[n] == ':');
  }
  return false;
}

UnkgStatus
unkg_publisher_new(const UnkgCtx* c, const UnkgPublishOptions* o, UnkgPublisher** out)
{
  *out           = NULL;
  const char* b  = o->base ? o->base : UNKG_SITE_DEFAULT_BASE;
  const char* sc = strstr(b, "://");
  if (!sc || sc == b || !sc[3] || b[strlen(b) - 1] != '/' || strpbrk(b, " <>\"{}|\\^`#?")) {
    return unkg_error_in(c, o->site, UNKG_ERR_USAGE, 0, 0,
                         "the base '%s' is not an absolute IRI ending in '/'", b);
  }
  struct stat sb;
  if (!stat(o->site, &sb) && (!S_ISDIR(sb.st_mode) || !is_site_or_empty(o->site))) {
    return unkg_error_in(c, o->site, UNKG_ERR_USAGE, 0, 0,
                         "exists and is not a site unkg published (no " MARKER "); not replacing it");
  }
  UnkgPublisher* p = calloc(1, sizeof *p);
  UnkgBuf        t = {0};
  if (p && (p->site = unkg_strdup(o->site))) {
    /* "site/" names the same directory; its new one goes beside it. */
    for (size_t n = strlen(p->site); n > 1 && p->site[n - 1] == '/'; --n) {
      p->site[n - 1] = '\0';
    }
  }
  if (!p || !p->site || !(p->base = unkg_strdup(b))
      || !(p->sparql = unkg_strdup(o->sparql ? o->sparql : "http://127.0.0.1:8890/sparql"))
      || !(p->ref = unkg_graph_new()) || unkg_buf_printf(&t, "%s.new-XXXXXX", p->site)) {
    unkg_buf_clear(&t);
    unkg_publisher_free(p);
    return unkg_error_in(c, o->site, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  p->base_len      = strlen(b);
  char* parent_end = strrchr(t.data, '/');
  if (parent_end && parent_end != t.data) {
    *parent_end = '\0';
    unkg_make_dirs(t.data);
    *parent_end = '/';
  }
  if (!mkdtemp(t.data)) {
    UnkgStatus st = unkg_error_in(c, o->site, UNKG_ERR_IO, 0, 0,
                                  "cannot make the new site's directory: %s", strerror(errno));
    unkg_buf_clear(&t);
    unkg_publisher_free(p);
    return st;
  }
  chmod(t.data, 0755);
  p->tmp = unkg_buf_take(&t);
  char    root[PATH_MAX];
  char*   abs = realpath(p->tmp, root);
  UnkgBuf r   = {0};
  if (o->nginx_root) {
    unkg_buf_puts(&r, o->nginx_root);
  } else if (abs) {
    /* Where the site will be once renamed into place. */
    char*       slash = strrchr(root, '/');
    const char* name  = strrchr(p->site, '/');
    *slash            = '\0';
    unkg_buf_printf(&r, "%s/%s", root, name ? name + 1 : p->site);
  }
  p->nginx_root = unkg_buf_take(&r);
  UnkgBuf links = {0};
  if (unkg_buf_printf(&links, "%s/.stage", p->tmp) || mkdir(links.data, 0777)
      || unkg_buf_puts(&links, "/links") || !(p->links = fopen(links.data, "wb"))) {
    UnkgStatus st = unkg_error_in(c, o->site, UNKG_ERR_IO, 0, 0, "cannot start the new site: %s",
                                  strerror(errno));
    unkg_buf_clear(&links);
    unkg_publisher_free(p);
    return st;
  }
  unkg_buf_clear(&links);
  p->has_dot    = program_exists("dot");
  p->onto       = rebase(p, UNKG_NS);
  p->onto_len   = p->onto ? unkg_pub_family_len(p, p->onto) : 0;
  UnkgStatus st = load_reference(c, p, o->data_dir);
  if (st) {
    unkg_publisher_free(p);
    return st;
  }
  *out = p;
  return UNKG_OK;
}

void
unkg_publisher_free(UnkgPublisher* p)
{
  if (!p) {
    return;
  }
  if (p->sitemap) {
    fclose(p->sitemap);
  }
  if (p->tmp) {
    remove_tree(p->tmp);
  }
  for (size_t i = 0; i < p->n_staged; ++i) {
    free(p->staged[i].family);
    free(p->staged[i].path);
  }
  free(p->staged);
  for (size_t i = 0; i < p->n_labels; ++i) {
    free(p->labels[i].en);
    free(p->labels[i].zh);
  }
  free(p->labels);
  map_free(&p->label_ix);
  unkg_graph_free(p->ref);
  if (p->links) {
    fclose(p->links);
  }
  free(p->site);
  free(p->tmp);
  free(p->base);
  free(p->sparql);
  free(p->nginx_root);
  free(p->onto);
  free(p);
}

/* ---- pass 1: staging ------------------------------------------------------ */

/* ---- links between pages ----------------------------------------------------
 *
 * A triple belongs to the page of its subject's family and, when its
 * object is under the base in another family, to that page too (as a link
 * into it).  Those of a document that belong to other pages go to one file,
 * a line per triple and page: the page's family, then the triple, fields
 * separated by tabs.  sort(1) groups the lines by family, on disk, so that
 * memory stays one page; the second pass reads them back page by page.
 * Fields escape '\\', tab and newline; the kind of a node is a letter. */

static void
link_field(FILE* f, const char* s)
{
  for (; s && *s; ++s) {
    if (*s == '\\' || *s == '\t' || *s == '\n') {
      fputc('\\', f);
      fputc(*s == '\t' ? 't' : *s == '\n' ? 'n' : '\\', f);
    } else {
      fputc(*s, f);
    }
  }
}

static void
link_line(UnkgPublisher* p, const char* family, size_t flen, const UnkgTriple* t)
{
  static const char kinds[] = "?IBL";
  FILE*             f       = p->links;
  fwrite(family, 1, flen, f);
  fprintf(f, "\t%c", kinds[t->s.kind]);
  link_field(f, t->s.value);
  fputc('\t', f);
  link_field(f, t->p.value);
  fprintf(f, "\t%c", kinds[t->o.kind]);
  link_field(f, t->o.value);
  fputc('\t', f);
  link_field(f, t->o.lang);
  fputc('\t', f);
  link_field(f, t->o.datatype);
  fputc('\n', f);
}

/* Files t under the pages it belongs to other than home[0, len) (len 0:
 * none). */
static UnkgStatus
links_add(const UnkgCtx* c, UnkgPublisher* p, const UnkgTriple* t, const char* home, size_t len)
{
  if (t->s.kind != UNKG_TERM_IRI) {
    return UNKG_OK; /* blank nodes (the ontology's OWL lists) have no page; the dump has them */
  }
  size_t sl = unkg_pub_family_len(p, t->s.value);
  size_t ol = t->o.kind == UNKG_TERM_IRI ? unkg_pub_family_len(p, t->o.value) : 0;
  if (sl && !(len && sl == len && !strncmp(t->s.value, home, len))) {
    link_line(p, t->s.value, sl, t);
  }
  /* A vocabulary term's page describes the term, not its every use: no
   * links into the ontology (rdf:type alone would be one per node). */
  if (ol
      && (!strcmp(t->p.value, RDF_TYPE) || (ol == p->onto_len && !strncmp(t->o.value, p->onto, ol)))) {
    ol = 0;
  }
  if (ol && !(len && ol == len && !strncmp(t->o.value, home, len))
      && !(sl == ol && !strncmp(t->s.value, t->o.value, ol))) {
    link_line(p, t->o.value, ol, t);
  }
  if (ferror(p->links)) {
    return unkg_error_in(c, "links", UNKG_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
  }
  return UNKG_OK;
}

/* Is iri the ontology's term local (the ontology re-based)? */
static bool
onto_term(const UnkgPublisher* p, const char* iri, const char* local)
{
  size_t n = strlen(p->onto);
  return !strncmp(iri, p->onto, n) && !strcmp(iri + n, local);
}

/* For the pages of what a state's reply mentions (an organization, an
 * instrument, another state): which states mention it, and where.  The
 * graph says it in two steps (a paragraph or an action is in a reply,
 * unkg:inReply, the reply is by a state, unkg:repliedBy; an action names
 * its unkg:actor), so a page of its own could not tell without every
 * document: the document's staging writes the pairs as links, with a
 * predicate of publish's own (PUB_MENTIONED_BY), for the HTML only.  g is
 * sorted and re-based. */
static UnkgStatus
states_mentioning(const UnkgCtx* c, UnkgPublisher* p, const UnkgGraph* g, const char* home, size_t len)
{
  UnkgPubMap speaker = {0}; /* node -> its triple naming the state: actor, repliedBy */
  UnkgPubMap reply   = {0}; /* node -> its unkg:inReply triple */
  UnkgStatus st      = UNKG_OK;
  for (size_t i = 0; !st && i < g->n; ++i) {
    const UnkgTriple  ti = unkg_graph_get(g, i);
    const UnkgTriple* t  = &ti;
    size_t            ix = i;
    if (t->s.kind != UNKG_TERM_IRI || t->o.kind != UNKG_TERM_IRI) {
      continue;
    }
    if (onto_term(p, t->p.value, "actor") || onto_term(p, t->p.value, "repliedBy")) {
      st = map_put(&speaker, t->s.value, &ix);
    } else if (onto_term(p, t->p.value, "inReply")) {
      st = map_put(&reply, t->s.value, &ix);
    }
  }
  for (size_t i = 0; !st && speaker.n && i < g->n; ++i) {
    const UnkgTriple  ti = unkg_graph_get(g, i);
    const UnkgTriple* t  = &ti;
    if (t->s.kind != UNKG_TERM_IRI || t->o.kind != UNKG_TERM_IRI
        || !(onto_term(p, t->p.value, "mentions") || onto_term(p, t->p.value, "object"))) {
      continue;
    }
    size_t ol = unkg_pub_family_len(p, t->o.value);
    if (!ol || (ol == len && !strncmp(t->o.value, home, len))) {
      continue;
    }
    UnkgPubSlot* who = map_find(&speaker, t->s.value);
    if (!who || !who->key) {
      UnkgPubSlot* r = map_find(&reply, t->s.value);
      who            = r && r->key ? map_find(&speaker, unkg_graph_value(g, g->t[r->val].o)) : NULL;
    }
    if (!who || !who->key) {
      continue;
    }
    const char* state = unkg_graph_value(g, g->t[who->val].o);
    if (!strncmp(state, t->o.value, ol) && strlen(state) == ol) {
      continue; /* a state naming itself */
    }
    UnkgTriple said = {{UNKG_TERM_IRI, (char*)state, NULL, NULL},
                       {UNKG_TERM_IRI, (char*)PUB_MENTIONED_BY, NULL, NULL},
                       {UNKG_TERM_IRI, t->s.value, NULL, NULL}};
    link_line(p, t->o.value, ol, &said);
    if (ferror(p->links)) {
      st = unkg_error_in(c, "links", UNKG_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
    }
  }
  map_free(&speaker);
  map_free(&reply);
  return st;
}

/* Reads the sorted links back, one family at a time. */
typedef struct {
  FILE*  f;
  char*  line; /* the current line, split in place; NULL at the end */
  size_t cap;
  char*  field[6]; /* family, subject, predicate, object, language, datatype */
} LinkReader;

static char*
unescape_field(char* s)
{
  char* w = s;
  for (char* r = s; *r; ++r) {
    if (*r == '\\' && r[1]) {
      ++r;
      *w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
    } else {
      *w++ = *r;
    }
  }
  *w = '\0';
  return s;
}

/* The next line, split into its six fields; false at the end. */
static bool
link_next(LinkReader* r)
{
  ssize_t n = r->f ? getline(&r->line, &r->cap, r->f) : -1;
  if (n <= 0) {
    return false;
  }
  if (r->line[n - 1] == '\n') {
    r->line[n - 1] = '\0';
  }
  char* q = r->line;
  for (int i = 0; i < 6; ++i) {
    r->field[i] = q;
    q           = q ? strchr(q, '\t') : NULL;
    if (q) {
      *q++ = '\0';
    }
  }
  return r->field[5] != NULL;
}

static UnkgTermKind
kind_of(char k)
{
  return k == 'B' ? UNKG_TERM_BLANK : k == 'L' ? UNKG_TERM_LITERAL : UNKG_TERM_IRI;
}

/* Moves the lines of the current family into own (subject in it), in
 * (links into it, reversed: s the target) and said (the states mentioning
 * it, as written), advancing the reader. */
static UnkgStatus
link_take(LinkReader* r, bool* more, const UnkgPublisher* p, const char* family, UnkgGraph* own,
          UnkgGraph* in, UnkgGraph* said)
{
  UnkgStatus st = UNKG_OK;
  size_t     fl = strlen(family);
  while (!st && *more && !strcmp(r->field[0], family)) {
    UnkgTriple t = {{kind_of(r->field[1][0]), unescape_field(r->field[1] + 1), NULL, NULL},
                    {UNKG_TERM_IRI, unescape_field(r->field[2]), NULL, NULL},
                    {kind_of(r->field[3][0]), unescape_field(r->field[3] + 1), NULL, NULL}};
    if (t.o.kind == UNKG_TERM_LITERAL) {
      t.o.lang     = *r->field[4] ? unescape_field(r->field[4]) : NULL;
      t.o.datatype = *r->field[5] ? unescape_field(r->field[5]) : NULL;
    }
    if (!strcmp(t.p.value, PUB_MENTIONED_BY)) {
      st = unkg_graph_add(said, &t);
    } else if (t.s.kind == UNKG_TERM_IRI && same_family(p, t.s.value, family, fl)) {
      st = unkg_graph_add(own, &t);
    } else {
      UnkgTriple rev = {t.o, t.p, t.s};
      st             = unkg_graph_add(in, &rev);
    }
    *more = link_next(r);
  }
  return st;
}

/* sort(1) over the links file, in byte order, duplicates dropped (the
 * languages of a document repeat its links). */
static UnkgStatus
sort_links(const UnkgCtx* c, UnkgPublisher* p, const char* sorted)
{
  char in[PATH_MAX], dir[PATH_MAX], path_env[PATH_MAX + 8];
  snprintf(in, sizeof in, "%s/.stage/links", p->tmp);
  snprintf(dir, sizeof dir, "%s/.stage", p->tmp);
  const char* path = getenv("PATH");
  snprintf(path_env, sizeof path_env, "PATH=%s", path ? path : "/usr/bin:/bin");
  char* const argv[] = {"sort", "-u", "-S", "64M", "-T", dir, "-o", (char*)sorted, in, NULL};
  char* const envp[] = {"LC_ALL=C", path_env, NULL};
  pid_t       pid;
  int         status = 0;
  if (posix_spawnp(&pid, "sort", NULL, NULL, argv, envp) || waitpid(pid, &status, 0) < 0
      || !WIFEXITED(status) || WEXITSTATUS(status)) {
    return unkg_error_in(c, in, UNKG_ERR_IO, 0, 0, "cannot sort the links between pages");
  }
  unlink(in);
  return UNKG_OK;
}

/* g is re-based already. */
static UnkgStatus
stage(const UnkgCtx* c, UnkgPublisher* p, const UnkgGraph* g)
{
  size_t len = g->name ? unkg_pub_family_len(p, g->name) : 0;
  if (!len) {
    return unkg_error(c, UNKG_ERR_USAGE, 0, 0,
                      "does not describe a document under the base %s (no expression IRI)", p->base);
  }
  UnkgBuf path = {0}, dir = {0};
  char*   family = unkg_strndup(g->name, len);
  FILE*   f      = NULL;
  if (!family || unkg_buf_printf(&dir, "%s/.stage", p->tmp)
      || unkg_buf_printf(&path, "%s/%08zu.nq", dir.data, p->seq++)) {
    free(family);
    unkg_buf_clear(&path);
    unkg_buf_clear(&dir);
    return unkg_error(c, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  unkg_buf_clear(&dir);
  char       error[256] = "";
  UnkgStatus st         = UNKG_OK;
  if (!(f = fopen(path.data, "wb"))) {
    st = unkg_error_in(c, path.data, UNKG_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
  } else {
    st       = unkg_serialize_to(f, UNKG_FMT_NQUADS, g, true, error, sizeof error);
    bool bad = ferror(f) != 0;
    if ((fclose(f) || bad) && !st) {
      st = unkg_error_in(c, path.data, UNKG_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
    }
  }
  if (!st && p->n_staged == p->cap_staged) {
    size_t         cap = p->cap_staged ? 2 * p->cap_staged : 64;
    UnkgPubStaged* v   = realloc(p->staged, cap * sizeof *v);
    if (v) {
      p->staged     = v;
      p->cap_staged = cap;
    } else {
      st = UNKG_ERR_NOMEM;
    }
  }
  if (!st) {
    p->staged[p->n_staged++] = (UnkgPubStaged){family, unkg_buf_take(&path)};
    family                   = NULL;
  }
  /* What the document says about others, and its links into them: their
   * pages show it.  On disk, not in memory (links_add). */
  for (size_t i = 0; !st && i < g->n; ++i) {
    const UnkgTriple t = unkg_graph_get(g, i);
    st                 = links_add(c, p, &t, g->name, len);
  }
  st = st ? st : states_mentioning(c, p, g, g->name, len);
  free(family);
  unkg_buf_clear(&path);
  if (st == UNKG_ERR_NOMEM) {
    unkg_error(c, st, 0, 0, "%s", unkg_strerror(st));
  }
  return st;
}

UnkgStatus
unkg_publisher_add(const UnkgCtx* c, UnkgPublisher* p, const UnkgGraph* g)
{
  UnkgGraph* r  = unkg_graph_new();
  UnkgStatus st = r ? UNKG_OK : UNKG_ERR_NOMEM;
  for (size_t i = 0; !st && i < g->n; ++i) {
    const UnkgTriple t = unkg_graph_get(g, i);
    st                 = add_rebased(p, r, &t, false);
  }
  if (!st && g->name && !(r->name = rebase(p, g->name))) {
    st = UNKG_ERR_NOMEM;
  }
  if (st) {
    unkg_graph_free(r);
    return unkg_error(c, st, 0, 0, "%s", unkg_strerror(st));
  }
  unkg_graph_sort(r);
  st = stage(c, p, r);
  unkg_graph_free(r);
  return st;
}

UnkgStatus
unkg_publisher_add_file(const UnkgCtx* c, UnkgPublisher* p, const char* path)
{
  Collect           k    = {p, unkg_graph_new(), NULL, true, NULL, 0};
  const UnkgRdfSink sink = {collect, &k, "genid", NULL};
  UnkgStatus        st   = k.g ? unkg_rdf_parse_file(c, path, NULL, &sink) : UNKG_ERR_NOMEM;
  char*             has_expression = rebase(p, U("hasExpression"));
  if (!st && !has_expression) {
    st = unkg_error(c, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  if (!st) {
    /* The document's expression names the graph, as exports name it. */
    for (size_t i = 0; i < k.g->n && !k.g->name; ++i) {
      const UnkgTriple  ti = unkg_graph_get(k.g, i);
      const UnkgTriple* t  = &ti;
      if (!strcmp(t->p.value, has_expression) && t->o.kind == UNKG_TERM_IRI) {
        k.g->name = unkg_strdup(t->o.value);
      }
    }
    if (!k.g->name) {
      st = unkg_error(c, UNKG_ERR_USAGE, 0, 0,
                      "not an export of one document (no unkg:hasExpression)");
    }
  }
  if (!st) {
    unkg_graph_sort(k.g);
    st = stage(c, p, k.g);
  }
  free(has_expression);
  free(k.graph_name);
  unkg_graph_free(k.g);
  return st;
}

/* ---- the syntaxes ------------------------------------------------------------ */

static void
json_string(FILE* f, const char* s)
{
  fputc('"', f);
  for (; *s; ++s) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\') {
      fputc('\\', f);
      fputc(ch, f);
    } else if (ch == '\n') {
      fputs("\\n", f);
    } else if (ch < 0x20) {
      fprintf(f, "\\u%04x", ch);
    } else {
      fputc(ch, f);
    }
  }
  fputc('"', f);
}

/* The @context: a term per namespace of vocab.h. */
static void
json_context(FILE* f)
{
  fputs("{\n", f);
  for (size_t i = 0; i < unkg_n_namespaces; ++i) {
    fputs(i ? ",\n    " : "    ", f);
    json_string(f, unkg_namespaces[i].prefix);
    fputs(": ", f);
    json_string(f, unkg_namespaces[i].ns);
  }
  fputs("\n  }", f);
}

static bool
plain_name(const char* s)
{
  if (!isalpha((unsigned char)*s)) {
    return false;
  }
  for (; *s; ++s) {
    if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-') {
      return false;
    }
  }
  return true;
}

/* JSON-LD, flattened: a node object per subject, every value an object
 * (@id, or @value with @language or @type), so no term definition can
 * change what a value means.  Keys are prefixed names of the context. */
static void
jsonld_write(FILE* f, const UnkgGraph* g)
{
  fputs("{\n  \"@context\": ", f);
  json_context(f);
  fputs(",\n  \"@graph\": [", f);
  for (size_t i = 0; i < g->n; ++i) {
    const UnkgTriple     ti       = unkg_graph_get(g, i);
    const UnkgTriple*    t        = &ti;
    bool                 new_node = i == 0 || g->t[i].s != g->t[i - 1].s;
    bool                 new_pred = new_node || g->t[i].p != g->t[i - 1].p;
    const char*          local    = NULL;
    const UnkgNamespace* ns       = unkg_namespace_of(t->p.value, false, &local);
    if (new_node) {
      fputs(i ? "\n    ]\n  },\n  {\n    \"@id\": " : "\n  {\n    \"@id\": ", f);
      if (t->s.kind == UNKG_TERM_BLANK) {
        fprintf(f, "\"_:%s\"", t->s.value);
      } else {
        json_string(f, t->s.value);
      }
    }
    if (new_pred) {
      fputs(new_node ? ",\n    " : "\n    ],\n    ", f);
      if (ns && plain_name(local)) {
        fprintf(f, "\"%s:%s\"", ns->prefix, local);
      } else {
        json_string(f, t->p.value);
      }
      fputs(": [\n      ", f);
    } else {
      fputs(",\n      ", f);
    }
    if (t->o.kind == UNKG_TERM_LITERAL) {
      fputs("{\"@value\": ", f);
      json_string(f, t->o.value);
      if (t->o.lang) {
        fputs(", \"@language\": ", f);
        json_string(f, t->o.lang);
      } else if (t->o.datatype) {
        fputs(", \"@type\": ", f);
        json_string(f, t->o.datatype);
      }
      fputc('}', f);
    } else if (t->o.kind == UNKG_TERM_BLANK) {
      fprintf(f, "{\"@id\": \"_:%s\"}", t->o.value);
    } else {
      fputs("{\"@id\": ", f);
      json_string(f, t->o.value);
      fputc('}', f);
    }
  }
  fputs(g->n ? "\n    ]\n  }\n  ]\n}\n" : "]\n}\n", f);
}

static const struct {
  unsigned    fmt;
  const char* ext;
} syntaxes[] = {
  {UNKG_FMT_TURTLE, "ttl"}, {UNKG_FMT_RDFXML, "rdf"}, {UNKG_FMT_NTRIPLES, "nt"}, {0, "jsonld"}};

/* ---- pass 2: pages ------------------------------------------------------------- */

static UnkgStatus
sitemap_url(const UnkgCtx* c, UnkgPublisher* p, const char* rel)
{
  if (p->sitemap && p->sitemap_urls == SITEMAP_MAX) {
    fputs("</urlset>\n", p->sitemap);
    FILE* f    = p->sitemap;
    p->sitemap = NULL;
    if (close_counted(c, p, f, "sitemap")) {
      return UNKG_ERR_IO;
    }
  }
  if (!p->sitemap) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/sitemap-%zu.xml", p->tmp, ++p->sitemap_chunks);
    if (!(p->sitemap = open_in_site(c, path))) {
      return UNKG_ERR_IO;
    }
    p->sitemap_urls = 0;
    fputs(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
      p->sitemap);
  }
  fputs("  <url><loc>", p->sitemap);
  unkg_escape_file(p->sitemap, UNKG_ESC_XML_TEXT, p->base, p->base_len);
  unkg_escape_file(p->sitemap, UNKG_ESC_XML_TEXT, rel, strlen(rel));
  fputs("</loc></url>\n", p->sitemap);
  ++p->sitemap_urls;
  return UNKG_OK;
}

static UnkgStatus
run_dot(const UnkgCtx* c, const char* dir, const UnkgBuf* dot)
{
  char in[PATH_MAX], out[PATH_MAX];
  snprintf(in, sizeof in, "%s/citations.dot", dir);
  snprintf(out, sizeof out, "%s/citations.svg", dir);
  FILE* f = fopen(in, "wb");
  if (!f) {
    return unkg_error_in(c, in, UNKG_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
  }
  fwrite(dot->data, 1, dot->len, f);
  fclose(f);
  /* posix_spawn, not fork: the publisher may be large, and copying its
   * page tables for each picture cost more than drawing it. */
  char* const argv[] = {"dot", "-Tsvg", "-o", out, in, NULL};
  pid_t       pid;
  int         status = 0;
  if (posix_spawnp(&pid, "dot", NULL, NULL, argv, environ) || waitpid(pid, &status, 0) < 0
      || !WIFEXITED(status) || WEXITSTATUS(status)) {
    unkg_warning_in(c, in, 0, 0, "Graphviz failed; the page has no citation picture");
    unlink(out);
    unlink(in);
    return UNKG_ERR_IO;
  }
  unlink(in);
  return UNKG_OK;
}

/* Writes the five descriptions of family: own (subjects in it) and in
 * (reversed links into it) are sorted; said (the states mentioning it),
 * sorted too, is for the HTML only. */
static UnkgStatus
render(const UnkgCtx* c, UnkgPublisher* p, const char* family, size_t len, const UnkgGraph* own,
       const UnkgGraph* in, const UnkgGraph* said, bool picture)
{
  char* rel = family_dir(p, family, len);
  if (!rel) {
    unkg_warning(c, 0, 0, "no page for <%.*s>: not a safe path", (int)len, family);
    return UNKG_OK;
  }
  UnkgBuf    dir = {0}, up = {0}, fam = {0}, file = {0}, dot = {0};
  UnkgGraph* d  = unkg_graph_new();
  UnkgStatus st = d && !unkg_buf_printf(&dir, "%s/%s", p->tmp, rel)
                      && !unkg_buf_append(&fam, family, len)
                    ? UNKG_OK
                    : UNKG_ERR_NOMEM;
  for (const char* q = rel; !st && q; q = strchr(q + 1, '/')) {
    st = unkg_buf_puts(&up, "../");
  }
  if (!st && unkg_make_dirs(dir.data)) {
    st = unkg_error_in(c, dir.data, UNKG_ERR_IO, 0, 0, "cannot make: %s", strerror(errno));
  }
  /* The description: the family's triples and the links into it. */
  for (size_t i = 0; !st && i < own->n; ++i) {
    const UnkgTriple t = unkg_graph_get(own, i);
    st                 = unkg_graph_add(d, &t);
  }
  for (size_t i = 0; !st && i < in->n; ++i) {
    const UnkgTriple t = unkg_graph_get(in, i);
    UnkgTriple       r = {t.o, t.p, t.s};
    st                 = unkg_graph_add(d, &r);
  }
  if (!st) {
    unkg_graph_sort(d);
    for (size_t i = 0; i < own->n; ++i) {
      p->subjects += i == 0 || own->t[i].s != own->t[i - 1].s;
    }
  }
  for (size_t k = 0; !st && k < sizeof syntaxes / sizeof *syntaxes; ++k) {
    file.len         = 0;
    char  error[256] = "";
    FILE* f          = NULL;
    if (unkg_buf_printf(&file, "%s/index.%s", dir.data, syntaxes[k].ext)
        || !(f = open_in_site(c, file.data))) {
      st = UNKG_ERR_IO;
      break;
    }
    if (syntaxes[k].fmt) {
      st = unkg_serialize_to(f, syntaxes[k].fmt, d, true, error, sizeof error);
    } else {
      jsonld_write(f, d);
    }
    UnkgStatus cs = close_counted(c, p, f, file.data);
    if (st) {
      unkg_error_in(c, file.data, st, 0, 0, "%s", error[0] ? error : unkg_strerror(st));
    }
    st = st ? st : cs;
  }
  const char* svg = NULL;
  if (!st && picture && p->has_dot && !unkg_pub_dot(p, &dot, fam.data, own, in) && dot.len
      && !run_dot(c, dir.data, &dot)) {
    svg = "citations.svg";
  }
  if (!st) {
    FILE* f  = NULL;
    file.len = 0;
    if (unkg_buf_printf(&file, "%s/index.html", dir.data) || !(f = open_in_site(c, file.data))) {
      st = UNKG_ERR_IO;
    } else {
      st            = unkg_pub_html(p, f, fam.data, own, in, said, up.data ? up.data : "", svg);
      UnkgStatus cs = close_counted(c, p, f, file.data);
      st            = st ? st : cs;
    }
  }
  if (!st) {
    file.len = 0;
    st       = unkg_buf_printf(&file, "%s/index.html", rel);
    st       = st ? st : sitemap_url(c, p, file.data);
    ++p->stats.pages;
  }
  unkg_graph_free(d);
  unkg_buf_clear(&dir);
  unkg_buf_clear(&up);
  unkg_buf_clear(&fam);
  unkg_buf_clear(&file);
  unkg_buf_clear(&dot);
  free(rel);
  return st;
}

static int
family_cmp_str(const char* a, size_t an, const char* b, size_t bn)
{
  int r = memcmp(a, b, an < bn ? an : bn);
  return r ? r : (an > bn) - (an < bn);
}

static int
staged_cmp(const void* x, const void* y)
{
  const UnkgPubStaged* a = x;
  const UnkgPubStaged* b = y;
  int                  r = strcmp(a->family, b->family);
  return r ? r : strcmp(a->path, b->path);
}

static UnkgStatus
gz_file(const UnkgCtx* c, gzFile gz, const char* path)
{
  FILE* f = fopen(path, "rb");
  if (!f) {
    return unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "cannot read: %s", strerror(errno));
  }
  char   chunk[65536];
  size_t n;
  bool   ok = true;
  while (ok && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    ok = gzwrite(gz, chunk, (unsigned)n) == (int)n;
  }
  fclose(f);
  return ok ? UNKG_OK : unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "cannot compress the dump");
}

static UnkgStatus
count_lines(const char* path, size_t* n)
{
  FILE* f = fopen(path, "rb");
  if (!f) {
    return UNKG_ERR_IO;
  }
  int ch;
  while ((ch = getc(f)) != EOF) {
    *n += ch == '\n';
  }
  fclose(f);
  return UNKG_OK;
}

/* One staged document: every language file, the triples other documents
 * hold about it, into one sorted graph. */
static UnkgStatus
load_staged(const UnkgCtx* c, UnkgPublisher* p, size_t from, size_t to, UnkgGraph* g, gzFile gz)
{
  UnkgStatus st = UNKG_OK;
  for (size_t i = from; !st && i < to; ++i) {
    Collect           k    = {p, g, NULL, false, p->staged[i].family, strlen(p->staged[i].family)};
    const UnkgRdfSink sink = {collect, &k, "genid", NULL};
    st                     = unkg_rdf_parse_file(c, p->staged[i].path, "nquads", &sink);
    free(k.graph_name);
    st = st ? st : gz_file(c, gz, p->staged[i].path);
    st = st ? st : count_lines(p->staged[i].path, &p->stats.triples);
    unlink(p->staged[i].path);
  }
  return st;
}

static void
graph_reset(UnkgGraph* g)
{
  unkg_graph_reset(g);
}

/* Walks the staged documents and the sorted links in family order,
 * rendering each family once. */
static UnkgStatus
render_all(const UnkgCtx* c, UnkgPublisher* p, const char* sorted, gzFile gz)
{
  LinkReader r    = {fopen(sorted, "rb"), NULL, 0, {NULL}};
  bool       more = link_next(&r);
  size_t     si   = 0;
  UnkgGraph* g    = unkg_graph_new();
  UnkgGraph* in   = unkg_graph_new();
  UnkgGraph* said = unkg_graph_new();
  UnkgStatus st   = g && in && said ? UNKG_OK : UNKG_ERR_NOMEM;
  if (!r.f) {
    st = unkg_error_in(c, sorted, UNKG_ERR_IO, 0, 0, "cannot read: %s", strerror(errno));
  }
  while (!st && (si < p->n_staged || more)) {
    /* The smaller family at the heads. */
    const char* a = si < p->n_staged ? p->staged[si].family : NULL;
    const char* b = more ? r.field[0] : NULL;
    char* family = unkg_strdup(!b || (a && family_cmp_str(a, strlen(a), b, strlen(b)) <= 0) ? a : b);
    if (!family) {
      st = UNKG_ERR_NOMEM;
      break;
    }
    size_t s0 = si;
    while (si < p->n_staged && !strcmp(p->staged[si].family, family)) {
      ++si;
    }
    graph_reset(g);
    graph_reset(in);
    graph_reset(said);
    st = load_staged(c, p, s0, si, g, gz);
    st = st ? st : link_take(&r, &more, p, family, g, in, said);
    if (!st) {
      unkg_graph_sort(g);
      unkg_graph_sort(in);
      unkg_graph_sort(said);
      p->stats.documents += si > s0;
      /* Pictures for the documents published, not for those they cite. */
      st = render(c, p, family, strlen(family), g, in, said, si > s0);
    }
    free(family);
  }
  if (r.f) {
    fclose(r.f);
  }
  free(r.line);
  unlink(sorted);
  unkg_graph_free(g);
  unkg_graph_free(in);
  unkg_graph_free(said);
  if (st == UNKG_ERR_NOMEM) {
    unkg_error(c, st, 0, 0, "%s", unkg_strerror(st));
  }
  return st;
}

/* ---- the dataset -------------------------------------------------------------- */

static UnkgStatus
dataset_graph(UnkgPublisher* p, UnkgGraph* g, const char* ds)
{
  UnkgBuf    dump = {0}, wd = {0}, iso = {0};
  UnkgStatus st = unkg_buf_printf(&dump, "%sdump/unkg.nq.gz", p->base)
                      || unkg_buf_printf(&wd, "%s#linkset-wikidata", ds)
                      || unkg_buf_printf(&iso, "%s#linkset-iso3166", ds)
                    ? UNKG_ERR_NOMEM
                    : UNKG_OK;
#define IRI(s, pr, o) st = st ? st : unkg_graph_add_iri(g, s, pr, o)
#define LIT(s, pr, v, l, dt) st = st ? st : unkg_graph_add_lit(g, s, pr, v, l, dt)
#define INT(s, pr, v) st = st ? st : unkg_graph_add_int(g, s, pr, (long)(v))
  IRI(ds, RDF_TYPE, NS_VOID "Dataset");
  IRI(ds, RDF_TYPE, NS_DCAT "Dataset");
  LIT(ds, NS_DCT "title", "UN documents as linked data", "en", NULL);
  LIT(ds, NS_DCT "title", "联合国文件关联数据", "zh", NULL);
  LIT(ds, NS_DCT "description",
      "General Assembly resolutions and the Secretary-General's reports with member states' "
      "replies, as RDF, published by unkg.",
      "en", NULL);
  LIT(ds, NS_VOID "uriSpace", p->base, NULL, NULL);
  INT(ds, NS_VOID "triples", p->stats.triples);
  INT(ds, NS_VOID "entities", p->subjects);
  INT(ds, NS_VOID "documents", p->stats.documents);
  IRI(ds, NS_VOID "dataDump", dump.data);
  IRI(ds, NS_VOID "sparqlEndpoint", p->sparql);
  IRI(ds, NS_VOID "rootResource", p->base);
  for (size_t i = 0; i < unkg_n_namespaces; ++i) {
    IRI(ds, NS_VOID "vocabulary", unkg_namespaces[i].ns);
  }
  IRI(ds, NS_DCAT "distribution", dump.data);
  IRI(dump.data, RDF_TYPE, NS_DCAT "Distribution");
  IRI(dump.data, NS_DCAT "downloadURL", dump.data);
  LIT(dump.data, NS_DCAT "mediaType", "application/n-quads", NULL, NULL);
  LIT(dump.data, NS_DCT "format", "application/gzip", NULL, NULL);
  IRI(ds, NS_DCAT "distribution", p->sparql);
  IRI(p->sparql, RDF_TYPE, NS_DCAT "DataService");
  IRI(p->sparql, NS_DCAT "endpointURL", p->sparql);
  IRI(ds, NS_VOID "subset", wd.data);
  IRI(wd.data, RDF_TYPE, NS_VOID "Linkset");
  IRI(wd.data, NS_VOID "linkPredicate", NS_OWL "sameAs");
  IRI(wd.data, NS_VOID "subjectsTarget", ds);
  IRI(wd.data, NS_VOID "objectsTarget", "http://www.wikidata.org/");
  INT(wd.data, NS_VOID "triples", p->wikidata_links);
  IRI(ds, NS_VOID "subset", iso.data);
  IRI(iso.data, RDF_TYPE, NS_VOID "Linkset");
  IRI(iso.data, NS_VOID "linkPredicate", U("iso3166Alpha3"));
  IRI(iso.data, NS_VOID "subjectsTarget", ds);
  IRI(iso.data, NS_VOID "objectsTarget", "https://www.iso.org/iso-3166-country-codes.html");
  INT(iso.data, NS_VOID "triples", p->iso_links);
#undef IRI
#undef LIT
#undef INT
  unkg_buf_clear(&dump);
  unkg_buf_clear(&wd);
  unkg_buf_clear(&iso);
  return st;
}

static void
count_links(UnkgPublisher* p, const UnkgGraph* g)
{
  for (size_t i = 0; i < g->n; ++i) {
    const UnkgTriple  ti = unkg_graph_get(g, i);
    const UnkgTriple* t  = &ti;
    if (t->o.kind == UNKG_TERM_IRI && !strncmp(t->o.value, WIKIDATA, strlen(WIKIDATA))) {
      ++p->wikidata_links;
    }
    p->iso_links += !strcmp(t->p.value, U("iso3166Alpha3"));
  }
}

/* ---- nginx ---------------------------------------------------------------------- */

static UnkgStatus
write_nginx(const UnkgCtx* c, UnkgPublisher* p)
{
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/nginx.conf", p->tmp);
  FILE* f = open_in_site(c, path);
  if (!f) {
    return UNKG_ERR_IO;
  }
  /* The path part of the base: the site may live below a domain's root,
   * so requests carry it (/unkg/id/doc/...) and files do not. */
  const char* host = strstr(p->base, "://") + 3;
  const char* root = strchr(host, '/');
  UnkgBuf     re   = {0};
  for (const char* q = root; q[1]; ++q) { /* the path without its last '/' */
    if (strchr(".^$*+?()[]{}|\\", *q)) {
      unkg_buf_puts(&re, "\\");
    }
    unkg_buf_append(&re, q, 1);
  }
  const char* pre = re.data ? re.data : "";
  fprintf(f,
          "# nginx configuration for the unkg site, written by unkg publish.\n"
          "# Include it in nginx's http {} block (docs/publish.md).  It serves the\n"
          "# site at %s with content negotiation: an IRI\n"
          "# answers 303 See Other to its description in the syntax Accept asks for\n"
          "# (text/turtle, application/rdf+xml, application/n-triples,\n"
          "# application/ld+json; HTML otherwise), with Vary: Accept.\n"
          "\n"
          "map $http_accept $unkg_ext {\n"
          "    default                     html;\n"
          "    \"~*text/turtle\"             ttl;\n"
          "    \"~*application/rdf\\+xml\"    rdf;\n"
          "    \"~*application/n-triples\"   nt;\n"
          "    \"~*application/ld\\+json\"    jsonld;\n"
          "}\n"
          "# A part's fragment of its document's page (#op/3), none for the document.\n"
          "map $unkg_frag $unkg_hash {\n"
          "    \"\"                          \"\";\n"
          "    default                     \"#$unkg_frag\";\n"
          "}\n"
          "\n"
          "server {\n"
          "    listen 80;\n"
          "    server_name _;\n"
          "    root %s;\n"
          "    charset utf-8;\n"
          "    charset_types text/turtle application/n-triples application/rdf+xml\n"
          "                  application/ld+json application/json text/plain;\n"
          "    types {\n"
          "        text/html               html;\n"
          "        text/turtle             ttl;\n"
          "        application/rdf+xml     rdf;\n"
          "        application/n-triples   nt;\n"
          "        application/n-quads     nq;\n"
          "        application/ld+json     jsonld;\n"
          "        application/xml         xml;\n"
          "        image/svg+xml           svg;\n"
          "        application/gzip        gz;\n"
          "        text/plain              txt;\n"
          "    }\n"
          "    add_header Vary Accept always;\n"
          "\n"
          "    location ~ /\\. { return 404; }\n"
          "    location = %ssparql {\n"
          "        proxy_pass %s;\n"
          "        proxy_set_header Host $host;\n"
          "    }\n"
          "    location = %s.well-known/void { return 303 %sdataset/index.$unkg_ext; }\n"
          "    location = %s { try_files /index.html =404; }\n"
          "    # Files of the site, as they are.\n"
          "    location ~ ^%s(?<unkg_file>/.*\\.(html|ttl|rdf|nt|jsonld|svg|xml|gz|txt))$ {\n"
          "        if ($unkg_file = /nginx.conf) { return 404; }\n"
          "        try_files $unkg_file =404;\n"
          "    }\n"
          "    # A document's parts (paragraphs, spans, votes ...): fragments of its\n"
          "    # page.  The symbol's segments never start with a lower-case letter.\n"
          "    location ~ ^%s(?<unkg_doc>/id/doc/(?:[^/a-z@#][^/@#]*/)*[^/a-z@#][^/@#]*)"
          "(?:/?(?<unkg_frag>(?:[a-z][^@]*)?(?:@[^/]*)?))?/?$ {\n"
          "        if (!-f $document_root$unkg_doc/index.html) { return 404; }\n"
          "        return 303 %s$unkg_doc/index.$unkg_ext$unkg_hash;\n"
          "    }\n"
          "    # Everything else: the thing's description, beside its path.\n"
          "    location ~ ^%s(?<unkg_thing>/.+?)/?$ {\n"
          "        if (!-f $document_root$unkg_thing/index.html) { return 404; }\n"
          "        return 303 %s$unkg_thing/index.$unkg_ext;\n"
          "    }\n"
          "}\n",
          p->base, p->nginx_root, root, p->sparql, root, root, root, pre, pre, pre, pre, pre);
  unkg_buf_clear(&re);
  return close_counted(c, p, f, path);
}

static UnkgStatus
write_small(const UnkgCtx* c, UnkgPublisher* p, const char* name, const char* text)
{
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/%s", p->tmp, name);
  FILE* f = open_in_site(c, path);
  if (!f) {
    return UNKG_ERR_IO;
  }
  fputs(text, f);
  return close_counted(c, p, f, path);
}

static UnkgStatus
write_home(const UnkgCtx* c, UnkgPublisher* p)
{
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/context.jsonld", p->tmp);
  FILE* f = open_in_site(c, path);
  if (!f) {
    return UNKG_ERR_IO;
  }
  fputs("{\n  \"@context\": ", f);
  json_context(f);
  fputs("\n}\n", f);
  UnkgStatus st = close_counted(c, p, f, path);
  if (st) {
    return st;
  }
  /* The sitemap index. */
  snprintf(path, sizeof path, "%s/sitemap.xml", p->tmp);
  if (!(f = open_in_site(c, path))) {
    return UNKG_ERR_IO;
  }
  fputs(
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    f);
  for (size_t i = 1; i <= p->sitemap_chunks; ++i) {
    fputs("  <sitemap><loc>", f);
    unkg_escape_file(f, UNKG_ESC_XML_TEXT, p->base, p->base_len);
    fprintf(f, "sitemap-%zu.xml</loc></sitemap>\n", i);
  }
  fputs("</sitemapindex>\n", f);
  if ((st = close_counted(c, p, f, path))) {
    return st;
  }
  UnkgBuf b = {0};
  unkg_buf_puts(&b, "User-agent: *\nSitemap: ");
  unkg_buf_puts(&b, p->base);
  unkg_buf_puts(&b, "sitemap.xml\n");
  st = b.data ? write_small(c, p, "robots.txt", b.data) : UNKG_ERR_NOMEM;
  unkg_buf_clear(&b);
  return st;
}

/* Puts the new site in place of the old one: an exchange of the two
 * directories where the kernel has it, so no reader ever sees no site. */
static UnkgStatus
swap_in(const UnkgCtx* c, UnkgPublisher* p)
{
  struct stat sb;
  if (stat(p->site, &sb)) {
    if (rename(p->tmp, p->site)) {
      return unkg_error_in(c, p->site, UNKG_ERR_IO, 0, 0,
                           "cannot rename the new site into place: %s", strerror(errno));
    }
    free(p->tmp);
    p->tmp = NULL;
    return UNKG_OK;
  }
  if (renameat2(AT_FDCWD, p->tmp, AT_FDCWD, p->site, RENAME_EXCHANGE)) {
    /* No exchange here: the old site moves aside first. */
    UnkgBuf old = {0};
    if (unkg_buf_printf(&old, "%s.old-XXXXXX", p->site) || !mkdtemp(old.data)
        || rename(p->site, old.data) || rename(p->tmp, p->site)) {
      UnkgStatus st = unkg_error_in(c, p->site, UNKG_ERR_IO, 0, 0, "cannot replace the site: %s",
                                    strerror(errno));
      unkg_buf_clear(&old);
      return st;
    }
    remove_tree(old.data);
    unkg_buf_clear(&old);
    free(p->tmp);
    p->tmp = NULL;
    return UNKG_OK;
  }
  /* p->tmp now holds the old site, which unkg_publisher_free removes. */
  return UNKG_OK;
}

UnkgStatus
unkg_publisher_finish(const UnkgCtx* c, UnkgPublisher* p, UnkgPublishStats* stats)
{
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/dump", p->tmp);
  mkdir(path, 0777);
  snprintf(path, sizeof path, "%s/dump/unkg.nq.gz", p->tmp);
  gzFile gz = gzopen(path, "wb6");
  if (!gz) {
    return unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
  }
  qsort(p->staged, p->n_staged, sizeof *p->staged, staged_cmp);
  /* The reference data: pages of its own, and links into documents'. */
  UnkgStatus st = UNKG_OK;
  count_links(p, p->ref);
  for (size_t i = 0; !st && i < p->ref->n; ++i) {
    const UnkgTriple t = unkg_graph_get(p->ref, i);
    st                 = links_add(c, p, &t, NULL, 0);
  }
  FILE* links = p->links;
  p->links    = NULL;
  if (fclose(links) && !st) {
    st = unkg_error_in(c, "links", UNKG_ERR_IO, 0, 0, "cannot write: %s", strerror(errno));
  }
  snprintf(path, sizeof path, "%s/.stage/links.sorted", p->tmp);
  st = st ? st : sort_links(c, p, path);
  st = st ? st : render_all(c, p, path, gz);
  /* The reference data, in its own graph of the dump. */
  if (!st) {
    char error[256] = "";
    snprintf(path, sizeof path, "%s/.stage/ref.nq", p->tmp);
    FILE* f = fopen(path, "wb");
    free(p->ref->name);
    p->ref->name = rebase(p, UNKG_GRAPH_REF);
    st           = f && p->ref->name ? UNKG_OK : UNKG_ERR_IO;
    if (f) {
      st = st ? st : unkg_serialize_to(f, UNKG_FMT_NQUADS, p->ref, true, error, sizeof error);
      fclose(f);
      st = st ? st : gz_file(c, gz, path);
      p->stats.triples += p->ref->n;
      unlink(path);
    }
  }
  if (gzclose(gz) != Z_OK && !st) {
    st = unkg_error_in(c, "dump/unkg.nq.gz", UNKG_ERR_IO, 0, 0, "cannot write the dump");
  }
  if (!st) {
    snprintf(path, sizeof path, "%s/dump/unkg.nq.gz", p->tmp);
    struct stat sb;
    p->stats.bytes += stat(path, &sb) ? 0 : (size_t)sb.st_size;
    snprintf(path, sizeof path, "%s/.stage", p->tmp);
    rmdir(path);
  }
  /* The reference data's graph (the dump's graph name): a page of its own. */
  if (!st) {
    UnkgGraph* rg = unkg_graph_new();
    UnkgGraph  no = {0};
    char*      r  = rebase(p, UNKG_GRAPH_REF);
    st            = rg && r ? UNKG_OK : UNKG_ERR_NOMEM;
    st            = st ? st : unkg_graph_add_iri(rg, r, RDF_TYPE, NS_VOID "Dataset");
    st            = st ? st
                       : unkg_graph_add_lit(rg, r, NS_DCT "title", "unkg reference data and ontology", "en",
                                            NULL);
    st = st ? st : unkg_graph_add_lit(rg, r, NS_DCT "title", "unkg 参考数据和本体", "zh", NULL);
    st = st ? st : unkg_graph_add_int(rg, r, NS_VOID "triples", (long)p->ref->n);
    if (!st) {
      unkg_graph_sort(rg);
      st = render(c, p, r, strlen(r), rg, &no, &no, false);
    }
    unkg_graph_free(rg);
    free(r);
  }
  /* The dataset: a page like any other, and at /.well-known/void. */
  UnkgBuf    ds   = {0};
  UnkgGraph* g    = unkg_graph_new();
  UnkgGraph  none = {0};
  if (!st && (!g || unkg_buf_printf(&ds, "%sdataset", p->base))) {
    st = UNKG_ERR_NOMEM;
  }
  st = st ? st : dataset_graph(p, g, ds.data);
  if (!st) {
    unkg_graph_sort(g);
    st = render(c, p, ds.data, ds.len, g, &none, &none, false);
  }
  unkg_graph_free(g);
  unkg_buf_clear(&ds);
  if (!st && p->sitemap) {
    fputs("</urlset>\n", p->sitemap);
    FILE* f    = p->sitemap;
    p->sitemap = NULL;
    st         = close_counted(c, p, f, "sitemap");
  }
  st = st ? st : write_home(c, p);
  st = st ? st : write_nginx(c, p);
  st = st ? st : write_small(c, p, MARKER, "A linked-data site written by unkg publish.\n");
  if (!st) {
    /* The home page: where to go from the site's root. */
    UnkgBuf home = {0};
    unkg_buf_puts(&home,
                  "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<title>unkg: UN documents as linked data</title>\n</head>\n<body>\n"
                  "<h1>UN documents as linked data <span lang=\"zh\">联合国文件关联数据</span></h1>\n"
                  "<ul>\n<li><a href=\"dataset/index.html\">Dataset 数据集</a> (VoID, DCAT)</li>\n"
                  "<li><a href=\"sitemap.xml\">Sitemap</a></li>\n"
                  "<li><a href=\"dump/unkg.nq.gz\">Dump (N-Quads, gzip)</a></li>\n"
                  "<li><a href=\"context.jsonld\">JSON-LD context</a></li>\n</ul>\n"
                  "</body>\n</html>\n");
    st = home.data ? write_small(c, p, "index.html", home.data) : UNKG_ERR_NOMEM;
    unkg_buf_clear(&home);
  }
  st = st ? st : swap_in(c, p);
  if (stats) {
    *stats = p->stats;
  }
  return st;
}
