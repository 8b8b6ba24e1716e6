#!/usr/bin/env python3
"""Compare two SPARQL CSV results as sets of rows (the header first).

Virtuoso and Rasqal write the W3C CSV format with different quoting, so the
files are parsed, not diffed.  Sets, not multisets: Virtuoso's default graph
is the union of the named graphs as a bag of quads, so a fact two documents
both state (a resolution's symbol, stated by the resolution and by a report
citing it) matches once per graph, where an RDF merge has it once.  Exit 0
when they agree, 1 with the differences otherwise.
    csv_rows.py A.csv B.csv
"""
import csv
import sys
from collections import Counter


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        data = list(csv.reader(f))
    if not data:
        return [], Counter()
    header = [h.lstrip("?") for h in data[0]]
    return header, Counter(set(tuple(r) for r in data[1:]))


def main():
    (ha, ra), (hb, rb) = rows(sys.argv[1]), rows(sys.argv[2])
    if ha == hb and ra == rb:
        return 0
    if ha != hb:
        print("header:", ha, "vs", hb)
    for r in sorted((ra - rb).elements()):
        print("only in", sys.argv[1] + ":", r)
    for r in sorted((rb - ra).elements()):
        print("only in", sys.argv[2] + ":", r)
    return 1


if __name__ == "__main__":
    sys.exit(main())
