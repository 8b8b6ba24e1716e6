/* The Akoma Ntoso reader's insides, shared by akn.c (the whole file and its
 * consistency checks), akn_body.c (the parts) and akn_meta.c (the
 * metadata) only. */
#ifndef UNKG_AKN_IMPL_H
#define UNKG_AKN_IMPL_H

#include "akn.h"
#include "akn_xml.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  xmlNodePtr note;
  char*      label; /* marker, made unique: "1", "1-2" */
} Note;

typedef struct {
  char*  href;
  size_t begin, end; /* bytes of the link text in the raw part text */
} Link;

typedef struct {
  const UnkgCtx*     c;
  const UnkgSource*  src;
  const UnkgLexicon* lex;
  UnkgDoc*           doc;
  unsigned           n_pp, n_text, n_annex, n_annex_para, n_annex_text, n_unnumbered;
  int                op;         /* current operative paragraph, or -1 */
  int                para;       /* paragraph sub-items attach to, or -1 */
  int                item;       /* last sub-item, or -1 */
  int                annex;      /* current annex, or -1 */
  bool               annex_head; /* nothing of the current annex read yet */
  bool               numbered;   /* the statement numbers its operative paragraphs */
  bool               lang_from_script; /* no language in the metadata or the name */
  int                heading;    /* the last part, if a heading the next heading continues */
  int                last_num;   /* printed number of the last operative paragraph */
  Note*              notes;
  size_t             n_notes;
  Link*              links;
  size_t             n_links;
} Akn;

/* A warning about the file at line (through a->c). */
void unkg_akn_warnf(Akn* a, unsigned line, const char* fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 3, 4)))
#endif
  ;

/* ---- akn_body.c: the parts */

/* The cleaned text of n (all of it, notes left out); NULL for no node. */
UnkgStatus unkg_akn_text_of(Akn* a, const xmlNode* n, char** out);
/* Forgets the links gathered for the current part. */
void unkg_akn_links_clear(Akn* a);
/* One resolution (or one of the parts A, B … of a multi-part one). */
UnkgStatus unkg_akn_read_statement(Akn* a, const xmlNode* stmt, bool component);
/* The footnotes queued while reading, as parts after every other. */
UnkgStatus unkg_akn_read_notes(Akn* a);

/* ---- akn_meta.c: the metadata */

/* FRBR work and expression, their dates and the language; *adopted gets
 * the FRBR adoption date.  d is set when the language is missing. */
UnkgStatus unkg_akn_read_identification(Akn* a, const xmlNode* meta, char** adopted);
/* Symbol, session, agenda items and committee from the cover page; *origin
 * gets the text of its originating document, if any. */
UnkgStatus unkg_akn_read_cover(Akn* a, const xmlNode* cover, char** origin);
/* The report or draft the cover's originating document names, when the
 * workflow named none. */
UnkgStatus unkg_akn_read_origin(Akn* a, const char* origin);
/* Draft, sponsors, committee report and record; *adopted gets the date of
 * the adoption step. */
UnkgStatus unkg_akn_read_workflow(Akn* a, const xmlNode* meta, char** adopted);
/* The recorded vote, with the non-voting Member States. */
UnkgStatus unkg_akn_read_voting(Akn* a, const xmlNode* meta);
/* Classification keywords, IRIs or labels, at any depth below n. */
UnkgStatus unkg_akn_read_keywords(Akn* a, const xmlNode* n);
/* One letter of a sub-item label, as the Latin letter the English file
 * prints: Latin itself; the Cyrillic letters that look like Latin ones;
 * Arabic letters in the abjad order the Arabic files count in (أ ب ج د ه
 * و ز ح ط ي ك ل م ن س ع ف ص ق ر ش ت ث خ ذ ض = a … z).  Returns the bytes
 * read, 0 if s is no such letter. */
size_t unkg_akn_label_letter(const char* s, char* latin);
/* Meeting number and date from a statement's conclusions. */
UnkgStatus unkg_akn_read_conclusions(Akn* a, const xmlNode* stmt);

#endif
