/* Stage 2-3 for XML input: the UN's Akoma Ntoso (AKN4UN) files of General
 * Assembly resolutions -> the same document structure segment.h gives for
 * text, with the same part paths (pp/N, op/N, op/N/a, fn/N, annex/N/M), so
 * that a resolution read from text and from XML is one work, and the six
 * language files of one resolution are expressions of it whose paragraphs
 * are the same nodes.
 *
 * XML input is untrusted: it is parsed without network access, without
 * loading or honouring a DTD (a DOCTYPE is refused outright, so neither
 * external entities nor entity expansion can happen), within the size and
 * nesting limits below. */
#ifndef UNKG_AKN_H
#define UNKG_AKN_H

#include "doc.h"
#include "lexicon.h"
#include "read.h"
#include "unkg.h"

/* The 75th session's largest file is 356 KB and nests 14 elements deep:
 * these limits are far above any UN document and far below what would
 * exhaust memory or the stack. */
#define UNKG_AKN_MAX_BYTES ((size_t)32 * 1024 * 1024)
#define UNKG_AKN_MAX_DEPTH 64

/* Is src XML rather than text extracted from PDF?  Decided by content (the
 * first character after an optional BOM and blanks is '<'), never by the
 * file name. */
int unkg_akn_detect(const UnkgSource* src);

/* Reads one Akoma Ntoso resolution.  What is odd but not fatal is warned
 * about through c: a voter or sponsor the reference data does not name, a
 * count that does not match its list, a link whose text and target differ.
 * On failure *out is NULL and c was told the file and line. */
UnkgStatus unkg_akn_read(const UnkgCtx* c, const UnkgSource* src, UnkgDoc** out);

/* BCP 47 tag (lower case) for the ISO 639-2 code FRBRlanguage gives:
 * "zho" -> "zh", "eng" -> "en"; a code without a two-letter form stays as
 * it is, lower-cased.  Returns 0 if code is not a language code. */
int unkg_akn_language(const char* code, char out[4]);

#endif
