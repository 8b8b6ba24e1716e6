/* The export driver (export.h).  The calling process dispatches: it hands
 * input indexes to worker processes and, in input order, prints every
 * input's messages, decides which input owns an output name and publishes
 * the documents (renamed into place, or appended to a stream).  Workers
 * are fork()ed, so that the lexicon is loaded once and no library has to
 * be thread-safe; each builds its input's graph and writes it into a
 * spool, so that writing runs in parallel too and no worker waits for
 * another.  Nothing a worker does depends on which worker it is or on
 * timing: the bytes are the same for any -j. */
#define _GNU_SOURCE /* ppoll */ /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp) */
#include "config.h"

#include "export.h"

#include "akn.h"
#include "align.h"
#include "buf.h"
#include "commit.h"
#include "graph.h"
#include "normalise.h"
#include "read.h"
#include "recognise.h"
#include "segment.h"
#include "serialize.h"
#include "text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

/* An input read into its document model: the readers' stages. */
static UnkgStatus
export_read(const UnkgCtx* c, UnkgDoc** doc)
{
  UnkgSource* src  = NULL;
  UnkgText*   text = NULL;
  UnkgStatus  st   = unkg_source_read(c, c->file, &src);
  *doc             = NULL;
  if (!st && unkg_akn_detect(src)) {
    /* XML, by content: the Akoma Ntoso reader replaces normalise + segment. */
    st = unkg_akn_read(c, src, doc);
  } else if (!st && !(st = unkg_normalise(c, src, &text))) {
    st = unkg_segment(c, src, text, doc);
  }
  /* The document holds copies of what it needs from the input and its
   * blocks: they go before the graph, the largest stage, is built. */
  unkg_text_free(text);
  unkg_source_free(src);
  return st;
}

/* The stages after recognise: *doc (taken, whatever happens) to its
 * graph. */
static UnkgStatus
export_build(const UnkgCtx* c, UnkgDoc** doc, const char* base, UnkgGraph** out)
{
  UnkgStatus st = unkg_recognise_commitments(c, *doc);
  if (!st) {
    unkg_doc_trim(*doc);
    st = unkg_build_graph_take(c, doc, base, out);
  }
  unkg_doc_free(*doc);
  *doc = NULL;
  return st;
}

/* The stages after the readers: *doc (taken, whatever happens) to its
 * graph, with the lead verbs of the reference expression (hints, may be
 * NULL). */
static UnkgStatus
export_finish_hinted(const UnkgCtx* c, UnkgDoc** doc, const UnkgLeadHints* hints,
                     const char* base, UnkgGraph** out)
{
  UnkgStatus st = unkg_recognise_hinted(c, *doc, hints);
  if (st) {
    unkg_doc_free(*doc);
    *doc = NULL;
    return st;
  }
  return export_build(c, doc, base, out);
}

static UnkgStatus
export_finish(const UnkgCtx* c, UnkgDoc** doc, const char* base, UnkgGraph** out)
{
  return export_finish_hinted(c, doc, NULL, base, out);
}

UnkgStatus
unkg_export_build(const UnkgCtx* c, const char* base, UnkgGraph** out)
{
  UnkgDoc*   doc = NULL;
  UnkgStatus st  = export_read(c, &doc);
  *out           = NULL;
  if (!st) {
    st = export_finish(c, &doc, base, out);
  }
  unkg_doc_free(doc);
  return st;
}

unsigned
unkg_export_default_jobs(void)
{
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > 1024 ? 1024 : (unsigned)n;
}

/* ---- frames between the dispatcher and its workers --------------------------------- */

/* A frame is a type, a payload length (two uint32_t) and the payload.
 * Dispatcher to worker: JOB (the indexes of the inputs of one job, each
 * uint64_t).  Worker to
 * dispatcher: MSG (index, then an encoded UnkgMessage) and DONE (index,
 * status as uint32_t, triples and the graph's digest as uint64_t, output
 * name). */
enum { F_JOB = 1, F_MSG, F_DONE };

#define MAX_WORK UNKG_EXPORT_WORK_MAX
#define NONE UNKG_EXPORT_END
#define HEAD 8 /* bytes of a frame's type and length */
/* A worker that cannot talk to the dispatcher (out of memory, the
 * dispatcher gone) ends with this status; its input is then reported. */
#define WORKER_LOST 70

static bool
write_all(int fd, const void* buf, size_t n)
{
  const char* p = buf;
  while (n) {
    ssize_t k = write(fd, p, n);
    if (k < 0 && errno == EINTR) {
      continue;
    }
    if (k <= 0) {
      return false;
    }
    p += k;
    n -= (size_t)k;
  }
  return true;
}

static bool
read_all(int fd, void* buf, size_t n)
{
  char* p = buf;
  while (n) {
    ssize_t k = read(fd, p, n);
    if (k < 0 && errno == EINTR) {
      continue;
    }
    if (k <= 0) {
      return false;
    }
    p += k;
    n -= (size_t)k;
  }
  return true;
}

/* Appends to a frame; a failed allocation clears *ok, and frame_hold then
 * refuses the frame. */
static void
put(UnkgBuf* b, const void* p, size_t n, bool* ok)
{
  if (*ok && unkg_buf_append(b, p, n)) {
    *ok = false;
  }
}

static void
put_u32(UnkgBuf* b, uint32_t v, bool* ok)
{
  put(b, &v, sizeof v, ok);
}

static void
put_u64(UnkgBuf* b, uint64_t v, bool* ok)
{
  put(b, &v, sizeof v, ok);
}

static void
put_str(UnkgBuf* b, const char* s, bool* ok)
{
  put(b, s, strlen(s) + 1, ok);
}

static void
frame_begin(UnkgBuf* b, uint32_t type, bool* ok)
{
  b->len = 0;
  *ok    = true;
  put_u32(b, type, ok);
  put_u32(b, 0, ok);
}

static uint32_t
get_u32(const char* p)
{
  uint32_t v;
  memcpy(&v, p, sizeof v);
  return v;
}

static uint64_t
get_u64(const char* p)
{
  uint64_t v;
  memcpy(&v, p, sizeof v);
  return v;
}

/* A message as the bytes of a MSG frame after the index. */
static void
encode_message(UnkgBuf* b, const UnkgMessage* m, bool* ok)
{
  put_u32(b, (uint32_t)m->level, ok);
  put_u32(b, (uint32_t)m->status, ok);
  put_u32(b, m->line, ok);
  put_u32(b, m->column, ok);
  put_str(b, m->file ? m->file : "", ok);
  put_str(b, m->msg, ok);
}

/* The message encoded in p[0..n), pointing into p; false if malformed. */
static bool
decode_message(const char* p, size_t n, UnkgMessage* m)
{
  if (n < 18 || p[n - 1]) {
    return false;
  }
  m->level    = (UnkgLevel)get_u32(p);
  m->status   = (UnkgStatus)get_u32(p + 4);
  m->line     = get_u32(p + 8);
  m->column   = get_u32(p + 12);
  m->file     = p + 16;
  size_t flen = strnlen(m->file, n - 16);
  if (16 + flen + 1 >= n) {
    return false;
  }
  m->msg = m->file + flen + 1;
  return true;
}

/* ---- the worker --------------------------------------------------------------- */

/* Where a worker's documents go: written by a writer of their own into the
 * worker's directory (so that no output name is taken before the
 * dispatcher says so, in input order), then moved into the run's spool
 * under the input's index, one file per format, I.EXT.  The dispatcher
 * publishes them from there.  The extensions are the writer's. */
static const struct {
  unsigned    fmt;
  const char* ext;
} spool_exts[] = {
  {UNKG_FMT_TURTLE, "ttl"},
  {UNKG_FMT_RDFXML, "rdf"},
  {UNKG_FMT_NTRIPLES, "nt"},
  {UNKG_FMT_NQUADS, "nq"},
};
#define N_EXTS (sizeof spool_exts / sizeof *spool_exts)

typedef struct {
  const UnkgExportOptions* o;
  char* const*             inputs;
  int                      to_parent;
  int                      from_parent;
  size_t                   doc;   /* the input at hand, which its messages are about */
  const char*              dir;   /* the worker's own directory */
  const char*              spool; /* the run's spool */
  bool                     gz;    /* spooled documents are gzipped (--combine *.gz) */
  UnkgBuf                  frame;
  UnkgBuf                  held; /* whole frames not sent yet (held_send) */
} Child;

/* A document's messages are held and sent together when its next stage
 * begins or it is done, in one write with its DONE frame: a write per
 * message woke the dispatcher for each (a dozen context switches a
 * document).  A worker stopped by a fatal signal (--max-seconds, a kill)
 * sends what it holds from the handler, as it sent each message before;
 * held_busy marks the buffer being changed, when the handler leaves it. */
static Child* volatile held_by;
static volatile sig_atomic_t held_busy;

static bool
held_send(Child* ch)
{
  held_busy    = 1;
  bool ok      = write_all(ch->to_parent, ch->held.data, ch->held.len);
  ch->held.len = 0;
  held_busy    = 0;
  return ok;
}

static void
child_lost(void)
{
  _exit(WORKER_LOST);
}

/* The frame in ch->frame, with its length, held to be sent later. */
static bool
frame_hold(Child* ch, bool ok)
{
  if (!ok) {
    return false;
  }
  uint32_t len = (uint32_t)(ch->frame.len - HEAD);
  memcpy(ch->frame.data + 4, &len, sizeof len);
  held_busy = 1;
  ok        = !unkg_buf_append(&ch->held, ch->frame.data, ch->frame.len);
  held_busy = 0;
  return ok;
}

/* Every message of the input at hand goes to the dispatcher, which prints
 * it in input order. */
static void
child_message(void* data, const UnkgMessage* m)
{
  Child* ch = data;
  bool   ok;
  frame_begin(&ch->frame, F_MSG, &ok);
  put_u64(&ch->frame, ch->doc, &ok);
  encode_message(&ch->frame, m, &ok);
  if (!frame_hold(ch, ok)) {
    child_lost();
  }
}

/* from, gzipped, as the new file to (the streams concatenate the members:
 * compressing here, in parallel, keeps the dispatcher's share small). */
static bool
gzip_file(const char* from, const char* to)
{
  int    in = open(from, O_RDONLY | O_CLOEXEC);
  int    fd = in >= 0 ? open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600) : -1;
  gzFile z  = fd >= 0 ? gzdopen(fd, "wb") : NULL;
  bool   ok = z != NULL;
  char   buf[65536];
  for (ssize_t n; ok && (n = read(in, buf, sizeof buf)) != 0;) {
    ok = n > 0 ? gzwrite(z, buf, (unsigned)n) == (int)n : errno == EINTR;
  }
  if (z) {
    ok = gzclose(z) == Z_OK && ok;
  } else if (fd >= 0) {
    close(fd);
  }
  if (in >= 0) {
    close(in);
  }
  return ok;
}

/* The document just written as <dir>/<stem>.<ext> goes to the spool. */
static UnkgStatus
child_spool(Child* ch, const UnkgCtx* c, size_t i, const char* stem)
{
  for (size_t k = 0; k < N_EXTS; ++k) {
    if (!(ch->o->fmts & spool_exts[k].fmt)) {
      continue;
    }
    char        from[PATH_MAX], to[PATH_MAX];
    const char* ext = spool_exts[k].ext;
    if (snprintf(from, sizeof from, "%s/%s.%s", ch->dir, stem, ext) >= (int)sizeof from
        || snprintf(to, sizeof to, "%s/%zu.%s%s", ch->spool, i, ext, ch->gz ? ".gz" : "")
             >= (int)sizeof to) {
      return unkg_error_in(c, ch->spool, UNKG_ERR_IO, 0, 0, "cannot spool: %s",
                           strerror(ENAMETOOLONG));
    }
    bool ok  = ch->gz ? gzip_file(from, to) : rename(from, to) == 0;
    int  err = errno;
    if (ch->gz) {
      unlink(from);
    }
    if (!ok) {
      return unkg_error_in(c, ch->spool, UNKG_ERR_IO, 0, 0, "cannot spool %s: %s", stem,
                           strerror(err));
    }
  }
  return UNKG_OK;
}

/* Input i's graph g (taken), after status st of the stages before: written,
 * spooled and reported done. */
static void
child_output(Child* ch, size_t i, UnkgStatus st, UnkgGraph* g)
{
  const UnkgExportOptions* o      = ch->o;
  const UnkgCtx            c      = {o->lex, child_message, ch, ch->inputs[i]};
  char*                    stem   = NULL;
  uint64_t                 digest = 0;
  ch->doc                         = i;
  /* A writer per document: which input owns a name is the dispatcher's
   * to say, not what this worker happened to write before. */
  UnkgWriter* w = st ? NULL : unkg_writer_new(ch->dir, o->fmts);
  if (!st && !w) {
    st = unkg_error(&c, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  /* Unless they are to be gzipped on the way, the files go from their
   * temporary names straight to the spool (I.EXT): no lock on the
   * worker's own directory, no sweep of it, one rename a file. */
  char as[PATH_MAX];
  bool direct = !st && !ch->gz;
  if (direct && snprintf(as, sizeof as, "%s/%zu", ch->spool, i) >= (int)sizeof as) {
    st = unkg_error_in(&c, ch->spool, UNKG_ERR_IO, 0, 0, "cannot spool: %s", strerror(ENAMETOOLONG));
  } else if (direct && unkg_writer_publish_as(w, as)) {
    st = unkg_error(&c, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  if (!st) {
    /* Spooled N-Quads are copied into the final file, which is synced. */
    unkg_writer_set_sync(w, o->sync && o->sink == UNKG_SINK_FILES);
    st = unkg_writer_write(&c, w, g);
    /* Equal graphs may share an output name (one input given twice); the
     * digest, which the writer made, tells them from different ones. */
    digest = st ? 0 : unkg_writer_digest(w);
  }
  unkg_writer_free(w);
  if (!st && !(stem = unkg_output_stem(g))) {
    st = unkg_error(&c, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  if (!st && ch->gz) {
    st = child_spool(ch, &c, i, stem);
  }
  bool ok;
  frame_begin(&ch->frame, F_DONE, &ok);
  put_u64(&ch->frame, i, &ok);
  put_u32(&ch->frame, (uint32_t)st, &ok);
  put_u64(&ch->frame, g ? g->n : 0, &ok);
  put_u64(&ch->frame, digest, &ok);
  put_str(&ch->frame, stem && !st ? stem : "", &ok);
  free(stem);
  unkg_graph_free(g);
  if (!frame_hold(ch, ok) || !held_send(ch)) {
    child_lost();
  }
}

static void
child_start(void* data, size_t i)
{
  Child* ch = data;
  ch->doc   = i;
  if (ch->held.len && !held_send(ch)) {
    child_lost();
  }
}

static void
child_done(void* data, size_t i, UnkgStatus st, UnkgGraph* g)
{
  child_output(data, i, st, g);
}

UnkgStatus
unkg_export_job(const UnkgCtx* c, char* const* inputs, const size_t* idx, size_t k,
                const char* base, bool verbose, const UnkgJobSink* sink)
{
  UnkgDoc**   docs   = calloc(k, sizeof(UnkgDoc*));
  UnkgStatus* st     = calloc(k, sizeof *st);
  bool*       paired = calloc(k, sizeof *paired); /* aligned with the reference */
  if (!docs || !st || !paired) {
    free(docs);
    free(st);
    free(paired);
    return UNKG_ERR_NOMEM;
  }
  UnkgCtx at = *c;
  for (size_t t = 0; t < k; ++t) {
    at.file = inputs[idx[t]];
    sink->start(sink->data, idx[t]);
    if ((st[t] = export_read(&at, &docs[t]))) {
      unkg_doc_free(docs[t]);
      docs[t] = NULL;
    }
  }
  size_t ref    = unkg_align_reference(docs, k);
  bool   hinted = false;
  for (size_t t = 0; ref < k && t < k; ++t) {
    if (t == ref || !unkg_align_same_work(docs[ref], docs[t])) {
      continue;
    }
    UnkgAlignStats stats;
    at.file = inputs[idx[t]];
    sink->start(sink->data, idx[t]);
    if ((st[t] = unkg_align_doc(&at, docs[ref], inputs[idx[ref]], docs[t], verbose, &stats))) {
      unkg_doc_free(docs[t]);
      docs[t] = NULL;
    } else {
      paired[t] = hinted = true;
    }
  }
  /* The reference expression is recognised first: its lead verbs, by the
   * paths its aligned parts share with the others', tell apart the forms
   * another language uses for two verbs (unkg:alsoForm).  A file read
   * alone, or with no other expression aligned, is read as before. */
  UnkgLeadHints hints = {NULL, 0};
  if (hinted) {
    at.file = inputs[idx[ref]];
    sink->start(sink->data, idx[ref]);
    if ((st[ref] = unkg_recognise(&at, docs[ref]))) {
      unkg_doc_free(docs[ref]);
      docs[ref] = NULL;
      hinted    = false;
    } else if (unkg_lead_hints(docs[ref], &hints)) {
      for (size_t t = 0; t < k; ++t) {
        unkg_doc_free(docs[t]);
      }
      free(docs);
      free(st);
      free(paired);
      return UNKG_ERR_NOMEM;
    }
  }
  for (size_t t = 0; t < k; ++t) {
    UnkgGraph* g = NULL;
    at.file      = inputs[idx[t]];
    sink->start(sink->data, idx[t]);
    if (st[t]) {
      /* not read, or not aligned: told already */
    } else if (hinted && t == ref) {
      st[t] = export_build(&at, &docs[t], base, &g);
    } else {
      st[t] = export_finish_hinted(&at, &docs[t], hinted && paired[t] ? &hints : NULL, base, &g);
    }
    sink->done(sink->data, idx[t], st[t], g);
  }
  unkg_lead_hints_clear(&hints);
  for (size_t t = 0; t < k; ++t) {
    unkg_doc_free(docs[t]);
  }
  free(docs);
  free(st);
  free(paired);
  return UNKG_OK;
}

/* A worker killed by a signal takes the temporary files it is writing
 * with it. */
static void
child_fatal_signal(int sig)
{
  Child* ch = held_by;
  if (ch && !held_busy && ch->held.len) {
    write_all(ch->to_parent, ch->held.data, ch->held.len);
  }
  unkg_writer_remove_temps();
  signal(sig, SIG_DFL);
  raise(sig);
}

static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define N_FATAL (sizeof fatal_signals / sizeof *fatal_signals)

static void
child_main(Child* ch, const sigset_t* mask)
{
#ifdef __GLIBC__
  /* Blocks of 1 MB and more mapped, whatever was freed before: glibc
   * otherwise raises that threshold to the largest block freed (the
   * input, the normaliser's blocks, up to 32 MB), so that the graph's and
   * the writer's large buffers then grow inside the heap, by copying, and
   * stay there once freed (40,000 headings: 81.6 MB at the peak, 70.2 with
   * this; docs/security.md, Memory).  Fixing it fixes the threshold for
   * giving back the top of the heap too, at 128 KB: set to the 64 MB it
   * would rise to, or the heap's top is given back and taken again
   * document after document (13% more CPU over the text samples; the
   * builder trims the heap of a large document itself). */
  mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
  held_by = ch;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = child_fatal_signal;
  sigemptyset(&sa.sa_mask);
  for (size_t k = 0; k < N_FATAL; ++k) {
    sigaction(fatal_signals[k], &sa, NULL);
  }
  signal(SIGPIPE, SIG_DFL);
  sigprocmask(SIG_SETMASK, mask, NULL);
  for (;;) {
    uint32_t head[2];
    uint64_t idx[MAX_WORK];
    if (!read_all(ch->from_parent, head, sizeof head)) {
      break; /* no more inputs */
    }
    size_t k = head[1] / sizeof *idx;
    if (head[0] != F_JOB || !k || k > MAX_WORK || head[1] != k * sizeof *idx
        || !read_all(ch->from_parent, idx, head[1])) {
      child_lost();
    }
    size_t            job[MAX_WORK];
    const UnkgCtx     c    = {ch->o->lex, child_message, ch, NULL};
    const UnkgJobSink sink = {child_start, child_done, ch};
    for (size_t t = 0; t < k; ++t) {
      job[t] = (size_t)idx[t];
    }
    if (unkg_export_job(&c, ch->inputs, job, k, ch->o->base, ch->o->verbose, &sink)) {
      held_send(ch);
      child_lost();
    }
  }
  held_by = NULL;
  unkg_buf_clear(&ch->frame);
  unkg_buf_clear(&ch->held);
  /* _exit: the stdio buffers and atexit handlers are the dispatcher's. */
  _exit(0);
}

/* ---- the dispatcher ----------------------------------------------------------- */

enum { QUEUED, RUNNING, DONE };

typedef struct {
  unsigned char state;
  UnkgStatus    status; /* once DONE */
  uint64_t      digest;
  size_t        triples;
  char*         stem;
  UnkgBuf       msgs;    /* its messages so far: each a uint32_t length, then the message */
  size_t        next;    /* the next input of its job (expressions of one work), or NONE */
  size_t        members; /* the first input of a job: how many it has */
  unsigned      slot;    /* once RUNNING: the worker's */
} Doc;

/* An output name, folded to lower case (one file on case-insensitive file
 * systems), and the input that wrote it first with the digest of its graph. */
typedef struct {
  const char* owner;
  uint64_t    digest;
} Name;

typedef struct {
  pid_t           pid; /* 0: no worker */
  int             to, from;
  size_t          doc;     /* the first input of the job it works on, or NONE */
  size_t          pending; /* inputs of that job not done yet */
  struct timespec deadline;
  UnkgBuf         in; /* what it sent that makes no whole frame yet */
} Slot;

/* A file of the stream outputs. */
typedef struct {
  FILE*    f;
  char*    temp;  /* its temporary name (standard output has none) */
  char*    final; /* its name */
  uint64_t bytes; /* written so far */
} Out;

typedef struct {
  const UnkgExportOptions* o;
  char* const*             inputs;
  size_t                   n;
  Doc*                     docs;
  Slot*                    slots;
  unsigned                 n_slots;
  unsigned                 spawned;
  size_t                   next_job, next_emit;
  size_t                   failed;
  UnkgStrMap               name_of;
  Name*                    names;
  size_t                   n_names;
  char*                    spool;    /* the run's spool directory */
  int                      spool_fd; /* locked while the run lives */
  int                      out_fd;   /* files: the output directory, locked to publish */
  const char*              ext;      /* stream outputs: of the spooled documents */
  bool                     gz;
  Out*                     outs; /* stream outputs: standard output, the file, or the shards */
  size_t                   n_outs;
  struct pollfd*           fds;    /* wait_for_workers's, one per slot */
  unsigned*                fds_of; /* the slot of each */
  sigset_t                 mask;   /* the caller's signal mask */
  bool                     stopping;
  bool                     killing; /* stopping, and the workers were sent SIGTERM */
  bool                     broken;  /* the output failed: nothing more is done */
  int                      sig;    /* a fatal signal ends the run */
} Run;

static volatile sig_atomic_t caught;

static void
on_signal(int sig)
{
  caught = sig;
}

/* a - b, or 0 if b is later. */
static struct timespec
time_left(struct timespec a, struct timespec b)
{
  struct timespec d = {a.tv_sec - b.tv_sec, a.tv_nsec - b.tv_nsec};
  if (d.tv_nsec < 0) {
    d.tv_nsec += 1000000000L;
    --d.tv_sec;
  }
  return d.tv_sec < 0 ? (struct timespec){0, 0} : d;
}

static bool
stream_sink(const Run* r)
{
  return r->o->sink != UNKG_SINK_FILES;
}

/* A message about the run, not about one input's export: printed at once. */
static void run_message(const Run* r, UnkgLevel level, const char* file, UnkgStatus st,
                        const char* fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 5, 6)))
#endif
  ;

static void
run_message(const Run* r, UnkgLevel level, const char* file, UnkgStatus st, const char* fmt, ...)
{
  char    msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  const UnkgMessage m = {level, st, file, 0, 0, msg};
  if (r->o->message) {
    r->o->message(r->o->message_data, &m);
  }
}

#define run_error(r, file, st, ...) run_message(r, UNKG_LEVEL_ERROR, file, st, __VA_ARGS__)

/* The dispatcher's own messages about input i join the worker's. */
typedef struct {
  Run*   r;
  size_t i;
} NoteTarget;

static void
note_message(void* data, const UnkgMessage* m)
{
  NoteTarget* t  = data;
  Doc*        d  = &t->r->docs[t->i];
  size_t      at = d->msgs.len;
  bool        ok = true;
  put_u32(&d->msgs, 0, &ok);
  encode_message(&d->msgs, m, &ok);
  if (ok) {
    uint32_t len = (uint32_t)(d->msgs.len - at - 4);
    memcpy(d->msgs.data + at, &len, sizeof len);
  } else {
    d->msgs.len = at;
  }
}

static UnkgCtx
note_ctx(Run* r, size_t i, NoteTarget* t)
{
  t->r = r;
  t->i = i;
  return (UnkgCtx){r->o->lex, note_message, t, r->inputs[i]};
}

static const char*
where(const Run* r)
{
  return r->o->sink == UNKG_SINK_STDOUT ? "-" : r->o->out;
}

/* Input i fails here, without the worker's word (stopped, or its worker
 * died), for the reason why. */
static void
fail_doc(Run* r, size_t i, UnkgStatus st, const char* why)
{
  Doc* d = &r->docs[i];
  if (d->state == DONE) {
    return;
  }
  NoteTarget    t;
  const UnkgCtx c = note_ctx(r, i, &t);
  unkg_error(&c, st, 0, 0, "%s", why);
  d->state  = DONE;
  d->status = st;
}

/* One frame from the worker of s; false if it makes no sense. */
static bool
frame(Run* r, Slot* s, uint32_t type, const char* p, size_t n)
{
  if (n < 8) {
    return false;
  }
  uint64_t i = get_u64(p);
  if (i >= r->n || r->docs[i].state != RUNNING || s->doc == NONE
      || r->docs[i].slot != (unsigned)(s - r->slots)) {
    return false;
  }
  Doc* d  = &r->docs[i];
  bool ok = true;
  switch (type) {
  case F_MSG:
    put_u32(&d->msgs, (uint32_t)(n - 8), &ok);
    put(&d->msgs, p + 8, n - 8, &ok);
    return ok;
  case F_DONE:
    if (n < 29 || p[n - 1]) {
      return false;
    }
    d->status  = (UnkgStatus)get_u32(p + 8);
    d->triples = (size_t)get_u64(p + 12);
    d->digest  = get_u64(p + 20);
    if (n > 29 && !(d->stem = unkg_strndup(p + 28, n - 29))) {
      return false;
    }
    d->state = DONE;
    if (!--s->pending) {
      s->doc = NONE;
    }
    return true;
  default: return false;
  }
}

/* Whole frames in s->in are handled and removed; false if one was bad. */
static bool
frames(Run* r, Slot* s)
{
  size_t at = 0;
  bool   ok = true;
  while (ok && s->in.len - at >= HEAD) {
    uint32_t type = get_u32(s->in.data + at), len = get_u32(s->in.data + at + 4);
    if (s->in.len - at - HEAD < len) {
      break;
    }
    ok = frame(r, s, type, s->in.data + at + HEAD, len);
    at += HEAD + len;
  }
  memmove(s->in.data, s->in.data + at, s->in.len - at);
  s->in.len -= at;
  return ok;
}

static void
describe_status(int ws, char* buf, size_t size)
{
  if (WIFSIGNALED(ws)) {
    snprintf(buf, size, "killed by signal %d, %s", WTERMSIG(ws), strsignal(WTERMSIG(ws)));
  } else if (WIFEXITED(ws) && WEXITSTATUS(ws) == WORKER_LOST) {
    snprintf(buf, size, "out of memory, or cut off from the run");
  } else {
    snprintf(buf, size, "exit status %d", WIFEXITED(ws) ? WEXITSTATUS(ws) : -1);
  }
}

static bool
is_fatal(int sig)
{
  for (size_t k = 0; k < N_FATAL; ++k) {
    if (fatal_signals[k] == sig) {
      return true;
    }
  }
  return false;
}

static bool spawn(Run* r, Slot* s);

/* The worker of s has ended or is stopped (timed_out): what it still sent
 * is read, its input fails if it did not finish, and, while inputs are
 * left, another worker takes its place. */
static void
reap(Run* r, Slot* s, bool timed_out)
{
  int    ws = 0;
  size_t i  = s->doc;
  if (timed_out) {
    kill(s->pid, SIGTERM);
  }
  close(s->to);
  while (waitpid(s->pid, &ws, 0) < 0 && errno == EINTR) {
  }
  char    buf[65536];
  ssize_t k;
  bool    ok = true;
  while (ok && ((k = read(s->from, buf, sizeof buf)) > 0 || (k < 0 && errno == EINTR))) {
    if (k > 0) {
      ok = !unkg_buf_append(&s->in, buf, (size_t)k) && frames(r, s);
    }
  }
  close(s->from);
  s->pid    = 0;
  s->in.len = 0;
  s->doc    = NONE;
  char why[128], msg[256];
  describe_status(ws, why, sizeof why);
  if (!timed_out && !r->stopping && WIFSIGNALED(ws) && is_fatal(WTERMSIG(ws))) {
    r->sig = WTERMSIG(ws); /* someone interrupted the run */
    return;
  }
  if (r->killing && WIFSIGNALED(ws) && WTERMSIG(ws) == SIGTERM) {
    return; /* this process ended it: the run is being stopped */
  }
  bool unfinished = false;
  for (size_t j = i; j != NONE; j = r->docs[j].next) {
    unfinished = unfinished || r->docs[j].state != DONE;
  }
  if (unfinished) {
    if (timed_out) {
      snprintf(msg, sizeof msg, "stopped after %u s (--max-seconds); not exported",
               r->o->max_seconds);
    } else {
      snprintf(msg, sizeof msg, "the process exporting it ended (%s); not exported", why);
    }
    for (size_t j = i; j != NONE; j = r->docs[j].next) {
      fail_doc(r, j, timed_out ? UNKG_ERR_LIMIT : UNKG_ERR_IO, msg);
    }
  } else if (!timed_out && (!WIFEXITED(ws) || WEXITSTATUS(ws))) {
    /* A worker's own trouble (valgrind's exit status, say) fails the run. */
    run_error(r, "", UNKG_ERR_IO, "a worker process ended (%s)", why);
    ++r->failed;
  }
  if (!r->stopping && r->next_job < r->n && !spawn(r, s)) {
    r->broken = true;
  }
}

static bool
spawn(Run* r, Slot* s)
{
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%s/w%u", r->spool, r->spawned++);
  if (mkdir(dir, 0700)) {
    run_error(r, r->spool, UNKG_ERR_IO, "cannot create a spool directory: %s", strerror(errno));
    return false;
  }
  int cmd[2], res[2];
  if (pipe(cmd)) {
    run_error(r, "", UNKG_ERR_IO, "cannot start a worker: %s", strerror(errno));
    return false;
  }
  if (pipe(res)) {
    run_error(r, "", UNKG_ERR_IO, "cannot start a worker: %s", strerror(errno));
    close(cmd[0]);
    close(cmd[1]);
    return false;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    run_error(r, "", UNKG_ERR_IO, "cannot start a worker: %s", strerror(errno));
    close(cmd[0]);
    close(cmd[1]);
    close(res[0]);
    close(res[1]);
    return false;
  }
  if (pid == 0) {
    close(cmd[1]);
    close(res[0]);
    /* The other workers' pipes: a worker holding one would keep the
     * dispatcher from seeing that worker end. */
    for (unsigned k = 0; k < r->n_slots; ++k) {
      if (r->slots[k].pid) {
        close(r->slots[k].to);
        close(r->slots[k].from);
      }
    }
    /* Publishing is the dispatcher's; the spool's lock stays shared. */
    if (r->out_fd >= 0) {
      close(r->out_fd);
    }
    Child ch = {r->o, r->inputs, res[1], cmd[0], NONE, dir, r->spool, r->gz, {0}, {0}};
    child_main(&ch, &r->mask);
  }
  close(cmd[0]);
  close(res[1]);
  s->pid     = pid;
  s->to      = cmd[1];
  s->from    = res[0];
  s->doc     = NONE;
  s->pending = 0;
  return true;
}

static void
dispatch(Run* r)
{
  for (unsigned k = 0; k < r->n_slots && !r->stopping; ++k) {
    Slot* s = &r->slots[k];
    if (!s->pid || s->doc != NONE) {
      continue;
    }
    /* Inputs an earlier job took with its first one are passed over. */
    while (r->next_job < r->n && r->docs[r->next_job].state != QUEUED) {
      ++r->next_job;
    }
    if (r->next_job >= r->n) {
      break;
    }
    size_t   i       = r->next_job++;
    size_t   members = r->docs[i].members ? r->docs[i].members : 1;
    uint32_t head[2] = {F_JOB, (uint32_t)(members * sizeof(uint64_t))};
    char     job[8 + MAX_WORK * sizeof(uint64_t)];
    size_t   len = sizeof head;
    memcpy(job, head, sizeof head);
    for (size_t j = i; j != NONE; j = r->docs[j].next) {
      uint64_t index = j;
      memcpy(job + len, &index, sizeof index);
      len += sizeof index;
      r->docs[j].state = RUNNING;
      r->docs[j].slot  = k;
    }
    s->doc     = i;
    s->pending = members;
    clock_gettime(CLOCK_MONOTONIC, &s->deadline);
    /* --max-seconds is per input: a job of several has their sum. */
    s->deadline.tv_sec += (time_t)r->o->max_seconds * (time_t)members;
    if (!write_all(s->to, job, len)) {
      kill(s->pid, SIGKILL); /* reaped by the loop; its inputs fail */
    }
  }
}

/* ---- jobs: the expressions of one work together ------------------------------- */

/* The symbol that the cover of an Akoma Ntoso file gives (<docNumber
 * refersTo="#symbol">), from the file's first 256 KB, into out; false for
 * standard input, anything but a regular file, text, or a file without
 * one.  A peek to put the files of one work into one job, nothing more:
 * the worker aligns only documents whose reader gave them the same
 * symbol, so a peek that is wrong costs an alignment, never a wrong one. */
static bool
peek_symbol(const char* path, char* out, size_t size)
{
  enum { CHUNK = 32 * 1024, LIMIT = 256 * 1024 };
  if (!strcmp(path, "-")) {
    return false;
  }
  /* Not even opened unless it is a regular file: opening a FIFO would let
   * a writer waiting on it in, and closing it would throw away what it
   * wrote, leaving the worker to wait for a writer forever. */
  struct stat sb;
  if (stat(path, &sb) || !S_ISREG(sb.st_mode)) {
    return false;
  }
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    return false;
  }
  if (fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
    close(fd);
    return false;
  }
  char*  buf   = malloc(LIMIT + 1);
  size_t len   = 0;
  bool   found = false;
  while (buf && !found && len < LIMIT) {
    ssize_t k = read(fd, buf + len, CHUNK < LIMIT - len ? CHUNK : LIMIT - len);
    if (k < 0 && errno == EINTR) {
      continue;
    }
    if (k <= 0) {
      break;
    }
    len += (size_t)k;
    buf[len]  = '\0';
    size_t at = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
    at += strspn(buf + at, " \t\r\n");
    if (at < len && buf[at] != '<') {
      break; /* text */
    }
    const char* sym = strstr(buf, "\"#symbol\"");
    const char* gt  = sym ? strchr(sym, '>') : NULL;
    const char* end = gt ? strchr(gt, '<') : NULL;
    if (end) {
      /* The symbol with its blanks folded, as a key. */
      size_t w = 0;
      for (const char* p = gt + 1; p < end && w + 1 < size; ++p) {
        bool blank = *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n';
        if (!blank) {
          out[w++] = *p;
        } else if (w && out[w - 1] != ' ') {
          out[w++] = ' ';
        }
      }
      while (w && out[w - 1] == ' ') {
        --w;
      }
      out[w] = '\0';
      found  = w > 0;
      break;
    }
  }
  free(buf);
  close(fd);
  return found;
}

void
unkg_export_plan(char* const* inputs, size_t n, size_t* next, size_t* members)
{
  UnkgStrMap lead = {0}; /* symbol -> the first input of its open job */
  size_t*    tail = n > 1 ? malloc(n * sizeof *tail) : NULL; /* a job's last input */
  for (size_t i = 0; i < n; ++i) {
    next[i]    = UNKG_EXPORT_END;
    members[i] = 1;
  }
  for (size_t i = 0; tail && i < n; ++i) {
    char    sym[256];
    size_t* at = NULL;
    if (!peek_symbol(inputs[i], sym, sizeof sym)) {
      continue;
    }
    if (unkg_strmap_put(&lead, sym, i, &at)) {
      break; /* out of memory: the rest go alone, as without the peek */
    }
    if (*at != i && members[*at] < UNKG_EXPORT_WORK_MAX) {
      next[tail[*at]] = i;
      tail[*at]       = i;
      ++members[*at];
      members[i] = 0;
      continue;
    }
    *at     = i; /* the first of a job (the last was full) */
    tail[i] = i;
  }
  free(tail);
  unkg_strmap_clear(&lead);
}

static UnkgStatus
group_inputs(Run* r)
{
  size_t* next    = malloc((r->n ? r->n : 1) * sizeof *next);
  size_t* members = malloc((r->n ? r->n : 1) * sizeof *members);
  if (!next || !members) {
    free(next);
    free(members);
    return UNKG_ERR_NOMEM;
  }
  unkg_export_plan(r->inputs, r->n, next, members);
  for (size_t i = 0; i < r->n; ++i) {
    r->docs[i].next    = next[i];
    r->docs[i].members = members[i];
  }
  free(next);
  free(members);
  return UNKG_OK;
}

/* ---- the output: spool, directory, stream --------------------------------------- */

static int
remove_entry(const char* path, const struct stat* sb, int flag, struct FTW* ftw)
{
  (void)sb;
  (void)ftw;
  if (flag == FTW_DP) {
    rmdir(path);
  } else {
    unlink(path);
  }
  return 0;
}

static void
remove_spool(Run* r)
{
  if (r->spool) {
    nftw(r->spool, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(r->spool);
    r->spool = NULL;
  }
  if (r->spool_fd >= 0) {
    close(r->spool_fd);
    r->spool_fd = -1;
  }
}

/* A spool directory, made and locked for the run's life (the workers
 * share the lock): a spool nobody holds locked is a killed run's. */
static UnkgStatus
make_spool(Run* r, const char* pattern_dir, const char* prefix)
{
  UnkgBuf spool = {0};
  if (unkg_buf_printf(&spool, "%s/%sunkg-spool.XXXXXX", pattern_dir, prefix)) {
    run_error(r, "", UNKG_ERR_NOMEM, "%s", unkg_strerror(UNKG_ERR_NOMEM));
    return UNKG_ERR_NOMEM;
  }
  if (!mkdtemp(spool.data)) {
    run_error(r, spool.data, UNKG_ERR_IO, "cannot create a spool directory: %s", strerror(errno));
    unkg_buf_clear(&spool);
    return UNKG_ERR_IO;
  }
  r->spool    = unkg_buf_take(&spool);
  r->spool_fd = open(r->spool, O_RDONLY | O_DIRECTORY);
  if (r->spool_fd < 0 || flock(r->spool_fd, LOCK_EX)) {
    run_error(r, r->spool, UNKG_ERR_IO, "cannot lock the spool directory: %s", strerror(errno));
    return UNKG_ERR_IO;
  }
  return UNKG_OK;
}

/* The spools that killed runs left in the output directory (under its
 * lock, which a new spool is made under too). */
static void
sweep_spools(Run* r)
{
  DIR* d = opendir(r->o->out);
  for (struct dirent* e; d && (e = readdir(d));) {
    if (strncmp(e->d_name, ".unkg-spool.", 12)) {
      continue;
    }
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", r->o->out, e->d_name);
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0 && !flock(fd, LOCK_EX | LOCK_NB)) {
      nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
      run_message(r, UNKG_LEVEL_WARNING, r->o->out, UNKG_OK,
                  "removed %s, left by an export that was killed", path);
    }
    if (fd >= 0) {
      close(fd);
    }
  }
  if (d) {
    closedir(d);
  }
}

/* The temporary files of the output: removed, since the run did not get
 * to the end. */
static void
discard_output(Run* r)
{
  for (size_t k = 0; k < r->n_outs; ++k) {
    Out* out = &r->outs[k];
    if (out->temp) {
      if (out->f) {
        fclose(out->f);
        out->f = NULL;
      }
      unlink(out->temp);
    }
  }
}

static void
free_output(Run* r)
{
  for (size_t k = 0; k < r->n_outs; ++k) {
    free(r->outs[k].temp);
    free(r->outs[k].final);
  }
  free(r->outs);
}

/* Can a file be made in dir?  Tried, not asked (access() says yes to root
 * on a read-only sysfs); the probe is named like a temporary export file,
 * so that a run killed here leaves nothing the next one keeps. */
static bool
dir_writable(const char* dir)
{
  char path[PATH_MAX];
  if (snprintf(path, sizeof path, "%s/.unkg-probe.ttl.XXXXXX", dir) >= (int)sizeof path) {
    errno = ENAMETOOLONG;
    return false;
  }
  int fd = mkstemp(path);
  if (fd < 0) {
    return false;
  }
  close(fd);
  unlink(path);
  return true;
}

/* A temporary file for final, in final's directory and named like the
 * writer's (.NAME.XXXXXX), readable by others as an export is. */
static UnkgStatus
open_temp(Run* r, size_t k, const char* final)
{
  const char* slash = strrchr(final, '/');
  UnkgBuf     tmp   = {0};
  UnkgStatus  st    = slash
                        ? unkg_buf_printf(&tmp, "%.*s/.%s.XXXXXX", (int)(slash - final), final, slash + 1)
                        : unkg_buf_printf(&tmp, ".%s.XXXXXX", final);
  Out*        out   = &r->outs[k];
  if (st || !(out->final = unkg_strdup(final))) {
    unkg_buf_clear(&tmp);
    return UNKG_ERR_NOMEM;
  }
  int fd = mkstemp(tmp.data);
  if (fd < 0) {
    run_error(r, final, UNKG_ERR_IO, "cannot write: %s", strerror(errno));
    unkg_buf_clear(&tmp);
    return UNKG_ERR_IO;
  }
  out->temp   = unkg_buf_take(&tmp);
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  if (!(out->f = fdopen(fd, "wb"))) {
    close(fd);
    run_error(r, final, UNKG_ERR_IO, "cannot write: %s", strerror(errno));
    return UNKG_ERR_IO;
  }
  return UNKG_OK;
}

static bool
ends_with(const char* s, const char* end)
{
  size_t n = strlen(s), m = strlen(end);
  return n >= m && !strcmp(s + n - m, end);
}

/* The output directory, the files of the stream outputs and the spool. */
static UnkgStatus
open_output(Run* r)
{
  const UnkgExportOptions* o = r->o;
  if (o->sink == UNKG_SINK_FILES || o->sink == UNKG_SINK_SHARDS) {
    if (unkg_make_dirs(o->out)) {
      run_error(r, o->out, UNKG_ERR_IO, "cannot create output directory: %s", strerror(errno));
      return UNKG_ERR_IO;
    }
    if (!dir_writable(o->out)) {
      run_error(r, o->out, UNKG_ERR_IO, "cannot write into the output directory: %s",
                strerror(errno));
      return UNKG_ERR_IO;
    }
  }
  if (o->sink == UNKG_SINK_FILES) {
    /* Documents are renamed from the spool into place, so the spool is in
     * the output directory.  Leftovers of killed runs go first: the
     * writer's temporary files, then spools. */
    const UnkgCtx c  = {o->lex, o->message, o->message_data, o->out};
    UnkgWriter*   w  = unkg_writer_new(o->out, o->fmts);
    UnkgStatus    st = w ? unkg_writer_sweep(&c, w) : UNKG_ERR_NOMEM;
    unkg_writer_free(w);
    if (st) {
      return st;
    }
    if ((r->out_fd = open(o->out, O_RDONLY | O_DIRECTORY)) < 0) {
      run_error(r, o->out, UNKG_ERR_IO, "cannot open the output directory: %s", strerror(errno));
      return UNKG_ERR_IO;
    }
    while (flock(r->out_fd, LOCK_EX) && errno == EINTR) {
    }
    sweep_spools(r);
    st = make_spool(r, o->out, ".");
    flock(r->out_fd, LOCK_UN);
    return st;
  }
  r->ext    = o->sink == UNKG_SINK_STDOUT && (o->fmts & UNKG_FMT_NTRIPLES) ? "nt" : "nq";
  r->gz     = o->sink == UNKG_SINK_COMBINE && ends_with(o->out, ".gz");
  r->n_outs = o->sink == UNKG_SINK_SHARDS ? o->shards : 1;
  if (!(r->outs = calloc(r->n_outs, sizeof *r->outs))) {
    run_error(r, "", UNKG_ERR_NOMEM, "%s", unkg_strerror(UNKG_ERR_NOMEM));
    return UNKG_ERR_NOMEM;
  }
  const char* tmpdir = getenv("TMPDIR");
  UnkgStatus  st     = make_spool(r, tmpdir && *tmpdir ? tmpdir : "/tmp", "");
  if (st) {
    return st;
  }
  if (o->sink == UNKG_SINK_STDOUT) {
    r->outs[0].f = stdout;
    return UNKG_OK;
  }
  if (o->sink == UNKG_SINK_COMBINE) {
    return open_temp(r, 0, o->out);
  }
  int width = snprintf(NULL, 0, "%u", o->shards);
  for (size_t k = 0; k < r->n_outs; ++k) {
    UnkgBuf name = {0};
    st = unkg_buf_printf(&name, "%s/shard-%0*zu-of-%u.nq", o->out, width, k + 1, o->shards);
    if (!st) {
      st = open_temp(r, k, name.data);
    }
    unkg_buf_clear(&name);
    if (st) {
      return st;
    }
  }
  return UNKG_OK;
}

/* The spooled document of input i, appended to its output file: a shard
 * takes a whole document, and the one with the fewest bytes so far takes
 * the next (the first of them on a tie), so the split depends on the
 * inputs alone. */
static UnkgStatus
put_document(Run* r, size_t i, size_t* shard)
{
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/%zu.%s%s", r->spool, i, r->ext, r->gz ? ".gz" : "");
  size_t k = 0;
  for (size_t j = 1; j < r->n_outs; ++j) {
    if (r->outs[j].bytes < r->outs[k].bytes) {
      k = j;
    }
  }
  *shard      = k;
  Out*    out = &r->outs[k];
  FILE*   f   = out->f;
  int     fd  = open(path, O_RDONLY | O_CLOEXEC);
  bool    ok  = fd >= 0;
  int     err = errno;
  char    buf[65536];
  ssize_t n;
  while (ok && (n = read(fd, buf, sizeof buf)) != 0) {
    if (n < 0) {
      ok  = errno == EINTR;
      err = errno;
    } else if (fwrite(buf, 1, (size_t)n, f) != (size_t)n) {
      ok  = false;
      err = errno;
    } else {
      out->bytes += (uint64_t)n;
    }
  }
  if (fd >= 0) {
    close(fd);
  }
  unlink(path);
  /* A stream goes out document by document. */
  if (ok && f == stdout && fflush(f)) {
    ok  = false;
    err = errno;
  }
  if (!ok) {
    if (f == stdout && err == EPIPE) {
      r->sig = SIGPIPE; /* the reader is gone: end as a pipeline's writer does */
    } else {
      run_error(r, out->temp ? out->final : "-", UNKG_ERR_IO, "cannot write: %s", strerror(err));
    }
    return UNKG_ERR_IO;
  }
  return UNKG_OK;
}

/* The output files, flushed (and synced) and renamed into place together,
 * under the output directory's lock as the per-document files are. */
static UnkgStatus
close_output(Run* r)
{
  if (r->o->sink == UNKG_SINK_FILES) {
    return UNKG_OK;
  }
  if (r->o->sink == UNKG_SINK_STDOUT) {
    if (fflush(stdout)) {
      run_error(r, "-", UNKG_ERR_IO, "cannot write: %s", strerror(errno));
      return UNKG_ERR_IO;
    }
    return UNKG_OK;
  }
  UnkgStatus st = UNKG_OK;
  if (r->gz && !r->outs[0].bytes && !fflush(r->outs[0].f)) {
    /* No document: an empty gzip member keeps the file a gzip file. */
    int    fd = dup(fileno(r->outs[0].f));
    gzFile z  = fd >= 0 ? gzdopen(fd, "wb") : NULL;
    if (!z || gzclose(z) != Z_OK) {
      st = UNKG_ERR_IO;
    }
  }
  for (size_t k = 0; k < r->n_outs && !st; ++k) {
    FILE* f      = r->outs[k].f;
    r->outs[k].f = NULL;
    bool bad     = fflush(f) != 0 || ferror(f) || (r->o->sync && fsync(fileno(f)) != 0);
    bad          = fclose(f) != 0 || bad;
    if (bad) {
      run_error(r, r->outs[k].final, UNKG_ERR_IO, "cannot write: %s", strerror(errno));
      st = UNKG_ERR_IO;
    }
  }
  char        dir[PATH_MAX];
  const char* slash = strrchr(r->o->out, '/');
  if (r->o->sink == UNKG_SINK_SHARDS) {
    snprintf(dir, sizeof dir, "%s", r->o->out);
  } else if (slash) {
    snprintf(dir, sizeof dir, "%.*s", (int)(slash - r->o->out + 1), r->o->out);
  } else {
    snprintf(dir, sizeof dir, ".");
  }
  int lock = st ? -1 : open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (lock >= 0) {
    while (flock(lock, LOCK_EX) && errno == EINTR) {
    }
  }
  for (size_t k = 0; k < r->n_outs && !st; ++k) {
    Out* out = &r->outs[k];
    if (rename(out->temp, out->final)) {
      run_error(r, out->final, UNKG_ERR_IO, "cannot write: %s", strerror(errno));
      st = UNKG_ERR_IO;
    } else {
      free(out->temp);
      out->temp = NULL;
    }
  }
  if (lock >= 0) {
    close(lock);
  }
  if (st) {
    discard_output(r);
  }
  return st;
}

/* ---- the run ------------------------------------------------------------------- */

/* The output name of input i, to be written by it: taken if no earlier
 * input wrote it, or written again by the same graph (*again); another
 * graph under a name taken is an error naming both, as in a run of one
 * process. */
static UnkgStatus
take_name(Run* r, size_t i, Name** name, bool* again)
{
  Doc*  d   = &r->docs[i];
  char* key = d->stem ? unkg_strdup(d->stem) : NULL;
  if (!key) {
    run_error(r, r->inputs[i], UNKG_ERR_NOMEM, "%s", unkg_strerror(UNKG_ERR_NOMEM));
    return UNKG_ERR_NOMEM;
  }
  for (char* p = key; *p; ++p) {
    if (*p >= 'A' && *p <= 'Z') {
      *p = (char)(*p - 'A' + 'a');
    }
  }
  size_t* slot = NULL;
  bool    ok   = !unkg_strmap_put(&r->name_of, key, r->n_names, &slot);
  free(key);
  if (ok && *slot == r->n_names) {
    Name* names = realloc(r->names, (r->n_names + 1) * sizeof *names);
    ok          = names != NULL;
    if (ok) {
      r->names             = names;
      r->names[r->n_names] = (Name){NULL, 0};
      ++r->n_names;
    }
  }
  if (!ok) {
    run_error(r, r->inputs[i], UNKG_ERR_NOMEM, "%s", unkg_strerror(UNKG_ERR_NOMEM));
    return UNKG_ERR_NOMEM;
  }
  Name* e = &r->names[*slot];
  if (e->owner && e->digest != d->digest) {
    run_error(r, where(r), UNKG_ERR_USAGE, "%s and %s both map to the output name %s: %s not written",
              e->owner, r->inputs[i], d->stem, r->inputs[i]);
    return UNKG_ERR_USAGE;
  }
  *name  = e;
  *again = e->owner != NULL;
  return UNKG_OK;
}

/* Input i's files, from the spool into the output directory, together
 * under its lock (so that concurrent runs publish one document at a
 * time). */
static UnkgStatus
publish_files(Run* r, size_t i)
{
  UnkgStatus st = UNKG_OK;
  while (flock(r->out_fd, LOCK_EX) && errno == EINTR) {
  }
  for (size_t k = 0; k < N_EXTS && !st; ++k) {
    if (r->o->fmts & spool_exts[k].fmt) {
      char from[PATH_MAX], to[PATH_MAX];
      snprintf(from, sizeof from, "%s/%zu.%s", r->spool, i, spool_exts[k].ext);
      snprintf(to, sizeof to, "%s/%s.%s", r->o->out, r->docs[i].stem, spool_exts[k].ext);
      if (rename(from, to)) {
        run_error(r, to, UNKG_ERR_IO, "cannot write: %s", strerror(errno));
        st = UNKG_ERR_IO;
      }
    }
  }
  flock(r->out_fd, LOCK_UN);
  return st;
}

/* What input i left in the spool when it was not published. */
static void
unspool(Run* r, size_t i)
{
  for (size_t k = 0; k < N_EXTS; ++k) {
    if (r->o->fmts & spool_exts[k].fmt) {
      char path[PATH_MAX];
      snprintf(path, sizeof path, "%s/%zu.%s%s", r->spool, i, spool_exts[k].ext, r->gz ? ".gz" : "");
      unlink(path);
    }
  }
}

/* Input i, in input order: its messages in the order they were made,
 * then its output published and its progress line. */
static void
emit(Run* r, size_t i)
{
  Doc* d = &r->docs[i];
  for (size_t at = 0; at + 4 <= d->msgs.len;) {
    uint32_t    len = get_u32(d->msgs.data + at);
    UnkgMessage m;
    if (at + 4 + len > d->msgs.len) {
      break;
    }
    if (r->o->message && decode_message(d->msgs.data + at + 4, len, &m)) {
      r->o->message(r->o->message_data, &m);
    }
    at += 4 + len;
  }
  Name*  e     = NULL;
  bool   again = false;
  size_t shard = 0;
  if (!d->status) {
    d->status = take_name(r, i, &e, &again);
  }
  if (!d->status && !stream_sink(r)) {
    d->status = publish_files(r, i);
  } else if (!d->status && !again && put_document(r, i, &shard)) {
    r->broken = true; /* the output failed, not the input */
  }
  if (!d->status && e && !e->owner) {
    e->owner  = r->inputs[i];
    e->digest = d->digest;
  }
  /* Published files were renamed away: nothing of them is left to remove. */
  const bool published = !d->status && !stream_sink(r);
  if (!published) {
    unspool(r, i);
  }
  if (d->status) {
    ++r->failed;
  } else if (r->o->progress && !r->broken && again && stream_sink(r)) {
    fprintf(stderr, "[%zu/%zu] %s -> not repeated: the same document as %s (%zu triples)\n", i + 1,
            r->n, r->inputs[i], e->owner, d->triples);
  } else if (r->o->progress && !r->broken) {
    const char* to = r->o->sink == UNKG_SINK_FILES    ? r->o->out
                     : r->o->sink == UNKG_SINK_STDOUT ? "standard output"
                     : r->o->sink == UNKG_SINK_SHARDS ? r->outs[shard].final
                                                      : r->o->out;
    fprintf(stderr, "[%zu/%zu] %s -> %s%s%s (%zu triples)\n", i + 1, r->n, r->inputs[i], to,
            r->o->sink == UNKG_SINK_FILES ? "/" : "",
            r->o->sink == UNKG_SINK_FILES && d->stem ? d->stem : "", d->triples);
  }
  free(d->stem);
  d->stem = NULL;
  unkg_buf_clear(&d->msgs);
}

/* Waits for the workers (or the first deadline, or a signal) and handles
 * what they sent. */
static void
wait_for_workers(Run* r)
{
  struct pollfd*  fds = r->fds;
  unsigned*       of  = r->fds_of;
  nfds_t          n   = 0;
  struct timespec now, wait = {0, 0}, *timeout = NULL;
  clock_gettime(CLOCK_MONOTONIC, &now);
  for (unsigned k = 0; k < r->n_slots; ++k) {
    Slot* s = &r->slots[k];
    if (!s->pid) {
      continue;
    }
    fds[n]  = (struct pollfd){s->from, POLLIN, 0};
    of[n++] = k;
    if (r->o->max_seconds && s->doc != NONE) {
      struct timespec left = time_left(s->deadline, now);
      if (!timeout || left.tv_sec < wait.tv_sec
          || (left.tv_sec == wait.tv_sec && left.tv_nsec < wait.tv_nsec)) {
        wait    = left;
        timeout = &wait;
      }
    }
  }
  if (!n) {
    r->broken = true; /* no worker and none could be started: said already */
    return;
  }
  /* The fatal signals are let through only here, so that one never
   * interrupts the dispatcher half-way through a step. */
  int ready = ppoll(fds, n, timeout, &r->mask);
  if (caught) {
    r->sig = caught;
    return;
  }
  for (nfds_t k = 0; ready > 0 && k < n; ++k) {
    Slot* s = &r->slots[of[k]];
    if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) {
      continue;
    }
    char    buf[65536];
    ssize_t got = read(s->from, buf, sizeof buf);
    if (got > 0) {
      if (unkg_buf_append(&s->in, buf, (size_t)got) || !frames(r, s)) {
        kill(s->pid, SIGKILL); /* out of memory, or nonsense: its input fails */
        reap(r, s, false);
      }
    } else if (got == 0 || errno != EINTR) {
      reap(r, s, false);
    }
    if (r->sig) {
      return;
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &now);
  for (unsigned k = 0; r->o->max_seconds && k < r->n_slots; ++k) {
    Slot* s = &r->slots[k];
    if (s->pid && s->doc != NONE
        && (now.tv_sec > s->deadline.tv_sec
            || (now.tv_sec == s->deadline.tv_sec && now.tv_nsec >= s->deadline.tv_nsec))) {
      reap(r, s, true);
    }
  }
}

/* Every worker is told there is no more work (or, stopping, killed) and
 * waited for. */
static void
end_workers(Run* r, bool kill_them)
{
  r->stopping = true;
  r->killing  = kill_them;
  for (unsigned k = 0; k < r->n_slots; ++k) {
    if (r->slots[k].pid && kill_them) {
      kill(r->slots[k].pid, SIGTERM);
    }
  }
  for (unsigned k = 0; k < r->n_slots; ++k) {
    if (r->slots[k].pid) {
      reap(r, &r->slots[k], false);
    }
    unkg_buf_clear(&r->slots[k].in);
  }
}

static void
free_run(Run* r)
{
  for (size_t i = 0; r->docs && i < r->n; ++i) {
    free(r->docs[i].stem);
    unkg_buf_clear(&r->docs[i].msgs);
  }
  free(r->docs);
  free(r->slots);
  free(r->fds);
  free(r->fds_of);
  free(r->names);
  unkg_strmap_clear(&r->name_of);
  free_output(r);
  if (r->out_fd >= 0) {
    close(r->out_fd);
    r->out_fd = -1;
  }
}

/* A fatal signal: the workers are stopped (each removes its temporary
 * files), the spool and the output's temporary files are removed, and the
 * signal takes its course. */
static void
interrupted(Run* r, struct sigaction* old, const sigset_t* blocked)
{
  int sig = r->sig;
  end_workers(r, true);
  remove_spool(r);
  discard_output(r);
  free_run(r);
  for (size_t k = 0; k < N_FATAL; ++k) {
    sigaction(fatal_signals[k], &old[k], NULL);
  }
  signal(sig, SIG_DFL);
  sigset_t mask = *blocked;
  sigdelset(&mask, sig);
  sigprocmask(SIG_SETMASK, &mask, NULL);
  raise(sig);
}

UnkgStatus
unkg_export_run(const UnkgExportOptions* o, char* const* inputs, size_t n, size_t* failed)
{
  Run r      = {0};
  r.spool_fd = -1;
  r.out_fd   = -1;
  r.o        = o;
  r.inputs   = inputs;
  r.n        = n;
  r.n_slots  = o->jobs < 1 ? 1 : o->jobs > n ? (unsigned)n : o->jobs;
  *failed    = 0;
  r.docs     = calloc(n ? n : 1, sizeof *r.docs);
  r.slots    = calloc(r.n_slots ? r.n_slots : 1, sizeof *r.slots);
  r.fds      = calloc(r.n_slots ? r.n_slots : 1, sizeof *r.fds);
  r.fds_of   = calloc(r.n_slots ? r.n_slots : 1, sizeof *r.fds_of);
  if (!r.docs || !r.slots || !r.fds || !r.fds_of) {
    run_error(&r, "", UNKG_ERR_NOMEM, "%s", unkg_strerror(UNKG_ERR_NOMEM));
    free_run(&r);
    return UNKG_ERR_NOMEM;
  }
  /* The fatal signals wait while the dispatcher works (wait_for_workers
   * takes them); a closed standard output is an error, not a signal. */
  sigset_t         fatal;
  struct sigaction sa, old[N_FATAL], old_pipe;
  sigemptyset(&fatal);
  for (size_t k = 0; k < N_FATAL; ++k) {
    sigaddset(&fatal, fatal_signals[k]);
  }
  sigprocmask(SIG_BLOCK, &fatal, &r.mask);
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (size_t k = 0; k < N_FATAL; ++k) {
    sigaction(fatal_signals[k], &sa, &old[k]);
  }
  sa.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &sa, &old_pipe);
  caught = 0;

  if (group_inputs(&r)) {
    run_error(&r, "", UNKG_ERR_NOMEM, "%s", unkg_strerror(UNKG_ERR_NOMEM));
    free_run(&r);
    return UNKG_ERR_NOMEM;
  }
  UnkgStatus st = open_output(&r);
  for (unsigned k = 0; !st && k < r.n_slots; ++k) {
    r.slots[k].doc = NONE;
    if (!spawn(&r, &r.slots[k])) {
      st = UNKG_ERR_IO;
    }
  }
  while (!st && r.next_emit < n && !r.broken && !r.sig) {
    dispatch(&r);
    while (r.next_emit < n && r.docs[r.next_emit].state == DONE && !r.broken && !r.sig) {
      emit(&r, r.next_emit++);
    }
    if (r.next_emit < n && !r.broken && !r.sig) {
      wait_for_workers(&r);
    }
  }
  if (r.sig) {
    sigaction(SIGPIPE, &old_pipe, NULL);
    interrupted(&r, old, &r.mask);
    return UNKG_ERR_IO; /* the signal was ignored after all */
  }
  if (r.broken) {
    st = UNKG_ERR_IO;
  }
  end_workers(&r, st != UNKG_OK);
  if (r.sig) {
    /* A worker was interrupted at the very end. */
    sigaction(SIGPIPE, &old_pipe, NULL);
    interrupted(&r, old, &r.mask);
    return UNKG_ERR_IO;
  }
  if (!st) {
    st = close_output(&r);
  } else {
    discard_output(&r);
  }
  remove_spool(&r);
  *failed = r.failed;
  free_run(&r);
  sigaction(SIGPIPE, &old_pipe, NULL);
  for (size_t k = 0; k < N_FATAL; ++k) {
    sigaction(fatal_signals[k], &old[k], NULL);
  }
  sigprocmask(SIG_SETMASK, &r.mask, NULL);
  return st;
}
