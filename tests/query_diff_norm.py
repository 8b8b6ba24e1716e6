#!/usr/bin/env python3
"""One answer of tests/query_diff_test.sh, from unkg query (TSV, or
N-Triples for graph results) or from tests/jena/Differential.java, in a
form the two can be compared in as multisets: the header first, then the
rows sorted; literals by value where the engines write a value in
different lexical forms (1 and "1"^^xsd:integer, "1.50" and 1.5), plain
strings without ^^xsd:string, blank nodes as _:b."""
import re
import sys
from decimal import Decimal, InvalidOperation

XSD = "http://www.w3.org/2001/XMLSchema#"
TERM = re.compile(r'<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?|[^\s]+')
LIT = re.compile(r'^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?$')


def number(kind, lex):
    try:
        if kind == "integer":
            return '"%d"^^<%sinteger>' % (int(lex), XSD)
        if kind == "decimal":
            d = Decimal(lex).normalize()
            return '"%s"^^<%sdecimal>' % (format(d, "f"), XSD)
        return '"%r"^^<%sdouble>' % (float(lex), XSD)
    except (ValueError, InvalidOperation):
        return None


def term(t):
    if t == "" or t.startswith("<"):
        return t
    if t.startswith("_:"):
        return "_:b"
    m = LIT.match(t)
    if not m:  # a bare number, as TSV may write one
        if re.fullmatch(r"[+-]?\d+", t):
            return number("integer", t)
        if re.fullmatch(r"[+-]?\d*\.\d+", t):
            return number("decimal", t)
        if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+", t):
            return number("double", t)
        return t
    lex, lang, dt = m.groups()
    if lang:
        return '"%s"@%s' % (lex, lang.lower())
    if dt in (None, XSD + "string"):
        return '"%s"' % lex
    kind = dt[len(XSD):] if dt.startswith(XSD) else None
    if kind in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger"):
        return number("integer", lex) or t
    if kind == "decimal":
        return number("decimal", lex) or t
    if kind in ("double", "float"):
        return number("double", lex) or t
    return t


def main():
    lines = sys.stdin.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        return
    if lines[0].startswith("?") or lines[0] == "":
        # SELECT: TSV cells
        head, rows = lines[0], lines[1:]
        out = sorted("\t".join(term(c) for c in r.split("\t")) for r in rows)
        print(head)
    elif lines[0] in ("true", "false"):
        out = lines
    else:
        out = sorted(" ".join(term(t) for t in TERM.findall(r)) for r in lines)
    for r in out:
        print(r)


main()
