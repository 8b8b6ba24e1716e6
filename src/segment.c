#include "segment.h"

#include "buf.h"
#include "report.h"
#include "text.h"
#include "vocab.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- language and genre -------------------------------------------------- */

/* Chinese first: a text whose script settles nothing is read as Chinese. */
static const char*
detect_lang(const UnkgText* t)
{
  UnkgScriptCount c = {0};
  for (size_t b = 0; b < t->n_blocks; ++b) {
    unkg_script_count(&c, t->blocks[b].text, t->blocks[b].len);
  }
  const char* lang = unkg_script_language(&c);
  return !lang ? "zh" : *lang ? lang : "en";
}

/* "71/28." / "75/101 A-B." at the start of s: returns the length of the
 * number (without the dot) and *body where the title begins; 0 if none. */
static size_t
resolution_number(const char* s, size_t* body)
{
  int    a, b;
  size_t i = unkg_parse_digits(s, strlen(s), &a);
  if (!i || i > 3 || s[i] != '/') {
    return 0;
  }
  size_t k = unkg_parse_digits(s + i + 1, strlen(s + i + 1), &b);
  if (!k || k > 4) {
    return 0;
  }
  size_t end = i + 1 + k;
  /* Multi-part resolutions: "75/101 A-B", "75/101A". */
  size_t j = end;
  if (s[j] == ' ') {
    ++j;
  }
  if (isupper((unsigned char)s[j])) {
    size_t q = j + 1;
    while (s[q] == '-' && isupper((unsigned char)s[q + 1])) {
      q += 2;
    }
    if (s[q] == '.') {
      end = q;
    }
  }
  if (s[end] != '.') {
    return 0;
  }
  *body = end + 1;
  while (s[*body] == ' ') {
    ++*body;
  }
  return end;
}

/* The phrases of the resolution genre (genres.ttl). */
static const UnkgEntity*
resolution_genre(const UnkgLexicon* lex)
{
  return unkg_lexicon_genre(lex, U("Resolution"));
}

/* Does x start with a phrase of the resolution genre in role?  Its length,
 * 0 if not. */
static size_t
phrase_at(const UnkgLexicon* lex, unsigned role, const char* x)
{
  return unkg_lexicon_phrase_at(lex, U("Resolution"), role, x);
}

/* Does x[0, n) read as a phrase of the resolution genre in role with a
 * number in its slot ("第…届会议")?  The number in *num. */
static bool
numbered_phrase(const UnkgLexicon* lex, unsigned role, const char* x, size_t n, int* num)
{
  const char* phrase;
  for (size_t i = 0; (phrase = unkg_lexicon_name_at(lex, resolution_genre(lex), role, i)); ++i) {
    size_t      bl, k;
    const char* after;
    if (unkg_phrase_slot(phrase, &bl, &after) && bl <= n && !strncmp(x, phrase, bl)
        && (k = unkg_parse_zh_number(x + bl, n - bl, num)) && !strcmp(x + bl + k, after)) {
      return true;
    }
  }
  return false;
}

/* Does x[0, n) read as a phrase of the resolution genre in role with a date
 * in its slot ("…大会决议")?  The date in out. */
static bool
dated_phrase(const UnkgLexicon* lex, unsigned role, const char* x, size_t n, char out[11])
{
  const char* phrase;
  for (size_t i = 0; (phrase = unkg_lexicon_name_at(lex, resolution_genre(lex), role, i)); ++i) {
    size_t      bl, k;
    const char* after;
    if (unkg_phrase_slot(phrase, &bl, &after) && bl <= n && !strncmp(x, phrase, bl)
        && (k = unkg_parse_zh_date(x + bl, n - bl, out)) && !strcmp(x + bl + k, after)) {
      return true;
    }
  }
  return false;
}

/* "[根据第一委员会的报告(A/71/445)通过]": the committee's name, in the slot
 * of a unkg:committeeReportPhrase right after the bracket, its length in
 * *len; NULL if the line has none (it then names the draft). */
static const char*
committee_in(const UnkgLexicon* lex, const char* x, size_t* len)
{
  const char* phrase;
  for (size_t i = 0; (phrase = unkg_lexicon_name_at(lex, resolution_genre(lex), UNKG_ROLE_COMMITTEE_REPORT, i));
       ++i) {
    size_t      bl;
    const char* after;
    const char* end;
    if (unkg_phrase_slot(phrase, &bl, &after) && !strncmp(x + 1, phrase, bl)
        && (end = strstr(x + 1 + bl, after))) {
      *len = (size_t)(end - (x + 1 + bl));
      return x + 1 + bl;
    }
  }
  return NULL;
}

static bool
is_formula(const UnkgLexicon* lex, const char* s)
{
  size_t n = strlen(s);
  return n && phrase_at(lex, UNKG_ROLE_FORMULA, s) == n;
}

static bool
any_block(const UnkgText* t, const UnkgLexicon* lex, bool (*pred)(const UnkgLexicon*, const char*))
{
  for (size_t i = 0; i < t->n_blocks; ++i) {
    if (!(t->blocks[i].flags & UNKG_BLOCK_FOOTNOTE) && pred(lex, t->blocks[i].text)) {
      return true;
    }
  }
  return false;
}

static bool
is_title_line(const UnkgLexicon* lex, const char* s)
{
  (void)lex;
  size_t body;
  return resolution_number(s, &body) && s[body] != '\0';
}

/* "[原文：英文]": a note of original language (a unkg:languageNotePhrase of
 * the report genre after the bracket). */
static bool
is_language_note(const UnkgLexicon* lex, const char* s)
{
  return s[0] == '['
         && unkg_lexicon_match_entity(lex, unkg_lexicon_genre(lex, U("Report")), UNKG_ROLE_LANGUAGE_NOTE,
                                      s + 1, strlen(s + 1));
}

/* ---- resolution ----------------------------------------------------------- */

typedef struct {
  const UnkgCtx*    c;
  UnkgDoc*          doc;
  const UnkgText*   text;
  const UnkgLexicon* lex;
} Seg;

static UnkgStatus
segment_resolution(Seg* s)
{
  UnkgDoc*        doc = s->doc;
  const UnkgText* t   = s->text;
  enum { COVER, PREAMBLE, OPERATIVE, CLOSING, ANNEX } state = COVER;
  int      op = -1, item = -1, para = -1, annex = -1;
  unsigned n_pp = 0, n_text = 0, n_annex = 0, n_annex_para = 0;
  UnkgStatus st = UNKG_OK;

  for (size_t bi = 0; bi < t->n_blocks && !st; ++bi) {
    const UnkgBlock* b = &t->blocks[bi];
    const char*      x = b->text;
    char             date[11];
    size_t           body;
    int              num;

    if (b->flags & UNKG_BLOCK_FOOTNOTE) {
      st = unkg_doc_add_footnote(doc, b);
      continue;
    }

    if (state == COVER) {
      size_t k;
      if (numbered_phrase(s->lex, UNKG_ROLE_SESSION, x, b->len, &num)) {
        doc->session = num;
        continue;
      }
      if ((k = phrase_at(s->lex, UNKG_ROLE_AGENDA_ITEM, x))) {
        free(doc->agenda_item);
        if (!(doc->agenda_item = unkg_strdup(x + k))) {
          return UNKG_ERR_NOMEM;
        }
        continue;
      }
      if (dated_phrase(s->lex, UNKG_ROLE_ADOPTION, x, b->len, date)) {
        free(doc->adoption_date);
        if (!(doc->adoption_date = unkg_strdup(date))) {
          return UNKG_ERR_NOMEM;
        }
        continue;
      }
      if (x[0] == '[' && b->len > 2 && x[b->len - 1] == ']') {
        /* [根据第一委员会的报告(A/71/445)通过] or [未经发交主要委员会(A/71/L.5)通过] */
        const char* open  = strrchr(x, '(');
        const char* close = open ? strchr(open, ')') : NULL;
        size_t      cl    = 0;
        const char* com   = committee_in(s->lex, x, &cl);
        if (open && close) {
          char* sym = unkg_strndup(open + 1, (size_t)(close - open - 1));
          if (!sym) {
            return UNKG_ERR_NOMEM;
          }
          if (com) {
            free(doc->committee_report);
            doc->committee_report = sym;
            free(doc->committee);
            if (!(doc->committee = unkg_strndup(com, cl))) {
              return UNKG_ERR_NOMEM;
            }
          } else {
            free(doc->draft);
            doc->draft = sym;
          }
        }
        continue;
      }
      if (resolution_number(x, &body) && x[body]) {
        size_t n = resolution_number(x, &body);
        free(doc->number);
        free(doc->title);
        if (!(doc->number = unkg_strndup(x, n)) || !(doc->title = unkg_strdup(x + body))) {
          return UNKG_ERR_NOMEM;
        }
        /* A title may run over several blocks until the formula. */
        continue;
      }
      if (is_formula(s->lex, x)) {
        free(doc->formula);
        if (!(doc->formula = unkg_strdup(x))) {
          return UNKG_ERR_NOMEM;
        }
        state = PREAMBLE;
        continue;
      }
      size_t vl;
      bool   numbered = isdigit((unsigned char)x[0]) && strchr(x, '.')
                      && unkg_parse_digits(x, b->len, &num) == (size_t)(strchr(x, '.') - x);
      if (!numbered
          && !unkg_lexicon_match(s->lex, UNKG_ENT_VERB | UNKG_ENT_MODIFIER,
                                 UNKG_ROLE_PREAMBULAR | UNKG_ROLE_OPERATIVE | UNKG_ROLE_PREFIX
                                   | UNKG_ROLE_NAME,
                                 x, b->len, &vl, NULL)) {
        continue; /* another cover line: "联合国", "Distr.: General" */
      }
      state = numbered ? OPERATIVE : PREAMBLE;
    }

    /* Closing: "2016年12月5日" and "第51次全体会议", apart or together. */
    {
      size_t k = unkg_parse_zh_date(x, b->len, date);
      int    meeting = 0;
      size_t rest    = k;
      if (numbered_phrase(s->lex, UNKG_ROLE_MEETING, x + rest, b->len - rest, &meeting)) {
        rest = b->len;
      } else {
        meeting = 0;
      }
      if ((k && (x[k] == '\0' || rest == b->len)) || (meeting && rest == b->len)) {
        if (k) {
          free(doc->closing_date);
          if (!(doc->closing_date = unkg_strdup(date))) {
            return UNKG_ERR_NOMEM;
          }
        }
        if (meeting) {
          doc->meeting = meeting;
        }
        state = state == ANNEX ? ANNEX : CLOSING;
        continue;
      }
    }

    if (unkg_starts_with(x, "附件") && b->len <= 3 * 8 && state != PREAMBLE) {
      UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_ANNEX);
      if (!p) {
        return UNKG_ERR_NOMEM;
      }
      p->ordinal = ++n_annex;
      if ((st = unkg_part_path(p, "annex/%u", n_annex)) || (st = unkg_part_from_block(p, b, 0))) {
        return st;
      }
      annex        = (int)(doc->n_parts - 1);
      n_annex_para = 0;
      para = item = -1;
      state       = ANNEX;
      continue;
    }

    size_t skip = 0;
    char   label[16];
    size_t ln = unkg_item_label(x, label, &skip);
    if (ln && (op >= 0 || para >= 0 || item >= 0)) {
      int parent = state == ANNEX ? para : (op >= 0 ? op : para);
      if (unkg_roman_level(doc, item, label)) {
        const UnkgPart* it = &doc->parts[item];
        parent = it->parent >= 0 && doc->parts[it->parent].kind == UNKG_PART_ITEM ? it->parent : item;
      } else if (item >= 0 && doc->parts[item].parent >= 0
                 && doc->parts[doc->parts[item].parent].kind == UNKG_PART_ITEM) {
        parent = doc->parts[doc->parts[item].parent].parent;
      }
      if (parent < 0) {
        parent = item >= 0 ? doc->parts[item].parent : -1;
      }
      if (parent >= 0) {
        UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_ITEM);
        if (!p || !(p->num = unkg_strdup(label))) {
          return UNKG_ERR_NOMEM;
        }
        p->parent  = parent;
        p->ordinal = unkg_doc_count_items(doc, doc->n_parts - 1, parent) + 1;
        UnkgBuf path = {0};
        if ((st = unkg_buf_printf(&path, "%s/%s", doc->parts[parent].path, p->num))) {
          unkg_buf_clear(&path);
          return st;
        }
        p->path = unkg_buf_take(&path);
        if ((st = unkg_part_from_block(p, b, skip))) {
          return st;
        }
        item = (int)(doc->n_parts - 1);
        continue;
      }
    }

    if (isdigit((unsigned char)x[0]) && (skip = unkg_parse_digits(x, b->len, &num)) <= 3
        && x[skip] == '.' && (state == PREAMBLE || state == OPERATIVE || state == ANNEX)) {
      UnkgPart* p = unkg_doc_add_part(doc, state == ANNEX ? UNKG_PART_ANNEX_PARA : UNKG_PART_OPERATIVE);
      if (!p || !(p->num = unkg_strndup(x, skip))) {
        return UNKG_ERR_NOMEM;
      }
      if (state == ANNEX) {
        p->parent  = annex;
        p->ordinal = ++n_annex_para;
        st = unkg_part_path(p, "%s/%u", doc->parts[annex].path, n_annex_para);
      } else {
        p->ordinal = (unsigned)num;
        st         = unkg_part_path(p, "op/%s", p->num);
        /* A number printed twice (multi-part resolutions restart) stays
         * unique: op/1, then op/1-2, op/1-3.  Counted by occurrence, not by
         * part index, so that the XML reader (akn.c), whose footnotes fall
         * elsewhere, gives the same paths. */
        unsigned seen = 0;
        for (size_t k = 0; !st && k + 1 < doc->n_parts; ++k) {
          seen += doc->parts[k].kind == UNKG_PART_OPERATIVE && !strcmp(doc->parts[k].num, p->num);
        }
        if (!st && seen) {
          st = unkg_part_path(p, "op/%s-%u", p->num, seen + 1);
        }
        state = OPERATIVE;
      }
      if (!st) {
        st = unkg_part_from_block(p, b, skip + 1);
      }
      op   = state == ANNEX ? -1 : (int)(doc->n_parts - 1);
      para = (int)(doc->n_parts - 1);
      item = -1;
      continue;
    }

    UnkgPart* p;
    if (state == PREAMBLE) {
      p          = unkg_doc_add_part(doc, UNKG_PART_PREAMBULAR);
      if (!p) {
        return UNKG_ERR_NOMEM;
      }
      p->ordinal = ++n_pp;
      st         = unkg_part_path(p, "pp/%u", n_pp);
      para       = (int)(doc->n_parts - 1);
    } else if (state == ANNEX) {
      p = unkg_doc_add_part(doc, UNKG_PART_ANNEX_PARA);
      if (!p) {
        return UNKG_ERR_NOMEM;
      }
      p->parent  = annex;
      p->ordinal = ++n_annex_para;
      st         = unkg_part_path(p, "%s/%u", doc->parts[annex].path, n_annex_para);
      para       = (int)(doc->n_parts - 1);
    } else {
      p = unkg_doc_add_part(doc, UNKG_PART_TEXT);
      if (!p) {
        return UNKG_ERR_NOMEM;
      }
      p->ordinal = ++n_text;
      st         = unkg_part_path(p, "text/%u", n_text);
    }
    item = -1;
    if (!st) {
      st = unkg_part_from_block(p, b, 0);
    }
  }
  if (st) {
    return st;
  }

  if (doc->number) {
    UnkgBuf b = {0};
    if ((st = unkg_buf_printf(&b, "A/RES/%s", doc->number))) {
      unkg_buf_clear(&b);
      return st;
    }
    doc->symbol = unkg_buf_take(&b);
  } else if (t->running_symbol && unkg_starts_with(t->running_symbol, "A/RES/")) {
    doc->symbol = unkg_strdup(t->running_symbol);
    doc->number = unkg_strdup(t->running_symbol + strlen("A/RES/"));
  }
  if (!doc->symbol) {
    return unkg_error(s->c, UNKG_ERR_GENRE, 0, 0,
                      "resolution without a number (no \"NN/NN. title\" line or A/RES/ header)");
  }
  if (!doc->session && doc->number) {
    unkg_parse_digits(doc->number, strlen(doc->number), &doc->session);
  }
  if (!doc->adoption_date && doc->closing_date) {
    doc->adoption_date = unkg_strdup(doc->closing_date);
  }
  return UNKG_OK;
}

UnkgStatus
unkg_segment(const UnkgCtx* c, const UnkgSource* src, const UnkgText* text, UnkgDoc** out)
{
  const UnkgLexicon* lex = c->lex;
  *out                   = NULL;
  const char* lang = detect_lang(text);
  UnkgGenre   genre;
  if (any_block(text, lex, is_language_note)) {
    genre = UNKG_GENRE_REPORT;
  } else if (any_block(text, lex, is_title_line) || any_block(text, lex, is_formula)
             || (text->running_symbol && unkg_starts_with(text->running_symbol, "A/RES/"))) {
    genre = UNKG_GENRE_RESOLUTION;
  } else {
    return unkg_error(c, UNKG_ERR_GENRE, text->n_blocks ? text->blocks[0].line : 0, 0,
                      "neither a General Assembly resolution (no \"NN/NN. title\" line "
                      "or enacting formula) nor a report (no \"[原文：…]\" reply)");
  }
  UnkgDoc* doc = unkg_doc_new(genre, lang);
  if (!doc) {
    return unkg_error(c, UNKG_ERR_NOMEM, 0, 0, "out of memory");
  }
  const char* base = strrchr(src->name, '/');
  doc->source_name = unkg_strdup(base ? base + 1 : src->name);
  doc->source_len  = src->len;
  if (!doc->source_name) {
    unkg_doc_free(doc);
    return unkg_error(c, UNKG_ERR_NOMEM, 0, 0, "out of memory");
  }
  Seg        s  = {c, doc, text, c->lex};
  UnkgStatus st = genre == UNKG_GENRE_RESOLUTION ? segment_resolution(&s)
                                                 : unkg_segment_report(c, text, doc);
  if (st) {
    unkg_doc_free(doc);
    /* The readers tell c why a text is not what it seems; what is left is
     * memory or a limit. */
    return st == UNKG_ERR_GENRE ? st : unkg_error(c, st, 0, 0, "%s", unkg_strerror(st));
  }
  *out = doc;
  return UNKG_OK;
}
