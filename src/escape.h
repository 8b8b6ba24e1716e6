/* Escaping text for the syntaxes unkg writes, one escaper per syntax, all
 * from one table of rules (escape.c).  UTF-8 is kept as is everywhere. */
#ifndef UNKG_ESCAPE_H
#define UNKG_ESCAPE_H

#include "buf.h"
#include "unkg.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum {
  UNKG_ESC_NT,       /* an N-Triples / Turtle string, as exports write it */
  UNKG_ESC_TSV,      /* a SPARQL TSV term (and the N-Triples of query results) */
  UNKG_ESC_XML_TEXT, /* XML character data */
  UNKG_ESC_XML_ATTR, /* an XML attribute value in double quotes */
  UNKG_ESC_CELL      /* a cell of a table for people: one line, no tabs */
} UnkgEscape;

/* Writes s[0, len) escaped for syntax. */
void       unkg_escape_file(FILE* f, UnkgEscape syntax, const char* s, size_t len);
UnkgStatus unkg_escape_buf(UnkgBuf* b, UnkgEscape syntax, const char* s, size_t len);
/* For writers with buffers of their own: the length of the run at s[0,
 * len) written as is; *with receives the replacement of the character
 * that ends it (which the caller skips), NULL at the end of s. */
size_t unkg_escape_run(UnkgEscape syntax, const char* s, size_t len, const char** with);

/* Writes s[0, n) escaped as UNKG_ESC_NT into out, which has room for 2 * n
 * bytes, and checks it as unkg_forbidden_at does, in one pass (a writer's
 * literals: each is read once).  Returns the bytes written; *bad receives
 * the offset of the first forbidden character (*cp: which), or n.  What
 * was written is incomplete when *bad < n. */
size_t unkg_escape_nt_checked(char* out, const char* s, size_t n, size_t* bad, uint32_t* cp);

/* Characters no export carries (docs/security.md): what XML 1.0 forbids
 * (C0 controls but tab, LF, CR; U+FFFE, U+FFFF), the other controls (DEL,
 * C1) and the noncharacters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF).  A
 * character escaped in one syntax could not be written in another, so
 * these are refused everywhere. */
bool unkg_cp_is_forbidden(uint32_t cp);
/* The offset of the first forbidden character in s[0, n) (*cp receives
 * it), or n.  Bytes that are not UTF-8 count as forbidden (U+FFFD). */
size_t unkg_forbidden_at(const char* s, size_t n, uint32_t* cp);

#endif
