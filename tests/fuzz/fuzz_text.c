/* libFuzzer: text input through read, normalise, the resolution and report
 * readers, recognition and the graph. */
#include "fuzz_common.h"
#include "normalise.h"
#include "segment.h"

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  if (size > FUZZ_MAX_LEN) {
    return 0;
  }
  const UnkgCtx c    = {fuzz_lex, fuzz_quiet, NULL, "fuzz.txt"};
  UnkgSource*   src  = NULL;
  UnkgText*     text = NULL;
  UnkgDoc*      doc  = NULL;
  if (!unkg_source_from_bytes(&c, "fuzz.txt", (const char*)data, size, &src)
      && !unkg_normalise(&c, src, &text) && !unkg_segment(&c, src, text, &doc)) {
    fuzz_after_reader(&c, doc);
  }
  unkg_doc_free(doc);
  unkg_text_free(text);
  unkg_source_free(src);
  return 0;
}
