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
#include <sys/stat.h>
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

/* A line longer than the writers' 256 KB buffer goes out whole, after
 * what was buffered before it, and before what follows it. */
START_TEST(lines_longer_than_the_buffer)
{
  tmp          = tu_tmpdir_make("serialize");
  size_t n     = 300 * 1000;
  char*  value = malloc(n + 1);
  memset(value, 'a', n);
  value[n / 2] = '"';
  value[n]     = '\0';
  UnkgGraph* g = unkg_graph_new();
  g->symbol    = unkg_strdup("A/RES/1 (x)");
  g->lang      = unkg_strdup("en");
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/a", U("text"), "before", NULL, NULL), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/b", U("text"), value, NULL, NULL), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/c", U("text"), "after", NULL, NULL), UNKG_OK);
  unkg_graph_sort(g);
  UnkgWriter* w = unkg_writer_new(tmp, UNKG_FMT_NTRIPLES);
  UnkgDiag    d = {0};
  ck_assert_int_eq(unkg_writer_write(CTX(d), w, g), UNKG_OK);
  UnkgBuf want = {0};
  ck_assert_int_eq(unkg_buf_puts(&want, "<http://x/a> <" U("text") "> \"before\" .\n"
                                                                   "<http://x/b> <" U("text") "> \""),
                   UNKG_OK);
  ck_assert_int_eq(unkg_buf_append(&want, value, n / 2), UNKG_OK);
  ck_assert_int_eq(unkg_buf_puts(&want, "\\\""), UNKG_OK);
  ck_assert_int_eq(unkg_buf_append(&want, value + n / 2 + 1, n - n / 2 - 1), UNKG_OK);
  ck_assert_int_eq(unkg_buf_puts(&want, "\" .\n<http://x/c> <" U("text") "> \"after\" .\n"), UNKG_OK);
  char* nt = output("nt");
  ck_assert_uint_eq(strlen(nt), want.len);
  ck_assert_int_eq(memcmp(nt, want.data, want.len), 0);
  free(nt);
  unkg_buf_clear(&want);
  free(value);
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

/* Terms written once (rendered as they are written) beside terms written
 * again and again (rendered once and kept), in every syntax: a once-used
 * predicate and literal, a subject Turtle and RDF/XML write once but
 * N-Triples three times, a subject that is also an object, and shared
 * objects.  Written into one directory by one writer, so that the formats
 * share their renderings as an export does. */
START_TEST(terms_once_and_again)
{
  tmp          = tu_tmpdir_make("serialize");
  UnkgGraph* g = unkg_graph_new();
  g->symbol    = unkg_strdup("A/RES/1 (x)");
  g->lang      = unkg_strdup("en");
  g->name      = unkg_strdup("http://x/g");
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/b", U("text"), "shared", "en", NULL), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_iri(g, "http://x/b", U("ref"), "http://x/a"), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_iri(g, "http://x/b", RDF_TYPE, "http://x/C"), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/a", U("text"), "once", NULL, NULL), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_iri(g, "http://x/a", RDF_TYPE, "http://x/C"), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/a", NS_DCT "title", "shared", "en", NULL),
                   UNKG_OK);
  unkg_graph_sort(g);
  UnkgWriter* w = unkg_writer_new(tmp, UNKG_FMT_TURTLE | UNKG_FMT_RDFXML | UNKG_FMT_NTRIPLES
                                         | UNKG_FMT_NQUADS);
  UnkgDiag    d = {0};
  ck_assert_int_eq(unkg_writer_write(CTX(d), w, g), UNKG_OK);
  char* nt = output("nt");
  ck_assert_str_eq(nt,
                   "<http://x/a> <http://purl.org/dc/terms/title> \"shared\"@en .\n"
                   "<http://x/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://x/C> .\n"
                   "<http://x/a> <https://w3id.org/unkg/ontology#text> \"once\" .\n"
                   "<http://x/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://x/C> .\n"
                   "<http://x/b> <https://w3id.org/unkg/ontology#ref> <http://x/a> .\n"
                   "<http://x/b> <https://w3id.org/unkg/ontology#text> \"shared\"@en .\n");
  char* nq = output("nq");
  ck_assert_str_eq(nq,
                   "<http://x/a> <http://purl.org/dc/terms/title> \"shared\"@en <http://x/g> .\n"
                   "<http://x/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://x/C> "
                   "<http://x/g> .\n"
                   "<http://x/a> <https://w3id.org/unkg/ontology#text> \"once\" <http://x/g> .\n"
                   "<http://x/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://x/C> "
                   "<http://x/g> .\n"
                   "<http://x/b> <https://w3id.org/unkg/ontology#ref> <http://x/a> <http://x/g> .\n"
                   "<http://x/b> <https://w3id.org/unkg/ontology#text> \"shared\"@en <http://x/g> .\n");
  char* ttl  = output("ttl");
  char* body = strstr(ttl, "\n\n");
  ck_assert_ptr_nonnull(body);
  ck_assert_str_eq(body,
                   "\n\n<http://x/a>\n"
                   "    dcterms:title \"shared\"@en ;\n"
                   "    a <http://x/C> ;\n"
                   "    unkg:text \"once\" .\n"
                   "\n"
                   "<http://x/b>\n"
                   "    a <http://x/C> ;\n"
                   "    unkg:ref <http://x/a> ;\n"
                   "    unkg:text \"shared\"@en .\n");
  char* xml = output("rdf");
  body      = strstr(xml, "  <rdf:Description");
  ck_assert_ptr_nonnull(body);
  ck_assert_str_eq(body,
                   "  <rdf:Description rdf:about=\"http://x/a\">\n"
                   "    <dcterms:title xml:lang=\"en\">shared</dcterms:title>\n"
                   "    <rdf:type rdf:resource=\"http://x/C\"/>\n"
                   "    <unkg:text>once</unkg:text>\n"
                   "  </rdf:Description>\n"
                   "  <rdf:Description rdf:about=\"http://x/b\">\n"
                   "    <rdf:type rdf:resource=\"http://x/C\"/>\n"
                   "    <unkg:ref rdf:resource=\"http://x/a\"/>\n"
                   "    <unkg:text xml:lang=\"en\">shared</unkg:text>\n"
                   "  </rdf:Description>\n"
                   "</rdf:RDF>\n");
  free(nt);
  free(nq);
  free(ttl);
  free(xml);
  unkg_writer_free(w);
  unkg_graph_free(g);
  tu_tmpdir_remove();
}
END_TEST

/* Turtle and RDF/XML do not keep the rendering of an IRI that is its
 * value between brackets (docs/security.md, Memory): written twice, such
 * a node comes out as it is; one with a prefixed name (Turtle) or a
 * character XML escapes (RDF/XML) is kept, and comes out as before. */
START_TEST(plain_iris_written_twice)
{
  tmp          = tu_tmpdir_make("serialize");
  UnkgGraph* g = unkg_graph_new();
  g->symbol    = unkg_strdup("A/RES/1 (x)");
  g->lang      = unkg_strdup("en");
  g->name      = unkg_strdup("http://x/g");
  ck_assert_int_eq(unkg_graph_add_iri(g, "http://x/d?a=1&b=2", U("ref"), UNKG_NS_STATE "CAN"),
                   UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_iri(g, "http://x/e", U("ref"), "http://x/d?a=1&b=2"), UNKG_OK);
  ck_assert_int_eq(unkg_graph_add_iri(g, "http://x/e", U("ref"), UNKG_NS_STATE "CAN"), UNKG_OK);
  unkg_graph_sort(g);
  UnkgWriter* w = unkg_writer_new(tmp, UNKG_FMT_TURTLE | UNKG_FMT_RDFXML | UNKG_FMT_NTRIPLES);
  UnkgDiag    d = {0};
  ck_assert_int_eq(unkg_writer_write(CTX(d), w, g), UNKG_OK);
  char* nt = output("nt");
  ck_assert_str_eq(nt,
                   "<http://x/d?a=1&b=2> <https://w3id.org/unkg/ontology#ref> "
                   "<https://w3id.org/unkg/ref/state/CAN> .\n"
                   "<http://x/e> <https://w3id.org/unkg/ontology#ref> <http://x/d?a=1&b=2> .\n"
                   "<http://x/e> <https://w3id.org/unkg/ontology#ref> "
                   "<https://w3id.org/unkg/ref/state/CAN> .\n");
  char* ttl  = output("ttl");
  char* body = strstr(ttl, "\n\n");
  ck_assert_ptr_nonnull(body);
  ck_assert_str_eq(body,
                   "\n\n<http://x/d?a=1&b=2>\n"
                   "    unkg:ref unkgs:CAN .\n"
                   "\n"
                   "<http://x/e>\n"
                   "    unkg:ref <http://x/d?a=1&b=2> ,\n"
                   "        unkgs:CAN .\n");
  char* xml = output("rdf");
  body      = strstr(xml, "  <rdf:Description");
  ck_assert_ptr_nonnull(body);
  ck_assert_str_eq(body,
                   "  <rdf:Description rdf:about=\"http://x/d?a=1&amp;b=2\">\n"
                   "    <unkg:ref rdf:resource=\"https://w3id.org/unkg/ref/state/CAN\"/>\n"
                   "  </rdf:Description>\n"
                   "  <rdf:Description rdf:about=\"http://x/e\">\n"
                   "    <unkg:ref rdf:resource=\"http://x/d?a=1&amp;b=2\"/>\n"
                   "    <unkg:ref rdf:resource=\"https://w3id.org/unkg/ref/state/CAN\"/>\n"
                   "  </rdf:Description>\n"
                   "</rdf:RDF>\n");
  free(nt);
  free(ttl);
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

/* A writer told where to publish (unkg_writer_publish_as, the workers'
 * spool) renames each format straight to PATH.EXT, readable as any export
 * (0666 less the umask), leaves nothing in its own directory, and neither
 * locks nor sweeps it; a failure leaves no file in either. */
START_TEST(publish_as_path)
{
  tmp = tu_tmpdir_make("serialize");
  char own[128], spool[128], as[160], path[200];
  snprintf(own, sizeof own, "%s/w0", tmp);
  snprintf(spool, sizeof spool, "%s/spool", tmp);
  ck_assert_int_eq(mkdir(own, 0700), 0);
  ck_assert_int_eq(mkdir(spool, 0700), 0);
  snprintf(path, sizeof path, "%s/.A.ttl.abcdef", own); /* a temporary name, not swept */
  FILE* f = fopen(path, "w");
  ck_assert_ptr_nonnull(f);
  fclose(f);
  snprintf(as, sizeof as, "%s/7", spool);
  UnkgGraph*  g = sample();
  UnkgWriter* w = unkg_writer_new(own, UNKG_FMT_NTRIPLES | UNKG_FMT_TURTLE);
  UnkgDiag    d = {0};
  ck_assert_int_eq(unkg_writer_publish_as(w, as), UNKG_OK);
  ck_assert_int_eq(unkg_writer_write(CTX(d), w, g), UNKG_OK);
  ck_assert_uint_eq(files_in(own), 1);
  ck_assert_uint_eq(files_in(spool), 2);
  snprintf(path, sizeof path, "%s/7.nt", spool);
  char* nt = tu_slurp(path, NULL);
  ck_assert_str_eq(nt,
                   "<http://x/s> <http://purl.org/dc/terms/title> \"say \\\"hi\\\"\"@en .\n"
                   "<http://x/s> <https://w3id.org/unkg/ontology#session> "
                   "\"71\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
                   "<http://x/s> <https://w3id.org/unkg/ontology#text> \"1 < 2 & 3\" .\n");
  free(nt);
  mode_t mask = umask(0);
  umask(mask);
  struct stat sb;
  snprintf(path, sizeof path, "%s/7.ttl", spool);
  ck_assert_int_eq(stat(path, &sb), 0);
  ck_assert_uint_eq(sb.st_mode & 0777, 0666 & ~mask);
  unkg_writer_free(w);
  /* A predicate RDF/XML cannot name: the Turtle written first goes too. */
  ck_assert_int_eq(unkg_graph_add_iri(g, "http://x/s", "http://x/p", "http://x/o"), UNKG_OK);
  unkg_graph_sort(g);
  snprintf(as, sizeof as, "%s/8", spool);
  w = unkg_writer_new(own, UNKG_FMT_TURTLE | UNKG_FMT_RDFXML);
  d = (UnkgDiag){0};
  ck_assert_int_eq(unkg_writer_publish_as(w, as), UNKG_OK);
  ck_assert_int_eq(unkg_writer_write(CTX(d), w, g), UNKG_ERR_RDF);
  ck_assert_uint_eq(files_in(own), 1);
  ck_assert_uint_eq(files_in(spool), 2);
  unkg_writer_free(w);
  unkg_graph_free(g);
  tu_tmpdir_remove();
}
END_TEST

/* A graph of one triple about document symbol sym, whose text is text. */
static UnkgGraph*
doc_graph(const char* sym, const char* text)
{
  UnkgGraph* g = unkg_graph_new();
  g->symbol    = unkg_strdup(sym);
  g->lang      = unkg_strdup("en");
  g->name      = unkg_strdup("http://x/doc");
  ck_assert_int_eq(unkg_graph_add_lit(g, "http://x/s", U("text"), text, NULL, NULL), UNKG_OK);
  unkg_graph_sort(g);
  return g;
}

static char*
stem_of(const char* sym)
{
  UnkgGraph* g = doc_graph(sym, "t");
  char*      s = unkg_output_stem(g);
  unkg_graph_free(g);
  return s;
}

/* Output names keep ASCII letters, digits, '_' and inner '.' and '-'; '/',
 * ' ', '(' and ')' are '_'; every other byte is %XX (worked out by hand
 * from the ASCII and UTF-8 tables). */
START_TEST(hostile_stems)
{
  static const struct {
    const char* sym;
    const char* want;
  } cases[] = {
    {"A/RES/75/19';shutdown;'", "A_RES_75_19%27%3Bshutdown%3B%27.en"},
    {"A/RES/1%20x", "A_RES_1%2520x.en"},
    {"A/RES/1\"\nx", "A_RES_1%22%0Ax.en"},
    {"../../etc/passwd", "%2E._.._etc_passwd.en"},
    {"-rf *", "%2Drf_%2A.en"},
    {"a\\b`$(c)|&<>", "a%5Cb%60%24_c_%7C%26%3C%3E.en"},
    {"约", "%E7%BA%A6.en"},
    {"A/C.3/71/L.5/Rev.1-x_y", "A_C.3_71_L.5_Rev.1-x_y.en"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
    char* s = stem_of(cases[i].sym);
    ck_assert_str_eq(s, cases[i].want);
    free(s);
  }
  /* A long symbol keeps its first bytes and a hash of all of it: two long
   * symbols that differ only at the end get different names. */
  char long1[2001], long2[2001];
  memset(long1, 'A', 2000);
  long1[2000] = '\0';
  memcpy(long2, long1, sizeof long1);
  long2[1999] = 'B';
  char* s1    = stem_of(long1);
  char* s2    = stem_of(long2);
  ck_assert_uint_eq(strlen(s1), UNKG_STEM_MAX + strlen(".en"));
  ck_assert_str_ne(s1, s2);
  ck_assert_int_eq(strncmp(s1, long1, UNKG_STEM_MAX - 18), 0);
  ck_assert_int_eq(strncmp(s1 + UNKG_STEM_MAX - 18, "--", 2), 0);
  free(s1);
  free(s2);
  /* A cut never splits a %XX. */
  char quotes[400] = "A";
  for (int i = 1; i < 399; ++i) {
    quotes[i] = '\'';
  }
  quotes[399] = '\0';
  s1          = stem_of(quotes);
  char* dash  = strstr(s1, "--");
  ck_assert_ptr_nonnull(dash);
  ck_assert_int_eq((dash - s1 - 1) % 3, 0);
  free(s1);
}
END_TEST

/* Hostile symbols are written under their encoded names, inside the
 * directory, and nothing else appears there. */
START_TEST(hostile_files)
{
  tmp                       = tu_tmpdir_make("serialize");
  static const char* syms[] = {"A/RES/75/19';shutdown;'", "../../x", "a\nb", "%41"};
  UnkgWriter*        w      = unkg_writer_new(tmp, UNKG_FMT_TURTLE);
  for (size_t i = 0; i < sizeof syms / sizeof *syms; ++i) {
    UnkgGraph* g = doc_graph(syms[i], "t");
    UnkgDiag   d = {0};
    ck_assert_int_eq(unkg_writer_write(CTX(d), w, g), UNKG_OK);
    char* name = unkg_output_stem(g);
    char  path[512];
    snprintf(path, sizeof path, "%s/%s.ttl", tmp, name);
    ck_assert_int_eq(access(path, R_OK), 0);
    free(name);
    unkg_graph_free(g);
  }
  ck_assert_uint_eq(files_in(tmp), 4);
  unkg_writer_free(w);
  tu_tmpdir_remove();
}
END_TEST

/* Two graphs that map to one output name (also when only the case
 * differs) are an error naming both inputs; the first file stays.  The
 * same graph twice is no conflict. */
START_TEST(name_collisions)
{
  tmp             = tu_tmpdir_make("serialize");
  UnkgWriter* w   = unkg_writer_new(tmp, UNKG_FMT_TURTLE | UNKG_FMT_NTRIPLES);
  UnkgGraph*  a   = doc_graph("A/RES/9", "first");
  UnkgGraph*  b   = doc_graph("A RES 9", "second"); /* same name: "A_RES_9" */
  UnkgGraph*  c   = doc_graph("a/res/9", "third");  /* same but for case */
  UnkgDiag    d   = {0};
  UnkgCtx     one = {NULL, unkg_diag_keep, &d, "one.xml"};
  ck_assert_int_eq(unkg_writer_write(&one, w, a), UNKG_OK);
  ck_assert_int_eq(unkg_writer_write(&one, w, a), UNKG_OK);
  UnkgCtx two = {NULL, unkg_diag_keep, &d, "two.xml"};
  ck_assert_int_eq(unkg_writer_write(&two, w, b), UNKG_ERR_USAGE);
  ck_assert_ptr_nonnull(strstr(d.msg, "one.xml and two.xml both map to the output name A_RES_9.en"));
  d             = (UnkgDiag){0};
  UnkgCtx three = {NULL, unkg_diag_keep, &d, "three.xml"};
  ck_assert_int_eq(unkg_writer_write(&three, w, c), UNKG_ERR_USAGE);
  ck_assert_ptr_nonnull(strstr(d.msg, "one.xml and three.xml"));
  ck_assert_uint_eq(files_in(tmp), 2);
  char path[512];
  snprintf(path, sizeof path, "%s/A_RES_9.en.nt", tmp);
  char* nt = tu_slurp(path, NULL);
  ck_assert_ptr_nonnull(strstr(nt, "\"first\""));
  free(nt);
  unkg_graph_free(a);
  unkg_graph_free(b);
  unkg_graph_free(c);
  unkg_writer_free(w);
  tu_tmpdir_remove();
}
END_TEST

/* Each character XML 1.0 forbids, each kind of control and noncharacter:
 * refused in every format, with no file written. */
START_TEST(forbidden_chars)
{
  static const uint32_t bad[]  = {0x01, 0x08,   0x0B,   0x0C,   0x1F,   0x7F,    0x80,    0x85,
                                  0x9F, 0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF};
  static const uint32_t good[] = {0x09,   0x0A,   0x0D,   0x20,   0xA0,    0xD7FF,
                                  0xE000, 0xFDCF, 0xFDF0, 0xFFFD, 0x10000, 0x10FFFD};
  /* All four together too: N-Triples finds the character as it writes
   * (publish), before RDF/XML is tried. */
  static const unsigned fmts[] = {UNKG_FMT_TURTLE, UNKG_FMT_RDFXML, UNKG_FMT_NTRIPLES,
                                  UNKG_FMT_NQUADS,
                                  UNKG_FMT_TURTLE | UNKG_FMT_RDFXML | UNKG_FMT_NTRIPLES
                                    | UNKG_FMT_NQUADS};
  tmp                          = tu_tmpdir_make("serialize");
  for (size_t i = 0; i < sizeof bad / sizeof *bad; ++i) {
    char   text[16] = "a";
    size_t n        = 1 + unkg_utf8_encode(bad[i], text + 1);
    text[n]         = 'b';
    uint32_t cp     = 0;
    ck_assert_uint_eq(unkg_forbidden_at(text, n + 1, &cp), 1);
    ck_assert_uint_eq(cp, bad[i]);
    for (size_t f = 0; f < sizeof fmts / sizeof *fmts; ++f) {
      UnkgGraph*  g = doc_graph("A/RES/2", text);
      UnkgWriter* w = unkg_writer_new(tmp, fmts[f]);
      UnkgDiag    d = {0};
      ck_assert_int_eq(unkg_writer_write(CTX(d), w, g), UNKG_ERR_ENCODING);
      ck_assert_ptr_nonnull(strstr(d.msg, "U+"));
      ck_assert_uint_eq(files_in(tmp), 0);
      unkg_writer_free(w);
      unkg_graph_free(g);
    }
  }
  for (size_t i = 0; i < sizeof good / sizeof *good; ++i) {
    char     text[8];
    size_t   n  = unkg_utf8_encode(good[i], text);
    uint32_t cp = 0;
    ck_assert_uint_eq(unkg_forbidden_at(text, n, &cp), n);
  }
  tu_tmpdir_remove();
}
END_TEST

/* The fast paths for two- and three-byte characters stop where the full
 * decoder would: at a C1 control, a cut or broken sequence, a surrogate. */
START_TEST(forbidden_fast_paths)
{
  enum { NONE = 99 };
  static const struct {
    const char* s;
    size_t      at;
  } cases[] = {
    {"a\xD0\xB0\xE4\xB8\xAD\xD8\xA7z", NONE}, /* Cyrillic, CJK, Arabic */
    {"\xD0\xB0\xC2\x85", 2},                  /* U+0085 */
    {"\xD0\xB0\xD0", 2},                      /* cut two-byte */
    {"\xE4\xB8\xAD\xE4\xB8", 3},              /* cut three-byte */
    {"\xE4\x41\x42", 0},                      /* no continuation */
    {"\xE4\xB8\xAD\xED\xA0\x80", 3},          /* a surrogate */
    {"\xEE\x80\x80\xEF\xBF\xBE", 3},          /* private use, then U+FFFE */
    {"\xEF\xBC\x8C\xEF\xB7\x90", 3},          /* a full-width comma, then U+FDD0 */
    {"\xEF\xBC\x8C\xEF\xBC", 3},              /* cut full-width form */
    {"a\n\t\r\x0B", 4},                       /* U+000B */
    {"abcdefghijkl\x7Fmnopqrstu", 12},        /* DEL, in the second word */
    {"abcdefghijklmnop\x1F", 16},             /* after two words */
    {"abcdefgh\xC2\x85ijklmnop", 8},          /* U+0085 */
    {"abcdefghijklmnopqrstuvwx", NONE},       /* three words */
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
    uint32_t cp = 0;
    size_t   n  = strlen(cases[i].s);
    ck_assert_uint_eq(unkg_forbidden_at(cases[i].s, n, &cp), cases[i].at == NONE ? n : cases[i].at);
  }
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
  /* The same at every offset around the eight-byte words the scan reads,
   * between letters, CJK text and the bytes next to the special ones in
   * the scan's test ('$', '%', ';', '=', '[', ']', a control). */
  for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
    for (size_t k = 0; k < 17; ++k) {
      const char* pad  = "abcdefgh联合国ijklmnop";
      const char* near = "$%;=[]\x0B";
      UnkgBuf     b = {0}, in2 = {0}, want = {0};
      ck_assert_int_eq(unkg_buf_append(&in2, pad, k), UNKG_OK);
      ck_assert_int_eq(unkg_buf_puts(&in2, near), UNKG_OK);
      ck_assert_int_eq(unkg_buf_puts(&in2, in), UNKG_OK);
      ck_assert_int_eq(unkg_buf_puts(&in2, pad), UNKG_OK);
      ck_assert_int_eq(unkg_buf_append(&want, pad, k), UNKG_OK);
      ck_assert_int_eq(unkg_buf_puts(&want, near), UNKG_OK);
      ck_assert_int_eq(unkg_buf_puts(&want, cases[i].want), UNKG_OK);
      ck_assert_int_eq(unkg_buf_puts(&want, pad), UNKG_OK);
      ck_assert_int_eq(unkg_escape_buf(&b, cases[i].syntax, in2.data, in2.len), UNKG_OK);
      ck_assert_str_eq(b.data, want.data);
      unkg_buf_clear(&b);
      unkg_buf_clear(&in2);
      unkg_buf_clear(&want);
    }
  }
  /* UTF-8 and counted strings with a NUL go through as they are. */
  UnkgBuf b = {0};
  ck_assert_int_eq(unkg_escape_buf(&b, UNKG_ESC_TSV, "约旦\0x", 8), UNKG_OK);
  ck_assert_uint_eq(b.len, 8);
  ck_assert_int_eq(memcmp(b.data, "约旦\0x", 8), 0);
  unkg_buf_clear(&b);
}
END_TEST

/* The writer's escaper for literals (escaping and checking in one pass)
 * agrees with the table's N-Triples rules and with unkg_forbidden_at, on
 * each special byte in and out of the eight-byte fast path, and on the
 * cases of forbidden_fast_paths. */
START_TEST(nt_checked_escaper)
{
  static const char* cases[] = {
    "",
    "plain ascii text, longer than a word",
    "a\t\"<&>\n\r\\",
    "abcdefgh\"ijklmnop\\qrstuvwx\nyz",
    "\"\"\"\"\"\"\"\"\"\\\\",
    "约旦 Jordan «Иордания» الأردن\"",
    "abcdefghijkl\x7Fmnopqrstu",
    "abcdefghijklmnop\x1F",
    "abcdefgh\xC2\x85ijklmnop",
    "\xE4\xB8\xAD\xED\xA0\x80",
    "\xEF\xBC\x8C\xEF\xB7\x90",
    "\xE4\x41\x42\"",
    "\xD0\xB0\xD0",
    "\xF0\x9F\x98\x80 \"emoji\"",
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
    const char* in = cases[i];
    size_t      n  = strlen(in), bad;
    uint32_t    cp = 0, want_cp = 0;
    size_t      want_bad = unkg_forbidden_at(in, n, &want_cp);
    char*       out      = malloc(2 * n + 1);
    size_t      len      = unkg_escape_nt_checked(out, in, n, &bad, &cp);
    ck_assert_uint_eq(bad, want_bad);
    if (bad < n) {
      ck_assert_uint_eq(cp, want_cp);
    } else {
      UnkgBuf b = {0};
      ck_assert_int_eq(unkg_escape_buf(&b, UNKG_ESC_NT, in, n), UNKG_OK);
      ck_assert_uint_eq(len, b.len);
      ck_assert_int_eq(memcmp(out, b.data ? b.data : "", len), 0);
      unkg_buf_clear(&b);
    }
    free(out);
  }
}
END_TEST

/* Where the first forbidden or ill-formed character is, a character at a
 * time through the decoder: what the fast paths must agree with. */
static size_t
forbidden_by_decoder(const char* s, size_t n, uint32_t* cp)
{
  for (size_t i = 0; i < n;) {
    size_t l = unkg_utf8_decode((const unsigned char*)s + i, n - i, cp);
    if (!l) {
      *cp = 0xFFFD;
      return i;
    }
    if (unkg_cp_is_forbidden(*cp)) {
      return i;
    }
    i += l;
  }
  return n;
}

/* Runs of CJK characters, which both scans step over three bytes at a
 * time, end where the decoder says: before each kind of bad character,
 * at the text's end and one or two bytes before it. */
START_TEST(forbidden_after_cjk_runs)
{
  static const char* after[] = {
    "",             "\xE4\xB8",         "\xE4",         "\xED\xA0\x80", "\xEF\xB7\x90",
    "\xEF\xBF\xBE", "\xEF\xBC\x8C", "\xEE\x80\x80", "\xC2\x85",     "\x7F",
    "\x01",         "\xE4\x41\x42",    "\xE4\xB8\x41", "\x80",          "a\"",
  };
  const char* cjk = "\xE4\xB8\xAD\xEF\xBC\x8C\xE1\x80\x80\xEC\xBF\xBF"; /* 中，U+1000 U+CFFF */
  for (size_t k = 0; k <= 4; ++k) {
    for (size_t a = 0; a < sizeof after / sizeof *after; ++a) {
      UnkgBuf in = {0};
      ck_assert_int_eq(unkg_buf_append(&in, cjk, 3 * k), UNKG_OK);
      ck_assert_int_eq(unkg_buf_puts(&in, after[a]), UNKG_OK);
      ck_assert_int_eq(unkg_buf_puts(&in, "\xE4\xB8\xAD\xE4\xB8\xAD"), UNKG_OK);
      /* The whole text, and the text cut at each of its last bytes. */
      for (size_t cut = 0; cut < 3 && cut < in.len; ++cut) {
        size_t   n      = in.len - cut;
        uint32_t cp     = 0, want_cp = 0, nt_cp = 0;
        size_t   want   = forbidden_by_decoder(in.data, n, &want_cp);
        size_t   bad    = 0;
        char*    out    = malloc(2 * n + 1);
        ck_assert_uint_eq(unkg_forbidden_at(in.data, n, &cp), want);
        unkg_escape_nt_checked(out, in.data, n, &bad, &nt_cp);
        ck_assert_uint_eq(bad, want);
        if (want < n) {
          ck_assert_uint_eq(cp, want_cp);
          ck_assert_uint_eq(nt_cp, want_cp);
        }
        free(out);
      }
      unkg_buf_clear(&in);
    }
  }
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
  tcase_add_test(tc, lines_longer_than_the_buffer);
  tcase_add_test(tc, turtle);
  tcase_add_test(tc, rdfxml);
  tcase_add_test(tc, terms_once_and_again);
  tcase_add_test(tc, plain_iris_written_twice);
  tcase_add_test(tc, failures_leave_no_file);
  tcase_add_test(tc, publish_as_path);
  tcase_add_test(tc, escapers);
  tcase_add_test(tc, hostile_stems);
  tcase_add_test(tc, hostile_files);
  tcase_add_test(tc, name_collisions);
  tcase_add_test(tc, forbidden_chars);
  tcase_add_test(tc, forbidden_fast_paths);
  tcase_add_test(tc, nt_checked_escaper);
  tcase_add_test(tc, forbidden_after_cjk_runs);
  suite_add_tcase(s, tc);
  return s;
}

int
main(void)
{
  return tu_run(serialize_suite());
}
