#include "graph.h"

#include "buf.h"
#include "vocab.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* ---- IRIs ------------------------------------------------------------------ */

/* Symbols keep their slashes (A/RES/71/28 reads as a path); anything an IRI
 * path cannot hold as is gets percent-encoded: bytes up to the space and
 * from 0x80, and <>"{}|\^`#?%[] (bits of SEG_ESC_LO for 0-63, SEG_ESC_HI
 * for 64-127).  Runs of plain bytes are appended at once. */
#define SEG_ESC_LO UINT64_C(0xd000002dffffffff)
#define SEG_ESC_HI UINT64_C(0x3800000178000000)

static inline bool
seg_escaped(unsigned char c)
{
  return c >= 0x80 || (c < 64 ? SEG_ESC_LO >> c & 1 : SEG_ESC_HI >> (c - 64) & 1);
}

static UnkgStatus
put_segment(UnkgBuf* b, const char* s)
{
  static const char hex[] = "0123456789ABCDEF";
  const unsigned char* p = (const unsigned char*)s;
  while (*p) {
    const unsigned char* run = p;
    while (*p && !seg_escaped(*p)) {
      ++p;
    }
    UnkgStatus st;
    if (p > run && (st = unkg_buf_append(b, (const char*)run, (size_t)(p - run)))) {
      return st;
    }
    if (*p) {
      const char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
      if ((st = unkg_buf_append(b, e, 3))) {
        return st;
      }
      ++p;
    }
  }
  return UNKG_OK;
}

char*
unkg_doc_iri(const char* base, const char* symbol)
{
  UnkgBuf b = {0};
  if (unkg_buf_puts(&b, base) || unkg_buf_puts(&b, "doc/") || put_segment(&b, symbol)) {
    unkg_buf_clear(&b);
    return NULL;
  }
  return unkg_buf_take(&b);
}

static char*
join(const char* a, const char* sep, const char* b)
{
  UnkgBuf buf = {0};
  if (unkg_buf_puts(&buf, a) || unkg_buf_puts(&buf, sep) || put_segment(&buf, b)) {
    unkg_buf_clear(&buf);
    return NULL;
  }
  return unkg_buf_take(&buf);
}

/* ---- resolution ------------------------------------------------------------- */

/* A term of the graph being built (unkg_graph_intern); the ids hold
 * until the graph is sorted, after the build. */
typedef uint32_t Id;

/* Strings that outlive the build, by where they lie (known()): an open
 * table of 1024, a power of two, filled to three quarters at most. */
enum { KNOWN = 1024, KNOWN_FILL = KNOWN / 4 * 3 };

typedef struct {
  UnkgGraph*         g;
  const UnkgDoc*     doc;
  UnkgDoc*           own; /* doc, when what is built may be freed as it goes */
  const UnkgLexicon* lex;
  char*              base; /* the data namespace, ending in '/' or '#' */
  char*              work;
  char*              expr;
  UnkgStatus         st;
  Id                 work_id, expr_id; /* once they are interned (have_ids) */
  bool               have_ids;
  size_t             n_known;
  struct {
    const char* s;
    Id          id;
  } known[KNOWN]; /* see known() */
} B;

/* The id of IRI s, interned now.  The builder accumulates the first error
 * so that it reads as a list of facts: after one, nothing is interned or
 * added, and ids are 0. */
static Id
node(B* b, const char* s)
{
  Id id = 0;
  if (!b->st) {
    UnkgTerm t = {UNKG_TERM_IRI, (char*)s, NULL, NULL};
    b->st      = s ? unkg_graph_intern(b->g, &t, &id) : UNKG_ERR_NOMEM;
  }
  return id;
}

/* The id of IRI s, a string that lives as long as the build and never
 * changes: a string constant (the predicates and classes) or the
 * lexicon's (an entity's IRI).  Found again by where it lies, so that a
 * graph's few dozen predicates and its entities are interned once, not at
 * every triple.  Probed, not overwritten: with one place per address, two
 * strings whose addresses met there took it from each other at every
 * triple, and which did depended on where the linker and the lexicon put
 * them.  Past KNOWN_FILL strings the rest are interned each time. */
static Id
known(B* b, const char* s)
{
  if (!s) {
    return node(b, s);
  }
  size_t k = (size_t)(((uintptr_t)s * UINT64_C(0x9E3779B97F4A7C15)) >> 54) & (KNOWN - 1);
  while (b->known[k].s) {
    if (b->known[k].s == s) {
      return b->known[k].id;
    }
    k = (k + 1) & (KNOWN - 1);
  }
  Id id = node(b, s);
  if (!b->st && b->n_known < KNOWN_FILL) {
    b->known[k].s  = s;
    b->known[k].id = id;
    ++b->n_known;
  }
  return id;
}

/* The id of subject or object IRI s: the work and the expression, met in
 * most triples (the subject of the document's, the object of every
 * part's and span's), by pointer (they live through the build); any
 * other interned. */
static Id
node_of(B* b, const char* s)
{
  if (b->have_ids && s == b->work) {
    return b->work_id;
  }
  if (b->have_ids && s == b->expr) {
    return b->expr_id;
  }
  return node(b, s);
}

static void
add(B* b, Id s, Id p, Id o)
{
  if (!b->st) {
    b->st = unkg_graph_add_ids(b->g, s, p, o);
  }
}

/* Triple s p o, o an IRI (NULL: out of memory). */
static void
iri_n(B* b, Id s, const char* p, const char* o)
{
  if (!b->st) {
    Id pi = known(b, p);
    add(b, s, pi, node_of(b, o));
  }
}

/* The same with o a string known() may take. */
static void
iri_k(B* b, Id s, const char* p, const char* o)
{
  if (!b->st) {
    Id pi = known(b, p);
    add(b, s, pi, known(b, o));
  }
}

/* The same with o interned. */
static void
iri_i(B* b, Id s, const char* p, Id o)
{
  if (!b->st) {
    add(b, s, known(b, p), o);
  }
}

/* Triple s p v, a literal; none if v is NULL. */
static void
lit_i(B* b, Id s, const char* p, const char* v, const char* lang, const char* dt)
{
  if (!b->st && v) {
    Id       pi = known(b, p);
    Id       o  = 0;
    UnkgTerm t  = {UNKG_TERM_LITERAL, (char*)v, (char*)lang, (char*)dt};
    b->st       = unkg_graph_intern(b->g, &t, &o);
    add(b, s, pi, o);
  }
}

static void
num_i(B* b, Id s, const char* p, long v)
{
  if (!b->st) {
    char value[21];
    unkg_format_long(value, v); /* what unkg_graph_add_int does, without snprintf */
    lit_i(b, s, p, value, NULL, XSD_INTEGER);
  }
}

/* The same with the subject as a string (NULL: out of memory). */
static void
iri(B* b, const char* s, const char* p, const char* o)
{
  if (!b->st) {
    Id si = node_of(b, s);
    iri_n(b, si, p, o);
  }
}

static void
lit(B* b, const char* s, const char* p, const char* v, const char* lang, const char* dt)
{
  if (!b->st && v) {
    lit_i(b, node_of(b, s), p, v, lang, dt);
  }
}

static void
num(B* b, const char* s, const char* p, long v)
{
  if (!b->st) {
    num_i(b, node_of(b, s), p, v);
  }
}

/* The organ issuing the documents of this class (the unkg:issuedBy of its
 * genre in the reference data); NULL without a lexicon. */
static const char*
issuer(const B* b, const char* doc_class)
{
  const UnkgEntity* genre = unkg_lexicon_genre(b->lex, doc_class);
  return genre && genre->issuer ? genre->issuer->iri : NULL;
}

/* The UN's own page of the document with this symbol, in the language of
 * the text at hand (https://undocs.org/zh/A/RES/71/28). */
static void
see_also(B* b, const char* d, const char* symbol)
{
  UnkgBuf u = {0};
  if (b->st || !b->doc->lang) {
    return;
  }
  if (unkg_buf_puts(&u, UNDOCS) || unkg_buf_puts(&u, b->doc->lang) || unkg_buf_append(&u, "/", 1)
      || put_segment(&u, symbol)) {
    b->st = UNKG_ERR_NOMEM;
  } else {
    iri(b, d, NS_RDFS "seeAlso", u.data);
  }
  unkg_buf_clear(&u);
}

/* A document node that others can cite: typed, with its symbol. */
static Id
document_node(B* b, const char* symbol, const char* date)
{
  char* d = unkg_doc_iri(b->base, symbol);
  Id    D = node(b, d);
  if (b->st) {
    free(d);
    return 0;
  }
  const char* res = strstr(symbol, "/RES/");
  iri_k(b, D, RDF_TYPE, res ? U("Resolution") : U("Document"));
  lit_i(b, D, U("symbol"), symbol, NULL, NULL);
  see_also(b, d, symbol);
  if (res) {
    lit_i(b, D, U("resolutionNumber"), res + strlen("/RES/"), NULL, NULL);
  }
  if (date) {
    lit_i(b, D, U("adoptionDate"), date, NULL, XSD_DATE);
  }
  free(d);
  return D;
}

static const UnkgEntity*
verb_of(const UnkgDoc* doc, const UnkgPart* p)
{
  while (p && !p->verb && p->parent >= 0) {
    p = &doc->parts[p->parent];
  }
  return p ? p->verb : NULL;
}

static const char*
part_class(UnkgPartKind k)
{
  switch (k) {
  case UNKG_PART_PREAMBULAR: return U("PreambularParagraph");
  case UNKG_PART_OPERATIVE: return U("OperativeParagraph");
  case UNKG_PART_ITEM: return U("SubItem");
  case UNKG_PART_FOOTNOTE: return U("Footnote");
  case UNKG_PART_ANNEX: return U("Annex");
  case UNKG_PART_ANNEX_PARA: return U("AnnexParagraph");
  case UNKG_PART_TEXT: return U("Paragraph");
  case UNKG_PART_SECTION: return U("Section");
  case UNKG_PART_PARAGRAPH: return U("Paragraph");
  case UNKG_PART_QUESTION: return U("Question");
  case UNKG_PART_REPLY: return U("Reply");
  case UNKG_PART_HEADING: return U("Heading");
  }
  return U("Paragraph");
}

/* Part paths are safe ASCII except reply keys of unknown states (names as
 * written), which join() percent-encodes; slashes stay path separators. */
static char*
part_iri(B* b, const UnkgPart* p)
{
  char* P = join(b->work, "/", p->path);
  if (!P) {
    b->st = UNKG_ERR_NOMEM;
  }
  return P;
}

/* The resolution paragraph a report answers: {resolution}/op/{n}[/item]. */
static char*
resolution_part(B* b, const char* path)
{
  if (!b->doc->rep.responds_to) {
    return NULL;
  }
  char* R = unkg_doc_iri(b->base, b->doc->rep.responds_to);
  char* P = R ? join(R, "/", path) : NULL;
  free(R);
  if (!P) {
    b->st = UNKG_ERR_NOMEM;
  }
  return P;
}

static void
build_reply(B* b, Id Y, const UnkgPart* p)
{
  const UnkgDoc* doc = b->doc;
  iri_i(b, b->work_id, U("reply"), Y);
  if (p->entity) {
    iri_k(b, Y, U("repliedBy"), p->entity->iri);
  }
  lit_i(b, Y, U("replierName"), p->text, doc->lang, NULL);
  lit_i(b, Y, U("replyDate"), unkg_part_date(p), NULL, XSD_DATE);
  lit_i(b, Y, U("originalLanguage"), unkg_part_orig_lang(p), NULL, NULL);
  if (doc->rep.responds_to) {
    char* R = unkg_doc_iri(b->base, doc->rep.responds_to);
    iri_n(b, Y, U("respondsTo"), R);
    free(R);
  }
  if (doc->rep.responds_para) {
    char path[32];
    snprintf(path, sizeof path, "op/%s", doc->rep.responds_para);
    char* O = resolution_part(b, path);
    if (O) {
      iri_n(b, Y, U("respondsToParagraph"), O);
    }
    free(O);
  }
}

static void
build_question(B* b, Id Q, const UnkgPart* p)
{
  iri_i(b, b->work_id, U("question"), Q);
  lit_i(b, Q, U("label"), p->num, NULL, NULL);
  if (p->parent >= 0) {
    char* item = part_iri(b, &b->doc->parts[p->parent]);
    iri_n(b, Q, NS_PROV "wasDerivedFrom", item);
    free(item);
  }
  if (unkg_part_asked_by(p)) {
    char* A = resolution_part(b, unkg_part_asked_by(p));
    if (A) {
      iri_n(b, Q, U("askedBy"), A);
    }
    free(A);
  }
}

static void
build_report(B* b)
{
  const UnkgDoc* doc = b->doc;
  const char*    W   = b->work;
  iri(b, W, RDF_TYPE, U("Report"));
  lit(b, W, U("symbol"), doc->symbol, NULL, NULL);
  lit(b, W, NS_DCT "title", doc->title, doc->lang, NULL);
  lit(b, W, U("agendaItem"), doc->agenda_item, NULL, NULL);
  if (doc->session) {
    num(b, W, U("session"), doc->session);
  }
  if (issuer(b, U("Report"))) {
    iri(b, W, NS_DCT "creator", issuer(b, U("Report")));
  }
  if (doc->rep.responds_to) {
    Id R = document_node(b, doc->rep.responds_to, NULL);
    iri_i(b, b->work_id, U("respondsTo"), R);
  }
  if (doc->rep.responds_para) {
    char path[32];
    snprintf(path, sizeof path, "op/%s", doc->rep.responds_para);
    char* O = resolution_part(b, path);
    if (O) {
      iri(b, W, U("respondsToParagraph"), O);
    }
    free(O);
  }
  for (size_t i = 0; i < doc->rep.n_note_dates; ++i) {
    lit(b, W, U("noteVerbaleDate"), doc->rep.note_dates[i], NULL, XSD_DATE);
  }
  lit(b, W, U("cutOffDate"), doc->rep.cutoff_date, NULL, XSD_DATE);
}

static void
build_commitment(B* b, const UnkgCommitment* c)
{
  const UnkgDoc*  doc = b->doc;
  const UnkgPart* p   = &doc->parts[c->part];
  char*           C   = join(b->work, "/", c->path);
  char*           P   = part_iri(b, p);
  size_t          begin, end;
  unkg_part_span(p, c->pos, c->len, &begin, &end);
  char* text = unkg_strndup(p->text + c->pos, c->len);
  if (!C || !text) {
    b->st = UNKG_ERR_NOMEM;
  }
  Id Ci = node(b, C);
  Id Pi = node(b, P);
  iri_i(b, Ci, U("evidence"), Pi);
  lit_i(b, Ci, U("evidenceText"), text, doc->lang, NULL);
  if (p->map) { /* offsets only where they are known (not for XML input) */
    num_i(b, Ci, U("beginOffset"), (long)begin);
    num_i(b, Ci, U("endOffset"), (long)end);
  }
  if (doc->genre == UNKG_GENRE_RESOLUTION) {
    iri_k(b, Ci, RDF_TYPE, U("Request"));
    iri_i(b, Pi, U("request"), Ci);
    if (issuer(b, U("Resolution"))) {
      iri_k(b, Ci, U("requester"), issuer(b, U("Resolution")));
    }
    if (c->type) {
      iri_k(b, Ci, U("requestedAction"), c->type->iri);
    }
    if (c->addressee) {
      iri_k(b, Ci, U("addressee"), c->addressee->iri);
    }
    lit_i(b, Ci, U("requestText"), text, doc->lang, NULL);
    if (c->deadline_session) {
      num_i(b, Ci, U("deadlineSession"), c->deadline_session);
    }
    if (c->parent >= 0) {
      char* R = join(b->work, "/", doc->commitments[c->parent].path);
      iri_n(b, Ci, NS_DCT "isPartOf", R);
      free(R);
    }
  } else {
    iri_k(b, Ci, RDF_TYPE, U("Action"));
    if (p->reply >= 0) {
      char* Y  = part_iri(b, &doc->parts[p->reply]);
      Id    Yi = node(b, Y);
      iri_i(b, Ci, U("inReply"), Yi);
      iri_i(b, Yi, U("action"), Ci);
      free(Y);
    }
    if (c->actor) {
      iri_k(b, Ci, U("actor"), c->actor->iri);
    }
    iri_k(b, Ci, U("actionType"), c->type->iri);
    if (c->modality) {
      iri_k(b, Ci, U("modality"), c->modality->iri);
    }
    if (c->object) {
      iri_k(b, Ci, U("object"), c->object->iri);
    }
    lit_i(b, Ci, U("objectText"), c->object_text, doc->lang, NULL);
    if (c->date[0]) {
      lit_i(b, Ci, U("date"), c->date, NULL, XSD_DATE);
    }
    if (c->year_month[0]) {
      lit_i(b, Ci, U("yearMonth"), c->year_month, NULL, NS_XSD "gYearMonth");
    }
    if (c->year[0]) {
      lit_i(b, Ci, U("year"), c->year, NULL, XSD_GYEAR);
    }
    if (c->amount[0]) {
      lit_i(b, Ci, U("amount"), c->amount, NULL, XSD_DECIMAL);
      lit_i(b, Ci, U("currency"), c->currency->code, NULL, NULL);
    }
    if (doc->rep.responds_to && doc->rep.responds_para) {
      /* What the Assembly asked, that this answers. */
      char path[64];
      snprintf(path, sizeof path, "op/%s/request", doc->rep.responds_para);
      char* R = resolution_part(b, path);
      if (R) {
        iri_n(b, Ci, U("fromRequest"), R);
      }
      free(R);
    }
  }
  free(text);
  free(C);
  free(P);
}

static void
build_part(B* b, size_t index)
{
  const UnkgDoc*  doc  = b->doc;
  const UnkgPart* p    = &doc->parts[index];
  const char*     lang = doc->lang;
  char*           P    = part_iri(b, p);
  char*           S    = P ? join(P, "@", lang) : NULL;
  Id              Pi   = node(b, P);
  iri_k(b, Pi, RDF_TYPE, part_class(p->kind));
  iri_i(b, Pi, NS_DCT "isPartOf", b->work_id);
  num_i(b, Pi, U("position"), (long)index + 1);
  if (p->ordinal) {
    num_i(b, Pi, U("ordinal"), p->ordinal);
  }
  lit_i(b, Pi, U("number"), p->num, NULL, NULL);
  lit_i(b, Pi, U("text"), p->text, lang, NULL);
  if (p->parent >= 0 && p->kind != UNKG_PART_QUESTION) {
    char* parent = part_iri(b, &doc->parts[p->parent]);
    iri_n(b, Pi, p->kind == UNKG_PART_ITEM ? U("subItemOf") : NS_DCT "isPartOf", parent);
    free(parent);
  }
  if (p->reply >= 0) {
    char* R = part_iri(b, &doc->parts[p->reply]);
    iri_n(b, Pi, U("inReply"), R);
    free(R);
  }
  if (p->heading >= 0) {
    char* H = part_iri(b, &doc->parts[p->heading]);
    iri_n(b, Pi, U("underHeading"), H);
    free(H);
  }
  for (size_t i = 0; i < p->n_mentions; ++i) {
    iri_k(b, Pi, U("mentions"), p->mentions[i].entity->iri);
  }
  switch (p->kind) {
  case UNKG_PART_REPLY: build_reply(b, Pi, p); break;
  case UNKG_PART_QUESTION: build_question(b, Pi, p); break;
  case UNKG_PART_HEADING:
    if (p->question >= 0) {
      char* Q = part_iri(b, &doc->parts[p->question]);
      iri_n(b, Pi, U("answersQuestion"), Q);
      free(Q);
    }
    break;
  default: break;
  }
  if (p->verb) {
    iri_k(b, Pi, U("leadVerb"), p->verb->iri);
  }
  lit_i(b, Pi, U("leadPhrase"), p->lead, lang, NULL);
  if (p->modifier) {
    iri_k(b, Pi, U("leadModifier"), p->modifier->iri);
  }
  /* Provenance: where in the source file this text stands. */
  Id Si = node(b, S);
  iri_i(b, Pi, U("hasSpan"), Si);
  iri_k(b, Si, RDF_TYPE, U("TextSpan"));
  iri_i(b, Si, U("spanOf"), Pi);
  iri_i(b, Si, U("inExpression"), b->expr_id);
  if (p->map) { /* offsets are claimed only where they are known */
    num_i(b, Si, U("beginOffset"), (long)p->begin);
    num_i(b, Si, U("endOffset"), (long)p->end);
  }
  num_i(b, Si, U("sourceLine"), p->line);
  /* The eId is per expression: the languages of one resolution do not
   * always number their elements alike. */
  lit_i(b, Si, U("aknEId"), unkg_part_akn_eid(p), NULL, NULL);
  for (size_t i = 0; i < p->n_notes; ++i) {
    UnkgBuf buf = {0};
    if (!unkg_buf_puts(&buf, b->work) && !unkg_buf_puts(&buf, "/fn/")
        && !unkg_buf_puts(&buf, p->notes[i])) {
      char* F = unkg_buf_take(&buf);
      iri_n(b, Pi, U("footnote"), F);
      free(F);
    } else {
      unkg_buf_clear(&buf);
      b->st = UNKG_ERR_NOMEM;
    }
  }
  const UnkgEntity* act = p->kind == UNKG_PART_FOOTNOTE ? NULL : verb_of(doc, p);
  for (size_t i = 0; i < p->n_cites; ++i) {
    const UnkgCitation* c = &p->cites[i];
    Id                  T = document_node(b, c->symbol, c->date);
    char*               C = P ? join(P, "/cite/", c->symbol) : NULL;
    /* The citation path must not add levels: its slashes become dashes. */
    if (C) {
      for (char* q = C + strlen(P) + strlen("/cite/"); *q; ++q) {
        if (*q == '/') {
          *q = '-';
        }
      }
    }
    iri_i(b, Pi, NS_DCT "references", T);
    Id Ci = node(b, C);
    iri_i(b, Pi, U("citation"), Ci);
    iri_k(b, Ci, RDF_TYPE, U("Citation"));
    iri_i(b, Ci, U("citingPart"), Pi);
    iri_i(b, Ci, U("cites"), T);
    const UnkgEntity* governing = c->act ? c->act : act;
    if (governing) {
      iri_k(b, Ci, U("citationAct"), governing->iri);
    }
    free(C);
  }
  free(P);
  free(S);
}

static const char*
vote_value(UnkgVoteKind k)
{
  switch (k) {
  case UNKG_VOTE_YES: return U("InFavour");
  case UNKG_VOTE_NO: return U("Against");
  case UNKG_VOTE_ABSTAIN: return U("Abstaining");
  case UNKG_VOTE_NONVOTING: return U("NonVoting");
  }
  return U("NonVoting");
}

/* How the resolution was adopted: without a vote, or by a recorded vote
 * with one node per Member State. */
static void
build_voting(B* b)
{
  const UnkgDoc* doc = b->doc;
  char*          V   = join(b->work, "/", "voting");
  iri(b, b->work, U("voting"), V);
  iri(b, V, RDF_TYPE, U("Voting"));
  lit(b, V, U("votingOutcome"), doc->akn.vote_outcome, NULL, NULL);
  lit(b, V, U("recordedVote"), doc->akn.recorded ? "true" : "false", NULL, XSD_BOOLEAN);
  if (doc->akn.recorded) {
    num(b, V, U("inFavourCount"), doc->akn.n_yes);
    num(b, V, U("againstCount"), doc->akn.n_no);
    num(b, V, U("abstainingCount"), doc->akn.n_abstain);
  }
  long non_voting = 0;
  Id   Vi         = node(b, V);
  for (size_t i = 0; i < doc->akn.n_votes && !b->st; ++i) {
    const UnkgVote* v   = &doc->akn.votes[i];
    const char*     key = v->state && v->state->code ? v->state->code : v->name;
    char*           C   = key && V ? join(V, "/", key) : NULL;
    Id              Ci  = node(b, C);
    iri_i(b, Vi, U("vote"), Ci);
    iri_k(b, Ci, RDF_TYPE, U("VoteCast"));
    iri_k(b, Ci, U("voteValue"), vote_value(v->kind));
    if (v->state) {
      iri_k(b, Ci, U("voter"), v->state->iri);
    }
    lit_i(b, Ci, U("voterName"), v->name, NULL, NULL);
    non_voting += v->kind == UNKG_VOTE_NONVOTING;
    free(C);
  }
  if (non_voting) {
    num(b, V, U("nonVotingCount"), non_voting);
  }
  free(V);
}

/* An AKN FRBR identifier: always the string the file states (what one
 * compares against the UN's XML).  Only an absolute http(s) IRI is also a
 * link (rdfs:seeAlso): the UN's files name their works and expressions
 * with relative AKN names ("/akn/un/statement/...") that no resolver the
 * UN runs turns into a web address, so those stay strings.  The file is
 * untrusted: an IRI with a character RFC 3986 does not allow (a blank, a
 * '>') is kept as the string only. */
static void
akn_frbr(B* b, const char* node, const char* prop, const char* value)
{
  lit(b, node, prop, value, NULL, NULL);
  if (!value || (strncmp(value, "http://", 7) && strncmp(value, "https://", 8))) {
    return;
  }
  for (const char* p = value; *p; ++p) {
    if (!isalnum((unsigned char)*p) && !strchr("-._~:/?#[]@!$&'()*+,;=%", *p)) {
      return;
    }
  }
  iri(b, node, NS_RDFS "seeAlso", value);
}

/* What Akoma Ntoso input adds to the work and the expression. */
static void
build_akn(B* b)
{
  const UnkgDoc* doc = b->doc;
  const char*    W   = b->work;
  akn_frbr(b, b->expr, U("aknExpression"), doc->akn.expression);
  lit(b, b->expr, NS_DCT "issued", doc->akn.issued, NULL, XSD_DATE);
  lit(b, W, U("agendaItemTitle"), doc->agenda_title, doc->lang, NULL);
  lit(b, W, U("reportParagraph"), doc->res.report_para, NULL, NULL);
  if (doc->res.special_session) {
    num(b, W, U("specialSession"), doc->res.special_session);
  }
  for (size_t i = 0; i < doc->akn.n_subjects; ++i) {
    iri(b, W, NS_DCT "subject", doc->akn.subjects[i]);
  }
  for (size_t i = 0; i < doc->akn.n_subject_labels; ++i) {
    lit(b, W, U("subjectHeading"), doc->akn.subject_labels[i], NULL, NULL);
  }
  for (size_t i = 0; i < doc->akn.n_sponsors; ++i) {
    const UnkgSponsor* s = &doc->akn.sponsors[i];
    if (s->state) {
      iri(b, W, s->additional ? U("additionalSponsor") : U("sponsor"), s->state->iri);
    } else {
      lit(b, W, U("sponsorName"), s->name, NULL, NULL);
    }
  }
  lit(b, W, U("sponsorStatement"), doc->akn.sponsor_note, NULL, NULL);
  if (doc->akn.vote_outcome || doc->akn.recorded) {
    build_voting(b);
  }
}

static void
build_resolution(B* b)
{
  const UnkgDoc* doc = b->doc;
  const char*    W   = b->work;
  iri(b, W, RDF_TYPE, U("Resolution"));
  lit(b, W, U("symbol"), doc->symbol, NULL, NULL);
  lit(b, W, U("resolutionNumber"), doc->res.number, NULL, NULL);
  if (doc->session) {
    num(b, W, U("session"), doc->session);
  }
  if (doc->n_agenda_items) {
    for (size_t i = 0; i < doc->n_agenda_items; ++i) {
      lit(b, W, U("agendaItem"), doc->agenda_items[i], NULL, NULL);
    }
  } else {
    lit(b, W, U("agendaItem"), doc->agenda_item, NULL, NULL);
  }
  lit(b, W, NS_DCT "title", doc->title, doc->lang, NULL);
  lit(b, W, U("adoptionDate"), doc->res.adoption_date, NULL, XSD_DATE);
  if (issuer(b, U("Resolution"))) {
    iri(b, W, NS_DCT "creator", issuer(b, U("Resolution")));
  }
  if (doc->res.committee) {
    if (doc->res.committee_org) {
      iri(b, W, U("committee"), doc->res.committee_org->iri);
    }
    lit(b, W, U("committeeName"), doc->res.committee, doc->lang, NULL);
  }
  if (doc->res.committee_report) {
    Id R = document_node(b, doc->res.committee_report, NULL);
    iri_i(b, b->work_id, U("committeeReport"), R);
  }
  if (doc->res.draft) {
    Id D = document_node(b, doc->res.draft, NULL);
    iri_i(b, b->work_id, U("draft"), D);
  }
  if (doc->akn.work) {
    akn_frbr(b, W, U("aknWork"), doc->akn.work);
  } else if (doc->res.adoption_date && doc->res.number) {
    /* The Akoma Ntoso work IRI the UN's own XML uses for this resolution. */
    UnkgBuf akn = {0};
    char    num_dash[64];
    snprintf(num_dash, sizeof num_dash, "%s", doc->res.number);
    for (char* q = num_dash; *q; ++q) {
      *q = (*q == '/' || *q == ' ') ? '-' : *q;
    }
    if (!unkg_buf_printf(&akn, "/akn/un/statement/deliberation/unga/%s/%s/", doc->res.adoption_date,
                         num_dash)) {
      lit(b, W, U("aknWork"), akn.data, NULL, NULL);
    }
    unkg_buf_clear(&akn);
  }
  if (doc->res.meeting && (doc->session || doc->res.special_session)) {
    UnkgBuf m = {0}, rec = {0};
    char    sess[16];
    snprintf(sess, sizeof sess, doc->session ? "%d" : "S-%d",
             doc->session ? doc->session : doc->res.special_session);
    if (!unkg_buf_printf(&m, "%smeeting/unga/%s/%d", b->base, sess, doc->res.meeting)
        && !(doc->res.record ? unkg_buf_puts(&rec, doc->res.record)
                             : unkg_buf_printf(&rec, "A/%s/PV.%d", sess, doc->res.meeting))) {
      Id R = document_node(b, rec.data, NULL);
      iri(b, W, U("adoptedAt"), m.data);
      iri(b, m.data, RDF_TYPE, U("PlenaryMeeting"));
      num(b, m.data, U("meetingNumber"), doc->res.meeting);
      if (doc->session) {
        num(b, m.data, U("session"), doc->session);
      } else {
        num(b, m.data, U("specialSession"), doc->res.special_session);
      }
      lit(b, m.data, NS_DCT "date", doc->res.closing_date, NULL, XSD_DATE);
      iri_i(b, node(b, m.data), U("record"), R);
    } else {
      b->st = UNKG_ERR_NOMEM;
    }
    unkg_buf_clear(&m);
    unkg_buf_clear(&rec);
  }
  lit(b, b->expr, U("enactingFormula"), doc->res.formula, doc->lang, NULL);
  build_akn(b);
}

static void
build_expression(B* b)
{
  const UnkgDoc* doc = b->doc;
  iri(b, b->work, U("hasExpression"), b->expr);
  iri(b, b->expr, RDF_TYPE, U("Expression"));
  iri(b, b->expr, U("expressionOf"), b->work);
  if (doc->lang) {
    /* The language as a thing, ISO 639-1 as the Library of Congress
     * publishes it (languages.ttl links it to unkg's and the EU's), not a
     * string: the six UN languages all have a two-letter code. */
    char* lang = join(NS_ISO639_1, "", doc->lang);
    iri(b, b->expr, NS_DCT "language", lang);
    free(lang);
  }
  if (doc->symbol) {
    see_also(b, b->work, doc->symbol);
  }
  lit(b, b->expr, U("sourceFile"), doc->source_name, NULL, NULL);
  num(b, b->expr, U("sourceLength"), (long)doc->source_len);
}

/* The highest index of a part that part p refers to, or -1. */
static int
reach_of(const UnkgPart* p)
{
  int r = p->parent > p->reply ? p->parent : p->reply;
  r     = p->heading > r ? p->heading : r;
  return p->question > r ? p->question : r;
}

/* The fewest parts (or commitments) released between two trims of the
 * heap (heap_trim). */
enum { TRIM_PARTS = 1024 };

/* The parts (or commitments) released between two trims, of n: a trim
 * walks the heap's free blocks, so that a fixed step would make trimming
 * quadratic in the document; with n / 32 a document is trimmed at most 32
 * times, and its memory goes back in steps of 1/32 of it. */
static size_t
trim_step(size_t n)
{
  return n / 32 > TRIM_PARTS ? n / 32 : TRIM_PARTS;
}

/* Gives back to the system the free pages inside the heap: glibc returns
 * only the top of its heap by itself, and what the document frees as the
 * graph grows lies below the graph's values (which refill only part of
 * it).  Without this, 40,000 headings held 27 MB of free heap once their
 * graph was built, under what the writer then takes (docs/security.md,
 * Memory). */
static void
heap_trim(void)
{
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

/* Commitments are built last to first, as the parts are (build_parts):
 * with b->own, those from i on go once no commitment before i refers to
 * one of them (an item's request names its paragraph's).  Otherwise the
 * commitments of 40,000 sub-items (their array, paths and texts) stay
 * whole while their graph is made, and are most of the peak of building
 * it.  A cursor builds them down to a part at a time, so that they can go
 * with their parts (build_parts). */
typedef struct {
  size_t next; /* commitments [0, next) are not built yet */
  size_t step;
  size_t trimmed; /* where the last trim was */
  int*   reach;   /* reach[i]: the highest index commitments [0, i) refer to */
} Commitments;

static void
commitments_start(B* b, Commitments* k)
{
  size_t n   = b->doc->n_commitments;
  k->next    = n;
  k->step    = trim_step(n);
  k->trimmed = n;
  k->reach   = b->own && n ? malloc((n + 1) * sizeof *k->reach) : NULL;
  if (k->reach) {
    k->reach[0] = -1;
    for (size_t i = 0; i < n; ++i) {
      int r           = b->doc->commitments[i].parent;
      k->reach[i + 1] = r > k->reach[i] ? r : k->reach[i];
    }
  }
}

/* Builds the commitments not built yet whose evidence is part `part` or
 * one after it (all of them for part 0). */
static void
commitments_down_to(B* b, Commitments* k, size_t part)
{
  while (k->next > 0 && !b->st
         && (part == 0 || (size_t)b->doc->commitments[k->next - 1].part >= part)) {
    size_t i = --k->next;
    build_commitment(b, &b->doc->commitments[i]);
    if (k->reach) {
      size_t keep = k->reach[i] >= (int)i ? (size_t)k->reach[i] + 1 : i;
      if (b->own->n_commitments - keep >= TRIM_PARTS) {
        unkg_doc_cut_commitments(b->own, keep);
        if (k->trimmed - keep >= k->step) {
          heap_trim();
          k->trimmed = keep;
        }
      }
    }
  }
}

static void
commitments_end(B* b, Commitments* k)
{
  free(k->reach);
  k->reach = NULL;
  if (b->own) {
    unkg_doc_release_commitments(b->own);
  }
}

/* Whether the commitments come in the order of their parts, as the
 * recognise stage makes them. */
static bool
in_part_order(const UnkgDoc* doc)
{
  for (size_t i = 0; i < doc->n_commitments; ++i) {
    if (doc->commitments[i].part < 0 || (size_t)doc->commitments[i].part >= doc->n_parts
        || (i && doc->commitments[i].part < doc->commitments[i - 1].part)) {
      return false;
    }
  }
  return true;
}

/* Parts are built last to first, so that with b->own the array shrinks
 * as the graph grows: once parts [i, n) are built and no part before i
 * refers to one of them, they go.  reach[i] is the highest index parts
 * [0, i) refer to; without it (no memory) they all stay to the end.  With
 * k, each part's commitments are built just before it (they read its
 * text), so that the document shrinks evenly as the graph grows: built
 * first, the commitments of 40,000 replies' headings added 15 MB of graph
 * while they freed 8 (docs/security.md, Memory). */
static void
build_parts(B* b, Commitments* k)
{
  size_t n     = b->doc->n_parts;
  size_t step  = trim_step(n);
  int*   reach = b->own && n ? malloc((n + 1) * sizeof *reach) : NULL;
  if (reach) {
    reach[0] = -1;
    for (size_t i = 0; i < n; ++i) {
      int r        = reach_of(&b->doc->parts[i]);
      reach[i + 1] = r > reach[i] ? r : reach[i];
    }
  }
  for (size_t i = n; i-- > 0 && !b->st;) {
    if (k) {
      commitments_down_to(b, k, i);
    }
    build_part(b, i);
    if (b->own) {
      unkg_part_release(&b->own->parts[i]);
      if ((n - i) % step == 0) {
        heap_trim();
      }
    }
    if (reach && b->own) {
      size_t keep = reach[i] >= (int)i ? (size_t)reach[i] + 1 : i;
      /* In steps, not one part at a time: each cut is a realloc. */
      if (b->own->n_parts - keep >= 1024 || keep == 0) {
        unkg_doc_cut_parts(b->own, keep);
      }
    }
  }
  free(reach);
}

/* base as a namespace: with a trailing '/' unless it ends in '/' or '#'. */
static char*
namespace_of(const char* base)
{
  size_t  n = strlen(base);
  UnkgBuf b = {0};
  if (unkg_buf_puts(&b, base)
      || (n && base[n - 1] != '/' && base[n - 1] != '#' && unkg_buf_puts(&b, "/"))) {
    unkg_buf_clear(&b);
    return NULL;
  }
  return unkg_buf_take(&b);
}

/* The graph of doc, its triples not yet sorted.  With own (doc itself),
 * what each part and commitment holds is freed once its triples are made:
 * the document shrinks while the graph grows.  The order in which triples
 * are added does not show (they are sorted), so the commitments, which
 * read their parts' text, come first. */
static UnkgStatus
build(const UnkgCtx* c, const UnkgDoc* doc, UnkgDoc* own, const char* base, bool based,
      UnkgGraph** out)
{
  *out         = NULL;
  UnkgGraph* g = unkg_graph_new();
  if (!g) {
    return unkg_error(c, UNKG_ERR_NOMEM, 0, 0, "%s", unkg_strerror(UNKG_ERR_NOMEM));
  }
  /* Packed while it is made, beside the document (docs/security.md, Memory). */
  B b    = {.g    = g,
            .doc  = doc,
            .own  = own,
            .lex  = c->lex,
            .base = namespace_of(base),
            .st   = unkg_graph_pack(g)};
  b.work = b.base ? unkg_doc_iri(b.base, doc->symbol) : NULL;
  b.expr = b.work ? join(b.work, "@", doc->lang) : NULL;
  if (!b.work || !b.expr) {
    b.st = UNKG_ERR_NOMEM;
  }
  /* Most of its IRIs start with the document's, and most others (the
   * documents it cites) with the documents' namespace: each held once. */
  size_t ns = b.work ? strlen(b.base) + strlen("doc/") : 0;
  if (!b.st && based) {
    b.st = unkg_graph_set_base(g, b.work, ns < strlen(b.work) ? ns : 0);
  }
  /* Both are in the first triple (build_expression). */
  b.work_id  = node(&b, b.work);
  b.expr_id  = node(&b, b.expr);
  b.have_ids = !b.st;
  if (!b.st) {
    build_expression(&b);
    if (doc->genre == UNKG_GENRE_RESOLUTION) {
      build_resolution(&b);
    } else {
      build_report(&b);
    }
    Commitments k;
    commitments_start(&b, &k);
    if (in_part_order(doc)) {
      build_parts(&b, &k);
      commitments_down_to(&b, &k, 0);
      commitments_end(&b, &k);
    } else {
      commitments_down_to(&b, &k, 0);
      commitments_end(&b, &k);
      build_parts(&b, NULL);
    }
  }
  /* What serialize names the output files after. */
  if (!b.st && (!(g->symbol = unkg_strdup(doc->symbol)) || !(g->lang = unkg_strdup(doc->lang)))) {
    b.st = UNKG_ERR_NOMEM;
  }
  if (!b.st) {
    g->name = b.expr;
    b.expr  = NULL;
  }
  free(b.base);
  free(b.work);
  free(b.expr);
  if (b.st) {
    unkg_graph_free(g);
    return unkg_error(c, b.st, 0, 0, "%s", unkg_strerror(b.st));
  }
  *out = g;
  return UNKG_OK;
}

/* *out's triples as an array, sorted; on failure *out is freed. */
static UnkgStatus
unpack_sort(const UnkgCtx* c, UnkgGraph** out)
{
  UnkgStatus st = unkg_graph_unpack_sort(*out);
  if (st) {
    unkg_graph_free(*out);
    *out = NULL;
    return unkg_error(c, st, 0, 0, "%s", unkg_strerror(st));
  }
  return UNKG_OK;
}

UnkgStatus
unkg_build_graph(const UnkgCtx* c, const UnkgDoc* doc, const char* base, UnkgGraph** out)
{
  UnkgStatus st = build(c, doc, NULL, base, false, out);
  return st ? st : unpack_sort(c, out);
}

UnkgStatus
unkg_build_graph_take(const UnkgCtx* c, UnkgDoc** doc, const char* base, UnkgGraph** out)
{
  bool       big = (*doc)->n_parts >= TRIM_PARTS;
  UnkgStatus st  = build(c, *doc, *doc, base, true, out);
  unkg_doc_free(*doc);
  *doc = NULL;
  if (!st) {
    st = unpack_sort(c, out);
  }
  /* After the sort too: its working arrays and the table of terms it
   * drops may lie in the heap (glibc's threshold for mapping a block moves
   * up as blocks are freed). */
  if (big) {
    heap_trim();
  }
  return st;
}
