#include "lead.h"

#include "buf.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define VERB_ROLES (UNKG_ROLE_PREAMBULAR | UNKG_ROLE_OPERATIVE | UNKG_ROLE_NAME)

static bool
ascii_alnum(char c)
{
  return (unsigned char)c < 128 && isalnum((unsigned char)c);
}

/* A letter of a script that separates words with spaces (Latin, Greek,
 * Cyrillic, Arabic).  Chinese, which has no spaces, has none. */
static bool
word_cp(uint32_t cp)
{
  return (cp < 128 && isalnum((int)cp)) || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7)
         || (cp >= 0x370 && cp <= 0x52F) || (cp >= 0x620 && cp <= 0x64A)
         || (cp >= 0x66E && cp <= 0x6D3);
}

/* Does a match of len bytes end inside a word of text (n bytes)? */
static bool
inside_word(const char* text, size_t n, size_t len)
{
  if (len == 0 || len >= n) {
    return false;
  }
  size_t b = len - 1;
  while (b > 0 && ((unsigned char)text[b] & 0xC0) == 0x80) {
    --b;
  }
  uint32_t last = 0, next = 0;
  return unkg_utf8_decode((const unsigned char*)text + b, len - b, &last)
         && unkg_utf8_decode((const unsigned char*)text + len, n - len, &next) && word_cp(last)
         && word_cp(next);
}

/* The lexicon is one for every language, and a form of one can be the
 * start of a word of another (Spanish "Decide" of English "Decided",
 * French "Est" of "Establishing").  A form that opens with a capital or a
 * letter outside ASCII (as a lead stands at the start of a paragraph, in
 * any language) must therefore end a word; the next shorter one is tried.
 * Lower-case ASCII forms are fragments read after a modifier ("call" after
 * "Reiterates its") and match as before. */
static const UnkgEntity*
match_word(const UnkgLexicon* lex, unsigned kinds, unsigned roles, const char* text, size_t n,
           size_t* len)
{
  const UnkgEntity* e     = unkg_lexicon_match(lex, kinds, roles, text, n, len, NULL);
  bool              cased = isupper((unsigned char)text[0]) || (unsigned char)text[0] >= 0x80;
  while (e && cased && inside_word(text, n, *len)) {
    e = *len > 1 ? unkg_lexicon_match(lex, kinds, roles, text, *len - 1, len, NULL) : NULL;
  }
  return e;
}

/* A name of kinds/roles that text starts with.  After a modifier an
 * English verb or modifier starts lower case ("Also requests", "Also
 * strongly condemns"), while the forms are written as they stand at the
 * start of a paragraph ("Requests"), so it is tried capitalised too. */
static const UnkgEntity*
match_capitalised(const UnkgLexicon* lex, unsigned kinds, unsigned roles, const char* text,
                  size_t n, size_t* len)
{
  const UnkgEntity* e = match_word(lex, kinds, roles, text, n, len);
  if (!islower((unsigned char)text[0])) {
    return e;
  }
  /* Both readings, the longer wins: the lower-case label "note" must not
   * hide the form "Notes with concern" ("Also notes with concern"). */
  char   up[256];
  size_t k = n < sizeof up - 1 ? n : sizeof up - 1, ul = 0;
  memcpy(up, text, k);
  up[k]                = '\0';
  up[0]                = (char)toupper((unsigned char)up[0]);
  const UnkgEntity* ue = match_word(lex, kinds, roles, up, k, &ul);
  if (ue && (!e || ul > *len)) {
    *len = ul;
    return ue;
  }
  return e;
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
  const UnkgEntity* m = unkg_lexicon_match(lex, UNKG_ENT_MODIFIER, UNKG_ROLE_SUFFIX, text, n, len,
                                           NULL);
  return m && !ascii_alnum(text[*len]) ? m : NULL;
}

/* Chinese puts a lead modifier inside a light verb's phrase (表示特别深切
 * 关注, 表示尤其严重关切): the verb read without the modifier, its
 * length the whole phrase's.  Only a verb form that goes on past the gap
 * counts, so that a word after a whole verb is not taken for its
 * modifier. */
static const UnkgEntity*
infix_verb_at(const UnkgLexicon* lex, const char* text, size_t n, size_t* len,
              const UnkgEntity** modifier)
{
  const UnkgEntity* best = NULL;
  *len                   = 0;
  for (size_t k = 0; n && (unsigned char)text[0] >= 0x80 && k < n && k <= 12;) {
    uint32_t cp;
    size_t   cl = unkg_utf8_decode((const unsigned char*)text + k, n - k, &cp);
    if (!cl || !unkg_cp_is_cjk(cp)) {
      break;
    }
    k += cl;
    size_t            ml = 0;
    const UnkgEntity* m  = prefix_at(lex, text + k, n - k, &ml);
    if (!m) {
      continue;
    }
    UnkgBuf joined = {0};
    size_t  vl     = 0;
    if (!unkg_buf_append(&joined, text, k) && !unkg_buf_append(&joined, text + k + ml, n - k - ml)) {
      const UnkgEntity* v = verb_at(lex, joined.data, joined.len, &vl);
      if (v && vl > k && vl + ml > *len) {
        best      = v;
        *len      = vl + ml;
        *modifier = m;
      }
    }
    unkg_buf_clear(&joined);
  }
  return best;
}

#define MAX_PREFIXES 3

static const UnkgEntity*
lead_match(const UnkgLexicon* lex, const char* text, const UnkgEntity** modifier, size_t* len)
{
  size_t            n        = strlen(text);
  const UnkgEntity* best     = NULL;
  const UnkgEntity* first    = NULL; /* first prefix modifier of the best reading */
  size_t            best_len = 0, at = 0;
  *modifier = NULL;
  *len      = 0;
  /* Readings with 0, 1, 2 … prefix modifiers ("又回顾", "Also strongly
   * condemns"): the longest wins, and on equal length the one with fewer
   * prefixes (特别指出 is underscore, not in-particular + 指出). */
  const UnkgEntity* m0  = NULL;
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
    const UnkgEntity* im = NULL;
    size_t            il = 0;
    const UnkgEntity* iv = infix_verb_at(lex, text + pos, n - pos, &il, &im);
    if (iv && pos + il > best_len) {
      best     = iv;
      best_len = pos + il;
      verb_pos = pos;
      first    = m0 ? m0 : im;
    }
    size_t            ml = 0;
    const UnkgEntity* m  = prefix_at(lex, text + pos, n - pos, &ml);
    if (!m || (ascii_alnum(text[pos]) && ascii_alnum(text[pos + ml]))) {
      break;
    }
    m0 = m0 ? m0 : m;
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
    size_t  rest   = at + 1 + ml; /* after the modifier */
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

/* Arabic writes the conjunction و (and) joined to the next word: "وإذ
 * تشير" is "إذ تشير" (recalling) after the first paragraph, "وقد نظرت" is
 * "قد نظرت" (having considered).  A lead the lexicon does not know with it
 * is read without it. */
#define ARABIC_AND "\xD9\x88"

static const UnkgEntity*
arabic_match(const UnkgLexicon* lex, const char* text, const UnkgEntity** modifier, size_t* len)
{
  const UnkgEntity* v = lead_match(lex, text, modifier, len);
  size_t            n = strlen(ARABIC_AND);
  if (!v && !strncmp(text, ARABIC_AND, n) && (unsigned char)text[n] >= 0x80) {
    v = lead_match(lex, text + n, modifier, len);
    *len += v ? n : 0;
  }
  return v;
}

/* Arabic text may stretch a word with tatweel (تحــث) or write the short
 * vowels and the shadda (تذكِّر) that the lexicon leaves out: a lead the
 * lexicon does not know as written is read without them. */
static bool
arabic_mark(uint32_t cp)
{
  return cp == 0x640 || (cp >= 0x64B && cp <= 0x652);
}

#define MARKED_MAX 512

const UnkgEntity*
unkg_lead_match(const UnkgLexicon* lex, const char* text, const UnkgEntity** modifier, size_t* len)
{
  const UnkgEntity* v = arabic_match(lex, text, modifier, len);
  if (v || (unsigned char)text[0] < 0xD8 || (unsigned char)text[0] > 0xDB) {
    return v; /* found, or not Arabic */
  }
  char   bare[MARKED_MAX + 1];
  size_t from[MARKED_MAX + 1]; /* byte of text each byte of bare comes from */
  size_t k = 0, i = 0, n = strlen(text);
  bool   marked = false;
  while (i < n && k + 4 <= MARKED_MAX) {
    uint32_t cp;
    size_t   l = unkg_utf8_decode((const unsigned char*)text + i, n - i, &cp);
    if (!l) {
      break;
    }
    if (arabic_mark(cp)) {
      marked = true;
    } else {
      for (size_t j = 0; j < l; ++j) {
        from[k]   = i + j;
        bare[k++] = text[i + j];
      }
    }
    i += l;
  }
  if (!marked) {
    return NULL;
  }
  from[k] = i;
  bare[k] = '\0';
  v       = arabic_match(lex, bare, modifier, len);
  if (v) {
    size_t end = from[*len];
    /* marks after the last letter of the lead belong to it */
    while (end < n) {
      uint32_t cp;
      size_t   l = unkg_utf8_decode((const unsigned char*)text + end, n - end, &cp);
      if (!l || !arabic_mark(cp)) {
        break;
      }
      end += l;
    }
    *len = end;
  }
  return v;
}

size_t
unkg_lead_extent(const UnkgLexicon* lex, const char* text, size_t len)
{
  static const char* joins[] = {"并进一步", "并", "和", "及"};
  size_t             end     = len;
  for (int round = 0; round < 2; ++round) {
    bool more = false;
    for (size_t k = 0; k < sizeof joins / sizeof *joins && !more; ++k) {
      size_t            jl = strlen(joins[k]), vl = 0;
      const UnkgEntity* m = NULL;
      if (strncmp(text + end, joins[k], jl) || (unsigned char)text[end + jl] < 0x80) {
        continue;
      }
      if (unkg_lead_match(lex, text + end + jl, &m, &vl)) {
        end += jl + vl;
        more = true;
      }
    }
    if (!more) {
      break;
    }
  }
  if (!strncmp(text + end, "的是", 6)) {
    end += 6;
  }
  return end;
}
