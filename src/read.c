#include "read.h"

#include "buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Text extracted from PDF is UTF-8 or nothing: a NUL byte means binary, an
 * ill-formed sequence means another encoding.  Either way guessing would
 * produce silent garbage, so the first bad place is reported. */
static UnkgStatus
check_text(const UnkgSource* src, UnkgDiag* d)
{
  const unsigned char* s    = (const unsigned char*)src->data;
  unsigned             line = 1;
  bool                 any  = false;
  for (size_t i = 0; i < src->len;) {
    uint32_t cp;
    if (s[i] == 0) {
      unkg_diag_set(d, src->name, line, "binary data (NUL byte at offset %zu)", i);
      return UNKG_ERR_ENCODING;
    }
    size_t n = unkg_utf8_decode(s + i, src->len - i, &cp);
    if (!n) {
      unkg_diag_set(d, src->name, line, "invalid UTF-8 at byte offset %zu", i);
      return UNKG_ERR_ENCODING;
    }
    if (cp == '\n') {
      ++line;
    } else if (cp < 0x20 && cp != '\r' && cp != '\t' && cp != '\f') {
      unkg_diag_set(d, src->name, line, "binary data (control byte 0x%02x)", cp);
      return UNKG_ERR_ENCODING;
    } else if (cp != ' ' && cp != '\r' && cp != '\t' && cp != '\f'
               && cp != 0xFEFF && cp != 0x3000 && cp != 0xA0) {
      any = true;
    }
    i += n;
  }
  if (!any) {
    unkg_diag_set(d, src->name, 0, "empty input (no text)");
    return UNKG_ERR_EMPTY;
  }
  return UNKG_OK;
}

UnkgStatus
unkg_source_from_bytes(const char* name, const char* data, size_t len,
                       UnkgSource** out, UnkgDiag* d)
{
  *out            = NULL;
  UnkgSource* src = calloc(1, sizeof *src);
  if (!src || !(src->name = unkg_strdup(name))
      || !(src->data = unkg_strndup(data, len))) {
    unkg_source_free(src);
    return UNKG_ERR_NOMEM;
  }
  src->len      = len;
  UnkgStatus st = check_text(src, d);
  if (st) {
    unkg_source_free(src);
    return st;
  }
  *out = src;
  return UNKG_OK;
}

UnkgStatus
unkg_source_read(const char* path, UnkgSource** out, UnkgDiag* d)
{
  *out          = NULL;
  const bool is_stdin = strcmp(path, "-") == 0;
  FILE*      f  = is_stdin ? stdin : fopen(path, "rb");
  if (!f) {
    unkg_diag_set(d, path, 0, "cannot open: %s", strerror(errno));
    return UNKG_ERR_IO;
  }
  struct stat sb;
  if (!is_stdin && fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
    fclose(f);
    unkg_diag_set(d, path, 0, "is a directory");
    return UNKG_ERR_IO;
  }
  UnkgBuf    b  = {0};
  UnkgStatus st = UNKG_OK;
  char       chunk[65536];
  size_t     n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (b.len + n > UNKG_MAX_INPUT) {
      unkg_diag_set(d, path, 0, "larger than %zu bytes", UNKG_MAX_INPUT);
      st = UNKG_ERR_LIMIT;
      break;
    }
    if ((st = unkg_buf_append(&b, chunk, n))) {
      break;
    }
  }
  if (!st && ferror(f)) {
    unkg_diag_set(d, path, 0, "read error: %s", strerror(errno));
    st = UNKG_ERR_IO;
  }
  if (!is_stdin) {
    fclose(f);
  }
  if (!st) {
    if (b.len == 0) {
      unkg_diag_set(d, path, 0, "empty file");
      st = UNKG_ERR_EMPTY;
    } else {
      st = unkg_source_from_bytes(path, b.data, b.len, out, d);
    }
  }
  unkg_buf_clear(&b);
  return st;
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
