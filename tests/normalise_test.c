/* The normaliser, one test per artefact of PDF extraction. */
#include "buf.h"
#include "normalise.h"
#include "text.h"
#include "testutil.h"

#include <check.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>

static UnkgSource* src;
static UnkgText*   text;

static void
teardown(void)
{
  unkg_text_free(text);
  unkg_source_free(src);
  text = NULL;
  src  = NULL;
}

static const UnkgBlock*
block(size_t i)
{
  ck_assert_uint_gt(text->n_blocks, i);
  return &text->blocks[i];
}

/* A line of n copies of a CJK character: 2 columns each. */
static void
cjk_line(UnkgBuf* b, const char* ch, int n)
{
  for (int i = 0; i < n; ++i) {
    unkg_buf_puts(b, ch);
  }
}

START_TEST(bom_crlf_trailing_blank_runs)
{
  const char* in = "\xEF\xBB\xBF第一段。  \r\n\r\n\r\n\r\n第二段。\t \r\n";
  text           = tu_normalise("t", in, &src);
  ck_assert_uint_eq(text->n_blocks, 2);
  ck_assert_str_eq(block(0)->text, "第一段。");
  ck_assert_str_eq(block(1)->text, "第二段。");
  /* Offsets count the BOM: the first character is at byte 3. */
  ck_assert_uint_eq(block(0)->map[0], 3);
  ck_assert_uint_eq(block(1)->map[0], (size_t)(strstr(in, "第二段") - in));
  ck_assert_uint_eq(block(1)->line, 5);
  /* The end offset is just past the last character, before the spaces. */
  ck_assert_uint_eq(block(0)->map[block(0)->len], (size_t)(strstr(in, "  \r\n") - in));
}
END_TEST

/* A block's text and map are made to size (normalise.c, emit_block):
 * made for four bytes a character, an ASCII paragraph's text held four
 * times its length until the reader was done with it.  glibc says how
 * large a block of the heap is (malloc_usable_size: the size asked for,
 * rounded up to 16 bytes, less 8). */
START_TEST(block_text_and_map_made_to_size)
{
  UnkgBuf in = {0};
  for (int i = 0; i < 100; ++i) {
    unkg_buf_puts(&in, "The General Assembly ");
  }
  unkg_buf_puts(&in, "recalls. \n\n第一段。\n");
  text = tu_normalise("t", in.data, &src);
  unkg_buf_clear(&in);
  ck_assert_uint_eq(text->n_blocks, 2);
  ck_assert_uint_eq(block(0)->len, 100 * 21 + strlen("recalls."));
  ck_assert_str_eq(block(1)->text, "第一段。");
#ifdef __GLIBC__
  for (size_t i = 0; i < 2; ++i) {
    size_t len = block(i)->len;
    ck_assert_uint_lt(malloc_usable_size(block(i)->text), len + 1 + 16);
    ck_assert_uint_lt(malloc_usable_size(block(i)->map), (len + 1) * sizeof(uint32_t) + 16);
  }
#endif
}
END_TEST

START_TEST(cr_only_line_ends)
{
  text = tu_normalise("t", "甲。\r乙。\r", &src);
  ck_assert_uint_eq(text->n_blocks, 2);
  ck_assert_str_eq(block(1)->text, "乙。");
  ck_assert_uint_eq(block(1)->line, 2);
}
END_TEST

/* A report-like page: lines wrapped at 70 columns, a blank line after
 * each, paragraphs indented by one space. */
static char*
wrapped_page(void)
{
  UnkgBuf b = {0};
  unkg_buf_puts(&b, " ");
  cjk_line(&b, "甲", 34);
  unkg_buf_puts(&b, "\n\n");
  cjk_line(&b, "乙", 35);
  unkg_buf_puts(&b, "\n\n");
  cjk_line(&b, "丙", 35);
  unkg_buf_puts(&b, "\n\n结束。\n\n成就\n\n");
  /* Second paragraph: a word split by a page break with its header lines. */
  unkg_buf_puts(&b, " ");
  cjk_line(&b, "丁", 30);
  unkg_buf_puts(&b, "联合王国欢迎欧洲安\n\n\n\n A/72/315 \n\n \n\n9/24 17-13876 (C) \n\n \n\n");
  unkg_buf_puts(&b, " 全与合作组织的建议");
  cjk_line(&b, "戊", 26);
  unkg_buf_puts(&b, "\n\n");
  cjk_line(&b, "己", 35);
  unkg_buf_puts(&b, "\n\n的工作。\n");
  return unkg_buf_take(&b);
}

START_TEST(hard_wraps_headers_and_split_word)
{
  char* in = wrapped_page();
  text     = tu_normalise("t", in, &src);
  ck_assert_uint_eq(text->page_width, 70);
  ck_assert_str_eq(text->running_symbol, "A/72/315");
  ck_assert_uint_eq(text->n_blocks, 3);
  /* Chinese lines are joined without a space. */
  ck_assert_ptr_nonnull(strstr(block(0)->text, "甲乙"));
  ck_assert_ptr_nonnull(strstr(block(0)->text, "丙结束。"));
  ck_assert(block(0)->flags & UNKG_BLOCK_INDENTED);
  /* A short line between paragraphs stands alone (a heading). */
  ck_assert_str_eq(block(1)->text, "成就");
  /* The page header is gone and the split word is whole again. */
  ck_assert_ptr_nonnull(strstr(block(2)->text, "欧洲安全与合作组织"));
  ck_assert_ptr_null(strstr(block(2)->text, "A/72/315"));
  ck_assert_ptr_null(strstr(block(2)->text, "17-13876"));
  ck_assert_ptr_nonnull(strstr(block(2)->text, "己的工作。"));
  /* The map points into the source across the header. */
  const char* t = block(2)->text;
  size_t      q = (size_t)(strstr(t, "全与合作") - t);
  ck_assert_uint_eq(block(2)->map[q], (size_t)(strstr(in, "全与合作") - in));
  free(in);
}
END_TEST

START_TEST(page_break_without_header_lines)
{
  /* The headers were lost: the continuation line comes straight after,
   * indented, with no blank line, while the page has blank lines between
   * all other lines. */
  UnkgBuf b = {0};
  for (int i = 0; i < 4; ++i) {
    cjk_line(&b, "甲", 35);
    unkg_buf_puts(&b, "\n\n");
  }
  cjk_line(&b, "乙", 31);
  unkg_buf_puts(&b, "欧洲安\n 全与合作组织。\n\n 新段落。\n");
  char* in = unkg_buf_take(&b);
  text     = tu_normalise("t", in, &src);
  ck_assert_uint_eq(text->n_blocks, 2);
  ck_assert_ptr_nonnull(strstr(block(0)->text, "欧洲安全与合作组织。"));
  ck_assert_str_eq(block(1)->text, "新段落。");
  free(in);
}
END_TEST

START_TEST(latin_words_joined_with_one_space)
{
  UnkgBuf b = {0};
  for (int i = 0; i < 5; ++i) {
    unkg_buf_puts(&b, "The General Assembly recalls its earlier resolutions on the matter and\n");
  }
  unkg_buf_puts(&b, "notes the report.\n");
  char* in = unkg_buf_take(&b);
  text     = tu_normalise("t", in, &src);
  ck_assert_uint_eq(text->n_blocks, 1);
  ck_assert_ptr_nonnull(strstr(block(0)->text, "matter and The General"));
  ck_assert_ptr_nonnull(strstr(block(0)->text, "and notes the report."));
  ck_assert_ptr_null(strstr(block(0)->text, "  "));
  free(in);
}
END_TEST

START_TEST(footnote_marker_and_body)
{
  const char* in =
    "铭记会议的成果，¹ 并回顾其决议，\n\n¹ 见 A/C.2/59/3 和 A/60/687。\n\n"
    "欢迎 2013 年⁴ 和 2015 年报告³ 的结论，\n";
  text = tu_normalise("t", in, &src);
  ck_assert_uint_eq(text->n_blocks, 3);
  ck_assert_str_eq(block(0)->text, "铭记会议的成果，并回顾其决议，");
  ck_assert_uint_eq(block(0)->n_marks, 1);
  ck_assert_str_eq(block(0)->marks[0].label, "1");
  ck_assert_uint_eq(block(0)->marks[0].pos, strlen("铭记会议的成果，"));
  ck_assert(block(1)->flags & UNKG_BLOCK_FOOTNOTE);
  ck_assert_str_eq(block(1)->label, "1");
  ck_assert_str_eq(block(1)->text, "见A/C.2/59/3和A/60/687。");
  ck_assert_str_eq(block(2)->text, "欢迎2013年和2015年报告的结论，");
  ck_assert_uint_eq(block(2)->n_marks, 2);
  ck_assert_str_eq(block(2)->marks[0].label, "4");
  ck_assert_str_eq(block(2)->marks[1].label, "3");
  ck_assert_uint_eq(block(2)->marks[1].pos, strlen("欢迎2013年和2015年报告"));
}
END_TEST

START_TEST(footnote_body_inside_a_wrapped_paragraph)
{
  UnkgBuf b = {0};
  for (int i = 0; i < 4; ++i) {
    cjk_line(&b, "甲", 35);
    unkg_buf_puts(&b, "\n");
  }
  cjk_line(&b, "乙", 34);
  unkg_buf_puts(&b, "报告²\n² A/70/174。\n");
  unkg_buf_puts(&b, "的结论。\n");
  char* in = unkg_buf_take(&b);
  text     = tu_normalise("t", in, &src);
  ck_assert_uint_eq(text->n_blocks, 2);
  ck_assert_ptr_nonnull(strstr(block(0)->text, "乙报告的结论。"));
  ck_assert_uint_eq(block(0)->n_marks, 1);
  ck_assert(block(1)->flags & UNKG_BLOCK_FOOTNOTE);
  ck_assert_str_eq(block(1)->text, "A/70/174。");
  free(in);
}
END_TEST

/* Real pdftotext prints markers as plain digits.  A date's month or day
 * at a line's end or start (2015 年 1 / 1 月) and an item of a list of
 * numbers are not markers, the digits after the note's word are. */
START_TEST(plain_digit_markers_beside_dates_and_lists)
{
  UnkgBuf b = {0};
  for (int i = 0; i < 4; ++i) {
    cjk_line(&b, "甲", 38);
    unkg_buf_puts(&b, "\n");
  }
  cjk_line(&b, "乙", 20);
  unkg_buf_puts(&b, "又重申其关于《行动议程》的 2015 年 1\n"
                    "月 27 日第 69/313 号决议， 1 该议程是有机组成部分，支持");
  cjk_line(&b, "乙", 10);
  unkg_buf_puts(&b, "\n");
  cjk_line(&b, "丙", 25);
  unkg_buf_puts(&b, "，目标 9、2、16 和 2016 年\n2 月 3 日的决定， 2 ");
  cjk_line(&b, "丙", 28);
  unkg_buf_puts(&b, "\n");
  cjk_line(&b, "丁", 20);
  unkg_buf_puts(&b, "。\n1 第 69/313 号决议，附件。\n2 第 70/1 号决定。\n\n20-12345 2/9\n");
  char* in = unkg_buf_take(&b);
  text     = tu_normalise("t", in, &src);
  ck_assert_uint_eq(text->n_blocks, 3);
  ck_assert_ptr_nonnull(strstr(block(0)->text, "的2015年1月27日第69/313号决议，该议程"));
  ck_assert_ptr_nonnull(strstr(block(0)->text, "，目标9、2、16和2016年2月3日的决定，丙"));
  ck_assert_uint_eq(block(0)->n_marks, 2);
  ck_assert_str_eq(block(0)->marks[0].label, "1");
  ck_assert_str_eq(block(0)->marks[1].label, "2");
  ck_assert(block(1)->flags & UNKG_BLOCK_FOOTNOTE);
  ck_assert_str_eq(block(1)->text, "第69/313号决议，附件。");
  ck_assert_str_eq(block(2)->text, "第70/1号决定。");
  free(in);
}
END_TEST

/* A note numbered past a gap (the XML of 76/266 numbers its notes 1, 2,
 * 3, 8, and so its print): taken where the page's text holds its marker
 * ("…非洲移民观察站，8 以及…") and not that of the note expected next (4).
 * The second page from 76/266's pdftotext output, the first page made up. */
START_TEST(note_numbered_past_a_gap)
{
  UnkgBuf b = {0};
  for (int n = 1; n <= 3; ++n) {
    cjk_line(&b, "甲", 38);
    unkg_buf_printf(&b, "\n");
    cjk_line(&b, "乙", 20);
    unkg_buf_printf(&b, "的报告， %d 并", n);
    cjk_line(&b, "乙", 12);
    unkg_buf_puts(&b, "\n");
  }
  cjk_line(&b, "丁", 20);
  unkg_buf_puts(&b, "。\n1 A/76/1。\n2 A/76/2。\n3 A/76/3。\n\n22-08884 7/12\n\nA/RES/76/266\n\n"
                    "45. 改进分类移民数据的收集和使用方面取得了进展，包括建立了移民数据及知识\n"
                    "中心和观察站，如非洲移民观察站，8 以及促进移民数据双边和区域交流和举措。\n"
                    "46. 疫情期间，许多会员国，包括地方政府，以及民间社会组织和其他相关利益攸\n"
                    "关方推出了提高认识举措。\n"
                    "8 非洲移民观察站是根据非洲联盟大会 Assembly/AU/Dec.695(XXXI)号决定设立的一个非洲联\n"
                    "盟机构。\n\n8/12 22-08884\n");
  char* in = unkg_buf_take(&b);
  text     = tu_normalise("t", in, &src);
  const UnkgBlock* note = NULL;
  const UnkgBlock* p45  = NULL;
  for (size_t i = 0; i < text->n_blocks; ++i) {
    if (strstr(text->blocks[i].text, "非洲移民观察站是根据")) {
      note = &text->blocks[i];
    } else if (strstr(text->blocks[i].text, "观察站，以及")) {
      p45 = &text->blocks[i];
    }
  }
  ck_assert_ptr_nonnull(note);
  ck_assert(note->flags & UNKG_BLOCK_FOOTNOTE);
  ck_assert(unkg_starts_with(note->text, "非洲移民观察站"));
  ck_assert_ptr_nonnull(p45); /* the marker left the text */
  ck_assert_uint_eq(p45->n_marks, 1);
  ck_assert_str_eq(p45->marks[0].label, "8");
  free(in);
}
END_TEST

/* A marker set off by the spaces of a justified line before a word that
 * opens with a unit (分摊: 分), with its note at the page foot
 * (A/RES/75/299, op/44): the note's number, not a quantity. */
START_TEST(spaced_marker_before_a_unit_word)
{
  UnkgBuf b = {0};
  for (int i = 0; i < 3; ++i) {
    cjk_line(&b, "甲", 38);
    unkg_buf_puts(&b, "\n");
  }
  unkg_buf_puts(&b, "44. 又决定由会员国按照分摊比额表和更新的缴款等级 5 分摊 16 448 116 美\n"
                    "元，充作期间的经费；\n");
  cjk_line(&b, "乙", 20);
  unkg_buf_puts(&b, "。\n5 尚待大会通过。\n\n20-12345 2/9\n");
  char* in = unkg_buf_take(&b);
  text     = tu_normalise("t", in, &src);
  ck_assert_uint_eq(text->n_blocks, 4); /* 甲…, 44. …；, 乙…。, the note */
  ck_assert_ptr_nonnull(strstr(block(1)->text, "更新的缴款等级分摊16448116美元，充作"));
  ck_assert_uint_eq(block(1)->n_marks, 1);
  ck_assert_str_eq(block(1)->marks[0].label, "5");
  ck_assert(block(3)->flags & UNKG_BLOCK_FOOTNOTE);
  ck_assert_str_eq(block(3)->text, "尚待大会通过。");
  free(in);
}
END_TEST

/* A marker pdftotext glues to a resolution's number (75/192: "第 71/2057
 * 和 72/190 号决议" for 71/205 and note 7): a session's resolutions have
 * three digits at most.  A document's four digits (S/2017/1234) stay. */
START_TEST(marker_glued_to_a_resolution_number)
{
  UnkgBuf b = {0};
  for (int i = 0; i < 3; ++i) {
    cjk_line(&b, "甲", 38);
    unkg_buf_puts(&b, "\n");
  }
  unkg_buf_puts(&b, "又欢迎高级专员办事处根据第 71/2057 和 72/190 号决议提交的报告，见\n"
                    "S/2017/1234。\n");
  cjk_line(&b, "乙", 20);
  unkg_buf_puts(&b, "。\n7 见 A/72/498。\n\n20-12345 2/9\n");
  char* in = unkg_buf_take(&b);
  text     = tu_normalise("t", in, &src);
  ck_assert_uint_eq(text->n_blocks, 3); /* 甲…又欢迎…。, 乙…。, the note */
  ck_assert_ptr_nonnull(strstr(block(0)->text, "根据第71/205和72/190号决议提交的报告，见S/2017/1234。"));
  ck_assert_uint_eq(block(0)->n_marks, 1);
  ck_assert_str_eq(block(0)->marks[0].label, "7");
  ck_assert(block(2)->flags & UNKG_BLOCK_FOOTNOTE);
  ck_assert_str_eq(block(2)->text, "见A/72/498。");
  free(in);
}
END_TEST

/* A marker glued to a number that can be read without it (75/186: "第
 * 39/176 号" for 39/17 and note 6, with notes 5 and 7 on either side):
 * taken only when note 6's marker is nowhere else on the page.  A number
 * that keeps its three digits (70/123 with no note 3) stays whole. */
START_TEST(marker_glued_to_a_shorter_number)
{
  UnkgBuf b = {0};
  for (int i = 0; i < 3; ++i) {
    cjk_line(&b, "甲", 38);
    unkg_buf_puts(&b, "\n");
  }
  unkg_buf_puts(&b, "第 33/15 号 、 5 2018 年 9 月 28 日 第 39/176 号 和 2020 年 10 月 6 日 第\n"
                    "45/22 号决议，7 回顾第 70/123 号决议，\n");
  cjk_line(&b, "乙", 20);
  unkg_buf_puts(&b, "。\n5 见 A/73/53。\n6 同上，第三章。\n7 同上，第四章。\n\n20-12345 2/9\n");
  char* in = unkg_buf_take(&b);
  text     = tu_normalise("t", in, &src);
  ck_assert_uint_eq(text->n_blocks, 5); /* 甲…，, 乙…。, three notes */
  ck_assert_ptr_nonnull(
    strstr(block(0)->text, "第33/15号、2018年9月28日第39/17号和2020年10月6日第45/22号决议，回顾第70/123号决议，"));
  ck_assert_uint_eq(block(0)->n_marks, 3);
  ck_assert_str_eq(block(0)->marks[0].label, "5");
  ck_assert_str_eq(block(0)->marks[1].label, "6");
  ck_assert_str_eq(block(0)->marks[2].label, "7");
  ck_assert_str_eq(block(3)->text, "同上，第三章。");
  free(in);
}
END_TEST

/* A note whose number pdftotext prints below the page's notes (76/119:
 * note 3's text set apart by a blank line above "4 见…", then "3" alone):
 * the text is note 3, its marker in the body is taken out. */
START_TEST(note_number_printed_after_its_text)
{
  UnkgBuf b = {0};
  for (int i = 0; i < 3; ++i) {
    cjk_line(&b, "甲", 38);
    unkg_buf_puts(&b, "\n");
  }
  unkg_buf_puts(&b, "3. 表示注意到在第六委员会就这一专题进行的辩论中表达的观点和评论，3 以及各国\n"
                    "政府对条款草案的评论和意见；4\n"
                    "第 49 次全体会议\n2021年12 月9 日\n\n"
                    "见 A/C.6/71/SR.20 、 A/C.6/71/SR.21 、 A/C.6/71/SR.22 、 A/C.6/71/SR.23 、\n"
                    "A/C.6/76/SR.12 和A/C.6/76/SR.13。\n"
                    "4 见 A/73/229和 A/75/214。\n3\n\n2/2 21-18677\n");
  char* in = unkg_buf_take(&b);
  text     = tu_normalise("t", in, &src);
  size_t n = text->n_blocks;
  ck_assert_uint_ge(n, 3);
  ck_assert(block(n - 2)->flags & UNKG_BLOCK_FOOTNOTE);
  ck_assert_str_eq(block(n - 2)->text,
                   "见A/C.6/71/SR.20、A/C.6/71/SR.21、A/C.6/71/SR.22、A/C.6/71/SR.23、A/C.6/76/SR.12"
                   "和A/C.6/76/SR.13。");
  ck_assert(block(n - 1)->flags & UNKG_BLOCK_FOOTNOTE);
  ck_assert_str_eq(block(n - 1)->text, "见A/73/229和A/75/214。");
  /* No body block holds the note's text, and the markers are marks. */
  for (size_t k = 0; k + 2 < n; ++k) {
    ck_assert_ptr_null(strstr(block(k)->text, "SR.20"));
    ck_assert_ptr_null(strstr(block(k)->text, "评论，3"));
  }
  free(in);
}
END_TEST

/* The page's only note, its number printed below its text and its text
 * run on from the body with no blank line (75/239 pp. 19-20 as pdftotext
 * gives them, notes 51 and 52 numbered 1 and 2 here): the symbols' lines
 * are note 2, and "和", which pdftotext prints after the foot, goes back
 * to the end of the note's first line. */
START_TEST(only_note_printed_after_its_text)
{
  UnkgBuf b = {0};
  unkg_buf_puts(&b, "103. 授权酌情使用上文第 101 段提及的信托基金，并按照信托基金的职权范\n"
                    "围，在发展中国家提名时支付委员会主席参加公约缔约国会议的费用；1\n"
                    "1 SPLOS/276和SPLOS/286。\n\n19/55 20-99588\n\n\fA/RES/75/239\n\n"
                    "104. 注意到委员会主席在2020 年 4 月 13 日给第三十次缔约国会议主席的信\n"
                    "的增编2 中提出，在 COVID-19 大流行期间，委员会在以联合国总部到场会议以\n");
  for (int i = 0; i < 3; ++i) {
    cjk_line(&b, "甲", 38);
    unkg_buf_puts(&b, "\n");
  }
  unkg_buf_puts(&b, "满足相关的安全规定；\n"
                    "109. 强调委员会成员在委员会及其小组委员会会议上开展工作期间依然需要有适\n"
                    "调系统并继续与海法司同地办公，并强调如海法司进行任何搬迁或其工作空间有任\n"
                    "SPLOS/30/10/Add.1 、 SPLOS/30/10/Add.2 、 SPLOS/30/10/Add.3\n"
                    "SPLOS/30/10/Add.4。\n"
                    "2\n\n20/55 20-99588\n\n和\n\n\fA/RES/75/239\n\n"
                    "何变动，将充分顾及委员会的这些特殊需要；\n"
                    "110. 核准秘书长的提议；\n");
  char* in = unkg_buf_take(&b);
  text     = tu_normalise("t", in, &src);
  size_t fn = SIZE_MAX, n_fn = 0;
  for (size_t k = 0; k < text->n_blocks; ++k) {
    if (block(k)->flags & UNKG_BLOCK_FOOTNOTE) {
      fn = k;
      ++n_fn;
    }
  }
  ck_assert_uint_eq(n_fn, 2);
  ck_assert_str_eq(block(fn)->label, "2");
  ck_assert_str_eq(block(fn)->text,
                   "SPLOS/30/10/Add.1、SPLOS/30/10/Add.2、SPLOS/30/10/Add.3和SPLOS/30/10/Add.4。");
  /* The body: the marker is a mark, paragraph 109 goes on across the page. */
  bool whole = false;
  for (size_t k = 0; k < text->n_blocks; ++k) {
    ck_assert_ptr_null(strstr(block(k)->text, "增编2"));
    if (!(block(k)->flags & UNKG_BLOCK_FOOTNOTE)) {
      ck_assert_ptr_null(strstr(block(k)->text, "SPLOS"));
    }
    whole = whole || strstr(block(k)->text, "工作空间有任何变动，将充分顾及");
  }
  ck_assert(whole);
  free(in);
}
END_TEST

/* A note of symbols run on from the body above the next note, its number
 * printed below the page's notes (75/253 p. 16 as pdftotext gives it,
 * notes 36 and 37 numbered 1 and 2 here): no blank line sets it apart,
 * its second line opens with "(Sect." and its first with a symbol. */
START_TEST(note_of_symbols_run_on_above_the_next)
{
  static const char in[] =
    "审议了秘书长的报告1 和行预咨委会的相关报告，2\n"
    "1. 表示注意到秘书长的报告；\n"
    "2. 认可行预咨委会报告所载结论和建议；\n"
    "3. 核可大会和(或)安全理事会授权的 40 项续设特别政治任务 2021 年预算 728\n"
    "212 200 美元，以及各特别政治任务在乌干达恩德培区域服务中心预算中的份额 1\n"
    "412 400 美元；\n"
    "4. 核准按照 1986 年 12 月 19 日第 41/213 号决议附件一第 11 段规定的程\n"
    "序，在 2021 年拟议方案预算第 3 款(政治事务)下为联合国苏丹过渡时期综合援\n"
    "助团追加批款 34 070 400 美元；\n"
    "5. 又核准在 2021 年拟议方案预算第 36 款(工作人员薪金税)下批款 1 944 200\n"
    "A/75/6 (Sect. 3)/Add.1 、 A/75/6 (Sect. 3)/Add.2 、 A/75/6 (Sect. 3)/Add.3 、\n"
    "A/75/6 (Sect. 3)/Add.4 、 A/75/6 (Sect. 3)/Add.5 、 A/75/6 (Sect. 3)/Add.6 、 A/75/6\n"
    "(Sect. 3)/Add.6/Corr.1 和 A/75/6 (Sect. 3)/Add.7。\n"
    "2 A/75/7/Add.2 、 A/75/7/Add.3 、 A/75/7/Add.4 、 A/75/7/Add.5 、 A/75/7/Add.6 、\n"
    "A/75/7/Add.7 和 A/75/7/Add.8。\n"
    "1\n\n16/20 20-69387\n\n\fA/RES/75/253\n\n"
    "美元，由收入第 1 款(工作人员薪金税收入)下的相同数额抵销；\n";
  text = tu_normalise("t", in, &src);
  size_t n = text->n_blocks, n_fn = 0;
  for (size_t k = 0; k < n; ++k) {
    n_fn += (block(k)->flags & UNKG_BLOCK_FOOTNOTE) != 0;
    if (!(block(k)->flags & UNKG_BLOCK_FOOTNOTE)) {
      ck_assert_ptr_null(strstr(block(k)->text, "Sect. 3)/Add.1"));
      ck_assert_ptr_null(strstr(block(k)->text, "报告1"));
    }
  }
  ck_assert_uint_eq(n_fn, 2);
  ck_assert_str_eq(block(n - 2)->label, "1");
  ck_assert(unkg_starts_with(block(n - 2)->text, "A/75/6 (Sect. 3)/Add.1、"));
  ck_assert_ptr_nonnull(strstr(block(n - 2)->text, "和A/75/6 (Sect. 3)/Add.7。"));
  ck_assert_str_eq(block(n - 1)->label, "2");
  /* The paragraph the page cut goes on across the notes. */
  ck_assert(unkg_starts_with(block(n - 3)->text, "5.又核准"));
  ck_assert_ptr_nonnull(strstr(block(n - 3)->text, "1944200美元，由收入"));
}
END_TEST

/* The last page's only note, set apart by a blank line under the closing
 * lines, its number printed below it (76/112 pp. 1-2 as pdftotext gives
 * them). */
START_TEST(last_pages_only_note_printed_after_its_text)
{
  static const char in[] =
    "2. 表示注意到国际法委员会的报告，1 特别是其中第 39 和 40 段；2\n"
    "3. 表示注意到在国际法委员会根据其章程完成关于这一专题的审议之后在第六委\n"
    "员会关于这一主题的辩论中提出的意见和评论，包括在大会第七十六届会议上提出\n"
    "1 《大会正式记录，第七十六届会议，补编第10号》(A/76/10)。\n"
    "2 同上，第 39 和40 段。\n\n21-18668 (C)\n*2118668*\n\nA/RES/76/112\n\n"
    "的意见和评论；3\n"
    "4. 又表示注意到案文列入本决议附件的关于保护大气层的序言和指南及其评注，\n"
    "提请各国、国际组织和所有可能需要处理该专题的人注意，并鼓励尽可能最广泛地\n"
    "予以传播。\n"
    "2021年 12 月 9 日\n"
    "第49 次全体会议\n\n"
    "见 A/C.6/76/SR.16 、 A/C.6/76/SR.17 、 A/C.6/76/SR.18 、 A/C.6/76/SR.19 、\n"
    "A/C.6/76/SR.20 、 A/C.6/76/SR.21 、 A/C.6/76/SR.22 、 A/C.6/76/SR.23 、\n"
    "A/C.6/76/SR.24、A/C.6/76/SR.25 和 A/C.6/76/SR.29。在第六委员会所作发言全文(原\n"
    "文)可查阅第六委员会网站，网址 www.un.org/zh/ga/sixth/。\n"
    "3\n\n2/6 21-18668\n\nA/RES/76/112\n\n附件\n";
  text = tu_normalise("t", in, &src);
  size_t n = text->n_blocks, n_fn = 0;
  for (size_t k = 0; k < n; ++k) {
    n_fn += (block(k)->flags & UNKG_BLOCK_FOOTNOTE) != 0;
    ck_assert_ptr_null(strstr(block(k)->text, "评论；3"));
  }
  ck_assert_uint_eq(n_fn, 3);
  ck_assert(block(n - 2)->flags & UNKG_BLOCK_FOOTNOTE);
  ck_assert_str_eq(block(n - 2)->label, "3");
  ck_assert_str_eq(block(n - 2)->text,
                   "见A/C.6/76/SR.16、A/C.6/76/SR.17、A/C.6/76/SR.18、A/C.6/76/SR.19、A/C.6/76/SR.20、"
                   "A/C.6/76/SR.21、A/C.6/76/SR.22、A/C.6/76/SR.23、A/C.6/76/SR.24、A/C.6/76/SR.25"
                   "和A/C.6/76/SR.29。在第六委员会所作发言全文(原文)可查阅第六委员会网站，"
                   "网址www.un.org/zh/ga/sixth/。");
  ck_assert_str_eq(block(n - 1)->text, "附件");
}
END_TEST

/* The page's width is read from lines without blanks first; in a text
 * whose only such lines are a table's narrower ones (75/293's annexes:
 * body lines hold dates, "2021 年 7 月 1 日"), the lines holding blanks
 * show the page to be wider even without their blanks.  So an annex's
 * line of offices at 51 columns is no full line: it ends its paragraph
 * (75/293 annex I B, its lines as pdftotext gives them). */
START_TEST(page_width_not_from_a_table)
{
  UnkgBuf b = {0};
  for (int i = 0; i < 8; ++i) {
    unkg_buf_puts(&b, "2021 年 7 月 1 日");
    cjk_line(&b, "甲", 27);
    unkg_buf_puts(&b, "\n");
  }
  unkg_buf_puts(&b, "甲。\n");
  for (int i = 0; i < 6; ++i) {
    cjk_line(&b, "乙", 29);
    unkg_buf_puts(&b, "。\n");
  }
  unkg_buf_puts(&b, "调动\n"
                    "业务支助部/支助业务厅/人力资源服务司/人事档案管理股\n"
                    "从能力发展和业务培训处调动 2 个员额(协理人力资源干事(P-2)和人力资源助理\n"
                    "(GS(OL)))\n");
  char* in = unkg_buf_take(&b);
  text     = tu_normalise("t", in, &src);
  ck_assert_uint_ge(text->page_width, 70);
  size_t n = text->n_blocks;
  ck_assert_uint_ge(n, 3);
  ck_assert_str_eq(block(n - 2)->text, "业务支助部/支助业务厅/人力资源服务司/人事档案管理股");
  ck_assert_str_eq(block(n - 1)->text,
                   "从能力发展和业务培训处调动2个员额(协理人力资源干事(P-2)和人力资源助理(GS(OL)))");
  free(in);
}
END_TEST

/* The title printed under the running head of every page after the first
 * is furniture; the paragraph the page break cut is one paragraph. */
START_TEST(running_title_under_running_heads)
{
  UnkgBuf b = {0};
  unkg_buf_puts(&b, "75/124. 在自然灾害领域开展国际合作：从救济到发展\n\n大会，\n\n");
  for (int i = 0; i < 6; ++i) {
    cjk_line(&b, "甲", 38);
    unkg_buf_puts(&b, "\n");
  }
  unkg_buf_puts(&b,
                "\n20-12345 (C)\n*2012345*\n\n\nA/RES/75/124\n在自然灾害领域开展国际合作：从救济到发展\n\n"
                "乙乙乙，\n\n丙丙丙丙，\n\n");
  char* in = unkg_buf_take(&b);
  text     = tu_normalise("t", in, &src);
  ck_assert_uint_eq(text->n_blocks, 4);
  ck_assert_ptr_nonnull(strstr(block(2)->text, "甲乙乙乙，"));
  ck_assert_str_eq(block(3)->text, "丙丙丙丙，");
  free(in);
}
END_TEST

/* A text line under a running head that ends a sentence is text, even
 * where the first page has a line ending the same way. */
START_TEST(running_head_followed_by_text_like_the_cover)
{
  UnkgBuf b = {0};
  unkg_buf_puts(&b, "回顾其第 74/91 号决议，\n");
  for (int i = 0; i < 6; ++i) {
    cjk_line(&b, "甲", 38);
    unkg_buf_puts(&b, "\n");
  }
  unkg_buf_puts(&b, "20-12345 (C)\n\nA/RES/75/100\n第 74/91 号决议，\n");
  char* in = unkg_buf_take(&b);
  text     = tu_normalise("t", in, &src);
  ck_assert_ptr_nonnull(strstr(block(text->n_blocks - 1)->text, "甲第74/91号决议，"));
  free(in);
}
END_TEST

/* A running head may carry the part letter after a space. */
START_TEST(running_head_with_part_letter)
{
  text = tu_normalise("t", "甲甲甲，\n\n乙乙乙，\n\n20-12345 (C)\n\nA/RES/75/250 B\n\n丙丙丙。\n",
                      &src);
  for (size_t i = 0; i < text->n_blocks; ++i) {
    ck_assert_ptr_null(strstr(block(i)->text, "A/RES"));
  }
  ck_assert_str_eq(text->running_symbol, "A/RES/75/250 B");
}
END_TEST

/* Paragraphs set apart by blank lines, too few lines to tell the page
 * width: lines without a blank between are one paragraph, but the short
 * closing lines stay apart. */
/* Double spacing (a blank line after every line, a paragraph's first
 * line indented): a title in 《…》 wrapped after its colon goes on
 * ("《保护我们的共同未来：" then "裁军议程》", 75/66), and so does a full
 * line ending with a colon before a line with no indent ("…国际核安保大
 * 会：" then "加强国际努力", 75/70), though not into an item labelled
 * in brackets ("(甲)…", 76/120); an indented line after a full stop
 * opens the next paragraph. */
START_TEST(double_spaced_title_over_a_colon)
{
  UnkgBuf b = {0};
  for (int p = 0; p < 3; ++p) {
    unkg_buf_puts(&b, " 回顾");
    cjk_line(&b, "甲", 36);
    unkg_buf_puts(&b, "\n\n乙乙，\n\n");
  }
  unkg_buf_puts(&b, " 注意到");
  cjk_line(&b, "丙", 22);
  unkg_buf_puts(&b, "包括通过秘书长裁军议程《保护我们的共同未来：\n\n裁军议程》所作的努力，\n\n");
  unkg_buf_puts(&b, " 回顾");
  cjk_line(&b, "戊", 27);
  unkg_buf_puts(&b, "在维也纳举行国际核安保大会：\n\n加强国际努力，\n\n");
  unkg_buf_puts(&b, " 登记册应载");
  cjk_line(&b, "己", 31);
  unkg_buf_puts(&b, "下列事项：\n\n(甲)依登记先后而定之编号；\n\n");
  unkg_buf_puts(&b, " 又注意到");
  cjk_line(&b, "丁", 34);
  unkg_buf_puts(&b, "。\n\n 1. 决定继续审议。\n");
  char* in = unkg_buf_take(&b);
  text     = tu_normalise("t", in, &src);
  ck_assert_uint_eq(text->n_blocks, 9);
  ck_assert_ptr_nonnull(strstr(block(3)->text, "《保护我们的共同未来：裁军议程》所作的努力，"));
  ck_assert_ptr_nonnull(strstr(block(4)->text, "国际核安保大会：加强国际努力，"));
  ck_assert_str_eq(block(6)->text, "(甲)依登记先后而定之编号；");
  ck_assert(unkg_starts_with(block(7)->text, "又注意到"));
  free(in);
}
END_TEST

START_TEST(blank_separated_paragraphs_keep_their_wraps)
{
  UnkgBuf b = {0};
  for (int p = 0; p < 4; ++p) {
    unkg_buf_puts(&b, "回顾");
    cjk_line(&b, "甲", 36);
    unkg_buf_puts(&b, "\n乙乙，\n\n");
  }
  unkg_buf_puts(&b, "2020 年 12 月 10 日\n第 41 次全体会议\n");
  char* in = unkg_buf_take(&b);
  text     = tu_normalise("t", in, &src);
  ck_assert_uint_eq(text->n_blocks, 6);
  ck_assert_ptr_nonnull(strstr(block(0)->text, "甲乙乙，"));
  ck_assert_str_eq(block(4)->text, "2020年12月10日");
  ck_assert_str_eq(block(5)->text, "第41次全体会议");
  free(in);
}
END_TEST

/* A table's rows, cells set two spaces apart, with no blank line between
 * them where blank lines set paragraphs apart: one paragraph, its
 * one-cell rows ("员额", "业务支助部") with them, as the markup holds the
 * table.  From the simulated rendering of 75/293's annex I (rows checked
 * against the XML's <tr>s), after four wrapped preambular paragraphs. */
START_TEST(table_rows_are_one_paragraph)
{
  UnkgBuf b = {0};
  for (int p = 0; p < 4; ++p) {
    unkg_buf_puts(&b, "回顾");
    cjk_line(&b, "甲", 36);
    unkg_buf_puts(&b, "\n乙乙，\n\n");
  }
  unkg_buf_puts(&b, "A\n\n"
                    "员额\n"
                    "部/厅  组织单位  数目  职等  职务  状态\n"
                    "业务支助部\n"
                    "支助业务厅  医疗保健管理与职业安全和 健康司  1  P-4  医务干事(医疗质量\n"
                    "与安全)  从一般临时人员改划\n"
                    "小计  1\n"
                    "共计  8\n\n"
                    "缩写：NGS，本国一般事务人员。\n\n"
                    "2020 年 12 月 10 日\n第 41 次全体会议\n");
  char* in = unkg_buf_take(&b);
  text     = tu_normalise("t", in, &src);
  ck_assert_uint_eq(text->n_blocks, 9);
  ck_assert_str_eq(block(4)->text, "A");
  ck_assert(unkg_starts_with(block(5)->text, "员额部/厅"));
  ck_assert_ptr_nonnull(strstr(block(5)->text, "业务支助部支助业务厅"));
  ck_assert_ptr_nonnull(strstr(block(5)->text, "从一般临时人员改划小计"));
  ck_assert_ptr_nonnull(strstr(block(5)->text, "共计"));
  ck_assert_int_eq(block(5)->text[block(5)->len - 1], '8');
  ck_assert_str_eq(block(6)->text, "缩写：NGS，本国一般事务人员。");
  /* Two lines with one space between words are not rows: the closing
   * lines stay apart. */
  ck_assert_str_eq(block(7)->text, "2020年12月10日");
  ck_assert_str_eq(block(8)->text, "第41次全体会议");
  free(in);
}
END_TEST

/* The same table from pdftotext -layout, where no blank line sets
 * paragraphs apart: the cells of a row stand apart by runs of spaces, a
 * cell's wrapped line is indented past the first column.  The rows are one
 * paragraph, apart from the line that announced the table and from the
 * paragraph after it.  Cut from the -layout extraction of 76/239 rendered
 * as the UN prints it (rows checked against the XML's <tr>s: the header
 * row, A, B, D with its wrapped cell, J). */
START_TEST(layout_table_rows_are_one_paragraph)
{
  text = tu_normalise(
    "t",
    "10. 又重申决定设立折扣等级，应便于根据会员国人均国民总收入可预测地自动进行类\n"
    "别调改；\n"
    "11. 决定自 2022 年 1 月 1 日起，维持和平经费分摊率依据下表所列十个缴款等级和\n"
    "参数确定：\n"
    "等 标准                    门槛值(美元) (2022-2024 折扣率 (百分比)\n"
    "级                       年)\n"
    "A   安全理事会常任理事国              不适用        加付\n"
    "B   全体会员国(以下各级会员国和A级会员国除外) 不适用         0\n"
    "D   人均国民总收入低于全体会员国平均数的2倍的 低于21 566     20\n"
    "    会员国(A级、C级和J级缴款国除外)\n"
    "J   最不发达国家(A级和C级缴款国除外)      不适用        90\n"
    "12. 鼓励各等级联合国会员国自愿上调其缴款等级；\n"
    "13. 赞赏地欢迎一些会员国承诺自愿以高于按照人均收入确定的比率缴付维持和平行动\n"
    "摊款；\n",
    &src);
  ck_assert_uint_eq(text->n_blocks, 5);
  ck_assert_ptr_nonnull(strstr(block(1)->text, "参数确定："));
  ck_assert(unkg_starts_with(block(2)->text, "等"));
  ck_assert_ptr_nonnull(strstr(block(2)->text, "加付"));
  ck_assert_ptr_nonnull(strstr(block(2)->text, "20"));
  ck_assert_ptr_nonnull(strstr(block(2)->text, "会员国(A级、C级和J级缴款国除外)"));
  ck_assert_int_eq(block(2)->text[block(2)->len - 1], '0');
  ck_assert_ptr_nonnull(strstr(block(3)->text, "鼓励各等级"));
  ck_assert_ptr_nonnull(strstr(block(4)->text, "摊款；"));
}
END_TEST

/* In pdftotext -layout a table's row of one cell, a heading spanning the
 * table ("各支出款次", "专业及以上职类"), has no gap and no indent: it goes
 * on the table where rows of several cells follow it, within three lines.
 * Cut from the -layout extraction of 75/252 rendered as the UN prints it
 * (paragraphs 54 to 58, the closing lines and the annex, whole), checked
 * against the XML's annex: 附件, the title p, then one table from 职类 |
 * 员额数 to 共计 | 10 024. */
START_TEST(layout_one_cell_rows_are_the_table)
{
  text = tu_normalise(
    "t",
    "47. 决定不核准为缅甸问题独立调查机制新设一个法律干事职等(P-3)一般临时人员\n"
    "职位；\n"
    "48. 表示注意到行预咨委会报告第三.54 段；\n"
    "49. 决定 2021 年第 8 款(法律事务)项下协助调查和起诉自 2011 年 3 月以来\n"
    "在阿拉伯叙利亚共和国境内犯下国际法所规定最严重罪行者的国际公正独立机制经常\n"
    "预算资源在重计费用前为 1 700 万美元；\n"
    "第四编\n"
    "国际合作促进发展\n"
    "第 10 款\n"
    "最不发达国家、内陆发展中国家和小岛屿发展中国家\n"
    "50. 决定在次级方案 2(内陆发展中国家)下设立 1 个 P-4 员额和 1 个 P-3 员\n"
    "额；\n"
    "第 11 款\n"
    "联合国支助非洲发展新伙伴关系\n"
    "51. 回顾非洲的发展是联合国的一个既定优先事项，重申满足非洲特殊需要的决\n"
    "\n"
    "6/10 20-69705\n"
    "\f                                          A/RES/75/252\n"
    "心；\n"
    "第 15 款\n"
    "人类住区\n"
    "52. 决定在内罗毕设立 2 个方案管理干事(P-4)员额；\n"
    "第六编\n"
    "人权和人道主义事务\n"
    "第 24 款\n"
    "人权\n"
    "53. 决定核准设立一个人权干事职等(P-3)一般临时人员职位；\n"
    "54. 请秘书长责成秘书处内部监督事务厅对向联合国人权事务高级专员办事处人权\n"
    "条约机构系统提供的工作人员支助的活动、业绩和结果进行审查和评价，以确保条约\n"
    "机构系统的效力，并请秘书长在下次预算报告中报告有关情况；\n"
    "第八编\n"
    "共同支助事务\n"
    "第 29C 款\n"
    "信息和通信技术厅\n"
    "55. 表示注意到行预咨委会报告第八.57 段，决定不裁撤相关 P-5 员额；\n"
    "56. 决定裁撤长期空缺的相关 P-3 员额；\n"
    "第十一编\n"
    "基本建设支出\n"
    "第 33 款\n"
    "\n"
    "\n"
    "                                           20-69705 7/10\n"
    "\fA/RES/75/252\n"
    "建筑、改建、改良和大修\n"
    "57. 决定将改建、改良和大修资源再削减 1 474 400 美元；\n"
    "第十二编\n"
    "安全和安保\n"
    "第 34 款\n"
    "安全和安保\n"
    "58. 表示注意到行预咨委会报告第十二.11 段，决定设立实体安保科科长(P-5)及\n"
    "合规、监测和评价干事(P-3)员额。\n"
    "2020 年 12 月 31 日\n"
    "第 48 次全体会议(续会)\n"
    "\n"
    "\n"
    "\n"
    "\n"
    "8/10 20-69705\n"
    "\f                           A/RES/75/252\n"
    "              附件\n"
    "2021 年人员配置表\n"
    "职类                 员额数\n"
    "各支出款次\n"
    "专业及以上职类\n"
    "常务副秘书长             1\n"
    "副秘书长               36\n"
    "助理秘书长              33\n"
    "D-2                115\n"
    "D-1                298\n"
    "P-5                904\n"
    "P-4                1 537\n"
    "P-3                1 451\n"
    "P-2/1              524\n"
    "小计                 4 899\n"
    "一般事务及有关职类\n"
    "特等                 270\n"
    "其他职等               2 288\n"
    "小计                 2 558\n"
    "其他\n"
    "安保人员               307\n"
    "当地雇员               1 906\n"
    "外勤人员               107\n"
    "本国专业干事             87\n"
    "工匠                 95\n"
    "小计                 2 502\n"
    "各支出款次共计            9 959\n"
    "收入第3款\n"
    "专业及以上职类\n"
    "P-5                2\n"
    "P-4                4\n"
    "P-3                4\n"
    "P-2/1              3\n"
    "小计                 13\n"
    "一般事务及有关职类\n"
    "特等                 7\n"
    "其他职等               43\n"
    "小计                 50\n"
    "\n"
    "\n"
    "                            20-69705 9/10\n"
    "\fA/RES/75/252\n"
    "其他\n"
    "安保人员             2\n"
    "小计               2\n"
    "收入第3款共计          65\n"
    "共计               10 024\n"
    "\n"
    "\n"
    "\n"
    "\n"
    "10/10 20-69705\n",
    &src);
  ck_assert_str_eq(block(text->n_blocks - 2)->text, "2021年人员配置表");
  ck_assert_str_eq(block(text->n_blocks - 3)->text, "附件");
  const char* t = block(text->n_blocks - 1)->text;
  ck_assert(unkg_starts_with(t, "职类"));
  ck_assert_ptr_nonnull(strstr(t, "各支出款次"));
  ck_assert_ptr_nonnull(strstr(t, "一般事务及有关职类"));
  ck_assert_ptr_nonnull(strstr(t, "收入第3款"));
  ck_assert_ptr_nonnull(strstr(t, "其他"));
  ck_assert_int_eq(t[block(text->n_blocks - 1)->len - 1], '4');
}
END_TEST

/* A table set in ruled columns comes out of pdftotext's default mode a
 * column at a time, a cell a line, a blank line between the columns: after
 * the line that announces it, the run of cells is one paragraph (the
 * markup's one), blank lines and all; it ends at the next numbered
 * paragraph.  Cut from the default extraction of 76/238 rendered as the UN
 * prints it (the scale's first rows, checked against the XML's <tr>s:
 * 会员国 | 百分比, 阿富汗 | 0.006, 阿尔巴尼亚 | 0.008, 阿尔及利亚 | 0.109). */
START_TEST(column_cells_are_one_paragraph)
{
  text = tu_normalise(
    "t",
    "11. 支持秘书处经济和社会事务部统计司在国家一级支助统计工作以及支助各国和\n"
    "区域组织加强协调、宣传和资源，以落实2008 年国民账户体系；\n"
    "12. 正式决定各会员国 2022、2023 和 2024 年的联合国经常预算分摊比额表如\n"
    "下：\n"
    "会员国\n阿富汗\n阿尔巴尼亚\n阿尔及利亚\n\n"
    "百分比\n0.006\n0.008\n0.109\n\n"
    "13. 表示注意到秘书长关于多年付款计划的报告以及会费委员会的有关结论和建\n"
    "议；\n",
    &src);
  ck_assert_uint_eq(text->n_blocks, 4);
  ck_assert_ptr_nonnull(strstr(block(1)->text, "如下："));
  ck_assert(unkg_starts_with(block(2)->text, "会员国"));
  ck_assert_ptr_nonnull(strstr(block(2)->text, "阿尔及利亚"));
  ck_assert_ptr_nonnull(strstr(block(2)->text, "百分比"));
  ck_assert_int_eq(block(2)->text[block(2)->len - 1], '9');
  ck_assert_ptr_nonnull(strstr(block(3)->text, "表示注意到"));
}
END_TEST

/* The end of A/RES/76/243's page 2 and its annex's title and first column,
 * as the default pdftotext extraction of the resolution printed as the UN
 * prints it gives them (the two tests below). */
#define RES_76_243_ANNEX_HEAD \
  "6. 决定由会员国按照适用于 2022 年联合国维持和平行动的分摊比额表分摊毛额 38\n" \
  "721 700 美元(净额 35 134 300 美元)；\n" \
  "7. 又决定，根据其 1955 年 12 月 15 日第 973(X)号决议的规定，从上文第 5 和\n" \
  "第 6 段规定的会员国摊款中减除会员国在衡平征税基金内为余留机制核定的 2022 年\n" \
  "工作人员薪金税收入估计数 7 174 800 美元中各自应分的数额。\n" \
  "2021 年 12 月 24 日\n" \
  "第 54 次全体会议(续会)\n" \
  "\n" \
  "2/3 21-19709\n" \
  "\n" \
  "\fA/RES/76/243\n" \
  "\n" \
  "附件\n" \
  "刑事法庭余留事项国际处理机制 2022 年经费的筹措\n" \
  "毛额\n" \
  "(美元)\n" \
  "93 970 300\n" \
  "(1 552 200)\n" \
  "(2 727 900)\n" \
  "—\n" \
  "89 690 200\n"

/* The same extraction's table, a column at a time: its first column, its
 * second, and the notes under it (the cache's A_RES_76_243-2119709C.txt). */
#define RES_76_243_COLUMN_1 \
  "2022年批款估计数a\n" \
  "订正估计数：汇率和通货膨胀率变动的影响b\n" \
  "行政和预算问题咨询委员会的建议c\n" \
  "第五委员会的建议\n" \
  "2022年初步批款估计数\n" \
  "2022年分摊总额\n" \
  "2022年所需经费\n" \
  "89 690 200\n" \
  "2018-2019两年期承付款核销额\n" \
  "(8 736 500)\n" \
  "2020年预算最终支出盈余\n" \
  "(3 510 300)\n" \
  "2022年会员国应分摊款净额\n" \
  "77 443 400\n" \
  "其中：\n" \
  "会员国按照适用于2022年联合国经常预算的分摊比额表 38 721 700\n" \
  "分摊的款项\n" \
  "会员国按照适用于2022年联合国维持和平行动的分摊比 38 721 700\n" \
  "额表分摊的款项\n"
#define RES_76_243_COLUMN_2 \
  "扣除工作人员 薪金税后的净额\n" \
  "85 518 700\n" \
  "(1 657 700)\n" \
  "(2 483 700)\n" \
  "—\n" \
  "81 377 300\n" \
  "81 377 300\n" \
  "(8 736 500)\n" \
  "(2 372 200)\n" \
  "70 268 600\n" \
  "35 134 300\n" \
  "35 134 300\n"
#define RES_76_243_NOTES \
  "a 见 A/76/411。\n" \
  "b 见 A/76/577。\n" \
  "c 重计费用后数额。\n"

/* A table printed a column at a time under its title, with no line that
 * announces it: the annex's heading, the title under it, then the cells,
 * a blank line at each column's end.  The cells are one paragraph (the
 * markup's one table), wide ones and the row headed "其中：" too, apart
 * from the title and from the table's notes after it.  Cut from the
 * default extraction of 76/243 rendered as the UN prints it (its page 3
 * whole, and the end of page 2), checked against the XML's annex: the
 * title p, the table (first row 毛额 | 扣除工作人员薪金税后的净额, last
 * row 会员国按照…分摊的款项 | 38 721 700 | 35 134 300) and the notes a, b
 * and c as three p's. */
START_TEST(table_under_its_title_is_one_paragraph)
{
  text = tu_normalise(
    "t",
    RES_76_243_ANNEX_HEAD
    "\n"
    RES_76_243_COLUMN_1
    "\n"
    RES_76_243_COLUMN_2
    "\n"
    RES_76_243_NOTES,
    &src);
  ck_assert_uint_eq(text->n_blocks, 10);
  ck_assert(unkg_starts_with(block(1)->text, "7.又决定"));
  ck_assert_str_eq(block(4)->text, "附件");
  ck_assert_str_eq(block(5)->text, "刑事法庭余留事项国际处理机制2022年经费的筹措");
  ck_assert(unkg_starts_with(block(6)->text, "毛额(美元)"));
  ck_assert_ptr_nonnull(strstr(block(6)->text, "其中："));
  /* Held whole: no join the reader may cut at ("其中：" ends with a colon). */
  for (size_t k = 0; k < block(6)->n_joins; ++k) {
    ck_assert(!block(6)->soft[k]);
  }
  ck_assert_ptr_nonnull(strstr(block(6)->text, "额表分摊的款项扣除工作人员"));
  ck_assert_int_eq(block(6)->text[block(6)->len - 1], '0');
  ck_assert_ptr_nonnull(strstr(block(6)->text, "70268600"));
  ck_assert_str_eq(block(7)->text, "a见A/76/411。");
  ck_assert_str_eq(block(9)->text, "c重计费用后数额。");
}
END_TEST

/* The same lines with no blank line between the columns show no
 * column's end: short lines under a title are no table by that alone
 * (an annex's headings), and stay apart. */
START_TEST(short_lines_under_a_title_are_no_table)
{
  text = tu_normalise(
    "t",
    RES_76_243_ANNEX_HEAD
    RES_76_243_COLUMN_1
    RES_76_243_COLUMN_2
    RES_76_243_NOTES,
    &src);
  ck_assert_uint_gt(text->n_blocks, 20);
  ck_assert_str_eq(block(6)->text, "毛额");
}
END_TEST

/* A column's cells above pass for a heading and a title ("改叙" /
 * "调动(从行政领导和管理调至工作方案)"): a heading opens a page, or follows
 * a sentence's end or a heading that does, and "改叙" under "改叙" under
 * "净变动共计" does not, so no table starts inside the column.  Cut from
 * the default extraction of 75/246 rendered as the UN prints it (its
 * paragraphs 31 to 43, then the table; the
 * XML's table: 行动 | 员额职称 | 类别 | 数目, its rows 新员额 | 业务转型和问
 * 责股股长 | P-5 | 1 …). */
START_TEST(cells_above_are_no_heading)
{
  text = tu_normalise(
    "t",
    "31. 支持内部监督事务厅报告提出的全部建议，包括至关重要的建议 1 和建议 10，请\n"
    "秘书长在大会第七十六届会议主要会期详细报告这些建议的执行情况；\n"
    "32. 回顾行预咨委会报告第 26 段，请秘书长在防止和应对养恤基金所有领域实际或据\n"
    "认为存在的利益冲突方面处理所有相关事项，包括执行审计委员会就个人证券交易政策向\n"
    "可能参与投资业务和养恤基金各级活动的所有人员提出的建议；\n"
    "33. 注意到秘书长代表关于养恤金联委会提议首次将养恤基金可用的各种衍生工具用于\n"
    "有效管理养恤基金的投资从而应对日益复杂的全球资本市场环境的报告，在这方面请秘书\n"
    "长向大会第七十六届会议提交更详细的提案，包括提供信息，说明使用衍生工具、开展保\n"
    "证金交易、参与证券借贷以及合规措施等情况，以确保严格遵守现行政策、问责框架和成\n"
    "本效益高的投资策略，并授权秘书长为其报告11 第 43 和 44 段所述的有限目的试行保\n"
    "证金交易，为期两年；\n"
    "34. 请秘书长在下一次关于养恤基金投资的报告中说明采用这些扩大的投资策略的情\n"
    "况，包括说明其对养恤基金分散投资的影响，并请其审查采用这些扩大的投资策略的情况\n"
    "后向大会第七十七届会议提出报告，以确定是否继续实施这些策略；\n"
    "35. 又请秘书长作为养恤基金资产的受托投资人，继续以维护养恤基金参与人和受益人\n"
    "的利益为出发点，在发达市场、发展中市场和新兴市场之间分散投资，还请秘书长确保审\n"
    "慎地执行养恤基金在任何市场的投资决策，包括充分考虑投资的四个主要标准，即安全\n"
    "性、盈利性、流动性和可兑换性；\n"
    "36. 回顾行预咨委会报告第 10 和 13 段，注意到包括非洲市场在内的新兴市场和前沿\n"
    "市场对养恤基金的投资战略日益重要；\n"
    "37. 又回顾行预咨委会报告第 45 段，请秘书长在养恤金联委会下一次报告中就投资管\n"
    "理厅的空缺员额和特别职位津贴发放情况提供最新信息；\n"
    "其他事项\n"
    "38. 核可接纳关于常规武器和两用物品及技术出口控制的瓦森纳安排为养恤基金成员，\n"
    "自 2021 年 1 月 1 日起生效；12\n"
    "39. 回顾其第 74/263 号决议第八节第 17 段，请养恤金联委会在下一份报告中进一步\n"
    "11 A/C.5/75/2。\n"
    "12 根据养恤金联委会的建议接纳瓦森纳安排为联合国合办工作人员养恤基金成员并不等于非该安排参\n"
    "\n"
    "加国的会员国承认瓦森纳安排。\n"
    "\n"
    "20-26238 5/7\n"
    "\n"
    "A/RES/75/246\n"
    "\n"
    "分析和澄清对《养恤基金条例》第 48 条的拟议修正案；\n"
    "40. 核可养恤金联委会对《养恤基金条例》第 4 条和第 8 条提出的拟议修正案；\n"
    "41. 决定将《养恤基金条例》第 7 条修正案和《基金养恤金调整制度》第 19 段修正\n"
    "案的审议工作推迟到第七十六届会议；\n"
    "2021 年预算估计数\n"
    "42. 回顾行预咨委会报告第 14 段，强调养恤基金必须改进其预算编制的准确性和费用\n"
    "列报方式；\n"
    "43. 核可下表所示人员配置表的变动：\n"
    "A. 养恤金行政管理局\n"
    "A.\n"
    "行动\n"
    "新员额\n"
    "改划\n"
    "改划\n"
    "净变动共计\n"
    "改叙\n"
    "改叙\n"
    "调动(从行政领导和管理调至工作方案)\n"
    "调动(从工作方案调至行政领导和管理)\n"
    "调动(从工作方案调至行政领导和管理)\n"
    "\n"
    "员额职称\n"
    "业务转型和问责股股长\n"
    "方案管理干事(风险)\n"
    "福利助理(业务)\n"
    "\n"
    "类别\n"
    "P-5\n"
    "P-3\n"
    "GS(OL)\n"
    "\n"
    "福利干事\n"
    "会计助理\n"
    "方案管理干事\n"
    "风险干事\n"
    "法律干事(合规)\n"
    "\n"
    "P-3改叙为P-4\n"
    "GS(OL)改叙为GS(PL)\n"
    "P-3\n",
    &src);
  for (size_t k = 0; k < text->n_blocks; ++k) {
    if (unkg_starts_with(block(k)->text, "调动(从工作方案调至行政领导和管理)")) {
      ck_assert_ptr_null(strstr(block(k)->text, "员额职称"));
    }
  }
  ck_assert_str_eq(block(15)->text, "2021年预算估计数");
  ck_assert_str_eq(block(26)->text, "改叙");
}
END_TEST

/* A line as wide as the page among a table's cells, cells of several
 * columns that extraction set on one line, goes on the table where a
 * cell follows it.  Cut from the default extraction of 75/293 rendered as
 * the UN prints it (its item (c) to the end of annex I's table A),
 * checked against the XML's annex: 附件一, A, the title, the table (its
 * rows 员额 / 部/厅 | 组织单位 | 数目 | 职等 | 职务 | 状态 / 业务支助部 …
 * / 共计 8), then the note 注：… and 缩写：… as two p's. */
START_TEST(wide_line_among_cells_is_the_table)
{
  text = tu_normalise(
    "t",
    "部分 3 738 600 美元用作 2021 年 7 月 1 日至 2022 年 6 月 30 日财政期\n"
    "间的所需经费；\n"
    "(d) 缺额 349 880 200 美元由各在役维持和平行动 2021 年 7 月 1 日至\n"
    "2022 年 6 月 30 日财政期间的预算按比例分摊；\n"
    "(e) 工作人员薪金税收入估计数净额 29 125 000 美元，即 2021 年 7 月\n"
    "1 日至 2022 年 6 月 30 日财政期间的 27 361 700 美元加上 2020 年 6 月\n"
    "30 日终了财政期间的增加额 1 763 300 美元，将按比例分配给各在役维持和平\n"
    "行动预算，部分抵冲上文(d)分段所述缺额。\n"
    "第 88 次全体会议\n"
    "2021 年 6 月 30 日\n"
    "\n"
    "4/10 21-08996\n"
    "\n"
    "\fA/RES/75/293\n"
    "\n"
    "附件一\n"
    "A\n"
    "2021 年 7 月 1 日至 2022 年 6 月 30 日期间维持和平行动支助账户下设立\n"
    "的员额\n"
    "部/厅\n"
    "业务支助部\n"
    "支助业务厅\n"
    "\n"
    "组织单位\n"
    "\n"
    "状态\n"
    "\n"
    "医疗保健管理与职业安全和 1 P- 医务干事(医疗质量 从一般临时人\n"
    "健康司\n"
    "4 与安全)\n"
    "员改划\n"
    "小计\n"
    "1\n"
    "\n"
    "管理战略、政策和\n"
    "合规部\n"
    "方案规划、财务和 财务司\n"
    "预算厅\n"
    "小计\n"
    "内部监督事务厅\n"
    "调查司\n"
    "恩德培\n"
    "联合国南苏丹特派团\n"
    "内部审计司\n"
    "\n"
    "员额\n"
    "数 职 职务\n"
    "目 等\n"
    "\n"
    "1 P- 财务干事(会计政策) 从一般临时人\n"
    "4\n"
    "员改划\n"
    "1\n"
    "\n"
    "1\n"
    "2\n"
    "1\n"
    "联合国马里多层面综合稳定 1\n"
    "团\n"
    "联合国中非共和国多层面 综 1\n"
    "合稳定团\n"
    "小计\n"
    "6\n"
    "共计\n"
    "8\n"
    "\n"
    "NGS行政助理\n"
    "P‑3 驻地调查员\n"
    "NGS行政助理\n"
    "P‑3 驻地审计师\n"
    "P‑3 驻地审计师\n"
    "\n"
    "从一般临时人\n"
    "员改划\n"
    "从一般临时人\n"
    "员改划\n"
    "\n"
    "注：秘书长关于维持和平行动支助账户 2021 年 7 月 1 日至 2022 年 6 月\n"
    "30 日期间预算的报告(A/75/785)列出了每个新员额的具体任务和地点，行政和\n"
    "预算问题咨询委员会的有关报告(A/75/849)援用了这些资料。\n"
    "缩写：NGS，本国一般事务人员。\n",
    &src);
  size_t k = 0;
  while (k < text->n_blocks && strcmp(block(k)->text, "A") != 0) {
    ++k;
  }
  ck_assert_uint_eq(k + 5, text->n_blocks);
  ck_assert_str_eq(block(k - 1)->text, "附件一");
  ck_assert(unkg_starts_with(block(k + 1)->text, "2021年7月1日"));
  ck_assert(unkg_starts_with(block(k + 2)->text, "部/厅"));
  ck_assert_ptr_nonnull(strstr(block(k + 2)->text, "医疗保健管理与职业安全和"));
  ck_assert_ptr_nonnull(strstr(block(k + 2)->text, "联合国南苏丹特派团"));
  ck_assert(unkg_starts_with(block(k + 3)->text, "注："));
  ck_assert_str_eq(block(k + 4)->text, "缩写：NGS，本国一般事务人员。");
}
END_TEST

/* Part B of A/RES/75/254 and the first lines of part C, as the default
 * pdftotext extraction of the resolution printed as the UN prints it gives
 * them (the two tests below). */
#define RES_75_254_PART_B \
  "2. 授权秘书长在征得行政和预算问题咨询委员会同意后，在预算各款之间调剂使用\n" \
  "经费；\n" \
  "3. 除上文第 1 段核定批款外，核准 2021 年从图书馆捐赠基金累积收入中批款\n" \
  "75 000 美元，用于支付日内瓦万国宫图书馆购买图书、期刊、地图和图书馆设备的\n" \
  "费用以及支付符合捐赠宗旨和规定的图书馆其他费用。\n" \
  "2020 年 12 月 31 日\n" \
  "第 48 次全体会议(续会)\n" \
  "B\n" \
  "2021 年收入估计数\n" \
  "大会\n" \
  "正式决定，对于 2021 年：\n" \
  "1. 除会员国摊款外，核准共计 302 522 600 美元收入估计数，细目如下：\n" \
  "20-89942 3/5\n" \
  "\n" \
  "\fA/RES/75/254 A-C\n" \
  "收入款次\n" \
  "1. 工作人员薪金税收入\n" \
  "2. 一般收入\n" \
  "3. 服务公众\n" \
  "共计\n" \
  "\n" \
  "数额(美元)\n" \
  "283 437 900\n" \
  "19 265 100\n" \
  "(180 400)\n" \
  "302 522 600\n" \
  "\n" \
  "2. 根据大会 1955 年 12 月 15 日第 973(X)号决议的规定，工作人员薪金税收\n" \
  "入应贷记衡平征税基金账内；\n" \
  "3. 预算批款没有提供经费的联合国邮政管理处、参观事务、统计产品销售、饮食业\n" \
  "务及有关服务、停车场业务、电视服务和出版物销售的直接费用，应由这些活动的收\n" \
  "入支付。\n" \
  "2020 年 12 月 31 日\n" \
  "第 48 次全体会议(续会)\n" \
  "C\n" \
  "2021 年批款的筹措\n" \
  "大会\n" \
  "正式决定，对于 2021 年：\n" \
  "1. 大会在上文决议 A 第 1 段核定的 2021 年预算批款 3 208 080 100 美元应\n" \
  "按照《联合国财务条例和细则》条例 3.1 和 3.2 筹措，1 其中：\n" \
  "(a) 31 371 600 美元来自：上文决议 B 核定的 2021 年工作人员薪金税收入以\n" \
  "外的收入估计数 19 084 700 美元，加上第一卷 2019 年 12 月 31 日终了年度\n" \
  "财务报告和已审计财务报表2 报告的 2018-2019 两年期工作人员薪金税收入以外的\n" \
  "收入增加额 12 286 900 美元；\n" \
  "(b) 649 900 美元是经大会 2020 年 12 月 31 日第 75/253 号决议第二十节核\n"

/* A table announced by a colon whose cells are wide ("国际药物管制、预防犯
 * 罪和恐怖主义及刑事司法") is one paragraph where its run shows a column's
 * end, as under a title.  Cut from the default extraction of 75/254
 * rendered as the UN prints it (the whole resolution: the page's width
 * is read from all its lines), checked against the XML: part A's paragraph 1 "…用于下列用
 * 途：", one table (款次 | 数额(美元), 1 | 通盘决策、领导和协调 | 78 809 400
 * … 共计 | 3 208 080 100), then paragraph 2. */
START_TEST(announced_wide_cells_are_one_paragraph)
{
  text = tu_normalise(
    "t",
    "A/RES/75/254 A-C\n"
    "\n"
    "联合国\n"
    "\n"
    "大会\n"
    "\n"
    "Distr.: General\n"
    "8 January 2021\n"
    "\n"
    "第七十五届会议\n"
    "议程项目 141\n"
    "2021 年拟议方案预算\n"
    "2020 年 12 月 31 日大会决议\n"
    "[根据第五委员会的报告 (A/75/682，第 63 段)]\n"
    "75/254. 2021 年方案预算\n"
    "A\n"
    "2021 年预算批款\n"
    "大会\n"
    "正式决定，对于 2021 年：\n"
    "1. 核准批款共计 3 208 080 100 美元，用于下列用途：\n"
    "款次\n"
    "1\n"
    "2\n"
    "3\n"
    "4\n"
    "5\n"
    "6\n"
    "\n"
    "第一编. 通盘决策、领导和协调\n"
    "通盘决策、领导和协调\n"
    "大会和经济及社会理事会事务和会议管理\n"
    "第一编小计\n"
    "第二编. 政治事务\n"
    "政治事务\n"
    "裁军\n"
    "维持和平行动\n"
    "和平利用外层空间\n"
    "第二编小计\n"
    "第三编. 国际司法和国际法\n"
    "\n"
    "20-89942 (C)\n"
    "*2089942*\n"
    "\n"
    "数额(美元)\n"
    "78 809 400\n"
    "340 979 200\n"
    "419 788 600\n"
    "792 787 700\n"
    "12 859 200\n"
    "55 113 300\n"
    "4 493 600\n"
    "865 253 800\n"
    "\n"
    "\fA/RES/75/254 A-C\n"
    "7\n"
    "8\n"
    "9\n"
    "10\n"
    "11\n"
    "12\n"
    "13\n"
    "14\n"
    "15\n"
    "16\n"
    "17\n"
    "18\n"
    "19\n"
    "20\n"
    "21\n"
    "22\n"
    "23\n"
    "24\n"
    "25\n"
    "26\n"
    "27\n"
    "28\n"
    "29A\n"
    "29B\n"
    "29C\n"
    "29E\n"
    "29F\n"
    "29G\n"
    "\n"
    "国际法院\n"
    "法律事务\n"
    "第三编小计\n"
    "第四编. 国际合作促进发展\n"
    "经济和社会事务\n"
    "最不发达国家、内陆发展中国家和小岛屿发展中国家\n"
    "联合国支助非洲发展新伙伴关系\n"
    "贸易与发展\n"
    "国际贸易中心\n"
    "环境\n"
    "人类住区\n"
    "国际药物管制、预防犯罪和恐怖主义及刑事司法\n"
    "妇女署\n"
    "第四编小计\n"
    "第五编. 区域发展合作\n"
    "非洲经济和社会发展\n"
    "亚洲及太平洋经济和社会发展\n"
    "欧洲经济发展\n"
    "拉丁美洲和加勒比经济和社会发展\n"
    "西亚经济和社会发展\n"
    "技术合作经常方案\n"
    "第五编小计\n"
    "第六编. 人权和人道主义事务\n"
    "人权\n"
    "对难民的国际保护、持久解决和援助\n"
    "巴勒斯坦难民\n"
    "人道主义援助\n"
    "第六编小计\n"
    "第七编. 全球传播\n"
    "全球传播\n"
    "第七编小计\n"
    "第八编. 共同支助事务\n"
    "管理战略、政策和合规部\n"
    "业务支助部\n"
    "信息和通信技术厅\n"
    "行政，日内瓦\n"
    "行政，维也纳\n"
    "行政，内罗毕\n"
    "第八编小计\n"
    "第九编. 内部监督\n"
    "\n"
    "2/5 20-89942\n"
    "\n"
    "30 778 800\n"
    "57 654 500\n"
    "88 433 300\n"
    "83 857 300\n"
    "6 609 300\n"
    "7 823 600\n"
    "73 777 600\n"
    "20 641 500\n"
    "23 720 400\n"
    "12 495 800\n"
    "23 363 100\n"
    "9 719 900\n"
    "262 008 500\n"
    "78 703 600\n"
    "59 071 700\n"
    "36 248 500\n"
    "60 553 700\n"
    "54 559 400\n"
    "35 706 700\n"
    "324 843 600\n"
    "129 916 500\n"
    "43 181 800\n"
    "33 520 900\n"
    "18 166 600\n"
    "224 785 800\n"
    "99 066 100\n"
    "99 066 100\n"
    "54 456 400\n"
    "85 424 400\n"
    "51 518 700\n"
    "76 573 400\n"
    "19 833 500\n"
    "17 257 100\n"
    "305 063 500\n"
    "\n"
    "\fA/RES/75/254 A-C\n"
    "30\n"
    "31\n"
    "32\n"
    "33\n"
    "34\n"
    "35\n"
    "36\n"
    "\n"
    "内部监督\n"
    "第九编小计\n"
    "第十编. 共同出资的行政活动和特别费\n"
    "共同出资的行政活动\n"
    "特别费\n"
    "第十编小计\n"
    "第十一编. 基本建设支出\n"
    "建筑、改建、改良和大修\n"
    "第十一编小计\n"
    "第十二编. 安全和安保\n"
    "安全和安保\n"
    "第十二编小计\n"
    "第十三编. 发展账户\n"
    "发展账户\n"
    "第十三编小计\n"
    "第十四编. 工作人员薪金税\n"
    "工作人员薪金税\n"
    "第十四编小计\n"
    "共计\n"
    "\n"
    "20 789 800\n"
    "20 789 800\n"
    "6 676 800\n"
    "80 302 500\n"
    "86 979 300\n"
    "84 308 800\n"
    "84 308 800\n"
    "130 206 900\n"
    "130 206 900\n"
    "15 199 400\n"
    "15 199 400\n"
    "281 352 700\n"
    "281 352 700\n"
    "3 208 080 100\n"
    "\n"
    RES_75_254_PART_B
    "准，从柬埔寨法院特别法庭 2019 年未支配余额中贷记的数额；\n"
    "(c) 3 176 058 600 美元是按照大会关于联合国经费分摊比额表的 2018 年 12\n"
    "月 22 日第 73/271 号决议向会员国摊派的款额；\n"
    "1 ST/SGB/2013/4 和 ST/SGB/2013/4/Amend.1。\n"
    "2 见《大会正式记录，第七十五届会议，补编第 5 号，第一卷》(A/75/5 (Vol. I))。\n"
    "\n"
    "4/5 20-89942\n"
    "\n"
    "\fA/RES/75/254 A-C\n"
    "\n"
    "2. 根据大会 1955 年 12 月 15 日第 973 (X)号决议规定，各会员国的摊款中应\n"
    "减除会员国在衡平征税基金内共计 283 499 500 美元中各自应分的数额，其中：\n"
    "(a) 283 437 900 美元是上文决议 B 第 1 段核定的 2021 年工作人员薪金税收\n"
    "入估计数；\n"
    "(b) 61 600 美元是第一卷 2019 年 12 月 31 日终了年度财务报告和已审计财务\n"
    "报表3 报告的 2018-2019 两年期工作人员薪金税收入增加额。\n"
    "2020 年 12 月 31 日\n"
    "第 48 次全体会议(续会)\n"
    "\n"
    "3 同上。\n"
    "\n"
    "20-89942 5/5\n",
    &src);
  size_t k = 0;
  while (k < text->n_blocks && !unkg_starts_with(block(k)->text, "1.核准批款")) {
    ++k;
  }
  ck_assert_uint_lt(k + 2, text->n_blocks);
  ck_assert(unkg_starts_with(block(k + 1)->text, "款次"));
  ck_assert_ptr_nonnull(strstr(block(k + 1)->text, "国际药物管制、预防犯罪和恐怖主义及刑事司法"));
  ck_assert_ptr_nonnull(strstr(block(k + 1)->text, "281352700 3208080 100"));
  ck_assert(unkg_starts_with(block(k + 2)->text, "2.授权秘书长"));
}
END_TEST

/* Cells numbered as paragraphs are ("1. 工作人员薪金税收入"): short, with
 * no clause's end, inside a run that shows a column's end, they are the
 * table's, and the paragraphs after it keep their numbers.  Cut from the
 * default extraction of 75/254 rendered as the UN prints it (part B, and
 * part C's first lines), checked against the XML: part B's paragraph 1
 * "…细目如下：", the table (收入款次 | 数额(美元), 1. 工作人员薪金税收入 |
 * 283 437 900 … 共计 | 302 522 600), then paragraphs 2 and 3. */
START_TEST(numbered_cells_are_the_table)
{
  text = tu_normalise(
    "t",
    RES_75_254_PART_B,
    &src);
  size_t k = 0;
  while (k < text->n_blocks && !unkg_starts_with(block(k)->text, "1.除会员国摊款外")) {
    ++k;
  }
  ck_assert_uint_lt(k + 3, text->n_blocks);
  ck_assert(unkg_starts_with(block(k + 1)->text, "收入款次"));
  ck_assert_ptr_nonnull(strstr(block(k + 1)->text, "3.服务公众"));
  ck_assert_ptr_nonnull(strstr(block(k + 1)->text, "数额(美元)"));
  ck_assert_int_eq(block(k + 1)->text[block(k + 1)->len - 1], '0');
  ck_assert(unkg_starts_with(block(k + 2)->text, "2.根据大会"));
  ck_assert(unkg_starts_with(block(k + 3)->text, "3.预算批款"));
}
END_TEST

/* Short lines after a colon that are too few for a table (the closing
 * lines after a paragraph's last line) stay apart. */
START_TEST(few_short_lines_are_no_table)
{
  text = tu_normalise("t",
                      "13. 决定按下列方式筹措维持和平行动支助账户 2021 年 7 月 1 日至 2022\n"
                      "年 6 月 30 日财政期间所需经费：\n"
                      "小计\n1\n共计\n8\n第 88 次全体会议\n",
                      &src);
  ck_assert_uint_gt(text->n_blocks, 2);
  ck_assert_ptr_null(strstr(block(1)->text, "共计"));
}
END_TEST

/* A note whose line was cut short before a long address goes on. */
START_TEST(footnote_line_cut_before_an_address)
{
  text = tu_normalise("t",
                      "注意到报告，¹\n\n¹ 见绿色气候基金的报告，可查阅\n"
                      "www.greenclimate.fund/sites/default/files/document.pdf。\n",
                      &src);
  ck_assert_uint_eq(text->n_blocks, 2);
  ck_assert_str_eq(
    block(1)->text,
    "见绿色气候基金的报告，可查阅www.greenclimate.fund/sites/default/files/document.pdf。");
}
END_TEST

/* 75/84 as pdftotext (default mode) gives it: pages 1 and 2 and the
 * third's running head (the cache's 75_84_C.txt). */
#define RES_75_84_PAGES \
                      "联合国\n" \
                      "\n" \
                      "大会\n" \
                      "\n" \
                      "A/RES/75/84\n" \
                      "Distr.: General\n" \
                      "18 December 2020\n" \
                      "\n" \
                      "第七十五届会议\n" \
                      "议程项目 106\n" \
                      "中东的核扩散危险\n" \
                      "2020 年 12 月 7 日大会决议\n" \
                      "[根据第一委员会的报告 (A/75/402，第 7 段)]\n" \
                      "75/84. 中东的核扩散危险\n" \
                      "大会，\n" \
                      "铭记其各项有关决议，最近的决议为 2019 年 12 月 12 日第 74/75 号决议，\n" \
                      "表示注意到国际原子能机构大会通过的各项有关决议，最近的决议为 2020 年 9 月\n" \
                      "24 日通过的 GC(64)/RES/15号决议，\n" \
                      "认识到中东地区的核武器扩散会对国际和平与安全构成严重威胁，\n" \
                      "念及立即需要将中东地区的所有核设施置于原子能机构的全面保障监督之下，\n" \
                      "回顾不扩散核武器条约缔约国 1995 年审议和延期大会 1995 年 5 月 11 日通过的\n" \
                      "关于核不扩散和裁军原则和目标的决定，1 其中审议和延期大会促请将普遍加入《不扩\n" \
                      "散核武器条约》2 作为优先要务，并促请所有尚未加入《条约》的国家，特别是使用未\n" \
                      "接受保障监督的核设施的国家尽早加入，\n" \
                      "满意地认识到在不扩散核武器条约缔约国 2000 年审议大会的《最后文件》3 中，审\n" \
                      "1 见 《 不 扩 散 核 武 器 条 约 缔 约 国 1995 年 审 议 和 延 期 大 会 ， 最 后 文 件 ， 第 一 部 分 》\n" \
                      "\n" \
                      "(NPT/CONF.1995/32(Part I))，附件。\n" \
                      "2 联合国，《条约汇编》，第 729 卷，第 10485 号。\n" \
                      "3 《 不 扩 散 核 武 器 条 约 缔 约 国 2000 年 审 议 大 会 ， 最 后 文 件 》， 第 一 至 三 卷\n" \
                      "(NPT/CONF.2000/28(Parts I 和\n" \
                      "II) 、 NPT/CONF.2000/28(Part III) 和\n" \
                      "NPT/CONF.2000/28(Part IV))。\n" \
                      "20-14769 (C)\n" \
                      "*2014769*\n" \
                      "\n" \
                      "A/RES/75/84\n" \
                      "\n" \
                      "议大会承诺坚定不移地实现《条约》普遍性的目标，促请尚未加入《条约》的国家加入\n" \
                      "《条约》，从而接受具有法律约束力的国际承诺，不获取核武器或核爆炸装置，接受原\n" \
                      "子能机构对其所有核活动的保障监督，并着重指出必须普遍遵守《条约》，所有缔约国\n" \
                      "均须严格履行《条约》规定的义务，\n" \
                      "回顾条约缔约国 1995 年审议和延期大会 1995 年 5 月 11 日通过的关于中东的决\n" \
                      "议，其中审议和延期大会关切地注意到中东继续存在未接受保障监督的核设施，重申早\n" \
                      "日实现普遍遵守《条约》的重要性，促请尚未加入《条约》的所有中东国家毫无例外地\n" \
                      "尽快加入《条约》，并将其所有核设施置于原子能机构的全面保障监督之下，\n" \
                      "承认在不扩散核武器条约缔约国 2010 年审议大会的《最后文件》4 中，审议大会强\n" \
                      "调必须开展进程推动全面执行 1995年关于中东的决议，并决定除其他外，联合国秘书\n" \
                      "长和 1995 年该项决议的共同提案国与该地区国家协商，于 2012 年召开一次会议，\n" \
                      "由中东所有国家参加，在地区各国自由达成安排的基础上并在核武器国家的充分支持和\n" \
                      "参与下，讨论如何建立中东无核武器和所有其他大规模毁灭性武器区的问题，\n" \
                      "对 2012 年未按规定召开会议以及执行条约缔约国 1995 年审议和延期大会通过的关\n" \
                      "于中东的决议进展甚微表示遗憾和关切，\n" \
                      "在这方面注意到阿拉伯国家联盟旨在建立中东无核武器和所有其他大规模毁灭性武器区\n" \
                      "的相关决议，\n" \
                      "表示赞赏地注意到秘书长的报告，5\n" \
                      "回顾以色列是中东唯一尚未成为条约缔约国的国家，\n" \
                      "关切核武器扩散对中东地区的安全与稳定构成威胁，\n" \
                      "强调指出必须采取建立信任措施，特别是建立中东无核武器区，以便增进该地区的和平\n" \
                      "与安全，巩固全球不扩散机制，\n" \
                      "强调直接有关各方需要根据大会有关决议，认真考虑立即切实采取必要步骤执行建立中\n" \
                      "东无核武器区的建议，并为促进实现这一目标，请有关国家遵守《条约》，在建立无核\n" \
                      "武器区之前，同意将其所有核活动置于原子能机构的保障监督之下，\n" \
                      "注意到已有 184 个国家，包括该地区的一些国家，签署了《全面禁止核试验条\n" \
                      "4 《不扩散核武器条约缔约国\n" \
                      "\n" \
                      "(NPT/CONF.2010/50(Vol.I)\n" \
                      "NPT/CONF.2010/50(Vol.III))。\n" \
                      "5 A/75/182(Part II)。\n" \
                      "2/3 20-14769\n" \
                      "\n" \
                      "2010 年 审 议 大 会 ， 最 后 文 件 》， 第 一 至 三 卷\n" \
                      "、\n" \
                      "NPT/CONF.2010/50(Vol.II)\n" \
                      "和\n" \
                      "\n" \
                      "A/RES/75/84\n" \
                      "\n" \
                      "约》，6\n" \
                      "1. 回顾不扩散核武器条约缔约国 2010 年审议大会关于中东的结论，7 并呼吁迅速、\n"

/* pdftotext (default mode) printed the far pieces of a note's justified,
 * letter-spaced lines after the page's footer, before the next page's
 * running head: they are the note's (its 《 is left open), not the body's,
 * whose paragraph goes on over the page.  Cut from 75/84's extraction
 * (the cache's 75_84_C.txt, pages 1 and 2 and the third's head), checked
 * against 75_84_C.xml:
 * note 4 cites NPT/CONF.2010/50(Vol.II), and the paragraph reads
 * "…签署了《全面禁止核试验条约》，". */
START_TEST(pieces_after_the_footer_are_the_open_note)
{
  text = tu_normalise("t",
                      RES_75_84_PAGES,
                      &src);
  const UnkgBlock* pp = NULL;
  const UnkgBlock* n4 = NULL;
  for (size_t k = 0; k < text->n_blocks; ++k) {
    const UnkgBlock* b = block(k);
    if (unkg_starts_with(b->text, "注意到已有")) {
      pp = b;
    } else if ((b->flags & UNKG_BLOCK_FOOTNOTE) && !strcmp(b->label, "4")) {
      n4 = b;
    }
  }
  ck_assert_ptr_nonnull(pp);
  /* note 6 is on the next page, beyond the cut: its marker stays */
  ck_assert_str_eq(pp->text, "注意到已有184个国家，包括该地区的一些国家，签署了《全面禁止核试验条约》，6");
  ck_assert_ptr_nonnull(n4);
  ck_assert_ptr_nonnull(strstr(n4->text, "NPT/CONF.2010/50(Vol.II)"));
  ck_assert_ptr_nonnull(strstr(n4->text, "第一至三卷"));
}
END_TEST

/* A page with no open note keeps what stands after its footer. */
START_TEST(pieces_after_the_footer_with_no_open_note_stay)
{
  /* The same pages with note 4's 《 closed (the only change): no note is
   * left open, and the pieces stay where extraction put them. */
  const char* from = "4 《不扩散核武器条约缔约国\n";
  const char* in   = RES_75_84_PAGES;
  const char* at   = strstr(in, from);
  ck_assert_ptr_nonnull(at);
  UnkgBuf b = {0};
  ck_assert_int_eq(unkg_buf_printf(&b, "%.*s4 《不扩散核武器条约缔约国》\n%s", (int)(at - in), in,
                                   at + strlen(from)),
                   UNKG_OK);
  text = tu_normalise("t", b.data, &src);
  unkg_buf_clear(&b);
  bool n4 = false;
  for (size_t k = 0; k < text->n_blocks; ++k) {
    if ((block(k)->flags & UNKG_BLOCK_FOOTNOTE) && !strcmp(block(k)->label, "4")) {
      n4 = true;
      ck_assert_ptr_null(strstr(block(k)->text, "(Vol.II)"));
    }
  }
  ck_assert(n4);
}
END_TEST

START_TEST(markup_leftovers)
{
  text = tu_normalise("t", "2. **认为**进一步研究；\n\n3. <b>Urges</b> all __States__ to act;\n",
                      &src);
  ck_assert_uint_eq(text->n_blocks, 2);
  ck_assert_str_eq(block(0)->text, "2.认为进一步研究；");
  ck_assert_str_eq(block(1)->text, "3. Urges all States to act;");
}
END_TEST

/* A run of three stars standing alone is a printed separator (75/1, as
 * pdftotext gives it and as the XML holds it: "***"), not bold markup. */
START_TEST(separator_stars_are_no_markup)
{
  text = tu_normalise("t", "16. 我们将加强全社会合作。\n\n***\n\n17. 我们将**坚守**承诺。\n", &src);
  ck_assert_uint_eq(text->n_blocks, 3);
  ck_assert_str_eq(block(1)->text, "***");
  ck_assert_str_eq(block(2)->text, "17.我们将坚守承诺。");
}
END_TEST

START_TEST(full_width_digits_and_letters)
{
  text = tu_normalise("t", "第７１／２８号决议和ＡＢＣ组织，（ａ）项；\n", &src);
  ck_assert_str_eq(block(0)->text, "第71/28号决议和ABC组织，(a)项；");
  /* The map still points at the full-width source characters. */
  ck_assert_uint_eq(block(0)->map[strlen("第")], strlen("第"));
  ck_assert_uint_eq(block(0)->map[strlen("第7")], strlen("第７"));
}
END_TEST

/* pdftotext prints a bracket before 《 or “ after the mark (75/189,
 * A/RES/75/291: "《( 纳尔逊·曼德拉规则》)", "“( 软”目标)"); put back.  A
 * mark before a bracket that never closes stays as it is. */
START_TEST(bracket_before_title_mark)
{
  text = tu_normalise("t",
                      "《( 纳尔逊·曼德拉规则》)以及公共场所“( 软”目标)遭受袭击，\n\n"
                      "见《(草案\n",
                      &src);
  ck_assert_str_eq(block(0)->text, "(《纳尔逊·曼德拉规则》)以及公共场所(“软”目标)遭受袭击，");
  ck_assert_str_eq(block(1)->text, "见《(草案");
}
END_TEST

START_TEST(numbers_written_with_spaces)
{
  text = tu_normalise("t",
                      "加拿大已投入 1 100 万美元，\n\n2016 年 12 月 5 日通过，\n\n"
                      "共 1 875 小时和 1 000 000 人，\n\n见 A/70/174 2 000 次。\n\n2015 2016 年\n",
                      &src);
  ck_assert_str_eq(block(0)->text, "加拿大已投入1100万美元，");
  ck_assert_str_eq(block(1)->text, "2016年12月5日通过，");
  ck_assert_str_eq(block(2)->text, "共1875小时和1000000人，");
  /* A symbol's last part is not the head of a number group. */
  ck_assert_str_eq(block(3)->text, "见A/70/174 2000次。");
  /* Two four-digit numbers are not one number. */
  ck_assert_str_eq(block(4)->text, "2015 2016年");
}
END_TEST

START_TEST(page_number_and_barcode_lines_removed)
{
  text = tu_normalise("t", "第一段。\n\n3\n\n*1713876*\n\nGE.17-13876\n\n第二段。\n", &src);
  ck_assert_uint_eq(text->n_blocks, 2);
  ck_assert_str_eq(block(1)->text, "第二段。");
}
END_TEST

START_TEST(terminal_punctuation)
{
  ck_assert(unkg_text_is_terminal("报告。”", strlen("报告。”")));
  ck_assert(unkg_text_is_terminal("指南；³", strlen("指南；³")));
  ck_assert(unkg_text_is_terminal("as follows:", strlen("as follows:")));
  ck_assert(!unkg_text_is_terminal("决议，", strlen("决议，")));
  ck_assert(!unkg_text_is_terminal("欧洲安", strlen("欧洲安")));
}
END_TEST

START_TEST(normalise_string_matches_text_form)
{
  char* s = NULL;
  ck_assert_int_eq(unkg_normalise_string("《塔林手册 2.0》", &s), UNKG_OK);
  ck_assert_str_eq(s, "《塔林手册2.0》");
  free(s);
}
END_TEST

/* Strings take a one-pass path when clean-up is only spaces and widths,
 * and the character-array path otherwise: both give the text form. */
START_TEST(normalise_string_both_paths)
{
  static const char* const cases[][2] = {
    {"  Alpha\t\nBeta  ", "Alpha Beta"},    /* trimmed, runs collapsed */
    {"中 国", "中国"},                      /* no space next to Chinese */
    {"a\xEF\xBB\xBF b", "a b"},             /* BOM dropped */
    {"a \xC2\xAD b", "a b"},                /* soft hyphen dropped, spaces joined */
    {"a\u3000b", "a b"},                    /* ideographic space between Latin */
    {"ＡＢＣ（１）", "ABC(1)"},             /* full width folded */
    {"1 000 000 people", "1000000 people"}, /* digit groups joined */
    {"2016 12", "2016 12"},                 /* not a digit group */
    {"**bold** text", "bold text"},         /* markup */
    {"x\xC2\xB2 y", "x y"},                 /* a footnote marker removed */
    {"A 中 B", "A中B"},                     /* CJK, taken at once: spaces dropped */
    {"가 나", "가 나"},                     /* Hangul is no Chinese: the space stays */
    {"《 A 》", "《A》"},                   /* title marks are Chinese */
    {"x ，y", "x，y"},                      /* so is full-width punctuation */
    {"第 2 号 12 345", "第2号12345"},       /* ASCII, taken at once, then a group */
    {" Генеральная  Ассамблея ", "Генеральная Ассамблея"}, /* two bytes, at once */
    {"الجمعية 中 Ж", "الجمعية中Ж"},                        /* beside CJK, no space */
    {"", ""},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
    char* s = NULL;
    ck_assert_int_eq(unkg_normalise_string(cases[i][0], &s), UNKG_OK);
    ck_assert_str_eq(s, cases[i][1]);
    free(s);
  }
}
END_TEST

/* Every byte of the normalised report that was not rewritten can be found
 * at its mapped offset in the source, and the map never goes backwards. */
START_TEST(map_round_trip_on_sample_report)
{
  size_t        len;
  char*         in = tu_slurp("corpus/A_72_315.zh.txt", &len);
  UnkgDiag      d  = {0};
  const UnkgCtx c  = tu_ctx("A_72_315.zh.txt", &d);
  ck_assert_int_eq(unkg_source_from_bytes(&c, "A_72_315.zh.txt", in, len, &src), UNKG_OK);
  ck_assert_int_eq(unkg_normalise(&c, src, &text), UNKG_OK);
  ck_assert_str_eq(text->running_symbol, "A/72/315");
  size_t checked = 0;
  for (size_t b = 0; b < text->n_blocks; ++b) {
    const UnkgBlock* blk = &text->blocks[b];
    for (size_t i = 0; i < blk->len;) {
      uint32_t cp;
      size_t   l = unkg_utf8_decode((const unsigned char*)blk->text + i, blk->len - i, &cp);
      ck_assert_uint_gt(l, 0);
      if (i > 0) {
        ck_assert_uint_ge(blk->map[i], blk->map[i - 1]);
      }
      if (cp >= 0x4E00 && cp <= 0x9FFF) {
        ck_assert_int_eq(memcmp(in + blk->map[i], blk->text + i, l), 0);
        ++checked;
      }
      i += l;
    }
    ck_assert_uint_le(blk->map[blk->len], len);
  }
  ck_assert_uint_gt(checked, 10000);
  free(in);
}
END_TEST

static Suite*
normalise_suite(void)
{
  Suite* s  = suite_create("normalise");
  TCase* tc = tcase_create("artefacts");
  tcase_add_checked_fixture(tc, NULL, teardown);
  tcase_add_test(tc, bom_crlf_trailing_blank_runs);
  tcase_add_test(tc, cr_only_line_ends);
  tcase_add_test(tc, hard_wraps_headers_and_split_word);
  tcase_add_test(tc, page_break_without_header_lines);
  tcase_add_test(tc, latin_words_joined_with_one_space);
  tcase_add_test(tc, footnote_marker_and_body);
  tcase_add_test(tc, footnote_body_inside_a_wrapped_paragraph);
  tcase_add_test(tc, running_title_under_running_heads);
  tcase_add_test(tc, running_head_followed_by_text_like_the_cover);
  tcase_add_test(tc, running_head_with_part_letter);
  tcase_add_test(tc, blank_separated_paragraphs_keep_their_wraps);
  tcase_add_test(tc, double_spaced_title_over_a_colon);
  tcase_add_test(tc, table_rows_are_one_paragraph);
  tcase_add_test(tc, layout_table_rows_are_one_paragraph);
  tcase_add_test(tc, layout_one_cell_rows_are_the_table);
  tcase_add_test(tc, column_cells_are_one_paragraph);
  tcase_add_test(tc, few_short_lines_are_no_table);
  tcase_add_test(tc, table_under_its_title_is_one_paragraph);
  tcase_add_test(tc, short_lines_under_a_title_are_no_table);
  tcase_add_test(tc, cells_above_are_no_heading);
  tcase_add_test(tc, wide_line_among_cells_is_the_table);
  tcase_add_test(tc, announced_wide_cells_are_one_paragraph);
  tcase_add_test(tc, numbered_cells_are_the_table);
  tcase_add_test(tc, footnote_line_cut_before_an_address);
  tcase_add_test(tc, markup_leftovers);
  tcase_add_test(tc, separator_stars_are_no_markup);
  tcase_add_test(tc, pieces_after_the_footer_are_the_open_note);
  tcase_add_test(tc, pieces_after_the_footer_with_no_open_note_stay);
  tcase_add_test(tc, full_width_digits_and_letters);
  tcase_add_test(tc, bracket_before_title_mark);
  tcase_add_test(tc, numbers_written_with_spaces);
  tcase_add_test(tc, page_number_and_barcode_lines_removed);
  tcase_add_test(tc, terminal_punctuation);
  tcase_add_test(tc, plain_digit_markers_beside_dates_and_lists);
  tcase_add_test(tc, note_numbered_past_a_gap);
  tcase_add_test(tc, spaced_marker_before_a_unit_word);
  tcase_add_test(tc, marker_glued_to_a_resolution_number);
  tcase_add_test(tc, marker_glued_to_a_shorter_number);
  tcase_add_test(tc, note_number_printed_after_its_text);
  tcase_add_test(tc, only_note_printed_after_its_text);
  tcase_add_test(tc, page_width_not_from_a_table);
  tcase_add_test(tc, note_of_symbols_run_on_above_the_next);
  tcase_add_test(tc, last_pages_only_note_printed_after_its_text);
  tcase_add_test(tc, normalise_string_matches_text_form);
  tcase_add_test(tc, normalise_string_both_paths);
  tcase_add_test(tc, map_round_trip_on_sample_report);
  tcase_add_test(tc, block_text_and_map_made_to_size);
  suite_add_tcase(s, tc);
  return s;
}

int
main(void)
{
  return tu_run(normalise_suite());
}
