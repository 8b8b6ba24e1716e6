/* The parts of an Akoma Ntoso resolution: preamble, operative paragraphs,
 * their sub-items, unnumbered text, annexes and footnotes, with the text,
 * path and links of each. */
#include "akn_impl.h"

#include "buf.h"
#include "lead.h"
#include "normalise.h"
#include "text.h"
#include "vocab.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- text and links ---------------------------------------------------------- */

void
unkg_akn_links_clear(Akn* a)
{
  for (size_t i = 0; i < a->n_links; ++i) {
    free(a->links[i].href);
  }
  a->n_links = 0;
}

/* The text of n's descendants, appended to b.  Footnotes are not part of the
 * text: each is queued to become a part of its own, and part owner (if >= 0;
 * otherwise notes are skipped) refers to it; links are recorded for their
 * citations. */
static UnkgStatus
gather(Akn* a, const xmlNode* n, UnkgBuf* b, int owner)
{
  UnkgStatus st = UNKG_OK;
  for (const xmlNode* c = n->children; c && !st; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      st = c->content ? unkg_buf_puts(b, (const char*)c->content) : UNKG_OK;
    } else if (c->type != XML_ELEMENT_NODE) {
      continue;
    } else if (unkg_akn_is(c, "authorialNote")) {
      if (owner < 0) {
        continue; /* probing, or a note inside a note */
      }
      /* Notes with the marker so far, counted by marker: notes are only
       * ever queued here. */
      char*    marker = unkg_akn_prop(c, "marker");
      unsigned dup    = 1;
      UnkgBuf  label  = {0};
      if (marker && !(st = unkg_buf_printf(&label, "akn-note\x1f%s", marker))
          && !(st = unkg_doc_count_key(a->doc, label.data, &dup))) {
        ++dup;
      }
      unkg_buf_clear(&label);
      st = st       ? st
           : marker ? (dup > 1 ? unkg_buf_printf(&label, "%s-%u", marker, dup)
                               : unkg_buf_puts(&label, marker))
                    : unkg_buf_printf(&label, "%zu", a->n_notes + 1);
      free(marker);
      Note* v = st ? NULL : realloc(a->notes, (a->n_notes + 1) * sizeof *v);
      if (!st && !v) {
        st = UNKG_ERR_NOMEM;
      }
      if (!st) {
        a->notes               = v;
        a->notes[a->n_notes++] = (Note){(xmlNodePtr)c, unkg_buf_take(&label)};
        st = unkg_part_add_note(&a->doc->parts[owner], a->notes[a->n_notes - 1].label);
      }
      unkg_buf_clear(&label);
      if (!st) {
        st = unkg_buf_puts(b, " ");
      }
    } else if (unkg_akn_is(c, "eol") || unkg_akn_is(c, "br")) {
      st = unkg_buf_puts(b, " ");
    } else if (unkg_akn_is(c, "a")) {
      size_t begin = b->len;
      if (!(st = gather(a, c, b, owner))) {
        xmlChar* href = xmlGetProp(c, (const xmlChar*)"href");
        Link*    v    = href ? realloc(a->links, (a->n_links + 1) * sizeof *v) : NULL;
        if (href && !v) {
          st = UNKG_ERR_NOMEM;
        } else if (href) {
          a->links             = v;
          a->links[a->n_links] = (Link){unkg_strdup((const char*)href), begin, b->len};
          st                   = a->links[a->n_links].href ? UNKG_OK : UNKG_ERR_NOMEM;
          a->n_links += !st;
        }
        xmlFree(href);
      }
    } else {
      if (unkg_akn_is(c, "td") || unkg_akn_is(c, "th") || unkg_akn_is(c, "p")
          || unkg_akn_is(c, "tr")) {
        st = unkg_buf_puts(b, " ");
      }
      if (!st) {
        st = gather(a, c, b, owner);
      }
    }
  }
  return st;
}

static UnkgPart*
part_at(Akn* a, int i)
{
  return &a->doc->parts[i];
}

/* Sets the text of part i from the raw text gathered for it, and hands on
 * its links: what they cite is the recognise stage's to say. */
static UnkgStatus
set_text_cleaned(Akn* a, int i, const char* raw, const char* cleaned)
{
  char* text = cleaned ? unkg_strdup(cleaned) : unkg_akn_clean(raw ? raw : "");
  if (!text) {
    return UNKG_ERR_NOMEM;
  }
  UnkgStatus st = unkg_part_set_text(part_at(a, i), text, strlen(text), NULL);
  for (size_t k = 0; k < a->n_links && !st; ++k) {
    const Link* l     = &a->links[k];
    char*       shown = unkg_strndup(raw + l->begin, l->end - l->begin);
    char*       cs    = shown ? unkg_akn_clean(shown) : NULL;
    st                = cs ? unkg_part_add_link(part_at(a, i), l->href, cs) : UNKG_ERR_NOMEM;
    free(shown);
    free(cs);
  }
  free(text);
  unkg_akn_links_clear(a);
  return st;
}

static UnkgStatus
set_text(Akn* a, int i, const char* raw)
{
  return set_text_cleaned(a, i, raw, NULL);
}

/* Makes path unique among the parts: "op/5", then "op/5-2", "op/5-3". */
static UnkgStatus
set_unique_path(Akn* a, int i, const char* path)
{
  unsigned   seen = unkg_doc_path_seen(a->doc, (size_t)i, path); /* linear in the parts */
  UnkgBuf    b    = {0};
  UnkgStatus st   = seen ? unkg_buf_printf(&b, "%s-%u", path, seen + 1) : unkg_buf_puts(&b, path);
  if (st) {
    unkg_buf_clear(&b);
    return st;
  }
  free(part_at(a, i)->path);
  part_at(a, i)->path = unkg_buf_take(&b);
  return UNKG_OK;
}

/* A new part for element n: kind, line and eId; its index in *index. */
static UnkgStatus
new_part(Akn* a, UnkgPartKind kind, const xmlNode* n, int* index)
{
  UnkgPart* p = unkg_doc_add_part(a->doc, kind);
  if (!p) {
    return UNKG_ERR_NOMEM;
  }
  p->line            = unkg_akn_line_of(n);
  xmlChar*      eid  = xmlGetProp(n, (const xmlChar*)"eId");
  UnkgPartMore* more = eid ? unkg_part_more(p) : NULL;
  if (eid && (!more || !(more->akn_eid = unkg_strdup((const char*)eid)))) {
    xmlFree(eid);
    return UNKG_ERR_NOMEM;
  }
  xmlFree(eid);
  *index     = (int)a->doc->n_parts - 1;
  a->heading = -1;
  return UNKG_OK;
}

static UnkgStatus set_pathf(Akn* a, int i, const char* fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 3, 4)))
#endif
  ;

static UnkgStatus
set_pathf(Akn* a, int i, const char* fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  UnkgStatus st = unkg_part_vpath(part_at(a, i), fmt, ap);
  va_end(ap);
  char* path          = st ? NULL : part_at(a, i)->path;
  part_at(a, i)->path = NULL; /* set_unique_path sets it anew */
  st                  = st ? st : set_unique_path(a, i, path);
  free(path);
  return st;
}

/* ---- sub-item labels --------------------------------------------------------- */

/* Adds an item labelled label under parent (or, when parent < 0, where the
 * label says: under the current paragraph or item). */
static UnkgStatus
add_item(Akn* a, const xmlNode* n, const char* label, int parent, int* index)
{
  if (parent < 0) {
    parent = a->para;
    if (unkg_roman_level(a->doc, a->item, label)) {
      const UnkgPart* it = part_at(a, a->item);
      parent = it->parent >= 0 && part_at(a, it->parent)->kind == UNKG_PART_ITEM ? it->parent
                                                                                 : a->item;
    }
  }
  if (parent < 0) {
    return UNKG_ERR_GENRE; /* nothing to hang it on: the caller makes it text */
  }
  UnkgStatus st = new_part(a, UNKG_PART_ITEM, n, index);
  if (st) {
    return st;
  }
  UnkgPart* p = part_at(a, *index);
  p->parent   = parent;
  if (!(p->num = unkg_strdup(label))) {
    return UNKG_ERR_NOMEM;
  }
  p->ordinal = unkg_doc_count_items(a->doc, (size_t)*index, parent) + 1;
  char path[300];
  snprintf(path, sizeof path, "%s/%s", part_at(a, parent)->path, label);
  if ((st = set_unique_path(a, *index, path))) {
    return st;
  }
  a->item = *index;
  return UNKG_OK;
}

/* ---- paragraphs ---------------------------------------------------------------- */

/* The lead phrase the markup sets off: the first italic (English) or bold
 * (Chinese) span of p, with a few characters before it that belong to it
 * (在这方面 before 回顾).  NULL if p does not open with one. */
static char*
emphasis_lead(Akn* a, const xmlNode* p)
{
  UnkgBuf before = {0};
  char*   lead   = NULL;
  for (const xmlNode* c = p ? p->children : NULL; c; c = c->next) {
    if (c->type == XML_TEXT_NODE) {
      if (c->content && unkg_buf_puts(&before, (const char*)c->content)) {
        break;
      }
      continue;
    }
    if (c->type != XML_ELEMENT_NODE) {
      continue;
    }
    xmlChar* cls = unkg_akn_is(c, "span") ? xmlGetProp(c, (const xmlChar*)"class") : NULL;
    if (cls && (strstr((const char*)cls, "italic") || strstr((const char*)cls, "bold"))) {
      UnkgBuf span = {0};
      if (!gather(a, c, &span, -1) && span.data) {
        char* pre = unkg_akn_clean(before.data ? before.data : "");
        char* sp  = unkg_akn_clean(span.data);
        if (pre && sp && *sp) {
          /* Words before the span belong to the lead (在这方面); a number or
           * stray mark ("6.", "\\") does not. */
          size_t cps = 0, letters = 0;
          for (size_t q = 0; pre[q];) {
            uint32_t cp;
            size_t   l = unkg_utf8_decode((const unsigned char*)pre + q, strlen(pre + q), &cp);
            q += l ? l : 1;
            ++cps;
            letters += (cp < 128 && isalpha((int)cp)) || (cp >= 0x4E00 && cp <= 0x9FFF);
          }
          if (!letters) {
            pre[0] = '\0';
            cps    = 0;
          }
          /* A span that closes a sentence is a heading ("We will build
           * trust."), and one after more than a few words is not a lead. */
          size_t  sl       = strlen(sp);
          bool    sentence = (sl && sp[sl - 1] == '.') || (sl >= 3 && !strcmp(sp + sl - 3, "。"));
          UnkgBuf l        = {0};
          if (cps <= 8 && !sentence && !unkg_buf_puts(&l, pre) && !unkg_buf_puts(&l, sp)) {
            lead = unkg_akn_clean(l.data);
          }
          unkg_buf_clear(&l);
        }
        free(pre);
        free(sp);
      }
      unkg_buf_clear(&span);
      unkg_akn_links_clear(a);
    }
    xmlFree(cls);
    break;
  }
  unkg_buf_clear(&before);
  return lead;
}

/* The raw text of every p under n (a paragraph's content, an intro, a
 * container), footnotes queued for part owner. */
static UnkgStatus
gather_ps(Akn* a, const xmlNode* n, UnkgBuf* b, int owner)
{
  UnkgStatus st = UNKG_OK;
  for (const xmlNode* c = n->children; c && !st; c = c->next) {
    if (unkg_akn_is(c, "p") || unkg_akn_is(c, "subheading") || unkg_akn_is(c, "heading")
        || unkg_akn_is(c, "table")) {
      if (b->len) {
        st = unkg_buf_puts(b, " ");
      }
      st = st ? st : gather(a, c, b, owner);
    } else if (unkg_akn_is(c, "content") || unkg_akn_is(c, "intro")
               || unkg_akn_is(c, "blockContainer")) {
      st = gather_ps(a, c, b, owner);
    }
  }
  return st;
}

static const xmlNode*
first_p(const xmlNode* n)
{
  return unkg_akn_find(n, "p");
}

/* A paragraph number: "12.", "12", and the Arabic files' "12 -", "12–". */
static bool
is_arabic_num(const char* s)
{
  size_t i = 0;
  while (isdigit((unsigned char)s[i])) {
    ++i;
  }
  size_t k = i;
  while (s[k] == ' ') {
    ++k;
  }
  return i > 0 && i <= 4
         && (s[i] == '.' || s[i] == '\0' || (s[k] == '-' && !s[k + 1])
             || !strcmp(s + k, "\xE2\x80\x93"));
}

/* The label of a sub-item in any language: unkg_item_label's "(a)", "㈠",
 * "(十一)"; "a)", "ii)" (French, Spanish, Russian, with Cyrillic а for a);
 * Arabic "(ب)", "(أ أ)" (abjad letters, see unkg_akn_label_letter) and
 * "’2‘" for (ii). */
static size_t
item_label(const char* s, char out[16], size_t* skip)
{
  static const char* roman[] = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"};
  size_t             n       = unkg_item_label(s, out, skip);
  if (n) {
    return n;
  }
  size_t i = 0;
  if (unkg_starts_with(s, "\xE2\x80\x99") && isdigit((unsigned char)s[3])) { /* ’2‘ */
    int v = atoi(s + 3);
    i     = 3 + strspn(s + 3, "0123456789");
    if (v < 1 || v > 39 || !unkg_starts_with(s + i, "\xE2\x80\x98")) {
      return 0;
    }
    static const char* tens[] = {"", "x", "xx", "xxx"};
    snprintf(out, 16, "%s%s", tens[v / 10], v % 10 ? roman[v % 10 - 1] : "");
    *skip = i + 3;
    return strlen(out);
  }
  if (s[0] == '(' || s[0] == ')') { /* ")ب)": a bracket turned by the bidi */
    ++i;
  }
  size_t k = 0;
  char   c;
  while (k < 6) {
    size_t l = unkg_akn_label_letter(s + i, &c);
    if (!l) {
      break;
    }
    out[k++] = c;
    i += l;
    if (s[0] == '(' && s[i] == ' ' && unkg_akn_label_letter(s + i + 1, &c)) {
      ++i; /* (أ أ) */
    }
  }
  if (!k || s[i] != ')') {
    return 0;
  }
  out[k] = '\0';
  *skip  = i + 1;
  return k;
}

/* The cleaned text of n (all of it, notes left out); NULL for no node. */
UnkgStatus
unkg_akn_text_of(Akn* a, const xmlNode* n, char** out)
{
  *out = NULL;
  if (!n) {
    return UNKG_OK;
  }
  UnkgBuf    b  = {0};
  UnkgStatus st = gather(a, n, &b, -1);
  unkg_akn_links_clear(a);
  if (!st && !(*out = unkg_akn_clean(b.data ? b.data : ""))) {
    st = UNKG_ERR_NOMEM;
  }
  unkg_buf_clear(&b);
  return st;
}

/* text past the direction marks (U+200E, U+200F) an Arabic file may set
 * before a number it prints in the text ("\u200f19 -\u200f"). */
static const char*
past_marks(const char* text)
{
  while (unkg_starts_with(text, "\xE2\x80\x8E") || unkg_starts_with(text, "\xE2\x80\x8F")) {
    text += 3;
  }
  return text;
}

/* Does text open with a number and a dash ("1 -", "12-", "3 –"), as the
 * Arabic files print paragraph numbers in the text? */
static bool
dash_number(const char* text)
{
  text     = past_marks(text);
  size_t d = strspn(text, "0123456789");
  return d && d <= 3
         && (text[d] == '-'
             || (text[d] == ' '
                 && (text[d + 1] == '-' || unkg_starts_with(text + d + 1, "\xE2\x80\x93"))));
}

/* Does n's text open with the number the next operative paragraph has
 * ("10. 期待…", "6.\u200e Reaffirms", "3 Calls upon"): the number, or 0. */
static int
next_number_in_text(Akn* a, const xmlNode* n)
{
  char* probe = NULL;
  int   num   = 0;
  if (!unkg_akn_text_of(a, n, &probe) && probe) {
    const char* t = past_marks(probe);
    size_t      d = strspn(t, "0123456789");
    /* Arabic files write "1 -" in the text: that opens the numbering too. */
    bool dash = dash_number(t);
    if (d && d <= 3 && (a->last_num > 0 || dash) && atoi(t) == a->last_num + 1
        && (t[d] == '.' || t[d] == ' ' || dash)) {
      num = atoi(t);
    }
  }
  free(probe);
  return num;
}

static UnkgStatus read_points(Akn* a, const xmlNode* list, int parent);

/* A point of a list (or an item of a blockList): a sub-item under parent
 * (parent < 0: where its label puts it). */
static UnkgStatus
read_point(Akn* a, const xmlNode* n, int parent, int* index)
{
  char*      num = NULL;
  UnkgStatus st  = unkg_akn_text_of(a, unkg_akn_child(n, "num"), &num);
  char       label[16];
  size_t     skip;
  if (!st && !(num && item_label(num, label, &skip))) {
    /* Unlabelled: numbered by its position. */
    unsigned ord = unkg_doc_count_items(a->doc, a->doc->n_parts, parent) + 1;
    snprintf(label, sizeof label, "%u", ord);
  }
  free(num);
  if (!st) {
    st = add_item(a, n, label, parent, index);
  }
  UnkgBuf b = {0};
  if (!st) {
    st = gather_ps(a, n, &b, *index);
  }
  if (!st) {
    st = set_text(a, *index, b.data);
  }
  unkg_buf_clear(&b);
  return st;
}

/* Does the first point of list carry the label after that of point last
 * ("d" after "c", "ii" after "i")? */
static bool
continues(Akn* a, const xmlNode* list, int last)
{
  const xmlNode* first = unkg_akn_child(list, "point");
  char*          num   = NULL;
  char           label[16];
  size_t         skip;
  const char*    prev = part_at(a, last)->num;
  bool           next = first && !unkg_akn_text_of(a, unkg_akn_child(first, "num"), &num) && num
              && item_label(num, label, &skip) && prev
              && ((strlen(label) == 1 && strlen(prev) == 1 && label[0] == prev[0] + 1
                   && prev[0] >= 'a' && prev[0] < 'z')
                  || (unkg_roman_value(prev) > 0 && strlen(label) > 1
                      && unkg_roman_value(label) == unkg_roman_value(prev) + 1));
  free(num);
  return next;
}

static UnkgStatus
read_points(Akn* a, const xmlNode* list, int parent)
{
  int        last = -1;
  UnkgStatus st   = UNKG_OK;
  for (const xmlNode* c = list->children; c && !st; c = c->next) {
    if (unkg_akn_is(c, "point") || unkg_akn_is(c, "item")) {
      st = read_point(a, c, parent, &last);
    } else if ((unkg_akn_is(c, "sublist") || unkg_akn_is(c, "list")) && last >= 0) {
      /* A sublist whose first label goes on from the last point ("d)"
       * after "с)", a Cyrillic с the Russian files' markup took for the
       * start of a new level) continues this list, as printed and as the
       * other languages have it. */
      st = read_points(a, c, continues(a, c, last) ? parent : last);
    }
  }
  return st;
}

/* A paragraph of the preamble: a container, or a crossHeading that stands
 * for one inside a section. */
static UnkgStatus
read_preambular(Akn* a, const xmlNode* n)
{
  int        i;
  UnkgBuf    b  = {0};
  UnkgStatus st = new_part(a, UNKG_PART_PREAMBULAR, n, &i);
  if (!st) {
    part_at(a, i)->ordinal = ++a->n_pp;
    st                     = set_pathf(a, i, "pp/%u", a->n_pp);
  }
  if (!st) {
    st = unkg_akn_is(n, "crossHeading") ? gather(a, n, &b, i) : gather_ps(a, n, &b, i);
  }
  if (!st) {
    st = set_text(a, i, b.data);
  }
  if (!st && (!part_at(a, i)->text || !*part_at(a, i)->text)) {
    /* An empty paragraph element (76_186_C.xml has one): no paragraph was
     * printed there, and none is numbered for it. */
    unkg_akn_warnf(a, part_at(a, i)->line, "empty preambular paragraph skipped");
    unkg_part_clear(part_at(a, i));
    --a->doc->n_parts;
    --a->n_pp;
    unkg_buf_clear(&b);
    return UNKG_OK;
  }
  char* name = st ? NULL : unkg_akn_prop(n, "name");
  char* lead = NULL;
  if (!st && name) {
    /* The name is the lead phrase, though sometimes without the words
     * before it (在这方面 | 认识到): those are taken from the text. */
    const char* text = part_at(a, i)->text;
    const char* at   = strstr(text, name);
    lead = at && at - text <= 36 ? unkg_strndup(text, (size_t)(at - text) + strlen(name))
                                 : unkg_strdup(name);
    st   = lead ? UNKG_OK : UNKG_ERR_NOMEM;
  } else if (!st) {
    lead = emphasis_lead(a, unkg_akn_is(n, "crossHeading") ? n : first_p(n));
  }
  if (!st) {
    part_at(a, i)->lead = lead;
    lead                = NULL;
    a->para             = i;
    a->op               = -1;
    a->item             = -1;
  }
  free(lead);
  free(name);
  unkg_buf_clear(&b);
  return st;
}

/* Is this unnumbered text a heading ("I", "Introduction", "一 导言")?  A
 * heading element, or a short line that does not end a sentence. */
static bool
is_heading(const xmlNode* n, const char* text)
{
  if (unkg_akn_is(n, "subheading") || unkg_akn_is(n, "heading") || unkg_akn_child(n, "subheading")
      || unkg_akn_child(n, "heading")) {
    return true;
  }
  size_t len = strlen(text);
  return len > 0 && len <= 160 && !unkg_text_is_terminal(text, len) && !strchr(text, ';')
         && !strstr(text, "；") && !unkg_akn_is(n, "container");
}

/* The length of a section's numeral that opens a heading and is set off
 * from its title by a space ("二 能力建设", "IV Budget"), or 0: the
 * heading's number, as the text reader reads it (segment.c,
 * numeral_before_space); a numeral in an element of its own ("I" over
 * "Introduction") numbers the heading that follows it (read_text). */
static size_t
numeral_before_space(const char* x)
{
  size_t n = unkg_parse_section_numeral(x, strlen(x));
  if (!n || !(x[n] == ' ' || x[n] == '\t' || !strncmp(x + n, "\u3000", 3))) {
    return 0;
  }
  size_t sp = n + strspn(x + n, " \t");
  return x[sp] && x[sp] != '\n' ? n : 0;
}

/* Unnumbered material between paragraphs (headings, tables, titles), or a
 * paragraph of an annex.  Consecutive headings are one part: languages
 * split them differently ("I" | "Introduction" in English, "一 导言" in
 * Chinese) and must still give the same parts. */
static UnkgStatus
read_text(Akn* a, const xmlNode* n, const char* num, UnkgPartKind kind)
{
  bool whole = unkg_akn_is(n, "subheading") || unkg_akn_is(n, "heading")
               || unkg_akn_is(n, "crossHeading") || unkg_akn_is(n, "p");
  char*      probe    = NULL;
  bool       numbered = num && is_arabic_num(num);
  UnkgBuf    raw      = {0}; /* what probe was cleaned from */
  UnkgStatus st       = UNKG_OK;
  if (!numbered) {
    st = gather(a, n, &raw, -1);
    unkg_akn_links_clear(a);
    if (!st && !(probe = unkg_akn_clean(raw.data ? raw.data : ""))) {
      st = UNKG_ERR_NOMEM;
    }
  }
  /* The annex's own heading ("附件", "Annex II") standing as its first
   * paragraph: the annex's text, as the text reader reads it. */
  bool head         = kind == UNKG_PART_ANNEX_PARA && a->annex_head;
  a->annex_head     = false;
  bool annex_phrase = !st && kind == UNKG_PART_ANNEX_PARA && probe && strlen(probe) <= 24
                      && unkg_lexicon_phrase_at(a->lex, UNKG_NS "Resolution", UNKG_ROLE_ANNEX, probe);
  if (annex_phrase && !head) {
    /* "附件二" inside the attachment of "附件一": one attachment holding
     * several annexes (75_212_C.xml holds three).  Each is an annex of its
     * own, as printed and as the text reader reads them. */
    int i;
    if (!(st = new_part(a, UNKG_PART_ANNEX, n, &i))) {
      part_at(a, i)->ordinal = ++a->n_annex;
      st                     = set_pathf(a, i, "annex/%u", a->n_annex);
    }
    if (!st) {
      a->annex        = i;
      a->n_annex_para = 0;
      a->n_annex_text = 0;
      a->para = a->op = a->item = -1;
    }
    head = !st;
  }
  if (annex_phrase && head) {
    st = unkg_part_set_text(part_at(a, a->annex), probe, strlen(probe), NULL);
    free(probe);
    unkg_buf_clear(&raw);
    return st;
  }
  /* Emphasis on unnumbered text is a lead only if it is a verb ("Adopts the
   * following declaration:"), not when it sets off a heading ("Annex I"). */
  const xmlNode*    p    = unkg_akn_is(n, "p") ? n : first_p(n);
  char*             lead = !st && p && kind == UNKG_PART_TEXT ? emphasis_lead(a, p) : NULL;
  const UnkgEntity* m;
  size_t            len;
  if (lead && !unkg_lead_match(a->lex, lead, &m, &len)) {
    free(lead);
    lead = NULL;
  }
  /* Annexes are left alone: their short lines are schedules and list
   * entries as often as headings. */
  bool heading = !st && kind == UNKG_PART_TEXT && !numbered && !lead && probe && is_heading(n, probe);
  UnkgBuf b    = {0};
  int     i    = -1;
  size_t  numeral = 0; /* the length of the heading's own numeral */
  if (st) {
    ;
  } else if (heading && a->heading >= 0 && a->heading == (int)a->doc->n_parts - 1) {
    i              = a->heading;
    UnkgPart*   h  = part_at(a, i);
    const char* t  = h->text ? h->text : "";
    size_t      tl = strlen(t);
    if (!h->num && tl && unkg_parse_section_numeral(t, tl) == tl) {
      /* The numeral in an element of its own over its title ("I" |
       * "Capacity-building") numbers it, as "二 能力建设" in one does. */
      h->num = unkg_strdup(t);
      st     = h->num ? UNKG_OK : UNKG_ERR_NOMEM;
    } else {
      st = unkg_buf_printf(&b, "%s ", t);
    }
  } else if (!(st = new_part(a, kind, n, &i)) && kind == UNKG_PART_ANNEX_PARA) {
    /* A numbered paragraph of an annex is named by its number (as the
     * text reader names it), an unnumbered one by its place among the
     * unnumbered: a paragraph split or merged shifts no numbered one. */
    part_at(a, i)->parent  = a->annex;
    part_at(a, i)->ordinal = ++a->n_annex_para;
    st                     = num && num[0] && strspn(num, "0123456789") == strlen(num)
                               ? set_pathf(a, i, "%s/%s", part_at(a, a->annex)->path, num)
                               : set_pathf(a, i, "%s/text/%u", part_at(a, a->annex)->path, ++a->n_annex_text);
    a->para                = i;
  } else if (!st) {
    part_at(a, i)->ordinal = ++a->n_text;
    st                     = set_pathf(a, i, "text/%u", a->n_text);
    a->para                = -1;
    const char* r          = raw.data ? raw.data + strspn(raw.data, " \t\r\n") : NULL;
    size_t      nl         = heading && !num && r ? numeral_before_space(r) : 0;
    if (!st && nl && !(part_at(a, i)->num = unkg_strndup(r, nl))) {
      st = UNKG_ERR_NOMEM;
    } else if (!st && num && !(part_at(a, i)->num = unkg_strdup(num))) {
      st = UNKG_ERR_NOMEM;
    }
    numeral = nl;
  }
  if (!st && kind == UNKG_PART_ANNEX_PARA && num && !part_at(a, i)->num
      && !(part_at(a, i)->num = unkg_strdup(num))) {
    st = UNKG_ERR_NOMEM;
  }
  if (!st) {
    st = whole ? gather(a, n, &b, i) : gather_ps(a, n, &b, i);
  }
  if (!st) {
    /* Most often the very text probed above (no notes, no heading joined
     * to it): its cleaned form is at hand. */
    bool  same    = probe && raw.data && b.data && !strcmp(raw.data, b.data);
    char* cleaned = same ? probe : unkg_akn_clean(b.data ? b.data : "");
    if (!cleaned) {
      st = UNKG_ERR_NOMEM;
    } else {
      /* The numeral is the heading's number, not its title. */
      const char* title = cleaned;
      if (numeral && !strncmp(cleaned, part_at(a, i)->num, numeral)) {
        title += numeral + strspn(cleaned + numeral, " ");
      }
      st = set_text_cleaned(a, i, b.data, title);
    }
    if (cleaned != probe) {
      free(cleaned);
    }
  }
  free(probe);
  unkg_buf_clear(&raw);
  if (!st) {
    /* An unnumbered paragraph with a lead verb holds sub-items like a
     * numbered one ("Approves …:" then (a), (b) in a budget section). */
    a->para             = lead || kind == UNKG_PART_ANNEX_PARA ? i : -1;
    part_at(a, i)->lead = lead;
    lead                = NULL;
    a->heading          = heading ? i : -1;
  }
  free(lead);
  a->op   = -1;
  a->item = -1;
  unkg_buf_clear(&b);
  return st;
}

/* The paragraph n with the number num_node (its own <num>, or that of the
 * paragraph before it that holds the number alone). */
static UnkgStatus
read_paragraph(Akn* a, const xmlNode* n, const xmlNode* num_node)
{
  const xmlNode* list     = unkg_akn_child(n, "list");
  bool           in_annex = a->annex >= 0;
  char*          num      = NULL;
  char           label[16];
  size_t         skip = 0;
  int            i    = -1;
  UnkgStatus     st   = unkg_akn_text_of(a, num_node, &num);
  if (st) {
    return st;
  }
  char* probe = NULL;
  int   next  = !num && !in_annex ? next_number_in_text(a, n) : 0;
  if (next) {
    /* A number the markup left in the text: taken when it is the next one. */
    char buf[16];
    snprintf(buf, sizeof buf, "%d", next);
    if (!(num = unkg_strdup(buf))) {
      return UNKG_ERR_NOMEM;
    }
  } else if (!num && (st = unkg_akn_text_of(a, n, &probe))) {
    return st;
  }
  if (num && is_arabic_num(num)) {
    free(probe);
    probe                          = NULL;
    num[strspn(num, "0123456789")] = '\0';
    if (in_annex) {
      st = read_text(a, n, num, UNKG_PART_ANNEX_PARA);
      free(num);
      return st;
    }
    if (!(st = new_part(a, UNKG_PART_OPERATIVE, n, &i))) {
      part_at(a, i)->num     = num;
      num                    = NULL;
      part_at(a, i)->ordinal = (unsigned)atoi(part_at(a, i)->num);
      a->last_num            = (int)part_at(a, i)->ordinal;
      st                     = set_pathf(a, i, "op/%s", part_at(a, i)->num);
    }
  } else {
    /* Unnumbered: a sub-item if it is labelled "(a)" (in <num> or at the
     * start of its text) and there is a paragraph to hang it on. */
    bool item = !st && a->para >= 0
                && (num ? item_label(num, label, &skip) : probe && item_label(probe, label, &skip));
    /* Before the first numbered paragraph, one that ends with a comma is
     * preambular, whatever element the markup put it in. */
    size_t pl       = probe ? strlen(probe) : 0;
    bool   preamble = !item && !num && !in_annex && a->numbered && !a->last_num && pl
                    && (probe[pl - 1] == ',' || (pl >= 3 && !strcmp(probe + pl - 3, "，")));
    free(probe);
    if (preamble) {
      return read_preambular(a, n);
    }
    if (st) {
      ;
    } else if (item) {
      st = add_item(a, n, label, -1, &i);
    } else if (in_annex) {
      st = read_text(a, n, num, UNKG_PART_ANNEX_PARA);
      free(num);
      return st;
    } else if (a->numbered || num || unkg_akn_child(n, "subheading") || unkg_akn_child(n, "heading")) {
      st = read_text(a, n, num, UNKG_PART_TEXT);
      free(num);
      return st;
    } else if (!(st = new_part(a, UNKG_PART_OPERATIVE, n, &i))) {
      /* A resolution with one operative paragraph does not number it. */
      part_at(a, i)->ordinal = ++a->n_unnumbered;
      st                     = set_pathf(a, i, "op/%u", a->n_unnumbered);
    }
  }
  free(num);
  if (st) {
    return st;
  }
  UnkgBuf        b     = {0};
  const xmlNode* intro = list ? unkg_akn_child(list, "intro") : NULL;
  st = list ? (intro ? gather_ps(a, intro, &b, i) : UNKG_OK) : gather_ps(a, n, &b, i);
  if (!st) {
    st = set_text(a, i, b.data);
  }
  unkg_buf_clear(&b);
  if (st) {
    return st;
  }
  UnkgPart* p = part_at(a, i);
  if (p->num && p->text && p->kind == UNKG_PART_OPERATIVE
      && unkg_starts_with(past_marks(p->text), p->num)) {
    /* The number stood in the text: it is not text. */
    size_t sk = (size_t)(past_marks(p->text) - p->text) + strlen(p->num);
    while (p->text[sk] == '.' || p->text[sk] == ' ' || p->text[sk] == '-'
           || !strncmp(p->text + sk, "\xE2\x80\x8E", 3) || !strncmp(p->text + sk, "\xE2\x80\x8F", 3)
           || !strncmp(p->text + sk, "\xE2\x80\x93", 3)) {
      sk += p->text[sk] == '.' || p->text[sk] == ' ' || p->text[sk] == '-' ? 1 : 3;
    }
    memmove(p->text, p->text + sk, strlen(p->text + sk) + 1);
  }
  if (p->kind == UNKG_PART_ITEM && p->text) {
    char   l2[16];
    size_t sk = 0;
    if (item_label(p->text, l2, &sk)) { /* the printed label is not text */
      while (p->text[sk] == ' ') {
        ++sk;
      }
      memmove(p->text, p->text + sk, strlen(p->text + sk) + 1);
    }
    return UNKG_OK;
  }
  p->lead = emphasis_lead(a, list ? (intro ? first_p(intro) : NULL) : first_p(n));
  a->op   = i;
  a->para = i;
  a->item = -1;
  return list ? read_points(a, list, i) : UNKG_OK;
}

static UnkgStatus read_body(Akn* a, const xmlNode* body);

/* A crossHeading between paragraphs: a preambular paragraph where the
 * markup says so (the preamble of a Fifth Committee section), else text. */
static UnkgStatus
read_cross_heading(Akn* a, const xmlNode* c)
{
  xmlChar* r  = xmlGetProp(c, (const xmlChar*)"refersTo");
  bool     pp = r && strstr((const char*)r, "preamble") && a->annex < 0;
  xmlFree(r);
  return pp ? read_preambular(a, c)
            : read_text(a, c, NULL, a->annex >= 0 ? UNKG_PART_ANNEX_PARA : UNKG_PART_TEXT);
}

static UnkgStatus
read_section(Akn* a, const xmlNode* sec)
{
  char*      num = NULL;
  UnkgStatus st  = unkg_akn_text_of(a, unkg_akn_child(sec, "num"), &num);
  for (const xmlNode* c = sec->children; c && !st; c = c->next) {
    if (unkg_akn_is(c, "subheading") || unkg_akn_is(c, "heading")) {
      st = read_text(a, c, num, a->annex >= 0 ? UNKG_PART_ANNEX_PARA : UNKG_PART_TEXT);
      free(num);
      num = NULL; /* the section number goes with its first heading */
    } else if (unkg_akn_is(c, "crossHeading")) {
      st = read_cross_heading(a, c);
    }
  }
  free(num);
  return st ? st : read_body(a, sec);
}

/* A number printed as a paragraph of its own whose text is the next,
 * unnumbered paragraph (<num>1.</num> over an empty <p>, then the text: the
 * French and Spanish annexes of A/RES/76/258, 76/266, 75/290 A and B …,
 * where the other languages number the text itself): that next paragraph,
 * else NULL. */
static const xmlNode*
number_alone(Akn* a, const xmlNode* n, UnkgStatus* st)
{
  const xmlNode* num     = unkg_akn_child(n, "num");
  const xmlNode* content = unkg_akn_child(n, "content");
  const xmlNode* next    = n->next;
  while (next && next->type != XML_ELEMENT_NODE) {
    next = next->next;
  }
  if (!num || !content || !next || !unkg_akn_is(next, "paragraph") || unkg_akn_child(next, "num")
      || !unkg_akn_child(next, "content")) {
    return NULL;
  }
  char* digits = NULL;
  char* text   = NULL;
  *st          = unkg_akn_text_of(a, num, &digits);
  if (!*st) {
    *st = unkg_akn_text_of(a, content, &text);
  }
  bool alone = !*st && digits && is_arabic_num(digits) && text && !text[0];
  free(digits);
  free(text);
  return alone ? next : NULL;
}

/* The paragraphs, sections and containers of a mainBody (or section). */
static UnkgStatus
read_body(Akn* a, const xmlNode* body)
{
  UnkgStatus st      = UNKG_OK;
  bool       in_body = unkg_akn_is(body, "mainBody");
  for (const xmlNode* c = body->children; c && !st; c = c->next) {
    if (unkg_akn_is(c, "paragraph")) {
      const xmlNode* text = number_alone(a, c, &st);
      if (!st) {
        st = read_paragraph(a, text ? text : c, unkg_akn_child(c, "num"));
        c  = text ? text : c;
      }
    } else if (unkg_akn_is(c, "section") || unkg_akn_is(c, "chapter") || unkg_akn_is(c, "part")) {
      st = read_section(a, c);
    } else if (unkg_akn_is(c, "container") || unkg_akn_is(c, "blockContainer")
               || unkg_akn_is(c, "p")) {
      st = read_text(a, c, NULL, a->annex >= 0 ? UNKG_PART_ANNEX_PARA : UNKG_PART_TEXT);
    } else if (!in_body) {
      ; /* a section's own headings: read_section read them */
    } else if (unkg_akn_is(c, "crossHeading")) {
      /* Directly in the body, outside any section (76/246 in every
       * language: its sections' preambles): read as inside a section. */
      st = read_cross_heading(a, c);
    } else if (unkg_akn_is(c, "subheading") || unkg_akn_is(c, "heading")) {
      /* The same file's section titles in the English, French, Arabic and
       * Russian markup, outside any section. */
      st = read_text(a, c, NULL, a->annex >= 0 ? UNKG_PART_ANNEX_PARA : UNKG_PART_TEXT);
    }
  }
  return st;
}

/* Does the statement number its operative paragraphs? */
static bool
numbers_paragraphs(Akn* a, const xmlNode* body)
{
  for (const xmlNode* c = body ? body->children : NULL; c; c = c->next) {
    if (unkg_akn_is(c, "paragraph")) {
      char* num = NULL;
      if (!unkg_akn_text_of(a, unkg_akn_child(c, "num"), &num) && num && is_arabic_num(num)) {
        free(num);
        return true;
      }
      free(num);
      /* Arabic files may print every number in the text ("1 -"): the
       * statement numbers its paragraphs all the same, and an unnumbered
       * one before them ("تعتمد الإعلان التالي:") is text, as in the other
       * languages, not a single unnumbered operative paragraph. */
      char* probe = NULL;
      bool  dash  = !unkg_akn_child(c, "num") && !unkg_akn_text_of(a, c, &probe) && probe
                  && dash_number(probe);
      free(probe);
      if (dash) {
        return true;
      }
    } else if (unkg_akn_is(c, "section") && numbers_paragraphs(a, c)) {
      return true;
    }
  }
  return false;
}

static UnkgStatus
read_preamble(Akn* a, const xmlNode* pre)
{
  UnkgStatus st = UNKG_OK;
  for (const xmlNode* c = pre->children; c && !st; c = c->next) {
    if (unkg_akn_is(c, "formula")) {
      if (!a->doc->res.formula) {
        st = unkg_akn_text_of(a, c, &a->doc->res.formula);
      }
    } else if (unkg_akn_is(c, "container") && a->last_num && next_number_in_text(a, c)) {
      /* "10. 期待…" in a preamble after paragraph 9: an operative paragraph
       * the markup misfiled. */
      st = read_paragraph(a, c, unkg_akn_child(c, "num"));
    } else if (unkg_akn_is(c, "container") || unkg_akn_is(c, "crossHeading")) {
      st = read_preambular(a, c);
    } else if (unkg_akn_is(c, "blockList") && a->para >= 0) {
      int parent = a->para;
      st         = read_points(a, c, parent);
      a->item    = -1;
    }
  }
  return st;
}

/* One resolution (or one of the parts A, B … of a multi-part one). */
UnkgStatus
unkg_akn_read_statement(Akn* a, const xmlNode* stmt, bool component)
{
  UnkgStatus     st   = UNKG_OK;
  const xmlNode* pref = unkg_akn_child(stmt, "preface");
  a->op = a->para = a->item = -1;
  a->annex                  = -1;
  a->numbered               = false;
  for (const xmlNode* c = stmt->children; c; c = c->next) {
    a->numbered = a->numbered || (unkg_akn_is(c, "mainBody") && numbers_paragraphs(a, c));
  }
  a->n_unnumbered = 0;
  a->last_num     = 0;
  if (component && pref) {
    /* "A  Information in the service of humanity": a heading of the part. */
    UnkgBuf b = {0};
    char*   t = NULL;
    if (!(st = gather(a, pref, &b, -1)) && !(t = unkg_akn_clean(b.data ? b.data : ""))) {
      st = UNKG_ERR_NOMEM;
    }
    unkg_akn_links_clear(a);
    unkg_buf_clear(&b);
    int i;
    if (!st && *t && !(st = new_part(a, UNKG_PART_TEXT, pref, &i))) {
      part_at(a, i)->ordinal = ++a->n_text;
      st                     = set_pathf(a, i, "text/%u", a->n_text);
      if (!st) {
        st = unkg_part_set_text(part_at(a, i), t, strlen(t), NULL);
      }
    }
    free(t);
  }
  /* In document order: a file may break its text into several preambles
   * and main bodies (75_161_C.xml does, after paragraph 9). */
  for (const xmlNode* c = stmt->children; c && !st; c = c->next) {
    if (unkg_akn_is(c, "preamble")) {
      st = read_preamble(a, c);
    } else if (unkg_akn_is(c, "mainBody")) {
      st = read_body(a, c);
    }
  }
  const xmlNode* att = unkg_akn_child(stmt, "attachments");
  for (const xmlNode* c = att ? att->children : NULL; c && !st; c = c->next) {
    const xmlNode* doc = unkg_akn_is(c, "attachment") ? unkg_akn_child(c, "doc") : NULL;
    if (!doc) {
      continue;
    }
    int i;
    if ((st = new_part(a, UNKG_PART_ANNEX, doc, &i))) {
      break;
    }
    part_at(a, i)->ordinal = ++a->n_annex;
    if ((st = set_pathf(a, i, "annex/%u", a->n_annex))) {
      break;
    }
    a->annex        = i;
    a->annex_head   = true;
    a->n_annex_para = 0;
    a->n_annex_text = 0;
    a->para = a->op = a->item = -1;
    for (const xmlNode* d = doc->children; d && !st; d = d->next) {
      if (unkg_akn_is(d, "preface") || unkg_akn_is(d, "preamble")) {
        for (const xmlNode* p = d->children; p && !st; p = p->next) {
          if (p->type == XML_ELEMENT_NODE) {
            st = read_text(a, p, NULL, UNKG_PART_ANNEX_PARA);
          }
        }
      } else if (unkg_akn_is(d, "mainBody")) {
        st = read_body(a, d);
      }
    }
    a->annex = -1;
  }
  return st;
}

/* The footnotes, after every other part, so that a note present in one
 * language only does not move the positions of the paragraphs. */
UnkgStatus
unkg_akn_read_notes(Akn* a)
{
  UnkgStatus st = UNKG_OK;
  for (size_t k = 0; k < a->n_notes && !st; ++k) {
    int     i;
    UnkgBuf b = {0};
    if (!(st = new_part(a, UNKG_PART_FOOTNOTE, a->notes[k].note, &i))) {
      char* marker       = unkg_akn_prop(a->notes[k].note, "marker");
      part_at(a, i)->num = marker ? marker : unkg_strdup(a->notes[k].label);
      if (!part_at(a, i)->num) {
        st = UNKG_ERR_NOMEM;
      }
    }
    if (!st) {
      st = set_pathf(a, i, "fn/%s", a->notes[k].label);
    }
    if (!st) {
      st = gather(a, a->notes[k].note, &b, -1);
    }
    if (!st) {
      st = set_text(a, i, b.data);
    }
    unkg_buf_clear(&b);
  }
  return st;
}
