#!/usr/bin/python3
# Usage: make_requests_scan.py ../shared/examples/huaian-city-2024.pdf tests/data/ocr/requests-scan.pdf
# (Debian python3-pil and img2pdf; pdftoppm from poppler-utils.)
# Makes tests/data/ocr/requests-scan.pdf: the top of table 3 of huaian-city-2024.pdf page 4, as an
# agency scan: 200 dpi grey, 0.7° skew, specks, a red seal over the 0 columns, JPEG.
from PIL import Image, ImageDraw, ImageChops
import random, subprocess, sys
random.seed(11)
subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-f", "4", "-l", "4", sys.argv[1], "/tmp/c200"], check=True)
im = Image.open('/tmp/c200-4.png').convert('L').crop((170, 1000, 1480, 1600))
w, h = im.size
px = im.load()
for _ in range(w * h // 500):
    x, y = random.randrange(w), random.randrange(h); px[x, y] = random.choice([60, 120, 180])
im = im.rotate(0.7, resample=Image.BICUBIC, fillcolor=255).convert('RGB')
st = Image.new('RGBA', im.size, (0,0,0,0)); d = ImageDraw.Draw(st)
cx, cy, r = 840, 420, 130
d.ellipse([cx-r, cy-r, cx+r, cy+r], outline=(215, 35, 45, 255), width=7)
d.regular_polygon((cx, cy, 45), 5, fill=(215, 35, 45, 255))
white = Image.new('RGB', im.size, (255,255,255))
ink = Image.composite(st.convert('RGB'), white, st.split()[3])
im = ImageChops.multiply(im, ink)
im.save('/tmp/fixture.jpg', quality=75, dpi=(200, 200))
im.save('/tmp/fixture.png')
subprocess.run(["img2pdf", "-o", sys.argv[2], "/tmp/fixture.jpg"], check=True)
