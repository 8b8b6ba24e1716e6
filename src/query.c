#include "query.h"

#include "store_impl.h"

#include "buf.h"
#include "escape.h"
#include "vocab.h"

#include <redland.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* Reads every row of the bindings, each term through put. */
static UnkgStatus
collect(librdf_query_results* res, Rows* r, UnkgStatus (*put)(UnkgBuf*, librdf_node*))
{
  int cols = librdf_query_results_get_bindings_count(res);
  r->cols  = cols > 0 ? (size_t)cols : 0;
  /* The names first: Rasqal forgets them once the last row is read. */
  if (!(r->names = calloc(r->cols + 1, sizeof *r->names))) {
    return UNKG_ERR_NOMEM;
  }
  for (size_t c = 0; c < r->cols; ++c) {
    const char* name = librdf_query_results_get_binding_name(res, (int)c);
    if (!(r->names[c] = unkg_strdup(name ? name : ""))) {
      return UNKG_ERR_NOMEM;
    }
  }
  for (; !librdf_query_results_finished(res); librdf_query_results_next(res)) {
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
      librdf_node* n  = librdf_query_results_get_binding_value(res, (int)c);
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

static UnkgStatus
put_tsv_term(UnkgBuf* b, librdf_node* n)
{
  return put_term(b, n, true);
}

static UnkgStatus
write_tsv(librdf_query_results* res, FILE* out)
{
  Rows       r  = {0};
  UnkgStatus st = collect(res, &r, put_tsv_term);
  if (!st) {
    for (size_t c = 0; c < r.cols; ++c) {
      fprintf(out, "%s?%s", c ? "\t" : "", r.names[c]);
    }
    fputc('\n', out);
    for (size_t i = 0; i < r.rows; ++i) {
      for (size_t c = 0; c < r.cols; ++c) {
        fprintf(out, "%s%s", c ? "\t" : "", r.cells[i * r.cols + c]);
      }
      fputc('\n', out);
    }
  }
  rows_clear(&r);
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
write_table(librdf_query_results* res, FILE* out)
{
  Rows       r  = {0};
  UnkgStatus st = collect(res, &r, put_cell);
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
  char**         lines  = NULL;
  size_t         n = 0, cap = 0;
  UnkgStatus     st = stream ? UNKG_OK : UNKG_ERR_RDF;
  for (; !st && !librdf_stream_end(stream); librdf_stream_next(stream)) {
    librdf_statement* t = librdf_stream_get_object(stream);
    UnkgBuf           b = {0};
    if (n == cap) {
      size_t c = cap ? cap * 2 : 256;
      char** v = realloc(lines, c * sizeof *v);
      if (!v) {
        st = UNKG_ERR_NOMEM;
        break;
      }
      lines = v;
      cap   = c;
    }
    if ((st = put_term(&b, librdf_statement_get_subject(t), false)) || (st = unkg_buf_puts(&b, " "))
        || (st = put_term(&b, librdf_statement_get_predicate(t), false))
        || (st = unkg_buf_puts(&b, " ")) || (st = put_term(&b, librdf_statement_get_object(t), false))
        || (st = unkg_buf_puts(&b, " ."))) {
      unkg_buf_clear(&b);
      break;
    }
    lines[n++] = unkg_buf_take(&b);
  }
  if (stream) {
    librdf_free_stream(stream);
  }
  if (!st && n) {
    qsort(lines, n, sizeof *lines, cmp_str);
    for (size_t i = 0; i < n; ++i) {
      if (i == 0 || strcmp(lines[i], lines[i - 1])) {
        fprintf(out, "%s\n", lines[i]);
      }
    }
  }
  for (size_t i = 0; i < n; ++i) {
    free(lines[i]);
  }
  free(lines);
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

UnkgStatus
unkg_store_query(const UnkgCtx* c, UnkgStore* s, const char* query, const char* name,
                 UnkgQueryFormat fmt, FILE* out)
{
  unkg_store_begin(s, c);
  /* Rasqal's "sparql" is its SPARQL 1.1 Query (and Update) language. */
  librdf_query* q = librdf_new_query(s->world, "sparql", NULL, (const unsigned char*)query, NULL);
  if (!q) {
    return unkg_store_end(s, unkg_error_in(c, name, UNKG_ERR_RDF, 0, 0,
                                           "cannot start the SPARQL engine%s%s",
                                           s->failed ? ": " : "", s->msg));
  }
  /* Rasqal parses the query on the first execution, so syntax errors
   * surface here, through the logger. */
  librdf_query_results* res      = librdf_model_query_execute(unkg_store_query_model(s), q);
  UnkgStatus            st       = UNKG_OK;
  bool                  reported = false;
  if (!res || s->failed) {
    bool syntax = s->line > 0;
    st          = unkg_error_in(c, name, syntax ? UNKG_ERR_SYNTAX : UNKG_ERR_RDF,
                       syntax ? (unsigned)s->line : 0,
                       syntax && s->column > 0 ? (unsigned)s->column : 0, "%s",
                       s->failed ? s->msg : "the query could not be run");
    reported    = true;
  } else if (librdf_query_results_is_bindings(res)) {
    switch (fmt) {
    case UNKG_QFMT_TABLE: st = write_table(res, out); break;
    case UNKG_QFMT_TSV: st = write_tsv(res, out); break;
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
  if (!reported && (st || s->failed)) {
    st = unkg_error_in(c, name, st ? st : UNKG_ERR_RDF, 0, 0, "%s",
                       s->failed ? s->msg : unkg_strerror(st));
  }
  if (res) {
    librdf_free_query_results(res);
  }
  librdf_free_query(q);
  return unkg_store_end(s, st);
}
