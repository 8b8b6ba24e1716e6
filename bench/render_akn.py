#!/usr/bin/env python3
"""Render an Akoma Ntoso General Assembly resolution as PDF extraction gives it.

Usage: render_akn.py [options] FILE.xml [-o OUT]

Turns one AKN4UN resolution (the UN's Akoma Ntoso XML, Chinese first) into
the text that extracting the printed resolution from its PDF gives, so that
unkg's text reader can be checked against the XML reader on the same
resolution (bench/text_vs_xml).  Standard library only.

What is printed, in the order of the printed resolution:
  - optionally the official first-page header block (联合国 / A/RES/75/277 /
    大会 / Distr.: General / 21 May 2021);
  - the cover lines (session, agenda item, its name, "… 大会决议", the report
    or draft line), in the order of the <coverPage>;
  - "75/277. 标题" (preface), and for a multi-part resolution the part letter
    and title of each part;
  - 大会， (formula), the preambular paragraphs, the numbered operative
    paragraphs "1. …", their sub-items "(a) …", "㈠ …", section headings,
    unnumbered paragraphs and tables;
  - the closing lines (meeting and date, in either order);
  - annexes, each from a new page;
  - footnote markers in the text (superscript digits) and the notes' texts at
    the foot of the page where their marker falls;
  - running heads (the symbol) and footers ("2/5 20-17289 (C)") at page
    breaks, hard wraps at about 38 CJK characters (Latin words are not split),
    and the space that extraction puts between Han and Latin letters or digits
    ("2022 年 12 月 7 日"), sometimes missing.

Layout choices are drawn from --seed (page length, spacing, header block,
order of the closing lines, missing spaces ...) unless a flag fixes them:
the same file and seed always give the same text.

--html writes the same pages (same line and page breaks) as HTML and CSS for
A4, with the header block, bold leads and footnotes at the page foot, to be
printed to PDF by headless Chromium (bench/render_pdf.sh).
"""
import argparse
import hashlib
import html
import random
import re
import sys
import xml.etree.ElementTree as ET

SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

# ---- parsing ------------------------------------------------------------------


def load(path):
    tree = ET.parse(path)
    root = tree.getroot()
    for el in root.iter():
        if isinstance(el.tag, str) and "}" in el.tag:
            el.tag = el.tag.split("}", 1)[1]
        for k in list(el.attrib):
            if "}" in k:
                el.attrib[k.split("}", 1)[1]] = el.attrib.pop(k)
    return root


def kids(el, *names):
    return [c for c in el if c.tag in names] if names else list(el)


def child(el, name):
    for c in el:
        if c.tag == name:
            return c
    return None


def find(el, tag, **attrs):
    for c in el.iter(tag):
        if all(c.get(k) == v for k, v in attrs.items()):
            return c
    return None


# ---- inline content: a list of atoms -------------------------------------------
# ("c", char, bold)       a character of text
# ("m", marker, note)     a footnote marker; note is the Note it refers to


class Note:
    def __init__(self, marker, atoms):
        self.marker = marker
        self.atoms = atoms


class Block:
    """One printed paragraph: a cover line, a heading, a paragraph, an item."""

    def __init__(self, kind, atoms, label="", gap=1.0, indent=0, align="left",
                 new_page=False, cont=False):
        self.kind = kind          # cover, title, part, formula, pp, op, item, text, closing, table, annex
        self.atoms = atoms
        self.label = label        # "1." "(a)" printed before the text
        self.gap = gap            # space before, in lines
        self.indent = indent      # item depth
        self.align = align
        self.new_page = new_page
        self.cont = cont          # the paragraph goes on in the next block (a table's rows)


def text_atoms(s, bold=False):
    return [("c", ch, bold) for ch in s]


def inline(el, notes, bold=False, out=None):
    """The atoms of el's content.  Notes are collected in notes."""
    out = [] if out is None else out
    if el.text:
        out.extend(text_atoms(el.text, bold))
    for c in el:
        tag = c.tag
        if tag == "authorialNote":
            body = []
            for p in c:
                if body:
                    body.append(("c", " ", False))
                inline(p, notes, False, body)
            if not len(c) and c.text:
                body.extend(text_atoms(c.text))
            note = Note(c.get("marker") or str(len(notes) + 1), clean(body))
            notes.append(note)
            out.append(("m", note.marker, note))
        elif tag in ("eol", "br"):
            out.append(("c", " ", bold))
        elif tag in ("img",):
            pass
        elif tag == "span" and re.search(r"bold|italic", c.get("class", "")):
            inline(c, notes, True, out)
        elif tag in ("p", "td", "th", "tr"):
            out.append(("c", " ", bold))
            inline(c, notes, bold, out)
        else:
            inline(c, notes, bold, out)
        if c.tail:
            out.extend(text_atoms(c.tail, bold))
    return out


def clean(atoms):
    """Whitespace collapsed to one space, none at either end; a bold space
    between two plain characters is plain."""
    out = []
    for a in atoms:
        if a[0] == "c" and a[1].isspace() or (a[0] == "c" and a[1] in "\u200b\u200e\u200f\ufeff"):
            if a[1] in "\u200b\u200e\u200f\ufeff":
                continue
            if out and not (out[-1][0] == "c" and out[-1][1] == " "):
                out.append(("c", " ", False))
            continue
        out.append(a)
    while out and out[-1][0] == "c" and out[-1][1] == " ":
        out.pop()
    while out and out[0][0] == "c" and out[0][1] == " ":
        out.pop(0)
    return out


def plain(atoms):
    return "".join(a[1] for a in atoms if a[0] == "c")


# ---- the document model ---------------------------------------------------------


class Doc:
    def __init__(self):
        self.symbol = ""
        self.header = {}          # publisher, symbol, body, status, date
        self.blocks = []
        self.notes = []
        self.title = ""
        self.adopted = ""


def is_header_p(p):
    for c in p.iter():
        if c.tag in ("docAuthority", "docStatus", "img"):
            return True
        if c.tag == "docNumber" and c.get("refersTo") == "#symbol":
            return True
        if c.tag == "docDate" and c.get("refersTo") == "#dateOfIssuance":
            return True
    return False


def read_cover(doc, cover, rng):
    for p in cover:
        if is_header_p(p):
            for c in p.iter():
                if c.tag == "docAuthority":
                    key = "body" if c.get("refersTo") == "#issuingBody" else "publisher"
                    doc.header[key] = (c.text or "").strip()
                elif c.tag == "docNumber":
                    doc.header["symbol"] = (c.text or "").strip()
                elif c.tag == "docStatus":
                    doc.header["status"] = (c.text or "").strip()
                elif c.tag == "docDate":
                    doc.header["date"] = (c.text or "").strip()
            continue
        atoms = clean(inline(p, doc.notes))
        if atoms:
            doc.blocks.append(Block("cover", atoms, gap=1.0))
    doc.symbol = doc.header.get("symbol", "")


def read_preface(doc, pref, part):
    num = find(pref, "docNumber")
    title = find(pref, "docTitle")
    n = clean(inline(num, doc.notes)) if num is not None else []
    t = clean(inline(title, doc.notes)) if title is not None else []
    if part:
        if n:
            doc.blocks.append(Block("part", n, gap=1.5, align="center"))
        if t:
            doc.blocks.append(Block("title", t, gap=0.5, align="center"))
    else:
        # A part issued on its own (A/RES/75/290 B): the resolution's number
        # and title, then the part's letter and its title, if the file has one.
        titles = [clean(inline(x, doc.notes)) for x in pref.iter("docTitle")]
        t = titles[0] if titles else []
        if not doc.title:
            doc.title = plain(t)
        atoms = n + ([("c", " ", False)] if n and t else []) + t
        if atoms:
            doc.blocks.append(Block("title", atoms, gap=1.5))
        m = re.search(r"/\d+ ?([A-Z])$", doc.symbol)
        if m and not re.search(r"\b%s\.?$" % m.group(1), plain(n)):
            doc.blocks.append(Block("part", text_atoms(m.group(1)), gap=1.5, align="center"))
        for t in titles[1:]:
            if t:
                doc.blocks.append(Block("title", t, gap=0.5, align="center"))


def ps_atoms(el, notes):
    """The text of every p under el (content, intro, container), joined."""
    out = []
    for c in el:
        if c.tag in ("p", "subheading", "heading"):
            if out:
                out.append(("c", " ", False))
            inline(c, notes, False, out)
        elif c.tag in ("content", "intro", "blockContainer", "wrapUp"):
            sub = ps_atoms(c, notes)
            if out and sub:
                out.append(("c", " ", False))
            out.extend(sub)
    return clean(out)


def table_blocks(doc, table, kind="table"):
    """A table's rows, a line each (cells two spaces apart), as one printed
    paragraph: no gap between rows, as on the page, and the XML reader
    holds the whole table as one paragraph."""
    first = len(doc.blocks)
    grid = Grid()
    for tr in table.iter("tr"):
        cells = []
        row = []
        for td in tr:
            if td.tag in ("td", "th"):
                a = clean(inline(td, doc.notes))
                try:
                    span = max(1, int(td.get("colspan", "1")))
                except ValueError:
                    span = 1
                row.append((a, span))
                if a:
                    if cells:
                        cells.extend(text_atoms("  "))
                    cells.extend(a)
        if cells:
            b = Block(kind, cells, gap=1.0 if len(doc.blocks) == first else 0.0, cont=True)
            b.row, b.grid = row, grid
            grid.add(row)
            doc.blocks.append(b)
    if len(doc.blocks) > first:
        doc.blocks[-1].cont = False


class Grid:
    """A table's columns, for the HTML: as the UN prints a table, in ruled
    columns, each as wide as its widest cell allows."""

    def __init__(self):
        self.widths = []

    def add(self, row):
        col = 0
        for a, span in row:
            w = min(sum(width(x) for x in a), 24.0) / span if a else 0.0
            for k in range(col, col + span):
                while len(self.widths) <= k:
                    self.widths.append(1.0)
                self.widths[k] = max(self.widths[k], w)
            col += span

    def percents(self, col, span):
        total = sum(self.widths) or 1.0
        return 100.0 * sum(self.widths[col:col + span]) / total


def read_points(doc, lst, depth):
    for c in lst:
        if c.tag in ("point", "item"):
            num = child(c, "num")
            label = plain(clean(inline(num, doc.notes))) if num is not None else ""
            atoms = ps_atoms(c, doc.notes)
            doc.blocks.append(Block("item", atoms, label=label, indent=depth, gap=1.0))
            for s in c:
                if s.tag in ("list", "sublist", "blockList"):
                    read_points(doc, s, depth + 1)
                elif s.tag == "point":
                    read_points(doc, [s], depth + 1)
        elif c.tag in ("list", "sublist"):
            read_points(doc, c, depth + 1)
        elif c.tag == "intro":
            pass
        elif c.tag == "wrapUp":
            a = ps_atoms(c, doc.notes)
            if a:
                doc.blocks.append(Block("text", a, gap=1.0))


def read_paragraph(doc, par, annex):
    num = child(par, "num")
    label = plain(clean(inline(num, doc.notes))) if num is not None else ""
    lst = child(par, "list")
    if lst is not None:
        intro = child(lst, "intro")
        atoms = ps_atoms(intro, doc.notes) if intro is not None else []
    else:
        atoms = []
        for c in par:
            if c.tag == "content":
                for d in c:
                    if d.tag == "table":
                        if atoms:
                            doc.blocks.append(Block("op" if label and not annex else "text", atoms,
                                                    label=label, gap=1.0))
                            atoms, label = [], ""
                        table_blocks(doc, d)
                    elif d.tag in ("p", "subheading", "heading", "blockContainer"):
                        if atoms:
                            atoms.append(("c", " ", False))
                        atoms.extend(ps_atoms(d, doc.notes) if d.tag == "blockContainer"
                                     else clean(inline(d, doc.notes)))
                atoms = clean(atoms)
            elif c.tag in ("subheading", "heading"):
                doc.blocks.append(Block("text", clean(inline(c, doc.notes)), gap=1.0))
    kind = "annex" if annex else ("op" if re.match(r"^\s*\d+\.?\s*$", label or "") else "text")
    if label and not re.match(r"^\s*\d+\.?\s*$", label):
        kind = "item"
    if atoms or label:
        doc.blocks.append(Block(kind, atoms, label=label, gap=1.0))
    if lst is not None:
        read_points(doc, lst, 1)


def read_body(doc, body, annex, pre=None):
    """The paragraphs, sections and containers of body, in the order the
    markup has them; pre is the number of the section body is (a section's
    headings and crossHeadings are printed where they stand among its
    paragraphs: 76/240 has them after).  A mainBody may hold them too,
    outside any section (76/246 in every language)."""
    for c in body:
        if c.tag in ("heading", "subheading"):
            atoms = clean(inline(c, doc.notes))
            if pre:
                atoms = text_atoms(pre + " ") + atoms
                pre = ""
            doc.blocks.append(Block("text", atoms, gap=1.2))
        elif c.tag == "crossHeading":
            doc.blocks.append(Block("pp" if not annex else "annex",
                                    clean(inline(c, doc.notes)), gap=1.0))
        elif c.tag == "paragraph":
            read_paragraph(doc, c, annex)
        elif c.tag in ("section", "chapter", "part", "division", "subsection"):
            num = child(c, "num")
            read_body(doc, c, annex, plain(clean(inline(num, doc.notes))) if num is not None else "")
        elif c.tag in ("container", "blockContainer"):
            a = ps_atoms(c, doc.notes)
            if a:
                doc.blocks.append(Block("annex" if annex else "text", a, gap=1.0))
            for t in kids(c, "table"):
                table_blocks(doc, t, "annex" if annex else "text")
        elif c.tag == "p":
            a = clean(inline(c, doc.notes))
            if a:
                doc.blocks.append(Block("annex" if annex else "text", a, gap=1.0))
        elif c.tag in ("blockList", "list"):
            read_points(doc, c, 1)
        elif c.tag == "table":
            table_blocks(doc, c)


def read_preamble(doc, pre, annex=False):
    for c in pre:
        if c.tag == "formula":
            doc.blocks.append(Block("formula", ps_atoms(c, doc.notes), gap=1.0))
        elif c.tag == "container":
            doc.blocks.append(Block("annex" if annex else "pp", ps_atoms(c, doc.notes), gap=1.0))
        elif c.tag == "crossHeading":
            doc.blocks.append(Block("pp", clean(inline(c, doc.notes)), gap=1.0))
        elif c.tag in ("blockList", "list"):
            read_points(doc, c, 1)
        elif c.tag == "p":
            a = clean(inline(c, doc.notes))
            if a:
                doc.blocks.append(Block("annex" if annex else "pp", a, gap=1.0))


def read_conclusions(doc, conc, rng, order):
    if conc is None:
        return
    meeting = find(conc, "inline", name="adoptionMeeting")
    date = find(conc, "docDate")
    lines = []
    if meeting is not None:
        lines.append(clean(inline(meeting, doc.notes)))
    if date is not None:
        lines.append(clean(inline(date, doc.notes)))
    if order == "date-first":
        lines.reverse()
    if not lines:
        a = clean(inline(conc, doc.notes))
        lines = [a] if a else []
    for i, a in enumerate(lines):
        doc.blocks.append(Block("closing", a, gap=1.5 if i == 0 else 0.0))


def read_statement(doc, st, part, rng, order):
    pref = child(st, "preface")
    if pref is not None:
        read_preface(doc, pref, part)
    for c in st:
        if c.tag == "preamble":
            read_preamble(doc, c)
        elif c.tag == "mainBody":
            read_body(doc, c, False)
    read_conclusions(doc, child(st, "conclusions"), rng, order)
    att = child(st, "attachments")
    for a in (att if att is not None else []):
        d = child(a, "doc") if a.tag == "attachment" else None
        if d is None:
            continue
        first = len(doc.blocks)
        for c in d:
            if c.tag == "preface":
                for p in c:
                    at = clean(inline(p, doc.notes))
                    if at:
                        doc.blocks.append(Block("annex", at, gap=1.0, align="center"))
            elif c.tag == "preamble":
                read_preamble(doc, c, annex=True)
            elif c.tag == "mainBody":
                read_body(doc, c, True)
        # The printed annex opens with its heading (附件, 附件一 …); some files
        # leave it out of the markup.
        heads = [plain(b.atoms) for b in doc.blocks[first:first + 2]]
        if not any(re.match(r"^\s*(附\s*件|Annex|ANNEX|附\s*录|Appendix)", h) for h in heads):
            doc.blocks.insert(first, Block("annex", text_atoms("附件"), gap=1.0, align="center"))
        if len(doc.blocks) > first:
            doc.blocks[first].new_page = True


def read_doc(path, rng, order):
    root = load(path)
    doc = Doc()
    top = None
    for c in root:
        if c.tag in ("statement", "documentCollection"):
            top = c
            break
    if top is None:
        raise SystemExit("%s: not an Akoma Ntoso resolution" % path)
    cover = child(top, "coverPage")
    if cover is not None:
        read_cover(doc, cover, rng)
    if top.tag == "statement":
        read_statement(doc, top, False, rng, order)
    else:
        pref = child(top, "preface")
        if pref is not None:
            read_preface(doc, pref, False)
        comps = child(root, "components")
        for comp in (comps if comps is not None else []):
            st = child(comp, "statement")
            if st is not None:
                read_statement(doc, st, True, rng, order)
        read_conclusions(doc, child(top, "conclusions"), rng, order)
    for el in root.iter("FRBRdate"):
        if el.get("name") == "adoption":
            doc.adopted = el.get("date", "")
            break
    return doc


# ---- what extraction does to the text ------------------------------------------


def is_han(ch):
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def is_wide(ch):
    o = ord(ch)
    return (is_han(ch) or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2010 <= o <= 0x206F
            or 0x3200 <= o <= 0x32FF or 0x2E80 <= o <= 0x2FFF or 0x3040 <= o <= 0x30FF)


def han_spacing(atoms, rng, miss):
    """A space between a Han character and a Latin letter or digit (either
    order), as extraction from the PDF gives it; each one is left out with
    probability miss."""
    out = []
    for a in atoms:
        if out and a[0] == "c" and out[-1][0] == "c":
            x, y = out[-1][1], a[1]
            if ((is_han(x) and y.isascii() and y.isalnum()) or
                    (x.isascii() and x.isalnum() and is_han(y))):
                if rng.random() >= miss:
                    out.append(("c", " ", False))
        out.append(a)
    return out


CLOSE = set("，。、；：？！）》」』”’〕】…,.;:!?)]%％")
OPEN = set("（《「『“‘〔【([")


def width(a):
    if a[0] == "m":
        return 0.35 * len(a[1])
    return 1.0 if is_wide(a[1]) else 0.55


def units(atoms):
    """Unbreakable units: a run of Latin (non-space ASCII) characters, a wide
    character with the closing punctuation and markers after it and the
    opening punctuation before it; spaces are units of their own."""
    out = []
    cur = []
    pending_open = []

    def flush():
        nonlocal cur
        if cur:
            out.append(cur)
        cur = []

    for a in atoms:
        if a[0] == "m":
            cur.append(a)
            continue
        ch = a[1]
        if ch == " ":
            flush()
            out.append([a])
            continue
        if ch in CLOSE and cur:
            cur.append(a)
            continue
        if ch.isascii() and cur and cur[-1][0] == "c" and cur[-1][1].isascii() and cur[-1][1] != " ":
            cur.append(a)  # a Latin word, number or symbol is never split: 690(1991)
            continue
        if ch in OPEN:
            if cur and not (cur[-1][0] == "c" and cur[-1][1] in OPEN):
                flush()
            cur.append(a)
            continue
        latin = not is_wide(ch)
        if cur and latin and all(x[0] == "m" or (not is_wide(x[1])) or x[1] in OPEN for x in cur) \
                and not (cur[-1][0] == "c" and cur[-1][1] in CLOSE and is_wide(cur[-1][1])):
            cur.append(a)
            continue
        if cur and all(x[0] == "c" and x[1] in OPEN for x in cur):
            cur.append(a)
            continue
        flush()
        cur.append(a)
    flush()
    return out


def wrap(atoms, first_width, width_rest):
    """Lines (lists of atoms) of at most the width, breaking between units."""
    lines = []
    line = []
    w = 0.0
    limit = first_width
    for u in units(atoms):
        uw = sum(width(a) for a in u)
        if u[0][1] == " " and u[0][0] == "c":
            if not line:
                continue
        if line and w + uw > limit + 1e-9:
            while line and line[-1][0] == "c" and line[-1][1] == " ":
                line.pop()
            lines.append(line)
            line, w, limit = [], 0.0, width_rest
            if u[0][0] == "c" and u[0][1] == " ":
                continue
        line.extend(u)
        w += uw
    while line and line[-1][0] == "c" and line[-1][1] == " ":
        line.pop()
    if line or not lines:
        lines.append(line)
    return lines


# ---- layout ---------------------------------------------------------------------


class Line:
    def __init__(self, atoms, block, first, last, prefix=""):
        self.atoms = atoms
        self.block = block
        self.first = first
        self.last = last
        self.prefix = prefix


class Page:
    def __init__(self):
        self.lines = []       # Line, or a number: a gap of so many lines
        self.notes = []       # (Note, [lines of atoms])


class Options:
    pass


def choose(args, rng):
    """The layout choices: flags first, the seed for the rest."""
    o = Options()
    o.width = args.width or rng.choice([36, 37, 38, 38, 39, 40])
    o.page_lines = args.page_lines or rng.randint(40, 48)
    o.spacing = args.spacing or rng.choice(["blank", "blank", "double"])
    o.header = {"yes": True, "no": False}.get(args.header, rng.random() < 0.5)
    o.header_style = rng.choice(["lines", "pairs"])
    o.letterspaced = rng.random() < 0.4
    o.closing = args.closing or rng.choice(["date-first", "date-first", "meeting-first"])
    o.miss = args.miss_space if args.miss_space is not None else rng.choice([0.0, 0.0, 0.05, 0.3])
    o.running_title = rng.random() < 0.3
    o.barcode = rng.random() < 0.5
    # Double spacing hides where a paragraph ends: the first-line indent,
    # which extraction keeps as a leading space, is then always there.
    o.indent = o.spacing == "double" or rng.random() < 0.5
    o.cap_first = None
    if args.html:
        # The pages of write_html: 40 lines of 17 pt from 24 mm down to the
        # footer, 35 on the first page under the header block.
        o.page_lines, o.cap_first, o.header = 40, 35, True
    return o


def job_number(path, doc):
    m = re.search(r"-(\d{2})(\d{5})C", path)
    if m:
        return "%s-%s" % m.groups()
    yy = (doc.adopted or "2020")[2:4]
    h = int(hashlib.sha1((doc.symbol or path).encode()).hexdigest(), 16) % 100000
    return "%s-%05d" % (yy, h)


def paginate(doc, o, rng):
    pages = [Page()]
    used = 0.0
    cap_first = o.cap_first or o.page_lines - (10 if o.header else 4)
    cap = cap_first
    note_w = o.width + 6
    for b in doc.blocks:
        if b.new_page and (pages[-1].lines or pages[-1].notes):
            pages.append(Page())
            used, cap = 0.0, o.page_lines
        label = b.label.strip()
        atoms = b.atoms
        if label:
            atoms = text_atoms(label) + [("c", " ", False)] + atoms
        indent = 2 * b.indent if b.kind == "item" else 0
        lines = wrap(atoms, o.width - indent, o.width)
        for i, la in enumerate(lines):
            gap = b.gap if i == 0 else 0.0
            notes = []
            for a in la:
                if a[0] == "m":
                    body = [("m", a[2].marker, a[2]), ("c", " ", False)] + a[2].atoms
                    notes.append((a[2], wrap(body, note_w, note_w)))
            need = 1.0 + (gap if pages[-1].lines else 0.0) + sum(0.8 * len(n[1]) for n in notes) \
                + (0.5 if notes and not pages[-1].notes else 0.0)
            if pages[-1].lines and used + need > cap:
                pages.append(Page())
                used, cap = 0.0, o.page_lines
                need -= gap
            if pages[-1].lines and gap:
                pages[-1].lines.append(gap)
            pages[-1].lines.append(Line(la, b, i == 0, i == len(lines) - 1))
            pages[-1].notes.extend(notes)
            used += need
    return pages


# ---- writers --------------------------------------------------------------------


def line_text(atoms, bold, sup=True):
    out = []
    inbold = False
    for a in atoms:
        if a[0] == "m":
            if inbold:
                out.append("**")
                inbold = False
            out.append(a[1].translate(SUP) if sup else a[1])
            continue
        b = bold and a[2] and a[1] != " "
        if b != inbold and not (a[1] == " " and inbold):
            out.append("**")
            inbold = b
        out.append(a[1])
    if inbold:
        out.append("**")
    s = "".join(out)
    return s.replace("** **", " ").replace("****", "")


def spaced(s, on):
    return " ".join(s) if on else s


def write_text(doc, pages, o, args, job):
    out = []
    total = len(pages)

    def blank():
        if out and out[-1] != "":
            out.append("")

    for n, page in enumerate(pages, 1):
        if n == 1:
            if o.header:
                h = doc.header
                pub = spaced(h.get("publisher", "联合国"), o.letterspaced)
                body = spaced(h.get("body", "大会"), o.letterspaced)
                if o.header_style == "lines":
                    out.extend([pub, doc.symbol, body, h.get("status", "Distr.: General"),
                                h.get("date", "")])
                else:
                    out.extend(["%s %s" % (pub, doc.symbol),
                                "%s %s" % (body, h.get("status", "Distr.: General")),
                                h.get("date", "")])
                out.append("")
            else:
                out.extend(["", "", ""])
        else:
            out.append(doc.symbol)
            if o.running_title and doc.title:
                out.append(doc.title)
            out.append("")
        for ln in page.lines:
            if not isinstance(ln, Line):
                blank()
                continue
            s = line_text(ln.atoms, args.bold)
            b = ln.block
            if ln.first and (b.kind == "item" or (o.indent and b.kind in ("pp", "op"))):
                s = " " + s
            if o.spacing == "double":
                out.append(s + (" " if ln.last and not b.cont else ""))
                out.append("")
            else:
                out.append(s)
        if page.notes:
            blank()
            for note, lines in page.notes:
                for la in lines:
                    out.append(line_text(la, False))
                if o.spacing != "none":
                    out.append("")
        blank()
        if n == 1:
            out.append("%s (C)" % job)
            if o.barcode:
                out.append("*%s*" % job.replace("-", ""))
        elif n % 2 == 0:
            out.append("%d/%d %s" % (n, total, job))
        else:
            out.append("%s %d/%d" % (job, n, total))
        if n < total:
            out.extend(["", ""])
    if o.spacing == "none":
        out = [x for x in out if x != ""]
    return "\n".join(out).rstrip("\n") + "\n"


CSS = """
@page { size: A4; margin: 0; }
html, body { margin: 0; padding: 0; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 11pt; }
.page { position: relative; width: 210mm; height: 297mm; overflow: hidden;
        page-break-after: always; break-after: page; }
.page:last-child { page-break-after: auto; break-after: auto; }
.head { position: absolute; top: 14mm; left: 31mm; right: 31mm; font-size: 9pt;
        border-bottom: 0.5pt solid #000; padding-bottom: 1mm; }
.head.odd { text-align: right; }
.hdr { position: absolute; top: 12mm; left: 20mm; right: 20mm; height: 34mm;
       border-bottom: 2pt solid #000; }
.hdr .pub { position: absolute; left: 0; top: 0; font-size: 14pt; letter-spacing: 0.5em; }
.hdr .sym { position: absolute; right: 0; top: 0; font-size: 16pt; font-family: "Noto Sans CJK SC", sans-serif; }
.hdr .bod { position: absolute; left: 14mm; top: 12mm; font-size: 26pt; font-weight: bold; letter-spacing: 0.6em; }
.hdr .dist { position: absolute; right: 0; top: 14mm; font-size: 9pt; text-align: left;
             font-family: "Noto Sans CJK SC", sans-serif; line-height: 1.4; }
.body { position: absolute; left: 31mm; width: WIDTHem; }
.l { height: LHpt; line-height: LHpt; white-space: nowrap; }
.l.j { text-align: justify; text-align-last: justify; }
.l.c { text-align: center; }
.notes { position: absolute; left: 31mm; width: NWem; bottom: 26mm; font-size: 9pt; }
.notes .rule { width: 30mm; border-top: 0.5pt solid #000; margin-bottom: 2pt; }
.n { line-height: 12pt; height: 12pt; white-space: nowrap; }
.n.j { text-align: justify; text-align-last: justify; }
sup { font-size: 65%; vertical-align: 0.5em; line-height: 0; }
.foot { position: absolute; bottom: 14mm; left: 31mm; right: 31mm; font-size: 8pt;
        font-family: "Noto Sans CJK SC", sans-serif; }
.foot.odd { text-align: right; }
.code { position: absolute; bottom: 8mm; left: 31mm; font-size: 8pt; }
b { font-weight: bold; }
table.t { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 9pt;
          line-height: 12pt; }
table.t td { border: 0.5pt solid #000; padding: 0 3pt; vertical-align: top; }
"""


def html_line(atoms):
    out = []
    inbold = False
    for a in atoms:
        if a[0] == "m":
            if inbold:
                out.append("</b>")
                inbold = False
            out.append("<sup>%s</sup>" % html.escape(a[1]))
            continue
        if a[2] != inbold:
            out.append("<b>" if a[2] else "</b>")
            inbold = a[2]
        out.append(html.escape(a[1]))
    if inbold:
        out.append("</b>")
    return "".join(out)


def html_row(b, height):
    cells, col = [], 0
    for a, span in b.row:
        cells.append('<td%s style="width:%.1f%%">%s</td>'
                     % (' colspan="%d"' % span if span > 1 else "", b.grid.percents(col, span),
                        html_line(a)))
        col += span
    return ('<table class="t" style="min-height:%.1fpt"><tr>%s</tr></table>'
            % (height, "".join(cells)))


def line_fill(atoms):
    return sum(width(a) for a in atoms)


def write_html(doc, pages, o, job):
    lh = 17.0
    css = (CSS.replace("WIDTHem", "%.1fem" % o.width).replace("LHpt", "%.1fpt" % lh)
           .replace("NWem", "%.1fem" % (o.width + 6)))
    out = ['<!DOCTYPE html>', '<html lang="zh-Hans"><head><meta charset="utf-8">',
           '<title>%s</title>' % html.escape(doc.symbol), '<style>%s</style></head><body>' % css]
    total = len(pages)
    for n, page in enumerate(pages, 1):
        out.append('<div class="page">')
        if n == 1:
            h = doc.header
            out.append('<div class="hdr"><div class="pub">%s</div><div class="sym">%s</div>'
                       '<div class="bod">%s</div><div class="dist">%s<br>%s</div></div>'
                       % (html.escape(h.get("publisher", "联合国")), html.escape(doc.symbol),
                          html.escape(h.get("body", "大会")),
                          html.escape(h.get("status", "Distr.: General")),
                          html.escape(h.get("date", ""))))
            top = 54
        else:
            out.append('<div class="head%s">%s</div>' % (" odd" if n % 2 else "", html.escape(doc.symbol)))
            top = 24
        out.append('<div class="body" style="top:%dmm">' % top)
        for ln in page.lines:
            if not isinstance(ln, Line):
                out.append('<div class="gap" style="height:%.1fpt"></div>' % (ln * lh))
                continue
            cls = "l"
            b = ln.block
            if getattr(b, "row", None) is not None:
                # A table's row, in ruled columns; the lines the text
                # writer gave it are the row's height.
                if ln.first:
                    n_lines = sum(1 for x in page.lines if isinstance(x, Line) and x.block is b)
                    out.append(html_row(b, n_lines * lh))
                continue
            if b.align == "center":
                cls += " c"
            elif not ln.last and line_fill(ln.atoms) >= o.width - 3:
                cls += " j"
            style = ""
            if b.kind == "item" and ln.first:
                style = ' style="padding-left:%dem"' % (2 * b.indent)
            out.append('<div class="%s"%s>%s</div>' % (cls, style, html_line(ln.atoms)))
        out.append('</div>')
        if page.notes:
            out.append('<div class="notes"><div class="rule"></div>')
            for note, lines in page.notes:
                for i, la in enumerate(lines):
                    cls = "n j" if i < len(lines) - 1 else "n"
                    out.append('<div class="%s">%s</div>' % (cls, html_line(la)))
            out.append('</div>')
        if n == 1:
            out.append('<div class="foot">%s (C)</div>' % job)
            out.append('<div class="code">*%s*</div>' % job.replace("-", ""))
        elif n % 2 == 0:
            out.append('<div class="foot">%d/%d %s</div>' % (n, total, job))
        else:
            out.append('<div class="foot odd">%s %d/%d</div>' % (job, n, total))
        out.append('</div>')
    out.append('</body></html>')
    return "\n".join(out) + "\n"


def render(path, args):
    rng = random.Random("%s|%d" % (re.sub(r".*/", "", path), args.seed))
    o = choose(args, rng)
    doc = read_doc(path, rng, o.closing)
    for b in doc.blocks:
        b.atoms = han_spacing(b.atoms, rng, o.miss)
    for note in doc.notes:
        note.atoms = han_spacing(note.atoms, rng, o.miss)
    pages = paginate(doc, o, rng)
    job = job_number(path, doc)
    if args.html:
        return write_html(doc, pages, o, job)
    return write_text(doc, pages, o, args, job)


def parser():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file", help="an Akoma Ntoso resolution (.xml)")
    ap.add_argument("-o", "--output", help="write here instead of stdout")
    ap.add_argument("--seed", type=int, default=0, help="layout seed (default 0)")
    ap.add_argument("--bold", action="store_true", help="**bold** leads (Markdown-like extraction)")
    ap.add_argument("--html", action="store_true", help="HTML and CSS for A4, to print to PDF")
    ap.add_argument("--width", type=int, help="line width in CJK characters (default: 36-40 by seed)")
    ap.add_argument("--page-lines", type=int, help="lines per page (default: 40-48 by seed)")
    ap.add_argument("--spacing", choices=["blank", "double", "none"],
                    help="blank line between paragraphs, blank line after every line, or none")
    ap.add_argument("--header", choices=["yes", "no"], help="official first-page header block")
    ap.add_argument("--closing", choices=["date-first", "meeting-first"], help="order of the closing lines")
    ap.add_argument("--miss-space", type=float, help="probability that a Han/Latin space is missing")
    return ap


def main(argv=None):
    args = parser().parse_args(argv)
    text = render(args.file, args)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
