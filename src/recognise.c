#include "recognise.h"

#include "buf.h"
#include "segment.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VERB_ROLES (UNKG_ROLE_PREAMBULAR | UNKG_ROLE_OPERATIVE | UNKG_ROLE_NAME)

static bool
ascii_alnum(char c)
{
  return (unsigned char)c < 128 && isalnum((unsigned char)c);
}

/* A name of kinds/roles that text starts with.  After a modifier an
 * English verb or modifier starts lower case ("Also requests", "Also
 * strongly condemns"), while the forms are written as they stand at the
 * start of a paragraph ("Requests"), so it is tried capitalised too. */
static const UnkgEntity*
match_capitalised(const UnkgLexicon* lex, unsigned kinds, unsigned roles, const char* text,
                  size_t n, size_t* len)
{
  const UnkgEntity* e = unkg_lexicon_match(lex, kinds, roles, text, n, len, NULL);
  if (e || !islower((unsigned char)text[0])) {
    return e;
  }
  char   up[256];
  size_t k = n < sizeof up - 1 ? n : sizeof up - 1;
  memcpy(up, text, k);
  up[k] = '\0';
  up[0] = (char)toupper((unsigned char)up[0]);
  return unkg_lexicon_match(lex, kinds, roles, up, k, len, NULL);
}

static const UnkgEntity*
verb_at(const UnkgLexicon* lex, const char* text, size_t n, size_t* len)
{
  return match_capitalised(lex, UNKG_ENT_VERB, VERB_ROLES, text, n, len);
}

static const UnkgEntity*
prefix_at(const UnkgLexicon* lex, const char* text, size_t n, size_t* len)
{
  return match_capitalised(lex, UNKG_ENT_MODIFIER, UNKG_ROLE_PREFIX, text, n, len);
}

/* A suffix modifier standing as a word at text: "also", "once again". */
static const UnkgEntity*
suffix_at(const UnkgLexicon* lex, const char* text, size_t n, size_t* len)
{
  const UnkgEntity* m = unkg_lexicon_match(lex, UNKG_ENT_MODIFIER, UNKG_ROLE_SUFFIX, text, n, len, NULL);
  return m && !ascii_alnum(text[*len]) ? m : NULL;
}

#define MAX_PREFIXES 3

const UnkgEntity*
unkg_recognise_lead(const UnkgLexicon* lex, const char* text,
                    const UnkgEntity** modifier, size_t* len)
{
  size_t            n     = strlen(text);
  const UnkgEntity* best  = NULL;
  const UnkgEntity* first = NULL; /* first prefix modifier of the best reading */
  size_t            best_len = 0, at = 0;
  *modifier = NULL;
  *len      = 0;
  /* Readings with 0, 1, 2 … prefix modifiers ("又回顾", "Also strongly
   * condemns"): the longest wins, and on equal length the one with fewer
   * prefixes (特别指出 is underscore, not in-particular + 指出). */
  const UnkgEntity* m0 = NULL;
  size_t            pos = 0, verb_pos = 0;
  for (int depth = 0; depth <= MAX_PREFIXES && pos < n; ++depth) {
    size_t            vl = 0;
    const UnkgEntity* v  = verb_at(lex, text + pos, n - pos, &vl);
    if (v && pos + vl > best_len) {
      best     = v;
      best_len = pos + vl;
      verb_pos = pos;
      first    = m0;
    }
    size_t            ml = 0;
    const UnkgEntity* m  = prefix_at(lex, text + pos, n - pos, &ml);
    if (!m || (ascii_alnum(text[pos]) && ascii_alnum(text[pos + ml]))) {
      break;
    }
    m0  = m0 ? m0 : m;
    pos += ml + (text[pos + ml] == ' ' ? 1 : 0);
  }
  /* A modifier inside the first words of an English lead ("Having also
   * considered", "Calls once again upon"): read it without the modifier. */
  for (size_t k = 0; k < n && k < 48; ++k) {
    size_t            ml = 0;
    const UnkgEntity* m  = text[k] == ' ' ? suffix_at(lex, text + k + 1, n - k - 1, &ml) : NULL;
    if (!m || text[k + 1 + ml] != ' ') {
      continue;
    }
    UnkgBuf joined = {0};
    size_t  vl     = 0;
    if (!unkg_buf_append(&joined, text, k) && !unkg_buf_puts(&joined, text + k + 1 + ml)) {
      const UnkgEntity* v = verb_at(lex, joined.data, joined.len, &vl);
      if (v && vl > k && vl + 1 + ml > best_len) {
        best     = v;
        best_len = vl + 1 + ml;
        verb_pos = 0;
        first    = m;
      }
    }
    unkg_buf_clear(&joined);
  }
  if (!best) {
    return NULL;
  }
  *modifier = first;
  at        = best_len;
  /* English puts modifiers after the verb ("Recalling also"), or inside it
   * ("Noting again with appreciation", "Calls once again upon"): read the
   * verb again with the modifier left out, and keep the longer reading. */
  for (int k = 0; k < MAX_PREFIXES && text[at] == ' '; ++k) {
    size_t            ml = 0;
    const UnkgEntity* m  = suffix_at(lex, text + at + 1, n - at - 1, &ml);
    if (!m) {
      break;
    }
    size_t rest = at + 1 + ml; /* after the modifier */
    UnkgBuf joined = {0};
    size_t  vl     = 0;
    if (!unkg_buf_append(&joined, text + verb_pos, at - verb_pos)
        && !unkg_buf_puts(&joined, text + rest)) {
      const UnkgEntity* v = verb_at(lex, joined.data, joined.len, &vl);
      if (v && vl > at - verb_pos) {
        best = v;
        rest += vl - (at - verb_pos);
      }
    }
    unkg_buf_clear(&joined);
    *modifier = *modifier ? *modifier : m;
    at        = rest;
  }
  *len = at;
  return best;
}

/* ---- document symbols ---------------------------------------------------- */

static bool
sym_char(char c)
{
  return isalnum((unsigned char)c) || c == '/' || c == '.' || c == '-';
}

/* A UN document symbol at s: series letters, then '/'-separated parts,
 * with a digit somewhere.  Returns its length (trailing dots dropped). */
static size_t
symbol_at(const char* s)
{
  if (!isupper((unsigned char)s[0])) {
    return 0;
  }
  size_t i = 0;
  while (isupper((unsigned char)s[i])) {
    ++i;
  }
  if (s[i] != '/' || i > 6) {
    return 0;
  }
  bool digit = false;
  while (sym_char(s[i])) {
    digit = digit || isdigit((unsigned char)s[i]);
    ++i;
  }
  while (i > 0 && (s[i - 1] == '.' || s[i - 1] == '/' || s[i - 1] == '-')) {
    --i;
  }
  return digit ? i : 0;
}

/* "Add.1", "Corr.2", "Rev.1", "Amend.1" standing for "<previous>/Add.1". */
static size_t
addendum_at(const char* s)
{
  static const char* kinds[] = {"Add.", "Corr.", "Rev.", "Amend."};
  for (size_t k = 0; k < sizeof kinds / sizeof *kinds; ++k) {
    size_t l = strlen(kinds[k]);
    if (!strncmp(s, kinds[k], l) && isdigit((unsigned char)s[l])) {
      while (isdigit((unsigned char)s[l])) {
        ++l;
      }
      return s[l] == '/' ? 0 : l;
    }
  }
  return 0;
}

static size_t
list_separator(const char* s)
{
  static const char* seps[] = {"以及", "和", "、", "及", "与", " and ", ", ", ",", " "};
  for (size_t k = 0; k < sizeof seps / sizeof *seps; ++k) {
    size_t l = strlen(seps[k]);
    if (!strncmp(s, seps[k], l)) {
      return l;
    }
  }
  return 0;
}

static UnkgCiteKind
kind_of_symbol(const char* sym)
{
  return strstr(sym, "/RES/") ? UNKG_CITE_RESOLUTION : UNKG_CITE_DOCUMENT;
}

static UnkgStatus
scan_symbols(UnkgPart* part, const char* text)
{
  for (size_t i = 0; text[i];) {
    bool boundary = i == 0 || !(sym_char(text[i - 1]));
    size_t n = boundary ? symbol_at(text + i) : 0;
    if (!n) {
      ++i;
      continue;
    }
    char* base = unkg_strndup(text + i, n);
    if (!base) {
      return UNKG_ERR_NOMEM;
    }
    UnkgStatus st = unkg_part_add_cite(part, kind_of_symbol(base), base, NULL, i);
    size_t     j  = i + n;
    /* Addenda and corrigenda listed after it belong to it. */
    while (!st) {
      size_t sep = list_separator(text + j);
      size_t add = addendum_at(text + j + sep);
      if (!add) {
        break;
      }
      UnkgBuf b = {0};
      if (!(st = unkg_buf_printf(&b, "%s/%.*s", base, (int)add, text + j + sep))) {
        st = unkg_part_add_cite(part, UNKG_CITE_DOCUMENT, b.data, NULL, j + sep);
      }
      unkg_buf_clear(&b);
      j += sep + add;
    }
    free(base);
    if (st) {
      return st;
    }
    i = j;
  }
  return UNKG_OK;
}

/* ---- resolutions cited by number ------------------------------------------- */

typedef struct {
  char   symbol[64];
  char   date[11];
  size_t pos;
} Item;

/* "53/70", "70/237", "1373(2001)" at s; fills the symbol for the body. */
static size_t
resolution_item(const char* s, const char* series, char out[64])
{
  size_t i = 0;
  while (isdigit((unsigned char)s[i]) && i < 5) {
    ++i;
  }
  if (!i) {
    return 0;
  }
  if (s[i] == '/') {
    size_t j = i + 1;
    while (isdigit((unsigned char)s[j]) && j - i <= 4) {
      ++j;
    }
    if (j == i + 1) {
      return 0;
    }
    size_t k = j;
    if (isupper((unsigned char)s[k]) && !isalpha((unsigned char)s[k + 1])) {
      ++k; /* 75/101A */
    }
    /* ECOSOC numbers its resolutions by year: 2004/12. */
    const char* ser = i == 4 && !strcmp(series, "A/RES/") ? "E/RES/" : series;
    snprintf(out, 64, "%s%.*s", ser, (int)k, s);
    return k;
  }
  if (s[i] == '(' && isdigit((unsigned char)s[i + 1])) {
    size_t j = i + 1;
    while (isdigit((unsigned char)s[j])) {
      ++j;
    }
    if (s[j] == ')' && j - i - 1 == 4) {
      snprintf(out, 64, "S/RES/%.*s (%.*s)", (int)i, s, 4, s + i + 1);
      return j + 1;
    }
  }
  return 0;
}

static const char*
series_before(const char* text, size_t pos)
{
  static const struct { const char* body; const char* series; } bodies[] = {
    {"安全理事会", "S/RES/"}, {"安理会", "S/RES/"}, {"人权理事会", "A/HRC/RES/"},
    {"经济及社会理事会", "E/RES/"}, {"经社理事会", "E/RES/"}};
  for (size_t k = 0; k < sizeof bodies / sizeof *bodies; ++k) {
    size_t l = strlen(bodies[k].body);
    for (size_t back = l; back <= l + 6 && back <= pos; ++back) {
      if (!strncmp(text + pos - back, bodies[k].body, l)) {
        return bodies[k].series;
      }
    }
  }
  return "A/RES/";
}

static size_t
utf8_step(char c)
{
  unsigned char u = (unsigned char)c;
  return u < 0xC0 ? 1 : u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4;
}

static UnkgStatus
scan_resolution_lists(UnkgPart* part, const char* text)
{
  size_t n = strlen(text);
  Item   items[256];
  for (size_t i = 0; i < n;) {
    char   date[11] = "";
    size_t p        = i;
    size_t dl       = unkg_parse_zh_date(text + p, n - p, date);
    if (dl && !unkg_starts_with(text + p + dl, "第")) {
      i += dl;
      continue;
    }
    p += dl;
    if (!unkg_starts_with(text + p, "第") || !isdigit((unsigned char)text[p + 3])) {
      i += utf8_step(text[i]);
      continue;
    }
    const char* series  = series_before(text, i);
    size_t      n_items = 0;
    bool        hao     = false;
    size_t      q       = p;
    for (;;) {
      char   d[11] = "";
      size_t r     = q;
      size_t l     = unkg_parse_zh_date(text + r, n - r, d);
      r += l;
      if (unkg_starts_with(text + r, "第")) {
        r += 3;
      }
      char   sym[64];
      size_t il = resolution_item(text + r, series, sym);
      if (!il) {
        break;
      }
      if (n_items < sizeof items / sizeof *items) {
        Item* it = &items[n_items++];
        memcpy(it->symbol, sym, sizeof sym);
        memcpy(it->date, n_items == 1 && !l ? date : d, 11);
        it->pos = r;
      }
      r += il;
      if (unkg_starts_with(text + r, "号")) {
        hao = !unkg_starts_with(text + r + 3, "决定");
        r += 3;
      }
      q       = r;
      size_t s = list_separator(text + r);
      if (!s) {
        break;
      }
      /* Only go on if another item follows the separator. */
      char   tmp[64], d2[11];
      size_t r2 = r + s;
      r2 += unkg_parse_zh_date(text + r2, n - r2, d2);
      if (unkg_starts_with(text + r2, "第")) {
        r2 += 3;
      }
      if (!resolution_item(text + r2, series, tmp)) {
        break;
      }
      q = r + s;
    }
    if (hao) {
      for (size_t k = 0; k < n_items; ++k) {
        UnkgStatus st = unkg_part_add_cite(part, UNKG_CITE_RESOLUTION, items[k].symbol,
                                           items[k].date[0] ? items[k].date : NULL, items[k].pos);
        if (st) {
          return st;
        }
      }
    }
    i = q > i ? q : i + 1;
  }
  return UNKG_OK;
}

UnkgStatus
unkg_recognise_citations(UnkgPart* part, const char* text)
{
  UnkgStatus st = scan_resolution_lists(part, text);
  return st ? st : scan_symbols(part, text);
}

/* ---- the verb governing a citation ------------------------------------------ */

/* A paragraph may go on with a second verb ("铭记…的成果，并回顾其…第70/125号
 * 决议"): a citation's act is the verb opening the nearest clause before
 * it, past a continuation (并, 又, 还), else the paragraph's lead verb. */
static void
citation_acts(UnkgPart* p, const UnkgLexicon* lex)
{
  const char* t = p->text;
  for (size_t k = 0; k < p->n_cites; ++k) {
    const UnkgEntity* act = NULL;
    for (size_t i = 0; i < p->cites[k].pos; i += utf8_step(t[i])) {
      bool start = i == 0
                   || (i >= 3 && (unkg_starts_with(t + i - 3, "，") || unkg_starts_with(t + i - 3, "；")))
                   || (i >= 2 && t[i - 2] == ',' && t[i - 1] == ' ');
      if (!start || i == 0) {
        continue; /* the lead verb is the default anyway */
      }
      size_t at = i, l;
      if (unkg_lexicon_match(lex, UNKG_ENT_SELF, UNKG_ROLE_CONTINUATION, t + at, strlen(t + at), &l, NULL)) {
        at += l;
      }
      const UnkgEntity* mod;
      const UnkgEntity* v = unkg_recognise_lead(lex, t + at, &mod, &l);
      if (v) {
        act = v;
      }
    }
    p->cites[k].act = act;
  }
}

/* ---- named entities ----------------------------------------------------------- */

static bool
ascii_word(char c)
{
  return isalnum((unsigned char)c) || c == '_';
}

UnkgStatus
unkg_recognise_mentions(UnkgPart* part, const UnkgLexicon* lex, const UnkgEntity** context)
{
  const char*    t     = part->text;
  size_t         n     = strlen(t);
  const unsigned kinds = UNKG_ENT_STATE | UNKG_ENT_ORG | UNKG_ENT_INSTRUMENT;
  for (size_t i = 0; i < n;) {
    size_t            len  = 0;
    const UnkgEntity* e    = unkg_lexicon_match(lex, kinds, UNKG_ROLE_NAME, t + i, n - i, &len, NULL);
    /* Latin names must stand as words: "EU" is not in "EUROPE". */
    if (e && ascii_word(t[i]) && ((i > 0 && ascii_word(t[i - 1])) || ascii_word(t[i + len]))) {
      e = NULL;
    }
    if (e && unkg_lexicon_excluded(lex, e, t, n, i, len)) {
      e = NULL;
    }
    if (!e && context && *context) {
      /* 《公约》 stands for the convention named before it, and only then. */
      size_t gl = unkg_lexicon_match_entity(lex, *context, UNKG_ROLE_GENERIC, t + i, n - i);
      if (gl && !(ascii_word(t[i]) && ((i > 0 && ascii_word(t[i - 1])) || ascii_word(t[i + gl])))) {
        e   = *context;
        len = gl;
      }
    }
    if (e) {
      UnkgStatus st = unkg_part_add_mention(part, e, i, len);
      if (st) {
        return st;
      }
      if (e->kind == UNKG_ENT_INSTRUMENT && context) {
        *context = e;
      }
      i += len;
    } else {
      i += utf8_step(t[i]);
    }
  }
  return UNKG_OK;
}

static bool
covered(const UnkgPart* p, size_t from, size_t to)
{
  for (size_t k = 0; k < p->n_mentions; ++k) {
    if (p->mentions[k].pos < to && p->mentions[k].pos + p->mentions[k].len > from) {
      return true;
    }
  }
  return false;
}

/* Names already warned about in this document: once each is enough. */
typedef struct {
  char** v;
  size_t n;
} Seen;

static bool
first_time(Seen* seen, const char* s, size_t n)
{
  for (size_t i = 0; i < seen->n; ++i) {
    if (strlen(seen->v[i]) == n && !memcmp(seen->v[i], s, n)) {
      return false;
    }
  }
  char** v = realloc(seen->v, (seen->n + 1) * sizeof *v);
  if (v) {
    seen->v = v;
    if ((v[seen->n] = unkg_strndup(s, n))) {
      ++seen->n;
    }
  }
  return true;
}

/* Titles in 《》 and upper-case abbreviations in brackets that matched
 * nothing: candidates for the reference data. */
static void
warn_unknown_names(const UnkgDoc* doc, const UnkgPart* p, Seen* seen, UnkgWarnFn warn, void* ctx)
{
  const char* t = p->text;
  for (const char* open = strstr(t, "《"); open; open = strstr(open + 3, "《")) {
    const char* close = strstr(open, "》");
    if (!close || close - open > 300) {
      break;
    }
    if (!covered(p, (size_t)(open - t), (size_t)(close - t))
        && first_time(seen, open, (size_t)(close - open + 3))) {
      char msg[512];
      snprintf(msg, sizeof msg, "unknown instrument or title %.*s",
               (int)(close - open + 3), open);
      warn(ctx, doc->source_name, p->line, msg);
    }
  }
  for (const char* open = strchr(t, '('); open; open = strchr(open + 1, '(')) {
    const char* q = open + 1;
    while (isupper((unsigned char)*q) || *q == '-' || *q == '&') {
      ++q;
    }
    size_t n = (size_t)(q - open - 1);
    if (*q == ')' && n >= 2 && n <= 12 && !covered(p, (size_t)(open - t), (size_t)(q - t))
        && first_time(seen, open, n + 2)) {
      char msg[128];
      snprintf(msg, sizeof msg, "unknown abbreviation (%.*s)", (int)n, open + 1);
      warn(ctx, doc->source_name, p->line, msg);
    }
  }
}

/* The committee a resolution was adopted on the report of, as an entity,
 * when the reader gave only its name as written. */
static void
resolve_committee(UnkgDoc* doc, const UnkgLexicon* lex)
{
  if (doc->committee && !doc->committee_org) {
    doc->committee_org = unkg_lexicon_lookup(lex, UNKG_ENT_ORG, doc->committee);
  }
}

UnkgStatus
unkg_recognise(UnkgDoc* doc, const UnkgLexicon* lex, UnkgWarnFn warn, void* warn_ctx)
{
  const UnkgEntity* context = NULL;
  int               reply   = -2;
  Seen              seen    = {NULL, 0};
  UnkgStatus        result  = UNKG_OK;
  for (size_t i = 0; i < doc->n_parts && !result; ++i) {
    UnkgPart* p = &doc->parts[i];
    if (!p->text) {
      continue; /* an annex of XML input has no heading text */
    }
    if (p->kind == UNKG_PART_REPLY || p->reply != reply) {
      context = NULL; /* an antecedent does not cross replies */
      reply   = p->kind == UNKG_PART_REPLY ? (int)i : p->reply;
    }
    if ((result = unkg_recognise_mentions(p, lex, &context))) {
      break;
    }
    if (warn) {
      warn_unknown_names(doc, p, &seen, warn, warn_ctx);
    }
    size_t len;
    if (p->lead) {
      /* The markup named the lead phrase (Akoma Ntoso): resolve that one,
       * unless the text reads on into a longer lead that the markup cut
       * short (<b>又回</b>顾, <i>Calls</i> upon). */
      p->verb = unkg_recognise_lead(lex, p->lead, &p->modifier, &len);
      size_t            n  = strlen(p->lead), tl = 0;
      const UnkgEntity* tm = NULL;
      const UnkgEntity* tv = p->text && !strncmp(p->text, p->lead, n)
                               ? unkg_recognise_lead(lex, p->text, &tm, &tl)
                               : NULL;
      if (tv && tl > n && (!p->verb || tl > len)) {
        char* longer = unkg_strndup(p->text, tl);
        if (!longer) {
          result = UNKG_ERR_NOMEM;
          break;
        }
        free(p->lead);
        p->lead     = longer;
        p->verb     = tv;
        p->modifier = tm;
      }
      if (!p->verb && warn) {
        char msg[512];
        snprintf(msg, sizeof msg, "lead phrase \"%s\" is not in the verb lexicon", p->lead);
        warn(warn_ctx, doc->source_name, p->line, msg);
      }
    } else if (p->kind == UNKG_PART_PREAMBULAR || p->kind == UNKG_PART_OPERATIVE) {
      p->verb = unkg_recognise_lead(lex, p->text, &p->modifier, &len);
      if (p->verb && !(p->lead = unkg_strndup(p->text, len))) {
        result = UNKG_ERR_NOMEM;
        break;
      }
    }
    if (!(result = unkg_recognise_citations(p, p->text))) {
      citation_acts(p, lex);
    }
  }
  for (size_t k = 0; k < seen.n; ++k) {
    free(seen.v[k]);
  }
  free(seen.v);
  if (!result) {
    resolve_committee(doc, lex);
  }
  return result;
}
