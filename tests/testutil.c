#include "testutil.h"

#include "buf.h"
#include "commit.h"
#include "recognise.h"
#include "segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static UnkgLexicon* lexicon;

UnkgCtx
tu_ctx(const char* file, UnkgDiag* d)
{
  const UnkgCtx c = {tu_lexicon(), unkg_diag_keep, d, file};
  return c;
}

UnkgText*
tu_normalise(const char* name, const char* s, UnkgSource** src)
{
  UnkgDiag      d = {0};
  const UnkgCtx c = tu_ctx(name, &d);
  ck_assert_int_eq(unkg_source_from_bytes(&c, name, s, strlen(s), src), UNKG_OK);
  UnkgText* t = NULL;
  ck_assert_int_eq(unkg_normalise(&c, *src, &t), UNKG_OK);
  return t;
}

static void
free_lexicon(void)
{
  unkg_lexicon_free(lexicon);
}

const UnkgLexicon*
tu_lexicon(void)
{
  if (!lexicon) {
    const char* dir = getenv("UNKG_DATA_DIR");
    UnkgDiag    d   = {0};
    lexicon         = unkg_lexicon_new();
    if (!dir || unkg_lexicon_load_dir(CTX(d), lexicon, dir)) {
      fprintf(stderr, "cannot load reference data from %s: %s\n", dir ? dir : "(unset)", d.msg);
      abort();
    }
    atexit(free_lexicon);
  }
  return lexicon;
}

UnkgDoc*
tu_read_doc(const char* name, const char* s, UnkgStatus* st, UnkgDiag* d)
{
  UnkgSource*   src = NULL;
  UnkgText*     t   = NULL;
  UnkgDoc*      doc = NULL;
  const UnkgCtx c   = tu_ctx(name, d);
  *st               = unkg_source_from_bytes(&c, name, s, strlen(s), &src);
  if (!*st) {
    *st = unkg_normalise(&c, src, &t);
  }
  if (!*st) {
    *st = unkg_segment(&c, src, t, &doc);
  }
  if (!*st) {
    *st = unkg_recognise(&c, doc);
  }
  if (!*st) {
    *st = unkg_recognise_commitments(&c, doc);
  }
  if (*st) {
    unkg_doc_free(doc);
    doc = NULL;
  }
  unkg_text_free(t);
  unkg_source_free(src);
  return doc;
}

char*
tu_slurp(const char* path, size_t* len)
{
  char full[4096];
  if (path[0] != '/') {
    const char* top = getenv("UNKG_TOP_SRCDIR");
    snprintf(full, sizeof full, "%s/%s", top ? top : ".", path);
  } else {
    snprintf(full, sizeof full, "%s", path);
  }
  FILE* f = fopen(full, "rb");
  ck_assert_msg(f != NULL, "cannot open %s", full);
  UnkgBuf b = {0};
  char    chunk[8192];
  size_t  n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    ck_assert_int_eq(unkg_buf_append(&b, chunk, n), UNKG_OK);
  }
  fclose(f);
  if (len) {
    *len = b.len;
  }
  return unkg_buf_take(&b);
}

const UnkgPart*
tu_part(const UnkgDoc* doc, const char* path)
{
  for (size_t i = 0; i < doc->n_parts; ++i) {
    if (!strcmp(doc->parts[i].path, path)) {
      return &doc->parts[i];
    }
  }
  return NULL;
}

UnkgDoc*
tu_load_doc(const char* path)
{
  char*       text = tu_slurp(path, NULL);
  const char* name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
  UnkgStatus  st;
  UnkgDiag    d   = {0};
  UnkgDoc*    doc = tu_read_doc(name, text, &st, &d);
  free(text);
  ck_assert_msg(doc != NULL, "%s: %s", path, d.msg);
  return doc;
}

const UnkgPart*
tu_part_or_fail(const UnkgDoc* doc, const char* path)
{
  const UnkgPart* p = tu_part(doc, path);
  ck_assert_msg(p != NULL, "no part %s", path);
  return p;
}

int
tu_run(Suite* s)
{
  SRunner* sr = srunner_create(s);
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

static char tmpdir[128];

const char*
tu_tmpdir_make(const char* prefix)
{
  snprintf(tmpdir, sizeof tmpdir, "/tmp/unkg-%s.XXXXXX", prefix);
  ck_assert_ptr_nonnull(mkdtemp(tmpdir));
  return tmpdir;
}

void
tu_tmpdir_remove(void)
{
  char cmd[256];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  ck_assert_int_eq(system(cmd), 0);
}

const char*
tu_tmp_path(const char* name, const char* text)
{
  static char path[4][256];
  static int  k;
  char*       p = path[k++ % 4];
  snprintf(p, sizeof path[0], "%s/%s", tmpdir, name);
  if (text) {
    FILE* f = fopen(p, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
  }
  return p;
}
