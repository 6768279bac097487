#!/usr/bin/python3
"""Makes scanned twins of corpus PDFs the way agencies make them: print, stamp, scan. Each page
is rasterized (pdftoppm, 150–300 dpi), turned grey on slightly grey paper, skewed by a small
angle, speckled with noise, JPEG-compressed, and the last page gets a red round seal over part
of its text; the pages become an image-only PDF (img2pdf, fixed dates).

Deterministic: the noise comes from a seeded generator, img2pdf gets fixed dates.
Needs poppler-utils, python3-pil, img2pdf (Debian). Run by hand:
/usr/bin/python3 corpus/tools/render_scanned.py
"""
import io
import math
import os
import random
import subprocess
import tempfile

from PIL import Image, ImageChops, ImageDraw, ImageFont

import truthlib as T

OUT = os.path.join(T.CORPUS, "scanned")
PDF = os.path.join(T.CORPUS, "pdf")
STAMP_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"

# (scanned file, source PDF in corpus/pdf, dpi, skew in degrees, JPEG quality, layout note)
DOCUMENTS = [
    ("huaian-city-2024.scan300.pdf", "huaian-city-2024.pdf", 300, 0.8, 50, "300 dpi, skew 0.8°, seal on the last page"),
    ("huaian-city-2024.repeat-header.scan200.pdf", "huaian-city-2024.repeat-header.pdf", 200, -1.5, 70,
     "200 dpi, skew -1.5°, repeated table header"),
    ("huaian-city-2024-mixed.scan300.pdf", "huaian-city-2024-mixed.wqy.pdf", 300, -1.0, 50,
     "300 dpi, skew -1.0°, mixed template, WenQuanYi font"),
    ("shanghai-office-2019.scan300.pdf", "shanghai-office-2019.pdf", 300, 0.5, 50, "300 dpi, skew 0.5°, 2019 format"),
    ("testcity-2025.scan300.pdf", "testcity-2025.uming.pdf", 300, 1.2, 50, "300 dpi, skew 1.2°, AR PL UMing"),
    ("testcity-2025-balance-broken.scan250.pdf", "testcity-2025-balance-broken.pdf", 250, -0.7, 65,
     "250 dpi, skew -0.7°, planted balance break"),
    ("xinchun-2024-review-broken.scan150.pdf", "xinchun-2024-review-broken.pdf", 150, 2.0, 75,
     "150 dpi, skew 2.0°, planted review total break"),
    ("xinchun-2024.scan200.pdf", "xinchun-2024.html.pdf", 200, 0.6, 70, "200 dpi, skew 0.6°, from the HTML print"),
]


def source_truth_case(pdf_name):
    with open(T.MANIFEST, encoding="utf-8") as f:
        for line in f.read().splitlines()[1:]:
            doc, case, _ = line.split("\t")
            if doc == f"corpus/pdf/{pdf_name}":
                return case
    raise KeyError(pdf_name)


def noise_tile(rng, size=509):
    """A tile of paper grain: faint grey variation and a few dark specks (a prime size, so the
    repetition does not line up with the text grid)."""
    data = bytes(255 - int(abs(rng.gauss(0, 2.5))) if rng.random() > 0.0006 else rng.randrange(60, 160)
                 for _ in range(size * size))
    return Image.frombytes("L", (size, size), data)


def grain(page, rng):
    tile = noise_tile(rng)
    layer = Image.new("L", page.size)
    for y in range(0, page.size[1], tile.size[1]):
        for x in range(0, page.size[0], tile.size[0]):
            layer.paste(tile, (x, y))
    return ImageChops.multiply(page, layer)


def seal(page, dpi, agency):
    """A red round seal (ring, star, agency name on an arc) drawn over part of the text."""
    img = page.convert("RGB")
    r = int(dpi * 0.8)  # 4 cm across
    # Centre it on the last line of text above the footer, as a seal over the closing words.
    w, h = page.size
    ink = page.point(lambda v: 255 if v < 50 else 0)  # text cores; the specks are lighter
    rows = [y for y in range(int(h * 0.08), int(h * 0.80), max(1, dpi // 50))
            if ink.crop((0, y, w, y + 1)).getbbox()]
    cx, cy = int(w * 0.62), (rows[-1] if rows else int(h * 0.4))
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    red = (215, 30, 35, 170)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=max(3, dpi // 30))
    star = [(cx + r * 0.28 * math.cos(math.pi / 2 + k * math.pi / 5) * (1 if k % 2 == 0 else 0.4),
             cy - r * 0.28 * math.sin(math.pi / 2 + k * math.pi / 5) * (1 if k % 2 == 0 else 0.4)) for k in range(10)]
    d.polygon(star, fill=red)
    font = ImageFont.truetype(STAMP_FONT, max(12, int(r * 0.2)))
    text = agency[:12]
    for i, ch in enumerate(text):
        a = math.pi * (1.15 - 1.3 * i / max(1, len(text) - 1))  # from the left, over the top, to the right
        x, y = cx + r * 0.72 * math.cos(a), cy - r * 0.72 * math.sin(a)
        glyph = Image.new("RGBA", (int(r * 0.3), int(r * 0.3)), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((0, 0), ch, font=font, fill=red)
        glyph = glyph.rotate(math.degrees(a) - 90, expand=True)
        layer.alpha_composite(glyph, (int(x - glyph.size[0] / 2), int(y - glyph.size[1] / 2)))
    img = Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB")
    return img


def scan(src, dpi, skew, quality, agency, seed):
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", src, os.path.join(tmp, "p")], check=True)
        names = sorted(n for n in os.listdir(tmp) if n.endswith(".png"))
        jpegs = []
        for i, n in enumerate(names):
            page = Image.open(os.path.join(tmp, n)).convert("L")
            page = page.point(lambda v: 232 + v * 23 // 255 if v > 200 else v * 232 // 255)  # grey paper, softer black
            page = page.rotate(skew + rng.uniform(-0.15, 0.15), resample=Image.BICUBIC, fillcolor=236)
            page = grain(page, rng)
            img = seal(page, dpi, agency) if i == len(names) - 1 else page
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)
            path = os.path.join(tmp, f"s{i:03d}.jpg")
            with open(path, "wb") as f:
                f.write(buf.getvalue())
            jpegs.append(path)
        out = os.path.join(tmp, "out.pdf")
        subprocess.run(["img2pdf", "--engine", "internal", "--creationdate", "2025-01-20T09:00:00", "--moddate", "2025-01-20T09:00:00",
                        "--producer", "", "-o", out] + jpegs, check=True)
        with open(out, "rb") as f:
            return f.read()


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = []
    for name, src, dpi, skew, quality, note in DOCUMENTS:
        case = source_truth_case(src)
        path = os.path.join(OUT, name)
        if not os.path.exists(path):
            data = scan(os.path.join(PDF, src), dpi, skew, quality, T.load(case)["agency"], name)
            with open(path, "wb") as f:
                f.write(data)
            print("wrote", path, len(data))
        rows.append((f"corpus/scanned/{name}", case, f"scan of pdf/{src}: {note}"))
    T.update_manifest("scanned", rows)


if __name__ == "__main__":
    main()
