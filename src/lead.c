#include "lead.h"

#include "buf.h"

#include <ctype.h>
#include <stdbool.h>
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
  const UnkgEntity* m = unkg_lexicon_match(lex, UNKG_ENT_MODIFIER, UNKG_ROLE_SUFFIX, text, n, len,
                                           NULL);
  return m && !ascii_alnum(text[*len]) ? m : NULL;
}

#define MAX_PREFIXES 3

const UnkgEntity*
unkg_lead_match(const UnkgLexicon* lex, const char* text, const UnkgEntity** modifier, size_t* len)
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

size_t
unkg_lead_extent(const UnkgLexicon* lex, const char* text, size_t len)
{
  static const char* joins[] = {"并进一步", "并", "和", "及"};
  size_t             end     = len;
  for (int round = 0; round < 2; ++round) {
    bool more = false;
    for (size_t k = 0; k < sizeof joins / sizeof *joins && !more; ++k) {
      size_t            jl = strlen(joins[k]), vl = 0;
      const UnkgEntity* m  = NULL;
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
