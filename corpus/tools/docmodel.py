"""A report as printed, independent of the file format: blocks of paragraphs and tables whose
cells carry text and row/column spans, laid out the way real reports lay out the three tables.

Every renderer (HTML, DOCX, and PDF/scans through them) serialises this model; the layout
variations that do not depend on the format (numbering styles, label typos, spaces inside labels,
full-width digits, merged or flattened label cells) are options here.
"""
import re
import subprocess

import truthlib as T


class Cell:
    def __init__(self, text, rowspan=1, colspan=1, header=False, label=False):
        self.text, self.rowspan, self.colspan = text, rowspan, colspan
        self.header, self.label = header, label


class Table:
    def __init__(self, name, rows, header_rows):
        self.name = name            # proactive | requests | review_litigation
        self.rows = rows            # list of lists of Cell (spanned positions omitted)
        self.header_rows = header_rows

    def ncols(self):
        return sum(c.colspan for c in self.rows[0]) if self.rows else 0


# Options (all optional; defaults give the official layout):
#   numbering: "dot" 1. | "dunhao" 1、 | "fullstop" 1． | "paren" （1） | "none" (level 3 dropped,
#              level 1 and 2 enumerators dropped too)
#   typos: {printed label fragment: replacement}
#   spaced: True → 总 计, 自 然 人 … (spaces inside short labels)
#   fullwidth: True → digits in figure cells full-width
#   flatten: True → no rowspan on label cells: the merged label printed once, the cells below blank
DEFAULTS = {"numbering": "dot", "typos": {}, "spaced": False, "fullwidth": False, "flatten": False}

_FW = str.maketrans("0123456789.", "０１２３４５６７８９．")
_LEVEL3 = re.compile(r"^(\d+)\.(.*)$")


def _opt(opts):
    o = dict(DEFAULTS)
    o.update(opts or {})
    return o


def label_text(text, o):
    if text is None:
        return None
    m = _LEVEL3.match(text)
    if m:
        n, rest = m.groups()
        text = {"dot": f"{n}.{rest}", "dunhao": f"{n}、{rest}", "fullstop": f"{n}．{rest}",
                "paren": f"（{n}）{rest}", "none": rest}[o["numbering"]]
    elif o["numbering"] == "none":
        text = re.sub(r"^(?:[一二三四五六七]、|（[一二三四五六七]）)", "", text)
    for a, b in o["typos"].items():
        text = text.replace(a, b)
    if o["spaced"] and len(text) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", text):
        text = " ".join(text)
    return text


def value_text(raw, o):
    return raw.translate(_FW) if o["fullwidth"] else raw


def proactive_table(truth, o):
    f = truth["figures"]
    rows = []
    v = lambda k: Cell(value_text(f[f"proactive.{k}"], o))
    lab = lambda s, **kw: Cell(label_text(s, o), label=True, **kw)
    hdr = lambda s, **kw: Cell(label_text(s, o), header=True, **kw)
    if truth["template"] == "2019":
        R, C = T.PRO_ROW_LABELS_2019, T.PRO_COL_LABELS_2019
        rows.append([hdr("第二十条第（一）项", colspan=4)])
        rows.append([hdr("信息内容"), hdr(C["made"]), hdr(C["published"]), hdr(C["published_total"])])
        for r in ("regulations", "normative_documents"):
            rows.append([lab(R[r])] + [v(f"{r}.{c}") for c in ("made", "published", "published_total")])
        for item, group in (("第二十条第（五）项", ("licensing", "other_services")),
                            ("第二十条第（六）项", ("penalty", "coercion"))):
            rows.append([hdr(item, colspan=4)])
            rows.append([hdr("信息内容"), hdr(C["previous_items"]), hdr(C["change"]), hdr(C["decisions"])])
            for r in group:
                rows.append([lab(R[r])] + [v(f"{r}.{c}") for c in ("previous_items", "change", "decisions")])
        rows.append([hdr("第二十条第（八）项", colspan=4)])
        rows.append([hdr("信息内容"), hdr(C["previous_items"]), hdr(C["change"], colspan=2)])
        rows.append([lab(R["fees"]), v("fees.previous_items"), Cell(value_text(f["proactive.fees.change"], o), colspan=2)])
        rows.append([hdr("第二十条第（九）项", colspan=4)])
        rows.append([hdr("信息内容"), hdr(C["procurement_items"]), hdr(C["procurement_amount"], colspan=2)])
        rows.append([lab(R["procurement"]), v("procurement.procurement_items"),
                     Cell(value_text(f["proactive.procurement.procurement_amount"], o), colspan=2)])
        return Table("proactive", rows, 0)
    R, C = T.PRO_ROW_LABELS, T.PRO_COL_LABELS
    rows.append([hdr("第二十条第（一）项", colspan=4)])
    rows.append([hdr("信息内容"), hdr(C["issued"]), hdr(C["repealed"]), hdr(C["in_force"])])
    for r in ("regulations", "normative_documents"):
        rows.append([lab(R[r])] + [v(f"{r}.{c}") for c in ("issued", "repealed", "in_force")])
    for item, group, col in (("第二十条第（五）项", ("licensing",), "decisions"),
                             ("第二十条第（六）项", ("penalty", "coercion"), "decisions"),
                             ("第二十条第（八）项", ("fees",), "amount")):
        rows.append([hdr(item, colspan=4)])
        rows.append([hdr("信息内容"), hdr(C[col], colspan=3)])
        for r in group:
            rows.append([lab(R[r]), Cell(value_text(f[f"proactive.{r}.{col}"], o), colspan=3)])
    return Table("proactive", rows, 0)


def requests_table(truth, o):
    f = truth["figures"]
    single = T.single_other(truth["template"])
    layout = T.request_layout(single)
    lab = lambda s, **kw: Cell(label_text(s, o), label=True, **kw)
    hdr = lambda s, **kw: Cell(label_text(s, o), header=True, **kw)
    rows = [[hdr("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3),
             hdr("申请人情况", colspan=7)],
            [hdr("自然人", rowspan=2), hdr("法人或其他组织", colspan=5), hdr("总计", rowspan=2)],
            [hdr(T.REQ_COL_LABELS[c]) for c in T.REQ_COLS[1:6]]]
    if o["flatten"]:
        # No vertical merges: the header's merged cells become blanks, as some CMS tables do.
        rows = [[hdr("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", colspan=3),
                 hdr("申请人情况", colspan=7)],
                [hdr("", colspan=3), hdr("自然人"), hdr("法人或其他组织", colspan=5), hdr("总计")],
                [hdr("", colspan=3), hdr("")] + [hdr(T.REQ_COL_LABELS[c]) for c in T.REQ_COLS[1:6]] + [hdr("")]]
    # Count how many rows each level-1 / level-2 label covers, for the rowspans.
    span1, span2 = {}, {}
    for rid, l1, l2, l3 in layout:
        span1[l1] = span1.get(l1, 0) + 1
        if l3 is not None:
            span2[l2] = span2.get(l2, 0) + 1
    seen1, seen2 = set(), set()
    for rid, l1, l2, l3 in layout:
        cells = []
        if l2 is None:
            cells.append(lab(l1, colspan=3))
        else:
            if l1 not in seen1:
                seen1.add(l1)
                cells.append(lab(l1, rowspan=1 if o["flatten"] else span1[l1]))
            elif o["flatten"]:
                cells.append(lab(""))
            if l3 is None:
                cells.append(lab(l2, colspan=2))
            else:
                if l2 not in seen2:
                    seen2.add(l2)
                    cells.append(lab(l2, rowspan=1 if o["flatten"] else span2[l2]))
                elif o["flatten"]:
                    cells.append(lab(""))
                cells.append(lab(l3))
        cells += [Cell(value_text(f[f"requests.{rid}.{c}"], o)) for c in T.REQ_COLS]
        rows.append(cells)
    return Table("requests", rows, 3)


def review_table(truth, o):
    f = truth["figures"]
    hdr = lambda s, **kw: Cell(label_text(s, o), header=True, **kw)
    labels = [T.RL_COL_LABELS[c] for c in T.RL_COLS]
    rows = [[hdr("行政复议", colspan=5), hdr("行政诉讼", colspan=10)],
            [hdr(x, rowspan=2) for x in labels] + [hdr("未经复议直接起诉", colspan=5), hdr("复议后起诉", colspan=5)],
            [hdr(x) for x in labels] + [hdr(x) for x in labels],
            [Cell(value_text(f[f"review_litigation.{r}.{c}"], o)) for r in T.RL_ROWS for c in T.RL_COLS]]
    return Table("review_litigation", rows, 3)


def blocks(truth, opts=None):
    """The report as a list of (kind, payload): ("title", text) ("p", text) ("heading", text)
    ("table", Table)."""
    o = _opt(opts)
    out = [("title", line) for line in T.body_title(truth)]
    out += [("p", p) for p in truth["preamble"]]
    tables = {"proactive": proactive_table, "requests": requests_table, "review_litigation": review_table}
    for key in T.SECTION_KEYS:
        out.append(("heading", T.heading(truth, key)))
        out += [("p", p) for p in truth["sections"][key]]
        if key in tables:
            if key in truth.get("omitted_tables", []):
                out.append(("image", key))
            else:
                out.append(("table", tables[key](truth, o)))
    return out


def to_traditional(text):
    """Simplified → traditional with ICU's transliterator (Debian icu-devtools' uconv)."""
    r = subprocess.run(["uconv", "-x", "Simplified-Traditional"], input=text.encode("utf-8"),
                       capture_output=True, check=True)
    return r.stdout.decode("utf-8")


def expand(table):
    """The table as a full grid (spans expanded), checking every row has the same width; used to
    check the layouts and to read figures back in tests of the generator."""
    grid = {}
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    assert (r + dr, c + dc) not in grid, (table.name, r, c)
                    grid[(r + dr, c + dc)] = cell
            c += cell.colspan
    width = table.ncols()
    for r in range(len(table.rows)):
        cols = [c for (rr, c) in grid if rr == r]
        assert sorted(cols) == list(range(width)), (table.name, r, sorted(cols), width)
    return grid, len(table.rows), width
