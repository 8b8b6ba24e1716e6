/* What the libFuzzer harnesses share: the reference data, loaded once, and
 * the pipeline of one input after its reader, as `unkg export` runs it
 * (without the files): recognition, the graph, the output name and the
 * writers' character check.  Messages are dropped; a crash, a sanitizer
 * report or a timeout is a finding. */
#ifndef UNKG_FUZZ_COMMON_H
#define UNKG_FUZZ_COMMON_H

#include "commit.h"
#include "doc.h"
#include "graph.h"
#include "lexicon.h"
#include "read.h"
#include "recognise.h"
#include "serialize.h"
#include "vocab.h"

#include <stdint.h>
#include <stdlib.h>

/* Inputs past this are skipped: the bound for fuzzing. */
#define FUZZ_MAX_LEN ((size_t)1 << 20)

static UnkgLexicon* fuzz_lex;

static void
fuzz_quiet(void* data, const UnkgMessage* m)
{
  (void)data;
  (void)m;
}

int LLVMFuzzerInitialize(int* argc, char*** argv);

int
LLVMFuzzerInitialize(int* argc, char*** argv)
{
  (void)argc;
  (void)argv;
  const char*   dir = getenv("UNKG_DATA_DIR");
  const UnkgCtx c   = {NULL, fuzz_quiet, NULL, "data"};
  fuzz_lex          = unkg_lexicon_new();
  if (!fuzz_lex || unkg_lexicon_load_dir(&c, fuzz_lex, dir && *dir ? dir : FUZZ_DATA_DIR)) {
    abort(); /* no reference data: nothing would be reached */
  }
  return 0;
}

/* A document read: everything after the reader. */
static void
fuzz_after_reader(const UnkgCtx* c, UnkgDoc* doc)
{
  UnkgGraph* g = NULL;
  if (!unkg_recognise(c, doc) && !unkg_recognise_commitments(c, doc)
      && !unkg_build_graph(c, doc, UNKG_NS_DATA, &g)) {
    free(unkg_output_stem(g));
  }
  unkg_graph_free(g);
}

#endif
