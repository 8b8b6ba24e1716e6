/* Queries over a three-triple file, in each format unkg writes itself,
 * against results worked out by hand; and the ways a query fails. */
#include "query.h"
#include "sparql_regex.h"
#include "store.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CTXP(d) (&(UnkgCtx){NULL, unkg_diag_keep, (d), ""})

static char       tmp[64];
static UnkgStore* store;

/* Turtle, not N-Triples: Raptor's N-Triples parser leaks every datatype
 * IRI it reads, and valgrind runs these suites. */
static const char data[] =
  "<http://x/a> <http://www.w3.org/2004/02/skos/core#prefLabel> \"约旦\"@zh .\n"
  "<http://x/b> <http://www.w3.org/2004/02/skos/core#prefLabel> \"a\\tb\" .\n"
  "<http://x/c> <https://w3id.org/unkg/ontology#session> "
  "\"71\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n";

static void
setup(void)
{
  snprintf(tmp, sizeof tmp, "%s", "/tmp/unkg-query.XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(tmp));
  char path[128];
  snprintf(path, sizeof path, "%s/three.ttl", tmp);
  FILE* f = fopen(path, "wb");
  ck_assert_ptr_nonnull(f);
  fputs(data, f);
  fclose(f);
  UnkgDiag d = {0};
  ck_assert_int_eq(unkg_store_open_for_query(CTX(d), NULL, &store), UNKG_OK);
  ck_assert_int_eq(unkg_store_load(CTX(d), store, path), UNKG_OK);
}

static void
teardown(void)
{
  unkg_store_free(store);
  store = NULL;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
  ck_assert_int_eq(system(cmd), 0);
}

/* The output of query in fmt; st receives the status. */
static char*
run(const char* query, UnkgQueryFormat fmt, UnkgStatus* st, UnkgDiag* d)
{
  char*  text = NULL;
  size_t len  = 0;
  FILE*  out  = open_memstream(&text, &len);
  *st         = unkg_store_query(CTXP(d), store, query, "-e", fmt, NULL, out);
  fclose(out);
  return text;
}

START_TEST(free_null)
{
  unkg_store_free(NULL);
}
END_TEST

START_TEST(names_and_widths)
{
  ck_assert_int_eq(unkg_query_format_parse("tsv"), UNKG_QFMT_TSV);
  ck_assert_int_eq(unkg_query_format_parse("table"), UNKG_QFMT_TABLE);
  ck_assert_int_eq(unkg_query_format_parse("yaml"), 0);
  ck_assert_int_eq(unkg_query_format_parse(NULL), 0);
  ck_assert_uint_eq(unkg_display_width("约旦 a"), 6);
}
END_TEST

START_TEST(tsv)
{
  UnkgStatus st;
  UnkgDiag   d    = {0};
  char*      rows = run("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s", UNKG_QFMT_TSV, &st, &d);
  ck_assert_int_eq(st, UNKG_OK);
  ck_assert_str_eq(rows,
                   "?s\t?o\n"
                   "<http://x/a>\t\"约旦\"@zh\n"
                   "<http://x/b>\t\"a\\tb\"\n"
                   "<http://x/c>\t71\n");
  free(rows);
}
END_TEST

START_TEST(table)
{
  UnkgStatus st;
  UnkgDiag   d    = {0};
  char*      rows = run("SELECT ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s", UNKG_QFMT_TABLE, &st, &d);
  ck_assert_int_eq(st, UNKG_OK);
  ck_assert_str_eq(rows,
                   " p              | o\n"
                   "----------------+------\n"
                   " skos:prefLabel | 约旦\n"
                   " skos:prefLabel | a b\n"
                   " unkg:session   | 71\n"
                   "(3 rows)\n");
  free(rows);
}
END_TEST

START_TEST(ask_and_construct)
{
  UnkgStatus st;
  UnkgDiag   d   = {0};
  char*      ask = run("ASK { ?s ?p 71 }", UNKG_QFMT_TSV, &st, &d);
  ck_assert_int_eq(st, UNKG_OK);
  ck_assert_str_eq(ask, "true\n");
  free(ask);
  char* nt = run(
    "CONSTRUCT { ?s <http://x/label> ?o } WHERE { ?s ?p ?o FILTER(isLiteral(?o) && !isNumeric(?o)) }",
    UNKG_QFMT_TABLE, &st, &d);
  ck_assert_int_eq(st, UNKG_OK);
  ck_assert_str_eq(nt,
                   "<http://x/a> <http://x/label> \"约旦\"@zh .\n"
                   "<http://x/b> <http://x/label> \"a\\tb\" .\n");
  free(nt);
}
END_TEST

START_TEST(errors)
{
  UnkgStatus st;
  UnkgDiag   d   = {0};
  char*      out = run("SELECT ?s WHERE {\n  ?s <http://x/p> ; .\n}", UNKG_QFMT_TSV, &st, &d);
  ck_assert_int_eq(st, UNKG_ERR_SYNTAX);
  ck_assert_str_eq(d.file, "-e");
  ck_assert_uint_eq(d.line, 2);
  ck_assert_str_eq(out, ""); /* nothing written */
  free(out);
  UnkgStore* s = NULL;
  char       missing[128];
  snprintf(missing, sizeof missing, "%s/none.db", tmp);
  d = (UnkgDiag){0};
  ck_assert_int_eq(unkg_store_open_for_query(CTX(d), missing, &s), UNKG_ERR_IO);
  ck_assert_ptr_null(s);
  ck_assert_str_eq(d.file, missing);
  ck_assert_str_eq(d.msg, "no such store (make one with unkg load)");
}
END_TEST

/* Rasqal evaluates SPARQL's (XPath's) regular expressions with POSIX
 * ones: what the two read otherwise is refused, what they read alike runs. */
START_TEST(regex)
{
  char             out[32];
  UnkgRegexProblem p;
  /* \\d in the query's text is the pattern \d; \u4E2D is 中 */
  ck_assert_uint_eq(unkg_sparql_string_decode("\"a\\\\d\\u4E2D\\n\"", 14, out), 7);
  ck_assert_str_eq(out, "a\\d\xe4\xb8\xad\n");
  ck_assert_uint_eq(unkg_sparql_string_decode("'''x'y'''", 9, out), 3);
  ck_assert_str_eq(out, "x'y");
  static const struct {
    const char* pattern;
    bool        replace;
    size_t      at; /* SIZE_MAX - 1: no problem */
  } cases[] = {
    {"^75/2[0-9]+$", false, SIZE_MAX - 1},
    {"(网络|安全)(安全|和保护)?战略", false, SIZE_MAX - 1},
    {"a\\.b\\$", true, SIZE_MAX - 1}, /* escaped metacharacters */
    {"\\d+", false, 0},               /* the letter d to POSIX */
    {"[a\\]]", false, 2},             /* a backslash in brackets */
    {"[[:alpha:]]", false, 1},
    {"[a-z-[aeiou]]", false, 4},
    {"[]a]", false, 0},
    {"a.b", false, 1}, /* takes a line break */
    {"b+?", false, 2},
    {"a{1,2}?", false, 6},
    {"(?:a)", false, 0},
    {"x*", false, SIZE_MAX - 1}, /* matching nothing is fine in REGEX */
    {"x*", true, SIZE_MAX},      /* but not in REPLACE */
    {"a|", true, SIZE_MAX},
    {"^", true, SIZE_MAX},
    {"b", true, SIZE_MAX - 1},
    {"a++", false, 2}, /* no possessive quantifier in SPARQL */
    {"(a{10}){100}", false, SIZE_MAX - 1},
    {"(a{10}){101}", false, 7}, /* regcomp would write 1,010 copies */
    {"a{1001}", false, 1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
    bool found = unkg_regex_problem(cases[i].pattern, strlen(cases[i].pattern), false,
                                    cases[i].replace, &p);
    ck_assert_msg(found == (cases[i].at != SIZE_MAX - 1), "%s", cases[i].pattern);
    if (found) {
      ck_assert_msg(p.at == cases[i].at, "%s: at %zu", cases[i].pattern, p.at);
    }
  }
  /* Through the query: answered as SPARQL means (XPath: "\$" in the
   * replacement is the character), or refused. */
  UnkgStatus st;
  UnkgDiag   d = {0};
  char* r = run("SELECT (REPLACE(\"a1b1\", \"[0-9]\", \"\\\\$\") AS ?x) {}", UNKG_QFMT_TSV, &st, &d);
  ck_assert_int_eq(st, UNKG_OK);
  ck_assert_str_eq(r, "?x\n\"a$b$\"\n");
  free(r);
  static const char* const refused[] = {
    "SELECT (REPLACE(\"abc\", \"(b)\", \"[$1]\") AS ?x) {}", /* Rasqal: a[bc]c */
    "SELECT (REPLACE(\"abc\", \"x*\", \"y\") AS ?x) {}",     /* Rasqal loops */
    "SELECT (REGEX(\"5\", \"\\\\d\") AS ?x) {}",             /* Rasqal: false */
    "ASK { BIND (\"a\" AS ?p) FILTER REGEX(\"a\", ?p) }",
    "ASK { FILTER REGEX(\"a\\nb\", \"a$\", \"m\") }", /* Rasqal: false */
  };
  for (size_t i = 0; i < sizeof refused / sizeof *refused; ++i) {
    d = (UnkgDiag){0};
    r = run(refused[i], UNKG_QFMT_TSV, &st, &d);
    ck_assert_msg(st == UNKG_ERR_SYNTAX, "%s", refused[i]);
    ck_assert_str_eq(r, "");
    ck_assert_ptr_nonnull(strstr(d.msg, "cannot answer"));
    free(r);
  }
}
END_TEST

/* DATATYPE of a literal with a language tag: rdf:langString, as SPARQL 1.1
 * says (Rasqal leaves it unbound; the query is rewritten). */
START_TEST(datatype_of_tagged)
{
  UnkgStatus st;
  UnkgDiag   d = {0};
  char*      r = run(
         "SELECT ?o (DATATYPE(?o) AS ?d) WHERE { ?s ?p ?o "
              "FILTER (DATATYPE(?o) != <http://www.w3.org/2001/XMLSchema#integer>) }",
         UNKG_QFMT_TSV, &st, &d);
  ck_assert_int_eq(st, UNKG_OK);
  ck_assert_ptr_nonnull(
    strstr(r, "\"约旦\"@zh\t<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>\n"));
  ck_assert_ptr_nonnull(strstr(r, "\"a\\tb\"\t<http://www.w3.org/2001/XMLSchema#string>\n"));
  free(r);
}
END_TEST

static Suite*
query_suite(void)
{
  Suite* s  = suite_create("query");
  TCase* tc = tcase_create("query");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, free_null);
  tcase_add_test(tc, names_and_widths);
  tcase_add_test(tc, tsv);
  tcase_add_test(tc, table);
  tcase_add_test(tc, ask_and_construct);
  tcase_add_test(tc, errors);
  tcase_add_test(tc, regex);
  tcase_add_test(tc, datatype_of_tagged);
  suite_add_tcase(s, tc);
  return s;
}

int
main(void)
{
  return tu_run(query_suite());
}
