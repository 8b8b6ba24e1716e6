#include "doc.h"

#include "buf.h"
#include "text.h"
#include "triples.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Counts over the parts, brought up to date lazily: parts are only ever
 * appended, and a part's kind, parent and path are set when it is made,
 * before the next part is. */
struct UnkgDocIndex {
  UnkgStrMap keys;          /* unkg_doc_count_key */
  UnkgStrMap paths;         /* a path, and each prefix it extends by "-<digit>" -> parts */
  size_t     paths_scanned; /* parts [0, paths_scanned) are in paths ... */
  size_t*    pathless;      /* ... but for these, which had no path yet */
  size_t     n_pathless;
  unsigned*  items; /* items[parent + 1]: items under parent */
  size_t     cap_items;
  size_t     items_scanned;
};

/* Below this many, a list is searched; from it on, hashed. */
#define PART_INDEX_FROM 16

struct UnkgPartIndex {
  UnkgStrMap notes; /* marker -> index in notes (notes are only ever added) */
};

/* The index of marker among the part's notes, or n_notes (n_notes + 1: out
 * of memory): searched while the list is short, hashed once it is long. */
static size_t
find_note(UnkgPart* p, const char* marker)
{
  size_t n = p->n_notes;
  if (n < PART_INDEX_FROM) {
    for (size_t i = 0; i < n; ++i) {
      if (!strcmp(p->notes[i], marker)) {
        return i;
      }
    }
    return n;
  }
  UnkgPartMore* more = unkg_part_more(p);
  if (!more || (!more->index && !(more->index = calloc(1, sizeof *more->index)))) {
    return n + 1;
  }
  for (size_t i = more->index->notes.n; i < n; ++i) { /* those added since */
    if (unkg_strmap_put(&more->index->notes, p->notes[i], i, NULL)) {
      return n + 1;
    }
  }
  const size_t* at = unkg_strmap_get(&more->index->notes, marker);
  return at ? *at : n;
}

/* Lists of notes and cites grow by half: their capacity is implicit, the
 * first of 4, 6, 9, 13 ... that holds n. */
static size_t
cap_for(size_t n)
{
  size_t c = 4;
  while (c < n) {
    c += c / 2;
  }
  return c;
}

/* v, holding n - 1 elements of size bytes, with room for n. */
static void*
grow(void* v, size_t n, size_t size)
{
  if (v && n > 1 && cap_for(n - 1) >= n) {
    return v;
  }
  return realloc(v, cap_for(n) * size);
}

static void
index_free(struct UnkgDocIndex* x)
{
  if (x) {
    unkg_strmap_clear(&x->keys);
    unkg_strmap_clear(&x->paths);
    free(x->pathless);
    free(x->items);
    free(x);
  }
}

UnkgDoc*
unkg_doc_new(UnkgGenre genre, const char* lang)
{
  UnkgDoc* doc = calloc(1, sizeof *doc);
  if (doc && (!(doc->lang = unkg_strdup(lang)) || !(doc->index = calloc(1, sizeof *doc->index)))) {
    free(doc->lang);
    free(doc);
    return NULL;
  }
  if (doc) {
    doc->genre = genre;
  }
  return doc;
}

void
unkg_part_clear(UnkgPart* p)
{
  if (!p) {
    return;
  }
  free(p->path);
  free(p->num);
  free(p->text); /* and p->map, which is in the same allocation */
  free(p->lead);
  for (size_t i = 0; i < p->n_notes; ++i) {
    free(p->notes[i]);
  }
  free(p->notes);
  for (size_t i = 0; i < p->n_cites; ++i) {
    free(p->cites[i].symbol);
    free(p->cites[i].date);
  }
  free(p->cites);
  free(p->mentions);
  UnkgPartMore* more = p->more;
  if (more) {
    free(more->date);
    free(more->orig_lang);
    free(more->asked_by);
    free(more->akn_eid);
    for (size_t i = 0; i < more->n_links; ++i) {
      free(more->links[i].href);
      free(more->links[i].shown);
    }
    free(more->links);
    if (more->index) {
      unkg_strmap_clear(&more->index->notes);
      free(more->index);
    }
    free(more);
  }
  memset(p, 0, sizeof *p);
}

void
unkg_part_release(UnkgPart* p)
{
  char* path    = p->path;
  p->path       = NULL;
  UnkgPart keep = {.kind     = p->kind,
                   .ordinal  = p->ordinal,
                   .parent   = p->parent,
                   .line     = p->line,
                   .begin    = p->begin,
                   .end      = p->end,
                   .verb     = p->verb,
                   .modifier = p->modifier,
                   .reply    = p->reply,
                   .heading  = p->heading,
                   .question = p->question,
                   .entity   = p->entity};
  unkg_part_clear(p);
  *p      = keep;
  p->path = path;
}

void
unkg_doc_cut_parts(UnkgDoc* doc, size_t n)
{
  if (n >= doc->n_parts) {
    return;
  }
  for (size_t i = n; i < doc->n_parts; ++i) {
    unkg_part_clear(&doc->parts[i]);
  }
  doc->n_parts = n;
  UnkgPart* v  = unkg_array_resize(doc->parts, doc->cap_parts * sizeof *v, n * sizeof *v);
  if (v || !n) { /* else it keeps its slack */
    doc->parts     = v;
    doc->cap_parts = n;
  }
}

void
unkg_doc_cut_commitments(UnkgDoc* doc, size_t n)
{
  if (n >= doc->n_commitments) {
    return;
  }
  for (size_t i = n; i < doc->n_commitments; ++i) {
    free(doc->commitments[i].path);
    free(doc->commitments[i].object_text);
  }
  doc->n_commitments = n;
  UnkgCommitment* v  = unkg_array_resize(doc->commitments, doc->cap_commitments * sizeof *v,
                                         n * sizeof *v);
  if (v || !n) { /* else it keeps its slack */
    doc->commitments     = v;
    doc->cap_commitments = n;
  }
}

void
unkg_doc_release_commitments(UnkgDoc* doc)
{
  unkg_doc_cut_commitments(doc, 0);
}

static void
free_strings(char** v, size_t n)
{
  for (size_t i = 0; i < n; ++i) {
    free(v[i]);
  }
  free(v);
}

void
unkg_doc_free(UnkgDoc* doc)
{
  if (!doc) {
    return;
  }
  for (size_t i = 0; i < doc->n_parts; ++i) {
    unkg_part_clear(&doc->parts[i]);
  }
  unkg_array_free(doc->parts, doc->cap_parts * sizeof *doc->parts);
  index_free(doc->index);
  free(doc->lang);
  free(doc->source_name);
  free(doc->symbol);
  free(doc->res.number);
  free(doc->agenda_item);
  free(doc->res.adoption_date);
  free(doc->res.committee);
  free(doc->res.committee_report);
  free(doc->res.draft);
  free(doc->title);
  free(doc->res.formula);
  free(doc->res.closing_date);
  free(doc->rep.responds_to);
  free(doc->rep.responds_para);
  for (size_t i = 0; i < doc->rep.n_note_dates; ++i) {
    free(doc->rep.note_dates[i]);
  }
  free(doc->rep.note_dates);
  free(doc->rep.cutoff_date);
  unkg_doc_release_commitments(doc);
  free(doc->akn.work);
  free(doc->akn.expression);
  free(doc->akn.issued);
  free(doc->agenda_title);
  free_strings(doc->agenda_items, doc->n_agenda_items);
  free(doc->res.report_para);
  free(doc->res.record);
  free(doc->akn.vote_outcome);
  for (size_t i = 0; i < doc->akn.n_votes; ++i) {
    free(doc->akn.votes[i].name);
  }
  free(doc->akn.votes);
  for (size_t i = 0; i < doc->akn.n_sponsors; ++i) {
    free(doc->akn.sponsors[i].name);
  }
  free(doc->akn.sponsors);
  free(doc->akn.sponsor_note);
  free_strings(doc->akn.subjects, doc->akn.n_subjects);
  free_strings(doc->akn.subject_labels, doc->akn.n_subject_labels);
  free(doc);
}

void
unkg_doc_trim(UnkgDoc* doc)
{
  if (!doc) {
    return;
  }
  /* The readers' counts are done with: 64 bytes and more a part. */
  index_free(doc->index);
  doc->index = NULL;
  for (size_t i = 0; i < doc->n_parts; ++i) {
    UnkgPartMore* more = doc->parts[i].more;
    if (more && more->index) {
      unkg_strmap_clear(&more->index->notes);
      free(more->index);
      more->index = NULL;
      if (!more->date && !more->orig_lang && !more->asked_by && !more->akn_eid && !more->n_links) {
        free(more); /* it held the index alone */
        doc->parts[i].more = NULL;
      }
    }
  }
  if (doc->n_parts && doc->n_parts < doc->cap_parts) {
    UnkgPart* v = unkg_array_resize(doc->parts, doc->cap_parts * sizeof *v, doc->n_parts * sizeof *v);
    if (v) { /* else it keeps its slack */
      doc->parts     = v;
      doc->cap_parts = doc->n_parts;
    }
  }
  if (doc->n_commitments && doc->n_commitments < doc->cap_commitments) {
    UnkgCommitment* v = unkg_array_resize(doc->commitments, doc->cap_commitments * sizeof *v,
                                          doc->n_commitments * sizeof *v);
    if (v) {
      doc->commitments     = v;
      doc->cap_commitments = doc->n_commitments;
    }
  }
}

UnkgPart*
unkg_doc_add_part(UnkgDoc* doc, UnkgPartKind kind)
{
  if (doc->n_parts == doc->cap_parts) {
    size_t    cap = doc->cap_parts ? doc->cap_parts * 2 : 32;
    UnkgPart* v   = unkg_array_resize(doc->parts, doc->cap_parts * sizeof *v, cap * sizeof *v);
    if (!v) {
      return NULL;
    }
    doc->parts     = v;
    doc->cap_parts = cap;
  }
  UnkgPart* p = &doc->parts[doc->n_parts++];
  memset(p, 0, sizeof *p);
  p->kind     = kind;
  p->parent   = -1;
  p->reply    = -1;
  p->heading  = -1;
  p->question = -1;
  return p;
}

UnkgStatus
unkg_part_add_note(UnkgPart* part, const char* marker)
{
  size_t at = find_note(part, marker);
  if (at < part->n_notes) {
    return UNKG_OK;
  }
  char** v = at > part->n_notes ? NULL : grow(part->notes, part->n_notes + 1, sizeof *v);
  if (!v) {
    return UNKG_ERR_NOMEM;
  }
  part->notes = v;
  if (!(v[part->n_notes] = unkg_strdup(marker))) {
    return UNKG_ERR_NOMEM;
  }
  ++part->n_notes;
  return UNKG_OK;
}

UnkgStatus
unkg_part_add_cite(UnkgPart* part, UnkgCiteKind kind, const char* symbol, const char* date, size_t pos)
{
  for (size_t i = 0; i < part->n_cites; ++i) {
    UnkgCitation* c = &part->cites[i];
    if (!strcmp(c->symbol, symbol)) {
      if (date && !c->date && !(c->date = unkg_strdup(date))) {
        return UNKG_ERR_NOMEM;
      }
      return UNKG_OK; /* one citation per target and part */
    }
  }
  UnkgCitation* v = realloc(part->cites, (part->n_cites + 1) * sizeof *v);
  if (!v) {
    return UNKG_ERR_NOMEM;
  }
  part->cites     = v;
  UnkgCitation* c = &v[part->n_cites];
  c->kind         = kind;
  c->pos          = pos;
  c->act          = NULL;
  c->symbol       = unkg_strdup(symbol);
  c->date         = date ? unkg_strdup(date) : NULL;
  if (!c->symbol || (date && !c->date)) {
    free(c->symbol);
    free(c->date);
    return UNKG_ERR_NOMEM;
  }
  ++part->n_cites;
  return UNKG_OK;
}

UnkgStatus
unkg_part_add_mention(UnkgPart* part, const UnkgEntity* e, size_t pos, size_t len)
{
  UnkgMention* v = realloc(part->mentions, (part->n_mentions + 1) * sizeof *v);
  if (!v) {
    return UNKG_ERR_NOMEM;
  }
  part->mentions                     = v;
  part->mentions[part->n_mentions++] = (UnkgMention){e, pos, len};
  return UNKG_OK;
}

UnkgStatus
unkg_doc_add_note_date(UnkgDoc* doc, const char* date)
{
  for (size_t i = 0; i < doc->rep.n_note_dates; ++i) {
    if (!strcmp(doc->rep.note_dates[i], date)) {
      return UNKG_OK;
    }
  }
  char** v = realloc(doc->rep.note_dates, (doc->rep.n_note_dates + 1) * sizeof *v);
  if (!v) {
    return UNKG_ERR_NOMEM;
  }
  doc->rep.note_dates = v;
  if (!(v[doc->rep.n_note_dates] = unkg_strdup(date))) {
    return UNKG_ERR_NOMEM;
  }
  ++doc->rep.n_note_dates;
  return UNKG_OK;
}

/* Byte i's offset by run r: its character's start (not before the run's)
 * as far past r's offset as it is past r's start. */
static size_t
run_offset(const char* text, const UnkgOffsetRun* r, size_t i)
{
  size_t c = i;
  while (c > r->pos && ((unsigned char)text[c] & 0xC0) == 0x80) {
    --c;
  }
  return r->off + (c - r->pos);
}

/* Runs kept on the stack while they are counted: most parts have a few. */
enum { FEW_RUNS = 16 };

UnkgStatus
unkg_part_set_text(UnkgPart* p, const char* text, size_t len, const uint32_t* map)
{
  free(p->text);
  p->text = NULL;
  p->map  = NULL;
  if (!map) {
    p->begin = p->end = 0;
    return (p->text = unkg_strndup(text, len)) ? UNKG_OK : UNKG_ERR_NOMEM;
  }
  /* One pass, with run_offset's character start kept as it goes (the last
   * byte at or after the run's start that is not a continuation byte).  A
   * run starts wherever the one before does not give the offset.  The text
   * and its runs are then one allocation: a part's strings are most of a
   * document's allocations, each with malloc's header and rounding. */
  UnkgOffsetRun  few[FEW_RUNS];
  UnkgOffsetRun* run = few;
  size_t         n = 0, cap = FEW_RUNS, lead = 0;
  run[n++] = (UnkgOffsetRun){0, (uint32_t)map[0]};
  /* The run's offset less its start (modulo 2^64): the offset its map
   * gives byte i is delta + lead, in locals, not read back from the run. */
  const unsigned char* t     = (const unsigned char*)text;
  size_t               delta = (size_t)map[0];
  for (size_t i = 1; i <= len; ++i) {
    /* A three-byte character (most CJK) whose bytes all map where the run
     * says, as the byte-by-byte test below would find, in one step. */
    while (i + 2 < len && (t[i] & 0xF0) == 0xE0 && (t[i + 1] & 0xC0) == 0x80
           && (t[i + 2] & 0xC0) == 0x80 && map[i] == delta + i && map[i + 1] == map[i]
           && map[i + 2] == map[i]) {
      lead = i;
      i += 3;
    }
    if (i == len || (t[i] & 0xC0) != 0x80) {
      lead = i;
    }
    if (delta + lead != map[i]) {
      if (n == cap) {
        UnkgOffsetRun* v = malloc(2 * cap * sizeof *v);
        if (!v) {
          if (run != few) {
            free(run);
          }
          return UNKG_ERR_NOMEM;
        }
        memcpy(v, run, n * sizeof *v);
        if (run != few) {
          free(run);
        }
        run = v;
        cap *= 2;
      }
      delta    = (size_t)map[i] - i;
      lead     = i;
      run[n++] = (UnkgOffsetRun){(uint32_t)i, (uint32_t)map[i]};
    }
  }
  size_t at    = (len + 1 + 3) & ~(size_t)3; /* the runs, 4-aligned, after the NUL */
  char*  block = malloc(at + sizeof(UnkgOffsets) + n * sizeof(UnkgOffsetRun));
  if (block) {
    memcpy(block, text, len);
    block[len] = '\0';
    p->text    = block;
    p->map     = (UnkgOffsets*)(void*)(block + at);
    p->map->n  = (uint32_t)n;
    memcpy(p->map->run, run, n * sizeof *run);
    p->begin = map[0];
    p->end   = map[len];
  }
  if (run != few) {
    free(run);
  }
  return block ? UNKG_OK : UNKG_ERR_NOMEM;
}

size_t
unkg_part_offset(const UnkgPart* p, size_t i)
{
  const UnkgOffsets* m  = p->map;
  size_t             lo = 0, hi = m->n; /* the run: the last starting at or before i */
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (m->run[mid].pos <= i) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return run_offset(p->text, &m->run[lo], i);
}

UnkgStatus
unkg_strings_add(char*** list, size_t* n, const char* s)
{
  for (size_t i = 0; i < *n; ++i) {
    if (!strcmp((*list)[i], s)) {
      return UNKG_OK;
    }
  }
  char** v = realloc(*list, (*n + 1) * sizeof *v);
  if (!v) {
    return UNKG_ERR_NOMEM;
  }
  *list = v;
  if (!(v[*n] = unkg_strdup(s))) {
    return UNKG_ERR_NOMEM;
  }
  ++*n;
  return UNKG_OK;
}

UnkgStatus
unkg_doc_add_vote(UnkgDoc* doc, UnkgVoteKind kind, const UnkgEntity* state, const char* name)
{
  UnkgVote* v = realloc(doc->akn.votes, (doc->akn.n_votes + 1) * sizeof *v);
  if (!v) {
    return UNKG_ERR_NOMEM;
  }
  doc->akn.votes = v;
  char* copy     = name ? unkg_strdup(name) : NULL;
  if (name && !copy) {
    return UNKG_ERR_NOMEM;
  }
  doc->akn.votes[doc->akn.n_votes++] = (UnkgVote){kind, state, copy};
  return UNKG_OK;
}

UnkgStatus
unkg_doc_add_sponsor(UnkgDoc* doc, const UnkgEntity* state, const char* name, int additional)
{
  UnkgSponsor* v = realloc(doc->akn.sponsors, (doc->akn.n_sponsors + 1) * sizeof *v);
  if (!v) {
    return UNKG_ERR_NOMEM;
  }
  doc->akn.sponsors = v;
  char* copy        = unkg_strdup(name);
  if (!copy) {
    return UNKG_ERR_NOMEM;
  }
  doc->akn.sponsors[doc->akn.n_sponsors++] = (UnkgSponsor){state, copy, additional};
  return UNKG_OK;
}

void
unkg_part_span(const UnkgPart* p, size_t pos, size_t len, size_t* begin, size_t* end)
{
  size_t n = strlen(p->text);
  pos      = pos > n ? n : pos;
  len      = pos + len > n ? n - pos : len;
  *begin   = p->map ? unkg_part_offset(p, pos) : p->begin;
  /* The end of a span is the end of its last character in the source. */
  if (!p->map || len == 0) {
    *end = p->map ? unkg_part_offset(p, pos) : p->end;
  } else if (pos + len == n) {
    *end = unkg_part_offset(p, n);
  } else {
    size_t last = pos + len;
    size_t prev = unkg_part_offset(p, last - 1);
    *end        = unkg_part_offset(p, last);
    /* bytes of one source character share its offset: step past it */
    if (*end == prev) {
      size_t k = last;
      while (k < n && unkg_part_offset(p, k) == prev) {
        ++k;
      }
      *end = unkg_part_offset(p, k);
    }
  }
}

UnkgCommitment*
unkg_doc_add_commitment(UnkgDoc* doc)
{
  /* By half again: a report of thousands of replies has thousands of
   * actions, and growing by one copied the array for each. */
  if (doc->n_commitments == doc->cap_commitments) {
    size_t cap        = doc->cap_commitments ? doc->cap_commitments + doc->cap_commitments / 2 : 16;
    UnkgCommitment* v = unkg_array_resize(doc->commitments, doc->cap_commitments * sizeof *v,
                                          cap * sizeof *v);
    if (!v) {
      return NULL;
    }
    doc->commitments     = v;
    doc->cap_commitments = cap;
  }
  UnkgCommitment* c = &doc->commitments[doc->n_commitments++];
  memset(c, 0, sizeof *c);
  c->parent = -1;
  return c;
}

UnkgStatus
unkg_part_from_block(UnkgPart* p, const UnkgBlock* b, size_t skip)
{
  while (skip < b->len && b->text[skip] == ' ') {
    ++skip;
  }
  UnkgStatus st = unkg_part_set_text(p, b->text + skip, b->len - skip, b->map + skip);
  if (st) {
    return st;
  }
  p->line = b->line;
  for (size_t i = 0; i < b->n_marks; ++i) {
    if ((st = unkg_part_add_note(p, b->marks[i].label))) {
      return st;
    }
  }
  return UNKG_OK;
}

UnkgStatus
unkg_part_vpath(UnkgPart* p, const char* fmt, va_list ap)
{
  char buf[512];
  int  n = vsnprintf(buf, sizeof buf, fmt, ap);
  if (n < 0 || (size_t)n >= sizeof buf) {
    return UNKG_ERR_LIMIT;
  }
  free(p->path);
  p->path = unkg_strdup(buf);
  return p->path ? UNKG_OK : UNKG_ERR_NOMEM;
}

UnkgStatus
unkg_part_path(UnkgPart* p, const char* fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  UnkgStatus st = unkg_part_vpath(p, fmt, ap);
  va_end(ap);
  return st;
}

UnkgStatus
unkg_doc_add_footnote(UnkgDoc* doc, const UnkgBlock* b)
{
  UnkgPart* p = unkg_doc_add_part(doc, UNKG_PART_FOOTNOTE);
  if (!p || !(p->num = unkg_strdup(b->label))) {
    return UNKG_ERR_NOMEM;
  }
  /* A marker printed twice (annexes and parts restart) stays two nodes:
   * counted by marker, as footnotes of text are made here only. */
  unsigned   dup = 0;
  UnkgBuf    key = {0};
  UnkgStatus st  = unkg_buf_printf(&key, "fn\x1f%s", b->label);
  st             = st ? st : unkg_doc_count_key(doc, key.data, &dup);
  unkg_buf_clear(&key);
  if (st) {
    return st;
  }
  st = dup ? unkg_part_path(p, "fn/%s-%u", b->label, dup + 1) : unkg_part_path(p, "fn/%s", b->label);
  return st ? st : unkg_part_from_block(p, b, 0);
}

/* ---- sub-item labels ------------------------------------------------------ */

size_t
unkg_item_label(const char* s, char out[16], size_t* skip)
{
  static const char* roman[] = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"};
  uint32_t           cp;
  size_t             l = unkg_utf8_decode((const unsigned char*)s, strlen(s), &cp);
  if (l && cp >= 0x3220 && cp <= 0x3229) {
    snprintf(out, 16, "%s", roman[cp - 0x3220]);
    *skip = l;
    return strlen(out);
  }
  if (s[0] != '(') {
    return 0;
  }
  int    zh;
  size_t z = unkg_parse_zh_number(s + 1, strlen(s + 1), &zh);
  if (z && !isdigit((unsigned char)s[1]) && s[1 + z] == ')' && zh > 0 && zh < 40) {
    /* (十一): Chinese numbers the sub-sub-items past ㈩ so. */
    static const char* tens[] = {"", "x", "xx", "xxx"};
    snprintf(out, 16, "%s%s", tens[zh / 10], zh % 10 ? roman[zh % 10 - 1] : "");
    *skip = z + 2;
    return strlen(out);
  }
  size_t i = 1;
  while (i <= 6 && (islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]))) {
    ++i;
  }
  if (i == 1 || s[i] != ')') {
    return 0;
  }
  snprintf(out, 16, "%.*s", (int)(i - 1), s + 1);
  *skip = i + 1;
  return i - 1;
}

int
unkg_roman_value(const char* s)
{
  int total = 0, prev = 0;
  for (size_t i = strlen(s); i-- > 0;) {
    int v = s[i] == 'i' ? 1 : s[i] == 'v' ? 5 : s[i] == 'x' ? 10 : s[i] == 'l' ? 50 : 0;
    if (!v) {
      return 0;
    }
    total += v < prev ? -v : v;
    prev = v > prev ? v : prev;
  }
  return total;
}

bool
unkg_roman_level(const UnkgDoc* doc, int item, const char* label)
{
  if (item < 0 || !unkg_roman_value(label)) {
    return false;
  }
  const UnkgPart* it = &doc->parts[item];
  const UnkgPart* up = it->parent >= 0 ? &doc->parts[it->parent] : NULL;
  if (up && up->kind == UNKG_PART_ITEM) { /* it is a roman sub-sub-item */
    return unkg_roman_value(label) == unkg_roman_value(it->num) + 1;
  }
  bool next_letter = strlen(it->num) == 1 && strlen(label) == 1 && label[0] == it->num[0] + 1;
  return unkg_roman_value(label) == 1 && !next_letter;
}

unsigned
unkg_doc_count_items(const UnkgDoc* doc, size_t before, int parent)
{
  struct UnkgDocIndex* x = doc->index;
  if (before > doc->n_parts) {
    before = doc->n_parts;
  }
  for (; x && x->items_scanned < before; ++x->items_scanned) {
    const UnkgPart* p = &doc->parts[x->items_scanned];
    if (p->kind != UNKG_PART_ITEM || p->parent < -1) {
      continue;
    }
    size_t at = (size_t)(p->parent + 1);
    if (at >= x->cap_items) {
      size_t    cap = at * 2 + 16;
      unsigned* v   = realloc(x->items, cap * sizeof *v);
      if (!v) {
        x = NULL; /* out of memory: counted the slow way below */
        break;
      }
      memset(v + x->cap_items, 0, (cap - x->cap_items) * sizeof *v);
      x->items     = v;
      x->cap_items = cap;
    }
    ++x->items[at];
  }
  if (x && before == x->items_scanned) {
    size_t at = (size_t)(parent + 1);
    return parent >= -1 && at < x->cap_items ? x->items[at] : 0;
  }
  unsigned n = 0;
  for (size_t k = 0; k < before; ++k) {
    n += doc->parts[k].parent == parent && doc->parts[k].kind == UNKG_PART_ITEM;
  }
  return n;
}

/* Counts q in x->paths under itself and under each prefix it extends by
 * '-' and a digit. */
static UnkgStatus
index_path(struct UnkgDocIndex* x, const char* q)
{
  char*      key = unkg_strdup(q);
  UnkgStatus st  = key ? UNKG_OK : UNKG_ERR_NOMEM;
  for (size_t n = strlen(q) + 1; !st && n-- > 0;) {
    if (q[n] == '\0' || (q[n] == '-' && isdigit((unsigned char)q[n + 1]))) {
      key[n]       = '\0';
      size_t* slot = NULL;
      if (!(st = unkg_strmap_put(&x->paths, key, 0, &slot))) {
        ++*slot;
      }
    }
  }
  free(key);
  return st;
}

static bool
path_matches(const char* q, const char* path, size_t n)
{
  return q && !strncmp(q, path, n)
         && (q[n] == '\0' || (q[n] == '-' && isdigit((unsigned char)q[n + 1])));
}

unsigned
unkg_doc_path_seen(const UnkgDoc* doc, size_t before, const char* path)
{
  struct UnkgDocIndex* x = doc->index;
  size_t               n = strlen(path);
  if (before > doc->n_parts) {
    before = doc->n_parts;
  }
  bool ok = x && before >= x->paths_scanned;
  /* Parts that had no path when they were indexed, and have one now. */
  for (size_t i = 0; ok && i < x->n_pathless;) {
    const char* q = doc->parts[x->pathless[i]].path;
    if (q) {
      ok             = !index_path(x, q);
      x->pathless[i] = x->pathless[--x->n_pathless];
    } else {
      ++i;
    }
  }
  for (; ok && x->paths_scanned < before; ++x->paths_scanned) {
    const char* q = doc->parts[x->paths_scanned].path;
    if (q) {
      ok = !index_path(x, q);
    } else {
      size_t* v = realloc(x->pathless, (x->n_pathless + 1) * sizeof *v);
      if ((ok = v != NULL)) {
        x->pathless                  = v;
        x->pathless[x->n_pathless++] = x->paths_scanned;
      }
    }
  }
  if (ok && !x->n_pathless) {
    const size_t* v = unkg_strmap_get(&x->paths, path);
    return v ? (unsigned)*v : 0;
  }
  if (x && !ok) { /* out of memory: the index is dropped, counted the slow way */
    unkg_strmap_clear(&x->paths);
    x->paths_scanned = 0;
    x->n_pathless    = 0;
  }
  unsigned seen = 0;
  for (size_t k = 0; k < before; ++k) {
    seen += path_matches(doc->parts[k].path, path, n);
  }
  return seen;
}

UnkgStatus
unkg_doc_count_key(UnkgDoc* doc, const char* key, unsigned* before)
{
  if (!doc->index && !(doc->index = calloc(1, sizeof *doc->index))) {
    return UNKG_ERR_NOMEM;
  }
  size_t*    slot = NULL;
  UnkgStatus st   = unkg_strmap_put(&doc->index->keys, key, 0, &slot);
  *before         = st ? 0 : (unsigned)(*slot)++;
  return st;
}

UnkgStatus
unkg_part_add_link(UnkgPart* part, const char* href, const char* shown)
{
  UnkgPartMore* more = unkg_part_more(part);
  UnkgLink*     v    = more ? realloc(more->links, (more->n_links + 1) * sizeof *v) : NULL;
  if (!v) {
    return UNKG_ERR_NOMEM;
  }
  more->links = v;
  UnkgLink* l = &v[more->n_links];
  l->href     = unkg_strdup(href);
  l->shown    = unkg_strdup(shown ? shown : "");
  if (!l->href || !l->shown) {
    free(l->href);
    free(l->shown);
    return UNKG_ERR_NOMEM;
  }
  ++more->n_links;
  return UNKG_OK;
}

UnkgPartMore*
unkg_part_more(UnkgPart* p)
{
  if (!p->more) {
    p->more = calloc(1, sizeof *p->more);
  }
  return p->more;
}

UnkgStatus
unkg_doc_set_agenda(UnkgDoc* doc, const char* s)
{
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
    size_t k = j;
    while (s[k] == ' ') {
      ++k;
    }
    UnkgBuf b = {0};
    size_t  q = k + 1;
    while (s[k] == '(' && islower((unsigned char)s[q])) {
      ++q;
    }
    if (s[k] == '(' && q > k + 1 && s[q] == ')') {
      st = unkg_buf_printf(&b, "%.*s (%.*s)", (int)(j - i), s + i, (int)(q - k - 1), s + k + 1);
      j  = q + 1;
    } else {
      st = unkg_buf_printf(&b, "%.*s", (int)(j - i), s + i);
    }
    if (!st) {
      st = unkg_strings_add(&doc->agenda_items, &doc->n_agenda_items, b.data);
    }
    unkg_buf_clear(&b);
    i = j;
  }
  if (!st && doc->n_agenda_items) {
    free(doc->agenda_item);
    doc->agenda_item = unkg_strdup(doc->agenda_items[0]);
    st               = doc->agenda_item ? UNKG_OK : UNKG_ERR_NOMEM;
  }
  return st;
}
