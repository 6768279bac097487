#!/bin/sh
# A bounded stand-in for LibreOffice in the DOC fuzz harness (fuzz_doc.cpp): called as soffice is
# (`--headless … --convert-to docx:… --outdir DIR INPUT`), it "converts" INPUT by copying it to
# DIR/<stem>.docx, so the fuzzed bytes reach the DOCX reader after the conversion's process handling.
outdir=""
input=""
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) outdir=$2; shift 2 ;;
    *) input=$1; shift ;;
  esac
done
[ -n "$outdir" ] && [ -f "$input" ] || exit 1
name=$(basename "$input")
exec cp "$input" "$outdir/${name%.*}.docx"
