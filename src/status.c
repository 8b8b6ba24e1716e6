#include "unkg.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char*
unkg_strerror(UnkgStatus st)
{
  switch (st) {
  case UNKG_OK:           return "success";
  case UNKG_ERR_NOMEM:    return "out of memory";
  case UNKG_ERR_IO:       return "input/output error";
  case UNKG_ERR_ENCODING: return "not UTF-8 text";
  case UNKG_ERR_EMPTY:    return "empty input";
  case UNKG_ERR_GENRE:    return "not a resolution or report";
  case UNKG_ERR_SYNTAX:   return "syntax error";
  case UNKG_ERR_LIMIT:    return "safety limit exceeded";
  case UNKG_ERR_USAGE:    return "bad usage";
  case UNKG_ERR_RDF:      return "RDF library error";
  }
  return "unknown error";
}

void
unkg_diag_set(UnkgDiag* d, const char* file, unsigned line, const char* fmt, ...)
{
  if (!d) {
    return;
  }
  snprintf(d->file, sizeof d->file, "%s", file ? file : "");
  d->line = line;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d->msg, sizeof d->msg, fmt, ap);
  va_end(ap);
}
