#include "akn.h"

#include "akn_impl.h"
#include "buf.h"
#include "text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- detection -------------------------------------------------------------- */

int
unkg_akn_detect(const UnkgSource* src)
{
  const unsigned char* s = (const unsigned char*)src->data;
  size_t               i = 0;
  if (src->len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
    i = 3;
  }
  while (i < src->len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) {
    ++i;
  }
  /* An XML declaration, a DOCTYPE or comment (refused or skipped by the
   * parser), or the root element akomaNtoso, with or without a prefix: a
   * text that merely starts with '<' is text. */
  const char* x = (const char*)s + i;
  size_t      n = src->len - i;
  if ((n >= 5 && !memcmp(x, "<?xml", 5)) || (n >= 2 && !memcmp(x, "<!", 2))) {
    return 1;
  }
  size_t k = 1;
  while (k < n && k < 64 && (isalnum((unsigned char)x[k]) || x[k] == '_' || x[k] == '-')) {
    ++k;
  }
  const char* name = k < n && x[k] == ':' ? x + k + 1 : x + 1;
  size_t      left = n - (size_t)(name - x);
  return n && x[0] == '<' && left > 10 && !memcmp(name, "akomaNtoso", 10)
         && memchr(" \t\r\n>/", name[10], 6);
}

int
unkg_akn_language(const char* code, char out[4])
{
  /* The six official languages (and German, which the UN also publishes),
   * under both ISO 639-2 forms. */
  static const char* map[][2] = {{"ara", "ar"}, {"zho", "zh"}, {"chi", "zh"}, {"eng", "en"},
                                 {"fra", "fr"}, {"fre", "fr"}, {"rus", "ru"}, {"spa", "es"},
                                 {"deu", "de"}, {"ger", "de"}};
  size_t             n        = code ? strlen(code) : 0;
  if (n < 2 || n > 3) {
    return 0;
  }
  for (size_t i = 0; i < n; ++i) {
    if (!isalpha((unsigned char)code[i])) {
      return 0;
    }
    out[i] = (char)tolower((unsigned char)code[i]);
  }
  out[n] = '\0';
  for (size_t i = 0; i < sizeof map / sizeof *map; ++i) {
    if (!strcmp(out, map[i][0])) {
      snprintf(out, 4, "%s", map[i][1]);
    }
  }
  return 1;
}

/* ---- warnings --------------------------------------------------------------- */

void
unkg_akn_warnf(Akn* a, unsigned line, const char* fmt, ...)
{
  char    msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  unkg_warning(a->c, line, 0, "%s", msg);
}

/* ---- consistency checks ----------------------------------------------------- */

/* The language the text's script settles (text.h), NULL for no text. */
static const char*
script_language(const UnkgDoc* doc)
{
  UnkgScriptCount c = {0};
  for (size_t i = 0; i < doc->n_parts; ++i) {
    const char* t = doc->parts[i].text;
    if (t) {
      unkg_script_count(&c, t, strlen(t));
    }
  }
  return unkg_script_language(&c);
}

/* FRBRlanguage against the text: a file declared Spanish whose text is
 * Chinese is Chinese (the 75th session has one). */
static UnkgStatus
check_language(Akn* a)
{
  UnkgDoc*    doc    = a->doc;
  const char* script = script_language(doc);
  if (a->lang_from_script) {
    if (!script || !*script) {
      return unkg_error(a->c, UNKG_ERR_GENRE, 0, 0,
                        "the language cannot be determined (no FRBRlanguage, no language in the "
                        "expression IRI or the file name, and the text is %s)",
                        script ? "in Latin script" : "empty");
    }
    unkg_akn_warnf(a, 0, "no FRBRlanguage: language %s taken from the script of the text", script);
    char* l = unkg_strdup(script);
    if (!l) {
      return UNKG_ERR_NOMEM;
    }
    free(doc->lang);
    doc->lang = l;
    return UNKG_OK;
  }
  bool nonlatin_decl = !strcmp(doc->lang, "zh") || !strcmp(doc->lang, "ru")
                       || !strcmp(doc->lang, "ar");
  if (!script || !strcmp(script, doc->lang) || (!*script && !nonlatin_decl)) {
    return UNKG_OK;
  }
  if (!*script) {
    unkg_akn_warnf(a, 0, "FRBRlanguage says %s but the text is in Latin script", doc->lang);
    return UNKG_OK;
  }
  unkg_akn_warnf(a, 0, "FRBRlanguage says %s but the text is %s: %s used", doc->lang, script, script);
  char* l = unkg_strdup(script);
  if (!l) {
    return UNKG_ERR_NOMEM;
  }
  free(doc->lang);
  doc->lang = l;
  return UNKG_OK;
}

/* The digits of a resolution number: "A/RES/75/242 B", "75/242." and the
 * FRBR "75-242" compare equal (the part letter is on the cover only). */
static void
digit_key(const char* s, char* out, size_t cap)
{
  size_t k = 0;
  if (unkg_starts_with(s, "A/RES/")) {
    s += strlen("A/RES/");
  }
  for (; *s && k + 1 < cap; ++s) {
    if (isdigit((unsigned char)*s)) {
      out[k++] = *s;
    }
  }
  out[k] = '\0';
}

/* The symbol: the cover's, unless the preface number and the FRBR work
 * agree on another (a copy-and-paste slip on one cover page); else the
 * preface's when there is no cover. */
static UnkgStatus
check_symbol(Akn* a, const char* number, unsigned line)
{
  UnkgDoc* doc    = a->doc;
  char     kc[64] = "", kp[64], kf[64] = "";
  digit_key(number, kp, sizeof kp);
  if (doc->symbol) {
    digit_key(doc->symbol, kc, sizeof kc);
  }
  if (doc->akn.work) { /* /akn/un/statement/deliberation/unga/2020-12-01/75-19/ */
    size_t n = strlen(doc->akn.work);
    while (n && doc->akn.work[n - 1] == '/') {
      --n;
    }
    size_t b = n;
    while (b && doc->akn.work[b - 1] != '/') {
      --b;
    }
    char seg[64];
    snprintf(seg, sizeof seg, "%.*s", (int)(n - b), doc->akn.work + b);
    digit_key(seg, kf, sizeof kf);
  }
  if (doc->symbol && !(strcmp(kc, kf) && !strcmp(kp, kf))) {
    return UNKG_OK;
  }
  if (doc->symbol) {
    unkg_akn_warnf(a, line,
                   "cover symbol %s disagrees with the preface and the FRBR work (%s): %s used",
                   doc->symbol, number, number);
  }
  UnkgBuf    b  = {0};
  UnkgStatus st = unkg_buf_printf(&b, "A/RES/%s", number);
  if (st) {
    unkg_buf_clear(&b);
    return st;
  }
  free(doc->symbol);
  doc->symbol = unkg_buf_take(&b);
  return UNKG_OK;
}

/* ---- the whole file --------------------------------------------------------- */

static UnkgStatus
read_resolution(Akn* a, const xmlNode* top)
{
  UnkgDoc*       doc     = a->doc;
  const xmlNode* meta    = unkg_akn_child(top, "meta");
  char*          adopted = NULL; /* FRBR adoption date */
  char*          origin  = NULL; /* the cover's originating document */
  UnkgStatus     st      = unkg_akn_read_identification(a, meta, &adopted);
  if (!st) {
    st = unkg_akn_read_cover(a, unkg_akn_child(top, "coverPage"), &origin);
  }
  const xmlNode* pref = unkg_akn_child(top, "preface");
  if (!st && pref) {
    char* number = NULL;
    st           = unkg_akn_text_of(a, unkg_akn_find(pref, "docNumber"), &number);
    if (!st) {
      st = unkg_akn_text_of(a, unkg_akn_find(pref, "docTitle"), &doc->title);
    }
    size_t n = number ? strlen(number) : 0;
    while (n && number[n - 1] == '.') {
      number[--n] = '\0';
    }
    if (!st && n && isdigit((unsigned char)number[0])) {
      st = check_symbol(a, number, unkg_akn_line_of(pref));
    }
    free(number);
  }
  char* wf_adopted = NULL;
  if (!st) {
    st = unkg_akn_read_workflow(a, meta, &wf_adopted);
  }
  if (!st) {
    st = unkg_akn_read_voting(a, meta);
  }
  if (!st && meta) {
    st = unkg_akn_read_keywords(a, meta);
  }
  if (!st && origin) {
    st = unkg_akn_read_origin(a, origin);
  }
  if (!st && unkg_akn_is(top, "statement")) {
    st = unkg_akn_read_statement(a, top, false);
    if (!st) {
      st = unkg_akn_read_conclusions(a, top);
    }
  } else if (!st && top) {
    const xmlNode* comps = NULL;
    for (const xmlNode* c = top->parent->children; c; c = c->next) {
      comps = unkg_akn_is(c, "components") ? c : comps;
    }
    for (const xmlNode* c = comps ? comps->children : NULL; c && !st; c = c->next) {
      const xmlNode* s = unkg_akn_is(c, "component") ? unkg_akn_child(c, "statement") : NULL;
      if (s) {
        st = unkg_akn_read_statement(a, s, true);
        if (!st) {
          st = unkg_akn_read_conclusions(a, s);
        }
      }
    }
  }
  if (!st) {
    st = unkg_akn_read_notes(a);
  }
  if (!st) {
    st = check_language(a);
  }
  /* The adoption date: the date two of the three sources (conclusions,
   * the workflow's adoption step, the FRBR work) agree on, else the first
   * of them in that order, that is not after the expression was issued (a
   * printed year can be wrong: 2021年12月31日 for 2020; an FRBR date can be
   * the date of issue copied).  When every date is after the date of
   * issue, the date of issue is the slip: the agreed date, else the first,
   * stands. */
  const char*  dates[] = {doc->res.closing_date, wf_adopted, adopted};
  const size_t n_dates = sizeof dates / sizeof *dates;
  const char*  date    = NULL;
  const char*  agreed  = NULL;
  for (size_t i = 0; !agreed && i < n_dates; ++i) {
    for (size_t j = i + 1; !agreed && j < n_dates; ++j) {
      if (unkg_akn_is_date(dates[i]) && unkg_akn_is_date(dates[j]) && !strcmp(dates[i], dates[j])) {
        agreed = dates[i];
      }
    }
  }
  for (size_t k = 0; !st && !date && k <= n_dates; ++k) {
    const char* d = k == 0 ? agreed : dates[k - 1];
    if (unkg_akn_is_date(d) && !(doc->akn.issued && strcmp(d, doc->akn.issued) > 0)) {
      date = d;
    }
  }
  for (size_t k = 0; !st && !date && k <= n_dates; ++k) {
    const char* d = k == 0 ? agreed : dates[k - 1];
    date          = unkg_akn_is_date(d) ? d : NULL;
  }
  if (!st && date && doc->akn.issued && strcmp(date, doc->akn.issued) > 0) {
    unkg_akn_warnf(a, 0, "date of issue %s is before the adoption date %s", doc->akn.issued, date);
  }
  if (!st && date) {
    if (doc->res.closing_date && strcmp(doc->res.closing_date, date)) {
      unkg_akn_warnf(a, 0, "adoption date %s in the conclusions disagrees with the metadata: %s used",
                     doc->res.closing_date, date);
      free(doc->res.closing_date);
      doc->res.closing_date = NULL;
    }
    if (!(doc->res.adoption_date = unkg_strdup(date))
        || (!doc->res.closing_date && !(doc->res.closing_date = unkg_strdup(date)))) {
      st = UNKG_ERR_NOMEM;
    }
  }
  /* A conclusions block without the meeting: the record of the adoption
   * (A/75/PV.48) is that of meeting 48.  Where both give a number and
   * disagree, the printed one stands (all six files of A/RES/75/199 print
   * 47 against A/75/PV.46). */
  const char* pv         = doc->res.record ? strstr(doc->res.record, "/PV.") : NULL;
  int         pv_meeting = pv && isdigit((unsigned char)pv[4]) ? atoi(pv + 4) : 0;
  if (!st && pv_meeting && doc->res.meeting != pv_meeting) {
    if (doc->res.meeting) {
      unkg_akn_warnf(a, 0, "adoption meeting %d disagrees with the record %s: %d used",
                     doc->res.meeting, doc->res.record, doc->res.meeting);
    } else {
      unkg_akn_warnf(a, 0, "no adoption meeting in the conclusions: %d taken from the record %s",
                     pv_meeting, doc->res.record);
      doc->res.meeting = pv_meeting;
    }
  }
  free(adopted);
  free(wf_adopted);
  free(origin);
  if (st) {
    return st;
  }
  if (!doc->symbol || !*doc->symbol) {
    return unkg_error(a->c, UNKG_ERR_GENRE, unkg_akn_line_of(top), 0,
                      "Akoma Ntoso resolution without a symbol (coverPage docNumber or preface)");
  }
  const char* num = unkg_starts_with(doc->symbol, "A/RES/") ? doc->symbol + 6 : doc->symbol;
  if (!(doc->res.number = unkg_strdup(num))) {
    return UNKG_ERR_NOMEM;
  }
  if (unkg_starts_with(num, "S-")) {
    /* A special session: its number is not that of a regular session. */
    doc->res.special_session = atoi(num + 2);
    doc->session             = 0;
  } else if (!doc->session) {
    doc->session = atoi(num);
  }
  return UNKG_OK;
}

UnkgStatus
unkg_akn_read(const UnkgCtx* c, const UnkgSource* src, UnkgDoc** out)
{
  *out          = NULL;
  xmlDocPtr  x  = NULL;
  UnkgStatus st = unkg_akn_parse_xml(c, src, &x);
  if (st) {
    return st;
  }
  const xmlNode* root = xmlDocGetRootElement(x);
  const xmlNode* deep = root ? unkg_akn_too_deep(root, 1) : NULL;
  const xmlNode* top  = NULL;
  for (const xmlNode* k = root ? root->children : NULL; k; k = k->next) {
    if (!top && (unkg_akn_is(k, "statement") || unkg_akn_is(k, "documentCollection"))) {
      top = k;
    }
  }
  if (!unkg_akn_is(root, "akomaNtoso")) {
    st = unkg_error_in(c, src->name, UNKG_ERR_GENRE, unkg_akn_line_of(root), 0,
                       "XML but not Akoma Ntoso (root element <%s>)",
                       root ? (const char*)root->name : "");
  } else if (deep) {
    st = unkg_error_in(c, src->name, UNKG_ERR_LIMIT, unkg_akn_line_of(deep), 0,
                       "XML nested deeper than %d elements", UNKG_AKN_MAX_DEPTH);
  } else if (!top || (unkg_akn_is(top, "statement") && !unkg_akn_prop_is(top, "name", "resolution"))) {
    st = unkg_error_in(c, src->name, UNKG_ERR_GENRE, unkg_akn_line_of(top ? top : root), 0,
                       "Akoma Ntoso document that is not a General Assembly resolution");
  }
  UnkgDoc* doc = st ? NULL : unkg_doc_new(UNKG_GENRE_RESOLUTION, "und");
  if (!st && !doc) {
    st = unkg_error_in(c, src->name, UNKG_ERR_NOMEM, 0, 0, "out of memory");
  }
  Akn a = {0};
  if (!st && doc) {
    const char* base = strrchr(src->name, '/');
    doc->source_name = unkg_strdup(base ? base + 1 : src->name);
    doc->source_len  = src->len;
    a                = (Akn){
                     .c = c, .src = src, .lex = c->lex, .doc = doc, .op = -1, .para = -1, .item = -1, .annex = -1};
    st = doc->source_name ? read_resolution(&a, top) : UNKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < a.n_notes; ++i) {
    free(a.notes[i].label);
  }
  free(a.notes);
  unkg_akn_links_clear(&a);
  free(a.links);
  xmlFreeDoc(x);
  if (st) {
    if (doc && (st == UNKG_ERR_NOMEM || st == UNKG_ERR_LIMIT)) {
      /* Failures inside the reader that named no place. */
      unkg_error_in(c, src->name, st, 0, 0, "%s", unkg_strerror(st));
    }
    unkg_doc_free(doc);
    return st;
  }
  *out = doc;
  return UNKG_OK;
}
