#include "report.h"

#include "buf.h"
#include "symbol.h"
#include "text.h"
#include "vocab.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The phrases of the report genre (genres.ttl). */
static const UnkgEntity*
report_genre(const UnkgLexicon* lex)
{
  return unkg_lexicon_genre(lex, U("Report"));
}

/* Does s start with a phrase of the report genre in role?  Its length, 0 if
 * not. */
static size_t
phrase_at(const UnkgLexicon* lex, unsigned role, const char* s)
{
  return unkg_lexicon_phrase_at(lex, U("Report"), role, s);
}

/* "[原文：英文]" -> "en" (the language's unkg:languageTag); "und" for a
 * language the reference data does not name; NULL if the block is not a
 * language note. */
static const char*
language_note(const UnkgLexicon* lex, const char* s)
{
  size_t l = s[0] == '[' ? phrase_at(lex, UNKG_ROLE_LANGUAGE_NOTE, s + 1) : 0;
  if (!l) {
    return NULL;
  }
  const char* body = s + 1 + l;
  while (*body == ' ') {
    ++body;
  }
  size_t            nl;
  const UnkgEntity* language = unkg_lexicon_match(lex, UNKG_ENT_LANGUAGE, UNKG_ROLE_NAME, body,
                                                  strlen(body), &nl, NULL);
  return language && language->code ? language->code : "und";
}

/* A cover line naming the session ("第七十二届会议", a unkg:sessionPhrase
 * with the number in its slot): its number in *num. */
static bool
session_line(const UnkgLexicon* lex, const char* x, int* num)
{
  const char* phrase;
  for (size_t i = 0; (phrase = unkg_lexicon_name_at(lex, report_genre(lex), UNKG_ROLE_SESSION, i));
       ++i) {
    size_t      bl, k;
    const char* after;
    if (unkg_phrase_slot(phrase, &bl, &after) && !strncmp(x, phrase, bl)
        && (k = unkg_parse_zh_number(x + bl, strlen(x + bl), num)) && !strcmp(x + bl + k, after)) {
      return true;
    }
  }
  return false;
}

/* "[2017年5月26日]" -> date. */
static bool
date_note(const char* s, char out[11])
{
  if (s[0] != '[') {
    return false;
  }
  size_t n = unkg_parse_zh_date(s + 1, strlen(s + 1), out);
  return n && s[1 + n] == ']' && s[2 + n] == '\0';
}

/* "一.导言" / "二、从各国政府收到的答复": returns the section number. */
static int
section_heading(const char* s, size_t* body)
{
  int    n;
  size_t k = unkg_parse_zh_number(s, strlen(s), &n);
  if (!k || isdigit((unsigned char)s[0])) {
    return 0;
  }
  if (s[k] == '.') {
    *body = k + 1;
  } else if (unkg_starts_with(s + k, "、")) {
    *body = k + 3;
  } else {
    return 0;
  }
  return n;
}

/* A sub-heading: one short source line that does not end a sentence. */
static bool
is_heading(const UnkgText* t, const UnkgBlock* b)
{
  if (b->n_lines != 1 || unkg_text_is_terminal(b->text, b->len) || b->text[0] == '('
      || isdigit((unsigned char)b->text[0])) {
    return false;
  }
  if (t->page_width) {
    return b->width * 100 < t->page_width * 85;
  }
  return b->width <= 60;
}


/* A path segment for a reply: the state's ISO code, or the name as written
 * (percent-encoded later by the graph builder) when the state is unknown. */
static const char*
reply_key(const UnkgPart* reply)
{
  return reply->entity && reply->entity->code ? reply->entity->code : reply->text;
}

/* ---- segmentation ------------------------------------------------------------ */

/* Where the reader stands in a report: its cover, the introduction, a
 * reply.  Part indices are -1 when there is none. */
typedef struct {
  const UnkgCtx*     c;
  const UnkgLexicon* lex;
  const UnkgText*    text;
  UnkgDoc*           doc;
  int                reply, heading, last_para, intro_para;
  unsigned           n_head, n_rpara, n_text;
  const char*        prev_cover; /* the cover line before, a title candidate */
  bool               in_cover;
} Rep;

static int
last_part(const Rep* r)
{
  return (int)(r->doc->n_parts - 1);
}

/* The line naming the state, just above its language note, starts a
 * reply. */
static UnkgStatus
read_reply(Rep* r, const UnkgBlock* b)
{
  UnkgDoc*  doc = r->doc;
  UnkgPart* p   = unkg_doc_add_part(doc, UNKG_PART_REPLY);
  if (!p) {
    return UNKG_ERR_NOMEM;
  }
  UnkgStatus st = unkg_part_from_block(p, b, 0);
  if (st) {
    return st;
  }
  p->entity = unkg_lexicon_lookup(r->lex, UNKG_ENT_STATE, p->text);
  if (!p->entity) {
    unkg_warning(r->c, b->line, 0,
                 "reply heading '%s' names no state in the reference data; "
                 "exported with the name as written",
                 p->text);
  }
  r->reply = last_part(r);
  p->reply = -1;
  /* A state replying twice (an addendum) keeps both replies apart: replies
   * are counted by key (they are made here only). */
  unsigned dup = 0;
  UnkgBuf  key = {0};
  st           = unkg_buf_printf(&key, "reply\x1f%s", reply_key(p));
  st           = st ? st : unkg_doc_count_key(doc, key.data, &dup);
  unkg_buf_clear(&key);
  if (st) {
    return st;
  }
  st         = dup ? unkg_part_path(p, "reply/%s-%u", reply_key(p), dup + 1)
                   : unkg_part_path(p, "reply/%s", reply_key(p));
  r->heading = r->last_para = -1;
  r->n_head = r->n_rpara = 0;
  r->in_cover            = false;
  return st;
}

/* The lines under a reply heading: "[原文：英文]" and "[2017年5月26日]". */
static UnkgStatus
read_reply_notes(Rep* r, const char* x, bool* taken)
{
  UnkgPart*   reply = r->reply >= 0 ? &r->doc->parts[r->reply] : NULL;
  const char* tag   = language_note(r->lex, x);
  char        date[11];
  *taken = true;
  if (tag) {
    if (!reply || unkg_part_orig_lang(reply)) {
      return UNKG_OK;
    }
    UnkgPartMore* more = unkg_part_more(reply);
    return more && (more->orig_lang = unkg_strdup(tag)) ? UNKG_OK : UNKG_ERR_NOMEM;
  }
  if (date_note(x, date)) {
    if (!reply || unkg_part_date(reply)) {
      return UNKG_OK;
    }
    UnkgPartMore* more = unkg_part_more(reply);
    return more && (more->date = unkg_strdup(date)) ? UNKG_OK : UNKG_ERR_NOMEM;
  }
  *taken = false;
  return UNKG_OK;
}

/* "一. 导言": a section heading. */
static UnkgStatus
read_section(Rep* r, const UnkgBlock* b, bool* taken)
{
  size_t body;
  int    num = section_heading(b->text, &body);
  if (!(*taken = num != 0)) {
    return UNKG_OK;
  }
  UnkgPart* p = unkg_doc_add_part(r->doc, UNKG_PART_SECTION);
  if (!p) {
    return UNKG_ERR_NOMEM;
  }
  p->ordinal    = (unsigned)num;
  UnkgStatus st = unkg_part_path(p, "sec/%d", num);
  r->reply = r->heading = r->last_para = -1;
  r->in_cover                          = false;
  return st ? st : unkg_part_from_block(p, b, body);
}

/* The cover page, when there is one: symbol, session, agenda item, title.
 * The first line that is none of these ends it. */
static UnkgStatus
read_cover(Rep* r, const UnkgBlock* b, bool* taken)
{
  UnkgDoc*    doc = r->doc;
  const char* x   = b->text;
  size_t      k;
  int         num;
  *taken = true;
  if (!doc->symbol) {
    UnkgPart   tmp = {0};
    UnkgStatus st  = unkg_symbols_scan(r->lex, x, &tmp);
    if (!st && tmp.n_cites && tmp.cites[0].kind == UNKG_CITE_DOCUMENT) {
      doc->symbol         = tmp.cites[0].symbol;
      tmp.cites[0].symbol = NULL;
    }
    unkg_part_clear(&tmp);
    if (st || doc->symbol) {
      return st;
    }
  }
  if (session_line(r->lex, x, &num)) {
    doc->session = num;
    return UNKG_OK;
  }
  /* "临时议程项目": up to two characters before the phrase. */
  size_t item = 0, il = 0;
  while (item <= 6 && x[item] && !(il = phrase_at(r->lex, UNKG_ROLE_AGENDA_ITEM, x + item))) {
    ++item;
  }
  if (il) {
    free(doc->agenda_item);
    return (doc->agenda_item = unkg_strdup(x + item + il)) ? UNKG_OK : UNKG_ERR_NOMEM;
  }
  if ((k = phrase_at(r->lex, UNKG_ROLE_REPORT_TITLE, x)) && !x[k]) {
    return r->prev_cover && !doc->title && !(doc->title = unkg_strdup(r->prev_cover)) ? UNKG_ERR_NOMEM
                                                                                      : UNKG_OK;
  }
  if (!isdigit((unsigned char)x[0]) && b->n_lines == 1 && !unkg_text_is_terminal(x, b->len)) {
    r->prev_cover = x;
    return UNKG_OK;
  }
  r->in_cover = false;
  *taken      = false;
  return UNKG_OK;
}

/* "(a)": an item of the paragraph above; in the introduction, the items of
 * the paragraph that lists what member states were invited to report on are
 * also the questions. */
static UnkgStatus
read_item(Rep* r, const UnkgBlock* b, bool* taken)
{
  UnkgDoc*    doc  = r->doc;
  const char* x    = b->text;
  size_t      skip = 0, ln = 0;
  if (x[0] == '(') {
    size_t i = 1;
    while (i <= 6 && (islower((unsigned char)x[i]) || isdigit((unsigned char)x[i]))) {
      ++i;
    }
    if (i > 1 && x[i] == ')') {
      ln   = i - 1;
      skip = i + 1;
    }
  }
  if (!(*taken = ln && r->last_para >= 0)) {
    return UNKG_OK;
  }
  UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_ITEM);
  if (!p || !(p->num = unkg_strndup(x + 1, ln))) {
    return UNKG_ERR_NOMEM;
  }
  p->parent     = r->last_para;
  p->reply      = r->reply;
  p->heading    = r->heading;
  unsigned ord  = unkg_doc_count_items(doc, doc->n_parts - 1, r->last_para);
  p->ordinal    = ord + 1;
  UnkgStatus st = unkg_part_path(p, "%s/%s", doc->parts[r->last_para].path, p->num);
  if (st || (st = unkg_part_from_block(p, b, skip))) {
    return st;
  }
  const char* intro = doc->parts[r->last_para].text;
  if (r->reply < 0 && r->last_para == r->intro_para && unkg_text_is_terminal(intro, strlen(intro))) {
    UnkgPart* q = unkg_doc_add_part(doc, UNKG_PART_QUESTION);
    if (!q || !(q->num = unkg_strndup(x + 1, ln))) {
      return UNKG_ERR_NOMEM;
    }
    q->parent  = (int)(doc->n_parts - 2);
    q->ordinal = ord + 1;
    if ((st = unkg_part_path(q, "q/%s", q->num)) || (st = unkg_part_from_block(q, b, skip))) {
      return st;
    }
  }
  return UNKG_OK;
}

/* A short line inside a reply: a sub-heading. */
static UnkgStatus
read_heading(Rep* r, const UnkgBlock* b, bool* taken)
{
  if (!(*taken = r->reply >= 0 && is_heading(r->text, b))) {
    return UNKG_OK;
  }
  UnkgPart* p = unkg_doc_add_part(r->doc, UNKG_PART_HEADING);
  if (!p) {
    return UNKG_ERR_NOMEM;
  }
  p->reply      = r->reply;
  p->ordinal    = ++r->n_head;
  UnkgStatus st = unkg_part_path(p, "%s/h/%u", r->doc->parts[r->reply].path, r->n_head);
  if (st || (st = unkg_part_from_block(p, b, 0))) {
    return st;
  }
  r->heading   = last_part(r);
  r->last_para = -1;
  return UNKG_OK;
}

/* Any other block: a paragraph of a reply, a numbered paragraph of the
 * report, or unnumbered text. */
static UnkgStatus
read_paragraph(Rep* r, const UnkgBlock* b)
{
  UnkgDoc*    doc = r->doc;
  const char* x   = b->text;
  UnkgPart*   p   = unkg_doc_add_part(doc, UNKG_PART_PARAGRAPH);
  if (!p) {
    return UNKG_ERR_NOMEM;
  }
  size_t digits = 0;
  while (isdigit((unsigned char)x[digits])) {
    ++digits;
  }
  bool numbered = digits && digits <= 3 && x[digits] == '.';
  if (numbered && !(p->num = unkg_strndup(x, digits))) {
    return UNKG_ERR_NOMEM;
  }
  p->reply   = r->reply;
  p->heading = r->heading;
  UnkgStatus st;
  if (r->reply >= 0) {
    p->ordinal = ++r->n_rpara;
    st         = unkg_part_path(p, "%s/p/%u", doc->parts[r->reply].path, r->n_rpara);
  } else if (numbered) {
    p->ordinal    = (unsigned)atoi(p->num);
    st            = unkg_part_path(p, "p/%s", p->num);
    r->intro_para = last_part(r);
  } else {
    p->ordinal = ++r->n_text;
    st         = unkg_part_path(p, "text/%u", r->n_text);
  }
  r->last_para = last_part(r);
  return st ? st : unkg_part_from_block(p, b, numbered ? digits + 1 : 0);
}

static UnkgStatus
read_block(Rep* r, size_t bi)
{
  const UnkgText*  t    = r->text;
  const UnkgBlock* b    = &t->blocks[bi];
  const char*      next = bi + 1 < t->n_blocks ? t->blocks[bi + 1].text : "";
  if (b->flags & UNKG_BLOCK_FOOTNOTE) {
    return unkg_doc_add_footnote(r->doc, b);
  }
  if (language_note(r->lex, next) && !language_note(r->lex, b->text)) {
    return read_reply(r, b);
  }
  bool       taken = false;
  UnkgStatus st    = read_reply_notes(r, b->text, &taken);
  if (!st && !taken) {
    st = read_section(r, b, &taken);
  }
  if (!st && !taken && r->in_cover) {
    st = read_cover(r, b, &taken);
  }
  if (!st && !taken) {
    st = read_item(r, b, &taken);
  }
  if (!st && !taken) {
    st = read_heading(r, b, &taken);
  }
  if (!st && !taken) {
    st = read_paragraph(r, b);
  }
  return st;
}

UnkgStatus
unkg_segment_report(const UnkgCtx* c, const UnkgText* t, UnkgDoc* doc)
{
  Rep        r  = {c, c->lex, t, doc, -1, -1, -1, -1, 0, 0, 0, NULL, true};
  UnkgStatus st = UNKG_OK;
  for (size_t bi = 0; bi < t->n_blocks && !st; ++bi) {
    st = read_block(&r, bi);
  }
  if (st) {
    return st;
  }
  if (!doc->symbol && t->running_symbol && !(doc->symbol = unkg_strdup(t->running_symbol))) {
    return UNKG_ERR_NOMEM;
  }
  if (!doc->symbol) {
    return unkg_error(c, UNKG_ERR_GENRE, 0, 0,
                      "report without a document symbol (no cover page, no running head)");
  }
  return UNKG_OK;
}
