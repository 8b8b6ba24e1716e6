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
  for (size_t i = 0; (phrase = unkg_lexicon_name_at(lex, report_genre(lex), UNKG_ROLE_SESSION, i)); ++i) {
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

UnkgStatus
unkg_segment_report(const UnkgCtx* c, const UnkgText* t, UnkgDoc* doc)
{
  const UnkgLexicon* lex = c->lex;
  int        reply = -1, heading = -1, last_para = -1, intro_para = -1;
  unsigned   n_para = 0, n_head = 0, n_rpara = 0, n_text = 0;
  UnkgStatus st          = UNKG_OK;
  const char* prev_cover = NULL;
  bool        in_cover   = true;

  for (size_t bi = 0; bi < t->n_blocks && !st; ++bi) {
    const UnkgBlock* b    = &t->blocks[bi];
    const char*      x    = b->text;
    const char*      next = bi + 1 < t->n_blocks ? t->blocks[bi + 1].text : "";
    char             date[11];
    size_t           body;
    int              num;

    if (b->flags & UNKG_BLOCK_FOOTNOTE) {
      st = unkg_doc_add_footnote(doc, b);
      continue;
    }
    /* A reply starts at the line naming the state, just above its
     * language note. */
    if (language_note(lex, next) && !language_note(lex, x)) {
      UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_REPLY);
      if (!p) {
        return UNKG_ERR_NOMEM;
      }
      if ((st = unkg_part_from_block(p, b, 0))) {
        return st;
      }
      p->entity = unkg_lexicon_lookup(lex, UNKG_ENT_STATE, p->text);
      if (!p->entity) {
        unkg_warning(c, b->line, 0,
                     "reply heading '%s' names no state in the reference data; "
                     "exported with the name as written", p->text);
      }
      reply       = (int)(doc->n_parts - 1);
      p->reply    = -1;
      /* A state replying twice (an addendum) keeps both replies apart. */
      unsigned dup = 0;
      for (int k = 0; k < reply; ++k) {
        dup += doc->parts[k].kind == UNKG_PART_REPLY
               && !strcmp(reply_key(&doc->parts[k]), reply_key(p));
      }
      st = dup ? unkg_part_path(p, "reply/%s-%u", reply_key(p), dup + 1)
               : unkg_part_path(p, "reply/%s", reply_key(p));
      heading = last_para = -1;
      n_head = n_rpara = 0;
      in_cover = false;
      continue;
    }
    const char* tag = language_note(lex, x);
    if (tag) {
      if (reply >= 0 && !doc->parts[reply].orig_lang
          && !(doc->parts[reply].orig_lang = unkg_strdup(tag))) {
        return UNKG_ERR_NOMEM;
      }
      continue;
    }
    if (date_note(x, date)) {
      if (reply >= 0 && !doc->parts[reply].date && !(doc->parts[reply].date = unkg_strdup(date))) {
        return UNKG_ERR_NOMEM;
      }
      continue;
    }
    if ((num = section_heading(x, &body))) {
      UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_SECTION);
      if (!p) {
        return UNKG_ERR_NOMEM;
      }
      p->ordinal = (unsigned)num;
      if ((st = unkg_part_path(p, "sec/%d", num)) || (st = unkg_part_from_block(p, b, body))) {
        return st;
      }
      reply = heading = last_para = -1;
      in_cover = false;
      continue;
    }
    if (in_cover) {
      /* Cover page, when there is one: symbol, session, agenda item, title. */
      size_t k;
      if (!doc->symbol) {
        UnkgPart tmp = {0};
        st           = unkg_symbols_scan(lex, x, &tmp);
        if (!st && tmp.n_cites && tmp.cites[0].kind == UNKG_CITE_DOCUMENT) {
          doc->symbol         = tmp.cites[0].symbol;
          tmp.cites[0].symbol = NULL;
        }
        unkg_part_clear(&tmp);
        if (st) {
          return st;
        }
        if (doc->symbol) {
          continue;
        }
      }
      if (session_line(lex, x, &num)) {
        doc->session = num;
        continue;
      }
      /* "临时议程项目": up to two characters before the phrase. */
      size_t item = 0, il = 0;
      while (item <= 6 && x[item] && !(il = phrase_at(lex, UNKG_ROLE_AGENDA_ITEM, x + item))) {
        ++item;
      }
      if (il) {
        free(doc->agenda_item);
        if (!(doc->agenda_item = unkg_strdup(x + item + il))) {
          return UNKG_ERR_NOMEM;
        }
        continue;
      }
      if ((k = phrase_at(lex, UNKG_ROLE_REPORT_TITLE, x)) && !x[k]) {
        if (prev_cover && !doc->title && !(doc->title = unkg_strdup(prev_cover))) {
          return UNKG_ERR_NOMEM;
        }
        continue;
      }
      if (!isdigit((unsigned char)x[0]) && b->n_lines == 1 && !unkg_text_is_terminal(x, b->len)) {
        prev_cover = x;
        continue;
      }
      in_cover = false;
    }

    size_t skip = 0;
    size_t ln   = 0;
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
    if (ln && last_para >= 0) {
      UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_ITEM);
      if (!p || !(p->num = unkg_strndup(x + 1, ln))) {
        return UNKG_ERR_NOMEM;
      }
      p->parent  = last_para;
      p->reply   = reply;
      p->heading = heading;
      unsigned ord = 0;
      for (size_t k = 0; k + 1 < doc->n_parts; ++k) {
        ord += doc->parts[k].parent == last_para && doc->parts[k].kind == UNKG_PART_ITEM;
      }
      p->ordinal = ord + 1;
      if ((st = unkg_part_path(p, "%s/%s", doc->parts[last_para].path, p->num))
          || (st = unkg_part_from_block(p, b, skip))) {
        return st;
      }
      /* The questions of the introduction: items of the paragraph that
       * lists what member states were invited to report on. */
      if (reply < 0 && last_para == intro_para && unkg_text_is_terminal(doc->parts[last_para].text,
                                                                        strlen(doc->parts[last_para].text))) {
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
      continue;
    }
    if (reply >= 0 && is_heading(t, b)) {
      UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_HEADING);
      if (!p) {
        return UNKG_ERR_NOMEM;
      }
      p->reply   = reply;
      p->ordinal = ++n_head;
      if ((st = unkg_part_path(p, "%s/h/%u", doc->parts[reply].path, n_head)) || (st = unkg_part_from_block(p, b, 0))) {
        return st;
      }
      heading   = (int)(doc->n_parts - 1);
      last_para = -1;
      continue;
    }
    UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_PARAGRAPH);
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
    p->reply   = reply;
    p->heading = heading;
    if (reply >= 0) {
      p->ordinal = ++n_rpara;
      st = unkg_part_path(p, "%s/p/%u", doc->parts[reply].path, n_rpara);
    } else if (numbered) {
      p->ordinal = (unsigned)atoi(p->num);
      st = unkg_part_path(p, "p/%s", p->num);
      intro_para = (int)(doc->n_parts - 1);
    } else {
      p->ordinal = ++n_text;
      st = unkg_part_path(p, "text/%u", n_text);
    }
    if (!st) {
      st = unkg_part_from_block(p, b, numbered ? digits + 1 : 0);
    }
    last_para = (int)(doc->n_parts - 1);
    ++n_para;
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
