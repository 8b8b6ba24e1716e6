/* SPARQL's regular expressions (XPath's syntax) against the ones Rasqal
 * evaluates them with.  Debian builds Rasqal 0.9.33 on the C library's
 * POSIX extended expressions, which read some of the same text otherwise
 * ("\d" is the letter d, "." takes a line break, "b+?" can match nothing)
 * and whose REPLACE copies a group reference one byte too long and loops
 * on an empty match.  unkg query refuses a pattern that would be read
 * otherwise, before Rasqal sees it: a wrong answer must not look right. */
#ifndef UNKG_SPARQL_REGEX_H
#define UNKG_SPARQL_REGEX_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  size_t      at;      /* byte offset in the pattern; SIZE_MAX: all of it */
  const char* what;    /* the construct, and what goes wrong */
  const char* instead; /* what to write instead, or NULL */
} UnkgRegexProblem;

/* Decodes a SPARQL string literal's source (the token with its quotes,
 * long or short) into out (NUL-terminated, at most the token's length).
 * Returns the decoded length. */
size_t unkg_sparql_string_decode(const char* tok, size_t len, char* out);

/* Would Rasqal read the pattern (decoded, len bytes) otherwise than
 * SPARQL means it?  icase: the flags are "i".  replace: the pattern of
 * REPLACE, which must not match the empty string either (an error in
 * SPARQL; Rasqal loops).  Fills *p and returns true if so. */
bool unkg_regex_problem(const char* pattern, size_t len, bool icase, bool replace,
                        UnkgRegexProblem* p);

#endif
