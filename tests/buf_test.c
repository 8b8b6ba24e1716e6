/* The growable byte string and the UTF-8 primitives. */
#include "buf.h"
#include "testutil.h"

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t
decode(const char* s, size_t n, uint32_t* cp)
{
  return unkg_utf8_decode((const unsigned char*)s, n, cp);
}

START_TEST(clear_and_take_of_an_empty_buffer)
{
  UnkgBuf b = {0};
  unkg_buf_clear(&b); /* nothing allocated: a no-op */
  unkg_buf_clear(&b);
  ck_assert_ptr_null(b.data);
  /* take always hands over a string, even when nothing was appended */
  char* s = unkg_buf_take(&b);
  ck_assert_ptr_nonnull(s);
  ck_assert_str_eq(s, "");
  free(s);
  ck_assert_ptr_null(b.data);
  ck_assert_uint_eq(b.len, 0);
  ck_assert_uint_eq(b.cap, 0);
}
END_TEST

START_TEST(append_grows_and_keeps_the_bytes)
{
  UnkgBuf b = {0};
  /* An empty append still gives a NUL-terminated string. */
  ck_assert_int_eq(unkg_buf_append(&b, "", 0), UNKG_OK);
  ck_assert_ptr_nonnull(b.data);
  ck_assert_str_eq(b.data, "");
  size_t first_cap = b.cap;
  ck_assert_uint_gt(first_cap, 0);
  /* 1000 single bytes force several reallocations past the first block. */
  for (int i = 0; i < 1000; ++i) {
    char c = (char)('a' + i % 26);
    ck_assert_int_eq(unkg_buf_append(&b, &c, 1), UNKG_OK);
    ck_assert_uint_eq(b.len, (size_t)i + 1);
    ck_assert_uint_gt(b.cap, b.len);
    ck_assert_int_eq(b.data[b.len], '\0');
  }
  ck_assert_uint_gt(b.cap, first_cap);
  for (int i = 0; i < 1000; ++i) {
    ck_assert_int_eq(b.data[i], 'a' + i % 26);
  }
  ck_assert_uint_eq(strlen(b.data), 1000);
  /* One append much larger than the capacity. */
  char big[5000];
  memset(big, 'x', sizeof big);
  ck_assert_int_eq(unkg_buf_append(&b, big, sizeof big), UNKG_OK);
  ck_assert_uint_eq(b.len, 6000);
  ck_assert_uint_ge(b.cap, 6001);
  ck_assert_int_eq(b.data[999], 'a' + 999 % 26);
  ck_assert_int_eq(b.data[5999], 'x');
  ck_assert_int_eq(b.data[6000], '\0');
  /* Embedded NUL bytes are data, not terminators. */
  b.len = 0;
  ck_assert_int_eq(unkg_buf_append(&b, "a\0b", 3), UNKG_OK);
  ck_assert_uint_eq(b.len, 3);
  ck_assert_int_eq(memcmp(b.data, "a\0b", 4), 0);
  unkg_buf_clear(&b);
  ck_assert_ptr_null(b.data);
  ck_assert_uint_eq(b.len, 0);
  ck_assert_uint_eq(b.cap, 0);
}
END_TEST

START_TEST(puts_printf_put_cp_and_take)
{
  UnkgBuf b = {0};
  ck_assert_int_eq(unkg_buf_puts(&b, "A/RES/"), UNKG_OK);
  ck_assert_int_eq(unkg_buf_printf(&b, "%d/%s", 71, "28"), UNKG_OK);
  ck_assert_str_eq(b.data, "A/RES/71/28");
  ck_assert_uint_eq(b.len, 11);
  ck_assert_int_eq(unkg_buf_put_cp(&b, 0x4E2D), UNKG_OK);  /* 中: 3 bytes */
  ck_assert_int_eq(unkg_buf_put_cp(&b, 0x1F600), UNKG_OK); /* 4 bytes */
  ck_assert_int_eq(unkg_buf_put_cp(&b, 'z'), UNKG_OK);
  ck_assert_str_eq(b.data, "A/RES/71/28\xE4\xB8\xAD\xF0\x9F\x98\x80z");
  ck_assert_uint_eq(b.len, 11 + 3 + 4 + 1);
  /* printf output longer than the capacity makes the buffer grow. */
  char long_arg[3001];
  memset(long_arg, 'q', 3000);
  long_arg[3000] = '\0';
  ck_assert_int_eq(unkg_buf_printf(&b, "<%s>", long_arg), UNKG_OK);
  ck_assert_uint_eq(b.len, 19 + 3002);
  ck_assert_uint_eq(strlen(b.data), b.len);
  ck_assert_int_eq(b.data[19], '<');
  ck_assert_int_eq(b.data[b.len - 1], '>');
  char* s = unkg_buf_take(&b);
  ck_assert_ptr_null(b.data);
  ck_assert_uint_eq(b.len, 0);
  ck_assert_uint_eq(b.cap, 0);
  ck_assert_int_eq(strncmp(s, "A/RES/71/28", 11), 0);
  ck_assert_uint_eq(strlen(s), 19 + 3002);
  free(s);
  /* The emptied buffer is usable again. */
  ck_assert_int_eq(unkg_buf_puts(&b, "again"), UNKG_OK);
  ck_assert_str_eq(b.data, "again");
  unkg_buf_clear(&b);
}
END_TEST

START_TEST(decode_well_formed)
{
  uint32_t cp = 0;
  ck_assert_uint_eq(decode("A", 1, &cp), 1);
  ck_assert_uint_eq(cp, 'A');
  ck_assert_uint_eq(decode("\xC3\xA9", 2, &cp), 2);
  ck_assert_uint_eq(cp, 0xE9);
  ck_assert_uint_eq(decode("\xE4\xB8\xAD", 3, &cp), 3);
  ck_assert_uint_eq(cp, 0x4E2D);
  ck_assert_uint_eq(decode("\xF0\x9F\x98\x80", 4, &cp), 4);
  ck_assert_uint_eq(cp, 0x1F600);
  /* Only the first code point counts; more bytes may follow. */
  ck_assert_uint_eq(decode("\xE4\xB8\xAD\xE6\x96\x87", 6, &cp), 3);
  ck_assert_uint_eq(cp, 0x4E2D);
  /* The edges of each length and around the surrogates. */
  ck_assert_uint_eq(decode("\x7F", 1, &cp), 1);
  ck_assert_uint_eq(cp, 0x7F);
  ck_assert_uint_eq(decode("\xC2\x80", 2, &cp), 2);
  ck_assert_uint_eq(cp, 0x80);
  ck_assert_uint_eq(decode("\xDF\xBF", 2, &cp), 2);
  ck_assert_uint_eq(cp, 0x7FF);
  ck_assert_uint_eq(decode("\xE0\xA0\x80", 3, &cp), 3);
  ck_assert_uint_eq(cp, 0x800);
  ck_assert_uint_eq(decode("\xED\x9F\xBF", 3, &cp), 3);
  ck_assert_uint_eq(cp, 0xD7FF);
  ck_assert_uint_eq(decode("\xEE\x80\x80", 3, &cp), 3);
  ck_assert_uint_eq(cp, 0xE000);
  ck_assert_uint_eq(decode("\xEF\xBF\xBF", 3, &cp), 3);
  ck_assert_uint_eq(cp, 0xFFFF);
  ck_assert_uint_eq(decode("\xF0\x90\x80\x80", 4, &cp), 4);
  ck_assert_uint_eq(cp, 0x10000);
  ck_assert_uint_eq(decode("\xF4\x8F\xBF\xBF", 4, &cp), 4);
  ck_assert_uint_eq(cp, 0x10FFFF);
}
END_TEST

START_TEST(decode_ill_formed_returns_zero)
{
  static const struct {
    const char* s;
    size_t      n;
    const char* why;
  } bad[] = {
    {"", 0, "no bytes"},
    {"\x80", 1, "lone continuation byte"},
    {"\xBF", 1, "lone continuation byte"},
    {"\xC0\x80", 2, "overlong NUL"},
    {"\xC1\xBF", 2, "overlong 0x7F"},
    {"\xE0\x80\x80", 3, "overlong NUL, 3 bytes"},
    {"\xE0\x9F\xBF", 3, "overlong 0x7FF"},
    {"\xF0\x80\x80\x80", 4, "overlong NUL, 4 bytes"},
    {"\xF0\x8F\xBF\xBF", 4, "overlong 0xFFFF"},
    {"\xED\xA0\x80", 3, "high surrogate D800"},
    {"\xED\xAF\xBF", 3, "high surrogate DBFF"},
    {"\xED\xB0\x80", 3, "low surrogate DC00"},
    {"\xED\xBF\xBF", 3, "low surrogate DFFF"},
    {"\xF4\x90\x80\x80", 4, "above U+10FFFF"},
    {"\xF5\x80\x80\x80", 4, "lead byte F5"},
    {"\xF8\x88\x80\x80\x80", 5, "5-byte form"},
    {"\xFE", 1, "byte FE"},
    {"\xFF", 1, "byte FF"},
    {"\xC3", 1, "truncated 2-byte"},
    {"\xE4\xB8", 2, "truncated 3-byte"},
    {"\xF0\x9F\x98", 3, "truncated 4-byte"},
    {"\xE4\xB8\xAD", 2, "n shorter than the sequence"},
    {"\xC3\x28", 2, "continuation missing"},
    {"\xE4\x41\xAD", 3, "second byte not a continuation"},
    {"\xE4\xB8\x41", 3, "third byte not a continuation"},
    {"\xF0\x9F\x98\xC0", 4, "fourth byte not a continuation"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; ++i) {
    uint32_t cp = 0;
    ck_assert_msg(decode(bad[i].s, bad[i].n, &cp) == 0, "%s: decoded as U+%04X", bad[i].why,
                  (unsigned)cp);
  }
}
END_TEST

START_TEST(encode_decode_round_trip_every_code_point)
{
  /* Checked in plain C and asserted once: a Check assertion per code point
   * costs minutes under valgrind. */
  bool     failed  = false;
  uint32_t bad     = 0;
  size_t   checked = 0;
  for (uint32_t cp = 0; cp <= 0x10FFFF && !failed; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      continue;
    }
    char     out[4];
    size_t   n    = unkg_utf8_encode(cp, out);
    size_t   want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    uint32_t back = 0xFFFFFFFF;
    if (n != want || decode(out, n, &back) != n || back != cp) {
      failed = true;
      bad    = cp;
    }
    ++checked;
  }
  ck_assert_msg(!failed, "U+%04X does not round-trip", (unsigned)bad);
  ck_assert_uint_eq(checked, 0x110000 - 0x800);
}
END_TEST

START_TEST(cjk_and_width)
{
  ck_assert(unkg_cp_is_cjk(0x4E2D));  /* 中 */
  ck_assert(unkg_cp_is_cjk(0x3002));  /* 。 */
  ck_assert(unkg_cp_is_cjk(0xFF0C));  /* ， full width */
  ck_assert(unkg_cp_is_cjk(0x20000)); /* extension B */
  ck_assert(!unkg_cp_is_cjk('A'));
  ck_assert(!unkg_cp_is_cjk(0x2E7F));
  ck_assert(!unkg_cp_is_cjk(0xAC00)); /* Hangul is not Chinese text */
  ck_assert(!unkg_cp_is_cjk(0x40000));
  ck_assert_int_eq(unkg_cp_width('A'), 1);
  ck_assert_int_eq(unkg_cp_width(0xE9), 1);
  ck_assert_int_eq(unkg_cp_width(0x4E2D), 2);
  ck_assert_int_eq(unkg_cp_width(0xAC00), 2);
  ck_assert_int_eq(unkg_cp_width(0xFF01), 2); /* ！ full width */
  ck_assert_int_eq(unkg_cp_width(0xFF61), 1); /* ｡ half width */
  ck_assert_int_eq(unkg_cp_width(0x3FFFD), 2);
  ck_assert_int_eq(unkg_cp_width(0x3FFFE), 1);
}
END_TEST

START_TEST(strdup_and_strndup)
{
  ck_assert_ptr_null(unkg_strdup(NULL));
  char* s = unkg_strdup("联合国");
  ck_assert_str_eq(s, "联合国");
  free(s);
  s = unkg_strndup("abcdef", 3);
  ck_assert_str_eq(s, "abc");
  free(s);
  /* strndup copies exactly n bytes, NULs included (read relies on it). */
  s = unkg_strndup("a\0bc", 4);
  ck_assert_int_eq(memcmp(s, "a\0bc", 5), 0);
  free(s);
  s = unkg_strndup("xyz", 0);
  ck_assert_str_eq(s, "");
  free(s);
}
END_TEST

START_TEST(format_long_as_printf)
{
  const long v[] = {0, 1, -1, 9, 10, -10, 99, 100, 123456789, -987654321, LONG_MAX, LONG_MIN,
                    LONG_MAX - 1, LONG_MIN + 1};
  for (size_t i = 0; i < sizeof v / sizeof *v; ++i) {
    char got[21], want[32];
    ck_assert_uint_eq(unkg_format_long(got, v[i]), (size_t)snprintf(want, sizeof want, "%ld", v[i]));
    ck_assert_str_eq(got, want);
  }
}
END_TEST

/* unkg_hash_fast as it was written first, the tail copied into a zeroed
 * word: the loads that replace the copy must give the same values. */
static uint64_t
hash_by_copy(const char* s, size_t n)
{
  uint64_t h = 0x9E3779B97F4A7C15u ^ n;
  for (; n >= 8; s += 8, n -= 8) {
    uint64_t w;
    memcpy(&w, s, 8);
    h = (h ^ w) * 0xBF58476D1CE4E5B9u;
    h ^= h >> 31;
  }
  uint64_t w = 0;
  memcpy(&w, s, n);
  h = (h ^ w) * 0x94D049BB133111EBu;
  return h ^ (h >> 29);
}

START_TEST(hash_fast_as_by_copy)
{
  /* Every length to 40, each string in a block of its own size (the
   * sanitizers see a read past its end), bytes of every value. */
  unsigned seed = 7;
  for (size_t n = 0; n <= 40; ++n) {
    for (int round = 0; round < 16; ++round) {
      char* s = malloc(n ? n : 1);
      ck_assert_ptr_nonnull(s);
      for (size_t i = 0; i < n; ++i) {
        seed = seed * 1103515245u + 12345u;
        s[i] = (char)(round == 0 ? 0xFF : round == 1 ? 0 : (seed >> 16) & 0xFF);
      }
      ck_assert_uint_eq(unkg_hash_fast(s, n), hash_by_copy(s, n));
      free(s);
    }
  }
  /* Two strings that differ in the last byte of a short tail differ. */
  ck_assert_uint_ne(unkg_hash_fast("abcdefghij", 10), unkg_hash_fast("abcdefghik", 10));
  ck_assert_uint_ne(unkg_hash_fast("abc", 3), unkg_hash_fast("abd", 3));
}
END_TEST

static Suite*
buf_suite(void)
{
  Suite* s  = suite_create("buf");
  TCase* tc = tcase_create("buf");
  tcase_add_test(tc, clear_and_take_of_an_empty_buffer);
  tcase_add_test(tc, append_grows_and_keeps_the_bytes);
  tcase_add_test(tc, puts_printf_put_cp_and_take);
  tcase_add_test(tc, strdup_and_strndup);
  tcase_add_test(tc, format_long_as_printf);
  tcase_add_test(tc, hash_fast_as_by_copy);
  suite_add_tcase(s, tc);
  TCase* utf8 = tcase_create("utf8");
  tcase_add_test(utf8, decode_well_formed);
  tcase_add_test(utf8, decode_ill_formed_returns_zero);
  tcase_add_test(utf8, encode_decode_round_trip_every_code_point);
  tcase_add_test(utf8, cjk_and_width);
  suite_add_tcase(s, utf8);
  return s;
}

int
main(void)
{
  return tu_run(buf_suite());
}
