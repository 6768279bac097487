#!/usr/bin/env python3
"""Writes the hostile corpus of issue 17 into a folder: the broken and pathological inputs a nightly
job over thousands of web sites meets, each with what `xxgk` must make of it.

  python3 corpus/tools/hostile_corpus.py OUT_DIR

OUT_DIR/docs/ receives the documents; OUT_DIR/manifest.json lists them, one entry per file the walk
of OUT_DIR/docs meets:

  {"name": "<file name, hex of its bytes>", "case": "...", "what": "...",
   "status": ["ok"], "code": "too_large", "format": "html", "read": true}

`status` the statuses allowed, `code` the error code required (when set), `format` the
source.format required (when set), `read` false for a path the audit cannot read at all (a FIFO, a
dangling link: reported as not readable, never stored). tests/hostile_corpus_test.py runs
`xxgk extract` and `xxgk audit` over the folder with their time and memory limits asserted.

Standard library only (python3 without pip packages); the seeds are documents of corpus/. Runs in
about a second and writes about 40 MB (plus a 2 GB sparse file that takes no room).
"""
import io
import json
import os
import random
import stat
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
ROOT = os.path.dirname(CORPUS)

SEED_TXT = os.path.join(CORPUS, "txt", "000_c2afdc98611f7d7b.txt")  # 新春街道 2024, every figure 0
SEED_HTML = os.path.join(CORPUS, "html", "xinchun-2024.fullwidth-spaced.html")
SEED_PDF = os.path.join(CORPUS, "pdf", "xinchun-2024.html.pdf")
SEED_DOCX = os.path.join(CORPUS, "docx", "xinchun-2024.docx")
MANY_PAGES_PDF = os.path.join(ROOT, "tests", "pdf_fixtures", "many-pages.pdf")  # 301 pages

READ = ["ok", "flagged", "partial"]  # read, whatever it holds
ANY = ["ok", "flagged", "partial", "failed"]  # no crash, no hang: that is all a case asks


def read(path):
    with open(path, "rb") as f:
        return f.read()


class Corpus:
    def __init__(self, out):
        self.docs = os.path.join(out, "docs").encode()
        self.out = out
        os.makedirs(self.docs, exist_ok=True)
        self.entries = []

    def add(self, name, case, what, status, code=None, fmt=None, read=True):
        if isinstance(name, str):
            name = name.encode()
        e = {"name": name.hex(), "case": case, "what": what, "status": status, "read": read}
        if code:
            e["code"] = code
        if fmt:
            e["format"] = fmt
        self.entries.append(e)
        return os.path.join(self.docs, name)

    def write(self, name, data, case, what, status, code=None, fmt=None):
        path = self.add(name, case, what, status, code, fmt)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def finish(self):
        self.entries.sort(key=lambda e: bytes.fromhex(e["name"]))
        with open(os.path.join(self.out, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump(self.entries, f, ensure_ascii=False, indent=1)
            f.write("\n")


def with_overview(seed, extra):
    """The seed report with `extra` (bytes) as a paragraph of its part 一."""
    at = seed.index("一、总体情况\n".encode()) + len("一、总体情况\n".encode())
    return seed[:at] + extra + b"\n\n" + seed[at:]


def cjk_run(n_chars, rng):
    """n_chars of running Chinese and digits without any punctuation (a PDF's text run on)."""
    words = ["政府信息公开", "申请", "本机关", "年度", "办理", "行政复议", "工作", "情况", "依法", "受理"]
    out, size = [], 0
    while size < n_chars:
        w = rng.choice(words) + str(rng.randrange(1, 99999))
        out.append(w)
        size += len(w)
    return "".join(out)[:n_chars]


def zip_bytes(entries, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in entries:
            z.writestr(name, data)
    return buf.getvalue()


def zip_bomb_docx():
    """A DOCX whose document.xml unpacks to 100 MB of spaces from about 100 KB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", read_zip_entry(SEED_DOCX, "[Content_Types].xml"))
        z.writestr("_rels/.rels", read_zip_entry(SEED_DOCX, "_rels/.rels"))
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            chunk = b" " * (1 << 20)
            for _ in range(100):
                f.write(chunk)
            f.write(b"</w:body></w:document>")
    return buf.getvalue()


def read_zip_entry(path, name):
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def main(out):
    rng = random.Random(17)
    c = Corpus(out)
    seed = read(SEED_TXT)
    html = read(SEED_HTML)
    pdf = read(SEED_PDF)
    docx = read(SEED_DOCX)

    # --- text without punctuation, huge paragraphs and lines (text.vs_table and the table path) ---
    c.write("long-line-no-punctuation.txt", with_overview(seed, cjk_run(100_000, rng).encode()), "long_line",
            "a 100 000-character paragraph without punctuation in part 一 (was ~54 s)", ["ok"])
    c.write("digits-spaced-20k.txt", with_overview(seed, b"12345 " * 3333), "digits_spaced",
            "'12345 ' 3 333 times in part 一 (was 6-8 s)", ["ok"])
    big = b""
    while len(big) < 1 << 20:
        big += ("2024年" + cjk_run(200, rng) + "；" + cjk_run(80, rng) + "。").encode()
    c.write("narrative-1mb.txt", with_overview(seed, big), "narrative_1mb",
            "1 MB of narrative in part 一", ["ok"])
    c.write("one-line-2mb.txt", ("政府信息公开" * ((2 << 20) // 18)).encode(),
            "one_line_huge", "2 MB of text on one line, no newline, no table", ["partial", "failed"])
    # 1 MB of digits inside a proactive header cell (the table path, was ~12 s).
    cell = b"1" * (1 << 20)
    c.write("proactive-header-digits.txt", seed.replace("\t本年制发件数\n".encode(), b"\t" + cell + b"\n", 1),
            "header_digits", "1 MB of digits in place of the header 本年制发件数", READ)
    # Deep nesting and many tags.
    c.write("deep-nesting.html", b"<html><body>" + b"<div>" * 200_000 + html + b"</div>" * 200_000 + b"</body></html>",
            "deep_nesting", "the report inside 200 000 nested <div>", ANY)
    rows = b"".join(b"<tr><td>%d</td><td>%d</td></tr>" % (i, i) for i in range(100_000))
    c.write("table-100k-rows.html", html.replace(b"</body>", b"<table>" + rows + b"</table></body>", 1),
            "big_table", "the report and a table of 100 000 rows (about 3 MB)", ANY)

    # --- bytes that are not what they say ---
    at = seed.index("一、总体情况".encode()) + 200
    at = seed.index("。".encode(), at)  # between two characters
    c.write("bad-utf8-one-byte.txt", seed[:at] + b"\xff" + seed[at:], "bad_utf8_one",
            "one invalid byte in an otherwise good UTF-8 report", ["ok"], fmt="txt")
    bad = html
    for k in range(3):
        p = bad.index("。".encode(), len(bad) // 3 + 500 * k)
        bad = bad[:p] + b"\xc3\x28" + bad[p:]
    c.write("bad-utf8-three.html", bad, "bad_utf8_few", "three invalid sequences in a UTF-8 page", READ, fmt="html")
    c.write("binary.txt", bytes(rng.randrange(256) for _ in range(65536)), "binary_txt",
            "64 KB of random bytes named .txt", ["failed"])
    c.write("empty.txt", b"", "empty", "an empty file", ["failed"], code="empty")
    c.write("html-named.docx", html, "html_as_docx", "an HTML report named .docx", ["ok"], fmt="html")
    # Every file holds other bytes (the audit stores equal bytes once): another year, a comment.
    c.write("text-named.pdf", seed.replace("2024年".encode(), "2021年".encode()), "text_as_pdf",
            "a text report named .pdf", ["ok"], fmt="txt")
    c.write("html-named.pdf", html + b"\n<!-- html-named.pdf -->\n", "html_as_pdf", "an HTML report named .pdf",
            ["ok"], fmt="html")

    # --- broken containers ---
    c.write("truncated.pdf", pdf[: len(pdf) // 2], "truncated_pdf", "the first half of a PDF report", ANY)
    flipped = bytearray(pdf)
    for i in range(len(flipped) // 4, len(flipped) // 2, 997):
        flipped[i] ^= 0xFF
    c.write("corrupt.pdf", bytes(flipped), "corrupt_pdf", "a PDF report with bytes flipped in its middle", ANY)
    c.write("not-a-pdf.pdf", b"%PDF-1.7\nthis is not a PDF\n", "fake_pdf", "a PDF header and nothing else", ["failed"])
    c.write("many-pages.pdf", read(MANY_PAGES_PDF), "page_cap", "a PDF of 301 pages (the cap is 300)", ["partial"],
            code="too_many_pages")
    c.write("truncated.docx", docx[: len(docx) // 2], "truncated_docx", "the first half of a DOCX report", ["failed"])
    c.write("zip-bomb.docx", zip_bomb_docx(), "zip_bomb", "document.xml unpacks to 100 MB from ~100 KB", ["failed"],
            code="zip_bomb")
    c.write("not-a-zip.docx", b"PK\x03\x04" + b"\0" * 100, "fake_docx", "a zip signature and zeros", ["failed"])
    c.write("garbage.doc", bytes(rng.randrange(256) for _ in range(4096)), "garbage_doc", "random bytes named .doc",
            ["failed"])

    # --- names and file kinds ---
    c.write(b"caf\xe9-latin1-name.txt", seed, "name_not_utf8", "a name that is not UTF-8 (é in Latin-1)", ["ok"])
    c.write(b"two\nlines-name.txt", seed.replace("2024年".encode(), "2023年".encode()), "name_newline",
            "a name holding a newline (the 2023 report, so not the same bytes)", ["ok"])
    path = c.add("sparse-2gb.pdf", "sparse_big", "a 2 GB sparse file: refused by its size at once", ["failed"],
                 code="too_large")
    with open(path, "wb") as f:
        f.truncate(2 << 30)
    path = c.add("fifo.txt", "fifo", "a FIFO named .txt: reported, never opened (it would block)", ["failed"],
                 code="not_a_file", read=False)
    os.mkfifo(path)
    path = c.add("dangling-link.pdf", "dangling_link", "a symbolic link to nothing", ["failed"], code="not_found",
                 read=False)
    os.symlink(b"/nonexistent/xxgk-hostile.pdf", path)
    path = c.write("unreadable.txt", seed.replace("2024年".encode(), "2022年".encode()), "unreadable",
                   "a file without read permission (root reads it anyway)",
                   ["ok"] if os.geteuid() == 0 else ["failed"])
    os.chmod(path, 0)
    if os.geteuid() != 0:
        c.entries[-1]["code"] = "unreadable"
        c.entries[-1]["read"] = False
    c.finish()
    return c.entries


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    entries = main(sys.argv[1])
    print(f"{len(entries)} files in {os.path.join(sys.argv[1], 'docs')}")
