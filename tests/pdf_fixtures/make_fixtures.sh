#!/usr/bin/env bash
# Makes the small PDFs the PDF extractor's tests read (run by hand; the outputs are committed):
#   tiny.pdf               one page of Chinese text and a small table, printed by LibreOffice
#   encrypted-user.pdf     tiny.pdf encrypted with a user password ("secret"): cannot be opened
#   encrypted-owner.pdf    tiny.pdf encrypted with an owner password only: opens without one
#   no-tounicode.pdf       tiny.pdf with its fonts' ToUnicode maps removed: the text layer is garbage
#   image-only.pdf         tiny.pdf rasterized at 60 dpi: no text layer at all
#   text-and-image.pdf     tiny.pdf's page, then image-only.pdf's: one page readable, one not
#   many-pages.pdf         tiny.pdf's page 301 times: more pages than a report has
# Needs libreoffice-writer-nogui, qpdf, poppler-utils, img2pdf (none of them at build or test time).
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/tiny.html" <<'HTML'
<html><head><meta charset="utf-8"></head><body style="font-family:'Noto Serif CJK SC'">
<h3>测试市政府信息公开工作年度报告</h3>
<p>一、总体情况</p>
<p>2025年，全市共受理政府信息公开申请12件，答复12件，均在法定期限内予以答复。本报告所列数据统计期限自2025年1月1日至12月31日。</p>
<table border="1"><tr><td>信息内容</td><td>本年处理决定数量</td></tr><tr><td>行政许可</td><td>345</td></tr></table>
</body></html>
HTML
soffice --headless --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export --outdir "$work" "$work/tiny.html" >/dev/null 2>&1
qpdf --deterministic-id "$work/tiny.pdf" tiny.pdf
qpdf --static-id --encrypt secret owner 256 -- tiny.pdf encrypted-user.pdf
qpdf --static-id --encrypt "" owner 256 -- tiny.pdf encrypted-owner.pdf
qpdf --qdf --object-streams=disable tiny.pdf "$work/qdf.pdf"
sed 's#/ToUnicode#/XoUnicode#g' "$work/qdf.pdf" > "$work/qdf2.pdf"
fix-qdf "$work/qdf2.pdf" > "$work/qdf3.pdf"
qpdf --deterministic-id --compress-streams=y --object-streams=generate "$work/qdf3.pdf" no-tounicode.pdf
pdftoppm -r 60 -gray -png tiny.pdf "$work/page"
img2pdf --engine=internal --nodate -o image-only.pdf "$work"/page*.png
qpdf --empty --deterministic-id --pages tiny.pdf image-only.pdf -- text-and-image.pdf
qpdf --empty --deterministic-id --pages $(for i in $(seq 1 301); do printf 'tiny.pdf '; done) -- many-pages.pdf
ls -l ./*.pdf
