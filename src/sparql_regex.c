/* SPARQL (XPath) regular expressions against Rasqal's POSIX ones: the
 * constructs the two read otherwise, found before Rasqal runs them. */
#include "sparql_regex.h"

#include "buf.h"

#include <regex.h>
#include <stdint.h>
#include <string.h>

static int
hex_value(char c)
{
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

size_t
unkg_sparql_string_decode(const char* tok, size_t len, char* out)
{
  size_t      q = len >= 6 && tok[1] == tok[0] && tok[2] == tok[0] ? 3 : 1;
  const char *s = tok + q, *end = tok + (len >= 2 * q ? len - q : q);
  size_t      n = 0;
  while (s < end) {
    if (*s != '\\' || s + 1 >= end) {
      out[n++] = *s++;
      continue;
    }
    const char* esc = strchr("tbnrf\"'\\", s[1]);
    if (esc && s[1]) {
      out[n++] = "\t\b\n\r\f\"'\\"[esc - "tbnrf\"'\\"];
      s += 2;
      continue;
    }
    int      digits = s[1] == 'u' ? 4 : s[1] == 'U' ? 8 : 0;
    uint32_t cp     = 0;
    int      i      = 0;
    for (; i < digits && s + 2 + i < end && hex_value(s[2 + i]) >= 0; ++i) {
      cp = cp << 4 | (uint32_t)hex_value(s[2 + i]);
    }
    if (digits && i == digits && cp <= 0x10FFFF) {
      n += unkg_utf8_encode(cp, out + n); /* 3 bytes for 6, 4 for 10 */
      s += 2 + digits;
    } else {
      out[n++] = *s++; /* not an escape Rasqal reads: as it stands */
    }
  }
  out[n] = '\0';
  return n;
}

#define REGEX_MAX_COPIES 1000

static bool
problem(UnkgRegexProblem* p, size_t at, const char* what, const char* instead)
{
  p->at      = at;
  p->what    = what;
  p->instead = instead;
  return true;
}

/* Does the pattern match the empty string somewhere?  Tried where an
 * empty match can depend on what is around it (the ends, word and
 * non-word characters), with the C library's matcher, Rasqal's own. */
static bool
matches_empty(const char* pattern, bool icase)
{
  regex_t re;
  if (regcomp(&re, pattern, REG_EXTENDED | (icase ? REG_ICASE : 0))) {
    return false; /* Rasqal fails to compile it too, and says so */
  }
  static const char* const probes[] = {"",    "a", " ", "aa", "a a", " a ", "1", "\xe4\xb8\xad",
                                       "a\nb"};
  bool                     empty    = false;
  for (size_t i = 0; i < sizeof probes / sizeof *probes && !empty; ++i) {
    size_t n = strlen(probes[i]);
    for (size_t o = 0; o <= n && !empty; ++o) {
      regmatch_t m;
      empty = !regexec(&re, probes[i] + o, 1, &m, o ? REG_NOTBOL : 0) && m.rm_so == m.rm_eo;
    }
  }
  regfree(&re);
  return empty;
}

bool
unkg_regex_problem(const char* pat, size_t len, bool icase, bool replace, UnkgRegexProblem* p)
{
  bool   in_class = false;
  size_t copies   = 1;
  for (size_t i = 0; i < len; ++i) {
    char c = pat[i], next = i + 1 < len ? pat[i + 1] : '\0';
    if (in_class) {
      if (c == '\\') {
        return problem(p, i, "a backslash inside [...] (itself to POSIX)", "the character itself");
      }
      if (c == '[' && (next == ':' || next == '.' || next == '=')) {
        return problem(p, i, "[: [. or [= inside [...] (POSIX classes)", "list the characters");
      }
      if (c == '-' && next == '[') {
        return problem(p, i, "a class subtraction -[...]", "list the characters");
      }
      in_class = c != ']'; /* the first character, a ], was refused */
      continue;
    }
    switch (c) {
    case '\\':
      if (!next || !strchr(".*+?()[]{}|^$\\-", next)) {
        return problem(p, i, "an escape other than a metacharacter's (\\d is the letter d to POSIX)",
                       "a bracket expression: [0-9] for \\d, [ ] for a space");
      }
      ++i;
      break;
    case '[':
      in_class = true;
      if (i + 1 + (next == '^') < len && pat[i + 1 + (next == '^')] == ']') {
        return problem(p, i, "] first inside [...] (an error in SPARQL)", NULL);
      }
      break;
    case '.':
      return problem(p, i, "'.' (it matches a line break in Rasqal)",
                     "[^\\n\\r] for any character but a line break");
    case '(':
      if (next == '?') {
        return problem(p, i, "a (? group (not SPARQL's)", NULL);
      }
      break;
    case '{': {
      /* The C library's regcomp writes a counted repetition out in full,
       * nested ones multiplied: "(a{1000}){1000}" takes gigabytes.  The
       * product of the counts over the pattern bounds that. */
      size_t most = 0, n = 0;
      for (size_t j = i + 1;
           j < len && (pat[j] == ',' || (pat[j] >= '0' && pat[j] <= '9')) && n <= REGEX_MAX_COPIES;
           ++j) {
        n    = pat[j] == ',' ? 0 : n * 10 + (size_t)(pat[j] - '0');
        most = n > most ? n : most;
      }
      if (most > REGEX_MAX_COPIES || (copies *= most > 1 ? most : 1) > REGEX_MAX_COPIES) {
        return problem(p, i, "counted repetitions that come to more than 1000 copies", NULL);
      }
      break;
    }
    case '*':
    case '+':
    case '?':
    case '}':
      if (next == '?') {
        return problem(p, i + 1, "a lazy quantifier (*? +? ?? {n,m}?: greedy in POSIX)", NULL);
      }
      if (next == '*' || next == '+' || next == '{') {
        return problem(p, i + 1, "a quantifier after a quantifier (an error in SPARQL)", NULL);
      }
      break;
    default: break;
    }
  }
  if (replace && matches_empty(pat, icase)) {
    return problem(p, SIZE_MAX,
                   "a pattern that matches the empty string (an error in SPARQL; Rasqal "
                   "loops)",
                   "a pattern that matches at least one character");
  }
  return false;
}
