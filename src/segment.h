/* Stage 3, segment: normalised blocks -> document structure.  Detects the
 * genre and language, then reads the parts the genre has (cover, preamble,
 * operative paragraphs, items, footnotes, closing, annexes). */
#ifndef UNKG_SEGMENT_H
#define UNKG_SEGMENT_H

#include "doc.h"
#include "lexicon.h"
#include "normalise.h"
#include "read.h"

/* warn (may be NULL) receives what is odd but not fatal, such as a reply
 * from a state the reference data does not know. */
UnkgStatus unkg_segment(const UnkgSource* src, const UnkgText* text,
                        const UnkgLexicon* lex, UnkgWarnFn warn, void* warn_ctx,
                        UnkgDoc** out, UnkgDiag* d);

/* Helpers shared by the readers. */

/* Sets part p's text from block b, from byte skip on (blanks skipped), with
 * its offset map, line and footnote markers. */
UnkgStatus unkg_part_from_block(UnkgPart* p, const UnkgBlock* b, size_t skip);
/* Sets part p's path from a format. */
UnkgStatus unkg_part_path(UnkgPart* p, const char* fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 2, 3)))
#endif
  ;

/* "2016年12月5日" at s -> "2016-12-05" in out[11]; returns bytes read or 0. */
size_t unkg_parse_zh_date(const char* s, size_t n, char out[11]);
/* Chinese or Arabic numeral ("七十一", "71") -> value; returns bytes read. */
size_t unkg_parse_zh_number(const char* s, size_t n, int* value);
/* Does s (NUL-terminated) start with prefix? */
int unkg_starts_with(const char* s, const char* prefix);

#endif
