/* Shared helpers for the Check suites. */
#ifndef UNKG_TESTUTIL_H
#define UNKG_TESTUTIL_H

#include "doc.h"
#include "lexicon.h"
#include "normalise.h"
#include "read.h"

#include <check.h>

/* A context whose first error lands in the UnkgDiag d (no lexicon). */
#define CTX(d) (&(UnkgCtx){NULL, unkg_diag_keep, &(d), ""})

/* A context for the stages: the test lexicon, messages kept in d (the first
 * error; warnings counted), file named in them. */
UnkgCtx tu_ctx(const char* file, UnkgDiag* d);
/* Normalises an in-memory text; fails the test on error. */
UnkgText* tu_normalise(const char* name, const char* s, UnkgSource** src);
/* The lexicon from $UNKG_DATA_DIR (the project's ontology/), loaded once. */
const UnkgLexicon* tu_lexicon(void);
/* Runs read -> normalise -> segment -> recognise on a string; NULL and the
 * status in *st if a stage refused it. */
UnkgDoc* tu_read_doc(const char* name, const char* s, UnkgStatus* st, UnkgDiag* d);
/* Reads a corpus file (path relative to the top source directory) through
 * every stage up to commitments; fails the test if a stage refuses it. */
UnkgDoc* tu_load_doc(const char* path);
/* The part at this path, failing the test if there is none. */
const UnkgPart* tu_part_or_fail(const UnkgDoc* doc, const char* path);
/* Reads a whole file (relative paths are taken from $UNKG_TOP_SRCDIR). */
char* tu_slurp(const char* path, size_t* len);
/* The part at this path ("op/1/a"), or NULL. */
const UnkgPart* tu_part(const UnkgDoc* doc, const char* path);
/* Runs Check suites, returns the exit status. */
int tu_run(Suite* s);

/* A fresh directory under /tmp named after prefix, and its removal. */
const char* tu_tmpdir_make(const char* prefix);
void        tu_tmpdir_remove(void);
/* tu_tmpdir/name, written with text unless text is NULL.  The last four
 * results stay valid. */
const char* tu_tmp_path(const char* name, const char* text);

#endif
