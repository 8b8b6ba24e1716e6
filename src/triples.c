#if defined(__linux__)
#define _GNU_SOURCE /* mremap */ /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp) */
#endif
#include "triples.h"

#include "buf.h"
#include "vocab.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

/* ---- the large arrays ------------------------------------------------------ */

/* A graph's triples and terms, and a document's parts, are the largest
 * arrays of an export, and they grow to sizes nobody knows in advance.
 * From UNKG_BIG_ARRAY bytes on they are mapped pages of their own, resized
 * by mremap: the part of the capacity not yet written costs no memory, and
 * growing copies nothing, so neither the slack of the last step nor old
 * and new copies held at once count.  (malloc does so too, but only above
 * its mmap threshold, which moves up with every large block freed before:
 * the source text and its offset map are.)  Whether an array is mapped
 * follows from its capacity alone. */
enum { UNKG_BIG_ARRAY = 1 << 20 };

static bool
is_big(size_t bytes)
{
#if defined(__linux__)
  return bytes >= UNKG_BIG_ARRAY;
#else
  (void)bytes;
  return false;
#endif
}

void*
unkg_array_resize(void* v, size_t old, size_t bytes)
{
  if (!bytes) {
    unkg_array_free(v, old);
    return NULL;
  }
#if defined(__linux__)
  if (v && is_big(old) && is_big(bytes)) {
    void* m = mremap(v, old, bytes, MREMAP_MAYMOVE);
    return m == MAP_FAILED ? NULL : m;
  }
  if (is_big(old) || is_big(bytes)) { /* across the line: a copy */
    void* m = NULL;
    if (is_big(bytes)) {
      m = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      m = m == MAP_FAILED ? NULL : m;
    } else {
      m = malloc(bytes);
    }
    if (m && v) {
      memcpy(m, v, old < bytes ? old : bytes);
      unkg_array_free(v, old);
    }
    return m;
  }
#endif
  return realloc(v, bytes);
}

void
unkg_array_free(void* v, size_t bytes)
{
#if defined(__linux__)
  if (v && is_big(bytes)) {
    munmap(v, bytes);
    return;
  }
#endif
  (void)bytes;
  free(v);
}

/* ---- the strings of a graph ------------------------------------------------ */

/* A graph says the same few predicates, subjects, datatypes and languages
 * over and over.  Strings are stored in chunks, freed at once: a term's
 * value with the term (a distinct term is stored once, and found again
 * through an open-addressing table of the terms), languages and datatypes
 * once each, through a table of their own.  A value is its bytes and a NUL
 * and nothing else: most are short (numbers, offsets) and there are as
 * many as terms, so a header with their hash and length (8 bytes, and 4
 * aligned) would be a fifth of a graph's strings; the hashes are kept in
 * an array beside the terms, the length is not kept.  A term names its
 * value by chunk and offset (UnkgTermRec's ref, 4 bytes where an address
 * takes 8), through the array of chunks g->values. */

/* A stored string: its hash and length, then its bytes and a NUL. */
typedef struct {
  uint32_t hash;
  uint32_t len;
  char     s[];
} Str;

typedef struct {
  size_t used, size;
  _Alignas(8) char data[];
} Chunk;

/* Predicates met lately: 2^RECENT_BITS slots, by a multiplicative hash of
 * the address of their string.  A builder says some 20 to 40 predicates,
 * whose constant strings lie wherever the linker puts them: with 32 slots,
 * shifted bits of the address, a build whose layout made more of them
 * collide took 2.3 times as many lookups (10,000 footnotes, callgrind); with
 * 256 slots, collisions are a few at most, whatever the layout. */
enum { RECENT_BITS = 8, RECENT_P = 1 << RECENT_BITS };

struct UnkgStringsImpl {
  /* g->values: the chunks' data by number (a term names its value by
   * chunk and offset, UnkgTermRec's ref), NULL for the numbers a long
   * value's chunk takes beyond its first; values[fill] has room left. */
  size_t    n_chunks, cap_chunks, fill;
  Chunk*    cur;     /* values[fill]'s chunk, or NULL */
  Str**     slots;   /* languages and datatypes: cap, a power of two, at most half used */
  uint32_t* slot_ix; /* their indexes in the graph's names, beside slots */
  size_t    n, cap;
  /* The graph's terms by content: 1 + the index of a term, 0 for none;
   * term_cap of them (grown by half, see term_slot), at most 3/4 used. */
  uint32_t* term_slots;
  size_t    term_cap;
  bool      tagged; /* slots carry a tag, see terms_grow */
  /* The hash of each term's value, beside g->terms (cap_hashes of them):
   * 4 bytes a term, which spare hashing every value again when the table
   * grows and when the graph is hashed.  Dropped with the table when the
   * graph is sorted (its writers need neither), made again with it
   * (hashes_restore). */
  uint32_t* hashes;
  size_t    cap_hashes;
  size_t    sorted; /* terms[0, sorted) are in order (unkg_graph_sort) */
  /* unkg_graph_pack: the triples added since, as words.  Each triple is
   * its predicate and object, and a run of triples with one subject is
   * closed by PACK_MARK and that subject: about 8 bytes a triple, where
   * g->t takes 12.  unpack makes them g->t again. */
  /* Subjects and predicates met lately, by id (1 + the id, 0 for none):
   * the subject of the triple added last (a document's builder adds a
   * node's triples one after the other), and the predicates by where
   * their strings lie (most are the builder's constants, a few in all):
   * comparing a value with one of them costs less than finding it again
   * in the table of terms. */
  uint32_t  recent[1 + RECENT_P];
  /* The pairs of a language and a datatype by content (g->pairs): 1 + the
   * index of a pair, 0 for none; pair_cap of them, a power of two, at
   * most half used.  last_pair: the pair found last, whose language and
   * datatype most literals of a document share. */
  uint32_t* pair_slots;
  size_t    pair_cap;
  uint32_t  last_pair;
  bool      packing;
  uint32_t* packed;
  size_t    n_packed, cap_packed; /* words */
  size_t    n_packed_triples;
  uint32_t  last_s; /* the subject of the open run, if n_packed */
};

enum { CHUNK_SIZE = 4 * 1024 };

static const Str*
str_of(const char* s)
{
  return (const Str*)(const void*)(s - offsetof(Str, s));
}

static uint32_t
hash32(const char* s, size_t len)
{
  uint64_t h = unkg_hash_fast(s, len);
  return (uint32_t)(h ^ (h >> 32));
}

static Chunk*
chunk_of(char* data)
{
  return (Chunk*)(void*)(data - offsetof(Chunk, data));
}

/* g's strings and the chunks that hold them. */
static void
strings_free(UnkgGraph* g)
{
  UnkgStrings* t = g->strings;
  if (t) {
    for (size_t i = 0; i < t->n_chunks; ++i) {
      if (g->values[i]) {
        free(chunk_of(g->values[i]));
      }
    }
    free(g->values);
    free(t->slots);
    free(t->slot_ix);
    free(t->term_slots);
    free(t->pair_slots);
    unkg_array_free(t->hashes, t->cap_hashes * sizeof *t->hashes);
    unkg_array_free(t->packed, t->cap_packed * sizeof *t->packed);
    free(t);
  }
  g->strings = NULL;
  g->values  = NULL;
}

enum { REF_CHUNKS = 1u << (32 - UNKG_REF_BITS) }; /* 2^20 chunks of 4 KB: 4 GB */

/* bytes in a chunk, at a multiple of align (a power of two): *at, and
 * where that lies, *ref (see UnkgTermRec).  UNKG_ERR_LIMIT past 4 GB of
 * strings. */
static UnkgStatus
chunk_alloc(UnkgGraph* g, size_t bytes, size_t align, char** at, uint32_t* ref)
{
  UnkgStrings* t = g->strings;
  Chunk*       c = t->cur;
  if (c) {
    size_t used = (c->used + align - 1) & ~(align - 1);
    if (used < c->size && c->size - used >= bytes) { /* the common case */
      c->used = used + bytes;
      *at     = c->data + used;
      *ref    = (uint32_t)(t->fill << UNKG_REF_BITS | used);
      return UNKG_OK;
    }
    c->used = used < c->size ? used : c->size;
  }
  size_t need = bytes;
  size_t no   = t->fill;
  if (!c || c->size - c->used < need) {
    size_t size = need > CHUNK_SIZE / 4 ? need : CHUNK_SIZE;
    /* A long string's chunk takes as many numbers as chunks of CHUNK_SIZE
     * it spans, so that the numbers run out only past 4 GB. */
    size_t numbers = (size + CHUNK_SIZE - 1) / CHUNK_SIZE;
    if (numbers > REF_CHUNKS - t->n_chunks) {
      return UNKG_ERR_LIMIT;
    }
    if (t->n_chunks + numbers > t->cap_chunks) {
      size_t cap = t->cap_chunks ? 2 * t->cap_chunks : 16;
      cap        = cap < t->n_chunks + numbers ? t->n_chunks + numbers : cap;
      char** v   = realloc(g->values, cap * sizeof *v);
      if (!v) {
        return UNKG_ERR_NOMEM;
      }
      g->values     = v;
      t->cap_chunks = cap;
    }
    Chunk* fresh = malloc(offsetof(Chunk, data) + size);
    if (!fresh) {
      return UNKG_ERR_NOMEM;
    }
    fresh->used = 0;
    fresh->size = size;
    no          = t->n_chunks;
    for (size_t k = 0; k < numbers; ++k) {
      g->values[t->n_chunks++] = k ? NULL : fresh->data;
    }
    if (!c || size == CHUNK_SIZE) { /* a long string's chunk is its own; the other still fills */
      t->fill = no;
      t->cur  = fresh;
    }
    c = fresh;
  }
  *at  = c->data + c->used;
  *ref = (uint32_t)(no << UNKG_REF_BITS | c->used);
  c->used += need;
  return UNKG_OK;
}

/* A new stored copy of s; NULL when out of memory. */
static Str*
str_new(UnkgGraph* g, const char* s, size_t len, uint32_t hash)
{
  uint32_t ref;
  char*    at  = NULL;
  Str*     str = len < UINT32_MAX && !chunk_alloc(g, offsetof(Str, s) + len + 1, 4, &at, &ref)
                   ? (Str*)(void*)at
                   : NULL;
  if (str) {
    str->hash = hash;
    str->len  = (uint32_t)len;
    memcpy(str->s, s, len);
    str->s[len] = '\0';
  }
  return str;
}

static UnkgStatus
strings_grow(UnkgStrings* t)
{
  size_t    cap   = t->cap ? t->cap * 2 : 64;
  Str**     slots = calloc(cap, sizeof *slots);
  uint32_t* ix    = calloc(cap, sizeof *ix);
  if (!slots || !ix) {
    free(slots);
    free(ix);
    return UNKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < t->cap; ++i) {
    if (t->slots[i]) {
      size_t k = t->slots[i]->hash & (cap - 1);
      while (slots[k]) {
        k = (k + 1) & (cap - 1);
      }
      slots[k] = t->slots[i];
      ix[k]    = t->slot_ix[i];
    }
  }
  free(t->slots);
  free(t->slot_ix);
  t->slots   = slots;
  t->slot_ix = ix;
  t->cap     = cap;
  return UNKG_OK;
}

/* The index in g->names of language or datatype s, stored now if it is new. */
static UnkgStatus
name_index(UnkgGraph* g, const char* s, uint32_t* ix)
{
  UnkgStrings* t = g->strings;
  if (2 * (t->n + 1) > t->cap && strings_grow(t)) {
    return UNKG_ERR_NOMEM;
  }
  size_t   len = strlen(s);
  uint32_t h   = hash32(s, len);
  size_t   k   = h & (t->cap - 1);
  for (; t->slots[k]; k = (k + 1) & (t->cap - 1)) {
    Str* old = t->slots[k];
    if (old->hash == h && old->len == len && !memcmp(old->s, s, len)) {
      *ix = t->slot_ix[k];
      return UNKG_OK;
    }
  }
  if (g->n_names == g->cap_names) {
    size_t cap   = g->cap_names * 2;
    char** names = cap < 0x40000000u ? realloc(g->names, cap * sizeof *names) : NULL;
    if (!names) {
      return UNKG_ERR_NOMEM;
    }
    g->names     = names;
    g->cap_names = cap;
  }
  Str* str = str_new(g, s, len, h);
  if (!str) {
    return UNKG_ERR_NOMEM;
  }
  t->slots[k]            = str;
  t->slot_ix[k]          = (uint32_t)g->n_names;
  *ix                    = (uint32_t)g->n_names;
  g->names[g->n_names++] = str->s;
  ++t->n;
  return UNKG_OK;
}

/* Where pair (lang, dt) is looked for in a table of cap slots. */
static size_t
pair_slot(uint32_t lang, uint32_t dt, size_t cap)
{
  uint64_t h = ((uint64_t)lang << 32 | dt) * UINT64_C(0x9E3779B97F4A7C15);
  return (size_t)(h >> 32) & (cap - 1);
}

/* The index in g->pairs of the pair of language lang and datatype dt
 * (indexes of g->names), stored now if it is new. */
static UnkgStatus
pair_index(UnkgGraph* g, uint32_t lang, uint32_t dt, uint32_t* ix)
{
  UnkgStrings*    t    = g->strings;
  const uint32_t* last = &g->pairs[2 * t->last_pair];
  if (last[0] == lang && last[1] == dt) {
    *ix = t->last_pair;
    return UNKG_OK;
  }
  if (!lang && !dt) {
    *ix = 0;
    return UNKG_OK;
  }
  if (2 * g->n_pairs >= t->pair_cap) {
    size_t    cap = t->pair_cap ? 2 * t->pair_cap : 16;
    uint32_t* v   = calloc(cap, sizeof *v);
    if (!v) {
      return UNKG_ERR_NOMEM;
    }
    for (size_t i = 1; i < g->n_pairs; ++i) {
      size_t k = pair_slot(g->pairs[2 * i], g->pairs[2 * i + 1], cap);
      while (v[k]) {
        k = (k + 1) & (cap - 1);
      }
      v[k] = (uint32_t)i + 1;
    }
    free(t->pair_slots);
    t->pair_slots = v;
    t->pair_cap   = cap;
  }
  size_t k = pair_slot(lang, dt, t->pair_cap);
  for (; t->pair_slots[k]; k = (k + 1) & (t->pair_cap - 1)) {
    uint32_t i = t->pair_slots[k] - 1;
    if (g->pairs[2 * i] == lang && g->pairs[2 * i + 1] == dt) {
      *ix = t->last_pair = i;
      return UNKG_OK;
    }
  }
  if (g->n_pairs == g->cap_pairs) {
    size_t cap = 2 * g->cap_pairs;
    if (cap > UNKG_PAIR_MASK) {
      return UNKG_ERR_LIMIT;
    }
    uint32_t* v = realloc(g->pairs, 2 * cap * sizeof *v);
    if (!v) {
      return UNKG_ERR_NOMEM;
    }
    g->pairs     = v;
    g->cap_pairs = cap;
  }
  g->pairs[2 * g->n_pairs]     = lang;
  g->pairs[2 * g->n_pairs + 1] = dt;
  t->pair_slots[k]             = (uint32_t)g->n_pairs + 1;
  *ix = t->last_pair = (uint32_t)g->n_pairs++;
  return UNKG_OK;
}

int
unkg_graph_each_string(const UnkgGraph* g, int (*fn)(void* data, const char* s, size_t len),
                       void*            data)
{
  const UnkgStrings* t = g ? g->strings : NULL;
  int r0 = t && g->base ? fn(data, g->base, g->n_base) : 0; /* based values: the rest below */
  if (r0) {
    return r0;
  }
  for (size_t i = 0; t && i < t->cap; ++i) {
    int r = t->slots[i] ? fn(data, t->slots[i]->s, t->slots[i]->len) : 0;
    if (r) {
      return r;
    }
  }
  for (size_t i = 0; t && i < g->n_terms; ++i) {
    const char* v = unkg_graph_value(g, (uint32_t)i);
    int         r = fn(data, v, strlen(v));
    if (r) {
      return r;
    }
  }
  return 0;
}

uint64_t
unkg_graph_hash(const UnkgGraph* g)
{
  const uint32_t* vh = g->strings ? g->strings->hashes : NULL;
  uint64_t        h  = 0;
  for (size_t i = 0; i < g->n; ++i) {
    const UnkgTriple x    = unkg_graph_get(g, i);
    const UnkgTerm*  t[]  = {&x.s, &x.p, &x.o};
    const uint32_t   id[] = {g->t[i].s, g->t[i].p, g->t[i].o};
    for (int k = 0; k < 3; ++k) {
      uint32_t v   = vh ? vh[id[k]] : hash32(t[k]->value, strlen(t[k]->value));
      uint32_t f[] = {v, t[k]->lang ? str_of(t[k]->lang)->hash : 0,
                      t[k]->datatype ? str_of(t[k]->datatype)->hash : 0};
      for (int j = 0; j < 3; ++j) {
        h = (h ^ f[j]) * 0x100000001B3u + (uint64_t)t[k]->kind;
      }
    }
  }
  return h;
}

/* ---- the graph ---------------------------------------------------------------- */

UnkgGraph*
unkg_graph_new(void)
{
  return calloc(1, sizeof(UnkgGraph));
}

void
unkg_graph_reset(UnkgGraph* g)
{
  if (g) {
    g->n       = 0;
    g->n_terms = 0;
    g->n_names = g->names ? 1 : 0;
    g->n_pairs = g->pairs ? 1 : 0;
    strings_free(g);
  }
}

void
unkg_graph_free(UnkgGraph* g)
{
  if (!g) {
    return;
  }
  strings_free(g);
  unkg_array_free(g->t, g->cap * sizeof *g->t);
  unkg_array_free(g->terms, g->cap_terms * sizeof *g->terms);
  free(g->names);
  free(g->pairs);
  free(g->base);
  free(g->name);
  free(g->symbol);
  free(g->lang);
  free(g);
}

/* value_hash: the hash of the term's value, which may not be stored yet;
 * meta: its kind and pair (UnkgTermRec). */
static uint64_t
term_hash(uint32_t value_hash, uint32_t meta)
{
  uint64_t h = (value_hash * 0x100000001B3u + meta) * 0x100000001B3u;
  /* The table's slot comes from the top of the low half (term_slot), and
   * the tag from the top bits: a product by 0x100000001B3 moves little of
   * a small change (one datatype of many) there, and thousands of
   * datatypes of one value filled one part of the table, which lookups
   * walked (packed_graph_as_added).  A product by a constant of bits
   * everywhere, its high half folded in, spreads it. */
  h *= UINT64_C(0x9E3779B97F4A7C15);
  return h ^ (h >> 32);
}

/* While a graph holds fewer than 2^27 terms (always, for a document of
 * at most 256 MB), a slot's top 5 bits are 5 bits of its term's hash: a
 * lookup passes over 31 in 32 of the other terms it meets without reading
 * anything else (their hashes, terms and values lie elsewhere). */
enum { TAG_SHIFT = 27 };
#define TAG_ID ((UINT32_C(1) << TAG_SHIFT) - 1)

static uint32_t
tag_of(const UnkgStrings* t, uint64_t h)
{
  return t->tagged ? (uint32_t)(h >> 59) << TAG_SHIFT : 0;
}

/* The hashes of the terms' values, after unkg_graph_sort dropped them. */
static UnkgStatus
hashes_restore(UnkgGraph* g)
{
  UnkgStrings* t = g->strings;
  if (t->hashes || !g->n_terms) {
    return UNKG_OK;
  }
  uint32_t* v = unkg_array_resize(NULL, 0, g->cap_terms * sizeof *v);
  if (!v) {
    return UNKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < g->n_terms; ++i) {
    const char* value = unkg_graph_value(g, (uint32_t)i);
    v[i]              = hash32(value, strlen(value));
  }
  t->hashes     = v;
  t->cap_hashes = g->cap_terms;
  return UNKG_OK;
}

/* The first slot to try for a term of hash h in a table of cap slots.
 * The table grows by half, not doubling, so cap is not a power of two:
 * the slot is the high half of the product of h's low 32 bits and cap.
 * A doubled table is 3/8 to 3/4 used, one grown by half 1/2 to 3/4: for
 * 40,000 sub-headings, whose peak of building comes at about 500,000
 * terms, 672,597 slots (2.6 MB) where it took 2^20 (4 MB;
 * docs/security.md, Memory). */
static size_t
term_slot(uint64_t h, size_t cap)
{
  return (size_t)(((h & 0xffffffffu) * (uint64_t)cap) >> 32);
}

/* A table of the terms by content with room for one more, made from the
 * terms themselves: unkg_graph_sort drops it and the hashes (the graph is
 * largest then, and neither is needed to read), and a term added after
 * makes them again. */
static UnkgStatus
terms_grow(UnkgGraph* g)
{
  UnkgStrings* t = g->strings;
  if (hashes_restore(g)) {
    return UNKG_ERR_NOMEM;
  }
  size_t cap = t->term_cap ? t->term_cap + t->term_cap / 2 : 1024;
  while (4 * (g->n_terms + 1) > 3 * cap) {
    cap += cap / 2;
  }
  /* The old table goes first: the new one is made from the terms and
   * their hashes, and the two together were the peak of building a large
   * graph (docs/security.md, Memory). */
  free(t->term_slots);
  t->term_slots = NULL;
  t->term_cap   = 0;
  uint32_t* v   = calloc(cap, sizeof *v);
  if (!v) {
    return UNKG_ERR_NOMEM;
  }
  t->tagged = cap / 2 < TAG_ID; /* every id + 1 until the next growth fits */
  for (size_t i = 0; i < g->n_terms; ++i) {
    uint64_t h = term_hash(t->hashes[i], g->terms[i].meta);
    size_t   k = term_slot(h, cap);
    while (v[k]) {
      k = k + 1 < cap ? k + 1 : 0;
    }
    v[k] = ((uint32_t)i + 1) | tag_of(t, h);
  }
  t->term_slots = v;
  t->term_cap   = cap;
  return UNKG_OK;
}

/* The index of the graph's copy of term `from`, stored now if it is new. */
static UnkgStatus
term_id(UnkgGraph* g, const UnkgTerm* from, uint32_t* id)
{
  UnkgStrings* t    = g->strings;
  uint32_t     lang = 0, dt = 0, pair = 0;
  UnkgTermRec  c    = {0, 0};
  if ((from->lang && name_index(g, from->lang, &lang))
      || (from->datatype && name_index(g, from->datatype, &dt))) {
    return UNKG_ERR_NOMEM; /* what was stored stays with the graph */
  }
  UnkgStatus ps = lang || dt ? pair_index(g, lang, dt, &pair) : UNKG_OK;
  if (ps) {
    return ps;
  }
  c.meta = (uint32_t)from->kind << 30 | pair;
  /* A based IRI is stored, hashed and compared by what follows the base. */
  const char* value = from->value;
  size_t      len   = strlen(value);
  if (g->base && from->kind == UNKG_TERM_IRI) {
    /* The shorter head is the base's first bytes: compared once. */
    size_t n = g->n_short;
    if (len >= n && !memcmp(value, g->base, n)) {
      bool whole = len >= g->n_base && !memcmp(value + n, g->base + n, g->n_base - n);
      n          = whole ? g->n_base : n;
      c.meta |= whole ? UNKG_BASED : n ? UNKG_BASED_SHORT : 0;
      value += n;
      len -= n;
    }
  }
  if ((!t->term_slots || 4 * (g->n_terms + 1) > 3 * t->term_cap) && terms_grow(g)) {
    return UNKG_ERR_NOMEM;
  }
  uint32_t vh  = hash32(value, len);
  uint64_t h   = term_hash(vh, c.meta);
  uint32_t tag = tag_of(t, h);
  size_t   k   = term_slot(h, t->term_cap);
  for (; t->term_slots[k]; k = k + 1 < t->term_cap ? k + 1 : 0) {
    uint32_t slot = t->term_slots[k];
    if (t->tagged && (slot & ~TAG_ID) != tag) {
      continue;
    }
    uint32_t           i   = (t->tagged ? slot & TAG_ID : slot) - 1;
    const UnkgTermRec* old = &g->terms[i];
    /* strncmp stops at the end of the shorter; the stored one must end
     * where from's does. */
    const char* v = t->hashes[i] == vh && old->meta == c.meta ? unkg_graph_value(g, i) : NULL;
    if (v && !strncmp(v, value, len) && v[len] == '\0') {
      *id = i;
      return UNKG_OK;
    }
  }
  if (g->n_terms == g->cap_terms) {
    size_t       cap = g->cap_terms ? g->cap_terms + g->cap_terms / 2 : 256;
    UnkgTermRec* v   = cap < UINT32_MAX
                         ? unkg_array_resize(g->terms, g->cap_terms * sizeof *v, cap * sizeof *v)
                         : NULL;
    if (!v) {
      return UNKG_ERR_NOMEM;
    }
    g->terms     = v;
    g->cap_terms = cap;
  }
  char*      at = NULL;
  UnkgStatus st = len < UINT32_MAX ? chunk_alloc(g, len + 1, 1, &at, &c.ref) : UNKG_ERR_LIMIT;
  if (st) {
    return st;
  }
  memcpy(at, value, len + 1);
  if (t->cap_hashes < g->cap_terms) {
    uint32_t* v = unkg_array_resize(t->hashes, t->cap_hashes * sizeof *v, g->cap_terms * sizeof *v);
    if (!v) {
      return UNKG_ERR_NOMEM;
    }
    t->hashes     = v;
    t->cap_hashes = g->cap_terms;
  }
  t->hashes[g->n_terms] = vh;
  g->terms[g->n_terms]  = c;
  *id                  = (uint32_t)g->n_terms++;
  t->term_slots[k]     = (uint32_t)g->n_terms | tag;
  return UNKG_OK;
}

/* Where in recent a predicate whose string lies at v is looked for. */
static size_t
recent_slot(const char* v)
{
  return (size_t)((uint64_t)(uintptr_t)v * UINT64_C(0x9E3779B97F4A7C15) >> (64 - RECENT_BITS));
}

/* term_id for the subject (at 0) or the predicate (at 1) of a triple,
 * through those met lately (recent). */
static UnkgStatus
term_id_at(UnkgGraph* g, const UnkgTerm* from, uint32_t* id, int at)
{
  UnkgStrings* t = g->strings;
  size_t       slot = at ? 1 + recent_slot(from->value) : 0;
  uint32_t last = t->recent[slot];
  if (last && !from->lang && !from->datatype) {
    /* The same kind, and pair 0: no language, no datatype. */
    uint32_t    meta = g->terms[last - 1].meta;
    const char* v    = unkg_graph_value(g, last - 1);
    size_t      n    = unkg_graph_head(g, meta);
    if ((meta & ~UNKG_HEADS) == (uint32_t)from->kind << 30
        && (n ? !strncmp(from->value, g->base, n) && !strcmp(v, from->value + n)
              : !strcmp(v, from->value))) {
      *id = last - 1;
      return UNKG_OK;
    }
  }
  UnkgStatus st = term_id(g, from, id);
  t->recent[slot] = st ? 0 : *id + 1;
  return st;
}

enum { PACK_MARK = UINT32_MAX }; /* no term's id: ids are below UINT32_MAX */

/* Appends triple c to the packed words. */
static UnkgStatus
pack_add(UnkgStrings* t, const UnkgTripleIds* c)
{
  if (t->cap_packed - t->n_packed < 4) {
    size_t    cap = t->cap_packed ? t->cap_packed + t->cap_packed / 2 : 1024;
    uint32_t* v   = unkg_array_resize(t->packed, t->cap_packed * sizeof *v, cap * sizeof *v);
    if (!v) {
      return UNKG_ERR_NOMEM;
    }
    t->packed     = v;
    t->cap_packed = cap;
  }
  if (t->n_packed && c->s != t->last_s) {
    t->packed[t->n_packed++] = PACK_MARK;
    t->packed[t->n_packed++] = t->last_s;
  }
  t->packed[t->n_packed++] = c->p;
  t->packed[t->n_packed++] = c->o;
  t->last_s                = c->s;
  ++t->n_packed_triples;
  return UNKG_OK;
}

UnkgStatus
unkg_graph_pack(UnkgGraph* g)
{
  if (g->n || g->n_terms) {
    return UNKG_ERR_USAGE;
  }
  if (!g->strings && !(g->strings = calloc(1, sizeof *g->strings))) {
    return UNKG_ERR_NOMEM;
  }
  g->strings->packing = true;
  return UNKG_OK;
}

/* Drops the table of terms and the hashes of their values, as the sort
 * does first: made again if a term is added (hashes_restore). */
static void
table_drop(UnkgStrings* t)
{
  free(t->term_slots);
  t->term_slots = NULL;
  t->term_cap   = 0;
  unkg_array_free(t->hashes, t->cap_hashes * sizeof *t->hashes);
  t->hashes     = NULL;
  t->cap_hashes = 0;
}

UnkgStatus
unkg_graph_set_base(UnkgGraph* g, const char* base, size_t n_short)
{
  if (g->n_terms || g->base || !base || (n_short && n_short >= strlen(base))) {
    return UNKG_ERR_USAGE;
  }
  if (!(g->base = unkg_strdup(base))) {
    return UNKG_ERR_NOMEM;
  }
  g->n_base  = strlen(base);
  g->n_short = n_short;
  return UNKG_OK;
}

UnkgStatus
unkg_graph_expand(UnkgGraph* g)
{
  if (!g->base) {
    return UNKG_OK;
  }
  if (g->strings) {
    /* The table hashes the rests; made again, from the whole values, if
     * a term is added. */
    table_drop(g->strings);
    memset(g->strings->recent, 0, sizeof g->strings->recent);
  }
  for (size_t i = 0; i < g->n_terms; ++i) {
    UnkgTermRec* r = &g->terms[i];
    size_t n = unkg_graph_head(g, r->meta);
    if (n) {
      const char* rest = unkg_graph_value(g, (uint32_t)i);
      size_t      len  = strlen(rest);
      char*       at   = NULL;
      uint32_t    ref;
      UnkgStatus  st = len < UINT32_MAX - n ? chunk_alloc(g, n + len + 1, 1, &at, &ref)
                                            : UNKG_ERR_LIMIT;
      if (st) {
        return st;
      }
      memcpy(at, g->base, n);
      memcpy(at + n, rest, len + 1); /* chunks do not move */
      r->ref = ref;
      r->meta &= ~UNKG_HEADS;
    }
  }
  free(g->base);
  g->base    = NULL;
  g->n_base  = 0;
  g->n_short = 0;
  return UNKG_OK;
}

/* The packed triples as g->t, in the order they were added (the table of
 * terms and the hashes go first, as unkg_graph_sort's first step: made
 * again if a term is added).  In place, from the last triple to the
 * first, each to words [d + 3k, d + 3k + 3), which holds no word not yet
 * read: the words before triple k's pair are 2k and two for each run
 * closed before it, so d is the most those exceed 3k by (a few, where the
 * first runs are of one triple); then moved down by d.  False when out of
 * memory (the triples are still packed). */
static bool
unpack(UnkgGraph* g)
{
  UnkgStrings* t = g->strings;
  if (!t || !t->packing) {
    return true;
  }
  size_t n = t->n_packed_triples;
  table_drop(t);
  size_t d = 0, w = 0;
  for (size_t k = 0, runs = 0; w < t->n_packed; w += 2) {
    if (t->packed[w] == PACK_MARK) {
      ++runs;
    } else {
      d = 2 * runs > k + d ? 2 * runs - k : d;
      ++k;
    }
  }
  /* Room for the triples past d, for every word read (and the mark that
   * closes the open run), in a whole number of triples. */
  size_t need  = t->n_packed + 2;
  size_t words = 3 * n + d > need ? 3 * n + d : need;
  words        = words > t->cap_packed ? words : t->cap_packed;
  words        = (words + 2) / 3 * 3;
  if (words != t->cap_packed) {
    uint32_t* v = unkg_array_resize(t->packed, t->cap_packed * sizeof *v, words * sizeof *v);
    if (!v) {
      return false;
    }
    t->packed     = v;
    t->cap_packed = words;
  }
  uint32_t* to = t->packed;
  if (t->n_packed) { /* the open run is closed too */
    to[t->n_packed++] = PACK_MARK;
    to[t->n_packed++] = t->last_s;
  }
  uint32_t s = 0;
  for (size_t r = t->n_packed, k = n; r > 0;) {
    r -= 2;
    if (to[r] == PACK_MARK) {
      s = to[r + 1];
      continue;
    }
    uint32_t p = to[r], o = to[r + 1];
    --k;
    to[d + 3 * k]     = s;
    to[d + 3 * k + 1] = p;
    to[d + 3 * k + 2] = o;
  }
  if (d) {
    memmove(to, to + d, 3 * n * sizeof *to);
  }
  unkg_array_free(g->t, g->cap * sizeof *g->t);
  g->t   = (UnkgTripleIds*)(void*)to;
  g->cap = t->cap_packed / 3;
  g->n   = n;
  if (g->cap > n) { /* the slack past the triples */
    UnkgTripleIds* v = unkg_array_resize(g->t, g->cap * sizeof *v, n * sizeof *v);
    if (v || !n) {
      g->t   = v;
      g->cap = n;
    }
  }
  t->packed           = NULL; /* it is g->t now */
  t->packing          = false;
  t->cap_packed       = 0;
  t->n_packed         = 0;
  t->n_packed_triples = 0;
  return true;
}

UnkgStatus
unkg_graph_unpack(UnkgGraph* g)
{
  return unpack(g) ? UNKG_OK : UNKG_ERR_NOMEM;
}

/* Appends a triple of terms g holds: packed while the graph packs, else
 * to t, which grows by half, not doubling: a graph is most of a document's
 * memory, and the slack of the last step stays until it is freed. */
static UnkgStatus
push_ids(UnkgGraph* g, UnkgTripleIds c)
{
  if (g->strings->packing) {
    return pack_add(g->strings, &c);
  }
  if (g->n == g->cap) {
    size_t         cap = g->cap ? g->cap + g->cap / 2 : 256;
    UnkgTripleIds* v   = unkg_array_resize(g->t, g->cap * sizeof *v, cap * sizeof *v);
    if (!v) {
      return UNKG_ERR_NOMEM;
    }
    g->t   = v;
    g->cap = cap;
  }
  g->t[g->n++] = c;
  return UNKG_OK;
}

/* The names and pairs every graph has (index 0: none), and its strings. */
static UnkgStatus
graph_start(UnkgGraph* g)
{
  if (!g->names) {
    if (!(g->names = malloc(8 * sizeof *g->names))) {
      return UNKG_ERR_NOMEM;
    }
    g->names[0]  = NULL; /* no language, no datatype */
    g->n_names   = 1;
    g->cap_names = 8;
  }
  if (!g->pairs) {
    if (!(g->pairs = malloc(2 * 8 * sizeof *g->pairs))) {
      return UNKG_ERR_NOMEM;
    }
    g->pairs[0]  = 0; /* pair 0: neither */
    g->pairs[1]  = 0;
    g->n_pairs   = 1;
    g->cap_pairs = 8;
  }
  if (!g->strings && !(g->strings = calloc(1, sizeof *g->strings))) {
    return UNKG_ERR_NOMEM;
  }
  return UNKG_OK;
}

UnkgStatus
unkg_graph_add(UnkgGraph* g, const UnkgTriple* t)
{
  if (!t->s.value || !t->p.value || !t->o.value) {
    return UNKG_ERR_USAGE;
  }
  if (graph_start(g)) {
    return UNKG_ERR_NOMEM;
  }
  UnkgTripleIds c;
  if (term_id_at(g, &t->s, &c.s, 0) || term_id_at(g, &t->p, &c.p, 1) || term_id(g, &t->o, &c.o)) {
    return UNKG_ERR_NOMEM;
  }
  return push_ids(g, c);
}

/* The terms below only borrow the caller's strings: unkg_graph_add copies. */
static UnkgTerm
iri(const char* s)
{
  return (UnkgTerm){UNKG_TERM_IRI, (char*)s, NULL, NULL};
}

UnkgStatus
unkg_graph_add_iri(UnkgGraph* g, const char* s, const char* p, const char* o)
{
  UnkgTriple t = {iri(s), iri(p), iri(o)};
  return unkg_graph_add(g, &t);
}

UnkgStatus
unkg_graph_add_lit(UnkgGraph* g, const char* s, const char* p, const char* value, const char* lang,
                   const char* datatype)
{
  UnkgTriple t = {iri(s), iri(p), {UNKG_TERM_LITERAL, (char*)value, (char*)lang, (char*)datatype}};
  return unkg_graph_add(g, &t);
}

UnkgStatus
unkg_graph_add_int(UnkgGraph* g, const char* s, const char* p, long value)
{
  char buf[32];
  snprintf(buf, sizeof buf, "%ld", value); /* canonical xsd:integer */
  return unkg_graph_add_lit(g, s, p, buf, NULL, XSD_INTEGER);
}

static int
cmp_opt(const char* a, const char* b)
{
  return a == b ? 0 : strcmp(a ? a : "", b ? b : "");
}

int
unkg_term_cmp(const UnkgTerm* a, const UnkgTerm* b)
{
  int c;
  if (a->kind != b->kind) {
    return a->kind < b->kind ? -1 : 1;
  }
  /* The strings of one graph are stored once: the same pointer is the
   * same string, the common case of subjects and predicates. */
  if ((a->value != b->value && (c = strcmp(a->value, b->value))) || (c = cmp_opt(a->lang, b->lang))) {
    return c;
  }
  return cmp_opt(a->datatype, b->datatype);
}

/* qsort has no context argument in C11; sorting is not reentrant anyway. */
static const UnkgGraph* sorting;

/* The values of terms a and b of g compared as strcmp compares them
 * whole, from byte k on (the bytes before it equal, none a NUL): a based
 * value is g->base's first bytes (all of them, or the shorter head's) and
 * its rest. */
static inline int
value_cmp_from(const UnkgGraph* g, uint32_t a, uint32_t b, size_t k)
{
  size_t      na = unkg_graph_head(g, g->terms[a].meta);
  size_t      nb = unkg_graph_head(g, g->terms[b].meta);
  const char* ra = unkg_graph_value(g, a);
  const char* rb = unkg_graph_value(g, b);
  if (na == nb) { /* the same head, or none */
    return k < na ? strcmp(ra, rb) : strcmp(ra + (k - na), rb + (k - na));
  }
  const char* h = g->base; /* both heads start it */
  for (;; ++k) {
    unsigned char x = (unsigned char)(k < na ? h[k] : ra[k - na]);
    unsigned char y = (unsigned char)(k < nb ? h[k] : rb[k - nb]);
    if (x != y || !x) {
      return x < y ? -1 : x > y;
    }
  }
}

/* ---- sorting the terms -------------------------------------------------------- */

/* The terms of a graph share long prefixes (every IRI of a document starts
 * with the same namespace and document path), which a comparison sort
 * compares again at every step.  A multikey quicksort (Bentley and
 * Sedgewick) partitions on one key at a time: the kind, then the value
 * four bytes at a time (read once per term and level into the array being
 * sorted, as a big-endian number, so that it orders as strcmp does), and
 * each prefix is read about once per term.  The order is unkg_term_cmp's:
 * the kind, the value as strcmp orders it, then the language and the
 * datatype. */
typedef struct {
  const UnkgGraph* g;
  char* const*     names;
} TermSort;

typedef struct {
  uint32_t id;
  uint32_t key; /* of the level being sorted; after sorting, the rank of term id */
} SortKey;

/* Level 0 of term id's key is its kind, level l its value's bytes
 * [4 (l - 1), 4 l), NULs from the end of the value on; earlier levels
 * hold no NUL. */
static inline uint32_t
key_of(const TermSort* ts, uint32_t id, size_t level)
{
  if (!level) {
    return ts->g->terms[id].meta >> 30;
  }
  const char* rest = unkg_graph_value(ts->g, id);
  size_t      at   = 4 * (level - 1);
  uint32_t    k    = 0;
  bool        end  = false;
  const char* from = rest + at;
  size_t n_head = unkg_graph_head(ts->g, ts->g->terms[id].meta);
  if (n_head) { /* the base's first n_head bytes, then the rest */
    const char* head = ts->g->base;
    if (at < n_head && at + 4 > n_head) { /* across the end of the base */
      for (size_t i = at; i < at + 4; ++i) {
        unsigned b = end ? 0 : (unsigned char)(i < n_head ? head[i] : rest[i - n_head]);
        end        = end || !b;
        k          = k << 8 | b;
      }
      return k;
    }
    from = at < n_head ? head + at : rest + (at - n_head);
  }
  const unsigned char* s = (const unsigned char*)from;
  for (int i = 0; i < 4; ++i) {
    unsigned b = end ? 0 : s[i];
    end        = end || !b;
    k          = k << 8 | b;
  }
  return k;
}

/* unkg_term_cmp of terms a and b, which agree on their keys' levels below
 * level. */
static int
cmp_from(const TermSort* ts, uint32_t a, uint32_t b, size_t level)
{
  const UnkgTermRec* x = &ts->g->terms[a];
  const UnkgTermRec* y = &ts->g->terms[b];
  int                c;
  if (!level && x->meta >> 30 != y->meta >> 30) {
    return x->meta >> 30 < y->meta >> 30 ? -1 : 1;
  }
  size_t k = level ? 4 * (level - 1) : 0;
  if ((c = value_cmp_from(ts->g, a, b, k)) || (x->meta & ~UNKG_HEADS) == (y->meta & ~UNKG_HEADS)) {
    return c;
  }
  const uint32_t* px = &ts->g->pairs[2 * (x->meta & UNKG_PAIR_MASK)];
  const uint32_t* py = &ts->g->pairs[2 * (y->meta & UNKG_PAIR_MASK)];
  if ((c = cmp_opt(ts->names[px[0]], ts->names[py[0]]))) {
    return c;
  }
  return cmp_opt(ts->names[px[1]], ts->names[py[1]]);
}

static int
cmp_ids(uint32_t a, uint32_t b)
{
  return cmp_from(&(TermSort){sorting, sorting->names}, a, b, 0);
}

static void
key_swap(SortKey* v, size_t a, size_t b)
{
  SortKey x = v[a];
  v[a]      = v[b];
  v[b]      = x;
}

/* The context of the fallback sort's comparison: qsort has no context
 * argument in C11, and sorting is not reentrant anyway. */
static const TermSort* tail_ts;
static size_t          tail_level;

static int
cmp_tail(const void* a, const void* b)
{
  return cmp_from(tail_ts, ((const SortKey*)a)->id, ((const SortKey*)b)->id, tail_level);
}

/* Sorts v[0, n), whose keys agree below level, by comparing the terms:
 * insertion for a few, qsort (n log n whatever the input) for more. */
static void
tail_sort(const TermSort* ts, SortKey* v, size_t n, size_t level)
{
  if (n > 12) {
    tail_ts    = ts;
    tail_level = level;
    qsort(v, n, sizeof *v, cmp_tail);
    return;
  }
  for (size_t i = 1; i < n; ++i) {
    SortKey x = v[i];
    size_t  k = i;
    for (; k > 0 && cmp_from(ts, x.id, v[k - 1].id, level) < 0; --k) {
      v[k] = v[k - 1];
    }
    v[k] = x;
  }
}

static void mkq_sort(const TermSort* ts, SortKey* v, size_t n, size_t level);

/* The partitions of one level a fair pivot needs, and some. */
static unsigned
level_budget(size_t n)
{
  unsigned budget = 8;
  for (; n; n >>= 1) {
    budget += 2;
  }
  return budget;
}

/* Sorts the part of v[0, n) whose keys equal the pivot p at level: by the
 * next level's keys, or, when the value ended there (same kind and value),
 * by language and datatype. */
static void
mkq_equal(const TermSort* ts, SortKey* v, size_t n, size_t level, uint32_t p)
{
  if (level && !(p & 0xFF)) {
    tail_sort(ts, v, n, level);
    return;
  }
  for (size_t k = 0; k < n; ++k) {
    v[k].key = key_of(ts, v[k].id, level + 1);
  }
  mkq_sort(ts, v, n, level + 1);
}

/* Sorts v[0, n), whose keys agree below level and hold that level's.  It
 * calls itself on the two smaller of the three parts (each at most half),
 * so the stack stays within log2 n frames, and goes on with the largest in
 * the same frame; after more partitions of one level than a fair pivot
 * would need (2 log2 n + 8), what is left of it goes to tail_sort. */
static void
mkq_sort(const TermSort* ts, SortKey* v, size_t n, size_t level)
{
  unsigned budget = level_budget(n);
  while (n > 12) {
    if (budget-- == 0) {
      tail_sort(ts, v, n, level);
      return;
    }
    /* The pivot: the median of three keys. */
    uint32_t a = v[0].key, b = v[n / 2].key, c = v[n - 1].key;
    uint32_t p = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
    /* Three ways: v[0, lt) below p, v[lt, gt) equal, v[gt, n) above. */
    size_t lt = 0, i = 0, gt = n;
    while (i < gt) {
      if (v[i].key < p) {
        key_swap(v, lt++, i++);
      } else if (v[i].key > p) {
        key_swap(v, i, --gt);
      } else {
        ++i;
      }
    }
    size_t nl = lt, ne = gt - lt, ng = n - gt;
    if (ne >= nl && ne >= ng) {
      mkq_sort(ts, v, nl, level);
      mkq_sort(ts, v + gt, ng, level);
      v += lt;
      n = ne;
      if (level && !(p & 0xFF)) {
        break; /* the same kind and value */
      }
      /* The next level, in this frame (a long shared prefix would
       * otherwise take a frame per four bytes), with a budget of its own. */
      ++level;
      for (size_t k = 0; k < n; ++k) {
        v[k].key = key_of(ts, v[k].id, level);
      }
      budget = level_budget(n);
      continue;
    }
    mkq_equal(ts, v + lt, ne, level, p);
    if (nl >= ng) {
      mkq_sort(ts, v + gt, ng, level);
      n = nl;
    } else {
      mkq_sort(ts, v, nl, level);
      v += gt;
      n = ng;
    }
  }
  tail_sort(ts, v, n, level);
}

static bool
ids_less(const UnkgTripleIds* x, const UnkgTripleIds* y)
{
  if (x->s != y->s) {
    return x->s < y->s;
  }
  return x->p != y->p ? x->p < y->p : x->o < y->o;
}

static void
ids_swap(UnkgTripleIds* a, UnkgTripleIds* b)
{
  UnkgTripleIds x = *a;
  *a              = *b;
  *b              = x;
}

static void
ids_sift(UnkgTripleIds* v, size_t i, size_t n)
{
  for (size_t k; (k = 2 * i + 1) < n; i = k) {
    k += k + 1 < n && ids_less(&v[k], &v[k + 1]);
    if (!ids_less(&v[i], &v[k])) {
      return;
    }
    ids_swap(&v[i], &v[k]);
  }
}

/* Sorts triples by their term indexes in place: qsort would take a copy
 * of the array, at the moment the graph is largest.  Introsort: quicksort
 * on a median of three, heapsort when it goes too deep, insertion sort
 * for short runs. */
static void
ids_sort(UnkgTripleIds* v, size_t n, unsigned depth)
{
  while (n > 16) {
    if (depth-- == 0) {
      for (size_t i = n / 2; i-- > 0;) {
        ids_sift(v, i, n);
      }
      for (size_t i = n - 1; i > 0; --i) {
        ids_swap(&v[0], &v[i]);
        ids_sift(v, 0, i);
      }
      return;
    }
    size_t m = n / 2;
    if (ids_less(&v[m], &v[0])) {
      ids_swap(&v[m], &v[0]);
    }
    if (ids_less(&v[n - 1], &v[m])) {
      ids_swap(&v[n - 1], &v[m]);
      if (ids_less(&v[m], &v[0])) {
        ids_swap(&v[m], &v[0]);
      }
    }
    UnkgTripleIds pivot = v[m];
    size_t        i = 0, j = n - 1;
    for (;;) {
      while (ids_less(&v[i], &pivot)) {
        ++i;
      }
      while (ids_less(&pivot, &v[j])) {
        --j;
      }
      if (i >= j) {
        break;
      }
      ids_swap(&v[i++], &v[j--]);
    }
    /* v[0, j] <= pivot <= v[j + 1, n): the shorter side first. */
    if (j + 1 < n - j - 1) {
      ids_sort(v, j + 1, depth);
      v += j + 1;
      n -= j + 1;
    } else {
      ids_sort(v + j + 1, n - j - 1, depth);
      n = j + 1;
    }
  }
  for (size_t i = 1; i < n; ++i) {
    UnkgTripleIds x = v[i];
    size_t        k = i;
    for (; k > 0 && ids_less(&x, &v[k - 1]); --k) {
      v[k] = v[k - 1];
    }
    v[k] = x;
  }
}

static int
cmp_triple(const void* a, const void* b)
{
  const UnkgTripleIds* x = a;
  const UnkgTripleIds* y = b;
  return ids_less(x, y) ? -1 : ids_less(y, x);
}

/* The order of the terms themselves, for when sort_terms has no memory. */
static int
cmp_triple_terms(const void* a, const void* b)
{
  const UnkgTripleIds* x = a;
  const UnkgTripleIds* y = b;
  int                  c;
  if ((c = cmp_ids(x->s, y->s)) || (c = cmp_ids(x->p, y->p))) {
    return c;
  }
  return cmp_ids(x->o, y->o);
}

/* Puts the terms in order, so that triples sort by their indexes.  False
 * when out of memory (the graph is left as it was). */
static bool
sort_terms(UnkgGraph* g)
{
  UnkgStrings* t = g->strings;
  size_t       n = g->n_terms;
  if (!t || t->sorted == n) {
    return true;
  }
  table_drop(t);
  SortKey* key = malloc(n * sizeof *key);
  if (!key) {
    return false;
  }
  const TermSort ts = {g, g->names};
  for (size_t i = 0; i < n; ++i) {
    key[i] = (SortKey){(uint32_t)i, key_of(&ts, (uint32_t)i, 0)};
  }
  mkq_sort(&ts, key, n, 0);
  /* The ranks go where the keys were: term i's is key[i].key. */
  for (size_t i = 0; i < n; ++i) {
    key[key[i].id].key = (uint32_t)i;
  }
  for (size_t i = 0; i < g->n; ++i) {
    g->t[i] = (UnkgTripleIds){key[g->t[i].s].key, key[g->t[i].p].key, key[g->t[i].o].key};
  }
  /* Triples still packed (unkg_graph_unpack_sort): pairs of a predicate
   * and an object, or of PACK_MARK and a subject. */
  for (size_t w = 0; w < t->n_packed; w += 2) {
    if (t->packed[w] != PACK_MARK) {
      t->packed[w] = key[t->packed[w]].key;
    }
    t->packed[w + 1] = key[t->packed[w + 1]].key;
  }
  if (t->n_packed) {
    t->last_s = key[t->last_s].key;
  }
  /* In place, cycle by cycle: term i goes to its rank. */
  for (size_t i = 0; i < n; ++i) {
    while (key[i].key != i) {
      uint32_t    j = key[i].key;
      UnkgTermRec x = g->terms[j];
      g->terms[j]   = g->terms[i];
      g->terms[i]   = x;
      key[i].key    = key[j].key;
      key[j].key    = j;
    }
  }
  free(key);
  t->sorted     = n;
  memset(t->recent, 0, sizeof t->recent); /* renumbered */
  return true;
}

UnkgStatus
unkg_graph_sort(UnkgGraph* g)
{
  if (g->strings && g->strings->packing) {
    return UNKG_ERR_USAGE;
  }
  if (g->n < 2) {
    return UNKG_OK;
  }
  /* Equal terms have equal indexes, so either comparison finds duplicates. */
  int (*cmp)(const void*, const void*) = cmp_triple;
  if (sort_terms(g)) {
    unsigned depth = 0;
    for (size_t n = g->n; n; n >>= 1) {
      depth += 2;
    }
    ids_sort(g->t, g->n, depth);
  } else {
    sorting = g;
    cmp     = cmp_triple_terms;
    qsort(g->t, g->n, sizeof *g->t, cmp);
  }
  size_t w = 1;
  for (size_t r = 1; r < g->n; ++r) {
    if (cmp(&g->t[w - 1], &g->t[r]) != 0) {
      g->t[w++] = g->t[r];
    }
  }
  g->n = w;
  return UNKG_OK;
}

UnkgStatus
unkg_graph_unpack_sort(UnkgGraph* g)
{
  UnkgStrings* t = g->strings;
  /* The terms are put in order while the triples are packed, so that the
   * sort's keys (8 bytes a term) lie on triples of about 8 bytes, not 12:
   * for a large document they were the peak after building.  If that
   * finds no memory, unkg_graph_sort tries again, after unpacking. */
  if (t && t->packing && g->n_terms) {
    table_drop(t);
    sort_terms(g);
  }
  return unpack(g) ? unkg_graph_sort(g) : UNKG_ERR_NOMEM;
}

/* ---- adding by index ---------------------------------------------------------- */

/* A builder that says one subject in many triples, and the same few
 * predicates in all of them, interns each once and adds triples by index:
 * unkg_graph_add finds every term of every triple again. */
UnkgStatus
unkg_graph_intern(UnkgGraph* g, const UnkgTerm* term, uint32_t* id)
{
  if (!term->value) {
    return UNKG_ERR_USAGE;
  }
  if (graph_start(g)) {
    return UNKG_ERR_NOMEM;
  }
  return term_id(g, term, id);
}

UnkgStatus
unkg_graph_add_ids(UnkgGraph* g, uint32_t s, uint32_t p, uint32_t o)
{
  if (s >= g->n_terms || p >= g->n_terms || o >= g->n_terms) {
    return UNKG_ERR_USAGE;
  }
  return push_ids(g, (UnkgTripleIds){s, p, o});
}
