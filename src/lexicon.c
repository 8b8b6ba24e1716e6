#include "lexicon.h"

#include "buf.h"
#include "normalise.h"
#include "vocab.h"
#include "rdfio.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


typedef struct {
  char*    subject;
  char*    value;
  unsigned role; /* names: UNKG_ROLE_*; FACT_FLAG: the UNKG_FLAG_* it sets; else 0 */
  int      what; /* see Fact kinds below */
  bool     zh, en;
  /* The subject is an earlier fact's (a file states a subject's facts
   * together): one copy, and facts of one subject compare by address. */
  bool shared;
} Fact;

enum {
  FACT_TYPE,
  FACT_NAME,
  FACT_CODE,
  FACT_PREF,
  FACT_EXCLUDE,
  FACT_MEMBER,
  FACT_OBJECT_KIND,
  FACT_SERIES,
  FACT_FLAG,
  FACT_DOC_CLASS,
  FACT_ISSUER,
  FACT_IMPLIES,
  FACT_DEFAULT_FOR
};

typedef struct {
  const char* s;
  size_t      len;
  uint32_t    first;
  size_t      entity;
  unsigned    role;
} Name;

typedef struct {
  const char* s;
  size_t      i;   /* in names[] */
  uint64_t    key; /* fold_key(s), for the sort */
} FoldName;

/* A node of the packed trie: where its edges start, the kinds and roles
 * of the names at and below it (a walk for others stops there), and for
 * a node of many edges (after a lead byte: dozens) its table of children
 * by byte, wide[dense - 1]. */
typedef struct {
  uint32_t first;
  uint32_t kinds;
  uint32_t roles;
  uint32_t dense;
} TrieNode;

enum { TRIE_SCAN = 8 }; /* a node with more edges gets a table */

typedef struct {
  size_t      entity;
  const char* s; /* normalised, owned by strings */
} Exclusion;

struct UnkgLexiconImpl {
  Fact*        facts;
  size_t       n_facts, cap_facts;
  UnkgEntity*  ents;
  size_t       n_ents;
  Name*        names;
  size_t       n_names;
  char**       strings; /* normalised names, owned */
  size_t       n_strings;
  Exclusion*   excl;
  size_t       n_excl;
  Name*        by_entity;    /* the names again, by entity (unkg_lexicon_name_at) */
  UnkgNameRef* series_names; /* unkg_lexicon_series_names */
  /* names[] ordered as strcasecmp orders their strings, equal ones in
   * names[] order: unkg_lexicon_lookup searches it instead of comparing
   * every name. */
  FoldName* by_fold;
  size_t    n_series_names;
  /* A byte trie over the names, so that matching at a position walks the
   * text once instead of trying every name with its first character.  A
   * node's names are a range of names[] (one string, in names[] order);
   * it is built in its final order (build_trie), the root's children a
   * table.  Node 0 is the root, so child 0 means none. */
  bool      trie;
  uint32_t* node_lo;
  uint32_t* node_hi;
  size_t    n_nodes;
  uint32_t  root[256];
  /* Once built, the edges again as matching walks them: node n's are
   * edge[node[n].first & TRIE_INDEX .. node[n + 1].first & TRIE_INDEX),
   * each its byte << 24 | the child, ascending; node[n].first & TRIE_END
   * says that names end at n.  A walk step reads these two arrays instead
   * of probing a hash table and node_hi. */
  TrieNode* node;
  uint32_t* edge;
  uint32_t (*wide)[256];
  /* The node after a whole first character from U+3000 to U+9FFF or
   * U+F000 to U+FFFF (CJK, punctuation, full-width forms: nearly every
   * position of a Chinese text), by code point - FIRST_LO, or FIRST_SLOW
   * where a name ends inside that character's bytes (then the walk goes
   * byte by byte).  A walk then starts three bytes in: one read instead of
   * three steps through the nodes' tables, each a likely cache miss. */
  uint64_t* first_node;
  /* A bit per (first character in first_node's range, second character),
   * hashed: set for the first two characters of every name that starts
   * so, and for (first character, PAIR_ALONE) where a name is that
   * character alone (or its second is cut short).  Where neither bit is
   * set no name starts at that place: unkg_lexicon_next_start passes it
   * without a walk (most characters that start some name are followed by
   * one that goes on none). */
  uint64_t* pair_bits;
  /* The genres' indices in ents[], in that order (unkg_lexicon_genre,
   * asked for every part). */
  size_t* genres;
  size_t  n_genres;
};

UnkgLexicon*
unkg_lexicon_new(void)
{
  return calloc(1, sizeof(UnkgLexicon));
}

static void
free_facts(UnkgLexicon* lex)
{
  for (size_t i = 0; i < lex->n_facts; ++i) {
    if (!lex->facts[i].shared) {
      free(lex->facts[i].subject);
    }
    free(lex->facts[i].value);
  }
  free(lex->facts);
  lex->facts   = NULL;
  lex->n_facts = lex->cap_facts = 0;
}

static void
free_index(UnkgLexicon* lex)
{
  for (size_t i = 0; i < lex->n_ents; ++i) {
    free(lex->ents[i].iri);
    free(lex->ents[i].code);
    free(lex->ents[i].label_en);
    free(lex->ents[i].label_zh);
    free(lex->ents[i].series);
    free(lex->ents[i].doc_class);
  }
  free(lex->ents);
  for (size_t i = 0; i < lex->n_strings; ++i) {
    free(lex->strings[i]);
  }
  free(lex->strings);
  free(lex->names);
  free(lex->by_entity);
  lex->by_entity = NULL;
  free(lex->by_fold);
  lex->by_fold = NULL;
  free(lex->series_names);
  lex->series_names   = NULL;
  lex->n_series_names = 0;
  free(lex->node_lo);
  free(lex->node_hi);
  free(lex->node);
  free(lex->edge);
  free(lex->wide);
  free(lex->first_node);
  lex->first_node = NULL;
  free(lex->pair_bits);
  lex->pair_bits = NULL;
  lex->node      = NULL;
  lex->edge      = NULL;
  lex->wide      = NULL;
  lex->node_lo = lex->node_hi = NULL;
  lex->n_nodes                = 0;
  lex->trie                   = false;
  memset(lex->root, 0, sizeof lex->root);
  free(lex->excl);
  lex->excl    = NULL;
  lex->n_excl  = 0;
  free(lex->genres);
  lex->genres   = NULL;
  lex->n_genres = 0;
  lex->ents    = NULL;
  lex->names   = NULL;
  lex->strings = NULL;
  lex->n_ents = lex->n_names = lex->n_strings = 0;
}

void
unkg_lexicon_free(UnkgLexicon* lex)
{
  if (lex) {
    free_facts(lex);
    free_index(lex);
    free(lex);
  }
}

/* ---- loading ------------------------------------------------------------- */

typedef struct {
  UnkgLexicon* lex;
  UnkgStatus   st;
} LoadCtx;

/* The properties the lexicon reads, and what each gives an entity. */
static const struct {
  const char* iri;
  int         what; /* FACT_* */
  unsigned    bits; /* names: the UNKG_ROLE_*; FACT_FLAG: the UNKG_FLAG_* */
  bool        link; /* its value is an IRI, not a literal */
} properties[] = {
  {NS_SKOS "prefLabel", FACT_PREF, UNKG_ROLE_NAME, false},
  {NS_SKOS "altLabel", FACT_NAME, UNKG_ROLE_NAME, false},
  {UNKG_NS "formalName", FACT_NAME, UNKG_ROLE_NAME, false},
  {UNKG_NS "abbreviation", FACT_NAME, UNKG_ROLE_NAME, false},
  {UNKG_NS "preambularForm", FACT_NAME, UNKG_ROLE_PREAMBULAR, false},
  {UNKG_NS "operativeForm", FACT_NAME, UNKG_ROLE_OPERATIVE, false},
  {UNKG_NS "prefixForm", FACT_NAME, UNKG_ROLE_PREFIX, false},
  {UNKG_NS "suffixForm", FACT_NAME, UNKG_ROLE_SUFFIX, false},
  {UNKG_NS "alsoForm", FACT_NAME, UNKG_ROLE_ALSO, false},
  {UNKG_NS "genericName", FACT_NAME, UNKG_ROLE_GENERIC, false},
  {UNKG_NS "triggerVerb", FACT_NAME, UNKG_ROLE_TRIGGER_VERB, false},
  {UNKG_NS "triggerObject", FACT_NAME, UNKG_ROLE_TRIGGER_OBJECT, false},
  {UNKG_NS "markerForm", FACT_NAME, UNKG_ROLE_MARKER, false},
  {UNKG_NS "anaphor", FACT_NAME, UNKG_ROLE_ANAPHOR, false},
  {UNKG_NS "continuationForm", FACT_NAME, UNKG_ROLE_CONTINUATION, false},
  {UNKG_NS "opinionForm", FACT_NAME, UNKG_ROLE_OPINION, false},
  {UNKG_NS "purposeForm", FACT_NAME, UNKG_ROLE_PURPOSE, false},
  {UNKG_NS "passiveAuxiliary", FACT_NAME, UNKG_ROLE_PASSIVE_AUX, false},
  {UNKG_NS "passiveMarker", FACT_NAME, UNKG_ROLE_PASSIVE, false},
  {UNKG_NS "passivePostVerb", FACT_NAME, UNKG_ROLE_PASSIVE_AFTER, false},
  {UNKG_NS "formulaPhrase", FACT_NAME, UNKG_ROLE_FORMULA, false},
  {UNKG_NS "sessionPhrase", FACT_NAME, UNKG_ROLE_SESSION, false},
  {UNKG_NS "agendaItemPhrase", FACT_NAME, UNKG_ROLE_AGENDA_ITEM, false},
  {UNKG_NS "adoptionPhrase", FACT_NAME, UNKG_ROLE_ADOPTION, false},
  {UNKG_NS "committeeReportPhrase", FACT_NAME, UNKG_ROLE_COMMITTEE_REPORT, false},
  {UNKG_NS "meetingPhrase", FACT_NAME, UNKG_ROLE_MEETING, false},
  {UNKG_NS "languageNotePhrase", FACT_NAME, UNKG_ROLE_LANGUAGE_NOTE, false},
  {UNKG_NS "reportTitlePhrase", FACT_NAME, UNKG_ROLE_REPORT_TITLE, false},
  {UNKG_NS "noteVerbalePhrase", FACT_NAME, UNKG_ROLE_NOTE_VERBALE, false},
  {UNKG_NS "receivedAfterPhrase", FACT_NAME, UNKG_ROLE_RECEIVED_AFTER, false},
  {UNKG_NS "deadlinePhrase", FACT_NAME, UNKG_ROLE_DEADLINE, false},
  {UNKG_NS "annexPhrase", FACT_NAME, UNKG_ROLE_ANNEX, false},
  {UNKG_NS "currencyCode", FACT_CODE, 0, false},
  {UNKG_NS "excludedContext", FACT_EXCLUDE, 0, false},
  {UNKG_NS "iso3166Alpha3", FACT_CODE, 0, false},
  {UNKG_NS "languageTag", FACT_CODE, 0, false},
  {UNKG_NS "resolutionSeries", FACT_SERIES, 0, false},
  {UNKG_NS "impliedByAmount", FACT_FLAG, UNKG_FLAG_AMOUNT, false},
  {UNKG_NS "impliedByDatedObject", FACT_FLAG, UNKG_FLAG_DATED_OBJECT, false},
  {UNKG_NS "defaultForListItem", FACT_FLAG, UNKG_FLAG_LIST_ITEM, false},
  {UNKG_NS "goesOnAfterComma", FACT_FLAG, UNKG_FLAG_GOES_ON, false},
  {UNKG_NS "saysAgain", FACT_FLAG, UNKG_FLAG_AGAIN, false},
  {UNKG_NS "objectKind", FACT_OBJECT_KIND, 0, true},
  {UNKG_NS "documentClass", FACT_DOC_CLASS, 0, true},
  {UNKG_NS "issuedBy", FACT_ISSUER, 0, true},
  {UNKG_NS "impliesModality", FACT_IMPLIES, 0, true},
  {UNKG_NS "defaultForModality", FACT_DEFAULT_FOR, 0, true},
};

/* What a property with a literal value gives (FACT_*, -1 if nothing) and
 * its role or flag. */
static unsigned
name_role(const char* p, int* what)
{
  for (size_t i = 0; i < sizeof properties / sizeof *properties; ++i) {
    if (!properties[i].link && !strcmp(p, properties[i].iri)) {
      *what = properties[i].what;
      return properties[i].bits;
    }
  }
  *what = -1;
  return 0;
}

/* What a property with an IRI value gives (FACT_*), -1 if nothing. */
static int
link_what(const char* p)
{
  for (size_t i = 0; i < sizeof properties / sizeof *properties; ++i) {
    if (properties[i].link && !strcmp(p, properties[i].iri)) {
      return properties[i].what;
    }
  }
  return -1;
}

static void
add_fact(LoadCtx* c, const char* subject, const char* value, int what, unsigned role, const char* lang)
{
  UnkgLexicon* lex = c->lex;
  if (c->st) {
    return;
  }
  if (lex->n_facts == lex->cap_facts) {
    size_t cap = lex->cap_facts ? lex->cap_facts * 2 : 1024;
    Fact*  f   = realloc(lex->facts, cap * sizeof *f);
    if (!f) {
      c->st = UNKG_ERR_NOMEM;
      return;
    }
    lex->facts     = f;
    lex->cap_facts = cap;
  }
  const Fact* last   = lex->n_facts ? &lex->facts[lex->n_facts - 1] : NULL;
  const bool  shared = last && !strcmp(last->subject, subject);
  Fact        f      = {shared ? last->subject : unkg_strdup(subject),
                        unkg_strdup(value),
                        role,
                        what,
                        lang && !strncasecmp(lang, "zh", 2),
                        lang && !strncasecmp(lang, "en", 2),
                        shared};
  if (!f.subject || !f.value) {
    if (!shared) {
      free(f.subject);
    }
    free(f.value);
    c->st = UNKG_ERR_NOMEM;
    return;
  }
  lex->facts[lex->n_facts++] = f;
}

static UnkgStatus
on_triple(void* data, const UnkgTriple* t, const UnkgTerm* graph)
{
  LoadCtx* c = data;
  (void)graph;
  if (t->s.kind != UNKG_TERM_IRI) {
    return UNKG_OK;
  }
  const char* s = t->s.value;
  const char* p = t->p.value;
  if (t->o.kind == UNKG_TERM_IRI) {
    const char* o = t->o.value;
    if (!strcmp(p, RDF_TYPE)) {
      add_fact(c, s, o, FACT_TYPE, 0, NULL);
    } else if (!strcmp(p, NS_SKOS "member")) {
      /* stored on the member, so that it sorts with the member's facts */
      add_fact(c, o, s, FACT_MEMBER, 0, NULL);
    } else if (link_what(p) >= 0) {
      add_fact(c, s, o, link_what(p), 0, NULL);
    }
    return c->st;
  }
  int      what;
  unsigned role = name_role(p, &what);
  if (what < 0 || t->o.kind != UNKG_TERM_LITERAL) {
    return UNKG_OK;
  }
  add_fact(c, s, t->o.value, what, role, t->o.lang);
  return c->st;
}

UnkgStatus
unkg_lexicon_load_file(const UnkgCtx* c, UnkgLexicon* lex, const char* path)
{
  LoadCtx     load = {lex, UNKG_OK};
  UnkgRdfSink sink = {on_triple, &load, NULL, "reference data"};
  return unkg_rdf_parse_file_cached(c, path, "turtle", &sink);
}

/* The ontology is a data file like the others to the store, but names no
 * entity; the SHACL shapes are for checking exports only. */
static bool
is_ontology_file(const char* name)
{
  return !strcmp(name, "unkg.ttl");
}

static bool
is_turtle_file(const char* name)
{
  size_t n = strlen(name);
  return n > 4 && !strcmp(name + n - 4, ".ttl") && !strstr(name, "shapes");
}

static bool
is_reference_file(const char* name)
{
  return is_turtle_file(name) && !is_ontology_file(name);
}

UnkgStatus
unkg_reference_files(const UnkgCtx* c, const char* dir, bool ontology, char*** paths)
{
  size_t     n  = 0;
  UnkgStatus st = unkg_dir_files(dir, ontology ? is_turtle_file : is_reference_file, paths, &n);
  if (st == UNKG_ERR_IO) {
    unkg_error_in(c, dir, st, 0, 0, "cannot open reference data directory");
  } else if (st) {
    unkg_error_in(c, dir, st, 0, 0, "%s", unkg_strerror(st));
  } else if (n == 0) {
    st = unkg_error_in(c, dir, UNKG_ERR_IO, 0, 0, "no reference data (*.ttl) found");
  }
  if (st) {
    unkg_paths_free(*paths);
    *paths = NULL;
  }
  return st;
}

static UnkgStatus check_required(const UnkgCtx* c, const UnkgLexicon* lex, const char* dir);

UnkgStatus
unkg_lexicon_load_dir(const UnkgCtx* c, UnkgLexicon* lex, const char* dir)
{
  char**     paths = NULL;
  UnkgStatus st    = unkg_reference_files(c, dir, false, &paths);
  for (size_t i = 0; !st && paths[i]; ++i) {
    st = unkg_lexicon_load_file(c, lex, paths[i]);
  }
  unkg_paths_free(paths);
  if (!st && (st = unkg_lexicon_index(lex))) {
    unkg_error_in(c, dir, st, 0, 0, "%s", unkg_strerror(st));
  }
  return st ? st : check_required(c, lex, dir);
}

/* ---- index ---------------------------------------------------------------- */

static int
kind_of_type(const char* t)
{
  if (!strcmp(t, UNKG_NS "MemberState") || !strcmp(t, UNKG_NS "ObserverState")
      || !strcmp(t, UNKG_NS "State")) {
    return UNKG_ENT_STATE;
  }
  if (!strcmp(t, NS_ORG "FormalOrganization") || !strcmp(t, NS_ORG "OrganizationalUnit")
      || !strcmp(t, NS_ORG "Organization") || !strcmp(t, UNKG_NS "UNBody")
      || !strcmp(t, UNKG_NS "Forum")) {
    return UNKG_ENT_ORG;
  }
  if (!strcmp(t, UNKG_NS "Instrument")) {
    return UNKG_ENT_INSTRUMENT;
  }
  if (!strcmp(t, UNKG_NS "LeadVerb")) {
    return UNKG_ENT_VERB;
  }
  if (!strcmp(t, UNKG_NS "LeadModifier")) {
    return UNKG_ENT_MODIFIER;
  }
  if (!strcmp(t, UNKG_NS "ActionType")) {
    return UNKG_ENT_ACTION;
  }
  if (!strcmp(t, UNKG_NS "Modality")) {
    return UNKG_ENT_MODALITY;
  }
  if (!strcmp(t, UNKG_NS "SelfReference")) {
    return UNKG_ENT_SELF;
  }
  if (!strcmp(t, UNKG_NS "StateGroup")) {
    return UNKG_ENT_GROUP;
  }
  if (!strcmp(t, UNKG_NS "Currency")) {
    return UNKG_ENT_CURRENCY;
  }
  if (!strcmp(t, UNKG_NS "Language")) {
    return UNKG_ENT_LANGUAGE;
  }
  if (!strcmp(t, UNKG_NS "Genre")) {
    return UNKG_ENT_GENRE;
  }
  return 0;
}

/* ---- lookups by behaviour ------------------------------------------------------ */

const char*
unkg_lexicon_name_at(const UnkgLexicon* lex, const UnkgEntity* e, unsigned roles, size_t i)
{
  if (!lex || !e || !lex->by_entity) {
    return NULL;
  }
  size_t index = (size_t)(e - lex->ents);
  size_t lo = 0, hi = lex->n_names;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (lex->by_entity[mid].entity < index) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (size_t k = lo; k < lex->n_names && lex->by_entity[k].entity == index; ++k) {
    if ((lex->by_entity[k].role & roles) && i-- == 0) {
      return lex->by_entity[k].s;
    }
  }
  return NULL;
}

const UnkgNameRef*
unkg_lexicon_series_names(const UnkgLexicon* lex, size_t* n)
{
  *n = lex ? lex->n_series_names : 0;
  return lex ? lex->series_names : NULL;
}

int
unkg_phrase_slot(const char* phrase, size_t* before_len, const char** after)
{
  const char* slot = strstr(phrase, "…");
  if (!slot) {
    return 0;
  }
  *before_len = (size_t)(slot - phrase);
  *after      = slot + strlen("…");
  return 1;
}

const UnkgEntity*
unkg_lexicon_genre(const UnkgLexicon* lex, const char* doc_class)
{
  for (size_t i = 0; lex && i < lex->n_genres; ++i) {
    const UnkgEntity* e = &lex->ents[lex->genres[i]];
    if (e->doc_class && !strcmp(e->doc_class, doc_class)) {
      return e;
    }
  }
  return NULL;
}

size_t
unkg_lexicon_phrase_at(const UnkgLexicon* lex, const char* doc_class, unsigned role, const char* s)
{
  return unkg_lexicon_match_entity(lex, unkg_lexicon_genre(lex, doc_class), role, s, strlen(s));
}

const UnkgEntity*
unkg_lexicon_flagged(const UnkgLexicon* lex, unsigned kinds, unsigned flags)
{
  for (size_t i = 0; lex && i < lex->n_ents; ++i) {
    const UnkgEntity* e = &lex->ents[i];
    if ((e->kind & kinds) && (e->flags & flags) == flags) {
      return e;
    }
  }
  return NULL;
}

/* ---- what the code relies on ------------------------------------------------ */

/* The local name of the unkg: property that gives a name role or a flag,
 * for messages. */
static const char*
property_name(int what, unsigned bits)
{
  for (size_t i = 0; i < sizeof properties / sizeof *properties; ++i) {
    if (properties[i].what == what && properties[i].bits == bits) {
      return properties[i].iri + strlen(UNKG_NS);
    }
  }
  return "?";
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static UnkgStatus
incomplete(const UnkgCtx* c, const char* dir, const char* fmt, ...)
{
  char    what[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  return unkg_error_in(c, dir, UNKG_ERR_SYNTAX, 0, 0, "reference data is incomplete: %s", what);
}

static bool
any_with_role(const UnkgLexicon* lex, unsigned kinds, unsigned role)
{
  for (size_t i = 0; i < lex->n_ents; ++i) {
    if ((lex->ents[i].kind & kinds) && (lex->ents[i].roles & role)) {
      return true;
    }
  }
  return false;
}

/* The genres the readers and the graph builder ask for, with the phrases
 * each reads. */
static const struct {
  const char* doc_class;
  unsigned    roles;
} genres_needed[] = {
  {UNKG_NS "Resolution", UNKG_ROLE_FORMULA | UNKG_ROLE_SESSION | UNKG_ROLE_AGENDA_ITEM
                           | UNKG_ROLE_ADOPTION | UNKG_ROLE_COMMITTEE_REPORT | UNKG_ROLE_MEETING
                           | UNKG_ROLE_DEADLINE | UNKG_ROLE_ANNEX},
  {UNKG_NS "Report", UNKG_ROLE_SESSION | UNKG_ROLE_AGENDA_ITEM | UNKG_ROLE_LANGUAGE_NOTE
                       | UNKG_ROLE_REPORT_TITLE | UNKG_ROLE_NOTE_VERBALE | UNKG_ROLE_RECEIVED_AFTER},
};

/* Everything the code finds by what it does rather than by its IRI must be
 * there: a renamed individual or property would otherwise switch a feature
 * off without a word. */
static UnkgStatus
check_required(const UnkgCtx* c, const UnkgLexicon* lex, const char* dir)
{
  for (size_t i = 0; i < sizeof genres_needed / sizeof *genres_needed; ++i) {
    const char*       cls = genres_needed[i].doc_class;
    const UnkgEntity* g   = unkg_lexicon_genre(lex, cls);
    if (!g) {
      return incomplete(c, dir, "no unkg:Genre has unkg:documentClass unkg:%s",
                        cls + strlen(UNKG_NS));
    }
    if (!g->issuer || !(g->issuer->kind & UNKG_ENT_ORG)) {
      return incomplete(c, dir,
                        "the unkg:issuedBy of genre <%s> is not an organization of the reference data",
                        g->iri);
    }
    for (unsigned bit = 1; bit; bit <<= 1) {
      if ((genres_needed[i].roles & bit) && !(g->roles & bit)) {
        return incomplete(c, dir, "genre <%s> has no unkg:%s", g->iri, property_name(FACT_NAME, bit));
      }
    }
  }
  /* The loop above made sure the genre and its issuer are there. */
  const UnkgEntity* assembly = unkg_lexicon_genre(lex, UNKG_NS "Resolution")->issuer;
  if (!assembly->series) {
    return incomplete(c, dir, "<%s>, which issues resolutions, has no unkg:resolutionSeries",
                      assembly->iri);
  }
  static const char* const modalities[] = {"proposed", "planned", "done", "ongoing"};
  for (size_t i = 0; i < sizeof modalities / sizeof *modalities; ++i) {
    char iri[128];
    snprintf(iri, sizeof iri, UNKG_NS "%s", modalities[i]);
    const UnkgEntity* m = unkg_lexicon_by_iri(lex, iri);
    if (!m || m->kind != UNKG_ENT_MODALITY) {
      return incomplete(c, dir, "no unkg:Modality unkg:%s", modalities[i]);
    }
  }
  static const unsigned flags[] = {UNKG_FLAG_AMOUNT, UNKG_FLAG_DATED_OBJECT, UNKG_FLAG_LIST_ITEM};
  for (size_t i = 0; i < sizeof flags / sizeof *flags; ++i) {
    if (!unkg_lexicon_flagged(lex, UNKG_ENT_ACTION, flags[i])) {
      return incomplete(c, dir, "no unkg:ActionType has unkg:%s true",
                        property_name(FACT_FLAG, flags[i]));
    }
  }
  /* The commitment extractor types plans and proposals that no trigger
   * describes. */
  static const char* const defaults[] = {"proposed", "planned"};
  for (size_t i = 0; i < sizeof defaults / sizeof *defaults; ++i) {
    char iri[128];
    snprintf(iri, sizeof iri, UNKG_NS "%s", defaults[i]);
    bool found = false;
    for (size_t k = 0; k < lex->n_ents && !found; ++k) {
      found = lex->ents[k].kind == UNKG_ENT_ACTION && lex->ents[k].default_for
              && !strcmp(lex->ents[k].default_for->iri, iri);
    }
    if (!found) {
      return incomplete(c, dir, "no unkg:ActionType has unkg:defaultForModality unkg:%s",
                        defaults[i]);
    }
  }
  bool implies = false;
  for (size_t k = 0; k < lex->n_ents && !implies; ++k) {
    implies = lex->ents[k].kind == UNKG_ENT_ACTION && lex->ents[k].modality;
  }
  if (!implies) {
    return incomplete(c, dir, "no unkg:ActionType has unkg:impliesModality");
  }
  static const unsigned passive[] = {UNKG_ROLE_PASSIVE_AUX, UNKG_ROLE_PASSIVE,
                                     UNKG_ROLE_PASSIVE_AFTER};
  for (size_t i = 0; i < sizeof passive / sizeof *passive; ++i) {
    if (!any_with_role(lex, UNKG_ENT_SELF, passive[i])) {
      return incomplete(c, dir, "no unkg:SelfReference has unkg:%s",
                        property_name(FACT_NAME, passive[i]));
    }
  }
  bool language = false;
  for (size_t k = 0; k < lex->n_ents && !language; ++k) {
    language = lex->ents[k].kind == UNKG_ENT_LANGUAGE && lex->ents[k].code
               && (lex->ents[k].roles & UNKG_ROLE_NAME);
  }
  if (!language) {
    return incomplete(c, dir, "no unkg:Language has a name and a unkg:languageTag");
  }
  if (!unkg_lexicon_flagged(lex, UNKG_ENT_VERB, UNKG_FLAG_DIRECTIVE)) {
    return incomplete(c, dir, "no lead verb is a skos:member of <%sdirectives>", UNKG_NS_VERB);
  }
  return UNKG_OK;
}

static int
cmp_fact(const void* a, const void* b)
{
  const Fact* x = a;
  const Fact* y = b;
  int         c = x->subject == y->subject ? 0 : strcmp(x->subject, y->subject);
  if (c) {
    return c;
  }
  if (x->what != y->what) {
    return x->what - y->what;
  }
  return strcmp(x->value, y->value);
}

_Static_assert(sizeof(Fact) <= 64, "sort_small holds an element in 64 bytes");
enum { SMALL_SORT = 16 }; /* fewer elements are sorted by insertion */

/* Sorts n elements of size bytes (at most 64) stably: glibc's qsort is a
 * merge sort, and a few elements, of which there are hundreds of groups,
 * go by insertion without qsort's setting up for each. */
static void
sort_small(void* base, size_t n, size_t size, int (*cmp)(const void*, const void*))
{
  if (n > SMALL_SORT) {
    qsort(base, n, size, cmp);
    return;
  }
  unsigned char* v = base;
  unsigned char  x[64];
  for (size_t i = 1; i < n; ++i) {
    memcpy(x, v + i * size, size);
    size_t j = i;
    for (; j > 0 && cmp(v + (j - 1) * size, x) > 0; --j) {
      memcpy(v + j * size, v + (j - 1) * size, size);
    }
    memcpy(v + j * size, x, size);
  }
}

/* A run of facts with one subject (one copy of it: add_fact shares a
 * subject with the fact before), for sort_facts. */
typedef struct {
  const char* subject;
  size_t      at, n;
} FactRun;

static int
cmp_run(const void* a, const void* b)
{
  const FactRun* x = a;
  const FactRun* y = b;
  int            c = strcmp(x->subject, y->subject);
  return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* The facts in cmp_fact's order, as the stable sort of all of them gave
 * it (equal facts, such as two flags of a subject, in the order read):
 * the runs of one subject sorted by it, keeping their order where a
 * subject has several (stated in several files), then each subject's
 * facts among themselves.  A subject's facts are a run already: so a few
 * hundred subjects are sorted by name, and a few facts each by cmp_fact,
 * instead of every fact by its subject's name. */
static UnkgStatus
sort_facts(UnkgLexicon* lex)
{
  size_t   n = lex->n_facts, n_runs = 0;
  FactRun* runs = malloc(n * sizeof *runs);
  Fact*    out  = malloc(n * sizeof *out);
  if (!runs || !out) {
    free(runs);
    free(out);
    return UNKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < n; ++i) {
    if (i && lex->facts[i].subject == lex->facts[i - 1].subject) {
      ++runs[n_runs - 1].n;
    } else {
      runs[n_runs++] = (FactRun){lex->facts[i].subject, i, 1};
    }
  }
  qsort(runs, n_runs, sizeof *runs, cmp_run);
  size_t w = 0;
  for (size_t r = 0, e; r < n_runs; r = e) {
    size_t from = w;
    for (e = r; e < n_runs && (e == r || !strcmp(runs[e].subject, runs[r].subject)); ++e) {
      memcpy(out + w, lex->facts + runs[e].at, runs[e].n * sizeof *out);
      w += runs[e].n;
    }
    sort_small(out + from, w - from, sizeof *out, cmp_fact);
  }
  free(runs);
  free(lex->facts);
  lex->facts     = out;
  lex->cap_facts = n;
  return UNKG_OK;
}

static int
cmp_name(const void* a, const void* b)
{
  const Name* x = a;
  const Name* y = b;
  if (x->first != y->first) {
    return x->first < y->first ? -1 : 1;
  }
  if (x->len != y->len) {
    return x->len > y->len ? -1 : 1; /* longest first */
  }
  int c = strcmp(x->s, y->s);
  if (c) {
    return c;
  }
  return x->entity < y->entity ? -1 : x->entity > y->entity;
}

static int
cmp_ent(const void* a, const void* b)
{
  return strcmp(((const UnkgEntity*)a)->iri, ((const UnkgEntity*)b)->iri);
}

static UnkgStatus build_trie(UnkgLexicon* lex);

/* The first eight bytes of s as strcasecmp compares them (unkg sets no
 * locale: A-Z folded to a-z), big-endian, zeros after the end: keys that
 * differ order as strcasecmp orders the strings, and only equal keys need
 * it (names of one first character share three bytes, not eight). */
static uint64_t
fold_key(const char* s)
{
  uint64_t key = 0;
  size_t   k   = 0;
  for (; k < 8 && s[k]; ++k) {
    unsigned char b = (unsigned char)s[k];
    key             = key << 8 | ((unsigned)(b - 'A') < 26u ? b | 0x20u : b);
  }
  return k ? key << (8 * (8 - k)) : 0; /* (a shift by 64 is undefined) */
}

static int
cmp_fold(const void* a, const void* b)
{
  const FoldName* x = a;
  const FoldName* y = b;
  if (x->key != y->key) {
    return x->key < y->key ? -1 : 1;
  }
  int c = strcasecmp(x->s, y->s);
  if (c) {
    return c;
  }
  return x->i < y->i ? -1 : x->i > y->i;
}

UnkgStatus
unkg_lexicon_index(UnkgLexicon* lex)
{
  free_index(lex);
  if (lex->n_facts && sort_facts(lex)) {
    return UNKG_ERR_NOMEM;
  }
  /* One entity per subject that has a kind we know. */
  size_t cap_ents = 0, cap_names = 0;
  for (size_t i = 0; i < lex->n_facts;) {
    size_t j      = i;
    int    kind   = 0;
    int    member = 0;
    while (j < lex->n_facts
           && (lex->facts[j].subject == lex->facts[i].subject
               || !strcmp(lex->facts[j].subject, lex->facts[i].subject))) {
      if (lex->facts[j].what == FACT_TYPE && !kind) {
        kind = kind_of_type(lex->facts[j].value);
      }
      member = member
               || (lex->facts[j].what == FACT_TYPE
                   && !strcmp(lex->facts[j].value, UNKG_NS "MemberState"));
      ++j;
    }
    if (kind) {
      if (lex->n_ents == cap_ents) {
        cap_ents      = cap_ents ? cap_ents * 2 : 256;
        UnkgEntity* v = realloc(lex->ents, cap_ents * sizeof *v);
        if (!v) {
          return UNKG_ERR_NOMEM;
        }
        lex->ents = v;
      }
      UnkgEntity* e = &lex->ents[lex->n_ents++];
      memset(e, 0, sizeof *e);
      e->kind   = (UnkgEntityKind)kind;
      e->member = member;
      if (!(e->iri = unkg_strdup(lex->facts[i].subject))) {
        return UNKG_ERR_NOMEM;
      }
      for (size_t k = i; k < j; ++k) {
        const Fact* f = &lex->facts[k];
        if (f->what == FACT_CODE && !e->code) {
          e->code = unkg_strdup(f->value);
        } else if (f->what == FACT_PREF && f->en && !e->label_en) {
          e->label_en = unkg_strdup(f->value);
        } else if (f->what == FACT_PREF && f->zh && !e->label_zh) {
          e->label_zh = unkg_strdup(f->value);
        } else if (f->what == FACT_MEMBER && !strcmp(f->value, UNKG_NS_VERB "directives")) {
          e->flags |= UNKG_FLAG_DIRECTIVE;
        } else if (f->what == FACT_OBJECT_KIND) {
          e->object_kinds |= (unsigned)kind_of_type(f->value);
        } else if (f->what == FACT_FLAG && (!strcmp(f->value, "true") || !strcmp(f->value, "1"))) {
          e->flags |= f->role;
        } else if ((f->what == FACT_SERIES && !e->series && !(e->series = unkg_strdup(f->value)))
                   || (f->what == FACT_DOC_CLASS && !e->doc_class
                       && !(e->doc_class = unkg_strdup(f->value)))) {
          return UNKG_ERR_NOMEM;
        }
      }
    }
    i = j;
  }
  if (lex->n_ents) {
    qsort(lex->ents, lex->n_ents, sizeof *lex->ents, cmp_ent);
  }
  /* Links between entities, now that each has its place. */
  for (size_t i = 0; i < lex->n_facts; ++i) {
    const Fact* f = &lex->facts[i];
    if (f->what != FACT_ISSUER && f->what != FACT_IMPLIES && f->what != FACT_DEFAULT_FOR) {
      continue;
    }
    const UnkgEntity* from = unkg_lexicon_by_iri(lex, f->subject);
    const UnkgEntity* to   = unkg_lexicon_by_iri(lex, f->value);
    if (!from || !to) {
      continue;
    }
    UnkgEntity*        e    = &lex->ents[from - lex->ents];
    const UnkgEntity** link = f->what == FACT_ISSUER    ? &e->issuer
                              : f->what == FACT_IMPLIES ? &e->modality
                                                        : &e->default_for;
    if (!*link) {
      *link = to;
    }
  }
  /* Names, normalised like the text they will be matched against. */
  lex->strings = calloc(lex->n_facts ? lex->n_facts : 1, sizeof *lex->strings);
  if (!lex->strings) {
    return UNKG_ERR_NOMEM;
  }
  const char*       of    = NULL; /* the subject last looked up, by address */
  const UnkgEntity* of_is = NULL;
  for (size_t i = 0; i < lex->n_facts; ++i) {
    const Fact* f = &lex->facts[i];
    if (f->what != FACT_NAME && f->what != FACT_PREF && f->what != FACT_EXCLUDE) {
      continue;
    }
    if (f->subject != of) {
      of    = f->subject;
      of_is = unkg_lexicon_by_iri(lex, of);
    }
    const UnkgEntity* e = of_is;
    if (!e) {
      continue;
    }
    char* norm;
    if (unkg_normalise_string(f->value, &norm)) {
      return UNKG_ERR_NOMEM;
    }
    if (!*norm) {
      free(norm);
      continue;
    }
    lex->strings[lex->n_strings++] = norm;
    if (f->what == FACT_EXCLUDE) {
      Exclusion* v = realloc(lex->excl, (lex->n_excl + 1) * sizeof *v);
      if (!v) {
        return UNKG_ERR_NOMEM;
      }
      lex->excl                = v;
      lex->excl[lex->n_excl++] = (Exclusion){(size_t)(e - lex->ents), norm};
      continue;
    }
    if (lex->n_names == cap_names) {
      cap_names = cap_names ? cap_names * 2 : 1024;
      Name* v   = realloc(lex->names, cap_names * sizeof *v);
      if (!v) {
        return UNKG_ERR_NOMEM;
      }
      lex->names = v;
    }
    uint32_t first = 0;
    unkg_utf8_decode((const unsigned char*)norm, strlen(norm), &first);
    lex->names[lex->n_names++] = (Name){norm, strlen(norm), first, (size_t)(e - lex->ents), f->role};
    lex->ents[e - lex->ents].roles |= f->role;
  }
  if (lex->n_names) {
    qsort(lex->names, lex->n_names, sizeof *lex->names, cmp_name);
    if (!(lex->by_entity = malloc(lex->n_names * sizeof *lex->by_entity))) {
      return UNKG_ERR_NOMEM;
    }
    /* The names by entity, then in cmp_name's order: names is in that
     * order already, so a stable pass by entity gives it (equal names
     * keeping their order, as the stable qsort it replaces did), in two
     * sweeps instead of a sort once per process. */
    size_t* at = calloc(lex->n_ents + 1, sizeof *at);
    if (!at) {
      return UNKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < lex->n_names; ++i) {
      ++at[lex->names[i].entity + 1];
    }
    for (size_t k = 0; k < lex->n_ents; ++k) {
      at[k + 1] += at[k];
    }
    for (size_t i = 0; i < lex->n_names; ++i) {
      lex->by_entity[at[lex->names[i].entity]++] = lex->names[i];
    }
    free(at);
    if (!(lex->series_names = malloc(lex->n_names * sizeof *lex->series_names))) {
      return UNKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < lex->n_names; ++i) {
      const Name*       n = &lex->by_entity[i];
      const UnkgEntity* e = &lex->ents[n->entity];
      if (e->series && (n->role & UNKG_ROLE_NAME)) {
        lex->series_names[lex->n_series_names++] = (UnkgNameRef){n->s, n->len, e};
      }
    }
    if (!(lex->by_fold = malloc(lex->n_names * sizeof *lex->by_fold))) {
      return UNKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < lex->n_names; ++i) {
      lex->by_fold[i] = (FoldName){lex->names[i].s, i, fold_key(lex->names[i].s)};
    }
    qsort(lex->by_fold, lex->n_names, sizeof *lex->by_fold, cmp_fold);
  }
  for (size_t i = 0; i < lex->n_ents; ++i) {
    if (lex->ents[i].kind == UNKG_ENT_GENRE) {
      size_t* v = realloc(lex->genres, (lex->n_genres + 1) * sizeof *v);
      if (!v) {
        return UNKG_ERR_NOMEM;
      }
      lex->genres                  = v;
      lex->genres[lex->n_genres++] = i;
    }
  }
  return build_trie(lex);
}

size_t
unkg_lexicon_size(const UnkgLexicon* lex)
{
  return lex ? lex->n_ents : 0;
}

const UnkgEntity*
unkg_lexicon_entity(const UnkgLexicon* lex, size_t i)
{
  return i < lex->n_ents ? &lex->ents[i] : NULL;
}

const UnkgEntity*
unkg_lexicon_by_iri(const UnkgLexicon* lex, const char* iri)
{
  if (!lex || !lex->n_ents) {
    return NULL;
  }
  UnkgEntity key = {.iri = (char*)iri};
  return bsearch(&key, lex->ents, lex->n_ents, sizeof key, cmp_ent);
}


/* ---- the trie ---------------------------------------------------------------- */

enum { TRIE_END = 1u << 31, TRIE_INDEX = (1u << 24) - 1 };

/* names[] by their bytes (strcmp), for build_trie: names[] is in cmp_name's
 * order, by first character (the order of its bytes, as UTF-8 keeps it)
 * and then longest first, so only each first character's names are
 * sorted again. */
static const Name* sort_names; /* qsort has no context argument in C11 */

static int
cmp_name_bytes(const void* a, const void* b)
{
  uint32_t x = *(const uint32_t*)a, y = *(const uint32_t*)b;
  int      c = strcmp(sort_names[x].s, sort_names[y].s);
  return c ? c : (x > y) - (x < y);
}

/* node[], edge[] and wide[] from the nodes build_trie made, numbered depth
 * first with each node's children by byte (parent[] and byte[] say where
 * each hangs; the root's children are in root[] already, not edges), and
 * the nodes' names (lo and hi, taken over).  Nodes and edges number below
 * 2^24 (build_trie), so a child and its byte share a word. */
static UnkgStatus
link_nodes(UnkgLexicon* lex, const uint32_t* parent, const unsigned char* byte, uint32_t* lo,
           uint32_t* hi)
{
  size_t    nn   = lex->n_nodes;
  uint32_t* fill = calloc(nn + 1, sizeof *fill);
  lex->node      = calloc(nn + 1, sizeof *lex->node);
  lex->edge      = malloc(nn * sizeof *lex->edge);
  lex->node_lo   = lo;
  lex->node_hi   = hi;
  if (!fill || !lex->node || !lex->edge) {
    free(fill);
    return UNKG_ERR_NOMEM;
  }
  /* Counted by parent, then placed: children come in the order they were
   * made, by byte within a node. */
  for (size_t v = 1; v < nn; ++v) {
    fill[parent[v] + 1] += parent[v] != 0;
  }
  for (size_t k = 0; k < nn; ++k) {
    fill[k + 1] += fill[k];
    lex->node[k].first = fill[k] | (hi[k] ? TRIE_END : 0);
  }
  lex->node[nn].first = fill[nn];
  for (size_t v = 1; v < nn; ++v) {
    if (parent[v]) {
      lex->edge[fill[parent[v]]++] = (uint32_t)byte[v] << 24 | (uint32_t)v;
    }
  }
  free(fill);
  size_t n_wide = 0;
  for (size_t k = 0; k < nn; ++k) {
    for (uint32_t i = lo[k]; i < hi[k]; ++i) {
      lex->node[k].kinds |= lex->ents[lex->names[i].entity].kind;
      lex->node[k].roles |= lex->names[i].role;
    }
    n_wide += (lex->node[k + 1].first & TRIE_INDEX) - (lex->node[k].first & TRIE_INDEX) > TRIE_SCAN;
  }
  if (n_wide && !(lex->wide = calloc(n_wide, sizeof *lex->wide))) {
    return UNKG_ERR_NOMEM;
  }
  n_wide = 0;
  for (size_t k = 0; k < nn; ++k) {
    uint32_t from = lex->node[k].first & TRIE_INDEX, to = lex->node[k + 1].first & TRIE_INDEX;
    if (to - from > TRIE_SCAN) {
      for (uint32_t i = from; i < to; ++i) {
        lex->wide[n_wide][lex->edge[i] >> 24] = lex->edge[i] & TRIE_INDEX;
      }
      lex->node[k].dense = (uint32_t)++n_wide;
    }
  }
  /* Children after parents: what lies below a node, from the last up. */
  for (size_t v = nn; v-- > 1;) {
    if (parent[v]) {
      lex->node[parent[v]].kinds |= lex->node[v].kinds;
      lex->node[parent[v]].roles |= lex->node[v].roles;
    }
  }
  return UNKG_OK;
}

/* The child of node (not the root) along byte b, or 0, from the packed
 * edges. */
static inline uint32_t
packed_child(const UnkgLexicon* lex, uint32_t node, unsigned char b)
{
  const TrieNode* n = &lex->node[node];
  if (n->dense) {
    return lex->wide[n->dense - 1][b];
  }
  uint32_t want = (uint32_t)b << 24;
  for (uint32_t i = n->first & TRIE_INDEX, end = n[1].first & TRIE_INDEX; i < end; ++i) {
    if ((lex->edge[i] & ~TRIE_INDEX) == want) {
      return lex->edge[i] & TRIE_INDEX;
    }
  }
  return 0;
}

enum { FIRST_LO = 0x3000, FIRST_SLOW = (1u << 24) - 1 };

/* A first_node entry: the node in the low 24 bits (nodes number below
 * 2^24 - 1, build_trie), its kinds (12 bits, lexicon.h) and roles (28). */
static inline uint64_t
first_entry(uint32_t node, uint32_t kinds, uint32_t roles)
{
  return (uint64_t)roles << 36 | (uint64_t)(kinds & 0xFFFu) << 24 | node;
}

/* The index in first_node of the three-byte character at u (n bytes
 * left), or SIZE_MAX when u does not start one in the table's range. */
static inline size_t
first_index(const unsigned char* u, size_t n)
{
  if (n < 3 || u[0] < 0xE3 || (u[0] > 0xE9 && u[0] != 0xEF) || (u[1] & 0xC0) != 0x80
      || (u[2] & 0xC0) != 0x80) {
    return SIZE_MAX;
  }
  /* U+F000-U+FFFF follow U+3000-U+9FFF in the table. */
  unsigned lead = u[0] == 0xEF ? 0xEA : u[0];
  return (size_t)(lead - 0xE3) << 12 | (size_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
}

enum { FIRST_SIZE = 8 << 12 };

/* first_node's entry for node out, reached after three bytes (0: none). */
static uint64_t
first_of(const UnkgLexicon* lex, uint32_t out)
{
  if (!out) {
    return 0;
  }
  if (lex->node[out].kinds >> 12 || lex->node[out].roles >> 28) {
    return FIRST_SLOW; /* kinds or roles the entry cannot hold: byte by byte */
  }
  return first_entry(out, lex->node[out].kinds, lex->node[out].roles);
}

/* first_node from the packed trie: the paths of three bytes there are (a
 * few thousand), not every entry walked; the rest stay 0, no name. */
static UnkgStatus
build_first_nodes(UnkgLexicon* lex)
{
  if (!(lex->first_node = calloc(FIRST_SIZE, sizeof *lex->first_node))) {
    return UNKG_ERR_NOMEM;
  }
  for (unsigned lead = 0xE3; lead <= 0xEF; ++lead) {
    uint32_t n1 = lex->root[lead];
    if (!n1 || (lead > 0xE9 && lead != 0xEF)) {
      continue;
    }
    const unsigned char u[3] = {(unsigned char)lead, 0x80, 0x80};
    uint64_t*           row  = &lex->first_node[first_index(u, 3)];
    if (lex->node[n1].first & TRIE_END) {
      for (size_t i = 0; i < 4096; ++i) {
        row[i] = FIRST_SLOW;
      }
      continue;
    }
    for (uint32_t i = lex->node[n1].first & TRIE_INDEX; i < (lex->node[n1 + 1].first & TRIE_INDEX);
         ++i) {
      unsigned b1 = lex->edge[i] >> 24;
      uint32_t n2 = lex->edge[i] & TRIE_INDEX;
      if ((b1 & 0xC0) != 0x80) {
        continue;
      }
      uint64_t* cell = &row[(b1 & 0x3F) << 6];
      if (lex->node[n2].first & TRIE_END) {
        for (size_t k = 0; k < 64; ++k) {
          cell[k] = FIRST_SLOW;
        }
        continue;
      }
      for (uint32_t j = lex->node[n2].first & TRIE_INDEX; j < (lex->node[n2 + 1].first & TRIE_INDEX);
           ++j) {
        unsigned b2 = lex->edge[j] >> 24;
        if ((b2 & 0xC0) == 0x80) {
          cell[b2 & 0x3F] = first_of(lex, lex->edge[j] & TRIE_INDEX);
        }
      }
    }
  }
  return UNKG_OK;
}

enum { PAIR_BITS = 16, PAIR_ALONE = 0 };

/* The bytes of the character at u (its lead byte says how many: L), as
 * one number; 0 if fewer than L bytes are left (n). */
static inline uint32_t
pair_char(const unsigned char* u, size_t n)
{
  size_t l = u[0] < 0xC0 ? 1 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
  if (l > n) {
    return 0;
  }
  uint32_t v = 0;
  for (size_t k = 0; k < l; ++k) {
    v = v << 8 | u[k];
  }
  return v;
}

static inline size_t
pair_slot(size_t fi, uint32_t second)
{
  return (size_t)((((uint64_t)fi << 32 | second) * 0x9E3779B97F4A7C15u) >> (64 - PAIR_BITS));
}

static inline bool
pair_set(const UnkgLexicon* lex, size_t fi, uint32_t second)
{
  size_t h = pair_slot(fi, second);
  return lex->pair_bits[h / 64] >> (h % 64) & 1;
}

/* pair_bits from names[]. */
static UnkgStatus
build_pairs(UnkgLexicon* lex)
{
  if (!(lex->pair_bits = calloc(((size_t)1 << PAIR_BITS) / 64, sizeof *lex->pair_bits))) {
    return UNKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < lex->n_names; ++i) {
    const unsigned char* u  = (const unsigned char*)lex->names[i].s;
    size_t               n  = lex->names[i].len;
    size_t               fi = first_index(u, n);
    if (fi == SIZE_MAX) {
      continue;
    }
    /* (pair_char gives 0, PAIR_ALONE, for a second character cut short.) */
    size_t h = pair_slot(fi, n > 3 ? pair_char(u + 3, n - 3) : PAIR_ALONE);
    lex->pair_bits[h / 64] |= (uint64_t)1 << (h % 64);
  }
  return UNKG_OK;
}

/* Builds the trie over names[] (sorted).  A failure to allocate is an
 * error; names the trie cannot hold leave lex->trie false, and matching
 * then scans names[] as it did before the trie.
 *
 * The names are taken in the order of their bytes: each then leaves the
 * path of the one before it where they differ, so that its new nodes are
 * numbered in the order a walk depth first, each node's children by
 * byte, meets them (the order that keeps a name's steps near each other
 * in memory), as they are made: no table of edges to probe, grow and
 * pack afterwards. */
static UnkgStatus
build_trie(UnkgLexicon* lex)
{
  size_t total = 0, longest = 0;
  for (size_t i = 0; i < lex->n_names; ++i) {
    total += lex->names[i].len;
    longest = lex->names[i].len > longest ? lex->names[i].len : longest;
  }
  /* A node's number and a byte share a 32-bit edge: at most 2^24 nodes. */
  if (!lex->n_names || total >= (1u << 24) - 2 || lex->n_names >= UINT32_MAX) {
    return UNKG_OK;
  }
  UnkgStatus     st     = UNKG_ERR_NOMEM;
  uint32_t*      order  = malloc(lex->n_names * sizeof *order);
  uint32_t*      end    = calloc(lex->n_names, sizeof *end); /* a name's node; 0: left out */
  uint32_t*      parent = malloc((total + 1) * sizeof *parent);
  unsigned char* byte   = malloc(total + 1);
  uint32_t*      path   = malloc((longest + 1) * sizeof *path);
  uint32_t*      lo     = NULL;
  uint32_t*      hi     = NULL;
  if (!order || !end || !parent || !byte || !path) {
    goto done;
  }
  size_t n_order = 0;
  for (size_t i = 0; i < lex->n_names; ++i) {
    const Name* n = &lex->names[i];
    uint32_t    cp;
    /* A name that does not start with a whole character never matched
     * (its first code point is unknown): it stays out. */
    if (unkg_utf8_decode((const unsigned char*)n->s, n->len, &cp)) {
      order[n_order++] = (uint32_t)i;
    }
  }
  sort_names = lex->names;
  for (size_t a = 0, b; a < n_order; a = b) {
    for (b = a + 1; b < n_order && lex->names[order[b]].first == lex->names[order[a]].first; ++b) {
    }
    sort_small(order + a, b - a, sizeof *order, cmp_name_bytes);
  }
  sort_names       = NULL;
  lex->n_nodes     = 1;
  path[0]          = 0;
  const Name* prev = NULL;
  for (size_t k = 0; k < n_order; ++k) {
    const Name* n    = &lex->names[order[k]];
    size_t      same = 0;
    while (prev && same < n->len && same < prev->len && n->s[same] == prev->s[same]) {
      ++same;
    }
    for (size_t d = same; d < n->len; ++d) {
      uint32_t v  = (uint32_t)lex->n_nodes++;
      parent[v]   = path[d];
      byte[v]     = (unsigned char)n->s[d];
      path[d + 1] = v;
      if (!parent[v]) {
        lex->root[byte[v]] = v;
      }
    }
    end[order[k]] = path[n->len];
    prev          = n;
  }
  lo = calloc(lex->n_nodes, sizeof *lo);
  hi = calloc(lex->n_nodes, sizeof *hi);
  if (!lo || !hi) {
    goto done;
  }
  for (size_t i = 0; i < lex->n_names; ++i) {
    uint32_t node = end[i];
    if (!node) {
      continue;
    }
    if (hi[node] == 0) {
      lo[node] = (uint32_t)i;
    } else if (hi[node] != i) {
      st = UNKG_OK; /* one string's names not together: keep the scan */
      goto done;
    }
    hi[node] = (uint32_t)i + 1;
  }
  st = link_nodes(lex, parent, byte, lo, hi);
  lo = hi = NULL; /* the lexicon's now */
  if (!st && !(st = build_first_nodes(lex)) && !(st = build_pairs(lex))) {
    lex->trie = true;
  }
done:
  free(order);
  free(end);
  free(parent);
  free(byte);
  free(path);
  free(lo);
  free(hi);
  return st;
}

/* The nodes along text that end names, shallowest first, into ends; their
 * number, or SIZE_MAX if more than max (the caller then scans).  The walk
 * stops where no name below is of one of the kinds and roles (none of
 * those could fit). */
static size_t
trie_walk(const UnkgLexicon* lex, unsigned kinds, unsigned roles, const char* text, size_t text_len,
          uint32_t* ends, size_t max)
{
  size_t   n    = 0;
  uint32_t node = text_len ? lex->root[(unsigned char)text[0]] : 0;
  size_t   k    = 1;
  size_t   fi   = node ? first_index((const unsigned char*)text, text_len) : SIZE_MAX;
  uint64_t f    = fi != SIZE_MAX ? lex->first_node[fi] : FIRST_SLOW;
  if ((f & FIRST_SLOW) != FIRST_SLOW) {
    /* No name ends before the character's third byte, and a node's kinds
     * and roles hold its descendants': the walk would reach this node, or
     * stop, having found nothing. */
    if (!(f >> 24 & kinds & 0xFFFu) || !(f >> 36 & roles)) {
      return 0;
    }
    node = (uint32_t)(f & FIRST_SLOW);
    k    = 3;
  }
  for (; node && (lex->node[node].kinds & kinds) && (lex->node[node].roles & roles); ++k) {
    if (lex->node[node].first & TRIE_END) {
      if (n == max) {
        return SIZE_MAX;
      }
      ends[n++] = node;
    }
    if (k == text_len) {
      break;
    }
    node = packed_child(lex, node, (unsigned char)text[k]);
  }
  return n;
}

enum { MAX_ENDS = 64 };

static size_t lower_bound(const UnkgLexicon* lex, uint32_t first);

/* Is names[i] one unkg_lexicon_match may return for kinds and roles? */
static inline bool
name_fits(const UnkgLexicon* lex, size_t i, unsigned kinds, unsigned roles)
{
  const Name* n = &lex->names[i];
  return (lex->ents[n->entity].kind & kinds) && (n->role & roles);
}

const UnkgEntity*
unkg_lexicon_match(const UnkgLexicon* lex, unsigned kinds, unsigned roles, const char* text,
                   size_t text_len, size_t* len, unsigned* role)
{
  if (!lex || !lex->n_names) {
    return NULL;
  }
  uint32_t ends[MAX_ENDS];
  size_t n_ends = lex->trie ? trie_walk(lex, kinds, roles, text, text_len, ends, MAX_ENDS) : SIZE_MAX;
  if (n_ends != SIZE_MAX) {
    /* The deepest node first: the longest name; within a node, names[]
     * order, as the scan below takes them. */
    while (n_ends-- > 0) {
      for (size_t i = lex->node_lo[ends[n_ends]]; i < lex->node_hi[ends[n_ends]]; ++i) {
        if (name_fits(lex, i, kinds, roles)) {
          *len = lex->names[i].len;
          if (role) {
            *role = lex->names[i].role;
          }
          return &lex->ents[lex->names[i].entity];
        }
      }
    }
    return NULL;
  }
  uint32_t first;
  if (!unkg_utf8_decode((const unsigned char*)text, text_len, &first)) {
    return NULL;
  }
  /* Names are sorted longest first within a first code point, so the first
   * that fits is the longest match. */
  for (size_t i = lower_bound(lex, first); i < lex->n_names && lex->names[i].first == first; ++i) {
    const Name*       n = &lex->names[i];
    const UnkgEntity* e = &lex->ents[n->entity];
    if (!(e->kind & kinds) || !(n->role & roles) || n->len > text_len
        || memcmp(n->s, text, n->len) != 0) {
      continue;
    }
    *len = n->len;
    if (role) {
      *role = n->role;
    }
    return e;
  }
  return NULL;
}

size_t
unkg_lexicon_matches(const UnkgLexicon* lex, unsigned kinds, unsigned roles, const char* text,
                     size_t text_len, UnkgMatch* out, size_t max)
{
  size_t n = 0;
  if (!lex || !lex->n_names) {
    return 0;
  }
  uint32_t ends[MAX_ENDS];
  size_t n_ends = lex->trie ? trie_walk(lex, kinds, roles, text, text_len, ends, MAX_ENDS) : SIZE_MAX;
  if (n_ends != SIZE_MAX) {
    while (n_ends-- > 0) {
      for (size_t i = lex->node_lo[ends[n_ends]]; i < lex->node_hi[ends[n_ends]]; ++i) {
        if (name_fits(lex, i, kinds, roles)) {
          if (n < max) {
            out[n] = (UnkgMatch){&lex->ents[lex->names[i].entity], lex->names[i].len,
                                 lex->names[i].role};
          }
          ++n;
        }
      }
    }
    return n;
  }
  uint32_t first;
  if (!unkg_utf8_decode((const unsigned char*)text, text_len, &first)) {
    return 0;
  }
  for (size_t i = lower_bound(lex, first); i < lex->n_names && lex->names[i].first == first; ++i) {
    const Name* nm = &lex->names[i];
    if (name_fits(lex, i, kinds, roles) && nm->len <= text_len && !memcmp(nm->s, text, nm->len)) {
      if (n < max) {
        out[n] = (UnkgMatch){&lex->ents[nm->entity], nm->len, nm->role};
      }
      ++n;
    }
  }
  return n;
}

int
unkg_lexicon_entity_has_role(const UnkgLexicon* lex, const UnkgEntity* e, unsigned role)
{
  (void)lex;
  return e && (e->roles & role) != 0;
}

int
unkg_lexicon_excluded(const UnkgLexicon* lex, const UnkgEntity* e, const char* text,
                      size_t text_len, size_t pos, size_t len)
{
  size_t index = (size_t)(e - lex->ents);
  for (size_t i = 0; i < lex->n_excl; ++i) {
    if (lex->excl[i].entity != index) {
      continue;
    }
    const char* x  = lex->excl[i].s;
    size_t      xn = strlen(x);
    /* Wherever the matched name stands inside the context, line them up. */
    for (size_t k = 0; k + len <= xn; ++k) {
      if (memcmp(x + k, text + pos, len) || k > pos || pos - k + xn > text_len) {
        continue;
      }
      if (!memcmp(text + pos - k, x, xn)) {
        return 1;
      }
    }
  }
  return 0;
}

/* First name whose first code point is `first` (names are sorted by it). */
static size_t
lower_bound(const UnkgLexicon* lex, uint32_t first)
{
  size_t lo = 0, hi = lex->n_names;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (lex->names[mid].first < first) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

size_t
unkg_lexicon_match_entity(const UnkgLexicon* lex, const UnkgEntity* e, unsigned roles,
                          const char* text, size_t text_len)
{
  if (!lex || !e || !lex->n_names || !(e->roles & roles)) {
    return 0;
  }
  size_t   index = (size_t)(e - lex->ents);
  uint32_t ends[MAX_ENDS];
  size_t   n_ends = lex->trie
                      ? trie_walk(lex, (unsigned)e->kind, roles, text, text_len, ends, MAX_ENDS)
                      : SIZE_MAX;
  if (n_ends != SIZE_MAX) {
    while (n_ends-- > 0) {
      for (size_t i = lex->node_lo[ends[n_ends]]; i < lex->node_hi[ends[n_ends]]; ++i) {
        if (lex->names[i].entity == index && (lex->names[i].role & roles)) {
          return lex->names[i].len;
        }
      }
    }
    return 0;
  }
  uint32_t first;
  if (!unkg_utf8_decode((const unsigned char*)text, text_len, &first)) {
    return 0;
  }
  for (size_t i = lower_bound(lex, first); i < lex->n_names && lex->names[i].first == first; ++i) {
    const Name* n = &lex->names[i];
    if (n->entity == index && (n->role & roles) && n->len <= text_len && !memcmp(n->s, text, n->len)) {
      return n->len; /* longest first within a first code point */
    }
  }
  return 0;
}

size_t
unkg_lexicon_next_start(const UnkgLexicon* lex, unsigned kinds, unsigned roles, const char* text,
                        size_t n, size_t i)
{
  if (!lex || !lex->trie) {
    return i;
  }
  /* trie_walk's first steps, where it returns having found nothing,
   * without a call per character. */
  const unsigned char* u = (const unsigned char*)text;
  while (i < n) {
    uint32_t node = lex->root[u[i]];
    if (node) {
      size_t   fi = first_index(u + i, n - i);
      uint64_t f  = fi != SIZE_MAX ? lex->first_node[fi] : FIRST_SLOW;
      if ((f & FIRST_SLOW) != FIRST_SLOW) {
        if ((f >> 24 & kinds & 0xFFFu) && (f >> 36 & roles)) {
          uint32_t second = n - i > 3 ? pair_char(u + i + 3, n - i - 3) : PAIR_ALONE;
          if (second == PAIR_ALONE || pair_set(lex, fi, second) || pair_set(lex, fi, PAIR_ALONE)) {
            return i;
          }
        }
      } else if ((lex->node[node].kinds & kinds) && (lex->node[node].roles & roles)) {
        return i;
      }
    }
    i += u[i] < 0xC0 ? 1 : u[i] < 0xE0 ? 2 : u[i] < 0xF0 ? 3 : 4; /* unkg_utf8_step */
  }
  return i;
}

const UnkgEntity*
unkg_lexicon_match_also(const UnkgLexicon* lex, unsigned kinds, unsigned roles,
                        const UnkgEntity* also, unsigned also_roles, const char* text,
                        size_t text_len, size_t* len, size_t* also_len)
{
  *also_len = 0;
  if (!also || !(also->roles & also_roles)) {
    return unkg_lexicon_match(lex, kinds, roles, text, text_len, len, NULL);
  }
  if (!lex || !lex->n_names) {
    return NULL;
  }
  /* One walk for both: a node the walk for either would reach is reached
   * (its kinds and roles meet the unions), and each name is then checked
   * against what its own search asks. */
  uint32_t ends[MAX_ENDS];
  size_t   n_ends = lex->trie ? trie_walk(lex, kinds | (unsigned)also->kind, roles | also_roles, text,
                                          text_len, ends, MAX_ENDS)
                              : SIZE_MAX;
  if (n_ends == SIZE_MAX) {
    *also_len = unkg_lexicon_match_entity(lex, also, also_roles, text, text_len);
    return unkg_lexicon_match(lex, kinds, roles, text, text_len, len, NULL);
  }
  size_t            index = (size_t)(also - lex->ents);
  const UnkgEntity* found = NULL;
  while (n_ends-- > 0 && (!found || !*also_len)) {
    for (size_t i = lex->node_lo[ends[n_ends]]; i < lex->node_hi[ends[n_ends]]; ++i) {
      if (!found && name_fits(lex, i, kinds, roles)) {
        *len  = lex->names[i].len;
        found = &lex->ents[lex->names[i].entity];
      }
      if (!*also_len && lex->names[i].entity == index && (lex->names[i].role & also_roles)) {
        *also_len = lex->names[i].len;
      }
    }
  }
  return found;
}

const UnkgEntity*
unkg_lexicon_lookup(const UnkgLexicon* lex, unsigned kinds, const char* name)
{
  if (!lex) {
    return NULL;
  }
  char* norm;
  if (unkg_normalise_string(name, &norm)) {
    return NULL;
  }
  const UnkgEntity* found = NULL;
  if (lex->by_fold) {
    /* The first name in names[] order that is of one of the kinds and
     * equal to norm but for ASCII case. */
    size_t lo = 0, hi = lex->n_names;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (strcasecmp(lex->by_fold[mid].s, norm) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (; lo < lex->n_names && !found && !strcasecmp(lex->by_fold[lo].s, norm); ++lo) {
      const Name* n = &lex->names[lex->by_fold[lo].i];
      if (lex->ents[n->entity].kind & kinds) {
        found = &lex->ents[n->entity];
      }
    }
  }
  free(norm);
  return found;
}

/* A state by name as UN lists write it: "the Russian Federation",
 * "Lao People’s Democratic Republic", "COTE D'IVOIRE", "Guinea -Bissau",
 * "Cuba (on behalf of the States Members … of the Movement of Non-Aligned
 * Countries)" (the state acting for a group). */
const UnkgEntity*
unkg_lexicon_state_named(const UnkgLexicon* lex, const char* name)
{
  UnkgBuf b = {0};
  for (const char* p = name; *p; ++p) {
    if (!strncmp(p, "\xE2\x80\x99", 3)) { /* ’ */
      unkg_buf_puts(&b, "'");
      p += 2;
    } else if (*p == ' '
               && (b.len == 0 || p[1] == ' ' || p[1] == '-' || p[1] == '\0'
                   || b.data[b.len - 1] == '-')) {
      continue;
    } else {
      unkg_buf_append(&b, p, 1);
    }
  }
  if (!b.data) {
    return NULL;
  }
  /* A full stop ending the list, or a bracket the list did not open. */
  while (b.len
         && (b.data[b.len - 1] == '.' || b.data[b.len - 1] == ' '
             || (b.data[b.len - 1] == ')' && !strchr(b.data, '(')))) {
    b.data[--b.len] = '\0';
  }
  const char*       s = b.data && !strncasecmp(b.data, "the ", 4) ? b.data + 4 : b.data;
  const UnkgEntity* e = s ? unkg_lexicon_lookup(lex, UNKG_ENT_STATE, s) : NULL;
  if (!e && s && b.data[b.len - 1] == ')') {
    char* open = strrchr(b.data, '(');
    while (open && open > b.data && open[-1] == ' ') {
      --open;
    }
    if (open && open > s) {
      *open = '\0';
      e     = unkg_lexicon_lookup(lex, UNKG_ENT_STATE, s);
    }
  }
  unkg_buf_clear(&b);
  return e;
}

const UnkgEntity*
unkg_lexicon_find(const UnkgLexicon* lex, unsigned kinds, unsigned roles, const char* text,
                  size_t* pos, size_t* len)
{
  size_t n = strlen(text);
  for (size_t i = 0; i < n;) {
    bool              word = i == 0 || !isalnum((unsigned char)text[i - 1]);
    const UnkgEntity* e = word ? unkg_lexicon_match(lex, kinds, roles, text + i, n - i, len, NULL)
                               : NULL;
    if (e && !(isalnum((unsigned char)text[i]) && isalnum((unsigned char)text[i + *len]))) {
      *pos = i;
      return e;
    }
    uint32_t cp;
    size_t   l = unkg_utf8_decode((const unsigned char*)text + i, n - i, &cp);
    i += l ? l : 1;
  }
  return NULL;
}
