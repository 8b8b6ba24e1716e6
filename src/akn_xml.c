#include "akn_xml.h"

#include "akn.h"
#include "buf.h"
#include "normalise.h"
#include "read.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- safe parsing ----------------------------------------------------------- */

typedef struct {
  bool     dtd;
  unsigned line;
  char     io[200]; /* the first encoding or I/O error libxml2 raised */
} Guard;

/* libxml2 raises encoding and I/O errors outside the parser context, to
 * stderr unless a handler takes them: they become part of unkg's one
 * error line instead. */
static void
keep_libxml_error(void* data, xmlErrorPtr e)
{
  Guard* g = data;
  if (e && e->message && !g->io[0] && (e->domain == XML_FROM_I18N || e->domain == XML_FROM_IO)) {
    snprintf(g->io, sizeof g->io, "%s", e->message);
    size_t n = strlen(g->io);
    while (n && (g->io[n - 1] == '\n' || g->io[n - 1] == ' ')) {
      g->io[--n] = '\0';
    }
  }
}

/* Attributes one element may carry: AKN elements have a handful (at most 5
 * in the 75th session); libxml2's duplicate check is quadratic in them
 * (100,000 took 35 s), so more are refused before it parses. */
#define MAX_ATTRIBUTES 256

/* The line of the first start tag with more than MAX_ATTRIBUTES
 * attributes, 0 if none.  A scan of the bytes, linear: markup it does not
 * follow (a DOCTYPE, a tag left open) ends it, and the parser judges. */
static unsigned
too_many_attributes(const char* s, size_t n)
{
  unsigned line = 1;
  for (size_t i = 0; i < n; ++i) {
    if (s[i] == '\n') {
      ++line;
    }
    if (s[i] != '<' || i + 1 >= n) {
      continue;
    }
    const char* close = s[i + 1] == '?' ? "?>" : s[i + 1] == '/' ? ">" : NULL;
    if (i + 3 < n && !memcmp(s + i + 1, "!--", 3)) {
      close = "-->";
    } else if (i + 8 < n && !memcmp(s + i + 1, "![CDATA[", 8)) {
      close = "]]>";
    } else if (s[i + 1] == '!') {
      return 0;
    }
    size_t j = i + 1;
    if (close) { /* skip to its end, counting lines */
      size_t k = strlen(close);
      while (j + k <= n && memcmp(s + j, close, k)) {
        line += s[j++] == '\n';
      }
      i = j + k - 1;
      continue;
    }
    unsigned attrs = 0;
    while (j < n && s[j] != '>') {
      if (s[j] == '"' || s[j] == '\'') {
        char q = s[j++];
        while (j < n && s[j] != q) {
          line += s[j++] == '\n';
        }
      } else if (s[j] == '=' && ++attrs > MAX_ATTRIBUTES) {
        return line;
      } else if (s[j] == '\n') {
        ++line;
      }
      ++j;
    }
    i = j;
  }
  return 0;
}

/* A file that declares a single-byte or legacy encoding but whose bytes
 * are UTF-8 would be decoded as declared into garbage: refused.  (Real
 * ISO-8859-1 text with accents is almost never valid UTF-8.) */
static bool
declared_but_utf8(const UnkgSource* src, char enc[32])
{
  if (!unkg_xml_encoding(src->data, src->len, enc) || unkg_encoding_is_utf8(enc)) {
    return false;
  }
  const unsigned char* s        = (const unsigned char*)src->data;
  bool                 nonascii = false;
  for (size_t i = 0; i < src->len;) {
    uint32_t cp;
    size_t   n = unkg_utf8_decode(s + i, src->len - i, &cp);
    if (!n) {
      return false;
    }
    nonascii = nonascii || cp >= 0x80;
    i += n;
  }
  return nonascii;
}

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

UnkgStatus
unkg_akn_parse_xml(const UnkgCtx* c, const UnkgSource* src, xmlDocPtr* out)
{
  *out = NULL;
  if (src->len > UNKG_AKN_MAX_BYTES) {
    return unkg_error_in(c, src->name, UNKG_ERR_LIMIT, 0, 0, "XML input larger than %zu bytes",
                         UNKG_AKN_MAX_BYTES);
  }
  char enc[32];
  if (declared_but_utf8(src, enc)) {
    return unkg_error_in(c, src->name, UNKG_ERR_ENCODING, 1, 0,
                         "declares encoding %s, but its bytes are UTF-8 (the text would be "
                         "garbled): declare UTF-8",
                         enc);
  }
  unsigned crowded = too_many_attributes(src->data, src->len);
  if (crowded) {
    return unkg_error_in(c, src->name, UNKG_ERR_LIMIT, crowded, 0,
                         "an element with more than %d attributes", MAX_ATTRIBUTES);
  }
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) {
    return unkg_error_in(c, src->name, UNKG_ERR_NOMEM, 0, 0, "out of memory");
  }
  Guard g                   = {false, 0, ""};
  ctxt->_private            = &g;
  ctxt->sax->internalSubset = refuse_doctype;
  /* No XML_PARSE_NOENT (no entity substitution), no XML_PARSE_DTDLOAD, no
   * XML_PARSE_HUGE (libxml2 keeps its own depth and size limits). */
  const int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA
                   | XML_PARSE_BIG_LINES;
  xmlSetStructuredErrorFunc(&g, keep_libxml_error);
  xmlDocPtr x = xmlCtxtReadMemory(ctxt, src->data, (int)src->len, src->name, NULL, opts);
  xmlSetStructuredErrorFunc(NULL, NULL);
  UnkgStatus st = UNKG_OK;
  if (g.dtd) {
    st = unkg_error_in(c, src->name, UNKG_ERR_SYNTAX, g.line, 0,
                       "XML with a DOCTYPE refused (DTDs and entity declarations are not allowed)");
  } else if (!x || !ctxt->wellFormed) {
    const xmlError* e = xmlCtxtGetLastError(ctxt);
    char            msg[400];
    snprintf(msg, sizeof msg, "%s", g.io[0] ? g.io : e && e->message ? e->message : "malformed");
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) {
      msg[--n] = '\0';
    }
    st = e && (e->code == XML_ERR_ENTITY_LOOP || e->code == XML_ERR_INTERNAL_ERROR)
           ? UNKG_ERR_LIMIT
           : UNKG_ERR_SYNTAX;
    unkg_error_in(c, src->name, st, e && e->line > 0 ? (unsigned)e->line : 0,
                  e && e->int2 > 0 ? (unsigned)e->int2 : 0, "XML does not parse: %s", msg);
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

bool
unkg_akn_is(const xmlNode* n, const char* name)
{
  return n && n->type == XML_ELEMENT_NODE && !strcmp((const char*)n->name, name);
}

xmlNodePtr
unkg_akn_child(const xmlNode* n, const char* name)
{
  for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
    if (unkg_akn_is(c, name)) {
      return c;
    }
  }
  return NULL;
}

/* First descendant (document order) with this name.  The depth was checked
 * when the tree was read, so the recursion is bounded. */
xmlNodePtr
unkg_akn_find(const xmlNode* n, const char* name)
{
  for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) {
      continue;
    }
    if (unkg_akn_is(c, name)) {
      return c;
    }
    xmlNodePtr f = unkg_akn_find(c, name);
    if (f) {
      return f;
    }
  }
  return NULL;
}

/* First descendant with this name whose attribute attr has this value. */
xmlNodePtr
unkg_akn_find_with(const xmlNode* n, const char* name, const char* attr, const char* value)
{
  for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) {
      continue;
    }
    if (unkg_akn_is(c, name)) {
      xmlChar* v  = xmlGetProp(c, (const xmlChar*)attr);
      bool     ok = v && !strcmp((const char*)v, value);
      xmlFree(v);
      if (ok) {
        return c;
      }
    }
    xmlNodePtr f = unkg_akn_find_with(c, name, attr, value);
    if (f) {
      return f;
    }
  }
  return NULL;
}

unsigned
unkg_akn_line_of(const xmlNode* n)
{
  long l = n ? xmlGetLineNo(n) : 0;
  return l > 0 ? (unsigned)l : 0;
}

/* The deepest element, if deeper than the limit. */
const xmlNode*
unkg_akn_too_deep(const xmlNode* n, int depth)
{
  if (depth > UNKG_AKN_MAX_DEPTH) {
    return n;
  }
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) {
      const xmlNode* d = unkg_akn_too_deep(c, depth + 1);
      if (d) {
        return d;
      }
    }
  }
  return NULL;
}

/* Text cleaned the way text input is: blanks collapsed and trimmed (none
 * between Chinese characters), full-width digits and letters folded. */
char*
unkg_akn_clean(const char* raw)
{
  char* out = NULL;
  if (raw && unkg_normalise_string(raw, &out)) {
    out = NULL;
  }
  return out;
}

/* An attribute, cleaned; NULL if absent or blank. */
char*
unkg_akn_prop(const xmlNode* n, const char* name)
{
  xmlChar* v = n ? xmlGetProp(n, (const xmlChar*)name) : NULL;
  char*    s = v ? unkg_akn_clean((const char*)v) : NULL;
  xmlFree(v);
  if (s && !*s) {
    free(s);
    s = NULL;
  }
  return s;
}

bool
unkg_akn_prop_is(const xmlNode* n, const char* name, const char* value)
{
  xmlChar* v  = n ? xmlGetProp(n, (const xmlChar*)name) : NULL;
  bool     ok = v && !strcmp((const char*)v, value);
  xmlFree(v);
  return ok;
}

/* "2020-12-01", and not the "0001-01-01" AKN4UN writes for "no date". */
bool
unkg_akn_is_date(const char* s)
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
