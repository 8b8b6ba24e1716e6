#include "segment.h"

#include "buf.h"
#include "lead.h"
#include "report.h"
#include "symbol.h"
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
  if (!lang) {
    return "zh";
  }
  /* Latin script: English, French or Spanish by their own frequent words. */
  return *lang ? lang : *unkg_script_latin(&c) ? unkg_script_latin(&c) : "en";
}

/* "71/28." / "75/101 A-B." at the start of s: returns the length of the
 * number (without the dot) and *body where the title begins; 0 if none. */
static size_t
resolution_number(const char* s, size_t* body)
{
  int    a, b;
  /* Special and emergency special sessions: "S-32/1.", "ES-11/1.". */
  size_t pre = unkg_starts_with(s, "ES-") ? 3 : unkg_starts_with(s, "S-") ? 2 : 0;
  size_t i   = unkg_parse_digits(s + pre, strlen(s + pre), &a);
  if (!i || i > 3 || s[pre + i] != '/') {
    return 0;
  }
  i += pre;
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

/* "[根据第一委员会的报告(A/71/445)通过]": the committee's words, in the slot
 * of a unkg:committeeReportPhrase right after the bracket, up to the
 * phrase's closing words or, where the line leaves them out ("[根据第四
 * 委员会 (A/75/414，第8段)]"), up to the bracket of the symbols at `open`.
 * Their length in *len; NULL if the line names no committee (it then names
 * the draft). */
static const char*
committee_in(const UnkgLexicon* lex, const char* x, const char* open, size_t* len)
{
  const char* phrase;
  for (size_t i = 0;
       (phrase = unkg_lexicon_name_at(lex, resolution_genre(lex), UNKG_ROLE_COMMITTEE_REPORT, i));
       ++i) {
    size_t      bl;
    const char* after;
    const char* end;
    if (unkg_phrase_slot(phrase, &bl, &after) && !strncmp(x + 1, phrase, bl)) {
      end = strstr(x + 1 + bl, after);
      if (!end || (open && end > open)) {
        end = open;
      }
      if (!end) {
        continue;
      }
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

/* Did the source line holding byte off of block b start there? */
static bool
starts_line(const UnkgSource* src, const UnkgBlock* b, size_t off)
{
  size_t o = b->map[off];
  while (o > 0 && (src->data[o - 1] == ' ' || src->data[o - 1] == '\t')) {
    --o;
  }
  return o == 0 || src->data[o - 1] == '\n';
}

/* Where an enacting formula ending block b ("…大会，") starts, or its
 * length.  Without its comma ("大会") the formula must have had a line of
 * its own: a title may end in the organ's name. */
static size_t
formula_at_end(const UnkgLexicon* lex, const UnkgSource* src, const UnkgBlock* b, size_t from)
{
  const char* x = b->text;
  size_t      n = b->len;
  for (size_t k = n - from > 24 ? n - 24 : from; k + 3 < n; ++k) {
    if (((unsigned char)x[k] & 0xC0) != 0x80 && k > from && is_formula(lex, x + k)
        && (!strcmp(x + n - 3, "，") || x[n - 1] == ','
            || (src && b->map && starts_line(src, b, k)))) {
      return k;
    }
  }
  return n;
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
         && unkg_lexicon_match_entity(lex, unkg_lexicon_genre(lex, U("Report")),
                                      UNKG_ROLE_LANGUAGE_NOTE, s + 1, strlen(s + 1));
}

/* ---- resolution ----------------------------------------------------------- */

typedef struct Seg Seg;
static UnkgStatus  merge_heading(UnkgPart* h, const UnkgBlock* b);
static UnkgStatus  part_heading(Seg* s, const UnkgBlock* b);
static UnkgStatus  unnumbered_operative(Seg* s);

/* Where the reader stands in a resolution.  Each state has its handler;
 * a handler that does not take a block passes it on to the body. */
typedef enum { COVER, PREAMBLE, OPERATIVE, CLOSING, ANNEX } State;

struct Seg {
  const UnkgCtx*     c;
  UnkgDoc*           doc;
  const UnkgText*    text;
  const UnkgLexicon* lex;
  State              state;
  bool               after_agenda;          /* the last cover line named the agenda item */
  int                op, item, para, annex; /* part indices, or -1 */
  int                heading;               /* the last part, if a heading, or -1 */
  bool               part_title;            /* the next cover line is a part's title */
  bool               section;               /* a heading since the last numbered paragraph */
  unsigned           n_pp, n_text, n_annex, n_annex_para, n_annex_text, n_unnumbered;
  size_t             part_start; /* the first part of the resolution's current part (A, B …) */
  const UnkgSource*  src;
  size_t             block; /* the index of the block being read */
};

static int
last_part(const Seg* s)
{
  return (int)(s->doc->n_parts - 1);
}

static UnkgStatus
set_str(char** field, const char* value, size_t n)
{
  free(*field);
  *field = unkg_strndup(value, n);
  return *field ? UNKG_OK : UNKG_ERR_NOMEM;
}

/* The committee as the reference data names it, where it does
 * ("特别政治和非殖民化委员会(第四委员会)" is the Fourth Committee). */
static UnkgStatus
committee_of(Seg* s, const char* com, size_t cl)
{
  UnkgDoc* doc   = s->doc;
  char*    words = unkg_strndup(com, cl);
  if (!words) {
    return UNKG_ERR_NOMEM;
  }
  size_t            pos = 0, len = 0;
  const UnkgEntity* org = unkg_lexicon_find(s->lex, UNKG_ENT_ORG, UNKG_ROLE_NAME, words, &pos, &len);
  doc->res.committee_org = org;
  UnkgStatus st          = org ? set_str(&doc->res.committee, words + pos, len)
                               : set_str(&doc->res.committee, com, cl);
  free(words);
  return st;
}

/* "[根据第一委员会的报告(A/71/445)通过]", "[根据第四委员会的报告(A/75/414，
 * 第8段)通过]" or "[未经发交主要委员会而通过(A/77/L.5和A/77/L.5/Add.1)]":
 * the committee, its report and the paragraph of it, or the draft.  The
 * symbols are the last bracket that holds one; the first symbol is the
 * report or draft (an addendum is part of it). */
static UnkgStatus
adoption_line(Seg* s, const char* x)
{
  UnkgDoc*    doc  = s->doc;
  const char *open = NULL, *close = NULL;
  for (const char* p = strchr(x, '('); p; p = strchr(p + 1, '(')) {
    const char* q = strchr(p, ')');
    if (q && memchr(p, '/', (size_t)(q - p))) {
      open  = p;
      close = q;
    }
  }
  if (!open) {
    /* "[根据第四委员会]": the committee without its report. */
    const char* end = strrchr(x, ']');
    size_t      cl  = 0;
    const char* com = committee_in(s->lex, x, end, &cl);
    if (!com || !cl) {
      return UNKG_OK;
    }
    return committee_of(s, com, cl);
  }
  char*               group = unkg_strndup(open + 1, (size_t)(close - open - 1));
  UnkgPart            tmp   = {0};
  UnkgStatus          st    = group ? unkg_symbols_scan(s->lex, group, &tmp) : UNKG_ERR_NOMEM;
  const UnkgCitation* first = NULL;
  for (size_t i = 0; !st && i < tmp.n_cites; ++i) {
    if (tmp.cites[i].kind == UNKG_CITE_DOCUMENT && (!first || tmp.cites[i].pos < first->pos)) {
      first = &tmp.cites[i];
    }
  }
  /* "，第8段": the paragraph of the report that recommends the draft. */
  const char* para = group ? strstr(group, "第") : NULL;
  int         num  = 0;
  size_t      k    = para ? unkg_parse_zh_number(para + 3, strlen(para + 3), &num) : 0;
  size_t      cl   = 0;
  const char* com  = committee_in(s->lex, x, open, &cl);
  if (!st && first && com) {
    st = set_str(&doc->res.committee_report, first->symbol, strlen(first->symbol));
    if (!st && k && unkg_starts_with(para + 3 + k, "段")) {
      char buf[16];
      snprintf(buf, sizeof buf, "%d", num);
      st = set_str(&doc->res.report_para, buf, strlen(buf));
    }
    st = st ? st : committee_of(s, com, cl);
  } else if (!st && first && !unkg_symbol_is_draft(first->symbol)) {
    /* Adopted without a main committee on a report, not a draft ("(A/75/606)",
     * the Credentials Committee's; "(A/76/550，第 15 段)"). */
    st = set_str(&doc->res.committee_report, first->symbol, strlen(first->symbol));
    if (!st && k && unkg_starts_with(para + 3 + k, "段")) {
      char buf[16];
      snprintf(buf, sizeof buf, "%d", num);
      st = set_str(&doc->res.report_para, buf, strlen(buf));
    }
  } else if (!st && first) {
    st = set_str(&doc->res.draft, first->symbol, strlen(first->symbol));
  }
  unkg_part_clear(&tmp);
  free(group);
  return st;
}

/* The cover: session, agenda item, adoption date, the adoption line, the
 * number and title, the enacting formula.  Anything else on the cover is
 * skipped ("联合国", "Distr.: General") until a paragraph opens the body. */
static UnkgStatus
read_cover(Seg* s, const UnkgBlock* b, bool* taken)
{
  UnkgDoc*    doc = s->doc;
  const char* x   = b->text;
  char        date[11];
  size_t      body, k;
  int         num;
  bool        agenda_name = s->after_agenda;
  *taken                  = true;
  s->after_agenda         = false;
  if (numbered_phrase(s->lex, UNKG_ROLE_SESSION, x, b->len, &num)) {
    doc->session = num;
    return UNKG_OK;
  }
  if ((k = phrase_at(s->lex, UNKG_ROLE_AGENDA_ITEM, x))) {
    s->after_agenda = true;
    return unkg_doc_set_agenda(doc, x + k);
  }
  if (dated_phrase(s->lex, UNKG_ROLE_ADOPTION, x, b->len, date)) {
    return set_str(&doc->res.adoption_date, date, strlen(date));
  }
  if (x[0] == '[' && b->len > 2 && x[b->len - 1] == ']') {
    return adoption_line(s, x);
  }
  if ((k = resolution_number(x, &body)) && x[body]) {
    /* A title may run over several blocks until the formula.  A full last
     * line of the title may have taken the formula on ("…的适应力" +
     * "大会，" read as one): it is cut off again. */
    UnkgStatus st = set_str(&doc->res.number, x, k);
    size_t     tl = strlen(x + body), f = formula_at_end(s->lex, s->src, b, body) - body;
    if (!st && f < tl) {
      st       = set_str(&doc->res.formula, x + body + f, tl - f);
      s->state = PREAMBLE;
    }
    return st ? st : set_str(&doc->title, x + body, f);
  }
  /* The title of a part, under its letter: one heading with it. */
  if (s->part_title) {
    s->part_title = false;
    if (!is_formula(s->lex, x)) {
      /* Its last line may have taken the formula on, as a title's may. */
      UnkgBlock  t  = *b;
      size_t     f  = formula_at_end(s->lex, s->src, b, 0);
      UnkgStatus st = UNKG_OK;
      if (f < b->len) {
        t.len    = f;
        st       = set_str(&doc->res.formula, x + f, b->len - f);
        s->state = PREAMBLE;
      }
      return st ? st : merge_heading(&doc->parts[s->heading], &t);
    }
  }
  /* A part's letter on its own line under the number: 75/257 B. */
  if (doc->res.number && b->len == 1 && isupper((unsigned char)x[0])
      && !strchr(doc->res.number, ' ')) {
    UnkgBuf n = {0};
    if (unkg_buf_printf(&n, "%s %c", doc->res.number, x[0])) {
      unkg_buf_clear(&n);
      return UNKG_ERR_NOMEM;
    }
    free(doc->res.number);
    doc->res.number = unkg_buf_take(&n);
    /* The first of several parts printed together (the running head says
     * "A/RES/75/101 A-B"): its letter and title head it, as in the XML.
     * A part issued alone (A/RES/75/290 B) is the letter of its symbol. */
    const char* rs = s->text->running_symbol;
    const char* sp = rs ? strrchr(rs, ' ') : NULL;
    if ((sp && strchr(sp, '-')) || (!rs && x[0] == 'A')) {
      return part_heading(s, b);
    }
    return UNKG_OK;
  }
  /* The issuing organ on the header block ("大会") reads like the formula
   * without its comma: it is the formula only once the number was read. */
  if (is_formula(s->lex, x)
      && (doc->res.number || unkg_text_is_terminal(x, b->len) || strstr(x, "，") || strchr(x, ','))) {
    s->state = PREAMBLE;
    return set_str(&doc->res.formula, x, b->len);
  }
  size_t vl;
  bool   numbered = isdigit((unsigned char)x[0]) && strchr(x, '.')
                  && unkg_parse_digits(x, b->len, &num) == (size_t)(strchr(x, '.') - x);
  /* The line under the agenda item is its name, whatever word it opens
   * with ("加强联合国系统" opens with a lead verb). */
  if (agenda_name && !numbered && !doc->agenda_title) {
    return set_str(&doc->agenda_title, x, b->len);
  }
  if (!numbered
      && !unkg_lexicon_match(s->lex, UNKG_ENT_VERB | UNKG_ENT_MODIFIER,
                             UNKG_ROLE_PREAMBULAR | UNKG_ROLE_OPERATIVE | UNKG_ROLE_PREFIX
                               | UNKG_ROLE_NAME,
                             x, b->len, &vl, NULL)) {
    return UNKG_OK; /* another cover line: "联合国", "Distr.: General" */
  }
  /* No formula: the body starts here. */
  s->state = numbered ? OPERATIVE : PREAMBLE;
  *taken   = false;
  return UNKG_OK;
}

/* A part's letter ("A", "B"), a heading of the text whose title follows. */
static UnkgStatus
part_heading(Seg* s, const UnkgBlock* b)
{
  UnkgPart* p = unkg_doc_add_part(s->doc, UNKG_PART_TEXT);
  if (!p) {
    return UNKG_ERR_NOMEM;
  }
  p->ordinal    = ++s->n_text;
  UnkgStatus st = unkg_part_path(p, "text/%u", s->n_text);
  if (st || (st = unkg_part_from_block(p, b, 0))) {
    return st;
  }
  s->heading    = last_part(s);
  s->part_title = true;
  s->para = s->item = s->op = -1;
  return UNKG_OK;
}

/* Closing: "2016年12月5日" and "第51次全体会议", apart or together. */
static UnkgStatus
read_closing(Seg* s, const UnkgBlock* b, bool* taken)
{
  UnkgDoc*    doc = s->doc;
  const char* x   = b->text;
  char        date[11];
  size_t      k       = unkg_parse_zh_date(x, b->len, date);
  int         meeting = 0;
  if (!numbered_phrase(s->lex, UNKG_ROLE_MEETING, x + k, b->len - k, &meeting)) {
    meeting = 0;
    /* "第48次全体会议(续会)": a remark in brackets after the meeting; or a
     * bracket left over from a misprint ("第53次全体会议)"). */
    const char* open = strrchr(x + k, '(');
    if (!open && b->len > k + 1 && x[b->len - 1] == ')') {
      open = x + b->len - 1;
    }
    if (open && x[b->len - 1] == ')') {
      char* bare = unkg_strndup(x + k, (size_t)(open - (x + k)));
      if (!bare) {
        return UNKG_ERR_NOMEM;
      }
      if (!numbered_phrase(s->lex, UNKG_ROLE_MEETING, bare, strlen(bare), &meeting)) {
        meeting = 0;
      }
      free(bare);
    }
  }
  *taken = (k && x[k] == '\0') || meeting;
  if (!*taken) {
    return UNKG_OK;
  }
  if (meeting) {
    doc->res.meeting = meeting;
  }
  s->state = s->state == ANNEX ? ANNEX : CLOSING;
  return k ? set_str(&doc->res.closing_date, date, strlen(date)) : UNKG_OK;
}

/* "附件", "附件一": an annex heading (unkg:annexPhrase), outside the
 * preamble. */
static UnkgStatus
read_annex_heading(Seg* s, const UnkgBlock* b, bool* taken)
{
  *taken = phrase_at(s->lex, UNKG_ROLE_ANNEX, b->text) && b->len <= 3 * 8 && s->state != PREAMBLE;
  if (!*taken) {
    return UNKG_OK;
  }
  UnkgPart* p = unkg_doc_add_part(s->doc, UNKG_PART_ANNEX);
  if (!p) {
    return UNKG_ERR_NOMEM;
  }
  p->ordinal    = ++s->n_annex;
  UnkgStatus st = unkg_part_path(p, "annex/%u", s->n_annex);
  if (st || (st = unkg_part_from_block(p, b, 0))) {
    return st;
  }
  s->annex        = last_part(s);
  s->n_annex_para = 0;
  s->n_annex_text = 0;
  s->para = s->item = -1;
  s->state          = ANNEX;
  return UNKG_OK;
}

/* "(a)", "(i)": a sub-item of the paragraph or item above. */
static UnkgStatus
read_item(Seg* s, const UnkgBlock* b, bool* taken)
{
  UnkgDoc* doc  = s->doc;
  size_t   skip = 0;
  char     label[16];
  *taken = false;
  if (!unkg_item_label(b->text, label, &skip) || (s->op < 0 && s->para < 0 && s->item < 0)) {
    return UNKG_OK;
  }
  int parent = s->state == ANNEX ? s->para : (s->op >= 0 ? s->op : s->para);
  if (unkg_roman_level(doc, s->item, label)) {
    const UnkgPart* it = &doc->parts[s->item];
    parent = it->parent >= 0 && doc->parts[it->parent].kind == UNKG_PART_ITEM ? it->parent : s->item;
  } else if (s->item >= 0 && doc->parts[s->item].parent >= 0
             && doc->parts[doc->parts[s->item].parent].kind == UNKG_PART_ITEM) {
    parent = doc->parts[doc->parts[s->item].parent].parent;
  }
  if (parent < 0) {
    parent = s->item >= 0 ? doc->parts[s->item].parent : -1;
  }
  if (parent < 0) {
    return UNKG_OK;
  }
  UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_ITEM);
  if (!p || !(p->num = unkg_strdup(label))) {
    return UNKG_ERR_NOMEM;
  }
  p->parent     = parent;
  p->ordinal    = unkg_doc_count_items(doc, doc->n_parts - 1, parent) + 1;
  UnkgStatus st = unkg_part_path(p, "%s/%s", doc->parts[parent].path, p->num);
  if (st || (st = unkg_part_from_block(p, b, skip))) {
    return st;
  }
  s->item = last_part(s);
  *taken  = true;
  return UNKG_OK;
}

/* A number printed twice (parts and sections restart) stays unique:
 * op/1, then op/1-2, op/1-3, counted by path among the parts before, as
 * the XML reader counts them. */
static UnkgStatus
unique_path(const Seg* s, UnkgPart* p)
{
  const UnkgDoc* doc  = s->doc;
  unsigned       seen = unkg_doc_path_seen(doc, doc->n_parts - 1, p->path);
  /* Operative paragraphs that were read as preambular and renamed op/K
   * (unnumbered_operative) are not in the document's path index. */
  unsigned k = 0;
  if (sscanf(p->path, "op/%u", &k) == 1 && k >= 1 && k <= s->n_unnumbered
      && strspn(p->path + 3, "0123456789") == strlen(p->path + 3)) {
    ++seen;
  }
  if (!seen) {
    return UNKG_OK;
  }
  char* base = unkg_strdup(p->path);
  if (!base) {
    return UNKG_ERR_NOMEM;
  }
  UnkgStatus st = unkg_part_path(p, "%s-%u", base, seen + 1);
  free(base);
  return st;
}

/* "1. 决定…": an operative paragraph, or a numbered paragraph of an annex. */
static UnkgStatus
read_numbered(Seg* s, const UnkgBlock* b, bool* taken)
{
  UnkgDoc*    doc = s->doc;
  const char* x   = b->text;
  int         num;
  size_t      skip = 0;
  *taken = isdigit((unsigned char)x[0]) && (skip = unkg_parse_digits(x, b->len, &num)) <= 3
           && x[skip] == '.' && (s->state == PREAMBLE || s->state == OPERATIVE || s->state == ANNEX);
  if (!*taken) {
    return UNKG_OK;
  }
  bool      annex = s->state == ANNEX;
  UnkgPart* p     = unkg_doc_add_part(doc, annex ? UNKG_PART_ANNEX_PARA : UNKG_PART_OPERATIVE);
  if (!p || !(p->num = unkg_strndup(x, skip))) {
    return UNKG_ERR_NOMEM;
  }
  UnkgStatus st;
  if (annex) {
    /* Named by its number, as the XML reader names it (unique_path). */
    p->parent  = s->annex;
    p->ordinal = ++s->n_annex_para;
    st         = unkg_part_path(p, "%s/%s", doc->parts[s->annex].path, p->num);
    if (!st) {
      st = unique_path(s, p);
    }
  } else {
    p->ordinal = (unsigned)num;
    st         = unkg_part_path(p, "op/%s", p->num);
    if (!st) {
      st = unique_path(s, p);
    }
    s->state = OPERATIVE;
  }
  if (!st) {
    st = unkg_part_from_block(p, b, skip + 1);
  }
  s->op      = annex ? -1 : last_part(s);
  s->para    = last_part(s);
  s->section = false;
  s->item    = -1;
  return st;
}

/* A heading between paragraphs ("传播非殖民化信息", "第一编"): a short line
 * that neither ends a sentence nor a clause and opens with no lead verb.
 * Annexes are left alone: their short lines are schedules and list entries
 * as often as headings.  The XML reader has the same rule.  A comma inside
 * is let through for the second line of a heading (under_heading): "第 29E
 * 款" then "行政，日内瓦", the Fifth Committee's section and its office. */
static bool
is_heading(const Seg* s, const UnkgBlock* b, bool under_heading)
{
  size_t     vl;
  const bool comma = strstr(b->text, "，") || strchr(b->text, ',');
  const bool ends  = (b->len >= 3 && !strcmp(b->text + b->len - 3, "，"))
                    || (b->len && b->text[b->len - 1] == ',');
  const bool inner = comma && under_heading && b->len <= 60 && !ends;
  return (s->state == PREAMBLE || s->state == OPERATIVE) && b->n_lines == 1 && b->len <= 160
         && !unkg_text_is_terminal(b->text, b->len) && !strchr(b->text, ';')
         && !strstr(b->text, "；") && (!comma || inner)
         && !unkg_lexicon_match(s->lex, UNKG_ENT_VERB | UNKG_ENT_MODIFIER,
                                UNKG_ROLE_PREAMBULAR | UNKG_ROLE_OPERATIVE | UNKG_ROLE_PREFIX
                                  | UNKG_ROLE_NAME,
                                b->text, b->len, &vl, NULL);
}

/* The length of a section's numeral that opens a heading and is set off
 * from it by a space in the source ("一 人权理事会…", "IV Budget"), or 0.
 * A numeral on a line of its own is a heading of its own, and numbers the
 * next line's heading when it comes (read_plain), as in the XML. */
static size_t
numeral_before_space(const UnkgBlock* b)
{
  const char* x = b->text;
  size_t      n = unkg_parse_section_numeral(x, b->len);
  if (!n || n >= b->len) {
    return 0;
  }
  /* The first gap within the numeral too: "一 一般准则" parses as 一一. */
  size_t step = x[0] & 0x80 ? 3 : 1;
  for (size_t k = step; k <= n; k += step) {
    if (x[k] == ' ' || b->map[k] > b->map[k - 1] + 1 + (x[k - 1] & 0x80 ? 2 : 0)) {
      return k;
    }
  }
  return 0;
}

/* "二 大会和(或)安全理事会授权的…": a section's numeral and its heading,
 * which may run over several lines; *nl is the numeral's length. */
static bool
numbered_heading(const Seg* s, const UnkgBlock* b, size_t* nl)
{
  *nl = 0;
  if (s->state != PREAMBLE && s->state != OPERATIVE) {
    return false;
  }
  size_t n = numeral_before_space(b);
  if (!n || unkg_text_is_terminal(b->text, b->len) || strstr(b->text, "；")
      || (b->len >= 3 && !strcmp(b->text + b->len - 3, "，"))) {
    return false;
  }
  *nl = n;
  return true;
}

/* "…采取以下行动：": a list's introduction, a paragraph of its own. */
static bool
ends_with_colon(const UnkgBlock* b)
{
  return (b->len >= 3 && !strcmp(b->text + b->len - 3, "："))
         || (b->len && b->text[b->len - 1] == ':');
}

/* A section's numeral and nothing else: "一", "IV". */
static bool
numeral_only(const char* x)
{
  int    v;
  size_t n = strlen(x);
  return n
         && (strspn(x, "IVXLC") == n
             || (!isdigit((unsigned char)x[0]) && unkg_parse_zh_number(x, n, &v) == n && v > 0));
}

/* Have only footnote bodies been added after part i? */
static bool
only_notes_after(const UnkgDoc* doc, int i)
{
  for (size_t k = (size_t)i + 1; k < doc->n_parts; ++k) {
    if (doc->parts[k].kind != UNKG_PART_FOOTNOTE) {
      return false;
    }
  }
  return true;
}

/* A heading printed over two lines set apart ("一" then "内部司法系统") is
 * one heading, its lines joined by a space, as the XML reader joins the
 * heading elements that follow each other. */
static UnkgStatus append_block(UnkgPart* h, const UnkgBlock* b, bool space);

static UnkgStatus
merge_heading(UnkgPart* h, const UnkgBlock* b)
{
  return append_block(h, b, true);
}

/* Appends block b's text to part h's, with its offsets, after a space or
 * none. */
static UnkgStatus
append_block(UnkgPart* h, const UnkgBlock* b, bool space)
{
  size_t    sp = space ? 1 : 0;
  size_t    hl = strlen(h->text), len = hl + sp + b->len;
  char*     t   = malloc(len + 1);
  uint32_t* map = malloc((len + 1) * sizeof *map);
  if (!t || !map) {
    free(t);
    free(map);
    return UNKG_ERR_NOMEM;
  }
  memcpy(t, h->text, hl);
  if (space) {
    t[hl] = ' ';
  }
  memcpy(t + hl + sp, b->text, b->len + 1);
  for (size_t i = 0; i < hl + sp; ++i) {
    map[i] = h->map ? (uint32_t)unkg_part_offset(h, i < hl ? i : hl) : 0;
  }
  memcpy(map + hl + sp, b->map, (b->len + 1) * sizeof *map);
  UnkgStatus st = unkg_part_set_text(h, t, len, h->map ? map : NULL);
  free(t);
  free(map);
  return st;
}

/* Does text end with a colon, introducing what follows? */
static bool
introduces_list(const char* text)
{
  size_t n = strlen(text);
  return (n >= 3 && !strcmp(text + n - 3, "：")) || (n && text[n - 1] == ':');
}

/* Does text open with a paragraph's number in Chinese numerals ("二.",
 * "三、": the rules of 76/120's annex number their paragraphs so)? */
static bool
numeral_label(const char* text, size_t n)
{
  int    v;
  size_t d = unkg_parse_zh_number(text, n, &v);
  return d && d < n && (text[d] == '.' || !strncmp(text + d, "、", 3) || !strncmp(text + d, "．", 3));
}

/* A rule's number alone, "第19条" (spaces allowed): the heading of an
 * article of rules of procedure. */
static bool
article_heading(const char* x)
{
  int    v;
  size_t n = strlen(x), i = 0;
  if (strncmp(x, "第", 3)) {
    return false;
  }
  i = 3 + strspn(x + 3, " ");
  size_t d = unkg_parse_digits(x + i, n - i, &v);
  if (!d) {
    d = unkg_parse_zh_number(x + i, n - i, &v);
  }
  if (!d) {
    return false;
  }
  i += d;
  i += strspn(x + i, " ");
  return !strcmp(x + i, "条");
}

/* Is part i the unnumbered text of a rule, right under the rule's number
 * and its title ("第19条" / "法定人数" / "主持会议的主席…辩论。")?  A rule
 * that has more than one paragraph numbers them; unnumbered, its sentences
 * are one paragraph (every one of the 53 rules in the two sessions'
 * XML).  In print, a sentence that ends at the margin cannot be told from
 * a paragraph's end (75/212). */
static bool
article_body(const UnkgDoc* doc, int i)
{
  const UnkgPart* p = &doc->parts[i];
  size_t          n = strlen(p->text);
  if (!unkg_text_is_terminal(p->text, n) || !strcmp(p->text + n - 3, "：")
      || numeral_label(p->text, n)) {
    return false;
  }
  int seen = 0;
  for (int k = i - 1; k >= 0 && seen < 2; --k) {
    const UnkgPart* q = &doc->parts[k];
    if (q->kind == UNKG_PART_FOOTNOTE) {
      continue;
    }
    if (q->num || q->parent != p->parent) {
      return false;
    }
    if (article_heading(q->text)) {
      return true;
    }
    /* The rule's title: short, no sentence. */
    if (unkg_text_is_terminal(q->text, strlen(q->text)) || strlen(q->text) > 90) {
      return false;
    }
    ++seen;
  }
  return false;
}

/* Any other block: a preambular paragraph, an unnumbered paragraph of an
 * annex, or text outside both (headings among them). */
static UnkgStatus
read_plain(Seg* s, const UnkgBlock* b)
{
  UnkgDoc*   doc = s->doc;
  UnkgPart*  p;
  UnkgStatus st;
  /* Under a section heading, before the section's first numbered
   * paragraph, one that ends with a comma is preambular (the Fifth
   * Committee's "审议了…报告，" then "1. …"), as in the XML. */
  const bool comma = b->len >= 3 && !strcmp(b->text + b->len - 3, "，");
  size_t     nl    = 0;
  /* After a numeral standing alone ("一"), its heading may run over lines. */
  const bool after_numeral = s->heading >= 0 && only_notes_after(doc, s->heading)
                             && numeral_only(doc->parts[s->heading].text) && !comma
                             && !unkg_text_is_terminal(b->text, b->len) && !strstr(b->text, "；");
  const bool under_heading = s->heading >= 0 && only_notes_after(doc, s->heading);
  const bool heading       = numbered_heading(s, b, &nl) || after_numeral
                       || is_heading(s, b, under_heading);
  /* "通过以下宣言：" (operative only, announcing what follows: the
   * declaration's title and numbered paragraphs) ends a preamble; the
   * markup sets it, unnumbered, in the operative part. */
  size_t vl;
  if (s->state == PREAMBLE && !heading && ends_with_colon(b)
      && unkg_lexicon_match(s->lex, UNKG_ENT_VERB, UNKG_ROLE_OPERATIVE, b->text, b->len, &vl, NULL)
      && !unkg_lexicon_match(s->lex, UNKG_ENT_VERB | UNKG_ENT_MODIFIER,
                             UNKG_ROLE_PREAMBULAR | UNKG_ROLE_PREFIX, b->text, b->len, &vl, NULL)) {
    s->state = OPERATIVE;
  }
  if ((s->state == PREAMBLE || (s->state == OPERATIVE && s->section && comma)) && !heading) {
    if (!(p = unkg_doc_add_part(doc, UNKG_PART_PREAMBULAR))) {
      return UNKG_ERR_NOMEM;
    }
    p->ordinal = ++s->n_pp;
    st         = unkg_part_path(p, "pp/%u", s->n_pp);
    s->para    = last_part(s);
  } else if (s->state == ANNEX && s->para >= 0 && s->para == last_part(s)
             && doc->parts[s->para].kind == UNKG_PART_ANNEX_PARA
             && (doc->parts[s->para].num
                 || (article_body(doc, s->para) && !numeral_label(b->text, b->len)))
             && !introduces_list(doc->parts[s->para].text) && unkg_text_is_terminal(b->text, b->len)
             && !ends_with_colon(b) && !heading) {
    /* A sentence under a numbered paragraph of an annex, with no number of
     * its own, is the paragraph's next sentence: the markup holds both in
     * one paragraph more often than it sets one apart.  So is one under a
     * rule's unnumbered text (article_body).  Not after a colon: what
     * follows "…具体安排如下：" is a schedule, its lines paragraphs of their
     * own (7 times in the two sessions' XML; once a table inside). */
    return append_block(&doc->parts[s->para], b, false);
  } else if (s->state == ANNEX) {
    if (!(p = unkg_doc_add_part(doc, UNKG_PART_ANNEX_PARA))) {
      return UNKG_ERR_NOMEM;
    }
    /* "A. 全体会议": a heading of the annex under a letter, which is its
     * number (the markup's <num>; Chinese numerals stay in the text). */
    if (b->len > 2 && b->text[0] >= 'A' && b->text[0] <= 'Z' && b->text[1] == '.'
        && (unsigned char)b->text[2] >= 0x80 && !unkg_text_is_terminal(b->text, b->len)
        && !strstr(b->text, "；") && !strstr(b->text, "，")) {
      nl = 2;
      if (!(p->num = unkg_strndup(b->text, 2))) {
        return UNKG_ERR_NOMEM;
      }
    }
    p->parent  = s->annex;
    p->ordinal = ++s->n_annex_para;
    st         = unkg_part_path(p, "%s/text/%u", doc->parts[s->annex].path, ++s->n_annex_text);
    s->para    = last_part(s);
  } else {
    if (heading && !nl && s->heading >= 0 && only_notes_after(doc, s->heading)) {
      UnkgPart* h = &doc->parts[s->heading];
      size_t    n = strlen(h->text);
      if (!h->num && n && unkg_parse_section_numeral(h->text, n) == n) {
        /* The numeral over its title ("一" then "内部司法系统") numbers
         * it, as "一 内部司法系统" on one line does. */
        if (!(h->num = unkg_strdup(h->text))) {
          return UNKG_ERR_NOMEM;
        }
        return unkg_part_set_text(h, b->text, b->len, b->map);
      }
      return merge_heading(h, b);
    }
    if (!(p = unkg_doc_add_part(doc, UNKG_PART_TEXT))) {
      return UNKG_ERR_NOMEM;
    }
    s->heading = heading ? last_part(s) : -1;
    s->section |= heading;
    if (nl && !(p->num = unkg_strndup(b->text, nl))) {
      return UNKG_ERR_NOMEM;
    }
    p->ordinal = ++s->n_text;
    st         = unkg_part_path(p, "text/%u", s->n_text);
    /* Items after it are its own only if it asks something ("核准：" then
     * (a), (b) in a budget section), as the XML reader has it. */
    s->para = unkg_lexicon_match(s->lex, UNKG_ENT_VERB | UNKG_ENT_MODIFIER,
                                 UNKG_ROLE_PREAMBULAR | UNKG_ROLE_OPERATIVE | UNKG_ROLE_PREFIX,
                                 b->text, b->len, &vl, NULL)
                ? last_part(s)
                : -1;
  }
  s->item = -1;
  return st ? st : unkg_part_from_block(p, b, nl);
}

static UnkgStatus read_block(Seg* s, const UnkgBlock* b);
static UnkgStatus read_piece(Seg* s, const UnkgBlock* b, size_t from, size_t to, bool joins);

/* Does a new paragraph open at text: a number "12.", or a lead verb (a
 * modifier inside it too, 表示特别深切关注)? */
static bool
opens_paragraph(const Seg* s, const char* text, size_t n)
{
  int               num;
  size_t            d = unkg_parse_digits(text, n, &num);
  size_t            vl;
  const UnkgEntity* m = NULL;
  /* A modifier that goes on after a comma (同时) opens no paragraph. */
  const UnkgEntity* first = unkg_lexicon_match(s->lex, UNKG_ENT_MODIFIER, UNKG_ROLE_PREFIX, text, n,
                                               &vl, NULL);
  if (first && (first->flags & UNKG_FLAG_GOES_ON)) {
    return false;
  }
  return (d && d <= 3 && text[d] == '.')
         || unkg_lexicon_match(s->lex, UNKG_ENT_VERB | UNKG_ENT_MODIFIER,
                               UNKG_ROLE_PREAMBULAR | UNKG_ROLE_OPERATIVE | UNKG_ROLE_PREFIX
                                 | UNKG_ROLE_NAME,
                               text, n, &vl, NULL)
         || (unkg_lead_match(s->lex, text, &m, &vl) && m && vl <= n);
}

/* Within a page, a paragraph of the preamble opens at text after a full
 * line that ended with a comma only with a preambular lead verb, its
 * modifiers before it ("又强调") or inside it (表示特别深切关注): a bare
 * modifier ("特别是…") goes on the sentence.  At such a cut (at_cut), a
 * lead the reference data marks as going on after a comma more often than
 * it opens a paragraph (支持和补充…, 加强和支持…) goes on too: its first
 * word decides, the modifier before the verb if there is one. */
static bool
opens_preambular(const Seg* s, const char* text, size_t n, bool at_cut)
{
  size_t at = 0, l;
  bool   lead = false;
  for (int k = 0; k < 3 && at < n && !lead; ++k) {
    if (unkg_lexicon_match(s->lex, UNKG_ENT_VERB, UNKG_ROLE_PREAMBULAR | UNKG_ROLE_NAME, text + at,
                           n - at, &l, NULL)) {
      lead = true;
    } else if (!unkg_lexicon_match(s->lex, UNKG_ENT_MODIFIER, UNKG_ROLE_PREFIX, text + at, n - at,
                                   &l, NULL)
               || !l) {
      break;
    }
    at += l;
  }
  const UnkgEntity* m = NULL;
  const UnkgEntity* v = unkg_lead_match(s->lex, text, &m, &l);
  if (!lead && !(v && l <= n && m)) {
    return false;
  }
  if (!at_cut || !v) {
    return true;
  }
  /* A lead whose object points back (认为这是…, 认识到这些国家…, 还认识到
   * 就此…, 确认它…) goes on the sentence before it: in the two sessions'
   * preambles 这 or 它 follows a lead after a comma inside a paragraph 93
   * times and one that opens a paragraph after a comma 11 times. */
  if (l <= n
      && (!strncmp(text + l, "这", 3) || !strncmp(text + l, "它", 3)
          || !strncmp(text + l, "就此", 6))) {
    return false;
  }
  const UnkgEntity* first = unkg_lexicon_match(s->lex, UNKG_ENT_MODIFIER, UNKG_ROLE_PREFIX, text,
                                               n, &l, NULL);
  /* A modifier set off by a comma ("在这方面，又认识到…", 75/155) points
   * back to the clause before it: in the two sessions' preambles such a
   * lead follows a comma inside a paragraph 34 times and opens one after a
   * comma 8 times, once the rules above have had their say
   * (bench/comma_leads.py). */
  if (first && l >= 3 && !strncmp(text + l - 3, "，", 3)) {
    return false;
  }
  return !((first ? first : v)->flags & UNKG_FLAG_GOES_ON);
}

/* Does text end with a lead modifier set off by commas ("…的多语文信息，在
 * 这方面，", 76/227)?  The modifier belongs to the lead after it, so the
 * paragraph goes on: in the two sessions' preambles a lead follows such a
 * modifier 33 times, and no paragraph ends with one (bench/comma_leads.py). */
static bool
ends_with_modifier(const Seg* s, const char* text, size_t n)
{
  if (n < 6 || strncmp(text + n - 3, "，", 3)) {
    return false;
  }
  size_t c = n - 3;
  while (c >= 3 && strncmp(text + c - 3, "，", 3)) {
    --c;
  }
  if (c < 3) {
    return false;
  }
  size_t l;
  return unkg_lexicon_match(s->lex, UNKG_ENT_MODIFIER, UNKG_ROLE_PREFIX, text + c, n - c, &l, NULL)
         && (l == n - c || l == n - c - 3);
}

/* The lead verb of a paragraph's text, NULL if it has none. */
static const UnkgEntity*
lead_verb(const Seg* s, const char* text, size_t n, const UnkgEntity** m)
{
  size_t            l;
  const UnkgEntity* v = unkg_lead_match(s->lex, text, m, &l);
  return v && l <= n ? v : NULL;
}

/* Does a lead with 又 (also) or 还 (further) at a cut repeat a verb that no
 * paragraph before it has opened with?  The Assembly runs such paragraphs
 * in order: 又V opens a paragraph right after one whose lead is V, 还V
 * after one that opened with V and a modifier of its own (又V).  Without
 * that run the words go on the sentence: "重申…，还重申…" (75/176), a
 * first paragraph's "…为基础，还确认…" (76/203).  Counted in the two
 * sessions' preambles (bench/render_margins.py --runs), such a lead opens
 * 18 paragraphs after one ending with a comma and follows a comma inside
 * one 109 times; with its run before it, 1,396 and 187. */
static bool
repeats_no_run(const Seg* s, const char* cur, size_t cur_n, const char* text, size_t n)
{
  const bool also = !strncmp(text, "又", 3), further = !strncmp(text, "还", 3);
  const UnkgEntity *m, *cm;
  const UnkgEntity* v  = lead_verb(s, text, n, &m);
  const UnkgEntity* cv = lead_verb(s, cur, cur_n, &cm);
  /* The verb of the paragraph again, with no modifier, after V or 又V
   * ("确认…，确认…", 76/50; "又回顾…，回顾…", 75/131): goes on 156 times
   * and opens a paragraph 44 times.  After 还V a plain V opens a new run
   * (73 against 5). */
  if (v && !m && v == cv && (!cm || !strncmp(cur, "又", 3))) {
    return true;
  }
  if (!v || !m || !(also || further)) {
    return false;
  }
  if (also) {
    return cv != v;
  }
  /* 还V: this paragraph or one before it opened with another modifier and V. */
  if (cv == v && cm && strncmp(cur, "还", 3)) {
    return false;
  }
  const UnkgPartKind kind = s->state == ANNEX ? UNKG_PART_ANNEX_PARA : UNKG_PART_PREAMBULAR;
  for (size_t i = s->doc->n_parts; i-- > s->part_start;) {
    const UnkgPart* p = &s->doc->parts[i];
    if (p->kind == UNKG_PART_ANNEX || p->kind == UNKG_PART_OPERATIVE) {
      break;
    }
    if (p->kind == kind && p->text && strncmp(p->text, "还", 3)
        && lead_verb(s, p->text, strlen(p->text), &cm) == v && cm) {
      return false;
    }
  }
  return true;
}

/* Does the run of the paragraph before a cut at join k resume after the
 * paragraph the cut would open?  又V opens a paragraph right after one whose
 * lead is V, and 还V right after 又V, so a paragraph of another lead between
 * them is none: "欢迎…深表遗憾，" then "敦促缅甸政府…合作，" then "又欢迎…"
 * (75/238) is one paragraph and the next.  In the two sessions' preambles
 * (bench/render_margins.py --runs) a paragraph of another lead stands
 * between V and 又V twice and between 又V and 还V never; another lead goes
 * on the paragraph before the next opens 216 and 72 times. */
static bool
run_resumes(const Seg* s, const UnkgBlock* b, size_t k, size_t from)
{
  const UnkgEntity* m;
  const size_t      to = b->joins[k];
  const UnkgEntity* v  = lead_verb(s, b->text + from, to - from, &m);
  if (!v || lead_verb(s, b->text + to, b->len - to, &m) == v || !strncmp(b->text + from, "还", 3)) {
    return false;
  }
  /* After 又V the run goes on with 还V. */
  const char* again = !strncmp(b->text + from, "又", 3) ? "还" : "又";
  for (size_t j = k + 1; j < b->n_joins; ++j) {
    const size_t at = b->joins[j];
    if (at < 3 || strncmp(b->text + at - 3, "，", 3)) {
      continue;
    }
    const UnkgEntity* w = lead_verb(s, b->text + at, b->len - at, &m);
    if (w) {
      return w == v && !strncmp(b->text + at, again, 3);
    }
  }
  /* The block ends the paragraph: the next one opens the next block. */
  const UnkgText* t = s->text;
  if (b != &t->blocks[s->block] || s->block + 1 >= t->n_blocks || b->len < 3
      || strncmp(b->text + b->len - 3, "，", 3)) {
    return false;
  }
  const UnkgBlock* n = &t->blocks[s->block + 1];
  return !strncmp(n->text, again, 3) && lead_verb(s, n->text, n->len, &m) == v;
}

/* Titles and quotations left open in text: 《 and “ less 》 and ”.  A
 * paragraph does not end inside one ("题为“我们共同承诺…，" then
 * "加强国际合作”的政治宣言"), though a line cut short still ends it: a
 * quotation the text leaves unclosed (75/257) stays open. */
static int
open_quotes(const char* text, size_t n)
{
  int d = 0;
  for (size_t i = 0; i + 3 <= n; ++i) {
    d += !memcmp(text + i, "\xE3\x80\x8A", 3) || !memcmp(text + i, "\xE2\x80\x9C", 3);
    d -= !memcmp(text + i, "\xE3\x80\x8B", 3) || !memcmp(text + i, "\xE2\x80\x9D", 3);
  }
  return d;
}

/* Does text open with a paragraph's number ("12.") or an item's label
 * ("(b)", "(iv)")? */
static bool
numbered(const char* text, size_t n)
{
  int    num;
  size_t d = unkg_parse_digits(text, n, &num);
  if (d && d <= 3 && d < n && text[d] == '.') {
    return true;
  }
  size_t j = 1;
  while (n && text[0] == '(' && j < n && j <= 5 && isalnum((unsigned char)text[j])) {
    ++j;
  }
  return n && text[0] == '(' && j > 1 && j < n && text[j] == ')';
}

/* Does text open with a number or an item's label, (a), ㈡ or ③?  An
 * item is set under a hanging indent: its lines stop short of the margin
 * and go on. */
static bool
labelled(const char* text, size_t n)
{
  const unsigned char* u = (const unsigned char*)text;
  /* ㈠…㉃ are U+3220–U+3243 (E3 88 A0 – E3 89 83), ①… U+2460–U+24FF. */
  const bool paren = n >= 3 && u[0] == 0xE3
                    && ((u[1] == 0x88 && u[2] >= 0xA0) || (u[1] == 0x89 && u[2] <= 0x83));
  const bool circle = n >= 3 && u[0] == 0xE2
                      && ((u[1] == 0x91 && u[2] >= 0xA0) || u[1] == 0x92 || u[1] == 0x93);
  return paren || circle || numbered(text, n);
}

/* A block joined across a page break where the first page's paragraph had
 * in fact ended (a clause mark before, a number or lead verb after): read
 * as the paragraphs it holds.  Each piece keeps its slice of the offset
 * map and the footnote marks that fall in it. */
static UnkgStatus
read_joined(Seg* s, const UnkgBlock* b, bool* taken)
{
  *taken = false;
  if (!b->n_joins || (s->state != PREAMBLE && s->state != OPERATIVE && s->state != ANNEX)) {
    return UNKG_OK;
  }
  size_t     from = 0;
  UnkgStatus st   = UNKG_OK;
  for (size_t k = 0; k <= b->n_joins && !st; ++k) {
    size_t to = k < b->n_joins ? b->joins[k] : b->len;
    /* The heading of a section under its numeral ("六"), or after it on
     * its line ("三 解决…有限问题", 75/253 B), run on into the section's
     * first paragraph. */
    const bool heading = k == 0 && b->soft && b->soft[0]
                         && ((s->heading >= 0 && s->heading == last_part(s)
                              && numeral_only(s->doc->parts[s->heading].text))
                             || numeral_before_space(b));
    const bool soft = k < b->n_joins && b->soft && b->soft[k] && !heading;
    const bool semi = soft && to >= 3
                      && (!strncmp(b->text + to - 3, "；", 3) || b->text[to - 1] == ';'
                          || !strncmp(b->text + to - 3, "：", 3) || b->text[to - 1] == ':');
    if (semi) {
      /* After a semicolon or a colon at a full line the clause goes on in
       * a preamble and in a numbered paragraph or item of the operative
       * part ("…的工作环境；" then "提供…", "…具体目标：" then "消除…");
       * elsewhere (an annexed text's lists, the Fifth Committee's
       * unnumbered "核准…；" then "决定…", "安排如下：" then a schedule)
       * the line ended its paragraph. */
      if (s->state == PREAMBLE || (s->state == OPERATIVE && numbered(b->text + from, to - from))) {
        continue;
      }
    } else {
      const bool brim  = k < b->n_joins && b->brim && b->brim[k];
      const bool comma = to >= 3 && (!strncmp(b->text + to - 3, "，", 3) || b->text[to - 1] == ',');
      /* A preamble's line that ends with a comma short of the margin ended
       * its paragraph, whatever opens the next one (对…表示关切, a lead the
       * lexicon lacks): typesetting wraps a line only where it is full.
       * Only at the margin do the lead and the lexicon decide.  So does an
       * unnumbered paragraph's under a section of the operative part, as
       * the Fifth Committee writes them ("回顾…第十二节，" then
       * "审议了…"), but not an item's: its lines, under a hanging indent,
       * stop short of the margin ("㈡ …机构记忆，" then "以及…", 75/325). */
      const bool ended = soft && !brim && comma && !labelled(b->text + from, to - from)
                         && (s->state == PREAMBLE
                             || ((s->state == OPERATIVE || s->state == ANNEX)
                                 && opens_preambular(s, b->text + from, b->len - from, false)));
      if (!ended && k < b->n_joins && !heading
          && !(to > from && unkg_text_is_terminal(b->text + from, to - from)) && !comma) {
        continue;
      }
      /* Across a page too, a bare modifier after a comma goes on the
       * preamble's sentence ("…面临各种挑战，" then, on the next page,
       * "特别是地理位置偏远…", 76/203): only a lead or a number opens. */
      if (!ended && k < b->n_joins
          && (!opens_paragraph(s, b->text + to, b->len - to)
              || (soft && brim && open_quotes(b->text + from, to - from) > 0)
              || (comma && s->state == PREAMBLE && !numbered(b->text + to, b->len - to)
                  && !opens_preambular(s, b->text + to, b->len - to, false)))) {
        continue;
      }
      /* A numbered operative paragraph cut by a page after a comma goes
       * on, whatever lead opens the next page ("…《2063 年议程》，" then
       * "又回顾非洲联盟…", 76/72 op 342): the operative part opens its
       * paragraphs with their numbers. */
      if (!ended && !soft && comma && s->state == OPERATIVE && k < b->n_joins
          && numbered(b->text + from, to - from) && !numbered(b->text + to, b->len - to)) {
        continue;
      }
      /* A preamble's page that ends at the margin with a comma is as
       * undecided as a line (76/297: "…机组成部分，" then, on the next
       * page, "支持和补充后一项议程…"). */
      const bool page_brim = !soft && brim && comma && s->state == PREAMBLE;
      /* Within a page, a lead verb after a comma opens a paragraph only
       * in a preamble, the resolution's or an annexed text's (where the
       * block opens with such a lead too, not with a number): operative
       * paragraphs open with their number.  At the margin the order of
       * the leads has its say too. */
      if (!ended && (soft || page_brim)
          && (s->state == OPERATIVE || !opens_preambular(s, b->text + to, b->len - to, brim)
              || (brim && repeats_no_run(s, b->text + from, to - from, b->text + to, b->len - to))
              || (brim && run_resumes(s, b, k, from))
              || (brim && ends_with_modifier(s, b->text + from, to - from))
              || (s->state == ANNEX
                  && !opens_preambular(s, b->text + from, b->len - from, false)))) {
        continue;
      }
    }
    if (!*taken && to == b->len) {
      return UNKG_OK; /* no split: the block as it is */
    }
    st     = read_piece(s, b, from, to, false);
    *taken = true;
    from   = to;
  }
  return st;
}

/* Reads bytes [from, to) of block b as a block of its own.  The piece
 * keeps the joins inside it only if asked (those read_joined has decided
 * are gone). */
static UnkgStatus
read_piece(Seg* s, const UnkgBlock* b, size_t from, size_t to, bool joins)
{
  UnkgBlock piece = *b;
  /* The piece borrows the block's mark labels and joins; only the mark
   * array is its own. */
  UnkgMark* marks = calloc(b->n_marks + 1, sizeof *marks);
  size_t*   at    = joins && b->n_joins ? calloc(b->n_joins, sizeof *at) : NULL;
  piece.text      = unkg_strndup(b->text + from, to - from);
  piece.len       = to - from;
  piece.map       = b->map + from;
  piece.n_joins   = 0;
  piece.joins     = NULL;
  piece.soft      = NULL;
  piece.brim      = NULL;
  piece.n_marks   = 0;
  piece.marks     = marks;
  for (size_t m = 0; marks && m < b->n_marks; ++m) {
    /* A marker at the cut stands after the first piece's last mark. */
    size_t pos = b->marks[m].pos;
    if (pos >= from && pos <= to && !(pos == from && from > 0)) {
      marks[piece.n_marks]       = b->marks[m];
      marks[piece.n_marks++].pos = pos - from;
    }
  }
  size_t first = 0;
  for (size_t k = 0; at && k < b->n_joins; ++k) {
    if (b->joins[k] > from && b->joins[k] < to) {
      first               = piece.n_joins ? first : k;
      at[piece.n_joins++] = b->joins[k] - from;
    }
  }
  if (piece.n_joins) {
    piece.joins = at;
    piece.soft  = b->soft ? b->soft + first : NULL;
    piece.brim  = b->brim ? b->brim + first : NULL;
  }
  UnkgStatus st = piece.text && marks && (at || !joins || !b->n_joins) ? read_block(s, &piece)
                                                                       : UNKG_ERR_NOMEM;
  free(piece.text);
  free(marks);
  free(at);
  return st;
}

/* The length of a rule's title run on into the rule's text, or 0.  Right
 * under the rule's number, the title stands on a line of its own; one
 * that carries a note's marker at its end reaches the margin and is run
 * on ("…政府间组织和其他实体16" then "获长期邀请…但无表决权。", 75/212
 * rule 60).  Cut after the marker when the first line ends there and
 * holds no clause mark, as a title does not. */
static size_t
rule_title_run_on(const Seg* s, const UnkgBlock* b)
{
  const UnkgDoc* doc = s->doc;
  int            k   = last_part(s);
  while (k >= 0 && doc->parts[k].kind == UNKG_PART_FOOTNOTE) {
    --k;
  }
  if (s->state != ANNEX || k < 0 || k == s->annex || !article_heading(doc->parts[k].text)
      || !b->n_marks || !unkg_text_is_terminal(b->text, b->len)) {
    return 0;
  }
  size_t n = b->marks[0].pos;
  if (n < 3 || n >= b->len || n > 3 * 40
      || b->map[n] <= b->map[n - 1] + 1 + (b->text[n - 1] & 0x80 ? 2 : 0)) {
    return 0;
  }
  for (size_t i = 0; i < n; ++i) {
    /* A line break before the marker: the title ended there. */
    if (i && b->map[i] > b->map[i - 1] + 1 + (b->text[i - 1] & 0x80 ? 2 : 0)) {
      return 0;
    }
  }
  static const char* const marks[] = {"，", "。", "；", "：", "、", ",", ";", ":"};
  for (size_t m = 0; m < sizeof marks / sizeof *marks; ++m) {
    const char* at = strstr(b->text, marks[m]);
    if (at && (size_t)(at - b->text) < n) {
      return 0;
    }
  }
  return n;
}

/* The length of an annex's title run on into the annex's first paragraph,
 * or 0.  A declaration annexed under the resolution's own title
 * ("我们共同承诺…加强国际合作", S-32/1) is printed under it, centred on a
 * line of its own, which pdftotext runs on into the text below when it
 * ends with no mark. */
static size_t
annex_title_run_on(const Seg* s, const UnkgBlock* b)
{
  const char* t = s->doc->title;
  size_t      n = t ? strlen(t) : 0;
  if (s->state != ANNEX || s->annex != last_part(s) || !n || b->len <= n || strncmp(b->text, t, n)
      || unkg_text_is_terminal(t, n)
      || (n >= 3 && (!strcmp(t + n - 3, "，") || !strcmp(t + n - 3, "：")))) {
    return 0;
  }
  /* Only where a line ended: "…审查会议临时议程" (75/212) is a title that
   * opens with the resolution's. */
  return b->map[n] > b->map[n - 1] + 1 + (t[n - 1] & 0x80 ? 2 : 0) ? n : 0;
}

/* One block: footnote bodies wherever they stand, then the handler of the
 * state, then the body's handlers in order until one takes it. */
static UnkgStatus
read_block(Seg* s, const UnkgBlock* b)
{
  if (b->flags & UNKG_BLOCK_FOOTNOTE) {
    return unkg_doc_add_footnote(s->doc, b);
  }
  /* The letter of a later part of a resolution in parts ("B" after the
   * closing lines of part A): the number covers the range, "75/101 A-B". */
  const char* sp = s->doc->res.number ? strchr(s->doc->res.number, ' ') : NULL;
  if (s->state != COVER && sp && b->len == 1 && isupper((unsigned char)b->text[0])
      && b->text[0] > sp[strlen(sp) - 1]) {
    UnkgBuf n = {0};
    if (unkg_buf_printf(&n, "%.*s %c-%c", (int)(sp - s->doc->res.number), s->doc->res.number, sp[1],
                        b->text[0])) {
      unkg_buf_clear(&n);
      return UNKG_ERR_NOMEM;
    }
    free(s->doc->res.number);
    s->doc->res.number = unkg_buf_take(&n);
    /* The next part opens with its letter, title and formula. */
    UnkgStatus st = unnumbered_operative(s);
    s->state      = COVER;
    s->part_start = s->doc->n_parts;
    return st ? st : part_heading(s, b);
  }
  size_t title = annex_title_run_on(s, b);
  if (!title) {
    title = rule_title_run_on(s, b);
  }
  if (title) {
    UnkgStatus st = read_piece(s, b, 0, title, false);
    return st ? st : read_piece(s, b, title, b->len, true);
  }
  bool       taken = false;
  UnkgStatus st    = read_joined(s, b, &taken);
  if (st || taken) {
    return st;
  }
  st = s->state == COVER ? read_cover(s, b, &taken) : UNKG_OK;
  if (!st && !taken) {
    st = read_closing(s, b, &taken);
  }
  if (!st && !taken) {
    st = read_annex_heading(s, b, &taken);
  }
  if (!st && !taken) {
    st = read_item(s, b, &taken);
  }
  if (!st && !taken) {
    st = read_numbered(s, b, &taken);
  }
  if (!st && !taken) {
    st = read_plain(s, b);
  }
  return st;
}

/* A resolution that numbers no operative paragraph prints its one or few
 * operative paragraphs like preambular ones, but ending the sentence
 * ("表示注意到…建议。") where a preambular paragraph ends with a comma.
 * As the XML reader has it, they are op/1, op/2 … */
static UnkgStatus
unnumbered_operative(Seg* s)
{
  UnkgDoc* doc   = s->doc;
  size_t   from  = s->part_start;
  size_t   first = doc->n_parts;
  for (size_t k = from; k < doc->n_parts; ++k) {
    const UnkgPart* p = &doc->parts[k];
    if (p->kind == UNKG_PART_OPERATIVE) {
      return UNKG_OK;
    }
    if (p->kind != UNKG_PART_PREAMBULAR) {
      continue;
    }
    size_t n     = p->text ? strlen(p->text) : 0;
    bool   comma = n && (p->text[n - 1] == ',' || (n >= 3 && !strcmp(p->text + n - 3, "，")));
    first        = comma ? doc->n_parts : (first < doc->n_parts ? first : k);
  }
  UnkgStatus st = UNKG_OK;
  for (size_t k = first; k < doc->n_parts && !st; ++k) {
    UnkgPart* p = &doc->parts[k];
    if (p->kind == UNKG_PART_PREAMBULAR) {
      p->kind    = UNKG_PART_OPERATIVE;
      p->ordinal = ++s->n_unnumbered;
      --s->n_pp;
      st = unkg_part_path(p, "op/%u", s->n_unnumbered);
    } else if (p->kind == UNKG_PART_ITEM && p->parent >= 0) {
      st = unkg_part_path(p, "%s/%s", doc->parts[p->parent].path, p->num);
    }
  }
  return st;
}

/* The symbol from the number, else from the running head; the session from
 * the number; the adoption date from the closing date when the cover has
 * none. */
static UnkgStatus
finish_resolution(Seg* s)
{
  UnkgDoc*        doc = s->doc;
  const UnkgText* t   = s->text;
  if (doc->res.number) {
    UnkgBuf b = {0};
    if (unkg_buf_printf(&b, "A/RES/%s", doc->res.number)) {
      unkg_buf_clear(&b);
      return UNKG_ERR_NOMEM;
    }
    doc->symbol = unkg_buf_take(&b);
  } else if (t->running_symbol && unkg_starts_with(t->running_symbol, "A/RES/")) {
    doc->symbol     = unkg_strdup(t->running_symbol);
    doc->res.number = unkg_strdup(t->running_symbol + strlen("A/RES/"));
  }
  if (!doc->symbol) {
    return unkg_error(s->c, UNKG_ERR_GENRE, 0, 0,
                      "resolution without a number (no \"NN/NN. title\" line or A/RES/ header)");
  }
  if (doc->res.number && unkg_starts_with(doc->res.number, "S-")) {
    /* A special session: its number is not that of a regular session
     * (as the Akoma Ntoso reader has it). */
    unkg_parse_digits(doc->res.number + 2, strlen(doc->res.number + 2), &doc->res.special_session);
    doc->session = 0;
  } else if (!doc->session && doc->res.number) {
    unkg_parse_digits(doc->res.number, strlen(doc->res.number), &doc->session);
  }
  if (!doc->res.adoption_date && doc->res.closing_date) {
    doc->res.adoption_date = unkg_strdup(doc->res.closing_date);
  }
  return unnumbered_operative(s);
}

static UnkgStatus
segment_resolution(Seg* s)
{
  UnkgStatus st = UNKG_OK;
  for (size_t bi = 0; bi < s->text->n_blocks && !st; ++bi) {
    s->block = bi;
    st       = read_block(s, &s->text->blocks[bi]);
  }
  return st ? st : finish_resolution(s);
}

UnkgStatus
unkg_segment(const UnkgCtx* c, const UnkgSource* src, const UnkgText* text, UnkgDoc** out)
{
  const UnkgLexicon* lex = c->lex;
  *out                   = NULL;
  const char* lang       = detect_lang(text);
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
  Seg s = {c, doc, text, lex, COVER, false, -1, -1, -1, -1, -1, false, false, 0, 0, 0, 0, 0, 0, 0, src, 0};
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
