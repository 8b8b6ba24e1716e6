#!/usr/bin/env python3
"""Checks a site written by `unkg publish`, independently of unkg's code.

    publish_check.py SITE BASE

- Every IRI under BASE in the dump (subjects, predicates, objects, graph
  names) dereferences: by the IRI-to-path mapping of docs/publish.md,
  reimplemented here, its page exists and holds the fragment's id.
- Each page's N-Triples hold exactly the dump's triples whose subject is in
  the page's family, and the dump's links into the family from outside.
- Every HTML page is well formed (balanced tags, unique ids), has no
  script and loads nothing from elsewhere.
Prints one line per failure and a summary; exits 1 on any failure.
"""
import gzip
import html
import html.parser
import os
import re
import sys
import urllib.parse

site, base = sys.argv[1], sys.argv[2]
fails = []
QUAD = re.compile(r'^(<[^>]*>|_:\S+) <([^>]*)> (<[^>]*>|_:\S+|".*"(?:@[-A-Za-z0-9]+|\^\^<[^>]*>)?) (<[^>]*>) \.$')
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DOC = re.compile(r"id/doc/((?:[^/a-z@#][^/@#]*/)*[^/a-z@#][^/@#]*)")


def family(iri):
    """(family path, fragment) of an IRI under base, as docs/publish.md says."""
    rest = iri[len(base):]
    if rest.startswith("id/doc/"):
        m = DOC.match(rest)
        fam = m.group(0)
        return fam, rest[len(fam):].lstrip("/")
    if "#" in rest:
        fam, frag = rest.split("#", 1)
        return fam, frag
    return rest, ""


def page(fam, ext):
    return os.path.join(site, urllib.parse.unquote(fam), "index." + ext)


# The dump, by family.
own, inbound, iris = {}, {}, set()
with gzip.open(os.path.join(site, "dump", "unkg.nq.gz"), "rt", encoding="utf-8") as f:
    for line in f:
        m = QUAD.match(line.rstrip("\n"))
        if not m:
            fails.append("dump: not an N-Quads line: " + line[:80])
            continue
        s, p, o, g = m.groups()
        triple = "%s <%s> %s ." % (s, p, o)
        for t in (s, "<" + p + ">", o, g):
            if t.startswith("<" + base):
                iris.add(t[1:-1])
        if s.startswith("<" + base):
            own.setdefault(family(s[1:-1])[0], set()).add(triple)
        # Links into the ontology (rdf:type, vote values) are not listed
        # on its page: docs/publish.md.
        if o.startswith("<" + base) and s.startswith("<") and p != RDF_TYPE:
            of = family(o[1:-1])[0]
            if of == "ontology":
                continue
            if not s.startswith("<" + base) or family(s[1:-1])[0] != of:
                inbound.setdefault(of, set()).add(triple)

# Every IRI dereferences.
pages = {}
checked = 0
for iri in sorted(iris):
    fam, frag = family(iri)
    path = page(fam, "html")
    if fam not in pages:
        try:
            pages[fam] = open(path, encoding="utf-8").read()
        except OSError:
            pages[fam] = None
    if pages[fam] is None:
        fails.append("404: <%s> (no %s)" % (iri, path))
    elif frag and ('id="%s"' % html.escape(frag)) not in pages[fam]:
        fails.append("404: <%s> (no id %r in %s)" % (iri, frag, path))
    checked += 1

# Each description holds the dump's triples about its family.
described = 0
for fam in sorted(set(own) | set(inbound)):
    path = page(fam, "nt")
    if not os.path.exists(path):
        continue  # reported above
    # Blank nodes (OWL lists of the ontology) have no page of their own.
    want = {t for t in own.get(fam, set()) | inbound.get(fam, set())}
    got = {l.rstrip("\n") for l in open(path, encoding="utf-8") if l.strip()}
    if want != got:
        missing = sorted(want - got)[:2]
        extra = sorted(got - want)[:2]
        fails.append("%s: %d triples missing %s, %d extra %s" % (
            path, len(want - got), missing, len(got - want), extra))
    described += 1


class Html(html.parser.HTMLParser):
    VOID = {"meta", "link", "br", "img", "hr", "input", "rect", "path", "polygon"}

    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name, self.stack, self.ids, self.errors = name, [], set(), []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.errors.append("has a script")
        if tag in ("img", "script", "iframe") and re.match(r"[a-z]+:", a.get("src", "")):
            self.errors.append("loads " + a["src"])
        if tag == "link" and a.get("rel") == "stylesheet":
            self.errors.append("loads a style sheet")
        if "id" in a:
            if a["id"] in self.ids:
                self.errors.append("id %r twice" % a["id"])
            self.ids.add(a["id"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else ""))
        else:
            self.stack.pop()


n_html = 0
for root, dirs, files in os.walk(site):
    for name in files:
        if name.endswith(".html"):
            path = os.path.join(root, name)
            text = open(path, encoding="utf-8").read()
            if not text.startswith("<!DOCTYPE html>"):
                fails.append(path + ": no <!DOCTYPE html>")
            h = Html(path)
            h.feed(text)
            h.close()
            if h.stack:
                h.errors.append("unclosed " + ", ".join(h.stack))
            fails.extend(path + ": " + e for e in h.errors[:3])
            n_html += 1

for f in fails[:40]:
    print("FAIL: " + f)
print("%d IRIs dereferenced, %d descriptions compared, %d HTML pages checked, %d failures"
      % (checked, described, n_html, len(fails)))
sys.exit(1 if fails else 0)
