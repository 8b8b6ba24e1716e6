/* The language files of one resolution, aligned (align.h). */
#include "config.h"

#include "align.h"

#include "buf.h"
#include "lead.h"
#include "text.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The files differ by a few paragraphs, not by hundreds: pairs further off
 * the diagonal than this (plus the difference in length) are not tried. */
#define BAND 40
#define GAP (-1.0)
/* Two parts opening with the same lead verb (the same concept of
 * verbs.ttl) score this much more: it tells paragraphs without numbers
 * apart, and pairs a paragraph that one file numbers in its text with the
 * one another file numbers in the markup. */
#define LEAD 1.0
/* The table of moves has a byte per pair of parts; two documents with more
 * pairs than this (far beyond any UN resolution: the largest file of the
 * 75th and 76th sessions, 76/72, has 620 parts) are not aligned, and say
 * so. */
#define MAX_CELLS ((size_t)64 * 1024 * 1024)

bool
unkg_align_same_work(const UnkgDoc* a, const UnkgDoc* b)
{
  return a && b && a != b && a->genre == UNKG_GENRE_RESOLUTION && b->genre == UNKG_GENRE_RESOLUTION
         && a->akn.work && b->akn.work && a->symbol && b->symbol && !strcmp(a->symbol, b->symbol);
}

size_t
unkg_align_reference(UnkgDoc* const* docs, size_t n)
{
  size_t best = n;
  for (size_t i = 0; i < n; ++i) {
    if (!docs[i] || !docs[i]->lang) {
      continue;
    }
    if (!strcmp(docs[i]->lang, "en")) {
      return i;
    }
    if (best == n || strcmp(docs[i]->lang, docs[best]->lang) < 0) {
      best = i;
    }
  }
  return best;
}

/* ---- what a pair of parts shares ------------------------------------------------ */

/* The kind of a path: what comes before its first slash (pp, op, annex, fn,
 * text), as length. */
static size_t
kind_len(const char* path)
{
  const char* s = strchr(path, '/');
  return s ? (size_t)(s - path) : strlen(path);
}

/* The last run of digits in a path (pp/5 -> 5, op/3-2 -> 2, annex/1/text/4
 * -> 4): *len 0 if none. */
static const char*
last_number(const char* path, size_t* len)
{
  const char* end = NULL;
  for (const char* p = path; *p; ++p) {
    if (*p >= '0' && *p <= '9') {
      end = p + 1;
    }
  }
  const char* start = end;
  while (start && start > path && start[-1] >= '0' && start[-1] <= '9') {
    --start;
  }
  *len = end ? (size_t)(end - start) : 0;
  return start;
}

/* The digit value of the character at s (ASCII, Arabic-Indic, extended
 * Arabic-Indic, full-width: no translation changes them), -1 if none;
 * *n its bytes. */
static int
digit_at(const unsigned char* s, size_t* n)
{
  *n = 1;
  if (*s >= '0' && *s <= '9') {
    return *s - '0';
  }
  if (s[0] == 0xD9 && s[1] >= 0xA0 && s[1] <= 0xA9) { /* U+0660-0669 */
    *n = 2;
    return s[1] - 0xA0;
  }
  if (s[0] == 0xDB && s[1] >= 0xB0 && s[1] <= 0xB9) { /* U+06F0-06F9 */
    *n = 2;
    return s[1] - 0xB0;
  }
  if (s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99) { /* U+FF10-FF19 */
    *n = 3;
    return s[2] - 0x90;
  }
  return -1;
}

static int
cmp_u64(const void* a, const void* b)
{
  uint64_t x = *(const uint64_t*)a, y = *(const uint64_t*)b;
  return x < y ? -1 : x > y;
}

/* The numbers a text contains, as a sorted set of keys: a number as
 * written ("05" is not "5") is its value and length, a longer one a hash. */
typedef struct {
  uint64_t* v;
  size_t    n;
} Numbers;

static UnkgStatus
numbers_of(const char* text, Numbers* out)
{
  out->v     = NULL;
  out->n     = 0;
  size_t cap = 0;
  char   buf[64];
  for (const unsigned char* s = (const unsigned char*)(text ? text : ""); *s;) {
    size_t k;
    size_t len = 0;
    int    d;
    while ((d = digit_at(s, &k)) >= 0) {
      if (len < sizeof buf) {
        buf[len] = (char)('0' + d);
      }
      ++len;
      s += k;
    }
    if (!len) {
      ++s;
      continue;
    }
    uint64_t key = 0;
    if (len <= 17) {
      for (size_t i = 0; i < len; ++i) {
        key = key * 10 + (uint64_t)(buf[i] - '0');
      }
      key = key * 32 + len;
    } else {
      key = unkg_hash64(buf, len < sizeof buf ? len : sizeof buf) | ((uint64_t)1 << 63);
    }
    if (out->n == cap) {
      cap         = cap ? cap * 2 : 8;
      uint64_t* v = realloc(out->v, cap * sizeof *v);
      if (!v) {
        free(out->v);
        out->v = NULL;
        return UNKG_ERR_NOMEM;
      }
      out->v = v;
    }
    out->v[out->n++] = key;
  }
  if (out->n) {
    qsort(out->v, out->n, sizeof *out->v, cmp_u64);
    size_t w = 1;
    for (size_t i = 1; i < out->n; ++i) {
      if (out->v[i] != out->v[w - 1]) {
        out->v[w++] = out->v[i];
      }
    }
    out->n = w;
  }
  return UNKG_OK;
}

static bool
is_paragraph_kind(const char* path, size_t n)
{
  return (n == 2 && (!strncmp(path, "pp", 2) || !strncmp(path, "op", 2)))
         || (n == 4 && !strncmp(path, "text", 4));
}

/* The lead verb of a part, as recognise will read it (the phrase the markup
 * sets off, else the start of a paragraph's text), or NULL. */
static const UnkgEntity*
lead_verb(const UnkgLexicon* lex, const UnkgPart* p)
{
  const UnkgEntity* modifier = NULL;
  size_t            len      = 0;
  if (!lex || p->kind == UNKG_PART_FOOTNOTE) {
    return NULL;
  }
  if (p->lead) {
    return unkg_lead_match(lex, p->lead, &modifier, &len);
  }
  if (p->text
      && (p->kind == UNKG_PART_PREAMBULAR || p->kind == UNKG_PART_OPERATIVE
          || p->kind == UNKG_PART_TEXT)) {
    return unkg_lead_match(lex, p->text, &modifier, &len);
  }
  return NULL;
}

/* What pairing part a with part b is worth (bench/akn_align.py's score,
 * to the same floating-point operations). */
static double
score(const char* a, const Numbers* na, const char* b, const Numbers* nb)
{
  double s;
  size_t ka = kind_len(a), kb = kind_len(b);
  if (!strcmp(a, b)) {
    s = 2.0; /* less than what the texts share: the path is what may be off */
  } else if (ka == kb && !strncmp(a, b, ka)) {
    size_t      la, lb;
    const char* xa = last_number(a, &la);
    const char* xb = last_number(b, &lb);
    s              = la == lb && (!la || !strncmp(xa, xb, la)) ? 1.5 : 1.0;
  } else if (is_paragraph_kind(a, ka) && is_paragraph_kind(b, kb)) {
    s = 0.5; /* a paragraph one file has in the preamble, another in the body */
  } else {
    return -9.0; /* a footnote is not an annex paragraph */
  }
  if (na->n || nb->n) {
    size_t common = 0;
    for (size_t i = 0, j = 0; i < na->n && j < nb->n;) {
      if (na->v[i] == nb->v[j]) {
        ++common;
        ++i;
        ++j;
      } else if (na->v[i] < nb->v[j]) {
        ++i;
      } else {
        ++j;
      }
    }
    size_t all = na->n + nb->n - common;
    s += (double)(3 * common) / (double)all;
  }
  return s;
}

/* ---- the dynamic programme ---------------------------------------------------- */

enum { PAIR = 0, ALONE_DOC = 1, ALONE_REF = 2 };

/* pair[i]: the reference part paired with doc part i, or -1. */
static UnkgStatus
align_parts(const UnkgDoc* doc, const Numbers* nd, const UnkgEntity* const* vd, const UnkgDoc* ref,
            const Numbers* nr, const UnkgEntity* const* vr, long* pair)
{
  size_t         n = doc->n_parts, m = ref->n_parts;
  unsigned char* move = malloc((n + 1) * (m + 1));
  double*        prev = malloc((m + 1) * sizeof *prev);
  double*        cur  = malloc((m + 1) * sizeof *cur);
  if (!move || !prev || !cur) {
    free(move);
    free(prev);
    free(cur);
    return UNKG_ERR_NOMEM;
  }
  size_t w  = m + 1;
  size_t dn = n > m ? n - m : m - n;
  prev[0]   = 0.0;
  move[0]   = PAIR;
  for (size_t j = 1; j <= m; ++j) {
    prev[j] = prev[j - 1] + GAP;
    move[j] = ALONE_REF;
  }
  for (size_t i = 1; i <= n; ++i) {
    size_t centre = i * m / n;
    cur[0]        = prev[0] + GAP;
    move[i * w]   = ALONE_DOC;
    const char* a = doc->parts[i - 1].path;
    for (size_t j = 1; j <= m; ++j) {
      size_t off = j > centre ? j - centre : centre - j;
      if (off > BAND + dn) {
        cur[j]          = -INFINITY;
        move[i * w + j] = ALONE_DOC;
        continue;
      }
      double sc = score(a, &nd[i - 1], ref->parts[j - 1].path, &nr[j - 1]);
      if (sc > -9.0 && vd[i - 1] && vd[i - 1] == vr[j - 1]) {
        sc += LEAD; /* the same lead verb: what numbers cannot say */
      }
      double v[3] = {sc >= 1 ? prev[j - 1] + sc : -INFINITY, prev[j] + GAP, cur[j - 1] + GAP};
      /* Ties go to the later move, as Python's max over (score, move). */
      int k = PAIR;
      if (v[ALONE_DOC] >= v[k]) {
        k = ALONE_DOC;
      }
      if (v[ALONE_REF] >= v[k]) {
        k = ALONE_REF;
      }
      cur[j]          = v[k];
      move[i * w + j] = (unsigned char)k;
    }
    double* t = prev;
    prev      = cur;
    cur       = t;
  }
  for (size_t i = 0; i < n; ++i) {
    pair[i] = -1;
  }
  for (size_t i = n, j = m; i || j;) {
    int mv = move[i * w + j];
    if (mv == PAIR && i && j) {
      pair[i - 1] = (long)(j - 1);
      --i;
      --j;
    } else if (mv == ALONE_DOC && i) {
      --i;
    } else {
      --j;
    }
  }
  free(move);
  free(prev);
  free(cur);
  return UNKG_OK;
}

/* ---- renaming ------------------------------------------------------------------- */

/* A path for an unpaired part: its own, under its parent's new path if the
 * parent moved, and with -2, -3 ... where a reference part or a part of
 * doc already has it (another paragraph's node). */
static UnkgStatus
fresh_path(const UnkgDoc* doc, size_t i, char** new_path, const UnkgStrMap* ref_paths,
           UnkgStrMap* taken, char** out)
{
  const UnkgPart* p    = &doc->parts[i];
  UnkgBuf         base = {0};
  UnkgStatus      st   = UNKG_OK;
  *out                 = NULL;
  if (p->parent >= 0 && new_path[p->parent]) {
    const char* old = doc->parts[p->parent].path;
    size_t      k   = strlen(old);
    if (!strncmp(p->path, old, k) && p->path[k] == '/') {
      st = unkg_buf_printf(&base, "%s%s", new_path[p->parent], p->path + k);
    }
  }
  if (!st && !base.len) {
    st = unkg_buf_printf(&base, "%s", p->path);
  }
  UnkgBuf cand = {0};
  for (unsigned k = 1; !st; ++k) {
    cand.len = 0;
    st       = k == 1 ? unkg_buf_printf(&cand, "%s", base.data)
                      : unkg_buf_printf(&cand, "%s-%u", base.data, k);
    if (!st && !unkg_strmap_get(ref_paths, cand.data) && !unkg_strmap_get(taken, cand.data)) {
      break;
    }
  }
  unkg_buf_clear(&base);
  if (!st && !(st = unkg_strmap_put(taken, cand.data, i, NULL))) {
    *out = unkg_buf_take(&cand);
  }
  unkg_buf_clear(&cand);
  return st;
}

/* The notes a part refers to follow their footnotes: a marker whose note
 * fn/M became fn/X is X. */
static UnkgStatus
rename_notes(UnkgDoc* doc, char** new_path)
{
  UnkgStrMap moved = {0}; /* old marker -> part index */
  UnkgStatus st    = UNKG_OK;
  for (size_t i = 0; i < doc->n_parts && !st; ++i) {
    const UnkgPart* p = &doc->parts[i];
    if (p->kind == UNKG_PART_FOOTNOTE && new_path[i] && !strncmp(p->path, "fn/", 3)
        && !strncmp(new_path[i], "fn/", 3)) {
      st = unkg_strmap_put(&moved, p->path + 3, i, NULL);
    }
  }
  for (size_t i = 0; i < doc->n_parts && !st && moved.n; ++i) {
    UnkgPart* p = &doc->parts[i];
    for (size_t k = 0; k < p->n_notes && !st; ++k) {
      size_t* at = unkg_strmap_get(&moved, p->notes[k]);
      if (at) {
        char* marker = unkg_strdup(new_path[*at] + 3);
        if (!marker) {
          st = UNKG_ERR_NOMEM;
        } else {
          free(p->notes[k]);
          p->notes[k] = marker;
        }
      }
    }
  }
  unkg_strmap_clear(&moved);
  return st;
}

static bool
same_paths(const UnkgDoc* doc, const UnkgStrMap* ref_paths, size_t n_ref)
{
  if (doc->n_parts != n_ref) {
    return false;
  }
  for (size_t i = 0; i < doc->n_parts; ++i) {
    if (!unkg_strmap_get(ref_paths, doc->parts[i].path)) {
      return false;
    }
  }
  return true;
}

static const char*
eid(const UnkgPart* p)
{
  return unkg_part_akn_eid(p) ? unkg_part_akn_eid(p) : "-";
}

UnkgStatus
unkg_align_doc(const UnkgCtx* c, const UnkgDoc* ref, const char* ref_name, UnkgDoc* doc,
               bool verbose, UnkgAlignStats* stats)
{
  memset(stats, 0, sizeof *stats);
  size_t     n = doc->n_parts, m = ref->n_parts;
  UnkgStrMap ref_paths = {0};
  UnkgStatus st        = UNKG_OK;
  for (size_t j = 0; j < m && !st; ++j) {
    st = unkg_strmap_put(&ref_paths, ref->parts[j].path, j, NULL);
  }
  if (!st && same_paths(doc, &ref_paths, m)) {
    stats->same = n;
    unkg_strmap_clear(&ref_paths);
    return UNKG_OK;
  }
  if (!st && (n + 1) * (m + 1) > MAX_CELLS) {
    unkg_warning(c, 0, 0, "not aligned with %s: %zu and %zu parts are too many to align", ref_name,
                 n, m);
    unkg_strmap_clear(&ref_paths);
    return UNKG_OK;
  }
  Numbers*           nd       = st ? NULL : calloc(n ? n : 1, sizeof *nd);
  const UnkgEntity** vd       = st ? NULL : calloc(n ? n : 1, sizeof(UnkgEntity*));
  const UnkgEntity** vr       = st ? NULL : calloc(m ? m : 1, sizeof(UnkgEntity*));
  Numbers*           nr       = st ? NULL : calloc(m ? m : 1, sizeof *nr);
  long*              pair     = st ? NULL : calloc(n ? n : 1, sizeof *pair);
  char**             new_path = st ? NULL : calloc(n ? n : 1, sizeof *new_path);
  bool*              used     = st ? NULL : calloc(m ? m : 1, sizeof *used);
  UnkgStrMap         taken    = {0};
  if (!st && (!nd || !nr || !vd || !vr || !pair || !new_path || !used)) {
    st = UNKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < n && !st; ++i) {
    st    = numbers_of(doc->parts[i].text, &nd[i]);
    vd[i] = lead_verb(c->lex, &doc->parts[i]);
  }
  for (size_t j = 0; j < m && !st; ++j) {
    st    = numbers_of(ref->parts[j].text, &nr[j]);
    vr[j] = lead_verb(c->lex, &ref->parts[j]);
  }
  if (!st) {
    st = align_parts(doc, nd, vd, ref, nr, vr, pair);
  }
  /* Paired parts take the reference's paths first, so that an unpaired
   * part's own path is given up where a paired one now holds it. */
  for (size_t i = 0; i < n && !st; ++i) {
    if (pair[i] < 0) {
      continue;
    }
    const char* to = ref->parts[pair[i]].path;
    used[pair[i]]  = true;
    if (!strcmp(to, doc->parts[i].path)) {
      ++stats->same;
    } else {
      ++stats->renamed;
      if (!(new_path[i] = unkg_strdup(to))) {
        st = UNKG_ERR_NOMEM;
      } else if (verbose) {
        unkg_warning(c, doc->parts[i].line, 0, "alignment: %s (eId %s) is %s of %s",
                     doc->parts[i].path, eid(&doc->parts[i]), to, ref_name);
      }
    }
    if (!st) {
      st = unkg_strmap_put(&taken, to, i, NULL);
    }
  }
  for (size_t i = 0; i < n && !st; ++i) {
    if (pair[i] >= 0) {
      continue;
    }
    ++stats->only_doc;
    char* to = NULL;
    if (!(st = fresh_path(doc, i, new_path, &ref_paths, &taken, &to))) {
      if (verbose) {
        unkg_warning(c, doc->parts[i].line, 0,
                     "alignment: %s (eId %s) has no counterpart in %s; kept as %s",
                     doc->parts[i].path, eid(&doc->parts[i]), ref_name, to);
      }
      if (!strcmp(to, doc->parts[i].path)) {
        free(to);
      } else {
        new_path[i] = to;
      }
    }
  }
  for (size_t j = 0; j < m && !st; ++j) {
    if (!used[j]) {
      ++stats->only_ref;
      if (verbose) {
        unkg_warning(c, 0, 0, "alignment: %s of %s (eId %s) has no counterpart here",
                     ref->parts[j].path, ref_name, eid(&ref->parts[j]));
      }
    }
  }
  if (!st) {
    st = rename_notes(doc, new_path);
  }
  for (size_t i = 0; i < n && !st; ++i) {
    if (new_path[i]) {
      free(doc->parts[i].path);
      doc->parts[i].path = new_path[i];
      new_path[i]        = NULL;
    }
  }
  if (!st && (stats->only_doc || stats->only_ref)) {
    unkg_warning(c, 0, 0,
                 "paragraphs aligned with %s by number and position: %zu renamed to its IRIs, "
                 "%zu only in this file (kept), %zu of its parts missing here",
                 ref_name, stats->renamed, stats->only_doc, stats->only_ref);
  }
  if (st) {
    unkg_error(c, st, 0, 0, "%s", unkg_strerror(st));
  }
  for (size_t i = 0; nd && i < n; ++i) {
    free(nd[i].v);
  }
  for (size_t j = 0; nr && j < m; ++j) {
    free(nr[j].v);
  }
  for (size_t i = 0; new_path && i < n; ++i) {
    free(new_path[i]);
  }
  free(nd);
  free(nr);
  free((void*)vd);
  free((void*)vr);
  free(pair);
  free(new_path);
  free(used);
  unkg_strmap_clear(&taken);
  unkg_strmap_clear(&ref_paths);
  return st;
}
