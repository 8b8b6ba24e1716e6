/* The document model: what segment produces, recognise annotates and graph
 * turns into triples.  A UnkgDoc owns everything it points to except the
 * lexicon entities, which belong to the lexicon. */
#ifndef UNKG_DOC_H
#define UNKG_DOC_H

#include "lexicon.h"
#include "normalise.h"
#include "unkg.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { UNKG_GENRE_RESOLUTION = 1, UNKG_GENRE_REPORT } UnkgGenre;

typedef enum {
  UNKG_PART_PREAMBULAR = 1, /* preambular paragraph */
  UNKG_PART_OPERATIVE,      /* numbered operative paragraph */
  UNKG_PART_ITEM,           /* sub-item (a), sub-sub-item (i), ... */
  UNKG_PART_FOOTNOTE,       /* footnote body */
  UNKG_PART_ANNEX,          /* annex heading */
  UNKG_PART_ANNEX_PARA,     /* paragraph of an annex */
  UNKG_PART_TEXT,           /* any other paragraph: unnumbered text */
  /* reports */
  UNKG_PART_SECTION,   /* "一. 导言": a numbered section heading */
  UNKG_PART_PARAGRAPH, /* a paragraph of a report or a reply */
  UNKG_PART_QUESTION,  /* a question member states were invited to answer */
  UNKG_PART_REPLY,     /* one state's reply; text is its heading line */
  UNKG_PART_HEADING    /* a sub-heading inside a reply */
} UnkgPartKind;

/* A named thing recognised in a part's text. */
typedef struct {
  const UnkgEntity* entity;
  size_t            pos, len; /* bytes in the part text */
} UnkgMention;

typedef enum { UNKG_CITE_RESOLUTION = 1, UNKG_CITE_DOCUMENT } UnkgCiteKind;

typedef struct {
  UnkgCiteKind      kind;
  char*             symbol; /* full symbol: A/RES/53/70, A/70/174/Add.1, S/RES/1373 (2001) */
  char*             date;   /* ISO date stated beside it, or NULL */
  size_t            pos;    /* byte position in the part text */
  const UnkgEntity* act;    /* the verb governing it, when not the part's lead */
} UnkgCitation;

/* A hyperlink the markup put on a part's text (Akoma Ntoso <ref href>):
 * the recognise stage decides what it cites. */
typedef struct {
  char* href;
  char* shown; /* the linked text, cleaned as the part text is; may be "" */
} UnkgLink;

/* A part's source offsets, one per byte of its text, held as runs: from
 * a run's start on, each character lies as far past the run's offset as
 * it lies past the run's start in the text, and the bytes of a character
 * share its offset.  Text that is the source's own bytes (most of it) is
 * one run; each line joined, character folded or mark dropped starts
 * another.  Read with unkg_part_offset. */
typedef struct {
  uint32_t pos, off;
} UnkgOffsetRun;

typedef struct {
  uint32_t      n;
  UnkgOffsetRun run[];
} UnkgOffsets;

/* What few parts have (the replies' and questions' strings, Akoma Ntoso's
 * eIds and links, doc.c's index of many notes), kept apart so that the
 * parts of a text, which have none of it, are 48 bytes smaller: 40,000
 * sub-headings make 80,000 parts (docs/security.md, Memory).  Owned by its
 * part; read with the unkg_part_* accessors below, made with
 * unkg_part_more. */
typedef struct {
  char*     date;      /* replies: date of the reply */
  char*     orig_lang; /* replies: original language, BCP 47 */
  char*     asked_by;  /* questions: path of the asking paragraph in the resolution */
  char*     akn_eid;   /* Akoma Ntoso input: eId of the element it came from */
  UnkgLink* links;     /* Akoma Ntoso input: the links in its text, in order */
  uint32_t  n_links;
  /* doc.c: the notes by marker, once there are many, so that
   * adding each once stays linear. */
  struct UnkgPartIndex* index;
} UnkgPartMore;

typedef struct {
  /* The fields are ordered so that none is padded, and the counts and
   * offsets are 32 bits (inputs are at most 256 MB): a part is 144 bytes,
   * and 40,000 sub-headings make 80,000 parts (docs/security.md, Memory). */
  UnkgPartKind kind;
  unsigned     ordinal;    /* 1-based position among its siblings */
  int          parent;     /* index of the enclosing part, or -1 */
  unsigned     line;
  char*        path;       /* IRI path below the document: "pp/3", "op/1/a", "fn/2" */
  char*        num;        /* as printed: "1", "a", "iv", footnote marker */
  char*        text;       /* normalised text, without the printed number */
  UnkgOffsets* map;        /* strlen(text) + 1 source offsets, one per byte of
                           text (the last = end): sub-spans keep provenance;
                           in the same allocation as text (unkg_part_set_text) */
  uint32_t     begin, end; /* byte offsets of that text in the source */
  /* recognise */
  const UnkgEntity* verb;     /* lead verb, or NULL */
  const UnkgEntity* modifier; /* also / further / again, or NULL */
  char*             lead;     /* lead phrase as written */
  char**            notes;    /* footnote markers referenced in the text */
  uint32_t          n_notes;
  uint32_t          n_cites;
  UnkgCitation*     cites;
  UnkgMention*      mentions;
  uint32_t          n_mentions;
  /* reports */
  int               reply;    /* index of the enclosing reply, or -1 */
  int               heading;  /* index of the heading it stands under, or -1 */
  int               question; /* headings: index of the question answered, or -1 */
  const UnkgEntity* entity;   /* replies: the replying state, if known */
  UnkgPartMore*     more;     /* NULL when the part has none of it */
} UnkgPart;

/* What the Assembly asks in an operative paragraph or item (resolutions),
 * or what a state says it does (replies). */
typedef struct {
  char*             path;      /* "op/1/request", "reply/CAN/action/3" */
  int               part;      /* index of the evidence part */
  size_t            pos, len;  /* evidence sentence, bytes in the part text */
  const UnkgEntity* type;      /* requests: lead verb; actions: action type */
  const UnkgEntity* modality;  /* actions */
  const UnkgEntity* actor;     /* actions: the replying state (NULL if unknown) */
  const UnkgEntity* addressee; /* requests */
  const UnkgEntity* object;    /* a recognised entity acted on, or NULL */
  char*             object_text;
  char              date[11];      /* YYYY-MM-DD */
  char              year_month[8]; /* YYYY-MM */
  char              year[5];       /* YYYY */
  char              amount[32];    /* canonical xsd:decimal */
  const UnkgEntity* currency;
  int               deadline_session;
  int               parent; /* requests of items: index of the paragraph's request */
} UnkgCommitment;
/* How one Member State voted in a recorded vote. */
typedef enum {
  UNKG_VOTE_YES = 1,
  UNKG_VOTE_NO,
  UNKG_VOTE_ABSTAIN,
  UNKG_VOTE_NONVOTING /* a Member State named in none of the lists */
} UnkgVoteKind;

typedef struct {
  UnkgVoteKind      kind;
  const UnkgEntity* state; /* NULL if the name did not resolve */
  char*             name;  /* as written: "AFGHANISTAN"; NULL for non-voting */
} UnkgVote;

typedef struct {
  const UnkgEntity* state;      /* NULL if the name did not resolve */
  char*             name;       /* as written */
  int               additional; /* joined after the draft was issued */
} UnkgSponsor;

/* What a resolution's cover and closing lines say. */
typedef struct {
  char*             number; /* 71/28, 75/101 A-B */
  char*             adoption_date;
  char*             committee;        /* "第一委员会" as written */
  const UnkgEntity* committee_org;    /* the committee, once resolved */
  char*             committee_report; /* A/71/445 */
  char*             report_para;      /* paragraph of the committee report: "7" */
  char*             draft;            /* A/71/L.5 when adopted without a committee */
  char*             formula;          /* "大会，" */
  int               meeting;          /* plenary meeting number, 0 if unknown */
  char*             closing_date;
  char*             record;          /* record of the adoption meeting: A/75/PV.33 */
  int               special_session; /* S-32/1 -> 32, else 0 */
} UnkgResolutionInfo;

/* What a report's introduction says it answers. */
typedef struct {
  char*  responds_to;   /* symbol of the resolution answered */
  char*  responds_para; /* number of its operative paragraph */
  char** note_dates;    /* dates of the notes verbales */
  size_t n_note_dates;
  char*  cutoff_date;
} UnkgReportInfo;

/* What only Akoma Ntoso metadata carries: FRBR, the vote, the sponsors,
 * the classification.  Empty for text input. */
typedef struct {
  char*        work;                   /* FRBRWork FRBRuri, as the file states it */
  char*        expression;             /* FRBRExpression FRBRuri */
  char*        issued;                 /* publication date of this expression */
  char*        vote_outcome;           /* as stated: "adoptedRecordedVote" */
  int          recorded;               /* adopted by a recorded vote: counts below hold */
  int          n_yes, n_no, n_abstain; /* counts as stated in the file */
  UnkgVote*    votes;                  /* one per state named, then the non-voting */
  size_t       n_votes;
  UnkgSponsor* sponsors;
  size_t       n_sponsors;
  char*        sponsor_note; /* a draft's "by" naming no state ("submitted by the …") */
  char**       subjects;     /* classification keyword IRIs (SDG, UNBIS, EuroVoc) */
  size_t       n_subjects;
  char**       subject_labels; /* keywords the file gives without an IRI */
  size_t       n_subject_labels;
} UnkgAknInfo;

/* A document: a core every genre has, then what each genre adds. */
typedef struct {
  UnkgGenre          genre;
  char*              lang;         /* BCP 47, lower case: "zh" */
  char*              source_name;  /* file name of the source, no directories */
  size_t             source_len;   /* bytes */
  char*              symbol;       /* A/RES/71/28 */
  int                session;      /* 0 if unknown */
  char*              agenda_item;  /* "93", "128 (a)": the first of agenda_items */
  char**             agenda_items; /* every item when there are several: "14", "122" */
  size_t             n_agenda_items;
  char*              agenda_title; /* name of the agenda item, in lang */
  char*              title;
  UnkgPart*          parts;
  size_t             n_parts;
  size_t             cap_parts;
  UnkgCommitment*    commitments; /* requests (resolutions) or actions (replies) */
  size_t             n_commitments;
  size_t             cap_commitments;
  UnkgResolutionInfo res; /* genre UNKG_GENRE_RESOLUTION */
  UnkgReportInfo     rep; /* genre UNKG_GENRE_REPORT */
  UnkgAknInfo        akn; /* Akoma Ntoso input */
  /* doc.c's counts of what the parts so far hold, which keep the readers'
   * duplicate checks linear in the number of parts. */
  struct UnkgDocIndex* index;
} UnkgDoc;

UnkgDoc* unkg_doc_new(UnkgGenre genre, const char* lang);
void     unkg_doc_free(UnkgDoc* doc);
/* Appends a zeroed part (parent -1) and returns it, or NULL. */
UnkgPart* unkg_doc_add_part(UnkgDoc* doc, UnkgPartKind kind);
/* Gives back what the parts and commitments arrays hold beyond their
 * elements, and the readers' indexes, once no more parts are added: the
 * graph, built next, is the largest stage. */
void unkg_doc_trim(UnkgDoc* doc);
/* For the graph builder, once a part's own triples are made: frees its
 * text, offsets, notes, cites, mentions, links and strings, and keeps its
 * path, kind, numbers and indexes, what the parts built after it still
 * refer to. */
void unkg_part_release(UnkgPart* p);
/* Drops the parts from index n on, and gives their room back. */
void unkg_doc_cut_parts(UnkgDoc* doc, size_t n);
/* Drops the commitments from index n on, and gives their room back. */
void unkg_doc_cut_commitments(UnkgDoc* doc, size_t n);
/* Frees the commitments, once their triples are made. */
void unkg_doc_release_commitments(UnkgDoc* doc);
/* The part's record of rarer fields, made empty if it has none yet; NULL
 * when out of memory. */
UnkgPartMore* unkg_part_more(UnkgPart* p);
/* The rarer fields, NULL (links: 0) where the part has none. */
static inline const char*
unkg_part_date(const UnkgPart* p)
{
  return p->more ? p->more->date : NULL;
}
static inline const char*
unkg_part_orig_lang(const UnkgPart* p)
{
  return p->more ? p->more->orig_lang : NULL;
}
static inline const char*
unkg_part_asked_by(const UnkgPart* p)
{
  return p->more ? p->more->asked_by : NULL;
}
static inline const char*
unkg_part_akn_eid(const UnkgPart* p)
{
  return p->more ? p->more->akn_eid : NULL;
}
static inline uint32_t
unkg_part_n_links(const UnkgPart* p)
{
  return p->more ? p->more->n_links : 0;
}
/* Frees what a part owns and zeroes it (a scratch part can be reused). */
void       unkg_part_clear(UnkgPart* p);
UnkgStatus unkg_part_add_note(UnkgPart* part, const char* marker);
UnkgStatus unkg_part_add_link(UnkgPart* part, const char* href, const char* shown);
/* Sets the part's text and its slice of the offset map (copied).  map may
 * be NULL when source offsets are unknown (XML input): none are emitted. */
UnkgStatus unkg_part_set_text(UnkgPart* p, const char* text, size_t len, const uint32_t* map);
/* The source offset of byte i of p's text (i <= strlen(p->text); at the
 * end, p->end); p->map must be set. */
size_t unkg_part_offset(const UnkgPart* p, size_t i);
/* Source byte offsets [*begin, *end) of text[pos, pos+len). */
void       unkg_part_span(const UnkgPart* p, size_t pos, size_t len, size_t* begin, size_t* end);
UnkgStatus unkg_part_add_mention(UnkgPart* part, const UnkgEntity* e, size_t pos, size_t len);
/* Appends a zeroed commitment (parent -1) and returns it, or NULL. */
UnkgCommitment* unkg_doc_add_commitment(UnkgDoc* doc);
UnkgStatus      unkg_doc_add_note_date(UnkgDoc* doc, const char* date);
UnkgStatus      unkg_part_add_cite(UnkgPart* part, UnkgCiteKind kind, const char* symbol,
                                   const char* date, size_t pos);
/* Appends a copy of s to a string list, once (no duplicates). */
UnkgStatus unkg_strings_add(char*** list, size_t* n, const char* s);
UnkgStatus unkg_doc_add_vote(UnkgDoc* doc, UnkgVoteKind kind, const UnkgEntity* state,
                             const char* name);
UnkgStatus unkg_doc_add_sponsor(UnkgDoc* doc, const UnkgEntity* state, const char* name,
                                int additional);

/* Helpers shared by the text readers. */

/* Sets part p's text from block b, from byte skip on (blanks skipped), with
 * its offset map, line and footnote markers. */
UnkgStatus unkg_part_from_block(UnkgPart* p, const UnkgBlock* b, size_t skip);
/* Sets part p's path from a format (paths are at most 511 bytes). */
UnkgStatus unkg_part_vpath(UnkgPart* p, const char* fmt, va_list ap);
UnkgStatus unkg_part_path(UnkgPart* p, const char* fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 2, 3)))
#endif
  ;

/* Appends the footnote body of block b: path "fn/N", or "fn/N-2" for the
 * second note printed with the same marker. */
UnkgStatus unkg_doc_add_footnote(UnkgDoc* doc, const UnkgBlock* b);

/* "(a)", "(iv)", "(12)", and the Chinese "㈠" or "(十一)" for (i), (xi), at
 * the start of s: the label, in out; *skip past it.  Returns the label's
 * length, 0 if s does not start with one. */
size_t unkg_item_label(const char* s, char out[16], size_t* skip);
/* "iv" -> 4; 0 if s is not a lower-case roman numeral. */
int unkg_roman_value(const char* s);
/* Items nest: (a) under a paragraph, (i) under (a).  A roman label opens a
 * deeper level below the item at index `item` only as "(i)", and continues
 * one only as the next numeral; anything else is a letter of the level
 * above ((h) then (i) is a letter). */
bool unkg_roman_level(const UnkgDoc* doc, int item, const char* label);
/* Items under parent among the parts before index `before`. */
unsigned unkg_doc_count_items(const UnkgDoc* doc, size_t before, int parent);
/* Parts before index `before` whose path is path, or path followed by '-'
 * and a digit ("op/5-2" for "op/5"). */
unsigned unkg_doc_path_seen(const UnkgDoc* doc, size_t before, const char* path);
/* How often key was counted before in this document (into *before), and
 * counts it once more: a reader's duplicates (a footnote marker printed
 * twice, a state replying twice) in constant time. */
UnkgStatus unkg_doc_count_key(UnkgDoc* doc, const char* key, unsigned* before);

/* The agenda items a cover line names ("72 (a)", "17 和 18", "130(y)"):
 * each as "N" or "N (x)" into doc->agenda_items, the first also into
 * doc->agenda_item. */
UnkgStatus unkg_doc_set_agenda(UnkgDoc* doc, const char* s);

#endif
