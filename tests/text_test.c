/* The text primitives (text.h): numerals, dates, sentence ends, folding and
 * the script a text is written in.  Expectations are worked out by hand. */
#include "testutil.h"
#include "text.h"

#include <check.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <string.h>

static const char*
script_of(const char* s)
{
  UnkgScriptCount c = {0};
  unkg_script_count(&c, s, strlen(s));
  return unkg_script_language(&c);
}

/* The counts themselves: Han characters alone and in runs (which the
 * count takes at once), led by E4 (U+4E00) and by E5-E9, a run ended by
 * full-width punctuation and by a cut character, and words of Latin
 * letters ended by Han. */
START_TEST(script_counts_han_runs)
{
  static const struct {
    const char* s;
    size_t      han, latin, en;
  } cases[] = {
    {"", 0, 0, 0},
    {"大", 1, 0, 0},
    {"大会第71/28号决议，联合国", 9, 0, 0},
    {"一大会二", 4, 0, 0},
    {"the大会and大", 3, 6, 2},
    {"大会\xE5\xA4", 2, 0, 0},
    {"大会\xE5", 2, 0, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
    UnkgScriptCount c = {0};
    unkg_script_count(&c, cases[i].s, strlen(cases[i].s));
    ck_assert_uint_eq(c.han, cases[i].han);
    ck_assert_uint_eq(c.latin, cases[i].latin);
    ck_assert_uint_eq(c.words[0], cases[i].en);
  }
}
END_TEST

START_TEST(script_of_each_un_language)
{
  /* Chinese text carries Latin symbols: still Chinese. */
  ck_assert_str_eq(script_of("大会第71/28号决议 A/RES/71/28"), "zh");
  ck_assert_str_eq(script_of("Генеральная Ассамблея, ссылаясь также"), "ru");
  /* Arabic with no Latin letter at all: Arabic, not Chinese (the rule once
   * took Han >= half the Latin letters, 0 >= 0, for Chinese). */
  ck_assert_str_eq(script_of("إن الجمعية العامة، وإذ تشير كذلك"), "ar");
  ck_assert_str_eq(script_of("إن الجمعية العامة، A/RES/75/1"), "ar");
  ck_assert_str_eq(script_of("Rappelant également sa résolution"), "");
  ck_assert_ptr_null(script_of("71/28 (2016)"));
  ck_assert_ptr_null(script_of(""));
  /* Arabic as PDF extraction gives it, in presentation forms (U+FE8D ...),
   * and Han of extension A: their scripts still. */
  ck_assert_str_eq(script_of("\uFE8D\uFEDF\uFEA0\uFEE4\uFECC\uFEF4\uFE94"), "ar");
  ck_assert_str_eq(script_of("\u3400\u4DB5 A/RES/1"), "zh");
  ck_assert_str_eq(script_of("\u0500\u0501\u0502 ab"), "ru");
}
END_TEST

/* Han characters counted one each, whichever path decodes them (U+4E00
 * to U+4FFF and the rest apart), and a Han character ends a Latin word. */
START_TEST(han_counted_and_ends_words)
{
  UnkgScriptCount c = {0};
  /* 联合国大会第七十一届会议: 会, 七, 一 are below U+5000. */
  const char* s =
    "\xe8\x81\x94\xe5\x90\x88\xe5\x9b\xbd\xe5\xa4\xa7\xe4\xbc\x9a\xe7\xac\xac"
    "\xe4\xb8\x83\xe5\x8d\x81\xe4\xb8\x80\xe5\xb1\x8a\xe4\xbc\x9a\xe8\xae\xae";
  unkg_script_count(&c, s, strlen(s));
  ck_assert_uint_eq(c.han, 12);
  ck_assert_uint_eq(c.latin, 0);
  UnkgScriptCount d = {0};
  const char*     t = "the\xe5\x9b\xbdthe\xe4\xb8\x80the";
  unkg_script_count(&d, t, strlen(t));
  ck_assert_uint_eq(d.han, 2);
  ck_assert_uint_eq(d.latin, 9);
  ck_assert_uint_eq(d.words[0], 3);
}
END_TEST

static const char*
latin_of(const char* s)
{
  UnkgScriptCount c = {0};
  unkg_script_count(&c, s, strlen(s));
  return unkg_script_latin(&c);
}

/* The three Latin-script languages, by the words only each of them uses. */
START_TEST(latin_languages)
{
  ck_assert_str_eq(
    latin_of("Recalling its resolution 70/237 and the report of the Secretary-General"), "en");
  ck_assert_str_eq(latin_of("Rappelant sa résolution 70/237 et les rapports du Secrétaire général"),
                   "fr");
  ck_assert_str_eq(latin_of("Recordando su resolución 70/237 y los informes del Secretario General"),
                   "es");
  /* Split over calls, as over a document's blocks. */
  UnkgScriptCount c = {0};
  unkg_script_count(&c, "Tomando nota de los", strlen("Tomando nota de los"));
  unkg_script_count(&c, "informes", strlen("informes"));
  ck_assert_str_eq(unkg_script_latin(&c), "es");
  /* Words inside longer words, and accented words, do not count. */
  ck_assert_str_eq(latin_of("Other thesis; Théâtre"), "");
  ck_assert_str_eq(latin_of("A/RES/71/28"), "");
}
END_TEST

START_TEST(chinese_numerals_and_dates)
{
  int v = -1;
  ck_assert_uint_eq(unkg_parse_zh_number("七十一届", strlen("七十一届"), &v), 9);
  ck_assert_int_eq(v, 71);
  ck_assert_uint_eq(unkg_parse_zh_number("十次", strlen("十次"), &v), 3);
  ck_assert_int_eq(v, 10);
  ck_assert_uint_eq(unkg_parse_zh_number("一百零五", strlen("一百零五"), &v), 12);
  ck_assert_int_eq(v, 105);
  ck_assert_uint_eq(unkg_parse_zh_number("51次", 4, &v), 2);
  ck_assert_int_eq(v, 51);
  ck_assert_uint_eq(unkg_parse_zh_number("次", 3, &v), 0);
  /* Section numerals: Roman or Chinese; a lone C or L is a subsection's
   * letter ("C Prestación por peligrosidad", 75/245 in Spanish). */
  ck_assert_uint_eq(unkg_parse_section_numeral("XIV Budget", 10), 3);
  ck_assert_uint_eq(unkg_parse_section_numeral("十四 预算", strlen("十四 预算")), 6);
  ck_assert_uint_eq(unkg_parse_section_numeral("C Prestación", 12), 0);
  ck_assert_uint_eq(unkg_parse_section_numeral("L", 1), 0);
  ck_assert_uint_eq(unkg_parse_section_numeral("LX", 2), 2);
  ck_assert_uint_eq(unkg_parse_section_numeral("71 ", 3), 0);
  ck_assert_uint_eq(unkg_parse_section_numeral("A", 1), 0);
  char d[11];
  ck_assert_uint_eq(unkg_parse_zh_date("2016年12月5日通过", strlen("2016年12月5日通过"), d),
                    strlen("2016年12月5日"));
  ck_assert_str_eq(d, "2016-12-05");
  /* Written without snprintf: every digit in its place, zeros kept. */
  ck_assert_uint_eq(unkg_parse_zh_date("0907年1月31日", strlen("0907年1月31日"), d),
                    strlen("0907年1月31日"));
  ck_assert_str_eq(d, "0907-01-31");
  ck_assert_uint_eq(unkg_parse_zh_date("9999年10月09日", strlen("9999年10月09日"), d),
                    strlen("9999年10月09日"));
  ck_assert_str_eq(d, "9999-10-09");
  ck_assert_uint_eq(unkg_parse_zh_date("2016年13月5日", strlen("2016年13月5日"), d), 0);
  ck_assert_uint_eq(unkg_parse_zh_date("16年1月5日", strlen("16年1月5日"), d), 0);
  /* Cut short: no read past n. */
  ck_assert_uint_eq(unkg_parse_zh_date("2016年12月5日", 10, d), 0);
  ck_assert_uint_eq(unkg_parse_digits("1234567890", 10, &v), 9);
  ck_assert_int_eq(v, 123456789);
}
END_TEST

START_TEST(sentence_ends_and_folding)
{
  ck_assert(unkg_text_is_terminal("报告。”", strlen("报告。”")));
  ck_assert(unkg_text_is_terminal("as follows: ", strlen("as follows: ")));
  ck_assert(!unkg_text_is_terminal("决议，", strlen("决议，")));
  ck_assert(!unkg_text_is_terminal("", 0));
  ck_assert_uint_eq(unkg_cp_fold_width(0xFF11), '1'); /* １ */
  ck_assert_uint_eq(unkg_cp_fold_width(0xFF0F), '/'); /* ／ */
  ck_assert_uint_eq(unkg_cp_fold_width(0x4E00), 0x4E00);
  ck_assert(unkg_cp_is_space(0x3000));
  ck_assert(!unkg_cp_is_space('x'));
  ck_assert_int_eq(unkg_cp_superscript_digit(0x00B9), 1);
  ck_assert_int_eq(unkg_cp_superscript_digit('1'), -1);
  ck_assert(unkg_starts_with("议程项目 93", "议程项目"));
  ck_assert(!unkg_starts_with("议程", "议程项目"));
}
END_TEST

/* The hash map behind the linear duplicate checks: 5000 keys through
 * several growths, each found with its value; FNV-1a of "a" from its
 * definition (offset basis 0xcbf29ce484222325 xor 'a', times the prime). */
START_TEST(string_map)
{
  ck_assert(unkg_hash64("a", 1) == 0xaf63dc4c8601ec8cu);
  ck_assert(unkg_hash64("", 0) == 0xcbf29ce484222325u);
  UnkgStrMap m = {0};
  ck_assert_ptr_null(unkg_strmap_get(&m, "x"));
  char key[16];
  for (size_t k = 0; k < 5000; ++k) {
    snprintf(key, sizeof key, "k%zu", k);
    size_t* slot = NULL;
    ck_assert_int_eq(unkg_strmap_put(&m, key, k * 7, &slot), UNKG_OK);
    ck_assert_uint_eq(*slot, k * 7);
  }
  size_t* slot = NULL;
  ck_assert_int_eq(unkg_strmap_put(&m, "k10", 1, &slot), UNKG_OK);
  ck_assert_uint_eq(*slot, 70); /* kept, not replaced */
  ck_assert_uint_eq(m.n, 5000);
  for (size_t k = 0; k < 5000; ++k) {
    snprintf(key, sizeof key, "k%zu", k);
    const size_t* v = unkg_strmap_get(&m, key);
    ck_assert_ptr_nonnull(v);
    ck_assert_uint_eq(*v, k * 7);
  }
  ck_assert_ptr_null(unkg_strmap_get(&m, "k5000"));
  unkg_strmap_clear(&m);
  ck_assert_uint_eq(m.n, 0);
}
END_TEST

/* The document's index of paths for 40,000 footnotes ("fn/1" ... as
 * unkg_doc_add_footnote names them) is whole at the segmenter's end,
 * reading's peak: its keys in one pool, 4 bytes a slot to find them, take
 * about 52 bytes a key (131,072 slots of 12 bytes, 9 bytes a key in a pool
 * of twice that at most), where a block of the heap a key and a pointer to
 * it took 85 (131,072 slots of 16 bytes, 32 bytes a block). */
START_TEST(string_map_keys_pooled)
{
#ifdef __GLIBC__
  struct mallinfo2 before = mallinfo2();
  UnkgStrMap       m      = {0};
  char             key[16];
  for (size_t k = 1; k <= 40000; ++k) {
    snprintf(key, sizeof key, "fn/%zu", k);
    ck_assert_int_eq(unkg_strmap_put(&m, key, 0, NULL), UNKG_OK);
  }
  struct mallinfo2 after = mallinfo2();
  size_t           used  = (after.uordblks + after.hblkhd) - (before.uordblks + before.hblkhd);
  ck_assert_uint_lt(used, 40000 * 64);
  ck_assert_ptr_nonnull(unkg_strmap_get(&m, "fn/40000"));
  ck_assert_ptr_null(unkg_strmap_get(&m, "fn/40001"));
  ck_assert_ptr_null(unkg_strmap_get(&m, "fn/"));
  unkg_strmap_clear(&m);
#endif
}
END_TEST

static Suite*
text_suite(void)
{
  Suite* s = suite_create("text");
  TCase* t = tcase_create("text");
  tcase_add_test(t, script_of_each_un_language);
  tcase_add_test(t, script_counts_han_runs);
  tcase_add_test(t, latin_languages);
  tcase_add_test(t, han_counted_and_ends_words);
  tcase_add_test(t, string_map);
  tcase_add_test(t, string_map_keys_pooled);
  tcase_add_test(t, chinese_numerals_and_dates);
  tcase_add_test(t, sentence_ends_and_folding);
  suite_add_tcase(s, t);
  return s;
}

int
main(void)
{
  return tu_run(text_suite());
}
