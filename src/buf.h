/* A growable byte string, and the UTF-8 primitives every stage needs. */
#ifndef UNKG_BUF_H
#define UNKG_BUF_H

#include "unkg.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
  char*  data; /* always NUL-terminated once anything was appended */
  size_t len;
  size_t cap;
} UnkgBuf;

UnkgStatus unkg_buf_append(UnkgBuf* b, const char* s, size_t n);
UnkgStatus unkg_buf_puts(UnkgBuf* b, const char* s);
UnkgStatus unkg_buf_printf(UnkgBuf* b, const char* fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 2, 3)))
#endif
  ;
UnkgStatus unkg_buf_put_cp(UnkgBuf* b, uint32_t cp);
/* Room for n more bytes (and the NUL), for a caller that writes at
 * data + len itself and then advances len. */
UnkgStatus unkg_buf_reserve(UnkgBuf* b, size_t n);
/* Hands the string to the caller (who frees it) and empties the buffer. */
char* unkg_buf_take(UnkgBuf* b);
void  unkg_buf_clear(UnkgBuf* b);

/* Decodes one code point at s (n bytes available).  Returns its length in
 * bytes, or 0 if the bytes there are not well-formed UTF-8. */
size_t unkg_utf8_decode(const unsigned char* s, size_t n, uint32_t* cp);
/* The length of the sequence a lead byte opens, for stepping through text
 * known to be UTF-8 (a stray continuation byte counts 1). */
size_t unkg_utf8_step(char lead);
size_t unkg_utf8_encode(uint32_t cp, char out[4]);

/* Han ideographs and CJK punctuation / full-width forms: the characters
 * between which Chinese text carries no spaces. */
bool unkg_cp_is_cjk(uint32_t cp);
/* Columns a code point takes in a monospaced rendering (East Asian width).
 * Inline: the normaliser asks it of every character it reads. */
static inline int
unkg_cp_width(uint32_t cp)
{
  if (cp < 0x1100) {
    return 1; /* below every wide range */
  }
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF)
      || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
      || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
      || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD)) {
    return 2;
  }
  return 1;
}

/* A hash of s[0, n) that reads eight bytes at a time, for tables and
 * cache keys: it may change between releases (unkg_hash64 may not). */
uint64_t unkg_hash_fast(const void* s, size_t n);

char* unkg_strdup(const char* s);
char* unkg_strndup(const char* s, size_t n);
/* v in decimal, as "%ld" writes it, into out (NUL-terminated); its length.
 * A builder writes thousands of numbers per document, and snprintf costs
 * about a thousand instructions each. */
size_t unkg_format_long(char out[static 21], long v);

#endif
