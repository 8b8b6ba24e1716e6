#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static UnkgStatus
reserve(UnkgBuf* b, size_t extra)
{
  if (b->len + extra + 1 <= b->cap) {
    return UNKG_OK;
  }
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + extra + 1) {
    cap *= 2;
  }
  char* d = realloc(b->data, cap);
  if (!d) {
    return UNKG_ERR_NOMEM;
  }
  b->data = d;
  b->cap  = cap;
  return UNKG_OK;
}

UnkgStatus
unkg_buf_reserve(UnkgBuf* b, size_t n)
{
  return reserve(b, n);
}

UnkgStatus
unkg_buf_append(UnkgBuf* b, const char* s, size_t n)
{
  UnkgStatus st = reserve(b, n);
  if (st) {
    return st;
  }
  if (n) {
    memcpy(b->data + b->len, s, n);
  }
  b->len += n;
  b->data[b->len] = '\0';
  return UNKG_OK;
}

UnkgStatus
unkg_buf_puts(UnkgBuf* b, const char* s)
{
  return unkg_buf_append(b, s, strlen(s));
}

UnkgStatus
unkg_buf_printf(UnkgBuf* b, const char* fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) {
    return UNKG_ERR_USAGE;
  }
  UnkgStatus st = reserve(b, (size_t)n);
  if (st) {
    return st;
  }
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
  return UNKG_OK;
}

UnkgStatus
unkg_buf_put_cp(UnkgBuf* b, uint32_t cp)
{
  char   tmp[4];
  size_t n = unkg_utf8_encode(cp, tmp);
  return unkg_buf_append(b, tmp, n);
}

char*
unkg_buf_take(UnkgBuf* b)
{
  char* d = b->data;
  if (!d) {
    d = calloc(1, 1);
  }
  b->data = NULL;
  b->len = b->cap = 0;
  return d;
}

void
unkg_buf_clear(UnkgBuf* b)
{
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

size_t
unkg_utf8_decode(const unsigned char* s, size_t n, uint32_t* cp)
{
  if (n == 0) {
    return 0;
  }
  unsigned char c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t   len;
  uint32_t v;
  uint32_t min;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    v   = c & 0x1F;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    v   = c & 0x0F;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    v   = c & 0x07;
    min = 0x10000;
  } else {
    return 0;
  }
  if (n < len) {
    return 0;
  }
  for (size_t i = 1; i < len; ++i) {
    if ((s[i] & 0xC0) != 0x80) {
      return 0;
    }
    v = (v << 6) | (s[i] & 0x3F);
  }
  /* Overlong forms, surrogates and out-of-range values are not UTF-8. */
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
    return 0;
  }
  *cp = v;
  return len;
}

size_t
unkg_utf8_step(char lead)
{
  unsigned char u = (unsigned char)lead;
  return u < 0xC0 ? 1 : u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4;
}

size_t
unkg_utf8_encode(uint32_t cp, char out[4])
{
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

bool
unkg_cp_is_cjk(uint32_t cp)
{
  return (cp >= 0x2E80 && cp <= 0x9FFF)       /* radicals, CJK symbols, kana, Han */
         || (cp >= 0xF900 && cp <= 0xFAFF)    /* compatibility ideographs */
         || (cp >= 0xFE30 && cp <= 0xFE4F)    /* CJK compatibility forms */
         || (cp >= 0xFF00 && cp <= 0xFFEF)    /* full-width forms */
         || (cp >= 0x20000 && cp <= 0x3FFFF); /* Han extensions */
}

char*
unkg_strndup(const char* s, size_t n)
{
  char* d = malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

char*
unkg_strdup(const char* s)
{
  return s ? unkg_strndup(s, strlen(s)) : NULL;
}

/* The last n < 8 bytes of s[0, n) as memcpy puts them into a zeroed
 * word.  Little-endian: from loads that stay inside s, overlapping where n
 * is not a power of two, in place of a byte loop into memory read back as
 * a word (a stalled load: this runs for every term added to a graph). */
static inline uint64_t
tail_word(const char* s, size_t n, size_t all)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint64_t w;
  if (all >= 8) {
    /* The eight bytes ending where s does, the earlier ones shifted out. */
    memcpy(&w, s + n - 8, 8);
    return n ? w >> (8 * (8 - n)) : 0;
  }
  if (n >= 4) {
    uint32_t lo, hi;
    memcpy(&lo, s, 4);
    memcpy(&hi, s + n - 4, 4);
    return lo | (uint64_t)hi << (8 * (n - 4));
  }
  if (n >= 2) {
    uint16_t lo, hi;
    memcpy(&lo, s, 2);
    memcpy(&hi, s + n - 2, 2);
    return lo | (uint64_t)hi << (8 * (n - 2));
  }
  return n ? (unsigned char)s[0] : 0;
#else
  uint64_t w = 0;
  (void)all;
  memcpy(&w, s, n);
  return w;
#endif
}

uint64_t
unkg_hash_fast(const void* data, size_t n)
{
  const char*  s   = data;
  const size_t all = n;
  uint64_t     h   = 0x9E3779B97F4A7C15u ^ n;
  for (; n >= 8; s += 8, n -= 8) {
    uint64_t w;
    memcpy(&w, s, 8);
    h = (h ^ w) * 0xBF58476D1CE4E5B9u;
    h ^= h >> 31;
  }
  h = (h ^ tail_word(s, n, all)) * 0x94D049BB133111EBu;
  return h ^ (h >> 29);
}

size_t
unkg_format_long(char out[static 21], long v)
{
  unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
  char          digits[20];
  size_t        n = 0, k = 0;
  do {
    digits[n++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0) {
    out[k++] = '-';
  }
  while (n) {
    out[k++] = digits[--n];
  }
  out[k] = '\0';
  return k;
}
