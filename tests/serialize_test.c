/* The writers: each export syntax checked against text written by hand,
 * output naming, the escapers, and the failures that leave no file. */
#include "buf.h"
#include "escape.h"
#include "serialize.h"
#include "testutil.h"
#include "triples.h"
#include "vocab.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char* tmp; /* this suite's scratch directory */


static size_t
files_in(const char* dir)
{
  DIR*   dh = opendir(dir);
  size_t n  = 0;
  ck_assert_ptr_nonnull(dh);
  for (struct dirent* e; (e = readdir(dh));) {
    n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
  }
  closedir(dh);
  return n;
}

static char*
output(const char* ext)
{
  char path[128];
  snprintf(path, sizeof path, "%s/A_RES_1__x_.en.%s", tmp, ext);
  return tu_slurp(path, NULL);
}

/* One subject, three objects: a tagged literal with quotes, a plain one
 * with XML's special characters, an integer. */
static UnkgGraph*
sample(void)
{
  UnkgGraph* g = unkg_graph_new();
  g->symbol    = unkg_strdup("A/RES/1 (x)");
  g->lang      = unkg_strdup("en");
  g->name      = unkg_strdup("http://x/doc/A/RES/1@en");
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/s", NS_DCT "title", "say \"hi\"", "en", NULL),
                   UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/s", U("text"), "1 < 2 & 3", NULL, NULL), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_int(g, "http://x/s", U("session"), 71), UNKG_OK);
  unkg_graph_sort(g);
  return g;
}

START_TEST(free_null)
{
  unkg_writer_free(NULL);
}
END_TEST

START_TEST(formats)
{
  ck_assert_uint_eq(unkg_formats_parse("turtle,nt"), UNKG_FMT_TURTLE | UNKG_FMT_NTRIPLES);
  ck_assert_uint_eq(unkg_formats_parse("rdf,nquads"), UNKG_FMT_RDFXML | UNKG_FMT_NQUADS);
  ck_assert_uint_eq(unkg_formats_parse("turtle,yaml"), 0);
}
END_TEST

START_TEST(stem)
{
  UnkgGraph* g = unkg_graph_new();
  ck_assert_ptr_null(unkg_output_stem(g));
  g->symbol = unkg_strdup("A/C.3/71/L.5/Rev.1 (Part I)");
  g->lang   = unkg_strdup("zh");
  char* s   = unkg_output_stem(g);
  ck_assert_str_eq(s, "A_C.3_71_L.5_Rev.1__Part_I_.zh");
  free(s);
  unkg_graph_free(g);
}
END_TEST

START_TEST(ntriples_and_nquads)
{
  tmp           = tu_tmpdir_make("serialize");
  UnkgGraph*  g = sample();
  UnkgWriter* w = unkg_writer_new(tmp, UNKG_FMT_NTRIPLES | UNKG_FMT_NQUADS);
  UnkgDiag    d = {0};
  ck_assert_int_eq(unkg_writer_write(CTX(d), w, g), UNKG_OK);
  char* nt = output("nt");
  ck_assert_str_eq(nt,
                   "<http://x/s> <http://purl.org/dc/terms/title> \"say \\\"hi\\\"\"@en .\n"
                   "<http://x/s> <https://w3id.org/unkg/ontology#session> "
                   "\"71\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
                   "<http://x/s> <https://w3id.org/unkg/ontology#text> \"1 < 2 & 3\" .\n");
  char* nq = output("nq");
  ck_assert_ptr_nonnull(strstr(nq, "\"say \\\"hi\\\"\"@en <http://x/doc/A/RES/1@en> .\n"));
  free(nt);
  free(nq);
  unkg_writer_free(w);
  unkg_graph_free(g);
  tu_tmpdir_remove();
}
END_TEST

START_TEST(turtle)
{
  tmp           = tu_tmpdir_make("serialize");
  UnkgGraph*  g = sample();
  UnkgWriter* w = unkg_writer_new(tmp, UNKG_FMT_TURTLE);
  UnkgDiag    d = {0};
  ck_assert_int_eq(unkg_writer_write(CTX(d), w, g), UNKG_OK);
  char* ttl = output("ttl");
  ck_assert_str_eq(ttl,
                   "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
                   "@prefix unkg: <https://w3id.org/unkg/ontology#> .\n"
                   "@prefix unkgo: <https://w3id.org/unkg/ref/org/> .\n"
                   "@prefix unkgs: <https://w3id.org/unkg/ref/state/> .\n"
                   "@prefix unkgv: <https://w3id.org/unkg/ref/verb/> .\n"
                   "@prefix unkgi: <https://w3id.org/unkg/ref/instrument/> .\n"
                   "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
                   "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
                   "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
                   "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
                   "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                   "\n"
                   "<http://x/s>\n"
                   "    dcterms:title \"say \\\"hi\\\"\"@en ;\n"
                   "    unkg:session 71 ;\n"
                   "    unkg:text \"1 < 2 & 3\" .\n");
  free(ttl);
  unkg_writer_free(w);
  unkg_graph_free(g);
  tu_tmpdir_remove();
}
END_TEST

START_TEST(rdfxml)
{
  tmp           = tu_tmpdir_make("serialize");
  UnkgGraph*  g = sample();
  UnkgWriter* w = unkg_writer_new(tmp, UNKG_FMT_RDFXML);
  UnkgDiag    d = {0};
  ck_assert_int_eq(unkg_writer_write(CTX(d), w, g), UNKG_OK);
  char* xml  = output("rdf");
  char* body = strstr(xml, "  <rdf:Description");
  ck_assert_ptr_nonnull(body);
  ck_assert_str_eq(body,
                   "  <rdf:Description rdf:about=\"http://x/s\">\n"
                   "    <dcterms:title xml:lang=\"en\">say \"hi\"</dcterms:title>\n"
                   "    <unkg:session rdf:datatype=\"http://www.w3.org/2001/XMLSchema#integer\">"
                   "71</unkg:session>\n"
                   "    <unkg:text>1 &lt; 2 &amp; 3</unkg:text>\n"
                   "  </rdf:Description>\n"
                   "</rdf:RDF>\n");
  free(xml);
  unkg_writer_free(w);
  unkg_graph_free(g);
  tu_tmpdir_remove();
}
END_TEST

START_TEST(failures_leave_no_file)
{
  tmp        = tu_tmpdir_make("serialize");
  UnkgDiag d = {0};
  /* A predicate RDF/XML cannot name. */
  UnkgGraph* g = sample();
  ck_assert_int_eq(unkg_graph_add_iri(g, "http://x/s", "http://x/p", "http://x/o"), UNKG_OK);
  unkg_graph_sort(g);
  UnkgWriter* w = unkg_writer_new(tmp, UNKG_FMT_RDFXML);
  ck_assert_int_eq(unkg_writer_write(CTX(d), w, g), UNKG_ERR_RDF);
  ck_assert_ptr_nonnull(strstr(d.msg, "predicate <http://x/p> has no XML qualified name"));
  ck_assert_uint_eq(files_in(tmp), 0);
  unkg_writer_free(w);
  /* A graph that describes no document has no file name. */
  UnkgGraph* anonymous = unkg_graph_new();
  w                    = unkg_writer_new(tmp, UNKG_FMT_TURTLE);
  d                    = (UnkgDiag){0};
  ck_assert_int_eq(unkg_writer_write(CTX(d), w, anonymous), UNKG_ERR_USAGE);
  unkg_writer_free(w);
  unkg_graph_free(anonymous);
  /* A directory that is not there. */
  char missing[128];
  snprintf(missing, sizeof missing, "%s/none", tmp);
  w = unkg_writer_new(missing, UNKG_FMT_TURTLE);
  d = (UnkgDiag){0};
  ck_assert_int_eq(unkg_writer_write(CTX(d), w, g), UNKG_ERR_IO);
  ck_assert_ptr_nonnull(strstr(d.file, "/none/A_RES_1__x_.en.ttl"));
  ck_assert_ptr_nonnull(strstr(d.msg, "cannot write"));
  unkg_writer_free(w);
  unkg_graph_free(g);
  tu_tmpdir_remove();
}
END_TEST

/* Every syntax from the one table, by hand. */
START_TEST(escapers)
{
  static const struct {
    UnkgEscape  syntax;
    const char* want;
  } cases[] = {
    {UNKG_ESC_NT, "a\t\\\"<&>\\n\\r\\\\"},
    {UNKG_ESC_TSV, "a\\t\\\"<&>\\n\\r\\\\"},
    {UNKG_ESC_XML_TEXT, "a\t\"&lt;&amp;&gt;\n&#13;\\"},
    {UNKG_ESC_XML_ATTR, "a\t&quot;&lt;&amp;&gt;&#10;&#13;\\"},
    {UNKG_ESC_CELL, "a \"<&>  \\"},
  };
  const char in[] = "a\t\"<&>\n\r\\";
  for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
    UnkgBuf b = {0};
    ck_assert_int_eq(unkg_escape_buf(&b, cases[i].syntax, in, strlen(in)), UNKG_OK);
    ck_assert_str_eq(b.data, cases[i].want);
    unkg_buf_clear(&b);
  }
  /* UTF-8 and counted strings with a NUL go through as they are. */
  UnkgBuf b = {0};
  ck_assert_int_eq(unkg_escape_buf(&b, UNKG_ESC_TSV, "约旦\0x", 8), UNKG_OK);
  ck_assert_uint_eq(b.len, 8);
  ck_assert_int_eq(memcmp(b.data, "约旦\0x", 8), 0);
  unkg_buf_clear(&b);
}
END_TEST

static Suite*
serialize_suite(void)
{
  Suite* s  = suite_create("serialize");
  TCase* tc = tcase_create("serialize");
  tcase_add_test(tc, free_null);
  tcase_add_test(tc, formats);
  tcase_add_test(tc, stem);
  tcase_add_test(tc, ntriples_and_nquads);
  tcase_add_test(tc, turtle);
  tcase_add_test(tc, rdfxml);
  tcase_add_test(tc, failures_leave_no_file);
  tcase_add_test(tc, escapers);
  suite_add_tcase(s, tc);
  return s;
}

int
main(void)
{
  return tu_run(serialize_suite());
}
