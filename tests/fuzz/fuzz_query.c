/* libFuzzer: bytes as a SPARQL query through unkg query's front end, in
 * process: the check that reads the query before Rasqal
 * (unkg_query_check: tokenizer, refused shapes, DESCRIBE and DISTINCT
 * rewrites), then, for a query it lets through, Rasqal's parse, prepare and
 * a run over an empty store, as `unkg query` does in its child process.
 * The check is what keeps Rasqal from crashing: a crash in Rasqal on a
 * query the check let through is a shape it must refuse.  Each input also
 * goes through the checks and rewrites of the text sent to Virtuoso. */
#include "query.h"
#include "store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The check's own bound (GUARD_MAX_QUERY) and the for fuzzing. */
#define FUZZ_MAX_LEN ((size_t)1 << 20)

static UnkgStore* fuzz_store;
static FILE*      fuzz_out;

static void
fuzz_quiet(void* data, const UnkgMessage* m)
{
  (void)data;
  (void)m;
}

int LLVMFuzzerInitialize(int* argc, char*** argv);
int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int
LLVMFuzzerInitialize(int* argc, char*** argv)
{
  (void)argc;
  (void)argv;
  const UnkgCtx c = {NULL, fuzz_quiet, NULL, "fuzz.rq"};
  fuzz_out        = fopen("/dev/null", "w");
  if (!fuzz_out || unkg_store_open_for_query(&c, NULL, &fuzz_store)) {
    abort(); /* nothing would be reached */
  }
  return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  if (size > FUZZ_MAX_LEN) {
    return 0;
  }
  /* A query is text up to its first NUL, as read from a file or -e. */
  char* q = malloc(size + 1);
  if (!q) {
    return 0;
  }
  memcpy(q, data, size);
  q[size]                    = '\0';
  const UnkgCtx          c   = {NULL, fuzz_quiet, NULL, "fuzz.rq"};
  const UnkgQueryOptions opt = {false, 10, NULL, NULL};
  char*                  run = NULL;
  if (!unkg_query_check(&c, q, "fuzz.rq", &opt, &run)) {
    /* Checks the query again, then parses and runs it. */
    unkg_store_query(&c, fuzz_store, q, "fuzz.rq", UNKG_QFMT_TSV, &opt, fuzz_out);
  }
  free(run);
  /* The text sent over Virtuoso: its own checks and rewrites (no server
   * here; what Virtuoso does with the text is its own). */
  char* sent = NULL;
  unkg_query_virtuoso_text(&c, q, "fuzz.rq", &opt, &sent);
  free(sent);
  free(q);
  return 0;
}
