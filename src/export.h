/* The export driver: a run's inputs through the pipeline in worker
 * processes, and out as files per document (serialize.h), one stream on
 * standard output, one combined N-Quads file or N-Quads shards.  Whatever
 * the number of workers, the output is the same bytes and the messages
 * come per input, in input order (docs/scale.md).  The Akoma Ntoso files
 * of one work given in one run are exported by one worker, their
 * paragraphs aligned (align.h). */
#ifndef UNKG_EXPORT_H
#define UNKG_EXPORT_H

#include "triples.h"
#include "unkg.h"

#include <stdbool.h>
#include <stddef.h>

/* One input through every stage up to its graph: the stages tell c what
 * went wrong.  *out is the caller's. */
UnkgStatus unkg_export_build(const UnkgCtx* c, const char* base, UnkgGraph** out);

/* A job is one input, or the Akoma Ntoso files of one work (at most
 * UNKG_EXPORT_WORK_MAX: a work has six languages, and an input given twice
 * adds to them; more are split into jobs of this size). */
#define UNKG_EXPORT_WORK_MAX 16
#define UNKG_EXPORT_END ((size_t)-1)

/* The jobs of inputs[0..n), by the symbol each file's cover gives (a
 * cheap peek at its first 256 KB; text, standard input and files without
 * one go alone): next[i] is the input after i in its job, or
 * UNKG_EXPORT_END; members[i] the size of the job i leads, 0 when i is not
 * the first of its job.  It depends on the inputs alone, so every command
 * that reads a set of inputs aligns the same files the same way. */
void unkg_export_plan(char* const* inputs, size_t n, size_t* next, size_t* members);

/* Where unkg_export_job reports: start before each stage of input i (the
 * messages that follow are about it), done with its graph g (taken; NULL
 * when st is not UNKG_OK). */
typedef struct {
  void (*start)(void* data, size_t i);
  void (*done)(void* data, size_t i, UnkgStatus st, UnkgGraph* g);
  void* data;
} UnkgJobSink;

/* One job, inputs[idx[0..k)]: every input read, the others' paragraphs
 * aligned with the reference expression's (align.h), then each taken on
 * to its graph and handed to sink, in job order, one at a time.  c gives
 * the lexicon and the messages; its file is set per input.  The inputs'
 * own failures go to sink->done; UNKG_ERR_NOMEM when the job could not
 * start. */
UnkgStatus unkg_export_job(const UnkgCtx* c, char* const* inputs, const size_t* idx, size_t k,
                           const char* base, bool verbose, const UnkgJobSink* sink);

typedef enum {
  UNKG_SINK_FILES,   /* per document and format, into the directory out */
  UNKG_SINK_STDOUT,  /* one N-Triples or N-Quads stream on standard output */
  UNKG_SINK_COMBINE, /* one N-Quads file out, gzipped if its name ends in .gz */
  UNKG_SINK_SHARDS   /* shards N-Quads files in the directory out */
} UnkgSink;

typedef struct {
  UnkgSink           sink;
  const char*        out;     /* the directory (FILES, SHARDS) or file (COMBINE) */
  unsigned           fmts;    /* UNKG_FMT_*: any for FILES, one for STDOUT, else N-Quads */
  unsigned           shards;  /* SHARDS: how many, >= 1 */
  unsigned           jobs;    /* worker processes, >= 1 (at most one per input is used) */
  const char*        base;    /* the data namespace */
  const UnkgLexicon* lex;     /* loaded by the caller, before the workers start */
  UnkgMessageFn      message; /* called in the calling process, in input order */
  void*              message_data;
  bool               progress;    /* a line on stderr per input exported */
  bool               sync;        /* fsync files before renaming them into place */
  unsigned           max_seconds; /* an input taking longer is stopped and fails; 0: none */
  bool               verbose;     /* a line per paragraph the alignment renames or leaves */
} UnkgExportOptions;

/* Exports inputs[0..n).  UNKG_OK when the run went through; *failed
 * counts the inputs that were not exported, each reported through
 * o->message.  UNKG_ERR_IO when the output could not be set up or written
 * (reported; nothing half-written is left).  SIGINT, SIGTERM and SIGHUP
 * stop the workers, remove every temporary file and then end the process
 * as the signal would have. */
UnkgStatus unkg_export_run(const UnkgExportOptions* o, char* const* inputs, size_t n, size_t* failed);

/* The number of online processors, at least 1: the default of -j. */
unsigned unkg_export_default_jobs(void);

#endif
