/* The report reader and entity recognition.  Expectations for the sample
 * were read by hand off corpus/A_72_315.zh.txt. */
#include "doc.h"
#include "recognise.h"
#include "segment.h"
#include "testutil.h"

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S(code) "https://w3id.org/unkg/ref/state/" code
#define O(code) "https://w3id.org/unkg/ref/org/" code
#define I(code) "https://w3id.org/unkg/ref/instrument/" code

static UnkgDoc* doc;
static char     warnings[4096];

static void
teardown(void)
{
  unkg_doc_free(doc);
  doc         = NULL;
  warnings[0] = '\0';
}

static void
load_sample(void)
{
  doc = tu_load_doc("corpus/A_72_315.zh.txt");
}

static const UnkgPart*
part(const char* path)
{
  return tu_part_or_fail(doc, path);
}

/* The replies in document order. */
static size_t
replies(const UnkgPart** out, size_t cap)
{
  size_t n = 0;
  for (size_t i = 0; i < doc->n_parts; ++i) {
    if (doc->parts[i].kind == UNKG_PART_REPLY && n < cap) {
      out[n++] = &doc->parts[i];
    }
  }
  return n;
}

/* Does any paragraph, item or heading of this reply mention iri? */
static bool
reply_mentions(const char* reply_path, const char* iri)
{
  const UnkgPart* r     = part(reply_path);
  int             index = (int)(r - doc->parts);
  for (size_t i = 0; i < doc->n_parts; ++i) {
    const UnkgPart* p = &doc->parts[i];
    if (p->reply != index && p != r) {
      continue;
    }
    for (size_t k = 0; k < p->n_mentions; ++k) {
      if (!strcmp(p->mentions[k].entity->iri, iri)) {
        return true;
      }
    }
  }
  return false;
}

static void
expect_mentions(const char* reply_path, const char* const* iris)
{
  for (; *iris; ++iris) {
    ck_assert_msg(reply_mentions(reply_path, *iris), "%s does not mention %s", reply_path, *iris);
  }
}

/* The question label a heading answers, or "" for none. */
static const char*
answers(const char* heading_path)
{
  const UnkgPart* h = part(heading_path);
  ck_assert_int_eq(h->kind, UNKG_PART_HEADING);
  return h->question >= 0 ? doc->parts[h->question].num : "";
}

START_TEST(sample_identity_and_introduction)
{
  load_sample();
  ck_assert_int_eq(doc->genre, UNKG_GENRE_REPORT);
  /* No cover page: the symbol comes from the running heads. */
  ck_assert_str_eq(doc->symbol, "A/72/315");
  ck_assert_str_eq(doc->rep.responds_to, "A/RES/71/28");
  ck_assert_str_eq(doc->rep.responds_para, "3");
  ck_assert_uint_eq(doc->rep.n_note_dates, 2);
  ck_assert_str_eq(doc->rep.note_dates[0], "2017-02-16");
  ck_assert_str_eq(doc->rep.note_dates[1], "2017-06-12");
  ck_assert_str_eq(doc->rep.cutoff_date, "2017-07-31");
  ck_assert_str_eq(part("sec/1")->text, "导言");
  ck_assert_str_eq(part("sec/2")->text, "从各国政府收到的答复");
  const char* labels[] = {"a", "b", "c", "d"};
  for (size_t i = 0; i < 4; ++i) {
    char path[8], asked[16];
    snprintf(path, sizeof path, "q/%s", labels[i]);
    snprintf(asked, sizeof asked, "op/3/%s", labels[i]);
    ck_assert_str_eq(unkg_part_asked_by(part(path)), asked);
  }
  ck_assert_str_eq(part("q/a")->text, "对信息安全问题的一般看法；");
  ck_assert_str_eq(part("q/c")->text, "决议第2段所述概念的内容；");
}
END_TEST

START_TEST(sample_replies_in_order)
{
  static const char* expected[][4] = {{"AFG", "阿富汗", "2017-05-26", "en"},
                                      {"ARM", "亚美尼亚", "2017-05-31", "en"},
                                      {"BLR", "白俄罗斯", "2017-06-05", "ru"},
                                      {"BRN", "文莱达鲁萨兰国", "2017-06-29", "en"},
                                      {"CAN", "加拿大", "2017-07-17", "en"},
                                      {"CUB", "古巴", "2017-04-05", "es"},
                                      {"ECU", "厄瓜多尔", "2017-07-28", "es"},
                                      {"SLV", "萨尔瓦多", "2017-05-24", "es"},
                                      {"EST", "爱沙尼亚", "2017-05-31", "en"},
                                      {"FIN", "芬兰", "2017-07-21", "en"},
                                      {"DEU", "德国", "2017-05-30", "en"},
                                      {"GRC", "希腊", "2017-05-26", "en"},
                                      {"JPN", "日本", "2017-07-27", "en"},
                                      {"JOR", "约旦", "2017-03-23", "ar"},
                                      {"MDG", "马达加斯加", "2017-06-20", "fr"},
                                      {"NLD", "荷兰", "2017-05-31", "en"},
                                      {"NOR", "挪威", "2017-07-27", "en"},
                                      {"PRY", "巴拉圭", "2017-07-31", "es"},
                                      {"PRT", "葡萄牙", "2017-07-27", "en"},
                                      {"QAT", "卡塔尔", "2017-05-04", "en"},
                                      {"SGP", "新加坡", "2017-07-31", "en"},
                                      {"TUR", "土耳其", "2017-07-31", "en"},
                                      {"GBR", "大不列颠及北爱尔兰联合王国", "2017-07-31", "en"}};
  load_sample();
  const UnkgPart* r[64];
  ck_assert_uint_eq(replies(r, 64), 23);
  for (size_t i = 0; i < 23; ++i) {
    char iri[128], path[32];
    snprintf(iri, sizeof iri, S("%s"), expected[i][0]);
    snprintf(path, sizeof path, "reply/%s", expected[i][0]);
    ck_assert_ptr_nonnull(r[i]->entity);
    ck_assert_str_eq(r[i]->entity->iri, iri);
    ck_assert_str_eq(r[i]->path, path);
    ck_assert_str_eq(r[i]->text, expected[i][1]);
    ck_assert_str_eq(unkg_part_date(r[i]), expected[i][2]);
    ck_assert_str_eq(unkg_part_orig_lang(r[i]), expected[i][3]);
  }
}
END_TEST

START_TEST(sample_headings_answer_questions)
{
  load_sample();
  /* Armenia's headings restate the four questions. */
  ck_assert_str_eq(part("reply/ARM/h/1")->text, "对信息安全问题的一般看法");
  ck_assert_str_eq(answers("reply/ARM/h/1"), "a");
  ck_assert_str_eq(answers("reply/ARM/h/2"), "b");
  ck_assert_str_eq(part("reply/ARM/h/3")->text, "上文第2段所述概念的内容");
  ck_assert_str_eq(answers("reply/ARM/h/3"), "c");
  ck_assert_str_eq(answers("reply/ARM/h/4"), "d");
  /* Belarus and Norway paraphrase them. */
  ck_assert_str_eq(answers("reply/BLR/h/1"), "a");
  ck_assert_str_eq(answers("reply/BLR/h/2"), "b");
  ck_assert_str_eq(answers("reply/BLR/h/4"), "d");
  ck_assert_str_eq(part("reply/NOR/h/1")->text, "为加强信息安全所作的努力");
  ck_assert_str_eq(answers("reply/NOR/h/1"), "b");
  /* Afghanistan's "成就" (achievements) restates none of them. */
  ck_assert_str_eq(part("reply/AFG/h/1")->text, "成就");
  ck_assert_str_eq(answers("reply/AFG/h/1"), "");
  /* Paragraphs stand under their heading; list items under their lead. */
  const UnkgPart* p = part("reply/ARM/p/1");
  ck_assert_str_eq(doc->parts[p->heading].path, "reply/ARM/h/1");
  ck_assert_str_eq(doc->parts[part("reply/BLR/p/3/f")->parent].path, "reply/BLR/p/3");
  ck_assert(!strncmp(part("reply/BLR/p/3/f")->text, "通过协调中心进行协商",
                     strlen("通过协调中心进行协商")));
}
END_TEST

START_TEST(sample_mentions)
{
  load_sample();
  /* Long names, names broken over two lines, abbreviations, a name split
   * by a page break, instruments in 《》 and their generic 《公约》. */
  const char* arm[] = {O("CIS"),
                       O("CSTO"),
                       O("EU"),
                       O("NATO"),
                       O("ITU"),
                       O("ISO"),
                       I("budapest-convention"),
                       I("csto-infosec-agreement"),
                       NULL};
  expect_mentions("reply/ARM", arm);
  const char* blr[] = {O("CSTO"), O("OSCE"), O("UN"), NULL};
  expect_mentions("reply/BLR", blr);
  const char* brn[] = {O("ASEAN"), O("ADMM-Plus-EWG-Cyber"), NULL};
  expect_mentions("reply/BRN", brn);
  const char* can[] = {I("budapest-convention"), O("OSCE"), O("ARF"), O("NATO"), S("USA"), NULL};
  expect_mentions("reply/CAN", can);
  const char* est[] = {O("NATO-CCDCOE"), O("GGE"), NULL};
  expect_mentions("reply/EST", est);
  const char* fin[] = {O("OSCE"),   O("GFCE"), O("WorldBank"), I("tallinn-manual-2"),
                       O("UNIDIR"), O("FOC"),  O("WSIS"),      O("IGF"),
                       O("EU"),     NULL};
  expect_mentions("reply/FIN", fin);
  const char* grc[] = {I("budapest-protocol-1"), I("nis-directive"), O("CoE"), NULL};
  expect_mentions("reply/GRC", grc);
  const char* jpn[] = {O("ARF"), NULL};
  expect_mentions("reply/JPN", jpn);
  const char* pry[] = {O("MERCOSUR"), NULL};
  expect_mentions("reply/PRY", pry);
  const char* sgp[] = {O("ASEAN"), NULL};
  expect_mentions("reply/SGP", sgp);
  const char* tur[] = {O("NATO"), O("G20"), O("GFCE"), I("budapest-convention"), NULL};
  expect_mentions("reply/TUR", tur);
  const char* gbr[] = {O("OSCE"), NULL}; /* "欧洲安" | page break | "全与合作组织" */
  expect_mentions("reply/GBR", gbr);
  /* Estonia's national 网络安全理事会 is not the Security Council. */
  ck_assert(!reply_mentions("reply/EST", O("UNSC")));
}
END_TEST

/* Another year, a cover page, a long formal name, a Russian original, a
 * reply without sub-headings, and a replier the reference data lacks. */
static const char* variant =
  "联合国 A/75/123\n"
  "大会 Distr.: General\n"
  "第七十五届会议\n"
  "临时议程项目 97\n"
  "从国际安全角度看信息和电信领域的发展\n"
  "秘书长的报告\n"
  "一. 导言\n"
  "1. 大会第74/29号决议第2段邀请所有会员国继续向秘书长通报本国对下列问题的看法和评估意见：\n"
  "(a) 对信息安全问题的一般看法；\n"
  "(b) 国家一级为加强信息安全所作的努力。\n"
  "2. 2020年2月1日向所有会员国发出了普通照会。2020年6月1日之后收到的其他回复将以原文张贴。\n"
  "二. 从各国政府收到的答复\n"
  "  多民族玻利维亚国\n"
  "[原文：西班牙文]\n"
  "[2020 年 4 月 2 日]\n"
  " 多民族玻利维亚国支持联合国的工作。\n"
  "  俄罗斯联邦\n"
  "[原文：俄文]\n"
  "[2020 年 5 月 15 日]\n"
  "对信息安全问题的一般看法\n"
  " 俄罗斯联邦支持上海合作组织的工作。\n"
  "  鲁里塔尼亚\n"
  "[原文：英文]\n"
  "[2020 年 5 月 20 日]\n"
  " 本国加入了《网络犯罪公约》，并于2019年批准了《公约》。\n";

static void
collect_warning(void* data, const UnkgMessage* m)
{
  (void)data;
  size_t n = strlen(warnings);
  snprintf(warnings + n, sizeof warnings - n, "%s:%u: %s\n", m->file, m->line, m->msg);
}

START_TEST(variant_report)
{
  UnkgSource*   src = NULL;
  UnkgText*     t   = tu_normalise("variant.txt", variant, &src);
  const UnkgCtx c   = {tu_lexicon(), collect_warning, NULL, "variant.txt"};
  ck_assert_int_eq(unkg_segment(&c, src, t, &doc), UNKG_OK);
  ck_assert_int_eq(unkg_recognise(&c, doc), UNKG_OK);
  unkg_text_free(t);
  unkg_source_free(src);

  ck_assert_str_eq(doc->symbol, "A/75/123");
  ck_assert_int_eq(doc->session, 75);
  ck_assert_str_eq(doc->agenda_item, "97");
  ck_assert_str_eq(doc->title, "从国际安全角度看信息和电信领域的发展");
  ck_assert_str_eq(doc->rep.responds_to, "A/RES/74/29");
  ck_assert_str_eq(doc->rep.responds_para, "2");
  ck_assert_str_eq(unkg_part_asked_by(part("q/b")), "op/2/b");
  ck_assert_str_eq(doc->rep.note_dates[0], "2020-02-01");
  ck_assert_str_eq(doc->rep.cutoff_date, "2020-06-01");

  const UnkgPart* r[8];
  ck_assert_uint_eq(replies(r, 8), 3);
  ck_assert_ptr_nonnull(r[0]->entity);
  ck_assert_str_eq(r[0]->entity->iri, S("BOL")); /* the formal name */
  ck_assert_str_eq(unkg_part_orig_lang(r[0]), "es");
  ck_assert_ptr_nonnull(r[1]->entity);
  ck_assert_str_eq(r[1]->entity->iri, S("RUS"));
  ck_assert_str_eq(unkg_part_orig_lang(r[1]), "ru");
  ck_assert_str_eq(unkg_part_date(r[1]), "2020-05-15");
  ck_assert_str_eq(answers("reply/RUS/h/1"), "a");
  ck_assert(reply_mentions("reply/RUS", O("SCO")));
  /* A reply without sub-headings: its paragraph stands under none. */
  ck_assert_int_eq(part("reply/BOL/p/1")->heading, -1);
  /* Unknown replier: a warning with the line, exported as written. */
  ck_assert_ptr_null(r[2]->entity);
  ck_assert_str_eq(r[2]->text, "鲁里塔尼亚");
  ck_assert_str_eq(r[2]->path, "reply/鲁里塔尼亚");
  ck_assert_ptr_nonnull(strstr(warnings, "variant.txt:22: reply heading '鲁里塔尼亚'"));
  /* 《公约》 after 《网络犯罪公约》 in the same reply is that convention. */
  const UnkgPart* p = part("reply/鲁里塔尼亚/p/1");
  ck_assert_uint_eq(p->n_mentions, 2);
  ck_assert_str_eq(p->mentions[0].entity->iri, I("budapest-convention"));
  ck_assert_str_eq(p->mentions[1].entity->iri, I("budapest-convention"));
}
END_TEST

START_TEST(generic_name_needs_an_antecedent)
{
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("v.txt",
                             "A/75/124\n一. 导言\n1. 报告。\n二. 答复\n  芬兰\n[原文：英文]\n[2020 年 1 月 1 日]\n"
                                      " 芬兰批准了《公约》。\n",
                             &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(part("reply/FIN/p/1")->n_mentions, 1); /* Finland only */
}
END_TEST

static Suite*
report_suite(void)
{
  Suite* s  = suite_create("report");
  TCase* tc = tcase_create("reader");
  tcase_add_checked_fixture(tc, NULL, teardown);
  tcase_add_test(tc, sample_identity_and_introduction);
  tcase_add_test(tc, sample_replies_in_order);
  tcase_add_test(tc, sample_headings_answer_questions);
  tcase_add_test(tc, sample_mentions);
  tcase_add_test(tc, variant_report);
  tcase_add_test(tc, generic_name_needs_an_antecedent);
  suite_add_tcase(s, tc);
  return s;
}

int
main(void)
{
  return tu_run(report_suite());
}
