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

/* How far a lead phrase printed in bold runs past its verb at text[0,
 * len) in Chinese: a second verb joined on (欢迎并鼓励, 支持和鼓励) and
 * 的是 (深为关切的是).  The verb stays the first one's.  (Bold that runs
 * on into the object, 重申支持, is the markup's choice, not a rule: the
 * Akoma Ntoso reader's leads of Chinese are read with this too.) */
size_t unkg_lead_extent(const UnkgLexicon* lex, const char* text, size_t len);

#endif
