/* Recognise stage, reports: what a report answers, read from the parts the
 * report reader produced.  From the introduction, the resolution and
 * paragraph answered, the dates of the notes verbales and the cut-off date;
 * then the items of that paragraph that ask each question, and which
 * question each reply's sub-heading answers. */
#include "recognise.h"

#include "buf.h"
#include "text.h"
#include "vocab.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- what the report answers ------------------------------------------------ */

static UnkgStatus
read_introduction(const UnkgLexicon* lex, UnkgDoc* doc, size_t first_reply)
{
  for (size_t i = 0; i < first_reply && i < doc->n_parts; ++i) {
    UnkgPart*  p   = &doc->parts[i];
    UnkgPart   tmp = {0};
    UnkgStatus st  = UNKG_OK;
    if (p->kind != UNKG_PART_PARAGRAPH) {
      continue;
    }
    if (!doc->rep.responds_to) {
      st = unkg_recognise_citations(&tmp, lex, p->text);
      for (size_t k = 0; !st && k < tmp.n_cites; ++k) {
        if (tmp.cites[k].kind == UNKG_CITE_RESOLUTION && !doc->rep.responds_to) {
          if (!(doc->rep.responds_to = unkg_strdup(tmp.cites[k].symbol))) {
            st = UNKG_ERR_NOMEM;
          }
          /* "在该决议第3段中": the paragraph number after the citation. */
          const char* q = strstr(p->text + tmp.cites[k].pos, "第");
          while (q && !doc->rep.responds_para) {
            int    n;
            size_t l = unkg_parse_zh_number(q + 3, strlen(q + 3), &n);
            if (l && unkg_starts_with(q + 3 + l, "段")) {
              char buf[16];
              snprintf(buf, sizeof buf, "%d", n);
              doc->rep.responds_para = unkg_strdup(buf);
            }
            q = strstr(q + 3, "第");
          }
        }
      }
      unkg_part_clear(&tmp);
      if (st) {
        return st;
      }
    }
    /* Sentence by sentence: dates of notes verbales, and the cut-off date
     * after which replies are only posted online. */
    const char* s = p->text;
    while (*s && !st) {
      const char* end  = strstr(s, "。");
      size_t      n    = end ? (size_t)(end - s) : strlen(s);
      char*       sent = unkg_strndup(s, n);
      if (!sent) {
        return UNKG_ERR_NOMEM;
      }
      bool note = false;
      for (size_t k = 0; sent[k] && !note; ++k) {
        note = unkg_lexicon_phrase_at(lex, U("Report"), UNKG_ROLE_NOTE_VERBALE, sent + k) > 0;
      }
      for (size_t k = 0; sent[k] && !st;) {
        char   date[11];
        size_t l = unkg_parse_zh_date(sent + k, n - k, date);
        if (!l) {
          ++k;
          continue;
        }
        if (unkg_lexicon_phrase_at(lex, U("Report"), UNKG_ROLE_RECEIVED_AFTER, sent + k + l)) {
          free(doc->rep.cutoff_date);
          if (!(doc->rep.cutoff_date = unkg_strdup(date))) {
            st = UNKG_ERR_NOMEM;
          }
        } else if (note) {
          st = unkg_doc_add_note_date(doc, date);
        }
        k += l;
      }
      free(sent);
      s += n;
      if (end) {
        s += strlen("。");
      }
    }
    if (st) {
      return st;
    }
  }
  return UNKG_OK;
}

/* ---- which question a heading answers --------------------------------------- */

typedef struct {
  uint32_t a, b;
} Bigram;

static size_t
bigrams(const char* s, Bigram* out, size_t cap)
{
  uint32_t prev = 0;
  size_t   n    = 0;
  size_t   len  = strlen(s); /* once: per character it made long texts quadratic */
  for (size_t i = 0; s[i] && n < cap;) {
    uint32_t cp;
    size_t   l = unkg_utf8_decode((const unsigned char*)s + i, len - i, &cp);
    i += l ? l : 1;
    /* Punctuation carries no meaning here. */
    if ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F)
        || (cp >= 0xFF1A && cp <= 0xFF20) || (cp < 128 && !isalnum((int)cp))) {
      prev = 0;
      continue;
    }
    if (prev && n < cap) {
      out[n++] = (Bigram){prev, cp};
    }
    prev = cp;
  }
  return n;
}

/* Dice coefficient over character bigrams: headings paraphrase the
 * questions, sharing most of their words but rarely all of them. */
static double
similarity(const char* x, const char* y)
{
  Bigram a[256], b[256];
  size_t na = bigrams(x, a, 256), nb = bigrams(y, b, 256);
  if (!na || !nb) {
    return 0.0;
  }
  bool   used[256] = {false};
  size_t common    = 0;
  for (size_t i = 0; i < na; ++i) {
    for (size_t j = 0; j < nb; ++j) {
      if (!used[j] && a[i].a == b[j].a && a[i].b == b[j].b) {
        used[j] = true;
        ++common;
        break;
      }
    }
  }
  return 2.0 * (double)common / (double)(na + nb);
}

/* Headings times questions of one reply past which no question is
 * assigned (docs/security.md): 4 M cells, 32 MB of choices. */
#define UNKG_MAX_MATCH_CELLS ((size_t)4 << 20)

/* Assigns questions to the headings of one reply.  Replies take the
 * questions in order, usually once each, so the assignment is the best
 * non-decreasing sequence, with a penalty for answering a question twice
 * and a floor below which a heading answers none. */
static UnkgStatus
match_headings(UnkgDoc* doc, const int* heads, size_t m, const int* qs, size_t n)
{
  const double none = 0.12, repeat = 0.25;
  size_t       w = n + 1; /* state j: last question taken, 0 = none yet */
  /* Only the choices are kept per heading; scores need two rows.  The best
   * earlier state is carried along the row (a running maximum), so a row
   * costs O(n), not O(n^2), and each similarity is computed once. */
  if (m > UNKG_MAX_MATCH_CELLS / w) {
    return UNKG_OK; /* too many to match: the headings answer no question */
  }
  double* prev = malloc(w * sizeof *prev);
  double* cur  = malloc(w * sizeof *cur);
  double* sim  = malloc(w * sizeof *sim);
  int*    from = malloc((m + 1) * w * sizeof *from);
  int*    pick = malloc((m + 1) * w * sizeof *pick);
  if (!prev || !cur || !sim || !from || !pick) {
    free(prev);
    free(cur);
    free(sim);
    free(from);
    free(pick);
    return UNKG_ERR_NOMEM;
  }
  for (size_t j = 0; j < w; ++j) {
    prev[j] = j == 0 ? 0.0 : -1e9;
  }
  for (size_t i = 1; i <= m; ++i) {
    const char* h = doc->parts[heads[i - 1]].text;
    for (size_t k = 1; k <= n; ++k) {
      sim[k] = similarity(h, doc->parts[qs[k - 1]].text);
    }
    int*   fr = &from[i * w];
    int*   pk = &pick[i * w];
    double bv = 0.0; /* the best reachable prev[j], j < k: the first such j */
    int    bj = -1;
    /* In the order the full search tried them, strictly better wins: a
     * question after an earlier state, then none, then the same again. */
    for (size_t k = 0; k < w; ++k) {
      cur[k] = -1e9;
      fr[k]  = 0;
      pk[k]  = -1;
      if (k && bj >= 0 && bv + sim[k] > cur[k]) {
        cur[k] = bv + sim[k];
        fr[k]  = bj;
        pk[k]  = (int)k;
      }
      if (prev[k] >= -1e8) {
        if (prev[k] + none > cur[k]) {
          cur[k] = prev[k] + none;
          fr[k]  = (int)k;
          pk[k]  = -1;
        }
        if (k && prev[k] + sim[k] - repeat > cur[k]) {
          cur[k] = prev[k] + sim[k] - repeat;
          fr[k]  = (int)k;
          pk[k]  = (int)k;
        }
        if (bj < 0 || prev[k] > bv) {
          bv = prev[k];
          bj = (int)k;
        }
      }
    }
    double* t = prev;
    prev      = cur;
    cur       = t;
  }
  size_t best = 0;
  for (size_t j = 1; j < w; ++j) {
    if (prev[j] > prev[best]) {
      best = j;
    }
  }
  for (size_t i = m; i >= 1; --i) {
    int k                             = pick[i * w + best];
    doc->parts[heads[i - 1]].question = k > 0 ? qs[k - 1] : -1;
    best                              = (size_t)from[i * w + best];
  }
  free(prev);
  free(cur);
  free(sim);
  free(from);
  free(pick);
  return UNKG_OK;
}

static UnkgStatus
match_all_headings(UnkgDoc* doc)
{
  int*       qs    = malloc((doc->n_parts + 1) * sizeof *qs);
  int*       heads = malloc((doc->n_parts + 1) * sizeof *heads);
  size_t     n     = 0;
  UnkgStatus st    = qs && heads ? UNKG_OK : UNKG_ERR_NOMEM;
  for (size_t i = 0; !st && i < doc->n_parts; ++i) {
    if (doc->parts[i].kind == UNKG_PART_QUESTION) {
      qs[n++] = (int)i;
    }
  }
  for (size_t i = 0; !st && n && i < doc->n_parts; ++i) {
    if (doc->parts[i].kind != UNKG_PART_REPLY) {
      continue;
    }
    size_t m = 0;
    for (size_t k = i + 1; k < doc->n_parts && doc->parts[k].reply == (int)i; ++k) {
      if (doc->parts[k].kind == UNKG_PART_HEADING) {
        heads[m++] = (int)k;
      }
    }
    if (m) {
      st = match_headings(doc, heads, m, qs, n);
    }
  }
  free(qs);
  free(heads);
  return st;
}

/* ---- entry ------------------------------------------------------------------ */

UnkgStatus
unkg_recognise_report(const UnkgCtx* c, UnkgDoc* doc)
{
  size_t first_reply = 0;
  while (first_reply < doc->n_parts && doc->parts[first_reply].kind != UNKG_PART_REPLY) {
    ++first_reply;
  }
  UnkgStatus st = read_introduction(c->lex, doc, first_reply);
  if (st) {
    return st;
  }
  /* Questions are asked by the items of the paragraph the report answers. */
  for (size_t i = 0; doc->rep.responds_para && i < doc->n_parts; ++i) {
    UnkgPart* q = &doc->parts[i];
    if (q->kind == UNKG_PART_QUESTION) {
      UnkgBuf       b    = {0};
      UnkgPartMore* more = unkg_part_more(q);
      if (!more || unkg_buf_printf(&b, "op/%s/%s", doc->rep.responds_para, q->num)) {
        unkg_buf_clear(&b);
        return UNKG_ERR_NOMEM;
      }
      more->asked_by = unkg_buf_take(&b);
    }
  }
  return match_all_headings(doc);
}
