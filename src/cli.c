/* The unkg command: wires the pipeline stages together, nothing more. */
#include "config.h"

#include "buf.h"
#include "export.h"
#include "lexicon.h"
#include "publish.h"
#include "query.h"
#include "serialize.h"
#include "store.h"
#include "vocab.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Exit codes, documented in --help and unkg(1). */
enum {
  EXIT_INPUT = 1, /* at least one input could not be exported */
  EXIT_USAGE = 2, /* bad command line */
  EXIT_SETUP = 3  /* reference data or output directory unusable */
};

static const char* progname = "unkg";

static void
usage(FILE* f)
{
  fprintf(f,
          "Usage: %s export [OPTIONS] FILE...\n"
          "       %s load --store PATH [OPTIONS] FILE...\n"
          "       %s query [-q FILE | -e QUERY] [--format FORMAT] [--store PATH] DATA...\n"
          "       %s publish -o SITE [--base IRI] [--sparql URL] FILE...\n"
          "       %s --help | --version\n"
          "\n"
          "Turns UN documents (General Assembly resolutions, Secretary-General's\n"
          "reports with member states' replies) extracted from PDF, and General\n"
          "Assembly resolutions in Akoma Ntoso XML (AKN4UN), into RDF.\n"
          "\n"
          "export options:\n"
          "  -o, --output DIR      write into DIR (default: output), created if missing;\n"
          "                        -o - streams N-Quads (or -f ntriples) to standard output\n"
          "  -f, --formats LIST    comma-separated: turtle, rdfxml, ntriples, nquads\n"
          "                        (default: turtle,rdfxml)\n"
          "  -j, --jobs N          N worker processes (default: the number of processors);\n"
          "                        the output and the messages are the same for any N\n"
          "      --combine FILE    the whole run as one N-Quads file, FILE.nq or FILE.nq.gz\n"
          "      --shard N         the run as N N-Quads files in DIR (shard-K-of-N.nq), each\n"
          "                        document whole in one of them\n"
          "      --base IRI        data namespace (default: %s)\n"
          "      --data-dir DIR    reference data directory (default: $UNKG_DATA_DIR,\n"
          "                        then the installed ontology directory)\n"
          "  -q, --quiet           no progress or warnings, errors only\n"
          "  -v, --verbose         progress line per input even when not on a terminal,\n"
          "                        and a line per paragraph the alignment of a\n"
          "                        resolution's language files renames or leaves alone\n"
          "      --sync            fsync each output file before renaming it into place\n"
          "      --max-seconds N   stop an input that takes more than N s (it fails)\n"
          "\n"
          "FILE may be - for standard input; XML input is recognised by its content.\n"
          "Each input gives one file per format,\n"
          "named after the document symbol and language (A_RES_71_28.zh.ttl); messages\n"
          "come per input, in input order (docs/scale.md).\n"
          "\n"
          "load options: (exported .ttl/.rdf/.nt/.nq files are loaded as they are;\n"
          "other inputs are exported on the fly)\n"
          "  --store PATH          the store (SQLite, created if missing); one named\n"
          "                        graph per document, replaced when loaded again;\n"
          "                        virtuoso:DIR: a private Virtuoso server in DIR, started\n"
          "                        and left running (stop it: unkg store stop DIR)\n"
          "  --no-reference        do not (re)load the reference data and ontology\n"
          "                        into graph <" UNKG_GRAPH_REF
          ">\n"
          "  --base, --data-dir, -q, -v as for export\n"
          "\n"
          "query runs a SPARQL 1.1 query over RDF files held in memory, or a store:\n"
          "  -q, --query FILE      the query, from FILE (- for standard input)\n"
          "  -e, --expression Q    the query, given on the command line\n"
          "  -f, --format FORMAT   table (aligned columns; the default on a terminal),\n"
          "                        tsv (the default otherwise), csv, json or xml\n"
          "  --store PATH          query a store made by unkg load (DATA optional)\n"
          "  --timeout SECONDS     stop a query that runs longer (exit 1)\n"
          "  --max-rows N          stop after N rows (a warning says so)\n"
          "  --max-memory MIB      memory the query may add (default 8192)\n"
          "  --allow-service       let SERVICE reach the network (refused otherwise)\n"
          "  --graph-per-file      a file's triples outside any graph go to a graph of\n"
          "                        their own (its expression, as unkg load names it)\n"
          "  -v, --verbose         triples loaded, and the SPARQL engine's warnings\n"
          "DATA is a file (.ttl, .rdf, .owl, .nt, .nq) or a directory of such files;\n"
          "N-Quads keep their graphs; the default graph holds every triple once\n"
          "(docs/sparql.md).  ASK prints true or false;\n"
          "CONSTRUCT and DESCRIBE print sorted N-Triples.\n"
          "\n"
          "publish writes a linked-data site (docs/publish.md): every IRI under the\n"
          "base described in HTML, Turtle, RDF/XML, N-Triples and JSON-LD, a dataset\n"
          "description, a sitemap, a dump and an nginx configuration.  FILE: exports\n"
          "(.ttl/.rdf/.nt/.nq, one document each) or inputs, exported on the fly.\n"
          "  -o, --output SITE     the site directory, replaced as a whole\n"
          "      --base IRI        the site's IRI (default: " UNKG_SITE_DEFAULT_BASE ")\n"
          "      --sparql URL      the endpoint nginx proxies /sparql to\n"
          "  --data-dir, -q, -v as for export; any input failing publishes nothing\n"
          "\n"
          "Exit status: export, load: 0 all inputs done; 1 some input failed (the\n"
          "others were still done); 2 bad usage; 3 reference data, store or output\n"
          "directory unusable.  query: 0 answered; 1 a data file or store could not be\n"
          "read, or the query failed while running; 2 bad usage or a query that does\n"
          "not parse.\n",
          progname, progname, progname, progname, progname, UNKG_NS_DATA);
}

/* How a command shows messages. */
typedef struct {
  bool     quiet; /* errors only */
  unsigned line;  /* of the last error: the query's, to show it */
} Printer;

/* Where every stage's messages go (a Printer is the data): stderr, as
 * compilers print them. */
static void
print_message(void* data, const UnkgMessage* m)
{
  Printer* p = data;
  if (m->level == UNKG_LEVEL_ERROR) {
    p->line = m->line;
  } else if (p->quiet) {
    return;
  }
  const char* level = m->level == UNKG_LEVEL_ERROR ? "error" : "warning";
  if (!m->file[0]) {
    fprintf(stderr, "%s: %s: %s\n", progname, level, m->msg);
  } else if (m->line && m->column) {
    fprintf(stderr, "%s: %s:%u:%u: %s: %s\n", progname, m->file, m->line, m->column, level, m->msg);
  } else if (m->line) {
    fprintf(stderr, "%s: %s:%u: %s: %s\n", progname, m->file, m->line, level, m->msg);
  } else {
    fprintf(stderr, "%s: %s: %s: %s\n", progname, m->file, level, m->msg);
  }
}

/* The lexicon of data directory dir, NULL (and c told why) if unusable. */
static UnkgLexicon*
load_lexicon(const UnkgCtx* c, const char* dir)
{
  UnkgLexicon* lex = unkg_lexicon_new();
  if (!lex) {
    unkg_error_in(c, dir, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  } else if (unkg_lexicon_load_dir(c, lex, dir)) {
    unkg_lexicon_free(lex);
    lex = NULL;
  }
  return lex;
}

static bool
dir_has_data(const char* dir)
{
  char path[4096];
  snprintf(path, sizeof path, "%s/verbs.ttl", dir);
  return access(path, R_OK) == 0;
}

static const char*
data_dir(const char* option)
{
  if (option) {
    return option;
  }
  const char* env = getenv("UNKG_DATA_DIR");
  if (env && *env) {
    return env;
  }
  if (dir_has_data(UNKG_DATADIR)) {
    return UNKG_DATADIR;
  }
  return UNKG_SRCDATADIR; /* running from the build tree */
}

/* A count from 1 to max, for -j and --shard. */
static bool
parse_small(const char* s, unsigned max, unsigned* out)
{
  char*         end = NULL;
  unsigned long v   = strtoul(s, &end, 10);
  if (!*s || *end || *s == '-' || *s == '+' || v < 1 || v > max) {
    return false;
  }
  *out = (unsigned)v;
  return true;
}

static bool
ends_with(const char* s, const char* end)
{
  size_t n = strlen(s), m = strlen(end);
  return n >= m && !strcmp(s + n - m, end);
}

static int
cmd_export(int argc, char** argv)
{
  static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
                                       {"formats", required_argument, NULL, 'f'},
                                       {"base", required_argument, NULL, 'b'},
                                       {"data-dir", required_argument, NULL, 'd'},
                                       {"quiet", no_argument, NULL, 'q'},
                                       {"verbose", no_argument, NULL, 'v'},
                                       {"sync", no_argument, NULL, 's'},
                                       {"max-seconds", required_argument, NULL, 'm'},
                                       {"jobs", required_argument, NULL, 'j'},
                                       {"combine", required_argument, NULL, 'C'},
                                       {"shard", required_argument, NULL, 'S'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  UnkgExportOptions          o      = {0};
  const char*                data   = NULL;
  const char*                out    = NULL;
  bool                       quiet  = false;
  int                        c;
  o.jobs     = unkg_export_default_jobs();
  o.base     = UNKG_NS_DATA;
  o.message  = print_message;
  o.progress = isatty(STDERR_FILENO);
  optind     = 1;
  while ((c = getopt_long(argc, argv, "o:f:j:qvh", opts, NULL)) != -1) {
    switch (c) {
    case 'o': out = optarg; break;
    case 'f':
      if (!(o.fmts = unkg_formats_parse(optarg))) {
        fprintf(stderr, "%s: unknown format in '%s' (turtle, rdfxml, ntriples, nquads)\n", progname,
                optarg);
        return EXIT_USAGE;
      }
      break;
    case 'b':
      if (!strstr(optarg, "://") && strncmp(optarg, "urn:", 4)) {
        fprintf(stderr, "%s: --base needs an absolute IRI, not '%s'\n", progname, optarg);
        return EXIT_USAGE;
      }
      o.base = optarg;
      break;
    case 'd': data = optarg; break;
    case 'q':
      quiet      = true;
      o.progress = false;
      break;
    case 'v':
      o.progress = true;
      o.verbose  = true;
      break;
    case 's': o.sync = true; break;
    case 'm':
      if (!parse_small(optarg, 86400, &o.max_seconds)) {
        fprintf(stderr, "%s: --max-seconds needs a number of seconds from 1 to 86400, not '%s'\n",
                progname, optarg);
        return EXIT_USAGE;
      }
      break;
    case 'j':
      if (!parse_small(optarg, 1024, &o.jobs)) {
        fprintf(stderr, "%s: -j needs a number of processes from 1 to 1024, not '%s'\n", progname,
                optarg);
        return EXIT_USAGE;
      }
      break;
    case 'C':
      if (!ends_with(optarg, ".nq") && !ends_with(optarg, ".nq.gz")) {
        fprintf(stderr, "%s: --combine writes N-Quads: name the file *.nq or *.nq.gz, not '%s'\n",
                progname, optarg);
        return EXIT_USAGE;
      }
      o.sink = UNKG_SINK_COMBINE;
      o.out  = optarg;
      break;
    case 'S':
      if (!parse_small(optarg, 10000, &o.shards)) {
        fprintf(stderr, "%s: --shard needs a number of shards from 1 to 10000, not '%s'\n",
                progname, optarg);
        return EXIT_USAGE;
      }
      break;
    case 'h': usage(stdout); return 0;
    default: usage(stderr); return EXIT_USAGE;
    }
  }
  if (optind >= argc) {
    fprintf(stderr, "%s export: no input files (use - for standard input)\n", progname);
    return EXIT_USAGE;
  }
  /* One output per run: files per document (-o DIR), one stream (-o -),
   * one file (--combine) or shards (--shard, into -o DIR). */
  if (o.sink == UNKG_SINK_COMBINE && (o.shards || out)) {
    fprintf(stderr, "%s: --combine FILE is the run's one output: no -o or --shard with it\n",
            progname);
    return EXIT_USAGE;
  }
  if (o.shards && out && !strcmp(out, "-")) {
    fprintf(stderr, "%s: --shard writes files into a directory, not to standard output\n", progname);
    return EXIT_USAGE;
  }
  if (o.shards) {
    o.sink = UNKG_SINK_SHARDS;
  } else if (out && !strcmp(out, "-")) {
    o.sink = UNKG_SINK_STDOUT;
  }
  if (o.sink == UNKG_SINK_FILES) {
    o.fmts = o.fmts ? o.fmts : UNKG_FMT_TURTLE | UNKG_FMT_RDFXML;
  } else if (o.sink == UNKG_SINK_STDOUT) {
    /* Documents follow each other on one stream: only the line-based
     * syntaxes stay one valid document when concatenated. */
    o.fmts = o.fmts ? o.fmts : UNKG_FMT_NQUADS;
    if (o.fmts != UNKG_FMT_NQUADS && o.fmts != UNKG_FMT_NTRIPLES) {
      fprintf(stderr, "%s: -o - writes one stream: -f ntriples or -f nquads (the default)\n",
              progname);
      return EXIT_USAGE;
    }
  } else if (o.fmts && o.fmts != UNKG_FMT_NQUADS) {
    fprintf(stderr, "%s: --%s writes N-Quads: no -f other than nquads with it\n", progname,
            o.sink == UNKG_SINK_COMBINE ? "combine" : "shard");
    return EXIT_USAGE;
  } else {
    o.fmts = UNKG_FMT_NQUADS;
  }
  if (o.sink == UNKG_SINK_FILES || o.sink == UNKG_SINK_SHARDS) {
    o.out = out ? out : "output";
  }

  Printer       pr    = {quiet, 0};
  const char*   dir   = data_dir(data);
  const UnkgCtx setup = {NULL, print_message, &pr, dir};
  UnkgLexicon*  lex   = load_lexicon(&setup, dir);
  if (!lex) {
    return EXIT_SETUP;
  }
  o.lex             = lex;
  o.message_data    = &pr;
  size_t     failed = 0;
  UnkgStatus st     = unkg_export_run(&o, argv + optind, (size_t)(argc - optind), &failed);
  unkg_lexicon_free(lex);
  return st ? EXIT_SETUP : failed ? EXIT_INPUT : 0;
}

/* The reference data and the ontology, into their own graph. */
static UnkgStatus
load_reference(const UnkgCtx* c, UnkgStore* store, const char* dir)
{
  char**     files = NULL;
  UnkgStatus st    = unkg_reference_files(c, dir, true, &files);
  if (!st) {
    st = unkg_store_put_files(c, store, files, UNKG_GRAPH_REF);
  }
  unkg_paths_free(files);
  return st;
}

/* load and publish: their inputs in the order given, an exported graph
 * (.ttl, .rdf, .nt, .nq) as it is, a document through the pipeline as
 * `unkg export` takes it, the Akoma Ntoso files of one work together and
 * aligned (unkg_export_plan), so that every command gives a paragraph the
 * same IRI. */
typedef struct {
  const UnkgLexicon* lex;
  Printer*           pr;
  char* const*       inputs;
  size_t             total;
  const char*        base;
  /* What takes a graph (store, site), and what takes a graph file. */
  UnkgStatus (*put)(const UnkgCtx* c, void* to, UnkgGraph* g, size_t* triples);
  UnkgStatus (*put_file)(const UnkgCtx* c, void* to, const char* path, size_t* triples);
  void*       to;
  const char* verb;   /* the progress line: "[i/n] FILE VERB", */
  bool        counts; /* then " (N triples)" */
  bool        progress;
  bool        stop_on_error; /* publish: one failed input, nothing published */
  bool        failed;
} Feed;

static void
feed_report(Feed* f, size_t i, UnkgStatus st, size_t triples)
{
  if (st) {
    f->failed = true;
  } else if (f->progress) {
    if (f->counts) {
      fprintf(stderr, "[%zu/%zu] %s %s (%zu triples)\n", i + 1, f->total, f->inputs[i], f->verb,
              triples);
    } else {
      fprintf(stderr, "[%zu/%zu] %s %s\n", i + 1, f->total, f->inputs[i], f->verb);
    }
  }
}

static void
feed_start(void* data, size_t i)
{
  (void)data;
  (void)i;
}

static void
feed_done(void* data, size_t i, UnkgStatus st, UnkgGraph* g)
{
  Feed*         f = data;
  const UnkgCtx c = {f->lex, print_message, f->pr, f->inputs[i]};
  size_t        n = 0;
  if (!st && !(f->failed && f->stop_on_error)) {
    /* The store and the site read the graph through its views. */
    st = unkg_graph_expand(g);
    st = st ? unkg_error(&c, st, 0, 0, "%s", unkg_strerror(st)) : f->put(&c, f->to, g, &n);
  }
  unkg_graph_free(g);
  feed_report(f, i, st, n);
}

/* Every input into f; false when one failed. */
static bool
feed_all(Feed* f)
{
  size_t  n       = f->total;
  size_t* next    = malloc((n ? n : 1) * sizeof *next);
  size_t* members = malloc((n ? n : 1) * sizeof *members);
  char**  docs    = malloc((n ? n : 1) * sizeof *docs); /* the inputs that are documents */
  size_t* at      = malloc((n ? n : 1) * sizeof *at);   /* their indexes in f->inputs */
  size_t  nd      = 0;
  if (!next || !members || !docs || !at) {
    fprintf(stderr, "%s: %s\n", progname, unkg_strerror(UNKG_ERR_NOMEM));
    f->failed = true;
    n         = 0;
  }
  for (size_t i = 0; i < n; ++i) {
    if (!unkg_is_rdf_file(f->inputs[i])) {
      at[nd]     = i;
      docs[nd++] = f->inputs[i];
    }
  }
  if (n) {
    unkg_export_plan(docs, nd, next, members);
  }
  char* const*      all  = f->inputs;
  const UnkgJobSink sink = {feed_start, feed_done, f};
  for (size_t i = 0, d = 0; i < n && !(f->failed && f->stop_on_error); ++i) {
    if (unkg_is_rdf_file(all[i])) {
      const UnkgCtx c  = {f->lex, print_message, f->pr, all[i]};
      size_t        nt = 0;
      feed_report(f, i, f->put_file(&c, f->to, all[i], &nt), nt);
      continue;
    }
    size_t k = members[d], job[UNKG_EXPORT_WORK_MAX];
    if (k) {
      /* The job's inputs, as indexes into f->inputs. */
      size_t m = 0;
      for (size_t j = d; j != UNKG_EXPORT_END && m < k; j = next[j]) {
        job[m++] = at[j];
      }
      const UnkgCtx c = {f->lex, print_message, f->pr, NULL};
      if (unkg_export_job(&c, all, job, m, f->base, false, &sink)) {
        fprintf(stderr, "%s: %s\n", progname, unkg_strerror(UNKG_ERR_NOMEM));
        f->failed = true;
      }
    }
    ++d;
  }
  free(next);
  free(members);
  free(docs);
  free(at);
  return !f->failed;
}

static UnkgStatus
store_put_graph(const UnkgCtx* c, void* to, UnkgGraph* g, size_t* triples)
{
  *triples = g->n;
  return unkg_store_put(c, to, g, NULL);
}

static UnkgStatus
store_put_file(const UnkgCtx* c, void* to, const char* path, size_t* triples)
{
  return unkg_store_load_graphs(c, to, path, path, triples);
}

static UnkgStatus
site_put_graph(const UnkgCtx* c, void* to, UnkgGraph* g, size_t* triples)
{
  *triples = g->n;
  return unkg_publisher_add(c, to, g);
}

static UnkgStatus
site_put_file(const UnkgCtx* c, void* to, const char* path, size_t* triples)
{
  *triples = 0;
  return unkg_publisher_add_file(c, to, path);
}

static int
cmd_load(int argc, char** argv)
{
  static const struct option opts[] = {
    {"store", required_argument, NULL, 's'},    {"base", required_argument, NULL, 'b'},
    {"data-dir", required_argument, NULL, 'd'}, {"no-reference", no_argument, NULL, 'n'},
    {"quiet", no_argument, NULL, 'q'},          {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0}};
  const char* path      = NULL;
  const char* base      = UNKG_NS_DATA;
  const char* data      = NULL;
  bool        reference = true;
  bool        quiet     = false;
  bool        progress  = isatty(STDERR_FILENO);
  int         c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "s:qvh", opts, NULL)) != -1) {
    switch (c) {
    case 's': path = optarg; break;
    case 'b': base = optarg; break;
    case 'd': data = optarg; break;
    case 'n': reference = false; break;
    case 'q':
      quiet    = true;
      progress = false;
      break;
    case 'v': progress = true; break;
    case 'h': usage(stdout); return 0;
    default: usage(stderr); return EXIT_USAGE;
    }
  }
  if (!path || optind >= argc) {
    fprintf(stderr, "%s load: needs --store PATH and at least one FILE\n", progname);
    return EXIT_USAGE;
  }
  Printer       pr    = {quiet, 0};
  const char*   dir   = data_dir(data);
  const UnkgCtx setup = {NULL, print_message, &pr, path};
  UnkgLexicon*  lex   = load_lexicon(&setup, dir);
  UnkgStore*    store = NULL;
  if (!lex || unkg_store_open(&setup, path, &store)
      || (reference && load_reference(&setup, store, dir))) {
    unkg_store_free(store);
    unkg_lexicon_free(lex);
    return EXIT_SETUP;
  }
  char arrow[4096];
  snprintf(arrow, sizeof arrow, "-> %s", path);
  Feed f      = {.lex      = lex,
                 .pr       = &pr,
                 .inputs   = argv + optind,
                 .total    = (size_t)(argc - optind),
                 .base     = base,
                 .put      = store_put_graph,
                 .put_file = store_put_file,
                 .to       = store,
                 .verb     = arrow,
                 .counts   = true,
                 .progress = progress};
  int  status = feed_all(&f) ? 0 : EXIT_INPUT;
  if (unkg_store_commit(&setup, store)) {
    status = EXIT_SETUP;
  }
  size_t triples = unkg_store_size(store), graphs = unkg_store_graphs(store);
  if (!quiet) {
    fprintf(stderr, "%s: %s holds %zu triples in %zu graphs\n", progname, path, triples, graphs);
  }
  unkg_store_free(store);
  unkg_lexicon_free(lex);
  return status;
}

static int
cmd_publish(int argc, char** argv)
{
  static const struct option opts[] = {
    {"output", required_argument, NULL, 'o'},   {"base", required_argument, NULL, 'b'},
    {"sparql", required_argument, NULL, 'S'},   {"data-dir", required_argument, NULL, 'd'},
    {"quiet", no_argument, NULL, 'q'},          {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0}};
  UnkgPublishOptions o        = {NULL, NULL, NULL, NULL, NULL};
  bool               quiet    = false;
  bool               progress = isatty(STDERR_FILENO);
  int                c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:qvh", opts, NULL)) != -1) {
    switch (c) {
    case 'o': o.site = optarg; break;
    case 'b': o.base = optarg; break;
    case 'S': o.sparql = optarg; break;
    case 'd': o.data_dir = optarg; break;
    case 'q':
      quiet    = true;
      progress = false;
      break;
    case 'v': progress = true; break;
    case 'h': usage(stdout); return 0;
    default: usage(stderr); return EXIT_USAGE;
    }
  }
  if (!o.site || optind >= argc) {
    fprintf(stderr, "%s publish: needs -o SITE and at least one FILE\n", progname);
    return EXIT_USAGE;
  }
  Printer        pr    = {quiet, 0};
  UnkgPublisher* pub   = NULL;
  o.data_dir           = data_dir(o.data_dir);
  const UnkgCtx  setup = {NULL, print_message, &pr, o.site};
  UnkgLexicon*   lex   = load_lexicon(&setup, o.data_dir);
  UnkgStatus     st    = lex ? unkg_publisher_new(&setup, &o, &pub) : UNKG_ERR_SYNTAX;
  if (st) {
    unkg_lexicon_free(lex);
    return st == UNKG_ERR_USAGE ? EXIT_USAGE : EXIT_SETUP;
  }
  Feed             f      = {.lex           = lex,
                             .pr            = &pr,
                             .inputs        = argv + optind,
                             .total         = (size_t)(argc - optind),
                             .base          = UNKG_NS_DATA,
                             .put           = site_put_graph,
                             .put_file      = site_put_file,
                             .to            = pub,
                             .verb          = "staged",
                             .progress      = progress,
                             .stop_on_error = true};
  bool             fed    = feed_all(&f);
  UnkgPublishStats stats  = {0};
  int              status = fed ? 0 : EXIT_INPUT; /* an input failed: nothing published */
  if (fed && unkg_publisher_finish(&setup, pub, &stats)) {
    status = EXIT_SETUP;
  }
  if (!status && !quiet) {
    fprintf(stderr, "%s: %s: %zu documents, %zu pages, %zu triples, %zu bytes\n", progname, o.site,
            stats.documents, stats.pages, stats.triples, stats.bytes);
  }
  unkg_publisher_free(pub);
  unkg_lexicon_free(lex);
  return status;
}

/* The whole query text from a file, or from standard input for "-". */
static char*
slurp(const char* path)
{
  FILE* f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  if (!f) {
    return NULL;
  }
  UnkgBuf b = {0};
  char    chunk[4096];
  size_t  n;
  bool    ok = true;
  while (ok && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    ok = !unkg_buf_append(&b, chunk, n);
  }
  ok = ok && !ferror(f) && !unkg_buf_puts(&b, ""); /* "" still gives a string */
  if (f != stdin) {
    fclose(f);
  }
  if (!ok) {
    unkg_buf_clear(&b);
    return NULL;
  }
  return unkg_buf_take(&b);
}

/* Shows the line'th line (1-based) of a query under its syntax error. */
static void
print_query_line(const char* text, unsigned line)
{
  for (unsigned i = 1; text && i < line; ++i) {
    text = strchr(text, '\n');
    text = text ? text + 1 : NULL;
  }
  if (text && line) {
    fprintf(stderr, "    %.*s\n", (int)strcspn(text, "\n"), text);
  }
}

/* What the query process needs (unkg_query_isolated). */
typedef struct {
  const char*             store_path;
  char**                  files;
  int                     nfiles;
  bool                    verbose;
  bool                    graph_per_file;
  const char*             text;
  const char*             name;
  UnkgQueryFormat         fmt;
  const UnkgQueryOptions* opt;
} QueryRun;

static int
run_query(void* data)
{
  QueryRun*     r     = data;
  Printer       pr    = {!r->verbose, 0}; /* the library's warnings only for -v */
  const UnkgCtx ctx   = {NULL, print_message, &pr, r->name};
  UnkgStore*    store = NULL;
  /* Checked before any data is read: a refused query costs nothing. */
  char* checked = NULL;
  /* Virtuoso answers what Rasqal gets wrong: the store checks for it. */
  if (!unkg_store_is_virtuoso(r->store_path)
      && unkg_query_check(&ctx, r->text, r->name, r->opt, &checked)) {
    print_query_line(r->text, pr.line);
    return EXIT_USAGE;
  }
  free(checked);
  if (unkg_store_open_for_query(&ctx, r->store_path, &store)) {
    return EXIT_INPUT;
  }
  unkg_store_set_graph_per_file(store, r->graph_per_file);
  int status = 0;
  for (int i = 0; i < r->nfiles && !status; ++i) {
    if (unkg_store_load(&ctx, store, r->files[i])) {
      status = EXIT_INPUT; /* a partial graph would give wrong answers */
    }
  }
  if (!status && r->verbose) {
    fprintf(stderr, "%s: %zu triples loaded\n", progname, unkg_store_size(store));
  }
  if (!status) {
    UnkgStatus st = unkg_store_query(&ctx, store, r->text, r->name, r->fmt, r->opt, stdout);
    if (st) {
      if (st == UNKG_ERR_SYNTAX) {
        print_query_line(r->text, pr.line);
      }
      status = st == UNKG_ERR_SYNTAX || st == UNKG_ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
    }
  }
  if (fflush(stdout)) {
    fprintf(stderr, "%s: cannot write the results: %s\n", progname, strerror(errno));
    status = EXIT_INPUT;
  }
  if (*r->opt->truncated) {
    fprintf(stderr, "%s: %s: stopped after %zu rows (--max-rows)\n", progname, r->name,
            r->opt->max_rows);
  }
  if (*r->opt->cast_to_zero) {
    fprintf(stderr,
            "%s: %s: warning: over Virtuoso a cast to a number of a text that is no number "
            "gives 0, where SPARQL gives an error (unbound); see docs/sparql.md\n",
            progname, r->name);
  }
  unkg_store_free(store);
  return status;
}

static bool
parse_count(const char* s, size_t* out)
{
  char*              end = NULL;
  unsigned long long v   = strtoull(s, &end, 10);
  if (!*s || *end || *s == '-') {
    return false;
  }
  *out = (size_t)v;
  return true;
}

static int
cmd_query(int argc, char** argv)
{
  static const struct option opts[]     = {{"query", required_argument, NULL, 'q'},
                                           {"expression", required_argument, NULL, 'e'},
                                           {"format", required_argument, NULL, 'f'},
                                           {"verbose", no_argument, NULL, 'v'},
                                           {"store", required_argument, NULL, 's'},
                                           {"timeout", required_argument, NULL, 'T'},
                                           {"max-rows", required_argument, NULL, 'R'},
                                           {"max-memory", required_argument, NULL, 'M'},
                                           {"allow-service", no_argument, NULL, 'S'},
                                           {"graph-per-file", no_argument, NULL, 'G'},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  const char*                file       = NULL;
  const char*                expr       = NULL;
  bool                       verbose    = false;
  const char*                store_path = NULL;
  bool                       truncated = false, cast_to_zero = false;
  UnkgQueryOptions           qopt       = {false, 0, &truncated, &cast_to_zero};
  UnkgQueryLimits            lim        = {0, 8192};
  bool                       per_file   = false;
  size_t                     n          = 0;
  /* People at a terminal get the table; pipes and files get TSV, which
   * other tools read. */
  UnkgQueryFormat fmt = isatty(STDOUT_FILENO) ? UNKG_QFMT_TABLE : UNKG_QFMT_TSV;
  int             c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "q:e:f:vh", opts, NULL)) != -1) {
    switch (c) {
    case 'q': file = optarg; break;
    case 'e': expr = optarg; break;
    case 'f':
      if (!(fmt = unkg_query_format_parse(optarg))) {
        fprintf(stderr, "%s: unknown result format '%s' (table, tsv, csv, json, xml)\n", progname,
                optarg);
        return EXIT_USAGE;
      }
      break;
    case 'v': verbose = true; break;
    case 's': store_path = optarg; break;
    case 'S': qopt.allow_service = true; break;
    case 'G': per_file = true; break;
    case 'T':
    case 'R':
    case 'M':
      if (!parse_count(optarg, &n) || (c != 'R' && n > 1000000)) {
        fprintf(stderr, "%s: --%s wants a number, not '%s'\n", progname,
                c == 'T' ? "timeout" : c == 'R' ? "max-rows" : "max-memory", optarg);
        return EXIT_USAGE;
      }
      if (c == 'T') {
        lim.timeout_s = (unsigned)n;
      } else if (c == 'R') {
        qopt.max_rows = n;
      } else {
        lim.max_memory_mb = n;
      }
      break;
    case 'h': usage(stdout); return 0;
    default: usage(stderr); return EXIT_USAGE;
    }
  }
  if (!file == !expr) {
    fprintf(stderr, "%s query: give the query once, with -q FILE or -e QUERY\n", progname);
    return EXIT_USAGE;
  }
  if (optind >= argc && !store_path) {
    fprintf(stderr, "%s query: no data files (or --store PATH)\n", progname);
    return EXIT_USAGE;
  }
  char* text = file ? slurp(file) : unkg_strdup(expr);
  if (!text) {
    fprintf(stderr, "%s: %s: cannot read the query: %s\n", progname, file ? file : "-e",
            errno ? strerror(errno) : "out of memory");
    return EXIT_USAGE;
  }
  const char*   name = file ? file : "-e";
  Printer       pr   = {false, 0};
  const UnkgCtx ctx  = {NULL, print_message, &pr, name};
  QueryRun      run  = {store_path, argv + optind, argc - optind, verbose, per_file, text, name,
                        fmt,        &qopt};
  /* A Virtuoso store's server starts here, outside the query's limits. */
  if (unkg_store_serve(&ctx, store_path, false)) {
    free(text);
    return EXIT_SETUP;
  }
  /* The engine runs in a child process under limits: its crashes (Rasqal
   * has some) and runaway queries end in an error, exit 1. */
  int status = unkg_query_isolated(&ctx, &lim, run_query, &run);
  free(text);
  return status;
}

/* unkg store stop DIR: stops the Virtuoso server of a virtuoso:DIR store. */
static int
cmd_store(int argc, char** argv)
{
  if (argc != 3 || strcmp(argv[1], "stop")) {
    fprintf(stderr, "%s store: usage: %s store stop virtuoso:DIR\n", progname, progname);
    return EXIT_USAGE;
  }
  Printer       pr   = {false, 0};
  const UnkgCtx ctx  = {NULL, print_message, &pr, argv[2]};
  char*         path = NULL;
  if (unkg_store_is_virtuoso(argv[2])) {
    path = unkg_strdup(argv[2]);
  } else if ((path = malloc(strlen("virtuoso:") + strlen(argv[2]) + 1))) {
    strcat(strcpy(path, "virtuoso:"), argv[2]);
  }
  int status = !path || unkg_store_stop(&ctx, path) ? EXIT_SETUP : 0;
  free(path);
  return status;
}

int
main(int argc, char** argv)
{
  if (argc < 2) {
    usage(stderr);
    return EXIT_USAGE;
  }
  const char* cmd = argv[1];
  if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
    usage(stdout);
    return 0;
  }
  if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
    printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
    return 0;
  }
  if (!strcmp(cmd, "export")) {
    return cmd_export(argc - 1, argv + 1);
  }
  if (!strcmp(cmd, "load")) {
    return cmd_load(argc - 1, argv + 1);
  }
  if (!strcmp(cmd, "query")) {
    return cmd_query(argc - 1, argv + 1);
  }
  if (!strcmp(cmd, "store")) {
    return cmd_store(argc - 1, argv + 1);
  }
  if (!strcmp(cmd, "publish")) {
    return cmd_publish(argc - 1, argv + 1);
  }
  fprintf(stderr, "%s: unknown command '%s' (try '%s --help')\n", progname, cmd, progname);
  return EXIT_USAGE;
}
