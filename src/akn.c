#include "akn.h"

#include "buf.h"
#include "normalise.h"
#include "recognise.h"
#include "segment.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- detection and safe parsing ------------------------------------------- */

int
unkg_akn_detect(const UnkgSource* src)
{
  const unsigned char* s = (const unsigned char*)src->data;
  size_t               i = 0;
  if (src->len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
    i = 3;
  }
  while (i < src->len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) {
    ++i;
  }
  return i < src->len && s[i] == '<';
}

int
unkg_akn_language(const char* code, char out[4])
{
  /* The six official languages, under both ISO 639-2 forms. */
  static const char* map[][2] = {{"ara", "ar"}, {"zho", "zh"}, {"chi", "zh"}, {"eng", "en"},
                                 {"fra", "fr"}, {"fre", "fr"}, {"rus", "ru"}, {"spa", "es"}};
  size_t n = code ? strlen(code) : 0;
  if (n < 2 || n > 3) {
    return 0;
  }
  for (size_t i = 0; i < n; ++i) {
    if (!isalpha((unsigned char)code[i])) {
      return 0;
    }
    out[i] = (char)tolower((unsigned char)code[i]);
  }
  out[n] = '\0';
  for (size_t i = 0; i < sizeof map / sizeof *map; ++i) {
    if (!strcmp(out, map[i][0])) {
      snprintf(out, 4, "%s", map[i][1]);
    }
  }
  return 1;
}

typedef struct {
  bool     dtd;
  unsigned line;
} Guard;

/* A DOCTYPE is where entities (external or exponential) are declared; AKN
 * files have none, so the parser stops at the first sign of one. */
static void
refuse_doctype(void* ctx, const xmlChar* name, const xmlChar* ext_id, const xmlChar* sys_id)
{
  (void)name;
  (void)ext_id;
  (void)sys_id;
  xmlParserCtxtPtr ctxt = ctx;
  Guard*           g    = ctxt->_private;
  g->dtd                = true;
  g->line               = ctxt->input ? (unsigned)ctxt->input->line : 0;
  xmlStopParser(ctxt);
}

static UnkgStatus
parse_xml(const UnkgSource* src, xmlDocPtr* out, UnkgDiag* d)
{
  *out = NULL;
  if (src->len > UNKG_AKN_MAX_BYTES) {
    unkg_diag_set(d, src->name, 0, "XML input larger than %zu bytes", UNKG_AKN_MAX_BYTES);
    return UNKG_ERR_LIMIT;
  }
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) {
    return UNKG_ERR_NOMEM;
  }
  Guard g                   = {false, 0};
  ctxt->_private            = &g;
  ctxt->sax->internalSubset = refuse_doctype;
  /* No XML_PARSE_NOENT (no entity substitution), no XML_PARSE_DTDLOAD, no
   * XML_PARSE_HUGE (libxml2 keeps its own depth and size limits). */
  const int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING
                   | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
  xmlDocPtr  x  = xmlCtxtReadMemory(ctxt, src->data, (int)src->len, src->name, NULL, opts);
  UnkgStatus st = UNKG_OK;
  if (g.dtd) {
    unkg_diag_set(d, src->name, g.line,
                  "XML with a DOCTYPE refused (DTDs and entity declarations are not allowed)");
    st = UNKG_ERR_SYNTAX;
  } else if (!x || !ctxt->wellFormed) {
    const xmlError* e = xmlCtxtGetLastError(ctxt);
    char            msg[400];
    snprintf(msg, sizeof msg, "%s", e && e->message ? e->message : "malformed");
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) {
      msg[--n] = '\0';
    }
    unkg_diag_set(d, src->name, e && e->line > 0 ? (unsigned)e->line : 0,
                  "XML does not parse: %s", msg);
    st = e && (e->code == XML_ERR_ENTITY_LOOP || e->code == XML_ERR_INTERNAL_ERROR)
           ? UNKG_ERR_LIMIT
           : UNKG_ERR_SYNTAX;
  }
  xmlFreeParserCtxt(ctxt);
  if (st) {
    xmlFreeDoc(x);
    return st;
  }
  *out = x;
  return UNKG_OK;
}

/* ---- tree helpers ----------------------------------------------------------- */

static bool
is(const xmlNode* n, const char* name)
{
  return n && n->type == XML_ELEMENT_NODE && !strcmp((const char*)n->name, name);
}

static xmlNodePtr
child(const xmlNode* n, const char* name)
{
  for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
    if (is(c, name)) {
      return c;
    }
  }
  return NULL;
}

/* First descendant (document order) with this name.  The depth was checked
 * when the tree was read, so the recursion is bounded. */
static xmlNodePtr
find(const xmlNode* n, const char* name)
{
  for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) {
      continue;
    }
    if (is(c, name)) {
      return c;
    }
    xmlNodePtr f = find(c, name);
    if (f) {
      return f;
    }
  }
  return NULL;
}

/* First descendant with this name whose attribute attr has this value. */
static xmlNodePtr
find_with(const xmlNode* n, const char* name, const char* attr, const char* value)
{
  for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) {
      continue;
    }
    if (is(c, name)) {
      xmlChar* v  = xmlGetProp(c, (const xmlChar*)attr);
      bool     ok = v && !strcmp((const char*)v, value);
      xmlFree(v);
      if (ok) {
        return c;
      }
    }
    xmlNodePtr f = find_with(c, name, attr, value);
    if (f) {
      return f;
    }
  }
  return NULL;
}

static unsigned
line_of(const xmlNode* n)
{
  long l = n ? xmlGetLineNo(n) : 0;
  return l > 0 ? (unsigned)l : 0;
}

/* The deepest element, if deeper than the limit. */
static const xmlNode*
too_deep(const xmlNode* n, int depth)
{
  if (depth > UNKG_AKN_MAX_DEPTH) {
    return n;
  }
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) {
      const xmlNode* d = too_deep(c, depth + 1);
      if (d) {
        return d;
      }
    }
  }
  return NULL;
}

/* Text cleaned the way text input is: blanks collapsed and trimmed (none
 * between Chinese characters), full-width digits and letters folded. */
static char*
clean(const char* raw)
{
  if (!raw) {
    return NULL;
  }
  char* s = unkg_strdup(raw);
  if (!s) {
    return NULL;
  }
  for (char* p = s; *p; ++p) {
    if (*p == '\n' || *p == '\r' || *p == '\t') {
      *p = ' ';
    }
  }
  char* out = NULL;
  if (unkg_normalise_string(s, &out)) {
    out = NULL;
  }
  free(s);
  return out;
}

/* An attribute, cleaned; NULL if absent or blank. */
static char*
prop(const xmlNode* n, const char* name)
{
  xmlChar* v = n ? xmlGetProp(n, (const xmlChar*)name) : NULL;
  char*    s = v ? clean((const char*)v) : NULL;
  xmlFree(v);
  if (s && !*s) {
    free(s);
    s = NULL;
  }
  return s;
}

static bool
prop_is(const xmlNode* n, const char* name, const char* value)
{
  xmlChar* v  = n ? xmlGetProp(n, (const xmlChar*)name) : NULL;
  bool     ok = v && !strcmp((const char*)v, value);
  xmlFree(v);
  return ok;
}

/* "2020-12-01", and not the "0001-01-01" AKN4UN writes for "no date". */
static bool
is_date(const char* s)
{
  if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !strncmp(s, "0001", 4)) {
    return false;
  }
  for (int i = 0; i < 10; ++i) {
    if (i != 4 && i != 7 && !isdigit((unsigned char)s[i])) {
      return false;
    }
  }
  int m = (s[5] - '0') * 10 + (s[6] - '0');
  int d = (s[8] - '0') * 10 + (s[9] - '0');
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* ---- the reader ------------------------------------------------------------ */

typedef struct {
  xmlNodePtr note;
  char*      label; /* marker, made unique: "1", "1-2" */
} Note;

typedef struct {
  char*  href;
  size_t begin, end; /* bytes of the link text in the raw part text */
} Link;

typedef struct {
  const UnkgSource*  src;
  const UnkgLexicon* lex;
  UnkgWarnFn         warn;
  void*              warn_ctx;
  UnkgDiag*          diag;
  UnkgDoc*           doc;
  unsigned           n_pp, n_text, n_annex, n_annex_para, n_unnumbered;
  int                op;    /* current operative paragraph, or -1 */
  int                para;  /* paragraph sub-items attach to, or -1 */
  int                item;  /* last sub-item, or -1 */
  int                annex; /* current annex, or -1 */
  bool               numbered; /* the statement numbers its operative paragraphs */
  int                heading;  /* the last part, if a heading the next heading continues */
  int                last_num; /* printed number of the last operative paragraph */
  Note*              notes;
  size_t             n_notes;
  Link*              links;
  size_t             n_links;
} Akn;

static void
warnf(Akn* a, unsigned line, const char* fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 3, 4)))
#endif
  ;

static void
warnf(Akn* a, unsigned line, const char* fmt, ...)
{
  if (!a->warn) {
    return;
  }
  char    msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  a->warn(a->warn_ctx, a->doc->source_name, line, msg);
}

static void
links_clear(Akn* a)
{
  for (size_t i = 0; i < a->n_links; ++i) {
    free(a->links[i].href);
  }
  a->n_links = 0;
}

/* The text of n's descendants, appended to b.  Footnotes are not part of the
 * text: each is queued to become a part of its own, and part owner (if >= 0;
 * otherwise notes are skipped) refers to it; links are recorded for their
 * citations. */
static UnkgStatus
gather(Akn* a, const xmlNode* n, UnkgBuf* b, int owner)
{
  UnkgStatus st = UNKG_OK;
  for (const xmlNode* c = n->children; c && !st; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      st = c->content ? unkg_buf_puts(b, (const char*)c->content) : UNKG_OK;
    } else if (c->type != XML_ELEMENT_NODE) {
      continue;
    } else if (is(c, "authorialNote")) {
      if (owner < 0) {
        continue; /* probing, or a note inside a note */
      }
      char*    marker = prop(c, "marker");
      unsigned dup    = 1;
      for (size_t i = 0; marker && i < a->n_notes; ++i) {
        xmlChar* m = xmlGetProp(a->notes[i].note, (const xmlChar*)"marker");
        char*    cm = m ? clean((const char*)m) : NULL;
        dup += cm && !strcmp(cm, marker);
        free(cm);
        xmlFree(m);
      }
      UnkgBuf label = {0};
      st = marker ? (dup > 1 ? unkg_buf_printf(&label, "%s-%u", marker, dup)
                             : unkg_buf_puts(&label, marker))
                  : unkg_buf_printf(&label, "%zu", a->n_notes + 1);
      free(marker);
      Note* v = st ? NULL : realloc(a->notes, (a->n_notes + 1) * sizeof *v);
      if (!st && !v) {
        st = UNKG_ERR_NOMEM;
      }
      if (!st) {
        a->notes                 = v;
        a->notes[a->n_notes++]   = (Note){(xmlNodePtr)c, unkg_buf_take(&label)};
        st = unkg_part_add_note(&a->doc->parts[owner], a->notes[a->n_notes - 1].label);
      }
      unkg_buf_clear(&label);
      if (!st) {
        st = unkg_buf_puts(b, " ");
      }
    } else if (is(c, "eol") || is(c, "br")) {
      st = unkg_buf_puts(b, " ");
    } else if (is(c, "a")) {
      size_t begin = b->len;
      if (!(st = gather(a, c, b, owner))) {
        xmlChar* href = xmlGetProp(c, (const xmlChar*)"href");
        Link*    v    = href ? realloc(a->links, (a->n_links + 1) * sizeof *v) : NULL;
        if (href && !v) {
          st = UNKG_ERR_NOMEM;
        } else if (href) {
          a->links                  = v;
          a->links[a->n_links]      = (Link){unkg_strdup((const char*)href), begin, b->len};
          st                        = a->links[a->n_links].href ? UNKG_OK : UNKG_ERR_NOMEM;
          a->n_links += !st;
        }
        xmlFree(href);
      }
    } else {
      if (is(c, "td") || is(c, "th") || is(c, "p") || is(c, "tr")) {
        st = unkg_buf_puts(b, " ");
      }
      if (!st) {
        st = gather(a, c, b, owner);
      }
    }
  }
  return st;
}

/* The document symbol an undocs.org link points at, or NULL:
 * https://undocs.org/en/A/RES/44/198 -> A/RES/44/198. */
static char*
symbol_of_href(const char* href)
{
  const char* host = strstr(href, "undocs.org/");
  if (!host) {
    return NULL;
  }
  const char* p = host + strlen("undocs.org/");
  /* An optional language segment: en, zh, ch, fr … */
  size_t k = 0;
  while (islower((unsigned char)p[k])) {
    ++k;
  }
  if (k >= 2 && k <= 3 && p[k] == '/') {
    p += k + 1;
  }
  UnkgBuf b = {0};
  for (; *p && *p != '?' && *p != '#'; ++p) {
    char c = *p;
    if (c == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
      char hex[3] = {p[1], p[2], '\0'};
      c           = (char)strtol(hex, NULL, 16);
      p += 2;
    }
    if (unkg_buf_append(&b, &c, 1)) {
      unkg_buf_clear(&b);
      return NULL;
    }
  }
  char* sym = b.data ? clean(b.data) : NULL;
  unkg_buf_clear(&b);
  /* A symbol starts with its series: A/, S/, E/ … */
  if (sym && !(isupper((unsigned char)sym[0]) && strchr(sym, '/'))) {
    free(sym);
    sym = NULL;
  }
  return sym;
}

/* Does symbol a start with symbol b, ignoring case and the dash a text
 * may print (‑ U+2011, – U+2013) for the hyphen of a symbol? */
static bool
symbol_prefix(const char* a, const char* b)
{
  while (*b) {
    char ca = *a, cb = *b;
    size_t la = 1, lb = 1;
    if (!strncmp(a, "\xE2\x80\x91", 3) || !strncmp(a, "\xE2\x80\x93", 3)) {
      ca = '-', la = 3;
    }
    if (!strncmp(b, "\xE2\x80\x91", 3) || !strncmp(b, "\xE2\x80\x93", 3)) {
      cb = '-', lb = 3;
    }
    if (!ca || tolower((unsigned char)ca) != tolower((unsigned char)cb)) {
      return false;
    }
    a += la;
    b += lb;
  }
  return true;
}

static UnkgPart*
part_at(Akn* a, int i)
{
  return &a->doc->parts[i];
}

/* Sets the text of part i from the raw text gathered for it, then cites what
 * its links point at. */
static UnkgStatus
set_text(Akn* a, int i, const char* raw)
{
  char* text = clean(raw ? raw : "");
  if (!text) {
    return UNKG_ERR_NOMEM;
  }
  UnkgStatus st   = unkg_part_set_text(part_at(a, i), text, strlen(text), NULL);
  size_t     from = 0;
  for (size_t k = 0; k < a->n_links && !st; ++k) {
    const Link* l   = &a->links[k];
    char*       sym = symbol_of_href(l->href);
    if (!sym) {
      continue;
    }
    char*  shown = unkg_strndup(raw + l->begin, l->end - l->begin);
    char*  cs    = shown ? clean(shown) : NULL;
    size_t pos   = 0;
    if (cs && *cs) {
      const char* at = strstr(text + from, cs);
      if (at) {
        pos  = (size_t)(at - text);
        from = pos + strlen(cs);
      }
      /* A link showing one symbol and pointing at another is an error in
       * the file; both are cited (the text one by the recogniser).  Not an
       * error: a joint symbol and its first part (A/75/84-E/2020/61), a
       * short form (S-23/2 for A/RES/S-23/2). */
      size_t series = strspn(cs, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
      if (series && cs[series] == '/' && !strchr(cs, ' ') && !symbol_prefix(cs, sym)
          && !symbol_prefix(sym, cs)) {
        warnf(a, part_at(a, i)->line, "link text %s but target %s", cs, sym);
      }
    }
    st = unkg_part_add_cite(part_at(a, i), strstr(sym, "/RES/") ? UNKG_CITE_RESOLUTION
                                                               : UNKG_CITE_DOCUMENT,
                            sym, NULL, pos);
    free(shown);
    free(cs);
    free(sym);
  }
  free(text);
  links_clear(a);
  return st;
}

/* Makes path unique among the parts: "op/5", then "op/5-2", "op/5-3". */
static UnkgStatus
set_unique_path(Akn* a, int i, const char* path)
{
  unsigned seen = 0;
  size_t   n    = strlen(path);
  for (int k = 0; k < i; ++k) {
    const char* q = part_at(a, k)->path;
    if (q && !strncmp(q, path, n) && (q[n] == '\0' || (q[n] == '-' && isdigit((unsigned char)q[n + 1])))) {
      ++seen;
    }
  }
  UnkgBuf b = {0};
  UnkgStatus st = seen ? unkg_buf_printf(&b, "%s-%u", path, seen + 1) : unkg_buf_puts(&b, path);
  if (st) {
    unkg_buf_clear(&b);
    return st;
  }
  free(part_at(a, i)->path);
  part_at(a, i)->path = unkg_buf_take(&b);
  return UNKG_OK;
}

/* A new part for element n: kind, line and eId; its index in *index. */
static UnkgStatus
new_part(Akn* a, UnkgPartKind kind, const xmlNode* n, int* index)
{
  UnkgPart* p = unkg_doc_add_part(a->doc, kind);
  if (!p) {
    return UNKG_ERR_NOMEM;
  }
  p->line = line_of(n);
  xmlChar* eid = xmlGetProp(n, (const xmlChar*)"eId");
  if (eid && !(p->akn_eid = unkg_strdup((const char*)eid))) {
    xmlFree(eid);
    return UNKG_ERR_NOMEM;
  }
  xmlFree(eid);
  *index     = (int)a->doc->n_parts - 1;
  a->heading = -1;
  return UNKG_OK;
}

static UnkgStatus
set_pathf(Akn* a, int i, const char* fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 3, 4)))
#endif
  ;

static UnkgStatus
set_pathf(Akn* a, int i, const char* fmt, ...)
{
  char    buf[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof buf) {
    return UNKG_ERR_LIMIT;
  }
  return set_unique_path(a, i, buf);
}

/* ---- sub-item labels --------------------------------------------------------- */

/* "(a)", "(iv)" at the start of s: the label, in out; *skip past it.
 * Chinese texts number sub-sub-items ㈠ ㈡ … (U+3220…): they are (i), (ii) …
 * so that both languages give the same path. */
static size_t
item_label(const char* s, char out[16], size_t* skip)
{
  static const char* roman[] = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"};
  uint32_t           cp;
  size_t             l = unkg_utf8_decode((const unsigned char*)s, strlen(s), &cp);
  if (l && cp >= 0x3220 && cp <= 0x3229) {
    snprintf(out, 16, "%s", roman[cp - 0x3220]);
    *skip = l;
    return strlen(out);
  }
  if (s[0] != '(') {
    return 0;
  }
  int    zh;
  size_t z = unkg_parse_zh_number(s + 1, strlen(s + 1), &zh);
  if (z && !isdigit((unsigned char)s[1]) && s[1 + z] == ')' && zh > 0 && zh < 40) {
    /* (十一): Chinese numbers the sub-sub-items past ㈩ so. */
    static const char* tens[] = {"", "x", "xx", "xxx"};
    snprintf(out, 16, "%s%s", tens[zh / 10], zh % 10 ? roman[zh % 10 - 1] : "");
    *skip = z + 2;
    return strlen(out);
  }
  size_t i = 1;
  while (i <= 6 && (islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]))) {
    ++i;
  }
  if (i == 1 || s[i] != ')') {
    return 0;
  }
  snprintf(out, 16, "%.*s", (int)(i - 1), s + 1);
  *skip = i + 1;
  return i - 1;
}

static int
roman_value(const char* s)
{
  int total = 0, prev = 0;
  for (size_t i = strlen(s); i-- > 0;) {
    int v = s[i] == 'i' ? 1 : s[i] == 'v' ? 5 : s[i] == 'x' ? 10 : s[i] == 'l' ? 50 : 0;
    if (!v) {
      return 0;
    }
    total += v < prev ? -v : v;
    prev = v > prev ? v : prev;
  }
  return total;
}

/* The same rule as the text reader: a roman label opens a deeper level only
 * as "(i)" and continues it only as the next numeral; anything else is a
 * letter of the level above ((h) then (i) is a letter). */
static bool
roman_level(const UnkgDoc* doc, int item, const char* label)
{
  if (item < 0 || !roman_value(label)) {
    return false;
  }
  const UnkgPart* it = &doc->parts[item];
  const UnkgPart* up = it->parent >= 0 ? &doc->parts[it->parent] : NULL;
  if (up && up->kind == UNKG_PART_ITEM) {
    return roman_value(label) == roman_value(it->num) + 1;
  }
  bool next_letter = strlen(it->num) == 1 && strlen(label) == 1 && label[0] == it->num[0] + 1;
  return roman_value(label) == 1 && !next_letter;
}

/* Adds an item labelled label under parent (or, when parent < 0, where the
 * label says: under the current paragraph or item). */
static UnkgStatus
add_item(Akn* a, const xmlNode* n, const char* label, int parent, int* index)
{
  if (parent < 0) {
    parent = a->para;
    if (roman_level(a->doc, a->item, label)) {
      const UnkgPart* it = part_at(a, a->item);
      parent = it->parent >= 0 && part_at(a, it->parent)->kind == UNKG_PART_ITEM ? it->parent
                                                                                 : a->item;
    }
  }
  if (parent < 0) {
    return UNKG_ERR_GENRE; /* nothing to hang it on: the caller makes it text */
  }
  UnkgStatus st = new_part(a, UNKG_PART_ITEM, n, index);
  if (st) {
    return st;
  }
  UnkgPart* p = part_at(a, *index);
  p->parent   = parent;
  if (!(p->num = unkg_strdup(label))) {
    return UNKG_ERR_NOMEM;
  }
  unsigned ord = 0;
  for (int k = 0; k < *index; ++k) {
    ord += part_at(a, k)->parent == parent && part_at(a, k)->kind == UNKG_PART_ITEM;
  }
  p->ordinal = ord + 1;
  char path[300];
  snprintf(path, sizeof path, "%s/%s", part_at(a, parent)->path, label);
  if ((st = set_unique_path(a, *index, path))) {
    return st;
  }
  a->item = *index;
  return UNKG_OK;
}

/* ---- paragraphs ---------------------------------------------------------------- */

/* The lead phrase the markup sets off: the first italic (English) or bold
 * (Chinese) span of p, with a few characters before it that belong to it
 * (在这方面 before 回顾).  NULL if p does not open with one. */
static char*
emphasis_lead(Akn* a, const xmlNode* p)
{
  UnkgBuf before = {0};
  char*   lead   = NULL;
  for (const xmlNode* c = p ? p->children : NULL; c; c = c->next) {
    if (c->type == XML_TEXT_NODE) {
      if (c->content && unkg_buf_puts(&before, (const char*)c->content)) {
        break;
      }
      continue;
    }
    if (c->type != XML_ELEMENT_NODE) {
      continue;
    }
    xmlChar* cls = is(c, "span") ? xmlGetProp(c, (const xmlChar*)"class") : NULL;
    if (cls && (strstr((const char*)cls, "italic") || strstr((const char*)cls, "bold"))) {
      UnkgBuf span = {0};
      if (!gather(a, c, &span, -1) && span.data) {
        char* pre = clean(before.data ? before.data : "");
        char* sp  = clean(span.data);
        if (pre && sp && *sp) {
          /* Words before the span belong to the lead (在这方面); a number or
           * stray mark ("6.", "\\") does not. */
          size_t cps = 0, letters = 0;
          for (size_t q = 0; pre[q];) {
            uint32_t cp;
            size_t   l = unkg_utf8_decode((const unsigned char*)pre + q, strlen(pre + q), &cp);
            q += l ? l : 1;
            ++cps;
            letters += (cp < 128 && isalpha((int)cp)) || (cp >= 0x4E00 && cp <= 0x9FFF);
          }
          if (!letters) {
            pre[0] = '\0';
            cps    = 0;
          }
          /* A span that closes a sentence is a heading ("We will build
           * trust."), and one after more than a few words is not a lead. */
          size_t  sl = strlen(sp);
          bool    sentence = (sl && sp[sl - 1] == '.') || (sl >= 3 && !strcmp(sp + sl - 3, "。"));
          UnkgBuf l = {0};
          if (cps <= 8 && !sentence && !unkg_buf_puts(&l, pre) && !unkg_buf_puts(&l, sp)) {
            lead = clean(l.data);
          }
          unkg_buf_clear(&l);
        }
        free(pre);
        free(sp);
      }
      unkg_buf_clear(&span);
      links_clear(a);
    }
    xmlFree(cls);
    break;
  }
  unkg_buf_clear(&before);
  return lead;
}

/* The raw text of every p under n (a paragraph's content, an intro, a
 * container), footnotes queued for part owner. */
static UnkgStatus
gather_ps(Akn* a, const xmlNode* n, UnkgBuf* b, int owner)
{
  UnkgStatus st = UNKG_OK;
  for (const xmlNode* c = n->children; c && !st; c = c->next) {
    if (is(c, "p") || is(c, "subheading") || is(c, "heading") || is(c, "table")) {
      if (b->len) {
        st = unkg_buf_puts(b, " ");
      }
      st = st ? st : gather(a, c, b, owner);
    } else if (is(c, "content") || is(c, "intro") || is(c, "blockContainer")) {
      st = gather_ps(a, c, b, owner);
    }
  }
  return st;
}

static const xmlNode*
first_p(const xmlNode* n)
{
  return find(n, "p");
}

static bool
is_arabic_num(const char* s)
{
  size_t i = 0;
  while (isdigit((unsigned char)s[i])) {
    ++i;
  }
  return i > 0 && i <= 4 && (s[i] == '.' || s[i] == '\0');
}

/* The cleaned text of n (all of it, notes left out); NULL for no node. */
static UnkgStatus
text_of(Akn* a, const xmlNode* n, char** out)
{
  *out = NULL;
  if (!n) {
    return UNKG_OK;
  }
  UnkgBuf    b  = {0};
  UnkgStatus st = gather(a, n, &b, -1);
  links_clear(a);
  if (!st && !(*out = clean(b.data ? b.data : ""))) {
    st = UNKG_ERR_NOMEM;
  }
  unkg_buf_clear(&b);
  return st;
}

/* Does n's text open with the number the next operative paragraph has
 * ("10. 期待…", "6.\u200e Reaffirms", "3 Calls upon"): the number, or 0. */
static int
next_number_in_text(Akn* a, const xmlNode* n)
{
  char* probe = NULL;
  int   num   = 0;
  if (!text_of(a, n, &probe) && probe) {
    size_t d = strspn(probe, "0123456789");
    if (d && d <= 3 && a->last_num > 0 && atoi(probe) == a->last_num + 1
        && (probe[d] == '.' || probe[d] == ' ')) {
      num = atoi(probe);
    }
  }
  free(probe);
  return num;
}

static UnkgStatus read_points(Akn* a, const xmlNode* list, int parent);

/* A point of a list (or an item of a blockList): a sub-item under parent
 * (parent < 0: where its label puts it). */
static UnkgStatus
read_point(Akn* a, const xmlNode* n, int parent, int* index)
{
  char*      num = NULL;
  UnkgStatus st  = text_of(a, child(n, "num"), &num);
  char       label[16];
  size_t     skip;
  if (!st && !(num && item_label(num, label, &skip))) {
    /* Unlabelled: numbered by its position. */
    unsigned ord = 1;
    for (size_t k = 0; k < a->doc->n_parts; ++k) {
      ord += (int)a->doc->parts[k].parent == parent && a->doc->parts[k].kind == UNKG_PART_ITEM;
    }
    snprintf(label, sizeof label, "%u", ord);
  }
  free(num);
  if (!st) {
    st = add_item(a, n, label, parent, index);
  }
  UnkgBuf b = {0};
  if (!st) {
    st = gather_ps(a, n, &b, *index);
  }
  if (!st) {
    st = set_text(a, *index, b.data);
  }
  unkg_buf_clear(&b);
  return st;
}

static UnkgStatus
read_points(Akn* a, const xmlNode* list, int parent)
{
  int        last = -1;
  UnkgStatus st   = UNKG_OK;
  for (const xmlNode* c = list->children; c && !st; c = c->next) {
    if (is(c, "point") || is(c, "item")) {
      st = read_point(a, c, parent, &last);
    } else if ((is(c, "sublist") || is(c, "list")) && last >= 0) {
      st = read_points(a, c, last);
    }
  }
  return st;
}

/* A paragraph of the preamble: a container, or a crossHeading that stands
 * for one inside a section. */
static UnkgStatus
read_preambular(Akn* a, const xmlNode* n)
{
  int        i;
  UnkgBuf    b  = {0};
  UnkgStatus st = new_part(a, UNKG_PART_PREAMBULAR, n, &i);
  if (!st) {
    part_at(a, i)->ordinal = ++a->n_pp;
    st                     = set_pathf(a, i, "pp/%u", a->n_pp);
  }
  if (!st) {
    st = is(n, "crossHeading") ? gather(a, n, &b, i) : gather_ps(a, n, &b, i);
  }
  if (!st) {
    st = set_text(a, i, b.data);
  }
  char* name = st ? NULL : prop(n, "name");
  char* lead = NULL;
  if (!st && name) {
    /* The name is the lead phrase, though sometimes without the words
     * before it (在这方面 | 认识到): those are taken from the text. */
    const char* text = part_at(a, i)->text;
    const char* at   = strstr(text, name);
    lead = at && at - text <= 36 ? unkg_strndup(text, (size_t)(at - text) + strlen(name))
                                 : unkg_strdup(name);
    st   = lead ? UNKG_OK : UNKG_ERR_NOMEM;
  } else if (!st) {
    lead = emphasis_lead(a, is(n, "crossHeading") ? n : first_p(n));
  }
  if (!st) {
    part_at(a, i)->lead = lead;
    lead                = NULL;
    a->para             = i;
    a->op               = -1;
    a->item             = -1;
  }
  free(lead);
  free(name);
  unkg_buf_clear(&b);
  return st;
}

/* Is this unnumbered text a heading ("I", "Introduction", "一 导言")?  A
 * heading element, or a short line that does not end a sentence. */
static bool
is_heading(const xmlNode* n, const char* text)
{
  if (is(n, "subheading") || is(n, "heading") || child(n, "subheading") || child(n, "heading")) {
    return true;
  }
  size_t len = strlen(text);
  return len > 0 && len <= 160 && !unkg_text_is_terminal(text, len) && !strchr(text, ';')
         && !strstr(text, "；") && !is(n, "container");
}

/* Unnumbered material between paragraphs (headings, tables, titles), or a
 * paragraph of an annex.  Consecutive headings are one part: languages
 * split them differently ("I" | "Introduction" in English, "一 导言" in
 * Chinese) and must still give the same parts. */
static UnkgStatus
read_text(Akn* a, const xmlNode* n, const char* num, UnkgPartKind kind)
{
  bool       whole = is(n, "subheading") || is(n, "heading") || is(n, "crossHeading") || is(n, "p");
  char*      probe = NULL;
  bool       numbered = num && is_arabic_num(num);
  UnkgStatus st       = numbered ? UNKG_OK : text_of(a, n, &probe);
  /* Emphasis on unnumbered text is a lead only if it is a verb ("Adopts the
   * following declaration:"), not when it sets off a heading ("Annex I"). */
  const xmlNode*    p    = is(n, "p") ? n : first_p(n);
  char*             lead = !st && p && kind == UNKG_PART_TEXT ? emphasis_lead(a, p) : NULL;
  const UnkgEntity* m;
  size_t            len;
  if (lead && !unkg_recognise_lead(a->lex, lead, &m, &len)) {
    free(lead);
    lead = NULL;
  }
  /* Annexes are left alone: their short lines are schedules and list
   * entries as often as headings. */
  bool heading = !st && kind == UNKG_PART_TEXT && !numbered && !lead && probe
                 && is_heading(n, probe);
  free(probe);
  UnkgBuf b = {0};
  int     i = -1;
  if (st) {
    ;
  } else if (heading && a->heading >= 0 && a->heading == (int)a->doc->n_parts - 1) {
    i  = a->heading;
    st = unkg_buf_printf(&b, "%s ", part_at(a, i)->text ? part_at(a, i)->text : "");
  } else if (!(st = new_part(a, kind, n, &i)) && kind == UNKG_PART_ANNEX_PARA) {
    part_at(a, i)->parent  = a->annex;
    part_at(a, i)->ordinal = ++a->n_annex_para;
    st      = set_pathf(a, i, "%s/%u", part_at(a, a->annex)->path, a->n_annex_para);
    a->para = i;
  } else if (!st) {
    part_at(a, i)->ordinal = ++a->n_text;
    st      = set_pathf(a, i, "text/%u", a->n_text);
    a->para = -1;
    if (!st && num && !(part_at(a, i)->num = unkg_strdup(num))) {
      st = UNKG_ERR_NOMEM;
    }
  }
  if (!st && kind == UNKG_PART_ANNEX_PARA && num && !part_at(a, i)->num
      && !(part_at(a, i)->num = unkg_strdup(num))) {
    st = UNKG_ERR_NOMEM;
  }
  if (!st) {
    st = whole ? gather(a, n, &b, i) : gather_ps(a, n, &b, i);
  }
  if (!st) {
    st = set_text(a, i, b.data);
  }
  if (!st) {
    /* An unnumbered paragraph with a lead verb holds sub-items like a
     * numbered one ("Approves …:" then (a), (b) in a budget section). */
    a->para             = lead || kind == UNKG_PART_ANNEX_PARA ? i : -1;
    part_at(a, i)->lead = lead;
    lead                = NULL;
    a->heading          = heading ? i : -1;
  }
  free(lead);
  a->op   = -1;
  a->item = -1;
  unkg_buf_clear(&b);
  return st;
}

static UnkgStatus
read_paragraph(Akn* a, const xmlNode* n)
{
  const xmlNode* list     = child(n, "list");
  bool           in_annex = a->annex >= 0;
  char*          num      = NULL;
  char           label[16];
  size_t         skip = 0;
  int            i    = -1;
  UnkgStatus     st   = text_of(a, child(n, "num"), &num);
  if (st) {
    return st;
  }
  char* probe = NULL;
  int   next  = !num && !in_annex ? next_number_in_text(a, n) : 0;
  if (next) {
    /* A number the markup left in the text: taken when it is the next one. */
    char buf[16];
    snprintf(buf, sizeof buf, "%d", next);
    if (!(num = unkg_strdup(buf))) {
      return UNKG_ERR_NOMEM;
    }
  } else if (!num && (st = text_of(a, n, &probe))) {
    return st;
  }
  if (num && is_arabic_num(num)) {
    free(probe);
    probe = NULL;
    num[strspn(num, "0123456789")] = '\0';
    if (in_annex) {
      st = read_text(a, n, num, UNKG_PART_ANNEX_PARA);
      free(num);
      return st;
    }
    if (!(st = new_part(a, UNKG_PART_OPERATIVE, n, &i))) {
      part_at(a, i)->num     = num;
      num                    = NULL;
      part_at(a, i)->ordinal = (unsigned)atoi(part_at(a, i)->num);
      a->last_num            = (int)part_at(a, i)->ordinal;
      st                     = set_pathf(a, i, "op/%s", part_at(a, i)->num);
    }
  } else {
    /* Unnumbered: a sub-item if it is labelled "(a)" (in <num> or at the
     * start of its text) and there is a paragraph to hang it on. */
    bool item = !st && a->para >= 0
                && (num ? item_label(num, label, &skip) : probe && item_label(probe, label, &skip));
    /* Before the first numbered paragraph, one that ends with a comma is
     * preambular, whatever element the markup put it in. */
    size_t pl       = probe ? strlen(probe) : 0;
    bool   preamble = !item && !num && !in_annex && a->numbered && !a->last_num && pl
                    && (probe[pl - 1] == ',' || (pl >= 3 && !strcmp(probe + pl - 3, "，")));
    free(probe);
    if (preamble) {
      return read_preambular(a, n);
    }
    if (st) {
      ;
    } else if (item) {
      st = add_item(a, n, label, -1, &i);
    } else if (in_annex) {
      st = read_text(a, n, num, UNKG_PART_ANNEX_PARA);
      free(num);
      return st;
    } else if (a->numbered || num || child(n, "subheading") || child(n, "heading")) {
      st = read_text(a, n, num, UNKG_PART_TEXT);
      free(num);
      return st;
    } else if (!(st = new_part(a, UNKG_PART_OPERATIVE, n, &i))) {
      /* A resolution with one operative paragraph does not number it. */
      part_at(a, i)->ordinal = ++a->n_unnumbered;
      st                     = set_pathf(a, i, "op/%u", a->n_unnumbered);
    }
  }
  free(num);
  if (st) {
    return st;
  }
  UnkgBuf        b     = {0};
  const xmlNode* intro = list ? child(list, "intro") : NULL;
  st = list ? (intro ? gather_ps(a, intro, &b, i) : UNKG_OK) : gather_ps(a, n, &b, i);
  if (!st) {
    st = set_text(a, i, b.data);
  }
  unkg_buf_clear(&b);
  if (st) {
    return st;
  }
  UnkgPart* p = part_at(a, i);
  if (p->num && p->text && p->kind == UNKG_PART_OPERATIVE && unkg_starts_with(p->text, p->num)) {
    /* The number stood in the text: it is not text. */
    size_t sk = strlen(p->num);
    while (p->text[sk] == '.' || p->text[sk] == ' ' || !strncmp(p->text + sk, "\xE2\x80\x8E", 3)) {
      sk += p->text[sk] == '.' || p->text[sk] == ' ' ? 1 : 3;
    }
    memmove(p->text, p->text + sk, strlen(p->text + sk) + 1);
  }
  if (p->kind == UNKG_PART_ITEM) {
    char   l2[16];
    size_t sk = 0;
    if (item_label(p->text, l2, &sk)) { /* the printed label is not text */
      while (p->text[sk] == ' ') {
        ++sk;
      }
      memmove(p->text, p->text + sk, strlen(p->text + sk) + 1);
    }
    return UNKG_OK;
  }
  p->lead = emphasis_lead(a, list ? (intro ? first_p(intro) : NULL) : first_p(n));
  a->op   = i;
  a->para = i;
  a->item = -1;
  return list ? read_points(a, list, i) : UNKG_OK;
}

static UnkgStatus read_body(Akn* a, const xmlNode* body);


static UnkgStatus
read_section(Akn* a, const xmlNode* sec)
{
  char*      num = NULL;
  UnkgStatus st  = text_of(a, child(sec, "num"), &num);
  for (const xmlNode* c = sec->children; c && !st; c = c->next) {
    if (is(c, "subheading") || is(c, "heading")) {
      st = read_text(a, c, num, a->annex >= 0 ? UNKG_PART_ANNEX_PARA : UNKG_PART_TEXT);
      free(num);
      num = NULL; /* the section number goes with its first heading */
    } else if (is(c, "crossHeading")) {
      xmlChar* r  = xmlGetProp(c, (const xmlChar*)"refersTo");
      bool     pp = r && strstr((const char*)r, "preamble") && a->annex < 0;
      xmlFree(r);
      st = pp ? read_preambular(a, c)
              : read_text(a, c, NULL, a->annex >= 0 ? UNKG_PART_ANNEX_PARA : UNKG_PART_TEXT);
    }
  }
  free(num);
  return st ? st : read_body(a, sec);
}

/* The paragraphs, sections and containers of a mainBody (or section). */
static UnkgStatus
read_body(Akn* a, const xmlNode* body)
{
  UnkgStatus st = UNKG_OK;
  for (const xmlNode* c = body->children; c && !st; c = c->next) {
    if (is(c, "paragraph")) {
      st = read_paragraph(a, c);
    } else if (is(c, "section") || is(c, "chapter") || is(c, "part")) {
      st = read_section(a, c);
    } else if (is(c, "container") || is(c, "blockContainer") || is(c, "p")) {
      st = read_text(a, c, NULL, a->annex >= 0 ? UNKG_PART_ANNEX_PARA : UNKG_PART_TEXT);
    }
  }
  return st;
}

/* Does the statement number its operative paragraphs? */
static bool
numbers_paragraphs(Akn* a, const xmlNode* body)
{
  for (const xmlNode* c = body ? body->children : NULL; c; c = c->next) {
    if (is(c, "paragraph")) {
      char* num = NULL;
      if (!text_of(a, child(c, "num"), &num) && num && is_arabic_num(num)) {
        free(num);
        return true;
      }
      free(num);
    } else if (is(c, "section") && numbers_paragraphs(a, c)) {
      return true;
    }
  }
  return false;
}

static UnkgStatus
read_preamble(Akn* a, const xmlNode* pre)
{
  UnkgStatus st = UNKG_OK;
  for (const xmlNode* c = pre->children; c && !st; c = c->next) {
    if (is(c, "formula")) {
      if (!a->doc->formula) {
        st = text_of(a, c, &a->doc->formula);
      }
    } else if (is(c, "container") && a->last_num && next_number_in_text(a, c)) {
      /* "10. 期待…" in a preamble after paragraph 9: an operative paragraph
       * the markup misfiled. */
      st = read_paragraph(a, c);
    } else if (is(c, "container")) {
      st = read_preambular(a, c);
    } else if (is(c, "blockList") && a->para >= 0) {
      int parent = a->para;
      st         = read_points(a, c, parent);
      a->item    = -1;
    } else if (is(c, "crossHeading")) {
      st = read_preambular(a, c);
    }
  }
  return st;
}

/* One resolution (or one of the parts A, B … of a multi-part one). */
static UnkgStatus
read_statement(Akn* a, const xmlNode* stmt, bool component)
{
  UnkgStatus     st   = UNKG_OK;
  const xmlNode* pref = child(stmt, "preface");
  a->op = a->para = a->item = -1;
  a->annex                 = -1;
  a->numbered              = false;
  for (const xmlNode* c = stmt->children; c; c = c->next) {
    a->numbered = a->numbered || (is(c, "mainBody") && numbers_paragraphs(a, c));
  }
  a->n_unnumbered          = 0;
  a->last_num              = 0;
  if (component && pref) {
    /* "A  Information in the service of humanity": a heading of the part. */
    UnkgBuf b = {0};
    char*   t = NULL;
    if (!(st = gather(a, pref, &b, -1)) && !(t = clean(b.data ? b.data : ""))) {
      st = UNKG_ERR_NOMEM;
    }
    links_clear(a);
    unkg_buf_clear(&b);
    int i;
    if (!st && *t && !(st = new_part(a, UNKG_PART_TEXT, pref, &i))) {
      part_at(a, i)->ordinal = ++a->n_text;
      st                     = set_pathf(a, i, "text/%u", a->n_text);
      if (!st) {
        st = unkg_part_set_text(part_at(a, i), t, strlen(t), NULL);
      }
    }
    free(t);
  }
  /* In document order: a file may break its text into several preambles
   * and main bodies (75_161_C.xml does, after paragraph 9). */
  for (const xmlNode* c = stmt->children; c && !st; c = c->next) {
    if (is(c, "preamble")) {
      st = read_preamble(a, c);
    } else if (is(c, "mainBody")) {
      st = read_body(a, c);
    }
  }
  const xmlNode* att = child(stmt, "attachments");
  for (const xmlNode* c = att ? att->children : NULL; c && !st; c = c->next) {
    const xmlNode* doc = is(c, "attachment") ? child(c, "doc") : NULL;
    if (!doc) {
      continue;
    }
    int i;
    if ((st = new_part(a, UNKG_PART_ANNEX, doc, &i))) {
      break;
    }
    part_at(a, i)->ordinal = ++a->n_annex;
    if ((st = set_pathf(a, i, "annex/%u", a->n_annex))) {
      break;
    }
    a->annex        = i;
    a->n_annex_para = 0;
    a->para = a->op = a->item = -1;
    for (const xmlNode* d = doc->children; d && !st; d = d->next) {
      if (is(d, "preface") || is(d, "preamble")) {
        for (const xmlNode* p = d->children; p && !st; p = p->next) {
          if (p->type == XML_ELEMENT_NODE) {
            st = read_text(a, p, NULL, UNKG_PART_ANNEX_PARA);
          }
        }
      } else if (is(d, "mainBody")) {
        st = read_body(a, d);
      }
    }
    a->annex = -1;
  }
  return st;
}

/* The footnotes, after every other part, so that a note present in one
 * language only does not move the positions of the paragraphs. */
static UnkgStatus
read_notes(Akn* a)
{
  UnkgStatus st = UNKG_OK;
  for (size_t k = 0; k < a->n_notes && !st; ++k) {
    int     i;
    UnkgBuf b = {0};
    if (!(st = new_part(a, UNKG_PART_FOOTNOTE, a->notes[k].note, &i))) {
      char* marker = prop(a->notes[k].note, "marker");
      part_at(a, i)->num = marker ? marker : unkg_strdup(a->notes[k].label);
      if (!part_at(a, i)->num) {
        st = UNKG_ERR_NOMEM;
      }
    }
    if (!st) {
      st = set_pathf(a, i, "fn/%s", a->notes[k].label);
    }
    if (!st) {
      st = gather(a, a->notes[k].note, &b, -1);
    }
    if (!st) {
      st = set_text(a, i, b.data);
    }
    unkg_buf_clear(&b);
  }
  return st;
}

/* ---- metadata ---------------------------------------------------------------- */

/* Replaces *field with value (owned). */
static void
set_str(char** field, char* value)
{
  free(*field);
  *field = value;
}

static UnkgStatus
read_identification(Akn* a, const xmlNode* meta, char** adopted, UnkgDiag* d)
{
  const xmlNode* id   = child(meta, "identification");
  const xmlNode* work = child(id, "FRBRWork");
  const xmlNode* expr = child(id, "FRBRExpression");
  UnkgDoc*       doc  = a->doc;
  set_str(&doc->akn_work, prop(child(work, "FRBRuri"), "value"));
  set_str(&doc->akn_expression, prop(child(expr, "FRBRuri"), "value"));
  for (const xmlNode* c = work ? work->children : NULL; c; c = c->next) {
    if (is(c, "FRBRdate") && prop_is(c, "name", "adoption")) {
      set_str(adopted, prop(c, "date"));
    }
  }
  for (const xmlNode* c = expr ? expr->children : NULL; c; c = c->next) {
    if (is(c, "FRBRdate") && prop_is(c, "name", "publication")) {
      char* date = prop(c, "date");
      if (is_date(date)) {
        set_str(&doc->issued, date);
      } else {
        free(date);
      }
    }
  }
  char* code = prop(child(expr, "FRBRlanguage"), "language");
  char  lang[4];
  if (!unkg_akn_language(code, lang)) {
    unkg_diag_set(d, a->src->name, line_of(expr ? expr : meta),
                  "Akoma Ntoso without a language (FRBRExpression/FRBRlanguage)");
    free(code);
    return UNKG_ERR_GENRE;
  }
  free(code);
  char* l = unkg_strdup(lang);
  if (!l) {
    return UNKG_ERR_NOMEM;
  }
  set_str(&doc->lang, l);
  return UNKG_OK;
}

/* Agenda items as the English cover writes them, whatever the language:
 * "Agenda item 3 (b)" and "议程项目3(b)" both give "3 (b)"; "Agenda items
 * 14 and 122" gives "14" and "122". */
static UnkgStatus
read_agenda(Akn* a, const char* s)
{
  UnkgStatus st = UNKG_OK;
  for (size_t i = 0; s[i] && !st;) {
    if (!isdigit((unsigned char)s[i]) || (i > 0 && isalnum((unsigned char)s[i - 1]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (isdigit((unsigned char)s[j])) {
      ++j;
    }
    size_t k = j;
    while (s[k] == ' ') {
      ++k;
    }
    UnkgBuf b = {0};
    size_t  q = k + 1;
    while (s[k] == '(' && islower((unsigned char)s[q])) {
      ++q;
    }
    if (s[k] == '(' && q > k + 1 && s[q] == ')') {
      st = unkg_buf_printf(&b, "%.*s (%.*s)", (int)(j - i), s + i, (int)(q - k - 1), s + k + 1);
      j  = q + 1;
    } else {
      st = unkg_buf_printf(&b, "%.*s", (int)(j - i), s + i);
    }
    if (!st) {
      st = unkg_strings_add(&a->doc->agenda_items, &a->doc->n_agenda_items, b.data);
    }
    unkg_buf_clear(&b);
    i = j;
  }
  if (!st && a->doc->n_agenda_items) {
    free(a->doc->agenda_item);
    a->doc->agenda_item = unkg_strdup(a->doc->agenda_items[0]);
    st                  = a->doc->agenda_item ? UNKG_OK : UNKG_ERR_NOMEM;
  }
  return st;
}

/* The first organization the text names (the committee in "[on the report
 * of the First Committee (…)]" or "[根据第一委员会的报告 …]"). */
static UnkgStatus
read_committee(Akn* a, const char* text)
{
  size_t n = strlen(text);
  for (size_t i = 0; i < n;) {
    size_t            len = 0;
    bool              word = i == 0 || !isalnum((unsigned char)text[i - 1]);
    const UnkgEntity* e    = word ? unkg_lexicon_match(a->lex, UNKG_ENT_ORG, UNKG_ROLE_NAME,
                                                       text + i, n - i, &len, NULL)
                                  : NULL;
    if (e && !(isalnum((unsigned char)text[i]) && isalnum((unsigned char)text[i + len]))) {
      a->doc->committee_org = e;
      free(a->doc->committee);
      a->doc->committee = unkg_strndup(text + i, len);
      return a->doc->committee ? UNKG_OK : UNKG_ERR_NOMEM;
    }
    uint32_t cp;
    size_t   l = unkg_utf8_decode((const unsigned char*)text + i, n - i, &cp);
    i += l ? l : 1;
  }
  return UNKG_OK;
}

/* The document symbols a text names, in order (A/75/L.5 and A/75/L.5/Add.1). */
static UnkgStatus
symbols_in(const Akn* a, const char* text, UnkgPart* tmp)
{
  memset(tmp, 0, sizeof *tmp);
  return unkg_recognise_citations(tmp, a->lex, text);
}

static void
part_cites_clear(UnkgPart* tmp)
{
  for (size_t i = 0; i < tmp->n_cites; ++i) {
    free(tmp->cites[i].symbol);
    free(tmp->cites[i].date);
  }
  free(tmp->cites);
  memset(tmp, 0, sizeof *tmp);
}

static const char*
first_symbol(const UnkgPart* tmp)
{
  const UnkgCitation* best = NULL;
  for (size_t i = 0; i < tmp->n_cites; ++i) {
    if (!best || tmp->cites[i].pos < best->pos) {
      best = &tmp->cites[i];
    }
  }
  return best ? best->symbol : NULL;
}

static UnkgStatus
read_cover(Akn* a, const xmlNode* cover, char** origin)
{
  UnkgDoc*       doc = a->doc;
  UnkgStatus     st  = UNKG_OK;
  const xmlNode* sym = find_with(cover, "docNumber", "refersTo", "#symbol");
  if (sym && (st = text_of(a, sym, &doc->symbol))) {
    return st;
  }
  const xmlNode* ses = find(cover, "session");
  if (ses) {
    char* v = prop(ses, "value");
    if (v && isdigit((unsigned char)v[0])) {
      doc->session = atoi(v);
    } else {
      char* t = NULL;
      if ((st = text_of(a, ses, &t))) {
        free(v);
        return st;
      }
      const char* q = t ? strstr(t, "第") : NULL; /* 第七十五届会议 */
      int         num;
      if (q && unkg_parse_zh_number(q + 3, strlen(q + 3), &num)) {
        doc->session = num;
      }
      free(t);
    }
    free(v);
  }
  char* item = NULL;
  if (!(st = text_of(a, find_with(cover, "inline", "name", "agenda item"), &item)) && item) {
    st = read_agenda(a, item);
  }
  free(item);
  if (!st) {
    st = text_of(a, find_with(cover, "inline", "name", "agenda item name"), &doc->agenda_title);
  }
  const xmlNode* prop_n = find(cover, "docProponent");
  if (!st && prop_n) {
    char* text = NULL;
    st         = text_of(a, prop_n, &text);
    if (!st && text && !prop_is(prop_n, "refersTo", "#noMainCommittee")) {
      st = read_committee(a, text);
    }
    free(text);
    if (!st) {
      st = text_of(a, find_with(prop_n, "inline", "name", "originating document"), origin);
    }
  }
  return st;
}

/* A state by name as UN lists write it: "the Russian Federation",
 * "Lao People’s Democratic Republic", "COTE D'IVOIRE", "Guinea -Bissau",
 * "Cuba (on behalf of the States Members … of the Movement of Non-Aligned
 * Countries)" (the state acting for a group). */
static const UnkgEntity*
state_named(Akn* a, const char* name)
{
  UnkgBuf b = {0};
  for (const char* p = name; *p; ++p) {
    if (!strncmp(p, "\xE2\x80\x99", 3)) { /* ’ */
      unkg_buf_puts(&b, "'");
      p += 2;
    } else if (*p == ' ' && (b.len == 0 || p[1] == ' ' || p[1] == '-' || p[1] == '\0'
                             || b.data[b.len - 1] == '-')) {
      continue;
    } else {
      unkg_buf_append(&b, p, 1);
    }
  }
  if (!b.data) {
    return NULL;
  }
  /* A full stop ending the list, or a bracket the list did not open. */
  while (b.len && (b.data[b.len - 1] == '.' || b.data[b.len - 1] == ' '
                   || (b.data[b.len - 1] == ')' && !strchr(b.data, '(')))) {
    b.data[--b.len] = '\0';
  }
  const char*       s = b.data && !strncasecmp(b.data, "the ", 4) ? b.data + 4 : b.data;
  const UnkgEntity* e = s ? unkg_lexicon_lookup(a->lex, UNKG_ENT_STATE, s) : NULL;
  if (!e && s && b.data[b.len - 1] == ')') {
    char* open = strrchr(b.data, '(');
    while (open && open > b.data && open[-1] == ' ') {
      --open;
    }
    if (open && open > s) {
      *open = '\0';
      e     = unkg_lexicon_lookup(a->lex, UNKG_ENT_STATE, s);
    }
  }
  unkg_buf_clear(&b);
  return e;
}

/* "X and Y" where both are states, or X itself ("Bosnia and Herzegovina",
 * "United Kingdom of Great Britain and Northern Ireland and Uruguay").
 * Returns the number of states found, 0 if the text does not split so. */
static size_t
split_states(Akn* a, const char* s, const UnkgEntity** out, size_t max)
{
  const UnkgEntity* e = max ? state_named(a, s) : NULL;
  if (e) {
    out[0] = e;
    return 1;
  }
  for (const char* and = strstr(s, " and "); and && max > 1; and = strstr(and + 1, " and ")) {
    char* left = unkg_strndup(s, (size_t)(and - s));
    const UnkgEntity* l = left ? state_named(a, left) : NULL;
    free(left);
    if (!l) {
      continue;
    }
    size_t r = split_states(a, and + 5, out + 1, max - 1);
    if (r) {
      out[0] = l;
      return r + 1;
    }
  }
  return 0;
}

/* The next item of a comma-separated list, commas in brackets included:
 * its bounds in [*b, *e); returns where the next item starts, or NULL. */
static const char*
next_item(const char* s, const char** b, const char** e)
{
  int depth = 0;
  while (*s == ' ' || *s == ',') {
    ++s;
  }
  if (!strncmp(s, "and ", 4)) {
    s += 4;
  }
  *b = s;
  for (; *s && !(*s == ',' && depth == 0); ++s) {
    depth += *s == '(' ? 1 : *s == ')' && depth > 0 ? -1 : 0;
  }
  *e = s;
  while (*e > *b && (*e)[-1] == ' ') {
    --*e;
  }
  return *s ? s + 1 : (*e > *b ? s : NULL);
}

static UnkgStatus
read_sponsors(Akn* a, const char* by, int additional, unsigned line)
{
  if (!by || !*by) {
    return UNKG_OK;
  }
  /* Pass 0: do the names resolve at all?  A "by" such as "submitted by the
   * Committee on Information" names no state and is kept as a note. */
  UnkgStatus st       = UNKG_OK;
  size_t     resolved = 0;
  for (int pass = 0; pass < 2 && !st; ++pass) {
    const char *b, *e;
    for (const char* p = next_item(by, &b, &e); p && !st; p = next_item(p, &b, &e)) {
      if (e == b) {
        continue;
      }
      char* tok = unkg_strndup(b, (size_t)(e - b));
      if (!tok) {
        return UNKG_ERR_NOMEM;
      }
      const UnkgEntity* found[16];
      size_t            k = split_states(a, tok, found, 16);
      resolved += k;
      for (size_t j = 0; pass == 1 && j < k && !st; ++j) {
        st = unkg_doc_add_sponsor(a->doc, found[j], found[j]->label_en ? found[j]->label_en : tok,
                                  additional);
      }
      if (pass == 1 && !k && !st) {
        warnf(a, line, "sponsor \"%s\" is not a state in the reference data", tok);
        st = unkg_doc_add_sponsor(a->doc, NULL, tok, additional);
      }
      free(tok);
      if (!*p) {
        break;
      }
    }
    if (pass == 0 && !resolved) {
      if (!a->doc->sponsor_note && !(a->doc->sponsor_note = unkg_strdup(by))) {
        st = UNKG_ERR_NOMEM;
      }
      break;
    }
  }
  return st;
}

static UnkgStatus
read_workflow(Akn* a, const xmlNode* meta, char** adopted)
{
  UnkgDoc*       doc = a->doc;
  const xmlNode* wf  = child(meta, "workflow");
  UnkgStatus     st  = UNKG_OK;
  for (const xmlNode* s = wf ? wf->children : NULL; s && !st; s = s->next) {
    if (!is(s, "step")) {
      continue;
    }
    char* as = prop(s, "as");
    char* by = prop(s, "by");
    if (prop_is(s, "outcome", "draftResolution")) {
      if (as) {
        set_str(&doc->draft, as);
        as = NULL;
      }
      st = read_sponsors(a, by, 0, line_of(s));
    } else if (prop_is(s, "outcome", "draftResolutionAdditionalSponsors")) {
      st = read_sponsors(a, by, 1, line_of(s));
    } else if (prop_is(s, "outcome", "recommendedForAdoption")) {
      if (as) {
        set_str(&doc->committee_report, as);
        as = NULL;
      }
      char* para = prop(s, "refersTo");
      if (para && isdigit((unsigned char)para[0])) {
        set_str(&doc->report_para, para);
      } else {
        free(para);
      }
    } else if (prop_is(s, "outcome", "adopted")) {
      if (as) {
        set_str(&doc->record, as);
        as = NULL;
      }
      char* date = prop(s, "date");
      if (is_date(date) && !*adopted) {
        *adopted = date;
      } else {
        free(date);
      }
    }
    free(as);
    free(by);
  }
  return st;
}

static UnkgStatus
read_voting(Akn* a, const xmlNode* meta)
{
  UnkgDoc*       doc    = a->doc;
  const xmlNode* voting = find(meta, "voting");
  if (!voting) {
    return UNKG_OK;
  }
  set_str(&doc->vote_outcome, prop(voting, "outcome"));
  UnkgStatus st         = UNKG_OK;
  bool       unresolved = false;
  for (const xmlNode* c = voting->children; c && !st; c = c->next) {
    if (!is(c, "count")) {
      continue;
    }
    char*        v    = prop(c, "value");
    char*        r    = prop(c, "refersTo");
    const char*  what = r ? (r[0] == '#' ? r + 1 : r) : "";
    int          n    = v && isdigit((unsigned char)v[0]) ? atoi(v) : 0;
    UnkgVoteKind kind = !strcmp(what, "inFavour")     ? UNKG_VOTE_YES
                        : !strcmp(what, "against")    ? UNKG_VOTE_NO
                        : !strcmp(what, "abstaining") ? UNKG_VOTE_ABSTAIN
                                                      : 0;
    if (!kind) {
      warnf(a, line_of(c), "vote count of unknown kind \"%s\" ignored", what);
    } else {
      doc->recorded = 1;
      *(kind == UNKG_VOTE_YES ? &doc->n_yes : kind == UNKG_VOTE_NO ? &doc->n_no : &doc->n_abstain) = n;
      int            listed = 0;
      const xmlNode* voters = find(c, "voters");
      for (const xmlNode* o = voters ? voters->children : NULL; o && !st; o = o->next) {
        char* name = NULL;
        if (!is(o, "organization") || (st = text_of(a, o, &name)) || !name || !*name) {
          free(name);
          continue;
        }
        const UnkgEntity* e = state_named(a, name);
        if (!e) {
          warnf(a, line_of(o), "voter \"%s\" is not a state in the reference data", name);
          unresolved = true;
        }
        st = unkg_doc_add_vote(doc, kind, e, name);
        ++listed;
        free(name);
      }
      if (listed && listed != n) {
        warnf(a, line_of(c), "%s: count %d but %d voters listed", what, n, listed);
      }
    }
    free(v);
    free(r);
  }
  /* Non-voting: Member States named in none of the lists.  Only when every
   * name resolved, or a state would be counted twice. */
  if (!st && doc->n_votes && !unresolved) {
    size_t named = doc->n_votes;
    for (size_t i = 0; i < unkg_lexicon_size(a->lex) && !st; ++i) {
      const UnkgEntity* e = unkg_lexicon_entity(a->lex, i);
      if (e->kind != UNKG_ENT_STATE || !e->member) {
        continue;
      }
      bool voted = false;
      for (size_t k = 0; k < named && !voted; ++k) {
        voted = doc->votes[k].state == e;
      }
      if (!voted) {
        st = unkg_doc_add_vote(doc, UNKG_VOTE_NONVOTING, e, NULL);
      }
    }
  }
  return st;
}

/* An IRI safe to write as is: http(s), and only characters RFC 3986 allows
 * (the file is untrusted; an IRI with '>' or a blank would break the
 * serialisations). */
static bool
safe_iri(const char* s)
{
  if (strncmp(s, "http://", 7) && strncmp(s, "https://", 8)) {
    return false;
  }
  for (const char* p = s; *p; ++p) {
    if (!isalnum((unsigned char)*p) && !strchr("-._~:/?#[]@!$&'()*+,;=%", *p)) {
      return false;
    }
  }
  return true;
}

static UnkgStatus
read_keywords(Akn* a, const xmlNode* n)
{
  UnkgStatus st = UNKG_OK;
  for (const xmlNode* c = n->children; c && !st; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) {
      continue;
    }
    if (!is(c, "keyword")) {
      st = read_keywords(a, c);
      continue;
    }
    char* href = prop(c, "href");
    if (href && safe_iri(href)) {
      st = unkg_strings_add(&a->doc->subjects, &a->doc->n_subjects, href);
    } else if (href) {
      warnf(a, line_of(c), "keyword IRI \"%s\" ignored: not an http(s) IRI", href);
    } else {
      char* label = prop(c, "value");
      if (label) {
        st = unkg_strings_add(&a->doc->subject_labels, &a->doc->n_subject_labels, label);
      }
      free(label);
    }
    free(href);
  }
  return st;
}

static UnkgStatus
read_conclusions(Akn* a, const xmlNode* stmt)
{
  const xmlNode* conc = child(stmt, "conclusions");
  if (!conc) {
    return UNKG_OK;
  }
  char*      meeting = NULL;
  UnkgStatus st = text_of(a, find_with(conc, "inline", "name", "adoptionMeeting"), &meeting);
  if (!st && meeting && !a->doc->meeting) {
    const char* p = meeting;
    while (*p && !isdigit((unsigned char)*p)) {
      ++p;
    }
    a->doc->meeting = atoi(p);
  }
  free(meeting);
  char* date = prop(find(conc, "docDate"), "date");
  if (is_date(date) && !a->doc->closing_date) {
    a->doc->closing_date = date;
    date                 = NULL;
  }
  free(date);
  return st;
}

/* ---- the whole file ------------------------------------------------------------- */

/* The language the text's script shows, where the script settles it:
 * "zh", "ru", "ar"; "" for Latin script (en, fr, es: the script cannot
 * tell), NULL for no text. */
static const char*
script_language(const UnkgDoc* doc)
{
  size_t han = 0, latin = 0, cyr = 0, arab = 0;
  for (size_t i = 0; i < doc->n_parts; ++i) {
    const unsigned char* t = (const unsigned char*)doc->parts[i].text;
    size_t               n = t ? strlen((const char*)t) : 0;
    for (size_t k = 0; k < n;) {
      uint32_t cp;
      size_t   l = unkg_utf8_decode(t + k, n - k, &cp);
      k += l ? l : 1;
      han += cp >= 0x4E00 && cp <= 0x9FFF;
      latin += cp < 128 && isalpha((int)cp);
      cyr += cp >= 0x400 && cp <= 0x4FF;
      arab += cp >= 0x600 && cp <= 0x6FF;
    }
  }
  if (!han && !latin && !cyr && !arab) {
    return NULL;
  }
  return han * 2 >= latin ? "zh" : cyr > latin ? "ru" : arab > latin ? "ar" : "";
}

/* FRBRlanguage against the text: a file declared Spanish whose text is
 * Chinese is Chinese (the 75th session has one). */
static UnkgStatus
check_language(Akn* a)
{
  UnkgDoc*    doc    = a->doc;
  const char* script = script_language(doc);
  bool        nonlatin_decl = !strcmp(doc->lang, "zh") || !strcmp(doc->lang, "ru")
                       || !strcmp(doc->lang, "ar");
  if (!script || !strcmp(script, doc->lang) || (!*script && !nonlatin_decl)) {
    return UNKG_OK;
  }
  if (!*script) {
    warnf(a, 0, "FRBRlanguage says %s but the text is in Latin script", doc->lang);
    return UNKG_OK;
  }
  warnf(a, 0, "FRBRlanguage says %s but the text is %s: %s used", doc->lang, script, script);
  char* l = unkg_strdup(script);
  if (!l) {
    return UNKG_ERR_NOMEM;
  }
  free(doc->lang);
  doc->lang = l;
  return UNKG_OK;
}

/* The digits of a resolution number: "A/RES/75/242 B", "75/242." and the
 * FRBR "75-242" compare equal (the part letter is on the cover only). */
static void
digit_key(const char* s, char* out, size_t cap)
{
  size_t k = 0;
  if (unkg_starts_with(s, "A/RES/")) {
    s += strlen("A/RES/");
  }
  for (; *s && k + 1 < cap; ++s) {
    if (isdigit((unsigned char)*s)) {
      out[k++] = *s;
    }
  }
  out[k] = '\0';
}

/* The symbol: the cover's, unless the preface number and the FRBR work
 * agree on another (a copy-and-paste slip on one cover page); else the
 * preface's when there is no cover. */
static UnkgStatus
check_symbol(Akn* a, const char* number, unsigned line)
{
  UnkgDoc* doc = a->doc;
  char     kc[64] = "", kp[64], kf[64] = "";
  digit_key(number, kp, sizeof kp);
  if (doc->symbol) {
    digit_key(doc->symbol, kc, sizeof kc);
  }
  if (doc->akn_work) { /* /akn/un/statement/deliberation/unga/2020-12-01/75-19/ */
    size_t n = strlen(doc->akn_work);
    while (n && doc->akn_work[n - 1] == '/') {
      --n;
    }
    size_t b = n;
    while (b && doc->akn_work[b - 1] != '/') {
      --b;
    }
    char seg[64];
    snprintf(seg, sizeof seg, "%.*s", (int)(n - b), doc->akn_work + b);
    digit_key(seg, kf, sizeof kf);
  }
  if (doc->symbol && !(strcmp(kc, kf) && !strcmp(kp, kf))) {
    return UNKG_OK;
  }
  if (doc->symbol) {
    warnf(a, line, "cover symbol %s disagrees with the preface and the FRBR work (%s): %s used",
          doc->symbol, number, number);
  }
  UnkgBuf b  = {0};
  UnkgStatus st = unkg_buf_printf(&b, "A/RES/%s", number);
  if (st) {
    unkg_buf_clear(&b);
    return st;
  }
  free(doc->symbol);
  doc->symbol = unkg_buf_take(&b);
  return UNKG_OK;
}

static UnkgStatus
read_resolution(Akn* a, const xmlNode* top, UnkgDiag* d)
{
  UnkgDoc*       doc     = a->doc;
  const xmlNode* meta    = child(top, "meta");
  char*          adopted = NULL; /* FRBR adoption date */
  char*          origin  = NULL; /* the cover's originating document */
  UnkgStatus     st      = read_identification(a, meta, &adopted, d);
  if (!st) {
    st = read_cover(a, child(top, "coverPage"), &origin);
  }
  const xmlNode* pref = child(top, "preface");
  if (!st && pref) {
    char* number = NULL;
    st = text_of(a, find(pref, "docNumber"), &number);
    if (!st) {
      st = text_of(a, find(pref, "docTitle"), &doc->title);
    }
    size_t n = number ? strlen(number) : 0;
    while (n && number[n - 1] == '.') {
      number[--n] = '\0';
    }
    if (!st && n && isdigit((unsigned char)number[0])) {
      st = check_symbol(a, number, line_of(pref));
    }
    free(number);
  }
  char* wf_adopted = NULL;
  if (!st) {
    st = read_workflow(a, meta, &wf_adopted);
  }
  if (!st) {
    st = read_voting(a, meta);
  }
  if (!st && meta) {
    st = read_keywords(a, meta);
  }
  /* The report or draft the cover names, when the workflow does not. */
  if (!st && origin) {
    UnkgPart tmp;
    st              = symbols_in(a, origin, &tmp);
    const char* sym = st ? NULL : first_symbol(&tmp);
    char**      to  = doc->committee ? &doc->committee_report : &doc->draft;
    if (sym && !doc->committee_report && !doc->draft && !(*to = unkg_strdup(sym))) {
      st = UNKG_ERR_NOMEM;
    }
    part_cites_clear(&tmp);
  }
  if (!st && is(top, "statement")) {
    st = read_statement(a, top, false);
    if (!st) {
      st = read_conclusions(a, top);
    }
  } else if (!st) {
    const xmlNode* comps = NULL;
    for (const xmlNode* c = top->parent->children; c; c = c->next) {
      comps = is(c, "components") ? c : comps;
    }
    for (const xmlNode* c = comps ? comps->children : NULL; c && !st; c = c->next) {
      const xmlNode* s = is(c, "component") ? child(c, "statement") : NULL;
      if (s) {
        st = read_statement(a, s, true);
        if (!st) {
          st = read_conclusions(a, s);
        }
      }
    }
  }
  if (!st) {
    st = read_notes(a);
  }
  if (!st) {
    st = check_language(a);
  }
  /* The adoption date: the conclusions, else the FRBR work, else the
   * workflow's adoption step; never one after the expression was issued
   * (a printed year can be wrong: 2021年12月31日 for 2020). */
  const char* dates[] = {doc->closing_date, adopted, wf_adopted};
  const char* date    = NULL;
  for (size_t k = 0; !st && !date && k < sizeof dates / sizeof *dates; ++k) {
    if (is_date(dates[k]) && !(doc->issued && strcmp(dates[k], doc->issued) > 0)) {
      date = dates[k];
    }
  }
  if (!st && date) {
    if (doc->closing_date && strcmp(doc->closing_date, date)) {
      warnf(a, 0, "adoption date %s is after the date of issue %s: %s used", doc->closing_date,
            doc->issued, date);
      free(doc->closing_date);
      doc->closing_date = NULL;
    }
    if (!(doc->adoption_date = unkg_strdup(date))
        || (!doc->closing_date && !(doc->closing_date = unkg_strdup(date)))) {
      st = UNKG_ERR_NOMEM;
    }
  }
  free(adopted);
  free(wf_adopted);
  free(origin);
  if (st) {
    return st;
  }
  if (!doc->symbol || !*doc->symbol) {
    unkg_diag_set(d, a->src->name, line_of(top),
                  "Akoma Ntoso resolution without a symbol (coverPage docNumber or preface)");
    return UNKG_ERR_GENRE;
  }
  const char* num = unkg_starts_with(doc->symbol, "A/RES/") ? doc->symbol + 6 : doc->symbol;
  if (!(doc->number = unkg_strdup(num))) {
    return UNKG_ERR_NOMEM;
  }
  if (unkg_starts_with(num, "S-")) {
    /* A special session: its number is not that of a regular session. */
    doc->special_session = atoi(num + 2);
    doc->session         = 0;
  } else if (!doc->session) {
    doc->session = atoi(num);
  }
  return UNKG_OK;
}

UnkgStatus
unkg_akn_read(const UnkgSource* src, const UnkgLexicon* lex, UnkgWarnFn warn, void* warn_ctx,
              UnkgDoc** out, UnkgDiag* d)
{
  *out        = NULL;
  xmlDocPtr x = NULL;
  UnkgStatus st = parse_xml(src, &x, d);
  if (st) {
    return st;
  }
  const xmlNode* root = xmlDocGetRootElement(x);
  const xmlNode* deep = root ? too_deep(root, 1) : NULL;
  const xmlNode* top  = NULL;
  for (const xmlNode* c = root ? root->children : NULL; c; c = c->next) {
    if (!top && (is(c, "statement") || is(c, "documentCollection"))) {
      top = c;
    }
  }
  if (!is(root, "akomaNtoso")) {
    unkg_diag_set(d, src->name, line_of(root), "XML but not Akoma Ntoso (root element <%s>)",
                  root ? (const char*)root->name : "");
    st = UNKG_ERR_GENRE;
  } else if (deep) {
    unkg_diag_set(d, src->name, line_of(deep), "XML nested deeper than %d elements",
                  UNKG_AKN_MAX_DEPTH);
    st = UNKG_ERR_LIMIT;
  } else if (!top || (is(top, "statement") && !prop_is(top, "name", "resolution"))) {
    unkg_diag_set(d, src->name, line_of(top ? top : root),
                  "Akoma Ntoso document that is not a General Assembly resolution");
    st = UNKG_ERR_GENRE;
  }
  UnkgDoc* doc = st ? NULL : unkg_doc_new(UNKG_GENRE_RESOLUTION, "und");
  if (!st && !doc) {
    st = UNKG_ERR_NOMEM;
  }
  Akn a = {0};
  if (!st) {
    const char* base = strrchr(src->name, '/');
    doc->source_name = unkg_strdup(base ? base + 1 : src->name);
    doc->source_len  = src->len;
    a = (Akn){.src = src, .lex = lex, .warn = warn, .warn_ctx = warn_ctx, .diag = d, .doc = doc,
              .op = -1, .para = -1, .item = -1, .annex = -1};
    st = doc->source_name ? read_resolution(&a, top, d) : UNKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < a.n_notes; ++i) {
    free(a.notes[i].label);
  }
  free(a.notes);
  links_clear(&a);
  free(a.links);
  xmlFreeDoc(x);
  if (st) {
    if (st == UNKG_ERR_NOMEM || st == UNKG_ERR_LIMIT) {
      if (d && !d->msg[0]) {
        unkg_diag_set(d, src->name, 0, "%s", unkg_strerror(st));
      }
    }
    unkg_doc_free(doc);
    return st;
  }
  *out = doc;
  return UNKG_OK;
}
