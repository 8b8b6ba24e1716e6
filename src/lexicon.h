/* Reference data: member states, organizations, instruments, lead verbs and
 * their modifiers, languages, and the genres of documents with the phrases
 * of their covers, loaded at run time from the Turtle files in ontology/, so
 * that adding a name needs no recompile.  Names are indexed for longest
 * match over normalised text.  The code refers to what an entity does (a
 * role, a flag, a property), never to the IRI of an individual: loading
 * fails, naming what is missing, when the data lacks something it relies
 * on. */
#ifndef UNKG_LEXICON_H
#define UNKG_LEXICON_H

#include "unkg.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
  UNKG_ENT_STATE      = 1u << 0,
  UNKG_ENT_ORG        = 1u << 1,
  UNKG_ENT_INSTRUMENT = 1u << 2,
  UNKG_ENT_VERB       = 1u << 3,
  UNKG_ENT_MODIFIER   = 1u << 4,
  UNKG_ENT_ACTION     = 1u << 5, /* a type of action states report */
  UNKG_ENT_MODALITY   = 1u << 6, /* done, ongoing, planned, proposed */
  UNKG_ENT_SELF       = 1u << 7, /* how a reply names its own state */
  UNKG_ENT_GROUP      = 1u << 8, /* Member States, all States: addressees */
  UNKG_ENT_CURRENCY   = 1u << 9,
  UNKG_ENT_LANGUAGE   = 1u << 10, /* a language, as notes of original language name it */
  UNKG_ENT_GENRE      = 1u << 11  /* a kind of document, with the phrases of its cover */
} UnkgEntityKind;

/* Entity flags, from collections and boolean properties in the reference
 * data. */
enum {
  UNKG_FLAG_DIRECTIVE    = 1u << 0, /* a lead verb that asks someone to act */
  UNKG_FLAG_AMOUNT       = 1u << 1, /* action types: unkg:impliedByAmount */
  UNKG_FLAG_DATED_OBJECT = 1u << 2, /* action types: unkg:impliedByDatedObject */
  UNKG_FLAG_LIST_ITEM    = 1u << 3, /* action types: unkg:defaultForListItem */
  UNKG_FLAG_GOES_ON      = 1u << 4, /* lead words: unkg:goesOnAfterComma */
  UNKG_FLAG_AGAIN        = 1u << 5  /* lead words: unkg:saysAgain */
};

/* How a name belongs to its entity. */
typedef enum {
  UNKG_ROLE_NAME           = 1u << 0,  /* prefLabel, altLabel, formalName, abbreviation */
  UNKG_ROLE_PREAMBULAR     = 1u << 1,  /* verbs: lead phrase of a preambular paragraph */
  UNKG_ROLE_OPERATIVE      = 1u << 2,  /* verbs: verb of an operative paragraph */
  UNKG_ROLE_PREFIX         = 1u << 3,  /* modifiers: 又, 再次 before a verb */
  UNKG_ROLE_GENERIC        = 1u << 4,  /* instruments: 公约 when the antecedent is clear */
  UNKG_ROLE_TRIGGER_VERB   = 1u << 5,  /* action types: 设立 */
  UNKG_ROLE_TRIGGER_OBJECT = 1u << 6,  /* action types: 中心 */
  UNKG_ROLE_MARKER         = 1u << 7,  /* modalities: 将, 已 */
  UNKG_ROLE_ANAPHOR        = 1u << 8,  /* self-references: 该国 */
  UNKG_ROLE_CONTINUATION   = 1u << 9,  /* 还, 并: a sentence going on with its subject */
  UNKG_ROLE_OPINION        = 1u << 10, /* 认为: the subject states a view */
  UNKG_ROLE_PURPOSE        = 1u << 11, /* 以便, 旨在: a clause stating a goal */
  UNKG_ROLE_SUFFIX         = 1u << 12, /* modifiers: "also" after a verb ("Recalling also") */
  UNKG_ROLE_PASSIVE_AUX    = 1u << 13, /* self-references: 获得, 得到 before a verb */
  UNKG_ROLE_PASSIVE        = 1u << 14, /* self-references: 被 before a verb */
  UNKG_ROLE_PASSIVE_AFTER  = 1u << 15, /* self-references: 于 right after a verb */
  /* Genres: the phrases of a document's cover and closing.  A phrase may
   * hold one slot, "…", where a number, a date or a name stands. */
  UNKG_ROLE_FORMULA          = 1u << 16, /* the enacting formula: 大会， */
  UNKG_ROLE_SESSION          = 1u << 17, /* 第…届会议 */
  UNKG_ROLE_AGENDA_ITEM      = 1u << 18, /* 议程项目, before the item */
  UNKG_ROLE_ADOPTION         = 1u << 19, /* …大会决议, after the adoption date */
  UNKG_ROLE_COMMITTEE_REPORT = 1u << 20, /* 根据…的报告, the slot naming the committee */
  UNKG_ROLE_MEETING          = 1u << 21, /* 第…次全体会议 */
  UNKG_ROLE_LANGUAGE_NOTE    = 1u << 22, /* 原文：, opening a note of original language */
  UNKG_ROLE_REPORT_TITLE     = 1u << 23, /* 秘书长的报告, the line below the title */
  UNKG_ROLE_NOTE_VERBALE     = 1u << 24, /* 照会: a sentence dating notes verbales */
  UNKG_ROLE_RECEIVED_AFTER   = 1u << 25, /* 之后收到, after the cut-off date */
  UNKG_ROLE_DEADLINE = 1u << 26, /* 大会第…届会议, the session a request is due by */
  UNKG_ROLE_ANNEX    = 1u << 27, /* 附件, Annex: an annex's heading */
  /* Verbs: unkg:alsoForm, a form of another concept that may stand for
   * this one (Arabic تؤكد, stress, for affirm): taken only where the
   * aligned paragraph of another language gives this concept. */
  UNKG_ROLE_ALSO = 1u << 28
} UnkgNameRole;

typedef struct UnkgEntity UnkgEntity;
struct UnkgEntity {
  char*          iri;
  UnkgEntityKind kind;
  char*          code;         /* states: ISO alpha-3; currencies: ISO 4217; languages: BCP 47 */
  unsigned       flags;        /* UNKG_FLAG_* */
  unsigned       object_kinds; /* action types: kinds of entity their object may be */
  unsigned       roles;        /* union of the roles of its names */
  char*          label_en;     /* skos:prefLabel@en, may be NULL */
  char*          label_zh;     /* skos:prefLabel@zh, may be NULL */
  int            member;       /* states: a UN Member State (votes in the Assembly) */
  char*          series;       /* organs: unkg:resolutionSeries, "S/RES/"; may be NULL */
  char*          doc_class;    /* genres: unkg:documentClass, the IRI of unkg:Resolution */
  /* Links to other entities of the same lexicon, NULL when the data has none. */
  const UnkgEntity* issuer;      /* genres: unkg:issuedBy, the organ issuing its documents */
  const UnkgEntity* modality;    /* action types: unkg:impliesModality */
  const UnkgEntity* default_for; /* action types: unkg:defaultForModality */
};

typedef struct UnkgLexiconImpl UnkgLexicon;

UnkgLexicon* unkg_lexicon_new(void);
/* Loads one Turtle file; errors (to c) name the file and line. */
UnkgStatus unkg_lexicon_load_file(const UnkgCtx* c, UnkgLexicon* lex, const char* path);
/* Loads the reference data of dir (unkg_reference_files), then builds the
 * index and checks that the data holds everything the code relies on (the
 * genres and their phrases, the organ issuing resolutions and its series,
 * the action types by behaviour, the modalities, the languages ...):
 * UNKG_ERR_SYNTAX, with an error to c naming what is missing, if not. */
UnkgStatus unkg_lexicon_load_dir(const UnkgCtx* c, UnkgLexicon* lex, const char* dir);
/* The Turtle files of the data directory dir as paths, sorted by name: the
 * reference data, and with ontology the ontology (unkg.ttl) too; never the
 * SHACL shapes.  The lexicon and `unkg load` both take their list from
 * here.  *paths is NULL-terminated (free it with unkg_paths_free, rdfio.h);
 * no such file is an error (UNKG_ERR_IO). */
UnkgStatus unkg_reference_files(const UnkgCtx* c, const char* dir, bool ontology, char*** paths);
/* Builds the index after the last load (load_dir does it). */
UnkgStatus unkg_lexicon_index(UnkgLexicon* lex);
void       unkg_lexicon_free(UnkgLexicon* lex);

size_t            unkg_lexicon_size(const UnkgLexicon* lex);
const UnkgEntity* unkg_lexicon_entity(const UnkgLexicon* lex, size_t i);
const UnkgEntity* unkg_lexicon_by_iri(const UnkgLexicon* lex, const char* iri);

/* The longest name of an entity of one of `kinds`, in one of `roles`, that
 * text starts with.  Returns NULL if none; *len receives the match length in
 * bytes and *role (if not NULL) the role of the matched name. */
const UnkgEntity* unkg_lexicon_match(const UnkgLexicon* lex, unsigned kinds, unsigned roles,
                                     const char* text, size_t text_len, size_t* len, unsigned* role);

/* One name matched at a position. */
typedef struct {
  const UnkgEntity* e;
  size_t            len;  /* bytes */
  unsigned          role; /* of the name */
} UnkgMatch;

/* Every name of an entity of one of `kinds`, in one of `roles`, that text
 * starts with: longest first, and for one length in the order
 * unkg_lexicon_match prefers (so the first is what it returns, and the
 * first of an entity is what unkg_lexicon_match_entity returns).  Stores
 * at most max in out; returns how many there are. */
size_t unkg_lexicon_matches(const UnkgLexicon* lex, unsigned kinds, unsigned roles,
                            const char* text, size_t text_len, UnkgMatch* out, size_t max);

/* The first position from i on (stepping a character at a time, as
 * unkg_utf8_step does) where a name of an entity of one of `kinds`, in one
 * of `roles`, may start; n if none.  At the positions it passes,
 * unkg_lexicon_match finds nothing for those kinds and roles. */
size_t unkg_lexicon_next_start(const UnkgLexicon* lex, unsigned kinds, unsigned roles,
                               const char* text, size_t n, size_t i);

/* unkg_lexicon_match and, in the same walk of the trie, what
 * unkg_lexicon_match_entity(lex, also, also_roles, ...) gives, into
 * *also_len (0 if also is NULL). */
const UnkgEntity* unkg_lexicon_match_also(const UnkgLexicon* lex, unsigned kinds, unsigned roles,
                                          const UnkgEntity* also, unsigned also_roles,
                                          const char* text, size_t text_len, size_t* len,
                                          size_t* also_len);

/* Does text start with a name of this entity in one of `roles`?  Returns
 * the match length in bytes, 0 if not. */
size_t unkg_lexicon_match_entity(const UnkgLexicon* lex, const UnkgEntity* e, unsigned roles,
                                 const char* text, size_t text_len);

/* Is the match of e at text[pos, pos+len) inside one of e's excluded
 * contexts (unkg:excludedContext: "网络安全理事会" for the Security
 * Council)?  Reference data lists the compounds a short name hides in. */
int unkg_lexicon_excluded(const UnkgLexicon* lex, const UnkgEntity* e, const char* text,
                          size_t text_len, size_t pos, size_t len);

/* Has entity e any name in role? */
int unkg_lexicon_entity_has_role(const UnkgLexicon* lex, const UnkgEntity* e, unsigned role);

/* The first name in text (at a word start, as a whole word where Latin)
 * of an entity of one of kinds, in one of roles; its place in *pos, *len.
 * NULL if none. */
const UnkgEntity* unkg_lexicon_find(const UnkgLexicon* lex, unsigned kinds, unsigned roles,
                                    const char* text, size_t* pos, size_t* len);

/* Exact, whole-string lookup (case-insensitive for ASCII). */
const UnkgEntity* unkg_lexicon_lookup(const UnkgLexicon* lex, unsigned kinds, const char* name);

/* A state by the name a UN list gives it: "the Russian Federation", "Lao
 * People’s Democratic Republic", "COTE D'IVOIRE", "Guinea -Bissau", "Cuba
 * (on behalf of …)".  Looked up whole (unkg_lexicon_lookup) after folding
 * the typographic apostrophe and stray blanks and dropping a leading "the",
 * a closing full stop and an unopened bracket; failing that, without a
 * closing bracketed remark.  NULL if no state has that name. */
const UnkgEntity* unkg_lexicon_state_named(const UnkgLexicon* lex, const char* name);
/* The i-th name of entity e in one of roles (normalised, owned by the
 * lexicon), in a fixed order; NULL past the last.  For the callers that
 * match a name otherwise than as a prefix: a phrase with a slot, a name
 * ending just before a position. */
const char* unkg_lexicon_name_at(const UnkgLexicon* lex, const UnkgEntity* e, unsigned roles,
                                 size_t i);

/* A name and its entity, for the callers that scan a list of names. */
typedef struct {
  const char*       s; /* normalised, owned by the lexicon */
  size_t            len;
  const UnkgEntity* e;
} UnkgNameRef;

/* The names (UNKG_ROLE_NAME) of the organs with a resolution series, in
 * entity order and, within an entity, in unkg_lexicon_name_at's order: the
 * organs a resolution cited by number may be of.  Built with the index, so
 * that a scan need not walk the whole lexicon at every number. */
const UnkgNameRef* unkg_lexicon_series_names(const UnkgLexicon* lex, size_t* n);

/* Splits a phrase at its slot "…" ("第…届会议"): *before_len receives the
 * length of "第", *after "届会议".  Returns 0 if the phrase has no slot. */
int unkg_phrase_slot(const char* phrase, size_t* before_len, const char** after);

/* The genre whose documents are of class doc_class (an IRI: U("Resolution")
 * from vocab.h); NULL if none. */
const UnkgEntity* unkg_lexicon_genre(const UnkgLexicon* lex, const char* doc_class);

/* The length of the phrase in role (UNKG_ROLE_SESSION …) of the genre of
 * doc_class that s starts with; 0 if none. */
size_t unkg_lexicon_phrase_at(const UnkgLexicon* lex, const char* doc_class, unsigned role,
                              const char* s);

/* The first entity (in IRI order) of one of kinds with all of flags; NULL
 * if none. */
const UnkgEntity* unkg_lexicon_flagged(const UnkgLexicon* lex, unsigned kinds, unsigned flags);

#endif
