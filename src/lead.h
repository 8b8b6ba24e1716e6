/* The lead phrase of a paragraph: the verb of the reference data it opens
 * with, read together with its modifiers before it ("Also requests",
 * "又回顾"), inside it ("Calls once again upon") or after it ("Recalling
 * also").  A lexicon query below both the readers (the Akoma Ntoso reader
 * takes an emphasised phrase as a lead only if it is one) and the
 * recognise stage (which resolves every part's lead with it). */
#ifndef UNKG_LEAD_H
#define UNKG_LEAD_H

#include "lexicon.h"

#include <stddef.h>

/* The lead verb at the start of text, or NULL.  *modifier receives its
 * first modifier (or NULL) and *len the length of the lead phrase in bytes,
 * modifiers included. */
const UnkgEntity* unkg_lead_match(const UnkgLexicon* lex, const char* text,
                                  const UnkgEntity** modifier, size_t* len);

#endif
