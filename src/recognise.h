/* Stage 4, recognise: inside each part, the lead verb (with its also /
 * further / again modifier) and every citation of a resolution or a
 * document symbol. */
#ifndef UNKG_RECOGNISE_H
#define UNKG_RECOGNISE_H

#include "doc.h"
#include "lexicon.h"

UnkgStatus unkg_recognise(UnkgDoc* doc, const UnkgLexicon* lex);

/* The citations in one text, appended to part (exposed for tests). */
UnkgStatus unkg_recognise_citations(UnkgPart* part, const char* text);
/* The lead verb at the start of text; *len is the lead phrase length. */
const UnkgEntity* unkg_recognise_lead(const UnkgLexicon* lex, const char* text,
                                      const UnkgEntity** modifier, size_t* len);

#endif
