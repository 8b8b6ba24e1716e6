#include "lexicon.h"

#include "buf.h"
#include "normalise.h"
#include "rdfio.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NS_UNKG "https://w3id.org/unkg/ontology#"
#define NS_SKOS "http://www.w3.org/2004/02/skos/core#"
#define NS_ORG  "http://www.w3.org/ns/org#"
#define RDF_TYPE "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#define UNKG_NS_VERB "https://w3id.org/unkg/ref/verb/"

typedef struct {
  char*    subject;
  char*    value;
  unsigned role; /* 0: not a name (type or code) */
  int      what; /* see Fact kinds below */
  bool     zh, en;
} Fact;

enum { FACT_TYPE, FACT_NAME, FACT_CODE, FACT_PREF, FACT_EXCLUDE, FACT_MEMBER, FACT_OBJECT_KIND };

typedef struct {
  const char* s;
  size_t      len;
  uint32_t    first;
  size_t      entity;
  unsigned    role;
} Name;

typedef struct {
  size_t      entity;
  const char* s; /* normalised, owned by strings */
} Exclusion;

struct UnkgLexiconImpl {
  Fact*       facts;
  size_t      n_facts, cap_facts;
  UnkgEntity* ents;
  size_t      n_ents;
  Name*       names;
  size_t      n_names;
  char**      strings; /* normalised names, owned */
  size_t      n_strings;
  Exclusion*  excl;
  size_t      n_excl;
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
    free(lex->facts[i].subject);
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
  }
  free(lex->ents);
  for (size_t i = 0; i < lex->n_strings; ++i) {
    free(lex->strings[i]);
  }
  free(lex->strings);
  free(lex->names);
  free(lex->excl);
  lex->excl    = NULL;
  lex->n_excl  = 0;
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

static unsigned
name_role(const char* p, int* what)
{
  *what = FACT_NAME;
  if (!strcmp(p, NS_SKOS "prefLabel")) {
    *what = FACT_PREF;
    return UNKG_ROLE_NAME;
  }
  if (!strcmp(p, NS_SKOS "altLabel") || !strcmp(p, NS_UNKG "formalName")
      || !strcmp(p, NS_UNKG "abbreviation")) {
    return UNKG_ROLE_NAME;
  }
  if (!strcmp(p, NS_UNKG "preambularForm")) {
    return UNKG_ROLE_PREAMBULAR;
  }
  if (!strcmp(p, NS_UNKG "operativeForm")) {
    return UNKG_ROLE_OPERATIVE;
  }
  if (!strcmp(p, NS_UNKG "prefixForm")) {
    return UNKG_ROLE_PREFIX;
  }
  if (!strcmp(p, NS_UNKG "suffixForm")) {
    return UNKG_ROLE_SUFFIX;
  }
  if (!strcmp(p, NS_UNKG "genericName")) {
    return UNKG_ROLE_GENERIC;
  }
  if (!strcmp(p, NS_UNKG "triggerVerb")) {
    return UNKG_ROLE_TRIGGER_VERB;
  }
  if (!strcmp(p, NS_UNKG "triggerObject")) {
    return UNKG_ROLE_TRIGGER_OBJECT;
  }
  if (!strcmp(p, NS_UNKG "markerForm")) {
    return UNKG_ROLE_MARKER;
  }
  if (!strcmp(p, NS_UNKG "anaphor")) {
    return UNKG_ROLE_ANAPHOR;
  }
  if (!strcmp(p, NS_UNKG "continuationForm")) {
    return UNKG_ROLE_CONTINUATION;
  }
  if (!strcmp(p, NS_UNKG "opinionForm")) {
    return UNKG_ROLE_OPINION;
  }
  if (!strcmp(p, NS_UNKG "purposeForm")) {
    return UNKG_ROLE_PURPOSE;
  }
  if (!strcmp(p, NS_UNKG "currencyCode")) {
    *what = FACT_CODE;
    return 0;
  }
  if (!strcmp(p, NS_UNKG "excludedContext")) {
    *what = FACT_EXCLUDE;
    return 0;
  }
  if (!strcmp(p, NS_UNKG "iso3166Alpha3")) {
    *what = FACT_CODE;
    return 0;
  }
  *what = -1;
  return 0;
}

static void
add_fact(LoadCtx* c, const char* subject, const char* value, int what,
         unsigned role, const char* lang)
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
  Fact f = {unkg_strdup(subject), unkg_strdup(value), role, what,
            lang && !strncasecmp(lang, "zh", 2), lang && !strncasecmp(lang, "en", 2)};
  if (!f.subject || !f.value) {
    free(f.subject);
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
    } else if (!strcmp(p, NS_UNKG "objectKind")) {
      add_fact(c, s, o, FACT_OBJECT_KIND, 0, NULL);
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
unkg_lexicon_load_file(UnkgLexicon* lex, const char* path, UnkgDiag* d)
{
  LoadCtx     c    = {lex, UNKG_OK};
  UnkgRdfSink sink = {on_triple, NULL, &c, NULL};
  return unkg_rdf_parse_file(path, "turtle", &sink, d);
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
unkg_reference_files(const char* dir, bool ontology, char*** paths, UnkgDiag* d)
{
  size_t     n  = 0;
  UnkgStatus st = unkg_dir_files(dir, ontology ? is_turtle_file : is_reference_file, paths, &n);
  if (st == UNKG_ERR_IO) {
    unkg_diag_set(d, dir, 0, "cannot open reference data directory");
  } else if (st) {
    unkg_diag_set(d, dir, 0, "%s", unkg_strerror(st));
  } else if (n == 0) {
    unkg_diag_set(d, dir, 0, "no reference data (*.ttl) found");
    st = UNKG_ERR_IO;
  }
  if (st) {
    unkg_paths_free(*paths);
    *paths = NULL;
  }
  return st;
}

UnkgStatus
unkg_lexicon_load_dir(UnkgLexicon* lex, const char* dir, UnkgDiag* d)
{
  char**     paths = NULL;
  UnkgStatus st    = unkg_reference_files(dir, false, &paths, d);
  for (size_t i = 0; !st && paths[i]; ++i) {
    st = unkg_lexicon_load_file(lex, paths[i], d);
  }
  unkg_paths_free(paths);
  return st ? st : unkg_lexicon_index(lex);
}

/* ---- index ---------------------------------------------------------------- */

static int
kind_of_type(const char* t)
{
  if (!strcmp(t, NS_UNKG "MemberState") || !strcmp(t, NS_UNKG "ObserverState")
      || !strcmp(t, NS_UNKG "State")) {
    return UNKG_ENT_STATE;
  }
  if (!strcmp(t, NS_ORG "FormalOrganization") || !strcmp(t, NS_ORG "OrganizationalUnit")
      || !strcmp(t, NS_ORG "Organization") || !strcmp(t, NS_UNKG "UNBody")
      || !strcmp(t, NS_UNKG "Forum")) {
    return UNKG_ENT_ORG;
  }
  if (!strcmp(t, NS_UNKG "Instrument")) {
    return UNKG_ENT_INSTRUMENT;
  }
  if (!strcmp(t, NS_UNKG "LeadVerb")) {
    return UNKG_ENT_VERB;
  }
  if (!strcmp(t, NS_UNKG "LeadModifier")) {
    return UNKG_ENT_MODIFIER;
  }
  if (!strcmp(t, NS_UNKG "ActionType")) {
    return UNKG_ENT_ACTION;
  }
  if (!strcmp(t, NS_UNKG "Modality")) {
    return UNKG_ENT_MODALITY;
  }
  if (!strcmp(t, NS_UNKG "SelfReference")) {
    return UNKG_ENT_SELF;
  }
  if (!strcmp(t, NS_UNKG "StateGroup")) {
    return UNKG_ENT_GROUP;
  }
  if (!strcmp(t, NS_UNKG "Currency")) {
    return UNKG_ENT_CURRENCY;
  }
  return 0;
}

static int
cmp_fact(const void* a, const void* b)
{
  const Fact* x = a;
  const Fact* y = b;
  int         c = strcmp(x->subject, y->subject);
  if (c) {
    return c;
  }
  if (x->what != y->what) {
    return x->what - y->what;
  }
  return strcmp(x->value, y->value);
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

UnkgStatus
unkg_lexicon_index(UnkgLexicon* lex)
{
  free_index(lex);
  if (lex->n_facts) {
    qsort(lex->facts, lex->n_facts, sizeof *lex->facts, cmp_fact);
  }
  /* One entity per subject that has a kind we know. */
  size_t cap_ents = 0, cap_names = 0;
  for (size_t i = 0; i < lex->n_facts;) {
    size_t j      = i;
    int    kind   = 0;
    int    member = 0;
    while (j < lex->n_facts && !strcmp(lex->facts[j].subject, lex->facts[i].subject)) {
      if (lex->facts[j].what == FACT_TYPE && !kind) {
        kind = kind_of_type(lex->facts[j].value);
      }
      member = member || (lex->facts[j].what == FACT_TYPE
                          && !strcmp(lex->facts[j].value, NS_UNKG "MemberState"));
      ++j;
    }
    if (kind) {
      if (lex->n_ents == cap_ents) {
        cap_ents       = cap_ents ? cap_ents * 2 : 256;
        UnkgEntity* v  = realloc(lex->ents, cap_ents * sizeof *v);
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
        }
      }
    }
    i = j;
  }
  if (lex->n_ents) {
    qsort(lex->ents, lex->n_ents, sizeof *lex->ents, cmp_ent);
  }
  /* Names, normalised like the text they will be matched against. */
  lex->strings = calloc(lex->n_facts ? lex->n_facts : 1, sizeof *lex->strings);
  if (!lex->strings) {
    return UNKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < lex->n_facts; ++i) {
    const Fact* f = &lex->facts[i];
    if (f->what != FACT_NAME && f->what != FACT_PREF && f->what != FACT_EXCLUDE) {
      continue;
    }
    const UnkgEntity* e = unkg_lexicon_by_iri(lex, f->subject);
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
      lex->excl                 = v;
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
    lex->names[lex->n_names++] = (Name){norm, strlen(norm), first,
                                        (size_t)(e - lex->ents), f->role};
    lex->ents[e - lex->ents].roles |= f->role;
  }
  if (lex->n_names) {
    qsort(lex->names, lex->n_names, sizeof *lex->names, cmp_name);
  }
  return UNKG_OK;
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

static size_t lower_bound(const UnkgLexicon* lex, uint32_t first);

const UnkgEntity*
unkg_lexicon_match(const UnkgLexicon* lex, unsigned kinds, unsigned roles,
                   const char* text, size_t text_len, size_t* len, unsigned* role)
{
  uint32_t first;
  if (!lex || !lex->n_names
      || !unkg_utf8_decode((const unsigned char*)text, text_len, &first)) {
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
  uint32_t first;
  if (!lex || !e || !lex->n_names || !(e->roles & roles)
      || !unkg_utf8_decode((const unsigned char*)text, text_len, &first)) {
    return 0;
  }
  size_t index = (size_t)(e - lex->ents);
  for (size_t i = lower_bound(lex, first); i < lex->n_names && lex->names[i].first == first; ++i) {
    const Name* n = &lex->names[i];
    if (n->entity == index && (n->role & roles) && n->len <= text_len && !memcmp(n->s, text, n->len)) {
      return n->len; /* longest first within a first code point */
    }
  }
  return 0;
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
  for (size_t i = 0; i < lex->n_names && !found; ++i) {
    const Name* n = &lex->names[i];
    if ((lex->ents[n->entity].kind & kinds) && !strcasecmp(n->s, norm)) {
      found = &lex->ents[n->entity];
    }
  }
  free(norm);
  return found;
}
