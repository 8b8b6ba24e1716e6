/* What the code relies on in the reference data: the code finds genres,
 * organs, action types and phrases by what they do (a property, a role),
 * never by IRI, so a renamed individual or property must make loading fail,
 * naming what is missing, rather than switch a feature off in silence.
 * Each case copies the project's data into a fresh directory with one piece
 * renamed away. */
#include "buf.h"
#include "lexicon.h"
#include "testutil.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


static const struct {
  const char* file; /* the file changed; NULL: none */
  const char* from; /* every occurrence replaced by to */
  const char* to;
  const char* missing; /* what the message names; NULL: the data loads */
} cases[] = {
  {NULL, NULL, NULL, NULL},
  {"actions.ttl", "unkg:impliedByAmount", "unkg:impliedByMoney", "unkg:impliedByAmount"},
  {"actions.ttl", "unkg:impliedByDatedObject", "unkg:dated", "unkg:impliedByDatedObject"},
  {"actions.ttl", "unkg:defaultForListItem", "unkg:listed", "unkg:defaultForListItem"},
  {"actions.ttl", "unkg:defaultForModality unkg:planned", "unkg:usual unkg:planned",
   "unkg:defaultForModality unkg:planned"},
  {"actions.ttl", "unkg:defaultForModality unkg:proposed", "unkg:usual unkg:proposed",
   "unkg:defaultForModality unkg:proposed"},
  {"actions.ttl", "unkg:impliesModality", "unkg:always", "unkg:impliesModality"},
  {"actions.ttl", "unkg:planned a unkg:Modality", "unkg:intended a unkg:Modality", "unkg:planned"},
  {"actions.ttl", "unkg:passiveAuxiliary", "unkg:auxiliary", "unkg:passiveAuxiliary"},
  {"actions.ttl", "unkg:passiveMarker", "unkg:marker", "unkg:passiveMarker"},
  {"actions.ttl", "unkg:passivePostVerb", "unkg:postVerb", "unkg:passivePostVerb"},
  {"actions.ttl", "unkgv:directives a", "unkgv:asking a", "ref/verb/directives"},
  {"organizations.ttl", "unkgo:UNSG a", "unkgo:SecretaryGeneral a", "unkg:issuedBy"},
  {"organizations.ttl", "unkg:resolutionSeries \"A/RES/\" ;", "", "unkg:resolutionSeries"},
  {"genres.ttl", "unkg:Report", "unkg:Memo", "unkg:documentClass unkg:Report"},
  {"genres.ttl", "unkg:formulaPhrase", "unkg:formula", "unkg:formulaPhrase"},
  {"genres.ttl", "unkg:meetingPhrase", "unkg:meeting", "unkg:meetingPhrase"},
  {"genres.ttl", "unkg:languageNotePhrase", "unkg:note", "unkg:languageNotePhrase"},
  {"genres.ttl", "unkg:receivedAfterPhrase", "unkg:after", "unkg:receivedAfterPhrase"},
  {"genres.ttl", "unkg:deadlinePhrase", "unkg:due", "unkg:deadlinePhrase"},
  {"languages.ttl", "unkg:Language", "unkg:Tongue", "unkg:Language"},
};

/* s with every from replaced by to (caller frees). */
static char*
replace_all(const char* s, const char* from, const char* to)
{
  UnkgBuf b = {0};
  size_t  n = strlen(from);
  for (const char* at; (at = strstr(s, from)); s = at + n) {
    ck_assert_int_eq(unkg_buf_append(&b, s, (size_t)(at - s)), UNKG_OK);
    ck_assert_int_eq(unkg_buf_puts(&b, to), UNKG_OK);
  }
  ck_assert_int_eq(unkg_buf_puts(&b, s), UNKG_OK);
  return unkg_buf_take(&b);
}

/* Copies the reference data into dir, changing one file as case k says. */
static void
copy_data(const char* dir, size_t k)
{
  const char* src = getenv("UNKG_DATA_DIR");
  ck_assert_ptr_nonnull(src);
  DIR* dh = opendir(src);
  ck_assert_ptr_nonnull(dh);
  unsigned changed = 0;
  for (struct dirent* e; (e = readdir(dh));) {
    size_t n = strlen(e->d_name);
    if (n < 4 || strcmp(e->d_name + n - 4, ".ttl") || e->d_name[0] == '.') {
      continue;
    }
    char path[4096];
    ck_assert_int_lt(snprintf(path, sizeof path, "%s/%s", src, e->d_name), (int)sizeof path);
    char* text = tu_slurp(path, NULL);
    if (cases[k].file && !strcmp(cases[k].file, e->d_name)) {
      ck_assert_msg(strstr(text, cases[k].from), "%s holds no \"%s\"", e->d_name, cases[k].from);
      char* t = replace_all(text, cases[k].from, cases[k].to);
      free(text);
      text = t;
      ++changed;
    }
    ck_assert_int_lt(snprintf(path, sizeof path, "%s/%s", dir, e->d_name), (int)sizeof path);
    FILE* f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, strlen(text), f), strlen(text));
    ck_assert_int_eq(fclose(f), 0);
    free(text);
  }
  closedir(dh);
  ck_assert_uint_eq(changed, cases[k].file ? 1 : 0);
}

static void
remove_dir(const char* dir)
{
  DIR* dh = opendir(dir);
  ck_assert_ptr_nonnull(dh);
  for (struct dirent* e; (e = readdir(dh));) {
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
      char path[4096];
      if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < (int)sizeof path) {
        unlink(path);
      }
    }
  }
  closedir(dh);
  rmdir(dir);
}

START_TEST(missing_data_fails_loading)
{
  const char* tmp = getenv("TMPDIR");
  char        dir[4096];
  snprintf(dir, sizeof dir, "%s/unkg-refdata.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  ck_assert_ptr_nonnull(mkdtemp(dir));
  copy_data(dir, (size_t)_i);

  UnkgLexicon* lex = unkg_lexicon_new();
  UnkgDiag     d   = {0};
  UnkgStatus   st  = unkg_lexicon_load_dir(CTX(d), lex, dir);
  unkg_lexicon_free(lex);
  remove_dir(dir);
  if (!cases[_i].missing) {
    ck_assert_msg(st == UNKG_OK, "the reference data does not load: %s", d.msg);
    return;
  }
  ck_assert_int_eq(st, UNKG_ERR_SYNTAX);
  ck_assert_str_eq(d.file, dir);
  ck_assert_msg(strstr(d.msg, "reference data is incomplete") && strstr(d.msg, cases[_i].missing),
                "renaming %s in %s: \"%s\" does not name %s", cases[_i].from, cases[_i].file, d.msg,
                cases[_i].missing);
}
END_TEST

/* The entities found by behaviour are the ones the data marks. */
START_TEST(lookups_by_behaviour)
{
  const UnkgLexicon* lex = tu_lexicon();
  const UnkgEntity*  res = unkg_lexicon_genre(lex, "https://w3id.org/unkg/ontology#Resolution");
  ck_assert_ptr_nonnull(res);
  ck_assert_ptr_nonnull(res->issuer);
  ck_assert_str_eq(res->issuer->series, "A/RES/");
  const char* phrase = unkg_lexicon_name_at(lex, res, UNKG_ROLE_SESSION, 0);
  ck_assert_ptr_nonnull(phrase);
  size_t      before;
  const char* after;
  ck_assert(unkg_phrase_slot(phrase, &before, &after));
  ck_assert_uint_eq(before, strlen("第"));
  ck_assert_str_eq(after, "届会议");
  ck_assert_ptr_null(unkg_lexicon_name_at(lex, res, UNKG_ROLE_SESSION, 1));
  ck_assert(!unkg_phrase_slot("议程项目", &before, &after));

  const UnkgEntity* fund = unkg_lexicon_flagged(lex, UNKG_ENT_ACTION, UNKG_FLAG_AMOUNT);
  ck_assert_ptr_nonnull(fund);
  ck_assert_ptr_null(unkg_lexicon_flagged(lex, UNKG_ENT_STATE, UNKG_FLAG_AMOUNT));

  size_t            len;
  const UnkgEntity* en = unkg_lexicon_match(lex, UNKG_ENT_LANGUAGE, UNKG_ROLE_NAME, "英文]",
                                            strlen("英文]"), &len, NULL);
  ck_assert_ptr_nonnull(en);
  ck_assert_str_eq(en->code, "en");
  ck_assert_ptr_null(unkg_lexicon_name_at(NULL, res, UNKG_ROLE_SESSION, 0));
  ck_assert_ptr_null(unkg_lexicon_genre(NULL, "https://w3id.org/unkg/ontology#Report"));
}
END_TEST

static Suite*
refdata_suite(void)
{
  Suite* s  = suite_create("refdata");
  TCase* tc = tcase_create("required");
  tcase_add_loop_test(tc, missing_data_fails_loading, 0, (int)(sizeof cases / sizeof *cases));
  tcase_add_test(tc, lookups_by_behaviour);
  suite_add_tcase(s, tc);
  return s;
}

int
main(void)
{
  return tu_run(refdata_suite());
}
