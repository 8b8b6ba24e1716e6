/* The document model: parts, their offset maps, and the lists a document
 * owns.  Leaks and double frees show under valgrind (.ci/test). */
#include "buf.h"
#include "doc.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static UnkgDoc* doc;

static void
setup(void)
{
  doc = unkg_doc_new(UNKG_GENRE_RESOLUTION, "zh");
  ck_assert_ptr_nonnull(doc);
}

static void
teardown(void)
{
  unkg_doc_free(doc);
  doc = NULL;
}

START_TEST(free_null)
{
  unkg_doc_free(NULL);
}
END_TEST

START_TEST(new_doc_is_empty)
{
  ck_assert_int_eq(doc->genre, UNKG_GENRE_RESOLUTION);
  ck_assert_str_eq(doc->lang, "zh");
  ck_assert_uint_eq(doc->n_parts, 0);
  ck_assert_uint_eq(doc->n_commitments, 0);
  ck_assert_ptr_null(doc->symbol);
  ck_assert_int_eq(doc->session, 0);
  UnkgDoc* report = unkg_doc_new(UNKG_GENRE_REPORT, "en");
  ck_assert_int_eq(report->genre, UNKG_GENRE_REPORT);
  ck_assert_str_eq(report->lang, "en");
  unkg_doc_free(report);
}
END_TEST

START_TEST(add_part_grows_and_keeps_earlier_parts)
{
  /* More than the first block of parts, so the array moves. */
  for (unsigned i = 0; i < 100; ++i) {
    UnkgPart* p = unkg_doc_add_part(doc, i % 2 ? UNKG_PART_OPERATIVE : UNKG_PART_PREAMBULAR);
    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_eq(p, &doc->parts[i]);
    /* A new part is zeroed and belongs to nothing. */
    ck_assert_int_eq(p->parent, -1);
    ck_assert_int_eq(p->reply, -1);
    ck_assert_int_eq(p->heading, -1);
    ck_assert_int_eq(p->question, -1);
    ck_assert_ptr_null(p->text);
    ck_assert_ptr_null(p->map);
    ck_assert_uint_eq(p->n_notes, 0);
    ck_assert_uint_eq(p->n_cites, 0);
    char path[16];
    snprintf(path, sizeof path, "p/%u", i);
    p->path    = unkg_strdup(path);
    p->ordinal = i + 1;
  }
  ck_assert_uint_eq(doc->n_parts, 100);
  ck_assert_uint_ge(doc->cap_parts, 100);
  for (unsigned i = 0; i < 100; ++i) {
    char path[16];
    snprintf(path, sizeof path, "p/%u", i);
    ck_assert_str_eq(doc->parts[i].path, path);
    ck_assert_uint_eq(doc->parts[i].ordinal, i + 1);
    ck_assert_int_eq(doc->parts[i].kind, i % 2 ? UNKG_PART_OPERATIVE : UNKG_PART_PREAMBULAR);
  }
  ck_assert_ptr_eq(tu_part(doc, "p/57"), &doc->parts[57]);
}
END_TEST

/* Parts and commitments grow by a share of what they hold, not by one
 * (thousands of actions copied the array for each), and keep what they
 * hold when trimmed to it. */
START_TEST(arrays_grow_by_half_and_trim)
{
  for (unsigned i = 0; i < 1000; ++i) {
    UnkgCommitment* c = unkg_doc_add_commitment(doc);
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->parent, -1);
    ck_assert_ptr_null(c->path);
    c->part = (int)i;
    ck_assert_ptr_nonnull(unkg_doc_add_part(doc, UNKG_PART_TEXT));
  }
  ck_assert_uint_gt(doc->cap_commitments, 1000);
  ck_assert_uint_lt(doc->cap_commitments, 1600);
  ck_assert_uint_gt(doc->cap_parts, 1000);
  unkg_doc_trim(doc);
  ck_assert_uint_eq(doc->cap_commitments, 1000);
  ck_assert_uint_eq(doc->cap_parts, 1000);
  for (unsigned i = 0; i < 1000; ++i) {
    ck_assert_int_eq(doc->commitments[i].part, (int)i);
    ck_assert_int_eq(doc->parts[i].kind, UNKG_PART_TEXT);
  }
  ck_assert_ptr_nonnull(unkg_doc_add_commitment(doc)); /* still grows after a trim */
  ck_assert_uint_eq(doc->n_commitments, 1001);
}
END_TEST

/* What the graph builder frees as it goes: a built part keeps only its
 * path, kind, numbers and indexes; the parts array is cut behind; the
 * commitments go at once; a trim drops the readers' counts, which start
 * again if a reader counts after it. */
START_TEST(release_and_cut_keep_what_later_parts_need)
{
  for (int i = 0; i < 3; ++i) {
    UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_OPERATIVE);
    ck_assert_int_eq(unkg_part_path(p, "op/%d", i + 1), UNKG_OK);
    ck_assert_int_eq(unkg_part_set_text(p, "text", 4, NULL), UNKG_OK);
    ck_assert_int_eq(unkg_part_add_note(p, "1"), UNKG_OK);
    ck_assert_int_eq(unkg_part_add_cite(p, UNKG_CITE_RESOLUTION, "A/RES/1/1", NULL, 0), UNKG_OK);
    p->parent  = i - 1;
    p->ordinal = (unsigned)i + 1;
  }
  unsigned before = 9;
  ck_assert_int_eq(unkg_doc_count_key(doc, "k", &before), UNKG_OK);
  ck_assert_uint_eq(before, 0);
  ck_assert_ptr_nonnull(unkg_doc_add_commitment(doc));
  unkg_doc_trim(doc);
  ck_assert_int_eq(unkg_doc_count_key(doc, "k", &before), UNKG_OK);
  ck_assert_uint_eq(before, 0); /* counted anew */
  unkg_doc_release_commitments(doc);
  ck_assert_ptr_null(doc->commitments);
  ck_assert_uint_eq(doc->n_commitments, 0);
  unkg_part_release(&doc->parts[2]);
  const UnkgPart* p = &doc->parts[2];
  ck_assert_str_eq(p->path, "op/3");
  ck_assert_int_eq(p->kind, UNKG_PART_OPERATIVE);
  ck_assert_int_eq(p->parent, 1);
  ck_assert_uint_eq(p->ordinal, 3);
  ck_assert_ptr_null(p->text);
  ck_assert_ptr_null(p->cites);
  ck_assert_uint_eq(p->n_cites, 0);
  ck_assert_uint_eq(p->n_notes, 0);
  unkg_doc_cut_parts(doc, 5); /* past the end: nothing */
  ck_assert_uint_eq(doc->n_parts, 3);
  unkg_doc_cut_parts(doc, 1);
  ck_assert_uint_eq(doc->n_parts, 1);
  ck_assert_str_eq(doc->parts[0].path, "op/1");
  ck_assert_str_eq(doc->parts[0].text, "text");
  ck_assert_uint_eq(doc->parts[0].n_cites, 1);
  unkg_doc_cut_parts(doc, 0);
  ck_assert_uint_eq(doc->n_parts, 0);
  ck_assert_ptr_null(doc->parts);
  ck_assert_ptr_nonnull(unkg_doc_add_part(doc, UNKG_PART_TEXT)); /* still grows */
}
END_TEST

START_TEST(set_text_copies_text_and_map)
{
  UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_OPERATIVE);
  /* "a中b": 中 stands for a 4-byte source character at 11. */
  uint32_t map[]  = {10, 11, 11, 11, 15, 16};
  char     text[] = "a中b";
  ck_assert_int_eq(unkg_part_set_text(p, text, 5, map), UNKG_OK);
  ck_assert_str_eq(p->text, "a中b");
  ck_assert_uint_eq(p->begin, 10);
  ck_assert_uint_eq(p->end, 16);
  ck_assert_ptr_ne(p->map, map);
  ck_assert_ptr_ne(p->text, text);
  /* Copies: the caller's arrays may change afterwards. */
  map[0]  = 99;
  map[5]  = 99;
  text[0] = 'z';
  ck_assert_uint_eq(unkg_part_offset(p, 0), 10);
  ck_assert_uint_eq(unkg_part_offset(p, 5), 16);
  ck_assert_str_eq(p->text, "a中b");
  /* Only len bytes are taken. */
  UnkgPart* q = unkg_doc_add_part(doc, UNKG_PART_OPERATIVE);
  ck_assert_int_eq(unkg_part_set_text(q, "abcdef", 3, (const uint32_t[]){0, 1, 2, 7}), UNKG_OK);
  ck_assert_str_eq(q->text, "abc");
  ck_assert_uint_eq(q->end, 7);
}
END_TEST

/* The offsets are held as runs, and give back every offset they were
 * given: text that is the source's own bytes is one run, and any other
 * map (characters folded, lines joined, offsets out of order) comes back
 * byte for byte. */
START_TEST(offset_runs_give_back_every_offset)
{
  /* 1-, 2-, 3- and 4-byte characters. */
  static const char* chars[] = {"a", "\xc3\xa9", "\xe4\xb8\xad", "\xf0\x9f\x98\x80", " "};
  char               text[4096];
  uint32_t           map[4097];
  size_t             len = 0;
  unsigned           x   = 1;
  while (len < sizeof text - 8) {
    x             = x * 1103515245u + 12345u;
    const char* c = chars[(x >> 16) % 5];
    memcpy(text + len, c, strlen(c));
    len += strlen(c);
  }
  text[len] = '\0';
  for (int shape = 0; shape < 3; ++shape) {
    size_t off = 100;
    for (size_t i = 0; i <= len; ++i) {
      bool start = i == len || ((unsigned char)text[i] & 0xC0) != 0x80;
      x          = x * 1103515245u + 12345u;
      if (shape == 0) {
        off = start ? 100 + i : map[i - 1]; /* the source's own bytes */
      } else if (shape == 1 && start && i > 0) {
        off += 1 + (x >> 16) % 4; /* each character folded or not, lines joined */
      } else if (shape == 2) {
        off = (x >> 8) % 100000; /* anything at all */
      }
      map[i] = (uint32_t)off;
    }
    UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_TEXT);
    ck_assert_int_eq(unkg_part_set_text(p, text, len, map), UNKG_OK);
    for (size_t i = 0; i <= len; ++i) {
      ck_assert_uint_eq(unkg_part_offset(p, i), map[i]);
    }
    if (shape == 0) {
      ck_assert_uint_eq(p->map->n, 1);
    }
  }
}
END_TEST

START_TEST(set_text_again_replaces_and_null_map_drops_offsets)
{
  UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_TEXT);
  ck_assert_int_eq(unkg_part_set_text(p, "abc", 3, (const uint32_t[]){5, 6, 7, 8}), UNKG_OK);
  ck_assert_uint_eq(p->begin, 5);
  ck_assert_uint_eq(p->end, 8);
  /* XML input: no source offsets; the old map must not survive. */
  ck_assert_int_eq(unkg_part_set_text(p, "xy", 2, NULL), UNKG_OK);
  ck_assert_str_eq(p->text, "xy");
  ck_assert_ptr_null(p->map);
  ck_assert_uint_eq(p->begin, 0);
  ck_assert_uint_eq(p->end, 0);
  size_t b = 1, e = 1;
  unkg_part_span(p, 1, 1, &b, &e);
  ck_assert_uint_eq(b, 0);
  ck_assert_uint_eq(e, 0);
}
END_TEST

START_TEST(span_maps_sub_strings_to_source_offsets)
{
  UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_OPERATIVE);
  /* "a中b" as above; every byte of 中 maps to its source start, 11. */
  ck_assert_int_eq(unkg_part_set_text(p, "a中b", 5, (const uint32_t[]){10, 11, 11, 11, 15, 16}),
                   UNKG_OK);
  size_t b, e;
  unkg_part_span(p, 0, 1, &b, &e); /* "a" */
  ck_assert_uint_eq(b, 10);
  ck_assert_uint_eq(e, 11);
  unkg_part_span(p, 1, 3, &b, &e); /* "中": its end is where b starts */
  ck_assert_uint_eq(b, 11);
  ck_assert_uint_eq(e, 15);
  unkg_part_span(p, 0, 2, &b, &e); /* ends inside 中: stepped past all of it */
  ck_assert_uint_eq(b, 10);
  ck_assert_uint_eq(e, 15);
  unkg_part_span(p, 4, 1, &b, &e); /* "b", the last byte: the part's end */
  ck_assert_uint_eq(b, 15);
  ck_assert_uint_eq(e, 16);
  unkg_part_span(p, 1, 0, &b, &e); /* empty span: begin = end */
  ck_assert_uint_eq(b, 11);
  ck_assert_uint_eq(e, 11);
  unkg_part_span(p, 3, 100, &b, &e); /* clamped to the text */
  ck_assert_uint_eq(b, 11);
  ck_assert_uint_eq(e, 16);
  unkg_part_span(p, 99, 1, &b, &e); /* past the end: an empty span at the end */
  ck_assert_uint_eq(b, 16);
  ck_assert_uint_eq(e, 16);
}
END_TEST

START_TEST(notes_and_citations_are_kept_once)
{
  UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_PREAMBULAR);
  ck_assert_int_eq(unkg_part_add_note(p, "1"), UNKG_OK);
  ck_assert_int_eq(unkg_part_add_note(p, "2"), UNKG_OK);
  ck_assert_int_eq(unkg_part_add_note(p, "1"), UNKG_OK);
  ck_assert_uint_eq(p->n_notes, 2);
  ck_assert_str_eq(p->notes[0], "1");
  ck_assert_str_eq(p->notes[1], "2");

  ck_assert_int_eq(unkg_part_add_cite(p, UNKG_CITE_RESOLUTION, "A/RES/70/1", NULL, 3), UNKG_OK);
  ck_assert_int_eq(unkg_part_add_cite(p, UNKG_CITE_DOCUMENT, "A/70/174", "2015-07-20", 40), UNKG_OK);
  /* A second mention of a target adds no citation, but fills a missing date. */
  ck_assert_int_eq(unkg_part_add_cite(p, UNKG_CITE_RESOLUTION, "A/RES/70/1", "2015-09-25", 90),
                   UNKG_OK);
  ck_assert_int_eq(unkg_part_add_cite(p, UNKG_CITE_DOCUMENT, "A/70/174", "1999-01-01", 95), UNKG_OK);
  ck_assert_uint_eq(p->n_cites, 2);
  ck_assert_int_eq(p->cites[0].kind, UNKG_CITE_RESOLUTION);
  ck_assert_str_eq(p->cites[0].symbol, "A/RES/70/1");
  ck_assert_str_eq(p->cites[0].date, "2015-09-25");
  ck_assert_uint_eq(p->cites[0].pos, 3);
  ck_assert_ptr_null(p->cites[0].act);
  ck_assert_int_eq(p->cites[1].kind, UNKG_CITE_DOCUMENT);
  ck_assert_str_eq(p->cites[1].date, "2015-07-20");
  ck_assert_uint_eq(p->cites[1].pos, 40);

  const UnkgEntity e = {.iri = "https://example.org/e"};
  ck_assert_int_eq(unkg_part_add_mention(p, &e, 4, 6), UNKG_OK);
  ck_assert_int_eq(unkg_part_add_mention(p, &e, 20, 3), UNKG_OK);
  ck_assert_uint_eq(p->n_mentions, 2);
  ck_assert_ptr_eq(p->mentions[1].entity, &e);
  ck_assert_uint_eq(p->mentions[1].pos, 20);
  ck_assert_uint_eq(p->mentions[1].len, 3);
}
END_TEST

START_TEST(document_lists)
{
  ck_assert_int_eq(unkg_doc_add_note_date(doc, "2017-02-01"), UNKG_OK);
  ck_assert_int_eq(unkg_doc_add_note_date(doc, "2017-03-01"), UNKG_OK);
  ck_assert_int_eq(unkg_doc_add_note_date(doc, "2017-02-01"), UNKG_OK);
  ck_assert_uint_eq(doc->rep.n_note_dates, 2);
  ck_assert_str_eq(doc->rep.note_dates[1], "2017-03-01");

  ck_assert_int_eq(unkg_strings_add(&doc->akn.subjects, &doc->akn.n_subjects, "x:a"), UNKG_OK);
  ck_assert_int_eq(unkg_strings_add(&doc->akn.subjects, &doc->akn.n_subjects, "x:b"), UNKG_OK);
  ck_assert_int_eq(unkg_strings_add(&doc->akn.subjects, &doc->akn.n_subjects, "x:a"), UNKG_OK);
  ck_assert_uint_eq(doc->akn.n_subjects, 2);
  ck_assert_str_eq(doc->akn.subjects[0], "x:a");
  ck_assert_str_eq(doc->akn.subjects[1], "x:b");
  ck_assert_int_eq(unkg_strings_add(&doc->agenda_items, &doc->n_agenda_items, "14"), UNKG_OK);
  ck_assert_int_eq(unkg_strings_add(&doc->akn.subject_labels, &doc->akn.n_subject_labels, "和平"),
                   UNKG_OK);

  const UnkgEntity fra = {.iri = "https://example.org/FRA"};
  ck_assert_int_eq(unkg_doc_add_vote(doc, UNKG_VOTE_YES, &fra, "FRANCE"), UNKG_OK);
  ck_assert_int_eq(unkg_doc_add_vote(doc, UNKG_VOTE_NONVOTING, NULL, NULL), UNKG_OK);
  ck_assert_uint_eq(doc->akn.n_votes, 2);
  ck_assert_int_eq(doc->akn.votes[0].kind, UNKG_VOTE_YES);
  ck_assert_ptr_eq(doc->akn.votes[0].state, &fra);
  ck_assert_str_eq(doc->akn.votes[0].name, "FRANCE");
  ck_assert_ptr_null(doc->akn.votes[1].name);

  ck_assert_int_eq(unkg_doc_add_sponsor(doc, &fra, "France", 0), UNKG_OK);
  ck_assert_int_eq(unkg_doc_add_sponsor(doc, NULL, "Atlantis", 1), UNKG_OK);
  ck_assert_uint_eq(doc->akn.n_sponsors, 2);
  ck_assert_str_eq(doc->akn.sponsors[1].name, "Atlantis");
  ck_assert_ptr_null(doc->akn.sponsors[1].state);
  ck_assert_int_eq(doc->akn.sponsors[1].additional, 1);

  UnkgCommitment* c = unkg_doc_add_commitment(doc);
  ck_assert_ptr_nonnull(c);
  ck_assert_int_eq(c->parent, -1);
  ck_assert_ptr_null(c->path);
  ck_assert_str_eq(c->date, "");
  c->path        = unkg_strdup("op/1/request");
  c->object_text = unkg_strdup("报告");
  c              = unkg_doc_add_commitment(doc);
  c->parent      = 0;
  ck_assert_uint_eq(doc->n_commitments, 2);
  ck_assert_str_eq(doc->commitments[0].path, "op/1/request");
  ck_assert_int_eq(doc->commitments[1].parent, 0);
}
END_TEST

/* Every owned field set at once: the free must release them all. */
START_TEST(free_releases_a_full_document)
{
  doc->symbol               = unkg_strdup("A/RES/71/28");
  doc->res.number           = unkg_strdup("71/28");
  doc->source_name          = unkg_strdup("A_RES_71_28.zh.txt");
  doc->agenda_item          = unkg_strdup("93");
  doc->res.adoption_date    = unkg_strdup("2016-12-05");
  doc->res.committee        = unkg_strdup("第一委员会");
  doc->res.committee_report = unkg_strdup("A/71/445");
  doc->res.draft            = unkg_strdup("A/71/L.5");
  doc->title                = unkg_strdup("标题");
  doc->res.formula          = unkg_strdup("大会，");
  doc->res.closing_date     = unkg_strdup("2016-12-05");
  doc->rep.responds_to      = unkg_strdup("A/RES/70/237");
  doc->rep.responds_para    = unkg_strdup("3");
  doc->rep.cutoff_date      = unkg_strdup("2017-05-31");
  doc->akn.work             = unkg_strdup("/akn/un/x");
  doc->akn.expression       = unkg_strdup("/akn/un/x/zho");
  doc->akn.issued           = unkg_strdup("2016-12-09");
  doc->agenda_title         = unkg_strdup("议程");
  doc->res.report_para      = unkg_strdup("7");
  doc->res.record           = unkg_strdup("A/71/PV.55");
  doc->akn.vote_outcome     = unkg_strdup("adoptedRecordedVote");
  doc->akn.sponsor_note     = unkg_strdup("submitted by the Chair");
  UnkgPart* p               = unkg_doc_add_part(doc, UNKG_PART_REPLY);
  p->path                   = unkg_strdup("reply/FRA");
  p->num                    = unkg_strdup("1");
  p->lead                   = unkg_strdup("回顾");
  UnkgPartMore* more        = unkg_part_more(p);
  ck_assert_ptr_nonnull(more);
  more->date      = unkg_strdup("2017-03-01");
  more->orig_lang = unkg_strdup("fr");
  more->asked_by  = unkg_strdup("op/3");
  more->akn_eid   = unkg_strdup("para_1");
  ck_assert_int_eq(unkg_part_set_text(p, "x", 1, (const uint32_t[]){0, 1}), UNKG_OK);
  ck_assert_int_eq(unkg_part_add_note(p, "1"), UNKG_OK);
  ck_assert_int_eq(unkg_part_add_cite(p, UNKG_CITE_DOCUMENT, "A/1", "2000-01-01", 0), UNKG_OK);
  ck_assert_int_eq(unkg_part_add_mention(p, NULL, 0, 1), UNKG_OK);
  ck_assert_int_eq(unkg_doc_add_note_date(doc, "2017-01-01"), UNKG_OK);
  ck_assert_int_eq(unkg_doc_add_vote(doc, UNKG_VOTE_NO, NULL, "X"), UNKG_OK);
  ck_assert_int_eq(unkg_doc_add_sponsor(doc, NULL, "Y", 0), UNKG_OK);
  ck_assert_int_eq(unkg_strings_add(&doc->akn.subjects, &doc->akn.n_subjects, "s"), UNKG_OK);
  ck_assert_int_eq(unkg_strings_add(&doc->akn.subject_labels, &doc->akn.n_subject_labels, "l"),
                   UNKG_OK);
  ck_assert_int_eq(unkg_strings_add(&doc->agenda_items, &doc->n_agenda_items, "a"), UNKG_OK);
  UnkgCommitment* c = unkg_doc_add_commitment(doc);
  c->path           = unkg_strdup("reply/FRA/action/1");
  c->object_text    = unkg_strdup("中心");
  /* teardown frees; valgrind reports anything left */
}
END_TEST

START_TEST(real_document_parts_are_consistent)
{
  UnkgDoc* d = tu_load_doc("corpus/A_RES_71_28.zh.txt");
  ck_assert_uint_gt(d->n_parts, 10);
  const UnkgPart* op1 = tu_part_or_fail(d, "op/1");
  ck_assert_int_eq(op1->kind, UNKG_PART_OPERATIVE);
  ck_assert_str_eq(op1->num, "1");
  /* The text starts after the printed number, and its offset points there in
   * the file. */
  size_t      len;
  char*       raw = tu_slurp("corpus/A_RES_71_28.zh.txt", &len);
  const char* at  = strstr(raw, "\n1. 促请会员国");
  ck_assert_ptr_nonnull(at);
  ck_assert_int_eq(strncmp(op1->text, "促请会员国", strlen("促请会员国")), 0);
  ck_assert_uint_eq(op1->begin, (size_t)(at - raw) + 4);
  ck_assert_uint_eq(d->source_len, len);
  free(raw);
  for (size_t i = 0; i < d->n_parts; ++i) {
    const UnkgPart* p = &d->parts[i];
    ck_assert_ptr_nonnull(p->text);
    ck_assert_ptr_nonnull(p->map);
    size_t n = strlen(p->text);
    /* The map is one offset per byte, ending at the part's end. */
    ck_assert_uint_eq(unkg_part_offset(p, 0), p->begin);
    ck_assert_uint_eq(unkg_part_offset(p, n), p->end);
    ck_assert_uint_le(p->begin, p->end);
    ck_assert_uint_le(p->end, d->source_len);
    for (size_t k = 1; k <= n; ++k) {
      ck_assert_uint_le(unkg_part_offset(p, k - 1), unkg_part_offset(p, k));
    }
    size_t b, e;
    unkg_part_span(p, 0, n, &b, &e);
    ck_assert_uint_eq(b, p->begin);
    ck_assert_uint_eq(e, p->end);
    ck_assert_int_lt(p->parent, (int)i);
  }
  unkg_doc_free(d);
}
END_TEST

/* Counts over many parts, which doc.c keeps in an index: checked against
 * counting by hand, with parts added between queries. */
START_TEST(counts_over_many_parts)
{
  /* 3 paragraphs; items under them in turn, 300 each. */
  for (int k = 0; k < 3; ++k) {
    UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_OPERATIVE);
    ck_assert_int_eq(unkg_part_path(p, "op/%d", k + 1), UNKG_OK);
  }
  for (int k = 0; k < 900; ++k) {
    ck_assert_uint_eq(unkg_doc_count_items(doc, doc->n_parts, k % 3), (unsigned)(k / 3));
    UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_ITEM);
    p->parent   = k % 3;
    ck_assert_int_eq(unkg_part_path(p, "op/%d/%d", k % 3 + 1, k / 3 + 1), UNKG_OK);
  }
  ck_assert_uint_eq(unkg_doc_count_items(doc, doc->n_parts, 0), 300);
  ck_assert_uint_eq(unkg_doc_count_items(doc, doc->n_parts, -1), 0);
  /* An earlier bound is still answered (the slow way). */
  ck_assert_uint_eq(unkg_doc_count_items(doc, 3 + 30, 1), 10);
  /* Paths: "op/1" itself; "op/1-2" extends it, "op/1x" and "op/11" do not. */
  ck_assert_uint_eq(unkg_doc_path_seen(doc, doc->n_parts, "op/1"), 1);
  const char* more[] = {"op/1-2", "op/1x", "op/11", "op/1-2-3", NULL};
  for (int k = 0; k < 4; ++k) {
    UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_OPERATIVE);
    ck_assert_int_eq(unkg_part_path(p, "%s", more[k]), UNKG_OK);
  }
  ck_assert_uint_eq(unkg_doc_path_seen(doc, doc->n_parts, "op/1"), 3);
  ck_assert_uint_eq(unkg_doc_path_seen(doc, doc->n_parts, "op/1-2"), 2);
  ck_assert_uint_eq(unkg_doc_path_seen(doc, doc->n_parts, "op/11"), 1);
  ck_assert_uint_eq(unkg_doc_path_seen(doc, doc->n_parts, "op/2/300"), 1);
  /* A part whose path comes later is counted once it has one. */
  UnkgPart* late = unkg_doc_add_part(doc, UNKG_PART_OPERATIVE);
  ck_assert_uint_eq(unkg_doc_path_seen(doc, doc->n_parts, "op/9"), 0);
  ck_assert_int_eq(unkg_part_path(late, "op/9"), UNKG_OK);
  ck_assert_uint_eq(unkg_doc_path_seen(doc, doc->n_parts, "op/9"), 1);
  /* Keys: how often each was counted before. */
  unsigned before = 99;
  ck_assert_int_eq(unkg_doc_count_key(doc,
                                      "fn\x1f"
                                      "1",
                                      &before),
                   UNKG_OK);
  ck_assert_uint_eq(before, 0);
  ck_assert_int_eq(unkg_doc_count_key(doc,
                                      "fn\x1f"
                                      "2",
                                      &before),
                   UNKG_OK);
  ck_assert_uint_eq(before, 0);
  ck_assert_int_eq(unkg_doc_count_key(doc,
                                      "fn\x1f"
                                      "1",
                                      &before),
                   UNKG_OK);
  ck_assert_uint_eq(before, 1);
}
END_TEST

/* A part's notes, each once, also past the length where they are hashed. */
START_TEST(many_notes_each_once)
{
  UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_OPERATIVE);
  char      m[16];
  for (int round = 0; round < 2; ++round) {
    for (int k = 0; k < 100; ++k) {
      snprintf(m, sizeof m, "%d", k);
      ck_assert_int_eq(unkg_part_add_note(p, m), UNKG_OK);
    }
  }
  ck_assert_uint_eq(p->n_notes, 100);
  for (int k = 0; k < 100; ++k) {
    snprintf(m, sizeof m, "%d", k);
    ck_assert_str_eq(p->notes[k], m);
  }
}
END_TEST

/* A part's rarer fields live in a record made on demand: none for a
 * plain part, and one that held only the index of many notes goes with
 * unkg_doc_trim, while one with a field stays, and the notes are still
 * added once after. */
START_TEST(rarer_fields_apart)
{
  ck_assert_uint_eq(doc->n_parts, 0);
  for (int k = 0; k < 3; ++k) {
    ck_assert_ptr_nonnull(unkg_doc_add_part(doc, UNKG_PART_OPERATIVE));
  }
  UnkgPart*     plain = &doc->parts[0];
  UnkgPart*     notes = &doc->parts[1];
  UnkgPart*     eid   = &doc->parts[2];
  UnkgPartMore* more  = unkg_part_more(eid);
  ck_assert_ptr_null(plain->more);
  ck_assert_ptr_null(unkg_part_date(plain));
  ck_assert_ptr_null(unkg_part_orig_lang(plain));
  ck_assert_ptr_null(unkg_part_asked_by(plain));
  ck_assert_ptr_null(unkg_part_akn_eid(plain));
  ck_assert_uint_eq(unkg_part_n_links(plain), 0);
  ck_assert_ptr_nonnull(more);
  ck_assert_ptr_eq(unkg_part_more(eid), more); /* made once */
  more->akn_eid = unkg_strdup("para_2");
  ck_assert_int_eq(unkg_part_add_link(eid, "/akn/x", "x"), UNKG_OK);
  char m[16];
  for (int k = 0; k < 40; ++k) {
    snprintf(m, sizeof m, "%d", k);
    ck_assert_int_eq(unkg_part_add_note(notes, m), UNKG_OK);
    ck_assert_int_eq(unkg_part_add_note(eid, m), UNKG_OK);
  }
  ck_assert_ptr_nonnull(notes->more); /* the index of many notes */
  ck_assert_ptr_null(unkg_part_date(notes));
  unkg_doc_trim(doc);
  notes = &doc->parts[1]; /* the array may have moved */
  eid   = &doc->parts[2];
  ck_assert_ptr_null(notes->more);
  ck_assert_ptr_nonnull(eid->more);
  ck_assert_str_eq(unkg_part_akn_eid(eid), "para_2");
  ck_assert_uint_eq(unkg_part_n_links(eid), 1);
  ck_assert_str_eq(eid->more->links[0].href, "/akn/x");
  for (int k = 0; k < 40; ++k) {
    snprintf(m, sizeof m, "%d", k);
    ck_assert_int_eq(unkg_part_add_note(notes, m), UNKG_OK);
    ck_assert_int_eq(unkg_part_add_note(eid, m), UNKG_OK);
  }
  ck_assert_uint_eq(notes->n_notes, 40);
  ck_assert_uint_eq(eid->n_notes, 40);
}
END_TEST

static Suite*
doc_suite(void)
{
  Suite* s  = suite_create("doc");
  TCase* tc = tcase_create("doc");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, free_null);
  tcase_add_test(tc, new_doc_is_empty);
  tcase_add_test(tc, add_part_grows_and_keeps_earlier_parts);
  tcase_add_test(tc, arrays_grow_by_half_and_trim);
  tcase_add_test(tc, set_text_copies_text_and_map);
  tcase_add_test(tc, offset_runs_give_back_every_offset);
  tcase_add_test(tc, set_text_again_replaces_and_null_map_drops_offsets);
  tcase_add_test(tc, span_maps_sub_strings_to_source_offsets);
  tcase_add_test(tc, notes_and_citations_are_kept_once);
  tcase_add_test(tc, document_lists);
  tcase_add_test(tc, free_releases_a_full_document);
  tcase_add_test(tc, real_document_parts_are_consistent);
  tcase_add_test(tc, counts_over_many_parts);
  tcase_add_test(tc, many_notes_each_once);
  tcase_add_test(tc, rarer_fields_apart);
  tcase_add_test(tc, release_and_cut_keep_what_later_parts_need);
  suite_add_tcase(s, tc);
  return s;
}

int
main(void)
{
  return tu_run(doc_suite());
}
