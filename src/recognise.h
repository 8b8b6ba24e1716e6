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

/* The lead verbs of one expression of a work by part path (the reference
 * expression, recognised first), for reading the others: the languages do
 * not translate verb for verb, and a form that stands for two verbs (Arabic
 * تؤكد, stress and affirm) is told apart by the aligned paragraph. */
typedef struct {
  char*             path;     /* owned */
  const UnkgEntity* verb;     /* the lexicon's */
  const UnkgEntity* modifier; /* the lexicon's, may be NULL */
} UnkgLeadHint;
typedef struct {
  UnkgLeadHint* v; /* sorted by path, one per path */
  size_t        n;
} UnkgLeadHints;

/* The lead verbs of a recognised doc's parts.  Clear *out when done. */
UnkgStatus unkg_lead_hints(const UnkgDoc* doc, UnkgLeadHints* out);
void       unkg_lead_hints_clear(UnkgLeadHints* h);
/* unkg_recognise, with the lead verbs of the reference expression (hints
 * may be NULL: then exactly unkg_recognise).  A part whose lead verb form
 * is an unkg:alsoForm of the verb its path has in hints takes that verb.
 * Where one of the two says the statement is made again with its verb
 * (reiterate) and the other with its modifier (X again: unkg:saysAgain),
 * the part takes the hint's verb and modifier.  Nothing else changes. */
UnkgStatus unkg_recognise_hinted(const UnkgCtx* c, UnkgDoc* doc, const UnkgLeadHints* hints);

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
