/* The metadata of an Akoma Ntoso resolution: FRBR identification, cover
 * page, workflow (draft, sponsors, committee report, record), recorded
 * vote, keywords and conclusions. */
#include "akn_impl.h"

#include "buf.h"
#include "lexicon.h"
#include "text.h"
#include "symbol.h"

#include <ctype.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

/* ---- metadata ---------------------------------------------------------------- */

/* Replaces *field with value (owned). */
static void
set_str(char** field, char* value)
{
  free(*field);
  *field = value;
}

/* The language segment of an expression IRI
 * (/akn/un/statement/deliberation/unga/2021-12-01/76-10/eng@/): the code
 * before the '@'. */
static bool
iri_language(const char* iri, char out[4])
{
  const char* at = iri ? strchr(iri, '@') : NULL;
  if (!at) {
    return false;
  }
  const char* b = at;
  while (b > iri && b[-1] != '/') {
    --b;
  }
  char code[8];
  if (at - b < 2 || at - b > 3) {
    return false;
  }
  snprintf(code, sizeof code, "%.*s", (int)(at - b), b);
  return unkg_akn_language(code, out);
}

/* The UN's language letter at the end of a file name: 75_19_E.xml,
 * A_RES_76_10-2117757A.xml (A Arabic, C Chinese, E English, F French,
 * R Russian, S Spanish, G German). */
static bool
name_language(const char* name, char out[4])
{
  static const char* letters[][2] = {{"A", "ar"}, {"C", "zh"}, {"E", "en"}, {"F", "fr"},
                                     {"R", "ru"}, {"S", "es"}, {"G", "de"}};
  const char*        base         = name ? strrchr(name, '/') : NULL;
  base                            = base ? base + 1 : name;
  const char* dot                 = base ? strrchr(base, '.') : NULL;
  if (!dot || dot - base < 2 || strcasecmp(dot, ".xml")
      || !(dot[-2] == '_' || dot[-2] == '-' || isdigit((unsigned char)dot[-2]))) {
    return false;
  }
  for (size_t i = 0; i < sizeof letters / sizeof *letters; ++i) {
    if (dot[-1] == letters[i][0][0]) {
      snprintf(out, 4, "%s", letters[i][1]);
      return true;
    }
  }
  return false;
}

UnkgStatus
unkg_akn_read_identification(Akn* a, const xmlNode* meta, char** adopted)
{
  const xmlNode* id   = unkg_akn_child(meta, "identification");
  const xmlNode* work = unkg_akn_child(id, "FRBRWork");
  const xmlNode* expr = unkg_akn_child(id, "FRBRExpression");
  UnkgDoc*       doc  = a->doc;
  set_str(&doc->akn.work, unkg_akn_prop(unkg_akn_child(work, "FRBRuri"), "value"));
  set_str(&doc->akn.expression, unkg_akn_prop(unkg_akn_child(expr, "FRBRuri"), "value"));
  for (const xmlNode* c = work ? work->children : NULL; c; c = c->next) {
    if (unkg_akn_is(c, "FRBRdate") && unkg_akn_prop_is(c, "name", "adoption")) {
      set_str(adopted, unkg_akn_prop(c, "date"));
    }
  }
  for (const xmlNode* c = expr ? expr->children : NULL; c; c = c->next) {
    if (unkg_akn_is(c, "FRBRdate") && unkg_akn_prop_is(c, "name", "publication")) {
      char* date = unkg_akn_prop(c, "date");
      if (unkg_akn_is_date(date)) {
        set_str(&doc->akn.issued, date);
      } else {
        free(date);
      }
    }
  }
  char* code = unkg_akn_prop(unkg_akn_child(expr, "FRBRlanguage"), "language");
  char  lang[4];
  if (!unkg_akn_language(code, lang)) {
    /* Some files have no FRBRlanguage (the 80th session has 14): the
     * expression IRI, then the file name, then the script say it. */
    const char* from = NULL;
    if (iri_language(doc->akn.expression, lang)) {
      from = "the expression IRI";
    } else if (name_language(a->src->name, lang)) {
      from = "the file name";
    }
    if (from) {
      unkg_akn_warnf(a, unkg_akn_line_of(expr ? expr : meta),
                     "no FRBRlanguage: language %s taken from %s", lang, from);
    } else {
      a->lang_from_script = true;
      snprintf(lang, sizeof lang, "und");
    }
  }
  free(code);
  char* l = unkg_strdup(lang);
  if (!l) {
    return UNKG_ERR_NOMEM;
  }
  set_str(&doc->lang, l);
  return UNKG_OK;
}


/* The first organization the text names (the committee in "[on the report
 * of the First Committee (…)]" or "[根据第一委员会的报告 …]"). */
static UnkgStatus
read_committee(Akn* a, const char* text)
{
  size_t            pos = 0, len = 0;
  const UnkgEntity* e = unkg_lexicon_find(a->lex, UNKG_ENT_ORG, UNKG_ROLE_NAME, text, &pos, &len);
  if (!e) {
    return UNKG_OK;
  }
  a->doc->res.committee_org = e;
  free(a->doc->res.committee);
  a->doc->res.committee = unkg_strndup(text + pos, len);
  return a->doc->res.committee ? UNKG_OK : UNKG_ERR_NOMEM;
}

/* A blank between a number and its sub-item label: space, no-break space
 * (the Russian files), narrow and thin spaces, and the left-to-right and
 * right-to-left marks around numbers in Arabic.  Returns its length. */
static size_t
blank_at(const char* s)
{
  static const char* blanks[] = {
    " ", "\t", "\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89", "\xE2\x80\x8E", "\xE2\x80\x8F"};
  for (size_t i = 0; i < sizeof blanks / sizeof *blanks; ++i) {
    if (unkg_starts_with(s, blanks[i])) {
      return strlen(blanks[i]);
    }
  }
  return 0;
}

size_t
unkg_akn_label_letter(const char* s, char* latin)
{
  static const char* map[][2] = {
    {"\xD0\xB0", "a"}, {"\xD1\x81", "c"}, {"\xD0\xB5", "e"}, {"\xD0\xBE", "o"}, {"\xD1\x80", "p"},
    {"\xD1\x85", "x"}, {"\xD1\x83", "y"}, /* Cyrillic а с е о р х у */
    {"أ", "a"},        {"ا", "a"},        {"ب", "b"},        {"ج", "c"},        {"د", "d"},
    {"هـ", "e"},       {"ه", "e"},        {"ﻫ", "e"},        {"و", "f"},        {"ز", "g"},
    {"ح", "h"},        {"ط", "i"},        {"ي", "j"},        {"ك", "k"},        {"ل", "l"},
    {"م", "m"},        {"ن", "n"},        {"س", "o"},        {"ع", "p"},        {"ف", "q"},
    {"ص", "r"},        {"ق", "s"},        {"ر", "t"},        {"ش", "u"},        {"ت", "v"},
    {"ث", "w"},        {"خ", "x"},        {"ذ", "y"},        {"ض", "z"}};
  if (*s >= 'a' && *s <= 'z') {
    *latin = *s;
    return 1;
  }
  for (size_t i = 0; i < sizeof map / sizeof *map; ++i) {
    if (unkg_starts_with(s, map[i][0])) {
      *latin = map[i][1][0];
      return strlen(map[i][0]);
    }
  }
  return 0;
}

/* The sub-item label after an agenda item's number, as "(b)": "(b)",
 * French/Spanish/Russian "b)", Arabic "(ب)", "(أ أ)" (aa), full-width
 * brackets.  A label needs its closing bracket, so that the conjunction of
 * "البندان 14 و 122" or "Temas 14 y 122" is none.  Returns the bytes read
 * (0: no label) and writes the letters to label. */
static size_t
agenda_label(const char* s, char* label, size_t cap)
{
  size_t i = 0, k = 0;
  while (blank_at(s + i)) {
    i += blank_at(s + i);
  }
  if (s[i] == '(') {
    ++i;
  } else if (unkg_starts_with(s + i, "（")) {
    i += strlen("（");
  }
  for (;;) {
    char   c;
    size_t n = unkg_akn_label_letter(s + i, &c);
    if (!n || k + 1 >= cap) {
      break;
    }
    label[k++] = c;
    i += n;
    if (s[i] == ' ' && unkg_akn_label_letter(s + i + 1, &c)) {
      ++i; /* أ أ */
    }
  }
  label[k] = '\0';
  if (!k || k > 3) {
    return 0;
  }
  if (s[i] == ')') {
    return i + 1;
  }
  return unkg_starts_with(s + i, "）") ? i + strlen("）") : 0;
}

/* The agenda item(s) of a cover page in every language, written as the
 * English file writes them ("72 (a) and 14"), for unkg_doc_set_agenda. */
static UnkgStatus
agenda_canonical(const char* s, char** out)
{
  UnkgBuf    b  = {0};
  UnkgStatus st = UNKG_OK;
  for (size_t i = 0; s[i] && !st;) {
    if (!isdigit((unsigned char)s[i]) || (i > 0 && isalnum((unsigned char)s[i - 1]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (isdigit((unsigned char)s[j])) {
      ++j;
    }
    char   label[8];
    size_t n = agenda_label(s + j, label, sizeof label);
    st       = unkg_buf_printf(&b, "%s%.*s", b.len ? " and " : "", (int)(j - i), s + i);
    if (!st && n) {
      st = unkg_buf_printf(&b, " (%s)", label);
    }
    i = j + n;
  }
  *out = st ? NULL : unkg_buf_take(&b);
  unkg_buf_clear(&b);
  return st ? st : *out ? UNKG_OK : UNKG_ERR_NOMEM;
}

UnkgStatus
unkg_akn_read_cover(Akn* a, const xmlNode* cover, char** origin)
{
  UnkgDoc*       doc = a->doc;
  UnkgStatus     st  = UNKG_OK;
  const xmlNode* sym = unkg_akn_find_with(cover, "docNumber", "refersTo", "#symbol");
  if (sym && (st = unkg_akn_text_of(a, sym, &doc->symbol))) {
    return st;
  }
  const xmlNode* ses = unkg_akn_find(cover, "session");
  if (ses) {
    char* v = unkg_akn_prop(ses, "value");
    if (v && isdigit((unsigned char)v[0])) {
      doc->session = atoi(v);
    } else {
      char* t = NULL;
      if ((st = unkg_akn_text_of(a, ses, &t))) {
        free(v);
        return st;
      }
      const char* q = t ? strstr(t, "第") : NULL; /* 第七十五届会议 */
      int         num;
      if (q && unkg_parse_zh_number(q + 3, strlen(q + 3), &num)) {
        doc->session = num;
      }
      free(t);
    }
    free(v);
  }
  char* item = NULL;
  if (!(st = unkg_akn_text_of(a, unkg_akn_find_with(cover, "inline", "name", "agenda item"), &item))
      && item) {
    char* canon = NULL;
    st          = agenda_canonical(item, &canon);
    if (!st) {
      st = unkg_doc_set_agenda(a->doc, canon);
    }
    free(canon);
  }
  free(item);
  if (!st) {
    st = unkg_akn_text_of(a, unkg_akn_find_with(cover, "inline", "name", "agenda item name"),
                          &doc->agenda_title);
  }
  const xmlNode* prop_n = unkg_akn_find(cover, "docProponent");
  if (!st && prop_n) {
    char* text = NULL;
    st         = unkg_akn_text_of(a, prop_n, &text);
    if (!st && text && !unkg_akn_prop_is(prop_n, "refersTo", "#noMainCommittee")) {
      st = read_committee(a, text);
    }
    free(text);
    if (!st) {
      st = unkg_akn_text_of(a, unkg_akn_find_with(prop_n, "inline", "name", "originating document"),
                            origin);
    }
  }
  return st;
}

static const char*
first_symbol(const UnkgPart* tmp)
{
  const UnkgCitation* best = NULL;
  for (size_t i = 0; i < tmp->n_cites; ++i) {
    if (!best || tmp->cites[i].pos < best->pos) {
      best = &tmp->cites[i];
    }
  }
  return best ? best->symbol : NULL;
}

/* The report or draft the cover names, when the workflow does not. */
UnkgStatus
unkg_akn_read_origin(Akn* a, const char* origin)
{
  UnkgDoc*    doc = a->doc;
  UnkgPart    tmp = {0};
  UnkgStatus  st  = unkg_symbols_scan(a->lex, origin, &tmp);
  const char* sym = st ? NULL : first_symbol(&tmp);
  char**      to  = doc->res.committee ? &doc->res.committee_report : &doc->res.draft;
  if (sym && !doc->res.committee_report && !doc->res.draft && !(*to = unkg_strdup(sym))) {
    st = UNKG_ERR_NOMEM;
  }
  unkg_part_clear(&tmp);
  return st;
}

/* "X and Y" where both are states, or X itself ("Bosnia and Herzegovina",
 * "United Kingdom of Great Britain and Northern Ireland and Uruguay").
 * Returns the number of states found, 0 if the text does not split so. */
static size_t
split_states(Akn* a, const char* s, const UnkgEntity** out, size_t max)
{
  const UnkgEntity* e = max ? unkg_lexicon_state_named(a->lex, s) : NULL;
  if (e) {
    out[0] = e;
    return 1;
  }
  for (const char* conj = strstr(s, " and "); conj && max > 1; conj = strstr(conj + 1, " and ")) {
    char*             left = unkg_strndup(s, (size_t)(conj - s));
    const UnkgEntity* l    = left ? unkg_lexicon_state_named(a->lex, left) : NULL;
    free(left);
    if (!l) {
      continue;
    }
    size_t r = split_states(a, conj + 5, out + 1, max - 1);
    if (r) {
      out[0] = l;
      return r + 1;
    }
  }
  return 0;
}

/* The next item of a comma-separated list, commas in brackets included:
 * its bounds in [*b, *e); returns where the next item starts, or NULL. */
static const char*
next_item(const char* s, const char** b, const char** e)
{
  int depth = 0;
  while (*s == ' ' || *s == ',') {
    ++s;
  }
  if (!strncmp(s, "and ", 4)) {
    s += 4;
  }
  *b = s;
  for (; *s && !(*s == ',' && depth == 0); ++s) {
    depth += *s == '(' ? 1 : *s == ')' && depth > 0 ? -1 : 0;
  }
  *e = s;
  while (*e > *b && (*e)[-1] == ' ') {
    --*e;
  }
  return *s ? s + 1 : (*e > *b ? s : NULL);
}

static UnkgStatus
read_sponsors(Akn* a, const char* by, int additional, unsigned line)
{
  if (!by || !*by) {
    return UNKG_OK;
  }
  /* Pass 0: do the names resolve at all?  A "by" such as "submitted by the
   * Committee on Information" names no state and is kept as a note. */
  UnkgStatus st       = UNKG_OK;
  size_t     resolved = 0;
  for (int pass = 0; pass < 2 && !st; ++pass) {
    const char *b, *e;
    for (const char* p = next_item(by, &b, &e); p && !st; p = next_item(p, &b, &e)) {
      if (e == b) {
        continue;
      }
      char* tok = unkg_strndup(b, (size_t)(e - b));
      if (!tok) {
        return UNKG_ERR_NOMEM;
      }
      const UnkgEntity* found[16];
      size_t            k = split_states(a, tok, found, 16);
      resolved += k;
      for (size_t j = 0; pass == 1 && j < k && !st; ++j) {
        st = unkg_doc_add_sponsor(a->doc, found[j], found[j]->label_en ? found[j]->label_en : tok,
                                  additional);
      }
      if (pass == 1 && !k && !st) {
        unkg_akn_warnf(a, line, "sponsor \"%s\" is not a state in the reference data", tok);
        st = unkg_doc_add_sponsor(a->doc, NULL, tok, additional);
      }
      free(tok);
      if (!*p) {
        break;
      }
    }
    if (pass == 0 && !resolved) {
      if (!a->doc->akn.sponsor_note && !(a->doc->akn.sponsor_note = unkg_strdup(by))) {
        st = UNKG_ERR_NOMEM;
      }
      break;
    }
  }
  return st;
}

UnkgStatus
unkg_akn_read_workflow(Akn* a, const xmlNode* meta, char** adopted)
{
  UnkgDoc*       doc = a->doc;
  const xmlNode* wf  = unkg_akn_child(meta, "workflow");
  UnkgStatus     st  = UNKG_OK;
  for (const xmlNode* s = wf ? wf->children : NULL; s && !st; s = s->next) {
    if (!unkg_akn_is(s, "step")) {
      continue;
    }
    char* as = unkg_akn_prop(s, "as");
    char* by = unkg_akn_prop(s, "by");
    if (unkg_akn_prop_is(s, "outcome", "draftResolution")) {
      if (as) {
        set_str(&doc->res.draft, as);
        as = NULL;
      }
      st = read_sponsors(a, by, 0, unkg_akn_line_of(s));
    } else if (unkg_akn_prop_is(s, "outcome", "draftResolutionAdditionalSponsors")) {
      st = read_sponsors(a, by, 1, unkg_akn_line_of(s));
    } else if (unkg_akn_prop_is(s, "outcome", "recommendedForAdoption")) {
      if (as) {
        set_str(&doc->res.committee_report, as);
        as = NULL;
      }
      char* para = unkg_akn_prop(s, "refersTo");
      if (para && isdigit((unsigned char)para[0])) {
        set_str(&doc->res.report_para, para);
      } else {
        free(para);
      }
    } else if (unkg_akn_prop_is(s, "outcome", "adopted")) {
      if (as) {
        set_str(&doc->res.record, as);
        as = NULL;
      }
      char* date = unkg_akn_prop(s, "date");
      if (unkg_akn_is_date(date) && !*adopted) {
        *adopted = date;
      } else {
        free(date);
      }
    }
    free(as);
    free(by);
  }
  return st;
}

UnkgStatus
unkg_akn_read_voting(Akn* a, const xmlNode* meta)
{
  UnkgDoc*       doc    = a->doc;
  const xmlNode* voting = unkg_akn_find(meta, "voting");
  if (!voting) {
    return UNKG_OK;
  }
  set_str(&doc->akn.vote_outcome, unkg_akn_prop(voting, "outcome"));
  UnkgStatus st         = UNKG_OK;
  bool       unresolved = false;
  for (const xmlNode* c = voting->children; c && !st; c = c->next) {
    if (!unkg_akn_is(c, "count")) {
      continue;
    }
    char*        v    = unkg_akn_prop(c, "value");
    char*        r    = unkg_akn_prop(c, "refersTo");
    const char*  what = r ? (r[0] == '#' ? r + 1 : r) : "";
    int          n    = v && isdigit((unsigned char)v[0]) ? atoi(v) : 0;
    UnkgVoteKind kind = !strcmp(what, "inFavour")     ? UNKG_VOTE_YES
                        : !strcmp(what, "against")    ? UNKG_VOTE_NO
                        : !strcmp(what, "abstaining") ? UNKG_VOTE_ABSTAIN
                                                      : 0;
    if (!kind) {
      unkg_akn_warnf(a, unkg_akn_line_of(c), "vote count of unknown kind \"%s\" ignored", what);
    } else {
      doc->akn.recorded                               = 1;
      *(kind == UNKG_VOTE_YES  ? &doc->akn.n_yes
        : kind == UNKG_VOTE_NO ? &doc->akn.n_no
                               : &doc->akn.n_abstain) = n;
      int            listed                           = 0;
      const xmlNode* voters                           = unkg_akn_find(c, "voters");
      for (const xmlNode* o = voters ? voters->children : NULL; o && !st; o = o->next) {
        char* name = NULL;
        if (!unkg_akn_is(o, "organization") || (st = unkg_akn_text_of(a, o, &name)) || !name
            || !*name) {
          free(name);
          continue;
        }
        const UnkgEntity* e = unkg_lexicon_state_named(a->lex, name);
        if (!e) {
          unkg_akn_warnf(a, unkg_akn_line_of(o),
                         "voter \"%s\" is not a state in the reference data", name);
          unresolved = true;
        }
        st = unkg_doc_add_vote(doc, kind, e, name);
        ++listed;
        free(name);
      }
      if (listed && listed != n) {
        unkg_akn_warnf(a, unkg_akn_line_of(c), "%s: count %d but %d voters listed", what, n, listed);
      }
    }
    free(v);
    free(r);
  }
  /* Non-voting: Member States named in none of the lists.  Only when every
   * name resolved, or a state would be counted twice. */
  if (!st && doc->akn.n_votes && !unresolved) {
    size_t named = doc->akn.n_votes;
    for (size_t i = 0; i < unkg_lexicon_size(a->lex) && !st; ++i) {
      const UnkgEntity* e = unkg_lexicon_entity(a->lex, i);
      if (e->kind != UNKG_ENT_STATE || !e->member) {
        continue;
      }
      bool voted = false;
      for (size_t k = 0; k < named && !voted; ++k) {
        voted = doc->akn.votes[k].state == e;
      }
      if (!voted) {
        st = unkg_doc_add_vote(doc, UNKG_VOTE_NONVOTING, e, NULL);
      }
    }
  }
  return st;
}

/* An IRI safe to write as is: http(s), and only characters RFC 3986 allows
 * (the file is untrusted; an IRI with '>' or a blank would break the
 * serialisations). */
static bool
safe_iri(const char* s)
{
  if (strncmp(s, "http://", 7) && strncmp(s, "https://", 8)) {
    return false;
  }
  for (const char* p = s; *p; ++p) {
    if (!isalnum((unsigned char)*p) && !strchr("-._~:/?#[]@!$&'()*+,;=%", *p)) {
      return false;
    }
  }
  return true;
}

UnkgStatus
unkg_akn_read_keywords(Akn* a, const xmlNode* n)
{
  UnkgStatus st = UNKG_OK;
  for (const xmlNode* c = n->children; c && !st; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) {
      continue;
    }
    if (!unkg_akn_is(c, "keyword")) {
      st = unkg_akn_read_keywords(a, c);
      continue;
    }
    char* href = unkg_akn_prop(c, "href");
    if (href && safe_iri(href)) {
      st = unkg_strings_add(&a->doc->akn.subjects, &a->doc->akn.n_subjects, href);
    } else if (href) {
      unkg_akn_warnf(a, unkg_akn_line_of(c), "keyword IRI \"%s\" ignored: not an http(s) IRI", href);
    } else {
      char* label = unkg_akn_prop(c, "value");
      if (label) {
        st = unkg_strings_add(&a->doc->akn.subject_labels, &a->doc->akn.n_subject_labels, label);
      }
      free(label);
    }
    free(href);
  }
  return st;
}

/* The first number in s (ASCII or Arabic-Indic digits), or 0. */
static int
first_number(const char* s)
{
  for (; s && *s; ++s) {
    if (isdigit((unsigned char)*s)) {
      return atoi(s);
    }
    if ((unsigned char)s[0] == 0xD9 && (unsigned char)s[1] >= 0xA0 && (unsigned char)s[1] <= 0xA9) {
      int n = 0;
      for (; (unsigned char)s[0] == 0xD9 && (unsigned char)s[1] >= 0xA0 && (unsigned char)s[1] <= 0xA9;
           s += 2) {
        n = n * 10 + ((unsigned char)s[1] - 0xA0);
      }
      return n;
    }
  }
  return 0;
}

/* The text below n with its dates left out: what names the meeting in a
 * conclusions block whose markup names no meeting element. */
static UnkgStatus
text_but_dates(const xmlNode* n, UnkgBuf* b)
{
  UnkgStatus st = UNKG_OK;
  for (const xmlNode* c = n->children; c && !st; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content) {
      st = unkg_buf_printf(b, "%s ", (const char*)c->content);
    } else if (c->type == XML_ELEMENT_NODE && !unkg_akn_is(c, "docDate") && !unkg_akn_is(c, "date")
               && !unkg_akn_is(c, "authorialNote")) {
      st = text_but_dates(c, b);
    }
  }
  return st;
}

/* The adoption meeting of a conclusions block, in the markups the
 * collection uses: <inline name="adoptionMeeting" title="33rd">33rd
 * plenary meeting</inline> (75th-77th sessions), a <location> (later
 * sessions), else the block's text outside its date.  The printed number
 * wins over the title attribute (metadata copied from another file can be
 * stale); the title serves where the text spells the number out (Spanish
 * "Tercera sesión plenaria").  "48th (resumed) plenary meeting" is
 * meeting 48. */
static UnkgStatus
read_meeting(Akn* a, const xmlNode* conc)
{
  const xmlNode* m = unkg_akn_find_with(conc, "inline", "name", "adoptionMeeting");
  if (!m) {
    m = unkg_akn_find(conc, "location");
  }
  char*      text  = NULL;
  char*      title = m ? unkg_akn_prop(m, "title") : NULL;
  UnkgStatus st    = m ? unkg_akn_text_of(a, m, &text) : UNKG_OK;
  int        n     = first_number(text);
  int        t     = first_number(title);
  if (!st && !m) {
    UnkgBuf b = {0};
    st        = text_but_dates(conc, &b);
    n         = st ? 0 : first_number(b.data);
    unkg_buf_clear(&b);
  }
  if (!st && n && t && n != t) {
    unkg_akn_warnf(a, unkg_akn_line_of(m),
                   "adoption meeting printed %d but its title says %d: %d used", n, t, n);
  }
  if (!st && (n || t) && !a->doc->res.meeting) {
    a->doc->res.meeting = n ? n : t;
  }
  free(text);
  free(title);
  return st;
}

UnkgStatus
unkg_akn_read_conclusions(Akn* a, const xmlNode* stmt)
{
  const xmlNode* conc = unkg_akn_child(stmt, "conclusions");
  if (!conc) {
    return UNKG_OK;
  }
  UnkgStatus     st    = read_meeting(a, conc);
  const xmlNode* dated = unkg_akn_find(conc, "docDate");
  char*          date  = unkg_akn_prop(dated ? dated : unkg_akn_find(conc, "date"), "date");
  if (unkg_akn_is_date(date) && !a->doc->res.closing_date) {
    a->doc->res.closing_date = date;
    date                     = NULL;
  }
  free(date);
  return st;
}
