#!/usr/bin/env python3
"""HTTP checks of a published site behind nginx (tests/publish_serve_test.sh).

    publish_http.py SITE BASE URL SAMPLE_FAMILY

URL is where nginx serves BASE (http://127.0.0.1:PORT/unkg/).  Checks:
- each Accept gets 303 to the description in its syntax, with Vary: Accept,
  and the description comes with its Content-Type and Vary;
- every RDF body parses with rapper and holds the dump's triples about the
  IRI asked for;
- every IRI of the sample document (SAMPLE_FAMILY, e.g.
  id/doc/A/RES/75/277) and every IRI it links to under BASE dereferences,
  with no 404;
- an IRI that names nothing answers 404.
"""
import gzip
import http.client
import os
import re
import subprocess
import sys
import urllib.parse

site, base, url, sample = sys.argv[1:5]
u = urllib.parse.urlsplit(url)
fails, passes = [], 0
QUAD = re.compile(r'^(<[^>]*>|_:\S+) <([^>]*)> (<[^>]*>|_:\S+|".*"(?:@[-A-Za-z0-9]+|\^\^<[^>]*>)?) (<[^>]*>) \.$')


def check(what, ok):
    global passes
    if ok:
        passes += 1
    else:
        fails.append(what)


def get(path, accept):
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    c.request("GET", path, headers={"Accept": accept})
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, body


def path_of(iri):
    # A client never sends the fragment: ontology#Resolution is /ontology.
    return u.path + urllib.parse.quote(iri[len(base):].split("#")[0], safe="/@:.-_~!$&'()*+,;=%")


def unescape(line):
    """rapper writes non-ASCII as \\uXXXX; the dump keeps UTF-8."""
    return re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})",
                  lambda m: chr(int(m.group(1) or m.group(2), 16)), line)


def deref(iri, accept):
    """(status, headers, body) at the end of the 303, and the first answer."""
    st, h, body = get(path_of(iri), accept)
    first = (st, h)
    if st == 303:
        loc = urllib.parse.urlsplit(h.get("location", ""))
        st, h, body = get(loc.path, accept)
    return st, h, body, first


# The dump's triples by subject.
about = {}
iris = set()
with gzip.open(os.path.join(site, "dump", "unkg.nq.gz"), "rt", encoding="utf-8") as f:
    for line in f:
        m = QUAD.match(line.rstrip("\n"))
        s, p, o, g = m.groups()
        about.setdefault(s, set()).add("%s <%s> %s ." % (s, p, o))
        for t in (s, o):
            if t.startswith("<" + base):
                iris.add(t[1:-1])

TYPES = [("text/turtle", "turtle", ".ttl"), ("application/rdf+xml", "rdfxml", ".rdf"),
         ("application/n-triples", "ntriples", ".nt"), ("application/ld+json", None, ".jsonld"),
         ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", None, ".html")]
probe = [base + sample, base + sample + "/op/1", base + "ref/state/FRA", base + "ontology#Resolution",
         base + sample + "@en"]
for iri in probe:
    for accept, syntax, ext in TYPES:
        st, h, body, (st1, h1) = deref(iri, accept)
        what = "<%s> as %s" % (iri, accept.split(",")[0])
        check(what + ": 303 first (got %d)" % st1, st1 == 303)
        check(what + ": Vary: Accept on the 303", h1.get("vary") == "Accept")
        check(what + ": redirected to index%s (%s)" % (ext, h1.get("location")),
              (h1.get("location") or "").split("#")[0].endswith("index" + ext))
        check(what + ": 200 at the end (got %d)" % st, st == 200)
        ctype = h.get("content-type", "")
        want = accept.split(",")[0]
        check(what + ": Content-Type %s (got %s)" % (want, ctype), ctype.split(";")[0] == want)
        check(what + ": Vary: Accept on the description", h.get("vary") == "Accept")
        if syntax:
            r = subprocess.run(["rapper", "-q", "-i", syntax, "-o", "ntriples", "-", iri],
                               input=body, capture_output=True)
            got = {unescape(l) for l in r.stdout.decode("utf-8").splitlines()}
            subject = "<" + iri + ">"
            want_t = about.get(subject, set())
            check(what + ": rapper parses the body (%s)" % r.stderr[:100], r.returncode == 0)
            check(what + ": holds the dump's %d triples about it (%d missing)"
                  % (len(want_t), len(want_t - got)), want_t and not (want_t - got))

# Every IRI of the sample document, and all it links to, dereferences.
fam = base + sample
sample_iris = sorted(i for i in iris if i == fam or i.startswith(fam + "/") or i.startswith(fam + "@"))
linked = set()
for s, ts in about.items():
    if s[1:-1] in sample_iris:
        for t in ts:
            o = t.rsplit(" ", 1)[0].split(" ", 2)[2]
            if o.startswith("<" + base):
                linked.add(o[1:-1])
n404 = 0
for iri in sorted(set(sample_iris) | linked):
    st, h, body, first = deref(iri, "text/html")
    if st != 200:
        n404 += 1
        fails.append("<%s>: %d" % (iri, st))
check("%d IRIs of %s and its links dereference" % (len(sample_iris) + len(linked), sample),
      n404 == 0 and len(sample_iris) > 100)
st, h, body, first = deref(base + "ref/state/XXX-NONE", "text/turtle")
check("an IRI that names nothing: 404 (got %d)" % st, st == 404)
st, h, body, first = deref(base + "id/doc/A/RES/1/999999/op/1", "text/turtle")
check("a part of a document not published: 404 (got %d)" % st, st == 404)

for f in fails[:30]:
    print("FAIL: " + f)
print("%d passed, %d failed (HTTP)" % (passes, len(fails)))
sys.exit(1 if fails else 0)
