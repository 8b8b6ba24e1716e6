/* UN document symbols: scanning a text for document symbols ("A/75/L.5",
 * with the addenda listed after one: "A/70/174 and Add.1") and for
 * resolutions cited by number ("第53/70号、第54/49号决议", "安理会第1373
 * (2001)号决议", with the dates stated beside them).  String grammar, and
 * the series of the organ named (reference data): it sits below the
 * readers, which look for a cover's symbol with it, and the recognise
 * stage, which cites with it. */
#ifndef UNKG_SYMBOL_H
#define UNKG_SYMBOL_H

#include "doc.h"
#include "unkg.h"

#include <stdbool.h>

/* Appends to out the citations in text: first the resolutions cited by
 * number, then the document symbols, each in text order, one citation per
 * symbol (unkg_part_add_cite); pos is a byte position in text.  out is any
 * part: a scratch one ({0}) whose cites the caller frees will do. */
UnkgStatus unkg_symbols_scan(const UnkgLexicon* lex, const char* text, UnkgPart* out);

/* The document symbol a link points at (https://undocs.org/en/A/RES/44/198
 * -> A/RES/44/198), or NULL if the link is not to a UN document.  Caller
 * frees. */
char* unkg_symbol_of_href(const char* href);
/* Does symbol a start with symbol b, ignoring case and the dash a text may
 * print (U+2011, U+2013) for the hyphen of a symbol? */
bool unkg_symbol_prefix(const char* a, const char* b);

/* The canonical form of a UN symbol, as the UN prints it: one blank where
 * blanks stand, hyphens for dashes, "S/RES/2282 (2016)", "A/RES/1514 (XV)",
 * "A/RES/74/92 A-B" (part letters upper case after a blank), "Add.1",
 * "Corr.1", "Rev.1".  Caller frees; NULL for NULL or no memory. */
char* unkg_symbol_canonical(const char* s);
/* Is s, in canonical form, a symbol and nothing else (no prose after it:
 * "A/75/L.4, as orally revised" is not)? */
bool unkg_symbol_valid(const char* s);
/* Is s, in canonical form, a draft: a limited-distribution document
 * ("A/75/L.5", "A/C.1/75/L.40/Rev.1")? */
bool unkg_symbol_is_draft(const char* s);

#endif
