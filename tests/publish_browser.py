#!/usr/bin/env python3
"""Headless Chromium over a published site behind nginx.

    publish_browser.py CHROMIUM URL SHOTDIR

Loads a resolution's IRI, a state's and the dataset's (each through its
303) and checks that they render: a screenshot of the expected size that is
not blank, and in the DOM Chromium built, the headings, the paragraph rows
and links that resolve on the server.  Screenshots stay in SHOTDIR.
"""
import html.parser
import os
import struct
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

chromium, url, shots = sys.argv[1:4]
os.makedirs(shots, exist_ok=True)
fails, passes = [], 0
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--no-first-run", "--disable-extensions", "--user-data-dir=" + os.path.join(shots, "profile")]


def check(what, ok):
    global passes
    if ok:
        passes += 1
    else:
        fails.append(what)


class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.h1 = self.h2 = self.rows = self.images = 0
        self.links = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.h1 += tag == "h1"
        self.h2 += tag == "h2"
        self.scripts += tag == "script"
        if tag == "tr" and a.get("id", "").startswith(("pp/", "op/")):
            self.rows += 1
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        self.images += tag in ("img", "svg")


PAGES = [("resolution", "id/doc/A/RES/75/277", 6, 1),
         ("state", "ref/state/FRA", 0, 0),
         ("dataset", "dataset", 0, 0)]
for name, path, min_rows, min_images in PAGES:
    page = url + path
    shot = os.path.join(shots, name + ".png")
    r = subprocess.run([chromium] + FLAGS + ["--window-size=1280,1600", "--screenshot=" + shot, page],
                       capture_output=True, timeout=120)
    ok = os.path.exists(shot)
    check("%s: screenshot taken (%s)" % (name, r.stderr[-200:]), ok)
    if ok:
        with open(shot, "rb") as f:
            head = f.read(24)
        w, h = struct.unpack(">II", head[16:24])
        size = os.path.getsize(shot)
        check("%s: screenshot 1280x1600 (got %dx%d)" % (name, w, h), (w, h) == (1280, 1600))
        # A blank or error page compresses to a few kilobytes.
        check("%s: screenshot has content (%d bytes)" % (name, size), size > 30000)
    r = subprocess.run([chromium] + FLAGS + ["--dump-dom", page], capture_output=True, timeout=120)
    dom = Dom()
    dom.feed(r.stdout.decode("utf-8", "replace"))
    check("%s: one h1" % name, dom.h1 == 1)
    check("%s: sections (%d h2)" % (name, dom.h2), dom.h2 >= 1)
    check("%s: no script" % name, dom.scripts == 0)
    check("%s: %d paragraph rows (want >= %d)" % (name, dom.rows, min_rows), dom.rows >= min_rows)
    check("%s: pictures (%d)" % (name, dom.images), dom.images >= min_images)
    # Links resolve: every distinct page the DOM links to on this server.
    final = urllib.request.urlopen(urllib.request.Request(page, headers={"Accept": "text/html"})).geturl()
    targets = set()
    for href in dom.links:
        t = urllib.parse.urljoin(final, href).split("#")[0]
        if t.startswith(url):
            targets.add(t)
    bad = []
    for t in sorted(targets)[:400]:
        try:
            urllib.request.urlopen(urllib.request.Request(t, method="HEAD", headers={"Accept": "text/html"}))
        except urllib.error.HTTPError as e:
            bad.append("%s %d" % (t, e.code))
    check("%s: %d links resolve (%s)" % (name, len(targets), bad[:3]), targets and not bad)

for f in fails:
    print("FAIL: " + f)
print("%d passed, %d failed (browser)" % (passes, len(fails)))
sys.exit(1 if fails else 0)
