#include "read.h"

#include "buf.h"
#include "escape.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* The character at s[0, n): ASCII and the two- and three-byte forms that
 * are always well-formed decoded here, the rest by unkg_utf8_decode.  Its
 * length, or 0 if the bytes there are not UTF-8. */
static inline size_t
decode(const unsigned char* s, size_t n, uint32_t* cp)
{
  if (n >= 2 && s[0] >= 0xC2 && s[0] < 0xE0 && (s[1] & 0xC0) == 0x80) {
    *cp = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
    return 2;
  }
  if (n >= 3 && s[0] >= 0xE1 && s[0] <= 0xEF && s[0] != 0xED && (s[1] & 0xC0) == 0x80
      && (s[2] & 0xC0) == 0x80) {
    *cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
    return 3;
  }
  return unkg_utf8_decode(s, n, cp);
}

/* Three bytes (inside the text) of a character from U+1000 to U+CFFF or
 * U+E000 to U+FFFF but U+FDxx and U+FFxx, as check_text's first test.  The
 * continuation bytes are tested at once: their top bits land on bits
 * apart. */
static inline bool
plain_three(const unsigned char* s)
{
  return s[0] >= 0xE1 && ((s[1] & 0xC0) | (s[2] & 0xC0) >> 2) == 0xA0
         && (s[0] <= 0xEC || s[0] == 0xEE || (s[0] == 0xEF && s[1] != 0xB7 && s[1] != 0xBF));
}

/* Text extracted from PDF is UTF-8 or nothing: a NUL byte means binary, an
 * ill-formed sequence means another encoding.  Either way guessing would
 * produce silent garbage, so the first bad place is reported. */
static UnkgStatus
check_text(const UnkgCtx* c, const UnkgSource* src)
{
  const unsigned char* s      = (const unsigned char*)src->data;
  unsigned             line   = 1;
  unsigned             column = 1; /* characters, as an editor counts them */
  bool                 any    = false;
  const size_t         n_all  = src->len;
  for (size_t i = 0; i < n_all; ++column) {
    /* Han and the other characters of three bytes from U+1000 to U+CFFF
     * and U+E000 to U+FFFF but U+FDxx and U+FFxx: always well formed,
     * neither controls nor noncharacters (escape.c's fast path). */
    if (s[i] >= 0xE1 && i + 2 < n_all && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80
        && (s[i] <= 0xEC || s[i] == 0xEE || (s[i] == 0xEF && s[i + 1] != 0xB7 && s[i + 1] != 0xBF))) {
      /* Not text: the ideographic space U+3000 and the byte-order mark.
       * (Tested only until the first character that is.) */
      if (!any) {
        any = !((s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80)
                || (s[i] == 0xEF && s[i + 1] == 0xBB && s[i + 2] == 0xBF));
      }
      i += 3;
      /* Once there is text, the rest of a run of them at once. */
      while (any && i + 2 < n_all && plain_three(s + i)) {
        i += 3;
        ++column;
      }
      continue;
    }
    /* Printable ASCII, most of any input, needs no other check: eight
     * bytes at a time (blanks and printable characters only). */
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    for (uint64_t w; i + 8 <= n_all; i += 8, column += 8) {
      memcpy(&w, s + i, 8);
      uint64_t del = w ^ (0x7F * ones);
      if ((w & highs) || ((w - 0x20 * ones) & highs) || ((del - ones) & ~del & highs)) {
        break;
      }
      any = any || w != 0x2020202020202020u;
    }
    if (i == n_all) {
      break;
    }
    if (s[i] > 0x20 && s[i] < 0x7F) {
      any = true;
      ++i;
      continue;
    }
    if (s[i] == ' ') {
      ++i;
      continue;
    }
    uint32_t cp;
    if (s[i] == 0) {
      return unkg_error_in(c, src->name, UNKG_ERR_ENCODING, line, column,
                           "binary data (NUL byte at offset %zu)", i);
    }
    size_t n = decode(s + i, src->len - i, &cp);
    if (!n) {
      return unkg_error_in(c, src->name, UNKG_ERR_ENCODING, line, column,
                           "invalid UTF-8 at byte offset %zu", i);
    }
    if (cp == '\n') {
      ++line;
      column = 0;
    } else if (cp < 0x20 && cp != '\r' && cp != '\t' && cp != '\f') {
      return unkg_error_in(c, src->name, UNKG_ERR_ENCODING, line, column,
                           "binary data (control byte 0x%02x)", cp);
    } else if (cp != '\f' && unkg_cp_is_forbidden(cp)) {
      /* No export could carry it (escape.h); a form feed is a page break. */
      return unkg_error_in(c, src->name, UNKG_ERR_ENCODING, line, column,
                           "U+%04X at byte offset %zu: %s not allowed in text", cp, i,
                           cp < 0xA0 ? "a control character is" : "a noncharacter is");
    } else if (cp != ' ' && cp != '\r' && cp != '\t' && cp != '\f' && cp != 0xFEFF && cp != 0x3000
               && cp != 0xA0) {
      any = true;
    }
    i += n;
  }
  if (!any) {
    return unkg_error_in(c, src->name, UNKG_ERR_EMPTY, 0, 0, "empty input (no text)");
  }
  return UNKG_OK;
}

/* unkg_source_from_bytes for data the source takes: malloc'd, with a NUL
 * at data[len].  data is freed on failure. */
static UnkgStatus
source_take(const UnkgCtx* c, const char* name, char* data, size_t len, UnkgSource** out)
{
  *out            = NULL;
  UnkgSource* src = calloc(1, sizeof *src);
  if (!src || !(src->name = unkg_strdup(name))) {
    free(data);
    unkg_source_free(src);
    return unkg_error_in(c, name, UNKG_ERR_NOMEM, 0, 0, "out of memory");
  }
  src->data = data;
  src->len  = len;
  char       enc[32];
  UnkgStatus st = unkg_xml_encoding(data, len, enc) && !unkg_encoding_is_utf8(enc)
                    ? UNKG_OK
                    : check_text(c, src);
  if (st) {
    unkg_source_free(src);
    return st;
  }
  *out = src;
  return UNKG_OK;
}

UnkgStatus
unkg_source_from_bytes(const UnkgCtx* c, const char* name, const char* data, size_t len,
                       UnkgSource** out)
{
  *out = NULL;
  if (len > UNKG_MAX_INPUT) { /* what later stages count on (normalise.c) */
    return unkg_error_in(c, name, UNKG_ERR_LIMIT, 0, 0, "larger than %zu bytes", UNKG_MAX_INPUT);
  }
  char* copy = unkg_strndup(data, len);
  if (!copy) {
    return unkg_error_in(c, name, UNKG_ERR_NOMEM, 0, 0, "out of memory");
  }
  return source_take(c, name, copy, len, out);
}

UnkgStatus
unkg_source_read(const UnkgCtx* c, const char* path, UnkgSource** out)
{
  *out                = NULL;
  const bool is_stdin = strcmp(path, "-") == 0;
  FILE*      f        = is_stdin ? stdin : fopen(path, "rb");
  if (!f) {
    return unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "cannot open: %s", strerror(errno));
  }
  struct stat sb;
  const bool  known = !is_stdin && fstat(fileno(f), &sb) == 0;
  if (known && S_ISDIR(sb.st_mode)) {
    fclose(f);
    return unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "is a directory");
  }
  /* Read straight into one buffer, as large as the file (and a byte more,
   * to see the end in the same read), which the source then keeps; stdio
   * would read through a buffer of its own in pieces. */
  setvbuf(f, NULL, _IONBF, 0);
  size_t     cap = 65536;
  UnkgStatus st  = UNKG_OK;
  if (known && S_ISREG(sb.st_mode) && (uintmax_t)sb.st_size > UNKG_MAX_INPUT) {
    st = unkg_error_in(c, path, UNKG_ERR_LIMIT, 0, 0, "larger than %zu bytes", UNKG_MAX_INPUT);
  } else if (known && S_ISREG(sb.st_mode) && sb.st_size > 0) {
    cap = (size_t)sb.st_size + 1;
  }
  size_t len  = 0;
  char*  data = st ? NULL : malloc(cap + 1);
  if (!st && !data) {
    st = unkg_error_in(c, path, UNKG_ERR_NOMEM, 0, 0, "out of memory");
  }
  /* feof: the read that asked for the byte more saw the end already. */
  for (size_t n; !st && !feof(f) && (n = fread(data + len, 1, cap - len, f)) > 0;) {
    len += n;
    if (len > UNKG_MAX_INPUT) {
      st = unkg_error_in(c, path, UNKG_ERR_LIMIT, 0, 0, "larger than %zu bytes", UNKG_MAX_INPUT);
    } else if (len == cap) {
      size_t grown = cap > UNKG_MAX_INPUT / 2 ? UNKG_MAX_INPUT + 1 : 2 * cap;
      char*  more  = realloc(data, grown + 1);
      if (!more) {
        st = unkg_error_in(c, path, UNKG_ERR_NOMEM, 0, 0, "out of memory");
      } else {
        data = more;
        cap  = grown;
      }
    }
  }
  if (!st && ferror(f)) {
    st = unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "read error: %s", strerror(errno));
  }
  if (!is_stdin) {
    fclose(f);
  }
  if (!st && len == 0) {
    st = unkg_error_in(c, path, UNKG_ERR_EMPTY, 0, 0, "empty file");
  }
  if (st) {
    free(data);
    return st;
  }
  data[len] = '\0';
  return source_take(c, path, data, len, out);
}

static bool
is_xml_space(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int
unkg_xml_encoding(const char* data, size_t len, char out[32])
{
  size_t i = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
  if (len - i < 6 || memcmp(data + i, "<?xml", 5) || !is_xml_space(data[i + 5])) {
    return 0;
  }
  /* The declaration ends at "?>", within its first 200 bytes. */
  size_t end = i + 5;
  while (end + 1 < len && end < i + 200 && !(data[end] == '?' && data[end + 1] == '>')) {
    ++end;
  }
  for (size_t k = i + 5; k + 9 < end; ++k) {
    if (memcmp(data + k, "encoding", 8) || !is_xml_space(data[k - 1])) {
      continue;
    }
    size_t j = k + 8;
    while (j < end && is_xml_space(data[j])) {
      ++j;
    }
    if (j >= end || data[j] != '=') {
      return 0;
    }
    ++j;
    while (j < end && is_xml_space(data[j])) {
      ++j;
    }
    if (j >= end || (data[j] != '"' && data[j] != '\'')) {
      return 0;
    }
    char   q = data[j++];
    size_t n = 0;
    while (j + n < end && data[j + n] != q && n < 31) {
      out[n] = data[j + n];
      ++n;
    }
    out[n] = '\0';
    return n > 0;
  }
  return 0;
}

int
unkg_encoding_is_utf8(const char* enc)
{
  return !strcasecmp(enc, "UTF-8") || !strcasecmp(enc, "UTF8");
}

void
unkg_source_free(UnkgSource* src)
{
  if (src) {
    free(src->name);
    free(src->data);
    free(src);
  }
}
