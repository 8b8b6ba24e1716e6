/* The Akoma Ntoso reader.  Expectations for the fixtures were read by hand
 * off the XML in tests/fixtures/akn/ (copies of the UN's 75th-session files
 * 75_277, 75_19 and 75_283, English and Chinese); the safety fixtures are
 * hostile files written for these tests. */
#include "akn.h"
#include "buf.h"
#include "doc.h"
#include "recognise.h"
#include "text.h"
#include "testutil.h"

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define V(local) "https://w3id.org/unkg/ref/verb/" local
#define S(code) "https://w3id.org/unkg/ref/state/" code

static UnkgDoc* doc;
static UnkgBuf  warnings;

/* Warnings into a list; errors kept in the UnkgDiag. */
static void
collect_message(void* diag, const UnkgMessage* m)
{
  if (m->level == UNKG_LEVEL_WARNING) {
    unkg_buf_printf(&warnings, "%s:%u: %s\n", m->file, m->line, m->msg);
  } else {
    unkg_diag_keep(diag, m);
  }
}

static void
teardown(void)
{
  unkg_doc_free(doc);
  doc = NULL;
  unkg_buf_clear(&warnings);
}

/* Reads XML from memory as `unkg export` does: akn, then recognise. */
static UnkgDoc*
read_xml(const char* name, const char* xml, size_t len, UnkgStatus* st, UnkgDiag* d)
{
  UnkgSource*   src = NULL;
  UnkgDoc*      out = NULL;
  const UnkgCtx c   = {tu_lexicon(), collect_message, d, name};
  *st               = unkg_source_from_bytes(&c, name, xml, len, &src);
  if (!*st) {
    ck_assert_msg(unkg_akn_detect(src), "%s not detected as XML", name);
    *st = unkg_akn_read(&c, src, &out);
  }
  if (!*st) {
    *st = unkg_recognise(&c, out);
  }
  if (*st) {
    unkg_doc_free(out);
    out = NULL;
  }
  unkg_source_free(src);
  return out;
}

static UnkgDoc*
load(const char* file)
{
  char   path[256];
  size_t len;
  snprintf(path, sizeof path, "tests/fixtures/akn/%s", file);
  char*      xml = tu_slurp(path, &len);
  UnkgStatus st;
  UnkgDiag   d   = {0};
  UnkgDoc*   out = read_xml(file, xml, len, &st, &d);
  free(xml);
  ck_assert_msg(out != NULL, "%s: %s (%s)", file, d.msg, unkg_strerror(st));
  return out;
}

/* The error a hostile or broken file gets. */
static UnkgStatus
refuse(const char* file, UnkgDiag* d)
{
  char   path[256];
  size_t len;
  snprintf(path, sizeof path, "tests/fixtures/akn/%s", file);
  char*      xml = tu_slurp(path, &len);
  UnkgStatus st;
  UnkgDoc*   out = read_xml(file, xml, len, &st, d);
  free(xml);
  ck_assert_ptr_null(out);
  return st;
}

static const UnkgPart*
part(const char* path)
{
  const UnkgPart* p = tu_part(doc, path);
  ck_assert_msg(p != NULL, "no part %s", path);
  return p;
}

static void
expect_lead(const char* path, const char* lead, const char* verb, const char* modifier)
{
  const UnkgPart* p = part(path);
  ck_assert_msg(p->verb != NULL, "%s (%s) has no lead verb", path, p->lead);
  ck_assert_str_eq(p->lead, lead);
  ck_assert_str_eq(p->verb->iri, verb);
  if (modifier) {
    ck_assert_msg(p->modifier != NULL, "%s has no modifier", path);
    ck_assert_str_eq(p->modifier->iri, modifier);
  } else {
    ck_assert_ptr_null(p->modifier);
  }
}

static bool
cites(const UnkgPart* p, const char* symbol)
{
  for (size_t i = 0; i < p->n_cites; ++i) {
    if (!strcmp(p->cites[i].symbol, symbol)) {
      return true;
    }
  }
  return false;
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

static const UnkgVote*
vote_of(const char* state_iri)
{
  for (size_t i = 0; i < doc->akn.n_votes; ++i) {
    if (doc->akn.votes[i].state && !strcmp(doc->akn.votes[i].state->iri, state_iri)) {
      return &doc->akn.votes[i];
    }
  }
  return NULL;
}

/* ---- A/RES/75/277, English: a recorded vote ------------------------------ */

START_TEST(cover_and_identification)
{
  doc = load("75_277_E.xml");
  ck_assert_int_eq(doc->genre, UNKG_GENRE_RESOLUTION);
  ck_assert_str_eq(doc->lang, "en");
  ck_assert_str_eq(doc->symbol, "A/RES/75/277");
  ck_assert_str_eq(doc->res.number, "75/277");
  ck_assert_int_eq(doc->session, 75);
  ck_assert_str_eq(doc->agenda_item, "135");
  ck_assert_str_eq(doc->agenda_title,
                   "The responsibility to protect and the prevention of genocide, war crimes, "
                   "ethnic cleansing and crimes against humanity");
  ck_assert_str_eq(doc->title,
                   "The responsibility to protect and the prevention of genocide, war crimes, "
                   "ethnic cleansing and crimes against humanity");
  ck_assert_str_eq(doc->res.formula, "The General Assembly,");
  ck_assert_str_eq(doc->res.adoption_date, "2021-05-18");
  ck_assert_str_eq(doc->res.closing_date, "2021-05-18");
  ck_assert_int_eq(doc->res.meeting, 66);
  ck_assert_str_eq(doc->res.record, "A/75/PV.66");
  ck_assert_str_eq(doc->akn.issued, "2021-05-21");
  ck_assert_str_eq(doc->res.draft, "A/75/L.82");
  ck_assert_ptr_null(doc->res.committee);
  ck_assert_ptr_null(doc->res.committee_report);
  ck_assert_str_eq(doc->akn.work, "/akn/un/statement/deliberation/unga/2021-05-18/75-277/");
  ck_assert_str_eq(doc->akn.expression,
                   "/akn/un/statement/deliberation/unga/2021-05-18/75-277/eng@/");
  /* classification: SDG 16 among the keyword IRIs */
  bool sdg16 = false;
  for (size_t i = 0; i < doc->akn.n_subjects; ++i) {
    sdg16 = sdg16 || !strcmp(doc->akn.subjects[i], "http://metadata.un.org/sdg/16");
  }
  ck_assert(sdg16);
}
END_TEST

START_TEST(paragraphs_and_leads)
{
  doc = load("75_277_E.xml");
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 4);
  ck_assert_uint_eq(count(UNKG_PART_OPERATIVE), 2);
  expect_lead("pp/1", "Reaffirming its respect", V("reaffirm"), NULL);
  expect_lead("pp/2", "Recalling", V("recall"), NULL);
  expect_lead("pp/3", "Recalling also", V("recall"), V("also"));
  expect_lead("op/1", "Decides", V("decide"), NULL);
  expect_lead("op/2", "Requests", V("request"), NULL);
  const UnkgPart* pp3 = part("pp/3");
  ck_assert_str_eq(unkg_part_akn_eid(pp3), "container_4");
  ck_assert_uint_gt(pp3->line, 0);
  ck_assert_ptr_null(pp3->map); /* no byte offsets are claimed for XML */
  ck_assert(cites(pp3, "A/RES/63/308"));
  ck_assert_str_eq(part("op/1")->num, "1");
  ck_assert(unkg_starts_with(part("op/1")->text, "Decides to include in its annual agenda"));
}
END_TEST

START_TEST(footnote_with_citation)
{
  doc = load("75_277_E.xml");
  /* "Recalling the 2005 World Summit Outcome,¹ especially …" — ¹ Resolution
   * 60/1.  The note is a part of its own, not text of the paragraph. */
  const UnkgPart* pp2 = part("pp/2");
  ck_assert_uint_eq(pp2->n_notes, 1);
  ck_assert_str_eq(pp2->notes[0], "1");
  ck_assert_str_eq(pp2->text,
                   "Recalling the 2005 World Summit Outcome, especially paragraphs 138 "
                   "and 139 thereof,");
  const UnkgPart* fn = part("fn/1");
  ck_assert_int_eq(fn->kind, UNKG_PART_FOOTNOTE);
  ck_assert_str_eq(fn->num, "1");
  ck_assert_str_eq(fn->text, "Resolution 60/1.");
  ck_assert(cites(fn, "A/RES/60/1"));
  ck_assert_int_eq(fn->cites[0].kind, UNKG_CITE_RESOLUTION);
}
END_TEST

START_TEST(recorded_vote)
{
  doc = load("75_277_E.xml");
  ck_assert_str_eq(doc->akn.vote_outcome, "adoptedRecordedVote");
  ck_assert_int_eq(doc->akn.recorded, 1);
  ck_assert_int_eq(doc->akn.n_yes, 115);
  ck_assert_int_eq(doc->akn.n_no, 15);
  ck_assert_int_eq(doc->akn.n_abstain, 28);
  size_t kinds[5] = {0};
  for (size_t i = 0; i < doc->akn.n_votes; ++i) {
    ck_assert_msg(doc->akn.votes[i].state != NULL, "voter %s unresolved", doc->akn.votes[i].name);
    ++kinds[doc->akn.votes[i].kind];
  }
  ck_assert_uint_eq(kinds[UNKG_VOTE_YES], 115);
  ck_assert_uint_eq(kinds[UNKG_VOTE_NO], 15);
  ck_assert_uint_eq(kinds[UNKG_VOTE_ABSTAIN], 28);
  ck_assert_uint_eq(kinds[UNKG_VOTE_NONVOTING], 193 - 115 - 15 - 28);
  const UnkgVote* chn = vote_of(S("CHN"));
  ck_assert_ptr_nonnull(chn);
  ck_assert_int_eq(chn->kind, UNKG_VOTE_NO);
  ck_assert_str_eq(chn->name, "CHINA");
  const UnkgVote* afg = vote_of(S("AFG"));
  ck_assert_ptr_nonnull(afg);
  ck_assert_int_eq(afg->kind, UNKG_VOTE_YES);
  ck_assert_str_eq(afg->name, "AFGHANISTAN");
}
END_TEST

START_TEST(sponsors)
{
  doc = load("75_277_E.xml");
  /* 69 on the draft A/75/L.82, 16 more later (the UN's data extract agrees). */
  size_t first = 0, later = 0;
  bool   civ = false;
  for (size_t i = 0; i < doc->akn.n_sponsors; ++i) {
    ck_assert_msg(doc->akn.sponsors[i].state != NULL, "sponsor %s unresolved",
                  doc->akn.sponsors[i].name);
    first += !doc->akn.sponsors[i].additional;
    later += doc->akn.sponsors[i].additional;
    /* written "Côte d’Ivoire", with a curly apostrophe */
    civ = civ || !strcmp(doc->akn.sponsors[i].state->iri, S("CIV"));
  }
  ck_assert_uint_eq(first, 69);
  ck_assert_uint_eq(later, 16);
  ck_assert(civ);
  ck_assert_ptr_null(doc->akn.sponsor_note);
  ck_assert_uint_eq(warnings.len, 0);
}
END_TEST

/* ---- the Chinese expression of the same resolution -------------------------- */

START_TEST(chinese_expression)
{
  doc = load("75_277_C.xml");
  ck_assert_str_eq(doc->lang, "zh");
  ck_assert_str_eq(doc->symbol, "A/RES/75/277");
  ck_assert_int_eq(doc->session, 75); /* 第七十五届会议: no value attribute */
  ck_assert_str_eq(doc->agenda_item, "135");
  ck_assert_int_eq(doc->res.meeting, 66);
  ck_assert_str_eq(doc->res.formula, "大会，");
  /* Bold "重申尊重": the run takes in the object's verb, the lead is the
   * lexicon's reading, as the text reader has it. */
  expect_lead("pp/1", "重申", V("reaffirm"), NULL);
  expect_lead("pp/3", "又回顾", V("recall"), V("also"));
  expect_lead("op/1", "决定", V("decide"), NULL);
  expect_lead("op/2", "请", V("request"), NULL);
  ck_assert_str_eq(part("fn/1")->text, "第60/1号决议。");
  ck_assert(cites(part("fn/1"), "A/RES/60/1"));
  /* voters are written in English in every language */
  ck_assert_int_eq(vote_of(S("CHN"))->kind, UNKG_VOTE_NO);
  ck_assert_uint_eq(doc->akn.n_votes, 193);
}
END_TEST

START_TEST(languages_share_paths)
{
  UnkgDoc* en = load("75_277_E.xml");
  doc         = load("75_277_C.xml");
  ck_assert_uint_eq(en->n_parts, doc->n_parts);
  for (size_t i = 0; i < en->n_parts; ++i) {
    ck_assert_str_eq(en->parts[i].path, doc->parts[i].path);
    ck_assert_int_eq(en->parts[i].kind, doc->parts[i].kind);
  }
  unkg_doc_free(en);
}
END_TEST

/* ---- A/RES/75/19: one unnumbered operative paragraph, a committee report --- */

START_TEST(single_unnumbered_paragraph)
{
  doc = load("75_19_E.xml");
  ck_assert_str_eq(doc->symbol, "A/RES/75/19");
  ck_assert_str_eq(doc->agenda_item, "3 (b)");
  ck_assert_str_eq(doc->res.committee_report, "A/75/606");
  ck_assert_ptr_null(doc->res.draft);
  ck_assert_str_eq(doc->akn.vote_outcome, "adoptedWithoutVote");
  ck_assert_int_eq(doc->akn.recorded, 0);
  ck_assert_uint_eq(doc->akn.n_votes, 0);
  ck_assert_int_eq(doc->res.meeting, 33);
  ck_assert_uint_eq(doc->akn.n_sponsors, 0);
  ck_assert_str_eq(doc->akn.sponsor_note, "on the basis of the report of the Credentials Committee");
  expect_lead("pp/1", "Having considered", V("have-considered"), NULL);
  expect_lead("op/1", "Approves", V("approve"), NULL);
  ck_assert_ptr_null(part("op/1")->num);
  ck_assert(cites(part("fn/1"), "A/75/606"));
}
END_TEST

START_TEST(chinese_agenda_and_broken_link)
{
  doc = load("75_19_C.xml");
  ck_assert_str_eq(doc->agenda_item, "3 (b)"); /* 议程项目3(b) */
  /* verbs.ttl files 核准 under appropriate (its majority reading) */
  expect_lead("op/1", "核准", V("appropriate"), NULL);
  /* The file links the text A/75/606 to A/74/572: both are cited, and the
   * slip is reported. */
  ck_assert(cites(part("fn/1"), "A/74/572"));
  ck_assert(cites(part("fn/1"), "A/75/606"));
  ck_assert_ptr_nonnull(
    strstr(warnings.data, "75_19_C.xml:129: link text A/75/606 but target A/74/572"));
}
END_TEST

/* ---- A/RES/75/283: lists and points ---------------------------------------- */

START_TEST(lists_and_points)
{
  doc = load("75_283_E.xml");
  expect_lead("op/4", "Further decides", V("decide"), V("further"));
  const UnkgPart* d = part("op/4/d");
  ck_assert_int_eq(d->kind, UNKG_PART_ITEM);
  ck_assert_str_eq(d->num, "d");
  ck_assert_uint_eq(d->ordinal, 4);
  ck_assert_str_eq(doc->parts[d->parent].path, "op/4");
  ck_assert(unkg_starts_with(d->text, "In order to promote interactive and substantive discussions"));
  ck_assert_uint_eq(d->n_notes, 1);
  ck_assert_str_eq(d->notes[0], "4");
  ck_assert(cites(part("fn/4"), "A/INF/75/3/Rev.1"));
  ck_assert_ptr_nonnull(tu_part(doc, "op/2/c"));
  ck_assert_ptr_null(tu_part(doc, "op/2/d"));
}
END_TEST

/* ---- structure the fixtures do not show, in small made-up files ------------ */

#define AKN_OPEN                                                                                   \
  "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">"                        \
  "<statement name=\"resolution\"><meta><identification><FRBRWork>"                                \
  "<FRBRuri value=\"/akn/un/statement/deliberation/unga/2020-12-01/75-990/\"/></FRBRWork>"         \
  "<FRBRExpression><FRBRlanguage language=\"%s\"/></FRBRExpression></identification></meta>"       \
  "<coverPage><p><docNumber refersTo=\"#symbol\">A/RES/75/990</docNumber></p></coverPage>"

static UnkgDoc*
made_up(const char* lang, const char* body)
{
  UnkgBuf b = {0};
  ck_assert_int_eq(unkg_buf_printf(&b, AKN_OPEN "%s</statement></akomaNtoso>", lang, body), UNKG_OK);
  UnkgStatus st;
  UnkgDiag   d   = {0};
  UnkgDoc*   out = read_xml("made-up.xml", b.data, b.len, &st, &d);
  unkg_buf_clear(&b);
  ck_assert_msg(out != NULL, "%s", d.msg);
  return out;
}

START_TEST(sublists_and_headings)
{
  doc               = made_up("eng",
                              "<mainBody><section><subheading>I</subheading><subheading>General</subheading>"
                                            "<paragraph><num>1.</num><list><intro><p><span class=\"italic\">Decides</span>:</p>"
                                            "</intro><point><num>(a)</num><content><p>First;</p></content></point>"
                                            "<sublist><point><num>(i)</num><content><p>One;</p></content></point>"
                                            "<point><num>(ii)</num><content><p>Two;</p></content></point></sublist>"
                                            "<point><num>(b)</num><content><p>Second.</p></content></point></list></paragraph>"
                                            "</section><paragraph><content><p>2.\xE2\x80\x8E <span class=\"italic\">Requests</span>"
                                            " the Secretary-General to report;</p></content></paragraph></mainBody>");
  const UnkgPart* h = part("text/1");
  /* two headings, one part, numbered by the first */
  ck_assert_str_eq(h->num, "I");
  ck_assert_str_eq(h->text, "General");
  ck_assert_str_eq(part("op/1/a/ii")->text, "Two;");
  ck_assert_str_eq(doc->parts[part("op/1/a/ii")->parent].path, "op/1/a");
  ck_assert_str_eq(doc->parts[part("op/1/b")->parent].path, "op/1");
  /* the number the markup left in the text */
  expect_lead("op/2", "Requests", V("request"), NULL);
  ck_assert_str_eq(part("op/2")->text, "Requests the Secretary-General to report;");
}
END_TEST

/* 76/246 (every language) puts its sections' preambles, crossHeadings, and
 * in most languages its section titles, subheadings, in the mainBody itself,
 * outside any section; read as inside a section.  Cut from
 * A_RES_76_246-2119713C.xml and -E.xml (section I: the title, two preambular
 * paragraphs, the second with note 1, paragraph 1). */
START_TEST(crossheadings_directly_in_the_body)
{
  doc = made_up("zho", "<mainBody><paragraph><content><p>\t\t一</p></content></paragraph>"
                       "<paragraph><content><p>\t\t关于2020年方案预算的财务执行情况报告</p></content>"
                       "</paragraph><crossHeading refersTo=\"#preamble\"><span class=\"bold\">回顾"
                       "</span>其2017年12月24日第72/266 A号决议，</crossHeading>"
                       "<crossHeading refersTo=\"#preamble\"><span class=\"bold\">审议了</span>"
                       "秘书长关于2020年方案预算的财务执行情况报告<authorialNote marker=\"1\" "
                       "placement=\"bottom\"><p>\t\tA/76/347。</p></authorialNote>，</crossHeading>"
                       "<paragraph><num>1.</num><content><p>\t<span class=\"bold\">表示注意到</span>"
                       "秘书长的报告；</p></content></paragraph></mainBody>");
  /* the two headings one part, as in a section, numbered by the first */
  ck_assert_str_eq(part("text/1")->num, "一");
  ck_assert_str_eq(part("text/1")->text, "关于2020年方案预算的财务执行情况报告");
  ck_assert_str_eq(part("pp/1")->text, "回顾其2017年12月24日第72/266 A号决议，");
  expect_lead("pp/1", "回顾", V("recall"), NULL);
  ck_assert_str_eq(part("pp/2")->lead, "审议了");
  ck_assert_str_eq(part("fn/1")->text, "A/76/347。");
  expect_lead("op/1", "表示注意到", V("take-note"), NULL);
  ck_assert_uint_eq(count(UNKG_PART_PREAMBULAR), 2);
  unkg_doc_free(doc);
  doc = made_up("eng", "<mainBody><subheading>\t\tI</subheading><subheading>\t\tFinancial "
                       "performance report on the programme budget for 2020</subheading>"
                       "<crossHeading refersTo=\"#preamble\"><span class=\"italic\">Recalling</span>"
                       " its resolution 72/266 A of 24 December 2017,</crossHeading>"
                       "<paragraph><num>1.</num><content><p>\t<span class=\"italic\">Takes note</span>"
                       " of the report of the Secretary-General; </p></content></paragraph></mainBody>");
  ck_assert_str_eq(part("text/1")->num, "I");
  ck_assert_str_eq(part("text/1")->text, "Financial performance report on the programme budget for 2020");
  expect_lead("pp/1", "Recalling", V("recall"), NULL);
  expect_lead("op/1", "Takes note", V("take-note"), NULL);
}
END_TEST

/* A Chinese heading element holds its section's numeral and title, set
 * apart by a space, where the English file has two ("II" | "Capacity-
 * building"): either way the numeral is the heading's number, as the text
 * reader reads the printed line or lines.  Cut from 75_239_C.xml
 * (subheading "二 能力建设"), 75_233_C.xml (a paragraph "一 一般准则") and
 * 75_239_E.xml. */
START_TEST(heading_numeral_in_the_same_element)
{
  doc = made_up("zho", "<mainBody><section><subheading>\t\t二 能力建设</subheading>"
                       "<paragraph><num>\t10.</num><content><p>\t<span class=\"bold\">确认</span>"
                       "协助发展中国家；</p></content></paragraph></section>"
                       "<paragraph><content><p xml:space=\"preserve\">\t\t一 一般准则</p></content>"
                       "</paragraph><paragraph><num>\t11.</num><content><p>\t<span class=\"bold\">"
                       "重申</span>基本特征；</p></content></paragraph></mainBody>");
  ck_assert_str_eq(part("text/1")->num, "二");
  ck_assert_str_eq(part("text/1")->text, "能力建设");
  ck_assert_str_eq(part("text/2")->num, "一");
  ck_assert_str_eq(part("text/2")->text, "一般准则");
  unkg_doc_free(doc);
  doc = made_up("eng", "<mainBody><section><subheading>\t\tII</subheading><subheading>\t\t"
                       "Capacity-building</subheading><paragraph><num>\t10.</num><content><p>\t"
                       "<span class=\"italic\">Recognizes</span> the need;</p></content></paragraph>"
                       "</section></mainBody>");
  ck_assert_str_eq(part("text/1")->num, "II");
  ck_assert_str_eq(part("text/1")->text, "Capacity-building");
}
END_TEST

/* Bold 对 before the object (对…表示关切: the verb comes after it) is no
 * lead phrase, as the text reader has it; one character the lexicon
 * reads (请) is. */
START_TEST(bold_dui_is_no_lead)
{
  doc = made_up("zho", "<preamble><container name=\"对\"><p><span class=\"bold\">对</span>"
                       "冲突的影响表示关切，</p></container>"
                       "<container name=\"回顾\"><p><span class=\"bold\">回顾</span>其决议，</p>"
                       "</container></preamble><mainBody><paragraph><num>1.</num><content><p>"
                       "<span class=\"bold\">对</span>报告表示满意；</p></content></paragraph>"
                       "<paragraph><num>2.</num><content><p><span class=\"bold\">请</span>"
                       "秘书长提出报告。</p></content></paragraph></mainBody>");
  ck_assert_ptr_null(part("pp/1")->lead);
  ck_assert_ptr_null(part("pp/1")->verb);
  expect_lead("pp/2", "回顾", V("recall"), NULL);
  ck_assert_ptr_null(part("op/1")->lead);
  expect_lead("op/2", "请", V("request"), NULL);
}
END_TEST

START_TEST(chinese_item_labels)
{
  /* ㈠ … and (十一) number sub-sub-items in Chinese: the same paths as
   * (i) … (xi) in English; (h) then (i) is a letter, not a numeral. */
  UnkgBuf body = {0};
  ck_assert_int_eq(unkg_buf_puts(&body,
                                 "<mainBody><paragraph><num>1.</num><content><p>"
                                 "<span class=\"bold\">请</span>秘书长：</p></content></paragraph>"
                                 "<paragraph><content><p>(a)\t甲；</p></content></paragraph>"),
                   UNKG_OK);
  static const char* roman[] = {"㈠", "㈡", "㈢", "㈣", "㈤",    "㈥",
                                "㈦", "㈧", "㈨", "㈩", "(十一)"};
  for (size_t i = 0; i < sizeof roman / sizeof *roman; ++i) {
    ck_assert_int_eq(unkg_buf_printf(&body,
                                     "<paragraph><content><p>\t%s\t项；</p></content>"
                                     "</paragraph>",
                                     roman[i]),
                     UNKG_OK);
  }
  for (char c = 'b'; c <= 'i'; ++c) {
    ck_assert_int_eq(unkg_buf_printf(&body,
                                     "<paragraph><content><p>(%c)\t乙；</p></content>"
                                     "</paragraph>",
                                     c),
                     UNKG_OK);
  }
  ck_assert_int_eq(unkg_buf_puts(&body, "</mainBody>"), UNKG_OK);
  doc = made_up("zho", body.data);
  unkg_buf_clear(&body);
  ck_assert_ptr_nonnull(tu_part(doc, "op/1/a/i"));
  ck_assert_ptr_nonnull(tu_part(doc, "op/1/a/x"));
  ck_assert_str_eq(part("op/1/a/xi")->text, "项；");
  ck_assert_str_eq(doc->parts[part("op/1/h")->parent].path, "op/1");
  ck_assert_str_eq(doc->parts[part("op/1/i")->parent].path, "op/1");
}
END_TEST

START_TEST(declared_language_checked)
{
  /* A file that says Spanish and is written in Chinese (75_274_C.xml). */
  doc = made_up("spa",
                "<preamble><container name=\"回顾\"><p>回顾其决议，</p></container></preamble>");
  ck_assert_str_eq(doc->lang, "zh");
  ck_assert_ptr_nonnull(strstr(warnings.data, "FRBRlanguage says es but the text is zh"));
}
END_TEST

/* ---- conclusions and agenda items in every markup and language ----------- */

static void
expect_agenda(const char* first, const char* second)
{
  ck_assert_uint_eq(doc->n_agenda_items, second ? 2 : 1);
  ck_assert_str_eq(doc->agenda_items[0], first);
  if (second) {
    ck_assert_str_eq(doc->agenda_items[1], second);
  }
}

START_TEST(conclusions_inline_arabic)
{
  /* <inline name="adoptionMeeting" title="54">الجلسة العامة 54 (المستأنفة)</inline>;
   * البندان 20 و 78 (أ أ): two items, the second with sub-item aa. */
  doc = load("conclusions-inline_A.xml");
  ck_assert_str_eq(doc->lang, "ar");
  ck_assert_int_eq(doc->res.meeting, 54);
  ck_assert_str_eq(doc->res.adoption_date, "2021-12-24");
  expect_agenda("20", "78 (aa)");
}
END_TEST

START_TEST(conclusions_location)
{
  /* <location refersTo="#adoptionMeeting">51st plenary meeting</location> */
  doc = load("conclusions-location_E.xml");
  ck_assert_int_eq(doc->res.meeting, 51);
  ck_assert_str_eq(doc->res.adoption_date, "2023-12-19");
  expect_agenda("71 (c)", NULL);
}
END_TEST

START_TEST(conclusions_number_in_title_only)
{
  /* "Cuadragésima octava sesión plenaria (continuación)", title "48a";
   * "Tema 103 aa) del programa" */
  doc = load("conclusions-resumed_S.xml");
  ck_assert_int_eq(doc->res.meeting, 48);
  expect_agenda("103 (aa)", NULL);
}
END_TEST

START_TEST(conclusions_without_meeting_markup)
{
  /* "12e séance plénière" as plain text before the docDate (whose day 9
   * must not be taken); "Points 20 et 78 a) de l’ordre du jour" */
  doc = load("conclusions-text_F.xml");
  ck_assert_int_eq(doc->res.meeting, 12);
  ck_assert_str_eq(doc->res.adoption_date, "2021-12-09");
  expect_agenda("20", "78 (a)");
}
END_TEST

START_TEST(conclusions_resumed_russian)
{
  /* "48‑е (возобновленное) пленарное заседание"; "Пункт 27 а)" with a
   * no-break space and a Cyrillic а */
  doc = load("conclusions-resumed_R.xml");
  ck_assert_str_eq(doc->lang, "ru");
  ck_assert_int_eq(doc->res.meeting, 48);
  expect_agenda("27 (a)", NULL);
}
END_TEST

/* ---- lead phrases in Arabic, French, Russian and Spanish ------------------- */

START_TEST(leads_in_four_languages)
{
  /* The modifier after the verb in each language; Arabic joins the
   * conjunction و to the first word (وإذ تشير كذلك = and recalling further). */
  static const struct {
    const char* file;
    const char* pp_lead;
    const char* modifier;
    const char* op_lead;
  } cases[] = {
    {"conclusions-inline_A.xml", "وإذ تشير كذلك", V("further"), "تقرر"},
    {"conclusions-text_F.xml", "Rappelant également", V("also"), "Décide"},
    {"conclusions-resumed_S.xml", "Recordando además", V("further"), "Decide"},
    {"conclusions-resumed_R.xml", "ссылаясь также", V("also"), "постановляет"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
    doc = load(cases[i].file);
    expect_lead("pp/1", cases[i].pp_lead, V("recall"), cases[i].modifier);
    expect_lead("op/1", cases[i].op_lead, V("decide"), NULL);
    unkg_doc_free(doc);
    doc = NULL;
  }
}
END_TEST

/* Forms that took another sense than the other languages' (issue 12):
 * each is read as the other languages read the same paragraph. */
#define OP(n, lead, rest)                                                                          \
  "<paragraph><num>" #n ".</num><content><p><span class=\"italic\">" lead "</span> " rest          \
  "</p></content></paragraph>"

START_TEST(same_sense_as_the_other_languages)
{
  /* "Also notes with concern": the label "note" does not hide the form */
  doc = made_up("eng", "<mainBody>" OP(1, "Also notes with concern", "the delay;")
                         OP(2, "Notes with particular concern", "the delay;") "</mainBody>");
  expect_lead("op/1", "Also notes with concern", V("note-with-concern"), V("also"));
  expect_lead("op/2", "Notes with particular concern", V("note-with-concern"), NULL);
  unkg_doc_free(doc);
  /* "Sait gré" is grateful, not "Sait" (knows); "S’engage" commits */
  doc = made_up("fra", "<mainBody>" OP(1, "Sait gré", "au Secrétaire général;")
                         OP(2, "S’engage", "à agir;")
                           OP(3, "Se déclare convaincue", "que;") "</mainBody>");
  expect_lead("op/1", "Sait gré", V("express-appreciation"), NULL);
  expect_lead("op/2", "S’engage", V("be-committed"), NULL);
  expect_lead("op/3", "Se déclare convaincue", V("be-convinced"), NULL);
  unkg_doc_free(doc);
  /* принимает alone adopts; the markup may cut "принимает к сведению"
   * (takes note) short, and the text reads on */
  doc = made_up("rus", "<mainBody>" OP(1, "принимает", "резолюцию;")
                         OP(2, "принимает", "к сведению доклад;") "</mainBody>");
  expect_lead("op/1", "принимает", V("adopt"), NULL);
  expect_lead("op/2", "принимает к сведению", V("take-note"), NULL);
}
END_TEST

START_TEST(arabic_marks_read_past)
{
  /* تحــث (urges) stretched with tatweel, تذكِّر (recalls) with its vowels */
  doc = made_up("ara",
                "<mainBody><paragraph><num>1 -</num><content><p>"
                "<span class=\"bold italic\">تحــث</span> الدول على التعاون؛</p></content>"
                "</paragraph><paragraph><num>2 -</num><content><p>"
                "<span class=\"bold italic\">تذكِّر</span> بقراراتها؛</p></content>"
                "</paragraph></mainBody>");
  expect_lead("op/1", "تحــث", V("urge"), NULL);
  expect_lead("op/2", "تذكِّر", V("recall"), NULL);
}
END_TEST

START_TEST(capitalised_form_ends_a_word)
{
  /* Spanish "Decide" is in the lexicon; English "Decided that" is no lead
   * verb (the form would end inside the word). */
  doc = made_up("eng",
                "<mainBody><paragraph><num>1.</num><content><p>"
                "<span class=\"italic\">Decided</span> that the meeting is closed;</p>"
                "</content></paragraph></mainBody>");
  ck_assert_ptr_null(part("op/1")->verb);
}
END_TEST

START_TEST(arabic_numbers_in_text)
{
  /* An Arabic file that prints every paragraph number in the text ("1 -")
   * numbers its paragraphs like the other languages: the unnumbered
   * "Adopts the following declaration:" before them is text/1 (not a
   * single unnumbered op/1 that pushes "1 -" to op/1-2), and so is a
   * separator "* * *"; a number between direction marks is a number. */
  doc = made_up("ara",
                "<mainBody><paragraph><content><p><span class=\"bold italic\">تعتمد</span>"
                " الإعلان التالي:</p></content></paragraph>"
                "<paragraph><content><p>1 -\tاجتمعنا نحن، رؤساء الدول والحكومات؛</p></content></paragraph>"
                "<paragraph><content><p>* * *</p></content></paragraph>"
                "<paragraph><content><p>2 -\tلقد ولدت الأمم المتحدة؛</p></content></paragraph>"
                /* direction marks around the number (U+200F) */
                "<paragraph><content><p>\xE2\x80\x8F" "3 -\xE2\x80\x8F\tتحث الدول؛</p></content></paragraph>"
                "</mainBody>");
  expect_lead("text/1", "تعتمد", V("adopt"), NULL);
  ck_assert_str_eq(part("op/1")->num, "1");
  ck_assert_str_eq(part("op/2")->num, "2");
  ck_assert_str_eq(part("text/2")->text, "* * *");
  ck_assert_ptr_null(tu_part(doc, "op/1-2"));
  ck_assert_str_eq(part("op/3")->num, "3");
  ck_assert_str_eq(part("op/3")->text, "تحث الدول؛");
}
END_TEST

START_TEST(number_alone_before_its_text)
{
  /* A number printed as a paragraph of its own, over an empty <p>, and its
   * text in the next, unnumbered paragraph (the French and Spanish files of
   * A/RES/76/258): one paragraph with that number, as the other languages
   * print it; a number with text of its own, or followed by a numbered
   * paragraph, stays as it was. */
  doc = made_up("fra",
                "<mainBody><paragraph><num>1.</num><content><p></p></content></paragraph>"
                "<paragraph><content><p><span class=\"italic\">Décide</span> de tenir une réunion;</p>"
                "</content></paragraph>"
                "<paragraph><num>2.</num><content><p></p></content></paragraph>"
                "<paragraph><num>3.</num><content><p><span class=\"italic\">Prie</span> le Secrétaire"
                " général;</p></content></paragraph>"
                "<paragraph><content><p>Texte sans numéro.</p></content></paragraph></mainBody>");
  expect_lead("op/1", "Décide", V("decide"), NULL);
  ck_assert_str_eq(part("op/1")->text, "Décide de tenir une réunion;");
  ck_assert_str_eq(part("op/2")->text, "");
  expect_lead("op/3", "Prie", V("request"), NULL);
  ck_assert_str_eq(part("text/1")->text, "Texte sans numéro.");
  ck_assert_ptr_null(tu_part(doc, "text/2"));
}
END_TEST

START_TEST(sublist_continuing_a_list)
{
  /* The Russian files' markup opens a sublist after a Cyrillic "с)" whose
   * points go on "d)", "e)": they are items d, e of the paragraph, as
   * printed and as in English; a sublist "ii)" after "i)" likewise, while
   * a sublist that starts anew ("i)" under "a)") stays under its item. */
  doc = made_up("rus",
                "<mainBody><paragraph><num>1.</num><list><intro><p>постановляет:</p></intro>"
                "<point><num>а)</num><content><p>первое;</p></content></point>"
                "<sublist><point><num>i)</num><content><p>подпункт;</p></content></point>"
                "<sublist><point><num>ii)</num><content><p>второй подпункт;</p></content></point>"
                "</sublist></sublist>"
                "<point><num>b)</num><content><p>второе;</p></content></point>"
                "<point><num>\xD1\x81)</num><content><p>третье;</p></content></point>"
                "<sublist><point><num>d)</num><content><p>четвертое;</p></content></point>"
                "<point><num>e)</num><content><p>пятое.</p></content></point></sublist>"
                "</list></paragraph></mainBody>");
  ck_assert_str_eq(part("op/1/a/i")->text, "подпункт;");
  ck_assert_str_eq(part("op/1/a/ii")->text, "второй подпункт;");
  ck_assert_str_eq(part("op/1/c")->text, "третье;");
  ck_assert_str_eq(part("op/1/d")->text, "четвертое;");
  ck_assert_str_eq(part("op/1/e")->text, "пятое.");
  ck_assert_ptr_null(tu_part(doc, "op/1/c/d"));
}
END_TEST

START_TEST(arabic_affirm_again_is_reaffirm)
{
  /* تؤكد alone is stress (emphasize, underline: one sense); with من جديد or
   * مجددا (again) it is reaffirm, as the English of the same paragraphs. */
  doc = made_up("ara",
                "<mainBody><paragraph><num>1 -</num><content><p>"
                "<span class=\"bold italic\">تؤكد</span> ضرورة التعاون؛</p></content></paragraph>"
                "<paragraph><num>2 -</num><content><p>"
                "<span class=\"bold italic\">تؤكد من جديد</span> أن التعاون ضروري؛</p></content></paragraph>"
                "<paragraph><num>3 -</num><content><p>"
                "<span class=\"bold italic\">تؤكد مجددا</span> أن التعاون ضروري؛</p></content></paragraph>"
                "</mainBody>");
  expect_lead("op/1", "تؤكد", V("stress"), NULL);
  expect_lead("op/2", "تؤكد من جديد", V("reaffirm"), NULL);
  expect_lead("op/3", "تؤكد مجددا", V("reaffirm"), NULL);
}
END_TEST

/* ---- a file without FRBRlanguage ------------------------------------------- */

#define AKN_NOLANG                                                                                 \
  "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">"                        \
  "<statement name=\"resolution\"><meta><identification><FRBRWork>"                                \
  "<FRBRuri value=\"/akn/un/statement/deliberation/unga/2025-12-01/80-990/\"/></FRBRWork>"         \
  "<FRBRExpression><FRBRuri value=\"%s\"/></FRBRExpression></identification></meta>"               \
  "<coverPage><p><docNumber refersTo=\"#symbol\">A/RES/80/990</docNumber></p></coverPage>"         \
  "<preamble><container name=\"%s\"><p>%s</p></container></preamble></statement></akomaNtoso>"

static UnkgDoc*
without_language(const char* name, const char* expr, const char* lead, UnkgDiag* d)
{
  UnkgBuf b = {0};
  ck_assert_int_eq(unkg_buf_printf(&b, AKN_NOLANG, expr, lead, lead), UNKG_OK);
  UnkgStatus st;
  UnkgDoc*   out = read_xml(name, b.data, b.len, &st, d);
  unkg_buf_clear(&b);
  return out;
}

START_TEST(language_from_expression_iri)
{
  UnkgDiag d = {0};
  doc = without_language("x_E.xml", "/akn/un/statement/deliberation/unga/2025-12-01/80-990/fra@/",
                         "Rappelant", &d);
  ck_assert_ptr_nonnull(doc);
  ck_assert_str_eq(doc->lang, "fr"); /* the IRI before the file name */
  ck_assert_ptr_nonnull(
    strstr(warnings.data, "no FRBRlanguage: language fr taken from the expression IRI"));
}
END_TEST

START_TEST(language_from_file_name)
{
  UnkgDiag d = {0};
  doc        = without_language("A_RES_80_990-2500001R.xml", "", "ссылаясь", &d);
  ck_assert_ptr_nonnull(doc);
  ck_assert_str_eq(doc->lang, "ru");
  ck_assert_ptr_nonnull(strstr(warnings.data, "language ru taken from the file name"));
}
END_TEST

START_TEST(language_from_script)
{
  UnkgDiag d = {0};
  doc        = without_language("resolution.xml", "", "إذ تشير", &d);
  ck_assert_ptr_nonnull(doc);
  ck_assert_str_eq(doc->lang, "ar");
  ck_assert_ptr_nonnull(strstr(warnings.data, "language ar taken from the script of the text"));
}
END_TEST

START_TEST(language_undetermined_refused)
{
  /* Latin script could be English, French or Spanish: no guess. */
  UnkgDiag d = {0};
  ck_assert_ptr_null(without_language("resolution.xml", "", "Recalling", &d));
  ck_assert_str_eq(d.file, "resolution.xml");
  ck_assert_ptr_nonnull(strstr(d.msg, "the language cannot be determined"));
}
END_TEST

/* ---- hostile and broken input ------------------------------------------------- */

START_TEST(billion_laughs_refused)
{
  UnkgDiag d = {0};
  ck_assert_int_eq(refuse("billion-laughs.xml", &d), UNKG_ERR_SYNTAX);
  ck_assert_str_eq(d.file, "billion-laughs.xml");
  ck_assert_uint_eq(d.line, 2);
  ck_assert_ptr_nonnull(strstr(d.msg, "DOCTYPE refused"));
}
END_TEST

START_TEST(external_entity_refused)
{
  UnkgDiag d = {0};
  ck_assert_int_eq(refuse("xxe.xml", &d), UNKG_ERR_SYNTAX);
  ck_assert_str_eq(d.file, "xxe.xml");
  ck_assert_uint_eq(d.line, 2);
  ck_assert_ptr_nonnull(strstr(d.msg, "DOCTYPE refused"));
}
END_TEST

START_TEST(truncated_refused)
{
  UnkgDiag d = {0};
  ck_assert_int_eq(refuse("truncated.xml", &d), UNKG_ERR_SYNTAX);
  ck_assert_str_eq(d.file, "truncated.xml");
  ck_assert_uint_eq(d.line, 53);
  ck_assert_ptr_nonnull(strstr(d.msg, "XML does not parse"));
}
END_TEST

START_TEST(too_deep_refused)
{
  UnkgBuf b = {0};
  ck_assert_int_eq(unkg_buf_puts(&b, "<akomaNtoso>\n<statement name=\"resolution\">"), UNKG_OK);
  for (int i = 0; i < UNKG_AKN_MAX_DEPTH + 10; ++i) {
    ck_assert_int_eq(unkg_buf_puts(&b, "<p>"), UNKG_OK);
  }
  for (int i = 0; i < UNKG_AKN_MAX_DEPTH + 10; ++i) {
    ck_assert_int_eq(unkg_buf_puts(&b, "</p>"), UNKG_OK);
  }
  ck_assert_int_eq(unkg_buf_puts(&b, "</statement></akomaNtoso>"), UNKG_OK);
  UnkgStatus st;
  UnkgDiag   d = {0};
  ck_assert_ptr_null(read_xml("deep.xml", b.data, b.len, &st, &d));
  unkg_buf_clear(&b);
  ck_assert_int_eq(st, UNKG_ERR_LIMIT);
  ck_assert_uint_eq(d.line, 2);
}
END_TEST

START_TEST(not_akoma_ntoso)
{
  static const char xhtml[] = "<?xml version=\"1.0\"?>\n<html><body><p>Hello</p></body></html>\n";
  UnkgStatus        st;
  UnkgDiag          d = {0};
  ck_assert_ptr_null(read_xml("page.xml", xhtml, sizeof xhtml - 1, &st, &d));
  ck_assert_int_eq(st, UNKG_ERR_GENRE);
  ck_assert_ptr_nonnull(strstr(d.msg, "not Akoma Ntoso"));
}
END_TEST

START_TEST(detection_by_content)
{
  UnkgSource*   src = NULL;
  UnkgDiag      d   = {0};
  const UnkgCtx c   = tu_ctx("x", &d);
  ck_assert_int_eq(unkg_source_from_bytes(&c, "x.txt", "\xEF\xBB\xBF  \n<akomaNtoso/>", 19, &src),
                   UNKG_OK);
  ck_assert(unkg_akn_detect(src));
  unkg_source_free(src);
  ck_assert_int_eq(unkg_source_from_bytes(&c, "x.xml", "大会，\n<b>", 13, &src), UNKG_OK);
  ck_assert(!unkg_akn_detect(src));
  unkg_source_free(src);
}
END_TEST

int
main(void)
{
  Suite* s  = suite_create("akn");
  TCase* tc = tcase_create("fixtures");
  tcase_add_checked_fixture(tc, NULL, teardown);
  tcase_add_test(tc, cover_and_identification);
  tcase_add_test(tc, paragraphs_and_leads);
  tcase_add_test(tc, footnote_with_citation);
  tcase_add_test(tc, recorded_vote);
  tcase_add_test(tc, sponsors);
  tcase_add_test(tc, chinese_expression);
  tcase_add_test(tc, languages_share_paths);
  tcase_add_test(tc, single_unnumbered_paragraph);
  tcase_add_test(tc, chinese_agenda_and_broken_link);
  tcase_add_test(tc, lists_and_points);
  suite_add_tcase(s, tc);
  TCase* tm = tcase_create("made-up");
  tcase_add_checked_fixture(tm, NULL, teardown);
  tcase_add_test(tm, sublists_and_headings);
  tcase_add_test(tm, crossheadings_directly_in_the_body);
  tcase_add_test(tm, heading_numeral_in_the_same_element);
  tcase_add_test(tm, chinese_item_labels);
  tcase_add_test(tm, bold_dui_is_no_lead);
  tcase_add_test(tm, declared_language_checked);
  tcase_add_test(tm, conclusions_inline_arabic);
  tcase_add_test(tm, conclusions_location);
  tcase_add_test(tm, conclusions_number_in_title_only);
  tcase_add_test(tm, conclusions_without_meeting_markup);
  tcase_add_test(tm, conclusions_resumed_russian);
  tcase_add_test(tm, leads_in_four_languages);
  tcase_add_test(tm, arabic_marks_read_past);
  tcase_add_test(tm, same_sense_as_the_other_languages);
  tcase_add_test(tm, capitalised_form_ends_a_word);
  tcase_add_test(tm, arabic_numbers_in_text);
  tcase_add_test(tm, number_alone_before_its_text);
  tcase_add_test(tm, sublist_continuing_a_list);
  tcase_add_test(tm, arabic_affirm_again_is_reaffirm);
  tcase_add_test(tm, language_from_expression_iri);
  tcase_add_test(tm, language_from_file_name);
  tcase_add_test(tm, language_from_script);
  tcase_add_test(tm, language_undetermined_refused);
  suite_add_tcase(s, tm);
  TCase* th = tcase_create("hostile");
  tcase_add_checked_fixture(th, NULL, teardown);
  tcase_add_test(th, billion_laughs_refused);
  tcase_add_test(th, external_entity_refused);
  tcase_add_test(th, truncated_refused);
  tcase_add_test(th, too_deep_refused);
  tcase_add_test(th, not_akoma_ntoso);
  tcase_add_test(th, detection_by_content);
  suite_add_tcase(s, th);
  return tu_run(s);
}
