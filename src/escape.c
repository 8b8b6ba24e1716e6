#include "escape.h"

#include <string.h>

/* Each syntax escapes what its parsers would misread, and no more: the
 * exports keep tabs as they are (byte-identical output over releases),
 * TSV must not (a tab ends the field). */
/* clang-format off */
static const struct {
  char        c;
  const char* with[5]; /* by UnkgEscape; NULL: written as is */
} rules[] = {
  /*         NT      TSV     XML text  XML attr  cell */
  {'"',  {"\\\"", "\\\"", NULL,    "&quot;", NULL}},
  {'\\', {"\\\\", "\\\\", NULL,    NULL,     NULL}},
  {'\n', {"\\n",  "\\n",  NULL,    "&#10;",  " "}},
  {'\r', {"\\r",  "\\r",  "&#13;", "&#13;",  " "}},
  {'\t', {NULL,   "\\t",  NULL,    NULL,     " "}},
  {'&',  {NULL,   NULL,   "&amp;", "&amp;",  NULL}},
  {'<',  {NULL,   NULL,   "&lt;",  "&lt;",   NULL}},
  {'>',  {NULL,   NULL,   "&gt;",  "&gt;",   NULL}},
};
/* clang-format on */

/* The bytes some syntax escapes: a run of text is scanned a byte at a time
 * against this table, and only its hits go to the rules. */
static bool
special(unsigned char c)
{
  static const bool table[256] = {['"'] = true,  ['\\'] = true, ['\n'] = true, ['\r'] = true,
                                  ['\t'] = true, ['&'] = true,  ['<'] = true,  ['>'] = true};
  return table[c];
}

static const char*
replacement(UnkgEscape syntax, char c)
{
  if (!special((unsigned char)c)) {
    return NULL; /* most text */
  }
  for (size_t i = 0; i < sizeof rules / sizeof *rules; ++i) {
    if (rules[i].c == c) {
      return rules[i].with[syntax];
    }
  }
  return NULL;
}

/* Does the word hold a zero byte?  (Exact: no false hits.) */
static inline uint64_t
zero_byte(uint64_t w)
{
  const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  return (w - ones) & ~w & highs;
}

/* Might the word hold a byte of the table (special)?  The table's bytes
 * are tab, LF and CR (below 0x0E), '"' and '&' (0x22 and 0x26 apart in bit
 * 2 only), '<' and '>' (0x3C and 0x3E, bit 1) and '\\'; a hit may also be
 * another control below 0x0E, which special() then passes. */
static inline bool
maybe_special(uint64_t w)
{
  const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  return ((w - 0x0E * ones) & ~w & highs) || zero_byte((w | 0x04 * ones) ^ (0x26 * ones))
         || zero_byte((w | 0x02 * ones) ^ (0x3E * ones)) || zero_byte(w ^ ('\\' * ones));
}

size_t
unkg_escape_run(UnkgEscape syntax, const char* s, size_t len, const char** with)
{
  size_t i = 0;
  *with    = NULL;
  while (i < len) {
    /* Eight bytes at a time (most text, in any script), then the word
     * that may hold one, a byte at a time. */
    for (uint64_t w; i + 8 <= len; i += 8) {
      memcpy(&w, s + i, 8);
      if (maybe_special(w)) {
        break;
      }
    }
    for (size_t end = i + 8 < len ? i + 8 : len; i < end; ++i) {
      if (special((unsigned char)s[i]) && (*with = replacement(syntax, s[i]))) {
        return i;
      }
    }
  }
  return len;
}

void
unkg_escape_file(FILE* f, UnkgEscape syntax, const char* s, size_t len)
{
  while (len) {
    const char* with;
    size_t      n = unkg_escape_run(syntax, s, len, &with);
    fwrite(s, 1, n, f);
    if (with) {
      fputs(with, f);
      ++n;
    }
    s += n;
    len -= n;
  }
}

UnkgStatus
unkg_escape_buf(UnkgBuf* b, UnkgEscape syntax, const char* s, size_t len)
{
  while (len) {
    const char* with;
    size_t      n  = unkg_escape_run(syntax, s, len, &with);
    UnkgStatus  st = unkg_buf_append(b, s, n);
    if (!st && with) {
      st = unkg_buf_puts(b, with);
      ++n;
    }
    if (st) {
      return st;
    }
    s += n;
    len -= n;
  }
  return UNKG_OK;
}

bool
unkg_cp_is_forbidden(uint32_t cp)
{
  return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F)
         || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0xFDD0 && cp <= 0xFDEF)
         || (cp & 0xFFFE) == 0xFFFE || cp > 0x10FFFF;
}

/* Is t[i, i + 3) (inside the text) a character of three bytes that no
 * syntax forbids: U+1000..U+CFFF, U+E000..U+FFFF but U+FDC0..U+FDFF and
 * U+FFC0..U+FFFF (CJK, full-width forms)?  The two continuation bytes are
 * tested at once: their top bits land on bits apart. */
static inline bool
plain_cjk_at(const unsigned char* t, size_t i)
{
  unsigned char b = t[i];
  return (((t[i + 1] & 0xC0) | (t[i + 2] & 0xC0) >> 2) == 0xA0)
         && ((b >= 0xE1 && b <= 0xEC) || b == 0xEE
             || (b == 0xEF && t[i + 1] != 0xB7 && t[i + 1] != 0xBF));
}

size_t
unkg_forbidden_at(const char* s, size_t n, uint32_t* cp)
{
  const unsigned char* t = (const unsigned char*)s;
  for (size_t i = 0; i < n;) {
    /* A run of CJK characters, the most of a Chinese text, with no other
     * test between them. */
    if (t[i] >= 0xE1 && i + 2 < n && plain_cjk_at(t, i)) {
      for (i += 3; i + 2 < n && plain_cjk_at(t, i);) {
        i += 3;
      }
      continue;
    }
    /* Eight printable ASCII bytes at a time: none below 0x20, none 0x7F,
     * none from 0x80 up. */
    for (uint64_t w; i + 8 <= n; i += 8) {
      const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
      memcpy(&w, t + i, 8);
      uint64_t del = w ^ (0x7F * ones);
      if ((w & highs) || ((w - 0x20 * ones) & highs) || ((del - ones) & ~del & highs)) {
        break;
      }
    }
    if (i == n) {
      break;
    }
    unsigned char b = t[i];
    if ((b >= 0x20 && b < 0x7F) || b == '\n' || b == '\t' || b == '\r') {
      ++i; /* ASCII text, the common case */
      continue;
    }
    /* The scripts of the other UN languages, none of them forbidden:
     * U+00A0..U+07FF (Cyrillic, Arabic: past the C1 controls) and
     * U+1000..U+CFFF and U+E000..U+FFFF but U+FDC0..U+FDFF and U+FFC0..U+FFFF
     * (CJK, full-width forms: no surrogates, no noncharacters). */
    if (b >= 0xC2 && b <= 0xDF && i + 1 < n && (t[i + 1] & 0xC0) == 0x80
        && (b != 0xC2 || t[i + 1] >= 0xA0)) {
      i += 2;
      continue;
    }
    if (i + 2 < n && (t[i + 1] & 0xC0) == 0x80 && (t[i + 2] & 0xC0) == 0x80
        && ((b >= 0xE1 && b <= 0xEC) || b == 0xEE
            || (b == 0xEF && t[i + 1] != 0xB7 && t[i + 1] != 0xBF))) {
      i += 3;
      continue;
    }
    size_t l = unkg_utf8_decode(t + i, n - i, cp);
    if (!l) {
      *cp = 0xFFFD;
      return i;
    }
    if (unkg_cp_is_forbidden(*cp)) {
      return i;
    }
    i += l;
  }
  return n;
}

size_t
unkg_escape_nt_checked(char* out, const char* s, size_t n, size_t* bad, uint32_t* cp)
{
  const uint64_t       ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  const unsigned char* t   = (const unsigned char*)s;
  char*                o   = out;
  size_t               run = 0; /* where the text not yet copied starts */
  size_t               i   = 0;
  *bad                     = n;
  while (i < n) {
    unsigned char b = t[i];
    if (b >= 0x80) {
      /* As unkg_forbidden_at: CJK and full-width forms (a run of them at
       * once), then Cyrillic and Arabic, then the decoder for the rest. */
      if (i + 2 < n && plain_cjk_at(t, i)) {
        for (i += 3; i + 2 < n && plain_cjk_at(t, i);) {
          i += 3;
        }
        continue;
      }
      if (b >= 0xC2 && b <= 0xDF && i + 1 < n && (t[i + 1] & 0xC0) == 0x80
          && (b != 0xC2 || t[i + 1] >= 0xA0)) {
        i += 2;
        continue;
      }
      size_t l = unkg_utf8_decode(t + i, n - i, cp);
      if (!l) {
        *cp  = 0xFFFD;
        *bad = i;
        break;
      }
      if (unkg_cp_is_forbidden(*cp)) {
        *bad = i;
        break;
      }
      i += l;
      continue;
    }
    /* ASCII: eight bytes at a time while none is a control, DEL, '"' or
     * '\\' (the test on controls may stop early, never late). */
    for (uint64_t w; i + 8 <= n; i += 8) {
      memcpy(&w, t + i, 8);
      if ((w & highs) || ((w - 0x20 * ones) & highs) || zero_byte(w ^ (0x7F * ones))
          || zero_byte(w ^ ('"' * ones)) || zero_byte(w ^ ('\\' * ones))) {
        break;
      }
    }
    if (i == n) {
      break;
    }
    b = t[i];
    if ((b >= 0x20 && b < 0x7F && b != '"' && b != '\\') || b == '\t' || b >= 0x80) {
      i += b < 0x80; /* a character to keep; from 0x80 up, the next turn's */
      continue;
    }
    /* The rules of UNKG_ESC_NT (the table above): serialize_test checks
     * that both agree. */
    char with = b == '"' ? '"' : b == '\\' ? '\\' : b == '\n' ? 'n' : b == '\r' ? 'r' : 0;
    if (!with) {
      *cp  = b; /* a control or DEL */
      *bad = i;
      break;
    }
    memcpy(o, s + run, i - run);
    o += i - run;
    *o++ = '\\';
    *o++ = with;
    run  = ++i;
  }
  memcpy(o, s + run, i - run);
  return (size_t)(o + (i - run) - out);
}
