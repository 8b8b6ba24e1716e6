/* The resolution reader.  Expectations for the sample were read by hand off
 * corpus/A_RES_71_28.zh.txt (and its English original for the verbs); the
 * other inputs are written here to differ from the sample in the ways the
 * genre varies. */
#include "doc.h"
#include "testutil.h"
#include "text.h"

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define V(local) "https://w3id.org/unkg/ref/verb/" local

static UnkgDoc* doc;

static void
teardown(void)
{
  unkg_doc_free(doc);
  doc = NULL;
}

static void
load_sample(void)
{
  doc = tu_load_doc("corpus/A_RES_71_28.zh.txt");
}

static const UnkgPart*
part(const char* path)
{
  return tu_part_or_fail(doc, path);
}

static size_t
count(UnkgPartKind kind)
{
  size_t n = 0;
  for (size_t i = 0; i < doc->n_parts; ++i) {
    n += doc->parts[i].kind == kind;
  }
  return n;
}

static void
expect_lead(const char* path, const char* lead, const char* verb, const char* modifier)
{
  const UnkgPart* p = part(path);
  ck_assert_msg(p->verb != NULL, "%s has no lead verb", path);
  ck_assert_str_eq(p->verb->iri, verb);
  ck_assert_str_eq(p->lead, lead);
  if (modifier) {
    ck_assert_msg(p->modifier != NULL, "%s has no modifier", path);
    ck_assert_str_eq(p->modifier->iri, modifier);
  } else {
    ck_assert_ptr_null(p->modifier);
  }
}

static const UnkgCitation*
cite(const UnkgPart* p, const char* symbol)
{
  for (size_t i = 0; i < p->n_cites; ++i) {
    if (!strcmp(p->cites[i].symbol, symbol)) {
      return &p->cites[i];
    }
  }
  ck_abort_msg("%s does not cite %s", p->path, symbol);
  return NULL;
}

static bool
has_note(const UnkgPart* p, const char* marker)
{
  for (size_t i = 0; i < p->n_notes; ++i) {
    if (!strcmp(p->notes[i], marker)) {
      return true;
    }
  }
  return false;
}

START_TEST(sample_cover_and_closing)
{
  load_sample();
  ck_assert_int_eq(doc->genre, UNKG_GENRE_RESOLUTION);
  ck_assert_str_eq(doc->lang, "zh");
  ck_assert_str_eq(doc->symbol, "A/RES/71/28");
  ck_assert_str_eq(doc->res.number, "71/28");
  ck_assert_int_eq(doc->session, 71);
  ck_assert_str_eq(doc->agenda_item, "93");
  ck_assert_str_eq(doc->res.adoption_date, "2016-12-05");
  ck_assert_str_eq(doc->res.committee, "第一委员会");
  ck_assert_str_eq(doc->res.committee_report, "A/71/445");
  ck_assert_str_eq(doc->title, "从国际安全角度看信息和电信领域的发展");
  ck_assert_str_eq(doc->res.formula, "大会，");
  ck_assert_str_eq(doc->res.closing_date, "2016-12-05");
  ck_assert_int_eq(doc->res.meeting, 51);
}
END_TEST

START_TEST(sample_preamble)
{
  load_sample();
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 15);
  /* English original: Recalling, Recalling also, Bearing in mind, Noting,
   * Affirming, Noting, Expressing concern, Considering, Noting, Noting also,
   * Taking note, Considering, Welcoming, Stressing, Welcoming. */
  expect_lead("pp/1", "回顾", V("recall"), NULL);
  expect_lead("pp/2", "又回顾", V("recall"), V("also"));
  expect_lead("pp/3", "铭记", V("bear-in-mind"), NULL);
  expect_lead("pp/4", "注意到", V("note"), NULL);
  expect_lead("pp/5", "申明", V("affirm"), NULL);
  expect_lead("pp/6", "注意到", V("note"), NULL);
  expect_lead("pp/7", "表示关切", V("express-concern"), NULL);
  expect_lead("pp/8", "认为", V("consider"), NULL);
  expect_lead("pp/9", "注意到", V("note"), NULL);
  expect_lead("pp/10", "又注意到", V("note"), V("also"));
  expect_lead("pp/11", "表示注意到", V("take-note"), NULL);
  expect_lead("pp/12", "认为", V("consider"), NULL);
  expect_lead("pp/13", "欢迎", V("welcome"), NULL);
  expect_lead("pp/14", "强调指出", V("stress"), NULL);
  expect_lead("pp/15", "欢迎", V("welcome"), NULL);
  /* The paragraph text begins with its lead phrase and ends as printed. */
  ck_assert(
    !strncmp(part("pp/3")->text, "铭记信息社会世界首脑会议", strlen("铭记信息社会世界首脑会议")));
  ck_assert_str_eq(part("pp/14")->text, "强调指出政府专家组报告的评估意见和建议的重要性，");
}
END_TEST

START_TEST(sample_recalled_resolutions_with_dates)
{
  load_sample();
  static const char* recalled[][2] = {
    {"53/70", "1998-12-04"},  {"54/49", "1999-12-01"}, {"55/28", "2000-11-20"},
    {"56/19", "2001-11-29"},  {"57/53", "2002-11-22"}, {"58/32", "2003-12-08"},
    {"59/61", "2004-12-03"},  {"60/45", "2005-12-08"}, {"61/54", "2006-12-06"},
    {"62/17", "2007-12-05"},  {"63/37", "2008-12-02"}, {"64/25", "2009-12-02"},
    {"65/41", "2010-12-08"},  {"66/24", "2011-12-02"}, {"67/27", "2012-12-03"},
    {"68/243", "2013-12-27"}, {"69/28", "2014-12-02"}, {"70/237", "2015-12-23"}};
  const UnkgPart* pp1 = part("pp/1");
  ck_assert_uint_eq(pp1->n_cites, 18);
  for (size_t i = 0; i < 18; ++i) {
    char sym[32];
    snprintf(sym, sizeof sym, "A/RES/%s", recalled[i][0]);
    const UnkgCitation* c = cite(pp1, sym);
    ck_assert_int_eq(c->kind, UNKG_CITE_RESOLUTION);
    ck_assert_ptr_nonnull(c->date);
    ck_assert_str_eq(c->date, recalled[i][1]);
  }
  /* "铭记…的成果，并回顾其2015年12月16日第70/125号决议": recalled, not
   * borne in mind. */
  ck_assert_str_eq(cite(part("pp/3"), "A/RES/70/125")->date, "2015-12-16");
  ck_assert_ptr_nonnull(cite(part("pp/3"), "A/RES/70/125")->act);
  ck_assert_str_eq(cite(part("pp/3"), "A/RES/70/125")->act->iri, V("recall"));
  ck_assert_ptr_null(cite(part("pp/1"), "A/RES/53/70")->act); /* the lead verb's */
  /* pp 10 lists the same 18 under one "第…号", without dates. */
  const UnkgPart* pp10 = part("pp/10");
  ck_assert_uint_eq(pp10->n_cites, 18);
  ck_assert_ptr_null(cite(pp10, "A/RES/68/243")->date);
  ck_assert_uint_eq(cite(part("op/4"), "A/RES/70/237")->kind, UNKG_CITE_RESOLUTION);
}
END_TEST

START_TEST(sample_operative_paragraphs)
{
  load_sample();
  ck_assert_uint_eq(count(UNKG_PART_OPERATIVE), 5);
  expect_lead("op/1", "促请", V("call-upon"), NULL);
  expect_lead("op/2", "认为", V("consider"), NULL); /* was bold: **认为** */
  expect_lead("op/3", "邀请", V("invite"), NULL);
  expect_lead("op/4", "欢迎", V("welcome"), NULL);
  expect_lead("op/5", "决定", V("decide"), NULL);
  ck_assert_str_eq(part("op/1")->num, "1");
  ck_assert_str_eq(part("op/1")->text, "促请会员国：");
  ck_assert_uint_eq(count(UNKG_PART_ITEM), 6);
  const char* items[] = {"op/1/a", "op/1/b", "op/3/a", "op/3/b", "op/3/c", "op/3/d"};
  for (size_t i = 0; i < 6; ++i) {
    const UnkgPart* p = part(items[i]);
    ck_assert_str_eq(doc->parts[p->parent].path, i < 2 ? "op/1" : "op/3");
  }
  ck_assert_str_eq(part("op/3/c")->text, "上文第2段所述概念的内容；");
  /* (b) of paragraph 1 comes after three footnote bodies in the source. */
  ck_assert(!strncmp(part("op/1/b")->text, "进一步推动多边审议", strlen("进一步推动多边审议")));
}
END_TEST

START_TEST(sample_footnotes)
{
  load_sample();
  ck_assert_uint_eq(count(UNKG_PART_FOOTNOTE), 4);
  const UnkgPart* f1 = part("fn/1");
  ck_assert_uint_eq(f1->n_cites, 2);
  cite(f1, "A/C.2/59/3");
  cite(f1, "A/60/687");
  const UnkgPart* f2 = part("fn/2");
  ck_assert_uint_eq(f2->n_cites, 30);
  cite(f2, "A/55/140/Corr.1");
  cite(f2, "A/55/140/Add.1");
  cite(f2, "A/69/112/Add.1"); /* "A/69/112、Add.1" */
  cite(f2, "A/71/172");
  ck_assert_uint_eq(part("fn/3")->n_cites, 1);
  cite(part("fn/3"), "A/70/174");
  cite(part("fn/4"), "A/68/98");
  /* Where the markers stand. */
  ck_assert(has_note(part("pp/3"), "1"));
  ck_assert(has_note(part("pp/11"), "2"));
  ck_assert(has_note(part("pp/13"), "3"));
  ck_assert(has_note(part("pp/15"), "4") && has_note(part("pp/15"), "3"));
  ck_assert(has_note(part("op/1/a"), "3"));
  ck_assert_uint_eq(part("pp/14")->n_notes, 0);
}
END_TEST

START_TEST(sample_provenance_offsets)
{
  size_t len;
  char*  src = tu_slurp("corpus/A_RES_71_28.zh.txt", &len);
  load_sample();
  for (size_t i = 0; i < doc->n_parts; ++i) {
    const UnkgPart* p = &doc->parts[i];
    ck_assert_uint_lt(p->begin, p->end);
    ck_assert_uint_le(p->end, len);
  }
  /* Paragraph 5 is a single source line: the span is exactly that line. */
  const UnkgPart* op5 = part("op/5");
  const char*     at  = strstr(src, "**决定**将题为");
  ck_assert_ptr_nonnull(at);
  ck_assert_uint_eq(op5->begin, (size_t)(at - src) + strlen("**"));
  ck_assert_uint_eq(op5->end, (size_t)(strstr(src, "临时议程。") - src) + strlen("临时议程。"));
  free(src);
}
END_TEST

/* No cover lines, no bold, the footnote body at the end, items three
 * levels deep, a preamble item, an annex with its own numbering. */
static const char* variant =
  "75/999. 测试决议\n"
  "\n"
  "大会，\n"
  "\n"
  "回顾其2019年12月12日第74/29号决议，¹\n"
  "\n"
  "重申下列原则：\n"
  "\n"
  "(a) 主权平等；\n"
  "\n"
  "(b) 不干涉内政，\n"
  "\n"
  "1. 请秘书长：\n"
  "\n"
  "(a) 编写一份报告，其中：\n"
  "\n"
  "(i) 说明现状；\n"
  "\n"
  "(ii) 提出建议；\n"
  "\n"
  "(b) 向大会第七十六届会议提交该报告；\n"
  "\n"
  "2. 又请会员国提供资料；\n"
  "\n"
  "3. 决定继续审议这一问题。\n"
  "\n"
  "2020年12月7日\n"
  "第37次全体会议\n"
  "\n"
  "附件\n"
  "\n"
  "行动纲领\n"
  "\n"
  "1. 各国应当合作。\n"
  "\n"
  "2. 各国应当交流信息。\n"
  "\n"
  "¹ 见A/74/120。\n";

START_TEST(variant_without_cover_with_annex)
{
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("variant.txt", variant, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_str_eq(doc->symbol, "A/RES/75/999");
  ck_assert_int_eq(doc->session, 75);
  ck_assert_ptr_null(doc->agenda_item);
  ck_assert_ptr_null(doc->res.committee);
  /* With no cover date, the closing date is the adoption date. */
  ck_assert_str_eq(doc->res.adoption_date, "2020-12-07");
  ck_assert_int_eq(doc->res.meeting, 37);
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 2);
  expect_lead("pp/1", "回顾", V("recall"), NULL);
  ck_assert_str_eq(cite(part("pp/1"), "A/RES/74/29")->date, "2019-12-12");
  ck_assert(has_note(part("pp/1"), "1"));
  expect_lead("pp/2", "重申", V("reaffirm"), NULL);
  ck_assert_str_eq(doc->parts[part("pp/2/b")->parent].path, "pp/2");
  expect_lead("op/1", "请", V("request"), NULL);
  expect_lead("op/2", "又请", V("request"), V("also"));
  ck_assert_str_eq(doc->parts[part("op/1/a/i")->parent].path, "op/1/a");
  ck_assert_str_eq(doc->parts[part("op/1/a/ii")->parent].path, "op/1/a");
  ck_assert_str_eq(doc->parts[part("op/1/b")->parent].path, "op/1");
  ck_assert_uint_eq(count(UNKG_PART_OPERATIVE), 3);
  ck_assert_uint_eq(count(UNKG_PART_ANNEX), 1);
  /* Numbered annex paragraphs by their number, the others by their place
   * among the unnumbered. */
  ck_assert_str_eq(part("annex/1/text/1")->text, "行动纲领");
  ck_assert_str_eq(part("annex/1/1")->num, "1");
  ck_assert_str_eq(part("annex/1/2")->text, "各国应当交流信息。");
  cite(part("fn/1"), "A/74/120");
}
END_TEST

START_TEST(letter_i_after_h_is_a_letter)
{
  const char* in = "75/998. 标题\n\n大会，\n\n1. 决定：\n\n(g) 七；\n\n(h) 八；\n\n(i) 九；\n\n(j) 十。\n";
  UnkgStatus  st;
  UnkgDiag    d = {0};
  doc           = tu_read_doc("letters.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_str_eq(doc->parts[part("op/1/i")->parent].path, "op/1");
  ck_assert_str_eq(doc->parts[part("op/1/j")->parent].path, "op/1");
}
END_TEST

/* A paragraph that ends at the foot of a page, its last line full: the
 * normaliser joins the next page on, and the reader sees the new paragraph
 * open there (又回顾) and reads two. */
START_TEST(paragraph_ending_at_a_page_break)
{
  static const char in[] =
    "75/998. 关于测试的决议\n"
    "\n"
    "大会，\n"
    "\n"
    "回顾其以往关于这一问题的各项决议和决定，并注意到秘书长提交的所有相关报告和建\n"
    "议以及会员国在这一领域所作的努力和贡献，\n"
    "\n"
    "重申其对这一问题的坚定承诺，并强调各国需要在这一领域继续开展国际合作与对话交流，\n"
    "并确认联合国在这方面发挥的核心作用和协调作用以及区域和次区域组织的重要贡献，\n"
    "\n"
    "20-12345 (C)\n"
    "\n"
    "\n"
    "A/RES/75/998\n"
    "\n"
    "又回顾大会以往的各项相关决议和决定，并注意到各国和国际组织为此采取的各项措施，\n"
    "\n"
    "1. 决定在第七十六届会议继续审议这一问题。\n";
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("pagejoin.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 3);
  ck_assert(unkg_starts_with(part("pp/2")->text, "重申其对这一问题的坚定承诺"));
  ck_assert_ptr_nonnull(strstr(part("pp/2")->text, "重要贡献，"));
  ck_assert(unkg_starts_with(part("pp/3")->text, "又回顾大会以往的各项相关决议"));
  expect_lead("pp/3", "又回顾", V("recall"), V("also"));
  ck_assert_uint_eq(count(UNKG_PART_OPERATIVE), 1);
}
END_TEST

/* A numbered operative paragraph cut by a page after a comma, the next
 * page opening with a lead (76/72 op 342: "…通过《2063 年议程》，" then
 * "又回顾非洲联盟启动非洲海洋十年…"): one paragraph, for the operative
 * part opens its paragraphs with their numbers. */
START_TEST(operative_paragraph_going_on_after_a_page_break)
{
  static const char in[] =
    "75/997. 关于测试的决议\n"
    "\n"
    "大会，\n"
    "\n"
    "回顾其以往关于这一问题的各项决议和决定，\n"
    "\n"
    "1. 确认南大西洋和平与合作区成员之间的相关合作；\n"
    "2. 回顾 2015 年 1 月举行的非洲联盟首脑会议决定通过《2063 年议程》，\n"
    "\n"
    "20-12345 (C)\n"
    "\n"
    "\n"
    "A/RES/75/997\n"
    "\n"
    "又回顾非洲联盟启动非洲海洋十年(2015-2025)，注意到在 7 月 25 日举行每年一度的非洲海洋日庆祝活动；\n"
    "\n"
    "3. 决定在第七十六届会议继续审议这一问题。\n";
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("opjoin.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 1);
  ck_assert_uint_eq(count(UNKG_PART_OPERATIVE), 3);
  ck_assert_str_eq(part("op/2")->text, "回顾2015年1月举行的非洲联盟首脑会议决定通过《2063年议程》，"
                                       "又回顾非洲联盟启动非洲海洋十年(2015-2025)，注意到在7月25日"
                                       "举行每年一度的非洲海洋日庆祝活动；");
  ck_assert(unkg_starts_with(part("op/3")->text, "决定在第七十六届会议"));
}
END_TEST

/* A line of text `width` columns wide: head, then "测" to fill, then tail
 * (head and tail of CJK characters and ASCII, counted 2 and 1). */
static void
line_of(char* out, size_t cap, const char* head, unsigned width, const char* tail)
{
  unsigned w = 0;
  for (const char* p = head; *p; ++p) {
    w += ((unsigned char)*p < 0x80) ? 1 : ((*p & 0xC0) != 0x80) * 2;
  }
  for (const char* p = tail; *p; ++p) {
    w += ((unsigned char)*p < 0x80) ? 1 : ((*p & 0xC0) != 0x80) * 2;
  }
  size_t n = (size_t)snprintf(out, cap, "%s", head);
  for (; w + 2 <= width && n + 4 < cap; w += 2) {
    n += (size_t)snprintf(out + n, cap - n, "测");
  }
  snprintf(out + n, cap - n, "%s\n", tail);
}

/* Wrapped text as pdftotext gives it: a line cut after "、" before a list
 * of numbers goes on; "(2005)" at a line's start is a year, not an item;
 * an item's last word printed before the item goes back after it. */
START_TEST(wrapped_text_edges)
{
  char  in[8192] = "75/997. 关于换行的决议\n大会，\n";
  char  l[512];
  const char* fill[] = {"又回顾", "还回顾", "重申"};
  for (size_t k = 0; k < 3; ++k) {
    line_of(l, sizeof l, fill[k], 76, "测");
    strcat(in, l);
    line_of(l, sizeof l, "测", 76, "测");
    strcat(in, l);
    strcat(in, "测试测试，\n");
  }
  line_of(l, sizeof l, "回顾", 64, "第2234(2015)、");
  strcat(in, l);
  strcat(in, "2258(2015)号决议，\n");
  line_of(l, sizeof l, "1. 请", 76, "国际卫生条例");
  strcat(in, l);
  strcat(in, "(2005)的执行情况；\n");
  strcat(in, "2. 决定：\n(a) 第一项；\n持；\n\n");
  line_of(l, sizeof l, "(b) ", 76, "首脑主");
  strcat(in, l);
  strcat(in, "\n(c) 第三项。\n");
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("wrapped.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 4);
  ck_assert_ptr_nonnull(strstr(part("pp/4")->text, "第2234(2015)、2258(2015)号决议，"));
  ck_assert_ptr_nonnull(strstr(part("op/1")->text, "国际卫生条例(2005)的执行情况；"));
  ck_assert_uint_eq(count(UNKG_PART_OPERATIVE), 2);
  ck_assert_str_eq(part("op/2/a")->text, "第一项；");
  ck_assert_ptr_nonnull(strstr(part("op/2/b")->text, "首脑主持；"));
  ck_assert_uint_eq(count(UNKG_PART_TEXT), 0);
}
END_TEST

/* An annexed text's own preamble, wrapped: a full line ending with a
 * comma before a preambular lead ends its paragraph, as in the
 * resolution's preamble; within an annex's numbered paragraph it does
 * not. */
START_TEST(annex_preamble_wrapped)
{
  char        in[8192] = "75/996. 关于指南的决议\n大会，\n1. 通过本决议附件所载的指南。\n"
                         "2020 年 12 月 7 日\n第 46 次全体会议\n附件\n关于测试的指南\n";
  char        l[512];
  const char* fill[] = {"承认", "铭记", "考虑到"};
  for (size_t k = 0; k < 3; ++k) {
    line_of(l, sizeof l, fill[k], 76, "测");
    strcat(in, l);
    line_of(l, sizeof l, "测", 76, "测试，");
    strcat(in, l);
  }
  line_of(l, sizeof l, "1. 各国应", 76, "测试，");
  strcat(in, l);
  strcat(in, "认识到合作的重要性。\n");
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("annexwrap.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert(unkg_starts_with(part("annex/1/text/2")->text, "承认"));
  ck_assert(unkg_starts_with(part("annex/1/text/3")->text, "铭记"));
  ck_assert(unkg_starts_with(part("annex/1/text/4")->text, "考虑到"));
  ck_assert_ptr_nonnull(strstr(part("annex/1/1")->text, "测试，认识到合作的重要性。"));
}
END_TEST

/* Rules of procedure (75/212's annex, rules 19 to 21, as pdftotext gives
 * them): a rule's unnumbered text is one paragraph, the sentence after a
 * line that ends with "。" at the margin included; the next rule's number
 * and title stand apart, and an annex paragraph under a heading that is no
 * rule's keeps its sentences apart. */
START_TEST(rule_of_procedure_sentences)
{
  const char* in = "75/994. 关于议事规则的决议\n大会，\n1. 通过本决议附件所载的议事规则。\n"
                   "2020 年 12 月 7 日\n第 46 次全体会议\n附件\n会议暂行议事规则\n"
                   "六. 议事方式\n第 19 条\n法定人数\n"
                   "主持会议的主席在至少有三分之一参会国代表出席时方可宣布开会并准许进行辩论。\n"
                   "任何决定须有过半数参会国代表出席才能作出。\n"
                   "第 20 条\n发言\n"
                   "1. 任何代表如未事先征得主持会议的主席允许，不得在会议上发言。在不违反第\n"
                   "21、22 和 25 至 27 条规定的情况下，主持会议的主席应按请求发言的先后次序\n"
                   "请发言者发言。秘书处应负责拟定发言名单。\n"
                   "第 21 条\n程序问题\n"
                   "在讨论任何问题时，代表可随时提出程序问题，主持会议的主席应立即按照本议事规\n"
                   "则就程序问题作出裁决。代表可对主持会议的主席作出的裁决提出申述。\n"
                   "七. 其他事项\n"
                   "主持会议的主席在至少有三分之一参会国代表出席时方可宣布开会并准许进行辩论。\n"
                   "任何决定须有过半数参会国代表出席才能作出。\n";
  UnkgStatus  st;
  UnkgDiag    d = {0};
  doc           = tu_read_doc("rules.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_str_eq(part("annex/1/text/5")->text,
                   "主持会议的主席在至少有三分之一参会国代表出席时方可宣布开会并准许进行辩论。"
                   "任何决定须有过半数参会国代表出席才能作出。");
  ck_assert(unkg_starts_with(part("annex/1/text/6")->text, "第"));
  ck_assert_str_eq(part("annex/1/text/7")->text, "发言");
  ck_assert(unkg_starts_with(part("annex/1/1")->text, "任何代表"));
  ck_assert(unkg_starts_with(part("annex/1/text/8")->text, "第"));
  ck_assert_str_eq(part("annex/1/text/9")->text, "程序问题");
  ck_assert(unkg_starts_with(part("annex/1/text/10")->text, "在讨论任何问题时"));
  ck_assert(unkg_starts_with(part("annex/1/text/11")->text, "七"));
  ck_assert(unkg_starts_with(part("annex/1/text/12")->text, "主持会议的主席"));
  ck_assert_str_eq(part("annex/1/text/13")->text, "任何决定须有过半数参会国代表出席才能作出。");
}
END_TEST

/* A rule's title that carries a note's marker reaches the margin and is
 * run on into the rule's text (75/212, rules 57 to 61 as pdftotext gives
 * them, the note renumbered 1): cut after the marker; rules 57 and 58
 * have no title, their text under their number. */
START_TEST(rule_title_with_a_note)
{
  const char* in = "75/992. 关于会议的决议\n"
                   "大会，\n"
                   "1. 通过本决议附件所载的议事规则。\n"
                   "第 46 次全体会议\n"
                   "2020 年 12 月 7 日\n"
                   "附件\n"
                   "会议暂行议事规则\n"
                   "十. 公开和非公开会议\n"
                   "通则\n"
                   "第 57 条\n"
                   "会议的全体会议和任何委员会的会议均应公开举行，除非有关机构另有决定。会议的\n"
                   "全体会议在非公开会议上作出的所有决定应及早在公开全体会议上宣布。\n"
                   "第 58 条\n"
                   "作为一般规则，总务委员会、全权证书委员会、小组委员会或工作组的会议应非公开\n"
                   "举行。\n"
                   "第 59 条\n"
                   "非公开会议的公报\n"
                   "非公开会议结束后，有关机构的会议主持人可通过联合国秘书长或其指定代表发表公\n"
                   "报。\n"
                   "\n"
                   "24/27 20-52405\n"
                   "\n"
                   "\fA/RES/75/992\n"
                   "\n"
                   "十一. 其他参会者和观察员\n"
                   "第 60 条\n"
                   "获长期邀请以观察员身份参加大会的届会和工作的政府间组织和其他实体1\n"
                   "获长期邀请以观察员身份参加大会的届会和工作的政府间组织和其他实体指定的代\n"
                   "表，有权作为观察员参加会议、主要委员会和任何其他有关委员会或工作组的讨论，\n"
                   "但无表决权。\n"
                   "1 就本议事规则而言，“其他实体”一词包括红十字国际委员会、红十字会与红新月会国际联合\n"
                   "\n"
                   "会、国际奥林匹克委员会、各国议会联盟和马耳他主权骑士团。\n"
                   "\n"
                   "\n"
                   "20-52405 25/27\n"
                   "\n"
                   "\fA/RES/75/992\n"
                   "\n"
                   "第 61 条\n"
                   "区域委员会准成员\n"
                   "下列各区域委员会准成员指派的代表可以作为观察员参加会议，但无表决权。\n"
                   "\n"
                   "26/27 20-52405\n";
  UnkgStatus  st;
  UnkgDiag    d = {0};
  doc           = tu_read_doc("rule60.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert(unkg_starts_with(part("annex/1/text/5")->text, "会议的全体会议和任何委员会"));
  ck_assert_str_eq(part("annex/1/text/12")->text, "第60条");
  ck_assert_str_eq(part("annex/1/text/13")->text,
                   "获长期邀请以观察员身份参加大会的届会和工作的政府间组织和其他实体");
  ck_assert_str_eq(part("annex/1/text/14")->text,
                   "获长期邀请以观察员身份参加大会的届会和工作的政府间组织和其他实体指定的代表，"
                   "有权作为观察员参加会议、主要委员会和任何其他有关委员会或工作组的讨论，"
                   "但无表决权。");
  ck_assert_str_eq(part("annex/1/text/15")->text, "第61条");
  ck_assert(unkg_starts_with(part("fn/1")->text, "就本议事规则而言"));
}
END_TEST

/* What an annex paragraph takes no sentence from: a schedule after
 * "…具体安排如下：" (75/326's annex, paragraph 9), and a rule's paragraph
 * numbered in Chinese numerals (76/120's annex, article 一). */
START_TEST(annex_paragraph_keeps_apart)
{
  const char* in = "75/993. 关于会议的决议\n大会，\n1. 通过本决议附件所载的安排。\n"
                   "2020 年 12 月 7 日\n第 46 次全体会议\n附件\n会议的安排\nB. 领导力对话\n"
                   "9. 国际会议将包括三次领导力对话，对话与全体会议并行举行，具体安排如下：\n"
                   "6 月 2 日，星期四：下午 3 至 6 时；\n"
                   "6 月 3 日，星期五：上午 10 至下午 1 时；下午 3 至 6 时；\n"
                   "第一条\n"
                   "一. 凡由联合国一个以上之会员国缔结之任何条约或国际协定，应尽速在秘书处登记。\n"
                   "二. 登记应于条约或国际协定业于二个以上之当事者间发生效力后为之。\n";
  UnkgStatus  st;
  UnkgDiag    d = {0};
  doc           = tu_read_doc("apart.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert(unkg_starts_with(part("annex/1/9")->text, "国际会议将包括"));
  ck_assert_str_eq(part("annex/1/text/3")->text, "6月2日，星期四：下午3至6时；");
  ck_assert(unkg_starts_with(part("annex/1/text/4")->text, "6月3日"));
  ck_assert_str_eq(part("annex/1/text/5")->text, "第一条");
  ck_assert(unkg_starts_with(part("annex/1/text/6")->text, "一."));
  ck_assert(unkg_starts_with(part("annex/1/text/7")->text, "二."));
}
END_TEST

/* A full line ending with a semicolon: within a numbered paragraph or
 * item the clause goes on ("…；" then "提供…"), and in the preamble; where
 * operative paragraphs go unnumbered, a lead after it opens the next. */
START_TEST(semicolon_at_a_full_line)
{
  char in[8192] = "75/995. 关于分号的决议\n大会，\n";
  char l[512];
  line_of(l, sizeof l, "回顾", 76, "测");
  strcat(in, l);
  line_of(l, sizeof l, "测", 76, "测试；");
  strcat(in, l);
  strcat(in, "又回顾测试，\n");
  line_of(l, sizeof l, "1. 请", 76, "测试；");
  strcat(in, l);
  strcat(in, "提供测试；\n2. 决定：\n");
  line_of(l, sizeof l, "(a) 第一", 76, "测试；");
  strcat(in, l);
  strcat(in, "提供第一项；\n(b) 第二项。\n");
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("semicolon.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 1);
  ck_assert_ptr_nonnull(strstr(part("pp/1")->text, "测试；又回顾测试，"));
  ck_assert_ptr_nonnull(strstr(part("op/1")->text, "测试；提供测试；"));
  ck_assert_ptr_nonnull(strstr(part("op/2/a")->text, "测试；提供第一项；"));
  ck_assert_str_eq(part("op/2/b")->text, "第二项。");
  unkg_doc_free(doc);

  char un[8192] = "75/994. 关于预算的决议\n大会，\n审议了测试，\n";
  line_of(l, sizeof l, "核准", 76, "测试；");
  strcat(un, l);
  strcat(un, "决定测试；\n");
  doc = tu_read_doc("unnumbered.txt", un, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert(unkg_starts_with(part("op/1")->text, "核准"));
  ck_assert_str_eq(part("op/2")->text, "决定测试；");
}
END_TEST

/* A full line ending with a colon before text that is no item: the
 * sentence goes on in the preamble ("…列具体目标：" then "消除…", 76/186)
 * and in a numbered paragraph; an item after it is an item. */
START_TEST(colon_at_a_full_line)
{
  char in[8192] = "75/992. 关于冒号的决议\n大会，\n";
  char l[512];
  line_of(l, sizeof l, "重申", 76, "测");
  strcat(in, l);
  line_of(l, sizeof l, "测", 76, "测试，");
  strcat(in, l);
  line_of(l, sizeof l, "回顾", 76, "列具体目标：");
  strcat(in, l);
  strcat(in, "加强国际努力以消除一切形式的暴力，\n又回顾测试，\n");
  line_of(l, sizeof l, "1. 请", 76, "如下：");
  strcat(in, l);
  strcat(in, "提供测试；\n2. 决定：\n(a) 第一项；\n(b) 第二项。\n");
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("colon.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 3);
  ck_assert_ptr_nonnull(strstr(part("pp/2")->text, "列具体目标：加强国际努力以消除"));
  ck_assert_ptr_nonnull(strstr(part("op/1")->text, "如下：提供测试；"));
  ck_assert_str_eq(part("op/2/a")->text, "第一项；");
}
END_TEST

/* The cover as the UN prints it for other organs and sessions: a special
 * session's number, a committee named without its report, a plenary
 * adoption on a report (not a draft: no "L."), and the header block that
 * pdftotext may print after the text of a one-page resolution. */
START_TEST(special_session_and_adoption_lines)
{
  static const char in[] = "第三十二届会议\n\n"
                           "[未经发交主要委员会而通过(A/S-32/550，第 15 段)]\n\n"
                           "S-32/1. 关于特别会议的决议\n\n"
                           "大会\n\n"
                           "通过本决议附件所载的政治宣言。\n\n"
                           "第 1 次全体会议\n"
                           "2021 年 6 月 2 日\n\n"
                           "A/RES/S-32/1\n"
                           "Distr.: General\n"
                           "7 June 2021\n";
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("special.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_str_eq(doc->symbol, "A/RES/S-32/1");
  ck_assert_int_eq(doc->res.special_session, 32);
  ck_assert_int_eq(doc->session, 0);
  ck_assert_str_eq(doc->title, "关于特别会议的决议");
  ck_assert_str_eq(doc->res.committee_report, "A/S-32/550");
  ck_assert_str_eq(doc->res.report_para, "15");
  ck_assert_ptr_null(doc->res.draft);
  ck_assert_int_eq(doc->res.meeting, 1);
  ck_assert_uint_eq(count(UNKG_PART_TEXT), 0);
  unkg_doc_free(doc);

  static const char in2[] = "第七十六届会议\n\n"
                            "[根据特别政治和非殖民化委员会(第四委员会)]\n\n"
                            "76/998. 某领土问题\n\n"
                            "大会，\n\n"
                            "1. 决定继续审议这一问题。\n";
  doc = tu_read_doc("fourth.txt", in2, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_ptr_nonnull(doc->res.committee);
  ck_assert_ptr_nonnull(doc->res.committee_org);
  ck_assert_str_eq(doc->res.committee_org->iri, "https://w3id.org/unkg/ref/org/FourthCommittee");
  ck_assert_ptr_null(doc->res.committee_report);
  ck_assert_ptr_null(doc->res.draft);
}
END_TEST

/* pdftotext's default output: no blank line, no indent.  A full line
 * ending at a comma before a preambular lead ends its paragraph (又回顾),
 * but not before a lead that goes on a sentence after a comma more often
 * than it opens a paragraph (支持和补充…, 加强和支持…, the reference
 * data's unkg:goesOnAfterComma); a lead with a modifier inside
 * (表示特别深切关注) opens one. */
START_TEST(comma_at_a_full_line_before_a_lead)
{
  char in[8192] = "75/993. 关于逗号的决议\n大会，\n";
  char l[512];
  line_of(l, sizeof l, "回顾", 76, "的组成部分，");
  strcat(in, l);
  strcat(in, "支持和补充《2030年议程》，\n");
  line_of(l, sizeof l, "重申", 76, "的合作和协助，");
  strcat(in, l);
  strcat(in, "加强和支持保护区的养护措施，\n");
  line_of(l, sizeof l, "回顾", 76, "的条件，");
  strcat(in, l);
  strcat(in, "又回顾其以往的决议，\n");
  line_of(l, sizeof l, "注意到", 76, "的报告，");
  strcat(in, l);
  strcat(in, "表示特别深切关注冠状病毒病大流行的影响，\n1. 决定继续审议这一问题。\n");
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("comma.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 6);
  ck_assert_ptr_nonnull(strstr(part("pp/1")->text, "的组成部分，支持和补充《2030年议程》，"));
  ck_assert_ptr_nonnull(strstr(part("pp/2")->text, "的合作和协助，加强和支持保护区的养护措施，"));
  ck_assert(unkg_starts_with(part("pp/3")->text, "回顾"));
  ck_assert_str_eq(part("pp/4")->text, "又回顾其以往的决议，");
  ck_assert(unkg_starts_with(part("pp/5")->text, "注意到"));
  expect_lead("pp/6", "表示特别深切关注", V("express-deep-concern"), V("in-particular"));
}
END_TEST

/* At the margin, a lead with 又 or 还 opens a paragraph only after the run
 * it goes on: 又V right after a paragraph that opened with V, 还V after
 * one that opened with 又V.  Else it goes on the sentence: a first
 * paragraph's "…为基础，" then "还确认《萨摩亚途径》…" (76/203), "重申人的
 * 隐私权…干涉，" then "还重申…" (75/176), "…所需的条件，" then
 * "同时确认会员国有责任…" (76/187, 同时 going on after a comma). */
START_TEST(repeated_lead_without_its_run)
{
  char in[8192] = "75/988. 关于重复引导词的决议\n大会，\n";
  char l[512];
  line_of(l, sizeof l, "重申《萨摩亚途径》", 76, "为基础，");
  strcat(in, l);
  strcat(in, "还确认《萨摩亚途径》符合《2030年可持续发展议程》，\n");
  strcat(in, "注意到儿童特别容易受到践踏和侵犯隐私权的伤害，\n");
  line_of(l, sizeof l, "重申人的隐私权", 76, "或非法干涉，");
  strcat(in, l);
  strcat(in, "还重申受法律保护免遭此种干涉的权利，\n");
  line_of(l, sizeof l, "回顾", 76, "的资料，");
  strcat(in, l);
  line_of(l, sizeof l, "又回顾", 70, "的建议，"); /* short of the margin */
  strcat(in, l);
  line_of(l, sizeof l, "认识到", 76, "的贡献，");
  strcat(in, l);
  line_of(l, sizeof l, "还回顾", 76, "创造所需的条件，");
  strcat(in, l);
  strcat(in, "同时确认会员国有责任维护人格尊严，\n1. 决定继续审议这一问题。\n");
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("runs.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 7);
  ck_assert_ptr_nonnull(strstr(part("pp/1")->text, "为基础，还确认《萨摩亚途径》"));
  ck_assert_ptr_nonnull(strstr(part("pp/3")->text, "或非法干涉，还重申受法律保护"));
  ck_assert(unkg_starts_with(part("pp/4")->text, "回顾"));
  ck_assert(unkg_starts_with(part("pp/5")->text, "又回顾"));
  ck_assert(unkg_starts_with(part("pp/6")->text, "认识到"));
  ck_assert(unkg_starts_with(part("pp/7")->text, "还回顾"));
  ck_assert_ptr_nonnull(strstr(part("pp/7")->text, "所需的条件，同时确认会员国"));
}
END_TEST

/* 又V opens a paragraph right after one whose lead is V: at the margin, a
 * lead between them goes on V's paragraph (75/238: "欢迎…深表遗憾，" then
 * "敦促缅甸政府与新任命的特别报告员充分合作，" then "又欢迎…").  Before a
 * paragraph of another lead the cut is made as before. */
START_TEST(lead_between_a_verb_and_its_repeat)
{
  char in[8192] = "75/987. 关于缅甸的决议\n大会，\n";
  char l[512];
  line_of(l, sizeof l, "欢迎缅甸人权状况特别报告员的工作和报告", 76, "深表遗憾，");
  strcat(in, l);
  strcat(in, "敦促缅甸政府与新任命的特别报告员充分合作，\n");
  line_of(l, sizeof l, "又欢迎秘书长缅甸问题特使的工作", 76, "鼓励她与缅甸政府和");
  strcat(in, l);
  strcat(in, "受影响民众进一步接触和对话，\n");
  line_of(l, sizeof l, "回顾其以往的各项决议", 76, "的报告，");
  strcat(in, l);
  strcat(in, "敦促各方充分合作，\n");
  strcat(in, "注意到秘书长的报告，\n1. 决定继续审议这一问题。\n");
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("between.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 5);
  ck_assert_ptr_nonnull(strstr(part("pp/1")->text, "深表遗憾，敦促缅甸政府"));
  ck_assert(unkg_starts_with(part("pp/2")->text, "又欢迎秘书长缅甸问题特使的工作"));
  ck_assert_str_eq(part("pp/4")->text, "敦促各方充分合作，");
}
END_TEST

/* At the margin, the paragraph's verb again with no modifier goes on it
 * ("确认…生活的影响，" then "确认《武器贸易条约》…", 76/50; after 又回顾,
 * 75/131), but after 还V a plain V opens a new run; and 还V resumes a run
 * of 又V as 又V resumes one of V: a lead between them goes on. */
START_TEST(same_verb_again_at_the_margin)
{
  char in[8192] = "75/986. 关于常规武器的决议\n大会，\n";
  char l[512];
  line_of(l, sizeof l, "确认常规武器及相关弹药", 76, "生活的影响，");
  strcat(in, l);
  strcat(in, "确认《武器贸易条约》是第一份明确常规武器的条约，\n");
  line_of(l, sizeof l, "还确认", 76, "的重要性，");
  strcat(in, l);
  strcat(in, "确认各国有权自卫，\n");
  line_of(l, sizeof l, "又确认", 76, "的作用，");
  strcat(in, l);
  strcat(in, "鼓励各国加强合作，\n");
  line_of(l, sizeof l, "还确认科学和技术", 76, "的协调中心，");
  strcat(in, l);
  strcat(in, "注意到秘书长的报告，\n1. 决定继续审议这一问题。\n");
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("again.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 6);
  ck_assert_ptr_nonnull(strstr(part("pp/1")->text, "生活的影响，确认《武器贸易条约》"));
  ck_assert(unkg_starts_with(part("pp/2")->text, "还确认"));
  ck_assert_str_eq(part("pp/3")->text, "确认各国有权自卫，");
  ck_assert_ptr_nonnull(strstr(part("pp/4")->text, "的作用，鼓励各国加强合作，"));
  ck_assert(unkg_starts_with(part("pp/5")->text, "还确认科学和技术"));
  ck_assert_str_eq(part("pp/6")->text, "注意到秘书长的报告，");
}
END_TEST

/* A page that ends at the margin with a comma is decided as a line is: a
 * lead that goes on after a comma goes on across the page (76/297: "…机
 * 组成部分，" then, under the next page's running head, "支持和补充后一项
 * 议程…"); another lead opens a paragraph there as before. */
START_TEST(comma_at_the_margin_before_a_page_break)
{
  char in[8192] = "75/985. 关于页末的决议\n大会，\n";
  char l[512];
  line_of(l, sizeof l, "重申其第69/313号决议", 76, "议程");
  strcat(in, l);
  line_of(l, sizeof l, "", 76, "机组成部分，");
  strcat(in, l);
  strcat(in, "\f20-12345 (C)\n\nA/RES/75/985\n\n");
  strcat(in, "支持和补充后一项议程，有助于将其执行手段方面的具体目标与政策相联系，\n");
  line_of(l, sizeof l, "回顾其以往的决议", 76, "的报告，");
  strcat(in, l);
  strcat(in, "\f2/3 20-12345\n\nA/RES/75/985\n\n");
  strcat(in, "注意到秘书长的报告，\n1. 决定继续审议这一问题。\n");
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("pagebrim.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 3);
  ck_assert_ptr_nonnull(strstr(part("pp/1")->text, "机组成部分，支持和补充后一项议程"));
  ck_assert(unkg_starts_with(part("pp/2")->text, "回顾其以往的决议"));
  ck_assert_str_eq(part("pp/3")->text, "注意到秘书长的报告，");
}
END_TEST

/* Typesetting wraps a line only where the next character (with the marks
 * bound to it) does not fit: a line ending with a comma short of the
 * margin ended its paragraph, before a lead marked as going on after a
 * comma (支持…, 75/192) and before a paragraph the lexicon gives no lead
 * (对…表示关切, 75/69).  At the margin the lead decides as before, but not
 * inside an open quotation (题为“…，" then "…”的政治宣言, 76/187).  Page
 * width 76 columns; a Chinese character is 2. */
START_TEST(comma_short_of_the_margin)
{
  char in[8192] = "75/992. 关于页边的决议\n大会，\n";
  char l[512];
  line_of(l, sizeof l, "申明", 76, "违反国际法");
  strcat(in, l);
  line_of(l, sizeof l, "又申明", 72, "必须立即归还上述领土，"); /* room for one more */
  strcat(in, l);
  line_of(l, sizeof l, "支持乌克兰承诺", 70, "遵守国际法，");
  strcat(in, l);
  line_of(l, sizeof l, "对由于冠状病毒病", 76, "大流行");
  strcat(in, l);
  strcat(in, "而受到的影响表示关切，\n");
  line_of(l, sizeof l, "回顾其题为“我们共同承诺", 76, "预防和打击腐败，");
  strcat(in, l);
  strcat(in, "确认国际合作”的政治宣言，\n");
  line_of(l, sizeof l, "注意到", 76, "的报告，");
  strcat(in, l);
  strcat(in, "回顾其以往的决议，\n1. 决定继续审议这一问题。\n");
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("margin.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 6);
  ck_assert(unkg_starts_with(part("pp/1")->text, "申明"));
  ck_assert_ptr_nonnull(strstr(part("pp/1")->text, "必须立即归还上述领土，"));
  ck_assert(unkg_starts_with(part("pp/2")->text, "支持乌克兰承诺"));
  ck_assert_ptr_null(strstr(part("pp/2")->text, "对由于"));
  ck_assert(unkg_starts_with(part("pp/3")->text, "对由于冠状病毒病"));
  ck_assert_ptr_nonnull(strstr(part("pp/4")->text, "预防和打击腐败，确认国际合作”的政治宣言，"));
  ck_assert(unkg_starts_with(part("pp/5")->text, "注意到"));
  ck_assert_str_eq(part("pp/6")->text, "回顾其以往的决议，");
}
END_TEST

/* An item is set under a hanging indent, so its lines stop short of the
 * margin and go on after a comma (75/325: "㈡ …透明度和机构记忆，" then
 * "以及秘书长和其他行政首长的遴选和任命；"). */
START_TEST(item_short_of_the_margin_goes_on)
{
  char in[8192] = "75/989. 振兴大会工作\n大会，\n";
  char l[512];
  line_of(l, sizeof l, "铭记大会作为联合国主要机关的作用", 76, "的重要性，");
  strcat(in, l);
  line_of(l, sizeof l, "1. 重申其", 76, "所有其他决议；");
  strcat(in, l);
  line_of(l, sizeof l, "2. 决定设立一个振兴大会工作特设工作组", 76, "开放：");
  strcat(in, l);
  line_of(l, sizeof l, "(a) 进一步确定如何", 76, "以下工作：");
  strcat(in, l);
  strcat(in, "㈠ 第七十六届会议期间：大会的作用和权威及工作方法；\n");
  line_of(l, sizeof l, "㈡ 第七十七届会议期间：加强大会主席办公室", 68, "透明度和机构记忆，");
  strcat(in, l);
  strcat(in, "以及秘书长和其他行政首长的遴选和任命；\n3. 决定继续审议这一问题。\n");
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("item.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_OPERATIVE), 3);
  ck_assert_uint_eq(count(UNKG_PART_ITEM), 3);
  ck_assert_ptr_nonnull(strstr(part("op/2/a/ii")->text, "透明度和机构记忆，以及秘书长"));
}
END_TEST

/* At the margin, a lead whose object points back (这, 它, 就此) goes on the
 * sentence (75/79: "…妇女和儿童贩运问题，" then "认为这是次区域…"); one
 * with another object still opens a paragraph (回顾其…). */
START_TEST(lead_pointing_back_at_the_margin)
{
  char in[8192] = "75/990. 关于指代的决议\n大会，\n";
  char l[512];
  line_of(l, sizeof l, "铭记常设咨询委员会日益重视人的安全问题", 76, "儿童贩运问题，");
  strcat(in, l);
  strcat(in, "认为这是次区域和平、安全和预防冲突的一项重大关切，\n");
  line_of(l, sizeof l, "又认识到", 76, "民间社会的作用，");
  strcat(in, l);
  strcat(in, "还认识到就此与私营部门合作的重要性，\n");
  line_of(l, sizeof l, "注意到", 76, "的报告，");
  strcat(in, l);
  strcat(in, "回顾其以往的决议，\n1. 决定继续审议这一问题。\n");
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("back.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 4);
  ck_assert_ptr_nonnull(strstr(part("pp/1")->text, "儿童贩运问题，认为这是次区域"));
  ck_assert_ptr_nonnull(strstr(part("pp/2")->text, "民间社会的作用，还认识到就此"));
  ck_assert_str_eq(part("pp/4")->text, "回顾其以往的决议，");
}
END_TEST

/* A lead modifier set off by a comma belongs to the lead after it.  Cut
 * from pdftotext's default output of two resolutions, checked against
 * their XML: a full line that ends "…，在这方面，" goes on whatever opens
 * the next (76/227 pp/31, the preamble's last paragraph: "表示注意到" under
 * it is no paragraph), and at the margin "在这方面，又认识到…" goes on the
 * paragraph before (75/155 pp/16), as such a lead does 34 times in 42 in
 * the two sessions' preambles (bench/comma_leads.py).  The paragraphs
 * around each open as before. */
START_TEST(modifier_set_off_by_a_comma_at_the_margin)
{
  static const char in_227[] =
    "76/227. 打击虚假信息，促进和保护人权与基本自由\n大会，\n"
    "深为关切涉及冠状病毒病(COVID-19)的虚假信息，包括网上虚假信息泛滥，强调指\n"
    "出，为打击这种做法必须向公众提供以科学和证据为基础的数据和信息，\n"
    "关切地认识到，线上虚假信息活动日趋被用来阻止妇女参与公共领域，女记者、政界\n"
    "人士和主张增强妇女权能的倡导者尤其成为攻击目标，\n"
    "认识到所有利益攸关方都发挥了作用，公开表示反对虚假信息，声援那些受到造谣活\n"
    "动定向攻击的人，并宣传有助于打击谣言的信息，\n"
    "赞赏地注意到，联合国系统，包括秘书处全球传播部，特别在 COVID-19 疫情期间\n"
    "努力帮助遏制虚假信息的扩散，分享了准确、及时和相关的多语文信息，在这方面，\n"
    "表示注意到大会第七十五届会议主席的题为“应对信息疫情——分享最佳做法”的讲\n"
    "话，以及秘书长在主题为“虚假信息的危险——后真相时代打击虚假信息和保障健\n"
    "康”的高级别会议上的致辞，\n"
    "1. 强调一切形式的虚假信息都会对人权和基本自由的享受和实现可持续发展目标12\n"
    "产生负面影响；\n";
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("res76_227.txt", in_227, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 4);
  ck_assert(unkg_starts_with(part("pp/4")->text, "赞赏地注意到，联合国系统"));
  ck_assert_ptr_nonnull(strstr(part("pp/4")->text, "多语文信息，在这方面，表示注意到大会第七十五届"));
  ck_assert_ptr_nonnull(strstr(part("pp/4")->text, "的高级别会议上的致辞，"));
  unkg_doc_free(doc);
  doc = NULL;

  static const char in_155[] =
    "75/155. 扫盲改变生活：塑造未来议程\n大会，\n"
    "申明落实受教育权，特别是女童受教育权，有助于促进人权、性别平等、增强妇女权能\n"
    "和消除贫困，也有助于发展，\n"
    "认识到必须依照 2000 年 4月 28 日世界教育论坛通过的《达喀尔行动框架》 5 以及\n"
    "可持续发展目标 4，继续实施在全世界扫除文盲的国家和国家以下各级方案和措施，\n"
    "在这方面，又认识到南北合作、南南合作和三方合作，除其他外，通过创新扫盲教学法\n"
    "作出重要贡献，\n"
    "深为关切，根据联合国教育、科学及文化组织的资料，世界成年文盲中有将近三分之二\n"
    "人为妇女，表明在受教育方面持续存在性别差距，\n"
    "1. 表示赞赏地注意到秘书长题为“扫盲改变生活、工作和终身学习以及民主教育”的\n"
    "报告；6\n";
  doc = tu_read_doc("res75_155.txt", in_155, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 3);
  ck_assert(unkg_starts_with(part("pp/2")->text, "认识到必须依照"));
  ck_assert_ptr_nonnull(strstr(part("pp/2")->text, "方案和措施，在这方面，又认识到南北合作"));
  ck_assert(unkg_starts_with(part("pp/3")->text, "深为关切，"));
}
END_TEST

/* The Fifth Committee's sections hold unnumbered paragraphs before their
 * numbered ones (75/253 section 十二: "回顾其…第 74/263 号决议第十二节，"
 * then "审议了秘书长的报告…"): there too a comma-ended line short of the
 * margin ended its paragraph. */
START_TEST(comma_short_of_the_margin_in_a_section)
{
  char in[8192] = "75/991. 2021 年拟议方案预算所涉问题\n大会，\n一\n联合国日内瓦办事处的房舍\n";
  char l[512];
  line_of(l, sizeof l, "审议了秘书长的报告", 76, "相关报告，");
  strcat(in, l);
  line_of(l, sizeof l, "1. 表示注意到", 76, "秘书");
  strcat(in, l);
  line_of(l, sizeof l, "", 76, "长");
  strcat(in, l);
  strcat(in, "的报告；\n二\n亚洲及太平洋经济社会委员会曼谷房舍抗震改造\n");
  line_of(l, sizeof l, "回顾其第 70/248 A 号决议第十二节", 76, "第");
  strcat(in, l);
  line_of(l, sizeof l, "", 68, "第 74/263 号决议第十二节，"); /* Latin text: short by 10% */
  strcat(in, l);
  strcat(in, "审议了秘书长的报告和行预咨委会的相关报告，\n2. 决定继续审议这一问题。\n");
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("fifth.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 3);
  ck_assert(unkg_starts_with(part("pp/2")->text, "回顾其第70/248 A号决议第十二节"));
  ck_assert_str_eq(part("pp/3")->text, "审议了秘书长的报告和行预咨委会的相关报告，");
  ck_assert_uint_eq(count(UNKG_PART_OPERATIVE), 2);
}
END_TEST

/* A section's heading over two lines, its second holding a comma (76/245
 * as pdftotext gives it: "第 29E 款" then "行政，日内瓦", the budget section
 * and its office): one heading, as the XML reader joins the two
 * subheadings; a paragraph ending with a comma under a heading stays
 * preambular. */
START_TEST(heading_line_with_a_comma)
{
  const char* in = "76/991. 与 2022 年拟议方案预算有关的问题\n大会，\n"
                   "回顾其以往的决议，\n"
                   "第 29B 款\n业务支助部\n"
                   "60. 决定裁撤空缺时间已超过两年的 1 个一般事务人员(其他职等)员额；\n"
                   "第 29E 款\n行政，日内瓦\n"
                   "61. 表示注意到行预咨委会报告第八.83(c)段，核准秘书长关于非员额资源的提议；\n"
                   "第 29G 款\n审议了秘书长的报告，\n"
                   "62. 决定继续审议这一问题。\n";
  UnkgStatus  st;
  UnkgDiag    d = {0};
  doc           = tu_read_doc("heading.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_TEXT), 3);
  ck_assert_str_eq(part("text/1")->text, "第29B款 业务支助部");
  ck_assert_str_eq(part("text/2")->text, "第29E款 行政，日内瓦");
  ck_assert_str_eq(part("text/3")->text, "第29G款");
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 2);
  ck_assert_str_eq(part("pp/2")->text, "审议了秘书长的报告，");
  ck_assert_uint_eq(count(UNKG_PART_OPERATIVE), 3);
}
END_TEST

/* A section's numeral set off from its title by a space, or on a line of
 * its own over it, is the heading's number, also where the title opens
 * with the same character (75/233:
 * "一 一般准则", whose 一一 reads as one numeral once the space between Han
 * characters is gone), as the XML reader numbers the same heading. */
START_TEST(heading_numeral_before_a_title_that_opens_with_it)
{
  const char* in = "75/991. 联合国系统发展方面业务活动\n大会，\n"
                   "欢迎“纪念联合国成立七十五周年宣言”，\n"
                   "一 一般准则\n"
                   "1. 重申联合国系统发展方面业务活动的基本特征；\n"
                   "二 能力建设\n"
                   "2. 决定继续审议这一问题。\n"
                   "三\n"
                   "海洋科学\n"
                   "3. 决定继续审议这一问题。\n";
  UnkgStatus  st;
  UnkgDiag    d = {0};
  doc           = tu_read_doc("heading.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_str_eq(part("text/1")->num, "一");
  ck_assert_str_eq(part("text/1")->text, "一般准则");
  ck_assert_str_eq(part("text/2")->num, "二");
  ck_assert_str_eq(part("text/2")->text, "能力建设");
  /* the numeral on a line of its own numbers the title under it */
  ck_assert_str_eq(part("text/3")->num, "三");
  ck_assert_str_eq(part("text/3")->text, "海洋科学");
  ck_assert_uint_eq(count(UNKG_PART_TEXT), 3);
}
END_TEST

/* A section's heading after its numeral on a line full to the margin runs
 * on, in pdftotext's packed lines, into the section's preamble: the lead
 * under it opens a paragraph.  Cut from 75/253 B as pdftotext gives it
 * (the cache's 75_253B_C.txt, page 2), checked against 75_253B_C.xml:
 * heading 三 "解决…有限问题", then "回顾大会…第十四节，" and "审议了…". */
START_TEST(numbered_heading_at_the_margin_then_a_lead)
{
  const char* in = "75/991 B. 与 2021 年拟议方案预算有关的特别专题\n大会，\n"
                   "二 国际法院法官的养恤金计划\n"
                   "1. 请秘书长提交一份关于国际法院法官的养恤金计划的综合提案，其中考虑到：\n"
                   "(a) 《国际法院规约》和其他相关法律规定的完整性、国际法院的普遍性、独立和平等原则、\n"
                   "法院法官的独特性；\n"
                   "三 解决联合国内罗毕办事处会议服务设施条件日益恶化和容纳能力有限问题\n"
                   "回顾大会 2018 年 12 月 22 日第 73/270 号决议、2019 年 12 月 27 日第\n"
                   "74/263 号决议第十四节，\n"
                   "审议了秘书长的报告和行预咨委会的相关报告，\n"
                   "2. 表示注意到秘书长的报告；\n";
  UnkgStatus  st;
  UnkgDiag    d = {0};
  doc           = tu_read_doc("heading.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_str_eq(part("text/2")->num, "三");
  ck_assert_str_eq(part("text/2")->text, "解决联合国内罗毕办事处会议服务设施条件日益恶化和容纳能力有限问题");
  ck_assert_str_eq(part("pp/1")->text, "回顾大会2018年12月22日第73/270号决议、2019年12月27日第74/263号决议第十四节，");
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 2);
}
END_TEST

/* Under a heading, a line shorter than a "，" with a comma in it (the text
 * fuzzer's find: the line's end was looked for before its start; the
 * AddressSanitizer run of the suite sees it). */
START_TEST(heading_then_a_line_shorter_than_a_comma)
{
  const char* in = "76/991. 与 2022 年拟议方案预算有关的问题\n大会，\n"
                   "回顾其以往的决议，\n"
                   "第 29H 款\n,x\n"
                   "62. 决定继续审议这一问题。\n";
  UnkgStatus  st;
  UnkgDiag    d = {0};
  doc           = tu_read_doc("heading.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_uint_eq(count(UNKG_PART_OPERATIVE), 1);
}
END_TEST

/* A declaration annexed under the resolution's own title (S-32/1, as
 * pdftotext gives it: the centred title runs on into the first paragraph):
 * the title is the annex's first text, the paragraph the next. */
START_TEST(annex_title_run_on)
{
  const char* in = "S-32/1. 我们共同承诺有效应对挑战和采取措施，预防和打击腐败，加强国际合作\n大会\n"
                   "通过本决议附件中题为“我们共同承诺有效应对挑战和采取措施，预防和打击腐败，\n"
                   "加强国际合作”的政治宣言。\n第 1 次全体会议\n2021 年 6 月 2 日\n附件\n"
                   "我们共同承诺有效应对挑战和采取措施，预防和打击腐败，加强国际合作\n"
                   "我们，各会员国的国家元首、政府首脑、部长和代表及《联合国反腐败公约》缔约\n"
                   "方代表，于 2021 年 6 月 2 日至 4 日汇聚于联合国总部，参加大会特别会议。\n"
                   "我们关切腐败对社会稳定和安全造成了严重问题和威胁。\n";
  UnkgStatus  st;
  UnkgDiag    d = {0};
  doc           = tu_read_doc("title.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  ck_assert_str_eq(part("annex/1/text/1")->text,
                   "我们共同承诺有效应对挑战和采取措施，预防和打击腐败，加强国际合作");
  ck_assert(unkg_starts_with(part("annex/1/text/2")->text, "我们，各会员国"));
  ck_assert(unkg_starts_with(part("annex/1/text/3")->text, "我们关切"));
}
END_TEST

/* Chinese leads of the 76th session (their English leads in the
 * comments): a lead modifier inside 表示 … is read inside the phrase, the
 * verb the phrase's without it; a word after a whole verb (决定完全按照)
 * is no modifier of it. */
START_TEST(degree_words_inside_a_lead)
{
  static const char in[] = "76/997. 关于引导词的决议\n\n大会，\n\n"
                           "表示最严重关切大流行的人道主义影响，\n\n"   /* gravest concerns */
                           "表示深切赞赏联合国系统所作的各种努力，\n\n" /* deep appreciation */
                           "表示特别深切关注最近的暴力活动，\n\n"     /* particularly deep */
                           "又表示尤其深切关注平民的处境，\n\n"
                           "感到满意委员会邀请观察员参加，\n\n"           /* Being satisfied */
                           "1. 表示完全支持法治协调和资源小组的工作；\n\n" /* full support */
                           "2. 表示深为感谢日本人民和政府的盛情款待；\n\n" /* profound gratitude */
                           "3. 决定完全按照其议事规则处理此事。\n";
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("degree.txt", in, &st, &d);
  ck_assert_msg(doc != NULL, "%s", d.msg);
  expect_lead("pp/1", "表示最严重关切", V("express-grave-concern"), NULL);
  expect_lead("pp/2", "表示深切赞赏", V("express-appreciation"), NULL);
  expect_lead("pp/3", "表示特别深切关注", V("express-deep-concern"), V("in-particular"));
  expect_lead("pp/4", "又表示尤其深切关注", V("express-deep-concern"), V("also"));
  expect_lead("pp/5", "感到满意", V("express-satisfaction"), NULL);
  expect_lead("op/1", "表示完全支持", V("express-support"), NULL);
  expect_lead("op/2", "表示深为感谢", V("express-gratitude"), NULL);
  expect_lead("op/3", "决定", V("decide"), NULL);
}
END_TEST

START_TEST(not_a_resolution)
{
  UnkgStatus st;
  UnkgDiag   d = {0};
  doc          = tu_read_doc("prose.txt", "今天天气很好。\n\n我们去公园。\n", &st, &d);
  ck_assert_ptr_null(doc);
  ck_assert_int_eq(st, UNKG_ERR_GENRE);
  ck_assert_str_eq(d.file, "prose.txt");
}
END_TEST

static Suite*
resolution_suite(void)
{
  Suite* s  = suite_create("resolution");
  TCase* tc = tcase_create("reader");
  tcase_add_checked_fixture(tc, NULL, teardown);
  tcase_add_test(tc, sample_cover_and_closing);
  tcase_add_test(tc, sample_preamble);
  tcase_add_test(tc, sample_recalled_resolutions_with_dates);
  tcase_add_test(tc, sample_operative_paragraphs);
  tcase_add_test(tc, sample_footnotes);
  tcase_add_test(tc, sample_provenance_offsets);
  tcase_add_test(tc, variant_without_cover_with_annex);
  tcase_add_test(tc, letter_i_after_h_is_a_letter);
  tcase_add_test(tc, paragraph_ending_at_a_page_break);
  tcase_add_test(tc, operative_paragraph_going_on_after_a_page_break);
  tcase_add_test(tc, wrapped_text_edges);
  tcase_add_test(tc, annex_preamble_wrapped);
  tcase_add_test(tc, rule_of_procedure_sentences);
  tcase_add_test(tc, heading_line_with_a_comma);
  tcase_add_test(tc, heading_numeral_before_a_title_that_opens_with_it);
  tcase_add_test(tc, numbered_heading_at_the_margin_then_a_lead);
  tcase_add_test(tc, heading_then_a_line_shorter_than_a_comma);
  tcase_add_test(tc, annex_title_run_on);
  tcase_add_test(tc, annex_paragraph_keeps_apart);
  tcase_add_test(tc, rule_title_with_a_note);
  tcase_add_test(tc, semicolon_at_a_full_line);
  tcase_add_test(tc, colon_at_a_full_line);
  tcase_add_test(tc, special_session_and_adoption_lines);
  tcase_add_test(tc, comma_at_a_full_line_before_a_lead);
  tcase_add_test(tc, comma_short_of_the_margin);
  tcase_add_test(tc, repeated_lead_without_its_run);
  tcase_add_test(tc, lead_between_a_verb_and_its_repeat);
  tcase_add_test(tc, same_verb_again_at_the_margin);
  tcase_add_test(tc, comma_at_the_margin_before_a_page_break);
  tcase_add_test(tc, comma_short_of_the_margin_in_a_section);
  tcase_add_test(tc, lead_pointing_back_at_the_margin);
  tcase_add_test(tc, modifier_set_off_by_a_comma_at_the_margin);
  tcase_add_test(tc, item_short_of_the_margin_goes_on);
  tcase_add_test(tc, degree_words_inside_a_lead);
  tcase_add_test(tc, not_a_resolution);
  suite_add_tcase(s, tc);
  return s;
}

int
main(void)
{
  return tu_run(resolution_suite());
}
