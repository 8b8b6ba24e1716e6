/* The lexicon: loading reference data, and the lookups every recogniser
 * relies on.  The real cases use the project's ontology/ ($UNKG_DATA_DIR). */
#include "buf.h"
#include "lexicon.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#define STATE(code) "https://w3id.org/unkg/ref/state/" code
#define ORG(code) "https://w3id.org/unkg/ref/org/" code
#define VERB(name) "https://w3id.org/unkg/ref/verb/" name

#define PREFIXES                                                                                   \
  "@prefix unkg: <https://w3id.org/unkg/ontology#> .\n"                                            \
  "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"                                       \
  "@prefix ex:   <https://example.org/> .\n"

static char         dir[256];
static char         path[512];
static UnkgLexicon* lex;

static void
setup(void)
{
  const char* tmp = getenv("TMPDIR");
  snprintf(dir, sizeof dir, "%s/unkg-lexicon-test.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  ck_assert_ptr_nonnull(mkdtemp(dir));
  lex = unkg_lexicon_new();
  ck_assert_ptr_nonnull(lex);
}

static const char* const files[] = {"a.ttl",           "b.ttl",       "bad.ttl",  "unkg.ttl",
                                    "unkg-shapes.ttl", ".hidden.ttl", "notes.txt"};

static void
teardown(void)
{
  unkg_lexicon_free(lex);
  lex = NULL;
  for (size_t i = 0; i < sizeof files / sizeof *files; ++i) {
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    unlink(path);
  }
  rmdir(dir);
}

/* Writes <dir>/name and returns its path. */
static const char*
write_file(const char* name, const char* text)
{
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE* f = fopen(path, "wb");
  ck_assert_ptr_nonnull(f);
  ck_assert_int_eq(fputs(text, f) >= 0, 1);
  ck_assert_int_eq(fclose(f), 0);
  return path;
}

START_TEST(free_null)
{
  unkg_lexicon_free(NULL);
}
END_TEST

START_TEST(empty_lexicon_finds_nothing)
{
  ck_assert_int_eq(unkg_lexicon_index(lex), UNKG_OK);
  ck_assert_uint_eq(unkg_lexicon_size(lex), 0);
  ck_assert_ptr_null(unkg_lexicon_entity(lex, 0));
  ck_assert_ptr_null(unkg_lexicon_by_iri(lex, STATE("FRA")));
  size_t len = 7;
  ck_assert_ptr_null(unkg_lexicon_match(lex, ~0u, ~0u, "France", 6, &len, NULL));
  ck_assert_ptr_null(unkg_lexicon_lookup(lex, ~0u, "France"));
  /* A NULL lexicon is an empty one for the lookups. */
  ck_assert_uint_eq(unkg_lexicon_size(NULL), 0);
  ck_assert_ptr_null(unkg_lexicon_by_iri(NULL, STATE("FRA")));
  ck_assert_ptr_null(unkg_lexicon_match(NULL, ~0u, ~0u, "France", 6, &len, NULL));
  ck_assert_ptr_null(unkg_lexicon_lookup(NULL, ~0u, "France"));
}
END_TEST

START_TEST(load_missing_file)
{
  snprintf(path, sizeof path, "%s/missing.ttl", dir);
  UnkgDiag d = {0};
  ck_assert_int_eq(unkg_lexicon_load_file(CTX(d), lex, path), UNKG_ERR_IO);
  ck_assert_str_eq(d.file, path);
  ck_assert_str_eq(d.msg, "cannot open reference data");
}
END_TEST

START_TEST(syntax_error_names_file_and_line)
{
  /* Line 6 lacks the comma between two literals. */
  const char* p = write_file("bad.ttl", PREFIXES
                             "\n"
                             "ex:x a unkg:MemberState ;\n"
                             "    skos:prefLabel \"X\"@en \"Y\"@en .\n");
  UnkgDiag    d = {0};
  ck_assert_int_eq(unkg_lexicon_load_file(CTX(d), lex, p), UNKG_ERR_SYNTAX);
  ck_assert_str_eq(d.file, p);
  ck_assert_uint_eq(d.line, 6);
  ck_assert_msg(strncmp(d.msg, "reference data does not parse", 29) == 0, "message: %s", d.msg);
}
END_TEST

START_TEST(load_dir_errors)
{
  snprintf(path, sizeof path, "%s/missing", dir);
  UnkgDiag d = {0};
  ck_assert_int_eq(unkg_lexicon_load_dir(CTX(d), lex, path), UNKG_ERR_IO);
  ck_assert_str_eq(d.file, path);
  ck_assert_str_eq(d.msg, "cannot open reference data directory");
  /* The ontology, the shapes, hidden files and non-Turtle files are not
   * reference data: a directory of only those has none. */
  write_file("unkg.ttl", PREFIXES "ex:a a unkg:MemberState .\n");
  write_file("unkg-shapes.ttl", PREFIXES "ex:b a unkg:MemberState .\n");
  write_file(".hidden.ttl", PREFIXES "ex:c a unkg:MemberState .\n");
  write_file("notes.txt", "not Turtle\n");
  memset(&d, 0, sizeof d);
  ck_assert_int_eq(unkg_lexicon_load_dir(CTX(d), lex, dir), UNKG_ERR_IO);
  ck_assert_str_eq(d.file, dir);
  ck_assert_str_eq(d.msg, "no reference data (*.ttl) found");
  /* A bad file among good ones stops the load and is named. */
  write_file("a.ttl", PREFIXES "ex:a a unkg:MemberState ; skos:prefLabel \"A\"@en .\n");
  const char* bad = write_file("bad.ttl", PREFIXES "ex:x a .\n");
  memset(&d, 0, sizeof d);
  ck_assert_int_eq(unkg_lexicon_load_dir(CTX(d), lex, dir), UNKG_ERR_SYNTAX);
  ck_assert_str_eq(d.file, bad);
  ck_assert_uint_eq(d.line, 4);
}
END_TEST

START_TEST(small_lexicon_from_a_directory)
{
  write_file("unkg.ttl", PREFIXES "ex:skipped a unkg:MemberState ; skos:prefLabel \"Alpha\"@en .\n");
  write_file("b.ttl", PREFIXES
             "ex:ab a unkg:UNBody ; skos:prefLabel \"Alpha Beta Council\"@en , \"甲乙理事会\"@zh ;\n"
             "    unkg:abbreviation \"ABC\"@en ;\n"
             "    unkg:excludedContext \"小甲乙理事会\"@zh .\n"
             "ex:untyped skos:prefLabel \"Gamma\"@en .\n");
  write_file("a.ttl", PREFIXES
             "ex:a a unkg:MemberState ; skos:prefLabel \"Alpha\"@en , \"甲\"@zh ;\n"
             "    skos:altLabel \"Ａｌｐｈａｌａｎｄ\"@en ;\n"
             "    unkg:iso3166Alpha3 \"ALP\" .\n");
  UnkgDiag d = {0};
  /* Without the genres, languages and modalities the stages look up, the
   * directory is refused as a whole (refdata_test says which). */
  ck_assert_int_eq(unkg_lexicon_load_dir(CTX(d), lex, dir), UNKG_ERR_SYNTAX);
  ck_assert_ptr_nonnull(strstr(d.msg, "reference data is incomplete"));
  unkg_lexicon_free(lex);
  lex = unkg_lexicon_new();
  char a_ttl[512], b_ttl[512];
  snprintf(a_ttl, sizeof a_ttl, "%s/a.ttl", dir);
  snprintf(b_ttl, sizeof b_ttl, "%s/b.ttl", dir);
  ck_assert_int_eq(unkg_lexicon_load_file(CTX(d), lex, b_ttl), UNKG_OK);
  ck_assert_int_eq(unkg_lexicon_load_file(CTX(d), lex, a_ttl), UNKG_OK);
  ck_assert_int_eq(unkg_lexicon_index(lex), UNKG_OK);
  /* Two typed subjects; the untyped subject is not an entity. */
  ck_assert_uint_eq(unkg_lexicon_size(lex), 2);
  const UnkgEntity* a  = unkg_lexicon_by_iri(lex, "https://example.org/a");
  const UnkgEntity* ab = unkg_lexicon_by_iri(lex, "https://example.org/ab");
  ck_assert_ptr_nonnull(a);
  ck_assert_ptr_nonnull(ab);
  ck_assert_ptr_null(unkg_lexicon_by_iri(lex, "https://example.org/skipped"));
  ck_assert_ptr_null(unkg_lexicon_by_iri(lex, "https://example.org/untyped"));
  ck_assert_int_eq(a->kind, UNKG_ENT_STATE);
  ck_assert_int_eq(a->member, 1);
  ck_assert_str_eq(a->code, "ALP");
  ck_assert_str_eq(a->label_en, "Alpha");
  ck_assert_str_eq(a->label_zh, "甲");
  ck_assert_int_eq(ab->kind, UNKG_ENT_ORG);
  ck_assert_ptr_null(ab->code);
  /* Entities are sorted by IRI. */
  ck_assert_ptr_eq(unkg_lexicon_entity(lex, 0), a);
  ck_assert_ptr_eq(unkg_lexicon_entity(lex, 1), ab);

  /* Longest match across entities, restricted by kind. */
  size_t      len  = 0;
  unsigned    role = 0;
  const char* t    = "Alpha Beta Council decided";
  ck_assert_ptr_eq(unkg_lexicon_match(lex, ~0u, UNKG_ROLE_NAME, t, strlen(t), &len, &role), ab);
  ck_assert_uint_eq(len, strlen("Alpha Beta Council"));
  ck_assert_uint_eq(role, UNKG_ROLE_NAME);
  ck_assert_ptr_eq(unkg_lexicon_match(lex, UNKG_ENT_STATE, UNKG_ROLE_NAME, t, strlen(t), &len, NULL),
                   a);
  ck_assert_uint_eq(len, 5);
  /* Only text_len bytes are looked at. */
  ck_assert_ptr_eq(unkg_lexicon_match(lex, ~0u, UNKG_ROLE_NAME, t, 12, &len, NULL), a);
  ck_assert_uint_eq(len, 5);
  ck_assert_ptr_null(unkg_lexicon_match(lex, ~0u, UNKG_ROLE_OPERATIVE, t, strlen(t), &len, NULL));
  /* Names are normalised like text: full-width letters become ASCII. */
  t = "Alphaland";
  ck_assert_ptr_eq(unkg_lexicon_match(lex, ~0u, UNKG_ROLE_NAME, t, strlen(t), &len, NULL), a);
  ck_assert_uint_eq(len, 9);
  ck_assert_ptr_eq(unkg_lexicon_lookup(lex, UNKG_ENT_STATE, "ALPHALAND"), a);
  ck_assert_ptr_eq(unkg_lexicon_lookup(lex, ~0u, "abc"), ab);
  ck_assert_ptr_null(unkg_lexicon_lookup(lex, UNKG_ENT_STATE, "ABC"));
  ck_assert_ptr_null(unkg_lexicon_lookup(lex, ~0u, "Alpha Beta")); /* whole strings only */

  /* 甲乙理事会 inside 小甲乙理事会 is excluded; on its own it is not. */
  t = "小甲乙理事会";
  ck_assert_ptr_eq(unkg_lexicon_match(lex, ~0u, UNKG_ROLE_NAME, t + 3, strlen(t) - 3, &len, NULL),
                   ab);
  ck_assert_int_eq(unkg_lexicon_excluded(lex, ab, t, strlen(t), 3, len), 1);
  t = "甲乙理事会决定";
  ck_assert_int_eq(unkg_lexicon_excluded(lex, ab, t, strlen(t), 0, strlen("甲乙理事会")), 0);
  ck_assert_int_eq(unkg_lexicon_excluded(lex, a, "小甲乙理事会", 18, 3, 3), 0);
}
END_TEST

/* Names whose order by bytes is not their order but for case (capitals
 * sort before every small letter by bytes): unkg_lexicon_lookup's binary
 * search finds each, in any case.  And a subject stated in two files is
 * one entity with the facts of both. */
START_TEST(lookup_in_any_case_and_subjects_across_files)
{
  write_file("a.ttl", PREFIXES
             "ex:x skos:altLabel \"charlie\"@en , \"Delta\"@en .\n"
             "ex:y a unkg:UNBody ; skos:prefLabel \"Bravo Board\"@en .\n");
  write_file("b.ttl", PREFIXES
             "ex:x a unkg:MemberState ; skos:prefLabel \"Bravo\"@en ;\n"
             "    skos:altLabel \"alpha\"@en , \"echo\"@en , \"Foxtrot\"@en .\n");
  UnkgDiag d = {0};
  char     a_ttl[512], b_ttl[512];
  snprintf(a_ttl, sizeof a_ttl, "%s/a.ttl", dir);
  snprintf(b_ttl, sizeof b_ttl, "%s/b.ttl", dir);
  ck_assert_int_eq(unkg_lexicon_load_file(CTX(d), lex, a_ttl), UNKG_OK);
  ck_assert_int_eq(unkg_lexicon_load_file(CTX(d), lex, b_ttl), UNKG_OK);
  ck_assert_int_eq(unkg_lexicon_index(lex), UNKG_OK);
  ck_assert_uint_eq(unkg_lexicon_size(lex), 2);
  const UnkgEntity* x = unkg_lexicon_by_iri(lex, "https://example.org/x");
  ck_assert_ptr_nonnull(x);
  ck_assert_int_eq(x->kind, UNKG_ENT_STATE);
  static const char* const names[] = {"alpha", "ALPHA", "bravo", "Bravo", "BRAVO",   "Charlie",
                                      "delta", "DELTA", "Echo",  "ECHO",  "foxtrot", "FOXTROT"};
  for (size_t i = 0; i < sizeof names / sizeof *names; ++i) {
    ck_assert_msg(unkg_lexicon_lookup(lex, ~0u, names[i]) == x, "%s", names[i]);
  }
  ck_assert_ptr_eq(unkg_lexicon_lookup(lex, ~0u, "BRAVO board"),
                   unkg_lexicon_by_iri(lex, "https://example.org/y"));
  ck_assert_ptr_null(unkg_lexicon_lookup(lex, ~0u, "golf"));
}
END_TEST

/* The real reference data: expectations read off ontology/states.ttl,
 * organizations.ttl, verbs.ttl and actions.ttl. */
START_TEST(states_by_name_and_code)
{
  const UnkgLexicon* real = tu_lexicon();
  ck_assert_uint_gt(unkg_lexicon_size(real), 195);
  const UnkgEntity* fra = unkg_lexicon_by_iri(real, STATE("FRA"));
  ck_assert_ptr_nonnull(fra);
  ck_assert_int_eq(fra->kind, UNKG_ENT_STATE);
  ck_assert_str_eq(fra->code, "FRA");
  ck_assert_str_eq(fra->label_en, "France");
  ck_assert_str_eq(fra->label_zh, "法国");
  ck_assert_int_eq(fra->member, 1);
  ck_assert_ptr_eq(unkg_lexicon_lookup(real, UNKG_ENT_STATE, "法国"), fra);
  ck_assert_ptr_eq(unkg_lexicon_lookup(real, UNKG_ENT_STATE, "France"), fra);
  ck_assert_ptr_eq(unkg_lexicon_lookup(real, UNKG_ENT_STATE, "FRANCE"), fra);
  ck_assert_ptr_eq(unkg_lexicon_lookup(real, UNKG_ENT_STATE, "the French Republic"), fra);
  ck_assert_ptr_eq(unkg_lexicon_lookup(real, UNKG_ENT_STATE, "法兰西共和国"), fra);
  ck_assert_ptr_null(unkg_lexicon_lookup(real, UNKG_ENT_ORG, "France"));
  ck_assert_ptr_null(unkg_lexicon_lookup(real, UNKG_ENT_STATE, "Frankreich"));
  /* The Holy See is an observer, not a Member State. */
  const UnkgEntity* vat = unkg_lexicon_lookup(real, UNKG_ENT_STATE, "罗马教廷");
  ck_assert_ptr_eq(vat, unkg_lexicon_by_iri(real, STATE("VAT")));
  ck_assert_int_eq(vat->member, 0);
  ck_assert_str_eq(vat->code, "VAT");
  const UnkgEntity* usd = unkg_lexicon_lookup(real, UNKG_ENT_CURRENCY, "美元");
  ck_assert_ptr_nonnull(usd);
  ck_assert_str_eq(usd->code, "USD");
  /* Sorted by IRI, so by_iri's binary search holds. */
  for (size_t i = 1; i < unkg_lexicon_size(real); ++i) {
    ck_assert_int_lt(strcmp(unkg_lexicon_entity(real, i - 1)->iri, unkg_lexicon_entity(real, i)->iri),
                     0);
  }
}
END_TEST

START_TEST(match_prefers_the_longest_name)
{
  const UnkgLexicon* real = tu_lexicon();
  size_t             len  = 0;
  unsigned           role = 0;
  /* 几内亚 (Guinea) is a prefix of 几内亚比绍 (Guinea-Bissau). */
  const char*       t = "几内亚比绍代表团";
  const UnkgEntity* e = unkg_lexicon_match(real, UNKG_ENT_STATE, UNKG_ROLE_NAME, t, strlen(t), &len,
                                           &role);
  ck_assert_ptr_eq(e, unkg_lexicon_by_iri(real, STATE("GNB")));
  ck_assert_uint_eq(len, strlen("几内亚比绍"));
  ck_assert_uint_eq(role, UNKG_ROLE_NAME);
  t = "几内亚代表团";
  e = unkg_lexicon_match(real, UNKG_ENT_STATE, UNKG_ROLE_NAME, t, strlen(t), &len, NULL);
  ck_assert_ptr_eq(e, unkg_lexicon_by_iri(real, STATE("GIN")));
  ck_assert_uint_eq(len, strlen("几内亚"));
  t = "Guinea-Bissau and Guinea";
  e = unkg_lexicon_match(real, UNKG_ENT_STATE, UNKG_ROLE_NAME, t, strlen(t), &len, NULL);
  ck_assert_ptr_eq(e, unkg_lexicon_by_iri(real, STATE("GNB")));
  ck_assert_uint_eq(len, strlen("Guinea-Bissau"));
  /* 联合国 (the UN) is a prefix of 联合国安全理事会 (the Security Council). */
  t = "联合国安全理事会决议";
  e = unkg_lexicon_match(real, UNKG_ENT_ORG, UNKG_ROLE_NAME, t, strlen(t), &len, NULL);
  ck_assert_ptr_eq(e, unkg_lexicon_by_iri(real, ORG("UNSC")));
  ck_assert_uint_eq(len, strlen("联合国安全理事会"));
  ck_assert_ptr_null(
    unkg_lexicon_match(real, UNKG_ENT_STATE, UNKG_ROLE_NAME, t, strlen(t), &len, NULL));
  /* Per entity: GIN's longest name that the text starts with. */
  t = "几内亚比绍";
  ck_assert_uint_eq(unkg_lexicon_match_entity(real, unkg_lexicon_by_iri(real, STATE("GIN")),
                                              UNKG_ROLE_NAME, t, strlen(t)),
                    strlen("几内亚"));
  ck_assert_uint_eq(unkg_lexicon_match_entity(real, unkg_lexicon_by_iri(real, STATE("GNB")),
                                              UNKG_ROLE_NAME, "几内亚", strlen("几内亚")),
                    0);
}
END_TEST

START_TEST(verbs_roles_and_flags)
{
  const UnkgLexicon* real = tu_lexicon();
  size_t             len  = 0;
  unsigned           role = 0;
  const char*        t    = "Recalls with appreciation its resolution";
  const UnkgEntity*  e = unkg_lexicon_match(real, UNKG_ENT_VERB, UNKG_ROLE_OPERATIVE, t, strlen(t),
                                            &len, &role);
  ck_assert_ptr_eq(e, unkg_lexicon_by_iri(real, VERB("recall-with-appreciation")));
  ck_assert_uint_eq(len, strlen("Recalls with appreciation"));
  ck_assert_uint_eq(role, UNKG_ROLE_OPERATIVE);
  /* 回顾 is both a preambular and an operative form of recall. */
  t = "回顾其各项决议";
  e = unkg_lexicon_match(real, UNKG_ENT_VERB, UNKG_ROLE_PREAMBULAR, t, strlen(t), &len, &role);
  const UnkgEntity* recall = unkg_lexicon_by_iri(real, VERB("recall"));
  ck_assert_ptr_eq(e, recall);
  ck_assert_uint_eq(role, UNKG_ROLE_PREAMBULAR);
  ck_assert_int_eq(unkg_lexicon_entity_has_role(real, recall, UNKG_ROLE_OPERATIVE), 1);
  const UnkgEntity* concern = unkg_lexicon_by_iri(real, VERB("recall-with-concern"));
  ck_assert_int_eq(unkg_lexicon_entity_has_role(real, concern, UNKG_ROLE_PREAMBULAR), 1);
  ck_assert_int_eq(unkg_lexicon_entity_has_role(real, concern, UNKG_ROLE_OPERATIVE), 0);
  ck_assert_int_eq(unkg_lexicon_entity_has_role(real, NULL, UNKG_ROLE_OPERATIVE), 0);
  /* Directive verbs come from the collection in actions.ttl. */
  const UnkgEntity* request = unkg_lexicon_by_iri(real, VERB("request"));
  ck_assert_uint_eq(request->flags & UNKG_FLAG_DIRECTIVE, UNKG_FLAG_DIRECTIVE);
  ck_assert_uint_eq(recall->flags & UNKG_FLAG_DIRECTIVE, 0);
  /* unkg:saysAgain: the modifier again and the verbs that say it. */
  const UnkgEntity* again = unkg_lexicon_by_iri(real, VERB("again"));
  ck_assert_ptr_nonnull(again);
  ck_assert_uint_eq(again->flags & UNKG_FLAG_AGAIN, UNKG_FLAG_AGAIN);
  ck_assert_uint_eq(unkg_lexicon_by_iri(real, VERB("reiterate"))->flags & UNKG_FLAG_AGAIN,
                    UNKG_FLAG_AGAIN);
  ck_assert_uint_eq(unkg_lexicon_by_iri(real, VERB("also"))->flags & UNKG_FLAG_AGAIN, 0);
  ck_assert_uint_eq(request->flags & UNKG_FLAG_AGAIN, 0);
}
END_TEST

START_TEST(excluded_contexts)
{
  const UnkgLexicon* real = tu_lexicon();
  const UnkgEntity*  unsc = unkg_lexicon_by_iri(real, ORG("UNSC"));
  const UnkgEntity*  chn  = unkg_lexicon_by_iri(real, STATE("CHN"));
  size_t             len  = 0;
  /* 安全理事会 inside 网络安全理事会 (a national body) */
  const char* t = "设立网络安全理事会";
  ck_assert_ptr_eq(unkg_lexicon_match(real, UNKG_ENT_ORG, UNKG_ROLE_NAME, t + 12, strlen(t) - 12,
                                      &len, NULL),
                   unsc);
  ck_assert_uint_eq(len, strlen("安全理事会"));
  ck_assert_int_eq(unkg_lexicon_excluded(real, unsc, t, strlen(t), 12, len), 1);
  t = "请安全理事会审议";
  ck_assert_int_eq(unkg_lexicon_excluded(real, unsc, t, strlen(t), 3, len), 0);
  /* 中国 inside 发展中国家 (developing countries) */
  t = "发展中国家";
  ck_assert_int_eq(unkg_lexicon_excluded(real, chn, t, strlen(t), 6, strlen("中国")), 1);
  t = "中国代表";
  ck_assert_int_eq(unkg_lexicon_excluded(real, chn, t, strlen(t), 0, strlen("中国")), 0);
}
END_TEST

/* The longest name of e in roles that t[0, n) starts with, found by trying
 * every name: what the index must agree with. */
static size_t
longest_by_hand(const UnkgLexicon* real, const UnkgEntity* e, unsigned roles, const char* t, size_t n)
{
  size_t      best = 0;
  const char* name;
  for (size_t k = 0; (name = unkg_lexicon_name_at(real, e, roles, k)); ++k) {
    size_t l = strlen(name);
    if (l <= n && l > best && !memcmp(name, t, l)) {
      best = l;
    }
  }
  return best;
}

/* The index (a trie) against a search of every name: at the start of texts
 * made of a name and what may follow it, match, match_entity and matches
 * give the longest names, and every one. */
START_TEST(index_agrees_with_every_name)
{
  const UnkgLexicon* real    = tu_lexicon();
  size_t             checked = 0;
  for (size_t i = 0; i < unkg_lexicon_size(real); i += 7) {
    const UnkgEntity* e    = unkg_lexicon_entity(real, i);
    const char*       name = unkg_lexicon_name_at(real, e, ~0u, 0);
    if (!name) {
      continue;
    }
    char t[512];
    snprintf(t, sizeof t, "%s代表团 and more", name);
    size_t n = strlen(t);
    /* Every entity's longest name here, by hand. */
    size_t best = 0, count = 0;
    for (size_t j = 0; j < unkg_lexicon_size(real); ++j) {
      const UnkgEntity* f = unkg_lexicon_entity(real, j);
      size_t            l = longest_by_hand(real, f, ~0u, t, n);
      ck_assert_uint_eq(unkg_lexicon_match_entity(real, f, ~0u, t, n), l);
      best = l > best ? l : best;
      for (size_t k = 0; (name = unkg_lexicon_name_at(real, f, ~0u, k)); ++k) {
        count += strlen(name) <= n && !memcmp(name, t, strlen(name));
      }
    }
    ck_assert_uint_ge(best, strlen(unkg_lexicon_name_at(real, e, ~0u, 0)));
    size_t            len  = 0;
    unsigned          role = 0;
    const UnkgEntity* m    = unkg_lexicon_match(real, ~0u, ~0u, t, n, &len, &role);
    ck_assert_ptr_nonnull(m);
    ck_assert_uint_eq(len, best);
    UnkgMatch all[64];
    size_t    k = unkg_lexicon_matches(real, ~0u, ~0u, t, n, all, 64);
    ck_assert_uint_eq(k, count);
    ck_assert_uint_le(k, 64);
    ck_assert_ptr_eq(all[0].e, m);
    ck_assert_uint_eq(all[0].len, len);
    ck_assert_uint_eq(all[0].role, role);
    for (size_t q = 1; q < k; ++q) {
      ck_assert_uint_le(all[q].len, all[q - 1].len); /* longest first */
    }
    /* A text cut short of the name matches no further than the cut. */
    ck_assert_uint_le(unkg_lexicon_match_entity(real, m, ~0u, t, best - 1), best - 1);
    ++checked;
  }
  ck_assert_uint_gt(checked, 50);
}
END_TEST

/* unkg_lexicon_lookup's binary search over the names ordered as
 * strcasecmp orders them (sorted by a key of their first eight bytes
 * folded, then strcasecmp): every name of the reference data, as it is
 * and with its ASCII letters all upper or all lower case, is found. */
START_TEST(lookup_finds_every_name_in_any_case)
{
  const UnkgLexicon* real  = tu_lexicon();
  size_t             cased = 0;
  for (size_t i = 0; i < unkg_lexicon_size(real); ++i) {
    const UnkgEntity* e = unkg_lexicon_entity(real, i);
    const char*       name;
    for (size_t k = 0; (name = unkg_lexicon_name_at(real, e, ~0u, k)); ++k) {
      const UnkgEntity* found = unkg_lexicon_lookup(real, ~0u, name);
      ck_assert_msg(found != NULL, "%s not found", name);
      char   up[512], low[512];
      size_t n = strlen(name);
      ck_assert_uint_lt(n, sizeof up);
      for (size_t j = 0; j <= n; ++j) {
        unsigned char b = (unsigned char)name[j];
        up[j]           = (char)(b >= 'a' && b <= 'z' ? b - 32 : b);
        low[j]          = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
      }
      cased += strcmp(up, name) != 0;
      ck_assert_msg(unkg_lexicon_lookup(real, ~0u, up) == found, "%s", up);
      ck_assert_msg(unkg_lexicon_lookup(real, ~0u, low) == found, "%s", low);
    }
  }
  ck_assert_uint_gt(cased, 1000);
}
END_TEST

/* The walk stops where no name below fits the kinds and roles asked
 * for: per kind and role, match and matches still give the longest name
 * of that kind and role, and every one, as a search of every name does. */
START_TEST(index_agrees_per_kind_and_role)
{
  const UnkgLexicon* real    = tu_lexicon();
  const unsigned     roles[] = {UNKG_ROLE_NAME, UNKG_ROLE_GENERIC, UNKG_ROLE_OPERATIVE,
                                UNKG_ROLE_TRIGGER_VERB, UNKG_ROLE_MARKER};
  const unsigned     kinds[] = {UNKG_ENT_STATE,
                                UNKG_ENT_ORG,
                                UNKG_ENT_INSTRUMENT,
                                UNKG_ENT_VERB,
                                UNKG_ENT_ACTION,
                                UNKG_ENT_MODALITY,
                                UNKG_ENT_STATE | UNKG_ENT_ORG | UNKG_ENT_INSTRUMENT};
  size_t             n_ents  = unkg_lexicon_size(real);
  size_t*            longest = calloc(n_ents, sizeof *longest); /* per entity, by hand */
  size_t*            names   = calloc(n_ents, sizeof *names);   /* how many of its names match */
  size_t             hits    = 0;
  ck_assert_ptr_nonnull(longest);
  ck_assert_ptr_nonnull(names);
  for (size_t i = 0; i < n_ents; i += 7) {
    const char* name = unkg_lexicon_name_at(real, unkg_lexicon_entity(real, i), ~0u, 0);
    if (!name) {
      continue;
    }
    char t[512];
    snprintf(t, sizeof t, "%s代表团 and more", name);
    size_t n = strlen(t);
    for (size_t r = 0; r < sizeof roles / sizeof *roles; ++r) {
      for (size_t j = 0; j < n_ents; ++j) {
        const UnkgEntity* f = unkg_lexicon_entity(real, j);
        longest[j] = names[j] = 0;
        for (size_t q = 0; (name = unkg_lexicon_name_at(real, f, roles[r], q)); ++q) {
          size_t l = strlen(name);
          if (l <= n && !memcmp(name, t, l)) {
            longest[j] = l > longest[j] ? l : longest[j];
            ++names[j];
          }
        }
      }
      for (size_t k = 0; k < sizeof kinds / sizeof *kinds; ++k) {
        size_t best = 0, count = 0;
        for (size_t j = 0; j < n_ents; ++j) {
          if (unkg_lexicon_entity(real, j)->kind & kinds[k]) {
            best = longest[j] > best ? longest[j] : best;
            count += names[j];
          }
        }
        size_t            len = 0;
        const UnkgEntity* m   = unkg_lexicon_match(real, kinds[k], roles[r], t, n, &len, NULL);
        ck_assert_uint_eq(m ? len : 0, best);
        UnkgMatch all[64];
        ck_assert_uint_eq(unkg_lexicon_matches(real, kinds[k], roles[r], t, n, all, 64), count);
        hits += best > 0;
      }
    }
  }
  free(longest);
  free(names);
  ck_assert_uint_gt(hits, 100);
}
END_TEST

/* unkg_lexicon_next_start passes only places where no name of the kinds
 * and roles starts (a search of every name, as above), a character at a
 * time; and unkg_lexicon_match_also gives what match and match_entity
 * give one after the other.  The text: names of many entities, each
 * followed by a character a name may start with and one none goes on
 * with, and by Latin words. */
START_TEST(next_start_and_match_also_agree_with_every_name)
{
  const UnkgLexicon* real   = tu_lexicon();
  size_t             n_ents = unkg_lexicon_size(real);
  size_t             cap = 1 << 16, n = 0;
  char*              t   = malloc(cap);
  ck_assert_ptr_nonnull(t);
  for (size_t i = 0; i < n_ents && n + 600 < cap; i += 3) {
    const char* name = unkg_lexicon_name_at(real, unkg_lexicon_entity(real, i), ~0u, 0);
    if (name && strlen(name) < 300) {
      /* and its first character alone, before one no name may go on with */
      n += (size_t)snprintf(t + n, cap - n, "%s的国家大会公约，%.*s的EUROPE and%s", name,
                            (int)unkg_utf8_step(name[0]), name, i % 2 ? "" : "\n");
    }
  }
  /* Names of one character, each before one no name may go on with. */
  for (size_t i = 0; i < n_ents; ++i) {
    const char* name;
    for (size_t q = 0; (name = unkg_lexicon_name_at(real, unkg_lexicon_entity(real, i), ~0u, q));
         ++q) {
      if (strlen(name) == unkg_utf8_step(name[0]) && n + 20 < cap) {
        n += (size_t)snprintf(t + n, cap - n, "%s的", name);
      }
    }
  }
  const unsigned kinds[] = {UNKG_ENT_STATE | UNKG_ENT_ORG | UNKG_ENT_INSTRUMENT, UNKG_ENT_VERB,
                            UNKG_ENT_INSTRUMENT};
  const unsigned roles[] = {UNKG_ROLE_NAME, UNKG_ROLE_NAME | UNKG_ROLE_GENERIC, UNKG_ROLE_OPERATIVE};
  size_t         passed = 0, stops = 0;
  for (size_t k = 0; k < sizeof kinds / sizeof *kinds; ++k) {
    for (size_t i = 0; i < n;) {
      size_t j = unkg_lexicon_next_start(real, kinds[k], roles[k], t, n, i);
      ck_assert_uint_ge(j, i);
      ck_assert_uint_le(j, n);
      for (; i < j; i += unkg_utf8_step(t[i])) {
        size_t l = 0;
        ck_assert_ptr_null(unkg_lexicon_match(real, kinds[k], roles[k], t + i, n - i, &l, NULL));
        for (size_t e = 0; passed % 97 == 0 && e < n_ents; ++e) {
          const UnkgEntity* f = unkg_lexicon_entity(real, e);
          if (f->kind & kinds[k]) {
            ck_assert_uint_eq(longest_by_hand(real, f, roles[k], t + i, n - i), 0);
          }
        }
        ++passed;
      }
      ck_assert_uint_eq(i, j); /* a character at a time */
      if (i < n) {
        ++stops;
        i += unkg_utf8_step(t[i]);
      }
    }
  }
  ck_assert_uint_gt(passed, 1000);
  ck_assert_uint_gt(stops, 100);
  /* match_also, with instruments as the entity named before. */
  size_t also = 0;
  for (size_t e = 0; e < n_ents; e += 5) {
    const UnkgEntity* f = unkg_lexicon_entity(real, e);
    for (size_t i = 0; i < n; i += 1 + 7 * unkg_utf8_step(t[i])) {
      size_t            l1 = 0, l2 = 0, gl = 99;
      const UnkgEntity* m1 = unkg_lexicon_match(real, kinds[0], UNKG_ROLE_NAME, t + i, n - i, &l1, NULL);
      const UnkgEntity* m2 = unkg_lexicon_match_also(real, kinds[0], UNKG_ROLE_NAME, f,
                                                     UNKG_ROLE_GENERIC | UNKG_ROLE_NAME, t + i, n - i,
                                                     &l2, &gl);
      ck_assert_ptr_eq(m1, m2);
      ck_assert_uint_eq(m1 ? l1 : 0, m2 ? l2 : 0);
      ck_assert_uint_eq(gl, unkg_lexicon_match_entity(real, f, UNKG_ROLE_GENERIC | UNKG_ROLE_NAME,
                                                      t + i, n - i));
      also += gl > 0;
    }
  }
  ck_assert_uint_gt(also, 10);
  free(t);
}
END_TEST

static Suite*
lexicon_suite(void)
{
  Suite* s       = suite_create("lexicon");
  TCase* loading = tcase_create("loading");
  tcase_add_checked_fixture(loading, setup, teardown);
  tcase_add_test(loading, free_null);
  tcase_add_test(loading, empty_lexicon_finds_nothing);
  tcase_add_test(loading, load_missing_file);
  tcase_add_test(loading, syntax_error_names_file_and_line);
  tcase_add_test(loading, load_dir_errors);
  tcase_add_test(loading, small_lexicon_from_a_directory);
  tcase_add_test(loading, lookup_in_any_case_and_subjects_across_files);
  suite_add_tcase(s, loading);
  TCase* real = tcase_create("reference data");
  tcase_add_test(real, states_by_name_and_code);
  tcase_add_test(real, match_prefers_the_longest_name);
  tcase_add_test(real, verbs_roles_and_flags);
  tcase_add_test(real, excluded_contexts);
  tcase_add_test(real, index_agrees_with_every_name);
  tcase_add_test(real, lookup_finds_every_name_in_any_case);
  tcase_add_test(real, index_agrees_per_kind_and_role);
  tcase_add_test(real, next_start_and_match_also_agree_with_every_name);
  suite_add_tcase(s, real);
  return s;
}

int
main(void)
{
  return tu_run(lexicon_suite());
}
