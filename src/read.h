/* Stage 1, read: the bytes of one input, checked to be UTF-8 text. */
#ifndef UNKG_READ_H
#define UNKG_READ_H

#include "unkg.h"

/* Inputs larger than this are refused: memory is bounded by the largest
 * document, and no UN document comes near it. */
#define UNKG_MAX_INPUT ((size_t)256 * 1024 * 1024)

typedef struct {
  char*  name; /* as given on the command line; "-" is standard input */
  char*  data; /* NUL-terminated; a leading BOM is kept (offsets count it) */
  size_t len;
} UnkgSource;

/* Reads path ("-" for stdin).  On failure *out is NULL and c was told why,
 * with the line and column of the first bad byte. */
UnkgStatus unkg_source_read(const UnkgCtx* c, const char* path, UnkgSource** out);
/* Wraps bytes already in memory (copied). */
UnkgStatus unkg_source_from_bytes(const UnkgCtx* c, const char* name, const char* data, size_t len,
                                  UnkgSource** out);
void       unkg_source_free(UnkgSource* src);

/* The encoding an XML declaration at the start of data names
 * (<?xml version="1.0" encoding="ISO-8859-1"?>), into out; 0 if there is
 * no declaration or it names none.  An XML input that declares an encoding
 * other than UTF-8 is not checked as UTF-8 text here: the XML parser
 * decodes it as declared (akn_xml.c). */
int unkg_xml_encoding(const char* data, size_t len, char out[32]);
/* Is enc a name of UTF-8 (any case, with or without the hyphen)? */
int unkg_encoding_is_utf8(const char* enc);

#endif
