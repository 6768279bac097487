#!/usr/bin/python3
"""Renders truth files to DOCX with our own OOXML writer (zipfile; no python-docx), the way Word
and WPS save agencies' reports: merged cells as w:gridSpan / w:vMerge restart+continue, and on
request a table split by a page break, tracked changes (w:ins / w:del), content controls
(w:sdt), fields (w:fldSimple and complex fields showing their results), nested tables.

Deterministic: fixed zip entry times and order, fixed document properties.
Run by hand: /usr/bin/python3 corpus/tools/render_docx.py  (writes corpus/docx/ and the manifest)
"""
import os
import re
import zipfile
from xml.sax.saxutils import escape

import docmodel as D
import truthlib as T

OUT = os.path.join(T.CORPUS, "docx")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FIXED_TIME = (2025, 1, 20, 9, 0, 0)
DATE = "2025-01-20T09:00:00Z"


def rpr(font="仿宋_GB2312", size=32, bold=False):
    b = "<w:b/>" if bold else ""
    return (f'<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{font}"/>'
            f'{b}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>')


def run(text, **kw):
    return f'<w:r>{rpr(**kw)}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


class Ctx:
    """Per-document switches and counters (revision ids must be unique)."""
    def __init__(self, opts):
        self.opts = opts
        self.rev = 0
        self.sdt = 0

    def next_rev(self):
        self.rev += 1
        return self.rev


def para(text, ctx, jc=None, indent=True, bold=False, font="仿宋_GB2312", size=32, page_break_before=False):
    ppr = "<w:pPr>"
    if page_break_before:
        ppr += "<w:pageBreakBefore/>"
    ppr += '<w:spacing w:line="560" w:lineRule="exact"/>'
    if indent:
        ppr += '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    ppr += "</w:pPr>"
    return f"<w:p>{ppr}{run(text, font=font, size=size, bold=bold)}</w:p>"


def tracked_para(text, ctx, old):
    """A paragraph whose final text is `text`, saved with tracked changes from an older draft:
    the old phrase deleted (w:del, dropped in the truth) and the new one inserted (w:ins, kept)."""
    i = text.find(old[1])
    a, b = text[:i], text[i + len(old[1]):]
    r1, r2 = ctx.next_rev(), ctx.next_rev()
    return ('<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>'
            + run(a)
            + f'<w:del w:id="{r1}" w:author="办公室" w:date="{DATE}"><w:r>{rpr()}<w:delText>{escape(old[0])}</w:delText></w:r></w:del>'
            + f'<w:ins w:id="{r2}" w:author="办公室" w:date="{DATE}">{run(old[1])}</w:ins>'
            + run(b) + "</w:p>")


def cell_content(c, ctx, pos):
    """The runs of one cell, with the document's special markup where its options ask for it."""
    o = ctx.opts
    text = c.text
    kw = dict(font="宋体", size=o.get("label_size", 18) if (c.label or c.header) else 18)
    if not text:
        return ""
    if not c.label and not c.header:
        key = pos
        if key in o.get("tracked_cells", {}):
            old = o["tracked_cells"][key]
            r1, r2 = ctx.next_rev(), ctx.next_rev()
            return (f'<w:del w:id="{r1}" w:author="办公室" w:date="{DATE}"><w:r>{rpr(**kw)}<w:delText>{escape(old)}'
                    f'</w:delText></w:r></w:del><w:ins w:id="{r2}" w:author="办公室" w:date="{DATE}">{run(text, **kw)}</w:ins>')
        if key in o.get("simple_fields", set()):
            return f'<w:fldSimple w:instr=" =SUM(LEFT) ">{run(text, **kw)}</w:fldSimple>'
        if key in o.get("complex_fields", set()):
            return (f'<w:r>{rpr(**kw)}<w:fldChar w:fldCharType="begin"/></w:r>'
                    f'<w:r>{rpr(**kw)}<w:instrText xml:space="preserve"> =SUM(ABOVE) </w:instrText></w:r>'
                    f'<w:r>{rpr(**kw)}<w:fldChar w:fldCharType="separate"/></w:r>{run(text, **kw)}'
                    f'<w:r>{rpr(**kw)}<w:fldChar w:fldCharType="end"/></w:r>')
        if o.get("sdt_cells") and key[1] % 2 == 0:
            ctx.sdt += 1
            return (f'<w:sdt><w:sdtPr><w:id w:val="{1000 + ctx.sdt}"/><w:text/></w:sdtPr>'
                    f'<w:sdtContent>{run(text, **kw)}</w:sdtContent></w:sdt>')
    return run(text, **kw)


def table_xml(t, ctx, rows=None, first_row=0):
    """One w:tbl for rows [first_row, first_row+len(rows)) of table t, spans as gridSpan/vMerge.
    A vertical merge that began above first_row restarts here (as Word does when a table is split)."""
    grid, nrows, width = D.expand(t)
    rows = range(nrows) if rows is None else rows
    widths = {"proactive": [2400] + [2140] * 3, "requests": [900] * 3 + [877] * 7,
              "review_litigation": [589] * 15}[t.name]
    if ctx.opts.get("narrow") and t.name == "requests":
        # Narrow columns: labels wrap over many lines, 商业企业 wraps as 商业企 / 业.
        widths = [620] * 3 + [870] * 7
    if ctx.opts.get("landscape"):
        widths = [int(w * 1.55) for w in widths]
    out = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/><w:tblBorders>'
           + "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                     for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
           + '</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
           + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"]
    for r in rows:
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if (r < t.header_rows and ctx.opts.get("repeat_header")) else ""
        out.append(f"<w:tr>{trpr}")
        c = 0
        while c < width:
            cell = grid[(r, c)]
            # top-left corner of this cell
            r0 = min(rr for (rr, cc), x in grid.items() if x is cell)
            c0 = min(cc for (rr, cc), x in grid.items() if x is cell)
            span = cell.colspan
            tcpr = f'<w:tcW w:w="{sum(widths[c:c + span])}" w:type="dxa"/>'
            if span > 1:
                tcpr += f'<w:gridSpan w:val="{span}"/>'
            starts_here = r0 == r or r == rows[0]
            if cell.rowspan > 1:
                tcpr += '<w:vMerge w:val="restart"/>' if starts_here else "<w:vMerge/>"
            tcpr += '<w:vAlign w:val="center"/>'
            content = cell_content(cell, ctx, (t.name, r, c0)) if r0 == r else ""
            jc = "left" if cell.label else "center"
            out.append(f'<w:tc><w:tcPr>{tcpr}</w:tcPr><w:p><w:pPr><w:jc w:val="{jc}"/></w:pPr>{content}</w:p></w:tc>')
            c += span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def body_xml(truth, opts):
    ctx = Ctx(opts)
    parts = []
    tracked_text = opts.get("tracked_text")
    for kind, x in D.blocks(truth, opts):
        if kind == "title":
            parts.append(para(x, ctx, jc="center", indent=False, font="方正小标宋简体", size=44))
        elif kind == "heading":
            parts.append(para(x, ctx, font="黑体"))
        elif kind == "p":
            if tracked_text and tracked_text[1] in x:
                parts.append(tracked_para(x, ctx, tracked_text))
            elif opts.get("sdt_paragraphs") and x.startswith("（"):
                ctx.sdt += 1
                parts.append(f'<w:sdt><w:sdtPr><w:id w:val="{2000 + ctx.sdt}"/><w:alias w:val="正文"/></w:sdtPr>'
                             f"<w:sdtContent>{para(x, ctx)}</w:sdtContent></w:sdt>")
            else:
                parts.append(para(x, ctx))
        elif kind == "table":
            if x.name == "requests" and opts.get("split_requests"):
                # The table broken in two by a page break paragraph; the second part has no header.
                n = len(x.rows)
                cut = opts["split_requests"]
                parts.append(table_xml(x, ctx, range(0, cut)))
                parts.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
                parts.append(table_xml(x, ctx, range(cut, n)))
            elif opts.get("nested"):
                parts.append('<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid><w:gridCol w:w="9000"/>'
                             f'</w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>{table_xml(x, ctx)}'
                             "<w:p/></w:tc></w:tr></w:tbl>")
            else:
                parts.append(table_xml(x, ctx))
    landscape = opts.get("landscape")
    pg = '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' if landscape else '<w:pgSz w:w="11906" w:h="16838"/>'
    sect = (f'<w:sectPr><w:footerReference w:type="default" r:id="rId2"/>{pg}'
            '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1247" w:gutter="0"/>'
            "</w:sectPr>")
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
           f"<w:body>{''.join(parts)}{sect}</w:body></w:document>")
    if opts.get("traditional"):
        xml = D.to_traditional(xml)
    if opts.get("font"):
        xml = re.sub(r'w:eastAsia="[^"]*"', f'w:eastAsia="{opts["font"]}"', xml)
    return xml


FOOTER = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{W_NS}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
          '<w:r><w:t>-</w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t>-</w:t></w:r></w:p></w:ftr>')
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                 '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
                 '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
                 '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
                 '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
                 "</Types>")
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>")
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
            "</Relationships>")
STYLES = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>'
          '<w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman"/><w:kern w:val="2"/>'
          '<w:sz w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:widowControl w:val="0"/>'
          '<w:jc w:val="both"/></w:pPr></w:style></w:styles>')


def core(title):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(title)}</dc:title><dc:creator>办公室</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{DATE}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{DATE}</dcterms:modified></cp:coreProperties>')


APP = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/'
       'officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application></Properties>')


def docx_bytes(truth, opts, path):
    entries = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
               ("word/document.xml", body_xml(truth, opts)), ("word/_rels/document.xml.rels", DOC_RELS),
               ("word/styles.xml", STYLES), ("word/footer1.xml", FOOTER),
               ("docProps/core.xml", core(truth["title"])), ("docProps/app.xml", APP)]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8"))


# Cells are addressed (table, grid row, grid col) in the table's expanded grid (header rows count).
DOCUMENTS = [
    ("huaian-city-2024.docx", "huaian-city-2024", {}, "merged label cells (gridSpan, vMerge restart/continue)"),
    ("huaian-city-2024.split.docx", "huaian-city-2024", {"split_requests": 14},
     "table requests split in two by a page break, the second part without header; the merged 三、 label restarts"),
    ("huaian-city-2024-mixed.nested.docx", "huaian-city-2024-mixed", {"nested": True},
     "mixed template; each table nested in an outer one-cell table"),
    ("huaian-city-2024-text-mismatch.docx", "huaian-city-2024-text-mismatch", {"repeat_header": True},
     "text says 行政复议134件, table 351; header rows marked to repeat"),
    ("testcity-2025.tracked.docx", "testcity-2025",
     {"tracked_cells": {("requests", 3, 3): "13621", ("requests", 4, 9): "56", ("requests", 26, 9): "13801"},
      "tracked_text": ("全市各级", "全市各级行政机关")},
     "tracked changes: older figures deleted (w:del) and final ones inserted (w:ins), also in the narrative"),
    ("testcity-2025.sdt-fields.docx", "testcity-2025",
     {"sdt_cells": True, "sdt_paragraphs": True,
      "simple_fields": {("requests", 3, 9), ("requests", 4, 9), ("requests", 5, 9)},
      "complex_fields": {("requests", 26, 3), ("requests", 26, 4), ("requests", 26, 9)}},
     "content controls around cells and paragraphs; totals as SUM fields (fldSimple and complex) showing their results"),
    ("testcity-2025-balance-broken.docx", "testcity-2025-balance-broken", {"landscape": True},
     "planted balance break; landscape section"),
    ("shanghai-office-2019.docx", "shanghai-office-2019", {}, "2019 format as published (blank cells)"),
    ("shanghai-office-2019-change.docx", "shanghai-office-2019-change", {"numbering": "dunhao"},
     "2019 format, change column 减4/增3/-4/+3, numbering 1、"),
    ("xinchun-2024.docx", "xinchun-2024", {"typos": {"其他法律行政法规禁止公开": "其他法律行政止公开"}},
     "all zeros; label typo 其他法律行政止公开"),
    ("testcity-2025-split-title.docx", "testcity-2025-split-title", {},
     "title over two centred paragraphs (测试市2025年 / 政府信息公开工作年度报告); variant headings of parts four and five"),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = []
    for name, case, opts, note in DOCUMENTS:
        path = os.path.join(OUT, name)
        tmp = path + ".tmp"
        docx_bytes(T.load(case), opts, tmp)
        if os.path.exists(path) and open(path, "rb").read() == open(tmp, "rb").read():
            os.remove(tmp)
        else:
            os.replace(tmp, path)
            print("wrote", path)
        rows.append((f"corpus/docx/{name}", case, note))
    T.update_manifest("docx", rows)


if __name__ == "__main__":
    main()
