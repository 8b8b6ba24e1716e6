#!/bin/sh
# The pipeline's data flows forward only: no module includes the header of a
# later stage, and no include cycle exists.  The layers are the map in
# docs/architecture.md; a module missing from it fails here, so the map
# cannot fall behind the tree.
set -eu
top=${UNKG_TOP_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
exec python3 - "$top/src" <<'PY'
import os, re, sys
src = sys.argv[1]
# module -> layer; a module may include its own layer or lower ones.
layers = {
    "unkg": 0, "status": 0, "buf": 0, "text": 0, "vocab": 0, "escape": 0,
    "read": 1, "triples": 1, "rdfio": 1,
    "normalise": 2,
    "lexicon": 3,
    "doc": 4,
    "lead": 5, "symbol": 5,
    "segment": 6, "report": 6, "akn": 6, "align": 6,
    "recognise": 7, "answers": 7, "commit": 7,
    "graph": 8,
    "serialize": 9, "store": 9, "query": 9, "sparql_regex": 9,
    "publish": 10,
    "export": 11, "cli": 11,
}
def module(path):
    m = os.path.splitext(os.path.basename(path))[0]
    m = re.sub(r"_(impl|xml|body|meta)$", "", m)  # a module's private files
    return m
edges, failed = {}, 0
for f in sorted(os.listdir(src)):
    if not f.endswith((".c", ".h")):
        continue
    a = module(f)
    if a not in layers:
        print(f"FAIL: {f}: module {a} has no layer in tests/deps_test.sh (and docs/architecture.md)")
        failed += 1
        continue
    for inc in re.findall(r'^#include "([^"]+)"', open(os.path.join(src, f), encoding="utf-8").read(), re.M):
        if inc == "config.h":
            continue
        b = module(inc)
        if b == a:
            continue
        edges.setdefault(a, set()).add(b)
        if b not in layers:
            print(f"FAIL: {f} includes {inc}, which has no layer")
            failed += 1
        elif layers[b] > layers[a]:
            print(f"FAIL: {f} (layer {layers[a]}) includes {inc} of a later stage (layer {layers[b]})")
            failed += 1
# Cycles among modules, within a layer too.
state = {}
def visit(u, path):
    global failed
    state[u] = 1
    for v in sorted(edges.get(u, ())):
        if state.get(v) == 1:
            print("FAIL: include cycle " + " -> ".join(path[path.index(v):] + [v]))
            failed += 1
        elif not state.get(v):
            visit(v, path + [v])
    state[u] = 2
for u in sorted(edges):
    if not state.get(u):
        visit(u, [u])
n = sum(len(v) for v in edges.values())
print(f"{max(n - failed, 0)} passed, {failed} failed (module dependencies)")
sys.exit(1 if failed else 0)
PY
