/* The language files of one resolution, aligned (issue 12, item 3).  Each
 * Akoma Ntoso file is read on its own, so its part paths (pp/N, op/N/a,
 * fn/N, annex/N/M) come from its own numbers and positions; where the
 * files of one work disagree on structure (a preambular paragraph one
 * language lacks, notes numbered from 2, annex paragraphs numbered in one
 * file only) the same paragraph would get another IRI in each language.
 * This stage, between the readers and recognise, pairs the parts of an
 * expression with those of a reference expression of the same work by
 * number and position, not by eId, and gives the paired parts the
 * reference's paths.  What cannot be paired keeps its own path (made
 * unique) and is reported; nothing is dropped.
 *
 * The scoring is bench/akn_align.py's, which stays the independent check:
 * a dynamic programme over the parts in document order that scores a pair
 * by the same path (2), else the same kind of part (1, 1.5 with the same
 * number), else 0.5 for a preambular, operative or unnumbered paragraph
 * against another of these, plus up to 3 for the numbers the two texts
 * share (Jaccard); a part left alone costs 1, a pair below 1 is not taken,
 * and pairs more than 40 parts off the diagonal are not considered. */
#ifndef UNKG_ALIGN_H
#define UNKG_ALIGN_H

#include "doc.h"
#include "unkg.h"

#include <stdbool.h>
#include <stddef.h>

/* Two documents are expressions of one work that can be aligned: both
 * read from Akoma Ntoso, resolutions, with the same symbol. */
bool unkg_align_same_work(const UnkgDoc* a, const UnkgDoc* b);

/* The reference among docs[0..n) (NULL entries skipped): the first
 * English one, else the first of the smallest language tag, so that the
 * choice depends on the set of files alone.  n when none. */
size_t unkg_align_reference(UnkgDoc* const* docs, size_t n);

typedef struct {
  size_t same;     /* parts paired with the reference's part of the same path */
  size_t renamed;  /* paired with a reference part of another path: renamed */
  size_t only_doc; /* parts of doc without a counterpart: kept, reported */
  size_t only_ref; /* parts of the reference without a counterpart in doc */
} UnkgAlignStats;

/* Renames doc's part paths (and the footnote markers its parts refer to)
 * to ref's where the parts pair, ref being the file ref_name.  A warning
 * through c when a part of either could not be paired; with verbose, a
 * line per such part and per part renamed.  Documents whose paths are
 * already ref's are left as they are.  Call before recognise, which
 * derives the paths of requests from the parts'. */
UnkgStatus unkg_align_doc(const UnkgCtx* c, const UnkgDoc* ref, const char* ref_name, UnkgDoc* doc,
                          bool verbose, UnkgAlignStats* stats);

#endif
