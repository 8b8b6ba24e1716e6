#include "escape.h"

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

static const char*
replacement(UnkgEscape syntax, char c)
{
  if ((unsigned char)c > '\\') {
    return NULL; /* past every character in the table: most text */
  }
  for (size_t i = 0; i < sizeof rules / sizeof *rules; ++i) {
    if (rules[i].c == c) {
      return rules[i].with[syntax];
    }
  }
  return NULL;
}

/* The length of the run at s written as is; *with receives the
 * replacement of the character after it (NULL at the end). */
static size_t
run(UnkgEscape syntax, const char* s, size_t len, const char** with)
{
  size_t i = 0;
  *with    = NULL;
  while (i < len && !(*with = replacement(syntax, s[i]))) {
    ++i;
  }
  return i;
}

void
unkg_escape_file(FILE* f, UnkgEscape syntax, const char* s, size_t len)
{
  while (len) {
    const char* with;
    size_t      n = run(syntax, s, len, &with);
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
    size_t      n  = run(syntax, s, len, &with);
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

size_t
unkg_forbidden_at(const char* s, size_t n, uint32_t* cp)
{
  const unsigned char* t = (const unsigned char*)s;
  for (size_t i = 0; i < n;) {
    if (t[i] >= 0x20 && t[i] < 0x7F) {
      ++i; /* ASCII text, the common case */
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
