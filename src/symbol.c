#include "symbol.h"

#include "buf.h"
#include "text.h"
#include "vocab.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Eight bytes of text at s as a word, for the scans' skips below. */
static inline uint64_t
word_at(const char* s)
{
  uint64_t w;
  memcpy(&w, s, sizeof w);
  return w;
}

#define HIGH_BYTES 0x8080808080808080u
#define LOW_BYTES  0x0101010101010101u


/* ---- document symbols ---------------------------------------------------- */

static bool
sym_char(char c)
{
  return isalnum((unsigned char)c) || c == '/' || c == '.' || c == '-';
}

/* A UN document symbol at s: series letters, then '/'-separated parts,
 * with a digit somewhere.  Returns its length (trailing dots dropped). */
/* "-S/24111" in "A/47/277-S/24111": a joint symbol's second half starts. */
static bool
joint_at(const char* s)
{
  if (s[0] != '-') {
    return false;
  }
  size_t k = 1;
  while (isupper((unsigned char)s[k])) {
    ++k;
  }
  return k > 1 && s[k] == '/';
}

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
  for (;;) {
    if (sym_char(s[i]) && !joint_at(s + i)) {
      digit = digit || isdigit((unsigned char)s[i]);
      ++i;
      continue;
    }
    /* "ICCD/COP(14)/23": a bracket inside the symbol. */
    size_t b = s[i] == '(' ? i + 1 : 0;
    while (b && isalnum((unsigned char)s[b])) {
      ++b;
    }
    if (b && s[b] == ')' && s[b + 1] == '/') {
      i = b + 1;
      continue;
    }
    break;
  }
  while (i > 0 && (s[i - 1] == '.' || s[i - 1] == '/' || s[i - 1] == '-')) {
    --i;
  }
  if (!digit) {
    return 0;
  }
  /* A designation in brackets after it: "A/75/6 (Sect. 10)",
   * "A/CONF.157/24 (Part I)", "E/2005/23 (Supp)", "NPT/CONF.2010/50 (Vol. I)". */
  size_t             j              = i + (s[i] == ' ');
  static const char* designations[] = {"Sect.", "Part", "Vol.", "Supp"};
  for (size_t k = 0; s[j] == '(' && k < sizeof designations / sizeof *designations; ++k) {
    size_t l = strlen(designations[k]);
    if (strncmp(s + j + 1, designations[k], l)) {
      continue;
    }
    size_t e = j + 1 + l;
    while (s[e] && s[e] != ')' && s[e] != '(' && e - j < 16
           && (isalnum((unsigned char)s[e]) || s[e] == ' ' || s[e] == '.')) {
      ++e;
    }
    if (s[e] == ')') {
      /* "A/CONF.157/24 (Part I)/Corr.1" */
      size_t f = e + 1;
      if (s[f] == '/' && isupper((unsigned char)s[f + 1])) {
        while (sym_char(s[f]) && !joint_at(s + f)) {
          ++f;
        }
        while (f > e + 1 && (s[f - 1] == '.' || s[f - 1] == '/' || s[f - 1] == '-')) {
          --f;
        }
      }
      return f;
    }
  }
  return i;
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
  const size_t len = strlen(text);
  for (size_t i = 0; text[i];) {
    /* Eight bytes past 0x7F (a run of CJK) hold no capital. */
    while (i + 8 <= len && (word_at(text + i) & HIGH_BYTES) == HIGH_BYTES) {
      i += 8;
    }
    if (i >= len) {
      break;
    }
    const unsigned char c0 = (unsigned char)text[i];
    if (!isupper(c0)) {
      /* symbol_at: a symbol starts with a capital (A-Z: unkg sets no
       * locale), so a three-byte character (most CJK) goes whole. */
      i += c0 >= 0xE0 && c0 <= 0xEF && ((unsigned char)text[i + 1] & 0xC0) == 0x80
               && ((unsigned char)text[i + 2] & 0xC0) == 0x80
             ? 3
             : 1;
      continue;
    }
    bool boundary = i == 0 || !(sym_char(text[i - 1]))
                    || (text[i - 1] == '-' && i >= 2 && joint_at(text + i - 1)
                        && isalnum((unsigned char)text[i - 2]));
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
    i = j + (joint_at(text + j) ? 1 : 0);
  }
  return UNKG_OK;
}

/* ---- the canonical form ---------------------------------------------------- */

/* Designations printed in mixed case ("A/66/7/Add.21", "UNEP/EA.4/Res.1");
 * every other letter of a symbol is upper case ("A/HRC/RES/44/16"). */
static const char* mixed_case[] = {"Add.",  "Corr.", "Rev.", "Amend.", "Res.",
                                   "Sect.", "Vol.",  "Part", "Parts",  "Supp"};

static size_t
mixed_case_at(const char* s, const char** form)
{
  /* The first letters of mixed_case: most places of a symbol start none. */
  switch (*s | 0x20) {
  case 'a':
  case 'c':
  case 'p':
  case 'r':
  case 's':
  case 'v': break;
  default: return 0;
  }
  for (size_t k = 0; k < sizeof mixed_case / sizeof *mixed_case; ++k) {
    size_t l = strlen(mixed_case[k]);
    if (strncasecmp(s, mixed_case[k], l)) {
      continue; /* also keeps the scan below inside s */
    }
    size_t r = l;
    /* "PartI", "Vol.I": a roman numeral may follow a designation. */
    while (s[r] && strchr("IVXLCivxlc", s[r])) {
      ++r;
    }
    if (!isalpha((unsigned char)s[r])) {
      *form = mixed_case[k];
      return l;
    }
  }
  return 0;
}

char*
unkg_symbol_canonical(const char* s)
{
  UnkgBuf b = {0};
  if (!s) {
    return NULL;
  }
  /* Dashes of every width are the symbol's hyphen; blanks are one space. */
  for (const char* p = s; *p;) {
    if (!strncmp(p, "\xE2\x80\x90", 3) || !strncmp(p, "\xE2\x80\x91", 3)
        || !strncmp(p, "\xE2\x80\x93", 3) || !strncmp(p, "\xE2\x88\x92", 3)) {
      unkg_buf_puts(&b, "-");
      p += 3;
    } else if (isspace((unsigned char)*p)) {
      while (isspace((unsigned char)*p)) {
        ++p;
      }
      if (b.len && *p) {
        unkg_buf_puts(&b, " ");
      }
    } else {
      unkg_buf_append(&b, p, 1);
      ++p;
    }
  }
  if (!b.data) {
    return NULL;
  }
  UnkgBuf out           = {0};
  char*   t             = b.data;
  int     depth         = 0;     /* inside a bracket */
  bool    after_letters = false; /* part letters were the last thing written */
  for (size_t i = 0; t[i];) {
    const char* form = NULL;
    size_t      l = (i == 0 || !isalpha((unsigned char)t[i - 1])) ? mixed_case_at(t + i, &form) : 0;
    if (l) {
      unkg_buf_puts(&out, form);
      i += l;
      continue;
    }
    if (t[i] == ' ' && depth) {
      ++i; /* "(Sect. 2)" and "(Sect.2)" are one */
      continue;
    }
    if (t[i] == '(') {
      /* "2282(2016)" -> "2282 (2016)": a blank between a number and its
       * bracket ("ICCD/COP(14)" keeps its own). */
      if (out.len && out.data[out.len - 1] != ' '
          && (isdigit((unsigned char)out.data[out.len - 1]) || after_letters)) {
        unkg_buf_puts(&out, " ");
      }
      ++depth;
    } else if (t[i] == ')') {
      --depth;
    } else if (!depth && i && isdigit((unsigned char)t[i - 1])) {
      /* "74/92A-B", "74/92a-b", "74/92 a" -> "74/92 A-B": part letters. */
      size_t j = i + (t[i] == ' ');
      size_t q = j;
      if (isalpha((unsigned char)t[q]) && !isalnum((unsigned char)t[q + 1])) {
        ++q;
        while (t[q] == '-' && isalpha((unsigned char)t[q + 1]) && !isalnum((unsigned char)t[q + 2])) {
          q += 2;
        }
      }
      if (q > j && (t[q] == '\0' || t[q] == ' ' || t[q] == '(')) {
        unkg_buf_puts(&out, " ");
        for (size_t k = j; k < q; ++k) {
          char c = (char)toupper((unsigned char)t[k]);
          unkg_buf_append(&out, &c, 1);
        }
        i             = q;
        after_letters = true;
        continue;
      }
    }
    if (t[i] != ' ') {
      after_letters = false;
    }
    char c = (char)toupper((unsigned char)t[i]);
    unkg_buf_append(&out, &c, 1);
    ++i;
  }
  unkg_buf_clear(&b);
  return unkg_buf_take(&out);
}

/* What a bracket of a canonical symbol may hold: a year "2016", a session
 * "XV", "S-IV", a number "14", or a designation "Sect.2", "Vol.I",
 * "PartI", "Supp". */
static bool
bracket_ok(const char* s, size_t n)
{
  const char* form  = NULL; /* set only when a designation opens the bracket */
  size_t      i     = mixed_case_at(s, &form);
  const char* chars = "0123456789";
  if (i) {
    chars = "0123456789IVXLCAND."; /* "Sect.2", "Vol.I", "PartsIANDII" */
  } else if (n && !isdigit((unsigned char)s[0])) {
    i     = n >= 2 && s[0] == 'S' && s[1] == '-' ? 2 : 0; /* "S-IV" */
    chars = "IVXLC";
  }
  if (i >= n && !form) { /* empty, or "S-" alone; a designation may stand alone */
    return false;
  }
  for (; i < n; ++i) {
    if (!strchr(chars, s[i])) {
      return false;
    }
  }
  return true;
}

bool
unkg_symbol_valid(const char* s)
{
  if (!s || !isupper((unsigned char)s[0])) {
    return false;
  }
  size_t i = 0;
  while (isupper((unsigned char)s[i])) {
    ++i;
  }
  if (s[i] != '/' || i > 6) {
    return false;
  }
  bool digit = false;
  for (; s[i]; ++i) {
    char c = s[i];
    if (c == '(') {
      const char* close = strchr(s + i, ')');
      if (!close || !bracket_ok(s + i + 1, (size_t)(close - s - i - 1))) {
        return false;
      }
      i = (size_t)(close - s);
    } else if (c == ' ') {
      /* Only before a bracket or a part letter ("A-B"): a blank before a
       * word is prose ("A/75/L.4, AS ORALLY REVISED"). */
      if (s[i + 1] != '('
          && !(isupper((unsigned char)s[i + 1]) && !isalnum((unsigned char)s[i + 2]))) {
        return false;
      }
    } else if (isdigit((unsigned char)c)) {
      digit = true;
    } else if (!isalpha((unsigned char)c) && !strchr("./-", c)) {
      return false;
    }
  }
  return digit;
}

/* ---- resolutions cited by number ------------------------------------------- */

typedef struct {
  char   symbol[64];
  char   date[11];
  size_t pos;
} Item;

/* Part letters after a resolution's number: "C", " C", "A和B", "A 至 C",
 * "A-B"; their canonical form in out ("C", "A-B"); returns bytes read. */
static size_t
part_letters_at(const char* s, char out[8])
{
  size_t i = s[0] == ' ' ? 1 : 0;
  if (!isupper((unsigned char)s[i]) || isalpha((unsigned char)s[i + 1])) {
    return 0;
  }
  out[0]                  = s[i];
  out[1]                  = '\0';
  size_t             j    = i + 1;
  static const char* to[] = {"和", "至", "-", " 至 ", " 和 ", " and ", " to "};
  for (size_t k = 0; k < sizeof to / sizeof *to; ++k) {
    size_t l = strlen(to[k]);
    if (!strncmp(s + j, to[k], l) && isupper((unsigned char)s[j + l])
        && !isalpha((unsigned char)s[j + l + 1])) {
      snprintf(out, 8, "%c-%c", s[i], s[j + l]);
      return j + l + 1;
    }
  }
  return j;
}

/* "53/70", "70/237 C", "74/92 A和B", "1373(2001)", "1514(XV)", "217 A(III)",
 * "S-24/2", "ES-10/15" at s; fills the symbol for the body.  Returns bytes
 * read. */
static size_t
resolution_item(const char* s, const char* series, char out[64])
{
  size_t pre = !strncmp(s, "ES-", 3) ? 3 : !strncmp(s, "S-", 2) ? 2 : 0; /* special sessions */
  size_t i   = pre;
  while (isdigit((unsigned char)s[i]) && i - pre < 5) {
    ++i;
  }
  if (i == pre) {
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
    char   letters[8] = "";
    size_t k          = j + part_letters_at(s + j, letters);
    /* ECOSOC numbers its resolutions by year: 2004/12.  The Security
     * Council never numbers by session: "大会和安全理事会…第70/262和
     * 2282(2016)号决议" names the Assembly's 70/262. */
    const char* ser = !strcmp(series, "S/RES/") ? "A/RES/" : series;
    ser             = i == 4 && !pre && !strcmp(ser, "A/RES/") ? "E/RES/" : ser;
    snprintf(out, 64, "%s%.*s%s%s", ser, (int)j, s, letters[0] ? " " : "", letters);
    return k;
  }
  if (pre) {
    return 0;
  }
  /* "1988 (2011)": PDF text may keep the space the symbol has. */
  size_t o = i + (s[i] == ' ' && s[i + 1] == '(');
  if (s[o] == '(' && isdigit((unsigned char)s[o + 1])) {
    size_t j = o + 1;
    while (isdigit((unsigned char)s[j])) {
      ++j;
    }
    if (s[j] == ')' && j - o - 1 == 4) {
      snprintf(out, 64, "S/RES/%.*s (%.*s)", (int)i, s, 4, s + o + 1);
      return j + 1;
    }
  }
  /* The Assembly's early resolutions carry their session: 1514(XV),
   * 3201(S-VI), "217 A(III)", "179 (II)".  The part letter is not the
   * document's: A/RES/217 (III) holds parts A to E. */
  char   letters[8];
  size_t p = i + part_letters_at(s + i, letters);
  p += s[p] == ' ';
  if (s[p] == '(') {
    size_t j = p + 1 + (s[p + 1] == 'S' && s[p + 2] == '-' ? 2 : 0);
    size_t r = j;
    while (s[r] && strchr("IVXL", s[r])) {
      ++r;
    }
    if (r > j && s[r] == ')') {
      snprintf(out, 64, "%s%.*s (%.*s)", series, (int)i, s, (int)(r - p - 1), s + p + 1);
      return r + 1;
    }
  }
  return 0;
}

/* Does text[from, to), between a list of resolutions ended by 号决议 and
 * the next item, go on with the same list?  A separator alone ("、"), or
 * one and the next item's subject ("、关于记者安全的", "，以及涉及…的任务的",
 * "和2013年9月27日关于…的"), with no clause or other number inside. */
static bool
goes_on_list(const char* text, size_t from, size_t to)
{
  size_t p = from;
  if (unkg_starts_with(text + p, "，")) {
    p += 3;
  }
  size_t sl = list_separator(text + p);
  if (sl == 1) {
    sl = 0; /* a bare space or comma */
  }
  p += sl;
  if (p == to) {
    return sl > 0;
  }
  if (!sl && p == from) {
    return false;
  }
  /* The subject: an optional date, 关于 or 涉及, …的. */
  char   date[11];
  size_t n = to - p;
  p += unkg_parse_zh_date(text + p, n, date);
  if (!(unkg_starts_with(text + p, "关于") || unkg_starts_with(text + p, "涉及")) || to - p > 180
      || to - p < 9 || strncmp(text + to - 3, "的", 3)) {
    return false;
  }
  for (size_t k = p; k < to; ++k) {
    if (!strncmp(text + k, "，", 3) || !strncmp(text + k, "；", 3) || !strncmp(text + k, "。", 3)
        || !strncmp(text + k, "号", 3) || !strncmp(text + k, "第", 3)) {
      return false;
    }
  }
  return true;
}

/* Does 关于 stand shortly before pos, in the same phrase? */
static bool
about_before(const char* text, size_t pos)
{
  size_t from = pos > 15 ? pos - 15 : 0;
  for (size_t k = from; k + 6 <= pos; ++k) {
    if (!strncmp(text + k, "关于", 6)) {
      return true;
    }
  }
  return false;
}

/* The series of a resolution cited by number at pos: that of the organ
 * named just before (up to two characters between: "安全理事会第1373(2001)
 * 号"), else that of the organ issuing resolutions (unkg:resolutionSeries,
 * unkg:issuedBy in the reference data); NULL without reference data. */
static const char*
series_before(const UnkgLexicon* lex, const char* text, size_t pos)
{
  size_t             n_names;
  const UnkgNameRef* names = unkg_lexicon_series_names(lex, &n_names);
  for (size_t i = 0; i < n_names; ++i) {
    size_t l = names[i].len;
    for (size_t back = l; back <= l + 6 && back <= pos; ++back) {
      if (text[pos - back] == names[i].s[0] && !strncmp(text + pos - back, names[i].s, l)
          && !about_before(text, pos - back)) {
        return names[i].e->series;
      }
    }
  }
  /* Further back in the same clause ("人权理事会关于童婚…的2019年7月11日
   * 第41/8号决议"), the nearest organ whose resolutions are numbered
   * "41/8".  The Security Council's are "2282(2016)", known by their form. */
  /* The last bytes of the names looked for, so that most places are
   * passed over with one test. */
  uint64_t last[4] = {0};
  for (size_t i = 0; i < n_names; ++i) {
    unsigned char b = names[i].len ? (unsigned char)names[i].s[names[i].len - 1] : 0;
    last[b >> 6] |= UINT64_C(1) << (b & 63);
  }
  size_t stop = pos > 150 ? pos - 150 : 0;
  for (size_t at = pos; at > stop; --at) {
    unsigned char c = (unsigned char)text[at];
    unsigned char e = (unsigned char)text[at - 1];
    /* A clause ends the search, unless a list goes on past its comma
     * ("…相关决议，尤其是…第7/34号"); "，" and "；" lead with EF, "。" with
     * E3. */
    if ((c == 0xEF || c == 0xE3)
        && ((!strncmp(text + at, "，", 3) && !unkg_starts_with(text + at + 3, "尤其是")
             && !unkg_starts_with(text + at + 3, "特别是") && !unkg_starts_with(text + at + 3, "包括")
             && !unkg_starts_with(text + at + 3, "其中包括")
             /* "人权理事会所有相关决议，最近一项是…第42/24号决议" */
             && !unkg_starts_with(text + at + 3, "最近一项是")
             && !unkg_starts_with(text + at + 3, "最近的决议是"))
            || !strncmp(text + at, "；", 3) || !strncmp(text + at, "。", 3))) {
      break;
    }
    if (!(last[e >> 6] >> (e & 63) & 1)) {
      continue;
    }
    for (size_t i = 0; i < n_names; ++i) {
      const char* name = names[i].s;
      size_t      l    = names[i].len;
      /* Not the subject of 关于 ("关于设立人权理事会的第60/251号决议"). */
      if (l >= 6 && at >= l && text[at - l] == name[0] && !strncmp(text + at - l, name, l)
          && strcmp(names[i].e->series, "S/RES/") && !about_before(text, at - l)) {
        return names[i].e->series;
      }
    }
  }
  const UnkgEntity* genre = unkg_lexicon_genre(lex, U("Resolution"));
  return genre && genre->issuer ? genre->issuer->series : NULL;
}

static UnkgStatus
scan_resolution_lists(UnkgPart* part, const UnkgLexicon* lex, const char* text)
{
  size_t n = strlen(text);
  Item   items[256];
  /* Where the last list ended (after its 号 or 号决议) and its series: a
   * list that goes on after 号决议 ("人权理事会…第42/19号决议、2020年10月6日
   * 第45/12号…") names the same organ's resolutions, however far back the
   * organ was named. */
  size_t      last_end    = SIZE_MAX;
  const char* last_series = NULL;
  for (size_t i = 0; i < n;) {
    /* Only a digit (a date, a number), "S-"/"ES-" (a special session) or
     * 第 (E7 AC AC) can start an item: skip any other character at once
     * (E7 alone leads a sixteenth of CJK, 的 among them), and eight
     * bytes at a time while all are past 0x7F and none is E7. */
    while (i + 8 <= n) {
      const uint64_t w = word_at(text + i), e7 = w ^ (LOW_BYTES * 0xE7);
      if ((w & HIGH_BYTES) != HIGH_BYTES || ((e7 - LOW_BYTES) & ~e7 & HIGH_BYTES)) {
        break;
      }
      i += 8;
    }
    if (i >= n) {
      break;
    }
    unsigned char c0 = (unsigned char)text[i];
    if (c0 >= 0x80 && c0 != 0xE7) {
      /* Every byte of a character is past 0x7F and none is E7 but a lead:
       * a three-byte character (most CJK) whole, else a byte. */
      i += c0 >= 0xE0 && c0 <= 0xEF && ((unsigned char)text[i + 1] & 0xC0) == 0x80
               && ((unsigned char)text[i + 2] & 0xC0) == 0x80
             ? 3
             : 1;
      continue;
    }
    if (!isdigit(c0) && !(c0 == 'E' && text[i + 1] == 'S' && text[i + 2] == '-')
        && !(c0 == 'S' && text[i + 1] == '-')
        && !(c0 == 0xE7 && (unsigned char)text[i + 1] == 0xAC && (unsigned char)text[i + 2] == 0xAC)) {
      i += unkg_utf8_step(text[i]);
      continue;
    }
    char   date[11] = "";
    size_t p        = i;
    size_t dl       = unkg_parse_zh_date(text + p, n - p, date);
    char   probe[64];
    size_t pl = resolution_item(text + p + dl, "A/RES/", probe);
    /* An item with no 第: after a date ("2004年7月20日ES-10/15号"), or
     * where 号决议 follows it ("S-24/2号决议，附件。" in a note). */
    /* A special session's number alone heads a list too ("S-20/1、S-20/2和
     * S-20/4 A-E号决议" in a note): the 号 that must close it keeps it a
     * resolution. */
    bool bare = pl
                && (dl || unkg_starts_with(text + p + pl, "号决议")
                    || ((text[p] == 'S' || text[p] == 'E') && list_separator(text + p + pl) > 1))
                && (p == 0
                    || !(isalnum((unsigned char)text[p - 1]) || text[p - 1] == '/'
                         || text[p - 1] == '-' || text[p - 1] == '.'));
    if (dl && !bare && !unkg_starts_with(text + p + dl, "第")) {
      i += dl;
      continue;
    }
    p += dl;
    if (!bare
        && (!unkg_starts_with(text + p, "第")
            || !(isdigit((unsigned char)text[p + 3]) || text[p + 3] == 'S' || text[p + 3] == 'E'))) {
      i += unkg_utf8_step(text[i]);
      continue;
    }
    const char* series = NULL;
    if (last_series && last_end < i && goes_on_list(text, last_end, i)) {
      series = last_series;
    }
    if (!series) {
      series = series_before(lex, text, i);
    }
    if (!series) {
      return UNKG_OK;
    }
    size_t n_items = 0;
    bool   hao     = false;
    size_t q       = p;
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
        /* Not a decision, nor a treaty body's general comment or
         * recommendation ("第38 (2020)号一般性建议"). */
        hao = !unkg_starts_with(text + r + 3, "决定") && !unkg_starts_with(text + r + 3, "一般性");
        r += 3;
      } else if (unkg_starts_with(text + r, "决议")) {
        hao = true; /* "第217 A(III)决议": the 号 left out */
      }
      q        = r;
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
    if (hao && n_items) {
      last_series = series;
      last_end    = q + (unkg_starts_with(text + q, "决议") ? 6 : 0);
    }
    i = q > i ? q : i + 1;
  }
  return UNKG_OK;
}

UnkgStatus
unkg_symbols_scan(const UnkgLexicon* lex, const char* text, UnkgPart* out)
{
  UnkgStatus st = scan_resolution_lists(out, lex, text);
  return st ? st : scan_symbols(out, text);
}

/* ---- links ------------------------------------------------------------------ */

/* The document symbol an undocs.org link points at, or NULL:
 * https://undocs.org/en/A/RES/44/198 -> A/RES/44/198. */
char*
unkg_symbol_of_href(const char* href)
{
  const char* host = strstr(href, "undocs.org/");
  if (!host) {
    return NULL;
  }
  const char* p = host + strlen("undocs.org/");
  /* An optional language segment: en, zh, ch, fr … */
  size_t k = 0;
  while (islower((unsigned char)p[k])) {
    ++k;
  }
  if (k >= 2 && k <= 3 && p[k] == '/') {
    p += k + 1;
  }
  UnkgBuf b = {0};
  for (; *p && *p != '?' && *p != '#'; ++p) {
    char c = *p;
    if (c == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
      char hex[3] = {p[1], p[2], '\0'};
      c           = (char)strtol(hex, NULL, 16);
      p += 2;
    }
    if (unkg_buf_append(&b, &c, 1)) {
      unkg_buf_clear(&b);
      return NULL;
    }
  }
  char* sym = NULL;
  if (b.data && unkg_normalise_string(b.data, &sym)) {
    sym = NULL;
  }
  unkg_buf_clear(&b);
  /* A symbol starts with its series: A/, S/, E/ … */
  if (sym && !(isupper((unsigned char)sym[0]) && strchr(sym, '/'))) {
    free(sym);
    sym = NULL;
  }
  return sym;
}

/* Does symbol a start with symbol b, ignoring case and the dash a text
 * may print (‑ U+2011, – U+2013) for the hyphen of a symbol? */
bool
unkg_symbol_prefix(const char* a, const char* b)
{
  while (*b) {
    char   ca = *a, cb = *b;
    size_t la = 1, lb = 1;
    if (!strncmp(a, "\xE2\x80\x91", 3) || !strncmp(a, "\xE2\x80\x93", 3)) {
      ca = '-', la = 3;
    }
    if (!strncmp(b, "\xE2\x80\x91", 3) || !strncmp(b, "\xE2\x80\x93", 3)) {
      cb = '-', lb = 3;
    }
    if (!ca || tolower((unsigned char)ca) != tolower((unsigned char)cb)) {
      return false;
    }
    a += la;
    b += lb;
  }
  return true;
}

bool
unkg_symbol_is_draft(const char* s)
{
  return s && (!strncmp(s, "L.", 2) || strstr(s, "/L."));
}
