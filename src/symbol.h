/* UN document symbols: scanning a text for document symbols ("A/75/L.5",
 * with the addenda listed after one: "A/70/174 and Add.1") and for
 * resolutions cited by number ("第53/70号、第54/49号决议", "安理会第1373
 * (2001)号决议", with the dates stated beside them).  String grammar only,
 * no reference data, so that it sits below the readers, which look for a
 * cover's symbol with it, and the recognise stage, which cites with it. */
#ifndef UNKG_SYMBOL_H
#define UNKG_SYMBOL_H

#include "doc.h"
#include "unkg.h"

/* Appends to out the citations in text: first the resolutions cited by
 * number, then the document symbols, each in text order, one citation per
 * symbol (unkg_part_add_cite); pos is a byte position in text.  out is any
 * part: a scratch one ({0}) whose cites the caller frees will do. */
UnkgStatus unkg_symbols_scan(const char* text, UnkgPart* out);

#endif
