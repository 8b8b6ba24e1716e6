/* Text primitives every stage shares, below normalise and the lexicon:
 * prefix tests, numerals and dates as UN Chinese texts write them, the
 * classes of characters that decide sentence ends and folding, and the
 * script a text is written in, and a hash map from strings to indices
 * (the one thing here that allocates). */
#ifndef UNKG_TEXT_H
#define UNKG_TEXT_H

#include "unkg.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Does s (NUL-terminated) start with prefix? */
int unkg_starts_with(const char* s, const char* prefix);

/* Up to 9 ASCII digits at s (n bytes available) -> *value; returns the
 * number of digits read (0: none, *value is 0). */
size_t unkg_parse_digits(const char* s, size_t n, int* value);
/* Chinese or Arabic numeral ("七十一", "71") -> value; returns bytes read. */
size_t unkg_parse_zh_number(const char* s, size_t n, int* value);
/* A section's numeral at s (n bytes): upper-case Roman ("IV", not a lone
 * "C" or "L", which are a subsection's letters) or Chinese ("二", "十四"),
 * never ASCII digits; returns its length in bytes, 0 if none. */
size_t unkg_parse_section_numeral(const char* s, size_t n);
/* "2016年12月5日" at s -> "2016-12-05" in out[11]; returns bytes read or 0. */
size_t unkg_parse_zh_date(const char* s, size_t n, char out[11]);

/* Blanks of every width, the BOM and zero-width space included. */
bool unkg_cp_is_space(uint32_t cp);
/* ⁰ … ⁹ -> 0 … 9; -1 for any other code point. */
int unkg_cp_superscript_digit(uint32_t cp);
/* Full-width digits, Latin letters and the punctuation of symbols
 * ("／", "（") -> their ASCII forms; anything else unchanged. */
uint32_t unkg_cp_fold_width(uint32_t cp);

/* True if the text ends a sentence or clause (。；：.;:!? etc., looking
 * past closing quotes, brackets, blanks and footnote markers). */
int unkg_text_is_terminal(const char* text, size_t len);

/* Letters counted by script, over as many strings as a document has. */
typedef struct {
  size_t han, latin, cyrillic, arabic;
  size_t words[3]; /* frequent words only English, French, Spanish use */
} UnkgScriptCount;

void unkg_script_count(UnkgScriptCount* c, const char* s, size_t n);
/* The language the script settles: "zh", "ru", "ar"; "" for Latin script
 * (en, fr, es: the script cannot tell them apart); NULL for no letters. */
const char* unkg_script_language(const UnkgScriptCount* c);
/* For Latin script: "en", "fr" or "es", whichever language's own frequent
 * words ("the", "les", "los" ...) the text uses most; "" if none. */
const char* unkg_script_latin(const UnkgScriptCount* c);

/* 64-bit FNV-1a of s[0, n): a stable hash (file names, duplicate checks). */
uint64_t unkg_hash64(const char* s, size_t n);

/* Strings (copied) to size_t values, for the duplicate checks that must stay
 * linear in the number of paragraphs, notes and documents.  Zero-initialise;
 * unkg_strmap_clear frees.  The keys are copied one after another into one
 * pool, and a slot holds its key's offset there, plus one (0: empty): a
 * document's 40,000 note markers and paths would otherwise each be a
 * block of the heap (32 bytes for "fn/12345") beside an 8-byte pointer. */
typedef struct {
  uint32_t* at;
  size_t*   values;
  char*     pool;
  size_t    pool_len, pool_cap;
  size_t    cap, n;
} UnkgStrMap;

/* The value of key, NULL if absent.  The pointer is good until the next put. */
size_t* unkg_strmap_get(const UnkgStrMap* m, const char* key);
/* Adds key with value unless present; *slot (optional) receives the value
 * in the map, the old one if key was there. */
UnkgStatus unkg_strmap_put(UnkgStrMap* m, const char* key, size_t value, size_t** slot);
void       unkg_strmap_clear(UnkgStrMap* m);

#endif
