#include "report.h"

#include "buf.h"
#include "recognise.h"
#include "segment.h"
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
  return unkg_lexicon_match_entity(lex, report_genre(lex), role, s, strlen(s));
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

typedef struct {
  UnkgDoc*          doc;
  const UnkgText*   text;
  const UnkgSource* src;
  const UnkgLexicon* lex;
  UnkgWarnFn        warn;
  void*             warn_ctx;
} Rep;


/* A path segment for a reply: the state's ISO code, or the name as written
 * (percent-encoded later by the graph builder) when the state is unknown. */
static const char*
reply_key(const UnkgPart* reply)
{
  return reply->entity && reply->entity->code ? reply->entity->code : reply->text;
}

/* ---- what the report answers ------------------------------------------------ */

static UnkgStatus
read_introduction(Rep* r, size_t first_reply)
{
  UnkgDoc* doc = r->doc;
  for (size_t i = 0; i < first_reply && i < doc->n_parts; ++i) {
    UnkgPart*  p  = &doc->parts[i];
    UnkgPart   tmp = {0};
    UnkgStatus st = UNKG_OK;
    if (p->kind != UNKG_PART_PARAGRAPH) {
      continue;
    }
    if (!doc->responds_to) {
      st = unkg_recognise_citations(&tmp, r->lex, p->text);
      for (size_t k = 0; !st && k < tmp.n_cites; ++k) {
        if (tmp.cites[k].kind == UNKG_CITE_RESOLUTION && !doc->responds_to) {
          if (!(doc->responds_to = unkg_strdup(tmp.cites[k].symbol))) {
            st = UNKG_ERR_NOMEM;
          }
          /* "在该决议第3段中": the paragraph number after the citation. */
          const char* q = strstr(p->text + tmp.cites[k].pos, "第");
          while (q && !doc->responds_para) {
            int    n;
            size_t l = unkg_parse_zh_number(q + 3, strlen(q + 3), &n);
            if (l && unkg_starts_with(q + 3 + l, "段")) {
              char buf[16];
              snprintf(buf, sizeof buf, "%d", n);
              doc->responds_para = unkg_strdup(buf);
            }
            q = strstr(q + 3, "第");
          }
        }
      }
      for (size_t k = 0; k < tmp.n_cites; ++k) {
        free(tmp.cites[k].symbol);
        free(tmp.cites[k].date);
      }
      free(tmp.cites);
      if (st) {
        return st;
      }
    }
    /* Sentence by sentence: dates of notes verbales, and the cut-off date
     * after which replies are only posted online. */
    const char* s = p->text;
    while (*s && !st) {
      const char* end  = strstr(s, "。");
      size_t      n    = end ? (size_t)(end - s) : strlen(s);
      char*       sent = unkg_strndup(s, n);
      if (!sent) {
        return UNKG_ERR_NOMEM;
      }
      bool note = false;
      for (size_t k = 0; sent[k] && !note; ++k) {
        note = phrase_at(r->lex, UNKG_ROLE_NOTE_VERBALE, sent + k) > 0;
      }
      for (size_t k = 0; sent[k] && !st;) {
        char   date[11];
        size_t l = unkg_parse_zh_date(sent + k, n - k, date);
        if (!l) {
          ++k;
          continue;
        }
        if (phrase_at(r->lex, UNKG_ROLE_RECEIVED_AFTER, sent + k + l)) {
          free(doc->cutoff_date);
          if (!(doc->cutoff_date = unkg_strdup(date))) {
            st = UNKG_ERR_NOMEM;
          }
        } else if (note) {
          st = unkg_doc_add_note_date(doc, date);
        }
        k += l;
      }
      free(sent);
      s += n;
      if (end) {
        s += strlen("。");
      }
    }
    if (st) {
      return st;
    }
  }
  return UNKG_OK;
}

/* ---- which question a heading answers --------------------------------------- */

typedef struct {
  uint32_t a, b;
} Bigram;

static size_t
bigrams(const char* s, Bigram* out, size_t cap)
{
  uint32_t prev = 0;
  size_t   n    = 0;
  for (size_t i = 0; s[i];) {
    uint32_t cp;
    size_t   l = unkg_utf8_decode((const unsigned char*)s + i, strlen(s + i), &cp);
    i += l ? l : 1;
    /* Punctuation carries no meaning here. */
    if ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F)
        || (cp >= 0xFF1A && cp <= 0xFF20) || (cp < 128 && !isalnum((int)cp))) {
      prev = 0;
      continue;
    }
    if (prev && n < cap) {
      out[n++] = (Bigram){prev, cp};
    }
    prev = cp;
  }
  return n;
}

/* Dice coefficient over character bigrams: headings paraphrase the
 * questions, sharing most of their words but rarely all of them. */
static double
similarity(const char* x, const char* y)
{
  Bigram a[256], b[256];
  size_t na = bigrams(x, a, 256), nb = bigrams(y, b, 256);
  if (!na || !nb) {
    return 0.0;
  }
  bool   used[256] = {false};
  size_t common    = 0;
  for (size_t i = 0; i < na; ++i) {
    for (size_t j = 0; j < nb; ++j) {
      if (!used[j] && a[i].a == b[j].a && a[i].b == b[j].b) {
        used[j] = true;
        ++common;
        break;
      }
    }
  }
  return 2.0 * (double)common / (double)(na + nb);
}

/* Assigns questions to the headings of one reply.  Replies take the
 * questions in order, usually once each, so the assignment is the best
 * non-decreasing sequence, with a penalty for answering a question twice
 * and a floor below which a heading answers none. */
static UnkgStatus
match_headings(UnkgDoc* doc, const int* heads, size_t m, const int* qs, size_t n)
{
  const double none = 0.12, repeat = 0.25;
  size_t       w    = n + 1; /* state j: last question taken, 0 = none yet */
  double*      dp   = malloc((m + 1) * w * sizeof *dp);
  int*         from = malloc((m + 1) * w * sizeof *from);
  int*         pick = malloc((m + 1) * w * sizeof *pick);
  if (!dp || !from || !pick) {
    free(dp);
    free(from);
    free(pick);
    return UNKG_ERR_NOMEM;
  }
  for (size_t j = 0; j < w; ++j) {
    dp[j] = j == 0 ? 0.0 : -1e9;
  }
  for (size_t i = 1; i <= m; ++i) {
    const char* h = doc->parts[heads[i - 1]].text;
    for (size_t j = 0; j < w; ++j) {
      dp[i * w + j] = -1e9;
    }
    for (size_t j = 0; j < w; ++j) {
      double base = dp[(i - 1) * w + j];
      if (base < -1e8) {
        continue;
      }
      /* answers nothing: state unchanged */
      if (base + none > dp[i * w + j]) {
        dp[i * w + j]   = base + none;
        from[i * w + j] = (int)j;
        pick[i * w + j] = -1;
      }
      for (size_t k = j ? j : 1; k <= n; ++k) {
        double s = similarity(h, doc->parts[qs[k - 1]].text) - (k == j ? repeat : 0.0);
        if (base + s > dp[i * w + k]) {
          dp[i * w + k]   = base + s;
          from[i * w + k] = (int)j;
          pick[i * w + k] = (int)k;
        }
      }
    }
  }
  size_t best = 0;
  for (size_t j = 1; j < w; ++j) {
    if (dp[m * w + j] > dp[m * w + best]) {
      best = j;
    }
  }
  for (size_t i = m; i >= 1; --i) {
    int k = pick[i * w + best];
    doc->parts[heads[i - 1]].question = k > 0 ? qs[k - 1] : -1;
    best                              = (size_t)from[i * w + best];
  }
  free(dp);
  free(from);
  free(pick);
  return UNKG_OK;
}

static UnkgStatus
match_all_headings(UnkgDoc* doc)
{
  int*   qs    = malloc((doc->n_parts + 1) * sizeof *qs);
  int*   heads = malloc((doc->n_parts + 1) * sizeof *heads);
  size_t n     = 0;
  UnkgStatus st = qs && heads ? UNKG_OK : UNKG_ERR_NOMEM;
  for (size_t i = 0; !st && i < doc->n_parts; ++i) {
    if (doc->parts[i].kind == UNKG_PART_QUESTION) {
      qs[n++] = (int)i;
    }
  }
  for (size_t i = 0; !st && n && i < doc->n_parts; ++i) {
    if (doc->parts[i].kind != UNKG_PART_REPLY) {
      continue;
    }
    size_t m = 0;
    for (size_t k = i + 1; k < doc->n_parts && doc->parts[k].reply == (int)i; ++k) {
      if (doc->parts[k].kind == UNKG_PART_HEADING) {
        heads[m++] = (int)k;
      }
    }
    if (m) {
      st = match_headings(doc, heads, m, qs, n);
    }
  }
  free(qs);
  free(heads);
  return st;
}

/* ---- segmentation ------------------------------------------------------------ */

UnkgStatus
unkg_segment_report(const UnkgSource* src, const UnkgText* t,
                    const UnkgLexicon* lex, UnkgDoc* doc, UnkgWarnFn warn,
                    void* warn_ctx, UnkgDiag* d)
{
  Rep r = {doc, t, src, lex, warn, warn_ctx};
  int        reply = -1, heading = -1, last_para = -1, intro_para = -1;
  unsigned   n_para = 0, n_head = 0, n_rpara = 0, n_text = 0;
  size_t     first_reply = SIZE_MAX;
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
      UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_FOOTNOTE);
      if (!p || !(p->num = unkg_strdup(b->label))) {
        return UNKG_ERR_NOMEM;
      }
      /* A marker printed twice (annexes restart) stays two nodes. */
      unsigned dup = 0;
      for (size_t k = 0; k + 1 < doc->n_parts; ++k) {
        dup += doc->parts[k].kind == UNKG_PART_FOOTNOTE && !strcmp(doc->parts[k].num, b->label);
      }
      st = dup ? unkg_part_path(p, "fn/%s-%u", b->label, dup + 1) : unkg_part_path(p, "fn/%s", b->label);
      if (!st) {
        st = unkg_part_from_block(p, b, 0);
      }
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
      if (!p->entity && warn) {
        char msg[600];
        snprintf(msg, sizeof msg, "reply heading '%s' names no state in the reference data; "
                 "exported with the name as written", p->text);
        warn(warn_ctx, src->name, b->line, msg);
      }
      reply       = (int)(doc->n_parts - 1);
      p->reply    = -1;
      first_reply = first_reply == SIZE_MAX ? (size_t)reply : first_reply;
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
        st           = unkg_recognise_citations(&tmp, lex, x);
        if (!st && tmp.n_cites && tmp.cites[0].kind == UNKG_CITE_DOCUMENT) {
          doc->symbol       = tmp.cites[0].symbol;
          tmp.cites[0].symbol = NULL;
        }
        for (size_t c = 0; c < tmp.n_cites; ++c) {
          free(tmp.cites[c].symbol);
          free(tmp.cites[c].date);
        }
        free(tmp.cites);
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
    unkg_diag_set(d, src->name, 0,
                  "report without a document symbol (no cover page, no running head)");
    return UNKG_ERR_GENRE;
  }
  if ((st = read_introduction(&r, first_reply))) {
    return st;
  }
  /* Questions are asked by the items of the paragraph the report answers. */
  for (size_t i = 0; doc->responds_para && i < doc->n_parts; ++i) {
    UnkgPart* q = &doc->parts[i];
    if (q->kind == UNKG_PART_QUESTION) {
      UnkgBuf b = {0};
      if (unkg_buf_printf(&b, "op/%s/%s", doc->responds_para, q->num)) {
        unkg_buf_clear(&b);
        return UNKG_ERR_NOMEM;
      }
      q->asked_by = unkg_buf_take(&b);
    }
  }
  return match_all_headings(doc);
}
