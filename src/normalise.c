#include "normalise.h"

#include "buf.h"
#include "text.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- lines ------------------------------------------------------------ */

typedef enum { LINE_BLANK, LINE_ARTEFACT, LINE_FOOTNOTE, LINE_TEXT } LineKind;

typedef struct {
  size_t   begin, end; /* content, trimmed of leading and trailing spaces */
  unsigned no;         /* 1-based */
  unsigned width;      /* columns */
  bool     indented;
  bool     page_joined; /* joined to the line before across a page break */
  LineKind kind;
} Line;

static uint32_t
cp_at(const char* s, size_t n, size_t* len)
{
  uint32_t cp = 0xFFFD;
  *len        = unkg_utf8_decode((const unsigned char*)s, n, &cp);
  if (!*len) {
    *len = 1; /* read.c has validated the input; be safe anyway */
  }
  return cp;
}

/* ---- page artefacts ----------------------------------------------------- */

static bool
all_digits(const char* s, size_t n)
{
  if (!n) {
    return false;
  }
  for (size_t i = 0; i < n; ++i) {
    if (!isdigit((unsigned char)s[i])) {
      return false;
    }
  }
  return true;
}

/* A UN document symbol: A/72/315, A/C.2/59/3, A/RES/71/28, S/2017/1. */
static bool
is_symbol_token(const char* s, size_t n)
{
  if (n < 3 || !isupper((unsigned char)s[0])) {
    return false;
  }
  bool slash = false, digit = false;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = (unsigned char)s[i];
    if (c == '/') {
      slash = true;
    } else if (isdigit(c)) {
      digit = true;
    } else if (!isalpha(c) && c != '.' && c != '-' && c != '(' && c != ')') {
      return false;
    }
  }
  return slash && digit && s[n - 1] != '/' && s[n - 1] != '.';
}

typedef enum { TOK_OTHER, TOK_SYMBOL, TOK_PAGE, TOK_JOB, TOK_WEAK } TokKind;

static TokKind
artefact_token(const char* s, size_t n)
{
  const char* slash = memchr(s, '/', n);
  if (slash && all_digits(s, (size_t)(slash - s))
      && all_digits(slash + 1, n - (size_t)(slash - s) - 1) && n <= 9) {
    return TOK_PAGE; /* 9/24 */
  }
  if (is_symbol_token(s, n)) {
    return TOK_SYMBOL;
  }
  const char* dash = memchr(s, '-', n);
  if (dash) {
    /* Job numbers: 17-13876, GE.17-13876 */
    const char* start = s;
    const char* dot   = memchr(s, '.', (size_t)(dash - s));
    if (dot) {
      for (const char* p = s; p < dot; ++p) {
        if (!isupper((unsigned char)*p)) {
          return TOK_OTHER;
        }
      }
      start = dot + 1;
    }
    size_t a = (size_t)(dash - start), b = n - (size_t)(dash - s) - 1;
    if (a == 2 && b >= 4 && b <= 6 && all_digits(start, a) && all_digits(dash + 1, b)) {
      return TOK_JOB;
    }
    return TOK_OTHER;
  }
  if (n == 3 && s[0] == '(' && isupper((unsigned char)s[1]) && s[2] == ')') {
    return TOK_WEAK; /* (C): the language of the edition */
  }
  if (n >= 7 && s[0] == '*' && s[n - 1] == '*' && all_digits(s + 1, n - 2)) {
    return TOK_JOB; /* *1713876* barcode text */
  }
  if (n <= 3 && all_digits(s, n)) {
    return TOK_WEAK; /* a bare page number */
  }
  return TOK_OTHER;
}

/* A line made only of running-head / footer tokens.  *sym receives the
 * document symbol it carries, if any. */
static bool
is_page_artefact(const char* s, size_t n, const char** sym, size_t* sym_len)
{
  bool strong = false, weak_only_number = true;
  int  tokens = 0;
  *sym        = NULL;
  for (size_t i = 0; i < n;) {
    while (i < n && s[i] == ' ') {
      ++i;
    }
    size_t j = i;
    while (j < n && s[j] != ' ') {
      ++j;
    }
    if (j == i) {
      break;
    }
    ++tokens;
    switch (artefact_token(s + i, j - i)) {
    case TOK_OTHER: return false;
    case TOK_SYMBOL:
      *sym             = s + i;
      *sym_len         = j - i;
      strong           = true;
      weak_only_number = false;
      break;
    case TOK_PAGE:
    case TOK_JOB:
      strong           = true;
      weak_only_number = false;
      break;
    case TOK_WEAK:
      if (s[i] == '(') {
        weak_only_number = false;
      }
      break;
    }
    i = j;
  }
  /* A lone page number counts; a lone "(C)" does not. */
  return strong || (tokens == 1 && weak_only_number);
}

/* ---- structural markers ------------------------------------------------ */

/* Does the text start a new paragraph by its own form (a number, an item
 * letter, a section numeral, an editorial bracket)? */
static bool
starts_with_marker(const char* s, size_t n)
{
  size_t i = 0;
  while (i < n && isdigit((unsigned char)s[i])) {
    ++i;
  }
  if (i > 0 && i <= 3 && i < n && s[i] == '.'
      && (i + 1 == n || s[i + 1] == ' ' || (unsigned char)s[i + 1] >= 0x80)) {
    return true; /* "1. " or "1.促请" */
  }
  if (n >= 3 && s[0] == '(') {
    size_t j = 1;
    while (j < n && j <= 5 && (islower((unsigned char)s[j]) || isdigit((unsigned char)s[j]))) {
      ++j;
    }
    if (j > 1 && j < n && s[j] == ')') {
      return true; /* (a) (iv) (12) */
    }
  }
  if (n >= 1 && s[0] == '[') {
    return true; /* [原文：英文], [2017 年 5 月 26 日] */
  }
  /* Section numerals: 一. 二、 ... and capital letters "A. " */
  static const uint32_t numerals[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                      0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341};
  size_t                k          = 0;
  while (k < n) {
    size_t   l;
    uint32_t c  = cp_at(s + k, n - k, &l);
    bool     nm = false;
    for (size_t m = 0; m < sizeof numerals / sizeof *numerals; ++m) {
      nm = nm || c == numerals[m];
    }
    if (!nm) {
      break;
    }
    k += l;
  }
  if (k > 0 && k < n) {
    size_t   l;
    uint32_t c = cp_at(s + k, n - k, &l);
    if (c == '.' || c == 0x3001 /* 、 */ || c == 0xFF0E) {
      return true;
    }
  }
  if (n >= 3 && isupper((unsigned char)s[0]) && s[1] == '.' && s[2] == ' ') {
    return true;
  }
  return false;
}

/* ---- characters ---------------------------------------------------------- */

typedef struct {
  uint32_t cp;
  size_t   off;  /* source byte offset */
  size_t   slen; /* source byte length (0 for inserted characters) */
  int      mark; /* index into marks of a marker standing before it, or -1 */
} Ch;

typedef struct {
  Ch*    v;
  size_t n, cap;
} ChVec;

static UnkgStatus
ch_push(ChVec* cv, uint32_t cp, size_t off, size_t slen)
{
  if (cv->n == cv->cap) {
    size_t cap = cv->cap ? cv->cap * 2 : 256;
    Ch*    v   = realloc(cv->v, cap * sizeof *v);
    if (!v) {
      return UNKG_ERR_NOMEM;
    }
    cv->v   = v;
    cv->cap = cap;
  }
  cv->v[cv->n++] = (Ch){cp, off, slen, -1};
  return UNKG_OK;
}

static bool
is_cjkish(uint32_t cp)
{
  return unkg_cp_is_cjk(cp) || cp == 0x201C || cp == 0x201D || cp == 0x2014 || cp == 0x2026
         || cp == 0x00B7;
}

static bool
is_latinish(uint32_t cp)
{
  return cp < 0x3000 && !unkg_cp_is_space(cp) && cp != 0x201C && cp != 0x201D && cp != 0x2014
         && cp != 0x2026;
}

/* Removes cv->v[i], handing a footnote marker that stood before it on to
 * the character after it. */
static void
ch_remove(ChVec* cv, size_t i)
{
  int mark = cv->v[i].mark;
  memmove(cv->v + i, cv->v + i + 1, (cv->n - i - 1) * sizeof *cv->v);
  --cv->n;
  if (mark >= 0 && i < cv->n && cv->v[i].mark < 0) {
    cv->v[i].mark = mark;
  }
}

static bool
is_markup_tag(const Ch* v, size_t n, size_t i, size_t* len)
{
  static const char* tags[] = {"b", "i", "u", "em", "strong", "sup", "sub", "span", "br", "p"};
  if (v[i].cp != '<') {
    return false;
  }
  size_t j = i + 1;
  if (j < n && v[j].cp == '/') {
    ++j;
  }
  char   name[8];
  size_t k = 0;
  while (j < n && k < sizeof name - 1 && v[j].cp < 128 && isalpha((int)v[j].cp)) {
    name[k++] = (char)tolower((int)v[j].cp);
    ++j;
  }
  name[k] = '\0';
  if (!k) {
    return false;
  }
  bool known = false;
  for (size_t t = 0; t < sizeof tags / sizeof *tags; ++t) {
    known = known || strcmp(tags[t], name) == 0;
  }
  size_t limit = j + 60;
  while (j < n && j < limit && v[j].cp != '>' && v[j].cp != '<') {
    ++j;
  }
  if (!known || j >= n || v[j].cp != '>') {
    return false;
  }
  *len = j - i + 1;
  return true;
}

typedef struct {
  char** labels;
  size_t n, cap;
} Labels;

static int
labels_add(Labels* l, const char* s, size_t n)
{
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 8;
    char** v   = realloc(l->labels, cap * sizeof *v);
    if (!v) {
      return -1;
    }
    l->labels = v;
    l->cap    = cap;
  }
  if (!(l->labels[l->n] = unkg_strndup(s, n))) {
    return -1;
  }
  return (int)l->n++;
}

/* The character-level clean-up of one block, in place. */
static UnkgStatus
clean_chars(ChVec* cv, Labels* labels)
{
  /* Widths, odd spaces and invisible characters. */
  for (size_t i = 0; i < cv->n;) {
    uint32_t cp = cv->v[i].cp;
    if (cp == 0xFEFF || cp == 0x00AD || cp == 0x200B) {
      ch_remove(cv, i);
      continue;
    }
    cv->v[i].cp = unkg_cp_is_space(cp) ? ' ' : unkg_cp_fold_width(cp);
    ++i;
  }
  /* Markup left by converters: **bold**, __underline__, <b>…</b>. */
  for (size_t i = 0; i < cv->n;) {
    size_t tag;
    if (i + 1 < cv->n
        && ((cv->v[i].cp == '*' && cv->v[i + 1].cp == '*')
            || (cv->v[i].cp == '_' && cv->v[i + 1].cp == '_'))) {
      ch_remove(cv, i);
      ch_remove(cv, i);
    } else if (is_markup_tag(cv->v, cv->n, i, &tag)) {
      while (tag--) {
        ch_remove(cv, i);
      }
    } else {
      ++i;
    }
  }
  /* Superscript footnote markers: recorded, then removed. */
  for (size_t i = 0; i < cv->n;) {
    if (unkg_cp_superscript_digit(cv->v[i].cp) < 0) {
      ++i;
      continue;
    }
    char   digits[16];
    size_t k = 0;
    while (i < cv->n && unkg_cp_superscript_digit(cv->v[i].cp) >= 0) {
      if (k < sizeof digits - 1) {
        digits[k++] = (char)('0' + unkg_cp_superscript_digit(cv->v[i].cp));
      }
      ch_remove(cv, i);
    }
    int m = labels_add(labels, digits, k);
    if (m < 0) {
      return UNKG_ERR_NOMEM;
    }
    if (i < cv->n) {
      cv->v[i].mark = m;
    } else {
      UnkgStatus st = ch_push(cv, 0, cv->n ? cv->v[cv->n - 1].off + cv->v[cv->n - 1].slen : 0, 0);
      if (st) {
        return st;
      }
      cv->v[cv->n - 1].mark = m; /* a sentinel, dropped when encoding */
    }
  }
  /* Spaces: collapse runs, trim, and drop those next to Chinese text
   * (typographic spacing, not word separation). */
  for (size_t i = 0; i < cv->n;) {
    if (cv->v[i].cp != ' ') {
      ++i;
      continue;
    }
    bool at_start = i == 0;
    bool at_end   = i + 1 >= cv->n || cv->v[i + 1].cp == 0;
    bool dup      = i + 1 < cv->n && cv->v[i + 1].cp == ' ';
    bool near_cjk = (i > 0 && is_cjkish(cv->v[i - 1].cp))
                    || (i + 1 < cv->n && is_cjkish(cv->v[i + 1].cp));
    if (at_start || at_end || dup || near_cjk) {
      ch_remove(cv, i);
    } else {
      ++i;
    }
  }
  /* Digit groups: "1 100 万" -> "1100 万", never touching "2016 12" style
   * sequences where the first group is longer than three digits. */
  for (size_t i = 1; i + 3 < cv->n; ++i) {
    if (cv->v[i].cp != ' ' || !isdigit((int)(cv->v[i - 1].cp < 128 ? cv->v[i - 1].cp : 'x'))) {
      continue;
    }
    size_t a = i;
    while (a > 0 && cv->v[a - 1].cp < 128 && isdigit((int)cv->v[a - 1].cp)) {
      --a;
    }
    size_t lead = i - a;
    if (lead > 3
        || (a > 0 && (cv->v[a - 1].cp == '.' || cv->v[a - 1].cp == '/' || cv->v[a - 1].cp == ','))) {
      continue;
    }
    bool three = true;
    for (size_t k = 1; k <= 3; ++k) {
      three = three && cv->v[i + k].cp < 128 && isdigit((int)cv->v[i + k].cp);
    }
    bool ends = i + 4 >= cv->n || !(cv->v[i + 4].cp < 128 && isdigit((int)cv->v[i + 4].cp));
    if (three && ends) {
      ch_remove(cv, i);
      /* "1 100 000": the next group is checked from the new position. */
      while (i + 4 < cv->n && cv->v[i + 3].cp == ' ' && cv->v[i + 4].cp < 128
             && isdigit((int)cv->v[i + 4].cp)) {
        size_t g  = i + 3;
        bool   ok = g + 3 < cv->n;
        for (size_t k = 1; ok && k <= 3; ++k) {
          ok = cv->v[g + k].cp < 128 && isdigit((int)cv->v[g + k].cp);
        }
        if (ok && (g + 4 >= cv->n || !(cv->v[g + 4].cp < 128 && isdigit((int)cv->v[g + 4].cp)))) {
          ch_remove(cv, g);
          i = g - 3;
        } else {
          break;
        }
      }
    }
  }
  return UNKG_OK;
}

/* ---- blocks ------------------------------------------------------------- */

typedef struct {
  const UnkgSource* src;
  Line*             lines;
  size_t            n_lines;
  unsigned          page_width;
  UnkgText*         text;
  size_t            cap_blocks;
} Ctx;

static UnkgStatus
emit_block(Ctx* c, const size_t* idx, size_t n, bool footnote)
{
  const char* s     = c->src->data;
  ChVec       cv    = {0};
  Labels      lb    = {0};
  UnkgStatus  st    = UNKG_OK;
  char*       label = NULL;
  unsigned    width = 0;

  for (size_t k = 0; k < n && !st; ++k) {
    const Line* L = &c->lines[idx[k]];
    width         = L->width > width ? L->width : width;
    size_t i      = L->begin;
    if (k == 0 && footnote) {
      /* The body's own marker is its label, not a reference. */
      char   digits[16];
      size_t d = 0;
      for (;;) {
        size_t   l;
        uint32_t cp = cp_at(s + i, L->end - i, &l);
        if (i >= L->end || unkg_cp_superscript_digit(cp) < 0) {
          break;
        }
        if (d < sizeof digits - 1) {
          digits[d++] = (char)('0' + unkg_cp_superscript_digit(cp));
        }
        i += l;
      }
      if (!(label = unkg_strndup(digits, d))) {
        st = UNKG_ERR_NOMEM;
        break;
      }
    }
    if (k > 0 && cv.n > 0) {
      /* Joining two lines: Latin words need a space, Chinese none. */
      size_t   l;
      uint32_t next = cp_at(s + i, L->end - i, &l);
      if (is_latinish(cv.v[cv.n - 1].cp) && is_latinish(next)) {
        st = ch_push(&cv, ' ', c->lines[idx[k - 1]].end, 0);
      }
    }
    while (i < L->end && !st) {
      size_t   l;
      uint32_t cp = cp_at(s + i, L->end - i, &l);
      st          = ch_push(&cv, cp, i, l);
      i += l;
    }
  }
  if (!st) {
    st = clean_chars(&cv, &lb);
  }
  UnkgBuf text = {0};
  size_t* map  = NULL;
  if (!st) {
    map = malloc((cv.n * 4 + 1) * sizeof *map);
    if (!map) {
      st = UNKG_ERR_NOMEM;
    }
  }
  UnkgMark* marks   = NULL;
  size_t    n_marks = 0;
  if (!st && lb.n) {
    marks = calloc(lb.n, sizeof *marks);
    if (!marks) {
      st = UNKG_ERR_NOMEM;
    }
  }
  size_t end = 0;
  for (size_t i = 0; i < cv.n && !st; ++i) {
    if (cv.v[i].mark >= 0 && marks) { /* a mark implies a label, so marks */
      marks[n_marks].label    = lb.labels[cv.v[i].mark];
      lb.labels[cv.v[i].mark] = NULL;
      marks[n_marks++].pos    = text.len;
    }
    if (cv.v[i].cp == 0) {
      continue; /* sentinel carrying a final marker */
    }
    size_t before = text.len;
    if ((st = unkg_buf_put_cp(&text, cv.v[i].cp))) {
      break;
    }
    for (size_t b = before; b < text.len; ++b) {
      map[b] = cv.v[i].off;
    }
    end = cv.v[i].off + cv.v[i].slen;
    if (!cv.v[i].slen) {
      end = cv.v[i].off;
    }
  }
  for (size_t i = 0; i < lb.n; ++i) {
    free(lb.labels[i]);
  }
  free(lb.labels);

  /* Nothing left (a line of markup only) is not a block. */
  const bool empty = !st && text.len == 0;
  if (!st && !empty && c->text->n_blocks == c->cap_blocks) {
    size_t     cap = c->cap_blocks ? c->cap_blocks * 2 : 64;
    UnkgBlock* b   = realloc(c->text->blocks, cap * sizeof *b);
    if (!b) {
      st = UNKG_ERR_NOMEM;
    } else {
      c->text->blocks = b;
      c->cap_blocks   = cap;
    }
  }
  if (st || empty) {
    for (size_t i = 0; i < n_marks; ++i) {
      free(marks[i].label);
    }
    free(marks);
    free(map);
    free(label);
    unkg_buf_clear(&text);
    free(cv.v);
    return st;
  }
  map[text.len]  = end;
  UnkgBlock* blk = &c->text->blocks[c->text->n_blocks++];
  memset(blk, 0, sizeof *blk);
  blk->len     = text.len;
  blk->text    = unkg_buf_take(&text);
  blk->map     = map;
  blk->line    = c->lines[idx[0]].no;
  blk->n_lines = (unsigned)n;
  blk->width   = width;
  blk->flags   = (footnote ? UNKG_BLOCK_FOOTNOTE : 0)
               | (c->lines[idx[0]].indented ? UNKG_BLOCK_INDENTED : 0);
  blk->label   = label;
  blk->marks   = marks;
  blk->n_marks = n_marks;
  free(cv.v);
  /* Where a line from the next page was joined on: the reader, which knows
   * the lead verbs, may see a new paragraph start there. */
  for (size_t k = 1; k < n; ++k) {
    const Line* L = &c->lines[idx[k]];
    if (!L->page_joined) {
      continue;
    }
    size_t at = 0;
    while (at < blk->len && blk->map[at] < L->begin) {
      ++at;
    }
    size_t* v = realloc(blk->joins, (blk->n_joins + 1) * sizeof *v);
    if (!v) {
      return UNKG_ERR_NOMEM;
    }
    blk->joins                 = v;
    blk->joins[blk->n_joins++] = at;
  }
  return UNKG_OK;
}

static bool
line_full(const Ctx* c, const Line* L)
{
  return c->page_width && L->width * 100 >= c->page_width * 85;
}

static bool
line_terminal(const Ctx* c, const Line* L)
{
  return unkg_text_is_terminal(c->src->data + L->begin, L->end - L->begin);
}

static bool
line_marker(const Ctx* c, const Line* L)
{
  return starts_with_marker(c->src->data + L->begin, L->end - L->begin);
}

static int
cmp_unsigned(const void* a, const void* b)
{
  unsigned x = *(const unsigned*)a, y = *(const unsigned*)b;
  return (x > y) - (x < y);
}

/* Hard-wrapped text has many lines of nearly the same, maximal width. */
static unsigned
detect_page_width(const Line* lines, size_t n)
{
  unsigned* w = malloc((n ? n : 1) * sizeof *w);
  size_t    m = 0;
  if (!w) {
    return 0;
  }
  for (size_t i = 0; i < n; ++i) {
    if (lines[i].kind == LINE_TEXT) {
      w[m++] = lines[i].width;
    }
  }
  unsigned width = 0;
  if (m >= 5) {
    qsort(w, m, sizeof *w, cmp_unsigned);
    unsigned p90  = w[(m - 1) * 9 / 10];
    size_t   near = 0;
    for (size_t i = 0; i < m; ++i) {
      near += w[i] + 8 >= p90 && w[i] <= p90 + 8;
    }
    if (near >= 3 && near * 10 >= m * 3 && p90 >= 40) {
      width = p90;
    }
  }
  free(w);
  return width;
}

static UnkgStatus
scan_lines(Ctx* c, char** running_symbol)
{
  const char* s   = c->src->data;
  size_t      len = c->src->len;
  size_t      cap = 0;
  size_t      i   = (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
  unsigned    no  = 1;

  /* Symbols on header lines, counted to pick the running head: each symbol
   * token maps to (lines carrying it << 32 | the last such line), so that
   * counting stays linear in the lines (40,000 page headers included). */
  const char* best     = NULL;
  size_t      best_len = 0;
  unsigned    best_n   = 0;
  UnkgStrMap  seen     = {0};
  UnkgStatus  st       = UNKG_OK;

  while (!st && i < len) {
    if (c->n_lines == cap) {
      cap     = cap ? cap * 2 : 256;
      Line* v = realloc(c->lines, cap * sizeof *v);
      if (!v) {
        unkg_strmap_clear(&seen);
        return UNKG_ERR_NOMEM;
      }
      c->lines = v;
    }
    size_t eol = i;
    while (eol < len && s[eol] != '\n' && s[eol] != '\r') {
      ++eol;
    }
    Line   L = {.no = no};
    size_t b = i, e = eol, l;
    while (b < e && unkg_cp_is_space(cp_at(s + b, e - b, &l))) {
      b += l;
    }
    while (e > b) {
      size_t start = e - 1;
      while (start > b && ((unsigned char)s[start] & 0xC0) == 0x80) {
        --start;
      }
      if (!unkg_cp_is_space(cp_at(s + start, e - start, &l))) {
        break;
      }
      e = start;
    }
    L.begin    = b;
    L.end      = e;
    L.indented = b > i;
    for (size_t k = b; k < e; k += l) {
      L.width += (unsigned)unkg_cp_width(cp_at(s + k, e - k, &l));
    }
    const char* sym;
    size_t      sym_len = 0;
    if (b == e) {
      L.kind = LINE_BLANK;
    } else if (is_page_artefact(s + b, e - b, &sym, &sym_len)) {
      L.kind = LINE_ARTEFACT;
      if (sym) {
        char*         key   = unkg_strndup(sym, sym_len);
        const size_t* v     = key ? unkg_strmap_get(&seen, key) : NULL;
        unsigned      count = v ? (unsigned)(*v >> 32) : 0;
        free(key);
        if (!key) {
          st = UNKG_ERR_NOMEM;
        }
        if (count + 1 > best_n) {
          best     = sym;
          best_len = sym_len;
          best_n   = count + 1;
        }
      }
      /* This line's symbol tokens, each counted once for the line. */
      for (size_t k = b; !st && k < e;) {
        size_t j = k;
        while (j < e && s[j] != ' ') {
          ++j;
        }
        if (j > k && is_symbol_token(s + k, j - k)) {
          char*   key  = unkg_strndup(s + k, j - k);
          size_t* slot = NULL;
          if (!key || unkg_strmap_put(&seen, key, 0, &slot)) {
            st = UNKG_ERR_NOMEM;
          } else if ((*slot & 0xFFFFFFFFu) != no) {
            *slot = (((*slot >> 32) + 1) << 32) | no;
          }
          free(key);
        }
        k = j + 1;
      }
    } else if (unkg_cp_superscript_digit(cp_at(s + b, e - b, &l)) >= 0) {
      L.kind = LINE_FOOTNOTE;
    } else {
      L.kind = LINE_TEXT;
    }
    c->lines[c->n_lines++] = L;
    /* CRLF, CR and LF all end a line. */
    if (eol < len && s[eol] == '\r' && eol + 1 < len && s[eol + 1] == '\n') {
      ++eol;
    }
    i = eol + 1;
    ++no;
  }
  unkg_strmap_clear(&seen);
  if (!st && best && !(*running_symbol = unkg_strndup(best, best_len))) {
    st = UNKG_ERR_NOMEM;
  }
  return st;
}

static int
cmp_block(const void* a, const void* b)
{
  const UnkgBlock* x = a;
  const UnkgBlock* y = b;
  if (x->line != y->line) {
    return x->line < y->line ? -1 : 1;
  }
  return x->map[0] < y->map[0] ? -1 : x->map[0] > y->map[0];
}

UnkgStatus
unkg_normalise(const UnkgCtx* ctx, const UnkgSource* src, UnkgText** out)
{
  *out  = NULL;
  Ctx c = {.src = src};
  if (!(c.text = calloc(1, sizeof *c.text))) {
    return unkg_error(ctx, UNKG_ERR_NOMEM, 0, 0, "out of memory");
  }
  UnkgStatus st  = scan_lines(&c, &c.text->running_symbol);
  size_t *   cur = NULL, *fn = NULL;
  size_t     n_cur = 0, n_fn = 0;
  if (!st && !(cur = malloc((c.n_lines + 1) * sizeof *cur))) {
    st = UNKG_ERR_NOMEM;
  }
  if (!st && !(fn = malloc((c.n_lines + 1) * sizeof *fn))) {
    st = UNKG_ERR_NOMEM;
  }
  if (st) {
    free(cur);
    free(fn);
    free(c.lines);
    unkg_text_free(c.text);
    return unkg_error(ctx, st, 0, 0, "%s", unkg_strerror(st));
  }
  c.page_width       = detect_page_width(c.lines, c.n_lines);
  c.text->page_width = c.page_width;

  /* Is a blank line between any two text lines the norm?  Then two lines
   * with none between them meet at a page break whose header was lost. */
  /* And does a blank line follow the end of nearly every sentence?  Then
   * paragraphs are set apart by blank lines, and a line ending a sentence
   * with the next line right under it is a wrap, not a paragraph end. */
  size_t pairs = 0, blank_between = 0, ends = 0, blank_after_end = 0;
  {
    size_t prev = SIZE_MAX, blanks = 0;
    for (size_t i = 0; i < c.n_lines; ++i) {
      if (c.lines[i].kind == LINE_BLANK) {
        ++blanks;
      } else if (c.lines[i].kind == LINE_TEXT) {
        if (prev != SIZE_MAX) {
          ++pairs;
          blank_between += blanks > 0;
          if (line_terminal(&c, &c.lines[prev])) {
            ++ends;
            blank_after_end += blanks > 0;
          }
        }
        prev   = i;
        blanks = 0;
      }
    }
  }
  const bool blank_separated = pairs >= 4 && blank_between * 10 >= pairs * 8;
  const bool blank_paragraphs =
    !blank_separated && ends >= 8 && blank_after_end * 100 >= ends * 97;

  bool   artefact_since = false; /* page header/footer since the last text line */
  size_t blanks_since   = 0;
  for (size_t i = 0; i < c.n_lines && !st; ++i) {
    const Line* L = &c.lines[i];
    switch (L->kind) {
    case LINE_BLANK: ++blanks_since; continue;
    case LINE_ARTEFACT: artefact_since = true; continue;
    case LINE_FOOTNOTE:
      if (n_fn) {
        st   = emit_block(&c, fn, n_fn, true);
        n_fn = 0;
      }
      fn[n_fn++] = i;
      continue;
    case LINE_TEXT: break;
    }
    const bool page_break = artefact_since || (blank_separated && blanks_since == 0);
    /* A blank line ends a paragraph, unless every line is followed by one
     * (double spacing) or a page break stands between. */
    const bool blank_gap = blanks_since > 0 && !blank_separated && !artefact_since;
    artefact_since       = false;
    blanks_since         = 0;
    if (n_fn) {
      const Line* F = &c.lines[fn[n_fn - 1]];
      if (line_full(&c, F) && !line_terminal(&c, F) && !line_marker(&c, L) && !L->indented) {
        fn[n_fn++] = i;
        continue;
      }
      st   = emit_block(&c, fn, n_fn, true);
      n_fn = 0;
      if (st) {
        break;
      }
    }
    bool join = false;
    if (n_cur) {
      const Line* P = &c.lines[cur[n_cur - 1]];
      if (!blank_gap && !line_marker(&c, L)
          && (!line_terminal(&c, P) || (blank_paragraphs && !page_break))) {
        if (c.page_width) {
          join = line_full(&c, P) && (!L->indented || page_break);
        } else {
          /* Unwrapped text: a line is a paragraph unless a page break cut it. */
          join = page_break && P->no + 1 < L->no;
        }
      }
    }
    c.lines[i].page_joined = join && page_break;
    if (!join && n_cur) {
      st    = emit_block(&c, cur, n_cur, false);
      n_cur = 0;
    }
    cur[n_cur++] = i;
  }
  if (!st && n_fn) {
    st = emit_block(&c, fn, n_fn, true);
  }
  if (!st && n_cur) {
    st = emit_block(&c, cur, n_cur, false);
  }
  free(cur);
  free(fn);
  free(c.lines);
  if (st) {
    unkg_text_free(c.text);
    return unkg_error(ctx, st, 0, 0, "%s", unkg_strerror(st));
  }
  /* A footnote body is finished before the paragraph it interrupted:
   * restore document order (stable, by first line). */
  if (c.text->n_blocks > 1) {
    qsort(c.text->blocks, c.text->n_blocks, sizeof *c.text->blocks, cmp_block);
  }
  *out = c.text;
  return UNKG_OK;
}

void
unkg_text_free(UnkgText* text)
{
  if (!text) {
    return;
  }
  for (size_t i = 0; i < text->n_blocks; ++i) {
    UnkgBlock* b = &text->blocks[i];
    free(b->text);
    free(b->map);
    free(b->label);
    for (size_t k = 0; k < b->n_marks; ++k) {
      free(b->marks[k].label);
    }
    free(b->marks);
    free(b->joins);
  }
  free(text->blocks);
  free(text->running_symbol);
  free(text);
}

UnkgStatus
unkg_normalise_string(const char* s, char** out)
{
  *out          = NULL;
  ChVec      cv = {0};
  Labels     lb = {0};
  size_t     n  = strlen(s);
  UnkgStatus st = UNKG_OK;
  for (size_t i = 0; i < n && !st;) {
    size_t   l;
    uint32_t cp = cp_at(s + i, n - i, &l);
    /* A string may come from markup that wraps it over lines. */
    st = ch_push(&cv, cp == '\n' || cp == '\r' || cp == '\t' ? ' ' : cp, i, l);
    i += l;
  }
  if (!st) {
    st = clean_chars(&cv, &lb);
  }
  UnkgBuf b = {0};
  for (size_t i = 0; i < cv.n && !st; ++i) {
    if (cv.v[i].cp) {
      st = unkg_buf_put_cp(&b, cv.v[i].cp);
    }
  }
  for (size_t i = 0; i < lb.n; ++i) {
    free(lb.labels[i]);
  }
  free(lb.labels);
  free(cv.v);
  if (st) {
    unkg_buf_clear(&b);
    return st;
  }
  *out = unkg_buf_take(&b);
  return *out ? UNKG_OK : UNKG_ERR_NOMEM;
}
