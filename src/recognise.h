/* Stage 4, recognise: inside each part, the lead verb (with its also /
 * further / again modifier) and every citation of a resolution or a
 * document symbol. */
#ifndef UNKG_RECOGNISE_H
#define UNKG_RECOGNISE_H

#include "doc.h"
#include "lexicon.h"

/* Names that look like organizations or instruments but are not in the
 * reference data are warned about (through c), so that it can grow. */
UnkgStatus unkg_recognise(const UnkgCtx* c, UnkgDoc* doc);

/* The citations in one text, appended to part (exposed for tests).  lex
 * gives the series of resolutions cited by number (an organ's
 * unkg:resolutionSeries); with lex NULL none is recognised. */
UnkgStatus unkg_recognise_citations(UnkgPart* part, const UnkgLexicon* lex, const char* text);
/* Every mention of a state, organization or instrument in part->text,
 * longest match first.  *context is the last instrument named (for the
 * generic "公约" when its antecedent is clear); it may be updated. */
UnkgStatus unkg_recognise_mentions(UnkgPart* part, const UnkgLexicon* lex,
                                   const UnkgEntity** context);

/* Reports: the resolution and paragraph answered, note-verbale and cut-off
 * dates (from the introduction), who asks each question, and which question
 * each reply heading answers (answers.c).  unkg_recognise calls it. */
UnkgStatus unkg_recognise_report(const UnkgCtx* c, UnkgDoc* doc);

#endif
