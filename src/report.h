/* Segment stage for the report genre: the Secretary-General's reports that
 * collect member states' replies. */
#ifndef UNKG_REPORT_H
#define UNKG_REPORT_H

#include "doc.h"
#include "lexicon.h"
#include "normalise.h"
#include "read.h"

/* Reads the parts of a report into doc (made by unkg_segment). */
UnkgStatus unkg_segment_report(const UnkgCtx* c, const UnkgText* text, UnkgDoc* doc);

#endif
