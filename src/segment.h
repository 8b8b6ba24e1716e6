/* Stage 3, segment: normalised blocks -> document structure.  Detects the
 * genre and language, then reads the parts the genre has (cover, preamble,
 * operative paragraphs, items, footnotes, closing, annexes). */
#ifndef UNKG_SEGMENT_H
#define UNKG_SEGMENT_H

#include "doc.h"
#include "lexicon.h"
#include "normalise.h"
#include "read.h"

/* What is odd but not fatal, such as a reply from a state the reference
 * data does not know, is warned about through c; what is fatal is an error
 * there too, and *out is NULL. */
UnkgStatus unkg_segment(const UnkgCtx* c, const UnkgSource* src, const UnkgText* text, UnkgDoc** out);

#endif
