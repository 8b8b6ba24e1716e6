/* Stage 1, read: what is accepted as text and how a refusal is reported. */
#include "read.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


static char        dir[256];
static char        path[512];
static UnkgSource* src;

static void
setup(void)
{
  const char* tmp = getenv("TMPDIR");
  snprintf(dir, sizeof dir, "%s/unkg-read-test.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  ck_assert_ptr_nonnull(mkdtemp(dir));
  src = NULL;
}

static void
teardown(void)
{
  unkg_source_free(src);
  src = NULL;
  snprintf(path, sizeof path, "%s/in.txt", dir);
  unlink(path);
  snprintf(path, sizeof path, "%s/sub", dir);
  rmdir(path);
  rmdir(dir);
}

/* Writes n bytes to <dir>/in.txt and returns that path. */
static const char*
write_input(const char* bytes, size_t n)
{
  snprintf(path, sizeof path, "%s/in.txt", dir);
  FILE* f = fopen(path, "wb");
  ck_assert_ptr_nonnull(f);
  ck_assert_uint_eq(fwrite(bytes, 1, n, f), n);
  ck_assert_int_eq(fclose(f), 0);
  return path;
}

START_TEST(free_null)
{
  unkg_source_free(NULL);
}
END_TEST

START_TEST(from_bytes_copies_and_keeps_the_bom)
{
  char       in[] = "\xEF\xBB\xBF大会，\n通过决议。\n";
  UnkgDiag   d    = {0};
  UnkgStatus st   = unkg_source_from_bytes(CTX(d), "mem.txt", in, strlen(in), &src);
  ck_assert_int_eq(st, UNKG_OK);
  ck_assert_ptr_nonnull(src);
  ck_assert_str_eq(src->name, "mem.txt");
  ck_assert_uint_eq(src->len, strlen(in));
  ck_assert_int_eq(memcmp(src->data, in, src->len), 0);
  ck_assert_int_eq(src->data[src->len], '\0');
  /* A copy: changing the input does not change the source. */
  in[3] = 'X';
  ck_assert_int_eq((unsigned char)src->data[3], 0xE5);
  ck_assert_str_eq(d.msg, "");
}
END_TEST

/* Fails with status want and returns the diagnostic. */
static UnkgDiag
refused(const char* bytes, size_t n, UnkgStatus want)
{
  static UnkgSource stale;
  UnkgDiag          d   = {0};
  UnkgSource*       out = &stale; /* a refusal must reset it to NULL */
  ck_assert_int_eq(unkg_source_from_bytes(CTX(d), "bad.txt", bytes, n, &out), want);
  ck_assert_ptr_null(out);
  ck_assert_str_eq(d.file, "bad.txt");
  return d;
}

START_TEST(invalid_utf8_names_its_line_and_offset)
{
  /* "a\nb\n" is 4 bytes: the bad byte is at offset 4, on line 3. */
  UnkgDiag d = refused("a\nb\n\xC3\x28 rest\n", 10, UNKG_ERR_ENCODING);
  ck_assert_uint_eq(d.line, 3);
  ck_assert_str_eq(d.msg, "invalid UTF-8 at byte offset 4");
  /* GB 18030 (a likely mistake for Chinese text) is refused, not guessed. */
  d = refused("\xB4\xF3\xBB\xE1", 4, UNKG_ERR_ENCODING);
  ck_assert_uint_eq(d.line, 1);
  ck_assert_str_eq(d.msg, "invalid UTF-8 at byte offset 0");
  /* So are surrogates and truncated sequences at the end. */
  d = refused("ok\n\xED\xA0\x80", 6, UNKG_ERR_ENCODING);
  ck_assert_uint_eq(d.line, 2);
  d = refused("ok\xE4\xB8", 4, UNKG_ERR_ENCODING);
  ck_assert_str_eq(d.msg, "invalid UTF-8 at byte offset 2");
}
END_TEST

START_TEST(binary_data_is_refused)
{
  UnkgDiag d = refused("ab\n\ncd\0ef", 9, UNKG_ERR_ENCODING);
  ck_assert_uint_eq(d.line, 3);
  ck_assert_str_eq(d.msg, "binary data (NUL byte at offset 6)");
  d = refused("text\x01more", 9, UNKG_ERR_ENCODING);
  ck_assert_uint_eq(d.line, 1);
  ck_assert_str_eq(d.msg, "binary data (control byte 0x01)");
  /* Tab, CR and form feed are text. */
  UnkgDiag ok = {0};
  ck_assert_int_eq(unkg_source_from_bytes(CTX(ok), "ok.txt", "a\tb\r\n\fc", 7, &src), UNKG_OK);
}
END_TEST

/* DEL, the C1 controls and the noncharacters (U+FFFE among them, which
 * XML 1.0 forbids) are refused with their place, as no export could carry
 * them; their neighbours are text. */
START_TEST(controls_and_noncharacters_are_refused)
{
  static const struct {
    const char* bytes;
    const char* msg;
  } bad[] = {
    {"ab\x7f", "U+007F at byte offset 2: a control character is not allowed in text"},
    {"ab\xc2\x85", "U+0085 at byte offset 2: a control character is not allowed in text"},
    {"ab\xc2\x9f", "U+009F at byte offset 2: a control character is not allowed in text"},
    {"ab\xef\xb7\x90", "U+FDD0 at byte offset 2: a noncharacter is not allowed in text"},
    {"ab\xef\xbf\xbe", "U+FFFE at byte offset 2: a noncharacter is not allowed in text"},
    {"ab\xef\xbf\xbf", "U+FFFF at byte offset 2: a noncharacter is not allowed in text"},
    {"ab\xf0\x9f\xbf\xbe", "U+1FFFE at byte offset 2: a noncharacter is not allowed in text"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; ++i) {
    UnkgDiag d = refused(bad[i].bytes, strlen(bad[i].bytes), UNKG_ERR_ENCODING);
    ck_assert_uint_eq(d.line, 1);
    ck_assert_uint_eq(d.column, 3);
    ck_assert_str_eq(d.msg, bad[i].msg);
  }
  UnkgDiag    ok     = {0};
  const char* fine[] = {
    "a\xc2\xa0"
    "b",
    "a\xef\xb7\x8f", "a\xef\xb7\xb0", "a\xef\xbf\xbd", "a\xf0\x9f\x98\x80"};
  for (size_t i = 0; i < sizeof fine / sizeof *fine; ++i) {
    ck_assert_int_eq(unkg_source_from_bytes(CTX(ok), "ok.txt", fine[i], strlen(fine[i]), &src),
                     UNKG_OK);
    unkg_source_free(src);
    src = NULL;
  }
}
END_TEST

/* Columns count characters through the eight-byte and three-byte fast
 * paths: after ASCII words, blanks and Han, the place is still exact. */
START_TEST(places_after_fast_paths)
{
  static const struct {
    const char* bytes;
    unsigned    line, column;
  } bad[] = {
    {"abcdefghijklmnop\x01", 1, 17},
    {"abcdefgh        ijk\x7f", 1, 20},
    {"first line\n\xe8\x81\x94\xe5\x90\x88\xe5\x9b\xbd abcdefghij \xe5\x9b\xbd\x01", 2, 17},
    {"\xe3\x80\x80\xe3\x80\x80 12345678\xe4\xb8\xad\xef\xbf\xbe", 1, 13},
    /* Runs of Han, taken at once: ended by a control, a noncharacter, a
     * cut character; after ideographic spaces (no text yet). */
    {"\xe8\x81\x94\xe5\x90\x88\xe5\x9b\xbd\xe5\xa4\xa7\xe4\xbc\x9a\x01", 1, 6},
    {"\xe8\x81\x94\xe5\x90\x88\xe5\x9b\xbd\xef\xb7\x90", 1, 4},
    {"\xe8\x81\x94\xe5\x90\x88\xe5\x9b\xbd\xe5\xa4\xa7\xe5\xa4", 1, 5},
    {"\xe3\x80\x80\xe3\x80\x80\xe8\x81\x94\xe5\x90\x88\xe5\x9b\xbd\x01", 1, 6},
    {"\xe8\x81\x94\n\xe5\x90\x88\xe5\x9b\xbd\xed\xa0\x80", 2, 3},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; ++i) {
    UnkgDiag d = refused(bad[i].bytes, strlen(bad[i].bytes), UNKG_ERR_ENCODING);
    ck_assert_uint_eq(d.line, bad[i].line);
    ck_assert_uint_eq(d.column, bad[i].column);
  }
  /* Blanks in words of eight, and the ideographic space, are no text. */
  const char* blank = "        \xe3\x80\x80        \n        ";
  refused(blank, strlen(blank), UNKG_ERR_EMPTY);
}
END_TEST

START_TEST(whitespace_only_is_empty)
{
  /* spaces, CR LF, tab, form feed, ideographic space, no-break space, BOM */
  const char* in = " \r\n\t\f\xE3\x80\x80\xC2\xA0\xEF\xBB\xBF\n";
  UnkgDiag    d  = refused(in, strlen(in), UNKG_ERR_EMPTY);
  ck_assert_uint_eq(d.line, 0);
  ck_assert_str_eq(d.msg, "empty input (no text)");
  refused("", 0, UNKG_ERR_EMPTY);
  /* One visible character is enough. */
  UnkgDiag ok = {0};
  ck_assert_int_eq(unkg_source_from_bytes(CTX(ok), "ok.txt", "\n\n。\n", 6, &src), UNKG_OK);
}
END_TEST

START_TEST(read_missing_file)
{
  snprintf(path, sizeof path, "%s/missing.txt", dir);
  UnkgDiag d = {0};
  ck_assert_int_eq(unkg_source_read(CTX(d), path, &src), UNKG_ERR_IO);
  ck_assert_ptr_null(src);
  ck_assert_str_eq(d.file, path);
  ck_assert_uint_eq(d.line, 0);
  ck_assert_str_eq(d.msg, "cannot open: No such file or directory");
}
END_TEST

START_TEST(read_directory)
{
  snprintf(path, sizeof path, "%s/sub", dir);
  ck_assert_int_eq(mkdir(path, 0700), 0);
  UnkgDiag d = {0};
  ck_assert_int_eq(unkg_source_read(CTX(d), path, &src), UNKG_ERR_IO);
  ck_assert_ptr_null(src);
  ck_assert_str_eq(d.file, path);
  ck_assert_str_eq(d.msg, "is a directory");
}
END_TEST

START_TEST(read_empty_file)
{
  const char* p = write_input("", 0);
  UnkgDiag    d = {0};
  ck_assert_int_eq(unkg_source_read(CTX(d), p, &src), UNKG_ERR_EMPTY);
  ck_assert_ptr_null(src);
  ck_assert_str_eq(d.file, p);
  ck_assert_str_eq(d.msg, "empty file");
}
END_TEST

START_TEST(read_invalid_utf8_file)
{
  const char* in = "第一行\n第二行\n第三\xE8行\n";
  const char* p  = write_input(in, strlen(in));
  UnkgDiag    d  = {0};
  ck_assert_int_eq(unkg_source_read(CTX(d), p, &src), UNKG_ERR_ENCODING);
  ck_assert_ptr_null(src);
  /* The diagnostic names the file as given and the line of the bad byte. */
  ck_assert_str_eq(d.file, p);
  ck_assert_uint_eq(d.line, 3);
  ck_assert_str_eq(d.msg, "invalid UTF-8 at byte offset 26");
}
END_TEST

START_TEST(read_corpus_file_byte_for_byte)
{
  const char* top = getenv("UNKG_TOP_SRCDIR");
  snprintf(path, sizeof path, "%s/corpus/A_RES_71_28.zh.txt", top ? top : ".");
  size_t   len;
  char*    want = tu_slurp(path, &len);
  UnkgDiag d    = {0};
  ck_assert_int_eq(unkg_source_read(CTX(d), path, &src), UNKG_OK);
  ck_assert_str_eq(src->name, path);
  ck_assert_uint_gt(len, 1000);
  ck_assert_uint_eq(src->len, len);
  ck_assert_int_eq(memcmp(src->data, want, len), 0);
  ck_assert_int_eq(src->data[len], '\0');
  free(want);
}
END_TEST

START_TEST(read_stdin)
{
  const char* p = write_input("标准输入\n", 13);
  ck_assert_ptr_nonnull(freopen(p, "rb", stdin));
  UnkgDiag d = {0};
  ck_assert_int_eq(unkg_source_read(CTX(d), "-", &src), UNKG_OK);
  ck_assert_str_eq(src->name, "-");
  ck_assert_uint_eq(src->len, 13);
  ck_assert_str_eq(src->data, "标准输入\n");
  /* stdin is not closed: it reads as empty now, and says so. */
  UnkgSource* again = NULL;
  ck_assert_int_eq(unkg_source_read(CTX(d), "-", &again), UNKG_ERR_EMPTY);
  ck_assert_ptr_null(again);
  ck_assert_str_eq(d.file, "-");
}
END_TEST

static Suite*
read_suite(void)
{
  Suite* s  = suite_create("read");
  TCase* tc = tcase_create("read");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, free_null);
  tcase_add_test(tc, from_bytes_copies_and_keeps_the_bom);
  tcase_add_test(tc, invalid_utf8_names_its_line_and_offset);
  tcase_add_test(tc, binary_data_is_refused);
  tcase_add_test(tc, controls_and_noncharacters_are_refused);
  tcase_add_test(tc, places_after_fast_paths);
  tcase_add_test(tc, whitespace_only_is_empty);
  tcase_add_test(tc, read_missing_file);
  tcase_add_test(tc, read_directory);
  tcase_add_test(tc, read_empty_file);
  tcase_add_test(tc, read_invalid_utf8_file);
  tcase_add_test(tc, read_corpus_file_byte_for_byte);
  tcase_add_test(tc, read_stdin);
  suite_add_tcase(s, tc);
  return s;
}

int
main(void)
{
  return tu_run(read_suite());
}
