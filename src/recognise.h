/* Stage 4, recognise: inside each part, the lead verb (with its also /
 * further / again modifier) and every citation of a resolution or a
 * document symbol. */
#ifndef UNKG_RECOGNISE_H
#define UNKG_RECOGNISE_H

#include "doc.h"
#include "lexicon.h"

/* warn (may be NULL) receives names that look like organizations or
 * instruments but are not in the reference data, so that it can grow. */
UnkgStatus unkg_recognise(UnkgDoc* doc, const UnkgLexicon* lex, UnkgWarnFn warn,
                          void* warn_ctx);

/* The citations in one text, appended to part (exposed for tests).  lex
 * gives the series of resolutions cited by number (an organ's
 * unkg:resolutionSeries); with lex NULL none is recognised. */
UnkgStatus unkg_recognise_citations(UnkgPart* part, const UnkgLexicon* lex, const char* text);
/* Every mention of a state, organization or instrument in part->text,
 * longest match first.  *context is the last instrument named (for the
 * generic "公约" when its antecedent is clear); it may be updated. */
UnkgStatus unkg_recognise_mentions(UnkgPart* part, const UnkgLexicon* lex,
                                   const UnkgEntity** context);
/* The lead verb at the start of text; *len is the lead phrase length. */
const UnkgEntity* unkg_recognise_lead(const UnkgLexicon* lex, const char* text,
                                      const UnkgEntity** modifier, size_t* len);

#endif
