/* Reading RDF files: the one parse path of unkg (raptor underneath), used
 * by the lexicon, the store and queries.  The syntax follows the file
 * name's extension; a file with the wrong one fails loudly instead of
 * loading as something else. */
#ifndef UNKG_RDFIO_H
#define UNKG_RDFIO_H

#include "triples.h"
#include "unkg.h"

#include <stdbool.h>
#include <stddef.h>

/* Where parsed triples go.  triple receives each one, and graph its N-Quads
 * graph (NULL outside one); both are views, valid during the call only.
 * A status other than UNKG_OK stops the parse and is returned.  Blank
 * nodes keep the labels the
 * file gives them; anonymous ones ([] in Turtle) are labelled anon_prefix
 * and a number, "genid" and a number when anon_prefix is NULL.  what names
 * the data in error messages ("cannot open reference data", "reference
 * data does not parse: ..."); NULL: the file and its syntax ("cannot open:
 * No such file or directory", "not valid turtle: ..."). */
typedef struct {
  UnkgStatus (*triple)(void* ctx, const UnkgTriple* t, const UnkgTerm* graph);
  void*       ctx; /* for triple */
  const char* anon_prefix;
  const char* what;
} UnkgRdfSink;

/* Raptor's parser name for a file name (.ttl, .rdf, .owl, .nt, .nq), or
 * NULL. */
const char* unkg_rdf_syntax(const char* path);
/* Is path an RDF file unkg can load (by extension)? */
int unkg_is_rdf_file(const char* path);

/* Parses the file at path as syntax (NULL: by its extension) into sink.
 * Errors and the parser's warnings go to c about path, with the line (and
 * column) where the parser gives one: UNKG_ERR_USAGE for an unknown
 * extension, UNKG_ERR_IO if the file does not open, UNKG_ERR_SYNTAX if it
 * does not parse, else the sink's status. */
UnkgStatus unkg_rdf_parse_file(const UnkgCtx* c, const char* path, const char* syntax,
                               const UnkgRdfSink* sink);
/* The same, keeping what the parser made of the file in the cache directory
 * (unkg_rdf_cache_dir) and taking it from there while the file's bytes
 * stay the same: for data read at every start, the reference data.  The
 * sink gets the same triples, in the same order, and the same errors. */
UnkgStatus unkg_rdf_parse_file_cached(const UnkgCtx* c, const char* path, const char* syntax,
                                      const UnkgRdfSink* sink);

/* Where parses are cached: $UNKG_CACHE_DIR, else $XDG_CACHE_HOME/unkg,
 * else $HOME/.cache/unkg; NULL (no cache) when UNKG_CACHE_DIR is empty or
 * none is set.  The caller frees. */
char* unkg_rdf_cache_dir(void);

/* The files directly in dir that keep accepts (hidden files never), as
 * "dir/name" paths sorted by name, so that loading never depends on the
 * order the file system lists them in.  *paths is NULL-terminated, freed
 * with unkg_paths_free; *count (may be NULL) receives their number.
 * UNKG_ERR_IO when dir does not open (errno says why). */
UnkgStatus unkg_dir_files(const char* dir, bool (*keep)(const char* name), char*** paths,
                          size_t* count);
void       unkg_paths_free(char** paths);

#endif
