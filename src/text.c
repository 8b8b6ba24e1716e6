#include "text.h"

#include "buf.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
unkg_starts_with(const char* s, const char* prefix)
{
  /* strncmp(s, prefix, strlen(prefix)) == 0, in one pass: this runs at
   * every position of the recognisers' scans. */
  while (*prefix && *s == *prefix) {
    ++s;
    ++prefix;
  }
  return *prefix == '\0';
}

size_t
unkg_parse_digits(const char* s, size_t n, int* value)
{
  size_t i = 0;
  long   x = 0;
  while (i < n && i < 9 && isdigit((unsigned char)s[i])) {
    x = x * 10 + (s[i] - '0');
    ++i;
  }
  *value = (int)x;
  return i;
}

size_t
unkg_parse_zh_number(const char* s, size_t n, int* value)
{
  size_t i = unkg_parse_digits(s, n, value);
  if (i) {
    return i;
  }
  /* 一 … 九, 十, 百, 零: enough for session and meeting numbers. */
  static const char* digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  int                total = 0, cur = 0;
  bool               any = false;
  while (i + 3 <= n) {
    int d = -1;
    for (int k = 0; k < 10; ++k) {
      if (!memcmp(s + i, digits[k], 3)) {
        d = k;
      }
    }
    if (d >= 0) {
      cur = d;
    } else if (!memcmp(s + i, "十", 3)) {
      total += (cur ? cur : 1) * 10;
      cur = 0;
    } else if (!memcmp(s + i, "百", 3)) {
      total += (cur ? cur : 1) * 100;
      cur = 0;
    } else {
      break;
    }
    any = true;
    i += 3;
  }
  *value = total + cur;
  return any ? i : 0;
}

size_t
unkg_parse_section_numeral(const char* s, size_t n)
{
  size_t r = 0;
  while (r < n && s[r] && strchr("IVXLC", s[r])) {
    ++r;
  }
  if (r) {
    return r == 1 && (s[0] == 'C' || s[0] == 'L') ? 0 : r;
  }
  int v;
  return n && isdigit((unsigned char)s[0]) ? 0 : unkg_parse_zh_number(s, n, &v);
}

size_t
unkg_parse_zh_date(const char* s, size_t n, char out[11])
{
  int    y, m, d;
  size_t i = unkg_parse_digits(s, n, &y);
  if (i != 4 || n - i < 3 || memcmp(s + i, "年", 3)) {
    return 0;
  }
  i += 3;
  size_t k = unkg_parse_digits(s + i, n - i, &m);
  if (!k || k > 2 || n - i - k < 3 || memcmp(s + i + k, "月", 3)) {
    return 0;
  }
  i += k + 3;
  k = unkg_parse_digits(s + i, n - i, &d);
  if (!k || k > 2 || n - i - k < 3 || memcmp(s + i + k, "日", 3)) {
    return 0;
  }
  if (m < 1 || m > 12 || d < 1 || d > 31) {
    return 0;
  }
  /* "%04d-%02d-%02d" without snprintf (a date at every one of them in a
   * Chinese text): y has four digits, m and d one or two. */
  out[0]  = (char)('0' + y / 1000);
  out[1]  = (char)('0' + y / 100 % 10);
  out[2]  = (char)('0' + y / 10 % 10);
  out[3]  = (char)('0' + y % 10);
  out[4]  = '-';
  out[5]  = (char)('0' + m / 10);
  out[6]  = (char)('0' + m % 10);
  out[7]  = '-';
  out[8]  = (char)('0' + d / 10);
  out[9]  = (char)('0' + d % 10);
  out[10] = '\0';
  return i + k + 3;
}

/* ---- characters ---------------------------------------------------------- */

bool
unkg_cp_is_space(uint32_t cp)
{
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == 0xA0 || cp == 0x3000
         || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0xFEFF;
}

int
unkg_cp_superscript_digit(uint32_t cp)
{
  switch (cp) {
  case 0x2070: return 0;
  case 0x00B9: return 1;
  case 0x00B2: return 2;
  case 0x00B3: return 3;
  default: return (cp >= 0x2074 && cp <= 0x2079) ? (int)(cp - 0x2070) : -1;
  }
}

uint32_t
unkg_cp_fold_width(uint32_t cp)
{
  if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A)
      || (cp >= 0xFF41 && cp <= 0xFF5A)) {
    return cp - 0xFF00 + 0x20; /* full-width digits and Latin letters */
  }
  switch (cp) {
  case 0xFF0F: return '/';
  case 0xFF0E: return '.';
  case 0xFF08: return '(';
  case 0xFF09: return ')';
  case 0xFF0D: return '-';
  case 0xFF3B: return '[';
  case 0xFF3D: return ']';
  default: return cp;
  }
}

static bool
is_terminal_cp(uint32_t cp)
{
  switch (cp) {
  case 0x3002: /* 。 */
  case 0xFF1B: /* ； */
  case 0xFF1A: /* ： */
  case 0xFF01: /* ！ */
  case 0xFF1F: /* ？ */
  case '.':
  case ';':
  case ':':
  case '!':
  case '?': return true;
  default: return false;
  }
}

static bool
is_closer_cp(uint32_t cp)
{
  return cp == ')' || cp == ']' || cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019
         || cp == 0x300B || cp == 0x300D || cp == 0x300F || cp == 0xFF09 || cp == 0xFF3D
         || unkg_cp_superscript_digit(cp) >= 0 || unkg_cp_is_space(cp);
}

/* Walks back from the end over closing brackets, quotes, spaces and
 * footnote markers to the character that decides. */
int
unkg_text_is_terminal(const char* text, size_t len)
{
  size_t i = len;
  while (i > 0) {
    size_t start = i - 1;
    while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80) {
      --start;
    }
    uint32_t cp = 0xFFFD;
    if (!unkg_utf8_decode((const unsigned char*)text + start, i - start, &cp)) {
      cp = 0xFFFD;
    }
    if (!is_closer_cp(cp)) {
      return is_terminal_cp(cp);
    }
    i = start;
  }
  return 0;
}

/* ---- script --------------------------------------------------------------- */

/* Frequent words that only one of the Latin-script UN languages uses. */
static const char* const latin_words[3][12] = {
  {"the", "and", "of", "to", "that", "with", "which", "is", "are", "has", "its", "on"},
  {"les", "des", "et", "du", "aux", "une", "est", "sont", "dans", "sur", "au", "le"},
  {"los", "las", "del", "y", "el", "por", "con", "una", "para", "sus", "al", "se"},
};

static void
count_word(UnkgScriptCount* c, const char* w, size_t n)
{
  for (int l = 0; l < 3; ++l) {
    for (int k = 0; k < 12; ++k) {
      /* w holds no NUL: equal over n bytes, the word is at least n long. */
      if (latin_words[l][k][0] == w[0] && !strncmp(latin_words[l][k], w, n) && !latin_words[l][k][n]) {
        ++c->words[l];
      }
    }
  }
}

void
unkg_script_count(UnkgScriptCount* c, const char* s, size_t n)
{
  const unsigned char* t = (const unsigned char*)s;
  char                 word[8];
  size_t               w = 0; /* length of the lower-case ASCII word being read; 9: too long */
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t   l;
    /* ASCII, and three bytes led by E1-EC or EE-EF (always valid), without
     * a call: this reads every character of a text.  ASCII is a letter
     * (isalpha, tolower) or ends a word, and of no other script. */
    if (t[i] < 0x80) {
      cp = t[i++];
      if ((cp | 0x20) - 'a' < 26) {
        ++c->latin;
        if (w < sizeof word) {
          word[w++] = (char)(cp | 0x20);
        } else {
          w = sizeof word + 1;
        }
      } else {
        if (w && w <= sizeof word) {
          count_word(c, word, w);
        }
        w = 0;
      }
      continue;
    }
    /* Han from U+5000 to U+9FFF (lead bytes E5-E9), most of a Chinese
     * text: a word end and a Han character, with nothing to decode. */
    if (t[i] >= 0xE5 && t[i] <= 0xE9 && n - i >= 3 && (t[i + 1] & 0xC0) == 0x80
        && (t[i + 2] & 0xC0) == 0x80) {
      if (w && w <= sizeof word) {
        count_word(c, word, w);
      }
      w = 0;
      /* The rest of the run of them at once. */
      size_t run = 1;
      for (i += 3; n - i >= 3 && t[i] >= 0xE5 && t[i] <= 0xE9
                   && ((t[i + 1] & 0xC0) | (t[i + 2] & 0xC0) >> 2) == 0xA0;
           i += 3) {
        ++run;
      }
      c->han += run;
      continue;
    }
    if (n - i >= 3 && t[i] >= 0xE1 && t[i] <= 0xEF && t[i] != 0xED && (t[i + 1] & 0xC0) == 0x80
        && (t[i + 2] & 0xC0) == 0x80) {
      cp = (uint32_t)(t[i] & 0x0F) << 12 | (uint32_t)(t[i + 1] & 0x3F) << 6 | (t[i + 2] & 0x3F);
      l  = 3;
    } else {
      l = unkg_utf8_decode(t + i, n - i, &cp);
    }
    i += l ? l : 1;
    if (!l) {
      cp = 0xFFFD;
    }
    if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) {
      w = sizeof word + 1; /* an accented letter: part of a longer word */
    } else {
      if (w && w <= sizeof word) {
        count_word(c, word, w);
      }
      w = 0;
    }
    c->han += (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)
              || (cp >= 0xF900 && cp <= 0xFAFF);
    c->cyrillic += cp >= 0x400 && cp <= 0x52F;
    /* Arabic, its supplement, and the presentation forms PDF extraction
     * often gives. */
    c->arabic += (cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F)
                 || (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
  }
  if (w && w <= sizeof word) {
    count_word(c, word, w);
  }
}

const char*
unkg_script_latin(const UnkgScriptCount* c)
{
  static const char* const langs[3] = {"en", "fr", "es"};
  int                      best     = 0;
  for (int l = 1; l < 3; ++l) {
    if (c->words[l] > c->words[best]) {
      best = l;
    }
  }
  return c->words[best] ? langs[best] : "";
}

const char*
unkg_script_language(const UnkgScriptCount* c)
{
  if (!c->han && !c->latin && !c->cyrillic && !c->arabic) {
    return NULL;
  }
  /* Chinese text carries Latin symbols and numbers, so Han needs only half
   * the Latin letters; it must still outnumber the other scripts (Arabic
   * text without a Latin letter is not Chinese). */
  if (c->han * 2 >= c->latin && c->han >= c->cyrillic && c->han >= c->arabic) {
    return "zh";
  }
  if (c->cyrillic > c->latin) {
    return "ru";
  }
  if (c->arabic > c->latin) {
    return "ar";
  }
  return "";
}

/* ---- hashing ---------------------------------------------------------------- */

uint64_t
unkg_hash64(const char* s, size_t n)
{
  uint64_t h = 0xcbf29ce484222325u;
  for (size_t i = 0; i < n; ++i) {
    h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
  }
  return h;
}

/* Open addressing with linear probing, at most half full. */
static size_t
strmap_find(const UnkgStrMap* m, const char* key, size_t len)
{
  size_t i = (size_t)unkg_hash64(key, len) & (m->cap - 1);
  while (m->at[i] && strcmp(m->pool + m->at[i] - 1, key)) {
    i = (i + 1) & (m->cap - 1);
  }
  return i;
}

size_t*
unkg_strmap_get(const UnkgStrMap* m, const char* key)
{
  if (!m->cap) {
    return NULL;
  }
  size_t i = strmap_find(m, key, strlen(key));
  return m->at[i] ? &m->values[i] : NULL;
}

static UnkgStatus
strmap_grow(UnkgStrMap* m)
{
  size_t     cap = m->cap ? m->cap * 2 : 16;
  UnkgStrMap g   = *m;
  g.at           = calloc(cap, sizeof *g.at);
  g.values       = calloc(cap, sizeof *g.values);
  g.cap          = cap;
  if (!g.at || !g.values) {
    free(g.at);
    free(g.values);
    return UNKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < m->cap; ++i) {
    if (m->at[i]) {
      const char* key = m->pool + m->at[i] - 1;
      size_t      k   = strmap_find(&g, key, strlen(key));
      g.at[k]         = m->at[i];
      g.values[k]     = m->values[i];
    }
  }
  free(m->at);
  free(m->values);
  *m = g;
  return UNKG_OK;
}

UnkgStatus
unkg_strmap_put(UnkgStrMap* m, const char* key, size_t value, size_t** slot)
{
  if ((m->n + 1) * 2 > m->cap && strmap_grow(m)) {
    return UNKG_ERR_NOMEM;
  }
  size_t len = strlen(key);
  size_t i   = strmap_find(m, key, len);
  if (!m->at[i]) {
    if (m->pool_len + len + 1 > m->pool_cap) {
      size_t cap = m->pool_cap ? m->pool_cap : 256;
      while (cap < m->pool_len + len + 1) {
        cap *= 2;
      }
      if (cap > UINT32_MAX) { /* an offset plus one must fit in a slot */
        return UNKG_ERR_LIMIT;
      }
      char* pool = realloc(m->pool, cap);
      if (!pool) {
        return UNKG_ERR_NOMEM;
      }
      m->pool     = pool;
      m->pool_cap = cap;
    }
    memcpy(m->pool + m->pool_len, key, len + 1);
    m->at[i] = (uint32_t)(m->pool_len + 1);
    m->pool_len += len + 1;
    m->values[i] = value;
    ++m->n;
  }
  if (slot) {
    *slot = &m->values[i];
  }
  return UNKG_OK;
}

void
unkg_strmap_clear(UnkgStrMap* m)
{
  free(m->at);
  free(m->values);
  free(m->pool);
  *m = (UnkgStrMap){0};
}
