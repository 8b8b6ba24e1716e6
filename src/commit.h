/* Recognise stage, commitments: what the Assembly asks in each operative
 * paragraph and item (a request: verb, addressee, text, deadline), and
 * what each replying state says it did, does or will do (an action: type,
 * modality, time, object, amount, evidence sentence).  Rule-based over
 * Chinese; every word list it uses is reference data (ontology/
 * actions.ttl, verbs.ttl, genres.ttl), none is code: only punctuation and
 * the characters of numbers and dates are. */
#ifndef UNKG_COMMIT_H
#define UNKG_COMMIT_H

#include "doc.h"
#include "lexicon.h"

/* Runs after unkg_recognise (it needs lead verbs and mentions). */
UnkgStatus unkg_recognise_commitments(const UnkgCtx* c, UnkgDoc* doc);

#endif
