/* The citation recogniser: resolutions cited by number, document symbols
 * with their addenda and corrigenda. */
#include "doc.h"
#include "recognise.h"
#include "testutil.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static UnkgPart part;

static void
teardown(void)
{
  for (size_t i = 0; i < part.n_cites; ++i) {
    free(part.cites[i].symbol);
    free(part.cites[i].date);
  }
  free(part.cites);
  memset(&part, 0, sizeof part);
}

static void
scan(const char* text)
{
  ck_assert_int_eq(unkg_recognise_citations(&part, tu_lexicon(), text), UNKG_OK);
}

/* Asserts that citation i is symbol (kind k) with date (or none). */
static void
expect(size_t i, const char* symbol, UnkgCiteKind k, const char* date)
{
  ck_assert_uint_gt(part.n_cites, i);
  ck_assert_str_eq(part.cites[i].symbol, symbol);
  ck_assert_int_eq(part.cites[i].kind, k);
  if (date) {
    ck_assert_ptr_nonnull(part.cites[i].date);
    ck_assert_str_eq(part.cites[i].date, date);
  } else {
    ck_assert_ptr_null(part.cites[i].date);
  }
}

START_TEST(single_resolution)
{
  scan("欢迎秘书长依照第70/237号决议设立的政府专家组");
  ck_assert_uint_eq(part.n_cites, 1);
  expect(0, "A/RES/70/237", UNKG_CITE_RESOLUTION, NULL);
}
END_TEST

START_TEST(list_with_dates_each)
{
  scan("回顾其1998年12月4日第53/70号、1999年12月1日第54/49号和2015年12月23日第70/237号决议，");
  ck_assert_uint_eq(part.n_cites, 3);
  expect(0, "A/RES/53/70", UNKG_CITE_RESOLUTION, "1998-12-04");
  expect(1, "A/RES/54/49", UNKG_CITE_RESOLUTION, "1999-12-01");
  expect(2, "A/RES/70/237", UNKG_CITE_RESOLUTION, "2015-12-23");
}
END_TEST

START_TEST(list_under_one_number_sign)
{
  scan("按照第53/70、54/49、55/28和70/237号等各项决议第1至3段的要求");
  ck_assert_uint_eq(part.n_cites, 4);
  expect(0, "A/RES/53/70", UNKG_CITE_RESOLUTION, NULL);
  expect(1, "A/RES/54/49", UNKG_CITE_RESOLUTION, NULL);
  expect(2, "A/RES/55/28", UNKG_CITE_RESOLUTION, NULL);
  expect(3, "A/RES/70/237", UNKG_CITE_RESOLUTION, NULL);
}
END_TEST

START_TEST(decisions_and_paragraph_numbers_are_not_resolutions)
{
  scan("第70/553号决定和上文第2段");
  ck_assert_uint_eq(part.n_cites, 0);
}
END_TEST

START_TEST(other_organs)
{
  scan("安全理事会第1373(2001)号决议和人权理事会第32/13号决议");
  ck_assert_uint_eq(part.n_cites, 2);
  expect(0, "S/RES/1373 (2001)", UNKG_CITE_RESOLUTION, NULL);
  expect(1, "A/HRC/RES/32/13", UNKG_CITE_RESOLUTION, NULL);
}
END_TEST

/* The Assembly's early resolutions carry their session in brackets. */
START_TEST(sessions_in_brackets)
{
  scan("回顾其1960年12月14日第1514(XV)号决议和1974年5月1日第3201(S-VI)号决议");
  ck_assert_uint_eq(part.n_cites, 2);
  expect(0, "A/RES/1514 (XV)", UNKG_CITE_RESOLUTION, "1960-12-14");
  expect(1, "A/RES/3201 (S-VI)", UNKG_CITE_RESOLUTION, "1974-05-01");
}
END_TEST

START_TEST(symbols_with_addenda)
{
  scan("A/54/213、A/55/140和Corr.1和Add.1、A/69/112、Add.1、A/70/172和Add.1及A/71/172。");
  ck_assert_uint_eq(part.n_cites, 9);
  expect(0, "A/54/213", UNKG_CITE_DOCUMENT, NULL);
  expect(1, "A/55/140", UNKG_CITE_DOCUMENT, NULL);
  expect(2, "A/55/140/Corr.1", UNKG_CITE_DOCUMENT, NULL);
  expect(3, "A/55/140/Add.1", UNKG_CITE_DOCUMENT, NULL);
  expect(4, "A/69/112", UNKG_CITE_DOCUMENT, NULL);
  expect(5, "A/69/112/Add.1", UNKG_CITE_DOCUMENT, NULL);
  expect(6, "A/70/172", UNKG_CITE_DOCUMENT, NULL);
  expect(7, "A/70/172/Add.1", UNKG_CITE_DOCUMENT, NULL);
  expect(8, "A/71/172", UNKG_CITE_DOCUMENT, NULL);
}
END_TEST

START_TEST(symbol_shapes)
{
  scan("见A/C.2/59/3和A/60/687。另见A/RES/71/28、S/2017/123和E/CN.4/2005/L.10/Add.1.");
  ck_assert_uint_eq(part.n_cites, 5);
  expect(0, "A/C.2/59/3", UNKG_CITE_DOCUMENT, NULL);
  expect(1, "A/60/687", UNKG_CITE_DOCUMENT, NULL);
  expect(2, "A/RES/71/28", UNKG_CITE_RESOLUTION, NULL);
  expect(3, "S/2017/123", UNKG_CITE_DOCUMENT, NULL);
  expect(4, "E/CN.4/2005/L.10/Add.1", UNKG_CITE_DOCUMENT, NULL);
}
END_TEST

/* Forms of real resolutions, each checked against the UN's printed text. */
START_TEST(part_letters_and_early_sessions)
{
  scan(
    "注意到根据大会2018年7月5日第72/262 C号决议，回顾第74/92A和B号决议、第217 A(III)决议和第179 (II)号决议");
  ck_assert_uint_eq(part.n_cites, 4);
  expect(0, "A/RES/72/262 C", UNKG_CITE_RESOLUTION, "2018-07-05");
  expect(1, "A/RES/74/92 A-B", UNKG_CITE_RESOLUTION, NULL);
  /* The document of an early resolution holds all its parts. */
  expect(2, "A/RES/217 (III)", UNKG_CITE_RESOLUTION, NULL);
  expect(3, "A/RES/179 (II)", UNKG_CITE_RESOLUTION, NULL);
}
END_TEST

START_TEST(special_sessions_without_number_sign)
{
  scan("又回顾大会2004年7月20日ES-10/15号和2006年12月15日ES-10/17号决议");
  ck_assert_uint_eq(part.n_cites, 2);
  expect(0, "A/RES/ES-10/15", UNKG_CITE_RESOLUTION, "2004-07-20");
  expect(1, "A/RES/ES-10/17", UNKG_CITE_RESOLUTION, "2006-12-15");
  teardown();
  scan("S-23/2号决议，附件；S-23/3号决议，附件。");
  ck_assert_uint_eq(part.n_cites, 2);
  expect(0, "A/RES/S-23/2", UNKG_CITE_RESOLUTION, NULL);
  expect(1, "A/RES/S-23/3", UNKG_CITE_RESOLUTION, NULL);
}
END_TEST

START_TEST(the_organ_further_back)
{
  scan("回顾人权理事会关于该议题的各项决议，包括2019年9月26日第42/9号决议，");
  ck_assert_uint_eq(part.n_cites, 1);
  expect(0, "A/HRC/RES/42/9", UNKG_CITE_RESOLUTION, "2019-09-26");
  teardown();
  /* The council is the topic here, not the author. */
  scan("回顾其关于设立人权理事会的第60/251号决议");
  ck_assert_uint_eq(part.n_cites, 1);
  expect(0, "A/RES/60/251", UNKG_CITE_RESOLUTION, NULL);
}
END_TEST

START_TEST(the_organ_of_a_list_that_goes_on)
{
  /* A_RES_76_148 pp/1: the list goes on after 号决议, a long way from the
   * council's name. */
  scan("并回顾人权理事会2014年9月25日第27/13号、2015年10月1日第30/4号、2016年9月29日第33/12和"
       "33/13号、2017年9月28日第36/14号、2018年9月28日第39/13号、2019年9月26日第42/19号决议、"
       "2020年10月6日第45/12号和2021年10月8日第48/11号决议，");
  ck_assert_uint_eq(part.n_cites, 9);
  expect(6, "A/HRC/RES/42/19", UNKG_CITE_RESOLUTION, "2019-09-26");
  expect(7, "A/HRC/RES/45/12", UNKG_CITE_RESOLUTION, "2020-10-06");
  expect(8, "A/HRC/RES/48/11", UNKG_CITE_RESOLUTION, "2021-10-08");
  teardown();
  /* Another organ named after 号决议 is that organ's list. */
  scan("大会第75/168号决议和人权理事会第45/12号决议");
  ck_assert_uint_eq(part.n_cites, 2);
  expect(0, "A/RES/75/168", UNKG_CITE_RESOLUTION, NULL);
  expect(1, "A/HRC/RES/45/12", UNKG_CITE_RESOLUTION, NULL);
  teardown();
  /* 76/173, 76/130: each item after its subject, 关于…的 or 涉及…的. */
  scan("回顾人权理事会2018年9月27日第39/6号决议，关于记者安全的2020年10月6日第45/18号决议、"
       "关于数字时代的隐私权的2017年3月23日第34/7号和2021年10月7日第48/4号决议、2013年9月27日"
       "关于为防止对白化病患者的攻击而开展技术合作的第24/33号决议，以及涉及独立专家的任务的"
       "2015年3月26日第28/6号决议，");
  ck_assert_uint_eq(part.n_cites, 6);
  expect(1, "A/HRC/RES/45/18", UNKG_CITE_RESOLUTION, "2020-10-06");
  expect(2, "A/HRC/RES/34/7", UNKG_CITE_RESOLUTION, "2017-03-23");
  expect(3, "A/HRC/RES/48/4", UNKG_CITE_RESOLUTION, "2021-10-07");
  expect(4, "A/HRC/RES/24/33", UNKG_CITE_RESOLUTION, NULL);
  expect(5, "A/HRC/RES/28/6", UNKG_CITE_RESOLUTION, "2015-03-26");
  teardown();
  /* A new clause is no list: the Assembly's own resolution. */
  scan("回顾人权理事会第39/6号决议，回顾其关于记者安全的第75/101号决议，");
  ck_assert_uint_eq(part.n_cites, 2);
  expect(1, "A/RES/75/101", UNKG_CITE_RESOLUTION, NULL);
  teardown();
  /* 75_183 pp/5: "最近一项是" names one of the council's resolutions. */
  scan("还回顾人权理事会所有相关决定和决议，最近一项是2019年9月27日第42/24号决议，");
  ck_assert_uint_eq(part.n_cites, 1);
  expect(0, "A/HRC/RES/42/24", UNKG_CITE_RESOLUTION, "2019-09-27");
}
END_TEST

START_TEST(forms_pdf_text_keeps)
{
  /* 75_90 op/6: the space of "1988 (2011)" kept, and the list going on. */
  scan("2011年6月17日第1988 (2011)和1989(2011)号、2012年12月17日第2082(2012)号决议");
  ck_assert_uint_eq(part.n_cites, 3);
  expect(0, "S/RES/1988 (2011)", UNKG_CITE_RESOLUTION, "2011-06-17");
  expect(1, "S/RES/1989 (2011)", UNKG_CITE_RESOLUTION, NULL);
  expect(2, "S/RES/2082 (2012)", UNKG_CITE_RESOLUTION, "2012-12-17");
  teardown();
  /* 75_201 pp/2: the two organs' resolutions of one subject, each known by
   * its form; the Council never numbers by session. */
  scan("重申大会和安全理事会2016年4月27日第70/262和2282(2016)号决议、2005年12月20日第60/180和"
       "1645(2005)号决议");
  ck_assert_uint_eq(part.n_cites, 4);
  expect(0, "A/RES/70/262", UNKG_CITE_RESOLUTION, "2016-04-27");
  expect(1, "S/RES/2282 (2016)", UNKG_CITE_RESOLUTION, NULL);
  expect(2, "A/RES/60/180", UNKG_CITE_RESOLUTION, "2005-12-20");
  expect(3, "S/RES/1645 (2005)", UNKG_CITE_RESOLUTION, NULL);
  teardown();
  /* 75_198 fn/5: a note that is a list of special-session resolutions. */
  scan("S-20/1、S-20/2、S-20/3和S-20/4 A-E号决议。");
  ck_assert_uint_eq(part.n_cites, 4);
  expect(0, "A/RES/S-20/1", UNKG_CITE_RESOLUTION, NULL);
  expect(2, "A/RES/S-20/3", UNKG_CITE_RESOLUTION, NULL);
  expect(3, "A/RES/S-20/4 A-E", UNKG_CITE_RESOLUTION, NULL);
  teardown();
  /* 76/7: a treaty body's general recommendation is no resolution. */
  scan("并表示注意到消除对妇女歧视委员会关于贩运妇女和女童问题的第38 (2020)号一般性建议。");
  ck_assert_uint_eq(part.n_cites, 0);
  teardown();
  /* Without the closing 号 it is not a resolution list. */
  scan("S-20/1、S-20/2。");
  ck_assert_uint_eq(part.n_cites, 0);
}
END_TEST

START_TEST(document_symbols_with_brackets_and_joint)
{
  scan("A/47/277-S/24111；A/75/6 (Sect. 10)；ICCD/COP(14)/23/Add.1；A/CONF.157/24 (Part I)/Corr.1。");
  ck_assert_uint_eq(part.n_cites, 5);
  expect(0, "A/47/277", UNKG_CITE_DOCUMENT, NULL);
  expect(1, "S/24111", UNKG_CITE_DOCUMENT, NULL);
  expect(2, "A/75/6 (Sect. 10)", UNKG_CITE_DOCUMENT, NULL);
  expect(3, "ICCD/COP(14)/23/Add.1", UNKG_CITE_DOCUMENT, NULL);
  expect(4, "A/CONF.157/24 (Part I)/Corr.1", UNKG_CITE_DOCUMENT, NULL);
}
END_TEST

START_TEST(not_symbols)
{
  /* A web address, a date fraction and a page-of count are not symbols. */
  scan("张贴在网站上(www.un.org/disarmament/)。9/24页，2016-2019年");
  ck_assert_uint_eq(part.n_cites, 0);
}
END_TEST

/* The scans pass runs of CJK eight bytes at a time: a resolution (its 第
 * led by E7, as 的 is) and a symbol are found after runs of every length,
 * at every offset of those eight bytes, and with the text ending at each. */
START_TEST(after_runs_of_cjk)
{
  for (size_t k = 0; k < 20; ++k) {
    char text[512] = "依照";
    for (size_t j = 0; j < k; ++j) {
      strcat(text, j % 2 ? "的" : "欢");
    }
    strcat(text, "第70/237号和第71/1号决议"); /* 70/237 is cited by its 第 alone */
    for (size_t j = 0; j < k; ++j) {
      strcat(text, "设");
    }
    strcat(text, "A/60/687");
    for (size_t j = 0; j < k % 4; ++j) {
      strcat(text, "的");
    }
    scan(text);
    ck_assert_uint_eq(part.n_cites, 3);
    expect(0, "A/RES/70/237", UNKG_CITE_RESOLUTION, NULL);
    expect(1, "A/RES/71/1", UNKG_CITE_RESOLUTION, NULL);
    expect(2, "A/60/687", UNKG_CITE_DOCUMENT, NULL);
    ck_assert_uint_eq(part.cites[2].pos, strstr(text, "A/60") - text);
    teardown();
  }
}
END_TEST

static Suite*
citation_suite(void)
{
  Suite* s  = suite_create("citation");
  TCase* tc = tcase_create("citations");
  tcase_add_checked_fixture(tc, NULL, teardown);
  tcase_add_test(tc, single_resolution);
  tcase_add_test(tc, list_with_dates_each);
  tcase_add_test(tc, list_under_one_number_sign);
  tcase_add_test(tc, decisions_and_paragraph_numbers_are_not_resolutions);
  tcase_add_test(tc, other_organs);
  tcase_add_test(tc, sessions_in_brackets);
  tcase_add_test(tc, symbols_with_addenda);
  tcase_add_test(tc, symbol_shapes);
  tcase_add_test(tc, part_letters_and_early_sessions);
  tcase_add_test(tc, special_sessions_without_number_sign);
  tcase_add_test(tc, the_organ_further_back);
  tcase_add_test(tc, document_symbols_with_brackets_and_joint);
  tcase_add_test(tc, not_symbols);
  tcase_add_test(tc, the_organ_of_a_list_that_goes_on);
  tcase_add_test(tc, forms_pdf_text_keeps);
  tcase_add_test(tc, after_runs_of_cjk);
  suite_add_tcase(s, tc);
  return s;
}

int
main(void)
{
  return tu_run(citation_suite());
}
