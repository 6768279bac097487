#!/usr/bin/python3
"""Renders truth files to PDF through LibreOffice (a real PDF producer), from our DOCX (page
size, orientation, fonts, column widths, repeated header rows, -N- page-number footers) or from
our HTML pages (LibreOffice's HTML import). Also writes the DOC of corpus/doc/.

LibreOffice stamps creation dates and a time-based /ID into each PDF: they are overwritten with
fixed values of the same length, so the xref offsets stay valid and the same truth gives the same
bytes run to run (as far as LibreOffice's layout is deterministic; regenerate only on purpose).

Needs libreoffice-writer-nogui and the fonts named below (fonts-noto-cjk, fonts-wqy-zenhei,
fonts-arphic-uming). Run by hand: /usr/bin/python3 corpus/tools/render_pdf.py
"""
import hashlib
import os
import re
import shutil
import subprocess
import tempfile

import render_docx
import render_html
import truthlib as T

OUT = os.path.join(T.CORPUS, "pdf")
DOC_OUT = os.path.join(T.CORPUS, "doc")

# (file name, case, source format, options, layout note)
DOCUMENTS = [
    ("huaian-city-2024.pdf", "huaian-city-2024", "docx", {"font": "Noto Serif CJK SC"},
     "A4, Noto Serif CJK, requests table broken across pages without a repeated header, -N- page numbers"),
    ("huaian-city-2024.repeat-header.pdf", "huaian-city-2024", "docx",
     {"font": "Noto Serif CJK SC", "repeat_header": True},
     "requests table broken across pages with its three header rows repeated"),
    ("huaian-city-2024.landscape.pdf", "huaian-city-2024", "docx", {"font": "Noto Sans CJK SC", "landscape": True},
     "landscape pages, Noto Sans CJK"),
    ("huaian-city-2024.narrow.pdf", "huaian-city-2024", "docx",
     {"font": "Noto Serif CJK SC", "narrow": True, "label_size": 21},
     "narrow columns: labels and headers wrap (商业企 / 业)"),
    ("huaian-city-2024-mixed.wqy.pdf", "huaian-city-2024-mixed", "docx", {"font": "WenQuanYi Zen Hei"},
     "mixed template (single （六）其他处理 row), WenQuanYi Zen Hei"),
    ("huaian-city-2024-text-mismatch.html.pdf", "huaian-city-2024-text-mismatch", "html", {"page": "word", "container": "zoom"},
     "from the Word-export HTML page through LibreOffice's HTML import; text says 行政复议134件"),
    ("huaian-city-2024-blank-orgs.pdf", "huaian-city-2024-blank-orgs", "docx", {"font": "AR PL UMing CN"},
     "two organisation columns blank, AR PL UMing"),
    ("shanghai-office-2019.pdf", "shanghai-office-2019", "docx", {"font": "Noto Serif CJK SC"},
     "2019 format as published (blanks)"),
    ("shanghai-office-2019-change.landscape.pdf", "shanghai-office-2019-change", "docx",
     {"font": "AR PL UMing CN", "landscape": True, "repeat_header": True},
     "2019 format with 减4/增3 changes, landscape, AR PL UMing"),
    ("testcity-2025.uming.pdf", "testcity-2025", "docx", {"font": "AR PL UMing CN"}, "AR PL UMing"),
    ("testcity-2025-balance-broken.pdf", "testcity-2025-balance-broken", "docx", {"font": "WenQuanYi Zen Hei", "narrow": True},
     "planted balance break, narrow columns, WenQuanYi Zen Hei"),
    ("testcity-2025-row-total-broken.html.pdf", "testcity-2025-row-total-broken", "html", {},
     "from the clean HTML page; planted row total break"),
    ("xinchun-2024.html.pdf", "xinchun-2024", "html", {"page": "word", "container": "TRS_Editor"},
     "zeros, from the Word-export HTML page"),
    ("xinchun-2024-review-broken.pdf", "xinchun-2024-review-broken", "docx", {"font": "Noto Sans CJK SC"},
     "行政复议 10/1/0/0 with 总计 0"),
    ("testcity-2025-split-title.pdf", "testcity-2025-split-title", "docx", {"font": "Noto Serif CJK SC"},
     "title over two centred lines (测试市2025年 / 政府信息公开工作年度报告); variant headings of parts four and five"),
]


def soffice(src, outdir, target, infilter=None):
    cmd = ["soffice", "--headless"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    cmd += ["--convert-to", target, "--outdir", outdir, src]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)


def fix_pdf(data, seed):
    """Same-length replacements for LibreOffice's timestamps, time-based /ID and /DocChecksum."""
    data = re.sub(rb"\(D:\d{14}", b"(D:20250120090000", data)
    digest = hashlib.md5(seed.encode()).hexdigest().upper().encode()
    data = re.sub(rb"(/ID \[\s*<)([0-9A-Fa-f]{32})(>\s*<)([0-9A-Fa-f]{32})(>)",
                  lambda m: m.group(1) + digest + m.group(3) + digest + m.group(5), data)
    data = re.sub(rb"(/DocChecksum /)([0-9A-Fa-f]{32})", lambda m: m.group(1) + digest, data)
    return data


def render(name, case, fmt, opts, tmp):
    truth = T.load(case)
    stem = os.path.splitext(name)[0]
    if fmt == "docx":
        src = os.path.join(tmp, stem + ".docx")
        render_docx.docx_bytes(truth, opts, src)
        soffice(src, tmp, "pdf:writer_pdf_Export")
    else:
        src = os.path.join(tmp, stem + ".html")
        with open(src, "wb") as f:
            f.write(render_html.page(truth, opts))
        soffice(src, tmp, "pdf:writer_pdf_Export", infilter="HTML (StarWriter)")
    with open(os.path.join(tmp, stem + ".pdf"), "rb") as f:
        return fix_pdf(f.read(), name)


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, case, fmt, opts, note in DOCUMENTS:
            path = os.path.join(OUT, name)
            if not os.path.exists(path):  # LibreOffice output is regenerated only on purpose
                data = render(name, case, fmt, opts, tmp)
                with open(path, "wb") as f:
                    f.write(data)
                print("wrote", path)
            rows.append((f"corpus/pdf/{name}", case, note))
        # The DOC twin of a DOCX, through LibreOffice's Word 97 filter.
        os.makedirs(DOC_OUT, exist_ok=True)
        doc = os.path.join(DOC_OUT, "huaian-city-2024.doc")
        if not os.path.exists(doc):
            src = os.path.join(tmp, "huaian-city-2024.docx")
            shutil.copy(os.path.join(render_docx.OUT, "huaian-city-2024.docx"), src)
            soffice(src, tmp, "doc:MS Word 97")
            shutil.copy(os.path.join(tmp, "huaian-city-2024.doc"), doc)
            print("wrote", doc)
    # PDFs this script does not make (a real report added by hand) keep their manifest rows.
    mine = {r[0] for r in rows}
    with open(T.MANIFEST, encoding="utf-8") as f:
        for line in f.read().splitlines()[1:]:
            r = tuple(line.split("\t"))
            if r[0].startswith("corpus/pdf/") and r[0] not in mine:
                rows.append(r)
    T.update_manifest("pdf", rows)
    T.update_manifest("doc", [("corpus/doc/huaian-city-2024.doc", "huaian-city-2024",
                               "DOC made by LibreOffice (MS Word 97 filter) from docx/huaian-city-2024.docx")])


if __name__ == "__main__":
    main()
