/* The store: loading RDF files in memory, named graphs on disk, and what a
 * round trip through it keeps (every datatype). */
#include "buf.h"
#include "query.h"
#include "store.h"
#include "testutil.h"
#include "triples.h"
#include "vocab.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char* tmp; /* this suite's scratch directory */


/* The TSV results of query over s. */
static char*
run(UnkgStore* s, const char* query)
{
  char*    text = NULL;
  size_t   len  = 0;
  FILE*    out  = open_memstream(&text, &len);
  UnkgDiag d    = {0};
  ck_assert_int_eq(unkg_store_query(CTX(d), s, query, "-e", UNKG_QFMT_TSV, NULL, out), UNKG_OK);
  fclose(out);
  return text;
}

START_TEST(free_null)
{
  unkg_store_free(NULL);
}
END_TEST

START_TEST(load_errors)
{
  tmp          = tu_tmpdir_make("store");
  UnkgStore* s = unkg_store_new();
  UnkgDiag   d = {0};
  ck_assert_int_eq(unkg_store_load(CTX(d), s, tu_tmp_path("none.ttl", NULL)), UNKG_ERR_IO);
  ck_assert_ptr_nonnull(strstr(d.msg, "cannot open"));
  d = (UnkgDiag){0};
  ck_assert_int_eq(unkg_store_load(CTX(d), s, tu_tmp_path("data.txt", "x")), UNKG_ERR_USAGE);
  /* (Raptor's N-Triples parser leaks on a broken triple: Turtle here.) */
  const char* bad = tu_tmp_path(
    "bad.ttl", "<http://x/a> <http://x/p> \"1\" .\n<http://x/a> <http://x/p> \"2 .\n");
  d = (UnkgDiag){0};
  ck_assert_int_eq(unkg_store_load(CTX(d), s, bad), UNKG_ERR_SYNTAX);
  ck_assert_str_eq(d.file, bad);
  ck_assert_uint_eq(d.line, 2);
  ck_assert_ptr_nonnull(strstr(d.msg, "not valid turtle"));
  d = (UnkgDiag){0};
  ck_assert_int_eq(unkg_store_load(CTX(d), s, tmp), UNKG_ERR_SYNTAX); /* bad.ttl again, by name */
  unkg_store_free(s);
  tu_tmpdir_remove();
  tmp = tu_tmpdir_make("store");
  s   = unkg_store_new();
  d   = (UnkgDiag){0};
  ck_assert_int_eq(unkg_store_load(CTX(d), s, tmp), UNKG_ERR_IO);
  ck_assert_ptr_nonnull(strstr(d.msg, "no RDF files"));
  /* A directory is not a store. */
  UnkgStore* disk = NULL;
  d               = (UnkgDiag){0};
  ck_assert_int_eq(unkg_store_open(CTX(d), tmp, &disk), UNKG_ERR_IO);
  ck_assert_ptr_null(disk);
  ck_assert_str_eq(d.msg, "not a store file");
  unkg_store_free(s);
  tu_tmpdir_remove();
}
END_TEST

/* Each file's anonymous nodes are its own: the same [] in two files is two
 * nodes, so two triples. */
START_TEST(anonymous_nodes_stay_apart)
{
  tmp = tu_tmpdir_make("store");
  tu_tmp_path("a.ttl", "[] <http://x/p> \"v\" .\n");
  tu_tmp_path("b.ttl", "[] <http://x/p> \"v\" .\n");
  UnkgStore* s = unkg_store_new();
  UnkgDiag   d = {0};
  ck_assert_int_eq(unkg_store_load(CTX(d), s, tmp), UNKG_OK);
  ck_assert_uint_eq(unkg_store_size(s), 2);
  unkg_store_free(s);
  tu_tmpdir_remove();
}
END_TEST

/* A datatype no export uses (the old reader kept only ten) survives an
 * exported file's way into a store on disk and back out of a query. */
START_TEST(datatype_round_trip)
{
  tmp = tu_tmpdir_make("store");
  /* Turtle: Raptor's N-Triples parser leaks every datatype IRI it reads. */
  const char* data = tu_tmp_path("data.ttl",
                                 "<http://x/e> a <https://w3id.org/unkg/ontology#Expression> ;\n"
                                 "  <http://x/t> \"21.5\"^^<http://example.org/unit#celsius> .\n");
  const char* db   = tu_tmp_path("s.db", NULL);
  UnkgStore*  disk = NULL;
  UnkgDiag    d    = {0};
  size_t      n    = 0;
  ck_assert_int_eq(unkg_store_open(CTX(d), db, &disk), UNKG_OK);
  ck_assert_int_eq(unkg_store_load_graphs(CTX(d), disk, data, "http://x/fallback", &n), UNKG_OK);
  ck_assert_uint_eq(n, 2);
  ck_assert_uint_eq(unkg_store_size(disk), 2);
  ck_assert_uint_eq(unkg_store_graphs(disk), 1); /* named after the expression */
  unkg_store_free(disk);

  UnkgStore* s = NULL;
  ck_assert_int_eq(unkg_store_open_for_query(CTX(d), db, &s), UNKG_OK);
  char* rows = run(s, "SELECT ?o (DATATYPE(?o) AS ?dt) WHERE { ?s <http://x/t> ?o }");
  ck_assert_str_eq(rows,
                   "?o\t?dt\n"
                   "\"21.5\"^^<http://example.org/unit#celsius>\t<http://example.org/unit#celsius>\n");
  free(rows);
  unkg_store_free(s);
  tu_tmpdir_remove();
}
END_TEST

/* Putting a graph again replaces it; files go into one graph together. */
START_TEST(put_replaces)
{
  tmp          = tu_tmpdir_make("store");
  UnkgStore* s = NULL;
  UnkgDiag   d = {0};
  ck_assert_int_eq(unkg_store_open(CTX(d), tu_tmp_path("s.db", NULL), &s), UNKG_OK);
  UnkgGraph* g = unkg_graph_new();
  g->name      = unkg_strdup("http://x/g");
  ck_assert_int_eq(unkg_graph_add_iri(g, "http://x/a", "http://x/p", "http://x/b"), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/a", "http://x/p", "c", "en", NULL), UNKG_OK);
  ck_assert_int_eq(unkg_store_put(CTX(d), s, g, NULL), UNKG_OK);
  ck_assert_int_eq(unkg_store_put(CTX(d), s, g, NULL), UNKG_OK);
  ck_assert_uint_eq(unkg_store_size(s), 2);
  char* files[] = {(char*)tu_tmp_path("a.ttl", "<http://x/a> <http://x/p> 1 .\n"),
                   (char*)tu_tmp_path("b.nt", "_:n <http://x/p> <http://x/a> .\n"), NULL};
  ck_assert_int_eq(unkg_store_put_files(CTX(d), s, files, "http://x/g"), UNKG_OK);
  ck_assert_uint_eq(unkg_store_size(s), 2);
  ck_assert_uint_eq(unkg_store_graphs(s), 1);
  files[0] = (char*)tu_tmp_path("none.ttl", NULL);
  ck_assert_int_eq(unkg_store_put_files(CTX(d), s, files, "http://x/g"), UNKG_ERR_IO);
  ck_assert_uint_eq(unkg_store_size(s), 2); /* untouched */
  unkg_graph_free(g);
  unkg_store_free(s);
  tu_tmpdir_remove();
}
END_TEST

static Suite*
store_suite(void)
{
  Suite* s  = suite_create("store");
  TCase* tc = tcase_create("store");
  tcase_add_test(tc, free_null);
  tcase_add_test(tc, load_errors);
  tcase_add_test(tc, anonymous_nodes_stay_apart);
  tcase_add_test(tc, datatype_round_trip);
  tcase_add_test(tc, put_replaces);
  suite_add_tcase(s, tc);
  return s;
}

int
main(void)
{
  return tu_run(store_suite());
}
