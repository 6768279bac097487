#!/usr/bin/python3
"""Reads the generated HTML and DOCX back with independent parsers (html.parser, ElementTree)
and checks that the figures of tables requests and review_litigation, in print order, are the
truth's (after NFKC for full-width digits; w:del text dropped, w:ins kept; spans expanded).
Run by hand after regenerating: /usr/bin/python3 corpus/tools/check_renders.py
"""
import html.parser
import os
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

import render_docx
import render_html
import truthlib as T

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def truth_values(t):
    return [v for k, v in t["figures"].items() if not k.startswith("proactive")]


def read_back(grids):
    """Figures of requests (rows 3.. of the 10-column grids, last 7 columns) and review_litigation
    (last row of the 15-column grid), from grids given as lists of rows of cell texts."""
    vals = []
    for rows in grids:
        if rows and len(rows[-1]) == 10:
            # Header rows hold words (自然人, 商業企業, 申 请 人 …) where data rows hold figures.
            vals += [x for r in rows if not re.search(r"[\u4e00-\u9fff]", re.sub("[件元万增减]", "", "".join(r[3:])))
                     for x in r[3:]]
    for rows in grids:
        if rows and len(rows[-1]) == 15:
            vals += rows[-1]
    return [unicodedata.normalize("NFKC", v) for v in vals]


class HtmlTables(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.stack, self.cell = [], [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.stack.append([])
        elif tag == "tr" and self.stack:
            self.stack[-1].append([])
        elif tag == "td":
            self.cell = ["", int(a.get("rowspan", 1)), int(a.get("colspan", 1))]
            self.stack[-1][-1].append(self.cell)

    def handle_endtag(self, tag):
        if tag == "table":
            rows = self.stack.pop()
            self.tables.append(expand_html(rows))
        elif tag == "td":
            self.cell = None

    def handle_data(self, d):
        if self.cell is not None:
            self.cell[0] += d


def expand_html(rows):
    g = {}
    for r, row in enumerate(rows):
        c = 0
        for text, rs, cs in row:
            while (r, c) in g:
                c += 1
            for dr in range(rs):
                for dc in range(cs):
                    g[(r + dr, c + dc)] = text.replace("\xa0", " ").strip()
            c += cs
    if not g:
        return []
    nr, nc = max(r for r, _ in g) + 1, max(c for _, c in g) + 1
    return [[g.get((r, c), "") for c in range(nc)] for r in range(nr)]


def check_html():
    bad = 0
    for name, case, opts, _ in render_html.DOCUMENTS:
        t = T.load(case)
        data = open(os.path.join(render_html.OUT, name), "rb").read()
        codec = {"utf-8": "utf-8", "gbk-nodecl": "gbk", "gb18030-meta": "gb18030", "gb2312-gbk": "gbk"}[opts.get("encoding", "utf-8")]
        p = HtmlTables()
        p.feed(data.decode(codec))
        if read_back(p.tables) != truth_values(t):
            bad += 1
            print("MISMATCH", name)
    return bad


def check_docx():
    bad = 0
    for name, case, _, _ in render_docx.DOCUMENTS:
        t = T.load(case)
        root = ET.fromstring(zipfile.ZipFile(os.path.join(render_docx.OUT, name)).read("word/document.xml"))
        grids = []
        for tbl in root.iter(W + "tbl"):
            if any(tc.find(W + "tbl") is not None for tc in tbl.iter(W + "tc")):
                continue  # an outer layout table
            rows = []
            for tr in tbl.findall(W + "tr"):
                row = []
                for tc in tr.findall(W + "tc"):
                    pr = tc.find(W + "tcPr")
                    span = int(pr.find(W + "gridSpan").get(W + "val")) if pr.find(W + "gridSpan") is not None else 1
                    vm = pr.find(W + "vMerge")
                    cont = vm is not None and vm.get(W + "val") != "restart"
                    text = "".join(n.text or "" for n in tc.iter(W + "t")).strip()  # w:delText is not w:t
                    row += ["^" if cont else text] * span
                rows.append(row)
            grids.append(rows)
        if read_back(grids) != truth_values(t):
            bad += 1
            print("MISMATCH", name)
    return bad


if __name__ == "__main__":
    bad = check_html() + check_docx()
    print(f"{len(render_html.DOCUMENTS)} HTML and {len(render_docx.DOCUMENTS)} DOCX read back; {bad} mismatching")
    raise SystemExit(1 if bad else 0)
