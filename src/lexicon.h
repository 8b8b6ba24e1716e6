/* Reference data: member states, organizations, instruments, lead verbs and
 * their modifiers, loaded at run time from the Turtle files in ontology/, so
 * that adding a name needs no recompile.  Names are indexed for longest
 * match over normalised text. */
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
  UNKG_ENT_CURRENCY   = 1u << 9
} UnkgEntityKind;

/* Entity flags from collections in the reference data. */
enum { UNKG_FLAG_DIRECTIVE = 1u << 0 }; /* a lead verb that asks someone to act */

/* How a name belongs to its entity. */
typedef enum {
  UNKG_ROLE_NAME = 1u << 0,       /* prefLabel, altLabel, formalName, abbreviation */
  UNKG_ROLE_PREAMBULAR = 1u << 1, /* verbs: lead phrase of a preambular paragraph */
  UNKG_ROLE_OPERATIVE = 1u << 2,  /* verbs: verb of an operative paragraph */
  UNKG_ROLE_PREFIX = 1u << 3,     /* modifiers: 又, 再次 before a verb */
  UNKG_ROLE_GENERIC = 1u << 4,    /* instruments: 公约 when the antecedent is clear */
  UNKG_ROLE_TRIGGER_VERB = 1u << 5,   /* action types: 设立 */
  UNKG_ROLE_TRIGGER_OBJECT = 1u << 6, /* action types: 中心 */
  UNKG_ROLE_MARKER = 1u << 7,         /* modalities: 将, 已 */
  UNKG_ROLE_ANAPHOR = 1u << 8,        /* self-references: 该国 */
  UNKG_ROLE_CONTINUATION = 1u << 9,   /* 还, 并: a sentence going on with its subject */
  UNKG_ROLE_OPINION = 1u << 10,       /* 认为: the subject states a view */
  UNKG_ROLE_PURPOSE = 1u << 11,       /* 以便, 旨在: a clause stating a goal */
  UNKG_ROLE_SUFFIX = 1u << 12         /* modifiers: "also" after a verb ("Recalling also") */
} UnkgNameRole;

typedef struct {
  char*          iri;
  UnkgEntityKind kind;
  char*          code;     /* states: ISO alpha-3; currencies: ISO 4217 */
  unsigned       flags;    /* UNKG_FLAG_* */
  unsigned       object_kinds; /* action types: kinds of entity their object may be */
  unsigned       roles;    /* union of the roles of its names */
  char*          label_en; /* skos:prefLabel@en, may be NULL */
  char*          label_zh; /* skos:prefLabel@zh, may be NULL */
  int            member;   /* states: a UN Member State (votes in the Assembly) */
} UnkgEntity;

typedef struct UnkgLexiconImpl UnkgLexicon;

UnkgLexicon* unkg_lexicon_new(void);
/* Loads one Turtle file; errors name the file and line. */
UnkgStatus unkg_lexicon_load_file(UnkgLexicon* lex, const char* path, UnkgDiag* d);
/* Loads the reference data of dir (unkg_reference_files), then builds the
 * index. */
UnkgStatus unkg_lexicon_load_dir(UnkgLexicon* lex, const char* dir, UnkgDiag* d);
/* The Turtle files of the data directory dir as paths, sorted by name: the
 * reference data, and with ontology the ontology (unkg.ttl) too; never the
 * SHACL shapes.  The lexicon and `unkg load` both take their list from
 * here.  *paths is NULL-terminated (free it with unkg_paths_free, rdfio.h);
 * no such file is an error (UNKG_ERR_IO). */
UnkgStatus unkg_reference_files(const char* dir, bool ontology, char*** paths, UnkgDiag* d);
/* Builds the index after the last load (load_dir does it). */
UnkgStatus unkg_lexicon_index(UnkgLexicon* lex);
void       unkg_lexicon_free(UnkgLexicon* lex);

size_t            unkg_lexicon_size(const UnkgLexicon* lex);
const UnkgEntity* unkg_lexicon_entity(const UnkgLexicon* lex, size_t i);
const UnkgEntity* unkg_lexicon_by_iri(const UnkgLexicon* lex, const char* iri);

/* The longest name of an entity of one of `kinds`, in one of `roles`, that
 * text starts with.  Returns NULL if none; *len receives the match length in
 * bytes and *role (if not NULL) the role of the matched name. */
const UnkgEntity* unkg_lexicon_match(const UnkgLexicon* lex, unsigned kinds,
                                     unsigned roles, const char* text,
                                     size_t text_len, size_t* len,
                                     unsigned* role);

/* Does text start with a name of this entity in one of `roles`?  Returns
 * the match length in bytes, 0 if not. */
size_t unkg_lexicon_match_entity(const UnkgLexicon* lex, const UnkgEntity* e,
                                 unsigned roles, const char* text, size_t text_len);

/* Is the match of e at text[pos, pos+len) inside one of e's excluded
 * contexts (unkg:excludedContext: "网络安全理事会" for the Security
 * Council)?  Reference data lists the compounds a short name hides in. */
int unkg_lexicon_excluded(const UnkgLexicon* lex, const UnkgEntity* e, const char* text,
                          size_t text_len, size_t pos, size_t len);

/* Has entity e any name in role? */
int unkg_lexicon_entity_has_role(const UnkgLexicon* lex, const UnkgEntity* e, unsigned role);

/* Exact, whole-string lookup (case-insensitive for ASCII). */
const UnkgEntity* unkg_lexicon_lookup(const UnkgLexicon* lex, unsigned kinds,
                                      const char* name);

#endif
