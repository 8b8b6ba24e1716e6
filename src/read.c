#include "read.h"

#include "buf.h"
#include "escape.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

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
  for (size_t i = 0; i < src->len; ++column) {
    uint32_t cp;
    if (s[i] == 0) {
      return unkg_error_in(c, src->name, UNKG_ERR_ENCODING, line, column,
                           "binary data (NUL byte at offset %zu)", i);
    }
    size_t n = unkg_utf8_decode(s + i, src->len - i, &cp);
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

UnkgStatus
unkg_source_from_bytes(const UnkgCtx* c, const char* name, const char* data, size_t len,
                       UnkgSource** out)
{
  *out            = NULL;
  UnkgSource* src = calloc(1, sizeof *src);
  if (!src || !(src->name = unkg_strdup(name)) || !(src->data = unkg_strndup(data, len))) {
    unkg_source_free(src);
    return unkg_error_in(c, name, UNKG_ERR_NOMEM, 0, 0, "out of memory");
  }
  src->len = len;
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
unkg_source_read(const UnkgCtx* c, const char* path, UnkgSource** out)
{
  *out                = NULL;
  const bool is_stdin = strcmp(path, "-") == 0;
  FILE*      f        = is_stdin ? stdin : fopen(path, "rb");
  if (!f) {
    return unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "cannot open: %s", strerror(errno));
  }
  struct stat sb;
  if (!is_stdin && fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
    fclose(f);
    return unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "is a directory");
  }
  UnkgBuf    b  = {0};
  UnkgStatus st = UNKG_OK;
  char       chunk[65536];
  size_t     n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (b.len + n > UNKG_MAX_INPUT) {
      st = unkg_error_in(c, path, UNKG_ERR_LIMIT, 0, 0, "larger than %zu bytes", UNKG_MAX_INPUT);
      break;
    }
    if ((st = unkg_buf_append(&b, chunk, n))) {
      unkg_error_in(c, path, st, 0, 0, "out of memory");
      break;
    }
  }
  if (!st && ferror(f)) {
    st = unkg_error_in(c, path, UNKG_ERR_IO, 0, 0, "read error: %s", strerror(errno));
  }
  if (!is_stdin) {
    fclose(f);
  }
  if (!st) {
    if (b.len == 0) {
      st = unkg_error_in(c, path, UNKG_ERR_EMPTY, 0, 0, "empty file");
    } else {
      st = unkg_source_from_bytes(c, path, b.data, b.len, out);
    }
  }
  unkg_buf_clear(&b);
  return st;
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
