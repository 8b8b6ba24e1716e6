#include "report.h"

UnkgStatus
unkg_segment_report(const UnkgSource* src, const UnkgText* text,
                    const UnkgLexicon* lex, UnkgDoc* doc, UnkgDiag* d)
{
  (void)text;
  (void)lex;
  (void)doc;
  unkg_diag_set(d, src->name, 0, "reports are not supported yet");
  return UNKG_ERR_GENRE;
}
