/* Stage 3, segment: normalised blocks -> document structure.  Detects the
 * genre and language, then reads the parts the genre has (cover, preamble,
 * operative paragraphs, items, footnotes, closing, annexes). */
#ifndef UNKG_SEGMENT_H
#define UNKG_SEGMENT_H

#include "doc.h"
#include "lexicon.h"
#include "normalise.h"
#include "read.h"
#include "text.h" /* for akn.c until it includes it itself */

/* warn (may be NULL) receives what is odd but not fatal, such as a reply
 * from a state the reference data does not know. */
UnkgStatus unkg_segment(const UnkgSource* src, const UnkgText* text,
                        const UnkgLexicon* lex, UnkgWarnFn warn, void* warn_ctx,
                        UnkgDoc** out, UnkgDiag* d);

#endif
