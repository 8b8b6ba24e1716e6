#include "commit.h"

#include "buf.h"
#include "text.h"
#include "vocab.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static size_t
step(const char* s)
{
  unsigned char u = (unsigned char)*s;
  return u < 0xC0 ? 1 : u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4;
}

/* Is there a name of entity e (in roles) anywhere in text[from, to)? */
static bool
find_entity(const UnkgLexicon* lex, const UnkgEntity* e, unsigned roles, const char* t, size_t from,
            size_t to, size_t* at, size_t* len)
{
  if (!e) {
    return false;
  }
  /* (Past the places where no name of e's kind starts, without a walk.) */
  for (size_t i = from; (i = unkg_lexicon_next_start(lex, (unsigned)e->kind, roles, t, to, i)) < to;
       i += step(t + i)) {
    size_t l = unkg_lexicon_match_entity(lex, e, roles, t + i, to - i);
    if (l) {
      *at  = i;
      *len = l;
      return true;
    }
  }
  return false;
}

/* Any name of any entity of kinds/roles in text[from, to)? */
static const UnkgEntity*
find_any(const UnkgLexicon* lex, unsigned kinds, unsigned roles, const char* t, size_t from,
         size_t to, size_t* at, size_t* len)
{
  for (size_t i = from; (i = unkg_lexicon_next_start(lex, kinds, roles, t, to, i)) < to;
       i += step(t + i)) {
    const UnkgEntity* e = unkg_lexicon_match(lex, kinds, roles, t + i, to - i, len, NULL);
    if (e) {
      *at = i;
      return e;
    }
  }
  return NULL;
}

static bool
has_role(const UnkgLexicon* lex, const UnkgEntity* e, unsigned role)
{
  return unkg_lexicon_entity_has_role(lex, e, role);
}

/* The action type given to a statement of modality m that no other type
 * describes (unkg:defaultForModality): a plan, a proposal. */
static const UnkgEntity*
default_type(const UnkgLexicon* lex, const char* modality)
{
  const UnkgEntity* m = unkg_lexicon_by_iri(lex, modality);
  for (size_t i = 0; m && i < unkg_lexicon_size(lex); ++i) {
    const UnkgEntity* e = unkg_lexicon_entity(lex, i);
    if (e->kind == UNKG_ENT_ACTION && e->default_for == m) {
      return e;
    }
  }
  return NULL;
}

/* ---- sentences and clauses ----------------------------------------------------- */

static bool
at_any(const char* t, const char* const* marks)
{
  for (; *marks; ++marks) {
    if (**marks == *t && unkg_starts_with(t, *marks)) {
      return true;
    }
  }
  return false;
}

static const char* const sentence_end[] = {"。", "；", "！", "？", ";", NULL};
static const char* const clause_end[] = {"。", "；", "！", "？", ";", "，", "：", ",", NULL};

/* The first bytes of a list of marks, as a set: a scan over a text tries
 * the list (at_any) only where one of them may start, instead of at every
 * character (most of them start none). */
typedef struct {
  uint32_t           first[8];
  const char* const* marks;
} MarkSet;

static MarkSet
mark_set(const char* const* marks)
{
  MarkSet m = {{0}, marks};
  for (; *marks; ++marks) {
    unsigned char b = (unsigned char)**marks;
    m.first[b >> 5] |= 1u << (b & 31);
  }
  return m;
}

static inline bool
at_set(const char* t, const MarkSet* m)
{
  unsigned char b = (unsigned char)*t;
  return (m->first[b >> 5] >> (b & 31) & 1) && at_any(t, m->marks);
}

/* End of the unit starting at from (exclusive of its punctuation). */
static size_t
unit_end(const char* t, size_t from, size_t to, const char* const* ends)
{
  const MarkSet m = mark_set(ends);
  for (size_t i = from; i < to; i += step(t + i)) {
    if (at_set(t + i, &m)) {
      return i;
    }
  }
  return to;
}

static size_t
clause_start(const char* t, size_t sent, size_t pos)
{
  size_t        start = sent;
  const MarkSet m     = mark_set(clause_end);
  for (size_t i = sent; i < pos; i += step(t + i)) {
    if (at_set(t + i, &m)) {
      start = i + step(t + i);
    }
  }
  return start;
}

/* ---- the subject of a reply sentence -------------------------------------------- */

typedef struct {
  const UnkgLexicon* lex;
  const UnkgPart*    reply;
} Ctx;

/* Does t[i..] name the replying state (a name, or a self-reference)? */
static size_t
names_self(const Ctx* c, const char* t, size_t i, size_t to)
{
  size_t l = 0;
  if (c->reply->entity) {
    l = unkg_lexicon_match_entity(c->lex, c->reply->entity, UNKG_ROLE_NAME, t + i, to - i);
  } else if (unkg_starts_with(t + i, c->reply->text)) {
    l = strlen(c->reply->text);
  }
  if (!l) {
    unkg_lexicon_match(c->lex, UNKG_ENT_SELF, UNKG_ROLE_ANAPHOR, t + i, to - i, &l, NULL);
  }
  return l;
}

/* Where the state stands as the subject of sentence [a, b): past leading
 * adverbial clauses ("在国家一级，", "2016年，").  0 when it does not. */
static size_t
subject_end(const Ctx* c, const char* t, size_t a, size_t b)
{
  size_t i = a;
  for (int hops = 0; hops < 3 && i < b; ++hops) {
    size_t l = names_self(c, t, i, b);
    if (l) {
      return i + l;
    }
    size_t comma = unit_end(t, i, b, clause_end);
    if (comma >= b) {
      break;
    }
    i = comma + step(t + comma);
  }
  return 0;
}

/* A sentence without a subject of its own ("并计划…", "还主办了…") goes on
 * with the previous one's. */
static bool
continues(const Ctx* c, const char* t, size_t a, size_t b)
{
  /* Not a trigger verb: 通过 opens sentences as "by means of" too. */
  size_t l;
  return unkg_lexicon_match(c->lex, UNKG_ENT_SELF, UNKG_ROLE_CONTINUATION, t + a, b - a, &l, NULL)
         || unkg_lexicon_match(c->lex, UNKG_ENT_MODALITY, UNKG_ROLE_MARKER, t + a, b - a, &l, NULL);
}

/* ---- what an action holds ---------------------------------------------------------- */

static void
find_time(const char* t, size_t from, size_t to, UnkgCommitment* a)
{
  for (size_t i = from; i + 4 <= to; ++i) {
    /* To the next digit without a call per byte (isdigit is the ASCII
     * digits in every locale): most of a text is none. */
    while (i + 4 <= to && (unsigned char)(t[i] - '0') > 9) {
      ++i;
    }
    if (i + 4 > to || (i > from && isdigit((unsigned char)t[i - 1]))) {
      continue;
    }
    size_t k = i;
    while (k < to && isdigit((unsigned char)t[k])) {
      ++k;
    }
    if (k - i != 4 || (t[i] != '1' && t[i] != '2')) {
      continue;
    }
    /* 2016年, 2016年10月, 2016年10月5日, 2016-2019年, (2013年) */
    if (!(unkg_starts_with(t + k, "年") || t[k] == '-' || unkg_starts_with(t + k, "–"))) {
      continue;
    }
    char date[11];
    if (unkg_parse_zh_date(t + i, to - i, date)) {
      memcpy(a->date, date, sizeof a->date);
    }
    memcpy(a->year, t + i, 4);
    a->year[4] = '\0';
    if (unkg_starts_with(t + k, "年")) {
      int    m = 0;
      size_t q = k + 3, d = 0;
      while (q + d < to && isdigit((unsigned char)t[q + d]) && d < 2) {
        m = m * 10 + (t[q + d] - '0');
        ++d;
      }
      if (d && m >= 1 && m <= 12 && unkg_starts_with(t + q + d, "月")) {
        snprintf(a->year_month, sizeof a->year_month, "%s-%02d", a->year, m);
      }
    }
    return;
  }
}

static void
find_amount(const Ctx* c, const char* t, size_t from, size_t to, UnkgCommitment* a)
{
  for (size_t i = from; i < to; ++i) {
    if (!isdigit((unsigned char)t[i])
        || (i > from && (isdigit((unsigned char)t[i - 1]) || t[i - 1] == '.'))) {
      continue;
    }
    size_t k = i;
    while (k < to && (isdigit((unsigned char)t[k]) || t[k] == '.')) {
      ++k;
    }
    double scale = 1;
    size_t u     = k;
    if (unkg_starts_with(t + u, "万")) {
      scale = 1e4;
      u += 3;
    } else if (unkg_starts_with(t + u, "亿")) {
      scale = 1e8;
      u += 3;
    }
    size_t            l;
    const UnkgEntity* cur = unkg_lexicon_match(c->lex, UNKG_ENT_CURRENCY, UNKG_ROLE_NAME, t + u,
                                               to - u, &l, NULL);
    if (!cur) {
      continue;
    }
    char num[32];
    snprintf(num, sizeof num, "%.*s", (int)(k - i), t + i);
    double v = strtod(num, NULL) * scale;
    /* The XSD 1.1 canonical form, which stores such as Virtuoso produce
     * themselves: no point for an integral value ("11000000"), else no
     * trailing zeros.  (The Turtle writer keeps the datatype, so it is not
     * read back as an integer.) */
    snprintf(a->amount, sizeof a->amount, "%.2f", v);
    size_t e = strlen(a->amount);
    while (e > 0 && a->amount[e - 1] == '0') {
      a->amount[--e] = '\0';
    }
    if (e > 0 && a->amount[e - 1] == '.') {
      a->amount[--e] = '\0';
    }
    a->currency = cur;
    return;
  }
}

static const UnkgEntity*
modality_of(const Ctx* c, const UnkgEntity* type, const char* t, size_t from, size_t to)
{
  static const char* const order[] = {UNKG_NS "proposed", UNKG_NS "planned", UNKG_NS "done",
                                      UNKG_NS "ongoing"};
  const UnkgEntity*        m[4];
  for (size_t k = 0; k < 4; ++k) {
    m[k] = unkg_lexicon_by_iri(c->lex, order[k]);
  }
  if (type && type->modality) {
    return type->modality; /* a proposal is proposed */
  }
  for (size_t k = 0; k < 4; ++k) {
    size_t at, len;
    if (m[k] && find_entity(c->lex, m[k], UNKG_ROLE_MARKER, t, from, to, &at, &len)) {
      return m[k];
    }
  }
  return NULL; /* no marker: add_action decides from the time stated */
}

/* The path of a commitment: base, tail and, unless 0, ordinal, cut at 511
 * bytes as the snprintf into 512 bytes it replaces cut it; made without
 * formatting (one a commitment), and allocated to its length: a document
 * holds tens of thousands (bench/textmem.sh, headings). */
static char*
sub_path(const char* base, const char* tail, unsigned ordinal)
{
  char        path[512], num[21];
  const char* piece[3] = {base, tail, num};
  size_t      len[3]   = {strlen(base), strlen(tail),
                          ordinal ? unkg_format_long(num, (long)ordinal) : 0};
  size_t      n        = 0;
  for (int i = 0; i < 3; ++i) {
    size_t k = len[i] < sizeof path - 1 - n ? len[i] : sizeof path - 1 - n;
    memcpy(path + n, piece[i], k);
    n += k;
  }
  path[n] = '\0';
  return unkg_strdup(path);
}

static UnkgStatus
add_action(const Ctx* c, UnkgDoc* doc, int part, const UnkgEntity* type, size_t sent,
           size_t sent_end, size_t verb, size_t verb_len, unsigned* ordinal)
{
  const UnkgPart* p    = &doc->parts[part];
  const char*     t    = p->text;
  size_t          cl_a = clause_start(t, sent, verb);
  size_t          cl_b = unit_end(t, verb, sent_end, clause_end);
  UnkgCommitment* a    = unkg_doc_add_commitment(doc);
  if (!a) {
    return UNKG_ERR_NOMEM;
  }
  if (!(a->path = sub_path(c->reply->path, "/action/", ++*ordinal))) {
    return UNKG_ERR_NOMEM;
  }
  a->part     = part;
  a->pos      = sent;
  a->len      = sent_end - sent;
  a->type     = type;
  a->actor    = c->reply->entity;
  a->modality = modality_of(c, type, t, cl_a, cl_b);
  find_time(t, cl_a, cl_b, a);
  if (!a->year[0]) {
    find_time(t, sent, sent_end, a);
  }
  if (!a->modality) {
    /* No marker, but a time stated ("2016年10月，新加坡推出…"): a report
     * tells of the past.  Otherwise it describes what goes on. */
    a->modality = unkg_lexicon_by_iri(c->lex, a->year[0] ? UNKG_NS "done" : UNKG_NS "ongoing");
  }
  find_amount(c, t, sent, sent_end, a);
  /* The thing acted on: a recognised name in the verb's clause, of the
   * kind the type expects if it says; after the verb first, else the
   * nearest before it ("是全球论坛的创始国"). */
  size_t from = verb_len ? verb : cl_a;
  for (int pass = 0; pass < 2 && !a->object; ++pass) {
    unsigned want = pass == 0 && type->object_kinds ? type->object_kinds : ~0u;
    for (size_t k = 0; k < p->n_mentions && !a->object; ++k) {
      const UnkgMention* m = &p->mentions[k];
      if (m->pos >= from && m->pos < cl_b && m->entity != c->reply->entity
          && (m->entity->kind & want)) {
        a->object = m->entity;
      }
    }
    for (size_t k = p->n_mentions; k-- > 0 && !a->object;) {
      const UnkgMention* m = &p->mentions[k];
      if (m->pos >= cl_a && m->pos < from && m->entity != c->reply->entity
          && (m->entity->kind & want)) {
        a->object = m->entity;
      }
    }
  }
  size_t ob = verb + verb_len;
  if (ob < cl_b) {
    size_t n = cl_b - ob;
    if (n > 150) { /* keep whole characters */
      n = 150;
      while (n > 0 && ((unsigned char)t[ob + n] & 0xC0) == 0x80) {
        --n;
      }
    }
    if (!(a->object_text = unkg_strndup(t + ob, n))) {
      return UNKG_ERR_NOMEM;
    }
  }
  return UNKG_OK;
}

/* Passive forms put the object first: "小组成立于2004年", "战略于2016年获得通过"
 * (unkg:passivePostVerb right after the verb, unkg:passiveAuxiliary up to
 * four characters before it). */
static bool
passive_at(const UnkgLexicon* lex, const char* t, size_t v, size_t vl)
{
  size_t n = strlen(t), l;
  if (unkg_lexicon_match(lex, UNKG_ENT_SELF, UNKG_ROLE_PASSIVE_AFTER, t + v + vl, n - v - vl, &l,
                         NULL)) {
    return true;
  }
  size_t back = v >= 12 ? 12 : v;
  for (size_t i = v - back; i < v; ++i) {
    if (unkg_lexicon_match(lex, UNKG_ENT_SELF, UNKG_ROLE_PASSIVE_AUX, t + i, n - i, &l, NULL)) {
      return true;
    }
  }
  return false;
}

/* Does type's object stand in clause [ca, cb) for a verb at v? */
static bool
object_ok(const Ctx* c, const UnkgPart* p, const UnkgEntity* type, size_t ca, size_t cb, size_t v,
          size_t vl)
{
  if (!has_role(c->lex, type, UNKG_ROLE_TRIGGER_OBJECT)) {
    return true;
  }
  const char* t    = p->text;
  size_t      from = passive_at(c->lex, t, v, vl) ? ca : v;
  size_t      o, ol;
  if (find_entity(c->lex, type, UNKG_ROLE_TRIGGER_OBJECT, t, from, cb, &o, &ol)) {
    return true;
  }
  for (size_t k = 0; type->object_kinds && k < p->n_mentions; ++k) {
    if ((p->mentions[k].entity->kind & type->object_kinds) && p->mentions[k].pos >= from
        && p->mentions[k].pos < cb) {
      return true;
    }
  }
  return false;
}

typedef struct {
  size_t            pos, len;
  const UnkgEntity* type;
  bool              needs_object;
} Trigger;

static int
cmp_trigger(const void* a, const void* b)
{
  const Trigger* x = a;
  const Trigger* y = b;
  if (x->pos != y->pos) {
    return x->pos < y->pos ? -1 : 1;
  }
  /* 加入 + an instrument is accession, 加入 + a body membership: the type
   * whose object is checked goes first. */
  if (x->needs_object != y->needs_object) {
    return x->needs_object ? -1 : 1;
  }
  if (x->len != y->len) {
    return x->len > y->len ? -1 : 1; /* the longer form is the verb */
  }
  return strcmp(x->type->iri, y->type->iri);
}

static int
cmp_trigger_entity(const void* a, const void* b)
{
  const UnkgEntity* x = ((const Trigger*)a)->type;
  const UnkgEntity* y = ((const Trigger*)b)->type;
  return (x > y) - (x < y);
}

/* The triggers of clause [ca, cb): for each action type, the first place
 * a trigger verb of it stands and its longest form there, for at most 64
 * types, the first in the lexicon's order -- what find_entity gives type
 * by type, in one pass over the clause.  False when a place has more
 * matches than this keeps (the caller then asks type by type). */
static bool
clause_triggers(const UnkgLexicon* lex, const char* t, size_t ca, size_t cb, Trigger cand[64],
                size_t* n)
{
  Trigger   found[256];
  size_t    n_found = 0;
  UnkgMatch m[32];
  for (size_t i = ca; i < cb; i += step(t + i)) {
    size_t k = unkg_lexicon_matches(lex, UNKG_ENT_ACTION, UNKG_ROLE_TRIGGER_VERB, t + i, cb - i, m,
                                    sizeof m / sizeof *m);
    if (k > sizeof m / sizeof *m) {
      return false;
    }
    for (size_t j = 0; j < k; ++j) {
      bool seen = false;
      for (size_t q = 0; q < n_found && !seen; ++q) {
        seen = found[q].type == m[j].e;
      }
      if (seen) {
        continue;
      }
      if (n_found == sizeof found / sizeof *found) {
        return false;
      }
      found[n_found++] = (Trigger){i, m[j].len, m[j].e,
                                   has_role(lex, m[j].e, UNKG_ROLE_TRIGGER_OBJECT)};
    }
  }
  if (n_found > 64) {
    qsort(found, n_found, sizeof *found, cmp_trigger_entity);
    n_found = 64;
  }
  memcpy(cand, found, n_found * sizeof *found);
  *n = n_found;
  return true;
}

/* The actions of one sentence whose subject is the state: in each clause,
 * the first trigger whose object fits (one predicate per clause: a later
 * verb is usually part of the object, as in "投入…用于支持…"). */
static UnkgStatus
sentence_actions(const Ctx* c, UnkgDoc* doc, int part, size_t sent, size_t from, size_t to,
                 unsigned* ordinal, size_t* made)
{
  const UnkgPart* p = &doc->parts[part];
  const char*     t = p->text;
  *made             = 0;
  UnkgStatus st     = UNKG_OK;

  /* "X认为，…" states a view: an action only if it proposes something. */
  size_t ol;
  if (unkg_lexicon_match(c->lex, UNKG_ENT_SELF, UNKG_ROLE_OPINION, t + from, to - from, &ol, NULL)) {
    const UnkgEntity* proposed = unkg_lexicon_by_iri(c->lex, UNKG_NS "proposed");
    const UnkgEntity* propose  = default_type(c->lex, UNKG_NS "proposed");
    size_t            at, len;
    if (proposed && propose
        && find_entity(c->lex, proposed, UNKG_ROLE_MARKER, t, from, to, &at, &len)) {
      st = add_action(c, doc, part, propose, sent, to, from + ol, 0, ordinal);
      *made += !st;
    }
    return st;
  }
  Trigger cand[64];
  for (size_t ca = from; ca < to && !st;) {
    size_t cb = unit_end(t, ca, to, clause_end);
    size_t n  = 0, pl;
    if (unkg_lexicon_match(c->lex, UNKG_ENT_SELF, UNKG_ROLE_PURPOSE, t + ca, cb - ca, &pl, NULL)) {
      ca = cb < to ? cb + step(t + cb) : to; /* "以促进…": a goal */
      continue;
    }
    if (!clause_triggers(c->lex, t, ca, cb, cand, &n)) {
      for (size_t i = 0; i < unkg_lexicon_size(c->lex) && n < 64; ++i) {
        const UnkgEntity* type = unkg_lexicon_entity(c->lex, i);
        size_t            v, vl;
        if (type->kind == UNKG_ENT_ACTION
            && find_entity(c->lex, type, UNKG_ROLE_TRIGGER_VERB, t, ca, cb, &v, &vl)) {
          cand[n++] = (Trigger){v, vl, type, has_role(c->lex, type, UNKG_ROLE_TRIGGER_OBJECT)};
        }
      }
    }
    if (n) {
      qsort(cand, n, sizeof *cand, cmp_trigger);
    }
    for (size_t k = 0; k < n; ++k) {
      if (object_ok(c, p, cand[k].type, ca, cb, cand[k].pos, cand[k].len)) {
        /* A clause reporting an amount of money reports funding. */
        const UnkgEntity* type  = cand[k].type;
        UnkgCommitment    probe = {0};
        find_amount(c, t, ca, cb, &probe);
        const UnkgEntity* fund = unkg_lexicon_flagged(c->lex, UNKG_ENT_ACTION, UNKG_FLAG_AMOUNT);
        if (probe.amount[0] && fund) {
          type = fund;
        }
        size_t before = doc->n_commitments;
        st            = add_action(c, doc, part, type, sent, to, cand[k].pos, cand[k].len, ordinal);
        *made += !st;
        /* 批准了《A》和《B》: one act per instrument. */
        for (size_t m = 0; !st && type->object_kinds && m < p->n_mentions; ++m) {
          const UnkgMention* mm = &p->mentions[m];
          if (!(mm->entity->kind & type->object_kinds) || mm->pos < cand[k].pos || mm->pos >= cb
              || mm->entity == doc->commitments[before].object) {
            continue;
          }
          bool seen = false;
          for (size_t q = before; q < doc->n_commitments; ++q) {
            seen = seen || doc->commitments[q].object == mm->entity;
          }
          if (!seen) {
            st = add_action(c, doc, part, type, sent, to, cand[k].pos, cand[k].len, ordinal);
            if (!st) {
              doc->commitments[doc->n_commitments - 1].object = mm->entity;
              ++*made;
            }
          }
        }
        /* What follows a call or a proposal is its content. */
        const UnkgEntity* proposed = unkg_lexicon_by_iri(c->lex, UNKG_NS "proposed");
        if (proposed && cand[k].type->modality == proposed) {
          cb = to;
        }
        break;
      }
    }
    ca = cb < to ? cb + step(t + cb) : to;
  }
  if (!st && !*made) {
    /* A plan that no other type describes is a plan. */
    const UnkgEntity* planned = unkg_lexicon_by_iri(c->lex, UNKG_NS "planned");
    const UnkgEntity* plan    = default_type(c->lex, UNKG_NS "planned");
    size_t            at, len;
    if (planned && plan && find_entity(c->lex, planned, UNKG_ROLE_MARKER, t, from, to, &at, &len)) {
      st = add_action(c, doc, part, plan, sent, to, at, len, ordinal);
      *made += !st;
    }
  }
  return st;
}

/* Does the paragraph end with a lead clause ("…努力：") whose subject is
 * the state?  Its list items are then the state's actions. */
static bool
state_lead(const Ctx* c, const UnkgPart* p)
{
  const char* t = p->text;
  size_t      n = strlen(t);
  if (n < 3 || !(unkg_starts_with(t + n - 3, "：") || t[n - 1] == ':')) {
    return false;
  }
  size_t        last = 0;
  const MarkSet m    = mark_set(sentence_end);
  for (size_t i = 0; i < n; i += step(t + i)) {
    if (at_set(t + i, &m)) {
      last = i + step(t + i);
    }
  }
  size_t sub = subject_end(c, t, last, n), ol;
  return sub > 0
         && !unkg_lexicon_match(c->lex, UNKG_ENT_SELF, UNKG_ROLE_OPINION, t + sub, n - sub, &ol,
                                NULL);
}

/* An agentless passive ("《公约》获得批准", "战略于2016年获得通过") in a
 * reply tells of the replying state's own act: a trigger right after a
 * passive marker (unkg:passiveAuxiliary, unkg:passiveMarker), with no state
 * or organization named before it. */
static bool
agentless_passive(const Ctx* c, const UnkgPart* p, size_t a, size_t b)
{
  const char* t = p->text;
  size_t      n = strlen(t);
  for (size_t i = a; i < b; i += step(t + i)) {
    size_t ml = 0;
    unkg_lexicon_match(c->lex, UNKG_ENT_SELF, UNKG_ROLE_PASSIVE_AUX | UNKG_ROLE_PASSIVE, t + i,
                       n - i, &ml, NULL);
    size_t l, gap = 0;
    bool   hit = false;
    /* "获得内阁核准": up to two characters of agent between. */
    for (int k = 0; ml && k <= 2 && !hit && i + ml + gap < b; ++k) {
      hit = unkg_lexicon_match(c->lex, UNKG_ENT_ACTION, UNKG_ROLE_TRIGGER_VERB, t + i + ml + gap,
                               b - i - ml - gap, &l, NULL)
            != NULL;
      if (!hit) {
        gap += step(t + i + ml + gap);
      }
    }
    if (!hit) {
      continue;
    }
    for (size_t k = 0; k < p->n_mentions; ++k) {
      const UnkgMention* m = &p->mentions[k];
      if (m->pos >= a && m->pos < i && m->entity != c->reply->entity
          && (m->entity->kind & (UNKG_ENT_ORG | UNKG_ENT_STATE))) {
        /* "欧洲委员会《公约》" names the convention's body, not an agent */
        bool before_instrument = false;
        for (size_t q = 0; q < p->n_mentions; ++q) {
          size_t between    = p->mentions[q].pos - (m->pos + m->len);
          before_instrument = before_instrument
                              || (p->mentions[q].entity->kind == UNKG_ENT_INSTRUMENT
                                  && p->mentions[q].pos >= m->pos + m->len && between <= 3); /* 《 */
        }
        if (!before_instrument) {
          return false;
        }
      }
    }
    return true;
  }
  return false;
}

/* A strategy named with its date is an adopted one: "国家网络安全战略
 * (2014-2017年)", "2016年10月公布的新国家网络安全战略", "根据2015年9月
 * 制订的网络安全战略".  Only the type's object words, only when no other
 * state or body is named in the clause, and only when a year is attached:
 * in parentheses right after the noun, or in a dated relative clause
 * ("YYYY年…<verb>的") before it. */
/* Has an action of type been made for the sentence at pos of part, among
 * doc->commitments[from, to)? */
static bool
has_action(const UnkgDoc* doc, size_t from, size_t to, int part, size_t pos, const UnkgEntity* type)
{
  for (size_t i = from; i < to; ++i) {
    const UnkgCommitment* x = &doc->commitments[i];
    if (x->part == part && x->pos == pos && x->type == type) {
      return true;
    }
  }
  return false;
}

static UnkgStatus
nominal_strategies(const Ctx* c, UnkgDoc* doc, int part, size_t a, size_t b, size_t base,
                   size_t part_first, unsigned* ordinal)
{
  const UnkgPart*   p    = &doc->parts[part];
  const char*       t    = p->text;
  const UnkgEntity* type = unkg_lexicon_flagged(c->lex, UNKG_ENT_ACTION, UNKG_FLAG_DATED_OBJECT);
  if (!type) {
    return UNKG_OK;
  }
  /* The part's actions are those made before the replies were read (up to
   * base) and those made since the part began (from part_first): not the
   * whole list at every sentence. */
  if (has_action(doc, 0, base, part, a, type)
      || has_action(doc, part_first, doc->n_commitments, part, a, type)) {
    return UNKG_OK; /* the sentence already has one */
  }
  for (size_t ca = a; ca < b;) {
    size_t cb = unit_end(t, ca, b, clause_end);
    for (size_t i = ca; i < cb; i += step(t + i)) {
      size_t ol = unkg_lexicon_match_entity(c->lex, type, UNKG_ROLE_TRIGGER_OBJECT, t + i, cb - i);
      if (!ol) {
        continue; /* not the noun: no need to look for its date */
      }
      if (!unkg_starts_with(t + i + ol, "(") || !isdigit((unsigned char)t[i + ol + 1])) {
        /* no year in parentheses: look for "YYYY年…<verb>的" before it */
        size_t de = SIZE_MAX;
        for (size_t j = ca; j < i; j += step(t + j)) {
          if (unkg_starts_with(t + j, "的") && i - j <= 3 * 8) {
            de = j; /* "制订的网络安全战略": the last 的 shortly before it */
          }
        }
        bool dated = false;
        for (size_t j = ca; ol && de != SIZE_MAX && j < de && !dated; j += step(t + j)) {
          size_t            vl;
          const UnkgEntity* v = unkg_lexicon_match(c->lex, UNKG_ENT_ACTION, UNKG_ROLE_TRIGGER_VERB,
                                                   t + j, de - j, &vl, NULL);
          UnkgCommitment    probe = {0};
          find_time(t, ca, j, &probe);
          dated = v && j + vl <= de && probe.year[0];
        }
        if (!dated) {
          continue;
        }
      }
      for (size_t k = 0; k < p->n_mentions; ++k) {
        const UnkgMention* m = &p->mentions[k];
        if (m->pos >= ca && m->pos < cb && m->entity != c->reply->entity
            && (m->entity->kind & (UNKG_ENT_ORG | UNKG_ENT_STATE))) {
          return UNKG_OK;
        }
      }
      return add_action(c, doc, part, type, a, b, i, 0, ordinal);
    }
    ca = cb < b ? cb + step(t + cb) : b;
  }
  return UNKG_OK;
}

/* Does sentence [a, b) open (past opening clauses) with a normative
 * marker ("必须", "应当")? */
static bool
normative(const Ctx* c, const UnkgPart* p, size_t a, size_t b)
{
  const char*       t        = p->text;
  const UnkgEntity* proposed = unkg_lexicon_by_iri(c->lex, UNKG_NS "proposed");
  size_t            i        = a;
  for (int hops = 0; proposed && hops < 3 && i < b; ++hops) {
    if (unkg_lexicon_match_entity(c->lex, proposed, UNKG_ROLE_MARKER, t + i, b - i)) {
      /* …unless another actor speaks: "大会…决议指出，必须…". */
      for (size_t k = 0; k < p->n_mentions; ++k) {
        const UnkgMention* m = &p->mentions[k];
        if (m->pos >= a && m->pos < i && m->entity != c->reply->entity
            && (m->entity->kind & (UNKG_ENT_ORG | UNKG_ENT_STATE))) {
          return false;
        }
      }
      return true;
    }
    size_t comma = unit_end(t, i, b, clause_end);
    if (comma >= b) {
      break;
    }
    i = comma + step(t + comma);
  }
  return false;
}

/* A list the reply addresses to a group ("国际社会可采取以下措施：") holds
 * the replying state's proposals. */
static bool
group_lead(const Ctx* c, const UnkgPart* p)
{
  const char* t = p->text;
  size_t      n = strlen(t), at, len;
  return n >= 3 && (unkg_starts_with(t + n - 3, "：") || t[n - 1] == ':')
         && find_any(c->lex, UNKG_ENT_GROUP, UNKG_ROLE_NAME, t, 0, n, &at, &len);
}

static UnkgStatus
reply_actions(UnkgDoc* doc, const UnkgLexicon* lex)
{
  unsigned     ordinal = 0;
  int          reply   = -1;
  bool         prev    = false;
  const size_t base    = doc->n_commitments;
  /* The lead of the last list seen, judged once for all its items. */
  int  lead_parent = -1, lead_reply = -1;
  bool lead_state = false, lead_group = false;
  for (size_t pi = 0; pi < doc->n_parts; ++pi) {
    UnkgPart* p = &doc->parts[pi];
    if (p->reply < 0 || (p->kind != UNKG_PART_PARAGRAPH && p->kind != UNKG_PART_ITEM)) {
      continue;
    }
    if (p->reply != reply) {
      reply   = p->reply;
      ordinal = 0;
    }
    Ctx         c = {lex, &doc->parts[p->reply]};
    const char* t = p->text;
    size_t      n = strlen(t);
    if (p->kind == UNKG_PART_ITEM && p->parent >= 0
        && (p->parent != lead_parent || p->reply != lead_reply)) {
      lead_parent = p->parent;
      lead_reply  = p->reply;
      lead_state  = state_lead(&c, &doc->parts[p->parent]);
      lead_group  = !lead_state && group_lead(&c, &doc->parts[p->parent]);
    }
    bool   listed = p->kind == UNKG_PART_ITEM && p->parent >= 0 && lead_state;
    size_t before = doc->n_commitments;
    prev          = listed; /* items of a state's list speak for it */
    if (p->kind == UNKG_PART_ITEM && p->parent >= 0 && !listed && lead_group) {
      const UnkgEntity* propose = default_type(lex, UNKG_NS "proposed");
      if (propose) {
        UnkgStatus st = add_action(&c, doc, (int)pi, propose, 0, unit_end(t, 0, n, sentence_end), 0,
                                   0, &ordinal);
        if (st) {
          return st;
        }
      }
      continue;
    }
    for (size_t a = 0; a < n;) {
      size_t b    = unit_end(t, a, n, sentence_end);
      size_t sub  = subject_end(&c, t, a, b);
      bool   mine = sub > 0 || (prev && continues(&c, t, a, b)) || listed
                  || agentless_passive(&c, p, a, b);
      /* A lead clause ("…所作的努力有：") announces actions, its items hold them. */
      bool lead = b >= n && n >= 3 && (unkg_starts_with(t + n - 3, "：") || t[n - 1] == ':');
      if (!mine && !lead && normative(&c, p, a, b)) {
        /* "必须开展强有力的国际合作": what must be done, said by the
         * replying state, is its proposal. */
        const UnkgEntity* propose = default_type(lex, UNKG_NS "proposed");
        if (propose) {
          UnkgStatus st = add_action(&c, doc, (int)pi, propose, a, b, a, 0, &ordinal);
          if (st) {
            return st;
          }
        }
      }
      if (mine && !lead) {
        size_t     made;
        UnkgStatus st = sentence_actions(&c, doc, (int)pi, a, sub ? sub : a, b, &ordinal, &made);
        if (st) {
          return st;
        }
      }
      if (!lead) {
        UnkgStatus st = nominal_strategies(&c, doc, (int)pi, a, b, base, before, &ordinal);
        if (st) {
          return st;
        }
      }
      prev = mine;
      a    = b < n ? b + step(t + b) : n;
    }
    if (listed && doc->n_commitments == before) {
      /* One action per item of the list, even when no type describes it. */
      const UnkgEntity* other = unkg_lexicon_flagged(lex, UNKG_ENT_ACTION, UNKG_FLAG_LIST_ITEM);
      if (other) {
        UnkgStatus st = add_action(&c, doc, (int)pi, other, 0, unit_end(t, 0, n, sentence_end), 0,
                                   0, &ordinal);
        if (st) {
          return st;
        }
      }
    }
  }
  return UNKG_OK;
}

/* ---- requests ------------------------------------------------------------------------ */

/* A deadline, "大会第七十二届会议" (a unkg:deadlinePhrase of the resolution
 * genre with the session's number in its slot), where the phrase first
 * begins in t: the session in *session. */
static void
deadline(const UnkgLexicon* lex, const char* t, int* session)
{
  const UnkgEntity* genre = unkg_lexicon_genre(lex, UNKG_NS "Resolution");
  const char*       phrase;
  for (size_t i = 0; (phrase = unkg_lexicon_name_at(lex, genre, UNKG_ROLE_DEADLINE, i)); ++i) {
    size_t      bl, k;
    const char* after;
    int         n;
    if (!unkg_phrase_slot(phrase, &bl, &after)) {
      continue;
    }
    const char* s = NULL;
    char        head[128];
    if (bl && bl < sizeof head) {
      /* Where the phrase's head, up to its slot, first stands: strstr, not
       * a comparison at every byte of the paragraph. */
      memcpy(head, phrase, bl);
      head[bl] = '\0';
      s        = strstr(t, head);
    } else {
      for (const char* q = t; *q && !s; ++q) {
        s = (bl && *q != *phrase) || strncmp(q, phrase, bl) ? NULL : q;
      }
    }
    if (s && (k = unkg_parse_zh_number(s + bl, strlen(s + bl), &n))
        && unkg_starts_with(s + bl + k, after)) {
      *session = n;
      return;
    }
  }
}

static UnkgStatus resolution_request(UnkgDoc* doc, const UnkgLexicon* lex, size_t pi, size_t* last);

static UnkgStatus
resolution_requests(UnkgDoc* doc, const UnkgLexicon* lex)
{
  /* Per part, the index of its last commitment (SIZE_MAX: none), so that
   * an item finds its parent's without a search of all of them. */
  size_t* last = malloc((doc->n_parts ? doc->n_parts : 1) * sizeof *last);
  if (!last) {
    return UNKG_ERR_NOMEM;
  }
  for (size_t pi = 0; pi < doc->n_parts; ++pi) {
    last[pi] = SIZE_MAX;
  }
  for (size_t k = 0; k < doc->n_commitments; ++k) {
    if (doc->commitments[k].part >= 0 && (size_t)doc->commitments[k].part < doc->n_parts) {
      last[doc->commitments[k].part] = k;
    }
  }
  UnkgStatus st = UNKG_OK;
  for (size_t pi = 0; pi < doc->n_parts && !st; ++pi) {
    st = resolution_request(doc, lex, pi, last);
  }
  free(last);
  return st;
}

static UnkgStatus
resolution_request(UnkgDoc* doc, const UnkgLexicon* lex, size_t pi, size_t* last)
{
  const UnkgPart* p = &doc->parts[pi];
  /* An item's request belongs to its operative paragraph's. */
  int top = (int)pi;
  while (top >= 0 && doc->parts[top].kind == UNKG_PART_ITEM) {
    top = doc->parts[top].parent;
  }
  if (top < 0 || doc->parts[top].kind != UNKG_PART_OPERATIVE) {
    return UNKG_OK;
  }
  UnkgCommitment* r = unkg_doc_add_commitment(doc);
  if (!r) {
    return UNKG_ERR_NOMEM;
  }
  if (!(r->path = sub_path(p->path, "/request", 0))) {
    return UNKG_ERR_NOMEM;
  }
  r->part = (int)pi;
  /* The request text follows the lead verb when the paragraph starts
   * with it (in AKN input the markup names the lead, which may not). */
  r->pos  = p->lead && unkg_starts_with(p->text, p->lead) ? strlen(p->lead) : 0;
  r->len  = strlen(p->text) - r->pos;
  r->type = doc->parts[top].verb;
  if (p->kind == UNKG_PART_ITEM) {
    /* Items inherit the asker's verb and addressee: the parent's last
     * request. */
    if (last[p->parent] != SIZE_MAX) {
      size_t k     = last[p->parent];
      r->parent    = (int)k;
      r->addressee = doc->commitments[k].addressee;
    }
  } else if (r->type && (r->type->flags & UNKG_FLAG_DIRECTIVE)) {
    /* The addressee: the first group, body or state in the first clause. */
    const char* t   = p->text;
    size_t      end = unit_end(t, r->pos, strlen(t), clause_end);
    size_t      at, len;
    r->addressee = find_any(lex, UNKG_ENT_GROUP | UNKG_ENT_ORG | UNKG_ENT_STATE, UNKG_ROLE_NAME, t,
                            r->pos, end, &at, &len);
  }
  deadline(lex, p->text, &r->deadline_session);
  UnkgCommitment tmp = {0};
  find_time(p->text, r->pos, strlen(p->text), &tmp);
  memcpy(r->year, tmp.year, sizeof r->year);
  last[pi] = doc->n_commitments - 1;
  return UNKG_OK;
}

UnkgStatus
unkg_recognise_commitments(const UnkgCtx* c, UnkgDoc* doc)
{
  UnkgStatus st = doc->genre == UNKG_GENRE_RESOLUTION ? resolution_requests(doc, c->lex)
                                                      : reply_actions(doc, c->lex);
  return st ? unkg_error(c, st, 0, 0, "%s", unkg_strerror(st)) : UNKG_OK;
}
