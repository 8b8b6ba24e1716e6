#include "normalise.h"

#include "buf.h"
#include "text.h"

#include <ctype.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
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
  bool     soft_joined; /* joined after a full line ending with a comma or semicolon */
  bool     after_brim;  /* the line before it could not have taken its first unit */
  unsigned indent;      /* bytes of leading blanks */
  bool     spaced;      /* has blanks inside (justified Latin text widens) */
  bool     narrow;      /* has a character not full width, or a dash or quote (at_brim) */
  unsigned plain_label; /* a note printed "12 text": the label's length */
  bool     note_cont;   /* a further line of such a note */
  int      late_label;  /* a note whose number is printed below the page's notes */
  LineKind kind;
  int      quotes; /* 《 and “ opened less 》 and ” closed, counted with the width */
  unsigned char cell; /* a table's cell printed a line (1), the first of its run (2) */
  bool          row;  /* table_row, found once: the paragraph loop asks up to five times */
} Line;

static inline uint32_t
cp_at(const char* s, size_t n, size_t* len)
{
  /* ASCII, and three bytes led by E1-EC or EE-EF (no overlong form, no
   * surrogate: always valid), are most of the text: decoded here. */
  const unsigned char* u = (const unsigned char*)s;
  if (n && u[0] < 0x80) {
    *len = 1;
    return u[0];
  }
  /* The two continuation bytes tested at once: their top bits land on
   * bits apart. */
  if (n >= 3 && u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED
      && ((u[1] & 0xC0) | (u[2] & 0xC0) >> 2) == 0xA0) {
    *len = 3;
    return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
  }
  /* Two bytes led by C2-DF (Cyrillic, Arabic, accented Latin letters):
   * always valid.  After the three-byte test, which Chinese text, the
   * most of the text path, passes first. */
  if (n >= 2 && u[0] >= 0xC2 && u[0] <= 0xDF && (u[1] & 0xC0) == 0x80) {
    *len = 2;
    return (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
  }
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

/* B, A-B: the part letters a symbol may carry after a space. */
static bool
part_letters(const char* s, size_t n)
{
  if (n == 0 || n > 3 || !isupper((unsigned char)s[0]) || !isupper((unsigned char)s[n - 1])) {
    return false;
  }
  return n == 1 || (n == 3 && s[1] == '-');
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
    /* memchr: a line of Chinese text is one long token. */
    const char* sp = memchr(s + i, ' ', n - i);
    size_t      j  = sp ? (size_t)(sp - s) : n;
    if (j == i) {
      break;
    }
    ++tokens;
    TokKind kind = artefact_token(s + i, j - i);
    if (kind == TOK_OTHER && *sym && *sym + *sym_len + 1 == s + i && part_letters(s + i, j - i)) {
      *sym_len = j - (size_t)(*sym - s); /* A/RES/75/250 B: the part is the symbol's */
      i        = j;
      continue;
    }
    switch (kind) {
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

/* The first page's header block ("Distr.: General", then "7 December
 * 2020"), wherever extraction put it: pdftotext may print it after the
 * text of a one-page resolution.  It says nothing the cover does not.
 * prev: the line before, if any. */
static bool
header_line(const char* s, size_t n, const Line* prev, const char* src)
{
  static const char* const months[] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};
  if (n >= 7 && !memcmp(s, "Distr.:", 7)) {
    return true;
  }
  /* An English date alone, under the distribution line. */
  size_t i = 0;
  while (i < n && i < 2 && isdigit((unsigned char)s[i])) {
    ++i;
  }
  if (!i || i >= n || s[i] != ' ' || !prev || prev->kind != LINE_BLANK
      || prev->end - prev->begin < 7 || memcmp(src + prev->begin, "Distr.:", 7)) {
    return false;
  }
  for (size_t m = 0; m < sizeof months / sizeof *months; ++m) {
    size_t ml = strlen(months[m]);
    if (i + 1 + ml + 5 == n && !memcmp(s + i + 1, months[m], ml) && s[i + 1 + ml] == ' '
        && all_digits(s + i + 2 + ml, 4)) {
      return true;
    }
  }
  return false;
}

/* ---- structural markers ------------------------------------------------ */

/* Does the text start a new paragraph by its own form (a number, an item
 * letter, a section numeral, an editorial bracket)?  MARK_WEAK for a
 * Chinese section numeral ("三、"), which running text also wraps onto a
 * line's start ("第二、第" then "三、第四…"). */
enum { MARK_NONE, MARK_WEAK, MARK_STRONG };

static int
starts_with_marker(const char* s, size_t n)
{
  size_t i = 0;
  while (i < n && isdigit((unsigned char)s[i])) {
    ++i;
  }
  if (i > 0 && i <= 3 && i < n && s[i] == '.'
      && (i + 1 == n || s[i + 1] == ' ' || (unsigned char)s[i + 1] >= 0x80)) {
    return MARK_STRONG; /* "1. " or "1.促请" */
  }
  if (i > 0 && i <= 3 && i < n && s[i] == '/') {
    /* "75/103. 标题", "75/101 A-B.": a resolution's number and title */
    size_t j = i + 1;
    while (j < n && isdigit((unsigned char)s[j])) {
      ++j;
    }
    while (j < n && (s[j] == ' ' || s[j] == '-' || isupper((unsigned char)s[j])) && j < i + 12) {
      ++j;
    }
    if (j > i + 1 && j < n && s[j] == '.') {
      return MARK_STRONG;
    }
  }
  if (n >= 3 && s[0] == '(') {
    size_t j = 1, digits = 0;
    while (j < n && j <= 5 && (islower((unsigned char)s[j]) || isdigit((unsigned char)s[j]))) {
      digits += isdigit((unsigned char)s[j]) != 0;
      ++j;
    }
    /* Not "(2005)的…", a year, nor "(b)项所述", a reference to an item. */
    static const char* const refs[] = {"项", "分段", "段", "款", "目"};
    bool                     ref    = false;
    for (size_t r = 0; r < sizeof refs / sizeof *refs && j + 1 < n; ++r) {
      ref = ref || unkg_starts_with(s + j + 1, refs[r]);
    }
    if (j > 1 && j < n && s[j] == ')' && digits <= 2 && !ref) {
      return MARK_STRONG; /* (a) (iv) (12) */
    }
  }
  if (n >= 1 && s[0] == '[') {
    return MARK_STRONG; /* [原文：英文], [2017 年 5 月 26 日] */
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
      return MARK_WEAK;
    }
  }
  if (n >= 3 && isupper((unsigned char)s[0]) && s[1] == '.' && s[2] == ' ') {
    return MARK_STRONG;
  }
  return MARK_NONE;
}

/* ---- characters ---------------------------------------------------------- */

/* 16 bytes: the passes of clean_chars sweep arrays of these (offsets fit,
 * inputs are at most UNKG_MAX_INPUT bytes). */
typedef struct {
  uint32_t cp;
  uint32_t off;  /* source byte offset */
  uint32_t slen; /* source byte length (0 for inserted characters) */
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
  cv->v[cv->n++] = (Ch){cp, (uint32_t)off, (uint32_t)slen, -1};
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

/* v[r] is dropped: a footnote marker that stood before it goes to the
 * character after it (what ch_remove does, for the one-sweep passes). */
static void
drop_at(Ch* v, size_t n, size_t r)
{
  if (v[r].mark >= 0 && r + 1 < n && v[r + 1].mark < 0) {
    v[r + 1].mark = v[r].mark;
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

/* What the passes of clean_chars after the first have to do: a pass with
 * nothing to do is skipped (no pass makes what a later one looks for). */
enum {
  HAS_MARKUP = 1, /* '*', '_' or '<' */
  HAS_SUP    = 2, /* a superscript digit */
  HAS_SPACE  = 4,
  HAS_PAREN  = 8,  /* '(' (a bracket put back before a title mark) */
  HAS_DIGIT  = 16, /* an ASCII digit (a digit group) */
};

/* The HAS_ flags of ASCII characters. */
static const unsigned char ascii_has[128] = {
  [' '] = HAS_SPACE,  ['*'] = HAS_MARKUP, ['_'] = HAS_MARKUP, ['<'] = HAS_MARKUP,
  ['('] = HAS_PAREN,  ['0'] = HAS_DIGIT,  ['1'] = HAS_DIGIT,  ['2'] = HAS_DIGIT,
  ['3'] = HAS_DIGIT,  ['4'] = HAS_DIGIT,  ['5'] = HAS_DIGIT,  ['6'] = HAS_DIGIT,
  ['7'] = HAS_DIGIT,  ['8'] = HAS_DIGIT,  ['9'] = HAS_DIGIT,
};

/* The first pass of clean_chars on one character: false to drop it
 * (invisible), else *cp with its width folded and odd spaces made ' ',
 * and its HAS_ flags added to *has. */
static inline bool
fold_char(uint32_t* cp, unsigned* has)
{
  uint32_t c = *cp;
  /* U+3001-U+FEFE (CJK) and printable ASCII are neither spaces nor
   * folded: most characters skip both tests. */
  if (c > 0x3000 && c < 0xFEFF) {
    return true;
  }
  if (c > ' ' && c < 0x7F) {
    *has |= ascii_has[c];
    return true;
  }
  if (c == 0xFEFF || c == 0x00AD || c == 0x200B) {
    return false;
  }
  c = unkg_cp_is_space(c) ? ' ' : unkg_cp_fold_width(c);
  *has |= (c < 0x80 ? ascii_has[c] : 0)
          | ((c >= 0xB2 && c <= 0xB9) || (c >= 0x2070 && c <= 0x2079) ? HAS_SUP : 0);
  *cp = c;
  return true;
}

static UnkgStatus clean_rest(ChVec* cv, Labels* labels, unsigned has);

/* The character-level clean-up of one block, in place. */
static UnkgStatus
clean_chars(ChVec* cv, Labels* labels)
{
  Ch*      v   = cv->v;
  size_t   n   = cv->n, w = 0;
  unsigned has = 0;
  /* Widths, odd spaces and invisible characters. */
  for (size_t r = 0; r < n; ++r) {
    if (!fold_char(&v[r].cp, &has)) {
      drop_at(v, n, r);
      continue;
    }
    v[w++] = v[r];
  }
  cv->n = w;
  return clean_rest(cv, labels, has);
}

/* clean_chars after its first pass, which found what has says. */
static UnkgStatus
clean_rest(ChVec* cv, Labels* labels, unsigned has)
{
  /* The passes below keep or drop each character in one sweep: v[w] is
   * written as v[r] is read (w <= r), so what stands before r is already
   * the cleaned text and what stands after it is still the input, as when
   * characters were removed one at a time.  A dropped character hands its
   * marker on to the next (drop_at). */
  Ch*        v      = cv->v;
  size_t     n      = cv->n, w = 0;
  const bool markup = has & HAS_MARKUP, sup = has & HAS_SUP, space = has & HAS_SPACE;
  /* Markup left by converters: **bold**, __underline__, <b>…</b>.  A run
   * of three or more standing alone is printed text, a separator ("***",
   * as the XML holds it: 75/1), not markup. */
  for (size_t r = 0; markup && r < n;) {
    size_t tag, run = r;
    while (run < n && v[run].cp == v[r].cp && (v[r].cp == '*' || v[r].cp == '_')) {
      ++run;
    }
    if (run - r >= 3 && (w == 0 || v[w - 1].cp == ' ') && (run == n || v[run].cp == ' ')) {
      while (r < run) {
        v[w++] = v[r++];
      }
    } else if (r + 1 < n
        && ((v[r].cp == '*' && v[r + 1].cp == '*') || (v[r].cp == '_' && v[r + 1].cp == '_'))) {
      drop_at(v, n, r);
      drop_at(v, n, r + 1);
      r += 2;
    } else if (is_markup_tag(v, n, r, &tag)) {
      while (tag--) {
        drop_at(v, n, r++);
      }
    } else {
      v[w++] = v[r++];
    }
  }
  n = markup ? w : n;
  w = 0;
  /* Superscript footnote markers: recorded, then removed. */
  for (size_t r = 0; sup && r < n;) {
    if (unkg_cp_superscript_digit(v[r].cp) < 0) {
      v[w++] = v[r++];
      continue;
    }
    char   digits[16];
    size_t k = 0;
    while (r < n && unkg_cp_superscript_digit(v[r].cp) >= 0) {
      if (k < sizeof digits - 1) {
        digits[k++] = (char)('0' + unkg_cp_superscript_digit(v[r].cp));
      }
      drop_at(v, n, r++);
    }
    int m = labels_add(labels, digits, k);
    if (m < 0) {
      cv->n = w;
      return UNKG_ERR_NOMEM;
    }
    if (r < n) {
      v[r].mark = m;
    } else {
      cv->n         = w;
      UnkgStatus st = ch_push(cv, 0, w ? v[w - 1].off + v[w - 1].slen : 0, 0);
      if (st) {
        return st;
      }
      v                     = cv->v;
      cv->v[cv->n - 1].mark = m; /* a sentinel, dropped when encoding */
      w                     = cv->n;
    }
  }
  n = sup ? w : n;
  w = 0;
  /* Spaces: collapse runs, trim, and drop those next to Chinese text
   * (typographic spacing, not word separation). */
  for (size_t r = 0; space && r < n; ++r) {
    if (v[r].cp != ' ') {
      v[w++] = v[r];
      continue;
    }
    bool at_start = w == 0;
    bool at_end   = r + 1 >= n || v[r + 1].cp == 0;
    bool dup      = r + 1 < n && v[r + 1].cp == ' ';
    bool near_cjk = (w > 0 && is_cjkish(v[w - 1].cp)) || (r + 1 < n && is_cjkish(v[r + 1].cp));
    if (at_start || at_end || dup || near_cjk) {
      drop_at(v, n, r);
    } else {
      v[w++] = v[r];
    }
  }
  cv->n = space ? w : n;
  /* A bracket opened before an opening title or quotation mark comes out
   * of PDF extraction after it: "《(纳尔逊·曼德拉规则》)", "“(软”目标)"
   * for "(《…》)", "(“…”…)" (the full-width mark is drawn left of the
   * bracket's box).  Neither order occurs in the genre's own text, so the
   * pair is put back where a closing bracket follows. */
  for (size_t i = 0; (has & HAS_PAREN) && i + 1 < cv->n; ++i) {
    if ((cv->v[i].cp != 0x300A && cv->v[i].cp != 0x201C) || cv->v[i + 1].cp != '(') {
      continue;
    }
    bool closed = false;
    for (size_t k = i + 2; k < cv->n && k < i + 80 && !closed && cv->v[k].cp != '('; ++k) {
      closed = cv->v[k].cp == ')';
    }
    if (closed) {
      cv->v[i + 1].cp = cv->v[i].cp;
      cv->v[i].cp     = '(';
    }
  }
  /* Digit groups: "1 100 万" -> "1100 万", never touching "2016 12" style
   * sequences where the first group is longer than three digits. */
  for (size_t i = 1; space && (has & HAS_DIGIT) && i + 3 < cv->n; ++i) {
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
  size_t*           plain; /* source offsets of digits that are note markers, ascending */
  size_t            n_plain, cap_plain;
} Ctx;

static int
cmp_size(const void* a, const void* b)
{
  size_t x = *(const size_t*)a, y = *(const size_t*)b;
  return (x > y) - (x < y);
}

static bool
is_plain_marker(const Ctx* c, size_t off)
{
  return c->n_plain && bsearch(&off, c->plain, c->n_plain, sizeof off, cmp_size);
}

static uint32_t
superscript_of(uint32_t digit)
{
  static const uint32_t sup[] = {0x2070, 0x00B9, 0x00B2, 0x00B3, 0x2074,
                                 0x2075, 0x2076, 0x2077, 0x2078, 0x2079};
  return sup[digit - '0'];
}

static UnkgStatus
emit_block(Ctx* c, const size_t* idx, size_t n, bool footnote)
{
  const char* s     = c->src->data;
  ChVec       cv    = {0};
  Labels      lb    = {0};
  UnkgStatus  st    = UNKG_OK;
  char*       label = NULL;
  unsigned    width = 0;

  /* A character per byte at most, and a space per join: room for all of
   * them at once, not a doubling every few hundred. */
  size_t most = n + 1;
  for (size_t k = 0; k < n; ++k) {
    most += c->lines[idx[k]].end - c->lines[idx[k]].begin;
  }
  if ((cv.v = malloc(most * sizeof *cv.v))) {
    cv.cap = most;
  } else {
    st = UNKG_ERR_NOMEM;
  }
  /* clean_chars's first pass is made here, as the characters are read
   * (fold_char): an array sweep less.  The joins look at the characters
   * as read. */
  unsigned has  = 0;     /* what clean_rest has to do */
  uint32_t last = 0;     /* the last character read, before fold_char */
  bool     any  = false; /* a character was read */
  for (size_t k = 0; k < n && !st; ++k) {
    const Line* L = &c->lines[idx[k]];
    width         = L->width > width ? L->width : width;
    size_t i      = L->begin;
    if (k == 0 && footnote && L->plain_label) {
      if (!(label = unkg_strndup(s + i, L->plain_label))) {
        st = UNKG_ERR_NOMEM;
        break;
      }
      i += L->plain_label;
    } else if (k == 0 && footnote && L->late_label) {
      char digits[16];
      snprintf(digits, sizeof digits, "%d", L->late_label);
      if (!(label = unkg_strdup(digits))) {
        st = UNKG_ERR_NOMEM;
        break;
      }
    } else if (k == 0 && footnote) {
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
    if (k > 0 && any) {
      /* Joining two lines: Latin words need a space, Chinese none. */
      size_t   l;
      uint32_t next = cp_at(s + i, L->end - i, &l);
      if (is_latinish(last) && is_latinish(next)) {
        last = ' '; /* which fold_char keeps as it is */
        has |= HAS_SPACE;
        cv.v[cv.n++] = (Ch){' ', (uint32_t)c->lines[idx[k - 1]].end, 0, -1};
      }
    }
    /* No test of room: most counts a character a byte. */
    while (i < L->end) {
      size_t   l;
      uint32_t cp = cp_at(s + i, L->end - i, &l);
      if (cp >= '0' && cp <= '9' && is_plain_marker(c, i)) {
        cp = superscript_of(cp); /* one path for both forms of marker */
      }
      last = cp;
      any  = true;
      if (fold_char(&cp, &has)) {
        cv.v[cv.n++] = (Ch){cp, (uint32_t)i, (uint32_t)l, -1};
      }
      i += l;
    }
  }
  if (!st) {
    st = clean_rest(&cv, &lb, has);
  }
  /* The text's length in bytes first, as unkg_utf8_encode encodes each
   * character, so that the text and its map are made to size: made for
   * four bytes a character, the text stayed so (twice to four times what
   * it holds, the whole document's text until the reader is done), and
   * the map, cut after, left a hole in the heap behind each block. */
  UnkgBuf   text  = {0};
  uint32_t* map   = NULL;
  size_t    bytes = 0;
  for (size_t i = 0; !st && i < cv.n; ++i) {
    uint32_t cp = cv.v[i].cp;
    bytes += cp == 0 ? 0 : cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  if (!st) {
    map       = malloc((bytes + 1) * sizeof *map);
    text.data = malloc(bytes + 1);
    text.cap  = bytes + 1;
    if (!map || !text.data) {
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
  size_t    end  = 0;
  const Ch* tail = NULL; /* the last character written: where the block ends */
  for (size_t i = 0; !st && i < cv.n; ++i) {
    const Ch* ch = &cv.v[i];
    if (ch->mark >= 0 && marks) { /* a mark implies a label, so marks */
      marks[n_marks].label = lb.labels[ch->mark];
      lb.labels[ch->mark]  = NULL;
      marks[n_marks++].pos = text.len;
    }
    const uint32_t cp = ch->cp;
    if (cp == 0) {
      continue; /* sentinel carrying a final marker */
    }
    tail = ch;
    if (cp < 0x80) { /* most characters: one byte or three, written here */
      map[text.len]         = ch->off;
      text.data[text.len++] = (char)cp;
    } else if (cp >= 0x800 && cp < 0x10000) {
      char* o = text.data + text.len;
      o[0]    = (char)(0xE0 | (cp >> 12));
      o[1]    = (char)(0x80 | ((cp >> 6) & 0x3F));
      o[2]    = (char)(0x80 | (cp & 0x3F));
      map[text.len] = map[text.len + 1] = map[text.len + 2] = ch->off;
      text.len += 3;
    } else {
      size_t before = text.len;
      text.len += unkg_utf8_encode(cp, text.data + text.len);
      for (size_t b = before; b < text.len; ++b) {
        map[b] = ch->off;
      }
    }
  }
  if (tail) {
    end = (size_t)tail->off + tail->slen; /* an inserted character (slen 0): its place */
  }
  for (size_t i = 0; i < lb.n; ++i) {
    free(lb.labels[i]);
  }
  free(lb.labels);

  if (text.data) {
    text.data[text.len] = '\0';
  }
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
  map[text.len]  = (uint32_t)end;
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
  /* The first byte of the text from each such line on: lines come in
   * source order, so each search goes on from where the last one stopped
   * (the first byte mapped at or past a later line is not before the
   * first mapped at or past an earlier one), one pass in all. */
  size_t at = 0, from = 0;
  for (size_t k = 1; k < n; ++k) {
    const Line* L = &c->lines[idx[k]];
    if (!L->page_joined && !L->soft_joined) {
      continue;
    }
    if (L->begin < from) {
      at = 0; /* not in source order after all: from the start, as before */
    }
    from = L->begin;
    while (at < blk->len && blk->map[at] < L->begin) {
      ++at;
    }
    size_t* v = realloc(blk->joins, (blk->n_joins + 1) * sizeof *v);
    if (!v) {
      return UNKG_ERR_NOMEM;
    }
    blk->joins = v;
    bool* f    = realloc(blk->soft, (blk->n_joins + 1) * sizeof *f);
    if (!f) {
      return UNKG_ERR_NOMEM;
    }
    blk->soft               = f;
    blk->soft[blk->n_joins] = !L->page_joined;
    bool* r                 = realloc(blk->brim, (blk->n_joins + 1) * sizeof *r);
    if (!r) {
      return UNKG_ERR_NOMEM;
    }
    blk->brim                  = r;
    blk->brim[blk->n_joins]    = L->after_brim;
    blk->joins[blk->n_joins++] = at;
  }
  return UNKG_OK;
}

/* A section's numeral alone on its line ("一", "十二", "IV"): a heading. */
static bool
lone_numeral(const char* s, size_t n)
{
  static const char* zh = "一二三四五六七八九十";
  size_t             i  = 0;
  if (n && strspn(s, "IVXL") == n) {
    return true;
  }
  while (i + 3 <= n) {
    bool hit = false;
    for (size_t k = 0; zh[k]; k += 3) {
      hit = hit || !memcmp(s + i, zh + k, 3);
    }
    if (!hit) {
      return false;
    }
    i += 3;
  }
  return n && i == n && n <= 9;
}

/* A section's numeral set off by a space before its heading ("三 解决联合国
 * 内罗毕办事处…"): the line opens a numbered heading. */
static bool
numeral_heading(const char* s, size_t n)
{
  size_t k = unkg_parse_section_numeral(s, n);
  return k && k + 1 < n && s[k] == ' ';
}

/* A part's letter alone on its line ("B" under the resolution's number):
 * a line of its own, however full the line before it was. */
static bool
lone_letter(const char* s, size_t n)
{
  return n == 1 && s[0] >= 'A' && s[0] <= 'Z';
}

static bool
ends_comma(const char* s, size_t n)
{
  return (n >= 3 && !memcmp(s + n - 3, "，", 3)) || (n && s[n - 1] == ',');
}

static bool
ends_semicolon(const char* s, size_t n)
{
  return (n >= 3 && !memcmp(s + n - 3, "；", 3)) || (n && s[n - 1] == ';');
}

static bool
ends_colon(const char* s, size_t n)
{
  return (n >= 3 && !memcmp(s + n - 3, "：", 3)) || (n && s[n - 1] == ':');
}

static const char*
s_of(const Ctx* c, const Line* L)
{
  return c->src->data + L->begin;
}

/* Does the line hold a gap of two spaces or more between two words?  A
 * table's row, its cells set apart ("部/厅  组织单位  数目"): running text
 * has at most one space between words, a page's artefacts and a
 * line's indent aside. */
static bool
table_row(const Ctx* c, const Line* L)
{
  const char* s = s_of(c, L);
  size_t      n = L->end - L->begin;
  if (n < 4) {
    return false;
  }
  /* A pair starting at 1 .. n - 3: memchr passes the words between. */
  const char* end = s + n - 2;
  for (const char* p = s + 1; p < end && (p = memchr(p, ' ', (size_t)(end - p))); ++p) {
    if (p[1] == ' ') {
      return true;
    }
  }
  return false;
}

/* A note ends with a full stop; a colon or semicolon at a line's end
 * ("第一卷：" then the volume's title) goes on. */
static bool
ends_note(const char* s, size_t n)
{
  if (!unkg_text_is_terminal(s, n)) {
    return false;
  }
  size_t i = n;
  while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
    --i;
  }
  size_t   l;
  uint32_t cp = i > 0 ? cp_at(s + i - 1, n - i + 1, &l) : 0;
  if (cp == '.') {
    /* "(Vol." "No." "Add.": an abbreviation, not the note's end. */
    size_t w = i - 1;
    while (w > 0 && isalpha((unsigned char)s[w - 1])) {
      --w;
    }
    if (i - 1 - w >= 1 && i - 1 - w <= 5 && (w == 0 || !isalpha((unsigned char)s[w - 1]))) {
      return false;
    }
  }
  return cp != 0xFF1A && cp != 0xFF1B && cp != ':' && cp != ';';
}

static bool
line_full(const Ctx* c, const Line* L)
{
  return c->page_width && L->width * 100 >= c->page_width * 85;
}

/* Where the line's text ends, before the note markers standing last
 * ("…行动要点，4", "…的报告，¹") and the spaces between. */
static size_t
text_end(const Ctx* c, const Line* L)
{
  const char* s = c->src->data;
  size_t      e = L->end;
  while (e > L->begin) {
    size_t b = e - 1;
    while (b > L->begin && ((unsigned char)s[b] & 0xC0) == 0x80) {
      --b;
    }
    size_t   l;
    uint32_t cp = cp_at(s + b, e - b, &l);
    if (cp == ' ' || unkg_cp_superscript_digit(cp) >= 0
        || (cp >= '0' && cp <= '9' && is_plain_marker(c, b))) {
      e = b;
    } else {
      break;
    }
  }
  return e;
}

/* Could P have taken L's first character, with the marks bound to it, at
 * the page's width?  Typesetting breaks a line only where the next unit
 * does not fit: a CJK character with the closing marks after it ("用，"),
 * or an opening mark with the character after it ("《公").  So a line of
 * plain CJK text that had room for that unit ended its paragraph there,
 * however full it looks; only one at the brim may have been wrapped.
 * Widths are exact for full-width characters only: a line holding Latin
 * text, quotes or dashes (drawn wide or narrow by the font), or a note
 * marker after its text, is taken at the brim when nearly full (within
 * 7%: wrapped lines holding Latin text come as short as 93% of the width
 * in pdftotext's output of the 75th and 76th sessions). */
static bool
at_brim(const Ctx* c, const Line* P, const Line* L)
{
  if (!c->page_width) {
    return false;
  }
  const bool  near = P->width * 100 >= c->page_width * 93;
  const char* s    = c->src->data;
  if (text_end(c, P) != P->end || P->narrow) {
    return near;
  }
  unsigned unit = 0;
  bool     open = false;
  if (L->begin < L->end && isalnum((unsigned char)s[L->begin])) {
    /* A Latin word or number, never broken: taken as wide as its
     * characters were Chinese ones, to err towards the margin. */
    size_t k = L->begin;
    while (k < L->end && s[k] != ' ' && (unsigned char)s[k] < 0x80) {
      ++k;
    }
    return P->width + 2 * (unsigned)(k - L->begin) > c->page_width;
  }
  for (size_t k = L->begin; k < L->end;) {
    size_t   l;
    uint32_t cp = cp_at(s + k, L->end - k, &l);
    if (unkg_cp_width(cp) != 2 || (cp >= 0x2010 && cp <= 0x206F)) {
      return unit ? P->width + unit > c->page_width : near;
    }
    const bool closing = cp == 0xFF0C || cp == 0x3002 || cp == 0x3001 || cp == 0xFF1B || cp == 0xFF1A
                         || cp == 0xFF09 || cp == 0x300B || cp == 0xFF01 || cp == 0xFF1F;
    const bool opening = cp == 0x300A || cp == 0xFF08;
    if (unit && !closing && !open) {
      break;
    }
    open = opening;
    unit += 2;
    k += l;
  }
  return P->width + unit > c->page_width;
}

/* Is P full, or as full as it could be: the next line's first word (a
 * number, a symbol: "1850(2008)号") would not have fitted after it? */
static bool
fills_line(const Ctx* c, const Line* P, const Line* L)
{
  if (line_full(c, P)) {
    return true;
  }
  const char* s = c->src->data + L->begin;
  size_t      n = L->end - L->begin, w = 0;
  while (w < n && s[w] != ' ' && (unsigned char)s[w] < 0x80) {
    ++w;
  }
  /* Widths count a Latin character as half a Chinese one, which typesetting
   * does not quite: hence some slack. */
  if (!c->page_width || w <= 1 || P->width * 10 < c->page_width * 6
      || (P->width + w) * 100 < c->page_width * 85) {
    return false;
  }
  /* …and P stops mid-sentence, on a word ("…日第"), not on a mark. */
  const char* ps = c->src->data + P->begin;
  size_t      e  = P->end - P->begin, l;
  while (e > 0 && ((unsigned char)ps[e - 1] & 0xC0) == 0x80) {
    --e;
  }
  uint32_t last = e > 0 ? cp_at(ps + e - 1, P->end - P->begin - e + 1, &l) : 0;
  /* "、" enumerates: a list of numbers goes on ("2234(2015)、" then "2258(2015)"). */
  return (last >= 0x4E00 && last <= 0x9FFF) || (last < 0x80 && isalnum((int)last)) || last == 0x3001;
}

/* Could L go on a clause the line before it ended with a semicolon?  Not
 * a heading (short, with no mark at its end: "弥合数字鸿沟"; a numeral and
 * its heading: "二 秘书处…") nor an item labelled ㈢ or ③. */
static bool
goes_on(const Ctx* c, const Line* L)
{
  const char* s = s_of(c, L);
  size_t      n = L->end - L->begin, l;
  uint32_t    first = n ? cp_at(s, n, &l) : 0;
  const char* sp    = memchr(s, ' ', n < 16 ? n : 16);
  if ((first >= 0x2460 && first <= 0x24FF) || (first >= 0x3220 && first <= 0x3243)
      || (sp && lone_numeral(s, (size_t)(sp - s)))) {
    return false;
  }
  return line_full(c, L) || unkg_text_is_terminal(s, text_end(c, L) - L->begin)
         || ends_comma(s, text_end(c, L) - L->begin);
}

static bool
line_terminal(const Ctx* c, const Line* L)
{
  return unkg_text_is_terminal(c->src->data + L->begin, text_end(c, L) - L->begin);
}

static bool
line_marker(const Ctx* c, const Line* L)
{
  return starts_with_marker(c->src->data + L->begin, L->end - L->begin) != MARK_NONE;
}

static int
cmp_unsigned(const void* a, const void* b)
{
  unsigned x = *(const unsigned*)a, y = *(const unsigned*)b;
  return (x > y) - (x < y);
}

/* Hard-wrapped text has many lines of nearly the same, maximal width.
 * Lines without blanks first: justification spreads a line holding Latin
 * text with blanks that widen its count past the page's width. */
static unsigned
page_width_of(const Line* lines, size_t n, unsigned* w, bool any, unsigned* short_width)
{
  *short_width = 0;
  size_t m = 0;
  for (size_t i = 0; i < n; ++i) {
    if (lines[i].kind == LINE_TEXT && (any || !lines[i].spaced)) {
      w[m++] = lines[i].width;
    }
  }
  if (m < 5) {
    return 0;
  }
  qsort(w, m, sizeof *w, cmp_unsigned);
  unsigned p90  = w[(m - 1) * 9 / 10];
  size_t   near = 0, big = 0;
  for (size_t i = 0; i < m; ++i) {
    near += w[i] + 8 >= p90 && w[i] <= p90 + 8;
    big += w[i] * 2 >= p90;
  }
  /* Many lines of the same width, or most of the long ones (a short text
   * has as many cover and closing lines as wrapped ones). */
  /* A wrapped page of Chinese is 28 characters wide or more: shorter
   * lines alike are cover and closing lines. */
  if (near >= 3 && p90 >= 56 && (near * 10 >= m * 3 || near * 10 >= big * 4)) {
    return p90;
  }
  /* A short text (a page or two) has too few wrapped lines for the 90th
   * percentile to be one of them, but three or more lines as wide as the
   * widest, give or take a character, are. */
  unsigned max = w[m - 1];
  size_t   top = 0;
  for (size_t i = 0; i < m; ++i) {
    top += w[i] + 3 >= max;
  }
  *short_width = top >= 3 && max >= 56 ? max : 0;
  return 0;
}

/* The 90th percentile of what lines holding blanks show of the page's
 * width: their width less their blanks, each of which extraction may have
 * added ("2021 年 7 月").  0 for fewer than five such lines. */
static unsigned
spaced_floor(const char* s, const Line* lines, size_t n, unsigned* w)
{
  size_t m = 0;
  for (size_t i = 0; i < n; ++i) {
    const Line* L = &lines[i];
    if (L->kind == LINE_TEXT && L->spaced) {
      unsigned blanks = 0;
      for (size_t k = L->begin; k < L->end; ++k) {
        blanks += s[k] == ' ';
      }
      w[m++] = L->width > blanks ? L->width - blanks : 0;
    }
  }
  if (m < 5) {
    return 0;
  }
  qsort(w, m, sizeof *w, cmp_unsigned);
  return w[(m - 1) * 9 / 10];
}

static unsigned
detect_page_width(const char* s, const Line* lines, size_t n)
{
  unsigned* w = malloc((n ? n : 1) * sizeof *w);
  if (!w) {
    return 0;
  }
  unsigned alone = 0, any = 0;
  unsigned width = page_width_of(lines, n, w, false, &alone);
  /* Lines without blanks may be a table's cells, narrower than the page
   * (75/293's annexes: "业务支助部/支助业务厅/…" at 51-60 columns, where the
   * text runs to 72): if most lines holding blanks stand wider than that
   * even without their blanks, the page is as wide as all lines show. */
  if (width && spaced_floor(s, lines, n, w) > width + 2) {
    width = 0;
  }
  if (!width) {
    width = page_width_of(lines, n, w, true, &any);
  }
  if (!width) {
    width = alone ? alone : any;
  }
  free(w);
  return width;
}

/* Is the line short enough to be one table cell, with nothing of a
 * paragraph's (a marker, a clause's end)?  At most 14 full-width
 * characters ("大不列颠及北爱尔兰联合王国", "0.006", "P-4", "—"). */
static bool
cell_line(const Ctx* c, const Line* L)
{
  const char* s = s_of(c, L);
  size_t      n = L->end - L->begin;
  if (L->kind != LINE_TEXT || !n || L->width > 28 || starts_with_marker(s, n) != MARK_NONE) {
    return false;
  }
  return !unkg_text_is_terminal(s, n) && !ends_colon(s, n) && !ends_semicolon(s, n)
         && !ends_comma(s, n);
}

/* Could the line be a table's cell, or a line of one cut inside its
 * column, where the run it stands in is a table for certain?  Short of
 * the page's width ("会员国按照适用于 2022 年联合国经常预算的分摊比额表 38
 * 721 700", a cell and the next column's), with nothing of a paragraph's:
 * no marker, no sentence's or clause's end (a colon may end a row's
 * heading: "其中："). */
static bool
wide_cell_line(const Ctx* c, const Line* L)
{
  const char* s = s_of(c, L);
  size_t      n = L->end - L->begin;
  if (L->kind != LINE_TEXT || !n || !c->page_width || line_full(c, L)
      || starts_with_marker(s, n) != MARK_NONE) {
    return false;
  }
  return (!unkg_text_is_terminal(s, n) || ends_colon(s, n)) && !ends_semicolon(s, n)
         && !ends_comma(s, n);
}

/* A cell numbered as a paragraph is ("1. 工作人员薪金税收入", "2. 一般收
 * 入": a table of income sections), short, with no clause's end: a
 * paragraph numbered so would end with one. */
static bool
numbered_cell_line(const Ctx* c, const Line* L)
{
  const char* s = s_of(c, L);
  size_t      n = L->end - L->begin;
  return L->kind == LINE_TEXT && n && L->width <= 28 && starts_with_marker(s, n) != MARK_NONE
         && !unkg_text_is_terminal(s, n) && !ends_colon(s, n) && !ends_semicolon(s, n)
         && !ends_comma(s, n);
}

/* A line as wide as the page inside a table printed a column at a time:
 * cells of several columns that extraction set on one line ("医疗保健管理
 * 与职业安全和 1 P- 医务干事(医疗质量 从一般临时人"), known as such by the
 * cell that follows it, where running text would go on as wide or end
 * its sentence. */
static bool
joined_cells_line(const Ctx* c, size_t k)
{
  const Line* L = &c->lines[k];
  const char* s = s_of(c, L);
  size_t      n = L->end - L->begin;
  if (L->kind != LINE_TEXT || !n || !line_full(c, L) || starts_with_marker(s, n) != MARK_NONE
      || unkg_text_is_terminal(s, n) || ends_comma(s, n)) {
    return false;
  }
  for (size_t j = k + 1; j < c->n_lines; ++j) {
    if (c->lines[j].kind == LINE_TEXT) {
      return wide_cell_line(c, &c->lines[j]);
    }
    if (c->lines[j].kind == LINE_FOOTNOTE) {
      return false;
    }
  }
  return false;
}

/* Does the heading on line k open a page, or follow a sentence's end or,
 * `up` times more, a heading that does? */
static bool
heading_opens(const Ctx* c, size_t k, unsigned up)
{
  while (k-- > 0) {
    const Line* L = &c->lines[k];
    if (L->kind == LINE_BLANK) {
      continue;
    }
    if (L->kind != LINE_TEXT) {
      return L->kind == LINE_ARTEFACT;
    }
    const char* s = s_of(c, L);
    size_t      n = text_end(c, L) - L->begin;
    if (unkg_text_is_terminal(s, n) && !ends_colon(s, n)) {
      return true;
    }
    return up && L->width <= 12 && !line_full(c, L) && starts_with_marker(s, n) == MARK_NONE
           && !ends_colon(s, n) && !ends_semicolon(s, n) && !ends_comma(s, n)
           && heading_opens(c, k, up - 1);
  }
  return true;
}

/* Does the text line before `i` end a table's title that stands under a
 * heading ("附件" / "2021 年人员配置表"; "A" / "…支助账户下设立" / "的员
 * 额")?  The title: full lines, then one short of the page, none ending a
 * clause; the heading: a short line with no mark above it. */
static bool
after_title(const Ctx* c, size_t i)
{
  size_t   k = i, lines = 0;
  unsigned width = 0; /* the title's */
  while (k-- > 0) {
    const Line* L = &c->lines[k];
    if (L->kind == LINE_BLANK || L->kind == LINE_ARTEFACT) {
      continue;
    }
    if (L->kind != LINE_TEXT) {
      return false;
    }
    const char* s = s_of(c, L);
    size_t      n = text_end(c, L) - L->begin;
    if (!n || starts_with_marker(s, n) != MARK_NONE || unkg_text_is_terminal(s, n)
        || ends_colon(s, n) || ends_semicolon(s, n) || ends_comma(s, n)) {
      return false;
    }
    if (lines > 0 && L->width <= 12 && !line_full(c, L)) {
      /* The heading, over a title longer than a cell, opens a page or
       * follows a sentence's end, or a heading that does ("附件一" /
       * "A"): a column's cells above would pass for one. */
      return width >= 16 && heading_opens(c, k, 1);
    }
    width += L->width;
    /* The title's last line is short of the page; those above it are full. */
    if ((lines == 0) == line_full(c, L) || ++lines > 4) {
      return false;
    }
  }
  return false;
}

/* Is line i a row of one cell ("各支出款次", "专业及以上职类": a heading
 * spanning the table) with rows of several under it?  pdftotext -layout
 * sets no gap in it, and no indent; what tells it from the paragraph after
 * a table is the row below, up to three such lines down. */
static bool
cell_over_row(const Ctx* c, size_t i)
{
  unsigned cells = 0;
  for (size_t k = i; k < c->n_lines; ++k) {
    const Line* L = &c->lines[k];
    if (L->kind == LINE_BLANK || L->kind == LINE_ARTEFACT) {
      continue;
    }
    if (table_row(c, L)) {
      return cells > 0;
    }
    if (!cell_line(c, L) || ++cells > 3) {
      return false;
    }
  }
  return false;
}

/* pdftotext's default mode prints a table set in ruled columns a column at
 * a time, a cell a line, blank lines between the columns' blocks (76/238's
 * scale: "会员国", "阿富汗", "阿尔巴尼亚" … then "百分比", "0.006" …).  A run of
 * six cell lines or more, page breaks and blank lines between them aside,
 * right after a line that announces a table (ending with a colon or a
 * semicolon: "…如下：", "…为期 18 个月；"), is marked: the reader holds it
 * as the one paragraph the markup holds the table in, whose row order it
 * cannot restore.  Under a table's title (after_title) the run is taken
 * where it shows a column's end, a blank line between two of its lines
 * with no page break there (running text packed by pdftotext has blank
 * lines only at a page's foot); its cells may then be wider, or cut over
 * lines inside their column (wide_cell_line). */
static void
mark_cell_runs(Ctx* c)
{
  size_t prev = SIZE_MAX; /* the last text line before i */
  for (size_t i = 0; i < c->n_lines; ++i) {
    if (c->lines[i].kind != LINE_TEXT) {
      continue;
    }
    const Line* P = prev == SIZE_MAX ? NULL : &c->lines[prev];
    prev          = i;
    if (!P || P->cell) {
      continue;
    }
    size_t     te        = text_end(c, P) - P->begin;
    const bool announced = ends_colon(s_of(c, P), te) || ends_semicolon(s_of(c, P), te);
    if (announced ? !cell_line(c, &c->lines[i])
                  : !wide_cell_line(c, &c->lines[i]) || !after_title(c, i)) {
      continue;
    }
    /* The run of narrow cells alone (announced), and the run with wide
     * ones, which must show a column's end (75/254's "国际药物管制、预防犯罪
     * 和恐怖主义及刑事司法" under "…用于下列用途：" as under a title). */
    size_t n = 0, end = i, breaks = 0, blanks = 0, narrow = 0, narrow_end = i;
    bool   artefact = false, all_narrow = true;
    for (size_t k = i; k < c->n_lines; ++k) {
      if (c->lines[k].kind == LINE_BLANK) {
        ++blanks;
        continue;
      }
      if (c->lines[k].kind == LINE_ARTEFACT) {
        artefact = true;
        continue;
      }
      all_narrow = all_narrow && cell_line(c, &c->lines[k]);
      if (!wide_cell_line(c, &c->lines[k]) && !joined_cells_line(c, k)
          && !numbered_cell_line(c, &c->lines[k]) && !all_narrow) {
        break;
      }
      breaks += blanks && !artefact;
      blanks   = 0;
      artefact = false;
      ++n;
      end = k + 1;
      if (all_narrow) {
        narrow     = n;
        narrow_end = end;
      }
    }
    if (n < 6 || !breaks) {
      if (!announced || narrow < 6) {
        continue;
      }
      end = narrow_end; /* as many narrow cells as before a wide line */
    }
    for (size_t k = i; k < end; ++k) {
      if (c->lines[k].kind == LINE_TEXT) {
        c->lines[k].cell = k == i ? 2 : 1;
      }
    }
    prev = end - 1;
    i    = end - 1;
  }
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
    /* The line's end: memchr runs many bytes a step. */
    const char* nl  = memchr(s + i, '\n', len - i);
    size_t      eol = nl ? (size_t)(nl - s) : len;
    const char* cr  = memchr(s + i, '\r', eol - i);
    eol             = cr ? (size_t)(cr - s) : eol;
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
    L.indent   = (unsigned)(b - i);
    for (size_t k = b; k < e; k += l) {
      uint32_t cp = cp_at(s + k, e - k, &l);
      int      w  = unkg_cp_width(cp);
      L.width += (unsigned)w;
      L.narrow = L.narrow || w != 2 || (cp >= 0x2010 && cp <= 0x206F);
      L.spaced = L.spaced || s[k] == ' ';
      /* 《 U+300A and 》 U+300B, “ U+201C and ” U+201D: one test for
       * the other characters. */
      if ((cp & ~1u) == 0x300A || (cp & ~1u) == 0x201C) {
        L.quotes += (cp & 1u) ? -1 : 1;
      }
    }
    const char* sym;
    size_t      sym_len = 0;
    if (b == e || header_line(s + b, e - b, c->n_lines ? &c->lines[c->n_lines - 1] : NULL, s)) {
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

/* The text of a line without its spaces, which extraction puts in or
 * leaves out at will (`2020 年` / `2020年`). */
static UnkgStatus
squeeze(const char* s, size_t n, UnkgBuf* out)
{
  for (size_t i = 0, l; i < n; i += l) {
    uint32_t cp = cp_at(s + i, n - i, &l);
    if (!unkg_cp_is_space(cp)) {
      UnkgStatus st = unkg_buf_put_cp(out, cp);
      if (st) {
        return st;
      }
    }
  }
  return UNKG_OK;
}

/* Does the line end a sentence or a clause (a title ends neither)? */
static bool
ends_clause(const char* s, size_t n)
{
  if (unkg_text_is_terminal(s, n)) {
    return true;
  }
  size_t i = n;
  while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
    --i;
  }
  size_t   l;
  uint32_t cp = i > 0 ? cp_at(s + i - 1, n - i + 1, &l) : 0;
  return cp == 0xFF0C /* ， */ || cp == 0x3001 /* 、 */ || cp == ',';
}

/* The line under a running head at the top of a page (after the footer of
 * the page before) is the document's title when printed there too:
 *   A/RES/75/124
 *   在自然灾害领域开展人道主义援助国际合作：从救济到发展
 * It is furniture when the same line stands under two running heads, or
 * when it ends a line of the first page (where the title is printed in
 * full).  A title ends no sentence or clause, so a line that does is text. */
static UnkgStatus
mark_running_titles(Ctx* c)
{
  const char* s       = c->src->data;
  size_t      first   = SIZE_MAX; /* the first page-top running head */
  size_t*     heads   = NULL;     /* lines under page-top running heads */
  size_t      n_heads = 0;
  UnkgStatus  st      = UNKG_OK;
  bool        footer  = false; /* an artefact since the last text line */
  for (size_t i = 0; i + 1 < c->n_lines; ++i) {
    const Line* L = &c->lines[i];
    if (L->kind == LINE_TEXT || L->kind == LINE_FOOTNOTE) {
      footer = false;
      continue;
    }
    if (L->kind != LINE_ARTEFACT) {
      continue;
    }
    const Line* T    = &c->lines[i + 1];
    bool        head = footer && T->kind == LINE_TEXT;
    footer           = true;
    if (!head || ends_clause(s + T->begin, T->end - T->begin) || T->width < 4) {
      continue;
    }
    if (first == SIZE_MAX) {
      first = i;
    }
    size_t* v = realloc(heads, (n_heads + 1) * sizeof *v);
    if (!v) {
      free(heads);
      return UNKG_ERR_NOMEM;
    }
    heads            = v;
    heads[n_heads++] = i + 1;
  }
  if (!n_heads) {
    return UNKG_OK;
  }
  /* The first page, squeezed, with the end of each of its lines. */
  UnkgBuf page = {0}, cand = {0};
  size_t* ends   = calloc(first + 1, sizeof *ends);
  size_t  n_ends = 0;
  if (!ends) {
    st = UNKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < first && !st; ++i) {
    const Line* L = &c->lines[i];
    if (L->kind == LINE_TEXT) {
      st             = squeeze(s + L->begin, L->end - L->begin, &page);
      ends[n_ends++] = page.len;
    }
  }
  for (size_t h = 0; h < n_heads && !st; ++h) {
    const Line* T = &c->lines[heads[h]];
    cand.len      = 0;
    if ((st = squeeze(s + T->begin, T->end - T->begin, &cand))) {
      break;
    }
    bool title = false;
    /* The same line under another running head (compared with the next
     * one only: running titles are all alike, so neighbours suffice). */
    for (size_t o = h + 1; o < n_heads && o <= h + 1 && !title; ++o) {
      const Line* U = &c->lines[heads[o]];
      title         = U->end - U->begin == T->end - T->begin
              && memcmp(s + U->begin, s + T->begin, T->end - T->begin) == 0;
      if (title) {
        c->lines[heads[o]].kind = LINE_ARTEFACT;
      }
    }
    /* A short title ("女童") only where it repeats: a short line ends many
     * a paragraph of the first page. */
    for (size_t e = 0; e < n_ends && !title && cand.len && T->width >= 8; ++e) {
      title = ends[e] >= cand.len && memcmp(page.data + ends[e] - cand.len, cand.data, cand.len) == 0;
    }
    if (title) {
      c->lines[heads[h]].kind = LINE_ARTEFACT;
    }
  }
  unkg_buf_clear(&page);
  unkg_buf_clear(&cand);
  free(ends);
  free(heads);
  return st;
}

/* ---- notes marked with plain digits ------------------------------------ */

/* Real PDF extraction prints a footnote marker as plain digits after the
 * word it stands by ("的相关报告，1 其中涉及") and the note at the page
 * foot as "1 A/66/340 和 A/66/7/Add.21。".  Digits are a note only when
 * both ends are there: a line at the foot of a page opening with the next
 * note number (or 1, where numbering restarts), and that number standing
 * as a marker in the body of the same page.  Every line from there to the
 * page's end belongs to the notes; a line opening with the number after is
 * the next note. */

/* Does s open with a unit a number counts (年 月 日 号 段 届, then 次 个 名
 * 项 章 条 款 分)?  Digits before one are a quantity, never a note's number.
 * Only the first six where a note's text could start with a word the
 * others begin (条约, 分析). */
static bool
unit_at(const char* s, size_t n, bool dates)
{
  static const uint32_t units[] = {0x5E74, 0x6708, 0x65E5, 0x53F7, 0x6BB5, 0x5C4A, 0x6B21,
                                   0x4E2A, 0x540D, 0x9879, 0x7AE0, 0x6761, 0x6B3E, 0x5206};
  size_t                l;
  uint32_t              next = n ? cp_at(s, n, &l) : 0;
  for (size_t u = 0; u < (dates ? 6 : sizeof units / sizeof *units); ++u) {
    if (next == units[u]) {
      return true;
    }
  }
  return false;
}

/* The digits a line opens with, followed by a space and more text: 1-3
 * digits, not "1." (an operative paragraph), not "2020 年". */
static unsigned
plain_label_at(const char* s, size_t n, int* value)
{
  size_t d = 0;
  while (d < n && d < 4 && isdigit((unsigned char)s[d])) {
    ++d;
  }
  /* The number alone on its line: the note's text was set below it (a long
   * address broke the line, extraction gave it a column of its own). */
  if (d == 0 || d > 3 || s[0] == '0' || (d < n && (d + 1 >= n || s[d] != ' '))
      || (d < n && unit_at(s + d + 1, n - d - 1, true))) {
    return 0; /* "7 月 25 日…": a date broken over two lines */
  }
  *value = atoi(s);
  return (unsigned)d;
}

/* Does the digit run at s[i, i+d) stand as a marker?  After a word or a
 * mark (not after "第", a digit, a Latin letter or a symbol's slash), and
 * before a space, the line's end or text that is not a unit of measure
 * (next: the next line's text, which a line's end leads to); if counted, a
 * unit that counts things (名, 项: "文件、9 名为…") is let through, a
 * date's never. */
static bool
marker_at(const char* s, size_t n, size_t i, size_t d, bool spaced, bool counted, const char* next,
          size_t next_n)
{
  size_t p = i;
  if (spaced) {
    /* Justified lines put spaces around it: "日内瓦公约》 1 冷在…". */
    while (p > 0 && s[p - 1] == ' ') {
      --p;
    }
    if (p == i) {
      return false;
    }
  }
  /* Set off by spaces it may follow a number ("生物多样性目标 11 1 所作"). */
  if (p == 0 || (isdigit((unsigned char)s[p - 1]) && !spaced) || isalpha((unsigned char)s[p - 1])
      || strchr(" /.-+(,", s[p - 1])) {
    return false;
  }
  size_t b = p - 1;
  while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80) {
    --b;
  }
  size_t   l;
  uint32_t prev = cp_at(s + b, n - b, &l);
  if (prev == 0x7B2C /* 第 */ || prev == 0x81F3 /* 至 */) {
    return false;
  }
  size_t j = i + d;
  if (j < n && (isdigit((unsigned char)s[j]) || strchr("/.%)-,", s[j]))) {
    return false;
  }
  /* An item of a list of numbers ("目标 9、11、16"). */
  if (prev == 0x3001 /* 、 */ && b > 0 && isdigit((unsigned char)s[b - 1])
      && !strncmp(s + j, "、", 3)) {
    return false;
  }
  while (j < n && s[j] == ' ') {
    ++j;
  }
  if (j >= n) {
    /* A number goes on over a line's end: "2015 年 7" then "月 27 日". */
    return !(next && unit_at(next, next_n, counted));
  }
  size_t g = j;
  while (g < n && isdigit((unsigned char)s[g])) {
    ++g;
  }
  if (g - j == 3) {
    return false; /* a group of a number written with spaces: "12 082 200" */
  }
  return !unit_at(s + j, n - j, counted);
}

/* Is the digit run at s[i, i+d) a marker glued to a resolution's number
 * ("第 71/2057 和 72/190 号决议" for 71/205 and note 7)?  The Assembly
 * numbers its resolutions of a session in three digits at most, so a
 * fourth digit after "NN/NNN" is not the number's. */
static bool
glued_marker_at(const char* s, size_t n, size_t i, size_t d)
{
  if (i < 5 || i + d > n || (i + d < n && (isdigit((unsigned char)s[i + d]) || s[i + d] == '/'))) {
    return false;
  }
  for (size_t k = i - 3; k < i; ++k) {
    if (!isdigit((unsigned char)s[k])) {
      return false;
    }
  }
  if (s[i - 4] != '/' || !isdigit((unsigned char)s[i - 5])) {
    return false;
  }
  size_t a = i - 5;
  while (a > 0 && isdigit((unsigned char)s[a - 1])) {
    --a;
  }
  return i - 4 - a <= 2 && !(a > 0 && strchr("/.-", s[a - 1]));
}

/* Is the digit run at s[i, i+d) a marker glued to the last digit of a
 * resolution's number that can be read without it ("第 39/176 号" for
 * 39/17 and note 6)?  Only asked when the note's marker is found nowhere
 * else on its page: the marker sits between the notes before and after
 * it, and a number is cited with 号 after it. */
static bool
glued_marker_short_at(const char* s, size_t n, size_t i, size_t d)
{
  size_t k = i;
  while (k > 0 && isdigit((unsigned char)s[k - 1])) {
    --k;
  }
  /* One or two digits of the number left, after "NN/". */
  if (i - k < 1 || i - k > 2 || k < 3 || s[k - 1] != '/' || !isdigit((unsigned char)s[k - 2])
      || !isdigit((unsigned char)s[k - 3]) || (k > 3 && (isdigit((unsigned char)s[k - 4])
                                                         || strchr("/.-", s[k - 4])))) {
    return false;
  }
  size_t j = i + d;
  if (j < n && (isdigit((unsigned char)s[j]) || s[j] == '/')) {
    return false;
  }
  while (j < n && s[j] == ' ') {
    ++j;
  }
  return j + 3 <= n && !strncmp(s + j, "号", 3);
}

static size_t find_marker_as(const Ctx* c, size_t a, size_t b, size_t from, const char* want,
                             size_t wl, int pass);
static size_t next_text(const Ctx* c, size_t i);

/* The offset of the first marker `value` in lines [a, b) at or after
 * from, or SIZE_MAX: one set close to its word first, else one set off by
 * spaces. */
static size_t
find_marker(const Ctx* c, size_t a, size_t b, size_t from, int value)
{
  char   want[8];
  size_t wl = (size_t)snprintf(want, sizeof want, "%d", value);
  /* Close to its word, set off by spaces, and last before a word that
   * could count it, close or set off ("缴款等级 5 分摊", a justified line);
   * last of all, glued to a resolution's number: one that cannot have
   * the digit, then one that can do without it. */
  for (int pass = 0; pass < 6; ++pass) {
    size_t at = find_marker_as(c, a, b, from, want, wl, pass);
    if (at != SIZE_MAX) {
      return at;
    }
  }
  return SIZE_MAX;
}

/* Pass 0 to 3: marker_at, spaced on odd passes, counted from pass 2; pass
 * 4: glued_marker_at; pass 5: glued_marker_short_at. */
static size_t
find_marker_as(const Ctx* c, size_t a, size_t b, size_t from, const char* want, size_t wl, int pass)
{
  for (size_t k = a; k < b; ++k) {
    const Line* L = &c->lines[k];
    if (L->kind != LINE_TEXT || L->end <= from) {
      continue;
    }
    const char* s  = c->src->data + L->begin;
    size_t      n  = L->end - L->begin;
    size_t      nx = pass < 4 ? next_text(c, k) : c->n_lines;
    const Line* N  = nx < c->n_lines ? &c->lines[nx] : NULL;
    for (size_t i = from > L->begin ? from - L->begin : 0; i + wl <= n; ++i) {
      /* To the next place the label's first byte stands: memchr. */
      const char* hit = wl ? memchr(s + i, want[0], n - wl + 1 - i) : NULL;
      if (wl && !hit) {
        break;
      }
      i = hit ? (size_t)(hit - s) : i;
      if (s[i] != want[0] || memcmp(s + i, want, wl) != 0) {
        continue;
      }
      bool found = pass == 5   ? glued_marker_short_at(s, n, i, wl)
                   : pass == 4 ? glued_marker_at(s, n, i, wl)
                     : marker_at(s, n, i, wl, pass % 2 == 1, pass >= 2,
                                 N ? c->src->data + N->begin : NULL, N ? N->end - N->begin : 0);
      if (found) {
        return L->begin + i;
      }
    }
  }
  return SIZE_MAX;
}

static UnkgStatus
add_plain(Ctx* c, size_t off, size_t len)
{
  if (c->n_plain + len > c->cap_plain) {
    size_t  cap = c->cap_plain ? c->cap_plain * 2 + len : 64;
    size_t* v   = realloc(c->plain, cap * sizeof *v);
    if (!v) {
      return UNKG_ERR_NOMEM;
    }
    c->plain     = v;
    c->cap_plain = cap;
  }
  for (size_t k = 0; k < len; ++k) {
    c->plain[c->n_plain++] = off + k;
  }
  return UNKG_OK;
}

/* Could lines [j, b), to the page's end, be its notes, the first numbered
 * v?  No note runs on for more than sixteen lines. */
static bool
note_block_ok(const Ctx* c, size_t j, size_t b, int v)
{
  const char* s    = c->src->data;
  int         cur  = v;
  unsigned    cont = 0;
  for (size_t k = j + 1; k < b; ++k) {
    const Line* M = &c->lines[k];
    int         w;
    if (M->kind != LINE_TEXT) {
      continue;
    }
    unsigned e = plain_label_at(s + M->begin, M->end - M->begin, &w);
    if (e && w > cur && w <= cur + 2) {
      cur  = w;
      cont = 0;
    } else if (++cont > 16) {
      return false;
    }
  }
  return true;
}

/* Does a line after j, before b, start with the note numbered `want` (and,
 * if in_sequence, a run of notes)?  Then j's number ("5 日第 38/7 号决议，
 * 10" wrapped from the body) is not the next note's, whatever it says. */
static bool sequence_at(const Ctx* c, size_t j, size_t b, int v);

static bool
label_below(const Ctx* c, size_t j, size_t b, int want, bool in_sequence)
{
  for (size_t k = j + 1; k < b; ++k) {
    const Line* M = &c->lines[k];
    int         w;
    if (M->kind == LINE_TEXT && plain_label_at(c->src->data + M->begin, M->end - M->begin, &w)
        && w == want && (!in_sequence || sequence_at(c, k, b, w))) {
      return true;
    }
  }
  return false;
}

/* Does the note numbered v on line j start a run of notes: the next text
 * line is note v + 1, or there is none on the page?  A body line that
 * wrapped at "1 日第 30/12 号" does not; the notes below it do. */
static bool
sequence_at(const Ctx* c, size_t j, size_t b, int v)
{
  for (size_t k = j + 1; k < b; ++k) {
    const Line* M = &c->lines[k];
    int         w;
    if (M->kind == LINE_TEXT) {
      return plain_label_at(c->src->data + M->begin, M->end - M->begin, &w) && w == v + 1;
    }
  }
  return true;
}

/* Does the line open with a document symbol ("SPLOS/30/10/Add.1 、…")? */
static bool
starts_with_symbol(const char* s, size_t n)
{
  size_t k = 0;
  while (k < n && s[k] != ' ' && (unsigned char)s[k] < 0x80) {
    ++k;
  }
  while (k > 0 && (s[k - 1] == '.' || s[k - 1] == ',')) {
    --k; /* a symbol that ends the note's sentence: "…/Add.4。" is cut at "。" */
  }
  return k && is_symbol_token(s, k);
}

/* The first line of a note of document symbols run on from the body,
 * with no blank line between, right above line j ("…批款 1 944 200" then
 * "A/75/6 (Sect. 3)/Add.1 、 …" and "(Sect. 3)/Add.6/Corr.1 和 …。",
 * 75/253): up to four lines opening with no digit and no Chinese, the
 * first of them opening with a symbol (a body line opens with a word or a
 * number).  j if there is none. */
static size_t
note_of_symbols(const Ctx* c, size_t first_text, size_t j)
{
  const char* s = c->src->data;
  size_t      t = j;
  while (t > first_text + 1 && j - t < 4 && c->lines[t - 1].kind == LINE_TEXT
         && (unsigned char)s[c->lines[t - 1].begin] < 0x80
         && !isdigit((unsigned char)s[c->lines[t - 1].begin])) {
    --t;
  }
  while (t < j && !starts_with_symbol(s + c->lines[t].begin, c->lines[t].end - c->lines[t].begin)) {
    ++t;
  }
  return t;
}

/* pdftotext prints a CJK word that ends a note's line among symbols
 * ("…/Add.3 和" over "SPLOS/30/10/Add.4。") after the page's foot, alone
 * between the foot and the next page's head (75/239, 76/72).  For the
 * note at lines [t, b) whose number stood below it: a word of one or two
 * characters alone there, with no mark, goes back to the end of the
 * note's first line that ends with no mark.  The page's new end. */
static size_t
late_note_word(Ctx* c, size_t t, size_t b)
{
  const char* s = c->src->data;
  size_t      o = b;
  while (o < c->n_lines && c->lines[o].kind != LINE_TEXT) {
    ++o;
  }
  size_t after = o + 1;
  while (after < c->n_lines && c->lines[after].kind == LINE_BLANK) {
    ++after;
  }
  if (o == c->n_lines || o == b || after == c->n_lines || c->lines[after].kind != LINE_ARTEFACT) {
    return b;
  }
  const Line* O = &c->lines[o];
  size_t      n = O->end - O->begin, len;
  if (n > 6) {
    return b;
  }
  for (size_t i = 0; i < n; i += len) {
    if (!is_cjkish(cp_at(s + O->begin + i, n - i, &len))
        || unkg_text_is_terminal(s + O->begin, n)) {
      return b;
    }
  }
  size_t k = t;
  /* Raw ends: the notes' markers are not all known yet (line_terminal). */
  while (k + 1 < b
         && unkg_text_is_terminal(s + c->lines[k].begin, c->lines[k].end - c->lines[k].begin)) {
    ++k;
  }
  if (k + 1 == b) {
    return b; /* every line but the last ends with a mark: no place for it */
  }
  Line w = *O;
  memmove(&c->lines[k + 2], &c->lines[k + 1], (o - k - 1) * sizeof *c->lines);
  w.note_cont      = true;
  w.kind           = LINE_TEXT;
  c->lines[k + 1] = w;
  return b + 1;
}

static UnkgStatus
find_plain_notes(Ctx* c)
{
  const char* s        = c->src->data;
  int         expected = 1;
  size_t      a        = 0; /* the page's first line */
  /* Notes marked with superscripts are read as such (scan_lines). */
  for (size_t k = 0; k < c->n_lines; ++k) {
    if (c->lines[k].kind == LINE_FOOTNOTE) {
      return UNKG_OK;
    }
  }
  /* A number alone on its line is a page number (scan_lines), unless it
   * follows a note numbered one less: then it is that next note, its text
   * set below it. */
  int prev_label = -1;
  for (size_t k = 0; k < c->n_lines; ++k) {
    Line* L = &c->lines[k];
    int   v;
    if (L->kind == LINE_BLANK) {
      continue;
    }
    unsigned d = plain_label_at(s + L->begin, L->end - L->begin, &v);
    if (L->kind == LINE_ARTEFACT && d && d == L->end - L->begin && v == prev_label + 1) {
      L->kind = LINE_TEXT;
    }
    prev_label = d && L->kind == LINE_TEXT ? v : -1;
  }
  while (a < c->n_lines) {
    size_t b = a;
    while (b < c->n_lines && c->lines[b].kind != LINE_ARTEFACT) {
      ++b;
    }
    /* Lines [a, b) are one page's text. */
    size_t from = 0, first_text = SIZE_MAX;
    bool   found = false;
    for (size_t j = a; j < b; ++j) {
      Line* L = &c->lines[j];
      int   v;
      if (L->kind != LINE_TEXT) {
        continue;
      }
      if (first_text == SIZE_MAX) {
        first_text = j;
        continue;
      }
      /* The next number, or one or two further (a note missed), or 1
       * (numbering restarts), or for the first note any small number (a
       * part issued alone goes on from its first part: fn/2). */
      unsigned d = plain_label_at(s + L->begin, L->end - L->begin, &v);
      /* A further jump (the XML of 76/266 numbers its notes 1, 2, 3, 8):
       * only where the page's text holds the marker of this note and not
       * that of the next expected one, so that the numbering does skip. */
      bool far = d && expected > 1 && v > expected + 2 && v <= expected + 9
                 && find_marker(c, first_text, j, from, v) != SIZE_MAX
                 && find_marker(c, first_text, j, from, expected) == SIZE_MAX;
      if (!d
          || !(v == 1 || (v >= expected && v <= expected + 2) || (expected == 1 && v <= 9) || far)) {
        continue;
      }
      if (!note_block_ok(c, j, b, v) || (v != expected && label_below(c, j, b, expected, false))
          || (!sequence_at(c, j, b, v) && label_below(c, j, b, expected, true))) {
        continue;
      }
      size_t at = find_marker(c, first_text, j, from, v);
      if (at == SIZE_MAX) {
        continue;
      }
      /* A note whose number extraction printed below the page's notes,
       * on a line of its own ("见 A/C.6/71/SR.20、…" above "4 见…", then
       * "3"): the lines set apart by a blank line above the first
       * numbered note are its text, if its marker comes before note v's. */
      UnkgStatus st = UNKG_OK;
      if (v > 1 && b < c->n_lines) {
        const Line* E = &c->lines[b];
        int         w;
        unsigned    e = plain_label_at(s + E->begin, E->end - E->begin, &w);
        size_t      t = j;
        while (t > first_text + 1 && c->lines[t - 1].kind == LINE_TEXT) {
          --t;
        }
        if (t < j && c->lines[t - 1].kind != LINE_BLANK) {
          t = note_of_symbols(c, first_text, j);
        }
        if (e && e == E->end - E->begin && w == v - 1 && t < j) {
          size_t mk = find_marker(c, first_text, t, from, w);
          if (mk != SIZE_MAX && mk < at) {
            st                       = add_plain(c, mk, e);
            c->lines[t].kind         = LINE_FOOTNOTE;
            c->lines[t].late_label   = w;
            for (size_t k = t + 1; k < j; ++k) {
              c->lines[k].note_cont = true;
            }
          }
        }
      }
      /* The notes: from line j to the page's end. */
      int cur = v;
      st      = st ? st : add_plain(c, at, d);
      from           = at + d;
      L->kind        = LINE_FOOTNOTE;
      L->plain_label = d;
      for (size_t k = j + 1; k < b && !st; ++k) {
        Line* M = &c->lines[k];
        int   w;
        if (M->kind != LINE_TEXT) {
          continue;
        }
        unsigned e    = plain_label_at(s + M->begin, M->end - M->begin, &w);
        bool     next = e && w > cur && w <= cur + 2;
        M->note_cont  = !next;
        if (next) {
          cur            = w;
          M->kind        = LINE_FOOTNOTE;
          M->plain_label = e;
          size_t mk      = find_marker(c, first_text, j, from, w);
          if (mk != SIZE_MAX) {
            st   = add_plain(c, mk, e);
            from = mk + e;
          }
        }
      }
      if (st) {
        return st;
      }
      expected = cur + 1;
      found    = true;
      break;
    }
    /* The page's only note, its number printed below its text on a line
     * of its own, above the foot ("…其工作空间有任" then "SPLOS/30/10/Add.1 、
     * …" then "52", 75/239 and 76/72): with no note numbered above it, no
     * blank line need set the text apart from the body.  Only lines of
     * document symbols are taken as its text then (a body line opens with
     * a word), and only if its marker is in the page's body above them. */
    if (!found && first_text != SIZE_MAX && b < c->n_lines) {
      const Line* E = &c->lines[b];
      int         w;
      unsigned    e = plain_label_at(s + E->begin, E->end - E->begin, &w);
      size_t      t = note_of_symbols(c, first_text, b);
      /* Or the lines set apart by a blank line above the number, as the
       * last page's note is under the closing lines ("第49 次全体会议",
       * a blank line, "见 A/C.6/76/SR.16 、…" then "3", 76/112). */
      if (t == b) {
        while (t > first_text + 1 && b - t < 16 && c->lines[t - 1].kind == LINE_TEXT) {
          --t;
        }
        t = t < b && c->lines[t - 1].kind == LINE_BLANK ? t : b;
      }
      if (e && e == E->end - E->begin && w >= expected && w <= expected + 2 && t < b) {
        size_t mk = find_marker(c, first_text, t, from, w);
        if (mk != SIZE_MAX) {
          UnkgStatus st = add_plain(c, mk, e);
          if (st) {
            return st;
          }
          c->lines[t].kind       = LINE_FOOTNOTE;
          c->lines[t].late_label = w;
          for (size_t k = t + 1; k < b; ++k) {
            c->lines[k].note_cont = true;
          }
          expected = w + 1;
          b        = late_note_word(c, t, b);
        }
      }
    }
    while (b < c->n_lines && c->lines[b].kind == LINE_ARTEFACT) {
      ++b;
    }
    a = b;
  }
  if (c->n_plain > 1) {
    qsort(c->plain, c->n_plain, sizeof *c->plain, cmp_size);
  }
  return UNKG_OK;
}

/* A line is indented against the page's own margin: `pdftotext -layout`
 * sets every line of some pages one column in. */
static void
page_margins(Ctx* c)
{
  size_t a = 0;
  while (a < c->n_lines) {
    size_t   b = a, n_text = 0, at[4] = {0};
    unsigned margin = UINT_MAX;
    for (; b < c->n_lines && c->lines[b].kind != LINE_ARTEFACT; ++b) {
      if (c->lines[b].kind == LINE_TEXT) {
        ++n_text;
        margin = c->lines[b].indent < margin ? c->lines[b].indent : margin;
        at[c->lines[b].indent < 3 ? c->lines[b].indent : 3]++;
      }
    }
    /* The header block's columns stand further out than the text: the
     * margin is the indent of nearly every line, if there is one; else
     * (a first page under pdftotext -layout, its cover set apart) that of
     * most long lines, which wrapped text fills from the margin. */
    bool     common = false;
    unsigned widest = 0, at_long[4] = {0};
    for (unsigned m = 1; m < 3; ++m) {
      common = common || at[m] * 10 >= n_text * 7;
      margin = at[m] * 10 >= n_text * 7 ? m : margin;
    }
    /* Only where hardly a line starts at the page's edge: text whose
     * paragraphs open indented has its wrapped lines there. */
    common = common || at[0] * 10 > n_text;
    for (size_t k = a; k < b && !common; ++k) {
      widest = c->lines[k].kind == LINE_TEXT && c->lines[k].width > widest ? c->lines[k].width : widest;
    }
    for (size_t k = a; k < b && !common; ++k) {
      const Line* L = &c->lines[k];
      if (L->kind == LINE_TEXT && L->width * 10 >= widest * 6) {
        at_long[L->indent < 3 ? L->indent : 3]++;
      }
    }
    for (unsigned m = 1; m < 3 && !common; ++m) {
      margin = at_long[m] > at_long[0] && at_long[m] > at_long[3]
                   && at_long[m] >= at_long[m == 1 ? 2 : 1]
                 ? m
                 : margin;
    }
    for (size_t k = a; k < b && n_text >= 3 && margin; ++k) {
      c->lines[k].indented = c->lines[k].indent > margin;
    }
    while (b < c->n_lines && c->lines[b].kind == LINE_ARTEFACT) {
      ++b;
    }
    a = b;
  }
}

/* Are the lines from i to the page's end (an artefact or the text's end)
 * set close, with no blank line between two of them? */
static bool
close_to_foot(const Ctx* c, size_t i)
{
  bool blank = false;
  for (size_t k = i; k < c->n_lines; ++k) {
    switch (c->lines[k].kind) {
    case LINE_ARTEFACT: return true;
    case LINE_BLANK: blank = true; break;
    default:
      if (blank) {
        return false;
      }
    }
  }
  return true;
}

/* The next text line after i, stepping over blank lines only, or n_lines. */
static size_t
next_text(const Ctx* c, size_t i)
{
  while (++i < c->n_lines && c->lines[i].kind == LINE_BLANK) {
  }
  return i < c->n_lines && c->lines[i].kind == LINE_TEXT ? i : c->n_lines;
}

/* pdftotext may print the last word of an item ("持；") before the item's
 * first line when that line hangs indented ("(b) …国家元首或政府首脑主"):
 * a word alone that ends a clause, after a line that ended one, before an
 * item whose full line stops mid-word and is followed by no line of its
 * own.  It goes back after that line. */
static void
restore_orphans(Ctx* c)
{
  if (!c->page_width) {
    return;
  }
  for (size_t i = 1; i < c->n_lines; ++i) {
    Line* O = &c->lines[i];
    if (O->kind != LINE_TEXT || O->width * 4 > c->page_width || !line_terminal(c, O)
        || line_marker(c, O)) {
      continue;
    }
    size_t q = i;
    while (q > 0 && c->lines[q - 1].kind == LINE_BLANK) {
      --q;
    }
    size_t l = next_text(c, i);
    if (q == 0 || c->lines[q - 1].kind != LINE_TEXT || !line_terminal(c, &c->lines[q - 1])
        || l == c->n_lines) {
      continue;
    }
    const Line* L     = &c->lines[l];
    size_t      after = next_text(c, l);
    if (!line_marker(c, L) || !line_full(c, L) || line_terminal(c, L)
        || (after < c->n_lines && !line_marker(c, &c->lines[after]))) {
      continue;
    }
    Line o = *O;
    memmove(&c->lines[i], &c->lines[i + 1], (l - i) * sizeof *c->lines);
    c->lines[l] = o;
    i           = l;
  }
}

/* The symbol artefact line L carries: 1 the document's own (a running
 * head), 2 another (a cited symbol on a line of its own), 0 none (a
 * footer's page and job numbers). */
static int
artefact_symbol(const Ctx* c, const Line* L)
{
  const char* sym = NULL;
  size_t      sl  = 0;
  const char* run = c->text->running_symbol;
  if (!is_page_artefact(c->src->data + L->begin, L->end - L->begin, &sym, &sl) || !sym) {
    return 0;
  }
  return run && strlen(run) == sl && !memcmp(run, sym, sl) ? 1 : 2;
}

/* The non-blank line before i (SIZE_MAX if none) or after it (n_lines). */
static size_t
prev_filled(const Ctx* c, size_t i)
{
  while (i-- > 0) {
    if (c->lines[i].kind != LINE_BLANK) {
      return i;
    }
  }
  return SIZE_MAX;
}

static size_t
next_filled(const Ctx* c, size_t i)
{
  while (++i < c->n_lines && c->lines[i].kind == LINE_BLANK) {
  }
  return i;
}

/* pdftotext (default mode) may print the far pieces of a note's justified,
 * letter-spaced lines ("2010 年 审 议 大 会 …", "NPT/CONF.2010/50(Vol.II)")
 * after the page's footer, before the next page's running head, where they
 * would run into the body's paragraph across the page break.  Text between
 * a footer and a running head is none of the body's: it goes back to the
 * page's first note left open (a 《 or “ not closed), as that note's
 * further lines; a page with no open note keeps it where it is. */
enum { MAX_DISPLACED = 8 };

static void
restore_displaced(Ctx* c)
{
  for (size_t f = 0; f < c->n_lines; ++f) {
    if (c->lines[f].kind != LINE_ARTEFACT || artefact_symbol(c, &c->lines[f])) {
      continue;
    }
    size_t p = prev_filled(c, f);
    size_t x = next_filled(c, f);
    if (p == SIZE_MAX || c->lines[p].kind == LINE_ARTEFACT || x >= c->n_lines
        || c->lines[x].kind != LINE_TEXT) {
      continue;
    }
    /* The pieces, a cited symbol alone on its line among them. */
    size_t h = x, n_text = 0;
    while (h < c->n_lines
           && (c->lines[h].kind == LINE_TEXT || c->lines[h].kind == LINE_BLANK
               || (c->lines[h].kind == LINE_ARTEFACT && artefact_symbol(c, &c->lines[h]) == 2))) {
      n_text += c->lines[h].kind != LINE_BLANK;
      ++h;
    }
    if (h >= c->n_lines || n_text > MAX_DISPLACED || artefact_symbol(c, &c->lines[h]) != 1) {
      continue;
    }
    /* The page's notes, from the first down to the footer. */
    size_t top = f;
    while (top > 0 && c->lines[top - 1].kind != LINE_ARTEFACT) {
      --top;
    }
    size_t end = SIZE_MAX; /* the open note's last line */
    int    q   = 0;
    bool   in  = false;
    for (size_t k = top; k < f; ++k) {
      const Line* L = &c->lines[k];
      if (L->kind == LINE_FOOTNOTE) {
        if (in && q > 0) {
          break;
        }
        in = true;
        q  = 0;
      }
      if (in && L->kind != LINE_BLANK) {
        q += L->quotes;
        end = k;
      }
    }
    if (!in || q <= 0) {
      continue;
    }
    /* Each text line of the group, in order, moves up under the note. */
    size_t to = end + 1;
    for (size_t k = x; k < h; ++k) {
      if (c->lines[k].kind == LINE_BLANK) {
        continue;
      }
      Line m = c->lines[k];
      memmove(&c->lines[to + 1], &c->lines[to], (k - to) * sizeof *c->lines);
      m.kind         = LINE_TEXT;
      m.note_cont    = true;
      c->lines[to++] = m;
    }
    f = h;
  }
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
  UnkgStatus st = scan_lines(&c, &c.text->running_symbol);
  if (!st) {
    st = mark_running_titles(&c);
  }
  if (!st) {
    st = find_plain_notes(&c);
  }
  if (!st) {
    page_margins(&c);
  }
  size_t *cur = NULL, *fn = NULL;
  size_t  n_cur = 0, n_fn = 0;
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
    free(c.plain);
    unkg_text_free(c.text);
    return unkg_error(ctx, st, 0, 0, "%s", unkg_strerror(st));
  }
  c.page_width       = detect_page_width(c.src->data, c.lines, c.n_lines);
  c.text->page_width = c.page_width;
  restore_orphans(&c);
  restore_displaced(&c);

  /* Is a blank line between any two text lines the norm?  Then two lines
   * with none between them meet at a page break whose header was lost. */
  /* And does a blank line follow the end of nearly every sentence?  Then
   * paragraphs are set apart by blank lines, and a line ending a sentence
   * with the next line right under it is a wrap, not a paragraph end. */
  unsigned widest = 0;
  for (size_t i = 0; i < c.n_lines; ++i) {
    if (c.lines[i].kind == LINE_TEXT && c.lines[i].width > widest) {
      widest = c.lines[i].width;
    }
  }
  if (c.page_width) {
    widest = c.page_width;
  }
  size_t pairs = 0, blank_between = 0, ends = 0, blank_after_end = 0, wraps = 0, blank_after_wrap = 0;
  size_t commas = 0, blank_after_comma = 0;
  {
    size_t prev = SIZE_MAX, blanks = 0;
    bool   notes = false; /* below a note on its page: the note's own lines, set close */
    for (size_t i = 0; i < c.n_lines; ++i) {
      if (c.lines[i].kind == LINE_FOOTNOTE || c.lines[i].kind == LINE_ARTEFACT) {
        notes = c.lines[i].kind == LINE_FOOTNOTE;
        prev  = notes ? SIZE_MAX : prev;
      }
      if (c.lines[i].kind == LINE_BLANK) {
        ++blanks;
      } else if (c.lines[i].kind == LINE_TEXT && notes) {
        continue;
      } else if (c.lines[i].kind == LINE_TEXT) {
        if (prev != SIZE_MAX) {
          ++pairs;
          blank_between += blanks > 0;
          const Line* Q = &c.lines[prev];
          if (line_terminal(&c, Q)) {
            ++ends;
            blank_after_end += blanks > 0;
          } else if (ends_comma(s_of(&c, Q), text_end(&c, Q) - Q->begin)) {
            ++commas;
            blank_after_comma += blanks > 0;
          } else if (Q->width * 2 >= widest) {
            /* A long line ending mid-clause: a wrap (short ones are cover
             * and closing lines, headings). */
            ++wraps;
            blank_after_wrap += blanks > 0;
          }
        }
        prev   = i;
        blanks = 0;
      }
    }
  }
  /* Double spacing puts a blank line after a line that ends mid-sentence
   * too; paragraphs set apart by blank lines do not. */
  const bool blank_separated = pairs >= 4 && blank_between * 10 >= pairs * 8
                               && (wraps < 3 || blank_after_wrap * 10 >= wraps * 8);
  /* Preambular paragraphs end with a comma: a blank line after nearly
   * every comma-ended line, and after almost no line ending mid-clause,
   * sets paragraphs apart too. */
  const bool blank_paragraphs =
    !blank_separated
    && ((ends >= 4 && blank_after_end * 100 >= ends * 97)
        || (ends + commas >= 4 && (blank_after_end + blank_after_comma) * 10 >= (ends + commas) * 9
            && blank_after_end * 10 >= ends * 9 && blank_after_wrap * 10 <= wraps * 2));

  bool   artefact_since = false; /* page header/footer since the last text line */
  size_t blanks_since   = 0;
  size_t blanks_at_fn   = 0;     /* blanks_since when the note's last line was read */
  int    open_quotes    = 0;     /* 《 and “ opened and not closed in the paragraph */
  bool   after_numeral  = false; /* the last paragraph was a section's numeral alone */
  size_t cur_rows       = 0;     /* table rows in the paragraph being read */
  /* Nothing sets paragraphs apart but their first line (pdftotext). */
  const bool packed = !blank_paragraphs && !blank_separated;
  if (packed) {
    mark_cell_runs(&c);
  }
  for (size_t i = 0; i < c.n_lines; ++i) {
    c.lines[i].row = c.lines[i].kind == LINE_TEXT && table_row(&c, &c.lines[i]);
  }
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
      fn[n_fn++]   = i;
      blanks_at_fn = blanks_since;
      continue;
    case LINE_TEXT: break;
    }
    const bool page_break = artefact_since || (blank_separated && blanks_since == 0);
    /* A blank line ends a paragraph, unless every line is followed by one
     * (double spacing) or a page break stands between. */
    const bool blank_gap = blanks_since > 0 && !blank_separated && !artefact_since;
    const bool adjacent  = blanks_since == blanks_at_fn && !artefact_since;
    artefact_since       = false;
    blanks_since         = 0;
    if (n_fn && L->note_cont) {
      fn[n_fn++]   = i;
      blanks_at_fn = 0;
      continue;
    }
    if (n_fn) {
      /* A note goes on to the next line unless it ended a sentence there
       * (a line cut short before a long address has not). */
      const Line* F = &c.lines[fn[n_fn - 1]];
      /* Where blank lines set the body's lines or paragraphs apart, lines
       * set close under a note down to the page's end are the note's, one
       * sentence or more ("…135 亿美元。" then "见 Helen Castell…"). */
      const bool foot = adjacent && (blank_separated || blank_paragraphs) && close_to_foot(&c, i);
      if ((line_full(&c, F) || adjacent) && (!ends_note(s_of(&c, F), F->end - F->begin) || foot)
          && !line_marker(&c, L) && !L->indented) {
        fn[n_fn++]   = i;
        blanks_at_fn = 0;
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
      const Line* P    = &c.lines[cur[n_cur - 1]];
      const int   mark = starts_with_marker(s_of(&c, L), L->end - L->begin);
      const bool  full = fills_line(&c, P, L);
      /* A section numeral opens a paragraph only where the line before
       * could have ended one. */
      /* An editorial bracket ("[根据…的报告(A/75/417，第 7 段)]") is a
       * line of its own. */
      const bool bracket = P->end > P->begin && c.src->data[P->end - 1] == ']';
      const bool opens   = bracket || mark == MARK_STRONG
                         || (mark == MARK_WEAK && !blank_paragraphs && (line_terminal(&c, P) || !full))
                         || lone_numeral(s_of(&c, L), L->end - L->begin)
                         || lone_letter(s_of(&c, L), L->end - L->begin)
                         || lone_letter(s_of(&c, P), P->end - P->begin);
      const bool rows = P->row && L->row;
      if (!blank_gap
          && (blank_paragraphs ? rows || (!page_break && (P->row || L->row))
                               : blank_separated && rows)) {
        /* A table: its rows, with no blank line between them where blank
         * lines set paragraphs apart, are one paragraph, as the markup
         * holds a table in one (75/293's staffing tables), its title row
         * ("员额", one cell) with them.  Where every line is followed by a
         * blank one, only rows next to rows. */
        join = true;
      } else if (packed && !blank_gap && cur_rows
                 && (L->row || (L->indent >= 4 && mark == MARK_NONE) || cell_over_row(&c, i))) {
        /* Lines packed with no blank between paragraphs (pdftotext
         * -layout): a table's rows keep their cells apart by runs of
         * spaces, and a cell's wrapped line stands indented past the first
         * column.  The rows, across a page break too, are one paragraph,
         * as the markup holds a table in one (76/239's scale: "A   安全理
         * 事会常任理事国   不适用   加付"). */
        join = true;
      } else if (packed && L->cell) {
        /* A table printed a column at a time (mark_cell_runs). */
        join = L->cell == 1;
      } else if (packed && L->row) {
        /* A table's first row opens its paragraph, after the line that
         * announced it ("…依据下表所列十个缴款等级和参数确定："). */
        join = false;
      } else if (!blank_gap && !opens && blank_paragraphs && !page_break) {
        /* Paragraphs are set apart by blank lines: lines with none
         * between them are one paragraph, unless the first is short (a
         * wrap fills at least half the line; the closing date and
         * meeting lines do not). */
        join = P->width * 2 >= widest;
      } else if (!blank_gap && !blank_paragraphs && (!blank_separated || !L->indented)
                 && open_quotes > 0 && !opens && n_cur < 12) {
        /* Inside 《…》 or “…” the paragraph goes on, whatever the line
         * ends with ("《…风险评估报告：" then "2021 年干旱特别报告》"); in
         * double spacing, unless the next line has a paragraph's indent. */
        join = true;
      } else if (!blank_gap && !opens && blank_separated && c.page_width && full && !L->indented
                 && mark == MARK_NONE && s_of(&c, L)[0] != '('
                 && ends_colon(s_of(&c, P), text_end(&c, P) - P->begin)) {
        /* In double spacing a paragraph's first line is indented: a full
         * line ending with a colon before one that is not goes on
         * ("…国际核安保大会：" then "加强国际努力、…", a title), unless
         * that line opens with a label in brackets ("(甲)依登记…"). */
        join = true;
      } else if (!blank_gap && !opens && !line_terminal(&c, P)) {
        if (c.page_width) {
          join = full && (!L->indented || page_break);
        } else {
          /* Unwrapped text: a line is a paragraph unless a page break cut it. */
          join = page_break && P->no + 1 < L->no;
        }
      } else if (!blank_gap && !opens && !blank_separated && c.page_width && full && !page_break
                 && !L->indented && mark == MARK_NONE && goes_on(&c, L)
                 && (ends_semicolon(s_of(&c, P), text_end(&c, P) - P->begin)
                     || ends_colon(s_of(&c, P), text_end(&c, P) - P->begin))) {
        /* A full line ending with a semicolon goes on as often as not
         * ("…的工作环境；" then "提供…" within one item), and one ending
         * with a colon before text that is no item ("…具体目标：" then
         * "消除…" in a preambular paragraph): joined softly, for the
         * reader to cut where a paragraph opens. */
        join = true;
      }
    }
    c.lines[i].page_joined = join && page_break;
    c.lines[i].after_brim  = join && n_cur && at_brim(&c, &c.lines[cur[n_cur - 1]], L);
    /* A section's heading under its numeral, or after it on its line
     * ("三 解决…有限问题" + "回顾大会…", 75/253 B), full to the margin,
     * takes on the line below it ("…所涉行政和经费问题" + "审议了…"): the
     * reader may cut there too.  Not inside a table printed a column at a
     * time, whose cells are one paragraph whatever they end with ("其中："). */
    c.lines[i].soft_joined = join && !page_break && n_cur && !L->cell
                             && ((!blank_paragraphs && !blank_separated
                                  && (ends_comma(s_of(&c, &c.lines[cur[n_cur - 1]]),
                                                 text_end(&c, &c.lines[cur[n_cur - 1]])
                                                   - c.lines[cur[n_cur - 1]].begin)
                                      || ends_semicolon(s_of(&c, &c.lines[cur[n_cur - 1]]),
                                                        text_end(&c, &c.lines[cur[n_cur - 1]])
                                                          - c.lines[cur[n_cur - 1]].begin)
                                      || ends_colon(s_of(&c, &c.lines[cur[n_cur - 1]]),
                                                    text_end(&c, &c.lines[cur[n_cur - 1]])
                                                      - c.lines[cur[n_cur - 1]].begin)))
                                 || (n_cur == 1
                                     && (after_numeral
                                         || numeral_heading(s_of(&c, &c.lines[cur[0]]),
                                                            c.lines[cur[0]].end
                                                              - c.lines[cur[0]].begin))));
    if (!join && n_cur) {
      after_numeral = n_cur == 1
                      && lone_numeral(s_of(&c, &c.lines[cur[0]]),
                                      c.lines[cur[0]].end - c.lines[cur[0]].begin);
      st          = emit_block(&c, cur, n_cur, false);
      n_cur       = 0;
      open_quotes = 0;
    }
    cur_rows     = join ? cur_rows : 0;
    cur_rows    += L->row;
    cur[n_cur++] = i;
    open_quotes += L->quotes;
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
  free(c.plain);
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
    free(b->soft);
    free(b->brim);
  }
  free(text->blocks);
  free(text->running_symbol);
  free(text);
}

/* unkg_normalise_string for the common string, in one pass with no
 * character array: what clean_chars does when there is no markup, no
 * superscript and no digit group (only spaces to collapse and widths to
 * fold).  False, with nothing made, for any other string. */
static bool
normalise_plain(const char* s, size_t n, char** out)
{
  /* Folding never lengthens a valid character (only ill-formed bytes,
   * which become U+FFFD, could): n bytes are enough. */
  char* o = malloc(n + 1);
  if (!o) {
    return false;
  }
  size_t   w       = 0;
  bool     pending = false; /* a space to keep or drop at the next character */
  uint32_t prev    = 0;     /* the last character written */
  for (size_t i = 0; i < n;) {
    size_t   l;
    uint32_t cp = cp_at(s + i, n - i, &l);
    i += l;
    if (cp > 0x3000 && cp < 0xFEFF) {
      /* CJK, most of a Chinese string: no space, nothing to fold, no
       * markup or superscript, three bytes written here (as below). */
      if (pending && !is_cjkish(prev) && !is_cjkish(cp)) {
        o[w++] = ' ';
      }
      pending  = false;
      o[w]     = (char)(0xE0 | (cp >> 12));
      o[w + 1] = (char)(0x80 | ((cp >> 6) & 0x3F));
      o[w + 2] = (char)(0x80 | (cp & 0x3F));
      w += 3;
      prev = cp;
      continue;
    }
    if (cp >= 0x100 && cp < 0x800) {
      /* Two bytes past Latin-1 (Cyrillic, Arabic): no space, nothing to
       * fold, no superscript, never CJK. */
      if (pending && !is_cjkish(prev)) {
        o[w++] = ' ';
      }
      pending  = false;
      o[w]     = (char)(0xC0 | (cp >> 6));
      o[w + 1] = (char)(0x80 | (cp & 0x3F));
      w += 2;
      prev = cp;
      continue;
    }
    if (cp > ' ' && cp < 0x7F && cp != '*' && cp != '_' && cp != '<') {
      /* Printable ASCII but markup: likewise (never CJK). */
      if (pending && !is_cjkish(prev)) {
        if (prev < 0x80 && isdigit((int)prev) && isdigit((int)cp)) {
          free(o); /* maybe a digit group: clean_chars decides */
          return false;
        }
        o[w++] = ' ';
      }
      pending = false;
      o[w++]  = (char)cp;
      prev    = cp;
      continue;
    }
    if (cp == 0xFEFF || cp == 0x00AD || cp == 0x200B) {
      continue;
    }
    if (cp == '\n' || (cp < 0x80 ? cp == '\t' || cp == '\r' || cp == '\f' : unkg_cp_is_space(cp))) {
      cp = ' ';
    }
    if (cp == ' ') {
      pending = w > 0; /* dropped at the start */
      continue;
    }
    cp = unkg_cp_fold_width(cp);
    if ((cp == 0xFFFD && l == 1) || cp == '*' || cp == '_' || cp == '<'
        || (cp >= 0xB2 && cp <= 0xB9) || (cp >= 0x2070 && cp <= 0x2079)) {
      free(o);
      return false;
    }
    if (pending && !is_cjkish(prev) && !is_cjkish(cp)) {
      if (prev < 0x80 && isdigit((int)prev) && cp < 0x80 && isdigit((int)cp)) {
        free(o); /* maybe a digit group: clean_chars decides */
        return false;
      }
      o[w++] = ' ';
    }
    pending = false;
    w += unkg_utf8_encode(cp, o + w);
    prev = cp;
  }
  o[w] = '\0';
  *out = o;
  return true;
}

/* unkg_normalise_string for any string: through clean_chars. */
static UnkgStatus
normalise_chars(const char* s, size_t n, char** out)
{
  ChVec      cv = {0};
  Labels     lb = {0};
  UnkgStatus st = UNKG_OK;
  /* One character a byte at most, and a sentinel. */
  if (!(cv.v = malloc((n + 1) * sizeof *cv.v))) {
    return UNKG_ERR_NOMEM;
  }
  cv.cap = n + 1;
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
  /* At most four bytes a character. */
  char*  o = st ? NULL : malloc(cv.n * 4 + 1);
  size_t w = 0;
  if (!st && !o) {
    st = UNKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < cv.n && !st; ++i) {
    if (cv.v[i].cp) {
      w += unkg_utf8_encode(cv.v[i].cp, o + w);
    }
  }
  for (size_t i = 0; i < lb.n; ++i) {
    free(lb.labels[i]);
  }
  free(lb.labels);
  free(cv.v);
  if (st) {
    free(o);
    return st;
  }
  o[w] = '\0';
  *out = o;
  return UNKG_OK;
}

UnkgStatus
unkg_normalise_string(const char* s, char** out)
{
  *out     = NULL;
  size_t n = strlen(s);
  return normalise_plain(s, n, out) ? UNKG_OK : normalise_chars(s, n, out);
}
