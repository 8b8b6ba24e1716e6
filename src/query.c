#include "query.h"

#include "store_impl.h"

#include "buf.h"
#include "escape.h"
#include "sparql_regex.h"
#include "vocab.h"

#include <redland.h>
#include <strings.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const struct {
  const char*     name;
  UnkgQueryFormat fmt;
} format_names[] = {
  {"table", UNKG_QFMT_TABLE}, {"tsv", UNKG_QFMT_TSV}, {"csv", UNKG_QFMT_CSV},
  {"json", UNKG_QFMT_JSON},   {"xml", UNKG_QFMT_XML},
};

UnkgQueryFormat
unkg_query_format_parse(const char* name)
{
  for (size_t i = 0; name && i < sizeof format_names / sizeof *format_names; ++i) {
    if (!strcmp(name, format_names[i].name)) {
      return format_names[i].fmt;
    }
  }
  return 0;
}


/* ---- terms ------------------------------------------------------------------ */

/* A term in the syntax SPARQL TSV and N-Triples share, UTF-8 kept as is
 * (Rasqal's own TSV writer escapes every non-ASCII character, which makes
 * Chinese unreadable).  abbreviate: integers and decimals as bare numbers,
 * as the TSV format allows. */
/* librdf's Virtuoso storage reads a language tag or a datatype IRI whole
 * only the first time on a connection: it caches the text without its
 * terminating NUL (rdf_lang2string, rdf_type2string), so later rows have
 * "zh" followed by whatever the heap holds.  Over Virtuoso each node is
 * repaired: the longest tag (datatype) Virtuoso knows that begins the one
 * read, from the lists unkg keeps at each load.  Virtuoso also keeps an
 * xsd:gYear as a date ("2017-01-01"), an xsd:gYearMonth likewise: they are
 * cut back to their lexical form. */
typedef struct {
  librdf_world* world;
  char**        langs;
  size_t        nlangs;
  char**        types;
  size_t        ntypes;
} VtRepair;

static const VtRepair* vt_repair; /* set while a Virtuoso query's results are written */

static const char*
longest_prefix(char** known, size_t n, const char* s)
{
  const char* best = NULL;
  size_t      blen = 0;
  for (size_t i = 0; s && i < n; ++i) {
    size_t len = strlen(known[i]);
    if (len > blen && !strncmp(s, known[i], len)) {
      best = known[i];
      blen = len;
    }
  }
  return best;
}

static librdf_node*
repair_node(librdf_node* n)
{
  if (!vt_repair || !n || !librdf_node_is_literal(n)) {
    return n;
  }
  size_t      len  = 0;
  const char* v    = (const char*)librdf_node_get_literal_value_as_counted_string(n, &len);
  const char* lang = librdf_node_get_literal_value_language(n);
  librdf_uri* dt   = librdf_node_get_literal_value_datatype_uri(n);
  const char* dts  = dt ? (const char*)librdf_uri_as_string(dt) : NULL;
  const char* l2 = lang && *lang ? longest_prefix(vt_repair->langs, vt_repair->nlangs, lang) : NULL;
  const char* d2 = dts ? longest_prefix(vt_repair->types, vt_repair->ntypes, dts) : NULL;
  l2             = l2 ? l2 : lang;
  d2             = d2 ? d2 : dts;
  size_t vlen    = len;
  if (d2 && !strcmp(d2, "http://www.w3.org/2001/XMLSchema#gYear") && len >= 10
      && !strncmp(v + len - 6, "-01-01", 6) && !strchr(v + 1, 'T')) {
    vlen = len - 6;
  } else if (d2 && !strcmp(d2, "http://www.w3.org/2001/XMLSchema#gYearMonth") && len >= 10
             && !strncmp(v + len - 3, "-01", 3)) {
    vlen = len - 3;
  }
  if (l2 == lang && d2 == dts && vlen == len) {
    return n;
  }
  librdf_uri*  u = d2 && !(l2 && *l2) ? librdf_new_uri(vt_repair->world, (const unsigned char*)d2)
                                      : NULL;
  librdf_node* r = librdf_new_node_from_typed_counted_literal(vt_repair->world,
                                                              (const unsigned char*)v, vlen,
                                                              l2 && *l2 ? l2 : NULL,
                                                              l2 && *l2 ? strlen(l2) : 0, u);
  if (u) {
    librdf_free_uri(u);
  }
  if (!r) {
    return n;
  }
  librdf_free_node(n);
  return r;
}

/* A binding of the current row, repaired over Virtuoso; the caller frees. */
static librdf_node*
binding(librdf_query_results* res, int c)
{
  return repair_node(librdf_query_results_get_binding_value(res, c));
}

static UnkgStatus
put_term(UnkgBuf* b, librdf_node* n, bool abbreviate)
{
  if (!n) {
    return UNKG_OK; /* unbound: an empty field */
  }
  if (librdf_node_is_resource(n)) {
    return unkg_buf_printf(b, "<%s>", (const char*)librdf_uri_as_string(librdf_node_get_uri(n)));
  }
  if (librdf_node_is_blank(n)) {
    return unkg_buf_printf(b, "_:%s", (const char*)librdf_node_get_blank_identifier(n));
  }
  size_t      len = 0;
  const char* v   = (const char*)librdf_node_get_literal_value_as_counted_string(n, &len);
  librdf_uri* dt  = librdf_node_get_literal_value_datatype_uri(n);
  const char* dts = dt ? (const char*)librdf_uri_as_string(dt) : NULL;
  if (abbreviate && dts && (!strcmp(dts, XSD_INTEGER) || !strcmp(dts, XSD_DECIMAL))) {
    /* Only lexical forms Turtle reads back as the same number. */
    size_t i = (len && (v[0] == '+' || v[0] == '-')) ? 1 : 0, digits = 0, dots = 0;
    for (; i < len && ((v[i] >= '0' && v[i] <= '9') || v[i] == '.'); ++i) {
      digits += v[i] != '.';
      dots += v[i] == '.';
    }
    bool is_int = !strcmp(dts, XSD_INTEGER);
    if (i == len && digits && (is_int ? dots == 0 : (dots == 1 && v[len - 1] != '.'))) {
      return unkg_buf_append(b, v, len);
    }
  }
  UnkgStatus st = unkg_buf_puts(b, "\"");
  if (!st) {
    st = unkg_escape_buf(b, UNKG_ESC_TSV, v, len);
  }
  if (!st) {
    st = unkg_buf_puts(b, "\"");
  }
  const char* lang = librdf_node_get_literal_value_language(n);
  if (!st && lang && *lang) {
    st = unkg_buf_printf(b, "@%s", lang);
  } else if (!st && dts) {
    st = unkg_buf_printf(b, "^^<%s>", dts);
  }
  return st;
}

/* A term as a person reads it: literals by their text alone (the column
 * says what they are), IRIs as prefixed names where a prefix fits.  Tabs
 * and line breaks become spaces so that the columns stay aligned. */
static UnkgStatus
put_cell(UnkgBuf* b, librdf_node* n)
{
  if (!n) {
    return UNKG_OK;
  }
  if (librdf_node_is_resource(n)) {
    const char*          iri = (const char*)librdf_uri_as_string(librdf_node_get_uri(n));
    const char*          local;
    const UnkgNamespace* ns = unkg_namespace_of(iri, false, &local);
    if (ns && *local && !strpbrk(local, "/#?")) {
      return unkg_buf_printf(b, "%s:%s", ns->prefix, local);
    }
    return unkg_buf_printf(b, "<%s>", iri);
  }
  if (librdf_node_is_blank(n)) {
    return unkg_buf_printf(b, "_:%s", (const char*)librdf_node_get_blank_identifier(n));
  }
  size_t      len  = 0;
  const char* text = (const char*)librdf_node_get_literal_value_as_counted_string(n, &len);
  return unkg_escape_buf(b, UNKG_ESC_CELL, text, len);
}

size_t
unkg_display_width(const char* text)
{
  size_t               w = 0;
  const unsigned char* p = (const unsigned char*)text;
  size_t               n = strlen(text);
  while (n) {
    uint32_t cp;
    size_t   k = unkg_utf8_decode(p, n, &cp);
    if (!k) {
      k  = 1; /* not UTF-8: one column per byte, as a terminal shows it */
      cp = '?';
    }
    w += (size_t)unkg_cp_width(cp);
    p += k;
    n -= k;
  }
  return w;
}

static int
cmp_str(const void* a, const void* b)
{
  return strcmp(*(char* const*)a, *(char* const*)b);
}

/* The lines of a CONSTRUCT or DESCRIBE answer (or of triple-shaped rows),
 * gathered to be sorted. */
typedef struct {
  char** v;
  size_t n, cap;
} Lines;

/* Takes the line built in b (b is left empty, also on failure). */
static UnkgStatus
lines_add(Lines* l, UnkgBuf* b)
{
  if (l->n == l->cap) {
    size_t c = l->cap ? l->cap * 2 : 256;
    char** v = realloc(l->v, c * sizeof *v);
    if (!v) {
      unkg_buf_clear(b);
      return UNKG_ERR_NOMEM;
    }
    l->v   = v;
    l->cap = c;
  }
  l->v[l->n++] = unkg_buf_take(b);
  return UNKG_OK;
}

/* Writes the lines sorted, each distinct one once (a graph's triples, the
 * default graph as a set), if `write`; frees them either way. */
static void
put_lines_once(Lines* l, bool write, FILE* out)
{
  if (write && l->n) {
    qsort(l->v, l->n, sizeof *l->v, cmp_str);
    for (size_t i = 0; i < l->n; ++i) {
      if (i == 0 || strcmp(l->v[i], l->v[i - 1])) {
        fprintf(out, "%s\n", l->v[i]);
      }
    }
  }
  for (size_t i = 0; i < l->n; ++i) {
    free(l->v[i]);
  }
  free(l->v);
  *l = (Lines){0};
}

/* ---- the query checked before Rasqal sees it ---------------------------------- */

/* Rasqal 0.9.33 answers some shapes of query wrongly without a word, and
 * crashes on others (docs/sparql.md lists them, with what to write
 * instead).  The query is read here first, by a tokenizer that cannot
 * crash, and those shapes are refused with a message naming the
 * construct; DESCRIBE, which Rasqal does not run, is rewritten into the
 * CONSTRUCT it means.  Limits bound what the parser is given. */

enum { TK_END, TK_IRI, TK_PNAME, TK_VAR, TK_STR, TK_NUM, TK_WORD, TK_LANG, TK_BNODE, TK_PUNCT };

typedef struct {
  int         kind;
  const char* p;
  size_t      len;
  unsigned    line, col;
  size_t      match; /* an opening bracket's closing token (n: none) */
} Tok;

typedef struct {
  Tok*   v;
  size_t n, cap;
} Toks;

#define GUARD_MAX_QUERY  (1u << 20) /* bytes */
/* Rasqal's parse takes time in the square of the variables, the FILTERs
 * and the terms of one expression (20,000 distinct variables: a minute);
 * these keep it under a second. */
#define GUARD_MAX_TOKENS 10000
#define GUARD_MAX_VARS   1000       /* distinct variables */
#define GUARD_MAX_DEPTH  64         /* nested (), {} and [] */
#define GUARD_MAX_ORDER_KEYS 64     /* ORDER BY keys (rewrite_order_keys) */
/* TK_END tokens after the end: the checks look up to this many tokens past
 * a bracket, which may close at the end. */
#define GUARD_PAD 4

static bool
name_char(unsigned char ch)
{
  return ch == '_' || ch == '-' || ch == '.' || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z')
         || (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
}

static bool
name_start(unsigned char ch)
{
  return ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
}

/* The column of p on its line, in characters (1-based). */
static unsigned
column_of(const char* line_start, const char* p)
{
  unsigned col = 1;
  for (const unsigned char* q = (const unsigned char*)line_start; q < (const unsigned char*)p; ++q) {
    col += (*q & 0xC0) != 0x80;
  }
  return col;
}

static bool
is_open(const Tok* k)
{
  return k->kind == TK_PUNCT && k->len == 1 && strchr("({[", k->p[0]);
}

static bool
is_close(const Tok* k)
{
  return k->kind == TK_PUNCT && k->len == 1 && strchr(")}]", k->p[0]);
}

/* After the TK_END at t->n: GUARD_PAD more, and each opening bracket's
 * closing one, any kind closing any as a depth count does, found once
 * (through a stack threaded through match) rather than by a scan for each
 * bracket the checks ask about. */
static UnkgStatus
match_brackets(const UnkgCtx* c, const char* name, Toks* t)
{
  if (t->cap < t->n + 1 + GUARD_PAD) {
    Tok* v = realloc(t->v, (t->n + 1 + GUARD_PAD) * sizeof *v);
    if (!v) {
      return unkg_error_in(c, name, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
    }
    t->v   = v;
    t->cap = t->n + 1 + GUARD_PAD;
  }
  for (size_t i = 1; i <= GUARD_PAD; ++i) {
    t->v[t->n + i] = t->v[t->n];
  }
  size_t top = SIZE_MAX;
  for (size_t i = 0; i < t->n; ++i) {
    Tok* k = &t->v[i];
    if (is_open(k)) {
      k->match = top;
      top      = i;
    } else if (is_close(k) && top != SIZE_MAX) {
      size_t o      = top;
      top           = t->v[o].match;
      t->v[o].match = i;
    }
  }
  while (top != SIZE_MAX) {
    size_t o      = top;
    top           = t->v[o].match;
    t->v[o].match = t->n;
  }
  return UNKG_OK;
}

static UnkgStatus
tokenize(const UnkgCtx* c, const char* name, const char* q, Toks* t)
{
  const char* p    = q;
  const char* bol  = q;
  unsigned    line = 1;
  /* The column is counted on from the previous token's: from the start of
   * the line for each token would be quadratic in a long line. */
  const char* col_bol = q;
  const char* col_at  = q;
  unsigned    col     = 1;
  for (;;) {
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '#') {
      if (*p == '#') {
        while (*p && *p != '\n') {
          ++p;
        }
        continue;
      }
      if (*p == '\n') {
        ++line;
        bol = p + 1;
      }
      ++p;
    }
    if (t->n == t->cap) {
      size_t cap = t->cap ? t->cap * 2 : 256;
      Tok*   v   = realloc(t->v, cap * sizeof *v);
      if (!v) {
        return unkg_error_in(c, name, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
      }
      t->v   = v;
      t->cap = cap;
    }
    Tok* k  = &t->v[t->n];
    k->p    = p;
    k->line = line;
    if (col_bol != bol) {
      col_bol = col_at = bol;
      col              = 1;
    }
    col += column_of(col_at, p) - 1;
    col_at = p;
    k->col = col;
    if (!*p) {
      k->kind = TK_END;
      k->len  = 0;
      return match_brackets(c, name, t);
    }
    if (t->n >= GUARD_MAX_TOKENS) {
      return unkg_error_in(c, name, UNKG_ERR_SYNTAX, line, k->col,
                           "the query is too long (more than %d tokens)", GUARD_MAX_TOKENS);
    }
    unsigned char ch = (unsigned char)*p;
    const char*   e  = p + 1;
    if (ch < 0x20 || ch == 0x7F) {
      /* Rasqal's lexer takes some controls (a vertical tab, a form feed)
       * for blanks, so a check that did not would misread the tokens
       * around them ("1+1\v+1", fuzz_query); none belongs outside a
       * string. */
      return unkg_error_in(c, name, UNKG_ERR_SYNTAX, line, k->col,
                           "a control character (U+%04X) outside a string", ch);
    }
    if (ch == '<') {
      /* An IRI if it closes before anything an IRI cannot hold; else the
       * operator. */
      const char* s = p + 1;
      while (*s && !strchr("<>\"{}|^`\\ \t\r\n", *s)) {
        ++s;
      }
      if (*s == '>') {
        k->kind = TK_IRI;
        e       = s + 1;
      } else {
        k->kind = TK_PUNCT;
        e       = p[1] == '=' ? p + 2 : p + 1;
      }
    } else if (ch == '"' || ch == '\'') {
      bool long_str = p[1] == (char)ch && p[2] == (char)ch;
      const char* s = p + (long_str ? 3 : 1);
      for (;;) {
        if (!*s || (!long_str && (*s == '\n' || *s == '\r'))) {
          return unkg_error_in(c, name, UNKG_ERR_SYNTAX, line, k->col,
                               "a string that does not end");
        }
        if (*s == '\\' && s[1]) {
          s += 2;
          continue;
        }
        if (*s == '\n') {
          ++line;
          bol = s + 1;
        }
        if (*s == (char)ch && (!long_str || (s[1] == (char)ch && s[2] == (char)ch))) {
          e = s + (long_str ? 3 : 1);
          break;
        }
        ++s;
      }
      k->kind = TK_STR;
    } else if ((ch == '?' || ch == '$') && name_char((unsigned char)p[1])) {
      k->kind = TK_VAR;
      while (name_char((unsigned char)*e) && *e != '.' && *e != '-') {
        ++e;
      }
    } else if (ch == '@' && name_start((unsigned char)p[1])) {
      k->kind = TK_LANG;
      while (name_char((unsigned char)*e) && *e != '.') {
        ++e;
      }
    } else if (ch == '_' && p[1] == ':') {
      k->kind = TK_BNODE;
      e       = p + 2;
      while (name_char((unsigned char)*e)) {
        ++e;
      }
    } else if ((ch >= '0' && ch <= '9') || (ch == '.' && p[1] >= '0' && p[1] <= '9')) {
      /* As Rasqal's lexer reads a number, so that the checks below see its
       * tokens: [0-9]+ ("." [0-9]*)? or "." [0-9]+, then an exponent.  "1."
       * is a decimal there, and the sign after it glued ("1+1.+1",
       * fuzz_query). */
      k->kind = TK_NUM;
      e       = p;
      while (*e >= '0' && *e <= '9') {
        ++e;
      }
      if (*e == '.') {
        ++e;
        while (*e >= '0' && *e <= '9') {
          ++e;
        }
      }
      if (*e == 'e' || *e == 'E') {
        const char* x = e + 1 + (e[1] == '+' || e[1] == '-');
        if (*x >= '0' && *x <= '9') {
          for (e = x; *e >= '0' && *e <= '9'; ++e) {
          }
        }
      }
    } else if (name_start(ch) || ch == ':') {
      while (name_char((unsigned char)*e)) {
        ++e;
      }
      while (e > p + 1 && e[-1] == '.') {
        --e; /* a name does not end with a dot: that ends the triple */
      }
      if (*e == ':') {
        ++e;
        k->kind = TK_PNAME;
        while (name_char((unsigned char)*e) || *e == ':' || *e == '%'
               || (*e == '\\' && e[1])) {
          e += *e == '\\' ? 2 : 1;
        }
        while (e[-1] == '.') {
          --e;
        }
      } else {
        k->kind = ch == ':' ? TK_PNAME : TK_WORD;
      }
    } else {
      k->kind = TK_PUNCT;
      static const char* const two[] = {"&&", "||", "!=", ">=", "^^"};
      for (size_t i = 0; i < sizeof two / sizeof *two; ++i) {
        if (p[0] == two[i][0] && p[1] == two[i][1]) {
          e = p + 2;
        }
      }
    }
    k->len = (size_t)(e - p);
    p      = e;
    ++t->n;
  }
}

static bool
is_word(const Tok* k, const char* w)
{
  return k->kind == TK_WORD && strlen(w) == k->len && !strncasecmp(k->p, w, k->len);
}

static bool
is_punct(const Tok* k, const char* s)
{
  return k->kind == TK_PUNCT && strlen(s) == k->len && !strncmp(k->p, s, k->len);
}

static const char* const aggregates[] = {"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE",
                                         "GROUP_CONCAT"};

/* Do the aggregate calls at a and b read the same (same tokens)? */
static size_t closing(const Toks* t, size_t i);
static bool
same_text(const Tok* a, const Tok* b, const Toks* t)
{
  size_t i = (size_t)(a - t->v), j = (size_t)(b - t->v);
  size_t ea = closing(t, i + 1), eb = closing(t, j + 1);
  if (ea - i != eb - j) {
    return false;
  }
  for (size_t k = 0; k <= ea - i; ++k) {
    if (t->v[i + k].len != t->v[j + k].len
        || strncasecmp(t->v[i + k].p, t->v[j + k].p, t->v[i + k].len)) {
      return false;
    }
  }
  return true;
}

static int
aggregate_of(const Tok* k)
{
  for (size_t i = 0; i < sizeof aggregates / sizeof *aggregates; ++i) {
    if (is_word(k, aggregates[i]) && is_punct(k + 1, "(")) {
      return (int)i;
    }
  }
  return -1;
}

/* The index of the token closing the bracket opened at i; t->n if it does
 * not close, or if i is no opening bracket. */
static size_t
closing(const Toks* t, size_t i)
{
  return i < t->n && is_open(&t->v[i]) ? t->v[i].match : t->n;
}

/* A SELECT that aggregates, by token index: Rasqal's answer over no
 * solution is wrong (mend_empty_aggregates). */
typedef struct {
  size_t select; /* its SELECT */
  size_t open;   /* its WHERE group's braces */
  size_t close;
  size_t end; /* a sub-query: the brace that closes it; else the end */
  bool   sub;
  bool   grouped; /* GROUP BY, else one group of all solutions */
} AggSelect;

#define GUARD_MAX_AGGS 16

typedef struct GuardS {
  const UnkgCtx*          c;
  const char*             name;
  const Toks*             t;
  const UnkgQueryOptions* opt;
  /* The outer SELECT's columns, for the header of an answer with no row
   * (Rasqal then forgets them). */
  const Tok* names[64];
  size_t     columns;
  /* The SELECTs that aggregate, inner ones first (mend_empty_aggregates). */
  AggSelect  aggs[GUARD_MAX_AGGS];
  size_t     naggs;
  bool       distinct_order; /* the outer SELECT has DISTINCT and ORDER BY */
  bool       empty_template; /* CONSTRUCT { }: the empty graph, whatever matches */
} Guard;

static const UnkgQueryOptions no_options = {false, 0, NULL, NULL};

static UnkgStatus
refuse(Guard* g, const Tok* at, const char* what, const char* instead)
{
  return unkg_error_in(g->c, g->name, UNKG_ERR_SYNTAX, at->line, at->col,
                       "unkg cannot answer %s correctly (Rasqal 0.9.33)%s%s; see docs/sparql.md",
                       what, instead ? ": " : "", instead ? instead : "");
}

/* One SELECT (the outer query or a sub-query) from its SELECT token to the
 * end of its solution modifiers [from, to). */
static UnkgStatus
check_select(Guard* g, size_t from, size_t to, bool outer)
{
  const Toks* t      = g->t;
  size_t      where  = to;
  int         depth  = 0;
  size_t      naggs  = 0;
  bool        complex_arg = false, same_fn = false, count_distinct = false, distinct = false;
  const Tok*  seen[sizeof aggregates / sizeof *aggregates] = {NULL};
  const Tok*  first_agg = NULL;
  /* The first sub-query of an ASK or CONSTRUCT comes as the outer one. */
  bool sub = from > 0 && is_punct(&t->v[from - 1], "{");
  to       = sub && closing(t, from - 1) < to ? closing(t, from - 1) : to;
  for (size_t i = from + 1; i < to; ++i) {
    const Tok* k = &t->v[i];
    if (depth == 0 && (is_punct(k, "{") || is_word(k, "WHERE"))) {
      where = i;
      break;
    }
    if (depth == 0 && (is_word(k, "DISTINCT") || is_word(k, "REDUCED"))) {
      distinct = true;
    }
    depth += is_punct(k, "(") - is_punct(k, ")");
    int a = aggregate_of(k);
    if (a >= 0) {
      size_t end = closing(t, i + 1);
      size_t arg = i + 2;
      if (is_word(&t->v[arg], "DISTINCT")) {
        count_distinct |= a == 0;
        ++arg;
        /* Rasqal keeps some duplicate IRIs there (COUNT(DISTINCT ?v): 18
         * for 17 verbs; COUNT(DISTINCT *): 1 for 29 rows); texts it tells
         * apart. */
        static const char* const text_of[] = {"STR", "LCASE", "UCASE", "STRLEN", "LANG", "SUBSTR"};
        bool                     text      = false;
        for (size_t f = 0; f < sizeof text_of / sizeof *text_of; ++f) {
          text |= is_word(&t->v[arg], text_of[f]) && is_punct(&t->v[arg + 1], "(");
        }
        if (!text) {
          return refuse(g, &t->v[arg - 1],
                        "DISTINCT inside an aggregate over terms that may be IRIs (duplicates "
                        "kept; COUNT(DISTINCT *) is 1)",
                        "DISTINCT STR(?x), or count the rows of a SELECT DISTINCT sub-query: "
                        "SELECT (COUNT(?x) AS ?n) WHERE { { SELECT DISTINCT ?x WHERE { ... } } }");
        }
      }
      bool simple = end == arg + 1 && (t->v[arg].kind == TK_VAR || is_punct(&t->v[arg], "*"));
      complex_arg |= !simple;
      same_fn |= seen[a] && !same_text(seen[a], k, t);
      seen[a] = seen[a] ? seen[a] : k;
      first_agg = first_agg ? first_agg : k;
      ++naggs;
      }
  }
  /* The modifiers after the group: GROUP BY, HAVING, ORDER BY. */
  size_t body_end = where < to ? closing(t, is_punct(&t->v[where], "{") ? where : where + 1) : to;
  body_end        = body_end < to ? body_end : to;
  bool   group_by = false, having = false, order_by = false;
  for (size_t i = body_end; i < to; ++i) {
    const Tok* k = &t->v[i];
    group_by |= is_word(k, "GROUP");
    /* GROUP BY's keys, to the next modifier: AS in a bracketed one. */
    for (size_t j = i + 2; is_word(k, "GROUP") && j < to && !is_word(&t->v[j], "HAVING")
                           && !is_word(&t->v[j], "ORDER") && !is_word(&t->v[j], "LIMIT")
                           && !is_word(&t->v[j], "OFFSET");
         ++j) {
      for (size_t m = j + 1, end = closing(t, j); is_open(&t->v[j]) && m < end;
           m = is_open(&t->v[m]) ? closing(t, m) + 1 : m + 1) {
        if (is_word(&t->v[m], "AS")) {
          return refuse(g, &t->v[m], "GROUP BY (expr AS ?k) (all rows fall in one group)",
                        "BIND (expr AS ?k) at the end of the pattern, then GROUP BY ?k");
        }
      }
      j = is_open(&t->v[j]) ? closing(t, j) : j;
    }
    having |= is_word(k, "HAVING");
    order_by |= is_word(k, "ORDER");
    int a = aggregate_of(k);
    if (a >= 0 && !(seen[a] && same_text(seen[a], k, t))) {
      same_fn |= seen[a] != NULL;
      seen[a] = seen[a] ? seen[a] : k;
      first_agg = first_agg ? first_agg : k; /* refusals name it */
      ++naggs;
    }
  }
  if (naggs > 1 && (complex_arg || same_fn)) {
    return refuse(g, first_agg, "several aggregates in one SELECT where one is an expression or "
                                "two are the same function (all take the first one's value)",
                  "one aggregate per sub-query, joined");
  }
  if (naggs && having && !group_by) {
    return refuse(g, first_agg, "HAVING without GROUP BY", "add GROUP BY");
  }
  if (count_distinct && group_by) {
    return refuse(g, first_agg, "COUNT(DISTINCT ...) per group",
                  "count the rows of a SELECT DISTINCT sub-query");
  }
  if (distinct && order_by) {
    if (!outer) {
      return refuse(g, &t->v[from],
                    "SELECT DISTINCT with ORDER BY in a sub-query (numbers are sorted as strings)",
                    "DISTINCT in a sub-query, ORDER BY outside it");
    }
    g->distinct_order = true; /* rewritten that way (rewrite_distinct_order) */
  }
  /* In this SELECT's own pattern, not in its sub-queries. */
  bool has_union = false, has_optional = false;
  for (size_t i = where; i < body_end; ++i) {
    if (is_punct(&t->v[i], "{") && is_word(&t->v[i + 1], "SELECT")) {
      i = closing(t, i);
      continue;
    }
    has_union |= is_word(&t->v[i], "UNION");
    has_optional |= is_word(&t->v[i], "OPTIONAL");
  }
  /* Duplicates change COUNT, SUM, AVG and GROUP_CONCAT, not MIN, MAX or
   * SAMPLE. */
  if (group_by && has_union && (seen[0] || seen[1] || seen[4] || seen[6])) {
    return refuse(g, &t->v[from], "counting or summing with GROUP BY over a UNION (duplicates "
                                  "are kept)",
                  "group in a sub-query per branch");
  }
  if (naggs && has_optional) {
    return refuse(g, first_agg, "an aggregate over OPTIONAL (wrong values, unbound counted)",
                  "aggregate a sub-query without OPTIONAL");
  }
  if (outer) {
    int d = 0;
    for (size_t i = from + 1; i < where && g->columns < sizeof g->names / sizeof *g->names; ++i) {
      const Tok* k = &t->v[i];
      if (d == 0 && k->kind == TK_VAR) {
        g->names[g->columns++] = k;
      } else if (d == 0 && is_punct(k, "(")) {
        size_t e               = closing(t, i);
        g->names[g->columns++] = e > i + 1 && e < t->n ? &t->v[e - 1] : k;
      }
      d += is_punct(k, "(") - is_punct(k, ")");
    }
  }
  if (sub && (naggs || group_by)) {
    /* Rasqal runs a sub-query inside OPTIONAL once per outer row, with
     * that row's bindings: a row that matches nothing there gets the one
     * group of nothing (COUNT 1).  Inside GRAPH its pattern has an answer
     * per graph, which the ASK of mend_empty_aggregates cannot tell. */
    for (size_t o = 0; o < from; ++o) {
      size_t open = is_word(&t->v[o], "OPTIONAL") ? o + 1 : is_word(&t->v[o], "GRAPH") ? o + 2 : o;
      if (open == o || !is_punct(&t->v[open], "{") || closing(t, open) < from) {
        continue;
      }
      if (open == o + 1) {
        return refuse(g, &t->v[from],
                      "a sub-query that aggregates inside OPTIONAL (a row "
                      "that matches nothing there gets COUNT 1)",
                      "run the sub-query alone, or over --store virtuoso:DIR");
      }
      return refuse(g, &t->v[from],
                    "a sub-query that aggregates inside GRAPH (its answer over no solution)",
                    "GRAPH inside the sub-query");
    }
  }
  for (size_t i = body_end; (naggs || group_by) && i < to; ++i) {
    if (is_word(&t->v[i], "VALUES")) {
      /* Joined after the grouping in SPARQL; Rasqal gives no row, or the
       * group of nothing. */
      return refuse(g, &t->v[i], "a VALUES block after a SELECT that aggregates",
                    "the aggregate in a sub-query, the VALUES block after the outer SELECT");
    }
  }
  if ((naggs || group_by) && where < to) {
    if (g->naggs == GUARD_MAX_AGGS) {
      return refuse(g, &t->v[from], "more than 16 SELECTs that aggregate", NULL);
    }
    /* A sub-query closes before the SELECTs around it: inner ones first. */
    size_t     open = is_punct(&t->v[where], "{") ? where : where + 1;
    AggSelect* a    = &g->aggs[g->naggs++];
    *a = (AggSelect){from, open,    closing(t, open), sub ? closing(t, from - 1) : t->n,
                     sub,  group_by};
    for (size_t i = g->naggs - 1; i > 0 && g->aggs[i - 1].end > g->aggs[i].end; --i) {
      AggSelect x    = g->aggs[i];
      g->aggs[i]     = g->aggs[i - 1];
      g->aggs[i - 1] = x;
    }
  }
  return UNKG_OK;
}

/* One group graph pattern {...} at [open, close]: what follows what. */
static UnkgStatus
check_group(Guard* g, size_t open, size_t close)
{
  const Toks* t         = g->t;
  bool        after_union = false, after_subquery = false, triples = false;
  for (size_t i = open + 1; i < close; ++i) {
    const Tok* k = &t->v[i];
    if (is_punct(k, "{")) {
      size_t end = closing(t, i);
      bool   sub = is_word(&t->v[i + 1], "SELECT");
      if (sub && triples) {
        return refuse(g, &t->v[i + 1], "a sub-query after other patterns of its group",
                      "put the sub-query first in its group");
      }
      UnkgStatus st = sub ? UNKG_OK : check_group(g, i, end);
      if (st) {
        return st;
      }
      for (size_t m = i + 1; sub && m < end; ++m) {
        /* one that groups: a pattern after it loses rows */
        after_subquery |= is_word(&t->v[m], "GROUP") || aggregate_of(&t->v[m]) >= 0;
      }
      i = end;
      if (is_word(&t->v[i + 1], "UNION")) {
        after_union = true;
      }
      continue;
    }
    if (is_word(k, "FILTER") || is_word(k, "BIND")) {
      size_t end = is_punct(k + 1, "(") ? closing(t, i + 1) : i + 1;
      /* A FILTER in the middle: its arguments are read, not the pattern. */
      i = end;
      continue;
    }
    if (is_word(k, "OPTIONAL") || is_word(k, "GRAPH") || is_word(k, "UNION")
        || is_word(k, "SERVICE") || is_word(k, "SILENT")) {
      continue;
    }
    if (is_word(k, "VALUES")) {
      continue;
    }
    if (k->kind == TK_VAR || k->kind == TK_IRI || k->kind == TK_PNAME || k->kind == TK_BNODE
        || is_punct(k, "[")) {
      if (after_union) {
        return refuse(g, k, "a triple pattern after a UNION in its group (joined as a cross "
                            "product)",
                      "put the UNION last, or in a group of its own first");
      }
      if (after_subquery) {
        return refuse(g, k, "a grouped sub-query joined with other patterns (its first group is "
                            "lost)",
                      "join inside the sub-query, or run it alone");
      }
      triples = true;
      /* Skip to the end of this triples block. */
      while (i + 1 < close && !is_punct(&t->v[i + 1], "{") && !is_word(&t->v[i + 1], "FILTER")
             && !is_word(&t->v[i + 1], "OPTIONAL") && !is_word(&t->v[i + 1], "BIND")
             && !is_word(&t->v[i + 1], "GRAPH") && !is_word(&t->v[i + 1], "VALUES")
             && !is_word(&t->v[i + 1], "MINUS") && !is_word(&t->v[i + 1], "SERVICE")) {
        ++i;
      }
    }
  }
  return UNKG_OK;
}

static bool
is_cast_call(const Tok* k)
{
  return (k->kind == TK_PNAME || k->kind == TK_IRI) && is_punct(k + 1, "(");
}

/* Can k be in a VALUES block?  A keyword ends it (the query does not
 * parse then), so that no two VALUES scan the same tokens. */
static bool
in_data(const Tok* k)
{
  return k->kind != TK_WORD || is_word(k, "UNDEF") || is_word(k, "true") || is_word(k, "false");
}

/* Can an operator after k be a binary one? */
static bool
ends_operand(const Tok* k)
{
  return k->kind == TK_NUM || k->kind == TK_VAR || k->kind == TK_STR || k->kind == TK_LANG
         || k->kind == TK_IRI || k->kind == TK_PNAME || k->kind == TK_BNODE || is_punct(k, ")")
         || is_punct(k, "]") || is_word(k, "true") || is_word(k, "false");
}

/* Does an operator or keyword end the sum it follows? */
static bool
ends_sum(const Tok* k)
{
  static const char* const ops[] = {",", ";", "=", "!=", "<", ">", "<=", ">=", "&&", "||", "!"};
  for (size_t i = 0; i < sizeof ops / sizeof *ops; ++i) {
    if (is_punct(k, ops[i])) {
      return true;
    }
  }
  return is_word(k, "AS") || is_word(k, "IN") || is_word(k, "NOT");
}

/* REGEX and REPLACE: a pattern Rasqal's POSIX expressions read otherwise
 * than SPARQL does, a group reference in REPLACE's replacement (Rasqal
 * copies it a byte too long) and a REPLACE pattern that matches the empty
 * string (it loops) are refused (sparql_regex.h).  So that they can be
 * checked, the pattern, the replacement and the flags are string
 * literals. */
static UnkgStatus
check_regex_call(Guard* g, size_t i)
{
  const Toks* t       = g->t;
  bool        replace = is_word(&t->v[i], "REPLACE");
  const char* fn      = replace ? "REPLACE" : "REGEX";
  size_t      end = closing(t, i + 1), arg[5] = {i + 2, end, end, end, end}, n = 1;
  int         depth = 0;
  for (size_t m = i + 2; m < end && n < 5; ++m) {
    depth += is_open(&t->v[m]) - is_close(&t->v[m]);
    if (depth == 0 && is_punct(&t->v[m], ",")) {
      arg[n++] = m + 1;
    }
  }
  char what[320];
  for (size_t a = 1; a < n; ++a) {
    const Tok* k = &t->v[arg[a]];
    if (k->kind != TK_STR || arg[a] + 1 != (a + 1 < n ? arg[a + 1] - 1 : end)) {
      snprintf(what, sizeof what, "%s with a %s that is not a string literal (unkg checks it "
                                  "before Rasqal reads it)",
               fn, a == 1 ? "pattern" : a == 2 && replace ? "replacement" : "flag argument");
      return refuse(g, k, what, "write it in the query");
    }
  }
  if (n < 2) {
    return UNKG_OK; /* too few arguments: Rasqal's parse says so */
  }
  bool       icase = false;
  UnkgStatus st    = UNKG_OK;
  for (size_t a = 1; a < n && !st; ++a) {
    const Tok* k   = &t->v[arg[a]];
    char*      val = malloc(k->len + 1);
    if (!val) {
      return unkg_error_in(g->c, g->name, UNKG_ERR_NOMEM, 0, 0, "%s",
                           unkg_strerror(UNKG_ERR_NOMEM));
    }
    size_t len = unkg_sparql_string_decode(k->p, k->len, val);
    if (a == (replace ? 3u : 2u)) {
      icase = val[strspn(val, "i")] == '\0' && len;
      if (val[strspn(val, "i")]) {
        snprintf(what, sizeof what, "%s flags other than i (Rasqal ignores s, m, x and q)", fn);
        st = refuse(g, k, what, NULL);
      }
    } else if (a == 2) {
      for (size_t c = 0; c < len && !st; ++c) {
        if (val[c] == '\\') {
          ++c; /* \$ and \\ are the characters */
        } else if (val[c] == '$') {
          st = refuse(g, k, "a group reference ($1) in REPLACE's replacement (Rasqal copies "
                            "one character too many)",
                      NULL);
        }
      }
    }
    free(val);
  }
  const Tok*       k   = &t->v[arg[1]];
  char*            pat = st ? NULL : malloc(k->len + 1);
  UnkgRegexProblem p;
  if (!st && !pat) {
    return unkg_error_in(g->c, g->name, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  if (!st
      && unkg_regex_problem(pat, unkg_sparql_string_decode(k->p, k->len, pat), icase, replace, &p)) {
    if (p.at == SIZE_MAX) {
      snprintf(what, sizeof what, "%s with %s", fn, p.what);
    } else {
      snprintf(what, sizeof what, "%s with %s (byte %zu of the pattern)", fn, p.what, p.at + 1);
    }
    st = refuse(g, k, what, p.instead);
  }
  free(pat);
  return st;
}

/* Variables by name (?x and $x are one). */
static int
cmp_name(const Tok* x, const Tok* y)
{
  size_t n = x->len < y->len ? x->len : y->len;
  int    d = memcmp(x->p + 1, y->p + 1, n - 1);
  return d ? d : x->len < y->len ? -1 : x->len > y->len;
}

/* Is the AS at i a SELECT's "(expr AS ?v)" rather than a BIND's? */
static bool
projection_as(const Toks* t, size_t i)
{
  int depth = 0;
  for (size_t j = i; j-- > 0;) {
    if (is_close(&t->v[j])) {
      ++depth;
    } else if (is_open(&t->v[j]) && depth-- == 0) {
      return !(j > 0 && is_word(&t->v[j - 1], "BIND"));
    }
  }
  return true;
}

/* A variable that a UNION branch assigns (BIND or a sub-query's
 * "expr AS ?v") keeps that value in Rasqal when a later branch of the same
 * UNION runs: a later branch that mentions it then matches against the
 * leftover value, and its rows are lost ("{ BIND ("x" AS ?v) } UNION
 * { ?s ?p ?v }" gives one row).  The chain of branches opened at open. */
static UnkgStatus
check_union_assigns(Guard* g, size_t open)
{
  const Toks* t     = g->t;
  size_t      n_set = 0, cap = 0;
  const Tok** assigns = NULL;
  UnkgStatus  st      = UNKG_OK;
  for (size_t b = open; !st && b < t->n && is_punct(&t->v[b], "{");) {
    size_t end = closing(t, b);
    /* A later branch's mentions first, against the earlier branches'. */
    for (size_t i = b + 1; !st && n_set && i < end; ++i) {
      const Tok* k = &t->v[i];
      /* Assigned again: by BIND it is kept apart, by a sub-query's AS
       * after one before it not (the later value in every row). */
      bool as = is_word(k - 1, "AS");
      if (k->kind != TK_VAR || (as && !projection_as(t, i - 1))) {
        continue;
      }
      for (size_t a = 0; a < n_set; ++a) {
        if (cmp_name(assigns[a], k) || (as && !projection_as(t, (size_t)(assigns[a] - t->v) - 1))) {
          continue;
        }
        st = as ? refuse(g, k,
                         "a variable that sub-queries in two UNION branches assign with AS "
                         "(every row gets the later branch's value)",
                         "a variable of its own in each branch")
                : refuse(g, k,
                         "a variable that an earlier UNION branch assigns with BIND or AS, "
                         "used in a later branch (that branch's rows are lost)",
                         "put the branch that assigns it last");
        break;
      }
    }
    for (size_t i = b + 1; !st && i < end; ++i) {
      if (t->v[i].kind == TK_VAR && is_word(&t->v[i - 1], "AS")) {
        if (n_set == cap) {
          cap               = cap ? 2 * cap : 8;
          const Tok** grown = realloc(assigns, cap * sizeof *grown);
          if (!grown) {
            st = unkg_error_in(g->c, g->name, UNKG_ERR_NOMEM, 0, 0, "%s",
                               unkg_strerror(UNKG_ERR_NOMEM));
            break;
          }
          assigns = grown;
        }
        assigns[n_set++] = &t->v[i];
      }
    }
    b = is_word(&t->v[end + 1], "UNION") ? end + 2 : t->n;
  }
  free(assigns);
  return st;
}

static UnkgStatus
check_tokens(Guard* g)
{
  const Toks* t     = g->t;
  int         depth = 0, paren = 0;
  int         plus_at[GUARD_MAX_DEPTH + 2] = {0};
  bool        outer_done = false;
  /* "+1" and "-1" right after an operand are signed numbers to Rasqal's
   * lexer, and a + or - term after one in the same sum overruns a buffer
   * in its parser (fuzz_query: "1+1+1", "?a -1 + ?b"; "?a + ?b -1" is
   * safe).  Per depth: has the sum so far a glued sign?  The first such
   * term is refused after the other checks. */
  bool        glued[GUARD_MAX_DEPTH + 2] = {false};
  const Tok*  glued_sum                  = NULL;
  for (size_t i = 0; i < t->n; ++i) {
    const Tok* k = &t->v[i];
    if (k->kind == TK_PUNCT && k->len == 1 && strchr("({[", k->p[0])) {
      if (++depth > GUARD_MAX_DEPTH) {
        return refuse(g, k, "brackets nested more than 64 deep", NULL);
      }
      paren += k->p[0] == '(';
      plus_at[depth] = 0;
      glued[depth]   = false;
    } else if (k->kind == TK_PUNCT && k->len == 1 && strchr(")}]", k->p[0])) {
      paren -= k->p[0] == ')' && paren > 0;
      depth -= depth > 0;
    }
    if ((is_punct(k, "+") || is_punct(k, "-")) && paren > 0 && i > 0
        && (t->v[i - 1].kind == TK_NUM || t->v[i - 1].kind == TK_VAR
            || is_punct(&t->v[i - 1], ")") || t->v[i - 1].kind == TK_STR)
        && ++plus_at[depth] >= 3) {
      return refuse(g, k, "three or more + or - in a row (Rasqal's parser overruns a buffer)",
                    "add parentheses: (a + b) + (c + d)");
    }
    if (is_punct(k, ",") || is_word(k, "AS")) {
      plus_at[depth] = 0;
    }
    if ((is_punct(k, "+") || is_punct(k, "-")) && paren > 0 && i > 0 && ends_operand(&t->v[i - 1])) {
      glued_sum = glued_sum ? glued_sum : glued[depth] ? k : NULL;
      glued[depth] |= (k->p[1] >= '0' && k->p[1] <= '9')
                      || (k->p[1] == '.' && k->p[2] >= '0' && k->p[2] <= '9');
    } else if (ends_sum(k)) {
      glued[depth] = false;
    }
    if (k->kind != TK_STR && k->kind != TK_IRI && memchr(k->p, '\\', k->len)) {
      /* Rasqal reads no escape outside strings, and "\u00:0" there makes
       * its lexer follow a null pointer (fuzz_query). */
      return refuse(g, k, "a backslash outside a string or an IRI (\\u00:0 crashes Rasqal's lexer)",
                    "write the character itself");
    }
    if (is_word(k, "SERVICE") && !g->opt->allow_service) {
      return unkg_error_in(g->c, g->name, UNKG_ERR_USAGE, k->line, k->col,
                           "SERVICE reaches the network: refused without --allow-service");
    }
    if (depth == 0 && (is_word(k, "FROM"))) {
      return refuse(g, k, "FROM and FROM NAMED (the dataset is the files given or the store)",
                    "use GRAPH <iri> { ... }");
    }
    if (is_word(k, "MINUS")) {
      return refuse(g, k, "MINUS", "OPTIONAL { ... } with FILTER (!BOUND(?x))");
    }
    if (is_word(k, "EXISTS")) {
      return refuse(g, k, "EXISTS and NOT EXISTS", "OPTIONAL { ... } with FILTER (!BOUND(?x))");
    }
    if (is_word(k, "VALUES")) {
      size_t j = i + 1, rows = 0;
      if (is_punct(&t->v[j], "(")) {
        j = closing(t, j) + 1;
        for (size_t m = j + 1;
             m < t->n && !is_punct(&t->v[m], "}") && rows < 2 && in_data(&t->v[m]); ++m) {
          if (is_punct(&t->v[m], "(")) {
            ++rows;
            m = closing(t, m);
          }
        }
      } else {
        for (size_t m = j + 2;
             m < t->n && !is_punct(&t->v[m], "}") && rows < 2 && in_data(&t->v[m]); ++m) {
          rows += t->v[m].kind != TK_LANG && !is_punct(&t->v[m], "^^")
                  && !(m > 0 && is_punct(&t->v[m - 1], "^^"));
        }
      }
      if (rows > 1) {
        return refuse(g, k, "VALUES with several rows (rows are dropped)",
                      "FILTER (?x IN (...)) at the end of the group");
      }
    }
    if (depth >= 1 && paren == 0 && i > 0
        && (is_punct(k, "/") || is_punct(k, "|") || is_punct(k, "^") || is_punct(k, "!")
            || ((is_punct(k, "*") || is_punct(k, "+") || is_punct(k, "?"))
                && (t->v[i - 1].kind == TK_IRI || t->v[i - 1].kind == TK_PNAME
                    || is_word(&t->v[i - 1], "a") || is_punct(&t->v[i - 1], ")"))))) {
      return refuse(g, k, "property paths (/ | ^ * + ? !)",
                    "spell the chain out with variables, one UNION branch per length");
    }
    if (is_word(k, "CONCAT") && is_punct(k + 1, "(")) {
      size_t end = closing(t, i + 1);
      for (size_t m = i + 2; m < end; ++m) {
        if (is_punct(&t->v[m], "(")) {
          return refuse(g, k, "CONCAT of a computed value (Rasqal reads freed memory)",
                        "BIND the value first");
        }
      }
    }
    static const char* const broken_fn[] = {"YEAR", "MONTH", "DAY", "HOURS", "MINUTES",
                                            "SECONDS", "STRAFTER", "STRBEFORE"};
    for (size_t f = 0; f < sizeof broken_fn / sizeof *broken_fn; ++f) {
      if (is_word(k, broken_fn[f]) && is_punct(k + 1, "(")) {
        char what[64];
        snprintf(what, sizeof what, "%s() (it gives nothing)", broken_fn[f]);
        return refuse(g, k, what, "SUBSTR of a bound literal");
      }
    }
    if (is_punct(k, "{") && !(i > 0 && is_word(&t->v[i - 1], "UNION"))
        && is_word(&t->v[closing(t, i) + 1], "UNION")) {
      UnkgStatus st = check_union_assigns(g, i);
      if (st) {
        return st;
      }
    }
    if ((is_word(k, "REGEX") || is_word(k, "REPLACE")) && is_punct(k + 1, "(")) {
      UnkgStatus st = check_regex_call(g, i);
      if (st) {
        return st;
      }
    }
    if (is_word(k, "SUBSTR") && is_punct(k + 1, "(") && is_word(&t->v[i + 2], "STR")) {
      return refuse(g, k, "SUBSTR(STR(...)) (it gives nothing)", "BIND (STR(...) AS ?s) first");
    }
    if (is_word(k, "BIND") && is_punct(k + 1, "(")) {
      size_t end = closing(t, i + 1);
      for (size_t m = i + 2; m < end; ++m) {
        if (is_cast_call(&t->v[m])) {
          return refuse(g, k, "a cast in BIND (a failed cast drops the row)",
                        "cast in a FILTER or guard with IF(...)");
        }
      }
    }
    if (is_word(k, "SELECT") && (!outer_done || is_punct(&t->v[i - 1], "{"))) {
      /* From here to the end of its modifiers: the sub-query's braces, or
       * the end of the query for the outer one.  (Another SELECT does not
       * parse; checking it to the end would be quadratic in SELECTs.) */
      size_t end = t->n;
      if (outer_done) {
        /* a sub-query: the brace before SELECT closes it */
        size_t open = i - 1;
        end         = closing(t, open);
      }
      UnkgStatus st = check_select(g, i, end, !outer_done);
      if (st) {
        return st;
      }
      outer_done = true;
    }
    if (is_word(k, "WHERE") || (is_punct(k, "{") && depth == 1)) {
      size_t open = is_punct(k, "{") ? i : i + 1;
      if (open < t->n && is_punct(&t->v[open], "{") && depth <= 1) {
        UnkgStatus st = check_group(g, open, closing(t, open));
        if (st) {
          return st;
        }
      }
    }
  }
  if (glued_sum) {
    return refuse(g, glued_sum,
                  "a + or - term after a sign glued to a number (1+1+1, ?a -1 + ?b: "
                  "Rasqal's parser overruns a buffer)",
                  "a space after the sign: ?a - 1 + ?b");
  }
  return UNKG_OK;
}

/* DESCRIBE as the CONSTRUCT it means here: the triples whose subject is
 * the resource (unkg's graphs have no blank nodes, so that is its concise
 * bounded description).  One resource at a time. */
static UnkgStatus
rewrite_describe(Guard* g, const char* q, size_t at, char** run)
{
  const Toks* t    = g->t;
  const Tok*  what = &t->v[at + 1];
  size_t      i    = at + 2;
  if (what->kind != TK_IRI && what->kind != TK_PNAME && what->kind != TK_VAR) {
    return refuse(g, &t->v[at], "DESCRIBE *", "DESCRIBE one IRI or variable");
  }
  if (t->v[i].kind == TK_IRI || t->v[i].kind == TK_PNAME || t->v[i].kind == TK_VAR) {
    return refuse(g, &t->v[i], "DESCRIBE of several resources", "describe one at a time");
  }
  size_t open = is_word(&t->v[i], "WHERE") ? i + 1 : i;
  size_t end  = open;
  if (open < t->n && is_punct(&t->v[open], "{")) {
    end = closing(t, open);
    if (end + 1 < t->n && t->v[end + 1].kind != TK_END) {
      return refuse(g, &t->v[end + 1], "DESCRIBE with solution modifiers", NULL);
    }
  } else if (what->kind == TK_VAR || t->v[open].kind != TK_END) {
    return refuse(g, &t->v[at], "DESCRIBE ?x without WHERE", NULL);
  }
  UnkgBuf b = {0};
  int     w = (int)what->len;
  UnkgStatus st = unkg_buf_printf(&b, "%.*sCONSTRUCT { %.*s ?unkg_describe_p ?unkg_describe_o } "
                                      "WHERE { ",
                                  (int)(t->v[at].p - q), q, w, what->p);
  if (!st && is_punct(&t->v[open], "{")) {
    st = unkg_buf_printf(&b, "%.*s . ", (int)(t->v[end].p - t->v[open].p - 1), t->v[open].p + 1);
  }
  if (!st) {
    st = unkg_buf_printf(&b, "%.*s ?unkg_describe_p ?unkg_describe_o }\n", w, what->p);
  }
  if (st) {
    unkg_buf_clear(&b);
    return unkg_error_in(g->c, g->name, st, 0, 0, "%s", unkg_strerror(st));
  }
  *run = unkg_buf_take(&b);
  return UNKG_OK;
}

/* SELECT DISTINCT ... ORDER BY: Rasqal sorts numbers as strings there, but
 * not when the DISTINCT is a sub-query's: so it becomes
 * SELECT vars WHERE { { SELECT DISTINCT ... } } ORDER BY ... */
static UnkgStatus
rewrite_distinct_order(Guard* g, const char* q, char** run)
{
  const Toks* t = g->t;
  size_t      sel = 0, order = 0, where = 0;
  for (size_t i = 0; i < t->n && !sel; ++i) {
    sel = is_word(&t->v[i], "SELECT") ? i + 1 : 0;
  }
  if (!sel--) {
    return UNKG_OK;
  }
  int depth = 0;
  for (size_t i = sel + 1; i < t->n && !where; ++i) {
    if (depth == 0 && (is_word(&t->v[i], "WHERE") || is_punct(&t->v[i], "{"))) {
      where = i;
    }
    depth += is_punct(&t->v[i], "(") - is_punct(&t->v[i], ")");
  }
  size_t open = where && is_word(&t->v[where], "WHERE") ? where + 1 : where;
  size_t end  = closing(t, open);
  for (size_t i = end; i < t->n && !order; ++i) {
    order = is_word(&t->v[i], "ORDER") ? i : 0;
  }
  if (!where || !order) {
    return UNKG_OK;
  }
  UnkgBuf    b  = {0};
  UnkgStatus st = unkg_buf_printf(&b, "%.*sSELECT", (int)(t->v[sel].p - q), q);
  bool       star = false;
  depth           = 0;
  for (size_t i = sel + 1; !st && i < where; ++i) {
    const Tok* k = &t->v[i];
    star |= depth == 0 && is_punct(k, "*");
    if (depth == 0 && k->kind == TK_VAR) {
      st = unkg_buf_printf(&b, " %.*s", (int)k->len, k->p);
    } else if (depth == 1 && is_word(k, "AS")) {
      st = unkg_buf_printf(&b, " %.*s", (int)k[1].len, k[1].p);
    }
    depth += is_punct(k, "(") - is_punct(k, ")");
  }
  if (!st && star) {
    st = unkg_buf_puts(&b, " *");
  }
  if (!st) {
    st = unkg_buf_printf(&b, " WHERE { { %.*s } } %s", (int)(t->v[order].p - t->v[sel].p),
                         t->v[sel].p, t->v[order].p);
  }
  if (st) {
    unkg_buf_clear(&b);
    return unkg_error_in(g->c, g->name, st, 0, 0, "%s", unkg_strerror(st));
  }
  free(*run);
  *run = unkg_buf_take(&b);
  return UNKG_OK;
}

/* A prefixed name whose prefix no PREFIX declares: Rasqal reports it
 * without a place, when it runs the query (exit 1 where a syntax error is
 * exit 2), so it is found here, with its line and column. */
static UnkgStatus
check_prefixes(Guard* g)
{
  const Toks* t = g->t;
  /* The declarations seen so far, so that the check stays linear in the
   * tokens times the (few) prefixes. */
  const Tok** decl = malloc((t->n + 1) * sizeof *decl);
  size_t      n_decl = 0;
  if (!decl) {
    return unkg_error_in(g->c, g->name, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  for (size_t i = 0; i < t->n; ++i) {
    const Tok* k = &t->v[i];
    if (k->kind != TK_PNAME) {
      continue;
    }
    if (i > 0 && is_word(&t->v[i - 1], "PREFIX")) {
      decl[n_decl++] = k;
      continue;
    }
    size_t plen     = (size_t)((const char*)memchr(k->p, ':', k->len) - k->p) + 1;
    bool   declared = false;
    for (size_t j = 0; j < n_decl && !declared; ++j) {
      declared = decl[j]->len == plen && !memcmp(decl[j]->p, k->p, plen);
    }
    if (!declared) {
      free(decl);
      return unkg_error_in(g->c, g->name, UNKG_ERR_SYNTAX, k->line, k->col,
                           "the prefix %.*s of %.*s is not declared (PREFIX %.*s <...>)",
                           (int)plen, k->p, (int)k->len, k->p, (int)plen, k->p);
    }
  }
  free(decl);
  return UNKG_OK;
}

/* A variable that a UNION branch other than the last assigns (BIND or
 * AS) keeps, in Rasqal, its value while the later branches run: an
 * expression outside the branch sees it in their rows too ({ BIND (1 AS
 * ?a) } UNION { BIND (2 AS ?b) } then COALESCE(?a, ?b) gives 1 twice;
 * FILTER (!BOUND(?a)) drops rows it should keep).  Outside the UNION such
 * a variable may be projected as it is (that value is right), nothing
 * more.  (Mentions in a later branch: check_union_assigns.) */
typedef struct {
  const Tok* var;
  size_t     from, to; /* the UNION's tokens */
} Leak;

static int
cmp_leak(const void* a, const void* b)
{
  return cmp_name(((const Leak*)a)->var, ((const Leak*)b)->var);
}

/* Does each UNION branch after the one that opens at b (up to the
 * UNION's end) assign the variable at k too, in its own group?  Then each
 * row has its own value. */
static bool
assigned_after(const Toks* t, size_t k, size_t b, size_t end)
{
  for (b = closing(t, b); b < end; b = closing(t, b + 2)) {
    size_t close = closing(t, b + 2);
    bool   found = false;
    /* in the branch's own group: a nested group may not run */
    for (size_t m = b + 3; m < close && !found; ++m) {
      m     = is_punct(&t->v[m], "{") ? closing(t, m) : m;
      found = t->v[m].kind == TK_VAR && is_word(&t->v[m - 1], "AS") && !cmp_name(&t->v[m], &t->v[k]);
    }
    if (!found) {
      return false;
    }
  }
  return true;
}

static UnkgStatus
check_union_leaks(Guard* g)
{
  const Toks* t = g->t;
  Leak*       l = NULL;
  size_t      n = 0, cap = 0;
  UnkgStatus  st = UNKG_OK;
  for (size_t i = 0; !st && i < t->n; ++i) {
    if (!is_punct(&t->v[i], "{") || (i > 0 && is_word(&t->v[i - 1], "UNION"))
        || !is_word(&t->v[closing(t, i) + 1], "UNION")) {
      continue;
    }
    size_t last = i, end = closing(t, i);
    while (end < t->n && is_word(&t->v[end + 1], "UNION") && is_punct(&t->v[end + 2], "{")) {
      last = end + 2;
      end  = closing(t, last);
    }
    for (size_t k = i + 1, b = i; !st && k < last; ++k) {
      b = k > closing(t, b) ? k + 1 : b; /* k at "UNION": the next branch opens after it */
      if (t->v[k].kind == TK_VAR && is_word(&t->v[k - 1], "AS") && !assigned_after(t, k, b, end)) {
        if (n == cap) {
          cap         = cap ? 2 * cap : 8;
          Leak* grown = realloc(l, cap * sizeof *grown);
          if (!grown) {
            st = unkg_error_in(g->c, g->name, UNKG_ERR_NOMEM, 0, 0, "%s",
                               unkg_strerror(UNKG_ERR_NOMEM));
            break;
          }
          l = grown;
        }
        l[n++] = (Leak){&t->v[k], i, end};
      }
    }
  }
  if (!st && n) {
    qsort(l, n, sizeof *l, cmp_leak);
    bool   select = false; /* in a SELECT's columns */
    size_t paren = 0, at = 0;
    for (size_t i = 0; !st && i < t->n; ++i) {
      const Tok* k = &t->v[i];
      if (is_word(k, "SELECT")) {
        select = true, at = paren;
      } else if (select && paren == at && (is_punct(k, "{") || is_word(k, "WHERE"))) {
        select = false;
      }
      paren += is_punct(k, "(");
      paren -= is_punct(k, ")") && paren;
      if (k->kind != TK_VAR || (select && paren == at)) {
        continue;
      }
      size_t lo = 0, hi = n; /* the first entry of k's name */
      while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_name(l[mid].var, k) < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      for (size_t h = lo; h < n && !cmp_name(l[h].var, k); ++h) {
        if (i < l[h].from || i > l[h].to) {
          st = refuse(g, k,
                      "a variable that a UNION branch before the last assigns (BIND or AS), "
                      "used outside the UNION other than as a plain column (later branches' rows "
                      "see its value)",
                      "assign it in the last branch only, or use it in its own branch");
          break;
        }
      }
    }
  }
  free(l);
  return st;
}

/* Variable tokens by name (?x and $x are one), then by place. */
static int
cmp_var(const void* a, const void* b)
{
  const Tok* x = *(const Tok* const*)a;
  const Tok* y = *(const Tok* const*)b;
  size_t     n = x->len < y->len ? x->len : y->len;
  int        d = memcmp(x->p + 1, y->p + 1, n - 1);
  if (d || x->len != y->len) {
    return d ? d : x->len < y->len ? -1 : 1;
  }
  return x->p < y->p ? -1 : x->p > y->p;
}

static int
cmp_place(const void* a, const void* b)
{
  const Tok* x = *(const Tok* const*)a;
  const Tok* y = *(const Tok* const*)b;
  return x->p < y->p ? -1 : x->p > y->p;
}

/* At most GUARD_MAX_VARS distinct variables; the error names the first
 * one past them. */
static UnkgStatus
check_variables(Guard* g)
{
  const Toks* t = g->t;
  const Tok** v = malloc((t->n + 1) * sizeof *v);
  size_t      n = 0, firsts = 0;
  if (!v) {
    return unkg_error_in(g->c, g->name, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  for (size_t i = 0; i < t->n; ++i) {
    if (t->v[i].kind == TK_VAR) {
      v[n++] = &t->v[i];
    }
  }
  qsort(v, n, sizeof *v, cmp_var);
  for (size_t i = 0; i < n; ++i) {
    if (i == 0 || v[i]->len != v[i - 1]->len || memcmp(v[i]->p + 1, v[i - 1]->p + 1, v[i]->len - 1)) {
      v[firsts++] = v[i]; /* each name where it first occurs */
    }
  }
  UnkgStatus st = UNKG_OK;
  if (firsts > GUARD_MAX_VARS) {
    qsort(v, firsts, sizeof *v, cmp_place);
    st = unkg_error_in(g->c, g->name, UNKG_ERR_SYNTAX, v[GUARD_MAX_VARS]->line,
                       v[GUARD_MAX_VARS]->col, "the query has more than %d distinct variables",
                       GUARD_MAX_VARS);
  }
  free(v);
  return st;
}

/* The end of a rewrite of *run that wrote b up to from: the rest after
 * it, and *run replaced if anything was rewritten. */
static UnkgStatus
end_rewrite(UnkgStatus st, bool any, UnkgBuf* b, const char* from, char** run)
{
  st = st || !any ? st : unkg_buf_puts(b, from);
  if (st || !any) {
    unkg_buf_clear(b);
    return st;
  }
  free(*run);
  *run = unkg_buf_take(b);
  return UNKG_OK;
}

/* ORDER BY: where a key is unbound (or an error) in both rows, Rasqal
 * compares no further key, and rows that tie there keep the order they
 * came in (ORDER BY ?m ?p with ?m unbound: not by ?p).  Each key but the
 * last becomes two that always have a value and sort the same: whether it
 * has one (unbound first, as in SPARQL), then the value or 0 --
 * COALESCE(sameTerm(k, k), false) COALESCE(k, 0), each inside the key's
 * ASC or DESC.  A key with an aggregate in it is left as it is. */
static UnkgStatus
rewrite_order_keys(const UnkgCtx* c, const char* name, char** run)
{
  Toks        t    = {0};
  UnkgBuf     b    = {0};
  UnkgStatus  st   = tokenize(c, name, *run, &t);
  const char* from = *run;
  bool        any  = false;
  for (size_t i = 0; !st && i + 1 < t.n; ++i) {
    if (!is_word(&t.v[i], "ORDER") || !is_word(&t.v[i + 1], "BY")) {
      continue;
    }
    /* Each key: its tokens to end, its expression [in, out), and whether
     * it is ASC(...) or DESC(...).  Past 64 keys the rewrite would make
     * the query too long to parse in time: refused. */
    size_t keys = 0;
    for (size_t j = i + 2; !st && j < t.n;) {
      if (++keys > GUARD_MAX_ORDER_KEYS) {
        st = unkg_error_in(c, name, UNKG_ERR_SYNTAX, t.v[j].line, t.v[j].col,
                           "unkg cannot answer ORDER BY with more than %d keys correctly (Rasqal "
                           "0.9.33 orders ties on an unbound key wrongly, and unkg rewrites each "
                           "key); see docs/sparql.md",
                           GUARD_MAX_ORDER_KEYS);
        break;
      }
      const Tok* x    = &t.v[j];
      bool       dir  = (is_word(x, "ASC") || is_word(x, "DESC")) && is_punct(x + 1, "(");
      bool       call = !dir && (x->kind == TK_WORD || x->kind == TK_IRI || x->kind == TK_PNAME)
                  && is_punct(x + 1, "(");
      size_t end = dir || call         ? closing(&t, j + 1)
                   : is_punct(x, "(")  ? closing(&t, j)
                   : x->kind == TK_VAR ? j
                                       : t.n;
      if (end >= t.n) {
        break; /* no key: the modifiers after, or the end */
      }
      size_t in  = dir ? j + 2 : is_punct(x, "(") ? j + 1 : j;
      size_t out = dir || is_punct(x, "(") ? end : end + 1;
      bool   agg = false;
      for (size_t m = in; m < out; ++m) {
        agg |= aggregate_of(&t.v[m]) >= 0;
      }
      size_t     next = end + 1;
      const Tok* n    = &t.v[next];
      bool       last = !((is_word(n, "ASC") || is_word(n, "DESC")) && is_punct(n + 1, "("))
                  && !is_punct(n, "(") && n->kind != TK_VAR
                  && !((n->kind == TK_WORD || n->kind == TK_IRI || n->kind == TK_PNAME)
                       && is_punct(n + 1, "("));
      if (!last && !agg && out > in) {
        const char* e  = t.v[in].p;
        int         el = (int)(t.v[out - 1].p + t.v[out - 1].len - e);
        int         dl = dir ? (int)x->len : 0;
        st             = unkg_buf_printf(&b,
                                         "%.*s%.*s(COALESCE(sameTerm(%.*s, %.*s), false)) %.*s(COALESCE(%.*s, 0))",
                                         (int)(x->p - from), from, dl, x->p, el, e, el, e, dl, x->p, el, e);
        from           = t.v[end].p + t.v[end].len;
        any            = true;
      }
      j = next;
      if (last) {
        break;
      }
    }
  }
  free(t.v);
  return end_rewrite(st, any, &b, from, run);
}

/* DATATYPE of a literal with a language tag is rdf:langString in SPARQL
 * 1.1; Rasqal leaves it unbound (FILTER (DATATYPE(?t) = rdf:langString)
 * drops every row).  Each DATATYPE(x) runs as
 * IF(STRLEN(LANG(x)) > 0, rdf:langString, DATATYPE(x)): LANG is "" for
 * any other literal and an error, as DATATYPE is, for an IRI (Virtuoso
 * leaves a computed value's LANG unbound, which != "" took for a tag). */
static UnkgStatus
rewrite_datatype(const UnkgCtx* c, const char* name, char** run)
{
  Toks        t    = {0};
  UnkgBuf     b    = {0};
  UnkgStatus  st   = tokenize(c, name, *run, &t);
  const char* from = *run;
  bool        any  = false;
  for (size_t i = 0; !st && i < t.n; ++i) {
    size_t end = closing(&t, i + 1);
    if (!is_word(&t.v[i], "DATATYPE") || t.v[i].p < from || end >= t.n || !is_punct(&t.v[end], ")")) {
      continue; /* not a call, or one Rasqal's parse refuses */
    }
    const Tok*  close = &t.v[end];
    const char* arg   = t.v[i + 1].p + 1;
    int         n     = (int)(close->p - arg);
    st = unkg_buf_printf(&b, "%.*sIF(STRLEN(LANG(%.*s)) > 0, <" NS_RDF "langString>, DATATYPE(%.*s))",
                         (int)(t.v[i].p - from), from, n, arg, n, arg);
    from = close->p + 1;
    any  = true;
  }
  free(t.v);
  return end_rewrite(st, any, &b, from, run);
}

static UnkgStatus
guard_query(Guard* g, const char* query, char** run)
{
  *run = NULL;
  if (strlen(query) > GUARD_MAX_QUERY) {
    return unkg_error_in(g->c, g->name, UNKG_ERR_USAGE, 0, 0, "the query is longer than %u bytes",
                         GUARD_MAX_QUERY);
  }
  UnkgStatus st = check_variables(g);
  st            = st ? st : check_tokens(g);
  st            = st ? st : check_union_leaks(g);
  st            = st ? st : check_prefixes(g);
  for (size_t i = 0; !st && i < g->t->n; ++i) {
    if (is_word(&g->t->v[i], "DESCRIBE")) {
      /* the check above saw the WHERE group as it is */
      return rewrite_describe(g, query, i, run);
    }
    /* Rasqal follows a null pointer when it makes the triples of an empty
     * template (fuzz_query: "CONSTRUCT { } WHERE { }"), whose answer is
     * the empty graph: the query is still parsed and run, its graph not
     * asked for. */
    if (is_word(&g->t->v[i], "CONSTRUCT") && closing(g->t, i + 1) == i + 2) {
      g->empty_template = true;
    }
  }
  if (!st && !(*run = unkg_strdup(query))) {
    st = unkg_error_in(g->c, g->name, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  if (!st && g->distinct_order) {
    st = rewrite_distinct_order(g, query, run);
  }
  if (!st) {
    st = rewrite_order_keys(g->c, g->name, run);
  }
  if (!st) {
    st = rewrite_datatype(g->c, g->name, run);
  }
  return st;
}

UnkgStatus
unkg_query_check(const UnkgCtx* c, const char* query, const char* name,
                 const UnkgQueryOptions* opt, char** run)
{
  Toks       t  = {0};
  Guard      g  = {.c = c, .name = name, .t = &t, .opt = opt ? opt : &no_options};
  UnkgStatus st = tokenize(c, name, query, &t);
  if (!st) {
    st = guard_query(&g, query, run);
  }
  free(t.v);
  return st;
}

static size_t
column_count(librdf_query_results* res, const Guard* g)
{
  int cols = librdf_query_results_get_bindings_count(res);
  return cols > 0 ? (size_t)cols : g->columns;
}

/* Rasqal gives no names when there is no row: they come from the query. */
static char*
column_name(librdf_query_results* res, const Guard* g, size_t c)
{
  const char* name = librdf_query_results_get_bindings_count(res) > 0
                       ? librdf_query_results_get_binding_name(res, (int)c)
                       : NULL;
  if (name) {
    return unkg_strdup(name);
  }
  UnkgBuf b = {0};
  if (c < g->columns && g->names[c] && g->names[c]->kind == TK_VAR) {
    unkg_buf_append(&b, g->names[c]->p + 1, g->names[c]->len - 1);
  }
  unkg_buf_puts(&b, "");
  return unkg_buf_take(&b);
}

static void
warn_cut(const UnkgQueryOptions* opt)
{
  if (opt->truncated) {
    *opt->truncated = true;
  }
}

/* ---- results ---------------------------------------------------------------- */

typedef struct {
  char** names; /* cols variable names */
  char** cells; /* rows * cols strings, row-major */
  size_t rows, cap, cols;
} Rows;

static void
rows_clear(Rows* r)
{
  for (size_t i = 0; i < r->rows * r->cols; ++i) {
    free(r->cells[i]);
  }
  for (size_t c = 0; r->names && c < r->cols; ++c) {
    free(r->names[c]);
  }
  free(r->cells);
  free(r->names);
}

/* Reads the rows of the bindings (max at most, 0: all), each term
 * through put. */
static UnkgStatus
collect(librdf_query_results* res, const struct GuardS* g, size_t max, Rows* r,
        UnkgStatus (*put)(UnkgBuf*, librdf_node*))
{
  r->cols = column_count(res, g);
  /* The names first: Rasqal forgets them once the last row is read. */
  if (!(r->names = calloc(r->cols + 1, sizeof *r->names))) {
    return UNKG_ERR_NOMEM;
  }
  for (size_t c = 0; c < r->cols; ++c) {
    if (!(r->names[c] = column_name(res, g, c))) {
      return UNKG_ERR_NOMEM;
    }
  }
  for (; !librdf_query_results_finished(res); librdf_query_results_next(res)) {
    if (max && r->rows == max) {
      warn_cut(g->opt);
      break;
    }
    if (r->rows == r->cap) {
      size_t c = r->cap ? r->cap * 2 : 64;
      char** v = realloc(r->cells, c * (r->cols ? r->cols : 1) * sizeof *v);
      if (!v) {
        return UNKG_ERR_NOMEM;
      }
      r->cells = v;
      r->cap   = c;
    }
    char** row = r->cells + r->rows * r->cols;
    for (size_t c = 0; c < r->cols; ++c) {
      row[c] = NULL;
    }
    ++r->rows; /* counted now so that rows_clear frees a half-filled row */
    for (size_t c = 0; c < r->cols; ++c) {
      librdf_node* n  = binding(res, (int)c);
      UnkgBuf      b  = {0};
      UnkgStatus   st = put(&b, n);
      if (!st && !b.data) {
        st = unkg_buf_puts(&b, ""); /* unbound: an empty string, not NULL */
      }
      if (n) {
        librdf_free_node(n);
      }
      if (st) {
        unkg_buf_clear(&b);
        return st;
      }
      row[c] = unkg_buf_take(&b);
    }
  }
  return UNKG_OK;
}


/* Rows are written as they come: a long answer shows at once, and
 * nothing but the row at hand is held. */
static UnkgStatus
write_tsv(librdf_query_results* res, const Guard* g, size_t max, FILE* out)
{
  size_t     cols = column_count(res, g);
  UnkgStatus st   = UNKG_OK;
  for (size_t c = 0; c < cols && !st; ++c) {
    char* name = column_name(res, g, c);
    if (!name) {
      return UNKG_ERR_NOMEM;
    }
    fprintf(out, "%s?%s", c ? "\t" : "", name);
    free(name);
  }
  fputc('\n', out);
  size_t  rows = 0;
  UnkgBuf b    = {0};
  for (; !st && !librdf_query_results_finished(res); librdf_query_results_next(res)) {
    if (max && rows == max) {
      warn_cut(g->opt);
      break;
    }
    b.len = 0;
    for (size_t c = 0; c < cols && !st; ++c) {
      librdf_node* n = binding(res, (int)c);
      if (c) {
        st = unkg_buf_puts(&b, "\t");
      }
      if (!st) {
        st = put_term(&b, n, true);
      }
      if (n) {
        librdf_free_node(n);
      }
    }
    if (!st) {
      fwrite(b.data ? b.data : "", 1, b.len, out);
      fputc('\n', out);
      ++rows;
    }
  }
  unkg_buf_clear(&b);
  return st;
}

static void
pad(FILE* out, size_t n)
{
  while (n--) {
    fputc(' ', out);
  }
}

static UnkgStatus
write_table(librdf_query_results* res, const Guard* g, size_t max, FILE* out)
{
  Rows       r  = {0};
  UnkgStatus st = collect(res, g, max, &r, put_cell);
  size_t*    w  = st ? NULL : calloc(r.cols + 1, sizeof *w);
  if (!st && !w) {
    st = UNKG_ERR_NOMEM;
  }
  if (!st) {
    for (size_t c = 0; c < r.cols; ++c) {
      w[c] = unkg_display_width(r.names[c]);
      for (size_t i = 0; i < r.rows; ++i) {
        size_t k = unkg_display_width(r.cells[i * r.cols + c]);
        w[c]     = k > w[c] ? k : w[c];
      }
    }
    for (size_t c = 0; c < r.cols; ++c) {
      fprintf(out, "%s%s", c ? " | " : " ", r.names[c]);
      if (c + 1 < r.cols) {
        pad(out, w[c] - unkg_display_width(r.names[c]));
      }
    }
    fputc('\n', out);
    for (size_t c = 0; c < r.cols; ++c) {
      fputs(c ? "-+-" : "-", out);
      for (size_t k = 0; k < w[c]; ++k) {
        fputc('-', out);
      }
    }
    fputs(r.cols ? "-\n" : "\n", out);
    for (size_t i = 0; i < r.rows; ++i) {
      for (size_t c = 0; c < r.cols; ++c) {
        const char* cell = r.cells[i * r.cols + c];
        fprintf(out, "%s%s", c ? " | " : " ", cell);
        if (c + 1 < r.cols) {
          pad(out, w[c] - unkg_display_width(cell));
        }
      }
      fputc('\n', out);
    }
    fprintf(out, "(%zu row%s)\n", r.rows, r.rows == 1 ? "" : "s");
  }
  free(w);
  rows_clear(&r);
  return st;
}

/* CONSTRUCT and DESCRIBE: N-Triples, sorted, so the output is the same
 * whatever order the store hands the statements out in. */
static UnkgStatus
write_graph(librdf_query_results* res, FILE* out)
{
  librdf_stream* stream = librdf_query_results_as_stream(res);
  Lines          lines  = {0};
  UnkgStatus     st     = stream ? UNKG_OK : UNKG_ERR_RDF;
  for (; !st && !librdf_stream_end(stream); librdf_stream_next(stream)) {
    librdf_statement* t = librdf_stream_get_object(stream);
    UnkgBuf           b = {0};
    if ((st = put_term(&b, librdf_statement_get_subject(t), false)) || (st = unkg_buf_puts(&b, " "))
        || (st = put_term(&b, librdf_statement_get_predicate(t), false))
        || (st = unkg_buf_puts(&b, " ")) || (st = put_term(&b, librdf_statement_get_object(t), false))
        || (st = unkg_buf_puts(&b, " ."))) {
      unkg_buf_clear(&b);
      break;
    }
    st = lines_add(&lines, &b);
  }
  if (stream) {
    librdf_free_stream(stream);
  }
  put_lines_once(&lines, !st, out);
  return st;
}

static UnkgStatus
write_library(librdf_query_results* res, const char* name, FILE* out)
{
  unsigned char* s = librdf_query_results_to_string2(res, name, NULL, NULL, NULL);
  if (!s) {
    return UNKG_ERR_RDF;
  }
  fputs((const char*)s, out);
  librdf_free_memory(s);
  return UNKG_OK;
}

UnkgStatus
unkg_store_open_for_query(const UnkgCtx* c, const char* path, UnkgStore** out)
{
  *out = NULL;
  if (unkg_store_is_virtuoso(path)) {
    return unkg_store_open_reader(c, path, out);
  }
  if (path) {
    struct stat sb;
    if (stat(path, &sb) || !S_ISREG(sb.st_mode)) {
      return unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "no such store (make one with unkg load)");
    }
    /* Queried in place: every pattern is read whole before the next one
     * starts (unkg_store_query_model), which is what kept Rasqal's joins
     * over the SQLite storage from going wrong. */
    return unkg_store_open_reader(c, path, out);
  }
  if (!(*out = unkg_store_new())) {
    /* no file to blame */
    return unkg_error_in(c, NULL, UNKG_ERR_RDF, 0, 0, "cannot start the RDF store");
  }
  return UNKG_OK;
}

/* Rasqal names the line of a syntax error, not the column: the column of
 * the first token on that line that the message quotes ("unexpected
 * NOT", "syntax error at 'E'"), else of the line's first token. */
static int
column_of_error(const Toks* t, int line, const char* msg)
{
  const char* q   = strstr(msg, "unexpected ");
  size_t      len = 0;
  if (q) {
    q += strlen("unexpected ");
    len = strcspn(q, " ,");
  } else if ((q = strstr(msg, " at '"))) {
    q += strlen(" at '");
    len = strcspn(q, "'");
  }
  if (q && len >= 2 && (q[0] == '\'' || q[0] == '"') && q[len - 1] == q[0]) {
    ++q; /* '/' */
    len -= 2;
  }
  int first = 0;
  for (size_t i = 0; i < t->n; ++i) {
    const Tok* k = &t->v[i];
    if ((int)k->line != line || k->kind == TK_END) {
      continue;
    }
    first = first ? first : (int)k->col;
    if (q && len && k->len >= len && !strncasecmp(k->p, q, len)) {
      return (int)k->col;
    }
  }
  return first;
}

/* Over Virtuoso its own SPARQL engine answers: none of Rasqal's wrong
 * shapes is refused, only what every backend refuses (an undeclared
 * prefix, SERVICE without --allow-service, FROM: the dataset is the
 * store).  The query goes to Virtuoso with the DEFINEs of the store's
 * dataset on its first line. */
/* BOUND(?v) in an OPTIONAL's FILTER, ?v from outside the OPTIONAL: Virtuoso
 * says false even where ?v is bound (a comparison of ?v works). */
static UnkgStatus
check_virtuoso_bound(Guard* g, size_t open)
{
  const Toks* t     = g->t;
  size_t      close = closing(t, open);
  for (size_t m = open + 1; m < close && m < t->n; ++m) {
    const Tok* v = &t->v[m + 2];
    if (!is_word(&t->v[m], "BOUND") || !is_punct(&t->v[m + 1], "(") || v->kind != TK_VAR) {
      continue;
    }
    bool   inside = false; /* in the OPTIONAL's own patterns, out of brackets */
    size_t paren  = 0;
    for (size_t j = open + 1; j < close && !inside; ++j) {
      paren += is_punct(&t->v[j], "(");
      paren -= is_punct(&t->v[j], ")") && paren;
      inside = paren == 0 && t->v[j].kind == TK_VAR && !cmp_name(&t->v[j], v);
    }
    if (!inside) {
      return unkg_error_in(g->c, g->name, UNKG_ERR_SYNTAX, t->v[m].line, t->v[m].col,
                           "unkg cannot answer BOUND of a variable from outside an OPTIONAL, in "
                           "that OPTIONAL, correctly over Virtuoso (it is always false there): "
                           "test it outside the OPTIONAL; see docs/sparql.md");
    }
  }
  return UNKG_OK;
}

static UnkgStatus
check_virtuoso(Guard* g)
{
  UnkgStatus st    = check_prefixes(g);
  int        depth = 0, paren = 0;
  bool       warned_cast = false;
  for (size_t i = 0; !st && i < g->t->n; ++i) {
    const Tok* k = &g->t->v[i];
    if (k->kind == TK_PUNCT && k->len == 1 && strchr("({[", k->p[0]) && ++depth > GUARD_MAX_DEPTH) {
      st = unkg_error_in(g->c, g->name, UNKG_ERR_SYNTAX, k->line, k->col,
                         "brackets nested more than %d deep", GUARD_MAX_DEPTH);
    } else if (k->kind == TK_PUNCT && k->len == 1 && strchr("({[", k->p[0])) {
      paren += k->p[0] == '(';
    } else if (k->kind == TK_PUNCT && k->len == 1 && strchr(")}]", k->p[0])) {
      paren -= k->p[0] == ')' && paren > 0;
      depth -= depth > 0;
    } else if (depth >= 1 && paren == 0 && i > 0 && (is_punct(k, "*") || is_punct(k, "+"))
               && (g->t->v[i - 1].kind == TK_IRI || g->t->v[i - 1].kind == TK_PNAME
                   || is_word(&g->t->v[i - 1], "a") || is_punct(&g->t->v[i - 1], ")"))) {
      st = unkg_error_in(g->c, g->name, UNKG_ERR_SYNTAX, k->line, k->col,
                         "unkg cannot answer property paths with * or + correctly over Virtuoso "
                         "(librdf's Virtuoso storage fails on them with ODBC error [3]): spell "
                         "the chain out, one UNION branch per length");
    } else if (is_word(k, "SERVICE") && !g->opt->allow_service) {
      st = unkg_error_in(g->c, g->name, UNKG_ERR_USAGE, k->line, k->col,
                         "SERVICE reaches the network: refused without --allow-service");
    } else if (depth == 0 && is_word(k, "FROM")) {
      st = unkg_error_in(g->c, g->name, UNKG_ERR_SYNTAX, k->line, k->col,
                         "unkg cannot answer FROM and FROM NAMED correctly (the dataset is the "
                         "store): use GRAPH <iri> { ... }");
    } else if (is_word(k, "DEFINE") && i == 0) {
      st = unkg_error_in(g->c, g->name, UNKG_ERR_SYNTAX, k->line, k->col,
                         "Virtuoso's DEFINE pragmas are refused (the dataset is the store)");
    } else if (is_word(k, "OPTIONAL") && is_punct(k + 1, "{")) {
      st = check_virtuoso_bound(g, i + 1);
    } else if (is_word(k, "GRAPH") && is_punct(k + 2, "{")) {
      /* Virtuoso answers a sub-query inside GRAPH with nothing. */
      for (size_t m = i + 3, end = closing(g->t, i + 2); !st && m < end; ++m) {
        if (is_word(&g->t->v[m], "SELECT")) {
          st = unkg_error_in(g->c, g->name, UNKG_ERR_SYNTAX, g->t->v[m].line, g->t->v[m].col,
                             "unkg cannot answer a sub-query inside GRAPH correctly over Virtuoso "
                             "(it gives no row): put GRAPH inside the sub-query; see "
                             "docs/sparql.md");
        }
      }
    } else if (is_cast_call(k) && !warned_cast) {
      /* A failed cast is an error in SPARQL (the variable unbound); Virtuoso
       * gives 0 for xsd:integer("e").  Only a cast to a number does so. */
      static const char* const numeric[] = {"integer", "decimal", "double", "float", "int", "long"};
      for (size_t n = 0; n < sizeof numeric / sizeof *numeric && !warned_cast; ++n) {
        size_t nl = strlen(numeric[n]);
        if (k->len > nl + 1 && !strncmp(k->p + k->len - nl - (k->kind == TK_IRI), numeric[n], nl)
            && (k->p[k->len - nl - 1 - (k->kind == TK_IRI)] == '#'
                || k->p[k->len - nl - 1 - (k->kind == TK_IRI)] == ':')) {
          if (g->opt->cast_to_zero) {
            *g->opt->cast_to_zero = true; /* said with the answer */
          }
          warned_cast = true;
        }
      }
    }
  }
  return st;
}

/* Virtuoso reports "SP030: SPARQL compiler, line N: ..." */
static int
virtuoso_error_line(const char* msg)
{
  const char* l = strstr(msg, ", line ");
  return l && strstr(msg, "SPARQL") ? atoi(l + strlen(", line ")) : -1;
}

static UnkgStatus write_results(librdf_query_results* res, const Guard* g, UnkgQueryFormat fmt,
                                FILE* out);

/* CONSTRUCT and DESCRIBE come from Virtuoso as rows of subject, predicate
 * and object: printed as write_graph prints triples, sorted, each once. */
static UnkgStatus
write_triple_rows(librdf_query_results* res, FILE* out)
{
  Lines      lines = {0};
  UnkgStatus st    = librdf_query_results_get_bindings_count(res) == 3 ? UNKG_OK : UNKG_ERR_RDF;
  for (; !st && !librdf_query_results_finished(res); librdf_query_results_next(res)) {
    UnkgBuf b = {0};
    for (int k = 0; k < 3 && !st; ++k) {
      librdf_node* node = binding(res, k);
      st                = node ? put_term(&b, node, false) : UNKG_ERR_RDF;
      st                = st ? st : unkg_buf_puts(&b, k < 2 ? " " : " .");
      if (node) {
        librdf_free_node(node);
      }
    }
    if (st) {
      unkg_buf_clear(&b);
      break;
    }
    st = lines_add(&lines, &b);
  }
  put_lines_once(&lines, !st, out);
  return st;
}

/* What Virtuoso answers otherwise than SPARQL, mended in the text sent:
 * - librdf's Virtuoso storage hands a string that STR, LCASE, REPLACE,
 *   ENCODE_FOR_URI or a cast to xsd:string made back as an IRI (Virtuoso
 *   flags such strings: `STR(?r)` came as <https://...>), and IF,
 *   COALESCE, MIN and SAMPLE pass the flag on.  CONCAT of the one string
 *   makes a plain one, with its language tag: each such call X(...) is
 *   sent as CONCAT(X(...)).
 * - Virtuoso divides integers as integers (71 / 2 = 35, where SPARQL's
 *   is 35.5, in a FILTER as in the answer): each "/" of an expression is
 *   sent as "* 1.0 /", which makes the dividend a decimal and leaves the
 *   value of any other division as it was.
 * - A boolean comes back as the integer 0 or 1: an expression bound to a
 *   variable ("(expr AS ?v)", in SELECT or BIND) whose operator is a
 *   comparison or a logical one, or that calls a test (BOUND, REGEX,
 *   CONTAINS ...), is sent as xsd:boolean(expr). */
static bool
flags_a_string(const Tok* k)
{
  static const char xsd_string[] = "<http://www.w3.org/2001/XMLSchema#string>";
  static const char* const fns[] = {"STR",       "LCASE",    "UCASE",  "SUBSTR", "REPLACE",
                                    "STRBEFORE", "STRAFTER", "LANG",   "MD5",    "SHA1",
                                    "SHA256",    "SHA384",   "SHA512", "STRUUID",
                                    "ENCODE_FOR_URI"};
  for (size_t i = 0; i < sizeof fns / sizeof *fns; ++i) {
    if (is_word(k, fns[i])) {
      return true;
    }
  }
  return (k->kind == TK_PNAME && k->len == 10 && !strncmp(k->p, "xsd:string", 10))
         || (k->kind == TK_IRI && k->len == sizeof xsd_string - 1
             && !strncmp(k->p, xsd_string, k->len));
}

/* Is the expression of "(expr AS ?v)", tokens [from, to), a boolean one:
 * its operator at the top a comparison or a logical one, or a test? */
static bool
boolean_expression(const Toks* t, size_t from, size_t to)
{
  static const char* const ops[]   = {"=", "!=", "<", ">", "<=", ">=", "&&", "||", "!"};
  static const char* const tests[] = {"BOUND",     "isIRI",     "isURI",   "isBLANK",
                                      "isLITERAL", "isNUMERIC", "REGEX",   "LANGMATCHES",
                                      "CONTAINS",  "STRSTARTS", "STRENDS", "sameTerm",
                                      "EXISTS",    "true",      "false"};
  for (size_t i = 0; from < to && i < sizeof tests / sizeof *tests; ++i) {
    if (is_word(&t->v[from], tests[i]) && closing(t, from + 1) + 1 >= to) {
      return true; /* the test is the whole expression */
    }
  }
  int depth = 0;
  for (size_t i = from; i < to; ++i) {
    const Tok* k = &t->v[i];
    depth += is_open(k) - is_close(k);
    if (depth == 0 && is_word(k, "IN")) {
      return true;
    }
    for (size_t o = 0; depth == 0 && o < sizeof ops / sizeof *ops; ++o) {
      if (is_punct(k, ops[o])) {
        return true;
      }
    }
  }
  return false;
}

/* Virtuoso's booleans are 0 and 1: the boolean values of the expression
 * [from, to) get xsd:boolean(...) around them.  That is the whole if it is
 * boolean, else the branches of IF and the arguments of COALESCE, whose
 * value may be one (IF(c, ?a = 1, "x")); Virtuoso keeps the type through
 * them. */
static void
mark_booleans(const Toks* t, size_t from, size_t to, unsigned char* open_at,
              unsigned char* close_at, int depth)
{
  if (from >= to || depth > GUARD_MAX_DEPTH) {
    return;
  }
  if (boolean_expression(t, from, to)) {
    open_at[from]++;
    close_at[to]++;
    return;
  }
  bool is_if = is_word(&t->v[from], "IF");
  if (!(is_if || is_word(&t->v[from], "COALESCE")) || closing(t, from + 1) + 1 != to) {
    return;
  }
  size_t arg = from + 2;
  for (size_t i = from + 2, n = 0; i < to; ++i) {
    if (i == to - 1 || is_punct(&t->v[i], ",")) {
      if (!is_if || n++ > 0) { /* IF's condition is no value */
        mark_booleans(t, arg, i, open_at, close_at, depth + 1);
      }
      arg = i + 1;
    } else if (is_open(&t->v[i])) {
      i = closing(t, i);
    }
  }
}

static UnkgStatus
virtuoso_rewrite(const UnkgCtx* c, const char* name, const char* q, char** out)
{
  Toks       t  = {0};
  UnkgBuf    b  = {0};
  UnkgStatus st = tokenize(c, name, q, &t);
  /* Per token: the string calls closing after it (a count), a boolean
   * expression closing before it; per bracket open, whether it holds an
   * expression (a path's or a list's brackets do not). */
  unsigned char* after  = st ? NULL : calloc(t.n + 1, 1);
  unsigned char* before  = st ? NULL : calloc(t.n + 1, 1);
  unsigned char* bool_at = st ? NULL : calloc(t.n + 1, 1);
  bool*          expr   = st ? NULL : calloc(t.n + 1, sizeof *expr);
  size_t         depth  = 0;
  bool           select = false; /* between SELECT and its WHERE */
  st                     = st ? st : after && before && bool_at && expr ? UNKG_OK : UNKG_ERR_NOMEM;
  const char* from      = q;
  for (size_t i = 0; !st && i < t.n; ++i) {
    const Tok* k   = &t.v[i];
    const Tok* pre = i ? k - 1 : NULL;
    select         = is_word(k, "SELECT") || (select && !is_word(k, "WHERE") && !is_punct(k, "{"));
    for (; !st && before[i]; --before[i]) {
      st   = unkg_buf_printf(&b, "%.*s)", (int)(k->p - from), from);
      from = k->p;
    }
    for (; !st && bool_at[i]; --bool_at[i]) {
      st   = unkg_buf_printf(&b, "%.*s<" NS_XSD "boolean>(", (int)(k->p - from), from);
      from = k->p;
    }
    bool in_expr = depth && expr[depth - 1];
    if (!st && is_punct(k, "/") && in_expr) {
      st   = unkg_buf_printf(&b, "%.*s* 1.0 ", (int)(k->p - from), from);
      from = k->p;
    }
    if (!st && flags_a_string(k) && is_punct(k + 1, "(") && closing(&t, i + 1) < t.n) {
      st   = unkg_buf_printf(&b, "%.*sCONCAT(", (int)(k->p - from), from);
      from = k->p;
      after[closing(&t, i + 1)]++;
    }
    if (!st && select && is_word(k, "AVG") && is_punct(k + 1, "(") && closing(&t, i + 1) < t.n) {
      /* Virtuoso's AVG over no solution is unbound; SPARQL's is 0.  A
       * group of GROUP BY is never empty, so only the one group of all
       * solutions can have COUNT 0.  (Not in HAVING: Virtuoso fails it.) */
      st   = unkg_buf_printf(&b, "%.*sIF(COUNT(*) = 0, 0, ", (int)(k->p - from), from);
      from = k->p;
      after[closing(&t, i + 1)]++;
    }
    if (!st && is_word(k, "OFFSET") && !(i >= 2 && is_word(&t.v[i - 2], "LIMIT"))
        && !is_word(&t.v[i + 2], "LIMIT")) {
      /* OFFSET without LIMIT fails in Virtuoso (SQLExecDirect) unless
       * there is an ORDER BY; LIMIT 10^15 is all rows. */
      st   = unkg_buf_printf(&b, "%.*sLIMIT 1000000000000000 ", (int)(k->p - from), from);
      from = k->p;
    }
    if (!st && is_open(k) && depth <= t.n) {
      /* An expression: inside one, after a keyword or a function's name
       * (a word, or an IRI or prefixed name written against the
       * bracket), or a SELECT's "(expr AS ?v)". */
      bool e = in_expr || select
               || (pre && is_punct(k, "(")
                   && (pre->kind == TK_WORD
                       || ((pre->kind == TK_IRI || pre->kind == TK_PNAME)
                           && pre->p + pre->len == k->p)));
      expr[depth++] = e && is_punct(k, "(");
      size_t end    = closing(&t, i);
      if (expr[depth - 1] && end < t.n && end >= i + 3 && is_word(&t.v[end - 2], "AS")
          && t.v[end - 1].kind == TK_VAR) {
        mark_booleans(&t, i + 1, end - 2, bool_at, before, 0);
      }
    } else if (is_close(k) && depth) {
      --depth;
    }
    for (; !st && after[i]; --after[i]) {
      st   = unkg_buf_printf(&b, "%.*s)", (int)(k->p + k->len - from), from);
      from = k->p + k->len;
    }
  }
  st = st ? st : unkg_buf_puts(&b, from);
  free(after);
  free(before);
  free(bool_at);
  free(expr);
  free(t.v);
  if (st) {
    unkg_buf_clear(&b);
    return st == UNKG_ERR_NOMEM ? unkg_error_in(c, name, st, 0, 0, "%s", unkg_strerror(st)) : st;
  }
  *out = unkg_buf_take(&b);
  return rewrite_datatype(c, name, out);
}

/* The query's ASK, if it is one. */
static const Tok*
ask_of(const Toks* t)
{
  for (size_t i = 0; i < t->n; ++i) {
    const Tok* k = &t->v[i];
    if (is_word(k, "SELECT") || is_word(k, "CONSTRUCT") || is_word(k, "DESCRIBE")) {
      break;
    }
    if (is_word(k, "ASK")) {
      return k;
    }
  }
  return NULL;
}

/* The text sent to Virtuoso, without the store's DEFINEs. */
static UnkgStatus
virtuoso_text(Guard* g, const char* query, char** out)
{
  *out          = NULL;
  UnkgStatus st = check_virtuoso(g);
  if (st) {
    return st;
  }
  /* DESCRIBE as everywhere else (Virtuoso's adds the triples that have the
   * resource as object). */
  char* described = NULL;
  for (size_t i = 0; i < g->t->n && !described; ++i) {
    if (is_word(&g->t->v[i], "DESCRIBE") && (st = rewrite_describe(g, query, i, &described))) {
      return st;
    }
  }
  /* The storage's language runs ASK to an ODBC error: it is asked as a
   * SELECT of at most one row.  ASK's place is the same in the query
   * sent: nothing is wrapped before it. */
  const Tok* ask    = ask_of(g->t);
  size_t     ask_at = ask ? (size_t)(ask->p - query) : 0;
  char*      sent   = NULL;
  st                = virtuoso_rewrite(g->c, g->name, described ? described : query, &sent);
  free(described);
  if (st || !ask) {
    *out = sent;
    return st;
  }
  if (strlen(sent) < ask_at + ask->len || strncmp(sent + ask_at, ask->p, ask->len)) {
    free(sent); /* a rewrite moved it: never, but the text is untrusted */
    return unkg_error_in(g->c, g->name, UNKG_ERR_SYNTAX, ask->line, ask->col,
                         "cannot send this ASK to Virtuoso");
  }
  UnkgBuf b = {0};
  st        = unkg_buf_printf(&b, "%.*sSELECT (1 AS ?unkg_ask)%s\nLIMIT 1\n", (int)ask_at, sent,
                              sent + ask_at + ask->len);
  free(sent);
  if (st) {
    unkg_buf_clear(&b);
    return unkg_error_in(g->c, g->name, st, 0, 0, "%s", unkg_strerror(st));
  }
  *out = unkg_buf_take(&b);
  return UNKG_OK;
}

/* The query's tokens, for the Virtuoso path (guard_query checks the
 * length itself). */
static UnkgStatus
virtuoso_tokens(Guard* g, Toks* t, const char* query)
{
  UnkgStatus st = tokenize(g->c, g->name, query, t);
  if (!st && strlen(query) > GUARD_MAX_QUERY) {
    st = unkg_error_in(g->c, g->name, UNKG_ERR_USAGE, 0, 0, "the query is longer than %u bytes",
                       GUARD_MAX_QUERY);
  }
  return st;
}

UnkgStatus
unkg_query_virtuoso_text(const UnkgCtx* c, const char* query, const char* name,
                         const UnkgQueryOptions* opt, char** sent)
{
  Toks       t  = {0};
  Guard      g  = {.c = c, .name = name, .t = &t, .opt = opt ? opt : &no_options};
  UnkgStatus st = virtuoso_tokens(&g, &t, query);
  *sent         = NULL;
  st            = st ? st : virtuoso_text(&g, query, sent);
  free(t.v);
  return st;
}

static UnkgStatus
virtuoso_query(const UnkgCtx* c, UnkgStore* s, Guard* g, const char* query, UnkgQueryFormat fmt,
               FILE* out)
{
  const char* name = g->name;
  const Tok*  ask  = ask_of(g->t);
  char*       sent = NULL;
  UnkgStatus  st   = virtuoso_text(g, query, &sent);
  if (st) {
    return st;
  }
  UnkgBuf text = {0};
  st           = unkg_store_virtuoso_defines(c, s, &text);
  st           = st ? st : unkg_buf_puts(&text, sent);
  free(sent);
  if (st) {
    unkg_buf_clear(&text);
    return st;
  }
  unkg_store_begin(s, c);
  librdf_query* q = unkg_store_virtuoso_language(s)
                      ? librdf_new_query(s->world, "vsparql", NULL, (const unsigned char*)text.data,
                                         NULL)
                      : NULL;
  if (!q) {
    unkg_buf_clear(&text);
    return unkg_store_end(s, unkg_error_in(c, name, UNKG_ERR_RDF, 0, 0,
                                           "cannot start Virtuoso's SPARQL through librdf "
                                           "(librdf-storage-virtuoso)%s%s",
                                           s->failed ? ": " : "", s->msg));
  }
  librdf_query_results* res = librdf_model_query_execute(s->model, q);
  VtRepair              fix = {s->world, NULL, 0, NULL, 0};
  fix.langs                 = unkg_store_virtuoso_list(s, "languages", &fix.nlangs);
  fix.types                 = unkg_store_virtuoso_list(s, "datatypes", &fix.ntypes);
  vt_repair                 = &fix;
  if (!res || s->failed) {
    char*       why  = unkg_store_virtuoso_compile_error(s, text.data);
    const char* msg  = why ? why : s->failed ? s->msg : "Virtuoso could not run the query";
    int         line = virtuoso_error_line(msg);
    int         col  = line > 0 ? column_of_error(g->t, line, msg) : 0;
    st               = unkg_error_in(c, name, line > 0 ? UNKG_ERR_SYNTAX : UNKG_ERR_RDF,
                       line > 0 ? (unsigned)line : 0, col > 0 ? (unsigned)col : 0, "%s", msg);
    free(why);
  } else if (ask) {
    bool yes = !librdf_query_results_finished(res);
    if (fmt == UNKG_QFMT_JSON) {
      fprintf(out, "{ \"head\": {}, \"boolean\": %s }\n", yes ? "true" : "false");
    } else if (fmt == UNKG_QFMT_XML) {
      fprintf(out,
              "<?xml version=\"1.0\"?>\n<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
              "  <head/>\n  <boolean>%s</boolean>\n</sparql>\n",
              yes ? "true" : "false");
    } else {
      fprintf(out, "%s\n", yes ? "true" : "false");
    }
  } else if (librdf_query_results_is_graph(res)) {
    st = write_triple_rows(res, out);
  } else {
    st = write_results(res, g, fmt, out);
    if (!st && s->failed) {
      st = unkg_error_in(c, name, UNKG_ERR_RDF, 0, 0, "%s", s->msg);
    }
  }
  vt_repair = NULL;
  unkg_buf_clear(&text);
  for (size_t i = 0; i < fix.nlangs; ++i) {
    free(fix.langs[i]);
  }
  for (size_t i = 0; i < fix.ntypes; ++i) {
    free(fix.types[i]);
  }
  free(fix.langs);
  free(fix.types);
  if (res) {
    librdf_free_query_results(res);
  }
  librdf_free_query(q);
  return unkg_store_end(s, st);
}

/* A string in JSON: quotes, backslashes and control characters escaped. */
static UnkgStatus
put_json(UnkgBuf* b, const char* v, size_t len)
{
  UnkgStatus st = unkg_buf_puts(b, "\"");
  for (size_t i = 0; !st && i < len; ++i) {
    unsigned char ch = (unsigned char)v[i];
    st               = ch == '"' || ch == '\\' ? unkg_buf_printf(b, "\\%c", ch)
                       : ch < 0x20             ? unkg_buf_printf(b, "\\u%04x", ch)
                                               : unkg_buf_append(b, v + i, 1);
  }
  return st ? st : unkg_buf_puts(b, "\"");
}

/* CSV, SPARQL JSON and SPARQL XML results written by unkg: librdf's
 * writers print nothing for the Virtuoso storage's results (and would
 * print its unrepaired nodes), and no header for an answer with no row. */
static UnkgStatus
write_own(librdf_query_results* res, const Guard* g, UnkgQueryFormat fmt, FILE* out)
{
  size_t     cols = column_count(res, g);
  UnkgBuf    b    = {0};
  UnkgStatus st   = UNKG_OK;
  char*      names[256];
  cols = cols > 256 ? 256 : cols;
  for (size_t c = 0; c < cols; ++c) {
    names[c] = column_name(res, g, c);
  }
  if (fmt == UNKG_QFMT_JSON) {
    st = unkg_buf_puts(&b, "{ \"head\": { \"vars\": [");
    for (size_t c = 0; !st && c < cols; ++c) {
      st = c ? unkg_buf_puts(&b, ", ") : UNKG_OK;
      st = st ? st : put_json(&b, names[c] ? names[c] : "", names[c] ? strlen(names[c]) : 0);
    }
    st = st ? st : unkg_buf_puts(&b, "] },\n  \"results\": { \"bindings\": [\n");
  } else if (fmt == UNKG_QFMT_XML) {
    st = unkg_buf_puts(&b,
                       "<?xml version=\"1.0\"?>\n<sparql "
                       "xmlns=\"http://www.w3.org/2005/sparql-results#\">\n  <head>\n");
    for (size_t c = 0; !st && c < cols; ++c) {
      st = unkg_buf_puts(&b, "    <variable name=\"");
      st = st ? st
              : unkg_escape_buf(&b, UNKG_ESC_XML_ATTR, names[c] ? names[c] : "",
                                names[c] ? strlen(names[c]) : 0);
      st = st ? st : unkg_buf_puts(&b, "\"/>\n");
    }
    st = st ? st : unkg_buf_puts(&b, "  </head>\n  <results>\n");
  } else {
    for (size_t c = 0; !st && c < cols; ++c) {
      st = unkg_buf_printf(&b, "%s%s", c ? "," : "", names[c] ? names[c] : "");
    }
    st = st ? st : unkg_buf_puts(&b, "\r\n");
  }
  size_t rows = 0;
  for (; !st && !librdf_query_results_finished(res); librdf_query_results_next(res)) {
    if (g->opt->max_rows && rows == g->opt->max_rows) {
      warn_cut(g->opt);
      break;
    }
    st         = fmt == UNKG_QFMT_JSON  ? unkg_buf_puts(&b, rows ? ",\n    {" : "    {")
                 : fmt == UNKG_QFMT_XML ? unkg_buf_puts(&b, "    <result>\n")
                                        : UNKG_OK;
    bool first = true;
    for (size_t c = 0; !st && c < cols; ++c) {
      librdf_node* n    = binding(res, (int)c);
      size_t       len  = 0;
      const char*  v    = NULL;
      const char*  lang = NULL;
      const char*  dts  = NULL;
      const char*  type = "literal";
      if (n && librdf_node_is_resource(n)) {
        v    = (const char*)librdf_uri_as_string(librdf_node_get_uri(n));
        len  = strlen(v);
        type = "uri";
      } else if (n && librdf_node_is_blank(n)) {
        v    = (const char*)librdf_node_get_blank_identifier(n);
        len  = strlen(v);
        type = "bnode";
      } else if (n) {
        v              = (const char*)librdf_node_get_literal_value_as_counted_string(n, &len);
        lang           = librdf_node_get_literal_value_language(n);
        librdf_uri* dt = librdf_node_get_literal_value_datatype_uri(n);
        dts            = dt ? (const char*)librdf_uri_as_string(dt) : NULL;
      }
      if (fmt == UNKG_QFMT_CSV) {
        st         = c ? unkg_buf_puts(&b, ",") : UNKG_OK;
        bool quote = v && (strpbrk(v, ",\"\r\n") != NULL);
        for (size_t i = 0; !st && quote && i <= len; ++i) {
          st = i == 0 ? unkg_buf_puts(&b, "\"") : UNKG_OK;
          st = st            ? st
               : i == len    ? unkg_buf_puts(&b, "\"")
               : v[i] == '"' ? unkg_buf_puts(&b, "\"\"")
                             : unkg_buf_append(&b, v + i, 1);
        }
        if (!st && v && !quote) {
          st = unkg_buf_append(&b, v, len);
        }
      } else if (n && fmt == UNKG_QFMT_JSON) {
        st = unkg_buf_puts(&b, first ? " " : ", ");
        st = st ? st : put_json(&b, names[c] ? names[c] : "", names[c] ? strlen(names[c]) : 0);
        st = st ? st : unkg_buf_printf(&b, ": { \"type\": \"%s\", \"value\": ", type);
        st = st ? st : put_json(&b, v, len);
        if (!st && lang && *lang) {
          st = unkg_buf_puts(&b, ", \"xml:lang\": ");
          st = st ? st : put_json(&b, lang, strlen(lang));
        } else if (!st && dts) {
          st = unkg_buf_puts(&b, ", \"datatype\": ");
          st = st ? st : put_json(&b, dts, strlen(dts));
        }
        st    = st ? st : unkg_buf_puts(&b, " }");
        first = false;
      } else if (n && fmt == UNKG_QFMT_XML) {
        st = unkg_buf_puts(&b, "      <binding name=\"");
        st = st ? st
                : unkg_escape_buf(&b, UNKG_ESC_XML_ATTR, names[c] ? names[c] : "",
                                  names[c] ? strlen(names[c]) : 0);
        st = st ? st : unkg_buf_printf(&b, "\"><%s", type);
        if (!st && lang && *lang) {
          st = unkg_buf_puts(&b, " xml:lang=\"");
          st = st ? st : unkg_escape_buf(&b, UNKG_ESC_XML_ATTR, lang, strlen(lang));
          st = st ? st : unkg_buf_puts(&b, "\"");
        } else if (!st && dts) {
          st = unkg_buf_puts(&b, " datatype=\"");
          st = st ? st : unkg_escape_buf(&b, UNKG_ESC_XML_ATTR, dts, strlen(dts));
          st = st ? st : unkg_buf_puts(&b, "\"");
        }
        st = st ? st : unkg_buf_puts(&b, ">");
        st = st ? st : unkg_escape_buf(&b, UNKG_ESC_XML_TEXT, v, len);
        st = st ? st : unkg_buf_printf(&b, "</%s></binding>\n", type);
      }
      if (n) {
        librdf_free_node(n);
      }
    }
    st = st                      ? st
         : fmt == UNKG_QFMT_JSON ? unkg_buf_puts(&b, " }")
         : fmt == UNKG_QFMT_XML  ? unkg_buf_puts(&b, "    </result>\n")
                                 : unkg_buf_puts(&b, "\r\n");
    ++rows;
  }
  if (!st) {
    st = fmt == UNKG_QFMT_JSON  ? unkg_buf_puts(&b, "\n  ] }\n}\n")
         : fmt == UNKG_QFMT_XML ? unkg_buf_puts(&b, "  </results>\n</sparql>\n")
                                : UNKG_OK;
  }
  if (!st && b.data) {
    fwrite(b.data, 1, b.len, out);
  }
  unkg_buf_clear(&b);
  for (size_t c = 0; c < cols; ++c) {
    free(names[c]);
  }
  return st;
}

static UnkgStatus
write_results(librdf_query_results* res, const Guard* g, UnkgQueryFormat fmt, FILE* out)
{
  UnkgStatus st = UNKG_OK;
  /* With no row, librdf's writers leave the header out too. */
  if ((vt_repair || (librdf_query_results_get_bindings_count(res) <= 0 && g->columns))
      && librdf_query_results_is_bindings(res)
      && (fmt == UNKG_QFMT_CSV || fmt == UNKG_QFMT_JSON || fmt == UNKG_QFMT_XML)) {
    return write_own(res, g, fmt, out);
  }
  if (librdf_query_results_is_bindings(res)) {
    switch (fmt) {
    case UNKG_QFMT_TABLE: st = write_table(res, g, g->opt->max_rows, out); break;
    case UNKG_QFMT_TSV: st = write_tsv(res, g, g->opt->max_rows, out); break;
    case UNKG_QFMT_CSV: st = write_library(res, "csv", out); break;
    case UNKG_QFMT_JSON: st = write_library(res, "json", out); break;
    case UNKG_QFMT_XML: st = write_library(res, "xml", out); break;
    }
  } else if (librdf_query_results_is_boolean(res)) {
    if (fmt == UNKG_QFMT_JSON || fmt == UNKG_QFMT_XML) {
      st = write_library(res, fmt == UNKG_QFMT_JSON ? "json" : "xml", out);
    } else {
      fprintf(out, "%s\n", librdf_query_results_get_boolean(res) > 0 ? "true" : "false");
    }
  } else if (librdf_query_results_is_graph(res)) {
    st = write_graph(res, out);
  } else {
    st = UNKG_ERR_RDF;
  }
  return st;
}

/* ---- aggregates over no solution ---------------------------------------------- */

/* Is the pattern's answer, asked alone with the query's prologue, not
 * empty?  The ASK goes through the same checks and rewrites. */
static UnkgStatus
has_solution(const UnkgCtx* c, UnkgStore* s, librdf_model* model, const char* name, const char* ask,
             bool* any)
{
  Toks                          t    = {0};
  Guard                         g    = {.c = c, .name = name, .t = &t, .opt = &no_options};
  char*                         run  = NULL;
  UnkgStatus                    st   = tokenize(c, name, ask, &t);
  st                                 = st ? st : guard_query(&g, ask, &run);
  librdf_query*         q            = st ? NULL
                                          : librdf_new_query(s->world, "sparql", NULL, (const unsigned char*)run, NULL);
  librdf_query_results* res          = q ? librdf_model_query_execute(model, q) : NULL;
  int                   b = res && !s->failed ? librdf_query_results_get_boolean(res) : -1;
  if (!st && b < 0) {
    st = unkg_error_in(c, name, UNKG_ERR_RDF, 0, 0,
                       "cannot tell whether an aggregate's pattern has a solution: %s",
                       s->failed ? s->msg : "the engine gave no answer");
  }
  *any = b > 0;
  if (res) {
    librdf_free_query_results(res);
  }
  if (q) {
    librdf_free_query(q);
  }
  free(run);
  free(t.v);
  return st;
}

static size_t
offset_of(const Toks* t, const char* q, size_t i)
{
  return i < t->n ? (size_t)(t->v[i].p - q) : strlen(q);
}

/* A replacement in the query, in the query's own offsets: what follows
 * end moved by delta. */
typedef struct {
  size_t    end;
  ptrdiff_t delta;
} Edit;

static size_t
moved(const Edit* e, size_t n, size_t off)
{
  size_t r = off;
  for (size_t i = 0; i < n; ++i) {
    r += e[i].end <= off ? (size_t)e[i].delta : 0;
  }
  return r;
}

/* What a SELECT that aggregates answers over no solution, in SPARQL 1.1:
 * with GROUP BY no row; without, one row where COUNT, SUM and AVG are 0,
 * GROUP_CONCAT "" and the others an error (unbound), in the columns'
 * own expressions.  The text replaces the SELECT from its keyword to the
 * end of its WHERE group (to the end of the sub-query, or of the query,
 * with GROUP BY). */
static UnkgStatus
empty_answer(const Toks* t, const char* q, const AggSelect* a, UnkgBuf* b)
{
  size_t     from = offset_of(t, q, a->select);
  UnkgStatus st   = UNKG_OK;
  if (a->grouped) {
    st = unkg_buf_puts(b, "SELECT");
    for (size_t i = a->select + 1; !st && i < a->open; ++i) {
      const Tok* k = &t->v[i];
      if (k->kind == TK_VAR || is_punct(k, "*")) {
        st = unkg_buf_printf(b, " %.*s", (int)k->len, k->p);
      } else if (is_punct(k, "(")) {
        i  = closing(t, i); /* (expr AS ?v): the column is ?v */
        st = i < t->n ? unkg_buf_printf(b, " %.*s", (int)t->v[i - 1].len, t->v[i - 1].p) : st;
      }
    }
    return st ? st : unkg_buf_puts(b, " WHERE { FILTER (false) } ");
  }
  static const char* const none[] = {"0", "0",          "?unkg_none", "?unkg_none",
                                     "0", "?unkg_none", "\"\""};
  for (size_t i = a->select + 1; !st && i < a->open; ++i) {
    int f = aggregate_of(&t->v[i]);
    if (f >= 0 && closing(t, i + 1) < a->open) {
      st   = unkg_buf_printf(b, "%.*s%s", (int)(t->v[i].p - q - from), q + from, none[f]);
      i    = closing(t, i + 1);
      from = offset_of(t, q, i) + 1;
    }
  }
  return st ? st : unkg_buf_printf(b, "%.*s{ }", (int)(offset_of(t, q, a->open) - from), q + from);
}

/* Rasqal answers a SELECT that aggregates wrongly when its pattern has no
 * solution: GROUP BY gives one group of nothing (COUNT 1) where SPARQL
 * gives no row, and a sub-query without GROUP BY no row where SPARQL
 * gives one (COUNT 0).  So each such SELECT's pattern is asked first,
 * inner ones first, and a SELECT whose pattern has none is replaced by
 * one that gives SPARQL's answer (empty_answer).  *mended is the query
 * so changed, or NULL if every pattern has a solution. */
static UnkgStatus
mend_empty_aggregates(const UnkgCtx* c, UnkgStore* s, librdf_model* model, Guard* g, const char* q,
                      char** mended)
{
  const Toks* t    = g->t;
  size_t      form = 0;
  while (form < t->n && !is_word(&t->v[form], "SELECT") && !is_word(&t->v[form], "ASK")
         && !is_word(&t->v[form], "CONSTRUCT") && !is_word(&t->v[form], "DESCRIBE")) {
    ++form;
  }
  /* A bracket that never closes: Rasqal's parse will say where; an
   * unclosed SELECT has no end to replace to. */
  for (size_t k = 0; k < g->naggs; ++k) {
    if (g->aggs[k].close >= t->n || (g->aggs[k].sub && g->aggs[k].end >= t->n)) {
      *mended = NULL;
      return UNKG_OK;
    }
  }
  Edit       edit[GUARD_MAX_AGGS];
  size_t     nedits = 0;
  char*      cur    = NULL;
  UnkgBuf    b      = {0};
  UnkgStatus st     = UNKG_OK;
  for (size_t k = 0; !st && k < g->naggs; ++k) {
    const AggSelect* a    = &g->aggs[k];
    const char*      text = cur ? cur : q;
    size_t           open = offset_of(t, q, a->open), close = offset_of(t, q, a->close) + 1;
    size_t           from = offset_of(t, q, a->select);
    size_t           to   = !a->grouped ? close : a->sub ? offset_of(t, q, a->end) : strlen(q);
    size_t           mo = moved(edit, nedits, open), mc = moved(edit, nedits, close);
    size_t           mf = moved(edit, nedits, from), mt = moved(edit, nedits, to);
    bool             any = true;
    if (!(mf <= mo && mo < mc && mc <= mt && mt <= strlen(text))) {
      /* not nested as the brackets say: never, but the text is untrusted,
       * and an unmended SELECT may answer wrongly */
      st = unkg_error_in(c, g->name, UNKG_ERR_SYNTAX, t->v[a->select].line, t->v[a->select].col,
                         "cannot check whether this SELECT's pattern has a solution");
      break;
    }
    b.len                = 0;
    st = unkg_buf_printf(&b, "%.*sASK %.*s", (int)offset_of(t, q, form), q, (int)(mc - mo),
                         text + mo);
    st = st ? st : has_solution(c, s, model, g->name, b.data, &any);
    if (st || any) {
      continue;
    }
    b.len        = 0;
    st           = unkg_buf_printf(&b, "%.*s", (int)mf, text);
    st           = st ? st : empty_answer(t, q, a, &b);
    size_t added = b.len - mf;
    st           = st ? st : unkg_buf_puts(&b, text + mt);
    if (!st) {
      edit[nedits].end     = to;
      edit[nedits++].delta = (ptrdiff_t)added - (ptrdiff_t)(mt - mf);
      free(cur);
      cur = unkg_buf_take(&b);
    }
  }
  unkg_buf_clear(&b);
  if (st) {
    free(cur);
    cur = NULL;
  }
  *mended = cur;
  return st;
}

UnkgStatus
unkg_store_query(const UnkgCtx* c, UnkgStore* s, const char* query, const char* name,
                 UnkgQueryFormat fmt, const UnkgQueryOptions* opt, FILE* out)
{
  if (s->vdir) {
    Toks       t  = {0};
    Guard      g  = {.c = c, .name = name, .t = &t, .opt = opt ? opt : &no_options};
    UnkgStatus st = virtuoso_tokens(&g, &t, query);
    st            = st ? st : virtuoso_query(c, s, &g, query, fmt, out);
    free(t.v);
    return st;
  }
  opt                                = opt ? opt : &no_options;
  Toks       t                       = {0};
  Guard      g                       = {.c = c, .name = name, .t = &t, .opt = opt};
  char*      run                     = NULL;
  UnkgStatus st                      = tokenize(c, name, query, &t);
  if (!st) {
    st = guard_query(&g, query, &run);
  }
  if (st) {
    free(t.v);
    return st;
  }
  unkg_store_begin(s, c);
  librdf_model* model  = unkg_store_query_model(s);
  char*         mended = NULL;
  if (model && g.naggs) {
    st = mend_empty_aggregates(c, s, model, &g, query, &mended);
    if (!st && mended) {
      Toks  mt = {0};
      Guard mg = {.c = c, .name = name, .t = &mt, .opt = opt};
      free(run);
      run = NULL;
      st  = tokenize(c, name, mended, &mt);
      st  = st ? st : guard_query(&mg, mended, &run);
      free(mt.v);
    }
    free(mended);
    if (st) {
      free(run);
      free(t.v);
      return unkg_store_end(s, st);
    }
    unkg_store_begin(s, c);
  }
  /* Rasqal's "sparql" is its SPARQL 1.1 Query (and Update) language. */
  librdf_query* q =
    model ? librdf_new_query(s->world, "sparql", NULL, (const unsigned char*)run, NULL) : NULL;
  if (!q) {
    free(run);
    free(t.v);
    return unkg_store_end(s, unkg_error_in(c, name, UNKG_ERR_RDF, 0, 0,
                                           "cannot start the SPARQL engine%s%s",
                                           s->failed ? ": " : "", s->msg));
  }
  /* Rasqal parses the query on the first execution, so syntax errors
   * surface here, through the logger. */
  librdf_query_results* res      = librdf_model_query_execute(model, q);
  bool                  reported = false;
  if (!res || s->failed) {
    bool syntax = s->line > 0;
    int  column = syntax && s->column <= 0 ? column_of_error(&t, s->line, s->msg) : s->column;
    st          = unkg_error_in(c, name, syntax ? UNKG_ERR_SYNTAX : UNKG_ERR_RDF,
                       syntax ? (unsigned)s->line : 0,
                       syntax && column > 0 ? (unsigned)column : 0, "%s",
                       s->failed ? s->msg : "the query could not be run");
    reported    = true;
  } else {
    /* vt_repair is NULL here: the answers are written as Rasqal gives them. */
    if (!(g.empty_template && librdf_query_results_is_graph(res))) {
      st = write_results(res, &g, fmt, out);
    }
  }
  if (!reported && (st || s->failed)) {
    st = unkg_error_in(c, name, st ? st : UNKG_ERR_RDF, 0, 0, "%s",
                       s->failed ? s->msg : unkg_strerror(st));
  }
  if (res) {
    librdf_free_query_results(res);
  }
  librdf_free_query(q);
  free(run);
  free(t.v);
  return unkg_store_end(s, st);
}

/* ---- the query in a child process ---------------------------------------------- */

static void
limit(int resource, rlim_t value)
{
  struct rlimit r;
  if (getrlimit(resource, &r) == 0 && (r.rlim_max == RLIM_INFINITY || value < r.rlim_max)) {
    r.rlim_cur = r.rlim_max = value;
    setrlimit(resource, &r);
  }
}

int
unkg_query_isolated(const UnkgCtx* c, const UnkgQueryLimits* lim, int (*fn)(void*), void* arg)
{
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    unkg_error_in(c, NULL, UNKG_ERR_IO, 0, 0, "cannot start the query process: %s",
                  strerror(errno));
    return 1;
  }
  if (pid == 0) {
    /* No core files; memory, stack and CPU bounded: a runaway query ends
     * in a clear error instead of taking the machine. */
    limit(RLIMIT_CORE, 0);
    if (lim->max_memory_mb) {
      /* On top of what the process has mapped already: a sanitizer's
       * shadow memory alone is terabytes of address space. */
      unsigned long pages = 0;
      FILE*         f     = fopen("/proc/self/statm", "r");
      if (f && fscanf(f, "%lu", &pages) != 1) {
        pages = 0;
      }
      if (f) {
        fclose(f);
      }
      long page = sysconf(_SC_PAGESIZE);
      limit(RLIMIT_AS, ((rlim_t)lim->max_memory_mb << 20) + (rlim_t)pages * (rlim_t)(page > 0 ? page : 4096));
    }
    limit(RLIMIT_STACK, (rlim_t)64 << 20);
    if (lim->timeout_s) {
      limit(RLIMIT_CPU, (rlim_t)lim->timeout_s + 1);
    }
    int rc = fn(arg);
    fflush(stdout);
    fflush(stderr);
    _exit(rc);
  }
  struct timespec start, now, nap = {0, 5 * 1000 * 1000};
  clock_gettime(CLOCK_MONOTONIC, &start);
  int  status    = 0;
  bool timed_out = false;
  for (;;) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid || (r < 0 && errno != EINTR)) {
      break;
    }
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (lim->timeout_s && now.tv_sec - start.tv_sec >= (time_t)lim->timeout_s && !timed_out) {
      timed_out = true;
      kill(pid, SIGKILL);
    }
    nanosleep(&nap, NULL);
  }
  if (WIFEXITED(status)) {
    return WEXITSTATUS(status);
  }
  int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  if (timed_out || sig == SIGXCPU) {
    unkg_error_in(c, NULL, UNKG_ERR_IO, 0, 0, "the query ran longer than %u s (--timeout); stopped",
                  lim->timeout_s);
  } else {
    unkg_error_in(c, NULL, UNKG_ERR_RDF, 0, 0,
                  "the SPARQL engine crashed (%s)%s; the query was not answered",
                  sig ? strsignal(sig) : "unknown",
                  lim->max_memory_mb ? ", perhaps out of the memory --max-memory allows" : "");
  }
  return 1;
}
