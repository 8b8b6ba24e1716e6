#include "unkg.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char*
unkg_strerror(UnkgStatus st)
{
  switch (st) {
  case UNKG_OK: return "success";
  case UNKG_ERR_NOMEM: return "out of memory";
  case UNKG_ERR_IO: return "input/output error";
  case UNKG_ERR_ENCODING: return "not UTF-8 text";
  case UNKG_ERR_EMPTY: return "empty input";
  case UNKG_ERR_GENRE: return "not a resolution or report";
  case UNKG_ERR_SYNTAX: return "syntax error";
  case UNKG_ERR_LIMIT: return "safety limit exceeded";
  case UNKG_ERR_USAGE: return "bad usage";
  case UNKG_ERR_RDF: return "RDF library error";
  }
  return "unknown error";
}

static void
emit(const UnkgCtx* c, UnkgLevel level, UnkgStatus st, const char* file, unsigned line,
     unsigned column, const char* fmt, va_list ap)
{
  if (!c || !c->message) {
    return;
  }
  char msg[1024];
  vsnprintf(msg, sizeof msg, fmt, ap);
  const UnkgMessage m = {level, st, file ? file : "", line, column, msg};
  c->message(c->message_data, &m);
}

UnkgStatus
unkg_error(const UnkgCtx* c, UnkgStatus st, unsigned line, unsigned column, const char* fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  emit(c, UNKG_LEVEL_ERROR, st, c ? c->file : NULL, line, column, fmt, ap);
  va_end(ap);
  return st;
}

UnkgStatus
unkg_error_in(const UnkgCtx* c, const char* file, UnkgStatus st, unsigned line, unsigned column,
              const char* fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  emit(c, UNKG_LEVEL_ERROR, st, file, line, column, fmt, ap);
  va_end(ap);
  return st;
}

void
unkg_warning(const UnkgCtx* c, unsigned line, unsigned column, const char* fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  emit(c, UNKG_LEVEL_WARNING, UNKG_OK, c ? c->file : NULL, line, column, fmt, ap);
  va_end(ap);
}

void
unkg_warning_in(const UnkgCtx* c, const char* file, unsigned line, unsigned column, const char* fmt,
                ...)
{
  va_list ap;
  va_start(ap, fmt);
  emit(c, UNKG_LEVEL_WARNING, UNKG_OK, file, line, column, fmt, ap);
  va_end(ap);
}

void
unkg_diag_keep(void* diag, const UnkgMessage* m)
{
  UnkgDiag* d = diag;
  if (m->level == UNKG_LEVEL_WARNING) {
    ++d->n_warnings;
    return;
  }
  if (d->status) {
    return; /* the first error is the cause; later ones follow from it */
  }
  d->status = m->status ? m->status : UNKG_ERR_USAGE;
  snprintf(d->file, sizeof d->file, "%s", m->file);
  d->line   = m->line;
  d->column = m->column;
  snprintf(d->msg, sizeof d->msg, "%s", m->msg);
}
