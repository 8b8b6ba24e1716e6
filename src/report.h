/* Segment stage for the report genre: the Secretary-General's reports that
 * collect member states' replies. */
#ifndef UNKG_REPORT_H
#define UNKG_REPORT_H

#include "doc.h"
#include "lexicon.h"
#include "normalise.h"
#include "read.h"

UnkgStatus unkg_segment_report(const UnkgSource* src, const UnkgText* text,
                               const UnkgLexicon* lex, UnkgDoc* doc, UnkgWarnFn warn,
                               void* warn_ctx, UnkgDiag* d);

#endif
