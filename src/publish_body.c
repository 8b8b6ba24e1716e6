/* The HTML pages of a site (publish.h): a description per family, readable
 * without JavaScript and without any asset from elsewhere.  A document's
 * text is a table, a row per paragraph and a column per language; its
 * other nodes (requests, citations, replies ...) are sections; the vote is
 * a table with a bar chart; the links into the family are listed by
 * predicate. */
#include "buf.h"
#include "escape.h"
#include "publish_impl.h"
#include "vocab.h"

#include <stdlib.h>
#include <string.h>

#define STYLE                                                                                      \
  "body{font-family:\"Noto Sans CJK SC\",\"Noto Sans\",\"Source Han Sans\",sans-serif;"            \
  "margin:0;color:#1b1b1b;background:#fff;line-height:1.5}"                                        \
  "header{background:#00558c;color:#fff;padding:.5em 1em}header a{color:#fff}"                     \
  "main{padding:0 1em 2em;max-width:100%;}"                                                        \
  "h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:1.5em}"           \
  "h3{font-size:1em;margin:.2em 0}"                                                                \
  "code,.iri{font-family:monospace;font-size:.9em;word-break:break-all}"                           \
  "table{border-collapse:collapse;width:100%}"                                                     \
  "th,td{border:1px solid #ddd;padding:.3em .5em;vertical-align:top;text-align:left}"              \
  "thead th{background:#eef3f7;position:sticky;top:0}"                                             \
  "table.props th{width:14em;font-weight:normal;color:#555}"                                       \
  "table.text td{width:auto}td.num{white-space:nowrap}"                                            \
  "mark.lead{background:#ffe98a;font-weight:bold}"                                                 \
  ".scroll{max-height:32em;overflow:auto;border:1px solid #ddd}"                                   \
  "section.node{margin:.8em 0;padding:.3em .5em;border-left:3px solid #00558c}"                    \
  "section.node:target,tr:target{background:#fff7d6}"                                              \
  "ul.links{margin:0;padding-left:1em;font-size:.85em}"                                            \
  ".formats a{margin-right:.6em}small{color:#666}"

typedef struct {
  const char* s;    /* the subject */
  size_t      from; /* its triples in own */
  size_t      to;
  long        position;
  int         kind; /* PART, VOTE, SPAN, NODE */
} Node;

enum { NODE, PART, VOTE, SPAN };

typedef struct {
  const UnkgPublisher* p;
  FILE*                f;
  const char*          up;
  const char*          family;
  size_t               flen;
} Page;

void
unkg_pub_html_escape(UnkgBuf* b, const char* s)
{
  unkg_escape_buf(b, UNKG_ESC_XML_ATTR, s, strlen(s));
}

static void
esc(FILE* f, const char* s)
{
  unkg_escape_file(f, UNKG_ESC_XML_ATTR, s, strlen(s));
}

static void
esc_n(FILE* f, const char* s, size_t n)
{
  unkg_escape_file(f, UNKG_ESC_XML_ATTR, s, n);
}

/* The part of iri after its family, without the '/' or '#'. */
static const char*
fragment(const UnkgPublisher* p, const char* iri)
{
  size_t      len = unkg_pub_family_len(p, iri);
  const char* fr  = iri + len;
  return *fr == '/' || *fr == '#' ? fr + 1 : fr;
}

UnkgStatus
unkg_pub_link_text(const UnkgPublisher* p, UnkgBuf* b, const char* iri)
{
  const UnkgPubLabel* l = unkg_pub_label(p, iri);
  if (l && (l->en || l->zh)) {
    unkg_buf_puts(b, l->en ? l->en : "");
    unkg_buf_puts(b, l->en && l->zh ? " " : "");
    return unkg_buf_puts(b, l->zh ? l->zh : "");
  }
  size_t len = unkg_pub_family_len(p, iri);
  if (len && !strncmp(iri + strlen(p->base), "id/doc/", 7)) {
    unkg_buf_append(b, iri + strlen(p->base) + 7, len - strlen(p->base) - 7);
    const char* fr = fragment(p, iri);
    if (*fr) {
      unkg_buf_puts(b, *fr == '@' ? "" : " ");
      unkg_buf_puts(b, fr);
    }
    return b->data ? UNKG_OK : UNKG_ERR_NOMEM;
  }
  const char* last = iri;
  for (const char* q = iri; *q; ++q) {
    if ((*q == '/' || *q == '#') && q[1]) {
      last = q + 1;
    }
  }
  if (len && strchr(iri + strlen(p->base), '/')) {
    /* ref/state/FRA: the kind too. */
    const char* s = iri + strlen(p->base);
    if (!strncmp(s, "ref/", 4)) {
      s += 4;
    }
    return unkg_buf_puts(b, s);
  }
  return unkg_buf_puts(b, last);
}

static void
link(const Page* pg, const char* iri)
{
  UnkgBuf href = {0}, text = {0};
  unkg_pub_href(pg->p, &href, pg->up, iri);
  unkg_pub_link_text(pg->p, &text, iri);
  fputs("<a href=\"", pg->f);
  fputs(href.data ? href.data : "", pg->f);
  fputs("\">", pg->f);
  esc(pg->f, text.data ? text.data : iri);
  fputs("</a>", pg->f);
  unkg_buf_clear(&href);
  unkg_buf_clear(&text);
}

/* A predicate's name for people: its labels, else its prefixed name. */
static void
predicate(const Page* pg, const char* iri)
{
  const UnkgPubLabel*  l = unkg_pub_label(pg->p, iri);
  const char*          local;
  const UnkgNamespace* ns = unkg_namespace_of(iri, false, &local);
  fputs("<span title=\"", pg->f);
  esc(pg->f, iri);
  fputs("\">", pg->f);
  if (l && (l->en || l->zh)) {
    if (l->en) {
      esc(pg->f, l->en);
    }
    if (l->zh) {
      fputs(l->en ? " <span lang=\"zh\">" : "<span lang=\"zh\">", pg->f);
      esc(pg->f, l->zh);
      fputs("</span>", pg->f);
    }
  } else if (ns) {
    fprintf(pg->f, "%s:", ns->prefix);
    esc(pg->f, local);
  } else {
    esc(pg->f, iri);
  }
  fputs("</span>", pg->f);
}

static void
value(const Page* pg, const UnkgTerm* t)
{
  if (t->kind == UNKG_TERM_IRI) {
    link(pg, t->value);
  } else if (t->kind == UNKG_TERM_BLANK) {
    fputs("_:", pg->f);
    esc(pg->f, t->value);
  } else if (t->lang) {
    fprintf(pg->f, "<span lang=\"%s\">", t->lang);
    esc(pg->f, t->value);
    fputs("</span>", pg->f);
  } else {
    esc(pg->f, t->value);
  }
}

/* The triples own[from, to) of one subject as a table of properties. */
static void
props(const Page* pg, const UnkgGraph* own, size_t from, size_t to)
{
  fputs("<table class=\"props\">\n", pg->f);
  for (size_t i = from; i < to; ++i) {
    const UnkgTriple  ti = unkg_graph_get(own, i);
    const UnkgTriple* t  = &ti;
    if (i == from || own->t[i].p != own->t[i - 1].p) {
      fputs(i == from ? "<tr><th>" : "</td></tr>\n<tr><th>", pg->f);
      predicate(pg, t->p.value);
      fputs("</th><td>", pg->f);
    } else {
      fputs("<br>\n", pg->f);
    }
    value(pg, &t->o);
  }
  fputs(to > from ? "</td></tr>\n</table>\n" : "</table>\n", pg->f);
}

/* The object of node n's first pred triple (in lang), into *o; o, or NULL
 * if there is none. */
static const UnkgTerm*
find(const UnkgGraph* g, const Node* n, const char* pred, const char* lang, UnkgTerm* o)
{
  for (size_t i = n->from; i < n->to; ++i) {
    *o = unkg_graph_term(g, g->t[i].o);
    if (!strcmp(unkg_graph_value(g, g->t[i].p), pred)
        && (!lang || (o->lang && !strcmp(o->lang, lang)))) {
      return o;
    }
  }
  return NULL;
}

static bool
has(const UnkgGraph* g, const Node* n, const char* pred)
{
  UnkgTerm o;
  return find(g, n, pred, NULL, &o) != NULL;
}

static int
part_cmp(const void* x, const void* y)
{
  const Node* a = x;
  const Node* b = y;
  if (a->kind != b->kind) {
    return a->kind - b->kind;
  }
  if (a->position != b->position) {
    return a->position < b->position ? -1 : 1;
  }
  return strcmp(a->s, b->s);
}

/* Chinese and English first, then the other languages by tag. */
static int
lang_rank(const char* l)
{
  return !strcmp(l, "zh") ? 0 : !strcmp(l, "en") ? 1 : 2;
}

static int
lang_cmp(const void* x, const void* y)
{
  const char* a = *(const char* const*)x;
  const char* b = *(const char* const*)y;
  int         r = lang_rank(a) - lang_rank(b);
  return r ? r : strcmp(a, b);
}

static const char*
lang_name(const char* l)
{
  static const char* names[][2] = {{"zh", "中文 Chinese"},  {"en", "English 英文"},
                                   {"fr", "Français 法文"}, {"es", "Español 西班牙文"},
                                   {"ru", "Русский 俄文"},  {"ar", "العربية 阿拉伯文"}};
  for (size_t i = 0; i < sizeof names / sizeof *names; ++i) {
    if (!strcmp(l, names[i][0])) {
      return names[i][1];
    }
  }
  return l;
}

/* The text with its lead phrase marked, where the text contains it. */
static void
text_with_lead(FILE* f, const char* text, const char* lead)
{
  const char* at = lead && *lead ? strstr(text, lead) : NULL;
  if (!at) {
    esc(f, text);
    return;
  }
  esc_n(f, text, (size_t)(at - text));
  fputs("<mark class=\"lead\">", f);
  esc(f, lead);
  fputs("</mark>", f);
  esc(f, at + strlen(lead));
}

static bool
structural(const char* pred)
{
  return !strcmp(pred, RDF_TYPE) || !strcmp(pred, NS_DCT "isPartOf") || !strcmp(pred, U("hasSpan"))
         || !strcmp(pred, U("text")) || !strcmp(pred, U("position"))
         || !strcmp(pred, U("leadPhrase")) || !strcmp(pred, U("number"))
         || !strcmp(pred, U("ordinal"));
}

static int
span_cmp(const void* key, const void* x)
{
  return strcmp(key, ((const Node*)x)->s);
}

/* Where the text of part s in lang comes from, as the cell's title. */
static void
provenance(const Page* pg, const UnkgGraph* own, const Node* nodes, size_t n_nodes, const char* s,
           const char* lang)
{
  size_t first = 0;
  while (first < n_nodes && nodes[first].kind != SPAN) {
    ++first;
  }
  size_t last = first;
  while (last < n_nodes && nodes[last].kind == SPAN) {
    ++last;
  }
  UnkgBuf iri = {0};
  if (unkg_buf_printf(&iri, "%s@%s", s, lang)) {
    return;
  }
  const Node* span = bsearch(iri.data, nodes + first, last - first, sizeof *nodes, span_cmp);
  unkg_buf_clear(&iri);
  if (!span) {
    return;
  }
  UnkgTerm        line_term, begin_term, end_term, eid_term;
  const UnkgTerm* line  = find(own, span, U("sourceLine"), NULL, &line_term);
  const UnkgTerm* begin = find(own, span, U("beginOffset"), NULL, &begin_term);
  const UnkgTerm* end   = find(own, span, U("endOffset"), NULL, &end_term);
  const UnkgTerm* eid   = find(own, span, U("aknEId"), NULL, &eid_term);
  fputs(" title=\"source", pg->f);
  if (line) {
    fprintf(pg->f, " line %s", line->value);
  }
  if (begin && end) {
    fprintf(pg->f, ", bytes %s-%s", begin->value, end->value);
  }
  if (eid) {
    fputs(", eId ", pg->f);
    esc(pg->f, eid->value);
  }
  fputc('"', pg->f);
}

static void
text_table(const Page* pg, const UnkgGraph* own, const Node* nodes, size_t n_nodes)
{
  const char* langs[16];
  size_t      n_langs = 0;
  for (size_t k = 0; k < n_nodes; ++k) {
    for (size_t i = nodes[k].from; nodes[k].kind == PART && i < nodes[k].to; ++i) {
      const UnkgTriple  ti = unkg_graph_get(own, i);
      const UnkgTriple* t  = &ti;
      if (strcmp(t->p.value, U("text")) || !t->o.lang) {
        continue;
      }
      bool seen = false;
      for (size_t j = 0; j < n_langs; ++j) {
        seen = seen || !strcmp(langs[j], t->o.lang);
      }
      if (!seen && n_langs < sizeof langs / sizeof *langs) {
        langs[n_langs++] = t->o.lang;
      }
    }
  }
  qsort(langs, n_langs, sizeof *langs, lang_cmp);
  FILE* f = pg->f;
  fputs(
    "<section id=\"text\">\n<h2>Text <span lang=\"zh\">案文</span></h2>\n"
    "<table class=\"text\">\n<thead><tr><th>¶</th>",
    f);
  for (size_t j = 0; j < n_langs; ++j) {
    fprintf(f, "<th lang=\"%s\"%s>", langs[j], !strcmp(langs[j], "ar") ? " dir=\"rtl\"" : "");
    esc(f, lang_name(langs[j]));
    fputs("</th>", f);
  }
  fputs("<th>Links <span lang=\"zh\">链接</span></th></tr></thead>\n<tbody>\n", f);
  for (size_t k = 0; k < n_nodes; ++k) {
    const Node* n = &nodes[k];
    if (n->kind != PART) {
      continue;
    }
    const char*     fr = fragment(pg->p, n->s);
    UnkgTerm        num_term;
    const UnkgTerm* num = find(own, n, U("number"), NULL, &num_term);
    fputs("<tr id=\"", f);
    esc(f, fr);
    fputs("\"><td class=\"num\"><a href=\"#", f);
    esc(f, fr);
    fputs("\">", f);
    esc(f, num ? num->value : fr);
    fputs("</a><br><small>", f);
    esc(f, fr);
    fputs("</small></td>", f);
    for (size_t j = 0; j < n_langs; ++j) {
      UnkgTerm        text_term, lead_term;
      const UnkgTerm* text = find(own, n, U("text"), langs[j], &text_term);
      const UnkgTerm* lead = find(own, n, U("leadPhrase"), langs[j], &lead_term);
      fprintf(f, "<td lang=\"%s\"%s id=\"", langs[j], !strcmp(langs[j], "ar") ? " dir=\"rtl\"" : "");
      esc(f, fr);
      fprintf(f, "@%s\"", langs[j]);
      provenance(pg, own, nodes, n_nodes, n->s, langs[j]);
      fputs(">", f);
      if (text) {
        text_with_lead(f, text->value, lead ? lead->value : NULL);
      }
      fputs("</td>", f);
    }
    fputs("<td><ul class=\"links\">", f);
    for (size_t i = n->from; i < n->to; ++i) {
      const UnkgTriple  ti = unkg_graph_get(own, i);
      const UnkgTriple* t  = &ti;
      if (t->o.kind != UNKG_TERM_IRI || structural(t->p.value)) {
        continue;
      }
      fputs("<li>", f);
      predicate(pg, t->p.value);
      fputs(": ", f);
      link(pg, t->o.value);
      fputs("</li>", f);
    }
    fputs("</ul></td></tr>\n", f);
  }
  fputs("</tbody>\n</table>\n</section>\n", f);
}

static long
int_of(const UnkgGraph* own, const Node* n, const char* pred)
{
  UnkgTerm        t_term;
  const UnkgTerm* t = n ? find(own, n, pred, NULL, &t_term) : NULL;
  return t ? strtol(t->value, NULL, 10) : 0;
}

static void
vote_section(const Page* pg, const UnkgGraph* own, const Node* nodes, size_t n_nodes)
{
  FILE*       f      = pg->f;
  const Node* voting = NULL;
  for (size_t k = 0; k < n_nodes; ++k) {
    if (has(own, &nodes[k], U("vote"))) {
      voting = &nodes[k];
    }
  }
  static const struct {
    const char* pred;
    const char* name;
    const char* colour;
  } bars[] = {{"inFavourCount", "In favour 赞成", "#2e7d32"},
              {"againstCount", "Against 反对", "#c62828"},
              {"abstainingCount", "Abstaining 弃权", "#f9a825"},
              {"nonVotingCount", "Not voting 未投票", "#9e9e9e"}};
  long count[4], max = 1;
  for (int i = 0; i < 4; ++i) {
    char pred[64];
    snprintf(pred, sizeof pred, UNKG_NS "%s", bars[i].pred);
    count[i] = int_of(own, voting, pred);
    max      = count[i] > max ? count[i] : max;
  }
  fputs("<section id=\"vote\">\n<h2>Recorded vote <span lang=\"zh\">记录表决</span></h2>\n", f);
  fputs(
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"520\" height=\"110\" role=\"img\" "
    "aria-label=\"Recorded vote\">\n",
    f);
  for (int i = 0; i < 4; ++i) {
    fprintf(f,
            "<text x=\"0\" y=\"%d\" font-size=\"13\">%s</text>"
            "<rect x=\"150\" y=\"%d\" width=\"%ld\" height=\"18\" fill=\"%s\"/>"
            "<text x=\"%ld\" y=\"%d\" font-size=\"13\">%ld</text>\n",
            18 + 26 * i, bars[i].name, 4 + 26 * i, 1 + count[i] * 300 / max, bars[i].colour,
            158 + count[i] * 300 / max, 18 + 26 * i, count[i]);
  }
  fputs(
    "</svg>\n<div class=\"scroll\"><table>\n<thead><tr><th>Member State <span "
    "lang=\"zh\">会员国</span></th><th>Vote <span lang=\"zh\">投票</span></th></tr></thead>\n"
    "<tbody>\n",
    f);
  for (size_t k = 0; k < n_nodes; ++k) {
    const Node* n = &nodes[k];
    if (n->kind != VOTE) {
      continue;
    }
    UnkgTerm        voter_term, name_term, v_term;
    const UnkgTerm* voter = find(own, n, U("voter"), NULL, &voter_term);
    const UnkgTerm* name  = find(own, n, U("voterName"), NULL, &name_term);
    const UnkgTerm* v     = find(own, n, U("voteValue"), NULL, &v_term);
    fputs("<tr id=\"", f);
    esc(f, fragment(pg->p, n->s));
    fputs("\"><td>", f);
    if (voter) {
      value(pg, voter);
    } else if (name) {
      value(pg, name);
    }
    fputs("</td><td>", f);
    if (v) {
      value(pg, v);
    }
    fputs("</td></tr>\n", f);
  }
  fputs("</tbody>\n</table></div>\n</section>\n", f);
}

static const UnkgGraph* sort_in; /* qsort has no context argument */

static int
in_cmp(const void* x, const void* y)
{
  const UnkgTripleIds* a = &sort_in->t[*(const size_t*)x];
  const UnkgTripleIds* b = &sort_in->t[*(const size_t*)y];
  int                  r = strcmp(unkg_graph_value(sort_in, a->p), unkg_graph_value(sort_in, b->p));
  if (!r) {
    UnkgTerm ao = unkg_graph_term(sort_in, a->o), bo = unkg_graph_term(sort_in, b->o);
    r = unkg_term_cmp(&ao, &bo);
  }
  if (!r) {
    UnkgTerm as = unkg_graph_term(sort_in, a->s), bs = unkg_graph_term(sort_in, b->s);
    r = unkg_term_cmp(&as, &bs);
  }
  return r;
}

static UnkgStatus
linked_from(const Page* pg, const UnkgGraph* in)
{
  if (!in->n) {
    return UNKG_OK;
  }
  size_t* ix = malloc(in->n * sizeof *ix);
  if (!ix) {
    return UNKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < in->n; ++i) {
    ix[i] = i;
  }
  sort_in = in;
  qsort(ix, in->n, sizeof *ix, in_cmp);
  FILE* f = pg->f;
  fputs("<section id=\"linked-from\">\n<h2>Linked from <span lang=\"zh\">引用来源</span></h2>\n", f);
  for (size_t i = 0; i < in->n;) {
    const char* pred = unkg_graph_value(in, in->t[ix[i]].p);
    size_t      j    = i;
    while (j < in->n && !strcmp(unkg_graph_value(in, in->t[ix[j]].p), pred)) {
      ++j;
    }
    fputs("<details open>\n<summary>", f);
    predicate(pg, pred);
    fprintf(f, " (%zu)</summary>\n<div class=\"scroll\"><table>\n", j - i);
    for (; i < j; ++i) {
      const UnkgTriple  ti = unkg_graph_get(in, ix[i]);
      const UnkgTriple* t  = &ti;
      fputs("<tr><td>", f);
      value(pg, &t->o);
      fputs("</td><td>", f);
      if (strlen(t->s.value) != pg->flen) {
        link(pg, t->s.value);
      }
      fputs("</td></tr>\n", f);
    }
    fputs("</table></div>\n</details>\n", f);
  }
  fputs("</section>\n", f);
  free(ix);
  return UNKG_OK;
}

/* The states whose replies mention the family (said: state, where;
 * sorted): a row per state, with where it says so.  What a person asks of
 * an organization's or an instrument's page, which the links into it
 * answer only paragraph by paragraph. */
static void
mentioned_by(const Page* pg, const UnkgGraph* said)
{
  if (!said->n) {
    return;
  }
  size_t states = 0;
  for (size_t i = 0; i < said->n; ++i) {
    states += i == 0 || said->t[i].s != said->t[i - 1].s;
  }
  FILE* f = pg->f;
  fprintf(f,
          "<section id=\"mentioned-by\">\n<h2>States that mention it <span "
          "lang=\"zh\">提及它的国家</span> (%zu)</h2>\n<div class=\"scroll\"><table>\n"
          "<thead><tr><th>State <span lang=\"zh\">国家</span></th><th>Mentions <span "
          "lang=\"zh\">提及</span></th><th>Where <span lang=\"zh\">出处</span></th></tr></thead>\n"
          "<tbody>\n",
          states);
  for (size_t i = 0; i < said->n;) {
    size_t j = i;
    while (j < said->n && said->t[j].s == said->t[i].s) {
      ++j;
    }
    fputs("<tr><td>", f);
    link(pg, unkg_graph_value(said, said->t[i].s));
    fprintf(f, "</td><td class=\"num\">%zu</td><td><ul class=\"links\">", j - i);
    for (; i < j; ++i) {
      fputs("<li>", f);
      link(pg, unkg_graph_value(said, said->t[i].o));
      fputs("</li>", f);
    }
    fputs("</ul></td></tr>\n", f);
  }
  fputs("</tbody>\n</table></div>\n</section>\n", f);
}

UnkgStatus
unkg_pub_dot(const UnkgPublisher* p, UnkgBuf* b, const char* family, const UnkgGraph* own,
             const UnkgGraph* in)
{
  UnkgGraph* edges = unkg_graph_new();
  if (!edges) {
    return UNKG_ERR_NOMEM;
  }
  UnkgStatus st = UNKG_OK;
  for (size_t i = 0; !st && i < own->n; ++i) {
    const UnkgTriple  ti = unkg_graph_get(own, i);
    const UnkgTriple* t  = &ti;
    if (!strcmp(t->p.value, U("cites")) && t->o.kind == UNKG_TERM_IRI) {
      char* to = unkg_strndup(t->o.value, unkg_pub_family_len(p, t->o.value));
      st       = to ? unkg_graph_add_iri(edges, family, "e", to) : UNKG_ERR_NOMEM;
      free(to);
    }
  }
  for (size_t i = 0; !st && i < in->n; ++i) {
    const UnkgTriple  ti = unkg_graph_get(in, i);
    const UnkgTriple* t  = &ti;
    if (!strcmp(t->p.value, U("cites")) && t->o.kind == UNKG_TERM_IRI) {
      /* The citing part's document: the citation node is in it. */
      char* from = unkg_strndup(t->o.value, unkg_pub_family_len(p, t->o.value));
      st         = from ? unkg_graph_add_iri(edges, from, "e", family) : UNKG_ERR_NOMEM;
      free(from);
    }
  }
  if (!st && edges->n) {
    unkg_graph_sort(edges);
    unkg_buf_puts(b,
                  "digraph citations {\n  graph [rankdir=LR];\n"
                  "  node [shape=box, style=rounded, fontsize=10, fontname=\"Noto Sans\"];\n  ");
    UnkgBuf text = {0};
    unkg_pub_link_text(p, &text, family);
    unkg_buf_printf(b, "\"%s\" [style=\"rounded,bold\"];\n", text.data ? text.data : "");
    for (size_t i = 0; i < edges->n; ++i) {
      UnkgBuf from = {0}, to = {0};
      unkg_pub_link_text(p, &from, unkg_graph_value(edges, edges->t[i].s));
      unkg_pub_link_text(p, &to, unkg_graph_value(edges, edges->t[i].o));
      /* Labels are symbols and names: no quotes or backslashes to escape
       * but those, which dot reads as such. */
      for (char* q = from.data; q && *q; ++q) {
        *q = *q == '"' || *q == '\\' ? '\'' : *q;
      }
      for (char* q = to.data; q && *q; ++q) {
        *q = *q == '"' || *q == '\\' ? '\'' : *q;
      }
      unkg_buf_printf(b, "  \"%s\" -> \"%s\";\n", from.data ? from.data : "", to.data ? to.data : "");
      unkg_buf_clear(&from);
      unkg_buf_clear(&to);
    }
    unkg_buf_clear(&text);
    st = unkg_buf_puts(b, "}\n");
  }
  unkg_graph_free(edges);
  return st;
}

UnkgStatus
unkg_pub_html(const UnkgPublisher* p, FILE* f, const char* family, const UnkgGraph* own,
              const UnkgGraph* in, const UnkgGraph* said, const char* up, const char* svg)
{
  Page   pg      = {p, f, up, family, strlen(family)};
  size_t n_nodes = 0;
  for (size_t i = 0; i < own->n; ++i) {
    n_nodes += i == 0 || own->t[i].s != own->t[i - 1].s;
  }
  Node* nodes = calloc(n_nodes + 1, sizeof *nodes);
  if (!nodes) {
    return UNKG_ERR_NOMEM;
  }
  size_t k = 0;
  for (size_t i = 0; i < own->n; ++i) {
    if (i == 0 || own->t[i].s != own->t[i - 1].s) {
      nodes[k++] = (Node){unkg_graph_value(own, own->t[i].s), i, i, 0, NODE};
    }
    nodes[k - 1].to = i + 1;
  }
  const Node* main_node = NULL;
  bool        has_text = false, has_vote = false;
  for (k = 0; k < n_nodes; ++k) {
    Node* n     = &nodes[k];
    n->position = int_of(own, n, U("position"));
    if (!strcmp(n->s, family)) {
      main_node = n;
    } else if (has(own, n, U("text")) && has(own, n, U("hasSpan"))) {
      n->kind  = PART;
      has_text = true;
    } else if (has(own, n, U("voteValue"))) {
      n->kind  = VOTE;
      has_vote = true;
    } else if (has(own, n, U("spanOf"))) {
      n->kind = SPAN;
    }
  }
  /* main_node points into nodes, which the sort moves: find it again. */
  qsort(nodes, n_nodes, sizeof *nodes, part_cmp);
  main_node = NULL;
  for (k = 0; k < n_nodes; ++k) {
    if (!strcmp(nodes[k].s, family)) {
      main_node = &nodes[k];
    }
  }

  UnkgBuf title = {0};
  unkg_pub_link_text(p, &title, family);
  fputs(
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    f);
  esc(f, title.data ? title.data : family);
  fputs(
    "</title>\n"
    "<link rel=\"alternate\" type=\"text/turtle\" href=\"index.ttl\">\n"
    "<link rel=\"alternate\" type=\"application/rdf+xml\" href=\"index.rdf\">\n"
    "<link rel=\"alternate\" type=\"application/n-triples\" href=\"index.nt\">\n"
    "<link rel=\"alternate\" type=\"application/ld+json\" href=\"index.jsonld\">\n"
    "<style>" STYLE "</style>\n</head>\n<body>\n<header><a href=\"",
    f);
  esc(f, up);
  fputs("index.html\">unkg</a> · <a href=\"", f);
  esc(f, up);
  fputs("dataset/index.html\">Dataset <span lang=\"zh\">数据集</span></a></header>\n<main>\n<h1>", f);
  esc(f, title.data ? title.data : family);
  fputs("</h1>\n", f);
  unkg_buf_clear(&title);
  if (main_node) {
    UnkgTerm        en_term, zh_term;
    const UnkgTerm* en = find(own, main_node, NS_DCT "title", "en", &en_term);
    const UnkgTerm* zh = find(own, main_node, NS_DCT "title", "zh", &zh_term);
    if (zh) {
      fputs("<p lang=\"zh\"><strong>", f);
      esc(f, zh->value);
      fputs("</strong></p>\n", f);
    }
    if (en) {
      fputs("<p lang=\"en\"><strong>", f);
      esc(f, en->value);
      fputs("</strong></p>\n", f);
    }
  }
  fputs("<p class=\"iri\">IRI: <code>", f);
  esc(f, family);
  fputs(
    "</code></p>\n<p class=\"formats\">RDF: <a href=\"index.ttl\">Turtle</a>"
    "<a href=\"index.rdf\">RDF/XML</a><a href=\"index.nt\">N-Triples</a>"
    "<a href=\"index.jsonld\">JSON-LD</a></p>\n",
    f);
  if (has_text) {
    text_table(&pg, own, nodes, n_nodes);
  }
  if (has_vote) {
    vote_section(&pg, own, nodes, n_nodes);
  }
  if (svg) {
    fputs(
      "<section id=\"citation-network\">\n<h2>Citations <span "
      "lang=\"zh\">引用网络</span></h2>\n<p><img src=\"",
      f);
    esc(f, svg);
    fputs("\" alt=\"The documents this one cites and that cite it\"></p>\n</section>\n", f);
  }
  if (main_node) {
    /* A document's text first: its metadata follow. */
    if (has_text || has_vote || svg) {
      fputs("<section id=\"about\">\n<h2>About <span lang=\"zh\">元数据</span></h2>\n", f);
    }
    props(&pg, own, main_node->from, main_node->to);
    if (has_text || has_vote || svg) {
      fputs("</section>\n", f);
    }
  }
  bool details = false;
  for (k = 0; k < n_nodes; ++k) {
    const Node* n = &nodes[k];
    if (n == main_node || n->kind == PART || n->kind == VOTE || (n->kind == SPAN && has_text)) {
      continue;
    }
    if (!details) {
      fputs("<section id=\"nodes\">\n<h2>Details <span lang=\"zh\">详细信息</span></h2>\n", f);
      details = true;
    }
    const char* fr = fragment(p, n->s);
    fputs("<section class=\"node\" id=\"", f);
    esc(f, *fr ? fr : n->s);
    fputs("\">\n<h3><a href=\"#", f);
    esc(f, *fr ? fr : n->s);
    fputs("\">", f);
    esc(f, *fr ? fr : n->s);
    fputs("</a></h3>\n", f);
    if (n->kind == SPAN || strncmp(n->s, family, pg.flen)) {
      fputs("<p class=\"iri\"><code>", f);
      esc(f, n->s);
      fputs("</code></p>\n", f);
    }
    props(&pg, own, n->from, n->to);
    fputs("</section>\n", f);
  }
  if (details) {
    fputs("</section>\n", f);
  }
  mentioned_by(&pg, said);
  UnkgStatus st = linked_from(&pg, in);
  fputs(
    "<footer><p><small>Written by unkg publish. Provenance: each text span names its source "
    "(line, offsets, element id) and each expression its source file, above.</small></p>"
    "</footer>\n</main>\n</body>\n</html>\n",
    f);
  free(nodes);
  return st;
}
