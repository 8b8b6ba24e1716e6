/* Stage 2, normalise: PDF-extracted text -> clean blocks (paragraphs).
 *
 * Removes what the extraction left behind (BOM, CR, page headers and
 * footers, hard line breaks, markup, superscript footnote markers, full-width
 * digits and letters, spaces inside numbers and between Chinese and Latin
 * text) and keeps, for every byte of the result, the byte offset in the
 * source it came from, so that each fact can point back to its source. */
#ifndef UNKG_NORMALISE_H
#define UNKG_NORMALISE_H

#include "read.h"
#include "unkg.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A superscript footnote marker that stood in the text. */
typedef struct {
  char*  label; /* ASCII digits: "1" */
  size_t pos;   /* byte position in the block text it stood before */
} UnkgMark;

enum {
  UNKG_BLOCK_FOOTNOTE = 1u << 0, /* a footnote body; label holds its marker */
  UNKG_BLOCK_INDENTED = 1u << 1  /* its first line was indented */
};

typedef struct {
  char*     text; /* normalised UTF-8, NUL-terminated */
  size_t    len;
  uint32_t* map;     /* len + 1 entries: source byte offset of each byte;
                        map[len] is the end of the block in the source
                        (32 bits: inputs are far smaller, UNKG_MAX_INPUT) */
  unsigned  line;    /* source line of the first character, 1-based */
  unsigned  n_lines; /* source lines joined into this block */
  unsigned  width;   /* columns of its widest source line */
  unsigned  flags;
  char*     label; /* footnote bodies: their marker */
  UnkgMark* marks;
  size_t    n_marks;
  size_t*   joins; /* byte positions where a line from the next page was
                        joined on (the paragraph may have ended before) */
  bool*     soft;  /* per join: a line of the same page, joined after a full
                        line ending with a comma, in text that sets no blank
                        line between paragraphs (a full last line looks so) */
  bool*     brim;  /* per join: the line before reached the right margin to
                        a character, as a wrapped line does and a paragraph
                        only by chance; a line short of it ended its
                        paragraph (unless set under an indent, as items) */
  size_t    n_joins;
} UnkgBlock;

typedef struct {
  UnkgBlock* blocks;
  size_t     n_blocks;
  /* A document symbol found alone on page-header lines (the running head),
   * the most frequent one; NULL if none.  Reports without a cover page are
   * identified by it. */
  char*    running_symbol;
  unsigned page_width; /* wrap width in columns; 0 if lines are not wrapped */
} UnkgText;

/* Fails only for want of memory, which c is told. */
UnkgStatus unkg_normalise(const UnkgCtx* ctx, const UnkgSource* src, UnkgText** out);
void       unkg_text_free(UnkgText* text);

/* Normalises a short string the same way (line breaks are blanks), so that names from
 * reference data match normalised text. Caller frees *out. */
UnkgStatus unkg_normalise_string(const char* s, char** out);

#endif
