#include "recognise.h"

#include "buf.h"
#include "lead.h"
#include "symbol.h"
#include "text.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

UnkgStatus
unkg_recognise_citations(UnkgPart* part, const UnkgLexicon* lex, const char* text)
{
  return unkg_symbols_scan(lex, text, part);
}

/* ---- the verb governing a citation ------------------------------------------ */

/* A paragraph may go on with a second verb ("铭记…的成果，并回顾其…第70/125号
 * 决议"): a citation's act is the verb opening the nearest clause before
 * it, past a continuation (并, 又, 还), else the paragraph's lead verb. */
/* Text outside the preamble and the numbered paragraphs that is a sentence
 * ("通过以下宣言：", "核准："), not a heading: it has a lead as they do. */
static bool
sentence(const char* t)
{
  size_t n = strlen(t);
  return unkg_text_is_terminal(t, n) || (n >= 3 && !strcmp(t + n - 3, "：")) || (n && t[n - 1] == ':');
}

static void
citation_acts(UnkgPart* p, const UnkgLexicon* lex)
{
  const char* t = p->text;
  for (size_t k = 0; k < p->n_cites; ++k) {
    const UnkgEntity* act = NULL;
    for (size_t i = 0; i < p->cites[k].pos; i += unkg_utf8_step(t[i])) {
      bool start = i == 0
                   || (i >= 3
                       && (unkg_starts_with(t + i - 3, "，") || unkg_starts_with(t + i - 3, "；")))
                   || (i >= 2 && t[i - 2] == ',' && t[i - 1] == ' ');
      if (!start || i == 0) {
        continue; /* the lead verb is the default anyway */
      }
      size_t at = i, l;
      if (unkg_lexicon_match(lex, UNKG_ENT_SELF, UNKG_ROLE_CONTINUATION, t + at, strlen(t + at), &l,
                             NULL)) {
        at += l;
      }
      const UnkgEntity* mod;
      const UnkgEntity* v = unkg_lead_match(lex, t + at, &mod, &l);
      if (v) {
        act = v;
      }
    }
    p->cites[k].act = act;
  }
}

/* ---- named entities ----------------------------------------------------------- */

static bool
ascii_word(char c)
{
  return isalnum((unsigned char)c) || c == '_';
}

UnkgStatus
unkg_recognise_mentions(UnkgPart* part, const UnkgLexicon* lex, const UnkgEntity** context)
{
  const char*    t     = part->text;
  size_t         n     = strlen(t);
  const unsigned kinds = UNKG_ENT_STATE | UNKG_ENT_ORG | UNKG_ENT_INSTRUMENT;
  for (size_t i = 0; i < n;) {
    /* Past the characters no name, nor a generic name of the instrument
     * named before, starts with. */
    const UnkgEntity* named = context ? *context : NULL;
    i = unkg_lexicon_next_start(lex, kinds | (named ? (unsigned)named->kind : 0u),
                                UNKG_ROLE_NAME | (named ? UNKG_ROLE_GENERIC : 0u), t, n, i);
    if (i >= n) {
      break;
    }
    if (i > 0 && ascii_word(t[i]) && ascii_word(t[i - 1])) {
      ++i; /* inside a word, where no Latin name may start (below) */
      continue;
    }
    /* 《公约》 stands for the convention named before it, and only then:
     * its generic names are looked for in the same walk. */
    size_t            len = 0, gl = 0;
    const UnkgEntity* e   = unkg_lexicon_match_also(lex, kinds, UNKG_ROLE_NAME,
                                                    context ? *context : NULL, UNKG_ROLE_GENERIC,
                                                    t + i, n - i, &len, &gl);
    /* Latin names must stand as words: "EU" is not in "EUROPE". */
    if (e && ascii_word(t[i]) && ((i > 0 && ascii_word(t[i - 1])) || ascii_word(t[i + len]))) {
      e = NULL;
    }
    if (e && unkg_lexicon_excluded(lex, e, t, n, i, len)) {
      e = NULL;
    }
    if (!e && context && *context) {
      if (gl && !(ascii_word(t[i]) && ((i > 0 && ascii_word(t[i - 1])) || ascii_word(t[i + gl])))) {
        e   = *context;
        len = gl;
      }
    }
    if (e) {
      UnkgStatus st = unkg_part_add_mention(part, e, i, len);
      if (st) {
        return st;
      }
      if (e->kind == UNKG_ENT_INSTRUMENT && context) {
        *context = e;
      }
      i += len;
    } else {
      i += unkg_utf8_step(t[i]);
    }
  }
  return UNKG_OK;
}

static bool
covered(const UnkgPart* p, size_t from, size_t to)
{
  for (size_t k = 0; k < p->n_mentions; ++k) {
    if (p->mentions[k].pos < to && p->mentions[k].pos + p->mentions[k].len > from) {
      return true;
    }
  }
  return false;
}

/* Names already warned about in this document: once each is enough. */
typedef struct {
  char** v;
  size_t n;
} Seen;

static bool
first_time(Seen* seen, const char* s, size_t n)
{
  for (size_t i = 0; i < seen->n; ++i) {
    if (strlen(seen->v[i]) == n && !memcmp(seen->v[i], s, n)) {
      return false;
    }
  }
  char** v = realloc(seen->v, (seen->n + 1) * sizeof *v);
  if (v) {
    seen->v = v;
    if ((v[seen->n] = unkg_strndup(s, n))) {
      ++seen->n;
    }
  }
  return true;
}

/* Titles in 《》 and upper-case abbreviations in brackets that matched
 * nothing: candidates for the reference data. */
static void
warn_unknown_names(const UnkgCtx* c, const UnkgPart* p, Seen* seen)
{
  const char* t = p->text;
  for (const char* open = strstr(t, "《"); open; open = strstr(open + 3, "《")) {
    const char* close = strstr(open, "》");
    if (!close || close - open > 300) {
      break;
    }
    if (!covered(p, (size_t)(open - t), (size_t)(close - t))
        && first_time(seen, open, (size_t)(close - open + 3))) {
      unkg_warning(c, p->line, 0, "unknown instrument or title %.*s", (int)(close - open + 3), open);
    }
  }
  for (const char* open = strchr(t, '('); open; open = strchr(open + 1, '(')) {
    const char* q = open + 1;
    while (isupper((unsigned char)*q) || *q == '-' || *q == '&') {
      ++q;
    }
    size_t n = (size_t)(q - open - 1);
    if (*q == ')' && n >= 2 && n <= 12 && !covered(p, (size_t)(open - t), (size_t)(q - t))
        && first_time(seen, open, n + 2)) {
      unkg_warning(c, p->line, 0, "unknown abbreviation (%.*s)", (int)n, open + 1);
    }
  }
}

/* The committee a resolution was adopted on the report of, as an entity,
 * when the reader gave only its name as written. */
static void
resolve_committee(UnkgDoc* doc, const UnkgLexicon* lex)
{
  if (doc->res.committee && !doc->res.committee_org) {
    doc->res.committee_org = unkg_lexicon_lookup(lex, UNKG_ENT_ORG, doc->res.committee);
  }
}

/* What the links of a part cite (Akoma Ntoso input), before what its text
 * cites, so that a linked symbol is cited where the link stands. */
static UnkgStatus
cite_links(const UnkgCtx* c, UnkgPart* p)
{
  UnkgStatus st   = UNKG_OK;
  size_t     from = 0;
  for (size_t k = 0; p->text && k < unkg_part_n_links(p) && !st; ++k) {
    const char* cs  = p->more->links[k].shown;
    char*       sym = unkg_symbol_of_href(p->more->links[k].href);
    if (!sym) {
      continue;
    }
    size_t pos = 0;
    if (*cs) {
      const char* at = strstr(p->text + from, cs);
      if (at) {
        pos  = (size_t)(at - p->text);
        from = pos + strlen(cs);
      }
      /* A link showing one symbol and pointing at another is an error in
       * the file; both are cited (the text one below).  Not an error: a
       * joint symbol and its first part (A/75/84-E/2020/61), a short form
       * (S-23/2 for A/RES/S-23/2). */
      size_t series = strspn(cs, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
      if (series && cs[series] == '/' && !strchr(cs, ' ') && !unkg_symbol_prefix(cs, sym)
          && !unkg_symbol_prefix(sym, cs)) {
        unkg_warning(c, p->line, 0, "link text %s but target %s", cs, sym);
      }
    }
    st = unkg_part_add_cite(p, strstr(sym, "/RES/") ? UNKG_CITE_RESOLUTION : UNKG_CITE_DOCUMENT,
                            sym, NULL, pos);
    free(sym);
  }
  return st;
}

/* ---- symbols -------------------------------------------------------------- */

/* *sym in canonical form (symbol.h).  What is more than a symbol ("A/75/L.4,
 * as orally revised") gives the first symbol in it; what holds none is
 * dropped with a warning (keep: the document's own symbol stays as it is),
 * so that no prose becomes an IRI. */
static UnkgStatus
canonical_symbol(const UnkgCtx* c, char** sym, unsigned line, bool keep)
{
  if (!*sym) {
    return UNKG_OK;
  }
  char* canon = unkg_symbol_canonical(*sym);
  if (!canon) {
    return UNKG_ERR_NOMEM;
  }
  if (!unkg_symbol_valid(canon)) {
    UnkgPart            tmp   = {0};
    UnkgStatus          st    = unkg_symbols_scan(c->lex, *sym, &tmp);
    const UnkgCitation* first = NULL;
    for (size_t i = 0; !st && i < tmp.n_cites; ++i) {
      if (!first || tmp.cites[i].pos < first->pos) {
        first = &tmp.cites[i];
      }
    }
    free(canon);
    canon = first ? unkg_symbol_canonical(first->symbol) : NULL;
    unkg_part_clear(&tmp);
    if (st || (first && !canon)) {
      free(canon);
      return st ? st : UNKG_ERR_NOMEM;
    }
    if (!canon || !unkg_symbol_valid(canon)) {
      unkg_warning(c, line, 0, "'%s' is not a UN document symbol%s", *sym,
                   keep ? "" : "; not linked");
      free(canon);
      if (!keep) {
        free(*sym);
        *sym = NULL;
      }
      return UNKG_OK;
    }
  }
  free(*sym);
  *sym = canon;
  return UNKG_OK;
}

/* Every symbol the document names, in canonical form, so that one document
 * is one node whatever way a text or a link writes its symbol.  A citation
 * that comes out as an earlier one of its part is that one. */
static UnkgStatus
canonical_symbols(const UnkgCtx* c, UnkgDoc* doc)
{
  UnkgStatus st       = canonical_symbol(c, &doc->symbol, 0, true);
  char**     fields[] = {&doc->res.committee_report, &doc->res.draft, &doc->res.record,
                         &doc->rep.responds_to};
  for (size_t i = 0; !st && i < sizeof fields / sizeof *fields; ++i) {
    st = canonical_symbol(c, fields[i], 0, false);
  }
  for (size_t i = 0; !st && i < doc->n_parts; ++i) {
    UnkgPart* p = &doc->parts[i];
    size_t    w = 0, k = 0;
    for (; k < p->n_cites; ++k) {
      UnkgCitation* ci = &p->cites[k];
      if ((st = canonical_symbol(c, &ci->symbol, p->line, false))) {
        break;
      }
      size_t same = 0;
      while (ci->symbol && same < w && strcmp(p->cites[same].symbol, ci->symbol)) {
        ++same;
      }
      if (!ci->symbol || same < w) {
        if (ci->symbol && ci->date && !p->cites[same].date) {
          p->cites[same].date = ci->date;
          ci->date            = NULL;
        }
        free(ci->symbol);
        free(ci->date);
        continue;
      }
      p->cites[w++] = *ci;
    }
    /* Those not reached (after a failure) stay, after those kept. */
    if (k < p->n_cites) {
      memmove(p->cites + w, p->cites + k, (p->n_cites - k) * sizeof *p->cites);
    }
    p->n_cites = w + (p->n_cites - k);
  }
  return st;
}

static bool
han_first(const char* s)
{
  uint32_t cp = 0;
  return unkg_utf8_decode((const unsigned char*)s, strlen(s), &cp) && unkg_cp_is_cjk(cp);
}

/* The lead phrase at the start of text as the lexicon reads it: the verb
 * with its modifiers and, in Chinese, a verb joined on (欢迎并鼓励). */
static const UnkgEntity*
read_lead(const UnkgLexicon* lex, const char* text, const UnkgEntity** modifier, size_t* len)
{
  const UnkgEntity* v = unkg_lead_match(lex, text, modifier, len);
  if (v && (unsigned char)text[0] >= 0x80) {
    *len = unkg_lead_extent(lex, text, *len);
  }
  return v;
}

static int
hint_cmp(const void* a, const void* b)
{
  const UnkgLeadHint* x = a;
  const UnkgLeadHint* y = b;
  int                 d = strcmp(x->path, y->path);
  /* One path twice (no reader gives it): the first part keeps it. */
  return d ? d : x < y ? -1 : x > y;
}

void
unkg_lead_hints_clear(UnkgLeadHints* h)
{
  if (!h) {
    return;
  }
  for (size_t i = 0; i < h->n; ++i) {
    free(h->v[i].path);
  }
  free(h->v);
  h->v = NULL;
  h->n = 0;
}

UnkgStatus
unkg_lead_hints(const UnkgDoc* doc, UnkgLeadHints* out)
{
  out->v = NULL;
  out->n = 0;
  size_t n = 0;
  for (size_t i = 0; i < doc->n_parts; ++i) {
    n += doc->parts[i].verb && doc->parts[i].path;
  }
  if (!n) {
    return UNKG_OK;
  }
  if (!(out->v = calloc(n, sizeof *out->v))) {
    return UNKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < doc->n_parts; ++i) {
    const UnkgPart* p = &doc->parts[i];
    if (p->verb && p->path) {
      if (!(out->v[out->n].path = unkg_strdup(p->path))) {
        unkg_lead_hints_clear(out);
        return UNKG_ERR_NOMEM;
      }
      out->v[out->n].verb       = p->verb;
      out->v[out->n++].modifier = p->modifier;
    }
  }
  /* hint_cmp breaks ties by address, which is part order here. */
  qsort(out->v, out->n, sizeof *out->v, hint_cmp);
  size_t k = 0;
  for (size_t i = 0; i < out->n; ++i) {
    if (k && !strcmp(out->v[k - 1].path, out->v[i].path)) {
      free(out->v[i].path);
    } else {
      out->v[k++] = out->v[i];
    }
  }
  out->n = k;
  return UNKG_OK;
}

static const UnkgLeadHint*
hint_at(const UnkgLeadHints* hints, const char* path)
{
  size_t lo = 0, hi = hints->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int    d   = strcmp(hints->v[mid].path, path);
    if (!d) {
      return &hints->v[mid];
    }
    if (d < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return NULL;
}

static bool
says_again(const UnkgEntity* e)
{
  return e && (e->flags & UNKG_FLAG_AGAIN);
}

/* The verb of part p as the reference expression's aligned part has it:
 * its own verb, unless the form of it the lead holds (the longest of the
 * verb's forms found in the lead: past the modifiers and particles the
 * matcher reads around it) is an unkg:alsoForm of the reference's verb.
 * Else the statement made again: "Reiterates" in one language is "Prie de
 * nouveau", 再次请 (request + again) in another, and "Reiterates its
 * request" (again + request) is 重申, "Réitère" (reiterate).  Which of the
 * two a translator chose says nothing of the paragraph, so where one part
 * says it with the verb and the other with the modifier (unkg:saysAgain),
 * p reads as the reference does. */
static void
resolve_hinted(const UnkgLexicon* lex, UnkgPart* p, const UnkgLeadHints* hints)
{
  const UnkgLeadHint* h = p->path ? hint_at(hints, p->path) : NULL;
  if (!h || h->verb == p->verb || !p->lead) {
    return;
  }
  const char* form = NULL;
  size_t      fl   = 0;
  const char* name;
  for (size_t i = 0; (name = unkg_lexicon_name_at(
                        lex, p->verb, UNKG_ROLE_PREAMBULAR | UNKG_ROLE_OPERATIVE | UNKG_ROLE_NAME, i));
       ++i) {
    size_t l = strlen(name);
    if (l > fl && strstr(p->lead, name)) {
      form = name;
      fl   = l;
    }
  }
  for (size_t i = 0; form && (name = unkg_lexicon_name_at(lex, h->verb, UNKG_ROLE_ALSO, i)); ++i) {
    if (!strcmp(name, form)) {
      p->verb = h->verb;
      return;
    }
  }
  if (says_again(h->verb) && !says_again(p->verb) && says_again(p->modifier)) {
    /* The part's one modifier is the again its verb now says, unless the
     * reference says it twice too ("Reiterates once again"). */
    p->verb     = h->verb;
    p->modifier = says_again(h->modifier) ? h->modifier : NULL;
  } else if (!says_again(h->verb) && says_again(h->modifier) && says_again(p->verb)) {
    /* A modifier of the part's own (also, or again: "вновь заявляет о
     * поддержке", again + reiterate, for again + support) stays: it
     * holds one. */
    p->verb     = h->verb;
    p->modifier = p->modifier ? p->modifier : h->modifier;
  }
}

UnkgStatus
unkg_recognise(const UnkgCtx* c, UnkgDoc* doc)
{
  return unkg_recognise_hinted(c, doc, NULL);
}

UnkgStatus
unkg_recognise_hinted(const UnkgCtx* c, UnkgDoc* doc, const UnkgLeadHints* hints)
{
  const UnkgLexicon* lex     = c->lex;
  const UnkgEntity*  context = NULL;
  int                reply   = -2;
  Seen               seen    = {NULL, 0};
  UnkgStatus result = doc->genre == UNKG_GENRE_REPORT ? unkg_recognise_report(c, doc) : UNKG_OK;
  for (size_t i = 0; i < doc->n_parts && !result; ++i) {
    UnkgPart* p = &doc->parts[i];
    if (!p->text) {
      continue; /* an annex of XML input has no heading text */
    }
    if (p->kind == UNKG_PART_REPLY || p->reply != reply) {
      context = NULL; /* an antecedent does not cross replies */
      reply   = p->kind == UNKG_PART_REPLY ? (int)i : p->reply;
    }
    if ((result = unkg_recognise_mentions(p, lex, &context))) {
      break;
    }
    warn_unknown_names(c, p, &seen);
    size_t            len;
    const UnkgEntity* one = NULL;
    if (p->lead && han_first(p->lead) && strlen(p->lead) == 3
        && !unkg_lead_match(lex, p->lead, &one, &len)) {
      /* One Han character in bold that is no lead verb is the word before
       * the object, not the lead: 对 in "对…表示关切", whose verb comes
       * after the object (verbs.ttl leaves 对 out for this), as the text
       * reader has it. */
      free(p->lead);
      p->lead = NULL;
    }
    if (p->lead) {
      /* The markup named the lead phrase (Akoma Ntoso).  A Chinese bold
       * run is typography, set both ways for the same words (重申 | 承诺
       * and 重申承诺, <b>又回</b>顾): where the text opens with it and the
       * lexicon reads a lead there, the phrase is that reading, as the
       * text reader has it.  Elsewhere the run stands, read on into the
       * text where the markup cut it short (<i>Calls</i> upon): in
       * languages that inflect, the lexicon's forms may end inside the
       * run's last word ("reaffirm" of "Also reaffirms"). */
      size_t            n = strlen(p->lead), tl = 0;
      const UnkgEntity* tm = NULL;
      const UnkgEntity* tv = p->text && !strncmp(p->text, p->lead, n)
                               ? read_lead(lex, p->text, &tm, &tl)
                               : NULL;
      if (tv && !han_first(p->lead) && tl <= n) {
        tv = NULL; /* the run stands */
      }
      if (tv) {
        if (tl != n) {
          char* read = unkg_strndup(p->text, tl);
          if (!read) {
            result = UNKG_ERR_NOMEM;
            break;
          }
          free(p->lead);
          p->lead = read;
        }
        p->verb     = tv;
        p->modifier = tm;
      } else {
        p->verb = unkg_lead_match(lex, p->lead, &p->modifier, &len);
      }
      if (!p->verb) {
        unkg_warning(c, p->line, 0, "lead phrase \"%s\" is not in the verb lexicon", p->lead);
      }
    } else if (p->kind == UNKG_PART_PREAMBULAR || p->kind == UNKG_PART_OPERATIVE
               || (p->kind == UNKG_PART_TEXT && p->text && sentence(p->text))) {
      p->verb = read_lead(lex, p->text, &p->modifier, &len);
      if (p->verb && !(p->lead = unkg_strndup(p->text, len))) {
        result = UNKG_ERR_NOMEM;
        break;
      }
    }
    if (hints && p->verb) {
      resolve_hinted(lex, p, hints);
    }
    if (!(result = cite_links(c, p)) && !(result = unkg_recognise_citations(p, lex, p->text))) {
      citation_acts(p, lex);
    }
  }
  for (size_t k = 0; k < seen.n; ++k) {
    free(seen.v[k]);
  }
  free(seen.v);
  if (!result) {
    resolve_committee(doc, lex);
    result = canonical_symbols(c, doc);
  }
  return result ? unkg_error(c, result, 0, 0, "%s", unkg_strerror(result)) : UNKG_OK;
}
