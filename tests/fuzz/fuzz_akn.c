/* libFuzzer: bytes as Akoma Ntoso XML through the XML reader (safe parsing,
 * body, metadata, checks), recognition and the graph. */
#include "akn.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  if (size > FUZZ_MAX_LEN) {
    return 0;
  }
  const UnkgCtx c   = {fuzz_lex, fuzz_quiet, NULL, "fuzz.xml"};
  UnkgSource*   src = NULL;
  UnkgDoc*      doc = NULL;
  if (!unkg_source_from_bytes(&c, "fuzz.xml", (const char*)data, size, &src)
      && !unkg_akn_read(&c, src, &doc)) {
    fuzz_after_reader(&c, doc);
  }
  unkg_doc_free(doc);
  unkg_source_free(src);
  return 0;
}
